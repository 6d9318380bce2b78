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
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg

from newswatch.config import Config, load_config
from newswatch.errors import WarehouseUnreachable

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
    """A warehouse connection for one task. When the warehouse cannot be reached (at the start or during
    the task) the operators are emailed directly, at most hourly, before the task fails; once it is
    reachable, what was sent that way is recorded and the recovery notice queued (alerts.direct)."""
    from newswatch.alerts import direct
    from newswatch.pipeline import open_warehouse

    store = _direct_state()
    try:
        conn = open_warehouse(cfg)
    except WarehouseUnreachable as e:
        direct.report(cfg, e, _task_name(), store)
        raise
    try:
        direct.settle(conn, cfg, store)
        yield conn
    except psycopg.Error as e:
        if direct.unreachable(e, conn):
            direct.report(cfg, e, _task_name(), store)
        raise
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


def send_alerts(ti: Any = None, dag_run: Any = None) -> dict[str, Any]:
    """The last task of a poll run: send, then record the cycle and, if no task of the run failed,
    ping the heartbeat URL (Airflow passes ti and dag_run)."""
    from newswatch.alerts import heartbeat
    from newswatch.alerts.freshness import record_cycle
    from newswatch.alerts.outbox import send_pending

    cfg = config()
    failed = _failed_tasks(ti)
    with warehouse(cfg) as conn:
        report = _small(asdict(send_pending(conn, cfg)))
        record_cycle(conn, "airflow", getattr(dag_run, "start_date", None) or datetime.now(UTC), failed)
    if not failed:
        report["heartbeat"] = heartbeat.ping(cfg.alerts)
    return report


def digest(
    data_interval_start: datetime | None = None, data_interval_end: datetime | None = None
) -> dict[str, Any]:
    """The digest of the run's data interval (Airflow passes it; a zero-length interval, as a cron trigger
    gives, means the day up to its end), in NEWSWATCH_DIGEST_TIMEZONE. Re-running a run queues nothing."""
    from zoneinfo import ZoneInfo

    from newswatch.alerts.digest import queue_digest
    from newswatch.alerts.outbox import send_pending

    since = data_interval_start
    if since is None or data_interval_end is None or since >= data_interval_end:
        since = None
    cfg = config()
    with warehouse(cfg) as conn:
        built, alert_id = queue_digest(conn, cfg, since, data_interval_end, ZoneInfo(DIGEST_TIMEZONE))
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


# --- The direct path when the warehouse is unreachable (alerts.direct), the Airflow side ---------------
# Its memory is an Airflow variable, shared by every worker; a lock file in the data directory still
# serialises the task processes of one machine (four shards failing at once send one email).
DIRECT_STATE_VARIABLE = "newswatch_direct_alerts"


def _direct_state() -> Any:
    from newswatch.alerts.direct import FileState, default_state

    class AirflowState(FileState):
        def pending(self) -> bool:
            return bool(self.load())

        def load(self) -> dict[str, Any]:
            raw = Variable.get(DIRECT_STATE_VARIABLE, default=None)
            try:
                state = json.loads(raw) if raw else {}
            except ValueError:
                return {}
            return state if isinstance(state, dict) else {}

        def save(self, state: dict[str, Any]) -> None:
            if state:
                Variable.set(DIRECT_STATE_VARIABLE, json.dumps(state, sort_keys=True))
            else:
                Variable.delete(DIRECT_STATE_VARIABLE)

    try:
        from airflow.sdk import Variable

        Variable.get(DIRECT_STATE_VARIABLE, default=None)
    except Exception:  # not inside an Airflow task: the state file in the data directory
        return default_state()
    return AirflowState(default_state().path)


def _task_name() -> str:
    try:
        from airflow.sdk import get_current_context

        ti = get_current_context()["ti"]
        shard = f"[{ti.map_index}]" if getattr(ti, "map_index", -1) >= 0 else ""
        return f"Airflow task {ti.dag_id}.{ti.task_id}{shard}"
    except Exception:  # a callback: the task runner exported the task's identity to the environment
        dag_id, task_id = os.environ.get("AIRFLOW_CTX_DAG_ID"), os.environ.get("AIRFLOW_CTX_TASK_ID")
        return f"Airflow task {dag_id}.{task_id}" if dag_id and task_id else "an Airflow task"


def _failed_tasks(ti: Any) -> list[str]:
    """The tasks of this DAG run that failed, or could not run because one upstream failed."""
    if ti is None:
        return []
    try:
        states = ti.get_task_states(dag_id=ti.dag_id, run_ids=[ti.run_id]).get(ti.run_id, {})
    except Exception:  # not under Airflow: nothing to ask
        return []
    return sorted(task for task, state in states.items() if state in ("failed", "upstream_failed"))


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
