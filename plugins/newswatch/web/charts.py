"""Charts drawn on the server as inline SVG: no script, no chart library, nothing fetched from anywhere.

Values hold until a source revises them, so lines are drawn as steps. Every text that came from the
news (source names) is escaped; hovering a marker shows its value and date (an SVG <title>).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from markupsafe import Markup, escape

# Okabe-Ito: told apart by readers with the common colour-vision deficiencies; yellow last (low contrast).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999933")


def color(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


@dataclass
class Line:
    name: str
    color: str
    points: list[tuple[datetime, float]] = field(default_factory=list)


@dataclass(frozen=True)
class Marker:
    """A first value or a revision on a line, with what a hover shows."""

    line: str
    at: datetime
    value: float
    text: str
    kind: str  # first | revision


def series_chart(
    lines: Sequence[Line], markers: Sequence[Marker], *, label: str, width: int = 1100, height: int = 360
) -> Markup:
    """A step chart, one line per source, markers on first values and revisions, legend on top."""
    lines = [line for line in lines if line.points]
    if not lines:
        return Markup("")
    left, right, top, bottom = 70, 24, 20 + 18 * _legend_rows(lines, width), 30
    times = [t for line in lines for t, _ in line.points] + [m.at for m in markers]
    t0, t1 = min(times), max(times)
    if t1 - t0 < timedelta(days=2):
        t0, t1 = t0 - timedelta(days=1), t1 + timedelta(days=1)
    t1 = max(t1, max(t for line in lines for t, _ in line.points))
    y_max = _nice_ceiling(max([v for line in lines for _, v in line.points] + [m.value for m in markers]))
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(t: datetime) -> float:
        return left + plot_w * (t - t0).total_seconds() / (t1 - t0).total_seconds()

    def y(v: float) -> float:
        return top + plot_h * (1 - v / y_max)

    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}">',
        f"<title>{escape(label)}</title>",
    ]
    for tick in _ticks(y_max):
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            'stroke="#e3e3e3" stroke-width="1"/>'
            f'<text x="{left - 8}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#555">{_compact(tick)}</text>'
        )
    for tick_time, text in _time_ticks(t0, t1):
        parts.append(
            f'<line x1="{x(tick_time):.1f}" x2="{x(tick_time):.1f}" y1="{top + plot_h}" '
            f'y2="{top + plot_h + 4}" stroke="#888"/>'
            f'<text x="{x(tick_time):.1f}" y="{height - 10}" text-anchor="middle" font-size="11" '
            f'fill="#555">{text}</text>'
        )
    parts.append(
        f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#888"/>'
    )
    colors = {line.name: line.color for line in lines}
    for line in lines:
        parts.append(
            f'<path class="line" d="{_step_path(line.points, x, y)}" fill="none" stroke="{line.color}" '
            f'stroke-width="2"><title>{escape(line.name)}</title></path>'
        )
        last_t, last_v = line.points[-1]
        parts.append(
            f'<circle class="latest" cx="{x(last_t):.1f}" cy="{y(last_v):.1f}" r="3" fill="{line.color}">'
            f"<title>{escape(line.name)}: {_plain(last_v)} on {last_t:%Y-%m-%d}</title></circle>"
        )
    for m in markers:
        stroke = colors.get(m.line, "#333")
        fill = stroke if m.kind == "revision" else "#fff"
        parts.append(
            f'<circle class="marker {m.kind}" cx="{x(m.at):.1f}" cy="{y(m.value):.1f}" r="5" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="2"><title>{escape(m.text)}</title></circle>'
        )
    parts.append(_legend(lines, left, width))
    parts.append("</svg>")
    return Markup("".join(parts))


def sparkline(
    points: Sequence[tuple[date, float]], *, label: str, width: int = 96, height: int = 24
) -> Markup:
    """A source's recent values as a small step line ending in a dot; hover shows the range covered."""
    if not points:
        return Markup("")
    values = [v for _, v in points]
    low, high = min(values), max(values)
    n = max(len(points) - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        y = height / 2 if high == low else height - 3 - (height - 6) * (v - low) / (high - low)
        return 2 + (width - 6) * i / n, y

    d = []
    for i, (_, v) in enumerate(points):
        px, py = xy(i, v)
        if i == 0:
            d.append(f"M{px:.1f},{py:.1f}")
        else:
            d.append(f"H{px:.1f}V{py:.1f}")
    last_x, last_y = xy(len(points) - 1, values[-1])
    first_day, last_day = points[0][0], points[-1][0]
    title = (
        f"{label}: {_plain(values[0])} ({first_day:%Y-%m-%d}) to {_plain(values[-1])} ({last_day:%Y-%m-%d})"
    )
    return Markup(
        f'<svg class="sparkline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
        f'<path d="{"".join(d)}" fill="none" stroke="#0072B2" stroke-width="1.5"/>'
        f'<circle cx="{last_x:.1f}" cy="{last_y:.1f}" r="2.2" fill="#0072B2"/></svg>'
    )


def _step_path(
    points: Sequence[tuple[datetime, float]], x: Callable[[datetime], float], y: Callable[[float], float]
) -> str:
    d = []
    for i, (t, v) in enumerate(points):
        if i == 0:
            d.append(f"M{x(t):.1f},{y(v):.1f}")
        else:
            d.append(f"H{x(t):.1f}V{y(v):.1f}")
    return "".join(d)


def _legend_rows(lines: Sequence[Line], width: int) -> int:
    rows, used = 1, 0
    for line in lines:
        item = 28 + 7 * len(line.name)
        if used and used + item > width - 80:
            rows, used = rows + 1, 0
        used += item
    return rows


def _legend(lines: Sequence[Line], left: int, width: int) -> str:
    parts, x, row = ['<g class="legend">'], left, 0
    for line in lines:
        item = 28 + 7 * len(line.name)
        if x > left and x + item > width - 10:
            x, row = left, row + 1
        y = 14 + 18 * row
        parts.append(
            f'<rect x="{x}" y="{y - 8}" width="14" height="4" fill="{line.color}"/>'
            f'<text x="{x + 18}" y="{y}" font-size="12" fill="#222">{escape(line.name)}</text>'
        )
        x += item
    parts.append("</g>")
    return "".join(parts)


def _nice_ceiling(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _ticks(y_max: float) -> list[float]:
    step = y_max / 4
    return [step * i for i in range(5)]


def _time_ticks(t0: datetime, t1: datetime) -> list[tuple[datetime, str]]:
    """About six ticks: days, months or years, whichever fits the span."""
    days = (t1 - t0).total_seconds() / 86_400
    ticks: list[tuple[datetime, str]] = []
    if days <= 14:
        start = t0.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
        every = max(1, round(days / 6))
        t = start
        while t <= t1:
            ticks.append((t, f"{t:%b %d}"))
            t += timedelta(days=every)
        return ticks
    if days <= 3 * 366:
        every = max(1, round(days / 30.5 / 6))
        year, month = t0.year, t0.month + 1
        while True:
            if month > 12:
                year, month = year + 1, month - 12
            t = t0.replace(year=year, month=month, day=1, hour=0, minute=0, second=0, microsecond=0)
            if t > t1:
                return ticks
            ticks.append((t, f"{t:%b %Y}" if month == 1 or not ticks else f"{t:%b}"))
            month += every
    every = max(1, round(days / 365 / 6))
    year = t0.year + 1
    while (t := t0.replace(year=year, month=1, day=1, hour=0, minute=0, second=0, microsecond=0)) <= t1:
        ticks.append((t, str(year)))
        year += every
    return ticks


def _compact(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    if value >= 10_000:
        return f"{value / 1_000:g}k"
    return f"{value:,.0f}"


def _plain(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"
