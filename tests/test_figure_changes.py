"""Figures and changes in the warehouse: claims, revisions, scope, conflicts, duplicates, updates, late and
future-dated articles, reprocessing, views, commands."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
from dataclasses import replace
from datetime import UTC, date, datetime

import psycopg
from psycopg import sql

from newswatch.alerts.changes import queue_change_alerts
from newswatch.config import parse_config
from newswatch.demo import DemoServer
from newswatch.demo_run import demo_config
from newswatch.figures.extractor import FigureExtractor
from newswatch.figures.stage import changes_stage, figures_stage, reprocess
from newswatch.migrate import migrations, upgrade
from newswatch.pipeline import run_cycle
from tests import content
from tests.test_cli import NEWSWATCH

_counter = iter(range(1, 1_000_000))


def add_article(
    db, text: str, day: str, source: str = "Korea Wire Daily", duplicate_of: int | None = None
) -> int:  # type: ignore[no-untyped-def]
    """An extracted, deduplicated article, as the ingest stages leave it (`day`: ISO date or time, UTC)."""
    n = next(_counter)
    url = f"https://news.example/{n}"
    page = db.execute(
        "INSERT INTO newswatch.pages (canonical_url, url, status) VALUES (%s, %s, 'relevant') RETURNING id",
        (url, url),
    ).fetchone()[0]
    return db.execute(
        "INSERT INTO newswatch.articles (page_id, url, canonical_url, source, title, published_at, language, text,"
        " topics, content_hash, dedupe_status, duplicate_of) VALUES (%s, %s, %s, %s, %s, %s, 'en', %s,"
        " ARRAY['north_korea'], md5(%s), %s, %s) RETURNING id",
        (
            page,
            url,
            url,
            source,
            f"Story {n}",
            datetime.fromisoformat(day).replace(tzinfo=UTC),
            text,
            text,
            "duplicate" if duplicate_of else "original",
            duplicate_of,
        ),
    ).fetchone()[0]


class Alerted(list[int]):
    """A change hook that remembers the ids it was given (the changes that would be emailed)."""

    def __call__(self, conn, ids: list[int]) -> None:  # type: ignore[no-untyped-def]
        self.extend(ids)


def process(db, threshold: float = 0.0, extractor: FigureExtractor | None = None, on_change=None):  # type: ignore[no-untyped-def]
    figures_stage(db, extractor or FigureExtractor())
    return changes_stage(db, threshold, on_change)


def changes(db) -> list[tuple]:  # type: ignore[no-untyped-def,type-arg]
    return db.execute(
        "SELECT series, attributed_to, kind, previous_value, new_value, new_qualifier "
        "FROM newswatch.figure_changes WHERE withdrawn_at IS NULL ORDER BY reported_at, id"
    ).fetchall()


def history(db, series: str = "dprk_troops_russia.casualties") -> list[tuple]:  # type: ignore[no-untyped-def,type-arg]
    return [
        (kind, None if prev is None else float(prev), float(new), qualifier)
        for kind, prev, new, qualifier in db.execute(
            "SELECT kind, previous_value, new_value, new_qualifier FROM newswatch.series_history "
            "WHERE series = %s ORDER BY reported_at, change_id",
            (series,),
        )
    ]


class PeriodReader(FigureExtractor):
    """Today's rules, plus what the new rules do with "in October": a period figure with its dates. Records
    the `published` date each call was given."""

    def __init__(self) -> None:
        super().__init__()
        self.published: list[date | None] = []

    def extract(self, text, title=None, language=None, published=None):  # type: ignore[no-untyped-def]
        self.published.append(published)
        found = []
        for f in super().extract(text, title, language, published):
            if "in October" in f.quote and published is not None:
                f = replace(
                    f,
                    scope="period",
                    period_start=date(published.year, 10, 1),
                    period_end=date(published.year, 10, 31),
                )
            found.append(f)
        return found


class OldReader(FigureExtractor):
    """An older extractor: reads "about" as exact, misses every "2,000", and takes "in October" as a total."""

    def extract(self, text, title=None, language=None, published=None):  # type: ignore[no-untyped-def]
        return [
            replace(
                f,
                qualifier="exact" if f.qualifier == "approx" else f.qualifier,
                scope="cumulative",
                period_start=None,
                period_end=None,
            )
            for f in super().extract(text, title, language, published)
            if "2,000" not in f.quote
        ]


NIS = "South Korea's spy agency said {q} {v} North Korean soldiers had been killed or wounded."


def test_first_then_revision_from_the_same_source(db):
    add_article(db, NIS.format(q="about", v="1,100"), "2024-12-19")
    add_article(db, NIS.format(q="more than", v="3,000"), "2025-01-13")
    process(db)
    assert changes(db) == [
        ("dprk_troops_russia.casualties", "NIS", "first", None, 1100, "approx"),
        ("dprk_troops_russia.casualties", "NIS", "revision", 1100, 3000, "more_than"),
    ]


def test_different_sources_keep_separate_estimates(db):
    add_article(db, NIS.format(q="about", v="1,100"), "2024-12-19")
    add_article(db, "Zelensky said 3,800 North Korean soldiers had been killed or wounded.", "2024-12-20")
    process(db)
    assert [(c[1], c[2]) for c in changes(db)] == [("NIS", "first"), ("Ukraine", "first")]


def test_the_same_figure_from_five_outlets_is_one_claim(db):
    for i, outlet in enumerate(["Yonhap", "Korea Herald", "BBC", "Guardian", "NK News"]):
        add_article(db, NIS.format(q="more than", v="3,000"), f"2025-01-1{3 + i % 2}", source=outlet)
    report = process(db)
    assert (report.first, report.revisions) == (1, 0)
    assert db.execute("SELECT count(*) FROM newswatch.figures").fetchone()[0] == 5


def test_a_syndicated_copy_yields_no_figures(db):
    original = add_article(db, NIS.format(q="more than", v="3,000"), "2025-01-13")
    add_article(
        db, NIS.format(q="more than", v="3,000"), "2025-01-13", source="World Desk", duplicate_of=original
    )
    process(db)
    assert db.execute("SELECT count(*) FROM newswatch.figures").fetchone()[0] == 1


def test_a_copy_with_a_new_number_keeps_the_number_its_original_lacks(db):
    # A wire story updated with a new estimate is still a near-duplicate of the first version: the figure
    # the original already reports is skipped by value, not by series and source alone.
    original = add_article(db, NIS.format(q="more than", v="3,000"), "2025-01-13")
    copy = add_article(
        db, NIS.format(q="more than", v="4,000"), "2025-01-14", source="World Desk", duplicate_of=original
    )
    process(db)
    assert db.execute("SELECT article_id, value FROM newswatch.figures ORDER BY article_id").fetchall() == [
        (original, 3000),
        (copy, 4000),
    ]


def test_an_older_article_fetched_late_is_history_not_a_backwards_revision(db):
    add_article(db, NIS.format(q="more than", v="3,000"), "2025-01-13")
    process(db)
    (kept,) = db.execute("SELECT id FROM newswatch.figure_changes").fetchone()
    add_article(db, NIS.format(q="about", v="1,100"), "2024-12-19")  # published earlier, arrives later
    alerted = Alerted()
    report = process(db, on_change=alerted)
    # It fills in the history before the current value; the current value stands, nothing is emailed.
    assert (report.first, report.revisions, report.backfill, alerted) == (1, 0, 1, [])
    assert history(db) == [("first", None, 1100, "approx"), ("revision", 1100, 3000, "more_than")]
    assert db.execute("SELECT change_id FROM newswatch.series_history WHERE new_value = 3000").fetchone() == (
        kept,
    )
    assert db.execute("SELECT value FROM newswatch.series_latest").fetchone() == (3000,)


def test_the_same_value_with_another_qualifier_is_not_a_revision(db):
    add_article(db, NIS.format(q="about", v="3,000"), "2025-01-13")
    add_article(db, NIS.format(q="", v="3,000"), "2025-01-20")
    russia = (
        "Ukraine's General Staff said Russia had lost {} 1 million troops since the start of the invasion."
    )
    add_article(db, russia.format("more than"), "2025-06-12")
    add_article(db, russia.format(""), "2025-06-13")
    alerted = Alerted()
    report = process(db, on_change=alerted)
    assert (report.first, report.revisions) == (2, 0) and len(alerted) == 2
    assert [c[2] for c in changes(db)] == ["first", "first"]
    # Read later, one at a time, still nothing.
    add_article(db, NIS.format(q="more than", v="3,000"), "2025-01-27")
    assert (process(db, on_change=alerted).revisions, len(alerted)) == (0, 2)


def test_a_same_day_flip_is_one_conflict_decided_by_the_later_article(db):
    add_article(db, NIS.format(q="about", v="1,100"), "2024-12-19")
    process(db)
    add_article(db, NIS.format(q="more than", v="3,000"), "2025-01-13T09:00")
    alerted = Alerted()
    assert process(db, on_change=alerted).revisions == 1 and len(alerted) == 1
    later = add_article(db, NIS.format(q="about", v="1,100"), "2025-01-13T15:00", source="Seoul Herald")
    report = process(db, on_change=alerted)
    # The later article supports 1,100: the 3,000 revision is withdrawn (kept on record), nothing is sent.
    assert (report.revisions, report.withdrawn, len(alerted)) == (0, 1, 1)
    assert history(db) == [("first", None, 1100, "approx")]
    withdrawn = db.execute(
        "SELECT id FROM newswatch.figure_changes WHERE withdrawn_at IS NOT NULL"
    ).fetchone()
    assert withdrawn == (alerted[0],)
    assert db.execute(
        "SELECT l.value, f.article_id FROM newswatch.series_latest l JOIN newswatch.figures f ON f.id = l.figure_id"
    ).fetchone() == (1100, later)
    # Both articles in one pass: no revision, no email at all.
    add_article(db, NIS.format(q="more than", v="4,000"), "2025-02-03T09:00")
    add_article(db, NIS.format(q="about", v="1,100"), "2025-02-03T10:00")
    assert (process(db, on_change=alerted).revisions, len(alerted)) == (0, 1)


def test_period_figures_are_kept_and_shown_but_never_revise_a_total(db):
    reader = PeriodReader()
    total = "Ukraine's General Staff said Russia had lost {} troops since the start of the invasion."
    add_article(db, total.format("1,100,000"), "2025-10-20")
    add_article(db, "Russia lost 31,000 troops in October, Ukraine's General Staff said.", "2025-11-03")
    add_article(db, total.format("1,120,000"), "2025-11-04")
    alerted = Alerted()
    process(db, extractor=reader, on_change=alerted)
    assert reader.published == [date(2025, 10, 20), date(2025, 11, 3), date(2025, 11, 4)]
    stored = db.execute(
        "SELECT value, scope, period_start, period_end FROM newswatch.figures ORDER BY reported_at"
    ).fetchall()
    assert stored == [
        (1100000, "cumulative", None, None),
        (31000, "period", date(2025, 10, 1), date(2025, 10, 31)),
        (1120000, "cumulative", None, None),
    ]
    assert history(db, "russia_troops.casualties") == [
        ("first", None, 1100000, "exact"),
        ("revision", 1100000, 1120000, "exact"),
    ]
    assert len(alerted) == 2
    shown = db.execute(
        "SELECT value, scope, period_start, change_kind FROM newswatch.figure_reports WHERE scope = 'period'"
    ).fetchall()
    assert shown == [(31000, "period", date(2025, 10, 1), None)]
    assert db.execute("SELECT value FROM newswatch.series_latest").fetchall() == [(1120000,)]


def test_a_future_dated_article_never_hides_a_later_revision(db):
    add_article(db, NIS.format(q="about", v="1,100"), "2024-12-19")
    add_article(db, NIS.format(q="about", v="1,100"), "2025-01-20")  # a wrong time zone: dated days ahead
    process(db)
    add_article(db, NIS.format(q="more than", v="3,000"), "2025-01-13")
    alerted = Alerted()
    report = process(db, on_change=alerted)
    assert report.revisions == 1 and len(alerted) == 1
    assert history(db) == [("first", None, 1100, "approx"), ("revision", 1100, 3000, "more_than")]
    # The future-dated article restates the older value: it does not undo the revision.
    assert db.execute("SELECT value FROM newswatch.series_latest").fetchone() == (3000,)


def test_small_changes_below_the_threshold_are_not_revisions(db):
    add_article(db, NIS.format(q="about", v="3,000"), "2025-01-13")
    add_article(db, NIS.format(q="about", v="3,050"), "2025-01-20")
    add_article(db, NIS.format(q="about", v="4,000"), "2025-01-27")
    report = process(db, threshold=0.05)
    assert (report.first, report.revisions) == (1, 1)
    assert changes(db)[-1][3:5] == (3000, 4000)


def test_reprocess_rederives_figures_without_repeating_changes(db):
    add_article(db, NIS.format(q="about", v="1,100"), "2024-12-19")
    add_article(db, NIS.format(q="more than", v="3,000"), "2025-01-13")
    process(db)
    before = db.execute("SELECT id, figure_id FROM newswatch.figure_changes ORDER BY id").fetchall()
    figure_ids = db.execute("SELECT id FROM newswatch.figures ORDER BY id").fetchall()
    assert reprocess(db) == 2
    report = process(db)
    assert (report.first, report.revisions) == (0, 0)
    assert db.execute("SELECT id, figure_id FROM newswatch.figure_changes ORDER BY id").fetchall() == before
    assert (
        db.execute("SELECT id FROM newswatch.figures WHERE NOT superseded ORDER BY id").fetchall()
        == figure_ids
    )


class Fragile(FigureExtractor):
    """Today's rules, with a bug that one article's text triggers."""

    def extract(self, text, title=None, language=None, published=None):  # type: ignore[no-untyped-def]
        if "\x07" in text:
            raise IndexError("list index out of range")
        return super().extract(text, title, language, published)


def test_an_article_the_extractor_fails_on_is_recorded_and_the_others_are_read(db):
    bad = add_article(db, "A page with a control character \x07 in it.", "2025-01-12")
    add_article(db, NIS.format(q="more than", v="3,000"), "2025-01-13")
    report = figures_stage(db, Fragile(), batch=1)
    assert (report.articles, report.figures, report.failed) == (2, 1, 1)
    assert db.execute("SELECT figures_error FROM newswatch.articles WHERE id = %s", (bad,)).fetchone() == (
        "IndexError: list index out of range",
    )
    assert figures_stage(db, Fragile()).articles == 0  # not retried until its text changes or reprocess
    reprocess(db)
    figures_stage(db)
    assert db.execute("SELECT figures_error FROM newswatch.articles WHERE id = %s", (bad,)).fetchone() == (
        None,
    )


def test_an_article_the_extractor_fails_on_does_not_stop_the_rest_of_its_batch(db):
    bad = add_article(db, "A page with a control character \x07 in it.", "2025-01-12")
    later = [
        add_article(db, NIS.format(q="more than", v=v), day)
        for v, day in (("3,000", "2025-01-13"), ("4,000", "2025-02-13"))
    ]
    report = figures_stage(db, Fragile())  # one batch holds all three, the failing one first
    assert (report.articles, report.figures, report.failed) == (3, 2, 1)
    assert db.execute("SELECT article_id, value FROM newswatch.figures ORDER BY article_id").fetchall() == [
        (later[0], 3000),
        (later[1], 4000),
    ]
    assert db.execute("SELECT id FROM newswatch.articles WHERE figures_error IS NOT NULL").fetchall() == [
        (bad,)
    ]


def test_a_warehouse_from_before_scopes_upgrades_with_its_history(pg_server_url, tmp_path):
    name = f"newswatch_upgrade_{secrets.token_hex(4)}"
    with psycopg.connect(pg_server_url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        with psycopg.connect(
            psycopg.conninfo.make_conninfo(pg_server_url, dbname=name), autocommit=True
        ) as db:
            for m in migrations()[:3]:  # 0001-0003: the schema in the wild
                (tmp_path / m.name).write_text(m.sql)
            upgrade(db, tmp_path)
            original = add_article(db, NIS.format(q="about", v="1,100"), "2024-12-19")
            # A copy with a new lead, from before duplicates were read.
            add_article(
                db, NIS.format(q="", v="2,000"), "2024-12-30", source="World Desk", duplicate_of=original
            )
            db.execute("UPDATE newswatch.articles SET figures_version = 1 WHERE id = %s", (original,))
            figure = db.execute(
                "INSERT INTO newswatch.figures (article_id, series, value, qualifier, attributed_to, quote, reported_at,"
                " extractor_version, change_checked) VALUES (%s, 'dprk_troops_russia.casualties', 1100, 'approx', 'NIS',"
                " 'q', '2024-12-19', 1, true) RETURNING id",
                (original,),
            ).fetchone()[0]
            db.execute(
                "INSERT INTO newswatch.figure_changes (series, attributed_to, kind, new_value, new_qualifier, figure_id,"
                " reported_at) VALUES ('dprk_troops_russia.casualties', 'NIS', 'first', 1100, 'approx', %s, '2024-12-19')",
                (figure,),
            )
            upgrade(db)
            assert db.execute("SELECT scope, article_version FROM newswatch.figures").fetchall() == [
                ("cumulative", 1)
            ]
            add_article(db, NIS.format(q="more than", v="3,000"), "2025-01-13")
            alerted = Alerted()
            report = process(db, on_change=alerted)
            # The old copy is read once, quietly (history); the new article's revision is news.
            assert (report.first, report.revisions, report.backfill, len(alerted)) == (0, 2, 1, 1)
            assert history(db) == [
                ("first", None, 1100, "approx"),
                ("revision", 1100, 2000, "exact"),
                ("revision", 2000, 3000, "more_than"),
            ]
    finally:
        with psycopg.connect(pg_server_url, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


ALERTS = {"smtp_host": "127.0.0.1", "sender": "newswatch@example.org", "recipients": ["analyst@example.org"]}


def test_reprocess_after_an_upgrade_keeps_history_as_revisions_and_never_resends(db):
    # The case: a recorded first 1,100 (emailed), then reprocessing with a new extractor while a
    # new 3,000 arrives.
    config = parse_config({"alerts": ALERTS})
    hook = lambda conn, ids: queue_change_alerts(conn, config, ids)  # noqa: E731
    add_article(db, NIS.format(q="about", v="1,100"), "2024-12-19")
    process(db, extractor=OldReader(), on_change=hook)
    ((first_id, first_alert),) = db.execute("SELECT id, figure_id FROM newswatch.figure_changes").fetchall()
    db.execute("UPDATE newswatch.alerts SET status = 'sent', sent_at = now()")
    add_article(db, NIS.format(q="more than", v="3,000"), "2025-01-13")
    reprocess(db)
    report = process(db, on_change=hook)
    assert (report.first, report.revisions, report.rederived) == (0, 1, 1)
    assert history(db) == [("first", None, 1100, "approx"), ("revision", 1100, 3000, "more_than")]
    # The first value kept its change (and its email); only the new revision was queued.
    alerts = db.execute("SELECT status, change_ids FROM newswatch.alerts ORDER BY id").fetchall()
    revision_id = db.execute(
        "SELECT change_id FROM newswatch.series_history WHERE kind = 'revision'"
    ).fetchone()[0]
    assert alerts == [("sent", [first_id]), ("pending", [revision_id])]
    assert db.execute(
        "SELECT c.new_value, c.withdrawn_at IS NULL, f.superseded FROM newswatch.figure_changes c "
        "JOIN newswatch.figures f ON f.id = c.figure_id WHERE c.id = %s",
        (first_id,),
    ).fetchone() == (1100, True, False)
    assert (
        first_alert
        != db.execute("SELECT figure_id FROM newswatch.figure_changes WHERE id = %s", (first_id,)).fetchone()[
            0
        ]
    )


def _timeline(db) -> dict[str, list[tuple]]:  # type: ignore[no-untyped-def,type-arg]
    """What the views say, without ids."""
    return {
        "history": db.execute(
            "SELECT series, attributed_to, kind, previous_value, new_value, new_qualifier, reported_at, outlet, "
            "quote FROM newswatch.series_history ORDER BY series, reported_at"
        ).fetchall(),
        "latest": db.execute(
            "SELECT series, attributed_to, value, qualifier, reported_at, changed_at FROM newswatch.series_latest "
            "ORDER BY series"
        ).fetchall(),
        "reports": db.execute(
            "SELECT series, value, qualifier, attributed_to, scope, period_start, reported_at, change_kind, "
            "previous_value FROM newswatch.figure_reports ORDER BY reported_at, series, value"
        ).fetchall(),
    }


def test_a_misread_jump_in_one_article_is_no_change_and_no_email(db):
    """An extractor that takes a month's losses for the running total (OldReader): 31,000 after
    1,100,000 is under a tenth of it, so one article does not make it a revision (docs/warehouse.md)."""
    total = "Ukraine's General Staff said Russia had lost {} troops since the start of the invasion."
    add_article(db, total.format("1,100,000"), "2025-10-20")
    add_article(db, "Russia lost 31,000 troops in October, Ukraine's General Staff said.", "2025-11-03")
    alerted = Alerted()
    process(db, extractor=OldReader(), on_change=alerted)
    assert history(db, "russia_troops.casualties") == [("first", None, 1100000, "exact")]
    assert len(alerted) == 1
    add_article(db, total.format("1,120,000"), "2025-11-04")
    process(db, extractor=OldReader(), on_change=alerted)
    assert history(db, "russia_troops.casualties")[-1] == ("revision", 1100000, 1120000, "exact")


def test_reprocess_leaves_the_views_as_if_the_new_extractor_had_run_from_the_start(db):
    config = parse_config({"alerts": ALERTS})
    hook = lambda conn, ids: queue_change_alerts(conn, config, ids)  # noqa: E731
    total = "Ukraine's General Staff said Russia had lost {} troops since the start of the invasion."
    add_article(db, NIS.format(q="about", v="1,100"), "2024-12-19")
    process(db, extractor=OldReader(), on_change=hook)
    add_article(db, NIS.format(q="", v="2,000"), "2025-01-05")  # the old extractor misses it
    add_article(db, NIS.format(q="more than", v="3,000"), "2025-01-13")
    add_article(db, total.format("1,100,000"), "2025-10-20")
    # A period figure the old extractor takes for the total (not a jump: more than a tenth of it).
    add_article(
        db,
        "Russia lost 131,000 troops in October and the two months before, Ukraine's General Staff said.",
        "2025-11-03",
    )
    add_article(db, total.format("1,120,000"), "2025-11-04")
    process(db, extractor=OldReader(), on_change=hook)
    assert ("revision", 1100000, 131000, "exact") in history(
        db, "russia_troops.casualties"
    )  # the old mistake
    emailed = db.execute("SELECT id, change_ids FROM newswatch.alerts ORDER BY id").fetchall()
    false_revision = db.execute(
        "SELECT id FROM newswatch.figure_changes WHERE new_value = 131000"
    ).fetchone()[0]

    reprocess(db)
    report = process(db, extractor=PeriodReader(), on_change=hook)
    assert (report.first, report.revisions, report.backfill, report.withdrawn) == (0, 1, 1, 1)
    after = _timeline(db)
    assert db.execute("SELECT id, change_ids FROM newswatch.alerts ORDER BY id").fetchall() == emailed
    # The mistaken revision stays on record (an email reported it), withdrawn.
    assert db.execute(
        "SELECT withdrawn_at IS NOT NULL FROM newswatch.figure_changes WHERE id = %s", (false_revision,)
    ).fetchone() == (True,)

    # The same articles read by the new extractor from the start.
    db.execute("TRUNCATE newswatch.figures, newswatch.figure_changes, newswatch.alerts CASCADE")
    db.execute("UPDATE newswatch.articles SET figures_version = NULL, figures_text_version = NULL")
    process(db, extractor=PeriodReader())
    assert _timeline(db) == after
    assert [c[3:5] for c in after["history"]] == [
        (None, 1100),
        (1100, 2000),
        (2000, 3000),
        (None, 1100000),
        (1100000, 1120000),
    ]


def test_an_updated_wire_story_on_another_site_is_read_for_its_new_figures(db, web, config_for):
    background = content.NK_TROOPS[1:]
    first = web.add(
        "/wire.html",
        content.page(
            "NK casualties",
            [NIS.format(q="about", v="1,100"), *background],
            published="2025-01-13T02:00:00+00:00",
        ),
        "text/html",
    )
    update = web.add(
        "/update.html",
        content.page(
            "NK casualties rise, spy agency says",
            [NIS.format(q="more than", v="3,000"), *background],
            site="World Desk",
            published="2025-01-13T06:00:00+00:00",
        ),
        "text/html",
    )
    web.add("/a.xml", content.rss([{"title": "a", "link": first, "guid": "1"}]))
    web.add("/b.xml", content.rss([{"title": "b", "link": update, "guid": "2"}]))
    run_cycle(config_for("/a.xml"), conn=db)
    run_cycle(config_for("/a.xml", "/b.xml"), conn=db)
    update_id, original = db.execute(
        "SELECT id, duplicate_of FROM newswatch.articles WHERE canonical_url = %s", (update,)
    ).fetchone()
    assert original is not None  # the dedupe stage still calls it a copy ...
    # ... but its new figure is read, attributed to it, and the revision is recorded.
    assert history(db) == [("first", None, 1100, "approx"), ("revision", 1100, 3000, "more_than")]
    assert db.execute(
        "SELECT article_id, outlet, duplicate_of FROM newswatch.figure_reports WHERE value = 3000"
    ).fetchone() == (update_id, "World Desk", original)
    # The figure the original already reports is not stored twice.
    assert db.execute("SELECT count(*) FROM newswatch.figures WHERE value = 1100").fetchone() == (1,)


def test_an_article_updated_in_place_is_read_again_and_its_revision_detected(db, web, config_for):
    web.add(
        "/nk.html",
        content.page("NK casualties", [NIS.format(q="about", v="1,100"), *content.NK_TROOPS[1:]]),
        "text/html",
    )
    web.add("/feed.xml", content.rss([{"title": "NK casualties", "link": web.url("/nk.html"), "guid": "1"}]))
    config = config_for("/feed.xml")
    run_cycle(config, conn=db)
    web.add(
        "/nk.html",
        content.page("NK casualties", [NIS.format(q="more than", v="3,000"), *content.NK_TROOPS[1:]]),
        "text/html",
    )
    web.add(
        "/feed.xml",
        content.rss([{"title": "NK casualties (updated)", "link": web.url("/nk.html"), "guid": "1"}]),
    )
    report = run_cycle(config, conn=db, force=True)
    assert report.fetch.updated == 1 and report.figures.articles == 1
    assert (report.changes.first, report.changes.revisions) == (0, 1)
    assert history(db) == [("first", None, 1100, "approx"), ("revision", 1100, 3000, "more_than")]
    # What the first text said stays, as history, with its time.
    versions = db.execute(
        "SELECT value, article_version, superseded FROM newswatch.figures ORDER BY reported_at"
    ).fetchall()
    assert versions == [(1100, 1, False), (3000, 2, False)]
    # Reprocessing reads both texts again and changes nothing.
    reprocess(db)
    again = process(db)
    assert (again.first, again.revisions, again.withdrawn, again.rederived) == (0, 0, 0, 0)


def test_views_answer_the_common_questions(db):
    add_article(db, NIS.format(q="about", v="1,100"), "2024-12-19")
    add_article(db, NIS.format(q="more than", v="3,000"), "2025-01-13")
    add_article(db, "Zelensky said 3,800 North Korean soldiers had been killed or wounded.", "2024-12-20")
    process(db)
    latest = db.execute(
        "SELECT attributed_to, value, qualifier FROM newswatch.series_latest "
        "WHERE series = 'dprk_troops_russia.casualties' ORDER BY attributed_to"
    ).fetchall()
    assert latest == [("NIS", 3000, "more_than"), ("Ukraine", 3800, "exact")]
    history = db.execute(
        "SELECT kind, previous_value, new_value, change_pct FROM newswatch.series_history "
        "WHERE attributed_to = 'NIS'"
    ).fetchall()
    assert [
        tuple(map(lambda v: float(v) if v is not None and not isinstance(v, str) else v, h)) for h in history
    ] == [("first", None, 1100.0, None), ("revision", 1100.0, 3000.0, 172.7)]


def test_demo_two_cycles_record_the_nis_revision(db, database_url):
    with DemoServer(port=0) as server:
        config = demo_config(parse_config({}), server, database_url)
        first = run_cycle(config, conn=db, force=True)
        server.set_cycle(2)
        second = run_cycle(config, conn=db, force=True)
    assert first.figures.figures > 10 and first.changes.first >= 5
    assert (second.changes.first, second.changes.revisions) == (0, 1)
    revision = db.execute(
        "SELECT series, attributed_to, previous_value, new_value, new_qualifier "
        "FROM newswatch.figure_changes ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert revision == ("dprk_troops_russia.casualties", "NIS", 3000, 4700, "approx")
    # The wire copy on the second site gave no figures of its own.
    assert (
        db.execute(
            "SELECT count(*) FROM newswatch.figures f JOIN newswatch.articles a ON a.id = f.article_id "
            "WHERE a.duplicate_of IS NOT NULL"
        ).fetchone()[0]
        == 0
    )
    # Running the cycle again adds nothing.
    again = run_cycle(config, conn=db, force=True)
    assert (again.figures.figures, again.changes.first, again.changes.revisions) == (0, 0, 0)


def test_figures_and_changes_commands(db, database_url):
    add_article(db, NIS.format(q="about", v="1,100"), "2024-12-19")
    add_article(db, NIS.format(q="more than", v="3,000"), "2025-01-13")
    process(db)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWATCH_")}
    env["NEWSWATCH_DATABASE_URL"] = database_url

    def run(*args: str) -> str:
        result = subprocess.run([NEWSWATCH, *args], capture_output=True, text=True, env=env, timeout=60)
        assert result.returncode == 0, result.stderr
        return result.stdout

    timeline = run("figures", "--series", "dprk_troops_russia.casualties")
    assert "more than 3,000" in timeline and "revised from 1,100" in timeline and "about 1,100" in timeline
    assert re.search(r"more than 3,000 +cumulative +NIS", timeline)
    listed = run("changes")
    assert "first figure: about 1,100" in listed and "more than 3,000, was about 1,100, +172.7%" in listed
    kinds = [json.loads(line)["kind"] for line in run("changes", "--json").splitlines()]
    assert kinds == ["first", "revision"]
    assert "F1" in run("eval")
    assert run("reprocess").startswith(
        "Re-read 2 articles: 2 figures; 0 new first values and 0 new revisions"
    )
    assert db.execute("SELECT count(*) FROM newswatch.figure_changes").fetchone()[0] == 2
    digest = run("digest", "--print")
    assert "Daily digest" in digest and "more than 3,000 (NIS), was about 1,100" in digest
    assert run("alerts") == ""  # no [alerts] configured: nothing queued
    bulletin = add_article(
        db, "Russia lost 31,000 troops in October, Ukraine's General Staff said.", "2025-11-03"
    )
    process(db, extractor=PeriodReader())
    rows = [json.loads(line) for line in run("figures", "--json", "--since", "2025-01-01").splitlines()]
    assert [(r["value"], r["qualifier"], r["attributed_to"], r["scope"]) for r in rows] == [
        (3000, "more_than", "NIS", "cumulative"),
        (31000, "exact", "Ukraine", "period"),
    ]
    assert rows[1]["period_start"] == "2025-10-01" and rows[1]["article_id"] == bulletin
    periods = run("figures", "--scope", "period")
    assert re.search(r"31,000 +period +Ukraine .* for 2025-10-01\.\.2025-10-31", periods)
    assert "3,000" not in periods
    assert "russia_troops" not in run("changes")  # a period count is not a change


def test_an_article_is_read_body_first_and_its_headline_last(db):
    # A headline rounds ("tops 1 million"); the body's exact count is the source's claim, so the revision is to
    # the body's value and a later article repeating it changes nothing.
    add_article(
        db, "Ukraine's General Staff put Russian personnel losses at 991,820 on Monday.", "2025-06-02"
    )
    second = add_article(
        db, "Ukraine's General Staff put Russian personnel losses at 1,000,340 on Thursday.", "2025-06-12"
    )
    db.execute(
        "UPDATE newswatch.articles SET title = 'Kyiv: Russian losses now top 1 million' WHERE id = %s",
        (second,),
    )
    add_article(db, "Ukraine's General Staff put Russian personnel losses at 1,000,340.", "2025-06-13")
    process(db)
    assert [row[2:5] for row in changes(db) if row[0] == "russia_troops.casualties"] == [
        ("first", None, 991820),
        ("revision", 991820, 1000340),
    ]


class Recording(FigureExtractor):
    """Today's rules; remembers every text it was asked to read, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def extract(self, text, title=None, language=None, published=None):  # type: ignore[no-untyped-def]
        self.texts.append(text)
        return super().extract(text, title, language, published)


