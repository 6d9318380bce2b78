"""Relevance and text quality of `extract_page` against full extraction, on three sets of pages.

Usage: uv run python benchmarks/relevance.py [--feeds 100] [--corpus DIR] [--json FILE]

`extract_page` decides some pages are irrelevant before trafilatura runs (no topic term anywhere in the
page, or none in its titles, feed summary and located article body). This checks those decisions against
what full extraction decides (trafilatura on every page, relevance on its title and text, as before the
pre-filter), and that pages found relevant get the same text, title and metadata:

- the benchmark corpus (first --feeds feeds), also against the generator's own label;
- the demo site's pages, with the titles and summaries their feeds give them;
- the 61 real pages of shared/corpora (trafilatura's test pages), with the shipped topics and, since
  few of them are about Russia or North Korea, once per everyday news word (one topic each), so that
  each page has both relevant and irrelevant decisions to get right.

It also scores trafilatura settings the pipeline could use instead of today's (no fallback extractors,
"fast"), as main-text recall and precision of words against today's output on the 61 real pages.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import feedparser
import trafilatura

import corpus
import pages
from newswatch.demo import DEMO_ROOT
from newswatch.ingest import extract
from newswatch.ingest.topics import DEFAULT_TOPICS, Topic, TopicMatcher

REAL_PAGES = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "pages"
# Everyday news words, one topic each, for pages that are not about the shipped topics.
STRESS_WORDS = (
    "government",
    "police",
    "President",
    "election",
    "minister",
    "court",
    "climate",
    "bank",
    "university",
    "football",
)

Page = tuple[str, bytes, str, str | None, str | None]  # name, html, url, feed title, feed summary


def bench_pages(root: Path, n_feeds: int) -> Iterator[tuple[Page, bool]]:
    """The benchmark corpus pages with the feed's title and summary, and the generator's label."""
    bench = corpus.ensure_corpus(root, n_feeds)
    for feed in bench.feeds[:n_feeds]:
        entries = {
            e.link.removeprefix(pages.PLACEHOLDER): e
            for e in feedparser.parse(bench.page_file(f"/feeds/{feed['number']}.xml").read_bytes()).entries
        }
        for item in feed["items"]:
            entry = entries[item["path"]]
            html = bench.page_file(item["path"]).read_bytes()
            url = "http://127.0.0.1:8000" + item["path"]
            yield (item["path"], html, url, entry.title, entry.get("summary")), item["relevant"]


def demo_pages() -> Iterator[Page]:
    """The demo site's pages, with the title and summary of the first feed entry linking to each."""
    entries: dict[str, tuple[str | None, str | None]] = {}
    for feed in sorted((DEMO_ROOT / "feeds").iterdir()):
        for entry in feedparser.parse(feed.read_bytes()).entries:
            name = entry.get("link", "").split("?")[0].split("#")[0].rsplit("/", 1)[-1]
            entries.setdefault(name, (entry.get("title"), entry.get("summary")))
    for page in sorted((DEMO_ROOT / "pages").iterdir()):
        title, summary = entries.get(page.name, (None, None))
        html = page.read_bytes().replace(b"{base}", b"http://127.0.0.1:8000")
        yield page.name, html, f"http://127.0.0.1:8000/pages/{page.name}", title, summary


def real_pages() -> Iterator[Page]:
    """shared/corpora's HTML pages, without feed data."""
    for page in sorted(p for p in REAL_PAGES.rglob("*") if p.is_file()):
        yield page.name, page.read_bytes(), f"http://127.0.0.1:8000/{page.name}", None, None


def full(page: Page, topics: tuple[Topic, ...]) -> extract.Extracted:
    """Relevance as decided before the pre-filter: trafilatura on every page."""
    _, html, url, title, summary = page
    return extract._extract_full(html, html, url, title, summary, TopicMatcher(topics))


