"""The poll stage: claim due feeds, poll them concurrently, record items, health and the poll log."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

import psycopg

from newswatch import errors, settings
from newswatch.config import Config
from newswatch.ingest.default_feeds import configured_feeds
from newswatch.ingest.feeds import FeedState, PollResult, describe, failed, poll
from newswatch.ingest.http import Fetcher
from newswatch.ingest.urls import canonical_url

Progress = Callable[[str, int, int], None]


@dataclass
class PollReport:
    polled: int = 0
    ok: int = 0
    not_modified: int = 0
    failed: int = 0
    new_items: int = 0
    skipped_items: int = 0
    errors: dict[str, str] = field(default_factory=dict)


# One statement for the whole list (10,000 feeds: one round trip, not 10,000 statements).
SYNC_FEEDS = """
INSERT INTO newswatch.feeds (name, url, enabled)
SELECT * FROM unnest(%s::text[], %s::text[], %s::boolean[])
ON CONFLICT (url) DO UPDATE SET name = EXCLUDED.name, enabled = EXCLUDED.enabled, updated_at = now()
WHERE (feeds.name, feeds.enabled) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.enabled)
"""

DISABLE_UNLISTED = """
UPDATE newswatch.feeds SET enabled = false, updated_at = now() WHERE enabled AND NOT (url = ANY(%s))
"""

ADD_HEALTH = """
INSERT INTO newswatch.feed_health (feed_id) SELECT id FROM newswatch.feeds ON CONFLICT DO NOTHING
"""

# Claiming takes a lease instead of holding row locks across network I/O. A lease ends when it
# expires or when the database session that took it is gone (its process was killed), so the next
# run picks the work up at once. SKIP LOCKED lets several workers claim disjoint feeds. Shards split
# feeds by host, so one site's feeds are all polled by one shard and its per-host limit holds. A feed
# due within the tolerance counts as due (runs start a little late); it returns the claim time, from
# which the next poll is timed.
CLAIM_DUE = """
UPDATE newswatch.feed_health h
SET lease_until = now() + make_interval(mins => %(lease)s), claimed_by = pg_backend_pid()
FROM newswatch.feeds f
WHERE f.id = h.feed_id AND h.feed_id IN (
    SELECT h2.feed_id FROM newswatch.feed_health h2 JOIN newswatch.feeds f2 ON f2.id = h2.feed_id
    WHERE f2.enabled AND (%(force)s OR h2.next_poll_at <= now() + make_interval(secs => %(tolerance)s))
      AND (h2.lease_until IS NULL OR h2.lease_until < now()
           OR NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = h2.claimed_by))
      AND (%(shards)s = 1 OR (hashtext(f2.host) & 2147483647) %% %(shards)s = %(shard)s)
    ORDER BY h2.next_poll_at
    LIMIT %(limit)s
    FOR UPDATE OF h2 SKIP LOCKED)
RETURNING h.feed_id, f.name, f.url, h.etag, h.last_modified, h.body_hash, h.consecutive_failures, now()
"""

# Unique on md5(canonical_url): the index that holds however long the URL is.
INSERT_PAGES = """
INSERT INTO newswatch.pages (canonical_url, url, feed_id, feed_title, feed_summary, feed_published_at)
SELECT * FROM unnest(%s::text[], %s::text[], %s::bigint[], %s::text[], %s::text[], %s::timestamptz[])
ON CONFLICT ((md5(canonical_url))) DO NOTHING
"""

PAGE_IDS = """
SELECT canonical_url, id FROM newswatch.pages
WHERE md5(canonical_url) = ANY(ARRAY(SELECT md5(u) FROM unnest(%s::text[]) AS u))
"""

KNOWN_ITEMS = "SELECT guid, entry_hash FROM newswatch.items WHERE feed_id = %s AND guid = ANY(%s)"

UPSERT_ITEMS = """
INSERT INTO newswatch.items (feed_id, guid, page_id, title, published_at, entry_hash)
SELECT %s, * FROM unnest(%s::text[], %s::bigint[], %s::text[], %s::timestamptz[], %s::text[])
ON CONFLICT (feed_id, guid) DO UPDATE
SET last_seen_at = now(), entry_hash = EXCLUDED.entry_hash, title = EXCLUDED.title
"""

# An entry that changed (new title, summary or updated date) sends its page back to be fetched
# again, so articles updated in place get a new version.
REFETCH_CHANGED = """
UPDATE newswatch.pages SET status = 'pending', attempts = 0, next_attempt_at = now()
WHERE id = ANY(%s) AND status IN ('relevant', 'irrelevant')
"""

LOG_POLL = """
INSERT INTO newswatch.poll_log (feed_id, status, http_status, error, duration_ms, item_count, new_items,
                                not_modified, skipped_items)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)
