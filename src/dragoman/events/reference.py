"""Recipients from the event a reaction refers to.

News reports a reaction by naming the act it reacts to, not the actor of
that act: "Islamabad condemned the attack", "prosecutors opened an
investigation into the strikes", "police broke up the protest", "which the
ministry called a provocation".  The recipient of the reaction is the actor
of the act referred to, which the article has already reported.  A reader
resolves the definite noun phrase ("the attack", "these expulsions") to that
earlier event; this module does the same for events that have no recipient
of their own:

- the reaction's object (its direct object, the object of one of
  `REFERENCE_PREPOSITIONS`, or the noun a relative clause hangs from) is an
  event noun with a definite determiner or a possessor — a reference back,
  not a new act ("an attack" is new); "the decision to expel …" refers to
  the expulsion;
- the referred event is the nearest earlier event of the article whose
  trigger has the same lemma, or whose type the pattern dictionary reads for
  that noun ("the expulsions" → an earlier SANCTION);
- its actors, minus the reaction's own, become the reaction's recipients.

Both coders run it before repeats are merged.
"""

from __future__ import annotations

from typing import Iterable, Optional

from dragoman.events.build import Draft
from dragoman.events.detect import lemma
from dragoman.events.resources import Resources

#: Prepositions whose object a reaction is about ("investigation into the
#: attack", "protest over the arrests", "condemnation of the strikes").
REFERENCE_PREPOSITIONS = frozenset({"into", "over", "for", "against", "about", "of", "on", "at"})
#: Determiners that point back to something already told.
DEFINITE = frozenset({"the", "this", "these", "that", "those", "such"})
#: Relative pronouns: "the attack, which Islamabad condemned".
RELATIVE = frozenset({"which", "that"})
#: How many sentences back a referred event may lie.
WINDOW_SENTENCES = 8


def referred_noun(trigger):
    """The event noun a trigger's action is about, when it refers back; else None."""
    objects = []
    for child in trigger.children:
        if child.dep_ in ("dobj", "obj"):
            objects.append(child)
            # a light verb's noun: "opened an investigation into the killings"
            objects.extend(_prep_objects(child))
        elif child.dep_ == "prep" and child.lower_ in REFERENCE_PREPOSITIONS:
            objects.extend(g for g in child.children if g.dep_ == "pobj")
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "obj"):
        # an event noun under a light verb, its preposition on the verb:
        # "opened an investigation into the killings"
        objects.extend(_prep_objects(trigger.head))
    if trigger.dep_ == "relcl":
        objects.extend(c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass") and c.lower_ in RELATIVE)
    for obj in objects:
        if obj.lower_ in RELATIVE and trigger.dep_ == "relcl":
            obj = trigger.head  # the noun the relative clause describes
        if obj.pos_ != "NOUN":
            continue
        if any(c.dep_ == "det" and c.lower_ in DEFINITE for c in obj.children) or \
                any(c.dep_ == "poss" for c in obj.children) or obj.i == trigger.head.i:
            # "backed the decision to expel the diplomats": the act is the clause's verb
            act = next((c for c in obj.children if c.dep_ == "acl" and c.pos_ == "VERB"
                        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
            return act if act is not None else obj
    return None


def _prep_objects(noun) -> list:
    return [g for p in noun.children if p.dep_ == "prep" and p.lower_ in REFERENCE_PREPOSITIONS
            for g in p.children if g.dep_ == "pobj"]


class ReferenceResolver:
    """Fills a reaction's missing recipients from the event it refers to."""

    def __init__(self, res: Resources):
        self.types_of: dict[str, set[str]] = {}
        for (_pos, word), rows in res.patterns.items():
            for row in rows:
                if row.type != "NONE":
                    self.types_of.setdefault(word, set()).add(row.type)

    def _refers_to(self, noun, earlier: Draft) -> bool:
        word = lemma(noun)
        return lemma(earlier.trigger) == word or earlier.type in self.types_of.get(word, ())

    def fill(self, drafts: Iterable[Draft]) -> None:
        """Give each draft without recipients the actors of the event its object refers to."""
        body = sorted((d for d in drafts if d.trigger is not None), key=lambda d: d.trigger.i)
        for n, draft in enumerate(body):
            if draft.recipients:
                continue
            noun = referred_noun(draft.trigger)
            if noun is None:
                continue
            found = self._nearest(noun, draft, body[:n] + body[n + 1:])
            if found is not None:
                draft.recipients = [a for a in found.actors if a not in draft.actors]

    def _nearest(self, noun, draft: Draft, others: list[Draft]) -> Optional[Draft]:
        best = None
        for other in others:
            t = other.trigger
            if t.doc is not noun.doc or t.i >= noun.i or t.i == noun.i:
                continue
            if draft.sentence - other.sentence > WINDOW_SENTENCES:
                continue
            if not other.actors or set(other.actors) <= set(draft.actors):
                continue
            if self._refers_to(noun, other) and (best is None or t.i > best.trigger.i):
                best = other
        return best
