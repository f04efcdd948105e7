"""Serve the dashboard and drive headless Chromium over the DevTools protocol: screenshots and the browser test.

No browser-automation package: Debian's `chromium` (scripts/install-browser.sh) is started with
`--remote-debugging-port=0`, and a small synchronous websocket client (`websockets`, a Streamlit dependency) sends
DevTools commands to one page. Every wait is bounded.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from websockets.sync.client import ClientConnection, connect

APP = Path(__file__).resolve().parent / "app.py"
CHROMIUM_FLAGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-port=0",
)
MAX_WAIT_SECONDS = 60.0
_INPUT_BY_LABEL = "Array.from(document.querySelectorAll('input')).find(i => i.getAttribute('aria-label') === %s)"


class BrowserError(RuntimeError):
    """Chromium or the dashboard did not do what was asked within the time allowed."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def chromium_binary() -> str:
    """The Chromium executable (CHROMIUM overrides); BrowserError when none is installed."""
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name) if name else None
        if found:
            return found
    raise BrowserError("chromium is not installed: run scripts/install-browser.sh (Debian package `chromium`)")


def _poll(check: Any, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + min(timeout, MAX_WAIT_SECONDS)
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.1)
    raise BrowserError(f"timed out after {timeout:.0f} s waiting for {what}")


