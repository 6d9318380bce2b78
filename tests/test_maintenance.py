"""The maintenance DAG's work: retention of raw HTML and poll logs past their age, ANALYZE."""

from __future__ import annotations

from newswatch.config import parse_config
from newswatch.maintenance import analyze_warehouse, apply_retention
from newswatch.pipeline import run_cycle
from tests import content


def test_retention_drops_old_raw_html_and_poll_logs_only(db, web, config_for):
    nk = web.add("/nk.html", content.page("North Korea sends troops", content.NK_TROOPS), "text/html")
    web.add("/feed.xml", content.rss([{"title": "t", "link": nk, "guid": "1"}]))
    run_cycle(config_for("/feed.xml"), conn=db)
    run_cycle(config_for("/feed.xml"), conn=db, force=True)
    db.execute("UPDATE newswatch.article_versions SET fetched_at = now() - interval '100 days'")
    db.execute("UPDATE newswatch.poll_log SET polled_at = now() - interval '200 days' WHERE id = 1")
    report = apply_retention(db, parse_config({"retention": {"raw_html_days": 90, "poll_log_days": 180}}))
    assert report == {"raw_html_dropped": 1, "poll_log_deleted": 1}
    assert db.execute("SELECT raw_html IS NULL, text <> '' FROM newswatch.article_versions").fetchone() == (
        True,
        True,
    )
    assert db.execute("SELECT count(*) FROM newswatch.poll_log").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM newswatch.articles").fetchone()[0] == 1  # articles are kept


def test_analyze_covers_every_warehouse_table(db):
    assert analyze_warehouse(db)["analyzed"] == 13
    analyzed = db.execute(
        "SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = 'newswatch' AND last_analyze IS NOT NULL"
    ).fetchone()[0]
    assert analyzed >= 13
