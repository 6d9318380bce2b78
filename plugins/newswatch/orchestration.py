"""What the Airflow DAGs call: each function is one task, opens its own connection, returns a small report.

The DAG files in dags/ only wire these together. Configuration the Airflow way: the warehouse is the
connection `newswatch_db`, SMTP the connection `newswatch_smtp`, the config the Variable
`newswatch_config` (the TOML text itself), else $NEWSWATCH_CONFIG. Anything defined but unreadable
fails the task with one line saying what to fix; tasks never migrate the schema, they check it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import tomllib
from collections.abc import Iterator
from dataclasses import asdict, is_dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import psycopg

from newswatch import settings
from newswatch.config import CONFIG_ENV, DATABASE_URL_ENV, Config, DatabaseConfig, load_config, parse_config
from newswatch.errors import ConfigError, WarehouseUnreachable

DB_CONNECTION_ID = "newswatch_db"
SMTP_CONNECTION_ID = "newswatch_smtp"
CONFIG_VARIABLE = "newswatch_config"
NETWORK_POOL = "newswatch_network"
REPORT_HEALTH_TASK = "report_health"
POLL_DAG_ID = "newswatch_poll"

# Read when a DAG file is parsed: environment only, never the database or the network.
POLL_EVERY_MINUTES = int(os.environ.get("NEWSWATCH_POLL_EVERY_MINUTES", "15"))
DIGEST_HOUR = int(os.environ.get("NEWSWATCH_DIGEST_HOUR", "7"))
DIGEST_TIMEZONE = os.environ.get("NEWSWATCH_DIGEST_TIMEZONE", "UTC")

NETWORK_TIMEOUT = timedelta(minutes=settings.AIRFLOW_NETWORK_TIMEOUT_MINUTES)
QUICK_TIMEOUT = timedelta(minutes=settings.AIRFLOW_TASK_TIMEOUT_MINUTES)
RUN_LATE = timedelta(minutes=settings.AIRFLOW_RUN_LATE_MINUTES)
DEFAULT_ARGS: dict[str, Any] = {
    "owner": "newswatch",
    "retries": settings.AIRFLOW_RETRIES,
    "retry_delay": timedelta(minutes=settings.AIRFLOW_RETRY_DELAY_MINUTES),
    # A multiplier in Airflow 3 (True would mean 1.0: no backoff at all).
    "retry_exponential_backoff": settings.AIRFLOW_RETRY_BACKOFF,
    "max_retry_delay": timedelta(minutes=settings.AIRFLOW_MAX_RETRY_DELAY_MINUTES),
    "execution_timeout": QUICK_TIMEOUT,
}
# libpq parameters an Airflow connection's extra may carry (managed PostgreSQL needs sslmode and friends).
_LIBPQ_EXTRA = {
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "connect_timeout",
    "options",
    "target_session_attrs",
}
_MAPPED_KEY = re.compile(r"^(?P<task>.+)_(?P<index>\d+)$")

log = logging.getLogger(__name__)


def dag_defaults() -> dict[str, Any]:
    """What every newswatch DAG shares: no catchup, one run at a time, retries, timeouts, a late-run alert."""
    from airflow.sdk.definitions.deadline import DeadlineAlert, DeadlineReference, SyncCallback

    return {
        "start_date": datetime(2026, 1, 1),
        "catchup": False,
        "max_active_runs": 1,
        "default_args": dict(DEFAULT_ARGS),
        "deadline": DeadlineAlert(
            reference=DeadlineReference.DAGRUN_QUEUED_AT,
            interval=RUN_LATE,
            callback=SyncCallback(f"{__name__}.run_late"),
        ),
    }


def shard_numbers() -> list[int]:
    """The feed and page shards the poll DAG maps over ($NEWSWATCH_SHARDS, read when the DAG is parsed)."""
    count = os.environ.get("NEWSWATCH_SHARDS", "4")
    if not count.isdigit() or int(count) < 1:
        raise ConfigError(f"NEWSWATCH_SHARDS must be a whole number of at least 1, not {count!r}")
    return list(range(int(count)))


# --- configuration ------------------------------------------------------------------------------------


def config() -> Config:
    """The newswatch config: the Variable (or file), with the Airflow connections applied when defined."""
    raw, source = _raw_config()
    db = _connection(DB_CONNECTION_ID)
    smtp = _connection(SMTP_CONNECTION_ID)
    if db is not None:
        raw.setdefault("database", {})
        if not isinstance(raw["database"], dict):
            raise ConfigError(f"{source}: [database] must be a table")
        raw["database"]["url"] = _postgres_uri(db)
        source += f" + connection {DB_CONNECTION_ID}"
    password = None
    if smtp is not None:
        raw.setdefault("alerts", {})
        if not isinstance(raw["alerts"], dict):
            raise ConfigError(f"{source}: [alerts] must be a table")
        raw["alerts"].update(_smtp_settings(smtp))
        password = smtp.password
        source += f" + connection {SMTP_CONNECTION_ID}"
    cfg = parse_config(raw, source=source)
    env_url = os.environ.get(DATABASE_URL_ENV)
    if env_url:
        cfg = replace(cfg, database=DatabaseConfig(url=env_url, data_dir=cfg.database.data_dir))
    if password:
        os.environ[cfg.alerts.password_env] = password  # this worker process only; never logged
    from newswatch.figures.series import watchlist

    watchlist(cfg)  # a [[series]] naming an unknown subject fails every task with one clear line
    return cfg


def _raw_config() -> tuple[dict[str, Any], str]:
    """The parsed TOML: the Variable newswatch_config when defined, else the file $NEWSWATCH_CONFIG."""
    text = _variable(CONFIG_VARIABLE)
    path = os.environ.get(CONFIG_ENV)
    if text is not None and _looks_like_path(text):
        log.warning("the Variable %s names a file; store the TOML text itself instead", CONFIG_VARIABLE)
        path, text = text.strip(), None
    if text is not None:
        source = f"Airflow Variable {CONFIG_VARIABLE}"
        try:
            return tomllib.loads(text), source
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(
                f"{source} is not valid TOML ({e}); it must hold the config file's text itself"
            ) from None
    if not path:
        return {}, "defaults"
    source = load_config(path).source  # a ConfigError naming the file when it is missing or invalid
    with open(path, "rb") as f:
        return tomllib.load(f), source


def _looks_like_path(text: str) -> bool:
    """Older deployments stored the config file's path in the Variable rather than its text."""
    line = text.strip()
    return "\n" not in line and "=" not in line and line.endswith(".toml")


