"""English: the words and patterns reporters use for troop counts, losses, sources and periods.

Grouped as the machinery reads them: numbers, qualifiers, what a number counts, metrics and subjects,
sources, sentence rules (history, plans, increments, rates), scope (period phrases) and table headers.
"""

from __future__ import annotations

from newswatch.figures.lexicon import Lexicon

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
# Month names as written in dates: "Oct. 18", "October 2024"; "May" only capitalised (else a verb).
MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|(?-i:May)|June?\.?|July?\.?|Aug(?:ust|\.)?|"
    r"Sep(?:t(?:ember)?)?\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
MONTH_NAME = (
    r"(?:January|February|March|April|(?-i:May)|June|July|August|September|October|November|December)"
)
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
YEAR = r"(?:19|20)\d\d"
SMALL = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)"
# How many days or weeks a stretch lasts: "the past 100 days" (three digits are no year)
SPAN = r"(?:\d{3}|" + SMALL + r")"

QUALIFIERS_BEFORE = (
    (
        "more_than",
        # ("handing over the two prisoners", "turned over 40 POWs": the particle of a verb, not a hedge; but
        # "had taken over 4,000 casualties" is a hedge)
        r"more than|well over|just over|(?<!hand )(?<!hands )(?<!handed )(?<!handing )(?<!turn )(?<!turns )"
        r"(?<!turned )(?<!turning )over|exceeded|exceeding|exceeds|exceed|topped|tops|(?<!on )top|topping|"
        r"surpassed|surpassing|surpasses|surpass|upwards of|in excess of|above|north of|passed|passes|pass|"
        r"passing|crossed|crossing|crosses|cross|beyond|greater than|higher than|past",
    ),
    (
        "at_least",
        r"at least|no fewer than|no less than|a minimum of|at minimum|at the very least|not less than",
    ),
    (
        "at_most",
        r"nearly|almost|up to|approaching|approached|approaches|approach|as many as|close to|nearing|nears|"
        r"near|at most|a maximum of|no more than|just shy of|shy of|just short of|not more than|closing in on|"
        r"closing on|edging towards|edging toward",
    ),
    ("less_than", r"less than|fewer than|just under|under|below|not quite"),
    (
        "approx",
        r"about|around|approximately|some|an estimated|estimated|roughly|circa|ca\.|c\.|approx\.|an approximate|"
        r"in the region of|on the order of|somewhere around|~",
    ),
)
# Any qualifier, for patterns that allow one before a number ("up from about 1,100").
Q = r"(?:(?:" + "|".join(p for _, p in QUALIFIERS_BEFORE) + r")\s+|\bc\.)?"  # "c.11,000": circa, glued

PEOPLE_NOUNS = (
    "troops",
    "troop",
    "soldiers",
    "soldier",
    "servicemen",
    "serviceman",
    "servicemembers",
    "members",
    "personnel",
    "fighters",
    "men",
    "people",
    "persons",
    "prisoners",
    "prisoner",
    "pows",
    "pow",
    "captives",
    "dead",
    "casualties",
    "casualty",
    "killed",
    "wounded",
    "injured",
    "officers",
    "generals",
    "commandos",
    "infantrymen",
    "infantry",
    "paratroopers",
    "marines",
    "conscripts",
    "recruits",
    "reservists",
    "mercenaries",
    "attackers",
    "assailants",
    "combatants",
    "sappers",
    "deminers",
    "engineers",
    "builders",
    "workers",
    "labourers",
    "laborers",
    "specialists",
    "lives",
    "deaths",
    "fatalities",
    "losses",
    "koreans",
    "russians",
    "ukrainians",
    "north koreans",
    "strong",
    "occupiers",
    "invaders",
    "enemy",
    "reinforcements",
    "others",
)
COUNT_MODIFIERS = (
    "more",
    "additional",
    "other",
    "new",
    "fresh",
    "extra",
    "elite",
    "special",
    "operations",
    "forces",
    "force",
    "combat",
    "regular",
    "active",
    "active-duty",
    "military",
    "army",
    "enemy",
    "korean",
    "north",
    "south",
    "n.",
    "russian",
    "ukrainian",
    "nk",
    "dprk",
    "kpa",
    "seriously",
    "lightly",
    "badly",
    "severely",
    "critically",
    "mostly",
    "young",
    "trained",
    "deployed",
    "confirmed",
    "reported",
    "identified",
    "estimated",
    "battle",
    "frontline",
    "front-line",
    "enlisted",
    "airborne",
    "naval",
    "storm",
    "corps",
    "service",
    "ground",
    "wounded",
    "injured",
    "dead",
    "captured",
    "missing",
    "north's",
    "kim's",
    "pyongyang's",
    "russia's",
    "moscow's",
    "its",
    "their",
)
FUNCTION_WORDS = (
    "a",
    "an",
    "the",
    "of",
    "in",
    "on",
    "at",
    "to",
    "from",
    "by",
    "with",
    "for",
    "as",
    "since",
    "during",
    "over",
    "under",
    "into",
    "per",
    "and",
    "or",
    "but",
    "nor",
    "were",
    "was",
    "are",
    "is",
    "be",
    "been",
    "being",
    "had",
    "have",
    "has",
    "will",
    "would",
    "could",
    "may",
    "might",
    "must",
    "shall",
    "should",
    "can",
    "did",
    "do",
    "does",
    "who",
    "whom",
    "whose",
    "which",
    "that",
    "this",
    "these",
    "those",
    "it",
    "they",
    "them",
    "he",
    "she",
    "his",
    "her",
    "we",
    "our",
    "you",
    "now",
    "already",
    "still",
    "also",
    "so",
    "too",
    "than",
    "plus",
    "alone",
    "each",
    "among",
    "including",
    "near",
    "after",
    "before",
    "when",
    "while",
    "according",
    "across",
    "within",
    "up",
    "down",
    "out",
    "off",
    "about",
    "around",
    "reportedly",
    "allegedly",
    "last",
    "such",
    "there",
    "here",
    "then",
    "not",
    "no",
    "only",
    "just",
    "like",
    "via",
    "amid",
    "following",
    "toward",
    "towards",
    "through",
    "whereas",
    "thus",
    "perhaps",
    "always",
    "afterwards",
    "unless",
    "yes",
    "says",
    "said",
    "as",
    "against",
    "versus",
    "vs",
    "inside",
    "outside",
    "between",
    "plus",
    "less",
)
THING_NOUNS = (
    "equipment",
    "armour",
    "armor",
    "ammunition",
    "artillery",
    "aircraft",
    "materiel",
    "hardware",
    "weaponry",
    "fuel",
    "money",
    "cash",
    "territory",
    "land",
    "ground",
    "footage",
    "rubble",
)
QUANTITY_NOUNS = (
    "numbers",
    "estimates",
    "figures",
    "forces",
    "losses",
    "casualties",
    "deaths",
    "reports",
    "claims",
    "upwards",
    "totals",
    "tallies",
    "counts",
    "tens",
    "hundreds",
    "thousands",
    "contingents",
    "troops",
    "ranks",
)

_KILLED = r"(?:killed|dead|died)"
_WOUNDED = r"(?:wounded|injured)"
METRICS: dict[str, tuple[str, ...]] = {
    "casualties": (
        "casualties",
        "casualty",
        "losses",
        "lost",
        "loses",
        "losing",
        "killed or wounded",
        "killed and wounded",
        "killed, wounded",
        "killed/wounded",
        "killed & wounded",
        "killed-wounded",
        "dead or wounded",
        "dead and wounded",
        "dead, wounded",
        "killed or injured",
        "killed and injured",
        "killed, injured",
        "killed or maimed",
        "dead or maimed",
        "dead or injured",
        "dead and injured",
        "dead or hurt",
        "killed or hurt",
        "wounded or killed",
        "wounded and killed",
        "injured or killed",
        "injured and killed",
        "wounded or dead",
        "toll",
        "casualty toll",
        "casualty count",
        "casualty figure",
        "put out of action",
        "taken out of action",
        "out of action",
        "neutralized",
        "neutralised",
        "eliminated",
        "liquidated",
        "personnel losses",
        "battle casualties",
        "combat losses",
        "manpower losses",
        "killed in action or wounded",
        "killed, wounded or captured",
        "killed, wounded or missing",
        "killed, wounded, captured or missing",
        "killed, wounded, missing or captured",
        "killed, wounded and missing",
        "cost",
        "loss",
    ),
    "killed": (
        "killed",
        "dead",
        "deaths",
        "death",
        "died",
        "death toll",
        "fatalities",
        "fatal",
        "were slain",
        "slain",
        "lost their lives",
        "lost their life",
        "killed in action",
        "KIA",
        "perished",
        "fallen",
        "killing",
        "fatally",
        "lives",
        # "irrecoverable losses" are the dead (and missing) in Russian and Ukrainian military usage
        "irrecoverable",
        "irretrievable",
    ),
    "wounded": ("wounded", "injured", "injuries", "hurt", "the injured", "the wounded", "wounding"),
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
        # "took two North Korean servicemen alive", "two of them, wounded but alive, were brought to Kyiv": a
        # soldier of the other side reported alive is one taken prisoner.
        "alive",
        "wounded but alive",
        "injured but alive",
        "in Ukrainian custody",
        "in custody",
        "held captive",
        "held prisoner",
        "detained",
        "captives",
        "captures",
        "capture",
        "capturing",
        "is holding",
        "are holding",
        "it is holding",
        "being held",
    ),
    "deployed": (
        "deployed",
        "deployment",
        "sent",
        "dispatched",
        "stationed",
        "contingent",
        "force",
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
        "shipped",
        "ferried",
        "present in",
        "based in",
        # a headcount by where it is: "roughly 11,000 are still in Kursk", "remain in Russia"
        "still in",
        "remain in",
        "remained in",
        "remaining in",
        "men",
        "infantrymen",
        "commandos",
        "marines",
        "paratroopers",
        "service members",
        "military personnel",
        "North Koreans",
    ),
}

# Bare place names are locations ("troops sent to Russia"), so the Russia and Ukraine subjects need a
# military noun or a verb of loss next to the name.
_MIL = (
    r"(?:troops?|soldiers|service\s?(?:men|members)|personnel|forces|army|military(?!\s+intelligence)|units|losses|"
    r"casualties|side|men|"
    r"prisoners|POWs|captives|dead|killed|wounded|fighters)"
)
SUBJECTS: dict[str, tuple[str, ...]] = {
    "dprk_troops_russia": (
        r"\bNorth Koreans?\b(?!\s+(?:workers|labou?rers|construction|diplomats|defectors|hackers|restaurants?|students))",
        r"\bNorth Korea(?:'s)?\b",
        r"\bNK\b",
        r"\bN\. ?Korean?s?\b",
        r"\bDPRK\b",
        r"\bKPA\b",
        r"\bPyongyang(?:'s)?\b",
        r"\bKim Jong[ -]?[Uu]n(?:'s)?\b",
        r"\b[Tt]he North(?:'s)?\b(?!\s+(?:Atlantic|Sea|Pole|Caucasus|of\s+England))",
    ),
    "russia_troops": (
        r"\bRussian\s+(?:[\w-]+\s+)?" + _MIL,
        r"\bRussians\b",
        # ("fighting on Russia's side": the ally's side, not whose losses)
        r"(?<!\bon\s)\bRussia(?:'s)?\s+(?:(?:has|had|have|now|already|so far|reportedly|probably|likely|also)\s+)*(?:lost|taken|took|"
        + _MIL[3:],
        # (but not "fighting on Russia's side have suffered 4,000 casualties": the words between are no verb)
        r"\b(?:Russia|Moscow)(?:'s)?\s+(?:(?!(?:side|have|has|had|were|was|are|is)\b)[\w-]+\s+){0,3}(?:losses|"
        r"casualties|death toll|toll|dead|killed|wounded)\b",
        r"\bcost\s+(?:Russia|Moscow|the Kremlin)\b",
        # "the war's overall toll on Russia", "the cost to Moscow": whose losses the toll is
        r"\b(?:toll|cost|price)\s+(?:on|to)\s+(?:Russia|Moscow|the Kremlin)\b(?!'s)",
        r"\b(?:losses|casualties)\s+(?:of|among)\s+(?:the\s+)?(?:enemy|occupiers|invaders|Russian\s+\w+)\b",
        r"\boccupiers\b",
        r"\bRussia\b(?=\s+(?:(?:has|had|have|likely|probably|now|already|so far|reportedly|also)\s+)*"
        r"(?:lost|suffered|sustained|took|taken|loses|losing|suffers)\b)",
        r"\bPutin(?:'s)?\s+(?:troops|forces|army|soldiers|military|losses|casualties|men)\b",
        # "Russia's costliest month of the war, with 45,680 casualties": whose losses a record stretch counts
        r"\b(?:Russia|Moscow)'s\s+(?:[\w-]+\s+)?(?:costliest|deadliest|bloodiest|worst|heaviest|lightest|"
        r"second-(?:costliest|deadliest|bloodiest|worst|heaviest))\s+(?:single\s+)?(?:month|day|week|year|quarter)\b",
        r"\b(?:Russia|Moscow)\b(?=\s+(?:has\s+|had\s+)?(?:massed|amassed|concentrated|gathered|assembled)\b)",
        r"\bMoscow(?:'s)?\s+(?:troops|forces|army|soldiers|military)\b",
    ),
}
OTHER_SUBJECTS: dict[str, tuple[str, ...]] = {
    "ukraine": (
        r"\bUkrainian\s+" + _MIL,
        r"\bUkrainians\b",
        # ("Ukraine's own casualties it puts at up to 400,000": the other side's, by a third party)
        r"\bUkraine(?:'s)?\s+(?:own\s+)?(?:has\s+|had\s+)?(?:lost|" + _MIL[3:],
        r"\bKyiv(?:'s)\s+(?:own\s+)?" + _MIL,
        r"\bKyiv\s+(?:has\s+|had\s+)?lost\b",
        r"\bUkrainian (?:POWs|prisoners)\b",
    ),
    "south_korea": (r"\bSouth Korean\s+" + _MIL, r"\bSouth Korea(?:'s)\s+(?:[\w-]+\s+)?" + _MIL),
    "united_states": (r"\b(?:U\.S\.|US|American)\s+" + _MIL,),
    "china": (r"\bChinese\s+" + _MIL,),
    "other_country": (
        r"\b(?:the\s+)?(?:United States|U\.S\.|US|America|Ukraine|South Korea|China|NATO)"
        r"(?:,\s+[^,.;]{1,40},)?\s+(?:has\s+|had\s+)?(?:lost|suffered|sustained)\b",
        # Its own garrison: "The United States keeps about 28,500 troops in South Korea".
        r"\b(?:the\s+)?(?:United States|U\.S\.|US|America|Washington|South Korea|China|Japan)\s+(?:still\s+)?(?:keeps|kept|"
        r"stations|stationed|maintains|maintained|has|had)\s+(?=(?:about|around|some|roughly|nearly|more\s+than|over|"
        r"\d)[^.;]{0,30}\btroops\s+(?:in|on)\s+(?:South\s+Korea|Japan|the\s+(?:peninsula|country)|Europe)\b)",
        # A gapped second count: "Russia suffered 1.2 million casualties and Ukraine between 500,000 and 600,000".
        r"\b(?:and|while|with|against)\s+(?:Ukraine|Kyiv)(?=\s+(?:between|about|around|some|roughly|nearly|almost|"
        r"more|over|at\s+least|up\s+to|as\s+many\s+as|\d))",
    ),
    "workers": (
        r"\bNorth Korean\s+(?:workers|laborers|labourers|construction workers)\b",
        r"\b(?i:workers|laborers|labourers)\b",
    ),
}

