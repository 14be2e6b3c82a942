"""One module per source format: each reads files and returns DataFrames, or raises BuildError."""
