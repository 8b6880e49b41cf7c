"""The one query layer over the store: the CLI, the explorer and Python all read through it.

One filter type (:class:`EventFilter`), one validation (:func:`check`: a bad
value raises :class:`FilterError`, which the CLI turns into exit 2 and the
API into a 422, with the same message), one events query, one dyad
definition.  Having the CLI and the explorer each carry their own SQL made
them disagree (issue 12); nothing outside this module builds event SQL.

Defaults, the same everywhere:

* **Status**: only ``asserted`` events, unless the filter asks for others
  (``status="asserted,future"`` or ``"all"``): what did not happen is never
  counted as if it happened (SPEC §2).
* **Unit**: one row per *event* - reports that the store deduplicated into one
  cross-article cluster count once - unless ``reports=True`` asks for every
  report.  The filter applies to reports first; each cluster is then shown
  through its earliest matching report (by day, article id, event id), so the
  row shown always satisfies the filter.  Status is part of an event's
  identity: the store keys clusters by it (`writer.cluster_key`), and the
  queries here count per cluster *and* status too, so even a store of schema
  3 or older, opened read-only before a writer re-keyed it, never counts an
  asserted and a negated report as one event.
* **Dyad** between keys A and B: an event where an actor matches one side
  and a recipient the other (A>B or B>A), or, with no recipients, two
  distinct actors match the two sides (A<>B, "A and B agreed").  Two
  co-actors of an event against a third party are no A-B dyad.  Dyads are a
  time series, so events without a day are left out.

Every statement is constant text with ``?`` parameters; user input never
becomes SQL.  An *actor key* matches an actor whose country code, CAMEO
actor code or name (any case) equals it: ``ISR`` gathers every Israeli
actor, ``ISRGOV`` the government, ``Benny Gantz`` the man himself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Optional, Union

import duckdb

from dragoman.events.resources import PLOVER_TYPES
from dragoman.model import (Actor, Document, Event, Evidence, Location, Media, Mention, Quote, Removed,
                            Timex, Place)

STATUSES = ("asserted", "future", "hypothetical", "negated")
DEFAULT_STATUSES = ("asserted",)
FREQS = ("day", "week", "month", "year")

#: Longest actor key, place name or article id a filter takes.
MAX_KEY = 120
#: Longest free-text search.
MAX_TEXT = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_COUNTRY = re.compile(r"^[A-Za-z]{3}$")


class FilterError(ValueError):
    """A filter value that cannot be used; ``str()`` is the message shown to the user."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _text(field: str, value: Any, longest: int) -> Optional[str]:
    if value is None:
        return None
    if not isinstance(value, str):
        raise FilterError(field, f"invalid {field} {_shown(value)}: expected text")
    value = value.strip()
    if not value:
        return None
    if len(value) > longest:
        raise FilterError(field, f"invalid {field}: longer than {longest} characters")
    if _CONTROL.search(value):
        raise FilterError(field, f"invalid {field} {_shown(value)}: control characters")
    return value


def _type(value: Any) -> Optional[str]:
    value = _text("type", value, MAX_KEY)
    if value is None:
        return None
    if value.upper() not in PLOVER_TYPES:
        raise FilterError("type", f"invalid type {_shown(value)}: not a PLOVER event type "
                                  f"({', '.join(PLOVER_TYPES)})")
    return value.upper()


def _country(value: Any) -> Optional[str]:
    value = _text("country", value, MAX_KEY)
    if value is None:
        return None
    if not _COUNTRY.match(value):
        raise FilterError("country", f"invalid country {_shown(value)}: a three-letter code such as TUR")
    return value.upper()


def _day(field: str, value: Any) -> Optional[dt.date]:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(field, value, 40)
    if text is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FilterError(field, f"invalid {field} {_shown(text)}: not a day written YYYY-MM-DD")


def _statuses(value: Any) -> tuple[str, ...]:
    if value is None:
        return DEFAULT_STATUSES
    if isinstance(value, str):
        if _CONTROL.search(value) or len(value) > MAX_KEY:
            raise FilterError("status", f"invalid status {_shown(value)}: "
                                        f"use all or some of {', '.join(STATUSES)}, comma-separated")
        names = [v.strip().lower() for v in value.split(",") if v.strip()]
    else:
        names = [str(v).strip().lower() for v in value if str(v).strip()]
    if not names:
        return DEFAULT_STATUSES
    if "all" in names:
        return STATUSES
    unknown = [n for n in names if n not in STATUSES]
    if unknown:
        raise FilterError("status", f"invalid status {_shown(unknown[0])}: "
                                    f"use all or some of {', '.join(STATUSES)}, comma-separated")
    return tuple(s for s in STATUSES if s in names)


