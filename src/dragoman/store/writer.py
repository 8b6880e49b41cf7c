"""Write coded Documents to the store, one batch per transaction.

An article is written with all its rows or not at all; one already stored
(same id) is left alone, so writing the same batch twice changes nothing.
`replace_batch` (`ingest --recode`) is the one other way in: the same rows,
counts, log lines and clusters, with a stored article's coding replaced.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Iterable, Optional, Union

import duckdb
import pyarrow as pa

from dragoman.errors import Skip
from dragoman.model import Document
from dragoman.store import dedup
from dragoman.store.db import CONTENT_TABLES

#: (origin, Document or Skip): what the coders hand the writer.
Result = tuple[str, Union[Document, Skip]]


def parse_day(value: Optional[str]) -> Optional[_dt.date]:
    """The calendar day of an ISO date string, or None when it names no full day."""
    if not value or len(value) < 10:
        return None
    try:
        return _dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def event_day(date: Optional[str], published: Optional[str], date_source: Optional[str] = None) -> Optional[_dt.date]:
    """The day an event is filed under (SPEC §2 date_source): its own full date; none for
    a background event (``none``) or a date coarser than a day.  A record without a
    date_source (made before it existed) falls back to the article's day, as it used to."""
    if date_source is None:
        return parse_day(date) or parse_day(published)
    return None if date_source == "none" else parse_day(date)


def actor_key(doc: Document, actor_id: str) -> str:
    """What identifies an actor across articles: its code, else its lower-cased name."""
    actor = doc.actor(actor_id)
    if actor is None:
        return "?"
    return actor.code or " ".join((actor.name or "?").lower().split())


def cluster_key(doc: Document, event) -> str:
    """status | type | actor keys | recipient keys, as sets: equal for reports of one event.

    Status is part of what an event is: "X met Y" and "X did not meet Y" are
    not two reports of one meeting, so an asserted and a negated (future,
    hypothetical) report never share a cluster, and a cluster's counts
    (num_mentions, num_articles, num_sources) are counts of one status.  It
    comes first so that a key stored before it was part of the key is made
    current by a prefix (`dedup.key_clusters_by_status`, schema 4)."""
    actors = ",".join(sorted({actor_key(doc, a) for a in event.actors}))
    recipients = ",".join(sorted({actor_key(doc, r) for r in event.recipients}))
    return f"{event.status or 'asserted'}|{event.type}|{actors}|{recipients}"


def document_rows(doc: Document, origin: str, run_id: Optional[int],
                  now: _dt.datetime) -> dict[str, list[dict]]:
    """Every row one Document becomes, by table."""
    a = doc.id
    rows: dict[str, list[dict]] = {t: [] for t in CONTENT_TABLES}
    rows["articles"].append(dict(id=a, source=doc.source, url=doc.url, title=doc.title,
                                 published=doc.published, language=doc.language, text=doc.text,
                                 origin=origin, run_id=run_id, ingested_at=now,
                                 coder_version=doc.coder_version))
    for actor in doc.actors:
        rows["actors"].append(dict(article_id=a, id=actor.id, name=actor.name, kind=actor.kind,
                                   country=actor.country, sector=actor.sector, role=actor.role,
                                   code=actor.code))
        for i, m in enumerate(actor.mentions):
            rows["mentions"].append(dict(article_id=a, actor_id=actor.id, seq=i,
                                         start_char=m.start, end_char=m.end, text=m.text))
    for ev in doc.events:
        loc, evid = ev.location, ev.evidence
        rows["events"].append(dict(
            article_id=a, id=ev.id, type=ev.type, mode=ev.mode, context=list(ev.context or []),
            cameo=ev.cameo, root_code=(ev.cameo[:2] if ev.cameo else None),
            quad_class=ev.quad_class, goldstein=_float(ev.goldstein),
            plover_score=_float(ev.plover_score),
            location_name=loc.name if loc else None, location_country=loc.country if loc else None,
            location_lat=_float(loc.lat) if loc else None, location_lon=_float(loc.lon) if loc else None,
            location_source=getattr(loc, "source", None) if loc else None, date_source=ev.date_source,
            date=ev.date, date_text=ev.date_text, date_precision=ev.date_precision,
            status=ev.status, reported_by=ev.reported_by,
            evidence_start=evid.start if evid else None, evidence_end=evid.end if evid else None,
            evidence_text=evid.text if evid else None, confidence=_float(ev.confidence),
            day=event_day(ev.date, doc.published, ev.date_source), cluster_key=cluster_key(doc, ev), cluster_id=None))
        for role, ids in (("actor", ev.actors), ("recipient", ev.recipients)):
            for i, actor_id in enumerate(ids):
                rows["event_actors"].append(dict(article_id=a, event_id=ev.id, actor_id=actor_id,
                                                 role=role, seq=i))
    for q in doc.quotes:
        rows["quotes"].append(dict(article_id=a, id=q.id, text=q.text, kind=q.kind, speaker=q.speaker,
                                   speaker_text=q.speaker_text, cue=q.cue,
                                   start_char=q.start, end_char=q.end))
    for i, m in enumerate(doc.media):
        rows["media"].append(dict(article_id=a, seq=i, caption=m.caption, credit=m.credit,
                                  language=m.language))
    for i, r in enumerate(doc.removed):
        rows["removed"].append(dict(article_id=a, seq=i, text=r.text, reason=r.reason))
    for i, t in enumerate(doc.timexes):
        rows["timexes"].append(dict(article_id=a, seq=i, text=t.text, start_char=t.start,
                                    end_char=t.end, value=t.value, date_precision=t.precision))
    for i, p in enumerate(doc.places):
        rows["places"].append(dict(article_id=a, seq=i, text=p.text, start_char=p.start,
                                   end_char=p.end, name=p.name, country=p.country,
                                   lat=_float(p.lat), lon=_float(p.lon)))
    return rows


