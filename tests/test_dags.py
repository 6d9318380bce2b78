"""The Airflow DAGs, run for real with dag.test() against a migrated metadata database, real PostgreSQL,
loopback HTTP and a real SMTP server: integrity (imports, retries, timeouts that add up, no top-level I/O),
a poll run end to end, one failed shard that blocks nothing else and fails the run, incidents per map
index, cleared runs and retried tasks that duplicate nothing, configuration that is defined but unreadable,
the digest over the run's data interval, maintenance, the late-run deadline, and the task logs."""

from __future__ import annotations

import importlib.util
import itertools
import logging
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from newswatch import orchestration as nw
from newswatch import settings
from newswatch.errors import ConfigError, DatabaseError
from tests import content
from tests.conftest import REPO
from tests.smtpserver import SMTPServer
from tests.webserver import WebServer

DAG_FILES = sorted((REPO / "dags").glob("*.py"))
POLL_TASKS = ["poll", "fetch", "dedupe", "figures", "changes", "feed_health", "send_alerts", "report_health"]


def load_dag(name: str):  # type: ignore[no-untyped-def]
    """Parse one DAG file afresh (it reads NEWSWATCH_SHARDS and friends from the environment), for
    dag.test(). Airflow 3.3's dag.test() cannot finish a successful run of a DAG with a Deadline Alert
    (it looks the alert up by its serialized dict instead of its id; the scheduler, which loads the DAG
    from the database, is not affected), so the deadline is checked on the parsed DagBag instead."""
    path = REPO / "dags" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    dag = getattr(module, name)()
    assert dag.deadline and dag.deadline[0].callback.path == "newswatch.orchestration.run_late"
    dag.deadline = None
    return dag


def dagbag():  # type: ignore[no-untyped-def]
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(REPO / "dags"))


def states_of(run) -> dict[tuple[str, int], str]:  # type: ignore[no-untyped-def]
    return {(ti.task_id, ti.map_index): str(ti.state) for ti in run.get_task_instances()}


def without_retries(dag):  # type: ignore[no-untyped-def]
    for t in dag.tasks:
        t.retries = 0
    return dag


class Stuck:
    """A feed that hangs (answers after `delay` seconds) while `stuck` is true, or for its first
    `times` requests; later ones are answered at once."""

    def __init__(self, body: bytes, delay: float = 5, times: int | None = None) -> None:
        self.body, self.delay, self.calls = body, delay, itertools.count()
        self.stuck = times is None
        self.times = times or 0

    def __call__(self, req: BaseHTTPRequestHandler) -> None:
        if self.stuck or next(self.calls) < self.times:
            time.sleep(self.delay)
        req.send_response(200)
        req.send_header("Content-Type", "application/rss+xml")
        req.send_header("Content-Length", str(len(self.body)))
        req.end_headers()
        req.wfile.write(self.body)


def with_short_poll_timeout(dag):  # type: ignore[no-untyped-def]
    """A poll task timeout of a few seconds, for the hung feed; the modules a shard imports are imported
    here first, so that no shard spends its seconds importing them on a busy machine."""
    import newswatch.ingest.articles
    import newswatch.ingest.poll  # noqa: F401

    dag.get_task("poll").execution_timeout = timedelta(seconds=3)
    return dag


def subjects(smtp: SMTPServer) -> list[str]:
    return [str(m["Subject"]) for m in smtp.mailbox.messages]


# --- integrity ------------------------------------------------------------------------------------------


def test_every_dag_file_imports_and_defines_the_expected_dags(airflow_db):
    bag = dagbag()
    assert bag.import_errors == {}
    assert set(bag.dag_ids) == {"newswatch_poll", "newswatch_digest", "newswatch_maintenance"}
    assert len(DAG_FILES) == 3


