"""socmap dashboard: the DuckDB file → pages and exports. Nothing here writes the database."""
