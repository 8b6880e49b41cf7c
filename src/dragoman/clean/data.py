"""The cleaner's phrase lists (src/dragoman/data/clean/), loaded once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def data_lines(name: str) -> list[str]:
    """Non-comment, non-blank lines of a file in data/clean/."""
    text = resources.files("dragoman").joinpath("data", "clean", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@dataclass(frozen=True)
class CleanerData:
    boilerplate: re.Pattern
    source_line: re.Pattern
    credit_words: tuple[str, ...]
    agencies: tuple[str, ...]
    function_words: dict[str, frozenset[str]]
    widgets: dict[str, tuple[str, ...]]      # kind (share|read_more|more|network) -> phrases
    media_labels: dict[str, tuple[str, ...]]  # kind (credit|caption) -> labels


def alternation(phrases) -> str:
    """A regex alternation of literal phrases, longest first, spaces flexible."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@lru_cache(maxsize=1)
def load() -> CleanerData:
    boilerplate = re.compile("|".join(f"(?:{p})" for p in data_lines("boilerplate.txt")), re.I)
    source = re.compile(
        r"(?i:" + "|".join(f"(?:{p})" for p in data_lines("source_lines.txt")) + r")\s*[:\-–—]?\s+(?:the\s+)?"
        r"(?P<name>[^\W_][^\n]{0,80}?)\.?")
    words: dict[str, frozenset[str]] = {}
    for line in data_lines("function_words.tsv"):
        lang, _, listed = line.partition("\t")
        words[lang.strip()] = frozenset(listed.split())
    return CleanerData(boilerplate, source, tuple(data_lines("credit_words.txt")),
                       tuple(data_lines("agencies.txt")), words,
                       _by_kind(data_lines("widgets.tsv"), columns=3), _by_kind(data_lines("media_labels.tsv"), columns=2))


def _by_kind(lines: list[str], columns: int) -> dict[str, tuple[str, ...]]:
    """Phrases of a TSV data file by kind: `[language<TAB>]kind<TAB>phrase` (a header row skipped)."""
    found: dict[str, list[str]] = {}
    for line in lines:
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != columns:
            raise ValueError(f"expected {columns} tab-separated fields: {line!r}")
        kind, phrase = parts[-2], parts[-1]
        if (kind, phrase) in (("kind", "phrase"), ("kind", "label")):
            continue
        found.setdefault(kind, []).append(phrase)
    return {kind: tuple(phrases) for kind, phrases in found.items()}
