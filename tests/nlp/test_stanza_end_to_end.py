"""One real load of the bundled stanza models, on the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.ingest import Article, read_file
from quotes.nlp.pipeline import Parser

SEED = Path(__file__).resolve().parents[2] / "seeds" / "moscow-times-hamas-delegates.md"

pytestmark = pytest.mark.models


@pytest.fixture(scope="module")
def seed_doc():
    article = next(read_file(SEED))
    assert isinstance(article, Article)
    return article, Parser().parse(article.parse_text)


def test_offsets_point_into_the_original_markdown(seed_doc) -> None:
    article, doc = seed_doc
    assert doc.text == article.parse_text
    for tok in doc.tokens():
        assert article.text[tok.start : tok.end] == tok.text
    said = next(t for t in doc.tokens() if t.text == "said" and article.text[t.start - 1] == "[")
    assert article.text[said.start - 1 : said.end + 4] == "[said](#)"


def test_sentences_heads_and_paragraphs(seed_doc) -> None:
    _, doc = seed_doc
    assert 18 <= len(doc.sentences) <= 24
    for sent in doc.sentences:
        assert sum(1 for t in sent.tokens if t.head == -1) == 1
        assert all(-1 <= t.head < len(sent.tokens) for t in sent.tokens)
    peskov = next(s for s in doc.sentences if "We consider it necessary" in doc.text[s.start : s.end])
    said = next(t for t in peskov.tokens if t.text == "said")
    assert said.lemma == "say"
    assert any(t.text == "Peskov" and t.head == said.index and t.deprel == "nsubj" for t in peskov.tokens)
    assert len({s.paragraph for s in doc.sentences}) >= 15


def test_people_are_recognised(seed_doc) -> None:
    _, doc = seed_doc
    people = {e.text for e in doc.entities if e.type == "PERSON"}
    assert {"Maria Zakharova", "Dmitry Peskov", "Mikhail Bogdanov", "Vladimir Putin"} <= people
    assert any(e.text == "RIA Novosti" for e in doc.entities)
