"""Figure extraction speed: articles per second on one core, against a naive number scan, per language.

English: a corpus of article texts (generated news prose, 400-1,200 words, a third of them with figure
sentences from the development set mixed in). Korean, Russian and Ukrainian: articles built from that
language's development records (every excerpt and article text, shuffled into 600-word stories). Times,
on one process:
  - newswatch's FigureExtractor.extract over every article;
  - a naive baseline: split sentences and find digit runs with one regex (the floor any extractor pays).
Run: uv run python benchmarks/figures.py [--articles 2000] [--language en|ko|ru|uk|all]

`--dump FILE` measures nothing: it writes every figure (all fields) extracted from every record of the
development corpora (with and without the morphology analyser, with and without title and date) and from
the benchmark corpora, and every number found in their sentences, one JSON line each. A speed change that
changes no output leaves the file byte-identical (`cmp` it against a dump made before the change).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import prose
from newswatch.figures.corpora import Sequence, Text, development_files, read_records
from newswatch.figures.extractor import FigureExtractor, split_sentences
from newswatch.figures.lexicon import lexicon_for
from newswatch.figures.numbers import find_numbers

CORPUS = Path(__file__).resolve().parents[1] / "plugins" / "newswatch" / "figures" / "corpus" / "en"

TARGET = 300  # articles per second per core, from the figures issue


def build_corpus(n: int, seed: int = 7) -> list[str]:
    """n article texts; every third carries 2-4 figure sentences from the development set."""
    rng = random.Random(seed)
    figure_texts = [
        r.text
        for path in development_files()
        for r in read_records(path)
        if isinstance(r, Text) and r.kind == "excerpt" and r.language == "en"
    ]
    corpus = []
    for i in range(n):
        story = prose.make_story(seed * 100_000 + i, i % 40, relevant=i % 3 == 0)
        paragraphs = [text for tag, text in story.blocks if tag == "p"]
        if i % 3 == 0:
            for text in rng.sample(figure_texts, rng.randint(2, 4)):
                paragraphs.insert(rng.randrange(len(paragraphs) + 1), text)
        corpus.append("\n".join(paragraphs))
    return corpus


def build_language_corpus(language: str, n: int, seed: int = 7) -> list[str]:
    """n articles of about 600 words built like the English corpus: prose (the language's development
    paragraphs without any number), and in every third article 2-4 figure excerpts of that language."""
    rng = random.Random(seed)
    texts = [r for path in development_files() for r in read_records(path) if isinstance(r, Text)]
    prose = [
        paragraph
        for r in texts
        if r.language == language
        for paragraph in r.text.split("\n")
        if paragraph.strip() and not find_numbers(paragraph, True, lexicon_for(language))
    ]
    excerpts = [r.text for r in texts if r.language == language and r.kind == "excerpt"]
    corpus = []
    for i in range(n):
        story: list[str] = []
        while sum(len(p.split()) for p in story) < 600:
            story.append(rng.choice(prose))
        if i % 3 == 0:
            for text in rng.sample(excerpts, rng.randint(2, 4)):
                story.insert(rng.randrange(len(story) + 1), text)
        corpus.append("\n".join(story))
    return corpus


_DIGITS = re.compile(r"\d[\d,.]*")


def naive(text: str) -> int:
    return sum(len(_DIGITS.findall(sentence)) for sentence in split_sentences(text))


def measure(fn, corpus: list[str]) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    """Wall seconds, CPU seconds of this process, and what was found. On a shared machine the wall time
    follows the other jobs; the CPU time much less (it still pays for a busier cache)."""
    start, cpu = time.perf_counter(), time.process_time()
    found = sum(len(r) if isinstance(r, list) else r for r in map(fn, corpus))
    return time.perf_counter() - start, time.process_time() - cpu, found


def _json(value: object) -> object:
    return value.isoformat() if hasattr(value, "isoformat") else repr(value)


def dump(path: Path, articles: int) -> None:
    """Every figure and number the extractor reads from the development and benchmark corpora, in order."""
    texts: list[tuple[str, str, str | None, str, object]] = []
    for file in development_files():
        for record in read_records(file):
            for t in record.articles if isinstance(record, Sequence) else (record,):
                texts.append((f"{file.parent.name}/{file.name}:{t.id}", t.text, t.title, t.language, t.day))
    for language in ("en", "ko", "ru", "uk"):
        corpus = build_corpus(articles) if language == "en" else build_language_corpus(language, articles)
        texts += [(f"bench/{language}:{i}", text, None, language, None) for i, text in enumerate(corpus)]
    extractors = {"off": FigureExtractor(morphology="off"), "ru,uk": FigureExtractor(morphology="ru,uk")}
    with path.open("w", encoding="utf-8") as out:
        for key, text, title, language, day in texts:
            lexicon = lexicon_for(language)
            for sentence in split_sentences(text, title, language):
                found = find_numbers(sentence, lexicon.decimal_comma, lexicon)
                line = [key, "numbers", sentence, [dataclasses.astuple(n) for n in found]]
                out.write(json.dumps(line, ensure_ascii=False, default=_json) + "\n")
            variants = [("off", title, day), ("ru,uk", title, day)]
            if title is not None or day is not None:
                variants.append(("off", None, None))
            for morphology, with_title, with_day in variants:
                figures = extractors[morphology].extract(text, with_title, language, published=with_day)  # type: ignore[arg-type]
                for f in figures:
                    line = [key, morphology, with_title is not None, dataclasses.asdict(f)]
                    out.write(json.dumps(line, ensure_ascii=False, default=_json) + "\n")
                out.write(json.dumps([key, morphology, with_title is not None, len(figures)]) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--language", default="all", choices=("all", "en", "ko", "ru", "uk"))
    parser.add_argument(
        "--dump", type=Path, metavar="FILE", help="write every extracted figure, measure nothing"
    )
    args = parser.parse_args()
    if args.dump:
        dump(args.dump, args.articles)
        return
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        f", load average {os.getloadavg()[0]:.2f}"
    )
    for language in ("en", "ko", "ru", "uk") if args.language == "all" else (args.language,):
        corpus = (
            build_corpus(args.articles)
            if language == "en"
            else build_language_corpus(language, args.articles)
        )
        words = sum(len(t.split()) for t in corpus) / len(corpus)
        extractor = FigureExtractor()
        extractor.extract(corpus[0], language=language)  # compile and warm

        def extract(text: str, language: str = language, fx: FigureExtractor = extractor) -> list[object]:
            return fx.extract(text, language=language)  # type: ignore[return-value]

        t_naive, _, numbers = measure(naive, corpus)
        t_fx, cpu_fx, figures = measure(extract, corpus)
        rate, naive_rate = len(corpus) / t_fx, len(corpus) / t_naive
        print(
            f"[{language}] corpus: {len(corpus)} articles, {words:.0f} words on average, {numbers} digit runs, "
            f"{figures} figures found"
        )
        print(f"[{language}] naive number scan:      {naive_rate:8.0f} articles/s  ({t_naive:.2f} s)")
        print(f"[{language}] FigureExtractor:        {rate:8.0f} articles/s  ({t_fx:.2f} s, one process)")
        print(
            f"[{language}] FigureExtractor, CPU:   {len(corpus) / cpu_fx:8.0f} articles per CPU second  ({cpu_fx:.2f} s)"
        )
        print(
            f"[{language}] ratio extractor/target: {rate / TARGET:8.2f}  (target {TARGET} articles/s per core)"
        )
    print(
        f"load average at the end: {os.getloadavg()[0]:.2f} (other jobs on the machine lower the wall rates)"
    )


if __name__ == "__main__":
    main()
