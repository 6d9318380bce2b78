"""When the warehouse itself is unreachable: the operators are emailed directly over SMTP (a real aiosmtpd
server on loopback), once an hour per kind of failure; when it is back (a real PostgreSQL), what was sent
is recorded in the outbox and the recovery notice goes out through it. From run_cycle, from `newswatch
run` under cron, and from Airflow tasks (dag.test())."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import psycopg
import pytest

from newswatch.config import Config, parse_config
from newswatch.errors import WarehouseUnreachable
from newswatch.pipeline import run_cycle
from tests import content
from tests.smtpserver import SMTPServer, free_port
from tests.test_cli import _run, _write_config

DOWN_SUBJECT = "[newswatch] warehouse unreachable: the database is down or cannot be reached"
BACK_SUBJECT = "[newswatch] warehouse reachable again"


@pytest.fixture
def smtp():
    with SMTPServer() as server:
        yield server


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The data directory, where the direct path remembers what it sent."""
    path = tmp_path / "data"
    monkeypatch.setenv("NEWSWATCH_DATA_DIR", str(path))
    return path


def configs(database_url: str, smtp_port: int, **sections: dict) -> tuple[Config, Config]:  # type: ignore[type-arg]
    """The same config twice: with the warehouse, and with nothing listening where it should be."""
    raw = {
        "database": {"url": database_url},
        "feeds": [],
        "alerts": {
            "smtp_host": "127.0.0.1",
            "smtp_port": smtp_port,
            "security": "none",
            "sender": "newswatch@example.org",
            "recipients": ["ops@example.org"],
            "timeout_seconds": 5,
        },
    }
    for key, values in sections.items():
        raw.setdefault(key, {}).update(values)  # type: ignore[attr-defined]
    up = parse_config(raw)
    closed = psycopg.conninfo.make_conninfo(database_url, host="127.0.0.1", port=str(free_port()))
    return up, replace(up, database=replace(up.database, url=closed))


def subjects(smtp: SMTPServer) -> list[str]:
    return [str(m["Subject"]) for m in smtp.mailbox.messages]


def text_of(smtp: SMTPServer, i: int) -> str:
    body = smtp.mailbox.messages[i].get_body(("plain",))
    assert body is not None
    return str(body.get_content())  # type: ignore[attr-defined]


def assert_recorded_after_recovery(db: psycopg.Connection, direct_emails: int) -> None:
    rows = db.execute(
        "SELECT kind, status, subject FROM newswatch.alerts WHERE kind IN ('direct', 'recovery') ORDER BY id"
    ).fetchall()
    assert rows == [("direct", "sent", DOWN_SUBJECT)] * direct_emails + [("recovery", "sent", BACK_SUBJECT)]
    incident = db.execute(
        "SELECT kind, target, closed_at IS NOT NULL, alert_id IS NOT NULL, recovery_alert_id IS NOT NULL "
        "FROM newswatch.health_incidents"
    ).fetchall()
    assert incident == [("warehouse_unreachable", "down", True, True, True)]


