"""Serve a rendered demo world over HTTP on the loopback interface.

Only the URLs listed in the world's manifest exist (exact path and query); everything else is a
404, so there is no directory listing and no way out of the root. Headers and status come from the
manifest, including the GBK site's missing or wrong charset and a site that is down (503).
`DemoServer.switch(root)` serves another rendered world on the same address: the next crawl round.

    python -m demo.server --port 8800            # renders into a temporary directory first
    python -m demo.server --root DIR --port 8800 # serves an already rendered world
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self

from demo.feeds import BASE_URL_TOKEN
from demo.render import MANIFEST, render_world

LOOPBACK = ("127.0.0.1", "localhost")


@dataclass(frozen=True)
class Entry:
    file: Path
    content_type: str
    fill_base: bool
    status: int = 200


def load_manifest(root: Path) -> dict[str, Entry]:
    root = root.resolve()
    entries = {}
    for path, row in json.loads((root / MANIFEST).read_text(encoding="utf-8")).items():
        file = (root / row["file"]).resolve()
        if root in file.parents:
            entries[path] = Entry(file, row["content_type"], row["fill_base"], row.get("status", 200))
    return entries


class DemoHandler(BaseHTTPRequestHandler):
    server: DemoHTTPServer
    def version_string(self) -> str:
        return "nginx"

    def do_GET(self) -> None:
        self._respond(with_body=True)

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def _respond(self, with_body: bool) -> None:
        entry = self.server.entries.get(self.path.partition("#")[0])
        if entry is None:
            body, content_type, status = b"<html><body><h1>404 Not Found</h1></body></html>", "text/html", 404
        else:
            body, content_type, status = entry.file.read_bytes(), entry.content_type, entry.status
            if entry.fill_base:
                body = body.replace(BASE_URL_TOKEN.encode(), self.server.base_url.encode())
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class DemoHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str, port: int, entries: dict[str, Entry]) -> None:
        super().__init__((host, port), DemoHandler)
        self.entries = entries
        self.base_url = f"http://{host}:{self.server_address[1]}"


@dataclass
class DemoServer:
    httpd: DemoHTTPServer
    thread: threading.Thread

    @property
    def base_url(self) -> str:
        return self.httpd.base_url

    def switch(self, root: Path) -> None:
        """Serve the world rendered under `root` from now on, at the same base URL."""
        self.httpd.entries = load_manifest(root)

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve(root: Path, host: str = "127.0.0.1", port: int = 0) -> DemoServer:
    """Serve the world rendered under `root` from a background thread; port 0 picks a free port."""
    if host not in LOOPBACK:
        raise ValueError(f"the demo server binds to the loopback interface only, not {host!r}")
    httpd = DemoHTTPServer(host, port, load_manifest(root))
    thread = threading.Thread(target=httpd.serve_forever, name="demo-server", daemon=True)
    thread.start()
    return DemoServer(httpd, thread)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m demo.server", description="Serve the offline demo world.")
    parser.add_argument("--port", type=int, default=8800)
    parser.add_argument("--root", type=Path, help="an already rendered world (default: render into a temp dir)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="demo-world-") as tmp:
        root = args.root or Path(tmp)
        if args.root is None:
            render_world(root)
        server = serve(root, port=args.port)
        print(f"demo world at {server.base_url}/index.html  (Ctrl-C to stop)", flush=True)
        try:
            server.thread.join()
        except KeyboardInterrupt:
            server.stop()


if __name__ == "__main__":
    main()
