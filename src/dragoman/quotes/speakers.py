"""Who is speaking: the subject of a cue, as words in the text and as an actor.

Actors come only from the actors stage, through ``Document.actor_at`` on the
speaker's head word; this module never decides who a name is.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from dragoman.model import Document

#: Words that stand for a speaker named elsewhere.
PRONOUNS = frozenset("he she they it we i you who which that him her them us".split())

_POSSESSIVE_PRONOUNS = PRONOUNS | {"its", "their", "his", "her", "my", "our", "your"}

#: Dependents that are not part of the speaker's name ("Liberman, who has criticized X").
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "parataxis"})

#: Subject relations of a verb (passives are left out: "was told" has no speaker subject).
_SUBJECT_DEPS = frozenset({"nsubj"})

#: How a speech verb without its own subject borrows one: "…, saying …", "and added …".
_BORROW_DEPS = frozenset({"conj", "advcl", "xcomp"})


def subject_of(verb: Token) -> Optional[Token]:
    """The head word of the verb's subject, borrowed from the governing verb for
    participles and conjoined verbs ("X refused, saying …"; "X declared … and ordered …")."""
    before = _noun_right_before(verb)
    if before is not None:
        return before
    current = verb
    for _ in range(4):
        subject = _own_subject(current)
        if subject is not None:
            if subject.lower_ in ("who", "which", "that") and current.dep_ == "relcl":
                return current.head
            return subject
        if current.dep_ in _BORROW_DEPS and current.head.i != current.i:
            current = current.head
            continue
        if current.dep_ == "relcl" or (current.dep_ == "acl" and current.tag_ == "VBG"):
            return current.head  # "Liberman, who said …"; "footage of Clinton asking …"
        break
    if verb.tag_ == "VBG":
        return _nearest_subject_before(verb)
    return None


def _noun_right_before(verb: Token) -> Optional[Token]:
    """"footage of Jane Doe asking, “…”", "a video shows him saying …": a participle with no
    subject of its own right after a noun (no comma between) is that noun's (issue 11: the
    parser hung it on the main verb, whose subject is "the ad")."""
    if verb.tag_ != "VBG" or verb.i == 0 or _own_subject(verb) is not None:
        return None
    noun = verb.doc[verb.i - 1]
    if noun.pos_ not in ("NOUN", "PROPN", "PRON") or noun.lower_ in ("who", "which", "that", "it") \
            or _is_time(noun) or noun.sent != verb.sent:
        return None
    if noun.dep_ == "pobj" and noun.head.lower_ != "of":
        return None  # "a statement to Wired explaining …": the participle is the statement's
    return noun


def _own_subject(verb: Token) -> Optional[Token]:
    """The verb's subject; of two ("The dam, engineers said, …"), the nearer one."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    return min(subjects, key=lambda c: abs(verb.i - c.i)) if subjects else None


