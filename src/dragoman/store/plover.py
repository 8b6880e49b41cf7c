"""`dragoman export --format plover`: one PLOVER event record per line (JSON Lines).

PLOVER is the project's first scheme, so its export is one record per
deduplicated event in PLOVER's own terms - event type, mode, context,
source and target actors - with what an analyst needs to check it: date,
location with coordinates, status (PLOVER's auxiliary modes), the evidence
sentence and the article's id and URL.  ``data/export/plover-event.schema.json``
is the JSON Schema every record follows (tests validate every exported
record against it).  Only the statuses asked for are written (asserted by
default), as for every event export.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Iterable, TextIO

import duckdb

from dragoman.store import queries

_EVENTS = """
    SELECT e.article_id, e.id, e.type, e.mode, e.context, e.date, e.date_precision, e.day,
           e.location_name, e.location_country, e.location_lat, e.location_lon, e.status,
           e.date_source, e.location_source,
           e.cameo, e.quad_class, e.goldstein, e.plover_score, e.evidence_text,
           (SELECT s.name FROM actors s WHERE s.article_id = e.article_id AND s.id = e.reported_by) AS reported_by,
           ar.url, ar.source, ar.published, c.num_articles
    FROM matched m JOIN events e ON e.article_id = m.article_id AND e.id = m.id
    JOIN articles ar ON ar.id = e.article_id
    LEFT JOIN event_clusters c ON c.id = e.cluster_id
    ORDER BY e.day NULLS LAST, e.article_id, e.id"""

#: The actor columns a PLOVER record needs (after the role).
_PARTICIPANT_COLUMNS = "a.name, a.code, a.country, a.sector, a.kind"


def schema() -> dict:
    """The JSON Schema of a PLOVER record."""
    path = resources.files("dragoman") / "data" / "export" / "plover-event.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def write_plover(con: duckdb.DuckDBPyConnection, fh: TextIO,
                 statuses: Iterable[str] = queries.DEFAULT_STATUSES) -> int:
    """One PLOVER record per deduplicated event of ``statuses``; returns the records written."""
    cte, params = queries.matched(queries.EventFilter(status=tuple(statuses)))
    cur = con.cursor()
    cur.execute(f"WITH {cte} {_EVENTS}", params)
    n = 0
    while True:
        batch = cur.fetchmany(2000)
        if not batch:
            return n
        participants = queries.participants_by_event(con, [r[0] for r in batch], _PARTICIPANT_COLUMNS)
        for row in batch:
            parts = participants.get((row[0], row[1]), [])
            fh.write(json.dumps(record(row, parts), ensure_ascii=False) + "\n")
            n += 1


def record(row: tuple, parts: list[tuple]) -> dict:
    (article_id, event_id, type_, mode, context, date, precision, day, lname, lcountry, lat, lon, status,
     date_source, lsource, cameo, quad, goldstein, plover_score, evidence, reported_by, url, publisher,
     published, num_articles) = row
    location = None
    if lname or lcountry or lat is not None:
        location = {"name": lname, "country": lcountry, "lat": lat, "lon": lon, "source": lsource or None}
    if not date and day is not None:
        date, precision = day.isoformat(), "day"
    return {
        "id": f"{article_id}/{event_id}", "event": type_, "mode": mode, "context": list(context or []),
        "source": [_actor(p) for p in parts if p[0] == "actor"],
        "target": [_actor(p) for p in parts if p[0] == "recipient"],
        "date": date or None, "date_precision": precision or "unknown", "date_source": date_source or None,
        "location": location,
        "status": status or "asserted", "cameo": cameo, "quad_class": quad, "goldstein": goldstein,
        "plover_score": plover_score, "evidence": evidence, "reported_by": reported_by,
        "article_id": article_id, "url": url, "publisher": publisher, "published": published,
        "num_articles": num_articles,
    }


def _actor(part: tuple) -> dict:
    _role, name, code, country, sector, kind = part
    return {"name": name, "code": code, "country": country, "sector": sector, "kind": kind}
