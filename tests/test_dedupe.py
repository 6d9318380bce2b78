"""Near-duplicate detection (ingest/dedupe.py) against a real PostgreSQL: shingles, signatures that stay
comparable with the ones already stored, LSH bands, and which article a copy points to."""

from __future__ import annotations

from newswatch import settings
from newswatch.ingest.dedupe import dedupe_stage, lsh_buckets, minhash_signature, shingles, similarity

SIX = "one two three four five six"


def test_shingles_are_lower_case_five_word_windows() -> None:
    assert shingles("One, TWO three four five six!") == {"one two three four five", "two three four five six"}
    assert shingles("a b c d e") == {"a b c d e"}  # exactly five words: one shingle
    assert shingles("Kim Jong Un") == {"kim jong un"}  # fewer: the whole text
    assert shingles(" ... ") == set()
    assert shingles("a b c d", size=2) == {"a b", "b c", "c d"}


def test_signatures_match_the_ones_already_stored_in_warehouses() -> None:
    """Stored fingerprints are compared with new ones: the hash family must never change silently."""
    signature = minhash_signature(SIX)
    assert len(signature) == 4 * settings.MINHASH_PERMUTATIONS
    assert signature[:16].hex() == "a0558b66c06f337c349b37b27f4d7976"
    assert signature[-8:].hex() == "3b08930ec9e8c512"
    buckets = lsh_buckets(signature)
    assert len(buckets) == settings.LSH_BANDS
    assert buckets[:3] == [2739829800739051807, -5028477938259413478, -6263926734860325408]
    assert buckets[-1] == -8307744311421918152


def test_a_text_without_words_has_the_empty_signature() -> None:
    assert minhash_signature("") == b"\xff" * (4 * settings.MINHASH_PERMUTATIONS)
    assert minhash_signature("!!! ...") == minhash_signature("")


def test_similarity_is_the_share_of_equal_values() -> None:
    a = bytes(range(16))  # four 4-byte values
    b = bytes(range(8)) + bytes(8)
    assert similarity(a, a) == 1.0
    assert similarity(a, b) == 0.5
    assert similarity(a, bytes(16)) == 0.0
    one_off = bytes(range(12)) + b"\x00\x00\x00\x00"
    assert similarity(a, one_off) == 0.75


def test_each_band_has_its_own_bucket() -> None:
    signature = minhash_signature(SIX)
    width = 4 * settings.MINHASH_PERMUTATIONS // settings.LSH_BANDS
    changed = bytearray(signature)
    changed[width * 3] ^= 0xFF  # a value in the fourth band
    before, after = lsh_buckets(signature), lsh_buckets(bytes(changed))
    assert [i for i in range(settings.LSH_BANDS) if before[i] != after[i]] == [3]
    # The band number is part of the bucket: equal chunks in different bands do not collide.
    flat = bytes(4 * settings.MINHASH_PERMUTATIONS)
    assert len(set(lsh_buckets(flat))) == settings.LSH_BANDS


def _article(db, n: int, text: str | None, rel_canonical: str | None = None, minutes: int = 0) -> int:  # type: ignore[no-untyped-def]
    url = f"https://site{n}.example/story"
    page = db.execute(
        "INSERT INTO newswatch.pages (canonical_url, url) VALUES (%s, %s) RETURNING id", (url, url)
    ).fetchone()[0]
    article = db.execute(
        "INSERT INTO newswatch.articles (page_id, url, canonical_url, source, text, topics, content_hash,"
        " published_at, rel_canonical) VALUES (%s, %s, %s, 's', %s, '{north_korea}', %s,"
        " '2025-01-01'::timestamptz + make_interval(mins => %s), %s) RETURNING id",
        (page, url, url, text or "", str(n), minutes, rel_canonical),
    ).fetchone()[0]
    if text is not None:
        db.execute(
            "INSERT INTO newswatch.article_fingerprints (article_id, minhash) VALUES (%s, %s)",
            (article, minhash_signature(text)),
        )
    return int(article)


WIRE = " ".join(f"word{i}" for i in range(300))


def marks(db) -> dict[int, tuple[str, int | None, float | None]]:  # type: ignore[no-untyped-def]
    rows = db.execute("SELECT id, dedupe_status, duplicate_of, similarity FROM newswatch.articles").fetchall()
    return {r[0]: (r[1], r[2], None if r[3] is None else float(r[3])) for r in rows}


def test_copies_point_to_the_first_seen_article_and_count_in_the_report(db):
    first = _article(db, 1, WIRE, minutes=0)
    second = _article(db, 2, WIRE, minutes=5)
    third = _article(db, 3, WIRE + " with one more line", minutes=9)
    other = _article(db, 4, " ".join(f"other{i}" for i in range(300)), minutes=7)
    report = dedupe_stage(db)
    assert (report.originals, report.duplicates) == (2, 2)
    found = marks(db)
    assert found[first] == ("original", None, None) and found[other] == ("original", None, None)
    assert found[second] == ("duplicate", first, 1.0)
    assert found[third][:2] == ("duplicate", first) and 0.9 < found[third][2] < 1.0


