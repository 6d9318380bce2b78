"""The analyst view under FastAPI's TestClient, over a real PostgreSQL warehouse seeded with hostile news:
every page and its JSON twin, with and without a login, filters, pagination, CSV, escaping, links."""

from __future__ import annotations

import base64
import csv
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import psycopg
import pytest
from fastapi.testclient import TestClient
from lxml import html as lxml_html
from psycopg import sql

from newswatch import settings
from newswatch.cli import main
from newswatch.config import parse_config
from newswatch.web.app import create_app, safe_link
from newswatch.web.serve import is_loopback, standalone_app

SCRIPT_TITLE = "<script>document.body.dataset.pwned='title'</script>Kursk <b>bold</b> claim"
IMG_QUOTE = '"><img src=x onerror="document.body.dataset.pwned=\'quote\'"> 9,000 North Korean soldiers'
EVIL_OUTLET = "<i>Evil</i> Outlet & Co"
EVIL_URL = "javascript:document.body.dataset.pwned='link'"
FEED_ERROR = "<svg onload=alert(1)> bad gateway"
FORMULA_QUOTE = '=HYPERLINK("http://x.example/","The NIS put casualties at about 1,100.")'
SERIES = "dprk_troops_russia.casualties"
DAILY = "russia_troops.casualties"
PAGES = ["/", "/series/" + SERIES, "/changes", "/articles", "/feeds", "/alerts"]
JSON = [
    "/overview.json",
    f"/series/{SERIES}.json",
    "/changes.json",
    "/articles.json",
    "/feeds.json",
    "/alerts.json",
]
T0 = datetime(2025, 1, 1, tzinfo=UTC)


