"""English figure rules that hold on reporting the rules were not written for: one test per class of mistake.

Every sentence here is written for its test (never copied from real reporting); each shows one class.
"""

from __future__ import annotations

from datetime import date

import pytest

from newswatch.figures.extractor import FigureExtractor, split_sentences

FX = FigureExtractor()
Row = tuple[str, float, str, str | None, str]


def found(text: str, title: str | None = None, published: date = date(2025, 5, 2)) -> set[Row]:
    return {
        (f.series, f.value, f.qualifier, f.attributed_to, f.scope)
        for f in FX.extract(text, title, "en", published=published)
    }


# Headlines shorten the body: no hedge, the capital for the agency, "lost" for "killed", no period.


def test_a_headline_naming_the_capital_echoes_the_agencys_count_in_the_body() -> None:
    got = found(
        "South Korea's intelligence agency told a closed session of parliament that about 450 North Korean "
        "soldiers had died in the Kursk fighting.",
        title="Seoul says 450 North Korean soldiers dead in Russia",
    )
    assert got == {("dprk_troops_russia.killed", 450, "approx", "NIS", "cumulative")}


def test_a_headline_loss_is_the_bodys_death_toll() -> None:
    got = found(
        "Ukraine's military intelligence said 230 North Korean soldiers had been killed in Kursk so far.",
        title="North Korea has lost 230 troops in Russia",
    )
    assert got == {("dprk_troops_russia.killed", 230, "exact", "Ukraine", "cumulative")}


def test_a_headline_from_another_source_keeps_its_own_figure() -> None:
    got = found(
        "The spy agency in Seoul put the number at more than 5,000.",
        title="Washington says at least 5,000 North Korean troops in Russia",
    )
    assert ("dprk_troops_russia.deployed", 5000, "at_least", "United States", "cumulative") in got


def test_a_rates_month_does_not_bound_the_total_before_it() -> None:
    got = found(
        "Britain's defence chief said Russia had suffered about 810,000 killed and wounded and was losing "
        "about 1,300 a day in March."
    )
    assert got == {("russia_troops.casualties", 810000, "approx", "United Kingdom", "cumulative")}


def test_a_possessive_month_bounds_the_count_even_after_put() -> None:
    got = found(
        "Russia's army keeps attacking near Pokrovsk. British defence intelligence put March's Russian losses "
        "at 38,940.",
        published=date(2025, 4, 3),
    )
    assert got == {("russia_troops.casualties", 38940, "exact", "United Kingdom", "period")}


# A number counts its own noun: times of day, ratios, a pair named again, labourers, people going home.


def test_a_time_of_day_is_no_count() -> None:
    assert not found("North Korean soldiers died near Sudzha. Mourners will gather on Sunday at 5 p.m.")


def test_a_ratio_is_no_count() -> None:
    assert not found("Officials believe about one in four of the North Korean soldiers became a casualty.")


def test_a_plural_possessive_counts_its_own_noun() -> None:
    assert not found("North Korean troops began arriving three weeks after the two leaders' summit.")


def test_a_pair_named_again_is_no_new_count() -> None:
    got = found(
        "Ukraine captured two North Korean soldiers on Friday, the SBU said. The two were moved to Kyiv "
        "for questioning."
    )
    assert got == {("dprk_troops_russia.captured", 2, "exact", "Ukraine", "cumulative")}


def test_labourers_and_people_sent_home_are_not_troops_or_losses() -> None:
    assert not found(
        "Some 20,000 North Koreans are believed to have worked on Russian building sites in 2019."
    )
    assert not found(
        "Roughly 1,500 wounded North Korean soldiers were taken by train back to Pyongyang, the agency said."
    )


def test_a_rounded_headline_is_the_bodys_estimate_not_a_second_value() -> None:
    got = found(
        "About 870,000 Russian soldiers have been killed or wounded, CSIS estimated in a report on Monday.",
        title="Think tank: Russian casualties near 900,000",
    )
    assert got == {("russia_troops.casualties", 870000, "approx", "CSIS", "cumulative")}


# What a number counts: its own clause's headcount, not a loss named in the clause before.


def test_a_headcount_placed_in_russia_is_not_the_losses_named_before_it() -> None:
    got = found(
        "Pyongyang has replaced its losses and now keeps about 10,000 soldiers in Russia, Ukraine's military "
        "intelligence chief said."
    )
    assert got == {("dprk_troops_russia.deployed", 10000, "approx", "Ukraine", "cumulative")}


# An estimate's past state is a recollection, not a count for that month; a month "alone" still bounds one.


def test_an_estimates_past_state_is_no_period_count() -> None:
    assert not found(
        "North Korean troops keep dying in Kursk. In March, the number of their dead was about 500."
    )
    assert not found("The JCS keeps count of North Korean losses. Its estimate in February was around 2,500.")


def test_a_month_alone_still_bounds_a_toll() -> None:
    got = found(
        "Russia had lost 1,090,000 troops by Monday, Kyiv said. In August alone, it said, the toll was 27,800.",
        published=date(2025, 9, 2),
    )
    assert ("russia_troops.casualties", 27800, "exact", "Ukraine", "period") in got


# Loose qualifiers: "c." (circa, also glued to the number) and "closing in on".


def test_circa_abbreviated_as_c_is_approx_and_does_not_end_the_sentence() -> None:
    got = found("Russia has lost c. 870,000 troops since February 2022, Ukraine's General Staff reckons.")
    assert got == {("russia_troops.casualties", 870000, "approx", "Ukraine", "cumulative")}
    glued = found(
        "Of the c.12,000 North Korean soldiers sent to Kursk, most are still there, Seoul's spy agency says."
    )
    assert ("dprk_troops_russia.deployed", 12000, "approx", "NIS", "cumulative") in glued


def test_closing_in_on_is_a_ceiling() -> None:
    got = found(
        "North Korea's dead and wounded are closing in on 2,500, Ukraine's military intelligence said."
    )
    assert got == {("dprk_troops_russia.casualties", 2500, "at_most", "Ukraine", "cumulative")}


def test_the_enemy_a_count_is_made_fighting_is_not_whose_losses_it_counts() -> None:
    got = found(
        "Dozens of North Korean troops died battling Ukrainian units near Sudzha and the number of injured "
        "is near 400, a South Korean lawmaker said after a briefing by the National Intelligence Service."
    )
    assert got == {("dprk_troops_russia.wounded", 400, "at_most", "NIS", "cumulative")}


# Sources named loosely: "the British", "British spooks", a capitalised "Foreign Ministry", "the Joint Chiefs".


def test_loosely_named_british_sources_are_the_united_kingdom() -> None:
    assert found("North Korean losses in Kursk now exceed 7,000, the British believe.") == {
        ("dprk_troops_russia.casualties", 7000, "more_than", "United Kingdom", "cumulative")
    }
    assert found(
        "Roughly 7,000 North Korean soldiers have been killed or wounded, British spooks reckon."
    ) == {("dprk_troops_russia.casualties", 7000, "approx", "United Kingdom", "cumulative")}


def test_a_capitalised_ministry_still_names_its_government() -> None:
    got = found("Germany's Foreign Ministry said some 12,000 North Korean soldiers had been sent to Russia.")
    assert got == {("dprk_troops_russia.deployed", 12000, "approx", "Germany", "cumulative")}


def test_the_joint_chiefs_alone_are_seouls() -> None:
    got = found("The Joint Chiefs now put North Korean casualties at about 5,000.")
    assert got == {("dprk_troops_russia.casualties", 5000, "approx", "South Korea", "cumulative")}


def test_rusi_is_a_source() -> None:
    got = found(
        "About 11,000 North Korean troops are in Kursk, an analyst at the Royal United Services Institute said."
    )
    assert got == {("dprk_troops_russia.deployed", 11000, "approx", "RUSI", "cumulative")}


# "The enemy" is whoever the speaker fights; "Kyiv had lost" counts Ukraine's losses.


def test_the_enemys_losses_in_moscows_words_are_ukraines() -> None:
    assert (
        found(
            "Russia's defence ministry said the enemy had lost more than 50,000 servicemen killed and wounded "
            "in the Kursk operation."
        )
        == set()
    )
    assert found(
        "The enemy has lost about 900,000 troops since February 2022, Ukraine's General Staff said."
    ) == {("russia_troops.casualties", 900000, "approx", "Ukraine", "cumulative")}


def test_kyiv_having_lost_men_is_not_a_russian_or_north_korean_count() -> None:
    got = found(
        "Pyongyang's state media repeated Moscow's claim that Kyiv had lost over 60,000 men in Kursk."
    )
    assert got == set()


def test_the_chief_of_staff_named_gerasimov_is_russias_general_staff() -> None:
    got = found(
        "Chief of the General Staff Valery Gerasimov told Putin the enemy lost more than 40,000 troops in the "
        "operation."
    )
    assert got == set()


# Quarters bound a count; a table's running-total row is cumulative whatever its column header says.


def test_a_named_quarter_bounds_the_count() -> None:
    got = {
        (f.value, f.scope, f.period_start, f.period_end)
        for f in FX.extract(
            "Russia lost some 104,000 troops killed or wounded in the second quarter, the UK Ministry of Defence "
            "said.",
            None,
            "en",
            published=date(2025, 8, 5),
        )
    }
    assert got == {(104000, "period", date(2025, 4, 1), date(2025, 6, 30))}


def test_a_quarter_column_dates_each_row() -> None:
    text = (
        "Russian killed and wounded by quarter, 2024 (UK Defence Intelligence)\n\n"
        "| Quarter | Killed and wounded |\n|---|---|\n| Q2 2024 | 98,000 |\n| Q3 2024 | 121,000 |"
    )
    got = {
        (f.value, f.scope, f.period_start, f.period_end)
        for f in FX.extract(text, None, "en", published=date(2025, 1, 9))
    }
    assert got == {
        (98000, "period", date(2024, 4, 1), date(2024, 6, 30)),
        (121000, "period", date(2024, 7, 1), date(2024, 9, 30)),
    }


def test_a_running_total_row_under_a_daily_header_is_cumulative() -> None:
    text = (
        "Russian losses, General Staff morning reports\n\n"
        "| Report date | Lost in the past 24 hours |\n|---|---|\n| 2025-03-01 | 1,260 |\n"
        "| Total since 24.02.2022 (1 March) | 883,450 |"
    )
    got = {(f.value, f.scope) for f in FX.extract(text, None, "en", published=date(2025, 3, 1))}
    assert (883450, "cumulative") in got and (1260, "period") in got


# A list of labelled lines takes its source from the "Source:" line under it.


def test_a_source_line_under_a_list_attributes_every_line() -> None:
    text = (
        "North Korea's troops in Kursk, by the numbers\n"
        "Troops sent: about 12,000\n"
        "Dead: about 300\n"
        "Source: Ukraine's military intelligence (January)"
    )
    got = found(text, published=date(2025, 1, 20))
    assert got == {
        ("dprk_troops_russia.deployed", 12000, "approx", "Ukraine", "cumulative"),
        ("dprk_troops_russia.killed", 300, "approx", "Ukraine", "cumulative"),
    }


# Forecasts in the future perfect or as an expected total are not figures.


def test_a_future_perfect_or_an_expected_total_is_a_forecast() -> None:
    assert found(
        "Pyongyang has sent more than 5,000 soldiers so far and will likely have deployed 15,000 by spring, "
        "Ukraine's military intelligence said."
    ) == {("dprk_troops_russia.deployed", 5000, "more_than", "Ukraine", "cumulative")}
    assert found(
        "About 2,000 North Korean troops reached Kursk this week, the vanguard of what Kyiv expects to be "
        "14,000 soldiers, Ukraine's defence intelligence said."
    ) == {("dprk_troops_russia.deployed", 2000, "approx", "Ukraine", "cumulative")}


