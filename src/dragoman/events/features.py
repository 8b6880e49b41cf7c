"""Features the learned event coder reads, from spaCy's parse.

One home for feature extraction, used the same way when training
(`dragoman.training`) and when coding: a model only generalises when it sees
at run time exactly the features it was trained on.

Each function returns a list of short strings ("l=strike", "obj=position").
The models are spaCy ``textcat`` components over a bag of these strings
(``spacy.TextCatBOW``: hashed sparse features into a linear layer), so
conjunctions that matter ("the trigger *and* its object") are spelled out
here as single strings.

Why features from the situation and not the word alone: "attacked the
governor's budget" and "attacked a convoy" share a trigger; the object's
word and entity type, the subject's kind, the prepositions and the words
around the clause tell them apart.
"""

from __future__ import annotations

from typing import Callable, Iterable, Optional

#: Parts of speech whose tokens can carry an event by themselves.
VERBAL = frozenset({"VERB"})

#: Dependency labels that mark a clause boundary when walking up the tree.
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "pcomp"})

#: Content words of the sentence that say what kind of situation it is.
CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "PROPN"})


def lemma(tok) -> str:
    return (tok.lemma_ or tok.lower_).lower()


def word_class(tok) -> str:
    """What a token names, coarsely: an entity label, a pronoun or a part of speech."""
    if tok.ent_type_:
        return tok.ent_type_
    if tok.pos_ == "PRON":
        return "PRON"
    return tok.pos_


def _shape_lemma(tok) -> str:
    """The lemma, or the entity label for names (names do not generalise; labels do)."""
    if tok.ent_type_ in ("PERSON", "GPE", "NORP", "ORG", "LOC", "FAC", "DATE", "CARDINAL", "MONEY", "TIME",
                         "PERCENT", "ORDINAL", "QUANTITY", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"):
        return tok.ent_type_
    return lemma(tok)


def _phrase_head_words(tok) -> list[str]:
    """The head lemma plus its compound/adjective modifiers ("security ties" → tie, security)."""
    out = [_shape_lemma(tok)]
    out.extend(_shape_lemma(c) for c in tok.children if c.dep_ in ("compound", "amod", "nmod"))
    return out


QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "``", "''"})


def in_quotation(tok) -> bool:
    """Is the token between an odd number of quotation marks earlier in its sentence?

    The parities of a whole document are counted once and kept in the Doc's
    ``user_data`` (asked for every candidate, a per-token count was quadratic)."""
    doc = tok.doc
    parity = doc.user_data.get("dragoman_quote_parity")
    if parity is None or len(parity) != len(doc):
        parity = bytearray(len(doc))
        for sent in doc.sents:
            odd = 0
            for t in sent:
                parity[t.i] = odd
                if t.text in QUOTE_MARKS:
                    odd ^= 1
        doc.user_data["dragoman_quote_parity"] = parity
    return bool(parity[tok.i])


ActorClass = Callable[[object], Optional[str]]


def no_actors(tok) -> Optional[str]:
    return None


def actor_classes(finder) -> ActorClass:
    """What kind of actor a noun phrase names, from the actors stage's record:
    "country", "person:GOV", "organization:BUS", …; None when it names none.

    Why: the parse's entity label cannot tell a company from a ministry
    ("ORG agreed to buy" vs "ORG agreed to extend the mandate"); the actors
    stage can, and it runs on the training sentences exactly as on articles.
    """
    cache: dict[int, Optional[str]] = {}

    def classify(tok) -> Optional[str]:
        if tok.i not in cache:
            ids = finder.entity(tok)
            actor = finder.actor(ids[0]) if ids else None
            cache[tok.i] = f"{actor.kind}:{actor.sector or '-'}" if actor is not None else None
        return cache[tok.i]

    return classify


def _actor_features(name: str, c, classify: ActorClass) -> list[str]:
    cls = classify(c)
    if cls is None:
        return [f"{name}A=none"]
    kind = cls.split(":", 1)[0]
    return [f"{name}A={cls}", f"{name}K={kind}"]


