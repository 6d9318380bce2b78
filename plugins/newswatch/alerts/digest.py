"""The daily digest: freshness, the day's changes, new figures per series, the most-reported stories,
feed health.

Its window is given (under Airflow: the DAG run's data interval), so running it again for the same
window queues nothing new. Times are shown in the digest's time zone, labelled as such. Imports the
figures domain (value formatting, series labels): the digest reports what figures found.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

import psycopg
from psycopg.rows import dict_row

from newswatch.alerts.freshness import format_time, freshness
from newswatch.alerts.outbox import queue
from newswatch.alerts.safety import html_link, html_text
from newswatch.config import Config
from newswatch.figures.query import format_value
from newswatch.figures.series import watchlist

CHANGES = """
SELECT series, attributed_to, kind, previous_value, previous_qualifier, new_value, new_qualifier, change_pct,
       reported_at, outlet, title, url
FROM newswatch.series_history
WHERE detected_at >= %(since)s AND detected_at < %(until)s AND NOT backfill  -- history found late is not news
ORDER BY series, reported_at
"""

NEW_FIGURES = """
SELECT f.series, count(*) AS figures, count(DISTINCT f.article_id) AS articles
FROM newswatch.figures f WHERE f.created_at >= %(since)s AND f.created_at < %(until)s AND NOT f.superseded
GROUP BY f.series ORDER BY f.series
"""

LATEST = "SELECT series, attributed_to, value, value_low, value_high, qualifier, reported_at FROM newswatch.series_latest"

TOP_STORIES = """
SELECT a.id, a.source, a.title, a.url, a.published_at, count(d.id) AS copies
FROM newswatch.articles a LEFT JOIN newswatch.articles d ON d.duplicate_of = a.id
WHERE a.duplicate_of IS NULL AND a.first_seen_at >= %(since)s AND a.first_seen_at < %(until)s
GROUP BY a.id ORDER BY count(d.id) DESC, a.published_at DESC NULLS LAST LIMIT 10
"""

FEEDS = """
SELECT count(*) FILTER (WHERE f.enabled) AS enabled,
       count(*) FILTER (WHERE f.enabled AND h.consecutive_failures = 0 AND h.last_polled_at IS NOT NULL) AS healthy,
       count(*) FILTER (WHERE f.enabled AND h.consecutive_failures > 0) AS failing
FROM newswatch.feeds f JOIN newswatch.feed_health h ON h.feed_id = f.id
"""

FAILING = """
SELECT f.name, h.consecutive_failures, h.last_status, h.last_error FROM newswatch.feeds f
JOIN newswatch.feed_health h ON h.feed_id = f.id
WHERE f.enabled AND h.consecutive_failures > 0 ORDER BY h.consecutive_failures DESC, f.name LIMIT 10
"""

ACTIVITY = """
SELECT (SELECT count(*) FROM newswatch.poll_log WHERE polled_at >= %(since)s AND polled_at < %(until)s) AS polls,
       (SELECT count(*) FROM newswatch.articles WHERE first_seen_at >= %(since)s AND first_seen_at < %(until)s
          AND duplicate_of IS NULL) AS articles,
       (SELECT count(*) FROM newswatch.articles WHERE first_seen_at >= %(since)s AND first_seen_at < %(until)s
          AND duplicate_of IS NOT NULL) AS duplicates
