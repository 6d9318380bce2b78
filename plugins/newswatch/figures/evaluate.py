"""`newswatch eval`: how well the extractor and the change rules do on labelled corpora, per set and language.

Figures: precision, recall and F1 of (series, value, qualifier); on the matched figures, attribution and
scope accuracy; how many period counts came out as cumulative figures. Articles (article records and the
articles of sequences): every figure as a user sees it, (series, value, qualifier, source, scope), and how
many articles came out exactly right. Sequences: the change events that replaying the extracted figures
with `revisions.decide` produces, against the labelled ones.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from newswatch.figures.corpora import (
    LEGACY_DEVSET,
    Label,
    Record,
    Sequence,
    Text,
    development_files,
    read_records,
)
from newswatch.figures.extractor import Figure, FigureExtractor
from newswatch.figures.revisions import Claim, Report, decide, reading_order

DEVSET = LEGACY_DEVSET  # the legacy development set's path, for callers that read its texts


@dataclass
class Tally:
    """True positives, false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, expected: Counter[Any], found: Counter[Any]) -> tuple[Counter[Any], Counter[Any]]:
        """Count one record's multisets; returns (missed, extra)."""
        matched = expected & found
        self.tp += sum(matched.values())
        missed, extra = expected - found, found - expected
        self.fn += sum(missed.values())
        self.fp += sum(extra.values())
        return missed, extra

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class EvalReport:
    """The scores of one set in one language (or of everything `evaluate` was given)."""

    set: str = ""
    language: str = ""
    records: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    negatives: int = 0
    figures: Tally = field(default_factory=Tally)
    attribution_correct: int = 0
    scope_correct: int = 0
    period_matched: int = 0
    period_dates_correct: int = 0
    period_as_cumulative: int = 0
    articles: Tally = field(default_factory=Tally)
    article_count: int = 0
    articles_exact: int = 0
    sequences: int = 0
    changes: Tally = field(default_factory=Tally)
    change_kinds: dict[str, Tally] = field(default_factory=lambda: {"first": Tally(), "revision": Tally()})
    label_events: int = 0
    label_events_replayed: int = 0
    by_series: Counter[str] = field(default_factory=Counter)
    mistakes: list[str] = field(default_factory=list)

    # The figure-level numbers under their historical names.
    @property
    def true_positives(self) -> int:
        return self.figures.tp

    @property
    def false_positives(self) -> int:
        return self.figures.fp

    @property
    def false_negatives(self) -> int:
        return self.figures.fn

    @property
    def precision(self) -> float:
        return self.figures.precision

    @property
    def recall(self) -> float:
        return self.figures.recall

    @property
    def f1(self) -> float:
        return self.figures.f1

    @property
    def false_revisions(self) -> int:
        """Revisions the replay made that no label has: each would be a false alert."""
        return self.change_kinds["revision"].fp

    @property
    def attribution_accuracy(self) -> float:
        return self.attribution_correct / self.figures.tp if self.figures.tp else 1.0

    @property
    def scope_accuracy(self) -> float:
        return self.scope_correct / self.figures.tp if self.figures.tp else 1.0

    def summary(self) -> str:
        """The figure-level scores in one line."""
        f = self.figures
        return (
            f"{self.records} records, {f.tp + f.fn} labelled figures: precision {f.precision:.3f}, "
            f"recall {f.recall:.3f}, F1 {f.f1:.3f}; attribution accuracy {self.attribution_accuracy:.3f} "
            f"({self.attribution_correct}/{f.tp} matched figures)"
        )

    def lines(self) -> list[str]:
        """The report as `newswatch eval` prints it."""
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(self.kinds.items()))
        out = [f"{self.set} / {self.language}: {self.records} records ({kinds}), {self.negatives} negatives"]
        f = self.figures
        if f.tp + f.fp + f.fn or self.kinds.keys() - {"sequence"}:
            out.append(
                f"  figures      {f.tp + f.fn} labelled: precision {f.precision:.3f}  recall {f.recall:.3f}  "
                f"F1 {f.f1:.3f}  (tp {f.tp}, fp {f.fp}, fn {f.fn})"
            )
            dates = (
                f", period dates {self.period_dates_correct}/{self.period_matched}"
                if self.period_matched
                else ""
            )
            out.append(
                f"  attribution  {self.attribution_accuracy:.3f} ({self.attribution_correct}/{f.tp} matched)   "
                f"scope {self.scope_accuracy:.3f} ({self.scope_correct}/{f.tp}{dates})   "
                f"period counts extracted as cumulative: {self.period_as_cumulative}"
            )
        if self.article_count:
            a = self.articles
            out.append(
                f"  articles     {self.article_count}: precision {a.precision:.3f}  recall {a.recall:.3f}  "
                f"F1 {a.f1:.3f} on (series, value, qualifier, source, scope); "
                f"{self.articles_exact}/{self.article_count} exactly right"
            )
        if self.sequences:
            c = self.changes
            first, revision = self.change_kinds["first"], self.change_kinds["revision"]
            out.append(
                f"  changes      {self.sequences} sequences, {c.tp + c.fn} labelled events: precision "
                f"{c.precision:.3f}  recall {c.recall:.3f}  F1 {c.f1:.3f} (first {first.precision:.3f}/"
                f"{first.recall:.3f}, revision {revision.precision:.3f}/{revision.recall:.3f}); "
                f"{c.fp} false change events ({self.false_revisions} false revisions); labels reproduced by "
                f"the change rules {self.label_events_replayed}/{self.label_events}"
            )
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "set": self.set,
            "language": self.language,
            "records": self.records,
            "kinds": dict(self.kinds),
            "negatives": self.negatives,
            "figures": self.figures.as_dict(),
            "attribution_accuracy": round(self.attribution_accuracy, 4),
            "scope_accuracy": round(self.scope_accuracy, 4),
            "period_dates_correct": self.period_dates_correct,
            "period_matched": self.period_matched,
            "period_as_cumulative": self.period_as_cumulative,
            "articles": {
                **self.articles.as_dict(),
                "count": self.article_count,
                "exact": self.articles_exact,
            },
            "changes": {
                **self.changes.as_dict(),
                "sequences": self.sequences,
                "first": self.change_kinds["first"].as_dict(),
                "revision": self.change_kinds["revision"].as_dict(),
                "false_revisions": self.false_revisions,
                "label_events": self.label_events,
                "label_events_replayed": self.label_events_replayed,
            },
            "by_series": dict(self.by_series),
        }


