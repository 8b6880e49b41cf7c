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


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    gdelt = "gdelt"
    plover = "plover"


Db = Annotated[str, typer.Option("--db", help="DuckDB store file.")]
Reports = Annotated[bool, typer.Option("--reports", help="Every report, not deduplicated events.")]


def _open_store(db: str):
    """The store, read-only; a missing file is a usage error (exit 2).  A store that
    will not open (locked by an ingest, damaged) is left to `_store_errors`."""
    from dragoman.errors import UsageError
    from dragoman.store.db import connect

    try:
        return connect(db, read_only=True)
    except FileNotFoundError:
        raise UsageError(f"no such store: {db} (run `dragoman ingest` first)")


def _store_errors(command):
    """A command whose store turns out corrupt, locked or not writable, at opening or at any
    read or write after, ends with one line naming the file and the cause (exit 1), never with
    an internal error."""
    import functools

    @functools.wraps(command)
    def run(*args, **kwargs):
        from dragoman.store.db import is_store_failure, store_error

        try:
            return command(*args, **kwargs)
        except Exception as exc:
            if is_store_failure(exc):
                raise store_error(kwargs.get("db", DEFAULT_DB), exc) from exc
            raise

    return run


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
        short = col in ("day", "period", "type", "status", "direction", "num_articles")
        table.add_column(col.replace("num_", ""), overflow="fold", no_wrap=short,
                         ratio=None if short else (3 if col == "evidence" else 1))
    for row in rows:
        table.add_row(*[_cell(row.get(c)) for c in shown])
    Console(highlight=False, soft_wrap=True).print(table)


