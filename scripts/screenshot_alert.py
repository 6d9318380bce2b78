"""Render the demo's revision alert (HTML part, chart inline) to docs/alert-example.png with headless Chromium.

Runs the two demo cycles against a scratch database and a loopback SMTP server, takes the revision
email as received, and screenshots its HTML part. Needs Debian's chromium (apt-get install chromium).
Usage: NEWSWATCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres uv run python scripts/screenshot_alert.py
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg
from psycopg import sql

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.smtpserver import SMTPServer  # noqa: E402

from newswatch.config import parse_config  # noqa: E402
from newswatch.demo import DemoServer  # noqa: E402
from newswatch.demo_run import demo_config  # noqa: E402
from newswatch.pipeline import open_warehouse, run_cycle  # noqa: E402

SCRATCH = "newswatch_screenshot"


def main() -> None:
    admin = os.environ.get("NEWSWATCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(SCRATCH)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(SCRATCH)))
    url = psycopg.conninfo.make_conninfo(admin, dbname=SCRATCH)
    with SMTPServer() as smtp, DemoServer(port=0) as site:
        base = parse_config(
            {
                "alerts": {
                    "smtp_host": "127.0.0.1",
                    "smtp_port": smtp.port,
                    "security": "none",
                    "recipients": ["analyst@example.org"],
                }
            }
        )
        config = demo_config(base, site, url)
        with open_warehouse(config) as conn:
            run_cycle(config, conn=conn, force=True)
            site.set_cycle(2)
            run_cycle(config, conn=conn, force=True)
        msg = smtp.mailbox.messages[-1]
    html_part = msg.get_body(("html",))
    png = next(p for p in msg.walk() if p.get_content_type() == "image/png").get_content()
    html = html_part.get_content().replace(
        "cid:chart", "data:image/png;base64," + base64.b64encode(png).decode()
    )
    html = html.replace(
        "<body", f"<body><p style='color:#555;font:12px monospace'>Subject: {msg['Subject']}</p", 1
    )
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "alert.html"
        page.write_text(html, encoding="utf-8")
        out = REPO / "docs" / "alert-example.png"
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={tmp}/profile",
                "--hide-scrollbars",
                "--window-size=800,1000",
                f"--screenshot={out}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    print(f"wrote {out} ({msg['Subject']})")


if __name__ == "__main__":
    main()
