"""Seeded generation of news-like prose: headlines, stories, teasers and reader comments."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace

import wordbank as wb

TOPIC_NAMES = tuple(wb.TOPICS)
TREND_BASE = ("rise", "fall", "climb", "slip", "drop", "recover")
SLOT = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Story:
    """One article's editorial content, independent of the outlet that publishes it."""

    title: str
    standfirst: str
    author: str
    section: str
    blocks: tuple[tuple[str, str], ...]  # (tag, text) with tag "p", "h2" or "blockquote"
    tags: tuple[str, ...]

    def word_count(self) -> int:
        """Words in the body blocks."""
        return sum(len(text.split()) for _, text in self.blocks)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class Writer:
    """Fills sentence templates from one topic vocabulary (optionally mixed with the relevant one)."""

    def __init__(self, rng: random.Random, topic: dict[str, tuple[str, ...]], relevant_share: float = 0.0):
        self.rng = rng
        self.topic = topic
        self.relevant_share = relevant_share

    def _vocab(self, key: str) -> tuple[str, ...]:
        if self.relevant_share and self.rng.random() < self.relevant_share:
            return wb.RELEVANT_TOPIC[key]
        return self.topic[key]

    def person(self) -> str:
        """A full name; relevant stories sometimes quote the watched leaders."""
        if self.relevant_share and self.rng.random() < self.relevant_share / 3:
            return self.rng.choice(wb.RELEVANT_PEOPLE)
        return f"{self.rng.choice(wb.FIRST_NAMES)} {self.rng.choice(wb.LAST_NAMES)}"

    def slot(self, name: str) -> str:
        """Value for one {slot} of a template."""
        rng = self.rng
        simple: dict[str, tuple[str, ...]] = {
            "month": wb.MONTHS,
            "weekday": wb.WEEKDAYS,
            "source": wb.SOURCES,
            "quote": wb.QUOTES,
            "place": wb.PLACES,
            "timeref": wb.TIMEREFS,
            "trend": wb.TREND_VERBS,
            "trend_base": TREND_BASE,
            "connective": wb.CONNECTIVES,
            "group": wb.GROUPS,
            "group2": wb.GROUPS,
            "consequence": wb.CONSEQUENCES,
            "adjective": wb.ADJECTIVES,
            "ordinal": wb.ORDINALS,
            "judgement": wb.JUDGEMENTS,
            "verb_base": wb.VERBS_BASE,
            "verb_past": wb.VERBS_PAST,
            "verb_past_passive": wb.VERBS_PAST,
        }
        if name in simple:
            return rng.choice(simple[name])
        base = name.removesuffix("_cap").removesuffix("2").removesuffix("_short")
        if base in ("object", "org", "role", "event", "metric", "venue"):
            value = rng.choice(self._vocab(base + "s"))
            if name.startswith("org_short"):
                value = value.removeprefix("the ").removeprefix("a ").removeprefix("an ")
            return _cap(value) if name.endswith("_cap") else value
        numbers = {
            "person": self.person,
            "person2": self.person,
            "num_small": lambda: str(rng.randint(2, 19)),
            "num_big": lambda: f"{rng.randint(40, 4800):,}",
            "pct": lambda: f"{rng.randint(1, 38)}.{rng.randint(0, 9)}",
            "pct2": lambda: f"{rng.randint(1, 38)}.{rng.randint(0, 9)}",
            "money": lambda: f"{rng.choice('€$£')}{rng.randint(2, 950)}{rng.choice(('m', 'k', 'bn'))}",
            "year": lambda: str(rng.randint(1998, 2024)),
        }
        return numbers[name]()

    def fill(self, template: str) -> str:
        """Replace every {slot} in template with a freshly drawn value."""
        return SLOT.sub(lambda m: self.slot(m.group(1)), template)

    def sentence(self) -> str:
        """One sentence of body text."""
        return self.fill(self.rng.choice(wb.SENTENCE_TEMPLATES))

    def paragraph(self) -> str:
        """Two to five sentences."""
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))


def headline(
    rng: random.Random, relevant: bool = False, topic: dict[str, tuple[str, ...]] | None = None
) -> str:
    """A headline on topic (random if None); relevant ones come from the watched-topic templates."""
    topic = topic or wb.TOPICS[rng.choice(TOPIC_NAMES)]
    if relevant:
        return _cap(Writer(rng, topic, relevant_share=1.0).fill(rng.choice(wb.RELEVANT_HEADLINES)))
    return _cap(Writer(rng, topic).fill(rng.choice(wb.HEADLINE_TEMPLATES)))


