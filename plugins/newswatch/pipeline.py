"""One cycle of every stage, in one process: what `newswatch run` does and what tests drive."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import psycopg

from newswatch.articles import FetchReport, Progress, fetch_stage
from newswatch.config import Config
from newswatch.db import connect, database_url
from newswatch.dedupe import DedupeReport, dedupe_stage
from newswatch.figures.extractor import FigureExtractor
from newswatch.figures.stage import ChangesReport, FiguresReport, changes_stage, figures_stage
from newswatch.migrate import upgrade
from newswatch.poll import PollReport, poll_stage, sync_feeds


@dataclass
class CycleReport:
    poll: PollReport = field(default_factory=PollReport)
    fetch: FetchReport = field(default_factory=FetchReport)
    dedupe: DedupeReport = field(default_factory=DedupeReport)
    figures: FiguresReport = field(default_factory=FiguresReport)
    changes: ChangesReport = field(default_factory=ChangesReport)
    seconds: float = 0.0

    def summary(self) -> str:
        """The one-paragraph summary printed at the end of a run."""
        p, f, d = self.poll, self.fetch, self.dedupe
        return (
            f"Cycle finished in {self.seconds:.1f} s. Feeds: {p.polled} polled, {p.ok} with items, "
            f"{p.not_modified} not modified, {p.failed} failed; {p.new_items} new items. "
            f"Articles: {d.originals} new, {d.duplicates} duplicate, {f.irrelevant} irrelevant, "
            f"{f.failed} failed, {f.retrying} to retry later"
            + (f", {f.updated} updated in place" if f.updated else "")
            + (f", {f.partial} partial (feed summary only)" if f.partial else "")
            + f". Figures: {self.figures.figures} from {self.figures.articles} articles; changes: "
            f"{self.changes.first} first, {self.changes.revisions} revisions."
        )


def open_warehouse(config: Config) -> psycopg.Connection:
    """Connect (starting the embedded server if no URL is set), apply pending migrations."""
    conn = connect(database_url(config), autocommit=True, create=True)
    upgrade(conn)
    # A commit acknowledged before it reaches disk can only be lost in a server crash, and then the
    # page is simply fetched again; waiting for fsync on every small batch would halve throughput.
    conn.execute("SET synchronous_commit = off")
    return conn


def run_cycle(
    config: Config,
    *,
    force: bool = False,
    progress: Progress | None = None,
    conn: psycopg.Connection | None = None,
) -> CycleReport:
    """Poll, fetch+extract (with relevance), dedupe: each stage claims its work from the database."""
    start = time.monotonic()
    own = conn is None
    conn = conn or open_warehouse(config)
    try:
        report = CycleReport()
        sync_feeds(conn, config.feeds)
        report.poll = poll_stage(conn, config, force=force, progress=progress)
        report.fetch = fetch_stage(conn, config, progress=progress)
        report.dedupe = dedupe_stage(conn)
        report.figures = figures_stage(conn, FigureExtractor(config.figures.series))
        report.changes = changes_stage(conn, config.figures.change_threshold)
        report.seconds = time.monotonic() - start
        return report
    finally:
        if own:
            conn.close()
