"""Figures in Korean, Russian and Ukrainian: numbers as written, qualifiers, inflected metrics and subjects,
sources normalised to the English names, scope, recollections and increments, and the language a page is
read in. Sentences are written for these tests (never copied from real reporting)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newswatch.figures.evaluate import evaluate
from newswatch.figures.extractor import FigureExtractor
from newswatch.figures.lexicon import lexicon_for
from newswatch.figures.numbers import find_numbers
from newswatch.ingest.extract import extract_page
from newswatch.ingest.topics import Topic
from tests.test_figure_extraction import development_scores

FX = FigureExtractor()
CORPUS = Path(__file__).resolve().parents[1] / "plugins" / "newswatch" / "figures" / "corpus"


def read(text: str, language: str, published: date = date(2025, 6, 14)) -> list[tuple[object, ...]]:
    return [
        (
            f.series.split(".", 1)[1] if f.series.startswith("dprk") else f.series,
            f.value,
            f.qualifier,
            f.attributed_to,
            f.scope,
        )
        for f in FX.extract(text, language=language, published=published)
    ]


def values(text: str, language: str) -> list[float]:
    return [n.value for n in find_numbers(text, True, lexicon_for(language))]


# Numbers as written.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("병력 1만1천 명이", [11000]),
        ("모두 4천700명으로", [4700]),
        ("1만 5천 명을", [15000]),
        ("100만340명에 이르렀다", [1000340]),
        ("1.5만명 중", [15000]),
        ("1,000명 가까이", [1000]),
        ("2천500가구를", []),
        ("2024년 10월 8일", []),
        ("3분의 1가량", []),
        ("20~30대 병사 300명", [300]),
        ("오전 10시~11시에 200명", [200]),
        ("약 2~3주 동안 1천 명", [1000]),
        ("300-400명", [350]),
        ("1만명에서 1만2000명", [11000]),
        ("이제 1만 명", [10000]),
        ("제11군단", []),
    ],
)
def test_korean_numbers(text: str, expected: list[float]) -> None:
    assert values(text, "ko") == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("около 4,7 тыс. человек", "ru", [4700]),
        ("свыше 1,2 млн военных", "ru", [1_200_000]),
        ("всего 1 175 000 человек", "ru", [1_175_000]),
        ("двух тысяч солдат", "ru", [2000]),
        ("около тысячи погибших", "ru", [1000]),
        ("тысячи раненых", "ru", []),
        ("от 10 до 12 тысяч", "ru", [11000]),
        ("10–12 тыс. военных", "ru", [11000]),
        ("полмиллиона человек", "ru", [500_000]),
        ("понад 11 тис. бійців", "uk", [11000]),
        ("близько чотирьох тисяч осіб", "uk", [4000]),
        ("п'ятсот військових", "uk", [500]),
        ("до півмільйона", "uk", [500_000]),
        ("14 червня", "uk", []),
    ],
)
def test_russian_and_ukrainian_numbers(text: str, language: str, expected: list[float]) -> None:
    assert values(text, language) == expected


# Qualifiers, metrics, subjects and sources.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("국정원은 러시아에 있는 북한군이 약 9천 명이라고 밝혔다.", ("deployed", 9000, "approx", "NIS")),
        (
            "합참은 북한군 사상자가 2천여 명에 이른다고 밝혔다.",
            ("casualties", 2000, "more_than", "South Korea"),
        ),
        (
            "젤렌스키 대통령은 전사한 북한군이 500명을 넘었다고 말했다.",
            ("killed", 500, "more_than", "Ukraine"),
        ),
        (
            "영국 국방부는 북한군 부상자가 3천 명 가까이 된다고 평가했다.",
            ("wounded", 3000, "at_most", "United Kingdom"),
        ),
        (
            "미 국방부는 북한군 사망자가 최소 200명이라고 말했다.",
            ("killed", 200, "at_least", "United States"),
        ),
        ("국정원은 우크라이나가 북한군 3명을 생포했다고 확인했다.", ("captured", 3, "exact", "NIS")),
    ],
)
def test_korean_figures_with_particles_and_topic_marked_sources(
    text: str, expected: tuple[object, ...]
) -> None:
    assert read(text, "ko") == [(*expected, "cumulative")]


# Korean classes the third development set showed (each test names the class, not a record).


def ko_scoped(text: str, published: date) -> list[tuple[object, ...]]:
    return [
        (f.value, f.attributed_to, f.scope, f.period_start, f.period_end)
        for f in FX.extract(text, language="ko", published=published)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "영국 국방부는 3월 한 달 러시아군 사상자를 약 3만9천 명으로 집계했다.",
            (39000, "United Kingdom", "period", date(2025, 3, 1), date(2025, 3, 31)),
        ),
        (
            "영국 국방부는 지난해 11월 한 달 동안 러시아군 사상자가 4만 명으로 개전 이후 월간 최다였다고 밝혔다.",
            (40000, "United Kingdom", "period", date(2024, 11, 1), date(2024, 11, 30)),
        ),
        (
            "우크라이나군 총참모부는 최근 하루 동안 러시아군 1천80명이 전투력을 잃었다고 밝혔다.",
            (1080, "Ukraine", "period", date(2025, 4, 19), date(2025, 4, 20)),
        ),
    ],
)
def test_korean_month_and_day_spans_bound_a_count(text: str, expected: tuple[object, ...]) -> None:
    assert ko_scoped(text, date(2025, 4, 20)) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "국정원은 지난 13일 정보위 간담회에서 북한군 사망자를 300여 명으로 추산한다고 보고했다.",
        "국정원은 지난주 북한군 부상자를 2천700명가량으로 보고했다.",
        "우크라이나군 총참모부는 지난 18일 러시아군 누적 병력 손실을 94만 명으로 발표했다.",
    ],
)
def test_a_date_right_after_a_korean_speaker_dates_the_statement_not_the_count(text: str) -> None:
    assert [f[2] for f in ko_scoped(text, date(2025, 4, 20))] == ["cumulative"]


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        (
            "우크라이나군 총참모부는 전날 러시아군 1천100명이 전투력을 잃었다고 밝혔다.",
            date(2025, 4, 19),
            date(2025, 4, 19),
        ),
        (
            "총참모부는 지난 18일 러시아군 1천200명이 숨지거나 다쳤다고 밝혔다.",
            date(2025, 4, 18),
            date(2025, 4, 18),
        ),
        (
            "우크라이나군은 4월 16~17일 러시아군 2천 명이 숨지거나 다쳤다고 밝혔다.",
            date(2025, 4, 16),
            date(2025, 4, 17),
        ),
        ("총참모부에 따르면 러시아군은 하루 동안 1천 명을 잃었다.", date(2025, 4, 19), date(2025, 4, 20)),
        (
            "총참모부는 24시간 사이 러시아군 1천50명이 전투력을 잃었다고 밝혔다.",
            date(2025, 4, 19),
            date(2025, 4, 20),
        ),
        (
            "우크라이나군은 이번 주 러시아군 8천 명이 숨지거나 다쳤다고 밝혔다.",
            date(2025, 4, 14),
            date(2025, 4, 20),
        ),
    ],
)
def test_a_date_after_a_korean_speaker_still_bounds_what_befell_people_then(
    text: str, first: date, last: date
) -> None:
    # a day's losses read as a running total would be a false revision of the General Staff's total
    assert [f[1:] for f in ko_scoped(text, date(2025, 4, 20))] == [("Ukraine", "period", first, last)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '우크라이나 국방정보총국의 키릴로 부다노우 국장은 "쿠르스크에 배치된 북한군은 대략 9천 명"이라고 말했다.',
            [("deployed", 9000, "approx", "Ukraine", "cumulative")],
        ),
        (
            "국정원은 북한군 부상자가 2천 명에 가까울 것으로 본다고 밝혔다.",
            [("wounded", 2000, "at_most", "NIS", "cumulative")],
        ),
        (
            "합참은 러시아에 있는 북한군을 1만 명 남짓으로 본다고 밝혔다.",
            [("deployed", 10000, "more_than", "South Korea", "cumulative")],
        ),
        (
            "러시아군 사상자, 개전 후 누적 85만명 추정",
            [("russia_troops.casualties", 850000, "approx", None, "cumulative")],
        ),
        (
            "국정원은 북한군 50명이 숨지고 400명 가까이 다쳤다고 밝혔다.",
            [("killed", 50, "exact", "NIS", "cumulative"), ("wounded", 400, "at_most", "NIS", "cumulative")],
        ),
        (
            "서방 당국자들은 사망·부상·실종을 모두 합친 북한군 손실을 5천 명으로 봤다.",
            [("casualties", 5000, "exact", "Western officials", "cumulative")],
        ),
        (
            "국정원은 북한이 병력 1만 명을 보내기로 했으며 이 가운데 2천 명이 이미 러시아로 옮겨졌다고 밝혔다.",
            [("deployed", 2000, "exact", "NIS", "cumulative")],
        ),
        (
            "젤렌스키 대통령은 북한군 사상자가 3천 명을 넘었다고 밝혔다. 합참이 내놓은 수치(1천여 명)의 세 배다.",
            [
                ("casualties", 3000, "more_than", "Ukraine", "cumulative"),
                ("casualties", 1000, "more_than", "South Korea", "cumulative"),
            ],
        ),
    ],
)
def test_korean_hedges_sources_and_clauses(text: str, expected: list[tuple[object, ...]]) -> None:
    assert read(text, "ko") == expected


def test_a_korean_total_including_the_day_and_a_part_of_the_total_before() -> None:
    including = (
        "총참모부는 침공 이후 러시아군 사상자가 전날 하루 1천 명을 포함해 95만 명으로 늘었다고 밝혔다."
    )
    assert ko_scoped(including, date(2025, 4, 20)) == [
        (1000, "Ukraine", "period", date(2025, 4, 19), date(2025, 4, 19)),
        (950000, "Ukraine", "cumulative", None, None),
    ]
    of_them = (
        "총참모부는 개전 이후 러시아군 손실을 약 100만 명으로 집계했다. "
        "총참모부는 이 가운데 1천100명이 최근 하루 동안 발생했다고 밝혔다."
    )
    assert ko_scoped(of_them, date(2025, 4, 20)) == [
        (1_000_000, "Ukraine", "cumulative", None, None),
        (1100, "Ukraine", "period", date(2025, 4, 19), date(2025, 4, 20)),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "북한군 사상자, 연말엔 2만 명 넘어서나",
        "러시아·북한 혼성 부대에서 최근 300명가량이 전사했다고 정보총국이 밝혔다.",
        "합참은 북한이 자주포 150여 문과 포탄 컨테이너 3만여 개를 러시아에 넘겼다고 밝혔다.",
        "북한은 파병 군인 1인당 월 2천 달러를 받는 것으로 알려졌다.",
        "국정원은 파병 북한군 가운데 1천여 명이 올해 초 귀국한 뒤 격리됐다고 보고했다.",
    ],
)
def test_korean_questions_combined_units_things_and_returnees_are_not_figures(text: str) -> None:
    assert read(text, "ko") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "젤렌스키 대통령은 쿠르스크에 북한군 1만1천 명이 와 있다고 밝혔다. "
            "지난주까지만 해도 우크라이나 국방정보총국은 쿠르스크로 이동한 북한군을 7천 명으로 봤다.",
            [("deployed", 11000, "exact", "Ukraine", "cumulative")],
        ),
        (
            "국정원은 북한군 사망자를 2천여 명으로 추산한다고 밝혔다. "
            "국정원이 지난 4월 말 정보위에 보고한 사망자는 600명 수준이었다.",
            [("killed", 2000, "more_than", "NIS", "cumulative")],
        ),
    ],
)
def test_korean_recollections_as_recently_as_and_in_the_past_tense(
    text: str, expected: list[tuple[object, ...]]
) -> None:
    assert read(text, "ko") == expected


@pytest.mark.parametrize(
    "text",
    [
        '국정원 "北 병력 연말까지 1만명 규모 될 듯"',
        "국정원은 북한군 1만 명가량이 투입될 것이라는 첩보가 있다고 밝혔다.",
        "국정원에 따르면 북한 폭풍군단은 10개 여단, 병력 4만 명 규모다.",
        '국정원 "북한, 3차 파병 5천명 중 공병 1천명 먼저 도착"',
        "북한 매체는 표창 수여식에서 전사자 90명의 초상화를 공개했다.",
    ],
)
def test_korean_forecasts_formations_batches_and_portraits_are_not_figures(text: str) -> None:
    assert read(text, "ko") == []


def test_a_korean_tally_as_topic_a_difference_and_a_comparison_with_another_source() -> None:
    tally = (
        "영국 국방부는 개전 이후 러시아군 사상자를 약 96만 명으로 추산했다. "
        "우크라이나 측 집계는 101만2천 명으로 영국 추정보다 5만 명가량 많다."
    )
    assert read(tally, "ko") == [
        ("russia_troops.casualties", 960000, "approx", "United Kingdom", "cumulative"),
        ("russia_troops.casualties", 1012000, "exact", "Ukraine", "cumulative"),
    ]
    compared = (
        "젤렌스키 대통령은 죽거나 다친 북한군이 3천 명을 넘었다고 밝혔다. "
        "이는 같은 날 합동참모본부가 밝힌 1천100여 명보다 훨씬 많은 수치다."
    )
    assert read(compared, "ko") == [
        ("casualties", 3000, "more_than", "Ukraine", "cumulative"),
        ("casualties", 1100, "more_than", "South Korea", "cumulative"),
    ]
    grown = "합참은 북한군 사상자를 약 4천 명으로 본다. 지난해 말 밝힌 1천100여 명보다 크게 늘었다."
    assert read(grown, "ko") == [("casualties", 4000, "approx", "South Korea", "cumulative")]


def test_each_part_of_a_korean_headline_has_its_own_speaker() -> None:
    quoted = FX.extract(
        "", title='젤렌스키 "북한군 1만2천명 쿠르스크 도착"…美 "약 9천명 러시아 체류"', language="ko"
    )
    assert [(f.value, f.attributed_to) for f in quoted] == [(12000, "Ukraine"), (9000, "United States")]
    named = FX.extract(
        "", title='영국 국방부 "러시아군 사상자 약 95만명"…우크라 집계는 101만명', language="ko"
    )
    assert [(f.value, f.attributed_to) for f in named] == [(950000, "United Kingdom"), (1010000, "Ukraine")]


def test_the_agent_of_a_korean_relative_clause_of_disclosure_owns_its_count() -> None:
    text = (
        '이성권 의원은 "국정원은 북한이 추모 행사에서 드러낸 전사자를 120명 정도로 보지만, '
        '실제 사망자는 1천여 명으로 추산했다"고 말했다.'
    )
    assert read(text, "ko") == [
        ("killed", 120, "approx", "North Korea", "cumulative"),
        ("killed", 1000, "more_than", "NIS", "cumulative"),
    ]
    outlets = "국정원은 외신이 300명 안팎으로 보도한 북한군 사망자 수보다 적게 잡았다고 설명했다."
    assert read(outlets, "ko") == [("killed", 300, "approx", None, "cumulative")]


def test_korean_native_numerals_count_people_only() -> None:
    captured = '젤렌스키 대통령은 "우리 군이 쿠르스크에서 북한 병사 세 명을 사로잡았다"고 밝혔다.'
    assert read(captured, "ko") == [("captured", 3, "exact", "Ukraine", "cumulative")]
    things = "합참은 북한이 두 차례에 걸쳐 러시아에 병력을 보냈으며 피해는 알려진 것의 세 배라고 밝혔다."
    assert read(things, "ko") == []


def test_korean_parts_milestones_and_a_period_in_the_next_clause() -> None:
    part = "우크라이나군에 생포된 북한군 2명 가운데 1명은 한국행을 원한다고 밝혔다."
    assert read(part, "ko") == [("captured", 2, "exact", None, "cumulative")]
    milestone = (
        "젤렌스키 대통령은 죽거나 다친 북한군이 3천200명이라고 밝혔다. "
        "우크라이나의 사상자 추정치가 3천 명 선을 넘은 것은 처음이다."
    )
    assert read(milestone, "ko") == [("casualties", 3200, "exact", "Ukraine", "cumulative")]
    next_clause = "합참은 북한군 약 4천 명이 죽거나 다쳤고, 1∼2월에 3천여 명이 증원됐다고 밝혔다."
    assert read(next_clause, "ko") == [("casualties", 4000, "approx", "South Korea", "cumulative")]


def test_korean_headline_agencies_in_hanja_and_a_round_mark_as_a_label() -> None:
    british = FX.extract("", title='英 국방부 "北軍 사상자 6천명 웃돌아"', language="ko")
    assert [(f.value, f.qualifier, f.attributed_to) for f in british] == [
        (6000, "more_than", "United Kingdom")
    ]
    assert read("[주간 전황] 러시아군 사상자 100만 시대", "ko") == []


def test_a_korean_range_with_counters_and_a_change_from_one_count_to_another() -> None:
    ranged = "현재 러시아에 머무는 북한군은 1만명에서 1만2000명 정도로 추정된다."
    found = FX.extract(ranged, language="ko")
    assert [(f.value, f.qualifier, f.value_low, f.value_high) for f in found] == [
        (11000, "range", 10000, 12000)
    ]
    changed = "국정원은 북한군 사상자가 300명에서 4천명으로 늘었다고 밝혔다."
    assert read(changed, "ko") == [("casualties", 4000, "exact", "NIS", "cumulative")]


def test_the_korean_verb_after_a_count_says_what_befell_it() -> None:
    text = "국정원은 다친 북한군 병사 1명이 우크라이나군에 붙잡힌 사실을 확인했다고 밝혔다."
    assert read(text, "ko") == [("captured", 1, "exact", "NIS", "cumulative")]


def test_korean_more_sent_after_the_count_and_a_past_week() -> None:
    more = "군 당국은 북한이 올해 러시아에 2천 명 이상을 더 보낸 것으로 본다. 이로써 파병 북한군은 모두 1만3천 명을 웃돌게 됐다."
    assert read(more, "ko") == [("deployed", 13000, "more_than", "South Korea", "cumulative")]
    week = "우크라이나 국방정보총국은 지난 일주일 동안 북한군 약 400명이 숨졌다고 밝혔다."
    assert ko_scoped(week, date(2025, 1, 20)) == [
        (400, "Ukraine", "period", date(2025, 1, 13), date(2025, 1, 20))
    ]


def test_korean_now_and_actually_before_a_count_and_a_quarter_in_a_gloss() -> None:
    now = '대통령실 관계자는 "러시아 내 북한군은 이제 1만 명 이상으로 늘었다"고 말했다.'
    assert read(now, "ko") == [("deployed", 10000, "more_than", "South Korea", "cumulative")]
    quarter = "영국 국방부는 올해 1분기(1~3월) 러시아군 사상자가 11만 명을 넘었다고 평가했다."
    assert ko_scoped(quarter, date(2025, 4, 10)) == [
        (110000, "United Kingdom", "period", date(2025, 1, 1), date(2025, 3, 31))
    ]


def test_korean_parts_across_sentences_and_a_forecast_about_other_units() -> None:
    plan = (
        "국정원은 북한이 병력 약 1만2천 명을 러시아에 보내기로 결정했다고 밝혔다. "
        "국정원에 따르면 이 가운데 1천500여 명이 먼저 블라디보스토크로 옮겨졌다."
    )
    assert read(plan, "ko") == [("deployed", 1500, "more_than", "NIS", "cumulative")]
    part = "국정원은 북한군 2명이 생포됐다고 확인했다. 국정원은 이 가운데 1명이 한국행을 원한다고 밝혔다."
    assert read(part, "ko") == [("captured", 2, "exact", "NIS", "cumulative")]
    forecast = "지난해 러시아에 1만2천 명가량을 보낸 것으로 알려진 북한이 포병 부대를 추가로 보낼 것이라는 관측도 나온다."
    assert read(forecast, "ko") == [("deployed", 12000, "approx", None, "cumulative")]


def test_korean_sum_labels_corrections_and_a_country_as_topic() -> None:
    table = (
        "러시아 파병 북한군 피해 추정치\n\n| 출처 | 항목 | 수치 |\n|---|---|---|\n"
        "| 국가정보원 | 사상자(사망+부상) | 4천700명 |\n| 합참 | 추가 병력 | 3천여 명 |"
    )
    assert read(table, "ko") == [("casualties", 4700, "exact", "NIS", "cumulative")]
    correction = (
        "바로잡습니다: 전날 기사에서 국정원이 보고한 북한군 사상자 수를 2천600명으로 잘못 적었습니다. "
        "국정원이 정보위에 보고한 수치는 4천700명이기에 바로잡습니다."
    )
    assert read(correction, "ko") == [("casualties", 4700, "exact", "NIS", "cumulative")]
    topic = "합참은 1천여 명, 우크라이나는 3천 명 이상 — 북한군 사상자 추정치가 엇갈린다."
    assert ("casualties", 3000, "more_than", "Ukraine", "cumulative") in read(topic, "ko")


def test_a_korean_headline_relaying_a_named_source_and_last_month_as_the_briefing_date() -> None:
    relay = FX.extract("", title='유용원 "우크라 정보총국, 北軍 전사 500여명 파악"', language="ko")
    assert [(f.value, f.attributed_to) for f in relay] == [(500, "Ukraine")]
    briefed = "◇2천여 명 = 국정원이 지난달 국회에 보고한 북한군 사망자 추정치다."
    assert [f[2] for f in ko_scoped(briefed, date(2025, 10, 8))] == ["cumulative"]


def test_a_korean_quote_alone_is_attributed_by_the_next_paragraph() -> None:
    text = (
        '"북한군 사상자는 벌써 3천 명에 이릅니다."\n'
        "젤렌스키 우크라이나 대통령은 9일(현지시간) 독일에서 열린 회의에서 동맹국 대표들에게 이렇게 말했다."
    )
    assert read(text, "ko") == [("casualties", 3000, "exact", "Ukraine", "cumulative")]


def test_korean_bulletin_paraphrases_totals_rates_and_ranges_of_digits() -> None:
    grew = "우크라이나 총참모부는 지난 24시간 동안 러시아군 사상자가 990명 늘어 총 30만5천90명이 됐다고 추산했다."
    assert ko_scoped(grew, date(2025, 4, 20)) == [
        (990, "Ukraine", "period", date(2025, 4, 19), date(2025, 4, 20)),
        (305090, "Ukraine", "cumulative", None, None),
    ]
    headline = FX.extract("", title='우크라 "러 사상자 하루 새 1천명 증가…총 31만5천명"', language="ko")
    assert [(f.value, f.attributed_to, f.scope) for f in headline] == [(315000, "Ukraine", "cumulative")]
    assert read("우크라이나는 7월 초 러시아군의 하루 사상자를 300~600명 정도로 봤다.", "ko") == []
    assert read("합참은 북한군 사상자가 4-5000명에 이른다고 밝혔다.", "ko") == [
        ("casualties", 4500, "range", "South Korea", "cumulative")
    ]


def test_a_bare_korean_month_bounds_losses_but_dates_a_briefing() -> None:
    losses = "영국 정보당국은 지난 2월 러시아군 2만9천 명이 죽거나 다친 것으로 분석했다."
    assert ko_scoped(losses, date(2025, 3, 5)) == [
        (29000, "United Kingdom", "period", date(2025, 2, 1), date(2025, 2, 28))
    ]
    briefing = "국정원은 지난 4월 정보위에 북한군 사상자가 4천700명이라고 보고했다."
    assert read(briefing, "ko") == [("casualties", 4700, "exact", "NIS", "cumulative")]
    compared = "국정원은 사상자를 4천700명으로 본다. 지난 1월 보고 때의 3천여 명과 비교하면 크게 늘었다."
    assert read(compared, "ko") == [("casualties", 4700, "exact", "NIS", "cumulative")]


def test_korean_unnamed_officials_and_unnamed_sources() -> None:
    chair = "신성범 국회 정보위원장은 브리핑에서 북한군 사상자가 3천 명을 넘어섰다고 말했다."
    assert read(chair, "ko") == [("casualties", 3000, "more_than", "NIS", "cumulative")]
    officials = "정부 소식통에 따르면 북한은 러시아에 1만2천여 명을 파병한 것으로 파악됐다."
    assert read(officials, "ko") == [("deployed", 12000, "more_than", "South Korea", "cumulative")]
    unnamed = "국정원은 북한군 사상자를 4천여 명으로 본다. 대북 소식통은 북한군 1만1천여 명이 러시아에 있다고 전했다."
    assert read(unnamed, "ko") == [
        ("casualties", 4000, "more_than", "NIS", "cumulative"),
        ("deployed", 11000, "more_than", None, "cumulative"),
    ]


# The later Korean corpora stay where the rules have brought them: dev3 and sequences3 were written by a separate
# helper from the conventions (first look F1 0.828, 6 false change events), dev4 by the rule writer.
KOREAN_FLOORS = {"dev3.jsonl": 0.95, "dev4.jsonl": 0.95, "sequences3.jsonl": 0.93}


@pytest.mark.parametrize("name", sorted(KOREAN_FLOORS))
def test_the_later_korean_corpora_stay_above_their_floors(name: str) -> None:
    scores = development_scores(CORPUS / "ko" / name)
    assert scores["f1"] >= KOREAN_FLOORS[name], (name, scores)
    assert scores["attribution"] >= 0.95, (name, scores)


def test_the_later_korean_sequences_make_few_false_revisions() -> None:
    report = evaluate(CORPUS / "ko" / "sequences3.jsonl")
    assert report.changes.f1 >= 0.9, report.summary()
    assert report.false_revisions <= 2, report.summary()


def test_a_korean_table_names_each_row_source_in_its_publisher_column() -> None:
    text = (
        "러시아 파병 북한군 피해 추정치\n\n| 발표 주체 | 발표일 | 구분 | 추정치 |\n|---|---|---|---|\n"
        "| 국정원 | 2025-01-13 | 사망 | 300여 명 |\n| 젤렌스키 대통령 | 2025-01-10 | 사상자 | 4천 명 |"
    )
    assert read(text, "ko") == [
        ("killed", 300, "more_than", "NIS", "cumulative"),
        ("casualties", 4000, "exact", "Ukraine", "cumulative"),
    ]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "По данным ГУР, в Курской области находятся около 9 тысяч военных КНДР.",
            "ru",
            ("deployed", 9000, "approx", "Ukraine"),
        ),
        (
            "Южнокорейская разведка сообщила, что погибли не менее 800 северокорейских солдат.",
            "ru",
            ("killed", 800, "at_least", "NIS"),
        ),
        (
            "Британская разведка считает, что раненых среди военных КНДР почти три тысячи.",
            "ru",
            ("wounded", 3000, "at_most", "United Kingdom"),
        ),
        (
            "Пентагон: потери российской армии превысили 900 тысяч человек убитыми и ранеными.",
            "ru",
            ("russia_troops.casualties", 900_000, "more_than", "United States"),
        ),
        (
            "За даними NIS, у полоні перебувають щонайменше троє північнокорейських військових.",
            "uk",
            ("captured", 3, "at_least", "NIS"),
        ),
        (
            "Генштаб ЗСУ повідомив, що втрати окупантів сягнули близько 1,1 млн осіб.",
            "uk",
            ("russia_troops.casualties", 1_100_000, "approx", "Ukraine"),
        ),
    ],
)
def test_russian_and_ukrainian_figures_with_inflection(
    text: str, language: str, expected: tuple[object, ...]
) -> None:
    assert read(text, language) == [(*expected, "cumulative")]


def test_a_source_named_in_the_next_sentence_speaks_for_the_one_before() -> None:
    text = "Около 700 северокорейских военных погибли в боях. Об этом сообщил депутат Пак Сон Вон."
    assert read(text, "ru") == [("killed", 700, "approx", "NIS", "cumulative")]


def test_a_quote_closed_by_its_speaker_is_attributed_to_him() -> None:
    text = "«Мы взяли в плен трех солдат КНДР. Все они ранены», — сообщил Зеленский."
    assert read(text, "ru") == [("captured", 3, "exact", "Ukraine", "cumulative")]


# Scope, bulletins, increments, recollections and negatives.


def test_the_general_staff_bulletin_gives_one_cumulative_figure() -> None:
    text = (
        "Загальні бойові втрати противника з 24.02.22 по 14.06.25 орієнтовно склали: особового складу — "
        "близько 1 002 600 (+1 230) осіб, танків — 10 940 (+3) од., артилерійських систем — 29 140 (+21) од."
    )
    assert read(text, "uk") == [("russia_troops.casualties", 1_002_600, "approx", "Ukraine", "cumulative")]


def test_daily_and_monthly_counts_are_period_figures_with_dates() -> None:
    found = FX.extract(
        "Генштаб ВСУ: за минувшие сутки российская армия потеряла 1100 военных, а за май — 36 000.",
        language="ru",
        published=date(2025, 6, 14),
    )
    assert [(f.value, f.scope, f.period_start, f.period_end) for f in found] == [
        (1100, "period", date(2025, 6, 13), date(2025, 6, 14)),
        (36000, "period", date(2025, 5, 1), date(2025, 5, 31)),
    ]
    korean = FX.extract(
        "영국 국방부는 지난달 러시아군 사상자가 4만 명을 넘었다고 밝혔다.",
        language="ko",
        published=date(2025, 6, 14),
    )
    assert [(f.value, f.scope, f.period_start, f.period_end) for f in korean] == [
        (40000, "period", date(2025, 5, 1), date(2025, 5, 31))
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("국정원은 북한이 올해 러시아에 2천 명을 추가로 보낸 것으로 보고 있다.", "ko"),
        ("국정원은 북한이 연말까지 1만 명을 더 보낼 것으로 전망했다.", "ko"),
        ("북한 노동자 1만 명이 러시아 건설 현장에 보내졌다.", "ko"),
        ("По данным НСР, КНДР дополнительно направила в Россию еще около 2 тысяч военных.", "ru"),
        ("Шойгу заявил, что КНДР направит в Курскую область пять тысяч строителей.", "ru"),
        ("Минобороны России заявило, что ВСУ за неделю потеряли 9 000 военнослужащих.", "ru"),
        ("На Покровському напрямку за тиждень окупанти втратили понад 2 000 осіб.", "uk"),
        ("Мінус ще 1 100 окупантів: Генштаб оновив дані про втрати ворога", "uk"),
        ("Чи перевищать втрати КНДР 8 тисяч до кінця року?", "uk"),
        ("Україна та Росія провели обмін полоненими: додому повернулися 200 захисників.", "uk"),
    ],
)
def test_plans_increments_other_sides_and_questions_are_not_figures(text: str, language: str) -> None:
    assert read(text, language) == []


def test_a_superseded_estimate_is_not_a_figure() -> None:
    text = "합참은 북한군 사상자를 약 5천 명으로 추산했다. 지난해 12월 1천여 명에서 크게 불어난 규모다."
    assert read(text, "ko") == [("casualties", 5000, "approx", "South Korea", "cumulative")]
    text = "Разведка Южной Кореи пересмотрела оценку: погибли около 2500 военных КНДР. Ранее НСР говорила о 900 погибших."
    assert read(text, "ru") == [("killed", 2500, "approx", "NIS", "cumulative")]


# The language a page is read in.

TOPIC = (Topic("north_korea", ("КНДР", "북한", "Північна Корея", "північнокорейських")),)
UKRAINIAN = (
    "Генштаб Збройних сил України повідомив, що північнокорейських військових на Курщині стає менше, "
    "а їхні втрати зростають. За оцінкою розвідки, частину підрозділів уже відвели з передової, "
    "проте нові групи прибувають щотижня. Аналітики вважають, що Пхеньян і надалі постачатиме людей."
)


def _page(body: str, lang: str | None) -> bytes:
    attr = f' lang="{lang}"' if lang else ""
    paragraphs = "".join(f"<p>{body}</p>" for _ in range(3))
    return f"<html{attr}><head><title>t</title></head><body><article>{paragraphs}</article></body></html>".encode()


@pytest.mark.parametrize(("lang", "expected"), [(None, "uk"), ("ua", "uk"), ("uk-UA", "uk"), ("kr", "ko")])
def test_pages_are_read_in_their_language(lang: str | None, expected: str) -> None:
    extracted = extract_page(_page(UKRAINIAN, lang), "https://example.org/a", topics=TOPIC)
    assert extracted.language == expected


def test_korean_text_without_a_declared_language_is_korean() -> None:
    body = (
        "국가정보원은 러시아에 파병된 북한군의 피해가 계속 늘고 있다고 국회에 보고했다. 정보위원회 간사들은 "
        "북한이 추가 파병을 준비하는 정황도 있다고 전했다. 전문가들은 북한이 실전 경험을 쌓고 있다고 본다. "
        "정부는 관련 동향을 면밀히 지켜보며 우방국과 정보를 공유하고 있다고 설명했다. 군 당국도 전선 상황과 "
        "병력 이동을 계속 추적하고 있으며, 필요하면 추가 조치를 검토하겠다는 입장을 밝혔다."
    )
    assert extract_page(_page(body, None), "https://example.org/b", topics=TOPIC).language == "ko"


# The development corpora stay where the rules have brought them.

FLOORS = {"ko": 0.92, "ru": 0.94, "uk": 0.96}
# The round-4 records (sources in every order and case, dash lists, elliptical sentences; ru and uk only).
DEV4_FLOOR = 0.95


@pytest.mark.parametrize("language", sorted(FLOORS))
def test_development_corpora_stay_above_their_floors(language: str) -> None:
    for name in ("dev.jsonl", "dev4.jsonl", "sequences.jsonl"):
        if not (CORPUS / language / name).exists():
            continue
        scores = development_scores(CORPUS / language / name)
        floor = {"dev.jsonl": FLOORS[language], "dev4.jsonl": DEV4_FLOOR}.get(name, 0.85)
        assert scores["f1"] >= floor, (language, name, scores)
        assert scores["attribution"] >= 0.9, (language, name, scores)


# Alerts and `newswatch figures` carry the quote in its own language; the series and the source stay English.


def _article(db, text: str, day: str, language: str, title: str) -> int:  # type: ignore[no-untyped-def]
    url = f"https://news.example/{language}/{day}"
    page = db.execute(
        "INSERT INTO newswatch.pages (canonical_url, url, status) VALUES (%s, %s, 'relevant') RETURNING id",
        (url, url),
    ).fetchone()[0]
    return int(
        db.execute(
            "INSERT INTO newswatch.articles (page_id, url, canonical_url, source, title, published_at, language,"
            " text, topics, content_hash, dedupe_status) VALUES (%s, %s, %s, 'Wire', %s, %s, %s, %s,"
            " ARRAY['north_korea'], md5(%s), 'original') RETURNING id",
            (page, url, url, title, date.fromisoformat(day), language, text, text),
        ).fetchone()[0]
    )


# Attribution classes: an office named with its country, the bare "president" of the Ukrainian press, the
# actor of a reported clause, a dash that attributes what precedes it, the genitive of the counted noun.


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        (
            "Речник уряду Японії заявив, що в Росії вже перебуває понад 14 тисяч військових КНДР.",
            "uk",
            "Japan",
        ),
        (
            "Посол США в НАТО заявил, что в России находятся более 14 тысяч военных КНДР.",
            "ru",
            "United States",
        ),
        (
            "Радник президента України сказав, що загинули щонайменше 500 північнокорейських солдатів.",
            "uk",
            "Ukraine",
        ),
        (
            "За словами президента, Північна Корея втратила близько 5 тисяч солдатів убитими та пораненими.",
            "uk",
            "Ukraine",
        ),
    ],
)
def test_an_office_named_with_its_country_speaks_for_it(text: str, language: str, source: str) -> None:
    assert [f[3] for f in read(text, language)] == [source]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Розвідка Південної Кореї повідомила, що українські військові взяли в полон трьох солдатів КНДР.",
            "uk",
        ),
        ("Разведка Южной Кореи сообщила, что украинские военные взяли в плен трех солдат КНДР.", "ru"),
    ],
)
def test_the_actor_of_a_reported_clause_is_not_the_speaker(text: str, language: str) -> None:
    assert read(text, language) == [("captured", 3, "exact", "NIS", "cumulative")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Загиблих серед північнокорейських вояків на боці Кремля вже близько 2 500 — так вважає південнокорейська розвідка.",
            "uk",
        ),
        (
            "Погибших среди северокорейских солдат на стороне Кремля уже около 2 500 — к такому выводу пришла южнокорейская разведка.",
            "ru",
        ),
    ],
)
def test_a_dash_then_a_speaker_attributes_what_precedes_it(text: str, language: str) -> None:
    assert read(text, language) == [("killed", 2500, "approx", "NIS", "cumulative")]


# Attribution, round 3: a source in any case (Ukrainian к/ц: "у розвідці"; "посадовець"), a country standing for
# its government ("Британії", "Сполучене Королівство"), an impersonal verb then a capital ("вважають у Сеулі"),
# and a quote signed with its speaker's name after a dash.


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        (
            "Близько 500 північнокорейських солдатів загинули, повідомили в південнокорейській розвідці.",
            "uk",
            "NIS",
        ),
        ("Американський посадовець заявив, що втрати росії сягнули 900 тисяч.", "uk", "United States"),
        (
            "За оцінками Британії, приблизно 700 тисяч російських військових вбиті або поранені.",
            "uk",
            "United Kingdom",
        ),
        ("Сполучене Королівство вважає, що втрати КНДР становлять понад 5000 осіб.", "uk", "United Kingdom"),
        ("Соединённое Королевство считает, что потери КНДР превысили 5000 человек.", "ru", "United Kingdom"),
        ("По оценкам Британии, около 700 тысяч российских военных убиты или ранены.", "ru", "United Kingdom"),
        (
            "Близько 3 тисяч північнокорейських військових загинули на Курщині, кажуть у Києві.",
            "uk",
            "Ukraine",
        ),
        (
            "Около 3 тысяч северокорейских военных погибли в Курской области, считают в Сеуле.",
            "ru",
            "South Korea",
        ),
    ],
)
def test_a_source_in_any_case_or_a_country_as_speaker(text: str, language: str, source: str) -> None:
    assert [f[3] for f in read(text, language)] == [source]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ми взяли в полон трьох солдатів КНДР. Усіх доправили до Києва, — Зеленський.", "uk"),
        ("Мы взяли в плен трех солдат КНДР. Всех доставили в Киев, — Зеленский.", "ru"),
    ],
)
def test_a_quote_signed_after_a_dash_speaks_for_the_sentence_before(text: str, language: str) -> None:
    assert read(text, language) == [("captured", 3, "exact", "Ukraine", "cumulative")]


def test_a_location_after_a_figure_is_not_a_speaker() -> None:
    # "у Києві" where the prisoners are is no speech: only an impersonal speech verb makes the capital speak.
    text = "Двоє полонених північнокорейських солдатів зараз перебувають у Києві."
    assert [f[3] for f in read(text, "uk")] == [None]


# Round 3 recall and scope: soldiers named by their arm ("піхотинців", "десантников") and training on Russian
# ranges as presence; a source set off by commas between a period and its count; "з 14 до 20 листопада".


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "На полігонах росії зараз проходять підготовку близько 9 тисяч північнокорейських піхотинців, заявив Буданов.",
            "uk",
        ),
        (
            "На полигонах России сейчас проходят подготовку около 9 тысяч северокорейских десантников, заявил Буданов.",
            "ru",
        ),
    ],
)
def test_soldiers_named_by_their_arm_training_in_russia_are_deployed(text: str, language: str) -> None:
    assert read(text, language) == [("deployed", 9000, "approx", "Ukraine", "cumulative")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("У вересні росіяни втратили, за даними Генштабу, понад 38 тисяч військових.", "uk"),
        ("З 2 до 8 вересня росіяни втратили, як повідомив Генштаб, 7 950 військових.", "uk"),
        ("С 2 по 8 сентября россияне потеряли, по данным Генштаба ВСУ, 7 950 военных.", "ru"),
    ],
)
def test_a_source_set_off_by_commas_does_not_cut_a_count_from_its_period(text: str, language: str) -> None:
    assert [f[3:] for f in read(text, language, date(2025, 10, 2))] == [("Ukraine", "period")]


# A month as the sentence's subject ("Листопад коштував ...") bounds the count; "the heaviest since the invasion
# began" measures a record, it does not make the count a running total.


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Березень 2025-го коштував окупантам приблизно 39 тисяч убитих і поранених, підрахувала британська розвідка.",
            "uk",
        ),
        (
            "Март 2025 года обошёлся оккупантам примерно в 39 тысяч убитых и раненых, подсчитала британская разведка.",
            "ru",
        ),
        (
            "У березні окупанти зазнали найбільших втрат від початку вторгнення — 39 тисяч, повідомила британська розвідка.",
            "uk",
        ),
        (
            "В марте оккупанты потеряли 39 тысяч военных — это рекорд с начала вторжения, сообщила британская разведка.",
            "ru",
        ),
    ],
)
def test_a_month_as_subject_or_a_record_since_the_invasion_is_a_period_count(
    text: str, language: str
) -> None:
    found = FX.extract(text, language=language, published=date(2025, 4, 3))
    assert [(f.value, f.attributed_to, f.scope, f.period_start, f.period_end) for f in found] == [
        (39000, "United Kingdom", "period", date(2025, 3, 1), date(2025, 3, 31))
    ]


def test_losses_since_the_invasion_began_are_still_a_running_total() -> None:
    text = "Від початку вторгнення окупанти втратили понад 900 тисяч військових, повідомив Генштаб."
    assert [f[4] for f in read(text, "uk")] == ["cumulative"]


# Killed and wounded together in verbs ("загинули або були поранені", "уничтожено и ранено", "ліквідовано й
# поранено") are casualties; "зазнали поранень" alone is wounded.


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Близько 5,2 тисячі північнокорейських солдатів загинули або були поранені, повідомила розвідка Південної Кореї.",
            "uk",
        ),
        ("За даними ГУР, на Курщині ліквідовано й поранено близько 5,2 тисячі військових КНДР.", "uk"),
        ("По данным ГУР, в Курской области уничтожено и ранено около 5,2 тысячи военных КНДР.", "ru"),
    ],
)
def test_killed_and_wounded_verbs_together_are_casualties(text: str, language: str) -> None:
    assert [f[:3] for f in read(text, language)] == [("casualties", 5200, "approx")]


def test_suffered_wounds_is_wounded() -> None:
    text = "Понад 200 північнокорейських військових загинули, а близько 900 зазнали поранень, заявив Буданов."
    assert [f[:2] for f in read(text, "uk")] == [("killed", 200), ("wounded", 900)]


# Increments: an adverb a few words before the count ("дополнительно направил в Россию около"), a batch
# ("первая партия — примерно ...").


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("По данным НСР, весной Пхеньян дополнительно направил в Россию около 2 тысяч военных.", "ru"),
        ("За даними NIS, навесні Пхеньян додатково направив до росії близько 2 тисяч військових.", "uk"),
        ("КНДР пообещала новый контингент; первая партия — примерно 1500 военных.", "ru"),
        ("КНДР пообіцяла новий контингент; перша партія — приблизно 1500 військових.", "uk"),
    ],
)
def test_increments_and_batches_are_not_totals(text: str, language: str) -> None:
    assert read(text, language) == []


# Precision classes: the first day or age of a span, shares and per-unit rates, recollections dated by a season or a
# month, specialist contingents sent on top of the force.


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("З 3 по 9 березня окупанти втратили 8 120 військових, повідомив Генштаб ЗСУ.", "uk"),
        ("С 3 по 9 марта оккупанты потеряли 8 120 военных, сообщил Генштаб ВСУ.", "ru"),
    ],
)
def test_the_first_day_of_a_span_is_not_a_count(text: str, language: str) -> None:
    assert [f[1] for f in read(text, language)] == [8120]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("За оцінкою ГУР, загинули четверо північнокорейських солдатів із кожних десяти, що воювали.", "uk"),
        ("По оценке ГУР, погибают четверо северокорейских солдат из каждых десяти на передовой.", "ru"),
        ("На кожен кілометр просування, за даними ISW, припадає понад 90 убитих і поранених росіян.", "uk"),
        (
            "На каждый километр продвижения, по данным ISW, приходится более 90 убитых и раненых россиян.",
            "ru",
        ),
        ("Восени розвідка Південної Кореї говорила про щонайменше 400 загиблих північнокорейців.", "uk"),
        ("Осенью разведка Южной Кореи говорила о как минимум 400 погибших северокорейцах.", "ru"),
        ("За даними NIS, близько 2 тисяч північнокорейських саперів уже прибули на Курщину.", "uk"),
        ("По данным НСР, около 2 тысяч северокорейских саперов уже прибыли в Курскую область.", "ru"),
    ],
)
def test_shares_rates_recollections_and_specialist_batches_are_not_figures(text: str, language: str) -> None:
    assert read(text, language) == []


def test_specialists_killed_are_still_counted() -> None:
    text = "Пхеньян визнав загибель дев'яти саперів, які розміновували Курщину."
    assert [f[:2] for f in read(text, "uk")] == [("killed", 9)]


# Morphology (the `morph` extra, in the dev group): nouns no lexicon lists.

MORPH = FigureExtractor(morphology=("ru", "uk"))
ENDINGS = FigureExtractor(morphology="off")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("По оценке ГУР, в боях за Курскую область погибли около 400 северокорейских минометчиков.", "ru"),
        ("За даними ГУР, у боях на Курщині загинули близько 400 північнокорейських мінометників.", "uk"),
    ],
)
def test_an_unlisted_people_noun_is_counted_with_the_analyser(text: str, language: str) -> None:
    # The endings read "-цев"/"-ців" as a plural thing and drop the figure; the analyser knows an animate noun.
    assert [(f.series, f.value) for f in MORPH.extract(text, language=language)] == [
        ("dprk_troops_russia.killed", 400)
    ]
    assert ENDINGS.extract(text, language=language) == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Генштаб ВСУ сообщил, что северокорейские военные потеряли 300 окопов и блиндажей.", "ru"),
        ("Генштаб ЗСУ повідомив, що північнокорейські військові втратили 300 окопів і бліндажів.", "uk"),
    ],
)
def test_an_unlisted_thing_noun_is_not_counted_with_the_analyser(text: str, language: str) -> None:
    assert MORPH.extract(text, language=language) == []


def test_morphology_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    from newswatch.figures import morph

    assert morph.parse_languages("off") == frozenset()
    assert morph.parse_languages("ru, uk") == {"ru", "uk"}
    assert morph.parse_languages("auto") == {"ru", "uk"}  # the dev group installs the extra
    with pytest.raises(ValueError, match="not supported"):
        morph.parse_languages("ko")
    monkeypatch.setenv(morph.ENV, "off")
    assert FigureExtractor(morphology="ru").morphology == frozenset()  # the environment wins
    monkeypatch.setenv(morph.ENV, "uk")
    assert FigureExtractor().morphology == {"uk"}


def test_alerts_and_the_figures_command_keep_the_quote_in_its_language(db, database_url, capsys, monkeypatch):  # type: ignore[no-untyped-def]
    from newswatch.alerts.changes import queue_change_alerts
    from newswatch.alerts.outbox import send_pending
    from newswatch.cli import main
    from newswatch.figures.stage import changes_stage, figures_stage
    from tests.smtpserver import SMTPServer
    from tests.test_alerts import alert_config, parts

    korean = "국정원은 러시아에 파병된 북한군 사상자가 3천여 명에 이른다고 밝혔다."
    russian = (
        "По данным Генштаба ВСУ, потери российской армии превысили 950 тысяч человек убитыми и ранеными."
    )
    _article(db, korean, "2025-01-13", "ko", "국정원 보고")
    _article(db, russian, "2025-04-20", "ru", "Генштаб ВСУ")
    with SMTPServer() as smtp:
        config = alert_config(smtp.port)
        figures_stage(db, FigureExtractor())
        changes_stage(db, 0.0, lambda conn, ids: queue_change_alerts(conn, config, ids))
        assert send_pending(db, config).sent == 2
        messages = {m["Subject"]: m for m in smtp.mailbox.messages}

    subjects = sorted(messages)
    assert any("NK troops in Russia, casualties: more than 3,000 (NIS)" in s for s in subjects), subjects
    assert any("Russian troops, casualties: more than 950,000 (Ukraine)" in s for s in subjects), subjects
    for subject, msg in messages.items():
        found = parts(msg)
        text = found["text/plain"].get_content()  # type: ignore[attr-defined]
        html = found["text/html"].get_content()  # type: ignore[attr-defined]
        quote = korean if "NK troops" in subject else russian
        assert quote in text and quote in html
        assert found["image/png"].get_content()[:8] == b"\x89PNG\r\n\x1a\n"  # type: ignore[attr-defined]

    monkeypatch.setenv("NEWSWATCH_DATABASE_URL", database_url)
    assert main(["figures"]) == 0
    printed = capsys.readouterr().out
    assert korean in printed and russian in printed
    assert "dprk_troops_russia.casualties" in printed and "NIS" in printed and "Ukraine" in printed


# Sources in every order and case (slavic.state_bodies), the next sentence that says who published the claim,
# dash lists, elliptical sentences, "знищили N окупантів", spans and multi-year periods, people who are not
# the force.


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        (
            "Розвідувальне агентство Південної Кореї повідомило, що загинули близько 300 військових КНДР.",
            "uk",
            "NIS",
        ),
        (
            "За оцінкою українських спецслужб, на Курщині перебувають близько 12 тисяч військових КНДР.",
            "uk",
            "Ukraine",
        ),
        ("За даними західних розвідок, загинули близько 300 військових КНДР.", "uk", "Western officials"),
        ("Японський уряд вважає, що загинули близько 300 військових КНДР.", "uk", "Japan"),
        (
            "Американские разведывательные службы считают, что погибли около 300 военных КНДР.",
            "ru",
            "United States",
        ),
        ("По оценкам разведывательного агентства Южной Кореи, погибли около 300 военных КНДР.", "ru", "NIS"),
        (
            "Парламентский комитет Южной Кореи по разведке сообщил, что погибли не менее 300 военных КНДР.",
            "ru",
            "NIS",
        ),
        (
            "Центральное телеграфное агентство Кореи сообщило, что погибли около 300 военных КНДР.",
            "ru",
            "North Korea",
        ),
    ],
)
def test_a_government_body_named_with_its_country_in_either_order(
    text: str, language: str, source: str
) -> None:
    assert [f[3] for f in read(text, language)] == [source]


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        (
            "Війська КНДР утратили близько 3 тисяч осіб убитими та пораненими. Відповідні дані оприлюднило "
            "Міноборони Великої Британії.",
            "uk",
            "United Kingdom",
        ),
        (
            "Погибли около 300 военных КНДР. Информацию об этом обнародовала Национальная служба разведки.",
            "ru",
            "NIS",
        ),
    ],
)
def test_a_next_sentence_naming_who_published_the_claim_attributes_it(
    text: str, language: str, source: str
) -> None:
    assert [f[3] for f in read(text, language)] == [source]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Загиблих — близько 200, поранених — понад 1 500, повідомила розвідка Південної Кореї.", "uk"),
        ("Погибших — около 200, раненых — более 1 500, сообщила разведка Южной Кореи.", "ru"),
    ],
)
def test_each_label_of_a_dash_list_counts_its_own_number(text: str, language: str) -> None:
    assert [(f[0], f[1]) for f in read(text, language)] == [("killed", 200), ("wounded", 1500)]


def test_an_elliptical_sentence_counts_what_the_sentence_before_counted() -> None:
    text = "Скільки військових КНДР загинуло? За даними NIS — близько 400, за даними ГУР — понад тисячу."
    assert read(text, "uk") == [
        ("killed", 400, "approx", "NIS", "cumulative"),
        ("killed", 1000, "more_than", "Ukraine", "cumulative"),
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("З початку року українські захисники знищили понад 250 тисяч окупантів, повідомив Генштаб.", "uk"),
        ("С начала года ВСУ уничтожили более 250 тысяч оккупантов, сообщил Генштаб.", "ru"),
    ],
)
def test_destroying_the_invaders_is_their_personnel_losses(text: str, language: str) -> None:
    assert read(text, language) == [("russia_troops.casualties", 250000, "more_than", "Ukraine", "period")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Українські військові знищили 1 100 окупантів за минулу добу, повідомив Генштаб.", "uk"),
        (
            "За 2023–2024 роки російська армія втратила понад 600 тисяч військових, повідомили в Генштабі.",
            "uk",
        ),
        (
            "В 2024 и 2025 годах российская армия потеряла более 600 тысяч военных, сообщили в Генштабе ВСУ.",
            "ru",
        ),
    ],
)
def test_spans_and_runs_of_years_bound_a_count(text: str, language: str) -> None:
    assert [f[4] for f in read(text, language)] == ["period"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "У грудні близько 1,2 тис. північнокорейських військових повернулися на батьківщину, але їх можуть знову "
            "відправити до росії.",
            "uk",
        ),
        (
            "В январе около 1,2 тыс. северокорейских военных вернулись на родину, но их могут вновь отправить в Россию.",
            "ru",
        ),
        ("На пике в России одновременно находились более 20 тысяч северокорейских рабочих.", "ru"),
        ("ЦТАК сообщило, что на церемонии присутствовали более 1500 военных и членов семей погибших.", "ru"),
        ("Росія і КНДР разом тримають біля кордону угруповання приблизно в 40 тисяч військових.", "uk"),
        ("В Пхеньяне заявили, что войска направлены согласно статье 4 договора.", "ru"),
    ],
)
def test_returnees_workers_audiences_joint_forces_and_treaty_articles_are_not_figures(
    text: str, language: str
) -> None:
    assert read(text, language) == []


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Втрати окупантів перевищили пів мільйона.", "uk", [500000]),
        ("Втрати сягнули мільйона з лишком.", "uk", [1000000]),
        ("Потери приблизились к миллиону.", "ru", [1000000]),
        ("Число погибших выросло до примерно 2000.", "ru", [2000]),
        ("У 2000 році", "uk", []),
    ],
)
def test_lone_scales_and_hedged_year_like_counts(text: str, language: str, expected: list[float]) -> None:
    assert values(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Національна служба розвідки Південної Кореї оновила оцінки. Розвідка також підтвердила, що українські "
            "військові взяли в полон трьох солдатів КНДР.",
            "uk",
        ),
        (
            "Национальная служба разведки Южной Кореи обновила оценки. Разведка также подтвердила, что украинские "
            "военные взяли в плен трёх солдат КНДР.",
            "ru",
        ),
    ],
)
def test_an_agency_named_by_its_kind_speaks_for_the_one_named_before(text: str, language: str) -> None:
    assert [(f[0], f[1], f[3]) for f in read(text, language)] == [("captured", 3, "NIS")]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # June and July are months: "12 июня" is a date, and the pronoun stands for the losses named before
        (
            "Потери армии России перевалили за миллион: по данным Генштаба ВСУ на 12 июня, они составляют около "
            "1 000 500 человек.",
            "ru",
            [
                ("russia_troops.casualties", 1000000, "more_than", "Ukraine"),
                ("russia_troops.casualties", 1000500, "approx", "Ukraine"),
            ],
        ),
        # a relative clause after the count names whose soldiers they are
        (
            "Западные чиновники считают, что из примерно 12 тысяч военных, которых КНДР отправила в Россию, около "
            "5 тысяч выбыли из строя.",
            "ru",
            [
                ("deployed", 12000, "approx", "Western officials"),
                ("casualties", 5000, "approx", "Western officials"),
            ],
        ),
        # a plan after a contrast belongs to the later count only
        (
            "Південнокорейська розвідка вважає, що до кінця року Пхеньян може відправити до росії 10 тисяч військових, "
            "а вже відправив 4 тисячі.",
            "uk",
            [("deployed", 4000, "exact", "NIS")],
        ),
        # a pronoun speaker: the one named before, not the actors of the reported clause
        (
            "Директор НСР выступил с закрытым докладом. Он заявил, что украинские военные взяли в плен трёх "
            "солдат КНДР.",
            "ru",
            [("captured", 3, "exact", "NIS")],
        ),
    ],
)
def test_months_pronouns_relative_clauses_and_contrasts(
    text: str, language: str, expected: list[tuple[object, ...]]
) -> None:
    assert [f[:4] for f in read(text, language)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Таку оцінку НІС озвучила депутатам: загиблих — близько 300 військових КНДР.",
        "За даними НРС, у боях загинули близько 300 військових КНДР.",
    ],
)
def test_ukrainian_outlets_name_the_nis_by_its_cyrillic_initials(text: str) -> None:
    found = FigureExtractor().extract(text, language="uk")
    assert [(f.series, f.value, f.attributed_to) for f in found] == [
        ("dprk_troops_russia.killed", 300, "NIS")
    ]


@pytest.mark.parametrize(
    "text",
    [
        # two years, each with its ordinal ending
        "«За 2023-й і 2024-й ворог утратив понад 700 тисяч особового складу», — сказав головком.",
        # two years after "за два роки —"
        "«За два роки — 2023 та 2024 — втрати ворога склали понад 700 000 особового складу», — сказав головком.",
        # the first week of fighting
        "У перший тиждень боїв північнокорейці втратили щонайменше 150 осіб убитими й пораненими, заявили в ССО.",
        # one engagement
        "За даними ГУР, в одному лише бою загинули понад 40 північнокорейців.",
        # a range of days is never the date of the statement
        "За даними ГУР, 9–10 січня щонайменше 40 військових КНДР було вбито або поранено.",
        # a mission: during the demining
        "Під час розмінування загинули дев'ятеро військових КНДР, визнали в Пхеньяні.",
    ],
)
def test_ukrainian_spans_of_years_days_and_engagements_bound_a_count(text: str) -> None:
    found = FigureExtractor().extract(text, language="uk", published=date(2025, 1, 20))
    assert found, text
    assert {f.scope for f in found} == {"period"}, [(f.value, f.scope) for f in found]


def test_a_korean_table_column_that_names_the_sending_keeps_the_headcount_under_a_losses_heading() -> None:
    table = (
        "러시아 파병 북한군 규모와 피해, 기관별 추정\n\n| 출처 | 배치 병력 | 사상자 |\n|---|---|---|\n"
        "| 합참 | 1만1천여 명 | 약 4천 명 |\n| 미 국방부 | 1만2천명 | - |"
    )
    assert read(table, "ko") == [
        ("deployed", 11000, "more_than", "South Korea", "cumulative"),
        ("casualties", 4000, "approx", "South Korea", "cumulative"),
        ("deployed", 12000, "exact", "United States", "cumulative"),
    ]
    monthly = (
        "러시아군 손실 추정\n\n| 출처 | 기준 | 구분 | 수치 |\n|---|---|---|---|\n"
        "| 영국 국방부 | 2025-03 | 사상자(월간) | 약 4만명 |\n| 우크라이나군 총참모부 | 2025-03-31 | 사상자(누적) | 91만명 |"
    )
    assert [f[4] for f in read(monthly, "ko")] == ["period", "cumulative"]


def test_korean_respective_counts_and_verbs_of_exceeding_in_their_contracted_forms() -> None:
    pair = "합참은 북한군 전사자와 부상자 수가 각각 200여 명, 1천500명이라고 밝혔다."
    assert read(pair, "ko") == [
        ("killed", 200, "more_than", "South Korea", "cumulative"),
        ("wounded", 1500, "exact", "South Korea", "cumulative"),
    ]
    order = "우크라이나 정보총국은 북한군 포로와 부상자를 각각 2명, 1천여 명으로 파악했다."
    assert [f[0] for f in read(order, "ko")] == ["captured", "wounded"]
    above = (
        "국정원은 북한군 사상자가 3천 명을 웃돈다고 봤다. 미 국방부는 사상자가 1천 명을 상회한다고 밝혔다."
    )
    assert [f[2] for f in read(above, "ko")] == ["more_than", "more_than"]
    below = "합참은 북한군 사상자가 4천 명을 밑돈다고 밝혔다."
    assert read(below, "ko") == [("casualties", 4000, "less_than", "South Korea", "cumulative")]


def test_a_korean_earlier_claim_stands_unless_the_same_source_gives_a_newer_one() -> None:
    # told as given before, with nothing newer from that source in the text: its latest known estimate
    alone = "영국 국방부는 지난 3월 북한군 사상자가 5천 명을 넘었다고 밝힌 바 있다."
    assert read(alone, "ko") == [("casualties", 5000, "more_than", "United Kingdom", "cumulative")]
    stood = "우크라이나 총참모부가 같은 날 내놓은 러시아군 누적 손실 집계는 90만여 명이었다."
    assert read(stood, "ko") == [("russia_troops.casualties", 900000, "more_than", "Ukraine", "cumulative")]
    compared = "이는 합참이 지난 3월 발표한 사상자 4천 명보다 많은 수치다."
    assert read(compared, "ko") == [("casualties", 4000, "exact", "South Korea", "cumulative")]
    # a newer value from the same source supersedes it, in the same sentence or the next
    newer = (
        '합참은 "지난 1월 보고한 사상자는 2천 명 수준이었지만 지금은 4천여 명으로 본다"고 밝혔다. '
        "합참은 지난달 5일에는 사망 500명, 부상 1천500명으로 집계했었다."
    )
    assert read(newer, "ko") == [("casualties", 4000, "more_than", "South Korea", "cumulative")]
    overturned = (
        "젤렌스키 대통령은 사상자를 3천 명으로 밝힌 바 있는데, 이후 우크라이나 당국이 이를 올려 잡았다."
    )
    assert read(overturned, "ko") == []
    initial = "국정원은 사상자를 4천700명으로 본다. 국정원이 처음 피해 규모를 내놓은 지난해 12월에는 1천100여 명이었다."
    assert read(initial, "ko") == [("casualties", 4700, "exact", "NIS", "cumulative")]


def test_korean_troops_placed_by_what_they_do_there_are_the_headcount() -> None:
    fought = "영국 국방부는 쿠르스크에서 싸운 북한군 1만2천 명 가운데 절반가량이 죽거나 다쳤다고 밝혔다."
    assert read(fought, "ko") == [("deployed", 12000, "exact", "United Kingdom", "cumulative")]
    training = "미 국무부는 북한군 1만여 명이 러시아 극동에서 훈련 중이라고 밝혔다."
    assert read(training, "ko") == [("deployed", 10000, "more_than", "United States", "cumulative")]
    headline = FX.extract("", title='합참 "北軍 4천명 사상…현지엔 1만명 남아"', language="ko")
    assert [(f.series.rsplit(".", 1)[1], f.value) for f in headline] == [
        ("casualties", 4000),
        ("deployed", 10000),
    ]


def test_a_korean_headline_disclosure_without_particles_belongs_to_the_discloser() -> None:
    headline = FX.extract("", title='국정원 "北軍 전사 1천여명 추산…北 공개 300명의 3배"', language="ko")
    assert [(f.value, f.attributed_to) for f in headline] == [(1000, "NIS"), (300, "North Korea")]


def test_korean_stretches_units_and_losses_told_as_killed_or_wounded_or_sacrificed() -> None:
    day = "총참모부는 지난 하루 동안 러시아군 1천50명이 사망하거나 다쳤다고 밝혔다."
    assert ko_scoped(day, date(2025, 3, 2)) == [
        (1050, "Ukraine", "period", date(2025, 3, 1), date(2025, 3, 2))
    ]
    special = "우크라이나 특수작전군은 쿠르스크에서 북한군 15명을 사살했다고 밝혔다."
    assert read(special, "ko") == [("killed", 15, "exact", "Ukraine", "cumulative")]
    months = "북한 매체는 공병연대가 넉 달 동안 지뢰를 제거하다 6명이 희생됐다고 보도했다."
    assert read(months, "ko") == [("killed", 6, "exact", "North Korea", "period")]
    unit = "우크라이나군은 북한군 한 중대에서만 병사 20여 명이 숨졌다고 밝혔다."
    assert read(unit, "ko") == [("killed", 20, "more_than", "Ukraine", "period")]
    # the stretch since the sending is the whole deployment; a named month span keeps its dates
    since = "국정원은 파병 이후 석 달 동안 북한군 1천여 명이 숨졌다고 밝혔다."
    assert [f[4] for f in read(since, "ko")] == ["cumulative"]
    caught = "우크라이나 특수작전군은 북한 병사 1명을 붙잡았으나 이 병사는 이튿날 숨졌다고 밝혔다."
    assert read(caught, "ko") == []


def test_a_korean_correction_gives_the_right_value_only() -> None:
    fixed = (
        "[정정] 3일 자 '합참 \"北軍 사상자 4천명\"' 기사에서 합참이 밝힌 북한군 사망자 수를 '1천200명'으로 "
        "적었으나 '1천100명'이 맞기에 바로잡습니다."
    )
    assert read(fixed, "ko") == [("killed", 1100, "exact", "South Korea", "cumulative")]
    reported = "서방 당국자들은 숨진 북한군이 약 1천 명으로 추정된다고 보도했다."
    assert [f[1] for f in read(reported, "ko")] == [1000]


def test_korean_sources_other_governments_relayed_counts_and_the_outlets_own_reckoning() -> None:
    japan = "일본 방위상은 러시아에 있는 북한군이 1만 명을 넘는다고 말했다."
    assert read(japan, "ko") == [("deployed", 10000, "more_than", "Japan", "cumulative")]
    relayed = (
        "우크라이나 정보총국이 집계한 3월 1일 기준 북한군 전사자는 500여 명, 부상자는 2천여 명이라고 유용원 의원이 전했다. "
        "부상자 가운데 200여 명은 치료를 마친 뒤 원대 복귀했다고 한다."
    )
    assert read(relayed, "ko") == [
        ("killed", 500, "more_than", "Ukraine", "cumulative"),
        ("wounded", 2000, "more_than", "Ukraine", "cumulative"),
    ]
    own = "커비 조정관은 북한군 사상자가 1천 명을 넘었다고 말했다. 러시아에 있는 북한군은 1만2천여 명으로 추산된다."
    assert read(own, "ko") == [
        ("casualties", 1000, "more_than", "United States", "cumulative"),
        ("deployed", 12000, "more_than", None, "cumulative"),
    ]
    briefed = "국정원은 북한군 4천700명이 죽거나 다쳤다고 보고했다. 사망자는 약 600명으로 추산됐다."
    assert [f[3] for f in read(briefed, "ko")] == ["NIS", "NIS"]


def test_korean_plans_named_before_the_count_and_a_batch_told_by_when_it_went() -> None:
    planned = "국정원은 북한이 러시아에 파견하기로 한 공병 1천 명의 동향을 주시하고 있다고 밝혔다."
    assert read(planned, "ko") == []
    scheduled = "합참은 북한이 보낼 예정인 병력 3천 명이 아직 출발하지 않았다고 밝혔다."
    assert read(scheduled, "ko") == []
    batch = "국정원은 생포된 2명이 폭풍군단 병력 3천여 명이 파견될 때 함께 건너갔다고 밝혔다."
    assert read(batch, "ko") == [("captured", 2, "exact", "NIS", "cumulative")]


# Attribution, round 4: classes catalogued from how real Ukrainian and Russian reporting names its sources
# (sentences written for these tests).


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Законодавці Південної Кореї з посиланням на розвідувальне відомство повідомили, що КНДР відправила"
            " близько 15 тисяч солдатів.",
            "uk",
        ),
        ("КНДР відправила близько 15 тисяч солдатів, сказав депутат після закритого брифінгу.", "uk"),
        (
            "Депутаты, получившие брифинг спецслужб, рассказали, что КНДР направила около 15 тысяч военных.",
            "ru",
        ),
        ("КНДР направила около 15 тысяч военных, сообщил депутат, ссылаясь на сведения разведки.", "ru"),
    ],
)
def test_a_lawmaker_citing_unnamed_intelligence_relays_the_nis(text: str, language: str) -> None:
    assert read(text, language) == [("deployed", 15000, "approx", "NIS", "cumulative")]


def test_a_lawmaker_with_no_tie_to_intelligence_speaks_for_south_korea() -> None:
    text = "Депутат парламента Южной Кореи заявил, что КНДР направила около 15 тысяч военных."
    assert read(text, "ru") == [("deployed", 15000, "approx", "South Korea", "cumulative")]


@pytest.mark.parametrize(
    ("title", "language", "source"),
    [
        ("Близько 600 північнокорейців загинули на війні, - Сеул", "uk", "South Korea"),
        ("Близько 600 північнокорейців загинули на війні, — ГУР", "uk", "Ukraine"),
        ("Около 600 северокорейцев погибли в войне, - Сеул", "ru", "South Korea"),
    ],
)
def test_a_headline_source_after_a_comma_and_a_dash(title: str, language: str, source: str) -> None:
    found = FX.extract("Про це пише Reuters.", title=title, language=language)
    assert [(f.value, f.attributed_to) for f in found] == [(600, source)]


@pytest.mark.parametrize(
    "text",
    [
        "За словами головнокомандувача, втрати росіян за рік склали понад 850 000 осіб.",
        "Втрати росіян за рік склали понад 850 000 осіб, розповів очільник Міноборони.",
        "Міністр оборони заявив, що втрати росіян за рік склали понад 850 000 осіб.",
    ],
)
def test_the_unnamed_ukrainian_commander_and_defence_ministry_are_ukraines(text: str) -> None:
    assert read(text, "uk") == [("russia_troops.casualties", 850000, "more_than", "Ukraine", "cumulative")]


def test_a_defence_minister_named_with_another_country_is_that_countrys() -> None:
    text = "Міністр оборони Південної Кореї заявив, що КНДР відправила близько 11 тисяч військових."
    assert [f[3] for f in read(text, "uk")] == ["South Korea"]


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        ("За інформацією спецслужб Сеула, КНДР уже направила близько 13 тисяч військових.", "uk", "NIS"),
        ("Уряд Вашингтона вважає, що КНДР уже направила близько 13 тисяч військових.", "uk", "United States"),
        ("По информации спецслужб Сеула, КНДР уже направила около 13 тысяч военных.", "ru", "NIS"),
        ("Власти Киева заявили, что КНДР уже направила около 13 тысяч военных.", "ru", "Ukraine"),
    ],
)
def test_a_body_of_government_named_with_its_capital(text: str, language: str, source: str) -> None:
    assert [f[3] for f in read(text, language)] == [source]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Пєсков назвав нісенітницею заяву Генштабу ЗСУ про мільйон втрат російської армії.",
            "uk",
            ("russia_troops.casualties", 1_000_000, "exact", "Ukraine", "cumulative"),
        ),
        (
            "Кремль відкинув оцінку ГУР у 12 тисяч північнокорейських військових у Курській області.",
            "uk",
            ("deployed", 12000, "exact", "Ukraine", "cumulative"),
        ),
        (
            "Песков назвал выдумкой заявление Генштаба ВСУ о 1 млн потерь российской армии.",
            "ru",
            ("russia_troops.casualties", 1_000_000, "exact", "Ukraine", "cumulative"),
        ),
        (
            "Кремль отверг оценку ГУР в 12 тысяч северокорейских военных в Курской области.",
            "ru",
            ("deployed", 12000, "exact", "Ukraine", "cumulative"),
        ),
    ],
)
def test_a_statement_named_with_its_source_owns_its_count_whoever_speaks(
    text: str, language: str, expected: tuple[object, ...]
) -> None:
    assert read(text, language) == [expected]


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        (
            "Двоє північнокорейців, яких Сили оборони взяли в полон у січні, перебувають у Києві.",
            "uk",
            None,
        ),
        (
            "Двоє північнокорейців, захоплених Силами оборони на Курщині, попросили передати їх Південній Кореї.",
            "uk",
            None,
        ),
        (
            "Розвідка Південної Кореї повідомила: двоє північнокорейців — у полоні в українських військових.",
            "uk",
            "NIS",
        ),
        (
            "Двое северокорейцев, которых Силы обороны взяли в плен в январе, находятся под контролем украинской"
            " стороны.",
            "ru",
            None,
        ),
    ],
)
def test_the_captor_in_a_clause_describing_the_prisoners_does_not_speak(
    text: str, language: str, source: str | None
) -> None:
    assert [f[3] for f in read(text, language)] == [source]


def test_a_source_in_a_relative_clause_with_a_verb_of_estimating_still_speaks() -> None:
    text = "Втрати північнокорейців, які ГУР оцінює в 4 тисячі осіб, зростають."
    assert [f[3] for f in read(text, "uk")] == ["Ukraine"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Національна служба розвідки провела закритий брифінг для парламентарів.\n"
            "Загалом до Росії прибули близько 15 тисяч військових КНДР, розповів депутат.",
            "uk",
        ),
        (
            "Разведка Южной Кореи провела закрытый брифинг для парламентариев.\n"
            "Всего в Россию прибыли около 15 тысяч военных КНДР, сообщил депутат.",
            "ru",
        ),
    ],
)
def test_a_lawmaker_relays_the_agency_named_in_the_paragraph_before(text: str, language: str) -> None:
    assert read(text, language) == [("deployed", 15000, "approx", "NIS", "cumulative")]


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        (
            "Близько двох тисяч військових КНДР загинули, йдеться в доповіді британської розвідки.",
            "uk",
            "United Kingdom",
        ),
        (
            "Близько двох тисяч військових КНДР загинули, випливає зі звіту британської розвідки.",
            "uk",
            "United Kingdom",
        ),
        (
            "Около двух тысяч военных КНДР погибли, говорится в докладе британской разведки.",
            "ru",
            "United Kingdom",
        ),
        (
            "Около двух тысяч военных КНДР погибли, следует из доклада британской разведки.",
            "ru",
            "United Kingdom",
        ),
    ],
)
def test_the_body_whose_report_holds_the_claim_speaks(text: str, language: str, source: str) -> None:
    assert [f[3] for f in read(text, language)] == [source]


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        ("За даними СЗР, КНДР відправила до Росії близько 11 тисяч військових.", "uk", "Ukraine"),
        ("Служба зовнішньої розвідки Росії заявила, що КНДР відправила 11 тисяч військових.", "uk", "Russia"),
        ("СВР Украины сообщила, что КНДР направила 11 тысяч военных.", "ru", "Ukraine"),
        ("СВР заявила, что КНДР направила 11 тысяч военных.", "ru", "Russia"),
        ("Около двух тысяч военных КНДР погибли, подтвердили в НРС.", "ru", "NIS"),
    ],
)
def test_foreign_intelligence_services_and_the_nis_by_their_initials(
    text: str, language: str, source: str
) -> None:
    assert [f[3] for f in read(text, language)] == [source]


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        ("Столтенберг заявив, що росіяни втратили 450 000 осіб.", "uk", "NATO"),
        ("Шаппс заявив, що росіяни втратили 450 000 осіб.", "uk", "United Kingdom"),
        ("Стефанішина заявила, що КНДР відправила до Росії 11 тисяч військових.", "uk", "Ukraine"),
        ("Юн Сок Йоль заявив, що КНДР відправила до Росії 11 тисяч військових.", "uk", "South Korea"),
        ("Кім Йо Чжон заявила, що загинули дев'ять солдатів КНДР.", "uk", "North Korea"),
        ("Столтенберг заявил, что Россия потеряла 450 000 человек.", "ru", "NATO"),
        ("Юн Сок Ёль заявил, что КНДР направила в Россию 11 тысяч военных.", "ru", "South Korea"),
    ],
)
def test_people_who_speak_for_a_government_by_surname(text: str, language: str, source: str) -> None:
    assert [f[3] for f in read(text, language)] == [source]


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        (
            "Загинули близько 600 північнокорейських військових. Зокрема, про це повідомила речниця Міноборони"
            " Південної Кореї.",
            "uk",
            "South Korea",
        ),
        (
            "Погибли около 600 северокорейских военных. Кроме того, об этом сообщила представитель Минобороны"
            " Южной Кореи.",
            "ru",
            "South Korea",
        ),
    ],
)
def test_a_connective_before_the_pointer_back_keeps_the_next_sentence_attributing(
    text: str, language: str, source: str
) -> None:
    assert [f[3] for f in read(text, language)] == [source]


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        (
            "Загинули близько 600 північнокорейських військових, пише Yonhap з посиланням на розвідку.",
            "uk",
            "NIS",
        ),
        ("Около 600 военных КНДР погибли, пишет Yonhap со ссылкой на разведку.", "ru", "NIS"),
        (
            "Загинули близько 600 північнокорейських військових, пише Reuters з посиланням на розвідку.",
            "uk",
            None,
        ),
    ],
)
def test_a_south_korean_outlet_citing_unnamed_intelligence_cites_the_nis(
    text: str, language: str, source: str | None
) -> None:
    assert [f[3] for f in read(text, language)] == [source]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("КНДР відправила до Росії близько 11 тисяч військових, доповідає Буданов.", "uk"),
        ("КНДР направила в Россию около 11 тысяч военных, докладывает Буданов.", "ru"),
    ],
)
def test_the_verb_to_report_is_not_the_noun_report(text: str, language: str) -> None:
    assert [f[3] for f in read(text, language)] == ["Ukraine"]


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        ("Російський диктатор заявив, що загинули дев'ять солдатів КНДР.", "uk", "Russia"),
        (
            "Північнокорейський лідер заявив, що під час місії загинули дев'ять солдатів КНДР.",
            "uk",
            "North Korea",
        ),
        ("Северокорейский лидер заявил, что погибли девять солдат КНДР.", "ru", "North Korea"),
    ],
)
def test_a_leader_named_by_his_country_speaks_for_it(text: str, language: str, source: str) -> None:
    assert [f[3] for f in read(text, language)] == [source]


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        (
            "Парламентський комітет Південної Кореї після закритого засідання повідомив, що загинули щонайменше"
            " 100 військових КНДР.",
            "uk",
            "NIS",
        ),
        (
            "Парламентский комитет Южной Кореи после закрытого заседания сообщил, что погибли не менее 100"
            " военных КНДР.",
            "ru",
            "NIS",
        ),
        (
            "Комітет парламенту Південної Кореї заявив, що загинули щонайменше 100 військових КНДР.",
            "uk",
            "South Korea",
        ),
    ],
)
def test_a_parliamentary_committee_relays_the_nis_after_a_closed_session(
    text: str, language: str, source: str
) -> None:
    assert [f[3] for f in read(text, language)] == [source]


@pytest.mark.parametrize(
    ("after", "language", "source"),
    [
        ("Такої оцінки дійшли в британській розвідці.", "uk", "United Kingdom"),
        ("Таку статистику оприлюднив Генштаб.", "uk", "Ukraine"),
        ("Саме такі дані наводить британська розвідка.", "uk", "United Kingdom"),
        ("Так вважають у британській розвідці.", "uk", "United Kingdom"),
        ("Соответствующее заявление сделал главком ВСУ Александр Сырский.", "ru", "Ukraine"),
        ("Такую статистику обнародовал Генштаб ВСУ.", "ru", "Ukraine"),
        ("Так считают в британской разведке.", "ru", "United Kingdom"),
    ],
)
def test_the_next_sentence_points_back_with_any_demonstrative_and_noun_of_data(
    after: str, language: str, source: str
) -> None:
    claim = {
        "uk": "Росіяни за рік втратили понад 418 тисяч осіб. ",
        "ru": "Россия за год потеряла более 418 тысяч человек. ",
    }[language]
    assert [f[3] for f in read(claim + after, language)] == [source]


@pytest.mark.parametrize(
    ("opening", "language"),
    [
        ("За останніми даними", "uk"),
        ("Відповідно до оцінки", "uk"),
        ("Згідно із заявою", "uk"),
        ("За висновками", "uk"),
        ("По последним данным", "ru"),
        ("В соответствии с данными", "ru"),
        ("Со слов представителя", "ru"),
        ("По выводам", "ru"),
    ],
)
def test_a_source_introduced_by_any_preposition_adjective_and_noun_of_data(
    opening: str, language: str
) -> None:
    rest = {
        "uk": " британської розвідки, яка сперечається з Пентагоном, КНДР втратила 6 тисяч військових.",
        "ru": " британской разведки, которая спорит с Пентагоном, КНДР потеряла 6 тысяч военных.",
    }[language]
    assert [f[3] for f in read(opening + rest, language)] == ["United Kingdom"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Свіжу оцінку оприлюднив Центр стратегічних і міжнародних досліджень (CSIS). Його аналітики Сет"
            " Джонс і Райлі Маккейбі пишуть, що російська армія втратила майже 1,2 млн осіб.",
            "uk",
        ),
        (
            "Свежую оценку опубликовал Центр стратегических и международных исследований (CSIS). Его аналитики"
            " Сет Джонс и Райли Маккаби пишут, что российская армия потеряла почти 1,2 млн человек.",
            "ru",
        ),
    ],
)
def test_a_sources_own_analysts_speak_for_it(text: str, language: str) -> None:
    assert read(text, language) == [("russia_troops.casualties", 1_200_000, "at_most", "CSIS", "cumulative")]


@pytest.mark.parametrize(
    ("title", "rows", "language"),
    [
        (
            "Скільки військових втратила російська армія",
            "| Хто рахує | Що рахують | Цифра |\n|---|---|---|\n| Генштаб ЗСУ | убиті й поранені | близько 1,23 млн |\n"
            "| CSIS (США) | убиті, поранені, зниклі | майже 1,2 млн |",
            "uk",
        ),
        (
            "Сколько военных потеряла Россия",
            "| Кто считает | Что считают | Цифра |\n|---|---|---|\n| Генштаб ВСУ | убитые и раненые | около 1,23 млн |\n"
            "| CSIS (США) | убитые, раненые, пропавшие | почти 1,2 млн |",
            "ru",
        ),
    ],
)
def test_a_who_counts_column_names_each_rows_source(title: str, rows: str, language: str) -> None:
    found = FX.extract(rows, title=title, language=language)
    assert sorted((f.value, f.attributed_to) for f in found) == [(1_200_000, "CSIS"), (1_230_000, "Ukraine")]


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        (
            "Британці минулого тижня назвали цифру близько 4 тисяч убитих і поранених північнокорейців.",
            "uk",
            "United Kingdom",
        ),
        ("Американцы считают, что КНДР потеряла около 1200 военных.", "ru", "United States"),
        ("Українці захопили двох солдатів КНДР.", "uk", None),
        (
            "Зараз, якщо вірити Сеулу, загальна кількість відправлених військових КНДР — близько 14 тисяч.",
            "uk",
            "South Korea",
        ),
        (
            "Сейчас, если верить Сеулу, общее число отправленных военных КНДР — порядка 14 тысяч.",
            "ru",
            "South Korea",
        ),
    ],
)
def test_a_people_speaking_and_a_capital_believed_speak_for_their_country(
    text: str, language: str, source: str | None
) -> None:
    assert [f[3] for f in read(text, language)] == [source]


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        (
            "Депутат розповів про оцінки розвідки. Сам Пхеньян, за його словами, для внутрішньої аудиторії визнає"
            " близько 350 загиблих військових.",
            "uk",
            "North Korea",
        ),
        (
            "Депутат рассказал об оценках разведки. Сам Пхеньян, по его словам, для внутренней аудитории признает"
            " около 350 погибших военных.",
            "ru",
            "North Korea",
        ),
        ("Загальні втрати Пхеньяна розвідка Південної Кореї оцінює в 4,7 тис. осіб.", "uk", "NIS"),
    ],
)
def test_a_capital_speaks_past_a_parenthetical_before_its_verb(text: str, language: str, source: str) -> None:
    assert [f[3] for f in read(text, language)] == [source]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # one day, with "одну": that day's count
        ("А 28 листопада ворог за одну добу втратив рекордні 2 030 солдатів.", "uk"),
        # "за" and a month after a verb of estimating is the stretch counted, not when it was said
        ("Розвідка оцінила втрати рф за листопад приблизно в 32 тисячі убитими та пораненими.", "uk"),
        ("Британская разведка оценила потери РФ за ноябрь примерно в 32 тысячи убитыми и ранеными.", "ru"),
        # a second count after ", ще" shares the first count's stretch
        (
            "За три дні боїв воїни ССО ліквідували 50 військових КНДР, ще 47 поранили, повідомили в Генштабі.",
            "uk",
        ),
        (
            "За три дня боев бойцы ССО ликвидировали 50 военных КНДР, еще 47 ранены, сообщили в Генштабе.",
            "ru",
        ),
    ],
)
def test_one_day_a_month_counted_and_a_further_count_are_periods(text: str, language: str) -> None:
    found = FigureExtractor().extract(text, language=language, published=date(2024, 12, 2))
    assert found, text
    assert {f.scope for f in found} == {"period"}, [(f.value, f.scope) for f in found]
    assert len(found) == (2 if "47" in text else 1)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "«Минулого місяця ворог втратив понад 30 тисяч військових убитими й тяжко пораненими», — сказав Зеленський.",
            "uk",
        ),
        ("За даними ГУР, росія втратила близько 2 000 військових убитими та важко пораненими.", "uk"),
        (
            "«В прошлом месяце противник потерял более 30 тысяч военных убитыми и тяжело ранеными», — сказал Зеленский.",
            "ru",
        ),
    ],
)
def test_killed_and_severely_wounded_is_one_casualty_count(text: str, language: str) -> None:
    found = FigureExtractor().extract(text, language=language, published=date(2025, 12, 1))
    assert [(f.series, f.attributed_to) for f in found] == [("russia_troops.casualties", "Ukraine")], text


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("За даними ГУР, майже тисяча військових КНДР дістали поранень.", "uk"),
        ("За даними ГУР, майже тисяча військових КНДР отримали поранень.", "uk"),
        ("За даними ГУР, майже тисяча військових КНДР дістала поранень.", "uk"),
    ],
)
def test_every_form_of_receiving_wounds_is_the_wounded_count(text: str, language: str) -> None:
    found = FigureExtractor().extract(text, language=language, published=date(2025, 1, 10))
    assert [(f.series, f.value) for f in found] == [("dprk_troops_russia.wounded", 1000)], text


@pytest.mark.parametrize(
    "text",
    [
        "Генсек НАТО Марк Рютте оцінив утрати Росії вбитими та пораненими приблизно в 700 тисяч.",
        "НАТО оцінило утрати рф приблизно в 700 тисяч.",
    ],
)
def test_ukrainian_losses_spelled_with_u_name_the_losing_side(text: str) -> None:
    # Ukrainian writes "утрати" for "втрати" after a vowel: the same word names whose losses they are.
    assert read(text, "uk") == [("russia_troops.casualties", 700000, "approx", "NATO", "cumulative")]
    assert read(text.replace("Росії", "ЗСУ").replace("рф", "ЗСУ"), "uk") == []


@pytest.mark.parametrize(
    "text",
    [
        "Із 11 тисяч північнокорейців, перекинутих на Курщину, майже половина вже вибула з ладу, заявили в ГУР.",
        "За даними ГУР, 11 тисяч північнокорейців перекинуто на Курщину.",
        "За даними ГУР, на Курщину надіслано 11 тисяч північнокорейців.",
    ],
)
def test_ukrainian_participles_of_sending_are_the_deployed_count(text: str) -> None:
    assert read(text, "uk") == [("deployed", 11000, "exact", "Ukraine", "cumulative")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Британська оборонна розвідка оцінює втрати військових КНДР приблизно в 4 000 вбитими та пораненими.",
            "uk",
        ),
        (
            "Британская оборонная разведка оценивает потери военных КНДР примерно в 4 000 убитыми и ранеными.",
            "ru",
        ),
    ],
)
def test_a_kind_of_intelligence_between_country_and_agency_keeps_the_country(
    text: str, language: str
) -> None:
    assert read(text, language) == [("casualties", 4000, "approx", "United Kingdom", "cumulative")]


@pytest.mark.parametrize(
    ("text", "language", "series", "value"),
    [
        ("Кількість загиблих військових КНДР зросла до 2 тисяч — НРС", "uk", "killed", 2000),
        ("За даними ГУР, втрати КНДР збільшилися до 4 тисяч.", "uk", "casualties", 4000),
        ("Число погибших военных КНДР выросло до 2 тысяч, сообщила НРС.", "ru", "killed", 2000),
        ("По данным ГУР, потери КНДР увеличились до 4 тысяч.", "ru", "casualties", 4000),
    ],
)
def test_a_count_that_rose_to_a_value_states_it_exactly(
    text: str, language: str, series: str, value: int
) -> None:
    assert [(f[0], f[1], f[2]) for f in read(text, language)] == [(series, value, "exact")]
    # "до" without a verb of rising is still an upper bound
    bound = text.replace("зросла до", "сягнула до").replace("збільшилися до", "сягнули до")
    bound = bound.replace("выросло до", "достигло до").replace("увеличились до", "дошли до")
    assert [f[2] for f in read(bound, language)] in (["at_most"], [])


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Рекордним залишається 2024 рік, коли росіяни втратили приблизно 430 тисяч осіб, заявили в ГУР.",
            "uk",
        ),
        (
            "Найгіршим для окупантів був 2024 рік, у якому вони втратили близько 430 тисяч, заявили в ГУР.",
            "uk",
        ),
        (
            "Рекордным остается 2024 год, когда россияне потеряли примерно 430 тысяч человек, заявили в ГУР.",
            "ru",
        ),
    ],
)
def test_a_year_told_about_in_a_relative_clause_bounds_the_count(text: str, language: str) -> None:
    found = FigureExtractor().extract(text, language=language, published=date(2026, 1, 14))
    assert [(f.value, f.scope, f.period_start, f.period_end) for f in found] == [
        (430000, "period", date(2024, 1, 1), date(2024, 12, 31))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "На Курщині лишаються близько 11 тисяч північнокорейців, заявили в ГУР.",
        "За даними ГУР, на Курщині лишалися близько 11 тисяч північнокорейців.",
        "За даними ГУР, на Курщині залишалися близько 11 тисяч північнокорейців.",
    ],
)
def test_ukrainian_staying_on_with_or_without_its_prefix_is_deployed(text: str) -> None:
    assert read(text, "uk") == [("deployed", 11000, "approx", "Ukraine", "cumulative")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Протягом минулої доби російська армія втратила 1 420 солдатів, а від лютого 2022 року — вже 729 720 осіб, "
            "повідомив Генштаб.",
            "uk",
        ),
        (
            "За минувшие сутки российская армия потеряла 1 420 военных, а с февраля 2022 года — уже 729 720 человек, "
            "сообщил Генштаб ВСУ.",
            "ru",
        ),
    ],
)
def test_already_before_a_joined_running_total_keeps_it_a_figure(text: str, language: str) -> None:
    assert [(f[1], f[4]) for f in read(text, language)] == [(1420, "period"), (729720, "cumulative")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Втрати ворога станом на 20 жовтня 2025 року:\nособового складу ~1 129 280 (+960)\nтанків 11 290 (+1)\n"
            "Джерело: Генштаб ЗСУ",
            "uk",
        ),
        ("Втрати ворога станом на 20 жовтня: особового складу ~1 129 280 (+960). Дані Генштабу.", "uk"),
        (
            "Потери противника на 20 октября:\nличного состава ~1 129 280 (+960)\nтанков 11 290 (+1)\n"
            "Источник: Генштаб ВСУ",
            "ru",
        ),
        ("Потери противника на 20 октября: личного состава ~1 129 280 (+960). Источник: Генштаб ВСУ.", "ru"),
    ],
)
def test_a_credit_line_after_a_bulletin_names_its_source(text: str, language: str) -> None:
    assert read(text, language) == [("russia_troops.casualties", 1129280, "approx", "Ukraine", "cumulative")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Британське Міноборони в останній оцінці, оприлюдненій минулого місяця, назвало приблизно 950 тисяч "
            "убитих і поранених росіян.",
            "uk",
        ),
        (
            "По оценке британского Минобороны, опубликованной в мае, в боях погибли и ранены около 950 тысяч "
            "российских военных.",
            "ru",
        ),
    ],
)
def test_when_an_estimate_was_published_is_not_the_stretch_it_counts(text: str, language: str) -> None:
    assert read(text, language) == [
        ("russia_troops.casualties", 950000, "approx", "United Kingdom", "cumulative")
    ]


# Mutation testing of figures/extractor.py (docs/testing.md, "Survivors"): behaviours no test pinned yet.


def test_a_mark_crossed_in_a_month_named_before_is_the_running_totals_past_not_that_months_count() -> None:
    # "in October ... crossed the mark of 1.1 million losses": the total's state then, which gives no figure
    # (the current total is the news), never a count of October's losses.
    text = (
        "«Зараз втрати росії в боях становлять 1,3 мільйона військових», — сказав представник НАТО. "
        "Чотири місяці тому в Альянсі наводили меншу цифру: у жовтні там казали, що росія перетнула позначку "
        "в 1,1 мільйона втрат."
    )
    got = FX.extract(text, language="uk", published=date(2026, 2, 11))
    assert [(f.value, f.attributed_to, f.scope) for f in got] == [(1_300_000, "NATO", "cumulative")]


def test_a_restated_total_two_sentences_after_a_killed_headline_keeps_the_losses_just_named() -> None:
    # The headline asks how many died; the body's losses "with the wounded" are casualties, and a second
    # source's "overall figure" two sentences into the body restates those, not the headline's dead.
    got = FX.extract(
        "Южнокорейская разведка считает, что погибли около 300 северокорейских солдат, а вместе с ранеными "
        "потери превысили три тысячи. Похожую общую цифру — свыше 3 тыс. — в декабре приводил и Зеленский.",
        title="Сколько северокорейских солдат погибло в Курской области",
        language="ru",
        published=date(2025, 1, 14),
    )
    assert sorted((f.series.split(".")[1], f.value, f.attributed_to) for f in got) == [
        ("casualties", 3000, "NIS"),
        ("casualties", 3000, "Ukraine"),
        ("killed", 300, "NIS"),
    ]


def test_a_list_of_dashed_counts_gives_each_its_own_label_whichever_comes_first() -> None:
    # "Поранених — понад 2 500, убитих — близько 250": the term after the comma labels the next number, so the
    # first number keeps its own label ("поранених"), not the nearer one that opens the next item.
    got = read(
        "Поранених — понад 2 500, убитих — близько 250: такі цифри розвідка Південної Кореї назвала депутатам.",
        "uk",
    )
    assert sorted(got) == [
        ("killed", 250, "approx", "NIS", "cumulative"),
        ("wounded", 2500, "more_than", "NIS", "cumulative"),
    ]


# The development corpora no floor above covered (found by mutation testing: a mutant that raised on two Russian
# records survived). Floors a little below the scores of 2026-12-03; at most as many period figures read as totals.
LATER_FLOORS = {
    ("ko", "dev5.jsonl"): {
        "f1": 0.965,
        "attribution": 0.97,
        "scope": 0.99,
        "dates": 0.7,
        "period_as_cumulative": 0,
    },
    ("ko", "dev6.jsonl"): {
        "f1": 0.87,
        "attribution": 0.97,
        "scope": 0.955,
        "dates": 0.63,
        "period_as_cumulative": 3,
    },
    ("ru", "dev2.jsonl"): {
        "f1": 0.875,
        "attribution": 0.99,
        "scope": 0.96,
        "dates": 0.6,
        "period_as_cumulative": 1,
    },
    ("ru", "dev3.jsonl"): {
        "f1": 0.89,
        "attribution": 0.975,
        "scope": 0.945,
        "dates": 0.45,
        "period_as_cumulative": 4,
    },
    ("ru", "sequences2.jsonl"): {
        "f1": 0.93,
        "attribution": 0.99,
        "scope": 0.99,
        "dates": 0.45,
        "period_as_cumulative": 0,
    },
    ("ru", "sequences3.jsonl"): {
        "f1": 0.92,
        "attribution": 0.95,
        "scope": 0.99,
        "dates": 0.95,
        "period_as_cumulative": 0,
    },
    ("uk", "dev2.jsonl"): {
        "f1": 0.9,
        "attribution": 0.99,
        "scope": 0.98,
        "dates": 0.69,
        "period_as_cumulative": 0,
    },
    ("uk", "dev3.jsonl"): {
        "f1": 0.86,
        "attribution": 0.945,
        "scope": 0.945,
        "dates": 0.52,
        "period_as_cumulative": 3,
    },
    ("uk", "dev5.jsonl"): {
        "f1": 0.93,
        "attribution": 0.97,
        "scope": 0.99,
        "dates": 0.6,
        "period_as_cumulative": 0,
    },
    ("uk", "sequences2.jsonl"): {
        "f1": 0.99,
        "attribution": 0.99,
        "scope": 0.99,
        "dates": 0.95,
        "period_as_cumulative": 0,
    },
    ("uk", "sequences3.jsonl"): {
        "f1": 0.85,
        "attribution": 0.95,
        "scope": 0.99,
        "dates": 0.95,
        "period_as_cumulative": 0,
    },
}


@pytest.mark.parametrize(("language", "name"), sorted(LATER_FLOORS))
def test_the_later_development_corpora_stay_above_their_floors(language: str, name: str) -> None:
    scores = development_scores(CORPUS / language / name)
    floors = LATER_FLOORS[(language, name)]
    for measure in ("f1", "attribution", "scope", "dates"):
        assert scores[measure] >= floors[measure], (language, name, measure, scores)
    assert scores["period_as_cumulative"] <= floors["period_as_cumulative"], (language, name, scores)


def test_every_development_corpus_has_a_floor() -> None:
    # A corpus added later gets a floor here (or in the tables above) in the same commit.
    floored = {("ko", n) for n in KOREAN_FLOORS} | set(LATER_FLOORS)
    floored |= {(lang, n) for lang in FLOORS for n in ("dev.jsonl", "dev4.jsonl", "sequences.jsonl")}
    found = {(p.parent.name, p.name) for p in CORPUS.glob("*/*.jsonl") if p.parent.name != "en"}
    assert found <= floored, sorted(found - floored)