_DEF = r"[Dd]efen[cs]e"
_UK = r"(?:UK|U\.K\.|British|Britain's|Britain)"
_US = r"(?:U\.S\.|US|American|United States|U\.S)"
# Other governments: adjective / name -> the country name the conventions use.
_COUNTRIES = {
    "Estonia": r"Estonian|Estonia's",
    "Latvia": r"Latvian|Latvia's",
    "Lithuania": r"Lithuanian|Lithuania's",
    "Poland": r"Polish|Poland's",
    "Germany": r"German|Germany's",
    "France": r"French|France's",
    "Japan": r"Japanese|Japan's",
    "Finland": r"Finnish|Finland's",
    "Netherlands": r"Dutch|the Netherlands'",
    "Canada": r"Canadian|Canada's",
    "Australia": r"Australian|Australia's",
    "Norway": r"Norwegian|Norway's",
    "Sweden": r"Swedish|Sweden's",
    "Denmark": r"Danish|Denmark's",
    "China": r"Chinese|China's",
}
_GOVERNMENT = (
    r"(?:government|"
    + _DEF
    + r" (?:ministry|forces|intelligence|minister|chief)|foreign (?:ministry|minister)|"
    r"intelligence(?: service| agency| centre| center)?|military(?: intelligence)?|officials?|armed forces|"
    r"[Ff]oreign [Mm]inist(?:ry|er)|[Dd]efen[cs]e [Mm]inist(?:ry|er)|"
    r"prime minister|president|army chief|chief of (?:the )?(?:general )?staff|Defence Forces|"
    # a country's military head: "Norway's chief of defence", "Finland's defence chief", "its military chief"
    r"chief of (?:the )?defen[cs]e(?: staff)?|military chief|intelligence chief|spy chief|top general|"
    r"(?:annual\s+)?(?:defen[cs]e\s+)?(?:white\s+paper|report|review|assessment))"
)
SOURCES: dict[str, tuple[str, ...]] = {
    "NIS": (
        r"National Intelligence Service",
        r"\bNIS\b",
        r"(?:South Korea's|Seoul's|South Korean|the South's|the country's|its)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:spy|intelligence)\s+(?:agency|service|chief)",
        r"\b[Ss]py agency",
        r"\bSouth Korean intelligence\b(?!\s+and)",
        r"\bSouth Korea's intelligence\b",
        r"\bSeoul's intelligence\b",
        r"(?:parliamentary|National Assembly(?:'s)?)\s+[Ii]ntelligence [Cc]ommittee",
        r"\b[Ii]ntelligence [Cc]ommittee",
        r"\bPark Sun-won\b",
        r"\bLee Seong[- ][Kk]weun\b",
        r"\bLee Sung[- ][Kk]weun\b",
        r"\bLee Seong[- ][Kk]won\b",
        r"\bKim Byung-kee\b",
        r"\bCho Tae-yong\b",
    ),
    "South Korea": (
        r"Joint Chiefs of Staff",
        # Bare "the Joint Chiefs" in this reporting is Seoul's JCS; the US chairman is named with his title.
        r"\b[Tt]he Joint Chiefs\b(?!\s+(?:of\s+Staff\s+)?[Cc]hair)",
        r"\bJCS\b",
        r"(?:South Korea's|Seoul's|South Korean)\s+(?:"
        + _DEF
        + r" [Mm]inistry|military|government|officials?|presidential office|Ministry of (?:National )?"
        + _DEF
        + r"|army|foreign ministry|(?:"
        + r"[Dd]efen[cs]e |military |government |security |presidential )officials?|Unification Ministry)",
        r"\bofficials in Seoul\b",
        r"\bPresident (?:Yoon|Lee)\b",
        r"\bYoon Suk[- ]Yeol\b",
        r"\bLee Jae[- ]myung\b",
        r"\bSouth Korea\b(?=\s+(?:now\s+)?(?:puts|put|said|says|estimated|estimates|believes|thinks|assesses))",
    ),
    "Ukraine": (
        r"\bZelens['’]?k[yi]y?\b",
        r"(?:Ukraine's|Ukrainian)\s+(?:military intelligence|intelligence(?: agency| service| officials?)?"
        r"|General Staff|officials?|government|military|armed forces|Armed Forces|(?:defen[cs]e|foreign)\s+minister|"
        + _DEF
        + r" [Mm]inistry|[Mm]inistry of "
        + _DEF
        + r"|president|Special Operations Forces|special forces|security service|presidential office|"
        # "a spokesman for Ukraine's eastern command", "Ukraine's Khortytsia operational-strategic grouping"
        r"(?:[\w-]+\s+){0,2}(?:command|grouping)|"
        r"commander[- ]in[- ]chief|army chief|top general|foreign ministry|spy agency|ambassador|"
        + _DEF
        + r" intelligence|border guard|army|commanders?|sources|figures|data|estimates?|assessments?|authorities)",
        r"(?:Ukraine's|Ukrainian)\s+(?:[\w-]+\s+)?(?:commander|officer|official|spokesman|spokeswoman|spokesperson)s?\b",
        r"\bHUR\b",
        r"\bGUR\b",
        r"\bSSO\b",
        # Ukraine's units that report their own kills, named without the country
        r"(?<!Russia's )(?<!Russian )\b(?:[Tt]he\s+)?Special Operations Forces\b",
        # a numbered brigade reporting its own kills: "The 95th Air Assault Brigade says it killed 63"
        r"(?<!Russia's )(?<!Russian )(?<!Korean )(?<!Korea's )\b(?:[Tt]he\s+)?\d{1,3}(?:st|nd|rd|th)\s+(?:[A-Z][\w-]*\s+){0,3}"
        r"(?:Brigade|Battalion|Regiment)\b(?=\s+(?:says|said|reported|reports|claimed|claims|estimated|estimates)\b)",
        r"\bBudanov\b",
        r"\bSBU\b",
        r"\bSyrsk[yi]i?\b",
        r"\bUmerov\b",
        r"\bSybiha\b",
        r"\bKovalenko\b",
        r"\bCenter for Countering Disinformation\b",
        r"General Staff of (?:the Armed Forces of )?Ukraine",
        r"General Staff of Ukraine's Armed Forces",
        r"\b(?:the\s+)?General Staff\b",
        r"Main (?:Directorate of )?Intelligence Directorate",
        r"(?:Defen[cs]e )?Intelligence (?:Directorate )?of Ukraine",
        r"\bofficials in Kyiv\b",
        r"\b(?:the\s+)?" + _DEF + r" ministry in Kyiv\b",
        r"\bUkraine\b(?=\s+(?:now\s+)?(?:puts|put|said|says|estimated|estimates|claimed|claims|reported|believes|thinks))",
    ),
    "United States": (
        r"\bPentagon\b",
        r"\bWhite House\b",
        r"\bState Department\b",
        r"\bNational Security Council\b",
        # (longer than Seoul's "Joint Chiefs of Staff" inside it, so it wins the overlap)
        _US + r"\s+Joint Chiefs(?:\s+of\s+Staff)?",
        r"\bDefense Intelligence Agency\b",
        _US
        + r"\s+(?:officials?|intelligence(?: officials?| agencies| assessments?| community)?|government|military(?: officials?)?|"
        + _DEF
        + r" (?:officials?|Department|Secretary)|Defense Department|administration|assessments?|estimates?|officers?|"
        r"envoy|ambassador|secretary of (?:state|defen[cs]e))",
        r"\b(?:senior|top)\s+(?:U\.S\.|US|American)\s+(?:[\w-]+\s+)?officials?\b",
        r"\bofficials in Washington\b",
        r"\b(?:Lloyd )?Austin\b",
        r"\bBlinken\b",
        r"\bJohn Kirby\b",
        r"\bKirby\b",
        r"\bSabrina Singh\b",
        r"\b(?:Pat )?Ryder\b",
        r"Secretary of (?:Defense|State)",
        r"Defense Secretary",
        r"\bHegseth\b",
        r"\bRubio\b",
        r"\bthe U\.S\.(?=\s+(?:now\s+)?(?:puts|put|said|says|estimated|estimates|believes))",
        r"\bthe United States(?=\s+(?:now\s+)?(?:puts|put|said|says|estimated|estimates|believes))",
    ),
    "United Kingdom": (
        _UK + r"\s+(?i:Defen[cs]e Intelligence|Ministry of Defen[cs]e|military intelligence)",
        _UK
        + r"\s+(?:Ministry of Defen[cs]e|"
        + _DEF
        + r" ministry|"
        + _DEF
        + r" intelligence|intelligence(?: officials?| update| agencies)?|military intelligence|officials?|government|MoD|MOD|"
        + _DEF
        + r" (?:secretary|minister|chief)|spy chief|chief of (?:the )?defen[cs]e staff|armed forces|estimates?|"
        r"assessments?|figures|count|spooks|spies|spy agencies)",
        r"\b[Tt]he British\b(?=(?:,[^,.;]{1,60},)?\s+(?:now\s+)?(?:say|says|said|estimate|estimated|believe|believed|think|"
        r"reckon|put|puts)\b)",
        r"\bMinistry of Defence\b",
        r"\bDefen[cs]e Intelligence\b",
        r"\bthe MoD\b",
        r"\bthe MOD\b",
        r"\bHealey\b",
        r"\bRadakin\b",
        r"\bShapps\b",
        r"\bKeast-Butler\b",
        r"\bGCHQ\b",
        r"\bMI6\b",
        r"\bChief of the Defen[cs]e Staff\b",
    ),
    "Russia": (
        r"\bKremlin\b",
        r"\bPeskov\b",
        r"(?:Russia's|Russian)\s+(?:"
        + _DEF
        + r" ministry|Ministry of "
        + _DEF
        + r"|officials?|government|General Staff|foreign ministry|state media|Security Council)",
        r"\bShoigu\b",
        r"\bBelousov\b",
        r"\bZakharova\b",
        r"\bLavrov\b",
        r"\bGerasimov\b",
        # Russia's General Staff named by its chief: "the Chief of the General Staff, Army General Valery Gerasimov".
        r"\b(?:(?:[Tt]he\s+)?[Cc]hief\s+of\s+)?(?:the\s+)?General Staff(?:\s+chief)?,?\s+(?:[\w.-]+\s+){0,3}Gerasimov\b",
        r"\bPutin\b(?=\s+(?:said|says|told|claimed|claims))",
    ),
    "NATO": (r"\bNATO\b", r"\bRutte\b", r"North Atlantic Treaty Organi[sz]ation"),
    "North Korea": (
        r"\bKCNA\b",
        r"Korean Central News Agency",
        r"(?:North Korean|Pyongyang's|North Korea's) state media",
        r"\bRodong Sinmun\b",
        # The leader speaks when his clause reports speech: "Kim Jong Un welcomed the regiment home and said
        # nine had died", "Kim ... paid tribute to nine soldiers, state media said".
        r"(?:\b(?:[Tt]he\s+)?(?:North Korean|North Korea's|Pyongyang's|[Tt]he North's)\s+leader(?:,?\s+Kim Jong[ -]?[Uu]n)?"
        r"|\bKim Jong[ -]?[Uu]n)\b(?=[^.;]{0,160}?\b(?:said|says|told|claimed|wrote|admitted|acknowledged|confirmed|"
        r"reported|calling|called|describing|described)\b)",
        r"\bNorth Korea\b(?=\s+(?:said|says|claimed|admitted|acknowledged|confirmed))",
    ),
    "Western officials": (
        r"\bWestern (?:officials?|intelligence(?: officials?| agencies| services| sources| estimates| assessments)?|"
        r"estimates?|assessments?|governments?|sources|defen[cs]e officials?|diplomats?|intelligence)",
        r"\bofficials in Western capitals\b",
        r"\bAllied (?:officials|intelligence)\b",
    ),
    "CSIS": (r"\bCSIS\b", r"Center for Strategic and International Studies", r"\bSeth Jones\b"),
    "ISW": (r"\bISW\b", r"Institute for the Study of War"),
    "RUSI": (r"\bRUSI\b", r"Royal United Services Institute"),
    "European Union": (
        r"\bEuropean Union\b",
        r"\bEU\b(?=\s+(?:officials?|said|says|estimates?))",
        r"\bKallas\b",
    ),
    **{
        country: (
            r"(?:" + adjective + r"|" + country + r"(?:'s)?)\s+" + _GOVERNMENT,
            r"\b"
            + country
            + r"\b(?=\s+(?:now\s+)?(?:puts|put|said|says|estimated|estimates|believes|thinks))",
        )
        for country, adjective in _COUNTRIES.items()
    },
}
SOURCES["Germany"] += (r"\bPistorius\b", r"\bBND\b")
SOURCES["Japan"] += (r"\bJapan\b(?=\s+(?:has|had)\s+(?:said|estimated))",)
SOURCES["Estonia"] += (r"\bEstonian Defence Forces\b",)

# A South Korean lawmaker relays the NIS when the agency is named nearby; else he speaks for Seoul.
RELAYS = {
    "NIS": (
        r"\b(?:South Korean\s+|ruling[- ]party\s+|opposition\s+|ruling\s+|[\w-]+\s+party\s+)?"
        r"(?:lawmakers?|legislators?|MPs?|members? of parliament|parliamentarians?|Rep\.|representatives?)\b",
    )
}
CAPITALS = {
    "Seoul": "South Korea",
    "Kyiv": "Ukraine",
    "Kiev": "Ukraine",
    "Washington": "United States",
    "London": "United Kingdom",
    "Moscow": "Russia",
    "Pyongyang": "North Korea",
    "Tokyo": "Japan",
    "Tallinn": "Estonia",
    "Berlin": "Germany",
    "Paris": "France",
    "Warsaw": "Poland",
    # Bare country names speak in a speaker's position too ("Ukraine says", a headline's ": UK").
    "Ukraine": "Ukraine",
    "South Korea": "South Korea",
    "UK": "United Kingdom",
    "Britain": "United Kingdom",
    "US": "United States",
    "U.S.": "United States",
    "Russia": "Russia",
    "North Korea": "North Korea",
    "Japan": "Japan",
    "Estonia": "Estonia",
    "Germany": "Germany",
    "United States": "United States",
    "United Kingdom": "United Kingdom",
}
SPEECH_VERBS = (
    r"repeated|repeats|reiterated|reiterates|restated|reckons|reckoned|reckon|said|says|say|saying|estimated|estimates|estimate|estimating|told|tells|reported|reports|report|believes|"
    r"believe|believed|assessed|assesses|assess|claimed|claims|claim|stated|states|announced|announces|confirmed|"
    r"confirms|put|puts|putting|pegged|pegs|placed|places|briefed|informed|added|adds|noted|notes|warned|warns|"
    r"according to|citing|cited|cites|per|disclosed|revealed|reveals|counted|counts|calculated|wrote|writes|"
    r"posted|thinks|think|judged|judges|acknowledged|admitted|explained|quoted|tallied|recorded|records|"
    r"concluded|concludes|figures|suggests|suggested|shows|showed|spoken\s+of|spoke\s+of|speaks\s+of|endorsed|echoed|corroborated|has\s+backed|"
    r"have\s+backed"
)
ATTRIBUTION_BEFORE = (
    r"\bby\s+$|"
    r"\b(?:citing|cited|according to|per|quoting|as reported by|in the view of|data from|estimates (?:by|from)|"
    r"figures (?:from|by|released by)|an? (?:estimate|assessment|update|report|briefing) (?:by|from))\s+"
    r"(?:the\s+|a\s+|an\s+|data\s+from\s+(?:the\s+)?|estimates\s+(?:by|from)\s+(?:the\s+)?)?(?:[\w.'-]+\s+){0,3}$"
)
# A headline's source after a colon or dash, or "..., Kyiv says".
HEADLINE_ATTRIBUTION = (
    # (not a comparison: "..., far higher than Seoul's count")
    r"(?::|\s[-–—]\s|,)(?!\s*(?i:(?:far|well|much|slightly)\s+)?(?i:higher|lower|more|fewer|less|above|below|up|"
    r"down|than)\b)\s*(?P<who>[^:,–—]{2,60}?)(?:\s+(?:says|said|claims|estimates))?\s*$"
    # A kicker before a colon: "Syrskyi: Russia's 2025 losses approach 300,000".
    r"|^\W*(?P<kicker>[^:,–—]{2,40}?):\s"
)

