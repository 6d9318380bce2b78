"""Reading reported figures out of article text: number, qualifier, series, source, scope, quote.

For every count-like number in a sentence: drop it if it counts something other than people ("four
brigades"), recalls an older estimate ("up from 1,100"), is a plan, a rate or an increment; find what
it counts (the nearest metric term in its clause) and whom (the nearest subject mention, else the
subject of the previous sentences); read its qualifier from the words just before or after it; take the
source the sentence names, else the one the article last named; and its scope from the period phrase
that bounds it. Tables give one figure per row. The words are the language's lexicon (figures/lang/).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from newswatch import settings
from newswatch.figures import morph, rules, scope, sources, tables
from newswatch.figures.lexicon import Lexicon, lexicon_for
from newswatch.figures.numbers import Number, find_numbers
from newswatch.figures.series import (
    COUNTS_FROM_START_UNTIL,
    CUMULATIVE_SUBJECTS,
    DEFAULT_SERIES,
    DEPLOYED,
    PERIOD_METRICS,
    SUBJECT_OF_SOURCE,
    WEAK_METRICS,
    Series,
)
from newswatch.figures.terms import terms_regex

EXTRACTOR_VERSION = 2
# Languages that write "1,5 million" for 1.5 million, whether or not newswatch has their lexicon yet.
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


class _Language:
    """A watchlist compiled for one language: its rules, metric terms and subject patterns."""

    def __init__(self, lexicon: Lexicon, series: tuple[Series, ...], morphology: bool = False):
        self.lexicon = lexicon
        self.rules = rules.rules_for(lexicon, morphology)
        self.scope = scope.reader(lexicon)
        subjects: dict[str, tuple[str, ...]] = dict(lexicon.subjects)
        metrics: dict[str, tuple[str, ...]] = dict(lexicon.metrics)
        custom: set[str] = set()
        for s in series:
            if s.subject_terms:
                subjects[s.subject] = tuple(
                    t if _is_regex(t) else r"\b" + re.escape(t) + r"\b" for t in s.subject_terms
                )
                custom.add(s.subject)
            if s.metric_terms:
                metrics[s.metric] = s.metric_terms
        self.subjects = [
            (name, re.compile("|".join(p), re.IGNORECASE if name in custom else 0))
            for name, p in {**subjects, ENEMY: (lexicon.enemy_subject,), **lexicon.other_subjects}.items()
            if p
        ]
        wanted = {s.metric for s in series}
        self.metric_of: dict[str, str] = {}
        for name, terms in metrics.items():
            if name in wanted:
                for term in terms:
                    self.metric_of.setdefault(" ".join(term.lower().split()), name)
        # Idioms that contain a metric's word but count nothing ("how they were arrived at") match as longer
        # terms with no metric.
        shadows = [" ".join(t.lower().split()) for t in lexicon.not_metrics]
        self.metric_re = (
            terms_regex(list(self.metric_of) + shadows, tail=lexicon.term_tail)
            if self.metric_of
            else re.compile(r"(?!)")
        )
        self.common_words = _common_words(lexicon, self.metric_of)
        # Each number's rules ask for the sentence's metric terms again: kept per sentence (a bounded memo).
        self.metric_matches: dict[str, tuple[tuple[str, int, int], ...]] = {}
        self.subject_spans: dict[tuple[str, int], tuple[tuple[int, int], ...]] = {}

    def forget(self) -> None:
        """Start the per-sentence memos afresh: they serve one article (a sentence another article repeats is
        read again, so a benchmark of repeated excerpts measures what a stream of new articles costs)."""
        self.metric_matches.clear()
        self.subject_spans.clear()
        self.rules.clauses.clear()


# How many sentences' answers a per-article memo keeps before it starts again (only a very long article
# fills it; `_Language.forget` empties the memos for every article).
_SENTENCES_KEPT = 2048


class FigureExtractor:
    """Compiled once for a watchlist; `extract` is pure and thread/process safe."""

    def __init__(
        self,
        series: tuple[Series, ...] = DEFAULT_SERIES,
        morphology: str | Iterable[str] = settings.FIGURES_MORPHOLOGY,
    ):
        """`morphology`: the languages whose rules ask an analyser (figures/morph.py: "auto", "off", "ru,uk"),
        as `[figures] morphology` gives them; NEWSWATCH_MORPHOLOGY, when set, wins."""
        self.series = series
        self.morphology = morph.from_environment(morphology)
        self._by_pair = {(s.subject, s.metric): s for s in series}
        self._tracked = {s.subject for s in series}
        self._languages: dict[str, _Language] = {}

    def _language(self, language: str | None) -> _Language:
        lexicon = lexicon_for(language)
        compiled = self._languages.get(lexicon.language)
        if compiled is None:
            compiled = self._languages[lexicon.language] = _Language(
                lexicon, self.series, lexicon.language in self.morphology
            )
        return compiled

    def extract(
        self,
        text: str,
        title: str | None = None,
        language: str | None = None,
        published: date | None = None,
    ) -> list[Figure]:
        """Every figure the title and text report, at most once per (series, value, qualifier, source, scope).

        `published` (the article's date) dates period figures: "in October" means the last October.
        """
        lang = self._language(language)
        lang.forget()
        code = (language or "en").lower()[:2]
        decimal_comma = lang.lexicon.decimal_comma or code in DECIMAL_COMMA_LANGUAGES
        found_tables = tables.find_tables(text or "")
        prose = tables.without_tables(text, found_tables) if found_tables else text
        originals, paragraphs = _sentences(prose, title, lang.lexicon)
        # Curly apostrophes become straight ones and all-caps kickers ordinary case (same length, so spans
        # still index the original).
        # A Title Case headline has the lexicon's words lowered; only a headline is in Title Case: the opening
        # line (a text that opens with a Title Case line opens with its headline), or a line in capitals.
        sentences = []
        headline = bool(title)
        for i, original in enumerate(originals):
            plain = original.replace("\u2019", "'").replace("\u2018", "'")
            sentence = _unshout(plain, lang.lexicon)
            if i == 0:
                headline = headline or sources.title_case(sentence)
            if i == 0 or sentence != plain:
                sentence = _untitle(sentence, lang.common_words)
            sentences.append(sentence)
        joined = _join_fragments(sentences, originals, paragraphs, decimal_comma, lang.lexicon)
        context = _Context(self, lang, sentences, paragraphs, has_title=bool(title), headline=headline)
        context.explained_by_next = joined
        figures: list[Figure] = []
        seen: dict[tuple[object, ...], Figure] = {}

        # Where each figure was read (sentence, and the stretch between its neighbouring numbers), every time
        # it was given, to date it.
        spans: dict[int, list[tuple[int, int, int]]] = {}

        def add(figure: Figure | None, span: tuple[int, int, int] | None = None) -> None:
            if figure is None:
                return
            key = (
                figure.series,
                figure.value,
                figure.value_low,
                figure.value_high,
                figure.qualifier,
                figure.attributed_to,
                figure.scope,
            )
            if key not in seen:
                seen[key] = figure
                figures.append(figure)

            elif seen[key].period_start is None and figure.period_start is not None:
                # "in a week" in the headline, "in the past week" in the body: the dated mention dates it
                dated = replace(seen[key], period_start=figure.period_start, period_end=figure.period_end)
                figures[figures.index(seen[key])] = dated
                spans[id(dated)] = spans.pop(id(seen[key]), [])
                seen[key] = dated
            if span is not None:
                spans.setdefault(id(seen[key]), []).append(span)
            if seen[key].sentence == 0 and context.has_title and figure.sentence > 0:
                # The headline's count stated again in the body: the body's statement is where it is read from
                # (a change is decided on the body's claims before the headline's), and it is no echo.
                body = replace(seen[key], sentence=figure.sentence)
                figures[figures.index(seen[key])] = body
                spans[id(body)] = spans.pop(id(seen[key]), [])
                seen[key] = body

        for index, sentence in enumerate(sentences):
            numbers = find_numbers(sentence, decimal_comma, lang.lexicon)
            if lang.lexicon.small_word_limit:
                # "за два этапа": a small number of things is no number of ours, and must not take the words
                # around it from the counts that are
                numbers = [
                    n
                    for n in numbers
                    if not (
                        rules.small_word(lang.rules, n)
                        and rules.counted_noun(lang.rules, sentence, n) == rules.THING
                    )
                ]
            if not numbers:
                continue
            if lang.rules.not_a_report.search(sentence) or lang.rules.history_sentence.search(sentence):
                continue  # questions, hypotheticals, corrections report nothing (but give later sentences context)
            for i in range(len(numbers)):
                # The stretch a claim was made in: between its neighbours, split where a new clause starts
                # ("..., having previously estimated 600": the marker dates the second count only).
                lo = _split(sentence, numbers[i - 1].end, numbers[i].start) if i > 0 else 0
                hi = (
                    _split(sentence, numbers[i].end, numbers[i + 1].start)
                    if i + 1 < len(numbers)
                    else len(sentence)
                )
                figure = self._figure(lang, sentence, originals[index], numbers, i, context, index, published)
                add(figure, (index, lo, hi))
        figures = _drop_superseded(figures, context, published, spans)
        figures = _drop_repeats(figures, context)
        figures = _period_wins(figures)
        for table in found_tables:
            for figure in self._table_figures(lang, table, title, published, decimal_comma):
                add(replace(figure, sentence=len(sentences)))  # a table's rows come after the prose
        return figures

    def _figure(
        self,
        lang: _Language,
        sentence: str,
        original: str,
        numbers: list[Number],
        i: int,
        context: _Context,
        index: int,
        published: date | None,
    ) -> Figure | None:
        r = lang.rules
        number = numbers[i]
        if number.value <= 0 or (number.value != int(number.value) and number.value < 1000):
            return None
        lo = numbers[i - 1].end if i > 0 else 0
        hi = numbers[i + 1].start if i + 1 < len(numbers) else len(sentence)
        if _counts_things(r, sentence, numbers, i) or rules.counts_things(r, sentence, number):
            return None
        start, end = rules.clause(r, sentence, number, lo, hi)
        if i == 0 and self._plain_metric(lang, sentence, numbers, i, context, index, start) is None:
            # A count of nothing we follow is dropped before the history, plan and rate rules, which only ever
            # drop more. (A later number's history rules may record its neighbour's period: it waits for them.)
            return None
        before = sentence[start : number.start]
        after = sentence[number.end : end]
        if rules.points_back(r, sentence, number) or rules.about_others(r, sentence, start, end):
            return None
        if rules.not_yet(r, sentence[max(0, number.start - 90) : number.start], after):
            return None
        compared = False
        if self._is_history(lang, sentence, numbers, i):
            if not self._periods_compared(sentence, numbers, i, context, index, published):
                return None
            compared = True
        stretch = sentence.rfind(";", 0, number.start) + 1
        if rules.combines(r, sentence, stretch, end) or rules.is_rate(r, sentence, number, before):
            return None
        metric = self._plain_metric(lang, sentence, numbers, i, context, index, start)
        if compared:
            # "lost 35,000 in November, up from 31,000 in October": the other period's count of the same thing
            metric = self._resolved_metric(lang, sentence, numbers, i - 1, context, index) or metric
        subset = i > 0 and rules.is_subset(r, sentence, number)
        list_line = bool(r.list_label.search(sentence[: number.start]))
        if metric in WEAK_METRICS and list_line and not r.deployment_context.search(sentence):
            # "Personnel: about 782,510 (+1,650)" under "the enemy's combat losses": the losses' people
            earlier = context.metric_before(index)
            metric = earlier if earlier and earlier not in WEAK_METRICS else metric
        if metric is None:
            return None
        if (
            subset
            and metric in WEAK_METRICS
            and self._resolved_metric(lang, sentence, numbers, i - 1, context, index) in PERIOD_METRICS
        ):
            return (
                None  # "300 North Koreans were killed, 100 of them troops sent to Kursk": a part of the dead
            )
        part = self._part_subject(lang, sentence, numbers, i)
        if (
            part is None
            and (
                rules.about_others(r, sentence, 0, number.start)
                or (
                    index > 0
                    and rules.about_others(
                        r, context.sentences[index - 1], 0, len(context.sentences[index - 1])
                    )
                )
            )
            and self._subject(lang, sentence, number, start, end, clause_only=True) is None
        ):
            return None  # "34,000 defectors have settled in the South, though only 236 arrived last year"
        subject = (
            part
            or self._subject(lang, sentence, number, start, end)
            or self._relative_subject(lang, sentence, number, start, end)
            or context.subject_before(index)
            or (metric not in WEAK_METRICS and self._subject(lang, sentence, number, start, end, later=True))
            or context.subject_after(index)
        )
        if rules.counts_anyone(r, sentence, number) and not self._subject(
            lang, sentence, number, 0, len(sentence)
        ):
            return None  # "drones struck Kharkiv, wounding at least 45 people": civilians, not troops
        source = context.source_of(index, number.start)
        subject = _side(lang.lexicon, subject, source)
        if subject is None and source in SUBJECT_OF_SOURCE:
            subject = SUBJECT_OF_SOURCE[source]
        if subject is not None and context._at("subject", index) is None:
            # A sentence whose count is about a subject only through its source ("Troops sent: about 15,000
            # (NIS)") is about that subject for the lines that follow it.
            context._cache[("subject", index)] = subject
        series = self._by_pair.get((subject, metric)) if subject in self._tracked else None
        if (
            series is None
            and metric == "killed"
            and subject in self._tracked
            and r.out_of_action.search(sentence, max(0, number.start - 80), end)
        ):
            metric = "casualties"  # "знищили понад 300 тисяч окупантів": put out of action, dead or wounded
            series = self._by_pair.get((subject, metric))
        if series is None or subject is None:
            return None
        if (
            subset
            and metric in WEAK_METRICS
            and not self._subject(lang, sentence, number, start, end, clause_only=True)
            and not _part_of_a_plan(r, sentence, numbers, i)
        ):
            return None  # "12,000 troops, including 500 officers": a part of the headcount, not the headcount
        if rules.is_increment(r, sentence, number) or rules.is_another(r, sentence, number):
            # "an additional 3,000 troops", "another 3,000": the series follows the total. In a list of
            # different counts they only mean a different group ("100 killed and another 1,000 wounded").
            listed = (
                self._number_metric(lang, sentence, numbers, i - 1) if i > 0 else context.metric_before(index)
            )
            if listed is None or listed == metric or metric in WEAK_METRICS:
                return None
        if (
            metric in WEAK_METRICS
            and r.rank_part_after.match(sentence, number.end)
            and r.rank_part_before.search(sentence, max(0, number.start - 80), number.start)
        ):
            return None  # "the contingent included some 500 officers and three generals": a part, by rank
        if (
            metric in WEAK_METRICS
            and subject in lang.lexicon.subjects
            and not r.deployment_context.search(sentence)
        ):
            return None  # "200 North Korean soldiers came at his position": a group, not the deployment
        if subject in CUMULATIVE_SUBJECTS and (
            r.regional.search(sentence, start, hi) or (start > 0 and r.regional.match(sentence, 0, start))
        ):
            return None  # "in the Kursk region alone": neither the total nor a period
        qualifier = (
            "range"
            if number.is_range
            else rules.qualifier(r, before, sentence[number.end : number.end + 60], number.text)
        )
        if qualifier == "exact" and list_line and context.approximate_list(index):
            qualifier = "approx"  # "The figures below are approximate." above a bulletin's lines
        if (
            qualifier == "exact"
            and i > 0
            and r.shared_qualifier.fullmatch(sentence, numbers[i - 1].end, number.start)
        ):
            # "about 300 killed and 2,700 wounded": the hedge covers both counts.
            previous = numbers[i - 1]
            shared = rules.qualifier(r, sentence[max(0, previous.start - 60) : previous.start], "")
            qualifier = shared if shared == "approx" else qualifier
        found_scope = scope.Scope()
        if metric in PERIOD_METRICS:
            found_scope = context.scope_of(index, numbers, i, published, subject)
        if (
            found_scope.kind == scope.PERIOD
            # (a stretch that runs up to the article's date holds the current count: "in the seven months since the
            # operation began, casualties have passed 55,000"; but "Russia's total losses passed 970,000" in the
            # past week is the running total passing a mark)
            and (
                published is None
                or found_scope.end != published
                or r.back_reference.search(sentence, max(0, number.start - 60), number.start)
            )
            and self._milestone(lang, sentence, numbers, i, context, index)
        ):
            return None  # "the count passed 500,000 in February 2024": the running total's past state
        if (
            (subset or (i == 0 and rules.is_subset(r, sentence, number)))
            and found_scope.kind == scope.CUMULATIVE
            and metric not in WEAK_METRICS
            and self._number_metric(lang, sentence, numbers, i) is None
        ):
            return None  # "of the two captured, one wants to go to Seoul": a part of the count that counts nothing
        return Figure(
            series=series.key,
            value=number.value,
            qualifier=qualifier,
            attributed_to=source,
            quote=_quote(original),
            value_low=number.low,
            value_high=number.high,
            sentence=index,
            scope=found_scope.kind,
            period_start=found_scope.start,
            period_end=found_scope.end,
        )

    def _plain_metric(
        self,
        lang: _Language,
        sentence: str,
        numbers: list[Number],
        i: int,
        context: _Context,
        index: int,
        start: int,
    ) -> str | None:
        """What number i counts by the text: its own (resolved) metric, else the count the sentences before gave
        (a day's count), else the one the sentence before named (a bare number after a dash)."""
        key = ("metric-plain", index, i)
        if key in context._cache:
            cached: str | None = context._cache[key]
            return cached
        metric = self._resolved_metric(lang, sentence, numbers, i, context, index)
        if metric is None and lang.rules.day_count.search(sentence):
            metric = context.metric_before(index)  # "The worst single day was Dec. 19, with about 2,200."
        if metric is None and index > 0 and self._elliptical(lang, sentence, numbers[i], start):
            # "Скільки загинуло? За даними NIS — близько 600, за даними ГУР — понад тисячу.": a sentence that
            # names no count gives its bare number, after a dash, for the count the sentence before named.
            metric = context._at("metric", index - 1)
        context._cache[key] = metric
        return metric

    def _metric(
        self,
        lang: _Language,
        sentence: str,
        number: Number,
        numbers: list[Number],
        start: int,
        end: int,
        before: str,
    ) -> str | None:
        """The metric whose term is nearest the number in its clause (strong metrics before weak ones)."""
        of_total = bool(lang.rules.of_total_before.search(before))
        for pair in lang.rules.respectively.finditer(sentence, 0, number.start):
            following = [n.start for n in numbers if n.start >= pair.end()][:2]
            if number.start in following:
                named = self._first_metric(
                    lang, pair.group("second" if following.index(number.start) else "first")
                )
                if named:
                    return named
        matches = self._metric_matches(lang, sentence)
        # "Загиблих — близько 300, поранених — близько 2 700": a term that opens the next item of a list (after a
        # comma) and labels the next number (a dash or colon between them) counts that number, not this one.
        later = [n for n in numbers if n.start >= number.end]
        if later:
            nxt = later[0]
            matches = [
                m
                for m in matches
                if not (
                    number.end <= m[1]
                    and m[2] <= nxt.start
                    and _ITEM_BREAK.search(sentence, number.end, m[1])
                    and self._labels(lang, sentence, m[2], nxt)
                )
            ]
        # "150,000 of last year's losses were dead": the part counts what the sentence says of it, not the
        # whole it is taken from.
        part_of = lang.rules.part_of.match(sentence, number.end)
        if part_of and any(m[1] >= part_of.end() for m in matches if start <= m[1] < end):
            matches = [m for m in matches if not (part_of.start() <= m[1] < part_of.end())]
        # "600 soldiers killed": a loss right after the number's noun phrase is what it counts, whatever
        # came before ("lost"); "since sending 10,000 troops": a verb of sending right before it likewise.
        np_end = rules.noun_phrase_end(lang.rules, sentence, number)
        tail = next(
            (m.end() for _, rx in lang.rules.qualifiers_after if (m := rx.match(sentence[np_end:]))), 0
        )
        if np_end == number.end and tail:
            # "600 or so soldiers killed": the noun phrase opens after the qualifier that follows the number
            np_end = rules.noun_phrase_end(lang.rules, sentence, replace(number, end=number.end + tail))
        for name, m_start, _ in matches:
            if name not in WEAK_METRICS and np_end <= m_start <= np_end + 1 and m_start < end:
                return name
        predicates = [
            (m_start, name)
            for name, m_start, _ in matches
            if name not in WEAK_METRICS
            and number.end <= m_start < end
            and lang.rules.predicate_metric.match(sentence, m_start)
        ]
        if predicates:
            return min(predicates)[
                1
            ]  # "다친 북한군 병사 1명이 붙잡혔다": the verb after the count says what befell it
        # "about 600 of them dead", "2,000 of whom have been killed": a part counts what is said of it, not
        # the whole's loss named just before it.
        part = lang.rules.subset_after.match(sentence[number.end : number.end + 30])
        if part:
            after = number.end + part.end()
            said = [m for m in matches if after <= m[1] <= after + 25 and m[1] < end]
            strong = [m for m in said if m[0] not in WEAK_METRICS]
            if strong or said:
                return (strong or said)[0][0]
        if lang.rules.sending_before.search(sentence, max(start, number.start - 40), number.start):
            return DEPLOYED
        best: tuple[int, int, str, int, int] | None = None
        for name, m_start, m_end in matches:
            if m_start < start or m_end > end:
                continue
            weak = name in WEAK_METRICS
            # "3,000 of the 11,000 troops": the second number counts the troops, not what befell them,
            # unless a loss follows at once ("of the 1,250 Russian troops lost over the past day").
            rank = (0 if weak else 1) if of_total else (1 if weak else 0)
            if of_total and not weak and 0 <= m_start - number.end <= 30:
                rank = 0
            candidate = (rank, _distance(number, m_start, m_end), name, m_start, m_end)
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
            and min(numbers, key=lambda n: _separated(sentence, n, m_start, m_end)) is number
            # "11,000 are still in Kursk despite heavy losses": a circumstance counts nothing
            and not lang.rules.concession_before.search(sentence, max(0, m_start - 50), m_start)
        ]
        if best is not None:
            earlier_strong = [o for o in own if not o[0] and o[3] < start]
            # ... but not a headcount the clause names first ("made good its losses, and the number of
            # troops there now stands at 11,000").
            label = best[3] > number.start or lang.rules.label_gap.match(sentence, best[4], number.start)
            # ... nor a headcount its own clause places ("has made up its losses and now has about 11,000
            # troops in Russia").
            placed = rules.noun_phrase_end(lang.rules, sentence, number) > number.end and bool(
                lang.rules.deployment_context.search(sentence, number.end, end)
            )
            # ... nor a part the clause places ("and that roughly 12,000 of its soldiers had been sent").
            placed = placed or bool(
                part_of and lang.rules.deployment_context.search(sentence, part_of.end(), end)
            )
            if best[2] in WEAK_METRICS and earlier_strong and not of_total and label and not placed:
                return min(earlier_strong)[2]
            if (
                of_total
                and best[2] not in WEAK_METRICS
                and rules.noun_phrase_end(lang.rules, sentence, number) == (number.end)
            ):
                # "4,000 of the roughly 11,000 became casualties": the whole, with no noun of its own, is the
                # headcount the sentence named before it; what befell it is the part's.
                earlier_weak = [m for m in matches if m[0] in WEAK_METRICS and m[2] <= start]
                if earlier_weak:
                    return max(earlier_weak, key=lambda m: m[1])[0]
            return best[2]
        return min(own)[2] if own else None

    def _elliptical(self, lang: _Language, sentence: str, number: Number, start: int) -> bool:
        """A bare number after a dash or colon in a sentence with no metric term of its own."""
        return (
            bool(_ELLIPSIS_DASH.search(sentence, start, number.start))
            and not self._metric_matches(lang, sentence)
            and rules.counted_noun(lang.rules, sentence, number) is None
            # a small number word only as a collective numeral, which counts people ("двое", "четверо")
            and (not rules.small_word(lang.rules, number) or bool(_COLLECTIVE.search(number.text)))
        )

    @staticmethod
    def _labels(lang: _Language, sentence: str, term_end: int, number: Number) -> bool:
        """The term ending at term_end is the number's label: "поранених — близько 2 700", "killed: 300"."""
        return bool(
            _LABEL_DASH.match(sentence, term_end, number.start)
            and lang.rules.label_gap.fullmatch(sentence, term_end, number.start)
        )

    def _is_history(self, lang: _Language, sentence: str, numbers: list[Number], i: int) -> bool:
        """A recalled or superseded value; a count that continues one ("the previous estimate was at least 100
        dead and close to 1,000 wounded") is recalled with it."""
        r = lang.rules
        number = numbers[i]
        lo = numbers[i - 1].end if i > 0 else 0
        hi = numbers[i + 1].start if i + 1 < len(numbers) else len(sentence)
        start, end = rules.clause(r, sentence, number, lo, hi)
        speakers: tuple[tuple[int, int], ...] = ()
        if r.change_to_later.search(sentence, number.end):
            speakers = tuple((m.start, m.end) for m in _source_spans(sentence, lang.lexicon))
        if rules.is_history(
            r, sentence, number, sentence[start : number.start], sentence[number.end : end], speakers
        ):
            return True
        joined = i > 0 and bool(r.shared_period.fullmatch(sentence, numbers[i - 1].end, number.start))
        return joined and self._is_history(lang, sentence, numbers, i - 1)

    def _milestone(
        self,
        lang: _Language,
        sentence: str,
        numbers: list[Number],
        i: int,
        context: _Context | None = None,
        index: int = 0,
    ) -> bool:
        """A running total crossing a mark ("the count passed 500,000 ..., and 1 million ...")."""
        r = lang.rules
        number = numbers[i]
        own = context._own_phrase(index, numbers, i) if context is not None else None
        if (
            own is not None
            and own.end <= number.start
            and own.kind in _SPAN_KINDS
            # (but "In the past week, Russia's total losses passed 970,000" is the running total passing a mark)
            and not r.back_reference.search(sentence, own.end, number.start)
        ):
            return False  # "In the second half of 2024 Russian losses exceeded 250,000": that stretch's count
        if r.milestone_before.search(sentence, max(0, number.start - 60), number.start):
            return True
        if r.crossing_before.search(sentence, max(0, number.start - 30), number.start) and (
            own is not None and own.start >= number.end
        ):
            return True  # "... and crossed 900,000 in the spring": a total passing a mark then
        if i > 0 and rules.continues(r, sentence, numbers[i - 1], number):
            return self._milestone(lang, sentence, numbers, i - 1, context, index)
        return False

    def _periods_compared(
        self,
        sentence: str,
        numbers: list[Number],
        i: int,
        context: _Context,
        index: int,
        published: date | None,
    ) -> bool:
        """ "429,660 in 2024, compared with 252,940 in 2023": two periods side by side, not an estimate and the
        one it replaced."""
        if i == 0:
            return False
        own = context._own_phrase(index, numbers, i)
        if own is None or own.kind not in ("month", "year", "between", "days", "first", "day"):
            return False
        return context.scope_of(index, numbers, i - 1, published, "").kind == scope.PERIOD

    def _resolved_metric(
        self, lang: _Language, sentence: str, numbers: list[Number], i: int, context: _Context, index: int
    ) -> str | None:
        """What number i counts: its clause, else the total it is part of, the count it continues, the whole it
        is a part of, or the count a "the total"/"the figure" refers back to."""
        key = ("metric-of", index, i)
        if key in context._cache:
            cached: str | None = context._cache[key]
            return cached
        r = lang.rules
        number = numbers[i]
        lo = numbers[i - 1].end if i > 0 else 0
        hi = numbers[i + 1].start if i + 1 < len(numbers) else len(sentence)
        start, end = rules.clause(r, sentence, number, lo, hi)
        metric = None
        if i > 0 and r.restated.search(sentence, numbers[i - 1].end, number.start):
            # "almost 300,000 ..., giving a precise figure of 299,210": the same count again
            metric = self._resolved_metric(lang, sentence, numbers, i - 1, context, index)
        if (
            metric is None
            and i + 1 < len(numbers)
            and r.part_total.fullmatch(sentence, number.end, numbers[i + 1].start)
        ):
            # "4,200 of the roughly 11,500 became casualties": the part counts what is said of the whole.
            metric = self._strong_metric_after(lang, sentence, numbers, i + 1)
        if metric is None:
            metric = self._metric(lang, sentence, number, numbers, start, end, sentence[start : number.start])
        if metric is None and i > 0 and rules.is_subset(r, sentence, number):
            metric = self._last_metric(lang, sentence[: number.start])
        if metric is None and i > 0 and rules.continues(r, sentence, numbers[i - 1], number):
            # "48,000 in January and 48,670 in December": the second number counts what the first did.
            metric = self._resolved_metric(lang, sentence, numbers, i - 1, context, index)
        if (
            metric is None
            and i + 1 < len(numbers)
            and r.part_total.fullmatch(sentence, number.end, numbers[i + 1].start)
        ):
            # "1,000 of the 11,000 soldiers had died": the part counts what is said of the whole.
            metric = self._strong_metric_after(lang, sentence, numbers, i + 1)
        if metric in WEAK_METRICS:
            # "Russia lost 400,000 troops ..., putting the total at about 800,000": a back reference right
            # before the number, with no metric of its own after it, outranks the clause's weak term.
            ref = r.back_reference.search(sentence, max(start, number.start - 40), number.start)
            if ref and not any(
                ref.end() <= m[1] < number.start for m in self._metric_matches(lang, sentence)
            ):
                metric = self._last_metric(lang, sentence[: ref.start()]) or metric
        if metric is None and r.back_reference.search(sentence, start, end):
            # "taking the total to 1,043,000", "the number had exceeded 3,000": the count named before
            metric = self._last_metric(lang, sentence[:start]) or context.metric_before(index)
        if metric is None and r.spoken_object.search(sentence, max(start, number.start - 40), number.start):
            # "Ukraine's president has spoken of about 4,000": a bare estimate of the count being compared
            metric = self._last_metric(lang, sentence[:start]) or context.metric_before(index)
        context._cache[key] = metric
        return metric

    def _strong_metric_after(
        self, lang: _Language, sentence: str, numbers: list[Number], i: int
    ) -> str | None:
        """The first strong metric after number i in its clause ("... soldiers in Russia had died")."""
        hi = numbers[i + 1].start if i + 1 < len(numbers) else len(sentence)
        _, end = rules.clause(lang.rules, sentence, numbers[i], numbers[i].start, hi)
        for name, m_start, _ in self._metric_matches(lang, sentence):
            if numbers[i].end <= m_start < end and name not in WEAK_METRICS:
                return name
        return None

    def _number_metric(self, lang: _Language, sentence: str, numbers: list[Number], i: int) -> str | None:
        """What number i counts by its own clause, before any rule drops it (a rate still counts casualties)."""
        lo = numbers[i - 1].end if i > 0 else 0
        hi = numbers[i + 1].start if i + 1 < len(numbers) else len(sentence)
        start, end = rules.clause(lang.rules, sentence, numbers[i], lo, hi)
        return self._metric(
            lang, sentence, numbers[i], numbers, start, end, sentence[start : numbers[i].start]
        )

    def _metric_matches(self, lang: _Language, sentence: str) -> list[tuple[str, int, int]]:
        """Metric term matches, longest first at each place ("toll" inside "death toll" is not one); a term
        inside a source's name ("Ukraine's Armed Forces said") counts nothing."""
        kept = lang.metric_matches.get(sentence)
        if kept is None:
            if len(lang.metric_matches) >= _SENTENCES_KEPT:
                lang.metric_matches.clear()
            kept = lang.metric_matches[sentence] = tuple(self._find_metric_matches(lang, sentence))
        return list(kept)

    def _find_metric_matches(self, lang: _Language, sentence: str) -> list[tuple[str, int, int]]:
        found = []
        speakers: list[sources.Mention] | None = None
        for m in lang.metric_re.finditer(sentence):
            name = lang.metric_of.get(" ".join(m.group(0).lower().split()))
            if name is None:
                continue
            if speakers is None:
                speakers = _source_spans(sentence, lang.lexicon)
            if any(s.start <= m.start() and m.end() <= s.end for s in speakers):
                continue
            found.append((name, m.start(), m.end()))
        return found

    def _subject(
        self,
        lang: _Language,
        sentence: str,
        number: Number,
        start: int,
        end: int,
        clause_only: bool = False,
        later: bool = False,
    ) -> str | None:
        """The subject mention nearest the number: first inside its clause, then in the sentence (`later`:
        also in a later clause, when nothing nearer or earlier names one)."""
        if later:
            end = len(sentence)
        speakers = _speaker_spans(sentence, lang.lexicon)
        # Where the number's noun phrase ends: a subject right after its head noun completes it ("двох
        # солдатів КНДР", "3 000 військових КНДР": a genitive after the noun).
        phrase_end = (
            rules.noun_phrase_end(lang.rules, sentence, number)
            if lang.lexicon.genitive_subject
            else number.end
        )
        for lo, hi in ((start, end),) if clause_only else ((start, end), (0, len(sentence))):
            best: tuple[int, str] | None = None
            for k, (name, rx) in enumerate(lang.subjects):
                for m_start, m_end in _subject_spans(lang, k, rx, sentence, lo, hi):
                    if _is_location(lang, sentence, m_start) or _inside(speakers, m_start, m_end, name):
                        continue
                    if (
                        m_start >= number.end
                        and "'s" in sentence[m_start : m_end + 2]
                        and lang.rules.comparison_before.search(sentence, number.end, m_start)
                    ):
                        continue  # "500,000 strong, far smaller than the North's": the other side's count
                    if m_end <= number.start:
                        weight = number.start - m_end
                    elif m_start - number.end <= 2:
                        weight = -1  # the number modifies it: "two North Korean soldiers"
                    elif phrase_end > number.end and not sentence[phrase_end:m_start].strip():
                        weight = -1  # the noun phrase's own genitive: "двох солдатів КНДР"
                    elif m_start < end:
                        # A mention before the number usually governs it ("North Korea sent 11,000 ...").
                        weight = m_start - number.end + 15
                    else:
                        continue  # a mention in a later clause does not govern it
                    if best is None or weight < best[0]:
                        best = (weight, name)
            if best is not None:
                return best[1]
        return None

    def _relative_subject(
        self, lang: _Language, sentence: str, number: Number, start: int, end: int
    ) -> str | None:
        """ "з 11 тисяч військових, яких КНДР відправила до росії, ...": the relative clause after the count's
        noun phrase names whose people they are."""
        m = lang.rules.relative_after.match(sentence, end)
        if m is None:
            return None
        stop = sentence.find(",", m.end())
        return self._subject(
            lang, sentence, number, start, stop if stop > 0 else len(sentence), clause_only=True
        )

    def _part_subject(self, lang: _Language, sentence: str, numbers: list[Number], i: int) -> str | None:
        """ "15,000 troops ..., about 2,000 of them have been killed": a part is of the total's subject."""
        r = lang.rules
        if i == 0 or not r.subset_after.match(sentence[numbers[i].end : numbers[i].end + 30]):
            return None
        total = numbers[i - 1]
        lo = numbers[i - 2].end if i > 1 else 0
        start, end = rules.clause(r, sentence, total, lo, numbers[i].start)
        return self._subject(lang, sentence, total, start, end)

    def _last_metric(self, lang: _Language, sentence: str) -> str | None:
        """The sentence's last strong metric, else its last weak one (what "the number" later refers to)."""
        matches = [
            (name not in WEAK_METRICS, start, name) for name, start, _ in self._metric_matches(lang, sentence)
        ]
        if len(matches) > 1 and lang.rules.subset_after.pattern != "(?!)":
            # "lost 434,000 troops, some 150,000 of them killed": the part's metric is not what was counted
            # ("1.2 million casualties ..., including as many as 325,000 dead": a part named after "including")
            parts = [
                (n.end, n.end + 30)
                for n in find_numbers(sentence, False, lang.lexicon)
                if lang.rules.subset_after.match(sentence[n.end : n.end + 30])
                or lang.rules.rank_part_before.search(sentence, max(0, n.start - 60), n.start)
            ]
            whole = [m for m in matches if not any(lo <= m[1] < hi for lo, hi in parts)]
            matches = whole or matches
        return max(matches)[2] if matches else None

    def _sentence_subject(self, lang: _Language, sentence: str) -> str | None:
        speakers = _speaker_spans(sentence, lang.lexicon)
        for k, (name, rx) in enumerate(lang.subjects):
            for m_start, m_end in _subject_spans(lang, k, rx, sentence, 0, len(sentence)):
                if not _is_location(lang, sentence, m_start) and not _inside(speakers, m_start, m_end, name):
                    return name
        return None

    def _table_figures(
        self,
        lang: _Language,
        table: tables.Table,
        title: str | None,
        published: date | None,
        decimal_comma: bool,
    ) -> list[Figure]:
        """One figure per row and figure column: the row's own source, date, period and qualifier; what is
        counted from the cell, the row's label, the column header, then the table's heading."""
        lex = lang.lexicon
        caption = " ".join(x for x in (table.caption, title or "") if x)
        caption_source = sources.speaker(caption, lexicon=lex) if caption else None
        out = []
        for row in tables.rows(table, lex):
            label = " ".join(x for x in (row.what, row.note) if x)
            if label and self._row_is_not_a_figure(lang, label):
                continue
            if row.period and tables.is_rate(row.period, lex):
                continue  # "| Daily average, December 2024 | 1,570 |": the month column names a rate
            row_date = _iso_date(row.date) or _written_date(lang, row.date, published) or published
            for header, text in row.values:
                # "| Tanks (cumulative) |", "| Change over week |": a column of things, additions or rates
                if tables.is_rate(header, lex) or (header and self._row_is_not_a_figure(lang, header)):
                    continue
                out += self._row_figures(
                    lang, row, header, text, caption, caption_source, row_date, decimal_comma
                )
        return out

    def _row_is_not_a_figure(self, lang: _Language, label: str) -> bool:
        """A row label that makes the row no figure: a plan, an addition, a rate, a combined or regional
        count, or things rather than people ("Tanks", "Artillery shells supplied")."""
        r = lang.rules
        return bool(
            r.plan_label.search(label)
            or r.increment_label.search(label)
            or tables.is_rate(label, lang.lexicon)
            or r.combined.search(label)
            or r.regional.search(label)
            # ("Containers shipped": a verb of sending does not make things people)
            or (
                rules.names_things(r, _DESIGNATION.sub("", label))
                and not any(m[0] not in WEAK_METRICS for m in self._metric_matches(lang, label))
            )
        )

    def _row_figures(
        self,
        lang: _Language,
        row: tables.Row,
        header: str,
        text: str,
        caption: str,
        caption_source: sources.Mention | None,
        row_date: date | None,
        decimal_comma: bool,
    ) -> list[Figure]:
        r = lang.rules
        lex = lang.lexicon
        out = []
        numbers = find_numbers(text, decimal_comma, lex)
        for i, number in enumerate(numbers):
            if (
                number.value <= 0
                or rules.counted_noun(r, text, number) == rules.THING  # "15,000 in two rotations"
                or rules.is_increment(r, text, number)
                or rules.is_rate(r, text, number, text[: number.start])
                or rules.not_yet(r, text[: number.start], text[number.end :])
            ):
                continue
            lo = numbers[i - 1].end if i else 0
            hi = numbers[i + 1].start if i + 1 < len(numbers) else len(text)
            start, end = rules.clause(r, text, number, lo, hi)
            metric = self._metric(lang, text, number, numbers, start, end, text[start : number.start])
            if metric is None or metric in WEAK_METRICS:
                # The row's label and the column header say what the column counts; the heading and the other
                # headers only when nothing nearer does ("Personnel | about 1,000,340" under "combat losses").
                for context_text in (row.what, row.note, header):
                    found = self._first_metric(lang, context_text)
                    if found and (metric is None or found not in WEAK_METRICS):
                        metric = found
                        if found not in WEAK_METRICS:
                            break
                placed = bool(r.deployed_label.search(" ".join((row.what, row.note, header))))
                if metric is None or (
                    metric in WEAK_METRICS and not self._metric_matches(lang, text) and not placed
                ):
                    # ("Troops sent | ~15,000" under "North Korean losses" is still the headcount)
                    for context_text in (caption, row.headers):
                        found = self._first_metric(lang, context_text)
                        if found and (metric is None or found not in WEAK_METRICS):
                            metric = found
                            break
            if metric is None:
                continue
            subject = tables.subject_named(row.subject, lex)
            for context_text in (text, row.what, row.note, header, caption, row.headers):
                if subject:
                    break
                subject = self._sentence_subject(lang, context_text) if context_text else None
            source = _cell_source(row.source, lex) if row.source else None
            if source is None and not row.source:
                # "| Date | Killed (NIS) | Killed (Kyiv) |": a column's header names whose figures it holds
                source = _header_source(header, lex) or (caption_source.source if caption_source else None)
            subject = _side(lex, subject, source)
            if subject is None and source in SUBJECT_OF_SOURCE:
                subject = SUBJECT_OF_SOURCE[source]
            if subject is None and header:
                # "| Killed (NIS) | Killed or wounded (Ukraine) |": one table counts one side's losses; another
                # column's source may say whose
                implied = {
                    SUBJECT_OF_SOURCE.get(_header_source(other, lex) or "")
                    for other, _ in row.values
                    if other
                } - {None}
                subject = implied.pop() if len(implied) == 1 else None
            series = self._by_pair.get((subject, metric)) if subject in self._tracked else None
            if series is None or subject is None:
                continue
            found_scope = scope.Scope()
            if metric in PERIOD_METRICS:
                found_scope = _row_scope(lang, row, header, row_date, subject)
            if number.is_range:
                qualifier = "range"
            else:
                qualifier = rules.qualifier(r, text[: number.start], text[number.end :])
                if qualifier == "exact" and row.qualifier:
                    qualifier = rules.qualifier(r, row.qualifier + " ", "")
            out.append(
                Figure(
                    series=series.key,
                    value=number.value,
                    qualifier=qualifier,
                    attributed_to=source,
                    quote=_quote(" | ".join(x for x in (row.source, row.what, text) if x)),
                    value_low=number.low,
                    value_high=number.high,
                    sentence=0,
                    scope=found_scope.kind,
                    period_start=found_scope.start,
                    period_end=found_scope.end,
                )
            )
        return out

    def _first_metric(self, lang: _Language, text: str) -> str | None:
        """The first strong metric a label or heading names, else its first weak one ("losses ... killed")."""
        if not text:
            return None
        matches = self._metric_matches(lang, text)
        strong = [m for m in matches if m[0] not in WEAK_METRICS]
        return (strong or matches)[0][0] if matches else None


_LABEL_DASH = re.compile(r"\s*[:—–-]")
_ITEM_BREAK = re.compile(r"[,;]")
_COLLECTIVE = re.compile(r"(?:ое|оє|еро)$", re.IGNORECASE)
_ELLIPSIS_DASH = re.compile(r"\s[—–]\s+(?:\S+\s+){0,2}$|:\s+(?:\S+\s+){0,2}$")


def _counts_things(r: rules.RuleSet, sentence: str, numbers: list[Number], i: int) -> bool:
    """Number i counts things: its own noun does, or, with no noun of its own, it is part of or continues a
    number that does ("110 drones, of which 59 were shot down and 50 were lost": still drones)."""
    noun = rules.counted_noun(r, sentence, numbers[i])
    if noun is not None:
        return noun == rules.THING
    if i == 0:
        # The whole a part is taken from may be a count that is no number of ours ("launched 63 drones, of
        # which 28 were shot down"): read the last count before it.
        if not rules.is_subset(r, sentence, numbers[i]):
            return False
        runs = list(_DIGIT_RUN.finditer(sentence, 0, numbers[i].start))
        if not runs:
            return False
        whole = Number(0.0, runs[-1].start(), runs[-1].end(), runs[-1].group(0))
        return rules.counted_noun(r, sentence, whole) == rules.THING
    joined = rules.is_subset(r, sentence, numbers[i]) or rules.continues(
        r, sentence, numbers[i - 1], numbers[i]
    )
    return joined and _counts_things(r, sentence, numbers, i - 1)


def _part_of_a_plan(r: rules.RuleSet, sentence: str, numbers: list[Number], i: int) -> bool:
    """ "decided to send 12,000, of whom 1,500 have already moved": the whole is a plan, so the part that
    has gone is the headcount, not a part of one."""
    whole = numbers[i - 1]
    return rules.not_yet(
        r, sentence[max(0, whole.start - 90) : whole.start], sentence[whole.end : numbers[i].start]
    )


_DIGIT_RUN = re.compile(r"\d[\d,.]*\d|\d")


_CLAUSE_START = re.compile(
    r"[,;]|\s[—–]\s|\bbut\b|(?<=지만|으나|는데)\s"
)  # Korean "but" ends the word before it


def _split(sentence: str, start: int, end: int) -> int:
    """Where the text between two numbers passes from the first's clause to the second's: its first comma,
    semicolon, dash or "but", else the second number."""
    first = _CLAUSE_START.search(sentence, start, end)
    return first.start() if first else end


def _join_fragments(
    sentences: list[str], originals: list[str], paragraphs: list[int], decimal_comma: bool, lexicon: Lexicon
) -> set[int]:
    """A count standing alone, explained by the next sentence ("Eleven thousand. That is how many North Korean
    troops are in Kursk."), is read as one sentence: the count followed by what it counts. Returns the
    sentences so joined (their speaker is the explaining sentence's: "That is the General Staff's count")."""
    joined: set[int] = set()
    head = _compiled(lexicon.fragment_head)
    explained = _compiled(lexicon.fragment_explained)
    for i in range(len(sentences) - 1):
        if (
            paragraphs[i + 1] - paragraphs[i] not in (0, 1)
            or not sentences[i]
            or sentences[i][-1] not in ".!:"
        ):
            continue
        m = explained.match(sentences[i + 1])
        if not m:
            continue
        numbers = find_numbers(sentences[i], decimal_comma, lexicon)
        if (
            len(numbers) != 1
            or sentences[i][numbers[0].end :].strip(" .!:\"'")
            or not head.match(sentences[i][: numbers[0].start])
        ):
            continue
        # "That is roughly the number of ...": the hedge is the count's
        hedge = (
            "about " if _HEDGED.search(m.group(0)) and not sentences[i][: numbers[0].start].strip() else ""
        )
        number = numbers[0]
        sentences[i] = hedge + sentences[i][: number.end] + " " + sentences[i + 1][m.end() :]
        originals[i] = hedge + originals[i][: number.end] + " " + originals[i + 1][m.end() :]
        joined.add(i)
    return joined


_HEDGED = re.compile(r"\b(?:roughly|about|around|approximately)\b")


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# A model or calibre before a label's noun ("KN-23/24 ballistic missiles", "170mm self-propelled guns").
_DESIGNATION = re.compile(r"^\s*(?:[\w/.-]*\d[\w/.-]*\s+)+")


def _period_wins(figures: list[Figure]) -> list[Figure]:
    """A value the article gives as one source's period count is not also that source's running total ("nine
    killed" in a headline, "nine members of the regiment died during the deployment" in the body)."""
    periods = {(f.series, f.value, f.attributed_to) for f in figures if f.scope == scope.PERIOD}
    return [
        f for f in figures if f.scope == scope.PERIOD or (f.series, f.value, f.attributed_to) not in periods
    ]


def _drop_repeats(figures: list[Figure], context: _Context) -> list[Figure]:
    """A value repeated later in a sentence that names no source ("The correct figure is more than 1.15
    million") is the figure given before, not a claim by whoever spoke last."""

    def key(f: Figure) -> tuple[object, ...]:
        return (f.series, f.value, f.value_low, f.value_high, f.qualifier, f.scope)

    def headline_echo(f: Figure) -> bool:
        # A headline shortens what the body says: it drops the hedge ("300 killed" for "about 300"), names
        # the capital for the agency ("Seoul says"), says "lost" for "killed", leaves out the period, and
        # rounds ("near 1 million" for "about 950,000"). The body's statement of the same count is the figure.
        if f.sentence != 0 or not context.has_title:
            return False
        for g in figures:
            if g.sentence == 0 or _family(g.series) != _family(f.series):
                continue
            named_for = f.attributed_to in (None, _GOVERNMENT_OF.get(g.attributed_to or ""))
            same = f.attributed_to == g.attributed_to
            if (g.value, g.value_low, g.value_high) == (f.value, f.value_low, f.value_high):
                if named_for or (same and f.qualifier == g.qualifier):
                    return True
            elif (
                (named_for or same)
                and f.qualifier in _ROUNDING
                and abs(g.value - f.value) <= _ROUNDED * f.value
            ):
                return True
        return False

    return [
        f
        for f in figures
        if not headline_echo(f)
        and (
            context.names_source(f.sentence)
            or not any(
                key(g) == key(f) and g.attributed_to != f.attributed_to and g.sentence < f.sentence
                for g in figures
            )
        )
    ]


# A headline rounds: "near 1 million" over a body's "about 950,000" is that estimate, not another.
_ROUNDING = frozenset({"approx", "at_most"})
_ROUNDED = 0.1
# A headline names a country for its agency ("Seoul says" for the spy agency's briefing).
_GOVERNMENT_OF = {"NIS": "South Korea"}


def _family(series: str) -> str:
    """A series' subject and kind of count: killed, wounded and casualties are one loss estimate."""
    subject, _, metric = series.rpartition(".")
    return f"{subject}.{'losses' if metric in PERIOD_METRICS else metric}"


def _drop_superseded(
    figures: list[Figure],
    context: _Context,
    published: date | None,
    spans: dict[int, list[tuple[int, int, int]]],
) -> list[Figure]:
    """An estimate the text itself shows was replaced is history: of one source's running totals for a
    series, a value stated earlier ("in December", "initially", "then") than another of its values."""
    # Killed, wounded and casualties are parts of one loss estimate: a source's newer casualty count
    # supersedes its older death toll too ("In January it said 300 had died ...; it now counts 4,700").
    groups: dict[tuple[str, str | None], list[Figure]] = {}
    for f in figures:
        if f.scope == scope.CUMULATIVE:
            subject, _, metric = f.series.rpartition(".")
            family = "losses" if metric in PERIOD_METRICS else metric
            groups.setdefault((f"{subject}.{family}", f.attributed_to), []).append(f)
    dropped: set[int] = set()
    for (family, _), group in groups.items():
        if len({f.value for f in group}) < 2:
            continue
        if family.rpartition(".")[0] in CUMULATIVE_SUBJECTS:
            # A whole war's running total only grows: one source's clearly lower total in the same text is a
            # mark it passed before ("the tally stood at 750,000 in early December"; now 1,000,340).
            # (a ceiling, "near 1 million", is not a total reached)
            reached = [f.value for f in group if f.qualifier not in ("at_most", "less_than")]
            top = max(reached, default=0.0)
            dropped.update(id(f) for f in group if f.value < _RUNNING_TOTAL_PAST * top)
        anchors = {id(f): _latest(context, spans.get(id(f), [(f.sentence, 0, 0)]), published) for f in group}
        for f in group:
            mine = anchors[id(f)]
            if mine is None:
                continue
            for g in group:
                theirs = anchors[id(g)]
                if g.value == f.value:
                    continue
                if g.series != f.series and not g.series.endswith(".casualties"):
                    continue  # a newer death toll is a part: it does not replace the casualty total
                if (theirs is not None and theirs > mine) or (mine == date.min and theirs != date.min):
                    dropped.add(id(f))
                    break
    return [f for f in figures if id(f) not in dropped]


# A running total below this share of the same source's highest total in the text is an older mark, not a
# rounding of it ("one million" over 1,000,340 is the same count).
_RUNNING_TOTAL_PAST = 0.97


def _latest(context: _Context, spans: list[tuple[int, int, int]], published: date | None) -> date | None:
    """When a figure given more than once was last stated: the latest anchor among its mentions."""
    found = [a for a in (context.anchor_at(s, published) for s in spans) if a is not None]
    return max(found) if found else None


def _row_scope(
    lang: _Language, row: tables.Row, header: str, row_date: date | None, subject: str
) -> scope.Scope:
    """A row's period: its period column ("October 2024", "2024-12-14 to 2024-12-15"), else a period
    phrase in its label or its column header ("in past 24 hours", relative to the row's date)."""
    lex = lang.lexicon
    start_limit = COUNTS_FROM_START_UNTIL.get(subject)
    if row.period:
        dates = re.findall(r"\b(\d{4}-\d{2}-\d{2})\b", row.period)
        if dates:
            if re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}(?:\s*(?:to|-|–|—)\s*\d{4}-\d{2}-\d{2})?\s*", row.period):
                return scope.Scope(scope.PERIOD, _iso_date(dates[0]), _iso_date(dates[-1]))
            return scope.Scope(scope.PERIOD)
        phrases = lang.scope.phrases("in " + row.period)
        if phrases:
            return scope.resolve(phrases[0], lex, row_date, start_limit)
        return scope.Scope(scope.PERIOD)
    # A date cell that says the row is a running total ("Total since 24.02.2022 (12 June)") overrides a
    # period header ("Lost over the previous day") the other rows share.
    if row.date and any(p.kind == scope.CUMULATIVE for p in lang.scope.phrases(row.date)):
        return scope.Scope()
    for text in (row.what, row.note, header):
        if text:
            phrases = [p for p in lang.scope.phrases(text) if p.kind != "weekday"]
            if phrases:
                return scope.resolve(phrases[0], lex, row_date, start_limit)
    return scope.Scope()


