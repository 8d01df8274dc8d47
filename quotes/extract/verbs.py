"""Cue verbs: "X said (that) Y", "\"Y,\" X said", "said X", "X, he says, Y", "is believed to", "X told Y that"."""

from __future__ import annotations

from dataclasses import replace

from quotes.extract import lexicon
from quotes.extract.candidates import (
    MONTHS,
    SUBORDINATORS,
    TIME_WORDS,
    Candidate,
    ChannelHint,
    aside_end,
    clause_final,
    cue_kind,
    cue_lemma,
    extend_to_quote_end,
    inside_quote,
    is_complementizer,
    is_cue_verb,
    make_mention,
    quote_ending_at,
    quote_starting_at,
    token_span,
)
from quotes.extract.quotemarks import QuoteSpan
from quotes.extract.syntax import (
    CLAUSE_SEPARATORS,
    SentenceView,
    clean_speaker,
    drop_trailing_punct,
    is_finite,
    is_punct,
    is_quote,
    is_time,
    noun_phrase,
    surface_np_left,
    surface_np_right,
)
from quotes.extract.types import Span
from quotes.nlp.doc import ParsedDoc, Token

# Participles after a comma that start a new attribution by the same speaker (", adding that ...").
_CONTINUATION_CUES = frozenset(
    {
        "add",
        "say",
        "note",
        "tell",
        "argue",
        "explain",
        "write",
        "insist",
        "warn",
        "call",
        "claim",
        "suggest",
        "accuse",
        "describe",
        "point",
        "promise",
        "vow",
        "ask",
        "urge",
        "predict",
        "declare",
        "state",
        "acknowledge",
        "conclude",
        "stress",
        "continue",
    }
)
# Verbs whose subject is the one reported about, not a speaker, when passive ("is believed to").
_PASSIVE_BELIEF = frozenset(
    {
        "believe",
        "think",
        "expect",
        "know",
        "consider",
        "report",
        "rumor",
        "allege",
        "say",
        "estimate",
        "suppose",
        "see",
        "view",
        "regard",
        "understand",
        "fear",
        "presume",
        "confirm",
        "project",
    }
)
_NEVER_INVERTED = frozenset({"tell", "inform", "remind", "assure", "email"})
# Verbs that introduce their addressee before the content ("told journalists that").
_ADDRESSEE_VERBS = frozenset(
    {"tell", "inform", "remind", "assure", "warn", "ask", "urge", "advise", "promise", "email"}
)


def _takes_that_clause(view: SentenceView, verb: Token) -> bool:
    """Any verb with a subject and a "that" clause right after it reports something ("quipped that")."""
    if verb.upos != "VERB" or verb.lemma.lower() in ("be", "have", "do", "make", "get", "mean", "ensure"):
        return False
    nxt = view.tokens[verb.index + 1] if verb.index + 1 < len(view.tokens) else None
    if nxt is None or nxt.text.lower() != "that" or not is_complementizer(nxt):
        return False
    return bool(view.children(verb.index, "nsubj")) and bool(view.children(verb.index, "ccomp"))


def verb_candidates(doc: ParsedDoc, quotes: list[QuoteSpan]) -> list[Candidate]:
    out: list[Candidate] = []
    for sent in doc.sentences:
        if not sent.parsed or not sent.tokens:
            continue
        view = SentenceView(doc, sent)
        for tok in sent.tokens:
            if not is_cue_verb(tok) and not _takes_that_clause(view, tok):
                continue
            if cue_kind(cue_lemma(tok)) == "stance" and not _stance_predicate(view, tok):
                continue
            if not _reports(view, tok):
                continue
            # Speech reported inside a quotation belongs to the quoted speaker's words, not to the article.
            if inside_quote(tok.start, quotes):
                continue
            cand = _pro_form(view, tok, quotes) or _from_cue_verb(view, tok, quotes)
            if cand is not None:
                out.append(cand)
    return out


# What stands for a whole statement after a verb of saying: "said so", "said yes", "say the same of Sanders".
_PRO_FORMS = frozenset({"so", "yes", "no", "otherwise"})
_SAYING = frozenset({"say", "tell"})


def _pro_form(view: SentenceView, verb: Token, quotes: list[QuoteSpan]) -> Candidate | None:
    """'half said so', '75 percent said yes', '43 said the same for Sanders': a word or "the same (thing)" that
    answers for a statement is its content."""
    toks = view.tokens
    pos = verb.index + 1
    if verb.lemma.lower() not in _SAYING or verb.upos != "VERB" or pos >= len(toks):
        return None
    nxt = toks[pos + 1] if pos + 1 < len(toks) else None
    word = toks[pos].text.lower()
    if word in _PRO_FORMS:
        determiner = nxt is not None and nxt.upos in ("NOUN", "PROPN", "ADJ", "NUM", "DET")
        if determiner or (nxt is not None and nxt.text.lower() in ("one", "to")):
            return None  # "said no one", "say no matter what": a determiner; "said no to X" refuses X
        last = pos
    elif word == "the" and nxt is not None and nxt.text.lower() == "same":
        last = pos + 1
        if last + 1 < len(toks) and toks[last + 1].text.lower() in ("thing", "things"):
            last += 1
        if last + 2 < len(toks) and toks[last + 1].text.lower() in ("of", "for", "about"):
            # "the same of Mr. Trump": the phrase names whom the statement is about.
            np = surface_np_right(view, last + 2)
            if np is not None:
                last = np[1]
    else:
        return None
    subject = parse_subject(view, verb, quotes)
    rng = clean_speaker(view, noun_phrase(view, subject)) if subject is not None else None
    speaker = make_mention(view, rng) if rng else None
    return Candidate(
        content=token_span(view, pos, last),
        cue=token_span(view, verb.index, verb.index),
        cue_lemma=verb.lemma.lower(),
        sentence=view.sent.index,
        speaker=speaker,
        rule="pro-form",
        confidence=0.6 if speaker is not None else 0.4,
    )


# Particles that turn a cue verb into another verb ("showed up", "backed away", "figured out").
_OTHER_SENSE_PARTICLES = frozenset({"up", "away", "off", "down", "back", "in", "over", "around"})


def _reports(view: SentenceView, verb: Token) -> bool:
    """False for uses of a cue verb that report nothing: captions, adjectival participles, other senses."""
    lemma = cue_lemma(verb)
    has_aux = bool(view.children(verb.index, "aux", "aux:pass", "cop"))
    if verb.deprel == "root" and verb.xpos == "VBN" and not has_aux:
        return False  # "X seen meeting Y": a photo caption, not a statement
    if any(c.text.lower() in _OTHER_SENSE_PARTICLES for c in view.children(verb.index, "compound:prt")):
        return False
    kind = cue_kind(lemma)
    if (
        lemma in lexicon.words("clausal_only_verbs")
        and not _clause_or_as(view, verb)
        and not _closes_sentence(view, verb)
    ):
        return False
    if lemma in lexicon.words("agent_only_verbs") and not _animate_subject(view, verb):
        return False
    if lemma in _ASPECTUAL and not _aspect_of_cue(view, verb):
        return False
    if lemma == "report" and _from_place(view, verb):
        return False  # "Lerer reported from Los Angeles": a reporter's byline, not a report
    if lemma == "say" and _between_commas(view, verb):
        return False  # "than, say, Mr. Cruz's plan": "for example", not a statement
    # "is known for", "their feelings known": an adjective, not a stance.
    return kind == "speech" or verb.xpos != "VBN" or has_aux


_PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "you", "who"})
# Verbs that also mark aspect: "X continued, '...'" reports, "X continues to trail Y" does not.
_ASPECTUAL = frozenset({"continue"})


def _from_place(view: SentenceView, verb: Token) -> bool:
    toks = view.tokens
    i = verb.index + 1
    return i + 1 < len(toks) and toks[i].text.lower() == "from" and toks[i + 1].ner.endswith(("GPE", "LOC"))


def _between_commas(view: SentenceView, verb: Token) -> bool:
    toks = view.tokens
    return 0 < verb.index < len(toks) - 1 and toks[verb.index - 1].text == "," == toks[verb.index + 1].text


def _aspect_of_cue(view: SentenceView, verb: Token) -> bool:
    """An aspectual verb with a verb complement ("continues to trail") reports only when that verb is a cue
    itself ("continued to insist that", "continued to question whether")."""
    for child in view.children(verb.index, "xcomp"):
        if child.index > verb.index and child.upos == "VERB":
            return is_cue_verb(child)
    return True


