"""Attribution frames without a cue verb: "according to X", owned nouns ("her promise to"), headlines."""

from __future__ import annotations

from quotes.extract import lexicon
from quotes.extract.candidates import (
    SUBORDINATORS,
    Candidate,
    inside_quote,
    make_mention,
    token_span,
)
from quotes.extract.quotemarks import QuoteSpan
from quotes.extract.syntax import (
    SentenceView,
    drop_trailing_punct,
    is_finite,
    is_punct,
    is_quote,
    noun_phrase,
    surface_np_right,
)
from quotes.nlp.doc import ParsedDoc, Sentence, Token

# ---------------------------------------------------------------------------
# Owned nouns: "Trump's criticism of the deal", "her promise to build a wall"

_ABOUT_CASES = frozenset({"of", "for", "on", "about", "against", "to", "with"})


def noun_candidates(doc: ParsedDoc, quotes: list[QuoteSpan]) -> list[Candidate]:
    out: list[Candidate] = []
    nouns = lexicon.words("attribution_nouns")
    for sent in doc.sentences:
        if not sent.parsed:
            continue
        view = SentenceView(doc, sent)
        for noun in sent.tokens:
            if noun.upos != "NOUN" or (noun.lemma or noun.text).lower() not in nouns:
                continue
            if inside_quote(noun.start, quotes):
                continue
            owners = [c for c in view.children(noun.index, "nmod:poss") if c.index < noun.index]
            if not owners:
                received = _received_support(view, noun)
                if received is not None:
                    out.append(received)
                continue
            cand = _owned_noun(view, noun, owners[0])
            if cand is not None:
                out.append(cand)
    return out


def _owned_noun(view: SentenceView, noun: Token, owner: Token) -> Candidate | None:
    toks = view.tokens
    cue_last = noun.index
    content: tuple[int, int] | None = None
    for child in view.children(noun.index):
        if child.index <= noun.index:
            continue
        sub = view.subtree(child.index)
        first, last = sub[0].index, sub[-1].index
        if child.deprel in ("acl", "ccomp", "acl:relcl") and (toks[first].text.lower() in ("that", "to")):
            content = (first, last)
            break
        cases = view.children(child.index, "case")
        if (
            child.deprel.startswith("nmod")
            and cases
            and cases[0].text.lower() in _ABOUT_CASES
            and cases[0].index == noun.index + 1
        ):
            cue_last = cases[0].index
            content = (cases[0].index + 1, last)
            break
    if content is None or content[1] < content[0]:
        return None
    first, last = content
    last = drop_trailing_punct(toks, first, last)
    speaker = noun_phrase(view, owner)
    return Candidate(
        content=token_span(view, first, last),
        cue=token_span(view, noun.index, cue_last),
        cue_lemma=(noun.lemma or noun.text).lower(),
        sentence=view.sent.index,
        speaker=make_mention(view, speaker),
        rule="owned-noun",
        confidence=0.5,
    )


# Support someone receives: "Rubio has won the support of members of Congress", "She drew support from women".
SUPPORT_NOUNS = frozenset({"support", "endorsement", "endorsements", "backing"})
_RECEIVING_VERBS = frozenset(
    {
        "have",
        "win",
        "receive",
        "draw",
        "get",
        "earn",
        "gain",
        "enjoy",
        "garner",
        "secure",
        "attract",
        "capture",
        "collect",
        "lock",
    }
)


def _received_support(view: SentenceView, noun: Token) -> Candidate | None:
    """The one supported is the content and the supporters (after "of"/"from") are the source."""
    if noun.text.lower() not in SUPPORT_NOUNS or noun.deprel != "obj":
        return None
    verb = view.head_of(noun)
    if verb is None or verb.upos != "VERB" or (verb.lemma or "").lower() not in _RECEIVING_VERBS:
        return None
    subjects = [c for c in view.children(verb.index, "nsubj") if c.index < verb.index and c.deprel == "nsubj"]
    sources = [
        c
        for c in view.children(noun.index, "nmod") + view.children(verb.index, "obl")
        if c.index > noun.index and any(k.text.lower() in ("of", "from") for k in view.children(c.index, "case"))
    ]
    if not subjects or not sources:
        return None
    source = min(sources, key=lambda c: c.index)
    case = min(k.index for k in view.children(source.index, "case"))
    if case != noun.index + 1:
        return None
    first, last = noun_phrase(view, subjects[0])
    speaker = noun_phrase(view, source)
    while speaker[0] < speaker[1] and view.tokens[speaker[0]].upos == "ADP":
        speaker = (speaker[0] + 1, speaker[1])
    return Candidate(
        content=token_span(view, first, last),
        cue=token_span(view, verb.index, case),
        cue_lemma=noun.text.lower(),
        sentence=view.sent.index,
        speaker=make_mention(view, speaker),
        rule="received-support",
        confidence=0.5,
    )


