"""Hostile and broken input through the whole cycle: each bad feed or page is recorded clearly, and
the good feed next to it still ends up as a stored article."""

from __future__ import annotations

import gzip
import resource
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from typing import Any

import psycopg
import pytest

from newswatch import settings
from newswatch.ingest.feeds import _bounded_guid, _clean, _valid_char_refs, _validator, describe
from newswatch.ingest.poll import failure_delay, poll_stage, sync_feeds
from newswatch.ingest.urls import canonical_url
from newswatch.pipeline import run_cycle
from tests import content
from tests.conftest import make_config
from tests.webserver import WebServer, slow

GOOD_FEED = "/good.xml"
GOOD_PAGE = "/good/nk-troops.html"


@pytest.fixture
def good(web: WebServer) -> str:
    """A healthy feed with one relevant article; returns its feed path."""
    page = web.add(GOOD_PAGE, content.page("North Korea sends troops", content.NK_TROOPS), "text/html")
    web.add(
        GOOD_FEED,
        content.rss(
            [
                {
                    "title": "North Korea sends troops",
                    "link": page,
                    "guid": "good-1",
                    "pubDate": "Wed, 14 Jan 2026 01:30:00 GMT",
                }
            ]
        ),
    )
    return GOOD_FEED


def assert_good_article_stored(db, web: WebServer) -> None:  # type: ignore[no-untyped-def]
    rows = db.execute(
        "SELECT url, topics FROM newswatch.articles WHERE url = %s", (web.url(GOOD_PAGE),)
    ).fetchall()
    assert len(rows) == 1, "the good feed's article was not stored: the cycle did not complete"
    assert "north_korea" in rows[0][1]


def one(db, sql: str, *params: Any) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    cur = db.execute(sql, params)
    row = cur.fetchone()
    assert row is not None, f"no row for {sql!r} {params!r}"
    return dict(zip([c.name for c in cur.description], row, strict=True))


def poll_logs(db, web: WebServer, path: str) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    cur = db.execute(
        "SELECT l.status, l.http_status, l.error, l.item_count, l.new_items, l.not_modified, l.skipped_items,"
        " l.duration_ms"
        " FROM newswatch.poll_log l JOIN newswatch.feeds f ON f.id = l.feed_id WHERE f.url = %s ORDER BY l.id",
        (web.url(path),),
    )
    return [dict(zip([c.name for c in cur.description], r, strict=True)) for r in cur.fetchall()]


def health(db, web: WebServer, path: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return one(
        db,
        "SELECT h.*, extract(epoch FROM h.next_poll_at - now()) AS due_in,"
        " extract(epoch FROM h.next_poll_at - h.last_polled_at) AS delay"
        " FROM newswatch.feed_health h JOIN newswatch.feeds f ON f.id = h.feed_id WHERE f.url = %s",
        web.url(path),
    )


def item_count(db, link: str) -> int:  # type: ignore[no-untyped-def]
    """Items (feed entries) pointing at the page at link."""
    return int(
        one(
            db,
            "SELECT count(*) AS n FROM newswatch.items i JOIN newswatch.pages p ON p.id = i.page_id"
            " WHERE p.canonical_url = %s",
            canonical_url(link),
        )["n"]
    )


def page_row(db, url: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return one(
        db,
        "SELECT status, attempts, http_status, last_error, error_status,"
        " extract(epoch FROM next_attempt_at - now()) AS retry_in FROM newswatch.pages WHERE url = %s",
        url,
    )


def assert_failed_poll(db, web: WebServer, path: str, status: str, http_status: int | None) -> str:  # type: ignore[no-untyped-def]
    """One logged failure with a message, mirrored in feed_health; returns the error text."""
    (log,) = poll_logs(db, web, path)
    assert (log["status"], log["not_modified"], log["item_count"], log["new_items"]) == (status, False, 0, 0)
    assert log["error"] and len(log["error"]) > 10
    h = health(db, web, path)
    assert (h["consecutive_failures"], h["last_status"]) == (1, status)
    assert log["http_status"] == h["last_http_status"] == http_status
    assert h["last_error"] == log["error"] and h["last_success_at"] is None
    assert h["due_in"] > 60  # backed off, not polled again right away
    return str(log["error"])


# --- broken feeds -------------------------------------------------------------------------------


def test_malformed_xml_feed_is_a_parse_error(db, web, good, config_for):
    web.add(
        "/bad.xml",
        b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        b"<title>Breaking & Co</title></chan",
    )
    run_cycle(config_for(good, "/bad.xml"), conn=db)
    error = assert_failed_poll(db, web, "/bad.xml", "parse_error", 200)
    assert error.startswith("malformed feed XML:") and "not well-formed" in error
    assert_good_article_stored(db, web)


def test_slightly_malformed_feed_still_yields_its_items(db, web, good, config_for):
    web.add(
        "/amp.xml",
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>A & B</title>'
        f"<item><title>Tom & Jerry</title><link>{web.url('/tj.html')}</link></item></channel></rss>",
    )
    run_cycle(config_for(good, "/amp.xml"), conn=db)
    (log,) = poll_logs(db, web, "/amp.xml")
    assert (log["status"], log["new_items"], log["error"]) == ("ok", 1, None)
    item = one(
        db,
        "SELECT i.title FROM newswatch.items i JOIN newswatch.pages p ON p.id = i.page_id WHERE p.url = %s",
        web.url("/tj.html"),
    )
    assert item["title"] == "Tom & Jerry"
    assert_good_article_stored(db, web)


def test_html_page_where_the_feed_should_be_is_not_a_feed(db, web, good, config_for):
    web.add(
        "/feed",
        "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
        "<p>Checking your browser before accessing the site.</p></body></html>",
        "text/html",
    )
    run_cycle(config_for(good, "/feed"), conn=db)
    error = assert_failed_poll(db, web, "/feed", "not_a_feed", 200)
    assert "HTML" in error
    assert_good_article_stored(db, web)


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/html; charset=utf-8", "<div><p>Sign in to read this feed.</p></div>"),
        (
            "application/xhtml+xml",
            '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>Moved.</p></body></html>',
        ),
        ("text/plain", "\n  <!doctype html><html><body><p>Down for maintenance.</p></body></html>"),
    ],
    ids=["html-content-type", "xhtml-content-type", "html-body"],
)
def test_an_html_page_is_recognised_by_its_content_type_or_by_its_first_bytes(
    db, web, good, config_for, content_type, body
):
    web.add("/feed", body, content_type)
    run_cycle(config_for(good, "/feed"), conn=db)
    error = assert_failed_poll(db, web, "/feed", "not_a_feed", 200)
    assert error.startswith("got an HTML page")


