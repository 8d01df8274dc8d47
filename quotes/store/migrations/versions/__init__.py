"""Migration scripts, one linear chain: 0001, 0002, ..."""
