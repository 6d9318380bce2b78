"""Generated hostile feeds, pages and headers thrown at the real poll and fetch stages over loopback:
nothing may escape as a stage failure, and every feed and page ends up recorded.

A bounded, derandomised number of examples keeps this to seconds and the same on every run.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from psycopg import sql

from newswatch.ingest.articles import fetch_stage
from newswatch.ingest.poll import poll_stage, sync_feeds
from tests import content
from tests.conftest import make_config
from tests.webserver import WebServer

FEED = "/feed.xml"


@dataclass(frozen=True)
class Raw:
    """One response written byte for byte: any status, any header bytes, any body."""

    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes

    def __call__(self, req: BaseHTTPRequestHandler) -> None:
        head = b"HTTP/1.1 %d X\r\n" % self.status
        for name, value in self.headers:
            head += name + b": " + value + b"\r\n"
        body = b"" if self.status in (204, 304) else self.body
        head += b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body)
        req.close_connection = True
        try:
            req.wfile.write(head + body)
        except OSError:
            pass


# --- the pieces of hostility ------------------------------------------------------------------------

# Text a hostile feed may carry: NUL and other controls, raw and as character references (including
# the ones XML forbids), lone surrogates as references, right-to-left marks, long runs.
nasty_text = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            "\x00",
            "&#0;",
            "&#x0;",
            "&#xD800;",
            "&#55296;",
            "&#x1F600;",
            "&#1114112;",
            "\u202e",
            "\x1b[31m",
            "\r\n",
            "]]>",
            "<![CDATA[x\x00]]>",
            "&amp;#0;",
            "&bogus;",
            "Ω" * 3000,
            "North Korea",
            "Кремль",
        ]
    ),
)
text_field = st.lists(nasty_text, min_size=1, max_size=4).map("".join)

# Header values as raw bytes: legacy encodings, NUL, overlong, nothing at all.
header_value = st.one_of(
    st.binary(max_size=20).map(lambda b: b.replace(b"\r", b"").replace(b"\n", b"")),
    st.sampled_from(
        [
            b"",
            b'"abc\x00def"',
            b'W/"\xff\xfe"',
            b"Wed, 14 Jan 2026\x00 01:30:00 GMT",
            b"Thu, 01 Jan 1970 00:00:00 GMT",
            b"x" * 5000,
            "/новости/1".encode("cp1251"),
            b"http://[::1",
            b"99999999999999999999",
            b"-1",
        ]
    ),
)
header_name = st.sampled_from(
    [b"ETag", b"Last-Modified", b"Content-Type", b"Retry-After", b"Location", b"Content-Encoding", b"X-Junk"]
)
headers = st.lists(st.tuples(header_name, header_value), max_size=4).map(tuple)
status = st.sampled_from([200] * 8 + [301, 302, 307, 304, 404, 410, 429, 500, 503])
dates = st.one_of(
    text_field,
    st.sampled_from(
        [
            "Wed, 14 Jan 2026 01:30:00 GMT",
            "Fri, 31 Dec 9999 23:59:59 GMT",
            "Mon, 01 Jan 0001 00:00:00 GMT",
            "2026-13-45T99:99:99Z",
            "tomorrow",
        ]
    ),
)


@st.composite
def page_response(draw: st.DrawFn) -> Raw:
    body = draw(
        st.one_of(
            st.binary(max_size=300),
            st.builds(lambda t, p: content.page(t, [p] * 3), text_field, text_field),
            st.just(content.page("North Korea sends troops", content.NK_TROOPS)),
            st.just(gzip.compress(b"<html>North Korea</html>")),
            st.just(b"<html>" + b"\x00" * 500 + b"North Korea" + b"&#0;" * 50 + b"</html>"),
        )
    )
    return Raw(draw(status), draw(headers), body)


@st.composite
def hostile_feed(draw: st.DrawFn, base: str) -> tuple[Raw, dict[str, Raw]]:
    """A feed response and the page responses its links lead to."""
    pages: dict[str, Raw] = {}
    items = []
    for n in range(draw(st.integers(1, 3))):
        link = draw(
            st.one_of(
                st.just(f"{base}/page/{n}.html"),
                st.builds(lambda junk, n=n: f"{base}/page/{n}.html{junk}", text_field),
                text_field,
                st.sampled_from(
                    ["http://[::1", "javascript:alert(1)", f"{base}/" + "a" * 3000, "//", "http://", "/rel"]
                ),
            )
        )
        pages[f"/page/{n}.html"] = draw(page_response())
        fields = {"title": draw(text_field), "link": link, "guid": draw(text_field)}
        fields.update({"description": draw(text_field), "pubDate": draw(dates)})
        # Raw, not escaped: a hostile feed is free to break its own XML.
        items.append("<item>" + "".join(f"<{k}>{v}</{k}>" for k, v in fields.items()) + "</item>")
    envelope = draw(st.sampled_from(["rss", "rss", "atom", "bytes"]))
    if envelope == "bytes":
        body = draw(st.binary(max_size=400))
    elif envelope == "rss":
        body = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>'
            + draw(text_field)
            + "</title>"
            + "".join(items)
            + "</channel></rss>"
        ).encode("utf-8", "surrogatepass")
    else:
        entries = [i.replace("<item>", "<entry>").replace("</item>", "</entry>") for i in items]
        body = (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>'
            + draw(text_field)
            + "</title>"
            + "".join(entries)
            + "</feed>"
        ).encode("utf-8", "surrogatepass")
    return Raw(draw(status), draw(headers), body), pages


# --- the test ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server() -> Iterator[WebServer]:
    with WebServer() as web:
        yield web


def reset(conn: psycopg.Connection) -> None:
    """Empty the ingest tables (DELETE: a few rows each, far quicker than TRUNCATE per example)."""
    for table in ("articles", "pages", "feeds"):  # the rest cascades
        conn.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier("newswatch", table)))


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(data=st.data())
def test_hostile_feeds_pages_and_headers_never_fail_a_stage(db, server, database_url, data):
    feed, pages = data.draw(hostile_feed(server.base))
    reset(db)
    server.routes.clear()
    server.add_handler(FEED, feed)
    for path, page in pages.items():
        server.add_handler(path, page)
    config = make_config(
        database_url,
        server,
        [("Hostile", server.url(FEED))],
        http={"timeout_seconds": 2, "max_bytes": 100_000},
    )
    sync_feeds(db, config)

    poll_stage(db, config, force=True)  # raises on a stage failure: the test fails
    fetch_stage(db, config)

    logged = db.execute("SELECT status, error FROM newswatch.poll_log").fetchall()
    assert len(logged) == 1, "the poll was not recorded"
    health = db.execute(
        "SELECT last_status, lease_until, last_polled_at IS NOT NULL FROM newswatch.feed_health"
    ).fetchone()
    assert health == (logged[0][0], None, True)
    unrecorded = db.execute(
        "SELECT url, status, attempts, lease_until FROM newswatch.pages"
        " WHERE lease_until IS NOT NULL OR (status = 'pending' AND attempts = 0)"
    ).fetchall()
    assert unrecorded == [], "pages left without an outcome"
