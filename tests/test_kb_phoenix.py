"""The office holders converted from the Phoenix dictionaries (issue 11): the committed file is valid and
is what the conversion script makes from ../shared; the KB takes them after its own tables; a Phoenix
role or surname counts only where the article's date allows it."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pycountry
import pytest

from dragoman.actors import create
from dragoman.actors.kb import (SECTORS, KnowledgeBase, builtin_files, phoenix_agents_file, phoenix_file,
                                phoenix_org_file, read_rows, validate_file)
from dragoman.model import Document
from dragoman.pipeline import CoderOptions

REPO = Path(__file__).resolve().parents[1]
KNOWLEDGE = REPO.parent / "shared" / "knowledge"
SOURCE_END = dt.date(2014, 1, 30)  # the source's date: no Phoenix role runs past it


def converter(name: str = "convert_phoenix_actors"):
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def kb():
    return KnowledgeBase.load()


@pytest.fixture(scope="module")
def stage():
    return create(CoderOptions())


def code(nlp, stage, text: str, published: str | None) -> Document:
    doc = Document(id="t", text=text, published=published)
    stage(doc, nlp(text))
    return doc


def person(doc: Document, name: str):
    return next((a for a in doc.actors if a.kind == "person" and name in a.name), None)


@pytest.mark.skipif(not (KNOWLEDGE / "petrarch2" / "Phoenix.Countries.actors.txt").exists(),
                    reason="../shared/knowledge is not present")
def test_the_committed_file_is_what_the_conversion_makes():
    module = converter()
    rows, stats = module.convert(KNOWLEDGE)
    assert module.render(rows) == phoenix_file().read_text(encoding="utf-8"), \
        "rerun: python scripts/convert_phoenix_actors.py"
    assert stats["people written"] > 15000
    orgs, _ = module.convert_organizations(KNOWLEDGE)
    assert module.render(orgs, module.ORG_HEADER, module.ORG_COLUMNS) == \
        phoenix_org_file().read_text(encoding="utf-8"), "rerun: python scripts/convert_phoenix_actors.py"


def valid_converted_file(path, table: str) -> list[dict]:
    """The rows of a file converted from the Phoenix dictionaries, after the checks every such
    file passes: the MIT notice and its authors in the header, the table, the validator."""
    header = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert any("MIT" in line for line in header) and any("Open Event Data Alliance" in line for line in header)
    found, rows = read_rows(path)
    assert found == table
    assert validate_file(path) == []
    return rows


def test_the_committed_file_is_valid():
    rows = valid_converted_file(phoenix_file(), "people")
    assert len(rows) > 20000
    iso3 = {c.alpha_3 for c in pycountry.countries} | {"XKX", "IGO"}
    for row in rows:
        assert len(row["name"].split()) >= 2, row
        assert row["country"] in iso3, row
        start = dt.date.fromisoformat(row["start"]) if row["start"] else None
        end = dt.date.fromisoformat(row["end"]) if row["end"] else None
        if row["role"] == "Political figure":  # elite (ELI) only: a country and nothing more
            assert (row["sector"], start, end) == ("", None, None), row
            continue
        assert row["sector"] in SECTORS, row
        assert end is not None and end <= SOURCE_END and (start is None or start <= end), row
        for alias in filter(None, row["aliases"].split("|")):
            assert alias.split()[0].lower() not in ("president", "mr", "mr.", "prime"), row


def test_the_committed_organisations_file_is_valid():
    path = phoenix_org_file()
    header = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert any("MIT" in line for line in header) and any("Open Event Data Alliance" in line for line in header)
    table, rows = read_rows(path)
    assert table == "organizations" and len(rows) > 200
    assert validate_file(path) == []
    for row in rows:
        assert (row["kind"], row["sector"]) in (("organization", "IGO"), ("group", "REB")), row
        assert (row["country"] == "IGO") == (row["kind"] == "organization"), row
        assert len(row["name"].split()) >= 2 or row["name"].isupper(), row


def test_phoenix_bodies_fill_gaps_only(kb):
    assert kb.org_names["caribbean community"].source == "phoenix"
    assert kb.org_names["tigray peoples liberation front"].country == "ETH"
    assert kb.org_names["hamas"].source is None  # the project's row wins
    assert kb.org_names["islamic state"].source is None


def test_a_regional_phoenix_group_takes_its_country_from_the_article(nlp, stage):
    doc = code(nlp, stage, "Ethiopian troops clashed with the Oromo Liberation Front near Addis Ababa.",
               "2016-09-03")
    olf = next(a for a in doc.actors if a.name == "Oromo Liberation Front")
    assert (olf.kind, olf.country, olf.sector) == ("group", "ETH", "REB")


def test_phoenix_offices_do_not_overlap_in_the_same_role(kb):
    for key in kb.phoenix:
        by_role = {}
        for office in kb.offices_of(key):
            by_role.setdefault((office.country, office.role), []).append(office)
        for same in by_role.values():
            same.sort(key=lambda o: o.start or dt.date.min)
            for a, b in zip(same, same[1:]):
                assert a.end is not None and b.start is not None and a.end <= b.start, a.name


def test_a_phoenix_person_takes_the_role_of_the_articles_date(kb):
    office, current = kb.office_on("Leonid Kuchma", dt.date(1998, 2, 27))
    assert (office.country, office.sector, office.role, office.source, current) == \
        ("UKR", "GOV", "Government official", "phoenix", True)
    office, current = kb.office_on("Leonid Kuchma", dt.date(2020, 1, 1))
    assert office.country == "UKR" and not current
    assert kb.office_on("Leonid Kuchma", None)[1] is False  # no date: a role ended by 2014 is not current
    assert kb.office_on("Leonid Kuchma", dt.date(1950, 1, 1)) is None  # before any role


def test_the_projects_own_rows_win(kb):
    assert "vladimir putin" not in kb.phoenix  # Phoenix lists him too
    office, current = kb.office_on("Vladimir Putin", dt.date(2022, 10, 27))
    assert (office.role, office.source, current) == ("President", None, True)
    assert kb.holder("Government official", "UKR", dt.date(2000, 1, 1)) is None  # Phoenix roles name no office


def test_names_that_mean_something_else_are_not_taken(kb):
    rows = [
        {"name": "Jordan Example", "aliases": "Jordan|Harris|Examplo", "country": "USA", "sector": "GOV",
         "role": "Government official", "start": "2001-01-01", "end": "2002-01-01"},
        {"name": "Vladimir Putin", "aliases": "", "country": "RUS", "sector": "GOV",
         "role": "Government official", "start": "2001-01-01", "end": "2002-01-01"},
        {"name": "Kabul", "aliases": "", "country": "AFG", "sector": "GOV",
         "role": "Government official", "start": "2001-01-01", "end": "2002-01-01"},
    ]
    people = {p[0]: p for p in kb.phoenix_people(rows)}
    assert list(people) == ["jordan example"]  # the project's Putin wins; a city is no person
    # a country's name and a built-in person's surname are not taken; an unused surname is
    assert people["jordan example"][2] == ("Examplo",)


def test_a_phoenix_surname_alone_needs_a_topical_date(nlp, stage):
    text = "Yanukovych said in Kyiv on Tuesday that he would not resign."
    then = person(code(nlp, stage, text, "2012-03-06"), "Yanukovych")
    assert (then.country, then.sector, then.role) == ("UKR", "GOV", "Government official")
    for published in ("2023-03-07", None):  # ten years after, or no date: likely someone else
        later = person(code(nlp, stage, text, published), "Yanukovych")
        assert later is None or (later.sector, later.role) == (None, None)


def test_a_full_name_gives_the_country_and_a_title_in_the_text_wins(nlp, stage):
    doc = code(nlp, stage, "Ukraine's Leonid Kuchma met reporters in a hotel. Later, President Leonid Kuchma left.",
               "1998-02-27")
    kuchma = person(doc, "Kuchma")
    assert (kuchma.country, kuchma.sector, kuchma.role) == ("UKR", "GOV", "President")
    later = person(code(nlp, stage, "Leonid Kuchma met Ukrainian reporters in a hotel.", "2020-05-05"), "Kuchma")
    assert (later.country, later.role) == ("UKR", "Former Government official")


def test_a_phoenix_person_needs_the_article_to_name_their_country(nlp, stage):
    # a namesake (a musician, a professor) rarely comes with the office holder's country
    doc = code(nlp, stage, "Leonid Kuchma met reporters in a hotel on Tuesday.", "1998-02-27")
    kuchma = person(doc, "Kuchma")
    assert kuchma is None or (kuchma.country, kuchma.sector, kuchma.role) == (None, None, None)


def test_a_role_the_source_left_open_is_not_claimed_after_its_date(kb, nlp, stage):
    office, current = kb.office_on("Ivo Josipovic", dt.date(2020, 1, 1))
    assert office.open_end and not current  # in office when the source was made; nothing known after
    text = "Ivo Josipovic met reporters in a hotel in Croatia."
    josipovic = person(code(nlp, stage, text, "2020-05-05"), "Josipovic")
    assert (josipovic.country, josipovic.sector, josipovic.role) == ("HRV", "GOV", None)
    assert person(code(nlp, stage, text, "2013-05-05"), "Josipovic").role == "Government official"


def test_the_filtered_people_are_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAGOMAN_CACHE_DIR", str(tmp_path))
    first = KnowledgeBase.load()
    cached = list(tmp_path.glob("phoenix-people-*.marshal"))
    assert len(cached) == 1
    assert KnowledgeBase.load().phoenix == first.phoenix
    cached[0].write_bytes(b"not marshal")  # unreadable: rebuilt
    assert KnowledgeBase.load().phoenix == first.phoenix


# --- agent words (Phoenix.agents.txt -> phoenix_agents.tsv) ---

@pytest.mark.skipif(not (KNOWLEDGE / "petrarch2" / "Phoenix.agents.txt").exists(),
                    reason="../shared/knowledge is not present")
def test_the_committed_agent_words_are_what_the_conversion_makes():
    module = converter("convert_phoenix_agents")
    rows, stats = module.convert(KNOWLEDGE)
    assert module.render(rows) == phoenix_agents_file().read_text(encoding="utf-8"), \
        "rerun: python scripts/convert_phoenix_agents.py"
    assert stats["written"] > 1500


def test_the_committed_agent_words_are_valid():
    rows = valid_converted_file(phoenix_agents_file(), "titles")
    assert len(rows) > 1500
    own = {row["phrase"] for row in read_rows(builtin_files()["titles"])[1]}
    phrases = [row["phrase"] for row in rows]
    assert len(phrases) == len(set(phrases))
    for row in rows:
        assert row["phrase"] not in own, row  # one home: titles.tsv wins and is not repeated
        assert row["phrase"] == row["phrase"].lower().strip() and row["phrase"].isascii(), row
        assert not any(ch.isdigit() for ch in row["phrase"]), row
        assert row["kind"] in ("person", "group", "organization"), row
        assert row["sector"] in SECTORS, row
        assert (row["role"] != "-") == (row["kind"] == "person"), row
        assert row["body"] == "-", row
    by_phrase = {row["phrase"]: row for row in rows}
    assert (by_phrase["smugglers"]["kind"], by_phrase["smugglers"]["sector"]) == ("group", "REB")  # CRM
    assert (by_phrase["mourners"]["kind"], by_phrase["mourners"]["sector"]) == ("group", "CVL")
    assert (by_phrase["gunman"]["kind"], by_phrase["gunman"]["sector"]) == ("person", "REB")  # UAF
    assert by_phrase["burglar"]["sector"] == "CVL"  # crime outside any organisation
    assert by_phrase["protester"]["sector"] == "CVL"  # titles.tsv's sector for "protesters" wins
    for left_out in ("security officials", "governments", "christian", "authority", "aircraft carrier"):
        assert left_out not in by_phrase


def test_the_kb_reads_the_agent_words_after_its_own_titles(kb):
    assert kb.titles["mourners"].source == "phoenix"
    assert kb.titles["protesters"].source is None and kb.titles["protesters"].sector == "CVL"
    assert kb.titles["officials"].kind == "anonymous"


def test_a_users_titles_override_the_agent_words(tmp_path):
    user = tmp_path / "titles.tsv"
    user.write_text("phrase\tkind\tsector\trole\tbody\nmourners\tgroup\tREL\t-\t-\n", encoding="utf-8")
    kb = KnowledgeBase.load([str(user)])
    assert (kb.titles["mourners"].sector, kb.titles["mourners"].source) == ("REL", None)
