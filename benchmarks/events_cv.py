"""Cross-validation of the learned event coder on the team's corpus.

    .venv/bin/python benchmarks/events_cv.py [--folds 5] [--no-hints] [--json OUT]

Folds are grouped by writing batch (one writer's work never sits on both
sides of a split), so the figures say how the models do on sentences written
by someone else.  For each fold the four models are trained from scratch
with the repo's configs and scored on the held-out batches:

- trigger P/R/F1 (a gold trigger token predicted as an event of any type),
  typed trigger F1, and type accuracy on gold triggers (the model's best
  type, NONE excluded);
- per-type precision/recall and a confusion matrix (gold rows, predicted
  columns, NONE included);
- status and mode accuracy on gold triggers;
- argument F1: (trigger, entity head, role) over the gold events' sentences,
  decided as the coder decides (`roles.decide_roles` with ``ROLE_RULE``), and
  the sweep of role rules the coder's ``ROLE_RULE`` is chosen from;
- precision of predicted events at confidence >= 0.5 / 0.7 / 0.9;
- typed-trigger P/R/F1 at event thresholds 0.3…0.6: where the coder's
  ``EVENT_THRESHOLD`` comes from;
- typed-trigger P/R/F1 of the events the coder would output (an actor
  found among the sentence's mentions), at confidence floors 0…0.5: where
  ``CONFIDENCE_FLOOR`` comes from.

``--no-hints`` trains and scores without the knowledge sources' features
(the project's pattern dictionary and the field's CAMEO verb dictionary):
the model must stand without them.  Sentences go through the same stages as
in training (`dragoman.training.examples.analyse`), so actor classes and role
candidates are the run-time ones.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import astuple, replace
from pathlib import Path

from dragoman.events import features, learned, resources
from dragoman.events.coder import EVENT_THRESHOLD, PATTERN_BACKED_THRESHOLD, ROLE_RULE, event_confidence
from dragoman.events.roles import RoleRule, decide_roles, mention_heads
from dragoman.events.status import decide_status
from dragoman.events.labels import NO_EVENT, PLOVER_TYPES, TYPE_LABELS
from dragoman.training import corpus as corpus_mod
from dragoman.training.examples import analyse, finder_for, token_for
from dragoman.training.train import build_bags, held_out, train_all, trigger_vocabulary


#: Lower event thresholds for candidates the pattern dictionary types the same way
#: (where ``coder.PATTERN_BACKED_THRESHOLD`` comes from).
BACKED_THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5)

#: Event thresholds the sweep reports (the coder's is chosen from this, not from dev articles).
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


def fold_of(batches: list[str], k: int) -> dict[str, int]:
    return {b: i % k for i, b in enumerate(sorted(batches))}


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "tp": tp, "fp": fp, "fn": fn}


def score_fold(models, items, hints, res, acc) -> None:
    """Add one fold's counts to ``acc``."""
    lemmas = models.trigger_lemmas
    for item in items:
        example, parsed = item.example, item.parsed
        finder = finder_for(item, res)
        classify = features.actor_classes(finder)
        gold = {}
        for ev in example.events:
            tok = token_for(parsed, ev.trigger.start, ev.trigger.end)
            if tok is not None:
                gold.setdefault(tok.i, ev)
        cands = [t for t in parsed if t.i in gold or features.is_candidate(t, lemmas)]
        if not cands:
            continue
        bags = [features.trigger_features(t, hints(t), classify) for t in cands]
        type_scores = models.type.scores(bags)
        status_scores = models.status.scores(bags)
        mode_scores = models.mode.scores(bags)
        for tok, bag, ts, ss, ms in zip(cands, bags, type_scores, status_scores, mode_scores):
            ev = gold.get(tok.i)
            p_event = 1.0 - ts.get(NO_EVENT, 0.0)
            is_event = p_event >= EVENT_THRESHOLD
            best_type, p_best = max(((k, v) for k, v in ts.items() if k != NO_EVENT), key=lambda kv: kv[1])
            pred = best_type if is_event else NO_EVENT
            truth = ev.type if ev else NO_EVENT
            for th in THRESHOLDS:  # typed-trigger counts at other event thresholds
                said = best_type if p_event >= th else NO_EVENT
                sweep = acc["sweep"][th]
                sweep["tp"] += int(said != NO_EVENT and said == truth)
                sweep["fp"] += int(said != NO_EVENT and said != truth)
                sweep["fn"] += int(truth != NO_EVENT and said != truth)
            backed = features.pattern_hint(best_type) in bag  # the pattern dictionary reads the same type here
            for low in BACKED_THRESHOLDS:  # a lower event threshold where the pattern dictionary agrees
                said = best_type if p_event >= EVENT_THRESHOLD or (backed and p_event >= low) else NO_EVENT
                sweep = acc["backed"][low]
                sweep["tp"] += int(said != NO_EVENT and said == truth)
                sweep["fp"] += int(said != NO_EVENT and said != truth)
                sweep["fn"] += int(truth != NO_EVENT and said != truth)
            acc["confusion"][truth][pred] += 1
            acc["coded_gold"] += int(truth != NO_EVENT)
            coded = is_event or (backed and p_event >= PATTERN_BACKED_THRESHOLD)  # the coder's own test
            if coded:  # as the coder codes it: an event needs an actor; confidence = p(type) x p(actor)
                acc["coded"].append(coded_case(models, tok, best_type, p_best, finder, classify, ev))
            if is_event:
                for th in (0.5, 0.7, 0.9):
                    if p_best >= th:
                        acc["conf"][th]["n"] += 1
                        acc["conf"][th]["ok"] += int(truth == pred)
            if ev is None:
                continue
            acc["type_total"] += 1
            acc["type_ok"] += int(best_type == ev.type)
            acc["status_total"] += 1
            said_status = decide_status(bag, ss)
            acc["status_ok"] += int(said_status == ev.status)
            acc["status_pairs"][ev.status][said_status] += 1
            allowed = [k for k in ms if k.startswith(ev.type + ":")]
            mode_pred = max(allowed, key=ms.get).split(":", 1)[1]
            acc["mode_total"] += 1
            acc["mode_ok"] += int(mode_pred == (ev.mode or "-"))
            # roles, on the gold trigger with the gold type
            act = {t.i for s in ev.actors if (t := token_for(parsed, s.start, s.end)) is not None}
            rec = {t.i for s in ev.recipients if (t := token_for(parsed, s.start, s.end)) is not None}
            heads = {e.i: e for e in mention_heads(tok.sent, finder)}
            for i in act | rec:
                heads.setdefault(i, parsed[i])
            heads.pop(tok.i, None)
            if not heads:
                acc["role_cases"].append((["missing"] * (len(act) + len(rec)), []))
                continue
            rs = models.role.scores([features.role_features(tok, h, ev.type, classify) for h in heads.values()])
            truth = ["actor" if i in act else "recipient" if i in rec else "none" for i in heads]
            acc["role_cases"].append((truth, rs))


