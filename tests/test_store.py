"""The DuckDB store: writer, dedup clusters, queries, exports, CLI (issue 6)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from dragoman.model import Actor, Document, Event, Location, Media, Mention, Place, Quote, Removed, Span, Evidence, Timex
from dragoman.store import dedup, export, queries
from dragoman.store.db import connect
from dragoman.store.writer import write_documents
from conftest import run_cli

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "corpus" / "dev" / "seed-ynet-gantz-ankara.json"

TEXT = ("The Dutch prime minister received the Belgian premier in The Hague on Monday. "
        "\"We agreed on the canal works,\" the Dutch leader told reporters.")


def make_doc(doc_id: str, published: str | None = "2023-03-06", source: str | None = "Paper A",
             date: str | None = "2023-03-06", type_: str = "CONSULT", second_event: bool = False) -> Document:
    """A hand-coded Document, as the stages would fill it."""
    doc = Document(id=doc_id, text=TEXT, source=source, published=published, title="Canal talks",
                   url=f"https://example.org/{doc_id}")
    doc.media = [Media(caption="The two leaders", credit="Staff photographer")]
    doc.removed = [Removed(text="Photo: staff", reason="credit")]
    doc.actors = [
        Actor("a1", "Dutch prime minister", "person", "NLD", "GOV", "Prime Minister", "NLDGOV",
              [Mention(4, 24, "Dutch prime minister"), Mention(118, 130, "Dutch leader")]),
        Actor("a2", "Belgian premier", "person", "BEL", "GOV", "Prime Minister", "BELGOV",
              [Mention(38, 53, "Belgian premier")]),
    ]
    doc.events = [Event("e1", type_, mode="visit", context=["diplomatic"], cameo="042", quad_class=1,
                        goldstein=1.9, plover_score=4.0, actors=["a2"], recipients=["a1"],
                        location=Location("The Hague", "NLD", 52.08, 4.31), date=date,
                        date_text="on Monday", date_precision="day" if date else "unknown",
                        evidence=Evidence(0, 77, TEXT[0:77]), confidence=0.8)]
    if second_event:
        doc.events.append(Event("e2", "AGREE", cameo="030", quad_class=1, goldstein=4.0,
                                plover_score=2.5, actors=["a1", "a2"], recipients=[],
                                reported_by="a1", date=date, evidence=Evidence(79, 109, TEXT[79:109])))
    doc.quotes = [Quote("q1", "We agreed on the canal works,", "direct", "a1", "the Dutch leader", "told",
                        79, 110)]
    doc.timexes = [Timex("on Monday", 67, 76, date, "day")]
    doc.places = [Place("The Hague", 57, 66, "The Hague", "NLD", 52.08, 4.31)]
    return doc


@pytest.fixture()
def con():
    c = connect(":memory:")
    yield c
    c.close()


def test_schema_has_every_table(con):
    tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    assert {"articles", "actors", "mentions", "events", "event_actors", "quotes", "media", "removed",
            "timexes", "places", "event_clusters", "ingest_runs", "ingest_log", "meta"} <= tables


def test_connect_read_only_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        connect(tmp_path / "none.duckdb", read_only=True)


def test_record_round_trips_through_the_store(con):
    doc = make_doc("d1", second_event=True)
    write_documents(con, [doc])
    [back] = queries.load_documents(con, ["d1"])
    assert back.to_dict() == doc.to_dict()


def test_writing_twice_changes_nothing(con):
    write_documents(con, [make_doc("d1"), make_doc("d2")])
    before = queries.counts(con)
    counts = write_documents(con, [make_doc("d1"), make_doc("d2"), make_doc("d2")])
    assert counts.stored == 0 and counts.duplicates == 3
    assert queries.counts(con) == before


def test_same_id_twice_in_one_batch_is_stored_once(con):
    counts = write_documents(con, [make_doc("d1"), make_doc("d1")])
    assert counts.stored == 1 and counts.duplicates == 1
    assert queries.counts(con)["articles"] == 1


def test_failed_batch_leaves_nothing(con, monkeypatch):
    def boom(*_args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(dedup, "update_clusters", boom)
    with pytest.raises(RuntimeError):
        write_documents(con, [make_doc("d1")])
    assert queries.counts(con)["articles"] == 0
    assert queries.counts(con)["events"] == 0


# --- dedup -----------------------------------------------------------------

def test_group_by_window_anchors_on_first_day():
    import datetime as dt

    days = [dt.date(2023, 3, d) for d in (1, 2, 3, 4, 9)]
    assert dedup.group_by_window(days) == [0, 0, 2, 2, 4]


def test_reports_of_one_event_become_one_cluster(con):
    write_documents(con, [make_doc("d1", source="Paper A"), make_doc("d2", source="Paper B", date="2023-03-07"),
                          make_doc("d3", source="Paper A")])
    [cluster] = con.execute("SELECT num_mentions, num_articles, num_sources, first_day FROM event_clusters"
                            ).fetchall()
    assert cluster[:3] == (3, 3, 2)
    assert str(cluster[3]) == "2023-03-06"
    assert len(queries.events(con)) == 1
    assert len(queries.events(con, queries.EventFilter(reports=True))) == 3


def test_other_type_date_or_actors_make_other_clusters(con):
    write_documents(con, [make_doc("d1"), make_doc("d2", date="2023-03-09"), make_doc("d3", type_="AGREE")])
    other = make_doc("d4")
    other.actors[0].code = "FRAGOV"
    write_documents(con, [other])
    assert con.execute("SELECT count(*) FROM event_clusters").fetchone()[0] == 4


def test_clusters_do_not_depend_on_arrival_order():
    docs = [make_doc(f"d{i}", date=f"2023-03-{d:02d}", source=f"S{i % 3}")
            for i, d in enumerate([6, 7, 8, 9, 12, 13, 6, 10])]
    snapshots = []
    for order in (docs, list(reversed(docs)), docs[3:] + docs[:3]):
        c = connect(":memory:")
        for doc in order:
            write_documents(c, [doc])
        snapshots.append(c.execute("SELECT * FROM event_clusters ORDER BY id").fetchall())
        snapshots.append(c.execute("SELECT article_id, cluster_id FROM events ORDER BY 1").fetchall())
        c.close()
    assert snapshots[0] == snapshots[2] == snapshots[4]
    assert snapshots[1] == snapshots[3] == snapshots[5]


def test_undated_events_cluster_per_article(con):
    write_documents(con, [make_doc("d1", published=None, date=None), make_doc("d2", published=None, date=None)])
    assert con.execute("SELECT count(*) FROM event_clusters").fetchone()[0] == 2


#: Three wires on one meeting in Santiago: two say it happened, one that it did not (or will, or might).
SUMMIT = "Chile's foreign minister met the Peruvian envoy in Santiago on Tuesday."


def summit_report(doc_id: str, status: str, source: str, date: str | None = "2024-09-10") -> Document:
    doc = Document(id=doc_id, text=SUMMIT, source=source, published="2024-09-10", title="Santiago talks")
    doc.actors = [Actor("a1", "Chilean foreign minister", "person", "CHL", "GOV", None, "CHLGOV",
                        [Mention(0, 24, SUMMIT[0:24])]),
                  Actor("a2", "Peruvian envoy", "person", "PER", "GOV", None, "PERGOV",
                        [Mention(33, 47, SUMMIT[33:47])])]
    doc.events = [Event("e1", "CONSULT", cameo="040", quad_class=1, goldstein=1.0, plover_score=2.5,
                        actors=["a1"], recipients=["a2"], status=status, date=date,
                        date_source="text" if date else "none",  # no date: a background event, no day
                        date_precision="day" if date else "unknown", evidence=Evidence(0, len(SUMMIT), SUMMIT),
                        confidence=0.9)]
    return doc


def _mixed_clusters(c) -> list:
    """Clusters whose reports do not all have the cluster's status."""
    return c.execute("SELECT c.id FROM event_clusters c JOIN events e ON e.cluster_id = c.id "
                     "GROUP BY c.id, c.status HAVING count(DISTINCT coalesce(e.status, 'asserted')) > 1 "
                     "OR any_value(coalesce(e.status, 'asserted')) <> c.status").fetchall()