ANONYMOUS_SPEAKERS = (
    r"(?:\b(?:[Mm]edia|[Pp]ress|[Nn]ews)\s+reports?\b|\b[Rr]eports\s+(?:say|said|suggest)|\bReuters\b|\bAFP\b|"
    r"\bAssociated Press\b|\bYonhap\b|\bCNN\b|\bBBC\b|\bNew York Times\b|\bNK News\b|\bKyiv Independent\b|"
    r"\bWall Street Journal\b|\b[Aa]nalysts?\b|\b[Ee]xperts?\b|\b[Oo]bservers?\b|\bMediazona\b)"
    r"(?:,)?\s+(?:\w+\s+){0,2}?(?:said|says|reported|reports|estimated|estimates|wrote|claimed|believe|believes|"
    r"calculated|counted|put|puts|cited|gave|give)\b"
    # "By Yonhap's count, ...": an outlet's own tally
    r"|\b(?:[Bb]y|[Aa]ccording\s+to|[Pp]er)\s+(?:Reuters|AFP|Yonhap|CNN|BBC|Mediazona|(?:the\s+)?(?:Associated Press|"
    r"New York Times|Wall Street Journal|Kyiv Independent))'s\s+(?:own\s+)?(?:count|tally|reckoning|calculations?|"
    r"estimate)\b"
)

_SAID = (
    r"(?:said|says|told|reported|estimated|estimates|claimed|claims|announced|stated|noted|added|wrote|posted|"
    r"briefed|put|puts|published|released|issued|updated|gave|cited|confirmed|disclosed|revealed|raised|revised|"
    r"lowered|increased|spoke)"
)
# The rest of a recollection up to the number; a present-tense turn ("..., now puts the figure at") or a
# contrast ends it.
_RECALLED = r"(?:(?!\b(?:now|currently|but|however|has\s+since|latest)\b)[^.;]){0,"
HISTORY_BEFORE = "|".join(
    (
        # Past-perfect reporting ("had put the toll at", "had said that ...") recalls an older claim.
        r"\bhad\s+(?:(?:previously|earlier|initially|already|first|also|originally)\s+)?(?:put|estimated|placed|said|reported|assessed|counted|given|cited|pegged|told|claimed|believed|"
        r"calculated)\b" + _RECALLED + r"110}$",
        r"\b(?:up|down|revised|raised|increased|lowered|higher|rising|rose|climbing)\s+from\s*"
        + Q
        + r"(?:the\s+)?$",
        r"\bcompared\s+(?:with|to)\s*" + Q + r"(?:the\s+)?$",
        r"\bversus\s+" + Q + r"$",
        # "429,660 in 2024, against almost 253,000 in 2023": a comparison set off by a comma
        r",\s+against\s+" + Q + r"$",
        r"\b(?:previous|earlier|prior|initial|old|former|original|last)\s+(?:[\w']+\s+){0,2}(?:estimates?|figures?|"
        r"assessments?|counts?|tally|tallies|toll|numbers?)\b[^.;]{0,80}?(?:\b(?:of|at|was|were|stood\s+at|put\s+at|"
        r"had\s+been)\s+)?(?<!\bto\s)" + Q + r"(?:the\s+)?$",  # (not the new value: "... of 100 dead to 300")
        r"\b(?:initially|originally)\s+(?:put|estimated|placed|pegged|said|reported|gave)\b"
        + _RECALLED
        + r"60}$",
        r"\bfrom\s+(?:an?\s+)?(?:previous|earlier|prior)\s+(?:\w+\s+)?(?:of\s+)?" + Q + r"$",
        r"\bthan\s+(?:the\s+)?(?:previous|earlier|prior|initial)(?:\s+\w+){0,3}?(?:\s+of)?\s+" + Q + r"$",
        r"\bwhich\s+(?:was|were)\s+(?:previously|earlier)\s+" + Q + r"$",
        r"\bfrom\s+the\s+\w+\s+(?:figure|estimate)\s+of\s+" + Q + r"$",
        r"\b(?:rose|risen|rise|rising|increased?|increasing|grew|grown|jumped|climbed|fell|fallen|dropped|revised|"
        r"raised|raising|lowered|went|surged|soared)\b[^.;]{0,60}?\bfrom\s+(?:\w+\s+){0,2}$",
        r"\b(?:" + MONTH_NAME + r"|last\s+\w+|earlier|previous|prior|initial|original)(?:'s)?\s+(?:estimate|"
        r"assessment|figure|tally|count)s?\s+of\s+" + Q + r"$",
        # A superseded or past state: "in April the agency's figure was 600", "a month ago it said 2,000".
        # "by its count" / "by Kyiv's reckoning" names whose count it is, not when.
        r"\b(?:in|on|by(?!\s+(?:its|their|his|her|our|(?:the\s+)?[\w.-]+'s)\s+(?:own\s+|latest\s+|official\s+)?"
        r"(?:count|tally|estimates?|reckoning|figures?|account|calculations?|data|numbers)\b)|back\s+in|as\s+of|"
        r"at\s+the\s+time|then|at\s+that\s+point|at\s+the\s+(?:start|end|beginning)\s+of)\b"
        r"(?![^.;]{0,30}\balone\b)[^.;]{0,50}\b(?:figure|estimate|"
        r"count|tally|assessment|number|toll)s?\b[^.;]{0,30}\b(?:was|were|stood\s+at|had\s+been|had\s+stood\s+at)\s+"
        + Q
        + r"$",
        # "Its estimate in December was around 1,100": the estimate's past state
        # ("the figure for November was 45,860" names the month counted, not when an estimate stood)
        r"\b(?:figure|estimate|count|tally|assessment|toll)s?\s+(?:in|as\s+of)\s+(?:last\s+\w+|"
        + MONTH_NAME
        + r")(?:\s+(?:19|20)\d\d)?\s+(?:was|were|stood\s+at)\s+"
        + Q
        + r"$",
        r"\b(?:figure|estimate|count|tally|assessment|toll|number)s?\s+(?:back\s+)?(?:then|at\s+the\s+time)\s+"
        r"(?:was|were|stood\s+at)\s+" + Q + r"$",
        r"\bago\b" + _RECALLED + r"60}$",
        r"\bat\s+the\s+time\b" + _RECALLED + r"40}$",
        # A past state told in a "when" clause: "a sharp rise from January, when the NIS put deaths at 300". A
        # statement merely dated so ("has not updated its count since January, when it reported ...") is kept.
        r"\b(?:from|than\s+in)\s+(?:last\s+|early\s+|late\s+|mid-)?(?:" + MONTH_NAME + r"|week|month|"
        r"year|(?:19|20)\d\d)\s*,\s*when\b[^.;]{0,90}$",
        # "much higher than the NIS estimate in January, when it put the dead at about 300"
        r"\b(?:from|than)\s+(?:the\s+|its\s+|their\s+)?(?:[\w.'-]+\s+){0,2}?(?:estimate|figure|count|tally|assessment)s?"
        r"\s+(?:in|of|from)\s+(?:last\s+|early\s+|late\s+|mid-)?(?:"
        + MONTH_NAME
        + r"|(?:19|20)\d\d)\s*,\s*when\b"
        r"[^.;]{0,90}$",
        # The wrong value a correction names.
        r"\b(?:misstated|misreported|misquoted|incorrectly|erroneously|mistakenly|wrongly)\b[^.;]{0,80}$",
        r"\b(?:an?\s+)?(?:earlier|previous|prior)\s+version\b[^.;]{0,80}$",
    )
)
HISTORY_AFTER = (
    r"^[^,;.]{0,25}?\b(?:(?:a|the)\s+(?:month|week|year|few months)\s+(?:ago|earlier|before)|"
    r"(?:\w+\s+)?(?:days?|weeks?|months?|years?)\s+ago|"
    r"(?:estimated|reported)\s+(?:earlier|previously|last\s+\w+)|in\s+(?:an?\s+)?(?:earlier|previous)\s+"
    r"(?:estimate|assessment|briefing|report)|at\s+the\s+time)\b"
    r"|^[^.]{0,60}\b(?:has|have|had)\s+since\s+been\s+(?:revised|raised|updated|lowered|superseded)\b"
    r"|^[^.]{0,60}\bwas\s+later\s+(?:revised|raised|corrected|lowered)\b"
)
# A later "... had risen to 4,000" makes the earlier numbers of the sentence history.
# Per-period totals compared with each other ("monthly totals fell from 48,000 in January to 34,500 in
# May") are a series of periods, not an estimate and its revision.
PERIODIC_SERIES = (
    r"\b(?:monthly|weekly|annual|yearly|quarterly|daily)\s+(?:[\w-]+\s+)?(?:totals?|losses|casualties|tolls?|"
    r"figures?|counts?|tallies)\b"
)
CHANGE_TO_LATER = (
    r"\b(?:risen|rose|rise|rising|increased|grew|grown|climbed|jumped|raised|revised|surged|soared|updated|"
    r"lifted)\s+(?:\w+\s+){0,4}?to\s+" + Q + r"\d"
)
NOT_YET_BEFORE = (
    # "highly likely to exceed 6,000" is an intelligence assessment of the present, not a forecast.
    r"\b(?<!likely\s)(?:could|may|might|would|will|shall|to|(?<!highly\s)(?<!very\s)likely\s+to|expected\s+to|set\s+to|poised\s+to|on\s+track\s+to)\s+"
    r"(?:\w+\s+){0,2}?(?:reach|rise|climb|hit|send|deploy|dispatch|top|exceed|surpass|pass|grow|add|provide|supply|"
    r"contribute|ready|mobili[sz]e)\s+(?:(?:up\s+to|as\s+many\s+as|about|around|some|more\s+than|over|another|"
    r"an\s+additional|nearly|almost|roughly|at\s+least|the)\s+)?(?:\w+\s+)?$"
    r"|\b(?:plans?|planning|planned|intends?|decided|agreed|pledged|promised|preparing|prepares|ordered|"
    r"offered|vowed|wants?)\s+(?:\w+\s+){0,3}?(?:to\s+)?(?:send|deploy|dispatch|provide|supply|transfer|add)\w*\b"
    r"[^.;]{0,50}?\s" + Q + r"(?:(?:another|an\s+additional|a\s+further|more)\s+)?$"
    r"|\b(?:the\s+)?dispatch\s+of\s+" + Q + r"$"
    # A plan's size: "a third deployment plan involving 6,000 soldiers", "a plan for 5,000 more".
    r"|\bplans?\s+(?:that\s+)?(?:involving|involves|of|for|covering|covers|calling\s+for|calls\s+for|to\s+send)\s+"
    + Q
    + r"$"
    r"|\b(?:would|could|might)\s+(?:have\s+)?(?:be|been|needed|need|required|take|taken)\s+(?:\w+\s+){0,3}?"
    + Q
    + r"$"
    r"|\b(?:projected|forecast|predicted|estimated\s+to\s+(?:reach|hit))\s+(?:\w+\s+){0,3}?" + Q + r"$"
    # A future perfect ("expected to have sent about 10,000 by December") or an expected total ("the first of
    # what it expects to be 12,000") is a forecast too.
    r"|\b(?:(?:expected|likely|set|due|projected|on\s+track)\s+to|will|would)\s+(?:likely\s+|probably\s+|already\s+)?have\s+(?:\w+\s+)?(?:sent|deployed|"
    r"dispatched|reached|lost|suffered|moved|topped|exceeded|passed)\s+(?:\w+\s+)?" + Q + r"$"
    r"|\b(?:expects?|expected|anticipates?|anticipated|projects?)\s+(?:\w+\s+)?(?:to\s+be|will\s+be|to\s+reach|"
    r"to\s+total|to\s+number)\s+" + Q + r"$"
    # The next count of a list a plan governs: "would send 1,000 sappers to clear mines ... and 5,000 builders".
    r"|\b(?:would|will|could|might)\s+(?:\w+\s+){0,2}?(?:send|deploy|dispatch|provide|supply)\s+"
    + Q
    + r"\d[\d,.]*\s[^.;\d]{0,70}?\band\s+"
    + Q
    + r"$"
)
NOT_YET_AFTER = (
    # A part of a plan: "around 1,000 combat engineers from that plan have already arrived".
    r"^\s+(?:[\w-]+\s+){0,3}?from\s+(?:that|the|this|its|their)\s+(?:[\w-]+\s+)?plan\b|"
    r"^[^.;,]{0,60}?\b(?:could|may|might|would|will)\s+(?:soon\s+|eventually\s+|also\s+|still\s+)?"
    r"(?:be\s+)?(?:readied|sent|deployed|dispatched|mobili[sz]ed|join|arrive|come|enter|follow|be\s+sent)\b"
    # An apposition closed before the plan: "The package, 5,000 builders and 1,000 sappers, would come on top".
    r"|^\s+(?:[\w-]+\s*){0,2},\s+(?:would|could|will|may|might)\s+(?:also\s+|soon\s+)?(?:come|arrive|be\s+sent|join|follow)\b"
    # A mark still to be crossed: "the one-million mark was likely to be passed this summer".
    r"|^[^.;,]{0,40}?\b(?:(?:is|was|are|were)\s+(?:\w+\s+)?(?:likely|expected|set|due|poised|on\s+track)\s+to|will|"
    r"would|could|may|might)\s+(?:soon\s+|probably\s+|likely\s+)?be\s+(?:passed|reached|crossed|surpassed|topped|"
    r"exceeded|hit|breached)\b"
)
NOT_A_REPORT = (
    r"\?[\"'”’)]*\s*$|^[\"'“‘]?(?:Suppose|Imagine|What if|If|Were|Should)\b|\bwere\s+to\b"
    # A wire service's note on what an update changed: "(Adds detail on ... in paragraph 3)".
    r"|^\W*\((?:Adds|Updates|Recasts|Corrects|Changes|Rewrites|Edits|Writes through)\b"
    r"|^[\"'“‘]?Had\s+(?:[\w']+\s+){1,3}not\b"
)
INCREMENT_BEFORE = (
    r"\b(?:an?\s+)?(?:additional|further|extra|fresh)\s+(?:\w+\s+)?$"
    r"|\b(?:added|adding|adds)\s+" + Q + r"$"
    r"|\+\s*$"
    r"|\b(?:new|fresh|second|third|fourth|latest|additional|another|further)\s+(?:[\w-]+\s+){0,2}"
    r"(?:contingent|batch|wave|rotation|deployment|group|round)\s+of\s+" + Q + r"$"
    # a difference: "losses exceeded the number it recruited by about 9,000"
    r"|\b(?:exceeded|exceeds|outnumbered|outnumber|outpaced|outstripped|surpassed)\s+[^.;]{0,50}?\bby\s+"
    + Q
    + r"$"
)
INCREMENT_AFTER = (
    r"^\s+(?:more|additional|extra|fresh)\b"
    r"|^\s+(?:[\w-]+\s+){0,2}(?:reinforcements|replacements)\b"
    r"|^[^.;]{0,40}\b(?:in|as|from|with)\s+(?:a|the|its)?\s*(?:second|third|fourth|new|fresh|latest)\s+(?:wave|"
    r"rotation|batch|deployment|contingent|round)\b"
    r"|^[^.;]{0,30}\bin\s+addition\b"
    # "1,000 engineers, on top of the 15,000 troops deployed earlier": an addition to a total the text gives
    r"|^[^.;]{0,80}\bon\s+top\s+of\s+(?:the\s+|its\s+|some\s+|about\s+|roughly\s+)*(?:\d|(?:a|half|one|two|three|"
    r"four|five|ten|twelve|fifteen)\b)"
)
# A headcount is a deployment: people counted with no word of sending or presence ("200 North Korean soldiers
# came at his position") are a group in an engagement, not the troops in Russia.
DEPLOYMENT_CONTEXT = (
    r"\b(?:sent|send|sending|deployed|deploy|deploying|deployment|dispatched|dispatch|stationed|transferred|shipped|"
    # carried or come to the theatre: "ships ferried 1,500 troops to Vladivostok", "travelled to the region"
    r"ferried|flown|airlifted|transported|travell?ed|(?:went|came|moved)\s+to|"
    r"arrived|arriving|contingent|strong|presence|present|based|serving|expeditionary|"
    r"(?:in|to|into|through|near|around|reached)\s+(?:\w+\s+)?(?:Russia|Kursk)|massed|rotated|rotating|remain|remaining|remained|"
    r"(?:who|that)\s+came|stay|staying|(?:fighting|fight|fought)\s+(?:for|in|alongside|with|on\s+the\s+(?:\w+\s+)?"
    r"(?:Kursk|Russian)\s+(?:front|side))|total|in\s+all|"
    r"moved|training|trained|committed|there|rotations?|waves?|brigades?|corps)\b"
)
# "another 3,000 troops" adds to a total; in a list of different counts it only means "a different group"
# ("at least 100 were killed and another 1,000 wounded").
ANOTHER_BEFORE = r"\banother\s+(?:\w+\s+)?$"
# Rates and averages are not counts: "1,500 a day", "an average of 1,286", "daily losses of 1,570".
# ("in under a month", "within a week", "in less than a day" bound a count: they are no rate.)
RATE_NEAR = (
    r"^\s*(?:[^\W\d][\w-]*\s+){0,6}?(?:(?<!\bwithin\s)(?<!\bunder\s)(?<!\bthan\s)a|per|each|every)\s+"
    r"(?:day|week|month|year|24 hours)\b"
    r"|^\s*(?:[\w-]+\s+){0,2}?(?:for|per)\s+(?:every|each)\b"
    r"|^\s*(?:[\w-]+\s+){0,6}?(?:daily|on\s+average|on\s+a\s+daily\s+basis)\b"
)
RATE_BEFORE = (
    r"\b(?:an?\s+|the\s+)?(?:daily|monthly|weekly|average)\s+(?:[\w-]+\s+){0,3}?(?:average|rate|pace)\s+"
    r"(?:\w+\s+){0,3}?(?:of\s+|at\s+|was\s+|is\s+|reached\s+|to\s+)?" + Q + r"$"
    r"|\ban?\s+average\s+(?:of\s+)?" + Q + r"$"
    r"|\baverag(?:e|ed|ing)\s+(?:\w+\s+){0,3}?" + Q + r"$"
    r"|\bdaily\s+(?:[\w-]+\s+){0,2}(?:losses|casualties|toll|tally|figures?)\s+(?:(?:in|during|for)\s+\w+\s+)?"
    r"(?:\w+\s+){0,2}?" + Q + r"$"
    r"|\bon\s+average,?\s+" + Q + r"$"
    r"|\brate\s+(?:of\s+|at\s+)" + Q + r"$"
)
COMBINED = (
    r"\b(?:Russian|Ukrainian|North Korean)\s+and\s+(?:Russian|Ukrainian|North Korean)\s+(?:troops|soldiers|"
    r"forces|losses|casualties|units)|\b(?:together|combined|jointly)\b(?<!(?:day|end) combined)"
    # (summing one side's figures is no joint count: "the daily bulletins, added together, show")
    r"(?<!added together)(?<!taken together)(?<!put together)(?<!summed together)|\bboth\s+sides\b"
)
# Running totals of a whole war: a regional figure ("in the Kursk region alone") is not one.
REGIONAL = (
    r"\b[A-Z][\w'-]+\s+(?:operation|offensive|incursion|counteroffensive|campaign)\s+(?:cost|alone)\b|"
    r"\b(?:in|near|around|for|on|along|out\s+of|from)\s+(?:the\s+)?(?!Ukraine\b|Russia\b|the\s+war\b)[A-Z][\w'-]+\s+(?:region|oblast|"
    r"Oblast|direction|sector|axis|front|district|offensive|incursion|operation|counteroffensive|area)\b"
    r"|\bin\s+(?:the\s+)?\w+\s+(?:region|oblast|direction|sector)\s+alone\b"
    r"|\b[A-Z][\w'-]+\s+(?:region|oblast|direction|front|sector)\s+(?:only|alone)\b"
    # a label that opens with the place: "Kursk Oblast, since 6 Aug 2024", "Pokrovsk direction: ..."
    r"|^\W*[A-Z][\w'-]+\s+(?:region|oblast|Oblast|direction|sector|axis|front)\b"
    # a sentence that opens with the place: "In the Pokrovsk direction, Russian units lost 176 men over the past day"
    r"|^\W*(?:In|On|Along|Around|Near)\s+(?:the\s+)?[A-Z][\w'-]+\s+(?:region|oblast|Oblast|direction|sector|axis)\b"
)
EQUIPMENT_BEFORE = (
    r"\b(?:tanks|artillery(?: systems)?|armou?red [\w ]+?|vehicles|drones|UAVs|missiles|aircraft|helicopters|"
    r"boats|ships|MLRS|air defen[cs]e [\w ]+?|special equipment|warships|submarines|equipment)\s*[-–—:]\s*$"
)
STANDING_FORCE_BEFORE = (
    r"\b(?:army|military|armed forces|active-duty force)\s+(?:of|numbering|totalling|totaling|numbers|totals|"
    r"counts|has)\s+" + Q + r"$"
    # "Its army, about 1.2 million strong, ...": the whole force, set off by commas
    r"|\b(?:army|military|armed forces|active-duty force),\s+" + Q + r"$"
    # a place's people, not a force or its losses: "a city whose pre-war population was about 60,000"
    r"|\b(?:population|inhabitants)\s+(?:of|was|is|were|had\s+been|stood\s+at|numbered|numbering|totall?ing)\s+"
    + Q
    + r"$"
)
BACK_REFERENCE = (
    r"\b(?:the|its|their|our|his|her|that|this|[\w.]+'s)\s+(?:[\w-]+\s+){0,2}(?:number|figure|total|tally|count|estimate|"
    r"assessment|toll)\b|" + PERIODIC_SERIES + r"|"
    # "On Thursday it stood at 1,160,470": "it" is the count the text was giving (also in a clause of its own, after
    # a semicolon, and with a part of the day: "As of Tuesday morning it stood at ...").
    r"(?:^|;)\W*(?:(?:on|by|as\s+of)\s+(?:[\w.]+,?\s+){1,4}?)?(?:it|this|that)\s+(?:now\s+)?"
    r"(?:stood|stands|was|is|reached|hit|rose|"
    r"climbed|passed|topped|totall?ed)\b"
    # "Over the previous 24 hours alone it recorded 1,090": the body that keeps the count, counting again
    r"|^\W*(?:(?:over|in|during|for|on)\s+(?:[\w.]+,?\s+){1,6}?)?it\s+(?:recorded|counted|logged|added|registered)\b"
    # "The regime hides its dead. The spy agency puts them at about 2,000": "them" is what was named before.
    r"|\b(?:puts?|putting|places?|placing|pegs?|pegged|placed|estimates?|estimated|numbers?|numbered)\s+(?:them|it)\s+"
    r"at\b"
)
# A count of a single day: "the highest one-day figure, 2,030, was recorded on Nov. 28".
DAY_COUNT = (
    r"\b(?:one|single)-day\b|\b(?:worst|deadliest|costliest|highest|bloodiest)\s+(?:single\s+|one-)?day\b|"
    r"\bin\s+a\s+single\s+day\b|\bdaily\s+(?:high|record|peak|maximum)\b|\brecord\s+(?:single\s+)?day\b"
)
OF_TOTAL_BEFORE = (
    r"(?<!upwards )(?<!excess )(?<!north )\b(?:out\s+of\s+(?:the\s+|its\s+|their\s+)?|(?:of|among)\s+(?:the|its|their)\s+"
    r"(?:[\w.]+'s\s+)?|of\s+[\w.]+'s\s+)" + Q + r"$"
)

