"""Scale-out, proven here: one newswatch_poll run under the CeleryExecutor with a real Redis broker and
two Celery workers, against real PostgreSQL. The shards must run on both workers (each worker logs the
Celery task ids it receives) and the warehouse must hold each article once. Slow (about two minutes):
skip locally with NEWSWATCH_SKIP_CELERY=1; CI runs it."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from newswatch.launcher import sqlalchemy_url
from tests import content
from tests.conftest import REPO
from tests.webserver import WebServer, slow

pytestmark = [
    pytest.mark.celery,
    pytest.mark.timeout(600),
    pytest.mark.skipif(os.environ.get("NEWSWATCH_SKIP_CELERY") == "1", reason="NEWSWATCH_SKIP_CELERY=1"),
]
REDIS = ("127.0.0.1", 6379)
BIN = Path(sys.executable).parent


def redis_up() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=2) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_poll_dag_shards_run_on_two_celery_workers(pg_server_url, database_url, db, tmp_path):
    assert redis_up(), "a Redis server must listen on 127.0.0.1:6379 (.ci/run starts one)"
    meta_name = f"airflow_celery_{secrets.token_hex(4)}"
    with psycopg.connect(pg_server_url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(meta_name)))
    meta = psycopg.conninfo.make_conninfo(pg_server_url, dbname=meta_name)
    home = Path(tempfile.mkdtemp(prefix="newswatch-celery-"))
    api_port = free_port()
    redis_db = 9
    procs: list[subprocess.Popen[bytes]] = []
    with WebServer() as web:
        feeds = []
        for f in range(8):
            items = []
            for i in range(3):
                n = f * 3 + i
                paragraphs = [
                    f"Report {n}: " + p.replace("11,000", f"{11000 + n:,}") for p in content.NK_TROOPS
                ]
                paragraphs.append(" ".join(f"distinct{n}token{j}" for j in range(120)))
                web.add_handler(f"/p{n}.html", slow(content.page(f"North Korea report {n}", paragraphs), 0.3))
                items.append(
                    {"title": f"North Korea report {n}", "link": web.url(f"/p{n}.html"), "guid": str(n)}
                )
            web.add(f"/feed{f}.xml", content.rss(items), etag=True)
            feeds.append(f'[[feeds]]\nname = "Feed {f}"\nurl = "{web.url(f"/feed{f}.xml")}"\n')
        config = tmp_path / "newswatch.toml"
        config.write_text(
            f'[http]\nallow_hosts = ["{web.host_port}"]\n[extract]\nprocesses = 1\n' + "".join(feeds)
        )
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "NEWSWATCH_"))},
            "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
            "AIRFLOW__CORE__PARALLELISM": "8",
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{api_port}/execution/",
            "AIRFLOW__API__PORT": str(api_port),
            "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_hex(16),
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": sqlalchemy_url(meta),
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC": sqlalchemy_url(meta),
            "AIRFLOW__CELERY__BROKER_URL": f"redis://{REDIS[0]}:{REDIS[1]}/{redis_db}",
            "AIRFLOW__CELERY__RESULT_BACKEND": "db+" + sqlalchemy_url(meta),
            "AIRFLOW__CELERY__WORKER_CONCURRENCY": "1",
            "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "2",
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
            "PYTHONUNBUFFERED": "1",  # worker logs are read while the workers run
            "NEWSWATCH_CONFIG": str(config),
            "NEWSWATCH_DATABASE_URL": database_url,
            "NEWSWATCH_SHARDS": "4",
            "NEWSWATCH_POLL_EVERY_MINUTES": "1440",  # only the run this test triggers
        }
        airflow = str(BIN / "airflow")

        def run(*args: str) -> str:
            result = subprocess.run([airflow, *args], env=env, capture_output=True, text=True, timeout=300)
            assert result.returncode == 0, (args, result.stderr[-3000:])
            return result.stdout

        def start(name: str, *args: str, **extra: str) -> None:
            log = open(home / f"{name}.log", "wb")
            procs.append(
                subprocess.Popen(
                    [airflow, *args],
                    env={**env, **extra},
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )

        try:
            subprocess.run(
                [
                    str(BIN / "redis-cli") if (BIN / "redis-cli").exists() else "redis-cli",
                    "-n",
                    str(redis_db),
                    "flushdb",
                ],
                capture_output=True,
                timeout=10,
            )
            run("db", "migrate")
            run("pools", "set", "newswatch_network", "4", "newswatch network tasks")
            start("api-server", "api-server", "--port", str(api_port))
            start("scheduler", "scheduler")
            start("dag-processor", "dag-processor")
            # Two workers on one machine share its hostname (in docker compose each container has its
            # own): Celery's node name tells them apart, and each logs the Celery task ids it receives.
            for worker in ("worker-1", "worker-2"):
                start(worker, "celery", "worker", "--concurrency", "1", "--celery-hostname", f"{worker}@%h")
            deadline = time.monotonic() + 180
            while "newswatch_poll" not in run("dags", "list"):
                assert time.monotonic() < deadline, "the DAG processor never parsed the DAGs"
                time.sleep(3)
            # Unpausing creates the run for the latest interval at once (catchup is off): that run is the test.
            run("dags", "unpause", "newswatch_poll")
            state = None
            deadline = time.monotonic() + 360
            while time.monotonic() < deadline:
                with psycopg.connect(meta) as conn:
                    row = conn.execute(
                        "SELECT state FROM dag_run WHERE dag_id = 'newswatch_poll' ORDER BY id DESC LIMIT 1"
                    ).fetchone()
                state = row[0] if row else None
                if state in ("success", "failed"):
                    break
                time.sleep(3)
            assert state == "success", _logs(home)
            with psycopg.connect(meta) as conn:
                shards = conn.execute(
                    "SELECT task_id, map_index, external_executor_id FROM task_instance "
                    "WHERE dag_id = 'newswatch_poll' AND task_id IN ('poll', 'fetch')"
                ).fetchall()
            ran_on = {
                (task_id, index): [w for w in ("worker-1", "worker-2") if str(celery_id) in _log(home, w)]
                for task_id, index, celery_id in shards
            }
        finally:
            for p in procs:
                try:
                    os.killpg(p.pid, 15)
                except ProcessLookupError:
                    pass
            for p in procs:
                try:
                    p.wait(30)
                except subprocess.TimeoutExpired:
                    os.killpg(p.pid, 9)
            shutil.rmtree(home, ignore_errors=True)
            with psycopg.connect(pg_server_url, autocommit=True) as admin:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(meta_name))
                )

    assert len(ran_on) == 8  # 4 poll shards + 4 fetch shards
    assert all(len(workers) == 1 for workers in ran_on.values()), ran_on  # each ran once, on one worker
    assert {w for [w] in ran_on.values()} == {"worker-1", "worker-2"}, ran_on
    assert db.execute(
        "SELECT count(*), count(DISTINCT canonical_url) FROM newswatch.articles"
    ).fetchone() == (24, 24)
    assert db.execute("SELECT count(*) FROM newswatch.pages WHERE status <> 'relevant'").fetchone()[0] == 0
    assert web.hits("/p0.html") == 1


def _log(home: Path, name: str) -> str:
    return (home / f"{name}.log").read_text(errors="replace")


def _logs(home: Path) -> str:
    out = []
    for log in sorted(home.glob("*.log")):
        out.append(f"--- {log.name}\n" + log.read_text(errors="replace")[-1500:])
    return "\n".join(out)