def test_an_unexpected_error_without_a_message_is_named_by_its_type():
    assert describe(ValueError()) == "ValueError"
    assert describe(ValueError("bad\n  value")) == "ValueError: bad value"


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><link>{link}</link><description>&lol9;</description></item>
</channel></rss>"""


def test_billion_laughs_feed_does_not_expand_entities(db, web, good, config_for):
    web.add("/lol.xml", BILLION_LAUGHS.format(link=web.url("/lol.html")))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.monotonic()
    run_cycle(config_for(good, "/lol.xml"), conn=db)
    assert time.monotonic() - start < 15
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before < 200_000  # KiB: far below 3 GB
    (log,) = poll_logs(db, web, "/lol.xml")
    assert log["status"] in ("ok", "parse_error", "not_a_feed")
    titles = [r[0] or "" for r in db.execute("SELECT title FROM newswatch.items")]
    assert all("lollol" not in t and len(t) < 1000 for t in titles)
    assert_good_article_stored(db, web)


@pytest.mark.parametrize(
    ("encoding", "channel", "title", "summary"),
    [
        (
            "windows-1251",
            "Новости",
            "Северная Корея направила войска в Курск",
            "Пхеньян подтвердил отправку солдат.",
        ),
        ("euc-kr", "뉴스", "북한, 러시아에 병력 파견", "국정원은 북한군 파병을 확인했다."),
    ],
    ids=["windows-1251", "euc-kr"],
)
def test_feed_in_a_legacy_encoding_is_decoded_from_its_xml_prolog(
    db, web, good, config_for, encoding, channel, title, summary
):
    link = web.url("/legacy.html")
    body = content.rss(
        [{"title": title, "link": link, "guid": "legacy-1", "description": summary}],
        title=channel,
        encoding=encoding,
    )
    assert f'encoding="{encoding}"' in body[:60].decode("ascii")
    web.add("/legacy.xml", body)  # Content-Type without charset: only the prolog names the encoding
    run_cycle(config_for(good, "/legacy.xml"), conn=db)
    (log,) = poll_logs(db, web, "/legacy.xml")
    assert (log["status"], log["new_items"]) == ("ok", 1)
    item = one(
        db,
        "SELECT i.title FROM newswatch.items i JOIN newswatch.pages p ON p.id = i.page_id WHERE p.url = %s",
        link,
    )
    assert item["title"] == title
    assert one(db, "SELECT feed_summary FROM newswatch.pages WHERE url = %s", link)["feed_summary"] == summary
    assert_good_article_stored(db, web)


@pytest.mark.parametrize(
    ("code", "phrase"), [(404, "Not Found"), (410, "Gone"), (500, "Internal Server Error")]
)
def test_http_error_feeds_are_recorded(db, web, good, config_for, code, phrase):
    web.add("/err.xml", "error page", "text/plain", status=code)
    run_cycle(config_for(good, "/err.xml"), conn=db)
    error = assert_failed_poll(db, web, "/err.xml", "http_error", code)
    assert error == f"HTTP {code} {phrase}"
    assert_good_article_stored(db, web)


def test_tiny_body_is_a_parse_error(db, web, good, config_for):
    web.add("/tiny.xml", b"hello world")
    assert len(b"hello world") == 11
    run_cycle(config_for(good, "/tiny.xml"), conn=db)
    error = assert_failed_poll(db, web, "/tiny.xml", "parse_error", 200)
    assert error.startswith("malformed feed XML:")
    assert_good_article_stored(db, web)


def test_well_formed_feed_with_zero_items_is_empty(db, web, good, config_for):
    web.add("/empty.xml", content.rss([], title="Nothing today"))
    run_cycle(config_for(good, "/empty.xml"), conn=db)
    error = assert_failed_poll(db, web, "/empty.xml", "empty", 200)
    assert error == "the feed has no items"
    assert_good_article_stored(db, web)


def test_rate_limited_feed_waits_for_retry_after(db, web, good, config_for):
    web.add("/busy.xml", "slow down", "text/plain", status=429, Retry_After="3600")
    run_cycle(config_for(good, "/busy.xml"), conn=db)
    error = assert_failed_poll(db, web, "/busy.xml", "rate_limited", 429)
    assert "Retry-After 3600" in error
    assert health(db, web, "/busy.xml")["due_in"] >= 3600 - 30
    assert_good_article_stored(db, web)


class SilentServer:
    """Accepts TCP connections on loopback and never answers."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.host_port = f"127.0.0.1:{self.sock.getsockname()[1]}"
        self.conns: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                self.conns.append(self.sock.accept()[0])
            except OSError:
                return

    def close(self) -> None:
        self.sock.close()
        for c in self.conns:
            c.close()


@pytest.fixture
def silent() -> Iterator[SilentServer]:
    server = SilentServer()
    yield server
    server.close()


@pytest.fixture
def other_web() -> Iterator[WebServer]:
    """A second loopback server that is NOT in allow_hosts."""
    with WebServer() as server:
        yield server


def redirect_to(location: str):  # type: ignore[no-untyped-def]
    def handle(req: BaseHTTPRequestHandler) -> None:
        req.send_response(302)
        req.send_header("Location", location)
        req.send_header("Content-Length", "0")
        req.end_headers()

    return handle


