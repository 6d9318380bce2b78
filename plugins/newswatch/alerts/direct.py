"""The direct path: when the warehouse itself cannot be reached, nothing can be queued in the outbox, not
even an alert about that. So the operators are emailed straight over SMTP, with the error and when it
started, at most once an hour per kind of failure, remembered outside the database (a state file in the
data directory; under Airflow, an Airflow variable). When the warehouse is reachable again, the emails
sent this way are recorded in the outbox history, the outage is recorded as a closed health incident,
and the recovery notice goes out through the outbox like any other alert.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg

from newswatch import settings
from newswatch.alerts.health import incident_html
from newswatch.alerts.outbox import durably, queue
from newswatch.config import Config, default_data_dir
from newswatch.errors import WarehouseUnreachable, one_line

STATE_FILE = "direct-alerts.json"
log = logging.getLogger(__name__)

# What each kind of failure is called in the email, and what to check.
KINDS = {
    "down": (
        "the database is down or cannot be reached",
        "Is PostgreSQL running, and reachable from this machine (host, port, firewall)? "
        "`pg_isready -h HOST -p PORT` tells.",
    ),
    "full": (
        "the database server is out of space or memory",
        "Free space on the database server's data volume (or memory on the server); PostgreSQL "
        "refuses writes until then.",
    ),
    "out_of_connections": (
        "the database has no free connection slots",
        "Every connection slot is taken: look at pg_stat_activity, then raise max_connections or put a "
        "connection pooler in front.",
    ),
    "rejected": (
        "the database refuses newswatch's login",
        "Was the password changed, or the database or role dropped? Update the Airflow connection "
        "newswatch_db, [database] url or NEWSWATCH_DATABASE_URL.",
    ),
}


class FileState:
    """The direct path's memory: a small JSON file, and a lock file beside it that serialises the
    processes of one machine, so that several failing at once still send one email."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def pending(self) -> bool:
        """Cheap: is there anything remembered at all (checked before every cycle)?"""
        return self.path.exists()

    @contextlib.contextmanager
    def locked(self) -> Iterator[dict[str, Any]]:
        """The state, under the lock; changes are saved when the block ends without an error."""
        with _flock(self.path.with_name(self.path.name + ".lock")):
            state = self.load()
            before = json.dumps(state, sort_keys=True)
            yield state
            if json.dumps(state, sort_keys=True) != before:
                self.save(state)

    def load(self) -> dict[str, Any]:
        try:
            state = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # missing, or left half-written by a crash: start afresh
        return state if isinstance(state, dict) else {}

    def save(self, state: dict[str, Any]) -> None:
        if not state:
            self.path.unlink(missing_ok=True)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        part = self.path.with_name(self.path.name + ".part")
        part.write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(part, self.path)


def default_state() -> FileState:
    """The state file in the data directory ($NEWSWATCH_DATA_DIR, else ~/.local/share/newswatch)."""
    return FileState(default_data_dir() / STATE_FILE)


def unreachable(error: BaseException, conn: psycopg.Connection | None = None) -> bool:
    """Is this the warehouse being unavailable (down, full, out of connections, refusing us), rather
    than a bug or bad data?"""
    if isinstance(error, WarehouseUnreachable):
        return True
    if not isinstance(error, psycopg.Error):
        return False
    if conn is not None and conn.broken:
        return True
    # 08: connection exceptions; 53: out of disk, memory or connections; 57P0x: the server is shutting
    # down, crashed, starting up, or the database was dropped.
    return (error.sqlstate or "").startswith(("08", "53", "57P0"))


def failure_kind(error: BaseException) -> str:
    """One of KINDS: failures of one kind share an hourly email."""
    state = getattr(error, "sqlstate", None) or ""
    text = str(error).lower()
    if state == "53300" or "too many clients" in text or "remaining connection slots" in text:
        return "out_of_connections"
    if state.startswith("53") or "no space left" in text or "could not extend file" in text:
        return "full"
    if (
        state.startswith("28")
        or state == "3D000"
        or "authentication failed" in text
        or "no pg_hba.conf entry" in text
        or (("database" in text or "role" in text) and "does not exist" in text)
    ):
        return "rejected"
    return "down"


