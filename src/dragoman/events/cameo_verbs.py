"""The field's CAMEO verb dictionary (PETRARCH2), read as hints for the learned coder.

Why: the team's corpus has ~950 trigger lemmas; the dictionary has ~1,700
verbs and ~4,800 verb-plus-object patterns written over three decades of
event coding.  A verb the corpus saw twice ("donated") would otherwise be
judged by its two examples.  The hints say what the dictionary would code;
the models learn from the corpus how far to trust that (benchmarks/
events_cv.py measures them with and without hints).

Data: ``data/events/cameo_verbs.json`` (MIT, converted by
``scripts/convert_cameo_verbs.py``) and ``data/events/cameo2plover.tsv``
(CC BY-SA 4.0, PLOVER's crosswalk from CAMEO codes to PLOVER types).

Matching is deliberately loose, because the patterns were written for
constituency parses: a pattern matches when each of its content words (or a
member of its synonym set) occurs among the lemmas and words near the verb
in its sentence; the pattern with most words wins, and among equally long
matches the code most of them give.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as importlib_resources
from typing import Optional

#: Tokens before and after the verb that a pattern's words may come from.
WINDOW_BEFORE = 4
WINDOW_AFTER = 8


@dataclass(frozen=True)
class Plover:
    type: str
    mode: Optional[str]


def _data(name: str) -> str:
    return importlib_resources.files("dragoman.data.events").joinpath(name).read_text(encoding="utf-8")


def parse_crosswalk(text: str) -> dict[str, Plover]:
    table = {}
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("cameo\t"):
            continue
        code, type_, mode, _context = line.split("\t")
        table[code] = Plover(type_, None if mode == "-" else mode)
    return table


class CameoVerbs:
    """Verb → CAMEO codes (its own and its patterns'), mapped to PLOVER."""

    def __init__(self, data: dict, crosswalk: dict[str, Plover]):
        self.crosswalk = crosswalk
        synsets = {name: frozenset(words) for name, words in data["synsets"].items()}
        self.verb_code: dict[str, Optional[str]] = {v: e["code"] for v, e in data["verbs"].items()}
        blocks = {}
        for name, block in data["blocks"].items():
            patterns = []
            for code, words in block["patterns"]:
                groups = tuple(synsets.get(w, frozenset()) if w.startswith("&") else frozenset((w,)) for w in words)
                if all(groups):
                    patterns.append((code, groups))
            blocks[name] = tuple(sorted(patterns, key=lambda p: -len(p[1])))
        self.patterns = {v: tuple(p for b in e["blocks"] for p in blocks.get(b, ())) for v, e in data["verbs"].items()}
        # word → the verb's patterns that need it: only those are checked (a
        # verb has up to hundreds of patterns; a sentence names few of their words)
        self._by_word: dict[str, dict[str, tuple[int, ...]]] = {}
        for verb, patterns in self.patterns.items():
            index: dict[str, set[int]] = {}
            for n, (_code, groups) in enumerate(patterns):
                for word in groups[0]:
                    index.setdefault(word, set()).add(n)
            self._by_word[verb] = {w: tuple(sorted(ns)) for w, ns in index.items()}

    def plover(self, code: Optional[str]) -> Optional[Plover]:
        """PLOVER type and mode of a CAMEO code (its longest listed prefix)."""
        while code:
            if code in self.crosswalk:
                return self.crosswalk[code]
            code = code[:-1]
        return None

    def knows(self, verb_lemma: str) -> bool:
        return verb_lemma in self.verb_code

    def codes(self, verb_lemma: str, nearby: frozenset[str]) -> tuple[Optional[str], Optional[str]]:
        """(the verb's own code, the best matching pattern's code); None where none."""
        own = self.verb_code.get(verb_lemma)
        patterns = self.patterns.get(verb_lemma, ())
        index = self._by_word.get(verb_lemma, {})
        candidates = sorted({n for w in nearby for n in index.get(w, ())})  # longest patterns first
        best: list[Optional[str]] = []
        size = 0
        for n in candidates:
            code, groups = patterns[n]
            if len(groups) < size:
                break
            if all(g & nearby for g in groups):
                best.append(code)
                size = len(groups)
        if not best:
            return own, None
        # among the longest matches, the code most of them give (the dictionary
        # repeats a pattern under several verbs of a block)
        return own, Counter(best).most_common(1)[0][0]

    def hints(self, tok) -> list[str]:
        """Feature strings for a verb token: ``cv=TYPE`` (the verb alone; ``cv=NONE``
        when the dictionary lists the verb with no event), ``cvp=TYPE`` and
        ``cvpm=TYPE:mode`` (the best pattern)."""
        if tok.pos_ != "VERB":
            return []
        lemma = (tok.lemma_ or tok.lower_).lower()
        if lemma not in self.verb_code:
            return []
        sent = tok.sent
        lo, hi = max(sent.start, tok.i - WINDOW_BEFORE), min(sent.end, tok.i + WINDOW_AFTER + 1)
        nearby = frozenset(w for t in tok.doc[lo:hi] if t.i != tok.i for w in (t.lower_, t.lemma_.lower()))
        own, matched = self.codes(lemma, nearby)
        out = []
        p = self.plover(own)
        out.append(f"cv={p.type if p else 'NONE'}")
        if matched is not None:
            q = self.plover(matched)
            if q is not None:
                out += [f"cvp={q.type}", f"cvpm={q.type}:{q.mode or '-'}"]
        return out


@lru_cache(maxsize=1)
def load() -> CameoVerbs:
    return CameoVerbs(json.loads(_data("cameo_verbs.json")), parse_crosswalk(_data("cameo2plover.tsv")))
