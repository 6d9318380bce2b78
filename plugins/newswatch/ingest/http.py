"""Fetching URLs safely: only public http(s) addresses, bounded size, bounded total time.

Every hop of a redirect chain is checked again. The connection itself resolves the name, checks every
address of the answer and connects only to a checked one, before anything is sent: a DNS answer that
changes between the check and the connection (rebinding) never reaches a private address. Host
header, SNI and certificate checks still use the name.
"""

from __future__ import annotations

import contextlib
import heapq
import ipaddress
import itertools
import re
import socket
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3 import HTTPHeaderDict
from urllib3.exceptions import (
    ConnectTimeoutError,
    DecodeError,
    LocationValueError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
)
from urllib3.util.connection import allowed_gai_family
from urllib3.util.timeout import _DEFAULT_TIMEOUT

from newswatch import errors, settings
from newswatch.config import HttpConfig

REDIRECT_CODES = {301, 302, 303, 307, 308}
DEFAULT_PORTS = {"http": 80, "https": 443}
# Local-use NAT64 (RFC 8215): where the IPv4 address sits depends on the operator's prefix length.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")
_UNSAFE_IN_URL = re.compile(r"[\x00-\x20\x7f]")
_UNSAFE_BYTES_IN_URL = re.compile(rb"[^\x21-\x7e]")


class _Watch:
    """One request's deadline and the socket it is using; the watchdog shuts the socket at the deadline.

    `allowed(host, port)` says whether the connection may go to a private address (allow_hosts).
    """

    def __init__(self, deadline: float, allowed: Callable[[str, int], bool] | None = None):
        self.deadline = deadline
        self.allowed = allowed
        self.sock: socket.socket | None = None
        self.expired = False
        self.done = False

    def expire(self) -> None:
        """End the request now: its blocked read or write returns at once."""
        self.expired = True
        if self.sock is not None:
            with contextlib.suppress(OSError):
                self.sock.shutdown(socket.SHUT_RDWR)


_current = threading.local()  # the _Watch of the request this thread is making


class _Watchdog:
    """A single thread that enforces total request deadlines.

    Socket timeouts only bound each read, so a server sending a byte every second (in the headers or
    the body) would never time out; shutting the socket from here makes the blocked read return.
    """

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, _Watch]] = []
        self._cond = threading.Condition()
        self._ids = itertools.count()
        threading.Thread(target=self._run, name="newswatch-http-watchdog", daemon=True).start()

    def watch(self, deadline: float, allowed: Callable[[str, int], bool] | None = None) -> _Watch:
        w = _Watch(deadline, allowed)
        with self._cond:
            heapq.heappush(self._heap, (deadline, next(self._ids), w))
            # The thread sleeps until the earliest deadline; a later one (nearly every request's, as all
            # share one timeout) needs no wake-up: waking it for each cost two thread switches a request.
            if self._heap[0][2] is w:
                self._cond.notify()
        return w

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._heap:
                    self._cond.wait()
                deadline, _, w = self._heap[0]
                wait = deadline - time.monotonic()
                if wait > 0:
                    self._cond.wait(wait)
                    continue
                heapq.heappop(self._heap)
            if not w.done:
                w.expire()


_watchdog: _Watchdog | None = None
_watchdog_lock = threading.Lock()


def _get_watchdog() -> _Watchdog:
    global _watchdog
    with _watchdog_lock:
        if _watchdog is None:
            _watchdog = _Watchdog()
        return _watchdog


class _Tracking:
    """Mixin for urllib3 connections: connect only to checked addresses, and tell the current
    request's watch which socket it is using."""

    sock: socket.socket | None
    host: str
    port: int
    timeout: Any
    source_address: tuple[str, int] | None
    socket_options: Any
    _dns_host: str

    def _new_conn(self) -> socket.socket:
        watch: _Watch | None = getattr(_current, "watch", None)
        allowed = watch is not None and watch.allowed is not None and watch.allowed(self._dns_host, self.port)
        try:
            sock = _connect_checked(
                self._dns_host, self.port, self.timeout, self.source_address, self.socket_options, allowed
            )
        except socket.gaierror as e:
            raise NameResolutionError(self.host, self, e) from e  # type: ignore[arg-type]
        except TimeoutError as e:
            raise ConnectTimeoutError(
                self, f"Connection to {self.host} timed out. (connect timeout={self.timeout})"
            ) from e
        except OSError as e:
            raise NewConnectionError(self, f"Failed to establish a new connection: {e}") from e  # type: ignore[arg-type]
        sys.audit("http.client.connect", self, self.host, self.port)
        return sock

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        _record_socket(self.sock)

    def request(self, *args: Any, **kwargs: Any) -> None:
        _record_socket(self.sock)  # a reused keep-alive connection
        super().request(*args, **kwargs)  # type: ignore[misc]


