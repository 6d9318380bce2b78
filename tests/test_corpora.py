"""The robustness battery: 400 real third-party feeds and 61 real pages through the real stages.

Every file must be polled, parsed and extracted without an exception escaping, a hang or unbounded
memory; a bad file is an acceptable *recorded* outcome. The corpora are not part of the repository:
they are read from $NEWSWATCH_CORPORA, else from shared/corpora beside the clone (see
shared/corpora/README.md), and served by a real HTTP server on loopback. Run with `pytest -s` to
see the outcome breakdown and memory figures.
"""

from __future__ import annotations

import csv
import os
import resource
import sys
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import psycopg
import pytest

from newswatch.config import Config, parse_config
from newswatch.ingest.articles import fetch_stage
from newswatch.ingest.dedupe import dedupe_stage
from newswatch.ingest.poll import poll_stage, sync_feeds
from tests.corpora_server import CorporaServer, corpora_dir

FEED_OUTCOMES = {"ok", "not_modified", "parse_error", "not_a_feed", "empty"}
PAGE_STATUSES = {"relevant", "irrelevant", "failed", "pending"}
STAGE_SECONDS = 60
MEMORY_GROWTH_MB = 300
# Common short words of the corpus languages (and characters of the scripts without spaces), so
# that most pages count as relevant and go through the whole article path: text, MinHash,
# compression, storage, dedupe.
CORPUS_TOPIC = {
    "name": "corpus",
    "terms": ["the", "die", "der", "le", "la", "de", "el", "w", "i", "и", "в", "の", "は", "的", "了"],
}

pytestmark = pytest.mark.timeout(180)

# feed name -> (poll_log rows, logged status, logged error, feed_health.last_status, last_error)
Outcomes = dict[str, tuple[int, str | None, str | None, str | None, str | None]]


@pytest.fixture(scope="module")
def corpora() -> Path:
    root = corpora_dir()
    if not (root / "MANIFEST.tsv").is_file():
        # In CI (CI=true) a missing battery is a failure, never a silent skip.
        (pytest.fail if os.environ.get("CI") else pytest.skip)(
            f"robustness corpora not found at {root}: they are not part of the repository; "
            "set NEWSWATCH_CORPORA or put a copy of shared/ beside the clone"
        )
    return root


@pytest.fixture(scope="module")
def manifest(corpora: Path) -> list[str]:
    with (corpora / "MANIFEST.tsv").open(encoding="utf-8", newline="") as f:
        return [row["path"] for row in csv.DictReader(f, delimiter="\t")]


@pytest.fixture(scope="module")
def server(corpora: Path) -> Iterator[CorporaServer]:
    with CorporaServer(corpora) as s:
        yield s


def _files(corpora: Path, manifest: list[str], kind: str) -> list[Path]:
    """Every file under feeds/ or pages/, checked against MANIFEST.tsv (a partial copy fails loudly)."""
    files = sorted(p for p in (corpora / kind).rglob("*") if p.is_file())
    listed = sorted(p for p in manifest if p.startswith(kind + "/"))
    assert [p.relative_to(corpora).as_posix() for p in files] == listed
    return files


@pytest.fixture(scope="module")
def feed_files(corpora: Path, manifest: list[str]) -> list[Path]:
    files = _files(corpora, manifest, "feeds")
    assert len(files) == 400
    return files


@pytest.fixture(scope="module")
def page_files(corpora: Path, manifest: list[str]) -> list[Path]:
    files = _files(corpora, manifest, "pages")
    assert len(files) == 61
    return files


def _config(
    database_url: str,
    server: CorporaServer,
    feeds: list[tuple[str, str]],
    topics: list[dict[str, Any]] | None = None,
    **sections: dict[str, Any],
) -> Config:
    """Like conftest.make_config, with the corpora server allowed and optional [[topics]] tables."""
    raw: dict[str, Any] = {
        "database": {"url": database_url},
        "http": {"timeout_seconds": 10, "allow_hosts": [server.host_port]},
        "extract": {"processes": 1, "timeout_seconds": 20},
        "poll": {"interval_minutes": 15},
        "feeds": [{"name": n, "url": u} for n, u in feeds],
        "topics": topics or [],
    }
    for key, values in sections.items():
        raw[key].update(values)
    return parse_config(raw, source="test_corpora")


