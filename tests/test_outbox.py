"""The outbox (alerts/outbox.py) against a real SMTP server on loopback and a real PostgreSQL: what is
queued, how a refused message is retried and given up, and the Message-ID."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newswatch import settings
from newswatch.alerts.outbox import message_id, queue, send_pending
from tests.smtpserver import SMTPServer
from tests.test_alerts import alert_config


@pytest.fixture
def smtp():
    with SMTPServer() as server:
        yield server


def queue_one(db, config, key: str = "change:1", **extra) -> int:  # type: ignore[no-untyped-def]
    fields = {"kind": "change", "subject": "subject", "text": "t", "html": "<p>t</p>"}
    fields.update(extra)
    alert_id = queue(db, config, dedupe_key=key, **fields)
    assert alert_id is not None
    return alert_id


def test_queue_stores_every_field_with_a_clean_subject_and_a_message_id(db, smtp):
    config = alert_config(smtp.port)
    alert_id = queue_one(db, config, subject="NIS:\r\nBcc: x@evil.example", chart=b"PNG", change_ids=[7, 9])
    row = db.execute(
        "SELECT dedupe_key, kind, subject, recipients, body_text, body_html, chart_png, message_id, change_ids,"
        " status, attempts FROM newswatch.alerts WHERE id = %s",
        (alert_id,),
    ).fetchone()
    token = db.execute("SELECT token FROM newswatch.installation").fetchone()[0]
    assert row == (
        "change:1",
        "change",
        "NIS: Bcc: x@evil.example",
        ["analyst@example.org", "desk@example.org"],
        "t",
        "<p>t</p>",
        b"PNG",
        message_id(str(token), "change:1", "newswatch@example.org"),
        [7, 9],
        "pending",
        0,
    )
    assert queue_one(db, config, key="change:2") != alert_id  # its own id, not the first one's


def test_message_id_is_a_digest_of_token_and_key_at_the_senders_domain():
    one = message_id("token-a", "change:1", "alerts@news.example")
    assert one.startswith("<newswatch.") and one.endswith("@news.example>")
    assert len(one) == len("<newswatch.@news.example>") + 32
    assert one == message_id("token-a", "change:1", "other@news.example")  # the domain, not the user
    assert message_id("token-b", "change:1", "alerts@news.example") != one
    assert message_id("token-a", "change:2", "alerts@news.example") != one
    assert message_id("token-a", "change:1", "alerts@").endswith("@localhost>")


def test_an_installation_row_removed_is_made_again_with_a_new_token(db, smtp):
    config = alert_config(smtp.port)
    first = queue_one(db, config)
    db.execute("DELETE FROM newswatch.installation")
    second = queue_one(db, config, key="change:2")
    ids = dict(db.execute("SELECT id, message_id FROM newswatch.alerts").fetchall())
    assert ids[first] != ids[second]
    assert db.execute("SELECT count(*) FROM newswatch.installation").fetchone() == (1,)


def test_a_message_the_server_refuses_is_retried_later_and_then_sent_once(db, smtp):
    config = alert_config(smtp.port)
    alert_id = queue_one(db, config)
    smtp.mailbox.refuse = "554 5.7.1 message refused for the test"
    before = datetime.now(UTC)
    report = send_pending(db, config)
    assert (report.sent, report.retrying, report.failed) == (0, 1, 0)
    (error_text,) = report.errors
    assert error_text.startswith("SMTP refused the message: ") and "554" in error_text
    status, attempts, error, next_at, lease = db.execute(
        "SELECT status, attempts, last_error, next_attempt_at, lease_until FROM newswatch.alerts WHERE id = %s",
        (alert_id,),
    ).fetchone()
    assert (status, attempts, lease) == ("pending", 1, None)
    assert error == error_text and "message refused for the test" in error
    # The first retry waits the base delay (2 ** 0 times ALERT_RETRY_BASE_MINUTES).
    wait = next_at - before
    base = timedelta(minutes=settings.ALERT_RETRY_BASE_MINUTES)
    assert base - timedelta(seconds=5) <= wait <= base + timedelta(seconds=30)

    assert send_pending(db, config).sent == 0  # not due yet: nothing is tried
    assert db.execute("SELECT attempts FROM newswatch.alerts").fetchone() == (1,)

    smtp.mailbox.refuse = None
    assert send_pending(db, config, retry_now=True).sent == 1
    assert send_pending(db, config, retry_now=True).sent == 0
    assert len(smtp.mailbox.envelopes) == 1
    assert db.execute("SELECT status, attempts, last_error FROM newswatch.alerts").fetchone() == (
        "sent",
        2,
        None,
    )


def test_a_message_refused_max_attempts_times_is_failed_and_kept(db, smtp):
    config = alert_config(smtp.port, max_attempts=2)
    queue_one(db, config)
    queue_one(db, config, key="change:2")
    smtp.mailbox.refuse = "550 5.1.1 no such mailbox"
    first = send_pending(db, config, retry_now=True)
    assert (first.sent, first.retrying, first.failed) == (0, 2, 0)
    second = send_pending(db, config, retry_now=True)
    assert (second.sent, second.retrying, second.failed) == (0, 0, 2)
    rows = db.execute("SELECT status, attempts FROM newswatch.alerts ORDER BY id").fetchall()
    assert rows == [("failed", 2), ("failed", 2)]
    smtp.mailbox.refuse = None
    assert send_pending(db, config, retry_now=True).sent == 0  # failed stays failed


def test_alerting_off_sends_nothing_and_claims_nothing(db, smtp):
    config = alert_config(smtp.port)
    queue_one(db, config)
    off = alert_config(smtp.port, recipients=[])
    report = send_pending(db, off, retry_now=True)
    assert (report.sent, report.retrying, report.failed) == (0, 0, 0)
    assert db.execute("SELECT status, lease_until FROM newswatch.alerts").fetchone() == ("pending", None)
    assert smtp.mailbox.envelopes == []
