"""The safe HTTP client (newswatch.ingest.http.Fetcher) against real servers on loopback.

Nothing here leaves the machine: refused addresses are checked with check_url on literal IPs, which
must refuse them before any connection is attempted.
"""

from __future__ import annotations

import gzip
import socket
import subprocess
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from email.utils import formatdate
from http.client import HTTPConnection
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import certifi
import pytest

from newswatch import errors
from newswatch.config import HttpConfig
from newswatch.ingest import http as http_module
from newswatch.ingest.http import Fetcher, _short, parse_retry_after
from newswatch.settings import HTTP_CHUNK_BYTES, MAX_URL_CHARS
from tests.smtpserver import self_signed_certificate
from tests.webserver import WebServer

MB = 1_000_000
Handler = Callable[[BaseHTTPRequestHandler], None]


def fetcher_for(*servers: WebServer, **options: object) -> Fetcher:
    """A Fetcher allowed to reach the given loopback servers (and nothing else on loopback)."""
    settings: dict[str, object] = {"timeout_seconds": 2, "allow_hosts": tuple(s.host_port for s in servers)}
    settings.update(options)
    return Fetcher(HttpConfig(**settings))  # type: ignore[arg-type]


def bounded(fn: Callable[[], object], within: float = 10.0) -> tuple[object, float]:
    """fn() in a thread, waiting at most `within` s: (its result or exception, seconds taken).

    A broken timeout must fail the test quickly, not hang the suite, so the call is never awaited
    for longer than `within`; the result is then a TimeoutError of this helper.
    """
    box: list[object] = []

    def run() -> None:
        try:
            box.append(fn())
        except Exception as e:  # the caller asserts on the exception type
            box.append(e)

    start = time.monotonic()
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(within)
    elapsed = time.monotonic() - start
    if thread.is_alive():
        return TimeoutError(f"did not return within {within} s"), elapsed
    return box[0], elapsed


def timed_get(fetcher: Fetcher, url: str, within: float = 10.0) -> tuple[object, float]:
    """fetcher.get(url), bounded as above."""
    return bounded(lambda: fetcher.get(url), within)


