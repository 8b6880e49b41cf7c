"""Actor country coding on the PLOVER GSR dev sentences (an extra check, not SPEC §4).

Usage: .venv/bin/python benchmarks/actors_plover.py [-v]
Each gold event names its source/target actor text and country code; this
script finds the system actor at that text (Document.actor_at) and counts how
often its country equals the gold code (ISO3 or IGO codes only).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry

from dragoman import nlp
from dragoman.actors import create
from dragoman.model import Document
from dragoman.pipeline import CoderOptions

FOLDER = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "plover_gsr" / "dev"


def main() -> None:
    verbose = "-v" in sys.argv
    model, stage = nlp.load(), create(CoderOptions())
    files = sorted(FOLDER.glob("*.json"))
    texts = [json.loads(p.read_text())["text"] for p in files]
    right = found = total = 0
    for path, text, parsed in zip(files, texts, model.pipe(texts)):
        data = json.loads(path.read_text())
        doc = Document(id=path.stem, text=text, published=None)
        stage(doc, parsed)
        for event in data["gold"]["events"]:
            for detail in event.get("actors_detail", []) + event.get("recipients_detail", []):
                code, name = detail.get("code"), (detail.get("actorText") or "").strip()
                if not name or not code or (code != "IGO" and not pycountry.countries.get(alpha_3=code)):
                    continue
                start = text.find(name)
                if start < 0:
                    continue
                total += 1
                actor = doc.actor_at(start, start + len(name))
                if actor is not None:
                    found += 1
                    right += actor.country == code
                if verbose and (actor is None or actor.country != code):
                    got = f"{actor.name} {actor.country}" if actor else "-"
                    print(f"{path.stem}: {name!r} want {code} got {got}")
    print(f"actors found at {found}/{total} gold actor texts; country right {right}/{total} ({100*right/total:.1f}%)")


if __name__ == "__main__":
    main()
