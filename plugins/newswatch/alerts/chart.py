"""The series chart in change alerts: one line per source, the new value marked."""

from __future__ import annotations

import io
from collections import defaultdict
from datetime import datetime

import psycopg

POINTS = """
SELECT attributed_to, reported_at, value FROM newswatch.figure_reports
WHERE series = %s AND scope = 'cumulative' ORDER BY reported_at, figure_id
"""


def series_chart(
    conn: psycopg.Connection,
    series: str,
    title: str,
    highlight: tuple[str | None, datetime, float] | None = None,
) -> bytes:
    """A PNG (about 700 x 330 px) of every figure of the series, one line per source."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    lines: dict[str, list[tuple[datetime, float]]] = defaultdict(list)
    for source, at, value in conn.execute(POINTS, (series,)):
        lines[source or "unattributed"].append((at, float(value)))
    fig, ax = plt.subplots(figsize=(7, 3.3), dpi=100)
    try:
        for source, points in sorted(lines.items()):
            xs, ys = zip(*points, strict=True)
            ax.plot(
                mdates.date2num(xs),
                ys,
                marker="o",
                markersize=4,
                linewidth=1.6,
                drawstyle="steps-post",
                label=source,
            )
        if highlight is not None:
            ax.plot(
                mdates.date2num([highlight[1]]),
                [highlight[2]],
                marker="o",
                markersize=11,
                markerfacecolor="none",
                markeredgecolor="#d62728",
                markeredgewidth=2,
                linestyle="none",
                label="new",
            )
        ax.set_title(title, fontsize=11)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8, loc="upper left", frameon=False)
        fig.autofmt_xdate()
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format="png")
        return out.getvalue()
    finally:
        plt.close(fig)
