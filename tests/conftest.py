import itertools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

# Politeness delays protect real servers; the demo world runs on 127.0.0.1 in the test.
FAST_CRAWL = [
    "-s",
    "DOWNLOAD_DELAY=0",
    "-s",
    "AUTOTHROTTLE_ENABLED=false",
    "-s",
    "CONCURRENT_REQUESTS_PER_DOMAIN=8",
    "-s",
    "RETRY_TIMES=0",
    "-s",
    "DOWNLOAD_TIMEOUT=10",
    "-s",
    'TRACKER_ALLOW_PRIVATE_NETWORKS=["127.0.0.0/8"]',
]


def tracker(*args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    """Run the real `tracker` command line in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The rendered demo world served on 127.0.0.1 for the whole session; yields its base URL."""
    from demo.render import render_world
    from demo.server import serve

    root = tmp_path_factory.mktemp("world")
    render_world(root)
    server = serve(root)
    try:
        yield server.base_url
    finally:
        server.stop()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: crawls a served world end to end")
    Path("tests/artifacts").mkdir(parents=True, exist_ok=True)


ROOT = Path(__file__).resolve().parents[1]
PG_BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
_databases = itertools.count()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _close_lake_readers() -> None:
    from db.lake import close_lake_readers  # the cached reader instances hold catalog connections

    close_lake_readers()


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """DSN prefix of a private cluster (`host=127.0.0.1 port=P user=postgres`), stopped and removed after.

    The session starts it with scripts/start-postgres.sh on a free 127.0.0.1 port; starting it again is a no-op.
    """
    if os.geteuid() != 0 and not PG_BIN:
        pytest.skip("PostgreSQL is not installed and installing it needs root")
    folder = Path(tempfile.mkdtemp(prefix="tracker-pg-"))  # outside pytest's private tmp: the server user reads it
    port = free_port()
    start = ["bash", str(ROOT / "scripts/start-postgres.sh"), str(folder), str(port)]
    started = subprocess.run(start, capture_output=True, text=True, timeout=600, check=False)
    try:
        assert started.returncode == 0, started.stderr
        assert started.stdout.strip() == f"dbname=tracker host=127.0.0.1 port={port} user=postgres"
        again = subprocess.run(start, capture_output=True, text=True, timeout=120, check=False)
        assert (again.returncode, again.stdout) == (0, started.stdout)  # idempotent
        yield f"host=127.0.0.1 port={port} user=postgres"
    finally:
        _close_lake_readers()
        subprocess.run(["bash", str(ROOT / "scripts/stop-postgres.sh"), str(folder)], timeout=120, check=False)
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def new_catalog(postgres: str, prefix: str = "lake") -> Iterator[str]:
    """A fresh database in the session's cluster (one lake), dropped after."""
    name = f"{prefix}{os.getpid()}_{next(_databases)}"
    psql = [str(max(Path("/usr/lib/postgresql").glob("*/bin/psql"))), "-X", "-q", "-d", f"dbname=postgres {postgres}"]
    subprocess.run([*psql, "-c", f"create database {name}"], check=True, capture_output=True, timeout=60)
    try:
        yield f"dbname={name} {postgres}"
    finally:
        _close_lake_readers()
        subprocess.run([*psql, "-c", f"drop database {name} with (force)"], check=False, capture_output=True,
                       timeout=60)


@pytest.fixture()
def catalog(postgres: str) -> Iterator[str]:
    """A fresh lake per test."""
    with new_catalog(postgres) as dsn:
        yield dsn