class SilentServer:
    """A TCP server on loopback that accepts connections and never sends a byte."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.host_port = f"127.0.0.1:{self.sock.getsockname()[1]}"
        self.accepted: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted.append(conn)

    def __enter__(self) -> SilentServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.sock.close()
        for conn in self.accepted:
            conn.close()


@pytest.fixture
def other_web() -> Iterator[WebServer]:
    """A second loopback server, on another port, that tests leave out of allow_hosts."""
    with WebServer() as server:
        yield server


@pytest.fixture
def stop() -> Iterator[threading.Event]:
    """Set at teardown so slow handlers stop writing and let their connection go."""
    event = threading.Event()
    yield event
    event.set()


def redirect(location: str, status: int = 302) -> Handler:
    def handle(req: BaseHTTPRequestHandler) -> None:
        req.send_response(status)
        req.send_header("Location", location)
        req.send_header("Content-Length", "0")
        req.end_headers()

    return handle


class Stream:
    """A handler streaming `total` bytes in 64 KiB pieces without Content-Length (mode "chunked" or
    "close"); records how far it got before the client hung up."""

    def __init__(self, total: int, mode: str, stop: threading.Event) -> None:
        self.total, self.mode, self.stop = total, mode, stop
        self.sent = 0
        self.completed = False
        self.finished = threading.Event()

    def __call__(self, req: BaseHTTPRequestHandler) -> None:
        piece = b"x" * 65536
        req.send_response(200)
        req.send_header("Content-Type", "text/plain")
        if self.mode == "chunked":
            req.send_header("Transfer-Encoding", "chunked")
        else:  # no length at all: the body ends when the connection closes
            req.send_header("Connection", "close")
            req.close_connection = True
        req.end_headers()
        try:
            while self.sent < self.total and not self.stop.is_set():
                if self.mode == "chunked":
                    req.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                else:
                    req.wfile.write(piece)
                self.sent += len(piece)
            if self.mode == "chunked":
                req.wfile.write(b"0\r\n\r\n")
            req.wfile.flush()
            self.completed = self.sent >= self.total
        except OSError:
            req.close_connection = True
        finally:
            self.finished.set()


# --- which URLs may be fetched ---------------------------------------------------------------


def test_loopback_is_refused_unless_listed_and_the_message_says_how_to_allow_it(web):
    web.add("/feed.xml", "<rss/>")
    fetcher = Fetcher(HttpConfig(timeout_seconds=2))
    with pytest.raises(errors.BlockedURL) as caught:
        fetcher.get(web.url("/feed.xml"))
    assert f'add "{web.host_port}" to [http] allow_hosts' in str(caught.value)
    assert web.requests == []


def test_loopback_listed_in_allow_hosts_is_fetched(web):
    web.add("/feed.xml", "<rss>ok</rss>", "application/rss+xml")
    response = fetcher_for(web).get(web.url("/feed.xml"))
    assert (response.status, response.body, response.content_type) == (
        200,
        b"<rss>ok</rss>",
        "application/rss+xml",
    )
    assert response.url == web.url("/feed.xml")


def test_allow_hosts_is_per_port_and_localhost_resolving_to_loopback_is_refused(web, other_web):
    other_web.add("/x", "secret")
    fetcher = fetcher_for(web)
    with pytest.raises(errors.BlockedURL):
        fetcher.get(other_web.url("/x"))
    with pytest.raises(errors.BlockedURL, match="non-public address 127.0.0.1"):
        fetcher.get(f"http://localhost:{web.port}/x")
    assert other_web.requests == [] and web.requests == []


def test_localhost_is_fetched_when_listed_by_name(web):
    web.add("/x", "hello", "text/plain")
    fetcher = Fetcher(HttpConfig(timeout_seconds=2, allow_hosts=(f"localhost:{web.port}",)))
    assert fetcher.get(f"http://localhost:{web.port}/x").body == b"hello"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://127.0.0.1/pub/feed.xml",
        "gopher://127.0.0.1:70/1",
        "data:application/rss+xml,<rss/>",
        "javascript:alert(1)",
        "//127.0.0.1/feed.xml",
    ],
)
def test_non_http_schemes_are_refused(url):
    fetcher = Fetcher(HttpConfig(timeout_seconds=2, allow_hosts=("127.0.0.1:70", "127.0.0.1:80")))
    with pytest.raises(errors.BlockedURL, match="only http and https"):
        fetcher.check_url(url)
    with pytest.raises(errors.BlockedURL, match="only http and https"):
        fetcher.get(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata (link-local)
        "http://10.0.0.1/",
        "http://10.255.255.254:8080/feed",
        "http://192.168.1.1/",
        "http://172.16.0.1/",
        "http://172.31.255.1/",
        "http://100.64.0.1/",  # carrier-grade NAT
        "http://0.0.0.0/",
        "http://127.0.0.1/",
        "http://127.1.2.3:8080/",
        "http://2130706433/",  # 127.0.0.1 written as one decimal number
        "http://[::1]:80/",
        "http://[::ffff:127.0.0.1]/",  # IPv4-mapped loopback
        "http://[::ffff:10.0.0.1]/",
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://224.0.0.1/",  # multicast
        "http://239.255.255.250:1900/",
        "http://[ff02::1]/",
        "https://169.254.169.254/",
    ],
)
def test_private_link_local_and_multicast_addresses_are_refused_before_connecting(url):
    fetcher = Fetcher(HttpConfig(timeout_seconds=5))
    start = time.monotonic()
    with pytest.raises(errors.BlockedURL, match="non-public address"):
        fetcher.check_url(url)
    assert time.monotonic() - start < 0.5


def test_get_of_a_refused_loopback_address_fails_fast_without_connecting(web):
    web.add("/x", "hi")
    fetcher = Fetcher(HttpConfig(timeout_seconds=5))
    for url in (f"http://[::ffff:127.0.0.1]:{web.port}/x", f"http://2130706433:{web.port}/x"):
        start = time.monotonic()
        with pytest.raises(errors.BlockedURL):
            fetcher.get(url)
        assert time.monotonic() - start < 0.5
    assert web.requests == []


# --- redirects --------------------------------------------------------------------------------


def test_redirect_to_a_port_not_in_allow_hosts_is_refused_and_never_requested(web, other_web):
    other_web.add("/secret", "internal data", "text/plain")
    web.add_handler("/go", redirect(other_web.url("/secret")))
    with pytest.raises(errors.BlockedURL) as caught:
        fetcher_for(web).get(web.url("/go"))
    assert other_web.host_port in str(caught.value)
    assert web.hits("/go") == 1
    assert other_web.requests == []


@pytest.mark.parametrize(
    "location", ["file:///etc/passwd", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/"]
)
def test_redirect_to_another_scheme_or_a_private_address_is_refused(web, location):
    web.add_handler("/go", redirect(location, 301))
    start = time.monotonic()
    with pytest.raises(errors.BlockedURL):
        fetcher_for(web).get(web.url("/go"))
    assert time.monotonic() - start < 1.0


def test_redirect_loop_stops_after_max_redirects(web):
    web.add_handler("/loop", redirect("/loop"))
    with pytest.raises(errors.TooManyRedirects, match="more than 3 redirects"):
        fetcher_for(web, max_redirects=3).get(web.url("/loop"))
    assert web.hits("/loop") == 4  # the first request and three redirects


def test_relative_redirects_are_followed_to_the_final_url(web):
    web.add_handler("/a/start", redirect("next", 301))
    web.add_handler("/a/next", redirect("../b/final?x=1", 307))
    web.add("/b/final", "arrived", "text/plain")
    response = fetcher_for(web).get(web.url("/a/start"))
    assert response.status == 200 and response.body == b"arrived"
    assert response.url == web.url("/b/final?x=1")


def test_redirect_without_location_is_a_bad_response(web):
    web.add("/nowhere", "", status=302)
    with pytest.raises(errors.BadResponse, match="without a Location") as caught:
        fetcher_for(web).get(web.url("/nowhere"))
    assert caught.value.http_status == 302


def test_a_300_multiple_choices_is_a_client_error_not_a_page(web):
    web.add("/choices", "pick one", "text/plain", status=300)
    with pytest.raises(errors.ClientError, match="HTTP 300 Multiple Choices"):
        fetcher_for(web).get(web.url("/choices"))


@pytest.mark.parametrize(
    ("status", "text"),
    [(404, "HTTP 404 Not Found"), (503, "HTTP 503 Service Unavailable"), (599, "HTTP 599")],
)
def test_an_http_error_names_the_status_and_its_reason_if_it_has_one(web, status, text):
    web.add("/feed.xml", "no", "text/plain", status=status)
    with pytest.raises(errors.FetchError) as caught:
        fetcher_for(web).get(web.url("/feed.xml"))
    assert str(caught.value).strip() == text


# --- size caps ----------------------------------------------------------------------------------


def test_declared_content_length_over_the_cap_is_refused_before_reading_the_body(web, stop):
    def handle(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Type", "text/html")
        req.send_header("Content-Length", str(50 * MB))
        req.end_headers()
        req.wfile.flush()
        stop.wait(5)  # the body never comes: reading it would end in a timeout, not TooLarge
        req.close_connection = True

    web.add_handler("/big", handle)
    result, elapsed = timed_get(fetcher_for(web, max_bytes=MB, timeout_seconds=3), web.url("/big"))
    assert isinstance(result, errors.TooLarge), result
    assert "50,000,000 bytes" in str(result) and result.http_status == 200
    assert elapsed < 1.0


@pytest.mark.parametrize("mode", ["chunked", "close"])
def test_a_body_of_exactly_max_bytes_is_kept_whole(web, stop, mode):
    web.add_handler("/exact", Stream(4 * 65536, mode, stop))
    response = fetcher_for(web, max_bytes=4 * 65536).get(web.url("/exact"))
    assert len(response.body) == 4 * 65536


@pytest.mark.parametrize("mode", ["chunked", "close"])
def test_body_without_content_length_is_cut_off_while_streaming(web, stop, mode):
    stream = Stream(50 * MB, mode, stop)
    web.add_handler("/stream", stream)
    fetcher = fetcher_for(web, max_bytes=MB, timeout_seconds=4)
    tracemalloc.start()
    try:
        result, elapsed = timed_get(fetcher, web.url("/stream"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(result, errors.TooLarge), result
    assert "cut off at max_bytes (1,000,000 bytes)" in str(result)
    assert elapsed < 2.0
    assert peak < 8 * MB  # about the cap, not the 50 MB the server offered
    assert stream.finished.wait(3), "the server was still writing 3 s after the client gave up"
    assert not stream.completed and stream.sent < 50 * MB


def test_a_body_one_byte_over_max_bytes_is_refused_as_soon_as_that_byte_arrives(web, stop):
    """The last read before the cap asks for one byte past max_bytes, no more: a server that has sent
    max_bytes + 1 bytes and then pauses gets a TooLarge at once, not a timeout at the deadline (a read
    asking for more would wait for bytes that do not come)."""
    limit = HTTP_CHUNK_BYTES + HTTP_CHUNK_BYTES // 2  # two reads: a full piece, then what is left

    def handle(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Type", "text/plain")
        req.send_header("Connection", "close")  # no length: the body ends when the connection closes
        req.end_headers()
        req.wfile.write(b"x" * (limit + 1))
        req.wfile.flush()
        stop.wait(10)
        req.close_connection = True

    web.add_handler("/big", handle)
    result, elapsed = timed_get(fetcher_for(web, max_bytes=limit, timeout_seconds=3), web.url("/big"))
    assert isinstance(result, errors.TooLarge), result
    assert result.http_status == 200  # the poll log keeps the status the server had sent
    assert elapsed < 2.0


def test_gzip_bomb_is_capped_on_decompressed_bytes(web):
    bomb = gzip.compress(b"\0" * (100 * MB), 9)
    assert len(bomb) < MB // 4  # the wire size alone is well under the cap
    web.add("/bomb.xml", bomb, "application/rss+xml", Content_Encoding="gzip")
    tracemalloc.start()
    try:
        with pytest.raises(errors.TooLarge, match="cut off at max_bytes"):
            fetcher_for(web, max_bytes=MB).get(web.url("/bomb.xml"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * MB


def test_gzip_body_under_the_cap_is_decompressed(web):
    web.add("/feed.xml", gzip.compress(b"<rss>" + b"a" * 1000 + b"</rss>"), Content_Encoding="gzip")
    response = fetcher_for(web, max_bytes=MB).get(web.url("/feed.xml"))
    assert response.body == b"<rss>" + b"a" * 1000 + b"</rss>"
    assert "gzip" in web.requests[0][1]["Accept-Encoding"]


def test_broken_gzip_is_a_bad_response(web):
    web.add("/feed.xml", b"\x1f\x8b\x08\x00this is not deflate data at all", Content_Encoding="gzip")
    with pytest.raises(errors.BadResponse, match="could not be decoded"):
        fetcher_for(web).get(web.url("/feed.xml"))


# --- time limits --------------------------------------------------------------------------------


def trickle_body(stop: threading.Event) -> Handler:
    """Headers at once, then one byte of body every 0.2 s until the test ends."""

    def handle(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Type", "application/rss+xml")
        req.send_header("Content-Length", "100000")
        req.end_headers()
        try:
            while not stop.wait(0.2):
                req.wfile.write(b" ")
                req.wfile.flush()
        except OSError:
            pass
        req.close_connection = True

    return handle


def trickle_headers(stop: threading.Event) -> Handler:
    """The status line and headers one byte every 0.2 s: never a complete response."""

    def handle(req: BaseHTTPRequestHandler) -> None:
        try:
            for byte in b"HTTP/1.1 200 OK\r\nX-Padding: " + b"a" * 1000:
                if stop.wait(0.2):
                    break
                req.wfile.write(bytes([byte]))
                req.wfile.flush()
        except OSError:
            pass
        req.close_connection = True

    return handle


def test_trickling_body_hits_the_total_timeout(web, stop):
    web.add_handler("/slow.xml", trickle_body(stop))
    result, elapsed = timed_get(fetcher_for(web, timeout_seconds=1), web.url("/slow.xml"), within=4)
    assert isinstance(result, errors.FetchTimeout), result
    assert result.transient and result.status == "timeout"
    assert result.http_status == 200  # the poll log keeps the status the server had sent
    assert elapsed < 2.0


def test_a_read_timing_out_before_the_watchdog_acts_is_a_timeout_with_the_status(web, stop):
    """Each socket read also has the request's time left as its own timeout. On a loaded machine the
    watchdog thread can be late; the read's own timeout then ends the request, as the same timeout.
    Here the server, once it has sent the headers and a first byte, holds the watchdog's lock (the
    watchdog cannot act) until the client has given up."""
    watchdog = http_module._get_watchdog()
    released = threading.Event()

    def handle(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Type", "application/rss+xml")
        req.send_header("Content-Length", "1000")
        req.end_headers()
        req.wfile.write(b"<")
        req.wfile.flush()
        with watchdog._cond:
            stop.wait(3)
        released.set()
        req.close_connection = True

    web.add_handler("/stalled.xml", handle)
    result, elapsed = timed_get(fetcher_for(web, timeout_seconds=1), web.url("/stalled.xml"), within=6)
    stop.set()
    assert released.wait(5)
    assert isinstance(result, errors.FetchTimeout), result
    assert result.http_status == 200 and "within 1 s" in str(result)
    assert elapsed < 2.5


def test_the_deadline_watchdog_is_one_named_thread(web):
    web.add("/a", "a", "text/plain")
    fetcher_for(web).get(web.url("/a"))
    fetcher_for(web).get(web.url("/a"))
    names = [t.name for t in threading.enumerate()]
    assert names.count("newswatch-http-watchdog") == 1  # a thread dump names it


def test_a_process_that_fetched_exits_without_waiting_for_the_watchdog(web):
    web.add("/a", "a", "text/plain")
    script = (
        "import sys\n"
        "from newswatch.config import HttpConfig\n"
        "from newswatch.ingest.http import Fetcher\n"
        "Fetcher(HttpConfig(timeout_seconds=30, allow_hosts=(sys.argv[1],))).get(sys.argv[2])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, web.host_port, web.url("/a")], timeout=20, capture_output=True
    )
    assert done.returncode == 0, done.stderr


def test_trickling_headers_hit_the_total_timeout(web, stop):
    web.add_handler("/slow.xml", trickle_headers(stop))
    result, elapsed = timed_get(fetcher_for(web, timeout_seconds=1), web.url("/slow.xml"), within=4)
    assert isinstance(result, errors.FetchTimeout), result
    assert elapsed < 2.0


def test_total_timeout_covers_the_whole_redirect_chain(web, stop):
    web.add_handler("/hop1", redirect("/hop2"))
    web.add_handler("/hop2", redirect("/slow.xml"))
    web.add_handler("/slow.xml", trickle_body(stop))
    result, elapsed = timed_get(fetcher_for(web, timeout_seconds=1), web.url("/hop1"), within=4)
    assert isinstance(result, errors.FetchTimeout), result
    assert elapsed < 2.0


def test_trickle_on_a_reused_keep_alive_connection_times_out_and_the_client_recovers(web, stop):
    web.add("/ok", "fine", "text/plain")
    web.add_handler("/slow.xml", trickle_body(stop))
    fetcher = fetcher_for(web, timeout_seconds=1)

    def same_thread() -> tuple[bytes, object, float, bytes]:
        first = fetcher.get(web.url("/ok")).body  # leaves a keep-alive connection in this thread's pool
        start = time.monotonic()
        try:
            slow: object = fetcher.get(web.url("/slow.xml"))
        except errors.FetchError as e:
            slow = e
        took = time.monotonic() - start
        return first, slow, took, fetcher.get(web.url("/ok")).body

    result, _ = bounded(same_thread, within=6)
    assert isinstance(result, tuple), result
    first, slow, took, after = result
    assert first == b"fine" and after == b"fine"
    assert isinstance(slow, errors.FetchTimeout), slow
    assert took < 2.0


def test_server_that_accepts_and_never_answers_times_out():
    with SilentServer() as silent:
        fetcher = Fetcher(HttpConfig(timeout_seconds=1, allow_hosts=(silent.host_port,)))
        result, elapsed = timed_get(fetcher, f"http://{silent.host_port}/feed.xml", within=5)
    assert isinstance(result, errors.FetchTimeout), result
    assert result.transient and "1 s" in str(result)
    assert 0.8 < elapsed < 2.0


def test_error_text_from_libraries_is_one_line_of_under_200_characters_keeping_both_ends():
    assert _short(ValueError("a\nb")) == "a b"
    assert _short(ValueError("x" * 199)) == "x" * 199
    long = "what was done " + "m" * 300 + " why it failed"
    short = _short(ValueError(long))
    assert len(short) == 199 and short == long[:80] + " ... " + long[-114:]


def test_a_refused_connection_says_so_however_long_the_host_name(web, monkeypatch):
    """urllib3 names the connection (with the host) before the cause: an overlong message must still
    end with what went wrong, not be cut off before it."""
    host = ".".join(["a-rather-long-label-for-a-news-site-host"] * 4) + ".example"
    monkeypatch.setattr(socket, "getaddrinfo", Resolver(host, ["127.0.0.1"]))
    sock = socket.create_server(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens on the port now
    fetcher = Fetcher(HttpConfig(timeout_seconds=2, allow_hosts=(f"{host}:{port}",)))
    with pytest.raises(errors.NetworkError) as caught:
        fetcher.get(f"http://{host}:{port}/feed.xml")
    text = str(caught.value)
    assert text.startswith("connection failed: ") and len(text) < 19 + 200
    assert text.endswith("Connection refused") and host[:40] in text


def test_a_connection_that_cannot_be_made_in_time_ends_at_the_total_timeout():
    """A listening socket with a full backlog: the connection attempt hangs (no SYN-ACK). The connect
    timeout is what is left of the total, not urllib3's 10 s."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = server.getsockname()[1]
    host_port = f"127.0.0.1:{port}"
    filler = socket.create_connection(("127.0.0.1", port), timeout=2)
    try:
        fetcher = Fetcher(HttpConfig(timeout_seconds=1, allow_hosts=(host_port,)))
        result, elapsed = timed_get(fetcher, f"http://{host_port}/feed.xml", within=15)
    finally:
        filler.close()
        server.close()
    assert isinstance(result, errors.FetchTimeout), result
    assert elapsed < 3.0


