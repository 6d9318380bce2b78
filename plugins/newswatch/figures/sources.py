"""Who made an estimate: source mentions in a sentence, normalised to one name per source.

The names and patterns come from the language's lexicon; this module decides which mention speaks:
"citing X" / "according to X" name the source outright, then a mention next to a speech verb, then the
mention nearest the number. A capital speaks for its country only in a speaker's position ("Seoul
estimates", "according to Kyiv"); a relay (a lawmaker) speaks for the source named near it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from newswatch.figures import literals
from newswatch.figures.lexicon import Lexicon, lexicon_for


@dataclass(frozen=True)
class Mention:
    source: str
    start: int
    end: int
    # A relay ("a South Korean lawmaker") speaks for `relay_for` when it is named nearby, else for `source`.
    relay_for: str | None = None
    place: bool = False  # a capital or country name standing for its government ("Seoul estimates")


class SourceReader:
    """One language's source patterns, compiled once."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.patterns = [
            (name, re.compile(p)) for name, patterns in lexicon.sources.items() for p in patterns
        ]
        # One pass finds where any source may start (names start a word); only there is every pattern
        # tried, and the longest wins. Patterns that open with a shared opening are scanned for by it, once.
        starts: dict[str, None] = {}
        for _, rx in self.patterns:
            opening = next((o for o in lexicon.source_openings if rx.pattern.startswith(o)), rx.pattern)
            starts.setdefault(opening)
        self.any_source = re.compile(r"(?<![\w'’.-])(?:" + "|".join(f"(?:{p})" for p in starts) + ")")
        self.speech = re.compile(r"\b(?:" + lexicon.speech_verbs + r")\b", re.IGNORECASE)
        # "X said", also past a clause set off by commas ("the General Staff, whose figures ..., put", "CSIS, a
        # Washington think tank, said").
        self.speech_after = re.compile(
            r"^(?:'s)?(?:,\s+(?:whose|which|who)\b[^,.;]{0,80},|,\s+(?:an?|the)\s+[^,.;:]{0,60},)?[^.;:,]{0,45}?\b(?:"
            + lexicon.speech_verbs
            + r")\b",
            re.IGNORECASE,
        )
        self.attribution_before = re.compile(lexicon.attribution_before, re.IGNORECASE)
        # The rest of a relative clause, closed by a comma and the speech of the clause's head.
        self.closed_relative = re.compile(
            r"[^,.;:]{0,80},\s+(?:\w+\s+){0,2}?(?:" + lexicon.speech_verbs + r")\b", re.IGNORECASE
        )
        self.speaker_after = re.compile(lexicon.speaker_after)
        self.relays = [(name, re.compile(p)) for name, patterns in lexicon.relays.items() for p in patterns]
        self.relay_cue = re.compile(lexicon.relay_cue)
        self.owned_before = re.compile(lexicon.owned_count_before)
        self.owned_after = re.compile(lexicon.owned_count_after)
        self.anonymous = re.compile(lexicon.anonymous_speakers)
        self.headline = re.compile(lexicon.headline_attribution)
        self.not_speaker = re.compile(lexicon.not_speaker_before, re.IGNORECASE)
        self.descriptive = re.compile(lexicon.descriptive_before, re.IGNORECASE)
        self.reported_clause = re.compile(r"(?:" + lexicon.reported_clause_before + r")$", re.IGNORECASE)
        self.breaks = re.compile(lexicon.speaker_breaks, re.IGNORECASE)
        if lexicon.capitals:
            places = "|".join(re.escape(c) for c in sorted(lexicon.capitals, key=len, reverse=True))
            self.capitals = re.compile(
                # "the think tank in Washington estimated": a place after "in" is where, not who.
                r"(?<!\bin )(?<!\bfrom )(?<!\bat )(?<!\bnear )\b(?P<place>"
                + places
                + r")(?:'s\s+(?=(?:[\w,.+-]+\s+)?(?:estimates?|figures?|count|tally|assessments?|"
                r"numbers?|data|claims?|intelligence|reckoning|account|tally|report|update|bulletin|briefing|statement)\b)"
                r"|(?!\w)(?="
                + lexicon.capital_insert
                + r"\s+(?:(?:"
                + lexicon.speaker_adverbs
                + r")\s+)*(?!think[- ]tank)(?:"
                + lexicon.speech_verbs
                + r")\b))"
                # A place in brackets after a figure names its source: "captured - 2 (Kyiv)"; a place as a
                # kicker before a colon: "Seoul: around 2,000 North Korean troops killed".
                r"|(?<=\()(?P<bracketed>" + places + r")(?=\))"
                # (a headline of two claims gives each its kicker: "Seoul: 2,000 dead; Kyiv: Russia has lost ...")
                r"|(?:^|(?<=; ))\W*(?P<kicker>" + places + r")(?=\s*:)"
            )
            self.place = re.compile(r"^\s*(?:the\s+)?(?P<place>" + places + r")\s*$")
            self.any_capital = re.compile(r"(?<!\w)(?P<place>" + places + r")(?!\w)")
            # "the presidential office in Seoul", "officials in Kyiv": a body of that country's government.
            self.body_in = re.compile(
                r"\b(?i:presidential\s+office|government|(?:defen[cs]e|foreign)\s+ministry|officials?|military|"
                r"authorities|intelligence|security\s+council)\s+in\s+(?P<place>" + places + r")\b"
            )
        else:
            self.capitals = self.place = self.body_in = self.any_capital = re.compile(r"(?!)")
        self.capital_after = re.compile(lexicon.capital_after)
        self.needs = [
            literals.required(rx)
            for rx in (self.any_source, self.capitals, self.body_in, *(x for _, x in self.relays))
        ]


