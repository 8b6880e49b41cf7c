"""Convert the field's Phoenix actor dictionaries into the actor knowledge base's data files.

Reads (from a checkout of the public knowledge files, not shipped with the package):
  petrarch2/Phoenix.Countries.actors.txt      office holders of every country, dated, ~1945-2014
  petrarch2/Phoenix.International.actors.txt  IGOs and their officials (NGOs and companies not used)
  petrarch2/Phoenix.MilNonState.actors.txt    armed non-state groups
  (Open Event Data Alliance, MIT licence; format in petrarch2/dictionaries.rst)

Writes into the package (users have no ../shared at run time):
  src/dragoman/data/actors/phoenix_people.tsv          the `people` table's columns, one row per role
  src/dragoman/data/actors/phoenix_organizations.tsv   the `organizations` table's columns

Run it again after changing it; tests/test_kb_phoenix.py checks that the committed
files are what this script makes from ../shared.

    python scripts/convert_phoenix_actors.py [KNOWLEDGE_DIR]   (default ../shared/knowledge; prints counts)

How the dictionaries are read (TABARI/PETRARCH actor format):
  * a record is one or more name lines (the first, further unmarked lines before any
    code, and `+synonym` lines) followed by codes: `[CODE]` on a name line or on
    tab-indented lines; `[CODE date-date]`, `[CODE >date]` (from), `[CODE <date]` (until);
    dates are YYMMDD or YYYYMMDD; a code without a date is the record's default;
  * a code is a CAMEO actor code: a 3-letter country (CAMEO's own letters, mapped to
    ISO 3166-1 alpha-3 below), then 3-letter role codes; IGO codes (`IGOUNO...`) are
    international officials.

What is kept, and why (each choice so that a row is right on an article nobody has read):
  * persons only: a record with at least one dated role, or an "elite" (ELI) code.
    Undated non-ELI records are institutions, country blocks (with their cities) or
    role descriptions ("US_SECRETARY_OF_DEFENSE"): the project's own tables cover those;
    a record with a company or NGO code (MNC..., NGO...) is no person even where it also
    has a dated government code (ABN_AMRO, a nationalised bank); names with an
    organisation word (bank, movement, assembly ...) are dropped;
  * one row per dated role; the sector from the role code (SECTOR below; a government
    code with a portfolio, GOVMIL, GOVBUS, ... is GOV like the project's own ministers,
    except GOVLEG, a legislator) and a role that only says what the code says
    ("Government official (defence)"): Phoenix has no office names;
  * ELI ("elite": prominent, no office) ranges are dropped for persons who held an
    office: before it the person has no role yet, after it the knowledge base already
    says "Former ..."; a person with ELI codes only gets one undated row, sector
    empty, role "Political figure" (a country and nothing more);
  * an open-ended role (`>date`, or a default code after dated ones) ends on
    SOURCE_DATE, the day the Countries file was generated: the source cannot say
    whether it went on, and a role that is not known to hold is not applied (after
    that day the KB gives the person's country and sector but no role, where a role
    that really ended reads "Former ...");
  * names: underscores become spaces, words are title-cased; a name or synonym
    that carries a title or honorific ("PRESIDENT_PUTIN", "MR._OBAMA", "RUSSIAN_..."),
    a country or city (the country blocks' own synonyms), digits, or more than six
    words is dropped (the coder reads titles and countries itself);
  * single-word synonyms (a surname alone) are kept only when no other person of the
    dictionaries uses that word as a name or surname, it is not an English stop word,
    not a verb, adjective or adverb of the English lexicon spaCy's model ships
    (WordNet's index: "Rice", "Long", "Bush", "Hope" ...), not a given name of some other
    person, and the person held a dated role (never for ELI-only persons);
  * a full name that two records give to persons of different countries is ambiguous
    and dropped from both (the person keeps their other names, if any); records of one
    name and one country are merged (one person, or namesakes the country tells apart
    no better);
  * a two-word name made of common parts names many people the dictionaries do not
    list, so it is dropped: a given name that starts COMMON_PART or more other persons'
    names, with a second word found in as many other names ("David Wilson", "Ali Ahmad")
    or that is a common English word ("James Grant"); this costs some well-known people
    ("Donald Tusk", "John Major"), whom the project's people.tsv lists where it matters;
  * persons known by one word only ("Suharto", "Fahd") are left out (a single word is
    too weak a name on its own);
  * companies and NGOs of the International file are left out (brand names, many of them
    ordinary words).

Organisations (phoenix_organizations.tsv): the undated IGO records of the International file
(kind organization, country and sector IGO) and the records of the MilNonState file (kind
group, sector REB, the country of the CAMEO code or "-" for a regional or international one).
A name is kept when it is a phrase of two to eight words with an organisation word (army,
front, brigades, council, bank ...) and a word that is no ordinary English: for armed groups
no word of WordNet at all, in any part of speech ("Abu Sayyaf Group", "Tigray Peoples
Liberation Front"; not "Revolutionary Workers Council" or "Army of God", which could name
many bodies), for IGOs any word but a stop word (their formal names are their own:
"Caribbean Community"). One word alone is dropped ("Al-Aqsa" is a mosque, "Al-Awlaki" a person); an
acronym only when the source gives it in parentheses, four or five letters, and for IGOs only
(an armed group's acronym is too often another body's). A name two bodies of different
countries or kinds share is dropped.

The knowledge base applies further rules when it loads the files and codes an article
(dragoman.actors.kb, .recognise, .home; summed up in data/actors/README.md): the project's
own people.tsv and organizations.tsv win for any person or body they list; names that clash
with a country, city, organisation, title or built-in person are not used; a Phoenix person
counts only in an article that names their country; a surname alone only near the dates of
their role; a role the source left open is not claimed after SOURCE_DATE.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "dragoman" / "data" / "actors" / "phoenix_people.tsv"
ORG_OUT = ROOT / "src" / "dragoman" / "data" / "actors" / "phoenix_organizations.tsv"

#: The day Phoenix.Countries.actors.txt was generated ("CountryInfo.140130"): open-ended roles end here.
SOURCE_DATE = dt.date(2014, 1, 30)
SOURCE = "openeventdata/petrarch2 @ 676801cd9cb2 (Phoenix dictionaries, Open Event Data Alliance)"

#: CAMEO country letters that are not the ISO 3166-1 alpha-3 code.
CAMEO_TO_ISO3 = {"ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "KSV": "XKX", "IMY": "IMN", "SRP": "SRB",
                 "WSB": "PSE", "GZS": "PSE", "PAL": "PSE", "BUR": "MMR", "YUG": "SRB", "SER": "SRB",
                 "MNE": "MNE", "SCG": "SRB", "ANT": "CUW"}
#: Role codes (second and later three letters) that are not a territory even where ISO has them.
ROLE_CODES = set("""GOV MIL REB OPP ELI LEG JUD BUS MED CVL EDU HLH REL NGO IGO COP SPY AGR DEV LAB ENV
HRI REF PTY MUS CHR JEW HIN BUD UAF CRM UNR OCC SEP IMG MNC AUT MOD RAD INS SHI SUN KID""".split())

#: Sector (SPEC §2) of a primary role code.
SECTOR = {"GOV": "GOV", "MIL": "MIL", "REB": "REB", "OPP": "OPP", "LEG": "LEG", "JUD": "JUD", "BUS": "BUS",
          "MED": "MED", "CVL": "CVL", "EDU": "EDU", "HLH": "HLT", "REL": "REL", "NGO": "NGO", "COP": "COP",
          "SPY": "SPY", "PTY": "POL", "IGO": "IGO"}
#: Role words for a primary code, and the portfolio a government code's second code names.
ROLE = {"GOV": "Government official", "MIL": "Military officer", "REB": "Rebel leader",
        "OPP": "Opposition figure", "LEG": "Legislator", "JUD": "Judge", "BUS": "Business figure",
        "MED": "Media figure", "CVL": "Civil society figure", "EDU": "Educator", "HLH": "Health official",
        "REL": "Religious figure", "NGO": "NGO official", "COP": "Police official",
        "SPY": "Intelligence official", "PTY": "Party official", "IGO": "International official"}
PORTFOLIO = {"MIL": "defence", "BUS": "economy", "AGR": "agriculture", "MED": "information", "EDU": "education",
             "HLH": "health", "DEV": "development", "JUD": "justice", "LAB": "labour", "ENV": "environment",
             "HRI": "human rights", "REL": "religious affairs", "COP": "interior", "SPY": "intelligence",
             "REF": "refugees"}
ELI_ROLE = "Political figure"
#: See convert(): how many other persons must share both parts of a two-word name for it to be too common.
COMMON_PART = 5

#: Words that make a name a title, an honorific or a description, not a personal name.
NOT_NAME_WORDS = set("""president presidential president-elect vice prime minister ministers premier secretary
secretary-general undersecretary senator sen. governor gov. chairman chairwoman leader
administration government commander mr mr. mrs mrs. ms ms. dr dr. gen. col. lt. capt. adm. brig.
mayor ambassador envoy spokesman spokeswoman official officials party emperor crown president's
dictator regime forces army junta council cabinet ministry office the of and for former late
foreign defense defence finance interior justice acting deputy speaker chancellor pope
bank company corporation corp inc group international association committee union agency organization
organisation front movement national federal republic state institute university news fund court commission
assembly parliament congress police service authority coalition treaty""".split())
#: Titles, ranks and honorifics that are no part of a name when they come first ("King Abdullah", "Sheikh ...").
TITLE_FIRST = set("""king queen prince princess sheikh shaikh sheik emir amir sultan ayatollah grand imam
mullah maulana cardinal archbishop bishop rev rev. father sir lord lady miss general gen colonel col major
maj lieutenant lt captain capt brigadier admiral adm marshal field chief chair sen gov hojatolislam
hojatoleslam hojjat hojjatoleslam sayyed sayed seyed seyyed""".split())
NAME_WORD = re.compile(r"^[^\W\d_]+(?:[.'’-][^\W\d_]*)*\.?$")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


def parse_date(text: str) -> dt.date | None:
    """YYMMDD or YYYYMMDD; two-digit years up to the source's are 20YY."""
    text = text.strip()
    if re.fullmatch(r"\d{8}", text):
        y, m, d = int(text[:4]), int(text[4:6]), int(text[6:])
    elif re.fullmatch(r"\d{6}", text):
        yy, m, d = int(text[:2]), int(text[2:4]), int(text[4:])
        y = 2000 + yy if yy <= SOURCE_DATE.year % 100 else 1900 + yy
    else:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def parse_code(raw: str) -> tuple[str, dt.date | None, dt.date | None, bool] | None:
    """'AFGGOV 870930-920416' -> (code, start, end, dated); None for junk."""
    parts = raw.split(None, 1)
    if not parts or not re.fullmatch(r"[A-Z]{3,}", parts[0]):
        return None
    code, rest = parts[0], (parts[1].replace(" ", "") if len(parts) > 1 else "")
    if not rest:
        return code, None, None, False
    if rest[0] in "<>":
        day = parse_date(rest[1:])
        if day is None:
            return None
        return (code, None, day, True) if rest[0] == "<" else (code, day, None, True)
    if "-" in rest:
        a, b = rest.split("-", 1)
        start, end = parse_date(a), parse_date(b)
        if start is None or end is None:
            return None
        if end < start and start.year >= 2000 and len(a) == 6:  # a two-digit year meant 19YY
            start = start.replace(year=start.year - 100)
        return (code, start, end, True) if start <= end else None
    day = parse_date(rest)  # a lone date: from then on
    return (code, day, None, True) if day else None


