"""Query-string filters, parsed and bounded before they reach SQL: dates, choices, page sizes, cursors.

Every page and its JSON twin read their filters through here, so both accept exactly the same ones.
A value that does not parse is a 400 with one line naming the parameter, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from newswatch import settings

UNATTRIBUTED = "unattributed"  # the source filter's name for figures whose text names no source
_SERIES_KEY = re.compile(r"[a-z0-9_]+(?:\.[a-z0-9_]+)?")
_CURSOR = re.compile(r"(-?\d{1,19})\.(\d{1,19})")
MAX_TEXT = 200  # longer filter values are typos or abuse, not searches


class BadRequest(ValueError):
    """A query parameter that cannot be used; the message names it and says what is expected."""


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: the (time, id) of the last row shown, newest-first order."""

    at: datetime
    id: int

    def encode(self) -> str:
        delta = self.at - datetime(1970, 1, 1, tzinfo=UTC)
        micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
        return f"{micros}.{self.id}"

    @classmethod
    def decode(cls, text: str) -> Cursor:
        m = _CURSOR.fullmatch(text)
        if not m:
            raise BadRequest("after must be a cursor taken from a page's next link")
        try:
            at = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=int(m.group(1)))
        except OverflowError:
            raise BadRequest("after must be a cursor taken from a page's next link") from None
        return cls(at, int(m.group(2)))


def text(params: Mapping[str, str], name: str) -> str | None:
    """A free-text filter: stripped, empty means absent, bounded in length."""
    value = (params.get(name) or "").strip()
    if len(value) > MAX_TEXT:
        raise BadRequest(f"{name} is longer than {MAX_TEXT} characters")
    if "\x00" in value:
        raise BadRequest(f"{name} contains a NUL character")
    return value or None


def choice(params: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str | None:
    value = text(params, name)
    if value is not None and value not in choices:
        raise BadRequest(f"{name} must be one of {', '.join(choices)}")
    return value


def day(params: Mapping[str, str], name: str) -> date | None:
    value = text(params, name)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"{name} must be a date, YYYY-MM-DD") from None


def limit(params: Mapping[str, str]) -> int:
    """Rows per page: the default, or what was asked for up to the cap."""
    value = text(params, "limit")
    if value is None:
        return settings.WEB_PAGE_SIZE
    if not value.isdigit() or not 1 <= int(value) <= settings.WEB_MAX_PAGE_SIZE:
        raise BadRequest(f"limit must be a whole number from 1 to {settings.WEB_MAX_PAGE_SIZE}")
    return int(value)


def cursor(params: Mapping[str, str]) -> Cursor | None:
    value = text(params, "after")
    return Cursor.decode(value) if value else None


def offset(params: Mapping[str, str]) -> int:
    """A row offset, for short lists ordered by something other than time (feeds)."""
    value = text(params, "after")
    if value is None:
        return 0
    if not value.isdigit() or int(value) > 1_000_000:
        raise BadRequest("after must be a cursor taken from a page's next link")
    return int(value)


def id_cursor(params: Mapping[str, str]) -> int | None:
    value = text(params, "after")
    if value is None:
        return None
    if not value.isdigit() or len(value) > 19:
        raise BadRequest("after must be a cursor taken from a page's next link")
    return int(value)


def series_key(value: str) -> str:
    if not _SERIES_KEY.fullmatch(value):
        raise BadRequest("a series is named subject.metric, e.g. dprk_troops_russia.killed")
    return value


def source(params: Mapping[str, str]) -> str | None:
    """The source filter as stored for matching: '' for unattributed figures, None for every source."""
    value = text(params, "source")
    if value is None:
        return None
    return "" if value == UNATTRIBUTED else value


def time_range(params: Mapping[str, str]) -> tuple[datetime | None, datetime | None]:
    """since and until as a half-open UTC range; until is inclusive of its whole day."""
    since, until = day(params, "since"), day(params, "until")
    if since and until and until < since:
        raise BadRequest("until is before since")
    start = datetime(since.year, since.month, since.day, tzinfo=UTC) if since else None
    end = datetime(until.year, until.month, until.day, tzinfo=UTC) + timedelta(days=1) if until else None
    return start, end
