"""The fetch stage: claim pending pages, fetch them concurrently, extract in worker processes, store.

Network waits run in threads; extraction (CPU) runs in a pool of processes, each task under a hard
time limit (the worker is killed and replaced if trafilatura hangs). Results are written in small
batches by this thread alone, so one database connection serves the whole stage. Page bodies held
at once stay within a byte budget; whatever one page raises is recorded against that page; if the
stage itself fails, queued work is cancelled at once.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import hashlib
import os
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import psycopg

from newswatch import errors, settings
from newswatch.config import Config
from newswatch.db import clean_text
from newswatch.ingest.feeds import describe
from newswatch.ingest.http import Fetcher, Response

if TYPE_CHECKING:
    from newswatch.ingest.extract import Extracted

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Page:
    id: int
    url: str
    canonical_url: str
    feed_id: int | None
    feed_title: str | None
    feed_summary: str | None
    feed_published_at: datetime | None
    attempts: int
    feed_name: str | None
    first_seen_at: datetime


@dataclass
class FetchReport:
    fetched: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    partial: int = 0
    irrelevant: int = 0
    failed: int = 0
    retrying: int = 0
    errors: dict[str, str] = field(default_factory=dict)
    peak_bytes_in_flight: int = 0  # the most the byte budget ever had reserved at once

    def add(self, other: FetchReport) -> None:
        """Add another report's counts and errors to this one."""
        for f in fields(self):
            if f.name == "errors":
                self.errors.update(other.errors)
            elif f.name != "peak_bytes_in_flight":
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


CLAIM_PAGES = """
UPDATE newswatch.pages p
SET lease_until = now() + make_interval(mins => %(lease)s), claimed_by = pg_backend_pid()
WHERE p.id IN (
    SELECT id FROM newswatch.pages
    WHERE status = 'pending' AND next_attempt_at <= now()
      AND (pages.lease_until IS NULL OR pages.lease_until < now()
           OR NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = pages.claimed_by))
      AND (%(shards)s = 1 OR (hashtext(host) & 2147483647) %% %(shards)s = %(shard)s)
    ORDER BY next_attempt_at, id
    LIMIT %(limit)s
    FOR UPDATE SKIP LOCKED)
RETURNING p.id, p.url, p.canonical_url, p.feed_id, p.feed_title, p.feed_summary, p.feed_published_at,
          p.attempts, (SELECT name FROM newswatch.feeds WHERE id = p.feed_id), p.first_seen_at
"""

UPSERT_ARTICLE = """
INSERT INTO newswatch.articles (page_id, url, canonical_url, source, feed_id, title, author, published_at,
                                language, text, summary, topics, partial, rel_canonical, content_hash)
VALUES (%(page_id)s, %(url)s, %(canonical_url)s, %(source)s, %(feed_id)s, %(title)s, %(author)s,
        %(published_at)s, %(language)s, %(text)s, %(summary)s, %(topics)s, %(partial)s, %(rel_canonical)s,
        %(content_hash)s)
ON CONFLICT (page_id) DO UPDATE SET
    title = EXCLUDED.title, author = EXCLUDED.author, language = EXCLUDED.language, text = EXCLUDED.text,
    summary = EXCLUDED.summary, topics = EXCLUDED.topics, partial = EXCLUDED.partial,
    rel_canonical = EXCLUDED.rel_canonical, content_hash = EXCLUDED.content_hash,
    version = articles.version + 1, fetched_at = now(), updated_at = now(), figures_version = NULL
WHERE articles.content_hash <> EXCLUDED.content_hash
RETURNING id, version
"""

INSERT_VERSION = """
INSERT INTO newswatch.article_versions (article_id, version, title, text, content_hash, raw_html, raw_bytes)
VALUES (%s, %s, %s, %s, %s, %s, %s)
ON CONFLICT (article_id, version) DO NOTHING
"""

UPSERT_FINGERPRINT = """
INSERT INTO newswatch.article_fingerprints (article_id, minhash) VALUES (%s, %s)
ON CONFLICT (article_id) DO UPDATE SET minhash = EXCLUDED.minhash
"""

PAGE_DONE = """
UPDATE newswatch.pages SET status = %s, fetched_at = now(), http_status = %s, last_error = %s,
    error_status = %s, lease_until = NULL, attempts = attempts + 1
WHERE id = %s
"""

PAGE_FAILED = """
UPDATE newswatch.pages SET status = %s, http_status = %s, last_error = %s, error_status = %s,
    attempts = attempts + 1, lease_until = NULL,
    next_attempt_at = now() + make_interval(secs => %s)
WHERE id = %s
"""

