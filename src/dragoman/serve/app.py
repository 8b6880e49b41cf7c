"""The web explorer and its read-only JSON API over a Dragoman store.

``create_app(db_path)`` opens the store read-only once; each request reads
through its own cursor, so requests never share a DuckDB connection across
threads.  Pages are server-rendered Jinja2 templates; charts, networks and
maps are SVG drawn by :mod:`dragoman.serve.svg`; nothing is loaded from
outside the server.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Iterator, Optional, Union
from urllib.parse import quote, urlencode

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from dragoman.serve import highlight, queries, svg
from dragoman.store import queries as store_queries
from dragoman.serve.params import (FREQS, KEY_PATTERN, PLOVER_TYPES, STATUSES, DyadPageQuery, DyadQuery, EventQuery,
                                   ScopeParams)

HERE = Path(__file__).resolve().parent

QUAD_NAMES = svg.QUAD_NAMES


# --- response models: what the OpenAPI schema documents ---

class LocationOut(BaseModel):
    name: Optional[str] = None
    country: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    source: Optional[str] = Field(None, description="clause|sentence|paragraph|dateline|article (SPEC §2)")


class SpanOut(BaseModel):
    start: int
    end: int
    text: Optional[str] = None


class ArticleRef(BaseModel):
    title: Optional[str] = None
    source: Optional[str] = None
    published: Optional[str] = None


class EventOut(BaseModel):
    """A stored event, shaped like the record's event (SPEC §2) plus its article and actor names."""

    article_id: Optional[str] = None
    id: str
    type: Optional[str] = None
    mode: Optional[str] = None
    cameo: Optional[str] = None
    quad_class: Optional[int] = None
    goldstein: Optional[float] = None
    plover_score: Optional[float] = None
    status: Optional[str] = None
    date: Optional[str] = None
    date_text: Optional[str] = None
    date_precision: Optional[str] = None
    date_source: Optional[str] = Field(None, description="text|dateline|published|none (SPEC §2)")
    day: Optional[str] = Field(None, description="the day the store files the event under; none for undated events")
    location: Optional[LocationOut] = None
    evidence: Optional[SpanOut] = None
    confidence: Optional[float] = None
    reported_by: Optional[str] = None
    actors: list[str] = []
    recipients: list[str] = []
    actor_names: list[Optional[str]] = []
    recipient_names: list[Optional[str]] = []
    num_articles: Optional[int] = Field(None, description="articles reporting the event's cluster")
    article: Optional[ArticleRef] = None


class EventsPage(BaseModel):
    total: int
    page: int
    per_page: int
    pages: int
    counts: dict[str, dict[str, int]]
    events: list[EventOut]


class MentionOut(BaseModel):
    start: Optional[int] = None
    end: Optional[int] = None
    text: Optional[str] = None


class ActorRecord(BaseModel):
    id: str
    name: Optional[str] = None
    kind: Optional[str] = None
    country: Optional[str] = None
    sector: Optional[str] = None
    role: Optional[str] = None
    code: Optional[str] = None
    mentions: list[MentionOut] = []


class QuoteOut(BaseModel):
    id: str
    text: Optional[str] = None
    kind: Optional[str] = None
    speaker: Optional[str] = None
    speaker_text: Optional[str] = None
    cue: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None


class ArticleOut(BaseModel):
    """A stored article as the record of SPEC §2."""

    id: str
    source: Optional[str] = None
    url: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None
    language: Optional[str] = None
    text: str
    media: list[dict[str, Any]] = []
    removed: list[dict[str, Any]] = []
    actors: list[ActorRecord] = []
    events: list[EventOut] = []
    quotes: list[QuoteOut] = []
    timexes: list[dict[str, Any]] = []
    places: list[dict[str, Any]] = []


class PartnerOut(BaseModel):
    name: str
    code: Optional[str] = None
    country: Optional[str] = None
    events: int
    tone: Optional[float] = Field(None, description="mean Goldstein score of the shared events")


