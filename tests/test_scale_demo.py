"""`make scale-demo`, scaled down: a real Redis, a real PostgreSQL, 120 sites, 3 crawler workers (one SIGKILLed
mid-cycle and restarted), 2 concurrent DuckLake loaders, and the answers compared with a single-process crawl."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from demo.farm import build_farm, farm_pages, farm_sites

LINE = re.compile(
    r"^polled (\d+)/(\d+) sources, documents (\d+), lost (\d+), duplicated (\d+), "
    r"answers equal to single-process: (yes|no)$"
)


@pytest.fixture()
def work() -> Iterator[Path]:
    # Under /tmp, not pytest's private temporary folder: the PostgreSQL server runs as the postgres user.
    folder = Path(tempfile.mkdtemp(prefix="scale-demo-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_rehearsal_polls_everything_loses_nothing_and_agrees_with_one_process(work: Path) -> None:
    sites = 120
    result = subprocess.run(
        [sys.executable, "-m", "demo.scale", "--sites", str(sites), "--workers", "3", "--loaders", "2",
         "--work", str(work / "run")],
        capture_output=True, text=True, timeout=900, check=False,
    )
    output = result.stdout.strip().splitlines()
    assert output, result.stderr[-3000:]
    match = LINE.match(output[-1])
    assert match, "\n".join(output[-10:]) + result.stderr[-3000:]
    polled, total, documents, lost, duplicated, equal = match.groups()
    assert (int(polled), int(total)) == (sites, sites)
    assert int(documents) == len(build_farm(sites).docs)
    assert (int(lost), int(duplicated), equal) == (0, 0, "yes")
    assert any("killed worker w0" in line for line in output), "no worker was killed mid-cycle"
    assert result.returncode == 0


def test_farm_is_deterministic_and_sized_as_asked() -> None:
    first, second = build_farm(500), build_farm(500)
    assert first == second
    assert len(first.sites) == 500 and len({s.id for s in first.sites}) == 500
    assert len({s.name for s in farm_sites(500)}) == 500
    assert [p.body for p in farm_pages(first)[:50]] == [p.body for p in farm_pages(second)[:50]]
    shared = [d.event for d in first.docs]
    assert sum(1 for e in set(shared) if shared.count(e) > 1) > 100  # most counties have events told by two sites
