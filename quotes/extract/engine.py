"""extract(): candidates from every finder, then overlap handling, then speaker resolution."""

from __future__ import annotations

import re
from dataclasses import replace

from quotes.extract import acceptance, lexicon, tagger
from quotes.extract.boundaries import cut_after_quote_comma, trim_end
from quotes.extract.candidates import Candidate, ChannelHint, Mention, make_mention
from quotes.extract.frames import according_candidates, adjective_candidates, headline_candidates, noun_candidates
from quotes.extract.quoted import floating_candidates, quote_speaker_candidates, signed_quote_candidates
from quotes.extract.quotemarks import QuoteSpan, find_quotes
from quotes.extract.speakers import Referent, describe, known_people, mention_text, resolve
from quotes.extract.syntax import SentenceView, surface_np_right
from quotes.extract.types import Attribution, Channel, Span, overlap
from quotes.extract.verbs import close_fronted_clause, prepositional_cue, verb_candidates
from quotes.nlp.doc import ParsedDoc

# Lines that credit a photo, sign the article or point to other articles carry no attributions.
_BOILERPLATE = re.compile(
    r"^\s*(related(\s+article)?s?\s*:|read more|see also|photo|image|credit|getty|ap photo|file photo|"
    r"updated with|editor['’]?s note|byline\s*:|by\s+[A-Z][\w.]+(\s+[A-Z][\w.]+){0,3}\s*$)",
    re.I,
)
_CREDIT_LINE = re.compile(r"^[\w .'’-]{2,60}\s/\s[\w .'’-]{2,40}$")
# Coordinators that start a new clause inside a long content ("…, and the delegates were said to …").
_COORDINATION = re.compile(r"(,\s*(and|but|while|whereas)\s|;\s)", re.I)


def extract(doc: ParsedDoc) -> list[Attribution]:
    """Attributions of ``doc`` in text order, each with the acceptance model's chance of being right as its
    confidence; the unlikely ones are left out."""
    return acceptance.judge(extract_unjudged(doc))


def extract_unjudged(doc: ParsedDoc) -> list[tuple[Attribution, acceptance.Features]]:
    """Every attribution the finders keep, with the finder's confidence and what the acceptance model reads
    of it (for fitting that model: ``scripts/cross_validate.py``)."""
    if not doc.sentences:
        return []
    quotes = find_quotes(doc.text)
    skip = boilerplate_sentences(doc)
    marginals: tagger.Marginals = {}
    found = [trim_end(doc, c, quotes, marginals) for c in raw_candidates(doc, quotes, skip)]
    # Boundaries the learned end model does not know: fronted subordinate clauses, quotations that close on
    # a comma, and the preposition of a prepositional cue verb.
    found = [
        _with_lead(prepositional_cue(doc, cut_after_quote_comma(doc, close_fronted_clause(doc, c, quotes), quotes)))
        for c in found
    ]
    chosen, rivals = _select(doc, found)
    accepted = _inherit_speakers(doc, chosen)
    accepted += [c for c in quote_speaker_candidates(doc, quotes, accepted) if c.sentence not in skip]
    accepted += [c for c in signed_quote_candidates(doc, quotes, accepted) if c.sentence not in skip]
    accepted = _reported_passives(_absorb_continuations(doc, accepted, quotes))
    floating = [c for c in floating_candidates(doc, quotes, accepted) if c.sentence not in skip]
    accepted += floating
    tagged = tagger.candidates(doc, quotes, _taken(accepted), skip, marginals)
    tagged = [trim_end(doc, c, quotes, marginals) for c in tagged]
    accepted += [c for c in tagged if not c.rival]
    rivals += [c for c in tagged if c.rival]
    accepted = sorted(accepted, key=lambda c: (c.content[0], c.content[1]))
    accepted = [_past_dateline(doc, c) for c in accepted]
    rivals = [_past_dateline(doc, c) for c in rivals]
    resolved = _resolve_all(doc, accepted + rivals, quotes)
    return [
        (
            attribution,
            acceptance.features(
                doc, cand, attribution, _nested(attribution, accepted), recovered, marginals, quotes
            ),
        )
        for cand, attribution, recovered in resolved
    ]


def _with_lead(cand: Candidate) -> Candidate:
    """The subject the content belongs with joins it as its first piece, now that the end is chosen."""
    if cand.lead is None or cand.lead[1] > cand.content[0]:
        return cand
    return replace(cand, content=(cand.lead[0], cand.content[1]), pieces=(cand.lead, cand.content), lead=None)


