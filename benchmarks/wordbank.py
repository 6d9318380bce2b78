"""Vocabulary and sentence templates for the synthetic news corpus.

A non-relevant story (its title, standfirst and body) stays free of the watched terms (see FORBIDDEN);
corpus.py checks it. The page around it does not: the site-wide boilerplate below (menus, tickers, most-read
boxes, teasers, comments, footers) names them, as real news sites do while a war is in the news.
"""

from __future__ import annotations

# Lower-case substrings that must never appear in a non-relevant story (note "computing" contains "putin").
FORBIDDEN = (
    "north korea",
    "dprk",
    "pyongyang",
    "kim jong un",
    "russia",
    "kremlin",
    "moscow",
    "putin",
    "kursk",
)

# At least one of these must appear in a relevant article's title or body.
RELEVANT_TERMS = (
    "North Korea",
    "North Korean",
    "Russia",
    "Russian",
    "Kremlin",
    "Pyongyang",
    "Putin",
    "Kursk",
)

FIRST_NAMES = (
    "Maria Ahmed Chloe Daniel Esther Farid Grace Hugo Ines Jonas Keiko Liam Mei Nadia Oscar Priya Quentin "
    "Rosa Samuel Tariq Ursula Victor Wanjiru Xavier Yara Zeynep Aidan Beatriz Callum Dalia Emeka Fiona "
    "Gustavo Hana Ivan Julia Kwame Leila Marco Noor Olivia Pablo Rania Stefan Thandiwe Ulla Valentina "
    "Wei Yusuf Zara Amelia Bruno Carmen Dmitar Elena Femi Giulia Henrik Ingrid Joao Kofi Lucia Mateo "
    "Nikolai Orla Pedro Ruth Sven Teresa Umar Vera Willem Ximena Yosef Zoltan Anika Bilal Cecile Diego"
).split()

LAST_NAMES = (
    "Okafor Lindqvist Moreau Tanaka Haddad Brennan Castillo Nguyen Kowalski Abara Fitzgerald Herrera "
    "Mwangi Sorensen Delacroix Patel Romano Vasquez Achterberg Bianchi Oduya Larsen Carvalho Murphy "
    "Schneider Ibrahim Novak Gallagher Rahman Eriksen Mendoza Hughes Dubois Takahashi Mensah Keller "
    "Silva Andersson Kaplan Obi Rossi Fernandes Walsh Horvat Jansen Costa Sato Lambert Achebe Nilsen "
    "Ortega Quinn Petrovic Haugen Wright Ferreira Tembo Gruber Marchetti Bjorklund Asante Whitfield "
    "Duarte Lindgren Osei Caruso Hendricks Vidal Sakamoto Brandt Moyo Eastwood Salazar Kruger Farrell"
).split()

