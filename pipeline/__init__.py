"""The stages of the tracker, one sub-package each, lowest first:

core (records, source registry) -> extract (page bytes -> fields) -> load (landing files -> DuckDB / DuckLake)
-> match (documents -> events) -> timeliness (rule clocks, press events, site health) -> report (digest, mail)
-> cli (the `tracker` command, watch, demo). See docs/architecture.md for which may import which.
"""
