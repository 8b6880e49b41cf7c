"""Versioned codings and `ingest --recode` (issue 12 part 8); `dragoman.query` (part 9)."""

from __future__ import annotations

import json
import time

import pyarrow as pa
import pytest

import dragoman
from dragoman import version as versioning
from dragoman.store import queries, recode
from dragoman.store.db import SCHEMA_VERSION, connect
from dragoman.store.writer import write_documents
from conftest import run_cli
from test_store import ARTICLES, make_doc

run = run_cli

MORE = {
    "fire.txt": ("Israeli aircraft struck targets in Gaza on Thursday, the army said.\n\n"
                 "Hamas fired rockets at Ashkelon in response, police said.\n"),
    "visit.txt": ("Turkey's foreign minister visited Athens on Monday and met his Greek counterpart.\n"),
}


# --- the version string ------------------------------------------------------------------------

def test_coder_version_names_package_coder_model_and_knowledge(monkeypatch):
    monkeypatch.delenv(versioning.CODER_SETTING, raising=False)
    v = versioning.coder_version()
    head, events, kb = v.split("+")
    assert head == dragoman.__version__
    assert events.startswith("events.patterns.m")
    assert kb.startswith("kb.") and len(kb) == len("kb.") + 7
    monkeypatch.setenv(versioning.CODER_SETTING, "learned")
    assert versioning.coder_version() == v.replace("events.patterns.", "events.learned.")


def test_coder_setting_is_the_event_stage_s():
    from dragoman import events

    assert versioning.CODER_SETTING == events.CODER_SETTING


def test_extra_kb_files_change_the_version(tmp_path):
    extra = tmp_path / "people.tsv"
    extra.write_text("name\tcountry\nJane Roe\tNOR\n", encoding="utf-8")
    assert versioning.coder_version([str(extra)]).startswith(versioning.coder_version() + "+userkb.")


def test_hash_follows_file_content(tmp_path):
    a = tmp_path / "a.tsv"
    a.write_text("x", encoding="utf-8")
    first = versioning.digest([a], tmp_path)
    a.write_text("y", encoding="utf-8")
    assert versioning.digest([a], tmp_path) != first


def test_version_is_cheap_and_computed_once():
    versioning._knowledge.cache_clear()
    t = time.perf_counter()
    versioning.coder_version()
    first = time.perf_counter() - t
    t = time.perf_counter()
    for _ in range(1000):
        versioning.coder_version()
    assert first < 0.02  # hashing the knowledge files: ~2 ms measured
    assert (time.perf_counter() - t) / 1000 < 0.0005
    assert versioning._knowledge.cache_info().misses == 1


def test_record_carries_coder_version(coder):
    doc = coder.code(dragoman.RawArticle(text=MORE["visit.txt"], origin="t"))
    record = doc.to_dict()
    assert record["coder_version"] == versioning.coder_version()
    keys = list(record)
    assert keys.index("coder_version") == keys.index("language") + 1
    assert dragoman.Document.from_dict(json.loads(doc.to_json())).coder_version == record["coder_version"]


# --- the store: column and migration -------------------------------------------------------------

def _old_store(path):
    """A store as schema 1 wrote it: no coder_version column."""
    c = connect(path)
    write_documents(c, [make_doc("d1"), make_doc("d2", source="Paper B")])
    c.execute("ALTER TABLE articles DROP COLUMN coder_version")
    c.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    c.close()


def test_a_store_without_the_column_still_reads_and_is_upgraded(tmp_path):
    db = tmp_path / "old.duckdb"
    _old_store(db)
    c = connect(db, read_only=True)
    assert [d.coder_version for d in queries.iter_documents(c)] == [None, None]
    assert queries.count_events(c) == 1
    c.close()
    c = connect(db)  # a writer upgrades it
    assert c.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == SCHEMA_VERSION
    assert c.execute("SELECT count(*) FROM articles WHERE coder_version IS NULL").fetchone()[0] == 2
    assert recode.count_stale(c, versioning.coder_version()) == 2
    c.close()


def test_stored_article_keeps_the_record_s_version(tmp_path):
    c = connect(":memory:")
    doc = make_doc("v1")
    doc.coder_version = "0.0.1+events.patterns.m1.aaaaaaa+kb.bbbbbbb"
    write_documents(c, [doc])
    assert c.execute("SELECT coder_version FROM articles").fetchone()[0] == doc.coder_version
    [back] = queries.load_documents(c, ["v1"])
    assert back.to_dict() == doc.to_dict()


# --- replacing a coding in place keeps clusters consistent ---------------------------------------

def _clusters(c):
    return sorted(c.execute("SELECT id, cluster_key, first_day, last_day, num_mentions, num_articles, "
                            "num_sources, article_id, event_id FROM event_clusters").fetchall(),
                  key=lambda r: r[0])


def _event_clusters(c):
    return sorted(c.execute("SELECT article_id, id, cluster_id FROM events").fetchall())