@pytest.mark.parametrize("case", ["too_large", "gzip_bomb", "redirect_loop", "blocked", "timeout"])
def test_fetch_failures_of_a_feed_are_recorded(db, web, good, config_for, silent, other_web, case):
    http: dict[str, Any] = {"timeout_seconds": 2, "max_bytes": 200_000, "allow_hosts": [web.host_port]}
    if case == "too_large":
        web.add("/f.xml", content.rss([{"title": "x" * 1000, "link": web.url(f"/{i}")} for i in range(300)]))
    elif case == "gzip_bomb":
        web.add("/f.xml", gzip.compress(b" " * 50_000_000, 9), Content_Encoding="gzip")
    elif case == "redirect_loop":
        web.add_handler("/f.xml", redirect_to("/f.xml"))
    elif case == "blocked":
        other_web.add("/f.xml", content.rss([{"title": "t", "link": other_web.url("/a")}]))
        web.add_handler("/f.xml", redirect_to(other_web.url("/f.xml")))
    else:
        http["allow_hosts"] = [web.host_port, silent.host_port]
        web.add_handler("/f.xml", redirect_to(f"http://{silent.host_port}/f.xml"))
    start = time.monotonic()
    run_cycle(config_for(good, "/f.xml", http=http), conn=db)
    assert time.monotonic() - start < 10
    status = case if case not in ("gzip_bomb",) else "too_large"
    error = assert_failed_poll(db, web, "/f.xml", status, 200 if status == "too_large" else None)
    assert {
        "too_large": "max_bytes",
        "redirect_loop": "redirects",
        "blocked": "allow_hosts",
        "timeout": "within 2 s",
    }[status] in error
    assert other_web.requests == []
    assert_good_article_stored(db, web)


# --- backoff and recovery -------------------------------------------------------------------------


def test_failing_feed_backs_off_and_recovers(db, web, good, config_for):
    web.add("/flaky.xml", "down", "text/plain", status=500)
    config = config_for(good, "/flaky.xml")
    base = settings.BACKOFF_BASE_MINUTES * 60
    delays = []
    for n in (1, 2, 3):
        run_cycle(config, conn=db, force=True)
        h = health(db, web, "/flaky.xml")
        assert (h["consecutive_failures"], h["last_status"], h["last_http_status"]) == (n, "http_error", 500)
        low, high = base * 2 ** (n - 1) * 0.5, base * 2 ** (n - 1) * 1.5
        assert low - 1 <= float(h["delay"]) <= high + 1
        delays.append(float(h["delay"]))
    assert delays[2] > delays[0]  # 3rd failure: at least 30 min; 1st: at most 22.5 min
    assert [r["status"] for r in poll_logs(db, web, "/flaky.xml")] == ["http_error"] * 3

    items = content.rss([{"title": "Back online", "link": web.url("/back.html"), "guid": "back-1"}])
    web.add("/flaky.xml", items)
    run_cycle(config, conn=db, force=True)
    h = health(db, web, "/flaky.xml")
    assert (h["consecutive_failures"], h["last_status"], h["last_error"]) == (0, "ok", None)
    assert h["last_success_at"] is not None and abs(float(h["delay"]) - 15 * 60) < 2
    assert poll_logs(db, web, "/flaky.xml")[-1]["new_items"] == 1
    assert_good_article_stored(db, web)


def test_backoff_jitter_spreads_delays_within_half_the_base():
    base = settings.BACKOFF_BASE_MINUTES * 60 * 4  # third failure
    values = [failure_delay(3, None) for _ in range(500)]
    assert all(0.5 * base <= v <= 1.5 * base for v in values)
    assert len(set(values)) > 450
    assert min(values) < 0.7 * base and max(values) > 1.3 * base


def test_backoff_is_capped_and_retry_after_is_honoured_but_clamped():
    cap = settings.BACKOFF_MAX_MINUTES * 60
    # enough draws that one lands in the top 2.5% of the jitter, where a cap 1/60 higher would show
    delays = [failure_delay(40, None) for _ in range(2000)]
    assert all(v <= 1.5 * cap for v in delays) and max(delays) > 1.47 * cap
    assert failure_delay(1, 7200) >= 7200
    assert failure_delay(1, 10**9) == settings.RETRY_AFTER_MAX_MINUTES * 60


# --- conditional GET and change detection -------------------------------------------------------


def test_etag_makes_the_second_poll_a_conditional_get(db, web, good, config_for):
    page = web.url("/e.html")
    web.add("/etag.xml", content.rss([{"title": "Etag item", "link": page, "guid": "e-1"}]), etag=True)
    config = config_for(good, "/etag.xml")
    run_cycle(config, conn=db)
    etag = health(db, web, "/etag.xml")["etag"]
    assert etag
    run_cycle(config, conn=db, force=True)
    sent = [headers for path, headers in web.requests if path == "/etag.xml"]
    assert len(sent) == 2 and "If-None-Match" not in sent[0] and sent[1]["If-None-Match"] == etag
    first, second = poll_logs(db, web, "/etag.xml")
    assert (first["status"], first["new_items"]) == ("ok", 1)
    assert (second["status"], second["http_status"], second["not_modified"], second["new_items"]) == (
        "not_modified",
        304,
        True,
        0,
    )
    assert item_count(db, page) == 1
    assert health(db, web, "/etag.xml")["consecutive_failures"] == 0
    assert_good_article_stored(db, web)


def test_same_bytes_from_a_server_ignoring_conditional_headers_are_not_modified(db, web, good, config_for):
    page = web.url("/s.html")
    modified = "Wed, 14 Jan 2026 01:30:00 GMT"
    web.add(
        "/same.xml",
        content.rss([{"title": "Same item", "link": page, "guid": "s-1"}]),
        Last_Modified=modified,
    )
    config = config_for(good, "/same.xml")
    run_cycle(config, conn=db)
    run_cycle(config, conn=db, force=True)
    first, second = poll_logs(db, web, "/same.xml")
    assert first["not_modified"] is False
    assert (second["status"], second["http_status"], second["not_modified"], second["new_items"]) == (
        "not_modified",
        200,
        True,
        0,
    )
    assert item_count(db, page) == 1
    assert health(db, web, "/same.xml")["last_modified"] == modified  # still sent next time
    feed_requests = [headers for path, headers in web.requests if path == "/same.xml"]
    assert feed_requests[1]["If-Modified-Since"] == modified
    # what the poll asks for: the feed formats first, any XML next, anything else last
    accepted = feed_requests[0]["Accept"].split(", ")
    assert accepted == [
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml;q=0.9",
        "text/xml;q=0.9",
        "*/*;q=0.5",
    ]
    assert_good_article_stored(db, web)


