"""The cycle end to end: poll, fetch+extract, relevance, dedupe, against real Postgres and HTTP."""

from __future__ import annotations

import pickle
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from email.utils import formatdate

from newswatch import settings
from newswatch.ingest.articles import fetch_stage, not_ahead
from newswatch.pipeline import run_cycle
from tests import content
from tests.webserver import slow


def _count(db, sql: str, *params) -> int:  # type: ignore[no-untyped-def]
    return int(db.execute(sql, params).fetchone()[0])


def test_relevant_articles_are_stored_with_topics_and_metadata(db, web, config_for):
    nk = web.add("/nk.html", content.page("North Korea sends troops", content.NK_TROOPS), "text/html")
    ball = web.add("/ball.html", content.page("Late equaliser", content.FOOTBALL), "text/html")
    web.add(
        "/feed.xml",
        content.rss(
            [
                {
                    "title": "North Korea sends troops",
                    "link": nk,
                    "guid": "nk",
                    "pubDate": "Wed, 14 Jan 2026 01:30:00 GMT",
                },
                {"title": "Late equaliser", "link": ball, "guid": "ball"},
            ]
        ),
    )
    report = run_cycle(config_for("/feed.xml"), conn=db)

    assert (report.poll.polled, report.poll.new_items) == (1, 2)
    assert (report.dedupe.originals, report.fetch.irrelevant) == (1, 1)
    row = db.execute(
        "SELECT url, canonical_url, source, title, author, language, topics, published_at, text,"
        " duplicate_of FROM newswatch.articles"
    ).fetchone()
    url, canonical, source, title, author, language, topics, published, text, dup = row
    assert url == nk and canonical == nk
    assert source == "Korea Wire Daily" and title == "North Korea sends troops" and author == "Kim Min-young"
    assert language == "en" and topics == ["north_korea", "russia"]
    assert published.isoformat() == "2026-01-14T01:30:00+00:00"  # the feed's date wins over the page's
    assert "roughly 11,000 soldiers" in text and dup is None


def test_comments_navigation_and_scripts_are_not_article_text(db, web, config_for):
    nk = web.add("/nk.html", content.page("North Korea sends troops", content.NK_TROOPS), "text/html")
    web.add("/feed.xml", content.rss([{"title": "t", "link": nk, "guid": "1"}]))
    run_cycle(config_for("/feed.xml"), conn=db)
    text = db.execute("SELECT text FROM newswatch.articles").fetchone()[0]
    assert "Kremlin declined to comment" in text
    for boilerplate in ("Reader comment", "penguins", "Most read story", "cookies", "dataLayer", "Copyright"):
        assert boilerplate not in text


def test_irrelevant_page_is_remembered_not_stored_and_not_fetched_again(db, web, config_for):
    ball = web.add("/ball.html", content.page("Late equaliser", content.FOOTBALL), "text/html")
    web.add("/feed.xml", content.rss([{"title": "Late equaliser", "link": ball, "guid": "b"}]))
    config = config_for("/feed.xml")
    run_cycle(config, conn=db)
    run_cycle(config, conn=db, force=True)
    assert _count(db, "SELECT count(*) FROM newswatch.articles") == 0
    assert db.execute("SELECT status FROM newswatch.pages").fetchone()[0] == "irrelevant"
    assert web.hits("/ball.html") == 1  # "russian roulette" did not make it relevant


def test_raw_html_is_kept_compressed_and_reproduces_the_page(db, web, config_for):
    import zlib

    html = content.page("North Korea sends troops", content.NK_TROOPS)
    nk = web.add("/nk.html", html, "text/html")
    web.add("/feed.xml", content.rss([{"title": "t", "link": nk, "guid": "1"}]))
    run_cycle(config_for("/feed.xml"), conn=db)
    raw, size = db.execute("SELECT raw_html, raw_bytes FROM newswatch.article_versions").fetchone()
    assert zlib.decompress(raw) == html and size == len(html) and len(raw) < len(html)


