"""socmap ETL: sources → one DuckDB file."""
