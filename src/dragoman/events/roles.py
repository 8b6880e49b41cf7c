"""Who acts and who receives: actors from the syntax, resolved through doc.actors.

Only what the actors stage recorded counts as an actor; this module finds which
recorded actor a noun phrase refers to, the most specific one first ("Defense
Minister Benny Gantz" → Gantz; "Israeli aircraft" → Israel; "Israel's
bombardment" → Israel).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from dragoman.events.detect import conjuncts, lemma, objects_of, prep_objects
from dragoman.model import Actor, Document

#: Heads whose "of"/"for"/"from" phrase names the entity ("leaders of ECOWAS",
#: "a spokesman for the ministry", "thousands of protesters").
MEMBER_NOUNS = frozenset(
    "thousand hundred dozen million member leader official spokesman spokeswoman spokesperson "
    "representative delegation minister troop soldier force government ministry army police "
    "militant fighter group number some many all most several unit envoy team head chief negotiator diplomat "
    "delegate mediator lawmaker legislator officer commander".split()
)

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})

PLURAL_PRONOUNS = frozenset({"them", "they"})

#: Object pronouns that can stand for a state, a body or a group (never a person: "him"
#: and "her" are the actors stage's coreference), with the grammatical number each takes.
OBJECT_PRONOUN_NUMBER = {"it": "singular", "them": "plural"}

#: Clause links through which a clause with no subject of its own shares its head's
#: ("expelled three diplomats, accusing them of …"; "arrested the students and beat them").
SHARED_SUBJECT_DEPS = frozenset({"advcl", "conj"})

#: Prepositions whose object an act is aimed at ("appealed to", "called on", "turned against").
AIMING_PREPS = frozenset({"to", "on", "upon", "against", "at", "with", "toward", "towards"})

#: Not "over": it names a cause or a place far more often than a party ("recalled its envoy from
#: Berlin over the Sahara stance", "quit over the affair", "shot down helicopters over Mogadishu").
RECIPIENT_PREPS = frozenset(
    {"with", "to", "on", "upon", "against", "toward", "towards", "into", "at", "outside"}
)


#: Parts of speech that can head an actor mention.
MENTION_POS = frozenset({"NOUN", "PROPN", "PRON", "ADJ", "NUM"})


def mention_heads(sent, finder: "ActorFinder") -> list:
    """Tokens heading an actor mention in the sentence (one per noun phrase):
    the candidates for an event's actor and recipient, when coding and when
    training alike."""
    heads = []
    for tok in sent:
        if tok.pos_ not in MENTION_POS or not finder.entity(tok):
            continue
        head = tok.head
        if head.i != tok.i and tok.dep_ in ("compound", "flat", "amod", "nmod") and head.pos_ in ("NOUN", "PROPN") \
                and finder.entity(head) == finder.entity(tok):
            continue  # inside a longer mention: its head stands for it
        heads.append(tok)
    return heads


@dataclass(frozen=True)
class RoleRule:
    """How the role model's per-mention probabilities become an event's roles.

    ``threshold``: a mention takes its likeliest role ("actor"/"recipient")
    when that role's probability reaches it.  ``actor_fallback``: an event
    has an actor, so when no mention is labelled actor, the likeliest one is
    taken if it reaches this.  ``recipient_fallback``: when no mention is
    labelled recipient, the likeliest remaining one is taken if it reaches
    this (None: never).  The values are chosen by the cross-validation sweep
    of ``benchmarks/events_cv.py`` on the team's corpus, not on articles.
    """

    threshold: float = 0.35
    actor_fallback: Optional[float] = 0.2
    recipient_fallback: Optional[float] = None


def decide_roles(scores: list[dict[str, float]], rule: RoleRule) -> list[str]:
    """One label per scored mention ("actor", "recipient" or "none"): the one
    decision the coder makes and the cross-validation scores."""
    labels = []
    for s in scores:
        best = max(s, key=s.get)
        labels.append(best if best != "none" and s[best] >= rule.threshold else "none")
    if scores and "actor" not in labels and rule.actor_fallback is not None:
        i = max(range(len(scores)), key=lambda k: scores[k]["actor"])
        if scores[i]["actor"] >= rule.actor_fallback:
            labels[i] = "actor"
    if "recipient" not in labels and rule.recipient_fallback is not None:
        free = [k for k, label in enumerate(labels) if label == "none"]
        if free:
            i = max(free, key=lambda k: scores[k]["recipient"])
            if scores[i]["recipient"] >= rule.recipient_fallback:
                labels[i] = "recipient"
    return labels


class ActorFinder:
    """Resolves tokens to actor ids for one document."""

    def __init__(self, doc: Document, reciprocal_nouns: frozenset[str], reciprocal_dets: frozenset[str],
                 parsed=None, party_object_verbs: frozenset[str] = frozenset()):
        self.doc = doc
        #: `cues.json` ``party_object_verbs``: verbs whose object is a party ("accused them",
        #: "urged it"), the only ones whose object pronoun `object_antecedent` resolves
        self.party_object_verbs = party_object_verbs
        self.reciprocal_nouns = reciprocal_nouns
        self.reciprocal_dets = reciprocal_dets
        self._pair: Optional[list[str]] = None
        self._surfaces: Optional[dict[str, str]] = None
        self._by_id = {a.id: a for a in doc.actors}
        self._by_token = self._index_tokens(parsed) if parsed is not None else None
        self._country_mentions: Optional[list[tuple[int, str]]] = None
        self._country_starts: list[int] = []

    def _index_tokens(self, parsed) -> dict[int, Actor]:
        """token index → the actor of the tightest mention overlapping it (what
        Document.actor_at answers, computed once per document instead of per call)."""
        import numpy as np

        if len(parsed) == 0:
            return {}
        arr = parsed.to_array(["IDX", "LENGTH"]).astype("int64")
        starts, ends = arr[:, 0], arr[:, 0] + arr[:, 1]
        best: dict[int, tuple[int, Actor]] = {}
        for actor in self.doc.actors:
            for m in actor.mentions:
                first = max(int(np.searchsorted(ends, m.start, side="right")), 0)
                last = int(np.searchsorted(starts, m.end, side="left"))
                width = m.end - m.start
                for i in range(first, last):
                    if i not in best or width < best[i][0]:
                        best[i] = (width, actor)
        return {i: a for i, (_w, a) in best.items()}

    def actor(self, actor_id: Optional[str]) -> Optional[Actor]:
        return self._by_id.get(actor_id) if actor_id else None

    # --- single tokens ---

    def at(self, tok) -> Optional[Actor]:
        """The actor whose mention covers this very token."""
        if self._by_token is not None:
            return self._by_token.get(tok.i)
        return self.doc.actor_at(tok.idx, tok.idx + len(tok))

    def entity(self, tok, depth: int = 0) -> list[str]:
        """Actor ids a noun phrase headed by tok names (one, or two for "the two countries")."""
        if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
            return self.entity(tok.head.head, depth + 1)
        actor = self.at(tok)
        named = [c for c in tok.children if c.dep_ == "appos" and self.at(c) is not None]
        if named and (actor is None or actor.kind in ("group", "anonymous")):
            # "two hostages, Jane Doe and her daughter": the named people
            return [a.id for a in (self.at(t) for t in [named[0], *conjuncts(named[0])]) if a is not None]
        if actor is not None:
            if actor.kind in ("group", "anonymous") and lemma(tok) in MEMBER_NOUNS and depth == 0:
                listed = self._members_of(tok, depth)
                if len(listed) >= 2:
                    return listed  # "diplomats from China, Japan and South Korea": the states
            return [actor.id]
        if tok.lower_ in OBJECT_PRONOUN_NUMBER and tok.pos_ == "PRON" and depth == 0:
            found = self.object_antecedent(tok)
            if found:
                return found
        if tok.lower_ in PLURAL_PRONOUNS and tok.pos_ == "PRON":
            return self.plural_antecedent(tok, depth)
        pair = self.reciprocal_pair(tok)
        if pair:
            return pair
        parts = self.hyphen_parts(tok)
        if parts:
            return parts
        if depth > 2:
            return []
        for child in tok.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod"):
                actor = self.at(child)
                if actor is not None:
                    # "the Red Crescent and UN agencies": every conjoined modifier names one
                    more = [a.id for a in (self.at(c) for c in conjuncts(child)) if a is not None]
                    return list(dict.fromkeys([actor.id, *more]))
                if child.dep_ == "poss" and self.reciprocal_pair(child):
                    return self.reciprocal_pair(child)
        if lemma(tok) in MEMBER_NOUNS or tok.pos_ == "NUM":
            return self._members_of(tok, depth)
        return []

    def _members_of(self, tok, depth: int) -> list[str]:
        """The actors of an "of/for/from" phrase on a member noun ("negotiators from Hanoi and Washington")."""
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "from"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = self.phrase(pobj, depth + 1)
                        if found:
                            return found
        return []

    def object_antecedent(self, tok) -> list[str]:
        """ "Ankara recalled its envoy from Stockholm, accusing it of sheltering militants": the
        object of a clause that shares its head clause's subject cannot be that subject (English
        would say "itself"/"themselves"), so it is the nearest actor named before it in the
        sentence outside the subject, agreeing in number ("it": a singular state or body, never a
        person; "them": a plural noun or a list).  "made it clear that …" is no reference."""
        verb = tok.head
        if tok.dep_ not in ("dobj", "dative") or verb.pos_ != "VERB" or lemma(verb) not in self.party_object_verbs:
            return []  # "intercepted a drone and shot it down": only verbs whose object is a party
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
            return []
        if any(c.dep_ in ("ccomp", "oprd", "xcomp", "acomp") and c.i > tok.i for c in verb.children):
            return []  # "making it clear that …", "calling it a haven" is handled by the object itself
        clause = verb
        while clause.dep_ in SHARED_SUBJECT_DEPS and clause.head.pos_ in ("VERB", "AUX") \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
            clause = clause.head
        if clause.i == verb.i:
            return []
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects:
            return []
        subject = subjects[0]
        excluded = set(range(subject.left_edge.i, subject.right_edge.i + 1))
        plural = OBJECT_PRONOUN_NUMBER[tok.lower_] == "plural"
        for cand in reversed(list(tok.doc[tok.sent.start:tok.i])):
            if cand.i in excluded or cand.pos_ not in ("NOUN", "PROPN") or cand.dep_ in ("compound", "poss"):
                continue
            actor = self.at(cand)
            if actor is None or actor.kind == "person":
                continue
            first = cand
            while first.dep_ == "conj" and first.head.i != first.i:
                first = first.head  # "the bids of Sweden and Finland": the list, from its first item
            ids = self.phrase(first, 1)
            if not ids:
                continue
            is_plural = len(ids) > 1 or first.tag_ in ("NNS", "NNPS") or bool(conjuncts(first))
            if is_plural == plural:
                return ids
            return []  # the nearest candidate disagrees: no guess past it
        return []

    def plural_antecedent(self, tok, depth: int = 0) -> list[str]:
        """ "protesters stormed the gate before police dispersed them": a plural pronoun is the
        group that is subject of another clause earlier in its sentence (never its own clause's,
        nor the phrase that holds the pronoun: "thousands of them" is no antecedent of "them",
        and reading it as one looped without end)."""
        if depth > 2:
            return []
        own = tok.head
        holders = {a.i for a in tok.ancestors}
        for cand in reversed(list(tok.doc[tok.sent.start:tok.i])):
            if cand.dep_ not in ("nsubj", "nsubjpass") or cand.head.i == own.i or cand.tag_ not in ("NNS", "NNPS", "NN"):
                continue
            if cand.i in holders:
                continue
            found = [a for a in self.phrase(cand, depth + 1)
                     if (actor := self.actor(a)) is not None and actor.kind in ("group", "organization", "anonymous")]
            if found:
                return found
        return []

    def phrase(self, tok, depth: int = 0) -> list[str]:
        """Actor ids of a noun phrase and its conjuncts ("X, Y and Z")."""
        out: list[str] = []
        for t in [tok, *conjuncts(tok)]:
            for a in self.entity(t, depth):
                if a not in out:
                    out.append(a)
        return out

    def hyphen_parts(self, tok) -> list[str]:
        """"U.S.-Guyana drills", "Russia-Ukraine talks": actors named by the parts of a
        hyphenated word, looked up among the surfaces the actors stage recorded."""
        if "-" not in tok.text or self.at(tok) is not None:
            return []
        if self._surfaces is None:
            self._surfaces = {}
            for actor in self.doc.actors:
                for m in actor.mentions:
                    self._surfaces.setdefault(m.text.lower(), actor.id)
                self._surfaces.setdefault(actor.name.lower(), actor.id)
        parts = tok.text.split("-")
        if not all(p[:1].isupper() for p in parts):  # names only: not "pro-Russia"
            return []
        found = [self._surfaces.get(p.lower()) for p in parts]
        return [a for a in dict.fromkeys(found) if a]

    # --- "the two countries", "both sides" ---

    def reciprocal_pair(self, tok) -> list[str]:
        if lemma(tok) not in self.reciprocal_nouns or tok.tag_ not in ("NNS", "NNPS"):
            return []
        dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "predet", "amod")}
        if not dets & self.reciprocal_dets:
            return []
        return self.recent_countries(tok) or self.salient_pair()

    def recent_countries(self, tok) -> list[str]:
        """Countries named earlier in the same sentence ("X, Y and Z held drills, and
        Z will share data with both countries"), when there are at least two."""
        if self._country_mentions is None:  # once per document: a scan per call was quadratic on long texts
            self._country_mentions = sorted((m.start, a.country) for m, a in self.doc.mentions()
                                            if a.country and a.country != "IGO")
            self._country_starts = [start for start, _c in self._country_mentions]
        lo = bisect_left(self._country_starts, tok.sent.start_char)
        hi = bisect_left(self._country_starts, tok.idx)
        distinct = list(dict.fromkeys(c for _s, c in self._country_mentions[lo:hi]))
        if len(distinct) < 2:
            return []
        return [a for a in (self.country_actor(c) for c in distinct) if a]

    def salient_pair(self) -> list[str]:
        """The two countries the article is most about, as actor ids."""
        if self._pair is None:
            counts: Counter[str] = Counter()
            for actor in self.doc.actors:
                if actor.country and actor.country != "IGO":
                    counts[actor.country] += len(actor.mentions) * (2 if actor.kind == "country" else 1)
            codes = [code for code, _n in counts.most_common(2)]
            self._pair = [a for a in (self.country_actor(c) for c in codes) if a] if len(codes) == 2 else []
        return list(self._pair)

    def country_actor(self, code: Optional[str]) -> Optional[str]:
        """The actor standing for a country: its country actor, else its most mentioned actor."""
        if not code:
            return None
        best = None
        for actor in self.doc.actors:
            if actor.country != code:
                continue
            rank = (actor.kind == "country", len(actor.mentions))
            if best is None or rank > best[0]:
                best = (rank, actor.id)
        return best[1] if best else None

    def country_of(self, actor_id: str) -> Optional[str]:
        actor = self.actor(actor_id)
        return actor.country if actor else None

    def place_actor(self, tok) -> Optional[str]:
        """The actor a place name stands for: the host country of a visit to it."""
        place = self.doc.place_at(tok.idx, tok.idx + len(tok))
        if place is not None and place.country:
            found = self.country_actor(place.country)
            if found:
                return found
        actor = self.at(tok)
        if actor is not None:
            return self.country_actor(actor.country) or actor.id
        return None


def pronoun_agrees(pronoun, antecedent, ids: list[str], finder: "ActorFinder") -> bool:
    """Whether a subject pronoun can stand for a named subject's actors: "he"/"she" one
    person, "it" one body or state that is no person and no plural noun, "they" a list,
    a plural noun or a group.  "I", "we" and "you" stand for no one named."""
    kinds = [actor.kind for actor in (finder.actor(i) for i in ids) if actor is not None]
    if len(kinds) != len(ids) or not kinds:
        return False
    word = pronoun.lower_
    plural_noun = antecedent.tag_ in ("NNS", "NNPS") or bool(conjuncts(antecedent))
    if word in ("he", "she"):
        return kinds == ["person"]
    if word == "it":
        return len(kinds) == 1 and kinds[0] != "person" and not plural_noun
    if word == "they":
        return len(kinds) > 1 or plural_noun or kinds == ["group"]
    return False


def aimed_at(trigger, finder: "ActorFinder") -> set[str]:
    """Ids of the actors whose own mention is the trigger's object or the object of an aiming
    preposition ("faulted the federal government", "appealed to Ottawa"), not a modifier of the
    target ("sanctions on German banks") nor a place in its content."""
    return {a.id for o in [*objects_of(trigger), *prep_objects(trigger, AIMING_PREPS)]
            if (a := finder.at(o)) is not None}


def is_own_state(actor_id: str, actors: list[str], finder: "ActorFinder") -> bool:
    """Is the actor the country of one of ``actors`` (as a state, not a body of it)?"""
    found = finder.actor(actor_id)
    return found is not None and found.kind == "country" and found.country in {finder.country_of(a) for a in actors}


def own_state_unless_aimed(ids: list[str], actors: list[str], trigger, finder: "ActorFinder") -> list[str]:
    """``ids`` less the actors' own country where the act is not aimed at it (`aimed_at`)."""
    aimed = aimed_at(trigger, finder)
    return [i for i in ids if i in aimed or not is_own_state(i, actors, finder)]