def _connect_checked(
    host: str,
    port: int,
    timeout: Any,
    source_address: tuple[str, int] | None,
    socket_options: Any,
    allowed: bool,
) -> socket.socket:
    """Resolve host once, refuse the whole answer if any address is not public (unless allowed), and
    connect to the checked addresses in turn (urllib3's create_connection, with the check)."""
    infos = socket.getaddrinfo(host, port, allowed_gai_family(), socket.SOCK_STREAM)
    if not allowed:
        for info in infos:
            _check_address(str(info[4][0]), f"{host}:{port}")
    error: OSError | None = None
    for family, socktype, proto, _name, address in infos:
        sock = None
        try:
            sock = socket.socket(family, socktype, proto)
            for option in socket_options or ():
                sock.setsockopt(*option)
            if timeout is not _DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(address)
            return sock
        except OSError as e:
            error = e
            if sock is not None:
                sock.close()
    raise error or OSError(f"no address found for {host}")


def _record_socket(sock: socket.socket | None) -> None:
    w: _Watch | None = getattr(_current, "watch", None)
    if w is not None and sock is not None:
        w.sock = sock
        if w.expired:
            w.expire()


class _HTTPConnection(_Tracking, urllib3.connection.HTTPConnection):
    pass


class _HTTPSConnection(_Tracking, urllib3.connection.HTTPSConnection):
    pass