@cache
def reader(lexicon: Lexicon) -> SourceReader:
    return SourceReader(lexicon)


def mentions(sentence: str, lexicon: Lexicon | None = None) -> list[Mention]:
    """Source mentions in a sentence, overlapping matches resolved in favour of the longest."""
    return list(_mentions(sentence, lexicon or lexicon_for("en")))


@lru_cache(maxsize=1024)
def _mentions(sentence: str, lexicon: Lexicon) -> tuple[Mention, ...]:
    r = reader(lexicon)
    found = []
    # A pattern is scanned only where the sentence holds one of the words its every match needs.
    lowered = literals.folded(sentence)
    for hit in r.any_source.finditer(sentence) if literals.possible(r.needs[0], lowered) else ():
        longest = _longest_at(sentence, hit.start(), r.patterns)
        if longest is not None:
            found.append(longest)
    for c in r.capitals.finditer(sentence) if literals.possible(r.needs[1], lowered) else ():
        place = c.group("place") or c.group("bracketed") or c.group("kicker")
        found.append(Mention(r.lexicon.capitals[place], c.start(), c.start() + len(place), place=True))
    for c in r.body_in.finditer(sentence) if literals.possible(r.needs[2], lowered) else ():
        found.append(Mention(r.lexicon.capitals[c.group("place")], c.start(), c.end()))
    for (name, rx), need in zip(r.relays, r.needs[3:], strict=True):
        for c in rx.finditer(sentence) if literals.possible(need, lowered) else ():
            found.append(Mention(_relay_fallback(name), c.start(), c.end(), relay_for=name))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for k in found:
        if kept and k.start < kept[-1].end:
            if (k.end - k.start) > (kept[-1].end - kept[-1].start):
                kept[-1] = k
            continue
        kept.append(k)
    return tuple(kept)


# The country a named source belongs to, for preferring it over its capital ("Seoul's estimate, from the NIS").
_COUNTRY_OF = {"NIS": "South Korea"}


_RELATIVE = re.compile(r",\s+(?:whose|which|who)\b[^,;.:]*$")


