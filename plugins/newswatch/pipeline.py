"""One cycle of every stage, in one process: what `newswatch run` does and what tests drive.

When the warehouse cannot be reached (at the start, or lost during the cycle), the operators are emailed
directly (alerts.direct) and the cycle stops with WarehouseUnreachable. A cycle that completes (no stage
failed) is recorded in newswatch.cycles and pings the heartbeat URL.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypeVar

import psycopg

from newswatch.alerts import direct, heartbeat
from newswatch.alerts.changes import queue_change_alerts
from newswatch.alerts.freshness import record_cycle
from newswatch.alerts.health import HealthReport, check_feeds, stage_failed, stage_succeeded
from newswatch.alerts.outbox import SendReport, send_pending
from newswatch.config import Config
from newswatch.db import connect, database_url
from newswatch.errors import NewswatchError, WarehouseUnreachable
from newswatch.figures.stage import ChangesReport, FiguresReport, changes_stage, figures_stage
from newswatch.ingest.articles import FetchReport, Progress, fetch_stage
from newswatch.ingest.dedupe import DedupeReport, dedupe_stage
from newswatch.ingest.poll import PollReport, poll_stage, sync_feeds
from newswatch.migrate import require_current, upgrade

if TYPE_CHECKING:
    from newswatch.figures.extractor import FigureExtractor

T = TypeVar("T")


@dataclass
class CycleReport:
    poll: PollReport = field(default_factory=PollReport)
    fetch: FetchReport = field(default_factory=FetchReport)
    dedupe: DedupeReport = field(default_factory=DedupeReport)
    figures: FiguresReport = field(default_factory=FiguresReport)
    changes: ChangesReport = field(default_factory=ChangesReport)
    health: HealthReport = field(default_factory=HealthReport)
    alerts: SendReport = field(default_factory=SendReport)
    failed_stages: dict[str, str] = field(default_factory=dict)
    heartbeat: str | None = None  # "ok", "failed: ...", or None (no heartbeat_url, or stages failed)
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
            f"{self.changes.first} first, {self.changes.revisions} revisions. Alerts: {self.alerts.sent} sent"
            + (f", {self.alerts.retrying} waiting for the mail server" if self.alerts.retrying else "")
            + (f", {self.alerts.failed} failed" if self.alerts.failed else "")
            + "."
            + (f" Failed stages: {', '.join(self.failed_stages)}." if self.failed_stages else "")
            + (f" Heartbeat {self.heartbeat}." if self.heartbeat and self.heartbeat != "ok" else "")
        )


def open_warehouse(config: Config, *, migrate: bool = True) -> psycopg.Connection:
    """Connect (to the embedded server only when that is allowed) and apply pending migrations; with
    migrate=False (Airflow tasks) only check that the schema is current, and fail fast if not."""
    conn = connect(database_url(config), autocommit=True, create=migrate)
    try:
        if migrate:
            upgrade(conn)
        else:
            require_current(conn)
    except BaseException:
        conn.close()
        raise
    # A commit acknowledged before it reaches disk can only be lost in a server crash, and then the
    # page is simply fetched again; waiting for fsync on every small batch would halve throughput.
    conn.execute("SET synchronous_commit = off")
    return conn


def read_warehouse(config: Config) -> psycopg.Connection:
    """Connect for a command that only reads: no database is created, no migration applied."""
    conn = connect(database_url(config), autocommit=True)
    try:
        require_current(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def figure_extractor(config: Config) -> FigureExtractor:
    """The configured figure extractor. Imported when first needed: loading its rules is a good share of
    the start-up of a cycle that finds nothing new."""
    from newswatch.figures.extractor import FigureExtractor
    from newswatch.figures.series import watchlist

    return FigureExtractor(watchlist(config), config.figures.morphology)


def run_cycle(
    config: Config,
    *,
    force: bool = False,
    progress: Progress | None = None,
    conn: psycopg.Connection | None = None,
) -> CycleReport:
    """Every stage once: poll, fetch+extract (with relevance), dedupe, figures, changes (queueing alerts),
    feed health, send alerts. Each stage claims its work from the database; a stage that fails is
    recorded (and alerted) and the later stages still run. Raises WarehouseUnreachable (after emailing
    the operators directly) when the warehouse cannot be reached."""
    start = time.monotonic()
    started_at = datetime.now(UTC)
    own = conn is None
    if conn is None:
        try:
            conn = open_warehouse(config)
        except WarehouseUnreachable as e:
            raise WarehouseUnreachable(f"{e}{direct.report(config, e, 'newswatch run')}") from None
    try:
        report = CycleReport()
        with contextlib.suppress(psycopg.Error):  # a warehouse that fails here fails the first stage too
            direct.settle(conn, config)
        sync_feeds(conn, config)

        def stage(name: str, fn: Callable[[], T], default: T) -> T:
            try:
                result = fn()
                stage_succeeded(conn, config, name)
                return result
            except (psycopg.Error, NewswatchError, OSError, ValueError, RuntimeError) as e:
                message = f"{type(e).__name__}: {' '.join(str(e).split())[:500]}"
                report.failed_stages[name] = message
                try:
                    stage_failed(conn, config, name, message)
                except psycopg.Error as recording:
                    # Not even the failure can be recorded: the warehouse itself is the problem.
                    cause = e if direct.unreachable(e, conn) else recording
                    note = direct.report(config, cause, f"newswatch run ({name} stage)")
                    if conn.broken:
                        raise WarehouseUnreachable(
                            f"lost the connection to the warehouse during the {name} stage: {message}{note}"
                        ) from None
                return default

        report.poll = stage(
            "poll", lambda: poll_stage(conn, config, force=force, progress=progress), PollReport()
        )
        report.fetch = stage("fetch", lambda: fetch_stage(conn, config, progress=progress), FetchReport())
        report.dedupe = stage("dedupe", lambda: dedupe_stage(conn), DedupeReport())
        report.figures = stage(
            "figures",
            lambda: figures_stage(conn, lambda: figure_extractor(config)),
            FiguresReport(),
        )
        report.changes = stage(
            "changes",
            lambda: changes_stage(
                conn, config.figures.change_threshold, lambda c, ids: queue_change_alerts(c, config, ids)
            ),
            ChangesReport(),
        )
        report.health = stage("health", lambda: check_feeds(conn, config), HealthReport())
        report.alerts = stage("alerts", lambda: send_pending(conn, config), SendReport())
        with contextlib.suppress(psycopg.Error):
            record_cycle(conn, "newswatch run", started_at, list(report.failed_stages))
        if not report.failed_stages:  # a dead man's switch must only hear from a cycle that worked
            report.heartbeat = heartbeat.ping(config.alerts)
        report.seconds = time.monotonic() - start
        return report
    finally:
        if own:
            conn.close()
