"""One query layer (issue 12): the CLI, the API and Python give the same counts and the same errors.

The store here is built from short articles written for this file (invented
events between invented ministers of real countries), coded by hand into
records, so the comparison does not depend on how well the coder codes.
A second test does the same on a store of ../shared/corpus/dev, skipped
when ../shared is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHARED, run_cli
from dragoman.model import Actor, Document, Event, Evidence, Location, Mention
from dragoman.store import queries
from dragoman.store.db import connect
from dragoman.store.writer import write_documents

fastapi_testclient = pytest.importorskip("fastapi.testclient")

# --- a small store of hand-written articles ----------------------------------

#: id, published, source, [(sentence, event)]; an event is
#: (type, cameo, quad, goldstein, plover, actor ids, recipient ids, status, date, place)
ARTICLES = [
    ("harbour-talks", "2024-05-06", "Coast Gazette", [
        ("The American envoy met the Korean foreign minister in Busan on Monday.",
         ("CONSULT", "040", 1, 1.0, 2.5, ["us"], ["kr"], "asserted", "2024-05-06", ("Busan", "KOR", 35.10, 129.04))),
        ("Both governments agreed to hold joint naval drills next month.",
         ("AGREE", "030", 1, 4.0, 2.5, ["us", "kr"], [], "future", "2024-06", None)),
        ("The envoy did not criticise the North Korean leadership.",
         ("ACCUSE", "111", 3, -2.0, -3.0, ["us"], ["kp"], "negated", "2024-05-06", None)),
    ]),
    ("harbour-talks-second", "2024-05-06", "Pacific Wire", [
        ("In Busan the US envoy held talks with the Korean foreign minister.",
         ("CONSULT", "040", 1, 1.0, 2.5, ["us"], ["kr"], "asserted", "2024-05-06", ("Busan", "KOR", 35.10, 129.04))),
        ("North Korea fired a missile into the sea off its east coast.",
         ("ASSAULT", "190", 4, -10.0, -9.0, ["kp"], [], "asserted", "2024-05-06", ("Wonsan", "PRK", 39.15, 127.44))),
    ]),
    ("missile-protest", "2024-05-08", "Coast Gazette", [
        ("Japan protested to North Korea over the missile launch.",
         ("PROTEST", "140", 3, -6.5, -5.0, ["jp"], ["kp"], "asserted", "2024-05-08", None)),
        ("Seoul accused Pyongyang of violating the armistice.",
         ("ACCUSE", "112", 3, -2.0, -3.0, ["kr"], ["kp"], "asserted", "2024-05-08", ("Seoul", "KOR", 37.57, 126.98))),
        ("South Korea would impose sanctions if another launch followed.",
         ("SANCTION", "163", 4, -8.0, -6.0, ["kr"], ["kp"], "hypothetical", None, None)),
    ]),
    ("aid-pledge", "2024-06-02", "Pacific Wire", [
        ("Washington sent food aid to Seoul for flood victims.",
         ("AID", "070", 2, 7.0, 10.0, ["us"], ["kr"], "asserted", "2024-06-02", ("Seoul", "KOR", 37.57, 126.98))),
        ("The Korean minister thanked the American envoy for the support.",
         ("SUPPORT", "051", 1, 3.4, 5.0, ["kr"], ["us"], "asserted", "2024-06-02", None)),
        ("Pyongyang threatened Seoul with retaliation over the drills.",
         ("THREATEN", "138", 3, -7.0, -3.5, ["kp"], ["kr"], "asserted", "2024-06-03", None)),
    ]),
]

ACTORS = {
    "us": ("American envoy", "person", "USA", "GOV", "USAGOV"),
    "kr": ("Korean foreign minister", "person", "KOR", "GOV", "KORGOV"),
    "kp": ("North Korea", "country", "PRK", None, "PRK"),
    "jp": ("Japan", "country", "JPN", None, "JPN"),
}


def build_documents() -> list[Document]:
    docs = []
    for doc_id, published, source, sentences in ARTICLES:
        text = " ".join(s for s, _ in sentences)
        used = sorted({a for _, ev in sentences for a in ev[5] + ev[6]})
        ids = {key: f"a{i + 1}" for i, key in enumerate(used)}
        actors = []
        for key in used:
            name, kind, country, sector, code = ACTORS[key]
            actors.append(Actor(ids[key], name, kind, country, sector, None, code, [Mention(0, 1, text[0])]))
        events = []
        for n, (sentence, ev) in enumerate(sentences, start=1):
            start = text.index(sentence)
            type_, cameo, quad, goldstein, plover, acts, recs, status, date, place = ev
            events.append(Event(f"e{n}", type_, cameo=cameo, quad_class=quad, goldstein=goldstein,
                                plover_score=plover, actors=[ids[a] for a in acts], recipients=[ids[r] for r in recs],
                                status=status, date=date, date_precision={None: "unknown", 7: "month", 10: "day"}[
                                    len(date) if date else None],
                                location=Location(*place) if place else None,
                                evidence=Evidence(start, start + len(sentence), sentence), confidence=0.8))
        docs.append(Document(id=doc_id, text=text, source=source, published=published, title=sentences[0][0],
                             language="en", actors=actors, events=events))
    return docs


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("query-layer") / "store.duckdb"
    con = connect(path)
    write_documents(con, build_documents())
    con.close()
    return path


class Layers:
    """The three ways into the query layer, over one store."""

    def __init__(self, path: Path):
        from dragoman.serve.app import create_app

        self.path = path
        self.con = connect(path, read_only=True)
        self.client = fastapi_testclient.TestClient(create_app(path), raise_server_exceptions=False)

    def python_events(self, **flt) -> int:
        count = queries.count_events(self.con, queries.EventFilter(**flt))
        import dragoman

        table = dragoman.query(self.con, **{("text" if k == "q" else k): v for k, v in flt.items()})
        assert table.num_rows == count  # dragoman.query: the same rows the count counts
        return count

    def api_events(self, **flt) -> int:
        r = self.client.get("/api/events", params=_api_params(flt))
        assert r.status_code == 200, r.text
        return r.json()["total"]

    def cli_events(self, monkeypatch, capsys, **flt) -> int:
        code, out, err = run_cli(monkeypatch, capsys, "events", "--db", str(self.path), "--format", "json",
                                 *_cli_args(flt))
        assert code == 0, err
        return len(json.loads(out))

    def python_dyad(self, a, b, **flt) -> int:
        return sum(r["events"] for r in queries.dyads(self.con, a, b, flt=queries.EventFilter(**flt)))

    def api_dyad(self, a, b, **flt) -> int:
        r = self.client.get("/api/dyads", params={"a": a, "b": b, **_api_params(flt)})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["total"] == sum(bk["events"] for bk in body["buckets"])  # the total the page shows
        return body["total"]

    def cli_dyad(self, monkeypatch, capsys, a, b, **flt) -> int:
        code, out, err = run_cli(monkeypatch, capsys, "dyads", "--db", str(self.path), "--a", a, "--b", b,
                                 "--format", "json", *_cli_args(flt))
        assert code == 0, err
        return sum(r["events"] for r in json.loads(out))


CLI_FLAGS = {"q": "--text", "quad_class": "--quad-class"}


def _cli_args(flt: dict) -> list[str]:
    args = []
    for name, value in flt.items():
        if value is None:
            continue
        if isinstance(value, bool):  # --reports, --undated
            args += [f"--{name}"] if value else []
        else:
            args += [CLI_FLAGS.get(name, f"--{name}"), str(value)]
    return args


def _api_params(flt: dict) -> dict:
    return {k: ("true" if v else "false") if isinstance(v, bool) else str(v) for k, v in flt.items() if v is not None}


@pytest.fixture(scope="module")
def layers(store_path):
    found = Layers(store_path)
    yield found
    found.con.close()


KEYS = st.sampled_from([None, "USA", "KOR", "PRK", "JPN", "KORGOV", "american envoy", "North Korea", "nobody"])
DAYS = st.sampled_from([None, "2024-05-06", "2024-05-07", "2024-05-08", "2024-06-01", "2024-06-03"])
FILTERS = st.fixed_dictionaries({}, optional={
    "actor": KEYS, "recipient": KEYS,
    "type": st.sampled_from([None, "CONSULT", "consult", "ACCUSE", "ASSAULT", "AGREE", "SANCTION"]),
    "status": st.sampled_from([None, "asserted", "all", "asserted,future", "negated", "future, hypothetical",
                               "NEGATED,asserted"]),
    "since": DAYS, "until": DAYS,
    "country": st.sampled_from([None, "KOR", "prk", "USA"]),
    "quad_class": st.sampled_from([None, 1, 2, 3, 4]),
    "q": st.sampled_from([None, "busan", "missile", "Korean"]),
    "place": st.sampled_from([None, "Busan", "seoul"]),
    "reports": st.booleans(),
    "undated": st.booleans(),
})
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(flt=FILTERS)
def test_cli_api_and_python_count_the_same_events(layers, monkeypatch, capsys, flt):
    python = layers.python_events(**flt)
    assert layers.api_events(**flt) == python
    assert layers.cli_events(monkeypatch, capsys, **flt) == python


DYAD_FILTERS = st.fixed_dictionaries({}, optional={
    "status": st.sampled_from([None, "all", "asserted,future", "negated"]),
    "since": DAYS, "until": DAYS,
    "type": st.sampled_from([None, "CONSULT", "AGREE", "ACCUSE"]),
    "reports": st.booleans(),
})


@SETTINGS
@given(a=st.sampled_from(["USA", "KOR", "PRK", "KORGOV", "american envoy"]),
       b=st.sampled_from(["KOR", "PRK", "JPN", "USA"]), flt=DYAD_FILTERS)
def test_cli_api_and_python_count_the_same_dyads(layers, monkeypatch, capsys, a, b, flt):
    python = layers.python_dyad(a, b, **flt)
    assert layers.api_dyad(a, b, **flt) == python
    assert layers.cli_dyad(monkeypatch, capsys, a, b, **flt) == python


def test_defaults_are_asserted_events_each_counted_once(layers):
    """8 asserted reports, of which the two Busan reports are one event; 11 reports of any status."""
    assert layers.python_events() == 7
    assert layers.python_events(reports=True) == 8
    assert layers.python_events(status="all", reports=True) == 11
    assert layers.python_events(status="negated") == 1
    rows = queries.events(layers.con)
    assert {r["status"] for r in rows} == {"asserted"}
    busan = [r for r in rows if r["type"] == "CONSULT"]
    assert len(busan) == 1 and busan[0]["num_articles"] == 2


def test_dyad_is_one_side_acting_on_the_other(layers):
    """USA-KOR: the Busan talks (once), the aid and the thanks; not the future drills unless asked,
    and never the negated criticism of PRK (a third party)."""
    assert layers.python_dyad("USA", "KOR") == 3
    assert layers.python_dyad("USA", "KOR", reports=True) == 4
    assert layers.python_dyad("USA", "KOR", status="asserted,future") == 4  # "both agreed": reciprocal
    assert layers.python_dyad("KOR", "JPN", status="all") == 0  # both only accuse PRK: no KOR-JPN dyad
    rows = queries.dyads(layers.con, "USA", "KOR", directed=True, flt=queries.EventFilter(status="all"))
    by_direction: dict[str, int] = {}
    for r in rows:
        by_direction[r["direction"]] = by_direction.get(r["direction"], 0) + r["events"]
    assert by_direction == {"USA>KOR": 2, "KOR>USA": 1, "USA<>KOR": 1}


@pytest.mark.parametrize("option, value", [
    ("type", "FOO"), ("status", "rumoured"), ("status", "asserted,maybe"), ("since", "2024-13-01"),
    ("until", "yesterday"), ("country", "KORE"), ("quad_class", "7"), ("actor", "bad\x01key"),
    ("q", "x" * 300),
])
def test_a_bad_value_is_exit_2_and_422_with_the_same_message(layers, monkeypatch, capsys, option, value):
    with pytest.raises(queries.FilterError) as python:
        queries.EventFilter(**{option: value})
    message = str(python.value)
    r = layers.client.get("/api/events", params={option: value})
    assert r.status_code == 422
    assert [d["msg"] for d in r.json()["detail"]] == [message]
    assert layers.client.get("/events", params={option: value}).status_code == 422
    code, out, err = run_cli(monkeypatch, capsys, "events", "--db", str(layers.path),
                             CLI_FLAGS.get(option, f"--{option}"), value)
    assert code == 2 and out == ""
    assert err.strip() == f"dragoman: {message}"


def test_bad_dyad_values_are_exit_2_and_422_with_the_same_message(layers, monkeypatch, capsys):
    for option, value in (("freq", "hour"), ("status", "bogus")):
        try:
            queries.check_freq(value) if option == "freq" else queries.EventFilter(status=value)
        except queries.FilterError as exc:
            message = str(exc)
        r = layers.client.get("/api/dyads", params={"a": "USA", "b": "KOR", option: value})
        assert r.status_code == 422 and [d["msg"] for d in r.json()["detail"]] == [message]
        code, _, err = run_cli(monkeypatch, capsys, "dyads", "--db", str(layers.path), "--a", "USA", "--b", "KOR",
                               f"--{option}", value)
        assert code == 2 and err.strip() == f"dragoman: {message}"


def test_the_explorer_shows_and_filters_status(layers):
    html = layers.client.get("/events").text
    assert 'class="status status-asserted"' in html and "status-negated\"" not in html.split("<table")[1]
    assert 'id="f-status"' in html and 'value="all"' in html
    every = layers.client.get("/events", params={"status": "all", "reports": "true"}).text
    assert every.count('<tr class="event') == 11 and 'class="status status-negated"' in every
    assert layers.client.get("/map").text.count('class="place"') == 3  # Busan, Wonsan, Seoul
    page = layers.client.get("/dyad", params={"a": "USA", "b": "KOR", "status": "all"}).text
    assert 'class="status status-future"' in page


# --- the same on a store of the dev corpus -----------------------------------

@pytest.fixture(scope="module")
def dev_layers(tmp_path_factory, coder):
    corpus = SHARED / "corpus" / "dev"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus/dev is absent")
    from dragoman.ingest import ReadOptions, read_paths
    from dragoman.store import parallel
    from dragoman.store.ingest import ingest

    parallel._CODERS.setdefault(coder.options, coder)  # the session's Coder: one spaCy load
    path = tmp_path_factory.mktemp("dev-layers") / "dev.duckdb"
    con = connect(path)
    try:
        ingest([str(corpus)], con, read_paths([str(corpus)], ReadOptions()), coder.options)
    finally:
        con.close()
    found = Layers(path)
    yield found
    found.con.close()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flt=st.fixed_dictionaries({}, optional={
    "actor": st.sampled_from([None, "USA", "KOR", "CHN", "RUS", "GBR"]),
    "recipient": st.sampled_from([None, "USA", "KOR", "TWN", "VEN"]),
    "type": st.sampled_from([None, "CONSULT", "SUPPORT", "ASSAULT"]),
    "status": st.sampled_from([None, "all", "negated", "asserted,future"]),
    "reports": st.booleans(),
}), dyad=st.sampled_from([("USA", "KOR"), ("GUY", "VEN"), ("USA", "CHN"), ("ISR", "TUR")]))
def test_dev_store_counts_agree(dev_layers, monkeypatch, capsys, flt, dyad):
    python = dev_layers.python_events(**flt)
    assert dev_layers.api_events(**flt) == python == dev_layers.cli_events(monkeypatch, capsys, **flt)
    dyad_flt = {k: v for k, v in flt.items() if k in ("status", "reports")}
    python = dev_layers.python_dyad(*dyad, **dyad_flt)
    assert dev_layers.api_dyad(*dyad, **dyad_flt) == python == dev_layers.cli_dyad(monkeypatch, capsys, *dyad,
                                                                                    **dyad_flt)


def test_actor_page_counts_asserted_events_unless_asked(layers):
    """PRK is the target of Japan's protest and Seoul's accusation; not of the negated criticism or the
    hypothetical sanctions, unless asked."""
    assert layers.client.get("/api/actors/PRK").json()["events_as_recipient_total"] == 2
    every = layers.client.get("/api/actors/PRK", params={"status": "all"}).json()
    assert every["events_as_recipient_total"] == 4
    assert {e["status"] for e in every["events_as_recipient"]} == {"asserted", "negated", "hypothetical"}
    assert layers.client.get("/api/actors/PRK", params={"status": "maybe"}).status_code == 422


def test_an_asserted_and_a_negated_report_are_never_one_event(tmp_path):
    """Same type, actors and day: what did not happen is a cluster of its own, and an event of its own."""
    docs = build_documents()[:2]
    docs[1].events[0].status = "negated"  # the second Busan report now says the talks did not happen
    con = connect(":memory:")
    write_documents(con, docs)
    assert queries.count_events(con) == 1 + 1  # Busan (asserted, first report) + the missile launch
    busan = con.execute("SELECT DISTINCT cluster_id FROM events WHERE type = 'CONSULT'").fetchall()
    assert len(busan) == 2  # the status is part of the cluster key
    every = queries.events(con, queries.EventFilter(status="all", type="CONSULT"))
    assert sorted(r["status"] for r in every) == ["asserted", "negated"]
    dyad = queries.dyads(con, "USA", "KOR", flt=queries.EventFilter(status="all"))
    assert sum(r["events"] for r in dyad) == 3  # the talks asserted, the talks negated, the future drills
    con.close()


# --- who took part in an event: one join, in one place ------------------------

def test_events_are_joined_to_their_actors_in_one_place():
    """EVENT_PARTICIPANTS is the only SQL that joins event seats to actor rows; filters, event
    rows, dyads, partners and exports all read it, so none can disagree about who took part."""
    import re

    src = Path(__file__).resolve().parents[1] / "src" / "dragoman"
    join = re.compile(r"event_actors\s+\w+\s+(?:LEFT\s+|INNER\s+)?JOIN\s+actors\b", re.I)
    found = {str(p.relative_to(src)): len(join.findall(p.read_text(encoding="utf-8")))
             for p in src.rglob("*.py")}
    assert {k: v for k, v in found.items() if v} == {"store/queries.py": 1}
    assert len(join.findall(queries.EVENT_PARTICIPANTS)) == 1


def test_every_reader_of_participants_names_the_same_actors(layers):
    """Event rows (CLI, API, Python), the CSV/Parquet rows and the exports' per-batch look-up
    give each event the same actors and recipients, in the same order."""
    con = layers.con
    every = queries.EventFilter(status="all", reports=True)
    rows = queries.events(con, every)
    seats = queries.participants_by_event(con, [r["article_id"] for r in rows], "a.name, a.code")
    sql, params = queries.report_rows(every)
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    flat_rows = {(r["article_id"], r["event_id"]): r for r in (dict(zip(names, t)) for t in cur.fetchall())}
    assert len(rows) == len(flat_rows) == 11
    for row in rows:
        key = (row["article_id"], row["event_id"])
        for role in ("actor", "recipient"):
            mine = [s for s in seats[key] if s[0] == role]
            assert row[f"{role}_names"] == [s[1] for s in mine]
            assert row[f"{role}_codes"] == [s[2] for s in mine]
            joined = flat_rows[key][f"{role}s"]
            assert (joined.split("; ") if joined else []) == row[f"{role}_names"]
