"""Quotations whose cue the verb finder missed: "\"...,\" Oliver barked", and floating quotes."""

from __future__ import annotations

import re
from dataclasses import replace

from quotes.extract.candidates import (
    Candidate,
    Mention,
    clause_final,
    cue_lemma,
    is_cue_verb,
    make_mention,
    token_span,
)
from quotes.extract.quotemarks import QuoteSpan
from quotes.extract.syntax import (
    SentenceView,
    surface_np_right,
)
from quotes.nlp.doc import ParsedDoc, Sentence

# '“…” ― Pamela Padilla' / '- Bernie Sanders.' / '-Michelle Marks, Philadelphia.': a dash and a name on the rest of
# the line (or on the next paragraph) sign the quotation before it.
_SIGNATURE = re.compile(
    r"[ \t]*(?:\n[ \t]*){0,2}(?P<dash>[―—–]|-{1,2})[ \t]*"
    r"(?P<name>[A-Z][\w.'’-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|de|del|van|von|la|di)){0,4})"
    r"(?P<rest>[^\n]*)"
)

# Quotations shorter than this are titles, slogans or scare quotes far more often than statements.
MIN_QUOTE_WORDS = 5


def quote_speaker_candidates(doc: ParsedDoc, quotes: list[QuoteSpan], taken: list[Candidate]) -> list[Candidate]:
    """'"...," Oliver barked.' / '"...," retorted Smith.': after a quotation, a subject and a verb closing the
    sentence make that verb a cue, whatever the verb (the word lists cannot hold every one). When the
    quotation ends its sentence ('"... me?" Trump said.'), the next sentence must hold a verb of saying."""
    out: list[Candidate] = []
    for q in quotes:
        if _claimed(q, taken):
            continue
        if len(doc.text[q.inner_start:q.inner_end].split()) < MIN_QUOTE_WORDS:
            continue  # '"Scandal," Mr. Brolin gets': a short quotation is a title or a phrase, not a statement
        sent = doc.sentence_at(max(q.end - 1, q.start))
        if sent is None or not sent.parsed:
            continue
        toks = sent.tokens
        pos = next((t.index for t in toks if t.start >= q.end), None)
        own_sentence = pos is None
        if own_sentence:
            # '"… missing?" Trump said.': the quotation ended its sentence; the attribution is the next one.
            sent = _next_in_paragraph(doc, sent, q.end)
            if sent is None:
                continue
            toks, pos = sent.tokens, 0
        view = SentenceView(doc, sent)
        while pos < len(toks) and toks[pos].text in (",", "—", "–"):
            pos += 1
        found = _speaker_then_verb(view, pos) or _verb_then_speaker(view, pos)
        if found is None or (own_sentence and not is_cue_verb(toks[found[1]])):
            continue  # '"…." He laughed.': after a full stop, only a verb of saying points back
        speaker, verb = found
        out.append(Candidate(
            content=(q.start, q.end), cue=token_span(view, verb, verb), cue_lemma=cue_lemma(toks[verb]),
            sentence=sent.index, speaker=make_mention(view, speaker), rule="quote-speaker",
            confidence=0.7 if not q.recovered else 0.45, recovered_quote=q.recovered))
    return out


def _claimed(q: QuoteSpan, taken: list[Candidate]) -> bool:
    """Whether some attribution's content already holds the quotation or starts inside it."""
    return any(c.content[0] <= q.inner_start < c.content[1] or q.start <= c.content[0] < q.end for c in taken)


def _next_in_paragraph(doc: ParsedDoc, sent: Sentence, after: int) -> Sentence | None:
    """The sentence right after ``sent`` when only spaces separate it from offset ``after``."""
    if sent.index + 1 >= len(doc.sentences):
        return None
    nxt = doc.sentences[sent.index + 1]
    gap = doc.text[after : nxt.start]
    return nxt if nxt.parsed and nxt.paragraph == sent.paragraph and not gap.strip() and "\n" not in gap else None


def _speaker_then_verb(view: SentenceView, pos: int) -> tuple[tuple[int, int], int] | None:
    toks = view.tokens
    np = surface_np_right(view, pos)
    if np is None:
        return None
    verb = np[1] + 1
    while verb < len(toks) and toks[verb].upos == "ADV":
        verb += 1
    # The tagger sometimes reads a sentence-final verb as a noun ("the two write.").
    if verb >= len(toks) or toks[verb].upos not in ("VERB", "NOUN") or not clause_final(view, verb):
        return None
    if toks[verb].upos == "NOUN" and not is_cue_verb(replace(toks[verb], upos="VERB")):
        return None
    return np, verb


