"""The learned event models, loaded once per process and used in batches.

Four spaCy ``textcat`` components, trained by ``make train`` from the team's
corpus (`dragoman.training`) and shipped in ``data/models/events/``:

- ``type``: is this candidate trigger an event, and of which PLOVER type (or NONE);
- ``mode``: the PLOVER mode given the type ("RETREAT:withdraw");
- ``status``: asserted / future / hypothetical / negated;
- ``role``: is this entity the event's actor, its recipient, or neither.

Each reads a bag of feature strings from `dragoman.events.features`.  The
weights are stored without spaCy's string table (hashed features need none),
which keeps them small; each prediction runs in a memory zone so feature
strings never pile up in a long ingest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from dragoman.events.labels import MODE_LABELS, ROLE_LABELS, STATUSES, TYPE_LABELS

TASKS = ("type", "mode", "status", "role")
LABELS = {"type": TYPE_LABELS, "mode": MODE_LABELS, "status": STATUSES, "role": ROLE_LABELS}


def models_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "models" / "events"


def config_path(task: str) -> Path:
    return Path(__file__).resolve().parent.parent / "training" / "configs" / f"{task}.cfg"


def blank_classifier(task: str):
    """A blank spaCy pipeline holding the task's untrained textcat, built from its config."""
    import spacy
    from spacy.util import load_config

    cfg = load_config(config_path(task), interpolate=False)
    comp = dict(cfg["components"]["textcat"])
    comp.pop("factory", None)
    nlp = spacy.blank("en")
    nlp.add_pipe("textcat", config=comp)
    return nlp


@dataclass
class Classifier:
    """One trained textcat over feature bags."""

    task: str
    nlp: object

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.nlp.get_pipe("textcat").labels)

    def scores(self, bags: Sequence[list[str]]) -> list[dict[str, float]]:
        """Label probabilities for each bag."""
        if not bags:
            return []
        from spacy.tokens import Doc

        textcat = self.nlp.get_pipe("textcat")
        labels = textcat.labels
        with self.nlp.memory_zone():
            docs = [Doc(self.nlp.vocab, words=[f.replace(" ", "_") for f in bag] or ["<empty>"]) for bag in bags]
            probs = textcat.model.predict(docs)
        rows = probs.tolist() if hasattr(probs, "tolist") else list(probs)
        return [dict(zip(labels, row)) for row in rows]


def load_classifier(task: str, folder: Path) -> Classifier:
    nlp = blank_classifier(task)
    nlp.get_pipe("textcat").from_disk(folder / task, exclude=["vocab"])
    return Classifier(task, nlp)


@dataclass
class EventModels:
    """All four classifiers plus the trigger vocabulary they were trained with."""

    type: Classifier
    mode: Classifier
    status: Classifier
    role: Classifier
    trigger_lemmas: frozenset[str]
    meta: dict


def load(folder: Optional[Path] = None) -> Optional[EventModels]:
    """The shipped models, or None when none have been trained into the package."""
    folder = folder or models_dir()
    if not (folder / "meta.json").exists():
        return None
    meta = json.loads((folder / "meta.json").read_text("utf-8"))
    lemmas = frozenset((folder / "trigger_lemmas.txt").read_text("utf-8").split())
    return EventModels(*(load_classifier(t, folder) for t in TASKS), trigger_lemmas=lemmas, meta=meta)