def _nested(attribution: Attribution, cands: list[Candidate]) -> bool:
    start, end = attribution.content_span
    return any(c.content[0] <= start and end <= c.content[1] and _length(c.content) > end - start for c in cands)


def _taken(cands: list[Candidate]) -> list[Span]:
    """Every piece of text the rule candidates already account for."""
    spans = [c.content for c in cands] + [c.cue for c in cands if c.cue is not None]
    return spans + [(c.speaker.start, c.speaker.end) for c in cands if c.speaker is not None]


def raw_candidates(doc: ParsedDoc, quotes: list[QuoteSpan], skip: set[int]) -> list[Candidate]:
    """What every finder proposes outside the sentences in ``skip``, before any choice among them."""
    return [
        c
        for c in verb_candidates(doc, quotes)
        + according_candidates(doc, quotes)
        + noun_candidates(doc, quotes)
        + adjective_candidates(doc, quotes)
        + headline_candidates(doc, quotes)
        if c.sentence not in skip
    ]


def boilerplate_sentences(doc: ParsedDoc) -> set[int]:
    """Sentences of photo captions, credits, bylines and "Related article" lines."""
    skip: set[int] = set()
    caption_paragraphs: set[int] = set()
    for sent in doc.sentences:
        line_start = doc.text.rfind("\n", 0, sent.start) + 1
        line_end = doc.text.find("\n", sent.end)
        line = doc.text[line_start : line_end if line_end != -1 else len(doc.text)].strip()
        if _CREDIT_LINE.match(line) or _CREDIT_LINE.match(doc.text[sent.start : sent.end].strip()):
            # A caption shares its paragraph with the photo credit.
            caption_paragraphs.add(sent.paragraph)
    for sent in doc.sentences:
        par = doc.paragraphs[sent.paragraph] if sent.paragraph < len(doc.paragraphs) else (sent.start, sent.end)
        line_start = doc.text.rfind("\n", 0, sent.start) + 1
        line_end = doc.text.find("\n", sent.end)
        line = doc.text[line_start : line_end if line_end != -1 else len(doc.text)].strip()
        if (
            sent.paragraph in caption_paragraphs
            or _BOILERPLATE.match(doc.text[par[0] : par[1]])
            or _BOILERPLATE.match(line)
        ):
            skip.add(sent.index)
    return skip


def _length(span: Span) -> int:
    return span[1] - span[0]


_NO_ONE = frozenset({"that", "this"})


def _select(doc: ParsedDoc, found: list[Candidate]) -> tuple[list[Candidate], list[Candidate]]:
    """Keep one candidate per stretch of content; an attribution nested in another's content survives only
    when a coordinated clause holds it, and then the outer content stops before that clause. Also returns the
    candidates that lost to a kept one, each marked with why (``Candidate.rival``)."""
    speakers = [(c.speaker.start, c.speaker.end) for c in found if c.speaker is not None]
    # "reported, citing the ministry": a content that is some other attribution's speaker is no content.
    found = [c for c in found if not any(overlap(c.content, s) > 0.5 * _length(c.content) for s in speakers)]
    # "That said, ...", "companies that turn down ...": a lone "that" or "this" never holds a statement.
    found = [c for c in found if c.speaker is None or doc.text[c.speaker.start : c.speaker.end].lower() not in _NO_ONE]
    ordered = sorted(found, key=lambda c: (-_length(c.content), c.content[0]))
    accepted: list[Candidate] = []
    rivals: list[Candidate] = []
    for cand in ordered:
        keep = True
        lost = ""
        cue = cand.cue or cand.content
        for i, outer in enumerate(accepted):
            if outer.rule == "transcript" and outer.content[0] <= cand.content[0] < outer.content[1]:
                continue  # a transcript turn holds the statements its speaker reports, each its own attribution
            if outer.cue is not None and cand.cue is not None and overlap(outer.cue, cand.cue):
                keep = False
                break
            if (
                outer.rule == "according-to"
                and cand.rule != "according-to"
                and outer.speaker is not None
                and outer.content[0] <= cue[0] < outer.content[1]
                and _is_outlet(doc, outer.speaker)
            ):
                # "X said Y, according to Politico": the outlet is how X's statement reached us.
                cand = replace(cand, channels=(*cand.channels, ChannelHint(outer.speaker, "according_to")))
                accepted[i] = cand
                keep = False
                break
            if outer.content[0] <= cue[0] < outer.content[1]:
                clause_start = min(cue[0], cand.speaker.start if cand.speaker else cue[0], cand.content[0])
                cut = _last_coordination(doc.text, outer.content[0], clause_start)
                if cut is None or cand.rule == "according-to":
                    if cand.rule == "according-to" and overlap(outer.content, cand.content) and cand.speaker:
                        accepted[i] = replace(
                            outer, channels=(*outer.channels, ChannelHint(cand.speaker, "according_to"))
                        )
                    keep, lost = False, "" if cand.rule == "according-to" else "inside"
                    break
                accepted[i] = replace(outer, content=(outer.content[0], cut))
                cand = replace(cand, channels=(*cand.channels, *_outer_channel(outer)))
            elif overlap(outer.content, cand.content) > 0.5 * _length(cand.content):
                keep, lost = False, "overlap"
                break
            elif cand.content[0] <= (outer.cue or outer.content)[0] < cand.content[1]:
                # The shorter candidate's content swallows the longer one's cue: the parse split it oddly.
                keep, lost = False, "swallows"
                break
        if keep:
            accepted.append(cand)
        elif lost:
            rivals.append(replace(cand, rival=lost))
    return accepted, rivals