def test_timeouts_add_up_and_every_run_ends_in_report_health(airflow_db):
    """Each task's whole retry envelope ends before the run counts as late; a killed task's claims
    expire before its retry; no run timeout skips tasks silently; no per-task callbacks."""
    bag = dagbag()
    for dag_id in bag.dag_ids:
        dag = bag.get_dag(dag_id)
        assert "newswatch" in dag.tags and not dag.catchup and dag.max_active_runs == 1
        assert dag.dagrun_timeout is None, f"{dag_id} has a run timeout"
        [deadline] = dag.deadline
        assert (
            deadline.interval == nw.RUN_LATE and deadline.callback.path == "newswatch.orchestration.run_late"
        )
        for t in dag.tasks:
            assert t.retries >= 1 and t.retry_exponential_backoff > 1, f"{dag_id}.{t.task_id}"
            assert t.execution_timeout < timedelta(minutes=settings.CLAIM_LEASE_MINUTES), t.task_id
            waits = sum(
                (
                    min(t.max_retry_delay, t.retry_delay * t.retry_exponential_backoff**i * 2)
                    for i in range(t.retries)
                ),
                timedelta(0),
            )  # each wait grows by the multiplier, plus up to as much again of jitter, capped
            assert (t.retries + 1) * t.execution_timeout + waits < nw.RUN_LATE, f"{dag_id}.{t.task_id}"
            assert not t.on_failure_callback and not t.on_success_callback, f"{dag_id}.{t.task_id}"
        report = dag.get_task("report_health")
        assert report.trigger_rule == "all_done" and not report.downstream_list
        assert report.get_flat_relative_ids(upstream=True) == set(dag.task_ids) - {"report_health"}


def test_poll_dag_shape(airflow_db):
    dag = dagbag().get_dag("newswatch_poll")
    assert dag.schedule == timedelta(minutes=15)
    assert set(dag.task_ids) == set(POLL_TASKS)
    assert dag.get_task("poll").pool == dag.get_task("fetch").pool == nw.NETWORK_POOL
    assert (
        dag.get_task("poll").execution_timeout
        == dag.get_task("fetch").execution_timeout
        == nw.NETWORK_TIMEOUT
    )
    for later in POLL_TASKS[1:]:
        assert dag.get_task(later).trigger_rule == "all_done", later
    assert {t.task_id for t in dag.get_task("send_alerts").upstream_list} == {"feed_health"}


