"""The figures and changes stages, and reprocessing.

Figures: every original article is read; so is every near-duplicate, keeping only the figures its original
does not have (an updated wire story); so is every new text of an article updated in place, whose earlier
texts' figures stay (what it said then is history). Changes: every stream (one series from one source)
with a figure not yet seen is replayed from its stored cumulative figures by `revisions.decide`, and the
recorded changes are made to match the replay: a change it still makes keeps its id (and its email), a
new one is recorded, one it no longer makes is withdrawn, never deleted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import psycopg

from newswatch.figures.revisions import Claim, Event, Report, decide

if TYPE_CHECKING:
    from newswatch.figures.extractor import Figure, FigureExtractor

# Called inside the transaction that records changes, with the ids of the new changes that are news (not
# history found by reprocessing or by an old article arriving late): the outbox queues their emails there.
ChangeHook = Callable[[psycopg.Connection, list[int]], object]
# "figc": one change-detection pass at a time keeps the order well defined. Figure batches hold it shared, so
# a pass never marks as seen a figure that a batch superseded or revived while the pass was replaying.
CHANGES_LOCK_KEY = 0x66696763


@dataclass
class FiguresReport:
    articles: int = 0
    figures: int = 0
    duplicates: int = 0  # near-duplicates among the articles read
    failed: int = 0  # articles the extractor raised on (recorded in articles.figures_error)


@dataclass
class ChangesReport:
    checked: int = 0
    first: int = 0
    revisions: int = 0
    backfill: int = 0  # of the new changes, those found in history (not alerted)
    rederived: int = 0  # recorded changes the replay re-attached or corrected (kept, not alerted again)
    withdrawn: int = 0  # recorded changes the replay no longer makes


# Originals, and near-duplicates once their original has been read (so the figures can be compared).
CLAIM_ARTICLES = """
SELECT a.id, a.title, a.text, a.language, a.version, a.figures_text_version, a.duplicate_of,
       coalesce(a.published_at, a.first_seen_at), a.fetched_at
FROM newswatch.articles a
WHERE a.figures_version IS NULL AND a.dedupe_status <> 'pending'
  AND (a.duplicate_of IS NULL OR EXISTS (
        SELECT 1 FROM newswatch.articles o WHERE o.id = a.duplicate_of AND o.figures_version IS NOT NULL))
ORDER BY a.id
LIMIT %s
FOR UPDATE OF a SKIP LOCKED
"""

EARLIER_TEXTS = """
SELECT article_id, version, title, text, fetched_at FROM newswatch.article_versions
WHERE article_id = ANY(%s) ORDER BY article_id, version
"""

ORIGINAL_FIGURES = """
SELECT article_id, series, value, value_low, value_high, qualifier, attributed_to, scope, period_start, period_end
FROM newswatch.figures WHERE article_id = ANY(%s) AND NOT superseded
"""

# Figures of the texts being read again; those found again are revived by the upsert (same id).
SUPERSEDE = """
UPDATE newswatch.figures SET superseded = true, change_checked = false
WHERE article_id = %s AND article_version > %s AND NOT superseded
"""

# A figure already found in an earlier text of the article keeps that text's time and quote; a superseded
# one found again is revived with the new reading.
UPSERT_FIGURE = """
INSERT INTO newswatch.figures (article_id, series, value, value_low, value_high, qualifier, attributed_to, quote,
                               reported_at, position, extractor_version, scope, period_start, period_end,
                               article_version)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
ON CONFLICT (article_id, series, value, qualifier, coalesce(attributed_to, ''), coalesce(value_low, -1),
             coalesce(value_high, -1), scope, coalesce(period_start, '-infinity'::date),
             coalesce(period_end, '-infinity'::date))
DO UPDATE SET superseded = false, change_checked = false, extractor_version = EXCLUDED.extractor_version,
    quote = CASE WHEN figures.superseded THEN EXCLUDED.quote ELSE figures.quote END,
    position = CASE WHEN figures.superseded THEN EXCLUDED.position ELSE figures.position END,
    reported_at = CASE WHEN figures.superseded THEN EXCLUDED.reported_at ELSE figures.reported_at END,
    article_version = CASE WHEN figures.superseded THEN EXCLUDED.article_version ELSE figures.article_version END
"""

DONE = """
UPDATE newswatch.articles SET figures_version = %s, figures_text_version = version, figures_reread = %s,
    figures_error = %s
