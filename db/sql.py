"""The project's SQL files: `db/<folder>/<name>.sql`, read by name."""

from __future__ import annotations

from importlib import resources


def sql_dir(name: str) -> resources.abc.Traversable:
    return resources.files("db").joinpath(name)


def read_sql(name: str) -> str:
    """Text of `db/analysis/<name>.sql`, or of `db/<folder>/<file>.sql` for a name like `load/upsert_documents`."""
    folder, _, file = name.rpartition("/")
    return sql_dir(folder or "analysis").joinpath(f"{file}.sql").read_text(encoding="utf-8")
