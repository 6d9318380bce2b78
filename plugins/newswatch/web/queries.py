"""What each page reads from the warehouse: named, parameterised SQL and the functions that run it.

Every filter is a bound parameter (`%(name)s IS NULL OR ...`), never text pasted into SQL. Lists are
newest first with keyset pagination (the next page starts after the last row's time and id), so a deep
page costs what the first one does. The indexes they rely on are in sql/0008_web_indexes.sql.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

import psycopg
from psycopg.rows import dict_row

from newswatch import settings
from newswatch.web.params import Cursor

Row = dict[str, Any]

# --- Overview -------------------------------------------------------------------------------------------

# Per series and source: the latest cumulative figure, the source's last recorded change (what it said
# before), and its recent first value and revisions for the sparkline. The pairs are found with one probe
# of figures_cumulative_latest each (a loose index scan), the rest along that index and figure_changes_pair.
OVERVIEW = """
WITH RECURSIVE pairs(series, source) AS (
    (SELECT f.series, coalesce(f.attributed_to, '')
     FROM newswatch.figures f
     WHERE NOT f.superseded AND f.scope = 'cumulative'
     ORDER BY f.series, coalesce(f.attributed_to, '')
     LIMIT 1)
    UNION ALL
    SELECT nxt.series, nxt.source
    FROM pairs p
    CROSS JOIN LATERAL (
        SELECT f.series, coalesce(f.attributed_to, '') AS source
        FROM newswatch.figures f
        WHERE NOT f.superseded AND f.scope = 'cumulative'
          AND (f.series, coalesce(f.attributed_to, '')) > (p.series, p.source)
        ORDER BY f.series, coalesce(f.attributed_to, '')
        LIMIT 1
    ) nxt
)
SELECT p.series, nullif(p.source, '') AS attributed_to, l.figure_id, l.value, l.value_low, l.value_high,
       l.qualifier, l.reported_at, a.source AS outlet, a.title, a.url, lc.kind AS change_kind,
       lc.previous_value AS change_previous_value, lc.previous_qualifier AS change_previous_qualifier,
       lc.new_value AS change_new_value, lc.new_qualifier AS change_new_qualifier, spark.times, spark.values
FROM pairs p
CROSS JOIN LATERAL (
    SELECT f.id AS figure_id, f.value, f.value_low, f.value_high, f.qualifier, f.reported_at, f.article_id
    FROM newswatch.figures f
    WHERE f.series = p.series AND coalesce(f.attributed_to, '') = p.source
      AND NOT f.superseded AND f.scope = 'cumulative'
    ORDER BY f.reported_at DESC, f.id DESC
    LIMIT 1
) l
JOIN newswatch.articles a ON a.id = l.article_id
LEFT JOIN LATERAL (
    SELECT c.kind, c.previous_value, c.previous_qualifier, c.new_value, c.new_qualifier
    FROM newswatch.figure_changes c
    WHERE c.series = p.series AND coalesce(c.attributed_to, '') = p.source
    ORDER BY c.reported_at DESC, c.id DESC
    LIMIT 1
) lc ON true
CROSS JOIN LATERAL (
    SELECT array_agg(c.reported_at ORDER BY c.reported_at, c.id) AS times,
           array_agg(c.new_value ORDER BY c.reported_at, c.id) AS values
    FROM (
        SELECT c.reported_at, c.id, c.new_value
        FROM newswatch.figure_changes c
        WHERE c.series = p.series AND coalesce(c.attributed_to, '') = p.source
        ORDER BY c.reported_at DESC, c.id DESC
        LIMIT %(points)s
    ) c
) spark
ORDER BY p.series, p.source
"""


def overview(conn: psycopg.Connection) -> list[Row]:
    return _all(conn, OVERVIEW, {"points": settings.WEB_SPARKLINE_POINTS})


# --- Series ---------------------------------------------------------------------------------------------

SERIES_SPAN = """
SELECT min(reported_at) AS first, max(reported_at) AS last, count(*) AS reports
FROM newswatch.figures
WHERE series = %(series)s AND NOT superseded AND scope = 'cumulative'
  AND (%(source)s::text IS NULL OR coalesce(attributed_to, '') = %(source)s)
  AND (%(since)s::timestamptz IS NULL OR reported_at >= %(since)s)
  AND (%(until)s::timestamptz IS NULL OR reported_at < %(until)s)