# Scope defaults safely: a count bounded by any stretch of time, or by one unit's errand, is a period.


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv said Russian forces had lost 41,000 soldiers over the past 30 days.",
        "Kyiv said Russian forces had lost 9,000 soldiers in the first week.",
        "Kyiv said Russian forces had lost 120,000 soldiers over the summer.",
        "Kyiv said Russian forces had lost 95,000 soldiers in the three months to September.",
        "Kyiv said Russian forces had lost 60,000 soldiers since mid-October.",
        "Kyiv said Russian forces had lost 52,000 soldiers over the past few weeks.",
        "Kyiv said Russian forces had lost 30,000 soldiers during a 40-day offensive near Pokrovsk.",
    ],
)
def test_a_count_bounded_by_a_stretch_of_time_is_a_period(text: str) -> None:
    got = found(text, published=date(2025, 11, 20))
    assert len(got) == 1 and next(iter(got))[4] == "period", got


def test_a_small_units_losses_are_its_errands_not_the_running_total() -> None:
    got = found(
        "Pyongyang's leader greeted a sapper battalion back from Kursk and said 14 of its soldiers had died, "
        "state media reported."
    )
    assert got == {("dprk_troops_russia.killed", 14, "exact", "North Korea", "period")}
    got = found(
        "Pyongyang's leader honoured 14 soldiers of a sapper battalion who died in Kursk, state media said."
    )
    assert {row[4] for row in got} == {"period"}


def test_a_countrys_own_soldiers_are_still_its_running_total() -> None:
    got = found("North Korea acknowledged that 700 of its soldiers had died in Kursk.")
    assert got == {("dprk_troops_russia.killed", 700, "exact", "North Korea", "cumulative")}


def test_a_point_in_a_month_dates_a_running_total() -> None:
    got = found(
        "By Kyiv's reckoning, Russian personnel losses stood at roughly 1.08 million in mid-November.",
        published=date(2025, 12, 1),
    )
    assert got == {("russia_troops.casualties", 1080000, "approx", "Ukraine", "cumulative")}


def test_a_loss_in_a_point_of_a_month_is_a_period() -> None:
    got = found("In late October Russian forces lost 8,000 soldiers, Kyiv said.", published=date(2025, 12, 1))
    assert {row[4] for row in got} == {"period"}


def test_a_phrase_after_a_verb_of_sending_dates_the_sending() -> None:
    got = found(
        "US officials said that of the 12,000 troops Pyongyang sent last autumn, about 4,000 had been killed or "
        "wounded.",
        published=date(2025, 3, 1),
    )
    assert ("dprk_troops_russia.casualties", 4000, "approx", "United States", "cumulative") in got


def test_a_mark_still_to_be_crossed_is_a_forecast() -> None:
    got = found(
        "The think tank CSIS said about 950,000 Russian troops had been killed or wounded and that the "
        "one-million mark was expected to be crossed by summer."
    )
    assert got == {("russia_troops.casualties", 950000, "approx", "CSIS", "cumulative")}


def test_a_statement_made_in_a_season_does_not_bound_the_count() -> None:
    got = found(
        "British intelligence agreed, saying in the spring that Russia's losses had passed 950,000.",
        published=date(2025, 9, 1),
    )
    assert got == {("russia_troops.casualties", 950000, "more_than", "United Kingdom", "cumulative")}


# Whose count: a possessive estimate and a relative clause name the source of the number they hold.


def test_a_possessive_estimate_owns_its_number_even_in_a_comparison() -> None:
    got = found(
        "North Korean units have lost around 1,200 men, South Korea's Joint Chiefs of Staff said, well below "
        "Kyiv's estimate of more than 3,500."
    )
    assert ("dprk_troops_russia.casualties", 3500, "more_than", "Ukraine", "cumulative") in got
    assert ("dprk_troops_russia.casualties", 1200, "approx", "South Korea", "cumulative") in got


def test_a_relative_clause_speaks_for_the_number_in_it() -> None:
    got = found(
        "Russian losses have topped 1 million, the British defence ministry said, in line with Ukraine's General "
        "Staff, which gave the total as 1,001,120."
    )
    assert ("russia_troops.casualties", 1001120, "exact", "Ukraine", "cumulative") in got


def test_a_phrase_in_a_reported_clause_after_the_count_does_not_bound_it() -> None:
    got = found(
        "The think tank CSIS estimates Russian losses at about 940,000 and has warned that fighting this "
        "summer could push them higher."
    )
    assert got == {("russia_troops.casualties", 940000, "approx", "CSIS", "cumulative")}


def test_a_value_the_article_gives_as_a_period_is_not_also_a_total() -> None:
    got = found(
        "Twelve members of the sapper battalion died during its 90-day deployment, Kim Jong Un told the ceremony.",
        title="North Korea says 12 soldiers killed in Kursk",
    )
    assert got == {("dprk_troops_russia.killed", 12, "exact", "North Korea", "period")}


# A count standing alone as a sentence is explained by the next one.


def test_a_count_standing_alone_is_what_the_next_sentence_says_it_counts() -> None:
    got = found(
        "Twelve thousand. That is how many North Korean soldiers Washington now believes are fighting in Kursk."
    )
    assert got == {("dprk_troops_russia.deployed", 12000, "exact", "United States", "cumulative")}


def test_a_hedge_in_the_explanation_is_the_counts() -> None:
    got = found(
        "Nearly a million.\nThat is roughly the number of Russian troops killed or wounded, in Kyiv's count.",
        published=date(2025, 6, 1),
    )
    assert {(row[0], row[1], row[4]) for row in got} == {("russia_troops.casualties", 1000000, "cumulative")}


def test_a_year_standing_alone_counts_nothing() -> None:
    assert not found("2024. That was the year North Korean soldiers first fought abroad since the 1970s.")


# A speaker named only by what it is ("the agency", "officials", "the think tank") is the source the text
# names a sentence before or after.


def test_an_unnamed_agency_is_the_source_named_in_the_next_sentence() -> None:
    got = found(
        "The agency told a closed parliamentary session that some 2,300 North Korean soldiers had died. It was "
        "the NIS's first update since the spring."
    )
    assert got == {("dprk_troops_russia.killed", 2300, "approx", "NIS", "cumulative")}


def test_unnamed_officials_are_the_nearby_source_not_one_named_long_before() -> None:
    got = found(
        "Kyiv has said little about the North Korean units since the winter.\nThe front near Sudzha was quiet "
        "this week. Heavy rain slowed both armies. Officials said about 12,000 North Korean troops were in the "
        "Kursk region. The officials, from the Pentagon, asked not to be named."
    )
    assert got == {("dprk_troops_russia.deployed", 12000, "approx", "United States", "cumulative")}


def test_analysts_stay_unnamed() -> None:
    got = found(
        "Analysts said perhaps 12,500 North Korean troops were in Russia. The Pentagon declined to comment."
    )
    assert {row[3] for row in got} == {None}


# Tables: a column header may name whose figures the column holds.


def test_a_column_header_names_the_source_of_its_column() -> None:
    got = found(
        "Estimates of North Korean losses in Kursk\n\n"
        "| As of | Dead (NIS) | Killed or wounded (Kyiv) |\n|---|---|---|\n| 2025-02-01 | 320 | 3,800 |"
    )
    assert got == {
        ("dprk_troops_russia.killed", 320, "exact", "NIS", "cumulative"),
        ("dprk_troops_russia.casualties", 3800, "exact", "Ukraine", "cumulative"),
    }


def test_a_country_in_a_header_is_whose_losses_not_who_counted() -> None:
    got = found(
        "Monthly losses, by the Ukrainian General Staff's count\n\n"
        "| Month | Russia's losses |\n|---|---|\n| October 2025 | 31,200 |",
        published=date(2025, 11, 5),
    )
    assert got == {("russia_troops.casualties", 31200, "exact", "Ukraine", "period")}


# Clauses and subjects: where people come from, a second report in a sentence, a date's year.


def test_people_sent_from_a_country_are_its_troops() -> None:
    got = found("Western officials believe some 10,500 soldiers were sent from North Korea last year.")
    assert got == {("dprk_troops_russia.deployed", 10500, "approx", "Western officials", "cumulative")}


def test_people_fighting_on_the_kursk_front_are_the_deployment() -> None:
    got = found("Budanov said some 9,500 North Koreans were still fighting on the Kursk front.")
    assert got == {("dprk_troops_russia.deployed", 9500, "approx", "Ukraine", "cumulative")}


def test_a_second_report_in_a_sentence_starts_its_own_clause() -> None:
    got = found(
        "A Pentagon spokesman said Pyongyang's forces were suffering heavy casualties and repeated that about "
        "11,500 of its soldiers had been sent to Russia."
    )
    assert got == {("dprk_troops_russia.deployed", 11500, "approx", "United States", "cumulative")}


def test_the_year_of_a_date_does_not_cut_a_running_total_from_its_noun() -> None:
    got = found(
        "Kyiv said Russian forces had lost 1,450 soldiers over the past day. The total since Feb. 24, 2022 now "
        "stands at more than 905,000, it said.",
        published=date(2025, 3, 20),
    )
    assert ("russia_troops.casualties", 905000, "more_than", "Ukraine", "cumulative") in got


def test_a_part_counts_what_is_said_of_it_not_the_wholes_loss() -> None:
    got = found("Some 5,100 North Koreans were killed or wounded, about 700 of them dead, the NIS said.")
    assert got == {
        ("dprk_troops_russia.casualties", 5100, "approx", "NIS", "cumulative"),
        ("dprk_troops_russia.killed", 700, "approx", "NIS", "cumulative"),
    }


def test_a_row_of_people_sent_is_a_headcount_under_a_heading_about_losses() -> None:
    got = found(
        "North Korean losses in Kursk, by the spy agency's count\n\n"
        "| Item | NIS |\n|---|---|\n| Soldiers sent | about 14,000 |\n| Killed or wounded | about 5,000 |"
    )
    assert got == {
        ("dprk_troops_russia.deployed", 14000, "approx", "NIS", "cumulative"),
        ("dprk_troops_russia.casualties", 5000, "approx", "NIS", "cumulative"),
    }


# Round 4: constructions met in real coverage, in our own words.


def test_putting_the_total_at_is_a_running_total_after_a_days_count() -> None:
    got = found(
        "Kyiv's daily report counts 980 casualties in the past day alone, putting Russia's overall personnel "
        "losses at 1,034,200.",
        published=date(2025, 8, 1),
    )
    assert ("russia_troops.casualties", 1034200, "exact", "Ukraine", "cumulative") in got


def test_how_long_a_figure_has_stood_is_no_period() -> None:
    got = found("The spy agency still puts North Korean deaths at about 620, a figure unchanged since May.")
    assert got == {("dprk_troops_russia.killed", 620, "approx", "NIS", "cumulative")}


def test_a_rates_period_does_not_pass_to_the_total_after_it() -> None:
    got = found(
        "British intelligence says Russia has lost about 1,100 soldiers a day over the past year, and that its "
        "total losses are near 1.05 million.",
        published=date(2025, 8, 1),
    )
    assert got == {("russia_troops.casualties", 1050000, "at_most", "United Kingdom", "cumulative")}


def test_a_mark_passed_by_a_long_named_tally_is_a_past_state() -> None:
    got = found(
        "Kyiv's tally of Russian battlefield losses passed 900,000 at the weekend, and the General Staff's "
        "figure stood at 900,480 on Monday.",
        published=date(2025, 3, 4),
    )
    assert got == {("russia_troops.casualties", 900480, "exact", "Ukraine", "cumulative")}


def test_speakers_with_a_capitalised_body_or_an_insert() -> None:
    got = found(
        "Officials in Kyiv put North Korea's casualties at 4,300 so far. The British, in their own assessment, "
        "say that up to 5,200 may have been killed or wounded. Ukraine's defence minister said about 11,800 "
        "troops from the North were in Kursk."
    )
    assert got == {
        ("dprk_troops_russia.casualties", 4300, "exact", "Ukraine", "cumulative"),
        ("dprk_troops_russia.casualties", 5200, "at_most", "United Kingdom", "cumulative"),
        ("dprk_troops_russia.deployed", 11800, "approx", "Ukraine", "cumulative"),
    }


def test_a_possessive_unnamed_speaker_is_named_in_the_next_sentence() -> None:
    got = found(
        "The think tank's count of North Korean dead now stands at 1,650. The Institute for the Study of War "
        "said the real number was probably higher."
    )
    assert got == {("dprk_troops_russia.killed", 1650, "exact", "ISW", "cumulative")}


