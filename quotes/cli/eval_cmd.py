"""`quotes eval`: score extraction against gold annotations."""

from __future__ import annotations

import json
from typing import Any

import click
from rich.console import Console

from quotes.batch import DEFAULT_PARSE, PARSE_MODES
from quotes.errors import QuotesError
from quotes.evaluate import format_errors, load_gold, read_predictions, sample_errors, score
from quotes.evaluate.gold import GoldArticle
from quotes.evaluate.matching import JACCARD_THRESHOLD
from quotes.evaluate.render import render_report
from quotes.extract.types import Attribution


def _pipeline_predictions(
    gold: list[GoldArticle], models_dir: str | None, parse_mode: str
) -> dict[str, list[Attribution]]:
    try:
        # Loaded only here: scoring saved predictions needs neither the extractor nor the parser.
        from quotes.evaluate.run import predict  # noqa: PLC0415
    except ImportError as exc:
        raise QuotesError(f"cannot run the extractor ({exc}); score saved output with --predictions FILE") from None

    def progress(done: int, total: int) -> None:
        click.echo(f"parsed and extracted {done}/{total} articles", err=True)

    return predict(gold, models_dir, progress=progress, parse_mode=parse_mode)


def _saved_predictions(path: str, gold: list[GoldArticle], all_names: set[str]) -> dict[str, list[Attribution]]:
    predictions = read_predictions(path)
    if predictions and not set(predictions) & all_names:
        raise QuotesError(
            f"{path}: none of its {len(predictions)} articles is a gold article "
            '(records are matched to gold by the file name stem in their "article" field)'
        )
    # Articles dropped by --limit are not "predictions without gold".
    kept = {g.name for g in gold}
    return {name: found for name, found in predictions.items() if name in kept or name not in all_names}


@click.command("eval")
@click.argument("gold_path", metavar="GOLD", type=click.Path(path_type=str))
@click.option(
    "--predictions",
    "predictions_path",
    type=click.Path(dir_okay=False, path_type=str),
    help="Score this JSON lines file (the `quotes extract --format jsonl` records) instead of running the pipeline.",
)
@click.option(
    "--models",
    "models_dir",
    envvar="QUOTES_MODELS",
    type=click.Path(file_okay=False),
    help="Directory of stanza models for parsing the gold texts (env QUOTES_MODELS).",
)
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="Only the first N gold articles (by file name).")
@click.option(
    "--threshold",
    type=click.FloatRange(min=0, max=1, min_open=True),
    default=JACCARD_THRESHOLD,
    show_default=True,
    help="Jaccard overlap a predicted content needs to match a gold one.",
)
@click.option(
    "--errors",
    "error_count",
    type=click.IntRange(min=0),
    default=0,
    metavar="N",
    help="List N sampled errors per class.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--parse",
    "parse_mode",
    type=click.Choice(PARSE_MODES),
    default=DEFAULT_PARSE,
    show_default=True,
    help="Parse every sentence of the gold texts, or only those `quotes extract --parse gated` parses.",
)
def eval_command(
    gold_path: str,
    predictions_path: str | None,
    models_dir: str | None,
    limit: int | None,
    threshold: float,
    error_count: int,
    as_json: bool,
    parse_mode: str,
) -> None:
    """Score quote extraction against GOLD annotations.

    GOLD is a PolNeAR split folder (text/NAME.txt with attributions/NAME_ANNOTATOR.ann
    in brat standoff) or seed gold (a NAME.gold.json file beside its article, or a
    folder of them). When several annotators annotated one PolNeAR article, the first
    .ann file by sorted file name is used. PolNeAR has no kind labels: a gold content is
    direct when all its letters are inside double quote marks, mixed when some are,
    indirect when none are.

    By default the gold texts are parsed and extracted as `quotes extract` would;
    --predictions scores saved output instead, matched to gold by file name stem.

    A predicted content matches a gold one when their character positions, trimmed of
    whitespace, quote marks and punctuation at both ends, reach the Jaccard threshold;
    pairs are taken greedily by best overlap, one to one. Exact F1 needs the same
    trimmed start and end. Speakers are judged on matched quotes: for PolNeAR the
    predicted speaker span must overlap the gold source mention (or name it, when it is
    not a pronoun); for seed gold the resolved speaker must equal the gold speaker or an
    alias (ignoring case and a leading "the"). End to end = matched and speaker right.
    Per kind, precision counts predictions by predicted kind and recall counts gold by
    gold kind.
    """
    gold = load_gold(gold_path)
    all_names = {g.name for g in gold}
    if limit:
        gold = gold[:limit]
    if predictions_path:
        predictions = _saved_predictions(predictions_path, gold, all_names)
        source = predictions_path
    else:
        predictions = _pipeline_predictions(gold, models_dir, parse_mode)
        source = "pipeline"
    report = score(gold, predictions, threshold=threshold)
    samples = sample_errors(report, error_count) if error_count else None
    if as_json:
        out: dict[str, Any] = {"gold": gold_path, "predictions": source, **report.to_dict()}
        if samples is not None:
            out["errors"] = samples
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    render_report(report, Console(), title=gold_path)
    if samples is not None:
        click.echo(format_errors(samples))


COMMANDS = [eval_command]
