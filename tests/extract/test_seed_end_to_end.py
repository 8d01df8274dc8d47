"""The seed article through the real bundled models: every hand-annotated attribution, with its speaker."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotes.extract import Attribution, extract
from quotes.ingest import read_file
from quotes.nlp.pipeline import Parser

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
ARTICLE = SEEDS / "moscow-times-hamas-delegates.md"
GOLD = SEEDS / "moscow-times-hamas-delegates.gold.json"

pytestmark = [pytest.mark.models, pytest.mark.judged]

_TRIM = " \t\n,.;:“”\"'‘’"


def _letters(text: str, start: int, end: int) -> set[int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return set(range(start, end))


def _best(text: str, gold: dict, found: list[Attribution]) -> Attribution | None:
    start = text.find(gold["content"])
    assert start >= 0, gold["content"]
    want = _letters(text, start, start + len(gold["content"]))
    scored = []
    for attribution in found:
        got = _letters(text, *attribution.content_span)
        union = want | got
        scored.append((len(want & got) / len(union) if union else 0.0, attribution))
    score, best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
    return best if score >= 0.5 else None


@pytest.fixture(scope="module")
def seed() -> tuple[str, list[Attribution]]:
    article = next(read_file(ARTICLE))
    doc = Parser().parse(article.parse_text)
    return article.text, extract(doc)


GOLD_QUOTES = json.loads(GOLD.read_text(encoding="utf-8"))["quotes"]


@pytest.mark.parametrize("gold", GOLD_QUOTES, ids=[g["content"][:30] for g in GOLD_QUOTES])
def test_gold_attribution_found_with_its_speaker(seed: tuple[str, list[Attribution]], gold: dict) -> None:
    text, found = seed
    match = _best(text, gold, found)
    assert match is not None, f"not found: {gold['content']!r}"
    names = {gold["speaker"].lower(), *(alias.lower() for alias in gold["aliases"])}
    assert match.speaker is not None and match.speaker.lower() in names, match
    assert match.kind == gold["kind"]
    for channel in gold["via"]:
        assert channel.lower() in {c.name.lower() for c in match.via}, match.via


def test_photo_credit_and_related_article_are_not_sources(seed: tuple[str, list[Attribution]]) -> None:
    text, found = seed
    credit = text.index("Mikhail Japaridze")
    related = text.index("Related article")
    related_end = text.index("\n", related)
    for attribution in found:
        spans = [attribution.content_span, attribution.speaker_span or (0, 0)]
        for start, end in spans:
            assert not start <= credit < end
            assert not related <= start < related_end
    assert all("Japaridze" not in (a.speaker or "") and "TASS" not in (a.speaker or "") for a in found)


def test_roles_are_kept_apart_from_names(seed: tuple[str, list[Attribution]]) -> None:
    _, found = seed
    roles = {a.speaker: a.role for a in found if a.role}
    assert roles["Maria Zakharova"] == "Foreign Ministry spokeswoman"
    assert roles["Mikhail Bogdanov"] == "Deputy Foreign Minister"
    assert roles["Dmitry Peskov"] == "Kremlin spokesperson"