def _quad_class(value: Any) -> Optional[int]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int) and 1 <= value <= 4:
        return value
    if isinstance(value, str) and value.strip() in ("1", "2", "3", "4"):
        return int(value.strip())
    raise FilterError("quad_class", f"invalid quad_class {_shown(value)}: one of 1, 2, 3, 4")


def check_freq(value: Any) -> str:
    """A dyad's period: day, week, month (the default when absent) or year."""
    text = _text("freq", value, 20)
    if text is None:
        return "month"
    if text.lower() not in FREQS:
        raise FilterError("freq", f"invalid freq {_shown(text)}: one of {', '.join(FREQS)}")
    return text.lower()


def check_key(field: str, value: Any) -> str:
    """A required actor key (a dyad's side): non-blank text."""
    key = _text(field, value, MAX_KEY)
    if key is None:
        raise FilterError(field, f"missing {field}: an actor key (country, CAMEO code or name)")
    return key


#: The one validation: filter field -> function that returns the normalised value or raises FilterError.
_CHECKS = {
    "actor": lambda v: _text("actor", v, MAX_KEY),
    "recipient": lambda v: _text("recipient", v, MAX_KEY),
    "type": _type,
    "since": lambda v: _day("since", v),
    "until": lambda v: _day("until", v),
    "status": _statuses,
    "country": _country,
    "quad_class": _quad_class,
    "q": lambda v: _text("q", v, MAX_TEXT),
    "place": lambda v: _text("place", v, MAX_KEY),
    "article": lambda v: _text("article", v, 1000),
}


def check(field: str, value: Any) -> Any:
    """The normalised value of one filter field, or FilterError with the user's message.

    The API's parameter model calls this per field, so a bad value gets the
    same words in a 422 as in the CLI's exit-2 message.
    """
    return _CHECKS[field](value)


@dataclass(frozen=True)
class EventFilter:
    """What events can be narrowed by; every value is checked and normalised on creation.

    Blank text counts as absent; ``status`` takes ``"asserted,future"``,
    ``"all"`` or a sequence, and defaults to asserted only.
    """

    actor: Optional[str] = None
    recipient: Optional[str] = None
    type: Optional[str] = None
    since: Optional[Union[str, dt.date]] = None  # inclusive
    until: Optional[Union[str, dt.date]] = None  # inclusive
    status: Union[str, Iterable[str], None] = DEFAULT_STATUSES
    country: Optional[str] = None  # the event's location country
    quad_class: Optional[int] = None
    q: Optional[str] = None  # words in the evidence or the article title
    place: Optional[str] = None  # the event's location name
    article: Optional[str] = None
    reports: bool = False  # every report, not one row per deduplicated event
    undated: bool = False  # only events with no day (date_source none, or a date coarser than a day)
    keys: Optional[tuple[str, ...]] = None  # article_id + KEY_SEP + event id (the explorer's own use)

    def __post_init__(self) -> None:
        for name, checker in _CHECKS.items():
            object.__setattr__(self, name, checker(getattr(self, name)))
        object.__setattr__(self, "reports", bool(self.reports))
        object.__setattr__(self, "undated", bool(self.undated))
        if self.keys is not None:
            object.__setattr__(self, "keys", tuple(self.keys))

    def replace(self, **changes) -> "EventFilter":
        return dataclasses.replace(self, **changes)

    @property
    def all_statuses(self) -> bool:
        return set(self.status) == set(STATUSES)

    def where(self) -> tuple[str, list]:
        """SQL condition on report ``e`` (joined to its article ``ar``) and its parameters."""
        parts, params = ["TRUE"], []
        for role, value in (("actor", self.actor), ("recipient", self.recipient)):
            if value:
                parts.append(
                    f"EXISTS (SELECT 1 FROM {EVENT_PARTICIPANTS} a "
                    "WHERE a.article_id = e.article_id AND a.event_id = e.id "
                    f"AND a.role = '{role}' AND {actor_match('?')})")
                params += [value, value, value]
        if not self.all_statuses:
            parts.append("coalesce(e.status, 'asserted') IN (SELECT unnest(?::VARCHAR[]))")
            params.append(list(self.status))
        if self.type:
            parts.append("upper(e.type) = ?")
            params.append(self.type)
        if self.since:
            parts.append("e.day >= ?")
            params.append(self.since)
        if self.until:
            parts.append("e.day <= ?")
            params.append(self.until)
        if self.country:
            parts.append("upper(e.location_country) = ?")
            params.append(self.country)
        if self.quad_class:
            parts.append("e.quad_class = ?")
            params.append(self.quad_class)
        if self.q:
            parts.append("(strpos(lower(coalesce(e.evidence_text, '')), lower(?)) > 0 "
                         "OR strpos(lower(coalesce(ar.title, '')), lower(?)) > 0)")
            params += [self.q, self.q]
        if self.place:
            parts.append("lower(e.location_name) = lower(?)")
            params.append(self.place)
        if self.article:
            parts.append("e.article_id = ?")
            params.append(self.article)
        if self.undated:
            parts.append("e.day IS NULL")
        if self.keys is not None:
            parts.append("e.article_id || chr(31) || e.id IN (SELECT unnest(?::VARCHAR[]))")
            params.append(list(self.keys))
        return " AND ".join(parts), params