def coded_case(models, tok, type_: str, p_type: float, finder, classify, ev) -> tuple:
    """What the coder would do with an event at ``tok``: (p(type), the role scores of
    the sentence's mentions, the mentions' token indices, type right?, the gold
    actors' token indices).  `coded_counts` decides the roles under a rule."""
    heads = [h for h in mention_heads(tok.sent, finder) if h.i != tok.i]
    rs = models.role.scores([features.role_features(tok, h, type_, classify) for h in heads]) if heads else []
    gold_actors = set()
    if ev is not None:
        gold_actors = {t.i for a in ev.actors if (t := token_for(tok.doc, a.start, a.end)) is not None}
    return p_type, rs, [h.i for h in heads], ev is not None and ev.type == type_, gold_actors


def coded_counts(coded: list, gold_triggers: int, rule: RoleRule, floor: float = 0.0) -> dict:
    """Events the coder outputs under ``rule`` (an actor found; confidence = p(type) x
    the best actor probability >= ``floor``), scored two ways: typed trigger right,
    and typed trigger right with an actor the gold names."""
    kept = typed = with_actor = 0
    for p_type, rs, heads, type_ok, gold_actors in coded:
        labels = decide_roles(rs, rule)
        if "actor" not in labels or event_confidence(p_type, rs) < floor:
            continue
        kept += 1
        typed += int(type_ok)
        with_actor += int(type_ok and any(h in gold_actors for h, lab in zip(heads, labels) if lab == "actor"))
    return {"typed": prf(typed, kept - typed, gold_triggers - typed),
            "typed_and_actor": prf(with_actor, kept - with_actor, gold_triggers - with_actor)}


