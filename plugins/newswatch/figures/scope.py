"""Scope: is a count a running total (cumulative) or bounded to a period ("in October", "in the past
day", "since the start of 2025", "in a single assault"), and which dates does the period cover?

The language's lexicon lists period phrases by kind; this module finds the phrase that governs a number
and turns it into dates with the article's publication date: "in October" in an article of 2025-11-03
is 2025-10-01 / 2025-10-31. Dates stay None when the text and the date do not make them certain.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from newswatch.figures import literals
from newswatch.figures.lexicon import Lexicon

CUMULATIVE = "cumulative"
PERIOD = "period"


@dataclass(frozen=True)
class Scope:
    kind: str = CUMULATIVE
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Phrase:
    kind: str  # a period kind from the lexicon, or "cumulative"
    start: int
    end: int
    groups: tuple[tuple[str, str], ...]
    statement: bool = False  # it dates when a source spoke ("said last week"), not what was counted

    def group(self, name: str) -> str | None:
        return dict(self.groups).get(name)

    def number(self, name: str) -> int | None:
        text = self.group(name)
        return int(text) if text and text.isdigit() else None


class ScopeReader:
    """One language's period phrases, compiled once."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.periods = [(kind, re.compile(p, re.IGNORECASE)) for kind, p in lexicon.periods]
        # Most sentences hold none of a period pattern's words: a substring test skips its scan.
        self._periods_needing = [(kind, rx, literals.required(rx)) for kind, rx in self.periods]
        self.cumulative = re.compile(lexicon.cumulative, re.IGNORECASE)
        self.statement_before = re.compile(lexicon.statement_time_before, re.IGNORECASE)
        self.statement_after = re.compile(lexicon.statement_time_after, re.IGNORECASE)
        self.statement_next = re.compile(lexicon.statement_time_next, re.IGNORECASE)
        self.span_opening = re.compile(lexicon.span_opening, re.IGNORECASE)
        self.same_period = re.compile(lexicon.same_period, re.IGNORECASE)
        self.period_subject_after = re.compile(lexicon.period_subject_after, re.IGNORECASE)
        self.period_subject_before = re.compile(lexicon.period_subject_before, re.IGNORECASE)
        self.loss_events = re.compile(lexicon.loss_events, re.IGNORECASE)
        self.estimate_object = re.compile(lexicon.estimate_object, re.IGNORECASE)
        self.source_insert = re.compile(lexicon.source_insert, re.IGNORECASE)
        self.record_before = re.compile(lexicon.record_before, re.IGNORECASE)
        self.event_noun_before = re.compile(lexicon.event_noun_before, re.IGNORECASE)
        self.revision = re.compile(lexicon.revision_verbs, re.IGNORECASE)
        self.past_marker = re.compile(lexicon.past_marker, re.IGNORECASE)
        self.now_marker = re.compile(lexicon.now_marker, re.IGNORECASE)
        self.sequel = re.compile(lexicon.sequel_marker, re.IGNORECASE)
        self.month_part = re.compile(lexicon.month_part, re.IGNORECASE)
        self.unit_count_after = re.compile(lexicon.unit_count_after, re.IGNORECASE)
        self.unit_named_before = re.compile(lexicon.unit_named_before, re.IGNORECASE)
        self.unit_own_after = re.compile(lexicon.unit_own_after, re.IGNORECASE)

    def phrases(self, sentence: str) -> list[Phrase]:
        """Period and cumulative phrases of a sentence, longest first where they overlap."""
        lowered = literals.folded(sentence)
        found = [
            Phrase(kind, m.start(), m.end(), tuple((k, v) for k, v in m.groupdict().items() if v))
            for kind, rx, need in self._periods_needing
            if literals.possible(need, lowered)
            for m in rx.finditer(sentence)
        ]
        found += [
            Phrase(CUMULATIVE, m.start(), m.end(), ())
            for m in self.cumulative.finditer(sentence)
            if not self.record_before.search(sentence, max(0, m.start() - 40), m.start())
        ]
        found.sort(key=lambda p: (p.start, -(p.end - p.start)))
        kept: list[Phrase] = []
        for p in found:
            if kept and p.start < kept[-1].end:
                continue
            revised = self.revision.search(sentence, max(0, p.start - 80), p.start)
            if p.kind != CUMULATIVE and (revised or self._dates_a_statement(sentence, p)):
                p = Phrase(p.kind, p.start, p.end, p.groups, statement=True)
            kept.append(p)
        return kept

    def unit_count(self, sentence: str, start: int, end: int) -> bool:
        """The count at [start, end) is one small unit's people ("nine soldiers of an engineer regiment")."""
        if self.unit_count_after.match(sentence, end):
            return True
        # "hailed the return of the engineer regiment, calling the loss of nine lives heart-rending": a unit
        # named just before the count, in its stretch of the sentence, owns it
        named = list(self.unit_named_before.finditer(sentence, max(0, start - 80), start))
        if named and not re.search(r"[;:]|\d", sentence[named[-1].end() : start]):
            return True
        return bool(
            self.unit_own_after.match(sentence, end)
            and self.unit_named_before.search(sentence, max(0, start - 160), start)
        )

    def anchor(self, sentence: str, lexicon: Lexicon, published: date | None) -> date | None:
        """When the sentence's claim was made, if it says: a dated statement ("said in April"), a recollection
        ("initially", "at first": the earliest), or the present ("now", "latest": the publication date)."""
        if self.past_marker.search(sentence):
            return date.min
        if published is None:
            return None
        for p in self.phrases(sentence):
            if p.statement:
                dates = _dates(p, lexicon, published)
                if dates:
                    return min(dates[1], published)
        if self.now_marker.search(sentence):
            return published
        return None

    def time_of(self, sentence: str, lexicon: Lexicon, published: date | None) -> date | None:
        """When a sentence's events happened, loosely: the end of its first dated phrase, or of a month part
        ("In late April, ..."); for the steps of a timeline."""
        if published is None:
            return None
        for p in self.phrases(sentence):
            dates = _dates(p, lexicon, published) if p.kind != CUMULATIVE else None
            if dates:
                return min(dates[1], published)
        m = self.month_part.search(sentence)
        month = _month(m.group("month"), lexicon) if m else None
        if m and month:
            year = int(m.group("year")) if m.group("year") else _latest_month_year(published, month)
            return min(_month_end(year, month), published)
        return None

    def _dates_a_statement(self, sentence: str, p: Phrase) -> bool:
        """ "said last week", "In October, the NIS said": the phrase dates the statement, not the count."""
        if (
            p.kind == CUMULATIVE
            or p.group("alone")
            or p.group("attr")
            or sentence.endswith("'s", p.start, p.end)
        ):
            # "put October's losses at 41,980", "put Russia's December losses at": the period is what was counted
            return False
        if self.span_opening.match(sentence, p.start):
            return False  # "знищили 1200 окупантів за минулу добу, повідомив Генштаб": the span is counted
        if self.statement_before.search(sentence, max(0, p.start - 50), p.start):
            return True
        following = sentence[p.end : p.end + 80]
        # ("lost 1,210 over the past day, says Kyiv": a stretch back from now is counted, never a time of speaking)
        if p.kind != "past" and self.statement_next.match(following):
            return True
        lead = sentence[: p.start].strip(" \"'“‘-–—•*")  # (a list's bullet is no lead)
        # ("..., and in March Britain's defence ministry put the figure at about 900,000": a clause's opening)
        opens = not lead or lead.endswith(", and")
        return opens and bool(self.statement_after.match(following))


