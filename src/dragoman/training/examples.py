"""From labelled sentences to training docs for the four event models.

The models read bags of feature strings; a feature bag is stored as a spaCy
``Doc`` whose words are the features and whose ``cats`` are the labels, so
spaCy's own trainer, corpus format (DocBin) and textcat components do the
learning.  Every sentence goes through the same stages the events stage
reads at run time (parse, actors, quotes: `analyse`), and candidate
triggers, actor mentions and their classes are found exactly as the coder
finds them (`dragoman.events.coder`), so the models see at training what
they will see on an article.
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


@dataclass
class Analysed:
    """One example after the stages the events stage reads: the record
    (actors, quotes) and the parse."""

    example: Example
    doc: object   # dragoman.model.Document
    parsed: object  # spaCy Doc


def analyse(examples: list[Example], n_process: int = 1, batch_size: int = 256) -> Iterable[Analysed]:
    """Run the pipeline up to (not including) events over each example's text.

    The text is not cleaned: the corpus offsets must stay valid, and a
    corpus sentence is already clean prose.
    """
    from dragoman.model import Document
    from dragoman.pipeline import Coder, CoderOptions

    coder = Coder(CoderOptions(language="en", stages=("actors", "quotes")))
    texts = (ex.text for ex in examples)
    for example, parsed in zip(examples, coder.nlp.pipe(texts, batch_size=batch_size, n_process=n_process)):
        doc = coder.annotate(Document(id=example.id, text=example.text), parsed)
        yield Analysed(example, doc, parsed)


def finder_for(item: Analysed, res):
    from dragoman.events.roles import ActorFinder

    return ActorFinder(item.doc, res.words("reciprocal_nouns") if res else frozenset(),
                       res.words("reciprocal_determiners") if res else frozenset(), item.parsed,
                       res.words("party_object_verbs") if res else frozenset())


def bags_for(item: Analysed, hints_of, is_candidate, res=None) -> Bags:
    """Feature bags of one analysed example.

    ``hints_of(tok)`` gives knowledge-source hints (may return []);
    ``is_candidate(tok)`` is the coder's own candidate test.  Role candidates
    are the sentence's actor mentions (as at run time) plus the labelled
    actor and recipient heads.
    """
    from dragoman.events.roles import mention_heads

    example, parsed = item.example, item.parsed
    finder = finder_for(item, res)
    classify = features.actor_classes(finder)
    out = Bags([], [], [], [])
    by_token: dict[int, LabelledEvent] = {}
    for ev in example.events:
        tok = token_for(parsed, ev.trigger.start, ev.trigger.end)
        if tok is not None:
            by_token.setdefault(tok.i, ev)
    heads_of: dict[int, list] = {}
    for tok in parsed:
        ev = by_token.get(tok.i)
        if ev is None and not is_candidate(tok):
            continue
        feats = features.trigger_features(tok, hints_of(tok), classify)
        out.type.append((feats, ev.type if ev else NO_EVENT, example.id))
        if ev is None:
            continue
        out.mode.append((feats, mode_label(ev.type, ev.mode), example.id))
        out.status.append((feats, ev.status, example.id))
        actor_heads = {t.i for s in ev.actors if (t := token_for(parsed, s.start, s.end)) is not None}
        recipient_heads = {t.i for s in ev.recipients if (t := token_for(parsed, s.start, s.end)) is not None}
        sent = tok.sent
        if sent.start not in heads_of:
            heads_of[sent.start] = mention_heads(sent, finder)
        candidates = {e.i: e for e in heads_of[sent.start]}
        for i in actor_heads | recipient_heads:
            candidates.setdefault(i, parsed[i])
        for i, ent in sorted(candidates.items()):
            if i == tok.i:
                continue
            label = "actor" if i in actor_heads else "recipient" if i in recipient_heads else "none"
            out.role.append((features.role_features(tok, ent, ev.type, classify), label, example.id))
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



def collect(items: Iterable[Analysed], hints_of, is_candidate, res=None, only: Optional[set] = None) -> Bags:
    total = Bags([], [], [], [])
    for item in items:
        if only is not None and item.example.id not in only:
            continue
        b = bags_for(item, hints_of, is_candidate, res)
        total.type += b.type
        total.mode += b.mode
        total.status += b.status
        total.role += b.role
    return total
