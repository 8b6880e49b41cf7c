"""`dragoman export`: the store as JSONL records, CSV, Parquet or GDELT 2.0 events.

Every format streams from the store, so exports of large stores keep memory
flat.  Event exports (CSV, Parquet) carry one row per report with its
cluster's counts; the GDELT export has one row per deduplicated event
(cluster), or per actor × recipient pair with ``dyadic``.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
from pathlib import Path
from typing import Iterator, Optional, TextIO

import duckdb

from dragoman.store import queries

FORMATS = ("jsonl", "csv", "parquet", "gdelt")

#: GDELT 2.0 event table columns, in the codebook's order.
GDELT_COLUMNS = [
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]

#: One row per event report, with its article and cluster (CSV and Parquet).
_EVENT_ROWS = """
    SELECT e.article_id, e.id AS event_id, e.cluster_id, c.num_mentions, c.num_articles,
           c.num_sources, e.day, e.type, e.mode, e.context, e.cameo, e.root_code, e.quad_class,
           e.goldstein, e.plover_score,
           {actors} AS actors, {actor_codes} AS actor_codes,
           {recipients} AS recipients, {recipient_codes} AS recipient_codes,
           e.location_name, e.location_country, e.location_lat, e.location_lon,
           e.date, e.date_text, e.date_precision, e.status, e.reported_by,
           e.evidence_start, e.evidence_end, e.evidence_text, e.confidence,
           ar.source, ar.url, ar.published, ar.title
    FROM events e
    JOIN articles ar ON ar.id = e.article_id
    LEFT JOIN event_clusters c ON c.id = e.cluster_id
    ORDER BY e.day NULLS LAST, e.article_id, e.id""".format(
    actors=queries._PARTICIPANTS.format(col="a.name", role="actor"),
    actor_codes=queries._PARTICIPANTS.format(col="coalesce(a.code, a.country, '')", role="actor"),
    recipients=queries._PARTICIPANTS.format(col="a.name", role="recipient"),
    recipient_codes=queries._PARTICIPANTS.format(col="coalesce(a.code, a.country, '')",
                                                 role="recipient"))


def export(con: duckdb.DuckDBPyConnection, fmt: str, out: str, dyadic: bool = False) -> int:
    """Write the store to ``out`` (``-`` = standard output); returns rows/records written."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if out == "-":
            raise ValueError("parquet needs --out DIRECTORY")
        return write_parquet(con, Path(out))
    with _open(out) as fh:
        if fmt == "jsonl":
            return write_jsonl(con, fh)
        if fmt == "csv":
            return write_csv(con, fh)
        return write_gdelt(con, fh, dyadic)


class _open:
    """A text file to write, or standard output for ``-``."""

    def __init__(self, path: str):
        self.path = path

    def __enter__(self) -> TextIO:
        import sys

        if self.path == "-":
            self.fh = sys.stdout
        else:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.fh = open(self.path, "w", encoding="utf-8", newline="")
        return self.fh

    def __exit__(self, *exc) -> None:
        if self.path != "-":
            self.fh.close()
        else:
            self.fh.flush()


def write_jsonl(con: duckdb.DuckDBPyConnection, fh: TextIO) -> int:
    """The SPEC §2 record of every stored article, one per line."""
    n = 0
    for doc in queries.iter_documents(con):
        fh.write(doc.to_json() + "\n")
        n += 1
    return n


def _stream(con: duckdb.DuckDBPyConnection, sql: str, params=None) -> Iterator[tuple[list[str], list[tuple]]]:
    cur = con.cursor()
    cur.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    while True:
        rows = cur.fetchmany(2000)
        if not rows:
            return
        yield names, rows


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, float):
        return repr(round(value, 6))
    return str(value)


def write_csv(con: duckdb.DuckDBPyConnection, fh: TextIO) -> int:
    """Every event report with its cluster counts, one CSV row each."""
    writer = csv.writer(fh)
    n = 0
    header_done = False
    for names, rows in _stream(con, _EVENT_ROWS):
        if not header_done:
            writer.writerow(names)
            header_done = True
        for row in rows:
            writer.writerow([_cell(v) for v in row])
            n += 1
    if not header_done:
        cur = con.cursor()
        cur.execute(_EVENT_ROWS + " LIMIT 0")
        writer.writerow([d[0] for d in cur.description])
    return n