def stray_subjects(verb: Token) -> list[Token]:
    """Subjects the parser gave the verb besides its own: they belong to the content."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    own = _own_subject(verb)
    return [c for c in subjects if own is not None and c.i != own.i]


def _nearest_subject_before(verb: Token) -> Optional[Token]:
    """For "…, saying …" after a passive clause: the subject of the closest active
    clause before it ("No fuel was sent after Israel refused, saying …")."""
    for token in reversed(verb.doc[verb.sent.start:verb.i]):
        if token.pos_ in ("VERB", "AUX"):
            subject = _own_subject(token)
            if subject is not None and subject.lower_ not in ("who", "which", "that"):
                return subject
    return None


#: Prepositions that may follow a name put after its verb ("tweeted a user from Hanover").
_NAME_PREPOSITIONS = frozenset("from of at in with for".split())


def subject_after(verb: Token) -> Optional[Token]:
    """"…,” said Jane Doe, a spokeswoman." / "…,” tweeted a user from Leeds.": the name right
    after a sentence-final verb; "Said Jane Doe: “…”": after a verb that opens the sentence."""
    doc = verb.doc
    i = verb.i + 1
    while i < len(doc) and doc[i].pos_ in ("ADV", "PART") and i < verb.i + 3:
        i += 1
    if i >= len(doc) or doc[i].pos_ not in ("PROPN", "NOUN", "DET", "PRON"):
        return None
    start = i
    name_pos = ("PROPN", "NOUN", "DET", "ADJ", "PRON", "PUNCT")
    while i < len(doc) and doc[i].pos_ in name_pos and doc[i].text not in (",", ".", ";", ":"):
        i += 1
    nouns = [t for t in doc[start:i] if t.pos_ in ("PROPN", "NOUN", "PRON")]
    if not nouns or doc[start].sent != verb.sent or any(_is_time(t) for t in nouns):
        return None
    if i < len(doc) and doc[i].text not in (",", ".", ";", ":", "!", "?") and not doc[i].is_space:
        # "said matter-of-factly": not a name standing alone; "a user from Leeds" is one
        if not (doc[i].lower_ in _NAME_PREPOSITIONS and doc[i - 1].pos_ in ("NOUN", "PROPN")
                and doc[i - 1].whitespace_):
            return None
    # the quote must come before the verb for "said X" order, or the verb opens the sentence
    if not any(t.text in ("”", '"', ",") for t in doc[max(verb.sent.start, verb.i - 3):verb.i]) \
            and not (opens_sentence(verb) and i < len(doc) and doc[i].text in (":", ",")):
        return None
    return nouns[-1]


def opens_sentence(token: Token) -> bool:
    """Nothing but spaces after a full stop (or the start of the text) before the token."""
    before = token.doc.text[max(0, token.idx - 40):token.idx].rstrip()
    return not before or before[-1] in ".!?\n" or (before.endswith(("”", '"')) and before[-2:-1] in ".!?")


def subject_before(verb: Token) -> Optional[Token]:
    """"…, the South's Joint Chiefs of Staff said." when the parser lost the subject:
    the noun phrase between the last comma and the verb."""
    doc = verb.doc
    run: list[Token] = []
    i = verb.i - 1
    while i >= verb.sent.start and len(run) < 10:
        token = doc[i]
        if token.text in (",", ";", ":", "—", "–") or token.text in ("”", '"'):
            break
        run.append(token)
        i -= 1
    if not run or i < verb.sent.start or doc[i].text not in (",", "”", '"'):
        return None
    inside = {t.i for t in run}
    roots = [t for t in run if t.head.i not in inside and t.pos_ in ("NOUN", "PROPN", "PRON")]
    if not roots or any(_is_time(t) for t in run):
        return None
    return roots[0]


def _is_time(token: Token) -> bool:
    """Dates and clock times ("5:45 p.m.", "Thursday morning") never speak."""
    return token.ent_type_ in ("DATE", "TIME") or token.like_num


def phrase_span(head: Token, bounds: Optional[tuple[int, int]] = None) -> tuple[int, int]:
    """Character span of the speaker's noun phrase around ``head``: its words,
    appositions and "for/of/from" attachments, without relative clauses
    (and within ``bounds``, character offsets, when given)."""
    excluded: set[int] = set()
    if bounds is not None:
        excluded.update(t.i for t in head.subtree if not bounds[0] <= t.idx < bounds[1])
    for child in head.children:
        if child.dep_ in _CLAUSE_DEPS:
            excluded.update(t.i for t in child.subtree)
    tokens = [t for t in head.subtree if t.i not in excluded]
    # Keep the run of tokens around the head, cut where an excluded clause sat.
    left = head.i
    right = head.i
    indices = {t.i for t in tokens}
    while left - 1 in indices:
        left -= 1
    while right + 1 in indices:
        right += 1
    doc = head.doc
    while left < right and (doc[left].is_punct or doc[left].is_space or doc[left].lower_ in ("said", "says")):
        left += 1  # "Said Jane Doe:" tagged as one name
    while right > left and (doc[right].is_punct or doc[right].is_space) and doc[right].text not in ")]":
        right -= 1
    return doc[left].idx, doc[right].idx + len(doc[right])


#: Verbs whose subject issues the document that is their object ("X issued a statement saying …").
_ISSUING_VERBS = frozenset("issue release publish send circulate post sign draft distribute".split())


def owner_of_document(noun: Token) -> Optional[Token]:
    """The issuer of "the ministry's statement" / "a statement from the ministry" /
    "the ministry issued a statement saying …"."""
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ not in _POSSESSIVE_PRONOUNS:
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _ISSUING_VERBS:
        subject = _own_subject(noun.head)
        if subject is not None and subject.lower_ not in ("who", "which", "that"):
            return subject
    return None


def actor_id_for(doc: Document, head: Token) -> Optional[str]:
    """The actor the actors stage recorded at the speaker's head word (or its apposition)."""
    candidates = [head]
    candidates += [c for c in head.children if c.dep_ == "appos"]
    candidates += [c for c in head.children if c.dep_ in ("compound", "flat")]
    for token in candidates:
        actor = doc.actor_at(token.idx, token.idx + len(token))
        if actor is not None:
            return actor.id
    return None


def is_pronoun_text(text: Optional[str]) -> bool:
    return bool(text) and text.strip().lower() in PRONOUNS
