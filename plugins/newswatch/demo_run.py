"""What `newswatch demo` needs besides the sample site: its own warehouse, a mail sink, and the report
of what the cycles found (figures, changes, emails) with the commands to go further.

The demo never touches real data: it writes to its own database (`newswatch_demo`, next to the
warehouse, recreated every run), polls only the sample site, and sends email only to a loopback SMTP
sink that writes each message as an .eml file into a folder it names. The user's [alerts] settings
(recipients, SMTP server, heartbeat) are never used.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
from dataclasses import dataclass, field, replace
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

from newswatch.config import AlertsConfig, Config, FeedConfig, default_data_dir
from newswatch.db import database_url
from newswatch.demo import DemoServer
from newswatch.errors import DatabaseError

DEMO_DATABASE = "newswatch_demo"
# Two users (or two test sessions) sharing one PostgreSQL server can give their demos different databases.
DEMO_DATABASE_ENV = "NEWSWATCH_DEMO_DATABASE"
DEMO_SENDER = "newswatch@demo.invalid"
DEMO_RECIPIENT = "analyst@demo.invalid"


def demo_database_name() -> str:
    """The demo warehouse's database name: $NEWSWATCH_DEMO_DATABASE, else newswatch_demo."""
    return os.environ.get(DEMO_DATABASE_ENV) or DEMO_DATABASE


def demo_database_url(base: Config, *, keep_running: bool = False) -> str:
    """The demo warehouse: the database newswatch_demo (or $NEWSWATCH_DEMO_DATABASE) on the configured (or
    embedded) server. The demo may start an embedded server: asking for the demo is asking for that."""
    url = database_url(base, allow_embedded=True, keep_running=keep_running)
    return make_conninfo(url, dbname=demo_database_name())


def demo_warehouse(base: Config, *, keep_running: bool = False) -> Config:
    """The config a command given --demo runs with: the demo database, and no email at all."""
    url = demo_database_url(base, keep_running=keep_running)
    return replace(base, database=replace(base.database, url=url), alerts=AlertsConfig())


def demo_mail_dir() -> Path:
    """Where the demo's mail sink writes the emails the cycles produce."""
    return default_data_dir() / "demo" / "mail"


def demo_config(
    base: Config, server: DemoServer, url: str | None = None, sink: MailSink | None = None
) -> Config:
    """The user's config pointed at the sample site and the demo database (or the database at url), with
    alerts going to the sink (or nowhere)."""
    host_port = server.base_url.split("://", 1)[1]
    url = url or demo_database_url(base)
    alerts = AlertsConfig()
    if sink is not None:
        alerts = AlertsConfig(
            smtp_host=sink.host,
            smtp_port=sink.port,
            security="none",
            sender=DEMO_SENDER,
            recipients=(DEMO_RECIPIENT,),
        )
    return replace(
        base,
        database=replace(base.database, url=url),
        http=replace(base.http, allow_hosts=(*base.http.allow_hosts, host_port)),
        feeds=tuple(FeedConfig(name, feed_url) for name, feed_url in server.feed_urls()),
        alerts=alerts,
    )


def reset_demo_database(config: Config) -> None:
    """Drop and recreate the demo database, so every demo starts from an empty warehouse."""
    url = config.database.url or ""
    admin = make_conninfo(url, dbname="postgres")
    name = demo_database_name()
    try:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.Error as e:
        raise DatabaseError(f"cannot recreate the demo database {name!r}: {str(e).strip()}") from None


@dataclass
class MailSink:
    """A real SMTP server on loopback that keeps each message it accepts as NNN.eml in a folder."""

    directory: Path
    host: str = "127.0.0.1"
    port: int = 0
    written: list[Path] = field(default_factory=list)
    _controller: Any = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> MailSink:
        from aiosmtpd.controller import Controller

        shutil.rmtree(self.directory, ignore_errors=True)  # only this run's emails
        self.directory.mkdir(parents=True, exist_ok=True)
        if not self.port:  # aiosmtpd needs a real port number: take a free one
            with socket.socket() as s:
                s.bind((self.host, 0))
                self.port = int(s.getsockname()[1])
        self._controller = Controller(_Handler(self), hostname=self.host, port=self.port)
        self._controller.start()
        return self

    def keep(self, data: bytes) -> None:
        with self._lock:
            path = self.directory / f"{len(self.written) + 1:03d}.eml"
            path.write_bytes(data)
            self.written.append(path)

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> MailSink:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _Handler:
    def __init__(self, sink: MailSink):
        self.sink = sink

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.sink.keep(bytes(envelope.original_content or envelope.content))
        return "250 Message accepted for delivery"


