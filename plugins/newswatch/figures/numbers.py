"""Numbers as journalists write them: "3,000", "3.000", "12 000", "1.5 million", "11k", "three thousand",
"eleven-thousand", "four-thousand-100", "27-hundred", "half a million", "11,000-strong", "10,000 to
12,000", "70 or 80,000".

`find_numbers` returns every count-like number in a sentence with its character span; the caller
decides what it counts. Things that are numbers but never counts of people (years, dates, ages,
percentages, money, unit names, phone numbers, times, measurements) are left out here. The words
come from the language's lexicon; the grammar (how number words compose) is shared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from newswatch.figures import literals
from newswatch.figures.lexicon import Lexicon, lexicon_for


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


_SEPARATORS = str.maketrans({c: " " for c in "-,.;:!?()[]\"'\u201c\u201d\u2018\u2019\u2014\u2013/"})


def _alternation(words: Iterable[str]) -> str:
    """Words as alternatives, the longest first where several match at one place. Lower-case words are
    written as a trie ("тысяч(?:а|и|у)?" for each shared stem), which tries the same alternatives in the
    same order but compares each character once, not once per word: the regex engine cannot skip
    case-insensitive branches by their first letter."""
    ordered = sorted(words, key=len, reverse=True)
    if any(w != w.lower() or not w for w in ordered):
        return "|".join(re.escape(w) for w in ordered)
    trie: dict[str, Any] = {}
    for word in ordered:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie(trie)


def _trie(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _trie(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


class NumberReader:
    """One language's number patterns, compiled once."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        long_scales = [w for w in lexicon.digit_scales if len(w) > 2]
        short_scales = [w for w in lexicon.digit_scales if len(w) <= 2]
        scale = ""
        if long_scales:
            infix = r"(?:\s+(?:" + lexicon.scale_infix + r"))?"
            scale += infix + r"\s?(?P<scale>" + _alternation(long_scales) + r")\.?(?!\w)"
        if short_scales:
            scale += ("|" if scale else "") + r"(?P<kscale>" + _alternation(short_scales) + r")(?![\w])"
        self.digits = re.compile(
            r"""(?<![\w,/#№$€£₩¥])(?<!(?<!\bc)\.)          # not the tail of a word, code or amount ("c.11,000" is circa)
            (?P<num>
                \d{1,3}(?:,\d{3})+(?:\.\d+)?           # 3,000  1,234,567.5
              | \d{1,3}(?:\.\d{3})+(?:,\d+)?           # 3.000  1.234.567,5 (grouping dots)
              | \d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?![\d,.]\d) # 12 000 (space, nbsp, thin space)
              | \d+(?:[.,]\d+)?                        # 3000  1.5  1,5
            )"""
            + (r"(?:" + scale + r")?" if scale else ""),
            re.IGNORECASE | re.VERBOSE,
        )
        # "1만1천", "4천700", "1.5만": digits and scale characters in one word, biggest scale first.
        self.compound = None
        if lexicon.compound_scales:
            units = "(?:" + _alternation(lexicon.compound_scales) + ")"
            self.compound = re.compile(
                r"(?<![\w.,/#№$€£₩¥])(?P<num>\d+(?:[.,]\d+)?"
                + units
                + r"(?:\s?\d+(?:[.,]\d+)?"
                + units
                + r")*"
                r"(?:\s?\d{1,4}(?![\d.,]))?)"
            )
            self.compound_part = re.compile(r"(\d+(?:[.,]\d+)?)(" + units + r")?")
        self.words = {**lexicon.units, **lexicon.tens, **lexicon.hundreds}
        self.lone_scales = {**lexicon.lone_scales, **lexicon.lone_scales_after_hedge}
        word_tokens = [
            *self.words,
            *lexicon.scales,
            *self.lone_scales,
            *lexicon.fractions,
            *lexicon.articles,
            *lexicon.number_joiners,
        ]
        # The (slow) number-word grammar runs only on sentences that contain a number word; a set lookup
        # of the sentence's words finds them five times faster than a regular expression.
        self.number_words = frozenset(w.lower() for w in [*self.words, *lexicon.scales, *self.lone_scales])
        # Ukrainian writes apostrophes inside number words ("п'ять"): they do not split such a word.
        self.apostrophe = any("'" in w for w in self.number_words)
        self.separators = (
            {k: v for k, v in _SEPARATORS.items() if k != ord("'")} if self.apostrophe else _SEPARATORS
        )
        # A word of the sentence (split at white space and the separators) that is a number word: the
        # number words as one trie, found where they end a word, then kept where they also start one. (A
        # match cannot hide a word that starts inside it: number words hold no white space or separator.)
        breaks = "".join(chr(c) for c in self.separators)
        self.word_breaks = frozenset(breaks)
        self.number_word = (
            re.compile("(?:" + _alternation(self.number_words) + r")(?![^\s" + re.escape(breaks) + "])")
            if self.number_words
            and not any(c.isspace() or c in self.word_breaks for w in self.number_words for c in w)
            else None
        )
        self.words_of = re.compile(r"[^\s" + re.escape(breaks) + r"]+")
        token = r"(?:" + _alternation(word_tokens) + r"|\d{1,3}(?:,\d{3})*)" if word_tokens else r"(?!)"
        self.word_span = re.compile(
            r"(?<![\w.,/#№$€£₩¥-])" + token + r"(?:(?:[\s-]+|\s+of\s+)" + token + r")*(?=[^\w-]|-strong\b|$)",
            re.IGNORECASE,
        )
        self.token = re.compile(
            r"\d{1,3}(?:,\d{3})*|[^\W\d_]+" + (r"(?:'[^\W\d_]+)*" if self.apostrophe else ""), re.UNICODE
        )
        self.not_count_before = re.compile(lexicon.not_count_before, re.IGNORECASE)
        self.not_count_after = re.compile(lexicon.not_count_after, re.IGNORECASE)
        self.vague_before = re.compile(lexicon.vague_before, re.IGNORECASE)
        self.range_joiners = re.compile(lexicon.range_joiners, re.IGNORECASE)
        self.range_between = re.compile(lexicon.range_between, re.IGNORECASE)
        self.range_or = re.compile(lexicon.range_or, re.IGNORECASE)
        self.range_change_after = re.compile(lexicon.range_change_after, re.IGNORECASE)
        self.range_between_gap = re.compile(lexicon.range_between_gap, re.IGNORECASE)
        self.change_from_before = re.compile(lexicon.change_from_before, re.IGNORECASE)
        self.count_after_year = re.compile(lexicon.count_after_year, re.IGNORECASE)
        # "мільйона з лишком": the hedge after a lone scale word, as between digits and their scale
        self.hedge_after = re.compile(r"\s+(?:" + lexicon.scale_infix + r")", re.IGNORECASE)
        self.hedge_before = re.compile(
            r"(?:" + "|".join(p for _, p in lexicon.qualifiers_before) + r")\s*$"
            if lexicon.qualifiers_before
            else r"(?!)",
            re.IGNORECASE,
        )
        # A qualifier spans at most this much before the trailing white space: no match starts further back.
        self.hedge_longest = (
            literals.longest("|".join(p for _, p in lexicon.qualifiers_before), re.IGNORECASE)
            if lexicon.qualifiers_before
            else None
        )
        self.hedge_need = literals.required(self.hedge_before)
        # Months are capitalised ("3,000 may have died" is not May).
        self.month_after = re.compile(r"^\s?(?:" + _alternation([m.title() for m in lexicon.months]) + r")\b")