def evaluate(
    path: Path | Iterable[Path] | None = None, extractor: FigureExtractor | None = None
) -> EvalReport:
    """Every record of the file(s) (default: the development corpora), scored together."""
    paths = development_files() if path is None else [path] if isinstance(path, Path) else list(path)
    report = EvalReport(set="all", language="all")
    scorer = _Scorer(extractor or FigureExtractor())
    for p in paths:
        for record in read_records(p):
            scorer.score(record, report)
    return report


def evaluate_sets(sets: dict[str, list[Path]], extractor: FigureExtractor | None = None) -> list[EvalReport]:
    """One report per set and language, in set order, then language order."""
    scorer = _Scorer(extractor or FigureExtractor())
    reports: list[EvalReport] = []
    for name, paths in sets.items():
        by_language: dict[str, EvalReport] = {}
        for p in paths:
            for record in read_records(p):
                report = by_language.setdefault(
                    record.language, EvalReport(set=name, language=record.language)
                )
                scorer.score(record, report)
        reports += [by_language[lang] for lang in sorted(by_language)]
    return reports


# A labelled or extracted figure as compared: (series, value, qualifier), then the full tuple a user sees.
_Key = tuple[str, float, str]


class _Scorer:
    def __init__(self, extractor: FigureExtractor):
        self.extractor = extractor

    def score(self, record: Record, report: EvalReport) -> None:
        report.records += 1
        if isinstance(record, Sequence):
            report.kinds["sequence"] += 1
            self._sequence(record, report)
            return
        report.kinds[record.kind] += 1
        report.negatives += not record.figures
        found = self._extract(record)
        self._figures(record, found, report)
        if record.kind == "article":
            self._article(record, found, report)

    def _extract(self, text: Text) -> list[Figure]:
        return self.extractor.extract(text.text, text.title, text.language, published=text.day)

    def _figures(self, text: Text, found: list[Figure], report: EvalReport) -> None:
        """Pair labels with extracted figures on (series, value, qualifier), the same source first."""
        pool = list(found)
        for label in text.figures:
            candidates = [f for f in pool if _key(f) == _label_key(label)]
            if not candidates:
                report.figures.fn += 1
                report.mistakes.append(f"{text.id}: missed {_show(label)}")
                continue
            best = max(
                candidates, key=lambda f: (f.attributed_to == label.attributed_to, f.scope == label.scope)
            )
            pool.remove(best)
            report.figures.tp += 1
            report.by_series[label.series] += 1
            if best.attributed_to == label.attributed_to:
                report.attribution_correct += 1
            else:
                report.mistakes.append(
                    f"{text.id}: {_show(label)} attributed to {best.attributed_to!r}, "
                    f"expected {label.attributed_to!r}"
                )
            if best.scope == label.scope:
                report.scope_correct += 1
            else:
                report.mistakes.append(
                    f"{text.id}: {_show(label)} read as {best.scope}, expected {label.scope}"
                )
            if label.scope == "period" and best.scope == "period":
                report.period_matched += 1
                if (best.period_start, best.period_end) == (label.period_start, label.period_end):
                    report.period_dates_correct += 1
        for f in pool:
            report.figures.fp += 1
            report.mistakes.append(f"{text.id}: extra {_show(f)}")
        for label in text.figures:
            if label.scope == "period" and any(
                f.scope == "cumulative" and f.series == label.series and f.value == label.value for f in found
            ):
                report.period_as_cumulative += 1
                report.mistakes.append(f"{text.id}: period count {_show(label)} extracted as cumulative")

    def _article(self, text: Text, found: list[Figure], report: EvalReport) -> None:
        expected = Counter(_full(label) for label in text.figures)
        got = Counter(_full(f) for f in found)
        report.articles.add(expected, got)
        report.article_count += 1
        report.articles_exact += set(expected) == set(got)

    def _sequence(self, sequence: Sequence, report: EvalReport) -> None:
        report.sequences += 1
        articles = sorted(sequence.articles, key=_published)
        extracted = {a.id: self._extract(a) for a in articles}
        for article in articles:
            self._article(article, extracted[article.id], report)
        expected = Counter(_label_event(c) for c in sequence.changes)
        found = Counter(replay(articles, {a.id: _claims(extracted[a.id], bool(a.title)) for a in articles}))
        missed, extra = report.changes.add(expected, found)
        for kind, tally in report.change_kinds.items():
            tally.add(
                Counter({e: n for e, n in expected.items() if e[3] == kind}),
                Counter({e: n for e, n in found.items() if e[3] == kind}),
            )
        for event in missed.elements():
            report.mistakes.append(f"{sequence.id}: missed change {event}")
        for event in extra.elements():
            report.mistakes.append(f"{sequence.id}: false change {event}")
        # The labels replayed through the same rules: where they disagree, the labels or the rules are wrong.
        labelled = Counter(replay(articles, {a.id: _label_claims(a.figures) for a in articles}))
        report.label_events += sum(expected.values())
        report.label_events_replayed += sum((expected & labelled).values())
        for event in (expected - labelled).elements():
            report.mistakes.append(f"{sequence.id}: labelled change {event} not made by the change rules")
        for event in (labelled - expected).elements():
            report.mistakes.append(f"{sequence.id}: the change rules make {event}, not labelled")


