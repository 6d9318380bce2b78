"""The Airflow DAGs: integrity (imports, tags, retries, timeouts, no top-level I/O), an end-to-end
dag.test() of newswatch_poll against loopback feeds, real PostgreSQL and a real SMTP server, and the
failure callback."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests import content
from tests.conftest import REPO
from tests.smtpserver import SMTPServer

DAG_FILES = sorted((REPO / "dags").glob("*.py"))


def load_dag(path: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def dagbag():  # type: ignore[no-untyped-def]
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(REPO / "dags"))


def test_every_dag_file_imports_and_defines_the_expected_dags(airflow_db):
    bag = dagbag()
    assert bag.import_errors == {}
    assert set(bag.dag_ids) == {"newswatch_poll", "newswatch_digest", "newswatch_maintenance"}
    assert len(DAG_FILES) == 3


def test_dags_have_tags_retries_timeouts_and_failure_alerts(airflow_db):
    bag = dagbag()
    for dag_id in bag.dag_ids:
        dag = bag.get_dag(dag_id)
        assert "newswatch" in dag.tags and not dag.catchup and dag.max_active_runs == 1
        for t in dag.tasks:
            assert t.retries >= 1, f"{dag_id}.{t.task_id} has no retries"
            assert t.retry_exponential_backoff
            assert t.execution_timeout is not None and t.execution_timeout <= timedelta(minutes=30)
            assert t.on_failure_callback, f"{dag_id}.{t.task_id} does not alert on failure"


def test_poll_dag_shape(airflow_db):
    dag = dagbag().get_dag("newswatch_poll")
    assert dag.schedule == timedelta(minutes=15)
    order = ["shards", "poll", "fetch", "dedupe", "figures", "changes", "send_alerts"]
    assert set(dag.task_ids) == set(order)
    assert dag.get_task("poll").pool == dag.get_task("fetch").pool == "newswatch_network"
    assert {t.task_id for t in dag.get_task("fetch").upstream_list} == {"poll", "shards"}
    assert {t.task_id for t in dag.get_task("send_alerts").upstream_list} == {"changes"}


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


def _write_config(tmp_path: Path, web, smtp_port: int) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "newswatch.toml"
    path.write_text(
        f'[http]\nallow_hosts = ["{web.host_port}"]\ntimeout_seconds = 5\n[extract]\nprocesses = 1\n'
        f'[alerts]\nsmtp_host = "127.0.0.1"\nsmtp_port = {smtp_port}\nsecurity = "none"\n'
        f'recipients = ["analyst@example.org"]\n'
        f'[[feeds]]\nname = "Korea Wire"\nurl = "{web.url("/feed.xml")}"\n'
    )
    return path


def test_poll_dag_runs_end_to_end_and_a_second_run_adds_nothing(
    airflow_db, db, database_url, web, tmp_path, monkeypatch
):
    nk = web.add("/nk.html", content.page("North Korea sends troops", content.NK_TROOPS), "text/html")
    report = "South Korea's spy agency said more than 3,000 North Korean soldiers had been killed or wounded in Kursk."
    ru = web.add(
        "/nis.html", content.page("NIS: casualties top 3,000", [report, *content.RUSSIA_ECONOMY]), "text/html"
    )
    web.add(
        "/feed.xml",
        content.rss([{"title": "a", "link": nk, "guid": "1"}, {"title": "b", "link": ru, "guid": "2"}]),
        etag=True,
    )
    with SMTPServer() as smtp:
        monkeypatch.setenv("NEWSWATCH_CONFIG", str(_write_config(tmp_path, web, smtp.port)))
        monkeypatch.setenv("NEWSWATCH_DATABASE_URL", database_url)
        module = load_dag(REPO / "dags" / "newswatch_poll.py")
        dag = module.newswatch_poll()
        first = dag.test()
        assert first.state == "success"
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


def test_a_task_failing_after_its_retries_emails_the_operators_once(db, database_url, monkeypatch, tmp_path):
    from newswatch import orchestration

    with SMTPServer() as smtp:
        path = tmp_path / "c.toml"
        path.write_text(
            f'[alerts]\nsmtp_host = "127.0.0.1"\nsmtp_port = {smtp.port}\nsecurity = "none"\n'
            'recipients = ["ops@example.org"]\n[[feeds]]\nname = "x"\nurl = "https://x.example/rss"\n'
        )
        monkeypatch.setenv("NEWSWATCH_CONFIG", str(path))
        monkeypatch.setenv("NEWSWATCH_DATABASE_URL", database_url)
        ti = SimpleNamespace(dag_id="newswatch_poll", task_id="dedupe")
        orchestration.task_failed({"task_instance": ti, "exception": RuntimeError("database went away")})
        orchestration.task_failed({"task_instance": ti, "exception": RuntimeError("database went away")})
        orchestration.task_succeeded({"task_instance": ti})
        subjects = [m["Subject"] for m in smtp.mailbox.messages]
    assert subjects == [
        "[newswatch] stage failed: airflow:newswatch_poll.dedupe",
        "[newswatch] stage recovered: airflow:newswatch_poll.dedupe",
    ]
    detail = db.execute("SELECT detail FROM newswatch.health_incidents").fetchone()[0]
    assert detail == "RuntimeError: database went away"


@pytest.mark.parametrize("dag_file", DAG_FILES, ids=lambda p: p.stem)
def test_each_dag_file_is_a_table_of_contents(dag_file: Path):
    """DAG files only wire calls into the library: no SQL, no HTTP, no loops of logic."""
    source = dag_file.read_text()
    for forbidden in ("psycopg", "requests", "SELECT ", "INSERT ", "for ", "while "):
        assert forbidden not in source, f"{dag_file.name} contains {forbidden!r}"
