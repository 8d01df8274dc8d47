"""Score extracted attributions against gold annotations (PolNeAR brat folders, seed-gold JSON)."""

from quotes.evaluate.gold import (
    GoldArticle,
    GoldQuote,
    derive_kind,
    load_gold,
    load_polnear,
    load_seed_gold,
    parse_brat,
)
from quotes.evaluate.matching import JACCARD_THRESHOLD, jaccard, match_greedy, trim_span, trim_spans
from quotes.evaluate.predictions import read_predictions
from quotes.evaluate.samples import collect_errors, format_errors, sample_errors
from quotes.evaluate.score import ArticleResult, Pair, Report, score, speaker_is_right

__all__ = [
    "JACCARD_THRESHOLD",
    "ArticleResult",
    "GoldArticle",
    "GoldQuote",
    "Pair",
    "Report",
    "collect_errors",
    "derive_kind",
    "format_errors",
    "jaccard",
    "load_gold",
    "load_polnear",
    "load_seed_gold",
    "match_greedy",
    "parse_brat",
    "read_predictions",
    "sample_errors",
    "score",
    "speaker_is_right",
    "trim_span",
    "trim_spans",
]