def test_replace_batch_matches_a_fresh_store():
    old = [make_doc("x1", second_event=True), make_doc("x2", source="Paper B"),
           make_doc("x3", date=None, published=None)]
    new = [make_doc("x1"), make_doc("x2", source="Paper B", type_="ACCUSE", second_event=True),
           make_doc("x3", date=None, published=None, type_="ACCUSE")]
    for d in old:
        d.coder_version = "old"
    for d in new:
        d.coder_version = "new"
    c = connect(":memory:")
    write_documents(c, old)
    counts = recode.replace_batch(c, [("-", d) for d in new])
    assert counts.stored == 3
    fresh = connect(":memory:")
    write_documents(fresh, new)
    assert queries.counts(c) == queries.counts(fresh)
    assert _clusters(c) == _clusters(fresh)
    assert _event_clusters(c) == _event_clusters(fresh)
    assert [d.to_dict() for d in queries.iter_documents(c)] == [d.to_dict() for d in new]


def test_recode_writes_through_the_writer_s_own_replace():
    """One writer: recode has no copy of the writer's bookkeeping, it calls `writer.replace_batch`."""
    from dragoman.store import writer

    assert recode.replace_batch is writer.replace_batch
    assert not hasattr(recode, "CHILD_TABLES")


def test_replace_batch_keeps_the_article_row_and_logs_recoded(tmp_path):
    """A replaced article keeps when and where it was first stored; its coding, version and log are
    new.  An id the store lacks is stored as ingest would, and a second copy in the batch is a
    duplicate, as in `write_batch`."""
    from dragoman.store import writer

    c = connect(tmp_path / "r.duckdb")
    first = make_doc("kept")
    first.coder_version = "old"
    run = writer.start_run(c, ["in"], 1, None)
    writer.write_batch(c, [("in/kept.txt", first)], run)
    before = c.execute("SELECT origin, run_id, ingested_at, text FROM articles WHERE id = 'kept'").fetchone()
    again = make_doc("kept", type_="ACCUSE", second_event=True)
    again.coder_version = "new"
    fresh = make_doc("fresh", source="Paper B")
    fresh.coder_version = "new"
    counts = writer.replace_batch(c, [("in/kept.txt", again), ("in/kept.txt", again), ("in/fresh.txt", fresh)])
    assert (counts.stored, counts.duplicates, counts.events) == (2, 1, 3)
    assert c.execute("SELECT origin, run_id, ingested_at, text FROM articles WHERE id = 'kept'").fetchone() == before
    assert dict(c.execute("SELECT id, coder_version FROM articles").fetchall()) == {"kept": "new", "fresh": "new"}
    assert sorted(c.execute("SELECT article_id, outcome FROM ingest_log WHERE article_id IS NOT NULL").fetchall()) == [
        ("fresh", "stored"), ("kept", "recoded"), ("kept", "stored")]
    assert [d.to_dict() for d in queries.load_documents(c, ["kept", "fresh"])] == [again.to_dict(), fresh.to_dict()]
    c.close()


# --- ingest --recode through the coder -----------------------------------------------------------

@pytest.fixture()
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in {**ARTICLES, **MORE}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _ingest(coder, folder, db):
    from dragoman.ingest import ReadOptions, read_paths
    from dragoman.store import parallel
    from dragoman.store.ingest import ingest

    parallel._CODERS.setdefault(coder.options, coder)
    c = connect(db)
    try:
        return ingest([str(folder)], c, read_paths([str(folder)], ReadOptions(published="2024-02-07")),
                      coder.options)
    finally:
        c.close()


def _recoded_per_article(c):
    return dict(c.execute("SELECT article_id, count(*) FROM ingest_log WHERE outcome = 'recoded' "
                          "GROUP BY 1").fetchall())


def test_recode_after_a_version_change_recodes_each_article_once(coder, inputs, tmp_path, monkeypatch):
    db = tmp_path / "s.duckdb"
    summary = _ingest(coder, inputs, db)
    assert summary.stored == 4
    c = connect(db)
    before = queries.counts(c)
    before_records = [d.to_dict() for d in queries.iter_documents(c)]
    assert {r["coder_version"] for r in before_records} == {versioning.coder_version()}
    assert recode.recode(c, coder.options).stored == 0  # nothing is stale yet

    monkeypatch.setattr(dragoman, "__version__", "9.9.9")
    current = versioning.coder_version()
    assert current.startswith("9.9.9+")
    first = recode.recode(c, coder.options, chunk_size=3)
    assert first.stored == 4 and first.skipped == 0
    assert _recoded_per_article(c) == {r["id"]: 1 for r in before_records}
    assert queries.counts(c) == before  # replaced, not added
    after = [d.to_dict() for d in queries.iter_documents(c)]
    assert {r["coder_version"] for r in after} == {current}
    assert [{**r, "coder_version": None} for r in after] == [{**r, "coder_version": None} for r in before_records]
    assert c.execute("SELECT count(*) FROM events WHERE cluster_id IS NULL OR cluster_id NOT IN "
                     "(SELECT id FROM event_clusters)").fetchone()[0] == 0

    second = recode.recode(c, coder.options)
    assert second.stored == 0
    assert _recoded_per_article(c) == {r["id"]: 1 for r in before_records}
    assert c.execute("SELECT paths, status, stored FROM ingest_runs ORDER BY id").fetchall()[-2:] == [
        ("--recode", "done", 4), ("--recode", "done", 0)]
    c.close()