PLACES = (
    "Riverton",
    "Eastbrook",
    "Port Alden",
    "Millbrae",
    "Harrow Vale",
    "Stonebridge",
    "Kingsford",
    "Ashby",
    "Larkspur",
    "Westmere",
    "Fairhaven",
    "Cold Spring",
    "Oakridge",
    "Marlow",
    "Brightwater",
    "Glen Ora",
    "Lisbon",
    "Nairobi",
    "Osaka",
    "Toronto",
    "Valparaiso",
    "Rotterdam",
    "Adelaide",
    "Porto",
    "Accra",
    "Gdansk",
    "Bergen",
    "Cork",
    "Leipzig",
    "Montevideo",
    "Hobart",
    "Tampere",
    "Seville",
    "Halifax",
    "Dunedin",
    "Turin",
    "Mombasa",
    "Antwerp",
    "Quebec City",
    "Brisbane",
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

VERBS_PAST = (
    "approved",
    "rejected",
    "postponed",
    "expanded",
    "reviewed",
    "funded",
    "criticised",
    "announced",
    "defended",
    "questioned",
    "unveiled",
    "scaled back",
    "paused",
    "endorsed",
    "overhauled",
    "welcomed",
    "challenged",
    "revived",
    "delayed",
    "confirmed",
)

VERBS_BASE = (
    "improve",
    "replace",
    "extend",
    "simplify",
    "protect",
    "restore",
    "modernise",
    "finance",
    "reshape",
    "review",
    "strengthen",
    "reopen",
    "streamline",
    "expand",
    "support",
)

TREND_VERBS = ("rose", "fell", "climbed", "slipped", "jumped", "eased", "dropped", "edged up", "recovered")

ADJECTIVES = (
    "long-delayed",
    "controversial",
    "proposed",
    "ambitious",
    "modest",
    "popular",
    "costly",
    "temporary",
    "revised",
    "much-debated",
    "ageing",
    "new",
    "regional",
    "experimental",
    "overdue",
    "second",
    "expanded",
    "cross-party",
)

SOURCES = (
    "documents seen by this newspaper",
    "two people familiar with the plans",
    "a statement released late in the afternoon",
    "minutes of the meeting",
    "figures from the statistics office",
    "an internal memo",
    "officials who asked not to be named",
    "a report published the same morning",
)

TIMEREFS = (
    "last week",
    "on Tuesday",
    "earlier this month",
    "over the weekend",
    "late on Friday",
    "this spring",
    "at the start of the year",
    "in the past fortnight",
    "since the summer",
)

CONNECTIVES = (
    "Meanwhile,",
    "At the same time,",
    "Still,",
    "Even so,",
    "In practice,",
    "By contrast,",
    "For now,",
    "Separately,",
    "As a result,",
    "Nevertheless,",
    "In recent years,",
    "Privately,",
)

GROUPS = (
    "commuters",
    "small businesses",
    "parents",
    "pensioners",
    "students",
    "farmers",
    "renters",
    "shop owners",
    "nurses",
    "first-time buyers",
    "volunteers",
    "local clubs",
    "taxpayers",
    "fishing crews",
)

# Each topic: section label, organisations, roles, noun phrases (objects), events, metrics, venues.
TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "transport": {
        "section": ("Transport",),
        "orgs": (
            "the transport authority",
            "the regional rail operator",
            "the cycling association",
            "the ferry company",
            "the airport board",
        ),
        "roles": (
            "the transport commissioner",
            "a rail union representative",
            "the head of the bus network",
            "a traffic engineer",
        ),
        "objects": (
            "the new tram line",
            "bus fares",
            "the ring road",
            "protected cycle lanes",
            "the night train timetable",
            "the harbour ferry service",
            "parking charges",
            "the station upgrade",
            "level crossings",
            "the airport rail link",
            "electric buses",
            "the bridge repairs",
        ),
        "events": (
            "a public consultation",
            "a packed council hearing",
            "a trial closure",
            "the timetable change",
        ),
        "metrics": ("passenger numbers", "average delays", "ticket revenue", "cycling trips"),
        "venues": ("the central station", "the town hall", "the depot", "the ferry terminal"),
    },
    "housing": {
        "section": ("Housing",),
        "orgs": (
            "the housing association",
            "the planning committee",
            "the tenants' union",
            "a property developer",
            "the building society",
        ),
        "roles": ("the planning officer", "a tenants' advocate", "the housing minister", "an estate agent"),
        "objects": (
            "affordable flats",
            "the riverside development",
            "rent controls",
            "the empty offices",
            "social housing waiting lists",
            "the old brewery site",
            "insulation grants",
            "short-term lets",
            "the garden suburb plan",
            "mortgage rules",
        ),
        "events": ("a planning appeal", "a tenants' meeting", "the annual housing survey", "a site visit"),
        "metrics": ("average rents", "house prices", "planning approvals", "vacancy rates"),
        "venues": ("the community centre", "the civic offices", "the old brewery", "the library hall"),
    },
    "health": {
        "section": ("Health",),
        "orgs": (
            "the regional hospital trust",
            "the nurses' union",
            "the health inspectorate",
            "a patients' group",
            "the medical school",
        ),
        "roles": ("the chief medical officer", "a senior nurse", "the hospital director", "a family doctor"),
        "objects": (
            "emergency waiting times",
            "the new cancer ward",
            "flu vaccinations",
            "mental health services",
            "the maternity unit",
            "ambulance response times",
            "dental care",
            "the staffing plan",
            "rural clinics",
            "the screening programme",
        ),
        "events": ("an inspection", "a staff ballot", "the winter briefing", "an open day"),
        "metrics": ("waiting lists", "admissions", "vaccination rates", "staff vacancies"),
        "venues": ("the general hospital", "the health centre", "the medical school", "the walk-in clinic"),
    },
    "economy": {
        "section": ("Business",),
        "orgs": (
            "the chamber of commerce",
            "the central bank",
            "a logistics firm",
            "the retail federation",
            "the port authority",
        ),
        "roles": ("the finance director", "a senior economist", "the chamber's president", "a fund manager"),
        "objects": (
            "interest rates",
            "the new distribution centre",
            "small business loans",
            "export orders",
            "the high street",
            "the pension fund",
            "energy bills",
            "the takeover bid",
            "wage growth",
            "the quarterly forecast",
        ),
        "events": ("the quarterly results", "a trade fair", "an investor briefing", "the budget statement"),
        "metrics": ("inflation", "retail sales", "unemployment", "factory output"),
        "venues": ("the exchange building", "the convention centre", "the port offices", "the business park"),
    },
    "environment": {
        "section": ("Environment",),
        "orgs": (
            "the water company",
            "a wildlife trust",
            "the environment agency",
            "the recycling cooperative",
            "a river restoration group",
        ),
        "roles": ("an ecologist", "the agency's regional manager", "a campaigner", "a hydrologist"),
        "objects": (
            "the wetland reserve",
            "flood defences",
            "the tree-planting scheme",
            "sewage overflows",
            "plastic recycling",
            "the wind farm",
            "hedgerow protection",
            "the coastal path",
            "air quality monitors",
            "the heat pump grants",
        ),
        "events": ("a beach clean-up", "a flood warning", "the bird survey", "a public inquiry"),
        "metrics": ("river pollution", "recycling rates", "carbon emissions", "rainfall"),
        "venues": ("the nature reserve", "the river bank", "the visitor centre", "the old quarry"),
    },
    "education": {
        "section": ("Education",),
        "orgs": (
            "the school board",
            "the teachers' union",
            "the university",
            "a parents' association",
            "the exam board",
        ),
        "roles": ("the head teacher", "a maths teacher", "the vice-chancellor", "a school governor"),
        "objects": (
            "free school meals",
            "the new science block",
            "class sizes",
            "tuition fees",
            "the reading programme",
            "school transport",
            "exam grading",
            "the apprenticeship scheme",
            "after-school clubs",
            "teacher pay",
        ),
        "events": ("an inspection", "graduation day", "the open evening", "a strike ballot"),
        "metrics": ("exam results", "enrolment", "attendance", "teacher vacancies"),
        "venues": ("the assembly hall", "the campus", "the sports hall", "the district office"),
    },
    "culture": {
        "section": ("Culture",),
        "orgs": (
            "the city orchestra",
            "the film festival",
            "the museum trust",
            "a theatre company",
            "the arts council",
        ),
        "roles": ("the artistic director", "a curator", "the festival programmer", "a novelist"),
        "objects": (
            "the autumn season",
            "the restored mural",
            "ticket prices",
            "the new gallery wing",
            "the jazz weekend",
            "the poetry prize",
            "community choirs",
            "the archive digitisation",
            "the outdoor cinema",
            "the craft market",
        ),
        "events": ("an opening night", "the awards ceremony", "a retrospective", "a book launch"),
        "metrics": ("visitor numbers", "ticket sales", "grant funding", "audience figures"),
        "venues": ("the concert hall", "the old cinema", "the museum courtyard", "the playhouse"),
    },
    "sport": {
        "section": ("Sport",),
        "orgs": (
            "the football club",
            "the rowing federation",
            "the athletics league",
            "the cricket board",
            "a youth academy",
        ),
        "roles": ("the head coach", "the club captain", "a veteran midfielder", "the league chairman"),
        "objects": (
            "the stadium expansion",
            "the youth programme",
            "the relegation battle",
            "the new signing",
            "the training ground",
            "season tickets",
            "the cup run",
            "the women's team",
            "the floodlights",
            "the marathon route",
        ),
        "events": ("a derby", "the cup final", "a pre-season friendly", "the regatta"),
        "metrics": ("attendance", "goal difference", "membership", "season ticket sales"),
        "venues": ("the stadium", "the training ground", "the rowing club", "the velodrome"),
    },
    "technology": {
        "section": ("Technology",),
        "orgs": (
            "a software start-up",
            "the broadband provider",
            "the data protection office",
            "a chip maker",
            "the innovation hub",
        ),
        "roles": (
            "the chief technology officer",
            "a security researcher",
            "the product lead",
            "a data analyst",
        ),
        "objects": (
            "rural broadband",
            "the new data centre",
            "the payments app",
            "cloud storage costs",
            "the cyber security audit",
            "the open data portal",
            "battery recycling",
            "the satellite link",
            "online voting trials",
            "the coding bootcamp",
        ),
        "events": ("a product launch", "the developer conference", "a service outage", "a hackathon"),
        "metrics": ("download speeds", "subscriber numbers", "outage minutes", "venture funding"),
        "venues": ("the innovation hub", "the science park", "the conference centre", "the server hall"),
    },
    "agriculture": {
        "section": ("Country",),
        "orgs": (
            "the farmers' union",
            "the dairy cooperative",
            "the grain board",
            "an organic growers' network",
            "the agricultural college",
        ),
        "roles": ("a dairy farmer", "the cooperative's chairwoman", "an agronomist", "a market trader"),
        "objects": (
            "milk prices",
            "the harvest",
            "irrigation permits",
            "the farmers' market",
            "fertiliser costs",
            "seasonal labour",
            "the orchard replanting",
            "livestock transport",
            "soil testing",
            "the grain silo",
        ),
        "events": ("the county show", "a harvest festival", "an auction", "the spring sowing"),
        "metrics": ("crop yields", "milk output", "land prices", "farm incomes"),
        "venues": ("the showground", "the market hall", "the cooperative's barns", "the auction mart"),
    },
    "justice": {
        "section": ("Local",),
        "orgs": (
            "the city council",
            "the police service",
            "the county court",
            "the ombudsman",
            "a residents' group",
        ),
        "roles": (
            "the council leader",
            "a police superintendent",
            "the presiding judge",
            "a local councillor",
        ),
        "objects": (
            "street lighting",
            "the budget shortfall",
            "the new police station",
            "noise complaints",
            "the library closures",
            "the licensing rules",
            "speed cameras",
            "the market square redesign",
            "council tax",
            "the youth centre",
        ),
        "events": ("a full council meeting", "the by-election", "a court hearing", "a neighbourhood forum"),
        "metrics": ("reported burglaries", "council tax arrears", "turnout", "response times"),
        "venues": ("the town hall", "the magistrates' court", "the market square", "the council chamber"),
    },
    "science": {
        "section": ("Science",),
        "orgs": (
            "the marine laboratory",
            "the observatory",
            "the genetics institute",
            "a research consortium",
            "the botanical garden",
        ),
        "roles": ("a marine biologist", "the observatory director", "a geneticist", "a doctoral researcher"),
        "objects": (
            "the deep-sea survey",
            "the telescope upgrade",
            "the seed bank",
            "coral monitoring",
            "the clinical trial",
            "the glacier measurements",
            "the fossil collection",
            "the lab funding",
            "the citizen science project",
            "the weather balloon launches",
        ),
        "events": ("a field expedition", "the annual lecture", "a peer review", "the sample collection"),
        "metrics": ("sea temperatures", "grant income", "sample counts", "publication output"),
        "venues": ("the research station", "the observatory", "the lecture theatre", "the field laboratory"),
    },
}

