"""The store's commands: `ingest`, `events`, `dyads`, `export` (SPEC §3)."""


import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from dragoman.config import DEFAULT_DB


class QueryFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class Freq(str, Enum):
    day = "day"
    week = "week"
    month = "month"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    gdelt = "gdelt"


Db = Annotated[str, typer.Option("--db", help="DuckDB store file.")]
Reports = Annotated[bool, typer.Option("--reports", help="Every report, not deduplicated events.")]


def _open_store(db: str):
    """The store, read-only; a missing file is a usage error (exit 2)."""
    from dragoman.errors import UsageError
    from dragoman.store.db import connect

    import duckdb

    try:
        return connect(db, read_only=True)
    except FileNotFoundError:
        raise UsageError(f"no such store: {db} (run `dragoman ingest` first)")
    except duckdb.IOException as exc:  # held by a running ingest, say
        raise _cannot_open(db, exc)


def _cannot_open(db: str, exc: Exception) -> typer.Exit:
    from dragoman.cli import err

    err.print(f"dragoman: cannot open {db}: {str(exc).splitlines()[0]}", markup=False)
    return typer.Exit(1)


def _print_rows(rows: list[dict], columns: list[str], fmt: QueryFormat, title: str,
                table_columns: Optional[list[str]] = None) -> None:
    if fmt != QueryFormat.table:
        from dragoman.store.export import render_text

        sys.stdout.write(render_text(rows, columns, fmt.value))
        sys.stdout.flush()
        return
    from rich.console import Console
    from rich.table import Table

    from dragoman.store.export import _cell

    shown = table_columns or columns
    table = Table(title=f"{title} ({len(rows)})", expand=True)
    for col in shown:
        short = col in ("day", "period", "type", "direction", "num_articles")
        table.add_column(col.replace("num_", ""), overflow="fold", no_wrap=short,
                         ratio=None if short else (3 if col == "evidence" else 1))
    for row in rows:
        table.add_row(*[_cell(row.get(c)) for c in shown])
    Console(highlight=False, soft_wrap=True).print(table)


def register(app: typer.Typer) -> None:
    from dragoman.cli import (Jsonl, Kb, Lang, MaxBytes, Paths, Published, Source, check_date,
                              coder_options, err, read_options, report_skip)

    Since = Annotated[Optional[str], typer.Option("--since", callback=check_date, help="From day YYYY-MM-DD.")]
    Until = Annotated[Optional[str], typer.Option("--until", callback=check_date, help="To day YYYY-MM-DD.")]

    @app.command()
    def ingest(paths: Paths, db: Db = DEFAULT_DB, published: Published = None, source: Source = None,
               lang: Lang = None, max_bytes: MaxBytes = 5 * 1024 * 1024, jsonl: Jsonl = False,
               kb: Kb = None,
               workers: Annotated[int, typer.Option("--workers", min=1, help="Local coding processes.")] = 1,
               dask: Annotated[Optional[str], typer.Option(
                   "--dask", help="Dask scheduler address, e.g. tcp://host:8786.")] = None,
               ) -> None:
        """Code articles and store them (idempotent, resumable)."""
        from dragoman.ingest import read_paths
        from dragoman.store.db import connect
        from dragoman.store.ingest import ingest as run_ingest

        import duckdb

        try:
            con = connect(db)
        except duckdb.IOException as exc:  # another process holds the store
            raise _cannot_open(db, exc)
        items = read_paths(paths, read_options(published, source, max_bytes, jsonl))
        progress = _progress(err)
        try:
            with progress as bar:
                summary = run_ingest(paths, con, items, coder_options(lang, kb), workers=workers,
                                     dask=dask, on_skip=report_skip, on_progress=bar.update)
        finally:
            con.close()
        err.print(summary.line(db), markup=False)
        if summary.skipped:
            raise typer.Exit(3)

    @app.command()
    def events(db: Db = DEFAULT_DB,
               actor: Annotated[Optional[str], typer.Option("--actor", help="Country, actor code or name.")] = None,
               recipient: Annotated[Optional[str], typer.Option("--recipient", help="Country, actor code or name.")] = None,
               type: Annotated[Optional[str], typer.Option("--type", help="PLOVER type, e.g. CONSULT.")] = None,
               since: Since = None, until: Until = None,
               format: Annotated[QueryFormat, typer.Option("--format")] = QueryFormat.table,
               reports: Reports = False,
               limit: Annotated[Optional[int], typer.Option("--limit", min=1)] = None) -> None:
        """Stored events (deduplicated across articles unless --reports)."""
        from dragoman.store import queries

        con = _open_store(db)
        try:
            rows = queries.events(con, queries.EventFilter(actor, recipient, type, since, until),
                                  reports=reports, limit=limit)
        finally:
            con.close()
        _print_rows(rows, queries.EVENT_COLUMNS, format, "Events",
                    ["day", "type", "actors", "recipients", "num_articles", "evidence"])

    @app.command()
    def dyads(a: Annotated[str, typer.Option("--a", help="One side: country, actor code or name.")],
              b: Annotated[str, typer.Option("--b", help="The other side.")],
              db: Db = DEFAULT_DB,
              freq: Annotated[Freq, typer.Option("--freq")] = Freq.month,
              directed: Annotated[bool, typer.Option("--directed", help="Split A>B and B>A.")] = False,
              format: Annotated[QueryFormat, typer.Option("--format")] = QueryFormat.table,
              reports: Reports = False) -> None:
        """The relation between two actors over time: QuadClass counts, Goldstein and PLOVER sums."""
        from dragoman.store import queries

        con = _open_store(db)
        try:
            rows = queries.dyads(con, a, b, freq.value, directed, reports)
        finally:
            con.close()
        _print_rows(rows, queries.DYAD_COLUMNS, format, f"{a} – {b} by {freq.value}")

    @app.command()
    def export(format: Annotated[ExportFormat, typer.Option("--format", help="jsonl, csv, parquet or gdelt.")],
               out: Annotated[str, typer.Option("--out", help="File (directory for parquet); - for stdout.")],
               db: Db = DEFAULT_DB,
               dyadic: Annotated[bool, typer.Option("--dyadic", help="gdelt: one row per actor × recipient.")] = False,
               ) -> None:
        """Export the store: SPEC records, event CSV, Parquet by day, or GDELT 2.0 events."""
        from dragoman.errors import UsageError
        from dragoman.store.export import export as run_export

        con = _open_store(db)
        try:
            n = run_export(con, format.value, out, dyadic)
        except ValueError as exc:
            raise UsageError(str(exc))
        finally:
            con.close()
        if out != "-":
            err.print(f"dragoman: wrote {n} {'records' if format == ExportFormat.jsonl else 'rows'} to {out}",
                      markup=False)


class _progress:
    """A Rich progress line on a terminal; nothing otherwise."""

    def __init__(self, console):
        self.console = console
        self.bar = None

    def __enter__(self):
        if self.console.is_terminal:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                console=self.console, transient=True)
            self.bar.start()
            self.task = self.bar.add_task("ingesting…", total=None)
        return self

    def update(self, summary) -> None:
        if self.bar is not None:
            self.bar.update(self.task, description=(
                f"{summary.stored} coded · {summary.duplicates} already stored · "
                f"{summary.skipped} skipped · {summary.events} events · {summary.rate:.1f} articles/s"))

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
