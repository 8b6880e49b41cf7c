"""Does each row of the pattern dictionary hold on the team's corpus?

    .venv/bin/python benchmarks/pattern_rows.py [--min 6] [--below 0.5]

The pattern coder's rule stage (`events.build.EventBuilder`, the rows of
`data/events/patterns.tsv` and the discourse rules) runs over every sentence
of the training corpus (`data/training/`), each sentence through the same
stages as at run time; every draft it makes is compared with the sentence's
gold events.  Prints the drafts' precision (the gold type at the trigger
token; and the type among the sentence's gold types, for a gold trigger put
on another word of the same act), then every row that made at least
``--min`` drafts with a sentence-level precision below ``--below``, with the
gold types found at its triggers.  A row written from one article shows here
when the corpus's many writers use its word otherwise.  It also counts, for the drafts of the
right type, whether their actors and recipients name the gold event's spans (the role audit).
Decisions taken from it are in the data README and commit messages; ~4 minutes on 2 cores.

The corpus is not unseen by the pattern table (rows were added while it was
written): read it as an audit of disagreements, not as a held-out score.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict

from dragoman.events import resources
from dragoman.events.build import EventBuilder
from dragoman.events.labels import NO_EVENT
from dragoman.training import corpus as corpus_mod
from dragoman.training.examples import analyse, finder_for, token_for


def _covers(ids: list[str], spans: list, finder) -> bool:
    """Do the draft's parties name the gold spans (a mention overlapping one), or both none?"""
    if not spans:
        return not ids
    mentions = [(m.start, m.end) for i in ids if (a := finder.actor(i)) is not None for m in a.mentions]
    return any(s < g.end and g.start < e for s, e in mentions for g in spans)


def drafts_against_gold(missed: list, roles: Counter) -> list[tuple[tuple, str, str, frozenset[str]]]:
    """(row key, draft type, gold type at its trigger, the sentence's gold types) per draft; the
    gold events no draft found (neither at their trigger nor by type in their sentence) are appended
    to ``missed`` as (trigger lemma, part of speech, gold type, whether the table knows the lemma).
    ``roles`` counts the drafts whose type is right at the trigger by how their parties compare with
    that gold event's: "fully right" (actors and recipients both name the gold spans), else which
    role fails; this is the figure the role rules of the sixth session were chosen on."""
    res = resources.load()
    builder = EventBuilder(res)
    out = []
    for item in analyse(corpus_mod.load()):
        gold: dict[int, str] = {}
        events: dict[int, object] = {}
        tokens = []
        for ev in item.example.events:
            tok = token_for(item.parsed, ev.trigger.start, ev.trigger.end)
            tokens.append((tok, ev.type))
            if tok is not None:
                gold.setdefault(tok.i, ev.type)
                events.setdefault(tok.i, ev)
        sentence_types = frozenset(ev.type for ev in item.example.events)
        finder = finder_for(item, res)
        drafts = builder.drafts(item.doc, item.parsed, finder)
        for draft in drafts:
            p = draft.pattern
            key = (p.line, p.pos, p.lemma, p.type) if p is not None else (0, "?", "?", draft.type)
            out.append((key, draft.type, gold.get(draft.trigger.i, NO_EVENT), sentence_types))
            if gold.get(draft.trigger.i) == draft.type:
                ev = events[draft.trigger.i]
                actor_ok = _covers(draft.actors, ev.actors, finder)
                recipient_ok = _covers(draft.recipients, ev.recipients, finder)
                if actor_ok and recipient_ok:
                    roles["fully right"] += 1
                else:
                    recipient = "recipient right" if recipient_ok else (
                        "recipient missing" if not draft.recipients else "recipient wrong or extra")
                    roles[("actor right, " if actor_ok else "actor wrong, ") + recipient] += 1
        at = {d.trigger.i for d in drafts}
        typed = {d.type for d in drafts}
        for tok, type_ in tokens:
            if tok is not None and tok.i not in at and type_ not in typed:
                word = tok.lemma_.lower()
                missed.append((word, tok.pos_, type_, res.has_lemma(word)))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min", type=int, default=6, help="drafts a row must make to be listed")
    ap.add_argument("--below", type=float, default=0.5, help="list rows whose sentence-level precision is below")
    args = ap.parse_args(argv)
    missed: list = []
    roles: Counter = Counter()
    rows = drafts_against_gold(missed, roles)
    n = len(rows)
    at_token = sum(g == t for _k, t, g, _s in rows)
    in_sentence = sum(t in s for _k, t, _g, s in rows)
    print(f"drafts {n}: type right at the trigger {at_token / n:.3f}, type among the sentence's gold {in_sentence / n:.3f}")
    print(f"drafts whose type is right at the trigger, by their parties ({at_token}; before the merge stage,"
          " so one act drafted twice counts twice):")
    for what, count in roles.most_common():
        print(f"  {count:5d}  {what}")
    by_row: dict[tuple, list] = defaultdict(list)
    for key, t, g, s in rows:
        by_row[key].append((t, g, s))
    listed = []
    for key, xs in by_row.items():
        right = sum(t in s for t, _g, s in xs)
        if len(xs) >= args.min and right / len(xs) < args.below:
            listed.append((right / len(xs), len(xs), key, Counter(g for _t, g, _s in xs).most_common(3)))
    print(f"rows with >= {args.min} drafts and sentence-level precision < {args.below} (line, pos, lemma, type; "
          "line 0 = a discourse rule):")
    for prec, count, key, gold in sorted(listed, key=lambda r: (r[0], -r[1])):
        print(f"  {prec:.2f} of {count:3d}  {key}  gold at the trigger: {gold}")
    known = sum(1 for m in missed if m[3])
    print(f"gold events no draft found: {len(missed)} ({known} with a trigger word the table knows: the parties or "
          "the grammar, not the word, failed); commonest missed trigger words:")
    for (word, pos, type_), count in Counter((w, p, t) for w, p, t, _k in missed).most_common(15):
        print(f"  {count:3d}  {word} ({pos}) {type_}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
