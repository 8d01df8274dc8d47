from __future__ import annotations

import json
from pathlib import Path

import pytest
from eval_fixtures import ARTICLE, SHARED, brat_annotation, span_of

from quotes.errors import InputError, QuotesError
from quotes.evaluate import derive_kind, load_gold, load_polnear, load_seed_gold, parse_brat
from quotes.evaluate.gold import SPEAKER_BY_NAME, SPEAKER_BY_SPAN

# ---------------------------------------------------------------- kinds


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ('"We are nearly done."', "direct"),
        ("“We are nearly done,”", "direct"),
        ("“We are nearly done", "direct"),  # left open: the quote carries on into the next paragraph
        ('"He asked, “Why now?” and left."', "direct"),  # nested curly inside straight
        ("“He said ‘no’ twice.”", "direct"),  # single marks are not counted as quotes
        ('an "outlaw nation in the neighborhood."', "mixed"),  # one unquoted word is enough
        ("the plan was “reckless,” he argued", "mixed"),
        ("that the bridge would reopen in May", "indirect"),
        ("the mayor’s plan won’t work", "indirect"),  # apostrophes are not quote marks
        ("”stray closing mark only", "indirect"),
        ("", "indirect"),
    ],
)
def test_derive_kind(content: str, kind: str) -> None:
    assert derive_kind(content) == kind


def test_derive_kind_reads_each_fragment_on_its_own() -> None:
    # The fragments of a quote split around "he said" are each fully quoted.
    assert derive_kind(['"We are nearly done,"', '"The last beams go in."']) == "direct"
    assert derive_kind(['"We are nearly done,"', "the beams go in"]) == "mixed"


# ---------------------------------------------------------------- brat


def test_parse_brat_reads_all_attributions_in_text_order() -> None:
    quotes = parse_brat(brat_annotation(), ARTICLE, "a.ann")
    assert [q.ref for q in quotes] == ["E1", "E2", "E3", "E4"]  # E5 has no content and is dropped
    first, _, third, fourth = quotes
    assert first.kind == "indirect"
    assert first.spans == (span_of(ARTICLE, "that the bridge would reopen in May"),)
    assert first.speaker == "Mayor Ann Lee"
    assert first.speaker_spans == (span_of(ARTICLE, "Mayor Ann Lee"),)
    assert first.cue == "said on Monday"
    assert third.kind == "mixed"
    assert third.speaker == "The council"
    assert fourth.kind == "indirect"


def test_parse_brat_discontinuous_content() -> None:
    quote = parse_brat(brat_annotation(), ARTICLE, "a.ann")[1]
    assert quote.spans == (
        span_of(ARTICLE, '"We are nearly done,"'),
        span_of(ARTICLE, '"The last beams go in next week."'),
    )
    assert quote.content == '"We are nearly done," … "The last beams go in next week."'
    assert quote.kind == "direct"
    lee = ARTICLE.index("Lee said.")
    assert quote.speaker_spans == ((lee, lee + 3),)


def test_parse_brat_missing_source_and_multiline_text() -> None:
    # T11 covers a line break, so its text runs onto the next .ann line; the parser must skip it.
    quote = parse_brat(brat_annotation(), ARTICLE, "a.ann")[3]
    assert quote.speaker is None
    assert quote.speaker_spans == ()
    assert quote.cue is None
    assert ARTICLE[quote.spans[0][0] : quote.spans[0][1]] == "Costs rose\nsharply"


def test_parse_brat_merges_second_content_and_orders_spans() -> None:
    text = 'It is "late," she said. "Go home."'
    ann = (
        f"T1\tContent 24 34\t{text[24:34]}\n"
        f"T2\tContent 6 13\t{text[6:13]}\n"
        f"T3\tSource 14 17\tshe\n"
        f"E1\tAttribution:T3 Source:T3 Content:T2 Content2:T1\n"
    )
    quote = parse_brat(ann, text, "x.ann")[0]
    assert quote.spans == ((6, 13), (24, 34))
    assert quote.kind == "direct"


@pytest.mark.parametrize(
    ("ann", "problem"),
    [
        ("T1 Source 0 5\tMayor", "x.ann:1: malformed line"),
        ("T1\tSource zero five\tMayor", "x.ann:1: bad span list"),
        ("T1\tSource 0 5;9\tMayor", "x.ann:1: bad span list"),
        ("T1\tSource 0 99999\tMayor", "x.ann:1: span 0-99999 lies outside the text"),
        ("T1\tSource\tMayor", "x.ann:1: malformed text-bound line"),
        ("T1\tSource 0 5\tMayor\nE1\tSource:T1 Content:T9", "x.ann:2: E1 refers to T9, which is not defined"),
        ("T1\tSource 0 5\tMayor\nE1\tSource=T1", "x.ann:2: malformed event argument"),
        ("T1\tSource 0 5\tMayor\nE1\tSpeaker:T1", "x.ann:2: E1 has an unknown role 'Speaker'"),
        ("E1\t", "x.ann:1: malformed event line"),
        ("just some words", "x.ann:1: malformed line 'just some words'"),
    ],
)
def test_parse_brat_rejects_malformed_lines(ann: str, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_brat(ann, ARTICLE, "x.ann")
    assert str(caught.value).startswith(problem)


def test_load_polnear_uses_the_first_annotation_file_by_name(brat_split: Path) -> None:
    (article,) = load_polnear(brat_split)
    assert article.name == "city_bridge"
    assert article.annotation_path.endswith("city_bridge_a1.ann")
    assert article.speaker_mode == SPEAKER_BY_SPAN
    assert len(article.quotes) == 4


def test_load_polnear_skips_texts_without_annotations(brat_split: Path) -> None:
    (brat_split / "text" / "unannotated.txt").write_text("Nothing here.\n", encoding="utf-8")
    assert [a.name for a in load_polnear(brat_split)] == ["city_bridge"]


def test_annotator_suffix_is_split_at_the_last_underscore(brat_split: Path) -> None:
    # Article names themselves contain underscores.
    (brat_split / "text" / "a_b_c.txt").write_text(ARTICLE, encoding="utf-8")
    (brat_split / "attributions" / "a_b_c_ef2d.ann").write_text(brat_annotation(), encoding="utf-8")
    assert [a.name for a in load_polnear(brat_split)] == ["a_b_c", "city_bridge"]


def test_load_polnear_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"absent: no such file or directory$"):
        load_polnear(tmp_path / "absent")


