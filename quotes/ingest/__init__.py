"""Turn files into Articles (text, parse text of the same length, metadata)."""

from quotes.ingest.readers import MAX_BYTES, Article, discover, read_file, read_paths

__all__ = ["MAX_BYTES", "Article", "discover", "read_file", "read_paths"]