def seed(conn: psycopg.Connection) -> dict[str, Any]:
    """A small warehouse an analyst would recognise, with every text field hostile somewhere."""
    ids: dict[str, Any] = {}

    def one(query: str, *params: Any) -> int:
        row = conn.execute(query, params).fetchone()
        assert row
        return int(row[0])

    good = one(
        "INSERT INTO newswatch.feeds (name, url) VALUES ('Korea Wire', 'https://kw.example/rss') RETURNING id"
    )
    bad = one(
        "INSERT INTO newswatch.feeds (name, url) VALUES (%s, 'https://evil.example/rss') RETURNING id",
        EVIL_OUTLET,
    )
    conn.execute(
        "INSERT INTO newswatch.feed_health (feed_id, last_status, last_polled_at, consecutive_failures, item_count,"
        " next_poll_at, last_error, last_http_status) VALUES"
        " (%s, 'ok', %s, 0, 25, %s, NULL, 200), (%s, 'http_error', %s, 7, NULL, %s, %s, 502)",
        (good, T0, T0 + timedelta(minutes=15), bad, T0, T0 + timedelta(hours=8), FEED_ERROR),
    )
    conn.execute(
        "INSERT INTO newswatch.health_incidents (kind, target, detail, opened_at) VALUES"
        " ('feed_failing', 'https://evil.example/rss', %s, %s)",
        (FEED_ERROR, T0),
    )

    def article(n: int, title: str, source: str, url: str, published: datetime, text: str, **kw: Any) -> int:
        page = one(
            "INSERT INTO newswatch.pages (canonical_url, url, status) VALUES (%s, %s, 'relevant') RETURNING id",
            f"https://site{n}.example/a{n}",
            url,
        )
        return one(
            "INSERT INTO newswatch.articles (page_id, url, canonical_url, source, feed_id, title, published_at,"
            " language, text, topics, content_hash, duplicate_of, dedupe_status) VALUES"
            " (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 'h', %s, %s) RETURNING id",
            page,
            url,
            f"https://site{n}.example/a{n}",
            source,
            good,
            title,
            published,
            kw.get("language", "en"),
            text,
            kw.get("topics", ["north_korea", "russia"]),
            kw.get("duplicate_of"),
            "duplicate" if kw.get("duplicate_of") else "original",
        )

    nis = article(
        1,
        "NIS: North Korean casualties top 3,000",
        "Korea Wire",
        "https://kw.example/nis-3000",
        T0 + timedelta(days=10),
        "South Korea's spy agency said more than 3,000 North Korean troops were killed or wounded.",
    )
    copy = article(
        2,
        "North Korean casualties top 3,000, spy agency says",
        "World Desk",
        "https://wd.example/copy",
        T0 + timedelta(days=10, hours=3),
        "Syndicated: more than 3,000 North Korean troops were killed or wounded.",
        duplicate_of=nis,
    )
    evil = article(
        3,
        SCRIPT_TITLE,
        EVIL_OUTLET,
        EVIL_URL,
        T0 + timedelta(days=12),
        "Ukraine says nearly 9,000 North Korean soldiers were casualties in the Kursk offensive.",
    )
    ru = article(
        4,
        "Потери военных КНДР в Курской области",
        "Столичный вестник",
        "https://mv.example/kndr",
        T0 + timedelta(days=8),
        "Разведка сообщила о потерях северокорейских войск в Курской области.",
        language="ru",
    )
    old = article(
        5,
        "NIS first estimate",
        "Korea Wire",
        "https://kw.example/nis-1100",
        T0 - timedelta(days=20),
        "The NIS put North Korean casualties at about 1,100.",
    )
    daily = []
    for i in range(60):  # more than a page of stories and of reports
        daily.append(
            article(
                100 + i,
                f"General Staff update {i}",
                "Kyiv Daily",
                f"https://kd.example/update-{i}",
                T0 + timedelta(days=20 + i),
                f"Russian losses since the start of the invasion reached {700000 + 1000 * i} troops, the General Staff said.",
                topics=["russia"],
            )
        )
    ids.update(nis=nis, copy=copy, evil=evil, ru=ru, old=old, daily=daily)

    def figure(
        article_id: int,
        series: str,
        value: int,
        qualifier: str,
        source: str | None,
        quote: str,
        at: datetime,
        **kw: Any,
    ) -> int:
        return one(
            "INSERT INTO newswatch.figures (article_id, series, value, qualifier, attributed_to, quote,"
            " reported_at, extractor_version, change_checked, scope, period_start, period_end)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, 1, true, %s, %s, %s) RETURNING id",
            article_id,
            series,
            value,
            qualifier,
            source,
            quote,
            at,
            kw.get("scope", "cumulative"),
            kw.get("period_start"),
            kw.get("period_end"),
        )

    f_old = figure(old, SERIES, 1100, "approx", "NIS", FORMULA_QUOTE, T0 - timedelta(days=20))
    f_nis = figure(
        nis,
        SERIES,
        3000,
        "more_than",
        "NIS",
        "more than 3,000 North Korean troops were killed or wounded",
        T0 + timedelta(days=10),
    )
    f_evil = figure(evil, SERIES, 9000, "at_most", "Ukraine", IMG_QUOTE, T0 + timedelta(days=12))
    f_ru = figure(ru, SERIES, 4000, "at_most", None, "почти 4 тысячи", T0 + timedelta(days=8))
    f_period = figure(
        daily[0],
        DAILY,
        31000,
        "exact",
        "Ukraine",
        "In October alone Russia lost 31,000 troops.",
        T0 + timedelta(days=20),
        scope="period",
        period_start=date(2024, 10, 1),
        period_end=date(2024, 10, 31),
    )
    f_daily = [
        figure(
            a,
            DAILY,
            700000 + 1000 * i,
            "exact",
            "Ukraine",
            f"losses reached {700000 + 1000 * i}",
            T0 + timedelta(days=20 + i),
        )
        for i, a in enumerate(daily)
    ]
    ids.update(f_old=f_old, f_nis=f_nis, f_evil=f_evil, f_ru=f_ru, f_period=f_period, f_daily=f_daily)

    def change(
        fig: int,
        series: str,
        source: str | None,
        kind: str,
        new: int,
        q: str,
        at: datetime,
        prev: int | None = None,
        prev_q: str | None = None,
        prev_fig: int | None = None,
    ) -> int:
        return one(
            "INSERT INTO newswatch.figure_changes (series, attributed_to, kind, previous_value, new_value,"
            " previous_qualifier, new_qualifier, figure_id, previous_figure_id, reported_at, detected_at)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
            series,
            source,
            kind,
            prev,
            new,
            prev_q,
            q,
            fig,
            prev_fig,
            at,
            at + timedelta(hours=1),
        )

    c_first = change(f_old, SERIES, "NIS", "first", 1100, "approx", T0 - timedelta(days=20))
    c_rev = change(
        f_nis, SERIES, "NIS", "revision", 3000, "more_than", T0 + timedelta(days=10), 1100, "approx", f_old
    )
    c_evil = change(f_evil, SERIES, "Ukraine", "first", 9000, "at_most", T0 + timedelta(days=12))
    c_daily = [
        change(
            f,
            DAILY,
            "Ukraine",
            "first" if i == 0 else "revision",
            700000 + 1000 * i,
            "exact",
            T0 + timedelta(days=20 + i),
            None if i == 0 else 700000 + 1000 * (i - 1),
            None if i == 0 else "exact",
        )
        for i, f in enumerate(f_daily)
    ]
    ids.update(c_first=c_first, c_rev=c_rev, c_evil=c_evil, c_daily=c_daily)

    def alert(key: str, kind: str, status: str, subject: str, change_ids: list[int], **kw: Any) -> int:
        return one(
            "INSERT INTO newswatch.alerts (dedupe_key, kind, subject, status, attempts, created_at, sent_at,"
            " last_error, recipients, body_text, body_html, message_id, change_ids)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, '', '', %s, %s) RETURNING id",
            key,
            kind,
            subject,
            status,
            kw.get("attempts", 1),
            T0,
            kw.get("sent_at"),
            kw.get("error"),
            ["analyst@example.org"],
            f"<{key}@newswatch>",
            change_ids,
        )

    ids["a_sent"] = alert(
        "c1",
        "change",
        "sent",
        "[newswatch] casualties: more than 3,000 (NIS)",
        [c_rev],
        sent_at=T0 + timedelta(days=10, hours=2),
    )
    ids["a_pending"] = alert(
        "c2",
        "change",
        "pending",
        f"[newswatch] {SCRIPT_TITLE}",
        [c_evil],
        attempts=2,
        error="SMTP 451 try later",
    )
    ids["a_failed"] = alert("d1", "digest", "failed", "[newswatch] digest", [], attempts=8, error=FEED_ERROR)
    return ids


