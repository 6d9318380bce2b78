"""The substring tests that skip costly patterns never skip a pattern that would have matched."""

from __future__ import annotations

import re

import pytest

from newswatch.figures import literals
from newswatch.figures.corpora import Text, development_files, read_records
from newswatch.figures.extractor import FigureExtractor, split_sentences

FX = FigureExtractor(morphology="off")


def test_required_words_come_from_every_branch_and_skip_optional_parts() -> None:
    rx = re.compile(r"\b(?:in|during)\s+the\s+(?:very\s+)?(?:past|last)\s+week\b", re.IGNORECASE)
    assert literals.required(rx) == {"past", "last"}
    assert literals.required(re.compile(r"(?:ab)?\d+")) is None  # nothing every match holds
    assert literals.required(re.compile(r"(?:exceeded|exceed|top)s?")) == {"exceed", "top"}


def test_folding_takes_every_character_a_case_insensitive_pattern_takes_for_an_ascii_letter() -> None:
    ascii_letter = re.compile(r"[a-z]", re.IGNORECASE)
    for code in range(128, 0x110000):
        char = chr(code)
        if ascii_letter.fullmatch(char):
            assert len(literals.folded(char)) == 1 and re.fullmatch(literals.folded(char), char, re.I)
    assert literals.folded("DURİNG Kın") == "during kin"


def test_longest_bounds_a_match_and_is_none_without_a_bound() -> None:
    assert literals.longest(r"more than|(?<!on )top|ca\.") == 9
    assert literals.longest(r"over\s+") is None


def _sentences(language: str) -> list[str]:
    return [
        sentence
        for path in development_files()
        for r in read_records(path)
        if isinstance(r, Text) and r.language == language
        for sentence in split_sentences(r.text, language=language)
    ]


@pytest.mark.parametrize("language", ["en", "ko", "ru", "uk"])
def test_no_prefiltered_pattern_is_skipped_where_it_matches(language: str) -> None:
    lang = FX._language(language)
    patterns: list[re.Pattern[str]] = [rx for _, rx in lang.scope.periods]
    patterns += [p.rx for p in vars(lang.rules).values() if isinstance(p, literals.Prefiltered)]
    checked = 0
    for sentence in _sentences(language):
        lowered = literals.folded(sentence)
        for rx in patterns:
            if rx.search(sentence):
                assert literals.possible(literals.required(rx), lowered), (rx.pattern[:80], sentence)
                checked += 1
        for start in range(0, len(sentence), 37):
            for p in vars(lang.rules).values():
                if isinstance(p, literals.Prefiltered):
                    assert bool(p.search(sentence, start, start + 60)) == bool(
                        p.rx.search(sentence, start, start + 60)
                    )
    assert checked > 50
