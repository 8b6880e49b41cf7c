"""The `dragoman` command: a thin layer over the Python API (SPEC §1, §3).

Exit status: 0 all coded, 3 something skipped, 2 bad usage, 1 internal error.
Commands other than `code` live with their stage and register themselves here.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import sys
from enum import Enum
from typing import Annotated, Optional

import typer
from rich.console import Console

from dragoman.errors import Skip, StoreError, UsageError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  context_settings={"help_option_names": ["-h", "--help"]},  # -h on every command
                  help="Political event data from news articles.")

#: Modules that add their own commands with ``register(app)``.
COMMAND_MODULES = ["dragoman.actors.commands", "dragoman.store.commands", "dragoman.serve.commands", "dragoman.evaluation.commands"]

err = Console(stderr=True, highlight=False, soft_wrap=True)
DEBUG = {"on": False}
#: --quiet: no progress, skip or summary lines on stderr (errors still print; exit codes unchanged).
QUIET = {"on": False}


def say(line: str) -> None:
    """A progress, skip or summary line on stderr, unless --quiet."""
    if not QUIET["on"]:
        err.print(line, markup=False)


def set_quiet(quiet: bool) -> None:
    """A command's own --quiet (the global one is set before it runs)."""
    if quiet:
        QUIET["on"] = True


def check_date(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    try:
        return _dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)")


# Reading options shared by every command that reads articles.
Paths = Annotated[list[str], typer.Argument(help="Files, folders, archives, or - for standard input.")]
Published = Annotated[Optional[str], typer.Option("--published", callback=check_date,
                                                  help="Publication date YYYY-MM-DD (an article's own wins).")]
Source = Annotated[Optional[str], typer.Option("--source", help="Source name for articles that give none.")]
Lang = Annotated[Optional[str], typer.Option("--lang", help="Language code; default: detect.")]
MaxBytes = Annotated[int, typer.Option("--max-bytes", min=1, help="Skip inputs larger than this.")]
Jsonl = Annotated[bool, typer.Option("--jsonl", help="Read standard input as JSONL.")]
Kb = Annotated[Optional[list[str]], typer.Option("--kb", help="Extra knowledge-base file (repeatable).")]


def read_options(published, source, max_bytes, jsonl):
    from dragoman.ingest import ReadOptions

    return ReadOptions(published=published, source=source, max_bytes=max_bytes, stdin_jsonl=jsonl)


def coder_options(lang, kb):
    from dragoman.pipeline import CoderOptions

    return CoderOptions(language=lang, kb_paths=tuple(kb or ()))


def report_skip(skip: Skip) -> None:
    say(skip.line())


Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress, skip or summary lines (exit status unchanged).")]


def _show_version(value: bool) -> None:
    if value:
        from dragoman import __version__
        from dragoman.version import coder_version

        sys.stdout.write(f"dragoman {__version__} (coder {coder_version()})\n")
        raise typer.Exit(0)


class OutFormat(str, Enum):
    json = "json"
    table = "table"


@app.callback()
def _main(debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
          quiet: Quiet = False,
          version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_show_version,
                                                help="Print the version and the coder version, and exit.")] = False,
          ) -> None:
    DEBUG["on"] = debug
    QUIET["on"] = quiet


@app.command()
def code(paths: Paths, published: Published = None, source: Source = None, lang: Lang = None,
         max_bytes: MaxBytes = 5 * 1024 * 1024, jsonl: Jsonl = False, kb: Kb = None,
         pretty: Annotated[bool, typer.Option("--pretty", help="Indent the JSON.")] = False,
         format: Annotated[OutFormat, typer.Option("--format", help="json (JSONL) or table.")] = OutFormat.json,
         quiet: Quiet = False,
         ) -> None:
    """Code articles and print one JSON record per article (or tables)."""
    set_quiet(quiet)
    from dragoman.ingest import read_paths
    from dragoman.model import Document
    from dragoman.pipeline import Coder

    coder = Coder(coder_options(lang, kb))
    out = Console(highlight=False, soft_wrap=True)
    skipped = 0
    for item in coder.code_many(read_paths(paths, read_options(published, source, max_bytes, jsonl))):
        if isinstance(item, Skip):
            skipped += 1
            report_skip(item)
            continue
        assert isinstance(item, Document)
        if format == OutFormat.table:
            from dragoman.render import print_document

            print_document(item, out)
        else:
            sys.stdout.write(item.to_json(pretty=pretty) + "\n")
            sys.stdout.flush()
    if skipped:
        raise typer.Exit(3)


for _module in COMMAND_MODULES:
    try:
        importlib.import_module(_module).register(app)
    except (ImportError, AttributeError):
        pass  # that stage has no commands yet


def main() -> None:
    try:
        rv = app(standalone_mode=False)
        sys.exit(rv if isinstance(rv, int) else 0)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.BadParameter, UsageError) as exc:
        # an option's own check (min=, a callback) knows the option: name it in the message
        named = isinstance(exc, typer.BadParameter) and (exc.param is not None or exc.param_hint)
        err.print(f"dragoman: {exc.format_message() if named else exc}", markup=False)
        sys.exit(2)
    except StoreError as exc:  # corrupt, locked or not writable: the line says which file and why
        err.print(f"dragoman: {exc}", markup=False)
        sys.exit(1)
    except Exception as exc:  # click usage errors and internal errors
        from typer import _click as click  # typer vendors its own click

        if isinstance(exc, click.exceptions.ClickException):
            err.print(f"dragoman: {exc.format_message()}", markup=False)
            sys.exit(exc.exit_code)
        if DEBUG["on"] or "--debug" in sys.argv:
            raise
        err.print(f"dragoman: internal error: {exc.__class__.__name__}: {exc}", markup=False)
        sys.exit(1)


if __name__ == "__main__":
    main()