@cache
def reader(lexicon: Lexicon) -> ScopeReader:
    return ScopeReader(lexicon)


# A span that runs from the war's start to this many days before publication is a running total.
RECENT_DAYS = 62
# How far (characters) a period phrase may stand from the number it bounds, inside its clause.
REACH = 120


def governing_phrase(
    phrases: list[Phrase],
    number_start: int,
    number_end: int,
    clause: tuple[int, int],
    segment: tuple[int, int],
    sentence: str = "",
    after_clause: bool = True,
) -> Phrase | None:
    """The phrase that bounds a number: the nearest in its clause, else the nearest close by in the stretch
    between its neighbouring numbers (`after_clause`: also one after the clause's end)."""
    inside = [p for p in phrases if segment[0] <= p.start and p.end <= segment[1] and not p.statement]
    in_clause = [
        p
        for p in inside
        if (
            p.start >= number_end
            and p.start < clause[1]
            and p.start - number_end <= REACH
            and not _REPORTED_AFTER.search(sentence, number_end, p.start)
        )
        or (p.end <= number_start and p.start >= clause[0] and number_start - p.end <= REACH)
    ]
    if in_clause:
        # The nearest; a phrase after the number wins a tie ("lost 31,000 troops in October").
        return min(in_clause, key=lambda p: (_gap(p, number_start, number_end), p.start < number_start))
    near = [
        p
        for p in inside
        if (
            (p.end <= number_start and number_start - p.end <= REACH // 3)
            or (after_clause and p.start >= number_end and p.start - number_end <= REACH // 3)
        )
        and not _BARRIER.search(sentence[min(p.end, number_end) : max(p.start, number_start)])
        and not (p.start >= number_end and _REPORTED_AFTER.search(sentence, number_end, p.start))
    ]
    if near:
        return min(near, key=lambda p: min(abs(p.start - number_end), abs(number_start - p.end)))
    return None


# "estimates the figure at about 950,000 and has predicted that the mark would be passed this summer": a phrase
# in a clause reported after the count bounds that clause, not the count.
_REPORTED_AFTER = re.compile(
    r"\b(?:predicted|predicts|forecast|forecasts|expects|expected|warned|warns|said|says|added|adds|noted|notes|"
    r"believes|believed)\s+that\b"
    # "and is likely to pass the million mark this summer": a forecast's phrase
    r"|\b(?:likely|expected|set|poised|on\s+(?:course|track))\s+to\s+(?:pass|cross|reach|top|exceed|surpass|hit)\b"
)
# What a phrase close by may not reach across: a semicolon, a dash or a parenthesis sets off its own count.
# "and that" opens another reported claim: "sent 10,000 troops in 2024 and that about 2,000 have been killed".
_BARRIER = re.compile(r";|\s[—–-]\s|[()]|\band\s+that\b")


def _gap(p: Phrase, number_start: int, number_end: int) -> int:
    return p.start - number_end if p.start >= number_end else number_start - p.end


def resolve(phrase: Phrase | None, lexicon: Lexicon, published: date | None, war_start: date | None) -> Scope:
    """The scope a phrase gives: dates from the publication date; "since <the war began>" is cumulative."""
    if phrase is None or phrase.kind == CUMULATIVE:
        return Scope()
    if phrase.kind == "since" and war_start:
        start = _since(phrase, lexicon, published)
        if start and start <= war_start:
            return Scope()
    if phrase.kind == "season" and phrase.group("since") and published and war_start:
        # "since late autumn": from the latest such season's start; from before the war's start, the whole war
        start = _season_start(phrase, published)
        return Scope() if start <= war_start else Scope(PERIOD, None, published)
    if phrase.group("part"):
        # "since mid-October": a period, from a day the text does not name, up to the article's date
        return Scope(PERIOD, None, published if phrase.group("since") or phrase.kind == "since" else None)
    if (
        phrase.kind == "event"
        and published
        and war_start
        and _reaches_back_to(phrase, lexicon, published, war_start)
    ):
        return (
            Scope()
        )  # "4,000 casualties in roughly three months" of a deployment three months old: all of it
    if phrase.kind == "event" and phrase.group("since") and published:
        return Scope(PERIOD, None, published)  # "since the offensive began": up to the article's date
    dates = _dates(phrase, lexicon, published) if published else None
    if (
        dates
        and published
        and war_start
        and phrase.kind in ("between", "days")
        and dates[0] <= war_start
        and (published - dates[1]).days <= RECENT_DAYS
    ):
        return Scope()  # "from February 2022 through December 2025", weeks before publication: the whole war
    if dates is None:
        return Scope(PERIOD)
    return Scope(PERIOD, dates[0], dates[1])


# Days in a month, for a stretch counted in months ("in roughly three months").
_MONTH_DAYS = 30.5


def _reaches_back_to(p: Phrase, lexicon: Lexicon, published: date, war_start: date) -> bool:
    """A stretch of stated length up to now ("in three months") that starts no later than the war or the
    deployment did is all of it; an opening or closing one ("the first three months") is not. Only months:
    days or weeks ("over three days") are one stretch of fighting, however early."""
    n = _small(p.group("n"), lexicon)
    unit = (p.group("unit") or "").lower()
    if p.group("ord") or not n or lexicon.unit_names.get(unit, unit).rstrip("s") != "month":
        return False
    return published - timedelta(days=n * _MONTH_DAYS) <= war_start


def _dates(p: Phrase, lexicon: Lexicon, published: date) -> tuple[date, date] | None:
    kind = p.kind
    n = _small(p.group("n"), lexicon)
    unit = re.sub(r"\s+", " ", (p.group("unit") or "").lower())
    unit = lexicon.unit_names.get(unit, unit)
    month = _month(p.group("month"), lexicon)
    year = p.number("year") or p.number("year2")
    day = p.number("day") or p.number("day0")
    if kind == "past":
        days = lexicon.unit_days.get(unit or "day")
        hours = p.number("n")
        if hours and unit in ("", "hours"):
            days = max(1, hours // 24)
            n = 1
        if not days:
            return None
        return published - timedelta(days=days * (n or 1)), published
    if kind == "yesterday":
        return published - timedelta(days=1), published - timedelta(days=1)
    if kind == "weekend":
        sunday = (
            published if published.weekday() == 6 else published - timedelta(days=published.weekday() + 1)
        )
        return sunday - timedelta(days=1), sunday
    if kind == "day" and month and day:
        y = year or _latest_year(published, month, day)
        day2 = p.number("day2") or day
        try:
            return date(y, month, day), date(y, month, day2)
        except ValueError:
            return None
    if kind == "quarter":
        if p.group("prev"):
            q0, y0 = (
                (published.month - 1) // 3,
                published.year,
            )  # the previous quarter, 0 meaning last year's fourth
            q0, y0 = (q0, y0) if q0 else (4, y0 - 1)
            return date(y0, 3 * q0 - 2, 1), _month_end(y0, 3 * q0)
        q = lexicon.quarter_numbers.get((p.group("n") or "").lower())
        if q is None:
            return None
        y = year or (
            published.year if date(published.year, 3 * q - 2, 1) <= published else published.year - 1
        )
        first, last = date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
        return (first, min(last, published)) if first <= published else None
    if kind == "half":
        second = (p.group("n") or "").lower() in ("second", "latter", "h2")
        y = year or (published.year if not second or published.month > 6 else published.year - 1)
        first_day = date(y, 7, 1) if second else date(y, 1, 1)
        last_day = date(y, 12, 31) if second else date(y, 6, 30)
        return (first_day, min(last_day, published)) if first_day <= published else None
    if kind == "weekday":
        target = lexicon.weekdays.get((p.group("weekday") or "").lower())
        if target is None:
            return None
        d = published - timedelta(days=(published.weekday() - target) % 7)
        return (d, published) if p.group("since") else (d, d)
    if kind == "weekdays":
        from_day = lexicon.weekdays.get((p.group("weekday") or "").lower())
        to_day = lexicon.weekdays.get((p.group("weekday2") or "").lower())
        if from_day is None or to_day is None:
            return None
        # the latest such pair of days up to the article's date
        to_date = published - timedelta(days=(published.weekday() - to_day) % 7)
        return to_date - timedelta(days=(to_day - from_day) % 7), to_date
    if kind == "holiday":
        day_of = lexicon.holidays.get(re.sub(r"\s+", " ", (p.group("holiday") or "").lower()))
        if day_of is None:
            return None
        on = date(_latest_year(published, *day_of), *day_of)
        return on, on
    if kind == "holidays":
        opens = lexicon.holidays.get(re.sub(r"\s+", " ", (p.group("holiday") or "").lower()))
        closes = lexicon.holidays.get(re.sub(r"\s+", " ", (p.group("holiday2") or "").lower()))
        if opens is None or closes is None:
            return None
        y2 = _latest_year(published, *closes)
        y1 = y2 if opens <= closes else y2 - 1
        return date(y1, *opens), date(y2, *closes)
    if kind == "between" and month:
        month2 = _month(p.group("month2"), lexicon) or month
        y2 = year or _latest_month_year(published, month2)
        y1 = p.number("year0") or (y2 if month <= month2 else y2 - 1)
        return date(y1, month, 1), _month_end(y2, month2)
    if kind == "days" and month and day:
        month2 = _month(p.group("month2"), lexicon) or month
        day2 = p.number("day2") or day
        y2 = year or _latest_year(published, month2, day2)
        y1 = p.number("year0") or (y2 if (month, day) <= (month2, day2) else y2 - 1)
        try:
            return date(y1, month, day), date(y2, month2, day2)
        except ValueError:
            return None
    if kind == "monthday" and day:
        # "지난 20일", "on the 20th": the latest such day of a month, not after publication
        y, m = published.year, published.month
        if day > published.day:
            y, m = (y, m - 1) if m > 1 else (y - 1, 12)
        try:
            return date(y, m, day), date(y, m, day)
        except ValueError:
            return None
    if kind == "years" and year:
        y0 = p.number("year0") or year
        end = date(year, 12, 31) if year < published.year else published
        return (date(y0, 1, 1), end) if y0 <= year <= published.year else None
    if kind == "first" and month:
        # the opening days or weeks of a month, up to the article's date
        y = year or _latest_month_year(published, month)
        days = (lexicon.unit_days.get(unit) or 0) * (n or 1)
        if not days:
            return None
        first_day = date(y, month, 1)
        return first_day, min(first_day + timedelta(days=days - 1), _month_end(y, month), published)
    if kind == "upto":
        days = (lexicon.unit_days.get(unit) or 0) * (n or 1)
        if month and day:
            try:
                end = date(year or _latest_year(published, month, day), month, day)
            except ValueError:
                return None
        elif p.group("weekday"):
            target = lexicon.weekdays.get((p.group("weekday") or "").lower())
            if target is None:
                return None
            end = published - timedelta(days=(published.weekday() - target) % 7)
        else:
            return None
        return (end - timedelta(days=days - 1), end) if days else None
    if kind == "first":
        y = year or published.year
        word = (p.group("n") or "").lower()
        word = lexicon.unit_names.get(word, word)
        months = 6 if word == "half" else 3 if word == "quarter" else None
        if months is None and n and unit.startswith("month"):
            months = n
        if months:
            return date(y, 1, 1), _month_end(y, months)
        if n and unit.startswith("week"):
            return date(y, 1, 1), date(y, 1, 1) + timedelta(days=7 * n - 1)
        if n and unit.startswith("day"):
            return date(y, 1, 1), date(y, 1, 1) + timedelta(days=n - 1)
        return None
    if kind == "this":
        if year and year != published.year:
            return (date(year, 1, 1), date(year, 12, 31)) if year < published.year else None
        if unit == "month":
            return published.replace(day=1), published
        if unit == "week":
            return published - timedelta(days=published.weekday()), published
        return date(published.year, 1, 1), published
    if kind == "since":
        start = _since(p, lexicon, published)
        return (start, published) if start and start <= published else None
    if kind == "last":
        if month:
            y = _latest_month_year(published, month)
            if (y, month) == (published.year, published.month):
                y -= 1
            return date(y, month, 1), _month_end(y, month)
        if unit == "month":
            first = published.replace(day=1) - timedelta(days=1)
            return first.replace(day=1), first
        if unit == "year":
            return date(published.year - 1, 1, 1), date(published.year - 1, 12, 31)
        return None
    if kind == "month" and month:
        y = year or _latest_month_year(published, month)
        return date(y, month, 1), _month_end(y, month)
    if kind == "year" and year:
        if year < published.year:
            return date(year, 1, 1), date(year, 12, 31)
        if year == published.year:
            return date(year, 1, 1), published
        return None
    return None


# The month a season starts in, and how far into it "mid" and "late" move.
_SEASON_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_SEASON_PART = {"mid": 1, "late": 2}


def _season_start(p: Phrase, published: date) -> date:
    month = _SEASON_MONTH[(p.group("season") or "").lower()] + _SEASON_PART.get(
        (p.group("part") or "").lower(), 0
    )
    year = p.number("year") or published.year
    if month > 12:
        year, month = year + 1, month - 12
    start = date(year, month, 1)
    if not p.number("year") and start > published:
        start = start.replace(year=start.year - 1)
    return start


def _since(p: Phrase, lexicon: Lexicon, published: date | None) -> date | None:
    """Where "since ..." starts: "since January 2024", "since the start of the year", "since 2022"."""
    unit = (p.group("unit") or "").lower()
    unit = lexicon.unit_names.get(unit, unit)
    month = _month(p.group("month"), lexicon)
    year = p.number("year") or p.number("year2")
    day = p.number("day") or p.number("day2") or 1
    if unit == "year" or p.group("newyear"):
        return date(published.year, 1, 1) if published else None
    if unit == "month":
        return published.replace(day=1) if published else None
    if unit == "week":
        return published - timedelta(days=published.weekday()) if published else None
    if month:
        y = year or (_latest_month_year(published, month) if published else None)
        try:
            return date(y, month, day) if y else None
        except ValueError:
            return None
    return date(year, 1, 1) if year else None


def shared_period(
    segment: str, offset: int, lexicon: Lexicon, before: list[Phrase], previous: Callable[[], list[Phrase]]
) -> Phrase | None:
    """The period a count named only by its unit takes ("for the month", "the year as a whole"): the latest
    phrase of that unit before it in the sentence, else in the sentence before; else a period of unknown dates
    (a count tied to a stretch of time is never a running total). None when the segment names no such stretch."""
    m = reader(lexicon).same_period.search(segment)
    if m is None:
        return None
    unit = next((v.lower() for k, v in m.groupdict().items() if k.startswith("unit") and v), "")
    unit = _PERIODIC.get(unit, unit)
    for phrases in (before, previous()):
        fitting = [p for p in phrases if p.kind != CUMULATIVE and not p.statement and _of_unit(p, unit)]
        if fitting:
            return fitting[-1]
    return Phrase("event", offset + m.start(), offset + m.end(), ())


_PERIODIC = {"annual": "year", "yearly": "year", "monthly": "month", "weekly": "week"}
# The period kinds that name a stretch of one unit.
_UNIT_KINDS = {"year": ("year", "years"), "month": ("month",), "week": ("lastweek",)}


def _of_unit(p: Phrase, unit: str) -> bool:
    kinds = _UNIT_KINDS.get(unit)
    if kinds is None:
        return True  # "over the same period": whatever was named
    named = (p.group("unit") or "").lower().rstrip("s")
    return (
        p.kind in kinds or named == unit or (unit == "month" and p.kind == "last" and bool(p.group("month")))
    )


def _small(word: str | None, lexicon: Lexicon) -> int | None:
    if not word:
        return None
    if word.isdigit():
        return int(word)
    w = word.lower()
    if w in lexicon.articles:
        return 1
    value = lexicon.units.get(w)
    return int(value) if value is not None else None


def _month(word: str | None, lexicon: Lexicon) -> int | None:
    if not word:
        return None
    return lexicon.months.get(word.lower().rstrip("."))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _latest_month_year(published: date, month: int) -> int:
    """The year of the latest such month not after the publication month."""
    return published.year if month <= published.month else published.year - 1


def _latest_year(published: date, month: int, day: int) -> int:
    return published.year if (month, day) <= (published.month, published.day) else published.year - 1
