"""The figures and changes stages: extract figures from new originals, then detect changes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import psycopg

from newswatch.figures.extractor import EXTRACTOR_VERSION, FigureExtractor

# Called inside the transaction that records changes, with their ids (the outbox queues emails there).
ChangeHook = Callable[[psycopg.Connection, list[int]], object]
CHANGES_LOCK_KEY = 0x66696763  # "figc": one change-detection pass at a time keeps the order well defined


@dataclass
class FiguresReport:
    articles: int = 0
    figures: int = 0


@dataclass
class ChangesReport:
    checked: int = 0
    first: int = 0
    revisions: int = 0


CLAIM_ARTICLES = """
SELECT id, title, text, language, coalesce(published_at, first_seen_at)
FROM newswatch.articles
WHERE dedupe_status = 'original' AND figures_version IS NULL
ORDER BY id
LIMIT %s
FOR UPDATE SKIP LOCKED
"""

SUPERSEDE = "UPDATE newswatch.figures SET superseded = true WHERE article_id = %s AND NOT superseded"

# Re-deriving an identical figure revives its row (and keeps its id, so its change is not recorded twice).
UPSERT_FIGURE = """
INSERT INTO newswatch.figures (article_id, series, value, value_low, value_high, qualifier, attributed_to, quote,
                               reported_at, position, extractor_version)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
ON CONFLICT (article_id, series, value, qualifier, coalesce(attributed_to, ''), coalesce(value_low, -1),
             coalesce(value_high, -1))
DO UPDATE SET superseded = false, quote = EXCLUDED.quote, position = EXCLUDED.position,
              extractor_version = EXCLUDED.extractor_version, reported_at = EXCLUDED.reported_at
"""

DONE = "UPDATE newswatch.articles SET figures_version = %s WHERE id = %s"


def figures_stage(
    conn: psycopg.Connection, extractor: FigureExtractor | None = None, batch: int = 200
) -> FiguresReport:
    """Extract figures from every original article not yet read by this extractor version."""
    extractor = extractor or FigureExtractor()
    report = FiguresReport()
    while True:
        with conn.transaction():
            rows = conn.execute(CLAIM_ARTICLES, (batch,)).fetchall()
            params = []
            for article_id, title, text, language, reported_at in rows:
                conn.execute(SUPERSEDE, (article_id,))
                for f in extractor.extract(text, title, language):
                    params.append(
                        (
                            article_id,
                            f.series,
                            f.value,
                            f.value_low,
                            f.value_high,
                            f.qualifier,
                            f.attributed_to,
                            f.quote,
                            reported_at,
                            f.sentence,
                            EXTRACTOR_VERSION,
                        )
                    )
            with conn.cursor() as cur:
                if params:
                    cur.executemany(UPSERT_FIGURE, params)
                cur.executemany(DONE, [(EXTRACTOR_VERSION, r[0]) for r in rows])
            report.articles += len(rows)
            report.figures += len(params)
        if len(rows) < batch:
            return report


UNCHECKED = """
SELECT id, article_id, series, attributed_to, value, qualifier, reported_at, position
FROM newswatch.figures
WHERE NOT change_checked AND NOT superseded
ORDER BY reported_at, article_id, position, id
"""

# The source's latest earlier recorded value (its last first/revision), from another article. Comparing
# with the last recorded value, not the last repeat, keeps small steps below the threshold from creeping.
PREVIOUS = """
SELECT f.id, f.value, f.qualifier FROM newswatch.figures f
JOIN newswatch.figure_changes c ON c.figure_id = f.id
WHERE f.series = %(series)s AND f.attributed_to IS NOT DISTINCT FROM %(source)s AND f.change_checked
  AND NOT f.superseded AND f.article_id <> %(article)s AND (f.reported_at, f.id) < (%(at)s, %(id)s)
ORDER BY f.reported_at DESC, f.id DESC LIMIT 1
"""

LATER_EXISTS = """
SELECT EXISTS (SELECT 1 FROM newswatch.figures f
  WHERE f.series = %(series)s AND f.attributed_to IS NOT DISTINCT FROM %(source)s AND f.change_checked
    AND NOT f.superseded AND f.article_id <> %(article)s AND f.reported_at > %(at)s)
"""

RECORD_CHANGE = """
INSERT INTO newswatch.figure_changes (series, attributed_to, kind, previous_value, new_value, previous_qualifier,
                                      new_qualifier, figure_id, previous_figure_id, reported_at)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
ON CONFLICT (figure_id) DO NOTHING
RETURNING id
"""

CHECKED = "UPDATE newswatch.figures SET change_checked = true WHERE id = %s"


def changes_stage(
    conn: psycopg.Connection, threshold: float = 0.0, on_change: ChangeHook | None = None
) -> ChangesReport:
    """Compare every unchecked figure with its source's latest earlier value; record firsts and revisions.

    Figures are taken in order of publication. An article's first figure for a series and source is its
    claim (later mentions in the same article are not new claims). An older article arriving late never
    produces a backwards revision.
    """
    report = ChangesReport()
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (CHANGES_LOCK_KEY,))
        claimed: set[tuple[int, str, str | None]] = set()
        recorded: list[int] = []
        for fid, article, series, source, value, qualifier, at, _pos in conn.execute(UNCHECKED).fetchall():
            report.checked += 1
            stream = (article, series, source)
            kind = None
            previous = None
            if stream not in claimed:
                claimed.add(stream)
                args = {"series": series, "source": source, "article": article, "at": at, "id": fid}
                previous = conn.execute(PREVIOUS, args).fetchone()
                later_row = conn.execute(LATER_EXISTS, args).fetchone()
                later = bool(later_row and later_row[0])
                if not later:
                    if previous is None:
                        kind = "first"
                    elif _changed(previous[1], previous[2], value, qualifier, threshold):
                        kind = "revision"
            conn.execute(CHECKED, (fid,))
            if kind is None:
                continue
            row = conn.execute(
                RECORD_CHANGE,
                (
                    series,
                    source,
                    kind,
                    previous[1] if previous else None,
                    value,
                    previous[2] if previous else None,
                    qualifier,
                    fid,
                    previous[0] if previous else None,
                    at,
                ),
            ).fetchone()
            if row is None:
                continue
            recorded.append(row[0])
            if kind == "first":
                report.first += 1
            else:
                report.revisions += 1
        if on_change is not None and recorded:
            on_change(conn, recorded)
    return report


def _changed(old_value: float, old_qualifier: str, value: float, qualifier: str, threshold: float) -> bool:
    if old_qualifier != qualifier:
        return True
    if old_value == value:
        return False
    relative = abs(float(value) - float(old_value)) / max(abs(float(old_value)), 1.0)
    return relative > threshold


def reprocess(conn: psycopg.Connection) -> int:
    """Mark every original article for re-extraction; returns how many."""
    with conn.transaction():
        cur = conn.execute(
            "UPDATE newswatch.articles SET figures_version = NULL "
            "WHERE dedupe_status = 'original' AND figures_version IS NOT NULL"
        )
        return cur.rowcount
