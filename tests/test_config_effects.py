"""Documented config keys change what newswatch does (README, Configuration): each test sets one key and
checks its effect against the default, through the real stages, a real PostgreSQL and a real SMTP server."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler

import pytest

from newswatch.alerts.outbox import send_pending
from newswatch.ingest.poll import poll_stage, sync_feeds
from newswatch.pipeline import run_cycle
from tests import content
from tests.conftest import make_config
from tests.smtpserver import SMTPServer
from tests.test_alerts import alert_config, detect
from tests.test_figure_changes import NIS, add_article

UKRAINE = "Ukraine's military intelligence said {v} North Korean soldiers had been killed."


def queued(db) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return db.execute("SELECT kind, subject FROM newswatch.alerts ORDER BY id").fetchall()


def test_change_threshold_in_the_config_is_what_a_cycle_uses(db, database_url):
    add_article(db, NIS.format(q="about", v="3,000"), "2025-01-13")
    add_article(db, NIS.format(q="about", v="3,050"), "2025-01-20")  # +1.7%
    run_cycle(make_config(database_url, None, figures={"change_threshold": 0.05}), conn=db)
    assert db.execute("SELECT kind FROM newswatch.figure_changes").fetchall() == [("first",)]

    db.execute("UPDATE newswatch.figures SET change_checked = false")
    run_cycle(make_config(database_url, None), conn=db)  # the default, 0: any change is a revision
    kinds = db.execute("SELECT kind, new_value FROM newswatch.figure_changes ORDER BY id").fetchall()
    assert kinds == [("first", 3000), ("revision", 3050)]


def test_alert_kinds_limits_which_changes_are_emailed(db):
    with SMTPServer() as smtp:
        config = alert_config(smtp.port, kinds=["revision"])
        add_article(db, NIS.format(q="about", v="1,100"), "2024-12-19")
        detect(db, config)
        assert queued(db) == []  # a first value is not a revision
        add_article(db, NIS.format(q="more than", v="3,000"), "2025-01-13")
        detect(db, config)
        assert queued(db) == [
            ("change", "[newswatch] NK troops in Russia, casualties: more than 3,000 (NIS), was about 1,100")
        ]
        assert send_pending(db, config).sent == 1


def test_alert_series_limits_which_series_are_emailed(db):
    with SMTPServer() as smtp:
        add_article(db, NIS.format(q="about", v="1,100"), "2024-12-19")
        add_article(db, UKRAINE.format(v="600"), "2024-12-20")
        detect(db, alert_config(smtp.port, series=["dprk_troops_russia.killed"]))
        ((kind, subject),) = queued(db)
        assert kind == "change" and "killed: 600 (Ukraine)" in subject


def test_more_changes_than_batch_threshold_make_one_combined_email(db):
    with SMTPServer() as smtp:
        add_article(db, NIS.format(q="about", v="1,100"), "2024-12-19")
        add_article(db, UKRAINE.format(v="600"), "2024-12-20")
        config = alert_config(smtp.port, batch_threshold=1)
        detect(db, config)
        ((kind, subject),) = queued(db)
        assert kind == "changes" and subject.startswith("[newswatch] 2 figure changes: ")
        assert send_pending(db, config).sent == 1 and len(smtp.mailbox.messages) == 1


def test_at_batch_threshold_each_change_is_its_own_email(db):
    with SMTPServer() as smtp:
        add_article(db, NIS.format(q="about", v="1,100"), "2024-12-19")
        add_article(db, UKRAINE.format(v="600"), "2024-12-20")
        detect(db, alert_config(smtp.port, batch_threshold=2))
        assert [kind for kind, _ in queued(db)] == ["change", "change"]


def test_http_threads_caps_the_polls_in_flight(db, web, config_for):
    lock = threading.Lock()
    active = [0]
    peak = [0]

    def slow_feed(req: BaseHTTPRequestHandler) -> None:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.3)
        with lock:
            active[0] -= 1
        body = content.rss([])
        req.send_response(200)
        req.send_header("Content-Type", "application/rss+xml")
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)

    feeds = [f"/feed{i}.xml" for i in range(6)]
    for path in feeds:
        web.add_handler(path, slow_feed)
    config = config_for(*feeds, http={"threads": 2, "per_host": 6})
    sync_feeds(db, config)
    report = poll_stage(db, config, force=True)
    assert report.polled == 6
    assert peak[0] == 2  # per_host would allow 6: the cap is threads


def test_a_feed_set_enabled_false_keeps_its_history_but_is_not_polled(db, web, config_for):
    web.add("/a.xml", content.rss([{"title": "North Korea", "link": web.url("/1.html"), "guid": "1"}]))
    sync_feeds(db, config_for("/a.xml"))
    assert poll_stage(db, config_for("/a.xml"), force=True).polled == 1

    off = config_for(("Feed A", web.url("/a.xml")))
    off = replace(off, feeds=tuple(replace(f, enabled=False) for f in off.feeds or ()))
    sync_feeds(db, off)
    assert poll_stage(db, off, force=True).polled == 0
    assert web.hits("/a.xml") == 1
    assert db.execute("SELECT enabled FROM newswatch.feeds").fetchall() == [(False,)]
    assert db.execute("SELECT count(*) FROM newswatch.poll_log").fetchone() == (1,)
    assert db.execute("SELECT count(*) FROM newswatch.items").fetchone() == (1,)


@pytest.mark.parametrize(
    ("silent_factor", "silent_min_hours", "opened"),
    [(4.0, 24, 1), (50.0, 24, 0), (4.0, 300, 0)],
)
def test_a_feed_is_silent_after_silent_factor_times_its_usual_gap_and_silent_min_hours(
    db, silent_factor, silent_min_hours, opened
):
    """New items every 6 hours until 10 days (240 hours) ago: silent for 40 times the usual gap."""
    from newswatch.alerts.health import check_feeds

    feed = db.execute(
        "INSERT INTO newswatch.feeds (name, url) VALUES ('Weekly', 'https://weekly.example/rss') RETURNING id"
    ).fetchone()[0]
    page = db.execute(
        "INSERT INTO newswatch.pages (canonical_url, url) VALUES ('https://weekly.example/a',"
        " 'https://weekly.example/a') RETURNING id"
    ).fetchone()[0]
    for i in range(8):
        db.execute(
            "INSERT INTO newswatch.items (feed_id, guid, page_id, entry_hash, first_seen_at) VALUES"
            " (%s, %s, %s, 'h', now() - interval '10 days' - make_interval(hours => %s))",
            (feed, f"g{i}", page, 6 * i),
        )
    db.execute(
        "INSERT INTO newswatch.feed_health (feed_id, last_new_item_at, last_success_at, consecutive_failures)"
        " VALUES (%s, now() - interval '10 days', now(), 0)",
        (feed,),
    )
    config = alert_config(1, silent_factor=silent_factor, silent_min_hours=silent_min_hours)
    assert check_feeds(db, config).opened == opened
