import subprocess
import sys
from collections.abc import Iterator
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