def test_a_ratios_second_number_counts_nothing() -> None:
    got = found(
        "Nearly six in ten of the roughly 11,000 North Korean soldiers in Kursk were hurt, officials in Seoul said."
    )
    assert {row[1] for row in got} == {11000}


def test_them_in_puts_them_at_is_what_the_sentence_before_named() -> None:
    got = found(
        "Pyongyang has never published its number of war dead. South Korea's spy agency puts them at about 2,100."
    )
    assert got == {("dprk_troops_russia.killed", 2100, "approx", "NIS", "cumulative")}


def test_the_whole_a_part_is_taken_from_is_the_headcount() -> None:
    got = found(
        "Western officials say that of the North Korean soldiers sent to Kursk, 4,200 of the roughly 11,500 "
        "became casualties."
    )
    assert got == {
        ("dprk_troops_russia.casualties", 4200, "exact", "Western officials", "cumulative"),
        ("dprk_troops_russia.deployed", 11500, "approx", "Western officials", "cumulative"),
    }


def test_a_phrase_in_the_clause_after_a_rate_still_bounds_its_own_count() -> None:
    got = found(
        "Russian units are losing about 1,500 men a day near Pokrovsk, and their losses this year have reached "
        "390,000 killed and wounded, Syrskyi said.",
        published=date(2025, 11, 1),
    )
    assert got == {("russia_troops.casualties", 390000, "exact", "Ukraine", "period")}


# A whole war's running total only grows: a source's lower totals in the same text are marks passed before.


def test_a_sources_lower_running_totals_in_a_text_are_marks_it_passed() -> None:
    got = found(
        "On Monday the General Staff put Russian losses at 1,031,560. By Kyiv's count the tally stood at "
        "790,000 in early January and crossed 900,000 in the spring.",
        published=date(2025, 8, 4),
    )
    assert got == {("russia_troops.casualties", 1031560, "exact", "Ukraine", "cumulative")}


def test_a_headline_ceiling_is_not_a_total_reached() -> None:
    got = found(
        "About 960,000 Russian troops have been killed or wounded, the think tank CSIS estimated on Tuesday.",
        title="Russian casualties near 1 million, CSIS says",
    )
    assert ("russia_troops.casualties", 960000, "approx", "CSIS", "cumulative") in got


def test_losses_that_passed_marks_in_past_months_are_history() -> None:
    got = found(
        "By Kyiv's count, Russian losses passed 200,000 in February 2023 and 400,000 in January 2024; the "
        "General Staff now puts them at 1,031,560.",
        published=date(2025, 8, 4),
    )
    assert got == {("russia_troops.casualties", 1031560, "exact", "Ukraine", "cumulative")}


def test_losses_reached_in_a_year_are_that_years() -> None:
    got = found(
        "Russia's losses this year have reached 260,000 killed and wounded, Syrskyi said.",
        published=date(2025, 7, 1),
    )
    assert got == {("russia_troops.casualties", 260000, "exact", "Ukraine", "period")}


def test_whom_a_source_tells_is_the_listener_not_the_speaker() -> None:
    got = found(
        "Ukrainian officials said they hold two North Korean prisoners.",
        title="Kyiv tells visiting lawmaker it holds two North Korean POWs",
    )
    assert {row[3] for row in got} == {"Ukraine"}


def test_soldiers_of_the_other_side_reported_alive_were_taken_prisoner() -> None:
    got = found("Kyiv says its paratroopers took three North Korean soldiers alive near Sudzha.")
    assert got == {("dprk_troops_russia.captured", 3, "exact", "Ukraine", "cumulative")}
    got = found(
        "Ukrainian troops have taken North Korean soldiers prisoner in Kursk. Three of them, wounded but alive, "
        "are being questioned in Kyiv, Zelensky said."
    )
    assert got == {("dprk_troops_russia.captured", 3, "exact", "Ukraine", "cumulative")}


def test_days_added_up_are_no_sum_over_sides() -> None:
    got = found(
        "Russian forces lost 2,610 soldiers over the weekend, Saturday and Sunday combined, Kyiv said on Monday.",
        published=date(2025, 3, 10),
    )
    assert {(row[1], row[4]) for row in got} == {(2610, "period")}


def test_dead_and_wounded_put_at_a_number_is_one_count() -> None:
    got = found("A leaked Pentagon assessment puts Russian dead and wounded at 330,000.")
    assert got == {("russia_troops.casualties", 330000, "exact", "United States", "cumulative")}


def test_a_bare_estimate_after_a_compared_count_counts_the_same() -> None:
    got = found(
        "How many North Koreans have been hurt? Kyiv says 4,200 have been killed or wounded. Seoul's spy agency "
        "says 3,100-plus."
    )
    assert ("dprk_troops_russia.casualties", 3100, "more_than", "NIS", "cumulative") in got


# Tables: changes, things named after their modifiers, regional rows, labels of place.


def test_a_column_of_changes_is_no_count() -> None:
    got = found(
        "Russian losses by month, per Kyiv\n\n| Month | Killed and wounded | Change on previous month |\n"
        "|---|---|---|\n| November 2024 | 45,680 | +3,700 |\n| December 2024 | 48,670 | -1,200 |",
        published=date(2025, 1, 10),
    )
    assert {row[1] for row in got} == {45680, 48670}


def test_a_row_of_things_named_after_modifiers_is_no_figure() -> None:
    got = found(
        "Total combat losses of the enemy to date, according to Ukraine's General Staff\n\n| Category | Total |\n|---|---|\n"
        "| Personnel | 1,012,400 |\n| Armoured fighting vehicles | 23,010 |\n| Containers shipped | 14,000 |"
    )
    assert got == {("russia_troops.casualties", 1012400, "exact", "Ukraine", "cumulative")}


def test_a_row_that_opens_with_a_place_is_regional() -> None:
    got = found(
        "Syrskyi's figures for Russian losses\n\n| Area / period | Russian losses |\n|---|---|\n"
        "| Kharkiv direction, since May | 21,000+ |\n| All fronts, since 24 Feb 2022 | 805,000+ |",
        published=date(2025, 1, 20),
    )
    assert got == {("russia_troops.casualties", 805000, "more_than", "Ukraine", "cumulative")}


def test_an_apposition_closed_before_would_is_a_plan() -> None:
    got = found(
        "Pyongyang has agreed to send more help, Shoigu said. The package, 4,000 builders and 2,000 sappers, "
        "would come on top of the troops already sent."
    )
    assert not got


def test_a_unit_named_just_before_a_loss_owns_it() -> None:
    got = found(
        "Kim Jong Un welcomed a sapper battalion home, calling the loss of eleven lives a sacrifice for the "
        "motherland; Seoul thinks about 1,000 sappers were sent."
    )
    assert ("dprk_troops_russia.killed", 11, "exact", "North Korea", "period") in got


def test_a_warning_after_an_estimate_is_its_own_clause() -> None:
    got = found(
        "Russia has suffered about 1.1 million casualties, the think tank CSIS said, warning that losses on both "
        "sides together could reach 1.8 million next year."
    )
    assert got == {("russia_troops.casualties", 1100000, "approx", "CSIS", "cumulative")}


def test_what_a_source_drew_on_does_not_speak_and_a_review_speaks_for_its_author() -> None:
    got = found(
        "British defence intelligence published its monthly review on Friday. Drawing on the same Ukrainian "
        "reporting, the review put Russian losses for 2024 at 428,000.",
        published=date(2025, 1, 10),
    )
    assert got == {("russia_troops.casualties", 428000, "exact", "United Kingdom", "period")}


def test_a_forces_members_counted_by_rank_are_a_part_not_the_headcount() -> None:
    got = found(
        "North Korea has sent about 11,000 soldiers, the NIS said. Kyiv's intelligence says the contingent "
        "includes some 450 officers and four generals."
    )
    assert got == {("dprk_troops_russia.deployed", 11000, "approx", "NIS", "cumulative")}


def test_a_table_column_of_things_or_weekly_changes_gives_no_figure() -> None:
    text = (
        "Russian losses each Monday, as counted by Ukraine's General Staff\n\n"
        "| Date | Personnel (cumulative) | Change over week | Artillery systems (cumulative) |\n"
        "|---|---|---|---|\n"
        "| 2025-09-01 | 1,080,100 | +6,900 | 32,410 |\n"
        "| 2025-09-08 | 1,087,300 | +7,200 | 32,470 |\n"
    )
    found = FigureExtractor().extract(text, language="en", published=date(2025, 9, 9))
    assert sorted((f.series, f.value) for f in found) == [
        ("russia_troops.casualties", 1080100),
        ("russia_troops.casualties", 1087300),
    ]


def test_a_concessive_clause_after_a_headcount_does_not_lend_it_its_losses() -> None:
    text = (
        "A lawmaker briefed by the spy agency said some 12,000 North Korean soldiers are still deployed in "
        "Russia, even after months of heavy losses."
    )
    found = FigureExtractor().extract(text, language="en", published=date(2025, 3, 1))
    assert [(f.series, f.value) for f in found] == [("dprk_troops_russia.deployed", 12000)]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Nearly 1,000 North Korean Troops Wounded — South Korean Spy Agency",
            [("dprk_troops_russia.wounded", 1000, "NIS")],
        ),
    ],
)
def test_a_title_case_headline_names_its_source(title: str, expected: list[tuple[str, float, str]]) -> None:
    found = FigureExtractor().extract("No figures in this body.", title=title, language="en")
    assert [(f.series, f.value, f.attributed_to) for f in found] == expected


def test_a_comparison_ending_a_headline_names_no_source() -> None:
    title = "Zelensky puts North Korean losses above 3,000, far higher than Seoul's count"
    found = FigureExtractor().extract("No figures in this body.", title=title, language="en")
    assert [(f.value, f.attributed_to) for f in found] == [(3000, "Ukraine")]


def test_a_title_case_headline_given_as_the_text_names_its_source() -> None:
    # A feed item or kicker often arrives as a lone Title Case line, without a separate title.
    got = found("Nearly 800 North Korean Soldiers Wounded, At Least 60 Dead: Seoul Spy Agency")
    assert got == {
        ("dprk_troops_russia.wounded", 800, "at_most", "NIS", "cumulative"),
        ("dprk_troops_russia.killed", 60, "at_least", "NIS", "cumulative"),
    }


# Scope: a count tied to any stretch of time is a period, however the stretch is named.

RU = "russia_troops.casualties"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a stretch named by its unit only, with no date: a period of unknown dates
        ("The ministry said the year as a whole cost Russia 429,660 troops.", (429660, "period", None, None)),
        ("Russia suffered 45,000 casualties during the month, the UK said.", (45000, "period", None, None)),
        (
            "Russia's annual losses reached 418,000, Ukraine's General Staff said.",
            (418000, "period", None, None),
        ),
        (
            "Russian losses in the year to November reached 390,000, the UK said.",
            (390000, "period", None, None),
        ),
        # ... or the stretch of that unit named before it
        (
            "In 2024 Russia lost 430,000 troops, the UK said; over the year, 45,000 died in Kursk alone.",
            (430000, "period", date(2024, 1, 1), date(2024, 12, 31)),
        ),
        (
            "The whole of 2024 cost Russia some 418,000 troops, the General Staff said.",
            (418000, "period", date(2024, 1, 1), date(2024, 12, 31)),
        ),
        # a month as the attribute of the count is what was counted, even after "put"
        (
            "British intelligence put Russia's March losses at an estimated 41,200 killed and wounded.",
            (41200, "period", date(2025, 3, 1), date(2025, 3, 31)),
        ),
        # a span without a preposition, marked as the only one counted
        (
            "Ukraine's General Staff said about 9,000 Russian troops were killed or wounded, past week only.",
            (9000, "period", date(2025, 4, 25), date(2025, 5, 2)),
        ),
        # a phrase followed by a reported clause dates the estimate, not the count
        (
            "The report follows a British estimate in April that Russia had suffered more than 950,000 casualties.",
            (950000, "cumulative", None, None),
        ),
    ],
)
def test_a_count_tied_to_a_stretch_of_time_is_a_period(
    text: str, expected: tuple[float, str, date | None, date | None]
) -> None:
    got = [
        (f.value, f.scope, f.period_start, f.period_end)
        for f in FX.extract(text, None, "en", published=date(2025, 5, 2))
        if f.series == RU
    ]
    assert got[:1] == [expected]


