"""Quote cues (speech verbs, fragment verbs, "according to", document nouns) as data.

The lists live in ``data/quotes/cues.tsv`` so that a coder can extend them
without touching code; they are read once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Optional, Union

#: The cue classes a line of cues.tsv may name (see the file's header).
CLASSES = ("speech", "fragment", "phrase", "document", "label")


@dataclass(frozen=True)
class Cues:
    """The cue lists, ready for lookups by lowercase lemma or phrase."""

    speech: frozenset[str]
    fragment: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    documents: frozenset[str]
    labels: tuple[tuple[str, ...], ...] = ()


class CueFileError(ValueError):
    """A cue file line that cannot be read."""


def default_path() -> Path:
    return Path(str(resources.files("dragoman") / "data" / "quotes" / "cues.tsv"))


def parse_cue_lines(lines: list[str]) -> dict[str, list[str]]:
    """Cues per class from the lines of a cue file; raises CueFileError on a bad line."""
    by_class: dict[str, list[str]] = {c: [] for c in CLASSES}
    seen_header = False
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            raise CueFileError(f"line {number}: expected CUE<TAB>CLASS, got {line!r}")
        cue, cls = parts[0].strip(), parts[1].strip()
        if not seen_header and (cue, cls) == ("cue", "class"):
            seen_header = True
            continue
        if cls not in CLASSES:
            raise CueFileError(f"line {number}: unknown class {cls!r}")
        if not cue or cue != cue.lower():
            raise CueFileError(f"line {number}: cue must be lowercase and non-empty: {cue!r}")
        by_class[cls].append(cue)
    return by_class


def load_cues(path: Optional[Union[str, Path]] = None) -> Cues:
    """Read a cue file (the packaged one by default)."""
    text = Path(path or default_path()).read_text(encoding="utf-8")
    by_class = parse_cue_lines(text.splitlines())
    return Cues(
        speech=frozenset(by_class["speech"]),
        fragment=frozenset(by_class["fragment"]),
        phrases=tuple(tuple(p.split()) for p in by_class["phrase"]),
        documents=frozenset(by_class["document"]),
        labels=tuple(tuple(p.split()) for p in by_class["label"]),
    )