def records(path: Path) -> list[dict]:
    """The file's records: names (first one primary) and raw codes."""
    out: list[dict] = []
    cur: dict | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0]
        if not line.strip():
            continue
        codes = re.findall(r"\[([^\]]*)\]", line)
        text = re.sub(r"\[[^\]]*\]", " ", line).strip()
        if not text:  # a code line
            if cur is not None:
                cur["codes"] += codes
            continue
        if text.startswith("+"):
            if cur is not None:
                cur["names"].append(text[1:].strip())
                cur["codes"] += codes
            continue
        if cur is None or cur["codes"]:
            cur = {"names": [], "codes": []}
            out.append(cur)
        cur["names"].append(text)  # an unmarked line before any code is one more name of the record
        cur["codes"] += codes
    return out


def country_of(code: str) -> tuple[str | None, list[str]]:
    """(ISO3 or 'IGO', the role codes) of a CAMEO actor code; (None, []) when it has no country."""
    import pycountry

    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    if chunks[0] == "IGO":
        return "IGO", ["IGO"]
    iso = CAMEO_TO_ISO3.get(chunks[0], chunks[0])
    if iso != "XKX" and not pycountry.countries.get(alpha_3=iso):
        return None, []
    roles = chunks[1:]
    if roles and roles[0] not in ROLE_CODES and (roles[0] in CAMEO_TO_ISO3 or pycountry.countries.get(alpha_3=roles[0])):
        iso = CAMEO_TO_ISO3.get(roles[0], roles[0])  # a territory: GBRVGB, DNKFRO
        roles = roles[1:]
    return iso, roles


