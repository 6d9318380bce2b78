"""Near-duplicate detection: MinHash over word shingles, LSH buckets in Postgres.

Why MinHash/LSH rather than SimHash: a wire story republished with a new headline, an added
paragraph and different boilerplate keeps most of its 5-word shingles, and MinHash estimates
exactly that overlap (Jaccard). SimHash tracks cosine similarity of term weights, which drifts more
with added paragraphs, and its Hamming-distance lookups need permuted tables. LSH buckets are plain
(bucket, article_id) rows with an index, so finding candidates is an index lookup, whatever the
size of the warehouse.
"""

from __future__ import annotations

import functools
import hashlib
import re
import zlib
from dataclasses import dataclass
from typing import Any

import psycopg

from newswatch import settings
from newswatch.ingest.urls import canonical_url

_ROWS = settings.MINHASH_PERMUTATIONS // settings.LSH_BANDS
_WORD = re.compile(r"\w+")
DEDUPE_LOCK_KEY = 0x64656475  # "dedu": one dedupe pass at a time keeps "first seen" well defined

# "First seen" is decided pass by pass: an article compared in an earlier pass stays the original
# (later copies point to it); among articles compared in the same pass, the earliest published wins.


def shingles(text: str, size: int = settings.SHINGLE_WORDS) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@functools.cache
def _permutations() -> tuple[Any, Any, Any]:
    """The hash permutations (numpy imported on first use: only extraction workers need it)."""
    import numpy as np

    rng = np.random.default_rng(20261126)  # fixed: signatures must be comparable across runs
    a = rng.integers(1, 2**31, size=(settings.MINHASH_PERMUTATIONS, 1), dtype=np.uint64)
    b = rng.integers(0, 2**31, size=(settings.MINHASH_PERMUTATIONS, 1), dtype=np.uint64)
    return a, b, np.uint64(4294967291)  # the largest prime below 2**32 keeps a*x+b inside 64 bits


def minhash_signature(text: str) -> bytes:
    """128 minimum hash values (uint32, little-endian) of the text's word shingles."""
    import numpy as np

    a, b, prime = _permutations()
    hashes = np.fromiter((zlib.crc32(s.encode()) for s in shingles(text)), dtype=np.uint64)
    if hashes.size == 0:
        return np.full(settings.MINHASH_PERMUTATIONS, 2**32 - 1, dtype="<u4").tobytes()
    values = (a * hashes[np.newaxis, :] + b) % prime
    return bytes(values.min(axis=1).astype("<u4").tobytes())


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the two texts behind two signatures (the share of equal values)."""
    equal = sum(1 for i in range(0, len(a), 4) if a[i : i + 4] == b[i : i + 4])
    return equal / (len(a) // 4)


def lsh_buckets(signature: bytes) -> list[int]:
    """One bucket id per band: articles sharing any bucket are candidate duplicates."""
    width = _ROWS * 4
    buckets = []
    for band in range(settings.LSH_BANDS):
        chunk = signature[band * width : (band + 1) * width]
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        buckets.append(int.from_bytes(digest, "little", signed=True))
    return buckets


@dataclass
class DedupeReport:
    originals: int = 0
    duplicates: int = 0


CLAIM_PENDING = """
SELECT a.id, a.canonical_url, a.rel_canonical, f.minhash
FROM newswatch.articles a
LEFT JOIN newswatch.article_fingerprints f ON f.article_id = a.id
WHERE a.dedupe_status = 'pending'
ORDER BY coalesce(a.published_at, a.first_seen_at), a.id
LIMIT %s
FOR UPDATE OF a SKIP LOCKED
"""

CANDIDATES = """
SELECT DISTINCT ON (a.id) a.id, coalesce(a.duplicate_of, a.id), f.minhash
FROM newswatch.article_lsh l
JOIN newswatch.articles a ON a.id = l.article_id
JOIN newswatch.article_fingerprints f ON f.article_id = a.id
WHERE l.bucket = ANY(%s) AND a.id <> %s AND a.dedupe_status <> 'pending'
"""

# md5(canonical_url) is what the unique index is on (URLs of any length): the lookup uses it.
BY_CANONICAL = """
SELECT coalesce(duplicate_of, id) FROM newswatch.articles
WHERE md5(canonical_url) = md5(%(url)s) AND canonical_url = %(url)s AND id <> %(id)s
  AND dedupe_status <> 'pending'
"""

MARK = """
UPDATE newswatch.articles SET dedupe_status = %s, duplicate_of = %s, similarity = %s WHERE id = %s
"""

ADD_BUCKETS = """
INSERT INTO newswatch.article_lsh (bucket, article_id) SELECT unnest(%s::bigint[]), %s
ON CONFLICT DO NOTHING
"""


def dedupe_stage(conn: psycopg.Connection, batch: int = 500) -> DedupeReport:
    """Mark every pending article original or duplicate_of its first-seen copy."""
    report = DedupeReport()
    while True:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (DEDUPE_LOCK_KEY,))
            rows = conn.execute(CLAIM_PENDING, (batch,)).fetchall()
            for article_id, _url, rel_canonical, signature in rows:
                original, score = _find_original(conn, article_id, rel_canonical, signature)
                if original is None:
                    conn.execute(MARK, ("original", None, None, article_id))
                    report.originals += 1
                else:
                    conn.execute(MARK, ("duplicate", original, score, article_id))
                    report.duplicates += 1
                if signature is not None:
                    conn.execute(ADD_BUCKETS, (lsh_buckets(bytes(signature)), article_id))
        if len(rows) < batch:
            return report


def _find_original(
    conn: psycopg.Connection, article_id: int, rel_canonical: str | None, signature: bytes | None
) -> tuple[int | None, float | None]:
    """The first-seen article this one copies, and how similar it is (1.0 for a rel=canonical match)."""
    if rel_canonical:
        row = conn.execute(BY_CANONICAL, {"url": canonical_url(rel_canonical), "id": article_id}).fetchone()
        if row:
            return int(row[0]), 1.0
    if signature is None:
        return None, None
    best: tuple[int, float] | None = None
    for _cid, root, other in conn.execute(CANDIDATES, (lsh_buckets(bytes(signature)), article_id)):
        score = similarity(bytes(signature), bytes(other))
        if score >= settings.DUPLICATE_JACCARD and (best is None or root < best[0]):
            best = (int(root), score)
    return best if best is not None else (None, None)
