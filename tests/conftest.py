"""Shared test fixtures: one spaCy load per session, and ../shared when present."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not present (as on a user's machine)")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline the coder uses (dragoman.nlp.load caches it per process)."""
    from dragoman import nlp as dragoman_nlp

    return dragoman_nlp.load()


@pytest.fixture(scope="session")
def coder():
    from dragoman.pipeline import Coder

    return Coder()


def run_cli(monkeypatch, capsys, *args):
    """Run `dragoman ARGS...` in-process: (exit status, stdout, stderr)."""
    from dragoman import cli

    monkeypatch.setattr(sys, "argv", ["dragoman", *args])
    with pytest.raises(SystemExit) as exc:
        cli.main()
    out, err = capsys.readouterr()
    return exc.value.code, out, err
