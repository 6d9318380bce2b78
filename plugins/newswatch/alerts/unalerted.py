"""Changes recorded while alerting was off: remembered, listed by `newswatch alerts`, and sent as one
email when alerting comes back (never one email per change, however long the gap).

Alerts are queued in the transaction that records a change; with no [alerts] smtp_host and recipients
(or an Airflow connection that could not be read) there is nothing to queue, so the change is kept in
newswatch.unalerted_changes instead. Imports the figures domain for value formatting and series labels.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg.rows import dict_row

from newswatch import settings
from newswatch.alerts.safety import html_link, html_text
from newswatch.config import AlertsConfig, Config
from newswatch.figures.query import format_value
from newswatch.figures.series import watchlist

RECORD = """
INSERT INTO newswatch.unalerted_changes (change_id, reason) SELECT unnest(%s::bigint[]), %s
ON CONFLICT (change_id) DO NOTHING
"""

# Taken (deleted) in the transaction that queues their email: a second sender waits, then finds none.
TAKE = "DELETE FROM newswatch.unalerted_changes RETURNING change_id, reason, recorded_at"

DETAILS = """
SELECT c.id, c.series, c.attributed_to, c.kind, c.previous_value, c.previous_qualifier, c.new_value,
       c.new_qualifier, f.value_low, f.value_high, c.reported_at, c.detected_at, a.source AS outlet, a.url
FROM newswatch.figure_changes c
JOIN newswatch.figures f ON f.id = c.figure_id
JOIN newswatch.articles a ON a.id = f.article_id
WHERE c.id = ANY(%(ids)s) AND c.kind = ANY(%(kinds)s) AND NOT c.backfill AND c.withdrawn_at IS NULL
  AND (cardinality(%(series)s::text[]) = 0 OR c.series = ANY(%(series)s::text[]))
ORDER BY c.reported_at DESC, c.id DESC
"""

SUMMARY = """
SELECT count(*), min(recorded_at), max(recorded_at), (array_agg(reason ORDER BY recorded_at DESC))[1]
FROM newswatch.unalerted_changes
"""


@dataclass
class CatchUp:
    """The one email for every change recorded while alerting was off."""

    change_ids: list[int]
    dedupe_key: str
    subject: str
    text: str
    html: str


def disabled_reason(alerts: AlertsConfig) -> str:
    """Why alerting is off, for the record and for `newswatch alerts`."""
    if not alerts.smtp_host:
        return "no [alerts] smtp_host configured"
    return "no [alerts] recipients configured"


def record(conn: psycopg.Connection, change_ids: list[int], reason: str) -> None:
    """Remember changes that could not be alerted (call inside the transaction that records them)."""
    conn.execute(RECORD, (change_ids, reason))


def take(conn: psycopg.Connection, config: Config) -> CatchUp | None:
    """Take every remembered change and render their one email; call inside the transaction that queues
    it. Changes the current [alerts] kinds and series do not alert on are dropped, as they would have been."""
    taken = conn.execute(TAKE).fetchall()
    if not taken:
        return None
    alerts = config.alerts
    with conn.cursor(row_factory=dict_row) as cur:
        rows = cur.execute(
            DETAILS,
            {"ids": [r[0] for r in taken], "kinds": list(alerts.kinds), "series": list(alerts.series)},
        ).fetchall()
    if not rows:
        return None
    reasons = sorted({r[1] for r in taken})
    since, until = min(r[2] for r in taken), max(r[2] for r in taken)
    labels = {s.key: s.label for s in watchlist(config)}
    ids = sorted(r["id"] for r in rows)
    key = "changes:unalerted:" + hashlib.sha1(",".join(map(str, ids)).encode()).hexdigest()[:16]
    count = len(rows)
    subject = f"[newswatch] {count} figure change{'s' if count != 1 else ''} recorded while alerting was off"
    intro = (
        f"While alerting was off ({'; '.join(reasons)}), newswatch recorded {count} figure "
        f"change{'s' if count != 1 else ''} between {_utc(since)} and {_utc(until)}. "
        "They were not emailed then; here they are, the most recently reported first."
    )
    listed = rows[: settings.UNALERTED_MAX_LISTED]
    lines = [_line(r, labels) for r in listed]
    more = count - len(listed)
    tail = (
        f"... and {more} more: newswatch changes --since {min(r['detected_at'] for r in rows):%Y-%m-%d}"
        if more
        else ""
    )
    bullets = [f"  - {line} [{r['outlet']}] {r['url']}" for line, r in zip(lines, listed, strict=True)]
    text = "\n".join([intro, "", *bullets, tail])
    items = "".join(
        f"<li>{html_text(line)} ({html_link(r['url'], r['outlet'])})</li>"
        for line, r in zip(lines, listed, strict=True)
    )
    html = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body style='font-family:Arial,Helvetica,"
        f"sans-serif;font-size:14px;color:#222;max-width:760px'><h2 style='font-size:18px'>"
        f"{html_text(subject.removeprefix('[newswatch] '))}</h2><p>{html_text(intro)}</p><ul>{items}</ul>"
        f"{f'<p>{html_text(tail)}</p>' if tail else ''}</body></html>"
    )
    return CatchUp(ids, key, subject, text.rstrip() + "\n", html)


def summary(conn: psycopg.Connection) -> str | None:
    """One line for `newswatch alerts` when changes are waiting for alerting to come back."""
    count, first, last, reason = conn.execute(SUMMARY).fetchone() or (0, None, None, None)
    if not count:
        return None
    return (
        f"{count} figure change(s) recorded while alerting was off ({reason}), {_utc(first)} to {_utc(last)}: "
        "not emailed yet; they go out as one email once [alerts] smtp_host and recipients are set "
        "(newswatch changes lists them)"
    )


def _line(r: dict[str, Any], labels: dict[str, str]) -> str:
    new = format_value(r["new_value"], r["new_qualifier"], r["value_low"], r["value_high"])
    was = (
        "first figure"
        if r["kind"] == "first"
        else f"was {format_value(r['previous_value'], r['previous_qualifier'])}"
    )
    label = labels.get(str(r["series"])) or str(r["series"])
    return f"{label}: {new} ({r['attributed_to'] or 'unattributed'}), {was}"


def _utc(when: datetime) -> str:
    return f"{when.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
