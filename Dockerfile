# newswatch with Apache Airflow 3 (CeleryExecutor-ready), built from the committed uv.lock.
FROM python:3.11-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    UV_LINK_MODE=copy \
    UV_COMPILE_BYTECODE=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    AIRFLOW_HOME=/opt/airflow \
    AIRFLOW__CORE__DAGS_FOLDER=/opt/newswatch/dags \
    AIRFLOW__CORE__PLUGINS_FOLDER=/opt/newswatch/plugins \
    AIRFLOW__CORE__LOAD_EXAMPLES=False

RUN apt-get update \
 && apt-get install -y --no-install-recommends curl ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && pip install --no-cache-dir uv \
 && useradd --create-home --uid 50000 airflow \
 && mkdir -p /opt/airflow /opt/newswatch && chown -R airflow /opt/airflow /opt/newswatch

WORKDIR /opt/newswatch
# Dependencies first, so code changes do not rebuild them.
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --locked --no-dev --no-install-project
COPY plugins ./plugins
COPY dags ./dags
COPY sql ./sql
RUN uv sync --locked --no-dev && chown -R airflow /opt/newswatch /opt/venv

USER airflow
EXPOSE 8080
ENTRYPOINT ["airflow"]
CMD ["--help"]
