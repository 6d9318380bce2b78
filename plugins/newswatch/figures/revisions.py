"""What counts as a change: one source's cumulative figures for one series, replayed in publication order.

Pure (no database): the changes stage runs it over a stream's stored figures, and `newswatch eval`
replays labelled sequences of articles with it.

- `first`: the first value the source ever gave. `revision`: a value that differs from the source's
  last recorded one (by more than the threshold, relative).
- Not a change: the same value again, from any outlet; the same value with another qualifier ("about
  11,000" then "11,000"); a value the source had given before its current one (an article never revises
  backwards: it is a recollection, or an old article published late).
- An article's claim is its first value, in reading order, that is not such an older value. Reading order
  is the body's order with the headline last: a headline shortens and rounds what the body states.
- A conflict: when an article takes the source back to the value before its latest revision, and that
  revision came from an article of the same day, the two articles disagree about one statement. The
  later article decides: the revision is withdrawn (no event) and the earlier value stands.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class Claim:
    """One value an article reports for the stream (`key` identifies it: a figure id, a label index)."""

    key: Hashable
    value: float
    qualifier: str
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Report:
    """One article (or one version of it) in the stream: its claims in text order."""

    article: Hashable
    at: datetime
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Event:
    kind: str  # first | revision
    claim: Claim
    report: Report
    previous: Claim | None = None
    previous_report: Report | None = None


def decide(reports: Iterable[Report], threshold: float = 0.0) -> list[Event]:
    """The stream's changes: `reports` in publication order, all from one source about one series."""
    events: list[Event] = []
    for report in reports:
        for claim in report.claims:
            if not events:
                events.append(Event("first", claim, report))
                break
            current = events[-1]
            if same_value(claim, current.claim, threshold):
                break  # the article supports the current value
            if (
                current.previous is not None
                and _day(current.report.at) == _day(report.at)
                and same_value(claim, current.previous, threshold)
            ):
                events.pop()  # a same-day flip: the later article supports the earlier value
                break
            if any(same_value(claim, e.claim, threshold) for e in events):
                continue  # a value given before the current one: never a backwards revision
            events.append(Event("revision", claim, report, current.claim, current.report))
            break
    return events


def same_value(a: Claim, b: Claim, threshold: float = 0.0) -> bool:
    """Equal values (qualifiers aside; ranges by their bounds), or within the relative threshold of b."""
    if a.qualifier == "range" and b.qualifier == "range" and (a.low, a.high) != (b.low, b.high):
        return False
    if a.value == b.value:
        return True
    return abs(a.value - b.value) / max(abs(b.value), 1.0) <= threshold


def _day(at: datetime) -> object:
    return at.astimezone(UTC).date() if at.tzinfo else at.date()


def reading_order(sentence: int, has_title: bool) -> tuple[bool, int]:
    """Sort key of a claim within its article: body sentences in order, then the headline (sentence 0)."""
    return (has_title and sentence == 0, sentence)


def stream_order(reports: Sequence[Report]) -> list[Report]:
    """Reports sorted by publication time (stable: equal times keep their given order)."""
    return sorted(reports, key=lambda r: r.at)
