"""What `newswatch demo` needs besides the sample site: its config and a look at the result."""

from __future__ import annotations

from dataclasses import replace

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

from newswatch.config import Config, FeedConfig
from newswatch.db import database_url
from newswatch.demo import DemoServer
from newswatch.errors import DatabaseError

# The demo writes to its own database next to the warehouse, so trying it never mixes sample
# articles into real ones (nor disables the real feed list). It is recreated on every demo run.
DEMO_DATABASE = "newswatch_demo"


def demo_config(base: Config, server: DemoServer, url: str | None = None) -> Config:
    """The user's config pointed at the sample site and the demo database (or the database at url)."""
    host_port = server.base_url.split("://", 1)[1]
    # The demo's own database may live on an embedded server: asking for the demo is asking for that.
    url = url or make_conninfo(database_url(base, allow_embedded=True), dbname=DEMO_DATABASE)
    return replace(
        base,
        database=replace(base.database, url=url),
        http=replace(base.http, allow_hosts=(*base.http.allow_hosts, host_port)),
        feeds=tuple(FeedConfig(name, feed_url) for name, feed_url in server.feed_urls()),
    )


def reset_demo_database(config: Config) -> None:
    """Drop and recreate the demo database, so every demo starts from an empty warehouse."""
    url = config.database.url or ""
    admin = make_conninfo(url, dbname="postgres")
    try:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DEMO_DATABASE))
            )
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DEMO_DATABASE)))
    except psycopg.Error as e:
        raise DatabaseError(
            f"cannot recreate the demo database {DEMO_DATABASE!r}: {str(e).strip()}"
        ) from None


ARTICLES = """
SELECT a.id, a.source, a.published_at, a.title, a.topics, a.duplicate_of, a.partial, length(a.text)
FROM newswatch.articles a ORDER BY a.published_at NULLS LAST, a.id
"""


def print_demo_articles(conn: psycopg.Connection) -> None:
    rows = conn.execute(ARTICLES).fetchall()
    print(f"\nThe demo warehouse ({DEMO_DATABASE}) now holds {len(rows)} articles:")
    for article_id, source, published, title, topics, dup, partial, chars in rows:
        flags = []
        if dup:
            flags.append(f"duplicate of #{dup}")
        if partial:
            flags.append("partial")
        date = published.date().isoformat() if published else "undated"
        print(
            f"  #{article_id:<3} {date}  {source[:22]:<22} {(title or '')[:60]:<60} {','.join(topics)}"
            f" {chars} chars" + (f" ({'; '.join(flags)})" if flags else "")
        )
    print("Query it yourself: psql, then SELECT * FROM newswatch.articles; (see docs/warehouse.md)")
