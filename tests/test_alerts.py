"""Alerts against a real SMTP server on loopback and a real PostgreSQL: delivery, content, safety,
outage and recovery, no duplicates, digest, pipeline-health notices."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from email.message import EmailMessage

import pytest

from newswatch.alerts.changes import queue_change_alerts
from newswatch.alerts.digest import queue_digest
from newswatch.alerts.freshness import record_cycle
from newswatch.alerts.outbox import send_pending
from newswatch.config import parse_config
from newswatch.demo import DemoServer
from newswatch.demo_run import MailSink, demo_config
from newswatch.figures.extractor import FigureExtractor
from newswatch.figures.stage import changes_stage, figures_stage
from newswatch.pipeline import run_cycle
from tests import content
from tests.smtpserver import SMTPServer, free_port
from tests.test_figure_changes import NIS, add_article


@pytest.fixture
def smtp():
    with SMTPServer() as server:
        yield server


def alert_config(port: int, **alerts):  # type: ignore[no-untyped-def]
    section = {
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "sender": "newswatch@example.org",
        "recipients": ["analyst@example.org", "desk@example.org"],
        "security": "none",
        "timeout_seconds": 5,
    }
    section.update(alerts)
    return parse_config({"alerts": section})


def detect(db, config) -> None:  # type: ignore[no-untyped-def]
    figures_stage(db, FigureExtractor())
    changes_stage(db, 0.0, lambda conn, ids: queue_change_alerts(conn, config, ids))


def parts(msg: EmailMessage) -> dict[str, object]:
    found: dict[str, object] = {}
    for part in msg.walk():
        found.setdefault(part.get_content_type(), part)
    return found


def test_a_revision_is_emailed_with_text_html_and_an_inline_chart(db, smtp):
    config = alert_config(smtp.port)
    add_article(db, NIS.format(q="about", v="1,100"), "2024-12-19")
    detect(db, config)
    db.execute(
        "UPDATE newswatch.alerts SET status = 'sent'"
    )  # the first-figure alert is not this test's subject
    newest = add_article(db, NIS.format(q="more than", v="3,000"), "2025-01-13")
    add_article(
        db, NIS.format(q="more than", v="3,000"), "2025-01-13", source="World Desk", duplicate_of=newest
    )
    detect(db, config)
    report = send_pending(db, config)

    assert report.sent == 1
    (envelope,) = smtp.mailbox.envelopes
    assert sorted(envelope.rcpt_tos) == ["analyst@example.org", "desk@example.org"]
    (msg,) = smtp.mailbox.messages
    assert (
        msg["Subject"]
        == "[newswatch] NK troops in Russia, casualties: more than 3,000 (NIS), was about 1,100"
    )
    assert msg.get_content_type() == "multipart/alternative"
    found = parts(msg)
    assert {"text/plain", "multipart/related", "text/html", "image/png"} <= set(found)
    text = found["text/plain"].get_content()  # type: ignore[attr-defined]
    assert "New:      more than 3,000 (reported 2025-01-13)" in text
    assert "Previous: about 1,100 (reported 2024-12-19)" in text and "Change:   +172.7%" in text
    assert "South Korea's spy agency said more than 3,000" in text
    assert "Reported by 2 outlet(s)" in text and "World Desk" in text
    html = found["text/html"].get_content()  # type: ignore[attr-defined]
    image = found["image/png"]
    assert image["Content-ID"] == "<chart>" and "src='cid:chart'" in html
    assert image.get_content()[:8] == b"\x89PNG\r\n\x1a\n"  # type: ignore[attr-defined]
    assert db.execute(
        "SELECT status, attempts FROM newswatch.alerts WHERE kind = 'change' ORDER BY id DESC LIMIT 1"
    ).fetchone() == ("sent", 1)


def test_rerunning_never_requeues_or_resends(db, smtp):
    config = alert_config(smtp.port)
    add_article(db, NIS.format(q="about", v="1,100"), "2024-12-19")
    detect(db, config)
    send_pending(db, config)
    db.execute("UPDATE newswatch.figures SET change_checked = false")  # the change pass runs again
    detect(db, config)
    send_pending(db, config, retry_now=True)
    assert db.execute("SELECT count(*) FROM newswatch.alerts").fetchone()[0] == 1
    assert len(smtp.mailbox.envelopes) == 1


def test_smtp_outage_keeps_alerts_pending_then_delivers_each_once(db):
    port = free_port()
    config = alert_config(port)
    add_article(db, NIS.format(q="about", v="1,100"), "2024-12-19")
    add_article(db, "Zelensky said 3,800 North Korean soldiers had been killed or wounded.", "2024-12-20")
    detect(db, config)
    down = send_pending(db, config)  # nothing listens on the port
    assert (down.sent, down.retrying) == (0, 2)
    assert "cannot reach SMTP server 127.0.0.1" in down.errors[0]
    rows = db.execute("SELECT status, attempts, next_attempt_at > now() FROM newswatch.alerts").fetchall()
    assert rows == [("pending", 1, True), ("pending", 1, True)]
    assert send_pending(db, config).sent == 0  # not due yet: backoff
    with SMTPServer(port=port) as server:
        up = send_pending(db, config, retry_now=True)
        again = send_pending(db, config, retry_now=True)
        assert (up.sent, again.sent) == (2, 0)
        assert len(server.mailbox.envelopes) == 2
    assert db.execute("SELECT array_agg(status) FROM newswatch.alerts").fetchone()[0] == ["sent", "sent"]


def test_after_the_last_attempt_an_alert_is_failed_and_visible(db):
    config = alert_config(free_port(), max_attempts=2)
    add_article(db, NIS.format(q="about", v="1,100"), "2024-12-19")
    detect(db, config)
    send_pending(db, config, retry_now=True)
    report = send_pending(db, config, retry_now=True)
    assert report.failed == 1
    status, attempts, error = db.execute(
        "SELECT status, attempts, last_error FROM newswatch.alerts"
    ).fetchone()
    assert (status, attempts) == ("failed", 2) and "cannot reach SMTP server" in error
    assert send_pending(db, config, retry_now=True).sent == 0


def test_hostile_titles_cannot_add_headers_or_script(db, smtp):
    config = alert_config(smtp.port)
    article = add_article(
        db, NIS.format(q="about", v="1,100"), "2024-12-19", source="Evil Daily\r\nBcc: attacker@evil.example"
    )
    db.execute(
        "UPDATE newswatch.articles SET title = %s, url = %s WHERE id = %s",
        ("<script>alert(1)</script>\r\nBcc: attacker@evil.example", "javascript:alert(1)", article),
    )
    detect(db, config)
    # A subject built from internet text goes through the same cleaning.
    from newswatch.alerts.outbox import queue

    queue(
        db,
        config,
        dedupe_key="test:subject",
        kind="health",
        subject="x\r\nBcc: attacker@evil.example\nX-Y: z",
        text="t",
        html="<p>t</p>",
    )
    send_pending(db, config)
    assert len(smtp.mailbox.envelopes) == 2
    for envelope, msg in zip(smtp.mailbox.envelopes, smtp.mailbox.messages, strict=True):
        assert sorted(envelope.rcpt_tos) == ["analyst@example.org", "desk@example.org"]
        assert msg["Bcc"] is None and msg["X-Y"] is None
        assert "\n" not in msg["Subject"] and "\r" not in msg["Subject"]
    html = parts(smtp.mailbox.messages[0])["text/html"].get_content()  # type: ignore[attr-defined]
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html and "href='javascript" not in html


def test_smtp_login_uses_the_password_from_the_environment_and_never_logs_it(db, monkeypatch):
    monkeypatch.setenv("TEST_SMTP_PASSWORD", "s3cret-pw")
    with SMTPServer(password="s3cret-pw") as server:
        config = alert_config(server.port, username="newswatch", password_env="TEST_SMTP_PASSWORD")
        add_article(db, NIS.format(q="about", v="1,100"), "2024-12-19")
        detect(db, config)
        assert send_pending(db, config).sent == 1
        assert len(server.mailbox.envelopes) == 1
    with SMTPServer(password="another") as server:
        add_article(db, NIS.format(q="about", v="3,000"), "2025-01-19")
        detect(db, config)
        report = send_pending(db, config)
        assert report.retrying == 1 and "s3cret-pw" not in " ".join(report.errors)
        assert (
            db.execute("SELECT count(*) FROM newswatch.alerts WHERE last_error LIKE '%s3cret%'").fetchone()[0]
            == 0
        )


def test_digest_summarises_the_day(db, smtp):
    config = alert_config(smtp.port)
    add_article(db, NIS.format(q="about", v="1,100"), "2024-12-19")
    original = add_article(db, NIS.format(q="more than", v="3,000"), "2025-01-13")
    add_article(
        db, NIS.format(q="more than", v="3,000"), "2025-01-13", source="World Desk", duplicate_of=original
    )
    detect(db, config)
    db.execute("UPDATE newswatch.alerts SET status = 'sent'")
    record_cycle(db, "test", datetime.now(UTC), [])
    digest, alert_id = queue_digest(db, config)
    assert alert_id is not None
    send_pending(db, config)
    (msg,) = smtp.mailbox.messages
    assert msg["Subject"].startswith("[newswatch] Daily digest") and "2 changes" in msg["Subject"]
    text = parts(msg)["text/plain"].get_content()  # type: ignore[attr-defined]
    assert "NK troops in Russia, casualties: more than 3,000 (NIS), was about 1,100, +172.7%" in text
    assert "MOST-REPORTED STORIES" in text and "(Korea Wire Daily, 2 outlets)" in text
    assert "FEED HEALTH" in text
    assert "Last completed cycle: " in text and "STALE" not in text


def test_a_failing_feed_alerts_once_and_recovers_once(db, web, smtp, config_for):
    web.add("/feed.xml", b"oops", status=500)
    config = replace(config_for("/feed.xml"), alerts=alert_config(smtp.port, feed_failures=2).alerts)
    for _ in range(4):
        run_cycle(config, conn=db, force=True)
    name = config.feeds[0].name
    assert [m["Subject"] for m in smtp.mailbox.messages] == [f"[newswatch] feed failing: {name}"]
    web.add("/feed.xml", content.rss([{"title": "t", "link": web.url("/x.html"), "guid": "1"}]))
    run_cycle(config, conn=db, force=True)
    run_cycle(config, conn=db, force=True)
    assert [m["Subject"] for m in smtp.mailbox.messages] == [
        f"[newswatch] feed failing: {name}",
        f"[newswatch] feed recovered: {name}",
    ]


def test_a_failing_stage_alerts_once_and_recovers_once(db, web, smtp, config_for):
    config = replace(config_for(), alerts=alert_config(smtp.port).alerts)
    add_article(db, NIS.format(q="about", v="1,100"), "2024-12-19")
    db.execute("ALTER TABLE newswatch.figures RENAME TO figures_gone")  # a broken warehouse, for real
    try:
        first = run_cycle(config, conn=db)
        second = run_cycle(config, conn=db)
    finally:
        db.execute("ALTER TABLE newswatch.figures_gone RENAME TO figures")
    assert list(first.failed_stages) == list(second.failed_stages) == ["figures", "changes"]
    assert 'relation "newswatch.figures" does not exist' in first.failed_stages["figures"]
    healed = run_cycle(config, conn=db)
    assert not healed.failed_stages and healed.figures.figures == 1
    subjects = sorted(m["Subject"] for m in smtp.mailbox.messages if "stage" in m["Subject"])
    assert subjects == [
        "[newswatch] stage failed: changes",
        "[newswatch] stage failed: figures",
        "[newswatch] stage recovered: changes",
        "[newswatch] stage recovered: figures",
    ]


def test_demo_two_cycles_deliver_exactly_the_expected_emails(db, database_url, smtp, tmp_path):
    # The demo's mail goes to the SMTP server its sink names (here the test's own server).
    with DemoServer(port=0) as server:
        config = demo_config(
            alert_config(smtp.port), server, database_url, MailSink(tmp_path, port=smtp.port)
        )
        run_cycle(config, conn=db, force=True)
        first = [m["Subject"] for m in smtp.mailbox.messages]
        changes = db.execute("SELECT count(*) FROM newswatch.figure_changes").fetchone()[0]
        server.set_cycle(2)
        run_cycle(config, conn=db, force=True)
        run_cycle(config, conn=db, force=True)  # a third run adds nothing
    subjects = [m["Subject"] for m in smtp.mailbox.messages]
    assert changes > 5 and len(first) == 1 and first[0].startswith(f"[newswatch] {changes} figure changes:")
    assert subjects[1:] == [
        "[newswatch] NK troops in Russia, casualties: about 4,700 (NIS), was more than 3,000"
    ]
    revision = smtp.mailbox.messages[1]
    assert parts(revision)["image/png"] is not None


def test_a_silent_feed_is_reported_once_and_recovers(db, smtp):
    from newswatch.alerts.health import check_feeds

    config = alert_config(smtp.port, silent_min_hours=24)
    feed = db.execute(
        "INSERT INTO newswatch.feeds (name, url) VALUES ('Weekly Review', 'https://weekly.example/rss') "
        "RETURNING id"
    ).fetchone()[0]
    page = db.execute(
        "INSERT INTO newswatch.pages (canonical_url, url) VALUES ('https://weekly.example/a', "
        "'https://weekly.example/a') RETURNING id"
    ).fetchone()[0]
    # New items arrived every 6 hours until 10 days ago; polls still succeed.
    for i in range(8):
        db.execute(
            "INSERT INTO newswatch.items (feed_id, guid, page_id, entry_hash, first_seen_at) "
            "VALUES (%s, %s, %s, 'h', now() - interval '10 days' - make_interval(hours => %s))",
            (feed, f"g{i}", page, 6 * i),
        )
    db.execute(
        "INSERT INTO newswatch.feed_health (feed_id, last_new_item_at, last_success_at, "
        "consecutive_failures) VALUES (%s, now() - interval '10 days', now(), 0)",
        (feed,),
    )
    assert check_feeds(db, config).opened == 1
    assert check_feeds(db, config).opened == 0  # still silent: no second alert
    db.execute("UPDATE newswatch.feed_health SET last_new_item_at = now() WHERE feed_id = %s", (feed,))
    assert check_feeds(db, config).closed == 1
    send_pending(db, config)
    assert [m["Subject"] for m in smtp.mailbox.messages] == [
        "[newswatch] feed silent: Weekly Review",
        "[newswatch] feed recovered: Weekly Review",
    ]


def test_message_ids_carry_the_installation_so_a_reset_warehouse_never_reuses_one(db, smtp):
    from newswatch.alerts.outbox import queue

    config = alert_config(smtp.port)

    def queue_change_1() -> str:
        queue(db, config, dedupe_key="change:1", kind="change", subject="s", text="t", html="<p>t</p>")
        return str(db.execute("SELECT message_id FROM newswatch.alerts").fetchone()[0])

    first = queue_change_1()
    db.execute("TRUNCATE newswatch.alerts, newswatch.installation CASCADE")  # a reset warehouse
    second = queue_change_1()
    assert first != second
    for message_id in (first, second):
        assert re.fullmatch(r"<newswatch\.[0-9a-f]{32}@example\.org>", message_id)
    send_pending(db, config)
    assert smtp.mailbox.messages[0]["Message-ID"] == second


def test_sent_marks_and_attempts_are_committed_synchronously(db, database_url, smtp):
    """The pipeline's connection runs with synchronous_commit = off; outbox state must not."""
    from newswatch.alerts.outbox import queue
    from newswatch.pipeline import open_warehouse

    # A trigger notes the synchronous_commit in force whenever an alert's status or attempts change.
    db.execute("CREATE TABLE public.commit_modes (mode text)")
    db.execute(
        "CREATE FUNCTION public.note_commit_mode() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "INSERT INTO public.commit_modes VALUES (current_setting('synchronous_commit')); RETURN NEW; END $$"
    )
    db.execute(
        "CREATE TRIGGER note_commit_mode BEFORE UPDATE OF status, attempts ON newswatch.alerts "
        "FOR EACH ROW EXECUTE FUNCTION public.note_commit_mode()"
    )
    try:
        up = replace(
            alert_config(smtp.port), database=parse_config({"database": {"url": database_url}}).database
        )
        down = replace(up, alerts=replace(up.alerts, smtp_port=free_port()))
        with open_warehouse(up) as conn:
            assert conn.execute("SHOW synchronous_commit").fetchone()[0] == "off"
            queue(conn, up, dedupe_key="test:1", kind="health", subject="s", text="t", html="<p>t</p>")
            assert send_pending(conn, up).sent == 1  # a "sent" mark
            queue(conn, up, dedupe_key="test:2", kind="health", subject="s", text="t", html="<p>t</p>")
            assert send_pending(conn, down).retrying == 1  # an attempt
            assert conn.execute("SHOW synchronous_commit").fetchone()[0] == "off"  # the session keeps its own
        assert [r[0] for r in db.execute("SELECT mode FROM public.commit_modes")] == ["on", "on"]
    finally:
        db.execute("DROP TRIGGER note_commit_mode ON newswatch.alerts")
        db.execute("DROP FUNCTION public.note_commit_mode()")
        db.execute("DROP TABLE public.commit_modes")