"""

# The cumulative line of each source: its last value in each time bucket (a day, or wider for long series).
SERIES_LINES = """
SELECT nullif(source, '') AS attributed_to, max(reported_at) AS reported_at,
       (array_agg(value ORDER BY reported_at DESC, id DESC))[1] AS value
FROM (
    SELECT coalesce(attributed_to, '') AS source, reported_at, id, value,
           date_bin(%(bucket)s::interval, reported_at, timestamptz '2000-01-01') AS bucket
    FROM newswatch.figures
    WHERE series = %(series)s AND NOT superseded AND scope = 'cumulative'
      AND (%(source)s::text IS NULL OR coalesce(attributed_to, '') = %(source)s)
      AND (%(since)s::timestamptz IS NULL OR reported_at >= %(since)s)
      AND (%(until)s::timestamptz IS NULL OR reported_at < %(until)s)
) f
GROUP BY source, bucket
ORDER BY source, bucket
"""

# Markers: first values and revisions of the cumulative line, the most recent first.
SERIES_CHANGES = """
SELECT c.id AS change_id, c.kind, c.attributed_to, c.reported_at, c.previous_value, c.previous_qualifier,
       c.new_value, c.new_qualifier, a.source AS outlet
FROM newswatch.figure_changes c
JOIN newswatch.figures f ON f.id = c.figure_id
JOIN newswatch.articles a ON a.id = f.article_id
WHERE c.series = %(series)s AND NOT f.superseded AND f.scope = 'cumulative'
  AND (%(source)s::text IS NULL OR coalesce(c.attributed_to, '') = %(source)s)
  AND (%(since)s::timestamptz IS NULL OR c.reported_at >= %(since)s)
  AND (%(until)s::timestamptz IS NULL OR c.reported_at < %(until)s)
ORDER BY c.reported_at DESC, c.id DESC
LIMIT %(markers)s
"""

# One series' reports from the figure_reports view, filtered by source and time; the queries below add
# their own scope, paging and order. Constant SQL only: every value is a bound parameter.
_SERIES_REPORTS_BASE = """
SELECT figure_id, series, value, value_low, value_high, qualifier, scope, period_start, period_end, attributed_to,
       reported_at, outlet, outlets, title, url, quote, change_kind, previous_value, article_id
FROM newswatch.figure_reports
WHERE series = %(series)s
  AND (%(source)s::text IS NULL OR coalesce(attributed_to, '') = %(source)s)
  AND (%(since)s::timestamptz IS NULL OR reported_at >= %(since)s)
  AND (%(until)s::timestamptz IS NULL OR reported_at < %(until)s)
"""

SERIES_REPORTS = (
    _SERIES_REPORTS_BASE
    + """  AND (%(scope)s::text IS NULL OR scope = %(scope)s)
  AND (%(after_at)s::timestamptz IS NULL OR (reported_at, figure_id) < (%(after_at)s, %(after_id)s::bigint))
ORDER BY reported_at DESC, figure_id DESC
LIMIT %(limit)s
"""
)

# Period figures (a month's tally, a day's losses) are not points of the running total: shown apart.
SERIES_PERIODS = (
    _SERIES_REPORTS_BASE
    + """  AND scope = 'period'
ORDER BY reported_at DESC, figure_id DESC
LIMIT %(limit)s
"""
)

SERIES_CSV = (
    _SERIES_REPORTS_BASE
    + """  AND (%(scope)s::text IS NULL OR scope = %(scope)s)