def register(app: typer.Typer) -> None:
    from dragoman.cli import (Jsonl, Kb, Lang, MaxBytes, Published, Quiet, Source,
                              coder_options, err, read_options, report_skip, say, set_quiet)

    # Filter values stay text here: the store's EventFilter checks them, as it does the API's.
    Since = Annotated[Optional[str], typer.Option("--since", help="From day YYYY-MM-DD.")]
    Until = Annotated[Optional[str], typer.Option("--until", help="To day YYYY-MM-DD.")]
    Status = Annotated[Optional[str], typer.Option(
        "--status", help="asserted (default), future, hypothetical, negated: comma-separated, or all.")]

    @app.command()
    @_store_errors
    def ingest(paths: Annotated[Optional[list[str]], typer.Argument(
                   help="Files, folders, archives, or - for standard input (optional with --recode).")] = None,
               db: Db = DEFAULT_DB, published: Published = None, source: Source = None,
               lang: Lang = None, max_bytes: MaxBytes = 5 * 1024 * 1024, jsonl: Jsonl = False,
               kb: Kb = None,
               workers: Annotated[int, typer.Option("--workers", min=1, help="Local coding processes.")] = 1,
               dask: Annotated[Optional[str], typer.Option(
                   "--dask", help="Dask scheduler address, e.g. tcp://host:8786.")] = None,
               recode: Annotated[bool, typer.Option(
                   "--recode", help="Re-code stored articles coded by another coder version, in place "
                                    "(after storing PATHS, if given).")] = False,
               quiet: Quiet = False,
               ) -> None:
        """Code articles and store them (idempotent, resumable); --recode refreshes stale codings."""
        from dragoman.errors import UsageError
        from dragoman.ingest import read_paths
        from dragoman.store.db import connect
        from dragoman.store.ingest import ingest as run_ingest

        set_quiet(quiet)
        if not paths and not recode:
            raise UsageError("Missing argument 'PATHS...' (or --recode to re-code the store).")
        con = connect(db)  # a locked or damaged store: see _store_errors
        skipped = 0
        try:
            if paths:
                items = read_paths(paths, read_options(published, source, max_bytes, jsonl))
                with _progress(err) as bar:
                    summary = run_ingest(paths, con, items, coder_options(lang, kb), workers=workers,
                                         dask=dask, on_skip=report_skip, on_progress=bar.update)
                say(summary.line(db))
                skipped += summary.skipped
            if recode:
                from dragoman.store import recode as recoding
                from dragoman.version import coder_version

                options = coder_options(lang, kb)
                with _progress(err, "re-coding…") as bar:
                    summary = recoding.recode(con, options, workers=workers, dask=dask,
                                              on_skip=report_skip, on_progress=bar.update)
                say(recoding.line(summary, db, coder_version(options.kb_paths)))
                skipped += summary.skipped
        finally:
            con.close()
        if skipped:
            raise typer.Exit(3)

    @app.command()
    @_store_errors
    def events(db: Db = DEFAULT_DB,
               actor: Annotated[Optional[str], typer.Option("--actor", help="Country, actor code or name.")] = None,
               recipient: Annotated[Optional[str], typer.Option("--recipient", help="Country, actor code or name.")] = None,
               type: Annotated[Optional[str], typer.Option("--type", help="PLOVER type, e.g. CONSULT.")] = None,
               status: Status = None, since: Since = None, until: Until = None,
               country: Annotated[Optional[str], typer.Option("--country", help="Country (ISO3) of the event's place.")] = None,
               place: Annotated[Optional[str], typer.Option("--place", help="Name of the event's place.")] = None,
               quad_class: Annotated[Optional[str], typer.Option("--quad-class", help="QuadClass 1-4.")] = None,
               text: Annotated[Optional[str], typer.Option("--text", help="Words in the evidence or the title.")] = None,
               format: Annotated[QueryFormat, typer.Option("--format")] = QueryFormat.table,
               reports: Reports = False,
               undated: Annotated[bool, typer.Option(
                   "--undated", help="Only events with no day: background events (date_source none) "
                                     "and dates coarser than a day; they stay out of dyads.")] = False,
               limit: Annotated[Optional[int], typer.Option("--limit", min=1)] = None) -> None:
        """Stored events: asserted ones unless --status, deduplicated across articles unless --reports."""
        from dragoman.store import queries

        flt = _filter(actor=actor, recipient=recipient, type=type, status=status, since=since, until=until,
                      country=country, place=place, quad_class=quad_class, q=text, reports=reports,
                      undated=undated)
        con = _open_store(db)
        try:
            rows = [queries.flat(r) for r in queries.events(con, flt, limit=limit)]
        finally:
            con.close()
        _print_rows(rows, queries.EVENT_COLUMNS, format, "Events" if not reports else "Reports",
                    ["day", "type", "status", "actors", "recipients", "num_articles", "evidence"])

    @app.command()
    @_store_errors
    def dyads(a: Annotated[str, typer.Option("--a", help="One side: country, actor code or name.")],
              b: Annotated[str, typer.Option("--b", help="The other side.")],
              db: Db = DEFAULT_DB,
              freq: Annotated[str, typer.Option("--freq", help="day, week, month or year.")] = "month",
              directed: Annotated[bool, typer.Option("--directed", help="Split A>B, B>A and A<>B.")] = False,
              status: Status = None, since: Since = None, until: Until = None,
              type: Annotated[Optional[str], typer.Option("--type", help="PLOVER type, e.g. CONSULT.")] = None,
              format: Annotated[QueryFormat, typer.Option("--format")] = QueryFormat.table,
              reports: Reports = False) -> None:
        """The relation between two actors over time: QuadClass counts, Goldstein and PLOVER sums.

        An event joins the dyad when one side acts on the other, or both act together with no
        recipient; asserted events only unless --status; each deduplicated event once unless --reports.
        """
        from dragoman.errors import UsageError
        from dragoman.store import queries

        flt = _filter(type=type, status=status, since=since, until=until, reports=reports)
        try:
            a, b, freq = queries.check_key("a", a), queries.check_key("b", b), queries.check_freq(freq)
        except queries.FilterError as exc:
            raise UsageError(str(exc))
        con = _open_store(db)
        try:
            rows = queries.dyads(con, a, b, freq, directed, flt)
        finally:
            con.close()
        _print_rows(rows, queries.DYAD_COLUMNS, format, f"{a} – {b} by {freq} ({', '.join(flt.status)})",
                    queries.DYAD_COLUMNS[:9])

    @app.command()
    @_store_errors
    def export(format: Annotated[ExportFormat, typer.Option("--format", help="jsonl, csv, parquet, gdelt or plover.")],
               out: Annotated[str, typer.Option("--out", help="File (directory for parquet); - for stdout.")],
               db: Db = DEFAULT_DB,
               dyadic: Annotated[bool, typer.Option("--dyadic", help="gdelt: one row per actor × recipient.")] = False,
               status: Status = None,
               header: Annotated[bool, typer.Option("--header", help="gdelt: a first line naming the columns.")] = False,
               ) -> None:
        """Export the store: SPEC records, event CSV, Parquet by day, GDELT 2.0 events or PLOVER records.

        Event exports (csv, parquet, gdelt, plover) hold asserted events unless --status asks for
        others; jsonl writes whole records, every event with its status.
        """
        from dragoman.errors import UsageError
        from dragoman.store.export import export as run_export

        statuses = _filter(status=status).status
        con = _open_store(db)
        try:
            n = run_export(con, format.value, out, dyadic, statuses=statuses, header=header)
        except ValueError as exc:
            raise UsageError(str(exc))
        finally:
            con.close()
        if out != "-":
            say(f"dragoman: wrote {n} {'records' if format == ExportFormat.jsonl else 'rows'} to {out}")


def _filter(**values):
    """The store's EventFilter; a bad value is a usage error (exit 2) with the store's message,
    the same words the API answers a 422 with."""
    from dragoman.errors import UsageError
    from dragoman.store.queries import EventFilter, FilterError

    try:
        return EventFilter(**values)
    except FilterError as exc:
        raise UsageError(str(exc))


class _progress:
    """A Rich progress line on a terminal; nothing otherwise."""

    def __init__(self, console, description: str = "ingesting…"):
        self.console = console
        self.description = description
        self.bar = None

    def __enter__(self):
        from dragoman.cli import QUIET

        if self.console.is_terminal and not QUIET["on"]:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                console=self.console, transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.description, total=None)
        return self

    def update(self, summary) -> None:
        if self.bar is not None:
            self.bar.update(self.task, description=(
                f"{summary.stored} coded · {summary.duplicates} already stored · "
                f"{summary.skipped} skipped · {summary.events} events · {summary.rate:.1f} articles/s"))

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