@cache
def reader(lexicon: Lexicon) -> NumberReader:
    return NumberReader(lexicon)


def parse_number(text: str, decimal_comma: bool = False, lexicon: Lexicon | None = None) -> float | None:
    """The value of one number expression, or None if it is not one."""
    found = find_numbers(text.strip(), decimal_comma, lexicon, keep_excluded=True)
    if len(found) == 1 and found[0].start == 0 and found[0].end >= len(text.strip()) - 1:
        return found[0].value
    return None


def find_numbers(
    sentence: str, decimal_comma: bool = False, lexicon: Lexicon | None = None, keep_excluded: bool = False
) -> list[Number]:
    """Count-like numbers in a sentence, ranges joined ("10,000 to 12,000" is one Number)."""
    r = reader(lexicon or lexicon_for("en"))
    found: list[Number] = []
    digit = _ANY_DIGIT.search(sentence)
    for m in _digit_matches(r.digits, sentence, digit.start()) if digit else ():
        start, end = m.span()
        if not keep_excluded and _excluded_digits(r, sentence, start, end, m):
            continue
        value = _digit_value(r, m, decimal_comma)
        if value is not None:
            found.append(Number(value, start, _strong_suffix(sentence, end), sentence[start:end]))
    if r.compound is not None and digit is not None:
        compound = []
        for m in r.compound.finditer(sentence):
            start, end = m.span()
            # the digits inside "2천500가구" are no count of their own, whatever the whole is
            found = [n for n in found if not (start <= n.start < end)]
            value = _compound_value(r, m.group("num"))
            if value is None or (not keep_excluded and _excluded_compound(r, sentence, start, end)):
                continue
            compound.append(Number(value, start, end, sentence[start:end]))
        found = _merge(found, compound)
    if r.number_words and _has_number_word(r, sentence.lower()):
        found = _merge(found, _word_numbers(r, sentence, keep_excluded))
    return _join_ranges(r, sentence, found) if found else found


