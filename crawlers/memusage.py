"""Scrapy's memory limit (`MEMUSAGE_LIMIT_MB`) judged on the crawl's resident memory now, not its peak.

Scrapy's `MemoryUsage` reads `ru_maxrss`, the peak resident size, which Linux carries over `execve`: a crawl started
by a process that had once used more than the limit (a test runner, a scheduler written in Python that also matches)
was shut down at its first check, before it fetched anything, however little it used itself.
"""

from __future__ import annotations

import os

from scrapy.extensions.memusage import MemoryUsage

_STATM = "/proc/self/statm"


class ResidentMemoryUsage(MemoryUsage):
    def get_virtual_size(self) -> int:
        """Resident bytes now, from /proc; Scrapy's peak where /proc is not there (macOS)."""
        try:
            with open(_STATM, encoding="ascii") as statm:
                resident_pages = int(statm.read().split()[1])
        except (OSError, IndexError, ValueError):
            return super().get_virtual_size()
        return resident_pages * os.sysconf("SC_PAGE_SIZE")