#: Joins an article id and an event id into one key (the ASCII unit separator, in no id).
KEY_SEP = "\x1f"

#: An actor row matches a filter value by country code, actor code or name.
_ACTOR_MATCH = ("(upper({a}.country) = upper({p}) OR upper({a}.code) = upper({p}) "
                "OR lower({a}.name) = lower({p}))")


def actor_match(p: str = "?", alias: str = "a") -> str:
    """SQL condition: actor row ``alias`` (an `actors` row or an EVENT_PARTICIPANTS row)
    matches an actor key (country, CAMEO code or name, any case) given as parameter ``p``;
    with ``?`` it takes the key three times.  One definition, so every query and the
    explorer mean the same by an actor key."""
    return _ACTOR_MATCH.format(p=p, a=alias)


#: The one join of events to the actors taking part in them: one row per seat in an event
#: (``role`` actor|recipient, ``seq`` its place in the event's list) with the actor's name,
#: kind, country, sector and code (NULL when the record names an actor id it lacks).  Use it
#: as ``FROM {EVENT_PARTICIPANTS} a`` (the alias `actor_match` expects).  Filters, event rows,
#: dyads, partners, exports: every query that asks who took part in an event reads it here,
#: so none can disagree about who that was.
EVENT_PARTICIPANTS = """(SELECT ea.article_id, ea.event_id, ea.role, ea.seq, ea.actor_id,
        act.name, act.kind, act.country, act.sector, act.code
    FROM event_actors ea LEFT JOIN actors act ON act.article_id = ea.article_id AND act.id = ea.actor_id)"""


def matched(flt: EventFilter) -> tuple[str, list]:
    """A ``WITH`` item ``matched(article_id, id)``: the reports the filter selects, one per
    cluster unless ``flt.reports``.  Every query here builds on it; so can a page's own SQL."""
    where, params = flt.where()
    if flt.reports:
        return (f"matched AS (SELECT e.article_id, e.id FROM events e "
                f"JOIN articles ar ON ar.id = e.article_id WHERE {where})"), params
    return (f"""matched AS (SELECT article_id, id FROM (
        SELECT e.article_id, e.id, row_number() OVER (
            PARTITION BY coalesce(e.cluster_id, e.article_id || chr(31) || e.id), coalesce(e.status, 'asserted')
            ORDER BY e.day NULLS LAST, e.article_id, e.id) AS rank
        FROM events e JOIN articles ar ON ar.id = e.article_id WHERE {where}) WHERE rank = 1)"""), params


# --- events -----------------------------------------------------------------

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

_EVENT_SELECT = """
    e.article_id, e.id AS event_id, e.cluster_id, e.day, e.type, e.mode, e.context, e.cameo,
    e.quad_class, e.goldstein, e.plover_score, e.status,
    e.location_name, e.location_country, e.location_lat AS lat, e.location_lon AS lon,
    e.date, e.date_text, e.date_precision, e.date_source, e.location_source, e.reported_by,
    e.evidence_start, e.evidence_end, e.evidence_text, e.confidence,
    c.num_mentions, c.num_articles, c.num_sources,
    ar.source, ar.url, ar.published, ar.title"""


