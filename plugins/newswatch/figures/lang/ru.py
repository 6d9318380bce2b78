"""Russian, a seed: the Russian terms newswatch has known so far, read with the English rules.

A full Russian lexicon (number words in every case, qualifiers, period phrases, sources) replaces
this module's body; the machinery needs no change for it.
"""

from __future__ import annotations

from dataclasses import replace

from newswatch.figures.lang import en


def _plus(base: dict[str, tuple[str, ...]], extra: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return {key: base.get(key, ()) + extra.get(key, ()) for key in {*base, *extra}}


LEXICON = replace(
    en.LEXICON,
    language="ru",
    decimal_comma=True,
    digit_scales={
        **en.LEXICON.digit_scales,
        "тыс": 1_000,
        "тысяч": 1_000,
        "тысячи": 1_000,
        "тысяча": 1_000,
        "млн": 1_000_000,
        "миллиона": 1_000_000,
        "миллион": 1_000_000,
    },
    qualifiers_before=(
        ("more_than", "более|свыше|больше|превысил\\w*|превышает|" + dict(en.QUALIFIERS_BEFORE)["more_than"]),
        ("at_least", "не менее|как минимум|" + dict(en.QUALIFIERS_BEFORE)["at_least"]),
        ("at_most", "почти|до|" + dict(en.QUALIFIERS_BEFORE)["at_most"]),
        ("less_than", "менее|меньше|" + dict(en.QUALIFIERS_BEFORE)["less_than"]),
        ("approx", "около|примерно|порядка|" + dict(en.QUALIFIERS_BEFORE)["approx"]),
    ),
    metrics=_plus(
        en.METRICS,
        {
            "casualties": ("потери", "потерь", "погибли или ранены"),
            "killed": ("погибли", "погибших", "убиты"),
            "wounded": ("ранены", "раненых"),
            "captured": ("взяты в плен", "в плен", "пленных"),
            "deployed": ("военнослужащих", "военных", "солдат"),
        },
    ),
    subjects=_plus(
        en.SUBJECTS,
        {
            "dprk_troops_russia": (r"КНДР", r"северокорейск\w+", r"Северн\w+ Коре\w+"),
            "russia_troops": (r"российск\w+ (?:военн|армии|войск)\w*",),
        },
    ),
    sources=_plus(
        en.SOURCES,
        {
            "NIS": (r"разведк\w+ Южной Кореи", r"Национальн\w+ разведк\w+"),
            "Ukraine": (
                r"Генштаб\w* ВСУ",
                r"[Уу]краинск\w+ (?:военн\w+ )?разведк\w+",
                r"Киев\w*(?= (?:заявил|сообщил))",
                r"ГУР",
                r"Зеленск\w+",
            ),
            "Russia": (r"Кремл\w+", r"Песков\w*", r"Минобороны России"),
        },
    ),
)
