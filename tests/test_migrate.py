"""`newswatch db upgrade`: ordered, recorded, idempotent, concurrent-safe, all-or-nothing."""

from __future__ import annotations

import secrets
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from newswatch.errors import DatabaseError
from newswatch.migrate import MIGRATION_LOCK_KEY, migrations, pending, require_current, upgrade
from tests.conftest import REPO


@pytest.fixture
def empty_db(pg_server_url: str) -> Iterator[str]:
    name = f"newswatch_mig_{secrets.token_hex(4)}"
    with psycopg.connect(pg_server_url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield psycopg.conninfo.make_conninfo(pg_server_url, dbname=name)
    with psycopg.connect(pg_server_url, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def test_applies_every_migration_in_order_and_records_it(empty_db: str) -> None:
    with psycopg.connect(empty_db) as conn:
        applied = upgrade(conn)
        recorded = [
            r[0] for r in conn.execute("SELECT name FROM newswatch.schema_migrations ORDER BY version")
        ]
        tables = {
            r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'newswatch'")
        }
    assert applied == [m.name for m in migrations()] == recorded
    assert {"feeds", "feed_health", "poll_log", "pages", "items", "articles", "article_versions"} <= tables


def test_second_upgrade_applies_nothing(empty_db: str) -> None:
    with psycopg.connect(empty_db) as conn:
        upgrade(conn)
        assert upgrade(conn) == []


def test_two_processes_upgrading_at_once_apply_each_migration_once(empty_db: str) -> None:
    results: list[list[str]] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with psycopg.connect(empty_db) as conn:
                results.append(upgrade(conn))
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert sorted(len(r) for r in results) == [0, 0, 0, len(migrations())]


def test_a_failing_migration_is_rolled_back_whole(empty_db: str, tmp_path: Path) -> None:
    (tmp_path / "0001_good.sql").write_text("CREATE TABLE newswatch.good (id int);")
    (tmp_path / "0002_bad.sql").write_text(
        "CREATE TABLE newswatch.half (id int);\nINSERT INTO newswatch.half VALUES (1);\nSELECT 1/0;"
    )
    with psycopg.connect(empty_db) as conn:
        with pytest.raises(DatabaseError, match="0002_bad.sql failed and was rolled back: division by zero"):
            upgrade(conn, tmp_path)
        tables = {
            r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'newswatch'")
        }
        versions = [r[0] for r in conn.execute("SELECT version FROM newswatch.schema_migrations")]
    assert "good" in tables and "half" not in tables
    assert versions == ["0001"]


def test_an_edited_applied_migration_is_refused(empty_db: str, tmp_path: Path) -> None:
    migration = tmp_path / "0001_one.sql"
    migration.write_text("CREATE TABLE newswatch.one (id int);")
    with psycopg.connect(empty_db) as conn:
        upgrade(conn, tmp_path)
        migration.write_text("CREATE TABLE newswatch.one (id bigint);")
        with pytest.raises(DatabaseError, match="was changed after it was applied"):
            upgrade(conn, tmp_path)


def test_finding_no_migrations_is_an_error_not_an_empty_schema(empty_db: str, tmp_path: Path) -> None:
    with psycopg.connect(empty_db) as conn, pytest.raises(DatabaseError, match="no migrations found in"):
        upgrade(conn, tmp_path)


def test_an_up_to_date_schema_is_left_alone_without_waiting_for_the_lock(empty_db: str) -> None:
    """What a worker without DDL rights may call: reads only, takes no lock."""
    with psycopg.connect(empty_db) as conn:
        upgrade(conn)
        assert pending(conn) == []
        require_current(conn)
    with psycopg.connect(empty_db, autocommit=True) as holder, psycopg.connect(empty_db) as conn:
        holder.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
        conn.execute("SET statement_timeout = '2s'")
        conn.commit()
        assert upgrade(conn) == []


def test_a_schema_behind_the_code_is_named_with_the_fix(empty_db: str) -> None:
    with psycopg.connect(empty_db) as conn:
        assert pending(conn) == [m.name for m in migrations()]
        with pytest.raises(DatabaseError, match=r"0001_ingest.sql.*run `newswatch db upgrade`"):
            require_current(conn)
        assert conn.execute("SELECT to_regnamespace('newswatch')").fetchone() == (None,)


def test_the_wheel_ships_every_migration(tmp_path: Path) -> None:
    hatchling = Path(sys.executable).parent / "hatchling"
    result = subprocess.run(
        [str(hatchling), "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    [wheel] = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"newswatch/sql/{p.name}" for p in (REPO / "sql").glob("*.sql")} <= names
    assert "newswatch/orchestration.py" in names