def test_dag_files_do_no_io_at_import():
    """Import each DAG file with every socket connection refused: parsing must not need the network or DB."""
    code = (
        "import socket, sys, importlib.util\n"
        "def refuse(*a, **k): raise RuntimeError('top-level I/O: ' + repr(a))\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "for path in sys.argv[1:]:\n"
        "    spec = importlib.util.spec_from_file_location('m', path)\n"
        "    module = importlib.util.module_from_spec(spec)\n"
        "    spec.loader.exec_module(module)\n"
        "print('ok')\n"
    )
    env = {**os.environ, "NEWSWATCH_DATABASE_URL": "postgresql://nobody@10.255.255.1:1/none"}
    result = subprocess.run(
        [sys.executable, "-c", code, *map(str, DAG_FILES)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-3000:]


@pytest.mark.parametrize("dag_file", DAG_FILES, ids=lambda p: p.stem)
def test_each_dag_file_is_a_table_of_contents(dag_file: Path):
    """DAG files only wire calls into the library: no SQL, no HTTP, no loops of logic."""
    source = dag_file.read_text()
    for forbidden in ("psycopg", "requests", "SELECT ", "INSERT ", "for ", "while "):
        assert forbidden not in source, f"{dag_file.name} contains {forbidden!r}"


# --- the poll DAG ------------------------------------------------------------------------------------------


def _config_text(hosts: list[str], smtp_port: int, feeds: list[tuple[str, str]]) -> str:
    allow = ", ".join(f'"{h}"' for h in hosts)
    return (
        f"[http]\nallow_hosts = [{allow}]\ntimeout_seconds = 10\n[extract]\nprocesses = 1\n"
        f'[alerts]\nsmtp_host = "127.0.0.1"\nsmtp_port = {smtp_port}\nsecurity = "none"\n'
        'recipients = ["analyst@example.org"]\n'
        + "".join(f'[[feeds]]\nname = "{name}"\nurl = "{url}"\n' for name, url in feeds)
    )


@pytest.fixture
def smtp() -> Iterator[SMTPServer]:
    with SMTPServer() as server:
        yield server


@pytest.fixture
def nis_pages(web):  # type: ignore[no-untyped-def]
    """Two relevant pages: North Korean troops, and an NIS casualty estimate."""
    nk = web.add("/nk.html", content.page("North Korea sends troops", content.NK_TROOPS), "text/html")
    report = "South Korea's spy agency said more than 3,000 North Korean soldiers had been killed or wounded in Kursk."
    ru = web.add(
        "/nis.html", content.page("NIS: casualties top 3,000", [report, *content.RUSSIA_ECONOMY]), "text/html"
    )
    return nk, ru


def test_poll_dag_runs_end_to_end_and_a_second_run_adds_nothing(
    airflow_db, db, database_url, web, smtp, nis_pages, tmp_path, monkeypatch
):
    nk, ru = nis_pages
    web.add(
        "/feed.xml",
        content.rss([{"title": "a", "link": nk, "guid": "1"}, {"title": "b", "link": ru, "guid": "2"}]),
        etag=True,
    )
    path = tmp_path / "newswatch.toml"
    path.write_text(_config_text([web.host_port], smtp.port, [("Korea Wire", web.url("/feed.xml"))]))
    monkeypatch.setenv("NEWSWATCH_CONFIG", str(path))
    monkeypatch.setenv("NEWSWATCH_DATABASE_URL", database_url)
    dag = load_dag("newswatch_poll")
    first = dag.test()
    assert first.state == "success", states_of(first)
    articles = db.execute("SELECT count(*) FROM newswatch.articles").fetchone()[0]
    changes = db.execute("SELECT count(*) FROM newswatch.figure_changes").fetchone()[0]
    assert articles == 2 and changes >= 2
    assert len(smtp.mailbox.envelopes) == changes  # one email per change (fewer than the batch threshold)
    second = dag.test()
    assert second.state == "success"
    assert db.execute("SELECT count(*) FROM newswatch.articles").fetchone()[0] == articles
    assert db.execute("SELECT count(*) FROM newswatch.figure_changes").fetchone()[0] == changes
    assert len(smtp.mailbox.envelopes) == changes
    assert web.hits("/nk.html") == 1
    assert db.execute("SELECT count(*) FROM newswatch.health_incidents").fetchone()[0] == 0


def test_a_failed_shard_blocks_nothing_fails_the_run_and_is_its_own_incident(
    airflow_db, db, database_url, web, smtp, nis_pages, tmp_path, monkeypatch, request
):
    """Two feed shards; the feed on shard 0 hangs past the poll task's timeout for two runs. Shard 1's
    article still goes through every later stage and is alerted; the run is failed; one incident for
    poll[0] opens once (a cleared run repeats nothing), shard 1's success never closes it, and it closes
    with one recovery notice when shard 0 works again."""
    nk, ru = nis_pages
    # Feeds are sharded by host: with 2 shards, 127.0.0.2 lands on shard 0 and 127.0.0.1 on shard 1
    # ((hashtext(host) & 2147483647) % 2, checked below).
    other = WebServer(host="127.0.0.2").__enter__()
    request.addfinalizer(lambda: other.__exit__(None, None, None))
    shard_of = dict(
        db.execute(
            "SELECT h, (hashtext(h) & 2147483647) % 2 FROM unnest(ARRAY['127.0.0.1', '127.0.0.2']) h"
        ).fetchall()
    )
    assert shard_of == {"127.0.0.1": 1, "127.0.0.2": 0}
    fast = web.add("/fast.xml", content.rss([{"title": "a", "link": nk, "guid": "1"}]))
    hang = Stuck(content.rss([{"title": "b", "link": ru, "guid": "2"}]))
    stuck = other.add_handler("/stuck.xml", hang)
    path = tmp_path / "newswatch.toml"
    path.write_text(
        _config_text(
            [web.host_port, other.host_port], smtp.port, [("Fast Wire", fast), ("Stuck Wire", stuck)]
        )
    )
    monkeypatch.setenv("NEWSWATCH_CONFIG", str(path))
    monkeypatch.setenv("NEWSWATCH_DATABASE_URL", database_url)
    monkeypatch.setenv("NEWSWATCH_SHARDS", "2")
    dag = with_short_poll_timeout(without_retries(load_dag("newswatch_poll")))

    first = dag.test()
    states = states_of(first)
    assert first.state == "failed"
    assert states.pop(("poll", 0)) == "failed" and states.pop(("poll", 1)) == "success"
    assert states.pop(("report_health", -1)) == "failed"
    assert set(states.values()) == {"success"}, states  # fetch, dedupe, figures, changes, feed health, alerts
    assert db.execute("SELECT url FROM newswatch.articles").fetchall() == [(nk,)]
    changes = db.execute("SELECT count(*) FROM newswatch.figure_changes").fetchone()[0]
    failure = "[newswatch] stage failed: airflow:newswatch_poll.poll[0]"
    assert changes >= 1 and sorted(subjects(smtp)).count(failure) == 1
    assert len(smtp.mailbox.envelopes) == changes + 1

    again = {"logical_date": first.logical_date, "run_after": first.run_after}
    cleared = dag.test(**again)  # the same run (same run_id), every task run again
    assert cleared.run_id == first.run_id and cleared.state == "failed"
    assert len(smtp.mailbox.envelopes) == changes + 1  # still stuck: no second failure email

    hang.stuck = False
    healed = dag.test(**again)
    assert healed.state == "success", states_of(healed)
    recovery = "[newswatch] stage recovered: airflow:newswatch_poll.poll[0]"
    mail = subjects(smtp)
    assert (
        mail.count(failure) == 1 and mail.count(recovery) == 1 and mail.index(failure) < mail.index(recovery)
    )
    assert [s for s in mail if "stage" in s] == [failure, recovery]  # shard 1 never opened or closed anything
    assert db.execute(
        "SELECT count(*), count(DISTINCT canonical_url) FROM newswatch.articles"
    ).fetchone() == (2, 2)
    total = db.execute("SELECT count(*) FROM newswatch.figure_changes").fetchone()[0]
    assert len(smtp.mailbox.envelopes) == total + 2  # each change emailed once, plus failure and recovery
    incidents = db.execute("SELECT target, closed_at IS NOT NULL FROM newswatch.health_incidents").fetchall()
    assert incidents == [("airflow:newswatch_poll.poll[0]", True)]


def test_a_retried_task_that_then_succeeds_duplicates_nothing_and_alerts_nobody(
    airflow_db, db, database_url, web, smtp, nis_pages, tmp_path, monkeypatch
):
    nk, ru = nis_pages
    feed = web.add_handler(
        "/feed.xml",
        Stuck(
            content.rss([{"title": "a", "link": nk, "guid": "1"}, {"title": "b", "link": ru, "guid": "2"}]),
            times=1,
        ),
    )
    path = tmp_path / "newswatch.toml"
    path.write_text(_config_text([web.host_port], smtp.port, [("Korea Wire", feed)]))
    monkeypatch.setenv("NEWSWATCH_CONFIG", str(path))
    monkeypatch.setenv("NEWSWATCH_DATABASE_URL", database_url)
    monkeypatch.setenv("NEWSWATCH_SHARDS", "1")
    dag = with_short_poll_timeout(without_retries(load_dag("newswatch_poll")))
    poll = dag.get_task("poll")
    poll.retries, poll.retry_delay = 1, timedelta(0)

    run = dag.test()
    assert run.state == "success", states_of(run)
    [poll_ti] = [ti for ti in run.get_task_instances() if ti.task_id == "poll"]
    assert poll_ti.try_number == 2  # the first try timed out, the retry polled
    assert db.execute(
        "SELECT count(*), count(DISTINCT canonical_url) FROM newswatch.articles"
    ).fetchone() == (2, 2)
    changes = db.execute("SELECT count(*) FROM newswatch.figure_changes").fetchone()[0]
    assert changes >= 2 and len(smtp.mailbox.envelopes) == changes
    assert not any("stage" in s for s in subjects(smtp))
    assert db.execute("SELECT count(*) FROM newswatch.health_incidents").fetchone()[0] == 0


# --- configuration that is defined but cannot be read ---------------------------------------------------

BROKEN = {
    "an SMTP password with a quote pasted into JSON": (
        "AIRFLOW_CONN_NEWSWATCH_SMTP",
        '{"conn_type": "smtp", "host": "127.0.0.1", "port": 25, "password": "pa"ss"}',
        "newswatch_smtp is defined in $AIRFLOW_CONN_NEWSWATCH_SMTP but cannot be read",
    ),
    "an SMTP extra that is not JSON": (
        "AIRFLOW_CONN_NEWSWATCH_SMTP",
        '{"conn_type": "smtp", "host": "127.0.0.1", "extra": "{sender: me}"}',
        "newswatch_smtp has an extra that is not JSON",
    ),
    "SMTP recipients that are not a list": (
        "AIRFLOW_CONN_NEWSWATCH_SMTP",
        '{"conn_type": "smtp", "host": "127.0.0.1", "extra": {"recipients": 7}}',
        "recipients",
    ),
    "a warehouse connection without a host": (
        "AIRFLOW_CONN_NEWSWATCH_DB",
        '{"conn_type": "postgres", "login": "newswatch"}',
        "newswatch_db has no host",
    ),
    "a config Variable that is not TOML": (
        "AIRFLOW_VAR_NEWSWATCH_CONFIG",
        "[alerts\nsmtp_host = ",
        "Variable newswatch_config is not valid TOML",
    ),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_a_defined_but_unreadable_setting_is_an_error_naming_the_fix(case, monkeypatch):
    name, value, message = BROKEN[case]
    monkeypatch.delenv("NEWSWATCH_CONFIG", raising=False)
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=message.replace("$", r"\$").replace("[", r"\[")):
        nw.config()


def test_a_broken_connection_or_variable_fails_the_task_instead_of_silencing_alerts(
    airflow_db, db, database_url, smtp, monkeypatch
):
    monkeypatch.delenv("NEWSWATCH_CONFIG", raising=False)
    monkeypatch.setenv("NEWSWATCH_DATABASE_URL", database_url)
    host = f'"host": "127.0.0.1", "port": {smtp.port}'
    monkeypatch.setenv(
        "AIRFLOW_CONN_NEWSWATCH_SMTP",
        '{"conn_type": "smtp", '
        + host
        + ', "password": "pa"ss", "extra": {"recipients": ["ops@example.org"]}}',
    )
    run = without_retries(load_dag("newswatch_digest")).test()
    assert run.state == "failed" and states_of(run)[("digest", -1)] == "failed"
    assert db.execute("SELECT count(*) FROM newswatch.alerts").fetchone()[0] == 0
    # The same connection written correctly (JSON with the quote escaped) works.
    monkeypatch.setenv(
        "AIRFLOW_CONN_NEWSWATCH_SMTP",
        '{"conn_type": "smtp", '
        + host
        + ', "extra": {"recipients": ["ops@example.org"], "security": "none"}}',
    )
    run = without_retries(load_dag("newswatch_digest")).test()
    assert run.state == "success", states_of(run)
    assert len(smtp.mailbox.envelopes) == 1
    # A config Variable that does not parse fails the task too; it never falls back to the defaults.
    monkeypatch.setenv("AIRFLOW_VAR_NEWSWATCH_CONFIG", '[alerts]\nrecipients = "not closed')
    run = without_retries(load_dag("newswatch_digest")).test(logical_date=datetime(2026, 3, 2, 7, tzinfo=UTC))
    assert run.state == "failed" and states_of(run)[("digest", -1)] == "failed"
    assert len(smtp.mailbox.envelopes) == 1


def test_a_warehouse_behind_the_code_fails_fast_and_tasks_never_migrate(pg_server_url, monkeypatch):
    name = f"newswatch_empty_{secrets.token_hex(4)}"
    with psycopg.connect(pg_server_url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = psycopg.conninfo.make_conninfo(pg_server_url, dbname=name)
    try:
        monkeypatch.delenv("NEWSWATCH_CONFIG", raising=False)
        monkeypatch.setenv("NEWSWATCH_DATABASE_URL", url)
        with pytest.raises(DatabaseError, match=r"schema is behind .* run `newswatch db upgrade`"):
            nw.dedupe()
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT to_regnamespace('newswatch')").fetchone() == (None,)
    finally:
        with psycopg.connect(pg_server_url, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


# --- digest, maintenance, deadline ---------------------------------------------------------------------


def test_digest_dag_sends_the_digest_of_its_data_interval_once(
    airflow_db, db, database_url, smtp, monkeypatch
):
    """The config comes from the Variable (the TOML text itself); a cleared run queues nothing new."""
    monkeypatch.delenv("NEWSWATCH_CONFIG", raising=False)
    monkeypatch.setenv("NEWSWATCH_DATABASE_URL", database_url)
    monkeypatch.setenv(
        "AIRFLOW_VAR_NEWSWATCH_CONFIG",
        f'[alerts]\nsmtp_host = "127.0.0.1"\nsmtp_port = {smtp.port}\nsecurity = "none"\n'
        'recipients = ["analyst@example.org"]\n',
    )
    dag = load_dag("newswatch_digest")
    day = datetime(2026, 3, 2, 7, tzinfo=UTC)
    first = dag.test(logical_date=day)
    assert first.state == "success"
    assert dag.test(logical_date=day, run_after=first.run_after).state == "success"  # run again
    assert dag.test(logical_date=day + timedelta(days=1)).state == "success"
    keys = [
        r[0] for r in db.execute("SELECT dedupe_key FROM newswatch.alerts WHERE kind = 'digest' ORDER BY id")
    ]
    assert keys == [
        "digest:2026-03-01T07:00Z:2026-03-02T07:00Z",
        "digest:2026-03-02T07:00Z:2026-03-03T07:00Z",
    ]
    assert len(smtp.mailbox.envelopes) == 2


def test_maintenance_dag_applies_retention_and_analyzes(airflow_db, db, database_url, monkeypatch):
    monkeypatch.delenv("NEWSWATCH_CONFIG", raising=False)
    monkeypatch.setenv("NEWSWATCH_DATABASE_URL", database_url)
    feed = db.execute(
        "INSERT INTO newswatch.feeds (name, url) VALUES ('x', 'https://x.example/rss') RETURNING id"
    )
    feed_id = feed.fetchone()[0]
    for days in (1, 400):
        db.execute(
            "INSERT INTO newswatch.poll_log (feed_id, polled_at, status, duration_ms)"
            " VALUES (%s, now() - make_interval(days => %s), 'ok', 5)",
            (feed_id, days),
        )
    run = load_dag("newswatch_maintenance").test()
    assert run.state == "success", states_of(run)
    assert set(states_of(run)) == {("retention", -1), ("analyze", -1), ("report_health", -1)}
    assert db.execute("SELECT count(*) FROM newswatch.poll_log").fetchone()[0] == 1


def test_a_late_run_opens_an_incident_naming_the_pool_and_its_end_closes_it(
    db, database_url, smtp, tmp_path, monkeypatch
):
    """The Deadline Alert's callback: what on-call hears when tasks sit in 'scheduled' (a missing pool)."""
    path = tmp_path / "c.toml"
    path.write_text(
        f'[alerts]\nsmtp_host = "127.0.0.1"\nsmtp_port = {smtp.port}\nsecurity = "none"\n'
        'recipients = ["ops@example.org"]\n'
    )
    monkeypatch.setenv("NEWSWATCH_CONFIG", str(path))
    monkeypatch.setenv("NEWSWATCH_DATABASE_URL", database_url)
    context = {
        "dag_run": {"dag_id": "newswatch_poll", "run_id": "scheduled__x", "queued_at": "2026-03-02T07:00"}
    }
    nw.run_late(context=context)
    nw.run_late(context=context)  # the same incident: one email
    [late] = smtp.mailbox.messages
    assert late["Subject"] == "[newswatch] stage failed: airflow:newswatch_poll (run late)"
    body = late.get_body(("plain",)).get_content()
    assert "newswatch_network" in body and "scheduled__x" in body
    with psycopg.connect(database_url, autocommit=True) as conn:
        nw.record_run_health(conn, nw.config(), "newswatch_poll", "scheduled__x", {("dedupe", -1): "success"})
    assert subjects(smtp)[1] == "[newswatch] stage recovered: airflow:newswatch_poll (run late)"


def test_run_states_reads_mapped_and_plain_task_ids():
    raw = {"poll_0": "failed", "poll_1": "success", "send_alerts": "success", "shard_10": "success"}
    assert nw.run_states(raw, ["poll", "send_alerts", "shard_10"]) == {
        ("poll", 0): "failed",
        ("poll", 1): "success",
        ("send_alerts", -1): "success",
        ("shard_10", -1): "success",
    }


def test_an_incident_left_by_a_shard_that_no_longer_exists_is_closed(db, database_url, monkeypatch):
    monkeypatch.delenv("NEWSWATCH_CONFIG", raising=False)
    monkeypatch.setenv("NEWSWATCH_DATABASE_URL", database_url)
    cfg = nw.config()
    with psycopg.connect(database_url, autocommit=True) as conn:
        for target in (
            "airflow:newswatch_poll.poll[3]",
            "airflow:newswatch_poll.poll",
            "airflow:newswatch_poll.fetch[1]",
        ):
            conn.execute(
                "INSERT INTO newswatch.health_incidents (kind, target, detail) VALUES ('stage_failed', %s, 'x')",
                (target,),
            )
        states = {
            ("poll", 0): "success",
            ("poll", 1): "success",
            ("fetch", 0): "success",
            ("fetch", 1): "upstream_failed",
        }
        nw.record_run_health(conn, cfg, "newswatch_poll", "r", states)
        still_open = conn.execute(
            "SELECT target FROM newswatch.health_incidents WHERE closed_at IS NULL"
        ).fetchall()
    assert still_open == [("airflow:newswatch_poll.fetch[1]",)]  # it never ran this time: nothing is known


# --- what on-call reads in the task log -------------------------------------------------------------------


def test_task_logs_show_each_failed_feed_and_page_and_a_summary(db, database_url, web, tmp_path, monkeypatch):
    good = web.add("/nk.html", content.page("North Korea sends troops", content.NK_TROOPS), "text/html")
    gone = web.url("/gone.html")
    web.add(
        "/feed.xml",
        content.rss([{"title": "a", "link": good, "guid": "1"}, {"title": "b", "link": gone, "guid": "2"}]),
    )
    path = tmp_path / "c.toml"
    path.write_text(
        f'[http]\nallow_hosts = ["{web.host_port}"]\n[extract]\nprocesses = 1\nmax_attempts = 1\n'
        f'[[feeds]]\nname = "Korea Wire"\nurl = "{web.url("/feed.xml")}"\n'
        f'[[feeds]]\nname = "Dead Wire"\nurl = "{web.url("/dead.xml")}"\n'
    )
    monkeypatch.setenv("NEWSWATCH_CONFIG", str(path))
    monkeypatch.setenv("NEWSWATCH_DATABASE_URL", database_url)
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("newswatch.orchestration")
    logger.addHandler(handler)
    monkeypatch.setattr(logger, "level", logging.INFO)
    try:
        polled = nw.poll_shard(0, 1)
        fetched = nw.fetch_shard(0, 1)
    finally:
        logger.removeHandler(handler)
    lines = [r.getMessage() for r in records]
    assert polled["failed"] == 1 and polled["error_count"] == 1 and "errors" not in polled
    assert fetched["failed"] == 1 and fetched["error_count"] == 1
    assert any(line.startswith("poll shard 1/1: polled 2, ok 1") for line in lines), lines
    assert any(
        line.startswith("poll shard 1/1: failed feed Dead Wire: ") and "404" in line for line in lines
    ), lines
    assert any(line.startswith("fetch shard 1/1: fetched 1,") for line in lines), lines
    assert any(line.startswith(f"fetch shard 1/1: failed page {gone}: ") for line in lines), lines
    assert all(len(line) <= settings.AIRFLOW_LOG_LINE_CHARS + 40 for line in lines)
