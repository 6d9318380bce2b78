"""What the Airflow DAGs call: each function is one task, opens its own connection, returns a small report.

The DAG files in dags/ only wire these together; everything here also works without Airflow.
Configuration the Airflow way: the warehouse is the Airflow connection `newswatch_db` (if defined),
SMTP the connection `newswatch_smtp` (if defined), the config file the Airflow variable
`newswatch_config` or $NEWSWATCH_CONFIG.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from collections.abc import Iterator
from dataclasses import asdict, replace
from datetime import datetime, timedelta
from typing import Any

import psycopg

from newswatch.config import Config, load_config

DB_CONNECTION_ID = "newswatch_db"
SMTP_CONNECTION_ID = "newswatch_smtp"
CONFIG_VARIABLE = "newswatch_config"
NETWORK_POOL = "newswatch_network"

# Read when a DAG file is parsed: environment only, never the database or the network.
POLL_EVERY_MINUTES = int(os.environ.get("NEWSWATCH_POLL_EVERY_MINUTES", "15"))
SHARDS = int(os.environ.get("NEWSWATCH_SHARDS", "4"))
DIGEST_HOUR = int(os.environ.get("NEWSWATCH_DIGEST_HOUR", "7"))
DIGEST_TIMEZONE = os.environ.get("NEWSWATCH_DIGEST_TIMEZONE", "UTC")

# Every task: retries with exponential backoff, and a hard execution timeout.
DEFAULT_ARGS: dict[str, Any] = {
    "owner": "newswatch",
    "retries": 3,
    "retry_delay": timedelta(minutes=1),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=15),
    "execution_timeout": timedelta(minutes=20),
}
NETWORK_TIMEOUT = timedelta(minutes=20)
QUICK_TIMEOUT = timedelta(minutes=10)


def dag_defaults() -> dict[str, Any]:
    """What every newswatch DAG shares: no catchup, one run at a time, retries, timeouts, failure alerts."""
    return {
        "start_date": datetime(2026, 1, 1),
        "catchup": False,
        "max_active_runs": 1,
        "default_args": {
            **DEFAULT_ARGS,
            "on_failure_callback": task_failed,
            "on_success_callback": task_succeeded,
        },
    }


def config() -> Config:
    """The newswatch config, with the Airflow connections applied when they exist."""
    path = os.environ.get("NEWSWATCH_CONFIG") or _variable(CONFIG_VARIABLE)
    cfg = load_config(path)
    db = _connection(DB_CONNECTION_ID)
    if db is not None and not os.environ.get("NEWSWATCH_DATABASE_URL"):
        cfg = replace(cfg, database=replace(cfg.database, url=_postgres_uri(db)))
    smtp = _connection(SMTP_CONNECTION_ID)
    if smtp is not None and smtp.host:
        extra = smtp.extra_dejson or {}
        alerts = replace(
            cfg.alerts,
            smtp_host=smtp.host,
            smtp_port=smtp.port or cfg.alerts.smtp_port,
            username=smtp.login or cfg.alerts.username,
            sender=extra.get("sender", cfg.alerts.sender),
            recipients=tuple(extra.get("recipients", cfg.alerts.recipients)),
            security=extra.get("security", cfg.alerts.security),
        )
        if smtp.password:
            os.environ[alerts.password_env] = smtp.password  # this worker process only; never logged
        cfg = replace(cfg, alerts=alerts)
    from newswatch.figures.series import watchlist

    watchlist(cfg)  # a [[series]] naming an unknown subject fails every task with one clear line
    return cfg


@contextlib.contextmanager
def warehouse(cfg: Config) -> Iterator[psycopg.Connection]:
    from newswatch.pipeline import open_warehouse

    conn = open_warehouse(cfg)
    try:
        yield conn
    finally:
        conn.close()


def shards() -> list[int]:
    return list(range(SHARDS))


def poll_shard(shard: int) -> dict[str, Any]:
    from newswatch.ingest.poll import poll_stage, sync_feeds

    cfg = config()
    with warehouse(cfg) as conn:
        sync_feeds(conn, cfg)
        return _small(asdict(poll_stage(conn, cfg, shard=shard, shards=SHARDS)))


def fetch_shard(shard: int) -> dict[str, Any]:
    from newswatch.ingest.articles import fetch_stage

    cfg = config()
    with warehouse(cfg) as conn:
        return _small(asdict(fetch_stage(conn, cfg, shard=shard, shards=SHARDS)))


def dedupe() -> dict[str, Any]:
    from newswatch.ingest.dedupe import dedupe_stage

    with warehouse(config()) as conn:
        return asdict(dedupe_stage(conn))


def figures() -> dict[str, Any]:
    from newswatch.figures.extractor import FigureExtractor
    from newswatch.figures.series import watchlist
    from newswatch.figures.stage import figures_stage

    cfg = config()
    with warehouse(cfg) as conn:
        return asdict(figures_stage(conn, FigureExtractor(watchlist(cfg))))


def changes() -> dict[str, Any]:
    from newswatch.alerts.changes import queue_change_alerts
    from newswatch.figures.stage import changes_stage

    cfg = config()
    with warehouse(cfg) as conn:
        report = changes_stage(
            conn, cfg.figures.change_threshold, lambda c, ids: queue_change_alerts(c, cfg, ids)
        )
        return asdict(report)


def send_alerts() -> dict[str, Any]:
    from newswatch.alerts.outbox import send_pending

    cfg = config()
    with warehouse(cfg) as conn:
        return _small(asdict(send_pending(conn, cfg)))


def digest() -> dict[str, Any]:
    from newswatch.alerts.digest import queue_digest
    from newswatch.alerts.outbox import send_pending

    cfg = config()
    with warehouse(cfg) as conn:
        built, alert_id = queue_digest(conn, cfg)
        sent = send_pending(conn, cfg)
    return {"subject": built.subject, "queued": alert_id is not None, "sent": sent.sent}


def feed_health() -> dict[str, Any]:
    from newswatch.alerts.health import check_feeds
    from newswatch.alerts.outbox import send_pending

    cfg = config()
    with warehouse(cfg) as conn:
        report = check_feeds(conn, cfg)
        sent = send_pending(conn, cfg)
    return {**asdict(report), "sent": sent.sent}


def retention() -> dict[str, Any]:
    from newswatch.maintenance import apply_retention

    cfg = config()
    with warehouse(cfg) as conn:
        return apply_retention(conn, cfg)


def analyze() -> dict[str, Any]:
    from newswatch.maintenance import analyze_warehouse

    with warehouse(config()) as conn:
        return analyze_warehouse(conn)


def task_failed(context: dict[str, Any]) -> None:
    """on_failure_callback: a task that failed after its retries opens an incident and emails operators
    through the outbox (recorded, retried, never doubled); its next success sends a recovery notice."""
    from newswatch.alerts.health import stage_failed
    from newswatch.alerts.outbox import send_pending

    ti = context.get("task_instance") or context.get("ti")
    name = f"airflow:{getattr(ti, 'dag_id', '?')}.{getattr(ti, 'task_id', '?')}"
    error = context.get("exception")
    cfg = config()
    with warehouse(cfg) as conn:
        stage_failed(conn, cfg, name, f"{type(error).__name__}: {error}" if error else "failed")
        send_pending(conn, cfg)


def task_succeeded(context: dict[str, Any]) -> None:
    """on_success_callback: close the task's open incident, if any, with a recovery notice."""
    from newswatch.alerts.health import stage_succeeded

    ti = context.get("task_instance") or context.get("ti")
    name = f"airflow:{getattr(ti, 'dag_id', '?')}.{getattr(ti, 'task_id', '?')}"
    cfg = config()
    with warehouse(cfg) as conn:
        if stage_succeeded(conn, cfg, name):
            from newswatch.alerts.outbox import send_pending

            send_pending(conn, cfg)


