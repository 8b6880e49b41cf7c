"""Sentence-level type check (plover_gsr style): gold type vs the system's event types.

Usage: .venv/bin/python benchmarks/events_types.py GOLD_DIR [--all]
Prints the misses (gold type not among the system's types) with the sentence.
"""

from __future__ import annotations

import json
import sys
from collections import Counter

from dragoman.evaluation.gold import find_gold_files
from dragoman.model import RawArticle
from dragoman.pipeline import default_coder


def main(argv: list[str]) -> None:
    show_all = "--all" in argv
    coder = default_coder()
    hits, total, missed_by_type = 0, 0, Counter()
    for path in find_gold_files([a for a in argv if not a.startswith("--")]):
        g = json.load(open(path, encoding="utf-8"))
        meta = g.get("meta") or {}
        doc = coder.code(RawArticle(text=g.get("text"), published=meta.get("published"), origin=path))
        types = [e.type for e in doc.events]
        gold = g["gold"]["events"][0]
        total += 1
        ok = gold["type"] in types
        hits += ok
        if not ok:
            missed_by_type[gold["type"]] += 1
        if show_all or not ok:
            print(f'{"+" if ok else "-"} gold={gold["type"]}/{gold.get("mode")} sys={types} | {g["text"][:160]}')
    print(f"type accuracy {hits}/{total} = {hits / max(total, 1):.3f}")
    print("misses by gold type:", dict(missed_by_type))


if __name__ == "__main__":
    main(sys.argv[1:])
