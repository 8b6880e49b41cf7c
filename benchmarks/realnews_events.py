"""Events on real news: two annotators' agreement and the coder's F1 against each.

    .venv/bin/python benchmarks/realnews_events.py [--coder patterns|learned|both] [--json OUT]

Twenty articles from the dev halves of two public benchmarks (PolNeAR and
GeoWebNews, under ``../shared/benchmarks``) were coded for events by two
annotators working independently.  Only their stand-off labels are kept in
the repo (``benchmarks/data/realnews-events-annotator-{a,b}.jsonl``: the
article's file, character offsets and codes, never the text); this script
joins them with the texts at run time, writes gold files in SPEC §4's format
into a temporary folder and scores with ``dragoman eval``'s own code.

Agreement: annotator B's events are scored as a system against A's gold and
the other way round, with SPEC §4's triple matching; the figure reported is
the F1 (the same either way round up to optional events).  The coder is
scored against each annotator.  Report only: nothing is tuned to these.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
BENCHMARKS = ROOT.parent / "shared" / "benchmarks"


def load_labels(annotator: str) -> dict[str, dict]:
    path = DATA / f"realnews-events-annotator-{annotator}.jsonl"
    return {row["file"]: row for row in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if row}


def _group_key(text: str, kind: str, country) -> str:
    """Mentions of one participant: a person by surname and country, anything else by its words."""
    words = text.lower().replace("\u2019", "'").removesuffix("'s").split()
    if kind == "person" and words:
        return f"person|{country}|{words[-1]}"
    if words and words[0] == "the":
        words = words[1:]
    return f"{kind}|{country}|{' '.join(words)}"


def participants(text: str, events: list[dict]) -> dict[str, dict]:
    """Group key → {name (longest mention), aliases, kind, country}."""
    groups: dict[str, dict] = {}
    for ev in events:
        for arg in ev.get("actors", []) + ev.get("recipients", []):
            s, e = arg["span"]
            mention = text[s:e]
            key = _group_key(mention, arg.get("kind", "group"), arg.get("country"))
            g = groups.setdefault(key, {"names": set(), "kind": arg.get("kind", "group"),
                                        "country": arg.get("country")})
            g["names"].add(mention)
    for g in groups.values():
        g["name"] = max(g["names"], key=len)
    return groups


def _ref(text: str, arg: dict, groups: dict) -> str:
    s, e = arg["span"]
    g = groups[_group_key(text[s:e], arg.get("kind", "group"), arg.get("country"))]
    if g["kind"] == "country" and g["country"]:
        return g["country"]  # a bare code: any actor of that country matches (SPEC §4)
    return g["name"]


def gold_file(article: dict, row: dict) -> dict:
    """A SPEC §4 gold file (events and their actors) from one annotator's labels."""
    text = article["text"]
    groups = participants(text, row["events"])
    actors = [{"name": g["name"], "kind": g["kind"], "country": g["country"],
               "aliases": sorted(g["names"] - {g["name"]})} for g in groups.values() if g["kind"] != "country"]
    events = []
    for ev in row["events"]:
        events.append({"type": ev["type"], "mode": ev.get("mode"), "status": ev.get("status", "asserted"),
                       "actors": [_ref(text, a, groups) for a in ev.get("actors", [])],
                       "recipients": [_ref(text, a, groups) for a in ev.get("recipients", [])],
                       "date": ev.get("date"), "optional": bool(ev.get("optional"))})
    return {"id": article.get("id"), "text": text, "meta": article.get("meta", {}),
            "gold": {"actors": actors, "events": events}}


def as_system(article: dict, row: dict) -> dict:
    """One annotator's labels as a system record (actors with ids and mentions)."""
    text = article["text"]
    groups = participants(text, row["events"])
    ids = {key: f"a{n}" for n, key in enumerate(groups, 1)}
    actors = [{"id": ids[k], "name": g["name"], "kind": g["kind"], "country": g["country"],
               "mentions": [{"text": n} for n in sorted(g["names"])]} for k, g in groups.items()]

    def ref(arg):
        s, e = arg["span"]
        return ids[_group_key(text[s:e], arg.get("kind", "group"), arg.get("country"))]

    events = [{"type": ev["type"], "actors": [ref(a) for a in ev.get("actors", [])],
               "recipients": [ref(a) for a in ev.get("recipients", [])]}
              for ev in row["events"] if not ev.get("optional")]
    return {"actors": actors, "events": events}


def agreement(a: dict[str, dict], b: dict[str, dict]) -> dict:
    from collections import Counter

    from dragoman.evaluation import scoring

    total: Counter = Counter()
    for name in sorted(a):
        article = json.loads((BENCHMARKS / name).read_text(encoding="utf-8"))
        gold = gold_file(article, a[name])["gold"]
        counts = scoring.score_events(as_system(article, b[name]), gold["events"], gold["actors"])
        total.update({k: v for k, v in counts.items() if k in ("tp", "fp", "fn")})
    return {**dict(total), **scoring.prf(total["tp"], total["fp"], total["fn"])}


def coder_scores(labels: dict[str, dict], coder_name: str) -> dict:
    os.environ["DRAGOMAN_EVENT_CODER"] = coder_name
    from dragoman.evaluation.runner import evaluate
    from dragoman.pipeline import default_coder

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for name, row in labels.items():
            article = json.loads((BENCHMARKS / name).read_text(encoding="utf-8"))
            path = Path(tmp) / (name.replace("/", "__"))
            path.write_text(json.dumps(gold_file(article, row)), encoding="utf-8")
            paths.append(str(path))
        report = evaluate(paths, default_coder())
        data = report.to_dict()
    ev = data["events"]
    return {k: ev[k] for k in ("gold_required", "system", "tp", "fp", "fn", "precision", "recall", "f1")}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--coder", choices=("patterns", "learned"), default=None,
                    help="score one coder (default: the stage's default coder)")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    if not BENCHMARKS.exists():
        print(f"skipped: {BENCHMARKS} is absent", file=sys.stderr)
        return 0
    a, b = load_labels("a"), load_labels("b")
    common = sorted(set(a) & set(b))
    a, b = {k: a[k] for k in common}, {k: b[k] for k in common}
    result = {"articles": len(common),
              "events": {"a": sum(len(r["events"]) for r in a.values()),
                         "b": sum(len(r["events"]) for r in b.values())},
              "agreement_b_vs_a": agreement(a, b), "agreement_a_vs_b": agreement(b, a)}
    coder = args.coder or os.environ.get("DRAGOMAN_EVENT_CODER", "patterns")
    result[f"coder_{coder}"] = {"vs_a": coder_scores(a, coder), "vs_b": coder_scores(b, coder)}
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
