-- The database roles of a newswatch deployment, for psql (docker/postgres-init.sh runs it once on a new
-- volume; with a managed PostgreSQL, run it yourself as an admin with the same -v variables).
--   airflow_user     owns Airflow's metadata database
--   owner_user       owns the warehouse schema: only migrations (newswatch-init, `newswatch db upgrade`)
--   app_user         what the tasks use: read and write rows, no DDL
\set ON_ERROR_STOP on
CREATE ROLE :"airflow_user" LOGIN PASSWORD :'airflow_password';
CREATE DATABASE :"airflow_db" OWNER :"airflow_user";
CREATE ROLE :"owner_user" LOGIN PASSWORD :'owner_password';
CREATE ROLE :"app_user" LOGIN PASSWORD :'app_password';
CREATE DATABASE :"newswatch_db" OWNER :"owner_user";
REVOKE ALL ON DATABASE :"newswatch_db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"newswatch_db" TO :"app_user";

\connect :"newswatch_db"
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SET ROLE :"owner_user";
CREATE SCHEMA newswatch;
GRANT USAGE ON SCHEMA newswatch TO :"app_user";
-- Every table, view and sequence the owner creates from now on (each migration) is usable by the app.
ALTER DEFAULT PRIVILEGES IN SCHEMA newswatch GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app_user";
ALTER DEFAULT PRIVILEGES IN SCHEMA newswatch GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO :"app_user";
-- ANALYZE (the maintenance DAG) needs the MAINTAIN privilege, which PostgreSQL has from version 17 on;
-- before that the app role's ANALYZE skips the tables with a warning and autovacuum's analyze remains.
SELECT current_setting('server_version_num')::int >= 170000 AS has_maintain \gset
\if :has_maintain
ALTER DEFAULT PRIVILEGES IN SCHEMA newswatch GRANT MAINTAIN ON TABLES TO :"app_user";
\endif
RESET ROLE;