def _variable(key: str) -> str | None:
    """The Variable's value; None when Airflow is not installed or the Variable is not defined."""
    try:
        from airflow.sdk import Variable
    except ImportError:
        return None
    try:
        value = Variable.get(key, default=None)
    except Exception as e:  # defined somewhere (a secrets backend, the API) but unreadable
        raise ConfigError(f"the Airflow Variable {key} cannot be read: {_one_line(e)}") from None
    return None if value is None else str(value)


def _connection(conn_id: str) -> Any:
    """The Airflow connection; None when Airflow is not installed or the connection is not defined.
    Defined but unreadable (Airflow reports that as 'not defined') is a ConfigError naming the fix."""
    try:
        from airflow.sdk import BaseHook
        from airflow.sdk.exceptions import AirflowNotFoundException
    except ImportError:
        return None
    env_name = f"AIRFLOW_CONN_{conn_id.upper()}"
    try:
        conn = BaseHook.get_connection(conn_id)
    except AirflowNotFoundException:
        value = os.environ.get(env_name)
        if value:
            raise ConfigError(
                f"the Airflow connection {conn_id} is defined in ${env_name} but cannot be read "
                f"({_unreadable_reason(value)}); write it as a URI or as JSON with every value quoted "
                "and escaped (a password with a quote or backslash breaks hand-written JSON)"
            ) from None
        return None
    except Exception as e:
        raise ConfigError(f"the Airflow connection {conn_id} cannot be read: {_one_line(e)}") from None
    if conn.extra:
        try:
            extra = json.loads(conn.extra)
        except ValueError as e:
            raise ConfigError(
                f"the Airflow connection {conn_id} has an extra that is not JSON ({e}); it must be a "
                'JSON object such as {"sender": "newswatch@example.org"}'
            ) from None
        if not isinstance(extra, dict):
            raise ConfigError(f"the Airflow connection {conn_id} has an extra that is not a JSON object")
    return conn


