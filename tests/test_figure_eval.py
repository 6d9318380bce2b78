"""The evaluation harness: record formats, figure, attribution, scope, article and change-event scores, per set
and language, and `newswatch eval` (fixture corpora in tests/fixtures/figures)."""

from __future__ import annotations

import json
import subprocess
from datetime import date

from newswatch.figures.corpora import Sequence, Text, read_records
from newswatch.figures.evaluate import evaluate, evaluate_sets
from newswatch.figures.extractor import Figure
from tests.conftest import FIXTURES
from tests.test_cli import NEWSWATCH

CORPORA = FIXTURES / "figures"
EN = CORPORA / "dev" / "en" / "sample.jsonl"
KO = CORPORA / "dev" / "ko" / "sample.jsonl"
CAS = "dprk_troops_russia.casualties"
RU = "russia_troops.casualties"


def figure(series: str, value: float, qualifier: str = "exact", source: str | None = None, **rest) -> Figure:  # type: ignore[no-untyped-def]
    return Figure(series, value, qualifier, source, quote="", **rest)


class Scripted:
    """An extractor that answers from a script: the figures for each text (by its first words)."""

    def __init__(self, script: dict[str, list[Figure]]):
        self.script = script
        self.calls: list[tuple[str | None, date | None]] = []

    def extract(self, text, title=None, language=None, published=None):  # type: ignore[no-untyped-def]
        self.calls.append((language, published))
        return next((found for start, found in self.script.items() if text.startswith(start)), [])


SCRIPT = {
    # en-x1: right.
    "South Korea's spy agency said more than 3,000": [figure(CAS, 3000, "more_than", "NIS")],
    # en-x2 (a negative): one false figure.
    "The 2024 treaty": [figure(CAS, 23)],
    # en-x3: the monthly tally read as a total, with the wrong source.
    "Russia lost 31,000": [figure(RU, 31000, "exact", "Russia")],
    # en-t1: one row of two.
    "| Source": [figure("dprk_troops_russia.killed", 100, "at_least", "NIS")],
    # en-a1: both figures, one with the wrong qualifier.
    "South Korea's spy agency said on Monday": [
        figure(CAS, 3000, "more_than", "NIS"),
        figure("dprk_troops_russia.deployed", 11000, "exact", "NIS"),
    ],
    # The sequence: a1 about 1,100; a2 "1,100" (another qualifier); a3 more than 3,000; a4 the period count.
    "South Korea's spy agency said about 1,100": [figure(CAS, 1100, "approx", "NIS")],
    "South Korea's spy agency said 1,100": [figure(CAS, 1100, "exact", "NIS")],
}


def test_records_of_every_kind_and_the_legacy_format_are_read() -> None:
    records = read_records(EN)
    assert [r.id for r in records] == ["en-x1", "en-x2", "en-x3", "en-t1", "en-a1", "en-s1"]
    period = records[2]
    assert isinstance(period, Text) and period.day == date(2025, 11, 3)
    assert (period.figures[0].scope, period.figures[0].period_start) == ("period", date(2025, 10, 1))
    sequence = records[5]
    assert isinstance(sequence, Sequence) and [a.id for a in sequence.articles] == ["a1", "a2", "a3", "a4"]
    assert sequence.articles[0].day == date(2024, 12, 19) and sequence.changes[1].previous_value == 1100
    (legacy,) = read_records(CORPORA / "legacy.jsonl")
    assert isinstance(legacy, Text) and (legacy.kind, legacy.language, legacy.day) == ("excerpt", "en", None)
    assert legacy.figures[0].scope == "cumulative" and legacy.figures[0].attributed_to == "United States"


