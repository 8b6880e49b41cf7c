"""The explorer's JSON API and pages over a small hand-written store (FastAPI TestClient).

The store is built by dragoman.serve.sample straight into the schema, so these
tests do not depend on how well the coder codes.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

import duckdb
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from dragoman.serve import highlight, svg
from dragoman.serve.app import create_app
from dragoman.serve.sample import ARTICLES, build_sample_db
from map_store import CIRCLE, MAP_ARTICLES, inside, outlines

fastapi_testclient = pytest.importorskip("fastapi.testclient")


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    return build_sample_db(tmp_path_factory.mktemp("serve") / "sample.duckdb")


@pytest.fixture(scope="module")
def app(db_path):
    return create_app(db_path)


@pytest.fixture(scope="module")
def client(app):
    with fastapi_testclient.TestClient(app, raise_server_exceptions=False) as c:
        yield c


#: Every report of every status: what the filters below are counted over.
ALL = {"status": "all", "reports": "true"}


def total(client, **params) -> int:
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    return r.json()["total"]


# --- /api/events ---

def test_events_lists_every_event_with_counts(client):
    body = client.get("/api/events", params=ALL).json()
    assert body["total"] == sum(len(a["events"]) for a in ARTICLES) == 9
    assert body["counts"]["type"]["CONSULT"] == 3
    assert body["counts"]["status"]["future"] == 2
    e = body["events"][0]
    assert {"article_id", "id", "type", "actors", "recipients", "evidence", "actor_names", "status"} <= set(e)


def test_default_is_asserted_events_each_counted_once(client):
    """What did not happen is not counted unless asked; two reports of one meeting count once."""
    body = client.get("/api/events", params={"per_page": 500}).json()
    assert body["total"] == 5 and {e["status"] for e in body["events"]} == {"asserted"}
    assert body["counts"]["status"] == {"asserted": 5, "future": 2, "hypothetical": 1}  # every status, to pick
    assert total(client, reports="true") == 6
    assert total(client, status="asserted,future") == 7
    assert total(client, status="future, ASSERTED") == 7  # any order, any case
    assert total(client, status="all") == 8
    assert total(client, status="hypothetical") == 1
    assert total(client, type="consult") == 2  # a type in any case


@pytest.mark.parametrize("params, expected", [
    ({"type": "CONSULT"}, 3),
    ({"actor": "ISR"}, 3),            # country code gathers Israel, Eli Cohen, the Israeli military
    ({"actor": "TURGOV"}, 3),         # CAMEO code
    ({"actor": "eli cohen"}, 2),      # name, any case
    ({"recipient": "ISR"}, 4),
    ({"actor": "TUR", "recipient": "ISR"}, 4),
    ({"country": "tur"}, 3),          # the event's location
    ({"since": "2023-06-01"}, 5),
    ({"since": "2023-03-01", "until": "2023-03-31"}, 4),
    ({"status": "hypothetical"}, 1),
    ({"quad_class": 3}, 2),
    ({"q": "DRONES"}, 1),             # text search, any case
    ({"q": "ankara"}, 7),             # matches article titles too
    ({"place": "ankara"}, 2),
    ({"reports": "false"}, 8),        # the two reports of the Ankara meeting are one cluster
    ({"reports": "false", "type": "CONSULT"}, 2),
    ({"type": "", "actor": "  "}, 9),  # blank form fields mean "any"
])
def test_event_filters(client, params, expected):
    assert total(client, **{**ALL, **params}) == expected


def test_user_text_is_never_sql(client):
    assert total(client, actor="x' OR 1=1 --") == 0
    assert total(client, q="%") == 0
    assert total(client, q="_") == 0
    assert total(client, q="'; DROP TABLE events; --") == 0
    assert total(client, **ALL) == 9


def test_sorting_and_paging(client):
    events = client.get("/api/events", params={"sort": "goldstein", "order": "asc", **ALL}).json()["events"]
    scores = [e["goldstein"] for e in events]
    assert scores == sorted(scores)
    first = client.get("/api/events", params={"per_page": 3, "page": 1, **ALL}).json()
    last = client.get("/api/events", params={"per_page": 3, "page": 3, **ALL}).json()
    assert first["pages"] == 3 and len(first["events"]) == 3 and len(last["events"]) == 3
    beyond = client.get("/api/events", params={"per_page": 3, "page": 99, **ALL}).json()
    assert beyond["events"] == [] and beyond["total"] == 9
    keys = {(e["article_id"], e["id"]) for p in (1, 2, 3)
            for e in client.get("/api/events", params={"per_page": 3, "page": p, **ALL}).json()["events"]}
    assert len(keys) == 9


@pytest.mark.parametrize("path, params", [
    ("/api/events", {"type": "MEET"}),
    ("/api/events", {"status": "asserted,rumoured"}),
    ("/api/events", {"status": "any"}),
    ("/api/dyads", {"a": "ISR", "b": "TUR", "status": "bogus"}),
    ("/api/events", {"since": "2023-13-01"}),
    ("/api/events", {"since": "1687000000"}),
    ("/api/events", {"until": "yesterday"}),
    ("/api/events", {"status": "rumoured"}),
    ("/api/events", {"quad_class": 5}),
    ("/api/events", {"quad_class": "two"}),
    ("/api/events", {"country": "TURK"}),
    ("/api/events", {"page": 0}),
    ("/api/events", {"per_page": 501}),
    ("/api/events", {"sort": "evidence_text; DROP TABLE events"}),
    ("/api/events", {"order": "up"}),
    ("/api/events", {"actor": "x" * 500}),
    ("/api/events", {"actor": "bad\x00key"}),
    ("/api/dyads", {"a": "ISR"}),
    ("/api/dyads", {"b": "TUR"}),
    ("/api/dyads", {"a": "ISR", "b": "TUR", "freq": "hour"}),
    ("/api/dyads", {"a": "ISR", "b": "TUR", "per_period": -1}),
    ("/events", {"type": "MEET"}),
    ("/events", {"page": -1}),
    ("/map", {"since": "2023-02-30"}),
    ("/dyad", {"a": "ISR", "b": "TUR", "freq": "decade"}),
])
def test_bad_parameters_are_422(client, path, params):
    r = client.get(path, params=params)
    assert r.status_code == 422, (path, params, r.status_code, r.text[:300])


# --- /api/articles, /api/actors, /api/dyads ---

def test_article_is_the_stored_record(client):
    doc = client.get("/api/articles/sample-ankara-energy").json()
    assert doc["title"].startswith("Turkish and Israeli ministers")
    text = doc["text"]
    assert [e["id"] for e in doc["events"]] == ["e1", "e2", "e3"]
    for e in doc["events"]:
        ev = e["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["text"]
    for q in doc["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]
    for a in doc["actors"]:
        for m in a["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    assert doc["media"][0]["credit"] == "Sample Photo Desk"
    assert {r["reason"] for r in doc["removed"]} == {"caption", "boilerplate"}


def test_unknown_ids_are_404(client):
    assert client.get("/api/articles/no-such-article").status_code == 404
    assert client.get("/api/actors/NOBODY").status_code == 404
    assert client.get("/articles/no-such-article").status_code == 404
    assert client.get("/actors/NOBODY").status_code == 404
    assert client.get("/api/no-such-endpoint").status_code == 404


def test_actor_by_country_code_and_by_name(client):
    isr = client.get("/api/actors/ISR").json()
    assert {m["name"] for m in isr["matches"]} == {"Israel", "Eli Cohen", "Israeli military"}
    assert isr["events_as_actor_total"] == 1 and isr["events_as_recipient_total"] == 2  # asserted events
    partners = {p["name"]: p for p in isr["partners"]}
    assert partners["Turkey"]["tone"] < 0 < partners["Mevlut Cavusoglu"]["tone"]
    xi = client.get("/api/actors/" + quote("Xi Jinping")).json()
    assert xi["quotes"][0]["text"].startswith("the two sides")
    assert [p["name"] for p in xi["partners"]] == ["Antony Blinken"]


def test_dyad_default_is_asserted_events_each_counted_once(client):
    body = client.get("/api/dyads", params={"a": "ISR", "b": "TUR"}).json()
    assert [(b["period"], b["events"]) for b in body["buckets"]] == [("2023-03-01", 1), ("2023-06-01", 2)]
    june = body["buckets"][1]
    assert june["quad_counts"] == {"1": 0, "2": 0, "3": 2, "4": 0} and june["goldstein_sum"] == -6.0


def test_dyad_counts_both_directions_per_period(client):
    body = client.get("/api/dyads", params={"a": "ISR", "b": "TUR", **ALL}).json()
    assert [b["period"] for b in body["buckets"]] == ["2023-03-01", "2023-06-01"]
    march, june = body["buckets"]
    assert march["quad_counts"] == {"1": 4, "2": 0, "3": 0, "4": 0}
    assert june["quad_counts"] == {"1": 0, "2": 0, "3": 2, "4": 1}
    assert june["goldstein_sum"] == -10.0 and june["plover_sum"] == -11.0
    assert june["a_to_b"] == 1 and june["b_to_a"] == 2
    swapped = client.get("/api/dyads", params={"a": "TUR", "b": "ISR", **ALL}).json()
    assert [b["events"] for b in swapped["buckets"]] == [4, 3]
    yearly = client.get("/api/dyads", params={"a": "ISR", "b": "TUR", "freq": "year", **ALL}).json()
    assert [b["events"] for b in yearly["buckets"]] == [7]
    deduped = client.get("/api/dyads", params={"a": "ISR", "b": "TUR", "status": "all"}).json()
    assert [b["events"] for b in deduped["buckets"]] == [3, 3]
    assert client.get("/api/dyads", params={"a": "ISR", "b": "CHN", **ALL}).json()["buckets"] == []
    capped = client.get("/api/dyads", params={"a": "ISR", "b": "TUR", "per_period": 1, **ALL}).json()["buckets"]
    assert [len(b["event_keys"]) for b in capped] == [1, 1] and [b["events"] for b in capped] == [4, 3]


def test_dyad_page_lists_one_period_on_request(client):
    html = client.get("/dyad", params={"a": "ISR", "b": "TUR", "freq": "day", "period": "2023-06-14",
                                       "status": "all"}).text
    assert html.count('class="bucket"') == 1 and html.count('<tr class="event') == 3
    assert client.get("/dyad", params={"a": "ISR", "b": "TUR", "period": "June"}).status_code == 422


def test_openapi_documents_the_api(client):
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    assert {"/api/events", "/api/articles/{article_id}", "/api/actors/{key}", "/api/dyads"} <= set(paths)
    names = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert {"type", "actor", "recipient", "country", "since", "until", "status", "q", "page", "per_page"} <= names
    assert not any(p.startswith("/events") or p.startswith("/articles") for p in paths)  # pages stay out


def test_store_is_opened_read_only(app):
    with pytest.raises(duckdb.Error):
        app.state.root.execute("CREATE TABLE scratch (i INTEGER)")


# --- pages ---

@pytest.mark.parametrize("url", ["/", "/events", "/events?type=CONSULT&sort=type&order=asc",
                                 "/events?per_page=2&page=2", "/articles/sample-drone-dispute", "/actors/ISR",
                                 "/actors/" + quote("Eli Cohen"), "/dyad", "/dyad?a=ISR&b=TUR&freq=week",
                                 "/dyad?a=ISR&b=CHN", "/map", "/map?type=CONSULT", "/static/style.css",
                                 "/static/app.js"])
def test_pages_render(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.text[:500]


def test_pages_load_nothing_from_outside(client):
    for url in ["/", "/events", "/articles/sample-ankara-energy", "/actors/ISR", "/dyad?a=ISR&b=TUR", "/map"]:
        html = client.get(url).text
        assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "https://" not in html, url


def test_article_page_marks_evidence_and_quotes(client):
    html = client.get("/articles/sample-ankara-energy").text
    assert html.count('class="badge badge-evidence"') == 3
    assert 'href="#ev-e1"' in html and 'id="ev-e1"' in html
    assert 'class="badge badge-quote"' in html and 'id="qt-q1"' in html
    assert "hl-evidence" in html and "hl-quote" in html and "hl-mention" in html
    assert "Sign up for our daily briefing" in html  # removed lines are listed


def test_events_page_shows_counts_and_sort_links(client):
    html = client.get("/events?type=CONSULT").text
    assert 'id="total">2<' in html
    assert 'id="total">3<' in client.get("/events?type=CONSULT&status=all&reports=true").text
    assert "sort=goldstein" in html and "page=" not in html.split("pager")[0].split("<table")[0]


def test_dyad_page_draws_charts(client):
    html = client.get("/dyad?a=ISR&b=TUR").text
    assert html.count("<svg") == 2 and 'class="bar q3"' in html and "<polyline" in html
    assert 'id="p-2023-06-01"' in html


def test_map_draws_every_located_place(client):
    html = client.get("/map").text
    assert html.count('class="place"') == 2 and 'class="land"' in html  # Istanbul's event is future
    assert client.get("/map?status=all").text.count('class="place"') == 3


# --- totals: every count a page shows is the query layer's ---

def test_map_totals_are_the_query_layer_s_not_the_listed_places(app, client):
    from dragoman.store import queries as store

    con = app.state.root.cursor()
    every = store.EventFilter(status="all", reports=True)
    totals = store.located_counts(con, every)
    listed = store.locations(con, every)
    assert totals == {"events": sum(p["events"] for p in listed), "places": len(listed)} == {"events": 4, "places": 3}
    one = store.locations(con, every, limit=1)  # the list is capped; the totals are not
    assert len(one) == 1 and sum(p["events"] for p in one) < totals["events"]
    html = client.get("/map", params={"status": "all", "reports": "true"}).text
    assert 'id="map-places">3<' in html and 'id="map-events">4<' in html
    default = store.located_counts(con)
    html = client.get("/map").text
    assert f'id="map-places">{default["places"]}<' in html and f'id="map-events">{default["events"]}<' in html
    con.close()


@pytest.mark.parametrize("params", [{}, ALL, {"status": "all"}, {"freq": "year", **ALL}])
def test_dyad_total_is_the_query_layer_s(app, client, params):
    from dragoman.store import queries as store

    con = app.state.root.cursor()
    flt = store.EventFilter(status=params.get("status"), reports=params.get("reports") == "true")
    expected = store.count_dyad_events(con, "ISR", "TUR", flt)
    con.close()
    body = client.get("/api/dyads", params={"a": "ISR", "b": "TUR", **params}).json()
    assert body["total"] == expected == sum(b["events"] for b in body["buckets"])
    html = client.get("/dyad", params={"a": "ISR", "b": "TUR", **params}).text
    assert f'id="dyad-total">{expected}<' in html


def test_front_page_counts_are_the_query_layer_s(app, client):
    from dragoman.serve import queries as pages
    from dragoman.store import queries as store

    con = app.state.root.cursor()
    overview = pages.overview(con)
    assert overview["events"] == store.count_events(con) == 5
    assert overview["reports"] == store.count_events(con, store.EventFilter(status="all", reports=True)) == 9
    for article in overview["articles_list"]:  # what the article's page lists: every report
        flt = store.EventFilter(article=article["id"], status="all", reports=True)
        assert article["events"] == store.count_events(con, flt) == len(pages.article(con, article["id"])["events"])
    assert overview["top_actors"] == store.top_actors(con)
    con.close()


def test_actor_quote_total_is_counted_not_the_listed_page(app):
    from dragoman.serve import queries as pages

    con = app.state.root.cursor()
    xi = pages.actor(con, "CHN")
    capped = pages.actor(con, "CHN", limit=0)
    assert xi["quotes_total"] == capped["quotes_total"] == len(xi["quotes"]) >= 1 and capped["quotes"] == []
    con.close()


def test_templates_sum_no_counts():
    """Totals are read from the query layer; a template that adds up a list would count only
    what the page happens to list."""
    folder = Path(__file__).resolve().parents[1] / "src" / "dragoman" / "serve" / "templates"
    for template in folder.glob("*.html"):
        assert "|sum(" not in template.read_text(encoding="utf-8").replace(" ", ""), template.name


# --- the SVG and the highlighter on their own ---

def test_svg_escapes_labels():
    chart = svg.line_chart(["<b>"], [svg.Series("<script>", "#000", [1.0])], title="a & b")
    assert "<script>" not in chart and "&lt;script&gt;" in chart
    net = svg.network("<x>", [svg.Node(label='"><svg onload=alert(1)>', weight=1, href="/actors/x")])
    assert "<svg onload" not in net and '">' not in net.split("<title>")[-1].split("</title>")[0]
    m = svg.world_map([svg.MapPoint(0, 0, "<img>", 1)])
    assert "<img>" not in m


def test_svg_handles_empty_and_flat_series():
    assert "<svg" in svg.line_chart([], [], title="empty")
    assert "<svg" in svg.line_chart(["a", "b"], [svg.Series("s", "#000", [0.0, 0.0])], title="flat")
    assert "<svg" in svg.stacked_bars([], [], title="empty")
    assert "no interactions" in svg.network("alone", [])


def test_highlight_overlapping_and_out_of_range_spans():
    text = "Alpha said beta met gamma."
    marks = [highlight.Mark("evidence", 11, 26, "e1", "e1 CONSULT", "#ev-e1"),
             highlight.Mark("quote", 11, 25, "q1", "q1", "#qt-q1"),
             highlight.Mark("mention", 0, 5, "a1", "Alpha", "#ac-a1"),
             highlight.Mark("mention", 20, 99, "a2", "gamma", "#ac-a2"),  # past the end: clipped
             highlight.Mark("evidence", 5, 5, "e2", "empty", "#ev-e2")]   # empty: dropped
    html = str(highlight.render(text, marks))
    assert html.count('href="#ev-e1"') == 1 and html.count('href="#qt-q1"') == 1 and "#ev-e2" not in html
    assert 'class="hl hl-evidence hl-mention hl-quote"' in html
    assert 'class="hl hl-mention" data-refs="a1"' in html


def test_highlight_escapes_text():
    html = str(highlight.render("<b>bold</b> & co", [highlight.Mark("evidence", 0, 3, "e1", "e1")]))
    assert "<b>" not in html and "&lt;b&gt;" in html


# --- no query makes the server fail ---

KEYS = st.one_of(st.sampled_from(["ISR", "TUR", "ISRGOV", "Eli Cohen", "nobody", "", " "]),
                 st.text(max_size=40))
DATES = st.one_of(st.none(), st.dates().map(str), st.text(max_size=12))
MAYBE_INT = st.one_of(st.none(), st.integers(min_value=-10, max_value=10**7), st.text(max_size=6))


def _drop_none(params: dict) -> dict:
    return {k: v for k, v in params.items() if v is not None}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.fixed_dictionaries({}, optional={
    "type": st.one_of(st.sampled_from(["CONSULT", "ASSAULT", "consult", ""]), st.text(max_size=10)),
    "actor": KEYS, "recipient": KEYS, "country": st.one_of(st.sampled_from(["TUR", "isr", "XX"]), st.text(max_size=4)),
    "since": DATES, "until": DATES, "status": st.sampled_from(["asserted", "future", "bogus", ""]),
    "quad_class": MAYBE_INT, "q": st.text(max_size=30), "sort": st.sampled_from(["date", "goldstein", "source", "x"]),
    "order": st.sampled_from(["asc", "desc", "sideways"]), "page": MAYBE_INT, "per_page": MAYBE_INT,
}), path=st.sampled_from(["/api/events", "/events", "/map"]))
def test_no_event_query_gives_a_server_error(client, params, path):
    r = client.get(path, params=_drop_none(params))
    assert r.status_code in (200, 422), (path, params, r.status_code, r.text[:300])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=KEYS, b=KEYS, freq=st.sampled_from(["day", "week", "month", "year", "hour", ""]),
       path=st.sampled_from(["/api/dyads", "/dyad"]))
def test_no_dyad_query_gives_a_server_error(client, a, b, freq, path):
    r = client.get(path, params={"a": a, "b": b, "freq": freq})
    assert r.status_code in (200, 422), (path, a, b, freq, r.status_code, r.text[:300])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.text(min_size=1, max_size=40), kind=st.sampled_from(["/api/actors/", "/actors/", "/api/articles/",
                                                                   "/articles/"]))
def test_no_id_gives_a_server_error(client, key, kind):
    r = client.get(kind + quote(key, safe=""))
    assert r.status_code in (200, 404, 422), (kind, key, r.status_code, r.text[:300])


# --- the command ---

def test_serve_refuses_a_missing_store(tmp_path):
    dragoman = Path(sys.executable).parent / "dragoman"
    run = subprocess.run([str(dragoman), "serve", "--db", str(tmp_path / "missing.duckdb")],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2, run.stderr
    assert "no such store" in run.stderr
    help_text = subprocess.run([str(dragoman), "serve", "--help"], capture_output=True, text=True, timeout=60).stdout
    assert "127.0.0.1" in help_text and "--port" in help_text


# --- the OpenAPI schema, fuzzed: no server error, and every answer matches its documented model ---
# schemathesis parametrizes at collection time, so this part has a sample store of its own.

schemathesis = pytest.importorskip("schemathesis")
_FUZZ_DB = build_sample_db(Path(tempfile.mkdtemp(prefix="dragoman-fuzz-")) / "sample.duckdb")
openapi = schemathesis.openapi.from_asgi("/openapi.json", create_app(_FUZZ_DB))


@openapi.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), phases=[Phase.generate])
def test_openapi_fuzz(case):
    response = case.call()
    case.validate_response(response, checks=(schemathesis.checks.not_a_server_error,
                                             schemathesis.checks.response_schema_conformance,
                                             schemathesis.checks.content_type_conformance))


# --- the map: country outlines, points in them, QuadClass colours, status ---

@pytest.fixture(scope="module")
def map_client(tmp_path_factory):
    db = build_sample_db(tmp_path_factory.mktemp("map") / "map.duckdb", MAP_ARTICLES)
    with fastapi_testclient.TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c


def test_map_page_draws_country_outlines_with_ankara_inside_turkey(map_client):
    r = map_client.get("/map")
    assert r.status_code == 200
    html = r.text
    countries = outlines(html)
    assert len(countries) >= 170 and html.count('class="country"') >= 170
    places = {label: ((float(cx), float(cy)), attrs) for cx, cy, attrs, label in CIRCLE.findall(html)}
    assert set(places) == {"Ankara"}  # negated (Taipei) and hypothetical (Moscow) are not shown by default
    ankara, attrs = places["Ankara"]
    assert svg.project(39.93, 32.86) == pytest.approx(ankara, abs=0.06)
    assert inside(ankara, countries["TUR"])
    assert not any(inside(ankara, rings) for code, rings in countries.items() if code != "TUR")
    assert 'data-quad="3"' in attrs  # one verbal cooperation, one verbal conflict: the tie goes to conflict
    assert "Natural Earth" in html and len(r.content) < 200_000  # page weight: outlines are ~87 kB of SVG


def test_map_status_filter_shows_negated_events_only_when_asked(map_client):
    def shown(**params):
        return {label for _, _, _, label in CIRCLE.findall(map_client.get("/map", params=params).text)}

    assert shown() == {"Ankara"}
    assert shown(status="all") == {"Ankara", "Taipei", "Moscow"}
    assert shown(status="negated") == {"Taipei"}
    html = map_client.get("/map", params={"status": "all"}).text
    countries = outlines(html)
    for label, iso3 in (("Taipei", "TWN"), ("Moscow", "RUS"), ("Ankara", "TUR")):
        (cx, cy, attrs, _), = [c for c in CIRCLE.findall(html) if c[3] == label]
        assert inside((float(cx), float(cy)), countries[iso3]), label
    assert 'data-quad="4"' in html  # Moscow's SANCTION: material conflict


@pytest.mark.parametrize("lat, lon, iso3", [
    (39.93, 32.86, "TUR"), (48.86, 2.35, "FRA"), (59.91, 10.75, "NOR"), (42.66, 21.17, "XKX"),
    (-29.6, 28.25, "LSO"), (-26.2, 28.05, "ZAF"), (-15.79, -47.88, "BRA"), (-35.28, 149.13, "AUS"),
    (38.9, -77.04, "USA"), (55.75, 37.62, "RUS"), (64.18, -51.72, "GRL"), (23.6, 8.0, "DZA")])
def test_world_map_points_fall_in_their_country(lat, lon, iso3):
    html = str(svg.world_map([svg.MapPoint(lat, lon, "here", 1, quads={1: 1})]))
    countries = outlines(html)
    point = svg.project(lat, lon)
    assert inside(point, countries[iso3])
    assert [code for code, rings in countries.items() if inside(point, rings)] == [iso3]  # Lesotho is a hole


def test_country_outlines_load_once_and_only_for_the_map(db_path):
    """Start-up and the other pages never read the outline file; the first map reads it, once."""
    code = f"""
from fastapi.testclient import TestClient
from dragoman.serve import svg
from dragoman.serve.app import create_app
with TestClient(create_app({str(db_path)!r})) as client:
    for url in ("/", "/events", "/actors/ISR", "/dyad?a=ISR&b=TUR"):
        assert client.get(url).status_code == 200, url
    assert svg.country_outlines.cache_info().misses == 0
    for url in ("/map", "/map?status=all", "/map"):
        assert client.get(url).text.count('class="country"') >= 170
    svg.world_map([], width=600)
    assert svg.country_outlines.cache_info().misses == 1, svg.country_outlines.cache_info()
"""
    subprocess.run([sys.executable, "-c", code], check=True, timeout=300)


def test_pages_are_sent_compressed_when_the_browser_accepts_it(map_client):
    """The map's outlines weigh ~90 kB as text; gzip sends about a third of that."""
    plain = map_client.get("/map", headers={"Accept-Encoding": "identity"})
    packed = map_client.get("/map", headers={"Accept-Encoding": "gzip"})
    assert packed.status_code == plain.status_code == 200
    assert packed.headers.get("content-encoding") == "gzip"
    assert "content-encoding" not in plain.headers
    assert packed.text == plain.text  # the client decompresses: same page