def _float(value) -> Optional[float]:
    return None if value is None else float(value)


#: Arrow types for columns whose type cannot be inferred from an all-NULL batch.
_TYPES = {"context": pa.list_(pa.string()), "day": pa.date32(), "first_day": pa.date32(),
          "last_day": pa.date32(), "ingested_at": pa.timestamp("us"),
          "logged_at": pa.timestamp("us")}


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    """Bulk insert through Arrow (fast; no SQL text built from the values)."""
    if not rows:
        return
    names = list(rows[0])
    arrays = []
    for name in names:
        values = [r[name] for r in rows]
        arrays.append(pa.array(values, type=_TYPES.get(name)))
    _insert_arrow(con, table, pa.Table.from_arrays(arrays, names=names))


def _insert_arrow(con, table: str, data: pa.Table) -> None:
    if table not in _WRITABLE:  # table names come from this module only
        raise ValueError(f"not a store table: {table}")
    con.register("_dragoman_rows", data)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _dragoman_rows")
    finally:
        con.unregister("_dragoman_rows")


_WRITABLE = frozenset({"articles", "actors", "mentions", "events", "event_actors", "quotes",
                       "media", "removed", "timexes", "places", "event_clusters", "ingest_log"})


@dataclass
class BatchCounts:
    stored: int = 0
    duplicates: int = 0
    skipped: int = 0
    events: int = 0
    quotes: int = 0
    stored_ids: list[str] = field(default_factory=list)


