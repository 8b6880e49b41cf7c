"""Open the DuckDB store with its schema in place (see SCHEMA.md).

The one entry point every reader and writer uses: ``connect(path)``.
DuckDB allows one writing process per file; readers in other processes can
open it ``read_only=True`` when no writer holds it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Union

import duckdb

from dragoman.config import DEFAULT_DB

#: Bumped when a table or column changes meaning.
SCHEMA_VERSION = "1"

#: Tables that hold coded content, in the order a record is written.
CONTENT_TABLES = ["articles", "actors", "mentions", "events", "event_actors", "quotes",
                  "media", "removed", "timexes", "places"]


def schema_sql() -> str:
    return resources.files("dragoman.store").joinpath("schema.sql").read_text(encoding="utf-8")


def schema_statements() -> list[str]:
    """The schema's statements, comments dropped."""
    lines = [line.split("--", 1)[0] for line in schema_sql().splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    for statement in schema_statements():
        con.execute(statement)
    con.execute("INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT (key) DO NOTHING",
                [SCHEMA_VERSION])


def connect(path: Union[str, Path] = DEFAULT_DB, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the store at ``path``, schema ensured (created when writable).

    ``read_only=True`` on a file that does not exist raises FileNotFoundError
    rather than creating an empty store.
    """
    path = str(path)
    if read_only:
        if path != ":memory:" and not Path(path).exists():
            raise FileNotFoundError(f"no such store: {path}")
        return duckdb.connect(path, read_only=True)
    con = duckdb.connect(path)
    ensure_schema(con)
    return con
