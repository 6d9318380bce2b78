"""The bundled demo: the sample site served on loopback, two cycles, the expected warehouse."""

from __future__ import annotations

import os
import subprocess

from newswatch.config import parse_config
from newswatch.demo import DemoServer
from newswatch.demo_run import demo_config
from newswatch.pipeline import run_cycle
from tests.test_cli import NEWSWATCH


def _articles(db) -> dict[str, tuple]:  # type: ignore[no-untyped-def,type-arg]
    rows = db.execute(
        "SELECT regexp_replace(canonical_url, '^.*/pages/', ''), duplicate_of, topics, partial, published_at,"
        " text FROM newswatch.articles"
    ).fetchall()
    return {r[0]: r[1:] for r in rows}


def test_demo_cycles_fill_the_warehouse_as_documented(db, database_url):
    with DemoServer(port=0) as server:
        config = demo_config(parse_config({}), server, database_url)
        first = run_cycle(config, conn=db, force=True)
        server.set_cycle(2)
        second = run_cycle(config, conn=db, force=True)

    assert (first.poll.polled, first.poll.failed, first.poll.new_items) == (4, 0, 14)
    assert first.fetch.irrelevant == 3 and first.dedupe.duplicates == 1
    assert second.poll.new_items == 1 and second.dedupe.originals == 1 and second.poll.not_modified == 3
    articles = _articles(db)
    assert len(articles) == 11
    assert {"kw-football.html", "wd-weather.html", "mv-teatr.html"}.isdisjoint(articles)
    # The wire story on two sites: the later-published copy points at the earlier one.
    wire_id = db.execute(
        "SELECT id FROM newswatch.articles WHERE canonical_url LIKE %s", ("%kw-wire-losses.html",)
    ).fetchone()[0]
    assert articles["wd-wire-losses.html"][0] == wire_id and articles["kw-wire-losses.html"][0] is None
    # One article for the story linked from two feeds (one link with utm_* and a fragment).
    assert (
        db.execute(
            "SELECT count(*) FROM newswatch.items i JOIN newswatch.pages p ON p.id = i.page_id "
            "WHERE p.canonical_url LIKE '%kw-kim-visit.html'"
        ).fetchone()[0]
        == 2
    )
    # The windows-1251 feed and its Russian page.
    assert "Кремл" in articles["mv-kreml-kndr.html"][4]
    # The undated Atom entry took the page's own date.
    assert articles["ef-kremlin-denial.html"][3] is not None
    assert "nis-update" in " ".join(articles)


def test_demo_command_runs_end_to_end(pg_server_url):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWATCH_")}
    env["NEWSWATCH_DATABASE_URL"] = pg_server_url
    result = subprocess.run(
        [NEWSWATCH, "demo", "--port", "0"], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr
    assert "Cycle 1: Cycle finished" in result.stdout and "Cycle 2: Cycle finished" in result.stdout
    assert "now holds 11 articles" in result.stdout