def test_an_item_listed_twice_in_one_feed_is_stored_once(db, web, good, config_for):
    page = web.url("/twice.html")
    item = {"title": "Listed twice", "link": page, "guid": "twice-1"}
    web.add("/twice.xml", content.rss([item, item]))
    run_cycle(config_for(good, "/twice.xml"), conn=db)
    (log,) = poll_logs(db, web, "/twice.xml")
    assert (log["status"], log["item_count"], log["new_items"], log["error"]) == ("ok", 1, 1, None)
    assert item_count(db, page) == 1
    assert_good_article_stored(db, web)


def test_the_poll_report_counts_every_feed_and_quiet_polls_are_written_while_others_are_slow(
    db, web, config_for
):
    web.add(
        "/quiet.xml", content.rss([{"title": "Quiet", "link": web.url("/q.html"), "guid": "q"}]), etag=True
    )
    slow_feed = content.rss([{"title": "Slow", "link": web.url("/s.html"), "guid": "s"}])
    web.add_handler("/slow.xml", slow(slow_feed, 1.5, "application/rss+xml"))
    config = config_for("/quiet.xml", "/slow.xml", "/gone1.xml", "/gone2.xml")
    sync_feeds(db, config)
    poll_stage(db, config, force=True)

    calls: list[tuple[str, int, int]] = []
    report = poll_stage(db, config, force=True, progress=lambda *call: calls.append(call))
    assert (report.polled, report.not_modified, report.ok, report.failed) == (4, 2, 0, 2)
    assert calls == [("poll", n, 4) for n in range(1, 5)]
    # Both not-modified polls went into a batch flushed once the slow one came back, over a second in.
    assert [log["not_modified"] for log in poll_logs(db, web, "/quiet.xml")] == [False, True]
    slow_logs = poll_logs(db, web, "/slow.xml")
    assert [log["not_modified"] for log in slow_logs] == [False, True]
    assert all(log["duration_ms"] >= 1500 for log in slow_logs)  # the log keeps milliseconds


def test_undated_items_are_not_new_on_the_next_poll(db, web, good, config_for):
    links = [
        web.add(f"/undated/{i}.html", content.page("Late equaliser", content.FOOTBALL), "text/html")
        for i in range(2)
    ]
    items = [
        {"title": f"Undated story {i}", "link": link} for i, link in enumerate(links)
    ]  # no guid, no date
    web.add("/undated.xml", content.rss(items, title="Sports desk"))
    config = config_for(good, "/undated.xml")
    run_cycle(config, conn=db)
    web.add("/undated.xml", content.rss(items, title="Sports desk (updated)"))  # new bytes, same items
    run_cycle(config, conn=db, force=True)
    first, second = poll_logs(db, web, "/undated.xml")
    assert (first["status"], first["new_items"]) == ("ok", 2)
    assert (second["status"], second["not_modified"], second["item_count"], second["new_items"]) == (
        "ok",
        False,
        2,
        0,
    )
    assert one(db, "SELECT count(*) AS n FROM newswatch.items WHERE published_at IS NULL")["n"] == 2
    assert [web.hits(f"/undated/{i}.html") for i in range(2)] == [1, 1]  # not fetched again
    assert_good_article_stored(db, web)


def test_guidless_item_whose_link_only_changes_tracking_parameters_is_not_new(db, web, good, config_for):
    page = web.add("/rot.html", content.page("Late equaliser", content.FOOTBALL), "text/html")
    web.add("/rot.xml", content.rss([{"title": "Rotating", "link": page + "?utm_source=rss&utm_content=1"}]))
    config = config_for(good, "/rot.xml")
    run_cycle(config, conn=db)
    web.add("/rot.xml", content.rss([{"title": "Rotating", "link": page + "?utm_source=rss&utm_content=2"}]))
    run_cycle(config, conn=db, force=True)
    assert web.hits("/rot.html") == 1  # the page itself is recognised (canonical URL)
    assert_good_article_stored(db, web)
    assert [r["new_items"] for r in poll_logs(db, web, "/rot.xml")] == [1, 0]
    assert item_count(db, page) == 1


# --- pages that yield no article ---------------------------------------------------------------------

EMPTY_PAGE = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>'
    '<body><div class="article-body"></div></body></html>'
)


def test_page_without_text_keeps_the_feed_summary_as_a_partial_article(db, web, good, config_for):
    summary = (
        "North Korea has sent thousands of soldiers to Russia's Kursk region, South Korea's spy agency "
        "told lawmakers on Wednesday."
    )
    link = web.add("/video.html", EMPTY_PAGE.format(title="Video"), "text/html")
    web.add(
        "/video.xml",
        content.rss(
            [{"title": "Watch: troops on the move", "link": link, "guid": "v-1", "description": summary}]
        ),
    )
    run_cycle(config_for(good, "/video.xml"), conn=db)
    art = one(db, "SELECT text, summary, partial, topics FROM newswatch.articles WHERE url = %s", link)
    assert (art["text"], art["summary"], art["partial"]) == (summary, summary, True)
    assert "north_korea" in art["topics"]
    p = page_row(db, link)
    assert (p["status"], p["error_status"]) == ("relevant", "extract_error")
    assert "partial" in p["last_error"]
    assert_good_article_stored(db, web)