# One stream's claim as the replay sees it: series, source, value, qualifier, low, high.
_StreamClaim = tuple[str, str | None, float, str, float | None, float | None]


def replay(
    articles: list[Text], claims: dict[str, list[_StreamClaim]], threshold: float = 0.0
) -> list[tuple[str, str, str | None, str, float, float | None]]:
    """The change events of a sequence: (article, series, source, kind, value, previous value)."""
    streams: dict[tuple[str, str | None], list[Report]] = defaultdict(list)
    for article in articles:
        by_stream: dict[tuple[str, str | None], list[Claim]] = defaultdict(list)
        for n, (series, source, value, qualifier, low, high) in enumerate(claims[article.id]):
            key: Hashable = (article.id, n)
            by_stream[(series, source)].append(Claim(key, value, qualifier, low, high))
        for stream, found in by_stream.items():
            streams[stream].append(Report(article.id, _published(article), tuple(found)))
    events = []
    for (series, source), reports in streams.items():
        for e in decide(reports, threshold):
            previous = e.previous.value if e.previous else None
            events.append((str(e.report.article), series, source, e.kind, e.claim.value, previous))
    return events


def _published(article: Text) -> datetime:
    if article.published_at is None:
        raise ValueError(f"sequence article {article.id} has no published_at")
    return article.published_at


def _claims(found: list[Figure], has_title: bool = False) -> list[_StreamClaim]:
    # reading order, as the changes stage replays it (sorted is stable within a sentence)
    ordered = sorted(found, key=lambda f: reading_order(f.sentence, has_title))
    return [
        (f.series, f.attributed_to, float(f.value), f.qualifier, f.value_low, f.value_high)
        for f in ordered
        if f.scope == "cumulative"
    ]


def _label_claims(labels: tuple[Label, ...]) -> list[_StreamClaim]:
    return [
        (label.series, label.attributed_to, label.value, label.qualifier, label.low, label.high)
        for label in labels
        if label.scope == "cumulative"
    ]


def _label_event(c: Any) -> tuple[str, str, str | None, str, float, float | None]:
    return (c.article, c.series, c.attributed_to, c.kind, c.value, c.previous_value)


def _key(f: Figure) -> _Key:
    return (f.series, float(f.value), f.qualifier)


def _label_key(label: Label) -> _Key:
    return (label.series, label.value, label.qualifier)


def _full(f: Figure | Label) -> tuple[str, float, str, str | None, str]:
    return (f.series, float(f.value), f.qualifier, f.attributed_to, f.scope)


def _show(f: Figure | Label) -> str:
    scope = "" if f.scope == "cumulative" else f", {f.scope}"
    return f"({f.series}, {float(f.value):g}, {f.qualifier}, {f.attributed_to!r}{scope})"
