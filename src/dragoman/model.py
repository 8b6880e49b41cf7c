"""The record types every stage shares (SPEC §2).

Stages fill a :class:`Document` in the order data flows; nothing else is
passed between them.  Every span is a character offset into ``Document.text``
(end exclusive), so any output can be traced back to its evidence.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Iterator, Optional

#: Actor sectors of armed men (an :class:`Actor`'s ``sector``): military, police, spies, rebels.
#: Read by the actors stage (a count over armed men and anyone else joins two sides) and the
#: events stage (a state's own forces are the ones of these that are also state sectors).
ARMED_SECTORS = frozenset({"MIL", "COP", "SPY", "REB"})
#: Actor sectors of a state's own institutions: government, armed forces, police, legislature,
#: courts, intelligence. Read by the actors stage (a body word of these sectors stands for a
#: state's body; such a body without a country takes the article's).
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY"})
#: The state sectors that act and speak with the state's executive power (not a legislature,
#: where the opposition sits). Read by the events stage: a blockade by them is coercion, not
#: protest, and blame of one's own state from them is a claim, not an accusation.
EXECUTIVE_SECTORS = STATE_SECTORS - {"LEG"}


def _clean_dict(obj: Any) -> Any:
    """asdict() output, with private helper fields (leading underscore) dropped."""
    if isinstance(obj, dict):
        return {k: _clean_dict(v) for k, v in obj.items() if not k.startswith("_")}
    if isinstance(obj, list):
        return [_clean_dict(v) for v in obj]
    return obj


class Record:
    """Mixin: JSON-ready dictionaries in SPEC field order."""

    def to_dict(self) -> dict:
        return _clean_dict(asdict(self))  # type: ignore[arg-type]

    def to_json(self, pretty: bool = False) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2 if pretty else None)

    @classmethod
    def from_dict(cls, data: dict):
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Span(Record):
    start: int
    end: int
    text: str


@dataclass
class Mention(Span):
    pass


@dataclass
class Evidence(Span):
    """Where an event's words are: ``field`` "text" (offsets into the body) or
    "title" (offsets into the headline, for an action only the headline reports)."""

    field: str = "text"


@dataclass
class Media(Record):
    caption: Optional[str]
    credit: Optional[str]
    language: Optional[str] = "en"


@dataclass
class Removed(Record):
    text: str
    reason: str  # caption|credit|alt_text|foreign_script|source_line|boilerplate


@dataclass
class Actor(Record):
    id: str
    name: str
    kind: str  # person|organization|country|group|anonymous
    country: Optional[str] = None
    sector: Optional[str] = None
    role: Optional[str] = None
    code: Optional[str] = None
    mentions: list[Mention] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict) -> "Actor":
        data = dict(data)
        data["mentions"] = [Mention(**m) for m in data.get("mentions", [])]
        return super().from_dict(data)


@dataclass
class Location(Record):
    name: str
    country: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    #: Where the place was found (SPEC §2): clause|sentence|paragraph|dateline|article.
    source: Optional[str] = None


@dataclass
class Event(Record):
    id: str
    type: str
    mode: Optional[str] = None
    context: list[str] = field(default_factory=list)
    cameo: Optional[str] = None
    quad_class: Optional[int] = None
    goldstein: Optional[float] = None
    plover_score: Optional[float] = None
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    location: Optional[Location] = None
    date: Optional[str] = None
    date_text: Optional[str] = None
    date_precision: str = "unknown"
    #: Where the date came from (SPEC §2): text|dateline|published|none; the events stage
    #: always sets it (None: an event made by hand that does not say).
    date_source: Optional[str] = None
    status: str = "asserted"
    reported_by: Optional[str] = None
    evidence: Optional[Evidence] = None
    in_title: bool = False
    confidence: float = 0.0

    @classmethod
    def from_dict(cls, data: dict) -> "Event":
        data = dict(data)
        if data.get("location"):
            data["location"] = Location.from_dict(data["location"])
        if data.get("evidence"):
            data["evidence"] = Evidence(**data["evidence"])
        if "date_source" not in data:  # a record made before date_source: what its date implies
            data["date_source"] = "text" if data.get("date_text") else "published" if data.get("date") else "none"
        return super().from_dict(data)


@dataclass
class Quote(Record):
    id: str
    text: str
    kind: str  # direct|indirect|mixed
    speaker: Optional[str] = None
    speaker_text: Optional[str] = None
    cue: Optional[str] = None
    start: int = 0
    end: int = 0


@dataclass
class Timex(Record):
    text: str
    start: int
    end: int
    value: Optional[str]
    precision: str = "unknown"  # day|month|year|unknown


@dataclass
class Place(Record):
    text: str
    start: int
    end: int
    name: Optional[str] = None
    country: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None


@dataclass
class RawArticle:
    """One article as read, before cleaning: what the ingest stage yields."""

    text: Optional[str] = None
    html: Optional[str] = None
    id: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    origin: str = "-"  # PATH[:LINE], for skip messages


@dataclass
class Document(Record):
    id: str
    text: str
    source: Optional[str] = None
    url: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None
    language: Optional[str] = "en"
    media: list[Media] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    #: Which coder made the record (`dragoman.version`); set by the Coder, last so positions stay.
    coder_version: Optional[str] = None

    def to_dict(self) -> dict:
        d = super().to_dict()
        order = ["id", "source", "url", "title", "published", "language", "coder_version", "text", "media",
                 "removed", "actors", "events", "quotes", "timexes", "places"]
        return {k: d[k] for k in order}

    @classmethod
    def from_dict(cls, data: dict) -> "Document":
        data = dict(data)
        data["media"] = [Media.from_dict(m) for m in data.get("media", [])]
        data["removed"] = [Removed.from_dict(r) for r in data.get("removed", [])]
        data["actors"] = [Actor.from_dict(a) for a in data.get("actors", [])]
        data["events"] = [Event.from_dict(e) for e in data.get("events", [])]
        data["quotes"] = [Quote.from_dict(q) for q in data.get("quotes", [])]
        data["timexes"] = [Timex.from_dict(t) for t in data.get("timexes", [])]
        data["places"] = [Place.from_dict(p) for p in data.get("places", [])]
        return super().from_dict(data)

    # --- lookups later stages use instead of reaching into earlier ones ---

    def actor(self, actor_id: Optional[str]) -> Optional[Actor]:
        return next((a for a in self.actors if a.id == actor_id), None)

    def actor_at(self, start: int, end: int) -> Optional[Actor]:
        """The actor whose mention best covers [start, end), or None.

        A mention that overlaps the span counts; the tightest one wins, so a
        token inside "Defense Minister Benny Gantz" finds Gantz.
        """
        starts, entries, widest = self._mention_index()
        best: Optional[tuple[int, int, Actor]] = None
        # mentions starting before ``end``, back to the widest mention's reach
        i = bisect_left(starts, end)
        while i > 0:
            i -= 1
            m_start, m_end, order, actor = entries[i]
            if m_start < start - widest:
                break
            if start < m_end:
                key = (m_end - m_start, order)
                if best is None or key < best[:2]:
                    best = (*key, actor)
        return best[2] if best else None

    def __getstate__(self) -> dict:
        """Pickled (to and from worker processes) without the lookup cache."""
        state = dict(self.__dict__)
        state.pop("_mentions_cache", None)
        return state

    def _mention_index(self) -> tuple[list[int], list[tuple[int, int, int, Actor]], int]:
        """Actor mentions sorted by start, built once per state of ``actors`` (a scan
        per call made long texts quadratic).  ``order`` keeps the scan's tie-break:
        the first actor, then its first mention, among equally tight ones."""
        key = (id(self.actors), len(self.actors), sum(len(a.mentions) for a in self.actors))
        cached = self.__dict__.get("_mentions_cache")
        if cached is None or cached[0] != key:
            entries = sorted((m.start, m.end, order, actor)
                             for order, (m, actor) in enumerate(self.mentions()))
            widest = max((e[1] - e[0] for e in entries), default=0)
            cached = (key, [e[0] for e in entries], entries, widest)
            self.__dict__["_mentions_cache"] = cached
        return cached[1], cached[2], cached[3]

    def mentions(self) -> Iterator[tuple[Mention, Actor]]:
        for actor in self.actors:
            for m in actor.mentions:
                yield m, actor

    def timex_at(self, start: int, end: int) -> Optional[Timex]:
        return next((t for t in self.timexes if t.start < end and start < t.end), None)

    def place_at(self, start: int, end: int) -> Optional[Place]:
        return next((p for p in self.places if p.start < end and start < p.end), None)

    def quote_at(self, start: int, end: int) -> Optional[Quote]:
        """The quote whose span contains [start, end), if any."""
        return next((q for q in self.quotes if q.start <= start and end <= q.end), None)