def test_a_mission_of_a_named_unit_bounds_its_losses() -> None:
    text = "Kim Jong Un said seven soldiers had died during the battalion's 90-day demining mission in Kursk."
    assert {f[4] for f in found(text)} == {"period"}


def test_since_the_troops_entered_the_fighting_is_the_running_total() -> None:
    text = (
        "Since the North Koreans entered the fighting in December, Ukraine says, upwards of 4,500 of them have "
        "been killed or wounded."
    )
    assert found(text) == {("dprk_troops_russia.casualties", 4500, "more_than", "Ukraine", "cumulative")}


def test_a_second_reported_claim_does_not_share_the_first_claims_year() -> None:
    text = (
        "The NIS estimated that North Korea sent roughly 12,000 combat troops in 2024 and that about 2,500 have "
        "been killed."
    )
    assert {(f[0], f[4]) for f in found(text)} == {
        ("dprk_troops_russia.deployed", "cumulative"),
        ("dprk_troops_russia.killed", "cumulative"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "On average, 1,340 Russian troops were killed or wounded per day in March, according to the General Staff.",
        "The UK said Russia's average daily casualties in March were about 1,340.",
    ],
)
def test_an_average_is_a_rate_not_a_count(text: str) -> None:
    assert found(text) == set()


# A period count compared with another period's count: both are figures; a running total's older value is not.


@pytest.mark.parametrize(
    "text",
    [
        "Russia lost 36,000 troops in November, up from 33,000 in October, the General Staff said.",
        "The UK said the year as a whole cost Russia 36,000 troops compared with 33,000 in 2023.",
        "Ukraine said Russia lost about 36,000 soldiers between Jan. 1 and Jan. 31, down from 33,000 in 2024.",
    ],
)
def test_a_period_count_compared_with_another_periods_count_gives_both(text: str) -> None:
    got = FX.extract(text, None, "en", published=date(2025, 2, 10))
    assert [(f.series, f.value, f.scope) for f in got] == [(RU, 36000, "period"), (RU, 33000, "period")]
    assert got[1].period_start is not None and got[1].period_start.year in (2023, 2024)
    assert got[0].attributed_to == got[1].attributed_to


def test_a_running_totals_older_value_compared_stays_history() -> None:
    text = "The NIS now puts North Korean casualties at 3,400, up from 1,200 in December."
    assert [f[1] for f in found(text)] == [3400]


def test_between_two_days_is_a_period_with_those_dates() -> None:
    text = "Ukraine said Russia lost about 36,000 soldiers between Jan. 1 and Jan. 31."
    got = FX.extract(text, None, "en", published=date(2025, 2, 10))
    assert [(f.scope, f.period_start, f.period_end) for f in got] == [
        ("period", date(2025, 1, 1), date(2025, 1, 31))
    ]


# Small numbers that count something else: the speakers, a ratio, a table cell's rotations.


@pytest.mark.parametrize(
    "text",
    [
        "North Korean troops were pulled back after heavy losses, three U.S. officials said.",
        "North Korean units took heavy losses in Kursk, two senior South Korean lawmakers said.",
        "One think tank estimates that 3 of every 10 North Korean soldiers sent to Russia were killed.",
    ],
)
def test_a_small_number_counting_speakers_or_a_ratio_is_no_figure(text: str) -> None:
    assert found(text) == set()


def test_a_table_cell_counts_only_its_people_not_its_rotations() -> None:
    text = (
        "| Source | Date | Estimate |\n|---|---|---|\n| NIS | 2025-04-30 | 14,000 troops in three rotations |"
    )
    got = found(text)
    assert {(f[1], f[3]) for f in got} == {(14000, "NIS")}


# A count with no noun of its own takes its metric from what befalls it, never from a circumstance.


def test_a_bare_count_placed_somewhere_is_a_headcount_despite_losses_named_after_it() -> None:
    text = (
        "North Korea sent about 13,000 soldiers to Russia last year. The spy agency believes roughly 10,500 are "
        "still in Kursk despite heavy losses, a lawmaker said after an NIS briefing."
    )
    got = {(f[0], f[1]) for f in found(text)}
    assert ("dprk_troops_russia.deployed", 10500) in got
    assert not any(f[0] == "dprk_troops_russia.casualties" for f in got)


# Sources named as real reporting names them.


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Ukrainian forces killed or wounded about 800 North Korean troops in Kursk, the Special Operations "
            "Forces said.",
            "Ukraine",
        ),
        (
            "Denmark's chief of defence told a broadcaster that Russia had probably suffered around 150,000 "
            "killed or wounded soldiers.",
            "Denmark",
        ),
        (
            "The chairman of the U.S. Joint Chiefs of Staff said Russia had suffered well over 90,000 soldiers "
            "killed and wounded.",
            "United States",
        ),
    ],
)
def test_a_source_named_by_its_office_is_its_government(text: str, source: str) -> None:
    assert {f[3] for f in found(text)} == {source}


def test_an_unnamed_speaker_described_by_a_relative_clause_is_the_one_named_before() -> None:
    text = (
        "UK Defence Intelligence said on Friday that Russia had lost more than 950,000 troops since the invasion. "
        "The ministry, which bases its monthly estimates on Ukrainian General Staff data, said Russia suffered "
        "about 31,000 casualties in May."
    )
    assert {(f[1], f[3]) for f in found(text, published=date(2025, 6, 13))} == {
        (950000, "United Kingdom"),
        (31000, "United Kingdom"),
    }


def test_one_sides_figures_added_together_are_no_joint_count() -> None:
    text = (
        "Ukraine's General Staff bulletins, added together, show that Russian forces lost about 390,000 "
        "soldiers killed or wounded in 2024."
    )
    assert {(f[1], f[4]) for f in found(text)} == {(390000, "period")}


@pytest.mark.parametrize(
    ("text", "value", "month"),
    [
        (
            "British intelligence put Russia's March losses at an estimated 41,200 killed and wounded. "
            "The figure for February was 39,800.",
            39800,
            2,
        ),
        (
            "The costliest month was February, when about 39,800 Russian soldiers were put out of action.",
            39800,
            2,
        ),
    ],
)
def test_a_month_named_as_what_a_figure_covers_bounds_it(text: str, value: float, month: int) -> None:
    got = [f for f in FX.extract(text, None, "en", published=date(2025, 5, 2)) if f.value == value]
    assert [(f.scope, f.period_start) for f in got] == [("period", date(2025, month, 1))]


@pytest.mark.parametrize(
    "text",
    [
        "The NIS said Russian ships ferried roughly 1,800 North Korean special forces troops to Vladivostok.",
        "The Pentagon estimates that 1,800 soldiers from the North travelled to the Kursk region this autumn.",
    ],
)
def test_troops_carried_or_travelling_to_the_theatre_are_the_deployment(text: str) -> None:
    assert {(f[0], f[1]) for f in found(text)} == {("dprk_troops_russia.deployed", 1800)}


@pytest.mark.parametrize(
    "text",
    [
        "North Korea's army, about 1.3 million strong, is one of the world's largest.",
        "A Russian official said Kim Jong Un would send 800 deminers to the Kursk region and 4,000 military "
        "builders to repair roads there.",
    ],
)
def test_a_standing_army_or_every_count_of_a_planned_list_is_no_figure(text: str) -> None:
    assert found(text) == set()


# Title Case and all-caps headlines read like ordinary text; names keep their capitals.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russian Casualties Pass One Million, Kyiv Says",
            (RU, 1_000_000, "more_than", "Ukraine", "cumulative"),
        ),
        (
            "RUSSIAN CASUALTIES PASS ONE MILLION, KYIV SAYS",
            (RU, 1_000_000, "more_than", "Ukraine", "cumulative"),
        ),
        (
            "NIS SAYS 2,500 NORTH KOREAN TROOPS KILLED IN RUSSIA",
            ("dprk_troops_russia.killed", 2500, "exact", "NIS", "cumulative"),
        ),
    ],
)
def test_a_title_case_or_all_caps_headline_reads_its_count(text: str, expected: Row) -> None:
    assert found(text) == {expected}


def test_a_capitalised_comparison_ending_a_headline_names_no_source() -> None:
    title = "Zelensky Puts North Korean Losses Above 3,500, Far Higher Than Seoul's Count"
    got = FX.extract("No figures in this body.", title=title, language="en")
    assert [(f.value, f.attributed_to) for f in got] == [(3500, "Ukraine")]


def test_the_country_troops_fight_or_die_for_is_not_the_second_counts_subject() -> None:
    text = (
        "At least 120 North Korean soldiers sent to fight for Russia have been killed and nearly 900 wounded, "
        "the NIS told lawmakers."
    )
    assert found(text) == {
        ("dprk_troops_russia.killed", 120, "at_least", "NIS", "cumulative"),
        ("dprk_troops_russia.wounded", 900, "at_most", "NIS", "cumulative"),
    }


def test_a_month_named_as_russias_costliest_bounds_and_owns_its_count() -> None:
    text = (
        "Defence Intelligence assessed that March 2025 was Russia's costliest month of the war, with 44,300 "
        "casualties, and that losses averaged 1,430 a day."
    )
    assert [
        (f.series, f.value, f.attributed_to, f.scope, f.period_start)
        for f in FX.extract(text, None, "en", published=date(2025, 4, 10))
    ] == [(RU, 44300, "United Kingdom", "period", date(2025, 3, 1))]


def test_an_armys_whole_strength_is_no_deployment() -> None:
    text = (
        "North Korea's army numbers about 1.3 million active personnel, according to Seoul's 2023 defence white "
        "paper, some 150,000 of them in special operations units such as the Storm Corps."
    )
    assert found(text) == set()


def test_a_bare_count_after_others_named_in_its_sentence_is_not_ours() -> None:
    text = (
        "South Korea treats all North Koreans as its citizens; more than 33,000 defectors have resettled in the "
        "South since 1998, the ministry says, though only 190 arrived last year."
    )
    assert found(text) == set()


def test_a_previous_estimate_with_a_clause_set_off_before_its_value_is_history() -> None:
    text = (
        "The NIS now puts North Korean casualties at about 4,500. Its previous estimate of total casualties, "
        "given at a January briefing, was more than 3,000."
    )
    assert {f[1] for f in found(text)} == {4500}


def test_a_period_count_set_against_another_periods_count_gives_both() -> None:
    text = "The review put Russian losses for the whole of 2024 at a record 420,000, against almost 250,000 in 2023."
    got = FX.extract(text, None, "en", published=date(2025, 1, 7))
    assert [(f.value, f.qualifier, f.scope, f.period_start) for f in got] == [
        (420000, "exact", "period", date(2024, 1, 1)),
        (250000, "at_most", "period", date(2023, 1, 1)),
    ]


def test_a_participle_of_giving_dates_the_estimate_not_the_count() -> None:
    text = "Zelensky's latest estimate, given in February, is 3,900 North Korean soldiers killed or wounded."
    assert found(text, published=date(2025, 3, 20)) == {
        ("dprk_troops_russia.casualties", 3900, "exact", "Ukraine", "cumulative")
    }


def test_an_older_estimate_recalled_in_a_when_clause_after_a_comparison_is_history() -> None:
    text = (
        "The NIS now puts North Korean casualties at about 4,800. That is far higher than the agency's estimate "
        "in January, when it put the dead at about 280 and the wounded at 2,600."
    )
    assert {f[1] for f in found(text)} == {4800}


def test_wounded_returned_home_are_no_figure() -> None:
    text = (
        "About 1,800 of the injured were returned to North Korea by plane between January and March and are "
        "being held in isolation, a lawmaker said."
    )
    assert found(text) == set()


# Scope: a count bounded by one engagement, a named offensive or battle, a short stretch of no exact length, a
# quarter or a season is a period, however the bound is worded; doubt never makes a running total.


