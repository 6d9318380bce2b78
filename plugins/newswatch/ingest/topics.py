"""Topics and relevance: does an article's title or text mention North Korea, Russia, ...?

Case rules: a term written with a capital letter matches only with that capitalisation (or in an
all-caps headline), so "Russian" matches but "russian roulette" does not; an all-lowercase term
matches in any case. A trailing `*` matches any ending (inflected languages: "Росси*"). Terms in
scripts without spaces between words (Hangul, CJK) match inside words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick

from newswatch.config import Config


@dataclass(frozen=True)
class Topic:
    name: str
    terms: tuple[str, ...]


DEFAULT_TOPICS: tuple[Topic, ...] = (
    Topic(
        "north_korea",
        (
            "North Korea",
            "North Korean",
            "North Koreans",
            "DPRK",
            "D.P.R.K.",
            "Pyongyang",
            "Kim Jong Un",
            "Kim Jong-un",
            "Kim Jong-Un",
            "Kim Yo Jong",
            "Kim Yo-jong",
            "Korean People's Army",
            "KCNA",
            "Workers' Party of Korea",
            "Choe Son Hui",
            "Yongbyon",
            "북한",
            "북측",
            "평양",
            "김정은",
            "조선민주주의인민공화국",
            "북한군",
            "Северн* Коре*",
            "КНДР",
            "Пхеньян*",
            "Ким Чен Ын*",
        ),
    ),
    Topic(
        "russia",
        (
            "Russia",
            "Russian",
            "Russians",
            "Russia's",
            "Kremlin",
            "Moscow",
            "Putin",
            "Vladimir Putin",
            "Kursk",
            "Lavrov",
            "Shoigu",
            "Belousov",
            "Peskov",
            "Gerasimov",
            "Wagner Group",
            "Rosgvardia",
            "Roscosmos",
            "Duma",
            "St Petersburg",
            "St. Petersburg",
            "Belgorod",
            "러시아",
            "푸틴",
            "크렘린",
            "모스크바",
            "쿠르스크",
            "Росси*",
            "Русск*",
            "Кремл*",
            "Москв*",
            "Путин*",
            "Курск*",
        ),
    ),
)


def configured_topics(config: Config) -> tuple[Topic, ...]:
    """The shipped topics with the config's [[topics]] applied: terms added, replaced, or new topics."""
    topics = {t.name: t for t in DEFAULT_TOPICS}
    for entry in config.topics:
        base = () if entry.replace or entry.name not in topics else topics[entry.name].terms
        topics[entry.name] = Topic(entry.name, tuple(dict.fromkeys((*base, *entry.terms))))
    return tuple(topics.values())


_NO_SPACE_SCRIPTS = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u4e00-\u9fff\uac00-\ud7af]")


def _term_body(term: str) -> tuple[str, bool, bool]:
    """A term's regex body, whether it needs word boundaries, and whether it is case-insensitive."""
    prefix = term.endswith("*")
    core = term.rstrip("*")
    # "Kim Jong Un" also matches "Kim Jong-un", line breaks and non-breaking spaces.
    body = r"[\s\-\u00a0]+".join(re.escape(w) for w in core.split())
    if _NO_SPACE_SCRIPTS.search(core):
        return body, False, False
    return body + (r"\w*" if prefix else ""), True, core == core.lower()


def _compile(terms: list[str], insensitive: bool) -> re.Pattern[str] | None:
    """One pattern for many terms; the word-boundary checks are shared, not repeated per term (fast)."""
    bounded: list[str] = []
    free: list[str] = []
    for term in sorted(terms, key=len, reverse=True):
        body, needs_boundary, _ = _term_body(term)
        (bounded if needs_boundary else free).append(body)
    parts = []
    if bounded:
        parts.append(r"(?<!\w)(?:" + "|".join(bounded) + r")(?!\w)")
    if free:
        parts.append("|".join(free))
    return re.compile("|".join(parts), re.IGNORECASE if insensitive else 0) if parts else None


