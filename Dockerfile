# syntax=docker/dockerfile:1
# newswatch with Apache Airflow 3 (CeleryExecutor-ready), built from the committed uv.lock.
#
# The base image is pinned by digest, so a rebuild gets the same bytes. This digest of
# python:3.11-slim-bookworm was taken from public projects that pin it; it has not been pulled on the
# development machines (they have no Docker engine). To refresh it (monthly, for security updates):
#   docker buildx imagetools inspect python:3.11-slim-bookworm --format '{{json .Manifest.Digest}}'
# and replace the digest below; then `docker compose build --pull` and run the stack's smoke test (README).
FROM python:3.11-slim-bookworm@sha256:a36c24f9cbdf4fd0f52d67f0823eeac19c2028c637cecc392d97f980d4fec56b

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_COMPILE_BYTECODE=1 \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    AIRFLOW_HOME=/opt/airflow \
    AIRFLOW__CORE__DAGS_FOLDER=/opt/newswatch/dags \
    AIRFLOW__CORE__PLUGINS_FOLDER=/opt/airflow/plugins \
    AIRFLOW__CORE__LOAD_EXAMPLES=False \
    NEWSWATCH_RUN_AS=airflow

# curl for the health checks; a pinned, hash-checked uv; the airflow user (uid 50000, as in Airflow's
# own image) owns only AIRFLOW_HOME and its logs.
COPY docker/uv-requirements.txt /tmp/uv-requirements.txt
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && pip install --no-cache-dir --require-hashes -r /tmp/uv-requirements.txt \
 && rm /tmp/uv-requirements.txt \
 && useradd --create-home --uid 50000 --gid 0 airflow \
 && mkdir -p /opt/airflow/logs /opt/airflow/plugins /opt/newswatch \
 && chown -R airflow:0 /opt/airflow

WORKDIR /opt/newswatch
# Dependencies first, so a code change does not rebuild them. The airflow and morph extras only: no development
# packages (the embedded PostgreSQL, test and lint tools).
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --locked --no-dev --extra airflow --extra morph --no-install-project
# newswatch itself as a wheel in the venv (its migrations inside it); the sources are not kept.
COPY plugins ./plugins
COPY sql ./sql
RUN uv sync --locked --no-dev --extra airflow --extra morph --no-editable \
 && rm -rf plugins sql
COPY dags ./dags
COPY docker ./docker

# Everything above belongs to root: the airflow user can read and run the venv, the DAGs and the
# scripts, and change none of them.
USER airflow
EXPOSE 8080
ENTRYPOINT ["python", "/opt/newswatch/docker/entrypoint.py"]
CMD ["airflow", "version"]