def test_refused_connection_is_a_transient_network_error():
    sock = socket.create_server(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens on the port now
    fetcher = Fetcher(HttpConfig(timeout_seconds=2, allow_hosts=(f"127.0.0.1:{port}",)))
    with pytest.raises(errors.NetworkError) as caught:
        fetcher.get(f"http://127.0.0.1:{port}/")
    assert caught.value.transient and caught.value.status == "network_error"
    assert "Failed to establish a new connection" in str(caught.value)


def test_refused_connection_is_reported_with_the_systems_reason():
    sock = socket.create_server(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    fetcher = Fetcher(HttpConfig(timeout_seconds=2, allow_hosts=(f"127.0.0.1:{port}",)))
    with pytest.raises(errors.NetworkError, match="Connection refused$"):
        fetcher.get(f"http://127.0.0.1:{port}/")


def test_a_name_that_does_not_resolve_is_a_transient_network_error_naming_it():
    fetcher = Fetcher(HttpConfig(timeout_seconds=2))
    with pytest.raises(errors.NetworkError, match="^cannot resolve host no-such-host.invalid: ") as caught:
        fetcher.get("http://no-such-host.invalid/feed.xml")
    assert caught.value.transient


def test_a_url_without_a_scheme_is_refused_as_having_none():
    with pytest.raises(errors.BlockedURL, match="^only http and https URLs are fetched, not no scheme$"):
        Fetcher(HttpConfig(timeout_seconds=2)).check_url("example.org/feed.xml")


def test_a_body_of_several_read_chunks_comes_back_byte_for_byte(web):
    body = bytes(range(256)) * (3 * HTTP_CHUNK_BYTES // 256 + 7)  # over three chunks, not a multiple
    web.add("/big.bin", body, "application/octet-stream")
    response = fetcher_for(web, max_bytes=len(body) + 1).get(web.url("/big.bin"))
    assert response.body == body


def test_a_name_in_allow_hosts_that_does_not_resolve_is_a_transient_network_error():
    fetcher = Fetcher(HttpConfig(timeout_seconds=2, allow_hosts=("no-such-host.invalid:80",)))
    with pytest.raises(errors.NetworkError) as caught:
        fetcher.get("http://no-such-host.invalid/")
    # the connection urllib3 tried, named with its host and port, then why it failed
    assert caught.value.transient and "host='no-such-host.invalid', port=80): Failed to resolve" in str(
        caught.value
    )
    assert "Failed to resolve 'no-such-host.invalid' (" in str(caught.value)  # the name, once more


CONNECTS: list[tuple[object, ...]] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event == "http.client.connect":
        CONNECTS.append(args)


sys.addaudithook(_audit)  # hooks cannot be removed: this one only records connection events


def test_each_connection_is_announced_to_audit_hooks_like_http_clients_own(web):
    web.add("/a", "a", "text/plain")
    CONNECTS.clear()
    fetcher_for(web).get(web.url("/a"))
    assert [(host, port) for _conn, host, port in CONNECTS] == [("127.0.0.1", web.port)]
    assert isinstance(CONNECTS[0][0], HTTPConnection)  # the connection itself, as http.client gives it


# --- status codes -------------------------------------------------------------------------------


def test_304_comes_back_as_a_response(web):
    web.add("/feed.xml", "", status=304)
    response = fetcher_for(web).get(web.url("/feed.xml"), {"If-None-Match": '"abc"'})
    assert response.status == 304 and response.body == b""
    assert web.requests[0][1]["If-None-Match"] == '"abc"'


@pytest.mark.parametrize("status", [403, 404, 410])
def test_client_errors_are_permanent(web, status):
    web.add("/feed.xml", "gone", "text/plain", status=status)
    with pytest.raises(errors.ClientError) as caught:
        fetcher_for(web).get(web.url("/feed.xml"))
    e = caught.value
    assert (e.http_status, e.transient, e.status) == (status, False, "http_error")
    assert str(e).startswith(f"HTTP {status} ")


@pytest.mark.parametrize("status", [500, 502, 503, 408, 429])
def test_server_errors_are_transient(web, status):
    web.add("/feed.xml", "oops", "text/plain", status=status)
    with pytest.raises(errors.ServerError) as caught:
        fetcher_for(web).get(web.url("/feed.xml"))
    e = caught.value
    assert not isinstance(e, errors.RateLimited)  # no Retry-After header
    assert (e.http_status, e.transient, e.status) == (status, True, "http_error")


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_in_seconds_is_rate_limited(web, status):
    web.add("/feed.xml", "slow down", "text/plain", status=status, Retry_After="120")
    with pytest.raises(errors.RateLimited) as caught:
        fetcher_for(web).get(web.url("/feed.xml"))
    e = caught.value
    assert (e.http_status, e.retry_after, e.status, e.transient) == (status, 120.0, "rate_limited", True)


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_as_http_date_is_rate_limited(web, status):
    web.add(
        "/feed.xml", "", "text/plain", status=status, Retry_After=formatdate(time.time() + 600, usegmt=True)
    )
    with pytest.raises(errors.RateLimited) as caught:
        fetcher_for(web).get(web.url("/feed.xml"))
    assert caught.value.retry_after is not None
    assert 595 <= caught.value.retry_after <= 601


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("120", 120.0),
        (" 30 ", 30.0),
        ("0", 0.0),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 90.0),  # now = 90 s before that date
        ("Wed, 21 Oct 2015 07:20:00 GMT", 0.0),  # already past: no wait, never negative
        ("soon", None),
        ("-5", None),
        ("1.5", None),
    ],
)
def test_parse_retry_after(value, expected):
    now = 1445412480.0 - 90  # 2015-10-21 07:28:00 UTC minus 90 s
    assert parse_retry_after(value, now=now) == expected


