"""Generate the deterministic benchmark corpus: RSS feeds and article pages in a directory.

Usage: uv run python benchmarks/corpus.py [DIR] [--feeds 400] [--seed 20250601]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

import pages
import prose
import wordbank as wb

GENERATOR_VERSION = 4
DEFAULT_DIR = Path("/tmp/newswatch-bench-corpus")
DEFAULT_SEED = 20250601
ITEMS_PER_FEED = 25
COPY_SHARE = 0.05
RELEVANT_SHARE = 0.30
NEWEST = datetime(2025, 6, 2, 6, 0, tzinfo=UTC)


@dataclass(frozen=True)
class ItemPlan:
    """Where an item lives and which story it carries (source_id differs for syndicated copies)."""

    item_id: int
    feed: int
    outlet: pages.Outlet
    source_id: int
    relevant: bool
    published: datetime


def outlet_of_feed(feed: int) -> pages.Outlet:
    """Feeds are dealt round-robin over the outlets."""
    return pages.OUTLETS[(feed - 1) % len(pages.OUTLETS)]


def feed_name(feed: int) -> str:
    """Config name of a feed, e.g. 'Outlet 3 feed 2'."""
    return f"Outlet {outlet_of_feed(feed).number} feed {(feed - 1) // len(pages.OUTLETS) + 1}"


def _is_copy_candidate(seed: int, item_id: int) -> bool:
    return item_id >= 40 and random.Random(f"{seed}:copy:{item_id}").random() < COPY_SHARE


def _is_relevant_original(seed: int, item_id: int) -> bool:
    return random.Random(f"{seed}:rel:{item_id}").random() < RELEVANT_SHARE


def plan_item(seed: int, item_id: int) -> ItemPlan:
    """Pure function of (seed, item_id), so any prefix of feeds is identical whatever the corpus size."""
    feed = item_id // ITEMS_PER_FEED + 1
    outlet = outlet_of_feed(feed)
    rng = random.Random(f"{seed}:plan:{item_id}")
    source = item_id
    if _is_copy_candidate(seed, item_id):
        # Sources are recent originals from another template, so copies usually share a feed prefix.
        for _ in range(20):
            candidate = rng.randrange(max(0, item_id - 300), item_id)
            other = outlet_of_feed(candidate // ITEMS_PER_FEED + 1)
            if other.template != outlet.template and not _is_copy_candidate(seed, candidate):
                source = candidate
                break
    published = NEWEST - timedelta(minutes=11 * item_id + rng.randrange(0, 10))
    return ItemPlan(item_id, feed, outlet, source, _is_relevant_original(seed, source), published)


def item_path(plan: ItemPlan, story: prose.Story) -> str:
    """URL path of the article page."""
    prefix = f"/{plan.outlet.slug}/{story.section.lower()}/{plan.published:%Y/%m/%d}"
    return f"{prefix}/{pages.slugify(story.title)}-{plan.item_id}.html"


def item_story(seed: int, plan: ItemPlan) -> prose.Story:
    """The story as this outlet publishes it (lightly edited when syndicated)."""
    story = prose.make_story(seed, plan.source_id, plan.relevant)
    if plan.source_id == plan.item_id:
        return story
    original = outlet_of_feed(plan.source_id // ITEMS_PER_FEED + 1)
    return prose.lightly_edit(story, random.Random(f"{seed}:edit:{plan.item_id}"), original.name)


def check_page(plan: ItemPlan, story: prose.Story, html: bytes) -> None:
    """Fail loudly if a page breaks the corpus rules (size, watched terms)."""
    if not pages.MIN_PAGE_BYTES <= len(html) <= pages.MAX_PAGE_BYTES:
        raise ValueError(f"item {plan.item_id}: page is {len(html)} bytes")
    body = story.title + " " + " ".join(t for _, t in story.blocks)
    if plan.relevant:
        if not prose.mentions_relevant(body):
            raise ValueError(f"item {plan.item_id}: relevant story mentions no watched term")
        return
    # Only the story itself stays clear of the watched terms: the page around it names them.
    lowered = " ".join((body, story.standfirst, story.author, *story.tags)).lower()
    if any(term in lowered for term in wb.FORBIDDEN):
        raise ValueError(f"item {plan.item_id}: non-relevant story mentions a watched term")


def render_item(seed: int, item_id: int) -> tuple[ItemPlan, prose.Story, str, bytes]:
    """Plan, write and render one article page."""
    plan = plan_item(seed, item_id)
    story = item_story(seed, plan)
    path = item_path(plan, story)
    ctx = pages.PageContext(plan.outlet, story, pages.PLACEHOLDER + path, plan.published, item_id)
    html = pages.render_page(ctx, random.Random(f"{seed}:page:{item_id}"))
    check_page(plan, story, html)
    return plan, story, path, html


def feed_xml(feed: int, entries: list[tuple[ItemPlan, prose.Story, str]]) -> bytes:
    """RSS 2.0 document for one feed, newest item first."""
    outlet = outlet_of_feed(feed)
    base = pages.PLACEHOLDER
    items = []
    for plan, story, path in entries:
        url = base + path
        items.append(
            f"<item><title>{escape(story.title)}</title><link>{url}</link>"
            f'<guid isPermaLink="true">{url}</guid><pubDate>{format_datetime(plan.published)}</pubDate>'
            f"<dc:creator>{escape(story.author)}</dc:creator><category>{escape(story.section)}</category>"
            f"<description>{escape(story.standfirst)}</description></item>"
        )
    built = format_datetime(max(plan.published for plan, _, _ in entries))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>{escape(outlet.name)}: {escape(feed_name(feed))}</title><link>{base}/{outlet.slug}/</link>"
        f"<description>Latest stories from {escape(outlet.name)}</description>"
        f"<language>{outlet.lang}</language>"
        f'<lastBuildDate>{built}</lastBuildDate><atom:link href="{base}/feeds/{feed}.xml" rel="self" '
        f'type="application/rss+xml"/>{"".join(items)}</channel></rss>\n'
    ).encode()


def write_feed(root: Path, seed: int, feed: int) -> dict[str, object]:
    """Render a feed and its pages into root/www; return its manifest entry."""
    entries = []
    items = []
    for item_id in range((feed - 1) * ITEMS_PER_FEED, feed * ITEMS_PER_FEED):
        plan, story, path, html = render_item(seed, item_id)
        target = root / "www" / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(html)
        entries.append((plan, story, path))
        items.append({"id": item_id, "path": path, "relevant": plan.relevant, "source_id": plan.source_id})
    (root / "www" / "feeds").mkdir(parents=True, exist_ok=True)
    (root / "www" / "feeds" / f"{feed}.xml").write_bytes(feed_xml(feed, entries))
    newest = max(plan.published for plan, _, _ in entries)
    return {
        "number": feed,
        "name": feed_name(feed),
        "last_modified": format_datetime(newest, usegmt=True),
        "items": items,
    }


@dataclass(frozen=True)
class Corpus:
    """A generated corpus directory and its manifest."""

    root: Path
    manifest: dict[str, object]

    @property
    def feeds(self) -> list[dict]:
        """Manifest entries of all feeds, in order."""
        feeds = self.manifest["feeds"]
        assert isinstance(feeds, list)
        return feeds

    def items(self, n_feeds: int) -> list[dict]:
        """Manifest entries of the articles of the first n_feeds feeds."""
        return [item for feed in self.feeds[:n_feeds] for item in feed["items"]]

    def page_file(self, path: str) -> Path:
        """File holding the page served at URL path."""
        return self.root / "www" / path.lstrip("/")


def load_corpus(root: Path, n_feeds: int, seed: int) -> Corpus | None:
    """The existing corpus at root if it matches this generator, seed and size."""
    try:
        manifest = json.loads((root / "manifest.json").read_text())
    except (OSError, ValueError):
        return None
    same = manifest.get("version") == GENERATOR_VERSION and manifest.get("seed") == seed
    return Corpus(root, manifest) if same and len(manifest.get("feeds", [])) >= n_feeds else None


def ensure_corpus(root: Path, n_feeds: int, seed: int = DEFAULT_SEED, workers: int = 2) -> Corpus:
    """Reuse the corpus at root or (re)generate it with n_feeds feeds."""
    existing = load_corpus(root, n_feeds, seed)
    if existing:
        return existing
    started = time.perf_counter()
    (root / "manifest.json").unlink(missing_ok=True)
    shutil.rmtree(root / "www", ignore_errors=True)
    root.mkdir(parents=True, exist_ok=True)
    feeds = list(range(1, n_feeds + 1))
    with ProcessPoolExecutor(workers) as pool:
        entries = list(pool.map(write_feed, [root] * n_feeds, [seed] * n_feeds, feeds, chunksize=4))
    manifest = {
        "version": GENERATOR_VERSION,
        "seed": seed,
        "items_per_feed": ITEMS_PER_FEED,
        "placeholder": pages.PLACEHOLDER,
        "feeds": entries,
    }
    (root / "manifest.json").write_text(json.dumps(manifest))
    print(f"generated {n_feeds} feeds into {root} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return Corpus(root, manifest)


def ensure_feed_only_corpus(root: Path, n_feeds: int, source: Corpus) -> list[dict]:
    """A directory of n_feeds small feeds for the big warm cycle, each with one item linking to the same
    story (copied from source): polling cost at scale without fetching n_feeds x 25 pages to prime it.
    Returns the manifest's feed entries."""
    manifest_file = root / "manifest.json"
    try:
        manifest = json.loads(manifest_file.read_text())
        if manifest.get("version") == GENERATOR_VERSION and len(manifest["feeds"]) == n_feeds:
            return manifest["feeds"]
    except (OSError, ValueError, KeyError):
        pass
    shutil.rmtree(root, ignore_errors=True)
    item = source.feeds[0]["items"][0]
    story = root / "www" / item["path"].lstrip("/")
    story.parent.mkdir(parents=True)
    story.write_bytes(source.page_file(item["path"]).read_bytes())
    (root / "www" / "feeds").mkdir(parents=True)
    first = source.page_file(item["path"]).read_bytes()
    title = first.split(b"<title>", 1)[1].split(b"</title>", 1)[0].decode()
    url = pages.PLACEHOLDER + item["path"]
    built = format_datetime(NEWEST, usegmt=True)
    entries = []
    for feed in range(1, n_feeds + 1):
        outlet = outlet_of_feed(feed)
        (root / "www" / "feeds" / f"{feed}.xml").write_bytes(
            (
                '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
                f"<title>{escape(outlet.name)}: {escape(feed_name(feed))}</title>"
                f"<link>{pages.PLACEHOLDER}/{outlet.slug}/</link><description>Latest stories</description>"
                f"<lastBuildDate>{built}</lastBuildDate><item><title>{title}</title><link>{url}</link>"
                f"<guid>{url}</guid><pubDate>{built}</pubDate></item></channel></rss>\n"
            ).encode()
        )
        entries.append({"number": feed, "name": feed_name(feed), "last_modified": built, "items": []})
    manifest_file.write_text(json.dumps({"version": GENERATOR_VERSION, "feeds": entries}))
    return entries


def describe(corpus: Corpus, n_feeds: int) -> str:
    """One-line summary: pages, relevant share, copies, page sizes."""
    items = corpus.items(n_feeds)
    sizes = [corpus.page_file(item["path"]).stat().st_size for item in items]
    relevant = sum(item["relevant"] for item in items)
    copies = sum(item["source_id"] != item["id"] for item in items)
    return (
        f"{n_feeds} feeds, {len(items)} pages, {relevant} relevant ({relevant / len(items):.0%}), "
        f"{copies} syndicated copies ({copies / len(items):.1%}), page size "
        f"{min(sizes) / 1000:.0f}-{max(sizes) / 1000:.0f} KB (mean {sum(sizes) / len(sizes) / 1000:.0f} KB)"
    )


def main() -> None:
    """Generate (or verify) a corpus directory from the command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--feeds", type=int, default=400)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    corpus = ensure_corpus(args.directory, args.feeds, args.seed)
    print(describe(corpus, args.feeds))


if __name__ == "__main__":
    main()
