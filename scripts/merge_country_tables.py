"""Merge the two country tables into the one that actors and places both read (issue 11).

Until now there were two copies that had drifted apart:
  src/dragoman/data/actors/countries.tsv   iso3, name, aliases, adjectives, capitals, metonyms, context_aliases
  src/dragoman/data/places/countries.tsv   iso3, name, lat, lon, aliases, adjectives
This script wrote the single table that replaced them:
  src/dragoman/data/countries.tsv          iso3, name, lat, lon, aliases, adjectives, capitals, metonyms,
                                           context_aliases

Rules, each disagreement printed as it is resolved:
  * rows: the union of both files (the places copy also had 13 territories and Kosovo);
  * lat/lon from the places copy; capitals, metonyms, context_aliases from the actors copy;
  * name: the actors copy's (the form news writes most), the other becomes an alias;
  * aliases and adjectives: the union (order: actors first; duplicates compared folded,
    so "the Bahamas"/"The Bahamas" and straight/curly apostrophes are one), except
    the entries in DROP, which are plainly wrong (an ambiguous key that would name a
    second country, or an ordinary word or name that would create false matches),
    and the entries in MOVE, which belong in the other list;
  * every name/alias/adjective key must then name one country only (checked at the end).

The two old files are gone from the repository; to rerun the merge, point the
script at them (e.g. from git history):

    git show 00e016b:src/dragoman/data/actors/countries.tsv > /tmp/actors.tsv
    git show 00e016b:src/dragoman/data/places/countries.tsv > /tmp/places.tsv
    python scripts/merge_country_tables.py /tmp/actors.tsv /tmp/places.tsv [OUT]

(OUT defaults to src/dragoman/data/countries.tsv.)
"""

from __future__ import annotations

import csv
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dragoman" / "data" / "countries.tsv"
COLUMNS = ["iso3", "name", "lat", "lon", "aliases", "adjectives", "capitals", "metonyms", "context_aliases"]

#: (iso3, column, entry) → why it is left out although one copy had it.
DROP = {
    ("COG", "aliases", "Congo"): "ambiguous: bare 'Congo' is kept for COD (the DR Congo, far more often meant); "
                                 "COG keeps Congo-Brazzaville / Republic of Congo",
    ("COG", "adjectives", "Congolese"): "ambiguous: kept for COD only (the actors copy gave it to COG, the first row)",
    ("DMA", "adjectives", "Dominican"): "names another country: 'Dominican' is read as the Dominican Republic "
                                        "(the actors copy coded it as Dominica)",
    ("USA", "aliases", "the States"): "ordinary words: matches 'States' in 'Member States', 'Gulf States'",
    ("RUS", "adjectives", "Soviet"): "names another (historical) state, and 'former Soviet republic', "
                                     "'Soviet-era' would make other countries' actors Russian",
    ("NZL", "adjectives", "Kiwi"): "ordinary English word (the fruit, the bird)",
    ("FIN", "adjectives", "Finn"): "a common given name: a person 'Finn …' would become Finnish",
}
#: (iso3, entry) → (from column, to column, why).
MOVE = {
    ("SAU", "Saudi"): ("aliases", "adjectives", "a demonym/adjective ('Saudi officials'), as the actors copy had it"),
}


def fold(text: str, dots: bool = True) -> str:
    """The actors stage's key (lower case, no accents, straight quotes, no leading "the");
    ``dots=False``: also without full stops, as the gazetteer compares names ("U.S." = "US")."""
    text = text.replace("’", "'").replace("‘", "'")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = " ".join(text.lower().split())
    if not dots:
        text = text.replace(".", "")
    return text.removeprefix("the ")


def split(cell: str | None) -> list[str]:
    return [x.strip() for x in (cell or "").split("|") if x.strip()]


def read(path: Path) -> dict[str, dict]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return {row["iso3"]: row for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)}


def union(iso3: str, column: str, first: list[str], second: list[str], report: list[str],
          ignore: frozenset = frozenset()) -> list[str]:
    """The union of two lists (``ignore``: folded keys not worth reporting, the row's names)."""
    out: list[str] = []
    seen: set[str] = set()
    for entry in [*first, *second]:
        if (iso3, column, entry) in DROP:
            report.append(f"DROP   {iso3} {column}: {entry!r} — {DROP[(iso3, column, entry)]}")
            continue
        if fold(entry) in seen:
            continue
        seen.add(fold(entry))
        out.append(entry)
    kept = lambda xs, ys: [x for x in xs if (iso3, column, x) not in DROP  # noqa: E731
                           and fold(x) not in {fold(y) for y in ys} | ignore]
    only_first, only_second = kept(first, second), kept(second, first)
    if only_first or only_second:
        report.append(f"UNION  {iso3} {column}: actors-only {only_first} + places-only {only_second}")
    return out


