"""Read-only queries over the store (src/dragoman/store/schema.sql).

Every statement here is a constant string with ``?`` parameters; values from
the user only ever travel as parameters.  Where a user picks a sort column,
the choice selects one of the constant expressions in ``SORT_COLUMNS``.

An *actor key* names actors across articles (the store keeps actors per
article): it matches an actor whose CAMEO code, country code or name equals
it, so ``ISR`` gathers every Israeli actor, ``ISRGOV`` the government and
``Benny Gantz`` the man himself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Optional

import duckdb

from dragoman.store.queries import actor_match

#: SQL condition: actor row ``a`` matches the actor key given as the next three parameters.
ACTOR_MATCH = actor_match("?")

#: User-facing sort names -> constant SQL expressions.
SORT_COLUMNS = {
    "date": "e.day",
    "type": "e.type",
    "goldstein": "e.goldstein",
    "plover_score": "e.plover_score",
    "quad_class": "e.quad_class",
    "status": "e.status",
    "country": "e.location_country",
    "source": "ar.source",
    "confidence": "e.confidence",
}

EVENT_COLUMNS = """
    e.article_id, e.id, e.type, e.mode, e.cameo, e.quad_class, e.goldstein, e.plover_score,
    e.status, e.date, e.date_text, e.date_precision, CAST(e.day AS VARCHAR) AS day,
    e.location_name, e.location_country, e.location_lat, e.location_lon,
    e.evidence_start, e.evidence_end, e.evidence_text, e.confidence, e.reported_by,
    ar.title AS article_title, ar.source AS article_source, ar.published AS article_published
"""

#: The participants of the events of some articles (the articles of one page of events).
PARTICIPANTS = """
    SELECT ea.article_id, ea.event_id, ea.role, ea.actor_id, a.name
    FROM event_actors ea LEFT JOIN actors a ON a.article_id = ea.article_id AND a.id = ea.actor_id
    WHERE ea.article_id IN (SELECT unnest(?::VARCHAR[]))
    ORDER BY ea.article_id, ea.event_id, ea.role, ea.seq