#: Words kept in capitals when an organisation's name is title-cased (not a person's: "Kim Jong Un").
ACRONYMS = frozenset({"UN", "U.N.", "EU", "AU", "US", "U.S.", "UK", "UAE", "NATO", "ASEAN", "OPEC", "ECOWAS"})


def display(name: str, acronyms: frozenset = frozenset()) -> str:
    """'MOHAMMAD_ZAHIR_SHAH_' -> 'Mohammad Zahir Shah'."""
    words = name.replace("_", " ").split()

    def cap(word: str) -> str:
        if re.fullmatch(r"[IVX]+", word) and len(word) <= 4 or word in acronyms:
            return word

        def run(m: re.Match) -> str:  # "O'BRIEN" -> "O'Brien", "PEOPLE'S" -> "People's"
            text = m.group(0)
            after_quote = m.start() > 0 and word[m.start() - 1] in "'’"
            return text.lower() if after_quote and len(text) == 1 else text[:1].upper() + text[1:].lower()

        return re.sub(r"[^\W\d_]+", run, word)

    return " ".join(cap(w) for w in words)


def name_ok(name: str, places: set[str]) -> bool:
    words = fold(name).split()
    if not words or len(words) > 6 or "," in name or "(" in name:
        return False
    if any(w in NOT_NAME_WORDS for w in words) or not all(NAME_WORD.match(w) for w in words):
        return False
    return fold(name) not in places  # "Kabul", a synonym of a country block


