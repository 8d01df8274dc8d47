"""A fingerprint of the extractor: the code and data files that decide what is found.

A store keeps it with each article, so that an upgrade that changes any rule, word list
or learned model extracts the stored articles again instead of skipping them as
unchanged.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_SUFFIXES = frozenset({".py", ".txt", ".json", ".tsv", ".crfsuite"})


@cache
def extractor_fingerprint() -> str:
    """16 hex digits of a sha256 over every source and data file of ``quotes.extract``, by relative path."""
    digest = hashlib.sha256()
    for path in sorted(p for p in _PACKAGE.rglob("*") if p.suffix in _SUFFIXES and "__pycache__" not in p.parts):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]