def _animate_subject(view: SentenceView, verb: Token) -> bool:
    """The subject is a person, group or organisation (or, missing, is inherited from one)."""
    subjects = view.children(verb.index, "nsubj")
    if not subjects:
        return True
    subj = subjects[0]
    low = subj.text.lower()
    lemma = (subj.lemma or low).lower()
    return (
        low in _PERSONAL_PRONOUNS
        or subj.upos == "PROPN"
        or subj.ner.endswith(("PERSON", "ORG", "NORP"))
        or lemma in lexicon.words("group_nouns")
        or low in lexicon.words("group_nouns")
        or lemma in lexicon.words("organization_nouns")
        or lemma in lexicon.words("titles")
    )


def _clause_or_as(view: SentenceView, verb: Token) -> bool:
    for child in view.children(verb.index):
        if child.index < verb.index:
            continue
        if child.deprel in ("ccomp", "csubj") or (child.deprel == "xcomp" and child.upos != "VERB"):
            return True
        markers = view.children(child.index, "case", "mark")
        if any(k.text.lower() in ("as", "that", "whether", "if", "how") for k in markers):
            return True
    nxt = view.tokens[verb.index + 1] if verb.index + 1 < len(view.tokens) else None
    return nxt is not None and nxt.text.lower() in ("that", "whether", "how", "what", "why")


def _stance_predicate(view: SentenceView, verb: Token) -> bool:
    """A stance verb attributes when its subject holds the stance; a passive subject is what it is about, and
    then only a "by" agent holds it ("was criticized by X")."""
    subjects = view.children(verb.index, "nsubj")
    return not subjects or subjects[0].deprel != "nsubj:pass" or _by_agent(view, verb) is not None


def _by_agent(view: SentenceView, verb: Token) -> Token | None:
    """The "by" phrase after a passive verb."""
    return next(
        (
            c
            for c in view.children(verb.index, "obl:agent", "obl")
            if c.index > verb.index and any(k.text.lower() == "by" for k in view.children(c.index, "case"))
        ),
        None,
    )


def _cue_range(view: SentenceView, verb: Token) -> tuple[int, int]:
    """The cue verb with its particle ("pointed out") and the auxiliaries and negation right before it
    ("has said", "did not mention", "were said")."""
    first = last = verb.index
    for child in view.children(verb.index):
        if child.deprel == "compound:prt" and 0 < child.index - verb.index <= 2:
            last = max(last, child.index)
    toks = view.tokens
    while (
        first > 0
        and toks[first - 1].head == verb.index
        and (toks[first - 1].deprel in ("aux", "aux:pass") or toks[first - 1].text.lower() in ("not", "n't"))
    ):
        first -= 1
    return first, last


def _is_passive(view: SentenceView, verb: Token) -> bool:
    return bool(view.children(verb.index, "aux:pass")) or (
        "Voice=Pass" in verb.feats
        and verb.xpos == "VBN"
        and any(c.lemma == "be" for c in view.children(verb.index, "aux"))
    )


def parse_subject(view: SentenceView, verb: Token, quotes: list[QuoteSpan]) -> Token | None:
    """The subject of ``verb`` from the parse, climbing to the verb that controls it.

    Conjoined verbs, participles (", adding that"), infinitives ("took to Twitter
    to say") and purpose clauses share the subject of their head; a participle
    modifying a noun ("the candidate, accusing ...") has that noun as subject.
    """
    node: Token | None = verb
    for _ in range(4):
        if node is None:
            return None
        subjects = [c for c in view.children(node.index, "nsubj", "nsubj:pass") if not inside_quote(c.start, quotes)]
        if subjects:
            # "Trump called on her ... and said": a passive subject on a verb with no passive auxiliary is a
            # parser slip for an active one.
            unmarked = not view.children(node.index, "aux:pass")
            active = [c for c in subjects if c.deprel != "nsubj:pass" or (unmarked and node is not verb)]
            if active or node is verb:
                return (active or subjects)[0]
            return None  # the controlling verb is passive: its subject is not the one speaking
        if node.deprel in ("conj", "xcomp") or (
            node.deprel in ("advcl", "parataxis") and node.xpos in ("VBG", "VBN", "VB")
        ):
            node = view.head_of(node)
            continue
        if node.deprel in ("acl:relcl", "acl"):
            head = view.head_of(node)
            return head if head is not None and head.upos in ("NOUN", "PROPN", "PRON") else None
        return None
    return None


def _complement(view: SentenceView, verb: Token, kind: str) -> Token | None:
    """The clausal (or, for stance verbs, nominal) complement to the right of ``verb``."""
    kids = [c for c in view.children(verb.index) if c.index > verb.index]
    for rels in (("ccomp", "xcomp", "csubj"), ("parataxis",)):
        for child in kids:
            if child.deprel.split(":")[0] in rels:
                return child
    if kind in ("stance", "cognition") or verb.lemma.lower() in (
        "report",
        "announce",
        "reveal",
        "confirm",
        "deny",
        "describe",
        "cite",
        "mention",
        "predict",
    ):
        for child in kids:
            if child.deprel == "obl" and _temporal(child):
                continue  # "announced on Thursday": when, not what
            if child.deprel in ("obj", "obl") or (child.deprel == "iobj" and kind == "stance"):
                return child
    return None


def _temporal(tok: Token) -> bool:
    low = tok.text.lower()
    return tok.ner.endswith(("DATE", "TIME")) or low in TIME_WORDS or low in MONTHS


def _skip_to_content(view: SentenceView, verb: Token, cue_last: int) -> int:
    """First token of content after the cue: skips an addressee, time words and "in a statement"."""
    toks = view.tokens
    pos = cue_last + 1
    lemma = verb.lemma.lower()
    addressee_at: int | None = None
    for _ in range(12):
        if pos >= len(toks):
            break
        tok = toks[pos]
        low = tok.text.lower()
        if low in TIME_WORDS or tok.ner.endswith("DATE") or tok.ner.endswith("TIME"):
            pos += 1
            continue
        if low == "," and pos + 1 < len(toks) and toks[pos + 1].text.lower() in ("that", "“", '"', "''"):
            pos += 1
            continue
        if low == ",":
            # "believes, for example, that ...": skip a short aside between commas.
            close = next((j for j in range(pos + 1, min(pos + 5, len(toks))) if toks[j].text == ","), None)
            if close is not None and all(
                t.upos in ("ADP", "NOUN", "ADV", "DET", "ADJ", "PRON") for t in toks[pos + 1 : close]
            ):
                pos = close + 1
                continue
        if low in (":",):
            pos += 1
            continue
        if low in ("in", "on", "at", "during", "via", "through") and pos + 1 < len(toks):
            # "said in a statement that", "told reporters on Tuesday that": a short prepositional aside.
            stop = aside_end(view, pos)
            if stop is not None:
                pos = stop + 1
                continue
        if (
            lemma in _ADDRESSEE_VERBS
            and tok.upos in ("PRON", "PROPN", "NOUN", "DET", "ADJ")
            and tok.text.lower() not in ("that", "what", "how", "why", "whether", "if")
        ):
            addressee_at = pos if addressee_at is None else addressee_at
            pos += 1
            continue
        break
    if (
        addressee_at is not None
        and pos < len(toks)
        and not (is_complementizer(toks[pos]) or is_quote(toks[pos]) or _looks_like_clause(view, pos))
    ):
        # "asked the campaign to stop": no clause follows, so the addressee belongs to the content.
        return addressee_at
    return pos


# After a comma these open a new clause or an aside that annotators leave out of the reported content.
_CLAUSE_OPENERS = frozenset(
    {
        "and",
        "but",
        "while",
        "whereas",
        "which",
        "who",
        "whom",
        "whose",
        "where",
        "although",
        "though",
        "despite",
        "so",
        "yet",
    }
)


