"""The actor knowledge base: every data file is valid, and lookups behave."""

from __future__ import annotations

import datetime as dt

import pycountry
import pytest
from typer.testing import CliRunner

from dragoman.actors.kb import EXTRA_ISO3, SECTORS, KnowledgeBase, builtin_files, read_rows, validate_file


@pytest.fixture(scope="module")
def kb():
    return KnowledgeBase.load()


@pytest.mark.parametrize("table", ["countries", "titles", "organizations", "people", "cities"])
def test_builtin_file_is_valid(table):
    path = builtin_files()[table]
    found, rows = read_rows(path)
    assert found == table and rows
    assert validate_file(path) == []


def test_every_country_row_has_a_valid_iso3_and_adjective():
    _, rows = read_rows(builtin_files()["countries"])
    assert len(rows) >= 190
    for row in rows:
        assert row["iso3"] == "XKX" or pycountry.countries.get(alpha_3=row["iso3"]), row["iso3"]
        assert row["name"]
    assert len({r["iso3"] for r in rows}) == len(rows)
    with_adjective = [r for r in rows if r["adjectives"]]
    assert len(with_adjective) >= 180


def test_people_dates_parse_and_are_ordered():
    _, rows = read_rows(builtin_files()["people"])
    assert len(rows) >= 300
    for row in rows:
        start = dt.date.fromisoformat(row["start"])
        end = dt.date.fromisoformat(row["end"]) if row["end"] else None
        assert end is None or start <= end, row["name"]
        assert row["sector"] in SECTORS
        assert row["country"] in ("IGO", *EXTRA_ISO3) or pycountry.countries.get(alpha_3=row["country"])


def test_a_persons_offices_do_not_overlap_in_the_same_role():
    kb = KnowledgeBase.load()
    for offices in kb.offices.values():
        by_role = {}
        for o in offices:
            by_role.setdefault(o.role, []).append(o)
        for same in by_role.values():
            same.sort(key=lambda o: o.start)
            for a, b in zip(same, same[1:]):
                assert a.end is not None and a.end <= b.start, a.name


def test_sectors_of_titles_and_organisations_are_valid():
    for table in ("titles", "organizations"):
        for row in read_rows(builtin_files()[table])[1]:
            assert row["sector"] in SECTORS or row["sector"] == "-", row


def test_lookups(kb):
    assert kb.country_of("Turkish") == "TUR"
    assert kb.country_of("Israelis") == "ISR"
    assert kb.country_of("U.S.") == "USA"
    assert kb.country_metonyms["kremlin"] == "RUS"
    assert kb.country_capitals["ankara"] == "TUR"
    office, current = kb.office_on("Erdogan", dt.date(2022, 10, 27))
    assert (office.country, office.sector, office.role, current) == ("TUR", "GOV", "President", True)
    assert kb.office_on("Erdogan", dt.date(2010, 1, 1))[0].role == "Prime Minister"
    assert kb.office_on("Liberman", dt.date(2017, 1, 1))[0].role == "Defense Minister"
    assert kb.office_on("Liberman", dt.date(2022, 10, 27))[0].role == "Finance Minister"
    office, current = kb.office_on("Ehud Barak", dt.date(2022, 10, 27))
    assert office.role == "Defense Minister" and not current
    assert kb.holder("President", "TUR", dt.date(2022, 1, 1)).name == "Recep Tayyip Erdogan"
    assert kb.org_names["nato"].country == "IGO"
    assert kb.cities["odesa"] == "UKR" and kb.cities["mashhad"] == "IRN"


def test_user_file_overrides_a_person(tmp_path):
    user = tmp_path / "mine.tsv"
    user.write_text("# my corrections\nname\taliases\tcountry\tsector\trole\tstart\tend\n"
                    "Benny Gantz\tGantz\tISR\tOPP\tOpposition Leader\t2023-01-01\t\n", encoding="utf-8")
    kb = KnowledgeBase.load([str(user)])
    office, current = kb.office_on("Gantz", dt.date(2023, 6, 1))
    assert office.role == "Opposition Leader" and current


