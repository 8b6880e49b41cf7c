"""How well the type model's "is this an event at all" reading weighs the pattern coder's drafts.

    .venv/bin/python benchmarks/pattern_confidence_cv.py [--folds 5] [--cases FILE]

Cross-validation on the team's corpus, folds grouped by writing batch (as `events_cv.py`): for
each fold the models are trained on the other batches, and every draft the pattern rules make
on the held-out sentences (`EventBuilder.drafts`, before the learned helpers) is scored by the
type model. Prints, for the confidence `events/retype.py` gives a pattern draft (1 - the
model's NONE probability), the share of drafts at or above 0.5 / 0.7 / 0.9 whose type is right
at the trigger and that are fully right (type, actors and recipients), and for the drop of
drafts the model reads as no event (`retype.NO_EVENT_VETO`) what each threshold removes and the
corpus F1 of fully right drafts. ~16 minutes on 2 cores; ``--cases FILE`` keeps the cases.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
from pathlib import Path

from dragoman.events import features, learned, resources
from dragoman.events.build import EventBuilder
from dragoman.events.labels import NO_EVENT
from dragoman.training import corpus as corpus_mod
from dragoman.training.examples import analyse, finder_for, token_for
from dragoman.training.train import build_bags, held_out, train_all, trigger_vocabulary

sys.path.insert(0, str(Path(__file__).resolve().parent))
from events_cv import fold_of  # noqa: E402
from pattern_rows import _covers  # noqa: E402


def cases(folds: int) -> list[tuple]:
    """(gold type at the trigger or NONE, draft type, model scores, fully right, has a recipient) per draft."""
    t0 = time.time()
    examples = corpus_mod.load()
    res = resources.load()
    builder = EventBuilder(res)
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
                finder = finder_for(item, res)
                classify = features.actor_classes(finder)
                events = {}
                for ev in item.example.events:
                    tok = token_for(item.parsed, ev.trigger.start, ev.trigger.end)
                    if tok is not None:
                        events.setdefault(tok.i, ev)
                drafts = [d for d in builder.drafts(item.doc, item.parsed, finder) if d.pattern is not None]
                if not drafts:
                    continue
                scores = model.scores([features.trigger_features(d.trigger, hints(d.trigger), classify)
                                       for d in drafts])
                for d, s in zip(drafts, scores):
                    ev = events.get(d.trigger.i)
                    full = ev is not None and ev.type == d.type and _covers(d.actors, ev.actors, finder) \
                        and _covers(d.recipients, ev.recipients, finder)
                    out.append((ev.type if ev is not None else NO_EVENT, d.type, s, full, bool(d.recipients)))
        print(f"fold {k} done at {time.time() - t0:.0f} s", file=sys.stderr)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--cases", type=Path, help="pickle of the cases: read if it exists, written otherwise")
    args = ap.parse_args(argv)
    if args.cases and args.cases.exists():
        found = [c[:5] for c in pickle.loads(args.cases.read_bytes())]
    else:
        found = cases(args.folds)
        if args.cases:
            args.cases.write_bytes(pickle.dumps(found))
    gold_events = sum(len(ex.events) for ex in corpus_mod.load())
    full = sum(1 for c in found if c[3])
    print(f"pattern drafts {len(found)}, type right {sum(1 for c in found if c[0] == c[1])}, fully right {full}; "
          f"corpus gold events {gold_events}")
    for floor in (0.0, 0.5, 0.7, 0.9):
        kept = [c for c in found if 1.0 - c[2].get(NO_EVENT, 0.0) >= floor]
        print(f"confidence >= {floor}: {len(kept)} drafts, type right {sum(1 for c in kept if c[0] == c[1]) / len(kept):.3f}, "
              f"fully right {sum(1 for c in kept if c[3]) / len(kept):.3f}")

    print("calibration (cues.json confidence_calibration): the model's probability of an event, share type right")
    bounds = [0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.01]
    for lo, hi in zip(bounds, bounds[1:]):
        inside = [c for c in found if lo <= 1.0 - c[2].get(NO_EVENT, 0.0) < hi]
        if inside:
            print(f"  [{lo:.2f}, {min(hi, 1.0):.2f}): {len(inside)} drafts, type right "
                  f"{sum(1 for c in inside if c[0] == c[1]) / len(inside):.2f}")

    def f1(dropped: list) -> float:
        tp = full - sum(1 for c in dropped if c[3])
        p, r = tp / (len(found) - len(dropped)), tp / gold_events
        return 2 * p * r / (p + r)

    print(f"no drop: corpus F1 of fully right drafts {f1([]):.4f}")
    cues = resources.load()
    aimed = cues.words("aimed_types") - cues.words("dyadic_types")
    for veto in (0.8, 0.9, 0.95):
        dropped = [c for c in found if c[2].get(NO_EVENT, 0.0) >= veto and not c[4] and c[1] in aimed]
        print(f"drop drafts of aimed_types less dyadic_types without a recipient at NONE >= {veto} (events/retype.py): "
              f"{len(dropped)} dropped, {sum(1 for c in dropped if c[3])} of them fully right, "
              f"{sum(1 for c in dropped if c[0] == NO_EVENT)} no event; F1 {f1(dropped):.4f}")
    for only_without_recipient in (True, False):
        for veto in (0.8, 0.9, 0.95, 0.98):
            dropped = [c for c in found if c[2].get(NO_EVENT, 0.0) >= veto and not (only_without_recipient and c[4])]
            which = "drafts without a recipient" if only_without_recipient else "all drafts"
            print(f"drop {which} at NONE >= {veto}: {len(dropped)} dropped, {sum(1 for c in dropped if c[3])} of them "
                  f"fully right, {sum(1 for c in dropped if c[0] == NO_EVENT)} no event; F1 {f1(dropped):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