def _absorb_continuations(doc: ParsedDoc, accepted: list[Candidate], quotes: list[QuoteSpan]) -> list[Candidate]:
    """News convention: quotation sentences right after an attribution, with no cue of their own, go on with
    the same statement ('"A," she said. "B."'); each joins its content as a piece of its own, so whatever
    stands between them ("she said after the vote") stays out of the content."""
    ordered = sorted(accepted, key=lambda c: c.content[0])
    out: list[Candidate] = []
    for i, cand in enumerate(ordered):
        following = ordered[i + 1].content[0] if i + 1 < len(ordered) else len(doc.text)
        # A verb of saying, or any cue of a quotation ('"...?" Hannity pressed'), can go on in the next quotation.
        quoted = cand.rule in ("quote-speaker", "quote-before")
        if cand.cue is not None and (cand.cue_lemma in lexicon.speech_verbs() | {"according to"} or quoted):
            end = max(cand.content[1], cand.cue[1], cand.speaker.end if cand.speaker else 0)
            sent = doc.sentence_at(end - 1)
            pos = sent.end if sent is not None else end
            # '"A," said X, referring to Y. "B."': an attribution inside the same sentence does not stop the
            # quotation that follows from continuing this one.
            # Nor does a report quoted inside that quotation ('"I'm not sure they believe it"').
            following = next(
                (o.content[0] for o in ordered[i + 1 :] if o.content[0] >= pos and not _quoted_report(o, quotes)),
                len(doc.text),
            )
            while True:
                quote = next((q for q in quotes if q.start >= pos), None)
                if quote is None or quote.end > following or not _continues(doc, pos, quote.start):
                    break
                closing = doc.sentence_at(max(quote.end - 1, quote.start))
                tail = doc.text[quote.end : closing.end if closing is not None else quote.end].strip(" .,”\"'")
                after = doc.text[quote.end : quote.end + 3].lstrip(" ")
                if tail or after[:1].islower():
                    break  # the quote is followed by more prose: it is not a continuation
                pieces = (*(cand.pieces or (cand.content,)), (quote.start, quote.end))
                cand = replace(cand, content=(cand.content[0], quote.end), pieces=pieces)
                pos = closing.end if closing is not None else quote.end
        out.append(cand)
    return out


def _quoted_report(cand: Candidate, quotes: list[QuoteSpan]) -> bool:
    """The candidate's cue stands inside a quotation: a report within someone's quoted words."""
    at = (cand.cue or cand.content)[0]
    return any(q.inner_start <= at < q.inner_end for q in quotes)


def _continues(doc: ParsedDoc, gap_start: int, quote_start: int) -> bool:
    """Only punctuation or a short lead-in ("Now,") lies between the attribution's sentence and the quote."""
    gap = doc.text[gap_start:quote_start]
    if "\n\n\n" in gap:
        return False
    lead = gap.strip().strip(".,;:—–-").strip()
    return not lead or (len(lead) <= 12 and not any(ch in lead for ch in ".!?\n") and lead[:1].isupper())


def _inherit_speakers(doc: ParsedDoc, accepted: list[Candidate]) -> list[Candidate]:
    """'..., Tommy Vietor said, recalling ...': a participle clause with no subject of its own belongs to the
    speaker of the attribution before it in the same sentence."""
    ordered = sorted(accepted, key=lambda c: (c.cue or c.content)[0])
    out: list[Candidate] = []
    for cand in ordered:
        if cand.speaker is None and cand.cue is not None and not cand.passive and _participle_at(doc, cand.cue[0]):
            before = [o for o in out if o.sentence == cand.sentence and o.speaker is not None]
            if before:
                cand = replace(cand, speaker=before[-1].speaker)
        out.append(cand)
    return out


