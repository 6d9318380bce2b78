-- Ingest: feeds, their health and poll log, pages (the fetch queue), articles and their versions,
-- and the MinHash fingerprints used to find near-duplicates. Documented in docs/warehouse.md.

CREATE TABLE newswatch.feeds (
    id          bigserial PRIMARY KEY,
    name        text        NOT NULL,
    url         text        NOT NULL UNIQUE,
    enabled     boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE newswatch.feed_health (
    feed_id              bigint      PRIMARY KEY REFERENCES newswatch.feeds (id) ON DELETE CASCADE,
    etag                 text,
    last_modified        text,
    body_hash            text,
    last_polled_at       timestamptz,
    last_success_at      timestamptz,
    last_new_item_at     timestamptz,
    last_status          text,
    last_http_status     integer,
    last_error           text,
    consecutive_failures integer     NOT NULL DEFAULT 0,
    item_count           integer,
    next_poll_at         timestamptz NOT NULL DEFAULT now(),
    lease_until          timestamptz,
    claimed_by           integer
);
CREATE INDEX feed_health_due ON newswatch.feed_health (next_poll_at);

CREATE TABLE newswatch.poll_log (
    id           bigserial   PRIMARY KEY,
    feed_id      bigint      NOT NULL REFERENCES newswatch.feeds (id) ON DELETE CASCADE,
    polled_at    timestamptz NOT NULL DEFAULT now(),
    status       text        NOT NULL,
    http_status  integer,
    error        text,
    duration_ms  integer     NOT NULL,
    item_count   integer     NOT NULL DEFAULT 0,
    new_items    integer     NOT NULL DEFAULT 0,
    not_modified boolean     NOT NULL DEFAULT false
);
CREATE INDEX poll_log_feed_time ON newswatch.poll_log (feed_id, polled_at DESC);
CREATE INDEX poll_log_time ON newswatch.poll_log (polled_at);

-- One row per canonical URL ever seen in a feed, and what became of it.
CREATE TABLE newswatch.pages (
    id                bigserial   PRIMARY KEY,
    canonical_url     text        NOT NULL UNIQUE,
    url               text        NOT NULL,
    feed_id           bigint      REFERENCES newswatch.feeds (id) ON DELETE SET NULL,
    feed_title        text,
    feed_summary      text,
    feed_published_at timestamptz,
    first_seen_at     timestamptz NOT NULL DEFAULT now(),
    status            text        NOT NULL DEFAULT 'pending'
                      CHECK (status IN ('pending', 'relevant', 'irrelevant', 'failed')),
    attempts          integer     NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz NOT NULL DEFAULT now(),
    lease_until       timestamptz,
    claimed_by        integer,
    fetched_at        timestamptz,
    http_status       integer,
    last_error        text,
    error_status      text
);
CREATE INDEX pages_pending ON newswatch.pages (next_attempt_at) WHERE status = 'pending';

-- Feed entries: which feed listed which page, so an item seen again is not new.
CREATE TABLE newswatch.items (
    id            bigserial   PRIMARY KEY,
    feed_id       bigint      NOT NULL REFERENCES newswatch.feeds (id) ON DELETE CASCADE,
    guid          text        NOT NULL,
    page_id       bigint      NOT NULL REFERENCES newswatch.pages (id) ON DELETE CASCADE,
    title         text,
    published_at  timestamptz,
    entry_hash    text        NOT NULL,
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (feed_id, guid)
);
CREATE INDEX items_page ON newswatch.items (page_id);

CREATE TABLE newswatch.articles (
    id            bigserial   PRIMARY KEY,
    page_id       bigint      NOT NULL UNIQUE REFERENCES newswatch.pages (id),
    url           text        NOT NULL,
    canonical_url text        NOT NULL UNIQUE,
    source        text        NOT NULL,
    feed_id       bigint      REFERENCES newswatch.feeds (id) ON DELETE SET NULL,
    title         text,
    author        text,
    published_at  timestamptz,
    language      text,
    text          text        NOT NULL,
    summary       text,
    topics        text[]      NOT NULL,
    partial       boolean     NOT NULL DEFAULT false,
    rel_canonical text,
    duplicate_of  bigint      REFERENCES newswatch.articles (id),
    similarity    real,
    dedupe_status text        NOT NULL DEFAULT 'pending'
                  CHECK (dedupe_status IN ('pending', 'original', 'duplicate')),
    version       integer     NOT NULL DEFAULT 1,
    content_hash  text        NOT NULL,
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    fetched_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX articles_published ON newswatch.articles (published_at);
CREATE INDEX articles_topics ON newswatch.articles USING gin (topics);
CREATE INDEX articles_duplicate_of ON newswatch.articles (duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX articles_dedupe_pending ON newswatch.articles (id) WHERE dedupe_status = 'pending';
CREATE INDEX articles_rel_canonical ON newswatch.articles (rel_canonical) WHERE rel_canonical IS NOT NULL;

-- Every distinct text an article has had, with the raw HTML (zlib) it was extracted from.
CREATE TABLE newswatch.article_versions (
    id           bigserial   PRIMARY KEY,
    article_id   bigint      NOT NULL REFERENCES newswatch.articles (id) ON DELETE CASCADE,
    version      integer     NOT NULL,
    fetched_at   timestamptz NOT NULL DEFAULT now(),
    title        text,
    text         text        NOT NULL,
    content_hash text        NOT NULL,
    raw_html     bytea,
    raw_bytes    integer,
    UNIQUE (article_id, version)
);

-- MinHash signature (128 x uint32, little-endian) and its LSH band buckets.
CREATE TABLE newswatch.article_fingerprints (
    article_id bigint PRIMARY KEY REFERENCES newswatch.articles (id) ON DELETE CASCADE,
    minhash    bytea  NOT NULL
);
CREATE TABLE newswatch.article_lsh (
    bucket     bigint NOT NULL,
    article_id bigint NOT NULL REFERENCES newswatch.articles (id) ON DELETE CASCADE,
    PRIMARY KEY (bucket, article_id)
);
CREATE INDEX article_lsh_article ON newswatch.article_lsh (article_id);