def names_of(raw_names: list[str], places: set[str]) -> list[str]:
    """The usable names of a record, first one first: titles stripped, descriptions and places dropped."""
    names: list[str] = []
    for raw in raw_names:
        words = display(raw).split()
        while words and fold(words[0]) in TITLE_FIRST:
            words = words[1:]  # "Sheikh Hasina Wajed" -> "Hasina Wajed"
        name = " ".join(words)
        if name_ok(name, places) and fold(name) not in {fold(n) for n in names}:
            names.append(name)
    # "Russian Vladimir Putin", "US Barack Obama": a place word before another name of the record
    folded = {fold(n) for n in names}

    def prefixed(name: str) -> bool:
        words = fold(name).split()
        return any(" ".join(words[k:]) in folded and all(w in places for w in words[:k]) for k in range(1, len(words) - 1))

    return [n for n in names if not prefixed(n)]


def common_words(parts: tuple[str, ...] = ("verb", "adj", "adv")) -> set[str]:
    """English stop words and the words of the lemmatizer's WordNet index for those parts of speech
    (not its nouns by default: WordNet's nouns include famous surnames, "Putin", "Gandhi")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from dragoman import nlp

    words = set(STOP_WORDS)
    index = nlp.load().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    strings = nlp.load().vocab.strings
    for pos in parts:
        words.update(w for w in index.get(strings[pos], []) if "_" not in w)
    return words


def merge_ranges(rows: list[tuple]) -> list[tuple]:
    """Overlapping or touching ranges of one role become one (the source lists some twice)."""
    out: list[tuple] = []
    for row in sorted(set(rows), key=lambda r: (r[:3], r[3] or dt.date.min, r[4])):
        last = out[-1] if out else None
        if last and last[:3] == row[:3] and (row[3] or dt.date.min) <= last[4]:
            out[-1] = (*last[:4], max(last[4], row[4]))
        else:
            out.append(row)
    return sorted(out, key=lambda r: (r[3] or dt.date.min, r[4]))


def role_rows(codes: list[str]) -> tuple[list[tuple], bool]:
    """(rows (country, sector, role, start, end), ELI-only) from a person's raw codes."""
    parsed = [p for p in (parse_code(c) for c in codes) if p]
    offices, eli = [], []
    for code, start, end, dated in parsed:
        country, roles = country_of(code)
        if country is None or not roles:
            continue
        if roles[0] == "ELI":
            eli.append(country)
            continue
        primary = "IGO" if country == "IGO" else roles[0]
        if primary == "GOV" and len(roles) > 1 and roles[1] == "LEG":
            primary = "LEG"
        sector = SECTOR.get(primary)
        if sector is None:
            continue
        role = ROLE[primary]
        if primary == "GOV" and len(roles) > 1 and roles[1] in PORTFOLIO:
            role += f" ({PORTFOLIO[roles[1]]})"
        offices.append((country, sector, role, start, end, dated))
    dated = [o for o in offices if o[5]]
    if dated:
        rows = []
        for country, sector, role, start, end, _ in dated:
            if end is None or end > SOURCE_DATE:
                end = SOURCE_DATE if (start is None or start < SOURCE_DATE) else None
            if end is None:
                continue
            rows.append((country, sector, role, start, end))
        return merge_ranges(rows), False
    if offices:
        return [], False  # undated roles only: an institution or a role description, or unknown dates
    if eli:
        return [(eli[0], "", ELI_ROLE, None, None)], True
    return [], False


