"""PLOVER's auxiliary modes as `status`, and the reductions they imply.

asserted: it happened or is happening; future: announced or planned ("will
meet", "is set for", "plans to", "ahead of"); hypothetical: conditional or
possible ("could", "if"); negated: did not happen ("did not", "failed to").
"""

from __future__ import annotations

from typing import Optional

from dragoman.events.detect import lemma
from dragoman.events.resources import Resources

#: PLOVER: a future CONSULT/SUPPORT/COOPERATE/AID is AGREE, a future RETREAT is
#: CONCEDE; CAMEO codes them as "express intent to …" (03x).
REDUCTIONS = {
    "CONSULT": ("AGREE", "036"),
    "SUPPORT": ("AGREE", "032"),
    "COOPERATE": ("AGREE", "031"),
    "AID": ("AGREE", "033"),
    "RETREAT": ("CONCEDE", "035"),
}

#: Links along which a trigger inherits the status of the word above it.
CHAIN_DEPS = frozenset({"xcomp", "pobj", "prep", "pcomp", "dobj", "nsubjpass", "attr", "conj", "acl", "advcl", "nsubj"})

PAST_TAGS = frozenset({"VBD", "VBN"})


class StatusRules:
    def __init__(self, res: Resources):
        self.future_verbs = res.words("future_verbs")
        self.future_adjectives = res.words("future_adjectives")
        self.future_preps = res.words("future_preps")
        self.future_aux = res.words("future_aux")
        self.hypo_aux = res.words("hypothetical_aux")
        self.hypo_marks = res.words("hypothetical_marks")
        self.hypo_verbs = res.words("hypothetical_verbs")
        self.hypo_adjectives = res.words("hypothetical_adjectives")
        self.negating_verbs = res.words("negating_verbs")
        self.negation_words = res.words("negation_words")
        self.affirming_nouns = res.words("affirming_nouns")
        self.preventing_verbs = res.words("preventing_verbs")
        self.speech_verbs = res.words("speech_verbs")

    def _chain(self, trigger) -> list:
        """The trigger and the words it hangs from, up to the first clause boundary."""
        chain, tok = [trigger], trigger
        while tok.dep_ in CHAIN_DEPS and tok.head.i != tok.i:
            tok = tok.head
            chain.append(tok)
            if tok.pos_ in ("VERB", "AUX") and chain[-2].dep_ not in ("xcomp", "conj", "pobj", "prep", "pcomp", "dobj", "nsubjpass", "attr"):
                break
        return chain

    def _reported_in_past(self, verb) -> bool:
        """Is the clause the complement of a past speech verb ("said they would …")?"""
        tok = verb
        while tok.dep_ in ("conj",) and tok.head.i != tok.i:
            tok = tok.head
        head = tok.head
        return tok.dep_ in ("ccomp", "xcomp") and lemma(head) in self.speech_verbs and head.tag_ in PAST_TAGS

    def status(self, trigger) -> str:
        negated = hypothetical = future = False
        chain = self._chain(trigger)
        for i, tok in enumerate(chain):
            kids = list(tok.children)
            if tok.dep_ == "conj":  # "will meet and sign": the first conjunct's auxiliaries
                kids += [k for k in tok.head.children if k.dep_ in ("aux", "neg")]
            for k in kids:
                word = k.lower_
                if k.dep_ == "neg" or (k.dep_ == "det" and word == "no" and tok.pos_ == "NOUN"
                                       and lemma(tok) not in self.affirming_nouns):
                    # "no order to withdraw" negates; "left no doubt that she would", "made no
                    # secret of" affirm what follows (`affirming_nouns`)
                    negated = True
                elif k.dep_ in ("aux", "auxpass") and word in self.future_aux:
                    future = True
                elif k.dep_ == "aux" and word in self.hypo_aux:
                    if word == "would" and self._reported_in_past(tok):
                        future = True
                    elif word in ("must", "should"):
                        hypothetical = hypothetical or tok is trigger
                    else:
                        hypothetical = True
                elif k.dep_ == "mark" and word in self.hypo_marks:
                    hypothetical = True
                elif k.dep_ == "amod" and tok.pos_ == "NOUN" and word in self.future_adjectives:
                    future = True
                elif k.dep_ == "amod" and tok.pos_ == "NOUN" and word in self.hypo_adjectives:
                    hypothetical = True  # "a possible meeting", "potential sanctions"
                elif k.dep_ == "aux" and word == "to" and lemma(tok) == "go" and tok.tag_ == "VBG":
                    future = True
            if i > 0:
                word = lemma(tok)
                if word == "set" and not any(k.dep_ in ("auxpass", "nsubjpass") for k in tok.children):
                    pass  # "set fire to", not "is set to"
                elif word in self.future_verbs or word in self.future_preps:
                    future = True
                elif word in self.negating_verbs and chain[i - 1].dep_ == "xcomp":
                    negated = True
                elif (word in self.preventing_verbs and i >= 2 and chain[i - 1].lower_ == "from"
                      and chain[i - 1].dep_ == "prep" and chain[i - 2].dep_ == "pcomp"):
                    negated = True  # "was blocked from visiting", "barred them from leaving": it did not happen
                elif word in self.hypo_verbs and chain[i - 1].dep_ == "xcomp":
                    hypothetical = True
            # "if" on an adverbial clause above the trigger
            if tok.dep_ == "advcl" and any(k.dep_ == "mark" and k.lower_ in self.hypo_marks for k in tok.children):
                hypothetical = True
        if negated:
            return "negated"
        if hypothetical:
            return "hypothetical"
        if future:
            return "future"
        return "asserted"


#: The statuses the grammar rules can read, strongest first (`StatusRules.status`).
RULE_STATUSES = ("negated", "hypothetical", "future")


def status_hint(status: str) -> str:
    """The feature saying the grammar rules (`StatusRules`) read a non-asserted
    ``status`` at a trigger: written by `features.pattern_hints`, read by the
    status model and by `decide_status`."""
    return f"rst={status}"


def decide_status(bag, scores: dict[str, float]) -> str:
    """An event's status: the grammar rules' reading where they find one (a negation,
    a modal, a condition, a plan), else the status model's.

    Why both, in this order: in cross-validation on the corpus (folds by writing
    batch, 11 batches, 8,647 events) the model alone is accurate on the common case
    but finds few of the rest (status accuracy 0.928 with the rules' reading as a
    feature; recall future 0.49, hypothetical 0.26, negated 0.27); the rules alone
    reach 0.932 (0.79 / 0.49 / 0.65); rules first, model second 0.934 (0.82 / 0.50 /
    0.70), the best on every count.  With 14 batches and the rules' word lists of
    today: 0.932 (recall 0.81 / 0.51 / 0.72; benchmarks/events_cv.py)."""
    for status in RULE_STATUSES:
        if status_hint(status) in bag:
            return status
    return max(scores, key=scores.get)


def reduce(type_: str, cameo: Optional[str], mode: Optional[str], status: str) -> tuple[str, Optional[str], Optional[str]]:
    """PLOVER's reductions of future events: (type, cameo, mode)."""
    if status == "future" and type_ in REDUCTIONS:
        new_type, new_cameo = REDUCTIONS[type_]
        if type_ == "COOPERATE" and cameo in ("061", "062"):
            new_cameo = "0311" if cameo == "061" else "0312"
        return new_type, new_cameo, None
    return type_, cameo, mode