"""

HEALTH_OK = """
UPDATE newswatch.feed_health SET
    etag = %(etag)s, last_modified = %(last_modified)s, body_hash = %(body_hash)s,
    last_polled_at = now(), last_success_at = now(), last_status = %(status)s,
    last_http_status = %(http_status)s, last_error = NULL, consecutive_failures = 0,
    item_count = coalesce(%(items)s, item_count),
    last_new_item_at = CASE WHEN %(new)s > 0 THEN now() ELSE last_new_item_at END,
    next_poll_at = coalesce(%(claimed_at)s, now()) + make_interval(secs => %(delay)s), lease_until = NULL
WHERE feed_id = %(feed_id)s
"""

# HEALTH_OK and LOG_POLL for a batch of polls that brought no entries, one statement each.
QUIET_HEALTH = """
UPDATE newswatch.feed_health h SET
    etag = q.etag, last_modified = q.last_modified, body_hash = q.body_hash,
    last_polled_at = now(), last_success_at = now(), last_status = q.status,
    last_http_status = q.http_status, last_error = NULL, consecutive_failures = 0,
    item_count = coalesce(q.items, h.item_count),
    next_poll_at = coalesce(q.claimed_at, now()) + make_interval(secs => %s), lease_until = NULL
FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[], %s::integer[], %s::integer[],
            %s::timestamptz[]) AS q(feed_id, etag, last_modified, body_hash, status, http_status, items,
                                    claimed_at)
WHERE h.feed_id = q.feed_id
"""

QUIET_LOG = """
INSERT INTO newswatch.poll_log (feed_id, status, http_status, error, duration_ms, item_count, new_items,
                                not_modified, skipped_items)
SELECT feed_id, status, http_status, error, duration_ms, 0, 0, not_modified, skipped_items
FROM unnest(%s::bigint[], %s::text[], %s::integer[], %s::text[], %s::integer[], %s::boolean[], %s::integer[])
    AS q(feed_id, status, http_status, error, duration_ms, not_modified, skipped_items)
"""

HEALTH_FAILED = """
UPDATE newswatch.feed_health SET
    last_polled_at = now(), last_status = %(status)s, last_http_status = %(http_status)s,
    last_error = %(error)s, consecutive_failures = consecutive_failures + 1,
    next_poll_at = now() + make_interval(secs => %(delay)s), lease_until = NULL