def _right_content_end(
    view: SentenceView, start: int, verb: Token, quotes: list[QuoteSpan], clausal: bool = True
) -> int:
    """Last token of content running to the right of the cue.

    It runs to the end of the sentence but stops where a new clause of the
    reporting sentence begins: a verb conjoined to the cue ("said X and added
    Y", "..., and the ACLU sued"), ", which"/", while" asides, or a new
    attribution (", adding ...", ", he said", ", according to").
    """
    toks = view.tokens
    last = len(toks) - 1
    if _subordinate(view, verb):
        # "While she says X, she applauds Y": the report ends with its own clause.
        last = min(last, max(t.index for t in view.subtree(verb.index)))
    for conj in view.children(verb.index, "conj"):
        if conj.index <= start or conj.upos not in ("VERB", "AUX", "ADJ", "NOUN"):
            continue
        has_subject = bool(view.children(conj.index, "nsubj"))
        coordinators = [c.index for c in view.children(conj.index, "cc") if c.index > start]
        cut = coordinators[0] if coordinators else conj.index
        comma_before = cut > 0 and toks[cut - 1].text == ","
        # "said X and he feels Y" continues the report; "said X and added Y" / "..., and they sued" do not.
        if not has_subject or comma_before:
            last = min(last, cut - 1)
    for i in range(start + 1, last + 1):
        tok = toks[i]
        if inside_quote(tok.start, quotes):
            continue
        if tok.text == ";":
            last = i - 1
            break
        if not clausal and _opens_subordinate_clause(view, tok):
            # "call for amendments when the draft goes ...": the when-clause is not what was called for.
            last = i - 1
            break
        if (
            not clausal
            and tok.text.lower() in ("and", "but")
            and i + 1 < len(toks)
            and _finite_verb_follows(toks, i + 1)
        ):
            # "denies any wrongdoing and points out that ...": a second predicate of the reporting subject.
            last = i - 1
            break
        if tok.text in (",", "—", "–", "--") and i + 1 < len(toks):
            nxt = toks[i + 1]
            low = nxt.text.lower()
            if nxt.xpos == "VBG" and nxt.upos == "VERB" and (not clausal or nxt.lemma.lower() in _CONTINUATION_CUES):
                # ", adding that ...", ", believing ...": a participle clause of the reporting sentence.
                last = i - 1
                break
            if low == "according":
                last = i - 1
                break
            # "that Sanders, who won Rhode Island, would ...": an aside inside the subject is no boundary.
            if (
                low in _CLAUSE_OPENERS
                and not (i + 2 < len(toks) and toks[i + 2].text.lower() == "that")
                and (not clausal or _has_finite_verb(toks[start:i]))
            ):
                last = i - 1
                break
            np = surface_np_right(view, i + 1)
            if (
                np is not None
                and np[1] + 1 < len(toks)
                and is_cue_verb(toks[np[1] + 1])
                and cue_kind(toks[np[1] + 1].lemma.lower()) == "speech"
            ):
                last = i - 1
                break
    while last > start and (is_punct(toks[last]) and not is_quote(toks[last])):
        last -= 1
    return last


def _opens_subordinate_clause(view: SentenceView, tok: Token) -> bool:
    """A subordinator opening an adverbial clause: tagged SCONJ, or an adverb ("when", "where") that marks
    one."""
    if tok.text.lower() not in SUBORDINATORS:
        return False
    if tok.upos == "SCONJ":
        return True
    head = view.head_of(tok)
    return tok.upos == "ADV" and tok.deprel in ("mark", "advmod") and head is not None and head.deprel == "advcl"


def _closes_sentence(view: SentenceView, verb: Token) -> bool:
    """'..., records show.': the verb and its subject come after a comma and only punctuation follows."""
    toks = view.tokens
    if any(not is_punct(t) or is_quote(t) for t in toks[verb.index + 1 :]):
        return False
    subjects = [c for c in view.children(verb.index, "nsubj") if c.deprel == "nsubj" and c.index < verb.index]
    first = noun_phrase(view, subjects[0])[0] if subjects else verb.index
    return (
        first > 1
        and toks[first - 1].text == ","
        and all(
            t.upos in ("AUX", "ADV", "PART")
            for t in toks[(subjects[0].index if subjects else verb.index) + 1 : verb.index]
        )
    )


def _has_finite_verb(toks: tuple[Token, ...]) -> bool:
    return any(is_finite(t) for t in toks)


def _ends_clause(view: SentenceView, quote: QuoteSpan) -> bool:
    """The quotation is followed by the end of the sentence or by a comma and a new clause or phrase."""
    toks = view.tokens
    after = [t for t in toks if t.start >= quote.end]
    if not after or all(is_punct(t) for t in after):
        return True
    inner_comma = view.doc.text[quote.inner_start : quote.inner_end].rstrip().endswith(",")
    if after[0].text == "," and len(after) > 1:
        nxt = after[1]
    elif inner_comma:
        nxt = after[0]  # '"..., " before predicting': the comma sits inside the marks
    else:
        return False
    return (
        nxt.upos in ("SCONJ", "ADP", "ADV")
        or nxt.xpos in ("VBG", "VBN")
        or nxt.text.lower() in ("and", "but", "while", "which", "who")
    )


def _quote_after(doc: ParsedDoc, offset: int, quotes: list[QuoteSpan]) -> QuoteSpan | None:
    """The quotation that starts right after ``offset``, across whitespace and line breaks only."""
    for q in quotes:
        if q.start >= offset:
            if doc.text[offset : q.start].strip():
                return None
            # A quotation with its own attribution ('"...," he said.') is not the one announced by the colon.
            closing = doc.sentence_at(max(q.end - 1, q.start))
            tail = doc.text[q.end : closing.end].strip(" .,”\"'") if closing is not None else ""
            return None if tail else q
    return None


def _later_quote(view: SentenceView, start: int, quotes: list[QuoteSpan]) -> QuoteSpan | None:
    """A quotation opened after a comma later in the sentence, with no other cue verb before it."""
    toks = view.tokens
    for i in range(start, len(toks)):
        tok = toks[i]
        if is_cue_verb(tok) and i > start:
            return None
        if is_quote(tok) and i > 0 and toks[i - 1].text in (",", ":"):
            return quote_starting_at(tok.start, quotes, slack=0)
    return None


def _starts_new_attribution(view: SentenceView, index: int) -> bool:
    tok = view.tokens[index]
    return tok.xpos in ("VBG", "VBN") or tok.text.lower() in ("according", "who", "which", "a", "an", "the")


def _looks_like_clause(view: SentenceView, index: int) -> bool:
    """A subject followed by a finite verb: "saying Clinton was committed" when the parse gives no complement."""
    toks = view.tokens
    np = surface_np_right(view, index)
    # "the positives in economic stimulus would ...": prepositional phrases may follow the subject.
    while (
        np is not None
        and np[1] + 2 < len(toks)
        and toks[np[1] + 1].upos == "ADP"
        and surface_np_right(view, np[1] + 2) is not None
    ):
        np = (np[0], surface_np_right(view, np[1] + 2)[1])  # type: ignore[index]
    if np is None or np[1] + 1 >= len(toks):
        return False
    nxt = toks[np[1] + 1]
    while nxt.upos == "ADV" and nxt.index + 1 < len(toks):
        nxt = toks[nxt.index + 1]
    return is_finite(nxt)


# Prepositions that carry what a cue verb is about when no clause or object follows ("agree with him").
_OBJECT_PREPOSITIONS = frozenset({"about", "for", "against", "with", "on", "of", "to", "at", "into", "over"})


def _prepositional_object(view: SentenceView, verb: Token, cue_last: int) -> int | None:
    """Index of the first word after the preposition right after the cue, when the parse makes its noun phrase
    the verb's oblique and it names no time or place ("said on Tuesday", "spoke at the rally" are adjuncts)."""
    toks = view.tokens
    prep = cue_last + 1
    if prep + 1 >= len(toks) or toks[prep].text.lower() not in _OBJECT_PREPOSITIONS or toks[prep].upos != "ADP":
        return None
    head = toks[prep].head
    if not (0 <= head < len(toks)) or toks[head].head != verb.index or toks[head].deprel not in ("obl", "obj"):
        return None
    if toks[head].ner.endswith(("GPE", "LOC", "FAC")) or is_punct(toks[prep + 1]):
        return None
    if _temporal(toks[head]):
        return None  # the entity tagger misses many dates ("spoke on Thursday")
    return prep + 1


def _has_right_object(view: SentenceView, verb: Token, cue_last: int) -> bool:
    return any(
        c.index > cue_last and c.deprel.split(":")[0] in ("obj", "xcomp", "ccomp") for c in view.children(verb.index)
    )


