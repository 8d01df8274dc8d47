"""Alembic migrations of the quotes store (a package so that installs ship them)."""