def _cell_source(text: str, lexicon: Lexicon) -> str | None:
    """A source column's cell: a source it names, else a place or country standing for its government."""
    if not text.strip():
        return None
    found = sources.mentions(text, lexicon)
    if found:
        first = found[0]
        return (
            first.relay_for
            if first.relay_for and any(m.source == first.relay_for for m in found)
            else first.source
        )
    for place, name in sorted(lexicon.capitals.items(), key=lambda kv: -len(kv[0])):
        if re.search(r"(?<!\w)" + re.escape(place) + r"(?!\w)", text):
            return name
    return None


def _header_source(text: str, lexicon: Lexicon) -> str | None:
    """A source a column header names: a named body ("NIS estimate"), or a place in brackets ("Killed (Kyiv)");
    a bare country in a header is whose losses, not who counted them."""
    if not text.strip():
        return None
    found = sources.mentions(text, lexicon)
    named = [m for m in found if not m.place]
    if named:
        return named[0].source
    for m in re.finditer(r"\(([^()]+)\)", text):
        inner = m.group(1).strip()
        if inner in lexicon.capitals:
            return lexicon.capitals[inner]
    return None


def _written_date(lang: _Language, text: str, published: date | None) -> date | None:
    """A date cell written out ("11 June 2025", "June 11"): the day it names."""
    if not text or published is None:
        return None
    for p in lang.scope.phrases("on " + text):
        if p.kind == "day":
            return scope.resolve(p, lang.lexicon, published, None).end
    return None


