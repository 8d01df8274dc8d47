"""Turn a speaker mention into a referent (canonical name, type, role) and resolve mentions that point back.

Pure functions over the ParsedDoc. Resolution is deliberately simple and local:
pronouns and role descriptions go to the closest earlier fitting speaker, bare
surnames to a full name ending in them, short organisation names ("the
ministry") to an earlier organisation with the same head word.
"""

from __future__ import annotations

from dataclasses import dataclass

from quotes.extract import lexicon
from quotes.extract.candidates import Mention
from quotes.extract.syntax import POSSESSIVE
from quotes.nlp.doc import ParsedDoc, Token

_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_PERSON_TITLES = frozenset({"mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov.", "gen.", "mr", "mrs", "ms", "dr",
                            "president", "senator", "secretary", "minister", "governor", "mayor", "judge"})


@dataclass(frozen=True, slots=True)
class Referent:
    name: str
    type: str  # person, organization, outlet, group, unknown
    role: str | None = None
    needs_antecedent: str | None = None  # "pronoun", "role", "surname", "short" when it points back
    head: str = ""  # lower-cased head word, for matching descriptions


def _tokens(doc: ParsedDoc, mention: Mention) -> list[Token]:
    return list(doc.sentences[mention.sentence].tokens[mention.first:mention.last + 1])


def _join(doc: ParsedDoc, toks: list[Token]) -> str:
    if not toks:
        return ""
    return doc.text[toks[0].start:toks[-1].end]


def _strip(toks: list[Token]) -> list[Token]:
    """Drop leading determiners and a trailing possessive ending."""
    while toks and toks[0].text.lower() in _DETERMINERS:
        toks = toks[1:]
    while toks and (toks[-1].text in POSSESSIVE or (toks[-1].text in (",", ".") and len(toks[-1].text) == 1
                    and len(toks) > 1 and not toks[-2].text[:1].isupper())):
        toks = toks[:-1]
    return toks


def _possessor_end(toks: list[Token]) -> int:
    """Index just past a leading possessor ("Russia's Deputy Foreign Minister ..." -> after "'s")."""
    for i, tok in enumerate(toks[:-1]):
        if tok.text in POSSESSIVE:
            return i + 1
    return 0


def _person_entity(doc: ParsedDoc, mention: Mention) -> tuple[int, int] | None:
    for ent in doc.entities_in(mention.sentence):
        if ent.type == "PERSON" and ent.first >= mention.first and ent.last <= mention.last:
            return ent.first, ent.last
    return None


def describe(doc: ParsedDoc, mention: Mention, known_people: dict[str, str]) -> Referent:
    """What the mention says by itself; ``known_people`` maps surnames to full names seen in the article."""
    toks = _tokens(doc, mention)
    if not toks:
        return Referent("", "unknown")
    low = [t.text.lower() for t in toks]
    pronoun_kind = lexicon.pronouns().get(low[0]) if len(toks) == 1 else None
    if pronoun_kind is not None:
        return Referent(toks[0].text, "unknown", None, "pronoun", low[0])
    toks = _strip(toks)
    if not toks:
        return Referent(mention_text(doc, mention), "unknown")
    full = _join(doc, toks)
    head_tok = toks[-1]
    head = head_tok.text.lower()
    lower_full = full.lower()

    outlets = lexicon.words("outlets")
    if lower_full in outlets or (head_tok.upos == "PROPN" and head in lexicon.words("outlet_name_words")):
        return Referent(full, "outlet", None, None, head)
    # "The state-run news agency RIA Novosti": the description is a role, the proper name is the name.
    for i in range(len(toks)):
        tail = _join(doc, toks[i:]).lower()
        if tail in outlets and i:
            return Referent(_join(doc, toks[i:]), "outlet", _join(doc, toks[:i]) or None, None, head)

    person = _person_entity(doc, mention)
    if person is not None:
        sent = doc.sentences[mention.sentence].tokens
        name_toks = _strip(list(sent[person[0]:person[1] + 1]))
        # Names glued to a following verb by the tagger ("Clinton Was Headed") are cut at the first non-name.
        name_toks = _leading_names(name_toks)
        if name_toks:
            before = [t for t in toks if t.end <= name_toks[0].start]
            before = before[_possessor_end(before):]
            role_toks = [t for t in _strip(before) if t.text not in (",",)]
            role = _join(doc, role_toks) or None
            return Referent(_canonical_person(doc, name_toks, known_people), "person", role, None,
                            name_toks[-1].text.lower())

    head_lemma = (head_tok.lemma or head).lower()
    is_outlet_head = head in lexicon.words("outlet_nouns") or head_lemma in lexicon.words("outlet_nouns")
    if not is_outlet_head and (head_lemma in lexicon.words("organization_nouns")
                               or head in lexicon.words("organization_nouns")):
        short = low[0] == "the" and len(toks) <= 2
        return Referent(full, "organization", None, "short" if short else None, head_lemma)
    # A run of capitalised words at the end, after title words, is a name even when NER missed it.
    titles = lexicon.words("titles")
    body = toks[_possessor_end(toks):]
    name_start = len(body)
    while name_start > 0 and body[name_start - 1].upos == "PROPN" and body[name_start - 1].text.lower() not in titles:
        name_start -= 1
    if 0 < name_start < len(body) and all(t.text.lower() in titles or t.upos in ("ADJ", "PROPN", "NOUN")
                                          for t in body[:name_start]) and any(
            t.text.lower() in titles for t in body[:name_start]):
        name_toks = body[name_start:]
        return Referent(_canonical_person(doc, name_toks, known_people), "person",
                        _join(doc, body[:name_start]), None, name_toks[-1].text.lower())

    if len(toks) == 1 and head_tok.upos == "PROPN" and head in known_people:
        return Referent(known_people[head], "person", None, "surname", head)
    if len(toks) <= 2 and toks[-1].upos == "PROPN" and toks[0].text.lower() in _PERSON_TITLES:
        surname = toks[-1].text.lower()
        return Referent(known_people.get(surname, toks[-1].text), "person", toks[0].text, "surname", surname)

    if is_outlet_head:
        return Referent(full, "outlet", None, "short" if low[0] == "the" and len(toks) <= 2 else None, head_lemma)
    ner = _ner_type(doc, mention)
    if head in titles and head_tok.upos in ("NOUN", "PROPN") and not any(t.upos == "PROPN" and t.text.lower()
                                                                            not in titles for t in toks):
        return Referent(full, "person", full, "role", head)
    plural = head_tok.upos == "NOUN" and ("Number=Plur" in head_tok.feats or head_tok.xpos == "NNS")
    if head in lexicon.words("group_nouns") or plural:
        return Referent(full, "group", None, "short" if low[0] == "the" else None, head_lemma)
    if ner in ("ORG", "GPE", "NORP", "FAC"):
        if len(toks) == 1 and head in known_people:
            return Referent(known_people[head], "person", None, "surname", head)
        return Referent(full, "organization", None, None, head_lemma)
    if ner == "PERSON" or (head_tok.upos == "PROPN" and len(toks) <= 3):
        if len(toks) == 1 and head in known_people:
            return Referent(known_people[head], "person", None, "surname", head)
        return Referent(full, "person", None, None, head)
    return Referent(full, "unknown", None, None, head_lemma)


