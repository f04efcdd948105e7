"""The command line as a user meets it: JSON out, one-line errors, no tracebacks."""

import json
from pathlib import Path

from tests.conftest import tracker

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "extraction"


def test_extract_prints_fields_as_json_for_a_gbk_fixture_page() -> None:
    page = FIXTURES / "original" / "0d931936-d510-4904-a714-88bb267b62da.html"
    result = tracker("extract", str(page), "--url", "http://news.example.com/a.html")
    assert result.returncode == 0, result.stderr
    fields = json.loads(result.stdout)
    assert set(fields) >= {"title", "published_at", "published_precision", "published_raw", "declared_source", "body",
                           "methods"}
    assert fields["published_at"].startswith("2005-03-21T11:21")
    assert fields["published_at"].endswith("+08:00")
    assert fields["published_precision"] == "minute"
    assert "\ufffd" not in fields["body"] and fields["body"]


def test_extract_of_missing_file_is_one_line() -> None:
    result = tracker("extract", "/nonexistent/page.html")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "no such file" in result.stderr


def test_extract_refuses_other_url_schemes(tmp_path: Path) -> None:
    result = tracker("extract", "file:///etc/passwd")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_digest_with_bad_week_is_one_line(tmp_path: Path) -> None:
    database = tmp_path / "t.duckdb"
    tracker("match", "--db", str(database))
    result = tracker("digest", "--week", "2026-42", "--db", str(database), "--out", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr


def test_crawl_with_a_bad_registry_names_the_source(tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text('[[source]]\nid = "a"\nname = "甲"\nkind = "newspaper"\n', encoding="utf-8")
    result = tracker("crawl", "--sources", str(sources), "--db", str(tmp_path / "t.duckdb"))
    assert result.returncode == 2
    assert result.stderr.strip() == "tracker crawl: source 'a': unknown kind 'newspaper' (expected one of: official, media)"