def _unreadable_reason(value: str) -> str:
    if value.lstrip().startswith("{"):
        try:
            json.loads(value)
        except ValueError as e:
            return f"not valid JSON: {e}"
    return "Airflow could not parse it"


def _smtp_settings(smtp: Any) -> dict[str, Any]:
    """The [alerts] keys the SMTP connection sets; the config's own validation checks their values."""
    if not smtp.host:
        raise ConfigError(f"the Airflow connection {SMTP_CONNECTION_ID} has no host")
    extra = json.loads(smtp.extra) if smtp.extra else {}
    unknown = set(extra) - {"sender", "recipients", "security"}
    if unknown:
        raise ConfigError(
            f"the Airflow connection {SMTP_CONNECTION_ID} has unknown extra keys {sorted(unknown)}; "
            "allowed: sender, recipients, security"
        )
    found: dict[str, Any] = {"smtp_host": smtp.host}
    if smtp.port:
        found["smtp_port"] = int(smtp.port)
    if smtp.login:
        found["username"] = smtp.login
    recipients = extra.get("recipients")
    if isinstance(recipients, str):
        recipients = [r.strip() for r in recipients.split(",") if r.strip()]
    if recipients is not None:
        found["recipients"] = recipients
    for key in ("sender", "security"):
        if key in extra:
            found[key] = extra[key]
    return found


def _postgres_uri(conn: Any) -> str:
    """A libpq connection string from the Airflow connection's fields (works for socket directories too)."""
    from psycopg.conninfo import make_conninfo

    if not conn.host:
        raise ConfigError(f"the Airflow connection {DB_CONNECTION_ID} has no host")
    params = {
        "host": conn.host,
        "port": conn.port,
        "user": conn.login,
        "password": conn.password,
        "dbname": conn.schema,
    }
    extra = json.loads(conn.extra) if conn.extra else {}
    params.update({k: v for k, v in extra.items() if k in _LIBPQ_EXTRA})
    return make_conninfo("", **{k: str(v) for k, v in params.items() if v not in (None, "")})


@contextlib.contextmanager
def warehouse(cfg: Config) -> Iterator[psycopg.Connection]:
    """A connection to a warehouse whose schema is current; tasks never run DDL. When the warehouse
    cannot be reached (at the start or during the task) the operators are emailed directly, at most
    hourly, before the task fails; once it is reachable, what was sent that way is recorded and the
    recovery notice queued (alerts.direct)."""
    from newswatch.alerts import direct
    from newswatch.pipeline import open_warehouse

    store = _direct_state()
    try:
        conn = open_warehouse(cfg, migrate=False)
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


# --- the stages -------------------------------------------------------------------------------------


def poll_shard(shard: int, shards: int) -> dict[str, Any]:
    from newswatch.ingest.poll import poll_stage, sync_feeds

    cfg = config()
    with warehouse(cfg) as conn:
        sync_feeds(conn, cfg)
        report = poll_stage(conn, cfg, shard=shard, shards=shards)
    return _logged(f"poll shard {shard + 1}/{shards}", report, "feed")


def fetch_shard(shard: int, shards: int) -> dict[str, Any]:
    from newswatch.ingest.articles import fetch_stage

    cfg = config()
    with warehouse(cfg) as conn:
        report = fetch_stage(conn, cfg, shard=shard, shards=shards)
    return _logged(f"fetch shard {shard + 1}/{shards}", report, "page")