# --- politeness ---------------------------------------------------------------------------------


def test_per_host_limit_caps_concurrent_requests_at_the_server(web):
    lock = threading.Lock()
    active = [0]
    peak = [0]

    def handle(req: BaseHTTPRequestHandler) -> None:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.3)
        with lock:
            active[0] -= 1  # before answering, so the client's next request cannot overlap this count
        req.send_response(200)
        req.send_header("Content-Length", "2")
        req.end_headers()
        req.wfile.write(b"ok")

    web.add_handler("/slow", handle)
    fetcher = fetcher_for(web, per_host=2, timeout_seconds=5)
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        bodies = list(pool.map(lambda i: fetcher.get(web.url(f"/slow?i={i}")).body, range(8)))
    elapsed = time.monotonic() - start
    assert bodies == [b"ok"] * 8
    assert peak[0] == 2  # never more than two at once, but the two slots were used
    assert elapsed >= 4 * 0.3 - 0.05


def test_threads_share_keep_alive_connections_within_the_per_host_limit(web):
    """However many threads fetch from a host, it sees at most per_host connections from one fetcher."""
    lock = threading.Lock()
    connections: set[int] = set()

    def handle(req: BaseHTTPRequestHandler) -> None:
        with lock:
            connections.add(req.client_address[1])
        time.sleep(0.02)
        req.send_response(200)
        req.send_header("Content-Length", "2")
        req.end_headers()
        req.wfile.write(b"ok")

    web.add_handler("/page", handle)
    fetcher = fetcher_for(web, per_host=2, timeout_seconds=5)
    with ThreadPoolExecutor(max_workers=8) as pool:
        bodies = list(pool.map(lambda i: fetcher.get(web.url(f"/page?i={i}")).body, range(40)))
    assert bodies == [b"ok"] * 40
    assert len(connections) == 2  # each thread its own connections would make 8


