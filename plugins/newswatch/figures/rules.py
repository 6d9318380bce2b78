"""Sentence rules shared by every language: where a number's clause ends, what it counts, and whether
it is a current claim at all (not history, a plan, an increment or a rate), with its qualifier.

Each rule is a small function named for what it reads; the words come from the language's lexicon.
"""

from __future__ import annotations

import re
from functools import cache

from newswatch.figures import literals, morph
from newswatch.figures.lexicon import Lexicon
from newswatch.figures.numbers import Number

PEOPLE = morph.PEOPLE
THING = morph.THING


class RuleSet:
    """One language's sentence rules, compiled once."""

    def __init__(self, lexicon: Lexicon, morphology: bool = False):
        lex = lexicon
        self.lexicon = lexicon
        # The analyser that names words no list holds (figures/morph.py); None: endings decide.
        self.word_class: morph.Classifier | None = morph.classifier(lex.language) if morphology else None

        def c(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
            return re.compile(pattern, flags)

        # (`literals.prefiltered`: the costliest patterns, searched only in spans that hold one of their words)

        self.clause_breaks = c(lex.clause_breaks)
        self.history_before = literals.prefiltered(c(lex.history_before))
        self.history_after = c(lex.history_after)
        self.history_sentence = c(lex.history_sentence)
        self.change_to_later = literals.prefiltered(c(lex.change_to_later))
        self.periodic_series = literals.prefiltered(c(lex.periodic_series))
        self.not_yet_before = literals.prefiltered(c(lex.not_yet_before))
        self.not_yet_after = c(lex.not_yet_after)
        self.not_a_report = literals.prefiltered(c(lex.not_a_report))
        self.increment_before = c(lex.increment_before)
        self.increment_after = c(lex.increment_after)
        self.another_before = c(lex.another_before)
        self.deployment_context = literals.prefiltered(c(lex.deployment_context))
        self.sending_before = literals.prefiltered(c(lex.sending_before))
        self.rate_near = c(lex.rate_near)
        self.rate_before = c(lex.rate_before)
        self.combined = c(lex.combined)
        self.comparison_before = c(lex.comparison_before)
        self.regional = c(lex.regional, 0)
        self.equipment_before = literals.prefiltered(c(lex.equipment_before))
        self.standing_force_before = literals.prefiltered(c(lex.standing_force_before))
        self.back_reference = literals.prefiltered(c(lex.back_reference))
        self.day_count = literals.prefiltered(c(lex.day_count))
        self.out_of_action = c(lex.out_of_action)
        self.list_label = c(lex.list_label)
        self.source_line = c(lex.source_line)
        self.label_gap = c(lex.label_gap)
        self.caption = c(lex.caption)
        self.spoken_object = c(lex.spoken_object)
        self.milestone_before = c(lex.milestone_before)
        self.action_after = c(lex.action_after)
        self.concession_before = c(lex.concession_before)
        self.document_speaker = c(lex.document_speaker)
        self.anaphoric_speaker = c(lex.anaphoric_speaker)
        self.enemy_voice = c(lex.enemy_voice)
        self.relative_after = c(lex.relative_after)
        self.document_noun = c(lex.document_noun)
        self.approximate_list = c(lex.approximate_list)
        self.of_total_before = literals.prefiltered(c(lex.of_total_before))
        self.part_of = c(lex.part_of)
        self.respectively = c(lex.respectively)
        self.part_total = c(lex.part_total)
        self.continuation = c(lex.continuation)
        self.subset_before = literals.prefiltered(c(lex.subset_before))
        self.plan_label = c(lex.plan_label)
        self.deployed_label = c(lex.deployed_label)
        self.crossing_before = c(lex.crossing_before)
        self.mark_before = c(lex.mark_before)
        self.rank_part_before = c(lex.rank_part_before)
        self.rank_part_after = c(lex.rank_part_after)
        self.forward_reference = c(lex.forward_reference)
        self.shared_qualifier = c(lex.shared_qualifier)
        self.shared_period = c(lex.shared_period)
        self.restated = c(lex.restated)
        self.increment_label = c(lex.increment_label)
        self.subset_after = c(lex.subset_after)
        self.definite_before = c(lex.definite_before)
        self.not_troops_context = literals.prefiltered(c(lex.not_troops_context))
        self.attribution_next = c(lex.attribution_next, 0)
        self.claim_agent = c(lex.claim_agent, 0)
        self.predicate_metric = c(lex.predicate_metric, 0)
        self.unnamed_speaker = c(lex.unnamed_speaker, 0)
        self.location_before = c(lex.subject_location_before)
        names = [name for name, _ in lex.qualifiers_before]
        self.qualifier_names = names
        self.qualifier_before = c(
            r"(?:^|[\s(\"'“«„])(?:"
            + "|".join(f"(?P<{name}>{pattern})" for name, pattern in lex.qualifiers_before)
            + r")\s*(?:"
            + lex.qualifier_fillers
            + r"\s+){0,3}$"
        )
        self.qualifiers_after = [(name, c(pattern)) for name, pattern in lex.qualifiers_after]
        self.compared_figure_before = c(lex.compared_figure_before)
        self.qualifiers_inside = [(name, c(pattern)) for name, pattern in lex.qualifiers_inside]
        self.word_suffix = c(r"(?:" + lex.word_suffix + r")$")
        self.modifier_suffix = c(r"(?:" + lex.modifier_suffix + r")$")
        self.people = frozenset(w.lower() for w in lex.people_nouns)
        self.modifiers = frozenset(w.lower() for w in lex.count_modifiers)
        self.function_words = frozenset(w.lower() for w in lex.function_words)
        self.things = frozenset(w.lower() for w in lex.thing_nouns)
        self.quantities = frozenset(w.lower() for w in lex.quantity_nouns)
        self.generic = frozenset(w.lower() for w in lex.generic_people)
        self.plural = c(lex.plural_suffix)
        self.token = re.compile(r"[ \u00a0]{0,2}([^\W\d_][\w'\u2019-]*)")
        self.noun_of_before = c(
            r"\b(?P<noun>[^\W\d_][\w'-]*)\s+of\s+(?:(?:"
            + "|".join(p for _, p in lex.qualifiers_before)
            + r")\s+)?$"
        )
        # A number's clause is asked for many times per sentence (by the metric, history, scope and subject
        # rules); the answer depends only on the sentence and the spans, so it is kept (see `clause`).
        self.clauses: dict[tuple[str, int, int, int, int], tuple[int, int]] = {}


@cache
def rules_for(lexicon: Lexicon, morphology: bool = False) -> RuleSet:
    return RuleSet(lexicon, morphology)


def _analysed(r: RuleSet, word: str, *known: frozenset[str]) -> str | None:
    """The analyser's class of a word none of the lexicon's lists hold (None: no analyser, or unsure)."""
    if r.word_class is None or any(word in k for k in known):
        return None
    return r.word_class(word)


def _key(r: RuleSet, word: str, *known: frozenset[str]) -> str:
    """A word as the lexicon lists it: itself when listed, else without the endings that do not change
    what it names ("명으로" -> "명")."""
    if any(word in k for k in known):
        return word
    stripped = r.word_suffix.sub("", word)
    return stripped or word


def clause(r: RuleSet, sentence: str, number: Number, lo: int, hi: int) -> tuple[int, int]:
    """The span of the number's clause, within its neighbouring numbers."""
    key = (sentence, number.start, number.end, lo, hi)
    found = r.clauses.get(key)
    if found is not None:
        return found
    start, end = lo, hi
    for m in r.clause_breaks.finditer(sentence, lo, hi):
        if m.end() <= number.start:
            start = max(start, m.end())
        elif m.start() >= number.end:
            end = min(end, m.start())
            break
    if len(r.clauses) >= _CLAUSES_KEPT:
        r.clauses.clear()  # a bound on memory (the extractor also empties it for every article)
    r.clauses[key] = (start, end)
    return start, end


_CLAUSES_KEPT = 4096


def small_word(r: RuleSet, number: Number) -> bool:
    """A small number written in words ("двух", "три"): it counts people only when they are named."""
    return number.value < r.lexicon.small_word_limit and not any(c.isdigit() for c in number.text)


def counted_noun(r: RuleSet, sentence: str, number: Number) -> str | None:
    """What the number counts: PEOPLE, THING ("four brigades", "portraits of 101 soldiers"), or None
    when no noun follows it ("put casualties at 4,700", "3,000 were killed")."""
    strict = small_word(r, number)
    of = r.noun_of_before.search(sentence, max(0, number.start - 40), number.start)
    if of:
        noun = of.group("noun").lower()
        if r.plural.search(noun) and not ({noun} & (r.quantities | r.people | r.function_words)):
            return THING
    pos = number.end
    for _ in range(5):
        m = r.token.match(sentence, pos)
        if not m:
            return None
        token = m.group(1)
        low = token.lower().replace("’", "'")
        pos = m.end()
        possessive = low.endswith("'") or low.endswith("'s")
        bare = _key(r, low.removesuffix("'s").rstrip("'"), r.people, r.modifiers, r.things, r.function_words)
        if bare in r.people:
            if possessive:
                continue  # "101 soldiers' portraits": the head noun comes next
            return PEOPLE
        if possessive and r.plural.search(bare) and bare not in r.quantities:
            return THING  # "the two countries' treaty": it counts countries
        analysed = (
            None
            if bare in r.things or bare in r.function_words
            else _analysed(r, low, r.modifiers, r.quantities)
        )
        if analysed == morph.PEOPLE:
            return PEOPLE
        if analysed == morph.MODIFIER:
            continue
        if analysed == morph.FUNCTION:
            return None
        if analysed == morph.THING:
            return THING
        if (
            bare in r.modifiers
            or (token[:1].isupper() and not r.plural.search(low))
            or r.modifier_suffix.search(low)
        ):
            continue
        if bare in r.function_words:
            return None
        if bare in r.things or (len(low) > 3 and r.plural.search(low)) or strict:
            return THING
        # An adjective we do not know ("long-range", "170mm"): the noun may still come.
    return None


def names_things(r: RuleSet, label: str) -> bool:
    """A label whose head word is a thing ("Tanks", "Artillery systems", "Names confirmed")."""
    label = label.strip()
    m = r.token.match(label)
    if not m:
        return False
    low = m.group(1).lower()
    if low in r.people:
        return False
    if low in r.things or (len(low) > 3 and bool(r.plural.search(low))):
        return True
    # the head after its modifiers: "Armoured fighting vehicles", "170mm self-propelled guns"
    last, at = low, m.end()
    for _ in range(3):
        m = r.token.match(label, at)
        if not m:
            break
        low = m.group(1).lower()
        if low in r.people:
            return False
        if low in r.things:
            return True
        last, at = low, m.end()
    # ... or a plural that ends the label ("Armoured fighting vehicles", "UAVs (operational)")
    rest = label[at:].strip()
    return len(last) > 3 and bool(r.plural.search(last)) and (not rest or rest.startswith("("))


def is_subset(r: RuleSet, sentence: str, number: Number) -> bool:
    """ "..., including 1,230 in the past day", "36,570 of those": a part of the total just named."""
    before = sentence[: number.start] if number.start <= 160 else sentence[number.start - 40 : number.start]
    return bool(
        r.subset_before.search(before) or r.subset_after.match(sentence[number.end : number.end + 30])
    )


def combines(r: RuleSet, sentence: str, start: int, end: int) -> bool:
    """A sum over sides or groups ("Russian and North Korean troops", "both sides", "combined") in the span;
    a sum the count is only compared with ("more than in the two previous years combined") does not count."""
    return any(
        not r.comparison_before.search(sentence, max(0, m.start() - 60), m.start())
        for m in r.combined.finditer(sentence, start, end)
    )


def continues(r: RuleSet, sentence: str, previous: Number, number: Number) -> bool:
    """ "48,000 in January and 48,670 in December", "..., and more than 200,000 so far in 2025": a number
    joined to the one before it, with no noun of its own, counts the same thing."""
    return bool(r.continuation.fullmatch(sentence, previous.end, number.start))


def counts_anyone(r: RuleSet, sentence: str, number: Number) -> bool:
    """The number counts people who may be anyone: "wounding at least 45 people"."""
    m = r.token.match(sentence, number.end)
    return m is not None and _key(r, m.group(1).lower(), r.generic) in r.generic


def noun_phrase_end(r: RuleSet, sentence: str, number: Number) -> int:
    """Where the noun phrase a number opens ends: past its modifiers and people nouns ("600 North Korean
    soldiers| killed in Russia")."""
    pos = number.end
    for _ in range(5):
        m = r.token.match(sentence, pos)
        if not m:
            break
        low = m.group(1).lower().replace("\u2019", "'")
        bare = low.removesuffix("'s").rstrip("'")
        key = _key(r, bare, r.people, r.modifiers)
        analysed = (
            None if key in r.people or key in r.modifiers else _analysed(r, bare, r.things, r.function_words)
        )
        if (key in r.people or analysed == morph.PEOPLE) and bare == low:
            return m.end()  # the head noun ends the phrase
        if analysed == morph.MODIFIER:
            pos = m.end()
            continue
        if analysed is not None:
            break
        if key in r.people or key in r.modifiers or m.group(1)[:1].isupper() or r.modifier_suffix.search(low):
            pos = m.end()
            continue
        break
    return pos


def is_history(
    r: RuleSet,
    sentence: str,
    number: Number,
    before: str,
    after: str,
    speakers: tuple[tuple[int, int], ...] = (),
) -> bool:
    """A recalled, superseded or corrected value: "up from 1,100", "in April the figure was 600". A change
    another speaker makes later in the sentence ("..., and the military raised its estimate to 4,000") does
    not supersede it (`speakers`: where sources are named)."""
    wide_before = sentence[max(0, number.start - 120) : number.start]
    if r.periodic_series.search(sentence):
        return False  # "monthly totals fell from 48,000 in January to 34,500 in May": periods, not revisions
    recalled = r.history_before.search(wide_before)
    if recalled and r.action_after.match(sentence, number.end):
        recalled = (
            None  # "forces had put 1,170 soldiers out of action": a narrated action, not a recalled claim
        )
    change = r.change_to_later.search(sentence, number.end)
    if change and any(number.end <= s < change.start() for s, _ in speakers):
        change = None
    return bool(recalled or r.history_after.match(after) or change)


def not_yet(r: RuleSet, before: str, after: str) -> bool:
    """A plan, forecast or hypothetical: "plans to send 6,000", "could reach 10,000"."""
    return bool(r.not_yet_before.search(before[-90:]) or r.not_yet_after.match(after))


def is_rate(r: RuleSet, sentence: str, number: Number, before: str) -> bool:
    """ "1,500 a day", "an average of 1,286", "daily losses of 1,570": a rate, not a count."""
    return bool(
        r.rate_near.match(sentence[number.end : number.end + 80]) or r.rate_before.search(before[-70:])
    )


def is_increment(r: RuleSet, sentence: str, number: Number) -> bool:
    """ "an additional 3,000", "3,000 more", "(+1,630)", "a new contingent of 1,000": a step, not a total."""
    before = sentence[max(0, number.start - 60) : number.start]
    return bool(
        r.increment_before.search(before) or r.increment_after.match(sentence[number.end : number.end + 80])
    )


def is_another(r: RuleSet, sentence: str, number: Number) -> bool:
    """ "another 3,000": an addition to a headcount or a running total, or just a different group."""
    return bool(r.another_before.search(sentence, max(0, number.start - 30), number.start))


def points_back(r: RuleSet, sentence: str, number: Number) -> bool:
    """ "the two were questioned": a few people already counted, named again as a pronoun would ("the two
    soldiers captured in January" still counts them)."""
    return (
        number.value < 10
        and bool(r.definite_before.search(sentence, max(0, number.start - 12), number.start))
        and r.token.match(sentence, number.end) is not None
        and counted_noun(r, sentence, number) is None
    )


def about_others(r: RuleSet, sentence: str, start: int, end: int) -> bool:
    """The clause counts labourers, defectors or people going home, not troops or their losses."""
    return bool(r.not_troops_context.search(sentence, start, end))


def counts_things(r: RuleSet, sentence: str, number: Number) -> bool:
    """ "tanks – 9,718" in a General Staff tally; "an army of 1.2 million" is a standing force."""
    before = sentence[max(0, number.start - 40) : number.start]
    return bool(r.equipment_before.search(before) or r.standing_force_before.search(before))


def qualifier(r: RuleSet, before: str, after: str, inside: str = "") -> str:
    for name, rx in r.qualifiers_inside:
        if inside and rx.search(inside):
            return name
    compared = r.compared_figure_before.search(before[-60:])
    if compared:
        # "fewer than the 48,000 recorded in January": that figure's own hedge, if it has one
        return qualifier(r, before[-60:][compared.end() :], after, inside)
    m = r.qualifier_before.search(before[-60:])
    if m:
        for name in r.qualifier_names:
            if m.group(name):
                return name
    for name, rx in r.qualifiers_after:
        if rx.match(after):
            return name
    return "exact"