def test_load_polnear_folder_without_attributions(tmp_path: Path) -> None:
    (tmp_path / "split" / "text").mkdir(parents=True)
    with pytest.raises(InputError, match=r"split: not a PolNeAR split folder: no attributions/ inside$"):
        load_polnear(tmp_path / "split")


def test_load_polnear_file_instead_of_folder(tmp_path: Path) -> None:
    (tmp_path / "f.txt").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=r"f.txt: not a folder"):
        load_polnear(tmp_path / "f.txt")


def test_load_polnear_names_the_file_of_a_malformed_line(brat_split: Path) -> None:
    bad = brat_split / "attributions" / "city_bridge_a1.ann"
    bad.write_text(brat_annotation() + "oops\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_polnear(brat_split)
    assert str(bad) in str(caught.value)
    assert "malformed line 'oops'" in str(caught.value)


def test_load_polnear_with_annotations_but_no_matching_text(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "one.txt").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="no article in text/ has an annotation file"):
        load_polnear(tmp_path)


# ---------------------------------------------------------------- seed gold


def test_load_seed_gold_file(seed_gold: Path) -> None:
    (article,) = load_seed_gold(seed_gold)
    text = article.text
    assert article.name == "oslo-talks"
    assert article.speaker_mode == SPEAKER_BY_NAME
    assert [q.kind for q in article.quotes] == ["indirect", "indirect", "direct", "mixed"]  # text order
    headline, ministry, direct, mixed = article.quotes
    assert headline.optional and not ministry.optional
    assert text[direct.spans[0][0] : direct.spans[0][1]] == "We remain hopeful,"
    assert direct.speaker == "Kari Berg" and direct.aliases == ("Berg",)
    assert ministry.aliases == ("Foreign Ministry",)
    assert mixed.content == "the talks were “productive.”"


def test_load_gold_tells_the_formats_apart(seed_gold: Path, brat_split: Path) -> None:
    assert load_gold(seed_gold.parent)[0].name == "oslo-talks"
    assert load_gold(seed_gold)[0].name == "oslo-talks"
    assert load_gold(brat_split)[0].name == "city_bridge"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda g: g["quotes"][0].update(content="not in the article"), "content is not an exact substring"),
        (lambda g: g["quotes"][0].update(kind="paraphrase"), "has kind 'paraphrase'"),
        (lambda g: g["quotes"][0].pop("content"), 'has no "content" string'),
        (lambda g: g["quotes"][0].update(aliases="Berg"), "aliases and via must be a list of strings"),
        (lambda g: g.update(article="elsewhere.md"), '"article" names elsewhere.md, which is not beside it'),
        (lambda g: g.pop("quotes"), 'expected an object with a "quotes" list'),
    ],
)
def test_seed_gold_errors(seed_gold: Path, change: object, message: str) -> None:
    gold = json.loads(seed_gold.read_text(encoding="utf-8"))
    change(gold)  # type: ignore[operator]
    seed_gold.write_text(json.dumps(gold), encoding="utf-8")
    with pytest.raises(QuotesError, match=message):
        load_seed_gold(seed_gold)


def test_seed_gold_invalid_json(seed_gold: Path) -> None:
    seed_gold.write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match=r"oslo-talks.gold.json: invalid JSON"):
        load_gold(seed_gold)


@pytest.mark.parametrize(
    ("name", "message"),
    [("missing", "no such file or directory"), ("plain.txt", "not a gold file")],
)
def test_load_gold_bad_paths(tmp_path: Path, name: str, message: str) -> None:
    if name.endswith(".txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_gold(tmp_path / name)


def test_load_gold_folder_of_neither_format(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="holds neither text/ and attributions/"):
        load_gold(tmp_path)


# ---------------------------------------------------------------- the shared corpora (skipped without ../shared)

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared (corpora beside the repo) is absent")


@needs_shared
def test_real_seed_gold_loads() -> None:
    (article,) = load_seed_gold(SHARED / "seeds")
    assert len(article.quotes) == 9
    assert sorted(q.kind for q in article.quotes).count("direct") == 3
    for quote in article.quotes:
        start, end = quote.spans[0]
        assert article.text[start:end] == quote.content


@needs_shared
def test_real_polnear_dev_loads() -> None:
    articles = load_polnear(SHARED / "data" / "polnear" / "dev")
    assert len(articles) == 84
    quotes = [q for a in articles for q in a.quotes]
    assert len(quotes) > 2000
    assert {q.kind for q in quotes} == {"direct", "mixed", "indirect"}
    assert any(len(q.spans) > 1 for q in quotes)
    assert any(not q.speaker_spans for q in quotes)
