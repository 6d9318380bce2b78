"""`newswatch eval`: precision, recall and F1 of the figure extractor on the labelled development set."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from newswatch.figures.extractor import FigureExtractor

DEVSET = Path(__file__).with_name("corpus") / "en" / "legacy.jsonl"


@dataclass
class EvalReport:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    attribution_correct: int = 0
    records: int = 0
    mistakes: list[str] = field(default_factory=list)
    by_series: Counter[str] = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def attribution_accuracy(self) -> float:
        return self.attribution_correct / self.true_positives if self.true_positives else 1.0

    def summary(self) -> str:
        return (
            f"{self.records} records, {self.true_positives + self.false_negatives} labelled figures: "
            f"precision {self.precision:.3f}, recall {self.recall:.3f}, F1 {self.f1:.3f}; "
            f"attribution accuracy {self.attribution_accuracy:.3f} "
            f"({self.attribution_correct}/{self.true_positives} matched figures)"
        )


def evaluate(path: Path = DEVSET, extractor: FigureExtractor | None = None) -> EvalReport:
    """Score (series, value, qualifier) matches, and attribution on the matched figures."""
    extractor = extractor or FigureExtractor()
    report = EvalReport()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        report.records += 1
        expected: Counter[tuple[str, float, str]] = Counter()
        sources: dict[tuple[str, float, str], str | None] = {}
        for f in record["figures"]:
            key = (f["series"], float(f["value"]), f["qualifier"])
            expected[key] += 1
            sources[key] = f.get("attributed_to")
        found_sources: dict[tuple[str, float, str], str | None] = {}
        found: Counter[tuple[str, float, str]] = Counter()
        for fig in extractor.extract(record["text"], language=record.get("language")):
            key = (fig.series, float(fig.value), fig.qualifier)
            found[key] += 1
            found_sources.setdefault(key, fig.attributed_to)
        matched = expected & found
        report.true_positives += sum(matched.values())
        report.false_positives += sum((found - expected).values())
        report.false_negatives += sum((expected - found).values())
        for key in matched:
            report.by_series[key[0]] += matched[key]
            if found_sources.get(key) == sources.get(key):
                report.attribution_correct += matched[key]
            else:
                report.mistakes.append(
                    f"{record['id']}: {key} attributed to {found_sources.get(key)!r}, "
                    f"expected {sources.get(key)!r}"
                )
        for key in found - expected:
            report.mistakes.append(f"{record['id']}: extra {key}")
        for key in expected - found:
            report.mistakes.append(f"{record['id']}: missed {key}")
    return report
