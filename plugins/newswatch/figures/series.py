"""The watchlist: which quantities newswatch follows, each named `subject.metric`.

A subject is who the figure is about (North Korean troops in Russia, Russia's troops); a metric is
what is counted (killed, wounded, deployed ...). Users add series in config by naming the subject
and metric terms; the shipped subjects and metrics below can be reused by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from newswatch.config import Config
from newswatch.errors import ConfigError

# A weak metric (deployed) names the people, not what happened to them: any other metric in the same
# clause overrides it.
DEPLOYED = "deployed"
WEAK_METRICS = frozenset({DEPLOYED})
# Series whose figures are running totals of a whole war: a regional or daily count is not one of them.
CUMULATIVE_SUBJECTS = frozenset({"russia_troops"})
# Metrics whose counts can be bounded to a period ("killed in October"); a headcount or the number
# captured is always a current total, whenever the troops were sent or taken.
PERIOD_METRICS = frozenset({"killed", "wounded", "casualties"})
# "since <date>" counts from the start when the date is no later than this: the full-scale invasion
# (24 Feb 2022) for Russia's losses; for North Korean troops, their arrival and first combat (autumn to
# December 2024), so "since December" in early 2025 is the whole deployment.
# When a text names no subject at all, who the source speaks about: South Korea's and North Korea's
# sources speak about North Korean troops in these reports.
SUBJECT_OF_SOURCE = {
    "NIS": "dprk_troops_russia",
    "South Korea": "dprk_troops_russia",
    "North Korea": "dprk_troops_russia",
}
COUNTS_FROM_START_UNTIL = {"russia_troops": date(2022, 2, 28), "dprk_troops_russia": date(2024, 12, 31)}


@dataclass(frozen=True)
class Series:
    key: str
    subject: str
    metric: str
    label: str
    subject_terms: tuple[str, ...] = ()
    metric_terms: tuple[str, ...] = ()


DEFAULT_SERIES: tuple[Series, ...] = (
    Series("dprk_troops_russia.deployed", "dprk_troops_russia", "deployed", "NK troops in Russia, deployed"),
    Series("dprk_troops_russia.killed", "dprk_troops_russia", "killed", "NK troops in Russia, killed"),
    Series("dprk_troops_russia.wounded", "dprk_troops_russia", "wounded", "NK troops in Russia, wounded"),
    Series(
        "dprk_troops_russia.casualties", "dprk_troops_russia", "casualties", "NK troops in Russia, casualties"
    ),
    Series("dprk_troops_russia.captured", "dprk_troops_russia", "captured", "NK troops in Russia, captured"),
    Series("russia_troops.casualties", "russia_troops", "casualties", "Russian troops, casualties"),
)


def watchlist(config: Config) -> tuple[Series, ...]:
    """The shipped series plus the config's [[series]]; a new subject or metric must list its terms."""
    series = {s.key: s for s in DEFAULT_SERIES}
    for entry in config.figures.series:
        # Imported only here: every cycle builds its watchlist, few configs add series to check.
        from newswatch.figures.lexicon import lexicon_for

        where = f"{config.source}: [[series]] {entry.key!r}"
        known = lexicon_for("en")
        if not entry.subject_terms and entry.subject not in known.subjects:
            raise ConfigError(
                f"{where} names a new subject {entry.subject!r}: list its terms in subject = [...]"
            )
        if not entry.metric_terms and entry.metric not in known.metrics:
            raise ConfigError(
                f"{where} names a new metric {entry.metric!r}: list its terms in metric = [...]"
            )
        series[entry.key] = Series(
            entry.key, entry.subject, entry.metric, entry.label, entry.subject_terms, entry.metric_terms
        )
    return tuple(series.values())
