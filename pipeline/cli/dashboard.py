"""The command that starts the Streamlit dashboard (shared by `tracker dashboard` and `tracker demo`)."""

from __future__ import annotations

import sys
from importlib.util import find_spec
from pathlib import Path


def dashboard_command(db_path: Path, port: int) -> list[str]:
    spec = find_spec("dashboard.app")
    if spec is None or spec.origin is None:
        raise RuntimeError("the dashboard package is not installed")
    return [
        sys.executable, "-m", "streamlit", "run", spec.origin,
        "--server.address", "127.0.0.1", "--server.port", str(port),
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]
