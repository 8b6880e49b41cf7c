"""How many of the training corpus's event arguments the actors stage offers to the coder.

    .venv/bin/python benchmarks/argument_coverage.py [--sample N] [--show K]

The event coder (learned or patterns) can only give an event an actor or a
recipient that the actors stage recorded: a role goes to one of the
sentence's actor mentions (`events.roles.mention_heads`).  An argument whose
head is no mention is lost before any model looks at it.  This script runs the
corpus's sentences through the same stages as training
(`training.examples.analyse`) and reports, for actors and recipients, the
share of gold argument heads that are mention heads, and the commonest head
lemmas of those that are not (what recognition misses).  The corpus is the
team's own writing, so this measures recognition on text none of the rules
were written from.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter

from dragoman.events import resources
from dragoman.events.roles import mention_heads
from dragoman.training import corpus as corpus_mod
from dragoman.training.examples import analyse, finder_for, token_for


def coverage(items, res) -> tuple[Counter, Counter, list[str]]:
    counts: Counter = Counter()
    missed: Counter = Counter()
    examples: list[str] = []
    for item in items:
        parsed, finder = item.parsed, finder_for(item, res)
        heads: dict[int, set[int]] = {}
        for ev in item.example.events:
            for role, spans in (("actor", ev.actors), ("recipient", ev.recipients)):
                for span in spans:
                    tok = token_for(parsed, span.start, span.end)
                    if tok is None:
                        counts[f"{role}_unaligned"] += 1
                        continue
                    offered = heads.setdefault(tok.sent.start, {h.i for h in mention_heads(tok.sent, finder)})
                    if tok.i in offered:
                        counts[f"{role}_offered"] += 1
                    else:
                        counts[f"{role}_missed"] += 1
                        missed[tok.lemma_.lower()] += 1
                        examples.append(item.example.text[span.start:span.end])
    return counts, missed, examples


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=0, help="a random sample of N sentences (seed 1); 0 = all")
    ap.add_argument("--show", type=int, default=30, help="missed head lemmas to list")
    ap.add_argument("--json", default=None)
    args = ap.parse_args(argv)
    examples = corpus_mod.load()
    if args.sample:
        examples = random.Random(1).sample(examples, args.sample)
    counts, missed, spans = coverage(analyse(examples), resources.load())
    result = {"sentences": len(examples)}
    for role in ("actor", "recipient"):
        offered, lost = counts[f"{role}_offered"], counts[f"{role}_missed"]
        result[role] = {"offered": offered, "missed": lost, "share_offered": round(offered / max(1, offered + lost), 3)}
        print(f"{role:9s}: {offered} of {offered + lost} gold argument heads are actor mentions "
              f"({result[role]['share_offered']:.1%})")
    result["missed_head_lemmas"] = missed.most_common(args.show)
    print("commonest missed heads:", ", ".join(f"{w} {n}" for w, n in missed.most_common(args.show)))
    print("some missed arguments:", "; ".join(random.Random(2).sample(spans, min(20, len(spans)))))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(result, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
