"""ruff is part of the test run: style regressions fail CI like any other test."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_finds_nothing() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "crawlers", "pipeline", "db", "dashboard", "demo", "tests", "bench",
         "scripts", "--output-format", "concise"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:]
