"""The `newswatch` command as a user runs it: exit codes, one-line errors, summary, concurrency, kills."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import pytest

from tests import content
from tests.webserver import WebServer, slow

NEWSWATCH = str(Path(sys.executable).parent / "newswatch")


def _write_config(
    tmp_path: Path, database_url: str, web: WebServer | None, feeds: list[str], extra: str = ""
) -> Path:
    path = tmp_path / "newswatch.toml"
    allow = f'["{web.host_port}"]' if web else "[]"
    lines = [
        f"[database]\nurl = {database_url!r}\n",
        f"[http]\ntimeout_seconds = 5\nallow_hosts = {allow}\n",
        "[extract]\nprocesses = 1\n",
        extra,
    ]
    for i, url in enumerate(feeds):
        lines.append(f'[[feeds]]\nname = "Feed {i}"\nurl = "{url}"\n')
    path.write_text("".join(lines))
    return path


def _run(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWATCH_")}
    full_env.update(env or {})
    return subprocess.run([NEWSWATCH, *args], capture_output=True, text=True, timeout=timeout, env=full_env)


def _site(web: WebServer, n: int, delay: float = 0.0) -> list[str]:
    """n relevant article pages in one feed; each page answers after delay seconds."""
    items = []
    for i in range(n):
        paragraphs = [f"Story {i}: " + p.replace("11,000", f"{11000 + i:,}") for p in content.NK_TROOPS]
        paragraphs.append(" ".join(f"unique{i}word{j}" for j in range(80)))
        html = content.page(f"North Korea story {i}", paragraphs)
        if delay:
            web.add_handler(f"/p{i}.html", slow(html, delay))
        else:
            web.add(f"/p{i}.html", html, "text/html")
        items.append({"title": f"North Korea story {i}", "link": web.url(f"/p{i}.html"), "guid": str(i)})
    return [web.add("/feed.xml", content.rss(items))]


def test_run_prints_a_summary_and_exits_zero_even_when_feeds_fail(tmp_path, database_url, db, web):
    feeds = _site(web, 3) + [web.url("/missing.xml")]
    config = _write_config(tmp_path, database_url, web, feeds)
    result = _run("run", "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert "Feeds: 2 polled, 1 with items, 0 not modified, 1 failed" in result.stdout
    assert "Articles: 3 new, 0 duplicate, 0 irrelevant, 0 failed" in result.stdout
    assert "Feed 1: http_error: HTTP 404 Not Found" in result.stdout


def test_invalid_config_exits_nonzero_with_one_line(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[http]\ntimeout_seconds = 0\n")
    result = _run("run", "--config", str(path))
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert (
        "timeout_seconds = 0 must be greater than zero" in result.stderr and "Traceback" not in result.stderr
    )


def test_unreachable_database_exits_nonzero_with_one_line(tmp_path):
    config = _write_config(tmp_path, "postgresql://postgres@127.0.0.1:1/newswatch", None, [])
    result = _run("run", "--config", str(config), timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith(
        "newswatch: error: cannot connect to the database at postgres@127.0.0.1:1"
    )
    assert result.stderr.strip().count("\n") == 0


def test_db_upgrade_is_idempotent_from_the_command_line(tmp_path, database_url):
    config = _write_config(tmp_path, database_url, None, [])
    first = _run("db", "upgrade", "--config", str(config))
    assert first.returncode == 0 and "schema is up to date" in first.stdout


def test_feeds_command_shows_health(tmp_path, database_url, db, web):
    feeds = _site(web, 1) + [web.url("/missing.xml")]
    config = _write_config(tmp_path, database_url, web, feeds)
    assert _run("run", "--config", str(config)).returncode == 0
    result = _run("feeds", "--config", str(config))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "FEED",
        "LAST",
        "POLL",
        "STATUS",
        "FAILS",
        "ITEMS",
        "NEXT",
        "POLL",
        "LAST",
        "ERROR",
    ]
    failing = next(line for line in lines if line.startswith("Feed 1"))
    assert "http_error" in failing and "HTTP 404" in failing and " 1 " in failing
    healthy = next(line for line in lines if line.startswith("Feed 0"))
    assert " ok " in healthy and "in 1" in healthy  # next poll in ~15 minutes


def test_status_commands_never_write(tmp_path, database_url, db, web):
    """`newswatch feeds` (and the other reading commands) show the warehouse as it is: a config listing
    other feeds, or none (the 24 shipped defaults), changes nothing."""
    config = _write_config(tmp_path, database_url, web, _site(web, 1))
    assert _run("run", "--config", str(config)).returncode == 0
    before = db.execute(
        "SELECT id, name, url, enabled, updated_at FROM newswatch.feeds ORDER BY id"
    ).fetchall()
    (tmp_path / "other").mkdir()
    other = _write_config(tmp_path / "other", database_url, web, ["https://example.org/other.xml"])
    defaults = tmp_path / "defaults.toml"
    defaults.write_text(f"[database]\nurl = {database_url!r}\n")
    for path in (other, defaults):
        for command in (["feeds"], ["figures"], ["changes"], ["alerts"], ["digest", "--print"]):
            result = _run(*command, "--config", str(path))
            assert result.returncode == 0, (command, result.stderr)
    after = db.execute(
        "SELECT id, name, url, enabled, updated_at FROM newswatch.feeds ORDER BY id"
    ).fetchall()
    assert after == before


def test_a_reading_command_on_an_unmigrated_warehouse_says_to_upgrade(tmp_path, pg_server_url):
    """Reading commands apply no migrations: on an empty database they say what to run."""
    import secrets

    from psycopg import sql

    name = f"newswatch_empty_{secrets.token_hex(4)}"
    with psycopg.connect(pg_server_url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        url = psycopg.conninfo.make_conninfo(pg_server_url, dbname=name)
        result = _run("figures", env={"NEWSWATCH_DATABASE_URL": url})
        assert result.returncode == 1 and "run `newswatch db upgrade`" in result.stderr
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT to_regnamespace('newswatch')").fetchone() == (None,)
    finally:
        with psycopg.connect(pg_server_url, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def test_two_runs_at_once_neither_double_insert_nor_deadlock(tmp_path, database_url, db, web):
    feeds = _site(web, 12, delay=0.1)
    config = _write_config(tmp_path, database_url, web, feeds)
    runs = [
        subprocess.Popen(
            [NEWSWATCH, "run", "--config", str(config), "--force"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [r.communicate(timeout=120) for r in runs]
    assert [r.returncode for r in runs] == [0, 0], outputs
    assert db.execute("SELECT count(*) FROM newswatch.articles").fetchone()[0] == 12
    assert db.execute("SELECT count(*) FROM newswatch.article_versions").fetchone()[0] == 12
    assert db.execute("SELECT count(*) FROM newswatch.pages WHERE status <> 'relevant'").fetchone()[0] == 0
    # Each page was fetched once: the two runs claimed disjoint work.
    assert sum(web.hits(f"/p{i}.html") for i in range(12)) == 12


def test_a_run_killed_midway_is_completed_by_the_next_run(tmp_path, database_url, db, web):
    feeds = _site(web, 16, delay=0.4)
    config = _write_config(tmp_path, database_url, web, feeds)
    proc = subprocess.Popen(
        [NEWSWATCH, "run", "--config", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    with psycopg.connect(database_url, autocommit=True) as watch:
        while time.monotonic() < deadline:
            stored = watch.execute("SELECT count(*) FROM newswatch.articles").fetchone()[0]
            if stored >= 2:
                break
            time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the run and its extraction workers, mid-cycle
    proc.wait(10)
    partial = db.execute("SELECT count(*) FROM newswatch.articles").fetchone()[0]
    assert 2 <= partial < 16, "the kill should land mid-way"

    result = _run("run", "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert db.execute("SELECT count(*) FROM newswatch.articles").fetchone()[0] == 16
    assert db.execute("SELECT count(*) FROM newswatch.article_versions").fetchone()[0] == 16
    assert db.execute("SELECT count(*), count(DISTINCT page_id) FROM newswatch.articles").fetchone() == (
        16,
        16,
    )
    assert db.execute("SELECT count(*) FROM newswatch.pages WHERE status <> 'relevant'").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM newswatch.items").fetchone()[0] == 16


@pytest.mark.timeout(180)
def test_run_without_any_database_configured_uses_the_embedded_server(tmp_path, web):
    feeds = _site(web, 2)
    config = _write_config(tmp_path, "", web, feeds).read_text()
    path = tmp_path / "embedded.toml"
    path.write_text(config.replace("url = ''\n", f'data_dir = "{tmp_path / "pg"}"\n'))
    refused = _run("run", "--config", str(path), timeout=150)
    assert refused.returncode == 1 and "NEWSWATCH_ALLOW_EMBEDDED=1" in refused.stderr, refused.stderr
    assert not (tmp_path / "pg").exists()  # never started unless asked for
    allow = {"NEWSWATCH_ALLOW_EMBEDDED": "1"}
    result = _run("run", "--config", str(path), env=allow, timeout=150)
    assert result.returncode == 0, result.stderr
    assert "Articles: 2 new" in result.stdout
    assert (tmp_path / "pg" / "PG_VERSION").exists()
    again = _run("run", "--config", str(path), "--force", env=allow, timeout=150)
    assert again.returncode == 0 and "Articles: 0 new" in again.stdout


def test_airflow_refuses_a_port_of_its_own_log_servers_in_one_line(tmp_path, database_url):
    """`newswatch airflow --port 8793` stops before Airflow starts (no metadata database, no server),
    with the one-line reason; the run gets as far as preparing Airflow's environment to say so."""
    config = _write_config(tmp_path, database_url, None, [])
    result = _run("airflow", "--config", str(config), "--home", str(tmp_path / "home"), "--port", "8793")
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip() == (
        "newswatch: error: port 8793 is used by Airflow's own log servers; pick another --port"
    )
    assert (tmp_path / "home").is_dir() and result.stdout == ""