"""


@dataclass
class Digest:
    subject: str
    text: str
    html: str


def digest_window(since: datetime | None = None, until: datetime | None = None) -> tuple[datetime, datetime]:
    """[since, until): by default the 24 hours up to now."""
    until = until or datetime.now(UTC)
    return since or until - timedelta(days=1), until


def build_digest(
    conn: psycopg.Connection, config: Config, since: datetime, until: datetime, tz: tzinfo = UTC
) -> Digest:
    window = {"since": since, "until": until}
    with conn.cursor(row_factory=dict_row) as cur:
        changes = cur.execute(CHANGES, window).fetchall()
        new_figures = cur.execute(NEW_FIGURES, window).fetchall()
        latest = cur.execute(LATEST).fetchall()
        stories = cur.execute(TOP_STORIES, window).fetchall()
        feeds = cur.execute(FEEDS).fetchone() or {}
        failing = cur.execute(FAILING).fetchall()
        activity = cur.execute(ACTIVITY, window).fetchone() or {}
    fresh = freshness(conn, config, until)
    labels = {s.key: s.label for s in watchlist(config)}
    day = f"{format_time(since, tz, zone_name=False)} to {format_time(until, tz)}"
    subject = (
        f"[newswatch] {fresh.subject_prefix() if fresh.stale else ''}Daily digest "
        f"{until.astimezone(tz):%Y-%m-%d}: {len(changes)} changes, "
        f"{sum(r['figures'] for r in new_figures)} new figures, {activity.get('articles', 0)} articles"
    )
    text: list[str] = [subject.removeprefix("[newswatch] "), day, ""]
    html: list[str] = [
        f"<h2 style='font-size:18px'>{html_text(subject.removeprefix('[newswatch] '))}</h2>"
        f"<p style='color:#666'>{html_text(day)}</p>"
    ]

    text.append("FRESHNESS")
    html.append("<h3>Freshness</h3><ul>")
    for line in fresh.lines(tz):
        text.append(f"  {line}")
        style = " style='color:#b00020;font-weight:bold'" if line.startswith("STALE") else ""
        html.append(f"<li{style}>{html_text(line)}</li>")
    html.append("</ul>")
    text.append("")

    text.append("CHANGES")
    html.append("<h3>Changes</h3>")
    items = []
    for c in changes:
        label = labels.get(c["series"]) or c["series"]
        new = format_value(c["new_value"], c["new_qualifier"])
        was = (
            "first figure"
            if c["kind"] == "first"
            else (
                f"was {format_value(c['previous_value'], c['previous_qualifier'])}"
                + (f", {c['change_pct']:+}%" if c["change_pct"] is not None else "")
            )
        )
        line = f"{label}: {new} ({c['attributed_to'] or 'unattributed'}), {was}"
        text.append(f"  - {line} [{c['outlet']}] {c['url']}")
        items.append(f"<li>{html_text(line)} ({html_link(c['url'], c['outlet'])})</li>")
    if not changes:
        text.append("  none")
    html.append(f"<ul>{''.join(items)}</ul>" if items else "<p>None.</p>")

    text += ["", "NEW FIGURES AND LATEST VALUES"]
    html.append(
        "<h3>New figures and latest values</h3><table cellpadding='4'>"
        "<tr><th align='left'>Series</th><th>New</th><th align='left'>Latest per source</th></tr>"
    )
    counts = {r["series"]: r["figures"] for r in new_figures}
    by_series: dict[str, list[dict[str, Any]]] = {}
    for row in latest:
        by_series.setdefault(row["series"], []).append(row)
    for key in [s.key for s in watchlist(config)]:
        values = "; ".join(
            f"{format_value(r['value'], r['qualifier'], r['value_low'], r['value_high'])} "
            f"({r['attributed_to'] or 'unattributed'}, {r['reported_at']:%Y-%m-%d})"
            for r in by_series.get(key, [])
        )
        label = labels.get(key) or key
        text.append(f"  {label}: {counts.get(key, 0)} new; latest: {values or 'none yet'}")
        html.append(
            f"<tr><td>{html_text(label)}</td><td align='center'>{counts.get(key, 0)}</td>"
            f"<td>{html_text(values or 'none yet')}</td></tr>"
        )
    html.append("</table>")

    text += ["", "MOST-REPORTED STORIES"]
    html.append("<h3>Most-reported stories</h3><ol>")
    for s in stories:
        copies = f"{s['copies'] + 1} outlets" if s["copies"] else "1 outlet"
        text.append(f"  - {s['title'] or s['url']} ({s['source']}, {copies}) {s['url']}")
        html.append(
            f"<li>{html_link(s['url'], s['title'] or s['url'])} <span style='color:#666'>"
            f"({html_text(s['source'])}, {copies})</span></li>"
        )
    if not stories:
        text.append("  none")
    html.append("</ol>")

    health = (
        f"{feeds.get('enabled', 0)} feeds: {feeds.get('healthy', 0)} healthy, {feeds.get('failing', 0)} "
        f"failing; {activity.get('polls', 0)} polls, {activity.get('articles', 0)} new articles, "
        f"{activity.get('duplicates', 0)} duplicates"
    )
    text += ["", "FEED HEALTH", f"  {health}"]
    html.append(f"<h3>Feed health</h3><p>{html_text(health)}</p><ul>")
    for f in failing:
        line = f"{f['name']}: {f['consecutive_failures']} failures, {f['last_status']}: {f['last_error']}"
        text.append(f"  - {line}")
        html.append(f"<li>{html_text(line)}</li>")
    html.append("</ul>")
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body style='font-family:Arial,Helvetica,"
        f"sans-serif;font-size:14px;color:#222;max-width:760px'>{''.join(html)}</body></html>"
    )
    return Digest(subject=subject, text="\n".join(text) + "\n", html=page)


def queue_digest(
    conn: psycopg.Connection,
    config: Config,
    since: datetime | None = None,
    until: datetime | None = None,
    tz: tzinfo = UTC,
) -> tuple[Digest, int | None]:
    """Build the digest of [since, until) (default: the last 24 hours) and queue it once per window."""
    since, until = digest_window(since, until)
    digest = build_digest(conn, config, since, until, tz)
    alert_id = None
    if config.alerts.enabled:
        with conn.transaction():
            alert_id = queue(
                conn,
                config,
                dedupe_key=f"digest:{_key_time(since)}:{_key_time(until)}",
                kind="digest",
                subject=digest.subject,
                text=digest.text,
                html=digest.html,
            )
    return digest, alert_id


def _key_time(value: datetime) -> str:
    """To the minute: `newswatch digest` run twice within a minute queues one digest."""
    return f"{value.astimezone(UTC):%Y-%m-%dT%H:%MZ}"
