"""Change alerts: what changed, by how much, who said it, where it was reported, and a chart.

Imports the figures domain (value formatting, series labels): an alert reports what figures found.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg
from psycopg.rows import dict_row

from newswatch.alerts import unalerted
from newswatch.alerts.chart import series_chart
from newswatch.alerts.outbox import queue
from newswatch.alerts.safety import header_text, html_link, html_text
from newswatch.config import Config
from newswatch.figures.query import format_value
from newswatch.figures.series import watchlist

CHANGES = """
SELECT c.id, c.series, c.attributed_to, c.kind, c.previous_value, c.previous_qualifier, c.new_value,
       c.new_qualifier, c.reported_at, f.quote, f.value_low, f.value_high, a.source AS outlet, a.title, a.url,
       p.reported_at AS previous_reported_at
FROM newswatch.figure_changes c
JOIN newswatch.figures f ON f.id = c.figure_id
JOIN newswatch.articles a ON a.id = f.article_id
LEFT JOIN newswatch.figures p ON p.id = c.previous_figure_id
WHERE c.id = ANY(%s)
ORDER BY c.reported_at, c.id
"""

# Every article that reported the same value from the same source, and the syndicated copies of those.
OUTLETS = """
WITH reporting AS (
    SELECT f.article_id FROM newswatch.figures f
    WHERE f.series = %(series)s AND f.attributed_to IS NOT DISTINCT FROM %(source)s AND f.value = %(value)s
      AND f.qualifier = %(qualifier)s AND f.scope = 'cumulative' AND NOT f.superseded)