def compare(pages_: list[Page], topic_sets: list[tuple[Topic, ...]], label: str, out: dict) -> None:
    """Agreement of extract_page with full extraction over pages x topic sets; outputs must be equal."""
    counts: Counter[str] = Counter()
    for page in pages_:
        for topics in topic_sets:
            quick = extract.extract_page(page[1], page[2], page[3], page[4], topics=topics)
            reference = full(page, topics)
            was, now = bool(reference.topics), bool(quick.topics)
            matcher = TopicMatcher(topics)
            if not matcher.match(page[3], page[4], extract._page_text(page[1])):
                counts["new irrelevant: no term anywhere in the page"] += 1
            elif not now:
                counts["new irrelevant: none in titles, summary, located body"] += 1
            counts[
                f"full {'relevant' if was else 'irrelevant'} / new {'relevant' if now else 'irrelevant'}"
            ] += 1
            if was and now and _fields(quick) != _fields(reference):
                counts["relevant, but a different result"] += 1
                print(f"  {label}: {page[0]}: result differs", file=sys.stderr)
            if was != now:
                print(
                    f"  {label}: {page[0]} {[t.name for t in topics]}: full {was}, new {now}", file=sys.stderr
                )
    agree = counts["full relevant / new relevant"] + counts["full irrelevant / new irrelevant"]
    out[label] = {"decisions": sum(v for k, v in counts.items() if k.startswith("full")), "agree": agree}
    out[label].update(counts)
    print(f"{label}: {json.dumps(out[label])}")


def _fields(e: extract.Extracted) -> tuple[object, ...]:
    return (e.title, e.author, e.published_at, e.language, e.sitename, e.text, e.rel_canonical, e.topics)


def words(text: str | None) -> Counter[str]:
    """Bag of words of a text, for recall and precision."""
    return Counter((text or "").split())


def quality(pages_: list[Page], out: dict) -> None:
    """Main-text word recall and precision of other trafilatura settings against today's output."""
    today = dict(with_metadata=True, include_comments=False, include_tables=True, deduplicate=False)
    variants = {
        "today (bytes, reference)": today,
        "today, on the pre-filter's parsed tree": today,
        "fast (no readability/jusText fallback)": {**today, "fast": True},
    }
    for name, options in variants.items():
        matched = reference_total = candidate_total = same = 0
        started = time.process_time()
        for _, html, url, _, _ in pages_:
            reference = trafilatura.bare_extraction(html, url=url, **today)
            source = extract._parse(html) if "tree" in name else html
            candidate = trafilatura.bare_extraction(source, url=url, **options)  # type: ignore[arg-type]
            ref_words = words(getattr(reference, "text", None))
            cand_words = words(getattr(candidate, "text", None))
            matched += sum((ref_words & cand_words).values())
            reference_total += sum(ref_words.values())
            candidate_total += sum(cand_words.values())
            same += getattr(reference, "text", None) == getattr(candidate, "text", None)
        seconds = time.process_time() - started
        row = {
            "recall": round(matched / max(reference_total, 1), 4),
            "precision": round(matched / max(candidate_total, 1), 4),
            "identical_texts": same,
            "pages": len(pages_),
            "cpu_s_incl_reference": round(seconds, 1),
        }
        out.setdefault("quality", {})[name] = row
        print(f"quality, {name}: {json.dumps(row)}")


def main() -> None:
    """Run every comparison and print the counts."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--corpus", type=Path, default=corpus.DEFAULT_DIR)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    out: dict = {}
    bench = list(bench_pages(args.corpus, args.feeds))
    labels: Counter[str] = Counter()
    for page, relevant in bench:
        decided = bool(extract.extract_page(page[1], page[2], page[3], page[4], topics=DEFAULT_TOPICS).topics)
        labels[
            f"generated {'relevant' if relevant else 'irrelevant'} / new {'relevant' if decided else 'irrelevant'}"
        ] += 1
    out["benchmark corpus vs generator label"] = dict(labels)
    print(f"benchmark corpus vs generator label: {json.dumps(dict(labels))}")
    compare([p for p, _ in bench], [DEFAULT_TOPICS], "benchmark corpus", out)
    compare(list(demo_pages()), [DEFAULT_TOPICS], "demo site", out)
    real = list(real_pages())
    stress = [DEFAULT_TOPICS, *((Topic(w.lower(), (w,)),) for w in STRESS_WORDS)]
    compare(real, stress, "shared/corpora pages", out)
    quality(real, out)
    if args.json:
        args.json.write_text(json.dumps(out, indent=2, default=str))


if __name__ == "__main__":
    main()
