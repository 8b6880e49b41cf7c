"""`dragoman export`: the store as JSONL records, CSV, Parquet, GDELT 2.0 events or PLOVER records.

Every format streams from the store, so exports of large stores keep memory
flat.  Event exports take the events of the statuses asked for (asserted
by default) through the store's query layer: CSV and Parquet carry one row
per report with its status and its cluster's counts; GDELT (``gdelt``) has
one row per deduplicated event, or per actor × recipient pair with
``dyadic``; PLOVER (``plover``) one record per deduplicated event.  JSONL
writes whole records, every event with its status.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
from pathlib import Path
from typing import Iterable, Iterator, TextIO

import duckdb

from dragoman.store import gdelt, queries
from dragoman.store.plover import write_plover

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "plover")

GDELT_COLUMNS = gdelt.GDELT_COLUMNS
write_gdelt = gdelt.write_gdelt


def export(con: duckdb.DuckDBPyConnection, fmt: str, out: str, dyadic: bool = False,
           statuses: Iterable[str] = queries.DEFAULT_STATUSES, header: bool = False) -> int:
    """Write the store to ``out`` (``-`` = standard output); returns rows/records written.

    Event exports hold the events of ``statuses`` only (asserted by default: what did
    not happen is not exported as if it did); jsonl writes whole records.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    statuses = tuple(statuses)
    if fmt == "parquet":
        if out == "-":
            raise ValueError("parquet needs --out DIRECTORY")
        return write_parquet(con, Path(out), statuses)
    with _open(out) as fh:
        if fmt == "jsonl":
            return write_jsonl(con, fh)
        if fmt == "csv":
            return write_csv(con, fh, statuses)
        if fmt == "plover":
            return write_plover(con, fh, statuses)
        return write_gdelt(con, fh, dyadic, statuses, header)


def _reports(statuses: Iterable[str]) -> queries.EventFilter:
    """Every report (exports keep each article's report; clusters are in its columns) of these statuses."""
    return queries.EventFilter(status=tuple(statuses), reports=True)


class _open:
    """A text file to write, or standard output for ``-``."""

    def __init__(self, path: str):
        self.path = path

    def __enter__(self) -> TextIO:
        import sys

        if self.path == "-":
            self.fh = sys.stdout
        else:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.fh = open(self.path, "w", encoding="utf-8", newline="")
        return self.fh

    def __exit__(self, *exc) -> None:
        if self.path != "-":
            self.fh.close()
        else:
            self.fh.flush()


def write_jsonl(con: duckdb.DuckDBPyConnection, fh: TextIO) -> int:
    """The SPEC §2 record of every stored article, one per line."""
    n = 0
    for doc in queries.iter_documents(con):
        fh.write(doc.to_json() + "\n")
        n += 1
    return n


def _stream(con: duckdb.DuckDBPyConnection, sql: str, params=None) -> Iterator[tuple[list[str], list[tuple]]]:
    cur = con.cursor()
    cur.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    while True:
        rows = cur.fetchmany(2000)
        if not rows:
            return
        yield names, rows


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, float):
        return repr(round(value, 6))
    return str(value)


def write_csv(con: duckdb.DuckDBPyConnection, fh: TextIO,
              statuses: Iterable[str] = queries.DEFAULT_STATUSES) -> int:
    """Every event report of ``statuses`` with its cluster counts, one CSV row each."""
    sql, params = queries.report_rows(_reports(statuses))
    writer = csv.writer(fh)
    n = 0
    header_done = False
    for names, rows in _stream(con, sql, params):
        if not header_done:
            writer.writerow(names)
            header_done = True
        for row in rows:
            writer.writerow([_cell(v) for v in row])
            n += 1
    if not header_done:
        cur = con.cursor()
        cur.execute(sql + " LIMIT 0", params)
        writer.writerow([d[0] for d in cur.description])
    return n


def write_parquet(con: duckdb.DuckDBPyConnection, out: Path,
                  statuses: Iterable[str] = queries.DEFAULT_STATUSES) -> int:
    """Event reports of ``statuses`` as a Parquet dataset partitioned by day (hive style: day=YYYY-MM-DD)."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    rows, params = queries.report_rows(_reports(statuses))
    cur = con.cursor()
    sql = f"SELECT * REPLACE (coalesce(CAST(day AS VARCHAR), 'unknown') AS day) FROM ({rows})"
    reader = cur.sql(sql, params=params).to_arrow_reader(10000)
    total = 0

    def counted() -> Iterator[pa.RecordBatch]:
        nonlocal total
        for batch in reader:
            total += batch.num_rows
            yield batch

    out.mkdir(parents=True, exist_ok=True)
    ds.write_dataset(counted(), out, schema=reader.schema, format="parquet",
                     partitioning=ds.partitioning(pa.schema([("day", pa.string())]), flavor="hive"),
                     existing_data_behavior="overwrite_or_ignore",
                     basename_template="events-{i}.parquet")
    return total


def render_text(rows: list[dict], columns: list[str], fmt: str) -> str:
    """CSV or JSON text of query rows (the `events` / `dyads` outputs)."""
    if fmt == "json":
        return json.dumps([{c: _json(r.get(c)) for c in columns} for r in rows], ensure_ascii=False,
                          indent=2) + "\n"
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(columns)
    for r in rows:
        w.writerow([_cell(r.get(c)) for c in columns])
    return buf.getvalue()


def _json(value):
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value