def trigger_features(tok, hints: Iterable[str] = (), classify: ActorClass = no_actors) -> list[str]:
    """Features of one candidate trigger token in its sentence.

    ``hints`` are extra strings from knowledge sources (the pattern
    dictionary's suggestion, e.g. ``pat=ASSAULT``); the models must stand
    without them (benchmarks/events_cv.py measures both).  ``classify``
    says which kind of actor a dependent names (`actor_classes`).
    """
    L = lemma(tok)
    pos = tok.pos_
    f = [f"l={L}", f"p={pos}", f"lp={L}|{pos}", f"tag={tok.tag_}", f"dep={tok.dep_}", f"ldep={L}|{tok.dep_}"]
    has_obj = False
    for c in tok.children:
        d = c.dep_
        if d in ("dobj", "obj", "nsubjpass", "attr", "oprd"):
            has_obj = True
            for w in _phrase_head_words(c):
                f += [f"obj={w}", f"l_obj={L}|{w}"]
            f += [f"objc={word_class(c)}", f"l_objc={L}|{word_class(c)}", *_actor_features("obj", c, classify)]
            if d == "nsubjpass":
                f.append("passive")
        elif d in ("nsubj", "csubj"):
            f += [f"subjc={word_class(c)}", f"l_subjc={L}|{word_class(c)}", f"subj={_shape_lemma(c)}",
                  f"l_subj={L}|{_shape_lemma(c)}", *_actor_features("subj", c, classify)]
        elif d == "prep":
            p = c.lower_
            f += [f"prep={p}", f"l_prep={L}|{p}"]
            for o in c.children:
                if o.dep_ in ("pobj", "pcomp"):
                    w = _shape_lemma(o)
                    f += [f"pobj={p}|{w}", f"l_pobj={L}|{p}|{w}", f"pobjc={p}|{word_class(o)}",
                          *(f"{p}|{x}" for x in _actor_features("pobj", o, classify))]
        elif d == "agent":
            f.append("agent")
            for o in c.children:
                f += [f"agentc={word_class(o)}", *_actor_features("agent", o, classify)]
        elif d == "prt":
            f += [f"prt={c.lower_}", f"l_prt={L}|{c.lower_}"]
        elif d in ("aux", "auxpass"):
            f.append(f"aux={c.lower_}")
            if d == "auxpass":
                f.append("passive")
        elif d == "neg":
            f.append("neg")
        elif d == "xcomp":
            f += [f"xcomp={lemma(c)}", f"l_xcomp={L}|{lemma(c)}"]
        elif d in ("amod", "compound", "nmod", "poss"):
            w = _shape_lemma(c)
            f += [f"mod={w}", f"l_mod={L}|{w}"]
            if d == "poss":
                f.append(f"possc={word_class(c)}")
        elif d == "mark":
            f.append(f"mark={c.lower_}")
        elif d == "advmod":
            f.append(f"adv={c.lower_}")
        elif d == "dative":
            f.append(f"dativec={word_class(c)}")
        elif d == "det":
            f.append(f"det={c.lower_}")
    if pos in VERBAL and not has_obj:
        f.append("noobj")
    if tok.dep_ in ("xcomp", "conj") and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in tok.children):
        # "X agreed to extend …", "X met Y and signed …": the subject is the governing verb's
        for c in tok.head.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                f += [f"hsubjc={word_class(c)}", *_actor_features("hsubj", c, classify)]
    # The governing words: what the trigger is the object, complement or clause of.
    head = tok.head
    if head.i != tok.i:
        H = lemma(head)
        f += [f"head={H}", f"headrel={tok.dep_}|{H}", f"l_head={L}|{H}"]
        if tok.dep_ == "pobj":
            g = head.head
            f += [f"gov={lemma(g)}|{head.lower_}", f"l_gov={L}|{lemma(g)}"]
    f.extend(_chain_features(tok))
    # Words around the trigger, by side.  (A bag of the whole sentence's words was
    # tried: in long sentences it outweighs the trigger's own features.)
    sent = tok.sent
    for off in (-3, -2, -1, 1, 2, 3):
        j = tok.i + off
        if sent.start <= j < sent.end:
            w = _shape_lemma(tok.doc[j])
            f.append(f"w{off}={w}")
            if abs(off) == 1:
                f.append(f"l_w{off}={L}|{w}")
    if in_quotation(tok):
        f.append("inquote")
    if tok.i == sent.root.i:
        f.append("root")
    f.extend(hints)
    return f


def _chain_features(tok) -> list[str]:
    """Auxiliaries, negation, conditions and governing verbs on the way up to the
    clause's root: what status the event has ("could strike", "refused to
    release", "if they attack", "plans to visit", "did not meet")."""
    out = []
    t, steps = tok, 0
    while steps < 4:
        for c in t.children:
            if c.dep_ in ("aux", "auxpass") and steps:
                out.append(f"up_aux={c.lower_}")
            elif c.dep_ == "neg" and steps:
                out.append("up_neg")
            elif c.dep_ == "mark":
                out.append(f"up_mark={c.lower_}")
            elif c.dep_ == "advmod" and c.lower_ in ("not", "never", "no"):
                out.append("up_neg")
        if t.head.i == t.i:
            break
        rel = t.dep_
        t = t.head
        steps += 1
        out.append(f"up={rel}|{lemma(t)}")
        if rel in ("ccomp", "advcl", "relcl", "acl"):
            out.append(f"clause={rel}")
    return out


