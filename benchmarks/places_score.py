"""Place recall on gold files, scored as SPEC §4 says (until `dragoman eval` exists).

A gold place is reproduced when a system place has the same name or text
(compared as SPEC §4 compares names) and lies within 161 km; gold places of
the GeoWebNews types Metonymic, Non_Literal_Modifier, Embedded_Non_Lit and
Coercion are skipped.  Usage:
    python benchmarks/places_score.py GOLD_DIR_OR_FILES... [-v]
Runs only the places stage (after spaCy) on each gold file's text.
"""

from __future__ import annotations

import json
import math
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

SKIPPED = {"Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit", "Coercion"}


def norm(name: str) -> str:
    name = unicodedata.normalize("NFKD", name or "")
    name = "".join(c for c in name if not unicodedata.combining(c)).lower()
    name = name.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    name = re.sub(r"^(?:a|an|the)\s+", "", name.strip())
    return " ".join(name.split())


def km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def gold_files(args):
    for a in args:
        p = Path(a)
        yield from (sorted(p.glob("*.json")) if p.is_dir() else [p])


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    from dragoman import nlp, places
    from dragoman.model import Document

    stage = places.create(None)
    model = nlp.load()
    hit = total = 0
    spent = 0.0
    n = 0
    misses: Counter = Counter()
    for path in gold_files(args):
        data = json.loads(path.read_text())
        gold = [p for p in data.get("gold", {}).get("places", []) if p.get("type") not in SKIPPED]
        text = data.get("gold", {}).get("body") or data.get("text") or ""
        doc = Document(id=path.stem, text=text, published=(data.get("meta") or {}).get("published"))
        parsed = model(text)
        t0 = time.perf_counter()
        stage(doc, parsed)
        spent += time.perf_counter() - t0
        n += 1
        for g in gold:
            names = {norm(g["text"])}
            ok = any(
                (norm(s.text) in names or norm(s.name or "") in names)
                and s.lat is not None and km(s.lat, s.lon, g["lat"], g["lon"]) <= 161
                for s in doc.places
            )
            hit += ok
            total += 1
            if not ok:
                near = [(s.text, s.name, s.lat, s.lon) for s in doc.places if norm(s.text) in names or norm(s.name or "") in names][:1]
                misses[(g["text"], g.get("type"), str(near))] += 1
    if verbose:
        for (t, ty, near), c in misses.most_common():
            print(f"MISS {c} {t!r} {ty} sys={near}")
    print(f"places within 161 km: {hit}/{total} = {hit / max(total, 1):.3f}; "
          f"places stage {1000 * spent / max(n, 1):.2f} ms/article (first article includes loading)")


if __name__ == "__main__":
    main(sys.argv[1:])