CLAUSE_BREAKS = (
    r";|:|\(|\)|—|–\s|\bwhile\b|\bwhereas\b|\bbut\b|\balthough\b|\bthough\b|\bmeanwhile\b|,\s*(?:and|but|while|with)\b|"
    r",\s*(?:[\w-]+\s+){0,2}(?:of whom|of which|of them|of those)\b|"
    r",\s*(?:among them|among whom|including|bringing|taking|raising|pushing|lifting|swelling|boosting|up from|"
    r"down from|compared)\b|"
    r"\band\s+that\b|\b(?:saying|adding|noting|warning|cautioning|stressing|contradicting|disputing|denying)\b|"
    # a concession or circumstance, comma or not: "11,000 are still in Kursk despite heavy losses"
    r"\s(?:despite|in\s+spite\s+of|notwithstanding|even\s+after|amid)\b|"
    # "... was taking casualties and reiterated that 12,000 had been sent": a second report starts a clause.
    r"\band\s+(?:also\s+)?(?:said|says|added|adds|noted|notes|reiterated|repeated|stressed|insisted|confirmed|"
    r"warned|estimated|estimates)\s+(?:that\b)?|,\s*(?:where|who|whom|which|when|after|before|as|since|because|despite|amid|even\s+after|even\s+as|in\s+spite\s+of)\b|"
    # (not the year of a date: "since Feb. 24, 2022 now exceeds 732,000")
    r",\s+(?!(?:19|20)\d\d\b)(?=(?:about|around|some|nearly|almost|more than|over|at least|up to|roughly|"
    r"an estimated)?\s*\d)|"
    r"\band\b(?=\s+(?:another\s+|a further\s+|some\s+|about\s+|around\s+|nearly\s+|almost\s+|more than\s+|over\s+|"
    r"at least\s+|up to\s+|roughly\s+|an estimated\s+)?\d)"
    # "put deaths at 300 and the wounded at 2,700": each count has its own "<what> at <number>".
    # (after a count only: "puts Russian dead and wounded at 315,000" is one count)
    r"|(?<=\d)\s+and\b(?=\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:at|to)\s+(?:about\s+|around\s+|some\s+|nearly\s+|"
    r"more than\s+|over\s+|at least\s+)?\d)"
)

# Units small enough that their losses are one errand's, not a share of the running total.
_SMALL_UNIT = (
    r"(?:regiment|battalion|company|platoon|squad|detachment|(?:engineer|sapper|demining|de-mining)\s+unit)"
)