def _relay_fallback(name: str) -> str:
    """Whom a relay speaks for when its source is not named: the NIS's lawmakers are South Korea's."""
    return {"NIS": "South Korea"}.get(name, name)


def speaker(sentence: str, at: int | None = None, lexicon: Lexicon | None = None) -> Mention | None:
    """The mention a sentence attributes its claims (or the claim at position `at`) to, or None.

    Speakers are mentions named by "citing X" / "according to X" or next to a speech verb ("X said",
    "said X"); without any, every mention is a candidate (a comparison, "in line with British estimates",
    is none). For a claim at `at`: the nearest candidate before it in its stretch of the sentence (a
    semicolon, a dash, "while" or "but" start a new stretch), else the nearest after it.
    """
    r = reader(lexicon or lexicon_for("en"))
    if at is not None:
        # "far fewer than Kyiv's estimate of more than 3,000": the count is the possessor's, even in a comparison.
        # "agreeing with Ukraine's General Staff, which put the figure at 1,000,340": the relative clause's speaker.
        for m in mentions(sentence, r.lexicon):
            if m.end <= at and (
                _OWNED_COUNT.match(sentence[m.end : at])
                or _RELATIVE_SPEAKER.match(sentence[m.end : at])
                or (
                    r.owned_after.match(sentence[m.end : at])
                    and r.owned_before.search(sentence, max(0, m.start - 30), m.start)
                )
            ):
                return m
    found = [
        m
        for m in mentions(sentence, r.lexicon)
        if not r.not_speaker.search(sentence, max(0, m.start - 60), m.start)
        and not (
            r.descriptive.search(sentence, max(0, m.start - 60), m.start) and not _near_speech(r, sentence, m)
        )
    ]
    found += _place_after_attribution(r, sentence, found)
    if not found:
        return None
    speaking = [
        m
        for m in found
        if r.attribution_before.search(sentence[max(0, m.start - 60) : m.start])
        or _near_speech(r, sentence, m)
    ]
    candidates = speaking or found
    # "the General Staff, whose figures feed into Western assessments, put ...": a mention inside a relative
    # clause describes the speaker; it does not speak.
    described = [m for m in candidates if _RELATIVE.search(sentence, max(0, m.start - 80), m.start)]
    if described and len(described) < len(candidates):
        candidates = [m for m in candidates if m not in described]
    elif described and all(r.closed_relative.match(sentence, m.end) for m in described):
        # "The ministry, which bases its figures on Ukrainian General Staff data, said ...": the speaker is the
        # unnamed head of the clause, whom the text named before; the source inside the clause is described.
        return None
    # A government's own body speaks more precisely than its capital ("Seoul's first estimate came when the NIS
    # told lawmakers ...").
    countries = {_COUNTRY_OF.get(m.source, m.source) for m in candidates if not m.place}
    candidates = [m for m in candidates if not (m.place and m.source in countries)]
    if at is None:
        return candidates[0]
    lo, hi = 0, len(sentence)
    for b in r.breaks.finditer(sentence):
        if b.end() <= at:
            lo = b.end()
        elif b.start() >= at:
            hi = b.start()
            break
    inside = [m for m in candidates if lo <= m.start and m.end <= hi]
    if not inside and speaking:
        # a source named in the claim's own stretch outranks one speaking in another ("Kim ..., calling the loss
        # of nine lives a sacrifice; Seoul thinks ...")
        inside = [m for m in found if lo <= m.start and m.end <= hi and m not in described]
    if not inside and r.anonymous.search(sentence, lo, hi):
        return None  # "media reports have put the toll at 200, but the NIS ...": the reports name no source
    inside = inside or candidates
    before = [m for m in inside if m.end <= at]
    if before:
        return max(before, key=lambda m: m.end)
    return min(inside, key=lambda m: abs(m.start - at))


