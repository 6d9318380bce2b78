"""Numbers as journalists write them: "3,000", "3.000", "12 000", "1.5 million", "11k",
"three thousand", "a thousand", "1.1 thousand", "11,000-strong", "10,000 to 12,000".

`find_numbers` returns every count-like number in a sentence with its character span; the caller
decides what it counts. Things that are numbers but never counts of people (years, dates, ages,
percentages, money, unit names, phone numbers, times, measurements) are left out here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SCALES = {
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "mln": 1_000_000,
    "m": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "тыс": 1_000,
    "тысяч": 1_000,
    "тысячи": 1_000,
    "тысяча": 1_000,
    "млн": 1_000_000,
    "миллиона": 1_000_000,
    "миллион": 1_000_000,
    "만": 10_000,
    "천": 1_000,
}

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}

_DIGITS = r"""
(?<![\w.,/#№$€£₩¥])                        # not the tail of a word, code or amount
(?P<num>
    \d{1,3}(?:,\d{3})+(?:\.\d+)?           # 3,000  1,234,567.5
  | \d{1,3}(?:\.\d{3})+(?:,\d+)?           # 3.000  1.234.567,5 (grouping dots)
  | \d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+ # 12 000 (space, nbsp, thin space)
  | \d+(?:[.,]\d+)?                        # 3000  1.5  1,5
)
(?:\s?(?P<scale>thousand|million|billion|mln|bn|тыс(?:яч[аи]?)?\.?|млн|миллиона?|만|천)\b
 | (?P<kscale>[kK]|[mM](?=\s|$)|bn)\b)?
"""

_WORD_NUMBER = (
    r"(?:(?:"
    + "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
    + r")(?:[\s-]+(?:"
    + "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
    + r"))*"
    r"(?:\s+hundred(?:\s+(?:and\s+)?(?:"
    + "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
    + r")(?:-(?:"
    + "|".join(UNITS)
    + r"))?)?)?(?:\s+(?:thousand|million))?"
    r"|an?\s+(?:hundred|thousand|million)(?!s))"
)

NUMBER = re.compile(_DIGITS + r"|(?P<words>\b" + _WORD_NUMBER + r"\b)", re.IGNORECASE | re.VERBOSE)
# find_numbers runs the (slow) spelled-out alternation only on sentences that contain a number word.
_DIGIT_NUMBER = re.compile(_DIGITS, re.IGNORECASE | re.VERBOSE)
_WORD_NUMBER_RE = re.compile(r"(?P<words>\b" + _WORD_NUMBER + r"\b)", re.IGNORECASE)
_HAS_NUMBER_WORD = re.compile(
    r"\b(?:" + "|".join(sorted([*UNITS, *TENS], key=len, reverse=True)) + r"|hundred|thousand|million)\b",
    re.IGNORECASE,
)

MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_BEFORE_EXCLUDED = re.compile(
    r"(?:" + MONTHS + r"\.?\s*|(?:\$|US\$|USD\s?|€|£|₩|¥|KRW\s?|rubles?\s|Unit\s|No\.\s?|Nos?\s|number\s|#|"
    r"Corps\s|Brigade\s|Division\s|Regiment\s|Battalion\s|Article\s|Resolution\s|Flight\s|Route\s|"
    r"aged\s|age\s|ages\s|Su-|MiG-|S-|KN-|Hwasong-|page\s|pages\s|chapter\s|section\s|"
    r"(?:in|since|by|until|from|of|year|early|late|mid-?|summer|winter|spring|autumn|fall)\s(?=(?:19|20)\d\d\b))"
    r")$",
    re.IGNORECASE,
)
_AFTER_EXCLUDED = re.compile(
    r"^(?:\s?(?:%|percent\b|per\s?cent\b|pct\b|percentage\b|-?(?:year|month|week|day|hour|minute)s?[- ]old\b|"
    r"(?:st|nd|rd|th)\b|(?:km|kilomet(?:er|re)s?|miles?|meters?|metres?|kg|tonnes?|tons?|mm|cm|km/h|mph|"
    r"hours?|minutes?|seconds?|days?|weeks?|months?|years?|decades?|centuries|times|dollars?|won\b|"
    r"euros?|pounds?|rubles?|roubles?|hryvnias?|yuan|usd|krw|degrees?|°|sq|square|acres?|hectares?|"
    r"rounds?|shells?|missiles?|rockets?|drones?|tanks?|vehicles?|aircraft|jets?|sorties|artillery|"
    r"howitzers?|launchers?|guns?|bombs?|warheads?|containers?|barrels?|calls?|votes?|pages?|points?|"
    r"goals?|households?|homes?|houses?|buildings?|villages?|settlements?|square)\b)"
    r"|[:/]\d|-\d{2,}-\d|\.\d{3,}\.\d{3,})",  # times (10:30), dates (1/12), phone numbers
    re.IGNORECASE,
)
# Equipment after a modifier or two: "200 long-range artillery guns", "170mm self-propelled howitzers".
_EQUIPMENT_AFTER = re.compile(
    r"^\s+(?:[\w-]+\s+){1,2}(?:artillery|guns?|howitzers?|shells?|missiles?|rockets?|drones?|tanks?|launchers?|"
    r"vehicles?|systems?|rounds?|aircraft|jets?|helicopters?|trucks?)\b",
    re.IGNORECASE,
)
_MONTH_AFTER = re.compile(r"^\s?(?:" + MONTHS + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Number:
    value: float
    start: int
    end: int
    text: str
    low: float | None = None
    high: float | None = None

    @property
    def is_range(self) -> bool:
        return self.low is not None


def parse_number(text: str, decimal_comma: bool = False) -> float | None:
    """The value of one number expression, or None if it is not one."""
    m = NUMBER.fullmatch(text.strip())
    return _value(m, decimal_comma) if m else None


def _value(m: re.Match[str], decimal_comma: bool) -> float | None:
    groups = m.groupdict()
    if groups.get("words"):
        return _words_value(groups["words"])
    raw = groups["num"]
    scale_word = (groups.get("scale") or groups.get("kscale") or "").lower().rstrip(".")
    scale = SCALES.get(scale_word, 1) if scale_word else 1
    if re.fullmatch(r"\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+", raw):
        number = float(re.sub(r"\D", "", raw))
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw) and not (
        decimal_comma and raw.count(",") == 1 and scale > 1
    ):
        number = float(raw.replace(",", ""))
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", raw):
        # "3.000" is 3,000 unless a scale word makes it a decimal ("1.500 million" is rare but real).
        if scale > 1 and raw.count(".") == 1 and not decimal_comma:
            number = float(raw)
        else:
            number = float(raw.replace(".", "").replace(",", "."))
    elif "," in raw:
        # "1,5" is a decimal comma ("1,5 Millionen"); "3,00" likewise.
        number = float(raw.replace(",", "."))
    else:
        number = float(raw)
    return number * scale


def _words_value(words: str) -> float | None:
    tokens = re.split(r"[\s-]+", words.lower())
    total = current = 0
    for token in tokens:
        if token in ("and", ""):
            continue
        if token in ("a", "an"):
            current = 1
        elif token in UNITS:
            current += UNITS[token]
        elif token in TENS:
            current += TENS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in ("thousand", "million"):
            total += (current or 1) * (1_000 if token == "thousand" else 1_000_000)
            current = 0
        else:
            return None
    return float(total + current)


_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|and|or)\s*$", re.IGNORECASE)
_BETWEEN = re.compile(r"between\s*$", re.IGNORECASE)
_CHANGE_VERB_FROM = re.compile(
    r"\b(?:rose|risen|rise|rising|increased?|increasing|grew|grown|jumped|climbed|fell|fallen|dropped|"
    r"revised|raised|raising|lowered|up|down|went)\b[^.;]{0,40}\bfrom\s*$",
    re.IGNORECASE,
)


def find_numbers(sentence: str, decimal_comma: bool = False) -> list[Number]:
    """Count-like numbers in a sentence, ranges joined ("10,000 to 12,000" is one Number)."""
    found: list[Number] = []
    matches = list(_DIGIT_NUMBER.finditer(sentence))
    if _HAS_NUMBER_WORD.search(sentence):
        matches = sorted([*matches, *_WORD_NUMBER_RE.finditer(sentence)], key=lambda m: m.start())
    for m in matches:
        start, end = m.span()
        text = m.group(0)
        if not text.strip() or _excluded(sentence, start, end, m):
            continue
        value = _value(m, decimal_comma)
        if value is None:
            continue
        end = _strong_suffix(sentence, end)
        found.append(Number(value, start, end, sentence[start:end]))
    return _join_ranges(sentence, found)


def _strong_suffix(sentence: str, end: int) -> int:
    m = re.match(r"-strong\b", sentence[end:])
    return end + m.end() if m else end


def _excluded(sentence: str, start: int, end: int, m: re.Match[str]) -> bool:
    before = sentence[max(0, start - 24) : start]
    after = sentence[end : end + 24]
    groups = m.groupdict()
    if groups.get("words"):
        word = groups["words"].lower()
        # "one" is a pronoun far more often than a count; vague plurals never match here.
        if word in ("one", "zero") or re.search(
            r"\b(?:several|a few|few|many|tens of|hundreds of)\s+$", before, re.IGNORECASE
        ):
            return True
        if re.match(r"^\s*(?:of\s+(?:the|them|those|these|whom|which)|another)\b", after, re.IGNORECASE):
            return word in UNITS  # "two of the soldiers" still counts as a number of people; small words only
        return bool(
            _AFTER_EXCLUDED.match(after)
            or re.match(r"^-?(?:year|month|week|day)s?[- ]old", after, re.IGNORECASE)
        )
    raw = m.group("num")
    if (
        _BEFORE_EXCLUDED.search(before)
        or _AFTER_EXCLUDED.match(after)
        or _MONTH_AFTER.match(after)
        or _EQUIPMENT_AFTER.match(sentence[end : end + 60])
    ):
        return True
    if re.fullmatch(r"(?:19|20)\d\d", raw) and not re.match(
        r"^\s*(?:more\s+)?(?:North|troops|soldiers|servicemen|personnel|casualties|killed|wounded|dead|men|"
        r"people|prisoners)\b",
        after,
        re.IGNORECASE,
    ):
        return True  # a year
    if (
        re.search(r"\d[:/.]$", before)
        or re.search(r"\d[-–]\d+[-–]$", before)
        or re.match(r"^[-–]\d+[-–]\d", after)
        or re.match(r"^[:/.]\d", after)
        or (re.search(r"\d[-–]$", before) and re.match(r"^[-–]\d", after))
    ):
        return True  # times (10:30), dates (1/12), phone numbers (02-123-4567)
    if len(raw) <= 2 and (
        re.search(r"(?<![\d,.])\d{1,2}[-–]$", before) or re.match(r"^[-–]\d{1,2}(?![\d,.])", after)
    ):
        return True  # scores and tallies ("3-1")
    if re.search(r"[A-Za-z]-?$", before[-2:]) and not before.endswith(" "):
        return True  # "K-pop", "Su-27", "A320"
    return False


def _join_ranges(sentence: str, numbers: list[Number]) -> list[Number]:
    joined: list[Number] = []
    i = 0
    while i < len(numbers):
        n = numbers[i]
        if i + 1 < len(numbers):
            nxt = numbers[i + 1]
            gap = sentence[n.end : nxt.start]
            before = sentence[max(0, n.start - 60) : n.start]
            is_between = bool(_BETWEEN.search(before)) and re.fullmatch(r"\s*and\s*", gap, re.IGNORECASE)
            is_dash_or_to = re.fullmatch(
                r"\s*(?:-|–|—|to)\s*", gap, re.IGNORECASE
            ) and not _CHANGE_VERB_FROM.search(before)
            if (is_between or is_dash_or_to) and nxt.value >= n.value > 0:
                low = n.value
                # "1.5 to 2 million": the scale of the second applies to the first.
                if nxt.value >= 1000 * n.value and n.value < 1000:
                    low = n.value * (nxt.value // max(1.0, _base(nxt.text)))
                if low <= nxt.value:
                    joined.append(
                        Number(
                            (low + nxt.value) / 2,
                            n.start,
                            nxt.end,
                            sentence[n.start : nxt.end],
                            low=low,
                            high=nxt.value,
                        )
                    )
                    i += 2
                    continue
        joined.append(n)
        i += 1
    return joined


def _base(text: str) -> float:
    m = re.match(r"[\d.,]+", text)
    if not m:
        return 1.0
    try:
        return float(m.group(0).replace(",", ""))
    except ValueError:
        return 1.0
