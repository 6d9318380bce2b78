"""A real HTTP server on loopback serving fixture feeds and pages, with scripted misbehaviour."""

from __future__ import annotations

import hashlib
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: bool = False  # answer If-None-Match with 304
    handler: Callable[[BaseHTTPRequestHandler], None] | None = None


class WebServer:
    """ThreadingHTTPServer on 127.0.0.1:0 (or another loopback address: another host to the shards).
    Routes map a path (query ignored) to a Route. With `tls` (a certificate and key file) it speaks
    HTTPS; a client that refuses the certificate ends the handshake, which the server ignores."""

    def __init__(self, host: str = "127.0.0.1", tls: tuple[Path, Path] | None = None) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                with server._lock:
                    server.requests.append((self.path, dict(self.headers)))
                route = server.routes.get(path)
                if route is None:
                    self._send(404, b"not found", {"Content-Type": "text/plain"})
                    return
                if route.handler is not None:
                    route.handler(self)
                    return
                headers = dict(route.headers)
                if route.etag:
                    tag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
                    headers["ETag"] = tag
                    if self.headers.get("If-None-Match") == tag:
                        self._send(304, b"", headers)
                        return
                self._send(route.status, route.body, headers)

            def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        if tls is not None:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(*map(str, tls))
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self.host_port = f"{host}:{self.port}"
        self.base = f"{'https' if tls else 'http'}://{self.host_port}"
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> WebServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def add(
        self,
        path: str,
        body: bytes | str,
        content_type: str = "application/rss+xml",
        status: int = 200,
        etag: bool = False,
        **headers: str,
    ) -> str:
        """Serve body at path; returns the absolute URL."""
        data = body.encode() if isinstance(body, str) else body
        hdrs = {"Content-Type": content_type, **{k.replace("_", "-"): v for k, v in headers.items()}}
        self.routes[path] = Route(data, status, hdrs, etag)
        return self.url(path)

    def add_handler(self, path: str, handler: Callable[[BaseHTTPRequestHandler], None]) -> str:
        self.routes[path] = Route(handler=handler)
        return self.url(path)

    def hits(self, path: str) -> int:
        with self._lock:
            return sum(1 for p, _ in self.requests if urlsplit(p).path == path)


def trickle(interval: float = 0.5, total_seconds: float = 60) -> Callable[[BaseHTTPRequestHandler], None]:
    """A handler that sends headers, then one byte every interval, for a long time."""

    def handle(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Type", "application/rss+xml")
        req.send_header("Content-Length", "100000")
        req.end_headers()
        end = time.monotonic() + total_seconds
        try:
            while time.monotonic() < end:
                req.wfile.write(b" ")
                req.wfile.flush()
                time.sleep(interval)
        except OSError:
            pass

    return handle


def slow(
    body: bytes, delay: float, content_type: str = "text/html; charset=utf-8"
) -> Callable[[BaseHTTPRequestHandler], None]:
    """A handler that answers with body after delay seconds (a slow origin)."""

    def handle(req: BaseHTTPRequestHandler) -> None:
        time.sleep(delay)
        req.send_response(200)
        req.send_header("Content-Type", content_type)
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)

    return handle
