"""The dead man's switch and freshness: a loopback HTTP server receives one heartbeat per completed cycle
and none after failed stages; a hung or failing heartbeat server neither fails nor holds the cycle; the
URL never shows in logs or errors; cycles are recorded; a digest after a stale last cycle says STALE."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from zoneinfo import ZoneInfo

import pytest

from newswatch.alerts.digest import build_digest, queue_digest
from newswatch.config import Config, parse_config
from newswatch.errors import ConfigError
from newswatch.pipeline import run_cycle
from tests.conftest import make_config
from tests.smtpserver import free_port
from tests.test_figure_changes import add_article

SECRET = "d1f0c3a4-5e6b-4c7d-8e9f-0a1b2c3d4e5f"


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """Set at teardown: lets a deliberately hung handler go."""
    event = threading.Event()
    yield event
    event.set()


def beat_config(database_url: str, url: str, timeout: float = 2.0) -> Config:
    return make_config(
        database_url, None, [], alerts={"heartbeat_url": url, "heartbeat_timeout_seconds": timeout}
    )


def test_one_heartbeat_per_completed_cycle_and_none_after_failed_stages(db, database_url, web):
    url = web.add(f"/ping/{SECRET}", "OK", "text/plain")
    config = beat_config(database_url, url)
    for _ in range(2):
        assert run_cycle(config, conn=db).heartbeat == "ok"
    assert web.hits(f"/ping/{SECRET}") == 2

    db.execute("ALTER TABLE newswatch.figures RENAME TO figures_gone")  # a broken stage, for real
    try:
        failed = run_cycle(config, conn=db)
    finally:
        db.execute("ALTER TABLE newswatch.figures_gone RENAME TO figures")
    assert failed.failed_stages and failed.heartbeat is None
    assert web.hits(f"/ping/{SECRET}") == 2

    assert run_cycle(config, conn=db).heartbeat == "ok"
    assert web.hits(f"/ping/{SECRET}") == 3
    cycles = db.execute(
        "SELECT runner, completed, failed_stages FROM newswatch.cycles ORDER BY id"
    ).fetchall()
    assert [c[:2] for c in cycles] == [("newswatch run", True)] * 2 + [("newswatch run", False)] + [
        ("newswatch run", True)
    ]
    assert cycles[2][2] == list(failed.failed_stages)


def test_a_hung_heartbeat_server_never_holds_the_cycle_past_its_timeout(db, database_url, web, release):
    def hang(req: BaseHTTPRequestHandler) -> None:
        release.wait(60)

    def trickle(req: BaseHTTPRequestHandler) -> None:  # answers, but one byte at a time, forever
        req.send_response(200)
        req.send_header("Content-Length", "100000")
        req.end_headers()
        while not release.wait(0.1):
            req.wfile.write(b".")
            req.wfile.flush()

    start = time.monotonic()
    run_cycle(make_config(database_url, None, []), conn=db)
    baseline = time.monotonic() - start  # the same cycle without a heartbeat
    for path, handler in (("/hang", hang), ("/trickle", trickle)):
        config = beat_config(database_url, web.add_handler(f"{path}/{SECRET}", handler), timeout=0.5)
        start = time.monotonic()
        report = run_cycle(config, conn=db)
        elapsed = time.monotonic() - start
        assert report.heartbeat == "failed: no answer within 0.5 s" and not report.failed_stages
        assert elapsed < baseline + 0.5 + 1.5, (
            f"{path}: {elapsed:.1f} s, {baseline:.1f} s without a heartbeat"
        )
        assert web.hits(f"{path}/{SECRET}") == 1


def test_a_failing_heartbeat_server_never_fails_the_cycle_nor_shows_the_url(db, database_url, web, caplog):
    caplog.set_level(logging.DEBUG)
    failing = web.add(f"/ping/{SECRET}", "down", "text/plain", status=500)
    refused = f"http://127.0.0.1:{free_port()}/ping/{SECRET}"
    for url, outcome in ((failing, "failed: HTTP 500"), (refused, "failed: ConnectionRefusedError")):
        report = run_cycle(beat_config(database_url, url), conn=db)
        assert not report.failed_stages and report.heartbeat is not None
        assert report.heartbeat.startswith(outcome)
        assert f"Heartbeat {report.heartbeat}." in report.summary()
        assert SECRET not in report.summary()
    assert "heartbeat ping failed: HTTP 500" in caplog.text
    assert SECRET not in caplog.text


def test_the_heartbeat_url_stays_out_of_config_errors_and_reprs():
    config = parse_config({"alerts": {"heartbeat_url": f"https://hc-ping.com/{SECRET}"}})
    assert SECRET not in repr(config)
    with pytest.raises(ConfigError) as caught:
        parse_config({"alerts": {"heartbeat_url": f"hc-ping.com/{SECRET}"}})
    assert "heartbeat_url must be an absolute http(s) URL" in str(caught.value)
    assert SECRET not in str(caught.value)


def test_without_a_heartbeat_url_nothing_is_pinged(db, database_url):
    report = run_cycle(make_config(database_url, None, []), conn=db)
    assert report.heartbeat is None and not report.failed_stages


def ended(db, ago: timedelta, failed_stages: list[str]) -> None:  # type: ignore[no-untyped-def]
    """A cycle that ended `ago`."""
    db.execute(
        "INSERT INTO newswatch.cycles (runner, started_at, finished_at, failed_stages) "
        "VALUES ('newswatch run', now() - %s - interval '1 minute', now() - %s, %s)",
        (ago, ago, failed_stages),
    )


def test_a_digest_after_a_stale_last_cycle_says_stale(db):
    config = parse_config({"poll": {"interval_minutes": 15}})
    ended(db, timedelta(hours=2, minutes=1), [])
    ended(db, timedelta(minutes=5), ["poll"])  # stages failed: not a completed cycle
    now = datetime.now(UTC)
    stale = build_digest(db, config, now - timedelta(days=1), now)
    assert stale.subject.startswith("[newswatch] STALE: no completed cycle for 2.0 hours; Daily digest ")
    assert "STALE: no cycle has completed for more than 3 polling intervals (15 minutes each)" in stale.text
    assert "STALE" in stale.html

    ended(db, timedelta(minutes=20), [])
    fresh = build_digest(db, config, now - timedelta(days=1), now)
    assert fresh.subject.startswith("[newswatch] Daily digest ") and "STALE" not in fresh.text
    assert "Last completed cycle: " in fresh.text and "(20 minutes before this digest)" in fresh.text


def test_a_digest_with_no_cycle_ever_is_stale_and_reports_the_last_article(db):
    config = parse_config({})
    add_article(db, "A story about North Korea.", "2025-01-10")
    db.execute("UPDATE newswatch.articles SET first_seen_at = now() - interval '3 hours'")
    digest = build_digest(db, config, datetime.now(UTC) - timedelta(days=1), datetime.now(UTC))
    assert digest.subject.startswith("[newswatch] STALE: no completed cycle recorded; Daily digest")
    assert "Last completed cycle: never" in digest.text
    assert "Last new article: " in digest.text and "(3.0 hours before this digest)" in digest.text


def test_the_digest_labels_its_window_in_its_own_time_zone(db):
    config = parse_config({})
    since, until = datetime(2026, 1, 2, 7, tzinfo=UTC), datetime(2026, 1, 3, 7, tzinfo=UTC)
    seoul = build_digest(db, config, since, until, ZoneInfo("Asia/Seoul"))
    assert "2026-01-02 16:00 KST to 2026-01-03 16:00 KST (Asia/Seoul)" in seoul.text
    utc = build_digest(db, config, since, until)
    assert "2026-01-02 07:00 UTC to 2026-01-03 07:00 UTC\n" in utc.text


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The worker's local time zone is not UTC."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_default_window_is_utc_and_labelled_so_whatever_the_local_time_zone(db, new_york):
    config = parse_config({"alerts": {"smtp_host": "127.0.0.1", "recipients": ["a@example.org"]}})
    before = datetime.now(UTC)
    digest, alert_id = queue_digest(db, config)
    window = digest.text.splitlines()[1]
    until = datetime.strptime(window.split(" to ")[1], "%Y-%m-%d %H:%M UTC").replace(tzinfo=UTC)
    assert abs(until - before) < timedelta(minutes=2), window
    assert alert_id is not None


def test_rerunning_the_digest_for_the_same_interval_queues_nothing_new(db):
    config = parse_config({"alerts": {"smtp_host": "127.0.0.1", "recipients": ["a@example.org"]}})
    since, until = datetime(2026, 1, 2, 7, tzinfo=UTC), datetime(2026, 1, 3, 7, tzinfo=UTC)
    assert queue_digest(db, config, since, until)[1] is not None
    assert queue_digest(db, config, since, until)[1] is None
    key = db.execute("SELECT dedupe_key FROM newswatch.alerts").fetchone()[0]
    assert key == "digest:2026-01-02T07:00Z:2026-01-03T07:00Z"


def test_the_digest_dag_uses_its_data_interval_and_a_rerun_queues_nothing(
    airflow_db, db, database_url, tmp_path, monkeypatch
):
    from tests.smtpserver import SMTPServer
    from tests.test_dags import load_dag

    with SMTPServer() as smtp:
        path = tmp_path / "c.toml"
        path.write_text(
            f'feeds = []\n[alerts]\nsmtp_host = "127.0.0.1"\nsmtp_port = {smtp.port}\nsecurity = "none"\n'
            'recipients = ["ops@example.org"]\n'
        )
        monkeypatch.setenv("NEWSWATCH_CONFIG", str(path))
        monkeypatch.setenv("NEWSWATCH_DATABASE_URL", database_url)
        dag = load_dag("newswatch_digest")
        scheduled = datetime(2026, 3, 2, 7, tzinfo=UTC)
        assert dag.test(logical_date=scheduled).state == "success"
        assert dag.test(logical_date=scheduled).state == "success"  # re-run: nothing new
        (msg,) = smtp.mailbox.messages
    body = msg.get_body(("plain",))
    assert body is not None
    assert "2026-03-01 07:00 UTC to 2026-03-02 07:00 UTC" in body.get_content()  # type: ignore[attr-defined]
    keys = [r[0] for r in db.execute("SELECT dedupe_key FROM newswatch.alerts")]
    assert keys == ["digest:2026-03-01T07:00Z:2026-03-02T07:00Z"]
