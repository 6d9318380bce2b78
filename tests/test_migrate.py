"""`newswatch db upgrade`: ordered, recorded, idempotent, concurrent-safe, all-or-nothing."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from newswatch.errors import DatabaseError
from newswatch.migrate import migrations, upgrade


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