def _verb_then_speaker(view: SentenceView, pos: int) -> tuple[tuple[int, int], int] | None:
    toks = view.tokens
    if pos >= len(toks) or toks[pos].upos != "VERB" or toks[pos].xpos not in ("VBD", "VBZ"):
        return None
    np = surface_np_right(view, pos + 1)
    if np is None or not clause_final(view, np[1]):
        return None
    return np, pos


def floating_candidates(doc: ParsedDoc, quotes: list[QuoteSpan], taken: list[Candidate]) -> list[Candidate]:
    """Quotes not claimed by any cue: a whole-sentence quote takes the speaker of a neighbouring attribution."""
    out: list[Candidate] = []
    for q in quotes:
        if _claimed(q, taken):
            continue
        words = doc.text[q.inner_start:q.inner_end].split()
        sent = doc.sentence_at(q.inner_start)
        if sent is None or len(words) < MIN_QUOTE_WORDS:
            continue  # short quotes are titles, slogans or scare quotes
        # Only a quote that is a sentence of its own (not a fragment inside prose).
        lead = doc.text[sent.start:q.start].strip()
        if lead:
            continue
        neighbour = _neighbour(doc, q, taken, sent.index)
        if neighbour is None:
            continue
        out.append(Candidate(
            content=(q.start, q.end),
            cue=None,
            cue_lemma="",
            sentence=sent.index,
            speaker=neighbour.speaker,
            rule="floating",
            confidence=0.5 if not q.recovered else 0.35,
            recovered_quote=q.recovered,
        ))
    return out


def _neighbour(doc: ParsedDoc, q: QuoteSpan, taken: list[Candidate], sentence: int) -> Candidate | None:
    """The closest attribution with a speaker in this or the previous paragraph, else the next sentence."""
    paragraph = doc.sentences[sentence].paragraph
    best: Candidate | None = None
    for cand in taken:
        if cand.speaker is None or cand.rule == "according-to":
            continue
        cand_par = doc.sentences[cand.sentence].paragraph
        if cand.content[1] <= q.start and paragraph - cand_par <= 1 and sentence - cand.sentence <= 4 and (
                best is None or cand.content[1] > best.content[1]):
            best = cand
    if best is not None:
        return best
    for cand in taken:
        if cand.speaker is not None and cand.sentence == sentence + 1 and cand.rule != "according-to":
            return cand
    return None


def signed_quote_candidates(doc: ParsedDoc, quotes: list[QuoteSpan], taken: list[Candidate]) -> list[Candidate]:
    """A quotation that fills its line and is signed by a dash and a name after it, as in letters, listings
    and vox pops: the name is the speaker. A dash after a quotation inside prose ('… in Spain."--Kim
    Hjelmgaard.') is the writer's byline, and a line that ends on a dash too ('– An immigrant himself –')
    is a heading."""
    out: list[Candidate] = []
    for q in quotes:
        if _claimed(q, taken):
            continue
        line_start = doc.text.rfind("\n", 0, q.start) + 1
        if doc.text[line_start : q.start].strip():
            continue
        found = _SIGNATURE.match(doc.text, q.end)
        rest = found.group("rest").strip() if found is not None else ""
        if found is None or (rest and rest[0] not in ",(."):
            continue  # '- Reuters reported …' goes on as prose; '– An immigrant himself –' is a heading
        start, end = found.span("name")
        mention = _mention_at(doc, start, end)
        if mention is None:
            continue
        out.append(Candidate(
            content=(q.start, q.end), cue=found.span("dash"), cue_lemma="―", sentence=mention.sentence,
            speaker=mention, rule="signed-quote", confidence=0.7 if not q.recovered else 0.45,
            recovered_quote=q.recovered))
    return out


def _mention_at(doc: ParsedDoc, start: int, end: int) -> Mention | None:
    """The tokens of one sentence that cover the characters start..end."""
    sent = doc.sentence_at(start)
    if sent is None:
        return None
    inside = [t for t in sent.tokens if t.start >= start and t.end <= end]
    while inside and inside[-1].upos == "PUNCT":
        inside.pop()  # 'Bernie Sanders.': the full stop closes the line, not the name
    if not inside:
        return None
    return Mention(sent.index, inside[0].index, inside[-1].index, inside[0].start, inside[-1].end)