def path_between(a, b, limit: int = 6) -> Optional[str]:
    """The dependency path from token ``a`` up to the lowest common ancestor and
    down to ``b``, as "↑nsubj ↓prep:with ↓pobj"; prepositions carry their word."""
    up_a = [a, *a.ancestors]
    index_a = {t.i: n for n, t in enumerate(up_a)}
    down: list = []
    t = b
    while t.i not in index_a:
        down.append(t)
        if t.head.i == t.i:
            return None
        t = t.head
    up = up_a[: index_a[t.i]]
    if len(up) + len(down) > limit:
        return "far"

    def step(x) -> str:
        return f"{x.dep_}:{x.lower_}" if x.dep_ in ("prep", "agent", "dative", "mark") else x.dep_

    return " ".join([*(f"^{step(x)}" for x in up), *(f"v{step(x)}" for x in reversed(down))])


def role_features(trigger, entity, event_type: str, classify: ActorClass = no_actors) -> list[str]:
    """Features of one (trigger, entity head) pair: is the entity the event's
    actor, its recipient, or neither?"""
    path = path_between(trigger, entity) or "none"
    L = lemma(trigger)
    side = "before" if entity.i < trigger.i else "after"
    gap = abs(entity.i - trigger.i)
    dist = "d0" if gap <= 2 else "d1" if gap <= 5 else "d2" if gap <= 10 else "d3"
    cls = word_class(entity)
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in trigger.children)
    f = [f"path={path}", f"T_path={event_type}|{path}", f"l_path={L}|{path}", f"side={side}", f"dist={dist}",
         f"side_dist={side}|{dist}", f"cls={cls}", f"T_cls={event_type}|{cls}", f"T_side={event_type}|{side}",
         f"edep={entity.dep_}", f"T_edep={event_type}|{entity.dep_}", f"T={event_type}", f"tp={trigger.pos_}",
         f"tp_path={trigger.pos_}|{path}"]
    cls = classify(entity)
    if cls is not None:
        f += [f"ea={cls}", f"T_ea={event_type}|{cls}"]
    if passive:
        f += ["passive", f"pass_path={path}"]
    if entity.dep_ == "pobj":
        p = entity.head.lower_
        f += [f"eprep={p}", f"T_eprep={event_type}|{p}", f"l_eprep={L}|{p}"]
    if entity.dep_ == "poss":
        f.append(f"poss_of={lemma(entity.head)}")
    between = trigger.doc[min(entity.i, trigger.i) + 1: max(entity.i, trigger.i)]
    verbs = sum(1 for t in between if t.pos_ == "VERB")
    f.append(f"verbs_between={min(verbs, 3)}")
    if any(t.text in (",", ";", ":") for t in between):
        f.append("comma_between")
    if in_quotation(entity) != in_quotation(trigger):
        f.append("quote_boundary")
    return f


def is_candidate(tok, trigger_lemmas: frozenset[str]) -> bool:
    """Could this token carry an event? Every verb; nouns and adjectives whose
    lemma is a known trigger (from the corpus or the pattern dictionary).
    The type model then says NONE for most of them."""
    if tok.pos_ == "VERB":
        return True
    return tok.pos_ in ("NOUN", "PROPN", "ADJ") and lemma(tok) in trigger_lemmas


def pattern_hints(res):
    """A hint function from the knowledge sources: the project's pattern
    dictionary (``pat=TYPE``, ``patm=TYPE:mode`` where a row matches the
    token in its context), the field's CAMEO verb dictionary
    (`events.cameo_verbs`: ``cv=``, ``cvp=``, ``cvpm=``) and the grammar
    rules' status (`events.status`: ``rst=negated`` and the like)."""
    from dragoman.events import cameo_verbs
    from dragoman.events.detect import match_pattern, trigger_pos
    from dragoman.events.status import StatusRules, status_hint

    verbs = cameo_verbs.load()
    status_rules = StatusRules(res)

    def hints(tok) -> list[str]:
        out = verbs.hints(tok)
        status = status_rules.status(tok)
        if status != "asserted":
            out = [*out, status_hint(status)]
        if trigger_pos(tok) is None or not res.has_lemma(lemma(tok)):
            return out
        pattern = match_pattern(res, tok)
        if pattern is None:
            return out
        return out + [pattern_hint(pattern.type), f"patm={pattern.type}:{pattern.mode or '-'}"]

    return hints


def no_hints(tok) -> list[str]:
    return []


def pattern_hint(event_type: str) -> str:
    """The feature saying the pattern dictionary reads ``event_type`` at a token: written by
    `pattern_hints`, read by the coder's pattern-backed threshold."""
    return f"pat={event_type}"