def _participle_at(doc: ParsedDoc, offset: int) -> bool:
    sent = doc.sentence_at(offset)
    tok = next((t for t in sent.tokens if t.start == offset), None) if sent is not None else None
    return tok is not None and tok.xpos == "VBG"


def _reported_passives(accepted: list[Candidate]) -> list[Candidate]:
    """'RIA Novosti reported that ..., and the delegates were said to have ...': an agentless passive report
    in the same sentence as a report came through that report's speaker."""
    out = []
    for cand in accepted:
        if cand.passive and cand.cue_lemma in ("say", "report") and not cand.channels:
            outer = [
                o
                for o in accepted
                if o is not cand
                and o.sentence == cand.sentence
                and o.cue
                and cand.cue
                and o.cue[0] < cand.cue[0]
                and o.speaker is not None
                and not o.passive
            ]
            if outer:
                cand = replace(cand, channels=_outer_channel(outer[-1]))
        out.append(cand)
    return out


def _is_outlet(doc: ParsedDoc, mention: Mention) -> bool:
    return describe(doc, mention, {}).type == "outlet"


def _outer_channel(outer: Candidate) -> tuple[ChannelHint, ...]:
    return (ChannelHint(outer.speaker, "reported"),) if outer.speaker else ()


def _last_coordination(text: str, start: int, end: int) -> int | None:
    last = None
    for m in _COORDINATION.finditer(text, start, end):
        if m.start() > start:
            last = m.start()
    return last


# A place name opening a paragraph, then ", State" and "(Agency)" and a dash: the dateline, which the parser
# often takes for the subject of the story's first sentence.
_DATELINE_SPEAKER = re.compile(r"[A-Za-z][A-Za-z .'’-]{1,40}(,[^—–\n]{0,20})?(\s*\([A-Za-z .]{2,12}\))?\s*[—–―-]+\s*")


def _past_dateline(doc: ParsedDoc, cand: Candidate) -> Candidate:
    """'WASHINGTON (AP) — Sen. Bernie Sanders defended ...': the speaker is the noun phrase after the dateline."""
    mention = cand.speaker
    if mention is None or (mention.start > 0 and doc.text[mention.start - 1] != "\n"):
        return cand
    dateline = _DATELINE_SPEAKER.match(doc.text, mention.start)
    if dateline is None or dateline.end() < mention.end:
        return cand
    if not doc.text[mention.start : mention.end].isupper() and "(" not in dateline.group():
        return cand  # "Washington, star of ...": a name, not a dateline, unless capitals or "(AP)" say so
    sent = doc.sentences[mention.sentence]
    view = SentenceView(doc, sent)
    first = next((t.index for t in sent.tokens if t.start >= dateline.end()), None)
    found = surface_np_right(view, first) if first is not None else None
    if found is None or (cand.cue is not None and sent.tokens[found[1]].end > cand.cue[0]):
        return cand
    return replace(cand, speaker=make_mention(view, found))


def _kind_and_content(
    doc: ParsedDoc, content: Span, quotes: list[QuoteSpan], pieces: tuple[Span, ...] = ()
) -> tuple[str, Span, bool]:
    """direct when the content is one quotation (or quotations joined by the attribution clause, or joined
    as ``pieces``), mixed when it holds a quoted fragment, indirect otherwise; direct content drops the marks."""
    inside = [q for q in quotes if q.start >= content[0] - 1 and q.end <= content[1] + 1]
    recovered = any(q.recovered for q in inside)
    if inside:
        covered = sum(_length(q.inner) for q in inside)
        # Quotations joined as pieces are direct however much stands between them.
        quoted_pieces = bool(pieces) and all(any(q.start <= p[0] and p[1] <= q.end for q in inside) for p in pieces)
        first, last = inside[0], inside[-1]
        lead = doc.text[content[0] : first.start].strip()
        mostly_quoted = quoted_pieces or covered >= 0.6 * _length(content)
        if not lead and doc.text[last.end : content[1]].strip(" ,.;:") == "" and mostly_quoted:
            return "direct", (first.inner_start, last.inner_end), recovered
        return "mixed", _trim_content(doc.text, content), recovered
    return "indirect", _trim_content(doc.text, content), recovered


