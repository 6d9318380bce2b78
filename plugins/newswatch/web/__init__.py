"""The analyst's view: series, changes, evidence, articles, feed health and the outbox, as HTML pages with
JSON twins, served inside the Airflow UI (airflow_plugin) or on its own (`newswatch serve`)."""
