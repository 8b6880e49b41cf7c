"""Where the coding runs: in this process, in N local processes, or on Dask.

Every backend takes chunks of work and yields ``(ids, results)`` per chunk,
with a bounded number of chunks in flight so memory stays flat however large
the corpus.  Each process loads the Coder once (:func:`worker_coder`) and
keeps it; results travel back to the one writer in the calling process.
"""

from __future__ import annotations

import copy
import multiprocessing
from collections import deque
from typing import Iterable, Iterator, Optional, Union

from dragoman.errors import Skip
from dragoman.model import Document, RawArticle
from dragoman.pipeline import CoderOptions

#: (origin, item to code): a RawArticle, or a Document already cleaned.
Work = tuple[str, Union[RawArticle, Document]]
#: ids of a chunk (None where unknown before cleaning) and the chunk's work.
Chunk = tuple[list[Optional[str]], list[Work]]
Result = tuple[str, Union[Document, Skip]]

_CODERS: dict = {}


def worker_coder(options: CoderOptions):
    """The Coder of this process, made on first use and kept (one per process)."""
    coder = _CODERS.get(options)
    if coder is None:
        from dragoman.pipeline import Coder

        coder = _CODERS[options] = Coder(options)
    return coder


def code_work(coder, work: list[Work]) -> list[Result]:
    """Code one chunk: parsed together by nlp.pipe; one result per item, in order.

    When coding the chunk fails, each article is coded alone and one that
    still fails becomes a Skip ("internal error …"): one odd article must not
    stop an ingest of millions.
    """
    if not work:
        return []
    origins = [origin for origin, _ in work]
    items = [item for _, item in work]
    pristine = [copy.deepcopy(i) if isinstance(i, Document) else i for i in items]
    try:
        return list(zip(origins, coder.code_many(items, batch_size=len(items))))
    except Exception:
        return [(origin, code_alone(coder, origin, item)) for origin, item in zip(origins, pristine)]


def code_alone(coder, origin: str, item: Union[RawArticle, Document]) -> Union[Document, Skip]:
    try:
        return next(iter(coder.code_many([item], batch_size=1)))
    except Exception as exc:
        return Skip(f"internal error ({exc.__class__.__name__}: {exc})", origin)


def code_chunk(chunk: Chunk, options: CoderOptions) -> tuple[list, list[Result]]:
    """The task a worker process or a Dask worker runs."""
    ids, work = chunk
    return ids, code_work(worker_coder(options), work)


def _warm(options: CoderOptions) -> None:
    worker_coder(options)


def run_serial(chunks: Iterable[Chunk], options: CoderOptions) -> Iterator[tuple[list, list[Result]]]:
    for chunk in chunks:
        yield code_chunk(chunk, options)


def run_processes(chunks: Iterable[Chunk], options: CoderOptions, workers: int,
                  in_flight: Optional[int] = None) -> Iterator[tuple[list, list[Result]]]:
    """N local processes (spawned: no forked model state), results in input order."""
    limit = in_flight or 2 * workers
    ctx = multiprocessing.get_context("spawn")
    pool = ctx.Pool(workers, initializer=_warm, initargs=(options,))
    pending: deque = deque()
    try:
        for chunk in chunks:
            pending.append(pool.apply_async(code_chunk, (chunk, options)))
            while len(pending) >= limit:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
        pool.close()
        pool.join()
    finally:
        pool.terminate()


def run_dask(chunks: Iterable[Chunk], options: CoderOptions, address,
             in_flight: Optional[int] = None) -> Iterator[tuple[list, list[Result]]]:
    """Code on a Dask distributed cluster; results as they complete, bounded in flight.

    ``address`` is a scheduler address (``tcp://host:8786``) or a Client.
    """
    from dask.distributed import Client, as_completed

    own = not hasattr(address, "submit")
    client = Client(address) if own else address
    try:
        limit = in_flight or max(4, 2 * sum(client.nthreads().values()))
        chunks = iter(chunks)
        done = as_completed()

        def submit_next() -> bool:
            chunk = next(chunks, None)
            if chunk is None:
                return False
            done.add(client.submit(code_chunk, chunk, options, pure=False))
            return True

        for _ in range(limit):
            if not submit_next():
                break
        for future in done:
            result = future.result()
            future.release()
            submit_next()
            yield result
    finally:
        if own:
            client.close()


def run(chunks: Iterable[Chunk], options: CoderOptions, workers: int = 1,
        dask=None) -> Iterator[tuple[list, list[Result]]]:
    """Code chunks on the backend asked for: a Dask cluster, N local processes, or here.

    One choice for every command that codes stored or new articles (ingest, --recode)."""
    if dask is not None:
        return run_dask(chunks, options, dask)
    if workers > 1:
        return run_processes(chunks, options, workers)
    return run_serial(chunks, options)
