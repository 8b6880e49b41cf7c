"""Find event triggers in a parse and pick their pattern (PLOVER type, mode, CAMEO).

A trigger is a verb or an event noun whose lemma is in patterns.tsv; the row
whose cues (particles, prepositions, objects, modifiers…) all hold and which is
the most specific wins.  A winning row of type NONE blocks the trigger ("meet
the needs" is no meeting).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional

from dragoman.events.resources import Pattern, Resources

OBJECT_DEPS = ("dobj", "obj")
MODIFIER_DEPS = ("compound", "amod", "nmod", "npadvmod")


#: Lemmas the tagger gets wrong ("staged" → "stag"); filled from cues.json at load.
LEMMA_FIXES: dict[str, str] = {}


def lemma(tok) -> str:
    form = tok.lower_
    return LEMMA_FIXES.get(form) or _e_final(form, tok.lemma_.lower())


#: A one-syllable stem ending in a single vowel and a single consonant ("hop", "stag", "wag").
_SHORT_STEM = re.compile(r"[^aeiouy]*[aeiou][^aeiouwxy]")


def short_stem(word: str) -> bool:
    """A one-syllable stem ending in one vowel and one consonant ("hop", "wag"; also "us", "at",
    which no rule reads)."""
    return bool(_SHORT_STEM.fullmatch(word))


@lru_cache(maxsize=16384)
def _e_final(form: str, base: str) -> str:
    """The verb spaCy's rule lemmatizer cut short: "hoped"/"hoping"/"hopes" → "hope", not "hop";
    "waged" → "wage", "scraped" → "scrape", "staged" → "stage".

    Why a rule of spelling and not a list: English doubles the last consonant of such a
    one-syllable stem before -ed and -ing ("hopped", "wagged", "scrapped"), so an undoubled
    form can only come from the stem with a silent "e"; the lemmatizer takes the first stem its
    word list knows. "hoping to meet" read as "hop" lost its future status."""
    if short_stem(base) and (form in (base + "ed", base + "ing")
                                        or form == base + "es" and not base.endswith(("s", "z", "ch", "sh"))):
        return base + "e"
    return base


def is_passive(verb) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def conjuncts(tok) -> list:
    """The token's conjuncts, in order ("A, B and C" from A)."""
    out, stack = [], [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        c = stack.pop(0)
        out.append(c)
        stack.extend(k for k in c.children if k.dep_ == "conj")
    return out


def objects_of(tok) -> list:
    """Direct objects of a verb (with their conjuncts); a passive subject counts as object."""
    if tok.pos_ not in ("VERB", "AUX"):
        return []
    heads = [c for c in tok.children if c.dep_ in OBJECT_DEPS or c.dep_ == "nsubjpass"]
    return [o for h in heads for o in [h, *conjuncts(h)]]


def modifiers_of(tok) -> list:
    return [c for c in tok.children if c.dep_ in MODIFIER_DEPS]


def prep_objects(tok, preps: Optional[Iterable[str]] = None) -> list:
    """Objects of the token's prepositions (optionally only the named ones)."""
    wanted = set(preps) if preps is not None else None
    out = []
    for p in tok.children:
        if p.dep_ not in ("prep", "agent", "dative") or (wanted is not None and p.lower_ not in wanted):
            continue
        if p.dep_ == "dative" and p.pos_ != "ADP":
            out.append(p)
            continue
        out.extend(_objects_of_preposition(p))
    return out


def _objects_of_preposition(p) -> list:
    """A preposition's objects; "out of the talks" (an objectless "out" before "of") reaches "talks"."""
    direct = [o for o in p.children if o.dep_ in ("pobj", "pcomp")]
    if not direct:
        direct = [o for q in p.children if q.dep_ == "prep" for o in q.children if o.dep_ in ("pobj", "pcomp")]
    return [x for o in direct for x in (o, *conjuncts(o))]


#: adverbs the tagger reads where a phrasal verb's particle stands ("stepped DOWN" as advmod)
PARTICLE_ADVERBS = frozenset({"down", "up", "out", "off", "back", "aside", "away", "over", "in"})


def is_particle(tok) -> bool:
    """A particle, a particle-like adverb, or a preposition with no object ("walked OUT of the talks")."""
    if tok.dep_ == "prt":
        return True
    if tok.dep_ == "advmod" and tok.lower_ in PARTICLE_ADVERBS:
        return True
    return tok.dep_ == "prep" and not any(c.dep_ in ("pobj", "pcomp") for c in tok.children)


def is_infinitive_clause(tok) -> bool:
    """"sworn to fight": an adverbial clause opened by "to" is a complement too."""
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def governor(tok):
    """The word a noun is an argument of: the verb of its object role, or the word
    its preposition attaches to ("resumption OF ties" → resumption)."""
    t = tok
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.dep_ == "pobj" and t.head.dep_ in ("prep", "agent"):
        return t.head.head
    if t.dep_ in ("dobj", "obj", "nsubjpass", "attr", "oprd", "nsubj", "appos"):
        return t.head
    return None


def subject_token(verb):
    """The verb's subject; of two (a dateline misparsed as subject), the nearest."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj", "expl")]
    if subjects:
        before = [c for c in subjects if c.i < verb.i]
        return before[-1] if before else subjects[0]
    for aux in verb.children:  # a misparse hangs the subject on the auxiliary
        if aux.dep_ == "aux":
            for c in aux.children:
                if c.dep_ == "nsubj":
                    return c
    return None


#: Heads that count a noun ("hundreds of students", "a group of protesters"): a subject cue
#: reads the counted noun too.
QUANTITY_HEADS = frozenset({"dozen", "hundred", "thousand", "million", "ten", "score", "group", "crowd",
                            "number", "band", "gang", "mob", "busload", "many", "some", "several"})


def _cue_holds(kind: str, words: frozenset[str], tok) -> bool:
    anything = "*" in words

    def hit(tokens) -> bool:
        tokens = list(tokens)
        return bool(tokens) if anything else any(lemma(t) in words or t.lower_ in words for t in tokens)

    if kind == "prt":
        return hit(c for c in tok.children if is_particle(c))
    if kind == "prep":
        return hit(c for c in tok.children if c.dep_ in ("prep", "agent"))
    if kind == "obj":  # "700 kg of medicine": the measured thing counts too
        objs = objects_of(tok)
        if not objs and tok.dep_ == "acl" and tok.tag_ == "VBN":
            objs = [tok.head]  # "volleys of tear gas fired by police": the noun it describes
        return hit(objs + [p for o in objs for p in prep_objects(o, ("of",))])
    if kind == "objmod":
        targets = objects_of(tok) if tok.pos_ in ("VERB", "AUX") else [tok]
        return hit(m for t in targets for m in modifiers_of(t))
    if kind == "pobj":
        return hit(prep_objects(tok))
    if kind == "xcomp":
        return hit(c for c in tok.children if c.dep_ in ("xcomp", "ccomp") or is_infinitive_clause(c))
    if kind == "subj":
        agents = prep_objects(tok, ("by",)) if is_passive(tok) else []
        if agents and hit(agents + [o for a in agents for o in prep_objects(a, ("of",))]):
            return True  # "the palace was stormed by soldiers": the agent is who acts
        subj = subject_token(tok)
        if subj is None and tok.dep_ == "conj":
            subj = subject_token(tok.head)  # "trucks crossed into Gaza and were handed over"
        if subj is not None and subj.lemma_.lower() in QUANTITY_HEADS:
            # "hundreds of students occupied the lawn": the counted noun is who acts
            counted = prep_objects(subj, ("of",))
            return hit(counted) if counted else hit([subj])
        return subj is not None and hit([subj])
    if kind == "mod":
        return hit(modifiers_of(tok))
    if kind == "gov":
        gov = governor(tok)
        return gov is not None and hit([gov])
    return False


def trigger_pos(tok) -> Optional[str]:
    if tok.pos_ == "VERB":
        return "V"
    if tok.pos_ == "NOUN":
        return "N"
    if tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "amod", "xcomp", "ROOT"):
        return "A"
    return None


def match_pattern(res: Resources, tok) -> Optional[Pattern]:
    """The winning pattern row for a token, or None (no row, or a NONE row wins)."""
    pos = trigger_pos(tok)
    if pos is None:
        return None
    rows = res.patterns.get((pos, lemma(tok)))
    if not rows:
        return None
    best: Optional[Pattern] = None
    for row in rows:
        if row.no_object and objects_of(tok):
            continue
        if not all(_cue_holds(kind, words, tok) for kind, words in row.cues):
            continue
        if best is None or row.specificity > best.specificity:
            best = row
    if best is None or best.type == "NONE":
        return None
    return best
