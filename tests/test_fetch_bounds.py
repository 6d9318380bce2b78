"""Limits that hold across shards and under load: politeness per host, bytes in flight, and a failing
stage stopping promptly. Real PostgreSQL, real loopback servers."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler

import psycopg
import pytest

from newswatch import settings
from newswatch.ingest.articles import claim_pages, fetch_stage
from newswatch.ingest.poll import claim_due
from tests.webserver import WebServer

HOSTS = [f"site{i}.example" for i in range(12)]


class Gauge:
    """A slow page handler that records the most requests the server had in progress at once."""

    def __init__(self, delay: float, body: bytes = b"<html><body><p>Weather today.</p></body></html>"):
        self.delay, self.body = delay, body
        self.lock = threading.Lock()
        self.active = 0
        self.peak = 0

    def __call__(self, req: BaseHTTPRequestHandler) -> None:
        with self.lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
        time.sleep(self.delay)
        with self.lock:
            self.active -= 1
        req.send_response(200)
        req.send_header("Content-Type", "text/html")
        req.send_header("Content-Length", str(len(self.body)))
        req.end_headers()
        req.wfile.write(self.body)


def queue_pages(db: psycopg.Connection, urls: list[str]) -> None:
    db.execute(
        "INSERT INTO newswatch.pages (canonical_url, url) SELECT u, u FROM unnest(%s::text[]) AS u", (urls,)
    )


def serve_pages(web: WebServer, count: int, handler: Callable[[BaseHTTPRequestHandler], None]) -> list[str]:
    return [web.add_handler(f"/p/{i}.html", handler) for i in range(count)]


# --- politeness across shards -------------------------------------------------------------------------


def test_each_host_belongs_to_exactly_one_shard(db, config_for):
    queue_pages(db, [f"https://{h}/article/{n}" for h in HOSTS for n in range(5)])
    queue_pages(db, [f"https://www.{HOSTS[0]}/other/{n}" for n in range(3)])  # www. is the same site
    feeds = [(f"{h} feed", f"https://{h}/rss.xml") for h in HOSTS]
    with db.cursor() as cur:
        cur.executemany("INSERT INTO newswatch.feeds (name, url) VALUES (%s, %s)", feeds)
    db.execute("INSERT INTO newswatch.feed_health (feed_id) SELECT id FROM newswatch.feeds")
    config = config_for()
    page_shards: dict[str, set[int]] = {}
    feed_shards: dict[str, set[int]] = {}
    for shard in range(4):
        for page in claim_pages(db, 1000, shard, 4):
            page_shards.setdefault(page.url.split("/")[2].removeprefix("www."), set()).add(shard)
        for feed in claim_due(db, config, shard=shard, shards=4):
            feed_shards.setdefault(feed.url.split("/")[2], set()).add(shard)
    assert sorted(page_shards) == sorted(feed_shards) == sorted(HOSTS)  # everything claimed once
    assert all(len(s) == 1 for s in page_shards.values())
    assert all(len(s) == 1 for s in feed_shards.values())
    assert len({next(iter(s)) for s in page_shards.values()}) > 1  # and the hosts are spread out
    assert (
        db.execute("SELECT count(*) FROM newswatch.pages WHERE lease_until IS NOT NULL").fetchone()[0] == 63
    )


def test_per_host_limit_holds_across_four_fetch_shards(db, database_url, web, config_for):
    gauge = Gauge(0.3)
    queue_pages(db, serve_pages(web, 16, gauge))
    config = config_for(http={"per_host": 2})
    reports: list[object] = []

    def shard(n: int) -> None:
        with psycopg.connect(database_url, autocommit=True) as conn:
            reports.append(fetch_stage(conn, config, shard=n, shards=4))

    threads = [threading.Thread(target=shard, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sum(r.irrelevant for r in reports) == 16  # type: ignore[attr-defined]
    assert gauge.peak == 2  # one shard has the host: its two slots are the site's two


# --- bytes in flight ------------------------------------------------------------------------------------


def test_bytes_in_flight_stay_within_the_budget(db, web, config_for, monkeypatch):
    big = b"<html><body>" + b"<p>Weather and football and nothing else.</p>" * 20_000 + b"</body></html>"
    assert 800_000 < len(big) < 1_000_000
    gauge = Gauge(0.2, big)
    queue_pages(db, serve_pages(web, 12, gauge))
    monkeypatch.setattr(settings, "FETCH_BYTES_IN_FLIGHT", 4_000_000)
    config = config_for(http={"max_bytes": 1_000_000, "per_host": 8})
    report = fetch_stage(db, config)
    assert report.irrelevant == 12
    assert 0 < report.peak_bytes_in_flight <= 4_000_000
    assert gauge.peak == 4  # each request reserves max_bytes: four fit the budget, per_host allows 8


def test_a_budget_smaller_than_one_body_still_lets_pages_through_one_at_a_time(
    db, web, config_for, monkeypatch
):
    gauge = Gauge(0.05)
    queue_pages(db, serve_pages(web, 3, gauge))
    monkeypatch.setattr(settings, "FETCH_BYTES_IN_FLIGHT", 10)
    report = fetch_stage(db, config_for(http={"max_bytes": 100_000}))
    assert report.irrelevant == 3 and gauge.peak == 1


# --- a failing stage stops promptly ---------------------------------------------------------------------


def test_a_fetch_stage_whose_database_fails_stops_at_once(db, database_url, web, config_for):
    urls = serve_pages(web, 80, Gauge(0.5))
    queue_pages(db, urls)
    config = config_for(http={"per_host": 4})
    killed: list[float] = []

    def kill_the_connection(stage: str, done: int, total: int) -> None:
        if not killed:  # after the first batch is stored, the database goes away
            db.execute("SELECT pg_terminate_backend(%s)", (conn.info.backend_pid,))
            killed.append(time.monotonic())

    conn = psycopg.connect(database_url, autocommit=True)
    try:
        with pytest.raises(psycopg.OperationalError):
            fetch_stage(conn, config, progress=kill_the_connection)
        stopped = time.monotonic()
    finally:
        conn.close()
    assert killed and stopped - killed[0] < 3.0  # fetching all 80 pages at 4 at a time takes 10 s
    requested = sum(web.hits(u.removeprefix(web.base)) for u in urls)
    assert requested < 40