ORDER BY reported_at, figure_id
"""
)

# The sources of a series' cumulative line, one index probe each (a loose scan of figures_cumulative_latest).
SERIES_SOURCES = """
WITH RECURSIVE s(source) AS (
    (SELECT coalesce(attributed_to, '') FROM newswatch.figures
     WHERE series = %(series)s AND NOT superseded AND scope = 'cumulative'
     ORDER BY series, coalesce(attributed_to, '') LIMIT 1)
    UNION ALL
    SELECT (SELECT coalesce(f.attributed_to, '') FROM newswatch.figures f
            WHERE f.series = %(series)s AND NOT f.superseded AND f.scope = 'cumulative'
              AND coalesce(f.attributed_to, '') > s.source
            ORDER BY f.series, coalesce(f.attributed_to, '') LIMIT 1)
    FROM s WHERE s.source IS NOT NULL
)
SELECT nullif(source, '') AS attributed_to FROM s WHERE source IS NOT NULL
ORDER BY source = '', source
"""

SERIES_EXISTS = """
SELECT EXISTS (SELECT 1 FROM newswatch.figures WHERE series = %(series)s AND NOT superseded) AS found
"""


@dataclass(frozen=True)
class SeriesFilter:
    series: str
    source: str | None = None  # '' = unattributed
    scope: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    def params(self) -> Row:
        return asdict(self)


def series_lines(conn: psycopg.Connection, f: SeriesFilter) -> list[Row]:
    """Each source's cumulative values, at most WEB_CHART_POINTS buckets across the series' span."""
    span = _one(conn, SERIES_SPAN, f.params())
    if not span or not span["reports"]:
        return []
    width = (span["last"] - span["first"]) / settings.WEB_CHART_POINTS
    bucket = max(width, timedelta(days=1))
    return _all(conn, SERIES_LINES, {**f.params(), "bucket": bucket})


def series_changes(conn: psycopg.Connection, f: SeriesFilter) -> list[Row]:
    return _all(conn, SERIES_CHANGES, {**f.params(), "markers": settings.WEB_CHART_MARKERS})


def series_reports(conn: psycopg.Connection, f: SeriesFilter, after: Cursor | None, limit: int) -> list[Row]:
    return _all(conn, SERIES_REPORTS, {**f.params(), **_after(after), "limit": limit})


def series_periods(conn: psycopg.Connection, f: SeriesFilter, limit: int) -> list[Row]:
    return _all(conn, SERIES_PERIODS, {**f.params(), "limit": limit})


def series_sources(conn: psycopg.Connection, series: str) -> list[str | None]:
    return [r["attributed_to"] for r in _all(conn, SERIES_SOURCES, {"series": series})]


def series_exists(conn: psycopg.Connection, series: str) -> bool:
    row = _one(conn, SERIES_EXISTS, {"series": series})
    return bool(row and row["found"])


def series_csv_rows(conn: psycopg.Connection, f: SeriesFilter) -> Iterator[Row]:
    """Every report of the series, oldest first, streamed row by row (no page cap: it is a download)."""
    with conn.cursor(row_factory=dict_row) as cur:
        yield from cur.stream(SERIES_CSV, f.params())


# --- Changes --------------------------------------------------------------------------------------------

# The page of changes is chosen first (figure_changes_reported, newest first), and only its rows are
# joined to their evidence and to the alerts that reported them.
CHANGES = """
WITH page AS MATERIALIZED (
    SELECT c.*
    FROM newswatch.figure_changes c
    WHERE (%(series)s::text IS NULL OR c.series = %(series)s OR split_part(c.series, '.', 1) = %(series)s)
      AND (%(source)s::text IS NULL OR coalesce(c.attributed_to, '') = %(source)s)
      AND (%(kind)s::text IS NULL OR c.kind = %(kind)s)
      AND (%(since)s::timestamptz IS NULL OR c.reported_at >= %(since)s)
      AND (%(until)s::timestamptz IS NULL OR c.reported_at < %(until)s)
      AND (%(after_at)s::timestamptz IS NULL OR (c.reported_at, c.id) < (%(after_at)s, %(after_id)s::bigint))
    ORDER BY c.reported_at DESC, c.id DESC
    LIMIT %(limit)s
)
SELECT c.id AS change_id, c.series, c.attributed_to, c.kind, c.previous_value, c.previous_qualifier,
       c.new_value, c.new_qualifier,
       CASE WHEN c.previous_value > 0
            THEN round(100 * (c.new_value - c.previous_value) / c.previous_value, 1) END AS change_pct,
       c.reported_at, c.detected_at, f.value_low, f.value_high, f.quote, f.superseded, f.article_id,
       a.source AS outlet, a.title, a.url,
       1 + (SELECT count(*) FROM newswatch.articles d WHERE d.duplicate_of = a.id) AS outlets,
       e.alert_id, e.status AS email_status, e.sent_at AS emailed_at