def merge(actors: dict[str, dict], places: dict[str, dict], report: list[str]) -> list[dict]:
    rows = []
    for iso3 in sorted(set(actors) | set(places), key=lambda k: (actors.get(k) or places[k])["name"]):
        a, p = actors.get(iso3), places.get(iso3)
        if p is None:
            raise SystemExit(f"{iso3}: no centre point (only in the actors copy)")
        if a is None:
            report.append(f"ADD    {iso3} {p['name']}: only in the places copy (no capitals/metonyms yet)")
            a = {"name": p["name"]}
        log = report if iso3 in actors else []  # a row only one copy had: nothing to reconcile
        name = a["name"]
        a_aliases, p_aliases = split(a.get("aliases")), split(p.get("aliases"))
        a_adjs, p_adjs = split(a.get("adjectives")), split(p.get("adjectives"))
        if p["name"] != name:
            report.append(f"NAME   {iso3}: {name!r} (actors) kept, {p['name']!r} (places) becomes an alias")
            p_aliases = [p["name"], *p_aliases]
        for (code, entry), (src, dst, why) in MOVE.items():
            if code != iso3:
                continue
            lists = {"aliases": (a_aliases, p_aliases), "adjectives": (a_adjs, p_adjs)}
            for lst in lists[src]:
                if entry in lst:
                    lst.remove(entry)
                    if entry not in lists[dst][0]:
                        lists[dst][0].append(entry)
            report.append(f"MOVE   {iso3} {entry!r}: {src} → {dst} — {why}")
        names = frozenset({fold(name), fold(p["name"])})
        aliases = [x for x in union(iso3, "aliases", a_aliases, p_aliases, log, names) if fold(x) != fold(name)]
        adjectives = union(iso3, "adjectives", a_adjs, p_adjs, log)
        rows.append({"iso3": iso3, "name": name, "lat": p["lat"], "lon": p["lon"],
                     "aliases": "|".join(aliases), "adjectives": "|".join(adjectives),
                     "capitals": a.get("capitals", ""), "metonyms": a.get("metonyms", ""),
                     "context_aliases": a.get("context_aliases", "")})
    return rows


def check_unique(rows: list[dict]) -> list[str]:
    """Keys (name, alias, adjective) that name more than one country."""
    owners: dict[str, set[str]] = {}
    for row in rows:
        for entry in [row["name"], *split(row["aliases"]), *split(row["adjectives"])]:
            owners.setdefault(fold(entry, dots=False), set()).add(row["iso3"])
    return [f"{key!r}: {sorted(codes)}" for key, codes in sorted(owners.items()) if len(codes) > 1]


HEADER = """\
# Countries and territories: the one table both the actors stage (dragoman.actors.kb) and the
# places stage (dragoman.places.gazetteer) read. Written by scripts/merge_country_tables.py from
# the two copies they had before (issue 11); edit this file directly from now on.
# Columns (lists inside a cell are separated by "|"; an empty cell means none):
#   iso3             ISO 3166-1 alpha-3 (XKX: Kosovo's user-assigned code)
#   name             English short name, the one output uses
#   lat, lon         a representative centre point (the country-level point gazetteers such as GeoNames use)
#   aliases          other names of the country ("U.S.", "Holland"); actors: country mentions; places: country
#                    (an alias that data/places/regions.tsv lists as a part of the same country, "England",
#                    "Gaza Strip", is left to that region in the gazetteer)
#   adjectives       adjectives and demonyms ("Turkish", "Turks"); actors: country of the next title or
#                    noun; places: the country, flagged as reached through an adjective
#   capitals         capitals; actors only: coded as mentions of the country (places take cities from GeoNames)
#   metonyms         names that stand for the government ("the Kremlin", "White House"); actors only
#   context_aliases  names that mean the country only in an article that also names it ("the North");
#                    several countries may share one; actors only
# No name, alias or adjective names two countries (tests/test_kb.py checks it).
"""


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    actors, places = read(Path(argv[0])), read(Path(argv[1]))
    out = Path(argv[2]) if len(argv) > 2 else OUT
    report: list[str] = []
    rows = merge(actors, places, report)
    clashes = check_unique(rows)
    with open(out, "w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        handle.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            handle.write("\t".join(row[c] for c in COLUMNS) + "\n")
    for line in report:
        print(line)
    kinds = {k: sum(1 for line in report if line.startswith(k)) for k in ("ADD", "NAME", "UNION", "DROP", "MOVE")}
    adj = len({line.split()[1] for line in report if line.startswith(("UNION", "DROP", "MOVE")) and " adjectives" in line
               and line.split()[1] in actors and line.split()[1] in places})
    print(f"\n{len(rows)} rows written to {out}: {kinds['ADD']} added from the places copy, "
          f"{kinds['NAME']} names settled, {kinds['UNION']} lists unioned ({adj} of the two copies' adjective lists disagreed), "
          f"{kinds['DROP']} entries dropped, {kinds['MOVE']} moved")
    if clashes:
        print("keys naming two countries:\n  " + "\n  ".join(clashes))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