class AirflowDemo:
    """`newswatch airflow --demo`: the sample site and the mail sink running, the demo warehouse
    recreated, and a config file that polls the site into it and mails only the sink."""

    def __init__(self, base: Config, home: Path, port: int = 18080):
        self.config = demo_warehouse(base)
        self.config_path = home / "demo.toml"
        self.server = DemoServer(port=port)
        self.sink = MailSink(demo_mail_dir())

    def start(self) -> AirflowDemo:
        reset_demo_database(self.config)
        self.server.start()
        self.sink.start()
        host_port = self.server.base_url.split("://", 1)[1]
        feeds = "".join(
            f'[[feeds]]\nname = "{name}"\nurl = "{url}"\n' for name, url in self.server.feed_urls()
        )
        self.config_path.write_text(
            f'[http]\nallow_hosts = ["{host_port}"]\n[poll]\ninterval_minutes = 1\n'
            f'[alerts]\nsmtp_host = "{self.sink.host}"\nsmtp_port = {self.sink.port}\nsecurity = "none"\n'
            f'sender = "{DEMO_SENDER}"\nrecipients = ["{DEMO_RECIPIENT}"]\n{feeds}',
            encoding="utf-8",
        )
        return self

    def stop(self) -> None:
        self.server.stop()
        self.sink.stop()


ARTICLES = """
SELECT count(*), count(*) FILTER (WHERE duplicate_of IS NOT NULL), count(*) FILTER (WHERE partial)
FROM newswatch.articles
"""


def print_demo_report(conn: psycopg.Connection, config: Config, sink: MailSink | None, url: str) -> None:
    """What the user came to see: figures per series and source, the changes, the emails, and what next."""
    from newswatch.figures.query import changes, format_value
    from newswatch.figures.series import watchlist

    articles, duplicates, partial = conn.execute(ARTICLES).fetchone() or (0, 0, 0)
    print(
        f"\nThe demo warehouse ({demo_database_name()}) holds {articles} articles ({duplicates} duplicate, "
        f"{partial} partial)."
    )
    labels = {s.key: s.label for s in watchlist(config)}
    latest = conn.execute(
        "SELECT series, attributed_to, value, qualifier, value_low, value_high, reported_at, outlet "
        "FROM newswatch.series_latest ORDER BY series, attributed_to NULLS LAST"
    ).fetchall()
    print("\nFigures, the latest per series and source:")
    for series, source, value, qualifier, low, high, at, outlet in latest:
        print(
            f"  {labels.get(series, series):<36} {source or 'unattributed':<14} "
            f"{format_value(value, qualifier, low, high):<20} {at:%Y-%m-%d}  {outlet}"
        )
    revisions = [c for c in changes(conn) if c["kind"] == "revision"]
    print(f"\nChanges: {len(changes(conn))} first values and revisions, of which revisions:")
    for c in revisions:
        print(
            f"  {c['reported_at']:%Y-%m-%d}  {labels.get(c['series'], c['series'])} ({c['attributed_to']}): "
            f"{format_value(c['new_value'], c['new_qualifier'])}, was "
            f"{format_value(c['previous_value'], c['previous_qualifier'])}"
        )
    if sink is not None:
        print(f"\nEmails the cycles sent (to {DEMO_RECIPIENT}, written to {sink.directory}):")
        for path in sink.written:
            print(f"  {path.name}  {_subject(path)}")
        if not sink.written:
            print("  none")
    print(
        "\nGo further (the demo warehouse stays until the next demo):\n"
        "  newswatch figures --demo        every figure with its quote and source\n"
        "  newswatch changes --demo        first values and revisions\n"
        "  newswatch serve --demo          the analyst view in the browser\n"
        f'  psql "{url}"\n'
        "                                  SQL (docs/warehouse.md); `newswatch db url --demo` prints this"
    )


def _subject(path: Path) -> str:
    message = message_from_bytes(path.read_bytes())
    return str(make_header(decode_header(message.get("Subject", ""))))
