"""The outbox: alerts are queued in the transaction that records what they report, and sent later.

An SMTP outage delays alerts, it never loses or repeats them: each alert is committed as sent right
after the server accepts it, failed attempts are retried with backoff, and after a bounded number of
attempts the alert is marked failed and stays visible in newswatch.alerts.
"""

from __future__ import annotations

import hashlib
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr
from typing import Any

import psycopg
from psycopg.rows import dict_row

from newswatch import settings
from newswatch.alerts.safety import header_text
from newswatch.config import AlertsConfig, Config


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
    domain = config.alerts.sender.rpartition("@")[2] or "localhost"
    message_id = f"<newswatch.{hashlib.sha1(dedupe_key.encode()).hexdigest()[:20]}@{domain}>"
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
            message_id,
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
    """Send every pending alert that is due (all pending ones with retry_now)."""
    report = SendReport()
    alerts = config.alerts
    if not alerts.smtp_host:
        return report
    with conn.transaction(), conn.cursor(row_factory=dict_row) as cur:
        claimed = cur.execute(CLAIM, {"now": retry_now}).fetchall()
    if not claimed:
        return report
    try:
        smtp = _connect(alerts)
    except (OSError, smtplib.SMTPException) as e:
        error = f"cannot reach SMTP server {alerts.smtp_host}:{alerts.smtp_port}: {_one_line(e)}"
        for row in claimed:
            _retry(conn, row["id"], error, alerts, report)
        return report
    try:
        for row in claimed:
            try:
                smtp.send_message(build_message(row, alerts))
            except (OSError, smtplib.SMTPException) as e:
                _retry(conn, row["id"], f"SMTP refused the message: {_one_line(e)}", alerts, report)
                continue
            conn.execute(SENT, (row["id"],))  # autocommit: recorded the moment the server accepted it
            report.sent += 1
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
    return report


def _retry(
    conn: psycopg.Connection, alert_id: int, error: str, alerts: AlertsConfig, report: SendReport
) -> None:
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


def _connect(alerts: AlertsConfig) -> smtplib.SMTP:
    host, port = alerts.smtp_host or "localhost", alerts.smtp_port
    security = alerts.security
    if security == "auto":
        security = {465: "ssl", 587: "starttls"}.get(port, "none")
    context = ssl.create_default_context()
    smtp: smtplib.SMTP
    if security == "ssl":
        smtp = smtplib.SMTP_SSL(host, port, timeout=alerts.timeout_seconds, context=context)
    else:
        smtp = smtplib.SMTP(host, port, timeout=alerts.timeout_seconds)
        if security == "starttls":
            smtp.starttls(context=context)
    if alerts.username:
        smtp.login(alerts.username, alerts.password() or "")
    return smtp


def build_message(row: dict[str, Any], alerts: AlertsConfig) -> EmailMessage:
    """A multipart/alternative message: plain text, and HTML with the chart inline (multipart/related)."""
    # Lines up to RFC 5322's hard limit: the default 78-column folding breaks subjects at odd places.
    msg = EmailMessage(policy=SMTP.clone(max_line_length=998))
    msg["Subject"] = header_text(row["subject"])
    msg["From"] = formataddr(("newswatch", alerts.sender))
    msg["To"] = ", ".join(row["recipients"])
    msg["Message-ID"] = row["message_id"]
    msg["Date"] = format_datetime(row["created_at"])
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(row["body_text"])
    msg.add_alternative(row["body_html"], subtype="html")
    html_part = msg.get_body(("html",))
    if row["chart_png"] and html_part is not None:
        html_part.add_related(bytes(row["chart_png"]), "image", "png", cid="<chart>", filename="chart.png")
    return msg


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split())[:300] or type(e).__name__
