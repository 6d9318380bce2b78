-- Figures: scope (cumulative totals versus period counts), figures of every article version and of
-- near-duplicates, and change history kept as the replay of each stream (withdrawn changes stay on record).
-- Documented in docs/warehouse.md.

-- Which text of the article the figures were last read from, and whether that read re-read a text
-- already read (reprocessing): changes found by a re-read are history, never alerted.
-- An article the extractor raised on is recorded, not retried until its text changes or it is reprocessed.
ALTER TABLE newswatch.articles ADD COLUMN figures_text_version integer,
                               ADD COLUMN figures_reread boolean NOT NULL DEFAULT false,
                               ADD COLUMN figures_error text;
-- Articles read before this migration were read at their current text. Duplicates were never read: they
-- are read once now, as a re-read (their figures fill in history quietly).
UPDATE newswatch.articles SET figures_text_version = version
WHERE figures_version IS NOT NULL OR dedupe_status = 'duplicate';
DROP INDEX newswatch.articles_figures_pending;
CREATE INDEX articles_figures_unread ON newswatch.articles (id)
    WHERE figures_version IS NULL AND dedupe_status <> 'pending';

ALTER TABLE newswatch.figures
    ADD COLUMN scope           text    NOT NULL DEFAULT 'cumulative' CHECK (scope IN ('cumulative', 'period')),
    ADD COLUMN period_start    date,
    ADD COLUMN period_end      date,
    ADD COLUMN article_version integer NOT NULL DEFAULT 1;
UPDATE newswatch.figures f SET article_version = a.version FROM newswatch.articles a WHERE a.id = f.article_id;

-- A period count and a cumulative total with the same number are different figures.
DROP INDEX newswatch.figures_identity;
CREATE UNIQUE INDEX figures_identity ON newswatch.figures
    (article_id, series, value, qualifier, coalesce(attributed_to, ''), coalesce(value_low, -1),
     coalesce(value_high, -1), scope, coalesce(period_start, '-infinity'::date),
     coalesce(period_end, '-infinity'::date));
-- Change detection revisits every stream with a figure it has not seen (new, revived or superseded).
DROP INDEX newswatch.figures_unchecked;
CREATE INDEX figures_unchecked ON newswatch.figures (series, attributed_to) WHERE NOT change_checked;
DROP INDEX newswatch.figures_series_time;
CREATE INDEX figures_stream ON newswatch.figures (series, attributed_to, reported_at)
    WHERE NOT superseded AND scope = 'cumulative';

-- A change that a later derivation no longer makes (an extraction conflict, an old extractor's mistake)
-- is withdrawn, not deleted: an email may have reported it.
ALTER TABLE newswatch.figure_changes
    ADD COLUMN withdrawn_at timestamptz,
    ADD COLUMN backfill     boolean NOT NULL DEFAULT false,
    ADD COLUMN rederived_at timestamptz;
ALTER TABLE newswatch.figure_changes DROP CONSTRAINT figure_changes_figure_id_key;
CREATE UNIQUE INDEX figure_changes_figure ON newswatch.figure_changes (figure_id) WHERE withdrawn_at IS NULL;
DROP INDEX newswatch.figure_changes_series;
CREATE INDEX figure_changes_stream ON newswatch.figure_changes (series, attributed_to, reported_at)
    WHERE withdrawn_at IS NULL;

DROP VIEW newswatch.series_history;
DROP VIEW newswatch.series_latest;
DROP VIEW newswatch.figure_reports;

-- Every current figure (cumulative and period) with its article, outlet, the number of outlets that carried
-- the story, and the change it caused.
CREATE VIEW newswatch.figure_reports AS
SELECT f.id AS figure_id, f.series, f.value, f.value_low, f.value_high, f.qualifier, f.attributed_to,
       f.reported_at, f.quote, a.id AS article_id, a.source AS outlet, a.title, a.url,
       1 + (SELECT count(*) FROM newswatch.articles d WHERE d.duplicate_of = a.id) AS outlets,
       c.kind AS change_kind, c.previous_value,
       f.scope, f.period_start, f.period_end, c.id AS change_id, a.duplicate_of
FROM newswatch.figures f
JOIN newswatch.articles a ON a.id = f.article_id
LEFT JOIN newswatch.figure_changes c ON c.figure_id = f.id AND c.withdrawn_at IS NULL
WHERE NOT f.superseded;

-- Each source's current estimate of every series: the value of its latest first/revision, as last reported.
CREATE VIEW newswatch.series_latest AS
SELECT DISTINCT ON (r.series, r.attributed_to) r.series, r.attributed_to, r.value, r.value_low, r.value_high,
       r.qualifier, r.reported_at, r.outlet, r.title, r.url, r.quote, r.figure_id,
       h.id AS change_id, h.reported_at AS changed_at
FROM newswatch.figure_reports r
JOIN (SELECT DISTINCT ON (series, attributed_to) id, series, attributed_to, new_value, reported_at
      FROM newswatch.figure_changes WHERE withdrawn_at IS NULL
      ORDER BY series, attributed_to, reported_at DESC, id DESC) h
  ON h.series = r.series AND h.attributed_to IS NOT DISTINCT FROM r.attributed_to AND h.new_value = r.value
WHERE r.scope = 'cumulative'
ORDER BY r.series, r.attributed_to, r.reported_at DESC, r.figure_id DESC;

-- Each series' history: the first value from each source and every revision, in order.
CREATE VIEW newswatch.series_history AS
SELECT c.series, c.attributed_to, c.reported_at, c.kind, c.previous_value, c.previous_qualifier, c.new_value,
       c.new_qualifier, CASE WHEN c.previous_value > 0
                             THEN round(100 * (c.new_value - c.previous_value) / c.previous_value, 1) END
           AS change_pct,
       a.source AS outlet, a.title, a.url, f.quote, c.id AS change_id, c.figure_id, c.detected_at,
       c.backfill, c.rederived_at, a.id AS article_id
FROM newswatch.figure_changes c
JOIN newswatch.figures f ON f.id = c.figure_id
JOIN newswatch.articles a ON a.id = f.article_id
WHERE c.withdrawn_at IS NULL
ORDER BY c.series, c.attributed_to, c.reported_at, c.id;
