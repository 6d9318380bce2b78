#!/bin/sh
# newswatch-init: runs to completion before any other Airflow container starts (docker compose waits for
# it). The only place, with `make run` and `newswatch db upgrade`, that changes a schema: Airflow's
# metadata (including the FAB users tables), then the warehouse as its owner role; tasks only check.
set -eu
airflow db migrate
# Idempotent: an existing admin is left as it is (change its password in the UI or with
# `airflow users reset-password`).
airflow users create --role Admin --username "${AIRFLOW_ADMIN_USER:-admin}" \
    --password "$AIRFLOW_ADMIN_PASSWORD" --email "${AIRFLOW_ADMIN_EMAIL:-admin@example.org}" \
    --firstname Airflow --lastname Admin
NEWSWATCH_DATABASE_URL="$NEWSWATCH_OWNER_DATABASE_URL" newswatch db upgrade
# One slot per shard: every poll (then fetch) shard runs at once, however many workers there are.
airflow pools set newswatch_network "${NEWSWATCH_NETWORK_POOL_SLOTS:-4}" "newswatch poll and fetch shards"