def test_script_style_and_comments_in_a_feed_summary_never_reach_the_stored_text(db, web, good, config_for):
    summary = (
        "South Korea's spy agency said about 11,000 North Korean soldiers were in Russia's Kursk region."
    )
    hidden = (
        '<script>var related = ["Kursk", "Pyongyang"];</script><style>.teaser{color:red}</style>'
        "<!-- promo: Russia Ukraine war live -->"
    )
    link = web.add("/hidden.html", EMPTY_PAGE.format(title="Video"), "text/html")
    web.add(
        "/hidden.xml",
        content.rss(
            [
                {
                    "title": "Watch: troops",
                    "link": link,
                    "guid": "h-1",
                    "description": f"{hidden}<p>{summary}</p>",
                }
            ]
        ),
    )
    run_cycle(config_for(good, "/hidden.xml"), conn=db)
    art = one(db, "SELECT text, summary, partial FROM newswatch.articles WHERE url = %s", link)
    assert (art["text"], art["summary"], art["partial"]) == (summary, summary, True)
    assert one(db, "SELECT feed_summary FROM newswatch.pages WHERE url = %s", link)["feed_summary"] == summary


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("<script>var x = 'Kursk';</script><p>Seoul said 11,000.</p>", "Seoul said 11,000."),
        ("<STYLE type=x>p {}</STYLE >Seoul said 11,000.<!-- Russia -->", "Seoul said 11,000."),
        ("Seoul said 11,000. <script>unclosed Pyongyang", "Seoul said 11,000."),
        ("a < b, <noscript>Russia</noscript>and <template>x</template>c", "a < b, and c"),
    ],
)
def test_clean_drops_what_a_browser_never_shows(field, text):
    # Without relying on feedparser's sanitizer (a summary from another path gets the same treatment).
    assert _clean(field) == text


@pytest.mark.parametrize(("max_attempts", "status"), [(4, "pending"), (1, "failed")])
def test_page_without_text_or_summary_is_retried_within_max_attempts(
    db, web, good, config_for, max_attempts, status
):
    title = "North Korea fires ballistic missile"
    link = web.add("/blank.html", EMPTY_PAGE.format(title=title), "text/html")
    web.add("/blank.xml", content.rss([{"title": title, "link": link, "guid": "b-1"}]))
    run_cycle(config_for(good, "/blank.xml", extract={"max_attempts": max_attempts}), conn=db)
    p = page_row(db, link)
    assert (p["status"], p["attempts"], p["error_status"], p["http_status"]) == (
        status,
        1,
        "extract_error",
        200,
    )
    assert "no extractable text" in p["last_error"]
    if status == "pending":
        assert p["retry_in"] > 60  # later, not in this cycle again
    assert one(db, "SELECT count(*) AS n FROM newswatch.articles WHERE url = %s", link)["n"] == 0
    assert_good_article_stored(db, web)


def test_page_server_error_is_retried_later_then_failed(db, web, good, config_for):
    link = web.add("/broken.html", "oops", "text/plain", status=500)
    web.add("/broken.xml", content.rss([{"title": "North Korea news", "link": link, "guid": "x-1"}]))
    config = config_for(good, "/broken.xml", extract={"max_attempts": 2})
    run_cycle(config, conn=db)
    p = page_row(db, link)
    assert (p["status"], p["attempts"], p["http_status"], p["error_status"]) == (
        "pending",
        1,
        500,
        "http_error",
    )
    assert p["last_error"] == "HTTP 500 Internal Server Error"
    assert p["retry_in"] >= settings.PAGE_RETRY_BASE_MINUTES * 60 - 30
    run_cycle(config, conn=db)  # not due yet: not fetched again
    assert web.hits("/broken.html") == 1
    db.execute("UPDATE newswatch.pages SET next_attempt_at = now() WHERE url = %s", (link,))  # time passes
    run_cycle(config, conn=db)
    p = page_row(db, link)
    assert (p["status"], p["attempts"], p["error_status"]) == ("failed", 2, "http_error")
    assert web.hits("/broken.html") == 2
    assert_good_article_stored(db, web)


def test_article_redirecting_to_a_port_not_in_allow_hosts_is_blocked(db, web, good, config_for, other_web):
    other_web.add("/nk.html", content.page("North Korea sends troops", content.NK_TROOPS), "text/html")
    link = web.add_handler("/go.html", redirect_to(other_web.url("/nk.html")))
    web.add("/go.xml", content.rss([{"title": "North Korea news", "link": link, "guid": "go-1"}]))
    run_cycle(config_for(good, "/go.xml"), conn=db)
    p = page_row(db, link)
    assert (p["status"], p["attempts"], p["error_status"]) == ("failed", 1, "blocked")
    assert other_web.host_port in p["last_error"] and "allow_hosts" in p["last_error"]
    assert other_web.requests == []
    assert_good_article_stored(db, web)


# --- one bad input never stops a stage --------------------------------------------------------------


def raw_redirect(location: bytes):  # type: ignore[no-untyped-def]
    """A redirect whose Location is raw bytes: malformed, or in a legacy encoding."""

    def handle(req: BaseHTTPRequestHandler) -> None:
        req.wfile.write(b"HTTP/1.1 302 Found\r\nLocation: %s\r\nContent-Length: 0\r\n\r\n" % location)

    return handle


HOSTILE_LOCATIONS = {"malformed": b"http://[::1", "cp1251": "/новости/1".encode("cp1251")}


@pytest.mark.parametrize("case", sorted(HOSTILE_LOCATIONS))
def test_feed_redirecting_to_a_hostile_location_is_recorded(db, web, good, config_for, case):
    web.add_handler("/moved.xml", raw_redirect(HOSTILE_LOCATIONS[case]))
    report = run_cycle(config_for(good, "/moved.xml"), conn=db)
    assert report.failed_stages == {}
    if case == "malformed":
        error = assert_failed_poll(db, web, "/moved.xml", "bad_response", 302)
        assert "malformed Location" in error
    else:  # followed, percent-encoded byte for byte, to a path the server does not have
        error = assert_failed_poll(db, web, "/moved.xml", "http_error", 404)
        assert web.hits("/%ED%EE%E2%EE%F1%F2%E8/1") == 1
    assert_good_article_stored(db, web)


@pytest.mark.parametrize("case", sorted(HOSTILE_LOCATIONS))
def test_page_redirecting_to_a_hostile_location_is_recorded(db, web, good, config_for, case):
    link = web.add_handler("/moved.html", raw_redirect(HOSTILE_LOCATIONS[case]))
    web.add("/moved.xml", content.rss([{"title": "North Korea news", "link": link, "guid": "m-1"}]))
    report = run_cycle(config_for(good, "/moved.xml"), conn=db)
    assert report.failed_stages == {}
    p = page_row(db, link)
    if case == "malformed":
        assert (p["status"], p["attempts"], p["error_status"]) == ("pending", 1, "bad_response")
        assert "malformed Location" in p["last_error"]
    else:
        assert (p["status"], p["attempts"], p["http_status"]) == ("pending", 1, 404)
    assert p["retry_in"] > 60
    assert_good_article_stored(db, web)