def worker_hostname() -> str:
    """Airflow's hostname_callable: a worker's own name when several share one machine (tests, compose)."""
    return os.environ.get("NEWSWATCH_WORKER_NAME") or socket.getfqdn()


def _small(report: dict[str, Any]) -> dict[str, Any]:
    """XCom carries counts, not error lists that can grow with the number of feeds."""
    errors = report.pop("errors", None)
    if errors:
        report["error_count"] = len(errors)
    return json.loads(json.dumps(report, default=str))


def _variable(key: str) -> str | None:
    try:
        from airflow.sdk import Variable

        return str(Variable.get(key, default=None) or "") or None
    except Exception:  # outside a task (no Airflow context), or Airflow not installed
        return None


def _connection(conn_id: str) -> Any:
    try:
        from airflow.sdk import BaseHook

        return BaseHook.get_connection(conn_id)
    except Exception:  # not defined, or not running inside Airflow
        return None


def _postgres_uri(conn: Any) -> str:
    """A libpq connection string from the Airflow connection's fields (works for socket directories too)."""
    from psycopg.conninfo import make_conninfo

    params = {
        "host": conn.host,
        "port": conn.port,
        "user": conn.login,
        "password": conn.password,
        "dbname": conn.schema,
    }
    return make_conninfo("", **{k: str(v) for k, v in params.items() if v})
