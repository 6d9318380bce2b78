"""Who made an estimate: source mentions in a sentence, normalised to one name per source."""

from __future__ import annotations

import re
from dataclasses import dataclass

_DEF = r"defen[cs]e"
# Each source: patterns that name it. Longer matches win where patterns overlap
# ("Ukraine's spy agency" is Ukraine, "spy agency" alone is South Korea's NIS).
SOURCES: dict[str, tuple[str, ...]] = {
    "NIS": (
        r"National Intelligence Service",
        r"\bNIS\b",
        r"(?:South Korea's|Seoul's|South Korean|the South's)\s+"
        r"(?:main\s+|top\s+|national\s+)?(?:spy|intelligence)\s+(?:agency|service)",
        r"\bspy agency",
        r"(?:parliamentary|National Assembly(?:'s)?)\s+[Ii]ntelligence [Cc]ommittee",
        r"intelligence committee",
        r"\bPark Sun-won\b",
        r"\bLee Seong-kweun\b",
        r"\bLee Sung-kweun\b",
        r"국가정보원",
        r"국정원",
        r"разведк\w+ Южной Кореи",
        r"Национальн\w+ разведк\w+",
    ),
    "South Korea": (
        r"Joint Chiefs of Staff",
        r"\bJCS\b",
        r"(?:South Korea's|Seoul's|South Korean)\s+(?:"
        + _DEF
        + r" ministry|military|government|officials?|presidential office|Ministry of (?:National )?"
        + _DEF
        + r"|army|foreign ministry|(?:defen[cs]e |military |intelligence |government |security )officials?)",
        r"\bSeoul\b(?=\s+(?:puts|put|now puts|said|says|estimated|estimates|believes))",
        r"\bofficials in Seoul\b",
        r"\bPresident (?:Yoon|Lee)\b",
        r"\bYoon Suk Yeol\b",
        r"\bLee Jae-myung\b",
        r"합동참모본부",
        r"국방부",
        r"\bSouth Korea\b(?=\s+(?:puts|put|now puts|said|says|estimated|estimates|believes))",
    ),
    "Ukraine": (
        r"\bZelens['’]?k[yi]y?\b",
        r"(?:Ukraine's|Ukrainian)\s+(?:military intelligence|intelligence(?: agency| service)?"
        r"|General Staff|officials?|government|military|armed forces|" + _DEF + r" ministry|president|"
        r"Special Operations Forces|security service|presidential office|commander[- ]in[- ]chief|"
        r"foreign ministry|spy agency|ambassador|" + _DEF + r" intelligence|border guard)",
        r"\bHUR\b",
        r"\bGUR\b",
        r"\bBudanov\b",
        r"\bSBU\b",
        r"\bSyrsk[yi]i?\b",
        r"\bUmerov\b",
        r"\bSybiha\b",
        r"General Staff of (?:the Armed Forces of )?Ukraine",
        r"\b(?:the\s+)?General Staff\b",
        r"\bUkrainian\s+(?:figures|data|estimates?|assessments?|sources|authorities|commanders?|intelligence)\b",
        r"Main (?:Directorate of )?Intelligence Directorate",
        r"(?:Defen[cs]e )?Intelligence (?:Directorate )?of Ukraine",
        r"\bKyiv\b(?=\s+(?:puts|put|now puts|said|says|estimated|claims?"
        r"|claimed|reported|believes))",
        r"\bofficials in Kyiv\b",
        r"\bKyiv's\b",
        r"(?<=\()Kyiv(?=\))",
        r"(?<=\b(?:says|said)\s)Kyiv\b",
        r"\bUkraine\b(?=\s+(?:puts|put|now puts|said|says|estimated|estimates|claimed|claims|reported|believes))",
        r"Генштаб\w* ВСУ",
        r"[Уу]краинск\w+ (?:военн\w+ )?разведк\w+",
        r"Киев\w*(?= (?:заявил|сообщил))",
        r"ГУР",
        r"Зеленск\w+",
        r"우크라이나 (?:정보당국|국방정보국|군)",
    ),
    "United States": (
        r"\bPentagon\b",
        r"\bWhite House\b",
        r"\bState Department\b",
        r"(?:U\.S\.|US|American|United States|"
        r"Washington's)\s+(?:officials?|intelligence(?: officials?| agencies| assessments?)?|government|military|"
        + _DEF
        + r" officials?|Defense Department|administration|assessments?|estimates?|officers?)",
        r"\bWashington\b(?=\s+(?:puts|put|now puts|said|says|estimated|estimates|believes))",
        r"\bofficials in Washington\b",
        r"\bWashington's\b",
        r"\b(?:Lloyd )?Austin\b",
        r"\bBlinken\b",
        r"\bJohn Kirby\b",
        r"\bKirby\b",
        r"\bSabrina Singh\b",
        r"Secretary of (?:Defense|State)",
        r"Defense Secretary",
        r"\bHegseth\b",
        r"\bRubio\b",
        r"\bthe U\.S\.(?=\s+(?:puts|put|now puts|said|says|estimated|estimates|believes))",
    ),
    "United Kingdom": (
        r"(?:UK|U\.K\.|British|Britain's)\s+(?i:Defen[cs]e Intelligence|Ministry of Defen[cs]e|military intelligence)",
        r"(?:UK|U\.K\.|British|Britain's)\s+(?:Ministry of Defen[cs]e|"
        + _DEF
        + r" ministry|"
        + _DEF
        + r" intelligence|intelligence|military intelligence|officials?|government|MoD)",
        r"Ministry of Defence\b",
        r"\bHealey\b",
        r"\bLondon\b(?=\s+(?:puts|put|now puts|said|says|estimated|estimates|believes))",
    ),
    "Russia": (
        r"\bKremlin\b",
        r"\bPeskov\b",
        r"(?:Russia's|Russian)\s+(?:"
        + _DEF
        + r" ministry|Ministry of "
        + _DEF
        + r"|officials?|government|military|General Staff|foreign ministry)",
        r"\bMoscow\b(?=\s+(?:puts|put|now puts|said|says|"
        r"claimed|claims|denied|estimated))",
        r"\bShoigu\b",
        r"\bBelousov\b",
        r"\bZakharova\b",
        r"\bLavrov\b",
        r"Кремл\w+",
        r"Песков\w*",
        r"Минобороны России",
    ),
    "NATO": (r"\bNATO\b", r"\bRutte\b", r"North Atlantic Treaty Organi[sz]ation"),
    "North Korea": (
        r"\bKCNA\b",
        r"Korean Central News Agency",
        r"(?:North Korean|Pyongyang's|North Korea's) state media",
        r"\bPyongyang\b(?=\s+(?:puts|put|now puts|said|says|claimed|claims|denied))",
        r"\bRodong Sinmun\b",
    ),
}

