"""The outbox: alerts are queued in the transaction that records what they report, and sent later.

An SMTP outage delays alerts, it never loses or repeats them: each alert is committed as sent right
after the server accepts it (synchronously, so a server crash cannot lose the mark), failed attempts are
retried with backoff, and after a bounded number of attempts the alert is marked failed and stays
visible in newswatch.alerts. Message-IDs carry the installation's random token.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

import psycopg
from psycopg.rows import dict_row

from newswatch import settings
from newswatch.alerts import unalerted
from newswatch.alerts.safety import header_text
from newswatch.config import AlertsConfig, Config
from newswatch.errors import InsecureSMTP, one_line


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


QUEUE = """
INSERT INTO newswatch.alerts (dedupe_key, kind, subject, recipients, body_text, body_html, chart_png, message_id,
                              change_ids)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)
ON CONFLICT (dedupe_key) DO NOTHING
RETURNING id
"""

TOKEN = "SELECT token FROM newswatch.installation"
# The migration creates the row; this brings it back if someone emptied the table (a new installation).
NEW_TOKEN = "INSERT INTO newswatch.installation DEFAULT VALUES ON CONFLICT (id) DO NOTHING"


def installation_token(conn: psycopg.Connection) -> str:
    """This warehouse's random token: part of every Message-ID, so another installation (or this one
    reset) never reuses one."""
    row = conn.execute(TOKEN).fetchone()
    if row is None:
        conn.execute(NEW_TOKEN)
        row = conn.execute(TOKEN).fetchone()
    assert row is not None
    return str(row[0])


def message_id(token: str, dedupe_key: str, sender: str) -> str:
    domain = sender.rpartition("@")[2] or "localhost"
    digest = hashlib.sha256(f"{token}:{dedupe_key}".encode()).hexdigest()[:32]
    return f"<newswatch.{digest}@{domain}>"


def queue(
    conn: psycopg.Connection,
    config: Config,
    *,
    dedupe_key: str,
    kind: str,
    subject: str,
    text: str,
    html: str,
    chart: bytes | None = None,
    change_ids: list[int] | None = None,
) -> int | None:
    """Queue one alert; a dedupe_key seen before queues nothing (re-running a cycle never re-queues)."""
    row = conn.execute(
        QUEUE,
        (
            dedupe_key,
            kind,
            header_text(subject),
            list(config.alerts.recipients),
            text,
            html,
            chart,
            message_id(installation_token(conn), dedupe_key, config.alerts.sender),
            change_ids or [],
        ),
    ).fetchone()
    return int(row[0]) if row else None


CLAIM = """
UPDATE newswatch.alerts SET lease_until = now() + interval '10 minutes', claimed_by = pg_backend_pid()
WHERE id IN (
    SELECT id FROM newswatch.alerts
    WHERE status = 'pending' AND (%(now)s OR next_attempt_at <= now())
      AND (lease_until IS NULL OR lease_until < now()
           OR NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = alerts.claimed_by))
    ORDER BY created_at, id
    LIMIT 200
    FOR UPDATE SKIP LOCKED)
RETURNING id, subject, recipients, body_text, body_html, chart_png, message_id, created_at, attempts
"""

SENT = """
UPDATE newswatch.alerts SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL,
    lease_until = NULL WHERE id = %s
"""

RETRY = """
UPDATE newswatch.alerts SET attempts = attempts + 1, last_error = %(error)s, lease_until = NULL,
    status = CASE WHEN attempts + 1 >= %(max)s THEN 'failed' ELSE 'pending' END,
    next_attempt_at = now() + make_interval(mins => least(%(cap)s, %(base)s * power(2, attempts))::int)
WHERE id = %(id)s
RETURNING status
"""


def send_pending(conn: psycopg.Connection, config: Config, *, retry_now: bool = False) -> SendReport:
    """Send every pending alert that is due (all pending ones with retry_now), after queueing the one
    email for changes recorded while alerting was off."""
    report = SendReport()
    alerts = config.alerts
    if not alerts.enabled:
        return report
    queue_unalerted(conn, config)
    with conn.transaction(), conn.cursor(row_factory=dict_row) as cur:
        claimed = cur.execute(CLAIM, {"now": retry_now}).fetchall()
    if not claimed:
        return report
    # Imported only when there is mail to send: smtplib and the email package are a good share of the
    # start-up of a cycle that sends nothing.
    from newswatch.alerts.smtp import SMTP_ERRORS, build_message, close, connect

    try:
        smtp = connect(alerts)
    except SMTP_ERRORS as e:
        error = (
            one_line(e)  # it names the server and the fix
            if isinstance(e, InsecureSMTP)
            else f"cannot reach SMTP server {alerts.smtp_host}:{alerts.smtp_port}: {one_line(e)}"
        )
        for row in claimed:
            _retry(conn, row["id"], error, alerts, report)
        return report
    try:
        for row in claimed:
            try:
                smtp.send_message(build_message(row, alerts))
            except SMTP_ERRORS as e:
                _retry(conn, row["id"], f"SMTP refused the message: {one_line(e)}", alerts, report)
                continue
            with durably(conn):  # recorded the moment the server accepted it, and kept through a crash
                conn.execute(SENT, (row["id"],))
            report.sent += 1
    finally:
        close(smtp)
    return report


def queue_unalerted(conn: psycopg.Connection, config: Config) -> int | None:
    """One email for every change recorded while alerting was off; its alert id, if one was queued."""
    with conn.transaction():
        catch_up = unalerted.take(conn, config)
        if catch_up is None:
            return None
        return queue(
            conn,
            config,
            dedupe_key=catch_up.dedupe_key,
            kind="changes",
            subject=catch_up.subject,
            text=catch_up.text,
            html=catch_up.html,
            change_ids=catch_up.change_ids,
        )


@contextlib.contextmanager
def durably(conn: psycopg.Connection) -> Iterator[None]:
    """A transaction whose commit waits for the disk, whatever the session's synchronous_commit.

    The pipeline's connection runs with synchronous_commit = off (a lost page write is redone), but a
    lost "sent" mark or attempt count would send an email twice or retry it forever."""
    with conn.transaction():
        conn.execute("SET LOCAL synchronous_commit = on")
        yield


def _retry(
    conn: psycopg.Connection, alert_id: int, error: str, alerts: AlertsConfig, report: SendReport
) -> None:
    with durably(conn):
        row = conn.execute(
            RETRY,
            {
                "error": error,
                "max": alerts.max_attempts,
                "cap": settings.ALERT_RETRY_MAX_MINUTES,
                "base": settings.ALERT_RETRY_BASE_MINUTES,
                "id": alert_id,
            },
        ).fetchone()
    if row and row[0] == "failed":
        report.failed += 1
    else:
        report.retrying += 1
    report.errors.append(error)
