#!/bin/sh
# Runs once, when the postgres volume is new (docker-entrypoint-initdb.d): the roles and databases of
# docker/roles.sql, with the passwords from the environment (never written into a file).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v airflow_user=airflow -v airflow_password="$AIRFLOW_DB_PASSWORD" -v airflow_db=airflow \
    -v owner_user=newswatch_owner -v owner_password="$NEWSWATCH_DB_OWNER_PASSWORD" \
    -v app_user=newswatch -v app_password="$NEWSWATCH_DB_PASSWORD" -v newswatch_db=newswatch \
    -f /opt/newswatch-db/roles.sql