class TopicMatcher:
    """Finds which topics a text mentions; compiled once, safe to reuse across threads and processes.

    One Aho-Corasick automaton over the lowercased first word of every term finds, in a single pass in C,
    the only places where a term can start; each topic's patterns are then tried at those places alone
    (every match of a term begins with its first word). A text without any of those words costs one pass.
    """

    def __init__(self, topics: tuple[Topic, ...]):
        self.topics = topics
        self._patterns: list[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None]] = []
        self._shout: list[re.Pattern[str] | None] = []
        # Topics with case-insensitive terms: their patterns also match Unicode case folds that lowercasing
        # does not produce (the long s, the Kelvin sign), so on non-ASCII text they are searched in full.
        self._folds: list[bool] = []
        starts: dict[str, tuple[set[int], bool]] = {}
        for index, topic in enumerate(topics):
            sensitive = [t for t in topic.terms if not _term_body(t)[2]]
            insensitive = [t for t in topic.terms if _term_body(t)[2]]
            # All-caps headlines ("RUSSIAN TROOPS ADVANCE") still mention the topic.
            shout = [t.upper() for t in sensitive if t != t.upper() and _term_body(t)[1]]
            self._patterns.append((topic.name, _compile(sensitive, False), _compile(insensitive, True)))
            self._shout.append(_compile(shout, False))
            self._folds.append(bool(insensitive))
            for term in topic.terms:
                words = term.rstrip("*").split()
                if not words:
                    continue
                first = words[0].lower()
                owners, bounded = starts.get(first, (set(), True))
                owners.add(index)
                starts[first] = (owners, bounded and _term_body(term)[1])
        self._automaton = ahocorasick.Automaton()
        for word, (owners, bounded) in starts.items():
            self._automaton.add_word(word, (len(word), frozenset(owners), bounded))
        if starts:
            self._automaton.make_automaton()
        self._empty = not starts

    def match(self, *texts: str | None) -> list[str]:
        """Names of the topics mentioned in any of the texts, in topic order."""
        found: set[int] = set()
        for text in texts:
            if text and len(found) < len(self.topics):
                found |= self._found_in(text, found)
        return [topic.name for index, topic in enumerate(self.topics) if index in found]

    def _found_in(self, text: str, known: set[int]) -> set[int]:
        found: set[int] = set()
        lowered = text.lower()
        if len(lowered) != len(text):
            # Lowercasing changed the length (a dotted capital I), so positions differ: search in full.
            return {i for i in range(len(self.topics)) if i not in known and self._search(i, text)}
        ascii_text = text.isascii()
        for i in range(len(self.topics)):
            if i not in known and self._folds[i] and not ascii_text and self._search(i, text):
                found.add(i)
        if self._empty:
            return found
        shouting: bool | None = None
        for end, (length, owners, bounded) in self._automaton.iter(lowered):
            start = end - length + 1
            if bounded and start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
                continue  # inside a word: no term that needs a word boundary starts here
            for i in owners:
                if i in known or i in found:
                    continue
                _, sensitive, insensitive = self._patterns[i]
                if (sensitive is not None and sensitive.match(text, start)) or (
                    insensitive is not None and insensitive.match(text, start)
                ):
                    found.add(i)
                    continue
                shout = self._shout[i]
                if shout is not None and text[start : end + 1].isupper():
                    if shouting is None:
                        shouting = _has_shouting(text)
                    if shouting and shout.match(text, start):
                        found.add(i)
            if len(found) + len(known) >= len(self.topics):
                break
        return found

    def _search(self, index: int, text: str) -> bool:
        """The topic's patterns searched over the whole text."""
        _, sensitive, insensitive = self._patterns[index]
        shout = self._shout[index]
        return any(p is not None and p.search(text) for p in (sensitive, insensitive)) or (
            shout is not None and _has_shouting(text) and shout.search(text) is not None
        )


def _has_shouting(text: str) -> bool:
    """True when the text has a run of all-caps words, as headlines sometimes do."""
    return re.search(r"\b[A-Z]{3,}\s+[A-Z]{3,}\b", text) is not None