def dedupe() -> dict[str, Any]:
    from newswatch.ingest.dedupe import dedupe_stage

    with warehouse(config()) as conn:
        return _logged("dedupe", dedupe_stage(conn))


def figures() -> dict[str, Any]:
    from newswatch.figures.extractor import FigureExtractor
    from newswatch.figures.series import watchlist
    from newswatch.figures.stage import figures_stage

    cfg = config()
    with warehouse(cfg) as conn:
        return _logged(
            "figures", figures_stage(conn, FigureExtractor(watchlist(cfg), cfg.figures.morphology))
        )


def changes() -> dict[str, Any]:
    from newswatch.alerts.changes import queue_change_alerts
    from newswatch.figures.stage import changes_stage

    cfg = config()
    with warehouse(cfg) as conn:
        report = changes_stage(
            conn, cfg.figures.change_threshold, lambda c, ids: queue_change_alerts(c, cfg, ids)
        )
    return _logged("changes", report)


def feed_health() -> dict[str, Any]:
    """Open incidents for failing and silent feeds, close healed ones; send_alerts sends them."""
    from newswatch.alerts.health import check_feeds

    cfg = config()
    with warehouse(cfg) as conn:
        return _logged("feed health", check_feeds(conn, cfg))


def send_alerts() -> dict[str, Any]:
    from newswatch.alerts.outbox import send_pending

    cfg = config()
    with warehouse(cfg) as conn:
        return _logged("alerts", send_pending(conn, cfg), "alert")


def digest(
    data_interval_start: datetime | None = None, data_interval_end: datetime | None = None
) -> dict[str, Any]:
    """Queue and send the digest of the run's data interval, so a cleared or re-run day is the same
    digest (deduplicated by the outbox), not a second one for the wall-clock day. A zero-length interval
    (a cron trigger's) means the day up to its end; times are shown in NEWSWATCH_DIGEST_TIMEZONE."""
    from zoneinfo import ZoneInfo

    from newswatch.alerts.digest import queue_digest
    from newswatch.alerts.outbox import send_pending

    until = _utc(data_interval_end) or datetime.now(UTC)
    since = _utc(data_interval_start)
    if since is None or since >= until:
        since = until - timedelta(days=1)
    cfg = config()
    with warehouse(cfg) as conn:
        built, alert_id = queue_digest(conn, cfg, since, until, ZoneInfo(DIGEST_TIMEZONE))
        sent = send_pending(conn, cfg)
    if not cfg.alerts.enabled:
        outcome = "not queued: no SMTP host and recipients configured"
    else:
        outcome = "queued" if alert_id is not None else "already queued for this window"
    log.info(
        "digest %s to %s UTC: %s; %d email(s) sent",
        f"{since:%Y-%m-%d %H:%M}",
        f"{until:%Y-%m-%d %H:%M}",
        outcome,
        sent.sent,
    )
    return {"subject": built.subject, "queued": alert_id is not None, "sent": sent.sent}


def retention() -> dict[str, Any]:
    from newswatch.maintenance import apply_retention

    cfg = config()
    with warehouse(cfg) as conn:
        report = apply_retention(conn, cfg)
    log.info("retention: %s", report)
    return report


def analyze() -> dict[str, Any]:
    from newswatch.maintenance import analyze_warehouse

    with warehouse(config()) as conn:
        return analyze_warehouse(conn)


# --- health of the run itself -----------------------------------------------------------------------

OPEN_TASK_INCIDENTS = """
SELECT target FROM newswatch.health_incidents
WHERE kind = 'stage_failed' AND closed_at IS NULL AND starts_with(target, %s)
"""


def task_target(dag_id: str, task_id: str, map_index: int = -1) -> str:
    """The incident target of one task instance: each shard is its own incident."""
    return f"airflow:{dag_id}.{task_id}" + (f"[{map_index}]" if map_index >= 0 else "")


def late_target(dag_id: str) -> str:
    return f"airflow:{dag_id} (run late)"