class ActorQuoteOut(BaseModel):
    article_id: str
    id: str
    text: Optional[str] = None
    kind: Optional[str] = None
    cue: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None
    speaker_name: Optional[str] = None
    article_title: Optional[str] = None


class ActorOut(BaseModel):
    """Everything stored about the actors an actor key matches."""

    key: str
    name: Optional[str] = None
    matches: list[dict[str, Any]]
    mention_count: int
    events_as_actor: list[EventOut]
    events_as_actor_total: int
    events_as_recipient: list[EventOut]
    events_as_recipient_total: int
    quotes: list[ActorQuoteOut]
    quotes_total: int = Field(0, description="quotes the key's actors speak (the list holds at most 200)")
    partners: list[PartnerOut]


class DyadBucket(BaseModel):
    period: str = Field(..., description="first day of the bucket")
    events: int
    quad_counts: dict[str, int]
    goldstein_sum: float
    plover_sum: float
    goldstein_mean: Optional[float] = None
    plover_mean: Optional[float] = None
    a_to_b: int
    b_to_a: int
    reciprocal: int = Field(0, description="events where both sides act together, with no recipient")
    event_keys: list[dict[str, str]]


class DyadOut(BaseModel):
    a: str
    b: str
    freq: str
    total: int = Field(0, description="events over all buckets (the query layer's count, as the page shows)")
    buckets: list[DyadBucket]


# --- the application ---

