"""What Russian and Ukrainian share in how their press writes figures: inflected word forms generated from
stems, the General Staff's bulletin layout, and number formats (decimal commas, spaced thousands).

The two lexicons (`ru.py`, `uk.py`) keep their own words; this module only builds patterns from them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

YEAR = r"(?:19|20)\d\d"


def forms(stems: Iterable[str], endings: Iterable[str]) -> tuple[str, ...]:
    """Every stem with every ending: ("убит",) x ("ы", "ых") -> ("убиты", "убитых")."""
    endings = tuple(endings)
    return tuple(stem + ending for stem in stems for ending in endings)


def either(words: Iterable[str]) -> str:
    """One regex alternation of literal words, longest first."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) + ")"


def pairs(first: Iterable[str], second: Iterable[str], joiners: Iterable[str]) -> tuple[str, ...]:
    """ "убитыми и ранеными", "убиты или ранены": every first form joined to every second form."""
    second = tuple(second)
    joiners = tuple(joiners)
    return tuple(a + j + b for a in first for b in second for j in joiners)


def not_after(words: Iterable[str]) -> str:
    """Lookbehinds that fail right after any of these words and a space (Python's lookbehind is fixed-width, so
    one per distinct length): "зросла до 2 тисяч" is where a count rose to, not an upper bound."""
    by_length: dict[int, list[str]] = {}
    for w in set(words):
        by_length.setdefault(len(w), []).append(re.escape(w))
    return "".join(r"(?<!\b(?:" + "|".join(sorted(group)) + r")\s)" for _, group in sorted(by_length.items()))


def month_forms(months: dict[int, tuple[str, ...]]) -> dict[str, int]:
    """Month word forms (every case) -> month number."""
    return {form: number for number, words in months.items() for form in words}


def state_body_openings(bodies: str, intelligence: str) -> tuple[str, ...]:
    """The openings `state_bodies` patterns share (body first), for the lexicon's `source_openings`."""
    return ("(?i:" + bodies + ")", "(?i:" + intelligence + ")")


def state_bodies(
    countries: dict[str, tuple[str, str]], bodies: str, intelligence: str, intelligence_of: dict[str, str]
) -> dict[str, tuple[str, ...]]:
    """A government body named with its country, in either order: "американські посадовці", "уряд Японії",
    "розвідувальне агентство Південної Кореї". `countries` maps a source to (its adjective, its genitive);
    a country's intelligence speaks as `intelligence_of` says (South Korea's is the NIS)."""
    found: dict[str, tuple[str, ...]] = {}
    for country, (adjective, genitive) in countries.items():
        spy = intelligence_of.get(country, country)
        found[country] = (
            *found.get(country, ()),
            r"(?i:" + adjective + r"\s+" + bodies + r")",
            r"(?i:" + bodies + r")\s+(?:" + genitive + r")",
        )
        found[spy] = (
            *found.get(spy, ()),
            r"(?i:" + adjective + r"\s+" + intelligence + r")",
            r"(?i:" + intelligence + r")\s+(?:" + genitive + r")",
        )
    return found


def surnames(persons: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """People who speak for a source, by surname stem in any case ending: {"NATO": ("Столтенберг",)}."""
    return {who: tuple(r"\b" + stem + r"\w*" for stem in stems) for who, stems in persons.items()}


def officials(role: str, genitives: Mapping[str, str], at_body: str) -> dict[str, tuple[str, ...]]:
    """An official named by office and country ("посол США в НАТО"): the office speaks for the country."""
    return {country: (role + r"(?:" + genitive + r")" + at_body,) for country, genitive in genitives.items()}


def extend(sources: dict[str, tuple[str, ...]], more: Mapping[str, tuple[str, ...]]) -> None:
    """Append each source's further patterns after those it has (the order patterns are tried in)."""
    for who, patterns in more.items():
        sources[who] = (*sources.get(who, ()), *patterns)


def demonym_speakers(demonyms: Mapping[str, str], verbs: str) -> dict[str, tuple[str, ...]]:
    """A people named for its country speaks for it when a verb of saying follows ("британці назвали цифру",
    "американцы считают"); with any other verb it is only the people ("українці захопили")."""
    return {
        country: (r"(?i:\b" + stem + r"\w*)(?=\s+(?:[\w'-]+\s+){0,3}?(?:" + verbs + r")\b)",)
        for country, stem in demonyms.items()
    }
