"""`newswatch db upgrade`: apply sql/NNNN_*.sql in order, each in its own transaction, once."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import psycopg

from newswatch.errors import DatabaseError

# An arbitrary constant: every newswatch process that migrates takes this advisory lock first.
MIGRATION_LOCK_KEY = 0x6E657773  # "news"
_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: str
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def sql_dir() -> Path:
    """sql/ at the repository root (editable installs) or bundled inside the package (wheels)."""
    bundled = Path(__file__).parent / "sql"
    return bundled if bundled.is_dir() else Path(__file__).resolve().parents[2] / "sql"


def migrations(directory: Path | None = None) -> list[Migration]:
    """Every migration in order. None at all means a broken install, never an empty schema."""
    directory = directory or sql_dir()
    found = []
    for path in sorted(directory.glob("*.sql")):
        m = _NAME.match(path.name)
        if not m:
            raise DatabaseError(f"migration file {path.name} must be named NNNN_description.sql")
        found.append(Migration(m.group(1), path.name, path.read_text(encoding="utf-8")))
    if not found:
        raise DatabaseError(
            f"no migrations found in {directory}: the newswatch installation is incomplete (the wheel "
            "ships them as newswatch/sql); reinstall the package"
        )
    return found


def applied(conn: psycopg.Connection) -> dict[str, str]:
    """version -> checksum of every applied migration; reads only (no lock, no DDL)."""
    with conn.transaction():
        table = conn.execute("SELECT to_regclass('newswatch.schema_migrations')").fetchone()
        if not table or table[0] is None:
            return {}
        return dict(conn.execute("SELECT version, checksum FROM newswatch.schema_migrations").fetchall())


def pending(conn: psycopg.Connection, directory: Path | None = None) -> list[str]:
    """Names of the migrations not yet applied."""
    done = applied(conn)
    return [m.name for m in migrations(directory) if m.version not in done]


def require_current(conn: psycopg.Connection, directory: Path | None = None) -> None:
    """Fail fast, with the fix, when the warehouse schema is behind this code (tasks never migrate)."""
    missing = pending(conn, directory)
    if missing:
        raise DatabaseError(
            f"the warehouse schema is behind this version of newswatch ({len(missing)} migration(s) not "
            f"applied: {', '.join(missing)}); run `newswatch db upgrade` (docker compose: the "
            "newswatch-init service does it)"
        )


def upgrade(conn: psycopg.Connection, directory: Path | None = None) -> list[str]:
    """Apply pending migrations; returns the names applied. Safe to run from several processes at once."""
    conn.autocommit = True
    done = applied(conn)
    if all(done.get(m.version) == m.checksum for m in migrations(directory)):
        return []  # up to date: no lock and no DDL, so a role without DDL rights may call this
    names: list[str] = []
    conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
    try:
        with conn.transaction():
            conn.execute("CREATE SCHEMA IF NOT EXISTS newswatch")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS newswatch.schema_migrations ("
                " version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,"
                " applied_at timestamptz NOT NULL DEFAULT now())"
            )
        done = applied(conn)
        for migration in migrations(directory):
            if migration.version in done:
                if done[migration.version] != migration.checksum:
                    raise DatabaseError(
                        f"migration {migration.name} was changed after it was applied; add a new "
                        "migration instead of editing an applied one"
                    )
                continue
            try:
                with conn.transaction():
                    conn.execute(migration.sql.encode())
                    conn.execute(
                        "INSERT INTO newswatch.schema_migrations (version, name, checksum)"
                        " VALUES (%s, %s, %s)",
                        (migration.version, migration.name, migration.checksum),
                    )
            except psycopg.Error as e:
                raise DatabaseError(
                    f"migration {migration.name} failed and was rolled back: {str(e).strip().splitlines()[0]}"
                ) from None
            names.append(migration.name)
    finally:
        conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK_KEY,))
    return names
