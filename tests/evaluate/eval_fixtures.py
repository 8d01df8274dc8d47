"""Tiny hand-written gold: a brat split folder and a seed-gold file (no corpus text is copied)."""

from __future__ import annotations

import json
from pathlib import Path

from quotes.extract.types import Attribution
from quotes.nlp.doc import ParsedDoc

SHARED = Path(__file__).resolve().parents[3] / "shared"

# An invented article; every offset below is computed from it, never typed in.
ARTICLE = (
    "Mayor Ann Lee said on Monday that the bridge would reopen in May.\n"
    '"We are nearly done," Lee said. "The last beams go in next week."\n'
    'The council called the plan "reckless" in a statement.\n'
    "Costs rose\nsharply, according to a report.\n"
)


def span_of(text: str, fragment: str, start: int = 0) -> tuple[int, int]:
    begin = text.index(fragment, start)
    return begin, begin + len(fragment)


def t_line(ident: str, label: str, *fragments: str, after: str = "", text: str = ARTICLE) -> str:
    """A brat text-bound line; each fragment is looked up after the first occurrence of ``after``."""
    start = text.index(after) + len(after) if after else 0
    spans = [span_of(text, f, start) for f in fragments]
    offsets = ";".join(f"{s} {e}" for s, e in spans)
    return f"{ident}\t{label} {offsets}\t{' '.join(text[s:e] for s, e in spans)}"


def brat_annotation() -> str:
    """Four attributions: indirect, discontinuous direct, mixed without a cue line of its own,
    and one without a source whose content spans a line break."""
    first_quote = '"We are nearly done,"'
    second_quote = '"The last beams go in next week."'
    lines = [
        t_line("T1", "Source", "Mayor Ann Lee"),
        t_line("T2", "Cue", "said on Monday"),
        t_line("T3", "Content", "that the bridge would reopen in May"),
        t_line("T4", "Attribution", "said on Monday"),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        t_line("T5", "Content", first_quote, second_quote),
        t_line("T6", "Source", "Lee", after=first_quote),
        t_line("T7", "Cue", "said", after=first_quote),
        "E2\tAttribution:T7 Cue:T7 Source:T6 Content:T5",
        t_line("T8", "Source", "The council"),
        t_line("T9", "Cue", "called"),
        t_line("T10", "Content", 'the plan "reckless"'),
        "E3\tAttribution:T9 Content:T10 Source:T8 Cue:T9",
        t_line("T11", "Content", "Costs rose\nsharply"),
        t_line("T12", "Attribution-no-source", "according to a report"),
        "E4\tAttribution-no-source:T12 Content:T11",
        "E5\tAttribution-no-source:T12",
        "#1\tAnnotatorNotes T11\ta note",
    ]
    return "\n".join(lines) + "\n"


def make_brat_split(root: Path) -> Path:
    """A PolNeAR-shaped split: one article, annotated by two annotators (b2 sorts after a1)."""
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "city_bridge.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "attributions" / "city_bridge_a1.ann").write_text(brat_annotation(), encoding="utf-8")
    (root / "attributions" / "city_bridge_b2.ann").write_text("", encoding="utf-8")
    return root


SEED_ARTICLE = (
    "# Talks in Oslo\n\n"
    "The Foreign Ministry [said](#) talks would continue. "
    "“We remain hopeful,” spokeswoman Kari Berg said.\n"
    "Berg also said the talks were “productive.”\n"
)


def make_seed_gold(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "oslo-talks.md").write_text(SEED_ARTICLE, encoding="utf-8")
    gold = {
        "article": "oslo-talks.md",
        "quotes": [
            {
                "kind": "indirect",
                "content": "talks would continue",
                "speaker": "Norway's Foreign Ministry",
                "aliases": ["Foreign Ministry"],
                "via": [],
            },
            {"kind": "direct", "content": "We remain hopeful,", "speaker": "Kari Berg", "aliases": ["Berg"]},
            {"kind": "mixed", "content": "the talks were “productive.”", "speaker": "Kari Berg", "aliases": ["Berg"]},
            {"kind": "indirect", "content": "Talks in Oslo", "speaker": "Foreign Ministry", "optional": True},
        ],
    }
    path = folder / "oslo-talks.gold.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return path


def attribution(text: str, kind: str, content: str, after: str = "", **speaker: object) -> Attribution:
    start = text.index(after) + len(after) if after else 0
    span = span_of(text, content, start)
    return Attribution(kind=kind, content=content, content_span=span, **speaker)  # type: ignore[arg-type]


def brat_predictions() -> list[Attribution]:
    """Against the fixture gold (E1 indirect, E2 direct split in two, E3 mixed, E4 indirect without source)."""
    return [
        # E1: exact, speaker span overlapping "Mayor Ann Lee".
        attribution(
            ARTICLE, "indirect", "that the bridge would reopen in May", speaker_span=span_of(ARTICLE, "Ann Lee")
        ),
        # E2: one contiguous span over both fragments (J = 48/62); no speaker.
        attribution(ARTICLE, "direct", 'We are nearly done," Lee said. "The last beams go in next week.'),
        # E3: kind wrong, speaker right by name though no span is given.
        attribution(ARTICLE, "direct", 'the plan "reckless"', speaker="council"),
        # Nothing in the gold.
        attribution(ARTICLE, "indirect", "in a statement"),
    ]


def fixture_extract(doc: ParsedDoc) -> list[Attribution]:
    """Stands in for the extractor in script runs: the predictions above, for the fixture article."""
    return brat_predictions() if doc.text == ARTICLE else []