def empty(conn: psycopg.Connection) -> None:
    """Truncate every newswatch table (the migrations' record stays)."""
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'newswatch' AND tablename <> 'schema_migrations'"
        )
    ]
    conn.execute(
        sql.SQL("TRUNCATE {} RESTART IDENTITY CASCADE").format(
            sql.SQL(", ").join(sql.Identifier("newswatch", t) for t in tables)
        )
    )


def seed_warehouse(url: str) -> dict[str, Any]:
    """Empty the warehouse at url and seed it, in one transaction."""
    with psycopg.connect(url, autocommit=True) as conn, conn.transaction():
        empty(conn)
        return seed(conn)


@pytest.fixture(scope="module")
def warehouse(database_url: str) -> dict[str, Any]:
    """Seeded once for the module: every test here only reads."""
    return seed_warehouse(database_url)


def _config(database_url: str, **web: str) -> Any:
    return parse_config({"database": {"url": database_url}, "web": web})


@pytest.fixture(scope="module")
def client(warehouse: dict[str, Any], database_url: str) -> Iterator[TestClient]:
    with TestClient(standalone_app(_config(database_url), "127.0.0.1")) as c:
        yield c


def _dom(response: Any) -> Any:
    assert response.status_code == 200, response.text[:500]
    return lxml_html.fromstring(response.text)


def _text(response: Any) -> str:
    return " ".join(_dom(response).text_content().split())


