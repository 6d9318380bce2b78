"""Polling one feed: conditional GET, parse with feedparser, and turn entries into items."""

from __future__ import annotations

import calendar
import hashlib
import html
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from newswatch import errors, settings
from newswatch.db import clean_text
from newswatch.ingest.http import Fetcher, Response
from newswatch.ingest.urls import canonical_url

if TYPE_CHECKING:
    import feedparser


@dataclass(frozen=True)
class FeedState:
    """What we remember about a feed between polls."""

    feed_id: int
    name: str
    url: str
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    consecutive_failures: int = 0
    claimed_at: datetime | None = None  # when this poll's claim was taken; the next poll is timed from it


@dataclass(frozen=True)
class Entry:
    guid: str
    url: str
    title: str | None
    summary: str | None
    published_at: datetime | None
    entry_hash: str


@dataclass
class PollResult:
    """The outcome of one poll: entries, or not modified, or an error."""

    status: str
    duration: float
    http_status: int | None = None
    entries: list[Entry] = field(default_factory=list)
    skipped: int = 0  # entries dropped: no usable link, or one longer than MAX_URL_CHARS
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    error: str | None = None
    retry_after: float | None = None
    transient: bool = True

    @property
    def ok(self) -> bool:
        return self.error is None


def poll(fetcher: Fetcher, state: FeedState) -> PollResult:
    """Fetch and parse one feed. Never raises for a bad feed: the result carries the error."""
    start = time.monotonic()
    headers = {
        "Accept": "application/rss+xml, application/atom+xml, application/rdf+xml, "
        "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
    }
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    try:
        response = fetcher.get(state.url, headers)
        if response.status == 304:
            return PollResult(
                "not_modified",
                time.monotonic() - start,
                304,
                not_modified=True,
                etag=state.etag,
                last_modified=state.last_modified,
                body_hash=state.body_hash,
            )
        body_hash = hashlib.sha256(response.body).hexdigest()
        etag = _validator(response.headers.get("ETag"))
        last_modified = _validator(response.headers.get("Last-Modified"))
        if body_hash == state.body_hash:
            # The server ignored our conditional GET but sent the same bytes.
            return PollResult(
                "not_modified",
                time.monotonic() - start,
                response.status,
                not_modified=True,
                etag=etag,
                last_modified=last_modified,
                body_hash=body_hash,
            )
        try:
            entries, skipped = parse(response)
        except errors.FeedError as e:
            e.http_status = response.status  # the server answered; the body was the problem
            raise
    except errors.FetchError as e:
        return failed(e, time.monotonic() - start)
    except Exception as e:  # a bug meeting a hostile feed: record it against this feed, go on
        return failed(errors.InternalError(describe(e)), time.monotonic() - start)
    return PollResult(
        "ok",
        time.monotonic() - start,
        response.status,
        entries=entries,
        skipped=skipped,
        etag=etag,
        last_modified=last_modified,
        body_hash=body_hash,
    )


def failed(error: errors.FetchError, duration: float) -> PollResult:
    """The result of a poll that ended in error."""
    return PollResult(
        error.status,
        duration,
        error.http_status,
        error=clean_text(str(error)),
        retry_after=error.retry_after,
        transient=error.transient,
    )


def describe(e: BaseException) -> str:
    """One line naming an unexpected exception, for the error columns."""
    text = " ".join(str(e).split())
    return f"{type(e).__name__}: {text[:480]}" if text else type(e).__name__