def test_tracking_parameters_and_two_feeds_collapse_to_one_article(db, web, config_for):
    nk = web.add("/nk.html", content.page("North Korea sends troops", content.NK_TROOPS), "text/html")
    web.add(
        "/a.xml",
        content.rss([{"title": "t", "link": nk + "?utm_source=rss&utm_medium=feed#top", "guid": "a1"}]),
    )
    web.add(
        "/b.atom",
        content.atom(
            [
                {
                    "title": "t",
                    "link": nk.replace("127.0.0.1", "127.0.0.1:80").replace(":80:", ":") + "?fbclid=XYZ",
                    "id": "urn:b1",
                    "updated": "2026-01-14T00:00:00Z",
                }
            ]
        ),
        "application/atom+xml",
    )
    report = run_cycle(config_for("/a.xml", "/b.atom"), conn=db)
    assert report.poll.new_items == 2
    assert _count(db, "SELECT count(*) FROM newswatch.articles") == 1
    assert _count(db, "SELECT count(*) FROM newswatch.items") == 2
    assert web.hits("/nk.html") == 1


def test_running_the_same_cycle_twice_adds_nothing(db, web, config_for):
    nk = web.add("/nk.html", content.page("North Korea sends troops", content.NK_TROOPS), "text/html")
    ru = web.add("/ru.html", content.page("Rates rise", content.RUSSIA_ECONOMY), "text/html")
    web.add(
        "/feed.xml",
        content.rss([{"title": "a", "link": nk, "guid": "1"}, {"title": "b", "link": ru, "guid": "2"}]),
    )
    config = config_for("/feed.xml")
    run_cycle(config, conn=db)
    tables = ["articles", "article_versions", "pages", "items", "article_lsh", "article_fingerprints"]
    before = {t: _count(db, f"SELECT count(*) FROM newswatch.{t}") for t in tables}  # noqa: S608
    second = run_cycle(config, conn=db, force=True)
    after = {t: _count(db, f"SELECT count(*) FROM newswatch.{t}") for t in tables}  # noqa: S608
    assert before == after and before["articles"] == 2
    assert second.poll.new_items == 0 and second.dedupe.originals == 0


def test_wire_story_on_two_sites_is_marked_duplicate_of_the_first_seen(db, web, config_for):
    wire = content.NK_TROOPS
    copy = [p.replace("told lawmakers on Wednesday", "told parliament on Wednesday") for p in wire]
    copy.append("This article was produced with reporting from news agencies in Seoul.")
    first = web.add("/first.html", content.page("NK sends 11,000 troops", wire), "text/html")
    second = web.add(
        "/second.html", content.page("Pyongyang troops head west", copy, site="World Desk"), "text/html"
    )
    other = web.add("/other.html", content.page("Rates rise", content.RUSSIA_ECONOMY), "text/html")
    web.add("/a.xml", content.rss([{"title": "a", "link": first, "guid": "1"}]))
    web.add(
        "/b.xml",
        content.rss(
            [{"title": "b", "link": second, "guid": "2"}, {"title": "c", "link": other, "guid": "3"}]
        ),
    )
    config = config_for("/a.xml")
    run_cycle(config, conn=db)  # the first copy is seen in an earlier cycle
    run_cycle(config_for("/a.xml", "/b.xml"), conn=db)
    rows = dict(db.execute("SELECT canonical_url, duplicate_of FROM newswatch.articles").fetchall())
    first_id = db.execute("SELECT id FROM newswatch.articles WHERE canonical_url = %s", (first,)).fetchone()[
        0
    ]
    assert rows[first] is None and rows[other] is None
    assert rows[second] == first_id
    similarity = db.execute(
        "SELECT similarity FROM newswatch.articles WHERE canonical_url = %s", (second,)
    ).fetchone()[0]
    assert 0.5 <= similarity < 1.0


def test_rel_canonical_pointing_at_another_article_marks_a_duplicate(db, web, config_for):
    original = web.add("/orig.html", content.page("NK sends troops", content.NK_TROOPS), "text/html")
    # A heavily rewritten syndicated copy: too different for MinHash, but it names its original.
    rewritten = [p[::-1] for p in content.NK_TROOPS] + ["North Korea is mentioned here."]
    syndicated = web.add(
        "/synd.html", content.page("NK troops (syndicated)", rewritten, canonical=original), "text/html"
    )
    web.add("/a.xml", content.rss([{"title": "a", "link": original, "guid": "1"}]))
    web.add("/b.xml", content.rss([{"title": "b", "link": syndicated, "guid": "2"}]))
    run_cycle(config_for("/a.xml"), conn=db)
    run_cycle(config_for("/a.xml", "/b.xml"), conn=db)
    dup, sim, rel = db.execute(
        "SELECT duplicate_of, similarity, rel_canonical FROM newswatch.articles WHERE canonical_url = %s",
        (syndicated,),
    ).fetchone()
    assert dup == 1 and sim == 1.0 and rel == original


