"""Pipeline health: a feed failing or silent for too long, a stage that fails. One alert when a problem
opens, one recovery notice when it heals, never one per poll (newswatch.health_incidents)."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg

from newswatch.alerts.outbox import queue
from newswatch.alerts.safety import html_text
from newswatch.config import Config


@dataclass
class HealthReport:
    opened: int = 0
    closed: int = 0


OPEN = """
INSERT INTO newswatch.health_incidents (kind, target, detail) VALUES (%s, %s, %s)
ON CONFLICT (kind, target) WHERE closed_at IS NULL DO NOTHING
RETURNING id
"""

FAILING_FEEDS = """
SELECT f.name, f.url, h.consecutive_failures, h.last_status, h.last_error
FROM newswatch.feeds f JOIN newswatch.feed_health h ON h.feed_id = f.id
WHERE f.enabled AND h.consecutive_failures >= %s
"""

HEALED_FEEDS = """
SELECT i.id, i.kind, coalesce(f.name, i.target), i.alert_id FROM newswatch.health_incidents i
LEFT JOIN newswatch.feeds f ON f.url = i.target
LEFT JOIN newswatch.feed_health h ON h.feed_id = f.id
WHERE i.closed_at IS NULL AND (
    (i.kind = 'feed_failing' AND (f.id IS NULL OR NOT f.enabled OR h.consecutive_failures = 0))
    OR (i.kind = 'feed_silent' AND (f.id IS NULL OR NOT f.enabled OR h.last_new_item_at > i.opened_at)))
"""

# A feed is silent when it answers but has had no new item for much longer than its usual gap between
# polls that found new items (the median over the last 90 days, needing at least 5 such gaps).
SILENT_FEEDS = """
WITH arrivals AS (
    SELECT DISTINCT feed_id, date_trunc('minute', first_seen_at) AS at FROM newswatch.items
    WHERE first_seen_at > now() - interval '90 days'),
gaps AS (
    SELECT feed_id, extract(epoch FROM at - lag(at) OVER (PARTITION BY feed_id ORDER BY at)) AS gap
    FROM arrivals),
usual AS (
    SELECT feed_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS gap FROM gaps
    WHERE gap > 0 GROUP BY feed_id HAVING count(*) >= 5)
SELECT f.name, f.url, h.last_new_item_at, u.gap / 3600.0 AS usual_hours
FROM newswatch.feeds f
JOIN newswatch.feed_health h ON h.feed_id = f.id
JOIN usual u ON u.feed_id = f.id
WHERE f.enabled AND h.consecutive_failures = 0 AND h.last_new_item_at IS NOT NULL
  AND now() - h.last_new_item_at > make_interval(secs => greatest(%(factor)s * u.gap, %(min_hours)s * 3600))
"""

CLOSE = "UPDATE newswatch.health_incidents SET closed_at = now(), recovery_alert_id = %s WHERE id = %s"
SET_ALERT = "UPDATE newswatch.health_incidents SET alert_id = %s WHERE id = %s"


def check_feeds(conn: psycopg.Connection, config: Config) -> HealthReport:
    """Open incidents for failing and silent feeds, close those that healed."""
    report = HealthReport()
    a = config.alerts
    with conn.transaction():
        for name, url, failures, status, error in conn.execute(FAILING_FEEDS, (a.feed_failures,)).fetchall():
            detail = f"{failures} failed polls in a row; last: {status}: {error}"
            if _open(
                conn,
                config,
                "feed_failing",
                url,
                detail,
                f"feed failing: {name}",
                f"The feed {name} ({url}) has failed {failures} polls in a row.\nLast error: {status}: {error}",
            ):
                report.opened += 1
        silent = conn.execute(
            SILENT_FEEDS, {"factor": a.silent_factor, "min_hours": a.silent_min_hours}
        ).fetchall()
        for name, url, last_new, usual_hours in silent:
            detail = f"no new item since {last_new:%Y-%m-%d %H:%M} UTC; usually every {usual_hours:.1f} h"
            if _open(
                conn,
                config,
                "feed_silent",
                url,
                detail,
                f"feed silent: {name}",
                f"The feed {name} ({url}) answers but has had no new item since {last_new:%Y-%m-%d %H:%M} "
                f"UTC; it usually has new items every {usual_hours:.1f} hours.",
            ):
                report.opened += 1
        for incident_id, kind, target, alert_id in conn.execute(HEALED_FEEDS).fetchall():
            what = "is answering again" if kind == "feed_failing" else "has new items again"
            _close(
                conn, config, incident_id, alert_id, f"feed recovered: {target}", f"The feed {target} {what}."
            )
            report.closed += 1
    return report


def stage_failed(conn: psycopg.Connection, config: Config, stage: str, error: str) -> bool:
    """Record a failed stage; True when this opened a new incident (and queued its alert)."""
    with conn.transaction():
        return _open(
            conn,
            config,
            "stage_failed",
            stage,
            error,
            f"stage failed: {stage}",
            f"The {stage} stage failed:\n{error}\n\nLater stages still ran; the next run retries it.",
        )


OPEN_STAGE_INCIDENT = """
SELECT id, alert_id FROM newswatch.health_incidents
WHERE kind = 'stage_failed' AND target = %s AND closed_at IS NULL
"""


def stage_succeeded(conn: psycopg.Connection, config: Config, stage: str) -> bool:
    """Close the stage's open incident, if any, with a recovery notice."""
    # Nearly always there is none: one statement says so, without a transaction around it (a cycle
    # asks after each of its seven stages).
    if conn.execute(OPEN_STAGE_INCIDENT, (stage,)).fetchone() is None:
        return False
    with conn.transaction():
        row = conn.execute(OPEN_STAGE_INCIDENT, (stage,)).fetchone()
        if row is None:
            return False
        _close(
            conn, config, row[0], row[1], f"stage recovered: {stage}", f"The {stage} stage is working again."
        )
        return True


def _open(
    conn: psycopg.Connection, config: Config, kind: str, target: str, detail: str, title: str, text: str
) -> bool:
    row = conn.execute(OPEN, (kind, target, detail)).fetchone()
    if row is None:
        return False  # already open: one alert per incident, not one per poll
    if config.alerts.enabled:
        alert_id = queue(
            conn,
            config,
            dedupe_key=f"health:{row[0]}",
            kind="health",
            subject=f"[newswatch] {title}",
            text=text + "\n",
            html=incident_html(title, text),
        )
        conn.execute(SET_ALERT, (alert_id, row[0]))
    return True


def _close(
    conn: psycopg.Connection, config: Config, incident_id: int, alert_id: int | None, title: str, text: str
) -> None:
    recovery = None
    if alert_id is not None and config.alerts.enabled:
        recovery = queue(
            conn,
            config,
            dedupe_key=f"recovery:{incident_id}",
            kind="recovery",
            subject=f"[newswatch] {title}",
            text=text + "\n",
            html=incident_html(title, text),
        )
    conn.execute(CLOSE, (recovery, incident_id))


def incident_html(title: str, text: str) -> str:
    """A health notice as HTML: the title, then one paragraph per line of text."""
    paragraphs = "".join(f"<p>{html_text(p)}</p>" for p in text.split("\n") if p.strip())
    return (
        f"<!DOCTYPE html><html><body style='font-family:Arial,Helvetica,sans-serif'><h2 style='font-size:18px'>"
        f"{html_text(title)}</h2>{paragraphs}</body></html>"
    )
