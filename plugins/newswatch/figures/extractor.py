"""Reading reported figures out of article text: number, qualifier, series, source, quote.

For every count-like number in a sentence: drop it if it recalls an older estimate ("up from
1,100", "had put the toll at ...") or is a daily increment of a running total; find what it counts
(the nearest metric term in its clause) and whom (the nearest subject mention, else the subject of
the previous sentences); read its qualifier from the words just before or after it; and take the
source the sentence names, else the one the article last named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from newswatch.figures.numbers import Number, find_numbers
from newswatch.figures.series import (
    CUMULATIVE_SUBJECTS,
    DEFAULT_SERIES,
    METRICS,
    OTHER_SUBJECTS,
    SUBJECTS,
    WEAK_METRICS,
    Series,
)
from newswatch.figures.sources import speaker

EXTRACTOR_VERSION = 1
DECIMAL_COMMA_LANGUAGES = frozenset(
    {
        "de",
        "fr",
        "es",
        "it",
        "ru",
        "uk",
        "pl",
        "nl",
        "pt",
        "cs",
        "tr",
        "sv",
        "da",
        "no",
        "fi",
        "ro",
        "hu",
        "id",
    }
)


@dataclass(frozen=True)
class Figure:
    series: str
    value: float
    qualifier: str
    attributed_to: str | None
    quote: str
    value_low: float | None = None
    value_high: float | None = None
    sentence: int = 0
    # cumulative: a running total or a current headcount; period: a count bounded in time ("in October",
    # "in the past day") or to one event, with its dates when the text and the article date make them certain.
    scope: str = "cumulative"
    period_start: date | None = None
    period_end: date | None = None


# Qualifiers, nearest to the number wins. Patterns are matched against the text just before it.
_QUALIFIERS_BEFORE: list[tuple[str, str]] = [
    (
        "more_than",
        r"more than|over|exceeded|exceeding|exceeds|exceed|topped|tops|top|surpassed|surpassing|"
        r"surpasses|upwards of|in excess of|above|north of|passed|passes|pass|passing|beyond|greater than|"
        r"более|свыше|больше|превысил\w*|превышает",
    ),
    ("at_least", r"at least|no fewer than|no less than|a minimum of|at minimum|не менее|как минимум"),
    (
        "at_most",
        r"nearly|almost|up to|approaching|as many as|close to|nearing|nears|near|"
        r"at most|a maximum of|no more than|почти|до",
    ),
    ("less_than", r"less than|fewer than|just under|under|below|short of|менее|меньше"),
    (
        "approx",
        r"about|around|approximately|some|an estimated|estimated|roughly|circa|ca\.|approx\.|"
        r"an approximate|about some|nearly about|~|около|примерно|порядка|약",
    ),
]
_QUALIFIER_RE = re.compile(
    r"(?:^|[\s(\"'“])(?:"
    + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _QUALIFIERS_BEFORE)
    + r")\s*(?:(?:the|a|an|of|to|have|had|has|been|be|at|reach|reached|number|figure|total|some)\s+){0,3}$",
    re.IGNORECASE,
)
_QUALIFIER_AFTER = [
    ("at_least", re.compile(r"^\s*(?:or more|or so more|and more|at least)\b", re.IGNORECASE)),
    ("more_than", re.compile(r"^(?:\+|-plus\b|\s+plus\b|\s+or (?:over|above)\b)", re.IGNORECASE)),
    ("approx", re.compile(r"^\s*(?:or so|odd|-odd)\b", re.IGNORECASE)),
]

# A number recalled from an older estimate is history, not a new claim.
_HISTORY_BEFORE = re.compile(
    # Past-perfect reporting ("had put the toll at", "had said that ... ") recalls an older claim.
    r"\bhad\s+(?:(?:previously|earlier|initially|already|first|also|originally)\s+)?(?:put|estimated|placed|said|reported|assessed|counted|given|cited|pegged|"
    r"told|claimed|believed|calculated)\b[^.;]{0,110}$"
    r"|(?:\b(?:up|down|revised|raised|increased|lowered|higher|rising|rose|climbing)\s+from|"
    r"\bcompared\s+(?:with|to)|\b(?:previous|earlier|prior|initial|old|last|former)\s+(?:\w+\s+){0,2}"
    r"(?:estimates?|figures?|assessments?|counts?|tally|tallies)(?:\s+(?:of|at|was|were|put\s+at|stood\s+at))?|"
    r"\b(?:previously|earlier|initially|first)\s+(?:put|estimated|placed|pegged)\b(?:\s+\w+){0,6}?\s+at|"
    r"\bfrom\s+(?:an?\s+)?(?:previous|earlier|prior)\s+(?:\w+\s+)?(?:of\s+)?|"
    r"\bthan\s+(?:the\s+)?(?:previous|earlier|prior|initial)(?:\s+\w+){0,3}?(?:\s+of)?|"
    r"\bwhich\s+(?:was|were)\s+(?:previously|earlier)|\bfrom\s+the\s+\w+\s+(?:figure|estimate)\s+of)"
    r"\s*(?:(?:" + "|".join(p for _, p in _QUALIFIERS_BEFORE) + r")\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
_CHANGE_FROM = re.compile(
    r"\b(?:rose|risen|rise|rising|increased?|increasing|grew|grown|jumped|climbed|fell|fallen|dropped|"
    r"revised|raised|raising|lowered|went|surged|soared)\b[^.;]{0,60}?\bfrom\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_HISTORY_AFTER = re.compile(
    r"^[^,;.]{0,25}?\b(?:(?:a|the)\s+(?:month|week|year|few months)\s+(?:ago|earlier|before)|"
    r"(?:estimated|reported)\s+(?:earlier|previously|last\s+\w+)|in\s+(?:an?\s+)?(?:earlier|previous)\s+"
    r"(?:estimate|assessment|briefing|report))\b",
    re.IGNORECASE,
)
_DAILY_AFTER = re.compile(
    r"\b(?:(?:in|over|during)\s+(?:just\s+|only\s+)?the\s+(?:past|last|previous)\s+(?:day|24\s+hours|week|month|"
    r"two days|48 hours)|per\s+day|a\s+day|each\s+day|daily|a\s+week|per\s+week|"
    r"overnight|in\s+(?:a|one)\s+(?:day|week)|"
    r"за (?:сутки|минувшие сутки|последние сутки))\b",
    re.IGNORECASE,
)
_DAILY_BEFORE = re.compile(
    r"\b(?:daily|a day|per day|day's|another|a further|additional)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)

# Where a clause ends: a number's metric and subject are looked for inside its clause.
_CLAUSE_BREAK = re.compile(
    r";|:|\(|\)|—|–\s|\bwhile\b|\bwhereas\b|\bbut\b|\balthough\b|\bthough\b|\bmeanwhile\b|,\s*(?:and|but|while|with)\b|"
    r",\s*(?:of whom|of which|of them|among them|among whom|including|bringing|taking|raising|pushing)\b|"
    r"\band\s+that\b|\bsaying\b|,\s*(?:where|who|whom|which|when|after|before|as|since|because|despite|amid)\b|"
    r",\s+(?=(?:about|around|some|nearly|almost|more than|over|at least|up to|roughly|an estimated)?\s*\d)|"
    r"\band\b(?=\s+(?:another\s+|a further\s+|some\s+|about\s+|around\s+|nearly\s+|almost\s+|more than\s+|over\s+|"
    r"at least\s+|up to\s+|roughly\s+|an estimated\s+)?\d)",
    re.IGNORECASE,
)
_OF_TOTAL = re.compile(
    r"(?<!upwards )(?<!excess )(?<!north )\b(?:of|out of|among)\s+(?:the|its|their)\s+(?:(?:"
    + "|".join(p for _, p in _QUALIFIERS_BEFORE)
    + r")\s+)?$",
    re.IGNORECASE,
)


def terms_regex(terms: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive regex for many literal terms, as a trie: one pass whatever the number of terms.

    At one position the longest term wins ("killed or wounded" over "killed"); words match whole.
    """
    trie: dict[str, Any] = {}
    for term in terms:
        node = trie
        for token in re.findall(r"\s+|.", term.lower()):
            node = node.setdefault(" " if token.isspace() else token, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = []
        for key in sorted(k for k in node if k):
            piece = r"\s+" if key == " " else re.escape(key)
            branches.append(piece + build(node[key]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    # Terms start and end on a word boundary when they start/end with a word character.
    return re.compile(
        r"(?<![\w-])(?=\w)" + build(trie) + r"(?!\w)" + "|" + r"(?<!\w)(?=[^\w\s])" + build(trie),
        re.IGNORECASE,
    )


class FigureExtractor:
    """Compiled once for a watchlist; `extract` is pure and thread/process safe."""

    def __init__(self, series: tuple[Series, ...] = DEFAULT_SERIES):
        self.series = series
        self._by_pair = {(s.subject, s.metric): s for s in series}
        subjects: dict[str, tuple[str, ...]] = dict(SUBJECTS)
        metrics: dict[str, tuple[str, ...]] = dict(METRICS)
        custom: set[str] = set()
        for s in series:
            if s.subject_terms:
                subjects[s.subject] = tuple(
                    t if _is_regex(t) else r"\b" + re.escape(t) + r"\b" for t in s.subject_terms
                )
                custom.add(s.subject)
            if s.metric_terms:
                metrics[s.metric] = s.metric_terms
        self._subjects = [
            (name, re.compile("|".join(p), re.IGNORECASE if name in custom else 0))
            for name, p in {**subjects, **OTHER_SUBJECTS}.items()
        ]
        self._tracked = {s.subject for s in series}
        wanted = {s.metric for s in series}
        self._metric_of: dict[str, str] = {}
        for name, terms in metrics.items():
            if name in wanted:
                for term in terms:
                    self._metric_of.setdefault(" ".join(term.lower().split()), name)
        self._metric_re = terms_regex(list(self._metric_of))

    def extract(
        self,
        text: str,
        title: str | None = None,
        language: str | None = None,
        published: date | None = None,
    ) -> list[Figure]:
        """Every figure the title and text report, at most once per (series, value, qualifier, source).

        `published` (the article's date) dates period figures: "in October" means the last October.
        """
        decimal_comma = (language or "en")[:2] in DECIMAL_COMMA_LANGUAGES
        # Curly apostrophes become straight ones (same length, so spans still index the original).
        originals = split_sentences(text, title)
        sentences = [s.replace("\u2019", "'").replace("\u2018", "'") for s in originals]
        context = _Context(self, sentences)
        figures: list[Figure] = []
        seen: set[tuple[object, ...]] = set()
        for index, sentence in enumerate(sentences):
            if _NOT_A_REPORT.search(sentence):
                continue  # questions and hypotheticals report nothing (but still give later sentences context)
            numbers = find_numbers(sentence, decimal_comma)
            for i, number in enumerate(numbers):
                figure = self._figure(sentence, originals[index], number, numbers, i, context, index)
                if figure is None:
                    continue
                key = (
                    figure.series,
                    figure.value,
                    figure.value_low,
                    figure.value_high,
                    figure.qualifier,
                    figure.attributed_to,
                )
                if key not in seen:
                    seen.add(key)
                    figures.append(figure)
        return figures

    def _figure(
        self,
        sentence: str,
        original: str,
        number: Number,
        numbers: list[Number],
        i: int,
        context: _Context,
        index: int,
    ) -> Figure | None:
        lo = numbers[i - 1].end if i > 0 else 0
        hi = numbers[i + 1].start if i + 1 < len(numbers) else len(sentence)
        start, end = _clause(sentence, number, lo, hi)
        before = sentence[start : number.start]
        after = sentence[number.end : end]
        if _is_history(sentence, number, before, after) or _counts_things(sentence, number):
            return None
        if _NOT_YET.search(before[-60:]) or _COMBINED.search(sentence, start, end):
            return None
        metric = self._metric(sentence, number, numbers, start, end, before)
        if metric is None and _BACK_REFERENCE.search(sentence, start, end):
            metric = context.metric_before(
                index
            )  # "the number had exceeded 3,000" continues the last sentence's count
        if metric is None:
            return None
        subject = self._subject(sentence, number, start, end) or context.subject_before(index)
        series = self._by_pair.get((subject, metric)) if subject in self._tracked else None
        if series is None:
            return None
        if _DAILY_AFTER.search(sentence, start, end) or (
            subject in CUMULATIVE_SUBJECTS
            and (_DAILY_BEFORE.search(before) or _REGIONAL.search(sentence, start, end))
        ):
            return None
        if metric in WEAK_METRICS and _is_increment(sentence, number):
            return None  # "an additional 3,000 troops": the series follows the total deployed
        if number.value <= 0 or (number.value != int(number.value) and number.value < 1000):
            return None
        qualifier = "range" if number.is_range else _qualifier(before, sentence[number.end : number.end + 20])
        return Figure(
            series=series.key,
            value=number.value,
            qualifier=qualifier,
            attributed_to=speaker(sentence, number.start) or context.source_before(index),
            quote=_quote(original),
            value_low=number.low,
            value_high=number.high,
            sentence=index,
        )

    def _metric(
        self, sentence: str, number: Number, numbers: list[Number], start: int, end: int, before: str
    ) -> str | None:
        """The metric whose term is nearest the number in its clause (strong metrics before weak ones)."""
        of_total = bool(_OF_TOTAL.search(before))
        matches = self._metric_matches(sentence)
        best: tuple[int, int, str] | None = None
        for name, m_start, m_end in matches:
            if m_start < start or m_end > end:
                continue
            weak = name in WEAK_METRICS
            # "3,000 of the 11,000 troops": the second number counts the troops, not what befell them.
            rank = (0 if weak else 1) if of_total else (1 if weak else 0)
            candidate = (rank, _distance(number, m_start, m_end), name)
            if best is None or candidate < best:
                best = candidate
        # Elsewhere in the sentence, a metric no other number is nearer to also governs the number:
        # a strong one before the clause overrides a weak one inside it ("Russia's total losses ... have
        # reached 790,800 personnel"); with no metric in the clause, any such metric will do
        # ("DPRK troops in Russia - ~14,000").
        own = [
            (name in WEAK_METRICS, _distance(number, m_start, m_end), name, m_start)
            for name, m_start, m_end in matches
            if (m_end <= start or m_start >= end)
            and min(numbers, key=lambda n: _distance(n, m_start, m_end)) is number
        ]
        if best is not None:
            earlier_strong = [o for o in own if not o[0] and o[3] < start]
            if best[2] in WEAK_METRICS and earlier_strong and not of_total:
                return min(earlier_strong)[2]
            return best[2]
        return min(own)[2] if own else None

    def _metric_matches(self, sentence: str) -> list[tuple[str, int, int]]:
        """Metric term matches, longest first at each place ("toll" inside "death toll" is not one)."""
        found = []
        for m in self._metric_re.finditer(sentence):
            name = self._metric_of.get(" ".join(m.group(0).lower().split()))
            if name is not None:
                found.append((name, m.start(), m.end()))
        return found

    def _subject(self, sentence: str, number: Number, start: int, end: int) -> str | None:
        """The subject mention nearest the number: first inside its clause, then in the sentence."""
        for lo, hi in ((start, end), (0, len(sentence))):
            best: tuple[int, str] | None = None
            for name, rx in self._subjects:
                for m in rx.finditer(sentence, lo, hi):
                    if _is_location(sentence, m.start()):
                        continue
                    if m.end() <= number.start:
                        weight = number.start - m.end()
                    elif m.start() - number.end <= 2:
                        weight = -1  # the number modifies it: "two North Korean soldiers"
                    elif m.start() < end:
                        # A mention before the number usually governs it ("North Korea sent 11,000 ...").
                        weight = m.start() - number.end + 15
                    else:
                        continue  # a mention in a later clause does not govern it
                    if best is None or weight < best[0]:
                        best = (weight, name)
            if best is not None:
                return best[1]
        return None

    def _last_metric(self, sentence: str) -> str | None:
        """The sentence's last strong metric, else its last weak one (what "the number" later refers to)."""
        matches = [
            (name not in WEAK_METRICS, start, name) for name, start, _ in self._metric_matches(sentence)
        ]
        return max(matches)[2] if matches else None

    def _sentence_subject(self, sentence: str) -> str | None:
        for name, rx in self._subjects:
            for m in rx.finditer(sentence):
                if not _is_location(sentence, m.start()):
                    return name
        return None


class _Context:
    """What earlier sentences established (subject, source, metric), computed only when a figure needs it."""

    def __init__(self, extractor: FigureExtractor, sentences: list[str]):
        self.extractor = extractor
        self.sentences = sentences
        self._cache: dict[tuple[str, int], str | None] = {}

    def _at(self, kind: str, index: int) -> str | None:
        key = (kind, index)
        if key not in self._cache:
            sentence = self.sentences[index]
            if kind == "source":
                self._cache[key] = speaker(sentence)
            elif kind == "subject":
                self._cache[key] = self.extractor._sentence_subject(sentence)
            else:
                self._cache[key] = self.extractor._last_metric(sentence)
        return self._cache[key]

    def _before(self, kind: str, index: int) -> str | None:
        for j in range(index - 1, -1, -1):
            found = self._at(kind, j)
            if found is not None:
                return found
        return None

    def source_before(self, index: int) -> str | None:
        return self._before("source", index)

    def subject_before(self, index: int) -> str | None:
        return self._before("subject", index)

    def metric_before(self, index: int) -> str | None:
        return self._before("metric", index)


def _distance(number: Number, start: int, end: int) -> int:
    if end <= number.start:
        return number.start - end
    if start >= number.end:
        return start - number.end
    return 0


_INCREMENT_BEFORE = re.compile(
    r"\b(?:an?\s+)?(?:additional|another|further|extra|fresh|new)\s+(?:\w+\s+)?$", re.IGNORECASE
)
_INCREMENT_AFTER = re.compile(r"^\s+(?:more|additional|extra|fresh)\b", re.IGNORECASE)
_THINGS_BEFORE = re.compile(
    r"\b(?:tanks|artillery(?: systems)?|armou?red [\w ]+?|vehicles|drones|UAVs|missiles|aircraft|helicopters|"
    r"boats|ships|MLRS|air defen[cs]e [\w ]+?|special equipment|warships|submarines|equipment)\s*[-–—:]\s*$",
    re.IGNORECASE,
)


def _is_increment(sentence: str, number: Number) -> bool:
    """ "an additional 3,000", "3,000 more", "(+1,630)": a change in a total, not the total."""
    before = sentence[max(0, number.start - 30) : number.start]
    return bool(
        _INCREMENT_BEFORE.search(before)
        or _INCREMENT_AFTER.match(sentence[number.end :])
        or re.search(r"\+\s*$", before)
    )


_STANDING_FORCE = re.compile(
    r"\b(?:army|military|armed forces|active-duty force)\s+(?:of|numbering|totalling|totaling)\s+(?:(?:"
    + "|".join(p for _, p in _QUALIFIERS_BEFORE)
    + r")\s+)?$",
    re.IGNORECASE,
)


def _counts_things(sentence: str, number: Number) -> bool:
    """ "tanks – 9,718": a tally of equipment, as in Ukraine's General Staff reports."""
    before = sentence[max(0, number.start - 40) : number.start]
    return bool(_THINGS_BEFORE.search(before) or _STANDING_FORCE.search(before))


def _is_regex(term: str) -> bool:
    return any(c in term for c in "\\[](){}|?*+^$")


def _is_location(sentence: str, at: int) -> bool:
    return bool(
        re.search(
            r"\b(?:to|in|into|inside|across|within|from|toward|towards|visit(?:ed|ing)?|entered|near)\s+(?:the\s+)?$",
            sentence[max(0, at - 14) : at],
            re.IGNORECASE,
        )
    )


def _clause(sentence: str, number: Number, lo: int, hi: int) -> tuple[int, int]:
    start, end = lo, hi
    for m in _CLAUSE_BREAK.finditer(sentence, lo, hi):
        if m.end() <= number.start:
            start = max(start, m.end())
        elif m.start() >= number.end:
            end = min(end, m.start())
            break
    return start, end


_MONTH_NAMES = r"January|February|March|April|May|June|July|August|September|October|November|December"
_QUALIFIER_WORDS = "|".join(p for _, p in _QUALIFIERS_BEFORE)
_DATED_ESTIMATE = re.compile(
    r"\b(?:" + _MONTH_NAMES + r"|last\s+\w+|earlier|previous|prior|initial|original)(?:'s)?\s+(?:estimate|"
    r"assessment|figure|tally|count)s?\s+of\s+(?:(?:" + _QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)
# A later "... had risen to 4,000" makes the earlier numbers of the sentence history.
_CHANGE_TO_LATER = re.compile(
    r"\b(?:risen|rose|rise|rising|increased|grew|grown|climbed|jumped|raised|revised|surged|soared|updated|"
    r"lifted)\s+(?:\w+\s+){0,4}?to\s+(?:(?:" + _QUALIFIER_WORDS + r")\s+)?\d",
    re.IGNORECASE,
)
# Hypotheticals and plans are not reports: "could reach 10,000", "decided to send 12,000".
_NOT_YET = re.compile(
    r"\b(?:could|may|might|would|will|shall|to)\s+(?:\w+\s+){0,2}?(?:reach|rise|climb|hit|send|deploy|dispatch|"
    r"top|exceed|grow|add|provide|supply|contribute)\s+(?:(?:up\s+to|as\s+many\s+as|about|around|some|"
    r"more\s+than|over|another|an\s+additional|nearly|almost|roughly|at\s+least)\s+)?$",
    re.IGNORECASE,
)
# "Russian and North Korean forces together": a combined count belongs to neither.
_COMBINED = re.compile(
    r"\b(?:Russian|Ukrainian|North Korean)\s+and\s+(?:Russian|Ukrainian|North Korean)\s+(?:troops|soldiers|"
    r"forces|losses|casualties|units)|\b(?:together|combined|jointly)\b",
    re.IGNORECASE,
)
# Running totals of a whole war: a regional figure ("in the Kursk region alone") is not one.
_REGIONAL = re.compile(
    r"\b(?:alone|in\s+(?:the\s+)?\w+\s+(?:region|oblast|offensive|operation|direction|sector|incursion|"
    r"counteroffensive))\b",
    re.IGNORECASE,
)
_NOT_A_REPORT = re.compile(
    r"\?[\"'”’)]*\s*$|^[\"'“‘]?(?:Suppose|Imagine|What if|If|Were|Should)\b|\bwere\s+to\b", re.IGNORECASE
)
_BACK_REFERENCE = re.compile(
    r"\b(?:the|its|their|our|his|her|[\w.]+'s)\s+(?:\w+\s+)?(?:number|figure|total|tally|count|estimate|"
    r"assessment|toll)\b",
    re.IGNORECASE,
)


def _is_history(sentence: str, number: Number, before: str, after: str) -> bool:
    wide_before = sentence[max(0, number.start - 120) : number.start]
    return bool(
        _HISTORY_BEFORE.search(wide_before)
        or _CHANGE_FROM.search(before[-80:])
        or _HISTORY_AFTER.match(after)
        or _DATED_ESTIMATE.search(before[-60:])
        or _CHANGE_TO_LATER.search(sentence, number.end)
    )


def _qualifier(before: str, after: str) -> str:
    m = _QUALIFIER_RE.search(before[-60:])
    if m:
        for name, _ in _QUALIFIERS_BEFORE:
            if m.group(name):
                return name
    for name, rx in _QUALIFIER_AFTER:
        if rx.match(after):
            return name
    return "exact"


def _quote(sentence: str) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= 600 else sentence[:597] + "..."


_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Sen|Rep|Gov|Prof|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|"
    r"Nov|Dec|No|vs|etc|approx|est|Inc|Co|Corp|Ltd)|\b[A-Z]|\b(?:U\.S|U\.K|U\.N|E\.U))\.$"
)


def split_sentences(text: str, title: str | None = None) -> list[str]:
    """Sentences of the title and text; a paragraph break always ends a sentence."""
    out: list[str] = []
    if title:
        out.append(title.strip())
    for paragraph in re.split(r"\n+", text or ""):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        start = 0
        for m in re.finditer(r"[.!?。]+[\"'”’)]*\s+(?=[\"'“‘(]?[A-ZА-ЯЁ0-9가-힣])", paragraph):
            if _ABBREVIATIONS.search(paragraph[: m.start() + 1]):
                continue
            out.append(paragraph[start : m.start() + 1].strip())
            start = m.end()
        rest = paragraph[start:].strip()
        if rest:
            out.append(rest)
    return out