def report_health(**context: Any) -> dict[str, Any]:
    """Last task of every run (trigger rule all_done): open an incident per failed task instance, close
    those of instances that succeeded, send the alerts; then fail when anything failed, so the run is
    marked failed even though the later stages ran over the work that succeeded."""
    from airflow.sdk.exceptions import AirflowFailException

    ti = context["ti"]
    states = run_states(
        ti.get_task_states(dag_id=ti.dag_id, run_ids=[ti.run_id]).get(ti.run_id, {}), context["dag"].task_ids
    )
    states.pop((ti.task_id, -1), None)
    base_url = _ui_base_url()
    cfg = config()
    with warehouse(cfg) as conn:
        outcome = record_run_health(conn, cfg, ti.dag_id, ti.run_id, states, base_url)
        if ti.dag_id == POLL_DAG_ID:
            from newswatch.alerts.freshness import record_cycle

            started = getattr(context.get("dag_run"), "start_date", None) or datetime.now(UTC)
            record_cycle(conn, "airflow", started, outcome["failed"])
    failed = outcome["failed"]
    if ti.dag_id == POLL_DAG_ID and not failed:
        from newswatch.alerts import heartbeat

        outcome["heartbeat"] = heartbeat.ping(cfg.alerts)  # a completed cycle: tell the dead man's switch
    log.info(
        "run health: %d task instance(s) checked, %d failed; %d incident(s) opened, %d closed; %d email(s) sent",
        len(states),
        len(failed),
        outcome["opened"],
        outcome["closed"],
        outcome["sent"],
    )
    if failed:
        raise AirflowFailException(
            f"{len(failed)} task instance(s) failed in this run: {', '.join(failed)}; the later stages ran "
            "over the work that succeeded, and an incident is open for each failure (newswatch.health_incidents)"
        )
    return outcome


def run_states(raw: dict[str, Any], task_ids: Any) -> dict[tuple[str, int], str]:
    """Airflow's {task_id or task_id_mapindex: state} as {(task_id, map_index): state}."""
    known = set(task_ids)
    states: dict[tuple[str, int], str] = {}
    for key, state in raw.items():
        if key in known:
            states[(key, -1)] = str(state)
        elif (m := _MAPPED_KEY.match(key)) and m["task"] in known:
            states[(m["task"], int(m["index"]))] = str(state)
    return states


def record_run_health(
    conn: psycopg.Connection,
    cfg: Config,
    dag_id: str,
    run_id: str,
    states: dict[tuple[str, int], str],
    base_url: str = "",
) -> dict[str, Any]:
    """Incidents per (task_id, map_index) from one run's final task states, then send what was queued.
    Instances that were skipped or never ran (upstream failed) leave their incidents as they are."""
    from newswatch.alerts.health import stage_failed, stage_succeeded
    from newswatch.alerts.outbox import send_pending

    opened = closed = 0
    failed = []
    for (task_id, index), state in sorted(states.items()):
        target = task_target(dag_id, task_id, index)
        if state == "failed":
            failed.append(target.removeprefix(f"airflow:{dag_id}."))
            url = _task_url(base_url, dag_id, run_id, task_id, index)
            detail = f"{target} failed in run {run_id} after its retries." + (
                f" Its log: {url}" if url else ""
            )
            opened += stage_failed(conn, cfg, target, detail)
        elif state == "success":
            closed += stage_succeeded(conn, cfg, target)
    # A shard that no longer exists (fewer shards now), or the whole-task incident of older versions.
    mapped = {task for task, index in states if index >= 0}
    for (target,) in conn.execute(OPEN_TASK_INCIDENTS, (f"airflow:{dag_id}.",)).fetchall():
        task, _, index = target.removeprefix(f"airflow:{dag_id}.").partition("[")
        if task in mapped and (task, int(index.rstrip("]") or -1)) not in states:
            closed += stage_succeeded(conn, cfg, target)
    closed += stage_succeeded(conn, cfg, late_target(dag_id))  # this run finished: it is no longer late
    sent = send_pending(conn, cfg)
    return {"opened": opened, "closed": closed, "sent": sent.sent, "failed": failed}