def _subordinate(view: SentenceView, verb: Token) -> bool:
    """The cue heads a relative or adverbial clause that sits inside a larger sentence."""
    if verb.deprel == "acl:relcl":
        return True
    if verb.deprel != "advcl":
        return False
    return any(c.text.lower() in SUBORDINATORS for c in view.children(verb.index, "mark"))


def _finite_verb_follows(toks: tuple[Token, ...], index: int) -> bool:
    while index < len(toks) and toks[index].upos == "ADV":
        index += 1
    return index < len(toks) and toks[index].upos == "VERB" and toks[index].xpos in ("VBZ", "VBD")


def _quote_then_speaker(
    view: SentenceView, clause_first: int, quotes: list[QuoteSpan]
) -> tuple[QuoteSpan, tuple[int, int]] | None:
    toks = view.tokens
    for i in range(clause_first - 1, max(clause_first - 30, 0) - 1, -1):
        tok = toks[i]
        if tok.upos in ("VERB", "AUX") or tok.text in (";", ":"):
            return None
        if is_quote(tok):
            quote = quote_ending_at(tok.end, quotes, slack=0)
            if quote is None or quote.end > toks[clause_first].start:
                return None
            first = i + 1
            while first < clause_first and toks[first].text in (",", "—", "–"):
                first += 1
            speaker = surface_np_right(view, first)
            return (quote, speaker) if speaker is not None and first < clause_first else None
    return None


_TITLE_BEFORE = frozenset({"’s", "'s", "on", "in"})


def _title_quote(view: SentenceView, quote: QuoteSpan) -> bool:
    """'on Fox News’s “Sunday Morning Futures,”': a few capitalised words quoted after "on" or a possessive
    name a show or a book, not words someone said."""
    inside = [t for t in view.tokens if quote.start <= t.start and t.end <= quote.end]
    words = [t for t in inside if not is_punct(t)]
    before = [t for t in view.tokens if t.end <= quote.start]
    return (
        bool(words)
        and len(words) <= 5
        and all(t.text[:1].isupper() or not t.text[:1].isalpha() for t in words)
        and bool(before)
        and before[-1].text.lower() in _TITLE_BEFORE
    )


def _words(view: SentenceView, content: Span) -> int:
    return sum(1 for t in view.tokens if t.start >= content[0] and t.end <= content[1] and not is_punct(t))


def _lone_name(view: SentenceView, content: Span) -> bool:
    """The content is one proper name."""
    words = [t for t in view.tokens if t.start >= content[0] and t.end <= content[1] and not is_punct(t)]
    return len(words) == 1 and words[0].upos == "PROPN"


def _quote_opens_after(view: SentenceView, index: int, quotes: list[QuoteSpan]) -> bool:
    """'said he still “prays ...”': a quotation opens right after the noun phrase (adverbs aside), so the phrase is
    the subject of the reported clause, not an inverted speaker."""
    toks = view.tokens
    pos = index + 1
    while pos < len(toks) and toks[pos].upos == "ADV":
        pos += 1
    return pos < len(toks) and is_quote(toks[pos]) and quote_starting_at(toks[pos].start, quotes, slack=0) is not None


def _speaker_before_aside(view: SentenceView, cue_first: int) -> tuple[int, int] | None:
    """'Brian Deese, the White House climate adviser, said': the speaker sits before an aside set off by commas
    or dashes, which the parser often takes for the subject."""
    toks = view.tokens
    # "Paul Manafort, the campaign chief, bluntly suggested": adverbs may sit between the aside and the verb.
    while cue_first > 2 and toks[cue_first - 1].upos == "ADV" and toks[cue_first - 2].text in (",", "—", "–", "--"):
        cue_first -= 1
    if cue_first < 2 or toks[cue_first - 1].text not in (",", "—", "–", "--"):
        return None
    mark = toks[cue_first - 1].text
    verb_inside = False
    for j in range(cue_first - 2, max(cue_first - 40, 0), -1):
        if toks[j].text == mark or (mark == "," and toks[j].text in ("—", "–")):
            # A cue verb inside the aside is fine in a relative clause ("Cruz, who said X, said Y").
            if verb_inside and toks[j + 1].text.lower() not in _RELATIVE_PRONOUNS:
                return None
            return surface_np_left(view, j - 1) if j > 0 else None
        if is_quote(toks[j]) and not _plural_possessive(toks, j):
            return None
        verb_inside = verb_inside or is_cue_verb(toks[j])
    return None


_RELATIVE_PRONOUNS = frozenset({"who", "whose", "whom"})
def _before_participle(view: SentenceView, cue_first: int) -> tuple[int, int] | None:
    """The noun phrase before 'released Friday', 'published this week' right before the verb."""
    toks = view.tokens
    pos = cue_first - 1
    while pos > 0 and (is_time(toks[pos]) or (toks[pos].upos in ("DET", "ADP") and is_time(toks[pos + 1]))):
        pos -= 1
    # Tagged VBD as often as VBN: a finite verb cannot stand right before another, so it is a participle.
    if pos < 1 or pos == cue_first - 1 or toks[pos].xpos not in ("VBN", "VBD"):
        return None
    return surface_np_left(view, pos - 1)


_QUANTIFIERS = frozenset({"several", "most", "many", "some", "few", "both", "others", "all"})


def _quantifier_subject(view: SentenceView, cue_first: int) -> tuple[int, int] | None:
    """'Several said they would ...', 'although most oppose it': a quantifier standing alone before the verb,
    which the tagger takes for an adjective or adverb, is the subject."""
    toks = view.tokens
    pos = cue_first - 1
    if pos < 0 or toks[pos].text.lower() not in _QUANTIFIERS:
        return None
    if pos > 0 and not (is_punct(toks[pos - 1]) or toks[pos - 1].upos in ("CCONJ", "SCONJ")):
        return None
    return pos, pos


def _plural_possessive(toks: tuple[Token, ...], j: int) -> bool:
    """"the Reserve Officers’ Training Corps": an apostrophe glued to a plural is a possessive, not a quote mark."""
    return (toks[j].text in ("’", "'") and j > 0 and toks[j - 1].end == toks[j].start
            and toks[j - 1].text.lower().endswith("s") and j + 1 < len(toks) and toks[j + 1].start > toks[j].end)


def _separator_before(view: SentenceView, first: int) -> int | None:
    """Index of the comma, dash or closing quote right before a postposed "X said" clause."""
    toks = view.tokens
    pos = first - 1
    if pos < 0:
        return None
    if toks[pos].text in CLAUSE_SEPARATORS or is_quote(toks[pos]):
        return pos
    return None


def _relative_antecedent(view: SentenceView, rng: tuple[int, int]) -> tuple[int, int] | None:
    """'a White House official who spoke anonymously to discuss internal strategy said': the phrase before the
    verb closes a relative clause (no comma in between); the speaker is the noun the clause hangs on."""
    toks = view.tokens
    for j in range(rng[0] - 1, max(rng[0] - 16, 0), -1):
        if is_punct(toks[j]) or is_quote(toks[j]):
            return None
        if toks[j].text.lower() == "who":
            clause = view.head_of(toks[j])
            noun = view.head_of(clause) if clause is not None and clause.deprel == "acl:relcl" else None
            if noun is None or noun.index >= j or noun.upos not in ("NOUN", "PROPN"):
                return None
            return noun_phrase(view, noun)
    return None


def _subordinate_follows(view: SentenceView, last: int) -> bool:
    """'said Dan Golvach when asked about it': a subordinate clause follows the inverted speaker directly."""
    toks = view.tokens
    return last + 1 < len(toks) and toks[last + 1].text.lower() in _INVERSION_SUBORDINATORS


_INVERSION_SUBORDINATORS = frozenset({"when", "while", "after", "before", "because"})


