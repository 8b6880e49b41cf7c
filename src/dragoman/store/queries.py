"""Read the store: events, dyads over time, and records rebuilt from rows.

Every query is parameterised; user input never becomes SQL text.  Event
queries count deduplicated event clusters (each shown through its
representative report) unless ``reports=True`` asks for every report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

import duckdb

from dragoman.model import (Actor, Document, Event, Evidence, Location, Media, Mention, Quote, Removed,
                            Span, Timex, Place)

#: An actor row matches a filter value by country code, actor code or name.
_ACTOR_MATCH = ("(upper(a.country) = upper({p}) OR upper(a.code) = upper({p}) "
                "OR lower(a.name) = lower({p}))")


def actor_match(p: str = "?") -> str:
    """SQL condition: actor row ``a`` matches an actor key (country, CAMEO code or
    name, any case) given as parameter ``p``; with ``?`` it takes the key three times.
    One definition, so every query and the explorer mean the same by an actor key."""
    return _ACTOR_MATCH.format(p=p)

#: Names and codes of an event's participants in one role, in list order.
_PARTICIPANTS = """(SELECT string_agg({col}, '; ' ORDER BY ea.seq)
    FROM event_actors ea JOIN actors a ON a.article_id = ea.article_id AND a.id = ea.actor_id
    WHERE ea.article_id = e.article_id AND ea.event_id = e.id AND ea.role = '{role}')"""

EVENT_COLUMNS = ["cluster_id", "day", "type", "mode", "cameo", "quad_class", "goldstein",
                 "plover_score", "actors", "actor_codes", "recipients", "recipient_codes",
                 "location", "location_country", "lat", "lon", "date", "date_text", "status",
                 "num_mentions", "num_articles", "num_sources", "article_id", "event_id",
                 "source", "url", "published", "evidence"]


@dataclass(frozen=True)
class EventFilter:
    actor: Optional[str] = None
    recipient: Optional[str] = None
    type: Optional[str] = None
    since: Optional[str] = None  # YYYY-MM-DD, inclusive
    until: Optional[str] = None  # YYYY-MM-DD, inclusive

    def where(self) -> tuple[str, list]:
        """SQL condition on report alias ``e`` and its parameters."""
        parts, params = ["TRUE"], []
        for role, value in (("actor", self.actor), ("recipient", self.recipient)):
            if value:
                parts.append(
                    "EXISTS (SELECT 1 FROM event_actors ea JOIN actors a "
                    "ON a.article_id = ea.article_id AND a.id = ea.actor_id "
                    "WHERE ea.article_id = e.article_id AND ea.event_id = e.id "
                    f"AND ea.role = '{role}' AND {actor_match('?')})")
                params += [value, value, value]
        if self.type:
            parts.append("upper(e.type) = upper(?)")
            params.append(self.type)
        if self.since:
            parts.append("e.day >= CAST(? AS DATE)")
            params.append(self.since)
        if self.until:
            parts.append("e.day <= CAST(? AS DATE)")
            params.append(self.until)
        return " AND ".join(parts), params


def _event_select() -> str:
    return f"""
        e.cluster_id, e.day, e.type, e.mode, e.cameo, e.quad_class, e.goldstein, e.plover_score,
        {_PARTICIPANTS.format(col='a.name', role='actor')} AS actors,
        {_PARTICIPANTS.format(col="coalesce(a.code, a.country, '')", role='actor')} AS actor_codes,
        {_PARTICIPANTS.format(col='a.name', role='recipient')} AS recipients,
        {_PARTICIPANTS.format(col="coalesce(a.code, a.country, '')", role='recipient')} AS recipient_codes,
        e.location_name AS location, e.location_country, e.location_lat AS lat, e.location_lon AS lon,
        e.date, e.date_text, e.status,
        c.num_mentions, c.num_articles, c.num_sources, e.article_id, e.id AS event_id,
        ar.source, ar.url, ar.published, e.evidence_text AS evidence"""


def events(con: duckdb.DuckDBPyConnection, flt: EventFilter = EventFilter(),
           reports: bool = False, limit: Optional[int] = None) -> list[dict]:
    """Events matching ``flt``: one row per cluster (default) or per report."""
    where, params = flt.where()
    if reports:
        sql = f"""SELECT {_event_select()} FROM events e
            LEFT JOIN event_clusters c ON c.id = e.cluster_id
            JOIN articles ar ON ar.id = e.article_id
            WHERE {where}
            ORDER BY e.day NULLS LAST, e.article_id, e.id"""
    else:
        sql = f"""WITH hits AS (SELECT DISTINCT e.cluster_id FROM events e WHERE {where})
            SELECT {_event_select()} FROM event_clusters c
            JOIN events e ON e.article_id = c.article_id AND e.id = c.event_id
            JOIN articles ar ON ar.id = e.article_id
            WHERE c.id IN (SELECT cluster_id FROM hits)
            ORDER BY e.day NULLS LAST, e.article_id, e.id"""
    if limit is not None:
        sql += " LIMIT ?"
        params = params + [int(limit)]
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


FREQS = ("day", "week", "month")
DYAD_COLUMNS = ["period", "direction", "events", "quad1", "quad2", "quad3", "quad4",
                "goldstein", "plover_score"]


def dyads(con: duckdb.DuckDBPyConnection, a: str, b: str, freq: str = "month",
          directed: bool = False, reports: bool = False) -> list[dict]:
    """Per-period counts by QuadClass and Goldstein/PLOVER sums between ``a`` and ``b``.

    An event joins the dyad when an actor matches one side and a recipient
    the other, or, with no recipients, when two actors match the two sides
    (a reciprocal event: "A and B agreed").  Both directions are counted
    together unless ``directed``: then each row says A>B, B>A or A<>B.
    """
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}")
    match_a = actor_match("$a")
    match_b = actor_match("$b")
    unit = "e.article_id || '/' || e.id" if reports else "e.cluster_id"
    sql = f"""
    WITH part AS (
        SELECT ea.article_id, ea.event_id, ea.role, ea.actor_id,
               coalesce({match_a}, FALSE) AS is_a, coalesce({match_b}, FALSE) AS is_b
        FROM event_actors ea JOIN actors a ON a.article_id = ea.article_id AND a.id = ea.actor_id
    ),
    flags AS (
        SELECT article_id, event_id,
               bool_or(role = 'actor' AND is_a) AS a_act, bool_or(role = 'actor' AND is_b) AS b_act,
               bool_or(role = 'recipient' AND is_a) AS a_rec, bool_or(role = 'recipient' AND is_b) AS b_rec,
               count(*) FILTER (WHERE role = 'recipient') AS n_rec,
               count(DISTINCT actor_id) FILTER (WHERE role = 'actor' AND (is_a OR is_b)) AS n_ab
        FROM part GROUP BY article_id, event_id
    ),
    hits AS (
        SELECT e.article_id, e.id, {unit} AS unit,
               CASE WHEN f.a_act AND f.b_rec THEN 1
                    WHEN f.b_act AND f.a_rec THEN 2
                    WHEN f.n_rec = 0 AND f.a_act AND f.b_act AND f.n_ab >= 2 THEN 3 END AS dir
        FROM flags f JOIN events e ON e.article_id = f.article_id AND e.id = f.event_id
    ),
    units AS (
        SELECT unit, min(dir) AS dir, arg_min(article_id, article_id || '/' || id) AS article_id,
               arg_min(id, article_id || '/' || id) AS id
        FROM hits WHERE dir IS NOT NULL GROUP BY unit
    ),
    chosen AS (
        SELECT u.dir, r.day, r.quad_class, r.goldstein, r.plover_score
        FROM units u
        LEFT JOIN event_clusters c ON {'FALSE' if reports else 'c.id = u.unit'}
        JOIN events r ON r.article_id = coalesce(c.article_id, u.article_id)
                     AND r.id = coalesce(c.event_id, u.id)
    )
    SELECT CAST(date_trunc($freq, day) AS DATE) AS period,
           {'dir' if directed else '0'} AS direction,
           count(*) AS events,
           count(*) FILTER (WHERE quad_class = 1) AS quad1,
           count(*) FILTER (WHERE quad_class = 2) AS quad2,
           count(*) FILTER (WHERE quad_class = 3) AS quad3,
           count(*) FILTER (WHERE quad_class = 4) AS quad4,
           round(coalesce(sum(goldstein), 0), 2) AS goldstein,
           round(coalesce(sum(plover_score), 0), 2) AS plover_score
    FROM chosen GROUP BY ALL ORDER BY period NULLS LAST, direction"""
    cur = con.execute(sql, {"a": a, "b": b, "freq": freq})
    names = [d[0] for d in cur.description]
    labels = {1: f"{a}>{b}", 2: f"{b}>{a}", 3: f"{a}<>{b}", 0: f"{a}-{b}"}
    rows = []
    for row in cur.fetchall():
        item = dict(zip(names, row))
        item["direction"] = labels[item["direction"]]
        rows.append(item)
    return rows


# --- records rebuilt from rows ---------------------------------------------

def article_ids(con: duckdb.DuckDBPyConnection) -> Iterator[str]:
    """Every stored article id, in the order they were stored."""
    cur = con.cursor()  # its own cursor: the caller may query in between
    cur.execute("SELECT id FROM articles ORDER BY rowid")
    while True:
        rows = cur.fetchmany(1000)
        if not rows:
            return
        yield from (r[0] for r in rows)


def _rows(con, sql: str, ids: list[str]) -> dict[str, list[tuple]]:
    """Rows of a child table for these articles, grouped by article id (first column)."""
    out: dict[str, list[tuple]] = {}
    for row in con.execute(sql, [ids]).fetchall():
        out.setdefault(row[0], []).append(row[1:])
    return out


_IN = "article_id IN (SELECT unnest(?::VARCHAR[]))"


def load_documents(con: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> list[Document]:
    """The SPEC records of these articles, rebuilt from the tables (order kept)."""
    ids = list(ids)
    if not ids:
        return []
    arts = {r[0]: r for r in con.execute(
        "SELECT id, source, url, title, published, language, text FROM articles "
        "WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()}
    actors = _rows(con, f"SELECT article_id, id, name, kind, country, sector, role, code FROM actors "
                        f"WHERE {_IN} ORDER BY article_id, rowid", ids)
    mentions = _rows(con, f"SELECT article_id, actor_id, start_char, end_char, text FROM mentions "
                          f"WHERE {_IN} ORDER BY article_id, actor_id, seq", ids)
    events = _rows(con, f"""SELECT article_id, id, type, mode, context, cameo, quad_class, goldstein,
        plover_score, location_name, location_country, location_lat, location_lon, date, date_text,
        date_precision, status, reported_by, evidence_start, evidence_end, evidence_text, confidence
        FROM events WHERE {_IN} ORDER BY article_id, rowid""", ids)
    roles = _rows(con, f"SELECT article_id, event_id, role, actor_id FROM event_actors "
                       f"WHERE {_IN} ORDER BY article_id, event_id, role, seq", ids)
    quotes = _rows(con, f"SELECT article_id, id, text, kind, speaker, speaker_text, cue, start_char, "
                        f"end_char FROM quotes WHERE {_IN} ORDER BY article_id, rowid", ids)
    media = _rows(con, f"SELECT article_id, caption, credit, language FROM media WHERE {_IN} "
                       f"ORDER BY article_id, seq", ids)
    removed = _rows(con, f"SELECT article_id, text, reason FROM removed WHERE {_IN} "
                         f"ORDER BY article_id, seq", ids)
    timexes = _rows(con, f"SELECT article_id, text, start_char, end_char, value, date_precision "
                         f"FROM timexes WHERE {_IN} ORDER BY article_id, seq", ids)
    places = _rows(con, f"SELECT article_id, text, start_char, end_char, name, country, lat, lon "
                        f"FROM places WHERE {_IN} ORDER BY article_id, seq", ids)
    docs = []
    for doc_id in ids:
        art = arts.get(doc_id)
        if art is None:
            continue
        doc = Document(id=art[0], source=art[1], url=art[2], title=art[3], published=art[4],
                       language=art[5], text=art[6])
        by_actor: dict[str, list[Mention]] = {}
        for actor_id, start, end, text in mentions.get(doc_id, []):
            by_actor.setdefault(actor_id, []).append(Mention(start, end, text))
        doc.actors = [Actor(id=r[0], name=r[1], kind=r[2], country=r[3], sector=r[4], role=r[5],
                            code=r[6], mentions=by_actor.get(r[0], [])) for r in actors.get(doc_id, [])]
        parts: dict[tuple[str, str], list[str]] = {}
        for event_id, role, actor_id in roles.get(doc_id, []):
            parts.setdefault((event_id, role), []).append(actor_id)
        doc.events = [_event(r, parts) for r in events.get(doc_id, [])]
        doc.quotes = [Quote(id=r[0], text=r[1], kind=r[2], speaker=r[3], speaker_text=r[4], cue=r[5],
                            start=r[6], end=r[7]) for r in quotes.get(doc_id, [])]
        doc.media = [Media(caption=r[0], credit=r[1], language=r[2]) for r in media.get(doc_id, [])]
        doc.removed = [Removed(text=r[0], reason=r[1]) for r in removed.get(doc_id, [])]
        doc.timexes = [Timex(text=r[0], start=r[1], end=r[2], value=r[3], precision=r[4])
                       for r in timexes.get(doc_id, [])]
        doc.places = [Place(text=r[0], start=r[1], end=r[2], name=r[3], country=r[4], lat=r[5], lon=r[6])
                      for r in places.get(doc_id, [])]
        docs.append(doc)
    return docs


def _event(r: tuple, parts: dict) -> Event:
    (eid, type_, mode, context, cameo, quad, goldstein, plover, lname, lcountry, lat, lon, date,
     date_text, precision, status, reported_by, ev_start, ev_end, ev_text, confidence) = r
    location = Location(lname, lcountry, lat, lon) if lname or lcountry or lat is not None else None
    evidence = Evidence(ev_start, ev_end, ev_text) if ev_start is not None else None
    return Event(id=eid, type=type_, mode=mode, context=list(context or []), cameo=cameo,
                 quad_class=quad, goldstein=goldstein, plover_score=plover,
                 actors=parts.get((eid, "actor"), []), recipients=parts.get((eid, "recipient"), []),
                 location=location, date=date, date_text=date_text, date_precision=precision,
                 status=status, reported_by=reported_by, evidence=evidence,
                 confidence=confidence if confidence is not None else 0.0)


def iter_documents(con: duckdb.DuckDBPyConnection, chunk: int = 200) -> Iterator[Document]:
    """Every stored record, rebuilt, in storage order; memory bounded by ``chunk``."""
    batch: list[str] = []
    for doc_id in article_ids(con):
        batch.append(doc_id)
        if len(batch) >= chunk:
            yield from load_documents(con, batch)
            batch = []
    yield from load_documents(con, batch)


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows per content table, and clusters: what a second ingest must leave unchanged."""
    out = {}
    for table in ("articles", "actors", "mentions", "events", "event_actors", "quotes", "media",
                  "removed", "timexes", "places", "event_clusters"):
        out[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return out