def place_names(recs: list[dict]) -> set[str]:
    """Folded names of the country blocks: countries, adjectives, cities and provinces ("KABUL", "HELMAND")."""
    places: set[str] = set()
    for rec in recs:
        codes = [p for p in (parse_code(c) for c in rec["codes"]) if p]
        if codes and all(not d and country_of(c)[0] and not country_of(c)[1] for c, _, _, d in codes):
            places.update(fold(n.replace("_", " ")) for n in rec["names"])
    return places


def convert(knowledge: Path) -> tuple[list[list[str]], dict]:
    folder = knowledge / "petrarch2"
    recs = records(folder / "Phoenix.Countries.actors.txt") + records(folder / "Phoenix.International.actors.txt")
    stats: dict = defaultdict(int)
    stats["records"] = len(recs)
    stats["codes that do not parse (typos in the source), left out"] = sum(
        1 for rec in recs for c in rec["codes"] if parse_code(c) is None)
    places = place_names(recs)
    # persons
    people = []
    for rec in recs:
        if any(c.startswith(("MNC", "NGO")) for c in rec["codes"]):
            continue  # a company or an NGO, even where it also has a dated government code (ABN_AMRO)
        rows, eli_only = role_rows(rec["codes"])
        if not rows:
            continue
        names = names_of(rec["names"], places)
        if not names:
            stats["persons without a usable name"] += 1
            continue
        # the longest name of the first words is the display name: "Hamid Karzai" rather than "Karzai"
        full = [n for n in names if len(n.split()) > 1]
        if not full:
            stats["persons with one-word names only"] += 1
            continue
        people.append({"name": full[0], "aliases": [n for n in names if n != full[0]], "rows": rows,
                       "eli": eli_only})
    stats["persons"] = len(people)
    stats["ELI-only persons"] = sum(p["eli"] for p in people)
    # one full name, several countries: ambiguous
    countries_of: dict[str, set] = defaultdict(set)
    for p in people:
        for n in [p["name"], *p["aliases"]]:
            if len(n.split()) > 1:
                countries_of[fold(n)].update(r[0] for r in p["rows"])
    ambiguous = {n for n, cs in countries_of.items() if len(cs) > 1}
    stats["full names dropped as ambiguous"] = len(ambiguous)
    merged: dict[str, dict] = {}
    for p in people:
        names = [n for n in [p["name"], *p["aliases"]] if fold(n) not in ambiguous]
        full = [n for n in names if len(n.split()) > 1]
        if not full:
            stats["persons dropped: every full name ambiguous"] += 1
            continue
        key = fold(full[0])
        same = next((merged[fold(n)] for n in full if fold(n) in merged), None)
        if same is None:
            merged[key] = {"name": full[0], "aliases": [n for n in names if n != full[0]], "rows": list(p["rows"]),
                           "eli": p["eli"]}
            for n in full[1:]:
                merged.setdefault(fold(n), merged[key])
        else:
            stats["records merged into an earlier one"] += 1
            same["aliases"] += [n for n in names if fold(n) != fold(same["name"])
                                and fold(n) not in {fold(a) for a in same["aliases"]}]
            if same["eli"] and not p["eli"]:
                same["rows"], same["eli"] = list(p["rows"]), False
            elif not p["eli"]:
                same["rows"] = merge_ranges(same["rows"] + p["rows"])
    persons = list({id(p): p for p in merged.values()}.values())
    common = common_words()
    # two-word names made of common parts ("David Wilson", "Ali Ahmad") name many people the dictionaries
    # do not list: a given name that starts COMMON_PART or more other persons' names, and a second word
    # found in as many other persons' names
    starts, has = defaultdict(set), defaultdict(set)
    for n, p in enumerate(persons):
        for name in [p["name"], *p["aliases"]]:
            words = fold(name).split()
            if len(words) > 1:
                starts[words[0]].add(n)
            for w in words:
                has[w].add(n)

    def common_name(name: str, n: int) -> bool:
        words = fold(name).split()
        return len(words) == 2 and len(starts[words[0]] - {n}) >= COMMON_PART and (
            len(has[words[1]] - {n}) >= COMMON_PART or words[1] in common)  # "James Grant"

    kept_persons = []
    for n, p in enumerate(persons):
        names = [x for x in [p["name"], *p["aliases"]] if not common_name(x, n)]
        stats["two-word names of common parts dropped"] += len([p["name"], *p["aliases"]]) - len(names)
        full = [x for x in names if len(x.split()) > 1]
        if not full:
            stats["persons dropped: only names of common parts"] += 1
            continue
        p["name"], p["aliases"] = full[0], [x for x in names if x != full[0]]
        kept_persons.append(p)
    persons = kept_persons
    # single words: surnames alone
    used = defaultdict(set)  # folded word -> persons using it as a name word
    first = defaultdict(set)  # folded word -> persons whose name starts with it
    for n, p in enumerate(persons):
        for name in [p["name"], *p["aliases"]]:
            words = fold(name).split()
            if len(words) > 1:
                used[words[-1]].add(n)
                first[words[0]].add(n)
            else:
                used[words[0]].add(n)
    kept = dropped = 0
    for n, p in enumerate(persons):
        aliases = []
        for a in p["aliases"]:
            if len(a.split()) > 1:
                aliases.append(a)
                continue
            w = fold(a)
            if p["eli"] or used[w] != {n} or w in common or first[w] - {n} or w in places or len(w) < 4:
                dropped += 1
                continue
            kept += 1
            aliases.append(a)
        p["aliases"] = aliases
    stats["one-word aliases kept"], stats["one-word aliases dropped"] = kept, dropped
    out = []
    for p in sorted(persons, key=lambda p: (fold(p["name"]), p["name"])):
        for country, sector, role, start, end in p["rows"]:
            out.append([p["name"], "|".join(p["aliases"]), country, sector, role,
                        start.isoformat() if start else "", end.isoformat() if end else ""])
    stats["people written"] = len(persons)
    stats["rows written"] = len(out)
    stats["IGO people"] = sum(1 for p in persons if any(r[0] == "IGO" for r in p["rows"]))
    return out, dict(stats)