def _has_number_word(r: NumberReader, lowered: str) -> bool:
    """One of the words of the lower-cased sentence is a number word."""
    if r.number_word is None:
        return not r.number_words.isdisjoint(r.words_of.findall(lowered))
    for m in r.number_word.finditer(lowered):
        at = m.start()
        if at == 0 or lowered[at - 1].isspace() or lowered[at - 1] in r.word_breaks:
            return True
    return False


_ANY_DIGIT = re.compile(r"\d")


def _digit_matches(digits: re.Pattern[str], sentence: str, pos: int) -> Iterator[re.Match[str]]:
    """What `digits.finditer(sentence)` finds, tried only where a digit stands (every match starts with
    one): the pattern opens with look-behinds, which keep the regex engine from skipping ahead by itself.
    A match at `pos` still sees the text before `pos`."""
    n = len(sentence)
    while pos < n:
        m = digits.match(sentence, pos)
        if m is not None:
            yield m
            pos = m.end()
        else:
            pos += 1
        nxt = _ANY_DIGIT.search(sentence, pos)
        if nxt is None:
            return
        pos = nxt.start()


_SPACE_GROUPED = re.compile(r"\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+")
_NOT_DIGIT = re.compile(r"\D")
_COMMA_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DOT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")


def _digit_value(r: NumberReader, m: re.Match[str], decimal_comma: bool) -> float | None:
    raw = m.group("num")
    groups = m.groupdict()
    scale_word = (groups.get("scale") or groups.get("kscale") or "").lower().rstrip(".")
    scale = r.lexicon.digit_scales.get(scale_word, 1) if scale_word else 1
    if _SPACE_GROUPED.fullmatch(raw):
        number = float(_NOT_DIGIT.sub("", raw))
    elif _COMMA_GROUPED.fullmatch(raw) and not (decimal_comma and raw.count(",") == 1 and scale > 1):
        number = float(raw.replace(",", ""))
    elif _DOT_GROUPED.fullmatch(raw):
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


def _compound_value(r: NumberReader, raw: str) -> float | None:
    """ "1만1천" 11000, "4천700" 4700, "100만340" 1000340: each scale smaller than the one before."""
    scales = r.lexicon.compound_scales
    total = 0.0
    last = float("inf")
    for digits, unit in r.compound_part.findall(raw.replace(" ", "")):
        scale = scales[unit] if unit else 1
        if scale >= last:
            return None
        total += float(digits.replace(",", ".")) * scale
        last = scale
    return total


