"""The actor knowledge base: countries, titles, organisations and office holders.

Everything is read once from TSV files in ``dragoman/data/actors/`` (format in
that folder's README.md) and the country table ``dragoman/data/countries.tsv``
that the places stage reads too, plus any user files given with ``--kb``; lookups are
plain dictionaries so coding an article costs no more than a few hash probes.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

from dragoman.cache import cache_folder, read_marshal, write_marshal
from dragoman.errors import UsageError


class KBFileError(UsageError, ValueError):
    """A user KB file (``--kb``) that cannot be read: bad usage, exit 2."""


#: The sectors SPEC §2 allows.
SECTORS = frozenset("GOV MIL POL REB OPP BUS MED CVL JUD LEG EDU HLT REL NGO IGO COP SPY".split())
KINDS = frozenset("person organization country group anonymous".split())

#: Columns that identify each table (a user file's header says which table it extends).
TABLE_COLUMNS = {
    "countries": ["iso3", "name", "aliases", "adjectives", "capitals", "metonyms"],
    "titles": ["phrase", "kind", "sector", "role"],
    "organizations": ["name", "aliases", "kind", "country", "sector"],
    "people": ["name", "aliases", "country", "sector", "role", "start", "end"],
    "cities": ["name", "iso3", "population"],
}
#: The shared country table's columns (data/countries.tsv, also read by the places stage);
#: a file with this header is a "countries" table too.
COUNTRY_TABLE_COLUMNS = ["iso3", "name", "lat", "lon", "aliases", "adjectives", "capitals", "metonyms"]
#: Codes in use that ISO 3166 has not assigned (Kosovo's user-assigned code).
EXTRA_ISO3 = frozenset({"XKX"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents or curly quotes: the key every name lookup uses."""
    if text.isascii():  # nothing to decompose (the common case, and ~20,000 names at start-up)
        return " ".join(text.lower().split())
    text = text.replace("’", "'").replace("‘", "'")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


def split_list(cell: str) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def blank(cell: Optional[str]) -> Optional[str]:
    """None for an empty cell or a lone dash."""
    cell = (cell or "").strip()
    return None if cell in ("", "-") else cell


@dataclass
class Country:
    iso3: str
    name: str
    aliases: list[str] = field(default_factory=list)
    adjectives: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    metonyms: list[str] = field(default_factory=list)
    context_aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Title:
    phrase: str
    kind: str
    sector: Optional[str]
    role: Optional[str]
    body: Optional[str] = None  # collectives of one country that are one actor ("military")
    source: Optional[str] = None  # "phoenix" for rows of phoenix_agents.tsv; None for the project's own


@dataclass
class Organization:
    name: str
    aliases: list[str]
    kind: str
    country: Optional[str]
    sector: Optional[str]
    source: Optional[str] = None  # "phoenix" for rows of phoenix_organizations.tsv