@pytest.mark.parametrize(
    "bound",
    [
        "in a single missile strike",
        "on a single day",
        "on that single night",
        "during the offensive",
        "in the battle for Pokrovsk",
        "during Russia's summer offensive",
        "in the December assaults",
        "in the first wave",
        "in the assault on Pogrebki",
        "during the retreat from Vovchansk",
        "within days",
        "in a matter of weeks",
        "in under a month",
        "in the first quarter",
        "this past summer",
        "since the summer",
        "since the new year",
    ],
)
def test_a_count_bounded_by_an_engagement_or_a_loose_stretch_is_a_period(bound: str) -> None:
    got = found(f"Kyiv said Russian forces had lost 41,000 soldiers {bound}.", published=date(2025, 11, 20))
    assert {(row[1], row[4]) for row in got} == {(41000, "period")}, got


def test_the_kursk_offensive_is_the_whole_war_of_north_koreas_troops() -> None:
    got = found("Ukraine said 1,200 North Korean soldiers had been killed in the Kursk offensive.")
    assert {(row[1], row[4]) for row in got} == {(1200, "cumulative")}
    got = found("Ukraine said 1,200 North Korean soldiers had been killed in the Pokrovsk offensive.")
    assert {(row[1], row[4]) for row in got} == {(1200, "period")}


def test_since_a_season_before_the_deployment_counts_from_its_start() -> None:
    text = "Ukraine said 4,000 North Korean soldiers had been killed or wounded since late autumn."
    assert {row[4] for row in found(text, published=date(2025, 3, 28))} == {"cumulative"}
    text = "Kyiv said Russian forces had lost 120,000 soldiers since late autumn."
    assert {row[4] for row in found(text, published=date(2025, 3, 28))} == {"period"}


def test_on_the_same_day_dates_a_statement_not_an_engagement() -> None:
    got = found("Ukraine's General Staff put Russia's losses at 1,235,720 on the same day.")
    assert {(row[1], row[4]) for row in got} == {(1235720, "cumulative")}


# A small number word that counts things ("two waves", "three rotations") is no count of ours, and does not cut
# the counts around it apart: the partitive before it still gives them their people.


@pytest.mark.parametrize("things", ["in two waves", "over three rotations", "from four brigades"])
def test_a_small_count_of_things_does_not_cut_a_partitive_apart(things: str) -> None:
    got = found(
        f"Of the roughly 15,000 North Korean troops sent to Russia {things}, around 600 have been killed and "
        "some 4,700 have become casualties, the NIS told lawmakers."
    )
    assert got == {
        ("dprk_troops_russia.deployed", 15000, "approx", "NIS", "cumulative"),
        ("dprk_troops_russia.killed", 600, "approx", "NIS", "cumulative"),
        ("dprk_troops_russia.casualties", 4700, "approx", "NIS", "cumulative"),
    }


# A qualifier after the number ("600 or so", "2,000-odd") does not hide the noun phrase after it: the loss that
# follows that noun still says what the number counts.


@pytest.mark.parametrize("hedge", ["or so", "or thereabouts"])
def test_a_qualifier_after_the_number_keeps_the_loss_after_its_noun(hedge: str) -> None:
    got = found(
        f"North Korea has lost 600 {hedge} soldiers killed and 2,000 or so wounded, the NIS estimates."
    )
    assert ("dprk_troops_russia.killed", 600, "approx", "NIS", "cumulative") in got
    assert not any(row[0] == "dprk_troops_russia.casualties" for row in got), got


# A plan's size, and a part of a plan, are no headcount in Russia.


@pytest.mark.parametrize(
    "text",
    [
        "The NIS believes Pyongyang is working through a third deployment plan of 6,000 soldiers and engineers.",
        "The NIS said Pyongyang had drawn up a plan involving 6,000 soldiers and engineers.",
        "The NIS believes Pyongyang has a new deployment plan, and that around 1,000 combat engineers from that "
        "plan have already arrived in Russia.",
    ],
)
def test_a_plans_size_or_part_is_no_headcount(text: str) -> None:
    assert found(text) == set()


# Whose losses a toll is may be named after it: "the toll on Russia", "the cost to Moscow".


@pytest.mark.parametrize("whose", ["the war's overall toll on Russia", "the cost to Moscow so far"])
def test_a_toll_on_russia_is_russias_even_in_a_north_korea_story(whose: str) -> None:
    got = found(
        "Ukraine said 300 North Korean soldiers had been killed. Separately, Ukraine's General Staff said "
        f"{whose} had reached 768,000 soldiers killed and wounded."
    )
    assert ("russia_troops.casualties", 768000, "exact", "Ukraine", "cumulative") in got, got
    assert not any(row[0] == "dprk_troops_russia.casualties" for row in got), got


# "It stood at ..." is the count the text was giving, however its day is named.


@pytest.mark.parametrize("when", ["As of Tuesday morning", "By Tuesday evening", "On Tuesday morning"])
def test_it_stood_at_is_the_running_count_with_a_part_of_the_day(when: str) -> None:
    got = found(f"Kyiv publishes a daily tally of Russian losses. {when} it stood at 1,169,900.")
    assert {(row[0], row[1], row[4]) for row in got} == {("russia_troops.casualties", 1169900, "cumulative")}


# "Fighting on Russia's side" names the ally, not whose losses a count is.


def test_fighting_on_russias_side_is_no_russian_loss() -> None:
    got = found(
        "President Volodymyr Zelensky says North Korean troops fighting on Russia's side have suffered 4,000 "
        "casualties, counting both the killed and the wounded."
    )
    assert got == {("dprk_troops_russia.casualties", 4000, "exact", "Ukraine", "cumulative")}


def test_a_bulleted_dated_statement_dates_the_statement_not_the_count() -> None:
    got = found("- On 23 December, Zelensky said North Korean casualties in Kursk had passed 3,000.")
    assert {row[4] for row in got} == {"cumulative"}, got


# A table row of weapons named with a model or calibre first is still a row of things.


@pytest.mark.parametrize(
    "item", ["KN-23/24 ballistic missiles", "170mm self-propelled guns", "240mm rocket launchers"]
)
def test_a_table_row_of_designated_weapons_is_no_headcount(item: str) -> None:
    got = found(
        "South Korean estimates of what North Korea has sent to Russia.\n"
        f"| Item | Estimate | Source |\n|---|---|---|\n| {item} | ~250 | JCS |",
        title="What North Korea has shipped to Russia",
    )
    assert got == set(), got


# "Over" as the particle of a verb of handing ("handing over the two prisoners") is no hedge; after "taken" it is.


@pytest.mark.parametrize("verb", ["handing over the two", "handed over the 12", "turning over the 12"])
def test_over_after_a_verb_of_handing_is_no_hedge(verb: str) -> None:
    got = found(
        f"Ukraine's foreign ministry says it is ready to discuss {verb} North Korean prisoners it holds."
    )
    assert {row[2] for row in got} == {"exact"}, got


def test_over_after_taken_is_still_a_hedge() -> None:
    got = found("Britain's Defence Intelligence said North Korean troops had taken over 4,000 casualties.")
    assert {row[2] for row in got} == {"more_than"}, got


# A sentence that attributes what came before it names the source of the count before it.


@pytest.mark.parametrize(
    "attribution",
    [
        "So says South Korea's Joint Chiefs of Staff, which released the assessment on Monday.",
        "That is the assessment of South Korea's Joint Chiefs of Staff.",
        "The figure comes from South Korea's Joint Chiefs of Staff.",
    ],
)
def test_a_sentence_after_can_attribute_the_count_before_it(attribution: str) -> None:
    got = found(
        f"More than 1,000 North Korean troops have been killed or wounded since they entered combat. {attribution}"
    )
    assert got == {("dprk_troops_russia.casualties", 1000, "more_than", "South Korea", "cumulative")}


# Stretches of time the reporting bounds a count by that the first rounds did not read (written for these tests).


@pytest.mark.parametrize(
    "text",
    [
        # a count of the stretch's units: weeks, months, hours, or "both days"
        "Kyiv said Russian forces had lost 45,000 soldiers in three months.",
        "Kyiv said Russian forces had lost 18,000 soldiers within five weeks.",
        "Over the course of three weeks, Russian forces lost 12,000 soldiers, Kyiv said.",
        "Kyiv said Russian forces had lost 3,700 soldiers over the two days.",
        "Kyiv said Russian forces had lost 3,700 soldiers across both days.",
    ],
)
def test_a_count_bounded_by_a_stretch_reporters_name_otherwise_is_a_period(text: str) -> None:
    got = found(text, published=date(2025, 11, 20))
    assert len(got) == 1 and next(iter(got))[4] == "period", got


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv said Russian forces had lost 13,000 soldiers since the offensive began.",
        "Kyiv said Russian forces had lost 13,000 soldiers since the start of the Avdiivka assault.",
        "Russian forces have lost 13,000 soldiers in the weeks since the push began, Kyiv said.",
    ],
)
def test_since_one_offensive_began_is_a_period_not_the_war(text: str) -> None:
    got = found(text, published=date(2025, 11, 20))
    assert len(got) == 1 and next(iter(got))[4] == "period", got


def test_since_the_full_scale_offensive_is_still_the_war() -> None:
    text = "Kyiv said Russian forces had lost 1,100,000 soldiers since the start of the full-scale offensive."
    assert {f[4] for f in found(text)} == {"cumulative"}


@pytest.mark.parametrize(
    "text",
    [
        "Western officials said Russian forces had lost 200,000 soldiers in the first year of the invasion.",
        "During the war's second year, Russian forces lost about 250,000 soldiers, Western officials said.",
    ],
)
def test_one_year_of_the_war_by_its_rank_is_a_period(text: str) -> None:
    got = found(text, published=date(2025, 11, 20))
    assert len(got) == 1 and next(iter(got))[4] == "period", got


def test_between_two_days_of_one_month_is_a_period_with_those_dates() -> None:
    text = "Ukraine said Russia lost 2,030 soldiers between November 28 and 29."
    got = FX.extract(text, None, "en", published=date(2025, 12, 2))
    assert [(f.scope, f.period_start, f.period_end) for f in got] == [
        ("period", date(2025, 11, 28), date(2025, 11, 29))
    ]


def test_since_a_weekday_is_a_period_from_that_day() -> None:
    text = "Ukraine said Russia had lost 4,100 soldiers since Monday."
    got = FX.extract(text, None, "en", published=date(2025, 12, 5))  # a Friday
    assert [(f.scope, f.period_start, f.period_end) for f in got] == [
        ("period", date(2025, 12, 1), date(2025, 12, 5))
    ]


def test_this_past_week_is_the_week_back_from_the_article() -> None:
    text = "Ukraine said Russia lost 6,700 soldiers this past week."
    got = FX.extract(text, None, "en", published=date(2025, 12, 5))
    assert [(f.scope, f.period_start, f.period_end) for f in got] == [
        ("period", date(2025, 11, 28), date(2025, 12, 5))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine said Russia lost 2,030 soldiers on the deadliest day of the war.",
        "Ukraine said Russia lost 2,030 soldiers on its worst single day so far.",
    ],
)
def test_a_day_named_by_its_toll_is_a_period(text: str) -> None:
    got = found(text, published=date(2025, 11, 20))
    assert len(got) == 1 and next(iter(got))[4] == "period", got


def test_for_the_first_months_of_a_year_is_a_period_with_those_dates() -> None:
    text = "Britain said Russia lost about 82,000 soldiers for the first three months of 2024."
    got = FX.extract(text, None, "en", published=date(2024, 4, 7))
    assert [(f.scope, f.period_start, f.period_end) for f in got] == [
        ("period", date(2024, 1, 1), date(2024, 3, 31))
    ]


def test_month_to_date_is_this_months_period() -> None:
    text = "Ukraine said Russia had lost 42,250 soldiers month to date."
    got = FX.extract(text, None, "en", published=date(2025, 11, 29))
    assert [(f.scope, f.period_start, f.period_end) for f in got] == [
        ("period", date(2025, 11, 1), date(2025, 11, 29))
    ]


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Ukraine said Russia had lost 30,100 soldiers since the beginning of the month.", date(2025, 11, 1)),
        ("Ukraine said Russia had lost 6,100 soldiers since the start of the week.", date(2025, 11, 24)),
        ("Ukraine said Russia had lost 390,000 soldiers since New Year.", date(2025, 1, 1)),
    ],
)
def test_since_the_start_of_the_month_or_week_is_a_period_from_it(text: str, start: date) -> None:
    got = FX.extract(text, None, "en", published=date(2025, 11, 28))
    assert [(f.scope, f.period_start, f.period_end) for f in got] == [("period", start, date(2025, 11, 28))]


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv said Russian forces had lost 12,000 soldiers in a span of ten days.",
        "Kyiv said Russian forces had lost 5,000 soldiers in the space of three days.",
    ],
)
def test_a_span_of_days_is_a_period(text: str) -> None:
    got = found(text, published=date(2025, 11, 20))
    assert len(got) == 1 and next(iter(got))[4] == "period", got