# ---------------------------------------------------------------------------
# Stance adjectives: "Republicans have been critical of Clinton's email use", "voters are worried that ..."

_ADJECTIVE_CASES = frozenset({"about", "of", "with", "on", "over", "toward", "towards"})


def adjective_candidates(doc: ParsedDoc, quotes: list[QuoteSpan]) -> list[Candidate]:
    out: list[Candidate] = []
    adjectives = lexicon.words("stance_adjectives")
    for sent in doc.sentences:
        found = [t for t in sent.tokens if t.upos == "ADJ" and t.text.lower() in adjectives] if sent.parsed else []
        view = SentenceView(doc, sent) if found else None
        for adj in found:
            if view is None or inside_quote(adj.start, quotes):
                continue
            cand = _stance_adjective(view, adj)
            if cand is not None:
                out.append(cand)
    return out


def _stance_adjective(view: SentenceView, adj: Token) -> Candidate | None:
    """A predicative stance adjective with a subject before it and a clause or an about-phrase after it."""
    toks = view.tokens
    subjects = [c for c in view.children(adj.index, "nsubj") if c.index < adj.index and c.deprel == "nsubj"]
    if not subjects or not view.children(adj.index, "cop"):
        return None
    cue_last = adj.index
    content: tuple[int, int] | None = None
    for child in view.children(adj.index):
        if child.index <= adj.index:
            continue
        sub = [t.index for t in view.subtree(child.index)]
        first, last = min(sub), max(sub)
        if first <= adj.index or any(t.text in (",", ";") for t in toks[adj.index + 1 : first]):
            continue
        marks = view.children(child.index, "case", "mark")
        if child.deprel in ("ccomp", "xcomp", "advcl") and marks and marks[0].text.lower() in ("that", "to"):
            content = (first, last)
            break
        if (
            child.deprel.startswith("obl")
            and marks
            and marks[0].text.lower() in _ADJECTIVE_CASES
            and marks[0].index == adj.index + 1
        ):
            cue_last, content = marks[0].index, (marks[0].index + 1, last)
            break
    if content is None or content[1] < content[0]:
        return None
    first, last = content
    last = drop_trailing_punct(toks, first, last)
    cue_first = adj.index
    while (
        cue_first > 0
        and toks[cue_first - 1].head == adj.index
        and toks[cue_first - 1].deprel in ("cop", "advmod", "aux")
        and toks[cue_first - 1].index > subjects[0].index
    ):
        cue_first -= 1
    return Candidate(
        content=token_span(view, first, last),
        cue=token_span(view, cue_first, cue_last),
        cue_lemma=adj.text.lower(),
        sentence=view.sent.index,
        speaker=make_mention(view, noun_phrase(view, subjects[0])),
        rule="stance-adjective",
        confidence=0.5,
    )


# ---------------------------------------------------------------------------
# Headline styles: "Clinton: Trump will reverse Roe v. Wade", "Hamas Delegates Arrive in Moscow – Foreign Ministry"

_HEADLINE_DASHES = frozenset({"–", "—", "-", "--"})


def headline_candidates(doc: ParsedDoc, quotes: list[QuoteSpan]) -> list[Candidate]:
    out: list[Candidate] = []
    for sent in doc.sentences:
        view = SentenceView(doc, sent)
        toks = sent.tokens
        opens = _opens_paragraph(doc, sent)
        # A transcript quoted the news way opens each speaker's paragraph with a quote mark: '"PENCE: Well, ...'.
        lead = 1 if opens and len(toks) > 1 and is_quote(toks[0]) else 0
        colon = next((i for i, t in enumerate(toks[:8]) if t.text == ":"), None)
        if (
            colon is not None
            and colon > lead
            and len(toks) - colon > 3
            and (lead or not inside_quote(toks[0].start, quotes))
        ):
            label = _transcript_label(toks, lead, colon - 1) if opens else None
            speaker = label or _headline_speaker(view, lead, colon - 1)
            if speaker is not None and not any(t.upos in ("VERB", "AUX") or is_quote(t) for t in toks[colon + 1 :]):
                speaker = None  # "Iowa: Tim Albrecht, Brad Anderson, ...": a list or a title, not a statement
            if speaker is not None:
                last = drop_trailing_punct(toks, colon, len(toks) - 1)
                content = token_span(view, colon + 1, last)
                if label is not None:
                    # A speaker's label opening a paragraph holds for the whole paragraph, as in a transcript.
                    content = (content[0], max(content[1], _paragraph_content_end(doc, sent)))
                out.append(
                    Candidate(
                        content=content,
                        cue=token_span(view, colon, colon),
                        cue_lemma=":",
                        sentence=sent.index,
                        speaker=make_mention(view, speaker),
                        rule="headline-colon" if label is None else "transcript",
                        confidence=0.6,
                    )
                )
                continue
        # "Claim – Source" closes a headline paragraph of its own.
        if sent.index > 2 or len(toks) < 5:
            continue
        dash = next((i for i in range(len(toks) - 2, 1, -1) if toks[i].text in _HEADLINE_DASHES), None)
        paragraph_text = doc.text[sent.start : sent.end]
        if dash is None or "\n" in paragraph_text or paragraph_text.rstrip()[-1:] in ".!?":
            continue
        speaker = _headline_speaker(view, dash + 1, len(toks) - 1)
        if speaker is not None:
            out.append(
                Candidate(
                    content=token_span(view, 0, dash - 1),
                    cue=token_span(view, dash, dash),
                    cue_lemma="–",
                    sentence=sent.index,
                    speaker=make_mention(view, speaker),
                    rule="headline-dash",
                    confidence=0.5,
                )
            )
    return out


