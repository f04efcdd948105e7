"""Write a sources.toml (the design's format) that points the crawler at a served demo world."""

from __future__ import annotations

import json
from pathlib import Path

from demo.world import SITES, Site


def toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def toml_list(values: list[str]) -> str:
    return "[" + ", ".join(toml_str(v) for v in values) + "]"


def source_block(site: Site, base_url: str) -> str:
    feeds = [base_url + site.feed_path] if site.feed_path else []
    list_urls = [] if feeds else [base_url + site.list_first]
    return (
        "[[source]]\n"
        f"id = {toml_str(site.id)}\n"
        f"name = {toml_str(site.name)}\n"
        f"kind = {toml_str(site.kind)}\n"
        f"channel = {toml_str(site.channel)}\n"
        f"region = {toml_str(site.region)}\n"
        f"level = {toml_str(site.level)}\n"
        f"list_urls = {toml_list(list_urls)}\n"
        f"feeds = {toml_list(feeds)}\n"
        'timezone = "Asia/Shanghai"\n'
    )


def write_sources_toml(base_url: str, path: Path) -> None:
    """Government sites list the first page of their column; media with a feed list only the feed."""
    base_url = base_url.rstrip("/")
    header = "# The offline demo world (demo/world.py), served at " + base_url + "\n\n"
    path.write_text(header + "\n".join(source_block(s, base_url) for s in SITES), encoding="utf-8")
