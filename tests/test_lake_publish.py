"""The analysis file published to DuckLake (real PostgreSQL catalog): the dashboard and the digest read either.

`tracker lake-publish` copies the analysis DuckDB file's tables into `lake.analysis` and creates the project's views
there, in one DuckLake transaction; `db.reader('ducklake:<catalog DSN>')` reads that copy. The demo world (crawled by
`tracker demo --no-serve`, its clock fixed) is published once for the comparisons; small hand-built databases
(tests/dbfactory.py) show that a publish replaces the last one atomically. The session starts its own PostgreSQL
cluster with scripts/start-postgres.sh on a free 127.0.0.1 port, as tests/test_lake.py does.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import dbfactory
import duckdb
import pytest
from conftest import free_port, new_catalog
from streamlit.testing.v1 import AppTest

import db
from dashboard import actions
from db import lake as db_lake
from db.lake import LakeError, LakeUnavailable, connect_lake
from pipeline.load import lake_publish
from pipeline.load.lake_publish import publish_analysis
from pipeline.report.digest import write_digest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"
PAGES = (None, "views/events.py", "views/event_detail.py", "views/sources.py", "views/press.py", "views/digest.py")


def tracker(*args: str, env: dict[str, str] | None = None, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True,
                          timeout=timeout, check=False, cwd=ROOT, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo world crawled, loaded and matched by `tracker demo --no-serve`, with `as_of` fixed.

    Views measure pending clocks against `as_of` (NULL: now()); fixing it makes two reads comparable.
    """
    work = tmp_path_factory.mktemp("demo")
    path = work / "data" / "tracker.duckdb"
    done = tracker("demo", "--no-serve", "--db", str(path), "--out", str(work / "digests"))
    assert done.returncode == 0, done.stderr[-3000:]
    with db.writer(path) as con:
        con.execute("update analysis_settings set value_time = (select max(first_seen_at) + interval 1 hour"
                    " from documents) where name = 'as_of'")
    return path


