"""The event training corpus: hand-written sentences with their events.

Writers put lines in ``data/training/raw/batch-NN-partKK.jsonl`` with the
trigger and arguments as exact strings (GUIDELINES.md); ``load`` resolves
them to character offsets (``text[start:end]`` is the string, checked), so
training and tests work on spans.  A batch is one writer's work: cross-
validation folds are grouped by batch, so no fold is scored on sentences
written by the writer it was trained on alone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

BATCH_FILE = re.compile(r"batch-(\d+)-part(\d+)\.jsonl$")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass
class LabelledEvent:
    type: str
    mode: Optional[str]
    status: str
    trigger: Span
    actors: list[Span] = field(default_factory=list)
    recipients: list[Span] = field(default_factory=list)


@dataclass
class Example:
    id: str
    batch: str
    genre: str
    text: str
    events: list[LabelledEvent]


class CorpusError(ValueError):
    """A corpus line whose labels do not fit its text."""


def corpus_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "training" / "raw"


def _occurrences(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _word_bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() and text[start].isalnum()) and not (after.isalnum() and text[end - 1].isalnum())


def resolve_trigger(text: str, word: str, occurrence: Optional[int] = None) -> Span:
    """The trigger's span: its n-th occurrence counted as plain substrings (as
    writers count, GUIDELINES.md), or else its first whole-word occurrence."""
    if occurrence is None:
        hits = [i for i in _occurrences(text, word) if _word_bounded(text, i, i + len(word))] or _occurrences(text, word)
        occurrence = 1
    else:
        hits = _occurrences(text, word)
    if len(hits) < occurrence:
        raise CorpusError(f"trigger {word!r} (occurrence {occurrence}) not in text")
    start = hits[occurrence - 1]
    return Span(start, start + len(word), word)


def resolve_argument(text: str, phrase: str, near: int) -> Span:
    """The occurrence of an argument nearest the trigger (writers give strings)."""
    hits = [i for i in _occurrences(text, phrase) if _word_bounded(text, i, i + len(phrase))] or _occurrences(text, phrase)
    if not hits:
        raise CorpusError(f"argument {phrase!r} not in text")
    start = min(hits, key=lambda i: abs(i - near))
    return Span(start, start + len(phrase), phrase)


def parse_line(row: dict, ident: str, batch: str) -> Example:
    text = row["text"]
    events = []
    for ev in row.get("events", []):
        n = ev.get("trigger_n")
        trig = resolve_trigger(text, ev["trigger"], int(n) if n is not None else None)
        events.append(LabelledEvent(
            type=ev["type"], mode=ev.get("mode"), status=ev["status"], trigger=trig,
            actors=[resolve_argument(text, a, trig.start) for a in ev.get("actors", [])],
            recipients=[resolve_argument(text, r, trig.start) for r in ev.get("recipients", [])],
        ))
    return Example(id=ident, batch=batch, genre=row.get("genre", "wire"), text=text, events=events)


def batch_files(folder: Optional[Path] = None) -> list[Path]:
    folder = folder or corpus_dir()
    return sorted(p for p in folder.glob("batch-*.jsonl") if BATCH_FILE.search(p.name))


def load(paths: Optional[Iterable[Path]] = None, strict: bool = True) -> list[Example]:
    """Every example of the corpus (or of the given files), in file order.

    A line that is not JSON or whose strings are not in its text raises
    CorpusError when ``strict``; otherwise it is left out.
    """
    out: list[Example] = []
    for path in paths if paths is not None else batch_files():
        path = Path(path)
        m = BATCH_FILE.search(path.name)
        batch = m.group(1) if m else path.stem
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            ident = f"{path.stem}:{number}"
            try:
                out.append(parse_line(json.loads(line), ident, batch))
            except (CorpusError, KeyError, ValueError) as exc:
                if strict:
                    raise CorpusError(f"{path.name}:{number}: {exc}") from exc
    return out


def iter_dicts(examples: Iterable[Example]) -> Iterator[dict]:
    """Examples as plain dicts with offsets (for export and inspection)."""
    for ex in examples:
        yield {
            "id": ex.id, "batch": ex.batch, "genre": ex.genre, "text": ex.text,
            "events": [{
                "type": e.type, "mode": e.mode, "status": e.status,
                "trigger": vars(e.trigger), "actors": [vars(a) for a in e.actors],
                "recipients": [vars(r) for r in e.recipients],
            } for e in ex.events],
        }
