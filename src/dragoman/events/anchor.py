"""When and where: the timex and the place of an event's clause."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from typing import Optional

from dragoman.model import Document, Location, Place, Timex
from dragoman.nlp.datelines import opening_dateline

LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})


def attach_point(tok, triggers: set[int], root):
    """The trigger (token index) a word hangs from, climbing the tree; else the root."""
    seen = 0
    while tok.i not in triggers and tok.head.i != tok.i and seen < 40:
        tok = tok.head
        seen += 1
    return tok.i if tok.i in triggers else root.i


class SpanIndex:
    """Timexes and places of one document, each with its token, grouped by sentence."""

    def __init__(self, doc: Document, parsed):
        import numpy as np

        self.parsed = parsed
        starts = parsed.to_array("IDX") if len(parsed) else np.array([], dtype="int64")
        self.sent_starts = [s.start for s in parsed.sents] if len(parsed) else []
        self.timexes: dict[int, list] = {}
        self.places: dict[int, list] = {}
        for timex in doc.timexes:
            if timex.value is not None:
                self._add(self.timexes, timex, starts)
        for place in doc.places:
            self._add(self.places, place, starts)

    def _add(self, table, item, starts) -> None:
        import numpy as np

        i = int(np.searchsorted(starts, item.start, side="right")) - 1
        if 0 <= i < len(self.parsed):
            sent_start = self.sent_starts[bisect_right(self.sent_starts, i) - 1]
            table.setdefault(sent_start, []).append((item, self.parsed[i]))

    def timexes_for(self, sent, triggers: set[int]) -> dict[int, Timex]:
        """trigger index (or the sentence root's) → the timex that hangs from it."""
        out: dict[int, Timex] = {}
        for timex, tok in self.timexes.get(sent.start, ()):
            out.setdefault(attach_point(tok, triggers, sent.root), timex)
        return out

    def places_for(self, sent, triggers: set[int]) -> dict[int, Place]:
        """trigger index (or the root's) → a place named after in/at in its clause."""
        out: dict[int, Place] = {}
        for place, tok in self.places.get(sent.start, ()):
            head = tok
            while head.dep_ in ("compound", "flat", "appos", "conj") and head.head.i != head.i:
                head = head.head
            if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS:
                out.setdefault(attach_point(head, triggers, sent.root), place)
        return out


#: Dependency labels of clauses that keep their own time and place.
OWN_CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "acl", "parataxis"})


def in_main_clause(tok, sent) -> bool:
    """Is the token in the sentence's main clause (root, its conjuncts, its objects)?
    Only such a trigger takes the time and place said of the whole sentence."""
    t, steps = tok, 0
    while t.i != sent.root.i and steps < 6:
        if t.dep_ in OWN_CLAUSE_DEPS:
            return False
        t, steps = t.head, steps + 1
    return t.i == sent.root.i


def precision_of(value: str) -> str:
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "unknown")


def event_date(timex: Optional[Timex], published: Optional[str], status: str) -> tuple[Optional[str], Optional[str], str]:
    """(date, date_text, precision): the clause's timex, else publication day for news
    of the day (asserted), else unknown."""
    if timex is not None and timex.value:
        return timex.value, timex.text, timex.precision if timex.precision != "unknown" else precision_of(timex.value)
    if published and status == "asserted":
        return published, None, "day"
    return None, None, "unknown"


def location_of(place: Optional[Place]) -> Optional[Location]:
    if place is None:
        return None
    return Location(name=place.name or place.text, country=place.country, lat=place.lat, lon=place.lon)


# ---------------------------------------------------------------------------
# Date basis and place basis (SPEC §2 `date_source`, `location.source`; issue 12
# parts 4 and 6).  Both coders leave each draft with its clause's timex and place
# (above); `complete` then decides every draft's date basis and, where the clause
# names no place, looks further out: sentence, paragraph, dateline, article.

#: What a draft's date rests on, and what its location rests on, best first.
DATE_SOURCES = ("text", "dateline", "published", "none")
LOCATION_SOURCES = ("clause", "sentence", "paragraph", "dateline", "article")

#: Dependency labels that open a clause of its own (a conjoined *verb* does too).
_CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "acl", "parataxis", "csubj"})
#: Arguments whose words say nothing about when the clause's action happened.
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "dative", "oprd", "appos", "csubj"})
#: Dependencies under which a background adverb modifies the action.
_ADVERBIAL_DEPS = frozenset({"advmod", "npadvmod", "amod"})


