"""Score predicted attributions against gold: content P/R/F1, exact spans, speakers, end to end, by kind.

Precision for a kind counts predictions by their predicted kind; recall counts gold
quotes by their gold kind. A match never requires the kinds to agree; how kinds
were confused is reported separately.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from quotes.errors import QuotesError
from quotes.evaluate.gold import SPEAKER_BY_NAME, GoldArticle, GoldQuote
from quotes.evaluate.matching import JACCARD_THRESHOLD, MATCHING_RULE, match_greedy, same_extent, trim_spans
from quotes.extract.types import KINDS, Attribution, Span

SLICES = ("all", *KINDS)
# Gold source mentions that say nothing by themselves; only their position can be compared.
_PRONOUN_WORDS = "i me my we us our you your he him his she her hers it its they them their theirs who whom this that"
PRONOUNS = frozenset(_PRONOUN_WORDS.split(" "))


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


@dataclass
class Tally:
    """Hits and totals for one metric on one slice. ``hit_predicted`` and ``hit_gold`` differ only
    in kind slices, where a matched pair may carry a different kind on each side."""

    predicted: int = 0
    gold: int = 0
    hit_predicted: int = 0
    hit_gold: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.hit_predicted, self.predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.hit_gold, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "predicted": self.predicted,
            "gold": self.gold,
            "tp_predicted": self.hit_predicted,
            "tp_gold": self.hit_gold,
        }


@dataclass
class SliceScores:
    content: Tally = field(default_factory=Tally)
    exact: Tally = field(default_factory=Tally)
    end_to_end: Tally = field(default_factory=Tally)
    speaker_right: int = 0  # among matched gold quotes of this slice
    speaker_judged: int = 0

    @property
    def speaker_accuracy(self) -> float:
        return _ratio(self.speaker_right, self.speaker_judged)

    def to_dict(self) -> dict[str, Any]:
        return {
            "content": self.content.to_dict(),
            "exact": self.exact.to_dict(),
            "speaker": {
                "accuracy": round(self.speaker_accuracy, 4),
                "correct": self.speaker_right,
                "matched": self.speaker_judged,
            },
            "end_to_end": self.end_to_end.to_dict(),
        }


@dataclass(frozen=True)
class Pair:
    gold: int  # index into GoldArticle.quotes
    predicted: int  # index into ArticleResult.predictions
    jaccard: float
    exact: bool
    speaker_right: bool


@dataclass
class ArticleResult:
    article: GoldArticle
    predictions: list[Attribution]
    pairs: list[Pair] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)  # gold quotes no prediction matched (optional ones excluded)
    spurious: list[int] = field(default_factory=list)  # predictions that matched no gold quote
    excused: list[int] = field(default_factory=list)  # predictions that matched an optional gold quote


@dataclass
class Report:
    slices: dict[str, SliceScores]
    kind_confusion: dict[str, dict[str, int]]  # gold kind -> predicted kind -> matched pairs
    results: list[ArticleResult]
    threshold: float = JACCARD_THRESHOLD
    notes: list[str] = field(default_factory=list)

    @property
    def overall(self) -> SliceScores:
        return self.slices["all"]

    def to_dict(self) -> dict[str, Any]:
        optional = sum(q.optional for r in self.results for q in r.article.quotes)
        return {
            "articles": len(self.results),
            "gold_quotes": self.overall.content.gold,
            "predicted_quotes": self.overall.content.predicted,
            "optional_gold_quotes": optional,
            "settings": {
                "jaccard_threshold": self.threshold,
                "positions": "characters, after trimming whitespace and punctuation (quote marks included) "
                "from both ends of every fragment",
                "matching": MATCHING_RULE,
                "exact": "a matched pair whose trimmed spans start and end at the same characters",
                "by_kind": "precision counts predictions by predicted kind, recall counts gold by gold kind",
            },
            "overall": self.overall.to_dict(),
            "by_kind": {kind: self.slices[kind].to_dict() for kind in KINDS},
            "kind_confusion": self.kind_confusion,
            "notes": list(self.notes),
        }


# ---------------------------------------------------------------- speakers


def normalise_name(name: str | None) -> str:
    """Case-folded name with curly apostrophes straightened, spaces collapsed, and a leading
    "the" and trailing possessive or punctuation dropped."""
    if not name:
        return ""
    value = " ".join(name.replace("’", "'").casefold().split())
    value = value.strip(" .,;:!?\"'“”()[]")
    value = re.sub(r"^the\s+", "", value)
    return re.sub(r"'s?$", "", value)


def _overlaps(span: Span, spans: Sequence[Span]) -> bool:
    return any(min(span[1], end) > max(span[0], start) for start, end in spans)


def speaker_is_right(gold: GoldQuote, predicted: Attribution, mode: str) -> bool:
    """Whether ``predicted`` names the speaker of ``gold``.

    By name (seed gold): the predicted resolved speaker (or, lacking one, its mention)
    equals the gold speaker or an alias, compared with :func:`normalise_name`.
    By span (PolNeAR): the predicted speaker span overlaps the gold source mention;
    failing that, when the gold mention is not a pronoun, the predicted speaker or
    mention equals it by name. A gold quote without a source is right only when the
    prediction names no speaker either.
    """
    predicted_name = predicted.speaker or predicted.speaker_mention
    if mode == SPEAKER_BY_NAME:
        if not gold.speaker:
            return not predicted_name
        accepted = {normalise_name(n) for n in (gold.speaker, *gold.aliases)}
        return normalise_name(predicted_name) in accepted
    if not gold.speaker_spans:
        return predicted.speaker_span is None and not predicted_name
    if predicted.speaker_span is not None and _overlaps(predicted.speaker_span, gold.speaker_spans):
        return True
    mention = normalise_name(gold.speaker)
    if not mention or mention in PRONOUNS:
        return False
    return mention in (normalise_name(predicted.speaker), normalise_name(predicted.speaker_mention))


# ---------------------------------------------------------------- scoring


def _check_span(article: GoldArticle, attribution: Attribution, index: int) -> None:
    start, end = attribution.content_span
    if not 0 <= start <= end <= len(article.text):
        raise QuotesError(
            f"{article.name}: prediction {index} has content_span {start}-{end} outside the article "
            f"({len(article.text)} characters); predictions must index into the article file's text"
        )


def score_article(article: GoldArticle, predictions: Sequence[Attribution], threshold: float) -> ArticleResult:
    for index, attribution in enumerate(predictions):
        _check_span(article, attribution, index)
    gold_spans = [trim_spans(article.text, q.spans) for q in article.quotes]
    pred_spans = [trim_spans(article.text, p.content_spans) for p in predictions]
    result = ArticleResult(article, list(predictions))
    matched_gold: set[int] = set()
    matched_pred: set[int] = set()
    for gi, pi, overlap in match_greedy(gold_spans, pred_spans, threshold):
        matched_gold.add(gi)
        matched_pred.add(pi)
        gold = article.quotes[gi]
        if gold.optional:
            result.excused.append(pi)
            continue
        result.pairs.append(
            Pair(
                gi,
                pi,
                overlap,
                same_extent(gold_spans[gi], pred_spans[pi]),
                speaker_is_right(gold, predictions[pi], article.speaker_mode),
            )
        )
    result.missed = [i for i, q in enumerate(article.quotes) if i not in matched_gold and not q.optional]
    result.spurious = [i for i in range(len(predictions)) if i not in matched_pred]
    return result


def _tally(report_slices: dict[str, SliceScores], result: ArticleResult) -> None:
    gold_quotes = result.article.quotes
    predictions = result.predictions
    excused = set(result.excused)
    for quote in gold_quotes:
        if quote.optional:
            continue
        for name in ("all", quote.kind):
            scores = report_slices[name]
            for tally in (scores.content, scores.exact, scores.end_to_end):
                tally.gold += 1
    for index, attribution in enumerate(predictions):
        if index in excused:
            continue
        for name in ("all", attribution.kind):
            if name not in report_slices:
                continue  # an unknown predicted kind still counts in "all"
            scores = report_slices[name]
            for tally in (scores.content, scores.exact, scores.end_to_end):
                tally.predicted += 1
    for pair in result.pairs:
        gold_kind = gold_quotes[pair.gold].kind
        pred_kind = predictions[pair.predicted].kind
        hits = (
            ("content", True),
            ("exact", pair.exact),
            ("end_to_end", pair.speaker_right),
        )
        for metric, hit in hits:
            if not hit:
                continue
            for name in {"all", gold_kind}:
                getattr(report_slices[name], metric).hit_gold += 1
            for name in {"all", pred_kind}:
                if name in report_slices:
                    getattr(report_slices[name], metric).hit_predicted += 1
        for name in {"all", gold_kind}:
            report_slices[name].speaker_judged += 1
            report_slices[name].speaker_right += pair.speaker_right


def score(
    gold: Sequence[GoldArticle],
    predictions: Mapping[str, Sequence[Attribution]],
    threshold: float = JACCARD_THRESHOLD,
) -> Report:
    """Score ``predictions`` (article name -> attributions) against ``gold``.

    A gold article without an entry in ``predictions`` counts as one where nothing
    was found. Prediction entries naming no gold article are ignored and noted.
    """
    if not 0 < threshold <= 1:
        raise QuotesError(f"the Jaccard threshold must be above 0 and at most 1, not {threshold}")
    slices = {name: SliceScores() for name in SLICES}
    confusion = {g: dict.fromkeys(KINDS, 0) for g in KINDS}
    results: list[ArticleResult] = []
    for article in gold:
        result = score_article(article, predictions.get(article.name, ()), threshold)
        _tally(slices, result)
        for pair in result.pairs:
            gold_kind = article.quotes[pair.gold].kind
            pred_kind = result.predictions[pair.predicted].kind
            confusion[gold_kind][pred_kind] = confusion[gold_kind].get(pred_kind, 0) + 1
        results.append(result)
    report = Report(slices, confusion, results, threshold)
    unknown = sorted(set(predictions) - {a.name for a in gold})
    if unknown:
        listed = ", ".join(unknown[:5])
        report.notes.append(f"{len(unknown)} predicted article(s) have no gold and were ignored: {listed}")
    odd_kinds = sorted({p.kind for r in results for p in r.predictions if p.kind not in KINDS})
    if odd_kinds:
        report.notes.append(f"predicted kinds outside {'/'.join(KINDS)} count only in the overall scores: {odd_kinds}")
    return report
