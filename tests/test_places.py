"""The places stage: recognition, geocoding, context, datelines, adjectives, and its data."""

from __future__ import annotations

import csv
import json
import math
from importlib import resources
from pathlib import Path

import pycountry
import pytest

from dragoman.model import Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
#: Codes in use that ISO 3166 has not assigned (Kosovo's user-assigned code).
EXTRA_ISO3 = {"XKX"}


@pytest.fixture(scope="session")
def nlp_model():
    from dragoman import nlp

    return nlp.load()


@pytest.fixture(scope="session")
def places_stage():
    from dragoman import places

    return places.create(None)


def places_of(text, nlp_model, places_stage):
    doc = Document(id="t", text=text)
    places_stage(doc, nlp_model(text))
    for p in doc.places:
        assert doc.text[p.start:p.end] == p.text  # offsets are exact
    return doc.places


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def find(places, text):
    return next(p for p in places if p.text == text)


def test_city_in_prepositional_phrase(nlp_model, places_stage):
    found = places_of("The defence ministers held talks in Ankara on Tuesday.", nlp_model, places_stage)
    ankara = find(found, "Ankara")
    assert ankara.country == "TUR" and km(ankara.lat, ankara.lon, 39.92, 32.85) < 30


def test_same_named_city_chosen_by_article_country(nlp_model, places_stage):
    text = "A tornado tore through Paris, a small town in northeast Texas, late on Sunday."
    paris = find(places_of(text, nlp_model, places_stage), "Paris")
    assert paris.country == "USA" and km(paris.lat, paris.lon, 33.66, -95.55) < 50
    text = "French diplomats returned to Paris after the summit."
    assert find(places_of(text, nlp_model, places_stage), "Paris").country == "FRA"


def test_datelines(nlp_model, places_stage):
    kyiv = find(places_of("KYIV — Air defences were active across the city overnight.", nlp_model, places_stage), "KYIV")
    assert kyiv.country == "UKR" and km(kyiv.lat, kyiv.lon, 50.45, 30.52) < 30
    found = places_of("SEOUL, March 13 -- The two allies began their spring drills.", nlp_model, places_stage)
    assert find(found, "SEOUL").country == "KOR"


def test_adjectives_name_their_country(nlp_model, places_stage):
    found = places_of("Turkish officials met their Greek counterparts.", nlp_model, places_stage)
    assert find(found, "Turkish").country == "TUR"
    assert find(found, "Greek").country == "GRC"


def test_regions_seas_and_abbreviations(nlp_model, places_stage):
    text = "Warships crossed the Taiwan Strait while aid entered the Gaza Strip. Police in Paterson, N.J. said."
    found = places_of(text, nlp_model, places_stage)
    assert find(found, "Taiwan Strait").lat == pytest.approx(24.5, abs=1)
    assert find(found, "Gaza Strip").country == "PSE"
    assert find(found, "N.J.").name == "New Jersey"
    assert find(found, "Paterson").country == "USA"


def test_streets_are_placed_in_the_article_city(nlp_model, places_stage):
    text = "Police in Toronto closed Bloor Street after the crash. Toronto officials said the road reopened."
    street = find(places_of(text, nlp_model, places_stage), "Bloor Street")
    assert street.country == "CAN" and km(street.lat, street.lon, 43.7, -79.4) < 30


def _rows(name):
    # the country table is shared with the actors stage (data/countries.tsv)
    path = resources.files("dragoman") / "data" / ("" if name == "countries.tsv" else "places") / name
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _valid_iso3(code):
    return code in EXTRA_ISO3 or pycountry.countries.get(alpha_3=code) is not None


@pytest.mark.parametrize("name", ["countries.tsv", "regions.tsv"])
def test_data_files_are_valid(name):
    rows = _rows(name)
    assert rows
    seen = set()
    for row in rows:
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row
        code = row.get("iso3") or row.get("country")
        if code:
            assert _valid_iso3(code), row
        assert row["name"] not in seen, row["name"]
        seen.add(row["name"])


def test_every_sovereign_country_is_listed():
    listed = {row["iso3"] for row in _rows("countries.tsv")}
    un_members_sample = {"USA", "CHN", "IND", "BRA", "NGA", "TUR", "ISR", "UKR", "RUS", "IRN", "KOR", "PRK"}
    assert un_members_sample <= listed
    assert len(listed) >= 195


@pytest.mark.skipif(not SHARED.exists(), reason="../shared is not present")
def test_seed_article_places(nlp_model, places_stage):
    data = json.loads((SHARED / "corpus" / "dev" / "seed-ynet-gantz-ankara.json").read_text())
    found = places_of(data["gold"]["body"], nlp_model, places_stage)
    assert any(p.name == "Ankara" and p.country == "TUR" for p in found)


