"""The analyst view on a big warehouse: every page's response time, against the 300 ms target.

Generates a warehouse of 100,000 articles (8% syndicated copies, four languages, 40 outlets, three years)
and 50,000 figures over the six shipped series (5% period figures), with the changes they imply, the
alerts that reported them, 300 feeds with their health and open incidents; then runs `newswatch serve`
on loopback and times each page, HTML and JSON, with and without filters, first and deep pages.

Baselines measured in the same run, on the same server: the stylesheet (the HTTP and framework floor:
every page's median is also given as a multiple of it), and each page's queries without the indexes of
sql/0008 (run in a transaction that drops them and rolls back), so the ratio shows what they buy.

Run: uv run python benchmarks/web.py [--articles 100000] [--figures 50000] [--requests 15] [--keep]
Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust); creates newswatch_bench_web (dropped at the
end unless --keep; reused by --reuse).
"""

from __future__ import annotations

import argparse
import bisect
import http.client
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import psycopg
from psycopg import sql

sys.path.insert(0, str(Path(__file__).parent))

import wordbank as wb
from newswatch.migrate import upgrade

ADMIN = os.environ.get("NEWSWATCH_BENCH_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
DATABASE = "newswatch_bench_web"
TARGET_MS = 300
START = datetime(2023, 1, 1, tzinfo=UTC)
DAYS = 3 * 365
NEWSWATCH = str(Path(sys.executable).parent / "newswatch")

LANGUAGES = (("en", 0.80), ("ru", 0.12), ("ko", 0.05), ("uk", 0.03))
TOPICS = (["north_korea", "russia"], ["russia"], ["north_korea"])
SOURCES = ("NIS", "Ukraine", "United States", "South Korea", "United Kingdom", "Russia", "NATO", None)
NK_SERIES = (
    "dprk_troops_russia.deployed",
    "dprk_troops_russia.killed",
    "dprk_troops_russia.wounded",
    "dprk_troops_russia.casualties",
    "dprk_troops_russia.captured",
)
RUSSIA = "russia_troops.casualties"
RU_WORDS = "войска потери разведка северокорейских военных области заявил министерство оценка данные".split()
KO_WORDS = "북한군 러시아 파병 사상자 국정원 추정 병력 전선 쿠르스크 발표".split()
RARE = [f"{a}{b}" for a in ("zan", "vor", "kel", "mib", "tor", "qua", "lem", "rix") for b in range(250)]


def vocabulary() -> list[str]:
    words: list[str] = []
    for group in (wb.FIRST_NAMES, wb.LAST_NAMES, wb.PLACES, wb.VERBS_PAST, wb.ADJECTIVES, wb.GROUPS):
        for item in group:
            words += item.split()
    words += (
        "the a of to in and said on for with that was at by from has have officials minister report".split()
        * 6
    )
    # Watched words come in the phrases news uses, so a phrase search has about as many candidates as matches.
    words += [
        "North Korean troops",
        "North Korean soldiers",
        "Russian forces",
        "in the Kursk region",
        "the Kremlin said",
        "Pyongyang",
        "casualties",
        "losses",
        "Russia",
        "the war",
    ] * 3
    return words


def generate(conn: psycopg.Connection, articles: int, figures: int, seed: int) -> dict[str, int]:
    """Fill the warehouse with COPY; returns row counts."""
    rng = random.Random(seed)
    words = vocabulary()
    outlets = [
        f"{rng.choice(wb.PLACES)} {rng.choice(['Times', 'Daily', 'Herald', 'Wire', 'Post', 'Monitor'])}"
        for _ in range(40)
    ]
    outlets = list(dict.fromkeys(outlets))
    feeds = 300
    with conn.cursor() as cur:
        with cur.copy("COPY newswatch.feeds (id, name, url, enabled) FROM STDIN") as copy:
            for i in range(1, feeds + 1):
                copy.write_row(
                    (i, f"{outlets[i % len(outlets)]} feed {i}", f"https://feeds{i}.example/rss", i % 50 != 0)
                )
        with cur.copy(
            "COPY newswatch.feed_health (feed_id, last_polled_at, last_status, last_http_status, last_error,"
            " consecutive_failures, item_count, next_poll_at) FROM STDIN"
        ) as copy:
            now = START + timedelta(days=DAYS)
            for i in range(1, feeds + 1):
                failing = i % 12 == 0
                copy.write_row(
                    (
                        i,
                        now,
                        "http_error" if failing else rng.choice(["ok", "not_modified"]),
                        502 if failing else 200,
                        "502 Bad Gateway from origin" if failing else None,
                        rng.randint(1, 9) if failing else 0,
                        None if failing else rng.randint(5, 60),
                        now + timedelta(minutes=15),
                    )
                )
        with cur.copy("COPY newswatch.health_incidents (kind, target, detail, opened_at) FROM STDIN") as copy:
            for i in range(12, feeds + 1, 12):
                copy.write_row(
                    ("feed_failing", f"https://feeds{i}.example/rss", "5 failed polls in a row", START)
                )

        times = sorted(START + timedelta(seconds=rng.randrange(DAYS * 86400)) for _ in range(articles))
        originals: list[tuple[datetime, int]] = []
        langs, weights = zip(*LANGUAGES, strict=True)
        with cur.copy(
            "COPY newswatch.pages (id, canonical_url, url, status, first_seen_at) FROM STDIN"
        ) as copy:
            for i, at in enumerate(times, 1):
                copy.write_row(
                    (i, f"https://a{i}.example/story", f"https://a{i}.example/story", "relevant", at)
                )
        with cur.copy(
            "COPY newswatch.articles (id, page_id, url, canonical_url, source, feed_id, title, published_at,"
            " language, text, topics, content_hash, duplicate_of, similarity, dedupe_status, first_seen_at,"
            " figures_version) FROM STDIN"
        ) as copy:
            for i, at in enumerate(times, 1):
                language = rng.choices(langs, weights)[0]
                pool = RU_WORDS if language == "ru" else KO_WORDS if language == "ko" else words
                body = rng.choices(pool, k=rng.randint(150, 400))
                if rng.random() < 0.3:
                    body.insert(rng.randrange(len(body)), rng.choice(RARE))
                title = " ".join(rng.choices(pool, k=rng.randint(7, 12))).capitalize()
                duplicate_of = None
                if originals and rng.random() < 0.08:
                    duplicate_of = originals[max(0, len(originals) - rng.randint(1, 40))][1]
                else:
                    originals.append((at, i))
                copy.write_row(
                    (
                        i,
                        i,
                        f"https://a{i}.example/story",
                        f"https://a{i}.example/story",
                        rng.choice(outlets),
                        rng.randint(1, feeds),
                        title,
                        at,
                        language,
                        " ".join(body),
                        rng.choice(TOPICS),
                        "h",
                        duplicate_of,
                        0.9 if duplicate_of else None,
                        "duplicate" if duplicate_of else "original",
                        at,
                        1 if duplicate_of is None else None,
                    )
                )

        rows = _figures(rng, originals, figures)
        with cur.copy(
            "COPY newswatch.figures (id, article_id, series, value, qualifier, attributed_to, quote, reported_at,"
            " extractor_version, change_checked, scope, period_start, period_end) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)
        changes = _changes(rows)
        with cur.copy(
            "COPY newswatch.figure_changes (id, series, attributed_to, kind, previous_value, new_value,"
            " previous_qualifier, new_qualifier, figure_id, previous_figure_id, reported_at, detected_at)"
            " FROM STDIN"
        ) as copy:
            for row in changes:
                copy.write_row(row)
        alerts = 0
        with cur.copy(
            "COPY newswatch.alerts (dedupe_key, kind, subject, status, attempts, created_at, sent_at,"
            " last_error, recipients, body_text, body_html, message_id, change_ids) FROM STDIN"
        ) as copy:
            i = 0
            while i < len(changes):
                batch = changes[i : i + rng.choice([1, 1, 1, 2, 6])]
                i += len(batch)
                status = rng.choices(["sent", "pending", "failed"], [95, 3, 2])[0]
                at = batch[-1][11]
                copy.write_row(
                    (
                        f"change:{batch[0][0]}",
                        "change" if len(batch) == 1 else "changes",
                        f"[newswatch] {len(batch)} change(s)",
                        status,
                        1 if status == "sent" else rng.randint(2, 8),
                        at,
                        at if status == "sent" else None,
                        None if status == "sent" else "SMTP 451 try again later",
                        ["analyst@example.org"],
                        "",
                        "",
                        f"<c{batch[0][0]}@bench>",
                        [c[0] for c in batch],
                    )
                )
                alerts += 1
            for d in range(DAYS):
                day = START + timedelta(days=d, hours=7)
                copy.write_row(
                    (
                        f"digest:{d}",
                        "digest",
                        "[newswatch] digest",
                        "sent",
                        1,
                        day,
                        day,
                        None,
                        ["analyst@example.org"],
                        "",
                        "",
                        f"<d{d}@bench>",
                        [],
                    )
                )
                alerts += 1
        for table in ("feeds", "pages", "articles", "figures", "figure_changes"):
            cur.execute(
                sql.SQL("SELECT setval(pg_get_serial_sequence({}, 'id'), (SELECT max(id) FROM {}))").format(
                    sql.Literal(f"newswatch.{table}"), sql.Identifier("newswatch", table)
                )
            )
    conn.execute(
        "VACUUM ANALYZE"
    )  # the steady state autovacuum keeps: visibility map set, statistics current
    return {
        "articles": articles,
        "figures": len(rows),
        "changes": len(changes),
        "alerts": alerts,
        "feeds": feeds,
    }


def _figures(rng: random.Random, originals: list[tuple[datetime, int]], n: int) -> list[tuple[Any, ...]]:
    """Per series and source, a running total that steps up now and then, reported by many articles."""
    pairs: list[tuple[str, str | None, float]] = [
        (RUSSIA, s, w) for s, w in (("Ukraine", 6), ("United Kingdom", 2), ("United States", 1), (None, 1))
    ]
    pairs += [(series, source, 0.5) for series in NK_SERIES for source in SOURCES]
    total = sum(w for _, _, w in pairs)
    times = [t for t, _ in originals]
    rows: list[tuple[Any, ...]] = []
    seen: set[tuple[Any, ...]] = set()
    fid = 0
    for series, source, weight in pairs:
        count = max(3, int(n * weight / total))
        value = 1000 if series != RUSSIA else 150_000
        stamps = sorted(START + timedelta(seconds=rng.randrange(DAYS * 86400)) for _ in range(count))
        for stamp in stamps:
            if rng.random() < (0.5 if series == RUSSIA else 0.1):
                value += rng.randint(1, 30) * (100 if series == RUSSIA else 50)
            k = min(bisect.bisect_left(times, stamp), len(times) - 1)
            period = series == RUSSIA and rng.random() < 0.1
            number = rng.randint(20_000, 40_000) if period else value
            qualifier = "exact" if period else rng.choice(["exact", "approx", "more_than"])
            while (
                originals[k][1],
                series,
                number,
                qualifier,
                source,
            ) in seen:  # one row per claim per article
                k = (k + 1) % len(originals)
            at, article = originals[k]
            seen.add((article, series, number, qualifier, source))
            fid += 1
            if period:
                start = date(at.year, at.month, 1)
                rows.append(
                    (
                        fid,
                        article,
                        series,
                        number,
                        qualifier,
                        source,
                        f"In {at:%B} alone the enemy lost troops",
                        at,
                        1,
                        True,
                        "period",
                        start,
                        start + timedelta(days=27),
                    )
                )
            else:
                rows.append(
                    (
                        fid,
                        article,
                        series,
                        number,
                        qualifier,
                        source,
                        f"{source or 'Officials'} put the figure at {value:,}",
                        at,
                        1,
                        True,
                        "cumulative",
                        None,
                        None,
                    )
                )
    return rows


def _changes(figures: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """What change detection records: per series and source, the first value and every different one."""
    last: dict[tuple[str, str | None], tuple[Any, ...]] = {}
    out: list[tuple[Any, ...]] = []
    for f in sorted((f for f in figures if f[10] == "cumulative"), key=lambda f: (f[7], f[0])):
        key = (f[2], f[5])
        prev = last.get(key)
        if prev is None or prev[3] != f[3]:
            out.append(
                (
                    len(out) + 1,
                    f[2],
                    f[5],
                    "first" if prev is None else "revision",
                    None if prev is None else prev[3],
                    f[3],
                    None if prev is None else prev[4],
                    f[4],
                    f[0],
                    None if prev is None else prev[0],
                    f[7],
                    f[7] + timedelta(minutes=20),
                )
            )
            last[key] = f
    return out


# --- measuring ----------------------------------------------------------------------------------------------


def cases(conn: psycopg.Connection) -> list[tuple[str, str]]:
    """(name, path) of every page to time, with filters and deep pages found in the data."""
    outlet = conn.execute(
        "SELECT source FROM newswatch.articles GROUP BY source ORDER BY count(*) LIMIT 1"
    ).fetchone()
    rare = RARE[7]
    base = [
        ("overview", "/"),
        ("overview json", "/overview.json"),
        (f"series {RUSSIA}", f"/series/{RUSSIA}"),
        ("series json", f"/series/{RUSSIA}.json"),
        ("series, one source", f"/series/{RUSSIA}?source=Ukraine"),
        ("series, one year", f"/series/{RUSSIA}?since=2024-01-01&until=2024-12-31"),
        ("series, period scope", f"/series/{RUSSIA}?scope=period"),
        ("series dprk casualties", "/series/dprk_troops_russia.casualties"),
        ("changes", "/changes"),
        ("changes json", "/changes.json"),
        ("changes, series+source", f"/changes?series={RUSSIA}&source=Ukraine"),
        ("changes, subject+kind", "/changes?series=dprk_troops_russia&kind=first"),
        ("changes, one month", "/changes?since=2024-06-01&until=2024-06-30"),
        ("articles", "/articles"),
        ("articles json", "/articles.json"),
        ("articles, q common", "/articles?q=Russia"),
        ("articles, q rare word", f"/articles?q={rare}"),
        ("articles, q phrase", "/articles?q=%22North+Korean+troops%22"),
        # Two common words that never stand side by side: every article with both is read to check.
        ("articles, q phrase never seen", "/articles?q=%22troops+Pyongyang%22"),
        ("articles, q -exclude", "/articles?q=casualties+-Kursk"),
        ("articles, q russian", "/articles?q=%D0%B2%D0%BE%D0%B9%D1%81%D0%BA%D0%B0"),
        ("articles, outlet", "/articles?" + urlencode({"outlet": outlet[0] if outlet else ""})),
        ("articles, language ko", "/articles?language=ko"),
        ("articles, topic", "/articles?topic=north_korea"),
        ("articles, one week", "/articles?since=2024-03-01&until=2024-03-07"),
        ("articles, q + one year", "/articles?q=casualties&since=2024-01-01&until=2024-12-31"),
        ("feeds", "/feeds"),
        ("feeds json", "/feeds.json"),
        ("feeds, failing", "/feeds?failing=1"),
        ("alerts", "/alerts"),
        ("alerts json", "/alerts.json"),
        ("alerts, failed", "/alerts?status=failed"),
    ]
    return base


def deep(client: Client, name: str, path: str, pages: int) -> tuple[str, str]:
    """A deep page of a list (the nth, or the last if there are fewer), found by following next links."""
    url, depth = path, 1
    while depth < pages:
        following = json.loads(client.get(url)[1])["next"]
        if not following:
            break
        url, depth = following, depth + 1
    return f"{name}, page {depth}", url.replace(".json", "", 1)


class Client:
    """One keep-alive HTTP connection to the server."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(self, path: str) -> tuple[int, bytes]:
        self.conn.request("GET", path)
        response = self.conn.getresponse()
        return response.status, response.read()

    def time(self, path: str, n: int) -> list[float]:
        for _ in range(2):
            status, body = self.get(path)
            assert status == 200, (path, status, body[:300])
        out = []
        for _ in range(n):
            start = time.perf_counter()
            status, _ = self.get(path)
            out.append((time.perf_counter() - start) * 1000)
            assert status == 200
        return out


def serve(url: str) -> tuple[subprocess.Popen[str], int]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWATCH_")}
    env["NEWSWATCH_DATABASE_URL"] = url
    process = subprocess.Popen(
        [NEWSWATCH, "serve", "--port", "0"], env=env, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout
    match = re.search(r":(\d+)/", process.stdout.readline())
    assert match, "newswatch serve did not start"
    return process, int(match.group(1))


def without_indexes(url: str, timed: Callable[[psycopg.Connection], None]) -> None:
    """Run timed() with the 0008 indexes dropped inside a transaction that is rolled back."""
    names = re.findall(
        r"CREATE INDEX (\w+)", (Path(__file__).parents[1] / "sql" / "0008_web_indexes.sql").read_text()
    )
    with psycopg.connect(url) as conn:
        for name in names:
            conn.execute(sql.SQL("DROP INDEX newswatch.{}").format(sql.Identifier(name)))
        conn.execute("SET statement_timeout = '60s'")
        conn.execute("SET TimeZone = 'UTC'")
        timed(conn)
        conn.rollback()


def query_times(conn: psycopg.Connection, paths: list[tuple[str, str]], n: int) -> dict[str, float]:
    """Median ms of each page's data (every query it runs, no HTTP or HTML) on this connection."""
    from starlette.datastructures import QueryParams

    from newswatch.config import parse_config
    from newswatch.web import pages
    from newswatch.web.app import view_config

    view = view_config(parse_config({}))
    out = {}
    for name, path in paths:
        route, _, query = path.partition("?")
        params = QueryParams(query)
        if route == "/":
            fn: Callable[[], Any] = lambda: pages.overview(conn, view)  # noqa: E731
        elif route.startswith("/series/"):
            fn = lambda r=route, p=params: pages.series(conn, view, r.split("/")[2], p)  # noqa: E731
        else:
            page = route.strip("/")
            fn = {
                "changes": lambda p=params: pages.changes(conn, view, p),
                "articles": lambda p=params: pages.articles(conn, view, p),
                "feeds": lambda p=params: pages.feeds(conn, p),
                "alerts": lambda p=params: pages.alerts(conn, p),
            }[page]
        samples = []
        for _ in range(n):
            start = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - start) * 1000)
        out[name] = statistics.median(samples)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--figures", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=15, help="timed requests per page (after 2 warm-ups)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--reuse", action="store_true", help="reuse an existing newswatch_bench_web")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args()

    url = psycopg.conninfo.make_conninfo(ADMIN, dbname=DATABASE)
    counts: dict[str, int] = {}
    if not args.reuse:
        with psycopg.connect(ADMIN, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DATABASE)))
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))
        start = time.perf_counter()
        with psycopg.connect(url, autocommit=True) as conn:
            upgrade(conn)
            conn.execute("SET synchronous_commit = off")
            counts = generate(conn, args.articles, args.figures, args.seed)
        print(f"generated {counts} in {time.perf_counter() - start:.0f} s", flush=True)

    process, port = serve(url)
    results: list[dict[str, Any]] = []
    try:
        client = Client(port)
        baseline = statistics.median(client.time("/static/newswatch.css", args.requests))
        todo = cases(psycopg.connect(url, autocommit=True))
        todo += [
            deep(client, "changes", "/changes.json", 40),
            deep(client, "articles", "/articles.json", 40),
            deep(client, f"series {RUSSIA}", f"/series/{RUSSIA}.json", 40),
            deep(client, "alerts", "/alerts.json", 40),
        ]
        for name, path in todo:
            samples = client.time(path, args.requests)
            results.append(
                {
                    "page": name,
                    "path": path,
                    "median_ms": statistics.median(samples),
                    "p95_ms": sorted(samples)[int(0.95 * (len(samples) - 1))],
                    "max_ms": max(samples),
                }
            )
            print(
                f"  {name:<32} median {results[-1]['median_ms']:6.1f} ms   max {results[-1]['max_ms']:6.1f} ms",
                flush=True,
            )
        csv_samples = client.time(f"/series/{RUSSIA}.csv", 3)
        csv_size = len(client.get(f"/series/{RUSSIA}.csv")[1])
    finally:
        process.terminate()
        process.wait(30)

    paths = [(r["page"], r["path"]) for r in results if not r["page"].endswith("json")]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET TimeZone = 'UTC'")
        indexed = query_times(conn, paths, 3)
    unindexed: dict[str, float] = {}
    without_indexes(url, lambda conn: unindexed.update(query_times(conn, paths, 1)))

    print(
        f"\nMachine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; "
        f"PostgreSQL on 127.0.0.1; {args.requests} requests per page after 2 warm-ups."
    )
    print(f"Baseline (stylesheet, same server): median {baseline:.1f} ms.\n")
    print(
        f"{'page':<32} {'median':>8} {'p95':>8} {'max':>8} {'x base':>7} {'sql':>8} {'no 0008':>9} {'gain':>6}"
    )
    for r in results:
        with_idx, without = indexed.get(r["page"]), unindexed.get(r["page"])
        gain = f"{without / with_idx:5.0f}x" if with_idx and without else ""
        print(
            f"{r['page']:<32} {r['median_ms']:7.1f}  {r['p95_ms']:7.1f}  {r['max_ms']:7.1f}  {r['median_ms'] / baseline:6.1f}"
            f" {with_idx or 0:7.1f}  {without or 0:8.1f} {gain:>6}"
            + ("   OVER TARGET" if r["max_ms"] > TARGET_MS else "")
        )
    slowest = max(results, key=lambda r: r["max_ms"])
    print(f"\nslowest page: {slowest['page']} (max {slowest['max_ms']:.0f} ms; target {TARGET_MS} ms)")
    print(f"series CSV download ({csv_size / 1e6:.1f} MB): median {statistics.median(csv_samples):.0f} ms")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "counts": counts,
                    "baseline_ms": baseline,
                    "pages": results,
                    "sql_ms": indexed,
                    "sql_without_0008_ms": unindexed,
                },
                indent=2,
            )
        )
    if not args.keep:
        with psycopg.connect(ADMIN, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DATABASE)))
    return 0 if slowest["max_ms"] <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