def _find_speaker(
    view: SentenceView,
    verb: Token,
    lemma: str,
    kind: str,
    passive: bool,
    cue_first: int,
    cue_last: int,
    quotes: list[QuoteSpan],
) -> tuple[tuple[int, int] | None, bool, int]:
    """The speaker's token range, whether it follows the verb ('said Smith'), and where the attribution clause
    begins: the parsed subject if it sits next to the verb, else the noun phrase beside the verb."""
    toks = view.tokens
    subject = parse_subject(view, verb, quotes)
    if (
        subject is not None
        and subject.text.lower() in ("who", "which")
        and verb.deprel != "acl:relcl"
        and subject.index > 0
        and view.tokens[subject.index - 1].text == ","
    ):
        # A relative pronoun borrowed from another clause ("Barkley, who said X, said Y"): not this verb's subject.
        subject = None
    speaker_rng: tuple[int, int] | None = None
    # A passive's subject is what was said or done, not the speaker ("were said to have" excepted: the subject
    # is whoever is reported as saying).
    if subject is not None and (not passive or lemma == "say"):
        speaker_rng = noun_phrase(view, subject)
    agent = (
        [
            c
            for c in view.children(verb.index, "obl:agent", "obl")
            if c.index > verb.index and any(k.text.lower() == "by" for k in view.children(c.index, "case"))
        ]
        if passive
        else []
    )
    if agent:
        speaker_rng = noun_phrase(view, agent[0])
    left_np = surface_np_left(view, cue_first - 1) if cue_first > 0 else None
    if (
        speaker_rng is not None
        and left_np is not None
        and left_np[0] <= speaker_rng[1] + 1
        and speaker_rng[0] <= left_np[1] + 1
    ):
        # Names split into several subjects by the parser ("Mayor | Tom Becker said"): take the whole phrase.
        speaker_rng = (min(speaker_rng[0], left_np[0]), max(speaker_rng[1], left_np[1]))
    inverted = False
    far_subject = (
        speaker_rng is not None
        and left_np is not None
        and speaker_rng[1] < left_np[0]
        and (left_np[0] - speaker_rng[1] > 3 or any(t.text == "," for t in toks[speaker_rng[1] + 1 : left_np[0]]))
    )
    if (speaker_rng is None or far_subject) and left_np is not None and not passive:
        # The phrase right before the verb beats a parsed subject behind a comma ("All of a sudden, voters saw").
        speaker_rng = left_np
    if speaker_rng is not None and all(is_time(t) for t in toks[speaker_rng[0] : speaker_rng[1] + 1]):
        # "A new poll released Friday found": the date the parser took for the subject ends a participle phrase.
        speaker_rng = _before_participle(view, cue_first) or speaker_rng
    if speaker_rng is None and not passive and verb.xpos != "VBG":
        speaker_rng = _speaker_before_aside(view, cue_first) or _quantifier_subject(view, cue_first)
    elif speaker_rng is not None and speaker_rng == left_np and not passive:
        speaker_rng = _relative_antecedent(view, speaker_rng) or speaker_rng
    clause_first = min(cue_first, speaker_rng[0]) if speaker_rng and speaker_rng[1] < cue_first else cue_first
    # Inverted order: '"...," said Smith.'
    after = surface_np_right(view, cue_last + 1)
    before_sep = _separator_before(view, cue_first)
    # Only a finite verb inverts ('said Smith'); "mentioning him" has an object, not a subject.
    object_pronoun = after is not None and toks[after[0]].text.lower() in ("him", "her", "them", "me", "us", "it")
    # "told AFP", "reminded voters": the noun phrase after these verbs is the addressee, never the speaker.
    addressed = lemma in _NEVER_INVERTED
    if (
        before_sep is not None
        and after is not None
        and kind == "speech"
        and verb.xpos not in ("VBG", "VB")
        and not object_pronoun
        and not addressed
        and (clause_final(view, after[1]) or _subordinate_follows(view, after[1]))
        and not _quote_opens_after(view, after[1], quotes)
    ):
        speaker_rng, inverted = after, True
        clause_first = cue_first
    return speaker_rng, inverted, clause_first


