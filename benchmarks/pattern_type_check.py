"""Where the pattern dictionary's type and the learned type model disagree, who is right?

    .venv/bin/python benchmarks/pattern_type_check.py [--folds 5]

Cross-validation on the team's corpus, folds grouped by writing batch (as
`events_cv.py`): for each fold the models are trained on the other batches,
and on the held-out sentences every token the pattern dictionary reads as an
event (its ``pat=TYPE`` hint) is scored by the type model.  Prints, over the
gold events among those tokens, the pattern dictionary's type accuracy, then
that of overriding it with the model's type at several probabilities, and for
each (pattern type -> model type) pair how many overrides fix a gold event
and how many break one.  `events/retype.py` and its pairs (`cues.json`
``model_retypes``) are chosen from this; ~17 minutes on 2 cores (``--cases
FILE`` keeps the cases to try decision rules without retraining).
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
from pathlib import Path

from dragoman.events import features, learned, resources
from dragoman.events.retype import FLOOR
from dragoman.events.labels import NO_EVENT
from dragoman.training import corpus as corpus_mod
from dragoman.training.examples import analyse, finder_for, token_for
from dragoman.training.train import build_bags, held_out, train_all, trigger_vocabulary

sys.path.insert(0, str(Path(__file__).resolve().parent))
from events_cv import fold_of  # noqa: E402

PAIRS = (("ASSAULT", "ACCUSE"), ("ASSAULT", "PROTEST"), ("COERCE", "ASSAULT"), ("COERCE", "SANCTION"))


def cases(folds: int) -> list[tuple[str, str, dict]]:
    """(gold type or NONE, pattern type, model scores) for every pattern-read token of held-out sentences."""
    t0 = time.time()
    examples = corpus_mod.load()
    res = resources.load()
    items = list(analyse(examples))
    fold = fold_of(sorted({ex.batch for ex in examples}), folds)
    hints = features.pattern_hints(res)
    out = []
    for k in range(folds):
        train = [i for i in items if fold[i.example.batch] != k]
        test = [i for i in items if fold[i.example.batch] == k]
        bags, lemmas = build_bags(train, res, use_hints=True, lemmas=trigger_vocabulary(train, res.patterns_lemmas()))
        with tempfile.TemporaryDirectory() as tmp:
            train_all(bags, lemmas, Path(tmp), {i.example.id for i in train if held_out(i.example.id)},
                      {"hints": True}, log=lambda m: None)
            model = learned.load(Path(tmp)).type
            for item in test:
                classify = features.actor_classes(finder_for(item, res))
                gold = {}
                for ev in item.example.events:
                    tok = token_for(item.parsed, ev.trigger.start, ev.trigger.end)
                    if tok is not None:
                        gold.setdefault(tok.i, ev.type)
                read = []
                for tok in item.parsed:
                    h = hints(tok)
                    said = [x[4:] for x in h if x.startswith("pat=")]
                    if said and said[0] != "NONE":
                        read.append((tok, said[0], features.trigger_features(tok, h, classify)))
                for (tok, said, _bag), scores in zip(read, model.scores([b for _t, _s, b in read])):
                    out.append((gold.get(tok.i, NO_EVENT), said, scores))
        print(f"fold {k} done at {time.time() - t0:.0f} s", file=sys.stderr)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--cases", type=Path, help="pickle of the cross-validation's cases: read if it exists, "
                    "written otherwise (to try decision rules without retraining)")
    args = ap.parse_args(argv)
    if args.cases and args.cases.exists():
        found = pickle.loads(args.cases.read_bytes())
    else:
        found = cases(args.folds)
        if args.cases:
            args.cases.write_bytes(pickle.dumps(found))
    events = [c for c in found if c[0] != NO_EVENT]
    print(f"pattern-read tokens {len(found)}, gold events among them {len(events)}")
    print(f"pattern dictionary's type accuracy: {sum(g == p for g, p, _s in events) / len(events):.3f}")
    for tau in (0.3, 0.5, 0.7, 0.9):
        right = 0
        for g, p, s in events:
            best = max((k for k in s if k != NO_EVENT), key=s.get)
            right += (best if best != p and s[best] >= tau else p) == g
        print(f"override with the model's type at p >= {tau}: accuracy {right / len(events):.3f}")
    for frm, to in PAIRS:
        for tau in (0.5, 0.7):
            fixed = sum(1 for g, p, s in found if p == frm and s.get(to, 0) >= tau and g == to)
            broke = sum(1 for g, p, s in found if p == frm and s.get(to, 0) >= tau and g == frm)
            print(f"{frm} -> {to} at p >= {tau}: fixes {fixed}, breaks {broke}")
    # the rule `events/retype.py` uses: the model's likeliest event type (its NONE left aside: the pattern
    # already says "event") when it beats the pattern's own type and reaches FLOOR
    allowed = resources.load().cues["model_retypes"]
    print(f"the model's likeliest event type when likelier than the pattern's and p >= {FLOOR} "
          "(* = allowed in cues.json model_retypes: fixes >= 5, breaks 0):")
    pairs: dict[tuple[str, str], list[int]] = {}
    for g, p, s in found:
        best = max((k for k in s if k != NO_EVENT), key=s.get)
        if best != p and s[best] > s.get(p, 0.0) and s[best] >= FLOOR:
            tally = pairs.setdefault((p, best), [0, 0, 0])
            tally[0 if g == best else 1 if g == p else 2] += 1
    for (frm, to), (fixed, broke, neither) in sorted(pairs.items(), key=lambda kv: kv[1][1] - kv[1][0]):
        if fixed + broke >= 5:
            mark = "*" if to in allowed.get(frm, ()) else " "
            print(f"{mark} {frm} -> {to}: fixes {fixed}, breaks {broke}, neither (gold NONE or a third type) {neither}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