# Scope: period phrases. Groups: month/month2, year, day/day2, n, unit, weekday.
_UNIT = (
    r"(?P<unit>day|days|24\s+hours|48\s+hours|72\s+hours|hours|week|weeks|fortnight|month|months|year|years)"
)
# Holidays on a fixed day (HOLIDAYS gives the day): the bounds of a stretch ("between Christmas and New Year").
_HOLIDAY = r"(?:Christmas(?:\s+(?:Eve|Day))?|New\s+Year(?:'s)?(?:\s+(?:Eve|Day))?)\b"
HOLIDAYS = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's eve": (12, 31),
    "new year eve": (12, 31),
    "new year": (1, 1),
    "new year's": (1, 1),
    "new year's day": (1, 1),
    "new year day": (1, 1),
}
# A stretch's length may be hedged: "in barely two months of combat", "in just three days".
_SPAN_HEDGE = (
    r"(?:just\s+|only\s+|barely\s+|nearly\s+|almost\s+|roughly\s+|about\s+|some\s+|little\s+more\s+than\s+)?"
)
PERIODS = (
    (
        "past",
        r"\b(?:in|over|during|for|within|across)\s+(?:just\s+|only\s+)?(?:the\s+)?(?:past|last|previous|preceding|prior|"
        r"most\s+recent|latest)\s+"
        r"(?:(?P<n>" + SPAN + r")\s+)?" + _UNIT,
    ),
    ("past", r"\b(?:in|within)\s+(?:just\s+|only\s+)?(?P<n>24|48|72)\s+hours\b"),
    # A span without a preposition, marked as the only one counted (a table's "past week only").
    (
        "past",
        r"\b(?:past|last|previous)\s+(?:(?P<n>" + SMALL + r")\s+)?" + _UNIT + r"\s+(?:only|alone)\b",
    ),
    ("past", r"\b(?:over|in)\s+the\s+(?:past|last)\s+(?P<unit>day)(?P<alone>\s+alone)\b"),
    ("past", r"\b(?:overnight|since\s+yesterday)\b"),
    # "this past week", "this past month": the span back from the article's date
    ("past", r"\bthis\s+past\s+(?P<unit>week|month|fortnight)\b"),
    ("yesterday", r"\byesterday\b"),
    ("weekend", r"\b(?:over|during|at|on)\s+the\s+weekend\b"),
    (
        "quarter",
        r"\b(?:in|during|for|over|across|throughout)\s+(?:the\s+)?(?P<n>first|second|third|fourth|final)\s+quarter"
        r"(?:\s+of\s+(?:the\s+year\s+)?(?P<year>" + YEAR + r")|\s+(?P<year2>" + YEAR + r"))?\b",
    ),
    ("quarter", r"\b(?P<n>Q[1-4])(?:\s+(?P<year>" + YEAR + r"))?\b"),
    # "last quarter", "in the previous quarter": the full quarter before the article's
    (
        "quarter",
        r"\b(?:(?:in|during|over|for)\s+the\s+)?(?P<prev>last|previous|past|preceding)\s+quarter\b(?!\s+of\b)",
    ),
    # A half of a year: "in the second half of 2024", "during the first half of the year", "in H2 2024".
    (
        "half",
        r"\b(?:in|during|for|over|across|throughout)\s+(?:the\s+)?(?P<n>first|second|latter)\s+half\s+of\s+"
        r"(?:(?P<year>" + YEAR + r")|(?:the|this)\s+year)\b",
    ),
    ("half", r"\b(?P<n>H[12])(?:\s+(?P<year>" + YEAR + r"))?\b"),
    # As an attribute: "put Russia's first-half losses at 210,000", "the second-half toll".
    (
        "half",
        r"\b(?:(?P<year>"
        + YEAR
        + r")\s+)?(?P<n>first|second)-half(?P<attr>\s+)(?=(?:[\w-]+\s+)?(?:losses|toll|"
        r"total|tally|casualties)\b)",
    ),
    (
        "day",
        r"\b(?:on|for)\s+(?:(?P<weekday>" + WEEKDAY + r"),?\s+)?(?P<month>" + MONTH + r")\s+(?P<day>\d{1,2})"
        r"(?:\s*(?:and|-|–|to|&)\s*(?P<day2>\d{1,2}))?(?:,?\s+(?P<year>"
        + YEAR
        + r"))?\b(?P<alone>\s+alone\b)?",
    ),
    (
        "day",
        r"\b(?:on|for)\s+(?P<day>\d{1,2})(?:\s*(?:and|-|–|to|&)\s*(?P<day2>\d{1,2}))?\s+(?P<month>"
        + MONTH
        + r")"
        r"(?:\s+(?P<year>" + YEAR + r"))?\b(?P<alone>\s+alone\b)?",
    ),
    (
        "day",
        r"^(?P<month>"
        + MONTH
        + r")\s+(?P<day>\d{1,2})(?:,?\s+(?P<year>"
        + YEAR
        + r"))?(?P<alone>\s+alone)\b",
    ),
    # "The worst single day was Dec. 19"
    ("day", r"\b(?:day|date)\s+(?:was|came\s+on|fell\s+on)\s+(?P<month>" + MONTH + r")\s+(?P<day>\d{1,2})\b"),
    ("weekday", r"\bon\s+(?P<weekday>" + WEEKDAY + r")(?P<alone>\s+alone)?\b"),
    # "The worst day of the week was Wednesday, when ... 1,320": the day named by its toll
    (
        "weekday",
        r"\b(?:day|date)(?:\s+of\s+the\s+week)?\s+(?:was|came\s+on|fell\s+on)\s+(?P<weekday>"
        + WEEKDAY
        + r")\b",
    ),
    # "since Monday": from that day to the article's date
    ("weekday", r"\b(?P<since>since)\s+(?:last\s+)?(?P<weekday>" + WEEKDAY + r")\b"),
    # From one weekday to another: "between Saturday and Monday", "from Tuesday to Wednesday mornings".
    (
        "weekdays",
        r"\b(?:between|from)\s+(?:last\s+)?(?P<weekday>" + WEEKDAY + r")(?:\s+(?:morning|night|evening))?\s+"
        r"(?:and|to|through|until|till)\s+(?P<weekday2>"
        + WEEKDAY
        + r")(?:\s+(?:mornings?|nights?|evenings?))?\b",
    ),
    # From one holiday to another: "between Christmas and New Year's Eve", "from Christmas Eve to New Year".
    (
        "holidays",
        r"\b(?:between|from)\s+(?P<holiday>"
        + _HOLIDAY
        + r")\s+(?:and|to|through|until|till)\s+(?P<holiday2>"
        + _HOLIDAY
        + r")",
    ),
    (
        "between",
        r"\b(?:between|from|in)\s+(?P<month>"
        + MONTH_NAME
        + r")(?:\s+(?P<year0>"
        + YEAR
        + r"))?\s+(?:and|to|through)\s+"
        r"(?P<month2>" + MONTH_NAME + r")(?:\s+(?P<year>" + YEAR + r"))?\b",
    ),
    # Day first: "between 1 and 15 November", "from 3 to 9 March 2025".
    (
        "days",
        r"\b(?:(?:between|from)\s+(?P<day>\d{1,2})\s+(?:and|to|through|until|-|–)\s+|"
        # ("in 3–9 Nov 2025", a week written as a range of days)
        r"(?:from|in)\s+(?P<day0>\d{1,2})\s*[-–]\s*)(?P<day2>\d{1,2})\s+(?P<month>"
        + MONTH
        + r")(?:,?\s+(?P<year>"
        + YEAR
        + r"))?\b",
    ),
    # Between two days: "between Jan. 1 and Dec. 31", "from March 3 to March 9", "between Nov. 28 and 29".
    (
        "days",
        r"\b(?:between|from)\s+(?P<month>" + MONTH + r")\s+(?P<day>\d{1,2})(?:,?\s+(?P<year0>" + YEAR + r"))?"
        r"\s+(?:and|to|through|until)\s+(?:(?P<month2>"
        + MONTH
        + r")\s+)?(?P<day2>\d{1,2})(?![,.]?\d)(?:,?\s+(?P<year>"
        + YEAR
        + r"))?\b",
    ),
    (
        "first",
        r"\b(?:in|during|over|across|for|throughout)\s+(?:the\s+)?first\s+(?P<n>"
        + SPAN
        + r"|half|quarter)\s*(?P<unit>months?|weeks?|days?|)\s+"
        r"of\s+(?:(?P<year>" + YEAR + r")|this\s+year|the\s+year)\b",
    ),
    # The year named first: "over the year's first five months", "in 2025's first quarter".
    (
        "first",
        r"\b(?:in|during|over|across|for|throughout)\s+(?:the\s+year's|this\s+year's|(?P<year>"
        + YEAR
        + r")'s)\s+first\s+"
        r"(?P<n>" + SPAN + r"|half|quarter)\s*(?P<unit>months?|weeks?|days?|)\b",
    ),
    # The opening days or weeks of a month: "in the first week of January", "over the first four days of January",
    # "in the first three weeks of February alone".
    (
        "first",
        r"\b(?:in|during|over|across|for|throughout)\s+(?:just\s+|only\s+)?(?:the\s+)?first\s+(?:(?P<n>"
        + SMALL
        + r")\s+)?(?P<unit>days?|weeks?|fortnight)\s+of\s+(?P<month>"
        + MONTH_NAME
        + r")(?:\s+(?P<year>"
        + YEAR
        + r"))?\b(?P<alone>\s+alone\b)?",
    ),
    # A stretch counted back from a named day: "in the seven days to Sunday", "over the two weeks to Sunday, Feb. 23",
    # "in the 14 days to March 9".
    (
        "upto",
        r"\b(?:in|over|during|across)\s+the\s+(?P<n>"
        + SPAN
        + r")\s+(?P<unit>days|weeks)\s+(?:to|ending|through|"
        r"up\s+to)\s+(?:(?P<weekday>"
        + WEEKDAY
        + r")\b(?:,?\s+(?="
        + MONTH
        + r"))?)?(?:(?P<month>"
        + MONTH
        + r")\s+(?P<day>\d{1,2})\b)?",
    ),
    ("this", r"\b(?:so\s+far\s+)?this\s+(?P<unit>year|month|week)\b"),
    ("this", r"\bso\s+far\s+in\s+(?P<year>" + YEAR + r")\b"),
    ("this", r"\b(?P<year>" + YEAR + r")\s+(?:so\s+far|to\s+date)\b"),
    ("this", r"\b(?:(?P<unit>month|week)|year)[- ]to[- ]date\b"),
    ("this", r"\b(?:for|in|over|during)\s+the\s+(?P<unit>month|week|year)\s+(?:so\s+far|to\s+date)\b"),
    (
        "since",
        r"\bsince\s+(?:the\s+(?:start|beginning|turn)\s+of\s+)?(?:(?:the|this)\s+(?:new\s+)?(?P<unit>year|month|week)|"
        r"(?P<newyear>(?:the\s+)?New\s+Year(?:'s(?:\s+Day)?)?)|"
        r"(?P<part>(?:early|mid|late|the\s+(?:middle|end)\s+of)[\s-]+)?(?:(?P<day>\d{1,2})\s+)?(?P<month>"
        + MONTH
        + r")(?:\s+(?P<day2>\d{1,2}))?(?:,?\s+(?P<year>"
        + YEAR
        + r"))?|"
        r"(?P<year2>" + YEAR + r"))\b",
    ),
    # From an event that began in a named month: "since the assaults began in December", "since the
    # offensive opened last October". (For North Korea's troops, first combat in December is their whole war.)
    (
        "since",
        r"\bsince\s+(?:the|their|its|that|this|[\w-]+'s)\s+(?:[\w-]+\s+){0,2}?(?:assaults?|attacks?|offensives?|"
        r"counter-?offensives?|push|operations?|incursions?|fighting|battles?|campaign|storming)"
        r"(?:\s+(?:on|for|in|near|around|against|toward|towards)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?)?\s+(?:began|started|"
        r"opened|was\s+launched|were\s+launched)\s+(?:in\s+(?:(?P<part>early|mid|late)[\s-]+)?|last\s+)(?P<month>"
        + MONTH_NAME
        + r")(?:\s+(?P<year>"
        + YEAR
        + r"))?\b",
    ),
    ("last", r"\blast\s+(?P<unit>month|year)\b"),
    ("last", r"\blast\s+(?P<month>" + MONTH_NAME + r")\b"),
    ("lastweek", r"\b(?:over\s+|during\s+)?last\s+week\b"),
    (
        "month",
        r"\b(?:in|during|for|throughout|over|across|through)\s+(?:the\s+month\s+of\s+|all\s+of\s+|"
        r"the\s+(?:whole|entire)\s+(?:month\s+)?of\s+)?"
        r"(?P<month>" + MONTH_NAME + r")(?:\s+(?P<year>" + YEAR + r"))?\b",
    ),
    # A point in a month or a year ("in early December", "in mid-2025"): it dates a running total ("the tally
    # stood at 760,000 in early December") unless a loss happened then ("lost 9,000 in mid-November").
    (
        "monthpart",
        r"\b(?:in|during|around|from)\s+(?:the\s+)?(?:early|mid|late|the\s+(?:middle|start|beginning|end)\s+of)"
        r"[\s-]+(?:(?P<month>" + MONTH_NAME + r")(?:\s+(?P<year>" + YEAR + r"))?|(?P<year2>" + YEAR + r"))\b",
    ),
    (
        "month",
        r"\b(?P<month>" + MONTH_NAME + r")(?:\s+(?P<year>" + YEAR + r"))?(?:'s|\s+alone|\s+on\s+its\s+own|"
        r"(?P<attr>\s+)(?=(?:losses|toll|total|tally|casualties)\b))",
    ),
    # The month named as the worst or best: "The heaviest month was March, when about 40,000 ...".
    (
        "month",
        r"\b(?:month|months)\s+(?:was|were|came\s+in)\s+(?P<month>"
        + MONTH_NAME
        + r")(?:\s+(?P<year>"
        + YEAR
        + r"))?\b",
    ),
    # The month as the subject: "November was the second-worst month, with 45,680 killed and wounded".
    (
        "month",
        r"(?:^\W*|\bthat\s+)(?P<month>"
        + MONTH_NAME
        + r")(?:\s+(?P<year>"
        + YEAR
        + r"))?\s+(?=(?:was|saw|brought|had|cost|claimed)\b)",
    ),
    (
        "year",
        r"\b(?:(?:in|during|for|throughout|across|over)\s+(?:the\s+(?:whole|entire|full)\s+(?:of\s+)?|all\s+of\s+|"
        r"the\s+year\s+)?|the\s+(?:whole|entire)\s+of\s+)(?P<year>" + YEAR + r")\b",
    ),
    (
        "year",
        r"\b(?P<year>"
        + YEAR
        + r")(?:'s|\s+as\s+a\s+whole|\s+alone|(?P<attr>\s+)(?=(?:losses|toll|total|tally|casualties)\b))",
    ),
    # The year as the subject: "2024, the costliest year so far, accounted for 429,660 of them".
    (
        "year",
        r"(?:^\W*|(?<=;)\s*|\bthat\s+)(?P<year>"
        + YEAR
        + r")(?:,[^,.;]{0,50},)?\s+(?=(?:accounted\s+for|cost|saw|brought|claimed)\b)",
    ),
    # A kicker: "March: Russia lost 40,580 troops".
    ("month", r"^\W*(?P<month>" + MONTH_NAME + r")(?:\s+(?P<year>" + YEAR + r"))?\s*:"),
    (
        "event",
        r"\b(?:in|during|over|within|after)\s+" + _SPAN_HEDGE + r"(?:the\s+|their\s+|its\s+)?"
        r"(?P<ord>first|last|opening|final|initial)?\s*"
        r"(?:(?P<n>"
        + SMALL
        + r")\s+)?(?P<unit>days?|weeks?|fortnights?|hours?|nights?|months?)\s+of\s+(?:[\w-]+\s+){0,2}?"
        r"(?:fighting|combat|battles?|assaults?|attacks?|clashes|the\s+(?:offensive|battle|operation|assault|"
        r"counteroffensive|fighting|war|invasion))\b",
    ),
    (
        "event",
        r"\b(?:in|within|over)\s+(?:just\s+|only\s+)?(?:a|one|a\s+single)\s+(?:single\s+)?(?:day|week|night|attack|"
        r"assault|battle|engagement|operation|strike|ambush|clash|raid)\b",
    ),
    (
        "event",
        r"\b(?:an?|one|a\s+single)\s+(?:[\w-]+\s+){0,2}(?:assault|attack|ambush|raid|engagement|clash|strike|"
        r"bombardment|barrage|shelling)\b",
    ),
    ("event", r"\bover\s+(?:the\s+course\s+of\s+)?(?P<n>" + SMALL + r")\s+days\b"),
    # One unit's mission: "nine of its members were killed during the mission".
    (
        "event",
        r"\b(?:during|on|in\s+the\s+course\s+of)\s+(?:the|that|this|its|their)\s+(?:[\w-]+\s+)?mission\b",
    ),
    ("event", r"\bin\s+(?:just\s+|only\s+)?(?:one|a|a\s+single)\s+week\b"),
    # A stretch of known length that is not the whole war: "during a 120-day mission", "in a three-week push",
    # "on its four-month tour".
    (
        "event",
        r"\b(?:during|in|on|over|throughout|across|within|in\s+the\s+course\s+of)\s+(?:(?:a|an|the|its|their|"
        r"that|this|one)\s+)?(?:[\w'’-]+\s+)?(?:\d+|"
        + SMALL
        + r"|several|few)[- ](?:day|week|month|hour|night)(?:-long)?"
        r"\s+(?:[\w-]+\s+){0,2}?(?:mission|operation|offensive|counteroffensive|campaign|battle|assault|push|"
        r"deployment|tour|rotation|stint|siege|fight|fighting|clash|engagement|stretch|period|spell)\b",
    ),
    # One unit's errand: "during a mine-clearing mission", "on their tour".
    (
        "event",
        r"\b(?:during|on|in\s+the\s+course\s+of)\s+(?:a|an|one)\s+(?:[\w-]+\s+)?(?:mission|tour|rotation|"
        r"sortie)\b",
    ),
    # The opening stretch of something, with or without what: "in the first week", "in its first days".
    (
        "event",
        r"\b(?:in|during|over|within|across)\s+(?:just\s+|only\s+)?(?:the|its|their)\s+(?:first|opening|initial)"
        r"\s+(?:(?:few|several|" + SPAN + r")\s+)?(?:days?|weeks?|months?|hours?|nights?|fortnight)\b"
        r"(?!\s+of\s+(?:(?:the|this)\s+year|" + YEAR + r"))",
    ),
    # A stretch counted back from a date or an event: "in the three months to September".
    (
        "event",
        r"\b(?:in|over|during|across)\s+the\s+(?:" + SMALL + r"(?:\s+and\s+a\s+half)?|few|several)\s+"
        r"(?:days|weeks|months)\s+"
        r"(?:to|before|ending|through|until|up\s+to|after|following|(?P<since>since))\b",
    ),
    # "over the past few weeks", "in recent months": a recent stretch of no stated length.
    (
        "event",
        r"\b(?:in|over|during|across|within)\s+(?:the\s+)?(?:(?:past|last|previous|preceding)\s+(?:few|several|"
        r"couple\s+of)|recent)\s+(?:days|weeks|months)\b",
    ),
    # A season: "over the summer", "in the winter of 2024", "this spring", "the autumn offensive".
    (
        "season",
        r"\b(?:(?:in|during|over|throughout|across|through)\s+(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?|"
        r"(?:this|last)\s+)(?:summer|winter|spring|autumn|fall(?!\s+of\s+(?!" + YEAR + r")))"
        r"(?:\s+(?:of\s+)?(?P<year>" + YEAR + r"))?\b",
    ),
    # A stretch counted in its units: "in three months", "within six weeks", "over the course of three weeks",
    # "over the two days", "across both days", "in those ten days", "in a span of ten days".
    (
        "event",
        r"\b(?:in|within|over|across|during|throughout|over\s+the\s+course\s+of)\s+" + _SPAN_HEDGE + r""
        r"(?:(?:a|the)\s+(?:span|space|matter|period)\s+of\s+" + _SPAN_HEDGE + r")?"
        r"(?:(?:the|those|these)\s+)?(?:(?P<n>"
        + SPAN
        + r")|both)\s+(?P<unit>days|nights|weeks|months|hours)\b"
        # ("in 500 days of war" is the whole war at its milestone)
        r"(?!\s+of\s+(?:(?:the|full-scale|all-out)\s+)?(?:war|invasion|conflict)\b)",
    ),
    (
        "event",
        r"\bin\s+(?:the|that|last)\s+(?:week|day|month|weekend)'s\s+(?:fighting|battles?|combat|assaults?|clashes)\b",
    ),
    # One engagement, however it is described: "in a single missile strike", "on a single day", "in that one
    # drone attack". ("On the same day" dates a statement.)
    (
        "event",
        r"\b(?:in|within|over|on|during)\s+(?:just\s+|only\s+)?(?:a\s+single|one|that\s+(?:single|one))\s+"
        r"(?:[\w-]+\s+){0,2}?(?:day|night|attack|assault|battle|engagement|strike|ambush|clash|raid|bombardment|"
        r"barrage|offensive|push|wave)\b",
    ),
    # A named offensive, battle or strike: "during the offensive", "in the battle for Pokrovsk", "in Russia's
    # summer offensive", "in the December assaults", "in the first wave". (The war itself, and the "special
    # military operation", are not among these nouns: they are the whole war.) Groups named whole_<subject>
    # name the theatre that is that subject's whole war: North Korea's troops fought in Kursk only.
    (
        "event",
        r"\b(?:in|during|throughout|amid|over\s+the\s+course\s+of)\s+(?:the|that|those|these|its|their|[\w-]+'s)\s+"
        r"(?:(?:[\w-]+\s+)?(?P<whole_dprk_troops_russia>Kursk)\s+|(?:[\w-]+\s+){0,2}?)"
        r"(?:offensives?|counter-?offensives?|assaults?|attacks?|strikes?|battles?|push|retreat|raids?|ambush(?:es)?|"
        r"bombardments?|barrages?|waves?|incursions?|(?<!special military )operation)\b"
        r"(?!\s+(?:units?|troops|brigades?|groups?|forces|teams?|squads?|drones?|rifles?|helicopters?|aircraft)\b)"
        r"(?:\s+(?:in|for|of|around|near|into|on)\s+(?:the\s+)?(?P<whole_dprk_troops_russia2>Kursk)\b)?",
    ),
    # From the start of one offensive or battle, not the war: "since the offensive began", "since the start of
    # the Avdiivka assault", "since its incursion". (A full-scale one is the war; Kursk is North Korea's whole war.)
    (
        "event",
        r"\b(?P<since>since)\s+(?:the\s+(?:start|beginning|launch|outset)\s+of\s+)?(?:the|its|their|that|this|"
        r"[\w-]+'s)\s+(?:(?:[\w-]+\s+)?(?P<whole_dprk_troops_russia>Kursk)\s+|(?:(?!full|special)[\w-]+\s+){0,2}?)"
        r"(?:offensive|counter-?offensive|assault|push|incursion|battle|campaign|siege|storming|operation)\b",
    ),
    # One year of the war by its rank: "in the first year of the invasion", "during the war's second year".
    (
        "event",
        r"\b(?:in|during|over|throughout|across)\s+(?:(?:the\s+)?[\w-]+'s|the|its|their)\s+(?:first|second|third|"
        r"fourth|fifth|"
        r"opening)\s+year(?:\s+of\s+(?:the\s+|Russia's\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:war|invasion|fighting|conflict|"
        r"deployment))?\b(?!\s+of\s+(?!(?:the\s+|Russia's\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:war|invasion|fighting|conflict|"
        r"deployment)\b))",
    ),
    # A day named by its toll, not its date: "on the deadliest day of the war", "on its worst single day".
    (
        "event",
        r"\b(?:on|during|in)\s+(?:(?:the\s+)?[\w-]+'s|the|its|their)\s+(?:single\s+)?(?:deadliest|worst|bloodiest|"
        r"costliest|heaviest|most\s+costly|most\s+lethal)\s+(?:single\s+)?(?:day|night|week|month)\b",
    ),
    # One holiday's day: "reached 790,800 on New Year's Day" dates a running total like "on Jan. 1" would;
    # "lost 1,300 on Christmas Day" is that day's count.
    ("holiday", r"\b(?:on|at)\s+(?P<holiday>Christmas\s+(?:Day|Eve)|New\s+Year(?:'s)?\s+(?:Day|Eve))\b"),
    # A holiday: "over Christmas", "on New Year's Eve", "during the New Year holidays".
    (
        "event",
        r"\b(?:over|during|on|at|around|across)\s+(?:the\s+)?(?:Christmas|New\s+Year(?:'s)?|Easter)"
        r"(?:\s+(?:Day|Eve|holidays?|period|truce|weekend|break))?\b",
    ),
    # A truce: "during the ceasefire", "in the 30-hour truce" (its breaches' toll, not the war's).
    (
        "event",
        r"\b(?:during|in|over|throughout)\s+(?:the|a|that|this|its)\s+(?:[\w-]+\s+){0,2}?(?:truce|ceasefire|"
        r"cease-fire)\b(?!\s+(?:talks|deal|agreement|proposals?|plan|negotiations|offer|terms)\b)",
    ),
    # The fight for one place: "in the fighting for Pokrovsk", "during the storming of Avdiivka". (Kursk is
    # North Korea's whole war; "the defence of Ukraine" is the whole war.)
    (
        "event",
        r"\b(?:in|during|throughout|over\s+the\s+course\s+of)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:fighting|fight|"
        r"struggle|storming|siege|capture|defen[cs]e)\s+(?:for|of|over|around|near)\s+(?:the\s+(?:town|city|village)\s+of\s+)?"
        r"(?:(?P<whole_dprk_troops_russia>Kursk)\b|(?!(?:Ukraine|Russia|Donbas|Donbass)\b)(?-i:[A-Z])[\w'’-]+)",
    ),
    # A part of a month, a year or an offensive: "in the final days of December", "in the closing weeks of 2024",
    # "in the second week of November", "in the second month of the offensive".
    (
        "event",
        r"\b(?:in|during|over|across|throughout)\s+(?:the|its|their)\s+(?:first|second|third|fourth|final|last|"
        r"closing|opening|early|latter|dying)\s+(?:(?:few|several|"
        + SPAN
        + r")\s+)?(?:days?|weeks?|months?|fortnight)\s+of\s+"
        r"(?:"
        + MONTH_NAME
        + r"|"
        + YEAR
        + r"|the\s+year|this\s+year|last\s+year|(?:the|its|their)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:offensive|counter-?offensive|assault|push|campaign|battle|siege|operation))\b",
    ),
    # A short stretch of no exact length: "within days", "in a matter of weeks", "in under a month", "in one year".
    (
        "event",
        r"\b(?:in|within|over)\s+(?:just\s+|only\s+)?(?:(?:a\s+)?matter\s+of|a\s+few|a\s+couple\s+of|"
        r"(?:under|less\s+than|little\s+more\s+than|just\s+over|barely|more\s+than)\s+(?:a|an|one|two|three)|"
        r"one|an?|a\s+single)\s+(?:hours?|days?|nights?|weeks?|fortnights?|months?)\b",
    ),
    ("event", r"\bwithin\s+(?:hours|days|weeks)\b"),
    # A season as the start or the bound: "since the summer", "this past winter", "since early autumn".
    (
        "season",
        r"\b(?:(?P<since>since)\s+(?:the\s+)?(?:(?P<part>early|late|mid)[\s-]+)?|(?:this|last)\s+past\s+)"
        r"(?P<season>summer|winter|spring|autumn|fall)(?:\s+(?:of\s+)?(?P<year>" + YEAR + r"))?\b",
    ),
)
# The month of an arrival or of first combat: "in December", "last October", "in mid-December 2024".
_ARRIVAL_MONTH = (
    r"(?:\s+(?:(?:in|on)\s+(?:(?:early|mid|late)[\s-]+)?|last\s+)(?:" + MONTH + r")(?:\s+\d{1,2})?"
    r"(?:,?\s+(?:19|20)\d\d)?\b)?"
)
CUMULATIVE = (
    r"\bsince\s+(?:the\s+(?:start|beginning|outset|launch)\s+of\s+)?(?:(?:Russia's|Moscow's|the|its|their)\s+)?"
    r"(?:full[- ]scale\s+)?(?:war|invasion|conflict|hostilities|deployment|fighting|aggression)\b"
    r"(?:\s+(?:in|on|of)\s+(?:Feb(?:ruary|\.)?\s+)?(?:24,?\s+)?(?:19|20)\d\d)?"
    r"|\bsince\s+(?:the\s+)?(?:war|invasion|deployment|fighting)\s+(?:began|started)\b"
    r"|\bsince\s+(?:it|Russia|Moscow|they|Pyongyang|North\s+Korea)\s+(?:launched|began|started|invaded|sent|"
    r"deployed|entered)\b"
    r"|\bsince\s+(?:[\w']+\s+){0,3}?(?:they|troops|soldiers|forces|units|(?:North\s+)?Koreans|Russians|men)\s+"
    r"(?:first\s+)?(?:arrived|entered|were\s+"
    r"deployed|were\s+committed|began\s+fighting|joined|came\s+into\s+(?:battle|combat)|went\s+into\s+(?:battle|combat))\b"
    # (with the stretch it names: "since the North Koreans entered the fighting in December")
    r"(?:\s+(?:the\s+)?(?:fighting|fight|war|battle|combat|front|Russia|Kursk))?"
    + _ARRIVAL_MONTH
    + r"|\bsince\s+(?:entering|joining)\s+(?:combat|the\s+war|the\s+fighting)\b"
    # "since arriving at the front", "since being deployed to Kursk last October": the whole deployment
    r"|\bsince\s+(?:first\s+)?(?:arriving|arrival|deploying|being\s+(?:deployed|sent|committed)|their\s+arrival|"
    r"its\s+arrival)\b(?:\s+(?:in|at|to)\s+(?:the\s+)?(?:front(?:\s+lines?)?|Russia|Kursk(?:\s+region)?|"
    r"battle|combat))?" + _ARRIVAL_MONTH +
    # The invasion's date written in figures: "Total since 24.02.2022".
    r"|\bsince\s+(?:2[45][./]0?2[./](?:20)?22|2022-02-2[45])\b"
    r"|\bto\s+date\b|\bin\s+total\b|\b(?:whole|entire)\s+(?:war|invasion|conflict)\b|\bso\s+far\b(?!\s+(?:this|in\s+(?:19|20)\d\d))|\bas\s+of\b|\boverall\b|"
    r"\ball\s+told\b|\bcumulative\b|\bin\s+all\b|\b(?:through|by|until|at)\s+the\s+end\s+of\b"
    # "taking their total losses to more than 1 million": the wire's running total.
    r"|\b(?:taking|bringing|pushing|raising|lifting|putting|lifts|brings|takes|pushes|raises|puts)\s+(?:the|its|their|"
    r"[\w-]+'s)\s+(?:[\w-]+\s+){0,3}?(?:total|tally|count|"
    r"toll)\b"
)
STATEMENT_TIME_BEFORE = (
    r"\b(?:"
    + _SAID
    + r"|saying|telling|estimating|reporting|noting|adding|writing)\s+(?:(?!(?:losses|casualties|deaths|troops|soldiers|toll)\b)[\w'-]+\s+){0,2}$"
    r"|\b(?:briefing|update|report|statement|address|assessment)\s+(?:(?:on|of|about)\s+(?:the\s+)?[\w-]+\s+)?$"
    # "lawmakers who were briefed by the agency this week": when they heard it
    r"|\bbriefed\s+(?:by\s+(?:the\s+|its\s+)?(?:[\w-]+\s+){0,2}?)?$"
    # "a figure unchanged since April": how long the figure has stood, not what it counts.
    r"|\b(?:unchanged|not\s+(?:been\s+)?(?:updated|revised|changed)|un(?:updated|revised)|the\s+same|steady|stable)\s+$"
    # "the 11,000 troops Pyongyang sent last autumn": a phrase right after a verb of sending dates the sending.
    r"|\b(?:sent|deployed|dispatched|shipped|transferred|arrived|began\s+arriving)\s+(?:to\s+(?:Russia|Kursk)\s+)?$"
    r"|\b(?:estimate|figure|assessment|update|report|briefing|statement|announcement)s?\s+(?:came|was\s+(?:given|"
    r"published|released|issued|made))\s+$"
    # "Zelensky's latest estimate, given in January, is 3,800": a participle of giving dates the estimate
    r"|\b(?:given|published|released|issued|announced)\s+(?:to\s+(?:[\w-]+\s+){1,2}?)?$"
)
# After a phrase that opens the sentence, the statement may come a few words later ("In October, the NIS
# said ..."); elsewhere it must follow at once ("the agency on Thursday put ...").
STATEMENT_TIME_AFTER = r"^\s*,?\s*(?:[\w'’.-]+\s+){0,10}?" + _SAID + r"\b(?!\s*,)"
STATEMENT_TIME_NEXT = (
    r"^\s*,?\s*(?:that\s+)?(?!put\s+at\b)" + _SAID + r"\b"
    # "on Jan. 13 it raised its estimate": a pronoun speaking right after the day
    r"|^\s+(?:it|he|she|they)\s+(?:\w+\s+)?" + _SAID + r"\b"
    # "an estimate in December that Russia had suffered ...": the clause reported after the phrase holds the count
    r"|^\s*,?\s+that\s+(?:[\w'-]+\s+){1,4}?(?:had|has|have|was|were|is|are|would)\b"
)
# A stretch named by its unit only ("for the month", "the year as a whole", "annual losses"): the period of that
# unit named before it, else a period of dates the text does not give. Groups named unit* say which unit.
SAME_PERIOD = (
    r"\b(?:for|over|in|during|throughout|across|in\s+the\s+course\s+of)\s+the\s+(?:same\s+|whole\s+|entire\s+|"
    r"full\s+|reporting\s+)?(?P<unit>month|week|year|period)\b(?!\s+(?:of|before|ago|after)\b)|\bthat\s+(?P<unit2>month|week)\b|"
    r"\bthe\s+(?P<unit3>month|year|week)(?:'s|\s+as\s+a\s+whole)|\b(?:whole|entire|full)\s+(?P<unit4>year|month)\b|"
    r"\b(?P<unit5>annual|monthly|weekly|yearly)\s+(?:[\w-]+\s+)?(?:losses|toll|casualties|death\s+toll)\b"
)

