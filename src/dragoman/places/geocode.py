"""Finding the places an article names and choosing the right one of each name."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from dragoman.model import Place
from dragoman.places.gazetteer import Entry, Gazetteer

#: spaCy entity labels that name places.  NORP ("Turkish") counts when the
#: gazetteer knows it as a country's or region's adjective; ORG when the whole
#: entity is a known place name (the small model often calls countries ORG).
PLACE_LABELS = {"GPE", "LOC", "FAC"}
GAZETTEER_ONLY_LABELS = {"NORP", "ORG"}
#: Entities the gazetteer scan must not reach into.
BLOCKING_LABELS = {"PERSON", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"}
#: A city found by the gazetteer scan alone (no entity) must be this large.
SCAN_CITY_POPULATION = 100_000
#: The largest of several same-named cities wins outright when it is this many
#: times larger than the next; otherwise it sets no article context.
DOMINANT_RATIO = 10

_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.-]+(?:\s[A-Z][A-Z'’.-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?))?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?:\([^)\n]{1,40}\)\s*)?(?:—|–|--|-|_|:)",
    re.MULTILINE,
)


@dataclass
class Mention:
    start: int
    end: int
    text: str
    label: str  # spaCy label, "SCAN" or "DATELINE"
    candidates: list[Entry] = field(default_factory=list)
    places: list[Entry] = field(default_factory=list)  # countries and regions of that name


class PlaceFinder:
    """Holds the gazetteer; ``find`` is called once per article."""

    def __init__(self, gazetteer: Optional[Gazetteer] = None) -> None:
        self.gazetteer = gazetteer or Gazetteer()

    # ------------------------------------------------------------ mentions

    def mentions(self, text: str, parsed) -> list[Mention]:
        """Non-overlapping place-name spans, longest first."""
        found: list[Mention] = []
        for m in _DATELINE.finditer(text):
            found.append(Mention(m.start("place"), m.end("place"), m["place"], "DATELINE"))
            if m["region"]:
                found.append(Mention(m.start("region"), m.end("region"), m["region"], "DATELINE"))
        blocked: list[tuple[int, int]] = []
        if parsed is not None:
            for ent in parsed.ents:
                if ent.label_ in BLOCKING_LABELS or ent.label_ == "ORG":
                    blocked.append((ent.start_char, ent.end_char))
                if ent.label_ in BLOCKING_LABELS:
                    continue
                if ent.label_ in PLACE_LABELS or ent.label_ in GAZETTEER_ONLY_LABELS:
                    span = _trim(text, ent.start_char, ent.end_char)
                    if span:
                        found.append(Mention(span[0], span[1], text[span[0]:span[1]], ent.label_))
            found.extend(self._scan(text, parsed, blocked))
        return _without_overlaps(found)

    def _scan(self, text: str, parsed, blocked) -> list[Mention]:
        """Capitalised word sequences that the gazetteer knows, wherever spaCy missed them."""
        out = []
        tokens = list(parsed)
        for i, token in enumerate(tokens):
            if not token.text[:1].isupper():
                continue
            if any(s <= token.idx < e for s, e in blocked):
                continue
            for n in (4, 3, 2, 1):
                if i + n > len(tokens):
                    continue
                last = tokens[i + n - 1]
                start, end = token.idx, last.idx + len(last.text)
                if not last.text[:1].isupper() and not last.text[:1] == ".":
                    continue
                name = text[start:end]
                if self.gazetteer.places(name) or (
                    n > 1 or not token.is_sent_start
                ) and self._big_city(name):
                    out.append(Mention(start, end, name, "SCAN"))
                    break
        return out

    def _big_city(self, name: str) -> bool:
        cities = self.gazetteer.cities(name)
        return bool(cities) and cities[0].population >= SCAN_CITY_POPULATION

    # ------------------------------------------------------------ resolving

    def find(self, text: str, parsed) -> list[Place]:
        mentions = self.mentions(text, parsed)
        for m in mentions:
            m.places = self.gazetteer.places(m.text)
            m.candidates = [] if m.places else self.gazetteer.cities(m.text)
        context = article_countries(mentions)
        chosen: list[tuple[Mention, Optional[Entry]]] = [(m, choose(m, context)) for m in mentions]
        focus = article_focus(chosen)
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


def _without_overlaps(found: list[Mention]) -> list[Mention]:
    order = {"DATELINE": 0, "GPE": 1, "LOC": 1, "FAC": 1, "SCAN": 2, "NORP": 3, "ORG": 3}
    kept: list[Mention] = []
    for m in sorted(found, key=lambda m: (-(m.end - m.start), order.get(m.label, 4), m.start)):
        if any(k.start < m.end and m.start < k.end for k in kept):
            continue
        kept.append(m)
    return sorted(kept, key=lambda m: m.start)


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


def choose(m: Mention, context: Counter) -> Optional[Entry]:
    """The entry a mention means: one in a country the article names, else the first or largest."""
    if m.places:
        inside = [e for e in m.places if e.country and context.get(e.country)]
        if len(m.places) > 1 and inside:
            return max(inside, key=lambda e: context[e.country])
        return m.places[0]
    if m.candidates:
        inside = [e for e in m.candidates if context.get(e.country)]
        return (inside or m.candidates)[0]  # candidates come largest first
    return None


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