def events(con: duckdb.DuckDBPyConnection, flt: EventFilter = EventFilter(), *, sort: str = "date",
           descending: bool = False, limit: Optional[int] = None, offset: int = 0) -> list[dict]:
    """Events matching ``flt`` (one row per event, or per report), sorted, optionally one page.

    Each row has the report's columns, its cluster's counts, its article, and
    its participants as lists: ``actor_ids``, ``actor_names``, ``actor_codes``
    and the same for recipients (fetched after paging, in one query).
    """
    cte, params = matched(flt)
    order = SORT_COLUMNS.get(sort, "e.day")
    direction = "DESC" if descending else "ASC"
    sql = (f"WITH {cte} SELECT {_EVENT_SELECT} FROM matched m "
           f"JOIN events e ON e.article_id = m.article_id AND e.id = m.id "
           f"JOIN articles ar ON ar.id = e.article_id LEFT JOIN event_clusters c ON c.id = e.cluster_id "
           f"ORDER BY {order} {direction} NULLS LAST, e.article_id, e.id")
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = params + [int(limit), int(offset)]
    rows = _dicts(con.execute(sql, params))
    _add_participants(con, rows)
    return rows


def _arrow_types() -> dict:
    """Arrow types of the `events` row columns (an empty result keeps its schema)."""
    import pyarrow as pa

    text, whole, real, texts = pa.string(), pa.int64(), pa.float64(), pa.list_(pa.string())
    types = {"article_id": text, "event_id": text, "cluster_id": text, "day": pa.date32(), "type": text,
             "mode": text, "context": texts, "cameo": text, "quad_class": whole, "goldstein": real,
             "plover_score": real, "status": text, "location_name": text, "location_country": text,
             "lat": real, "lon": real, "date": text, "date_text": text, "date_precision": text,
             "date_source": text, "location_source": text, "reported_by": text, "evidence_start": whole, "evidence_end": whole, "evidence_text": text,
             "confidence": real, "num_mentions": whole, "num_articles": whole, "num_sources": whole,
             "source": text, "url": text, "published": text, "title": text}
    for role in ("actor", "recipient"):
        types.update({f"{role}_ids": texts, f"{role}_names": texts, f"{role}_codes": texts})
    return types


def events_table(con: duckdb.DuckDBPyConnection, flt: EventFilter = EventFilter(), *, sort: str = "date",
                 descending: bool = False, limit: Optional[int] = None, offset: int = 0):
    """`events` as a pyarrow Table (Python's ``dragoman.query``): the same rows, one column each,
    participants as list columns; an empty result has the same columns."""
    import pyarrow as pa

    rows = events(con, flt, sort=sort, descending=descending, limit=limit, offset=offset)
    types = _arrow_types()
    names = list(rows[0]) if rows else list(types)
    arrays = [pa.array([r.get(n) for r in rows], type=types.get(n)) for n in names]
    return pa.Table.from_arrays(arrays, names=names)


def count_events(con: duckdb.DuckDBPyConnection, flt: EventFilter = EventFilter()) -> int:
    """How many events (or reports) ``flt`` selects: what `events` would return unpaged."""
    cte, params = matched(flt)
    return con.execute(f"WITH {cte} SELECT count(*) FROM matched", params).fetchone()[0]


#: Columns events can be counted by (facets; ``article``: the explorer's events per article).
FACETS = {"type": "e.type", "status": "coalesce(e.status, 'asserted')", "quad_class": "e.quad_class",
          "article": "e.article_id"}


def facet_counts(con: duckdb.DuckDBPyConnection, flt: EventFilter, by: str) -> dict[str, int]:
    """Events per value of ``by`` (type, status, quad_class), most first.

    Counting by status ignores the filter's status, so every status shows
    with its count and can be picked.
    """
    if by == "status":
        flt = flt.replace(status="all")
    cte, params = matched(flt)
    rows = con.execute(f"WITH {cte} SELECT {FACETS[by]} AS k, count(*) AS n FROM matched m "
                       f"JOIN events e ON e.article_id = m.article_id AND e.id = m.id "
                       f"GROUP BY 1 ORDER BY 2 DESC, 1", params).fetchall()
    return {str(k): n for k, n in rows}


