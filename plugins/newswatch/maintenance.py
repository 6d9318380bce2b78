"""Housekeeping for the daily maintenance DAG: retention of raw HTML and poll logs, ANALYZE."""

from __future__ import annotations

from typing import Any

import psycopg

from newswatch.config import Config

DROP_RAW_HTML = """
UPDATE newswatch.article_versions SET raw_html = NULL
WHERE raw_html IS NOT NULL AND fetched_at < now() - make_interval(days => %s)
"""
DROP_POLLS = "DELETE FROM newswatch.poll_log WHERE polled_at < now() - make_interval(days => %s)"
TABLES = (
    "feeds",
    "feed_health",
    "poll_log",
    "pages",
    "items",
    "articles",
    "article_versions",
    "article_fingerprints",
    "article_lsh",
    "figures",
    "figure_changes",
    "alerts",
    "health_incidents",
)


def apply_retention(conn: psycopg.Connection, config: Config) -> dict[str, Any]:
    with conn.transaction():
        html = conn.execute(DROP_RAW_HTML, (config.retention.raw_html_days,)).rowcount
        polls = conn.execute(DROP_POLLS, (config.retention.poll_log_days,)).rowcount
    return {"raw_html_dropped": html, "poll_log_deleted": polls}


def analyze_warehouse(conn: psycopg.Connection) -> dict[str, Any]:
    from psycopg import sql

    for table in TABLES:
        conn.execute(sql.SQL("ANALYZE {}").format(sql.Identifier("newswatch", table)))
    return {"analyzed": len(TABLES)}