TABLE_COLUMNS = {
    "source": r"^(?:sources?|claimed by|claimant|by|who|according to|estimated? by|reported by|agency|government|"
    r"estimator|made by|said by|capital|claimed|source of estimate)$",
    "subject": r"^(?:side|country|army|nationality|whose losses|who lost|forces of)$",
    "qualifier": r"^(?:qualifier|hedge|precision)$",
    "date": r"^(?:date|(?:report|bulletin|briefing|update|release) date|date reported|reported|as of|published|when|"
    r"date of (?:estimate|report|claim)|"
    r"updated|given)$",
    "period": r"^(?:months?|period|years?|quarters?|dates?|week|day|time|covering|time span)$",
    "what": r"^(?:what|metric|category|measure|type|claim|what was counted|status|item|kind|counted|about|force|"
    r"area|area\s*/\s*period|region|front|direction|sector|location|theatre|theater|"
    r"forces|series|scope|description|detail|unit|group)$",
    # (a column of changes is no count: "Change on previous month", "+/-")
    "rate": r"\b(?:average|per day|daily|a day|rate|per month|per week|change|difference|increase|decrease)\b|^\+\s*/",
    "note": r"^(?:notes?|comment|remarks|detail|details|context)$",
}

ABBREVIATIONS = (
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Sen|Rep|Gov|Prof|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|"
    r"Nov|Dec|No|vs|etc|approx|est|Inc|Co|Corp|Ltd|Adm|c|ca)|\b[A-Z]|\b(?:U\.S|U\.K|U\.N|E\.U))\.$"
)