def store_cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of its own for each request: DuckDB connections are not shared across threads."""
    cur = request.app.state.root.cursor()
    try:
        yield cur
    finally:
        cur.close()


Db = Annotated[duckdb.DuckDBPyConnection, Depends(store_cursor)]


def open_store(db_path: Union[str, Path]) -> duckdb.DuckDBPyConnection:
    """The store opened read-only; a StoreError naming the file and the cause when it is
    held by a writer, damaged or not a Dragoman store."""
    from dragoman.store.db import connect, is_store_failure, store_error

    try:
        return connect(db_path, read_only=True)
    except duckdb.Error as exc:
        if is_store_failure(exc):
            raise store_error(db_path, exc) from exc
        raise


def create_app(db_path: Union[str, Path]) -> FastAPI:
    """The explorer over the store at ``db_path`` (opened read-only)."""
    root = open_store(db_path)
    app = FastAPI(title="Dragoman explorer", version="1", docs_url=None, redoc_url=None,
                  description="Read-only access to a Dragoman event store: events, articles with their "
                              "evidence, actors and dyads.")
    app.add_middleware(GZipMiddleware, minimum_size=2048)  # the map's outlines compress 3x
    app.state.root = root
    app.state.db_path = str(db_path)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(qs=_qs, QUAD_NAMES=QUAD_NAMES, PLOVER_TYPES=PLOVER_TYPES,
                                 STATUSES=list(STATUSES), FREQS=list(FREQS),
                                 actor_url=actor_url, article_url=article_url, db_name=Path(str(db_path)).name)
    templates.env.tests["web_address"] = is_web_address
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def _security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    def page(request: Request, name: str, **context) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api/") or exc.status_code != 404:
            from fastapi.exception_handlers import http_exception_handler

            return await http_exception_handler(request, exc)
        return templates.TemplateResponse(request, "error.html", {"status": exc.status_code, "detail": exc.detail},
                                          status_code=exc.status_code)

    @app.exception_handler(duckdb.Error)
    async def _store_failure(request: Request, exc: duckdb.Error):
        """A store damaged after it opened answers 503 with the cause, not a bare 500."""
        from dragoman.store.db import is_store_failure, store_error

        if not is_store_failure(exc):
            raise exc
        detail = str(store_error(app.state.db_path, exc))
        if request.url.path.startswith("/api/"):
            from fastapi.responses import JSONResponse

            return JSONResponse({"detail": detail}, status_code=503)
        return templates.TemplateResponse(request, "error.html", {"status": 503, "detail": detail}, status_code=503)

    # --- JSON API ---

    @app.get("/api/events", response_model=EventsPage, tags=["api"])
    def api_events(con: Db, query: Annotated[EventQuery, Query()]) -> Any:
        """Stored events, filtered, sorted and paged, with counts by type, status and QuadClass.

        Asserted events only unless `status` asks for others; one row per deduplicated event
        (cluster) unless `reports=true`: the same defaults and the same counts as `dragoman events`."""
        result = queries.events(con, query.to_filter(), sort=query.sort.value, descending=query.order.value == "desc",
                                page=query.page, per_page=query.per_page, with_counts=True)
        return {"total": result.total, "page": result.page, "per_page": result.per_page, "pages": result.pages,
                "counts": result.counts, "events": result.items}

    @app.get("/api/articles/{article_id:path}", response_model=ArticleOut, tags=["api"],
             responses={404: {"description": "no such article"}})
    def api_article(con: Db, article_id: str) -> Any:
        """One stored article as its record: text, media, removed lines, actors, events, quotes, dates, places."""
        doc = queries.article(con, article_id)
        if doc is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return doc

    @app.get("/api/actors/{key:path}", response_model=ActorOut, tags=["api"],
             responses={404: {"description": "no actor matches the key"}})
    def api_actor(con: Db, key: Annotated[str, _key_path()], scope: Annotated[ScopeParams, Query()]) -> Any:
        """The actors a key matches (CAMEO code, country code or name): events, quotes, partners.

        Events and partners are asserted, deduplicated events unless `status` / `reports` say otherwise."""
        found = queries.actor(con, key, f=scope.to_filter())
        if found is None:
            raise HTTPException(404, f"no actor matches {key!r}")
        return found

    @app.get("/api/dyads", response_model=DyadOut, tags=["api"])
    def api_dyads(con: Db, query: Annotated[DyadQuery, Query()]) -> Any:
        """The relation between two actor keys over time (both directions): QuadClass counts, score sums.

        The store's dyad definition and defaults (asserted, deduplicated events), as `dragoman dyads`."""
        flt = query.to_filter()
        return {"a": query.a, "b": query.b, "freq": query.freq,
                "total": store_queries.count_dyad_events(con, query.a, query.b, flt),
                "buckets": queries.dyad(con, query.a, query.b, query.freq, flt, query.per_period)}

    # --- pages ---

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, con: Db):
        return page(request, "home.html", overview=queries.overview(con))

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request, con: Db, query: Annotated[EventQuery, Query()]):
        result = queries.events(con, query.to_filter(), sort=query.sort.value,
                                descending=query.order.value == "desc", page=query.page,
                                per_page=query.per_page, with_counts=True)
        return page(request, "events.html", query=query, params=query.as_params(), result=result)

    @app.get("/articles/{article_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, con: Db, article_id: str):
        doc = queries.article(con, article_id)
        if doc is None:
            raise HTTPException(404, f"no article {article_id!r}")
        names = {a["id"]: a for a in doc["actors"]}
        body = highlight.render(doc["text"], highlight.marks_for(doc))
        return page(request, "article.html", doc=doc, body=body, names=names,
                    places=_grouped(doc["places"], ("text", "name", "country", "lat", "lon")),
                    timexes=_grouped(doc["timexes"], ("text", "value", "precision")))

    @app.get("/actors/{key:path}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, con: Db, key: Annotated[str, _key_path()], scope: Annotated[ScopeParams, Query()]):
        found = queries.actor(con, key, f=scope.to_filter())
        if found is None:
            raise HTTPException(404, f"no actor matches {key!r}")
        nodes = [svg.Node(label=p["name"], weight=p["events"], href=actor_url(p["name"]), tone=p["tone"] or 0.0)
                 for p in found["partners"]]
        chart = svg.network(found["name"] or key, nodes, title=f"whom {key} interacts with")
        return page(request, "actor.html", actor=found, network=chart, scope=scope)

    @app.get("/dyad", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(request: Request, con: Db, query: Annotated[DyadPageQuery, Query()]):
        freq, period = query.freq, query.period
        link = {k: v for k, v in query.as_params().items() if k not in ("period", "per_period")}
        if not query.complete:
            return page(request, "dyad.html", query=None, freq=freq, a=query.a or "", b=query.b or "",
                        buckets=[], charts=None, sections=[], link=link, filters=query)
        flt = query.to_filter()
        buckets = queries.dyad(con, query.a, query.b, freq, flt)
        axis = _padded(_fill_periods([bk["period"] for bk in buckets], freq), freq)
        by_period = {bk["period"]: bk for bk in buckets}
        axis_labels = [_period_label(p, freq) for p in axis]
        shown = {bk["period"] for bk in (buckets if period else buckets[-MAX_SECTIONS:])}
        base = f"/dyad{_qs(link)}"
        hrefs = [(f"#p-{p}" if p in shown and not period else f"{base}&period={p}#p-{p}") if p in by_period else ""
                 for p in axis]
        stacks = [{int(k): v for k, v in by_period[p]["quad_counts"].items()} if p in by_period else {} for p in axis]
        charts = {
            "quad": svg.stacked_bars(axis_labels, stacks, title=f"{query.a}–{query.b}: events per QuadClass",
                                     hrefs=hrefs),
            "scores": svg.line_chart(axis_labels, [
                svg.Series("Goldstein sum", "#7a4cc2", [by_period[p]["goldstein_sum"] if p in by_period else 0.0
                                                        for p in axis]),
                svg.Series("PLOVER score sum", "#2a9d6f", [by_period[p]["plover_sum"] if p in by_period else 0.0
                                                           for p in axis]),
            ], title=f"{query.a}–{query.b}: Goldstein and PLOVER scores", hrefs=hrefs),
        }
        listed = [bk for bk in buckets if bk["period"] == period.isoformat()] if period else buckets[-MAX_SECTIONS:]
        if period:  # one period asked for: all its events, up to the page limit
            listed = [{**bk, "event_keys": store_queries.dyad_event_keys(con, query.a, query.b, freq, period, flt,
                                                                         PERIOD_LIMIT)}
                      for bk in listed]
        if not period:
            listed = [{**bk, "event_keys": bk["event_keys"][:PER_PERIOD[freq]]} for bk in listed]
        found = queries.events_by_keys(con, [k for bk in listed for k in bk["event_keys"]])
        sections = [(bk, _period_label(bk["period"], freq),
                     [found[(k["article_id"], k["id"])] for k in bk["event_keys"] if (k["article_id"], k["id"]) in found])
                    for bk in listed]
        return page(request, "dyad.html", query=query, freq=freq, a=query.a, b=query.b,
                    total=store_queries.count_dyad_events(con, query.a, query.b, flt),
                    buckets=buckets, charts=charts, sections=sections, link=link, filters=query,
                    period=period.isoformat() if period else None, more_periods=len(buckets) - len(listed))

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request, con: Db, query: Annotated[EventQuery, Query()]):
        flt = query.to_filter()
        places = store_queries.locations(con, flt)
        params = query.as_params()
        points = []
        for p in places:
            link = {k: v for k, v in params.items() if k not in ("page",)}
            if p["name"]:
                link["place"] = p["name"]
            elif p["country"]:
                link["country"] = p["country"]
            label = p["name"] or p["country"] or f'{p["lat"]}, {p["lon"]}'
            points.append(svg.MapPoint(lat=p["lat"], lon=p["lon"], label=label, count=p["events"],
                                       href="/events" + _qs(link),
                                       quads={q: p[f"quad{q}"] for q in (1, 2, 3, 4)}))
        return page(request, "map.html", query=query, params=params, places=places,
                    totals=store_queries.located_counts(con, flt),
                    chart=svg.world_map(points, title="event locations"))

    return app


def _grouped(rows: list[dict], keys: tuple[str, ...]) -> list[dict]:
    """Rows that agree on ``keys`` shown once, with how often they occur (in first-seen order)."""
    seen: dict[tuple, dict] = {}
    for row in rows:
        k = tuple(row.get(name) for name in keys)
        if k in seen:
            seen[k]["times"] += 1
        else:
            seen[k] = {**{name: row.get(name) for name in keys}, "times": 1}
    return list(seen.values())


def _key_path():
    from fastapi import Path as PathParam

    return PathParam(min_length=1, max_length=120, pattern=KEY_PATTERN,
                     description="actor key: CAMEO code (ISRGOV), country code (ISR) or name (Benny Gantz)")


def _qs(params: dict, **changes) -> str:
    """``?a=1&b=2`` from a dict, with changes applied (None removes a key)."""
    merged = {**params, **changes}
    merged = {k: v for k, v in merged.items() if v is not None and v != ""}
    return "?" + urlencode(merged) if merged else ""


#: Sent with every response. Stored articles are untrusted text: the CSP lets a page run only the
#: explorer's own static script and style, so markup that slipped into a title or url cannot run.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {"Content-Security-Policy": CONTENT_SECURITY_POLICY,
                    "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer"}


def is_web_address(url: object) -> bool:
    """True for an http(s) URL: the only kind of stored url the explorer makes a link of
    (a ``javascript:`` or ``data:`` url from an article would run in the explorer's origin)."""
    if not isinstance(url, str):
        return False
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def actor_url(key: Optional[str]) -> str:
    return "/actors/" + quote(key or "", safe="") if key else "#"


def article_url(article_id: str, anchor: str = "") -> str:
    return "/articles/" + quote(article_id, safe="") + (f"#{anchor}" if anchor else "")


#: The dyad page lists the events of this many periods (the latest), each up to PER_PERIOD events.
MAX_SECTIONS = 60
PER_PERIOD = {"day": 5, "week": 10, "month": 20, "year": 30}
#: Events listed for one period asked for by name (?period=).
PERIOD_LIMIT = 500

#: Longest time axis drawn with its empty periods filled in; longer ones show only periods with events.
MAX_AXIS = 400


def _fill_periods(periods: list[str], freq: str) -> list[str]:
    """Every period from the first to the last, so the chart's x axis is real time."""
    if not periods:
        return []
    first, last = dt.date.fromisoformat(periods[0]), dt.date.fromisoformat(periods[-1])
    out, day = [], first
    while day <= last:
        out.append(day.isoformat())
        if len(out) > MAX_AXIS:
            return periods
        try:
            day = _next_period(day, freq)
        except (ValueError, OverflowError):  # past year 9999
            break
    return out


def _padded(axis: list[str], freq: str) -> list[str]:
    """One empty period either side of a short axis, so a lone point is seen in context."""
    if not axis or len(axis) >= 3:
        return axis
    try:
        first = _previous_period(dt.date.fromisoformat(axis[0]), freq)
        last = _next_period(dt.date.fromisoformat(axis[-1]), freq)
    except (ValueError, OverflowError):
        return axis
    return [first.isoformat(), *axis, last.isoformat()]


def _previous_period(day: dt.date, freq: str) -> dt.date:
    if freq == "day":
        return day - dt.timedelta(days=1)
    if freq == "week":
        return day - dt.timedelta(days=7)
    if freq == "year":
        return day.replace(year=day.year - 1)
    return (day.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def _next_period(day: dt.date, freq: str) -> dt.date:
    if freq == "day":
        return day + dt.timedelta(days=1)
    if freq == "week":
        return day + dt.timedelta(days=7)
    if freq == "year":
        return day.replace(year=day.year + 1)
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def _period_label(period: str, freq: str) -> str:
    day = dt.date.fromisoformat(period)
    if freq == "year":
        return str(day.year)
    if freq == "month":
        return day.strftime("%Y-%m")
    return period