def test_an_unreachable_warehouse_emails_once_an_hour_and_recovers_through_the_outbox(
    db, database_url, smtp, data_dir
):
    up, down = configs(database_url, smtp.port)
    with pytest.raises(WarehouseUnreachable) as first:
        run_cycle(down)
    with pytest.raises(WarehouseUnreachable) as second:
        run_cycle(down)
    assert subjects(smtp) == [DOWN_SUBJECT]
    assert str(first.value).endswith("; the operators were emailed directly")
    assert "(at most once an hour)" in str(second.value)
    text = text_of(smtp, 0)
    assert "Since:    " in text and "(1 failure(s) so far)" in text and "Where:    newswatch run on " in text
    assert "Error:    cannot connect to the database at postgres@127.0.0.1:" in text

    # An hour later it is still down: one reminder, saying since when.
    state_file = data_dir / "direct-alerts.json"
    state = json.loads(state_file.read_text())
    state["down"]["last_sent_at"] = (datetime.now(UTC) - timedelta(minutes=61)).isoformat()
    state_file.write_text(json.dumps(state))
    with pytest.raises(WarehouseUnreachable):
        run_cycle(down)
    assert subjects(smtp) == [DOWN_SUBJECT, DOWN_SUBJECT.replace("unreachable", "still unreachable")]
    assert "(3 failure(s) so far)" in text_of(smtp, 1)

    report = run_cycle(up)  # the warehouse is back
    assert not report.failed_stages
    assert subjects(smtp)[2:] == [BACK_SUBJECT]
    assert "2 email(s) about it went out directly" in text_of(smtp, 2)
    assert not state_file.exists()
    rows = db.execute("SELECT kind, status FROM newswatch.alerts WHERE kind = 'direct'").fetchall()
    assert rows == [("direct", "sent"), ("direct", "sent")]
    run_cycle(up)
    assert len(smtp.mailbox.messages) == 3  # settled once, not again


def test_each_kind_of_failure_has_its_own_hourly_email(database_url, smtp, data_dir):
    up, down = configs(database_url, smtp.port)
    refused = replace(
        up,
        database=replace(
            up.database, url=psycopg.conninfo.make_conninfo(database_url, user="nw_no_such_role")
        ),
    )
    for config in (refused, down, refused, down):
        with pytest.raises(WarehouseUnreachable):
            run_cycle(config)
    assert subjects(smtp) == [
        "[newswatch] warehouse unreachable: the database refuses newswatch's login",
        DOWN_SUBJECT,
    ]
    assert 'role "nw_no_such_role" does not exist' in text_of(smtp, 0)
    assert "Was the password changed" in text_of(smtp, 0)


def test_losing_the_warehouse_during_a_run_takes_the_direct_path(db, database_url, smtp, data_dir, web):
    def cut_the_warehouse_then_answer(req: BaseHTTPRequestHandler) -> None:
        with psycopg.connect(database_url, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                "AND application_name = 'newswatch' AND pid <> pg_backend_pid()"
            )
        body = content.rss([{"title": "t", "link": web.url("/a.html"), "guid": "1"}])
        req.send_response(200)
        req.send_header("Content-Type", "application/rss+xml")
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)

    web.add_handler("/feed.xml", cut_the_warehouse_then_answer)
    up, _ = configs(
        database_url,
        smtp.port,
        http={"allow_hosts": [web.host_port], "timeout_seconds": 5},
        extract={"processes": 1},
    )
    up = replace(up, feeds=parse_config({"feeds": [{"name": "Wire", "url": web.url("/feed.xml")}]}).feeds)
    with pytest.raises(
        WarehouseUnreachable, match="lost the connection to the warehouse during the poll stage"
    ):
        run_cycle(up, force=True)
    assert subjects(smtp) == [DOWN_SUBJECT]
    assert "terminating connection" in text_of(smtp, 0) or "server closed the connection" in text_of(smtp, 0)

    web.add("/feed.xml", content.rss([]))
    run_cycle(up, force=True)  # back: the recovery notice goes through the outbox
    assert subjects(smtp) == [DOWN_SUBJECT, BACK_SUBJECT]
    assert_recorded_after_recovery(db, 1)


def test_newswatch_run_under_cron_exits_with_one_line_and_emails_directly(tmp_path, smtp):
    smtp_section = (
        f'[alerts]\nsmtp_host = "127.0.0.1"\nsmtp_port = {smtp.port}\nsecurity = "none"\n'
        'recipients = ["ops@example.org"]\n'
    )
    config = _write_config(
        tmp_path, f"postgresql://postgres@127.0.0.1:{free_port()}/newswatch", None, [], smtp_section
    )
    env = {"NEWSWATCH_DATA_DIR": str(tmp_path / "data")}
    results = [_run("run", "--quiet", "--config", str(config), env=env, timeout=60) for _ in range(2)]
    for result in results:
        assert result.returncode == 1
        assert result.stderr.startswith(
            "newswatch: error: cannot connect to the database at postgres@127.0.0.1:"
        )
        assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr
    assert results[0].stderr.strip().endswith("; the operators were emailed directly")
    assert "at most once an hour" in results[1].stderr
    assert subjects(smtp) == [DOWN_SUBJECT]