@pytest.mark.parametrize("other", ["negated", "future", "hypothetical"])
@pytest.mark.parametrize("date", ["2024-09-10", None])
def test_a_cluster_never_mixes_statuses(con, other, date):
    """Same type, actors and day: the two asserted reports are one event; the third, of another
    status, is a cluster of its own, so every count by status is right."""
    write_documents(con, [summit_report("wire-a", "asserted", "Wire A", date),
                          summit_report("wire-b", other, "Wire B", date),
                          summit_report("wire-c", "asserted", "Wire C", date)])
    assert _mixed_clusters(con) == []
    keys = dict(con.execute("SELECT article_id, cluster_key FROM events").fetchall())
    assert keys["wire-a"] == keys["wire-c"] == "asserted|CONSULT|CHLGOV|PERGOV"
    assert keys["wire-b"] == f"{other}|CONSULT|CHLGOV|PERGOV"
    by_status = dict(con.execute("SELECT status, sum(num_mentions) FROM event_clusters GROUP BY 1").fetchall())
    if date:  # one dated cluster per status
        assert by_status == {"asserted": 2, other: 1}
        assert con.execute("SELECT status, num_articles, num_sources FROM event_clusters ORDER BY status"
                           ).fetchall() == sorted([("asserted", 2, 2), (other, 1, 1)])
    else:  # undated: a cluster per article, whatever the status
        assert by_status == {"asserted": 2, other: 1}
    every = queries.EventFilter(status="all")
    assert queries.facet_counts(con, every, "status") == ({"asserted": 1, other: 1} if date
                                                          else {"asserted": 2, other: 1})