WHERE feed_id = %(feed_id)s
"""


def sync_feeds(conn: psycopg.Connection, config: Config) -> None:
    """Make the feeds table match the configuration; feeds no longer configured are disabled, not deleted."""
    # One row per URL (the config refuses a URL listed twice; were one repeated, the last would win,
    # as when each was written in turn).
    feeds = list({f.url: f for f in configured_feeds(config)}.values())
    with conn.transaction():
        conn.execute(
            SYNC_FEEDS, ([f.name for f in feeds], [f.url for f in feeds], [f.enabled for f in feeds])
        )
        conn.execute(DISABLE_UNLISTED, ([f.url for f in feeds],))
        conn.execute(ADD_HEALTH)


def poll_stage(
    conn: psycopg.Connection,
    config: Config,
    *,
    force: bool = False,
    shard: int = 0,
    shards: int = 1,
    progress: Progress | None = None,
) -> PollReport:
    """Poll every due feed (every enabled feed with force); record what each poll found."""
    report = PollReport()
    claimed = claim_due(conn, config, force=force, shard=shard, shards=shards)
    if not claimed:
        return report
    fetcher = Fetcher(config.http)
    quiet: list[tuple[FeedState, PollResult]] = []  # answers without entries, written in batches
    last_flush = time.monotonic()
    with ThreadPoolExecutor(max_workers=min(config.http.threads, len(claimed))) as pool:
        try:
            futures = {pool.submit(poll, fetcher, state): state for state in claimed}
            for future in as_completed(futures):
                state = futures[future]
                try:
                    result = future.result()
                except Exception as e:  # poll() records its own errors; this is a last resort
                    result = failed(errors.InternalError(describe(e)), 0.0)
                if result.ok and not result.entries:
                    quiet.append((state, result))
                    new = 0
                else:
                    new = record_poll(conn, state, result, config)
                if quiet and (len(quiet) >= settings.POLL_WRITE_BATCH or time.monotonic() - last_flush > 1.0):
                    record_quiet_polls(conn, quiet, config)
                    quiet, last_flush = [], time.monotonic()
                report.polled += 1
                report.skipped_items += result.skipped
                if result.not_modified:
                    report.not_modified += 1
                elif result.ok:
                    report.ok += 1
                    report.new_items += new
                else:
                    report.failed += 1
                    report.errors[state.name] = f"{result.status}: {result.error}"
                if progress:
                    progress("poll", report.polled, len(claimed))
            if quiet:
                record_quiet_polls(conn, quiet, config)
        except BaseException:
            # The stage failed (the database is gone): stop now rather than poll every queued feed.
            fetcher.abort()
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return report


def record_quiet_polls(
    conn: psycopg.Connection, polls: list[tuple[FeedState, PollResult]], config: Config
) -> None:
    """Write the health and log rows of polls that brought no entries, in one transaction; if the
    database refuses the batch, write them one by one so that only the refused poll is an error."""
    states = [state for state, _ in polls]
    results = [result for _, result in polls]
    health = (
        config.poll.interval_minutes * 60,
        [s.feed_id for s in states],
        [r.etag for r in results],
        [r.last_modified for r in results],
        [r.body_hash for r in results],
        [r.status for r in results],
        [r.http_status for r in results],
        [None if r.not_modified else 0 for r in results],
        [s.claimed_at for s in states],
    )
    log = (
        [s.feed_id for s in states],
        [r.status for r in results],
        [r.http_status for r in results],
        [r.error for r in results],
        [round(r.duration * 1000) for r in results],
        [r.not_modified for r in results],
        [r.skipped for r in results],
    )
    try:
        with conn.transaction():
            conn.execute(QUIET_HEALTH, health)
            conn.execute(QUIET_LOG, log)
    except Exception:
        if conn.broken:
            raise
        for state, result in polls:
            record_poll(conn, state, result, config)


def claim_due(
    conn: psycopg.Connection, config: Config, *, force: bool = False, shard: int = 0, shards: int = 1
) -> list[FeedState]:
    """Lease the enabled feeds that are due (all with force) in this shard."""
    with conn.transaction():
        rows = conn.execute(
            CLAIM_DUE,
            {
                "lease": settings.CLAIM_LEASE_MINUTES,
                "force": force,
                "tolerance": config.poll.interval_minutes * 60 * settings.POLL_DUE_TOLERANCE,
                "shards": shards,
                "shard": shard,
                "limit": 100_000,
            },
        ).fetchall()
    return [FeedState(*row) for row in rows]


def record_poll(conn: psycopg.Connection, state: FeedState, result: PollResult, config: Config) -> int:
    """Write one poll's items, log row and health in one transaction; returns the number of new items.

    If the database refuses what this feed sent, the poll is recorded as an internal_error against
    the feed instead; only when even that cannot be written (the database is failing) does it raise."""
    try:
        return _record(conn, state, result, config)
    except Exception as e:
        if conn.broken:
            raise  # the database itself is gone: its own error says why, not a second failed write
        failure = failed(errors.InternalError(f"could not store the poll: {describe(e)}"), result.duration)
        failure.http_status = result.http_status
        _record(conn, state, failure, config)
        return 0


def _record(conn: psycopg.Connection, state: FeedState, result: PollResult, config: Config) -> int:
    new = 0
    with conn.transaction():
        if result.ok:
            new = _store_entries(conn, state, result)
            delay = config.poll.interval_minutes * 60
            conn.execute(
                HEALTH_OK,
                {
                    "etag": result.etag,
                    "last_modified": result.last_modified,
                    "body_hash": result.body_hash,
                    "status": result.status,
                    "http_status": result.http_status,
                    "items": None if result.not_modified else len(result.entries),
                    "new": new,
                    "delay": delay,
                    "claimed_at": state.claimed_at,
                    "feed_id": state.feed_id,
                },
            )
        else:
            conn.execute(
                HEALTH_FAILED,
                {
                    "status": result.status,
                    "http_status": result.http_status,
                    "error": result.error,
                    "delay": failure_delay(state.consecutive_failures + 1, result.retry_after),
                    "feed_id": state.feed_id,
                },
            )
        conn.execute(
            LOG_POLL,
            (
                state.feed_id,
                result.status,
                result.http_status,
                result.error,
                round(result.duration * 1000),
                len(result.entries),
                new,
                result.not_modified,
                result.skipped,
            ),
        )
    return new


def _store_entries(conn: psycopg.Connection, state: FeedState, result: PollResult) -> int:
    if not result.entries:
        return 0
    entries = sorted(result.entries, key=lambda e: canonical_url(e.url))  # one lock order for all writers
    canon = [canonical_url(e.url) for e in entries]
    conn.execute(
        INSERT_PAGES,
        (
            canon,
            [e.url for e in entries],
            [state.feed_id] * len(entries),
            [e.title for e in entries],
            [e.summary for e in entries],
            [e.published_at for e in entries],
        ),
    )
    page_ids: dict[str, int] = dict(conn.execute(PAGE_IDS, (canon,)).fetchall())
    known: dict[str, str] = dict(
        conn.execute(KNOWN_ITEMS, (state.feed_id, [e.guid for e in entries])).fetchall()
    )
    changed = [
        page_ids[c]
        for e, c in zip(entries, canon, strict=True)
        if e.guid in known and known[e.guid] != e.entry_hash
    ]
    conn.execute(
        UPSERT_ITEMS,
        (
            state.feed_id,
            [e.guid for e in entries],
            [page_ids[c] for c in canon],
            [e.title for e in entries],
            [e.published_at for e in entries],
            [e.entry_hash for e in entries],
        ),
    )
    if changed:
        conn.execute(REFETCH_CHANGED, (changed,))
    return sum(1 for e in entries if e.guid not in known)


def failure_delay(failures: int, retry_after: float | None) -> float:
    """Seconds until the next poll of a failing feed: exponential backoff with jitter, or Retry-After."""
    base = settings.BACKOFF_BASE_MINUTES * 60 * 2 ** min(failures - 1, 16)
    delay = min(base, settings.BACKOFF_MAX_MINUTES * 60)
    delay *= 1 + random.uniform(-settings.BACKOFF_JITTER, settings.BACKOFF_JITTER)
    if retry_after is not None:
        delay = max(delay, min(retry_after, settings.RETRY_AFTER_MAX_MINUTES * 60))
    return delay
