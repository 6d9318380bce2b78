-- Runs once, when the postgres volume is new: the newswatch warehouse next to Airflow's metadata.
CREATE USER newswatch WITH PASSWORD 'newswatch';
CREATE DATABASE newswatch OWNER newswatch;
