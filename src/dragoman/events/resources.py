"""The events stage's knowledge, read from data files once per process."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources as importlib_resources
from typing import Optional

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

CUE_KINDS = ("prt", "prep", "obj", "objmod", "pobj", "xcomp", "subj", "mod", "gov")


@dataclass(frozen=True)
class Pattern:
    """One row of patterns.tsv: a trigger in a syntactic context → an event type."""

    pos: str  # "V" verb, "N" event noun, "A" adjective of intent
    lemma: str
    cues: tuple[tuple[str, frozenset[str]], ...]  # (kind, allowed lemmas); {"*"} = any
    no_object: bool
    type: str  # a PLOVER type or "NONE"
    mode: Optional[str]
    cameo: Optional[str]
    context: tuple[str, ...]
    flags: frozenset[str]
    line: int

    @property
    def specificity(self) -> int:
        return len(self.cues) + int(self.no_object)


@dataclass
class Resources:
    patterns: dict[tuple[str, str], list[Pattern]]  # (pos, lemma) → rows in file order
    goldstein: dict[str, float]
    scores: dict[tuple[str, Optional[str]], float]
    cues: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._lemmas = frozenset(lemma for _pos, lemma in self.patterns)

    def patterns_lemmas(self) -> frozenset[str]:
        return self._lemmas

    def has_lemma(self, word: str) -> bool:
        """Is the word a trigger lemma of any pattern (a cheap first filter)?"""
        return word in self._lemmas

    def words(self, name: str) -> frozenset[str]:
        return frozenset(self.cues.get(name, ()))


def _data_text(name: str) -> str:
    return importlib_resources.files("dragoman.data.events").joinpath(name).read_text("utf-8")


def _rows(text: str):
    """(line number, fields) of a TSV with '#' comments and one header row."""
    header_seen = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        yield number, line.rstrip("\n").split("\t")


def parse_cues(text: str) -> tuple[tuple[tuple[str, frozenset[str]], ...], bool]:
    """'prep:with;obj:a|b' → ((('prep', {'with'}), ('obj', {'a','b'})), no_object)."""
    if text in ("", "-"):
        return (), False
    cues, no_object = [], False
    for part in text.split(";"):
        if part == "noobj":
            no_object = True
            continue
        kind, _, words = part.partition(":")
        if kind not in CUE_KINDS or not words:
            raise ValueError(f"bad cue {part!r}")
        cues.append((kind, frozenset(words.split("|"))))
    return tuple(cues), no_object


def parse_patterns(text: str) -> dict[tuple[str, str], list[Pattern]]:
    table: dict[tuple[str, str], list[Pattern]] = {}
    for number, cols in _rows(text):
        if len(cols) != 8:
            raise ValueError(f"patterns.tsv line {number}: {len(cols)} columns, expected 8")
        pos, lemma, cue_text, type_, mode, cameo, context, flags = cols
        if pos not in ("V", "N", "A"):
            raise ValueError(f"patterns.tsv line {number}: pos {pos!r}")
        if type_ != "NONE" and type_ not in PLOVER_TYPES:
            raise ValueError(f"patterns.tsv line {number}: type {type_!r}")
        cues, no_object = parse_cues(cue_text)
        pattern = Pattern(
            pos=pos, lemma=lemma.lower(), cues=cues, no_object=no_object, type=type_,
            mode=None if mode == "-" else mode, cameo=None if cameo == "-" else cameo,
            context=() if context == "-" else tuple(context.split("|")),
            flags=frozenset() if flags == "-" else frozenset(flags.split(",")), line=number,
        )
        table.setdefault((pos, pattern.lemma), []).append(pattern)
    return table


def parse_goldstein(text: str) -> dict[str, float]:
    return {cols[0]: float(cols[1]) for _n, cols in _rows(text)}


def parse_scores(text: str) -> dict[tuple[str, Optional[str]], float]:
    return {
        (cols[0], None if cols[1] == "-" else cols[1]): float(cols[2]) for _n, cols in _rows(text)
    }


def load() -> Resources:
    """Every data file of the stage, parsed and checked."""
    from dragoman.events import detect

    res = Resources(
        patterns=parse_patterns(_data_text("patterns.tsv")),
        goldstein=parse_goldstein(_data_text("cameo.tsv")),
        scores=parse_scores(_data_text("plover_scores.tsv")),
        cues=json.loads(_data_text("cues.json")),
    )
    detect.LEMMA_FIXES.update(res.cues.get("lemma_fixes", {}))
    return res


def quad_class(cameo: Optional[str]) -> Optional[int]:
    """GDELT QuadClass from the CAMEO root: 1 verbal coop … 4 material conflict."""
    if not cameo or len(cameo) < 2 or not cameo[:2].isdigit():
        return None
    root = int(cameo[:2])
    if 1 <= root <= 5:
        return 1
    if 6 <= root <= 8:
        return 2
    if 9 <= root <= 13:
        return 3
    if 14 <= root <= 20:
        return 4
    return None


def goldstein_of(res: Resources, cameo: Optional[str]) -> Optional[float]:
    """The code's Goldstein value, falling back to its parent codes."""
    code = cameo or ""
    while code:
        if code in res.goldstein:
            return res.goldstein[code]
        code = code[:-1] if len(code) > 2 else ""
    return None


def plover_score(res: Resources, type_: str, mode: Optional[str]) -> Optional[float]:
    return res.scores.get((type_, mode), res.scores.get((type_, None)))