NUL_FEED = (
    b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Nul\x00 News</title>'
    b"<item><title>North Korea&#0; sends\x00 troops</title><link>{link}&#0;</link>"
    b"<guid>nul-&#0;1\x00</guid><description>Kursk&#0; front\x00 line</description></item>"
    b"</channel></rss>"
)


def test_nul_characters_in_a_feed_and_its_headers_are_removed_before_storing(db, web, good, config_for):
    link = web.add("/nul.html", content.page("North Korea sends troops", content.NK_TROOPS), "text/html")
    web.add(
        "/nul.xml",
        NUL_FEED.replace(b"{link}", link.encode()),
        ETag='"abc\x00def"',
        Last_Modified="Wed, 14 Jan 2026\x00 01:30:00 GMT",
    )
    report = run_cycle(config_for(good, "/nul.xml"), conn=db)
    assert report.failed_stages == {}
    (log,) = poll_logs(db, web, "/nul.xml")
    assert (log["status"], log["new_items"]) == ("ok", 1)
    h = health(db, web, "/nul.xml")
    assert (h["etag"], h["last_modified"]) == (None, None)  # cannot be sent back: not kept
    item = one(
        db,
        "SELECT i.guid, i.title, p.url, p.feed_summary FROM newswatch.items i"
        " JOIN newswatch.pages p ON p.id = i.page_id WHERE p.url = %s",
        link,
    )
    assert item["guid"].endswith("nul-1")  # feedparser reads a bare guid as a relative permalink
    assert {**item, "guid": "nul-1"} == {
        "guid": "nul-1",
        "title": "North Korea sends troops",
        "url": link,
        "feed_summary": "Kursk front line",
    }
    assert one(db, "SELECT count(*) AS n FROM newswatch.articles WHERE url = %s", link)["n"] == 1
    assert_good_article_stored(db, web)


def test_nul_characters_in_page_text_are_removed_before_storing(db, web, good, config_for):
    paragraphs = [p.replace("Russia", "Russia&#0;") for p in content.NK_TROOPS]
    page = content.page("North Korea\x00 sends troops", paragraphs, author="Kim\x00 Min-young")
    link = web.add("/nul.html", page.replace(b"&amp;#0;", b"&#0;"), "text/html")
    web.add("/nul.xml", content.rss([{"title": "North Korea", "link": link, "guid": "n-1"}]))
    report = run_cycle(config_for(good, "/nul.xml"), conn=db)
    assert report.failed_stages == {}
    art = one(db, "SELECT title, author, text FROM newswatch.articles WHERE url = %s", link)
    assert "\x00" not in "".join(art.values()) and "Russia" in art["text"]
    assert_good_article_stored(db, web)


def test_a_link_of_exactly_the_url_limit_is_kept(db, web, good, config_for):
    base = web.url("/edge/")
    link = base + "a" * (settings.MAX_URL_CHARS - len(base) - 5) + ".html"
    assert len(link) == settings.MAX_URL_CHARS
    web.add("/edge.xml", content.rss([{"title": "At the limit", "link": link, "guid": "edge-1"}]))
    run_cycle(config_for(good, "/edge.xml"), conn=db)
    (log,) = poll_logs(db, web, "/edge.xml")
    assert (log["status"], log["new_items"], log["skipped_items"]) == ("ok", 1, 0)


def test_validators_and_guids_are_bounded_at_their_limits():
    assert _validator('"' + "e" * 1022 + '"') == '"' + "e" * 1022 + '"'  # 1,024 characters: kept
    assert _validator('"' + "e" * 1023 + '"') is None
    long_guid = "tag:example.org,2026:" + "g" * 3000
    bounded = _bounded_guid(long_guid)
    assert len(bounded.encode()) <= settings.MAX_GUID_BYTES
    assert bounded.startswith("tag:example.org,2026:ggg") and bounded != _bounded_guid(long_guid + "h")
    # cut inside a two-byte character: the broken character is dropped, the guid stays valid text
    accented = _bounded_guid("é" * 2000)
    assert len(accented.encode()) <= settings.MAX_GUID_BYTES and accented.startswith("é" * 967 + "#")


def test_character_references_to_private_use_characters_are_kept():
    # only references to no character (0, surrogates, beyond U+10FFFF) are changed
    assert _valid_char_refs(b"&#57344; &#xE000; &#xF8FF;") == b"&#57344; &#xE000; &#xF8FF;"
    assert _valid_char_refs(b"&#57343;&#xDFFF;") == b"&#xFFFD;&#xFFFD;"


def test_overlong_links_are_skipped_and_counted_not_stored(db, web, good, config_for):
    long_link = web.url("/long/" + "a" * 3000 + ".html")
    cyrillic = web.url("/long/" + "новости" * 60 + ".html")  # 420 characters, 2,520 percent-encoded
    short = web.add("/short.html", content.page("North Korea sends troops", content.NK_TROOPS), "text/html")
    web.add(
        "/long.xml",
        content.rss(
            [
                {"title": "Too long", "link": long_link, "guid": "l-1"},
                {"title": "Too long encoded", "link": cyrillic, "guid": "l-2"},
                {"title": "Fine", "link": short, "guid": "l-3"},
            ]
        ),
    )
    report = run_cycle(config_for(good, "/long.xml"), conn=db)
    assert report.failed_stages == {}
    (log,) = poll_logs(db, web, "/long.xml")
    assert (log["status"], log["item_count"], log["new_items"], log["skipped_items"]) == ("ok", 1, 1, 2)
    assert report.poll.skipped_items == 2
    assert (
        one(db, "SELECT max(length(canonical_url)) AS n FROM newswatch.pages")["n"] <= settings.MAX_URL_CHARS
    )
    assert one(db, "SELECT count(*) AS n FROM newswatch.articles WHERE url = %s", short)["n"] == 1
    assert_good_article_stored(db, web)