FROM page c
JOIN newswatch.figures f ON f.id = c.figure_id
JOIN newswatch.articles a ON a.id = f.article_id
LEFT JOIN LATERAL (
    SELECT al.id AS alert_id, al.status, al.sent_at
    FROM newswatch.alerts al
    WHERE al.change_ids @> ARRAY[c.id] AND al.kind IN ('change', 'changes')
    ORDER BY al.sent_at NULLS LAST, al.id
    LIMIT 1
) e ON true
ORDER BY c.reported_at DESC, c.id DESC
"""

CHANGE_SOURCES = """
SELECT DISTINCT coalesce(attributed_to, '') AS source FROM newswatch.figure_changes ORDER BY 1
"""


@dataclass(frozen=True)
class ChangesFilter:
    series: str | None = None
    source: str | None = None
    kind: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    def params(self) -> Row:
        return asdict(self)


def changes(conn: psycopg.Connection, f: ChangesFilter, after: Cursor | None, limit: int) -> list[Row]:
    return _all(conn, CHANGES, {**f.params(), **_after(after), "limit": limit})


def change_sources(conn: psycopg.Connection) -> list[str]:
    return [r["source"] for r in _all(conn, CHANGE_SOURCES, {})]


# --- Articles -------------------------------------------------------------------------------------------

# The search is read as websearch_to_tsquery syntax in each language the index stems ("troops" finds
# "troop" in English articles, "войска" finds "войск" in Russian ones) and word by word for the rest.
# Stories: originals (and articles not yet compared), newest first. Search, topic, language and dates
# apply to the story's first-seen copy; the outlet filter matches a story any of whose copies it ran.
# The search is tested on at most `window` stories (from `skip` on) of those the other filters keep.
STORIES = """
SELECT w.id, w.title, w.outlet, w.url, w.published_at, w.language, w.topics, w.partial, w.dedupe_status
FROM (
    SELECT a.id, a.title, a.source AS outlet, a.url, coalesce(a.published_at, a.first_seen_at) AS published_at,
           a.language, a.topics, a.partial, a.dedupe_status, a.search_vector
    FROM newswatch.articles a
    WHERE a.duplicate_of IS NULL
      AND (%(among)s::bigint[] IS NULL OR a.id = ANY(%(among)s))
      AND (%(topic)s::text IS NULL OR a.topics @> ARRAY[%(topic)s::text])
      AND (%(language)s::text IS NULL OR a.language = %(language)s)
      AND (%(outlet)s::text IS NULL OR a.id IN (
            SELECT coalesce(o.duplicate_of, o.id) FROM newswatch.articles o WHERE o.source = %(outlet)s))
      AND (%(since)s::timestamptz IS NULL OR coalesce(a.published_at, a.first_seen_at) >= %(since)s)
      AND (%(until)s::timestamptz IS NULL OR coalesce(a.published_at, a.first_seen_at) < %(until)s)
      AND (%(after_at)s::timestamptz IS NULL
           OR (coalesce(a.published_at, a.first_seen_at), a.id) < (%(after_at)s, %(after_id)s::bigint))
    ORDER BY coalesce(a.published_at, a.first_seen_at) DESC, a.id DESC
    LIMIT %(window)s OFFSET %(skip)s
) w
WHERE %(q)s::text IS NULL
   OR w.search_vector @@ (websearch_to_tsquery('english', %(q)s) || websearch_to_tsquery('russian', %(q)s)
                          || websearch_to_tsquery('simple', %(q)s))
ORDER BY w.published_at DESC, w.id DESC
LIMIT %(limit)s
"""

# The search without its phrases and exclusions ("a b" -c becomes a & b): what the index answers without
# reading any article; 'T' when nothing in it can be looked up (only exclusions).
LOOSE_SEARCH = """
SELECT regexp_replace(
           querytree(websearch_to_tsquery('english', %(q)s) || websearch_to_tsquery('russian', %(q)s)
                     || websearch_to_tsquery('simple', %(q)s)),
           '<[0-9]*->|<[0-9]+>', '&', 'g') AS loose
"""

# Stories the loose search finds, from the articles_search index alone, up to a cap.
SEARCH_CANDIDATES = """
SELECT a.id FROM newswatch.articles a
WHERE a.duplicate_of IS NULL AND a.search_vector @@ %(loose)s::tsquery
LIMIT %(cap)s
"""

# Of those, the ones the search itself matches (phrases and exclusions checked on each).
SEARCH_MATCHES = """
SELECT a.id FROM newswatch.articles a
WHERE a.id = ANY(%(ids)s)
  AND a.search_vector @@ (websearch_to_tsquery('english', %(q)s) || websearch_to_tsquery('russian', %(q)s)
                          || websearch_to_tsquery('simple', %(q)s))
