"""What a language module gives the shared machinery: words and patterns, never code paths.

Each `lang/<code>.py` defines one `LEXICON`. The machinery (numbers, scope, sources, rules, tables,
extractor) compiles it once and reads text with it, so a new language is a new sibling module, the
way facebook/duckling keeps `Numeral/EN`, `Numeral/KO` ... beside one engine. Patterns are regular
expression source strings, matched case-insensitively unless the field says otherwise.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache


@dataclass(frozen=True, eq=False)
class Lexicon:
    language: str
    decimal_comma: bool = False

    # Numbers. Word values (units, tens), multipliers (scales: "thousand"), fractions of a scale
    # ("half a million"), scale words written after digits ("1.5 million", "11k"), and what joins
    # number words ("four hundred and fifty").
    units: Mapping[str, float] = field(default_factory=dict)  # "полтора" is 1.5
    tens: Mapping[str, int] = field(default_factory=dict)
    scales: Mapping[str, int] = field(default_factory=dict)
    fractions: Mapping[str, float] = field(default_factory=dict)
    articles: tuple[str, ...] = ()
    number_joiners: tuple[str, ...] = ()
    digit_scales: Mapping[str, int] = field(default_factory=dict)
    # Words for whole hundreds ("двести" 200, "п'ятсот" 500): a unit times a hundred in one word.
    hundreds: Mapping[str, int] = field(default_factory=dict)
    # Scale words that stand for one of that scale on their own ("тысяча", "сотню"); and those that do so
    # only right after a hedge ("около тысячи", "понад мільйона"): elsewhere they are plurals ("тысячи
    # раненых", thousands of wounded).
    lone_scales: Mapping[str, int] = field(default_factory=dict)
    lone_scales_after_hedge: Mapping[str, int] = field(default_factory=dict)
    # Scales written between and after digits in one number ("1만1천" 11000, "4천700" 4700, "1.5만").
    compound_scales: Mapping[str, int] = field(default_factory=dict)
    # Words that may stand between digits and their scale word ("3 с лишним тысячи").
    scale_infix: str = r"(?!)"
    # What may follow a year-like number that makes it a count ("2000 troops"), not a year.
    count_after_year: str = r"(?!)"
    # Between a range's two numbers after "between"/"от" ("and", "до"); and what, just before the first
    # number, makes the pair a change rather than a range ("rose from 3,000 to 4,000").
    range_between_gap: str = r"\s*and\s*"
    change_from_before: str = r"(?!)"
    # Numbers written as words below this count only people named right after them ("двух солдат"), not
    # other nouns ("за два этапа"), whose words the lexicon cannot all list.
    small_word_limit: int = 0
    # Number words that are mostly pronouns ("one of them"): never a count on their own.
    pronoun_numbers: tuple[str, ...] = ()
    # Before / after a number: it is not a count (money, months, unit names, ages, measures ...).
    not_count_before: str = r"(?!)"
    not_count_after: str = r"(?!)"
    # Vague amounts: "several thousand", "tens of thousands".
    vague_before: str = r"(?!)"
    # Range joiners between two numbers ("10,000 to 12,000"), "between ... and ...", "70 or 80,000".
    range_joiners: str = r"(?!)"
    range_between: str = r"(?!)"
    range_or: str = r"(?!)"
    # Right after the second of two joined numbers, what makes the pair a change, not a range ("300명에서 4천명으로
    # 늘었다": from, to).
    range_change_after: str = r"(?!)"

    # Qualifiers: (name, pattern) before the number (nearest wins) and after it.
    qualifiers_before: tuple[tuple[str, str], ...] = ()
    qualifier_fillers: str = r"(?!)"
    qualifiers_after: tuple[tuple[str, str], ...] = ()
    # Hedges written inside a number's own words ("3 с лишним тысячи": more than 3,000).
    qualifiers_inside: tuple[tuple[str, str], ...] = ()

    # What a number counts. People nouns make a count of people; modifiers may stand between the
    # number and its noun ("3,000 more North Korean troops"); function words end the search
    # ("3,000 were killed"); plural nouns that are neither count things ("four brigades").
    people_nouns: tuple[str, ...] = ()
    count_modifiers: tuple[str, ...] = ()
    function_words: tuple[str, ...] = ()
    thing_nouns: tuple[str, ...] = ()
    plural_suffix: str = r"(?!)"
    # Endings of words that modify a counted noun whatever their stem (adjectives: "северокорейских").
    modifier_suffix: str = r"(?!)"
    # Endings a word carries that do not change what it names (Korean particles: "명으로", "사상자가"),
    # stripped before a word is looked up; and what may follow a metric term inside its word (inflection,
    # particles: "погиб|ли", "사상자|가").
    word_suffix: str = r"(?!)"
    term_tail: str = ""
    # "<noun> of 3,000": nouns that count the people after "of" ("a total of", "losses of").
    quantity_nouns: tuple[str, ...] = ()
    # People who may be anyone ("45 people", "civilians"): a count of them is about troops only when its own
    # sentence names whose.
    generic_people: tuple[str, ...] = ()

    # Metric terms (longest wins at one place), subjects (regex), other subjects that must not be
    # taken for a followed one.
    metrics: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    subjects: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    other_subjects: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # "The enemy" is whoever the speaker fights: Kyiv's bulletins mean Russia's troops, Moscow's generals
    # mean Ukraine's. Its subject is `enemy_of_source[source]`, else `enemy_default`.
    enemy_subject: str = r"(?!)"
    enemy_default: str = ""
    enemy_of_source: Mapping[str, str] = field(default_factory=dict)
    subject_location_before: str = r"(?!)"
    # A subject right after the counted noun completes its phrase ("двох солдатів КНДР": a genitive), so it
    # is the count's subject before any named earlier in the sentence.
    genitive_subject: bool = False

    # Sources: normalised name -> patterns (case-sensitive: names are proper nouns). Relays speak for
    # a source named nearby ("a lawmaker ... citing the spy agency"); capitals speak for countries.
    sources: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Openings many source patterns share ("уряд|посадовці|... " before each country's genitive): the one-pass
    # scan for where sources start looks for each once, not once per pattern (speed; the patterns still decide).
    source_openings: tuple[str, ...] = ()
    relays: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # In a relay's own sentence, what ties it to the source it relays even when that source goes unnamed
    # ("депутат, посилаючись на розвідку", "получивших брифинг разведки"): South Korea's lawmakers relay the NIS.
    relay_cue: str = r"(?!)"
    # A statement named with its source in the genitive and then what it is about ("заяву Генштабу ЗСУ про
    # мільйон", "оценку ГУР в 12 тысяч"): the source owns the count whoever speaks. Just before the source, and
    # between the source and the number.
    owned_count_before: str = r"(?!)"
    owned_count_after: str = r"(?!)"
    capitals: Mapping[str, str] = field(default_factory=dict)
    speech_verbs: str = r"(?!)"
    # Words that may stand between a capital and its speech verb ("Kyiv now says", "в Киеве ранее заявили").
    speaker_adverbs: str = (
        r"now|has|have|had|also|previously|earlier|first|again|separately|itself|officially"
    )
    # What else may stand between a capital and its verb of saying: a parenthetical and a few words ("Сам
    # Пхеньян, за його словами, для внутрішньої аудиторії визнає ..."). Empty: only the adverbs above.
    capital_insert: str = ""
    # Just before a capital (in any case form), what makes it the speaker without a verb ("по данным Киева").
    capital_after: str = r"(?!)"
    # A sentence that attributes the claims of the sentence before it ("Об этом сообщил ...", a quote's
    # closing "— сообщил Зеленский"): its speaker is theirs.
    attribution_next: str = r"(?!)"
    # A count standing alone as a sentence, explained by the next ("Eleven thousand. That is how many ..."):
    # what may stand before the number in the fragment, and the next sentence's opening that refers back to it.
    fragment_head: str = r"(?!)"
    fragment_explained: str = r"(?!)"
    # A speaker named only by what it is ("the agency said", "officials estimate", "the think tank"): whoever
    # the text names as such a sentence or two before, else a sentence or two after.
    unnamed_speaker: str = r"(?!)"
    # The line under a list of labelled lines ("Killed: about 600") that names the list's source ("Source: NIS").
    source_line: str = r"(?!)"
    # Right after a source's name, what makes it the sentence's speaker (Korean topic and subject particles,
    # "에 따르면"): the verb of speaking may come many words later.
    speaker_after: str = r"(?!)"
    attribution_before: str = r"(?!)"
    headline_attribution: str = r"(?!)"
    # Just before a mention, what opens a reported clause ("заявив, що українські військові захопили ..."):
    # a speech verb before it belongs to the clause's speaker, so the mention is the clause's actor.
    reported_clause_before: str = r"(?!)"
    # A mention after these words is compared with, not speaking ("in line with British estimates").
    not_speaker_before: str = r"(?!)"
    # Just before a mention, what makes it the actor of a clause that describes the people counted ("яких Сили
    # оборони взяли в полон", "захоплених українськими військовими", "у полоні в ЗСУ", "під контролем української
    # сторони"): it captured or holds them, it does not speak, unless a verb of saying follows it.
    descriptive_before: str = r"(?!)"
    # Where one speaker's stretch of a sentence ends ("X puts it at 600; Y at 4,000", "while Y says").
    speaker_breaks: str = r"(?!)"
    # Outlets and unnamed reports as the speaker: the claim has no source (case-sensitive).
    anonymous_speakers: str = r"(?!)"
    # A count inside or right after a relative clause whose agent gave it ("북한이 ... 드러낸 전사자를 350명", "외신이
    # 200명 안팎으로 보도한"): the claim of `who` (a source, an outlet, or a side's own government), not the speaker's.
    claim_agent: str = r"(?!)"

    # Sentence rules (shared machinery applies them): where a clause ends, what a number's clause must
    # not say (history, plans, increments, rates, regional subtotals, combined counts), and what makes
    # a sentence no report at all (questions, hypotheticals).
    clause_breaks: str = r"(?!)"
    history_before: str = r"(?!)"
    history_after: str = r"(?!)"
    history_sentence: str = r"(?!)"
    change_to_later: str = r"(?!)"
    periodic_series: str = r"(?!)"
    not_yet_before: str = r"(?!)"
    not_yet_after: str = r"(?!)"
    not_a_report: str = r"(?!)"
    increment_before: str = r"(?!)"
    increment_after: str = r"(?!)"
    another_before: str = r"(?!)"
    deployment_context: str = r"(?!)"
    # A verb of sending just before a count: "since sending 10,000 troops" counts the troops sent.
    sending_before: str = r"(?!)"
    rate_near: str = r"(?!)"
    rate_before: str = r"(?!)"
    combined: str = r"(?!)"
    # "more than in the two previous years combined": the sum is what the count is compared with.
    comparison_before: str = r"(?!)"
    regional: str = r"(?!)"
    equipment_before: str = r"(?!)"
    standing_force_before: str = r"(?!)"
    back_reference: str = r"(?!)"
    day_count: str = r"(?!)"
    # Verbs that, said of an army's men, count its dead and wounded together ("знищили 1 200 окупантів": the
    # General Staff's "ліквідовано"): a killed count of a subject followed only for casualties is one.
    out_of_action: str = r"(?!)"
    # A list line ("Personnel — 1,139,870 (+840)") and a note that a list's figures are approximate.
    list_label: str = r"(?!)"
    # Between a label and its count: "personnel about 818,740", "troops: ~14,000".
    label_gap: str = r"(?!)"
    # A caption paragraph's opening: it stands alone and inherits no speaker.
    caption: str = r"(?!)"
    # A bare count as what a speaker gave: "has spoken of about 4,000", "cites 4,000".
    spoken_object: str = r"(?!)"
    # A metric term in the form of the clause's verb ("1명이 붙잡혔다"): where the verb follows its count (Korean),
    # it says what befell the count, whatever loss described the people before it ("다친 북한군 병사 1명이 붙잡힌").
    predicate_metric: str = r"(?!)"
    # Idioms holding a metric's word that count nothing: "arrived at" (a conclusion).
    not_metrics: tuple[str, ...] = ()
    # A running total crossing a mark: "the count passed 500,000 in February 2024" (dated, so a past state).
    milestone_before: str = r"(?!)"
    # After a count, what makes "had put 1,170 ..." an action rather than an estimate: "out of action".
    action_after: str = r"(?!)"
    # Just before a metric term, what makes it a circumstance, not what a number elsewhere counts ("despite
    # heavy losses").
    concession_before: str = r"(?!)"
    # A document as the speaker ("the report noted") and the nouns that name who published one ("a study by").
    document_speaker: str = r"(?!)"
    # A body named without its name as the one speaking ("Розвідка також підтвердила", "У відомстві зазначили",
    # "Ведомство считает"): the source the article last named, not a side the sentence mentions.
    anaphoric_speaker: str = r"(?!)"
    # A text in Ukraine's own voice, calling Russia "the enemy" ("Total combat losses of the enemy ..."): with no
    # source named, Ukraine speaks (its General Staff's bulletin, quoted).
    enemy_voice: str = r"(?!)"
    # A relative clause right after a count's noun phrase ("11 тисяч військових, яких КНДР відправила"): it
    # describes the counted people, so a subject named in it is theirs.
    relative_after: str = r"(?!)"
    document_noun: str = r"(?!)"
    approximate_list: str = r"(?!)"
    # A part of a total named just before ("..., including 1,230 in the past day", "300 of them"): it
    # counts what the total counts.
    # "150,000 of last year's losses were dead": the "of ..." phrase after a number names the whole.
    part_of: str = r"(?!)"
    # Two metrics named together, then their numbers in the same order ("사망자와 부상자를 각각 300명, 2천700명"):
    # groups `first` and `second` hold the terms; the first number after the match counts the first, the next the second.
    respectively: str = r"(?!)"
    # Between a part and its total ("one-thousand of the North's estimated eleven-thousand soldiers").
    part_total: str = r"(?!)"
    # What may stand between two numbers when the second continues the first's count ("and", a period
    # phrase, a clause of attribution).
    continuation: str = r"(?!)"
    subset_before: str = r"(?!)"
    # A sentence that refers back to people just counted ("Both are North Korean"): it may name their subject.
    forward_reference: str = r"(?!)"
    # Between two counts of one hedge ("about 300 killed and 2,700 wounded").
    shared_qualifier: str = r"(?!)"
    # Between two counts that share the period phrase after the second ("killed 50 and wounded 47 over three
    # days"), and words that restate the count before ("giving a precise figure of 299,210").
    shared_period: str = r"(?!)"
    restated: str = r"(?!)"
    subset_after: str = r"(?!)"
    # A small number after a definite article points back to people already counted ("the two were
    # questioned"), it does not count them again.
    definite_before: str = r"(?!)"
    # A clause about people who are not a deployment's troops or losses: labourers, defectors, a return home.
    not_troops_context: str = r"(?!)"
    of_total_before: str = r"(?!)"

    # Scope. Period phrases as (kind, pattern) with named groups the machinery resolves to dates:
    # month, year, day, day2, n, unit, weekday. Cumulative markers ("since February 2022", "to date").
    # A period phrase next to a speech verb dates the statement, not the count ("said last week").
    months: Mapping[str, int] = field(default_factory=dict)
    weekdays: Mapping[str, int] = field(default_factory=dict)
    # Holidays on a fixed day, lower case, to (month, day): the bounds of a "holidays" period phrase
    holidays: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    unit_days: Mapping[str, int] = field(default_factory=dict)
    # Which quarter of the year a "quarter" period phrase's `n` names ("third" 3, "Q3" 3).
    quarter_numbers: Mapping[str, int] = field(default_factory=dict)
    # Period units and parts written in the language, to the names the machinery reads ("месяца" ->
    # "month", "полугодие" -> "half").
    unit_names: Mapping[str, str] = field(default_factory=dict)
    periods: tuple[tuple[str, str], ...] = ()
    # A period phrase just past the end of a count's clause may still bound it ("lost 31,000 troops, in
    # October"); not where the phrase always comes before its verb (Korean: "1∼2월에 3천여 명이 증원").
    period_after_clause: bool = True
    cumulative: str = r"(?!)"
    statement_time_before: str = r"(?!)"
    statement_time_after: str = r"(?!)"
    statement_time_next: str = r"(?!)"
    # How a span of time opens ("за минулу добу", "за минувшие сутки"): a span bounds a count and never dates
    # the statement that follows it ("..., повідомив Генштаб").
    span_opening: str = r"(?!)"
    same_period: str = r"(?!)"
    # Right after a period phrase, what makes the period the clause's subject ("November 2024 was Russia's
    # costliest month, with 45,680 casualties"): it bounds the counts of its sentence, wherever it stands.
    period_subject_after: str = r"(?!)"
    # A comparison with another stated figure, not a hedge ("28% fewer than the 48,000 recorded in January",
    # "more than the roughly 192,000 it lost"): ends where that figure's own words (and hedge) begin
    compared_figure_before: str = r"(?!)"
    # What may stand before a period phrase that opens the sentence's subject ("Losses in the second half of
    # 2025 were light — fewer than 100 killed"): the phrase bounds the counts of the sentence
    period_subject_before: str = r"(?!)"
    # A day ("on Nov. 28") bounds a count only of what happened that day ("lost 2,030 troops on Nov. 28");
    # with a total ("losses stood at 868,850 on Feb. 28") it is the date of the snapshot.
    loss_events: str = r"(?!)"
    estimate_object: str = r"(?!)"
    # A source set off by commas just before a number ("за тиждень росіяни втратили, за даними Генштабу, 8 310"):
    # the period phrase before it still bounds the number, as if the insert were not there.
    source_insert: str = r"(?!)"
    # Just before "since the start of the war", what makes it a record's yardstick, not a running total ("the
    # heaviest losses since the invasion began — 45,720": that month's count).
    record_before: str = r"(?!)"
    # An engagement a day is named after: "a strike on Tuesday killed 60".
    event_noun_before: str = r"(?!)"
    # When a claim was made, for superseded estimates: a revision ("raised its estimate to 300 in January":
    # the month dates the revision), a recollection ("initially", "at first"), the present ("now"), and a
    # step in a narrative ("then": after the sentence before).
    revision_verbs: str = r"(?!)"
    past_marker: str = r"(?!)"
    now_marker: str = r"(?!)"
    sequel_marker: str = r"(?!)"
    # Part of a month, to date a sentence a "then" step follows: "In late April, ...".
    month_part: str = r"(?!)"
    # A count of one small unit's people is bounded to that unit's errand, not the running total: right after
    # the count ("nine soldiers of an engineer regiment"; "nine of its members" once a unit was named before
    # it), or the unit owning it just before ("the battalion lost 40 men").
    unit_count_after: str = r"(?!)"
    unit_named_before: str = r"(?!)"
    unit_own_after: str = r"(?!)"

    # Tables: header words that say what a column holds; row labels that make a row no figure (a plan, an
    # addition); names in a "side" column and the subject they stand for.
    table_columns: Mapping[str, str] = field(default_factory=dict)
    plan_label: str = r"(?!)"
    # A verb of crossing right before a count that a later phrase dates ("crossed 900,000 in the spring"): a
    # running total passing a mark then, not that period's count.
    crossing_before: str = r"(?!)"
    # A verb of reaching a mark right before a count ("topped 1.1 million on Sunday"): a weekday after it dates
    # the running total this week, it bounds no count.
    mark_before: str = r"(?!)"
    # A part of a force named by a noun, counted by rank ("the contingent included some 500 officers and three
    # generals"): not the headcount.
    rank_part_before: str = r"(?!)"
    rank_part_after: str = r"(?!)"
    # A row label that says its people were sent ("Troops sent"): a headcount whatever the table's heading.
    deployed_label: str = r"(?!)"
    increment_label: str = r"(?!)"
    subject_names: Mapping[str, str] = field(default_factory=dict)

    # Sentences: abbreviations a full stop does not end.
    abbreviations: str = r"(?!)"


@cache
def lexicon_for(language: str | None) -> Lexicon:
    """The lexicon of a language ("en", "ko-KR" -> "ko"), English when newswatch has none for it yet."""
    code = (language or "en").lower()[:2]
    try:
        module = importlib.import_module(f"newswatch.figures.lang.{code}")
    except ModuleNotFoundError:
        module = importlib.import_module("newswatch.figures.lang.en")
    lexicon: Lexicon = module.LEXICON
    return lexicon
