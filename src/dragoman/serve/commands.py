"""`dragoman serve`: the web explorer on a local port (SPEC §3)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dragoman.config import DEFAULT_DB


def serve(db: Annotated[str, typer.Option("--db", help="The store to explore (opened read-only).")] = DEFAULT_DB,
          host: Annotated[str, typer.Option("--host", help="Address to bind; the default keeps it on this machine.")]
          = "127.0.0.1",
          port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")] = 8000) -> None:
    """Open the web explorer and its read-only JSON API over a store."""
    if not Path(db).exists():
        raise typer.BadParameter(f"no such store: {db} (create it with `dragoman ingest PATH --db {db}`)")
    import uvicorn

    from dragoman.serve.app import create_app

    app = create_app(db)  # a corrupt or locked store: StoreError, one line and exit 1 like every command
    typer.echo(f"Dragoman explorer on http://{host}:{port}/  (store {db}, read-only; Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
