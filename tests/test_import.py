import json
import subprocess
import sys
from pathlib import Path

import db

LINES = [
    {"source_id": "lj-weibo", "source_name": "临江发布", "kind": "official", "channel": "weibo",
     "region": "江南省临江市", "url": "https://weibo.example.com/1/abc", "title": "关于化工园区项目的情况通报",
     "body": "市政府高度重视……", "published_at": "2026-10-12 09:30", "declared_source": None},
    {"source_id": "lj-daily", "source_name": "临江日报", "kind": "media", "channel": "news",
     "region": "江南省临江市", "url": "https://daily.example.com/a/1.html", "title": "化工园区项目引发关注",
     "body": "……", "published_at": "2026-10-12T07:15:00+08:00", "declared_source": "临江日报社"},
    {"source_id": "bad", "source_name": "坏来源", "kind": "blog", "url": "https://x.example.com/1",
     "title": "x", "published_at": "2026-10-12 09:30"},
    {"source_id": "lj-daily", "source_name": "临江日报", "kind": "media", "url": "ftp://daily.example.com/2",
     "title": "y", "published_at": "2026-10-12 09:30"},
]


def tracker(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True, timeout=300, check=False
    )


def test_import_creates_sources_loads_good_lines_and_names_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in LINES) + "\n{oops\n", encoding="utf-8")
    database = tmp_path / "data" / "t.duckdb"
    result = tracker("import", str(path), "--db", str(database))
    assert result.returncode == 0, result.stderr
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3
    assert "export.jsonl:3" in errors[0] and "unknown kind 'blog'" in errors[0]
    assert "export.jsonl:4" in errors[1] and "not http or https" in errors[1]
    assert "export.jsonl:5" in errors[2] and "not valid JSON" in errors[2]
    with db.reader(database) as con:
        sources = con.execute("select source_id, kind, channel from sources order by source_id").fetchall()
        docs = con.execute(
            "select source_id, strftime(published_at, '%Y-%m-%d %H:%M'), published_precision, declared_source"
            " from documents order by source_id"
        ).fetchall()
    assert sources == [("lj-daily", "media", "news"), ("lj-weibo", "official", "weibo")]
    assert docs == [("lj-daily", "2026-10-12 07:15", "second", "临江日报"), ("lj-weibo", "2026-10-12 09:30", "minute", None)]
    # importing the same file again adds no document
    tracker("import", str(path), "--db", str(database))
    with db.reader(database) as con:
        assert con.execute("select count(*) from documents").fetchone() == (2,)


def test_missing_file_is_one_line_error(tmp_path: Path) -> None:
    result = tracker("import", str(tmp_path / "none.jsonl"), "--db", str(tmp_path / "t.duckdb"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_foreign_ids_become_registry_ids_and_the_original_is_kept(tmp_path: Path) -> None:
    lines = [
        {"source_id": "web:wsjk.gansu.gov.cn", "source_name": "甘肃卫健委", "kind": "official",
         "url": "http://wsjk.gansu.gov.cn/a/1.html", "title": "甘肃新增1例", "published_at": "2020-02-08 09:00"},
        {"source_id": "weibo:2286908003", "source_name": "人民网", "kind": "media", "channel": "weibo",
         "url": "http://weibo.com/2286908003/x1", "title": "甘肃新增1例", "published_at": "2020-02-08 09:30"},
        {"source_id": "weibo:2286908003", "source_name": "人民网", "kind": "media", "channel": "weibo",
         "url": "http://weibo.com/2286908003/x2", "title": "李文亮去世", "published_at": "2020-02-08 10:00"},
    ]
    path = tmp_path / "foreign.jsonl"
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    database = tmp_path / "t.duckdb"
    result = tracker("import", str(path), "--db", str(database))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    notes = [line for line in result.stdout.splitlines() if "not a registry id" in line]
    assert len(notes) == 2 and "foreign.jsonl:1" in notes[0] and "'web-wsjk-gansu-gov-cn'" in notes[0]
    with db.reader(database) as con:
        sources = con.execute("select source_id, external_id from sources order by source_id").fetchall()
        assert con.execute("select count(*) from documents").fetchone() == (3,)
    assert sources == [("web-wsjk-gansu-gov-cn", "web:wsjk.gansu.gov.cn"), ("weibo-2286908003", "weibo:2286908003")]


def test_same_url_with_another_title_or_time_is_reported_line_by_line(tmp_path: Path) -> None:
    base = {"source_id": "lj-daily", "source_name": "临江日报", "kind": "media",
            "url": "https://daily.example.com/a/1.html", "title": "化工园区项目引发关注", "published_at": "2026-10-12 07:15"}
    lines = [base, dict(base), {**base, "title": "化工园区项目引发关注（更新）"}, {**base, "published_at": "2026-10-13 07:15"}]
    path = tmp_path / "versions.jsonl"
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    database = tmp_path / "t.duckdb"
    result = tracker("import", str(path), "--db", str(database))
    assert result.returncode == 0, result.stderr
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    assert "versions.jsonl:3" in errors[0] and "different title" in errors[0] and "versions.jsonl:1" in errors[0]
    assert "versions.jsonl:4" in errors[1] and "different published_at" in errors[1]
    assert "versions.jsonl:2: repeats versions.jsonl:1" in result.stdout
    with db.reader(database) as con:
        assert con.execute("select title from documents").fetchall() == [("化工园区项目引发关注",)]
