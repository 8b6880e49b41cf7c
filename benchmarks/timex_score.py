"""Timex recall on gold files, scored as SPEC §4 says (until `dragoman eval` exists).

A gold timex is reproduced when a system timex has the same value and its text
contains or is contained in the gold text; gold values with
``"calendar": false`` are skipped.  Usage:
    python benchmarks/timex_score.py GOLD_DIR_OR_FILES... [-v]
Runs only the dates stage (after spaCy) on each gold file's text.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def gold_files(args):
    for a in args:
        p = Path(a)
        yield from (sorted(p.glob("*.json")) if p.is_dir() else [p])


def reproduced(gold: dict, system: list) -> bool:
    g = gold["text"].lower()
    return any(
        s.value == gold["value"] and (s.text.lower() in g or g in s.text.lower()) for s in system
    )


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    from dragoman import dates, nlp

    stage = dates.create(None)
    model = nlp.load()
    from dragoman.model import Document

    hit = total = 0
    spent = 0.0
    for path in gold_files(args):
        data = json.loads(path.read_text())
        gold = [t for t in data.get("gold", {}).get("timexes", []) if t.get("calendar", True)]
        text = data.get("gold", {}).get("body") or data.get("text") or ""
        doc = Document(id=path.stem, text=text, published=(data.get("meta") or {}).get("published"))
        parsed = model(text)
        t0 = time.perf_counter()
        stage(doc, parsed)
        spent += time.perf_counter() - t0
        for g in gold:
            ok = reproduced(g, doc.timexes)
            hit += ok
            total += 1
            if verbose and not ok:
                near = [(s.text, s.value) for s in doc.timexes if s.start < g.get("end", 0) + 5 and g.get("start", 0) - 5 < s.end]
                print(f"MISS {path.stem} {doc.published} {g['text']!r} {g['value']} sys={near}")
    n = len(list(gold_files(args)))
    print(f"timex value recall (calendar): {hit}/{total} = {hit / max(total, 1):.3f}; "
          f"dates stage {1000 * spent / max(n, 1):.2f} ms/article")


if __name__ == "__main__":
    main(sys.argv[1:])
