"""From labelled sentences to training docs for the four event models.

The models read bags of feature strings; a feature bag is stored as a spaCy
``Doc`` whose words are the features and whose ``cats`` are the labels, so
spaCy's own trainer, corpus format (DocBin) and textcat components do the
learning.  Candidate triggers and entity heads are chosen exactly as the
coder chooses them at run time (`dragoman.events.coder`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from dragoman.events import features
from dragoman.events.labels import NO_EVENT, mode_label
from dragoman.training.corpus import Example, LabelledEvent


@dataclass
class Bags:
    """Feature bags and labels per model, with the example each came from."""

    type: list[tuple[list[str], str, str]]      # (features, label, example id)
    mode: list[tuple[list[str], str, str]]
    status: list[tuple[list[str], str, str]]
    role: list[tuple[list[str], str, str]]


def token_for(parsed, start: int, end: int):
    """The syntactic head of the tokens covering [start, end)."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def entity_heads(sent) -> list:
    """Tokens that head something that could be an actor: names, noun phrases, pronouns.

    At run time the actors stage's mentions play this part; in training the
    parse's entities and noun chunks do.
    """
    heads = {}
    for ent in sent.ents:
        heads[ent.root.i] = ent.root
    try:
        chunks = list(sent.noun_chunks)
    except (NotImplementedError, ValueError):
        chunks = []
    for chunk in chunks:
        heads.setdefault(chunk.root.i, chunk.root)
    return [heads[i] for i in sorted(heads)]


def bags_for(parsed, example: Example, hints_of, is_candidate) -> Bags:
    """Feature bags of one parsed example.

    ``hints_of(tok)`` gives knowledge-source hints (may return []);
    ``is_candidate(tok)`` is the coder's own candidate test.
    """
    out = Bags([], [], [], [])
    by_token: dict[int, LabelledEvent] = {}
    for ev in example.events:
        tok = token_for(parsed, ev.trigger.start, ev.trigger.end)
        if tok is not None:
            by_token.setdefault(tok.i, ev)
    for tok in parsed:
        ev = by_token.get(tok.i)
        if ev is None and not is_candidate(tok):
            continue
        feats = features.trigger_features(tok, hints_of(tok))
        out.type.append((feats, ev.type if ev else NO_EVENT, example.id))
        if ev is None:
            continue
        out.mode.append((feats, mode_label(ev.type, ev.mode), example.id))
        out.status.append((feats, ev.status, example.id))
        actor_heads = {t.i for s in ev.actors if (t := token_for(parsed, s.start, s.end)) is not None}
        recipient_heads = {t.i for s in ev.recipients if (t := token_for(parsed, s.start, s.end)) is not None}
        candidates = {e.i: e for e in entity_heads(tok.sent)}
        for i in actor_heads | recipient_heads:
            candidates.setdefault(i, parsed[i])
        for i, ent in sorted(candidates.items()):
            if i == tok.i:
                continue
            label = "actor" if i in actor_heads else "recipient" if i in recipient_heads else "none"
            out.role.append((features.role_features(tok, ent, ev.type), label, example.id))
    return out


def to_docbin(vocab, rows: Iterable[tuple[list[str], str, str]], labels: tuple[str, ...]):
    """A DocBin of feature docs with one-hot cats over ``labels``."""
    from spacy.tokens import Doc, DocBin

    db = DocBin(store_user_data=False)
    for feats, label, _ident in rows:
        doc = Doc(vocab, words=[f.replace(" ", "_") for f in feats] or ["<empty>"])
        doc.cats = {name: float(name == label) for name in labels}
        db.add(doc)
    return db



def parse_examples(nlp, examples: list[Example], n_process: int = 1, batch_size: int = 256):
    """(example, parsed doc) pairs, parsed with the coder's spaCy pipeline."""
    texts = (ex.text for ex in examples)
    return zip(examples, nlp.pipe(texts, batch_size=batch_size, n_process=n_process))


def collect(pairs, hints_of, is_candidate, only: Optional[set] = None) -> Bags:
    total = Bags([], [], [], [])
    for example, parsed in pairs:
        if only is not None and example.id not in only:
            continue
        b = bags_for(parsed, example, hints_of, is_candidate)
        total.type += b.type
        total.mode += b.mode
        total.status += b.status
        total.role += b.role
    return total
