"""Figures and changes in the warehouse: claims, revisions, late arrivals, reprocessing, views, commands."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import UTC, datetime

from newswatch.config import parse_config
from newswatch.demo import DemoServer
from newswatch.demo_run import demo_config
from newswatch.figures.extractor import FigureExtractor
from newswatch.figures.stage import changes_stage, figures_stage, reprocess
from newswatch.pipeline import run_cycle
from tests.test_cli import NEWSWATCH

_counter = iter(range(1, 1_000_000))


def add_article(
    db, text: str, day: str, source: str = "Korea Wire Daily", duplicate_of: int | None = None
) -> int:  # type: ignore[no-untyped-def]
    """An extracted, deduplicated article, as the ingest stages leave it."""
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


def process(db, threshold: float = 0.0):  # type: ignore[no-untyped-def]
    figures_stage(db, FigureExtractor())
    return changes_stage(db, threshold)


def changes(db) -> list[tuple]:  # type: ignore[no-untyped-def,type-arg]
    return db.execute(
        "SELECT series, attributed_to, kind, previous_value, new_value, new_qualifier "
        "FROM newswatch.figure_changes ORDER BY reported_at, id"
    ).fetchall()


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


def test_an_older_article_fetched_late_is_not_a_backwards_revision(db):
    add_article(db, NIS.format(q="more than", v="3,000"), "2025-01-13")
    process(db)
    add_article(db, NIS.format(q="about", v="1,100"), "2024-12-19")  # published earlier, arrives later
    report = process(db)
    assert (report.first, report.revisions) == (0, 0)
    assert [c[2] for c in changes(db)] == ["first"]


def test_a_change_of_qualifier_alone_is_a_revision(db):
    add_article(db, NIS.format(q="about", v="3,000"), "2025-01-13")
    add_article(db, NIS.format(q="more than", v="3,000"), "2025-01-20")
    process(db)
    assert changes(db)[-1][2:] == ("revision", 3000, 3000, "more_than")


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
    rows = [json.loads(line) for line in run("figures", "--json", "--since", "2025-01-01").splitlines()]
    assert [(r["value"], r["qualifier"], r["attributed_to"]) for r in rows] == [(3000, "more_than", "NIS")]
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