def test_an_older_store_is_rekeyed_by_status_once(tmp_path):
    """A store of schema 3 keyed clusters without status, so an asserted and a negated report of
    one meeting were one cluster; a writer's connect re-keys it and rebuilds its clusters as a
    fresh store of the same reports would have them, and doing it again changes nothing."""
    from dragoman.store.db import SCHEMA_VERSION

    docs = [summit_report("wire-a", "asserted", "Wire A"), summit_report("wire-b", "negated", "Wire B"),
            summit_report("wire-c", "asserted", "Wire C", date=None)]
    path = tmp_path / "old.duckdb"
    c = connect(path)
    write_documents(c, docs)
    fresh = sorted(c.execute("SELECT * EXCLUDE (status), status FROM event_clusters").fetchall())
    fresh_events = sorted(c.execute("SELECT article_id, id, cluster_key, cluster_id FROM events").fetchall())
    # as schema 3 wrote it: keys without status, clusters that mix statuses, no event_clusters.status
    c.execute("UPDATE events SET cluster_key = substr(cluster_key, strpos(cluster_key, '|') + 1), cluster_id = NULL")
    c.execute("DELETE FROM event_clusters")
    c.execute("ALTER TABLE event_clusters DROP COLUMN status")
    c.execute("ALTER TABLE event_clusters ADD COLUMN status VARCHAR")  # rebuilt by the old writer below
    reports = c.execute("SELECT cluster_key, day, article_id, id, type, NULL FROM events").fetchall()
    dedup.update_clusters(c, [dict(zip(("cluster_key", "day", "article_id", "id", "type", "status"), r))
                              for r in reports])
    c.execute("UPDATE event_clusters SET status = NULL")
    c.execute("ALTER TABLE event_clusters DROP COLUMN status")
    c.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    assert c.execute("SELECT max(num_mentions) FROM event_clusters").fetchone()[0] == 2  # mixed
    c.close()

    ro = connect(path, read_only=True)  # read-only, not yet re-keyed: the queries still keep statuses apart
    assert queries.facet_counts(ro, queries.EventFilter(status="all"), "status") == {"asserted": 2, "negated": 1}
    ro.close()
    for _ in range(2):
        c = connect(path)
        assert c.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == SCHEMA_VERSION
        assert _mixed_clusters(c) == []
        assert sorted(c.execute("SELECT * EXCLUDE (status), status FROM event_clusters").fetchall()) == fresh
        assert sorted(c.execute("SELECT article_id, id, cluster_key, cluster_id FROM events").fetchall()
                      ) == fresh_events
        c.close()


# --- queries ---------------------------------------------------------------

@pytest.fixture()
def filled(con):
    write_documents(con, [make_doc("d1"), make_doc("d2", source="Paper B"),
                          make_doc("d3", date="2023-04-20", published="2023-04-20", type_="ACCUSE"),
                          make_doc("d4", date="2023-04-21", published="2023-04-21", second_event=True)])
    return con


def test_events_filters(filled):
    assert len(queries.events(filled)) == 4  # CONSULT x2 (one cluster), ACCUSE, CONSULT, AGREE
    assert {r["type"] for r in queries.events(filled, queries.EventFilter(type="accuse"))} == {"ACCUSE"}
    assert len(queries.events(filled, queries.EventFilter(actor="BEL", recipient="NLD"))) == 3
    assert queries.events(filled, queries.EventFilter(actor="NLD", recipient="BEL")) == []
    assert len(queries.events(filled, queries.EventFilter(actor="belgian premier"))) == 4
    assert len(queries.events(filled, queries.EventFilter(actor="BELGOV", since="2023-04-01"))) == 3
    assert len(queries.events(filled, queries.EventFilter(until="2023-03-31"))) == 1