def test_recode_killed_midway_is_finished_by_a_rerun(coder, inputs, tmp_path, monkeypatch):
    db = tmp_path / "s.duckdb"
    _ingest(coder, inputs, db)
    monkeypatch.setattr(dragoman, "__version__", "9.9.9")
    c = connect(db)
    real = recode.replace_batch
    calls = []

    def dies_on_second_batch(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt  # killed while writing its second batch
        return real(*args, **kwargs)

    monkeypatch.setattr(recode, "replace_batch", dies_on_second_batch)
    with pytest.raises(KeyboardInterrupt):
        recode.recode(c, coder.options, chunk_size=1)
    monkeypatch.setattr(recode, "replace_batch", real)
    assert recode.count_stale(c, versioning.coder_version()) == 3
    assert c.execute("SELECT status, stored FROM ingest_runs ORDER BY id DESC LIMIT 1").fetchone() == (
        "interrupted", 1)
    rest = recode.recode(c, coder.options)
    assert rest.stored == 3
    assert recode.count_stale(c, versioning.coder_version()) == 0
    assert set(_recoded_per_article(c).values()) == {1} and len(_recoded_per_article(c)) == 4
    c.close()


def test_cli_ingest_recode(monkeypatch, capsys, coder, inputs, tmp_path):
    from dragoman.store import parallel

    parallel._CODERS.setdefault(coder.options, coder)
    db = tmp_path / "cli.duckdb"
    code, _, err = run(monkeypatch, capsys, "ingest", str(inputs), "--db", str(db), "--published", "2024-02-07")
    assert code == 0, err
    code, _, err = run(monkeypatch, capsys, "ingest", "--db", str(db))
    assert code == 2 and "--recode" in err
    monkeypatch.setattr(dragoman, "__version__", "9.9.9")
    code, _, err = run(monkeypatch, capsys, "ingest", "--recode", "--db", str(db))
    assert code == 0, err
    assert "re-coded 4 articles" in err and "9.9.9+" in err
    code, _, err = run(monkeypatch, capsys, "ingest", "--recode", "--db", str(db), "--quiet")
    assert code == 0 and err == ""
    code, out, _ = run(monkeypatch, capsys, "export", "--db", str(db), "--format", "jsonl", "--out", "-")
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 4 and {r["coder_version"][:6] for r in records} == {"9.9.9+"}


# --- dragoman.query ------------------------------------------------------------------------------

@pytest.fixture()
def store(tmp_path):
    path = tmp_path / "q.duckdb"
    c = connect(path)
    negated = make_doc("d4", source="Paper C")
    negated.events[0].status = "negated"
    write_documents(c, [make_doc("d1"), make_doc("d2", source="Paper B", second_event=True),
                        make_doc("d3", date="2023-04-20", published="2023-04-20", type_="ACCUSE"), negated])
    c.close()
    return path


@pytest.mark.parametrize("filters", [{}, {"actor": "BEL"}, {"actor": "NLD"}, {"type": "ACCUSE"},
                                     {"status": "all"}, {"status": "negated"}, {"reports": True},
                                     {"since": "2023-04-01"}, {"status": ["asserted", "negated"], "reports": True}])
def test_query_is_the_events_query_as_arrow(store, filters):
    table = dragoman.query(str(store), **filters)
    assert isinstance(table, pa.Table)
    c = connect(store, read_only=True)
    flt = queries.EventFilter(**filters)
    rows = queries.events(c, flt)
    assert table.num_rows == len(rows) == queries.count_events(c, flt)
    assert table.column("event_id").to_pylist() == [r["event_id"] for r in rows]
    assert dragoman.query(c, **filters).num_rows == len(rows)  # an open connection works too
    c.close()


def test_query_defaults_to_asserted_and_matches_the_cli(store, monkeypatch, capsys):
    table = dragoman.query(store, actor="BEL")
    assert set(table.column("status").to_pylist()) == {"asserted"}
    code, out, err = run(monkeypatch, capsys, "events", "--db", str(store), "--actor", "BEL", "--format", "json")
    assert code == 0, err
    assert len(json.loads(out)) == table.num_rows
    assert table.schema.field("day").type == pa.date32()
    assert table.schema.field("actor_codes").type == pa.list_(pa.string())


def test_query_bad_value_and_empty_result(store):
    with pytest.raises(queries.FilterError, match="status"):
        dragoman.query(store, status="maybe")
    empty = dragoman.query(store, actor="nobody")
    assert empty.num_rows == 0 and "event_id" in empty.column_names
    with pytest.raises(FileNotFoundError):
        dragoman.query(store.parent / "missing.duckdb")