# Errors that another attempt cannot fix.
FINAL_ERRORS = (errors.BlockedURL, errors.TooLarge, errors.TooManyRedirects)


class _Budget:
    """Bytes of page bodies the stage holds: a request in flight reserves max_bytes until its body is
    read, then the body's size until extraction is done with it."""

    def __init__(self, limit: int, per_request: int):
        self.per_request = per_request
        self.limit = max(limit, per_request)  # room for at least one request, whatever the settings
        self.held = 0
        self.peak = 0

    def can_start(self) -> bool:
        return self.held + self.per_request <= self.limit

    def start(self) -> None:
        self.held += self.per_request
        self.peak = max(self.peak, self.held)

    def fetched(self, body_bytes: int | None) -> None:
        """The request ended: keep the body's size (None: it failed, nothing kept)."""
        self.held -= self.per_request - (body_bytes or 0)

    def release(self, body_bytes: int) -> None:
        self.held -= body_bytes


@dataclass
class _Outcome:
    page: Page
    response: Response | None = None
    extracted: Extracted | None = None
    error: errors.FetchError | None = None


def fetch_stage(
    conn: psycopg.Connection,
    config: Config,
    *,
    shard: int = 0,
    shards: int = 1,
    progress: Progress | None = None,
    limit: int | None = None,
) -> FetchReport:
    """Fetch, extract and store every pending page (up to limit)."""
    report = FetchReport()
    first = claim_pages(
        conn, settings.FETCH_BATCH if limit is None else min(settings.FETCH_BATCH, limit), shard, shards
    )
    if not first:
        return report  # nothing to do: no worker processes, no trafilatura import
    # Imported here, not at module level: a cycle with nothing to fetch starts faster without trafilatura
    # (nor, in _fetch_all, the process pool and the topic matcher).
    from newswatch.ingest.extract import extract_page, init_worker

    fetcher = Fetcher(config.http)
    processes = config.extract.processes or os.cpu_count() or 1
    with _children_allowed():
        return _fetch_all(
            conn,
            config,
            report,
            first,
            fetcher,
            processes,
            shard,
            shards,
            progress,
            limit,
            extract_page,
            init_worker,
        )


@contextlib.contextmanager
def _children_allowed() -> Iterator[None]:
    """Let this process start extraction workers even when it is marked daemonic.

    Celery's prefork workers, and the task processes Airflow forks from them, are daemonic, and
    multiprocessing refuses children to daemonic processes so that no orphans outlive them. The stage
    owns its pool and closes it (killing stragglers) before it returns, so nothing is orphaned.
    """
    import multiprocessing

    process = multiprocessing.current_process()
    daemonic = process._config.get("daemon")  # type: ignore[attr-defined]
    if daemonic:
        process._config["daemon"] = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        if daemonic:
            process._config["daemon"] = daemonic  # type: ignore[attr-defined]


def _fetch_all(
    conn: psycopg.Connection,
    config: Config,
    report: FetchReport,
    first: list[Page],
    fetcher: Fetcher,
    processes: int,
    shard: int,
    shards: int,
    progress: Progress | None,
    limit: int | None,
    extract_page: Callable[..., Any],
    init_worker: Callable[..., None],
) -> FetchReport:
    import pebble

    from newswatch.ingest.topics import configured_topics

    claimed_total = len(first)
    exhausted = len(first) < settings.FETCH_BATCH
    waiting: deque[Page] = deque(first)  # claimed, not yet handed to a network thread
    fetching: dict[cf.Future[Response], Page] = {}
    extracting: dict[cf.Future[Extracted], tuple[Page, Response]] = {}
    budget = _Budget(settings.FETCH_BYTES_IN_FLIGHT, config.http.max_bytes)
    done: list[_Outcome] = []
    last_flush = time.monotonic()
    with (
        cf.ThreadPoolExecutor(max_workers=config.http.threads) as network,
        pebble.ProcessPool(
            max_workers=processes, initializer=init_worker, initargs=(configured_topics(config),)
        ) as cpu,
    ):
        try:
            while True:
                in_flight = len(waiting) + len(fetching) + len(extracting)
                if not exhausted and in_flight < settings.FETCH_BATCH // 2:
                    want = (
                        settings.FETCH_BATCH
                        if limit is None
                        else min(settings.FETCH_BATCH, limit - claimed_total)
                    )
                    pages = claim_pages(conn, want, shard, shards) if want > 0 else []
                    claimed_total += len(pages)
                    exhausted = len(pages) < want or want <= 0
                    waiting.extend(pages)
                # Requests go to the threads only within the byte budget, a few more than there are
                # threads so that none idles while this thread writes a batch.
                while waiting and len(fetching) < 2 * config.http.threads and budget.can_start():
                    page = waiting.popleft()
                    budget.start()
                    fetching[network.submit(fetcher.get, page.url)] = page
                if not fetching and not extracting:
                    break
                pending: list[cf.Future[Any]] = [*fetching, *extracting]
                finished, _ = cf.wait(pending, timeout=0.5, return_when=cf.FIRST_COMPLETED)
                for future in finished:
                    if future in fetching:
                        page = fetching.pop(future)
                        try:
                            response: Response = future.result()
                        except Exception as e:
                            budget.fetched(None)
                            done.append(_Outcome(page, error=_as_fetch_error(e)))
                            continue
                        budget.fetched(len(response.body))
                        task = cpu.schedule(
                            extract_page,
                            args=(response.body, response.url, page.feed_title, page.feed_summary),
                            timeout=config.extract.timeout_seconds,
                        )
                        extracting[task] = (page, response)
                    else:
                        page, response = extracting.pop(future)
                        budget.release(len(response.body))
                        done.append(_extracted(page, response, future, config))
                        response.body = b""  # stored from the extraction's result, not from here
                if done and (
                    len(done) >= 50 or time.monotonic() - last_flush > 1.0 or not (fetching or extracting)
                ):
                    _store(conn, done, report, config)
                    if progress:
                        progress("fetch", report.fetched + report.failed + report.retrying, claimed_total)
                    done = []
                    last_flush = time.monotonic()
        except BaseException:
            # The stage failed (the database is gone, or the task was killed): stop fetching and
            # extracting now instead of draining every queued page first.
            fetcher.abort()
            network.shutdown(wait=False, cancel_futures=True)
            cpu.stop()
            raise
        finally:
            report.peak_bytes_in_flight = max(report.peak_bytes_in_flight, budget.peak)
    if done:
        _store(conn, done, report, config)
    return report


