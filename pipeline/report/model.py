"""The digest as data: sections of paragraphs, tables and charts, rendered by render, pdf and docx."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    """A figure and the events behind it, so every bar can be traced back."""

    name: str
    title: str
    png: bytes
    event_ids: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    title: str
    paragraphs: tuple[str, ...]
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()


@dataclass(frozen=True)
class Digest:
    title: str
    label: str
    period: str
    sections: tuple[Section, ...]
    created: datetime = field(default=datetime(2016, 8, 6, tzinfo=ZoneInfo("Asia/Shanghai")))