def test_headings_and_common_words_are_not_places(nlp_model, places_stage):
    text = "UPDATE: Police said the Mission would reopen.\nMuscat: The festival closed on a high note."
    found = places_of(text, nlp_model, places_stage)
    assert [p.text for p in found] == ["Muscat"]
    assert found[0].country == "OMN"


def test_list_of_towns_after_a_place(nlp_model, places_stage):
    found = places_of("The chain opened shops in Bratislava, Prešov and Košice.", nlp_model, places_stage)
    assert {p.text for p in found} >= {"Bratislava", "Košice"}
    assert all(p.country == "SVK" for p in found)


def test_city_index_is_cached_between_processes_and_rebuilt_when_bad(tmp_path, monkeypatch):
    """The city index is built once into the cache folder as an SQLite file; a later
    gazetteer reads the same index from it; a corrupt cache file is rebuilt, not trusted;
    without a writable folder the index is kept in memory, with the same answers."""
    from dragoman.places import gazetteer as gz

    monkeypatch.setenv("DRAGOMAN_CACHE_DIR", str(tmp_path))
    path = gz.city_index_cache()
    assert path is not None and path.parent == tmp_path
    first = gz.Gazetteer()
    assert first.cities("Ankara")[0].country == "TUR"
    assert path.exists()
    second = gz.Gazetteer()
    index = second._city_index().as_dict()
    assert index == first._city_index().as_dict() and len(index) > 10_000
    path.write_bytes(b"not a database file")
    third = gz.Gazetteer()
    assert third.cities("Ankara")[0].country == "TUR"
    assert gz.CityIndex(path).as_dict() == index  # rewritten
    in_memory = gz.CityIndex(None)
    assert in_memory.as_dict() == index
    words = {"ankara", "sao", "new", "zzzz"}
    assert in_memory.first_words(words) == third._city_index().first_words(words) == {"ankara", "sao", "new"}
    assert ("ankara" in in_memory) and ("ankara" in third._city_index()) and ("zzzz" not in in_memory)


# --- the map's country outlines (Natural Earth 1:110m, data/places/world_110m.json) ---

def _outlines() -> dict:
    return json.loads(resources.files("dragoman").joinpath("data/places/world_110m.json").read_text("utf-8"))


def test_world_outlines_file_is_natural_earth_with_iso3_and_closed_rings():
    data = _outlines()
    assert "Natural Earth" in data["source"] and data["license"] == "public domain"
    features = data["features"]
    assert len(features) >= 170
    codes = [f["properties"]["iso3"] for f in features]
    valid = [c for c in codes if c and (c in EXTRA_ISO3 or pycountry.countries.get(alpha_3=c))]
    assert len(valid) >= 170 and len(set(valid)) == len(valid)  # one outline per country
    assert {"TUR", "FRA", "NOR", "XKX", "USA", "CHN", "RUS", "GRL", "AUS", "ATA"} <= set(valid)  # -99 codes fixed
    for f in features:
        assert f["properties"]["name"] and f["geometry"]["type"] == "MultiPolygon"
        for polygon in f["geometry"]["coordinates"]:
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == ring[-1], f["properties"]["name"]
                for lon, lat in ring:
                    assert -180 <= lon <= 180 and -90 <= lat <= 90
                    assert round(lon, 2) == lon and round(lat, 2) == lat


def test_world_outlines_conversion_reproduces_the_committed_file(tmp_path):
    """Re-runs scripts/convert_natural_earth.py where pyshp is importable and the geopandas
    0.14.4 wheel is named by NATURAL_EARTH_WHEEL (the test never downloads it)."""
    import importlib.util
    import os

    pytest.importorskip("shapefile")
    wheel = os.environ.get("NATURAL_EARTH_WHEEL")
    if not wheel or not Path(wheel).exists():
        pytest.skip("NATURAL_EARTH_WHEEL does not name the geopandas 0.14.4 wheel")
    script = Path(__file__).resolve().parents[1] / "scripts" / "convert_natural_earth.py"
    spec = importlib.util.spec_from_file_location("convert_natural_earth", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "world.json"
    assert module.main([wheel, "--out", str(out)]) == 0
    committed = resources.files("dragoman").joinpath("data/places/world_110m.json").read_text("utf-8")
    assert out.read_text("utf-8") == committed


def test_a_seat_of_government_stands_for_its_capital_not_a_namesake_town(nlp_model, places_stage):
    """ "The White House said" is Washington, never White House, Tennessee (a town in the index)."""
    places = places_of("The White House said on Friday that it would send an envoy to the talks.",
                       nlp_model, places_stage)
    seat = find(places, "White House")
    assert seat.country == "USA" and seat.name == "Washington"
    assert km(seat.lat, seat.lon, 38.90, -77.04) < 20
