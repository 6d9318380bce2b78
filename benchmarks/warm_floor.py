"""The floor under a warm cycle: the least a process can do to poll every feed conditionally.

Run by `ingest.py` as its own process, like `newswatch run`, against the warehouse a cold cycle filled:
start the interpreter, import psycopg and urllib3, read every enabled feed's URL and validators, send
each a conditional GET with the same politeness as newswatch (`--per-host` connections per host, a
pool of `--threads`), write one batched UPDATE of the poll times, exit. No address checks, deadlines,
logs, stages or reports: what is left of a warm cycle's cost when newswatch's own work is taken away.
The ratio `newswatch run` / this, measured in the same run, says how much of a warm cycle is ours.

    NEWSWATCH_DATABASE_URL=postgresql://... python benchmarks/warm_floor.py
"""

from __future__ import annotations

import argparse
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import psycopg
import urllib3

FEEDS = """
SELECT f.id, f.url, h.etag, h.last_modified
FROM newswatch.feeds f JOIN newswatch.feed_health h ON h.feed_id = f.id
WHERE f.enabled ORDER BY f.id
"""
TOUCH = "UPDATE newswatch.feed_health SET last_polled_at = now() WHERE feed_id = ANY(%s)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--per-host", type=int, default=4)
    parser.add_argument("--threads", type=int, default=32)
    args = parser.parse_args()
    with psycopg.connect(os.environ["NEWSWATCH_DATABASE_URL"]) as conn:
        feeds = conn.execute(FEEDS).fetchall()
        manager = urllib3.PoolManager(maxsize=args.per_host, retries=False, timeout=10.0)
        slots: dict[str, threading.BoundedSemaphore] = {}
        lock = threading.Lock()

        def poll(feed: tuple[int, str, str | None, str | None]) -> int:
            _, url, etag, modified = feed
            headers = {"If-None-Match": etag} if etag else {}
            if modified:
                headers["If-Modified-Since"] = modified
            host = urlsplit(url).netloc
            with lock:
                slot = slots.setdefault(host, threading.BoundedSemaphore(args.per_host))
            with slot:
                response = manager.request("GET", url, headers=headers, preload_content=True)
            return response.status

        with ThreadPoolExecutor(max_workers=min(args.threads, len(feeds))) as pool:
            statuses = list(pool.map(poll, feeds))
        conn.execute(TOUCH, ([f[0] for f in feeds],))
    not_modified = sum(1 for s in statuses if s == 304)
    print(f"{len(feeds)} feeds polled, {not_modified} not modified")


if __name__ == "__main__":
    main()