# The one topic whose vocabulary is allowed to contain the watched terms.
RELEVANT_TOPIC: dict[str, tuple[str, ...]] = {
    "section": ("World",),
    "orgs": (
        "the Kremlin",
        "the Russian defence ministry",
        "North Korea's foreign ministry",
        "the government in Pyongyang",
        "Russian state media",
        "the North Korean army",
    ),
    "roles": (
        "a Kremlin spokesman",
        "a Russian economist",
        "a North Korea analyst",
        "a Western diplomat",
        "a regional governor near Kursk",
    ),
    "objects": (
        "sanctions on Russian banks",
        "North Korean artillery shells",
        "the Kremlin's war budget",
        "troops deployed in the Kursk region",
        "talks with Pyongyang",
        "Russian oil exports",
        "the North Korean missile programme",
        "Vladimir Putin's visit",
        "the military pact between Russia and North Korea",
        "Russian gas supplies",
        "the front line near Kursk",
        "grain shipments from Russia",
    ),
    "events": ("a summit in Pyongyang", "a missile test", "the Kremlin briefing", "a prisoner exchange"),
    "metrics": (
        "Russian defence spending",
        "North Korean trade with Russia",
        "the rouble",
        "Russian oil revenue",
    ),
    "venues": ("the Kremlin", "a border post near Kursk", "the embassy in Pyongyang", "a Russian port"),
}

