"""The view in a real browser: headless Chromium (Debian's package) loads every page from a running
`newswatch serve` over a seeded warehouse (the demo's two cycles, plus a hostile article), checks the
rendered DOM and saves screenshots.

Screenshots go to $NEWSWATCH_SCREENSHOTS when set (the README's come from
`NEWSWATCH_SCREENSHOTS=docs/screenshots uv run pytest tests/test_web_browser.py`), else to a
temporary folder. The browser is driven over the DevTools protocol on a pipe (--remote-debugging-pipe):
no driver, no download, no network.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest

from newswatch.config import parse_config
from newswatch.demo import DemoServer
from newswatch.demo_run import MailSink, demo_config
from newswatch.pipeline import run_cycle
from tests.test_cli import NEWSWATCH
from tests.test_web import EVIL_URL, IMG_QUOTE, SCRIPT_TITLE, empty

SERIES = "dprk_troops_russia.casualties"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
SHOTS = {
    "overview": "/",
    "series": f"/series/{SERIES}",
    "changes": "/changes",
    "articles": "/articles",
    "feeds": "/feeds",
    "alerts": "/alerts",
}


def find_chromium() -> str | None:
    for name in BROWSERS:
        if path := shutil.which(name):
            return path
    return None


CHROMIUM = find_chromium()
if CHROMIUM is None and os.environ.get("CI"):
    # .ci/run installs Debian's chromium; in CI a missing browser is a failure, never a silent skip.
    raise RuntimeError("CI=true but no Chromium found: apt-get install chromium")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium found (tried chromium, chromium-browser, google-chrome): apt-get install chromium",
)


class Browser:
    """Headless Chromium driven over the DevTools protocol on fds 3 and 4 (NUL-separated JSON)."""

    def __init__(self, executable: str) -> None:
        self.profile = tempfile.TemporaryDirectory(prefix="newswatch-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        flags = [
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            f"--user-data-dir={self.profile.name}",
            "--remote-debugging-pipe",
        ]
        if os.geteuid() == 0:
            flags.append("--no-sandbox")  # Chromium's sandbox refuses to run as root

        def wire_pipes() -> None:
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        self.process = subprocess.Popen(
            [executable, *flags, "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire_pipes,
            pass_fds=(3, 4),  # kept open in the child: wire_pipes puts the pipes there before the exec
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Page.enable", session=True)
        self.call("Runtime.enable", session=True)

    def call(self, method: str, session: bool = False, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                assert "error" not in reply, reply
                return dict(reply.get("result", {}))
            self.events.append(reply)

    def _read(self, deadline: float = 30.0) -> dict[str, Any]:
        end = time.monotonic() + deadline
        while b"\0" not in self._buffer:
            assert time.monotonic() < end, "the browser stopped answering"
            chunk = os.read(self._from_browser, 1 << 16)
            assert chunk, "the browser closed the pipe"
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return dict(json.loads(raw))

    def open(self, url: str) -> None:
        """Navigate and wait until that document (not an earlier one) has loaded."""
        self.events.clear()
        loader = self.call("Page.navigate", session=True, url=url)["loaderId"]
        expected = json.dumps(url)
        end = time.monotonic() + 30
        while not self.js(f"location.href === {expected} && document.readyState === 'complete'"):
            assert time.monotonic() < end, f"{url} did not load ({loader})"
            time.sleep(0.05)

    def js(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True)
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    def screenshot(self, path: Path, width: int = 1280, height: int = 900) -> None:
        self.call(
            "Emulation.setDeviceMetricsOverride",
            session=True,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        data = self.call("Page.captureScreenshot", session=True, format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except (AssertionError, OSError):
            pass
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        os.close(self._to_browser)
        os.close(self._from_browser)
        self.profile.cleanup()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM
    b = Browser(CHROMIUM)
    try:
        yield b
    finally:
        b.close()


def seed_demo(url: str, mail_dir: Path) -> None:
    """The demo's two cycles (real articles, figures, a revision, emails to a loopback sink), plus one
    hostile story whose title, quote and link try to run script."""
    with psycopg.connect(url, autocommit=True) as conn:
        empty(conn)
        with DemoServer(port=0) as server, MailSink(mail_dir) as sink:
            config = demo_config(parse_config({}), server, url, sink)
            for cycle in (1, 2):
                server.set_cycle(cycle)
                run_cycle(config, conn=conn, force=True)
        latest = conn.execute("SELECT max(published_at) FROM newswatch.articles").fetchone()
        assert latest and latest[0]
        at = latest[0] + timedelta(hours=1)
        page = conn.execute(
            "INSERT INTO newswatch.pages (canonical_url, url, status) VALUES ('https://evil.example/x', %s, "
            "'relevant') RETURNING id",
            (EVIL_URL,),
        ).fetchone()
        assert page
        article = conn.execute(
            "INSERT INTO newswatch.articles (page_id, url, canonical_url, source, title, published_at, language,"
            " text, topics, content_hash, dedupe_status) VALUES (%s, %s, 'https://evil.example/x',"
            " 'Unknown Wire', %s, %s, 'en', 'North Korean casualties.', ARRAY['north_korea'], 'h', 'original')"
            " RETURNING id",
            (page[0], EVIL_URL, SCRIPT_TITLE, at),
        ).fetchone()
        assert article
        conn.execute(
            "INSERT INTO newswatch.figures (article_id, series, value, qualifier, attributed_to, quote, reported_at,"
            " extractor_version, change_checked) VALUES (%s, %s, 9000, 'at_most', NULL, %s, %s, 1, true)",
            (article[0], SERIES, IMG_QUOTE, at),
        )


@pytest.fixture(scope="module")
def served(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`newswatch serve` on a free loopback port over the seeded warehouse; yields its base URL."""
    seed_demo(database_url, tmp_path_factory.mktemp("mail"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWATCH_")}
    env["NEWSWATCH_DATABASE_URL"] = database_url
    process = subprocess.Popen(
        [NEWSWATCH, "serve", "--port", "0"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, (line, process.stderr.read() if process.poll() is not None and process.stderr else "")
        yield f"http://127.0.0.1:{match.group(1)}"
    finally:
        process.terminate()
        process.wait(20)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("NEWSWATCH_SCREENSHOTS")
    if folder:
        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("screenshots")


def _no_script_ran(browser: Browser) -> None:
    assert browser.js("document.body.dataset.pwned === undefined")
    assert browser.js("document.querySelectorAll('script, img, iframe, object, embed').length") == 0
    assert (
        browser.js(
            "[...document.querySelectorAll('*')].filter(e => e.getAttributeNames().some(n => n.startsWith('on'))).length"
        )
        == 0
    )
    assert (
        browser.js("[...document.querySelectorAll('a[href]')].filter(a => !/^https?:/.test(a.href)).length")
        == 0
    )


def test_overview_in_a_browser(browser: Browser, served: str, shots: Path) -> None:
    browser.open(served + SHOTS["overview"])
    assert browser.js("document.querySelectorAll('table.overview tbody tr').length") == 6
    assert browser.js("document.querySelectorAll('table.overview svg.sparkline').length") >= 8
    headers = browser.js("[...document.querySelectorAll('table.overview thead th')].map(t => t.textContent)")
    assert headers[0] == "Series" and {"NIS", "Ukraine", "United States", "unattributed"} <= set(headers)
    assert "about 4,700" in browser.js("document.querySelector('table.overview').innerText")
    _no_script_ran(browser)
    browser.screenshot(shots / "overview.png", height=760)


def test_series_chart_in_a_browser(browser: Browser, served: str, shots: Path) -> None:
    browser.open(served + SHOTS["series"])
    assert browser.js("document.querySelectorAll('svg.chart path.line').length") >= 2
    assert browser.js("document.querySelector('svg.chart').getBoundingClientRect().width") > 600
    hover = browser.js(
        "[...document.querySelectorAll('svg.chart circle.marker.revision title')].map(t => t.textContent)"
    )
    assert any(h.startswith("NIS: about 4,700 on ") and "was more than 3,000" in h for h in hover), hover
    assert browser.js("document.querySelectorAll('table.reports tbody tr').length") >= 5
    # The hostile quote is a table cell's text, nothing more.
    assert IMG_QUOTE in browser.js("[...document.querySelectorAll('td.quote')].map(t => t.textContent)")
    _no_script_ran(browser)
    browser.screenshot(shots / "series.png", height=1000)


def test_changes_in_a_browser(browser: Browser, served: str, shots: Path) -> None:
    browser.open(served + SHOTS["changes"])
    rows = browser.js("document.querySelectorAll('table.changes tbody tr').length")
    assert rows >= 10
    assert browser.js("document.querySelectorAll('table.changes tr.revision').length") >= 1
    assert "sent" in browser.js("document.querySelector('table.changes').innerText")
    _no_script_ran(browser)
    browser.screenshot(shots / "changes.png")


def test_articles_in_a_browser_show_a_hostile_title_as_text(
    browser: Browser, served: str, shots: Path
) -> None:
    browser.open(served + SHOTS["articles"])
    titles = browser.js("[...document.querySelectorAll('li.story h2')].map(h => h.textContent.trim())")
    assert len(titles) >= 8
    # Its link is javascript:, so the title is plain text, with the URL shown beside it as text.
    unlinked = browser.js("[...document.querySelectorAll('li.story h2 .unlinked')].map(s => s.textContent)")
    assert unlinked == [SCRIPT_TITLE]
    assert EVIL_URL in browser.js("document.querySelector('ol.stories').innerText")
    _no_script_ran(browser)
    browser.open(served + "/articles?q=NIS+casualties")
    searched = browser.js("[...document.querySelectorAll('li.story h2')].map(h => h.textContent.trim())")
    assert 0 < len(searched) < len(titles)
    assert browser.js("document.querySelector('input[name=q]').value") == "NIS casualties"
    browser.open(served + SHOTS["articles"])
    browser.screenshot(shots / "articles.png")


def test_feeds_and_alerts_in_a_browser(browser: Browser, served: str, shots: Path) -> None:
    browser.open(served + SHOTS["feeds"])
    assert browser.js("document.querySelectorAll('table.feeds tbody tr').length") == 4
    _no_script_ran(browser)
    browser.screenshot(shots / "feeds.png", height=560)
    browser.open(served + SHOTS["alerts"])
    assert browser.js("document.querySelectorAll('table.alerts tbody tr.sent').length") >= 1
    _no_script_ran(browser)
    browser.screenshot(shots / "alerts.png", height=560)