#: Confidence floors the coded-event sweep reports (where ``coder.CONFIDENCE_FLOOR`` comes from).
FLOORS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)


def floor_sweep(coded: list, gold_triggers: int) -> dict:
    """Coded events at each confidence floor, with the coder's role rule."""
    return {str(floor): coded_counts(coded, gold_triggers, ROLE_RULE, floor) for floor in FLOORS}


def actor_fallback_sweep(coded: list, gold_triggers: int) -> dict:
    """Coded events under the coder's rule with other actor fallbacks (None: no fallback)."""
    return {str(fb): coded_counts(coded, gold_triggers, replace(ROLE_RULE, actor_fallback=fb))
            for fb in (None, 0.3, 0.2, 0.1, 0.05, 0.0)}


def role_counts(cases, rule: RoleRule) -> Counter:
    """Argument counts of ``rule`` over the collected (truth labels, scores) of
    every gold event: (trigger, mention, role) tp/fp/fn, per role too, and how
    many events get every mention's role right."""
    c = Counter()
    for truth, scores in cases:
        said = decide_roles(scores, rule)
        c["events"] += 1
        c["exact"] += int(said == truth)
        for t, s in zip(truth, said):
            for role in ("actor", "recipient"):
                c[f"{role}_tp"] += int(s == t == role)
                c[f"{role}_fp"] += int(s == role != t)
                c[f"{role}_fn"] += int(t == role != s)
        c["fn"] += sum(1 for t in truth if t == "missing")
    c["tp"] = c["actor_tp"] + c["recipient_tp"]
    c["fp"] = c["actor_fp"] + c["recipient_fp"]
    c["fn"] += c["actor_fn"] + c["recipient_fn"]
    return c


def role_sweep(cases) -> list[dict]:
    """Argument F1 of every rule in the grid (where the coder's ROLE_RULE comes from)."""
    rows = []
    for threshold in (0.35, 0.5):
        for actor_fallback in (None, 0.1, 0.2, 0.3):
            for recipient_fallback in (None, 0.1, 0.15, 0.2, 0.25, 0.3):
                rule = RoleRule(threshold, actor_fallback, recipient_fallback)
                c = role_counts(cases, rule)
                rows.append({"threshold": threshold, "actor_fallback": actor_fallback,
                             "recipient_fallback": recipient_fallback,
                             "argument": prf(c["tp"], c["fp"], c["fn"]),
                             "recipient": prf(c["recipient_tp"], c["recipient_fp"], c["recipient_fn"]),
                             "events_all_roles_right": round(c["exact"] / max(1, c["events"]), 3)})
    return sorted(rows, key=lambda r: -r["argument"]["f1"])