def test_airflow_demo_starts_the_sample_site_then_stops_it_when_airflow_cannot_start(tmp_path, database_url):
    """With --demo, the sample site and the demo warehouse come first (the message says where they
    are); a refused port then ends the command with one line, and the sample site is stopped."""
    import fcntl

    from tests.conftest import DEMO_DATABASE

    config = _write_config(tmp_path, database_url, None, [])
    env = {"NEWSWATCH_DATA_DIR": str(tmp_path / "data"), "NEWSWATCH_DEMO_DATABASE": DEMO_DATABASE}
    # `airflow --demo` serves the sample site on its fixed port, 18080: one such test at a time on the
    # machine (mutation testing runs two test sessions at once).
    with open(Path(tempfile.gettempdir()) / "newswatch-test-port-18080.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        home = tmp_path / "home"
        result = _run(
            "airflow", "--demo", "--config", str(config), "--home", str(home), "--port", "8794", env=env
        )
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip() == (
        "newswatch: error: port 8794 is used by Airflow's own log servers; pick another --port"
    )
    assert result.stdout.startswith("Serving the sample news site at http://127.0.0.1:18080")
    assert "newswatch_poll runs every 2 minutes into the demo warehouse" in result.stdout
    assert str(tmp_path / "data" / "demo" / "mail") in result.stdout
    assert 'allow_hosts = ["127.0.0.1:18080"]' in (home / "demo.toml").read_text()
    with socket.socket() as probe:  # the sample site is no longer served
        assert probe.connect_ex(("127.0.0.1", 18080)) != 0


def test_run_on_a_terminal_shows_each_stage_s_progress_and_clears_it(tmp_path, database_url, db, web):
    """On a terminal `newswatch run` shows a one-line progress display per stage on stderr; --quiet
    and a pipe show none (the other tests read stderr from a pipe)."""
    import pty

    config = _write_config(tmp_path, database_url, web, _site(web, 2))
    main_fd, terminal = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWATCH_")}
    try:
        proc = subprocess.run(
            [NEWSWATCH, "run", "--config", str(config)],
            stdout=subprocess.PIPE,
            stderr=terminal,
            text=True,
            timeout=120,
            env=env,
        )
        os.close(terminal)
        shown = b""
        while True:
            try:
                data = os.read(main_fd, 65536)
            except OSError:  # the terminal's other end is closed: everything was read
                break
            if not data:
                break
            shown += data
    finally:
        os.close(main_fd)
    assert proc.returncode == 0
    text = shown.decode()
    assert "\r\x1b[Kpolling feeds: 1/1" in text and "\r\x1b[Kfetching articles: 2/2" in text, text
    assert text.endswith("\r\x1b[K")  # cleared before the summary goes to stdout
    assert "Articles: 2 new" in proc.stdout


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (0, "0s ago"),
        (89, "89s ago"),
        (90, "2m ago"),
        (5399, "90m ago"),
        (5400, "2h ago"),
        (172799, "48h ago"),
        (172800, "2d ago"),
        (-900, "in 15m"),
        (-30, "in 30s"),
    ],
)
def test_ages_in_the_feeds_table_pick_seconds_minutes_hours_or_days(seconds, shown):
    from datetime import UTC, datetime, timedelta

    from newswatch.cli import _ago

    now = datetime(2025, 1, 1, 12, tzinfo=UTC)
    assert _ago(now - timedelta(seconds=seconds), now) == shown
    assert _ago(None, now) == "never"


