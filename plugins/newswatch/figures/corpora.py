"""Labelled corpora: where the record files are, and reading them (the labelling conventions' JSON Lines).

Development corpora ship with the package (`figures/corpus/<lang>/*.jsonl`); held-out corpora live at the
repository root (`heldout/<lang>/*.jsonl`), are not shipped, and may be absent. The legacy development set
(`figures/devset.jsonl`: records without kind, date, language or scope) is read as English excerpts of
cumulative figures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

CORPUS_DIR = Path(__file__).with_name("corpus")
LEGACY_DEVSET = Path(__file__).with_name("devset.jsonl")
HELDOUT_DIR = Path(__file__).resolve().parents[3] / "heldout"


@dataclass(frozen=True)
class Label:
    """One labelled figure."""

    series: str
    value: float
    qualifier: str
    attributed_to: str | None
    low: float | None = None
    high: float | None = None
    scope: str = "cumulative"
    period_start: date | None = None
    period_end: date | None = None


@dataclass(frozen=True)
class Text:
    """An excerpt, article or table record, or one article of a sequence."""

    id: str
    language: str
    kind: str
    text: str
    figures: tuple[Label, ...]
    title: str | None = None
    day: date | None = None  # the publication date (`date`)
    published_at: datetime | None = None
    outlet: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ChangeLabel:
    """One expected change event of a sequence."""

    article: str
    series: str
    attributed_to: str | None
    kind: str
    value: float
    previous_value: float | None
    qualifier: str | None = None


@dataclass(frozen=True)
class Sequence:
    """A run of articles over time, with the change events they should produce."""

    id: str
    language: str
    articles: tuple[Text, ...]
    changes: tuple[ChangeLabel, ...]
    note: str | None = None


Record = Text | Sequence


def development_files() -> list[Path]:
    """The development corpora, then the legacy development set if it is still there."""
    files = sorted(CORPUS_DIR.glob("*/*.jsonl"))
    if LEGACY_DEVSET.exists() and not any(f.name == LEGACY_DEVSET.name for f in files):
        files.append(LEGACY_DEVSET)
    return files


def heldout_files(directory: Path | None = None) -> list[Path]:
    """The held-out corpora (`<lang>/*.jsonl` under the directory), none when it is absent."""
    return sorted((directory or HELDOUT_DIR).glob("*/*.jsonl"))


def read_records(path: Path) -> list[Record]:
    """Every record of one JSON Lines file; a record without a language takes its folder's (`en/`)."""
    folder = path.parent.name
    default_language = folder if 2 <= len(folder) <= 3 and folder.isalpha() else "en"
    records: list[Record] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            records.append(_record(raw, raw.get("language") or default_language))
        except (ValueError, KeyError, TypeError) as e:
            raise ValueError(f"{path}:{number}: not a labelled record ({type(e).__name__}: {e})") from None
    return records


def _record(raw: dict[str, Any], language: str) -> Record:
    if raw.get("kind") == "sequence":
        articles = tuple(
            _text(a, language, "article", published_at=_time(a["published_at"])) for a in raw["articles"]
        )
        changes = tuple(
            ChangeLabel(
                article=c["article"],
                series=c["series"],
                attributed_to=c.get("attributed_to"),
                kind=c["kind"],
                value=float(c["value"]),
                previous_value=_number(c.get("previous_value")),
                qualifier=c.get("qualifier"),
            )
            for c in raw.get("changes", [])
        )
        return Sequence(raw["id"], language, articles, changes, raw.get("note"))
    return _text(raw, language, raw.get("kind") or "excerpt")


def _text(raw: dict[str, Any], language: str, kind: str, published_at: datetime | None = None) -> Text:
    day = date.fromisoformat(raw["date"]) if raw.get("date") else None
    return Text(
        id=str(raw["id"]),
        language=language,
        kind=kind,
        text=raw["text"],
        figures=tuple(_label(f) for f in raw["figures"]),
        title=raw.get("title"),
        day=day or (published_at.date() if published_at else None),
        published_at=published_at,
        outlet=raw.get("outlet"),
        note=raw.get("note"),
    )


def _label(raw: dict[str, Any]) -> Label:
    return Label(
        series=raw["series"],
        value=float(raw["value"]),
        qualifier=raw["qualifier"],
        attributed_to=raw.get("attributed_to"),
        low=_number(raw.get("low")),
        high=_number(raw.get("high")),
        scope=raw.get("scope") or "cumulative",
        period_start=date.fromisoformat(raw["period_start"]) if raw.get("period_start") else None,
        period_end=date.fromisoformat(raw["period_end"]) if raw.get("period_end") else None,
    )


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _time(value: str) -> datetime:
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
