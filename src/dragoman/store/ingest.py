"""`dragoman ingest`: read, skip what is stored, code, write batch by batch.

Memory stays flat: articles stream from the readers in chunks, at most a few
chunks are being coded at once, and each coded chunk is written in one
transaction.  A chunk that was not committed when the process died is simply
coded again by the next run, since only committed articles count as stored.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Callable, Iterable, Iterator, Optional, Union

import duckdb

from dragoman.config import BATCH_SIZE
from dragoman.errors import Skip
from dragoman.model import Document, RawArticle
from dragoman.pipeline import Coder, CoderOptions
from dragoman.store import parallel, writer
from dragoman.store.parallel import Chunk, Work


@dataclass
class Summary:
    stored: int = 0
    duplicates: int = 0
    skipped: int = 0
    events: int = 0
    quotes: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Articles coded and stored per second."""
        return self.stored / self.seconds if self.seconds > 0 else 0.0

    def line(self, db: str) -> str:
        return (f"dragoman: ingested {self.stored} articles into {db} "
                f"({self.duplicates} already stored, {self.skipped} skipped): "
                f"{self.events} events, {self.quotes} quotes, {self.rate:.1f} articles/s")


def prepare(options: CoderOptions, raw: RawArticle) -> Document:
    """Clean and language-check without loading spaCy (the Coder's own prepare step).

    Used for articles whose id is only known after cleaning (the text hash),
    so a stored one is skipped before it is parsed.
    """
    return Coder.prepare(SimpleNamespace(options=options), raw)  # type: ignore[arg-type]


class Screen:
    """Turns the reader's stream into chunks of articles not yet stored.

    An article is dropped when the store holds its id or when an article with
    the same id is already on its way to the writer (``pending``).  Skips met
    while reading or cleaning go to ``on_skip`` at once.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, options: CoderOptions,
                 on_skip: Callable[[Skip], None], chunk_size: int = BATCH_SIZE):
        self.con = con
        self.options = options
        self.on_skip = on_skip
        self.chunk_size = chunk_size
        self.pending: set[str] = set()
        self.duplicates = 0

    def chunks(self, items: Iterable[Union[RawArticle, Skip]]) -> Iterator[Chunk]:
        group: list[Union[RawArticle, Skip]] = []
        for item in items:
            group.append(item)
            if len(group) >= self.chunk_size:
                chunk = self._screen(group)
                group = []
                if chunk[1]:
                    yield chunk
        chunk = self._screen(group)
        if chunk[1]:
            yield chunk

    def done(self, ids: Iterable[Optional[str]]) -> None:
        """A chunk was written: its ids are now the store's to answer for."""
        self.pending.difference_update(i for i in ids if i)

    def _screen(self, group: list[Union[RawArticle, Skip]]) -> Chunk:
        keyed: list[tuple[Optional[str], Work]] = []
        for item in group:
            if isinstance(item, Skip):
                self.on_skip(item)
                continue
            if item.id:
                keyed.append((item.id, (item.origin, item)))
                continue
            try:
                doc = prepare(self.options, item)
            except Skip as skip:
                self.on_skip(skip)
                continue
            keyed.append((doc.id, (item.origin, doc)))
        stored = writer.stored_ids(self.con, [k for k, _ in keyed if k])
        ids: list[Optional[str]] = []
        work: list[Work] = []
        for key, w in keyed:
            if key in stored or key in self.pending:
                self.duplicates += 1
                continue
            self.pending.add(key)
            ids.append(key)
            work.append(w)
        return ids, work


def ingest(paths: list[str], con: duckdb.DuckDBPyConnection, items: Iterable[Union[RawArticle, Skip]],
           options: CoderOptions = CoderOptions(), workers: int = 1, dask: Optional[object] = None,
           on_skip: Callable[[Skip], None] = lambda s: None,
           on_progress: Callable[[Summary], None] = lambda s: None,
           chunk_size: int = BATCH_SIZE, write_every: int = 256,
           write_seconds: float = 5.0) -> Summary:
    """Code ``items`` and store them in ``con``; returns the run's counts.

    ``workers`` > 1 codes in that many local processes; ``dask`` (a scheduler
    address or Client) codes on a Dask cluster.  Writing stays here: coded
    chunks are gathered and written in one transaction every ``write_every``
    articles or ``write_seconds``, whichever comes first (a transaction has a
    fixed cost; a crash loses at most that much coding).
    """
    summary = Summary()
    start = time.perf_counter()
    skip_log: list[writer.Result] = []

    def skipped(skip: Skip) -> None:
        summary.skipped += 1
        skip_log.append((skip.origin, skip))
        on_skip(skip)

    run_id = writer.start_run(con, list(paths), workers, None if dask is None else str(dask))
    screen = Screen(con, options, skipped, chunk_size)
    chunks = screen.chunks(items)
    coded = parallel.run(chunks, options, workers, dask)
    status = "interrupted"
    buffer: list[writer.Result] = []
    buffered_ids: list[Optional[str]] = []
    last_write = time.perf_counter()

    def flush() -> None:
        nonlocal last_write
        batch = buffer + skip_log
        buffer.clear()
        skip_log.clear()
        if batch:
            counts = writer.write_batch(con, batch, run_id)
            summary.stored += counts.stored
            summary.duplicates += counts.duplicates
            summary.events += counts.events
            summary.quotes += counts.quotes
        screen.done(buffered_ids)
        buffered_ids.clear()
        last_write = time.perf_counter()
        summary.seconds = last_write - start
        on_progress(_with_screen(summary, screen))

    try:
        for ids, results in coded:
            for _origin, item in results:
                if isinstance(item, Skip):
                    skipped(item)
            buffer.extend(r for r in results if isinstance(r[1], Document))
            buffered_ids.extend(ids)
            if len(buffer) >= write_every or time.perf_counter() - last_write >= write_seconds:
                flush()
            else:
                summary.seconds = time.perf_counter() - start
                on_progress(_with_screen(summary, screen, coded=len(buffer)))
        flush()
        status = "done"
    finally:
        summary.seconds = time.perf_counter() - start
        summary.duplicates += screen.duplicates
        try:
            writer.finish_run(con, run_id, _totals(summary), status)
        except duckdb.Error:
            pass
    return summary


def _with_screen(summary: Summary, screen: Screen, coded: int = 0) -> Summary:
    """The summary as the progress bar shows it: screened duplicates and
    coded articles still waiting for their transaction included."""
    return Summary(summary.stored + coded, summary.duplicates + screen.duplicates, summary.skipped,
                   summary.events, summary.quotes, summary.seconds)


def _totals(summary: Summary) -> writer.BatchCounts:
    return writer.BatchCounts(stored=summary.stored, duplicates=summary.duplicates,
                              skipped=summary.skipped, events=summary.events, quotes=summary.quotes)
