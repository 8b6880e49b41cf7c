"""Which coder produced a record: the ``coder_version`` every record and stored article carries.

    0.1.0+events.patterns.m1.3f2a9c1+kb.8e1d0b2

is the package version, then the event coder in use (``patterns`` or
``learned``, `dragoman.events.CODER_SETTING`), the shipped event model's
version (``meta.json`` ``version``) and a short hash of the events knowledge
(``data/events/*`` and the model's ``meta.json``, ``cfg`` files and trigger
lemmas: a retrained model writes a new ``meta.json``), then a short hash of
the actors knowledge base (``data/actors/*`` and ``data/countries.tsv``).
``--kb`` files add ``+userkb.HASH``.  READMEs are left out: they change no
coding.

The hashes read file bytes only (about 0.5 MB, no parsing but one small
JSON) and are computed once per process; composing the string per record is
a dictionary look-up.  `dragoman ingest --recode` re-codes stored articles
whose version differs from this one.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Iterable, Optional

#: The environment setting that picks the event coder ("patterns" or "learned"); kept
#: here, in a light module, so that `dragoman --version` does not import the events stage.
CODER_SETTING = "DRAGOMAN_EVENT_CODER"
DEFAULT_CODER = "patterns"

_DATA = Path(__file__).resolve().parent / "data"


def _files(folder: Path, pattern: str = "*") -> list[Path]:
    return sorted(p for p in folder.glob(pattern) if p.is_file() and p.name != "README.md")


def events_files() -> list[Path]:
    models = _DATA / "models" / "events"
    return (_files(_DATA / "events") + _files(models, "meta.json") + _files(models, "*/cfg")
            + _files(models, "trigger_lemmas.txt"))


def kb_files() -> list[Path]:
    return _files(_DATA / "actors") + [_DATA / "countries.tsv"]


def digest(paths: Iterable[Path], root: Optional[Path] = _DATA) -> str:
    """Seven hex digits of sha1 over each file's name (relative to ``root``) and bytes."""
    h = hashlib.sha1()
    for path in paths:
        name = str(path.relative_to(root)) if root and path.is_relative_to(root) else path.name
        h.update(name.encode() + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"<missing>")
        h.update(b"\0")
    return h.hexdigest()[:7]


@functools.lru_cache(maxsize=None)
def _model_version() -> str:
    try:
        meta = json.loads((_DATA / "models" / "events" / "meta.json").read_text("utf-8"))
        return str(meta.get("version", 0))
    except (OSError, ValueError):
        return "0"  # no shipped model


@functools.lru_cache(maxsize=None)
def _knowledge(kb_paths: tuple[str, ...]) -> str:
    """The part of the version that comes from files, hashed once per process."""
    out = f"m{_model_version()}.{digest(events_files())}+kb.{digest(kb_files())}"
    if kb_paths:
        out += f"+userkb.{digest(Path(p) for p in kb_paths)}"
    return out


def event_coder() -> str:
    return os.environ.get(CODER_SETTING, DEFAULT_CODER)


def coder_version(kb_paths: Iterable[str] = ()) -> str:
    """This process's coder version (the package's version read at each call, so a test can change it)."""
    import dragoman

    return f"{dragoman.__version__}+events.{event_coder()}.{_knowledge(tuple(kb_paths))}"
