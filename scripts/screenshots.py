"""Regenerate the README screenshots and the sample digest from the offline demo world.

    .venv/bin/python scripts/screenshots.py [--out docs]

Runs `tracker demo --no-serve` into a temporary folder, serves the dashboard on 127.0.0.1 and saves one PNG per
view with headless Chromium (scripts/install-browser.sh installs it), then copies one week's digest beside them with
PNG renderings of its PDF pages (pdftoppm) and of its Word document's pages (LibreOffice, when `soffice` is installed:
Debian's libreoffice-writer-nogui).
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
from pipeline.report.week import parse_week

SHOTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "overview": ("", ("进行中的时钟", "政府来源排行", "趋势（按周）")),
    "events": ("events", ("选择事件查看详情",)),
    "event-detail": ("event", ("时间轴", "审核操作")),
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


PAGE_DPI = 80
WEEK_LABEL = "ISO 周（北京时间）"


def busiest_week(database: Path, digests: list[Path]) -> str | None:
    """The digest (`digest-YYYY-Www`) of the week with the most events; the later week on a tie."""
    counts = []
    with db.reader(database) as con:
        for path in digests:
            week = parse_week(path.stem.removeprefix("digest-"))
            scope = {"week_start": week.start, "week_end": week.end, "region": None}
            counts.append((db.query(con, "week_summary", scope)[0]["n_events"], path.stem))
    return max(counts)[1] if counts else None


def render_pages(document: Path, prefix: Path) -> list[Path]:
    """`prefix-N.png` for each page of a PDF."""
    subprocess.run(["pdftoppm", "-png", "-r", str(PAGE_DPI), str(document), str(prefix)], check=True, timeout=300)
    return sorted(prefix.parent.glob(f"{prefix.name}-*.png"))


def word_pages(docx: Path, prefix: Path) -> list[Path]:
    """The Word document as LibreOffice lays it out, one PNG a page; none without LibreOffice."""
    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice not installed: no PNGs of the Word pages", file=sys.stderr)
        return []
    with tempfile.TemporaryDirectory(prefix="tracker-word-") as tmp:
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(docx)],
                       check=True, timeout=300, stdout=subprocess.DEVNULL)  # fmt: skip
        return render_pages(Path(tmp) / f"{docx.stem}.pdf", prefix)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tracker-shots-") as tmp:
        database = build_demo(Path(tmp))
        with serve_dashboard(database, Path(tmp)) as dashboard, chromium(1400, 1100) as page:
            event = busiest_event(database)
            week = busiest_week(database, sorted((database.parent / "digests").glob("digest-*.md")))
            for name, (path, texts) in SHOTS.items():
                query = f"?event={event}" if path in ("event", "events") and event else ""
                page.goto(f"{dashboard.url}/{path}{query}")
                page.wait_for_text(*texts, timeout=60)
                if week:  # the busiest week in the sidebar, as an analyst would pick it
                    page.fill(WEEK_LABEL, week.removeprefix("digest-"))
                    page.wait_for_value(WEEK_LABEL, week.removeprefix("digest-"))
                    page.evaluate("document.activeElement.blur()")
                    page.wait_for_text(*texts, timeout=60)
                page.settle(2.0)
                print(page.screenshot(args.out / f"screenshot-{name}.png"))
        sample = busiest_week(database, sorted((database.parent / "digests").glob("digest-*.md")))
        if sample:
            target = args.out / "sample-digest"
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            for file in (database.parent / "digests").glob(f"{sample}*"):
                shutil.copy(file, target / file.name)
            render_pages(target / f"{sample}.pdf", target / f"{sample}-pdf-page")
            word_pages(target / f"{sample}.docx", target / f"{sample}-docx-page")
            print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