class _HTTPPool(urllib3.connectionpool.HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(urllib3.connectionpool.HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


def _pool_manager(per_host: int, user_agent: str) -> urllib3.PoolManager:
    """urllib3 without requests on top (requests cost about 0.8 ms of CPU a request, and 50 ms of
    start-up). One manager serves every thread: Fetcher's per-host limit keeps a host's connections
    in use at most `per_host`, so its pool never grows past that and threads reuse each other's
    keep-alive connections. Certificates are checked against certifi's bundle, as requests did, and no
    proxy is taken from the environment (requests needed trust_env = False for that)."""
    manager = urllib3.PoolManager(
        num_pools=64,
        maxsize=per_host,
        retries=False,
        headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate", "Accept": "*/*"},
        ca_certs=_ca_bundle(),
    )
    manager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}
    manager.key_fn_by_scheme = dict(manager.key_fn_by_scheme)
    return manager


def _with_defaults(defaults: Mapping[str, str], headers: Mapping[str, str]) -> HTTPHeaderDict:
    """The default headers with the request's own replacing them, whatever their case."""
    merged = HTTPHeaderDict(defaults)
    merged.update(headers)
    return merged


def _ca_bundle() -> str | None:
    try:
        import certifi
    except ImportError:  # the system's trust store then
        return None
    return str(certifi.where())


@dataclass
class Response:
    url: str
    status: int
    headers: Mapping[str, str]  # case-insensitive
    body: bytes
    elapsed: float

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0].strip().lower()


class Fetcher:
    """A thread-safe HTTP client with the project's guard, caps and per-host limit."""

    def __init__(self, config: HttpConfig):
        self.config = config
        self._host_slots: dict[str, threading.BoundedSemaphore] = {}
        self._slots_lock = threading.Lock()
        self._watches: set[_Watch] = set()
        self._closed = False
        self._manager = _pool_manager(config.per_host, config.user_agent)

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        """GET url following redirects; 2xx and 304 come back, everything else raises a FetchError."""
        start = time.monotonic()
        deadline: float | None = None
        for _hop in range(self.config.max_redirects + 1):
            host_key = self.check_url(url)
            with self._slot(host_key):
                # The total timeout starts once the first request can go out: waiting for a free
                # per-host slot behind other requests to the same site is not the server's slowness.
                if deadline is None:
                    deadline = time.monotonic() + self.config.timeout_seconds
                response = self._request(url, headers or {}, deadline)
            if response.status in REDIRECT_CODES:
                url = _redirect_target(url, response)
                continue
            response.elapsed = time.monotonic() - start
            _raise_for_status(response)
            return response
        raise errors.TooManyRedirects(f"more than {self.config.max_redirects} redirects (last: {url})")

    def abort(self) -> None:
        """End every request in flight and refuse new ones (the stage using this fetcher failed)."""
        with self._slots_lock:
            self._closed = True
            watches = list(self._watches)
        for w in watches:
            w.expire()

    def check_url(self, url: str) -> str:
        """Refuse non-http(s) URLs and hosts resolving to non-public addresses; return the host:port key.

        An early check, before waiting for a per-host slot; the connection checks the addresses it
        connects to again."""
        try:
            parts = urlsplit(url)
            port = parts.port or DEFAULT_PORTS.get(parts.scheme)
        except ValueError as e:
            raise errors.BlockedURL(f"invalid URL {url!r}: {e}") from None
        if parts.scheme not in DEFAULT_PORTS:
            raise errors.BlockedURL(
                f"only http and https URLs are fetched, not {parts.scheme or 'no'} scheme"
            )
        host = (parts.hostname or "").lower()
        if not host:
            raise errors.BlockedURL(f"URL {url!r} has no host")
        key = f"{host}:{port}"
        if self._allowed(host, port):
            return key
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as e:
            raise errors.NetworkError(f"cannot resolve host {host}: {e}") from None
        for info in infos:
            _check_address(str(info[4][0]), key)
        return key

    def _allowed(self, host: str, port: int | None) -> bool:
        allow = self.config.allow_hosts
        return f"{host}:{port}" in allow or f"[{host}]:{port}" in allow

    def _slot(self, host_key: str) -> threading.BoundedSemaphore:
        with self._slots_lock:
            slot = self._host_slots.get(host_key)
            if slot is None:
                slot = self._host_slots[host_key] = threading.BoundedSemaphore(self.config.per_host)
            return slot

    def _request(self, url: str, headers: Mapping[str, str], deadline: float) -> Response:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise self._timeout()
        watch = _get_watchdog().watch(deadline, self._allowed)
        with self._slots_lock:
            if self._closed:
                raise errors.NetworkError("the fetch was cancelled")
            self._watches.add(watch)
        _current.watch = watch
        try:
            try:
                resp = self._manager.urlopen(
                    "GET",
                    url,
                    headers=_with_defaults(self._manager.headers, headers),
                    preload_content=False,
                    redirect=False,
                    timeout=urllib3.Timeout(connect=min(remaining, 10.0), read=remaining),
                )
            except (LocationValueError, UnicodeError) as e:
                # UnicodeError: a host name IDNA cannot encode (an empty label, one over 63 characters)
                raise errors.BlockedURL(f"invalid URL {url[:200]!r}: {_short(e)}") from None
            except (urllib3.exceptions.HTTPError, OSError, ValueError) as e:
                # ValueError: http.client refusing a header value. A refused connection is a
                # NewConnectionError, which urllib3 derives from its connect timeout.
                timed_out = isinstance(e, urllib3.exceptions.TimeoutError) and not isinstance(
                    e, NewConnectionError
                )
                if watch.expired or timed_out:
                    raise self._timeout() from None
                raise errors.NetworkError(f"connection failed: {_short(e)}") from None
            body, complete = b"", False
            try:
                if resp.status not in REDIRECT_CODES:
                    body, complete = self._read_body(resp, watch), True
            finally:
                if not complete:
                    resp.close()  # an unread or half-read body: this connection cannot serve another request
                resp.release_conn()
        finally:
            watch.done = True
            watch.sock = None  # the watch stays queued until its deadline; the socket need not
            _current.watch = None
            with self._slots_lock:
                self._watches.discard(watch)
        return Response(url=url, status=resp.status, headers=resp.headers, body=body, elapsed=0.0)

    def _timeout(self, http_status: int | None = None) -> errors.FetchTimeout:
        return errors.FetchTimeout(
            f"no complete answer within {self.config.timeout_seconds:g} s (total)", http_status=http_status
        )

    def _read_body(self, resp: urllib3.BaseHTTPResponse, watch: _Watch) -> bytes:
        """The decoded body, read in pieces of up to HTTP_CHUNK_BYTES (never more than max_bytes + 1
        in all), until it ends, passes max_bytes, or the watchdog ends the request."""
        limit = self.config.max_bytes
        status = resp.status
        declared = resp.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise errors.TooLarge(
                f"body of {int(declared):,} bytes is over max_bytes ({limit:,})", http_status=status
            )
        chunks: list[bytes] = []
        size = 0
        try:
            while True:
                chunk = resp.read(min(settings.HTTP_CHUNK_BYTES, limit + 1 - size), decode_content=True)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise errors.TooLarge(f"body cut off at max_bytes ({limit:,} bytes)", http_status=status)
                chunks.append(chunk)
                if watch.expired:
                    raise self._timeout(status)
        except (DecodeError, ProtocolError) as e:
            if watch.expired:
                raise self._timeout(status) from None
            raise errors.BadResponse(f"body could not be decoded: {_short(e)}", http_status=status) from None
        except (urllib3.exceptions.HTTPError, OSError) as e:
            if watch.expired or isinstance(e, urllib3.exceptions.TimeoutError) or "timed out" in str(e):
                raise self._timeout(status) from None
            raise errors.NetworkError(
                f"connection broke while reading: {_short(e)}", http_status=status
            ) from None
        if watch.expired:
            raise self._timeout(status)  # the watchdog cut the body short
        return b"".join(chunks)


def _redirect_target(url: str, response: Response) -> str:
    """The absolute URL a redirect points to; a missing, malformed or overlong Location is a BadResponse."""
    status = response.status
    location = (response.headers.get("Location") or "").strip()
    if not location:
        raise errors.BadResponse(f"HTTP {status} redirect without a Location header", http_status=status)
    # http.client decodes header bytes as latin-1; get the bytes back. UTF-8 is what servers mean
    # nearly always; anything else (a cp1251 path) is sent on percent-encoded byte for byte, as
    # browsers do.
    raw = location.encode("latin-1", "replace")
    try:
        target = _UNSAFE_IN_URL.sub(lambda m: f"%{ord(m.group()):02X}", raw.decode("utf-8"))
    except UnicodeDecodeError:
        target = _UNSAFE_BYTES_IN_URL.sub(lambda m: b"%%%02X" % m.group()[0], raw).decode("ascii")
    if len(target) > settings.MAX_URL_CHARS:
        raise errors.BadResponse(
            f"HTTP {status} redirect to a URL longer than {settings.MAX_URL_CHARS:,} characters",
            http_status=status,
        )
    try:
        return urljoin(url, target)
    except ValueError as e:
        raise errors.BadResponse(
            f"HTTP {status} redirect to a malformed Location {target[:200]!r}: {e}", http_status=status
        ) from None


def _check_address(address: str, key: str) -> None:
    """Refuse an address that is not public, or that wraps a non-public IPv4 address in IPv6."""
    ip = ipaddress.ip_address(address.split("%")[0])
    for candidate in (ip, _embedded_ipv4(ip)):
        if candidate is not None and (candidate.is_multicast or not candidate.is_global):
            raise errors.BlockedURL(
                f'{key} resolves to non-public address {candidate}; add "{key}" to [http] allow_hosts '
                "to allow it"
            )
    if isinstance(ip, ipaddress.IPv6Address) and ip in _NAT64_LOCAL:
        raise errors.BlockedURL(
            f'{key} resolves to local-use NAT64 address {ip}; add "{key}" to [http] allow_hosts to allow it'
        )


def _embedded_ipv4(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries: IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible
    (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d) or 6to4 (2002:aabb:ccdd::); else None."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if int(ip) >> 32 == 0 or ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _raise_for_status(response: Response) -> None:
    code = response.status
    if 200 <= code < 300 or code == 304:
        return
    retry_after = parse_retry_after(response.headers.get("Retry-After"))
    if code in (429, 503) and retry_after is not None:
        raise errors.RateLimited(
            f"HTTP {code}, Retry-After {retry_after:.0f} s", http_status=code, retry_after=retry_after
        )
    if code in (408, 429) or code >= 500:
        raise errors.ServerError(f"HTTP {code} {_reason(code)}", http_status=code)
    raise errors.ClientError(f"HTTP {code} {_reason(code)}", http_status=code)


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


def _reason(code: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return ""


_SHORT_HEAD, _SHORT_TAIL = 80, 114  # an overlong error text keeps these; with " ... ", 199 characters


def _short(e: Exception) -> str:
    """A library's error text on one line of under 200 characters. An overlong one keeps its start (what
    was being done) and its end: urllib3 and the socket module put the cause last ("... Connection
    refused"), after the connection object and the host, which make the middle long."""
    text = str(e).replace("\n", " ")
    return text if len(text) < 200 else f"{text[:_SHORT_HEAD]} ... {text[-_SHORT_TAIL:]}"