def test_unrelated_articles_are_not_duplicates(db, web, config_for):
    a = web.add("/a.html", content.page("NK troops", content.NK_TROOPS), "text/html")
    b = web.add("/b.html", content.page("Rates", content.RUSSIA_ECONOMY), "text/html")
    web.add(
        "/f.xml",
        content.rss([{"title": "a", "link": a, "guid": "1"}, {"title": "b", "link": b, "guid": "2"}]),
    )
    report = run_cycle(config_for("/f.xml"), conn=db)
    assert (report.dedupe.originals, report.dedupe.duplicates) == (2, 0)


def test_article_updated_in_place_keeps_its_row_and_its_versions(db, web, config_for):
    v1 = content.NK_TROOPS
    v2 = [*v1, "Update: the agency later said the deployment had grown by several hundred soldiers."]
    web.add("/nk.html", content.page("NK troops", v1), "text/html")
    web.add("/feed.xml", content.rss([{"title": "NK troops", "link": web.url("/nk.html"), "guid": "1"}]))
    config = config_for("/feed.xml")
    run_cycle(config, conn=db)
    web.add("/nk.html", content.page("NK troops", v2), "text/html")
    # The feed signals the change with a new title, as outlets do when they update a story.
    web.add(
        "/feed.xml", content.rss([{"title": "NK troops (updated)", "link": web.url("/nk.html"), "guid": "1"}])
    )
    report = run_cycle(config, conn=db, force=True)
    assert report.fetch.updated == 1 and report.poll.new_items == 0
    assert _count(db, "SELECT count(*) FROM newswatch.articles") == 1
    article_id, version, text = db.execute("SELECT id, version, text FROM newswatch.articles").fetchone()
    assert version == 2 and "grown by several hundred" in text
    versions = db.execute(
        "SELECT version, text FROM newswatch.article_versions WHERE article_id = %s ORDER BY version",
        (article_id,),
    ).fetchall()
    assert [v for v, _ in versions] == [1, 2]
    assert "grown by several hundred" not in versions[0][1]


def test_feeds_not_due_are_not_polled_until_their_interval_passes(db, web, config_for):
    web.add("/feed.xml", content.rss([{"title": "t", "link": web.url("/x.html"), "guid": "1"}]))
    config = config_for("/feed.xml")
    run_cycle(config, conn=db)
    second = run_cycle(config, conn=db)
    assert second.poll.polled == 0 and web.hits("/feed.xml") == 1
    db.execute("UPDATE newswatch.feed_health SET next_poll_at = now() - interval '1 second'")
    assert run_cycle(config, conn=db).poll.polled == 1


def test_feed_removed_from_config_is_disabled_not_deleted(db, web, config_for):
    web.add("/a.xml", content.rss([{"title": "t", "link": web.url("/x.html"), "guid": "1"}]))
    web.add("/b.xml", content.rss([{"title": "t", "link": web.url("/y.html"), "guid": "1"}]))
    run_cycle(config_for("/a.xml", "/b.xml"), conn=db)
    run_cycle(config_for("/a.xml"), conn=db, force=True)
    enabled = dict(db.execute("SELECT url, enabled FROM newswatch.feeds").fetchall())
    assert enabled == {web.url("/a.xml"): True, web.url("/b.xml"): False}
    assert web.hits("/b.xml") == 1


def test_poll_log_records_every_poll(db, web, config_for):
    web.add("/feed.xml", content.rss([{"title": "t", "link": web.url("/x.html"), "guid": "1"}]), etag=True)
    config = config_for("/feed.xml")
    run_cycle(config, conn=db)
    run_cycle(config, conn=db, force=True)
    rows = db.execute(
        "SELECT status, http_status, not_modified, item_count, new_items, duration_ms >= 0 "
        "FROM newswatch.poll_log ORDER BY id"
    ).fetchall()
    assert rows == [("ok", 200, False, 1, 1, True), ("not_modified", 304, True, 0, 0, True)]