def parse(response: Response) -> tuple[list[Entry], int]:
    """Entries of a feed body, and how many were skipped for want of a usable link; raises a
    FeedError naming what is wrong with the body."""
    # Imported here: a cycle in which every feed answers 304 Not Modified parses nothing.
    import feedparser

    headers = {"content-location": response.url}
    if "Content-Type" in response.headers:
        headers["content-type"] = response.headers["Content-Type"]
    parsed = feedparser.parse(
        _valid_char_refs(response.body),
        response_headers=headers,
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    if not parsed.entries:
        if _looks_like_html(response):
            raise errors.NotAFeed(
                f"got an HTML page ({response.content_type or 'no content type'}), not a "
                "feed: the URL is wrong or a bot-blocking page answered"
            )
        if parsed.get("bozo"):
            raise errors.FeedError(f"malformed feed XML: {_bozo_message(parsed)}")
        if not parsed.get("version"):
            raise errors.NotAFeed(
                f"not an RSS or Atom document ({len(response.body):,} bytes, "
                f"{response.content_type or 'no content type'})"
            )
        raise errors.EmptyFeed("the feed has no items")
    entries: list[Entry] = []
    seen: set[str] = set()
    skipped = 0
    now = datetime.now(UTC)
    for raw in parsed.entries[: settings.MAX_ITEMS_PER_FEED]:
        entry = _entry(raw, response.url, now)
        if entry is None:
            skipped += 1
        elif entry.guid not in seen:
            seen.add(entry.guid)
            entries.append(entry)
    if not entries:
        raise errors.EmptyFeed(
            f"the feed has {len(parsed.entries)} items but none with a usable link (http(s), at most "
            f"{settings.MAX_URL_CHARS:,} characters)"
        )
    return entries, skipped


def _entry(raw: feedparser.FeedParserDict, base_url: str, now: datetime) -> Entry | None:
    """One feed entry, or None when it has no usable link (none, not http(s), malformed, too long)."""
    link = _text(raw.get("link"))
    if not link:
        for candidate in raw.get("links", []):
            if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
                link = _text(candidate["href"])
                break
    guid = _text(raw.get("id")).strip()
    if not link and guid.startswith(("http://", "https://")):
        link = guid
    try:
        link = urljoin(base_url, link.strip()) if link else ""
    except ValueError:
        return None  # "http://[::1": not a URL anyone can fetch
    if not link.startswith(("http://", "https://")):
        return None
    canonical = canonical_url(link)
    if max(len(link), len(canonical)) > settings.MAX_URL_CHARS:
        return None
    title = _clean(raw.get("title"))
    summary = _clean(raw.get("summary"))
    published = _date(raw)
    if published is not None and published > now + timedelta(hours=settings.FUTURE_DATE_TOLERANCE_HOURS):
        published = now  # a wrong time zone or a date-only value: first seen is the best we know
    if not guid:
        # No guid: the canonical link identifies the item, so a link whose tracking parameters
        # change between polls is still the same item.
        guid = canonical
    entry_hash = hashlib.sha1(
        "\x1f".join([title or "", canonical, summary or "", _text(dict.get(raw, "updated", ""))]).encode()
    ).hexdigest()
    return Entry(
        guid=_bounded_guid(guid),
        url=link,
        title=title,
        summary=summary,
        published_at=published,
        entry_hash=entry_hash,
    )


def _date(raw: feedparser.FeedParserDict) -> datetime | None:
    """published, else updated, else created: RSS 1.0 and Atom feeds often fill only one."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = dict.get(raw, key)  # raw.get() would map keys and warn
        if value:
            try:
                when = datetime.fromtimestamp(calendar.timegm(value), UTC)
            except (OverflowError, ValueError, OSError):
                continue
            if 1990 <= when.year <= datetime.now(UTC).year + 1:
                return when
    return None


_HEADER_UNSAFE = re.compile(r"[^\x20-\x7e\x80-\xff]")


def _validator(value: str | None) -> str | None:
    """An ETag or Last-Modified worth keeping: one we can send back as a header next time. A value
    with control characters (NUL, CR, LF) would fail every later request, so it is dropped."""
    if not value or len(value) > 1024 or _HEADER_UNSAFE.search(value):
        return None
    return value


def _bounded_guid(guid: str) -> str:
    """The guid, or for one over MAX_GUID_BYTES a prefix and a hash of the whole (still unique)."""
    raw = guid.encode()
    if len(raw) <= settings.MAX_GUID_BYTES:
        return guid
    digest = hashlib.sha256(raw).hexdigest()
    prefix = raw[: settings.MAX_GUID_BYTES - len(digest) - 1].decode("utf-8", "ignore")
    return f"{prefix}#{digest}"


_TAG = re.compile(r"<[^>]{0,2000}>")
# What a browser never shows: scripts, styles and comments, with their content (an unclosed one runs to the end).
_HIDDEN = re.compile(
    r"<(script|style|noscript|template)\b[^>]{0,2000}>(?:.*?</\1\s*>|.*\Z)|<!--.*?(?:-->|\Z)", re.I | re.S
)


def _text(value: object) -> str:
    """A feed field as text PostgreSQL accepts ("" when absent or not a string)."""
    return clean_text(value) if isinstance(value, str) else ""


def _clean(value: str | None) -> str | None:
    """Plain text from a feed field that may hold HTML; None when empty."""
    if not value or not isinstance(value, str):
        return None
    text = clean_text(html.unescape(_TAG.sub(" ", _HIDDEN.sub(" ", value))))
    text = " ".join(text.split())
    return text[:5000] or None


_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,24}));")


def _valid_char_refs(body: bytes) -> bytes:
    """The body with character references to no character removed (&#0;) or replaced (a surrogate,
    beyond U+10FFFF): feedparser's lenient parser raises on them, losing the whole feed."""
    if b"&#" not in body:
        return body

    def fix(m: re.Match[bytes]) -> bytes:
        code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        if code == 0:
            return b""
        if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
            return b"&#xFFFD;"
        return m.group()

    return _CHAR_REF.sub(fix, body)


def _looks_like_html(response: Response) -> bool:
    head = response.body[:1024].lstrip().lower()
    return response.content_type in ("text/html", "application/xhtml+xml") or head.startswith(
        (b"<!doctype html", b"<html")
    )


def _bozo_message(parsed: feedparser.FeedParserDict) -> str:
    exc = parsed.get("bozo_exception")
    text = str(exc).strip().splitlines()[0] if exc else "unknown error"
    return text[:300]