# --- every page, every JSON twin ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES + JSON)
def test_every_page_and_json_twin_answers_with_the_security_headers(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("application/json" if path.endswith(".json") else "text/html")
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp and "frame-ancestors 'self'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_links_its_json_twin_with_the_same_filters(client: TestClient, page: str) -> None:
    dom = _dom(client.get(page))
    json_url = dom.cssselect("header a.json")[0].get("href")
    assert client.get(json_url).status_code == 200
    if page == "/changes":
        filtered = _dom(client.get("/changes?kind=first&source=NIS"))
        assert filtered.cssselect("header a.json")[0].get("href") == "/changes.json?kind=first&source=NIS"


def test_pages_run_no_script_and_escape_hostile_text(client: TestClient) -> None:
    for path in PAGES + ["/articles?q=Kursk", "/alerts?status=pending"]:
        r = client.get(path)
        assert "<script" not in r.text.lower() and "<img" not in r.text.lower(), path
        assert "<svg onload" not in r.text.lower() and "<i>evil" not in r.text.lower(), path
    articles = client.get("/articles?limit=200")
    assert "&lt;script&gt;document.body.dataset.pwned=&#39;title&#39;&lt;/script&gt;Kursk" in articles.text
    assert SCRIPT_TITLE in _text(articles)  # shown as the text it is
    assert IMG_QUOTE in _text(client.get("/series/" + SERIES))
    assert EVIL_OUTLET in _text(client.get("/changes?limit=200"))
    assert FEED_ERROR in _text(client.get("/feeds"))
    assert SCRIPT_TITLE in _text(client.get("/alerts"))


def test_only_http_urls_become_links(client: TestClient) -> None:
    for path in ["/articles?limit=200", "/changes?limit=200", "/series/" + SERIES]:
        dom = _dom(client.get(path))
        hrefs = [a.get("href") for a in dom.iter("a")]
        assert all(not h.lower().startswith(("javascript:", "data:", "vbscript:")) for h in hrefs), path
        assert "https://kw.example/nis-3000" in hrefs
        assert EVIL_URL in dom.text_content()  # kept, as text
    external = [
        a for a in _dom(client.get("/articles?limit=200")).iter("a") if a.get("href", "").startswith("http")
    ]
    assert external and all(a.get("rel") == "noopener noreferrer nofollow" for a in external)
    assert safe_link("https://x.example/a?b=1") == "https://x.example/a?b=1"
    for bad in [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,x",
        "//x.example/a",
        "/relative",
        "https://x.example/\nalert",
        "ftp://x.example/f",
        None,
        42,
    ]:
        assert safe_link(bad) is None, bad


def test_json_carries_hostile_text_unchanged_as_data(client: TestClient) -> None:
    body = client.get("/articles.json?q=Kursk").json()
    evil = [a for a in body["articles"] if a["outlet"] == EVIL_OUTLET][0]
    assert evil["title"] == SCRIPT_TITLE and evil["url"] == EVIL_URL
    assert evil["figures"][0]["quote"] == IMG_QUOTE


# --- overview -------------------------------------------------------------------------------------------------


def test_overview_puts_sources_side_by_side_with_latest_value_change_and_sparkline(
    client: TestClient,
) -> None:
    body = client.get("/overview.json").json()
    assert body["sources"] == ["Ukraine", "NIS", None]  # most series first, unattributed last
    row = next(s for s in body["series"] if s["key"] == SERIES)
    ukraine, nis, unattributed = row["cells"]
    assert nis["display"] == "more than 3,000" and nis["previous_display"] == "about 1,100"
    assert nis["change_pct"] == pytest.approx(172.7) and nis["reported_at"].startswith("2025-01-11")
    assert [p[1] for p in nis["sparkline"]] == [1100, 3000]
    assert ukraine["display"] == "up to 9,000" and ukraine["previous_value"] is None
    assert unattributed["value"] == 4000
    daily = next(s for s in body["series"] if s["key"] == DAILY)
    assert daily["cells"][0]["value"] == 759000  # the cumulative line, not October's 31,000
    assert len(daily["cells"][0]["sparkline"]) == 30  # the last 30 values
    followed = [s["key"] for s in body["series"]]
    assert "dprk_troops_russia.captured" in followed  # in the watchlist, no figures yet: still a row
    dom = _dom(client.get("/"))
    assert [th.text_content() for th in dom.cssselect("table.overview thead th")] == [
        "Series",
        "Ukraine",
        "NIS",
        "unattributed",
    ]
    assert len(dom.cssselect("svg.sparkline")) == 4
    assert "was about 1,100 (+172.7%)" in _text(client.get("/"))


def test_overview_compares_a_value_not_yet_recorded_as_a_change_with_the_last_recorded_one(
    client: TestClient, warehouse: dict[str, Any], database_url: str
) -> None:
    with psycopg.connect(database_url, autocommit=True) as conn:
        row = conn.execute(
            "INSERT INTO newswatch.figures (article_id, series, value, qualifier, attributed_to, quote, reported_at,"
            " extractor_version) VALUES (%s, %s, 3500, 'approx', 'NIS', 'about 3,500', %s, 1) RETURNING id",
            (warehouse["daily"][5], SERIES, T0 + timedelta(days=30)),
        ).fetchone()
        try:
            cells = next(s for s in client.get("/overview.json").json()["series"] if s["key"] == SERIES)[
                "cells"
            ]
            nis = cells[1]
            assert (nis["display"], nis["previous_display"], nis["change_pct"]) == (
                "about 3,500",
                "more than 3,000",
                16.7,
            )
            assert [p[1] for p in nis["sparkline"]] == [1100, 3000, 3500]
        finally:
            conn.execute("DELETE FROM newswatch.figures WHERE id = %s", (row[0],) if row else (0,))


# --- series ------------------------------------------------------------------------------------------------------


def test_series_chart_has_a_line_per_source_and_markers_on_revisions(client: TestClient) -> None:
    dom = _dom(client.get("/series/" + SERIES))
    svg = dom.cssselect("svg.chart")[0]
    assert len(svg.cssselect("path.line")) == 3
    revisions = svg.cssselect("circle.marker.revision")
    assert len(revisions) == 1
    assert (
        revisions[0].findtext("title")
        == "NIS: more than 3,000 on 2025-01-11 (revision, was about 1,100; Korea Wire)"
    )
    assert len(svg.cssselect("circle.marker.first")) == 2
    assert [t.text for t in svg.cssselect("g.legend text")] == ["NIS", "Ukraine", "unattributed"]


def test_series_lists_every_report_with_outlets_and_shows_period_figures_apart(client: TestClient) -> None:
    body = client.get(f"/series/{SERIES}.json").json()
    reports = body["reports"]
    assert [r["value"] for r in reports] == [9000, 3000, 4000, 1100]
    nis = reports[1]
    assert (nis["outlet"], nis["outlets"], nis["scope"], nis["change_kind"]) == (
        "Korea Wire",
        2,
        "cumulative",
        "revision",
    )
    daily = client.get(f"/series/{DAILY}.json").json()
    assert [p["value"] for p in daily["periods"]] == [31000]
    assert daily["periods"][0]["period_start"] == "2024-10-01"
    assert 31000 not in [v for line in daily["chart"]["lines"] for _, v in line["points"]]
    dom = _dom(client.get(f"/series/{DAILY}"))
    assert "2024-10-01 – 2024-10-31" in dom.cssselect("table.periods")[0].text_content()


def test_series_filters_by_source_scope_and_dates(client: TestClient) -> None:
    def values(query: str, key: str = SERIES) -> list[int]:
        return [r["value"] for r in client.get(f"/series/{key}.json?{query}").json()["reports"]]

    assert values("source=NIS") == [3000, 1100]
    assert values("source=unattributed") == [4000]
    assert values("since=2025-01-09&until=2025-01-11") == [3000, 4000]
    assert values("scope=period", DAILY) == [31000]
    assert len(values("scope=cumulative&limit=200", DAILY)) == 60
    chart = client.get(f"/series/{SERIES}.json?source=NIS").json()["chart"]
    assert [line["source"] for line in chart["lines"]] == ["NIS"]


def test_series_reports_page_through_with_a_cursor(client: TestClient) -> None:
    seen: list[int] = []
    url: str | None = f"/series/{DAILY}.json?scope=cumulative&limit=25"
    pages = 0
    while url:
        body = client.get(url).json()
        seen += [r["figure_id"] for r in body["reports"]]
        url, pages = body["next"], pages + 1
        assert url is None or "limit=25" in url and "scope=cumulative" in url
    assert pages == 3 and len(seen) == len(set(seen)) == 60
    html_next = _dom(client.get(f"/series/{DAILY}?limit=25")).cssselect("a[rel=next]")[0].get("href")
    assert html_next.startswith(f"/series/{DAILY}?limit=25&after=")


def test_series_csv_downloads_every_report_and_defuses_formulas(client: TestClient) -> None:
    r = client.get(f"/series/{SERIES}.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"] == f'attachment; filename="{SERIES}.csv"'
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [int(x["value"]) for x in rows] == [1100, 4000, 3000, 9000]  # oldest first
    assert rows[0]["quote"] == "'" + FORMULA_QUOTE
    assert rows[3]["title"] == SCRIPT_TITLE and rows[3]["url"] == EVIL_URL
    nis = list(csv.DictReader(io.StringIO(client.get(f"/series/{SERIES}.csv?source=NIS").text)))
    assert {x["attributed_to"] for x in nis} == {"NIS"}
    big = list(csv.DictReader(io.StringIO(client.get(f"/series/{DAILY}.csv").text)))
    assert len(big) == 61  # no page cap on a download


def test_unknown_series_is_404_and_bad_keys_400(client: TestClient) -> None:
    assert client.get("/series/nobody.nothing").status_code == 404
    assert client.get("/series/nobody.nothing.json").json() == {
        "error": "no series 'nobody.nothing': it is not in the watchlist and has no figures"
    }
    assert client.get("/series/nobody.nothing.csv").status_code == 404
    assert client.get("/series/Robert'); DROP TABLE.json").status_code == 400
    assert client.get("/series/dprk_troops_russia.captured").status_code == 200  # followed, no figures yet


# --- changes ----------------------------------------------------------------------------------------------------


def test_changes_newest_first_with_evidence_and_email_state(
    client: TestClient, warehouse: dict[str, Any]
) -> None:
    body = client.get(f"/changes.json?series={SERIES}").json()
    assert [c["change_id"] for c in body["changes"]] == [
        warehouse["c_evil"],
        warehouse["c_rev"],
        warehouse["c_first"],
    ]
    evil, rev, first = body["changes"]
    assert (rev["email_status"], rev["emailed_at"][:10]) == ("sent", "2025-01-11")
    assert rev["previous_display"] == "about 1,100" and rev["change_pct"] == 172.7 and rev["outlets"] == 2
    assert rev["quote"].startswith("more than 3,000") and rev["url"] == "https://kw.example/nis-3000"
    assert evil["email_status"] == "pending" and first["email_status"] is None
    text = _text(client.get(f"/changes?series={SERIES}"))
    assert "sent2025-01-11 02:00 UTC" in text and "queued" in text and "not emailed" in text


def test_changes_filters(client: TestClient, warehouse: dict[str, Any]) -> None:
    def ids(query: str) -> list[int]:
        return [c["change_id"] for c in client.get(f"/changes.json?limit=200&{query}").json()["changes"]]

    assert ids("kind=first&series=dprk_troops_russia") == [warehouse["c_evil"], warehouse["c_first"]]
    assert ids("source=NIS") == [warehouse["c_rev"], warehouse["c_first"]]
    assert len(ids(f"series={DAILY}&kind=revision")) == 59
    assert ids("since=2024-12-01&until=2025-01-11&series=" + SERIES) == [
        warehouse["c_rev"],
        warehouse["c_first"],
    ]
    assert ids("source=nobody") == []


def test_changes_page_through_without_gaps_or_repeats(client: TestClient) -> None:
    seen, url = [], "/changes.json?limit=20"
    while url:
        body = client.get(url).json()
        seen += [c["change_id"] for c in body["changes"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == 63
    dom = _dom(client.get("/changes?limit=20&kind=revision"))
    assert len(dom.cssselect("table.changes tbody tr")) == 20
    assert "kind=revision" in dom.cssselect("a[rel=next]")[0].get("href")


# --- articles ---------------------------------------------------------------------------------------------------


def test_articles_full_text_search_uses_websearch_syntax_and_stems(
    client: TestClient, warehouse: dict[str, Any]
) -> None:
    def ids(query: str) -> list[int]:
        return [a["id"] for a in client.get("/articles.json?" + query).json()["articles"]]

    assert ids("q=casualty") == [warehouse["evil"], warehouse["nis"], warehouse["old"]]  # "casualties" stems
    assert ids('q="North Korean troops"') == [warehouse["nis"]]
    assert ids("q=casualties -Kursk") == [warehouse["nis"], warehouse["old"]]
    assert ids("q=войска") == [warehouse["ru"]]  # Russian stemming: войск
    assert ids("q=" + "%3Cscript%3E%27)%3B") == []  # hostile input is only ever a search string
    assert ids("q=NIS or Ukraine") == [warehouse["evil"], warehouse["nis"], warehouse["old"]]


def _follow(client: TestClient, url: str | None) -> tuple[list[int], int]:
    ids, pages = [], 0
    while url:
        body = client.get(url).json()
        ids += [a["id"] for a in body["articles"]]
        url, pages = body["next"], pages + 1
    return ids, pages


def test_a_search_reads_the_same_stories_whether_its_candidates_are_few_or_many(
    client: TestClient, warehouse: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = [warehouse["evil"], warehouse["nis"], warehouse["old"]]
    few = client.get("/articles.json?q=casualty&limit=2").json()
    assert few["matches"] == 3 and few["searched_to"] is None
    assert _follow(client, "/articles.json?q=casualty&limit=2") == (expected, 2)
    assert "3 stories match the search." in _text(client.get("/articles?q=casualty"))
    # Many candidates: stories are walked newest first, 10 per page at most; same stories, more pages.
    monkeypatch.setattr(settings, "WEB_SEARCH_FEW", 2)
    monkeypatch.setattr(settings, "WEB_SEARCH_WINDOW", 10)
    first = client.get("/articles.json?q=casualty&limit=2").json()
    assert first["matches"] is None and first["articles"] == [] and first["searched_to"]
    ids, pages = _follow(client, "/articles.json?q=casualty&limit=2")
    assert ids == expected and pages == 8
    text = _text(client.get("/articles?q=casualty"))
    assert "More than 2 stories match the search." in text and "this page tested the newest of them" in text
    assert _follow(client, '/articles.json?q="North Korean troops"')[0] == [warehouse["nis"]]
    assert _follow(client, "/articles.json?q=casualties -Kursk")[0] == [warehouse["nis"], warehouse["old"]]


def test_articles_group_copies_under_the_original_with_figures(
    client: TestClient, warehouse: dict[str, Any]
) -> None:
    body = client.get("/articles.json?q=3,000").json()
    (story,) = body["articles"]
    assert story["id"] == warehouse["nis"]
    assert [c["outlet"] for c in story["copies"]] == ["World Desk"]
    assert [f["display"] for f in story["figures"]] == ["more than 3,000"]
    all_ids = [a["id"] for a in client.get("/articles.json?limit=200").json()["articles"]]
    assert warehouse["copy"] not in all_ids and len(all_ids) == 64
    # The outlet filter finds a story through any copy.
    assert [a["id"] for a in client.get("/articles.json?outlet=World Desk").json()["articles"]] == [
        warehouse["nis"]
    ]
    dom = _dom(client.get("/articles?q=3,000"))
    assert "Also carried by 1 outlet" in dom.cssselect("details.copies summary")[0].text_content()


def test_articles_filter_by_topic_language_outlet_and_dates(
    client: TestClient, warehouse: dict[str, Any]
) -> None:
    def ids(query: str) -> list[int]:
        return [a["id"] for a in client.get("/articles.json?limit=200&" + query).json()["articles"]]

    assert len(ids("topic=russia")) == 64 and len(ids("topic=north_korea")) == 4
    assert ids("language=ru") == [warehouse["ru"]]
    assert ids("outlet=Korea Wire") == [warehouse["nis"], warehouse["old"]]
    assert ids("since=2025-01-09&until=2025-01-12") == [warehouse["nis"], warehouse["ru"]]
    body = client.get("/articles.json").json()
    assert "ru" in body["language_choices"] and EVIL_OUTLET in body["outlet_choices"]
    assert "north_korea" in body["topic_choices"]


def test_articles_page_through(client: TestClient) -> None:
    seen, url = [], "/articles.json?limit=30"
    while url:
        body = client.get(url).json()
        seen += [a["id"] for a in body["articles"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == 64


# --- feeds and alerts ------------------------------------------------------------------------------------------


def test_feeds_health_failing_first_and_open_incidents(client: TestClient) -> None:
    body = client.get("/feeds.json").json()
    assert [f["name"] for f in body["feeds"]] == [EVIL_OUTLET, "Korea Wire"]
    assert body["feeds"][0]["consecutive_failures"] == 7 and body["feeds"][0]["last_error"] == FEED_ERROR
    assert [i["kind"] for i in body["incidents"]] == ["feed_failing"]
    assert [f["name"] for f in client.get("/feeds.json?failing=1").json()["feeds"]] == [EVIL_OUTLET]
    assert [f["name"] for f in client.get("/feeds.json?status=ok").json()["feeds"]] == ["Korea Wire"]
    first = client.get("/feeds.json?limit=1").json()
    assert first["next"] == "/feeds.json?limit=1&after=1"
    assert [f["name"] for f in client.get(first["next"]).json()["feeds"]] == ["Korea Wire"]
    dom = _dom(client.get("/feeds"))
    assert len(dom.cssselect("table.feeds tr.failing")) == 1
    assert "since 2025-01-01 00:00 UTC" in dom.cssselect("section.incidents")[0].text_content()


def test_alerts_outbox_with_counts_filters_and_paging(client: TestClient, warehouse: dict[str, Any]) -> None:
    body = client.get("/alerts.json").json()
    assert body["counts"] == {"pending": 1, "sent": 1, "failed": 1}
    assert [a["id"] for a in body["alerts"]] == [
        warehouse["a_failed"],
        warehouse["a_pending"],
        warehouse["a_sent"],
    ]
    assert body["alerts"][1]["attempts"] == 2 and body["alerts"][1]["changes"] == 1
    assert [a["status"] for a in client.get("/alerts.json?status=failed").json()["alerts"]] == ["failed"]
    assert [a["kind"] for a in client.get("/alerts.json?kind=digest").json()["alerts"]] == ["digest"]
    page = client.get("/alerts.json?limit=2").json()
    assert len(page["alerts"]) == 2 and page["next"] == f"/alerts.json?limit=2&after={warehouse['a_pending']}"
    assert [a["id"] for a in client.get(page["next"]).json()["alerts"]] == [warehouse["a_sent"]]
    text = _text(client.get("/alerts"))
    assert "1 pending, 1 sent, 1 failed" in text and "next try" in text


# --- bounded input ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/changes.json?limit=201",
        "/changes.json?limit=0",
        "/changes.json?limit=ten",
        "/changes.json?since=yesterday",
        "/changes.json?since=2025-02-01&until=2025-01-01",
        "/changes.json?kind=everything",
        "/changes.json?after=12;DROP",
        "/articles.json?q=" + "x" * 201,
        "/alerts.json?status=lost",
        "/alerts.json?after=-1",
        "/feeds.json?status=weird",
        f"/series/{SERIES}.json?scope=forever",
    ],
)
def test_bad_filters_are_400_with_one_line(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 400 and set(r.json()) == {"error"} and "\n" not in r.json()["error"]


def test_bad_filter_on_an_html_page_is_a_400_page(client: TestClient) -> None:
    r = client.get("/changes?limit=5000")
    assert r.status_code == 400 and "limit must be a whole number from 1 to 200" in _text_any(r)


def _text_any(response: Any) -> str:
    return " ".join(lxml_html.fromstring(response.text).text_content().split())


def test_a_page_never_holds_more_than_the_cap(client: TestClient) -> None:
    assert len(client.get("/changes.json?limit=200").json()["changes"]) == 63
    assert len(client.get("/articles.json").json()["articles"]) == 50  # the default page


# --- login --------------------------------------------------------------------------------------------------------


def _basic(password: str, user: str = "analyst") -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def test_with_a_password_every_route_needs_it(
    warehouse: dict[str, Any], database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NW_TEST_WEB_PASSWORD", "correct horse")
    app = standalone_app(_config(database_url, password_env="NW_TEST_WEB_PASSWORD"), "0.0.0.0")
    with TestClient(app) as c:
        for path in PAGES + JSON + [f"/series/{SERIES}.csv", "/static/newswatch.css"]:
            anonymous = c.get(path)
            assert anonymous.status_code == 401, path
            assert anonymous.headers["www-authenticate"].startswith("Basic")
            assert "Korea Wire" not in anonymous.text and "3,000" not in anonymous.text
            assert c.get(path, headers=_basic("wrong")).status_code == 401
            assert c.get(path, headers={"Authorization": "Basic !!notbase64"}).status_code == 401
            assert c.get(path, headers=_basic("correct horse")).status_code == 200, path


def test_loopback_needs_no_login_and_other_addresses_refuse_to_start_without_a_password(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.10") and not is_loopback("::")
    monkeypatch.setenv("NEWSWATCH_DATABASE_URL", database_url)
    assert main(["serve", "--host", "0.0.0.0", "--port", "0"]) == 1
    assert "needs a password: set [web] password_env" in capsys.readouterr().err
    monkeypatch.delenv("NW_UNSET_PASSWORD", raising=False)
    with pytest.raises(Exception, match="NW_UNSET_PASSWORD, which is not set"):
        standalone_app(_config(database_url, password_env="NW_UNSET_PASSWORD"), "192.0.2.10")


def test_config_rejects_a_password_env_that_is_not_a_variable_name() -> None:
    with pytest.raises(Exception, match=r"\[web\] password_env = 'not a name'"):
        parse_config({"web": {"password_env": "not a name"}})
    with pytest.raises(Exception, match="unknown key 'password'"):
        parse_config({"web": {"password": "hunter2"}})  # the password itself never goes in the file


# --- the warehouse --------------------------------------------------------------------------------------------


def test_the_warehouse_is_opened_when_the_app_starts_not_at_import(database_url: str) -> None:
    calls: list[str] = []

    def load() -> Any:
        calls.append("config")
        return _config(database_url)

    app = create_app(load)
    assert calls == []
    with TestClient(app) as c:
        assert calls == ["config"]
        assert c.get("/overview.json").status_code == 200
    assert calls == ["config"]


def test_the_view_only_reads(client: TestClient, database_url: str) -> None:
    view = client.app.state.view  # type: ignore[attr-defined]
    with view.warehouse.connection() as conn, pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
        conn.execute("DELETE FROM newswatch.alerts")


def test_standalone_refuses_to_start_without_its_warehouse() -> None:
    config = parse_config({"database": {"url": "postgresql://nobody@127.0.0.1:1/none"}})
    with pytest.raises(Exception, match="cannot connect to the database at nobody@127.0.0.1:1/none"):
        with TestClient(create_app(lambda: config, wait=True)):
            pass


def test_without_wait_a_missing_warehouse_is_a_503_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "WEB_POOL_TIMEOUT_SECONDS", 0.3)
    config = parse_config({"database": {"url": "postgresql://nobody@127.0.0.1:1/none"}})
    with TestClient(create_app(lambda: config, wait=False)) as c:
        r = c.get("/overview.json")
        assert r.status_code == 503 and "warehouse" in r.json()["error"]
        assert c.get("/").status_code == 503


def test_a_warehouse_behind_on_migrations_is_named(pg_server_url: str) -> None:
    url = psycopg.conninfo.make_conninfo(pg_server_url, dbname="postgres")
    config = parse_config({"database": {"url": url}})
    with pytest.raises(Exception, match="run `newswatch db upgrade`"):
        with TestClient(create_app(lambda: config, wait=True)):
            pass
