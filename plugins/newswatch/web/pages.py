"""Each page's data, read once and shared by the HTML page and its JSON twin (same filters, same rows).

A page function takes a warehouse session, the query string and what the view knows about the config
(series labels, topics), and returns plain values: the template formats them, the JSON endpoint
serialises them as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import psycopg

from newswatch import settings
from newswatch.figures.query import format_value
from newswatch.web import params, queries
from newswatch.web.params import UNATTRIBUTED, BadRequest, Cursor

Data = dict[str, Any]
POLL_STATUSES = (
    "ok",
    "not_modified",
    "empty",
    "not_a_feed",
    "parse_error",
    "http_error",
    "rate_limited",
    "timeout",
    "network_error",
    "too_large",
    "redirect_loop",
    "blocked",
    "bad_response",
)
ALERT_STATUSES = ("pending", "sent", "failed")
ALERT_KINDS = ("change", "changes", "digest", "health", "recovery")
CHANGE_KINDS = ("first", "revision")
SCOPES = ("cumulative", "period")
PERIODS_SHOWN = 50  # period figures listed under a series' chart (the reports table has them all)


class NotFound(LookupError):
    """The page names something the warehouse does not have (an unknown series)."""


@dataclass(frozen=True)
class ViewConfig:
    """What the pages need from the config: series labels in watchlist order, and topic names."""

    labels: dict[str, str] = field(default_factory=dict)
    topics: tuple[str, ...] = ()

    def label(self, series: str) -> str:
        return self.labels.get(series, series)


def overview(conn: psycopg.Connection, view: ViewConfig) -> Data:
    """One row per series, one column per source: latest cumulative value, change, sparkline."""
    rows = queries.overview(conn)
    series_count: dict[str | None, int] = {}
    for r in rows:
        series_count[r["attributed_to"]] = series_count.get(r["attributed_to"], 0) + 1
    sources = sorted(series_count, key=lambda s: (s is None, -series_count[s], s or ""))
    cells = {(r["series"], r["attributed_to"]): _cell(r) for r in rows}
    keys = list(view.labels) + sorted({r["series"] for r in rows} - set(view.labels))
    return {
        "sources": sources,
        "series": [
            {
                "key": key,
                "label": view.label(key),
                "cells": [cells.get((key, source)) for source in sources],
            }
            for key in keys
        ],
    }


def _cell(r: Data) -> Data:
    value, previous, previous_qualifier = r["value"], None, None
    if r["change_kind"] is not None:
        if r["change_new_value"] == value:  # the latest report is the last recorded change (or repeats it)
            previous, previous_qualifier = r["change_previous_value"], r["change_previous_qualifier"]
        else:  # a newer value that change detection has not recorded (yet, or below the threshold)
            previous, previous_qualifier = r["change_new_value"], r["change_new_qualifier"]
    pct = None
    if previous is not None and previous > 0:
        pct = round(float(100 * (value - previous) / previous), 1)
    return {
        "source": r["attributed_to"],
        "value": value,
        "value_low": r["value_low"],
        "value_high": r["value_high"],
        "qualifier": r["qualifier"],
        "display": format_value(value, r["qualifier"], r["value_low"], r["value_high"]),
        "reported_at": r["reported_at"],
        "outlet": r["outlet"],
        "title": r["title"],
        "url": r["url"],
        "figure_id": r["figure_id"],
        "previous_value": previous,
        "previous_display": format_value(previous, previous_qualifier or "exact")
        if previous is not None
        else None,
        "change_pct": pct,
        "sparkline": _sparkline(r),
    }


def _sparkline(r: Data) -> list[list[Any]]:
    """The source's recent first value and revisions, carried on to its latest report."""
    points = [[t, v] for t, v in zip(r["times"] or [], r["values"] or [], strict=True)]
    if not points or points[-1][0] < r["reported_at"]:
        points.append([r["reported_at"], r["value"]])
    return points