WHERE id = %s
"""


@dataclass
class _Unread:
    id: int
    title: str | None
    text: str
    language: str | None
    version: int
    read_version: int | None  # the text version read last time, if any
    duplicate_of: int | None
    published: datetime
    fetched_at: datetime

    @property
    def reread(self) -> bool:
        """The same text read again (reprocessing): what it yields is history, not news."""
        return self.read_version is not None and self.read_version >= self.version

    @property
    def from_version(self) -> int:
        """Texts after this version are read: the new ones, or all of them when re-reading."""
        return 0 if self.read_version is None or self.reread else self.read_version


def figures_stage(
    conn: psycopg.Connection,
    extractor: FigureExtractor | Callable[[], FigureExtractor] | None = None,
    batch: int = 200,
) -> FiguresReport:
    """Read the figures of every article (original, near-duplicate, new text) not yet read.

    `extractor` may be a function that makes one: it is called only if there is an article to read,
    so a cycle with nothing new never loads the extraction rules."""
    report = FiguresReport()
    while True:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock_shared(%s)", (CHANGES_LOCK_KEY,))
            articles = [_Unread(*row) for row in conn.execute(CLAIM_ARTICLES, (batch,)).fetchall()]
            if not articles:
                return report
            from newswatch.figures.extractor import EXTRACTOR_VERSION, FigureExtractor

            if not isinstance(extractor, FigureExtractor):
                extractor = extractor() if extractor is not None else FigureExtractor()
            earlier = _earlier_texts(conn, articles)
            known = _original_figures(conn, articles)
            params: list[tuple[Any, ...]] = []
            errors: dict[int, str] = {}
            for article in articles:
                try:
                    rows = _read(extractor, article, earlier.get(article.id, []), known, EXTRACTOR_VERSION)
                except Exception as e:  # a rule that breaks on one article must not stop every other one
                    errors[article.id] = f"{type(e).__name__}: {' '.join(str(e).split())}"[:500]
                    continue
                conn.execute(SUPERSEDE, (article.id, article.from_version))
                params += rows
            with conn.cursor() as cur:
                if params:
                    cur.executemany(UPSERT_FIGURE, params)
                cur.executemany(
                    DONE, [(EXTRACTOR_VERSION, a.reread, errors.get(a.id), a.id) for a in articles]
                )
            report.articles += len(articles)
            report.duplicates += sum(a.duplicate_of is not None for a in articles)
            report.figures += len(params)
            report.failed += len(errors)


def _read(
    extractor: FigureExtractor,
    article: _Unread,
    earlier: list[tuple[int, str | None, str, datetime]],
    known: dict[int, set[tuple[Any, ...]]],
    rules_version: int,
) -> list[tuple[Any, ...]]:
    """The figure rows of an article's texts still to read; a near-duplicate's only where its original differs."""
    rows = []
    for version, title, text, at in [*earlier, _current(article)]:
        for f in extractor.extract(text, title, article.language, published=_day(at)):
            if article.duplicate_of is not None and _identity(f) in known[article.duplicate_of]:
                continue  # the original already reports it
            rows.append(_row(article.id, f, at, version, rules_version))
    return rows


def _current(article: _Unread) -> tuple[int, str | None, str, datetime]:
    return (
        article.version,
        article.title,
        article.text,
        _version_time(article, article.version, article.fetched_at),
    )


def _earlier_texts(
    conn: psycopg.Connection, articles: list[_Unread]
) -> dict[int, list[tuple[int, str | None, str, datetime]]]:
    """Earlier texts still to read (a first read or a re-read of an article updated in place)."""
    wanted = {a.id: a for a in articles if a.from_version < a.version - 1}
    texts: dict[int, list[tuple[int, str | None, str, datetime]]] = defaultdict(list)
    if wanted:
        for article_id, version, title, text, fetched_at in conn.execute(EARLIER_TEXTS, (list(wanted),)):
            article = wanted[article_id]
            if article.from_version < version < article.version:
                texts[article_id].append((version, title, text, _version_time(article, version, fetched_at)))
    return texts


def _version_time(article: _Unread, version: int, fetched_at: datetime) -> datetime:
    """The first text was published with the article; a later text when it was fetched."""
    return article.published if version == 1 else max(article.published, fetched_at)


def _original_figures(conn: psycopg.Connection, articles: list[_Unread]) -> dict[int, set[tuple[Any, ...]]]:
    originals = [a.duplicate_of for a in articles if a.duplicate_of is not None]
    known: dict[int, set[tuple[Any, ...]]] = defaultdict(set)
    if originals:
        for article_id, *identity in conn.execute(ORIGINAL_FIGURES, (originals,)):
            known[article_id].add(_key(*identity))
    return known


def _identity(f: Figure) -> tuple[Any, ...]:
    return _key(
        f.series,
        f.value,
        f.value_low,
        f.value_high,
        f.qualifier,
        f.attributed_to,
        f.scope,
        f.period_start,
        f.period_end,
    )


def _key(series: str, value: Any, low: Any, high: Any, *rest: Any) -> tuple[Any, ...]:
    def num(v: Any) -> float | None:
        return None if v is None else float(v)

    return (series, num(value), num(low), num(high), *rest)


def _row(article_id: int, f: Figure, at: datetime, version: int, rules_version: int) -> tuple[Any, ...]:
    return (
        article_id,
        f.series,
        f.value,
        f.value_low,
        f.value_high,
        f.qualifier,
        f.attributed_to,
        f.quote,
        at,
        f.sentence,
        rules_version,
        f.scope,
        f.period_start,
        f.period_end,
        version,
    )


def _day(at: datetime) -> date:
    return at.astimezone(UTC).date() if at.tzinfo else at.date()


UNCHECKED = "SELECT id, series, attributed_to FROM newswatch.figures WHERE NOT change_checked"

# A stream's cumulative figures in publication order; within an article, in reading order (the body, then
# its headline: revisions.reading_order).
STREAM_FIGURES = """
SELECT f.id, f.article_id, f.reported_at, f.value, f.qualifier, f.value_low, f.value_high, a.figures_reread
FROM newswatch.figures f JOIN newswatch.articles a ON a.id = f.article_id
WHERE f.series = %s AND f.attributed_to IS NOT DISTINCT FROM %s AND NOT f.superseded AND f.scope = 'cumulative'
ORDER BY f.reported_at, f.article_id, (f.position = 0 AND coalesce(a.title, '') <> ''), f.position, f.id
"""

STREAM_CHANGES = """
SELECT id, figure_id, kind, previous_value, previous_qualifier, previous_figure_id, new_value, new_qualifier,
       reported_at