"""

ROLE_EXISTS = """EXISTS (SELECT 1 FROM event_actors ea JOIN actors a
    ON a.article_id = ea.article_id AND a.id = ea.actor_id
    WHERE ea.article_id = e.article_id AND ea.event_id = e.id AND ea.role = ? AND """ + ACTOR_MATCH + ")"


#: SQL condition: event ``e`` is the representative report of its cross-article cluster.
REPRESENTATIVE = ("EXISTS (SELECT 1 FROM event_clusters c "
                  "WHERE c.article_id = e.article_id AND c.event_id = e.id)")


#: Joins an article id and an event id into one key (the ASCII unit separator, in no id).
KEY_SEP = "\x1f"


@dataclass
class EventFilter:
    """What the events table and /api/events can be narrowed by."""

    type: Optional[str] = None
    actor: Optional[str] = None
    recipient: Optional[str] = None
    country: Optional[str] = None  # the event's location country
    since: Optional[dt.date] = None
    until: Optional[dt.date] = None
    status: Optional[str] = None
    quad_class: Optional[int] = None
    q: Optional[str] = None  # words in the evidence or the article title
    article: Optional[str] = None
    place: Optional[str] = None  # the event's location name
    dedup: bool = False  # only each cross-article cluster's representative report
    keys: Optional[list[str]] = None  # article_id + KEY_SEP + event id

    def where(self) -> tuple[str, list[Any]]:
        """A WHERE clause of constant text and its parameters."""
        parts, params = ["TRUE"], []
        if self.type:
            parts.append("e.type = ?")
            params.append(self.type)
        if self.actor:
            parts.append(ROLE_EXISTS)
            params += ["actor", self.actor, self.actor, self.actor]
        if self.recipient:
            parts.append(ROLE_EXISTS)
            params += ["recipient", self.recipient, self.recipient, self.recipient]
        if self.country:
            parts.append("e.location_country = ?")
            params.append(self.country)
        if self.since:
            parts.append("e.day >= ?")
            params.append(self.since)
        if self.until:
            parts.append("e.day <= ?")
            params.append(self.until)
        if self.status:
            parts.append("e.status = ?")
            params.append(self.status)
        if self.quad_class:
            parts.append("e.quad_class = ?")
            params.append(self.quad_class)
        if self.q:
            parts.append("(strpos(lower(coalesce(e.evidence_text, '')), lower(?)) > 0 "
                         "OR strpos(lower(coalesce(ar.title, '')), lower(?)) > 0)")
            params += [self.q, self.q]
        if self.article:
            parts.append("e.article_id = ?")
            params.append(self.article)
        if self.place:
            parts.append("lower(e.location_name) = lower(?)")
            params.append(self.place)
        if self.dedup:
            parts.append(REPRESENTATIVE)
        if self.keys is not None:
            parts.append("e.article_id || chr(31) || e.id IN (SELECT unnest(?::VARCHAR[]))")
            params.append(self.keys)
        return " AND ".join(parts), params


@dataclass
class Page:
    """One page of results with what it takes to draw the pager."""

    items: list[dict]
    total: int
    page: int
    per_page: int
    counts: dict[str, dict] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _rows(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def events(con: duckdb.DuckDBPyConnection, f: EventFilter, *, sort: str = "date", descending: bool = True,
           page: int = 1, per_page: int = 50, with_counts: bool = False) -> Page:
    """Events matching ``f``, one page, with totals (and counts by type and status)."""
    where, params = f.where()
    base = f"FROM events e JOIN articles ar ON ar.id = e.article_id WHERE {where}"
    total = con.execute(f"SELECT count(*) {base}", params).fetchone()[0]
    order = SORT_COLUMNS.get(sort, "e.day")
    direction = "DESC" if descending else "ASC"
    sql = (f"SELECT {EVENT_COLUMNS} {base} ORDER BY {order} {direction} NULLS LAST, e.article_id, e.id "
           f"LIMIT ? OFFSET ?")
    items = _rows(con.execute(sql, params + [per_page, (page - 1) * per_page]))
    _add_participants(con, items)
    result = Page(items=[_event_out(r) for r in items], total=total, page=page, per_page=per_page)
    if with_counts:
        for column, name in (("e.type", "type"), ("e.status", "status"), ("e.quad_class", "quad_class")):
            rows = con.execute(f"SELECT {column} AS k, count(*) AS n {base} GROUP BY 1 ORDER BY 2 DESC, 1",
                               params).fetchall()
            result.counts[name] = {str(k): n for k, n in rows}
    return result


def _add_participants(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> None:
    """Fill in actor and recipient ids and names, one query for the whole page.

    Done after paging, not as subqueries in the paged SELECT: DuckDB would
    otherwise work them out for every matching event before the LIMIT.
    """
    for row in rows:
        row.update(actor_ids=[], actor_names=[], recipient_ids=[], recipient_names=[])
    if not rows:
        return
    by_key = {(r["article_id"], r["id"]): r for r in rows}
    articles = sorted({r["article_id"] for r in rows})
    for article_id, event_id, role, actor_id, name in con.execute(PARTICIPANTS, [articles]).fetchall():
        row = by_key.get((article_id, event_id))
        if row is not None and role in ("actor", "recipient"):
            row[f"{role}_ids"].append(actor_id)
            row[f"{role}_names"].append(name)


def _event_out(row: dict) -> dict:
    """An events row shaped like the record's event, plus where it comes from."""
    location = None
    if row["location_name"] or row["location_country"]:
        location = {"name": row["location_name"], "country": row["location_country"],
                    "lat": row["location_lat"], "lon": row["location_lon"]}
    evidence = None
    if row["evidence_start"] is not None:
        evidence = {"start": row["evidence_start"], "end": row["evidence_end"], "text": row["evidence_text"]}
    return {
        "article_id": row["article_id"], "id": row["id"], "type": row["type"], "mode": row["mode"],
        "cameo": row["cameo"], "quad_class": row["quad_class"], "goldstein": row["goldstein"],
        "plover_score": row["plover_score"], "status": row["status"], "date": row["date"],
        "date_text": row["date_text"], "date_precision": row["date_precision"], "day": row["day"],
        "location": location, "evidence": evidence, "confidence": row["confidence"],
        "reported_by": row["reported_by"],
        "actors": row["actor_ids"] or [], "recipients": row["recipient_ids"] or [],
        "actor_names": row["actor_names"] or [], "recipient_names": row["recipient_names"] or [],
        "article": {"title": row["article_title"], "source": row["article_source"],
                    "published": row["article_published"]},
    }


def article(con: duckdb.DuckDBPyConnection, article_id: str) -> Optional[dict]:
    """One stored article as a record (SPEC §2), or None."""
    rows = _rows(con.execute("SELECT id, source, url, title, published, language, text FROM articles WHERE id = ?",
                             [article_id]))
    if not rows:
        return None
    doc = rows[0]
    actors = _rows(con.execute("SELECT id, name, kind, country, sector, role, code FROM actors "
                               "WHERE article_id = ? ORDER BY id", [article_id]))
    mentions = _rows(con.execute("SELECT actor_id, start_char AS start, end_char AS \"end\", text FROM mentions "
                                 "WHERE article_id = ? ORDER BY actor_id, seq", [article_id]))
    by_actor: dict[str, list] = {}
    for m in mentions:
        by_actor.setdefault(m.pop("actor_id"), []).append(m)
    for a in actors:
        a["mentions"] = by_actor.get(a["id"], [])
    actors.sort(key=lambda a: _id_order(a["id"]))
    doc["media"] = _rows(con.execute("SELECT caption, credit, language FROM media WHERE article_id = ? ORDER BY seq",
                                     [article_id]))
    doc["removed"] = _rows(con.execute("SELECT text, reason FROM removed WHERE article_id = ? ORDER BY seq",
                                       [article_id]))
    doc["actors"] = actors
    page = events(con, EventFilter(article=article_id), sort="date", page=1, per_page=10_000)
    evs = sorted(page.items, key=lambda e: _id_order(e["id"]))
    for e in evs:
        for k in ("article_id", "article"):
            e.pop(k, None)
    doc["events"] = evs
    doc["quotes"] = _rows(con.execute(
        "SELECT id, text, kind, speaker, speaker_text, cue, start_char AS start, end_char AS \"end\" "
        "FROM quotes WHERE article_id = ? ORDER BY start_char, id", [article_id]))
    doc["timexes"] = _rows(con.execute(
        "SELECT text, start_char AS start, end_char AS \"end\", value, date_precision AS precision "
        "FROM timexes WHERE article_id = ? ORDER BY seq", [article_id]))
    doc["places"] = _rows(con.execute(
        "SELECT text, start_char AS start, end_char AS \"end\", name, country, lat, lon "
        "FROM places WHERE article_id = ? ORDER BY seq", [article_id]))
    return doc


def _id_order(record_id: str) -> tuple:
    """"e10" after "e9": sort ids by their number."""
    digits = "".join(ch for ch in record_id if ch.isdigit())
    return (record_id.rstrip("0123456789"), int(digits) if digits else 0, record_id)


def actor(con: duckdb.DuckDBPyConnection, key: str, *, limit: int = 200) -> Optional[dict]:
    """Everything stored about the actors an actor key matches, or None when it matches none."""
    matches = _rows(con.execute(
        f"SELECT a.name, a.kind, a.country, a.sector, a.role, a.code, count(*) AS articles "
        f"FROM actors a WHERE {ACTOR_MATCH} GROUP BY ALL ORDER BY articles DESC, a.name", [key, key, key]))
    if not matches:
        return None
    as_actor = events(con, EventFilter(actor=key), per_page=limit)
    as_recipient = events(con, EventFilter(recipient=key), per_page=limit)
    quotes = _rows(con.execute(
        f"SELECT q.article_id, q.id, q.text, q.kind, q.cue, q.start_char AS start, q.end_char AS \"end\", "
        f"a.name AS speaker_name, ar.title AS article_title "
        f"FROM quotes q JOIN actors a ON a.article_id = q.article_id AND a.id = q.speaker "
        f"JOIN articles ar ON ar.id = q.article_id WHERE {ACTOR_MATCH} "
        f"ORDER BY ar.published DESC NULLS LAST, q.article_id, q.start_char LIMIT ?", [key, key, key, limit]))
    mention_count = con.execute(
        f"SELECT count(*) FROM mentions m JOIN actors a ON a.article_id = m.article_id AND a.id = m.actor_id "
        f"WHERE {ACTOR_MATCH}", [key, key, key]).fetchone()[0]
    return {
        "key": key,
        "name": matches[0]["name"],
        "matches": matches,
        "mention_count": mention_count,
        "events_as_actor": as_actor.items, "events_as_actor_total": as_actor.total,
        "events_as_recipient": as_recipient.items, "events_as_recipient_total": as_recipient.total,
        "quotes": quotes,
        "partners": partners(con, key),
    }


def partners(con: duckdb.DuckDBPyConnection, key: str, limit: int = 24) -> list[dict]:
    """Whom the actor shares events with: name, key to link, number of events, mean Goldstein."""
    rows = _rows(con.execute(
        f"""
        WITH mine AS (
            SELECT DISTINCT ea.article_id, ea.event_id, ea.actor_id
            FROM event_actors ea JOIN actors a ON a.article_id = ea.article_id AND a.id = ea.actor_id
            WHERE {ACTOR_MATCH}
        )
        SELECT coalesce(o.name, o.code, o.country) AS name,
               any_value(o.code) AS code, any_value(o.country) AS country,
               count(DISTINCT (e.article_id, e.id)) AS events,
               avg(e.goldstein) AS tone
        FROM mine
        JOIN event_actors other ON other.article_id = mine.article_id AND other.event_id = mine.event_id
             AND other.actor_id <> mine.actor_id
        JOIN actors o ON o.article_id = other.article_id AND o.id = other.actor_id
        JOIN events e ON e.article_id = mine.article_id AND e.id = mine.event_id
        WHERE NOT coalesce(o.code = ? OR o.country = ? OR lower(o.name) = lower(?), FALSE)
        GROUP BY 1 ORDER BY events DESC, name LIMIT ?
        """, [key, key, key, key, key, key, limit]))
    return [r for r in rows if r["name"]]


FREQ_TRUNC = {"day": "day", "week": "week", "month": "month", "year": "year"}


def dyad(con: duckdb.DuckDBPyConnection, a: str, b: str, freq: str = "month", dedup: bool = False,
         per_period: int = 20) -> list[dict]:
    """The relation between two actor keys over time, both directions together.

    An event counts when one participant (actor or recipient) matches ``a``
    and another matches ``b``; events without a day are left out.  Each
    period has counts per QuadClass, Goldstein and PLOVER score sums and
    means, and the keys of its first ``per_period`` events (by day).
    ``dedup`` counts each cross-article cluster once.
    """
    unit = FREQ_TRUNC.get(freq, "month")
    rows = _rows(con.execute(
        _dyad_events_sql(unit, dedup) + """
        SELECT CAST(bucket AS VARCHAR) AS period, count(*) AS events,
               count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,
               count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4,
               coalesce(sum(goldstein), 0) AS goldstein_sum, avg(goldstein) AS goldstein_mean,
               coalesce(sum(plover_score), 0) AS plover_sum, avg(plover_score) AS plover_mean,
               count(*) FILTER (WHERE a_to_b) AS a_to_b, count(*) FILTER (WHERE b_to_a) AS b_to_a,
               list_slice(list(struct_pack(article_id := article_id, id := id) ORDER BY day, article_id, id),
                          1, ?) AS event_keys
        FROM dyad_events GROUP BY bucket ORDER BY bucket
        """, [a, a, a, b, b, b, per_period]))
    out = []
    for r in rows:
        out.append({
            "period": r["period"], "events": r["events"],
            "quad_counts": {str(q): r[f"q{q}"] for q in (1, 2, 3, 4)},
            "goldstein_sum": round(r["goldstein_sum"], 3), "plover_sum": round(r["plover_sum"], 3),
            "goldstein_mean": _round(r["goldstein_mean"]), "plover_mean": _round(r["plover_mean"]),
            "a_to_b": r["a_to_b"], "b_to_a": r["b_to_a"],
            "event_keys": [dict(k) for k in r["event_keys"]] if per_period > 0 else [],
        })
    return out


def _dyad_events_sql(unit: str, dedup: bool) -> str:
    """A WITH clause defining ``dyad_events``: every dated event between the two keys (six parameters)."""
    assert unit in FREQ_TRUNC.values()
    only = f"AND {REPRESENTATIVE}" if dedup else ""
    return f"""
        WITH side_a AS (
            SELECT DISTINCT ea.article_id, ea.event_id, ea.actor_id, ea.role FROM event_actors ea
            JOIN actors a ON a.article_id = ea.article_id AND a.id = ea.actor_id WHERE {ACTOR_MATCH}
        ), side_b AS (
            SELECT DISTINCT ea.article_id, ea.event_id, ea.actor_id, ea.role FROM event_actors ea
            JOIN actors a ON a.article_id = ea.article_id AND a.id = ea.actor_id WHERE {ACTOR_MATCH}
        ), pairs AS (
            SELECT side_a.article_id, side_a.event_id,
                   bool_or(side_a.role = 'actor' AND side_b.role = 'recipient') AS a_to_b,
                   bool_or(side_b.role = 'actor' AND side_a.role = 'recipient') AS b_to_a
            FROM side_a JOIN side_b ON side_a.article_id = side_b.article_id
                 AND side_a.event_id = side_b.event_id AND side_a.actor_id <> side_b.actor_id
            GROUP BY ALL
        ), dyad_events AS (
            SELECT CAST(date_trunc('{unit}', e.day) AS DATE) AS bucket, e.day, e.article_id, e.id,
                   e.quad_class, e.goldstein, e.plover_score, pairs.a_to_b, pairs.b_to_a
            FROM pairs JOIN events e ON e.article_id = pairs.article_id AND e.id = pairs.event_id
            WHERE e.day IS NOT NULL {only}
        )
    """


def dyad_period_keys(con: duckdb.DuckDBPyConnection, a: str, b: str, freq: str, dedup: bool,
                     period: dt.date, limit: int) -> list[dict]:
    """The keys of the events of one period of a dyad, by day, at most ``limit``."""
    unit = FREQ_TRUNC.get(freq, "month")
    rows = con.execute(_dyad_events_sql(unit, dedup) + """
        SELECT article_id, id FROM dyad_events WHERE bucket = CAST(date_trunc(?, CAST(? AS DATE)) AS DATE)
        ORDER BY day, article_id, id LIMIT ?
        """, [a, a, a, b, b, b, unit, period, limit]).fetchall()
    return [{"article_id": r[0], "id": r[1]} for r in rows]


def _round(value: Optional[float]) -> Optional[float]:
    return None if value is None else round(value, 3)


def events_by_keys(con: duckdb.DuckDBPyConnection, keys: list[dict]) -> dict[tuple[str, str], dict]:
    """Full event rows for (article_id, id) pairs, in one query."""
    if not keys:
        return {}
    joined = sorted({k["article_id"] + KEY_SEP + k["id"] for k in keys})
    page = events(con, EventFilter(keys=joined), per_page=len(joined))
    return {(e["article_id"], e["id"]): e for e in page.items}


def locations(con: duckdb.DuckDBPyConnection, f: EventFilter, limit: int = 500) -> list[dict]:
    """Event locations with coordinates, grouped by place, most events first."""
    where, params = f.where()
    return _rows(con.execute(
        f"SELECT e.location_name AS name, e.location_country AS country, round(e.location_lat, 2) AS lat, "
        f"round(e.location_lon, 2) AS lon, count(*) AS events, list(DISTINCT e.type) AS types "
        f"FROM events e JOIN articles ar ON ar.id = e.article_id "
        f"WHERE {where} AND e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL "
        f"AND e.location_lat BETWEEN -90 AND 90 AND e.location_lon BETWEEN -180 AND 180 "
        f"GROUP BY ALL ORDER BY events DESC, name LIMIT ?", params + [limit]))


def overview(con: duckdb.DuckDBPyConnection) -> dict:
    """Counts for the front page."""
    one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "articles": one("SELECT count(*) FROM articles"),
        "events": one("SELECT count(*) FROM events"),
        "quotes": one("SELECT count(*) FROM quotes"),
        "actors": one("SELECT count(*) FROM actors"),
        "first_day": one("SELECT CAST(min(day) AS VARCHAR) FROM events"),
        "last_day": one("SELECT CAST(max(day) AS VARCHAR) FROM events"),
        "top_actors": _rows(con.execute(
            "SELECT coalesce(a.country, a.code, a.name) AS key, count(DISTINCT (ea.article_id, ea.event_id)) AS events "
            "FROM event_actors ea "
            "JOIN actors a ON a.article_id = ea.article_id AND a.id = ea.actor_id "
            "WHERE coalesce(a.country, a.code, a.name) IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 12")),
        "articles_list": _rows(con.execute(
            "SELECT ar.id, ar.title, ar.source, ar.published, "
            "(SELECT count(*) FROM events e WHERE e.article_id = ar.id) AS events "
            "FROM articles ar ORDER BY ar.published DESC NULLS LAST, ar.id LIMIT 50")),
    }