def _as_fetch_error(e: Exception) -> errors.FetchError:
    """What a fetch raised, as the error recorded against its page."""
    return e if isinstance(e, errors.FetchError) else errors.InternalError(describe(e))


def claim_pages(conn: psycopg.Connection, limit: int, shard: int, shards: int) -> list[Page]:
    """Lease up to limit pending pages that are due, of this shard's hosts."""
    with conn.transaction():
        rows = conn.execute(
            CLAIM_PAGES,
            {"lease": settings.CLAIM_LEASE_MINUTES, "limit": limit, "shard": shard, "shards": shards},
        ).fetchall()
    return [Page(*row) for row in rows]


def _extracted(page: Page, response: Response, future: cf.Future[Any], config: Config) -> _Outcome:
    import pebble

    try:
        return _Outcome(page, response, extracted=future.result())
    except cf.TimeoutError:
        error: errors.FetchError = errors.ExtractTimeout(
            f"extraction took longer than {config.extract.timeout_seconds:g} s; the worker was stopped"
        )
    except pebble.ProcessExpired as e:
        error = errors.ExtractTimeout(f"extraction worker died (exit code {e.exitcode})")
    except Exception as e:  # trafilatura/lxml on hostile HTML: record it, never crash the stage
        error = errors.ExtractError(f"extraction failed: {type(e).__name__}: {str(e)[:200]}")
    error.http_status = response.status
    return _Outcome(page, response, error=error)


def _store(conn: psycopg.Connection, outcomes: list[_Outcome], report: FetchReport, config: Config) -> None:
    """Write a batch in one transaction; if the database refuses it, write the pages one by one so
    that only the page it refuses is recorded as failed."""
    batch = FetchReport()
    try:
        with conn.transaction():
            _write(conn, outcomes, batch, config)
    except Exception:
        if conn.broken:
            raise  # the database itself is gone: its own error says why, not a page-by-page retry
        for outcome in outcomes:
            _store_alone(conn, outcome, report, config)
        return
    report.add(batch)


def _store_alone(conn: psycopg.Connection, outcome: _Outcome, report: FetchReport, config: Config) -> None:
    """One page in its own transaction; what the database refuses is recorded as the page's error.
    Raises only when even that cannot be written (the database itself is failing)."""
    one = FetchReport()
    try:
        with conn.transaction():
            _write(conn, [outcome], one, config)
    except Exception as e:
        if conn.broken:
            raise
        one = FetchReport()
        status = outcome.response.status if outcome.response is not None else None
        error = errors.InternalError(f"could not store the page: {describe(e)}", http_status=status)
        with conn.transaction():
            conn.execute(PAGE_FAILED, _failure(outcome.page, error, one, config))
    report.add(one)


@dataclass
class _Article:
    """One relevant page's article row, with what its version and fingerprint rows need."""

    params: dict[str, Any]
    extracted: Extracted
    text: str
    content_hash: str