_SOURCE_RE = [(name, re.compile(p)) for name, patterns in SOURCES.items() for p in patterns]
# Words that make the source the speaker of its sentence.
_SPEECH = re.compile(
    r"\b(?:said|says|say|estimated|estimates|estimate|told|tells|reported|reports|believes|believe|assessed|"
    r"assesses|claimed|claims|stated|announced|confirmed|put|puts|briefed|informed|added|noted|warned|"
    r"according to|citing|cited|per|disclosed|revealed|counted|calculated)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mention:
    source: str
    start: int
    end: int


def mentions(sentence: str) -> list[Mention]:
    """Source mentions in a sentence, overlapping matches resolved in favour of the longest."""
    found = [Mention(name, m.start(), m.end()) for name, rx in _SOURCE_RE for m in rx.finditer(sentence)]
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for m in found:
        if kept and m.start < kept[-1].end:
            if (m.end - m.start) > (kept[-1].end - kept[-1].start):
                kept[-1] = m
            continue
        kept.append(m)
    return kept


def speaker(sentence: str, at: int | None = None) -> str | None:
    """The source a sentence attributes its claims to, or None when it names none.

    "citing X" and "according to X" name the source outright; otherwise a source next to a speech verb
    ("X said", "said X") is the speaker; otherwise the mention nearest to position `at`.
    """
    found = mentions(sentence)
    if not found:
        return None
    for m in found:
        before = sentence[max(0, m.start - 40) : m.start]
        if re.search(
            r"\b(?:citing|cited|according to|per|quoting)\s+(?:the\s+|a\s+|an\s+|data\s+from\s+"
            r"(?:the\s+)?|estimates\s+(?:by|from)\s+(?:the\s+)?)?(?:\w+\s+){0,3}$",
            before,
            re.IGNORECASE,
        ):
            return m.source
    speaking = [m for m in found if _near_speech(sentence, m)]
    candidates = speaking or found
    if at is None or len(candidates) == 1:
        return candidates[0].source
    return min(candidates, key=lambda m: min(abs(m.start - at), abs(m.end - at))).source


def _near_speech(sentence: str, m: Mention) -> bool:
    after = sentence[m.end : m.end + 45]
    before = sentence[max(0, m.start - 25) : m.start]
    return bool(
        re.match(r"^(?:'s)?[^.;:]{0,30}?\b" + _SPEECH.pattern[2:], after, re.IGNORECASE)
        or _SPEECH.search(before)
    )
