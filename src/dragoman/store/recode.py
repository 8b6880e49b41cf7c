"""`dragoman ingest --recode`: re-code stored articles made by another coder version, in place.

An article is stale when its ``coder_version`` differs from this process's
(`dragoman.version.coder_version`), or is NULL (stored before versions were
recorded).  Stale articles are read back from the store in id order, a chunk
at a time, and coded again from their stored, cleaned text (cleaning is not
redone: every stored offset points into that text, and the id, a hash of the
text when the input had none, stays the same).  The coding runs on the same
backends as ingest (here, N processes, Dask).

Each batch is written in ONE transaction: the article's actors, mentions,
events, quotes, timexes and places (and media/removed rows, rewritten as
they were) are replaced, its ``coder_version`` updated, and the dedup
clusters its old and new events touch recomputed, so nothing is duplicated
and clusters stay what a fresh ingest would make.  Killed midway, the
committed batches carry the new version and a rerun re-codes the rest; a
second run after a finished one re-codes nothing.  An article that fails to
code keeps its old coding and version, is logged as skipped, and is retried
by the next run.
"""

from __future__ import annotations

import datetime as _dt
import time
from typing import Callable, Iterator, Optional

import duckdb
import pyarrow as pa

from dragoman.config import BATCH_SIZE
from dragoman.errors import Skip
from dragoman.model import Document
from dragoman.pipeline import CoderOptions
from dragoman.store import dedup, parallel, queries, writer
from dragoman.store.ingest import Summary
from dragoman.version import coder_version

#: Child tables an article's coding is replaced in (the articles row is updated, not replaced).
CHILD_TABLES = ["actors", "mentions", "events", "event_actors", "quotes", "media", "removed",
                "timexes", "places"]
_IN = "article_id IN (SELECT unnest(?::VARCHAR[]))"


def count_stale(con: duckdb.DuckDBPyConnection, version: str) -> int:
    return con.execute("SELECT count(*) FROM articles WHERE coder_version IS DISTINCT FROM ?",
                       [version]).fetchone()[0]


def stale_chunks(con: duckdb.DuckDBPyConnection, version: str,
                 chunk_size: int = BATCH_SIZE) -> Iterator[parallel.Chunk]:
    """Chunks of stale articles as Documents with their coding stripped, in id order.

    Pages by id (``id > last``), each page fetched whole, so the writer can
    use the connection between pages and memory stays flat.
    """
    last = ""
    while True:
        rows = con.execute("SELECT id, coalesce(origin, '-') FROM articles WHERE id > ? AND "
                           "coder_version IS DISTINCT FROM ? ORDER BY id LIMIT ?",
                           [last, version, int(chunk_size)]).fetchall()
        if not rows:
            return
        last = rows[-1][0]
        origins = dict(rows)
        docs = queries.load_documents(con, [r[0] for r in rows], coding=False)
        work = []
        for doc in docs:
            doc.coder_version = None
            work.append((origins[doc.id], doc))
        yield [d.id for d in docs], work