def write_parquet(con: duckdb.DuckDBPyConnection, out: Path) -> int:
    """Event reports as a Parquet dataset partitioned by day (hive style: day=YYYY-MM-DD)."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    cur = con.cursor()
    sql = f"SELECT * REPLACE (coalesce(CAST(day AS VARCHAR), 'unknown') AS day) FROM ({_EVENT_ROWS})"
    reader = cur.sql(sql).to_arrow_reader(10000)
    total = 0

    def counted() -> Iterator[pa.RecordBatch]:
        nonlocal total
        for batch in reader:
            total += batch.num_rows
            yield batch

    out.mkdir(parents=True, exist_ok=True)
    ds.write_dataset(counted(), out, schema=reader.schema, format="parquet",
                     partitioning=ds.partitioning(pa.schema([("day", pa.string())]), flavor="hive"),
                     existing_data_behavior="overwrite_or_ignore",
                     basename_template="events-{i}.parquet")
    return total


# --- GDELT 2.0 ---------------------------------------------------------------

_GDELT_EVENTS = """
    SELECT c.id AS cluster_id, c.first_day, c.num_mentions, c.num_articles, c.num_sources,
           e.article_id, e.id AS event_id, e.cameo, e.root_code, e.quad_class, e.goldstein,
           e.location_name, e.location_country, e.location_lat, e.location_lon,
           ar.url, ar.origin, ar.ingested_at
    FROM event_clusters c
    JOIN events e ON e.article_id = c.article_id AND e.id = c.event_id
    JOIN articles ar ON ar.id = e.article_id
    ORDER BY c.first_day NULLS LAST, c.id"""

_GDELT_PARTICIPANTS = """
    SELECT ea.event_id, ea.role, a.code, a.name, a.country, a.sector
    FROM event_actors ea JOIN actors a ON a.article_id = ea.article_id AND a.id = ea.actor_id
    WHERE ea.article_id = ? AND ea.event_id = ? ORDER BY ea.role, ea.seq"""


def gdelt_actor(part: Optional[tuple]) -> list[str]:
    """The ten GDELT columns of one actor: code, name, country, group, ethnic,
    two religions, three types (the sector goes in Type1)."""
    if part is None:
        return [""] * 10
    code, name, country, sector = part
    known_group = "IGO" if country == "IGO" else ""
    return [code or country or "", (name or "").upper(), country or "", known_group,
            "", "", "", sector or "", "", ""]


def write_gdelt(con: duckdb.DuckDBPyConnection, fh: TextIO, dyadic: bool = False) -> int:
    """GDELT 2.0 event rows (tab-separated, header first), one per cluster or per dyad."""
    fh.write("\t".join(GDELT_COLUMNS) + "\n")
    lookup = con.cursor()
    n = 0
    for _names, rows in _stream(con, _GDELT_EVENTS):
        for (cluster, day, mentions, articles, sources, article_id, event_id, cameo, root, quad,
             goldstein, lname, lcountry, lat, lon, url, origin, added) in rows:
            parts = lookup.execute(_GDELT_PARTICIPANTS, [article_id, event_id]).fetchall()
            actors = [p[2:] for p in parts if p[1] == "actor"]
            recipients = [p[2:] for p in parts if p[1] == "recipient"]
            if dyadic:
                pairs = [(a, r) for a in actors for r in recipients] or [(a, None) for a in actors]
                pairs = pairs or [(None, r) for r in recipients] or [(None, None)]
            else:
                pairs = [(actors[0] if actors else None, recipients[0] if recipients else None)]
            for actor1, actor2 in pairs:
                n += 1
                row = (_gdelt_dates(day) + gdelt_actor(actor1) + gdelt_actor(actor2)
                       + ["1", cameo or "", (cameo or "")[:3], root or "", _cell(quad), _cell(goldstein),
                          _cell(mentions), _cell(sources), _cell(articles), ""]
                       + [""] * 16
                       + _gdelt_place(lname, lcountry, lat, lon)
                       + [added.strftime("%Y%m%d%H%M%S") if added else "", url or origin or ""])
                fh.write("\t".join([str(n)] + [_tsv(v) for v in row]) + "\n")
    return n


def _gdelt_dates(day: Optional[_dt.date]) -> list[str]:
    if day is None:
        return ["", "", "", ""]
    fraction = day.year + (day.timetuple().tm_yday - 1) / 365.0
    return [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), f"{fraction:.4f}"]


def _gdelt_place(name, country, lat, lon) -> list[str]:
    """ActionGeo_*: type 4 (city/landmark) with coordinates, 1 (country) without, else 0."""
    if not name and not country:
        return ["0", "", "", "", "", "", "", ""]
    geo_type = "4" if lat is not None else "1"
    return [geo_type, name or country or "", country or "", "", "", _cell(lat), _cell(lon), ""]


def _tsv(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ")


def render_text(rows: list[dict], columns: list[str], fmt: str) -> str:
    """CSV or JSON text of query rows (the `events` / `dyads` outputs)."""
    if fmt == "json":
        return json.dumps([{c: _json(r.get(c)) for c in columns} for r in rows], ensure_ascii=False,
                          indent=2) + "\n"
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(columns)
    for r in rows:
        w.writerow([_cell(r.get(c)) for c in columns])
    return buf.getvalue()


def _json(value):
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value