LEXICON = Lexicon(
    language="en",
    # "sent to Russia in two waves, around 600 have been killed": a small number word that counts things
    # ("two waves", "three rotations") is no number of ours, and must not cut the counts around it apart.
    small_word_limit=100,
    units={
        "zero": 0,
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
        "eighteen": 18,
        "nineteen": 19,
    },
    tens={
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
    },
    scales={"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000},
    fractions={"half": 0.5, "quarter": 0.25},
    articles=("a", "an"),
    number_joiners=("and",),
    digit_scales={
        "thousand": 1_000,
        "k": 1_000,
        "million": 1_000_000,
        "mln": 1_000_000,
        "mn": 1_000_000,
        "m": 1_000_000,
        "billion": 1_000_000_000,
        "bn": 1_000_000_000,
    },
    pronoun_numbers=("one", "zero"),
    count_after_year=(
        r"\s*(?:more\s+)?(?:North|troops|soldiers|servicemen|personnel|casualties|killed|wounded|dead|men|people|"
        r"prisoners)\b"
    ),
    change_from_before=(
        r"\b(?:rose|risen|rise|rising|increased?|increasing|grew|grown|jumped|climbed|fell|fallen|dropped|"
        r"revised|raised|raising|lowered|up|down|went|from)\b[^.;]{0,40}\bfrom\s*$|\bfrom\s*$"
        # "the tally rose by 1,260 to 970,650": the increase, then the new total
        r"|\b(?:rose|risen|rise|rises|rising|increased?|increases|increasing|grew|grown|grows|jumped|climbed|fell|fallen|"
        r"dropped|up|down|swelled)\s+by\s*$"
    ),
    not_count_before=(
        r"(?:" + MONTH + r"\s*|(?:\$|US\$|USD\s?|€|£|₩|¥|KRW\s?|rubles?\s|Unit\s|No\.\s?|Nos?\s|number\s|#|"
        r"Corps\s|Brigade\s|Division\s|Regiment\s|Battalion\s|Article\s|Resolution\s|Flight\s|Route\s|Highway\s|"
        r"aged\s|age\s|ages\s|Su-|MiG-|S-|KN-|Kh-|Hwasong-|page\s|pages\s|chapter\s|section\s|Hill\s|"
        # a second age: "aged 21 and 25", "One is 20 years old, the other 26"
        r"aged\s\d{1,2}\s(?:and|or|to|&)\s|old,?\s(?:and\s)?the\sother\s|"
        r"(?:in|since|by|until|from|of|year|early|late|mid-?|summer|winter|spring|autumn|fall)\s(?=(?:19|20)\d\d\b)|"
        r"(?:19|20)\d\d[-–/]|(?:other|younger|older|elder|first|second),\s*|UPDATE\s|paragraphs?\s|paras?\s|"
        r"\b(?:one|two|three|four|five|six|seven|eight|nine|\d{1,2})\s+(?:in|out\s+of|of\s+every)\s+(?:every\s+)?|"
        + MONTH
        + r"\s*\d{1,2}\s*(?:and|to|&)\s*)"
        r")$"
    ),
    not_count_after=(
        r"^(?:\s?(?:%|percent\b|per\s?cent\b|pct\b|percentage\b|-?(?:year|month|week|day|hour|minute)s?[- ]old\b|"
        r"(?:st|nd|rd|th)\b|(?:km|kilomet(?:er|re)s?|miles?|meters?|metres?|kg|tonnes?|tons?|mm|cm|km/h|mph|"
        r"hours?|minutes?|seconds?|days?|weeks?|months?|years?|decades?|centuries|times|dollars?|won\b|"
        r"euros?|pounds?|rubles?|roubles?|hryvnias?|yuan|usd|krw|degrees?|°|sq|square|acres?|hectares?|"
        r"rounds?|shells?|missiles?|rockets?|drones?|tanks?|vehicles?|aircraft|jets?|sorties|artillery|"
        r"howitzers?|launchers?|guns?|bombs?|warheads?|containers?|barrels?|calls?|votes?|pages?|points?|"
        r"goals?|households?|homes?|houses?|buildings?|villages?|settlements?|square)\b|"
        r"\s*and\s+a\s+half\s+(?:hours?|days?|weeks?|months?|years?)\b|-(?:day|week|month|year|hour|minute)s?\b|"
        # "a run of 30,000-plus months": months of such losses, counted
        r"(?:-plus|\+)\s+(?:days?|weeks?|months?|years?)\b|"
        # a time of day ("at 7 a.m."), a ratio ("one in three of them")
        r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock\b)|\s+(?:in|out\s+of)\s+(?:every\s+)?(?:\d{1,2}|two|three|four|five|six|"
        r"seven|eight|nine|ten)(?=\s*(?:[,.;:)]|of\b|$))"
        # a ratio before its noun ("2 of every 10 soldiers", "two in ten of the men")
        r"|\s+(?:of|in|out\s+of)\s+every\b|\s+in\s+(?:ten|five|four|three|two)\s+(?:of\b|(?:[\w-]+\s+){0,3}?(?:soldiers|"
        r"troops|men|fighters|servicemen)\b)"
        # the speakers a number counts ("two U.S. officials said", "three South Korean lawmakers")
        r"|\s+(?:(?:[A-Z][\w.]*|senior|top|military|intelligence|government|defen[cs]e)\s+){0,3}(?:officials|"
        r"lawmakers|legislators|diplomats|sources|analysts|experts|reporters|journalists|spokesmen|spokespeople)\b)"
        r"|[:/]\d|-\d{2,}-\d|\.\d{3,}\.\d{3,}"
        # the first day of a stretch written day first ("between 1 and 15 November")
        r"|\s*(?:and|to|through|until|&|-|–)\s*\d{1,2}\s+" + MONTH_NAME + r"\b)"
    ),
    vague_before=r"\b(?:several|a few|few|many|tens of|hundreds of|dozens of|thousands of)\s+$",
    range_joiners=r"\s*(?:-|–|—|to|through)\s*",
    range_between=r"\bbetween\s*$",
    range_or=r"\s+or\s+",
    qualifiers_before=QUALIFIERS_BEFORE,
    compared_figure_before=(
        r"\b(?:more|fewer|less|greater|higher|lower|smaller|larger|bigger)\s+than\s+(?:the|its|their|that|this|"
        r"[\w.]+'s)\s+(?=(?:[\w-]+\s+){0,2}$)"
    ),
    qualifier_fillers=(
        r"(?:the|a|an|of|to|have|had|has|been|be|at|reach|reached|number|figure|total|some|mark|level|threshold|"
        r"now|already|just|likely|probably|roughly|well)"
    ),
    qualifiers_after=(
        ("at_least", r"^\s*(?:or more|or so more|and more|and counting|at least|or higher)\b"),
        (
            "more_than",
            r"^(?:\+|-plus\b|\s+plus\b|\s+or (?:over|above)\b|\s+(?:[\w-]+\s+)?(?:mark|threshold|milestone|barrier|"
            r"line)\s+(?:was|has been|had been|were|is)\s+(?:now\s+)?(?:surpassed|passed|crossed|topped|exceeded|"
            r"breached|broken))",
        ),
        ("approx", r"^\s*(?:or so|odd|-odd|or thereabouts)\b"),
        ("at_most", r"^\s*(?:or fewer|or less|at most|at the most)\b"),
    ),
    people_nouns=PEOPLE_NOUNS,
    count_modifiers=COUNT_MODIFIERS,
    function_words=FUNCTION_WORDS,
    thing_nouns=THING_NOUNS,
    plural_suffix=r"(?:[^s'u]s|ies|ves|ses)$",
    quantity_nouns=QUANTITY_NOUNS,
    generic_people=("people", "persons", "civilians", "residents", "children", "women", "passengers"),
    metrics=METRICS,
    subjects=SUBJECTS,
    other_subjects=OTHER_SUBJECTS,
    enemy_subject=r"\b[Tt]he enemy(?:'s)?\s+(?:has\s+|had\s+)?(?:[\w-]+\s+){0,3}(?:lost|losses)\b",
    enemy_default="russia_troops",
    enemy_of_source={"Russia": "ukraine", "North Korea": "ukraine"},
    # Where a mention is a place, an ally or an enemy, not whose count it is: "sent to Russia", "fighting on
    # the side of Russia", "wounded fighting against Ukrainian troops".
    subject_location_before=(
        # "troops sent from North Korea", "soldiers from North Korea": where people come from is whose they are.
        r"\b(?:to|in|into|inside|across|within|(?<!\btroops )(?<!\bsoldiers )(?<!\bservicemen )(?<!\bpersonnel )"
        r"(?<!\bfighters )(?<!\bsent )(?<!\bdeployed )(?<!\bdispatched )from|toward|towards|visit(?:ed|ing)?|entered|"
        r"near|against|versus|"
        r"alongside|side\s+of|(?:fight|fights|fighting|fought|die|died|dying)\s+(?:for|alongside|beside)|on\s+behalf\s+of|"
        r"allied\s+with|fighting|battling|clashes\s+with|"
        r"clashing\s+with)\s+(?:the\s+)?$"
    ),
    sources=SOURCES,
    relays=RELAYS,
    capitals=CAPITALS,
    enemy_voice=r"\b(?:combat\s+)?losses\s+of\s+the\s+enemy\b",
    speech_verbs=SPEECH_VERBS,
    attribution_before=ATTRIBUTION_BEFORE,
    headline_attribution=HEADLINE_ATTRIBUTION,
    anonymous_speakers=ANONYMOUS_SPEAKERS,
    not_speaker_before=(
        r"\b(?:in[- ]line with|compared with|compared to|unlike|than|similar to|close to|consistent with|contrary to|"
        r"disputed by|denied by)\s+(?:(?:estimates?|figures?|those|assessments?|counts?)\s+(?:made\s+|given\s+|"
        r"produced\s+|published\s+)?(?:by|from|of)\s+)?(?:the\s+)?(?:[\w'-]+\s+(?:and|or)\s+)?$"
        # Whose estimate another source judges: "British intelligence has backed Kyiv's estimate".
        r"|\b(?:backed|endorsed|echoed|corroborated|confirmed|supported|disputed|questioned|rejected|dismissed|"
        r"doubted|contradicted)\s+(?:the\s+)?$"
        # Whom a source told: "Ukrainian authorities told South Korean lawmaker Yu ...".
        # What a source drew on: "Drawing on the same Ukrainian reporting, the review put ...".
        r"|\b(?:[Dd]rawing\s+on|[Bb]ased\s+on|[Rr]elying\s+on|[Uu]sing)\s+(?:the\s+)?(?:same\s+|latest\s+)?$"
        r"|\b(?:told|tells|tell|telling|briefed|briefs|briefing|informed|informs|informing)\s+(?:the\s+|a\s+|an\s+)?"
        r"(?:(?:visiting|senior|opposition|ruling|foreign|[A-Z][\w-]+)\s+)?$"
    ),
    speaker_breaks=r";|\s[—–]\s|\bwhile\b|\bwhereas\b|,\s+but\b|\bmeanwhile\b",
    clause_breaks=CLAUSE_BREAKS,
    history_before=HISTORY_BEFORE,
    history_after=HISTORY_AFTER,
    history_sentence=r"^\W*(?:correction|clarification|editor's note)\b",
    change_to_later=CHANGE_TO_LATER,
    periodic_series=PERIODIC_SERIES,
    not_yet_before=NOT_YET_BEFORE,
    not_yet_after=NOT_YET_AFTER,
    not_a_report=NOT_A_REPORT,
    increment_before=INCREMENT_BEFORE,
    increment_after=INCREMENT_AFTER,
    another_before=ANOTHER_BEFORE,
    deployment_context=DEPLOYMENT_CONTEXT,
    sending_before=(
        r"\b(?:sent|sending|send|sends|deployed|deploying|deploy|dispatched|dispatching|dispatch|stationed|"
        r"transferred|shipped)\s+(?:(?:a|an|the|its|some|another)\s+)?" + Q + r"$"
        # a headcount held: "now has about 11,000 troops in Russia"
        r"|\b(?:now|still)\s+(?:has|have|keeps|keep|maintains|maintain)\s+(?:(?:about|around|some|roughly|nearly|"
        r"almost|more\s+than|over|at\s+least|up\s+to|an\s+estimated|approximately)\s+)?$"
    ),
    rate_near=RATE_NEAR,
    rate_before=RATE_BEFORE,
    combined=COMBINED,
    comparison_before=r"\bthan\b[^,;.:]*$",
    regional=REGIONAL,
    equipment_before=EQUIPMENT_BEFORE,
    standing_force_before=STANDING_FORCE_BEFORE,
    back_reference=BACK_REFERENCE,
    day_count=DAY_COUNT,
    document_speaker=(
        r"\b(?:the|its|their)\s+(?:new\s+|latest\s+|monthly\s+|weekly\s+)?(?:report|study|paper|analysis|survey|review|"
        r"update|bulletin)\s+(?:also\s+)?"
        r"(?:said|says|noted|notes|found|finds|estimated|estimates|stated|states|added|adds|concluded|concludes|put|puts|"
        r"counted|counts)\b"
    ),
    document_noun=r"\b(?:reports?|study|studies|paper|analysis|survey|reviews?|updates?|bulletins?)\b",
    fragment_head=r"^[\W]*(?i:" + Q + r")$",
    fragment_explained=(
        r"^\W*(?:[Tt]hat|[Tt]his|[Ii]t)(?:'s|\s+is|\s+was|\s+has\s+been)\s+(?:(?:roughly|about|around|"
        r"approximately)\s+)?(?:how\s+many|the\s+(?:[\w'-]+\s+){0,2}?(?:number|count|toll|tally|estimate|figure)\s+of)\s+"
    ),
    unnamed_speaker=(
        r"\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Tt]hese|[Tt]hose|[Aa])\s+(?:[\w-]+\s+){0,2}?(?:agency|think[- ]tank|institute|"
        r"ministry|service|spokes(?:man|woman|person)|officials?|intelligence|centre|center|directorate|staff|"
        r"lawmakers?|government|military|command)\b(?:\s+\w+){0,3}?\s+(?:" + SPEECH_VERBS + r")\b"
        r"|\b(?:[Oo]fficials|[Ii]ntelligence\s+officials|[Dd]efen[cs]e\s+officials|[Mm]ilitary\s+officials)\s+"
        r"(?:\w+\s+){0,2}?(?:" + SPEECH_VERBS + r")\b"
        r"|\b(?:according\s+to|citing|cited\s+by)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:agency|think[- ]tank|institute|"
        r"ministry|officials)\b"
        # "the think tank's count of North Korean dead"
        r"|\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:[\w-]+\s+){0,2}?(?:agency|think[- ]tank|institute|ministry|service)'s\s+"
        r"(?:[\w-]+\s+)?(?:count|estimate|tally|figures?|reckoning|assessment)\b"
    ),
    action_after=r"[^.;]{0,60}?\bout\s+of\s+action\b",
    concession_before=r"\b(?:despite|in\s+spite\s+of|notwithstanding|even\s+after|amid)\s+(?:[\w-]+\s+){0,4}$",
    milestone_before=(
        # ("losses passed 100,000 in October 2022"; but "losses this year have reached 427,000" is that year's)
        r"\b(?:losses|casualties|deaths)\s+(?:(?!in\b|for\b|during\b|over\b|this\b)\w+\s+){0,3}?(?:passed|crossed|"
        r"topped|exceeded|surpassed|broke|went\s+past)\s+(?:the\s+)?" + Q + r"$|"
        r"\b(?:count|total|tally|toll|number|figure)\s+(?:(?!in\b|for\b|during\b|over\b)\w+\s+)"
        r"{0,4}?(?:passed|crossed|topped|reached|hit|"
        r"exceeded|surpassed|broke|went\s+past)\s+(?:the\s+)?" + Q + r"$"
    ),
    not_metrics=(
        *("arrived at", "lost track", "lost sight", "lost ground", "lost territory", "lost control"),
        # a time, not a count of the troops sent: "bringing the total since their deployment to 5,000"
        *("since their deployment", "since the deployment", "since its deployment", "since deployment"),
    ),
    # "Kyiv says 4,000 have been killed or wounded. Seoul's spy agency says 3,000-plus.": a bare estimate of the
    # count being compared
    spoken_object=(
        r"\b(?:spoken|spoke|speaks|talked|talks|cited|cites)\s+(?:of\s+)?" + Q + r"$"
        r"|\b(?:says|said|estimates|estimated|reckons|reckoned|puts\s+it\s+at|put\s+it\s+at|counts|counted)\s+"
        + Q
        + r"$"
    ),
    caption=r"\W*(?:caption|photo|image|pictured|file\s+photo|video|graphic)\s*[:—–|-]",
    label_gap=r"\s*[:—–-]?\s*" + Q + r"$",
    source_line=r"^\W*(?:Sources?|Data|Figures|Estimates)\s*:",
    list_label=r"^\W*(?:\w+\s+){0,2}?(?:personnel|troops|soldiers|servicemen|men)\s*[:—–-]\s*" + Q + r"$",
    approximate_list=(
        r"\b(?:figures|numbers|data|totals)\s+(?:below|here|that\s+follow|in\s+this\s+list)?\s*(?:are|were)\s+"
        r"(?:approximate|estimates|estimated|rough)"
    ),
    subset_before=r"\bincluding\b[^.;]{0,60}?\band\s+"
    + Q
    + r"$|^\W*(?:of|out\s+of)\s+(?:the|its|their)\s+[^;]{3,90}?,\s*"
    + Q
    + r"$|\b(?:including|among\s+them|among\s+whom|of\s+which|of\s+whom|of\s+them|with)\s+(?:just\s+|only\s+)?"
    + Q
    + r"$",
    subset_after=r"^\s+of\s+(?:them|whom|those|these|which)\b",
    definite_before=r"\b(?:the|these|those|both)\s+$",
    not_troops_context=(
        r"\b(?:work(?:ed|ing|s)?\s+(?:in|at|on|for)|(?:student|work|tourist)\s+visas?|labou?rers?|defectors(?!['’])|"
        r"(?:re)?settled\s+in\s+the\s+South|(?:were|was|been)\s+returned\s+(?:home|to\s+North\s+Korea)|"
        r"repatriat\w*|(?:sent|sending|flown|flew|taken|took|brought|shipped|evacuated|returned|transported)\s+"
        r"(?:[\w-]+\s+){0,5}?back\s+(?:to|across|home|into)|back\s+home|"
        # a prisoner swap: "Ukraine and Russia have exchanged 175 prisoners each"
        r"exchanged|swapped|(?:prisoner|POW)\s+(?:exchanges?|swaps?))\b"
    ),
    part_total=r"\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[\w.]+'s\s+)?" + Q,
    part_of=(
        r"\s+of\s+(?:the\s+|its\s+|their\s+|last\s+year's\s+|this\s+year's\s+|[\w'-]+'s\s+)?(?:[\w'-]+\s+){0,3}?"
        r"(?=(?:were|was|are|is|had|have|has|died|fell|remain|remained|may|might|could|would|will)\b)"
    ),
    # A sentence that attributes what came before it: "So says South Korea's Joint Chiefs of Staff", "That is the
    # assessment of Britain's defence intelligence", "The figure comes from the NIS".
    attribution_next=(
        r"(?i)^\W*(?:so|thus)\s+(?:says?|said|claims?|claimed|reports?|reported|estimates?|estimated|believes?)\b"
        r"|^\W*(?:that|this)(?:\s+is|\s+was|'s)\s+(?:what\s+[^.]{0,60}?\b(?:says?|said|told|reported|estimates?|"
        r"believes?)\b|according\s+to\b|the\s+(?:[\w-]+\s+){0,2}?(?:assessment|estimate|figure|count|conclusion|finding|"
        r"view|reckoning)\s+of\b)"
        r"|^\W*(?:this|that|the\s+(?:[\w-]+\s+)?(?:figure|estimate|assessment|number|count|tally))\s+(?:comes|came)\s+"
        r"from\b"
    ),
    forward_reference=(
        r"^\W*(?:both|all|they|each|neither|none|most|the\s+(?:two|three|men|soldiers|pair|troops|prisoners))\b"
    ),
    shared_qualifier=r"\s+(?:[\w-]+\s+){0,6}?(?:killed|dead|died|wounded|injured)\s+and\s+",
    # (not "and that": a second reported claim, "sent 10,000 troops in 2024 and that about 2,000 have died")
    shared_period=r"\s+(?:[\w-]+\s+){0,4}?(?:and|or)\s+(?!that\b)(?:[\w-]+\s+){0,2}?",
    restated=(
        r"\b(?:precise|exact|actual|official|rounded)\s+(?:figure|number|count|total)\s+(?:of|was|is|at)\s+$|"
        r"\b(?:or|i\.e\.|that is|precisely|exactly)\s*,?\s*$|\(\s*$"
    ),
    continuation=(
        r"[^;]{0,100}?(?:,\s*(?:and\s+|or\s+|while\s+|whereas\s+)?|\s+(?:and|or|while|whereas|to)\s+|\s*[—–]\s*)"
        r"(?:at\s+)?" + Q
    ),
    of_total_before=OF_TOTAL_BEFORE,
    months=MONTHS,
    weekdays=WEEKDAYS,
    holidays=HOLIDAYS,
    quarter_numbers={
        "q1": 1,
        "q2": 2,
        "q3": 3,
        "q4": 4,
        "first": 1,
        "second": 2,
        "third": 3,
        "fourth": 4,
        "final": 4,
    },
    unit_days={
        "day": 1,
        "days": 1,
        "24 hours": 1,
        "48 hours": 2,
        "72 hours": 3,
        "week": 7,
        "weeks": 7,
        "fortnight": 14,
    },
    periods=PERIODS,
    cumulative=CUMULATIVE,
    statement_time_before=STATEMENT_TIME_BEFORE,
    statement_time_after=STATEMENT_TIME_AFTER,
    statement_time_next=STATEMENT_TIME_NEXT,
    same_period=SAME_PERIOD,
    period_subject_before=(
        r"\W*(?:(?:the|their|its|Russia's|Russian|North\s+Korean|Pyongyang's|enemy)\s+)?(?:[\w-]+\s+)?"
        r"(?:losses|casualties|deaths|toll|death\s+toll)\s+"
    ),
    period_subject_after=r"\s*(?:was|saw|brought|had\s+been)\s+(?:[\w'-]+\s+){0,3}?(?:costliest|deadliest|bloodiest|worst|"
    r"heaviest|lightest|highest|lowest|second-\w+|record)\b",
    revision_verbs=(
        r"\b(?:raised|revised|updated|upped|lifted|increased|lowered|cut)\s+(?:its|their|his|her|the)\s+"
        r"(?:\w+\s+){0,3}?(?:estimate|count|figure|tally|assessment|number)|\b(?:raised|revised|lowered)\b[^.;]{0,40}\bto\s"
    ),
    past_marker=(
        r"\b(?:initially|originally|at first|first said|in its first|had earlier|had previously|previously|back then|"
        r"at the time)\b"
    ),
    now_marker=r"\b(?:now|currently|latest|most recent|newest|updated|as it stands|has since)\b",
    month_part=r"\b(?:early|late|mid|the\s+(?:start|end|middle)\s+of)[\s-]+(?P<month>"
    + MONTH_NAME
    + r")(?:\s+(?P<year>"
    + YEAR
    + r"))?\b",
    sequel_marker=r"\b(?:then|later|afterwards|subsequently|since then)\b",
    unit_count_after=(
        r"\s+(?:[\w-]+\s+){0,2}?(?:(?:of|from|in)\s+(?:an?|the|that|this|one|its|their)\s+|with\s+(?:an?|the)\s+)"
        r"(?:[\w'-]+\s+){0,3}?" + _SMALL_UNIT + r"\b"
    ),
    unit_named_before=r"\b" + _SMALL_UNIT + r"(?:'s)?\b",
    unit_own_after=(
        r"\s+(?:of\s+(?:its|their)\s+(?:own\s+)?(?:[\w-]+\s+)?(?:soldiers|members|men|troops|personnel|"
        r"servicemen|sappers|engineers|fighters|ranks)\b|(?:members|men|soldiers)\s+of\s+the\s+unit\b)"
    ),
    # "Zelensky put them at 3,000 killed or wounded on Monday": a day named after a count that is the object of
    # an estimate dates the estimate.
    estimate_object=(
        r"\b(?:put|puts|putting|placed|places|placing|estimated|estimates|estimating|pegged|pegs)\s+"
        r"(?:(?:them|it|(?:(?:the|their|its|[\w-]+'s)\s+)?(?:[\w-]+\s+){0,4}?[\w-]+)\s+)?at\s+" + Q + r"$"
    ),
    event_noun_before=(
        r"\b(?:strike|attack|assault|raid|ambush|battle|clash|bombardment|barrage|offensive|shelling|engagement)s?"
        # (with its target or place: "a strike on a North Korean staging area on Saturday killed 40")
        r"\s+(?:(?:on|against|near|at|in|around)\s+(?:[\w'’-]+\s+){1,7}?)?$"
    ),
    loss_events=(
        r"\b(?:lost|lose|loses|losing|killed|wounded|injured|died|suffered|sustained|were\s+hit|eliminated|"
        r"neutrali[sz]ed|put\s+out\s+of\s+action|fell|perished)\b"
    ),
    table_columns=TABLE_COLUMNS,
    rank_part_before=(
        r"\b(?:included|includes|include|including|comprised|comprises|among\s+them|among\s+whom|with)\s+"
        r"(?:[^.;]{0,40}?\band\s+)?" + Q + r"$"
    ),
    rank_part_after=(
        r"\s+(?:[\w-]+\s+)?(?:officers|generals|commanders|colonels|sergeants|NCOs|instructors|snipers|"
        r"specialists|advisers|advisors|engineers|drone\s+operators)\b"
    ),
    crossing_before=r"\b(?:passed|crossed|surpassed|went\s+past|broke(?:\s+through)?)\s+(?:the\s+)?(?:mark\s+of\s+)?$",
    mark_before=(
        r"\b(?:passed|crossed|surpassed|topped|exceeded|reached|hit|went\s+past|broke(?:\s+through)?)\s+"
        r"(?:the\s+)?(?:mark\s+of\s+)?(?:[\w-]+\s+){0,2}?$"
    ),
    deployed_label=r"\b(?:sent|deployed|dispatched|stationed|deployment|arrived|in\s+Russia|in\s+Kursk)\b",
    plan_label=r"\b(?:planned|pledged|plans?|planning|promised|expected|to be sent|forecast|projected|could|would)\b",
    increment_label=(
        r"\b(?:additional|another|in addition|further|extra|fresh|reinforcements|replacements|"
        r"(?:second|third|fourth|new|latest)\s+(?:deployment|rotation|wave|contingent|batch))\b|\+"
    ),
    subject_names={
        "russia": "russia_troops",
        "russian": "russia_troops",
        "russians": "russia_troops",
        "russian forces": "russia_troops",
        "north korea": "dprk_troops_russia",
        "north korean": "dprk_troops_russia",
        "north koreans": "dprk_troops_russia",
        "dprk": "dprk_troops_russia",
        "ukraine": "ukraine",
        "ukrainian": "ukraine",
        "ukrainians": "ukraine",
    },
    abbreviations=ABBREVIATIONS,
)
