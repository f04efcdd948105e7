"""Documents from other systems (`tracker import`) and registry snapshots, written as landing files.

Imports go through landing files like crawled pages, so the database can always be rebuilt from them.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crawlers.landing import LandingWriter
from crawlers.links import canonical_url
from pipeline.core.records import ArticleRecord
from pipeline.core.sources import (
    CHANNELS,
    ID_PATTERN,
    KINDS,
    Source,
    SourceError,
    check_url,
    parse_source,
    source_record,
)
from pipeline.extract.dates import parse_datetime
from pipeline.extract.outlets import normalise_source_name

REQUIRED = ("source_id", "kind", "url", "title", "published_at")


@dataclass
class ImportResult:
    n_documents: int = 0
    landing_files: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def write_registry(sources: list[Source], landing_dir: Path, run_id: str) -> Path | None:
    """The registry as it was for this run, so that a rebuild recreates the sources."""
    writer = LandingWriter(landing_dir, run_id, "registry", chunk_size=10**9)
    for source in sources:
        writer.write(source_record(source))
    return writer.flush()


def _source_from_line(line: dict[str, Any], where: str) -> Source:
    entry = {
        "id": line.get("source_id"),
        "name": line.get("source_name") or line.get("source_id"),
        "kind": line.get("kind"),
        "channel": line.get("channel") or "website",
        "region": line.get("region"),
        "level": line.get("level"),
        "timezone": line.get("timezone") or "Asia/Shanghai",
    }
    try:
        return parse_source(entry, 0)
    except SourceError as exc:
        raise SourceError(f"{where}: {exc}") from exc


def _article_from_line(line: dict[str, Any], source: Source, seen_at: datetime, where: str) -> ArticleRecord:
    for key in REQUIRED:
        if line.get(key) in (None, ""):
            raise SourceError(f"{where}: source {source.source_id!r}: missing {key}")
    url = canonical_url(check_url(line["url"], f"{where}: source {source.source_id!r}"))
    raw_time = str(line["published_at"])
    published = parse_datetime(raw_time, source.timezone, now=seen_at)
    if published is None:
        raise SourceError(f"{where}: source {source.source_id!r}: cannot read published_at {raw_time!r}")
    declared = line.get("declared_source")
    return ArticleRecord(
        source_id=source.source_id,
        url=url,
        title=str(line["title"]).strip(),
        body=str(line.get("body") or "").strip(),
        published_at=published.at.isoformat(),
        published_precision=published.precision,
        published_raw=published.raw,
        written_at=None,
        declared_source=normalise_source_name(declared) if declared else None,
        first_seen_at=seen_at.isoformat(),
        raw_sha256=None,
        via="import",
        found_on=None,
        methods={"published": "import"},
    )


def _read_lines(path: Path) -> Iterator[tuple[int, Any]]:
    """(line number, parsed line) of a JSONL file, or of a CSV file (`.csv`) with the same columns as a header.

    A JSONL line that does not parse is yielded as its JSONDecodeError; empty CSV cells read as missing.
    """
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        if path.suffix.lower() == ".csv":
            reader = csv.DictReader(handle)
            for row in reader:
                if any((value or "").strip() for value in row.values() if isinstance(value, str)):
                    yield reader.line_num, {k: (v if v != "" else None) for k, v in row.items() if k}
            return
        for number, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                yield number, json.loads(text)
            except json.JSONDecodeError as exc:
                yield number, exc


def import_file(path: Path, landing_dir: Path) -> ImportResult:
    """Check every line of a JSONL (or CSV) export; good lines become a landing file, bad ones a problem line each."""
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    result = ImportResult()
    seen_at = datetime.now(UTC)
    run_id = seen_at.strftime("%Y%m%dT%H%M%S%fZ")
    sources: dict[str, Source] = {}
    articles: list[ArticleRecord] = []
    for number, line in _read_lines(path):
        where = f"{path.name}:{number}"
        try:
            if isinstance(line, json.JSONDecodeError):
                raise line
            if not isinstance(line, dict):
                raise SourceError(f"{where}: expected a JSON object")
            source = sources.get(str(line.get("source_id"))) or _source_from_line(line, where)
            sources.setdefault(source.source_id, source)
            articles.append(_article_from_line(line, source, seen_at, where))
        except json.JSONDecodeError as exc:
            result.problems.append(f"{where}: not valid JSON ({exc.msg})")
        except SourceError as exc:
            result.problems.append(str(exc))
    if not articles:
        return result
    writer = LandingWriter(landing_dir, run_id, "import", chunk_size=10**9)
    for source in sources.values():
        writer.write(source_record(source))
    for article in articles:
        writer.write(article)
    final = writer.flush()
    result.landing_files = [final] if final else []
    result.n_documents = len(articles)
    return result


__all__ = ["CHANNELS", "ID_PATTERN", "KINDS", "ImportResult", "import_file", "write_registry"]
