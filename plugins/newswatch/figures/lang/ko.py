"""Korean, a seed: the Korean terms newswatch has known so far, read with the English rules.

A full Korean lexicon (만/천 numbers, counters and particles, qualifiers such as 약 and 여, period
phrases, sources) replaces this module's body; the machinery needs no change for it.
"""

from __future__ import annotations

from dataclasses import replace

from newswatch.figures.lang import en


def _plus(base: dict[str, tuple[str, ...]], extra: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return {key: base.get(key, ()) + extra.get(key, ()) for key in {*base, *extra}}


LEXICON = replace(
    en.LEXICON,
    language="ko",
    digit_scales={**en.LEXICON.digit_scales, "만": 10_000, "천": 1_000},
    qualifiers_before=(*en.QUALIFIERS_BEFORE[:-1], ("approx", "약|" + dict(en.QUALIFIERS_BEFORE)["approx"])),
    metrics=_plus(
        en.METRICS,
        {
            "casualties": ("사상자", "사상"),
            "killed": ("사망", "전사"),
            "wounded": ("부상",),
            "captured": ("포로", "생포"),
            "deployed": ("병력", "파병", "군인"),
        },
    ),
    subjects=_plus(en.SUBJECTS, {"dprk_troops_russia": (r"북한군?", r"북한 ?병력")}),
    sources=_plus(
        en.SOURCES,
        {
            "NIS": (r"국가정보원", r"국정원"),
            "South Korea": (r"합동참모본부", r"국방부"),
            "Ukraine": (r"우크라이나 (?:정보당국|국방정보국|군)",),
        },
    ),
)
