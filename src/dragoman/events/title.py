"""The headline is coded too (SPEC §2).

The headline is parsed on its own and coded by the same models.  An action
the headline reports and the body reports again is one event: the body's
event, marked ``in_title``.  An action only the headline reports becomes an
event whose evidence points into the title (``evidence.field == "title"``).
Headline words are tied to the body's actors by their names: a headline
names people and countries the body names in full.
"""

from __future__ import annotations

from typing import Optional

from dragoman.events.build import Draft
from dragoman.events.coder import LearnedCoder
from dragoman.events.merge import participants
from dragoman.model import Document, Evidence


class TitleActors:
    """Resolves headline tokens to the body's actors by name (the ActorFinder's
    interface, for a text the actors stage did not read)."""

    def __init__(self, doc: Document):
        self._by_id = {a.id: a for a in doc.actors}
        self.by_word: dict[str, str] = {}
        for actor in doc.actors:
            names = [actor.name, *(m.text for m in actor.mentions)]
            for name in names:
                if not name:
                    continue
                key = name.lower().removeprefix("the ")
                self.by_word.setdefault(key, actor.id)
                last = key.split()[-1]
                if actor.kind == "person" and len(last) > 2:
                    self.by_word.setdefault(last, actor.id)

    def actor(self, actor_id: Optional[str]):
        return self._by_id.get(actor_id) if actor_id else None

    def at(self, tok) -> Optional[str]:
        """The actor a headline noun phrase names: the phrase up to this word
        ("Turkish leader" as the body's "the Turkish leader"), else the word."""
        left = min((c.i for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i), default=tok.i)
        phrase = tok.doc[left:tok.i + 1].text.lower()
        return self.by_word.get(phrase) or self.by_word.get(tok.lower_)

    def entity(self, tok, depth: int = 0) -> list[str]:
        found = self.at(tok)
        if found:
            return [found]
        if depth == 0:
            for child in tok.children:
                if child.dep_ in ("amod", "compound", "poss", "nmod"):
                    sub = self.entity(child, 1)
                    if sub:
                        return sub
        return []


def same_action(title: Draft, body: Draft) -> bool:
    return title.type == body.type and bool(participants(title) & participants(body))


def code_title(coder: LearnedCoder, parse, doc: Document, drafts: list[Draft]) -> list[Draft]:
    """Body drafts with ``in_title`` set where the headline reports them, plus the
    headline's own events (evidence in the title) placed first."""
    title = (doc.title or "").strip()
    if not title or not doc.actors:
        return drafts
    parsed = parse(doc.title)
    finder = TitleActors(doc)
    own: list[Draft] = []
    for draft in coder.code_sentences(parsed, finder, doc=None):
        match = next((d for d in drafts if same_action(draft, d)), None)
        if match is not None:
            match.in_title = True
            continue
        draft.evidence = Evidence(start=0, end=len(doc.title), text=doc.title, field="title")
        draft.in_title = True
        draft.date = doc.published if draft.status == "asserted" else None
        draft.date_precision = "day" if draft.date else "unknown"
        own.append(draft)
    return own + drafts