def test_the_per_host_limit_is_per_host_a_busy_site_never_holds_up_another(web, other_web, stop):
    release = threading.Event()

    def held(req: BaseHTTPRequestHandler) -> None:
        release.wait(5)
        req.send_response(200)
        req.send_header("Content-Length", "2")
        req.end_headers()
        req.wfile.write(b"ok")

    web.add_handler("/held", held)
    other_web.add("/quick", "quick", "text/plain")
    fetcher = fetcher_for(web, other_web, per_host=1, timeout_seconds=8)
    busy = threading.Thread(target=fetcher.get, args=(web.url("/held"),), daemon=True)
    busy.start()
    while web.hits("/held") == 0:
        time.sleep(0.01)
    try:
        result, _ = bounded(lambda: fetcher.get(other_web.url("/quick")).body, within=3)
    finally:
        release.set()
        busy.join(5)
    assert result == b"quick"


def test_a_thread_keeps_its_connection_to_a_host_between_requests(web):
    web.add("/a", "a", "text/plain")
    fetcher = fetcher_for(web)
    CONNECTS.clear()
    for _ in range(3):
        fetcher.get(web.url("/a"))
    assert len(CONNECTS) == 1  # keep-alive: one connection for the three requests


def test_an_aborted_fetcher_refuses_new_requests_and_says_why(web):
    web.add("/a", "a", "text/plain")
    fetcher = fetcher_for(web)
    fetcher.abort()
    with pytest.raises(errors.NetworkError, match="^the fetch was cancelled$"):
        fetcher.get(web.url("/a"))
    assert web.requests == []


