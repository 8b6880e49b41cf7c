"""Size and diversity of the event training corpus (figures for its README).

    .venv/bin/python benchmarks/corpus_stats.py [--json OUT]

- sentences, events, share of sentences with no event, events per type and status, genres;
- distinct trigger lemmas (spaCy's lemma of the trigger's head word);
- distinct actor names: distinct argument strings that hold a proper noun
  (case-folded), i.e. named people, organisations, countries and places;
- skeleton repeats: a sentence's skeleton replaces every named entity with X and
  every labelled trigger with V, and lower-cases the rest; the share of
  sentences whose skeleton equals another sentence's is a check that the corpus
  was not filled from templates;
- the length spread in words (min, quartiles, max).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter
from pathlib import Path

from dragoman import nlp as nlp_mod
from dragoman.training import corpus as corpus_mod
from dragoman.training.examples import token_for


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    examples = corpus_mod.load()
    nlp = nlp_mod.load()
    trigger_lemmas: Counter = Counter()
    names: set[str] = set()
    skeletons: Counter = Counter()
    lengths = []
    types: Counter = Counter()
    statuses: Counter = Counter()
    genres: Counter = Counter(ex.genre for ex in examples)
    for ex, doc in zip(examples, nlp.pipe(ex.text for ex in examples)):
        lengths.append(len(ex.text.split()))
        trig_tokens = set()
        for ev in ex.events:
            types[ev.type] += 1
            statuses[ev.status] += 1
            tok = token_for(doc, ev.trigger.start, ev.trigger.end)
            if tok is not None:
                trigger_lemmas[(tok.lemma_ or tok.lower_).lower()] += 1
                trig_tokens.add(tok.i)
            for arg in [*ev.actors, *ev.recipients]:
                span = doc.char_span(arg.start, arg.end, alignment_mode="expand")
                if span is not None and any(t.pos_ == "PROPN" or t.ent_type_ for t in span):
                    names.add(arg.text.lower().removeprefix("the "))
        words = []
        for t in doc:
            if t.i in trig_tokens:
                words.append("V")
            elif t.ent_type_:
                if not words or words[-1] != "X":
                    words.append("X")
            else:
                words.append(t.lower_)
        skeletons[" ".join(words)] += 1
    repeated = sum(n for n in skeletons.values() if n > 1)
    q = statistics.quantiles(lengths, n=4)
    stats = {
        "sentences": len(examples),
        "events": sum(types.values()),
        "no_event_share": round(sum(1 for ex in examples if not ex.events) / len(examples), 3),
        "batches": len({ex.batch for ex in examples}),
        "distinct_trigger_lemmas": len(trigger_lemmas),
        "distinct_actor_names": len(names),
        "skeleton_repeat_share": round(repeated / len(examples), 4),
        "length_words": {"min": min(lengths), "q1": q[0], "median": q[1], "q3": q[2], "max": max(lengths),
                         "mean": round(statistics.mean(lengths), 1)},
        "types": dict(types.most_common()),
        "statuses": dict(statuses.most_common()),
        "genres": dict(genres.most_common()),
    }
    print(json.dumps(stats, indent=1))
    if args.json:
        args.json.write_text(json.dumps(stats, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
