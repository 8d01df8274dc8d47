"""Which sentences the parse gate sends to the full parse, and why, on hand-written text."""

from __future__ import annotations

import re

from quotes.extract.gate import inflections, select_sentences, sentence_reasons


def _spans(text: str) -> list[tuple[int, int]]:
    """Sentences as the tokenizer would split them here: runs ending in . ? ! (and a closing quote)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\s.?!][^.?!]*[.?!]+[”\"]?", text)]


ARTICLE = (
    "The bridge reopened on Monday after two weeks of repairs.\n\n"  # 0 context of the quote below
    "“We are glad it is over,” the mayor’s office wrote.\n\n"  # 1 quote and cue
    "Traffic was light in the morning.\n\n"  # 2 context after the quote
    "Workers painted the railings.\n\n"  # 3 nothing
    "According to the city, the work cost $2 million.\n\n"  # 4 according to
    "The state plans a second bridge.\n\n"  # 5 "state", "plans": nouns and a verb, see below
    "Critics questioned the cost.\n\n"  # 6 cue verb ("question")
    "The report is due in May.\n\n"  # 7 "report" after "the": a noun
    "It rained all week.\n\n"  # 8 nothing
    "Residents gathered at the river.\n\n"  # 9 context before the quote that follows
    "“It is a relief.”\n\n"  # 10 a quote with no cue of its own (a paragraph to itself)
    "The river is wide.\n\n"  # 11 context after that quote
    "Boats passed all day.\n\n"  # 12 nothing
    "Dmitry Peskov visited the site.\n\n"  # 13 the full name a later surname resolves to
    "Peskov said the bridge was safe.\n\n"  # 14 cue
    "Tom Smith said “I think we like it” after lunch."  # 15 cue outside the quote
)


def test_reasons_per_sentence() -> None:
    spans = _spans(ARTICLE)
    assert len(spans) == 16
    reasons = sentence_reasons(ARTICLE, spans)
    assert reasons[0] == {"quote-context"}
    assert {"quote", "cue"} <= reasons[1]
    assert reasons[2] == {"quote-context"}
    assert reasons[3] == set()
    assert reasons[4] == {"according"}
    assert reasons[5] == {"cue"}  # "plans" could be the verb (it is here); "state" after "The" is not counted
    assert reasons[6] == {"cue"}
    assert reasons[7] == set()  # "the report": a noun
    assert reasons[8] == set()
    assert reasons[9] == {"quote-context"}
    assert reasons[10] == {"quote"}
    assert reasons[11] == {"quote-context"}
    assert reasons[12] == set()
    assert reasons[13] == {"full-name"}  # "Peskov said" below resolves to it
    assert "cue" in reasons[14]
    assert {"quote", "cue"} <= reasons[15]
    assert select_sentences(ARTICLE, spans) == [bool(r) for r in reasons]


def test_a_cue_word_inside_a_quote_is_the_quoted_speakers() -> None:
    text = "“I think we like it,” the chef said. The soup was cold. “I think so,” he added."
    reasons = sentence_reasons(text, _spans(text))
    assert "cue" in reasons[0]  # "said", outside the marks
    # "think" and "like" are inside quotation marks; "added" makes the third a cue sentence anyway.
    only_inside = "“We think we like it.”"
    assert "cue" not in sentence_reasons(only_inside, _spans(only_inside))[0]


def test_paragraph_context_for_a_quote_without_a_cue() -> None:
    text = "The crowd gathered early. Nobody left. “It was worth the wait.”\n\nThe doors opened at nine."
    spans = _spans(text)
    reasons = sentence_reasons(text, spans)
    assert reasons[0] == {"paragraph"}  # same paragraph: the speaker may be named here
    assert "quote-context" in reasons[1]
    assert reasons[2] == {"quote"}
    assert reasons[3] == {"quote-context"}


def test_headlines_and_owned_nouns() -> None:
    text = "Clinton: Trump will lose. Her promise to build schools was popular. The lake froze."
    reasons = sentence_reasons(text, _spans(text))
    assert "headline" in reasons[0]
    assert "owned-noun" in reasons[1]
    assert reasons[2] == set()


def test_a_verb_with_a_that_clause_is_a_cue_whatever_the_verb() -> None:
    text = "Investigators discovered that the files were gone. The files were gone."
    reasons = sentence_reasons(text, _spans(text))
    assert reasons[0] == {"cue"}
    assert reasons[1] == set()


def test_stance_adjectives_and_support_received_are_cues() -> None:
    text = "Farmers are worried about the drought. The governor has the support of the unions. A support beam fell."
    reasons = sentence_reasons(text, _spans(text))
    assert reasons == [{"cue"}, {"cue"}, set()]  # the last "support" has no "of"/"from" after it
    inside = "“We are worried.”"
    assert "cue" not in sentence_reasons(inside, _spans(inside))[0]  # the adjective is the quoted speaker's


def test_inflections_cover_the_forms_a_lemmatizer_maps_back() -> None:
    assert {"say", "says", "said", "saying"} <= inflections("say")
    assert {"admit", "admits", "admitted", "admitting"} <= inflections("admit")
    assert {"deny", "denies", "denied", "denying"} <= inflections("deny")
    assert {"argue", "argues", "argued", "arguing"} <= inflections("argue")
    assert {"tell", "told"} <= inflections("tell")


def test_no_sentences() -> None:
    assert select_sentences("", []) == []
