"""When and where: the timex and the place of an event's clause."""

from __future__ import annotations

from bisect import bisect_right
from typing import Optional

from dragoman.model import Document, Location, Place, Timex

LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})


def attach_point(tok, triggers: set[int], root):
    """The trigger (token index) a word hangs from, climbing the tree; else the root."""
    seen = 0
    while tok.i not in triggers and tok.head is not tok and seen < 40:
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
            while head.dep_ in ("compound", "flat", "appos", "conj") and head.head is not head:
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
