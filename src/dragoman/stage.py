"""How a pipeline stage declares its contract, as spaCy components do.

A stage is a factory ``create(options) -> stage(doc, parsed)``, made once per
process.  It is registered with the Document fields it *requires* (filled by
cleaning or by an earlier stage) and the ones it *assigns*:

    @stage("quotes", requires=("text", "actors"), assigns=("quotes",))
    def create(options): ...

`dragoman.pipeline` imports the stage packages by name in data-flow order and
checks, when a coder is made, that every stage's requirements are met by what
comes before it: a reordered or missing stage fails at start-up with a clear
message instead of silently coding with an empty field.  (spaCy's
``Language.component(requires=…, assigns=…)`` is the model; like spaCy's,
the declaration is a contract checked on the order, not on the values.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

#: What cleaning and the reader put in a Document before any stage runs.
FROM_CLEANING = ("id", "text", "title", "published", "source", "url", "language", "media", "removed")


@dataclass(frozen=True)
class StageSpec:
    name: str
    factory: Callable
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


REGISTRY: dict[str, StageSpec] = {}


def stage(name: str, requires: tuple[str, ...], assigns: tuple[str, ...]):
    """Register a stage factory under ``name`` with its contract."""

    def register(factory: Callable) -> Callable:
        REGISTRY[name] = StageSpec(name, factory, tuple(requires), tuple(assigns))
        return factory

    return register


def check_order(specs: list[StageSpec]) -> None:
    """Raise ValueError when a stage needs a field nothing before it assigns."""
    available = set(FROM_CLEANING)
    for spec in specs:
        missing = [f for f in spec.requires if f not in available]
        if missing:
            raise ValueError(f"stage {spec.name!r} needs {', '.join(missing)}, which no stage before it assigns")
        available.update(spec.assigns)