class AnchorWords:
    """The word lists of `data/events/anchors.json` (background adverbs and phrases,
    relative-past words of a coarse timex, locative prepositions)."""

    def __init__(self, data: dict):
        self.adverbs = frozenset(w.lower() for w in data.get("background_adverbs", ()))
        self.phrases = tuple(" " + p.lower().strip() + " " for p in data.get("background_phrases", ()))
        self.relative_past = frozenset(w.lower() for w in data.get("relative_past_timex_words", ()))
        self.locative = frozenset(w.lower() for w in data["locative_prepositions"])


_WORDS: Optional[AnchorWords] = None


def anchor_words() -> AnchorWords:
    """The package's word lists, read once per process."""
    global _WORDS
    if _WORDS is None:
        import json
        from importlib import resources as importlib_resources

        text = importlib_resources.files("dragoman.data.events").joinpath("anchors.json").read_text("utf-8")
        _WORDS = AnchorWords(json.loads(text))
    return _WORDS


def _opens_clause(tok) -> bool:
    return tok.dep_ in _CLAUSE_DEPS or (tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX"))


def clause_head(tok):
    """The head of the clause a trigger belongs to: the trigger's verb, climbing through
    objects, prepositions and infinitives ("agreed to meet") up to a clause boundary."""
    t, steps = tok, 0
    while not _opens_clause(t) and t.dep_ != "ROOT" and t.head.i != t.i and steps < 40:
        t, steps = t.head, steps + 1
    return t


def _aux_words(verb) -> set[str]:
    words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if not words and verb.dep_ == "conj" and verb.tag_ == "VBN":  # "had met and signed": shared auxiliary
        words = {c.lower_ for c in verb.head.children if c.dep_ in ("aux", "auxpass")}
    return words


def past_perfect(verb) -> bool:
    """"had met", "had been expelled": a past perfect clause, unless it is reported speech
    under a past-tense verb ("said the troops had withdrawn"), where the tense is only
    backshifted from the speaker's present perfect."""
    if verb.tag_ != "VBN" or "had" not in _aux_words(verb):
        return False
    return not (verb.dep_ == "ccomp" and verb.head.tag_ == "VBD")


def clause_words(head, trigger) -> list:
    """The clause's own adverbial words in text order: the head's subtree without nested
    clauses and without its subject and objects; plus the trigger's own modifiers."""
    out = []
    for t in head.subtree:
        u, inside, steps = t, True, 0
        while u.i != head.i and steps < 40:
            if _opens_clause(u) or u.dep_ in _ARGUMENT_DEPS:
                inside = False
                break
            u, steps = u.head, steps + 1
        if inside:
            out.append(t)
    if trigger.i != head.i:
        out.extend(c for c in trigger.children if c.dep_ in _ADVERBIAL_DEPS)
    return sorted(set(out), key=lambda t: t.i)


def is_background(trigger, words: AnchorWords) -> bool:
    """Told as background: a past perfect clause, or a background adverb or phrase
    ("earlier", "previously", "years ago", "last year") in the trigger's clause."""
    head = clause_head(trigger)
    if past_perfect(head):
        return True
    tokens = clause_words(head, trigger)
    if any(t.lower_ in words.adverbs and t.dep_ in _ADVERBIAL_DEPS for t in tokens):
        return True
    text = " " + " ".join(t.lower_ for t in tokens) + " "
    return any(p in text for p in words.phrases)


def relative_past(date_text: Optional[str], precision: str, words: AnchorWords) -> bool:
    """"last year", "two months ago": a coarse date that only says *before now*."""
    if not date_text or precision == "day":
        return False
    return any(w in words.relative_past for w in re.findall(r"\w+", date_text.lower()))


class DocAnchors:
    """One document's fallbacks: its paragraphs' and sentences' locative places, its
    dateline (place and date) and the place it is about."""

    def __init__(self, doc: Document, parsed, words: AnchorWords):
        self.doc, self.parsed, self.words = doc, parsed, words
        line = opening_dateline(doc.text)
        self.dateline_end = line.end if line else 0
        self.dateline_place: Optional[Place] = None
        self.dateline_timex: Optional[Timex] = None
        if line:
            starts = {line.place_start} | ({line.region_start} if line.region else set())
            self.dateline_place = next((p for p in doc.places if p.start in starts), None)
            self.dateline_timex = next((t for t in doc.timexes if t.value and t.precision == "day"
                                        and t.end <= self.dateline_end), None)
        self.sents = list(parsed.sents) if len(parsed) else []
        self.sent_starts = [s.start_char for s in self.sents]
        self.paragraph_of = self._paragraphs()
        self.locatives = self._locatives()
        self._article: Optional[Place] = None
        self._article_done = False

    def _paragraphs(self) -> list[int]:
        """Paragraph number of each sentence (a paragraph ends at a line break)."""
        text = self.doc.text
        breaks = [m.end() for m in re.finditer(r"\n\s*", text)]
        out = []
        for s in self.sents:
            first = s.start_char + (len(s.text) - len(s.text.lstrip()))
            out.append(bisect_right(breaks, first))
        return out

    def _locatives(self) -> dict[int, list[Place]]:
        """Sentence number → places named there after a locative preposition, in text order
        (the dateline's place is no sentence's)."""
        out: dict[int, list[Place]] = {}
        if not self.sents:
            return out
        for place in self.doc.places:
            if place.start < self.dateline_end or place.lat is None and place.country is None:
                continue
            span = self.parsed.char_span(place.start, place.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            head = span.root
            while head.dep_ in ("compound", "flat", "appos", "conj", "poss") and head.head.i != head.i:
                head = head.head
            if head.dep_ == "pobj" and head.head.lower_ in self.words.locative:
                n = bisect_right(self.sent_starts, place.start) - 1
                out.setdefault(n, []).append(place)
        return out

    def sentence_place(self, n: int) -> Optional[Place]:
        found = self.locatives.get(n)
        return found[0] if found else None

    def paragraph_place(self, n: int) -> Optional[Place]:
        """The nearest locative place in another sentence of the paragraph: before first."""
        para = self.paragraph_of[n]
        for k in range(n - 1, -1, -1):
            if self.paragraph_of[k] != para:
                break
            if self.locatives.get(k):
                return self.locatives[k][-1]
        for k in range(n + 1, len(self.sents)):
            if self.paragraph_of[k] != para:
                break
            if self.locatives.get(k):
                return self.locatives[k][0]
        return None

    def article_place(self) -> Optional[Place]:
        """The place the article is about: the country its places name most (adjectives
        and cities count for their country), then that country's place named most
        (usually the country itself); ties go to the first named."""
        if self._article_done:
            return self._article
        self._article_done = True
        pool = [p for p in self.doc.places if p.country and p.start >= self.dateline_end]
        if not pool:
            return None
        first: dict = {}
        for p in pool:
            first.setdefault(p.country, p.start)
            first.setdefault((p.country, p.name or p.text), p.start)
        countries, names = Counter(p.country for p in pool), Counter((p.country, p.name or p.text) for p in pool)
        country = max(countries, key=lambda c: (countries[c], -first[c]))
        name = max((k for k in names if k[0] == country), key=lambda k: (names[k], -first[k]))
        self._article = next(p for p in pool if (p.country, p.name or p.text) == name)
        return self._article

    def sentence_of(self, trigger) -> Optional[int]:
        if trigger is None or getattr(trigger, "doc", None) is not self.parsed:
            return None  # a headline's trigger: its own parse
        return bisect_right(self.sent_starts, trigger.idx) - 1


def _located(place: Place, source: str) -> Location:
    loc = location_of(place)
    loc.source = source
    return loc


def complete(doc: Document, parsed, drafts: list) -> list:
    """Give every draft its date basis (`date_source`) and, where its clause names no
    place, the nearest place the text gives it, with `location.source`."""
    if not drafts:
        return drafts
    words = anchor_words()
    ctx = DocAnchors(doc, parsed, words)
    for d in drafts:
        n = ctx.sentence_of(d.trigger)
        _settle_date(d, doc, ctx, words, n)
        _settle_place(d, ctx, n)
    return drafts


def _settle_date(d, doc: Document, ctx: DocAnchors, words: AnchorWords, n: Optional[int]) -> None:
    if d.date_text is not None and d.date:
        if relative_past(d.date_text, d.date_precision, words):
            d.date, d.date_text, d.date_precision, d.date_source = None, None, "unknown", "none"
        else:
            d.date_source = "text"
        return
    if not d.date or d.status != "asserted":
        d.date, d.date_text, d.date_precision, d.date_source = None, None, "unknown", "none"
        return
    if n is not None and is_background(d.trigger, words):
        d.date, d.date_text, d.date_precision, d.date_source = None, None, "unknown", "none"
        return
    if ctx.dateline_timex is not None:
        t = ctx.dateline_timex
        d.date, d.date_text, d.date_precision, d.date_source = t.value, t.text, "day", "dateline"
        return
    d.date_source = "published"


def _settle_place(d, ctx: DocAnchors, n: Optional[int]) -> None:
    if d.location is not None:
        if getattr(d.location, "source", None) is None:
            d.location.source = "clause"
        return
    if n is not None:
        place = ctx.sentence_place(n)
        if place is not None:
            d.location = _located(place, "sentence")
            return
        place = ctx.paragraph_place(n)
        if place is not None:
            d.location = _located(place, "paragraph")
            return
    if ctx.dateline_place is not None:
        d.location = _located(ctx.dateline_place, "dateline")
        return
    place = ctx.article_place()
    if place is not None:
        d.location = _located(place, "article")
