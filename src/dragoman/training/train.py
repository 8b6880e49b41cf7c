"""Train the event coder's four models from the corpus with spaCy's trainer.

    python -m dragoman.training.train [--out DIR] [--corpus FILE...] [--no-hints]

Steps: read the corpus; parse it with the coder's spaCy pipeline; build the
trigger vocabulary; turn every sentence into feature bags; hold out one
sentence in ten (fixed by id) for spaCy's model selection; train each
textcat from its config in ``configs/`` with a fixed seed; write the weights
(no string table), the trigger vocabulary and ``meta.json`` into DIR
(default: the package's ``data/models/events``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Optional

from dragoman.events import features
from dragoman.events.labels import NO_EVENT
from dragoman.events.learned import LABELS, TASKS, config_path, models_dir
from dragoman.training import corpus as corpus_mod
from dragoman.training.examples import Bags, analyse, collect, to_docbin

MODEL_VERSION = 1


def held_out(ident: str, share: int = 10) -> bool:
    """A stable one-in-``share`` split by example id (no randomness to seed)."""
    return int(hashlib.sha1(ident.encode()).hexdigest()[:8], 16) % share == 0


def trigger_vocabulary(items, extra: frozenset[str] = frozenset()) -> frozenset[str]:
    """Lemmas of the labelled trigger tokens, plus ``extra`` (pattern lemmas)."""
    from dragoman.training.examples import token_for

    lemmas = set(extra)
    for item in items:
        for ev in item.example.events:
            tok = token_for(item.parsed, ev.trigger.start, ev.trigger.end)
            if tok is not None:
                lemmas.add(features.lemma(tok))
    return frozenset(lemmas)


def build_bags(items, res, use_hints: bool = True, lemmas: Optional[frozenset] = None) -> tuple[Bags, frozenset]:
    """Feature bags for every model, and the trigger vocabulary used.

    ``res`` (the events stage's resources) gives the hints and the words the
    actor finder reads; ``use_hints=False`` leaves the knowledge sources' hints out."""
    items = list(items)
    if lemmas is None:
        lemmas = trigger_vocabulary(items, res.patterns_lemmas() if use_hints else frozenset())
    hints = features.pattern_hints(res) if use_hints else features.no_hints
    bags = collect(items, hints, lambda tok: features.is_candidate(tok, lemmas), res)
    return bags, lemmas


def train_task(task: str, train_rows, dev_rows, out_dir: Path, quiet: bool = True) -> dict:
    """Train one textcat with spaCy's trainer; returns its dev scores."""
    import spacy
    from spacy.cli.train import train as spacy_train

    labels = LABELS[task]
    work = Path(tempfile.mkdtemp(prefix=f"dragoman-train-{task}-"))
    try:
        vocab = spacy.blank("en").vocab
        to_docbin(vocab, train_rows, labels).to_disk(work / "train.spacy")
        to_docbin(vocab, dev_rows or train_rows[:50], labels).to_disk(work / "dev.spacy")
        overrides = {"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy")}
        if quiet:
            import logging
            logging.getLogger("spacy").setLevel(logging.ERROR)
        spacy_train(config_path(task), work / "out", use_gpu=-1, overrides=overrides)
        best = work / "out" / "model-last"  # fixed epochs; the held-out share only reports
        nlp = spacy.load(best)
        textcat = nlp.get_pipe("textcat")
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / task
        if target.exists():
            shutil.rmtree(target)
        textcat.to_disk(target, exclude=["vocab"])  # hashed features need no string table
        meta = json.loads((best / "meta.json").read_text())
        return {k: v for k, v in meta.get("performance", {}).items() if isinstance(v, (int, float))}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def split(rows, dev_ids: set):
    return [r for r in rows if r[2] not in dev_ids], [r for r in rows if r[2] in dev_ids]


def train_all(bags: Bags, lemmas: frozenset, out_dir: Path, dev_ids: set, info: dict,
              log: Callable[[str], None] = print) -> dict:
    out_dir.mkdir(parents=True, exist_ok=True)
    scores = {}
    for task in TASKS:
        rows = getattr(bags, task)
        tr, dv = split(rows, dev_ids)
        t0 = time.time()
        scores[task] = train_task(task, tr, dv, out_dir)
        log(f"trained {task}: {len(tr)} train / {len(dv)} held-out bags, {time.time() - t0:.0f} s, {scores[task]}")
    (out_dir / "trigger_lemmas.txt").write_text("\n".join(sorted(lemmas)) + "\n", "utf-8")
    meta = {"version": MODEL_VERSION, **info, "held_out_scores": scores}
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", "utf-8")
    return meta


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=None, help="where the weights go (default: the package)")
    ap.add_argument("--corpus", type=Path, nargs="*", default=None, help="batch files (default: the package corpus)")
    ap.add_argument("--no-hints", action="store_true", help="train without the pattern dictionary's hints")
    ap.add_argument("--n-process", type=int, default=1)
    args = ap.parse_args(argv)

    from dragoman.events import resources

    t0 = time.time()
    examples = corpus_mod.load(args.corpus)
    res = resources.load()
    items = list(analyse(examples, n_process=args.n_process))
    print(f"analysed {len(examples)} examples in {time.time() - t0:.0f} s", file=sys.stderr)
    bags, lemmas = build_bags(items, res, use_hints=not args.no_hints)
    dev_ids = {ex.id for ex in examples if held_out(ex.id)}
    info = {
        "corpus_examples": len(examples),
        "corpus_events": sum(len(ex.events) for ex in examples),
        "hints": not args.no_hints,
        "type_bags": len(bags.type), "events_bags": sum(1 for _f, y, _i in bags.type if y != NO_EVENT),
        "role_bags": len(bags.role),
    }
    train_all(bags, lemmas, args.out or models_dir(), dev_ids, info,
              log=lambda m: print(m, file=sys.stderr))
    print(f"done in {time.time() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
