"""Actor P/R/F1 (SPEC §4 rule) and stage time on the dev gold bodies.

Usage: .venv/bin/python benchmarks/actors_dev.py [GOLD_DIR] [-v]
Parses each gold ``body`` with spaCy, runs the actors stage, and scores:
a system actor matches a gold actor when its name or a mention equals the gold
name or an alias (normalised) and the countries agree where gold gives one.
"""

from __future__ import annotations

import json
import re
import sys
import time
import unicodedata
from pathlib import Path

from dragoman import nlp
from dragoman.actors import create
from dragoman.model import Document
from dragoman.evaluation.scoring import score_actors
from dragoman.pipeline import CoderOptions


REPEAT = 5


def norm(name: str) -> str:
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c)).lower()
    name = name.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    name = re.sub(r"^(a|an|the)\s+", "", name.strip())
    return " ".join(name.split())


def score(system, gold):
    """(tp, n_system_counted, n_gold_counted, unmatched gold, unmatched system)."""
    gold_rec = [g for g in gold if g.get("kind") != "country"]
    used = set()
    matched_sys = set()
    missed = []
    for g in gold:
        names = {norm(g["name"]), *(norm(a) for a in g.get("aliases", []))}
        hit = None
        for k, a in enumerate(system):
            if k in used:
                continue
            texts = {norm(a.name), *(norm(m.text) for m in a.mentions)}
            if texts & names and (g.get("country") is None or g.get("country") == a.country):
                hit = k
                break
        if hit is not None:
            used.add(hit)
            if g.get("kind") != "country":
                matched_sys.add(hit)
        elif g.get("kind") != "country":
            missed.append(g)
    sys_counted = [k for k, a in enumerate(system) if a.kind in ("person", "organization")]
    tp_p = sum(1 for k in sys_counted if k in used)
    fps = [system[k] for k in sys_counted if k not in used]
    return len(gold_rec) - len(missed), len(gold_rec), tp_p, len(sys_counted), missed, fps


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    verbose = "-v" in sys.argv
    folder = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
    model = nlp.load()
    stage = create(CoderOptions())
    model("Warm-up sentence for the pipeline.")
    rec_tp = rec_n = prec_tp = prec_n = 0
    t_nlp = t_stage = 0.0
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text())
        gold = data["gold"]
        doc = Document(id=path.stem, text=gold["body"], published=data.get("meta", {}).get("published"))
        t0 = time.perf_counter(); parsed = model(doc.text); t1 = time.perf_counter()
        stage(doc, parsed); t2 = time.perf_counter()
        t_nlp += t1 - t0; t_stage += t2 - t1
        _a, _b, _c, _d, missed, fps = score(doc.actors, gold.get("actors", []))
        official = score_actors([x.to_dict() for x in doc.actors], gold.get("actors", []))
        a, b, c, d = official["tp_gold"], official["gold"], official["tp_system"], official["system"]
        rec_tp += a; rec_n += b; prec_tp += c; prec_n += d
        print(f"{path.stem}: recall {a}/{b} precision {c}/{d}")
        if verbose:
            for g in missed:
                print("   MISSED", g["name"], g.get("country"), g.get("aliases"))
            for f in fps:
                print("   FP    ", f.name, f.kind, f.country, [m.text for m in f.mentions][:4])
    p = prec_tp / prec_n if prec_n else 0.0
    r = rec_tp / rec_n if rec_n else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"actors P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    print(f"time spaCy {t_nlp*1000:.0f} ms, actors {t_stage*1000:.0f} ms ({100*t_stage/t_nlp:.1f}% of spaCy)")
    # steady-state timing: every body parsed and coded REPEAT times
    bodies = [json.loads(p.read_text())["gold"]["body"] for p in sorted(folder.glob("*.json"))]
    parsed = [model(b) for b in bodies]
    t_nlp = t_stage = 0.0
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        for b in bodies:
            model(b)
        t1 = time.perf_counter()
        for b, p in zip(bodies, parsed):
            stage(Document(id="t", text=b, published="2023-01-01"), p)
        t2 = time.perf_counter()
        t_nlp += t1 - t0; t_stage += t2 - t1
    words = sum(len(b.split()) for b in bodies) * REPEAT
    print(f"steady state over {REPEAT}x{len(bodies)} articles ({words} words): spaCy {1000*t_nlp/REPEAT/len(bodies):.1f} ms/article, "
          f"actors {1000*t_stage/REPEAT/len(bodies):.2f} ms/article = {100*t_stage/t_nlp:.1f}% of spaCy")


if __name__ == "__main__":
    main()