def replace_batch(con: duckdb.DuckDBPyConnection, results: list[writer.Result],
                  run_id: Optional[int] = None) -> writer.BatchCounts:
    """Replace the coding of stored articles by the re-coded Documents, in ONE transaction."""
    counts = writer.BatchCounts()
    now = _dt.datetime.now().replace(microsecond=0)
    docs: dict[str, Document] = {}
    log: list[dict] = []
    for origin, item in results:
        if isinstance(item, Skip):  # coding failed: the old coding stays, a rerun tries again
            counts.skipped += 1
            log.append(dict(run_id=run_id, logged_at=now, origin=item.origin or origin,
                            article_id=None, outcome="skipped", reason=item.reason))
            continue
        docs[item.id] = item
        log.append(dict(run_id=run_id, logged_at=now, origin=origin, article_id=item.id,
                        outcome="recoded", reason=None))
    ids = sorted(docs)
    tables: dict[str, list[dict]] = {t: [] for t in CHILD_TABLES}
    for doc in docs.values():
        for table, rows in writer.document_rows(doc, "-", run_id, now).items():
            if table != "articles":
                tables[table].extend(rows)
        counts.stored += 1
        counts.events += len(doc.events)
        counts.quotes += len(doc.quotes)
        counts.stored_ids.append(doc.id)
    con.execute("BEGIN TRANSACTION")
    try:
        if ids:
            # the clusters the old events were in are redone from their days on
            old = [dict(cluster_key=k, day=d) for k, d in con.execute(
                f"SELECT cluster_key, day FROM events WHERE {_IN} AND day IS NOT NULL", [ids]).fetchall()]
            # an undated event makes a cluster of its own article (dedup.build_clusters)
            con.execute("DELETE FROM event_clusters WHERE first_day IS NULL AND article_id IN "
                        "(SELECT unnest(?::VARCHAR[]))", [ids])
            for table in CHILD_TABLES:  # constant names
                con.execute(f"DELETE FROM {table} WHERE {_IN}", [ids])
            versions = pa.table({"id": ids, "coder_version": [docs[i].coder_version for i in ids],
                                 "language": [docs[i].language for i in ids]})
            con.register("_dragoman_versions", versions)
            try:
                con.execute("UPDATE articles SET coder_version = v.coder_version, language = v.language "
                            "FROM _dragoman_versions v WHERE articles.id = v.id")
            finally:
                con.unregister("_dragoman_versions")
            for table in CHILD_TABLES:
                writer.insert_rows(con, table, tables[table])
            dedup.update_clusters(con, tables["events"] + old)
        writer.insert_rows(con, "ingest_log", log)
        if run_id is not None:  # the run's row agrees with its log at every commit, even if it is killed
            con.execute("UPDATE ingest_runs SET stored = stored + ?, skipped = skipped + ?, "
                        "events = events + ?, quotes = quotes + ? WHERE id = ?",
                        [counts.stored, counts.skipped, counts.events, counts.quotes, run_id])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return counts


def recode(con: duckdb.DuckDBPyConnection, options: CoderOptions = CoderOptions(), workers: int = 1,
           dask: Optional[object] = None, on_skip: Callable[[Skip], None] = lambda s: None,
           on_progress: Callable[[Summary], None] = lambda s: None, chunk_size: int = BATCH_SIZE,
           version: Optional[str] = None) -> Summary:
    """Re-code every stored article whose coder version is not ``version`` (default: this
    process's); ``summary.stored`` counts the articles re-coded.  Recorded as an ingest run
    (paths ``--recode``) with one ``recoded`` log line per article."""
    version = version or coder_version(options.kb_paths)
    summary = Summary()
    start = time.perf_counter()
    run_id = writer.start_run(con, ["--recode"], workers, None if dask is None else str(dask))
    chunks = stale_chunks(con, version, chunk_size)
    coded = parallel.run(chunks, options, workers, dask)
    status = "interrupted"
    try:
        for _ids, results in coded:
            for _origin, item in results:
                if isinstance(item, Skip):
                    summary.skipped += 1
                    on_skip(item)
            counts = replace_batch(con, results, run_id)
            summary.stored += counts.stored
            summary.events += counts.events
            summary.quotes += counts.quotes
            summary.seconds = time.perf_counter() - start
            on_progress(summary)
        status = "done"
    finally:
        summary.seconds = time.perf_counter() - start
        try:
            writer.finish_run(con, run_id, writer.BatchCounts(
                stored=summary.stored, skipped=summary.skipped, events=summary.events,
                quotes=summary.quotes), status)
        except duckdb.Error:
            pass
    return summary


def line(summary: Summary, db: str, version: str) -> str:
    return (f"dragoman: re-coded {summary.stored} articles in {db} with coder {version} "
            f"({summary.skipped} failed, kept as they were): {summary.events} events, "
            f"{summary.quotes} quotes, {summary.rate:.1f} articles/s")