def summarise(acc) -> dict:
    conf = acc["confusion"]
    roles = role_counts(acc["role_cases"], ROLE_RULE)
    trig_tp = sum(n for g, row in conf.items() if g != NO_EVENT for p, n in row.items() if p != NO_EVENT)
    trig_fp = sum(n for p, n in conf[NO_EVENT].items() if p != NO_EVENT)
    trig_fn = sum(row.get(NO_EVENT, 0) for g, row in conf.items() if g != NO_EVENT)
    typed_tp = sum(conf[t].get(t, 0) for t in PLOVER_TYPES)
    typed_fp = sum(n for g, row in conf.items() for p, n in row.items() if p != NO_EVENT and p != g)
    typed_fn = sum(n for g, row in conf.items() if g != NO_EVENT for p, n in row.items() if p != g)
    per_type = {}
    for t in PLOVER_TYPES:
        tp = conf[t].get(t, 0)
        fp = sum(row.get(t, 0) for g, row in conf.items() if g != t)
        fn = sum(n for p, n in conf[t].items() if p != t)
        per_type[t] = prf(tp, fp, fn)
    return {
        "trigger": prf(trig_tp, trig_fp, trig_fn),
        "typed_trigger": prf(typed_tp, typed_fp, typed_fn),
        "type_accuracy": round(acc["type_ok"] / max(1, acc["type_total"]), 3),
        "status_accuracy": round(acc["status_ok"] / max(1, acc["status_total"]), 3),
        "mode_accuracy": round(acc["mode_ok"] / max(1, acc["mode_total"]), 3),
        "per_status": per_status(acc["status_pairs"]),
        "argument": prf(roles["tp"], roles["fp"], roles["fn"]),
        "recipient": prf(roles["recipient_tp"], roles["recipient_fp"], roles["recipient_fn"]),
        "events_all_roles_right": round(roles["exact"] / max(1, roles["events"]), 3),
        "role_rule": dict(zip(("threshold", "actor_fallback", "recipient_fallback"), astuple(ROLE_RULE))),
        "role_sweep": role_sweep(acc["role_cases"]),
        "coded_by_confidence_floor": floor_sweep(acc["coded"], acc["coded_gold"]),
        "coded_by_actor_fallback": actor_fallback_sweep(acc["coded"], acc["coded_gold"]),
        "typed_trigger_by_pattern_backed_threshold": {
            str(th): prf(v["tp"], v["fp"], v["fn"]) for th, v in sorted(acc["backed"].items())},
        "precision_at_confidence": {
            str(th): {"events": v["n"], "precision": round(v["ok"] / v["n"], 3) if v["n"] else None}
            for th, v in sorted(acc["conf"].items())
        },
        "typed_trigger_by_event_threshold": {
            str(th): prf(v["tp"], v["fp"], v["fn"]) for th, v in sorted(acc["sweep"].items())},
        "per_type": per_type,
        "confusion": {g: dict(row) for g, row in conf.items()},
    }


def per_status(pairs) -> dict:
    """Precision and recall of each status on gold triggers (rows gold, columns said)."""
    out = {}
    for status in ("asserted", "future", "hypothetical", "negated"):
        tp = pairs[status].get(status, 0)
        fp = sum(row.get(status, 0) for gold, row in pairs.items() if gold != status)
        fn = sum(n for said, n in pairs[status].items() if said != status)
        out[status] = prf(tp, fp, fn)
    return out


