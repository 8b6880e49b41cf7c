"""Events diagnosis: per gold file, the system's events beside the gold ones.

Usage: .venv/bin/python benchmarks/events_diagnose.py GOLD_DIR_OR_FILES... [--only-misses]
Marks each gold event (+ matched, - missed, ~ optional) and each system event
(+ matched required, ~ matched optional, ! unmatched) using the SPEC §4 scorer.
"""

from __future__ import annotations

import sys

from dragoman.evaluation.gold import find_gold_files, read_gold
from dragoman.evaluation.scoring import (gold_party, party_matches, system_party, event_triples,
                                         triples_match)
from dragoman.model import RawArticle
from dragoman.pipeline import default_coder


def main(argv: list[str]) -> None:
    only_misses = "--only-misses" in argv
    paths = [a for a in argv if not a.startswith("--")]
    coder = default_coder()
    for path in find_gold_files(paths):
        gold = read_gold(path)
        raw = gold.raw if hasattr(gold, "raw") else None
        data = gold.data if hasattr(gold, "data") else None
        doc = coder.code(_raw(path))
        system = doc.to_dict()
        names = {a["id"]: f'{a["name"]}/{a.get("country")}' for a in system["actors"]}
        gevents = _gold(path)["gold"].get("events", [])
        gactors = _gold(path)["gold"].get("actors", [])
        parties = {a["id"]: system_party(a) for a in system["actors"]}
        lines = []
        sys_ok = []
        for e in system["events"]:
            ts = event_triples(e["type"], e["actors"], e["recipients"])
            hit = None
            for g in gevents:
                gts = event_triples(g["type"], g.get("actors") or [], g.get("recipients") or [])
                if any(triples_match((t, parties.get(a) if a else None, parties.get(b) if b else None, d),
                                     (gt, gold_party(ga, gactors), gold_party(gb, gactors), gd))
                       for t, a, b, d in ts for gt, ga, gb, gd in gts):
                    hit = "~" if g.get("optional") else "+"
                    if hit == "+":
                        break
            sys_ok.append(hit)
            lines.append(f'  {hit or "!"} {e["type"]:<9} {e["status"]:<12} {[names.get(a) for a in e["actors"]]} -> '
                         f'{[names.get(a) for a in e["recipients"]]} cameo={e["cameo"]} | {e["evidence"]["text"][:90]!r}')
        print("=====", path)
        print(" system:")
        for line in lines:
            if not only_misses or line.startswith("  !"):
                print(line)
        print(" gold:")
        for g in gevents:
            gts = event_triples(g["type"], g.get("actors") or [], g.get("recipients") or [])
            found = any(triples_match((t, parties.get(a) if a else None, parties.get(b) if b else None, d),
                                      (gt, gold_party(ga, gactors), gold_party(gb, gactors), gd))
                        for e in system["events"] for t, a, b, d in event_triples(e["type"], e["actors"], e["recipients"])
                        for gt, ga, gb, gd in gts)
            if only_misses and (found or g.get("optional")):
                continue
            print(f'  {"=" if found else " "}{"~" if g.get("optional") else "*"} {g["type"]:<9} {g.get("status"):<12} {g.get("actors")} -> {g.get("recipients")} | {g.get("note", "")}')
        if len(gevents) == 1 and "text" in _gold(path):
            pass


_cache: dict = {}


def _gold(path):
    import json
    if path not in _cache:
        _cache[path] = json.load(open(path, encoding="utf-8"))
    return _cache[path]


def _raw(path):
    g = _gold(path)
    meta = g.get("meta") or {}
    return RawArticle(text=g.get("text"), html=g.get("html"), id=g.get("id"), published=meta.get("published"),
                      source=meta.get("source"), origin=path)


if __name__ == "__main__":
    main(sys.argv[1:])