def test_filter_values_are_not_sql(filled):
    hostile = "x' OR 1=1; DROP TABLE events; --"
    assert queries.events(filled, queries.EventFilter(actor=hostile, recipient=hostile, q=hostile)) == []
    with pytest.raises(queries.FilterError):
        queries.EventFilter(type=hostile)
    assert queries.dyads(filled, hostile, hostile) == []
    assert queries.counts(filled)["events"] == 5


def test_dyads_both_directions_and_directed(filled):
    rows = queries.dyads(filled, "NLD", "BEL", freq="month")
    assert [(str(r["period"]), r["events"], r["quad1"]) for r in rows] == [("2023-03-01", 1, 1),
                                                                           ("2023-04-01", 3, 3)]
    assert rows[1]["plover_score"] == pytest.approx(4.0 + 4.0 + 2.5)
    assert rows[1]["goldstein"] == pytest.approx(1.9 + 1.9 + 4.0)
    directed = queries.dyads(filled, "NLD", "BEL", freq="month", directed=True)
    assert {(str(r["period"]), r["direction"], r["events"]) for r in directed} == {
        ("2023-03-01", "BEL>NLD", 1), ("2023-04-01", "BEL>NLD", 2), ("2023-04-01", "NLD<>BEL", 1)}
    reports = queries.dyads(filled, "BEL", "NLD", freq="day", flt=queries.EventFilter(reports=True))
    assert sum(r["events"] for r in reports) == 5


def test_dyads_rejects_unknown_freq(filled):
    with pytest.raises(ValueError):
        queries.dyads(filled, "NLD", "BEL", freq="hour")


# --- exports ---------------------------------------------------------------

def test_export_jsonl_rebuilds_records(filled):
    buf = io.StringIO()
    assert export.write_jsonl(filled, buf) == 4
    records = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert records[0] == make_doc("d1").to_dict()
    assert list(records[0]) == list(make_doc("d1").to_dict())


def test_export_csv(filled):
    buf = io.StringIO()
    assert export.write_csv(filled, buf) == 5
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert rows[0]["type"] == "CONSULT" and rows[0]["num_articles"] == "2"
    assert rows[0]["actor_codes"] == "BELGOV" and rows[0]["recipient_codes"] == "NLDGOV"


def test_export_parquet_partitioned_by_day(filled, tmp_path):
    import pyarrow.dataset as ds

    out = tmp_path / "pq"
    assert export.write_parquet(filled, out) == 5
    assert sorted(p.name for p in out.iterdir()) == ["day=2023-03-06", "day=2023-04-20", "day=2023-04-21"]
    table = ds.dataset(out, partitioning="hive").to_table()
    assert table.num_rows == 5
    assert set(table.column("type").to_pylist()) == {"CONSULT", "ACCUSE", "AGREE"}


def test_export_gdelt(filled):
    buf = io.StringIO()
    n = export.write_gdelt(filled, buf)
    lines = buf.getvalue().splitlines()
    assert n == 4 and len(lines) == 4  # GDELT files have no header line
    with_header = io.StringIO()
    export.write_gdelt(filled, with_header, header=True)
    header = with_header.getvalue().splitlines()[0].split("\t")
    assert header == export.GDELT_COLUMNS and len(header) == 61
    first = dict(zip(header, lines[0].split("\t")))
    assert first["Day"] == "20230306" and first["Actor1Code"] == "BELGOV" and first["Actor2CountryCode"] == "NLD"
    assert first["EventCode"] == "042" and first["EventRootCode"] == "04" and first["QuadClass"] == "1"
    assert first["NumArticles"] == "2" and first["NumSources"] == "2" and first["NumMentions"] == "2"
    assert first["ActionGeo_FullName"].startswith("The Hague") and first["SOURCEURL"].startswith("https://example.org/")
    assert first["ActionGeo_CountryCode"] == "NL" and first["ActionGeo_Type"] == "4"  # FIPS, a world city
    assert all(len(line.split("\t")) == 61 for line in lines)


