"""Every error newswatch raises on purpose, in one place.

Transient errors are worth retrying later (the network, a busy server); permanent ones are
recorded and not retried until something changes (the URL is refused, the body is not a feed).
"""

from __future__ import annotations


class NewswatchError(Exception):
    """Base of all newswatch errors; its message is one line meant for an operator."""


class ConfigError(NewswatchError):
    """The configuration is invalid; the message names the key and the fix."""


class DatabaseError(NewswatchError):
    """The warehouse cannot be reached or migrated."""


class WarehouseUnreachable(DatabaseError):
    """The warehouse cannot be reached or used: down, full, out of connections, or refusing our login.

    Nothing can be recorded, not even an alert about it: the operators are emailed directly."""


class InsecureSMTP(NewswatchError):
    """The mail server offers no TLS where newswatch requires it (a password would travel in clear)."""


class FetchError(NewswatchError):
    """Fetching a URL failed. `status` is the short code stored in the poll log and pages table."""

    status = "error"
    transient = True

    def __init__(self, message: str, *, http_status: int | None = None, retry_after: float | None = None):
        super().__init__(message)
        self.http_status = http_status
        self.retry_after = retry_after


# --- transient: try again later -------------------------------------------------


class NetworkError(FetchError):
    status = "network_error"


class FetchTimeout(FetchError):
    status = "timeout"


class ServerError(FetchError):
    """5xx, 408 and 429 answers."""

    status = "http_error"


class RateLimited(ServerError):
    """429 or 503 with Retry-After: honoured before the next attempt."""

    status = "rate_limited"


class InternalError(FetchError):
    """Handling one feed or page raised something unexpected: a bug meeting hostile input, or the
    database refusing what was stored for it. Recorded against that feed or page, retried with backoff;
    the other feeds and pages of the stage carry on."""

    status = "internal_error"


# --- permanent: record and move on ------------------------------------------------


class BlockedURL(FetchError):
    """Not http(s), or resolves to a private/loopback/link-local/multicast address not in allow_hosts."""

    status = "blocked"
    transient = False


class TooLarge(FetchError):
    status = "too_large"
    transient = False


class TooManyRedirects(FetchError):
    status = "redirect_loop"
    transient = False


class BadResponse(FetchError):
    """The server's answer could not be decoded (broken gzip, invalid chunking)."""

    status = "bad_response"
    transient = False


class ClientError(FetchError):
    """4xx answers other than 408/429: gone, forbidden, not found."""

    status = "http_error"
    transient = False


class FeedError(FetchError):
    """The body arrived but is not a usable feed (malformed, HTML, no items)."""

    status = "parse_error"
    transient = False


class NotAFeed(FeedError):
    status = "not_a_feed"


class EmptyFeed(FeedError):
    status = "empty"


class ExtractError(FetchError):
    """The page arrived but yielded no article text, or the extractor crashed or hung."""

    status = "extract_error"
    transient = False


class ExtractTimeout(ExtractError):
    status = "extract_timeout"
    transient = True


def one_line(e: BaseException) -> str:
    """An exception as one line of at most 300 characters (for logs, notes and email headers)."""
    return " ".join(str(e).split())[:300] or type(e).__name__
