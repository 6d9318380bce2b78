"""What `newswatch figures` and `newswatch changes` print: series timelines and detected changes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import psycopg
from psycopg.rows import dict_row

QUALIFIER_WORDS = {
    "exact": "",
    "approx": "about ",
    "more_than": "more than ",
    "at_least": "at least ",
    "at_most": "up to ",  # nearly, almost, up to, as many as
    "less_than": "fewer than ",
}

FIGURES = """
SELECT series, value, value_low, value_high, qualifier, attributed_to, reported_at, outlet, outlets, title, url,
       quote, change_kind, previous_value, figure_id, article_id, scope, period_start, period_end, change_id
FROM newswatch.figure_reports
WHERE (%(series)s::text IS NULL OR series = %(series)s OR series LIKE %(series)s || '.%%')
  AND (%(since)s::timestamptz IS NULL OR reported_at >= %(since)s)
  AND (%(scope)s::text IS NULL OR scope = %(scope)s)
ORDER BY series, reported_at, figure_id
"""

CHANGES = """
SELECT change_id, series, attributed_to, kind, previous_value, previous_qualifier, new_value, new_qualifier,
       change_pct, reported_at, detected_at, outlet, title, url, quote, figure_id, backfill, rederived_at
FROM newswatch.series_history
WHERE (%(since)s::timestamptz IS NULL OR reported_at >= %(since)s OR detected_at >= %(since)s)
  AND (%(series)s::text IS NULL OR series = %(series)s OR series LIKE %(series)s || '.%%')
ORDER BY reported_at, change_id
"""


def figures(
    conn: psycopg.Connection, series: str | None = None, since: date | None = None, scope: str | None = None
) -> list[dict[str, Any]]:
    """Current figures, cumulative and period (`scope` keeps one kind), in each series' time order."""
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(FIGURES, {"series": series, "since": since, "scope": scope}).fetchall()


def changes(
    conn: psycopg.Connection, series: str | None = None, since: date | None = None
) -> list[dict[str, Any]]:
    """First values and revisions (withdrawn ones are not listed), in order of publication."""
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(CHANGES, {"series": series, "since": since}).fetchall()


def format_value(value: Any, qualifier: str, low: Any = None, high: Any = None) -> str:
    """3000, "more_than" -> "more than 3,000"; a range -> "10,000-12,000"."""
    if qualifier == "range" and low is not None and high is not None:
        return f"{_number(low)}-{_number(high)}"
    return QUALIFIER_WORDS.get(qualifier, "") + _number(value)


def format_period(start: date | None, end: date | None) -> str:
    """A period figure's dates: "2025-10-01..2025-10-31" ("?" for an end not known); "" when neither is."""
    if start is None and end is None:
        return ""
    return f"{start or '?'}..{end or '?'}"


def _number(value: Any) -> str:
    number = float(value)
    return f"{number:,.0f}" if number == int(number) else f"{number:,.1f}"


def jsonable(row: dict[str, Any]) -> dict[str, Any]:
    """A row with Decimals as numbers and datetimes as ISO strings."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, Decimal):
            value = int(value) if value == value.to_integral_value() else float(value)
        elif isinstance(value, datetime | date):
            value = value.isoformat()
        out[key] = value
    return out