def _from_cue_verb(view: SentenceView, verb: Token, quotes: list[QuoteSpan]) -> Candidate | None:
    """One candidate for a cue verb, or None when no content can be read.

    Content is taken, in this order: a quotation (or a clause) before the
    attribution clause ('"Y," X said', 'Y, X said'), a quotation announced by a
    colon ('X retorted:'), the clause after the verb ('said (that) Y', also
    around a parenthetical 'Y, he says, Z'), and for stance verbs whatever the
    verb governs to its right ('accused X of Y').
    """
    toks = view.tokens
    lemma = cue_lemma(verb)
    kind = cue_kind(lemma)
    cue_first, cue_last = _cue_range(view, verb)
    passive = _is_passive(view, verb)
    raised = _raised_subject(view, verb, lemma, passive)
    if raised is not None:
        return _raising_candidate(view, verb, lemma, raised, cue_first, cue_last, quotes)
    if lemma in _RAISING:
        return None  # "first appeared on a website": no one is presented as thinking anything
    if passive:
        by_agent = _passive_agent_candidate(view, verb, lemma, cue_first, cue_last, quotes)
        if by_agent is not None:
            return by_agent
    as_clause = _as_clause(view, verb, lemma, passive, cue_first, cue_last, quotes)
    if as_clause is not None:
        return as_clause

    speaker_rng, inverted, clause_first = _find_speaker(view, verb, lemma, kind, passive, cue_first, cue_last, quotes)

    separator = _separator_before(view, clause_first)
    left_text = separator is not None and separator > 0 and any(not is_punct(t) for t in toks[:separator])
    quote_before = quote_ending_at(toks[separator].end, quotes) if separator is not None else None
    if separator is not None and quote_before is None and separator > 0 and is_quote(toks[separator - 1]):
        quote_before = quote_ending_at(toks[separator - 1].end, quotes)
    if quote_before is not None and (
        quote_before.start >= toks[clause_first].start or _title_quote(view, quote_before)
    ):
        quote_before = None
    if quote_before is None and not inverted:
        # '"...," Robert Peck, an analyst at SunTrust, told ...': a speaker with an aside between quote and cue.
        found = _quote_then_speaker(view, clause_first, quotes)
        if found is not None:
            quote_before, speaker_rng = found
            separator = speaker_rng[0] - 1
    participle = verb.xpos == "VBG" and verb.index > 0 and toks[verb.index - 1].text == ","

    complement = _complement(view, verb, kind)
    content_start = (
        _skip_to_content(view, verb, (inverted and speaker_rng[1]) or cue_last)
        if speaker_rng
        else _skip_to_content(view, verb, cue_last)
    )
    if (
        kind == "speech"
        and all(t.text in (":", ",", ".") for t in toks[cue_last + 1 :])
        and any(t.text == ":" for t in toks[cue_last + 1 :])
    ):
        # 'The Christie supporter retorted:' and the quotation follows as a sentence or paragraph of its own.
        following = _quote_after(view.doc, view.sent.end, quotes)
        if following is not None:
            return Candidate(
                content=(following.start, following.end),
                cue=token_span(view, cue_first, cue_last),
                cue_lemma=lemma,
                sentence=view.sent.index,
                speaker=make_mention(view, speaker_rng) if speaker_rng else None,
                rule="colon-quote",
                confidence=0.8 if not following.recovered else 0.5,
                recovered_quote=following.recovered,
            )
    # Content before the cue must be a statement: a quotation, or words holding a verb ("On Sunday, X said" is not).
    left_statement = (
        left_text and separator is not None and any(t.upos in ("VERB", "AUX") for t in toks[:separator])
    )
    right_quote = quote_starting_at(toks[content_start].start, quotes) if content_start < len(toks) else None
    if right_quote is not None and right_quote.start >= toks[-1].end and left_statement:
        # 'X would win, Devine predicted. "I understand ..."': the cue closes its sentence after the clause it
        # reports; the quotation of the next sentence is not its content.
        right_quote = None
    right_clause = content_start < len(toks) and (
        is_complementizer(toks[content_start])
        or right_quote is not None
        or (complement is not None and complement.index >= content_start)
        or (kind == "speech" and _looks_like_clause(view, content_start))
    )
    left_clause = left_statement and (inverted or clause_final(view, cue_last))
    # The parse alone is weak evidence of content after the cue; a complementizer, a quote or a clause is strong.
    strong_right = content_start < len(toks) and (
        is_complementizer(toks[content_start]) or right_quote is not None or _looks_like_clause(view, content_start)
    )
    # Inverted order ('"...," said Carson, who ...') always points back at the content.
    # A quotation a few words back ('On ABC's "Good Morning America" Tuesday, he said, "..."') is a title, not
    # the content, when another quotation follows the cue.
    adjacent_before = quote_before is not None and not any(
        not is_punct(t) for t in toks[:clause_first] if t.start >= quote_before.end
    )
    explicit_right = content_start < len(toks) and (is_complementizer(toks[content_start]) or right_quote is not None)
    quote_first = quote_before is not None and (
        inverted or not strong_right or (adjacent_before and (right_quote is not None or not explicit_right))
    )

    # 'This campaign, he says, is different': the attribution clause sits between commas inside the content.
    parenthetical = bool(
        separator is not None
        and left_text
        and not inverted
        and kind == "speech"
        and content_start + 1 < len(toks)
        and toks[content_start].text == ","
    )
    resumed_at = content_start + 1
    if (
        not parenthetical
        and separator is not None
        and left_text
        and not left_statement
        and not inverted
        and kind == "speech"
        and content_start > 0
        and toks[content_start - 1].text == ","
    ):
        # 'Clinton, a top aide said, "is very confident"': a subject with no verb before the attribution clause
        # and its predicate after it, the comma before the predicate skipped as before a complement.
        verb_at = content_start + 1 if is_quote(toks[content_start]) else content_start
        if verb_at < len(toks) and is_finite(toks[verb_at]):
            parenthetical, resumed_at = True, content_start
    channels: list[ChannelHint] = []
    confidence = 0.8
    recovered = False
    # "X, the poll found." / "Y, records show.": a belief or finding verb that closes the sentence after a comma.
    closing = kind != "stance" and _closes_sentence(view, verb)
    if not participle and (
        quote_first or (left_clause and (inverted or not right_clause) and (kind == "speech" or closing))
    ):
        # '"Y," X said' / 'Y, X said': content precedes the attribution clause.
        # Lead-in words before a quotation in the same sentence ("But Mr. Kim's ''execution ...''") are
        # part of the content; a quotation begun in an earlier sentence starts it.
        first_word = next((t for t in toks if not is_punct(t) or is_quote(t)), toks[0])
        start = first_word.start
        confidence = 0.75
        if quote_before is not None:
            start = min(start, quote_before.start)
            recovered = quote_before.recovered
            confidence = 0.9
        end = toks[separator - 1].end if separator is not None and separator > 0 else toks[clause_first].start
        if quote_before is not None:
            end = max(end, quote_before.end)
        rest = cue_last + 1 if not inverted else (speaker_rng[1] + 1 if speaker_rng else cue_last + 1)
        if not inverted:
            # 'he said of the move, "..."': a short aside after the cue.
            aside = aside_end(view, rest) if rest < len(toks) and toks[rest].upos == "ADP" else None
            rest = aside + 1 if aside is not None and toks[aside].text in (",", ":") else rest
        later = _later_quote(view, rest, quotes) if quote_before is not None and not inverted else None
        if later is not None:
            # '"Y," he said of people whose rights were restored, "Z."': the quote resumes after a longer aside.
            end = later.end
            recovered = recovered or later.recovered
        elif rest < len(toks) and toks[rest].text in (",", ":"):
            after = rest + 1
            while after < len(toks) and toks[after].text in (",", ":"):
                after += 1
            follow = quote_starting_at(toks[after].start, quotes) if after < len(toks) else None
            if follow is not None:
                # '"Y," X said, "Z."': the quote goes on after the clause.
                end = follow.end
                recovered = recovered or follow.recovered
            elif (
                after < len(toks)
                and not inverted
                and (quote_before is None or is_finite(toks[after]))
                and not _starts_new_attribution(view, after)
            ):
                # 'Rather, he said, struggles will ...': the clause sits inside the content; after a quotation,
                # only the predicate of a quoted subject resumes ('"Only you," she said, would use ...').
                last = _right_content_end(view, after, verb, quotes)
                if last >= after and (not is_punct(toks[last]) or is_quote(toks[last])):
                    end = toks[last].end
        content = (start, end)
        rule = "quote-before" if quote_before is not None else "clause-before"
    elif right_clause or complement is not None or _has_right_object(view, verb, cue_last) or parenthetical:
        if content_start >= len(toks):
            return None
        first = content_start
        if parenthetical:
            # 'This campaign, he says, is different': the content runs around the attribution clause.
            last = _right_content_end(view, resumed_at, verb, quotes)
            first_word = next((t for t in toks if not is_punct(t) or is_quote(t)), toks[0])
            content, recovered = extend_to_quote_end((first_word.start, toks[last].end), quotes)
        elif right_quote is not None and right_quote.end > view.sent.end:
            # The quoted statement runs on past this sentence (even over paragraphs).
            content = (right_quote.start, right_quote.end)
            recovered = right_quote.recovered
        elif right_quote is not None and _ends_clause(view, right_quote):
            # 'cautioned "let's not get ahead of ourselves," before predicting ...': the quote is the content.
            content, recovered = (right_quote.start, right_quote.end), right_quote.recovered
        elif right_clause and (kind == "speech" or complement is None or complement.deprel.startswith("ccomp")):
            last = _right_content_end(view, first, verb, quotes)
            content, recovered = extend_to_quote_end(token_span(view, first, last), quotes)
        else:
            content = _right_dependents(view, verb, cue_last, first, quotes)
            confidence = 0.6 if kind == "stance" else 0.7
        rule = "complement"
    elif (pp := _prepositional_object(view, verb, cue_last)) is not None:
        # 'talked about deporting millions', 'pleaded for understanding': the object of the verb's preposition.
        last = _right_content_end(view, pp, verb, quotes, clausal=False)
        if last < pp:
            return None
        content = extend_to_quote_end(token_span(view, pp, last), quotes)[0]
        cue_last = pp - 1
        confidence = 0.6
        rule = "complement"
    else:
        return None

    if rule == "complement" and kind != "stance" and _lone_name(view, content):
        return None  # "told CNN", "tell Holder": a name alone after a verb of saying is whom it was said to
    if rule == "complement" and kind == "cognition" and speaker_rng is None and _words(view, content) <= 3:
        return None  # "looked crushed", "showing respect": a short object of a belief verb nobody holds
    if lemma == "report":
        channels, speaker_rng = _citing(view, verb, speaker_rng, channels)
    channels.extend(_addressed_outlets(view, verb, cue_last))
    if content[1] <= content[0]:
        return None
    if speaker_rng is None:
        confidence -= 0.2
    speaker_rng = clean_speaker(view, speaker_rng) if speaker_rng else None
    speaker = make_mention(view, speaker_rng) if speaker_rng else None
    return Candidate(
        content=content,
        cue=token_span(view, cue_first, cue_last),
        cue_lemma=lemma,
        sentence=view.sent.index,
        speaker=speaker,
        rule=rule,
        confidence=confidence,
        channels=tuple(channels),
        recovered_quote=recovered,
        passive=passive,
        # "were said to have": the subject of that passive is the speaker, not part of what was said.
        lead=_passive_lead(view, verb, cue_first, content, quotes) if passive and rule == "complement" and not speaker
        else None,
    )


def _passive_lead(
    view: SentenceView, verb: Token, cue_first: int, content: Span, quotes: list[QuoteSpan]
) -> Span | None:
    """'Direct mail | is considered | an effective technique': what a passive cue with no agent says something
    about is its subject, which belongs to the content ahead of the complement."""
    if content[0] < view.tokens[cue_first].end or cue_lemma(verb) in _ADDRESSEE_VERBS:
        return None  # "Clinton was asked about a loan": the subject is whom it was put to
    subjects = [c for c in view.children(verb.index, "nsubj:pass") if c.index < cue_first]
    if not subjects or inside_quote(subjects[0].start, quotes):
        return None
    first, _ = noun_phrase(view, subjects[0])
    return token_span(view, first, _subject_last(view, subjects[0], cue_first))


_AS_LEADS = frozenset({"and", "but", "so", "or", "yet", "still", "now", "indeed"})