def _eight_changes(db) -> None:  # type: ignore[no-untyped-def]
    sources = ["NIS", "Ukraine", "United States", "NATO"]
    for i, source in enumerate(sources):
        add_article(db, f"{source} said {1000 + i:,} North Korean soldiers had been killed.", "2025-01-10")
        add_article(db, f"{source} said {2000 + i:,} North Korean soldiers had been killed.", "2025-02-10")


def test_changes_recorded_while_alerting_was_off_go_out_as_one_email_when_it_is_back(db, smtp, monkeypatch):
    from newswatch.alerts import unalerted
    from newswatch.config import parse_config as parse

    _eight_changes(db)
    detect(db, parse({}))  # no [alerts]: nothing can be queued
    changes = db.execute("SELECT count(*) FROM newswatch.figure_changes").fetchone()[0]
    assert changes == 8 and db.execute("SELECT count(*) FROM newswatch.alerts").fetchone()[0] == 0
    line = unalerted.summary(db)
    assert line is not None and line.startswith(
        "8 figure change(s) recorded while alerting was off (no [alerts] smtp_host configured)"
    )

    monkeypatch.setattr("newswatch.settings.UNALERTED_MAX_LISTED", 5)
    config = alert_config(smtp.port)
    assert send_pending(db, config).sent == 1
    assert send_pending(db, config, retry_now=True).sent == 0
    (msg,) = smtp.mailbox.messages
    assert msg["Subject"] == "[newswatch] 8 figure changes recorded while alerting was off"
    text = parts(msg)["text/plain"].get_content()  # type: ignore[attr-defined]
    assert "no [alerts] smtp_host configured" in text
    assert text.count("\n  - ") == 5 and "... and 3 more: newswatch changes --since" in text
    assert "NK troops in Russia, killed: 2,003 (NATO), was 1,003" in text
    assert unalerted.summary(db) is None
    row = db.execute("SELECT kind, cardinality(change_ids) FROM newswatch.alerts").fetchone()
    assert row == ("changes", 8)


def test_alerts_command_lists_changes_waiting_for_alerting(db, database_url, tmp_path, capsys):
    from newswatch.cli import main
    from newswatch.config import parse_config as parse

    _eight_changes(db)
    detect(db, parse({}))
    path = tmp_path / "c.toml"
    path.write_text(f"[database]\nurl = {database_url!r}\n")
    assert main(["alerts", "--config", str(path)]) == 0
    out = capsys.readouterr().out
    assert "8 figure change(s) recorded while alerting was off (no [alerts] smtp_host configured)" in out