def _iso_date(text: str) -> date | None:
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


class _Context:
    """What earlier sentences established (subject, source, metric, period), computed when a figure needs it."""

    def __init__(
        self,
        extractor: FigureExtractor,
        lang: _Language,
        sentences: list[str],
        paragraphs: list[int],
        has_title: bool,
        headline: bool = False,
    ):
        self.extractor = extractor
        self.headline = headline
        self.lang = lang
        self.sentences = sentences
        self.paragraphs = paragraphs
        self.has_title = has_title
        self.explained_by_next: set[int] = set()
        self._cache: dict[tuple[str, int] | tuple[str, int, int], Any] = {}

    def _at(self, kind: str, index: int) -> Any:
        key = (kind, index)
        if key not in self._cache:
            sentence = self.sentences[index]
            lex = self.lang.lexicon
            value: Any
            if kind == "source":
                mention = sources.speaker(sentence, lexicon=lex)
                if self._headline(index):
                    mention = sources.headline_source(sentence, lex) or mention
                value = self._resolve_relay(mention, index) if mention else None
            elif kind == "subject":
                value = self.extractor._sentence_subject(self.lang, sentence)
            elif kind == "phrases":
                value = self.lang.scope.phrases(sentence)
            else:
                value = self.extractor._last_metric(self.lang, sentence)
            self._cache[key] = value
        return self._cache[key]

    def _before(self, kind: str, index: int) -> Any:
        for j in range(index - 1, -1, -1):
            found = self._at(kind, j)
            if found is not None:
                return found
        return None

    def names_source(self, index: int) -> bool:
        """The sentence names who speaks (a headline: its own attribution)."""
        lex = self.lang.lexicon
        sentence = self.sentences[index]
        if self._headline(index):
            return sources.headline_source(sentence, lex) is not None
        return sources.speaker(sentence, None, lex) is not None

    def _headline(self, index: int) -> bool:
        """The sentence is a headline: the title, or a text's opening line in Title Case."""
        return index == 0 and (self.has_title or self.headline)

    def source_of(self, index: int, at: int) -> str | None:
        """The sentence's speaker (a headline's ": Seoul" too), else the last one named before it."""
        sentence = self.sentences[index]
        lex = self.lang.lexicon
        agent = self._claim_agent(index, at)
        if agent is not None:
            return agent[0]
        found = sources.speaker(sentence, at, lex)
        if self._headline(index):
            found = sources.headline_source(sentence, lex, at) or found
        elif (
            index > 0
            and (found is None or not sources.speaks(sentence, found, lex))
            and self.lang.rules.anaphoric_speaker.search(sentence)
        ):
            # "Розвідка також підтвердила, що українські військові взяли в полон двох": the agency named before
            earlier: str | None = self._before("source", index)
            if earlier is not None:
                return earlier
        if found is None:
            if sources.anonymous(sentence, lex):
                return None
            if self.lang.rules.enemy_voice.search(sentence):
                return (
                    "Ukraine"  # "Total combat losses of the enemy ...": the General Staff's bulletin, quoted
                )
            if index == 0 and self.has_title:
                return self._lede_source()  # a headline's claim is attributed in the lede
            document = self.lang.rules.document_speaker
            if document.search(sentence):
                # "the report noted": whoever was named as publishing a report or study
                for j in range(index - 1, -1, -1):
                    for m in sources.mentions(self.sentences[j], lex):
                        near = self.sentences[j][max(0, m.start - 40) : m.end + 40]
                        if document.search(near) or self.lang.rules.document_noun.search(near):
                            return self._resolve_relay(m, j)
            if index in self.explained_by_next:
                explained: str | None = self._at("source", index + 1)
                if explained is not None:
                    return explained
            if self._in_caption(index):
                return None  # a caption stands alone: the outlet's own unless the sentence names a source
            later = self._attributed_later(index) or self._source_line_below(index)
            if later is not None:
                return later
            if self.lang.rules.unnamed_speaker.search(sentence):
                named = self._named_nearby(index)
                if named is not None:
                    return named
            before: str | None = self._before("source", index)
            if before is None and index + 1 < len(self.sentences):
                before = self._next_data_source(index)
            return before
        return self._resolve_relay(found, index)

    def _next_data_source(self, index: int) -> str | None:
        """An opening sentence's source given by the next one in its paragraph, which carries figures "according
        to" it ("Станом на ранок ... ворог утратив 866 360 осіб. Протягом лютого окупанти, за даними Генштабу,
        втратили 38 940"): nothing before speaks, so the data's named source does."""
        j = index + 1
        if self.paragraphs[j] != self.paragraphs[index] or not any(c.isdigit() for c in self.sentences[j]):
            return None
        sentence = self.sentences[j]
        mention = sources.speaker(sentence, lexicon=self.lang.lexicon)
        r = sources.reader(self.lang.lexicon)
        if mention is None or not r.attribution_before.search(
            sentence[max(0, mention.start - 60) : mention.start]
        ):
            return None
        return self._resolve_relay(mention, j)

    def _claim_agent(self, index: int, at: int) -> tuple[str | None] | None:
        """Whose claim a count inside a relative clause of disclosure is ("북한이 ... 드러낸 전사자를 350명"): a
        source's, an outlet's (no source), or a side's own government's; None when no such clause holds it."""
        sentence = self.sentences[index]
        lex = self.lang.lexicon
        for m in self.lang.rules.claim_agent.finditer(sentence):
            if m.start() > at:
                break
            if at > m.end():
                continue
            who = m.group("who")
            if sources.anonymous(who, lex):
                return (None,)
            for mention in sources.mentions(sentence, lex):
                if mention.start <= m.start("who") < mention.end:
                    return (self._resolve_relay(mention, index),)
            for name, rx in self.lang.subjects:
                if rx.fullmatch(who) and name in _OWN_SOURCE:
                    return (_OWN_SOURCE[name],)
        return None

    def _named_nearby(self, index: int) -> str | None:
        """Who "the agency" or "officials" is: a source named in one of the two sentences before (in this
        paragraph or the one before), else in one of the two after."""
        paragraph = self.paragraphs[index]
        for j in (index - 1, index - 2, index + 1, index + 2):
            if not 0 <= j < len(self.sentences) or (j == 0 and self.has_title):
                continue
            if not paragraph - 1 <= self.paragraphs[j] <= paragraph + 1:
                continue
            found: str | None = self._at("source", j)
            if found is not None:
                return found
        return None

    def _attributed_later(self, index: int) -> str | None:
        """The speaker of a sentence just after, in the same paragraph, that attributes what came before
        ("Об этом сообщил ...", a quote closed by "— сообщил Зеленский"); a quote standing alone as its
        paragraph is attributed at the start of the next one ('"...". 젤렌스키 대통령은 ... 이렇게 말했다.')."""
        rx = self.lang.rules.attribution_next
        for j in range(index + 1, min(len(self.sentences), index + 3)):
            if self.paragraphs[j] != self.paragraphs[index] and not (
                j == index + 1 and self._lone_quote(index)
            ):
                break
            if rx.search(self.sentences[j]):
                found: str | None = self._at("source", j)
                return found
        return None

    def _lone_quote(self, index: int) -> bool:
        """The sentence is a paragraph of its own, and a quotation."""
        alone = all(
            self.paragraphs[j] != self.paragraphs[index]
            for j in (index - 1, index + 1)
            if 0 <= j < len(self.sentences)
        )
        return alone and bool(_QUOTE_OPENING.match(self.sentences[index]))

    def _source_line_below(self, index: int) -> str | None:
        """A list of labelled lines ("Killed: about 600") closed by a line naming its source ("Source: NIS")."""
        if not _LABEL_LINE.match(self.sentences[index]):
            return None
        for j in range(index + 1, min(len(self.sentences), index + 12)):
            if self.lang.rules.source_line.search(self.sentences[j]):
                found: str | None = self._at("source", j)
                return found
            if not _LABEL_LINE.match(self.sentences[j]):
                return None
        return None

    def _in_caption(self, index: int) -> bool:
        first = index
        while first > 0 and self.paragraphs[first - 1] == self.paragraphs[index]:
            first -= 1
        return bool(self.lang.rules.caption.match(self.sentences[first]))

    def _lede_source(self) -> str | None:
        for j in range(1, len(self.sentences)):
            if self.paragraphs[j] != 1:
                break
            found: str | None = self._at("source", j)
            if found is not None:
                return found
        return None

    def _resolve_relay(self, mention: sources.Mention, index: int) -> str:
        """A lawmaker speaks for the NIS when the agency is named, or cited unnamed ("citing intelligence", "after
        a briefing"), a sentence or two away in the same paragraph or the one before."""
        if mention.relay_for is None:
            return mention.source
        cue = sources.reader(self.lang.lexicon).relay_cue
        # A headline's lawmaker is resolved in the lede, the paragraph after it.
        here = self.paragraphs[index]
        paragraphs = {here, here - 1} | ({1} if index == 0 and self.has_title else set())
        for j in range(max(0, index - 3), min(len(self.sentences), index + 3)):
            if self.paragraphs[j] not in paragraphs and j != index:
                continue
            if cue.search(self.sentences[j]) or any(
                m.source == mention.relay_for for m in sources.mentions(self.sentences[j], self.lang.lexicon)
            ):
                return mention.relay_for
        return mention.source

    def anchor(self, index: int, published: date | None) -> date | None:
        """When the sentence's claim was made; a "then" step inherits the time of the sentence before it."""
        key = ("anchor", index)
        if key not in self._cache:
            sentence = self.sentences[index]
            found = self.lang.scope.anchor(sentence, self.lang.lexicon, published)
            if found is None and index > 0 and self.lang.scope.sequel.search(sentence):
                for j in range(index - 1, max(-1, index - 4), -1):
                    found = self.anchor(j, published) or self.lang.scope.time_of(
                        self.sentences[j], self.lang.lexicon, published
                    )
                    if found is not None:
                        break
            self._cache[key] = found
        result: date | None = self._cache[key]
        return result

    def anchor_at(self, span: tuple[int, int, int], published: date | None) -> date | None:
        """When the claim in this stretch of a sentence was made: "said in April that ... was at least 600, but
        it now estimates ... 2,000" dates the two counts differently."""
        index, lo, hi = span
        sentence = self.sentences[index]
        if hi > lo and (lo > 0 or hi < len(sentence)):
            found = self.lang.scope.anchor(sentence[lo:hi], self.lang.lexicon, published)
            if found is not None:
                return found
        return self.anchor(index, published)

    def approximate_list(self, index: int) -> bool:
        """A sentence shortly before says the figures that follow are approximate."""
        return any(
            self.lang.rules.approximate_list.search(self.sentences[j])
            for j in range(max(0, index - 4), index)
        )

    def subject_before(self, index: int) -> str | None:
        found: str | None = self._before("subject", index)
        return found

    def subject_after(self, index: int) -> str | None:
        """A subject the next sentence gives back ("... two soldiers. Both are North Korean")."""
        for j in range(index + 1, min(len(self.sentences), index + 2)):
            if self.paragraphs[j] != self.paragraphs[index] or not self.lang.rules.forward_reference.search(
                self.sentences[j]
            ):
                break
            found: str | None = self._at("subject", j)
            if found is not None:
                return found
        return None

    def metric_before(self, index: int) -> str | None:
        """The count the sentences before were giving: a loss named in the last three, else the last headcount."""
        for j in range(index - 1, max(-1, index - 4), -1):
            found: str | None = self._at("metric", j)
            if found is not None and found not in WEAK_METRICS:
                return found
        if self.has_title and index > 0:
            # Further back, what the headline counts ("How many soldiers has Russia lost?") is the topic.
            topic: str | None = self._at("metric", 0)
            if topic is not None and topic not in WEAK_METRICS:
                return topic
        weak: str | None = self._before("metric", index)
        return weak

    def scope_of(
        self, index: int, numbers: list[Number], i: int, published: date | None, subject: str
    ) -> scope.Scope:
        """The period phrase that bounds number i, resolved to dates. Without one of its own: "for the month"
        takes the month named before; two counts joined by "and" share a phrase ("killed 50 and wounded 47
        over three days"); a count that continues or restates the one before shares its scope."""
        key = ("scope", index, i)
        if key in self._cache:
            cached: scope.Scope = self._cache[key]
            return cached
        lex = self.lang.lexicon
        r = self.lang.rules
        sentence = self.sentences[index]
        phrase = self._own_phrase(index, numbers, i)
        found: scope.Scope | None = None
        dated = ("dated", index, i) in self._cache
        if (
            phrase is None
            and not dated
            and i + 1 < len(numbers)
            and r.shared_period.fullmatch(sentence, numbers[i].end, numbers[i + 1].start)
            and not rules.is_rate(r, sentence, numbers[i + 1], sentence[: numbers[i + 1].start])
        ):
            # "... suffered about 700,000 killed and wounded and lost about 1,500 a day in October": a rate's
            # month bounds the rate only
            phrase = self._own_phrase(index, numbers, i + 1)
        if (
            phrase is None
            and not dated
            and i > 0
            and r.shared_period.fullmatch(sentence, numbers[i - 1].end, numbers[i].start)
            and self._own_phrase(index, numbers, i - 1) is not None
        ):
            # "killing 21 attackers and wounding 40" in one assault: the second count shares the first's bound
            phrase = self._own_phrase(index, numbers, i - 1)
        if (
            phrase is None
            and i > 0
            and (
                rules.continues(r, sentence, numbers[i - 1], numbers[i])
                or r.restated.search(sentence, numbers[i - 1].end, numbers[i].start)
            )
            # a rate's period is the rate's ("1,000 a day for the past year, and that total losses are ...")
            and not rules.is_rate(r, sentence, numbers[i - 1], sentence[: numbers[i - 1].start])
        ):
            found = self.scope_of(index, numbers, i - 1, published, subject)
        if phrase is not None and subject and any(k.startswith(f"whole_{subject}") for k, _ in phrase.groups):
            phrase = None  # "in the Kursk offensive", for North Korea's troops: their whole war
        if (
            phrase is not None
            and subject in _RUNNING_TOTALS_ONLY
            and phrase.kind == "month"
            and phrase.start >= numbers[i].end
            and self.lang.scope.estimate_object.search(
                sentence, max(0, numbers[i].start - 80), numbers[i].start
            )
        ):
            # "Budanov put North Korean killed and wounded at around 4,000 in February": when he gave his
            # running total (no one keeps monthly tallies of North Korea's losses)
            phrase = None
        if found is None:
            found = scope.resolve(phrase, lex, published, COUNTS_FROM_START_UNTIL.get(subject))
        number = numbers[i]
        if (
            phrase is None
            and found.kind == scope.CUMULATIVE
            and self.lang.scope.unit_count(sentence, number.start, rules.noun_phrase_end(r, sentence, number))
        ):
            found = scope.Scope(scope.PERIOD)  # "nine soldiers of an engineer regiment": one unit's errand
        if (
            found.kind == scope.PERIOD
            and phrase is not None
            and phrase.kind
            in ("month", "year", "between", "days", "first", "half", "this", "since", "last", "lastweek")
            and r.day_count.search(sentence, max(0, number.start - 40), number.start)
        ):
            # "a daily high of 2,030 in November": one day of that month, which the text does not name
            found = scope.Scope(scope.PERIOD)
        self._cache[key] = found
        return found

    def _own_phrase(self, index: int, numbers: list[Number], i: int) -> scope.Phrase | None:
        lex = self.lang.lexicon
        r = self.lang.rules
        sentence = self.sentences[index]
        number = numbers[i]
        lo = numbers[i - 1].end if i > 0 else 0
        hi = numbers[i + 1].start if i + 1 < len(numbers) else len(sentence)
        inserted = self.lang.scope.source_insert.search(sentence, lo, number.start)
        # "втратили, за даними Генштабу, 8 310": the number's clause starts where the inserted source began
        at = replace(number, start=inserted.start()) if inserted else number
        clause = rules.clause(r, sentence, at, lo, hi)
        phrases = self._at("phrases", index)
        phrase = scope.governing_phrase(
            phrases, at.start, at.end, clause, (lo, hi), sentence, lex.period_after_clause
        )
        if (
            phrase is not None
            and i > 0
            and phrase.start >= numbers[i - 1].end
            and phrase.end <= rules.clause(r, sentence, numbers[i - 1], numbers[i - 1].start, number.start)[1]
            and rules.is_rate(r, sentence, numbers[i - 1], sentence[: numbers[i - 1].start])
        ):
            # "1,100 a day over the past year, and that total losses are near 1.05 million": a phrase in the
            # rate's own clause is the rate's period
            phrase = None
        if (
            phrase is not None
            and i + 1 < len(numbers)
            and phrase.start >= clause[1]
            and phrase.end <= numbers[i + 1].start
            and phrase.start >= rules.clause(r, sentence, numbers[i + 1], number.end, len(sentence))[0]
            and rules.is_rate(r, sentence, numbers[i + 1], sentence[: numbers[i + 1].start])
        ):
            # "more than 600,000 killed and wounded, with September alone costing about 1,200 a day": a phrase in
            # the next rate's clause is the rate's period
            phrase = None
        if phrase and phrase.kind == "event":
            # "On Nov. 28, Russia lost 2,030 troops in a single day": the named day dates the engagement
            dated = [
                p for p in phrases if p.kind == "day" and not p.statement and clause[0] <= p.start < clause[1]
            ]
            phrase = dated[0] if dated else phrase
        if phrase and phrase.kind in ("day", "weekday", "monthpart", "holiday") and not phrase.group("since"):
            # ("since Monday" is a stretch up to the article's date, not a point that may date a statement)
            # "lost 2,030 troops on Nov. 28" is that day's count; "losses stood at 868,850 on Feb. 28" dates a
            # running total, and a weekday further off ("..., a lawmaker said after a briefing on Monday")
            # dates the statement.
            gap = phrase.start - number.end if phrase.start >= number.end else number.start - phrase.end
            far = gap > 60
            if phrase.kind == "weekday" and phrase.start >= number.end:
                # "..., a lawmaker said after a briefing on Monday": a speech verb between makes it the statement's day
                far = far or bool(sources.reader(lex).speech.search(sentence, number.end, phrase.start))
                # "the count topped 1.1 million on Sunday": the running total reaching a mark this week
                far = far or bool(r.mark_before.search(sentence, max(0, number.start - 40), number.start))
            if phrase.kind == "weekday" and phrase.start < number.start and not phrase.group("alone"):
                # "On Monday, the NIS told lawmakers 300 had been killed": when it spoke; but "a strike on
                # Tuesday killed 60" names the engagement's day.
                far = not self.lang.scope.event_noun_before.search(
                    sentence, max(0, phrase.start - 80), phrase.start
                )
            if phrase.start >= number.end and self.lang.scope.estimate_object.search(
                sentence, clause[0], number.start
            ):
                far = True
            if phrase.group("alone"):
                far = False  # "On Nov. 28 alone the toll was 2,030"
            one_day = r.day_count.search(sentence) or phrase.group("alone")
            # ("lost 1,041,990 soldiers, Kyiv said, including 1,080 on Monday": a part's loss is named before it)
            lost = self.lang.scope.loss_events.search(sentence, *clause) or (
                rules.is_subset(r, sentence, number)
                and self.lang.scope.loss_events.search(sentence, 0, number.start)
            )
            if not one_day and (far or not lost):
                phrase = None
                # a dated total ("stood at 790,000 in early January"): it borrows no neighbour's period
                self._cache[("dated", index, i)] = True
        if phrase is None:
            # "December was the costliest month, with 48,670 killed", "March: Russia lost 40,580 troops"
            opening = [
                p
                for p in phrases
                if (
                    p.start <= 3
                    or self.lang.scope.period_subject_after.match(sentence, p.end)
                    or self.lang.scope.period_subject_before.fullmatch(sentence, 0, p.start)
                )
                and not p.statement
                and p.kind in _OPENING_KINDS
                # ("In three months of fighting, the running total reached 970,650": a total bounds nothing)
                and not (p.end <= number.start and r.back_reference.search(sentence, p.end, number.start))
            ]
            phrase = opening[0] if opening else None
        if phrase is None:
            before = [p for p in phrases if p.end <= number.start]
            phrase = scope.shared_period(
                sentence[lo:hi], lo, lex, before, lambda: self._at("phrases", index - 1) if index > 0 else []
            )
        return phrase


