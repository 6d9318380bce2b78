"""A loopback web server for the bundled demo site: four feeds and their article pages, offline."""

from __future__ import annotations

import hashlib
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import cast
from urllib.parse import unquote, urlsplit

DEMO_ROOT = Path(__file__).parent / "demo_site"
SECOND_CYCLE_DIR = "second_cycle"
BASE_PLACEHOLDER = b"{base}"

# (feed name, path under the demo root)
DEMO_FEEDS: tuple[tuple[str, str], ...] = (
    ("Korea Wire Daily", "feeds/korea-wire.xml"),
    ("Eastern Front Monitor", "feeds/eastern-front.atom"),
    ("World Desk", "feeds/world-desk.rdf"),
    ("Stolichny Vestnik", "feeds/moskva-vestnik.xml"),
)

_CONTENT_TYPES = {
    ".xml": "application/rss+xml",
    ".rdf": "application/rdf+xml",
    ".atom": "application/atom+xml",
    ".html": "text/html; charset=utf-8",
}
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def content_type(path: Path, data: bytes) -> str:
    """Content-Type for a served file; feeds in a legacy encoding get no charset, so their prolog governs."""
    ctype = _CONTENT_TYPES[path.suffix]
    if path.suffix != ".html":
        match = _XML_ENCODING.match(data.lstrip())
        if match is None or match.group(1).lower() in (b"utf-8", b"utf8"):
            ctype += "; charset=utf-8"
    return ctype


class DemoServer:
    """Serves the demo site on loopback, substituting `{base}` with the server's own base URL."""

    def __init__(
        self, root: Path | None = None, host: str = "127.0.0.1", port: int = 0, cycle: int = 1
    ) -> None:
        self.root = (root or DEMO_ROOT).resolve()
        self.host = host
        self.port = port
        self.base_url = ""
        self.cycle = 1
        self.set_cycle(cycle)
        self._httpd: _DemoHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> DemoServer:
        """Bind and serve in a daemon thread; `base_url` is set once this returns."""
        if self._httpd is not None:
            return self
        httpd = _DemoHTTPServer((self.host, self.port), _DemoHandler, self)
        host, port = cast("tuple[str, int]", httpd.server_address[:2])
        self.port = port
        self.base_url = f"http://{host}:{port}"
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, name="newswatch-demo", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket; safe to call twice."""
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    def set_cycle(self, cycle: int) -> None:
        """Cycle 2 serves files under second_cycle/ in place of same-named ones (and adds new ones)."""
        if cycle not in (1, 2):
            raise ValueError(f"demo cycle must be 1 or 2, not {cycle!r}")
        self.cycle = cycle

    def feed_urls(self) -> list[tuple[str, str]]:
        """(feed name, absolute URL) for the four demo feeds."""
        if not self.base_url:
            raise RuntimeError("DemoServer is not started")
        return [(name, f"{self.base_url}/{path}") for name, path in DEMO_FEEDS]

    def resolve(self, url_path: str) -> Path | None:
        """The file a request path maps to (query and fragment ignored), or None if there is none."""
        parts = [p for p in unquote(urlsplit(url_path).path).split("/") if p]
        if not parts or parts[0] == SECOND_CYCLE_DIR or any(p in (".", "..") or "\\" in p for p in parts):
            return None
        candidates = [self.root.joinpath(*parts)]
        if self.cycle == 2:
            candidates.insert(0, self.root.joinpath(SECOND_CYCLE_DIR, *parts))
        for path in candidates:
            if path.suffix in _CONTENT_TYPES and path.is_file() and path.resolve().is_relative_to(self.root):
                return path
        return None

    def render(self, path: Path) -> bytes:
        """The bytes to serve for a file, with `{base}` replaced (ASCII, so any encoding is safe)."""
        return path.read_bytes().replace(BASE_PLACEHOLDER, self.base_url.encode("ascii"))

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


class _DemoHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], demo: DemoServer
    ) -> None:
        self.demo = demo
        super().__init__(address, handler)

    def handle_error(self, request: object, client_address: object) -> None:
        """Stay quiet about dropped connections and handler errors."""


class _DemoHandler(BaseHTTPRequestHandler):
    server_version = "newswatch-demo/1"

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        demo = cast(_DemoHTTPServer, self.server).demo
        path = demo.resolve(self.path)
        if path is None:
            self._send(404, b"not found\n", "text/plain; charset=utf-8", send_body)
            return
        data = demo.render(path)
        etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
        if _etag_matches(self.headers.get("If-None-Match"), etag):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self._send(200, data, content_type(path, data), send_body, etag)

    def _send(self, status: int, data: bytes, ctype: str, send_body: bool, etag: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        if etag is not None:
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if send_body:
            self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        """Log nothing: the demo must not write to stderr."""


def _etag_matches(header: str | None, etag: str) -> bool:
    """True if an If-None-Match header names this ETag (weak comparison) or is `*`."""
    if not header:
        return False
    tags = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return "*" in tags or etag in tags
