"""Pieces used by several pages."""