def test_scores_figures_attribution_scope_articles_and_change_events() -> None:
    extractor = Scripted(SCRIPT)
    report = evaluate(EN, extractor)  # type: ignore[arg-type]
    # Figures (excerpts, table, article): 6 labelled, 4 matched on (series, value, qualifier).
    assert (report.figures.tp, report.figures.fp, report.figures.fn) == (4, 2, 2)
    assert report.attribution_correct == 3 and report.scope_correct == 3  # en-x3: wrong source, wrong scope
    assert report.period_as_cumulative == 1
    # Articles (en-a1 and the 4 sequence articles) on the full tuple; a1, a2 and a3 exactly right.
    assert (report.articles.tp, report.articles.fp, report.articles.fn) == (4, 2, 2)
    assert (report.article_count, report.articles_exact) == (5, 3)
    # Changes: the qualifier-only a2 makes none; a4's period count, read as a total, starts a stream.
    assert (report.changes.tp, report.changes.fp, report.changes.fn, report.false_revisions) == (2, 1, 0, 0)
    assert (report.label_events, report.label_events_replayed) == (2, 2)
    # The article's date reaches the extractor (period figures are dated from it).
    assert (None, None) not in extractor.calls and ("en", date(2025, 11, 3)) in extractor.calls
    assert "en-s1: false change ('a4', 'russia_troops.casualties', 'Russia', 'first', 31000.0, None)" in (
        report.mistakes
    )


def test_false_revisions_and_a_wrong_previous_value_are_counted() -> None:
    script = {**SCRIPT, "South Korea's spy agency said 1,100": [figure(CAS, 1200, "exact", "NIS")]}
    report = evaluate(EN, Scripted(script))  # type: ignore[arg-type]
    # a2 read as 1,200: a false revision, and a3's revision now revises 1,200 (also false; the right one missed).
    assert (report.changes.tp, report.changes.fp, report.changes.fn) == (1, 3, 1)
    assert report.false_revisions == 2
    first, revision = report.change_kinds["first"], report.change_kinds["revision"]
    assert (first.tp, first.fp, first.fn, revision.tp, revision.fp, revision.fn) == (1, 1, 0, 0, 2, 1)


def test_each_set_and_language_is_reported_separately() -> None:
    reports = evaluate_sets(
        {"development": [EN, KO], "held-out": [CORPORA / "milestone" / "en" / "sample.jsonl"]},
        Scripted(SCRIPT),  # type: ignore[arg-type]
    )
    assert [(r.set, r.language, r.records) for r in reports] == [
        ("development", "en", 6),
        ("development", "ko", 1),
        ("held-out", "en", 1),
    ]
    assert reports[1].figures.fn == 1 and reports[2].figures.fn == 1


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([NEWSWATCH, "eval", *args], capture_output=True, text=True, timeout=120)


def test_eval_command_sets_languages_heldout_json_and_verbose() -> None:
    both = run("--set", str(EN), "--set", str(KO))
    assert both.returncode == 0, both.stderr
    assert f"{EN} / en: 6 records" in both.stdout and f"{KO} / ko: 1 records" in both.stdout
    for part in ("figures ", "attribution ", "scope ", "articles ", "changes ", "F1"):
        assert part in both.stdout
    rows = [json.loads(line) for line in run("--set", str(EN), "--json").stdout.splitlines()]
    assert [(r["set"], r["language"], r["records"], r["kinds"]["sequence"]) for r in rows] == [
        (str(EN), "en", 6, 1)
    ]
    assert {
        "figures",
        "attribution_accuracy",
        "scope_accuracy",
        "period_as_cumulative",
        "articles",
        "changes",
    } <= set(rows[0])
    verbose = run("--set", str(EN), "--verbose").stdout
    assert "en-t1: missed" in verbose
    heldout = run("--heldout", str(CORPORA / "milestone"))
    assert heldout.returncode == 0 and heldout.stdout.startswith("held-out / en: 1 records")
    missing = run("--heldout", str(CORPORA / "absent"))
    assert missing.returncode == 1 and "no held-out corpus" in missing.stderr
    folder = run("--set", str(CORPORA / "dev"))
    assert folder.stdout.count(f"{CORPORA / 'dev'} / ") == 2  # en and ko
    development = run()
    assert development.returncode == 0 and development.stdout.startswith("development / ")
    assert "held-out" not in development.stdout
