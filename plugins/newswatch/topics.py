"""Topics and relevance: does an article's title or text mention North Korea, Russia, ...?

Case rules: a term written with a capital letter matches only with that capitalisation (or in an
all-caps headline), so "Russian" matches but "russian roulette" does not; an all-lowercase term
matches in any case. A trailing `*` matches any ending (inflected languages: "Росси*"). Terms in
scripts without spaces between words (Hangul, CJK) match inside words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


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

_NO_SPACE_SCRIPTS = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u4e00-\u9fff\uac00-\ud7af]")


def _term_pattern(term: str) -> tuple[str, int]:
    """A regex for one term and the flags it needs."""
    prefix = term.endswith("*")
    core = term.rstrip("*")
    words = [re.escape(w) for w in core.split()]
    # "Kim Jong Un" also matches "Kim Jong-un" line breaks and non-breaking spaces.
    body = r"[\s\-\u00a0]+".join(words)
    if _NO_SPACE_SCRIPTS.search(core):
        return body, 0
    start = r"(?<!\w)"
    end = "" if prefix else r"(?!\w)"
    if prefix:
        body += r"\w*"
    flags = re.IGNORECASE if core == core.lower() else 0
    return start + body + end, flags


class TopicMatcher:
    """Finds which topics a text mentions; compiled once, safe to reuse across threads and processes."""

    def __init__(self, topics: tuple[Topic, ...]):
        self.topics = topics
        self._patterns: list[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None]] = []
        self._shout: list[re.Pattern[str] | None] = []
        for topic in topics:
            sensitive: list[str] = []
            insensitive: list[str] = []
            shout: list[str] = []
            for term in topic.terms:
                pattern, flags = _term_pattern(term)
                (insensitive if flags else sensitive).append(pattern)
                if not flags and term != term.upper():
                    # All-caps headlines ("RUSSIAN TROOPS ADVANCE") still mention the topic.
                    shout.append(_term_pattern(term.upper())[0])
            self._patterns.append((topic.name, _compile(sensitive, 0), _compile(insensitive, re.IGNORECASE)))
            self._shout.append(_compile(shout, 0))

    def match(self, *texts: str | None) -> list[str]:
        """Names of the topics mentioned in any of the texts, in topic order."""
        found: list[str] = []
        for (name, sensitive, insensitive), shout in zip(self._patterns, self._shout, strict=True):
            for text in texts:
                if not text:
                    continue
                if any(p is not None and p.search(text) for p in (sensitive, insensitive)) or (
                    shout is not None and _has_shouting(text) and shout.search(text)
                ):
                    found.append(name)
                    break
        return found


def _compile(patterns: list[str], flags: int) -> re.Pattern[str] | None:
    return re.compile("|".join(patterns), flags) if patterns else None


def _has_shouting(text: str) -> bool:
    """True when the text has a run of all-caps words, as headlines sometimes do."""
    return re.search(r"\b[A-Z]{3,}\s+[A-Z]{3,}\b", text) is not None
