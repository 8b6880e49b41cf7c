"""`dragoman ingest --recode`: re-code stored articles made by another coder version, in place.

An article is stale when its ``coder_version`` differs from this process's
(`dragoman.version.coder_version`), or is NULL (stored before versions were
recorded).  Stale articles are read back from the store in id order, a chunk
at a time, and coded again from their stored, cleaned text (cleaning is not
redone: every stored offset points into that text, and the id, a hash of the
text when the input had none, stays the same).  The coding runs on the same
backends as ingest (here, N processes, Dask).

Each batch is written by the writer's `writer.replace_batch`, in ONE
transaction: the article's actors, mentions, events, quotes, timexes and
places (and media/removed rows, rewritten as they were) are replaced, its
``coder_version`` updated, and the dedup clusters its old and new events
touch recomputed, so nothing is duplicated and clusters stay what a fresh
ingest would make.  Killed midway, the committed batches carry the new
version and a rerun re-codes the rest; a second run after a finished one
re-codes nothing.  An article that fails to code keeps its old coding and
version, is logged as skipped, and is retried by the next run.
"""

from __future__ import annotations

import time
from typing import Callable, Iterator, Optional

import duckdb

from dragoman.config import BATCH_SIZE
from dragoman.errors import Skip
from dragoman.pipeline import CoderOptions
from dragoman.store import parallel, queries, writer
from dragoman.store.ingest import Summary
from dragoman.store.writer import replace_batch  # the writer's own: recode repeats none of its bookkeeping
from dragoman.version import coder_version


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
