"""Cross-article deduplication: reports of one event become one event cluster.

Two reports are of the same event when they share a ``cluster_key`` (status,
type, actor set, recipient set; `writer.cluster_key`) and their days fall
within a one-day window.  Status is in the key, so a cluster never mixes an
asserted report with a negated, future or hypothetical one.  For
each key, reports sorted by day are grouped greedily: a cluster opens at the
earliest report and takes every report at most :data:`WINDOW_DAYS` after its
first day.  The result depends only on the set of stored reports, never on
the order they arrived, so a resumed ingest ends with the same clusters.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from itertools import groupby
from typing import Iterable, Optional

import duckdb
import pyarrow as pa

#: Reports up to this many days after a cluster's first day join it.
WINDOW_DAYS = 1


def cluster_id(key: str, anchor: str) -> str:
    """Stable id: the same key and first day always give the same cluster id."""
    return hashlib.sha1(f"{key}\x1f{anchor}".encode()).hexdigest()[:16]


def group_by_window(days: list[_dt.date], window: int = WINDOW_DAYS) -> list[int]:
    """For days sorted ascending, the index of the first day of each one's cluster."""
    starts: list[int] = []
    first = 0
    for i, day in enumerate(days):
        if (day - days[first]).days > window:
            first = i
        starts.append(first)
    return starts


def build_clusters(reports: list[tuple]) -> tuple[list[dict], list[dict]]:
    """Clusters and memberships for reports of ONE key sorted by (day, article, id).

    A report is (cluster_key, day, article_id, event_id, type, source, status);
    day may be None, which makes a cluster per article.
    """
    clusters, members = [], []
    dated = [r for r in reports if r[1] is not None]
    undated = [r for r in reports if r[1] is None]
    groups: list[list[tuple]] = []
    starts = group_by_window([r[1] for r in dated])
    for _start, grp in groupby(range(len(dated)), key=lambda i: starts[i]):
        groups.append([dated[i] for i in grp])
    for _article, grp in groupby(sorted(undated, key=lambda r: (r[2], r[3])), key=lambda r: r[2]):
        groups.append(list(grp))
    for grp in groups:
        first = grp[0]
        key = first[0]
        anchor = first[1].isoformat() if first[1] else f"article:{first[2]}"
        cid = cluster_id(key, anchor)
        clusters.append(dict(
            id=cid, cluster_key=key, type=first[4], status=first[6] or "asserted",
            first_day=first[1], last_day=grp[-1][1],
            num_mentions=len(grp), num_articles=len({r[2] for r in grp}),
            num_sources=len({r[5] if r[5] else f"article:{r[2]}" for r in grp}),
            article_id=first[2], event_id=first[3]))
        members.extend(dict(article_id=r[2], event_id=r[3], cluster_id=cid) for r in grp)
    return clusters, members


def update_clusters(con: duckdb.DuckDBPyConnection, new_events: Iterable[dict]) -> None:
    """Recompute the clusters a batch of new event rows touches (inside its transaction).

    Only the part of each key's timeline that the new reports can change is
    redone: from the last cluster that opened on or before the earliest new
    day.  Ingesting news in date order keeps this small.
    """
    new_events = list(new_events)
    if not new_events:
        return
    earliest: dict[str, Optional[_dt.date]] = {}
    undated_keys: set[str] = set()
    for row in new_events:
        key, day = row["cluster_key"], row["day"]
        if day is None:
            undated_keys.add(key)
            continue
        earliest[key] = min(day, earliest.get(key, day))
    clusters: list[dict] = []
    members: list[dict] = []
    if earliest:
        keys = pa.table({"cluster_key": list(earliest), "d0": pa.array(list(earliest.values()), pa.date32())})
        con.register("_dragoman_keys", keys)
        try:
            con.execute("""
                CREATE OR REPLACE TEMP TABLE _dragoman_starts AS
                SELECT k.cluster_key,
                       coalesce((SELECT max(c.first_day) FROM event_clusters c
                                 WHERE c.cluster_key = k.cluster_key AND c.first_day <= k.d0),
                                k.d0) AS start_day
                FROM _dragoman_keys k""")
        finally:
            con.unregister("_dragoman_keys")
        rows = con.execute("""
            SELECT e.cluster_key, e.day, e.article_id, e.id, e.type, a.source, e.status
            FROM events e
            JOIN _dragoman_starts s ON s.cluster_key = e.cluster_key
            JOIN articles a ON a.id = e.article_id
            WHERE e.day >= s.start_day
            ORDER BY e.cluster_key, e.day, e.article_id, e.id""").fetchall()
        con.execute("""
            DELETE FROM event_clusters WHERE id IN (
                SELECT c.id FROM event_clusters c JOIN _dragoman_starts s
                  ON s.cluster_key = c.cluster_key
                WHERE c.first_day >= s.start_day)""")
        con.execute("DROP TABLE _dragoman_starts")
        for _key, grp in groupby(rows, key=lambda r: r[0]):
            c, m = build_clusters(list(grp))
            clusters.extend(c)
            members.extend(m)
    if undated_keys:
        sources = dict(con.execute(
            "SELECT id, source FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [sorted({r["article_id"] for r in new_events if r["day"] is None})]).fetchall())
        undated = sorted((r["cluster_key"], None, r["article_id"], r["id"], r["type"],
                          sources.get(r["article_id"]), r["status"]) for r in new_events if r["day"] is None)
        for _key, grp in groupby(undated, key=lambda r: r[0]):
            c, m = build_clusters(list(grp))
            clusters.extend(c)
            members.extend(m)
    _write(con, clusters, members)


def _write(con: duckdb.DuckDBPyConnection, clusters: list[dict], members: list[dict]) -> None:
    from dragoman.store.writer import insert_rows

    if clusters:
        insert_rows(con, "event_clusters", clusters)
    if members:
        table = pa.table({k: [m[k] for m in members] for k in ("article_id", "event_id", "cluster_id")})
        con.register("_dragoman_members", table)
        try:
            con.execute("""
                UPDATE events SET cluster_id = m.cluster_id FROM _dragoman_members m
                WHERE events.article_id = m.article_id AND events.id = m.event_id""")
        finally:
            con.unregister("_dragoman_members")


def key_clusters_by_status(con: duckdb.DuckDBPyConnection) -> None:
    """Schema 4: a store written before status was part of ``cluster_key`` gets it, and its
    clusters are rebuilt, in one transaction, so no old cluster goes on mixing an asserted
    report with a negated one.  The old key was ``type|actors|recipients``; the new one is
    the status and ``|`` before it (`writer.cluster_key`).  A key that already starts with a
    status (types are upper case, statuses lower case) is left as it is, so running this
    twice changes nothing."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("UPDATE events SET cluster_key = coalesce(status, 'asserted') || '|' || cluster_key "
                    "WHERE split_part(cluster_key, '|', 1) NOT IN ('asserted', 'future', 'hypothetical', 'negated')")
        con.execute("UPDATE events SET cluster_id = NULL")
        con.execute("DELETE FROM event_clusters")
        reports = con.execute("SELECT cluster_key, day, article_id, id, type, status FROM events").fetchall()
        update_clusters(con, [dict(cluster_key=k, day=d, article_id=a, id=i, type=t, status=s)
                              for k, d, a, i, t, s in reports])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