# "WASHINGTON (AP) —", "WASHINGTON, Aug. 19 (UPI) —": the dateline opening a story is not part of any content.
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]{2,40}(,[^—\n]{0,20})?(\s*\([A-Za-z .]{2,12}\))?\s*[—–-]+\s*")


def _trim_content(text: str, span: Span) -> Span:
    start, end = span
    dateline = _DATELINE.match(text, start, end)
    if dateline is not None and (start == 0 or text[start - 1] == "\n"):
        start = dateline.end()
    while end > start and text[end - 1] in " \n\t,;:.":
        end -= 1
    while start < end and (text[start].isspace() or text[start] in ",;:.—–-"):
        start += 1
    return start, end


def _resolve_all(
    doc: ParsedDoc, cands: list[Candidate], quotes: list[QuoteSpan]
) -> list[tuple[Candidate, Attribution, bool]]:
    """Each candidate with its attribution (speaker resolved, kind told) and whether its quotation was
    recovered from unpaired marks."""
    people = known_people(doc)
    earlier: list[tuple[int, Referent]] = []
    out: list[tuple[Candidate, Attribution, bool]] = []
    for cand in cands:
        referent: Referent | None = None
        resolved = False
        if cand.speaker is not None:
            referent = describe(doc, cand.speaker, people)
            referent, resolved = resolve(referent, earlier, cand.sentence)
            if referent.type == "person" and referent.role is None and referent.needs_antecedent is None:
                referent = replace(referent, role=_apposed_role(doc, cand.speaker))
            if not resolved and referent.needs_antecedent in ("short", "role"):
                found = _antecedent_noun(doc, cand.speaker, referent)
                if found is not None:
                    referent, resolved = found, True
            # "the campaign", "the officials" name their speaker well enough when nothing earlier matches.
            resolved = resolved or referent.needs_antecedent == "short"
        kind, content, recovered = _kind_and_content(doc, cand.content, quotes, cand.pieces)
        if content[1] <= content[0]:
            continue
        pieces = content_pieces(doc.text, cand, content, quotes, direct=kind == "direct")
        confidence = cand.confidence
        if cand.speaker is None or not resolved:
            confidence -= 0.15
        if recovered or cand.recovered_quote:
            confidence *= acceptance.RECOVERED_FACTOR
        via = tuple(_channel(doc, hint, people) for hint in cand.channels)
        via = tuple(v for v in via if v.name and (referent is None or v.name != referent.name))
        if (
            referent is not None
            and not cand.rival
            and (resolved or (cand.speaker is not None and referent.needs_antecedent is None))
        ):
            earlier.append((cand.sentence, referent))
        out.append((
            cand,
            Attribution(
                kind=kind,
                content=doc.text[content[0] : content[1]],
                content_span=content,
                cue=doc.text[cand.cue[0] : cand.cue[1]] if cand.cue else None,
                cue_span=cand.cue,
                speaker=(referent.name or None) if referent is not None and resolved else None,
                speaker_mention=mention_text(doc, cand.speaker) if cand.speaker else None,
                speaker_span=(cand.speaker.start, cand.speaker.end) if cand.speaker else None,
                speaker_type=referent.type if referent is not None and resolved else "unknown",
                role=referent.role if referent is not None and resolved else None,
                via=via,
                confidence=max(0.05, min(1.0, confidence)),
                content_pieces=pieces,
            ),
            recovered or cand.recovered_quote,
        ))
    return sorted(out, key=lambda pair: (pair[1].content_span[0], pair[1].content_span[1]))


# Marks that close a parenthetical attribution clause inside a content ("Loyalty, he noted, has ...").
_ASIDE_MARKS = ",—–("
_ASIDE_CLOSERS = ",—–)"
_LONGEST_ASIDE_TAIL = 40