def series(conn: psycopg.Connection, view: ViewConfig, key: str, query: Mapping[str, str]) -> Data:
    """The chart (cumulative line per source, markers on changes), every report, period figures apart."""
    key = params.series_key(key)
    if key not in view.labels and not queries.series_exists(conn, key):
        raise NotFound(f"no series {key!r}: it is not in the watchlist and has no figures")
    since, until = params.time_range(query)
    f = queries.SeriesFilter(
        series=key,
        source=params.source(query),
        scope=params.choice(query, "scope", SCOPES),
        since=since,
        until=until,
    )
    after, limit = params.cursor(query), params.limit(query)
    reports = queries.series_reports(conn, f, after, limit + 1)
    periods = (
        [_report(r) for r in queries.series_periods(conn, f, PERIODS_SHOWN)]
        if f.scope != "cumulative"
        else []
    )
    sources = queries.series_sources(conn, key)
    sources += [s for s in dict.fromkeys(p["attributed_to"] for p in periods) if s not in sources]
    lines: dict[str | None, list[list[Any]]] = {}
    for p in queries.series_lines(conn, f):
        lines.setdefault(p["attributed_to"], []).append([p["reported_at"], p["value"]])
    # Colours follow the number of points, so the busiest source keeps the first colour.
    order = sorted(lines, key=lambda s: (-len(lines[s]), s is None, s or ""))
    return {
        "series": {"key": key, "label": view.label(key)},
        "filters": _filters(query, "source", "scope", "since", "until", "limit"),
        "sources": sources,
        "chart": {
            "lines": [{"source": s, "points": lines[s]} for s in order],
            "changes": [
                {**c, "display": format_value(c["new_value"], c["new_qualifier"])}
                for c in queries.series_changes(conn, f)
            ],
        },
        "reports": [_report(r) for r in reports[:limit]],
        "periods": periods,
        "next": _next_cursor(reports, limit, "reported_at", "figure_id"),
    }


def series_csv_filter(key: str, query: Mapping[str, str]) -> queries.SeriesFilter:
    """The CSV download's filters: the series page's, without paging."""
    key = params.series_key(key)
    since, until = params.time_range(query)
    return queries.SeriesFilter(
        series=key,
        source=params.source(query),
        scope=params.choice(query, "scope", SCOPES),
        since=since,
        until=until,
    )


def _report(r: Data) -> Data:
    return {**r, "display": format_value(r["value"], r["qualifier"], r["value_low"], r["value_high"])}


def changes(conn: psycopg.Connection, view: ViewConfig, query: Mapping[str, str]) -> Data:
    """First values and revisions, newest first, each with its evidence and whether it was emailed."""
    since, until = params.time_range(query)
    f = queries.ChangesFilter(
        series=params.text(query, "series"),
        source=params.source(query),
        kind=params.choice(query, "kind", CHANGE_KINDS),
        since=since,
        until=until,
    )
    after, limit = params.cursor(query), params.limit(query)
    rows = queries.changes(conn, f, after, limit + 1)
    items = []
    for r in rows[:limit]:
        items.append(
            {
                **r,
                "label": view.label(r["series"]),
                "display": format_value(r["new_value"], r["new_qualifier"], r["value_low"], r["value_high"]),
                "previous_display": format_value(r["previous_value"], r["previous_qualifier"])
                if r["previous_value"] is not None
                else None,
            }
        )
    return {
        "filters": _filters(query, "series", "source", "kind", "since", "until", "limit"),
        "series_choices": _series_choices(view),
        "source_choices": [s or UNATTRIBUTED for s in queries.change_sources(conn)],
        "changes": items,
        "next": _next_cursor(rows, limit, "reported_at", "change_id"),
    }


