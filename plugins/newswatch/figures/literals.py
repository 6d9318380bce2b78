"""Words a pattern cannot match without: a substring test on a sentence that proves a costly pattern
finds nothing there, before the regex engine tries it at every position.

`required(rx)` reads the compiled pattern's parse tree for ASCII literal runs that every match holds (one
of a set, where the pattern branches); `folded(text)` lower-cases a text the way a case-insensitive
pattern compares it, so `possible(need, folded(text))` is False only where `rx` cannot match.
"""

from __future__ import annotations

import re
import sys
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

# The only characters beyond ASCII that a case-insensitive pattern takes for an ASCII letter (dotted
# and dotless i, long s, the Kelvin sign): `str.lower` alone would not fold them onto it.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_SPECIAL = re.compile("[\u0130\u0131\u017f\u212a]")


def folded(text: str) -> str:
    """The text lower-cased as case-insensitive patterns compare ASCII letters, one character for one."""
    return (text.translate(_FOLD) if _SPECIAL.search(text) else text).lower()


def possible(need: frozenset[str] | None, folded_text: str) -> bool:
    """A pattern with these required words may match the (folded) text."""
    if need is None:
        return True
    for word in need:  # (a loop: `any` over a generator costs twice as much here)
        if word in folded_text:
            return True
    return False


def required(rx: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case ASCII strings one of which every match of `rx` contains, or None if none are known."""
    try:
        found = _need(list(sre_parse.parse(rx.pattern, rx.flags)))
    except Exception:  # an unexpected parse tree only costs the shortcut
        return None
    if not found:
        return None
    # A word that holds another of the set is found whenever it is: only the shorter need be tested.
    return frozenset(w for w in found if not any(v != w and v in w for v in found))


def longest(pattern: str, flags: int = 0) -> int | None:
    """The most characters one match of the pattern can span, or None if it has no bound."""
    try:
        width = sre_parse.parse(pattern, flags).getwidth()[1]
    except Exception:  # an unexpected parse tree only costs the shortcut
        return None
    return int(width) if width < sre.MAXREPEAT else None


def _need(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The most selective required set of a sequence (its longest shortest word), from its literal runs
    and from the groups, branches and repeats every match passes through."""
    best: set[str] | None = None
    run: list[str] = []

    def consider(candidate: set[str] | None) -> None:
        nonlocal best
        if candidate and (best is None or min(map(len, candidate)) > min(map(len, best))):
            best = candidate

    def flush() -> None:
        if run:
            consider({"".join(run)})
            run.clear()

    for op, av in items:
        if op is sre.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        flush()
        if op is sre.SUBPATTERN:
            consider(_need(list(av[3])))
        elif op is sre.BRANCH:
            alternatives = [_need(list(branch)) for branch in av[1]]
            if all(alternatives):
                consider(set().union(*alternatives))  # type: ignore[arg-type]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_need(list(av[2])))
        elif op is sre.ATOMIC_GROUP:
            consider(_need(list(av)))
    flush()
    return best


class Prefiltered:
    """A costly pattern whose `search` first proves with substring tests that the searched span holds
    one of the words every match needs (most spans do not, and then the regex engine is not run)."""

    __slots__ = ("need", "pattern", "rx")

    def __init__(self, rx: re.Pattern[str]):
        self.rx = rx
        self.pattern = rx.pattern
        self.need = required(rx)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        # (a match lies within [pos, endpos); the look-behinds that see before it require no word)
        if self.need is not None and not possible(self.need, folded(text[max(pos, 0) : max(endpos, 0)])):
            return None
        return self.rx.search(text, pos, endpos)


def prefiltered(rx: re.Pattern[str]) -> re.Pattern[str] | Prefiltered:
    """The pattern behind a prefilter when it has words to test; itself when not (no cost added)."""
    wrapped = Prefiltered(rx)
    return rx if wrapped.need is None else wrapped
