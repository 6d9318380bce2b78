"""Optional morphology analysers: what a word after a number is when the lexicon does not list it.

The rules know the words they list (people nouns, things, modifiers, function words) and guess the rest
from endings (`plural_suffix`, `modifier_suffix`). Endings cannot tell "300 курсантов" (people) from
"300 окопов" (things): both end in -ов. With the `morph` extra installed, pymorphy3 answers for the words
no list holds in Russian and Ukrainian: an animate noun is people, an inanimate one a thing, an adjective
or participle a modifier, anything else ends the noun phrase. `[figures] morphology` or
NEWSWATCH_MORPHOLOGY chooses the languages; the default, "auto", is ru and uk when pymorphy3 is
installed. Korean has no analyser: kiwipiepy changed nothing the counters and particles do not already
decide, at 0.5 GB of memory (docs/figures-conventions-intl.md has the measurements).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Iterable
from functools import cache, lru_cache

PEOPLE = "people"
THING = "thing"
MODIFIER = "modifier"
FUNCTION = "function"

ENV = "NEWSWATCH_MORPHOLOGY"
LANGUAGES = ("ru", "uk")
# What "auto" switches on when the analyser is installed: measured on unlisted nouns, it takes what a
# number counts from 7/20 right to 18/20 (ru) and 20/20 (uk), for 22 MiB and 0.15 s once per process.
AUTO = "auto"

# A word's class, or None when the analyser is not sure (the rules then fall back to endings).
Classifier = Callable[[str], "str | None"]

# pymorphy3 parts of speech: adjectives and participles modify the noun still to come; every other
# non-noun class ends the noun phrase (a verb, a preposition: "3,000 were killed", "3,000 in Kursk").
_SLAVIC_MODIFIERS = frozenset({"ADJF", "PRTF", "NUMR", "ADJS"})
_PACKAGES = ("pymorphy3", "pymorphy3_dicts_ru", "pymorphy3_dicts_uk")
# Words cached per language: the words after numbers repeat across articles.
_CACHE_WORDS = 50_000


class MorphologyUnavailable(RuntimeError):
    """Morphology was switched on for a language, but its analyser is not installed."""


def parse_languages(value: str | Iterable[str] | None) -> frozenset[str]:
    """ "ru,uk" or ["ru", "uk"] -> {"ru", "uk"}; "", "off" -> nothing; "auto" or None -> ru and uk when
    pymorphy3 is installed. A language named explicitly must have its analyser; unknown codes raise."""
    if value is None:
        value = AUTO
    items = value.replace(",", " ").split() if isinstance(value, str) else list(value)
    codes = {item.strip().lower() for item in items if item.strip()}
    if not codes or codes & {"off", "none", "no"}:
        return frozenset()
    if AUTO in codes:
        return frozenset(LANGUAGES) if installed() else frozenset()
    if "all" in codes or "on" in codes:
        return frozenset(LANGUAGES)
    unknown = codes - set(LANGUAGES)
    if unknown:
        raise ValueError(
            f"morphology languages {sorted(unknown)} are not supported; use some of {', '.join(LANGUAGES)}"
        )
    return frozenset(codes)


def from_environment(default: str | Iterable[str] | None = AUTO) -> frozenset[str]:
    """The languages NEWSWATCH_MORPHOLOGY switches on; unset, those of `default` (the config's)."""
    value = os.environ.get(ENV)
    return parse_languages(default if value is None else value)


@cache
def installed() -> bool:
    """pymorphy3 and both dictionaries can be imported (the `morph` extra)."""
    return all(importlib.util.find_spec(m) is not None for m in _PACKAGES)


@cache
def classifier(language: str) -> Classifier:
    """The analyser of one language, loaded once per process; raises MorphologyUnavailable without the extra."""
    if language in LANGUAGES:
        return _slavic(language)
    raise MorphologyUnavailable(f"no morphology analyser for {language!r}")


def _slavic(language: str) -> Classifier:
    try:
        import pymorphy3
    except ImportError as e:
        raise MorphologyUnavailable(
            f"morphology for {language!r} needs pymorphy3 and its dictionaries: install the 'morph' extra "
            f"(uv sync --extra morph), or leave {ENV} unset"
        ) from e
    try:
        analyser = pymorphy3.MorphAnalyzer(lang=language)
    except (ValueError, OSError) as e:  # the dictionary package of that language is missing
        raise MorphologyUnavailable(f"pymorphy3 has no {language!r} dictionary: {e}") from e

    @lru_cache(maxsize=_CACHE_WORDS)
    def classify(word: str) -> str | None:
        parses = analyser.parse(word)
        if not parses:
            return None
        best = parses[0]
        if best.score < 0.3 or not best.is_known:
            return None
        tag = best.tag
        if tag.POS == "NOUN":
            if "anim" in tag:
                return PEOPLE
            if "inan" in tag:
                return THING
            return None
        if tag.POS in _SLAVIC_MODIFIERS:
            return MODIFIER
        return FUNCTION if tag.POS else None

    return classify