def test_a_url_without_a_host_is_refused_as_such():
    with pytest.raises(errors.BlockedURL, match="has no host"):
        Fetcher(HttpConfig(timeout_seconds=2)).check_url("http:///feed.xml")


@pytest.mark.parametrize(
    ("url", "reason"),
    [("http://127.0.0.1:99999/feed.xml", "Port out of range"), ("http://[::1/feed.xml", "Invalid IPv6 URL")],
)
def test_a_url_that_cannot_be_parsed_is_blocked_naming_it_and_why(url, reason):
    with pytest.raises(errors.BlockedURL) as refused:
        Fetcher(HttpConfig(timeout_seconds=2)).check_url(url)
    assert str(refused.value).startswith(f"invalid URL {url!r}: ") and reason in str(refused.value)


def test_a_url_the_http_library_refuses_is_blocked_with_its_reason():
    host = ".starts-with-a-dot.invalid"  # an empty first label
    fetcher = Fetcher(HttpConfig(timeout_seconds=2, allow_hosts=(f"{host}:80",)))
    with pytest.raises(errors.BlockedURL, match="invalid URL .*label"):
        fetcher.get(f"http://{host}/")


def test_user_agent_is_the_configured_one(web):
    web.add("/feed.xml", "<rss/>")
    fetcher_for(web, user_agent="newswatch-test/9.9 (+mailto:ops@example.org)").get(web.url("/feed.xml"))
    assert web.requests[0][1]["User-Agent"] == "newswatch-test/9.9 (+mailto:ops@example.org)"