# Subjects whose losses are reported as running totals only: a month after "put them at N" dates the estimate.
_RUNNING_TOTALS_ONLY = frozenset({"dprk_troops_russia"})
# Stretches (not points in time): a count after one is that stretch's, never a running total passing a mark then.
_SPAN_KINDS = frozenset(
    {
        "year",
        "half",
        "quarter",
        "first",
        "this",
        "between",
        "days",
        "upto",
        "event",
        "past",
        "weekdays",
        "holidays",
    }
)
# Phrases that, opening a sentence, bound every count in it that names no stretch of its own ("In just three
# months of combat, they said, the contingent of 11,000 had suffered 4,000 casualties"): dates and stretches.
_OPENING_KINDS = _SPAN_KINDS | {"month", "day", "since"}


def _subject_spans(
    lang: _Language, k: int, rx: re.Pattern[str], sentence: str, lo: int, hi: int
) -> Iterable[tuple[int, int]]:
    """Where subject pattern k matches in sentence[lo:hi]; over the whole sentence, found once per sentence (the
    sentence's own subject, and every number's look beyond its clause, ask for the same scan)."""
    if lo != 0 or hi != len(sentence):
        return ((m.start(), m.end()) for m in rx.finditer(sentence, lo, hi))
    key = (sentence, k)
    found = lang.subject_spans.get(key)
    if found is None:
        if len(lang.subject_spans) >= _SENTENCES_KEPT:
            lang.subject_spans.clear()
        found = lang.subject_spans[key] = tuple((m.start(), m.end()) for m in rx.finditer(sentence))
    return found