def _opens_paragraph(doc: ParsedDoc, sent: Sentence) -> bool:
    if sent.paragraph >= len(doc.paragraphs):
        return False
    return not doc.text[doc.paragraphs[sent.paragraph][0] : sent.start].strip()


def _paragraph_content_end(doc: ParsedDoc, sent: Sentence) -> int:
    """Where the paragraph of ``sent`` ends, before closing punctuation and quote marks."""
    end = doc.paragraphs[sent.paragraph][1] if sent.paragraph < len(doc.paragraphs) else sent.end
    while end > sent.start and doc.text[end - 1] in " \n\t.,;:\"'”’":
        end -= 1
    return end


def _transcript_label(toks: tuple[Token, ...], first: int, last: int) -> tuple[int, int] | None:
    """'PENCE:', 'JOEL BENENSON:', 'Q:': a transcript names its speakers in capitals, whatever the tagger
    makes of them."""
    label = toks[first : last + 1]
    if not label or len(label) > 3:
        return None
    if any(t.text.lower() in lexicon.words("kicker_words") for t in label):
        return None  # "BREAKING:", "WATCH:": a kicker, not a speaker
    if all(t.text.rstrip(".").isalpha() and t.text.isupper() for t in label):
        return first, last
    return None


# Sources that headlines name before a colon besides people and organisations.
_SOURCE_NOUNS = frozenset(
    {
        "poll",
        "polls",
        "survey",
        "study",
        "report",
        "analysis",
        "sources",
        "source",
        "camp",
        "aides",
        "aide",
        "officials",
        "insiders",
        "experts",
    }
)


def _column_name(toks: list[Token]) -> bool:
    """'The Latest: ...', 'The Ninth Circle: ...': a name with an article and no entity behind it titles a
    column or a running story; a speaker that starts with "the" is a group or an organisation."""
    if toks[0].text.lower() != "the" or len(toks) < 2:
        return False
    head = toks[-1]
    known = lexicon.words("group_nouns") | lexicon.words("organization_nouns") | lexicon.words("titles")
    phrase = " ".join(t.text.lower() for t in toks)
    return (
        head.text.lower() not in known
        and phrase not in lexicon.words("outlets")
        and phrase[4:] not in lexicon.words("outlets")
    )


def _headline_speaker(view: SentenceView, first: int, last: int) -> tuple[int, int] | None:
    """A short name or group ("Clinton", "Foreign Ministry", "Insiders") filling tokens first..last."""
    toks = view.tokens[first : last + 1]
    if not toks or len(toks) > 6 or any(t.upos in ("VERB", "AUX") and t.deprel != "amod" for t in toks):
        return None
    head = toks[-1]
    if head.upos == "NUM" or head.ner.endswith(("DATE", "TIME")) or _column_name(toks):
        return None
    low = head.text.lower()
    if (
        low in _SOURCE_NOUNS
        or low in lexicon.words("outlet_nouns")
        or (head.upos == "NOUN" and any(t.upos == "PROPN" for t in toks[:-1]))
    ):
        return first, last  # "Poll: ...", "Newspaper: ...", "Clinton camp: ..."
    if (
        head.upos == "PROPN"
        or head.ner != "O"
        or head.text.lower() in lexicon.words("group_nouns")
        or head.text.lower() in lexicon.words("organization_nouns")
        or head.text.lower() in lexicon.words("titles")
    ):
        return first, last
    return None