@dataclass
class Dashboard:
    """A `streamlit run` of the dashboard on 127.0.0.1."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def serve_dashboard(db_path: Path, log_dir: Path, secrets_dir: Path | None = None) -> Iterator[Dashboard]:
    """Start the dashboard on a free loopback port for `db_path`; stop it on exit."""
    port = free_port()
    log = log_dir / f"streamlit-{port}.log"
    env = {**os.environ, "TRACKER_DB": str(db_path.resolve()), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
        "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false", "--client.toolbarMode", "minimal",
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=secrets_dir,
                                   start_new_session=True)
    dashboard = Dashboard(process, port, log)
    try:
        _poll(lambda: process.poll() is not None or _healthy(dashboard.url), 60, "the dashboard to start")
        if process.poll() is not None:
            raise BrowserError(f"streamlit exited with status {process.returncode}; see {log}")
        yield dashboard
    finally:
        stop_group(process)


@dataclass
class Page:
    """One Chromium tab driven over its DevTools websocket."""

    socket: ClientConnection
    next_id: int = 0
    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def send(self, method: str, params: dict[str, Any] | None = None, timeout: float = 30) -> dict[str, Any]:
        self.next_id += 1
        call_id = self.next_id
        self.socket.send(json.dumps({"id": call_id, "method": method, "params": params or {}}))
        deadline = time.monotonic() + min(timeout, MAX_WAIT_SECONDS)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise BrowserError(f"no answer to {method} within {timeout:.0f} s")
            try:
                message = json.loads(self.socket.recv(timeout=remaining))
            except TimeoutError:
                continue
            if message.get("id") == call_id:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error'].get('message')}")
                return dict(message.get("result", {}))
            self._event(message)

    def _event(self, message: dict[str, Any]) -> None:
        method, params = message.get("method"), message.get("params", {})
        if method == "Page.javascriptDialogOpening":
            self.dialogs.append(str(params.get("message")))
            self.socket.send(json.dumps({"id": 0, "method": "Page.handleJavaScriptDialog", "params": {"accept": True}}))
        elif method == "Runtime.exceptionThrown":
            self.console_errors.append(str(params.get("exceptionDetails", {}).get("text")))

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise BrowserError(f"script failed: {result['exceptionDetails'].get('text')}")
        return result.get("result", {}).get("value")

    def goto(self, url: str) -> None:
        self.send("Page.navigate", {"url": url})
        _poll(lambda: self.evaluate("document.readyState") == "complete", 60, f"{url} to load")

    def wait_for_text(self, *texts: str, timeout: float = 60) -> None:
        """Until every text is in the page's visible text and Streamlit has finished the run."""
        wanted = json.dumps(list(texts), ensure_ascii=False)
        script = (
            f"{wanted}.every(t => document.body.innerText.includes(t))"
            " && !document.querySelector('[data-testid=\"stStatusWidget\"] button')"
            " && document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0"
        )
        try:
            _poll(lambda: self.evaluate(script), timeout, f"text {texts}")
        except BrowserError:
            missing = [t for t in texts if not self.evaluate(f"document.body.innerText.includes({json.dumps(t)})")]
            raise BrowserError(f"missing on page after {timeout:.0f} s: {missing}") from None

    def fill(self, label: str, text: str) -> None:
        """Type `text` into the text input labelled `label` (replacing what is there) and press Enter."""
        focused = self.evaluate(
            f"(() => {{ const i = {_INPUT_BY_LABEL % json.dumps(label)};"
            " if (!i) return false; i.focus(); i.select(); return true; })()"
        )
        if not focused:
            raise BrowserError(f"no text input labelled {label!r}")
        self.send("Input.insertText", {"text": text})
        for kind in ("keyDown", "keyUp"):
            self.send(
                "Input.dispatchKeyEvent", {"type": kind, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13}
            )

    def input_value(self, label: str) -> str | None:
        """The value shown in the input labelled `label` (text inputs, and selectboxes' chosen option)."""
        return self.evaluate(
            f"(() => {{ const i = {_INPUT_BY_LABEL % json.dumps(label)}; return i ? i.value : null; }})()"
        )

    def wait_for_value(self, label: str, value: str, timeout: float = 60) -> None:
        _poll(lambda: self.input_value(label) == value, timeout, f"{label!r} to show {value!r}")

    def top_of(self, text: str) -> float | None:
        """The page y of the first heading whose text is `text`, None when there is none."""
        return self.evaluate(
            "(() => { const h = Array.from(document.querySelectorAll('h1, h2, h3, h4'))"
            f".find(e => e.innerText.trim() === {json.dumps(text)});"
            " return h ? h.getBoundingClientRect().top + window.scrollY : null; })()"
        )

    def settle(self, seconds: float = 1.0) -> None:
        """Let charts finish drawing after the text is in place."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.evaluate("1")
            time.sleep(0.1)

    def screenshot(self, path: Path) -> Path:
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path


def _devtools_port(profile: Path, process: subprocess.Popen[bytes]) -> int:
    port_file = profile / "DevToolsActivePort"

    def ready() -> int | None:
        if process.poll() is not None:
            raise BrowserError(f"chromium exited with status {process.returncode}")
        text = port_file.read_text() if port_file.exists() else ""
        return int(text.split()[0]) if text.strip() else None

    return int(_poll(ready, 60, "chromium's DevTools port"))


def _page_socket_url(port: int) -> str:
    def first_page() -> str | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=2) as response:
                targets = json.load(response)
        except OSError:
            return None
        pages = [t["webSocketDebuggerUrl"] for t in targets if t.get("type") == "page"]
        return pages[0] if pages else None

    return str(_poll(first_page, 30, "a Chromium page"))


@contextmanager
def chromium(width: int = 1400, height: int = 1000) -> Iterator[Page]:
    """Headless Chromium with a fresh profile, one page, a fixed viewport; closed on exit."""
    binary = chromium_binary()
    # Chromium's helper processes can outlive the browser for a moment and still write to the profile.
    with tempfile.TemporaryDirectory(prefix="tracker-chromium-", ignore_cleanup_errors=True) as profile:
        command = [
            binary,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            "about:blank",
        ]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        try:
            port = _devtools_port(Path(profile), process)
            with connect(_page_socket_url(port), max_size=None, open_timeout=30) as ws:
                page = Page(ws)
                page.send("Page.enable")
                page.send("Runtime.enable")
                page.send(
                    "Emulation.setDeviceMetricsOverride",
                    {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
                )
                yield page
        finally:
            stop_group(process)


def stop_group(process: subprocess.Popen[bytes]) -> None:
    """Stop a process started with `start_new_session` and every process it started (they share its group)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
