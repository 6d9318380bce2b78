"""Pure rules: canonical URLs, topic matching, MinHash similarity."""

from __future__ import annotations

import pytest

from newswatch.ingest.dedupe import lsh_buckets, minhash_signature, similarity
from newswatch.ingest.topics import DEFAULT_TOPICS, TopicMatcher
from newswatch.ingest.urls import canonical_url


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://example.org/a?utm_source=rss&utm_medium=feed", "https://example.org/a"),
        ("https://example.org/a?fbclid=1&gclid=2&id=7", "https://example.org/a?id=7"),
        ("https://example.org/a#comments", "https://example.org/a"),
        ("https://EXAMPLE.org:443/a", "https://example.org/a"),
        ("http://example.org:80/a", "http://example.org/a"),
        ("https://www.example.org/a", "https://example.org/a"),
        ("https://example.org/a?b=2&a=1", "https://example.org/a?a=1&b=2"),
        ("https://example.org/%7Ealice/", "https://example.org/~alice/"),
        ("https://example.org/news/index.html", "https://example.org/news/"),
    ],
)
def test_equivalent_urls_share_one_canonical_form(a: str, b: str) -> None:
    assert canonical_url(a) == canonical_url(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://example.org/a?id=7", "https://example.org/a?id=8"),
        ("https://example.org/A", "https://example.org/a"),
        ("http://example.org:8080/a", "http://example.org/a"),
    ],
)
def test_different_articles_keep_different_canonical_urls(a: str, b: str) -> None:
    assert canonical_url(a) != canonical_url(b)


MATCHER = TopicMatcher(DEFAULT_TOPICS)


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("North Korean troops were seen near Kursk", ["north_korea", "russia"]),
        ("Kim Jong-un inspected a factory", ["north_korea"]),
        ("Pyongyang's envoy", ["north_korea"]),
        ("The Kremlin said", ["russia"]),
        ("Russia's economy", ["russia"]),
        ("RUSSIAN JETS INTERCEPTED OVER THE BALTIC", ["russia"]),
        ("북한군 1만명 파병", ["north_korea"]),
        ("Москва заявила", ["russia"]),
        ("В России выросли цены", ["russia"]),
        ("a game of russian roulette", []),
        ("Prussia and Belarusian", []),
        ("The Kursky family", []),
        ("", []),
    ],
)
def test_topic_matching_respects_word_boundaries_and_case(text: str, topics: list[str]) -> None:
    assert MATCHER.match(text) == topics


def test_near_duplicates_have_high_similarity_and_share_buckets() -> None:
    base = " ".join(f"word{i} token{i % 7}" for i in range(400))
    edited = base.replace("word10 ", "changed ") + " plus an added closing sentence from the agency"
    a, b = minhash_signature(base), minhash_signature(edited)
    assert similarity(a, b) > 0.8
    assert set(lsh_buckets(a)) & set(lsh_buckets(b))


def test_unrelated_texts_have_low_similarity_and_rarely_share_buckets() -> None:
    a = minhash_signature(" ".join(f"alpha{i}" for i in range(400)))
    b = minhash_signature(" ".join(f"beta{i}" for i in range(400)))
    assert similarity(a, b) < 0.1
    assert not set(lsh_buckets(a)) & set(lsh_buckets(b))


def test_signatures_are_stable_across_processes() -> None:
    import subprocess
    import sys

    code = "from newswatch.ingest.dedupe import minhash_signature as m; print(m('one two three four five six').hex())"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == minhash_signature("one two three four five six").hex()
