"""Reading gold files (SPEC §4): the input to code, and the answers to score against."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Union

from dragoman.model import RawArticle

#: Parts of ``gold`` that ``dragoman eval`` scores, in report order.
COMPONENTS = ("body", "removed", "title", "source", "media", "actors", "events", "quotes", "timexes", "places")


class GoldError(Exception):
    """A file that is not a readable gold file; reported and left out."""

    def __init__(self, reason: str, path: str):
        super().__init__(reason)
        self.reason = reason
        self.path = path

    def line(self) -> str:
        return f"dragoman: skipped {self.path}: {self.reason}"


@dataclass
class GoldFile:
    """One gold file: its raw article (to code) and its answers (to score)."""

    path: str
    raw: RawArticle
    gold: dict = field(default_factory=dict)
    sentence_level: bool = False

    def components(self) -> list[str]:
        return [c for c in COMPONENTS if c in self.gold and self.gold[c] is not None]


def find_gold_files(paths: Iterable[Union[str, Path]]) -> Iterator[str]:
    """Each path as given; each folder as its ``*.json`` files, recursively, in sorted order."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from (str(p) for p in sorted(path.rglob("*.json")) if p.is_file())
        else:
            yield str(path)


def read_gold(path: str) -> GoldFile:
    """Parse one gold file; raises GoldError when it is unreadable or not a gold file."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise GoldError("no such file", path)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"not a gold file ({exc.__class__.__name__})", path)
    if not isinstance(data, dict) or not isinstance(data.get("gold"), dict):
        raise GoldError("not a gold file (no gold object)", path)
    if not isinstance(data.get("text"), str) and not isinstance(data.get("html"), str):
        raise GoldError("not a gold file (no text or html)", path)
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
    raw = RawArticle(text=data.get("text"), html=data.get("html"), id=data.get("id"),
                     published=meta.get("published"), source=meta.get("source"), origin=path)
    return GoldFile(path=path, raw=raw, gold=data["gold"], sentence_level=data.get("sentence_level") is True)
