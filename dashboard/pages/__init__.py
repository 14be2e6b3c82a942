"""One module per screen, with its callbacks."""
