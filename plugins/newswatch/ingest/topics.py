"""Topics and relevance: does an article's title or text mention North Korea, Russia, ...?

Case rules: a term written with a capital letter matches only with that capitalisation (or in an
all-caps headline), so "Russian" matches but "russian roulette" does not; an all-lowercase term
matches in any case. A trailing `*` matches any ending (inflected languages: "Росси*"). Terms in
scripts without spaces between words (Hangul, CJK) match inside words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    """Finds which topics a text mentions; compiled once, safe to reuse across threads and processes."""

    def __init__(self, topics: tuple[Topic, ...]):
        self.topics = topics
        self._patterns: list[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None]] = []
        self._shout: list[re.Pattern[str] | None] = []
        for topic in topics:
            sensitive = [t for t in topic.terms if not _term_body(t)[2]]
            insensitive = [t for t in topic.terms if _term_body(t)[2]]
            # All-caps headlines ("RUSSIAN TROOPS ADVANCE") still mention the topic.
            shout = [t.upper() for t in sensitive if t != t.upper() and _term_body(t)[1]]
            self._patterns.append((topic.name, _compile(sensitive, False), _compile(insensitive, True)))
            self._shout.append(_compile(shout, False))

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


def _has_shouting(text: str) -> bool:
    """True when the text has a run of all-caps words, as headlines sometimes do."""
    return re.search(r"\b[A-Z]{3,}\s+[A-Z]{3,}\b", text) is not None
