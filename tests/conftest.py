"""Shared test fixtures: one spaCy load per session, and ../shared when present."""

from __future__ import annotations

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
def coder():
    from dragoman.pipeline import Coder

    return Coder()
