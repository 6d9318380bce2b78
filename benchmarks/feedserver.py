"""Serve a generated corpus on loopback with added latency, conditional GET and request counters.

Usage: uv run python benchmarks/feedserver.py [--corpus DIR] [--port 0] [--latency 0.05]
Prints "listening on http://127.0.0.1:PORT" once ready.
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
    """Corpus files with the placeholder host replaced, read once and then served from memory."""

    def __init__(self, root: Path, base_url: str):
        self.www = (root / "www").resolve()
        self.base = base_url.encode()
        manifest = json.loads((root / "manifest.json").read_text())
        self.feed_dates = {
            f"/feeds/{feed['number']}.xml": parsedate_to_datetime(feed["last_modified"])
            for feed in manifest["feeds"]
        }
        self.cache: dict[str, Resource] = {}
        for path in self.feed_dates:
            self.get(path)

    def get(self, path: str) -> Resource | None:
        """The resource at URL path, or None."""
        cached = self.cache.get(path)
        if cached is not None:
            return cached
        file = (self.www / path.lstrip("/")).resolve()
        if not file.is_relative_to(self.www) or not file.is_file():
            return None
        body = file.read_bytes().replace(pages.PLACEHOLDER.encode(), self.base)
        is_feed = path in self.feed_dates
        resource = Resource(
            body=body,
            content_type="application/rss+xml; charset=utf-8" if is_feed else "text/html; charset=utf-8",
            etag='"' + hashlib.sha1(body).hexdigest()[:20] + '"',
            last_modified=self.feed_dates.get(path, corpus.NEWEST),
        )
        self.cache[path] = resource  # a racing duplicate read is harmless: same bytes
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


class BenchServer(ThreadingHTTPServer):
    """Thread-per-connection server holding the store, latency and counters."""

    daemon_threads = True
    request_queue_size = 256

    def __init__(self, address: tuple[str, int], store: Store | None, latency: float):
        super().__init__(address, Handler)
        self.store = store
        self.latency = latency
        self.counts: Counter[str] = Counter()
        self.lock = threading.Lock()

    def count(self, key: str, n: int = 1) -> None:
        """Add to a counter."""
        with self.lock:
            self.counts[key] += n

    def record_service_time(self, seconds: float) -> None:
        """Track the slowest response and responses over 1 s, to prove the server answers promptly."""
        with self.lock:
            self.counts["max_service_ms"] = max(self.counts["max_service_ms"], round(seconds * 1000))
            self.counts["slow_over_1s"] += seconds > 1

    def handle_error(self, request: object, client_address: object) -> None:
        """Count client disconnects instead of printing a traceback for each."""
        self.count("client_errors")


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
        self.server.record_service_time(time.perf_counter() - started)

    def _serve(self, path: str, send_body: bool) -> None:
        if path == "/_stats":
            with self.server.lock:
                payload = json.dumps(dict(self.server.counts)).encode()
            self._send(200, payload, {"Content-Type": "application/json"}, send_body)
            return
        time.sleep(self.server.latency)
        assert self.server.store is not None
        resource = self.server.store.get(path)
        kind = "feed" if path.startswith("/feeds/") else "page"
        if resource is None:
            self.server.count("not_found")
            self._send(404, b"not found\n", {"Content-Type": "text/plain"}, send_body)
            return
        validators = {"ETag": resource.etag, "Last-Modified": resource.last_modified_header}
        if not_modified(self.headers, resource):
            self.server.count(f"{kind}_304")
            self._send(304, b"", validators, send_body=False)
            return
        self.server.count(f"{kind}_200")
        self.server.count("bytes", len(resource.body))
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


def serve(root: Path, port: int, latency: float, max_seconds: float) -> None:
    """Run until killed or until max_seconds have passed (so a crashed parent cannot leave it behind)."""
    server = BenchServer(("127.0.0.1", port), None, latency)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    server.store = Store(root, base)
    timer = threading.Timer(max_seconds, server.shutdown)
    timer.daemon = True
    timer.start()
    print(f"listening on {base}", flush=True)
    server.serve_forever(poll_interval=0.5)


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=corpus.DEFAULT_DIR)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds slept before each response")
    parser.add_argument("--max-seconds", type=float, default=4 * 3600)
    args = parser.parse_args()
    serve(args.corpus, args.port, args.latency, args.max_seconds)


if __name__ == "__main__":
    main()
