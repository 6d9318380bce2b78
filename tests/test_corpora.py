"""The robustness battery: 400 real third-party feeds and 61 real pages through the real stages.

Every file must be polled, parsed and extracted without an exception escaping, a hang or unbounded
memory; a bad file is an acceptable *recorded* outcome. The corpora are not part of the repository:
they are read from $NEWSWATCH_CORPORA, else from shared/corpora beside the clone (see
shared/corpora/README.md), and served by a real HTTP server on loopback. Run with `pytest -s` to
see the outcome breakdown and memory figures.
"""

from __future__ import annotations

import csv
import resource
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from newswatch.articles import fetch_stage
from newswatch.config import Config
from newswatch.dedupe import dedupe_stage
from newswatch.poll import poll_stage, sync_feeds
from tests.conftest import make_config
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


@pytest.fixture(scope="module")
def corpora() -> Path:
    root = corpora_dir()
    if not (root / "MANIFEST.tsv").is_file():
        pytest.skip(
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


def _config(database_url: str, server: CorporaServer, feeds: list[tuple[str, str]], **sections: dict) -> Config:  # type: ignore[type-arg]
    http = {"allow_hosts": [server.host_port], "timeout_seconds": 10}
    return make_config(database_url, None, feeds, http=http, **sections)


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


def _poll(db: psycopg.Connection, config: Config, label: str) -> tuple[dict[str, tuple], Memory, float]:  # type: ignore[type-arg]
    """Run the real poll stage over config.feeds; return name -> (status, error, health) per feed."""
    sync_feeds(db, config.feeds)
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
    outcomes = {name: (logs, status, error, health_status, health_error) for name, *_ in rows for _ in [0]
                for logs, status, error, health_status, health_error in [tuple(_r for _r in rows
                if _r[0] == name)[0][1:]]}
    statuses = Counter(o[1] for o in outcomes.values())
    print(
        f"[{label}] {report.polled} polled in {seconds:.1f} s: {report.ok} ok, {report.failed} failed, "
        f"{report.new_items} new items; poll_log statuses {dict(sorted(statuses.items()))}"
    )
    assert report.polled == len(config.feeds)
    assert report.ok + report.not_modified + report.failed == report.polled
    return outcomes, memory, seconds
