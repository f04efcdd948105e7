"""The source registry: `sources.toml`, validated with one clear line per mistake."""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

KINDS = ("official", "media")
CHANNELS = ("website", "weibo", "wechat", "press", "news")
LEVELS = ("national", "province", "city", "county")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ALLOWED_SCHEMES = ("http", "https")


class SourceError(ValueError):
    """A mistake in the source registry; the message is one line naming the source."""


@dataclass(frozen=True)
class Source:
    source_id: str
    name: str
    kind: str
    channel: str
    region: str | None = None
    level: str | None = None
    list_urls: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    timezone: str = "Asia/Shanghai"
    external_id: str | None = None  # the id another system gave it, when that was not a registry id (tracker import)


def check_url(url: object, where: str) -> str:
    """The URL if it is an absolute http(s) URL with a host; SourceError otherwise."""
    if not isinstance(url, str) or not url.strip():
        raise SourceError(f"{where}: URL must be a non-empty string, got {url!r}")
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise SourceError(f"{where}: URL {url!r} is not http or https")
    if not parts.hostname:
        raise SourceError(f"{where}: URL {url!r} has no host")
    return url.strip()


def _text(entry: dict[str, Any], key: str, where: str, required: bool = True) -> str | None:
    value = entry.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise SourceError(f"{where}: missing {key}")
        return None
    if not isinstance(value, str):
        raise SourceError(f"{where}: {key} must be a string, got {value!r}")
    return value.strip()


def _choice(entry: dict[str, Any], key: str, allowed: tuple[str, ...], where: str, required: bool = True) -> str | None:
    value = _text(entry, key, where, required)
    if value is not None and value not in allowed:
        raise SourceError(f"{where}: unknown {key} {value!r} (expected one of: {', '.join(allowed)})")
    return value


def _urls(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise SourceError(f"{where}: {key} must be a list of URLs")
    return tuple(check_url(url, f"{where} {key}") for url in value)


def parse_source(entry: dict[str, Any], position: int) -> Source:
    """One `[[source]]` table as a Source."""
    raw_id = entry.get("id")
    where = f"source {raw_id!r}" if raw_id else f"source #{position}"
    source_id = _text(entry, "id", where)
    assert source_id is not None
    if not ID_PATTERN.match(source_id):
        raise SourceError(f"{where}: id must be lowercase letters, digits and '-'")
    timezone = _text(entry, "timezone", where, required=False) or "Asia/Shanghai"
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise SourceError(f"{where}: unknown timezone {timezone!r}") from exc
    source = Source(
        source_id=source_id,
        name=_text(entry, "name", where) or "",
        kind=_choice(entry, "kind", KINDS, where) or "",
        channel=_choice(entry, "channel", CHANNELS, where, required=False) or "website",
        region=_text(entry, "region", where, required=False),
        level=_choice(entry, "level", LEVELS, where, required=False),
        list_urls=_urls(entry, "list_urls", where),
        feeds=_urls(entry, "feeds", where),
        timezone=timezone,
    )
    return source


def parse_sources(data: dict[str, Any], origin: str = "sources.toml") -> list[Source]:
    """Every source in a parsed registry; SourceError on the first mistake."""
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise SourceError(f"{origin}: expected [[source]] tables")
    sources: list[Source] = []
    seen: set[str] = set()
    for position, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise SourceError(f"{origin}: source #{position} is not a table")
        source = parse_source(entry, position)
        if source.source_id in seen:
            raise SourceError(f"source {source.source_id!r}: duplicate id")
        seen.add(source.source_id)
        sources.append(source)
    return sources


def load_sources(path: Path) -> list[Source]:
    """Read and validate a `sources.toml` file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise SourceError(f"{path}: no such file") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(f"{path}: not valid TOML ({exc})") from exc
    return parse_sources(data, str(path))


def source_record(source: Source) -> dict[str, Any]:
    """The landing record of a registry entry (`record_type` source), from which a rebuild recreates it."""
    data = asdict(source)
    return {
        "record_type": "source",
        "source_id": data.pop("source_id"),
        **{k: list(v) if isinstance(v, tuple) else v for k, v in data.items()},
    }
