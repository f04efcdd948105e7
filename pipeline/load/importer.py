"""Documents from other systems (`tracker import`) and registry snapshots, written as landing files.

Imports go through landing files like crawled pages, so the database can always be rebuilt from them.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
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
    problems: list[str] = field(default_factory=list)  # lines rejected, each with the reason
    notes: list[str] = field(default_factory=list)  # lines kept after a change worth telling (a renamed source id)


@dataclass(frozen=True)
class _Seen:
    line: str  # where the first line with this source and URL was
    title: str
    published_at: str


_NOT_ID_RE = re.compile(r"[^a-z0-9]+")


def registry_id(original: str) -> str:
    """A registry id (lowercase letters, digits, '-') for an id from another system: web:wsjk.gansu.gov.cn ->
    web-wsjk-gansu-gov-cn, weibo:2286908003 -> weibo-2286908003; one with nothing usable gets src- and a hash."""
    if ID_PATTERN.match(original):
        return original
    slug = _NOT_ID_RE.sub("-", unicodedata.normalize("NFKC", original).lower()).strip("-")
    return slug or "src-" + hashlib.sha256(original.encode("utf-8")).hexdigest()[:10]


def write_registry(sources: list[Source], landing_dir: Path, run_id: str) -> Path | None:
    """The registry as it was for this run, so that a rebuild recreates the sources."""
    writer = LandingWriter(landing_dir, run_id, "registry", chunk_size=10**9)
    for source in sources:
        writer.write(source_record(source))
    return writer.flush()


def _source_from_line(line: dict[str, Any], source_id: str | None, where: str) -> Source:
    original = line.get("source_id")
    entry = {
        "id": source_id,
        "name": line.get("source_name") or line.get("source_id"),
        "kind": line.get("kind"),
        "channel": line.get("channel") or "website",
        "region": line.get("region"),
        "level": line.get("level"),
        "timezone": line.get("timezone") or "Asia/Shanghai",
    }
    try:
        source = parse_source(entry, 0)
    except SourceError as exc:
        raise SourceError(f"{where}: {exc}") from exc
    return replace(source, external_id=str(original)) if original != source_id else source


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


class _Ids:
    """Registry ids given to the ids of another system in one file: distinct originals get distinct ids."""

    def __init__(self) -> None:
        self.given: dict[str, str] = {}  # original -> registry id
        self.taken: dict[str, str] = {}  # registry id -> original

    def of(self, original: object) -> str | None:
        if not isinstance(original, str) or not original.strip():
            return None
        if original not in self.given:
            wanted = registry_id(original)
            if self.taken.get(wanted, original) != original:
                wanted += "-" + hashlib.sha256(original.encode("utf-8")).hexdigest()[:6]
            self.given[original] = wanted
            self.taken[wanted] = original
        return self.given[original]


def _same_url_problem(seen: _Seen, article: ArticleRecord, where: str) -> str | None:
    """Why a line with the URL of an earlier line of the file is rejected, or None when it repeats it exactly."""
    changed = [
        name
        for name, before, now in (("title", seen.title, article.title), ("published_at", seen.published_at,
                                                                         article.published_at))
        if before != now
    ]
    if not changed:
        return None
    return (
        f"{where}: source {article.source_id!r}: same URL as {seen.line} but a different {' and '.join(changed)};"
        f" rejected: a document is one source and URL, and {seen.line} was kept (import this line on its own"
        " to replace it as a newer version)"
    )


def import_file(path: Path, landing_dir: Path) -> ImportResult:
    """Check every line of a JSONL (or CSV) export; good lines become a landing file, bad ones a problem line each.

    A source id that is not a registry id is turned into one (`registry_id`), the original kept as the source's
    `external_id`, with a note. A line with the source and URL of an earlier line is skipped with a note when it
    repeats it, rejected with the reason when its title or time differ."""
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    result = ImportResult()
    seen_at = datetime.now(UTC)
    run_id = seen_at.strftime("%Y%m%dT%H%M%S%fZ")
    sources: dict[str, Source] = {}
    articles: list[ArticleRecord] = []
    ids = _Ids()
    urls: dict[tuple[str, str], _Seen] = {}
    for number, line in _read_lines(path):
        where = f"{path.name}:{number}"
        try:
            if isinstance(line, json.JSONDecodeError):
                raise line
            if not isinstance(line, dict):
                raise SourceError(f"{where}: expected a JSON object")
            source_id = ids.of(line.get("source_id"))
            source = sources.get(str(source_id)) or _source_from_line(line, source_id, where)
            if source.source_id not in sources and source.external_id is not None:
                result.notes.append(
                    f"{where}: source id {source.external_id!r} is not a registry id; stored as"
                    f" {source.source_id!r}, the original kept as its external_id"
                )
            sources.setdefault(source.source_id, source)
            article = _article_from_line(line, source, seen_at, where)
            key = (article.source_id, article.url)
            seen = urls.get(key)
            if seen is None:
                urls[key] = _Seen(where, article.title, article.published_at)
                articles.append(article)
                continue
            problem = _same_url_problem(seen, article, where)
            if problem is not None:
                raise SourceError(problem)
            result.notes.append(f"{where}: repeats {seen.line} (same source, URL, title and time); skipped")
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


__all__ = ["CHANNELS", "ID_PATTERN", "KINDS", "ImportResult", "import_file", "registry_id", "write_registry"]