@pytest.fixture(scope="module")
def demo_lake(demo_file: Path, postgres: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo file published with `tracker lake-publish`; yields the reader target `ducklake:<DSN>`."""
    with new_catalog(postgres) as dsn:
        data = tmp_path_factory.mktemp("demo-lake")
        started = time.monotonic()
        done = tracker("lake-publish", "--db", str(demo_file), "--catalog", dsn, "--data-path", str(data))
        elapsed = time.monotonic() - started
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("published 42 table(s)"), done.stdout  # 26 + event_responsible_source_facts (0055), alerts, alert_outbox (0060),
        # event_rule_clock_facts (0071), source_publish_week_facts (0072), silent_window_facts (0073), event_facts (0075),
        # event_search_text (0076), source_week_post_facts (0077), event_input_digests, source_day_digests,
        # refresh_events, refresh_links, refresh_documents (0079), match_term_counts, match_count_state (0081)
        print(f"\ndemo publish: {done.stdout.strip()} (command {elapsed:.2f} s)")
        yield f"ducklake:{dsn}"


def rows(target: Path | str, name: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Column names and rows (in a stable order) of a table or view through `db.reader`."""
    with db.reader(target) as con:
        cursor = con.execute("select * from query_table($name)", {"name": name})
        return [d[0] for d in cursor.description or []], sorted(cursor.fetchall(), key=repr)


def names(target: Path | str, sql_name: str) -> set[tuple[str, str]]:
    with db.reader(target) as con:
        return {(r["kind"], r["name"]) for r in db.query(con, sql_name)}


# --- (a) every view and table gives the same rows ---------------------------------------------------------------

FILE_OBJECTS = """
select 'table' as kind, table_name as name from duckdb_tables() where schema_name = 'main'
union all select 'view', view_name from duckdb_views() where schema_name = 'main' and not internal
"""


def test_every_table_and_view_is_published(demo_file: Path, demo_lake: str) -> None:
    with db.reader(demo_file) as con:
        in_file = {(kind, name) for kind, name in con.execute(FILE_OBJECTS).fetchall()}
    assert names(demo_lake, "lake/published_objects") == in_file
    public = {"event_timeliness", "event_official_responses", "document_times", "official_scorecards",
              "region_scorecards", "event_rule_status", "silent_events", "site_health_weekly", "repost_shares"}
    assert {("view", v) for v in public} <= in_file


def test_every_view_gives_the_same_rows_from_the_lake(demo_file: Path, demo_lake: str) -> None:
    with db.reader(demo_file) as con:
        objects = sorted(con.execute(FILE_OBJECTS).fetchall())
    compared = 0
    for _kind, name in objects:
        from_file, from_lake = rows(demo_file, name), rows(demo_lake, name)
        assert from_lake == from_file, name
        compared += len(from_file[1])
    assert compared > 500  # the demo world is not empty


def test_lake_reader_session(demo_lake: str) -> None:
    with db.reader(demo_lake) as con:
        assert con.execute("select current_setting('TimeZone')").fetchone() == ("Asia/Shanghai",)
        assert con.execute("select count(*) > 0 from event_timeliness").fetchone() == (True,)
        with pytest.raises(duckdb.Error, match="read-only|read only|attached in read-only"):
            con.execute("delete from events")
    with db.reader(demo_lake) as con, pytest.raises(duckdb.Error, match="disabled|Permission"):
        con.execute("select * from read_csv('/etc/passwd')")


# --- (b) the digest ---------------------------------------------------------------------------------------------

def test_digest_markdown_is_byte_identical(demo_file: Path, demo_lake: str, tmp_path: Path) -> None:
    with db.reader(demo_file) as con:
        weeks = [f"{r['iso_year']:04d}-W{r['iso_week']:02d}" for r in db.query(con, "event_weeks")]
    assert weeks
    for week in weeks[:2]:
        from_file = write_digest(demo_file, week, tmp_path / "file" / week)[0].read_bytes()
        from_lake = write_digest(Path(demo_lake), week, tmp_path / "lake" / week)[0].read_bytes()
        assert from_lake == from_file, week
        assert f"周报 {week}".encode() in from_lake


def test_digest_command_on_the_lake(demo_lake: str, tmp_path: Path) -> None:
    with db.reader(demo_lake) as con:
        week = "{iso_year:04d}-W{iso_week:02d}".format(**db.query(con, "event_weeks")[0])
    done = tracker("digest", "--db", demo_lake, "--week", week, "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / f"digest-{week}.md").exists()


# --- (c) the dashboard ------------------------------------------------------------------------------------------

def run_page(page: str | None, target: Path | str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("TRACKER_DB", str(target))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def shown(at: AppTest) -> dict[str, Any]:
    return {"metrics": {m.label: m.value for m in at.metric},
            "frames": [f.value.to_dict("records") for f in at.dataframe]}


@pytest.mark.parametrize("page", PAGES)
def test_dashboard_views_render_from_the_lake(demo_file: Path, demo_lake: str, page: str | None,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from_lake = run_page(page, demo_lake, monkeypatch)
    from_file = run_page(page, demo_file, monkeypatch)
    if page != "views/event_detail.py":  # the detail view also lists the analyst's form and captured pages
        assert shown(from_lake) == shown(from_file)
    if page is None:
        assert shown(from_lake)["metrics"]
    if page == "views/digest.py":
        assert [b.proto.label for b in from_lake.get("download_button")] == ["下载 Word", "下载 PDF", "下载 HTML", "下载 Markdown"]


def test_analyst_actions_are_unavailable_on_the_lake(demo_lake: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("views/event_detail.py", demo_lake, monkeypatch)
    assert actions.LAKE_READ_ONLY in [i.value for i in at.info]
    assert not [b for b in at.button if b.key == "save_correction"]  # no form to fill in
    assert {m.label for m in at.metric} >= {"滞后（小时）", "谁先发声", "稿件"}
    with pytest.raises(actions.ActionRefused, match="只读"):
        actions.record(Path(demo_lake), actions.Correction("confirm", "ev-x"))


# --- (d) a publish replaces the last one atomically --------------------------------------------------------------

FINGERPRINT = (
    "select count(*) from events",
    "select count(*) from documents",
    "select count(*), sum(n_media), sum(n_official) from event_timeliness",
    "select max(label) from events",
)


def fingerprint(con: duckdb.DuckDBPyConnection, pause: float = 0.0) -> tuple[Any, ...]:
    """Figures from several tables and views, read one query at a time (with a pause to let a publish commit)."""
    found = []
    for sql in FINGERPRINT:
        found.append(con.execute(sql).fetchone())
        time.sleep(pause)
    return tuple(found)


def two_worlds(tmp_path: Path) -> tuple[Path, Path]:
    """Two analysis files that differ in several tables: the default world, and it with one more event."""
    first = dbfactory.build(tmp_path / "a" / "tracker.duckdb")
    second = dbfactory.build(tmp_path / "b" / "tracker.duckdb")
    with db.writer(second) as con:
        con.execute("insert into documents (doc_id, source_id, url, title, body, published_at, published_precision,"
                    " first_seen_at, last_seen_at, via) select 'dz', source_id, 'https://example.cn/dz.html', '新增事件',"
                    " '正文', timestamptz '2024-03-05 08:00:00+08', 'minute', timestamptz '2024-03-05 09:00:00+08',"
                    " timestamptz '2024-03-05 09:00:00+08', 'import'"
                    " from sources where kind = 'media' limit 1")
        con.execute("insert into events values ('ev-z', '最后新增事件', timestamptz '2024-03-05 09:00:00+08')")
        con.execute("insert into event_documents (doc_id, event_id, score, matched_doc_id, shared_terms, linked_at)"
                    " values ('dz', 'ev-z', 1.0, null, [], timestamptz '2024-03-05 09:00:00+08')")
    return first, second


def test_second_publish_replaces_the_first_atomically(catalog: str, tmp_path: Path) -> None:
    first, second = two_worlds(tmp_path)
    target = f"ducklake:{catalog}"
    con = connect_lake(catalog, tmp_path / "lake", create=False)
    try:
        publish_analysis(first, con)
        with db.reader(first) as file_con:
            old = fingerprint(file_con)
        with db.reader(second) as file_con:
            new = fingerprint(file_con)
        assert old != new
        with db.reader(target) as before:
            assert fingerprint(before) == old
            publish_analysis(second, con)
            assert fingerprint(before) == old  # a reader keeps its snapshot
        with db.reader(target) as after:
            assert fingerprint(after) == new
        seen = concurrent_reads(lambda: [publish_analysis(p, con) for p in (first, second, first, second)], target)
    finally:
        con.close()
    assert set(seen) <= {old, new}, set(seen) - {old, new}
    assert len(seen) >= 4 and set(seen) == {old, new}, seen  # readers ran during the four publishes and saw both
    with db.reader(target) as last:
        assert fingerprint(last) == new


def concurrent_reads(publish: Callable[[], object], target: str) -> list[tuple[Any, ...]]:
    """Fingerprints read by fresh readers while `publish` runs in another thread, in order."""
    failures: list[BaseException] = []

    def run() -> None:
        try:
            publish()
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            failures.append(exc)

    worker = threading.Thread(target=run)
    seen: list[tuple[Any, ...]] = []
    worker.start()
    while worker.is_alive():
        with db.reader(target) as con:
            seen.append(fingerprint(con, pause=0.01))
    worker.join()
    assert not failures, failures
    return seen


def test_a_failed_publish_leaves_the_last_copy(catalog: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = two_worlds(tmp_path)
    con = connect_lake(catalog, tmp_path / "lake", create=False)
    try:
        publish_analysis(first, con)
        broken = [*lake_publish._view_statements(), "create view broken as select * from no_such_table"]
        monkeypatch.setattr(lake_publish, "_view_statements", lambda: broken)
        with pytest.raises(duckdb.Error, match="no_such_table"):
            publish_analysis(second, con)
    finally:
        con.close()
    with db.reader(first) as file_con:
        old = fingerprint(file_con)
    with db.reader(f"ducklake:{catalog}") as reader:
        assert fingerprint(reader) == old
        assert reader.execute("select count(*) from duckdb_views() where view_name = 'broken'").fetchone() == (0,)


# --- (e) one-line errors ----------------------------------------------------------------------------------------

def one_line_error(done: subprocess.CompletedProcess[str], command: str, words: str) -> None:
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(f"tracker {command}: "), done.stderr
    assert words in done.stderr and "Traceback" not in done.stderr


def test_unreachable_catalog_gives_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dsn = f"dbname=tracker host=127.0.0.1 port={free_port()} user=postgres password=secret"
    file = dbfactory.build(tmp_path / "tracker.duckdb")
    one_line_error(tracker("digest", "--db", f"ducklake:{dsn}", "--week", "2024-W10", "--out", str(tmp_path)),
                   "digest", "is unreachable")
    one_line_error(tracker("dashboard", "--db", f"ducklake:{dsn}", "--port", str(free_port())),
                   "dashboard", "is unreachable")
    publish = tracker("lake-publish", "--db", str(file), "--catalog", dsn, "--data-path", str(tmp_path / "lake"))
    one_line_error(publish, "lake-publish", "is unreachable")
    assert "secret" not in publish.stderr
    with pytest.raises(LakeUnavailable, match="is unreachable") as caught, db.reader(f"ducklake:{dsn}"):
        pass
    assert "\n" not in str(caught.value) and isinstance(caught.value, OSError)
    monkeypatch.setenv("TRACKER_DB", f"ducklake:{dsn}")
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1 and "无法读取数据湖" in at.error[0].value and "\n" not in at.error[0].value


def test_nothing_published_gives_one_line(catalog: str, tmp_path: Path) -> None:
    done = tracker("digest", "--db", f"ducklake:{catalog}", "--week", "2024-W10", "--out", str(tmp_path))
    one_line_error(done, "digest", "no lake in this catalog")
    con = connect_lake(catalog, tmp_path / "lake")  # a lake with the loaders' tables, nothing published
    con.close()
    done = tracker("digest", "--db", f"ducklake:{catalog}", "--week", "2024-W10", "--out", str(tmp_path))
    one_line_error(done, "digest", "nothing published in the lake yet")
    with pytest.raises(LakeError, match="key=value"), db.reader("ducklake:postgresql://u@h/db"):
        pass


HOLDER = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(30)"


def test_publish_waits_for_a_writer_then_says_busy(catalog: str, tmp_path: Path) -> None:
    file = dbfactory.build(tmp_path / "tracker.duckdb")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(file)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        con = connect_lake(catalog, tmp_path / "lake", create=False)
        try:
            with pytest.raises(db.DatabaseBusy, match="locked by another process"):
                publish_analysis(file, con, wait_seconds=0.5)
        finally:
            con.close()
    finally:
        holder.kill()
        holder.wait()


def test_lake_data_env_overrides_the_data_path(catalog: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = dbfactory.build(tmp_path / "tracker.duckdb")
    con = connect_lake(catalog, tmp_path / "lake", create=False)
    try:
        publish_analysis(file, con)
    finally:
        con.close()
    (tmp_path / "mounted").symlink_to(tmp_path / "lake")  # another machine's mount of the same files
    monkeypatch.setenv(db_lake.LAKE_DATA_ENV, str(tmp_path / "mounted") + "/")
    with db.reader(f"ducklake:{catalog}") as reader:
        assert reader.execute("select data_path from ducklake_settings('lake')").fetchone() == (
            str(tmp_path / "mounted") + "/",)
        assert reader.execute("select count(*) from events").fetchone() == (7,)