def test_proxy_settings_in_the_environment_are_ignored(web, monkeypatch):
    web.add("/feed.xml", "<rss/>")
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    assert fetcher_for(web).get(web.url("/feed.xml")).body == b"<rss/>"


# --- HTTPS: whose certificates are trusted ------------------------------------------------------


@pytest.fixture
def https_web(tmp_path: Path) -> Iterator[tuple[WebServer, Path]]:
    """An HTTPS server on 127.0.0.1 with a certificate of its own (no public authority signed it), and
    that certificate's file, which a test can make a trusted authority."""
    cert, key = self_signed_certificate(tmp_path, "https")
    with WebServer(tls=(cert, key)) as server:
        server.add("/feed.xml", "<rss>over TLS</rss>")
        yield server, cert


def test_https_with_a_certificate_no_known_authority_signed_is_refused_saying_why(https_web, monkeypatch):
    """Certificates are checked against certifi's bundle, not the system's trust store: a certificate
    the system store trusts (SSL_CERT_FILE, read by OpenSSL when it loads the default store) but
    certifi's bundle does not is refused, before any request is sent."""
    web, cert = https_web
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    monkeypatch.setenv("SSL_CERT_DIR", str(cert.parent))
    with pytest.raises(errors.NetworkError, match="CERTIFICATE_VERIFY_FAILED") as refused:
        fetcher_for(web).get(web.url("/feed.xml"))
    assert "self-signed certificate" in str(refused.value) and len(str(refused.value)) < 250
    assert web.requests == []


def test_https_trusts_the_authorities_in_certifis_bundle(https_web, monkeypatch):
    """The bundle certifi names is the one loaded: with the server's certificate in it, the page comes
    back over TLS."""
    web, cert = https_web
    monkeypatch.setattr(certifi, "where", lambda: str(cert))
    assert web.base.startswith("https://")
    assert fetcher_for(web).get(web.url("/feed.xml")).body == b"<rss>over TLS</rss>"
    assert web.requests[0][0] == "/feed.xml"


def test_https_checks_the_certificate_against_the_name_not_the_address_connected_to(https_web, monkeypatch):
    """The connection goes to an address checked by the fetcher, but the certificate must still be
    valid for the name in the URL: this one is for 127.0.0.1 only, so "localhost" is refused."""
    web, cert = https_web
    monkeypatch.setattr(certifi, "where", lambda: str(cert))
    fetcher = Fetcher(HttpConfig(timeout_seconds=2, allow_hosts=(f"localhost:{web.port}",)))
    with pytest.raises(errors.NetworkError, match="not valid for 'localhost'"):
        fetcher.get(f"https://localhost:{web.port}/feed.xml")
    assert web.requests == []


# --- hostile redirects ----------------------------------------------------------------------------


def raw_redirect(location: bytes, status: int = 302) -> Handler:
    """A redirect whose Location is sent as raw bytes (legacy encodings, malformed URLs)."""

    def handle(req: BaseHTTPRequestHandler) -> None:
        req.wfile.write(
            b"HTTP/1.1 %d Found\r\nLocation: %s\r\nContent-Length: 0\r\n\r\n" % (status, location)
        )

    return handle


def test_redirect_to_a_malformed_location_is_a_bad_response(web):
    web.add_handler("/go", raw_redirect(b"http://[::1"))
    with pytest.raises(errors.BadResponse, match="malformed") as caught:
        fetcher_for(web).get(web.url("/go"))
    assert caught.value.http_status == 302


def test_a_malformed_location_is_quoted_in_the_error_only_up_to_200_characters(web):
    location = "http://[::1" + "x" * 300
    web.add_handler("/go", raw_redirect(location.encode()))
    with pytest.raises(errors.BadResponse) as caught:
        fetcher_for(web).get(web.url("/go"))
    assert repr(location[:200]) in str(caught.value)


def test_spaces_and_control_characters_in_a_location_are_percent_encoded(web):
    web.add_handler("/go", raw_redirect(b"/with space/\x01x"))
    web.add("/with%20space/%01x", "arrived", "text/plain")
    response = fetcher_for(web).get(web.url("/go"))
    assert (response.body, response.url) == (b"arrived", web.url("/with%20space/%01x"))


def test_redirect_to_a_location_in_a_legacy_encoding_is_followed_percent_encoded(web):
    web.add_handler("/go", raw_redirect("/новости/1".encode("cp1251")))
    web.add("/%ED%EE%E2%EE%F1%F2%E8/1", "arrived", "text/plain")
    response = fetcher_for(web).get(web.url("/go"))
    assert (response.status, response.body) == (200, b"arrived")
    assert response.url == web.url("/%ED%EE%E2%EE%F1%F2%E8/1")


def test_redirect_to_a_utf8_location_is_followed(web):
    web.add_handler("/go", raw_redirect("/новости/1".encode()))
    web.add("/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/1", "arrived", "text/plain")
    assert fetcher_for(web).get(web.url("/go")).body == b"arrived"


