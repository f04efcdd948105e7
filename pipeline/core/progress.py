"""Progress for long crawls, loads and matches: a bar on a terminal, plain periodic lines otherwise.

Progress goes to stderr so stdout stays the run's summary.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Any, Self, TextIO

BAR_WIDTH = 24
TTY_REDRAW_SECONDS = 0.2


@dataclass
class Progress:
    """Counts work done against an optional total; prints at most every `every` seconds (plain) or 0.2 s (TTY)."""

    label: str
    total: int | None = None
    every: float = 10.0
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    tty: bool | None = None
    done: int = 0
    started: float = field(default_factory=time.monotonic)
    _last: float = 0.0
    _drawn: bool = False

    def __post_init__(self) -> None:
        if self.tty is None:
            self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last = self.started

    def advance(self, n: int = 1, note: str = "") -> None:
        self.done += n
        now = time.monotonic()
        if now - self._last >= (TTY_REDRAW_SECONDS if self.tty else self.every):
            self._last = now
            self._print(self.line(now, note))

    def line(self, now: float | None = None, note: str = "") -> str:
        elapsed = max((now or time.monotonic()) - self.started, 1e-6)
        rate = self.done / elapsed
        count = f"{self.done}/{self.total}" if self.total else f"{self.done}"
        bar = ""
        if self.tty and self.total:
            filled = int(BAR_WIDTH * min(self.done / self.total, 1.0))
            bar = "[" + "#" * filled + "." * (BAR_WIDTH - filled) + "] "
        tail = f" {note}" if note else ""
        return f"{self.label}: {bar}{count} ({rate:.1f}/s, {elapsed:.0f} s){tail}"

    def finish(self, note: str = "") -> None:
        if self._drawn:
            self._print(self.line(note=note), final=True)

    def _print(self, text: str, final: bool = False) -> None:
        self._drawn = True
        if self.tty:
            self.stream.write("\r\x1b[K" + text + ("\n" if final else ""))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()


class CrawlProgress:
    """Scrapy extension: every TRACKER_PROGRESS_SECONDS, one line with pages, items, errors and rate."""

    def __init__(self, crawler: Any, every: float) -> None:
        self.crawler = crawler
        self.progress = Progress("crawl", every=every)
        self.loop: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> Self:
        from scrapy import signals
        from scrapy.exceptions import NotConfigured

        every = crawler.settings.getfloat("TRACKER_PROGRESS_SECONDS", 10.0)
        if every <= 0:
            raise NotConfigured
        extension = cls(crawler, every)
        crawler.signals.connect(extension.opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.closed, signal=signals.spider_closed)
        return extension

    def opened(self, spider: Any) -> None:
        from twisted.internet import task

        self.loop = task.LoopingCall(self.report)
        self.loop.start(self.progress.every, now=False)

    def report(self) -> None:
        stats = self.crawler.stats
        if stats is None:
            return
        pages = int(stats.get_value("response_received_count", 0) or 0)
        items = int(stats.get_value("item_scraped_count", 0) or 0)
        errors = int(stats.get_value("downloader/exception_count", 0) or 0)
        self.progress.done = pages
        self.progress._print(self.progress.line(note=f"page(s); {items} record(s), {errors} fetch error(s)"))

    def closed(self, spider: Any) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
