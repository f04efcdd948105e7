"""The offline demo world: a fictional province, city and county, their portals and news media.

    from demo.render import render_world   # render_world(out: Path, docs=DOCS, down=frozenset()) -> list[Page]
    from demo.server import serve          # serve(root: Path, host="127.0.0.1", port=0) -> DemoServer (.switch(root))
    from demo.sources import write_sources_toml  # write_sources_toml(base_url: str, path: Path) -> None
    from demo.world import ROUNDS, world_docs    # the crawl rounds of `tracker demo`, and what is online in each

Hand-written labels for every event are in demo/expected.json ("demo": what `tracker demo`'s rounds add).
"""