@lru_cache(maxsize=512)
def _source_spans(sentence: str, lexicon: Lexicon) -> list[sources.Mention]:
    return sources.mentions(sentence, lexicon)


@lru_cache(maxsize=512)
def _speaker_spans(sentence: str, lexicon: Lexicon) -> list[sources.Mention]:
    """Source mentions that speak in the sentence; a body only named there may be what a count is about."""
    return [m for m in _source_spans(sentence, lexicon) if sources.speaks(sentence, m, lexicon)]


# A subject mention inside a source's name ("Ukraine's military intelligence said") is the speaker,
# not whom the count is about; a subject's own government speaking about it is still that subject.
_OWN_SOURCE = {"dprk_troops_russia": "North Korea", "russia_troops": "Russia"}
# A quotation's opening mark.
_QUOTE_OPENING = re.compile(r"^\s*[\"“«„]")
# A list line: a short label, a colon, a value ("Killed: about 600").
# ... or a bulletin's line, a label and its count with the day's increment: "особового складу ~1 129 280 (+960)"
_LABEL_LINE = re.compile(
    r"^[^.:;\n]{1,40}:\s*\S|^[^\W\d][^.:;\n\d]{0,40}\s~?\d[\d \u00a0]*\(\+\d[\d \u00a0]*\)\s*$"
)
# The subject name "the enemy" is read as until the figure's source says whose enemy it is.
ENEMY = "enemy"


