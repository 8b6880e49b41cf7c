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
  trigger has the same lemma or is the verb the noun is made from
  ("welcomed the invitation" → the inviting: `same_root`), else the nearest whose type the pattern
  dictionary's noun rows read for that noun ("the expulsions" → an earlier
  SANCTION); another reaction to the same thing is never the referent
  ("Paris also condemned the attack" is aimed at the attackers, not at the
  first to condemn it);
- its actors, minus the reaction's own, become the reaction's recipients.

Both coders run it before repeats are merged.
"""

from __future__ import annotations

from typing import Iterable, Optional

from dragoman.events.build import Draft
from dragoman.events.detect import lemma, trigger_pos
from dragoman.events.resources import Resources

#: Prepositions whose object a reaction is about ("investigation into the
#: attack", "protest over the arrests", "condemnation of the strikes").
REFERENCE_PREPOSITIONS = frozenset({"into", "over", "for", "against", "about", "of", "on", "at"})
#: Determiners that point back to something already told.
DEFINITE = frozenset({"the", "this", "these", "that", "those", "such"})
#: Relative pronouns: "the attack, which Islamabad condemned".
RELATIVE = frozenset({"which", "that"})


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
    if trigger.dep_ == "relcl":  # the relative pronoun as passive subject ("which was condemned")
        objects.extend(c for c in trigger.children if c.dep_ == "nsubjpass" and c.lower_ in RELATIVE)
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


def same_root(verb: str, noun: str) -> bool:
    """Whether an event noun is a verb's own nominalisation ("invite"/"invitation",
    "decide"/"decision", "invade"/"invasion", "withdraw"/"withdrawal", "rule"/"ruling"): the
    noun is the verb's stem (less a final "e") and a suffix of action (`NOMINAL_SUFFIXES`), or
    the stem less "d"/"de"/"t"/"te" and "-sion"/"-tion"; words that only look so are listed
    (`NOT_NOMINALISATIONS`).  Why a rule and not a list: English builds these nouns by regular
    suffixes, and a reader resolves "welcomed the invitation" to the inviting told before.
    Not "sanction"/"sanctuary", "protest"/"protection", "invest"/"investigation"."""
    if noun in NOT_NOMINALISATIONS:
        return False
    shared = 0
    for a, b in zip(verb, noun):
        if a != b:
            break
        shared += 1
    tail, rest = verb[shared:], noun[shared:]
    if shared < 3:
        return False
    if tail in ("", "e"):  # "withdraw-al", "invit(e)-ation", "rul(e)-ing", "interven(e)-tion"
        return rest in NOMINAL_SUFFIXES or (tail == "e" and rest == "tion")
    if tail == "y":
        return rest in ("ation", "ication")  # "occup(y)-ation", "clarif(y)-ication"
    return tail in ("de", "d", "t", "te") and rest in ("sion", "ssion", "tion")  # "deci(de)-sion", "admi(t)-ssion"


#: The endings English nouns of action take after the verb's stem ("invit-ation", "withdraw-al").
NOMINAL_SUFFIXES = frozenset({"ation", "ion", "al", "ment", "ing", "ance", "ence", "ure"})

#: Nouns that look made from a verb but name something else ("movement" is a body, "signal" no signing).
NOT_NOMINALISATIONS = frozenset({"movement", "department", "signal", "mission", "commission", "convention",
                                 "attention", "government", "settlement"})


def _authored(noun) -> bool:
    """ "welcomed the invitation from Sweden", "rejected the commission appointed by parliament":
    the sentence names who made it, so no earlier event is looked for (the rules read it).  The
    parser hangs the "from" on the noun or on the verb whose object it is; both count."""
    holder = noun.head if noun.dep_ in ("dobj", "obj") else None
    if holder is not None and any(c.dep_ == "prep" and c.lower_ == "from" and _names_someone(c) for c in holder.children):
        return True
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by") and _names_someone(child):
            return True
        if child.dep_ == "acl" and any(g.dep_ == "agent" for g in child.children):
            return True
    return False


def _names_someone(prep) -> bool:
    """Whether a preposition's object is a name ("from Sweden"), not a time or thing ("from the start")."""
    return any(o.dep_ == "pobj" and (o.pos_ == "PROPN" or o.ent_type_ in ("GPE", "ORG", "NORP", "PERSON"))
               for o in prep.children)


def _prep_objects(noun) -> list:
    return [g for p in noun.children if p.dep_ == "prep" and p.lower_ in REFERENCE_PREPOSITIONS
            for g in p.children if g.dep_ == "pobj"]


class ReferenceResolver:
    """Fills a reaction's missing recipients from the event it refers to."""

    def __init__(self, res: Resources):
        #: (pattern part of speech, lemma) -> the types the dictionary reads for it: a noun's types
        #: from its noun rows only ("attack" the noun is ASSAULT; the verb is also ACCUSE)
        self.types_of: dict[tuple[str, str], set[str]] = {}
        for (pos, word), rows in res.patterns.items():
            for row in rows:
                if row.type != "NONE":
                    self.types_of.setdefault((pos, word), set()).add(row.type)

    def _match(self, act, earlier: Draft) -> int:
        """2: the earlier event has the act's own word; 1: a type the dictionary reads for it; 0: no."""
        word = lemma(act)
        if lemma(earlier.trigger) == word or same_root(lemma(earlier.trigger), word):
            return 2
        return int(earlier.type in self._types(act))

    def fill(self, drafts: Iterable[Draft]) -> None:
        """Give each draft without recipients the actors of the event its object refers to."""
        body = sorted((d for d in drafts if d.trigger is not None), key=lambda d: d.trigger.i)
        refers = {id(d): referred_noun(d.trigger) for d in body}
        for draft in body:
            noun = refers[id(draft)]
            if draft.recipients or noun is None or _authored(noun):
                continue
            # another reaction to the same thing ("X condemned the attack … Y also condemned the
            # attack") is no referent: the act is
            others = [d for d in body if d is not draft and not self._reacts_to(d, refers[id(d)], noun)]
            found = self._nearest(noun, draft, others)
            if found is not None:
                draft.recipients = [a for a in found.actors if a not in draft.actors]

    def _reacts_to(self, other: Draft, its_noun, noun) -> bool:
        """Is ``other`` itself a reaction to what ``noun`` names (its object has the same word and
        its type is not one the word reads: a condemnation of "the attack", not "carried out the attack")?"""
        if its_noun is None or lemma(its_noun) != lemma(noun):
            return False
        return other.type not in self._types(noun)

    def _types(self, act) -> set[str]:
        """The types the pattern dictionary reads for the act's word, as the word is used (noun or verb)."""
        return self.types_of.get((trigger_pos(act) or "N", lemma(act)), set())

    def _nearest(self, act, draft: Draft, others: list[Draft]) -> Optional[Draft]:
        """The earlier event ``act`` names: the best match (own word over type), the nearest of those,
        however far back (a reader resolves "the attack" to the last attack told, wherever it was)."""
        best, best_key = None, (0, -1)
        for other in others:
            t = other.trigger
            if t.doc is not act.doc or t.i >= act.i:
                continue
            if not other.actors or set(other.actors) <= set(draft.actors):
                continue
            key = (self._match(act, other), t.i)
            if key[0] and key > best_key:
                best, best_key = other, key
        return best