SELECT a.source, a.title, a.url, a.published_at FROM newswatch.articles a
WHERE a.id IN (SELECT article_id FROM reporting) OR a.duplicate_of IN (SELECT article_id FROM reporting)
ORDER BY a.published_at NULLS LAST, a.id
LIMIT 20
"""


@dataclass
class ChangeView:
    row: dict[str, Any]
    label: str
    outlets: list[dict[str, Any]]

    @property
    def new(self) -> str:
        r = self.row
        return format_value(r["new_value"], r["new_qualifier"], r["value_low"], r["value_high"])

    @property
    def previous(self) -> str | None:
        r = self.row
        return (
            None
            if r["previous_value"] is None
            else format_value(r["previous_value"], r["previous_qualifier"])
        )

    @property
    def source(self) -> str:
        return self.row["attributed_to"] or "unattributed"

    @property
    def percent(self) -> str | None:
        old, new = self.row["previous_value"], self.row["new_value"]
        if old is None or not old:
            return None
        return f"{100 * (float(new) - float(old)) / float(old):+.1f}%"

    def headline(self) -> str:
        tail = f"was {self.previous}" if self.previous is not None else "first figure"
        return f"{self.label}: {self.new} ({self.source}), {tail}"


def queue_change_alerts(conn: psycopg.Connection, config: Config, change_ids: list[int]) -> int:
    """Queue the emails for changes just recorded (call inside their transaction); returns how many.
    With alerting off, the changes are remembered instead, to go out as one email when it is back."""
    alerts = config.alerts
    if not change_ids:
        return 0
    if not alerts.enabled:
        unalerted.record(conn, change_ids, unalerted.disabled_reason(alerts))
        return 0
    with conn.cursor(row_factory=dict_row) as cur:
        rows = cur.execute(CHANGES, (change_ids,)).fetchall()
    rows = [
        r for r in rows if r["kind"] in alerts.kinds and (not alerts.series or r["series"] in alerts.series)
    ]
    if not rows:
        return 0
    labels = {s.key: s.label for s in watchlist(config)}
    views = [ChangeView(r, labels.get(r["series"]) or r["series"], _outlets(conn, r)) for r in rows]
    if len(views) > alerts.batch_threshold:
        _queue_batch(conn, config, views)
        return 1
    for view in views:
        _queue_one(conn, config, view)
    return len(views)


def _outlets(conn: psycopg.Connection, row: dict[str, Any]) -> list[dict[str, Any]]:
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(
            OUTLETS,
            {
                "series": row["series"],
                "source": row["attributed_to"],
                "value": row["new_value"],
                "qualifier": row["new_qualifier"],
            },
        ).fetchall()


def _queue_one(conn: psycopg.Connection, config: Config, view: ChangeView) -> None:
    r = view.row
    chart = series_chart(
        conn,
        r["series"],
        view.label,
        (r["attributed_to"] or "unattributed", r["reported_at"], float(r["new_value"])),
    )
    queue(
        conn,
        config,
        dedupe_key=f"change:{r['id']}",
        kind="change",
        subject=f"[newswatch] {view.headline()}",
        text=_text(view),
        html=_html(view),
        chart=chart,
        change_ids=[r["id"]],
    )


def _queue_batch(conn: psycopg.Connection, config: Config, views: list[ChangeView]) -> None:
    ids = [v.row["id"] for v in views]
    key = "changes:" + hashlib.sha1(",".join(map(str, ids)).encode()).hexdigest()[:16]
    series = sorted({v.label for v in views})
    subject = f"[newswatch] {len(views)} figure changes: " + "; ".join(series)
    text = "\n\n".join(_text(v) for v in views)
    html = "<hr>".join(_html(v, with_chart=False) for v in views)
    queue(
        conn,
        config,
        dedupe_key=key,
        kind="changes",
        subject=subject,
        text=text,
        html=_page(html),
        chart=None,
        change_ids=ids,
    )


def _date(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else "undated"


def _text(view: ChangeView) -> str:
    r = view.row
    lines = [
        view.headline(),
        "",
        f"Series:   {view.label} ({r['series']})",
        f"Source:   {view.source}",
        f"New:      {view.new} (reported {_date(r['reported_at'])})",
    ]
    if view.previous is not None:
        lines.append(f"Previous: {view.previous} (reported {_date(r['previous_reported_at'])})")
        if view.percent:
            lines.append(f"Change:   {view.percent}")
    lines += ["", f'"{header_text(r["quote"], 1000)}"', "", f"Reported by {len(view.outlets)} outlet(s):"]
    for o in view.outlets:
        lines.append(f"  - {o['source']}: {header_text(o['title'] or '', 150)} ({_date(o['published_at'])})")
        lines.append(f"    {o['url']}")
    return "\n".join(lines) + "\n"


def _html(view: ChangeView, with_chart: bool = True) -> str:
    r = view.row
    rows = [
        ("Series", f"{html_text(view.label)} <code>{html_text(r['series'])}</code>"),
        ("Source", html_text(view.source)),
        ("New", f"<b>{html_text(view.new)}</b> (reported {_date(r['reported_at'])})"),
    ]
    if view.previous is not None:
        rows.append(("Previous", f"{html_text(view.previous)} (reported {_date(r['previous_reported_at'])})"))
        if view.percent:
            rows.append(("Change", html_text(view.percent)))
    table = "".join(
        f"<tr><th align='left' style='padding-right:12px'>{k}</th><td>{v}</td></tr>" for k, v in rows
    )
    outlets = "".join(
        f"<li>{html_text(o['source'])}: {html_link(o['url'], o['title'] or o['url'] or '')}"
        f" <span style='color:#666'>({_date(o['published_at'])})</span></li>"
        for o in view.outlets
    )
    chart = (
        "<p><img src='cid:chart' alt='the series so far, one line per source' width='700'></p>"
        if with_chart
        else ""
    )
    body = (
        f"<h2 style='font-size:18px'>{html_text(view.headline())}</h2><table>{table}</table>"
        f"<blockquote style='border-left:3px solid #ccc;margin:12px 0;padding-left:10px'>"
        f"{html_text(r['quote'])}</blockquote>"
        f"<p>Reported by {len(view.outlets)} outlet(s):</p><ul>{outlets}</ul>{chart}"
    )
    return _page(body) if with_chart else body


def _page(body: str) -> str:
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head>"
        "<body style='font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222;max-width:760px'>"
        f"{body}<p style='color:#888;font-size:12px'>newswatch</p></body></html>"
    )
