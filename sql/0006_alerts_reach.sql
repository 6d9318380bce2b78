-- Alerts that reach someone when the warehouse or the schedule is down, and alerts never lost while
-- alerting was off. Documented in docs/warehouse.md.

-- One row: this installation's random token, part of every Message-ID, so another installation or a
-- reset warehouse never reuses one.
CREATE TABLE newswatch.installation (
    id         boolean     PRIMARY KEY DEFAULT true CHECK (id),
    token      text        NOT NULL DEFAULT replace(gen_random_uuid()::text, '-', ''),
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO newswatch.installation DEFAULT VALUES;

-- Every cycle that reached its end: `newswatch run`, or one newswatch_poll DAG run. The digest reports
-- when the last one completed (no failed stage) and says STALE when that is too long ago.
CREATE TABLE newswatch.cycles (
    id            bigserial   PRIMARY KEY,
    runner        text        NOT NULL,
    started_at    timestamptz NOT NULL,
    finished_at   timestamptz NOT NULL DEFAULT now(),
    failed_stages text[]      NOT NULL DEFAULT '{}',
    completed     boolean     GENERATED ALWAYS AS (cardinality(failed_stages) = 0) STORED
);
CREATE INDEX cycles_completed ON newswatch.cycles (finished_at) WHERE completed;

-- Changes recorded while alerting was off; they go out as one email when it comes back.
CREATE TABLE newswatch.unalerted_changes (
    change_id   bigint      PRIMARY KEY REFERENCES newswatch.figure_changes (id) ON DELETE CASCADE,
    reason      text        NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
-- Before this migration such changes were simply never alerted: every change no email reports.
INSERT INTO newswatch.unalerted_changes (change_id, reason, recorded_at)
SELECT c.id, 'recorded before newswatch kept track of changes it could not alert', c.detected_at
FROM newswatch.figure_changes c
WHERE NOT c.backfill AND c.withdrawn_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM newswatch.alerts a WHERE c.id = ANY (a.change_ids));

-- An email sent straight over SMTP while the warehouse was unreachable, recorded when it is back.
ALTER TABLE newswatch.alerts DROP CONSTRAINT alerts_kind_check,
    ADD CONSTRAINT alerts_kind_check
        CHECK (kind IN ('change', 'changes', 'digest', 'health', 'recovery', 'direct'));
-- The warehouse itself unreachable: recorded (opened and closed) when it is reachable again.
ALTER TABLE newswatch.health_incidents DROP CONSTRAINT health_incidents_kind_check,
    ADD CONSTRAINT health_incidents_kind_check
        CHECK (kind IN ('feed_failing', 'feed_silent', 'stage_failed', 'warehouse_unreachable'));