def _excluded_compound(r: NumberReader, sentence: str, start: int, end: int) -> bool:
    before = sentence[max(0, start - _BEFORE_WINDOW) : start]
    return bool(
        r.not_count_after.match(sentence[end : end + 24])
        or r.not_count_before.search(before)
        or r.vague_before.search(before)
    )


def _word_numbers(r: NumberReader, sentence: str, keep_excluded: bool) -> list[Number]:
    """Spans with at least one number word, parsed by the shared grammar; digits-only spans are left out."""
    out = []
    for m in r.word_span.finditer(sentence):
        tokens = [
            (t.group(0), m.start() + t.start(), m.start() + t.end()) for t in r.token.finditer(m.group(0))
        ]
        i = 0
        while i < len(tokens):
            parsed = _parse_words(r, tokens, i, sentence)
            if parsed is None:
                i += 1
                continue
            value, j, has_word = parsed
            start, end = tokens[i][1], tokens[j - 1][2]
            i = j
            if not has_word:
                continue
            if not keep_excluded and _excluded_words(r, sentence, start, end):
                continue
            out.append(Number(float(value), start, _strong_suffix(sentence, end), sentence[start:end]))
    return out


def _parse_words(
    r: NumberReader, tokens: list[tuple[str, int, int]], i: int, sentence: str = ""
) -> tuple[float, int, bool] | None:
    """Read one number from tokens[i:]: its value, where it stopped, and whether it used a number word.

    The grammar: units and tens add up ("twenty-five"), "hundred" multiplies what came before
    ("27-hundred"), bigger scales close a group ("four thousand seven hundred", "four-thousand-100"),
    "and" joins a group to a smaller rest; an article or fraction may stand for the first number
    ("a thousand", "half a million", "a quarter of a million").
    """
    lex = r.lexicon
    words, scales = r.words, lex.scales
    first = tokens[i][0].lower()
    # Fractions of a scale: "half a million", "a quarter of a million".
    j = i + 1 if first in lex.articles else i
    if j < len(tokens) and tokens[j][0].lower() in lex.fractions:
        k = j + 1
        if k < len(tokens) and tokens[k][0].lower() == "of":
            k += 1
        if (
            k + 1 < len(tokens)
            and tokens[k][0].lower() in lex.articles
            and tokens[k + 1][0].lower() in scales
        ):
            return lex.fractions[tokens[j][0].lower()] * scales[tokens[k + 1][0].lower()], k + 2, True
        return None
    if first in r.lone_scales and (
        first in lex.lone_scales
        or _hedged(r, sentence[max(0, tokens[i][1] - 40) : tokens[i][1]])
        or r.hedge_after.match(sentence, tokens[i][1] + len(tokens[i][0]))
    ):
        # "тысяча", "около тысячи", "мільйона з лишком": one of the scale, unless a number word comes first
        return float(r.lone_scales[first]), i + 1, True
    total = current = 0.0
    last = ""
    last_scale = float("inf")
    has_word = False
    j = i
    while j < len(tokens):
        text = tokens[j][0]
        low = text.lower()
        if low in lex.hundreds and last in ("", "scale", "and"):
            # "триста", "двісті": a hundreds word, which units and tens may follow
            current += lex.hundreds[low]
            last = "hundred"
            has_word = True
        elif low in words and not text[0].isdigit():
            v = words[low]
            ok = last in ("", "hundred", "scale", "and") or (last == "ten" and v < 10)
            if not ok:
                break
            current += v
            last = "ten" if v >= 20 and v % 10 == 0 else "unit"
            has_word = True
        elif text[0].isdigit():
            if last not in ("", "hundred", "scale", "and") or ("," in text and last):
                break
            current += float(text.replace(",", ""))
            last = "digits"
        elif low in scales and scales[low] == 100:
            if last not in ("unit", "ten", "digits", "article") or current >= 100:
                break
            current = (current or 1) * 100
            last = "hundred"
            has_word = True
        elif low in scales:
            if last not in ("unit", "ten", "digits", "article", "hundred") or scales[low] >= last_scale:
                break
            total += (current or 1) * scales[low]
            current = 0
            last_scale = scales[low]
            last = "scale"
            has_word = True
        elif (
            low in lex.articles and last == "" and j + 1 < len(tokens) and tokens[j + 1][0].lower() in scales
        ):
            current = 1
            last = "article"
        elif low in lex.number_joiners and last in ("hundred", "scale") and j + 1 < len(tokens):
            nxt = tokens[j + 1][0].lower()
            if not (nxt in words or nxt[0].isdigit()):
                break
            last = "and"
        else:
            break
        j += 1
    if last in ("and", "article"):
        j -= 1
    if j == i:
        return None
    return total + current, j, has_word