# Run in a fresh interpreter: a cycle, then which of the modules a quiet cycle has no use for it imported.
_QUIET_CYCLE = """
import pickle, sys
from newswatch.pipeline import run_cycle
report = run_cycle(pickle.load(open(sys.argv[1], "rb")), force=True)
heavy = ("feedparser", "trafilatura", "pebble", "ahocorasick", "requests",
         "newswatch.figures.extractor", "newswatch.figures.lexicon", "newswatch.ingest.topics")
print(report.poll.not_modified, [m for m in heavy if m in sys.modules])
"""


def test_a_cycle_in_which_every_feed_answers_304_imports_no_parser_extractor_or_figure_rules(
    db, web, config_for, tmp_path
):
    """A warm cycle's start-up is most of its cost: what only new items need is not imported."""
    nk = web.add("/nk.html", content.page("North Korea sends troops", content.NK_TROOPS), "text/html")
    web.add("/feed.xml", content.rss([{"title": "NK", "link": nk, "guid": "1"}]), etag=True)
    config = config_for("/feed.xml")
    assert run_cycle(config, conn=db).dedupe.originals == 1  # the first cycle needs all of them
    saved = tmp_path / "config.pickle"
    saved.write_bytes(pickle.dumps(config))
    quiet = subprocess.run(
        [sys.executable, "-c", _QUIET_CYCLE, str(saved)], capture_output=True, text=True, timeout=120
    )
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stdout.strip() == "1 []"


def test_extraction_over_its_time_limit_is_killed_recorded_and_the_cycle_goes_on(db, web, config_for):
    # A 1 MB table of 40,000 cells: trafilatura needs about 2 s for it; the limit is 0.3 s.
    cells = ("<tr>" + "<td>North Korea a b c</td>" * 50 + "</tr>") * 800
    heavy_url = web.add("/heavy.html", f"<html><body><table>{cells}</table></body></html>", "text/html")
    nk = web.add("/nk.html", content.page("North Korea sends troops", content.NK_TROOPS), "text/html")
    web.add(
        "/feed.xml",
        content.rss(
            [{"title": "heavy", "link": heavy_url, "guid": "1"}, {"title": "nk", "link": nk, "guid": "2"}]
        ),
    )
    config = config_for("/feed.xml", extract={"timeout_seconds": 0.3})
    started = time.monotonic()
    report = run_cycle(config, conn=db)
    assert time.monotonic() - started < 15
    status, attempts, error_status, error = db.execute(
        "SELECT status, attempts, error_status, last_error FROM newswatch.pages WHERE url = %s", (heavy_url,)
    ).fetchone()
    assert (status, attempts, error_status) == ("pending", 1, "extract_timeout")
    assert "longer than 0.3 s" in error
    assert report.fetch.retrying == 1 and report.dedupe.originals == 1  # the other page was stored


def test_pages_in_legacy_encodings_or_with_entities_are_still_recognised(db, web, config_for):
    """Pages without any topic term skip extraction; a term in cp1251 bytes or as &#...; is still found."""
    cyrillic = "В Кремле заявили, что российские военные продолжают операцию в Курской области. " * 6
    cp1251 = (
        f'<html><head><meta charset="windows-1251"><title>Новости</title></head><body><article>'
        f"<p>{cyrillic}</p></article></body></html>"
    ).encode("cp1251")
    entity_title = "".join(f"&#{ord(c)};" for c in "North Korea")
    paragraphs = [
        *content.FOOTBALL,
        "PLACEHOLDER was mentioned in this report, which is otherwise about football.",
    ]
    entities = content.page("Troops", paragraphs).replace(b"PLACEHOLDER", entity_title.encode())
    a = web.add("/ru.html", cp1251, "text/html")
    b = web.add("/ent.html", entities, "text/html")
    web.add(
        "/feed.xml",
        content.rss([{"title": "x", "link": a, "guid": "1"}, {"title": "y", "link": b, "guid": "2"}]),
    )
    run_cycle(config_for("/feed.xml"), conn=db)
    topics = dict(db.execute("SELECT url, topics FROM newswatch.articles").fetchall())
    assert topics == {a: ["russia"], b: ["north_korea"]}


# --- polling cadence -------------------------------------------------------------------------------