def test_feed_with_only_overlong_links_is_empty(db, web, good, config_for):
    web.add("/long.xml", content.rss([{"title": "x", "link": web.url("/" + "a" * 3000), "guid": "1"}]))
    run_cycle(config_for(good, "/long.xml"), conn=db)
    error = assert_failed_poll(db, web, "/long.xml", "empty", 200)
    assert "usable link" in error
    assert_good_article_stored(db, web)


def test_uniqueness_of_canonical_urls_holds_for_long_urls(db):
    url = "https://example.org/" + secrets.token_hex(2500)  # incompressible: no TOAST rescue
    insert = "INSERT INTO newswatch.pages (canonical_url, url) VALUES (%s, %s)"
    db.execute(insert, (url, url))
    with pytest.raises(psycopg.errors.UniqueViolation):
        db.execute(insert, (url, url))


def test_overlong_guids_keep_their_identity(db, web, good, config_for):
    guids = ["г" * 1500 + "-1", "г" * 1500 + "-2"]  # 3,000 bytes each, differing only at the end
    links = [web.url(f"/g{i}.html") for i in range(2)]
    feed = content.rss([{"title": "t", "link": links[i], "guid": guids[i]} for i in range(2)])
    web.add("/guid.xml", feed)
    config = config_for(good, "/guid.xml")
    run_cycle(config, conn=db)
    web.add("/guid.xml", feed + b" ")  # new bytes, same items
    run_cycle(config, conn=db, force=True)
    assert [r["new_items"] for r in poll_logs(db, web, "/guid.xml")] == [2, 0]
    assert one(db, "SELECT count(*) AS n FROM newswatch.items WHERE octet_length(guid) <= 2000")["n"] == 3


@pytest.fixture
def poison(db):  # type: ignore[no-untyped-def]
    """A trigger that makes PostgreSQL refuse any row titled "poison": a database error on one input."""
    db.execute(
        "CREATE FUNCTION newswatch.test_poison() RETURNS trigger LANGUAGE plpgsql AS $$"
        " BEGIN IF NEW.title LIKE '%%poison%%' THEN RAISE EXCEPTION 'poisoned row'; END IF; RETURN NEW; END $$"
    )
    for table in ("items", "articles"):
        db.execute(
            f"CREATE TRIGGER test_poison BEFORE INSERT OR UPDATE ON newswatch.{table}"
            " FOR EACH ROW EXECUTE FUNCTION newswatch.test_poison()"
        )
    yield
    db.execute("DROP FUNCTION newswatch.test_poison() CASCADE")


def test_a_database_error_storing_one_feed_is_recorded_against_it(db, web, good, config_for, poison):
    web.add("/poison.xml", content.rss([{"title": "poison", "link": web.url("/p.html"), "guid": "p"}]))
    report = run_cycle(config_for(good, "/poison.xml"), conn=db)
    assert report.failed_stages == {}
    error = assert_failed_poll(db, web, "/poison.xml", "internal_error", 200)
    assert "poisoned row" in error
    assert_good_article_stored(db, web)


def test_a_database_error_storing_one_page_is_recorded_against_it(db, web, good, config_for, poison):
    link = web.add("/p.html", content.page("North Korea poison", content.NK_TROOPS), "text/html")
    web.add("/poison.xml", content.rss([{"title": "North Korea", "link": link, "guid": "p"}]))
    report = run_cycle(config_for(good, "/poison.xml"), conn=db)
    assert report.failed_stages == {}
    p = page_row(db, link)
    assert (p["status"], p["attempts"], p["error_status"]) == ("pending", 1, "internal_error")
    assert "poisoned row" in p["last_error"] and p["retry_in"] > 60
    assert_good_article_stored(db, web)  # stored in the same batch as the poisoned page


def test_anything_a_feed_raises_is_recorded_against_it(db, web, good, config_for, monkeypatch):
    """Whatever a bug in parsing raises for one feed (here a stand-in RuntimeError), the stage goes on."""
    import newswatch.ingest.feeds as feeds

    real = feeds.parse

    def parse(response):  # type: ignore[no-untyped-def]
        if response.url.endswith("/bug.xml"):
            raise RuntimeError("a bug in parsing")
        return real(response)

    monkeypatch.setattr(feeds, "parse", parse)
    web.add("/bug.xml", content.rss([{"title": "t", "link": web.url("/b.html"), "guid": "b"}]))
    report = run_cycle(config_for(good, "/bug.xml"), conn=db)
    assert report.failed_stages == {}
    error = assert_failed_poll(db, web, "/bug.xml", "internal_error", None)
    assert error == "RuntimeError: a bug in parsing"
    assert_good_article_stored(db, web)


def test_character_references_to_no_character_do_not_lose_the_feed(db, web, good, config_for):
    link = web.url("/refs.html")
    web.add(
        "/refs.xml",
        b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Refs</title>'
        b"<item><title>Kursk &#xD800;&#55296; &#1114112;&#x110000; front</title><link>"
        + link.encode()
        + b"</link><guid>refs-1</guid></item></channel></rss>",
    )
    report = run_cycle(config_for(good, "/refs.xml"), conn=db)
    assert report.failed_stages == {}
    (log,) = poll_logs(db, web, "/refs.xml")
    assert (log["status"], log["new_items"]) == ("ok", 1)
    title = one(db, "SELECT title FROM newswatch.items WHERE guid LIKE %s", "%refs-1")["title"]
    assert title == "Kursk \ufffd\ufffd \ufffd\ufffd front"
    assert_good_article_stored(db, web)


# --- the poll stage: shards, report totals, refused batches ----------------------------------------


