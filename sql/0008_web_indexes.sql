-- What the analyst view (newswatch serve, the Airflow plugin) needs to answer every page in well under
-- 300 ms on a warehouse of 100,000 articles and 50,000 figures (benchmarks/web.py). Documented in
-- docs/warehouse.md.

-- Full-text search over articles: one tsvector per article, stemmed in the article's language where
-- PostgreSQL has a stemmer for it (else word by word). Kept by a trigger that runs only when the title,
-- text or language is written, so the pipeline's other updates (dedupe, figures) cost nothing extra.
ALTER TABLE newswatch.articles ADD COLUMN search_vector tsvector;

CREATE FUNCTION newswatch.article_search_vector(language text, title text, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsvector(CASE language WHEN 'en' THEN 'english'::regconfig
                                     WHEN 'ru' THEN 'russian'::regconfig
                                     ELSE 'simple'::regconfig END,
                       coalesce(title, '') || ' ' || coalesce(body, ''))
$$;

CREATE FUNCTION newswatch.articles_search_vector_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := newswatch.article_search_vector(NEW.language, NEW.title, NEW.text);
    RETURN NEW;
END
$$;

CREATE TRIGGER articles_search_vector BEFORE INSERT OR UPDATE OF title, text, language ON newswatch.articles
    FOR EACH ROW EXECUTE FUNCTION newswatch.articles_search_vector_trigger();

UPDATE newswatch.articles SET search_vector = newswatch.article_search_vector(language, title, text);

CREATE INDEX articles_search ON newswatch.articles USING gin (search_vector);

-- Stories (originals), newest first, with keyset pagination; and the outlet and language filters.
CREATE INDEX articles_stories ON newswatch.articles (coalesce(published_at, first_seen_at) DESC, id DESC)
    WHERE duplicate_of IS NULL;
CREATE INDEX articles_source ON newswatch.articles (source);
CREATE INDEX articles_language ON newswatch.articles (language);

-- A series' reports newest first; and per source, its latest cumulative values (the overview) read from
-- the index alone.
CREATE INDEX figures_series_reported ON newswatch.figures (series, reported_at DESC, id DESC)
    WHERE NOT superseded;
CREATE INDEX figures_cumulative_latest ON newswatch.figures
    (series, coalesce(attributed_to, ''), reported_at DESC, id DESC) INCLUDE (value, qualifier)
    WHERE NOT superseded AND scope = 'cumulative';

-- Changes newest first; and per series and source, its recent changes (the overview's sparklines).
CREATE INDEX figure_changes_reported ON newswatch.figure_changes (reported_at DESC, id DESC);
CREATE INDEX figure_changes_pair ON newswatch.figure_changes
    (series, coalesce(attributed_to, ''), reported_at DESC, id DESC) INCLUDE (new_value);

-- Whether (and when) a change was emailed: the alerts whose change_ids hold it. Without fastupdate, so a
-- lookup never scans a list of pending entries (alerts are written a few at a time, so inserts stay cheap).
CREATE INDEX alerts_change_ids ON newswatch.alerts USING gin (change_ids) WITH (fastupdate = off);