# ---------------------------------------------------------------------------
# "according to X"


def _resumes(toks: tuple[Token, ...], last: int, after_first: int, after: list[Token]) -> bool:
    """'X, according to Y, will do Z': the statement goes on after a parenthetical source only past a comma and
    with a verb of its own; 'according to an analysis conducted by Z' or ', a website' still describe the source."""
    comma = any(t.text == "," for t in toks[last + 1 : after_first])
    opener = after[0]
    return (
        comma
        and opener.xpos not in ("VBN", "VBG")
        and opener.upos not in ("ADP", "DET", "ADJ", "NUM")
        and any(is_finite(t) for t in after)
    )


def _source_phrase(view: SentenceView, i: int) -> tuple[int, tuple[int, int]] | None:
    """The last token of a cue that opens a source phrase at token ``i`` ("according to", "in" before a poll
    or survey) and the noun phrase that names the source."""
    toks = view.tokens
    word = toks[i].text.lower()
    if word == "according" and i + 1 < len(toks) and toks[i + 1].text.lower() == "to":
        np = surface_np_right(view, i + 2)
        return (i + 1, np) if np is not None else None
    if word != "in" or not all(t.upos in ("CCONJ", "ADV", "PUNCT") for t in toks[:i]):
        return None
    # "In a Fox News poll released Sunday, Cruz had 38 percent": a poll opening the sentence reports what
    # follows it; one further on is mostly where someone stands ("trails in the polls").
    np = surface_np_right(view, i + 1)
    if np is None or toks[np[1]].lemma.lower() not in lexicon.words("survey_nouns"):
        return None
    last = np[1]
    if last + 1 < len(toks) and toks[last + 1].xpos == "VBN":
        # "released Sunday", "conducted by the Times": the participle phrase still names the poll.
        phrase = [t for t in view.subtree(last + 1) if t.index > last]
        stop = next((t.index for t in phrase if t.text in (",", ";", ":")), None)
        last = max(t.index for t in phrase if stop is None or t.index < stop)
    if last + 1 >= len(toks) or toks[last + 1].text != ",":
        return None
    return i, (np[0], last)


def according_candidates(doc: ParsedDoc, quotes: list[QuoteSpan]) -> list[Candidate]:
    out: list[Candidate] = []
    for sent in doc.sentences:
        view = SentenceView(doc, sent)
        toks = sent.tokens
        for i, tok in enumerate(toks[:-1]):
            found = _source_phrase(view, i)
            if found is None or inside_quote(tok.start, quotes):
                continue
            cue_last, np = found
            # Extend over "a report by X", "a statement from X"; X is then the source.
            last = np[1]
            while last + 1 < len(toks) and toks[last + 1].text.lower() in ("of", "from", "by", "in"):
                more = surface_np_right(view, last + 2)
                if more is None:
                    break
                if toks[np[1]].lemma.lower() in lexicon.words("speech_nouns") | {"poll", "survey", "study", "data"}:
                    np = more
                last = more[1]
            before = [t for t in toks[:i] if not is_punct(t)]
            after_first = last + 1
            while after_first < len(toks) and toks[after_first].text in (",", ":"):
                after_first += 1
            after = [t for t in toks[after_first:] if not is_punct(t) or is_quote(t)]
            # Words after the phrase that only add a relative clause or aside do not belong to what X says.
            after_is_aside = bool(after) and after[0].text.lower() in ("where", "which", "who", "when", "with")
            before_is_subordinate = bool(before) and before[0].text.lower() in SUBORDINATORS and bool(after)
            # "But, according to the poll, 46 percent ...": a connective alone says nothing; the statement follows.
            before_is_connective = all(t.upos in ("CCONJ", "ADV", "INTJ") for t in before) and bool(after)
            tail = len(toks) - 1
            tail = drop_trailing_punct(toks, after_first, tail)
            if before and not before_is_subordinate and not before_is_connective:
                end = i - 1
                end = drop_trailing_punct(toks, 0, end)
                content = (before[0].start, toks[end].end)
                if len(after) > 2 and not after_is_aside and _resumes(toks, last, after_first, after):
                    content = (before[0].start, toks[tail].end)
            elif after:
                content = (toks[after_first].start, toks[tail].end)
            else:
                continue
            out.append(
                Candidate(
                    content=content,
                    cue=(tok.start, toks[cue_last].end),
                    cue_lemma="according to" if cue_last > i else tok.text.lower(),
                    sentence=sent.index,
                    speaker=make_mention(view, (np[0], np[1])),
                    rule="according-to",
                    confidence=0.8,
                )
            )
    return out