"""

COPIES = """
SELECT duplicate_of, id, source AS outlet, url, title, coalesce(published_at, first_seen_at) AS published_at,
       similarity
FROM newswatch.articles
WHERE duplicate_of = ANY(%(ids)s)
ORDER BY duplicate_of, coalesce(published_at, first_seen_at), id
"""

ARTICLE_FIGURES = """
SELECT article_id, id AS figure_id, series, value, value_low, value_high, qualifier, scope, period_start,
       period_end, attributed_to, quote
FROM newswatch.figures
WHERE article_id = ANY(%(ids)s) AND NOT superseded
ORDER BY article_id, position, id
"""

# The distinct values of an indexed column, one index probe per value (a loose index scan), so the
# filter menus cost milliseconds however many articles there are.
OUTLETS = """
WITH RECURSIVE o(source) AS (
    (SELECT source FROM newswatch.articles ORDER BY source LIMIT 1)
    UNION ALL
    SELECT (SELECT a.source FROM newswatch.articles a WHERE a.source > o.source ORDER BY a.source LIMIT 1)
    FROM o WHERE o.source IS NOT NULL
)
SELECT source FROM o WHERE source IS NOT NULL LIMIT %(cap)s
"""

LANGUAGES = """
WITH RECURSIVE l(language) AS (
    (SELECT language FROM newswatch.articles WHERE language IS NOT NULL ORDER BY language LIMIT 1)
    UNION ALL
    SELECT (SELECT a.language FROM newswatch.articles a WHERE a.language > l.language
            ORDER BY a.language LIMIT 1)
    FROM l WHERE l.language IS NOT NULL
)
SELECT language FROM l WHERE language IS NOT NULL LIMIT %(cap)s
"""

MENU_CAP = 1000  # options in a filter menu; a warehouse with more outlets than this is typed, not picked


@dataclass(frozen=True)
class ArticlesFilter:
    q: str | None = None
    topic: str | None = None
    outlet: str | None = None
    language: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    def params(self) -> Row:
        return asdict(self)


def search_matches(conn: psycopg.Connection, q: str) -> list[int] | None:
    """The stories a search matches when its candidates are few (at most WEB_SEARCH_FEW), else None.

    PostgreSQL cannot tell a rare word from a common one here (it guesses 0.5% of articles for any word it
    has no statistics for), and the two need opposite plans: a rare word's few matches are best read from
    the index, a common word's page is found soonest walking the stories newest first and testing each.
    So the candidates are counted first, from the index alone and up to the cap.
    """
    row = _one(conn, LOOSE_SEARCH, {"q": q})
    loose = row["loose"] if row else "T"
    if loose == "T":
        return None
    with conn.transaction():
        # From the index: guessing many matches, the planner would scan the table for the first few.
        conn.execute("SET LOCAL enable_seqscan = off")
        rows = _all(conn, SEARCH_CANDIDATES, {"loose": loose, "cap": settings.WEB_SEARCH_FEW + 1})
    if len(rows) > settings.WEB_SEARCH_FEW:
        return None
    ids = [r["id"] for r in rows]
    return [r["id"] for r in _all(conn, SEARCH_MATCHES, {"ids": ids, "q": q})] if ids else []


@dataclass
class Stories:
    rows: list[Row]
    matches: int | None = None  # how many stories the search matches, when they are few
    searched_to: Cursor | None = None  # a search with many candidates stopped at this story: go on after it


def stories(conn: psycopg.Connection, f: ArticlesFilter, after: Cursor | None, limit: int) -> Stories:
    """Up to limit stories, each with its copies (other outlets) and the figures read from it.

    Without a search, or with few matches, this is simply the next page. A search with many candidates is
    tested on at most WEB_SEARCH_WINDOW stories per page, so a phrase of common words that rarely stand
    together costs no more than any other page: when the window holds fewer than a page of matches,
    `searched_to` says where the next page goes on.
    """
    base = {**f.params(), **_after(after), "among": None, "skip": 0, "limit": limit, "window": limit}
    result = Stories([])
    if f.q is None:
        result.rows = _all(conn, STORIES, base)
    elif (matched := search_matches(conn, f.q)) is not None:
        result.matches = len(matched)
        result.rows = _all(conn, STORIES, {**base, "q": None, "among": matched})
    else:
        result.rows = _all(conn, STORIES, {**base, "window": settings.WEB_SEARCH_WINDOW})
        if len(result.rows) < limit:
            edge = {**base, "q": None, "window": 1, "skip": settings.WEB_SEARCH_WINDOW - 1, "limit": 1}
            last = _all(conn, STORIES, edge)
            if last:
                result.searched_to = Cursor(last[0]["published_at"], last[0]["id"])
    ids = [r["id"] for r in result.rows]
    copies: dict[int, list[Row]] = {}
    figures: dict[int, list[Row]] = {}
    if ids:
        for c in _all(conn, COPIES, {"ids": ids}):
            copies.setdefault(c.pop("duplicate_of"), []).append(c)
        for fig in _all(conn, ARTICLE_FIGURES, {"ids": ids}):
            figures.setdefault(fig.pop("article_id"), []).append(fig)
    for r in result.rows:
        r["copies"] = copies.get(r["id"], [])
        r["figures"] = figures.get(r["id"], [])
    return result


def outlets(conn: psycopg.Connection) -> list[str]:
    return [r["source"] for r in _all(conn, OUTLETS, {"cap": MENU_CAP})]


def languages(conn: psycopg.Connection) -> list[str]:
    return [r["language"] for r in _all(conn, LANGUAGES, {"cap": MENU_CAP})]


# --- Feeds ----------------------------------------------------------------------------------------------

FEEDS = """
SELECT f.id, f.name, f.url, f.enabled, h.last_status, h.last_http_status, h.last_polled_at, h.last_success_at,
       h.last_new_item_at, coalesce(h.consecutive_failures, 0) AS consecutive_failures, h.item_count,
       h.next_poll_at, h.last_error
