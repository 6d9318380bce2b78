#!/bin/sh
# airflow-ops: housekeeping outside the DAGs, once a day. `airflow db clean` must not run from a DAG task
# (Airflow 3 tasks have no metadata database access, and it would delete its own run's rows); task logs
# on the shared volume are deleted after the same number of days. Both are documented in the README
# (Production: months later), next to newswatch's own retention.
set -eu
days="${AIRFLOW_METADATA_RETENTION_DAYS:-30}"
log_days="${AIRFLOW_LOG_RETENTION_DAYS:-30}"
logs="${AIRFLOW__LOGGING__BASE_LOG_FOLDER:-/opt/airflow/logs}"
while :; do
    before="$(date -u -d "-${days} days" +%Y-%m-%dT%H:%M:%S+00:00)"
    echo "airflow-ops: airflow db clean before ${before}"
    airflow db clean --clean-before-timestamp "$before" --skip-archive --yes \
        || echo "airflow-ops: airflow db clean failed; trying again tomorrow" >&2
    echo "airflow-ops: deleting task logs older than ${log_days} days in ${logs}"
    find "$logs" -type f -mtime "+${log_days}" -delete
    find "$logs" -mindepth 1 -type d -empty -delete
    touch /tmp/airflow-ops.alive  # the health check: a pass within the last day and a bit
    sleep 86400
done
