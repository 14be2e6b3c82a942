"""Pure functions DataFrame -> go.Figure: the same call feeds a page and an export."""
