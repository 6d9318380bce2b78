"""The change decision on its own: what is a first value, a revision, not a change, a conflict."""

from __future__ import annotations

from datetime import UTC, datetime

from newswatch.figures.revisions import Claim, Report, decide, reading_order

_keys = iter(range(1, 1_000_000))


def report(at: str, *values: float | tuple[float, str]) -> Report:
    """One article at `at` (ISO) claiming values in text order; a value is a number or (number, qualifier)."""
    claims = []
    for v in values:
        value, qualifier = v if isinstance(v, tuple) else (v, "exact")
        claims.append(Claim(next(_keys), float(value), qualifier))
    return Report(at, datetime.fromisoformat(at).replace(tzinfo=UTC), tuple(claims))


def events(*reports: Report, threshold: float = 0.0) -> list[tuple[str, str, float | None, float]]:
    return [
        (e.kind, str(e.report.article)[:10], e.previous.value if e.previous else None, e.claim.value)
        for e in decide(reports, threshold)
    ]


def test_first_value_then_a_different_value_is_a_revision() -> None:
    assert events(report("2024-12-19T09:00", 1100), report("2025-01-13T09:00", 3000)) == [
        ("first", "2024-12-19", None, 1100),
        ("revision", "2025-01-13", 1100, 3000),
    ]


def test_the_same_value_with_another_qualifier_is_not_a_revision() -> None:
    assert events(
        report("2024-11-01T09:00", (11000, "approx")),
        report("2024-11-05T09:00", (11000, "exact")),
        report("2025-06-01T09:00", (12_000, "more_than")),
        report("2025-06-02T09:00", (12_000, "exact")),
    ) == [("first", "2024-11-01", None, 11000), ("revision", "2025-06-01", 11000, 12_000)]


def test_an_article_never_revises_backwards() -> None:
    # A later article restating the value given before the current one (a recollection, or an old
    # article published late) changes nothing.
    assert events(
        report("2024-12-19T09:00", 1100), report("2025-01-13T09:00", 3000), report("2025-02-01T09:00", 1100)
    ) == [("first", "2024-12-19", None, 1100), ("revision", "2025-01-13", 1100, 3000)]


def test_an_articles_claim_is_its_first_value_that_is_not_an_older_one() -> None:
    # "... up from 1,100" missed by the extractor before the new value: the new value is the claim.
    assert events(
        report("2024-12-19T09:00", 1100), report("2025-01-13T09:00", 3000), report("2025-04-01", 1100, 4700)
    )[-1] == ("revision", "2025-04-01", 3000, 4700)
    # The current value first: the article supports it, whatever follows.
    assert events(report("2024-12-19T09:00", 1100), report("2025-01-13T09:00", 1100, 3000)) == [
        ("first", "2024-12-19", None, 1100)
    ]


def test_a_same_day_flip_is_a_conflict_decided_by_the_later_article() -> None:
    before = report("2024-12-19T09:00", 1100)
    # 3,000 in one article, 1,100 again in a later one the same day: no revision survives.
    assert events(before, report("2025-01-13T09:00", 3000), report("2025-01-13T15:00", 1100)) == [
        ("first", "2024-12-19", None, 1100)
    ]
    # Back and forth: the last article of the day decides, and it says 3,000 (one revision).
    assert events(
        before,
        report("2025-01-13T09:00", 3000),
        report("2025-01-13T11:00", 1100),
        report("2025-01-13T15:00", 3000),
    ) == [("first", "2024-12-19", None, 1100), ("revision", "2025-01-13", 1100, 3000)]
    # On another day, returning to 1,100 is a restatement of an older value: the revision stands.
    assert events(before, report("2025-01-13T09:00", 3000), report("2025-01-14T09:00", 1100))[-1] == (
        "revision",
        "2025-01-13",
        1100,
        3000,
    )


def test_small_steps_within_the_threshold_do_not_creep() -> None:
    assert events(
        report("2025-01-01T09:00", 3000),
        report("2025-01-02T09:00", 3100),
        report("2025-01-03T09:00", 3140),
        report("2025-01-04T09:00", 3200),
        threshold=0.05,
    ) == [("first", "2025-01-01", None, 3000), ("revision", "2025-01-04", 3000, 3200)]


def test_ranges_differ_by_their_bounds() -> None:
    a = Report("a", datetime(2024, 11, 1, tzinfo=UTC), (Claim(1, 11000, "range", 10000, 12000),))
    b = Report("b", datetime(2024, 11, 8, tzinfo=UTC), (Claim(2, 11000, "range", 11000, 11000),))
    c = Report("c", datetime(2024, 11, 9, tzinfo=UTC), (Claim(3, 11000, "approx"),))
    assert [(e.kind, e.report.article) for e in decide([a, b, c])] == [("first", "a"), ("revision", "b")]


def test_one_article_does_not_make_a_jump_a_revision() -> None:
    # A month's losses (31,000) misread as the running total (about 1,000,000): under a tenth of the
    # current value. The article's next value is its claim; with none, the article changes nothing.
    assert events(
        report("2025-06-01T09:00", 1_000_000),
        report("2025-07-01T09:00", 31_000, 1_031_000),
        report("2025-07-02T09:00", 31_000),
    ) == [("first", "2025-06-01", None, 1_000_000), ("revision", "2025-07-01", 1_000_000, 1_031_000)]
    # Over twenty times the current value is a jump too.
    assert events(report("2024-12-19T09:00", 100), report("2024-12-20T09:00", 2500)) == [
        ("first", "2024-12-19", None, 100)
    ]


def test_a_second_article_confirms_a_jump() -> None:
    # A real correction (2,900 killed was wrong; it is 250): the next article that gives about the same
    # value (within a factor of two) confirms it, and the revision is recorded from that article.
    assert events(
        report("2025-01-13T09:00", 2900), report("2025-01-14T09:00", 250), report("2025-01-15T09:00", 260)
    ) == [("first", "2025-01-13", None, 2900), ("revision", "2025-01-15", 2900, 260)]
    # Not by a value far from it, and not by a second value in the same article.
    assert events(
        report("2025-01-13T09:00", 2900), report("2025-01-14T09:00", 250), report("2025-01-15T09:00", 100)
    ) == [("first", "2025-01-13", None, 2900)]
    assert events(report("2025-01-13T09:00", 2900), report("2025-01-14T09:00", 250, 240)) == [
        ("first", "2025-01-13", None, 2900)
    ]


def test_an_article_supporting_the_current_value_forgets_the_jump() -> None:
    assert events(
        report("2025-06-01T09:00", 1_000_000),
        report("2025-07-01T09:00", 31_000),
        report("2025-07-02T09:00", 1_000_000),
        report("2025-08-01T09:00", 36_000),
    ) == [("first", "2025-06-01", None, 1_000_000)]


def test_reading_order_puts_the_body_before_its_headline() -> None:
    assert sorted([0, 3, 1], key=lambda s: reading_order(s, True)) == [1, 3, 0]
    # Without a headline, sentence 0 is the body's first.
    assert sorted([3, 0, 1], key=lambda s: reading_order(s, False)) == [0, 1, 3]