def stored_ids(con: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` the store already holds."""
    ids = list(ids)
    if not ids:
        return set()
    found = con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                        [ids]).fetchall()
    return {row[0] for row in found}


def write_batch(con: duckdb.DuckDBPyConnection, results: list[Result],
                run_id: Optional[int] = None) -> BatchCounts:
    """Store a batch in ONE transaction: new articles, their rows, clusters, log lines.
    An article already stored (same id) is left alone and counted as a duplicate."""
    return _write(con, results, run_id, replace=False)


def replace_batch(con: duckdb.DuckDBPyConnection, results: list[Result],
                  run_id: Optional[int] = None) -> BatchCounts:
    """Replace the coding of stored articles by re-coded Documents, in ONE transaction
    (`ingest --recode`); an article not stored yet is stored as `write_batch` would.

    A replaced article keeps its ``articles`` row - origin, run and ingested_at say when
    it was first stored - with ``coder_version`` and ``language`` updated; every row
    hanging off it is deleted and written anew, and the clusters its old and new events
    touch are recomputed, so the store ends as a fresh ingest of the new coding would.
    Its log line says ``recoded``.  The bookkeeping (rows, counts, log, clusters, the
    run's row) is `write_batch`'s own: one writer, two ways to meet a stored id."""
    return _write(con, results, run_id, replace=True)


def _write(con: duckdb.DuckDBPyConnection, results: list[Result], run_id: Optional[int],
           replace: bool) -> BatchCounts:
    """`write_batch` (``replace=False``: a stored id is a duplicate) and `replace_batch`
    (``replace=True``: a stored id has its coding replaced)."""
    counts = BatchCounts()
    now = _dt.datetime.now().replace(microsecond=0)
    docs = [(o, d) for o, d in results if isinstance(d, Document)]
    stored = stored_ids(con, [d.id for _, d in docs])
    seen: set[str] = set()  # ids of this batch: a second copy is a duplicate either way
    tables: dict[str, list[dict]] = {}
    replaced: list[dict] = []  # the articles rows of replaced articles: updated, not inserted
    log: list[dict] = []
    for origin, item in results:
        if isinstance(item, Skip):  # on replace, the old coding stays and a rerun tries again
            counts.skipped += 1
            log.append(dict(run_id=run_id, logged_at=now, origin=item.origin or origin,
                            article_id=None, outcome="skipped", reason=item.reason))
            continue
        if item.id in seen or (item.id in stored and not replace):
            counts.duplicates += 1
            continue
        seen.add(item.id)
        rows = document_rows(item, origin, run_id, now)
        outcome = "stored"
        if item.id in stored:
            replaced.extend(rows.pop("articles"))
            outcome = "recoded"
        for table, table_rows in rows.items():
            tables.setdefault(table, []).extend(table_rows)
        counts.stored += 1
        counts.events += len(item.events)
        counts.quotes += len(item.quotes)
        counts.stored_ids.append(item.id)
        log.append(dict(run_id=run_id, logged_at=now, origin=origin, article_id=item.id,
                        outcome=outcome, reason=None))
    con.execute("BEGIN TRANSACTION")
    try:
        old_events = _remove_coding(con, replaced) if replaced else []
        for table, rows in tables.items():
            insert_rows(con, table, rows)
        dedup.update_clusters(con, tables.get("events", []) + old_events)
        insert_rows(con, "ingest_log", log)
        if run_id is not None:  # the run's row agrees with its log at every commit, even if it is killed
            con.execute("UPDATE ingest_runs SET stored = stored + ?, duplicates = duplicates + ?,"
                        " skipped = skipped + ?, events = events + ?, quotes = quotes + ? WHERE id = ?",
                        [counts.stored, counts.duplicates, counts.skipped, counts.events, counts.quotes, run_id])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return counts


#: Tables whose rows hang off an article: what replacing its coding deletes and writes anew.
CHILD_TABLES = [t for t in CONTENT_TABLES if t != "articles"]
_IN = "article_id IN (SELECT unnest(?::VARCHAR[]))"


def _remove_coding(con: duckdb.DuckDBPyConnection, articles: list[dict]) -> list[dict]:
    """Inside the caller's transaction: delete every row hanging off these stored articles
    and the clusters only they make, and update their ``coder_version`` and ``language``
    from the new ``articles`` rows.  Returns the old dated events as (cluster_key, day), so
    the clusters they were in are redone from their days on (`dedup.update_clusters`)."""
    ids = [a["id"] for a in articles]
    old = [dict(cluster_key=k, day=d) for k, d in con.execute(
        f"SELECT cluster_key, day FROM events WHERE {_IN} AND day IS NOT NULL", [ids]).fetchall()]
    # an undated event makes a cluster of its own article (dedup.build_clusters)
    con.execute(f"DELETE FROM event_clusters WHERE first_day IS NULL AND {_IN}", [ids])
    for table in CHILD_TABLES:  # constant names
        con.execute(f"DELETE FROM {table} WHERE {_IN}", [ids])
    updates = pa.table({"id": ids, "coder_version": [a["coder_version"] for a in articles],
                        "language": [a["language"] for a in articles]})
    con.register("_dragoman_versions", updates)
    try:
        con.execute("UPDATE articles SET coder_version = v.coder_version, language = v.language "
                    "FROM _dragoman_versions v WHERE articles.id = v.id")
    finally:
        con.unregister("_dragoman_versions")
    return old


# --- ingest runs -----------------------------------------------------------

def start_run(con: duckdb.DuckDBPyConnection, paths: list[str], workers: int,
              dask: Optional[str]) -> int:
    """Open a run in the log; earlier runs still 'running' died and are marked interrupted."""
    con.execute("UPDATE ingest_runs SET status = 'interrupted' WHERE status = 'running'")
    run_id = con.execute("SELECT nextval('ingest_run_ids')").fetchone()[0]
    con.execute("INSERT INTO ingest_runs (id, started_at, paths, workers, dask, stored, duplicates,"
                " skipped, events, quotes, status) VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 'running')",
                [run_id, _dt.datetime.now().replace(microsecond=0), " ".join(paths), workers, dask])
    return run_id


def finish_run(con: duckdb.DuckDBPyConnection, run_id: int, totals: BatchCounts,
               status: str = "done") -> None:
    con.execute("UPDATE ingest_runs SET finished_at = ?, stored = ?, duplicates = ?, skipped = ?,"
                " events = ?, quotes = ?, status = ? WHERE id = ?",
                [_dt.datetime.now().replace(microsecond=0), totals.stored, totals.duplicates,
                 totals.skipped, totals.events, totals.quotes, status, run_id])


def write_documents(con: duckdb.DuckDBPyConnection, docs: Iterable[Document],
                    run_id: Optional[int] = None, origin: str = "-") -> BatchCounts:
    """Store Documents built elsewhere (tests, the Python API) in one transaction."""
    return write_batch(con, [(origin, d) for d in docs], run_id)
