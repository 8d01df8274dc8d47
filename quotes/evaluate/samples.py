"""Sample errors from a report (false positives, false negatives, wrong speakers) to study them."""

from __future__ import annotations

import random
from typing import Any

from quotes.evaluate.matching import jaccard, trim_spans
from quotes.evaluate.score import ArticleResult, Report
from quotes.extract.types import Attribution

ERROR_CLASSES = ("false_positives", "false_negatives", "speaker_errors")


def _clip(text: str, limit: int = 240) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _predicted(attribution: Attribution) -> dict[str, Any]:
    return {
        "kind": attribution.kind,
        "content_span": list(attribution.content_span),
        "content_pieces": [list(piece) for piece in attribution.content_pieces],
        "content": _clip(attribution.content),
        "cue": attribution.cue,
        "speaker": attribution.speaker,
        "speaker_mention": attribution.speaker_mention,
        "speaker_span": list(attribution.speaker_span) if attribution.speaker_span else None,
    }


def _gold(result: ArticleResult, index: int) -> dict[str, Any]:
    quote = result.article.quotes[index]
    return {
        "ref": quote.ref,
        "kind": quote.kind,
        "spans": [list(s) for s in quote.spans],
        "content": _clip(quote.content),
        "cue": quote.cue,
        "speaker": quote.speaker,
        "aliases": list(quote.aliases),
    }


def _best_overlap(result: ArticleResult, *, gold_index: int | None = None, pred_index: int | None = None) -> Any:
    """The closest item on the other side (below the match threshold), so boundary errors stand out."""
    text = result.article.text
    if gold_index is not None:
        target = trim_spans(text, result.article.quotes[gold_index].spans)
        scored = [(jaccard(target, trim_spans(text, p.content_spans)), i) for i, p in enumerate(result.predictions)]
    else:
        assert pred_index is not None
        target = trim_spans(text, result.predictions[pred_index].content_spans)
        scored = [(jaccard(target, trim_spans(text, q.spans)), i) for i, q in enumerate(result.article.quotes)]
    best = max(scored, default=(0.0, -1))
    if best[0] <= 0:
        return None
    other = _predicted(result.predictions[best[1]]) if gold_index is not None else _gold(result, best[1])
    return {"jaccard": round(best[0], 3), **other}


def collect_errors(report: Report) -> dict[str, list[dict[str, Any]]]:
    """Every error of the report, as plain dicts."""
    found: dict[str, list[dict[str, Any]]] = {name: [] for name in ERROR_CLASSES}
    for result in report.results:
        name = result.article.name
        for pi in result.spurious:
            found["false_positives"].append(
                {
                    "article": name,
                    "predicted": _predicted(result.predictions[pi]),
                    "nearest_gold": _best_overlap(result, pred_index=pi),
                }
            )
        for gi in result.missed:
            found["false_negatives"].append(
                {"article": name, "gold": _gold(result, gi), "nearest_prediction": _best_overlap(result, gold_index=gi)}
            )
        for pair in result.pairs:
            if not pair.speaker_right:
                found["speaker_errors"].append(
                    {
                        "article": name,
                        "gold": _gold(result, pair.gold),
                        "predicted": _predicted(result.predictions[pair.predicted]),
                    }
                )
    return found


def sample_errors(report: Report, count: int, seed: int = 0) -> dict[str, list[dict[str, Any]]]:
    """Up to ``count`` errors of each class, drawn with a fixed seed so reruns show the same ones."""
    rng = random.Random(seed)
    sampled: dict[str, list[dict[str, Any]]] = {}
    for name, items in collect_errors(report).items():
        picked = sorted(rng.sample(range(len(items)), min(count, len(items))))
        sampled[name] = [items[i] for i in picked]
    return sampled


def format_errors(samples: dict[str, list[dict[str, Any]]]) -> str:
    """Plain-text listing of sampled errors."""
    lines: list[str] = []
    for name, items in samples.items():
        lines.append(f"== {name.replace('_', ' ')} ({len(items)} shown)")
        for item in items:
            lines.append(f"-- {item['article']}")
            if "gold" in item:
                gold = item["gold"]
                lines.append(
                    f"   gold [{gold['kind']}] {gold['spans']} speaker={gold['speaker']!r} cue={gold['cue']!r}"
                )
                lines.append(f"        {gold['content']}")
            if "predicted" in item:
                pred = item["predicted"]
                lines.append(
                    f"   pred [{pred['kind']}] {pred['content_span']} speaker={pred['speaker']!r} "
                    f"mention={pred['speaker_mention']!r} at {pred['speaker_span']} cue={pred['cue']!r}"
                )
                lines.append(f"        {pred['content']}")
            near = item.get("nearest_gold") or item.get("nearest_prediction")
            if near:
                where = near.get("spans") or near.get("content_span")
                lines.append(f"   nearest (J={near['jaccard']}) [{near['kind']}] {where} speaker={near['speaker']!r}")
                lines.append(f"        {near['content']}")
        lines.append("")
    return "\n".join(lines)