@dataclass
class Office:
    """One office a person held, from ``start`` to ``end`` (None: still held)."""

    name: str
    aliases: list[str]
    country: Optional[str]
    sector: Optional[str]
    role: Optional[str]
    start: Optional[_dt.date]
    end: Optional[_dt.date]
    source: Optional[str] = None  # "phoenix" for rows of phoenix_people.tsv; None for the project's own

    @property
    def open_end(self) -> bool:
        """A Phoenix role the source left open: it ends on the source's date only because nothing is known after."""
        return self.source == "phoenix" and self.end == PHOENIX_SOURCE_DATE

    def holds_on(self, day: _dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


def parse_date(cell: Optional[str]) -> Optional[_dt.date]:
    cell = blank(cell)
    return _dt.date.fromisoformat(cell) if cell else None


def read_rows(path: Path) -> tuple[Optional[str], list[dict]]:
    """(table name, rows) of a KB TSV file; lines starting with '#' are comments.

    The files are unquoted tab-separated cells (what ``csv`` reads with ``QUOTE_NONE``), so a
    line is split on tabs directly: a short row's missing cells are empty, extra cells and
    unnamed columns are dropped, every cell and column name stripped."""
    with open(path, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    if not lines:
        return None, []
    raw_header = lines[0].rstrip("\r\n").split("\t")
    header = [h.strip() for h in raw_header]
    table = next((name for name, cols in TABLE_COLUMNS.items() if header[: len(cols)] == cols), None)
    if table is None and header[: len(COUNTRY_TABLE_COLUMNS)] == COUNTRY_TABLE_COLUMNS:
        table = "countries"
    columns = [(i, name) for i, (raw, name) in enumerate(zip(raw_header, header)) if raw]
    rows = []
    for line in lines[1:]:
        cells = line.rstrip("\r\n").split("\t")
        rows.append({name: cells[i].strip() if i < len(cells) else "" for i, name in columns})
    return table, rows


def read_word_list(path: Path) -> list[str]:
    """Folded lines of a one-word-or-phrase-per-line list; `#` lines are comments."""
    return [fold(line.strip()) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def phoenix_org_file() -> Path:
    """International organisations and armed groups converted from the Phoenix dictionaries."""
    return Path(str(resources.files("dragoman") / "data" / "actors" / "phoenix_organizations.tsv"))


def phoenix_agents_file() -> Path:
    """Agent words converted from the Phoenix agents dictionary (scripts/convert_phoenix_agents.py)."""
    return Path(str(resources.files("dragoman") / "data" / "actors" / "phoenix_agents.tsv"))


def phoenix_file() -> Path:
    """Office holders converted from the field's Phoenix dictionaries (scripts/convert_phoenix_actors.py)."""
    return Path(str(resources.files("dragoman") / "data" / "actors" / "phoenix_people.tsv"))


#: The day the Phoenix dictionaries were generated; scripts/convert_phoenix_actors.py ends the roles they
#: left open on it (SOURCE_DATE there).
PHOENIX_SOURCE_DATE = _dt.date(2014, 1, 30)
#: Bump when the cached form of the Phoenix people (KnowledgeBase.add_phoenix) changes.
PHOENIX_CACHE_FORMAT = 2


def _ordinal(cell: Optional[str]) -> int:
    day = parse_date(cell)
    return day.toordinal() if day else 0


def builtin_files() -> dict[str, Path]:
    """The built-in table files; countries are the table shared with the places stage."""
    data = resources.files("dragoman") / "data"
    files = {name: Path(str(data / "actors" / f"{name}.tsv")) for name in TABLE_COLUMNS}
    files["countries"] = Path(str(data / "countries.tsv"))
    return files


def read_given_names(path: Path) -> dict[str, str]:
    """Folded given name -> gender ("m"/"f") from ``given_names.tsv`` (names used overwhelmingly
    for one gender; the coreference step's last evidence of a person's gender)."""
    return {fold(row["name"]): row["gender"] for row in read_rows(path)[1]}


#: Kinds of place in data/places/regions.tsv that never act themselves (a state, province or
#: county can: "Texas sued", "Scotland voted").
INERT_PLACE_KINDS = frozenset({"continent", "region", "sea", "strait", "canal", "river", "island",
                               "peninsula", "mountains", "territory"})


def place_names() -> set[str]:
    """Folded names and aliases of the places of the places stage's region table that never act
    (`INERT_PLACE_KINDS`): spaCy's small model tags some of them ORG ("Crimea", "Donbas")."""
    from dragoman.places.gazetteer import region_names

    return {fold(name) for name in region_names(INERT_PLACE_KINDS)}


def _held_together(offices: list[Office], tolerance: _dt.timedelta = _dt.timedelta(days=31)) -> bool:
    """Do two different people hold this office at once for more than a month?  (A shorter overlap
    is a handover the table dates loosely, not a shared office.)"""
    spans = [((o.start or _dt.date.min), (o.end or _dt.date.max), o.name) for o in offices]
    for i, (s1, e1, n1) in enumerate(spans):
        for s2, e2, n2 in spans[i + 1:]:
            if n1 != n2 and min(e1, e2) - max(s1, s2) > tolerance:
                return True
    return False


class KnowledgeBase:
    """All actor knowledge, indexed for lookups by folded name."""

    def __init__(self) -> None:
        self.countries: dict[str, Country] = {}
        self.titles: dict[str, Title] = {}
        self.organizations: dict[str, Organization] = {}
        self.offices: dict[str, list[Office]] = {}  # by folded full name (Phoenix people: see offices_of)
        self.phoenix: dict[str, tuple] = {}  # folded full name -> a Phoenix person, as phoenix_people gives it
        self.cities: dict[str, str] = {}  # folded city name -> ISO3
        # indexes, rebuilt by index()
        self.country_names: dict[str, str] = {}
        self.country_adjectives: dict[str, str] = {}
        self.country_capitals: dict[str, str] = {}
        self.country_metonyms: dict[str, str] = {}
        self.context_names: dict[str, str] = {}  # "north" -> PRK, only when the article names PRK
        self.context_candidates: dict[str, list[str]] = {}  # "south" -> [KOR, SSD]: the one the article names
        self.org_names: dict[str, Organization] = {}
        self.person_names: dict[str, str] = {}  # folded name or alias -> folded full name
        #: (country, folded role) -> offices with that named role (not Phoenix's), for holder()
        self.role_offices: dict[tuple[str, str], list[Office]] = {}
        self.max_title_words = 1
        self.international_words: set[str] = set()  # first words of international bodies' names
        self.regional_words: list[str] = []  # "west african", "gulf": a collective of a region, not a country
        self.igo_anaphors: set[str] = set()  # "bloc", "alliance": "the bloc" is the IGO named before
        #: folded names of places that are no state and no government (regions, seas, islands,
        #: peninsulas; not states or provinces, which act through their governments)
        self.place_names: set[str] = set()
        #: folded given name -> "m" | "f" (the `given_names` property, read on first use)
        self._given_names: Optional[dict[str, str]] = None

    @property
    def given_names(self) -> dict[str, str]:
        """Folded given name -> "m" | "f", for names used overwhelmingly for one gender (read on
        first use: coreference and `evidence.person_by_given_name` ask for it, not the start-up)."""
        if self._given_names is None:
            self._given_names = read_given_names(builtin_files()["titles"].parent / "given_names.tsv")
        return self._given_names

    # --- loading ---

    @classmethod
    def load(cls, extra: Iterable[str] = ()) -> "KnowledgeBase":
        kb = cls()
        for table, path in builtin_files().items():
            kb.add_rows(table, read_rows(path)[1])
        folder = builtin_files()["titles"].parent
        kb.international_words = set(read_word_list(folder / "international.txt"))
        # longest first, so that "west african" wins over "african"
        kb.regional_words = sorted(read_word_list(folder / "regions.txt"), key=lambda w: -len(w.split()))
        kb.igo_anaphors = set(read_word_list(folder / "igo_anaphors.txt"))
        kb.place_names = place_names()
        kb.add_phoenix_organizations(read_rows(phoenix_org_file())[1])
        kb.add_phoenix()
        kb.add_phoenix_agents(read_rows(phoenix_agents_file())[1])
        for user_file in extra:
            try:
                table, rows = read_rows(Path(user_file))
            except (OSError, UnicodeDecodeError) as exc:
                raise KBFileError(f"--kb {user_file}: cannot read it ({exc.__class__.__name__})") from exc
            if table is None:
                raise KBFileError(f"--kb {user_file}: header matches no KB table (see data/actors/README.md)")
            problems = validate_file(Path(user_file))
            if problems:
                raise KBFileError(f"--kb {problems[0]}")
            kb.add_rows(table, rows, override=True)
        kb.index()
        return kb

    def add_rows(self, table: str, rows: list[dict], override: bool = False) -> None:
        add = getattr(self, f"_add_{table}")
        replaced: set[str] = set()
        for row in rows:
            add(row, override, replaced)

    def _add_countries(self, row: dict, override: bool, replaced: set) -> None:
        self.countries[row["iso3"].upper()] = Country(
            row["iso3"].upper(), row["name"], split_list(row.get("aliases")), split_list(row.get("adjectives")),
            split_list(row.get("capitals")), split_list(row.get("metonyms")), split_list(row.get("context_aliases")))

    def _add_titles(self, row: dict, override: bool, replaced: set) -> None:
        phrase = fold(row["phrase"])
        self.titles[phrase] = Title(phrase, row["kind"], blank(row.get("sector")), blank(row.get("role")),
                                    blank(row.get("body")))

    def _add_organizations(self, row: dict, override: bool, replaced: set) -> None:
        country = blank(row.get("country"))
        self.organizations[fold(row["name"])] = Organization(
            row["name"], split_list(row.get("aliases")), row.get("kind") or "organization",
            country.upper() if country else None, blank(row.get("sector")))

    def _add_cities(self, row: dict, override: bool, replaced: set) -> None:
        key = fold(row["name"])
        if override or key not in self.cities:
            self.cities[key] = row["iso3"].upper()

    def _add_people(self, row: dict, override: bool, replaced: set) -> None:
        key = fold(row["name"])
        if override and key not in replaced:
            # a user file's rows for a person replace the built-in ones
            self.offices.pop(key, None)
            self.phoenix.pop(key, None)
            replaced.add(key)
        country = blank(row.get("country"))
        self.offices.setdefault(key, []).append(Office(
            row["name"], split_list(row.get("aliases")), country.upper() if country else None,
            blank(row.get("sector")), blank(row.get("role")), parse_date(row.get("start")), parse_date(row.get("end"))))

    def add_phoenix(self) -> None:
        """Office holders of the Phoenix dictionaries (``phoenix_people.tsv``), after the built-in tables.

        Filtering them against the built-in tables costs ~0.2 s, so the result is cached (marshal) in the
        city index's folder under a name carrying a digest of every file it depends on.
        """
        files = [phoenix_file(), phoenix_org_file(), *builtin_files().values()]
        digest = hashlib.sha1(str(PHOENIX_CACHE_FORMAT).encode())
        for path in files:
            digest.update(path.read_bytes())
        folder = cache_folder()
        path = folder / f"phoenix-people-v{PHOENIX_CACHE_FORMAT}-{digest.hexdigest()[:16]}.marshal" if folder else None
        people = read_marshal(path, list) if path else None
        if people is None:
            people = self.phoenix_people(read_rows(phoenix_file())[1])
            if path:
                write_marshal(path, people, stale="phoenix-people-*.marshal")
        # kept as read; a person's Office objects are made on first lookup (offices_of): ~20,000 of them
        # would cost start-up more than all the lookups of a run
        self.phoenix = {person[0]: person for person in people}

    def add_phoenix_agents(self, rows: list[dict]) -> None:
        """Agent words of the Phoenix agents dictionary ("gunmen", "smugglers", "riot police"), after titles.tsv.

        Why (issue 11): titles.tsv lists ~260 titles and agent words; generic agents news names in
        the plural ("mourners", "armed men") or by a word it lacks were no actors. The project's rows
        win (the file repeats none of them, and a user's --kb titles, read later, override both). Read
        after the Phoenix people and bodies, whose filters check names against titles.tsv alone.
        """
        for row in rows:
            phrase = fold(row["phrase"])
            if phrase not in self.titles:
                self.titles[phrase] = Title(phrase, row["kind"], blank(row.get("sector")), blank(row.get("role")),
                                            blank(row.get("body")), "phoenix")

    def offices_of(self, key: str) -> Optional[list[Office]]:
        """The offices of a person by folded full name (a Phoenix person's made on first use)."""
        offices = self.offices.get(key)
        if offices is None and key in self.phoenix:
            _, name, aliases, _, rows = self.phoenix[key]
            offices = self.offices[key] = [
                Office(name, list(aliases), country, sector or None, role,
                       _dt.date.fromordinal(start) if start else None, _dt.date.fromordinal(end) if end else None,
                       "phoenix") for country, sector, role, start, end in rows]
        return offices

    def taken_names(self) -> set[str]:
        """Folded names of the cities, titles, countries (and their words) and organisations loaded so far."""
        taken: set[str] = set(self.cities) | set(self.titles)
        for c in self.countries.values():
            taken.update(fold(n) for n in [c.name, *c.aliases, *c.adjectives, *c.capitals, *c.metonyms])
        for org in self.organizations.values():
            taken.update(fold(n).removeprefix("the ") for n in [org.name, *org.aliases])
        return taken

    def add_phoenix_organizations(self, rows: list[dict]) -> None:
        """International organisations and armed groups of the Phoenix dictionaries, after the built-in ones.

        Why (issue 11): the project's organizations.tsv names ~110 bodies; Phoenix adds ~100 IGOs and
        ~170 armed groups. A body the project lists (a name or alias in common) keeps the project's row;
        a name that is also a country, city, title or a built-in person's name is not used.
        """
        own = {fold(n).removeprefix("the ") for org in self.organizations.values() for n in [org.name, *org.aliases]}
        taken = self.taken_names()
        for key, offices in self.offices.items():
            taken.add(key)
            taken.update(fold(a) for o in offices for a in o.aliases)
        for row in rows:
            names = [row["name"], *split_list(row.get("aliases"))]
            if any(fold(n).removeprefix("the ") in own for n in names):
                continue  # the project lists this body: its row wins
            usable = [n for n in names if fold(n).removeprefix("the ") not in taken]
            if not usable or fold(usable[0]) in self.organizations:
                continue
            country = blank(row.get("country"))
            self.organizations[fold(usable[0])] = Organization(usable[0], usable[1:], row["kind"], country,
                                                               blank(row.get("sector")), "phoenix")

    def phoenix_people(self, rows: list[dict]) -> list[tuple]:
        """The Phoenix people the KB takes: (key, name, aliases, folded names,
        ((country, sector, role, start, end), ...)) with dates as ordinals (0: none).

        Why (issue 11): 413 hand-written people were all the coder knew; Phoenix lists ~17,000 office
        holders of every country up to about 2014. Its people only fill gaps, so that a name never means
        more than one thing: a person the project's people.tsv lists (any full name or alias in common)
        keeps only the project's rows; a name that is also a country, capital, city, organisation, title
        or another built-in person's name or surname is not used (so a one-word name, a surname alone, is
        unique in the whole KB). At recognition a Phoenix surname alone counts only while its bearer is
        topical (dragoman.actors.recognise).
        """
        taken = self.taken_names()
        people: set[str] = set()
        for key, offices in self.offices.items():
            people.add(key)
            people.update(fold(a) for o in offices for a in o.aliases)
            people.update(fold(o.name).split()[-1] for o in offices)  # surnames of built-in people
        by_name: dict[str, list[dict]] = {}
        for row in rows:
            by_name.setdefault(row["name"], []).append(row)
        out, keys = [], set()
        for name, person_rows in by_name.items():
            names = [name, *split_list(person_rows[0].get("aliases"))]
            if any(fold(n) in people for n in names if len(n.split()) > 1):
                continue  # the project lists this person: its rows win
            usable = [n for n in names if fold(n) not in taken and fold(n) not in people]
            full = [n for n in usable if len(n.split()) > 1]
            if not full or fold(full[0]) in keys:
                continue
            keys.add(fold(full[0]))
            dated = tuple((row["country"], row.get("sector") or "", row["role"],
                           _ordinal(row.get("start")), _ordinal(row.get("end"))) for row in person_rows)
            out.append((fold(full[0]), full[0], tuple(n for n in usable if n != full[0]),
                        tuple(dict.fromkeys(fold(n) for n in usable)), dated))
        return out

    def index(self) -> None:
        """Build the lookup dictionaries from the tables."""
        self.context_names.clear()
        self.context_candidates.clear()
        self.country_names.clear(); self.country_adjectives.clear()
        self.country_capitals.clear(); self.country_metonyms.clear()
        for iso3, c in self.countries.items():
            for name in [c.name, *c.aliases]:
                self.country_names[fold(name)] = iso3
            for adj in c.adjectives:
                self.country_adjectives.setdefault(fold(adj), iso3)
            for cap in c.capitals:
                self.country_capitals.setdefault(fold(cap), iso3)
            for met in c.metonyms:
                self.country_metonyms[fold(met)] = iso3
            for alias in c.context_aliases:
                self.context_names[fold(alias).removeprefix("the ")] = iso3
                self.context_candidates.setdefault(fold(alias).removeprefix("the "), []).append(iso3)
        self.org_names = {}
        for org in self.organizations.values():
            for name in [org.name, *org.aliases]:
                self.org_names[fold(name).removeprefix("the ")] = org
        self.person_names = {}
        # the project's and the user's people first: their aliases win over Phoenix's
        for key, offices in self.offices.items():
            if offices[0].source is None:
                self.person_names[key] = key
                for office in offices:
                    for alias in office.aliases:
                        self.person_names.setdefault(fold(alias), key)
        for key, person in self.phoenix.items():
            for name in person[3]:
                self.person_names.setdefault(name, key)
        self.role_offices = {}
        for offices in self.offices.values():
            for office in offices:
                if office.source is None:  # Phoenix rows name no office ("Government official")
                    self.role_offices.setdefault((office.country, fold(office.role or "")), []).append(office)
        # A role several people hold at once (senator, governor, justice) has no one holder:
        # "the senator" is whoever the article named, never a row of the table.
        for key in [k for k, offices in self.role_offices.items() if _held_together(offices)]:
            del self.role_offices[key]
        self.max_title_words = max((len(t.split()) for t in self.titles), default=1)

    # --- lookups ---

    def country_of(self, text: str) -> Optional[str]:
        """ISO3 for a country name, alias, adjective or demonym, or None."""
        key = fold(text)
        if key.endswith("'s"):
            key = key[:-2]
        return self.country_names.get(key) or self.country_adjectives.get(key)

    def country_name(self, iso3: Optional[str]) -> Optional[str]:
        c = self.countries.get(iso3 or "")
        return c.name if c else None

    def adjective_of(self, iso3: Optional[str]) -> Optional[str]:
        c = self.countries.get(iso3 or "")
        return c.adjectives[0] if c and c.adjectives else None

    def office_on(self, name: str, day: Optional[_dt.date]) -> Optional[tuple[Office, bool]]:
        """The office a known person held on ``day`` and whether it is current.

        Without a date, the latest office (not current for a Phoenix office, which
        ended by 2014). When no office covers the day, the latest one before it
        (flagged not current, so the role reads "former").
        """
        key = self.person_names.get(fold(name))
        if key is None:
            return None
        offices = self.offices_of(key)
        if day is None:  # a Phoenix role ended by 2014: with no date, it is not known to hold
            return offices[-1], offices[-1].source is None or offices[-1].end is None
        current = [o for o in offices if o.holds_on(day)]
        if current:
            return current[-1], True
        before = [o for o in offices if o.start is None or o.start <= day]
        if before:
            return max(before, key=lambda o: o.start or _dt.date.min), False
        return None

    def holder(self, role: str, country: str, day: Optional[_dt.date]) -> Optional[Office]:
        """The person who held ``role`` in ``country`` on ``day`` (for "the Turkish president");
        None for roles several people hold at once (they are not indexed)."""
        for office in self.role_offices.get((country, fold(role)), ()):
            if day is None or office.holds_on(day):
                return office
        return None


def validate_file(path: Path) -> list[str]:
    """Problems in a KB file (empty list when it is valid): used by `dragoman kb check` and tests."""
    import pycountry

    problems: list[str] = []
    table, rows = read_rows(path)
    if table is None:
        return [f"{path}: header matches no KB table ({', '.join(TABLE_COLUMNS)})"]
    for n, row in enumerate(rows, start=1):
        where = f"{path.name} row {n}"
        if table in ("countries", "cities"):
            if row["iso3"].upper() not in EXTRA_ISO3 and not pycountry.countries.get(alpha_3=row["iso3"].upper()):
                problems.append(f"{where}: {row['iso3']!r} is not an ISO 3166-1 alpha-3 code")
            if not row.get("name"):
                problems.append(f"{where}: no name")
        if table == "countries" and (row.get("lat") or row.get("lon")):
            try:
                if not (-90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180):
                    problems.append(f"{where}: lat/lon out of range")
            except (TypeError, ValueError):
                problems.append(f"{where}: lat/lon not numbers")
        if table in ("organizations", "people"):
            country = blank(row.get("country"))
            if country and country.upper() not in EXTRA_ISO3 | {"IGO"} and \
                    not pycountry.countries.get(alpha_3=country.upper()):
                problems.append(f"{where}: country {country!r} is not ISO3 or IGO")
        if table in ("titles", "organizations", "people"):
            sector = blank(row.get("sector"))
            if sector and sector not in SECTORS:
                problems.append(f"{where}: sector {sector!r} is not one of SPEC §2")
        if table == "titles" and row.get("kind") not in KINDS:
            problems.append(f"{where}: kind {row.get('kind')!r} is not one of {sorted(KINDS)}")
        if table == "organizations" and row.get("kind") not in ("organization", "group", "ignore"):
            problems.append(f"{where}: kind {row.get('kind')!r} is not organization, group or ignore")
        if table == "people":
            try:
                start, end = parse_date(row.get("start")), parse_date(row.get("end"))
            except ValueError as exc:
                problems.append(f"{where}: bad date ({exc})")
                continue
            if start and end and end < start:
                problems.append(f"{where}: ends {end} before it starts {start}")
            if not row.get("role"):
                problems.append(f"{where}: no role")
    return problems