def add_versions(db, article: int, texts: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    """The article updated in place with each (text, fetch time), as the ingest stages leave it: every text,
    the first included, kept in article_versions."""
    if not db.execute(
        "SELECT 1 FROM newswatch.article_versions WHERE article_id = %s", (article,)
    ).fetchone():
        db.execute(
            "INSERT INTO newswatch.article_versions (article_id, version, title, text, content_hash, fetched_at)"
            " SELECT id, version, title, text, content_hash, fetched_at FROM newswatch.articles WHERE id = %s",
            (article,),
        )
    for text, day in texts:
        at = datetime.fromisoformat(day).replace(tzinfo=UTC)
        db.execute(
            "UPDATE newswatch.articles SET text = %s, content_hash = md5(%s), version = version + 1,"
            " fetched_at = %s, figures_version = NULL WHERE id = %s",
            (text, text, at, article),
        )
        db.execute(
            "INSERT INTO newswatch.article_versions (article_id, version, title, text, content_hash, fetched_at)"
            " SELECT id, version, title, text, content_hash, fetched_at FROM newswatch.articles WHERE id = %s",
            (article,),
        )


def test_an_article_first_read_after_two_updates_reads_each_text_once(db):
    texts = [
        NIS.format(q="about", v="1,100"),
        NIS.format(q="", v="2,000"),
        NIS.format(q="more than", v="3,000"),
    ]
    article = add_article(db, texts[0], "2024-12-19")
    add_versions(db, article, [(texts[1], "2025-01-05"), (texts[2], "2025-01-13")])
    reader = Recording()
    report = figures_stage(db, reader)
    assert reader.texts == texts
    assert (report.articles, report.figures, report.failed) == (1, 3, 0)
    assert db.execute(
        "SELECT value, article_version, reported_at::date FROM newswatch.figures ORDER BY article_version"
    ).fetchall() == [(1100, 1, date(2024, 12, 19)), (2000, 2, date(2025, 1, 5)), (3000, 3, date(2025, 1, 13))]
    changes_stage(db)
    assert history(db) == [
        ("first", None, 1100, "approx"),
        ("revision", 1100, 2000, "exact"),
        ("revision", 2000, 3000, "more_than"),
    ]


def test_an_article_updated_twice_between_reads_reads_only_its_new_texts(db):
    texts = [
        NIS.format(q="about", v="1,100"),
        NIS.format(q="", v="2,000"),
        NIS.format(q="more than", v="3,000"),
    ]
    article = add_article(db, texts[0], "2024-12-19")
    add_versions(db, article, [])
    process(db)
    add_versions(db, article, [(texts[1], "2025-01-05"), (texts[2], "2025-01-13")])
    reader = Recording()
    report = figures_stage(db, reader)
    assert reader.texts == texts[1:]  # the first text was read last time
    assert (report.articles, report.figures) == (1, 2)
    changes_stage(db)
    assert [row[1:3] for row in history(db)] == [(None, 1100), (1100, 2000), (2000, 3000)]


def test_reprocess_keeps_a_change_whose_figure_was_read_again_after_one_read_the_same(db):
    # The first value reads the same under both extractors (same figure row); the revision's qualifier was
    # misread, so its figure is a new row, and the recorded change is found again by its value.
    add_article(db, NIS.format(q="", v="3,000"), "2025-01-13")
    add_article(db, NIS.format(q="about", v="4,000"), "2025-02-13")
    alerted = Alerted()
    process(db, extractor=OldReader(), on_change=alerted)
    before = db.execute("SELECT id, kind, new_value FROM newswatch.figure_changes ORDER BY id").fetchall()
    reprocess(db)
    report = process(db, on_change=alerted)
    assert (report.first, report.revisions, report.rederived, report.withdrawn) == (0, 0, 1, 0)
    assert (
        db.execute(
            "SELECT id, kind, new_value FROM newswatch.figure_changes WHERE withdrawn_at IS NULL ORDER BY id"
        ).fetchall()
        == before
    )
    assert history(db) == [("first", None, 3000, "exact"), ("revision", 3000, 4000, "approx")]
    assert len(alerted) == 2  # the two first emails, nothing again


def test_reprocess_withdraws_a_change_no_longer_made_in_every_stream_and_records_the_new_one(db):
    # Re-read by rules that no longer find "2,000" (a rollback), while a new article arrives in each stream:
    # the recorded revision to 2,000 is withdrawn, not bent into the new revision to 3,000.
    ukraine = "Zelensky said {v} North Korean soldiers had been killed or wounded."
    for text in (NIS.format(q="", v="{v}"), ukraine):
        add_article(db, text.format(v="1,100"), "2024-12-19")
        add_article(db, text.format(v="2,000"), "2025-01-05")
    process(db)
    wrong = [r[0] for r in db.execute("SELECT id FROM newswatch.figure_changes WHERE new_value = 2000")]
    for text in (NIS.format(q="", v="{v}"), ukraine):
        add_article(db, text.format(v="3,000"), "2025-01-13")
    reprocess(db)
    alerted = Alerted()
    report = process(db, extractor=OldReader(), on_change=alerted)
    assert (report.first, report.revisions, report.rederived, report.withdrawn) == (0, 2, 0, 2)
    assert db.execute(
        "SELECT id FROM newswatch.figure_changes WHERE withdrawn_at IS NOT NULL ORDER BY id"
    ).fetchall() == [(i,) for i in sorted(wrong)]
    assert [row[1:5] for row in changes(db)] == [
        ("NIS", "first", None, 1100),
        ("Ukraine", "first", None, 1100),
        ("NIS", "revision", 1100, 3000),
        ("Ukraine", "revision", 1100, 3000),
    ]
    assert len(alerted) == 2  # the two new revisions are news


def test_two_older_articles_arriving_late_are_both_counted_as_history(db):
    add_article(db, NIS.format(q="more than", v="3,000"), "2025-01-13")
    process(db)
    add_article(db, NIS.format(q="about", v="1,100"), "2024-12-19")
    add_article(db, NIS.format(q="", v="2,000"), "2025-01-05")
    alerted = Alerted()
    report = process(db, on_change=alerted)
    assert (report.first, report.revisions, report.backfill, alerted) == (1, 1, 2, [])
    assert [row[1:3] for row in history(db)] == [(None, 1100), (1100, 2000), (2000, 3000)]


def test_a_range_with_one_bound_moved_is_a_revision_even_within_the_threshold(db):
    # Each midpoint is within 5% of the one before; a bound that moves is still a new estimate.
    for words, day in (
        ("1,000 to 3,000", "2025-01-13"),
        ("1,100 to 3,000", "2025-01-20"),  # the lower bound moves
        ("1,100 to 3,200", "2025-01-27"),  # the upper bound moves
    ):
        add_article(db, NIS.format(q="", v=words), day)
    report = process(db, threshold=0.05)
    assert (report.first, report.revisions) == (1, 2)
    assert [row[1:] for row in history(db)] == [
        (None, 2000, "range"),
        (2000, 2050, "range"),
        (2050, 2150, "range"),
    ]


def test_an_unattributed_figure_and_a_sourced_one_of_the_same_series_in_one_pass(db):
    # Streams are replayed in order of series and source; a stream without a source sorts with the others.
    add_article(db, "Some 2,500 North Korean soldiers had been killed or wounded.", "2025-01-10")
    add_article(db, NIS.format(q="more than", v="3,000"), "2025-01-13")
    report = process(db)
    assert (report.checked, report.first) == (2, 2)
    assert [row[1:5] for row in changes(db)] == [(None, "first", None, 2500), ("NIS", "first", None, 3000)]
