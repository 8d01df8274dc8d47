"""Attribution extraction: who said what, through which channel, in a parsed article.

``extract(doc)`` is the entry point. Finders in ``candidates`` read constructions
(quotes, cue verbs, "according to") and propose candidates; ``engine`` picks one
per stretch of content and ``speakers`` resolves each speaker mention.
"""

from quotes.extract.engine import extract
from quotes.extract.quotemarks import QuoteSpan, find_quotes
from quotes.extract.types import KINDS, SPEAKER_TYPES, Attribution, Channel

__all__ = ["KINDS", "SPEAKER_TYPES", "Attribution", "Channel", "QuoteSpan", "extract", "find_quotes"]
