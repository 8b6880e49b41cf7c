"""The actor knowledge base: countries, titles, organisations and office holders.

Everything is read once from TSV files in ``dragoman/data/actors/`` (format in
that folder's README.md) and the country table ``dragoman/data/countries.tsv``
that the places stage reads too, plus any user files given with ``--kb``; lookups are
plain dictionaries so coding an article costs no more than a few hash probes.
"""

from __future__ import annotations

import csv
import datetime as _dt
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

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


@dataclass
class Organization:
    name: str
    aliases: list[str]
    kind: str
    country: Optional[str]
    sector: Optional[str]


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

    def holds_on(self, day: _dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


def parse_date(cell: Optional[str]) -> Optional[_dt.date]:
    cell = blank(cell)
    return _dt.date.fromisoformat(cell) if cell else None


def read_rows(path: Path) -> tuple[Optional[str], list[dict]]:
    """(table name, rows) of a KB TSV file; lines starting with '#' are comments."""
    with open(path, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    if not lines:
        return None, []
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = [h.strip() for h in (reader.fieldnames or [])]
    table = next((name for name, cols in TABLE_COLUMNS.items() if header[: len(cols)] == cols), None)
    if table is None and header[: len(COUNTRY_TABLE_COLUMNS)] == COUNTRY_TABLE_COLUMNS:
        table = "countries"
    rows = [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in reader]
    return table, rows


def read_word_list(path: Path) -> list[str]:
    """Folded lines of a one-word-or-phrase-per-line list; `#` lines are comments."""
    return [fold(line.strip()) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def builtin_files() -> dict[str, Path]:
    """The built-in table files; countries are the table shared with the places stage."""
    data = resources.files("dragoman") / "data"
    files = {name: Path(str(data / "actors" / f"{name}.tsv")) for name in TABLE_COLUMNS}
    files["countries"] = Path(str(data / "countries.tsv"))
    return files


class KnowledgeBase:
    """All actor knowledge, indexed for lookups by folded name."""

    def __init__(self) -> None:
        self.countries: dict[str, Country] = {}
        self.titles: dict[str, Title] = {}
        self.organizations: dict[str, Organization] = {}
        self.offices: dict[str, list[Office]] = {}  # by folded full name
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
        self.max_title_words = 1
        self.international_words: set[str] = set()  # first words of international bodies' names
        self.regional_words: list[str] = []  # "west african", "gulf": a collective of a region, not a country
        self.igo_anaphors: set[str] = set()  # "bloc", "alliance": "the bloc" is the IGO named before

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
            replaced.add(key)
        country = blank(row.get("country"))
        self.offices.setdefault(key, []).append(Office(
            row["name"], split_list(row.get("aliases")), country.upper() if country else None,
            blank(row.get("sector")), blank(row.get("role")), parse_date(row.get("start")), parse_date(row.get("end"))))

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
        for key, offices in self.offices.items():
            self.person_names[key] = key
            for office in offices:
                for alias in office.aliases:
                    self.person_names.setdefault(fold(alias), key)
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

        Without a date, the latest office. When no office covers the day, the
        latest one before it (flagged not current, so the role reads "former").
        """
        key = self.person_names.get(fold(name))
        if key is None:
            return None
        offices = self.offices[key]
        if day is None:
            return offices[-1], True
        current = [o for o in offices if o.holds_on(day)]
        if current:
            return current[-1], True
        before = [o for o in offices if o.start is None or o.start <= day]
        if before:
            return max(before, key=lambda o: o.start or _dt.date.min), False
        return None

    def holder(self, role: str, country: str, day: Optional[_dt.date]) -> Optional[Office]:
        """The person who held ``role`` in ``country`` on ``day`` (for "the Turkish president")."""
        role_key = fold(role)
        for offices in self.offices.values():
            for office in offices:
                if office.country == country and fold(office.role or "") == role_key and \
                        (day is None or office.holds_on(day)):
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
