"""`newswatch airflow`: one command from a fresh machine to Airflow running the newswatch DAGs.

Uses the configured warehouse, or starts the embedded PostgreSQL when none is configured and
NEWSWATCH_ALLOW_EMBEDDED=1 (set by `make run`), creates the Airflow metadata database next to the
warehouse, applies both sets of migrations (tasks never do), creates the network pool, and runs
`airflow standalone` (API server, scheduler, DAG processor, triggerer) with the DAGs unpaused and
parallelism sized for a small machine. Ctrl-C stops every process it started.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from psycopg.conninfo import conninfo_to_dict, make_conninfo

from newswatch.config import Config
from newswatch.db import ALLOW_EMBEDDED_ENV, connect, database_url
from newswatch.errors import NewswatchError
from newswatch.migrate import upgrade

REPO = Path(__file__).resolve().parents[2]
AIRFLOW_DATABASE = "airflow"
# A 2-core machine: 4 task slots keep the scheduler responsive and memory under ~2 GB.
PARALLELISM = 4


# Ports Airflow's own processes use: the task log server (8793) and the triggerer's (8794).
RESERVED_PORTS = (8793, 8794)


def airflow_env(config: Config, home: Path, port: int, config_path: str | None) -> dict[str, str]:
    """The environment for every Airflow process: where things are and how big to be."""
    if port in RESERVED_PORTS:
        raise NewswatchError(f"port {port} is used by Airflow's own log servers; pick another --port")
    bin_dir = str(Path(sys.executable).parent)
    if shutil.which("airflow", path=bin_dir + os.pathsep + os.environ.get("PATH", "")) is None:
        raise NewswatchError(
            "Airflow is not installed: it is the `airflow` extra (`uv sync --locked`, which `make run` does, "
            "or `pip install 'newswatch[airflow]'`)"
        )
    url = database_url(config)
    with connect(url, autocommit=True, create=True) as conn:
        upgrade(conn)
    metadata = make_conninfo(url, dbname=AIRFLOW_DATABASE)
    with contextlib.suppress(NewswatchError):
        connect(metadata, create=True).close()
    params = conninfo_to_dict(url)
    env = {
        **os.environ,
        "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__CORE__PARALLELISM": str(PARALLELISM),
        "AIRFLOW__CORE__MAX_ACTIVE_TASKS_PER_DAG": str(PARALLELISM),
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": sqlalchemy_url(metadata),
        # psycopg 3 is async too: no second driver (asyncpg) for Airflow's async engine.
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC": sqlalchemy_url(metadata),
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://localhost:{port}/execution/",
        "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "30",
        "AIRFLOW__SCHEDULER__MIN_FILE_PROCESS_INTERVAL": "30",
        # The warehouse, the Airflow way: a connection newswatch_db.
        "AIRFLOW_CONN_NEWSWATCH_DB": json.dumps(
            {
                "conn_type": "postgres",
                "host": params.get("host") or "localhost",
                "port": int(params.get("port") or 5432),
                "login": params.get("user") or "postgres",
                "password": params.get("password") or "",
                "schema": params.get("dbname") or "newswatch",
            }
        ),
    }
    if config_path:
        env["NEWSWATCH_CONFIG"] = str(Path(config_path).resolve())
    if config.database.url:
        # The warehouse chosen here wins over a NEWSWATCH_DATABASE_URL in the caller's environment
        # (for `newswatch airflow --demo` that is the demo warehouse, never the real one).
        env["NEWSWATCH_DATABASE_URL"] = url
    env.pop(ALLOW_EMBEDDED_ENV, None)  # tasks use newswatch_db; none of them may start a server of its own
    return env


def sqlalchemy_url(conninfo: str) -> str:
    """A SQLAlchemy URL (psycopg 3 driver) for a libpq connection string, sockets included."""
    p = conninfo_to_dict(conninfo)
    user = p.get("user") or "postgres"
    password = f":{p['password']}" if p.get("password") else ""
    host = str(p.get("host") or "localhost")
    db = p.get("dbname") or AIRFLOW_DATABASE
    if host.startswith("/"):
        return f"postgresql+psycopg://{user}{password}@/{db}?host={host}"
    return f"postgresql+psycopg://{user}{password}@{host}:{p.get('port') or 5432}/{db}"


def prepare(env: dict[str, str]) -> None:
    """Migrate Airflow's metadata database and create the pool the network tasks share."""
    from newswatch.orchestration import NETWORK_POOL

    for cmd in (
        ["airflow", "db", "migrate"],
        ["airflow", "pools", "set", NETWORK_POOL, str(PARALLELISM), "newswatch network tasks"],
    ):
        result = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
            raise NewswatchError(f"`{' '.join(cmd)}` failed: {tail[0]}")


def run_standalone(env: dict[str, str], port: int, home: Path) -> int:
    """Run `airflow standalone` until Ctrl-C; then stop it and everything it started."""
    process = subprocess.Popen(
        ["airflow", "standalone"],
        env=env,
        start_new_session=True,
        stdout=open(home / "standalone.log", "ab"),
        stderr=subprocess.STDOUT,
    )
    stopping = False

    def stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    print(f"Starting Airflow (logs: {home / 'standalone.log'}) ...", flush=True)
    announced = False
    while process.poll() is None and not stopping:
        if not announced and (password := _admin_password(home)):
            print(
                f"Airflow UI: http://localhost:{port}  (user admin, password {password})\n"
                f"The analyst view: http://localhost:{port}/plugin/newswatch (Newswatch in the navigation)\n"
                f"DAGs newswatch_poll, newswatch_digest, newswatch_maintenance are unpaused. Ctrl-C stops "
                "everything.",
                flush=True,
            )
            announced = True
        time.sleep(1)
    _terminate(process)
    return 0 if stopping else (process.returncode or 0)


def _admin_password(home: Path) -> str | None:
    for name in ("simple_auth_manager_passwords.json.generated",):
        path = home / name
        if path.exists():
            with contextlib.suppress(ValueError, OSError):
                return str(json.loads(path.read_text()).get("admin"))
    return None


def _terminate(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)
    print("Airflow stopped.", flush=True)