def report(config: Config, error: BaseException, where: str, store: FileState | None = None) -> str:
    """Email the operators directly unless this kind of failure was emailed less than an hour ago.

    Never raises. Returns a note to append to the one-line error (what happened to the email)."""
    if not config.alerts.enabled:
        return ""
    store = store or default_state()
    kind = failure_kind(error)
    message = one_line(error)
    now = datetime.now(UTC)
    where = f"{where} on {socket.gethostname()}"
    try:
        with store.locked() as state:
            entry = state.setdefault(
                kind, {"started_at": now.isoformat(), "failures": 0, "sent": [], "sent_count": 0}
            )
            entry.update(failures=entry["failures"] + 1, last_failure_at=now.isoformat(), error=message)
            entry.setdefault("first_error", message)
            last_sent = _time(entry.get("last_sent_at"))
            if last_sent and now - last_sent < timedelta(minutes=settings.DIRECT_ALERT_EVERY_MINUTES):
                return (
                    f"; the operators were emailed about it at {last_sent:%H:%M} UTC (at most once an hour)"
                )
            last_try = _time(entry.get("last_attempt_at")) if entry.get("last_attempt_error") else None
            if last_try and now - last_try < timedelta(minutes=settings.DIRECT_ALERT_RETRY_MINUTES):
                return f"; emailing the operators directly failed at {last_try:%H:%M} UTC, retrying later"
            entry["last_attempt_at"] = now.isoformat()
            row = _email(config, kind, entry, where, now)
            from newswatch.alerts.smtp import SMTP_ERRORS, build_message, close, connect  # only to send

            try:
                smtp = connect(config.alerts)
                try:
                    smtp.send_message(build_message(row, config.alerts))
                finally:
                    close(smtp)
            except SMTP_ERRORS as e:
                entry["last_attempt_error"] = one_line(e)
                return f"; emailing the operators directly failed too: {one_line(e)}"
            entry.pop("last_attempt_error", None)
            entry["sent_count"] += 1
            entry["last_sent_at"] = now.isoformat()
            entry["sent"] = [*entry["sent"], _jsonable(row)][-settings.DIRECT_ALERT_KEEP :]
            return "; the operators were emailed directly"
    except Exception as e:  # reporting must never mask the failure it reports
        return f"; the direct alert could not be sent, its state cannot be kept: {one_line(e)}"


SETTLED = """
INSERT INTO newswatch.alerts (dedupe_key, kind, subject, status, attempts, created_at, sent_at, recipients,
                              body_text, body_html, message_id)
VALUES (%s, 'direct', %s, 'sent', 1, %s, %s, %s, %s, %s, %s)
ON CONFLICT (dedupe_key) DO NOTHING
RETURNING id
"""

OUTAGE = """
INSERT INTO newswatch.health_incidents (kind, target, detail, opened_at, closed_at, alert_id, recovery_alert_id)
SELECT 'warehouse_unreachable', %(target)s, %(detail)s, %(opened)s, now(), %(alert)s, %(recovery)s
WHERE NOT EXISTS (SELECT 1 FROM newswatch.health_incidents
                  WHERE kind = 'warehouse_unreachable' AND target = %(target)s AND opened_at = %(opened)s)
"""


def settle(conn: psycopg.Connection, config: Config, store: FileState | None = None) -> int:
    """The warehouse is reachable: record what was emailed directly, close each outage as a health
    incident, and queue its recovery notice. Returns how many outages were settled."""
    store = store or default_state()
    settled = 0
    try:
        if not store.pending():
            return 0
        with store.locked() as state:
            for kind in sorted(state):
                with durably(conn):
                    _settle_one(conn, config, kind, state[kind])
                del state[kind]
                settled += 1
    except psycopg.Error:
        raise  # the warehouse failing here is the caller's to handle, like any other stage
    except Exception as e:  # a state file or variable that cannot be read must not stop work
        log.warning(
            "the direct-alert state could not be settled (the next connection retries): %s", one_line(e)
        )
    return settled


