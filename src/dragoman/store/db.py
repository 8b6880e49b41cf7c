"""Open the DuckDB store with its schema in place (see SCHEMA.md).

The one entry point every reader and writer uses: ``connect(path)``.
DuckDB allows one writing process per file; readers in other processes can
open it ``read_only=True`` when no writer holds it.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Optional, Union

import duckdb

from dragoman.config import DEFAULT_DB
from dragoman.errors import StoreError

#: Bumped when a table or column changes meaning.
SCHEMA_VERSION = "4"  # 2: articles.coder_version; 3: events.date_source, location_source (schema.sql adds them);
#                        4: status in events.cluster_key, event_clusters.status (ensure_schema re-keys)

#: Tables that hold coded content, in the order a record is written.
CONTENT_TABLES = ["articles", "actors", "mentions", "events", "event_actors", "quotes",
                  "media", "removed", "timexes", "places"]


def schema_sql() -> str:
    return resources.files("dragoman.store").joinpath("schema.sql").read_text(encoding="utf-8")


def schema_statements() -> list[str]:
    """The schema's statements, comments dropped."""
    lines = [line.split("--", 1)[0] for line in schema_sql().splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def stored_schema_version(con: duckdb.DuckDBPyConnection) -> Optional[int]:
    """The schema version the store was last written with; None for a new (empty) store."""
    if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'meta' "
                       "AND database_name = current_database()").fetchone()[0]:
        return None
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row and str(row[0]).isdigit() else None


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create what is missing and bring an older store up to SCHEMA_VERSION."""
    previous = stored_schema_version(con)
    for statement in schema_statements():
        con.execute(statement)
    if previous is not None and previous < 4:
        from dragoman.store.dedup import key_clusters_by_status  # here: it needs pyarrow, a reader does not

        key_clusters_by_status(con)
    con.execute("INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
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
        con = duckdb.connect(path, read_only=True)
        try:  # a DuckDB file of some other program: CatalogException, told as "not a Dragoman store"
            con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
        except duckdb.Error:
            con.close()
            raise
        return con
    con = duckdb.connect(path)
    ensure_schema(con)
    return con


#: What DuckDB's message says, and the cause a user is told (first match wins).
STORE_PROBLEMS = [
    ("Could not set lock", "it is locked by another process"),
    ("Read-only file system", "it is on a read-only file system"),
    ("Permission denied", "permission denied"),
    ("Corrupt database file", "it is corrupt"),
    ("not a valid DuckDB database file", "it is not a DuckDB database"),
    ("Could not read enough bytes", "it is cut short (truncated)"),
    ("does not exist", "it is not a Dragoman store"),
]


def is_store_failure(exc: BaseException) -> bool:
    """True for a DuckDB error that comes from the store file (damaged, locked, not
    writable, not a Dragoman store) rather than from a faulty query."""
    if not isinstance(exc, duckdb.Error):
        return False
    return isinstance(exc, duckdb.CatalogException) or not isinstance(exc, duckdb.ProgrammingError)


def store_error(path: Union[str, Path], exc: BaseException) -> StoreError:
    """One line naming the store and why it cannot be used, DuckDB's own words after it."""
    detail = (str(exc).splitlines() or [exc.__class__.__name__])[0]
    cause = next((told for said, told in STORE_PROBLEMS if said in detail), "it cannot be read")
    pid = re.search(r"\(PID (\d+)\)", detail)
    if pid and "locked" in cause:
        return StoreError(f"cannot use the store {path}: {cause} (PID {pid.group(1)})")
    return StoreError(f"cannot use the store {path}: {cause} ({detail})")