def _side(lexicon: Lexicon, subject: str | None, source: str | None) -> str | None:
    """ "The enemy lost 76,000": Russia's losses in Kyiv's words, Ukraine's in Moscow's."""
    if subject != ENEMY:
        return subject
    return lexicon.enemy_of_source.get(source or "", lexicon.enemy_default) or None


def _inside(speakers: list[sources.Mention], start: int, end: int, subject: str) -> bool:
    own = _OWN_SOURCE.get(subject)
    return any(m.start <= start and end <= m.end and m.source != own for m in speakers)


def _distance(number: Number, start: int, end: int) -> int:
    if end <= number.start:
        return number.start - end
    if start >= number.end:
        return start - number.end
    return 0


_HARD_BREAK = re.compile(r"[;()]|,\s*(?:and|but|while|whereas)\b")


def _separated(sentence: str, number: Number, start: int, end: int) -> int:
    """Distance from a number to a term, far when a semicolon, a parenthesis or a new clause stands between."""
    lo, hi = (end, number.start) if end <= number.start else (number.end, start)
    return _distance(number, start, end) + (1000 if _HARD_BREAK.search(sentence, lo, max(lo, hi)) else 0)


def _is_regex(term: str) -> bool:
    return any(c in term for c in "\\[](){}|?*+^$")


