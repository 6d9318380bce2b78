-- PLACEHOLDER for the figure-scope migration (replaced at merge by the figures engineer's 0005, which adds
-- the same columns): a figure's scope ('cumulative' running total | 'period' tally) and its period's dates,
-- appended to figure_reports; series_latest reads cumulative figures only.

ALTER TABLE newswatch.figures
    ADD COLUMN scope        text NOT NULL DEFAULT 'cumulative' CHECK (scope IN ('cumulative', 'period')),
    ADD COLUMN period_start date,
    ADD COLUMN period_end   date;

CREATE OR REPLACE VIEW newswatch.figure_reports AS
SELECT f.id AS figure_id, f.series, f.value, f.value_low, f.value_high, f.qualifier, f.attributed_to,
       f.reported_at, f.quote, a.id AS article_id, a.source AS outlet, a.title, a.url,
       1 + (SELECT count(*) FROM newswatch.articles d WHERE d.duplicate_of = a.id) AS outlets,
       c.kind AS change_kind, c.previous_value, f.scope, f.period_start, f.period_end
FROM newswatch.figures f
JOIN newswatch.articles a ON a.id = f.article_id
LEFT JOIN newswatch.figure_changes c ON c.figure_id = f.id
WHERE NOT f.superseded;

CREATE OR REPLACE VIEW newswatch.series_latest AS
SELECT DISTINCT ON (series, attributed_to) series, attributed_to, value, value_low, value_high, qualifier,
       reported_at, outlet, title, url, quote, figure_id
FROM newswatch.figure_reports
WHERE scope = 'cumulative'
ORDER BY series, attributed_to, reported_at DESC, figure_id DESC;
