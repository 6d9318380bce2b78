"""Serve the robustness corpora (shared/corpora, not part of the repo) on loopback for tests."""

from __future__ import annotations

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode, urlsplit

CORPORA_ENV = "NEWSWATCH_CORPORA"
REPO = Path(__file__).resolve().parent.parent


def corpora_dir() -> Path:
    """$NEWSWATCH_CORPORA, else shared/corpora beside the clone (where CI puts a copy of shared/)."""
    value = os.environ.get(CORPORA_ENV)
    return Path(value).expanduser() if value else REPO.parent / "shared" / "corpora"


class _Handler(SimpleHTTPRequestHandler):
    # Fixed types instead of the system mimetypes table, so every machine serves the same headers
    # (http.server never adds a charset, and neither do we).
    extensions_map = {
        ".xml": "application/xml",
        ".rss": "application/rss+xml",
        ".atom": "application/atom+xml",
        ".html": "text/html",
        "": "application/octet-stream",
    }

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        # ?type=... overrides the Content-Type: a server that mislabels what it sends.
        override = parse_qs(urlsplit(self.path).query).get("type")
        return override[0] if override else super().guess_type(path)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class CorporaServer:
    """A static file server over the corpora directory on 127.0.0.1, port chosen by the OS."""

    def __init__(self, root: Path):
        self.root = root
        handler = functools.partial(_Handler, directory=str(root))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.host_port = f"127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> CorporaServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)

    def url(self, path: Path, content_type: str | None = None) -> str:
        """The URL of a file under the root (quoted: some names hold spaces or non-ASCII).

        With content_type, the file is served with that Content-Type instead of its extension's.
        """
        url = f"http://{self.host_port}/{quote(path.relative_to(self.root).as_posix())}"
        return f"{url}?{urlencode({'type': content_type})}" if content_type else url