def test_a_long_quote_is_cut_to_the_limit_with_an_ellipsis():
    from newswatch.cli import _shorten

    assert _shorten("x" * 150, 150) == "x" * 150
    assert _shorten("x" * 151, 150) == "x" * 147 + "..."
    assert len(_shorten("y" * 400, 150)) == 150


def test_figures_and_changes_say_unattributed_and_keep_non_ascii_text_in_json(
    tmp_path, database_url, db, web
):
    """A figure without a source reads "unattributed"; a figure that changes nothing has an empty change
    column and one carried by one outlet no outlet count; JSON lines keep non-ASCII characters as they
    are (for scripts reading UTF-8)."""
    items = []
    for i in range(2):
        paragraphs = [
            "North Korea has sent about 12,000 soldiers to Russia’s Kursk region, with more expected.",
            " ".join(f"plain{i}word{j}" for j in range(80)),
        ]
        web.add(f"/p{i}.html", content.page("North Korea’s soldiers in Kursk", paragraphs), "text/html")
        items.append({"title": "North Korea’s soldiers", "link": web.url(f"/p{i}.html"), "guid": str(i)})
    config = _write_config(tmp_path, database_url, web, [web.add("/feed.xml", content.rss(items))])
    assert _run("run", "--config", str(config)).returncode == 0
    timeline = _run("figures", "--config", str(config))
    assert timeline.returncode == 0, timeline.stderr
    rows = [line for line in timeline.stdout.splitlines() if "about 12,000  " in line]
    assert len(rows) == 2, timeline.stdout
    assert re.search(r"about 12,000 +cumulative unattributed +Korea Wire Daily +first$", rows[0]), rows
    assert re.search(r"about 12,000 +cumulative unattributed +Korea Wire Daily$", rows[1]), rows
    listed = _run("changes", "--config", str(config)).stdout
    assert re.search(
        r"dprk_troops_russia\.deployed  \(unattributed\)  first figure: about 12,000$", listed, re.M
    )
    for command in ("changes", "figures"):
        lines = _run(command, "--json", "--config", str(config)).stdout.splitlines()
        assert lines and all("Russia’s Kursk" in line for line in lines), (command, lines)
        assert json.loads(lines[0])["quote"].startswith("North Korea has sent about 12,000")


def test_the_command_reference_page_is_the_help_the_program_prints():
    """docs/cli.md lists every command's `--help`; after changing a command, an option or its help,
    `uv run python -m tests.cli_reference` writes it again."""
    from tests import cli_reference

    page = cli_reference.PAGE.read_text(encoding="utf-8")
    assert page == cli_reference.reference(), (
        "docs/cli.md is stale: run `uv run python -m tests.cli_reference`"
    )
    for command in ("run", "feeds", "figures", "changes", "digest", "alerts", "serve", "eval", "db upgrade"):
        assert f"## `newswatch {command}`" in page
