"""A readable table of a report, for terminals."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table

from quotes.evaluate.score import SLICES, Report, SliceScores, Tally
from quotes.extract.types import KINDS


def _pct(value: float) -> str:
    return f"{100 * value:.1f}"


def _prf(tally: Tally) -> list[str]:
    return [_pct(tally.precision), _pct(tally.recall), _pct(tally.f1)]


def _row(name: str, scores: SliceScores) -> list[str]:
    return [
        name,
        str(scores.content.gold),
        str(scores.content.predicted),
        *_prf(scores.content),
        _pct(scores.exact.f1),
        _pct(scores.speaker_accuracy) if scores.speaker_judged else "-",
        *_prf(scores.end_to_end),
    ]


def render_report(report: Report, console: Console, title: str = "quote evaluation") -> None:
    table = Table(
        title=f"{title}: {len(report.results)} articles, Jaccard ≥ {report.threshold:g} (scores in %)",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        collapse_padding=True,
    )
    for header in ("kind", "gold", "pred", "P", "R", "F1", "exact", "spkr", "e2e P", "e2e R", "e2e F1"):
        table.add_column(header, justify="left" if header == "kind" else "right", no_wrap=True)
    for name in SLICES:
        table.add_row(*_row(name, report.slices[name]), end_section=name == "all")
    console.print(table)

    confusion = Table(title="kinds of matched quotes", box=box.SIMPLE_HEAD)
    confusion.add_column("gold \\ pred")
    for kind in KINDS:
        confusion.add_column(kind, justify="right")
    for gold_kind in KINDS:
        confusion.add_row(gold_kind, *(str(report.kind_confusion[gold_kind].get(k, 0)) for k in KINDS))
    console.print(confusion)
    console.print(
        "P/R/F1: content matched (trimmed character Jaccard, greedy one-to-one); exact: F1 of matches with the "
        "same start and end; spkr: speaker accuracy on matched quotes; e2e: matched with the right speaker. "
        "Per kind, P counts predictions by predicted kind, R counts gold by gold kind.",
        style="dim",
    )
    for note in report.notes:
        console.print(f"note: {note}", style="yellow")