def test_poll_shards_split_feeds_by_host_and_together_poll_each_feed_once(db, web, database_url):
    """Five shards: the feeds on 127.0.0.1 and those on localhost (the same server) fall in different
    shards (hashtext of the host, checked below), and every feed is polled by exactly one shard."""
    feed = content.rss([{"title": "Sharded", "link": web.url("/sharded.html"), "guid": "sharded"}])
    web.add("/one.xml", feed)
    web.add("/two.xml", feed)
    by_name = web.host_port.replace("127.0.0.1", "localhost")
    urls = [web.url("/one.xml"), web.url("/two.xml").replace(web.host_port, by_name)]
    config = make_config(
        database_url,
        web,
        [("One", urls[0]), ("Two", urls[1])],
        http={"allow_hosts": [web.host_port, by_name]},
    )
    sync_feeds(db, config)
    shard_of = dict(
        db.execute("SELECT url, (hashtext(host) & 2147483647) % 5 FROM newswatch.feeds").fetchall()
    )
    assert len(set(shard_of.values())) == 2  # the two hosts fall in different shards
    polled = [poll_stage(db, config, force=True, shard=s, shards=5).polled for s in range(5)]
    assert polled == [sum(v == s for v in shard_of.values()) for s in range(5)]
    logs = db.execute(
        "SELECT f.url, count(*), bool_and(l.status = 'ok') FROM newswatch.poll_log l"
        " JOIN newswatch.feeds f ON f.id = l.feed_id GROUP BY f.url"
    ).fetchall()
    assert sorted(logs) == sorted((url, 1, True) for url in urls)


def test_the_poll_report_adds_up_skipped_items_over_every_feed(db, web, config_for):
    for name in ("a", "b"):
        web.add(
            f"/skips-{name}.xml",
            content.rss(
                [
                    {"title": "No usable link", "link": "ftp://example.org/item", "guid": f"{name}-1"},
                    {"title": "Fine", "link": web.url(f"/{name}.html"), "guid": f"{name}-2"},
                ]
            ),
        )
    config = config_for("/skips-a.xml", "/skips-b.xml")
    sync_feeds(db, config)
    report = poll_stage(db, config, force=True)
    assert (report.polled, report.ok, report.new_items, report.skipped_items) == (2, 2, 2, 2)


def test_a_refused_batch_of_quiet_polls_is_written_poll_by_poll_and_only_the_refused_one_fails(
    db, web, config_for
):
    """Not-modified polls are written in one batch; when PostgreSQL refuses the batch (here a trigger
    refuses one feed's row), each poll is written on its own: the others are recorded as they were."""
    for name in ("fine", "refused"):
        link = web.url(f"/{name}.html")
        web.add(f"/{name}.xml", content.rss([{"title": name, "link": link, "guid": name}]), etag=True)
    config = config_for("/fine.xml", "/refused.xml")
    sync_feeds(db, config)
    poll_stage(db, config, force=True)  # both ok, their ETags stored: the next polls are 304s
    refused = one(db, "SELECT id FROM newswatch.feeds WHERE url = %s", web.url("/refused.xml"))["id"]
    db.execute(
        "CREATE FUNCTION newswatch.test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        f" IF NEW.feed_id = {int(refused)} AND NEW.last_status = 'not_modified' THEN"
        " RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$"
    )
    db.execute(
        "CREATE TRIGGER test_refuse BEFORE UPDATE ON newswatch.feed_health"
        " FOR EACH ROW EXECUTE FUNCTION newswatch.test_refuse()"
    )
    try:
        poll_stage(db, config, force=True)
    finally:
        db.execute("DROP FUNCTION newswatch.test_refuse() CASCADE")
    fine = poll_logs(db, web, "/fine.xml")
    assert [(log["status"], log["not_modified"]) for log in fine] == [("ok", False), ("not_modified", True)]
    h = health(db, web, "/fine.xml")
    assert (h["last_status"], h["consecutive_failures"]) == ("not_modified", 0) and h["etag"]
    first, second = poll_logs(db, web, "/refused.xml")
    assert (second["status"], second["http_status"]) == ("internal_error", 304)
    assert "refused by the test" in second["error"]
    assert health(db, web, "/refused.xml")["consecutive_failures"] == 1


@pytest.mark.parametrize(
    ("blank", "status", "message"),
    [(1010, "not_a_feed", "got an HTML page"), (1011, "parse_error", "malformed feed XML")],
)
def test_html_is_recognised_by_its_first_bytes_only_within_the_first_kilobyte(
    db, web, config_for, blank, status, message
):
    """Sniffing has a budget: `<!doctype html` counts when it ends within the body's first 1,024 bytes
    (after leading white space); further in, the body is judged as the broken XML it is."""
    web.add("/sniffed", b" " * blank + b"<!doctype html><html><body>Not a feed</body></html>", "text/plain")
    config = config_for("/sniffed")
    sync_feeds(db, config)
    poll_stage(db, config, force=True)
    (log,) = poll_logs(db, web, "/sniffed")
    assert log["status"] == status and log["error"].startswith(message)


def test_an_html_page_without_a_content_type_says_so(db, web, config_for):
    def no_type(req: BaseHTTPRequestHandler) -> None:
        body = b"<!DOCTYPE html><html><body>Blocked</body></html>"
        req.send_response(200)
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)

    web.add_handler("/untyped", no_type)
    config = config_for("/untyped")
    sync_feeds(db, config)
    poll_stage(db, config, force=True)
    (log,) = poll_logs(db, web, "/untyped")
    assert log["status"] == "not_a_feed" and log["error"].startswith("got an HTML page (no content type)")


def test_an_item_dated_after_next_year_has_no_date_and_one_dated_next_year_is_clamped(db, web, config_for):
    """A date past next year is taken for garbage (no date); a merely future one for a wrong time zone."""
    year = datetime.now(UTC).year
    items = [
        {
            "title": "far",
            "link": web.url("/far.html"),
            "guid": "urn:far",
            "pubDate": f"Mon, 01 Jan {year + 2} 00:00:00 GMT",
        },
        {
            "title": "near",
            "link": web.url("/near.html"),
            "guid": "urn:near",
            "pubDate": f"Tue, 01 Jan {year + 1} 00:00:00 GMT",
        },
    ]
    web.add("/dated.xml", content.rss(items))
    config = config_for("/dated.xml")
    sync_feeds(db, config)
    poll_stage(db, config, force=True)
    rows = dict(
        db.execute(
            "SELECT i.guid, i.published_at IS NULL OR i.published_at <= now() FROM newswatch.items i"
        ).fetchall()
    )
    dates = dict(db.execute("SELECT guid, published_at IS NULL FROM newswatch.items").fetchall())
    assert dates == {"urn:far": True, "urn:near": False} and rows == {"urn:far": True, "urn:near": True}