def _mb(maxrss: int) -> float:
    """ru_maxrss in MB: kilobytes on Linux, bytes on macOS."""
    return maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def _current_rss_mb() -> float | None:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return None


class Memory:
    """Peak RSS of this process (and of reaped children) before and after a stage."""

    def __init__(self) -> None:
        self.self_before = _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        self.children_before = _mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        self.current_before = _current_rss_mb()

    def stop(self, label: str) -> None:
        self.self_after = _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        self.children_after = _mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        self.current_after = _current_rss_mb()
        self.self_growth = self.self_after - self.self_before
        current = ""
        if self.current_before is not None and self.current_after is not None:
            current = f"; current RSS {self.current_before:.0f} -> {self.current_after:.0f} MB"
        print(
            f"\n[{label}] peak RSS of the test process {self.self_before:.0f} -> {self.self_after:.0f} MB "
            f"(growth {self.self_growth:.1f} MB){current}; peak RSS of the largest reaped child "
            f"{self.children_before:.0f} -> {self.children_after:.0f} MB"
        )


def _poll(db: psycopg.Connection, config: Config, label: str) -> tuple[Outcomes, Memory, float]:
    """Run the real poll stage over config.feeds; return name -> (log rows, status, error, health)."""
    sync_feeds(db, config)
    memory = Memory()
    start = time.monotonic()
    report = poll_stage(db, config, force=True)
    seconds = time.monotonic() - start
    memory.stop(label)
    rows = db.execute(
        """
        SELECT f.name, count(l.id), min(l.status), min(l.error), h.last_status, h.last_error
        FROM newswatch.feeds f
        JOIN newswatch.feed_health h ON h.feed_id = f.id
        LEFT JOIN newswatch.poll_log l ON l.feed_id = f.id
        GROUP BY f.name, h.last_status, h.last_error
        """
    ).fetchall()
    outcomes = {name: tuple(rest) for name, *rest in rows}
    statuses = Counter(o[1] for o in outcomes.values())
    print(
        f"[{label}] {report.polled} polled in {seconds:.1f} s: {report.ok} ok, {report.failed} failed, "
        f"{report.new_items} new items; poll_log statuses {dict(sorted(statuses.items()))}"
    )
    assert report.polled == len(config.feeds)
    assert report.ok + report.not_modified + report.failed == report.polled
    return outcomes, memory, seconds


def _check_poll_outcomes(outcomes: Outcomes, names: list[str]) -> None:
    assert sorted(outcomes) == sorted(names)
    for name, (logs, status, error, health_status, health_error) in outcomes.items():
        assert logs == 1, f"{name}: {logs} poll_log rows"
        assert health_status == status, f"{name}: feed_health.last_status {health_status!r}, log {status!r}"
        assert status in FEED_OUTCOMES, f"{name}: unexpected outcome {status}: {error}"
        if status in ("ok", "not_modified"):
            assert error is None and health_error is None, f"{name}: ok with error {error!r}"
        else:
            assert error and error.strip() and health_error == error, f"{name}: {status} without an error"


def test_every_corpus_feed_is_polled_and_its_outcome_recorded(db, database_url, server, feed_files, corpora):
    names = [p.relative_to(corpora).as_posix() for p in feed_files]
    config = _config(
        database_url, server, [(n, server.url(p)) for n, p in zip(names, feed_files, strict=True)]
    )
    outcomes, memory, seconds = _poll(db, config, "feeds")
    _check_poll_outcomes(outcomes, names)
    assert seconds < STAGE_SECONDS
    assert memory.self_growth < MEMORY_GROWTH_MB


