"""Agreement between the corpus labels and a second, independent annotator.

    .venv/bin/python benchmarks/corpus_agreement.py [benchmarks/data/agreement-second-annotator.jsonl]

The second annotator labelled a random 300 corpus sentences (seed 300) without
seeing the labels, following GUIDELINES.md.  Events are paired when their
trigger spans overlap (one to one).  Reported: trigger F1, Cohen's kappa of
the PLOVER type on paired events, status agreement, and argument F1 (actor and
recipient strings that overlap, role included) on paired events; and the
disagreements, for adjudication.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from dragoman.training import corpus as corpus_mod

HERE = Path(__file__).resolve().parent


def overlap(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def kappa(pairs: list[tuple[str, str]]) -> float:
    n = len(pairs)
    if not n:
        return 0.0
    po = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in ca) / (n * n)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def main(argv=None) -> int:
    path = Path(argv[0]) if argv else HERE / "data" / "agreement-second-annotator.jsonl"
    first = {ex.id: ex for ex in corpus_mod.load()}
    second = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        row = json.loads(line)
        second.append(corpus_mod.parse_line(row, row["id"], "second"))
    trig = Counter()
    type_pairs, status_pairs = [], []
    arg = Counter()
    disagreements = []
    for ex2 in second:
        ex1 = first[ex2.id]
        assert ex1.text == ex2.text, ex2.id
        unused = list(ex1.events)
        for e2 in ex2.events:
            e1 = next((e for e in unused if overlap(e.trigger, e2.trigger)), None)
            if e1 is None:
                trig["only_second"] += 1
                disagreements.append((ex2.id, "only second", e2.type, e2.trigger.text))
                continue
            unused.remove(e1)
            trig["both"] += 1
            type_pairs.append((e1.type, e2.type))
            status_pairs.append((e1.status, e2.status))
            if e1.type != e2.type:
                disagreements.append((ex2.id, "type", f"{e1.type} vs {e2.type}", e1.trigger.text))
            for role in ("actors", "recipients"):
                a1, a2 = getattr(e1, role), getattr(e2, role)
                matched = sum(1 for x in a1 if any(overlap(x, y) for y in a2))
                arg["tp"] += matched
                arg["n1"] += len(a1)
                arg["n2"] += len(a2)
        for e1 in unused:
            trig["only_first"] += 1
            disagreements.append((ex2.id, "only first", e1.type, e1.trigger.text))
    p = trig["both"] / max(1, trig["both"] + trig["only_second"])
    r = trig["both"] / max(1, trig["both"] + trig["only_first"])
    ap, ar = arg["tp"] / max(1, arg["n2"]), arg["tp"] / max(1, arg["n1"])
    out = {
        "sentences": len(second),
        "events_first": trig["both"] + trig["only_first"], "events_second": trig["both"] + trig["only_second"],
        "trigger_f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "type_kappa": round(kappa(type_pairs), 3),
        "type_agreement": round(sum(a == b for a, b in type_pairs) / max(1, len(type_pairs)), 3),
        "status_agreement": round(sum(a == b for a, b in status_pairs) / max(1, len(status_pairs)), 3),
        "argument_f1": round(2 * ap * ar / (ap + ar), 3) if ap + ar else 0.0,
        "type_confusions": Counter(f"{a}->{b}" for a, b in type_pairs if a != b).most_common(15),
    }
    print(json.dumps(out, indent=1))
    if "--list" in sys.argv:
        for d in disagreements:
            print(*d, sep="\t")
    return 0


if __name__ == "__main__":
    sys.exit(main([a for a in sys.argv[1:] if not a.startswith("--")]))
