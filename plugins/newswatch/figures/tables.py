"""Tables in article text: trafilatura renders an HTML table as lines of cells between `|`, a header
row and a `|---|` line first. This module finds them and says what each column holds (source, date,
period, what was counted, a figure, a rate); the extractor reads one figure per row from that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newswatch.figures.lexicon import Lexicon

_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")

SOURCE, DATE, PERIOD, WHAT, RATE, NOTE, VALUE = "source", "date", "period", "what", "rate", "note", "value"
SUBJECT, QUALIFIER = "subject", "qualifier"


@dataclass(frozen=True)
class Table:
    start: int  # character span of the table's lines in the text
    end: int
    caption: str  # the paragraph just before the table
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def cells(line: str) -> tuple[str, ...]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return tuple(c.strip() for c in inner.split("|"))


def find_tables(text: str) -> list[Table]:
    """Every table in the text: a row of cells, a `|---|` line, then rows."""
    if "|" not in text:
        return []
    lines = text.split("\n")
    offsets = []
    at = 0
    for line in lines:
        offsets.append(at)
        at += len(line) + 1
    tables = []
    i = 0
    while i + 1 < len(lines):
        if _ROW.match(lines[i]) and _SEPARATOR.match(lines[i + 1]) and lines[i + 1].count("-") >= 3:
            j = i + 2
            while j < len(lines) and _ROW.match(lines[j]) and not _SEPARATOR.match(lines[j]):
                j += 1
            k = i - 1
            while k >= 0 and not lines[k].strip():
                k -= 1
            caption = lines[k].strip() if k >= 0 and not _ROW.match(lines[k]) else ""
            tables.append(
                Table(
                    offsets[i],
                    offsets[j - 1] + len(lines[j - 1]),
                    caption,
                    cells(lines[i]),
                    tuple(cells(line) for line in lines[i + 2 : j]),
                )
            )
            i = j
        else:
            i += 1
    return tables


@dataclass(frozen=True)
class Row:
    """One row, its cells grouped by what the columns hold; `values` are (header, cell) of figure columns."""

    source: str
    date: str
    period: str
    what: str
    subject: str
    qualifier: str
    note: str
    values: tuple[tuple[str, str], ...]
    headers: str  # every header of the table, for context


def rows(table: Table, lexicon: Lexicon) -> list[Row]:
    """The table's rows, read by its column roles. A column without a header whose cells hold no number
    is a label column (what the row counts)."""
    roles = column_roles(table.header, lexicon)
    for i, role in enumerate(roles):
        cells_of = [row[i] for row in table.rows if i < len(row)]
        if role == VALUE and cells_of and not any(re.search(r"\d", c) for c in cells_of):
            roles[i] = WHAT
    out = []
    for row in table.rows:
        grouped: dict[str, list[str]] = {}
        values = []
        for i, text in enumerate(row):
            role = roles[i] if i < len(roles) else VALUE
            if role == VALUE:
                values.append((table.header[i] if i < len(table.header) else "", text))
            elif role != RATE:
                grouped.setdefault(role, []).append(text)
        joined = {role: " ".join(texts) for role, texts in grouped.items()}
        out.append(
            Row(
                source=joined.get(SOURCE, ""),
                date=joined.get(DATE, ""),
                period=joined.get(PERIOD, ""),
                what=joined.get(WHAT, ""),
                subject=joined.get(SUBJECT, ""),
                qualifier=joined.get(QUALIFIER, ""),
                note=joined.get(NOTE, ""),
                values=tuple(values),
                headers=" ".join(table.header),
            )
        )
    return out


def without_tables(text: str, tables: list[Table]) -> str:
    """The text with its tables' lines blanked (same length, so other spans still index it)."""
    for t in tables:
        text = text[: t.start] + re.sub(r"[^\n]", " ", text[t.start : t.end]) + text[t.end :]
    return text


class ColumnReader:
    def __init__(self, lexicon: Lexicon):
        self.roles = [(role, re.compile(p, re.IGNORECASE)) for role, p in lexicon.table_columns.items()]
        self.rate = re.compile(lexicon.table_columns.get(RATE, r"(?!)"), re.IGNORECASE)


@cache
def column_reader(lexicon: Lexicon) -> ColumnReader:
    return ColumnReader(lexicon)


def column_roles(header: tuple[str, ...], lexicon: Lexicon) -> list[str]:
    """What each column holds, from its header: source, date, period, what, rate, note, else a value."""
    r = column_reader(lexicon)
    roles = []
    for cell in header:
        text = cell.strip().strip("*").strip().lower()
        role = VALUE
        for name, rx in r.roles:
            if rx.search(text):
                role = name
                break
        roles.append(role)
    return roles


def subject_named(cell: str, lexicon: Lexicon) -> str | None:
    """The subject a "side" cell names ("Russia", "North Korea"), or None."""
    return lexicon.subject_names.get(" ".join(cell.lower().split())) if cell else None


def is_rate(text: str, lexicon: Lexicon) -> bool:
    return bool(column_reader(lexicon).rate.search(text))
