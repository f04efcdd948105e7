"""Stages after crawling: sources, dates, extraction, landing, load, match, digest, and the `tracker` CLI."""