def test_every_corpus_page_goes_through_fetch_extract_store_and_dedupe(db, database_url, server, page_files):
    urls = [server.url(p) for p in page_files]
    db.execute(
        "INSERT INTO newswatch.pages (canonical_url, url) SELECT u, u FROM unnest(%s::text[]) AS u", (urls,)
    )
    config = _config(
        database_url, server, [], topics=[CORPUS_TOPIC], extract={"processes": 2, "timeout_seconds": 20}
    )
    memory = Memory()
    start = time.monotonic()
    report = fetch_stage(db, config)
    seconds = time.monotonic() - start
    memory.stop("pages")

    rows = db.execute(
        "SELECT url, status, attempts, error_status, last_error FROM newswatch.pages ORDER BY id"
    ).fetchall()
    statuses = Counter(r[1] for r in rows)
    articles, partial, fingerprints = db.execute(
        "SELECT count(*), count(*) FILTER (WHERE partial),"
        " (SELECT count(*) FROM newswatch.article_fingerprints) FROM newswatch.articles"
    ).fetchone()
    print(
        f"[pages] {len(rows)} pages in {seconds:.1f} s: {dict(sorted(statuses.items()))}; "
        f"{articles} articles ({partial} partial, {fingerprints} fingerprinted); report new={report.new} "
        f"irrelevant={report.irrelevant} failed={report.failed} retrying={report.retrying}"
    )
    for url, status, _attempts, error_status, last_error in rows:
        if status != "relevant":
            print(
                f"[pages]   {status} {error_status or ''} {unquote(url.split('/', 3)[3])} {last_error or ''}"
            )
    assert len(rows) == len(page_files)
    for url, status, attempts, error_status, last_error in rows:
        assert status in PAGE_STATUSES, f"{url}: status {status}"
        assert attempts == 1, f"{url}: attempted {attempts} times"  # every page claimed and finished once
        if status in ("failed", "pending"):
            assert error_status and last_error and last_error.strip(), f"{url}: {status} without an error"
    assert articles > 40
    assert articles == statuses["relevant"]
    assert seconds < STAGE_SECONDS
    assert memory.self_growth < MEMORY_GROWTH_MB
    # Forked workers start as a copy of this process: bound what they added on top of it.
    assert memory.children_after - memory.self_after < MEMORY_GROWTH_MB

    # The whole article path ran: one version per article with its raw HTML, a MinHash for full texts.
    versions = db.execute(
        """
        SELECT a.url, a.partial, v.raw_html, v.raw_bytes, f.article_id IS NOT NULL
        FROM newswatch.articles a
        JOIN newswatch.article_versions v ON v.article_id = a.id AND v.version = 1
        LEFT JOIN newswatch.article_fingerprints f ON f.article_id = a.id
        """
    ).fetchall()
    assert len(versions) == articles
    for url, is_partial, raw_html, raw_bytes, fingerprinted in versions:
        assert len(zlib.decompress(raw_html)) == raw_bytes, url
        assert fingerprinted or is_partial, f"{url}: full text without a MinHash"

    dedupe = dedupe_stage(db)
    print(f"[pages] dedupe: {dedupe.originals} original, {dedupe.duplicates} duplicate")
    assert dedupe.originals + dedupe.duplicates == articles
    left = db.execute("SELECT count(*) FROM newswatch.articles WHERE dedupe_status = 'pending'").fetchone()
    assert left[0] == 0


# As served (text/html), and mislabelled as XML so the parser, not the Content-Type, must notice.
@pytest.mark.parametrize("content_type", [None, "application/xml"], ids=["text-html", "as-xml"])
def test_html_pages_served_as_feeds_are_recorded_failures(
    db, database_url, server, page_files, corpora, content_type
):
    names = [p.relative_to(corpora).as_posix() for p in page_files]
    feeds = [(n, server.url(p, content_type)) for n, p in zip(names, page_files, strict=True)]
    outcomes, memory, seconds = _poll(
        db, _config(database_url, server, feeds), f"pages as feeds, {content_type or 'text/html'}"
    )
    _check_poll_outcomes(outcomes, names)
    assert seconds < STAGE_SECONDS
    assert memory.self_growth < MEMORY_GROWTH_MB
