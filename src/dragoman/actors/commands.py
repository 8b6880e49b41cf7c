"""`dragoman kb ...`: look up, check and extend the actor knowledge base.

A user's additions live in their own TSV file (same columns as the built-in
tables, see dragoman/data/actors/README.md) that `dragoman code --kb FILE`
reads on top of the built-in knowledge.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from dragoman.actors.kb import (SECTORS, TABLE_COLUMNS, KnowledgeBase, builtin_files, fold, phoenix_agents_file,
                                phoenix_file, phoenix_org_file, validate_file)

kb_app = typer.Typer(help="Actor knowledge base: look up, check, add entries.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(kb_app, name="kb")


def _append_row(path: Path, table: str, row: dict) -> None:
    """Append one row to a user KB file, writing the header when the file is new."""
    columns = TABLE_COLUMNS[table]
    new = not path.exists() or path.stat().st_size == 0
    if not new:
        header = next((line for line in path.read_text(encoding="utf-8").splitlines()
                       if line.strip() and not line.startswith("#")), "")
        if header.split("\t")[: len(columns)] != columns:
            raise typer.BadParameter(f"{path} is not a {table} file (its header is {header!r})")
    with open(path, "a", encoding="utf-8") as handle:
        if new:
            handle.write("\t".join(columns) + "\n")
        handle.write("\t".join(row.get(c, "") for c in columns) + "\n")


def _check_sector(sector: Optional[str]) -> str:
    if sector and sector not in SECTORS:
        raise typer.BadParameter(f"sector must be one of {' '.join(sorted(SECTORS))}")
    return sector or "-"


def _check_date(value: Optional[str]) -> str:
    if not value:
        return ""
    try:
        return _dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)")


File = Annotated[Path, typer.Option("--file", help="User KB file to append to (pass it to `code --kb`).")]
Aliases = Annotated[Optional[str], typer.Option("--aliases", help="Other names, separated by |.")]


@kb_app.command("add-person")
def add_person(name: str, country: Annotated[str, typer.Option(help="ISO3 code, or IGO.")],
               role: Annotated[str, typer.Option(help="Office, e.g. 'Foreign Minister'.")],
               sector: Annotated[str, typer.Option(help="SPEC §2 sector.")] = "GOV",
               start: Annotated[Optional[str], typer.Option(help="First day in office, YYYY-MM-DD.")] = None,
               end: Annotated[Optional[str], typer.Option(help="Day the office ended (empty: still held).")] = None,
               aliases: Aliases = None, file: File = Path("dragoman-people.tsv")) -> None:
    """Add an office holder (one row per office) to a user people file."""
    row = {"name": name, "aliases": aliases or "", "country": country.upper(), "sector": _check_sector(sector),
           "role": role, "start": _check_date(start), "end": _check_date(end)}
    _append_row(file, "people", row)
    _report(file)


@kb_app.command("add-org")
def add_org(name: str, country: Annotated[str, typer.Option(help="ISO3 code, IGO, or - for none.")],
            sector: Annotated[str, typer.Option(help="SPEC §2 sector.")],
            kind: Annotated[str, typer.Option(help="organization, group or ignore.")] = "organization",
            aliases: Aliases = None, file: File = Path("dragoman-organizations.tsv")) -> None:
    """Add a named organisation or group to a user organisations file."""
    row = {"name": name, "aliases": aliases or "", "kind": kind, "country": country.upper(),
           "sector": _check_sector(sector)}
    _append_row(file, "organizations", row)
    _report(file)


def _report(file: Path) -> None:
    problems = validate_file(file)
    for problem in problems:
        typer.echo(problem, err=True)
    if problems:
        raise typer.Exit(1)
    typer.echo(f"added to {file}; use it with: dragoman code --kb {file} ...")


@kb_app.command("check")
def check(files: Annotated[Optional[list[Path]], typer.Argument(help="KB files; default: the built-in ones.")] = None
          ) -> None:
    """Validate KB files: codes, sectors, dates; exit 1 on any problem."""
    paths = files or [*builtin_files().values(), phoenix_file(), phoenix_org_file(), phoenix_agents_file()]
    problems = [p for path in paths for p in validate_file(path)]
    for problem in problems:
        typer.echo(problem, err=True)
    if problems:
        raise typer.Exit(1)
    typer.echo(f"ok: {len(paths)} file(s)")


@kb_app.command("lookup")
def lookup(name: str, date: Annotated[Optional[str], typer.Option("--date", help="YYYY-MM-DD; default today.")] = None,
           kb: Annotated[Optional[list[str]], typer.Option("--kb", help="Extra KB file.")] = None) -> None:
    """What the knowledge base knows about a name on a date."""
    base = KnowledgeBase.load(kb or ())
    day = _dt.date.fromisoformat(_check_date(date)) if date else _dt.date.today()
    found = False
    office = base.office_on(name, day)
    if office:
        held, current = office
        state = "" if current else " (former)"
        typer.echo(f"person: {held.name} — {held.role}{state}, {held.country} {held.sector or ''}")
        found = True
    iso3 = base.country_of(name) or base.country_capitals.get(fold(name)) or base.country_metonyms.get(fold(name))
    if iso3:
        typer.echo(f"country: {iso3} ({base.country_name(iso3)})")
        found = True
    org = base.org_names.get(fold(name).removeprefix("the "))
    if org:
        typer.echo(f"{org.kind}: {org.name} — {org.country or '-'} {org.sector or ''}")
        found = True
    if not found:
        typer.echo(f"{name}: not in the knowledge base")
        raise typer.Exit(1)
