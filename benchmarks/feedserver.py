"""Serve a generated corpus on loopback with added latency, conditional GET and request counters.

Usage: uv run python benchmarks/feedserver.py [--corpus DIR] [--port 0] [--latency 0.05] [--hosts 1]
Prints "listening on http://127.0.0.1:PORT" once ready; with --hosts N, 127.0.0.2..N answer on the same port.
GET /_stats (no added latency) returns the request counters as JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from email.message import Message
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import corpus
import pages


@dataclass(frozen=True)
class Resource:
    """Response bytes and validators, computed once per path."""

    body: bytes
    content_type: str
    etag: str
    last_modified: datetime

    @property
    def last_modified_header(self) -> str:
        """HTTP-date form of last_modified."""
        return format_datetime(self.last_modified, usegmt=True)


class Store:
    """Corpus files with the placeholder replaced by the address asked, read once then served from memory."""

    def __init__(self, root: Path):
        self.www = (root / "www").resolve()
        manifest = json.loads((root / "manifest.json").read_text())
        self.feed_dates = {
            f"/feeds/{feed['number']}.xml": parsedate_to_datetime(feed["last_modified"])
            for feed in manifest["feeds"]
        }
        self.cache: dict[tuple[str, str], Resource] = {}

    def get(self, base: str, path: str) -> Resource | None:
        """The resource at URL path as served from base (e.g. http://127.0.0.1:8000), or None."""
        cached = self.cache.get((base, path))
        if cached is not None:
            return cached
        file = (self.www / path.lstrip("/")).resolve()
        if not file.is_relative_to(self.www) or not file.is_file():
            return None
        body = file.read_bytes().replace(pages.PLACEHOLDER.encode(), base.encode())
        is_feed = path in self.feed_dates
        resource = Resource(
            body=body,
            content_type="application/rss+xml; charset=utf-8" if is_feed else "text/html; charset=utf-8",
            etag='"' + hashlib.sha1(body).hexdigest()[:20] + '"',
            last_modified=self.feed_dates.get(path, corpus.NEWEST),
        )
        self.cache[(base, path)] = resource  # a racing duplicate read is harmless: same bytes
        return resource


def not_modified(headers: Message, resource: Resource) -> bool:
    """RFC 9110 conditional GET: If-None-Match wins over If-Modified-Since."""
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:
        tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
        return "*" in tags or resource.etag in tags
    since = headers.get("If-Modified-Since")
    if since is None:
        return False
    try:
        return resource.last_modified <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False


class State:
    """What all listening addresses share: the store, the latency and the counters."""

    def __init__(self, store: Store, latency: float):
        self.store = store
        self.latency = latency
        self.counts: Counter[str] = Counter()
        self.lock = threading.Lock()

    def count(self, key: str, n: int = 1) -> None:
        """Add to a counter."""
        with self.lock:
            self.counts[key] += n

    def record_service_time(self, seconds: float) -> None:
        """Track the slowest response and responses over 1 s, to show the server answers promptly."""
        with self.lock:
            self.counts["max_service_ms"] = max(self.counts["max_service_ms"], round(seconds * 1000))
            self.counts["slow_over_1s"] += seconds > 1

    def snapshot(self) -> bytes:
        """Counters as JSON."""
        with self.lock:
            return json.dumps(dict(self.counts)).encode()


class BenchServer(ThreadingHTTPServer):
    """Thread-per-connection server on one loopback address."""

    daemon_threads = True
    request_queue_size = 256

    def __init__(self, address: tuple[str, int], state: State):
        super().__init__(address, Handler)
        self.state = state
        self.base = f"http://{address[0]}:{self.server_address[1]}"

    def handle_error(self, request: object, client_address: object) -> None:
        """Count client disconnects instead of printing a traceback for each."""
        self.state.count("client_errors")


class Handler(BaseHTTPRequestHandler):
    """GET/HEAD with a fixed sleep before every corpus response (the sleep yields the GIL)."""

    protocol_version = "HTTP/1.1"
    timeout = 60  # closes idle keep-alive connections
    disable_nagle_algorithm = True  # headers and body go out in separate writes
    server: BenchServer

    def do_GET(self) -> None:
        """Serve a corpus resource."""
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        """Serve headers only."""
        self._respond(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Silence per-request logging."""

    def _respond(self, send_body: bool) -> None:
        started = time.perf_counter()
        self._serve(urlsplit(self.path).path, send_body)
        self.server.state.record_service_time(time.perf_counter() - started)

    def _serve(self, path: str, send_body: bool) -> None:
        state = self.server.state
        if path == "/_stats":
            self._send(200, state.snapshot(), {"Content-Type": "application/json"}, send_body)
            return
        time.sleep(state.latency)
        resource = state.store.get(self.server.base, path)
        kind = "feed" if path.startswith("/feeds/") else "page"
        if resource is None:
            state.count("not_found")
            self._send(404, b"not found\n", {"Content-Type": "text/plain"}, send_body)
            return
        validators = {"ETag": resource.etag, "Last-Modified": resource.last_modified_header}
        if not_modified(self.headers, resource):
            state.count(f"{kind}_304")
            self._send(304, b"", validators, send_body=False)
            return
        state.count(f"{kind}_200")
        state.count("bytes", len(resource.body))
        headers = {"Content-Type": resource.content_type, "Cache-Control": "max-age=0", **validators}
        self._send(200, resource.body, headers, send_body)

    def _send(self, status: int, body: bytes, headers: dict[str, str], send_body: bool) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)


def host_address(index: int) -> str:
    """The index-th loopback address (0 -> 127.0.0.1); all of 127.0.0.0/8 is loopback on Linux."""
    return f"127.0.0.{index + 1}"


def serve(root: Path, port: int, latency: float, hosts: int, max_seconds: float) -> None:
    """Listen on `hosts` loopback addresses sharing one port; stop when killed or after max_seconds."""
    state = State(Store(root), latency)
    servers = [BenchServer((host_address(0), port), state)]
    port = servers[0].server_address[1]
    servers += [BenchServer((host_address(i), port), state) for i in range(1, hosts)]
    for server in servers[1:]:
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.5}, daemon=True).start()
    # A crashed parent must not leave the server behind.
    timer = threading.Timer(max_seconds, servers[0].shutdown)
    timer.daemon = True
    timer.start()
    print(f"listening on {servers[0].base}", flush=True)
    servers[0].serve_forever(poll_interval=0.5)


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=corpus.DEFAULT_DIR)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds slept before each response")
    parser.add_argument("--hosts", type=int, default=1, help="also listen on 127.0.0.2 ... 127.0.0.N")
    parser.add_argument("--max-seconds", type=float, default=4 * 3600)
    args = parser.parse_args()
    serve(args.corpus, args.port, args.latency, args.hosts, args.max_seconds)


if __name__ == "__main__":
    main()
