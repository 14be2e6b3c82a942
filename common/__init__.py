"""What both halves read — `etl/` and `dashboard/` import from here, and nothing here imports either: the words
of the domain (vocabulary.py), named SQL files (sqlfile.py), safe spreadsheet cells (cell_text.py) and
distances on the Earth (distance.py)."""
