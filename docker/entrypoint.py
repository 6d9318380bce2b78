"""The image's entrypoint: build database URLs and Airflow connections from their parts, then run the command.

docker-compose.yml passes each credential as its own variable. Pasting a password into a URL or into
hand-written JSON breaks as soon as it holds a quote, a backslash, `@` or `%` (and an unreadable
connection used to switch alerting off silently), so the URLs are percent-encoded and the connections
written with json.dumps here. A value that is already set (a managed database's own URL) is left alone.
Run as root (the init service), it first makes the logs volume the airflow user's, then drops to that
user. It checks that the JWT secret is long enough; Compose itself refuses to start without the secrets.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from urllib.parse import quote

# Airflow signs task tokens with this secret: 64 random bytes or more, as the README shows how to make.
MIN_JWT_SECRET_CHARS = 64
# Raw credentials that go into the URLs and connections below and are not needed after that.
CREDENTIALS = (
    "AIRFLOW_DB_PASSWORD",
    "NEWSWATCH_DB_PASSWORD",
    "NEWSWATCH_DB_OWNER_PASSWORD",
    "NEWSWATCH_SMTP_PASSWORD",
)


def fail(message: str) -> None:
    print(f"newswatch entrypoint: {message}", file=sys.stderr)
    raise SystemExit(2)


def part(env: dict[str, str], name: str, default: str) -> str:
    return env.get(name) or default


def url(driver: str, user: str, password: str, host: str, port: str, db: str) -> str:
    return f"{driver}://{quote(user, safe='')}:{quote(password, safe='')}@{host}:{port}/{quote(db, safe='')}"


def build(env: dict[str, str]) -> dict[str, str]:
    """The environment the command runs with."""
    out = dict(env)
    secret = env.get("AIRFLOW__API_AUTH__JWT_SECRET")
    if secret is not None and len(secret) < MIN_JWT_SECRET_CHARS:
        fail(
            f"AIRFLOW_JWT_SECRET is {len(secret)} characters; use at least 64 random bytes "
            "(`openssl rand -base64 64 | tr -d '\\n'`)"
        )
    if "AIRFLOW_DB_PASSWORD" in env:
        meta = url(
            "postgresql+psycopg",
            part(env, "AIRFLOW_DB_USER", "airflow"),
            env["AIRFLOW_DB_PASSWORD"],
            part(env, "AIRFLOW_DB_HOST", "postgres"),
            part(env, "AIRFLOW_DB_PORT", "5432"),
            part(env, "AIRFLOW_DB_NAME", "airflow"),
        )
        out.setdefault("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", meta)
        out.setdefault("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC", meta)
        out.setdefault("AIRFLOW__CELERY__RESULT_BACKEND", "db+" + meta)
    host = part(env, "NEWSWATCH_DB_HOST", "postgres")
    port = part(env, "NEWSWATCH_DB_PORT", "5432")
    name = part(env, "NEWSWATCH_DB_NAME", "newswatch")
    sslmode = env.get("NEWSWATCH_DB_SSLMODE")
    if "NEWSWATCH_DB_PASSWORD" in env:
        connection = {
            "conn_type": "postgres",
            "host": host,
            "port": int(port),
            "login": part(env, "NEWSWATCH_DB_USER", "newswatch"),
            "password": env["NEWSWATCH_DB_PASSWORD"],
            "schema": name,
            "extra": {"sslmode": sslmode} if sslmode else {},
        }
        out.setdefault("AIRFLOW_CONN_NEWSWATCH_DB", json.dumps(connection))
    if "NEWSWATCH_DB_OWNER_PASSWORD" in env:
        owner = url(
            "postgresql",
            part(env, "NEWSWATCH_DB_OWNER", "newswatch_owner"),
            env["NEWSWATCH_DB_OWNER_PASSWORD"],
            host,
            port,
            name,
        )
        out.setdefault(
            "NEWSWATCH_OWNER_DATABASE_URL", owner + (f"?sslmode={quote(sslmode)}" if sslmode else "")
        )
    if env.get("NEWSWATCH_SMTP_HOST"):
        recipients = [r.strip() for r in env.get("NEWSWATCH_RECIPIENTS", "").split(",") if r.strip()]
        extra: dict[str, object] = {
            "recipients": recipients,
            "security": part(env, "NEWSWATCH_SMTP_SECURITY", "auto"),
        }
        if env.get("NEWSWATCH_SENDER"):
            extra["sender"] = env["NEWSWATCH_SENDER"]
        smtp = {
            "conn_type": "smtp",
            "host": env["NEWSWATCH_SMTP_HOST"],
            "port": int(part(env, "NEWSWATCH_SMTP_PORT", "587")),
            "login": env.get("NEWSWATCH_SMTP_USER") or None,
            "password": env.get("NEWSWATCH_SMTP_PASSWORD") or None,
            "extra": extra,
        }
        out.setdefault("AIRFLOW_CONN_NEWSWATCH_SMTP", json.dumps(smtp))
    for name in CREDENTIALS:
        out.pop(name, None)
    return out


def drop_privileges(user: str, env: dict[str, str]) -> None:
    """Running as root: give the logs volume to the user (a fresh named volume is root's), then become it."""
    import pwd

    entry = pwd.getpwnam(user)
    logs = Path(
        env.get("AIRFLOW__LOGGING__BASE_LOG_FOLDER") or Path(env.get("AIRFLOW_HOME", "/opt/airflow")) / "logs"
    )
    logs.mkdir(parents=True, exist_ok=True)
    for path in [logs, *logs.rglob("*")]:
        os.chown(path, entry.pw_uid, entry.pw_gid, follow_symlinks=False)
    os.setgroups([])
    os.setgid(entry.pw_gid)
    os.setuid(entry.pw_uid)
    env["HOME"] = entry.pw_dir


def main(argv: list[str]) -> None:
    if not argv:
        fail("no command given (e.g. `airflow scheduler`)")
    env = build(dict(os.environ))
    run_as = env.get("NEWSWATCH_RUN_AS")
    if run_as and os.getuid() == 0:
        drop_privileges(run_as, env)
    os.execvpe(argv[0], argv, env)


if __name__ == "__main__":
    main(sys.argv[1:])
