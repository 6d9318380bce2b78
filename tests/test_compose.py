"""docker-compose.yml is valid: checked with the docker-compose CLI from PyPI, which validates a file
without a Docker engine (none runs here). The CLI is installed with uv into its own tool environment."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import yaml

from tests.conftest import REPO

COMPOSE = REPO / "docker-compose.yml"


def test_compose_file_validates_with_the_compose_cli(tmp_path: Path) -> None:
    uv = shutil.which("uv") or str(Path.home() / ".local" / "bin" / "uv")
    constraints = tmp_path / "build-constraints.txt"
    constraints.write_text("cython<3\n")  # PyYAML 5.4 (docker-compose 1.29's pin) only builds with Cython 2
    env = {**os.environ, "NEWSWATCH_SMTP_PASSWORD": "x", "AIRFLOW_JWT_SECRET": "x"}
    result = subprocess.run(
        [
            uv,
            "tool",
            "run",
            "--build-constraints",
            str(constraints),
            "--from",
            "docker-compose==1.29.2",
            "docker-compose",
            "-f",
            str(COMPOSE),
            "config",
            "-q",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def test_compose_stack_has_every_airflow_component_with_health_checks() -> None:
    services = yaml.safe_load(COMPOSE.read_text())["services"]
    expected = {
        "postgres",
        "redis",
        "newswatch-init",
        "airflow-apiserver",
        "airflow-scheduler",
        "airflow-dag-processor",
        "airflow-triggerer",
        "airflow-worker-1",
        "airflow-worker-2",
    }
    assert set(services) == expected
    for name in expected - {"newswatch-init"}:
        assert "healthcheck" in services[name], f"{name} has no health check"
    env = services["airflow-scheduler"]["environment"]
    assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    assert env["AIRFLOW__CELERY__BROKER_URL"].startswith("redis://redis:6379")
    assert "newswatch" in env["AIRFLOW_CONN_NEWSWATCH_DB"]
    init = " ".join(services["newswatch-init"]["command"])
    assert "airflow db migrate" in init and "newswatch db upgrade" in init