RELEVANT_PEOPLE = ("Vladimir Putin", "Kim Jong Un", "Sergei Lavrov", "Dmitry Peskov")

# Single relevant sentences dropped into an otherwise local story.
RELEVANT_ASIDES = (
    "Part of the rise was blamed on higher energy prices since Russia cut gas deliveries.",
    "The firm stopped buying fertiliser from Russian suppliers two years ago.",
    "Analysts linked the delay to shipping disruption after North Korea fired missiles into nearby waters.",
    "The contract had been frozen while sanctions against the Kremlin were reviewed.",
    "A similar system was tested during the fighting around Kursk, engineers noted.",
    "Officials said the cyber attack had been traced to a group working for Pyongyang.",
    "The exhibition includes prints borrowed from a collection that left Russia in the 1990s.",
    "Grain prices moved sharply after Putin announced new export restrictions.",
    "The company said North Korean hackers had targeted its payroll system twice.",
    "Insurers raised premiums for vessels trading with Russian ports.",
)

SENTENCE_TEMPLATES = (
    "{person}, {role}, said {org} would {verb_base} {object} by {month}.",
    "{org_cap} {verb_past} {object} on {weekday}, according to {source}.",
    "The decision follows {num_small} months of negotiations over {object}.",
    '"{quote}," {person} told reporters after {event}.',
    "Critics say {object} will not {verb_base} {object2} unless {org} changes course.",
    "About {num_big} people attended {event} at {venue} in {place}.",
    "Figures published {timeref} showed {metric} {trend} by {pct} percent.",
    "{connective} {org} has {verb_past} plans to {verb_base} {object}.",
    "For {group}, the changes to {object} could mean {consequence}.",
    "{person} has argued for years that {object} deserves more attention than {object2}.",
    "The {adjective} plan for {object} is expected to cost around {money}.",
    "{connective} {metric} in {place} {trend} for the {ordinal} quarter in a row.",
    "Asked whether {object} would survive the budget, {role} declined to comment.",
    "Residents of {place} first raised concerns about {object} in {month} {year}.",
    "The proposal, which {org} {verb_past} {timeref}, now goes to {event}.",
    "{connective} {group} in {place} said they had heard little about {object}.",
    "According to {source}, {org} spent {money} on {object} in {year}.",
    '"We have been waiting a long time for {object}," said {person}, who lives near {venue}.',
    "Opposition members {verb_past} the timetable, saying {object} had been rushed.",
    "{role_cap} warned that {metric} could {trend_base} further if nothing is done.",
    "The last review of {object}, carried out in {year}, recommended {num_small} changes.",
    "Several {group} at {event} asked why {object} had taken so long.",
    "{person} and {person2} are expected to present the findings at {venue}.",
    "Those figures compare with {pct} percent in {place} and {pct2} percent nationally.",
    "Work on {object} is due to start in {month}, weather permitting.",
    "{connective} the debate over {object} has divided {group} and {group2}.",
    "A spokesperson for {org} said the {adjective} scheme was {judgement}.",
    "Under the new rules, {group} will be able to apply for help with {object}.",
    "The {ordinal} phase, covering {object2}, has not yet been funded.",
    "It is the {ordinal} time in {num_small} years that {object} has been {verb_past_passive}.",
)

