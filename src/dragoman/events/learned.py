"""The learned event models, loaded once per process and used in batches.

Four spaCy ``textcat`` components, trained by ``make train`` from the team's
corpus (`dragoman.training`) and shipped in ``data/models/events/``:

- ``type``: is this candidate trigger an event, and of which PLOVER type (or NONE);
- ``mode``: the PLOVER mode given the type ("RETREAT:withdraw");
- ``status``: asserted / future / hypothetical / negated;
- ``role``: is this entity the event's actor, its recipient, or neither.

Each reads a bag of feature strings from `dragoman.events.features`.  The
weights are stored without spaCy's string table (hashed features need none),
which keeps them small; predictions read feature hashes directly
(`FeatureBag`), so feature strings never enter a vocabulary and never pile
up in a long ingest.
"""

from __future__ import annotations

import json
from functools import lru_cache
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
        textcat = self.nlp.get_pipe("textcat")
        labels = textcat.labels
        probs = textcat.model.predict([FeatureBag(bag) for bag in bags])
        rows = probs.tolist() if hasattr(probs, "tolist") else list(probs)
        return [dict(zip(labels, row)) for row in rows]


class FeatureBag:
    """A feature bag as the bag-of-words model reads it, without a spaCy Doc.

    ``TextCatBOW`` looks at a document only through ``doc.to_array([ORTH])``:
    the hashes of its words.  Making a Doc for each bag would add every
    feature string to the vocabulary as a lexeme (shape, like_num, …), which
    cost four times the prediction itself; the hashes are all it needs, and
    they are the same ones training saw (a Doc's ORTH is ``hash_string`` of
    the word).
    """

    __slots__ = ("keys",)

    def __init__(self, features: Sequence[str]):
        import numpy
        from spacy.strings import hash_string

        words = [f.replace(" ", "_") for f in features] or ["<empty>"]
        self.keys = numpy.asarray([[hash_string(w)] for w in words], dtype="uint64")

    def to_array(self, attrs):
        return self.keys


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


def available(task: str, folder: Optional[Path] = None) -> bool:
    """Whether the package (or ``folder``) holds trained weights for ``task`` (and their meta.json):
    what every user of one model checks before loading it."""
    folder = folder or models_dir()
    return (folder / "meta.json").exists() and (folder / task).is_dir()


def read_meta(folder: Optional[Path] = None) -> dict:
    return json.loads(((folder or models_dir()) / "meta.json").read_text("utf-8"))


@lru_cache(maxsize=None)
def shipped_classifier(task: str) -> Optional[Classifier]:
    """One of the package's trained models, loaded once per process on first use; None when the
    package was built without `make train` (the pattern coder's helpers then leave the rules alone)."""
    return load_classifier(task, models_dir()) if available(task) else None


def load(folder: Optional[Path] = None) -> Optional[EventModels]:
    """The shipped models, or None when none have been trained into the package."""
    folder = folder or models_dir()
    if not (folder / "meta.json").exists():
        return None
    meta = read_meta(folder)
    lemmas = frozenset((folder / "trigger_lemmas.txt").read_text("utf-8").split())
    return EventModels(*(load_classifier(t, folder) for t in TASKS), trigger_lemmas=lemmas, meta=meta)
