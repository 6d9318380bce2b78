"""Text from the internet going into email: headers without line breaks, escaped HTML, http(s) links only."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")


def header_text(value: str, limit: int = 200) -> str:
    """One line: control characters (CR, LF, ...) become spaces, so no text can start a new header."""
    text = " ".join(_CONTROL.sub(" ", value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def html_text(value: object) -> str:
    """Escaped text for the HTML part: "<script>" shows as text, never runs."""
    return html.escape(str(value), quote=True)


def safe_url(url: str | None) -> str | None:
    """The URL if it is plain http(s), else None (javascript:, data:, mailto: ... are never linked)."""
    if not url:
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or _CONTROL.search(url):
        return None
    return url


def html_link(url: str | None, label: str) -> str:
    """An <a> for http(s) URLs; other URLs are shown as text only."""
    safe = safe_url(url)
    if safe is None:
        return html_text(label)
    return f'<a href="{html_text(safe)}">{html_text(label)}</a>'
