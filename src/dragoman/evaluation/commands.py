"""`dragoman eval GOLD...`: score the coder against gold files (SPEC §4).

Prints a Rich table per component present in the gold (zeros included, so
stages that are still empty show), or one JSON object with ``--json``.
Exit status as SPEC §1: 0 when every article was coded, 3 when any was
skipped or a gold file was unreadable (its scores are printed all the same).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

TITLES = {
    "body": "Body (word multisets; P, R averaged over documents)",
    "removed": "Removed lines (share absent from the body)",
    "title": "Title (exact, extra)",
    "source": "Source (exact, extra)",
    "media": "Media captions and credits (exact, extra)",
    "actors": "Actors",
    "events": "Events (triples, micro over documents)",
    "event_types": "Event type accuracy (sentence-level files)",
    "quotes": "Quotes",
    "timexes": "Timexes (recall)",
    "places": "Places (recall, within 161 km)",
}


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return "" if value is None else str(value)


def summary_table(title: str, rows: dict[str, dict]) -> Table:
    """One table: a row per score or count, a column per labelled summary (narrow terminals fit)."""
    table = Table(title=title, title_justify="left")
    table.add_column("")
    for label in rows:
        table.add_column(label, justify="right")
    first = next(iter(rows.values()))
    for key in first:
        table.add_row(key.replace("_", " "), *(_cell(values.get(key)) for values in rows.values()))
    return table


def per_file_table(rows: list[dict]) -> Table:
    """Event and quote counts per file, for finding where a score is lost."""
    table = Table(title="Per file", title_justify="left")
    table.add_column("file", overflow="fold", ratio=3)
    for col in ("events tp/fp/fn/opt", "quotes tp/fp/fn", "speakers ok/n", "skipped"):
        table.add_column(col, justify="right", ratio=1)
    for row in rows:
        ev, q = row.get("events"), row.get("quotes")
        if not ev and not q:
            continue
        table.add_row(Path(row["path"]).name,
                      "/".join(str(ev[k]) for k in ("tp", "fp", "fn", "matched_optional")) if ev else "",
                      "/".join(str(q[k]) for k in ("tp", "fp", "fn")) if q else "",
                      f"{q['speaker_correct']}/{q['speaker_total']}" if q else "",
                      row.get("skipped") or "")
    return table


def per_type_table(per_type: dict[str, dict]) -> Table:
    """Event triples by PLOVER type: where precision and recall are lost."""
    table = Table(title="Events by type (triples)", title_justify="left")
    for col in ("type", "gold", "system", "precision", "recall", "f1"):
        table.add_column(col, justify="left" if col == "type" else "right")
    for type_, row in per_type.items():
        table.add_row(type_, *(_cell(row[k]) for k in ("gold", "system", "precision", "recall", "f1")))
    return table


def anchors_table(events: dict) -> Table:
    """Date and location accuracy on matched events (gold events that carry one)."""
    table = Table(title="Matched events: date and location", title_justify="left")
    for col in ("", "with gold value", "correct", "accuracy"):
        table.add_column(col, justify="right")
    for name, key in (("date", "date_accuracy"), ("location", "location_accuracy")):
        row = events[key]
        table.add_row(name, *(_cell(v) for v in row.values()))
    for name in ("date", "location"):
        for source, row in (events.get(f"{name}_by_source") or {}).items():
            table.add_row(f"{name} ({source})", *(_cell(v) for v in row.values()))
    return table


def print_report(data: dict, out: Console, per_file: bool) -> None:
    for component, title in TITLES.items():
        if component not in data:
            continue
        rows = data[component] if component == "quotes" else {component: data[component]}
        if component == "quotes":
            rows = {"all": rows["all"], "direct+mixed": rows["direct_mixed"]}
        if component == "events":
            flat = {k: v for k, v in data[component].items() if not isinstance(v, dict)}
            out.print(summary_table(title, {component: flat}))
            out.print(per_type_table(data[component]["per_type"]))
            out.print(anchors_table(data[component]))
            continue
        out.print(summary_table(title, rows))
    if per_file and data.get("per_file"):
        out.print(per_file_table(data["per_file"]))
    rate = data["files"] / data["seconds"] if data["seconds"] else 0.0
    out.print(f"{data['files']} files: {data['coded']} coded, {data['skipped']} skipped, "
              f"{data['unreadable']} unreadable; {data['seconds']:.1f} s ({rate:.1f} files/s)")


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_command(
        gold: Annotated[list[str], typer.Argument(help="Gold files or folders (their *.json, recursively).")],
        as_json: Annotated[bool, typer.Option("--json", help="Print all scores as one JSON object.")] = False,
        per_file: Annotated[bool, typer.Option("--per-file", help="Also list event and quote scores per file.")] = False,
        lang: Annotated[Optional[str], typer.Option("--lang", help="Language code; default: detect.")] = None,
    ) -> None:
        """Score the coder against gold files (SPEC §4) and print a table per component."""
        from dragoman.cli import say  # skip lines obey the global --quiet
        from dragoman.evaluation.runner import evaluate
        from dragoman.pipeline import Coder, CoderOptions, default_coder

        coder = default_coder() if lang is None else Coder(CoderOptions(language=lang))
        report = evaluate(gold, coder, on_skip=say)
        data = report.to_dict(per_file=per_file)
        if as_json:
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        else:
            print_report(data, Console(highlight=False), per_file)
        if report.skipped or report.unreadable:
            raise typer.Exit(3)