FROM newswatch.feeds f
LEFT JOIN newswatch.feed_health h ON h.feed_id = f.id
WHERE (%(status)s::text IS NULL OR h.last_status = %(status)s)
  AND (NOT %(failing)s OR coalesce(h.consecutive_failures, 0) > 0)
ORDER BY f.enabled DESC, coalesce(h.consecutive_failures, 0) DESC, f.name, f.id
LIMIT %(limit)s OFFSET %(offset)s
"""

INCIDENTS = """
SELECT id, kind, target, detail, opened_at
FROM newswatch.health_incidents
WHERE closed_at IS NULL
ORDER BY opened_at DESC, id DESC
LIMIT %(cap)s
"""


def feeds(conn: psycopg.Connection, status: str | None, failing: bool, offset: int, limit: int) -> list[Row]:
    return _all(conn, FEEDS, {"status": status, "failing": failing, "offset": offset, "limit": limit})


def open_incidents(conn: psycopg.Connection) -> list[Row]:
    return _all(conn, INCIDENTS, {"cap": settings.WEB_MAX_PAGE_SIZE})


# --- Alerts ---------------------------------------------------------------------------------------------

ALERTS = """
SELECT id, kind, subject, status, attempts, created_at, sent_at, next_attempt_at, last_error, recipients,
       cardinality(change_ids) AS changes
FROM newswatch.alerts
WHERE (%(status)s::text IS NULL OR status = %(status)s)
  AND (%(kind)s::text IS NULL OR kind = %(kind)s)
  AND (%(after)s::bigint IS NULL OR id < %(after)s)
ORDER BY id DESC
LIMIT %(limit)s
"""

ALERT_COUNTS = "SELECT status, count(*) AS alerts FROM newswatch.alerts GROUP BY status"


def alerts(
    conn: psycopg.Connection, status: str | None, kind: str | None, after: int | None, limit: int
) -> list[Row]:
    return _all(conn, ALERTS, {"status": status, "kind": kind, "after": after, "limit": limit})


def alert_counts(conn: psycopg.Connection) -> dict[str, int]:
    return {r["status"]: r["alerts"] for r in _all(conn, ALERT_COUNTS, {})}


# --- helpers --------------------------------------------------------------------------------------------


def _after(after: Cursor | None) -> Row:
    return {"after_at": after.at if after else None, "after_id": after.id if after else None}


def _all(conn: psycopg.Connection, query: str, params: Row) -> list[Row]:
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(query, params).fetchall()


def _one(conn: psycopg.Connection, query: str, params: Row) -> Row | None:
    rows = _all(conn, query, params)
    return rows[0] if rows else None
