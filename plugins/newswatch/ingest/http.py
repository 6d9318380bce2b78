"""Fetching URLs safely: only public http(s) addresses, bounded size, bounded total time.

Every hop of a redirect chain is checked again, and the address actually connected to is checked
after connecting, so a DNS answer that changes between check and connect (rebinding) is caught.
"""

from __future__ import annotations

import contextlib
import heapq
import ipaddress
import itertools
import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from requests.structures import CaseInsensitiveDict

from newswatch import errors, settings
from newswatch.config import HttpConfig

REDIRECT_CODES = {301, 302, 303, 307, 308}
DEFAULT_PORTS = {"http": 80, "https": 443}


class _Watch:
    """One request's deadline and the socket it is using; the watchdog shuts the socket at the deadline."""

    def __init__(self, deadline: float):
        self.deadline = deadline
        self.sock: socket.socket | None = None
        self.expired = False
        self.done = False


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

    def watch(self, deadline: float) -> _Watch:
        w = _Watch(deadline)
        with self._cond:
            heapq.heappush(self._heap, (deadline, next(self._ids), w))
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
                w.expired = True
                if w.sock is not None:
                    with contextlib.suppress(OSError):
                        w.sock.shutdown(socket.SHUT_RDWR)


_watchdog: _Watchdog | None = None
_watchdog_lock = threading.Lock()


def _get_watchdog() -> _Watchdog:
    global _watchdog
    with _watchdog_lock:
        if _watchdog is None:
            _watchdog = _Watchdog()
        return _watchdog


class _Tracking:
    """Mixin for urllib3 connections: tell the current request's watch which socket it is using."""

    sock: socket.socket | None

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        _record_socket(self.sock)

    def request(self, *args: Any, **kwargs: Any) -> None:
        _record_socket(self.sock)  # a reused keep-alive connection
        super().request(*args, **kwargs)  # type: ignore[misc]


def _record_socket(sock: socket.socket | None) -> None:
    w: _Watch | None = getattr(_current, "watch", None)
    if w is not None and sock is not None:
        w.sock = sock
        if w.expired:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _HTTPConnection(_Tracking, urllib3.connection.HTTPConnection):
    pass


class _HTTPSConnection(_Tracking, urllib3.connection.HTTPSConnection):
    pass


class _HTTPPool(urllib3.connectionpool.HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(urllib3.connectionpool.HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class _Adapter(requests.adapters.HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}
        self.poolmanager.key_fn_by_scheme = dict(self.poolmanager.key_fn_by_scheme)


@dataclass
class Response:
    url: str
    status: int
    headers: CaseInsensitiveDict[str]
    body: bytes
    elapsed: float

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0].strip().lower()


class Fetcher:
    """A thread-safe HTTP client with the project's guard, caps and per-host limit."""

    def __init__(self, config: HttpConfig):
        self.config = config
        self._local = threading.local()
        self._host_slots: dict[str, threading.BoundedSemaphore] = {}
        self._slots_lock = threading.Lock()

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
                location = response.headers.get("Location")
                if not location:
                    raise errors.BadResponse(
                        f"HTTP {response.status} redirect without a Location header",
                        http_status=response.status,
                    )
                url = urljoin(url, location.strip())
                continue
            response.elapsed = time.monotonic() - start
            _raise_for_status(response)
            return response
        raise errors.TooManyRedirects(f"more than {self.config.max_redirects} redirects (last: {url})")

    def check_url(self, url: str) -> str:
        """Refuse non-http(s) URLs and hosts resolving to non-public addresses; return the host:port key."""
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

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers["User-Agent"] = self.config.user_agent
            session.headers["Accept-Encoding"] = "gzip, deflate"
            session.trust_env = False  # never route through a proxy from the environment unannounced
            adapter = _Adapter(pool_connections=16, pool_maxsize=4, max_retries=0)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            self._local.session = session
        return session

    def _request(self, url: str, headers: Mapping[str, str], deadline: float) -> Response:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise self._timeout()
        watch = _get_watchdog().watch(deadline)
        _current.watch = watch
        try:
            try:
                resp = self._session().get(
                    url,
                    headers=dict(headers),
                    stream=True,
                    allow_redirects=False,
                    timeout=(min(remaining, 10.0), remaining),
                )
            except requests.exceptions.RequestException as e:
                if watch.expired or isinstance(e, requests.exceptions.Timeout):
                    raise self._timeout() from None
                raise errors.NetworkError(f"connection failed: {_short(e)}") from None
            try:
                self._check_peer(watch.sock, url)
                body = b"" if resp.status_code in REDIRECT_CODES else self._read_body(resp, watch)
            finally:
                resp.close()
        finally:
            watch.done = True
            _current.watch = None
        return Response(url=url, status=resp.status_code, headers=resp.headers, body=body, elapsed=0.0)

    def _timeout(self, http_status: int | None = None) -> errors.FetchTimeout:
        return errors.FetchTimeout(
            f"no complete answer within {self.config.timeout_seconds:g} s (total)", http_status=http_status
        )

    def _check_peer(self, sock: socket.socket | None, url: str) -> None:
        """Check the address we actually connected to (defeats DNS rebinding between check and connect)."""
        parts = urlsplit(url)
        port = parts.port or DEFAULT_PORTS[parts.scheme]
        host = (parts.hostname or "").lower()
        if sock is None or self._allowed(host, port):
            return
        try:
            peer = sock.getpeername()[0]
        except OSError:
            return
        _check_address(str(peer), f"{host}:{port}")

    def _read_body(self, resp: requests.Response, watch: _Watch) -> bytes:
        limit = self.config.max_bytes
        status = resp.status_code
        declared = resp.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise errors.TooLarge(
                f"body of {int(declared):,} bytes is over max_bytes ({limit:,})", http_status=status
            )
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in resp.iter_content(settings.HTTP_CHUNK_BYTES):
                size += len(chunk)
                if size > limit:
                    raise errors.TooLarge(f"body cut off at max_bytes ({limit:,} bytes)", http_status=status)
                chunks.append(chunk)
                if watch.expired:
                    raise self._timeout(status)
        except (requests.exceptions.ContentDecodingError, requests.exceptions.ChunkedEncodingError) as e:
            if watch.expired:
                raise self._timeout(status) from None
            raise errors.BadResponse(f"body could not be decoded: {_short(e)}", http_status=status) from None
        except requests.exceptions.RequestException as e:
            if watch.expired or isinstance(e, requests.exceptions.Timeout) or "timed out" in str(e):
                raise self._timeout(status) from None
            raise errors.NetworkError(
                f"connection broke while reading: {_short(e)}", http_status=status
            ) from None
        if watch.expired:
            raise self._timeout(status)  # the watchdog cut the body short
        return b"".join(chunks)


def _check_address(address: str, key: str) -> None:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.is_multicast or not ip.is_global:
        raise errors.BlockedURL(
            f'{key} resolves to non-public address {ip}; add "{key}" to [http] allow_hosts to allow it'
        )


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


def _short(e: Exception) -> str:
    text = str(e).replace("\n", " ")
    return text if len(text) < 200 else text[:197] + "..."