def test_between_two_days_written_day_first_is_a_period_with_those_dates() -> None:
    text = "Ukraine said Russia lost 17,500 soldiers between 1 and 15 November."
    got = FX.extract(text, None, "en", published=date(2025, 11, 20))
    assert [(f.scope, f.period_start, f.period_end) for f in got] == [
        ("period", date(2025, 11, 1), date(2025, 11, 15))
    ]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        (
            "Ukraine said Russia lost 210,000 soldiers in the second half of 2024.",
            date(2024, 7, 1),
            date(2024, 12, 31),
        ),
        ("Ukraine said Russia lost 200,000 soldiers in H1 2025.", date(2025, 1, 1), date(2025, 6, 30)),
    ],
)
def test_a_half_of_a_year_is_a_period_with_its_dates(text: str, start: date, end: date) -> None:
    got = FX.extract(text, None, "en", published=date(2025, 7, 20))
    assert [(f.scope, f.period_start, f.period_end) for f in got] == [("period", start, end)]


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv said Russian forces had lost 7,100 soldiers in the prior week.",
        "Kyiv said Russian forces had lost 7,100 soldiers in the most recent week.",
        "Kyiv said Russian forces had lost 31,000 soldiers in the course of the month.",
        "Kyiv said Russian forces had lost 7,100 soldiers during the reporting period.",
    ],
)
def test_the_prior_week_or_the_reporting_period_is_a_period(text: str) -> None:
    got = found(text, published=date(2025, 11, 20))
    assert len(got) == 1 and next(iter(got))[4] == "period", got


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv said Russian forces had lost 4,300 soldiers over Christmas.",
        "Kyiv said Russian forces had lost 4,300 soldiers during the New Year holidays.",
        "Kyiv said Russian forces had lost 16,000 soldiers in the fighting for Pokrovsk.",
        "Kyiv said Russian forces had lost 16,000 soldiers during the storming of Avdiivka.",
        "Kyiv said Russian forces had lost 30,000 soldiers over the course of the summer offensive.",
    ],
)
def test_a_holiday_or_the_fight_for_one_place_is_a_period(text: str) -> None:
    got = found(text, published=date(2025, 11, 20))
    assert len(got) == 1 and next(iter(got))[4] == "period", got


def test_the_fighting_in_kursk_is_north_koreas_whole_war() -> None:
    text = "Ukraine said 4,000 North Korean soldiers had been killed or wounded in the fighting for Kursk."
    assert {f[4] for f in found(text)} == {"cumulative"}


def test_the_defence_of_ukraine_is_the_whole_war() -> None:
    text = "Kyiv said 1,100,000 Russian soldiers had been killed or wounded in the fight for Ukraine."
    assert {f[4] for f in found(text)} == {"cumulative"}


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv said Russian forces had lost 45,000 soldiers in the first 100 days.",
        "Kyiv said Russian forces had lost 45,000 soldiers in 100 days.",
        "Kyiv said Russian forces had lost 45,000 soldiers over the past 100 days.",
    ],
)
def test_a_stretch_of_a_hundred_days_or_more_is_a_period(text: str) -> None:
    got = found(text, published=date(2025, 11, 20))
    assert len(got) == 1 and next(iter(got))[4] == "period", got


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv said Russian forces had lost 9,000 soldiers in the final days of December.",
        "Kyiv said Russian forces had lost 9,000 soldiers in the closing weeks of 2024.",
        "Kyiv said Russian forces had lost 9,000 soldiers in the second week of November.",
        "Kyiv said Russian forces had lost 9,000 soldiers in the second month of the offensive.",
    ],
)
def test_a_part_of_a_month_a_year_or_an_offensive_is_a_period(text: str) -> None:
    got = found(text, published=date(2025, 11, 20))
    assert len(got) == 1 and next(iter(got))[4] == "period", got


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv said Russian forces had lost 1,900 soldiers during the ceasefire.",
        "Kyiv said Russian forces had lost 1,900 soldiers in the 30-hour Easter truce.",
    ],
)
def test_a_truce_bounds_a_count(text: str) -> None:
    got = found(text, published=date(2025, 11, 20))
    assert len(got) == 1 and next(iter(got))[4] == "period", got


def test_ceasefire_talks_bound_nothing() -> None:
    text = "Kyiv said Russian forces had lost 1,100,000 soldiers, a figure raised in the ceasefire talks."
    assert {f[4] for f in found(text)} == {"cumulative"}


def test_a_milestone_of_days_of_war_is_the_whole_war() -> None:
    text = "Kyiv said Russian forces had lost 240,000 soldiers in 500 days of war."
    assert {f[4] for f in found(text)} == {"cumulative"}


def test_the_month_so_far_is_this_months_period() -> None:
    text = "Ukraine said Russia's losses for the month so far reached 42,250."
    got = FX.extract(text, None, "en", published=date(2025, 11, 29))
    assert [(f.scope, f.period_start, f.period_end) for f in got] == [
        ("period", date(2025, 11, 1), date(2025, 11, 29))
    ]


@pytest.mark.parametrize(
    ("published", "start", "end"),
    [
        (date(2025, 11, 20), date(2025, 7, 1), date(2025, 9, 30)),
        (date(2025, 2, 3), date(2024, 10, 1), date(2024, 12, 31)),
    ],
)
def test_last_quarter_is_the_full_quarter_before_the_article(published: date, start: date, end: date) -> None:
    got = FX.extract(
        "Ukraine said Russia lost about 110,000 soldiers last quarter.", None, "en", published=published
    )
    assert [(f.scope, f.period_start, f.period_end) for f in got] == [("period", start, end)]


# Scope as reporting writes it (en/dev6): stretches that open a sentence, start from an event, or run between
# named days; the deployment's own start; tables dated in words.


def scoped(text: str, published: date) -> set[tuple[str, float, str, date | None, date | None]]:
    return {
        (f.series, f.value, f.scope, f.period_start, f.period_end)
        for f in FX.extract(text, None, "en", published=published)
    }


def test_since_a_weekday_opening_the_sentence_bounds_the_count() -> None:
    got = scoped(
        "Since Tuesday the Russian army has lost 3,120 men, Kyiv's General Staff said.", date(2025, 6, 6)
    )
    assert got == {("russia_troops.casualties", 3120, "period", date(2025, 6, 3), date(2025, 6, 6))}


def test_an_engagement_named_with_its_target_takes_the_day_before_the_count() -> None:
    got = scoped(
        "A Ukrainian missile strike on a North Korean barracks near Sudzha on Friday killed about 25 soldiers, "
        "a Ukrainian commander said.",
        date(2025, 1, 15),
    )
    assert got == {("dprk_troops_russia.killed", 25, "period", date(2025, 1, 10), date(2025, 1, 10))}


def test_over_a_year_is_that_years_stretch_not_a_hedged_number() -> None:
    got = scoped("Ukraine's army chief said Russia lost 411,000 soldiers over 2024.", date(2025, 2, 1))
    assert got == {("russia_troops.casualties", 411000, "period", date(2024, 1, 1), date(2024, 12, 31))}


def test_a_stretch_opening_the_sentence_bounds_a_count_after_another_number() -> None:
    text = (
        "In barely two months of combat, officials said, the North Korean force of about 12,000 had taken some "
        "3,600 casualties."
    )
    got = scoped(text, date(2025, 6, 1))
    assert ("dprk_troops_russia.casualties", 3600, "period", None, None) in got
    # two months back from early February reach the troops' first combat: the stretch is all their fighting
    assert ("dprk_troops_russia.casualties", 3600, "cumulative", None, None) in scoped(
        text, date(2025, 2, 10)
    )


def test_a_stretch_of_days_early_in_the_deployment_is_still_a_period() -> None:
    got = scoped(
        "Kyiv said it killed 40 North Korean soldiers over four days of assaults.", date(2024, 12, 20)
    )
    assert {f[2] for f in got} == {"period"}


def test_a_period_count_lifting_a_total_keeps_its_own_period() -> None:
    got = scoped(
        "Since the start of the year, roughly 1,800 North Korean troops have been killed or wounded, Kyiv "
        "believes, lifting their overall losses above 4,200.",
        date(2025, 2, 20),
    )
    assert got == {
        ("dprk_troops_russia.casualties", 1800, "period", date(2025, 1, 1), date(2025, 2, 20)),
        ("dprk_troops_russia.casualties", 4200, "cumulative", None, None),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Since arriving at the front, about 3,900 North Korean soldiers have been killed or wounded, Kyiv says.",
        "About 3,900 North Korean soldiers have been killed or wounded since being deployed to Kursk last November, "
        "Kyiv says.",
    ],
)
def test_since_arriving_is_the_whole_deployment(text: str) -> None:
    assert {f[2] for f in scoped(text, date(2025, 3, 3))} == {"cumulative"}


def test_since_an_event_began_in_a_month_starts_then() -> None:
    text = "Kyiv says Russia has lost 41,000 soldiers since the assault on Pokrovsk began in October."
    assert scoped(text, date(2025, 12, 4)) == {
        ("russia_troops.casualties", 41000, "period", date(2025, 10, 1), date(2025, 12, 4))
    }
    # North Korea's troops first fought in December 2024: from then on is their whole war
    text = "Seoul says about 1,300 North Koreans have been killed or wounded since the attacks began in December."
    assert {f[2] for f in scoped(text, date(2025, 1, 20))} == {"cumulative"}


def test_one_operation_or_incursion_bounds_a_count_and_a_stretch_since_it_ends_today() -> None:
    got = scoped("Ukraine put Russia's losses in the incursion at 14,300 soldiers.", date(2024, 10, 1))
    assert got == {("russia_troops.casualties", 14300, "period", None, None)}
    got = scoped(
        "In the six and a half months since the operation began, Russian losses have passed 49,000, Kyiv said.",
        date(2025, 3, 1),
    )
    assert got == {("russia_troops.casualties", 49000, "period", None, date(2025, 3, 1))}
    got = scoped(
        "Kyiv says 1,200,000 Russian troops have been lost in the special military operation.",
        date(2025, 9, 1),
    )
    assert {f[2] for f in got} == {"cumulative"}


def test_irrecoverable_losses_are_the_dead_not_casualties() -> None:
    got = scoped(
        "Russian casualties in the Kharkiv push have passed 30,000, of which over 11,000 were irrecoverable, Kyiv "
        "said.",
        date(2024, 8, 1),
    )
    assert {f[1] for f in got} == {30000}


def test_a_half_year_as_an_attribute_bounds_the_count() -> None:
    got = scoped("London put Russia's second-half losses at an estimated 220,000.", date(2025, 1, 10))
    assert got == {("russia_troops.casualties", 220000, "period", date(2024, 7, 1), date(2024, 12, 31))}


def test_a_stretch_between_two_weekdays_or_two_holidays_has_its_dates() -> None:
    got = scoped(
        "Kyiv said its troops killed 35 North Korean soldiers between Friday and Sunday.", date(2025, 1, 8)
    )
    assert got == {("dprk_troops_russia.killed", 35, "period", date(2025, 1, 3), date(2025, 1, 5))}
    got = scoped(
        "Kyiv counted some 250 North Korean casualties between Christmas Eve and New Year's Day.",
        date(2025, 1, 3),
    )
    assert got == {("dprk_troops_russia.casualties", 250, "period", date(2024, 12, 24), date(2025, 1, 1))}


