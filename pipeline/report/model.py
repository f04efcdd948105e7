"""The digest as data: sections of paragraphs, tables and charts, rendered by render, pdf and docx."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Table:
    """Cells as text; the cells of `link_column` are URLs we built, shown as links where the format allows."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    link_column: int | None = None


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    png: bytes


@dataclass(frozen=True)
class Section:
    """A titled part: its paragraphs, then charts, then tables, then its subsections one heading level down."""

    title: str
    paragraphs: tuple[str, ...]
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()
    subsections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Digest:
    title: str
    label: str
    period: str
    sections: tuple[Section, ...]
    created: datetime = field(default=datetime(2016, 8, 6, tzinfo=ZoneInfo("Asia/Shanghai")))