def _leading_names(toks: list[Token]) -> list[Token]:
    out = []
    for tok in toks:
        if tok.upos not in ("PROPN", "NOUN", "X") and tok.text not in (".", "-") and out:
            break
        out.append(tok)
    while out and out[-1].text in POSSESSIVE:
        out.pop()
    return out


def _canonical_person(doc: ParsedDoc, name_toks: list[Token], known_people: dict[str, str]) -> str:
    name_toks = [t for t in name_toks if t.text.lower() not in _PERSON_TITLES]
    if not name_toks:
        return ""
    if len(name_toks) == 1:
        return known_people.get(name_toks[0].text.lower(), name_toks[0].text)
    return _join(doc, name_toks)


def _ner_type(doc: ParsedDoc, mention: Mention) -> str:
    sent = doc.sentences[mention.sentence].tokens
    head_ner = sent[mention.last].ner if mention.last < len(sent) else "O"
    return head_ner.partition("-")[2] if head_ner != "O" else ""


def mention_text(doc: ParsedDoc, mention: Mention) -> str:
    return doc.text[mention.start:mention.end]


def known_people(doc: ParsedDoc) -> dict[str, str]:
    """Surname (lower case) -> the first full name ending in it."""
    people: dict[str, str] = {}
    for ent in doc.entities:
        if ent.type != "PERSON":
            continue
        toks = _leading_names(_strip(list(doc.sentences[ent.sentence].tokens[ent.first:ent.last + 1])))
        toks = [t for t in toks if t.text.lower() not in _PERSON_TITLES]
        if len(toks) >= 2:
            people.setdefault(toks[-1].text.lower(), _join(doc, toks))
    return people


def _stem(word: str) -> str:
    return word[:6]


def resolve(referent: Referent, earlier: list[tuple[int, Referent]], sentence: int) -> tuple[Referent, bool]:
    """Resolve a referent that points back against earlier (sentence, referent) pairs; returns (referent, resolved)."""
    kind = referent.needs_antecedent
    if kind is None:
        return referent, True
    if kind == "surname":
        return referent, referent.name != referent.head
    candidates = [(s, r) for s, r in reversed(earlier) if r.needs_antecedent is None or r.needs_antecedent == "surname"]
    if kind == "pronoun":
        wanted = lexicon.pronouns().get(referent.head, "")
        for s, r in candidates:
            if sentence - s > 6:
                break
            if wanted == "person" and r.type == "person":
                return r, True
            if wanted == "group" and r.type in ("group", "organization", "outlet"):
                return r, True
            if wanted == "thing" and r.type in ("organization", "outlet"):
                return r, True
        return referent, False
    # "the spokeswoman", "the ministry", "the delegates": an earlier speaker with a matching head or role.
    for s, r in candidates:
        if sentence - s > 12:
            break
        words = set((r.role or "").lower().split()) | set(r.name.lower().split())
        stems = {_stem(w) for w in words}
        if referent.head in words or _stem(referent.head) in stems:
            return r, True
    return referent, False