#: Words that make a phrase the name of a body (an armed group, an international organisation).
ORG_WORDS = set("""army armies front brigade brigades movement organization organisation organizations group groups
council commission community union bank fund agency association court tribunal alliance conference forum
programme program secretariat assembly parliament league party militia militias forces force command
committee cells cell nuclei nucleus battalion battalions legion mujahideen mujahidin jihad tigers guerrillas
guard guards federation institute office authority coalition partnership pact treaty initiative
centre center network society""".split())
#: Small words written in lower case inside an organisation's name.
SMALL_WORDS = set("and of the for in on to at by de du des la le el".split())


def org_display(name: str) -> tuple[str, list[str]]:
    """'BASQUE_FATHERLAND_AND_FREEDOM_(ETA)_' -> ('Basque Fatherland and Freedom', ['ETA'])."""
    acronyms = re.findall(r"\(([A-Z0-9-]{2,8})\)", name)  # the only sure acronyms: the source is in capitals
    name = re.sub(r"\([^)]*\)", " ", name)
    words = name.replace("_", " ").split()
    shown = display(" ".join(words), ACRONYMS).split()
    shown = [w.lower() if k and w.lower() in SMALL_WORDS else w for k, w in enumerate(shown)]
    return " ".join(shown), acronyms


def in_dictionary(word: str, common: set[str]) -> bool:
    """The word or its singular ("workers", "supporters", "cities") is in the word list."""
    return word in common or any(w in common for w in (word[:-1] if word.endswith("s") else "",
                                                       word[:-2] if word.endswith("es") else "",
                                                       word[:-3] + "y" if word.endswith("ies") else "") if w)


