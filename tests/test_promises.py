"""Documented promises that deliberate breakages once slipped past: each test here fails when its
promise is broken (issue 17: conditional GET, leases, the total deadline, the duplicate threshold, the
outbox's dedupe key, link quoting in emails, exit codes)."""

from __future__ import annotations

import time
from dataclasses import replace
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler

import psycopg
import pytest

from newswatch import errors
from newswatch.alerts.outbox import queue
from newswatch.alerts.safety import html_link
from newswatch.config import HttpConfig
from newswatch.ingest import poll as poll_module
from newswatch.ingest.dedupe import dedupe_stage, minhash_signature, shingles, similarity
from newswatch.ingest.http import Fetcher
from newswatch.ingest.poll import poll_stage, sync_feeds
from newswatch.pipeline import run_cycle
from tests import content
from tests.conftest import make_config
from tests.smtpserver import SMTPServer, free_port
from tests.test_cli import _run, _site, _write_config

# --- conditional GET ------------------------------------------------------------------------------


def test_a_feed_with_last_modified_but_no_etag_is_polled_conditionally(database_url, db, web):
    """The second poll sends If-Modified-Since with the server's Last-Modified; a 304 is not_modified."""
    stamp = "Tue, 02 Dec 2026 10:00:00 GMT"
    body = content.rss([{"title": "North Korea", "link": web.url("/a.html"), "guid": "a"}])

    def handler(req: BaseHTTPRequestHandler) -> None:
        if req.headers.get("If-Modified-Since") == stamp:
            req.send_response(304)
            req.end_headers()
            return
        req.send_response(200)
        req.send_header("Content-Type", "application/rss+xml")
        req.send_header("Last-Modified", stamp)
        req.send_header("Content-Length", str(len(body) + 1))  # a different body hash each time
        req.end_headers()
        req.wfile.write(body + b" ")

    url = web.add_handler("/feed.xml", handler)
    config = make_config(database_url, web, [("F", url)])
    sync_feeds(db, config)
    first = poll_stage(db, config, force=True)
    second = poll_stage(db, config, force=True)
    assert (first.ok, second.not_modified) == (1, 1)
    sent = [h for p, h in web.requests if p == "/feed.xml"]
    assert "If-Modified-Since" not in sent[0] and sent[1].get("If-Modified-Since") == stamp
    status = db.execute(
        "SELECT status, http_status FROM newswatch.poll_log ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert status == ("not_modified", 304)


# --- leases ---------------------------------------------------------------------------------------


def test_a_feed_leased_by_a_live_run_is_not_polled_by_a_second_run(database_url, db, web):
    """A claim holds while the claiming session lives; once that session is gone, the next run takes it."""
    url = web.add(
        "/feed.xml", content.rss([{"title": "North Korea", "link": web.url("/a.html"), "guid": "a"}])
    )
    config = make_config(database_url, web, [("F", url)])
    sync_feeds(db, config)
    holder = psycopg.connect(database_url, autocommit=True)
    try:
        assert len(poll_module.claim_due(holder, config, force=True)) == 1
        assert poll_stage(db, config, force=True).polled == 0
        assert web.hits("/feed.xml") == 0
    finally:
        pid = holder.info.backend_pid
        holder.close()
    # The server ends a closed session's backend a moment after the client hangs up.
    for _ in range(100):
        if not db.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone():
            break
        time.sleep(0.05)
    assert poll_stage(db, config, force=True).polled == 1


# --- the total deadline ---------------------------------------------------------------------------


def _slow_redirect(to: str, delay: float):  # type: ignore[no-untyped-def]
    def handle(req: BaseHTTPRequestHandler) -> None:
        time.sleep(delay)
        req.send_response(302)
        req.send_header("Location", to)
        req.send_header("Content-Length", "0")
        req.end_headers()

    return handle


def test_the_total_deadline_does_not_restart_on_each_redirect_hop(web):
    """Three hops of 0.5 s each against a 1 s total timeout: the chain as a whole times out."""
    web.add_handler("/a", _slow_redirect("/b", 0.5))
    web.add_handler("/b", _slow_redirect("/c", 0.5))
    web.add_handler("/c", _slow_redirect("/feed.xml", 0.5))
    web.add("/feed.xml", content.rss([{"title": "x", "link": web.url("/x"), "guid": "x"}]))
    fetcher = Fetcher(HttpConfig(timeout_seconds=1.0, allow_hosts=(web.host_port,)))
    start = time.monotonic()
    with pytest.raises(errors.FetchTimeout):
        fetcher.get(web.url("/a"))
    assert time.monotonic() - start < 1.8


# --- the near-duplicate threshold -----------------------------------------------------------------


def _texts(shared_fraction: float) -> tuple[str, str]:
    """Two 400-word texts whose 5-word shingle sets overlap by roughly shared_fraction (Jaccard)."""
    words = [f"w{i}" for i in range(400)]
    keep = int(400 * shared_fraction)
    other = words[:keep] + [f"v{i}" for i in range(400 - keep)]
    return " ".join(words), " ".join(other)


@pytest.mark.parametrize(("overlap", "duplicate"), [(0.83, True), (0.52, False)])
def test_near_duplicates_follow_the_documented_jaccard_threshold(db, overlap, duplicate):
    """DUPLICATE_JACCARD is 0.5: texts whose shingle sets overlap at ~0.7 are copies, at ~0.35 are not."""
    a, b = _texts(overlap)
    exact = len(shingles(a) & shingles(b)) / len(shingles(a) | shingles(b))
    estimate = similarity(minhash_signature(a), minhash_signature(b))
    assert abs(estimate - exact) < 0.15
    for i, text in enumerate((a, b)):
        row = db.execute(
            "INSERT INTO newswatch.pages (canonical_url, url) VALUES (%s, %s) RETURNING id",
            (f"https://x.example/{i}", f"https://x.example/{i}"),
        ).fetchone()
        article = db.execute(
            "INSERT INTO newswatch.articles (page_id, url, canonical_url, source, text, topics, content_hash,"
            " published_at) VALUES (%s, %s, %s, 's', %s, '{north_korea}', %s, now() + make_interval(mins => %s))"
            " RETURNING id",
            (row[0], f"https://x.example/{i}", f"https://x.example/{i}", text, str(i), i),
        ).fetchone()
        db.execute(
            "INSERT INTO newswatch.article_fingerprints (article_id, minhash) VALUES (%s, %s)",
            (article[0], minhash_signature(text)),
        )
    report = dedupe_stage(db)
    assert (report.duplicates == 1) is duplicate


# --- the outbox and email safety ------------------------------------------------------------------


def test_the_outbox_never_accepts_the_same_dedupe_key_twice(database_url, db):
    config = make_config(database_url, None, alerts={"smtp_host": "127.0.0.1", "recipients": ["a@b.example"]})
    kwargs = {"dedupe_key": "change:1", "kind": "change", "subject": "s", "text": "t", "html": "<p>t</p>"}
    first = queue(db, config, **kwargs)  # type: ignore[arg-type]
    second = queue(db, config, **kwargs)  # type: ignore[arg-type]
    assert first is not None and second is None
    assert db.execute("SELECT count(*) FROM newswatch.alerts").fetchone() == (1,)


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.anchors: list[list[tuple[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.anchors.append(attrs)


def test_a_hostile_url_cannot_break_out_of_the_href_attribute():
    url = 'https://evil.example/x" onmouseover="alert(1)" data-x="'
    parser = _Anchors()
    parser.feed(html_link(url, 'label"><script>alert(1)</script>'))
    assert len(parser.anchors) == 1
    assert [name for name, _ in parser.anchors[0]] == ["href"]
    assert parser.anchors[0][0][1] == url


# --- exit codes -------------------------------------------------------------------------------------


def test_run_exits_nonzero_when_a_stage_failed(tmp_path, database_url, db, web):
    """A stage that fails (here: the warehouse refuses figures) is reported and the exit code is 1."""
    db.execute(
        "CREATE FUNCTION newswatch.refuse() RETURNS trigger LANGUAGE plpgsql AS "
        "$$BEGIN RAISE EXCEPTION 'figures refused for the test'; END$$"
    )
    db.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON newswatch.figures FOR EACH ROW EXECUTE FUNCTION newswatch.refuse()"
    )
    try:
        config = _write_config(tmp_path, database_url, web, _site(web, 1))
        result = _run("run", "--config", str(config))
        assert result.returncode == 1, result.stdout
        assert "the figures stage failed" in result.stderr and "figures refused for the test" in result.stderr
    finally:
        db.execute("DROP TRIGGER refuse ON newswatch.figures")
        db.execute("DROP FUNCTION newswatch.refuse()")


def test_an_smtp_outage_delays_alerts_and_the_next_cycle_sends_them_once(database_url, db, web):
    """Never lost, never repeated: a change queued during an outage is sent exactly once afterwards."""
    with SMTPServer() as smtp:
        port = smtp.port
    feeds = _site(web, 1)
    alerts = {"smtp_host": "127.0.0.1", "smtp_port": port, "security": "none", "recipients": ["a@b.example"]}
    config = make_config(database_url, web, [("F", feeds[0])], alerts=alerts)
    down = run_cycle(config, conn=db, force=True)
    assert down.changes.first >= 1 and down.alerts.sent == 0 and down.alerts.retrying >= 1
    with SMTPServer(port=port) as smtp:
        sent = 0
        for _ in range(2):
            sent += run_cycle(config, conn=db, force=True).alerts.sent
            db.execute("UPDATE newswatch.alerts SET next_attempt_at = now() WHERE status = 'pending'")
        assert sent >= 1 and len(smtp.mailbox.envelopes) == sent
    assert db.execute("SELECT count(*) FROM newswatch.alerts WHERE status <> 'sent'").fetchone() == (0,)


# --- poll statuses --------------------------------------------------------------------------------


def test_a_feed_whose_server_refuses_the_connection_is_a_network_error_retried_with_backoff(database_url, db):
    """docs/warehouse.md, Poll statuses: `network_error` (connection refused), retried with backoff."""
    port = free_port()  # nothing listens there
    config = make_config(database_url, None, [("Gone", f"http://127.0.0.1:{port}/feed.xml")])
    config = replace(config, http=replace(config.http, allow_hosts=(f"127.0.0.1:{port}",)))
    sync_feeds(db, config)
    report = poll_stage(db, config, force=True)
    assert (report.polled, report.failed) == (1, 1)
    status, http_status, error = db.execute(
        "SELECT status, http_status, error FROM newswatch.poll_log"
    ).fetchone()
    assert (status, http_status) == ("network_error", None)
    assert "connection failed" in error and error.endswith("Connection refused")  # what went wrong
    health = db.execute(
        "SELECT last_status, consecutive_failures, next_poll_at > now() + interval '5 minutes'"
        " FROM newswatch.feed_health"
    ).fetchone()
    assert health == ("network_error", 1, True)
