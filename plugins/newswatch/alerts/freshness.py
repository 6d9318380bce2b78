"""Is anything still running? Every cycle is recorded when it ends (newswatch.cycles); the digest says
when the last one completed and when the last new article arrived, and STALE when the schedule seems
to have stopped (a crashed scheduler, a disabled cron job: nothing runs, so nothing else would say so).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

import psycopg

from newswatch import settings
from newswatch.config import Config

RECORD = "INSERT INTO newswatch.cycles (runner, started_at, failed_stages) VALUES (%s, %s, %s)"

LATEST = """
SELECT (SELECT max(finished_at) FROM newswatch.cycles WHERE completed AND finished_at <= %(at)s),
       (SELECT max(first_seen_at) FROM newswatch.articles WHERE first_seen_at <= %(at)s),
       (SELECT max(first_seen_at) FROM newswatch.items WHERE first_seen_at <= %(at)s)
"""


def record_cycle(
    conn: psycopg.Connection, runner: str, started_at: datetime, failed_stages: list[str]
) -> None:
    """A cycle reached its end; it completed when no stage failed."""
    conn.execute(RECORD, (runner, started_at, failed_stages))


@dataclass
class Freshness:
    at: datetime
    last_cycle: datetime | None
    last_article: datetime | None
    last_item: datetime | None
    interval: timedelta

    @property
    def stale(self) -> bool:
        """True when no cycle has completed for more than STALE_AFTER_INTERVALS polling intervals."""
        limit = settings.STALE_AFTER_INTERVALS * self.interval
        return self.last_cycle is None or self.at - self.last_cycle > limit

    def subject_prefix(self) -> str:
        if self.last_cycle is None:
            return "STALE: no completed cycle recorded; "
        return f"STALE: no completed cycle for {_age(self.at - self.last_cycle)}; "

    def lines(self, tz: tzinfo) -> list[str]:
        """What the digest says, one line each, times in tz."""
        lines = [
            f"Last completed cycle: {self._when(self.last_cycle, tz)}",
            f"Last new article: {self._when(self.last_article, tz)}",
            f"Last new feed item: {self._when(self.last_item, tz)}",
        ]
        if self.stale:
            lines.append(
                f"STALE: no cycle has completed for more than {settings.STALE_AFTER_INTERVALS} polling "
                f"intervals ({_age(self.interval)} each). Check the scheduler: Airflow's scheduler and the "
                "newswatch_poll DAG, or the cron job running `newswatch run`."
            )
        return lines

    def _when(self, value: datetime | None, tz: tzinfo) -> str:
        if value is None:
            return "never"
        return f"{format_time(value, tz)} ({_age(self.at - value)} before this digest)"


def freshness(conn: psycopg.Connection, config: Config, at: datetime) -> Freshness:
    """The latest completed cycle, article and feed item up to `at`."""
    row = conn.execute(LATEST, {"at": at}).fetchone() or (None, None, None)
    return Freshness(at, row[0], row[1], row[2], timedelta(minutes=config.poll.interval_minutes))


def format_time(value: datetime, tz: tzinfo, zone_name: bool = True) -> str:
    """A time in tz, labelled with that zone's abbreviation (and its name, unless the zone is UTC)."""
    local = value.astimezone(tz)
    name = getattr(tz, "key", None)
    label = f"{local:%Y-%m-%d %H:%M} {local.strftime('%Z') or 'UTC'}"
    return label + (f" ({name})" if zone_name and name and name != "UTC" else "")


def _age(delta: timedelta) -> str:
    minutes = max(delta.total_seconds(), 0) / 60
    if minutes < 90:
        return f"{minutes:.0f} minutes"
    if minutes < 48 * 60:
        return f"{minutes / 60:.1f} hours"
    return f"{minutes / 1440:.1f} days"