def content_pieces(
    text: str, cand: Candidate, content: Span, quotes: list[QuoteSpan], direct: bool = False
) -> tuple[Span, ...]:
    """The pieces of ``content`` without the attribution clause that interrupts it: the quotations joined
    into one statement, and the text on either side of a cue (and speaker) standing inside the content
    ('"A," she said. "B."', "Loyalty, he noted, has long been ...", "The convention is expected to inject
    ..."); empty when the content is one piece."""
    pieces = [(max(s, content[0]), min(e, content[1])) for s, e in (cand.pieces or (content,))]
    if cand.cue is not None and content[0] < cand.cue[0] and cand.cue[1] < content[1]:
        lo, hi = cand.cue
        if cand.speaker is not None and content[0] < cand.speaker.start and cand.speaker.end < content[1]:
            lo, hi = min(lo, cand.speaker.start), max(hi, cand.speaker.end)
        at = next((i for i, (s, e) in enumerate(pieces) if s <= lo < e), None)
        if at is not None:
            start, end = pieces[at]
            lo, hi = _aside(text, (start, end), lo, min(hi, end), quotes)
            pieces[at : at + 1] = [(start, lo), (hi, end)]
    # A direct content's pieces drop their quotation marks, as the content does, and keep the rest.
    trimmed = [_strip_marks(text, span) if direct else _trim_content(text, span) for span in pieces]
    kept = tuple((s, e) for s, e in trimmed if e > s and text[s:e].strip(_QUOTE_MARKS + " "))
    return kept if len(kept) > 1 else ()


_QUOTE_MARKS = "\"'“”‘’«»"


def _strip_marks(text: str, span: Span) -> Span:
    start, end = span
    while start < end and (text[start] in _QUOTE_MARKS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _QUOTE_MARKS or text[end - 1].isspace()):
        end -= 1
    return start, end


def _aside(text: str, piece: Span, lo: int, hi: int, quotes: list[QuoteSpan]) -> Span:
    """The stretch of ``piece`` that the attribution clause from ``lo`` to ``hi`` takes up: from the
    quotation before it to the one after it, or with the commas or dashes that set it off."""
    before = [q.end for q in quotes if piece[0] < q.end <= lo]
    after = [q.start for q in quotes if hi <= q.start < piece[1]]
    if before and after:
        return max(before), min(after)
    left = text[piece[0] : lo].rstrip()
    if left and left[-1] in _ASIDE_MARKS:
        tail = text[hi : min(piece[1], hi + _LONGEST_ASIDE_TAIL)]
        close = next((i for i, ch in enumerate(tail) if ch in _ASIDE_CLOSERS), None)
        if close is not None and not any(ch in _QUOTE_MARKS for ch in tail[:close]):
            hi += close + 1
        return piece[0] + len(left) - 1, hi
    return lo, hi


def _apposed_role(doc: ParsedDoc, mention: Mention) -> str | None:
    """'Elena Ruiz, the department's chief engineer, said': a title right after the name is the role."""
    sent = doc.sentences[mention.sentence]
    toks = sent.tokens
    pos = mention.last + 1
    if pos >= len(toks) or toks[pos].text != ",":
        return None
    end = pos + 1
    while end < len(toks) and toks[end].text not in (",", ".", ";", ":") and end - pos <= 8:
        end += 1
    phrase = toks[pos + 1 : end]
    titles = lexicon.words("titles")
    if phrase and phrase[-1].text.lower() in titles and all(t.upos != "VERB" for t in phrase):
        return doc.text[phrase[0].start : phrase[-1].end]
    return None


def _channel(doc: ParsedDoc, hint: ChannelHint, people: dict[str, str]) -> Channel:
    ref = describe(doc, hint.mention, people)
    name = ref.name if ref.type == "outlet" or ref.needs_antecedent is None else mention_text(doc, hint.mention)
    if ref.type == "outlet" and ref.role and ref.name:
        name = ref.name
    return Channel(
        name=_strip_article(name or mention_text(doc, hint.mention)),
        span=(hint.mention.start, hint.mention.end),
        role=hint.role,
    )


def _strip_article(name: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", name, flags=re.I)


def _antecedent_noun(doc: ParsedDoc, mention: Mention, referent: Referent) -> Referent | None:
    """'the delegates' -> an earlier 'Hamas delegation': a noun with the same stem and a name-like modifier."""
    stem = referent.head[:6]
    if len(stem) < 4:
        return None
    for sent in reversed(doc.sentences[max(0, mention.sentence - 5) : mention.sentence + 1]):
        for tok in reversed(sent.tokens):
            if tok.start >= mention.start or tok.upos not in ("NOUN", "PROPN"):
                continue
            if not tok.text.lower().startswith(stem):
                continue
            first = tok.index
            while (first > 0 and sent.tokens[first - 1].upos == "PROPN") or (
                first > 0 and sent.tokens[first - 1].deprel == "compound"
            ):
                first -= 1
            if first == tok.index:
                continue
            name = doc.text[sent.tokens[first].start : tok.end]
            kind = "organization" if tok.lemma.lower() in lexicon.words("organization_nouns") else referent.type
            return Referent(name, kind, None, None, tok.text.lower())
    return None
