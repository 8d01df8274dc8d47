"""Predictions from the real pipeline: read each gold article's file, parse it, extract."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from quotes.errors import QuotesError
from quotes.evaluate.gold import GoldArticle
from quotes.extract import extract
from quotes.extract.gate import select_sentences
from quotes.extract.types import Attribution
from quotes.ingest import Article, read_file
from quotes.nlp.models import resolve_models
from quotes.nlp.pipeline import Parser


def _read_article(gold: GoldArticle) -> Article:
    found = [a for a in read_file(Path(gold.text_path)) if isinstance(a, Article)]
    if len(found) != 1:
        raise QuotesError(f"{gold.text_path}: expected one article in the file, found {len(found)}")
    article = found[0]
    if article.text != gold.text:
        # Gold offsets index the file text; a reader that changed it would shift every span.
        raise QuotesError(f"{gold.text_path}: the article text read differs from the text the gold spans index")
    return article


def predict(
    gold: Sequence[GoldArticle],
    models_dir: str | None = None,
    batch_size: int = 8,
    progress: Callable[[int, int], None] | None = None,
    parse_mode: str = "all",
) -> dict[str, list[Attribution]]:
    """Run ``quotes.extract.extract`` over every gold article, parsing ``batch_size`` at a time; with
    ``parse_mode`` "gated" only the sentences ``quotes.extract.gate`` picks get a full parse."""
    parser = Parser(resolve_models(models_dir))
    select = select_sentences if parse_mode == "gated" else None
    articles = [(g.name, _read_article(g)) for g in gold]
    predictions: dict[str, list[Attribution]] = {}
    for start in range(0, len(articles), batch_size):
        chunk = articles[start : start + batch_size]
        docs = parser.parse_many([a.parse_text for _, a in chunk], select=select)
        for (name, _), doc in zip(chunk, docs, strict=True):
            predictions[name] = list(extract(doc))
        if progress:
            progress(min(start + batch_size, len(articles)), len(articles))
    return predictions