def org_name_ok(name: str, places: set[str], common: set[str], acronyms: bool = True) -> bool:
    """A name that can only be this body: an acronym of four or five letters the source gives in
    parentheses, or a phrase with an organisation word and a word that no English dictionary has (a
    name: "Abu Nidal Organization"); phrases of ordinary words ("Revolutionary Workers Council",
    "People's Command") describe many bodies."""
    if re.fullmatch(r"[A-Z]{4,5}", name):
        return acronyms and name.lower() not in common
    words = fold(name).split()
    if len(words) < 2 or len(words) > 8 or fold(name) in places or not all(NAME_WORD.match(w) for w in words):
        return False  # one word alone ("Al-Aqsa", "Al-Awlaki") is as often a place or a person
    if any(w in NOT_NAME_WORDS - ORG_WORDS - SMALL_WORDS for w in words):
        return False  # "UN Secretary General", "ASEAN defense ministers": an office or a description
    # a word counts by its parts: "anti-communist" and "people's" are made of dictionary words
    parts = [p for w in words for p in re.split(r"[-'.]", w) if len(p) > 1]
    rare = [p for p in parts if not in_dictionary(p, common) and p not in ORG_WORDS and p not in SMALL_WORDS
            and p not in places]
    return bool(rare) and any(w in ORG_WORDS for w in words)


def organization_rows(records_: list[dict], places: set[str], common: set[str], kind: str,
                      stats: dict) -> list[tuple]:
    """(name, aliases, kind, country, sector) of the records that are bodies."""
    out = []
    for rec in records_:
        codes = [p for p in (parse_code(c) for c in rec["codes"]) if p]
        if not codes or any(dated for *_, dated in codes):
            continue  # persons have dated roles; bodies do not
        code = codes[0][0]
        if kind == "organization":  # international organisations only (no companies, no NGOs)
            if not code.startswith("IGO"):
                continue
            country, sector = "IGO", "IGO"
        else:
            iso = CAMEO_TO_ISO3.get(code[:3], code[:3])
            country = iso if country_of(code)[0] and iso not in ("IGO",) else "-"
            sector = "REB"
        names: list[str] = []
        for raw in rec["names"]:
            name, acronyms = org_display(raw)
            for n in [name, *acronyms]:
                # an armed group's acronym is too often another body's ("ICAC"): IGOs' only
                if org_name_ok(n, places, common, acronyms=kind == "organization") \
                        and fold(n) not in {fold(x) for x in names}:
                    names.append(n)
        if not names:
            stats[f"{kind} records without a usable name"] += 1
            continue
        main = next((n for n in names if not n.isupper()), names[0])
        out.append((main, [n for n in names if n != main], kind, country, sector))
    return out


