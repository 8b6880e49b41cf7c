"""What the explorer's pages and API need beyond the store's query layer.

Filtering, counting, dyads, partners, the most active actors and the map
all go through :mod:`dragoman.store.queries`, the one query layer the CLI
uses too, so the explorer and the CLI give the same counts for the same
filter: every total a page shows is one of its counts, never a sum over
the rows a page lists.  What stays here is page-specific: paging, events
shaped like the record's events, a whole article, an actor's page and the
front page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import duckdb

from dragoman.store import queries as store
from dragoman.store.queries import KEY_SEP, EventFilter, actor_match

#: SQL condition: actor row ``a`` matches the actor key given as the next three parameters.
ACTOR_MATCH = actor_match("?")


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
    """One page of the events ``f`` selects, with the total (and counts by type, status and QuadClass)."""
    rows = store.events(con, f, sort=sort, descending=descending, limit=per_page, offset=(page - 1) * per_page)
    result = Page(items=[event_out(r) for r in rows], total=store.count_events(con, f), page=page,
                  per_page=per_page)
    if with_counts:
        result.counts = {by: store.facet_counts(con, f, by) for by in ("type", "status", "quad_class")}
    return result


def event_out(row: dict) -> dict:
    """A store events row shaped like the record's event, plus where it comes from."""
    location = None
    if row["location_name"] or row["location_country"]:
        location = {"name": row["location_name"], "country": row["location_country"],
                    "lat": row["lat"], "lon": row["lon"], "source": row.get("location_source")}
    evidence = None
    if row["evidence_start"] is not None:
        evidence = {"start": row["evidence_start"], "end": row["evidence_end"], "text": row["evidence_text"]}
    return {
        "article_id": row["article_id"], "id": row["event_id"], "type": row["type"], "mode": row["mode"],
        "cameo": row["cameo"], "quad_class": row["quad_class"], "goldstein": row["goldstein"],
        "plover_score": row["plover_score"], "status": row["status"], "date": row["date"],
        "date_text": row["date_text"], "date_precision": row["date_precision"],
        "date_source": row.get("date_source"),
        "day": row["day"].isoformat() if row["day"] else None,
        "location": location, "evidence": evidence, "confidence": row["confidence"],
        "reported_by": row["reported_by"],
        "actors": row["actor_ids"], "recipients": row["recipient_ids"],
        "actor_names": row["actor_names"], "recipient_names": row["recipient_names"],
        "num_articles": row["num_articles"],
        "article": {"title": row["title"], "source": row["source"], "published": row["published"]},
    }


def article(con: duckdb.DuckDBPyConnection, article_id: str) -> Optional[dict]:
    """One stored article as a record (SPEC §2), every event whatever its status, or None."""
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
    rows = store.events(con, EventFilter(article=article_id, status="all", reports=True))
    evs = sorted((event_out(r) for r in rows), key=lambda e: _id_order(e["id"]))
    for e in evs:
        for k in ("article_id", "article", "num_articles"):
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


#: The quotes whose speaker an actor key matches (the next three parameters): listed and
#: counted from this one clause, so the count is of the quotes listed, not of a page of them.
_QUOTED_BY = (f"FROM quotes q JOIN actors a ON a.article_id = q.article_id AND a.id = q.speaker "
              f"JOIN articles ar ON ar.id = q.article_id WHERE {ACTOR_MATCH}")


def actor(con: duckdb.DuckDBPyConnection, key: str, *, limit: int = 200,
          f: EventFilter = EventFilter()) -> Optional[dict]:
    """Everything stored about the actors an actor key matches, or None when it matches none.

    Its events and partners are those ``f`` selects (asserted events by default)."""
    matches = _rows(con.execute(
        f"SELECT a.name, a.kind, a.country, a.sector, a.role, a.code, count(*) AS articles "
        f"FROM actors a WHERE {ACTOR_MATCH} GROUP BY ALL ORDER BY articles DESC, a.name", [key, key, key]))
    if not matches:
        return None
    as_actor = events(con, f.replace(actor=key), per_page=limit)
    as_recipient = events(con, f.replace(recipient=key), per_page=limit)
    quotes = _rows(con.execute(
        f"SELECT q.article_id, q.id, q.text, q.kind, q.cue, q.start_char AS start, q.end_char AS \"end\", "
        f"a.name AS speaker_name, ar.title AS article_title {_QUOTED_BY} "
        f"ORDER BY ar.published DESC NULLS LAST, q.article_id, q.start_char LIMIT ?", [key, key, key, limit]))
    quotes_total = con.execute(f"SELECT count(*) {_QUOTED_BY}", [key, key, key]).fetchone()[0]
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
        "quotes": quotes, "quotes_total": quotes_total,
        "partners": partners(con, key, f=f),
    }


def partners(con: duckdb.DuckDBPyConnection, key: str, limit: int = 24,
             f: EventFilter = EventFilter()) -> list[dict]:
    """Whom the actor shares events (those ``f`` selects) with: the store's `partners`."""
    return store.partners(con, key, f, limit)


def dyad(con: duckdb.DuckDBPyConnection, a: str, b: str, freq: str = "month", f: EventFilter = EventFilter(),
         per_period: int = 20) -> list[dict]:
    """The store's dyad (both directions together) shaped as the API's buckets."""
    out = []
    for r in store.dyads(con, a, b, freq, flt=f, per_period=per_period):
        out.append({
            "period": r["period"].isoformat(), "events": r["events"],
            "quad_counts": {str(q): r[f"quad{q}"] for q in (1, 2, 3, 4)},
            "goldstein_sum": r["goldstein"], "plover_sum": r["plover_score"],
            "goldstein_mean": r["goldstein_mean"], "plover_mean": r["plover_mean"],
            "a_to_b": r["a_to_b"], "b_to_a": r["b_to_a"], "reciprocal": r["reciprocal"],
            "event_keys": r["event_keys"],
        })
    return out


def events_by_keys(con: duckdb.DuckDBPyConnection, keys: list[dict]) -> dict[tuple[str, str], dict]:
    """Full event rows for (article_id, id) pairs, in one query."""
    if not keys:
        return {}
    joined = sorted({k["article_id"] + KEY_SEP + k["id"] for k in keys})
    rows = store.events(con, EventFilter(keys=tuple(joined), status="all", reports=True))
    return {(r["article_id"], r["event_id"]): event_out(r) for r in rows}


def overview(con: duckdb.DuckDBPyConnection) -> dict:
    """Counts for the front page, every one from the query layer: events are asserted,
    deduplicated ones, as everywhere by default; reports are every report of any status."""
    default = EventFilter()
    every_report = EventFilter(status="all", reports=True)
    rows = store.counts(con)
    first_day, last_day = con.execute("SELECT CAST(min(day) AS VARCHAR), CAST(max(day) AS VARCHAR) "
                                      "FROM events").fetchone()
    articles = _rows(con.execute("SELECT id, title, source, published FROM articles "
                                 "ORDER BY published DESC NULLS LAST, id LIMIT 50"))
    per_article = store.facet_counts(con, every_report, "article")
    for ar in articles:  # the events its page lists: every report, whatever its status
        ar["events"] = per_article.get(ar["id"], 0)
    return {
        "articles": rows["articles"],
        "events": store.count_events(con, default),
        "reports": store.count_events(con, every_report),
        "by_status": store.facet_counts(con, default, "status"),
        "quotes": rows["quotes"],
        "actors": rows["actors"],
        "first_day": first_day,
        "last_day": last_day,
        "top_actors": store.top_actors(con, default, 12),
        "articles_list": articles,
    }