def _settle_one(conn: psycopg.Connection, config: Config, kind: str, entry: dict[str, Any]) -> None:
    started = entry["started_at"]
    alert_ids = []
    for i, sent in enumerate(entry.get("sent", [])):
        row = conn.execute(
            SETTLED,
            (
                f"direct:{kind}:{started}:{i}",
                sent["subject"],
                sent["created_at"],
                sent["created_at"],
                sent["recipients"],
                sent["body_text"],
                sent["body_html"],
                sent["message_id"],
            ),
        ).fetchone()
        if row:
            alert_ids.append(int(row[0]))
    what = KINDS.get(kind, KINDS["down"])[0]
    opened = _time(started) or datetime.now(UTC)
    lasted = datetime.now(UTC) - opened
    text = (
        f"newswatch reaches its warehouse again. Since {opened:%Y-%m-%d %H:%M} UTC ({_duration(lasted)}) "
        f"{what}: {entry.get('failures', 1)} failure(s); first error: {entry.get('first_error', '')}\n"
        f"{entry.get('sent_count', 0)} email(s) about it went out directly over SMTP; they are now "
        "recorded in newswatch.alerts (kind direct).\n"
        "Nothing could be recorded meanwhile; the next cycles poll the feeds again and pick up what was missed."
    )
    recovery = None
    if config.alerts.enabled:
        recovery = queue(
            conn,
            config,
            dedupe_key=f"recovery:direct:{kind}:{started}",
            kind="recovery",
            subject="[newswatch] warehouse reachable again",
            text=text + "\n",
            html=incident_html("warehouse reachable again", text),
        )
    conn.execute(
        OUTAGE,
        {
            "target": kind,
            "detail": f"{what}: {entry.get('first_error', '')}",
            "opened": opened,
            "alert": alert_ids[0] if alert_ids else None,
            "recovery": recovery,
        },
    )


def _email(config: Config, kind: str, entry: dict[str, Any], where: str, now: datetime) -> dict[str, Any]:
    from email.utils import make_msgid  # the email package only when an email is written

    what, hint = KINDS[kind]
    started = _time(entry["started_at"]) or now
    still = "still " if entry["sent_count"] else ""
    subject = f"[newswatch] warehouse {still}unreachable: {what}"
    text = (
        f"newswatch cannot use its warehouse: {what}. It cannot record anything, not even this alert, "
        "so this email was sent directly over SMTP.\n\n"
        f"Since:    {started:%Y-%m-%d %H:%M} UTC (the first failure)\n"
        f"Latest:   {now:%Y-%m-%d %H:%M} UTC ({entry['failures']} failure(s) so far)\n"
        f"Where:    {where}\n"
        f"Error:    {entry['error']}\n\n"
        f"What to check: {hint}\n\n"
        f"While this lasts you get at most one such email every {settings.DIRECT_ALERT_EVERY_MINUTES} "
        "minutes. When the warehouse is reachable again, these emails are recorded in newswatch.alerts "
        "and a recovery notice follows."
    )
    domain = config.alerts.sender.rpartition("@")[2] or "localhost"
    return {
        "subject": subject,
        "recipients": list(config.alerts.recipients),
        "body_text": text + "\n",
        "body_html": incident_html(subject.removeprefix("[newswatch] "), text),
        "message_id": make_msgid("newswatch.direct", domain=domain),
        "created_at": now,
    }


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in row.items()}


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _duration(delta: timedelta) -> str:
    minutes = delta.total_seconds() / 60
    return f"{minutes:.0f} minutes" if minutes < 90 else f"{minutes / 60:.1f} hours"


@contextlib.contextmanager
def _flock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
