"""`tracker watch --alerts FILE`: after each poll, one `tracker alerts` round in a child process that the watcher
does not wait for, so a slow or dead channel never delays the next poll. A round still running when the next poll
ends is left alone (no second round is started); one running past its time limit is stopped (what it claimed is
sent again by the next round, at most once more). Its output is appended to `<state dir>/alerts.log`, and the
watcher prints it when the round ends.
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class AlertsRunner:
    config_path: Path
    db_path: Path
    log_path: Path
    time_limit: float = 600.0
    child: subprocess.Popen[bytes] | None = None
    started: float = 0.0
    log_offset: int = 0
    printed: list[str] = field(default_factory=list)

    def running(self) -> bool:
        return self.child is not None and self.child.poll() is None

    def reap(self) -> None:
        """Print a finished round's output; stop one that ran past its time limit."""
        if self.child is None:
            return
        if self.child.poll() is None:
            if time.monotonic() - self.started <= self.time_limit:
                return
            self.child.terminate()
            self.child.wait(timeout=30)
        for line in self._new_output():
            self.printed.append(line)
            print(f"  {line}", flush=True)
        if self.child.returncode:
            print(f"  alerts round exited with status {self.child.returncode} (see {self.log_path})", flush=True)
        self.child = None

    def start_round(self) -> str:
        """Start a round unless one is still running; a note for the cycle line."""
        self.reap()
        if self.running():
            return "previous round still running"
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.log_offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        command = [sys.executable, "-m", "pipeline.cli", "alerts", "--db", str(self.db_path),
                   "--config", str(self.config_path)]
        with self.log_path.open("ab") as log:
            self.child = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        self.started = time.monotonic()
        return "round started"

    def finish(self, wait_seconds: float) -> None:
        """At the watcher's end: let a running round finish for up to `wait_seconds`, then stop it."""
        if self.child is None:
            return
        deadline = time.monotonic() + wait_seconds
        while self.running() and time.monotonic() < deadline:
            time.sleep(0.05)
        if self.running():
            self.time_limit = 0.0
        self.reap()

    def _new_output(self) -> list[str]:
        try:
            with self.log_path.open("rb") as log:
                log.seek(self.log_offset)
                return log.read().decode("utf-8", "replace").splitlines()
        except OSError:
            return []
