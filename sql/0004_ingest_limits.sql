-- Ingest limits that hold against hostile input and across shards. Documented in docs/warehouse.md.

-- One row per canonical URL, however long: a btree entry cannot exceed about 2,700 bytes, so the
-- uniqueness rule moves from the URL itself to its MD5 (links are also capped at 2,048 characters
-- when read from a feed, but the rule must not depend on that).
CREATE UNIQUE INDEX pages_canonical_url_md5 ON newswatch.pages (md5(canonical_url));
ALTER TABLE newswatch.pages DROP CONSTRAINT pages_canonical_url_key;
CREATE UNIQUE INDEX articles_canonical_url_md5 ON newswatch.articles (md5(canonical_url));
ALTER TABLE newswatch.articles DROP CONSTRAINT articles_canonical_url_key;

-- rel_canonical comes straight from a page: a hash index has no key-size limit.
DROP INDEX newswatch.articles_rel_canonical;
CREATE INDEX articles_rel_canonical ON newswatch.articles USING hash (rel_canonical)
    WHERE rel_canonical IS NOT NULL;

-- The host a feed or page is fetched from (lower case, without "www."): shards split work by host,
-- so all requests to one site come from one shard and the per-host limit holds across shards.
ALTER TABLE newswatch.feeds ADD COLUMN host text NOT NULL GENERATED ALWAYS AS (
    coalesce(regexp_replace(lower(substring(url FROM
        '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?(\[[^]/]*\]|[^:/?#]*)')), '^www\.', ''), '')
) STORED;
ALTER TABLE newswatch.pages ADD COLUMN host text NOT NULL GENERATED ALWAYS AS (
    coalesce(regexp_replace(lower(substring(canonical_url FROM
        '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?(\[[^]/]*\]|[^:/?#]*)')), '^www\.', ''), '')
) STORED;

-- Feed entries dropped by a poll: no usable link, or a link longer than the limit.
ALTER TABLE newswatch.poll_log ADD COLUMN skipped_items integer NOT NULL DEFAULT 0;