def teaser_summary(rng: random.Random) -> str:
    """One non-relevant sentence used under teaser headlines."""
    return Writer(rng, wb.TOPICS[rng.choice(TOPIC_NAMES)]).sentence()


def _body_blocks(rng: random.Random, writer: Writer, words: int) -> list[tuple[str, str]]:
    blocks: list[tuple[str, str]] = []
    count = 0
    while count < words:
        roll = rng.random()
        if blocks and roll < 0.06:
            blocks.append(("h2", _cap(writer.fill(rng.choice(wb.HEADLINE_TEMPLATES)))))
            continue
        text = writer.fill(rng.choice(wb.QUOTES)) + "." if roll < 0.1 else writer.paragraph()
        blocks.append(("blockquote" if roll < 0.1 else "p", text))
        count += len(text.split())
    return blocks


def make_story(seed: int, source_id: int, relevant: bool) -> Story:
    """The story with this source id: a pure function of (seed, source_id, relevant)."""
    rng = random.Random(f"{seed}:story:{source_id}")
    topic_name = rng.choice(TOPIC_NAMES)
    topic = wb.TOPICS[topic_name]
    world = relevant and rng.random() < 0.6
    writer = Writer(rng, topic, relevant_share=0.45 if world else 0.0)
    blocks = _body_blocks(rng, writer, rng.randint(400, 1200))
    if relevant and not world:
        for _ in range(rng.randint(1, 2)):
            index = rng.randrange(len(blocks))
            tag, text = blocks[index]
            blocks[index] = ("p", f"{text} {rng.choice(wb.RELEVANT_ASIDES)}" if tag == "p" else text)
    title = headline(rng, relevant=world, topic=topic)
    if relevant and not mentions_relevant(title + " " + " ".join(text for _, text in blocks)):
        blocks.append(("p", rng.choice(wb.RELEVANT_ASIDES)))
    section = wb.RELEVANT_TOPIC["section"][0] if world else topic["section"][0]
    places = rng.sample(wb.PLACES, 2)
    return Story(
        title=title,
        standfirst=Writer(rng, topic).sentence(),
        author=f"{rng.choice(wb.FIRST_NAMES)} {rng.choice(wb.LAST_NAMES)}",
        section=section,
        blocks=tuple(blocks),
        tags=(section, topic_name.capitalize(), *places),
    )


def lightly_edit(story: Story, rng: random.Random, original_outlet: str) -> Story:
    """A syndicated copy: same body with a dateline, a few word swaps and an attribution line."""
    blocks = list(story.blocks)
    swaps = (("said", "told reporters"), ("about", "around"), ("expected", "likely"), ("plans", "proposals"))
    for index in range(0, len(blocks), 3):
        tag, text = blocks[index]
        old, new = rng.choice(swaps)
        blocks[index] = (tag, text.replace(f" {old} ", f" {new} ", 1))
    if len(blocks) > 6 and rng.random() < 0.3 and _same_relevance(blocks, blocks[:-1]):
        blocks.pop()
    tag, text = blocks[0]
    blocks[0] = (tag, f"{rng.choice(wb.PLACES).upper()} — {text}")
    blocks.append(("p", f"This article was first published by {original_outlet} and is republished here."))
    prefix = "" if rng.random() < 0.6 else rng.choice(("Update: ", "Analysis: ", "Explainer: "))
    title = prefix + story.title
    return replace(story, title=title, blocks=tuple(blocks))


def _same_relevance(before: list[tuple[str, str]], after: list[tuple[str, str]]) -> bool:
    return mentions_relevant(" ".join(t for _, t in before)) == mentions_relevant(
        " ".join(t for _, t in after)
    )


def mentions_relevant(text: str) -> bool:
    """True if text names one of the watched terms."""
    return any(term in text for term in wb.RELEVANT_TERMS)


def comment_text(rng: random.Random) -> str:
    """A reader comment of one to four short sentences, never on the watched topics."""
    parts = rng.sample(wb.COMMENT_SNIPPETS, rng.randint(1, 3))
    if rng.random() < 0.5:
        parts.append(teaser_summary(rng))
    return " ".join(parts)