def _place_after_attribution(r: SourceReader, sentence: str, found: list[Mention]) -> list[Mention]:
    """ "according to Seoul": a bare place after an attribution phrase speaks for its country."""
    extra = []
    for m in r.any_capital.finditer(sentence):
        start = m.start("place")
        if r.capital_after.search(sentence, max(0, start - 50), start) and not any(
            f.start <= start < f.end for f in found
        ):
            extra.append(Mention(r.lexicon.capitals[m.group("place")], start, m.end("place"), place=True))
    for m in re.finditer(
        r"\b(?:according to|citing|per)\s+(?:(?:estimates|figures|data|numbers)\s+(?:from|by|of)\s+)?(?:the\s+)?"
        r"(?P<place>[A-Z][\w.]+(?:\s+[A-Z]\w+)?)"
        # "..., says Kyiv.": a place closing the sentence after a speech verb
        r"|,\s+(?:says|said)\s+(?P<closing>[A-Z]\w+)(?=\s*[.!]?$)",
        sentence,
    ):
        place = m.group("place") or m.group("closing")
        if place not in r.lexicon.capitals:
            place = place.split()[0]
        if place not in r.lexicon.capitals:
            place = place.rstrip(".")  # "..., according to Kyiv." (the sentence's full stop is no part of it)
        start = m.start("place") if m.group("place") else m.start("closing")
        if place in r.lexicon.capitals and not any(f.start <= start < f.end for f in found):
            extra.append(Mention(r.lexicon.capitals[place], start, start + len(place), place=True))
    return extra


def anonymous(sentence: str, lexicon: Lexicon | None = None) -> bool:
    """The sentence's claim is an outlet's or an unnamed report's ("Yonhap reported", "reports say")."""
    return bool(reader(lexicon or lexicon_for("en")).anonymous.search(sentence))


def headline_source(title: str, lexicon: Lexicon | None = None, at: int | None = None) -> Mention | None:
    """The source a headline names after a colon or dash, or in "..., Kyiv says" ("... Wounded: Seoul").

    For a claim at `at` in a headline of several parts ('젤렌스키 "..."…美 "..."'): the attribution of its own
    part; None when its part names a source of its own without the headline form (the sentence's speaker then).
    """
    r = reader(lexicon or lexicon_for("en"))
    found_all = list(r.headline.finditer(title))
    if not found_all:
        return None
    m = found_all[0]
    if at is not None:
        m = ([x for x in found_all if x.start(_who_group(x)) <= at] or found_all)[-1]
        part = _headline_part(title, at)
        own = [x for x in mentions(title, r.lexicon) if part[0] <= x.start < part[1]]
        if not part[0] <= m.start(_who_group(m)) < part[1] and own:
            return None
        if any(m.end(_who_group(m)) < x.start < at for x in own):
            return None  # 'Lawmaker "HUR puts the dead at 400"': the quote names whose estimate it relays
    group = _who_group(m)
    who = m.group(group)
    offset = m.start(group)
    place = r.place.match(who)
    if place:
        return Mention(r.lexicon.capitals[place.group("place")], offset, offset + len(who))
    found = mentions(who, r.lexicon) or [
        Mention(x.source, x.start - offset, x.end - offset, x.relay_for)
        for x in mentions(title, r.lexicon)
        if offset <= x.start < offset + len(who)
    ]
    if not found and (title_case(who) or _capitalised(who)):
        found = _any_case_mentions(who, r)
    if found:
        first = found[0]
        return Mention(first.source, first.start + offset, first.end + offset, first.relay_for)
    return None


def _capitalised(who: str) -> bool:
    """A headline's short tail with every word capitalised ("...: Spy Agency"), too short for `title_case`."""
    words = re.findall(r"[^\W\d_]+", who)
    return 0 < len(words) <= 3 and all(w[0].isupper() for w in words)


def title_case(text: str) -> bool:
    """Every word of four letters or more capitalised ("Nearly 1,000 Wounded, Spy Agency Says")."""
    words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 3]
    return len(words) >= 2 and all(w[0].isupper() for w in words)