def test_a_copy_of_a_copy_points_to_the_original_and_later_batches_find_earlier_ones(db):
    first = _article(db, 1, WIRE, minutes=0)
    second = _article(db, 2, WIRE, minutes=5)
    third = _article(db, 3, WIRE, minutes=9)
    report = dedupe_stage(db, batch=1)  # one article per pass: each pass sees the earlier ones' buckets
    assert (report.originals, report.duplicates) == (1, 2)
    found = marks(db)
    assert found[second][1] == first and found[third][1] == first
    assert db.execute("SELECT count(DISTINCT article_id) FROM newswatch.article_lsh").fetchone() == (3,)


def test_rel_canonical_to_a_stored_article_is_a_match_even_without_similar_text(db):
    original = _article(db, 1, WIRE)
    dedupe_stage(db)
    copy = _article(
        db, 2, "entirely different words here", rel_canonical="https://SITE1.example/story?utm_source=x"
    )
    unknown = _article(db, 3, "more unrelated words again", rel_canonical="https://site9.example/none")
    no_text = _article(db, 4, None)
    report = dedupe_stage(db)
    assert (report.originals, report.duplicates) == (2, 1)
    found = marks(db)
    assert found[copy] == ("duplicate", original, 1.0)
    assert found[unknown][0] == "original" and found[no_text] == ("original", None, None)
    # An article without a fingerprint adds no buckets.
    assert db.execute(
        "SELECT count(*) FROM newswatch.article_lsh WHERE article_id = %s", (no_text,)
    ).fetchone() == (0,)


def test_a_story_like_two_originals_points_to_the_first_stored(db):
    words = [f"w{i}" for i in range(450)]
    a = _article(db, 1, " ".join(words[0:300]), minutes=0)
    b = _article(db, 2, " ".join(words[150:450]), minutes=1)  # shares a third with a: not a copy
    assert dedupe_stage(db).originals == 2
    c = _article(db, 3, " ".join(words[75:375]), minutes=2)  # shares 60% with each
    assert dedupe_stage(db).duplicates == 1
    assert marks(db)[c][:2] == ("duplicate", a)
    assert marks(db)[b][0] == "original"


def _signature(values: list[int]) -> bytes:
    assert len(values) == settings.MINHASH_PERMUTATIONS
    return b"".join(v.to_bytes(4, "little") for v in values)


def _stored(db, n: int, signature: bytes, duplicate_of: int | None = None, pending: bool = False) -> int:  # type: ignore[no-untyped-def]
    """An article with the given fingerprint: compared already (with its buckets), or pending."""
    article = _article(db, n, None)
    db.execute(
        "INSERT INTO newswatch.article_fingerprints (article_id, minhash) VALUES (%s, %s)",
        (article, signature),
    )
    if not pending:
        db.execute(
            "UPDATE newswatch.articles SET dedupe_status = %s, duplicate_of = %s WHERE id = %s",
            ("duplicate" if duplicate_of else "original", duplicate_of, article),
        )
        db.execute(
            "INSERT INTO newswatch.article_lsh (bucket, article_id) SELECT unnest(%s::bigint[]), %s",
            (lsh_buckets(signature), article),
        )
    return article


def test_a_similarity_of_exactly_the_threshold_is_a_duplicate(db):
    assert settings.DUPLICATE_JACCARD == 0.5
    original = _stored(db, 1, _signature(list(range(128))))
    half = _stored(db, 2, _signature(list(range(64)) + list(range(1000, 1064))), pending=True)
    assert dedupe_stage(db).duplicates == 1
    assert marks(db)[half] == ("duplicate", original, 0.5)


def test_the_similarity_recorded_is_to_the_original_not_to_another_copy(db):
    a = list(range(128))
    b = a[:112] + list(range(2000, 2016))
    n = a[:96] + list(range(3000, 3016)) + b[112:]  # 0.75 like the original, 0.875 like its copy
    original = _stored(db, 1, _signature(a))
    _stored(db, 2, _signature(b), duplicate_of=original)
    new = _stored(db, 3, _signature(n), pending=True)
    dedupe_stage(db)
    assert marks(db)[new] == ("duplicate", original, 0.75)


def test_among_candidates_the_earliest_original_wins_even_when_met_later(db):
    q = list(range(128))
    r = q[:64] + list(range(4000, 4064))
    n = q[:64] + r[64:96] + list(range(5000, 5032))  # 0.5 like q, 0.75 like r
    first = _stored(db, 1, _signature(list(range(6000, 6128))))  # unlike n
    _stored(db, 2, _signature(q))  # an original, met first among the candidates
    _stored(db, 3, _signature(r), duplicate_of=first)  # a copy of the first article
    new = _stored(db, 4, _signature(n), pending=True)
    dedupe_stage(db)
    assert marks(db)[new] == ("duplicate", first, 0.75)