def _is_location(lang: _Language, sentence: str, at: int) -> bool:
    return bool(lang.rules.location_before.search(sentence[max(0, at - 24) : at]))


_WORD = re.compile(r"(?<=')[A-Z]\b|[^\W\d_]+")
_LOWER_RUN = re.compile(
    r"[a-zа-яёіїєґ]{4}[^A-ZА-ЯЁІЇЄҐ]{0,12}[a-zа-яёіїєґ]{4}|[가-힣]"  # Korean has no case: nothing to unshout
)


def _unshout(sentence: str, lexicon: Lexicon) -> str:
    """An all-caps headline or kicker in ordinary case: long words capitalised, short ones (acronyms: NIS,
    HUR, DPRK) kept, known place names restored ("KYIV" -> "Kyiv"). Other sentences are returned as they are."""
    if _LOWER_RUN.search(sentence):
        return sentence  # ordinary text has lower-case words: the cheap test first
    letters = [c for c in sentence if c.isalpha()]
    if len(letters) < 12 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return sentence
    places = {p.upper(): p for p in lexicon.capitals}

    def case(m: re.Match[str]) -> str:
        word = m.group(0)
        if word in places:
            return places[word]
        if len(word) == 1 and m.start() > 0 and sentence[m.start() - 1] == "'":
            return word.lower()
        return word if len(word) <= 4 else word.capitalize()

    return _WORD.sub(case, sentence)