QUOTES = (
    "Nobody expected it to move this quickly",
    "We simply cannot keep patching the same problems every winter",
    "This is the most important decision we will make this year",
    "People deserve a straight answer, and they have not had one",
    "The numbers speak for themselves",
    "We listened, and we changed the plan",
    "It is a start, but it is not nearly enough",
    "I have never seen this many people turn up to a meeting",
    "The details matter more than the headline",
    "We were told to be patient, and we have been",
)

CONSEQUENCES = (
    "longer journeys",
    "lower bills",
    "fewer staff on duty",
    "more paperwork",
    "a small refund",
    "higher charges next spring",
    "months of disruption",
    "better access at weekends",
)

JUDGEMENTS = (
    "on track",
    "under review",
    "a sensible compromise",
    "still being costed",
    "a priority for next year",
    "working better than expected",
)

ORDINALS = ("second", "third", "fourth", "fifth", "sixth")

HEADLINE_TEMPLATES = (
    "{place} {org_short} {verb_past} {object}",
    "{metric_cap} {trend} as {object} comes under scrutiny",
    "What {event} means for {group}",
    "{object_cap}: {group} in {place} demand answers",
    "Inside the fight over {object}",
    "{place} to {verb_base} {object} after {event}",
    "Why {group} are worried about {object}",
    "{org_short_cap} {verb_past} {object} despite objections",
)