def _add_participants(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> None:
    """Actor and recipient ids, names and codes of each row, one query for all rows.

    Done after paging, not as subqueries in the paged SELECT: DuckDB would
    otherwise work them out for every matching event before the LIMIT.
    """
    for row in rows:
        for role in ("actor", "recipient"):
            row.update({f"{role}_ids": [], f"{role}_names": [], f"{role}_codes": []})
    if not rows:
        return
    seats = participants_by_event(con, [r["article_id"] for r in rows],
                                  "a.actor_id, a.name, coalesce(a.code, a.country, '')")
    for row in rows:
        for role, actor_id, name, code in seats.get((row["article_id"], row["event_id"]), []):
            if role in ("actor", "recipient"):
                row[f"{role}_ids"].append(actor_id)
                row[f"{role}_names"].append(name)
                row[f"{role}_codes"].append(code)


def participants_by_event(con: duckdb.DuckDBPyConnection, article_ids, columns: str) -> dict[tuple, list[tuple]]:
    """(article_id, event_id) -> [(role, *columns of the actor)] in role and seat order,
    for every event of ``article_ids``: one query per batch of exported rows, not one
    per event.  ``columns`` is a fixed list of EVENT_PARTICIPANTS columns (``a.``) from
    the caller's code."""
    out: dict[tuple, list[tuple]] = {}
    if not article_ids:
        return out
    sql = f"""
        SELECT a.article_id, a.event_id, a.role, {columns}
        FROM {EVENT_PARTICIPANTS} a
        WHERE a.article_id IN (SELECT unnest(?::VARCHAR[]))
        ORDER BY a.article_id, a.event_id, a.role, a.seq"""
    for article_id, event_id, *rest in con.execute(sql, [sorted(set(article_ids))]).fetchall():
        out.setdefault((article_id, event_id), []).append(tuple(rest))
    return out


#: The flat columns of `dragoman events` (CSV, JSON, table) and of event exports.
EVENT_COLUMNS = ["cluster_id", "day", "type", "mode", "cameo", "quad_class", "goldstein",
                 "plover_score", "status", "actors", "actor_codes", "recipients", "recipient_codes",
                 "location", "location_country", "lat", "lon", "location_source", "date", "date_text",
                 "date_source", "num_mentions", "num_articles", "num_sources", "article_id", "event_id",
                 "source", "url", "published", "evidence"]


def flat(row: dict) -> dict:
    """An events row with its lists joined ("; "), under the names of EVENT_COLUMNS."""
    out = dict(row)
    out["actors"] = "; ".join(n or "" for n in row["actor_names"]) or None
    out["actor_codes"] = "; ".join(row["actor_codes"]) or None
    out["recipients"] = "; ".join(n or "" for n in row["recipient_names"]) or None
    out["recipient_codes"] = "; ".join(row["recipient_codes"]) or None
    out["location"] = row["location_name"]
    out["evidence"] = row["evidence_text"]
    return out


#: Names and codes of an event's participants in one role, in list order ('; '-joined).
_JOINED = ("(SELECT string_agg({col}, '; ' ORDER BY a.seq) FROM " + EVENT_PARTICIPANTS + " a "
           "WHERE a.article_id = e.article_id AND a.event_id = e.id AND a.role = '{role}')")


def report_rows(flt: EventFilter) -> tuple[str, list]:
    """SQL (and parameters) of the flat event rows the CSV and Parquet exports stream:
    the events ``flt`` selects with their cluster's counts, article and participants."""
    cte, params = matched(flt)
    actors = _JOINED.format(col="a.name", role="actor")
    actor_codes = _JOINED.format(col="coalesce(a.code, a.country, '')", role="actor")
    recipients = _JOINED.format(col="a.name", role="recipient")
    recipient_codes = _JOINED.format(col="coalesce(a.code, a.country, '')", role="recipient")
    return f"""WITH {cte}
    SELECT e.article_id, e.id AS event_id, e.cluster_id, c.num_mentions, c.num_articles,
           c.num_sources, e.day, e.type, e.mode, e.context, e.cameo, e.root_code, e.quad_class,
           e.goldstein, e.plover_score,
           {actors} AS actors, {actor_codes} AS actor_codes,
           {recipients} AS recipients, {recipient_codes} AS recipient_codes,
           e.location_name, e.location_country, e.location_lat, e.location_lon,
           e.date, e.date_text, e.date_precision, e.date_source, e.location_source, e.status, e.reported_by,
           e.evidence_start, e.evidence_end, e.evidence_text, e.confidence,
           ar.source, ar.url, ar.published, ar.title
    FROM matched m JOIN events e ON e.article_id = m.article_id AND e.id = m.id
    JOIN articles ar ON ar.id = e.article_id
    LEFT JOIN event_clusters c ON c.id = e.cluster_id
    ORDER BY e.day NULLS LAST, e.article_id, e.id""", params


#: The events the map can draw: coordinates on the globe, one place per name, country and
#: coordinates rounded to 0.01 degrees.  `locations` lists them; `located_counts` totals them.
_LOCATED = ("SELECT e.location_name AS name, e.location_country AS country, round(e.location_lat, 2) AS lat, "
            "round(e.location_lon, 2) AS lon, e.type, e.quad_class "
            "FROM matched m JOIN events e ON e.article_id = m.article_id AND e.id = m.id "
            "WHERE e.location_lat BETWEEN -90 AND 90 AND e.location_lon BETWEEN -180 AND 180")


def locations(con: duckdb.DuckDBPyConnection, flt: EventFilter = EventFilter(), limit: int = 500) -> list[dict]:
    """Event locations with coordinates, grouped by place, most events first (the map), with
    the events per QuadClass (``quad1`` … ``quad4``); at most ``limit`` places, so their
    totals come from `located_counts`, not from this list."""
    cte, params = matched(flt)
    return _dicts(con.execute(
        f"WITH {cte}, located AS ({_LOCATED}) SELECT name, country, lat, lon, count(*) AS events, "
        f"count(*) FILTER (WHERE quad_class = 1) AS quad1, count(*) FILTER (WHERE quad_class = 2) AS quad2, "
        f"count(*) FILTER (WHERE quad_class = 3) AS quad3, count(*) FILTER (WHERE quad_class = 4) AS quad4, "
        f"list(DISTINCT type ORDER BY type) AS types FROM located "
        f"GROUP BY name, country, lat, lon ORDER BY events DESC, name LIMIT ?", params + [int(limit)]))


def located_counts(con: duckdb.DuckDBPyConnection, flt: EventFilter = EventFilter()) -> dict[str, int]:
    """How many of the events ``flt`` selects the map can draw (``events``), and at how many
    places (``places``): the same places `locations` lists, counted without its limit."""
    cte, params = matched(flt)
    events, places = con.execute(
        f"WITH {cte}, located AS ({_LOCATED}) SELECT count(*), "
        f"(SELECT count(*) FROM (SELECT DISTINCT name, country, lat, lon FROM located)) FROM located",
        params).fetchone()
    return {"events": events, "places": places}


# --- dyads ------------------------------------------------------------------

def _dyad_events(a: str, b: str, flt: EventFilter) -> tuple[str, list]:
    """``WITH`` items ending in ``dyad_events``: the dated events between keys ``a`` and ``b``
    that ``flt`` selects, one per cluster unless ``flt.reports``, with ``dir`` 1 (A>B),
    2 (B>A) or 3 (A<>B)."""
    where, params = flt.where()
    unit = ("h.article_id || chr(31) || h.id" if flt.reports
            else "coalesce(h.cluster_id, h.article_id || chr(31) || h.id), h.status")
    sql = f"""
    base AS (
        SELECT e.article_id, e.id, e.cluster_id, coalesce(e.status, 'asserted') AS status, e.day, e.quad_class,
               e.goldstein, e.plover_score
        FROM events e JOIN articles ar ON ar.id = e.article_id WHERE {where}
    ),
    part AS (
        SELECT a.article_id, a.event_id, a.role, a.actor_id,
               coalesce({actor_match('?')}, FALSE) AS is_a, coalesce({actor_match('?')}, FALSE) AS is_b
        FROM {EVENT_PARTICIPANTS} a
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
        SELECT base.*, CASE WHEN f.a_act AND f.b_rec THEN 1
                            WHEN f.b_act AND f.a_rec THEN 2
                            WHEN f.n_rec = 0 AND f.a_act AND f.b_act AND f.n_ab >= 2 THEN 3 END AS dir
        FROM base JOIN flags f ON f.article_id = base.article_id AND f.event_id = base.id
    ),
    dyad_events AS (
        SELECT * EXCLUDE (rank) FROM (
            SELECT h.*, row_number() OVER (PARTITION BY {unit} ORDER BY h.day NULLS LAST, h.article_id, h.id) AS rank
            FROM hits h WHERE h.dir IS NOT NULL)
        WHERE rank = 1 AND day IS NOT NULL
    )"""
    return sql, params + [a, a, a, b, b, b]


def dyads(con: duckdb.DuckDBPyConnection, a: str, b: str, freq: str = "month", directed: bool = False,
          flt: EventFilter = EventFilter(), per_period: int = 0) -> list[dict]:
    """The relation between actor keys ``a`` and ``b`` over time (see the module's dyad definition).

    One row per period (and per direction when ``directed``: A>B, B>A, A<>B;
    else A-B): events, counts per QuadClass, Goldstein and PLOVER score sums
    and means, how many went each way, and the keys of the first
    ``per_period`` events by day.
    """
    a, b, freq = check_key("a", a), check_key("b", b), check_freq(freq)
    cte, params = _dyad_events(a, b, flt)
    sql = f"""WITH {cte}
    SELECT CAST(date_trunc(?, day) AS DATE) AS period, {'dir' if directed else '0'} AS direction,
           count(*) AS events,
           count(*) FILTER (WHERE quad_class = 1) AS quad1, count(*) FILTER (WHERE quad_class = 2) AS quad2,
           count(*) FILTER (WHERE quad_class = 3) AS quad3, count(*) FILTER (WHERE quad_class = 4) AS quad4,
           round(coalesce(sum(goldstein), 0), 3) AS goldstein, round(coalesce(sum(plover_score), 0), 3) AS plover_score,
           round(avg(goldstein), 3) AS goldstein_mean, round(avg(plover_score), 3) AS plover_mean,
           count(*) FILTER (WHERE dir = 1) AS a_to_b, count(*) FILTER (WHERE dir = 2) AS b_to_a,
           count(*) FILTER (WHERE dir = 3) AS reciprocal,
           list_slice(list(struct_pack(article_id := article_id, id := id) ORDER BY day, article_id, id), 1, ?)
               AS event_keys
    FROM dyad_events GROUP BY ALL ORDER BY period, direction"""
    rows = _dicts(con.execute(sql, params + [freq, max(int(per_period), 0)]))
    labels = {1: f"{a}>{b}", 2: f"{b}>{a}", 3: f"{a}<>{b}", 0: f"{a}-{b}"}
    for row in rows:
        row["direction"] = labels[row["direction"]]
        row["event_keys"] = [dict(k) for k in row["event_keys"]] if per_period > 0 else []
    return rows


def dyad_event_keys(con: duckdb.DuckDBPyConnection, a: str, b: str, freq: str, period: dt.date,
                    flt: EventFilter = EventFilter(), limit: int = 500) -> list[dict]:
    """The keys of the dyad's events in the period holding ``period``, by day, at most ``limit``."""
    a, b, freq = check_key("a", a), check_key("b", b), check_freq(freq)
    cte, params = _dyad_events(a, b, flt)
    rows = con.execute(
        f"WITH {cte} SELECT article_id, id FROM dyad_events "
        f"WHERE CAST(date_trunc(?, day) AS DATE) = CAST(date_trunc(?, CAST(? AS DATE)) AS DATE) "
        f"ORDER BY day, article_id, id LIMIT ?", params + [freq, freq, period, int(limit)]).fetchall()
    return [{"article_id": r[0], "id": r[1]} for r in rows]


def count_dyad_events(con: duckdb.DuckDBPyConnection, a: str, b: str, flt: EventFilter = EventFilter()) -> int:
    """How many events the dyad between ``a`` and ``b`` holds over all periods: what the
    `dyads` rows add up to, for a page or an answer that shows a total."""
    a, b = check_key("a", a), check_key("b", b)
    cte, params = _dyad_events(a, b, flt)
    return con.execute(f"WITH {cte} SELECT count(*) FROM dyad_events", params).fetchone()[0]


# --- actors -----------------------------------------------------------------

def top_actors(con: duckdb.DuckDBPyConnection, flt: EventFilter = EventFilter(), limit: int = 12) -> list[dict]:
    """The actor keys (country, else code, else name) taking part in most of the events ``flt``
    selects, with how many events each: the explorer's "most active actors"."""
    cte, params = matched(flt)
    return _dicts(con.execute(
        f"WITH {cte} SELECT coalesce(a.country, a.code, a.name) AS key, "
        f"count(DISTINCT (a.article_id, a.event_id)) AS events "
        f"FROM matched m JOIN {EVENT_PARTICIPANTS} a ON a.article_id = m.article_id AND a.event_id = m.id "
        f"WHERE coalesce(a.country, a.code, a.name) IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
        params + [int(limit)]))


def partners(con: duckdb.DuckDBPyConnection, key: str, flt: EventFilter = EventFilter(),
             limit: int = 24) -> list[dict]:
    """Whom the actors ``key`` matches share events (those ``flt`` selects) with: name, code,
    country, how many events and their mean Goldstein score (``tone``), most events first.
    An actor the key itself matches is no partner."""
    key = check_key("key", key)
    cte, params = matched(flt)
    rows = _dicts(con.execute(
        f"""
        WITH {cte},
        mine AS (
            SELECT DISTINCT a.article_id, a.event_id, a.actor_id
            FROM {EVENT_PARTICIPANTS} a JOIN matched m ON m.article_id = a.article_id AND m.id = a.event_id
            WHERE {actor_match('?')}
        )
        SELECT coalesce(o.name, o.code, o.country) AS name,
               any_value(o.code) AS code, any_value(o.country) AS country,
               count(DISTINCT (e.article_id, e.id)) AS events,
               avg(e.goldstein) AS tone
        FROM mine
        JOIN {EVENT_PARTICIPANTS} o ON o.article_id = mine.article_id AND o.event_id = mine.event_id
             AND o.actor_id <> mine.actor_id
        JOIN events e ON e.article_id = mine.article_id AND e.id = mine.event_id
        WHERE coalesce(o.name, o.code, o.country) IS NOT NULL AND NOT coalesce({actor_match('?', 'o')}, FALSE)
        GROUP BY 1 ORDER BY events DESC, name LIMIT ?
        """, params + [key, key, key, key, key, key, int(limit)]))
    return [r for r in rows if r["name"]]


DYAD_COLUMNS = ["period", "direction", "events", "quad1", "quad2", "quad3", "quad4",
                "goldstein", "plover_score", "a_to_b", "b_to_a", "reciprocal"]


def _dicts(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


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


def has_coder_version(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store has ``articles.coder_version`` (schema 2; a writable connect adds it)."""
    return bool(con.execute("SELECT count(*) FROM duckdb_columns() WHERE table_name = 'articles' "
                            "AND column_name = 'coder_version' AND database_name = current_database()"
                            ).fetchone()[0])


def load_documents(con: duckdb.DuckDBPyConnection, ids: Iterable[str], coding: bool = True) -> list[Document]:
    """The SPEC records of these articles, rebuilt from the tables (order kept).

    ``coding=False`` gives the articles as cleaning left them (text, title, media,
    removed lines) without reading their actors, events, quotes, dates and places:
    what `ingest --recode` codes afresh."""
    ids = list(ids)
    if not ids:
        return []
    version = "coder_version" if has_coder_version(con) else "NULL"  # a store of schema 1, read-only
    arts = {r[0]: r for r in con.execute(
        f"SELECT id, source, url, title, published, language, text, {version} FROM articles "
        "WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()}

    def coded(sql: str) -> dict:
        """Rows of one coding table by article, unless only the cleaned articles are wanted."""
        return _rows(con, sql, ids) if coding else {}

    actors = coded(f"SELECT article_id, id, name, kind, country, sector, role, code FROM actors "
                   f"WHERE {_IN} ORDER BY article_id, rowid")
    mentions = coded(f"SELECT article_id, actor_id, start_char, end_char, text FROM mentions "
                     f"WHERE {_IN} ORDER BY article_id, actor_id, seq")
    events = coded(f"""SELECT article_id, id, type, mode, context, cameo, quad_class, goldstein,
        plover_score, location_name, location_country, location_lat, location_lon, date, date_text,
        date_precision, status, reported_by, evidence_start, evidence_end, evidence_text, confidence,
        date_source, location_source
        FROM events WHERE {_IN} ORDER BY article_id, rowid""")
    roles = coded(f"SELECT article_id, event_id, role, actor_id FROM event_actors "
                  f"WHERE {_IN} ORDER BY article_id, event_id, role, seq")
    quotes = coded(f"SELECT article_id, id, text, kind, speaker, speaker_text, cue, start_char, "
                   f"end_char FROM quotes WHERE {_IN} ORDER BY article_id, rowid")
    media = _rows(con, f"SELECT article_id, caption, credit, language FROM media WHERE {_IN} "
                       f"ORDER BY article_id, seq", ids)
    removed = _rows(con, f"SELECT article_id, text, reason FROM removed WHERE {_IN} "
                         f"ORDER BY article_id, seq", ids)
    timexes = coded(f"SELECT article_id, text, start_char, end_char, value, date_precision "
                    f"FROM timexes WHERE {_IN} ORDER BY article_id, seq")
    places = coded(f"SELECT article_id, text, start_char, end_char, name, country, lat, lon "
                   f"FROM places WHERE {_IN} ORDER BY article_id, seq")
    docs = []
    for doc_id in ids:
        art = arts.get(doc_id)
        if art is None:
            continue
        doc = Document(id=art[0], source=art[1], url=art[2], title=art[3], published=art[4],
                       language=art[5], text=art[6], coder_version=art[7])
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
     date_text, precision, status, reported_by, ev_start, ev_end, ev_text, confidence, date_source,
     location_source) = r
    location = (Location(lname, lcountry, lat, lon, location_source)
                if lname or lcountry or lat is not None else None)
    evidence = Evidence(ev_start, ev_end, ev_text) if ev_start is not None else None
    return Event(id=eid, type=type_, mode=mode, context=list(context or []), cameo=cameo,
                 quad_class=quad, goldstein=goldstein, plover_score=plover,
                 actors=parts.get((eid, "actor"), []), recipients=parts.get((eid, "recipient"), []),
                 location=location, date=date, date_text=date_text, date_precision=precision,
                 date_source=date_source,
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