def print_report(summary: dict, title: str) -> None:
    print(f"\n== {title}")
    for key in ("trigger", "typed_trigger", "argument", "recipient"):
        s = summary[key]
        print(f"{key:16s} P {s['p']:.3f}  R {s['r']:.3f}  F1 {s['f1']:.3f}")
    for key in ("type_accuracy", "status_accuracy", "mode_accuracy"):
        print(f"{key:16s} {summary[key]:.3f}")
    for status, v in summary["per_status"].items():
        print(f"  status {status:12s} P {v['p']:.3f}  R {v['r']:.3f}  F1 {v['f1']:.3f}")
    for th, v in summary["typed_trigger_by_event_threshold"].items():
        print(f"typed trigger F1 with event threshold {th}: {v['f1']:.3f} (P {v['p']:.3f}, R {v['r']:.3f})")
    print(f"events with every role right: {summary['events_all_roles_right']:.3f} (rule {summary['role_rule']})")
    for row in summary["role_sweep"][:8]:
        print(f"  role rule t={row['threshold']} actor_fb={row['actor_fallback']} recipient_fb="
              f"{row['recipient_fallback']}: argument F1 {row['argument']['f1']:.3f}, recipient "
              f"P {row['recipient']['p']:.3f} R {row['recipient']['r']:.3f}, all right {row['events_all_roles_right']:.3f}")
    for th, v in summary["typed_trigger_by_pattern_backed_threshold"].items():
        print(f"typed trigger F1 with threshold {th} where the patterns agree: {v['f1']:.3f} (P {v['p']:.3f}, R {v['r']:.3f})")
    for name, sweep in (("confidence >=", summary["coded_by_confidence_floor"]),
                        ("actor fallback", summary["coded_by_actor_fallback"])):
        for key, v in sweep.items():
            t, a = v["typed"], v["typed_and_actor"]
            print(f"coded events, {name} {key}: typed F1 {t['f1']:.3f} (P {t['p']:.3f} R {t['r']:.3f}); "
                  f"typed with a gold actor F1 {a['f1']:.3f} (P {a['p']:.3f} R {a['r']:.3f})")
    for th, v in summary["precision_at_confidence"].items():
        print(f"precision at confidence >= {th}: {v['precision']} ({v['events']} events)")
    print(f"{'type':10s} {'P':>6s} {'R':>6s} {'F1':>6s} {'gold':>5s}")
    for t, s in summary["per_type"].items():
        print(f"{t:10s} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f} {s['tp'] + s['fn']:5d}")
    labels = list(TYPE_LABELS)
    print("confusion (rows gold, columns predicted; first 4 letters):")
    print("      " + " ".join(f"{p[:4]:>4s}" for p in labels))
    for g in labels:
        row = summary["confusion"].get(g, {})
        print(f"{g[:5]:5s} " + " ".join(f"{row.get(p, 0):4d}" for p in labels))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-hints", action="store_true")
    ap.add_argument("--both", action="store_true", help="run with and without hints")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    t0 = time.time()
    examples = corpus_mod.load()
    res = resources.load()
    items = list(analyse(examples))
    print(f"analysed {len(examples)} examples in {time.time() - t0:.0f} s", file=sys.stderr)
    folds = fold_of(sorted({ex.batch for ex in examples}), args.folds)
    settings = [True, False] if args.both else [not args.no_hints]
    results = {}
    for use_hints in settings:
        acc = {"confusion": defaultdict(Counter), "type_ok": 0, "type_total": 0, "status_ok": 0,
               "status_total": 0, "status_pairs": defaultdict(Counter), "mode_ok": 0, "mode_total": 0, "role_cases": [], "coded": [], "coded_gold": 0, "backed": defaultdict(Counter),
               "conf": defaultdict(Counter), "sweep": defaultdict(Counter)}
        hints = features.pattern_hints(res) if use_hints else features.no_hints
        for k in range(args.folds):
            train_items = [i for i in items if folds[i.example.batch] != k]
            test_items = [i for i in items if folds[i.example.batch] == k]
            lemmas = trigger_vocabulary(train_items, res.patterns_lemmas() if use_hints else frozenset())
            bags, lemmas = build_bags(train_items, res, use_hints=use_hints, lemmas=lemmas)
            with tempfile.TemporaryDirectory() as tmp:
                dev_ids = {i.example.id for i in train_items if held_out(i.example.id)}
                train_all(bags, lemmas, Path(tmp), dev_ids, {"hints": use_hints}, log=lambda m: None)
                models = learned.load(Path(tmp))
                score_fold(models, test_items, hints, res, acc)
            print(f"fold {k} ({'hints' if use_hints else 'no hints'}) done at {time.time() - t0:.0f} s",
                  file=sys.stderr)
        name = "with pattern hints" if use_hints else "without pattern hints"
        results[name] = summarise(acc)
        print_report(results[name], f"{args.folds}-fold CV by writing batch, {name}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