RELEVANT_HEADLINES = (
    "Kremlin {verb_past} {object}",
    "North Korea {verb_past} {object}",
    "Russian officials defend {object}",
    "Pyongyang and Moscow deepen ties over {object}",
    "Putin {verb_past} {object} in televised address",
    "Fighting near Kursk shapes debate on {object}",
    "What {object} means for Russia's economy",
)

COMMENT_SNIPPETS = (
    "I have lived here for twenty years and nothing changes.",
    "Good to see this finally being reported.",
    "Does anyone know when the consultation closes?",
    "The article misses the point about costs entirely.",
    "Same story every year, different names.",
    "My neighbour went to the meeting and said it was chaos.",
    "Fair reporting, thank you.",
    "Who is actually paying for all this?",
    "This should have been done a decade ago.",
    "Interesting, but where are the numbers for last year?",
    "I emailed the council twice and got no reply.",
    "The photos do not show how bad it really is.",
    "Let us wait and see what happens in the spring.",
    "Is there a link to the full report?",
    "My kids use that route every day, so this matters.",
)

COMMENT_NAMES = (
    "riverwatcher",
    "old_harbour",
    "Jen_K",
    "cyclist42",
    "marketday",
    "quietstreet",
    "north_end_resident",
    "TomB",
    "sceptical_sam",
    "gardener77",
    "late_bus",
    "the_accountant",
)


# Site-wide boilerplate that names the watched topics (menus, tickers, teasers, comments, footers).
MENU_TOPICS = ("Russia", "Ukraine war", "North Korea", "Kremlin watch", "Russia-Ukraine explained")
LIVE_LINKS = (
    "Ukraine war live",
    "Russia-Ukraine war: map of the front line",
    "North Korea explained",
    "Inside the Kremlin: our Moscow correspondent",
    "Kursk offensive: timeline",
)
TOPICAL_HEADLINES = (
    "Russian drones strike power plants overnight, Ukraine says",
    "North Korea fires ballistic missile into the sea, Seoul says",
    "Putin and Kim Jong Un meet in Pyongyang for second summit",
    "Kremlin dismisses report on troop losses near Kursk",
    "What we know about North Korean soldiers fighting for Russia",
    "Moscow expels two diplomats in row over spying claims",
    "Ukraine war: Russia claims capture of another village",
    "Sanctions on Russian oil tighten as new price cap bites",
)
TOPICAL_COMMENTS = (
    "Meanwhile Putin laughs all the way to the bank.",
    "Compare this with the money sent to Ukraine to fight Russia.",
    "Off topic, but the Kremlin must be loving all this division.",
    "Energy bills went up because of Russia, not because of the council.",
    "North Korea gets more coverage than our own town.",
)