def test_losses_in_a_period_opening_the_sentence_bound_a_count_set_off_by_dashes() -> None:
    got = scoped(
        "The NIS briefed lawmakers on Monday. Losses in the first half of 2025 were modest — about 300 killed — "
        "the agency said.",
        date(2025, 9, 1),
    )
    assert ("dprk_troops_russia.killed", 300, "period", date(2025, 1, 1), date(2025, 6, 30)) in got


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        (
            "Kyiv said Russia lost 9,300 troops in the first week of March.",
            date(2025, 3, 1),
            date(2025, 3, 7),
        ),
        (
            "Kyiv said Russia lost 17,300 troops over the first two weeks of March.",
            date(2025, 3, 1),
            date(2025, 3, 10),
        ),
        (
            "Kyiv said Russia lost 98,000 troops in the first 80 days of 2025.",
            date(2025, 1, 1),
            date(2025, 3, 21),
        ),
        (
            "Kyiv said Russia lost 9,100 troops in the seven days to Sunday.",
            date(2025, 3, 3),
            date(2025, 3, 9),
        ),
        (
            "Kyiv said Russia lost 9,100 troops in the seven days to Friday, March 7.",
            date(2025, 3, 1),
            date(2025, 3, 7),
        ),
    ],
)
def test_the_opening_days_of_a_month_and_days_counted_back_to_a_day_have_dates(
    text: str, start: date, end: date
) -> None:
    got = scoped(text, date(2025, 3, 10))
    assert [(f[2], f[3], f[4]) for f in got] == [("period", start, end)]


def test_table_rows_dated_in_words_and_weeks_as_day_ranges() -> None:
    table = (
        "| Report date | Russian losses in the past 24 hours (Kyiv) |\n|---|---|\n"
        "| 3 March 2025 | 1,310 |\n| 4 March 2025 | 1,260 |"
    )
    assert {(f[1], f[3], f[4]) for f in scoped(table, date(2025, 3, 6))} == {
        (1310, date(2025, 3, 2), date(2025, 3, 3)),
        (1260, date(2025, 3, 3), date(2025, 3, 4)),
    }
    table = "| Week | Russian losses (Kyiv) |\n|---|---|\n| 2–8 Dec 2024 | 9,870 |\n| Whole war | 772,000 |"
    assert scoped(table, date(2024, 12, 20)) == {
        ("russia_troops.casualties", 9870, "period", date(2024, 12, 2), date(2024, 12, 8)),
        ("russia_troops.casualties", 772000, "cumulative", None, None),
    }


def test_a_rise_by_an_increment_to_a_total_is_no_range() -> None:
    got = scoped("Kyiv's tally of Russian losses rose by 1,140 to 912,300 on Friday.", date(2025, 4, 5))
    assert {(f[1], f[2]) for f in got} == {(912300, "cumulative")}


def test_the_whole_of_a_month_compared_is_that_months_period() -> None:
    got = scoped(
        "In the first ten days of April, Russia's losses by Kyiv's count came to about 11,900, against 40,100 "
        "for the whole of March.",
        date(2025, 4, 11),
    )
    assert ("russia_troops.casualties", 40100, "period", date(2025, 3, 1), date(2025, 3, 31)) in got
    assert ("russia_troops.casualties", 11900, "period", date(2025, 4, 1), date(2025, 4, 10)) in got


@pytest.mark.parametrize(
    "text",
    [
        "Russia lost about 36,200 troops in April, according to Kyiv.",
        "Russia lost about 36,200 troops in April, Ukraine's Defence Ministry said.",
        "Russia lost about 36,200 troops in April, a spokeswoman for Ukraine's southern command said.",
        "The 47th Mechanised Brigade said it killed or wounded 36,200 Russian soldiers in April.",
    ],
)
def test_ukrainian_sources_as_reporters_name_them(text: str) -> None:
    assert {f[3] for f in found(text)} == {"Ukraine"}


def test_a_sentence_opening_with_a_sector_gives_a_regional_count() -> None:
    text = "Along the Kupiansk axis, Russian units lost 212 men over the past day, the General Staff said."
    assert found(text) == set()


def test_since_their_deployment_dates_a_total_and_counts_no_troops() -> None:
    got = scoped(
        "Kyiv said North Korean losses in April alone were about 900 killed or wounded, bringing the total since "
        "their deployment to more than 5,600.",
        date(2025, 5, 2),
    )
    assert ("dprk_troops_russia.casualties", 5600, "cumulative", None, None) in got
    assert not any(f[0] == "dprk_troops_russia.deployed" for f in got)


def test_the_years_first_months_are_dated() -> None:
    got = scoped(
        "London said Russia's toll over the year's first four months came to some 152,000.", date(2025, 5, 20)
    )
    assert got == {("russia_troops.casualties", 152000, "period", date(2025, 1, 1), date(2025, 4, 30))}


@pytest.mark.parametrize(
    ("text", "april"),
    [
        (
            "Kyiv said Russia lost 36,100 troops in May, 12% fewer than the 41,000 it lost in April.",
            (41000, "exact"),
        ),
        (
            "Kyiv said Russia lost 36,100 troops in May, more than the roughly 33,000 it lost in April.",
            (33000, "approx"),
        ),
    ],
)
def test_a_figure_compared_against_keeps_its_own_hedge(text: str, april: tuple[int, str]) -> None:
    got = FX.extract(text, None, "en", published=date(2025, 6, 2))
    assert [(f.value, f.qualifier, f.scope) for f in got if f.period_start == date(2025, 4, 1)] == [
        (*april, "period")
    ]


def test_the_running_count_after_a_total_and_its_part_is_the_totals_metric() -> None:
    text = (
        "Kyiv said Russia lost 398,000 troops in 2023, some 120,000 of them killed. "
        "The General Staff's running count stood at 744,000 on Jan. 9."
    )
    assert ("russia_troops.casualties", 744000, "cumulative", None, None) in scoped(text, date(2024, 1, 10))


def test_a_holidays_day_dates_a_running_total_or_bounds_a_days_loss() -> None:
    assert scoped("Kyiv said Russia's losses reached 791,200 on New Year's Day.", date(2025, 1, 2)) == {
        ("russia_troops.casualties", 791200, "cumulative", None, None)
    }
    assert scoped("Kyiv said Russia lost 1,350 troops on Christmas Day.", date(2025, 1, 2)) == {
        ("russia_troops.casualties", 1350, "period", date(2024, 12, 25), date(2024, 12, 25))
    }


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv said the two North Korean prisoners it holds are aged 22 and 27.",
        "Kyiv said it holds two North Korean prisoners. One is 19 years old, the other 24.",
    ],
)
def test_a_second_age_is_no_count(text: str) -> None:
    assert {f[1] for f in found(text)} == {2}


def test_a_towns_population_is_no_count() -> None:
    text = "Kyiv says Russia lost some 38,000 soldiers in the fighting for Chasiv Yar, whose population was about 12,000."
    assert {f[1] for f in found(text)} == {38000}


def test_a_headline_of_two_claims_gives_each_its_kicker() -> None:
    got = found(
        "Ukraine's General Staff said Russia had lost 311,400 soldiers so far this year.",
        title="Seoul: North Korea readies new troops; Kyiv: Russia has lost 311,400 this year",
        published=date(2025, 9, 30),
    )
    assert {(f[0], f[1], f[3]) for f in got} == {("russia_troops.casualties", 311400, "Ukraine")}


def test_ukraines_own_losses_are_the_other_side() -> None:
    text = (
        "A think tank puts Russian casualties at about 950,000. Kyiv's own losses it puts at up to 380,000."
    )
    assert {f[1] for f in found(text)} == {950000}


def test_a_part_on_a_named_day_of_a_total_is_that_days_count() -> None:
    got = scoped(
        "Russia has lost 1,062,300 soldiers, Kyiv said on Wednesday, including 1,150 on Tuesday.",
        date(2025, 8, 13),
    )
    assert got == {
        ("russia_troops.casualties", 1062300, "cumulative", None, None),
        ("russia_troops.casualties", 1150, "period", date(2025, 8, 12), date(2025, 8, 12)),
    }


def test_losses_exceeding_a_mark_in_a_named_stretch_are_that_stretchs_count() -> None:
    got = scoped(
        "In the first quarter of 2025 Russian losses exceeded 110,000, Kyiv said.", date(2025, 4, 10)
    )
    assert got == {("russia_troops.casualties", 110000, "period", date(2025, 1, 1), date(2025, 3, 31))}
    # a running total passing a mark at a point in time is its history
    assert (
        scoped("In February 2024, Kyiv's count of Russian losses passed 400,000.", date(2025, 4, 10)) == set()
    )


def test_the_day_of_the_week_named_by_its_toll_dates_the_count() -> None:
    got = scoped(
        "Kyiv said Russia lost 8,100 soldiers over the past week. The deadliest day was Thursday, when Russian "
        "losses reached 1,410.",
        date(2025, 6, 2),
    )
    assert ("russia_troops.casualties", 1410, "period", date(2025, 5, 29), date(2025, 5, 29)) in got


def test_a_table_counts_one_side_another_columns_source_names() -> None:
    table = "| | Dead (NIS) | Killed or wounded (Kyiv) |\n|---|---|---|\n| Early February | about 500 | more than 4,000 |"
    assert {(f[0], f[1], f[3]) for f in found(table, published=date(2025, 2, 10))} == {
        ("dprk_troops_russia.killed", 500, "NIS"),
        ("dprk_troops_russia.casualties", 4000, "Ukraine"),
    }


def test_the_counting_body_recording_again_counts_the_same_losses() -> None:
    text = (
        "Kyiv's General Staff put Russia's personnel losses at 1,204,000 on Friday. "
        "In the previous 24 hours alone it recorded 1,160."
    )
    assert ("russia_troops.casualties", 1160, "period", date(2025, 12, 4), date(2025, 12, 5)) in scoped(
        text, date(2025, 12, 5)
    )


@pytest.mark.parametrize(
    "text",
    [
        "In just three months of fighting, the running total of Russian losses reached 970,650, Kyiv said.",
        "In the past week, Russia's total losses passed 970,000, Kyiv said.",
    ],
)
def test_a_running_total_after_an_opening_stretch_is_never_that_stretchs_count(text: str) -> None:
    assert all(f[2] == "cumulative" for f in scoped(text, date(2025, 5, 14)))


# Mutation testing of figures/extractor.py (docs/testing.md, "Survivors"): behaviours no test pinned yet.


def test_a_count_dated_before_it_passes_a_mark_is_that_days_count() -> None:
    # "passed" with the day before the number is that day's count; only a period named after the mark
    # ("crossed 900,000 in the spring") makes it a running total's past state, which gives no figure.
    got = FX.extract(
        "Russian losses on 3 March alone passed 1,500 for the first time, British intelligence said.",
        None,
        "en",
        published=date(2025, 5, 2),
    )
    assert [(f.value, f.qualifier, f.attributed_to, f.scope, f.period_start, f.period_end) for f in got] == [
        (1500, "more_than", "United Kingdom", "period", date(2025, 3, 3), date(2025, 3, 3))
    ]


@pytest.mark.parametrize("when", ["this month", "this week"])
def test_a_daily_high_this_month_is_one_unnamed_day_not_the_month(when: str) -> None:
    # "a daily high of 2,030 this month" counts one day of the month, which the text does not name: a period
    # figure without dates, never the month so far.
    got = FX.extract(
        f"Russian losses hit a daily high of 2,030 {when}, according to Ukraine.",
        None,
        "en",
        date(2025, 5, 20),
    )
    assert [(f.value, f.scope, f.period_start, f.period_end) for f in got] == [(2030, "period", None, None)]


def test_a_report_is_credited_to_a_publisher_named_before_it_never_to_one_named_at_the_end() -> None:
    # "The report said" takes the publisher of a report named in an earlier sentence; with none named before,
    # a different study named in the closing sentence is not its author.
    text = (
        "The report said about 1,000 North Korean soldiers had been killed in Kursk. "
        "Fighting there went on into the spring. "
        "A separate study by the Institute for the Study of War looked at drone losses."
    )
    assert [(f.value, f.attributed_to) for f in FX.extract(text, None, "en", date(2025, 5, 2))] == [
        (1000, None)
    ]


def test_a_part_of_a_whole_with_nothing_said_of_either_counts_nothing() -> None:
    # "3,000 of the 11,000 were gone": neither number has a metric of its own or after it; no figure, no error.
    assert FX.extract("Seoul said 3,000 of the 11,000 were gone.", None, "en", date(2025, 5, 2)) == []


