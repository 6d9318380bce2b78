-- Figures read out of articles, the changes detected in them, and views for analysts.
-- Documented in docs/warehouse.md.

ALTER TABLE newswatch.articles ADD COLUMN figures_version integer;
CREATE INDEX articles_figures_pending ON newswatch.articles (id)
    WHERE dedupe_status = 'original' AND figures_version IS NULL;

CREATE TABLE newswatch.figures (
    id                bigserial   PRIMARY KEY,
    article_id        bigint      NOT NULL REFERENCES newswatch.articles (id) ON DELETE CASCADE,
    series            text        NOT NULL,
    value             numeric     NOT NULL,
    value_low         numeric,
    value_high        numeric,
    qualifier         text        NOT NULL
                      CHECK (qualifier IN ('exact', 'approx', 'more_than', 'at_least', 'at_most', 'less_than',
                                           'range')),
    attributed_to     text,
    quote             text        NOT NULL,
    reported_at       timestamptz NOT NULL,
    position          integer     NOT NULL DEFAULT 0,
    extractor_version integer     NOT NULL,
    superseded        boolean     NOT NULL DEFAULT false,
    change_checked    boolean     NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX figures_identity ON newswatch.figures
    (article_id, series, value, qualifier, coalesce(attributed_to, ''), coalesce(value_low, -1),
     coalesce(value_high, -1));
CREATE INDEX figures_series_time ON newswatch.figures (series, attributed_to, reported_at) WHERE NOT superseded;
CREATE INDEX figures_unchecked ON newswatch.figures (reported_at, id) WHERE NOT change_checked AND NOT superseded;

CREATE TABLE newswatch.figure_changes (
    id                 bigserial   PRIMARY KEY,
    series             text        NOT NULL,
    attributed_to      text,
    kind               text        NOT NULL CHECK (kind IN ('first', 'revision')),
    previous_value     numeric,
    new_value          numeric     NOT NULL,
    previous_qualifier text,
    new_qualifier      text        NOT NULL,
    figure_id          bigint      NOT NULL REFERENCES newswatch.figures (id) ON DELETE CASCADE,
    previous_figure_id bigint      REFERENCES newswatch.figures (id) ON DELETE SET NULL,
    reported_at        timestamptz NOT NULL,
    detected_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (figure_id)
);
CREATE INDEX figure_changes_detected ON newswatch.figure_changes (detected_at);
CREATE INDEX figure_changes_series ON newswatch.figure_changes (series, attributed_to, reported_at);

-- Every current figure with its article, outlet and the number of outlets that carried the story.
CREATE VIEW newswatch.figure_reports AS
SELECT f.id AS figure_id, f.series, f.value, f.value_low, f.value_high, f.qualifier, f.attributed_to,
       f.reported_at, f.quote, a.id AS article_id, a.source AS outlet, a.title, a.url,
       1 + (SELECT count(*) FROM newswatch.articles d WHERE d.duplicate_of = a.id) AS outlets,
       c.kind AS change_kind, c.previous_value
FROM newswatch.figures f
JOIN newswatch.articles a ON a.id = f.article_id
LEFT JOIN newswatch.figure_changes c ON c.figure_id = f.id
WHERE NOT f.superseded;

-- The latest value of every series per source.
CREATE VIEW newswatch.series_latest AS
SELECT DISTINCT ON (series, attributed_to) series, attributed_to, value, value_low, value_high, qualifier,
       reported_at, outlet, title, url, quote, figure_id
FROM newswatch.figure_reports
ORDER BY series, attributed_to, reported_at DESC, figure_id DESC;

-- Each series' history: the first value from each source and every revision, in order.
CREATE VIEW newswatch.series_history AS
SELECT c.series, c.attributed_to, c.reported_at, c.kind, c.previous_value, c.previous_qualifier, c.new_value,
       c.new_qualifier, CASE WHEN c.previous_value > 0
                             THEN round(100 * (c.new_value - c.previous_value) / c.previous_value, 1) END
           AS change_pct,
       a.source AS outlet, a.title, a.url, f.quote, c.id AS change_id, c.figure_id, c.detected_at
FROM newswatch.figure_changes c
JOIN newswatch.figures f ON f.id = c.figure_id
JOIN newswatch.articles a ON a.id = f.article_id
WHERE NOT f.superseded
ORDER BY c.series, c.attributed_to, c.reported_at, c.id;