FROM newswatch.figure_changes
WHERE series = %s AND attributed_to IS NOT DISTINCT FROM %s AND withdrawn_at IS NULL
ORDER BY reported_at, id
"""

RECORD_CHANGE = """
INSERT INTO newswatch.figure_changes (series, attributed_to, kind, previous_value, new_value, previous_qualifier,
                                      new_qualifier, figure_id, previous_figure_id, reported_at, backfill)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
RETURNING id
"""

REDERIVE_CHANGE = """
UPDATE newswatch.figure_changes SET kind = %s, previous_value = %s, previous_qualifier = %s,
    previous_figure_id = %s, new_value = %s, new_qualifier = %s, reported_at = %s, figure_id = %s,
    rederived_at = now()
WHERE id = %s
"""

WITHDRAW_CHANGES = "UPDATE newswatch.figure_changes SET withdrawn_at = now() WHERE id = ANY(%s)"

CHECKED = "UPDATE newswatch.figures SET change_checked = true WHERE id = ANY(%s)"


@dataclass(frozen=True)
class _Recorded:
    """A change as stored: its id and the fields the replay may correct."""

    id: int
    figure_id: int
    fields: tuple[Any, ...]  # kind, previous value/qualifier/figure, new value/qualifier, reported_at

    @property
    def new_value(self) -> float:
        return float(self.fields[4])


def changes_stage(
    conn: psycopg.Connection, threshold: float = 0.0, on_change: ChangeHook | None = None
) -> ChangesReport:
    """Replay every stream with a figure not yet seen; record, keep, correct or withdraw its changes.

    `on_change` gets the new changes that are news: not those re-derived or found in history.
    """
    report = ChangesReport()
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (CHANGES_LOCK_KEY,))
        unchecked = conn.execute(UNCHECKED).fetchall()
        streams = sorted(
            {(series, source) for _, series, source in unchecked}, key=lambda s: (s[0], s[1] or "")
        )
        news: list[int] = []
        for series, source in streams:
            news += _replay_stream(conn, series, source, threshold, report)
        if unchecked:
            conn.execute(CHECKED, ([row[0] for row in unchecked],))
        report.checked = len(unchecked)
        if on_change is not None and news:
            on_change(conn, news)
    return report


def _replay_stream(
    conn: psycopg.Connection, series: str, source: str | None, threshold: float, report: ChangesReport
) -> list[int]:
    """Make one stream's recorded changes match its replay; returns the ids of new changes that are news."""
    reports, reread = _stream_reports(conn.execute(STREAM_FIGURES, (series, source)).fetchall())
    events = decide(reports, threshold)
    recorded = [
        _Recorded(row[0], row[1], (row[2], *row[3:6], *row[6:9]))
        for row in conn.execute(STREAM_CHANGES, (series, source)).fetchall()
    ]
    matched, withdrawn = match_recorded(events, recorded)
    if withdrawn:
        conn.execute(WITHDRAW_CHANGES, ([r.id for r in withdrawn],))
        report.withdrawn += len(withdrawn)
    head = max(matched, default=-1)  # events before the last kept one are history
    news = []
    for index, event in enumerate(events):
        fields = _fields(event)
        kept = matched.get(index)
        if kept is not None:
            if kept.figure_id != event.claim.key or not _same_fields(kept.fields, fields):
                conn.execute(REDERIVE_CHANGE, (*fields, event.claim.key, kept.id))
                report.rederived += 1
            continue
        backfill = index < head or event.claim.key in reread
        row = conn.execute(
            RECORD_CHANGE,
            (
                series,
                source,
                fields[0],
                fields[1],
                fields[4],
                fields[2],
                fields[5],
                event.claim.key,
                fields[3],
                fields[6],
                backfill,
            ),
        ).fetchone()
        assert row is not None
        if event.kind == "first":
            report.first += 1
        else:
            report.revisions += 1
        if backfill:
            report.backfill += 1
        else:
            news.append(int(row[0]))
    return news