def _merge(a: list[Number], b: list[Number]) -> list[Number]:
    """Both lists, overlaps resolved in favour of the longer span ("27-hundred" over "27")."""
    out: list[Number] = []
    for n in sorted([*a, *b], key=lambda n: (n.start, -(n.end - n.start))):
        if out and n.start < out[-1].end:
            if n.end - n.start > out[-1].end - out[-1].start:
                out[-1] = n
            continue
        out.append(n)
    return out


def _strong_suffix(sentence: str, end: int) -> int:
    if not sentence.startswith("-strong", end):
        return end
    m = _STRONG.match(sentence, end)
    return m.end() if m else end


_STRONG = re.compile(r"-strong\b")


def _excluded_words(r: NumberReader, sentence: str, start: int, end: int) -> bool:
    before = sentence[max(0, start - 24) : start]
    after = sentence[end : end + 24]
    word = sentence[start:end].lower()
    # "one" is a pronoun far more often than a count; vague plurals never count.
    if (
        word in r.lexicon.pronoun_numbers
        or r.vague_before.search(before)
        or r.not_count_before.search(before)
    ):
        return True
    if re.match(r"^\s*(?:of\s+(?:the|them|those|these|whom|which)|another)\b", after, re.IGNORECASE):
        # "two of the soldiers", "Four thousand of them" still count people; "ten of them" is too small to matter
        return word not in r.lexicon.units and not any(
            w in r.lexicon.scales for w in re.findall(r"[^\W\d_]+", word)
        )
    return bool(r.not_count_after.match(after))


_YEAR = re.compile(r"(?:19|20)\d\d")
# "з 600 до 2000", "from 600 to 2000": a count, then one short word, then the year-like number.
_CHANGE_TO = re.compile(
    r"(?<![\d.,/:-])(?!(?:19|20)\d\d\b)\d[\d,. ]*\s+(?:to|до)\s+(?:(?:about|around|близько|приблизно|около|примерно)\s+)?$",
    re.IGNORECASE,
)
# Hedges that do stand before years: "by 2000", "until 2000", "since 2000".
_YEAR_HEDGE_WORDS: tuple[str, ...] = (
    *("by", "until", "till", "since", "before", "after", "in", "to"),
    # "lost 434,000 troops over 2024": a year's stretch (a count after "over" has its people: "over 2000 troops")
    *("over", "during", "throughout", "across"),
    *("до", "по", "с", "з", "від", "от", "після", "после", "перед"),
)
_YEAR_HEDGE = re.compile(r"\b(?:" + "|".join(_YEAR_HEDGE_WORDS) + r")\s+$", re.IGNORECASE)
# Such a word ends where the trailing white space starts: the search need not start further back than this.
_YEAR_HEDGE_LONGEST = max(map(len, _YEAR_HEDGE_WORDS))


def _year_hedge(lead: str) -> bool:
    return bool(_YEAR_HEDGE.search(lead, max(0, len(lead.rstrip()) - _YEAR_HEDGE_LONGEST)))


def _hedged(r: NumberReader, lead: str) -> bool:
    """A qualifier ends the lead ("more than"): searched only from where one can start."""
    start = 0 if r.hedge_longest is None else max(0, len(lead.rstrip()) - r.hedge_longest)
    if not literals.possible(r.hedge_need, literals.folded(lead[start:])):
        return False  # none of the words a qualifier needs stands there
    return bool(r.hedge_before.search(lead, start))


