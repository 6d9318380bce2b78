"""The figure extractor: numbers, qualifiers, claims, subjects, sources, scope, history, tables, non-figures.

Each class of rules has its own tests, in sentences written for them (never copied from real reporting).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newswatch.config import parse_config
from newswatch.errors import ConfigError
from newswatch.figures.corpora import development_files
from newswatch.figures.evaluate import evaluate
from newswatch.figures.extractor import FigureExtractor
from newswatch.figures.numbers import find_numbers
from newswatch.figures.series import watchlist

FX = FigureExtractor()
CORPUS = Path(__file__).resolve().parents[1] / "plugins" / "newswatch" / "figures" / "corpus" / "en"
SEED = (
    Path(__file__).resolve().parents[2] / "shared" / "examples" / "joongang-daily-nk-troops-out-of-combat.txt"
)


def seed_text() -> str:
    """The seed article from ../shared/examples, else its copy in the legacy development corpus (en-l139)."""
    if SEED.exists():
        return SEED.read_text(encoding="utf-8")
    records = (
        json.loads(line) for line in (CORPUS / "legacy.jsonl").read_text(encoding="utf-8").splitlines()
    )
    return next(r["text"] for r in records if r["id"] == "en-l139")


def figures(text: str, language: str | None = None) -> list[tuple[str, float, str, str | None]]:
    return [
        (
            f.series.split(".", 1)[1] if f.series.startswith("dprk") else f.series,
            f.value,
            f.qualifier,
            f.attributed_to,
        )
        for f in FX.extract(text, language=language)
    ]


def read(
    text: str, title: str | None = None, published: date | None = date(2025, 11, 3)
) -> list[tuple[str, float, str, str | None, str, str | None, str | None]]:
    """Everything a figure says: short series, value, qualifier, source, scope and period dates."""
    return [
        (
            f.series.split(".", 1)[1] if f.series.startswith("dprk") else f.series,
            f.value,
            f.qualifier,
            f.attributed_to,
            f.scope,
            f.period_start and f.period_start.isoformat(),
            f.period_end and f.period_end.isoformat(),
        )
        for f in FX.extract(text, title, "en", published)
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3,000", 3000),
        ("3.000", 3000),
        ("12 000", 12000),
        ("1.5 million", 1_500_000),
        ("11k", 11000),
        ("three thousand", 3000),
        ("a thousand", 1000),
        ("1.1 thousand", 1100),
        ("11,000-strong", 11000),
        ("Twelve hundred", 1200),
        ("twenty-five", 25),
    ],
)
def test_numbers_as_journalists_write_them(text: str, value: float) -> None:
    found = find_numbers(f"They counted {text} soldiers.")
    assert [n.value for n in found] == [value]


@pytest.mark.parametrize(
    "text",
    [
        "in 2024",
        "on Jan. 13",
        "a 26-year-old soldier",
        "30 percent of them",
        "$1.5 billion",
        "the 11th Corps",
        "Unit 6074",
        "call 02-123-4567",
        "at 10:30",
        "several hundred troops",
        "thousands of troops",
        "100 kilometres",
        "the S-400",
        "December 9",
        "one of the soldiers",
    ],
)
def test_things_that_are_not_counts(text: str) -> None:
    assert find_numbers(text) == []


def test_decimal_comma_depends_on_the_language() -> None:
    assert [n.value for n in find_numbers("1,5 million", decimal_comma=True)] == [1_500_000]
    assert [n.value for n in find_numbers("1,500 troops")] == [1500]
    assert figures("Ukraine said 3.000 North Korean soldiers were killed.")[0][1] == 3000


@pytest.mark.parametrize(
    ("phrase", "qualifier"),
    [
        ("about", "approx"),
        ("around", "approx"),
        ("approximately", "approx"),
        ("some", "approx"),
        ("an estimated", "approx"),
        ("roughly", "approx"),
        ("more than", "more_than"),
        ("over", "more_than"),
        ("upwards of", "more_than"),
        ("at least", "at_least"),
        ("nearly", "at_most"),
        ("almost", "at_most"),
        ("up to", "at_most"),
        ("fewer than", "less_than"),
        ("", "exact"),
    ],
)
def test_qualifiers(phrase: str, qualifier: str) -> None:
    text = f"The NIS said {phrase} 3,000 North Korean soldiers had been killed."
    assert figures(text) == [("killed", 3000, qualifier, "NIS")]


@pytest.mark.parametrize(
    "text",
    [
        "The NIS said casualties among North Korean troops exceeded 3,000.",
        "North Korean casualties have topped 3,000, the NIS said.",
    ],
)
def test_exceeded_and_topped_are_more_than(text: str) -> None:
    assert figures(text) == [("casualties", 3000, "more_than", "NIS")]


@pytest.mark.parametrize(
    "text",
    [
        "Between 10,000 and 12,000 North Korean troops are in Russia, the Pentagon said.",
        "The Pentagon said 10,000 to 12,000 North Korean troops are in Russia.",
        "The Pentagon said 10,000-12,000 North Korean troops are in Russia.",
    ],
)
def test_ranges_have_low_high_and_midpoint(text: str) -> None:
    (figure,) = FX.extract(text)
    assert (figure.series, figure.value, figure.value_low, figure.value_high, figure.qualifier) == (
        "dprk_troops_russia.deployed",
        11000,
        10000,
        12000,
        "range",
    )
    assert figure.attributed_to == "United States"


def test_two_claims_in_one_sentence() -> None:
    text = "The NIS said some 300 North Korean soldiers were killed and at least 2,700 wounded."
    assert figures(text) == [("killed", 300, "approx", "NIS"), ("wounded", 2700, "at_least", "NIS")]


def test_one_hedge_covers_two_counts_joined_by_and() -> None:
    text = "Roughly 300 North Korean soldiers have been killed and 2,700 wounded, the NIS said."
    assert figures(text) == [("killed", 300, "approx", "NIS"), ("wounded", 2700, "approx", "NIS")]


def test_killed_or_wounded_is_one_casualties_figure() -> None:
    assert figures("Zelensky said 3,000 North Korean soldiers were killed or wounded.") == [
        ("casualties", 3000, "exact", "Ukraine")
    ]


def test_subject_of_whom_and_other_nationalities() -> None:
    text = (
        "About 11,000 North Korean troops were sent to Russia, of whom 300 were killed, "
        "while Ukraine lost 1,500 soldiers, US officials said."
    )
    assert figures(text) == [
        ("deployed", 11000, "approx", "United States"),
        ("killed", 300, "exact", "United States"),
    ]


def test_russian_losses_are_not_north_korean_ones() -> None:
    text = "Russia has lost about 790,000 troops since 2022, Ukraine's General Staff said."
    assert figures(text) == [("russia_troops.casualties", 790000, "approx", "Ukraine")]


def test_subject_and_source_carry_over_from_the_previous_sentence() -> None:
    text = (
        "South Korea's spy agency briefed lawmakers on North Korean troops in Russia on Tuesday. "
        "It said about 300 had been killed and 2,700 wounded."
    )
    assert figures(text) == [("killed", 300, "approx", "NIS"), ("wounded", 2700, "approx", "NIS")]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("A lawmaker citing the NIS said 3,000 North Korean soldiers were killed.", "NIS"),
        ("South Korea's spy agency said 3,000 North Korean soldiers were killed.", "NIS"),
        ("Ukraine's military intelligence said 3,000 North Korean soldiers were killed.", "Ukraine"),
        ("Kyiv says 3,000 North Korean soldiers were killed.", "Ukraine"),
        ("The Pentagon said 3,000 North Korean soldiers were killed.", "United States"),
        ("US officials said 3,000 North Korean soldiers were killed.", "United States"),
        ("Britain's defence ministry said 3,000 North Korean soldiers were killed.", "United Kingdom"),
        ("The Joint Chiefs of Staff said 3,000 North Korean soldiers were killed.", "South Korea"),
        ("3,000 North Korean soldiers were killed.", None),
    ],
)
def test_attribution_is_normalised(text: str, source: str | None) -> None:
    assert figures(text)[0][3] == source


@pytest.mark.parametrize(
    "text",
    [
        "Several hundred North Korean soldiers were killed, the NIS said.",
        "Thousands of North Korean troops are in Russia.",
        "In 2024, North Korea sent troops to Russia.",
        "A 26-year-old North Korean soldier was captured.",
        "About 30 percent of the North Korean troops were wounded.",
        "The 11th Corps of the North Korean army was deployed.",
        "North Korea received $1.5 billion for its troops.",
        "The agency had previously put the toll at 1,100 North Korean casualties.",
        "North Korea plans to send 5,000 more troops to Russia.",
        "North Korean casualties could reach 10,000 by spring, analysts said.",
        "Russia sent 1,000 tanks, the NIS said about North Korea.",
    ],
)
def test_not_figures(text: str) -> None:
    assert figures(text) == []


def test_up_from_is_history_the_new_value_counts() -> None:
    text = "The NIS now puts North Korean casualties at 3,000, up from 1,100 in December."
    assert figures(text) == [("casualties", 3000, "exact", "NIS")]


def test_the_seed_article() -> None:
    found = FX.extract(seed_text())
    assert {(f.series, f.value, f.qualifier, f.attributed_to) for f in found} == {
        ("dprk_troops_russia.casualties", 3000, "more_than", "NIS"),
        ("dprk_troops_russia.deployed", 11000, "approx", "NIS"),
    }


def test_a_series_added_in_config_is_extracted_without_code() -> None:
    config = parse_config(
        {
            "series": [
                {"key": "dprk_troops_russia.missing", "metric": ["missing", "unaccounted for"]},
                {"key": "wagner.deployed", "subject": ["Wagner"], "metric": ["fighters", "mercenaries"]},
            ]
        }
    )
    fx = FigureExtractor(watchlist(config))
    found = fx.extract(
        "The NIS said 120 North Korean soldiers were missing. Some 5,000 Wagner fighters remain in Mali."
    )
    assert [(f.series, f.value, f.qualifier) for f in found] == [
        ("dprk_troops_russia.missing", 120, "exact"),
        ("wagner.deployed", 5000, "approx"),
    ]


def test_a_new_subject_or_metric_without_terms_is_a_config_error() -> None:
    for entry, message in (
        ({"key": "wagner.deployed"}, "new subject 'wagner'"),
        ({"key": "dprk_troops_russia.missing"}, "new metric 'missing'"),
    ):
        with pytest.raises(ConfigError, match=message):
            watchlist(parse_config({"series": [entry]}))


def development_records(path: Path) -> list[dict[str, Any]]:
    """A corpus file's records with text; a sequence's articles become records of their own."""
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if "text" in record:
            records.append(record)
        for article in record.get("articles", []):
            records.append({**article, "date": article["published_at"][:10], "language": record["language"]})
    return records


def development_scores(path: Path) -> dict[str, float]:
    """Precision, recall and F1 on (series, value, qualifier); attribution, scope and date accuracy of the
    matched figures; and how many period figures came out as running totals."""
    tp = fp = fn = sourced = scoped = dated = period_matches = period_as_cumulative = 0
    for record in development_records(path):
        published = date.fromisoformat(record["date"]) if record.get("date") else None
        expected = [
            (
                (f["series"], float(f["value"]), f["qualifier"]),
                f.get("attributed_to"),
                (f.get("scope", "cumulative"), f.get("period_start"), f.get("period_end")),
            )
            for f in record["figures"]
        ]
        found = [
            (
                (g.series, g.value, g.qualifier),
                g.attributed_to,
                (
                    g.scope,
                    g.period_start and g.period_start.isoformat(),
                    g.period_end and g.period_end.isoformat(),
                ),
            )
            for g in FX.extract(record["text"], record.get("title"), record.get("language"), published)
        ]
        unmatched = list(found)
        for key, source, scope in expected:
            candidates = [g for g in unmatched if g[0] == key]
            if not candidates:
                fn += 1
                continue
            best = max(candidates, key=lambda g: (g[1] == source, g[2] == scope))
            unmatched.remove(best)
            tp += 1
            sourced += best[1] == source
            scoped += best[2][0] == scope[0]
            if scope[0] == "period":
                period_matches += 1
                dated += best[2] == scope
                period_as_cumulative += best[2][0] != "period"
        fp += len(unmatched)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "attribution": sourced / tp if tp else 1.0,
        "scope": scoped / tp if tp else 1.0,
        "dates": dated / period_matches if period_matches else 1.0,
        "period_as_cumulative": period_as_cumulative,
    }


# Floors set from the scores at the time of writing (a little below them): a rule change that costs
# accuracy on the development corpora fails here.
FLOORS = {
    "legacy.jsonl": {
        "f1": 0.985,
        "attribution": 0.985,
        "scope": 0.99,
        "dates": 0.95,
        "period_as_cumulative": 1,
    },
    "dev.jsonl": {"f1": 0.98, "attribution": 0.985, "scope": 0.99, "dates": 0.95, "period_as_cumulative": 0},
    "articles.jsonl": {
        "f1": 0.985,
        "attribution": 0.97,
        "scope": 0.99,
        "dates": 0.95,
        "period_as_cumulative": 0,
    },
    "sequences.jsonl": {
        "f1": 0.99,
        "attribution": 0.99,
        "scope": 0.99,
        "dates": 0.95,
        "period_as_cumulative": 0,
    },
    # Written after the rules above, from real reporting's constructions (round 2; round 4 first scored 0.861).
    "dev2.jsonl": {
        "f1": 0.885,
        "attribution": 0.98,
        "scope": 0.985,
        "dates": 0.85,
        "period_as_cumulative": 1,
    },
    "articles2.jsonl": {
        "f1": 0.89,
        "attribution": 0.96,
        "scope": 0.98,
        "dates": 0.85,
        "period_as_cumulative": 0,
    },
    "sequences2.jsonl": {
        "f1": 0.9,
        "attribution": 0.99,
        "scope": 0.99,
        "dates": 0.9,
        "period_as_cumulative": 0,
    },
    "dev4.jsonl": {"f1": 0.92, "attribution": 0.93, "scope": 0.99, "dates": 0.95, "period_as_cumulative": 0},
    # Written by writers who never saw the rules (rounds 3 to 8); floors a little under the scores of 2026-12-03.
    "dev3.jsonl": {"f1": 0.94, "attribution": 0.98, "scope": 0.99, "dates": 0.8, "period_as_cumulative": 0},
    "dev5.jsonl": {"f1": 0.96, "attribution": 0.99, "scope": 0.985, "dates": 0.95, "period_as_cumulative": 0},
    "dev6.jsonl": {"f1": 0.915, "attribution": 0.98, "scope": 0.99, "dates": 0.92, "period_as_cumulative": 0},
    "sequences3.jsonl": {
        "f1": 0.97,
        "attribution": 0.99,
        "scope": 0.99,
        "dates": 0.99,
        "period_as_cumulative": 0,
    },
    # dev7: first scored by rules that never saw it (F1 0.913 on main before round 8, 0.916 after); round 9
    # wrote rules from it (F1 0.974, attribution 0.993, scope 1.000, dates 37/40 on 2026-12-03).
    "dev7.jsonl": {"f1": 0.96, "attribution": 0.98, "scope": 0.99, "dates": 0.9, "period_as_cumulative": 0},
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_development_corpora_stay_above_their_floors(name: str) -> None:
    scores = development_scores(CORPUS / name)
    floors = FLOORS[name]
    for measure in ("f1", "attribution", "scope", "dates"):
        assert scores[measure] >= floors[measure], (name, measure, scores)
    assert scores["period_as_cumulative"] <= floors["period_as_cumulative"], (name, scores)


def test_english_development_sequences_make_no_false_revision() -> None:
    # A false revision email is the worst outcome: the English sequences (rounds 1 and 2) make none.
    report = evaluate([CORPUS / "sequences.jsonl", CORPUS / "sequences2.jsonl"])
    assert report.false_revisions == 0, report.summary()
    assert report.changes.fp == 0, report.summary()


def test_development_set_scores_meet_the_targets() -> None:
    # English only until the Korean, Russian and Ukrainian rules exist (issue 11).
    report = evaluate([p for p in development_files() if p.parent.name == "en" or "devset" in p.name])
    assert report.records >= 80
    assert report.f1 >= 0.9, report.summary()
    assert report.attribution_accuracy >= 0.85, report.summary()


# 1. A number counts the noun it modifies: only people, or a metric construction, make a figure.


@pytest.mark.parametrize(
    "text",
    [
        "North Korea has sent its soldiers in two rotations, the NIS said.",
        "The force was drawn from four brigades of the North Korean army, the NIS said.",
        "Three questions matter about the North Korean troops killed in Kursk.",
        "A wall in Pyongyang carries the portraits of 101 soldiers killed in Kursk, North Korean state media showed.",
        "North Korea also shipped 50 to 100 pieces of armour to Russia along with its troops, the NIS said.",
        "Russia fired 90 drones, of which 60 were shot down and 25 were lost, Ukraine's air force said.",
    ],
)
def test_a_number_counting_things_is_no_figure(text: str) -> None:
    assert read(text) == []


def test_a_metric_construction_counts_people_without_a_noun() -> None:
    assert read("The NIS now puts North Korean casualties at 4,700.") == [
        ("casualties", 4700, "exact", "NIS", "cumulative", None, None)
    ]
    assert read("For North Korea the death toll has reached 600, the NIS said.") == [
        ("killed", 600, "exact", "NIS", "cumulative", None, None)
    ]


# 2. Scope: a count bounded in time or to one event is a period figure, dated from the article's date.


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "Russia lost 31,000 troops in October, the UK Ministry of Defence said.",
            date(2025, 11, 3),
            ("period", "2025-10-01", "2025-10-31"),
        ),
        (
            "Russian forces lost 1,140 soldiers in the past day, Ukraine's General Staff said.",
            date(2025, 6, 14),
            ("period", "2025-06-13", "2025-06-14"),
        ),
        (
            "Russia lost 7,200 troops over the past week, the defence ministry in Kyiv said.",
            date(2025, 7, 28),
            ("period", "2025-07-21", "2025-07-28"),
        ),
        (
            "Russia has lost about 346,000 soldiers since the start of 2025, Ukraine's General Staff said.",
            date(2025, 9, 30),
            ("period", "2025-01-01", "2025-09-30"),
        ),
        (
            "Russia has suffered about 290,000 casualties in 2025, British defence intelligence estimates.",
            date(2025, 9, 12),
            ("period", "2025-01-01", "2025-09-12"),
        ),
        (
            "Russia lost 427,000 troops in 2024, Ukraine's army chief said.",
            date(2025, 1, 19),
            ("period", "2024-01-01", "2024-12-31"),
        ),
        (
            "At least 200 North Korean soldiers were killed in the first week of fighting, Ukraine says.",
            date(2025, 1, 2),
            ("period", None, None),
        ),
        (
            "Ukrainian drones killed 40 North Korean soldiers in a single assault near Sudzha, the SSO said.",
            date(2025, 1, 2),
            ("period", None, None),
        ),
        (
            "Russia has lost 1,150,120 troops since February 2022, Ukraine's General Staff said.",
            date(2025, 11, 3),
            ("cumulative", None, None),
        ),
        (
            "Russian personnel losses stood at 868,850 on Feb. 28, the General Staff said.",
            date(2025, 3, 1),
            ("cumulative", None, None),
        ),
        (
            "The NIS said last week that North Korean casualties had exceeded 4,000.",
            date(2025, 4, 1),
            ("cumulative", None, None),
        ),
        (
            "No fewer than 50 North Korean troops were killed or wounded on March 3 and 4 near Sudzha, HUR said.",
            date(2025, 3, 6),
            ("period", "2025-03-03", "2025-03-04"),
        ),
        (
            "On Oct. 9 alone the Ukrainian tally of Russian losses was 1,410, the General Staff said.",
            date(2025, 10, 12),
            ("period", "2025-10-09", "2025-10-09"),
        ),
        (
            "Zelensky put the North Korean losses at more than 5,000 killed or wounded on Tuesday.",
            date(2025, 4, 3),
            ("cumulative", None, None),
        ),
        (
            "A think tank put Russia's casualties from February 2022 through September 2025 at about 1.1 million.",
            date(2025, 10, 20),
            ("cumulative", None, None),
        ),
    ],
)
def test_scope_and_period_dates(
    text: str, published: date, expected: tuple[str, str | None, str | None]
) -> None:
    (figure,) = read(text, published=published)
    assert figure[4:] == expected


def test_period_figures_sit_beside_the_running_total() -> None:
    text = (
        "Russia has lost 1,187,780 troops since the full-scale invasion, including 1,300 in the past day, "
        "Ukraine's General Staff said."
    )
    assert read(text, published=date(2025, 12, 13)) == [
        ("russia_troops.casualties", 1187780, "exact", "Ukraine", "cumulative", None, None),
        ("russia_troops.casualties", 1300, "exact", "Ukraine", "period", "2025-12-12", "2025-12-13"),
    ]


def test_for_the_month_takes_the_month_named_before() -> None:
    text = "Russian losses in September averaged 950 a day, British intelligence said, or about 28,500 for the month."
    assert read(text, published=date(2025, 10, 3)) == [
        ("russia_troops.casualties", 28500, "approx", "United Kingdom", "period", "2025-09-01", "2025-09-30")
    ]


def test_monthly_totals_from_one_month_to_another_are_two_periods() -> None:
    text = (
        "Russia's losses kept falling, UK Defence Intelligence said. "
        "Monthly totals went from 48,000 in January to 34,500 in May."
    )
    assert read(text, published=date(2025, 6, 6)) == [
        ("russia_troops.casualties", 48000, "exact", "United Kingdom", "period", "2025-01-01", "2025-01-31"),
        ("russia_troops.casualties", 34500, "exact", "United Kingdom", "period", "2025-05-01", "2025-05-31"),
    ]


def test_two_counts_joined_in_one_engagement_share_its_bound() -> None:
    text = (
        "Paratroopers repelled a North Korean assault near the village, killing 33 attackers and wounding 52, "
        "Ukraine's army said."
    )
    assert [f[4] for f in read(text)] == ["period", "period"]


def test_a_span_from_the_invasion_to_recent_weeks_is_the_running_total() -> None:
    text = "Russia's losses from February 2022 to March 2025 were about 900,000, a think tank estimated."
    assert read(text, published=date(2025, 4, 2))[0][4] == "cumulative"
    text = "Russia's losses from February 2023 to March 2025 were about 900,000, a think tank estimated."
    assert read(text, published=date(2025, 4, 2))[0][4] == "period"


def test_headcounts_and_prisoners_are_never_period_figures() -> None:
    text = "North Korea sent about 11,000 troops to Russia in October 2024, the NIS said."
    assert read(text)[0][4] == "cumulative"


# 3. Number words.


@pytest.mark.parametrize(
    ("phrase", "value", "low", "high"),
    [
        ("eleven-thousand", 11000, None, None),
        ("one-thousand", 1000, None, None),
        ("four thousand seven hundred", 4700, None, None),
        ("four-thousand-100", 4100, None, None),
        ("27-hundred", 2700, None, None),
        ("15-thousand", 15000, None, None),
        ("half a million", 500_000, None, None),
        ("a quarter of a million", 250_000, None, None),
        ("70 or 80,000", 75000, 70000, 80000),
        ("seventy or eighty thousand", 75000, 70000, 80000),
    ],
)
def test_number_words(phrase: str, value: float, low: float | None, high: float | None) -> None:
    (number,) = find_numbers(f"They counted {phrase} soldiers.")
    assert (number.value, number.low, number.high) == (value, low, high)


def test_a_scaled_number_word_of_them_counts_people() -> None:
    text = (
        'Zelensky spoke of the North Koreans in Kursk. "Three thousand of them have been killed or wounded."'
    )
    assert read(text) == [("casualties", 3000, "exact", "Ukraine", "cumulative", None, None)]


def test_a_range_in_words_is_a_range_figure() -> None:
    text = "Russia lost 70 or 80,000 men killed and wounded in January and February, an Estonian intelligence officer said."
    assert read(text, published=date(2025, 3, 2)) == [
        ("russia_troops.casualties", 75000, "range", "Estonia", "period", "2025-01-01", "2025-02-28")
    ]


# 4. Metric and subject.


def test_a_headcount_after_losses_are_made_good_is_deployed() -> None:
    text = (
        "According to Ukrainian intelligence, Pyongyang has replaced its dead, and the number of North Korean "
        "soldiers in Kursk is now about 12,000."
    )
    assert read(text) == [("deployed", 12000, "approx", "Ukraine", "cumulative", None, None)]


def test_a_bulletin_label_next_to_its_count_keeps_the_losses_named_before() -> None:
    text = "Ukraine's General Staff, May 2: Russian combat losses since Feb. 24, 2022 — personnel about 960,000 (+1,200)."
    assert read(text, published=date(2025, 5, 2)) == [
        ("russia_troops.casualties", 960000, "approx", "Ukraine", "cumulative", None, None)
    ]


def test_a_comparison_with_a_sum_is_not_a_combined_count() -> None:
    text = (
        "Russia lost 400,000 troops in 2024, more than in the two years before combined, Syrskyi said, "
        "putting the total since the invasion at about 800,000."
    )
    assert [f[1] for f in read(text, published=date(2025, 1, 20))] == [400000, 800000]


def test_an_army_compared_with_another_is_no_figure() -> None:
    text = "South Korea's military, about 450,000 strong, is far smaller than the North's 1.2 million."
    assert read(text) == []


def test_a_headcount_of_whom_many_died_is_deployed_only() -> None:
    text = "North Korea sent 11,000 troops, many of whom have already died, Zelensky said."
    assert read(text) == [("deployed", 11000, "exact", "Ukraine", "cumulative", None, None)]


def test_a_ukrainian_statement_about_north_korean_losses_is_a_north_korean_figure() -> None:
    text = "Ukraine's military intelligence said 200 North Korean soldiers had been killed."
    assert read(text) == [("killed", 200, "exact", "Ukraine", "cumulative", None, None)]


def test_killed_wounded_in_a_headline_is_casualties() -> None:
    assert read("", title="North Korean Troops In Kursk: Killed, Wounded Top 3,000 — Zelensky") == [
        ("casualties", 3000, "more_than", "Ukraine", "cumulative", None, None)
    ]


def test_an_all_caps_kicker_is_read_like_a_headline() -> None:
    assert read("", title="N. KOREAN LOSSES IN KURSK: KILLED, WOUNDED TOP 3,000 — ZELENSKY") == [
        ("casualties", 3000, "more_than", "Ukraine", "cumulative", None, None)
    ]


@pytest.mark.parametrize(
    ("text", "metric", "qualifier"),
    [
        (
            "At least 100 North Koreans have died and the injured are approaching 1,000, the NIS said.",
            "wounded",
            "at_most",
        ),
        ("Two North Korean soldiers were taken prisoner in Kursk, Zelensky said.", "captured", "exact"),
        ("Two North Korean soldiers are now in Ukrainian custody, the SBU said.", "captured", "exact"),
    ],
)
def test_metric_constructions(text: str, metric: str, qualifier: str) -> None:
    assert (metric, qualifier) in [(f[0], f[2]) for f in read(text)]


def test_a_total_over_two_rotations_is_the_headcount() -> None:
    text = "The NIS put the total sent over two rotations at some 15,000 North Korean soldiers."
    assert read(text) == [("deployed", 15000, "approx", "NIS", "cumulative", None, None)]


def test_a_group_in_one_engagement_is_not_the_deployment() -> None:
    assert read("Close to 200 North Korean soldiers charged the Ukrainian position that morning.") == []


# 5. Sources.


@pytest.mark.parametrize(
    ("text", "title", "source"),
    [
        (
            "Western officials said about 4,000 North Korean troops had been killed or wounded.",
            None,
            "Western officials",
        ),
        (
            "The UK Ministry of Defence said more than 6,000 North Koreans had been killed or wounded.",
            None,
            "United Kingdom",
        ),
        ("British defence intelligence estimates North Korean casualties at 6,000.", None, "United Kingdom"),
        ("", "North Korea has lost 4,000 troops in Kursk, Kyiv says", "Ukraine"),
        ("Seoul estimates that about 600 North Korean soldiers have been killed.", None, "South Korea"),
        ("", "North Korean casualties top 4,700: spy agency", "NIS"),
        ("Japan's defence ministry says more than 10,000 North Korean troops are in Russia.", None, "Japan"),
        ("An EU official said Russia had now suffered about 1 million casualties.", None, "European Union"),
    ],
)
def test_sources_are_normalised(text: str, title: str | None, source: str) -> None:
    assert read(text, title)[0][3] == source


def test_a_lawmaker_who_names_the_spy_agency_a_sentence_later_relays_the_nis() -> None:
    text = (
        "About 2,000 North Korean soldiers have been killed, a South Korean lawmaker said on Tuesday. "
        "He was speaking after a closed-door briefing by the spy agency."
    )
    assert read(text)[0][3] == "NIS"


def test_a_lawmaker_with_no_spy_agency_nearby_speaks_for_south_korea() -> None:
    text = "About 2,000 North Korean soldiers have been killed, a South Korean lawmaker said on Tuesday."
    assert read(text)[0][3] == "South Korea"


def test_a_quote_takes_the_speaker_named_in_the_previous_paragraph() -> None:
    text = (
        "Ukraine's commander-in-chief spoke to reporters in Kyiv on Friday about the fighting in Kursk.\n"
        '"The North Koreans have lost more than 4,000 men killed and wounded," he said.'
    )
    assert read(text)[0][3] == "Ukraine"


def test_each_figure_takes_the_speaker_of_its_own_stretch_of_the_sentence() -> None:
    text = (
        "While Seoul's spy agency puts the North Korean death toll at about 600, Kyiv says some 4,000 have been "
        "killed or wounded; British intelligence reckons the figure is more than 6,000."
    )
    assert [(f[1], f[3]) for f in read(text)] == [(600, "NIS"), (4000, "Ukraine"), (6000, "United Kingdom")]


def test_a_comparison_names_no_speaker() -> None:
    text = "An EU official said Russia had suffered about 1 million casualties, in line with Ukrainian estimates."
    assert read(text)[0][3] == "European Union"


# 6. Qualifiers, also after the number.


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Russian casualties surpassed the 1 million mark, Ukraine's General Staff said.", "more_than"),
        (
            "The 1 million mark was surpassed on Thursday, Ukraine's General Staff said of Russian losses.",
            "more_than",
        ),
        ("Russian losses are now 1 million or more, Ukraine's General Staff said.", "at_least"),
        ("Russia has lost a million or so troops, Kyiv says.", "approx"),
        ("Russia has lost 1,000,000-plus troops, Kyiv says.", "more_than"),
        ("Russia's toll was just shy of 1 million, Ukraine's General Staff said.", "at_most"),
    ],
)
def test_qualifiers_before_and_after_the_number(text: str, qualifier: str) -> None:
    assert read(text)[0][2] == qualifier


# 7. Recollections, superseded estimates and corrections are not current figures.


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "In April the agency's figure was 600; it now puts North Korean deaths at about 2,000, the NIS said.",
            [2000],
        ),
        (
            "The NIS now estimates about 2,000 North Korean soldiers have been killed. "
            "The agency's previous count, given in April, was 600.",
            [2000],
        ),
        (
            "The NIS said about 2,000 North Korean soldiers have been killed.\n"
            "Correction: an earlier version of this article misstated the estimate as 2,600.",
            [2000],
        ),
        (
            "In December the NIS put North Korean casualties at about 1,100. In April the agency said about 4,700 "
            "had been killed or wounded.",
            [4700],
        ),
        ("The NIS previously reported that North Korean casualties had exceeded 3,000.", [3000]),
        (
            "The spy agency, which in January had counted at least 300 North Korean dead, now puts the number "
            "at about 1,500, the NIS said.",
            [1500],
        ),
    ],
)
def test_recollections_and_corrections(text: str, kept: list[float]) -> None:
    assert [f[1] for f in read(text)] == kept


# 8. Tables: one figure per row, with the row's own source, date and qualifier.


def test_a_tracker_table_gives_one_figure_per_row() -> None:
    text = (
        "North Korean losses, as each source last gave them:\n\n"
        "| Source | Date | What | Figure |\n"
        "|---|---|---|---|\n"
        "| NIS | 2025-01-13 | killed | about 300 |\n"
        "| Seoul's JCS | 2024-12-23 | casualties | about 1,100 |\n"
        "| Washington | 2024-12-27 | killed or wounded in one week | more than 1,000 |\n"
        "| Kyiv | 2025-01-09 | planned deployment | 20,000 |\n"
    )
    assert read(text, published=date(2025, 1, 20)) == [
        ("killed", 300, "approx", "NIS", "cumulative", None, None),
        ("casualties", 1100, "approx", "South Korea", "cumulative", None, None),
        ("casualties", 1000, "more_than", "United States", "period", None, None),
    ]


def test_a_monthly_table_gives_period_figures_and_skips_rates() -> None:
    text = (
        "Russian casualties, UK Defence Intelligence:\n\n"
        "| Month | Daily average | Monthly total |\n"
        "|---|---|---|\n"
        "| January 2025 | 1,548 | 48,000 |\n"
        "| February 2025 | 1,255 | 35,140 |\n"
    )
    assert read(text, published=date(2025, 4, 4)) == [
        ("russia_troops.casualties", 48000, "exact", "United Kingdom", "period", "2025-01-01", "2025-01-31"),
        ("russia_troops.casualties", 35140, "exact", "United Kingdom", "period", "2025-02-01", "2025-02-28"),
    ]


def test_a_bulletin_table_counts_people_not_equipment_or_increments() -> None:
    text = (
        "General Staff of Ukraine, combat losses of the enemy:\n\n"
        "| Category | Total | Change |\n"
        "|---|---|---|\n"
        "| Personnel | about 1,000,340 | +1,140 |\n"
        "| Tanks | 10,933 | +3 |\n"
    )
    assert read(text, published=date(2025, 6, 12)) == [
        ("russia_troops.casualties", 1000340, "approx", "Ukraine", "cumulative", None, None)
    ]


def test_two_counts_joined_by_and_share_the_period_after_them() -> None:
    text = "Ukrainian drone teams killed 50 North Korean soldiers and wounded 47 over three days of fighting, the SSO said."
    assert [(f[0], f[4]) for f in read(text)] == [("killed", "period"), ("wounded", "period")]


def test_a_restated_count_keeps_the_scope_of_the_first() -> None:
    text = (
        "Russia has lost almost 300,000 soldiers since the beginning of the year, Ukraine's army chief said, "
        "giving a precise figure of 299,210."
    )
    assert [(f[1], f[4]) for f in read(text, published=date(2025, 9, 9))] == [
        (300000, "period"),
        (299210, "period"),
    ]


def test_since_the_troops_entered_combat_is_the_whole_deployment() -> None:
    text = "At least 1,000 North Koreans have been wounded since Pyongyang's troops entered combat this month, the NIS said."
    assert read(text, published=date(2024, 12, 19))[0][4] == "cumulative"


def test_a_one_day_record_is_that_day() -> None:
    text = (
        "Russian losses hit a record in November, British intelligence said. "
        "The worst single day was Nov. 28, with about 2,030."
    )
    assert read(text, published=date(2024, 12, 5))[-1][4:] == ("period", "2024-11-28", "2024-11-28")


def test_bulletin_lines_under_an_approximate_note() -> None:
    text = (
        "Ukraine's General Staff has updated its count of Russian losses since Feb. 24, 2022. "
        "The figures below are approximate.\n"
        "Personnel — 1,139,870 (+840)\n"
        "Tanks — 11,330 (+3)"
    )
    assert read(text, published=date(2025, 11, 4)) == [
        ("russia_troops.casualties", 1139870, "approx", "Ukraine", "cumulative", None, None)
    ]


def test_a_capital_gives_way_to_its_own_agency_but_not_to_another_country() -> None:
    assert (
        read("Seoul's first estimate came on Dec. 19, when the NIS said 100 North Koreans had died.")[0][3]
        == "NIS"
    )
    text = "Seoul's spy agency puts the death toll at 600, while Kyiv says some 4,000 North Koreans have been killed or wounded."
    assert [f[3] for f in read(text)] == ["NIS", "Ukraine"]


def test_a_government_body_in_a_capital_speaks_for_its_country() -> None:
    text = "The presidential office in Seoul said some 4,700 North Koreans had been killed or wounded."
    assert read(text)[0][3] == "South Korea"


def test_media_reports_name_no_source() -> None:
    text = "Some media reports have put the number of North Korean dead at 200, but the NIS stood by a lower figure."
    assert read(text)[0][3] is None


def test_a_headline_kicker_names_the_source() -> None:
    assert read("", title="Syrskyi: Russia's 2025 losses approach 300,000", published=date(2025, 9, 9)) == [
        ("russia_troops.casualties", 300000, "at_most", "Ukraine", "period", "2025-01-01", "2025-09-09")
    ]


def test_a_headline_without_a_source_takes_the_ledes() -> None:
    text = "Russian forces lost 48,670 soldiers in December, Ukraine's General Staff said on Wednesday."
    found = read(text, title="Russia lost 48,670 troops in December", published=date(2025, 1, 1))
    assert {f[3] for f in found} == {"Ukraine"}


def test_a_weekday_before_the_count_dates_the_briefing() -> None:
    text = "On Monday, lawmakers briefed by the NIS said some 300 North Korean soldiers had been killed."
    assert read(text, published=date(2025, 1, 14))[0][4] == "cumulative"


def test_an_opening_month_governs_its_sentence() -> None:
    assert read(
        "December was the costliest month of the war, with 48,670 Russians killed and wounded, "
        "British intelligence said.",
        published=date(2025, 1, 7),
    )[0][4:] == ("period", "2024-12-01", "2024-12-31")
    assert read("", title="March: Russia lost 40,580 troops, General Staff says", published=date(2025, 4, 1))[
        0
    ][4:] == (
        "period",
        "2025-03-01",
        "2025-03-31",
    )


def test_a_wire_update_note_is_no_report() -> None:
    text = "The NIS put North Korean casualties at 4,700.\n(Adds detail on the wounded in paragraph 3)"
    assert [f[1] for f in read(text)] == [4700]


def test_whom_a_source_told_is_not_the_source() -> None:
    text = (
        "Ukrainian authorities told South Korean lawmaker Yu Yong-weon that around 4,000 North Koreans had been "
        "killed or wounded, Yu said on Tuesday."
    )
    assert read(text)[0][3] == "Ukraine"


def test_past_a_mark_is_more_than() -> None:
    assert read("That takes North Korean casualties past 3,000, the NIS said.")[0][2] == "more_than"


def test_two_periods_compared_are_both_figures() -> None:
    text = "Over the whole of 2024, the ministry said, Russia lost 429,660 troops, compared with 252,940 in 2023."
    assert [(f[1], f[5]) for f in read(text, published=date(2025, 1, 7))] == [
        (429660, "2024-01-01"),
        (252940, "2023-01-01"),
    ]


def test_a_loss_right_after_the_people_counted_is_what_they_count() -> None:
    text = "North Korea has lost roughly 600 soldiers killed in Russia, the NIS said."
    assert read(text)[0][:3] == ("killed", 600, "approx")


def test_a_verb_of_sending_before_the_count_makes_it_the_headcount() -> None:
    text = "The North has taken 6,000 casualties since sending 10,000 troops last year, British defence intelligence said."
    assert [(f[0], f[1], f[4]) for f in read(text, published=date(2025, 6, 17))] == [
        ("casualties", 6000, "cumulative"),
        ("deployed", 10000, "cumulative"),
    ]


def test_a_combined_count_earlier_in_the_sentence_is_no_figure() -> None:
    text = "Russian and North Korean forces together lost about a battalion — roughly 400 men — near Makhnovka, Zelensky said."
    assert read(text) == []


def test_a_previous_estimate_recalls_both_of_its_counts() -> None:
    text = (
        "The NIS now counts about 300 North Korean dead and 2,700 wounded. "
        "The agency's previous estimate, given in December, was at least 100 dead and close to 1,000 wounded."
    )
    assert [f[1] for f in read(text)] == [300, 2700]


def test_two_values_in_one_sentence_are_dated_apart() -> None:
    text = (
        'The NIS said in April that "the number of war dead was at least 600, but based on updated assessments, '
        'it now estimates the figure at around 2,000", a lawmaker told reporters.'
    )
    assert [(f[0], f[1]) for f in read(text, published=date(2025, 9, 2))] == [("killed", 2000)]


def test_a_count_of_anyone_needs_its_own_subject() -> None:
    text = (
        "The NIS put North Korean casualties at 4,700.\n"
        "Russian drones struck Kharkiv overnight, wounding at least 45 people, the mayor said."
    )
    assert [f[1] for f in read(text)] == [4700]


def test_things_counted_before_a_part_of_them() -> None:
    text = "Russia launched 63 drones overnight, of which 28 were shot down and 21 were lost, the air force said."
    assert read(text) == []


# Later classes, each in sentences written for it.


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "In its first fortnight of heavy fighting, the North Korean contingent lost roughly 150 killed, "
            "Ukraine's HUR said.",
            date(2024, 12, 20),
            ("period", None, None),
        ),
        (
            "Russia suffered 25,000 to 35,000 casualties in the first month of the war, a NATO official said.",
            date(2022, 3, 30),
            ("period", None, None),
        ),
        (
            "A missile strike on Friday killed about 40 North Korean soldiers, Ukraine's army said on Sunday.",
            date(2025, 2, 9),
            ("period", "2025-02-07", "2025-02-07"),
        ),
        (
            "Kim said 12 of the unit's members had been killed during the mission, KCNA reported.",
            date(2025, 12, 14),
            ("period", None, None),
        ),
    ],
)
def test_one_engagement_or_mission_bounds_a_count(
    text: str, published: date, expected: tuple[str, str | None, str | None]
) -> None:
    (figure,) = read(text, published=published)
    assert figure[4:] == expected


def test_a_phrase_set_off_by_dashes_does_not_reach_across_them() -> None:
    text = (
        "Russian losses in September averaged about 980 a day, UK intelligence said — roughly 29,000 for the "
        "month — taking the total since February 2022 to around 1,100,000."
    )
    assert [f[4] for f in read(text, published=date(2025, 10, 8))] == ["period", "cumulative"]


def test_a_statements_own_update_dates_the_statement_not_the_count() -> None:
    text = "The NIS's new estimate of about 2,500 North Korean dead is its first update on deaths since May."
    assert read(text, published=date(2025, 10, 1)) == [
        ("killed", 2500, "approx", "NIS", "cumulative", None, None)
    ]


def test_a_high_likelihood_is_an_assessment_not_a_forecast() -> None:
    text = "Defence Intelligence assesses that North Korean losses are highly likely to exceed 5,000 killed and wounded."
    assert read(text) == [("casualties", 5000, "more_than", "United Kingdom", "cumulative", None, None)]
    assert (
        read("North Korean losses are likely to reach 8,000 by summer, the UK Ministry of Defence said.")
        == []
    )


def test_a_force_counts_its_troops() -> None:
    text = "Western estimates put the North Korean force in Kursk at around 12,000."
    assert read(text) == [("deployed", 12000, "approx", "Western officials", "cumulative", None, None)]


def test_a_recalled_statement_still_the_latest_is_kept() -> None:
    text = "The NIS has not revised its count since March, when the agency said North Korean casualties had exceeded 4,500."
    assert [f[1] for f in read(text)] == [4500]


def test_a_list_line_takes_the_subject_of_the_lines_before() -> None:
    text = (
        "The figures so far:\n"
        "• Troops sent: about 14,000 (NIS)\n"
        "• Killed: around 2,000 (NIS)\n"
        "• Held as prisoners: 2 (Kyiv)"
    )
    assert [(f[0], f[1], f[3]) for f in read(text)] == [
        ("deployed", 14000, "NIS"),
        ("killed", 2000, "NIS"),
        ("captured", 2, "Ukraine"),
    ]


def test_a_possessive_on_the_count_names_its_source() -> None:
    text = (
        "The 5,000 casualties cited by Western officials include the missing, while the NIS's 4,000-plus counts "
        "only North Korean dead and wounded."
    )
    assert ("casualties", 4000, "more_than", "NIS", "cumulative", None, None) in read(text)


@pytest.mark.parametrize(
    ("text", "title", "source"),
    [
        # A country's think tank is not its government: the lede names who spoke.
        (
            "Some 1.1 million Russian soldiers have been killed or wounded, a study by the Center for Strategic "
            "and International Studies estimated.",
            "Russia's losses near 1.1 million, U.S. think tank estimates",
            "CSIS",
        ),
        # A body named inside a relative clause describes the speaker.
        (
            "Ukraine's General Staff, whose daily figures inform many Western assessments, put Russian losses at "
            "1,050,000 on Monday.",
            None,
            "Ukraine",
        ),
        # Whose estimate another source endorses is not the speaker.
        (
            "British intelligence has backed Kyiv's count, saying Russian losses had passed 1 million.",
            None,
            "United Kingdom",
        ),
    ],
)
def test_who_speaks_and_who_is_only_named(text: str, title: str | None, source: str) -> None:
    assert {f.attributed_to for f in FX.extract(text, title)} == {source}


def test_the_report_speaks_for_whoever_published_it() -> None:
    text = (
        "A new study by the Center for Strategic and International Studies puts Russian casualties at about "
        "1 million. Ukraine's General Staff puts them higher. North Korea has sent more than 12,000 troops to "
        "Russia, the report noted."
    )
    assert ("deployed", 12000, "more_than", "CSIS", "cumulative", None, None) in read(text)


def test_a_narrated_action_in_the_past_perfect_is_no_recollection() -> None:
    text = "In the past day, it said, Ukrainian forces had put 1,240 Russian soldiers out of action."
    assert read(text, published=date(2025, 5, 3)) == [
        ("russia_troops.casualties", 1240, "exact", None, "period", "2025-05-02", "2025-05-03")
    ]


def test_a_correction_repeating_a_value_keeps_its_source() -> None:
    text = (
        "The UK Ministry of Defence estimated Russia's total casualties at more than 1.1 million. "
        "Russian officials dismiss such figures.\n"
        "Correction: an earlier version of this article gave the estimate as 1.4 million. The correct figure is "
        "more than 1.1 million."
    )
    assert [f[3] for f in read(text)] == ["United Kingdom"]


def test_another_country_set_off_by_commas_is_not_the_subject() -> None:
    text = (
        "Russia has suffered about 1.1 million casualties, the think tank CSIS estimated. Ukraine, with a "
        "smaller army, has suffered between 400,000 and 500,000, it said."
    )
    assert [f[1] for f in read(text)] == [1100000]


def test_a_running_total_passing_a_mark_in_the_past_is_no_figure() -> None:
    text = (
        "Ukraine's General Staff publishes a running count of Russian losses. The count passed 600,000 in "
        "October 2024 and 1 million in June 2025. On Monday it stood at 1,120,300."
    )
    assert [f[1] for f in read(text, published=date(2025, 10, 21))] == [1120300]


def test_a_back_reference_far_from_any_loss_takes_the_headlines_count() -> None:
    title = "How many troops has Russia lost? The estimates compared"
    text = (
        "Each estimate is made differently.\nBritain's Ministry of Defence\n"
        "Defence Intelligence publishes regular updates. Its latest assessment is more than 1.1 million."
    )
    assert ("russia_troops.casualties", 1100000, "more_than", "United Kingdom") in [
        (f.series, f.value, f.qualifier, f.attributed_to) for f in FX.extract(text, title)
    ]


def test_an_addition_to_a_total_given_is_no_figure_but_one_to_an_unnumbered_group_is() -> None:
    text = "North Korea sent about 1,000 engineers to Kursk, on top of the 11,000 troops it deployed earlier."
    assert [f[1] for f in read(text)] == [11000]
    text = "Some 2,000 North Korean soldiers had reached Russia, on top of the special forces sent earlier, the NIS said."
    assert [f[1] for f in read(text)] == [2000]


def test_a_weekday_after_the_loss_dates_it_unless_a_speech_verb_comes_between() -> None:
    text = "Ukraine's special forces said they killed four North Korean soldiers in the Kursk border region on Saturday."
    assert read(text, published=date(2024, 12, 22))[0][4:] == ("period", "2024-12-21", "2024-12-21")


def test_a_gapped_second_count_for_another_country_is_not_ours() -> None:
    text = "The think tank CSIS estimated that Russia had suffered about 1.1 million casualties and Ukraine between 400,000 and 450,000."
    assert [f[1] for f in read(text)] == [1100000]


def test_a_marker_after_a_comma_dates_only_the_count_that_follows() -> None:
    text = "The NIS on Tuesday put North Korean deaths at around 2,500, having previously estimated them at about 700."
    assert [f[1] for f in read(text, published=date(2025, 11, 5))] == [2500]


def test_a_headline_value_restated_later_takes_its_latest_date() -> None:
    title = "About 2,500 North Korean soldiers killed, Seoul spy agency says"
    text = (
        'The NIS said in May that "North Korean dead numbered at least 700, but it now estimates the figure at '
        'about 2,500", a lawmaker told reporters.'
    )
    assert [f.value for f in FX.extract(text, title, published=date(2025, 11, 5))] == [2500]


def test_a_timeline_step_after_a_dated_sentence_is_superseded_by_a_later_one() -> None:
    text = (
        "In late March, Moscow said the region was retaken. The NIS then raised its count of North Korean dead "
        "to about 700.\nIn October the NIS raised its estimate of North Korean deaths again, to about 2,500."
    )
    assert [f[1] for f in read(text, published=date(2025, 12, 20))] == [2500]


def test_a_speaker_who_has_spoken_of_a_bare_count_gives_the_count_compared() -> None:
    text = (
        "South Korea's Joint Chiefs of Staff estimate North Korean casualties at around 1,300. Ukraine's "
        "president has spoken of about 4,500."
    )
    assert [(f[1], f[3]) for f in read(text)] == [(1300, "South Korea"), (4500, "Ukraine")]


def test_a_caption_does_not_inherit_a_speaker() -> None:
    text = (
        "Zelensky said North Korean losses had reached 4,000.\n"
        "Caption: A still from video released by Ukraine's army. About 13,000 North Korean troops were sent to "
        "Russia last year."
    )
    assert ("deployed", 13000, "approx", None, "cumulative", None, None) in read(text)


def test_an_undated_headline_period_takes_the_bodys_dates() -> None:
    title = "More than 1,200 North Koreans killed or wounded in a week, White House says"
    text = "John Kirby said North Korean troops had suffered more than 1,200 killed and wounded in the past week alone."
    figures = FX.extract(text, title, published=date(2025, 1, 8))
    assert [(f.value, f.scope, f.period_start) for f in figures] == [(1200, "period", date(2025, 1, 1))]


def test_a_named_day_dates_a_single_days_count() -> None:
    text = "On Dec. 9, Russia lost 1,950 troops in a single day, the ministry said."
    assert read(text, published=date(2024, 12, 12))[0][4:] == ("period", "2024-12-09", "2024-12-09")


def test_the_enemy_or_ally_named_after_a_count_is_not_its_subject() -> None:
    text = (
        "At least 150 North Korean soldiers have been killed and another 1,200 wounded while fighting against "
        "Ukrainian troops, the NIS said."
    )
    assert [(f[0], f[1]) for f in read(text)] == [("killed", 150), ("wounded", 1200)]
    text = (
        "A lawmaker citing the NIS said 150 North Korean soldiers fighting on the side of Russia have died, "
        "and about 1,200 other soldiers were wounded."
    )
    assert [(f[0], f[1]) for f in read(text)] == [("killed", 150), ("wounded", 1200)]


def test_loses_and_losing_are_losses() -> None:
    assert read("Russia loses 910 soldiers over past day, Kyiv says", published=date(2025, 6, 2)) == [
        ("russia_troops.casualties", 910, "exact", "Ukraine", "period", "2025-06-01", "2025-06-02")
    ]


def test_a_reported_days_count_marked_alone_is_that_days() -> None:
    text = "Russia's losses have passed 1,050,000, the General Staff said, including 980 reported over the past day alone."
    assert [f[4] for f in read(text, published=date(2025, 6, 2))] == ["cumulative", "period"]


def test_a_daily_high_within_a_month_is_a_period_of_an_unnamed_day() -> None:
    text = "Ukraine's General Staff said Russian losses peaked with a daily high of 1,980 troops lost in December."
    assert read(text, published=date(2025, 1, 10))[0][4:] == ("period", None, None)


def test_a_rate_can_say_daily_after_its_month() -> None:
    text = (
        "UK intelligence said Russia lost 1,180 people killed and wounded in March daily, its highest rate."
    )
    assert read(text) == []


def test_a_body_named_in_a_comparison_is_not_the_speaker() -> None:
    text = (
        "Russia has lost 900,000 troops since the invasion began, Ukraine's General Staff said. The count, "
        "which is in line with estimates made by Western intelligence agencies, is disputed by Moscow. "
        "A record daily loss of 2,010 troops came in December."
    )
    assert {f[3] for f in read(text, published=date(2025, 1, 10))} == {"Ukraine"}


def test_an_unattributed_headline_count_the_body_attributes_is_one_figure() -> None:
    title = "Ukraine captures 3 North Korean soldiers in Kursk"
    text = "Background first.\nUkraine has said it captured three North Korean soldiers in Russia's Kursk region."
    assert [(f.value, f.attributed_to) for f in FX.extract(text, title)] == [(3, "Ukraine")]


def test_a_change_by_another_speaker_later_in_the_sentence_does_not_supersede() -> None:
    text = (
        "In February Ukraine's HUR said 500 North Korean soldiers had been wounded, and South Korea's military "
        "raised its estimate of casualties to 3,500 this month."
    )
    assert [(f[1], f[3]) for f in read(text)] == [(500, "Ukraine"), (3500, "South Korea")]


def test_a_newer_casualty_total_replaces_an_older_death_toll_but_not_the_reverse() -> None:
    text = (
        "In December the NIS said about 200 North Korean soldiers had died. "
        "The agency now counts 3,800 killed or wounded."
    )
    assert [f[1] for f in read(text, published=date(2025, 3, 1))] == [3800]
    text = (
        "In April the NIS put North Korean casualties at around 4,900. "
        "In September the agency raised its count of the dead to about 2,200."
    )
    assert sorted(f[1] for f in read(text, published=date(2025, 10, 1))) == [2200, 4900]
