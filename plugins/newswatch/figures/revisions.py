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
- A jump: a value under a tenth or over twenty times the current one. Real revisions of a running total
  or a headcount move less than that (the labelled corpora's widest: x0.15 and x15, both corrections);
  a misread figure (a month's losses taken for the total, a count of something else) moves more. One
  article does not make a jump a revision: the next article from the source that gives about the same
  value (within a factor of two) confirms it, and the revision is recorded then, from that article. Until
  then the article's next value, if any, is its claim.
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


# A revision moves the value by less than these factors; a larger move needs a second article (a jump).
JUMP_DOWN = 0.1
JUMP_UP = 20.0
CONFIRM = 2.0  # a later value confirms a jump when within this factor of it


def decide(reports: Iterable[Report], threshold: float = 0.0) -> list[Event]:
    """The stream's changes: `reports` in publication order, all from one source about one series."""
    events: list[Event] = []
    jump: tuple[Claim, Report] | None = None  # a jump waiting for a second article
    for report in reports:
        for claim in report.claims:
            if not events:
                events.append(Event("first", claim, report))
                break
            current = events[-1]
            if same_value(claim, current.claim, threshold):
                jump = None  # the article supports the current value: nothing confirms the jump
                break
            if (
                current.previous is not None
                and _day(current.report.at) == _day(report.at)
                and same_value(claim, current.previous, threshold)
            ):
                events.pop()  # a same-day flip: the later article supports the earlier value
                break
            if any(same_value(claim, e.claim, threshold) for e in events):
                continue  # a value given before the current one: never a backwards revision
            if _is_jump(claim, current.claim):
                if jump is None or jump[1].article == report.article or not _within(claim, jump[0], CONFIRM):
                    jump = (claim, report)
                    continue  # one article's jump: the article's next value, if any, is its claim
            jump = None
            events.append(Event("revision", claim, report, current.claim, current.report))
            break
    return events


def _is_jump(claim: Claim, current: Claim) -> bool:
    if current.value <= 0 or claim.value <= 0:
        return False
    ratio = claim.value / current.value
    return ratio < JUMP_DOWN or ratio > JUMP_UP


def _within(a: Claim, b: Claim, factor: float) -> bool:
    return a.value > 0 and b.value > 0 and 1 / factor <= a.value / b.value <= factor


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
