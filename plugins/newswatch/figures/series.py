"""The watchlist: which quantities newswatch follows, each named `subject.metric`.

A subject is who the figure is about (North Korean troops in Russia, Russia's troops); a metric is
what is counted (killed, wounded, deployed ...). Users add series in config by naming the subject
and metric terms; the shipped subjects and metrics below can be reused by name.
"""

from __future__ import annotations

from dataclasses import dataclass

from newswatch.config import Config
from newswatch.errors import ConfigError

# Subject mentions. Bare place names are locations ("troops sent to Russia"), so the Russia and
# Ukraine subjects need a military noun or a verb of loss next to the name.
_MIL = (
    r"(?:troops?|soldiers|servicemen|personnel|forces|army|military(?!\s+intelligence)|units|losses|casualties|side|men|"
    r"prisoners|POWs|captives|dead|wounded|"
    r"fighters)"
)
SUBJECTS: dict[str, tuple[str, ...]] = {
    "dprk_troops_russia": (
        r"\bNorth Koreans?\b(?!\s+(?:workers|labou?rers|construction|diplomats|defectors|hackers|restaurants?|students))",
        r"\bNorth Korea(?:'s|’s)?\b",
        r"\bNK\b",
        r"\bN\. ?Korean?s?\b",
        r"\bDPRK\b",
        r"\bKPA\b",
        r"\bPyongyang(?:'s|’s)?\b",
        r"\bKim Jong[ -]?[Uu]n(?:'s|’s)?\b",
        r"북한군?",
        r"북한 ?병력",
        r"КНДР",
        r"северокорейск\w+",
        r"Северн\w+ Коре\w+",
    ),
    "russia_troops": (
        r"\bRussian\s+" + _MIL,
        r"\bRussians\b",
        r"\bRussia(?:'s|’s)?\s+(?:has\s+|had\s+|have\s+)?(?:lost|" + _MIL[3:],
        r"\b(?:Russia|Moscow)(?:'s|’s)?\s+(?:[\w-]+\s+){0,3}(?:losses|casualties|death toll|dead|killed|wounded)\b",
        r"\bthe enemy(?:'s|’s)?\s+(?:has\s+)?(?:[\w-]+\s+){0,3}(?:lost|losses)\b",
        r"\boccupiers\b",
        r"российск\w+ (?:военн|армии|войск)\w*",
        r"\bRussia\b(?=\s+(?:has\s+|had\s+)?(?:lost|suffered)\b)",
    ),
}
# Subjects nobody follows by default but that must not be mistaken for a followed one
# ("Ukraine lost 300 soldiers" is not a North Korean loss).
OTHER_SUBJECTS: dict[str, tuple[str, ...]] = {
    "ukraine": (
        r"\bUkrainian\s+" + _MIL,
        r"\bUkrainians\b",
        r"\bUkraine(?:'s|’s)?\s+(?:has\s+|had\s+)?(?:lost|" + _MIL[3:],
        r"\bKyiv(?:'s|’s)\s+" + _MIL,
        r"\bUkrainian (?:POWs|prisoners)\b",
    ),
    "south_korea": (r"\bSouth Korean\s+" + _MIL, r"\bSouth Korea(?:'s|’s)\s+" + _MIL),
    "united_states": (r"\b(?:U\.S\.|US|American)\s+" + _MIL,),
    "china": (r"\bChinese\s+" + _MIL,),
    "workers": (r"\bNorth Korean\s+(?:workers|laborers|labourers|construction workers)\b",),
}

# Metrics: terms that say what a number counts. Longer terms win at the same place, so "killed or
# wounded" is casualties, not killed. A weak metric (deployed) names the people, not what happened
# to them: any other metric in the same clause overrides it.
METRICS: dict[str, tuple[str, ...]] = {
    "casualties": (
        "casualties",
        "casualty",
        "losses",
        "lost",
        "killed or wounded",
        "killed and wounded",
        "dead or wounded",
        "dead and wounded",
        "killed or injured",
        "killed or maimed",
        "dead or maimed",
        "killed and injured",
        "dead or injured",
        "dead and injured",
        "wounded or killed",
        "injured or killed",
        "wounded and killed",
        "toll",
        "casualty toll",
        "casualty count",
        "put out of action",
        "taken out of action",
        "out of action",
        "neutralized",
        "neutralised",
        "personnel losses",
        "потери",
        "потерь",
        "погибли или ранены",
        "사상자",
        "사상",
    ),
    "killed": (
        "killed",
        "dead",
        "deaths",
        "died",
        "death toll",
        "fatalities",
        "fatal",
        "were slain",
        "lost their lives",
        "killed in action",
        "KIA",
        "погибли",
        "погибших",
        "убиты",
        "사망",
        "전사",
    ),
    "wounded": ("wounded", "injured", "injuries", "hurt", "ранены", "раненых", "부상"),
    "captured": (
        "captured",
        "taken prisoner",
        "taken captive",
        "taken alive",
        "captured alive",
        "prisoners of war",
        "prisoners",
        "prisoner",
        "POWs",
        "POW",
        "in captivity",
        "surrendered",
        "взяты в плен",
        "в плен",
        "пленных",
        "포로",
        "생포",
    ),
    "deployed": (
        "deployed",
        "deployment",
        "sent",
        "dispatched",
        "stationed",
        "contingent",
        "-strong",
        "troops",
        "soldiers",
        "servicemen",
        "personnel",
        "forces",
        "army",
        "fighters",
        "transferred",
        "arrived",
        "reinforcements",
        "военнослужащих",
        "военных",
        "солдат",
        "병력",
        "파병",
        "군인",
    ),
}
WEAK_METRICS = frozenset({"deployed"})
# Series whose figures are running totals: a number for a day or a week is not one of them.
CUMULATIVE_SUBJECTS = frozenset({"russia_troops"})


@dataclass(frozen=True)
class Series:
    key: str
    subject: str
    metric: str
    label: str
    subject_terms: tuple[str, ...] = ()
    metric_terms: tuple[str, ...] = ()


DEFAULT_SERIES: tuple[Series, ...] = (
    Series("dprk_troops_russia.deployed", "dprk_troops_russia", "deployed", "NK troops in Russia, deployed"),
    Series("dprk_troops_russia.killed", "dprk_troops_russia", "killed", "NK troops in Russia, killed"),
    Series("dprk_troops_russia.wounded", "dprk_troops_russia", "wounded", "NK troops in Russia, wounded"),
    Series(
        "dprk_troops_russia.casualties", "dprk_troops_russia", "casualties", "NK troops in Russia, casualties"
    ),
    Series("dprk_troops_russia.captured", "dprk_troops_russia", "captured", "NK troops in Russia, captured"),
    Series("russia_troops.casualties", "russia_troops", "casualties", "Russian troops, casualties"),
)


def watchlist(config: Config) -> tuple[Series, ...]:
    """The shipped series plus the config's [[series]]; a new subject or metric must list its terms."""
    series = {s.key: s for s in DEFAULT_SERIES}
    for entry in config.figures.series:
        where = f"{config.source}: [[series]] {entry.key!r}"
        if not entry.subject_terms and entry.subject not in SUBJECTS:
            raise ConfigError(
                f"{where} names a new subject {entry.subject!r}: list its terms in subject = [...]"
            )
        if not entry.metric_terms and entry.metric not in METRICS:
            raise ConfigError(
                f"{where} names a new metric {entry.metric!r}: list its terms in metric = [...]"
            )
        series[entry.key] = Series(
            entry.key, entry.subject, entry.metric, entry.label, entry.subject_terms, entry.metric_terms
        )
    return tuple(series.values())