def _any_case_mentions(text: str, r: SourceReader) -> list[Mention]:
    """The first source named in a Title Case text, its patterns matched in any case, at word starts."""
    patterns = _any_case_patterns(r)
    for word in re.finditer(r"(?<![\w'’.-])\w", text):
        longest = _longest_at(text, word.start(), patterns)
        if longest is not None:
            return [longest]
    return []


@lru_cache(maxsize=8)
def _any_case_patterns(r: SourceReader) -> list[tuple[str, re.Pattern[str]]]:
    """The reader's source patterns in any case, for headlines in Title Case (compiled on first need)."""
    return [(name, re.compile(rx.pattern, re.IGNORECASE)) for name, rx in r.patterns]


def _longest_at(text: str, at: int, patterns: list[tuple[str, re.Pattern[str]]]) -> Mention | None:
    """The longest non-empty source match starting at `at`."""
    longest: Mention | None = None
    for name, rx in patterns:
        m = rx.match(text, at)
        if m and m.end() > at and (longest is None or m.end() > longest.end):
            longest = Mention(name, at, m.end())
    return longest


def _who_group(m: re.Match[str]) -> str:
    return "who" if m.group("who") else "kicker"


# Parts of a headline: "젤렌스키 \"...\"…美 \"...\"" is two claims with two speakers.
_HEADLINE_PART = re.compile("…")


def _headline_part(title: str, at: int) -> tuple[int, int]:
    """The stretch of the headline around `at`, between its part separators."""
    start = max((m.end() for m in _HEADLINE_PART.finditer(title, 0, at)), default=0)
    after = _HEADLINE_PART.search(title, at)
    return start, after.start() if after else len(title)


def speaks(sentence: str, m: Mention, lexicon: Lexicon | None = None) -> bool:
    """The mention is speaking ("X said", "according to X", "X's estimate"), not only named ("South Korea's
    armed forces, 500,000 strong")."""
    r = reader(lexicon or lexicon_for("en"))
    return bool(
        r.attribution_before.search(sentence[max(0, m.start - 60) : m.start]) or _near_speech(r, sentence, m)
    )


def _near_speech(r: SourceReader, sentence: str, m: Mention) -> bool:
    after = sentence[m.end : m.end + 140]
    before = sentence[max(0, m.start - 25) : m.start]
    return bool(
        r.speech_after.match(after)
        or (r.speech.search(before) and not r.reported_clause.search(before))
        or _OWN_ESTIMATE.match(after)
        or r.speaker_after.match(after)
    )


# A number that a possessive estimate holds: "Kyiv's estimate of more than 3,000", "the NIS's figure of about".
_OWNED_COUNT = re.compile(
    r"'s\s+(?:[\w-]+\s+){0,2}?(?:estimates?|figures?|count|tally|reckoning|assessment)\s+of\s+"
    r"(?:(?:about|around|some|roughly|nearly|almost|more\s+than|over|at\s+least|up\s+to|as\s+many\s+as|"
    r"fewer\s+than|less\s+than|close\s+to|an\s+estimated)\s+)?$",
    re.IGNORECASE,
)
_RELATIVE_SPEAKER = re.compile(
    r",\s+(?:which|who)\s+(?:\w+\s+){0,2}?(?:put|puts|estimated|estimates|counted|counts|tallied|pegged|pegs|"
    r"placed|places|gave|gives|reported|reports)\b[^.;,]{0,60}$"
)
# "Seoul's figure of 300", "Kyiv's count": the possessor made the estimate.
_OWN_ESTIMATE = re.compile(
    r"'s\s+(?:[\w-]+\s+){0,2}?(?:estimates?|figures?|count|tally|reckoning|assessments?|numbers|data|account)\b"
    r"|'s\s+(?:(?:about|some|roughly|around|estimated|nearly|almost)\s+)?\d[\d,.]*(?:-plus|\+)?(?![\w,.]*\s+"
    r"(?:troops|soldiers|men|personnel|forces)\b)"  # "the NIS's 3,000-plus", not "Russia's 600,000 troops"
)
