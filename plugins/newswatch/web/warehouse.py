"""The view's connections to the warehouse: a small pool opened when the app starts, read-only sessions.

Standalone (`newswatch serve`) a warehouse that cannot be reached stops the server at start, with one
line. Inside Airflow the pool keeps trying in the background instead: a warehouse outage must not take
Airflow's API server down with it, so the view answers 503 until the warehouse is back.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from newswatch import settings
from newswatch.db import connect
from newswatch.errors import DatabaseError, NewswatchError
from newswatch.migrate import require_current

log = logging.getLogger(__name__)


class Warehouse:
    """A pool of read-only, autocommit sessions; the schema is checked once, on first use."""

    def __init__(self, url: Callable[[], str], *, wait: bool) -> None:
        self._url = url
        self._wait = wait
        self._pool: ConnectionPool | None = None
        self._current = False
        self._lock = threading.Lock()
        self._error: str | None = None

    def open(self) -> None:
        try:
            url = self._url()
        except NewswatchError as e:
            if self._wait:
                raise
            self._error = str(e)  # answered with every request until the API server restarts
            log.error("newswatch view: %s", e)
            return
        if self._wait:
            with connect(url, autocommit=True) as conn:  # unreachable or behind: one line, now
                require_current(conn)
            self._current = True
        self._pool = ConnectionPool(
            url,
            min_size=settings.WEB_POOL_MIN,
            max_size=settings.WEB_POOL_MAX,
            # prepare_threshold None: every query is planned with its filter values, never by a generic plan
            # that cannot tell "no filter" from "a filter" (which turns a 5 ms page into a 5 s one).
            kwargs={
                "autocommit": True,
                "application_name": "newswatch-web",
                "connect_timeout": 10,
                "prepare_threshold": None,
            },
            configure=_configure,
            check=ConnectionPool.check_connection,  # a warehouse restart costs one retry, not an error page
            timeout=settings.WEB_POOL_TIMEOUT_SECONDS,
            name="newswatch-web",
            open=False,
        )
        self._pool.open(wait=False)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    @contextlib.contextmanager
    def connection(self) -> Iterator[psycopg.Connection]:
        """A session for one request; DatabaseError (answered 503) when the warehouse is not there."""
        if self._pool is None:
            raise DatabaseError(self._error or "the warehouse connection is not open")
        try:
            with self._pool.connection() as conn:
                self._check_schema(conn)
                yield conn
        except PoolTimeout:
            raise DatabaseError(
                "the warehouse is not answering (no connection within "
                f"{settings.WEB_POOL_TIMEOUT_SECONDS:.0f} s); try again shortly"
            ) from None

    def _check_schema(self, conn: psycopg.Connection) -> None:
        if self._current:
            return
        with self._lock:
            if not self._current:
                require_current(conn)
                self._current = True


def _configure(conn: psycopg.Connection) -> None:
    """Every session of the view reads only, in UTC, and gives up on a query that runs too long."""
    conn.execute(
        "SELECT set_config('default_transaction_read_only', 'on', false), set_config('TimeZone', 'UTC', false),"
        " set_config('statement_timeout', %s, false)",
        (str(settings.WEB_STATEMENT_TIMEOUT_MS),),
    )