_DATE_BEFORE = re.compile(r"\d[:/.]$|\d[-–]\d+[-–]$")
_DATE_AFTER = re.compile(r"[-–]\d+[-–]\d|[:/.]\d")
_DASH_BEFORE = re.compile(r"\d[-–]$")
_DASH_AFTER = re.compile(r"[-–]\d")
_SCORE_BEFORE = re.compile(r"(?<![\d,.])\d{1,2}[-–]$")
_SCORE_AFTER = re.compile(r"[-–]\d{1,2}(?![\d,.])")


def _score_after(r: NumberReader, after: str) -> bool:
    """ "3-1" is a score; "10–12 тыс." is a range whose scale the second number carries."""
    if not _SCORE_AFTER.match(after):
        return False
    nxt = r.digits.match(after, 1)
    return not (nxt and (nxt.groupdict().get("scale") or nxt.groupdict().get("kscale")))


_CODE_BEFORE = re.compile(r"(?![가-힣])[^\W\d_]-?$")
# Words that make a number no count stand just before it: a short window keeps the search cheap.
_BEFORE_WINDOW = 16


def _excluded_digits(r: NumberReader, sentence: str, start: int, end: int, m: re.Match[str]) -> bool:
    after = sentence[end : end + 24]
    raw = m.group("num")
    if r.not_count_after.match(after) or r.month_after.match(after):
        return True
    scaled = bool(m.groupdict().get("scale") or m.groupdict().get("kscale"))
    if _YEAR.fullmatch(raw) and not scaled:
        # A year, unless people follow ("2000 troops"), a hedge comes first ("близько 2000": years are not
        # hedged), or it ends a change from a count ("зросла з 600 до 2000").
        lead = sentence[max(0, start - 40) : start]
        return not (
            r.count_after_year.match(after)
            # (the cheaper test first: "in 2024", "since 2022" are how years are written)
            or (not _year_hedge(lead) and _hedged(r, lead))
            or (_ANY_DIGIT.search(lead) and _CHANGE_TO.search(lead))  # a change from a count has its digits
        )
    before = sentence[max(0, start - _BEFORE_WINDOW) : start]
    if (
        _DATE_BEFORE.search(before)
        or _DATE_AFTER.match(after)
        or (_DASH_BEFORE.search(before) and _DASH_AFTER.match(after))
    ):
        return True  # times (10:30), dates (1/12), phone numbers (02-123-4567)
    if len(raw) <= 2 and not scaled and (_SCORE_BEFORE.search(before) or _score_after(r, after)):
        return True  # scores and tallies ("3-1")
    if _CODE_BEFORE.search(before[-2:]) and not before.endswith(" "):
        return True  # "K-pop", "Su-27", "A320"
    return bool(r.not_count_before.search(before) or r.vague_before.search(before))


def _join_ranges(r: NumberReader, sentence: str, numbers: list[Number]) -> list[Number]:
    joined: list[Number] = []
    i = 0
    while i < len(numbers):
        n = numbers[i]
        if i + 1 < len(numbers):
            nxt = numbers[i + 1]
            gap = sentence[n.end : nxt.start]
            before = sentence[max(0, n.start - 60) : n.start]
            is_between = bool(r.range_between.search(before)) and r.range_between_gap.fullmatch(gap)
            is_dash_or_to = (
                bool(r.range_joiners.fullmatch(gap))
                and not r.change_from_before.search(before)
                and not r.range_change_after.match(sentence, nxt.end)
            )
            is_or = bool(r.range_or.fullmatch(gap))
            if (is_between or is_dash_or_to or is_or) and nxt.value >= n.value > 0:
                low = _scaled_low(n.value, nxt.value)
                if low < nxt.value and (not is_or or nxt.value <= 3 * low):
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


def _scaled_low(low: float, high: float) -> float:
    """ "1.5 to 2 million", "70 or 80,000": the scale of the second applies to the first."""
    if low >= 1000 or high < 1000 * low:
        return low
    for scale in (1_000, 1_000_000, 1_000_000_000):
        if high / 10 <= low * scale <= high:
            return low * scale
    return low