def _common_words(lexicon: Lexicon, metric_terms: dict[str, str]) -> frozenset[str]:
    """The lexicon's own words (counted nouns, metric terms, hedges, numbers, speech verbs), lower case, less
    any word a source's name capitalises ("Defence Intelligence", "General Staff")."""
    words: set[str] = set()
    texts = [*lexicon.people_nouns, *lexicon.function_words, *lexicon.thing_nouns, *metric_terms]
    texts += [*lexicon.units, *lexicon.tens, *lexicon.scales, lexicon.speech_verbs]
    texts += [p for _, p in lexicon.qualifiers_before]
    for text in texts:
        words.update(w.lower() for w in re.findall(r"[^\W\d_]{2,}", text))
    named = {
        w.lower()
        for ps in lexicon.sources.values()
        for p in ps
        for w in re.findall(r"[A-Z][a-z]+|[A-Z]{2,}", p)
    }
    return frozenset(words - named)


# A word that starts in lower case (Korean has no case): ordinary text, no headline to untitle.
_LOWER_WORD = re.compile(r"(?<![^\W\d_])[a-zа-яёіїєґ]{4,}|[가-힣]")


def _untitle(sentence: str, common: frozenset[str]) -> str:
    """A Title Case headline ("Russian Casualties Pass One Million, Kyiv Says") with the lexicon's own words
    in lower case, as the rules expect them; names keep their capitals. Other sentences are returned as they are."""
    if not common or _LOWER_WORD.search(sentence) or not sources.title_case(sentence):
        return sentence  # ordinary text has a lower-case word: the cheap test first
    return _TITLE_WORD.sub(
        lambda m: m.group(0).lower() if m.group(0).lower() in common else m.group(0), sentence
    )


# A capitalised word, or one an all-caps headline kept in capitals ("PASS", "SAYS"; acronyms are sources' names).
_TITLE_WORD = re.compile(r"\b[A-Z][a-z]+\b|\b[A-Z]{3,}\b")


def _quote(sentence: str) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= 600 else sentence[:597] + "..."


def _sentences(text: str, title: str | None, lexicon: Lexicon) -> tuple[list[str], list[int]]:
    """Sentences of the title and text, with the paragraph each belongs to (the title is paragraph 0)."""
    abbreviations = _abbreviations(lexicon)
    out: list[str] = []
    paragraphs: list[int] = []
    if title:
        out.append(title.strip())
        paragraphs.append(0)
    for number, paragraph in enumerate(_paragraphs(text or ""), start=1):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        start = 0
        for m in _SENTENCE_END.finditer(paragraph):
            if abbreviations.search(paragraph, max(0, m.start() - 12), m.start() + 1):
                continue
            out.append(paragraph[start : m.start() + 1].strip())
            paragraphs.append(number)
            start = m.end()
        rest = paragraph[start:].strip()
        if rest:
            out.append(rest)
            paragraphs.append(number)
    return out, paragraphs


def _paragraphs(text: str) -> list[str]:
    """What `re.split(r"\n+", text)` returns, several times faster: the pieces between runs of line
    breaks (an empty first or last piece where the text starts or ends with one)."""
    pieces = text.split("\n")
    last = len(pieces) - 1
    return [p for i, p in enumerate(pieces) if p or i == 0 or i == last]


_SENTENCE_END = re.compile(r"[.!?。]+[\"'”’»)]*\s+(?=[\"'“‘«„(]?[A-ZА-ЯЁІЇЄҐ0-9가-힣])")
_ABBREVIATIONS: dict[int, re.Pattern[str]] = {}


def _abbreviations(lexicon: Lexicon) -> re.Pattern[str]:
    found = _ABBREVIATIONS.get(id(lexicon))
    if found is None:
        found = _ABBREVIATIONS[id(lexicon)] = re.compile(lexicon.abbreviations)
    return found


def split_sentences(text: str, title: str | None = None, language: str | None = None) -> list[str]:
    """Sentences of the title and text; a paragraph break always ends a sentence."""
    return _sentences(text, title, lexicon_for(language))[0]