def articles(conn: psycopg.Connection, view: ViewConfig, query: Mapping[str, str]) -> Data:
    """Stories newest first (copies on other outlets grouped under the first-seen one), with figures."""
    since, until = params.time_range(query)
    f = queries.ArticlesFilter(
        q=params.text(query, "q"),
        topic=params.text(query, "topic"),
        outlet=params.text(query, "outlet"),
        language=params.text(query, "language"),
        since=since,
        until=until,
    )
    after, limit = params.cursor(query), params.limit(query)
    found = queries.stories(conn, f, after, limit + 1)
    rows = found.rows
    for r in rows:
        for fig in r["figures"]:
            fig["label"] = view.label(fig["series"])
            fig["display"] = format_value(fig["value"], fig["qualifier"], fig["value_low"], fig["value_high"])
    following = _next_cursor(rows, limit, "published_at", "id")
    searched_to = found.searched_to if following is None else None
    return {
        "filters": _filters(query, "q", "topic", "outlet", "language", "since", "until", "limit"),
        "topic_choices": list(view.topics),
        "outlet_choices": queries.outlets(conn),
        "language_choices": queries.languages(conn),
        "matches": found.matches,  # None: more than matches_counted
        "matches_counted": settings.WEB_SEARCH_FEW,
        # A search with many candidates reads a window of stories per page; when the window held fewer
        # than a page of matches, the page ends here and the next one goes on from there.
        "searched_to": searched_to.at if searched_to else None,
        "articles": rows[:limit],
        "next": following or (searched_to.encode() if searched_to else None),
    }


def feeds(conn: psycopg.Connection, query: Mapping[str, str]) -> Data:
    """Every feed's health, failing first, and the open health incidents."""
    status = params.choice(query, "status", POLL_STATUSES)
    failing = params.choice(query, "failing", ("1", "0")) == "1"
    offset, limit = params.offset(query), params.limit(query)
    rows = queries.feeds(conn, status, failing, offset, limit + 1)
    return {
        "filters": _filters(query, "status", "failing", "limit"),
        "status_choices": list(POLL_STATUSES),
        "feeds": rows[:limit],
        "incidents": queries.open_incidents(conn),
        "next": str(offset + limit) if len(rows) > limit else None,
    }


def alerts(conn: psycopg.Connection, query: Mapping[str, str]) -> Data:
    """The outbox, newest first: pending, sent and failed emails with attempts and the next try."""
    status = params.choice(query, "status", ALERT_STATUSES)
    kind = params.choice(query, "kind", ALERT_KINDS)
    after, limit = params.id_cursor(query), params.limit(query)
    rows = queries.alerts(conn, status, kind, after, limit + 1)
    return {
        "filters": _filters(query, "status", "kind", "limit"),
        "status_choices": list(ALERT_STATUSES),
        "kind_choices": list(ALERT_KINDS),
        "counts": {s: queries.alert_counts(conn).get(s, 0) for s in ALERT_STATUSES},
        "alerts": rows[:limit],
        "next": str(rows[limit - 1]["id"]) if len(rows) > limit else None,
    }


def _series_choices(view: ViewConfig) -> list[dict[str, str]]:
    return [{"key": key, "label": label} for key, label in view.labels.items()]


def _filters(query: Mapping[str, str], *names: str) -> dict[str, str]:
    """The filters as given (already validated), for the form and the JSON envelope."""
    return {name: query[name].strip() for name in names if (query.get(name) or "").strip()}


def _next_cursor(rows: list[Data], limit: int, time_key: str, id_key: str) -> str | None:
    """The cursor after the page's last row, when a row beyond the page exists."""
    if len(rows) <= limit:
        return None
    last = rows[limit - 1]
    at = last[time_key]
    if not isinstance(at, datetime):
        raise BadRequest("cannot page this list")
    return Cursor(at.astimezone(UTC), int(last[id_key])).encode()


def jsonable(value: Any) -> Any:
    """Decimals as numbers, times as ISO strings, recursively: what a page's JSON twin sends."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if value.tzinfo else value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value