def _write(conn: psycopg.Connection, outcomes: list[_Outcome], report: FetchReport, config: Config) -> None:
    """The rows of a batch of pages: each statement once for the whole batch (executemany, which
    psycopg sends in one pipeline), not one round trip per row."""
    failed: list[tuple[Any, ...]] = []
    done: list[tuple[Any, ...]] = []
    articles: list[_Article] = []
    for outcome in outcomes:
        if outcome.error is not None:
            failed.append(_failure(outcome.page, outcome.error, report, config))
            continue
        assert outcome.response is not None and outcome.extracted is not None
        page, response, ex = outcome.page, outcome.response, outcome.extracted
        report.fetched += 1
        if not ex.topics:
            done.append(("irrelevant", response.status, None, None, page.id))
            report.irrelevant += 1
            continue
        text, partial = ex.text, False
        if text is None:
            if not page.feed_summary:
                error = errors.ExtractError(
                    "no extractable text in the page and no feed summary to fall back on",
                    http_status=response.status,
                )
                failed.append(_failure(page, error, report, config))
                report.fetched -= 1
                continue
            text, partial = page.feed_summary, True
            report.partial += 1
        articles.append(_article(page, response, ex, text, partial))
        note = "no article text in the page; kept the feed summary (partial)" if partial else None
        done.append(("relevant", response.status, note, "extract_error" if partial else None, page.id))
    with conn.cursor() as cur:
        if failed:
            cur.executemany(PAGE_FAILED, failed)
        if articles:
            versions: list[tuple[Any, ...]] = []
            fingerprints: list[tuple[int, bytes]] = []
            cur.executemany(UPSERT_ARTICLE, [a.params for a in articles], returning=True)
            for i, article in enumerate(articles):
                if i:
                    cur.nextset()  # one result per article, in order
                row = cur.fetchone()
                if row is None:  # the same text as stored: nothing to write
                    report.unchanged += 1
                    continue
                article_id, version = row
                if version == 1:
                    report.new += 1
                else:
                    report.updated += 1
                ex = article.extracted
                versions.append(
                    (
                        article_id,
                        version,
                        ex.title,
                        article.text,
                        article.content_hash,
                        ex.raw_html,
                        ex.raw_bytes,
                    )
                )
                if ex.minhash is not None:
                    fingerprints.append((article_id, ex.minhash))
            if versions:
                cur.executemany(INSERT_VERSION, versions)
            if fingerprints:
                cur.executemany(UPSERT_FINGERPRINT, fingerprints)
        if done:
            cur.executemany(PAGE_DONE, done)


def _article(page: Page, response: Response, ex: Extracted, text: str, partial: bool) -> _Article:
    content_hash = ex.content_hash or hashlib.sha256(text.encode()).hexdigest()
    url = clean_text(response.url)
    params = {
        "page_id": page.id,
        "url": url,
        "canonical_url": page.canonical_url,
        "source": ex.sitename or page.feed_name or urlsplit(url).hostname or "unknown",
        "feed_id": page.feed_id,
        "title": ex.title or page.feed_title,
        "author": ex.author,
        "published_at": not_ahead(page.feed_published_at or ex.published_at, page.first_seen_at),
        "language": ex.language,
        "text": text,
        "summary": page.feed_summary,
        "topics": ex.topics,
        "partial": partial,
        "rel_canonical": ex.rel_canonical,
        "content_hash": content_hash,
    }
    return _Article(params, ex, text, content_hash)


def _failure(page: Page, error: errors.FetchError, report: FetchReport, config: Config) -> tuple[Any, ...]:
    """The PAGE_FAILED parameters of a page that failed, counted in the report: failed for good, or
    pending again after a backoff."""
    attempts = page.attempts + 1
    final = isinstance(error, FINAL_ERRORS) or attempts >= config.extract.max_attempts
    delay = settings.PAGE_RETRY_BASE_MINUTES * 60 * 2 ** min(attempts - 1, 10)
    message = clean_text(str(error))
    if final:
        report.failed += 1
        report.errors[page.url] = f"{error.status}: {message}"
    else:
        report.retrying += 1
    return ("failed" if final else "pending", error.http_status, message, error.status, delay, page.id)


def not_ahead(published: datetime | None, first_seen: datetime) -> datetime | None:
    """A publication date, clamped to when the page was first seen if it claims to be more than
    FUTURE_DATE_TOLERANCE_HOURS later (a wrong time zone, a date-only value read as midnight UTC)."""
    if published is not None and published > first_seen + timedelta(
        hours=settings.FUTURE_DATE_TOLERANCE_HOURS
    ):
        return first_seen
    return published
