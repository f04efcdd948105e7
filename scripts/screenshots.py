"""Regenerate the README screenshots and the sample digest from the offline demo world.

    .venv/bin/python scripts/screenshots.py [--out docs]

Runs `tracker demo --no-serve` into a temporary folder, serves the dashboard on 127.0.0.1 and saves one PNG per
view with headless Chromium (scripts/install-browser.sh installs it), then copies one week's digest beside them.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import db
from dashboard.browser import chromium, serve_dashboard

SHOTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "overview": ("", ("进行中的时钟", "政府来源排行", "趋势（按周）")),
    "events": ("events", ("选择事件查看详情",)),
    "event-detail": ("event", ("审核操作",)),
    "sources": ("sources", ("最近的抓取", "两周未更新的政府来源")),
    "press": ("press", ("责任网站",)),
    "digest": ("digest", ("下载 Markdown",)),
}


def build_demo(folder: Path) -> Path:
    database = folder / "demo" / "tracker.duckdb"
    subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "demo", "--no-serve", "--db", str(database)],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL, timeout=900,
    )  # fmt: skip
    return database


def busiest_event(database: Path) -> str:
    """The event with the most documents on both sides, so the detail view shows media, government and reposts."""
    with db.reader(database) as con:
        row = con.execute(
            "select event_id from event_timeliness where n_media > 0 and n_official > 0"
            " order by n_media + n_official desc, event_id limit 1"
        ).fetchone()
    return str(row[0]) if row else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tracker-shots-") as tmp:
        database = build_demo(Path(tmp))
        with serve_dashboard(database, Path(tmp)) as dashboard, chromium(1400, 1100) as page:
            event = busiest_event(database)
            for name, (path, texts) in SHOTS.items():
                query = f"?event={event}" if path in ("event", "events") and event else ""
                page.goto(f"{dashboard.url}/{path}{query}")
                page.wait_for_text(*texts, timeout=60)
                page.settle(2.0)
                print(page.screenshot(args.out / f"screenshot-{name}.png"))
        digests = sorted((database.parent / "digests").glob("digest-*.md"))
        sample = digests[-1].name.removesuffix(".md") if digests else None
        if sample:
            target = args.out / "sample-digest"
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            for file in (database.parent / "digests").glob(f"{sample}*"):
                shutil.copy(file, target / file.name)
            print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