def _stream_reports(rows: Sequence[tuple[Any, ...]]) -> tuple[list[Report], set[Hashable]]:
    """Figure rows (in stream order) grouped into one report per article text; and the re-read figures."""
    reports: list[Report] = []
    reread: set[Hashable] = set()
    claims: list[Claim] = []
    current: tuple[Any, ...] | None = None
    for fid, article, at, value, qualifier, low, high, article_reread in rows:
        if (article, at) != current:
            if current is not None:
                reports.append(Report(current[0], current[1], tuple(claims)))
            current, claims = (article, at), []
        claims.append(Claim(fid, float(value), qualifier, _float(low), _float(high)))
        if article_reread:
            reread.add(fid)
    if current is not None:
        reports.append(Report(current[0], current[1], tuple(claims)))
    return reports, reread


def match_recorded(
    events: list[Event], recorded: list[_Recorded]
) -> tuple[dict[int, _Recorded], list[_Recorded]]:
    """Pair replayed events with recorded changes: the same figure first, then the same new value (the same
    claim read from another figure, e.g. after reprocessing). Returns event index -> change, and the rest."""
    by_figure = {r.figure_id: r for r in recorded}
    matched: dict[int, _Recorded] = {}
    used: set[int] = set()
    for index, event in enumerate(events):
        r = by_figure.get(event.claim.key)  # type: ignore[call-overload]
        if r is not None:
            matched[index] = r
            used.add(r.id)
    for index, event in enumerate(events):
        if index in matched:
            continue
        for r in recorded:
            if r.id not in used and r.new_value == event.claim.value:
                matched[index] = r
                used.add(r.id)
                break
    return matched, [r for r in recorded if r.id not in used]


def _fields(event: Event) -> tuple[Any, ...]:
    previous = event.previous
    return (
        event.kind,
        previous.value if previous else None,
        previous.qualifier if previous else None,
        previous.key if previous else None,
        event.claim.value,
        event.claim.qualifier,
        event.report.at,
    )


def _same_fields(stored: tuple[Any, ...], derived: tuple[Any, ...]) -> bool:
    def norm(v: Any) -> Any:
        return float(v) if isinstance(v, Decimal | int | float) else v

    return [norm(v) for v in stored] == [norm(v) for v in derived]


def _float(v: Any) -> float | None:
    return None if v is None else float(v)


def reprocess(conn: psycopg.Connection) -> int:
    """Mark every article read so far for reading again; returns how many."""
    with conn.transaction():
        cur = conn.execute(
            "UPDATE newswatch.articles SET figures_version = NULL "
            "WHERE dedupe_status <> 'pending' AND figures_version IS NOT NULL"
        )
        return cur.rowcount