def test_a_feed_due_just_after_the_run_starts_is_polled_by_that_run(db, web, config_for):
    """With a 15-minute interval on a 15-minute schedule, a feed stamped due a few seconds after the
    next run starts must be polled by that run, not by the one after (every 30 minutes)."""
    web.add("/feed.xml", content.rss([{"title": "t", "link": web.url("/x.html"), "guid": "1"}]))
    config = config_for("/feed.xml")
    run_cycle(config, conn=db)
    db.execute("UPDATE newswatch.feed_health SET next_poll_at = now() + interval '30 seconds'")
    assert run_cycle(config, conn=db).poll.polled == 1
    db.execute("UPDATE newswatch.feed_health SET next_poll_at = now() + interval '5 minutes'")
    assert run_cycle(config, conn=db).poll.polled == 0  # not due: the tolerance is small
    assert web.hits("/feed.xml") == 2


def test_the_next_poll_is_timed_from_the_claim_not_from_the_end_of_a_slow_poll(db, web, config_for):
    feed = content.rss([{"title": "t", "link": web.url("/x.html"), "guid": "1"}])
    web.add_handler("/slow.xml", slow(feed, 1.0, "application/rss+xml"))
    before = db.execute("SELECT now()").fetchone()[0]
    run_cycle(config_for("/slow.xml"), conn=db)
    next_poll, polled = db.execute(
        "SELECT next_poll_at, last_polled_at FROM newswatch.feed_health"
    ).fetchone()
    assert (polled - before).total_seconds() >= 1.0  # the poll took the server's second
    assert (next_poll - before).total_seconds() <= 15 * 60 + 0.5


# --- future-dated articles ---------------------------------------------------------------------


def test_future_dated_items_are_clamped_to_when_they_were_first_seen(db, web, config_for):
    nine_hours_ahead = formatdate(time.time() + 9 * 3600, usegmt=True)  # local time labelled as UTC
    half_an_hour_ahead = formatdate(time.time() + 1800, usegmt=True)  # within the tolerance: kept
    ahead = web.add("/ahead.html", content.page("North Korea sends troops", content.NK_TROOPS), "text/html")
    near = web.add("/near.html", content.page("Rates rise", content.RUSSIA_ECONOMY), "text/html")
    web.add(
        "/feed.xml",
        content.rss(
            [
                {"title": "a", "link": ahead, "guid": "1", "pubDate": nine_hours_ahead},
                {"title": "b", "link": near, "guid": "2", "pubDate": half_an_hour_ahead},
            ]
        ),
    )
    run_cycle(config_for("/feed.xml"), conn=db)
    rows = {
        url: (published, first_seen, item_published)
        for url, published, first_seen, item_published in db.execute(
            "SELECT a.url, a.published_at, p.first_seen_at, i.published_at FROM newswatch.articles a"
            " JOIN newswatch.pages p ON p.id = a.page_id JOIN newswatch.items i ON i.page_id = p.id"
        )
    }
    published, first_seen, item_published = rows[ahead]
    assert abs((published - first_seen).total_seconds()) < 5
    assert abs((item_published - first_seen).total_seconds()) < 5
    published, first_seen, _ = rows[near]
    assert 1700 < (published - first_seen).total_seconds() < 1810


def test_a_stored_future_date_is_clamped_when_the_page_is_stored(db, web, config_for):
    """Pages queued before the clamp existed (or dated by the page itself) are clamped at the fetch."""
    nk = web.add("/nk.html", content.page("North Korea sends troops", content.NK_TROOPS), "text/html")
    db.execute(
        "INSERT INTO newswatch.pages (canonical_url, url, feed_published_at) VALUES (%s, %s, now() + interval '9 hours')",
        (nk, nk),
    )
    fetch_stage(db, config_for())
    published, first_seen = db.execute(
        "SELECT a.published_at, p.first_seen_at FROM newswatch.articles a JOIN newswatch.pages p ON p.id = a.page_id"
    ).fetchone()
    assert published == first_seen


def test_not_ahead_keeps_dates_within_the_tolerance():
    seen = datetime(2026, 1, 14, 15, 30, tzinfo=UTC)
    tolerance = timedelta(hours=settings.FUTURE_DATE_TOLERANCE_HOURS)
    assert not_ahead(None, seen) is None
    assert not_ahead(seen - timedelta(days=3), seen) == seen - timedelta(days=3)
    assert not_ahead(seen + tolerance, seen) == seen + tolerance
    midnight_utc = datetime(2026, 1, 15, tzinfo=UTC)  # "2026-01-15", published 00:30 KST = 15:30 UTC
    assert not_ahead(midnight_utc, seen) == seen