def test_redirect_to_an_overlong_location_is_a_bad_response(web):
    web.add_handler("/go", raw_redirect(b"/" + b"a" * 5000))
    with pytest.raises(errors.BadResponse, match="longer than") as caught:
        fetcher_for(web).get(web.url("/go"))
    assert web.hits("/go") == 1
    assert caught.value.http_status == 302


def test_a_location_of_exactly_the_url_limit_is_followed(web):
    path = "/" + "a" * (MAX_URL_CHARS - 1)
    web.add_handler("/go", raw_redirect(path.encode()))
    web.add(path, "arrived", "text/plain")
    assert fetcher_for(web).get(web.url("/go")).body == b"arrived"


# --- DNS rebinding and IPv4 inside IPv6 -----------------------------------------------------------

PUBLIC = "93.184.215.14"  # a public address: never connected to by these tests


class Resolver:
    """Stands in for DNS (there is none here): answers `name` from a script, one answer per lookup;
    every other name goes to the real resolver."""

    def __init__(self, name: str, *answers: list[str]) -> None:
        self.name, self.answers, self.lookups = name, list(answers), 0
        self.real = socket.getaddrinfo

    def __call__(self, host, port, family=0, type=0, proto=0, flags=0):  # type: ignore[no-untyped-def]
        if host != self.name:
            return self.real(host, port, family, type, proto, flags)
        answer = self.answers[min(self.lookups, len(self.answers) - 1)]
        self.lookups += 1
        infos = []
        for address in answer:
            if ":" in address:
                infos.append((socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port, 0, 0)))
            else:
                infos.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port)))
        return infos


def test_dns_rebinding_to_loopback_is_refused_before_anything_is_sent(web, monkeypatch):
    web.add("/x", "secret", "text/plain")
    resolver = Resolver("rebind.example", [PUBLIC], ["127.0.0.1"])
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    with pytest.raises(errors.BlockedURL, match="non-public address 127.0.0.1"):
        Fetcher(HttpConfig(timeout_seconds=2)).get(f"http://rebind.example:{web.port}/x")
    assert resolver.lookups >= 2  # the check passed; the address connected to was checked again
    assert web.requests == []


def test_every_address_of_an_answer_is_checked_before_connecting(web, monkeypatch):
    web.add("/x", "secret", "text/plain")
    resolver = Resolver("mixed.example", [PUBLIC], [PUBLIC, "127.0.0.1"])
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    with pytest.raises(errors.BlockedURL, match="127.0.0.1"):
        Fetcher(HttpConfig(timeout_seconds=2)).get(f"http://mixed.example:{web.port}/x")
    assert web.requests == []


def test_a_name_in_allow_hosts_connects_to_what_it_resolves_to(web, monkeypatch):
    web.add("/x", "hello", "text/plain")
    monkeypatch.setattr(socket, "getaddrinfo", Resolver("intranet.example", ["127.0.0.1"]))
    fetcher = Fetcher(HttpConfig(timeout_seconds=2, allow_hosts=(f"intranet.example:{web.port}",)))
    assert fetcher.get(f"http://intranet.example:{web.port}/x").body == b"hello"
    assert web.requests[0][1]["Host"] == f"intranet.example:{web.port}"


@pytest.mark.parametrize(
    "address",
    [
        "::127.0.0.1",  # IPv4-compatible
        "::10.0.0.1",
        "64:ff9b::127.0.0.1",  # NAT64
        "64:ff9b::169.254.169.254",
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "2002:a9fe:a9fe::1",  # 6to4 of 169.254.169.254
        "2002:c0a8:101::",  # 6to4 of 192.168.1.1
    ],
)
def test_ipv4_inside_ipv6_is_unwrapped_and_checked(web, monkeypatch, address):
    fetcher = Fetcher(HttpConfig(timeout_seconds=2))
    with pytest.raises(errors.BlockedURL, match="non-public address"):
        fetcher.check_url(f"http://[{address}]/")
    monkeypatch.setattr(socket, "getaddrinfo", Resolver("wrapped.example", [PUBLIC], [address]))
    with pytest.raises(errors.BlockedURL, match="non-public address"):
        fetcher.get(f"http://wrapped.example:{web.port}/")
    assert web.requests == []


def test_local_use_nat64_is_refused_whatever_it_carries():
    fetcher = Fetcher(HttpConfig(timeout_seconds=2))
    with pytest.raises(errors.BlockedURL) as caught:
        fetcher.check_url("http://[64:ff9b:1::5db8:d70e]/")
    assert str(caught.value) == (
        "64:ff9b:1::5db8:d70e:80 resolves to local-use NAT64 address 64:ff9b:1::5db8:d70e; "
        'add "64:ff9b:1::5db8:d70e:80" to [http] allow_hosts to allow it'
    )


def test_a_refusal_says_exactly_which_allow_hosts_entry_would_allow_it():
    with pytest.raises(errors.BlockedURL) as caught:
        Fetcher(HttpConfig(timeout_seconds=2)).check_url("http://10.1.2.3:8080/")
    assert str(caught.value) == (
        '10.1.2.3:8080 resolves to non-public address 10.1.2.3; add "10.1.2.3:8080" to [http] '
        "allow_hosts to allow it"
    )


@pytest.mark.parametrize("address", ["64:ff9b::5db8:d70e", "2002:5db8:d70e::1", "2606:4700::1111"])
def test_public_ipv4_inside_ipv6_is_not_refused(address):
    assert Fetcher(HttpConfig(timeout_seconds=2)).check_url(f"http://[{address}]/") == f"{address}:80"