def _as_clause(
    view: SentenceView, verb: Token, lemma: str, passive: bool, cue_first: int, cue_last: int, quotes: list[QuoteSpan]
) -> Candidate | None:
    """'As The Hill reported, Y': the sentence an opening "as" clause hangs on is the content. (A closing
    "Y, as X noted" is as often a time clause or a separate report, so it is left to the other readings.)"""
    toks = view.tokens
    marks = [c for c in view.children(verb.index, "mark") if c.text.lower() == "as" and c.index < cue_first]
    if not marks or verb.deprel not in ("advcl", "parataxis", "conj", "root"):
        return None
    as_at = marks[0].index
    lead = [t for t in toks[:as_at] if not is_punct(t) and t.text.lower() not in _AS_LEADS]
    # The parser hangs far commas on the cue; the clause ends at the first comma after the cue and its
    # adjuncts ("As the paper noted on Tuesday, ..."). ", and as X noted, Y" opens the clause just as well.
    follow = next(
        (i for i in range(cue_last + 1, min(len(toks), cue_last + 7)) if toks[i].text in (",", ":")), len(toks)
    )
    if any(t.upos in ("VERB", "AUX") or is_quote(t) for t in toks[cue_last + 1 : follow]):
        return None
    if as_at >= 2 and toks[as_at - 1].text.lower() in ("and", "but") and toks[as_at - 2].text == ",":
        lead = []
    if lead or follow >= len(toks) or toks[follow].text not in (",", ":"):
        return None
    first, last = follow + 1, len(toks) - 1
    last = drop_trailing_punct(toks, first, last)
    if last <= first:
        return None
    content, recovered = extend_to_quote_end(token_span(view, first, last), quotes)
    speaker: tuple[int, int] | None = None
    # "As reported by Western Journalism, ...": a bare participle names its speaker in the by-phrase.
    if passive or verb.xpos == "VBN":
        agents = [
            c
            for c in view.children(verb.index, "obl:agent", "obl")
            if c.index > verb.index and any(k.text.lower() == "by" for k in view.children(c.index, "case"))
        ]
        speaker = noun_phrase(view, agents[0]) if agents else None
        if speaker is not None and toks[speaker[0]].text.lower() == "by" and speaker[0] < speaker[1]:
            speaker = (speaker[0] + 1, speaker[1])
    else:
        subjects = [c for c in view.children(verb.index, "nsubj") if as_at < c.index < verb.index]
        speaker = noun_phrase(view, subjects[0]) if subjects else None
    if speaker is not None:
        speaker = clean_speaker(view, speaker)
    return Candidate(
        content=content,
        cue=token_span(view, cue_first, cue_last),
        cue_lemma=lemma,
        sentence=view.sent.index,
        speaker=make_mention(view, speaker) if speaker else None,
        rule="as-clause",
        confidence=0.75 if speaker else 0.5,
        recovered_quote=recovered,
        passive=passive,
    )


def _right_dependents(view: SentenceView, verb: Token, cue_last: int, first: int, quotes: list[QuoteSpan]) -> Span:
    """Everything the verb governs to its right ("accused China of hacking"), without new clauses."""
    toks = view.tokens
    keep = [
        c
        for c in view.children(verb.index)
        if c.index > cue_last
        and c.deprel.split(":")[0]
        not in ("conj", "cc", "parataxis", "advcl", "punct", "nsubj", "mark", "discourse", "vocative")
    ]
    # "accused X of lying": an adverbial clause glued to the object (no comma) is part of the content.
    keep += [
        c
        for c in view.children(verb.index, "advcl")
        if c.index > cue_last
        and not any(t.text == "," for t in toks[cue_last + 1 : min(t.index for t in view.subtree(c.index))])
    ]
    lo, hi = first, first
    for child in keep:
        sub = view.subtree(child.index, frozenset({"parataxis"}))
        hi = max(hi, max(t.index for t in sub))
    hi = min(hi, _right_content_end(view, lo, verb, [], clausal=False))
    while hi > lo and is_punct(toks[hi]) and not is_quote(toks[hi]) and toks[hi].text != ".":
        hi -= 1
    return extend_to_quote_end(token_span(view, lo, hi), quotes)[0]


# After the agent of a passive cue these carry the rest of what is said about its subject ("criticized by X for
# failing to ...", "interpreted by some as a threat").
_AGENT_TAIL_CASES = frozenset({"for", "as"})
# Heads of "by" phrases that measure or time a passive rather than name who did it.
_NO_AGENT_NOUNS = frozenset({"margin", "point", "vote", "acclamation", "end"})


def _passive_agent_candidate(
    view: SentenceView, verb: Token, lemma: str, cue_first: int, cue_last: int, quotes: list[QuoteSpan]
) -> Candidate | None:
    """'Trump has been criticized by his rivals', 'The proposal was rejected by 64 percent': a passive cue with a
    "by" agent and no clause of its own; the agent is the source and the passive subject is what the stance or
    statement is about (with a "for ..."/"as ..." phrase after the agent)."""
    toks = view.tokens
    agent = _by_agent(view, verb)
    subjects = [c for c in view.children(verb.index, "nsubj") if c.index < cue_first]
    if agent is None or agent.index <= cue_last or not subjects or lemma in _ADDRESSEE_VERBS:
        return None
    if agent.ner.endswith(("DATE", "TIME")) or (agent.lemma or "").lower() in _NO_AGENT_NOUNS:
        return None  # "was decided by one point", "nominated by acclamation": how, not who
    if any(
        c.index > cue_last
        and (c.deprel.split(":")[0] in ("ccomp", "csubj") or (c.deprel == "xcomp" and c.upos in ("VERB", "AUX")))
        for c in view.children(verb.index)
    ):
        return None  # "was asked by X whether ...": the clause is the content
    subject = subjects[0]
    if inside_quote(subject.start, quotes) or subject.upos not in ("NOUN", "PROPN", "PRON", "NUM"):
        return None
    first, last = noun_phrase(view, subject)
    agent_first, agent_last = noun_phrase(view, agent)
    while agent_first < agent_last and toks[agent_first].upos == "ADP":
        agent_first += 1
    # "criticized by X for failing to ...": the phrase after the agent carries most of what is said.
    tail = [
        t.index
        for child in view.children(verb.index, "obl", "advcl", "xcomp")
        if child.index > agent_last
        and (
            child.deprel == "xcomp"
            or any(k.text.lower() in _AGENT_TAIL_CASES for k in view.children(child.index, "case", "mark"))
        )
        for t in view.subtree(child.index)
    ]
    if tail and not any(t.text in (",", ";", "—", "–") for t in toks[agent_last + 1 : min(tail)]):
        end = max(tail)  # subject and tail, the cue and agent between them cut out as an aside
    else:
        end = last
    end = drop_trailing_punct(toks, first, end)
    speaker = clean_speaker(view, (agent_first, agent_last))
    if speaker is None:
        return None
    return Candidate(
        content=token_span(view, first, end),
        cue=token_span(view, cue_first, cue_last),
        cue_lemma=lemma,
        sentence=view.sent.index,
        speaker=make_mention(view, speaker),
        rule="passive-agent",
        confidence=0.6,
        passive=True,
    )


# "X seems/appears to ...": the subject belongs to what is presented, and nobody in the sentence says it.
_RAISING = frozenset({"seem", "appear"})


def _reduced_passive_subject(view: SentenceView, verb: Token) -> Token | None:
    """'with six of the hostages confirmed to be Russian', 'a year expected to produce': a participle with no
    auxiliary or subject of its own after a noun, with an infinitive after it; the noun phrase it follows is
    what is believed about."""
    toks = view.tokens
    kids = view.children(verb.index)
    if (
        verb.xpos != "VBN"
        or not 0 < verb.index < len(toks) - 1
        or toks[verb.index - 1].upos not in ("NOUN", "PROPN", "NUM")
        or toks[verb.index + 1].text.lower() != "to"
        or not any(c.deprel == "xcomp" and c.index > verb.index for c in kids)
        or any(c.deprel.startswith(("aux", "nsubj")) for c in kids)
    ):
        return None
    noun = toks[verb.index - 1]
    # "six of the hostages": the phrase's head, not its last noun.
    while noun.deprel.startswith("nmod") and 0 <= noun.head < noun.index:
        noun = toks[noun.head]
    return noun


def _raised_subject(view: SentenceView, verb: Token, lemma: str, passive: bool) -> Token | None:
    believed = lemma in _PASSIVE_BELIEF and lemma != "say"
    if believed and not passive:
        reduced = _reduced_passive_subject(view, verb)
        if reduced is not None:
            return reduced
    if lemma not in _RAISING and not (passive and believed):
        return None
    subjects = [c for c in view.children(verb.index, "nsubj") if c.index < verb.index]
    if not subjects or not any(c.index > verb.index for c in view.children(verb.index, "xcomp", "ccomp")):
        return None
    if passive and any(
        k.text.lower() == "by"
        for c in view.children(verb.index, "obl:agent", "obl")
        for k in view.children(c.index, "case")
    ):
        return None
    return subjects[0]