def test_export_gdelt_dyadic_expands_pairs(con):
    doc = make_doc("d1")
    doc.actors.append(Actor("a3", "Luxembourg", "country", "LUX", None, None, "LUX", []))
    doc.events[0].actors = ["a2", "a3"]
    write_documents(con, [doc])
    buf = io.StringIO()
    assert export.write_gdelt(con, buf, dyadic=True) == 2
    rows = [dict(zip(export.GDELT_COLUMNS, line.split("\t"))) for line in buf.getvalue().splitlines()]
    assert {(r["Actor1Code"], r["Actor2Code"]) for r in rows} == {("BELGOV", "NLDGOV"), ("LUX", "NLDGOV")}
    assert len({r["GlobalEventID"] for r in rows}) == 2


# --- commands --------------------------------------------------------------

run = run_cli  # shared with the other command tests (conftest)


@pytest.fixture()
def db_file(tmp_path):
    path = tmp_path / "store.duckdb"
    c = connect(path)
    write_documents(c, [make_doc("d1"), make_doc("d2", source="Paper B"),
                        make_doc("d3", date="2023-04-20", published="2023-04-20", type_="ACCUSE")])
    c.close()
    return path


def test_cli_events_formats(monkeypatch, capsys, db_file):
    code, out, err = run(monkeypatch, capsys, "events", "--db", str(db_file), "--format", "json", "--actor", "BEL")
    assert code == 0, err
    rows = json.loads(out)
    assert [r["type"] for r in rows] == ["CONSULT", "ACCUSE"] and rows[0]["num_articles"] == 2
    code, out, _ = run(monkeypatch, capsys, "events", "--db", str(db_file), "--format", "csv", "--type", "ACCUSE")
    assert code == 0 and list(csv.DictReader(io.StringIO(out)))[0]["day"] == "2023-04-20"
    code, out, _ = run(monkeypatch, capsys, "events", "--db", str(db_file), "--format", "table")
    assert code == 0 and "CONSULT" in out


def test_cli_dyads(monkeypatch, capsys, db_file):
    code, out, err = run(monkeypatch, capsys, "dyads", "--db", str(db_file), "--a", "NLD", "--b", "BEL",
                         "--freq", "day", "--format", "json")
    assert code == 0, err
    assert [(r["period"], r["events"]) for r in json.loads(out)] == [("2023-03-06", 1), ("2023-04-20", 1)]


def test_cli_export(monkeypatch, capsys, db_file, tmp_path):
    for fmt in ("jsonl", "csv", "gdelt"):
        out_path = tmp_path / f"out.{fmt}"
        code, _, err = run(monkeypatch, capsys, "export", "--db", str(db_file), "--format", fmt, "--out", str(out_path))
        assert code == 0, err
        assert out_path.read_text(encoding="utf-8").strip()
    code, _, err = run(monkeypatch, capsys, "export", "--db", str(db_file), "--format", "parquet",
                       "--out", str(tmp_path / "pq"))
    assert code == 0, err


def test_cli_usage_errors(monkeypatch, capsys, db_file, tmp_path):
    code, _, err = run(monkeypatch, capsys, "events", "--db", str(tmp_path / "missing.duckdb"))
    assert code == 2 and "no such store" in err
    code, _, err = run(monkeypatch, capsys, "events", "--db", str(db_file), "--since", "yesterday")
    assert code == 2
    code, _, err = run(monkeypatch, capsys, "dyads", "--db", str(db_file), "--a", "X", "--b", "Y", "--freq", "hour")
    assert code == 2


# --- end to end: ingest through the coder -----------------------------------

ARTICLES = {
    "talks.txt": ("Chile's foreign minister flew to Lima on Wednesday for talks with Peru's president.\n\n"
                  "The two governments signed an agreement on fishing rights, officials said.\n"),
    "rally.txt": ("Thousands of teachers marched through Nairobi on Friday to demand higher pay.\n\n"
                  "Police said the protest ended peacefully in the evening.\n"),
}


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def ingest_files(coder, paths, db, published="2024-02-07"):
    """The ingest command's core, with the session's Coder (one spaCy load)."""
    from dragoman.ingest import ReadOptions, read_paths
    from dragoman.store import parallel
    from dragoman.store.ingest import ingest

    parallel._CODERS.setdefault(coder.options, coder)
    con = connect(db)
    try:
        skips = []
        summary = ingest([str(p) for p in paths], con, read_paths([str(p) for p in paths],
                         ReadOptions(published=published)), coder.options, on_skip=skips.append)
        return summary, queries.counts(con), skips
    finally:
        con.close()


