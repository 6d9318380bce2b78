"""The figure extractor on sentences: numbers, qualifiers, claims, subjects, sources, non-figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from newswatch.config import parse_config
from newswatch.errors import ConfigError
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
    import json

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
    text = "The NIS said some 300 North Korean soldiers were killed and 2,700 wounded."
    assert figures(text) == [("killed", 300, "approx", "NIS"), ("wounded", 2700, "exact", "NIS")]


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
    assert figures(text) == [("killed", 300, "approx", "NIS"), ("wounded", 2700, "exact", "NIS")]


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


def test_development_set_scores_meet_the_targets() -> None:
    report = evaluate(CORPUS / "legacy.jsonl")
    assert report.records >= 80
    assert report.f1 >= 0.9, report.summary()
    assert report.attribution_accuracy >= 0.85, report.summary()
