"""Ingest at scale: kill -9 and resume, local worker processes, a Dask cluster (issue 6).

Each test compares store *content* with a clean serial run's: every row of
every coded table and the event clusters, generated timestamps and run ids
aside.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dragoman.store.db import connect

_SCRIPT = Path(sys.executable).with_name("dragoman")
DRAGOMAN = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "dragoman.cli"]

COUNTRIES = [("Chile", "Santiago"), ("Peru", "Lima"), ("Kenya", "Nairobi"), ("Norway", "Oslo"),
             ("Japan", "Tokyo"), ("Ghana", "Accra"), ("Poland", "Warsaw"), ("Canada", "Ottawa")]
ACTS = ["met the ambassador of {b} in {city} to discuss trade",
        "accused {b} of breaking the fishing agreement",
        "signed a water-sharing deal with {b} in {city}",
        "sent emergency food aid to {b} after the floods"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def short_articles(n: int) -> list[dict]:
    """n one-sentence articles with distinct ids, texts and a few repeated events."""
    rows = []
    for i in range(n):
        a, city = COUNTRIES[i % 8]
        b = COUNTRIES[(i // 8 + 1 + i % 8) % 8][0]
        act = ACTS[(i // 3) % 4].format(b=b, city=city)
        rows.append({"id": f"gen-{i:05d}", "source": f"Wire {i % 4}",
                     "published": f"2024-0{1 + i % 9}-1{i % 10}",
                     "text": f"The foreign minister of {a} {act} on {DAYS[i % 5]}, officials said in bulletin {i}."})
    return rows


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


#: Columns that differ between runs by design.
GENERATED = {"run_id", "ingested_at"}


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every coded row, sorted, generated columns left out."""
    con = connect(db)
    out = {}
    try:
        for table in ("articles", "actors", "mentions", "events", "event_actors", "quotes", "media",
                      "removed", "timexes", "places", "event_clusters"):
            cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in GENERATED]
            rows = con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
    finally:
        con.close()
    return out


def ingest_cli(*args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*DRAGOMAN, "ingest", *map(str, args)], capture_output=True, text=True,
                          timeout=600, **kw)


def test_kill_9_then_resume_equals_a_clean_run(tmp_path):
    corpus = write_jsonl(tmp_path / "corpus.jsonl", short_articles(2000))
    clean_db = tmp_path / "clean.duckdb"
    start = time.monotonic()
    done = ingest_cli(corpus, "--db", clean_db)
    clean_seconds = time.monotonic() - start
    assert done.returncode == 0, done.stderr
    expected = snapshot(clean_db)
    assert len(expected["articles"]) == 2000

    rng = random.Random()
    db = tmp_path / "killed.duckdb"
    for attempt in range(4):
        for leftover in tmp_path.glob("killed.duckdb*"):
            leftover.unlink()
        proc = subprocess.Popen([*DRAGOMAN, "ingest", str(corpus), "--db", str(db)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(clean_seconds * rng.uniform(0.35, 0.75) * (0.7 ** attempt))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        con = connect(db)
        stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        con.close()
        if 0 < stored < 2000:
            break
    else:
        pytest.fail("could not kill the ingest part-way")

    resumed = ingest_cli(corpus, "--db", db)
    assert resumed.returncode == 0, resumed.stderr
    assert f"({stored} already stored" in resumed.stderr
    assert snapshot(db) == expected
    con = connect(db)
    assert [r[0] for r in con.execute("SELECT status FROM ingest_runs ORDER BY id").fetchall()] == [
        "interrupted", "done"]
    con.close()


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("parallel")
    return write_jsonl(folder / "corpus.jsonl", short_articles(96))


@pytest.fixture(scope="module")
def serial_snapshot(small_corpus, coder):
    """A serial in-process ingest of the small corpus (the session's Coder)."""
    db = small_corpus.parent / "serial.duckdb"
    _ingest_in_process(coder, small_corpus, db)
    return snapshot(db)


def _ingest_in_process(coder, corpus: Path, db: Path, **kw):
    from dragoman.ingest import ReadOptions, read_paths
    from dragoman.store import parallel
    from dragoman.store.ingest import ingest

    parallel._CODERS.setdefault(coder.options, coder)
    con = connect(db)
    try:
        return ingest([str(corpus)], con, read_paths([str(corpus)], ReadOptions()), coder.options,
                      chunk_size=8, **kw)
    finally:
        con.close()


def test_local_workers_equal_serial(small_corpus, serial_snapshot, tmp_path):
    db = tmp_path / "workers.duckdb"
    result = ingest_cli(small_corpus, "--db", db, "--workers", "2")
    assert result.returncode == 0, result.stderr
    assert "ingested 96 articles" in result.stderr
    assert snapshot(db) == serial_snapshot


def test_dask_local_cluster_equals_serial(small_corpus, serial_snapshot, coder, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    db = tmp_path / "dask.duckdb"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        summary = _ingest_in_process(coder, small_corpus, db, dask=client)
        # every worker process loaded the coder once and kept it
        loaded = client.run(lambda: len(__import__("dragoman.store.parallel", fromlist=["_CODERS"])._CODERS))
    assert summary.stored == 96
    assert set(loaded.values()) == {1}
    assert snapshot(db) == serial_snapshot
