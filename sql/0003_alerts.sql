-- The alerts outbox and pipeline-health incidents. Documented in docs/warehouse.md.

CREATE TABLE newswatch.alerts (
    id              bigserial   PRIMARY KEY,
    dedupe_key      text        NOT NULL UNIQUE,
    kind            text        NOT NULL CHECK (kind IN ('change', 'changes', 'digest', 'health', 'recovery')),
    subject         text        NOT NULL,
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    recipients      text[]      NOT NULL,
    body_text       text        NOT NULL,
    body_html       text        NOT NULL,
    chart_png       bytea,
    message_id      text        NOT NULL,
    change_ids      bigint[]    NOT NULL DEFAULT '{}',
    lease_until     timestamptz,
    claimed_by      integer
);
CREATE INDEX alerts_pending ON newswatch.alerts (next_attempt_at) WHERE status = 'pending';

-- A health problem (a failing or silent feed, a failing stage) from when it opened until it healed.
-- One alert when it opens, one recovery notice when it closes.
CREATE TABLE newswatch.health_incidents (
    id                bigserial   PRIMARY KEY,
    kind              text        NOT NULL CHECK (kind IN ('feed_failing', 'feed_silent', 'stage_failed')),
    target            text        NOT NULL,
    detail            text        NOT NULL,
    opened_at         timestamptz NOT NULL DEFAULT now(),
    closed_at         timestamptz,
    alert_id          bigint      REFERENCES newswatch.alerts (id),
    recovery_alert_id bigint      REFERENCES newswatch.alerts (id)
);
CREATE UNIQUE INDEX health_incidents_open ON newswatch.health_incidents (kind, target) WHERE closed_at IS NULL;