def convert_organizations(knowledge: Path) -> tuple[list[list[str]], dict]:
    """IGOs of the International file and armed groups of the MilNonState file (see the docstring)."""
    folder = knowledge / "petrarch2"
    stats: dict = defaultdict(int)
    places = place_names(records(folder / "Phoenix.Countries.actors.txt"))
    common = common_words(("noun", "verb", "adj", "adv"))  # an armed group's name needs a word no dictionary has
    # an intergovernmental body's formal name is its own even when made of ordinary words ("Caribbean Community")
    rows = organization_rows(records(folder / "Phoenix.International.actors.txt"), places, common_words(()),
                             "organization", stats)
    rows += organization_rows(records(folder / "Phoenix.MilNonState.actors.txt"), places, common, "group", stats)
    # a name two bodies of different countries share is ambiguous ("National Liberation Army")
    owners: dict[str, set] = defaultdict(set)
    for name, aliases, kind, country, sector in rows:
        for n in [name, *aliases]:
            owners[fold(n)].add((country, kind))
    ambiguous = {n for n, o in owners.items() if len(o) > 1}
    stats["organisation names dropped as ambiguous"] = len(ambiguous)
    merged: dict[str, list] = {}
    for name, aliases, kind, country, sector in rows:
        names = [n for n in [name, *aliases] if fold(n) not in ambiguous]
        if not names:
            continue
        main = next((n for n in names if not n.isupper()), names[0])
        same = next((merged[fold(n)] for n in names if fold(n) in merged), None)
        if same is None:
            same = merged[fold(main)] = [main, [], kind, country, sector]
        for n in names:
            if fold(n) != fold(same[0]) and fold(n) not in {fold(a) for a in same[1]}:
                same[1].append(n)
            merged.setdefault(fold(n), same)
    bodies = list({id(b): b for b in merged.values()}.values())
    out = [[b[0], "|".join(b[1]), b[2], b[3], b[4]] for b in sorted(bodies, key=lambda b: (fold(b[0]), b[0]))]
    stats["international organisations written"] = sum(1 for r in out if r[2] == "organization")
    stats["armed groups written"] = sum(1 for r in out if r[2] == "group")
    return out, dict(stats)


HEADER = f"""# Office holders from the Phoenix actor dictionaries, converted by scripts/convert_phoenix_actors.py
# (do not edit by hand: change the script and rerun it).
# Source: {SOURCE}, Phoenix.Countries.actors.txt and Phoenix.International.actors.txt.
# Licence of the source: MIT. Copyright (c) 2014 Open Event Data Alliance. Permission is hereby granted,
# free of charge, to any person obtaining a copy of this software and associated documentation files
# (the "Software"), to deal in the Software without restriction, including without limitation the rights
# to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
# permit persons to whom the Software is furnished to do so, subject to the following conditions: The
# above copyright notice and this permission notice shall be included in all copies or substantial
# portions of the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE
# AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR
# OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION
# WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
# Same columns as people.tsv. Roles only say what the CAMEO code says (Phoenix has no office names);
# roles the source left open end on {SOURCE_DATE.isoformat()}, the day it was generated (no role is claimed
# for them after it); "Political figure"
# rows (no sector, no dates) are persons the source codes as elite (ELI) only. Rows of the project's own
# people.tsv win for any person listed there too.
"""
COLUMNS = ["name", "aliases", "country", "sector", "role", "start", "end"]


def render(rows: list[list[str]], header: str = HEADER, columns: list[str] = COLUMNS) -> str:
    return header + "\t".join(columns) + "\n" + "".join("\t".join(r) + "\n" for r in rows)


LICENCE = HEADER[HEADER.index("# Licence"):HEADER.index("# Same columns")]
ORG_HEADER = f"""# International organisations and armed non-state groups from the Phoenix actor dictionaries, converted by
# scripts/convert_phoenix_actors.py (do not edit by hand: change the script and rerun it).
# Source: {SOURCE}, Phoenix.International.actors.txt (IGOs only) and Phoenix.MilNonState.actors.txt.
{LICENCE}# Same columns as organizations.tsv. Armed groups are kind "group", sector REB, with the country of their
# CAMEO code where it names one ("-" for regional and international groups). Rows of the project's own
# organizations.tsv win for any name listed there too.
"""
ORG_COLUMNS = ["name", "aliases", "kind", "country", "sector"]


def main(argv: list[str]) -> int:
    knowledge = Path(argv[0]) if argv else ROOT.parent / "shared" / "knowledge"
    rows, stats = convert(knowledge)
    OUT.write_text(render(rows), encoding="utf-8")
    orgs, org_stats = convert_organizations(knowledge)
    ORG_OUT.write_text(render(orgs, ORG_HEADER, ORG_COLUMNS), encoding="utf-8")
    for key, value in {**stats, **org_stats}.items():
        print(f"{key}: {value}")
    print(f"wrote {OUT.relative_to(ROOT)} and {ORG_OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
