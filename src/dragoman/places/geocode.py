"""Finding the places an article names and choosing the right one of each name."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from dragoman.model import Place
from dragoman.nlp.datelines import all_datelines
from dragoman.places.gazetteer import Entry, Gazetteer

#: spaCy entity labels that name places.  NORP ("Turkish") counts when the
#: gazetteer knows it as a country's or region's adjective; ORG when the whole
#: entity is a known place name (the small model often calls countries ORG).
PLACE_LABELS = {"GPE", "LOC", "FAC"}
GAZETTEER_ONLY_LABELS = {"NORP", "ORG"}
#: Entities the gazetteer scan must not reach into.
BLOCKING_LABELS = {"PERSON", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"}
#: A city found by the gazetteer scan alone (no entity) must be this large;
#: a one-word name must be larger still unless a locative preposition precedes it.
SCAN_CITY_POPULATION = 20_000
SCAN_BIG_CITY_POPULATION = 100_000
#: The largest of several same-named cities wins outright when it is this many
#: times larger than the next; otherwise it sets no article context.
DOMINANT_RATIO = 10
#: The largest same-named city beats a smaller one in the article's country
#: when it is this many times larger.
WORLD_CITY_RATIO = 20


def _first_word(text: str, start: int, end: int) -> str:
    """The word at text[start:end] as the gazetteer's keys begin: lower case, no full stops,
    the part before a hyphen."""
    return (text[start:end].lower().replace(".", "").replace("-", " ").split() or [""])[0]


@dataclass
class Mention:
    start: int
    end: int
    text: str
    label: str  # spaCy label, "SCAN" or "DATELINE"
    candidates: list[Entry] = field(default_factory=list)
    places: list[Entry] = field(default_factory=list)  # countries and regions of that name


_FACILITY_WORD = re.compile(
    r"\s(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Square|Drive|Lane|Bridge|Canal|Highway|"
    r"Stadium|Airport|Hospital|Palace|Tower|Plaza|Park|Church|Cathedral|Mosque|Temple|Crossing|Prison|"
    r"Theatre|Theater|Centre|Campus|Hall|Museum|Library|Hotel)$"
)
_LOCATIVE_BEFORE = re.compile(
    r"(?i)\b(?:in|at|near|from|outside|to|into|of|across|through|via|towards?|around|on)\s+(?:the\s+)?$")
#: An entity run across a comma, line or bracket: spaCy joined a place to what follows.
_JOINER = re.compile(r"(?<=[\w.])[-–/](?=[A-Z])")
_LIST_GAP = re.compile(r"^(?:\s*,\s*|\s+and\s+|\s+or\s+|\s*,\s+and\s+)$")
_MALFORMED_ENTITY = re.compile(r"[,\n(]")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’&.-]*(?:[ \t]+(?:of[ \t]+|and[ \t]+)?[A-Z][\w'’&.-]*)*")
_WORD = re.compile(r"[A-Z][\w'’&-]*(?:\.(?=[A-Z\s]|$)(?:[A-Z]\.)*)?|of|and")
_SENTENCE_START = re.compile(r"(?:^|[.!?\"“”:]\s*|\n\s*)\Z")


class PlaceFinder:
    """Holds the gazetteer; ``find`` is called once per article."""

    def __init__(self, gazetteer: Optional[Gazetteer] = None) -> None:
        self.gazetteer = gazetteer or Gazetteer()

    # ------------------------------------------------------------ mentions

    def mentions(self, text: str, parsed) -> list[Mention]:
        """Non-overlapping place-name spans, longest first."""
        found: list[Mention] = []
        for line in all_datelines(text):
            if not (self.gazetteer.known(line.place) or line.region and self.gazetteer.known(line.region)):
                continue  # "UPDATE:" or "Editor's note —" is no place
            found.append(Mention(line.place_start, line.place_end, line.place, "DATELINE"))
            if line.region:
                found.append(Mention(line.region_start, line.region_end, line.region, "DATELINE"))
        blocked: list[tuple[int, int]] = []
        listed = []
        if parsed is not None:
            for ent in parsed.ents:
                if ent.label_ in BLOCKING_LABELS or ent.label_ == "ORG":
                    rescued = self._misread_place(text, ent)
                    if rescued:
                        found.append(rescued)
                        continue
                    listed.append(ent)
                    if not _MALFORMED_ENTITY.search(ent.text):
                        blocked.append((ent.start_char, ent.end_char))
                if ent.label_ in BLOCKING_LABELS:
                    continue
                if ent.label_ in PLACE_LABELS or ent.label_ in GAZETTEER_ONLY_LABELS:
                    span = _trim(text, ent.start_char, ent.end_char)
                    if span and (ent.label_ in PLACE_LABELS or self.gazetteer.known(text[span[0]:span[1]])):
                        found.append(Mention(span[0], span[1], text[span[0]:span[1]], ent.label_))
            found.extend(self._scan(text, parsed, blocked))
        kept = [part for m in _without_overlaps(found) for part in self._split_compound(m)]
        return self._listed_after_places(text, kept, listed) if listed else kept

    def _split_compound(self, m: Mention) -> list[Mention]:
        """ "U.S.-Guyana" or "Israel/Gaza": the known places it joins, each on its own."""
        if self.gazetteer.known(m.text) or not _JOINER.search(m.text):
            return [m]
        parts, offset = [], m.start
        for piece in _JOINER.split(m.text):
            if piece:
                parts.append(Mention(offset, offset + len(piece), piece, m.label))
            offset += len(piece) + 1
        if all(self.gazetteer.known(p.text) for p in parts):
            return parts
        return [m]

    def _listed_after_places(self, text: str, kept: list[Mention], listed) -> list[Mention]:
        """Names the parser called persons or things inside a list of places ("in Nitra, Trnava and Kosice")."""
        for ent in listed:
            # kept is sorted and free of overlaps, so its ends are sorted too
            n_before = bisect_right(_Ends(kept), ent.start_char)
            if not n_before or not _LIST_GAP.match(text[kept[n_before - 1].end:ent.start_char]):
                continue
            if any(m.start < ent.end_char and ent.start_char < m.end for m in kept):
                continue
            if self.gazetteer.cities(ent.text) or self.gazetteer.places(ent.text):
                kept.append(Mention(ent.start_char, ent.end_char, ent.text, "GPE"))
                kept.sort(key=lambda m: m.start)
        return kept

    def _scan(self, text: str, parsed, blocked) -> list[Mention]:
        """Capitalised word sequences that the gazetteer knows, wherever spaCy missed them.

        Works on the text with a regular expression: walking spaCy's tokens in
        Python would cost more than the rest of the stage.
        """
        out = []
        runs = [[(w.start(), w.end()) for w in _WORD.finditer(text, run.start(), run.end())]
                for run in _CAPITALISED_RUN.finditer(text)]
        firsts = self.gazetteer.first_words({_first_word(text, s, e) for words in runs for s, e in words})
        spans = sorted(blocked)
        starts = [s for s, _e in spans]
        reach = []  # the furthest end among spans starting at or before each one
        for _s, e in spans:
            reach.append(max(e, reach[-1]) if reach else e)

        def is_blocked(at: int) -> bool:
            i = bisect_right(starts, at)  # spans starting at or before ``at``
            return i > 0 and reach[i - 1] > at

        for words in runs:
            i = 0
            while i < len(words):
                start = words[i][0]
                first = _first_word(text, start, words[i][1])
                found = None
                if first not in ("of", "and") and first in firsts and not is_blocked(start):
                    for n in range(min(4, len(words) - i), 0, -1):
                        end = words[i + n - 1][1]
                        name = text[start:end]
                        sentence_start = n == 1 and _SENTENCE_START.search(text[max(0, start - 4):start]) is not None
                        if self.gazetteer.places(name) or (
                            not sentence_start and self._scan_city(text, name, start, n)
                            and _proper_name(parsed, start, end)
                        ):
                            found = (end, n)
                            break
                if found:
                    end = found[0]
                    if text[end - 1] == "." and text[start:end] not in self.gazetteer.dotted:
                        end -= 1  # a full stop, not part of an abbreviation such as "N.J."
                    out.append(Mention(start, end, text[start:end], "SCAN"))
                    i += found[1]
                else:
                    i += 1
        return out

    def _misread_place(self, text: str, ent) -> Optional[Mention]:
        """A place the parser took for a person or organisation.

        Two cues: a street, square or building word ending the name ("Royal
        Street"), or a locative preposition before a name the gazetteer knows
        ("in Klamath Falls").
        """
        span = _trim(text, ent.start_char, ent.end_char)
        if span is None:
            return None
        name = text[span[0]:span[1]]
        if _FACILITY_WORD.search(name):
            return Mention(span[0], span[1], name, "FAC")
        before = text[max(0, span[0] - 12):span[0]]
        if _LOCATIVE_BEFORE.search(before) and (self.gazetteer.places(name) or self.gazetteer.cities(name)):
            return Mention(span[0], span[1], name, "GPE")
        return None

    def _scan_city(self, text: str, name: str, start: int, words: int) -> bool:
        """A city name worth taking without an entity: several words, a large city, or "in X"."""
        cities = self.gazetteer.cities(name)
        if not cities or cities[0].population < SCAN_CITY_POPULATION:
            return False
        if words > 1:
            return True
        if name.isupper() and len(name) < 5:
            return False  # acronyms
        return cities[0].population >= SCAN_BIG_CITY_POPULATION or bool(
            _LOCATIVE_BEFORE.search(text[max(0, start - 12):start]))

    # ------------------------------------------------------------ resolving

    def find(self, text: str, parsed) -> list[Place]:
        mentions = self.mentions(text, parsed)
        for m in mentions:
            seat = self.gazetteer.seat(m.text)
            m.places = self.gazetteer.places(m.text) if seat is None else []
            m.candidates = seat if seat is not None else [] if m.places else self.gazetteer.cities(m.text)
        context = article_countries(mentions)
        divisions = article_divisions(mentions)
        chosen: list[tuple[Mention, Optional[Entry]]] = [(m, choose(m, context - Counter(
            [c for c in [_single_country(m)] if c]), divisions)) for m in mentions]  # a name is no evidence for itself
        focus = article_focus(chosen)
        chosen = [(m, _nearer_town(entry, divisions, focus)) for m, entry in chosen]
        places = []
        for m, entry in chosen:
            if entry is None and m.label in GAZETTEER_ONLY_LABELS:
                continue  # an organisation or a people, not a place
            if entry is None:
                entry = focus  # a street or building: placed in the article's city
                if entry is None:
                    places.append(Place(m.text, m.start, m.end, m.text))
                    continue
                places.append(Place(m.text, m.start, m.end, m.text, entry.country, entry.lat, entry.lon))
                continue
            places.append(Place(m.text, m.start, m.end, entry.name, entry.country, entry.lat, entry.lon))
        return places


def _proper_name(parsed, start: int, end: int) -> bool:
    """True when the parser reads every word of the span as a proper noun outside a date.

    Guards the gazetteer scan against towns named like common words ("Police",
    "Reading", "Mission", "March").
    """
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    return all(t.pos_ == "PROPN" and t.ent_type_ not in ("DATE", "TIME") or t.lower_ in ("of", "and") for t in span) \
        and not any(t.lower_ in _CALENDAR_WORDS for t in span)


_CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


def _trim(text: str, start: int, end: int) -> Optional[tuple[int, int]]:
    """The span without a leading "the" and a trailing possessive."""
    span = text[start:end]
    lead = re.match(r"(?i)the\s+", span)
    if lead:
        start += lead.end()
    tail = re.search(r"\s*['’]s?$", text[start:end])
    if tail:
        end = start + tail.start()
    return (start, end) if end > start else None


class _Ends:
    """The ends of sorted, non-overlapping mentions as a sequence bisect can search
    without copying them (a copy per lookup made long texts quadratic)."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = mentions

    def __len__(self) -> int:
        return len(self.mentions)

    def __getitem__(self, i: int) -> int:
        return self.mentions[i].end


def _without_overlaps(found: list[Mention]) -> list[Mention]:
    order = {"DATELINE": 0, "GPE": 1, "LOC": 1, "FAC": 1, "SCAN": 2, "NORP": 3, "ORG": 3}
    kept: list[Mention] = []
    starts: list[int] = []  # kept spans never overlap, so sorted starts find the neighbours
    for m in sorted(found, key=lambda m: (-(m.end - m.start), order.get(m.label, 4), m.start)):
        i = bisect_left(starts, m.start)
        if i > 0 and kept[i - 1].end > m.start:
            continue  # the span before reaches into this one
        if i < len(kept) and kept[i].start < m.end:
            continue  # the span at or after starts inside this one
        starts.insert(i, m.start)
        kept.insert(i, m)
    return kept


def _single_country(m: Mention) -> Optional[str]:
    """The country a mention names beyond doubt, for the article's context."""
    if len(m.places) == 1:
        return m.places[0].country
    if not m.places and m.candidates:
        if len(m.candidates) == 1 or m.candidates[0].population >= DOMINANT_RATIO * m.candidates[1].population:
            return m.candidates[0].country
    return None


def article_countries(mentions: list[Mention]) -> Counter:
    """How often each country is named, by mentions that are not ambiguous."""
    counts: Counter = Counter()
    for m in mentions:
        country = _single_country(m)
        if country:
            counts[country] += 1
    return counts


def choose(m: Mention, context: Counter, divisions: Optional[dict] = None) -> Optional[Entry]:
    """The entry a mention means.

    A city in a state or province the article names wins; then one in a
    country the article names, unless the largest city of the name is a
    world city (``WORLD_CITY_RATIO`` times larger: "London" in a US story is
    still London); else the largest.
    """
    if m.places:
        inside = [e for e in m.places if e.country and context.get(e.country)]
        if len(m.places) > 1 and inside:
            return max(inside, key=lambda e: context[e.country])
        return m.places[0]
    if not m.candidates:
        return None
    largest = m.candidates[0]  # candidates come largest first
    in_division = [e for e in m.candidates if (e.country, e.admin1) in (divisions or {})]
    if in_division:
        return in_division[0]
    inside = [e for e in m.candidates if context.get(e.country)]
    if inside and (context.get(largest.country) or largest.population < WORLD_CITY_RATIO * max(inside[0].population, 1)):
        return inside[0]
    return largest


#: A town smaller than this, outside the states the article names, yields to the article's city.
SMALL_TOWN_POPULATION = 50_000


def _nearer_town(entry: Optional[Entry], divisions: dict, focus: Optional[Entry]) -> Optional[Entry]:
    """The article's own locality instead of a small namesake in another state.

    A story set in New Jersey that names "Riverdale" means its own Riverdale,
    too small for the gazetteer, not the larger one in Georgia: such a town
    is placed at the article's main city when that city lies in a state the
    article names and the namesake does not.
    """
    if (entry is None or entry.kind != "city" or entry == focus
            or entry.population >= SMALL_TOWN_POPULATION or (entry.country, entry.admin1) in divisions):
        return entry
    if focus is not None and focus.country == entry.country and (focus.country, focus.admin1) in divisions:
        return Entry(entry.name, entry.kind, focus.country, focus.lat, focus.lon, 0, focus.admin1)
    named = sorted((d for key, d in divisions.items() if key[0] == entry.country), key=lambda d: -divisions.counts[d])
    if named and (len(named) == 1 or divisions.counts[named[0]] > divisions.counts[named[1]]):
        top = named[0]  # the state the story names most: nearer than a namesake elsewhere
        return Entry(entry.name, entry.kind, entry.country, top.lat, top.lon, 0, top.admin1)
    return entry


class Divisions(dict):
    """(country, admin1) → entry for the states and provinces an article names, with counts."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: Counter = Counter()


def article_divisions(mentions: list[Mention]) -> Divisions:
    divisions = Divisions()
    for m in mentions:
        for e in m.places[:1]:
            if e.admin1:
                divisions[(e.country, e.admin1)] = e
                divisions.counts[e] += 1
    return divisions


#: Kinds of place too large to stand for where a street or building is.
TOO_LARGE = {"country", "continent", "sea", "region", "strait", "peninsula", "mountains", "river", "canal"}


def article_focus(chosen: list[tuple[Mention, Optional[Entry]]]) -> Optional[Entry]:
    """The article's main locality: its dateline's city, else the city named most often.

    Ties go to the larger city.  Without any city, the state, province or
    county named most often stands in.
    """
    for m, entry in chosen:
        if m.label == "DATELINE" and entry is not None and entry.kind == "city":
            return entry
    for kinds in ({"city"}, None):
        counts: Counter = Counter()
        for m, entry in chosen:
            if entry is None or entry.adjective:
                continue
            if (kinds and entry.kind in kinds) or (kinds is None and entry.kind not in TOO_LARGE and entry.country):
                counts[entry] += 1
        if counts:
            return max(counts, key=lambda e: (counts[e], e.population))
    return None