def test_bad_user_file_is_reported(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("name\taliases\tcountry\tsector\trole\tstart\tend\n"
                   "Someone\t\tXXX\tBOSS\tChief\t2020-05-01\t2019-01-01\n", encoding="utf-8")
    problems = validate_file(bad)
    assert any("XXX" in p for p in problems)
    assert any("BOSS" in p for p in problems)
    assert any("before it starts" in p for p in problems)
    unknown = tmp_path / "unknown.tsv"
    unknown.write_text("a\tb\n1\t2\n", encoding="utf-8")
    assert validate_file(unknown)
    with pytest.raises(ValueError):
        KnowledgeBase.load([str(unknown)])


def test_kb_commands(tmp_path):
    from dragoman.cli import app

    runner = CliRunner()
    assert runner.invoke(app, ["kb", "check"]).exit_code == 0
    target = tmp_path / "people.tsv"
    result = runner.invoke(app, ["kb", "add-person", "Jane Example", "--country", "ISR", "--role",
                                 "Foreign Minister", "--start", "2030-01-01", "--aliases", "Example",
                                 "--file", str(target)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["kb", "lookup", "Example", "--date", "2031-01-01", "--kb", str(target)])
    assert result.exit_code == 0 and "Foreign Minister" in result.output
    assert runner.invoke(app, ["kb", "add-person", "X", "--country", "ISR", "--role", "R", "--sector", "BOSS",
                               "--file", str(target)]).exit_code != 0
    assert runner.invoke(app, ["kb", "lookup", "Nobody Atall"]).exit_code == 1


def test_international_words_load(kb):
    assert "international" in kb.international_words
    assert "asia-pacific" in kb.international_words


def test_regional_words_and_igo_anaphors_load(kb):
    assert "west african" in kb.regional_words and "gulf" in kb.regional_words
    # longest first, so that a longer regional phrase wins
    assert kb.regional_words.index("west african") < kb.regional_words.index("african")
    assert {"bloc", "alliance"} <= kb.igo_anaphors
    # a regional adjective that is also a country's adjective would hide that country
    assert not [w for w in kb.regional_words if w in kb.country_adjectives]


def test_compass_words_have_every_candidate(kb):
    assert {"KOR", "SSD"} <= set(kb.context_candidates["south"])
    assert {"PRK", "SDN"} <= set(kb.context_candidates["north"])


# --- the one country table (data/countries.tsv), shared with the places stage (issue 11) ---

#: Keys that deliberately name two countries (none today: "Congo" is COD, "Dominican" DOM).
#: context_aliases ("the North", "the South") are shared on purpose and are not keys here.
SHARED_COUNTRY_KEYS: dict[str, set[str]] = {}


def _country_rows():
    table, rows = read_rows(builtin_files()["countries"])
    assert table == "countries"
    return rows


def test_country_table_is_the_one_both_stages_read():
    from importlib import resources

    data = resources.files("dragoman") / "data"
    assert builtin_files()["countries"].name == "countries.tsv"
    assert builtin_files()["countries"].parent.name == "data"
    assert not (data / "actors" / "countries.tsv").is_file() and not (data / "places" / "countries.tsv").is_file()
    header = [line for line in (data / "countries.tsv").read_text(encoding="utf-8").splitlines()
              if not line.startswith("#")][0].split("\t")
    assert header[:8] == ["iso3", "name", "lat", "lon", "aliases", "adjectives", "capitals", "metonyms"]


def test_country_table_codes_points_and_unique_keys():
    from dragoman.actors.kb import fold, split_list

    rows = _country_rows()
    assert len({r["iso3"] for r in rows}) == len(rows) >= 200
    owners: dict[str, set[str]] = {}
    for row in rows:
        assert row["iso3"] == "XKX" or pycountry.countries.get(alpha_3=row["iso3"]), row["iso3"]
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row["iso3"]
        for entry in [row["name"], *split_list(row["aliases"]), *split_list(row["adjectives"])]:
            # the stricter of the two stages' keys: the gazetteer also ignores full stops
            owners.setdefault(fold(entry).replace(".", "").removeprefix("the "), set()).add(row["iso3"])
    clashes = {k: v for k, v in owners.items() if len(v) > 1 and SHARED_COUNTRY_KEYS.get(k) != v}
    assert clashes == {}


def test_actors_and_gazetteer_agree_on_every_adjective_and_name(kb):
    from dragoman.actors.kb import split_list
    from dragoman.places.gazetteer import Gazetteer

    gazetteer = Gazetteer()
    disagree = []
    for row in _country_rows():
        for entry in [*split_list(row["adjectives"]), row["name"], *split_list(row["aliases"])]:
            # the countries of its places ("English" is England, GBR; "Central African" also the
            # region Central Africa, which has no country)
            places = {e.country for e in gazetteer.places(entry) if e.country}
            if kb.country_of(entry) != row["iso3"] or places != {row["iso3"]}:
                disagree.append((entry, row["iso3"], kb.country_of(entry), places))
    # Georgia is also a US state in the gazetteer's regions: the only name two places share
    assert disagree == [("Georgia", "GEO", "GEO", {"GEO", "USA"})]
    assert {c: e.country for c, e in gazetteer.country_by_iso3.items()} == {c: c for c in kb.countries}


def test_shared_country_table_fixes(kb):
    assert kb.country_of("Dominican") == "DOM" and kb.country_of("Congolese") == "COD"
    assert kb.country_of("Congo") == "COD" and kb.country_of("Congo-Brazzaville") == "COG"
    assert kb.country_of("Kosovo") == "XKX" and kb.country_of("Czechia") == "CZE"
    assert kb.country_of("Finn") is None and kb.country_of("Soviet") is None


def test_user_country_file_keeps_working(tmp_path):
    user = tmp_path / "countries.tsv"
    user.write_text("iso3\tname\taliases\tadjectives\tcapitals\tmetonyms\n"
                    "TUR\tTürkiye\tTurkey\tTurkish|Turks\tAnkara\tBeştepe\n", encoding="utf-8")
    assert read_rows(user)[0] == "countries" and validate_file(user) == []
    kb = KnowledgeBase.load([str(user)])
    assert kb.country_name("TUR") == "Türkiye" and kb.country_of("Turkey") == "TUR"
    assert kb.country_metonyms["bestepe"] == "TUR"
    assert kb.country_of("Israelis") == "ISR"  # the built-in table is still there


def test_a_role_several_people_hold_at_once_has_no_single_holder():
    """ "the senator" is whoever the article names; a table of 100 senators must not pick one."""
    import datetime as dt

    from dragoman.actors.kb import KnowledgeBase

    kb = KnowledgeBase()
    row = {"aliases": "", "country": "ZZZ", "sector": "LEG", "end": ""}
    kb.add_rows("people", [
        {**row, "name": "Ana Quill", "role": "Senator", "start": "2015-01-03"},
        {**row, "name": "Boris Vell", "role": "Senator", "start": "2017-01-03"},
        {**row, "name": "Cora Dune", "role": "Speaker", "start": "2015-01-03", "end": "2019-01-03"},
        # a handover the table dates loosely: a week of overlap is no shared office
        {**row, "name": "Dev Marr", "role": "Speaker", "start": "2018-12-27"},
    ])
    kb.index()
    day = dt.date(2020, 6, 1)
    assert kb.holder("Senator", "ZZZ", day) is None
    assert kb.holder("Speaker", "ZZZ", day).name == "Dev Marr"
    assert kb.holder("Speaker", "ZZZ", dt.date(2016, 1, 1)).name == "Cora Dune"


def test_given_names_file_is_valid():
    import csv

    from dragoman.actors.kb import builtin_files

    path = builtin_files()["titles"].parent / "given_names.tsv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(rows) > 1000 and set(rows[0]) == {"name", "gender"}
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names)), "duplicate name"
    assert {r["gender"] for r in rows} == {"m", "f"}
    assert all(n and n == n.strip() and n[0].isupper() for n in names)