def test_a_long_sentences_quote_is_cut_to_600_characters_with_an_ellipsis() -> None:
    # The quote travels into alerts and the warehouse: a run-on sentence is cut, marked as cut, never longer.
    filler = " ".join(["the drills, the weather, the front line and the talks in the region"] * 8)
    text = (
        "South Korea's spy agency told lawmakers that about 3,000 North Korean soldiers had been killed or "
        f"wounded, in a long briefing on {filler}."
    )
    (figure,) = FX.extract(text, None, "en", date(2025, 5, 2))
    assert (figure.value, figure.attributed_to) == (3000, "NIS")
    assert len(figure.quote) == 600 and figure.quote == text[:597] + "..."


@pytest.mark.parametrize(
    ("after", "captured"),
    [
        (" Both are North Korean.", [2]),
        # Nothing refers back to the two: North Korean units nearby are not who was captured.
        (" North Korean units were nearby.", []),
        # "Both" opens another paragraph: not the captured pair's nationality.
        ("\n\nBoth are North Korean.", []),
    ],
)
def test_a_subject_given_back_by_the_next_sentence_only_in_its_paragraph_and_by_reference(
    after: str, captured: list[int]
) -> None:
    got = FX.extract(
        "Ukraine said its forces had captured two wounded soldiers in Kursk." + after,
        None,
        "en",
        date(2025, 5, 2),
    )
    assert [f.value for f in got if f.series == "dprk_troops_russia.captured"] == captured


def test_the_same_month_takes_the_month_named_in_the_opening_sentence() -> None:
    # "over the same month" refers to the period of the sentence before, also when that is the first sentence.
    got = FX.extract(
        "October was the bloodiest month of the year, Ukraine said. Russian losses over the same month reached 41,000.",
        None,
        "en",
        date(2025, 11, 3),
    )
    assert [(f.value, f.attributed_to, f.scope, f.period_start, f.period_end) for f in got] == [
        (41000, "Ukraine", "period", date(2025, 10, 1), date(2025, 10, 31))
    ]


def test_split_sentences_gives_the_headline_then_the_sentences_the_extractor_reads() -> None:
    # benchmarks/figures.py counts its work with it: the headline first, and "c." is no sentence end.
    assert split_sentences(
        "The NIS put the dead at c. 300 on Monday. Kyiv gave a higher count.", "North Korean losses", "en"
    ) == ["North Korean losses", "The NIS put the dead at c. 300 on Monday.", "Kyiv gave a higher count."]
    assert split_sentences(
        "Генштаб сообщил о потерях. По данным разведки, погибли около 300 человек.", None, "ru"
    ) == [
        "Генштаб сообщил о потерях.",
        "По данным разведки, погибли около 300 человек.",
    ]


# Round 9 (dev7): scope, then sources.

RU = "russia_troops.casualties"
NK_CAS = "dprk_troops_russia.casualties"


def test_a_month_as_the_subject_of_cost_bounds_its_count() -> None:
    got = found("October cost the Russian army roughly 28,000 killed and wounded, Kyiv's General Staff said.")
    assert got == {(RU, 28000, "approx", "Ukraine", "period")}


def test_a_month_in_the_next_rates_clause_is_the_rates_not_the_totals() -> None:
    got = found(
        "Western officials estimate Russia has lost over 700,000 troops, with August alone costing it about 1,100 a day."
    )
    assert got == {(RU, 700000, "more_than", "Western officials", "cumulative")}


def test_a_running_total_reaching_a_mark_on_a_weekday_is_the_current_total() -> None:
    got = found(
        "Ukraine's tally of Russian killed and wounded topped 950,000 on Tuesday, the General Staff said."
    )
    assert got == {(RU, 950000, "more_than", "Ukraine", "cumulative")}


def test_a_forecasts_season_does_not_bound_the_estimate_before_it() -> None:
    got = found(
        "The Center for Strategic and International Studies estimated 850,000 Russian casualties and is likely "
        "to pass 900,000 this winter."
    )
    assert got == {(RU, 850000, "approx", "CSIS", "cumulative")}


def test_the_week_lawmakers_were_briefed_dates_the_briefing() -> None:
    got = found(
        "About 1,500 North Korean soldiers have died, according to lawmakers briefed by the spy agency this week."
    )
    assert got == {("dprk_troops_russia.killed", 1500, "approx", "NIS", "cumulative")}


def test_the_month_an_estimate_was_given_to_someone_dates_the_estimate() -> None:
    got = found("The NIS's newest estimate, given to parliament in October, is about 1,800 killed.")
    assert got == {("dprk_troops_russia.killed", 1800, "approx", "NIS", "cumulative")}


def test_a_month_opening_a_coordinate_clause_before_its_speaker_dates_the_statement() -> None:
    got = found(
        "Ukraine's General Staff reported 880,000 Russian casualties, and in February Britain's defence ministry "
        "put the figure at about 850,000."
    )
    assert got == {
        (RU, 880000, "exact", "Ukraine", "cumulative"),
        (RU, 850000, "approx", "United Kingdom", "cumulative"),
    }


def test_an_appositive_between_a_speaker_and_its_verb_keeps_the_speaker() -> None:
    got = found(
        "The Center for Strategic and International Studies, a research group, said Russia had suffered roughly "
        "800,000 casualties, and Britain's defence ministry put the figure at about 780,000."
    )
    assert (RU, 800000, "approx", "CSIS", "cumulative") in got
    assert (RU, 780000, "approx", "United Kingdom", "cumulative") in got


def test_a_year_as_the_subject_of_accounted_for_bounds_its_part() -> None:
    got = found(
        "Russian losses reached 900,000 by Kyiv's count; 2024, its worst year, accounted for 430,000 of them."
    )
    assert got == {(RU, 900000, "exact", "Ukraine", "cumulative"), (RU, 430000, "exact", "Ukraine", "period")}


def test_a_total_standing_at_the_end_of_last_year_is_dated_not_bounded() -> None:
    got = found("Russian losses stood at 790,000 at the end of last year, Ukraine's General Staff said.")
    assert got == {(RU, 790000, "exact", "Ukraine", "cumulative")}


def test_a_capital_closing_the_sentence_after_says_is_the_source() -> None:
    got = found("Russia lost 1,050 soldiers over the past day, says Kyiv.")
    assert got == {(RU, 1050, "exact", "Ukraine", "period")}


def test_a_capitals_hyphenated_estimate_is_its_own() -> None:
    got = found("Kyiv's 2,500-plus estimate of North Korean casualties has not changed since January.")
    assert got == {(NK_CAS, 2500, "more_than", "Ukraine", "cumulative")}


def test_a_headlines_short_capitalised_tail_names_its_source() -> None:
    got = found(
        "Lawmakers who attended the briefing said the number had doubled in a week.",
        title="At Least 2,500 North Korean Soldiers Now in Russia: Spy Agency",
    )
    assert got == {("dprk_troops_russia.deployed", 2500, "at_least", "NIS", "cumulative")}


def test_an_outlets_own_count_has_no_source() -> None:
    got = found(
        "The NIS spoke on Monday. By Yonhap's count, Pyongyang has sent about 12,000 troops to Russia."
    )
    assert got == {("dprk_troops_russia.deployed", 12000, "approx", None, "cumulative")}


def test_a_headlines_rounded_mark_is_its_own_figure_beside_the_exact_count() -> None:
    got = found(
        "Ukraine's General Staff put Russian losses at 903,120 on Monday.",
        title="Russian Losses Cross 900,000",
    )
    assert got == {
        (RU, 903120, "exact", "Ukraine", "cumulative"),
        (RU, 900000, "more_than", "Ukraine", "cumulative"),
    }


def test_a_table_row_whose_month_cell_names_a_rate_is_no_figure() -> None:
    got = found(
        "Russian losses per month, by Ukraine's count.\n"
        "| Month | Russian losses | Source |\n"
        "|---|---|---|\n"
        "| March 2025 | 40,100 | Ukrainian General Staff |\n"
        "| Average per day, March 2025 | 1,290 | Ukrainian General Staff |"
    )
    assert got == {(RU, 40100, "exact", "Ukraine", "period")}


def test_a_bulletin_calling_russia_the_enemy_is_ukraines() -> None:
    got = found("Combat losses of the enemy from 24.02.22 to 01.05.25: personnel, about 957,000 (+1,050).")
    assert got == {(RU, 957000, "approx", "Ukraine", "cumulative")}


def test_a_month_after_put_north_korean_losses_at_dates_the_running_total() -> None:
    got = found(
        "Ukraine's intelligence chief put North Korean killed and wounded at about 3,500 in March, when Kursk was retaken."
    )
    assert got == {(NK_CAS, 3500, "approx", "Ukraine", "cumulative")}


def test_a_month_after_put_russian_losses_at_still_bounds_them() -> None:
    got = found("Britain's defence ministry put Russian casualties at about 41,000 in March.")
    assert got == {(RU, 41000, "approx", "United Kingdom", "period")}


def test_a_back_reference_to_the_total_skips_the_part_named_after_including() -> None:
    got = found(
        "ISW's analysts estimate Russia has suffered about 1.1 million casualties, including as many as 250,000 "
        "dead. Ukraine's General Staff put Russia's total at around 1,130,000."
    )
    assert (RU, 1130000, "approx", "Ukraine", "cumulative") in got


def test_a_margin_by_which_losses_exceeded_recruitment_is_no_count() -> None:
    got = found(
        "Western officials said Russian losses exceeded the number of recruits it signed up by about 7,000 in March."
    )
    assert got == set()


def test_the_new_value_an_estimate_was_raised_to_is_a_figure() -> None:
    got = found("Seoul's spy agency raised its previous estimate of 200 North Korean dead to 500 killed.")
    assert got == {("dprk_troops_russia.killed", 500, "exact", "NIS", "cumulative")}


def test_that_estimate_refers_back_to_the_toll_named_before() -> None:
    got = found(
        "The NIS had first put the North Korean death toll at 200 in January; in March it raised that estimate "
        "to about 500."
    )
    assert got == {("dprk_troops_russia.killed", 500, "approx", "NIS", "cumulative")}


def test_a_part_of_the_dead_named_as_troops_is_no_headcount() -> None:
    got = found(
        "About 500 North Koreans were killed, 200 of them soldiers sent in the first wave, the NIS said."
    )
    assert got == {("dprk_troops_russia.killed", 500, "approx", "NIS", "cumulative")}


def test_according_to_a_country_at_the_end_names_the_source() -> None:
    got = found("Some 1,300 North Korean soldiers died in the Kursk region, according to Kyiv.")
    assert got == {("dprk_troops_russia.killed", 1300, "approx", "Ukraine", "cumulative")}


def test_a_participle_disputing_reports_starts_its_own_clause() -> None:
    got = found(
        "Kyiv's intelligence chief says about 9,000 North Korean soldiers remain in Russia's Kursk region, "
        "disputing reports that they had been withdrawn after heavy losses."
    )
    assert got == {("dprk_troops_russia.deployed", 9000, "approx", "Ukraine", "cumulative")}


def test_a_prisoner_swap_counts_no_one_we_follow() -> None:
    got = found(
        "Seoul's spy agency says about 2,000 North Koreans have been killed. Separately, Kyiv and Moscow have "
        "exchanged 150 prisoners each."
    )
    assert got == {("dprk_troops_russia.killed", 2000, "approx", "NIS", "cumulative")}


def test_a_defectors_group_as_the_speaker_does_not_make_the_count_about_defectors() -> None:
    got = found(
        "Both North Korean soldiers captured in Kursk, two in all, want to live in Seoul, a defectors' group said."
    )
    assert ("dprk_troops_russia.captured", 2, "exact", None, "cumulative") in got


def test_a_countrys_own_garrison_abroad_is_not_north_koreas_deployment() -> None:
    got = found(
        "Washington still stations roughly 28,000 troops in South Korea, a presence the North's dispatch to Russia has made more sensitive. The US has about 28,000 troops in South Korea."
    )
    assert got == set()


def test_months_of_losses_above_a_mark_count_months() -> None:
    got = found(
        "Russia lost about 33,000 troops in May, Kyiv said, extending a streak of 30,000-plus months that started last summer."
    )
    assert got == {(RU, 33000, "approx", "Ukraine", "period")}
