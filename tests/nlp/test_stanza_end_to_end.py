"""One real load of the bundled stanza models, on the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.ingest import Article, read_file
from quotes.nlp import speedups
from quotes.nlp.doc import ParsedDoc
from quotes.nlp.pipeline import Parser

SEED = Path(__file__).resolve().parents[2] / "seeds" / "moscow-times-hamas-delegates.md"

pytestmark = pytest.mark.models

SeedDoc = tuple[Article, ParsedDoc]


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


def test_selecting_every_sentence_equals_the_full_parse(seed_doc: SeedDoc) -> None:
    article, doc = seed_doc
    selected = Parser().parse_many([article.parse_text], select=lambda _text, spans: [True] * len(spans))[0]
    assert selected == doc


def test_unselected_sentences_are_only_tokenised(seed_doc: SeedDoc) -> None:
    article, doc = seed_doc

    def with_quote_mark(text: str, spans: list[tuple[int, int]]) -> list[bool]:
        return ["“" in text[start:end] for start, end in spans]

    gated = Parser().parse_many([article.parse_text], select=with_quote_mark)[0]
    assert [t.text for t in gated.tokens()] == [t.text for t in doc.tokens()]
    for sent, full in zip(gated.sentences, doc.sentences, strict=True):
        if "“" in article.text[sent.start : sent.end]:
            assert sent.parsed and sent == full
        else:
            assert not sent.parsed
            assert all(t.upos == "" and t.head == -1 and t.ner == "O" for t in sent.tokens)


def test_faster_stanza_internals_give_stanzas_parse(seed_doc: SeedDoc) -> None:
    article, doc = seed_doc  # parsed with quotes.nlp.speedups installed
    speedups.uninstall()
    try:
        stock = Parser().parse(article.parse_text)
    finally:
        speedups.install()
    assert stock == doc


def test_tokenizer_without_padding_splits_as_stanza_does(seed_doc: SeedDoc) -> None:
    """stanza pads every paragraph of a batch to the longest and reads a paragraph of several thousand
    characters in windows; the faster reading must give the same tokens and sentences. The headline
    is one whose last token depends on the pad stanza always reads after a paragraph."""
    article, doc = seed_doc
    sentences = [article.parse_text[s.start : s.end] for s in doc.sentences]
    long_paragraph = " ".join(sentences * 3)
    assert len(long_paragraph) > 3000
    headline = "Senator To Bank Chief: ‘You Should Be Criminally Investigated.’"
    texts = [
        "\n\n".join([sentences[0], long_paragraph, *sentences[1:6], long_paragraph[:900], sentences[-1]]),
        "\n\n".join([headline, *sentences[1:4]]),
    ]

    def split(parsed: ParsedDoc) -> list[list[tuple[int, int]]]:
        return [[(t.start, t.end) for t in s.tokens] for s in parsed.sentences]

    fast = Parser(processors="tokenize,mwt").parse_many(texts)
    speedups.uninstall()
    try:
        stock = Parser(processors="tokenize,mwt").parse_many(texts)
    finally:
        speedups.install()
    assert [split(d) for d in fast] == [split(d) for d in stock]
    assert len(fast[0].sentences) > 2 * len(sentences)  # the long paragraph is split too


def test_lemmas_kept_from_earlier_articles_are_the_same(seed_doc: SeedDoc) -> None:
    """The second time round every word the lemmatizer's model handled comes from its stored results."""
    article, doc = seed_doc
    assert Parser().parse(article.parse_text) == doc
