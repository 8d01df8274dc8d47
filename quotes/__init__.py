"""quotes: find who said what in news articles, and through whom."""

__version__ = "0.1.0"