def run_late(context: dict[str, Any] | None = None, **_: Any) -> None:
    """Deadline Alert callback: a run is still unfinished long after it was queued. The run's own
    report_health closes the incident when it finishes."""
    from newswatch.alerts.health import stage_failed
    from newswatch.alerts.outbox import send_pending

    dag_run = (context or {}).get("dag_run") or {}
    dag_id = str(dag_run.get("dag_id") or "newswatch")
    detail = (
        f"run {dag_run.get('run_id', '?')} (queued at {dag_run.get('queued_at', '?')}) has not finished "
        f"{int(RUN_LATE.total_seconds() // 60)} minutes later. Tasks that stay 'scheduled' mean the pool "
        f"{NETWORK_POOL} is missing or full (`airflow pools list`) or no worker is running; tasks that stay "
        "'running' mean a hung worker."
    )
    log.warning("%s: %s", dag_id, detail)
    cfg = config()
    with warehouse(cfg) as conn:
        stage_failed(conn, cfg, late_target(dag_id), detail)
        send_pending(conn, cfg)


# --- helpers -----------------------------------------------------------------------------------------


def _logged(stage: str, report: Any, item: str = "item") -> dict[str, Any]:
    """Log a summary line and one line per failure (bounded, truncated); return the counts for XCom."""
    data = asdict(report) if is_dataclass(report) and not isinstance(report, type) else dict(report)
    errors = data.pop("errors", None) or {}
    failures = list(errors.items()) if isinstance(errors, dict) else [(None, e) for e in errors]
    counts = ", ".join(
        f"{k.replace('_', ' ')} {v}"
        for k, v in data.items()
        if isinstance(v, int | float) and not isinstance(v, bool)
    )
    log.info("%s: %s", stage, counts or "done")
    for name, error in failures[: settings.AIRFLOW_LOG_FAILURES]:
        line = f"failed {item} {name}: {error}" if name else f"failed: {error}"
        log.warning("%s: %s", stage, _shorten(line, settings.AIRFLOW_LOG_LINE_CHARS))
    if len(failures) > settings.AIRFLOW_LOG_FAILURES:
        log.warning("%s: ... and %d more failures", stage, len(failures) - settings.AIRFLOW_LOG_FAILURES)
    if failures:
        data["error_count"] = len(failures)  # XCom carries counts, not lists that grow with the feeds
    result: dict[str, Any] = json.loads(json.dumps(data, default=str))
    return result


def _shorten(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _one_line(e: BaseException) -> str:
    return _shorten(f"{type(e).__name__}: {e}", settings.AIRFLOW_LOG_LINE_CHARS)


def _utc(value: datetime | None) -> datetime | None:
    """A plain UTC datetime from Airflow's (pendulum) one."""
    return None if value is None else datetime.fromtimestamp(value.timestamp(), UTC)


def _ui_base_url() -> str:
    try:
        from airflow.sdk.configuration import conf

        return str(conf.get("api", "base_url", fallback="") or "")
    except Exception:  # the UI address is a convenience in the incident text, never a reason to fail
        return ""


def _task_url(base_url: str, dag_id: str, run_id: str, task_id: str, map_index: int) -> str:
    if not base_url:
        return ""
    mapped = f"/mapped/{map_index}" if map_index >= 0 else ""
    return f"{base_url.rstrip('/')}/dags/{dag_id}/runs/{quote(run_id)}/tasks/{task_id}{mapped}"


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
    except Exception:  # a deadline callback: the task runner exported the task's identity
        dag_id, task_id = os.environ.get("AIRFLOW_CTX_DAG_ID"), os.environ.get("AIRFLOW_CTX_TASK_ID")
        return f"Airflow task {dag_id}.{task_id}" if dag_id and task_id else "an Airflow task"