def test_without_alerts_configured_nothing_is_sent_or_remembered(database_url, data_dir, smtp):
    _, down = configs(database_url, smtp.port)
    down = replace(down, alerts=replace(down.alerts, smtp_host=None))
    with pytest.raises(WarehouseUnreachable) as caught:
        run_cycle(down)
    assert str(caught.value).endswith("check [database] url or NEWSWATCH_DATABASE_URL")
    assert not data_dir.exists() and smtp.mailbox.envelopes == []


def test_the_mail_server_down_too_is_said_in_the_one_line(database_url, data_dir):
    _, down = configs(database_url, free_port())  # nothing listens for SMTP either
    with pytest.raises(WarehouseUnreachable, match="emailing the operators directly failed too: "):
        run_cycle(down)
    with pytest.raises(
        WarehouseUnreachable, match="emailing the operators directly failed at .* retrying later"
    ):
        run_cycle(down)


def test_an_airflow_task_run_emails_once_and_the_next_good_run_recovers_through_the_outbox(
    airflow_db, db, database_url, data_dir, smtp, tmp_path, monkeypatch, web
):
    from airflow.models import Variable

    from newswatch import orchestration
    from tests.test_dags import load_dag, without_retries

    hits = []

    def heartbeat(req: BaseHTTPRequestHandler) -> None:
        hits.append(req.path)
        req.send_response(200)
        req.send_header("Content-Length", "0")
        req.end_headers()

    web.add_handler("/ping/secret-token", heartbeat)
    path = tmp_path / "airflow.toml"
    path.write_text(
        f'feeds = []\n[alerts]\nsmtp_host = "127.0.0.1"\nsmtp_port = {smtp.port}\nsecurity = "none"\n'
        f'recipients = ["ops@example.org"]\nheartbeat_url = "{web.url("/ping/secret-token")}"\n'
    )
    monkeypatch.setenv("NEWSWATCH_CONFIG", str(path))
    monkeypatch.setenv("NEWSWATCH_SHARDS", "2")  # two poll shards failing at once are enough
    closed = f"postgresql://postgres@127.0.0.1:{free_port()}/newswatch"
    dag = without_retries(load_dag("newswatch_poll"))  # dag.test() would wait out each retry
    try:
        monkeypatch.setenv("NEWSWATCH_DATABASE_URL", closed)
        assert dag.test().state == "failed"
        assert subjects(smtp) == [DOWN_SUBJECT]  # both poll shards and every later task: one email
        assert "Where:    Airflow task newswatch_poll." in text_of(smtp, 0)
        assert json.loads(Variable.get(orchestration.DIRECT_STATE_VARIABLE))["down"]["sent_count"] == 1
        assert dag.test().state == "failed"
        assert subjects(smtp) == [DOWN_SUBJECT]  # within the hour: none
        assert hits == []  # failed runs never ping the heartbeat

        monkeypatch.setenv("NEWSWATCH_DATABASE_URL", database_url)
        assert dag.test().state == "success"
        assert subjects(smtp) == [DOWN_SUBJECT, BACK_SUBJECT]
        assert_recorded_after_recovery(db, 1)
        assert Variable.get(orchestration.DIRECT_STATE_VARIABLE, default_var=None) is None
        assert len(hits) == 1  # the good run pinged once
        assert db.execute("SELECT runner, completed FROM newswatch.cycles").fetchall() == [("airflow", True)]
    finally:
        Variable.delete(orchestration.DIRECT_STATE_VARIABLE)