def test_ingest_twice_leaves_counts_unchanged(coder, corpus, tmp_path):
    db = tmp_path / "s.duckdb"
    paths = sorted(corpus.iterdir())
    first, counts, _ = ingest_files(coder, paths, db)
    assert first.stored == 2 and counts["articles"] == 2
    second, again, _ = ingest_files(coder, paths, db)
    assert second.stored == 0 and second.duplicates == 2
    assert again == counts


def test_ingest_reports_skips_and_logs_them(coder, corpus, tmp_path):
    db = tmp_path / "s.duckdb"
    summary, counts, skips = ingest_files(coder, [corpus / "talks.txt", tmp_path / "nope.txt"], db)
    assert summary.stored == 1 and summary.skipped == 1
    assert skips[0].reason == "no such file"
    c = connect(db, read_only=True)
    assert c.execute("SELECT outcome, reason FROM ingest_log ORDER BY outcome").fetchall() == [
        ("skipped", "no such file"), ("stored", None)]
    assert c.execute("SELECT status, stored, skipped FROM ingest_runs").fetchall() == [("done", 1, 1)]
    c.close()


def test_stored_record_equals_code_output(coder, corpus, tmp_path):
    from dragoman.ingest import ReadOptions, read_paths

    db = tmp_path / "s.duckdb"
    path = corpus / "talks.txt"
    ingest_files(coder, [path], db)
    [coded] = [d for d in coder.code_many(read_paths([str(path)], ReadOptions(published="2024-02-07")))]
    c = connect(db, read_only=True)
    [stored] = list(queries.iter_documents(c))
    c.close()
    assert stored.to_dict() == coded.to_dict()


@pytest.mark.skipif(not SEED.exists(), reason="../shared is not present")
def test_seed_dyads_give_the_seeds_events(coder, tmp_path):
    db = tmp_path / "seed.duckdb"
    ingest_files(coder, [SEED], db, published=None)
    c = connect(db, read_only=True)
    n_events = c.execute("SELECT count(*) FROM events").fetchone()[0]
    if n_events == 0:
        c.close()
        pytest.skip("the event stage codes nothing yet")
    rows = queries.dyads(c, "ISR", "TUR", freq="month", flt=queries.EventFilter(reports=True))
    bilateral = queries.events(c, queries.EventFilter(actor="ISR", recipient="TUR", reports=True)) + \
        queries.events(c, queries.EventFilter(actor="TUR", recipient="ISR", reports=True))
    c.close()
    assert sum(r["events"] for r in rows) >= len({(e["article_id"], e["event_id"]) for e in bilateral}) >= 1


def test_an_article_that_breaks_a_stage_is_skipped_not_fatal(coder):
    from dragoman.model import RawArticle
    from dragoman.store.parallel import code_work

    class Fragile:
        """The session's coder with one stage that fails on one article."""

        def __init__(self, inner):
            self.inner = inner

        def code_many(self, items, batch_size=32):
            for item in self.inner.code_many(items, batch_size):
                if isinstance(item, Document) and "volcano" in item.text:
                    raise RuntimeError("stage bug")
                yield item

    work = [(f"f{i}.txt", RawArticle(text=text, id=f"r{i}", origin=f"f{i}.txt")) for i, text in enumerate(
        ["Iceland closed a road near the volcano on Sunday.", "Chile and Peru signed a fishing pact."])]
    results = code_work(Fragile(coder), work)
    assert [o for o, _ in results] == ["f0.txt", "f1.txt"]
    assert "internal error (RuntimeError: stage bug)" in results[0][1].reason
    assert isinstance(results[1][1], Document) and results[1][1].id == "r1"


def test_cli_ingest_folder_summary_and_exit_3(monkeypatch, capsys, coder, corpus, tmp_path):
    from dragoman.store import parallel

    parallel._CODERS.setdefault(coder.options, coder)
    db = tmp_path / "cli.duckdb"
    code, out, err = run(monkeypatch, capsys, "ingest", str(corpus), "--db", str(db), "--published", "2024-02-07")
    assert code == 0, err
    assert "ingested 2 articles" in err and "articles/s" in err
    code, _, err = run(monkeypatch, capsys, "ingest", str(corpus), str(tmp_path / "gone.txt"), "--db", str(db))
    assert code == 3
    assert "dragoman: skipped" in err and "no such file" in err and "(2 already stored, 1 skipped)" in err
    code, out, err = run(monkeypatch, capsys, "export", "--db", str(db), "--format", "jsonl", "--out", "-")
    assert code == 0 and len(out.strip().splitlines()) == 2