def _raising_candidate(
    view: SentenceView, verb: Token, lemma: str, subject: Token, cue_first: int, cue_last: int, quotes: list[QuoteSpan]
) -> Candidate | None:
    """'Trump is expected to win', 'The lead appears to grow': subject and complement are the content."""
    toks = view.tokens
    first, _ = noun_phrase(view, subject)
    # "More than 200 people": the parser hangs the quantifier on the verb.
    while first > 0 and toks[first - 1].upos in ("ADJ", "ADV", "ADP", "NUM", "DET") and not is_punct(toks[first - 1]):
        first -= 1
    # ", with at least six of the hostages": the preposition opening the phrase is not part of it.
    while first < subject.index and toks[first].upos == "ADP" and (first == 0 or is_punct(toks[first - 1])):
        first += 1
    if inside_quote(toks[first].start, quotes):
        return None
    last = _right_content_end(view, cue_last + 1, verb, quotes) if cue_last + 1 < len(toks) else cue_last
    if last <= cue_last:
        return None
    return Candidate(
        content=token_span(view, cue_last + 1, last),
        cue=token_span(view, cue_first, cue_last),
        cue_lemma=lemma,
        sentence=view.sent.index,
        speaker=None,
        rule="raising",
        confidence=0.55,
        passive=True,
        lead=token_span(view, first, _subject_last(view, subject, cue_first)),
    )


def _subject_last(view: SentenceView, subject: Token, cue_first: int) -> int:
    """Last token of the subject phrase, before the cue and its auxiliaries."""
    last = max(t.index for t in view.subtree(subject.index) if t.index < cue_first)
    while last > subject.index and is_punct(view.tokens[last]) and not is_quote(view.tokens[last]):
        last -= 1
    return last


def _is_outlet_phrase(view: SentenceView, rng: tuple[int, int]) -> bool:
    text = view.doc.text[view.tokens[rng[0]].start : view.tokens[rng[1]].end].lower()
    outlets = lexicon.words("outlets")
    words = text.split()
    # Any tail of the phrase naming a known outlet: "the state news agency RIA Novosti", "Russia's RBC".
    head = view.tokens[rng[1]]
    return (
        any(" ".join(words[i:]) in outlets for i in range(len(words)))
        or (bool(words) and words[-1] in lexicon.words("outlet_nouns"))
        or (head.upos == "PROPN" and head.text.lower() in lexicon.words("outlet_name_words"))
    )


def _addressed_outlets(view: SentenceView, verb: Token, cue_last: int) -> list[ChannelHint]:
    """'told RIA Novosti', 'said in an interview with CNN': the outlet the statement was made to."""
    toks = view.tokens
    out: list[ChannelHint] = []
    pos = cue_last + 1
    if verb.lemma.lower() == "tell" and pos < len(toks):
        np = surface_np_right(view, pos)
        if np is not None and _is_outlet_phrase(view, np):
            out.append(ChannelHint(make_mention(view, np), "told"))
    for i in range(cue_last + 1, min(len(toks) - 2, cue_last + 8)):
        if toks[i].lemma.lower() == "interview" and toks[i + 1].text.lower() in ("with", "to", "on"):
            np = surface_np_right(view, i + 2)
            if np is not None:
                out.append(ChannelHint(make_mention(view, np), "interview"))
            break
    return out


def _citing(
    view: SentenceView, verb: Token, speaker_rng: tuple[int, int] | None, channels: list[ChannelHint]
) -> tuple[list[ChannelHint], tuple[int, int] | None]:
    """'media reported, citing the ministry': the ministry is the speaker, the media the channel."""
    toks = view.tokens
    for i in range(verb.index + 1, min(len(toks), verb.index + 4)):
        if toks[i].lemma.lower() == "cite" and i + 1 < len(toks):
            np = surface_np_right(view, i + 1)
            if np is None:
                return channels, speaker_rng
            if speaker_rng is not None:
                channels = [*channels, ChannelHint(make_mention(view, speaker_rng), "reported")]
            return channels, np
    return channels, speaker_rng


# Sentence openers that make the clause up to the next comma a subordinate one ("After X said Y, Z happened").
_FRONTED_SUBORDINATORS = frozenset(
    {
        "after",
        "when",
        "while",
        "although",
        "though",
        "because",
        "since",
        "before",
        "once",
        "until",
        "unless",
        "whereas",
        "if",
    }
)
_LEADS = frozenset(
    {"and", "but", "so", "yet", "still", "even", "just", "now", "only", "shortly", "soon", "long", "right"}
)


def close_fronted_clause(doc: ParsedDoc, cand: Candidate, quotes: list[QuoteSpan]) -> Candidate:
    """'After Obama announced that X, U.S. forces bombed Y': a report inside a fronted subordinate clause ends
    where the main clause begins (a comma followed by a subject and a finite verb), however the parse hangs it."""
    if cand.cue is None or cand.content[0] < cand.cue[1]:
        return cand
    sent = doc.sentences[cand.sentence]
    if not sent.parsed or cand.content[1] > sent.end:
        return cand
    view = SentenceView(doc, sent)
    toks = sent.tokens
    lead = 0
    while lead < len(toks) and (is_punct(toks[lead]) or toks[lead].text.lower() in _LEADS):
        lead += 1
    if lead >= len(toks):
        return cand
    # "Asked whether X, 75 percent said yes": a sentence that opens with the participle cue is fronted too, and
    # so is a report in a relative clause ("Among those who said X, most backed Y").
    fronted_participle = (
        toks[lead].start == cand.cue[0] and toks[lead].xpos in ("VBN", "VBG", "VBD") and cand.rule != "according-to"
    )
    relative = (
        cand.speaker is not None
        and toks[cand.speaker.last].text.lower() == "who"
        and toks[cand.speaker.last].end <= cand.cue[0]
    )
    if (
        not fronted_participle
        and not relative
        and (toks[lead].text.lower() not in _FRONTED_SUBORDINATORS or toks[lead].start >= cand.cue[0])
    ):
        return cand
    for tok in toks:
        if tok.start <= cand.content[0] or tok.end > cand.content[1]:
            continue
        if tok.text != "," or inside_quote(tok.start, quotes) or tok.index + 1 >= len(toks):
            continue
        if toks[tok.index - 1].upos == "ADJ" and toks[tok.index + 1].upos == "ADJ":
            continue  # "the longest, hardest simulation": coordinated adjectives, not a new clause
        if _looks_like_clause(view, tok.index + 1):
            speaker = cand.speaker
            if fronted_participle and toks[lead].xpos != "VBG" and speaker is not None and speaker.start > tok.start:
                speaker = None  # "Asked if X, the senator laughed": the main clause's subject is the one asked
            return replace(cand, content=(cand.content[0], toks[tok.index - 1].end), speaker=speaker)
    return cand


# Prepositions that belong to the cue of a prepositional verb ("asked about", "called for", "railed against").
_CUE_PREPOSITIONS = frozenset({"about", "for", "to", "of", "with", "against", "on", "from", "at", "into", "over"})


def prepositional_cue(doc: ParsedDoc, cand: Candidate) -> Candidate:
    """'was asked about a loan', 'called for a ban': when the content right after the cue verb opens with the
    verb's own preposition, the preposition is part of the cue and the content is its object."""
    if cand.cue is None or cand.rule != "complement" or cand.content[0] < cand.cue[1]:
        return cand
    sent = doc.sentences[cand.sentence]
    toks = sent.tokens
    first = next((t for t in toks if t.start >= cand.content[0]), None)
    if first is None or first.upos != "ADP" or first.text.lower() not in _CUE_PREPOSITIONS:
        return cand
    if doc.text[cand.cue[1] : first.start].strip():
        return cand  # something lies between: the preposition does not follow the verb
    nxt = toks[first.index + 1] if first.index + 1 < len(toks) else None
    if nxt is None or nxt.end > cand.content[1] or is_punct(nxt):
        return cand
    return replace(cand, content=(nxt.start, cand.content[1]), cue=(cand.cue[0], first.end))
