"""GDELT 2.0 event rows, as GDELT writes them (the GDELT Event Codebook V2.0).

61 tab-separated columns in the codebook's order, no header line (GDELT
files have none; ``header=True`` adds one), one row per deduplicated event
(its cluster: NumMentions, NumSources, NumArticles) or, ``dyadic``, per
actor x recipient pair.  GDELT has no status column, so only the statuses
asked for are written (asserted by default).

Geography follows GDELT's conventions: FIPS 10-4 country codes (not ISO) in
the ``*Geo_CountryCode`` columns and as the first two letters of
``ADM1Code``; ``Geo_Type`` by the precision of the place (1 country,
2 US state, 3 US city, 4 world city or landmark, 5 world state/province);
an event placed only by what its article is about (``location.source``
"article") is written at country precision.
Columns with no honest value offline are written as the README says:
``AvgTone`` empty (no tone model), ``ADM2Code`` empty, ``FeatureID`` the
GeoNames id of a city (GDELT writes the GNS id, which we lack), the ADM1
code for a state and the FIPS code for a country (as GDELT does).
"""

from __future__ import annotations

import csv
import datetime as _dt
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional, TextIO

import duckdb

from dragoman.store import queries

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

#: GDELT's Geo_Type values.
COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = 1, 2, 3, 4, 5

#: One representative report per event (cluster) of the asked statuses, with what a row needs.
#: IsRootEvent: GDELT's "in the lead paragraph" - the evidence starts before the first blank line.
_EVENTS = """
    SELECT e.day, c.num_mentions, c.num_articles, c.num_sources,
           e.article_id, e.id AS event_id, e.cameo, e.root_code, e.quad_class, e.goldstein,
           e.location_name, e.location_country, e.location_lat, e.location_lon, e.location_source,
           ar.url, ar.origin, ar.ingested_at,
           CASE WHEN e.evidence_start IS NULL THEN 0
                WHEN strpos(ar.text, chr(10) || chr(10)) = 0 THEN 1
                WHEN e.evidence_start < strpos(ar.text, chr(10) || chr(10)) THEN 1 ELSE 0 END AS is_root
    FROM matched m JOIN events e ON e.article_id = m.article_id AND e.id = m.id
    JOIN articles ar ON ar.id = e.article_id
    LEFT JOIN event_clusters c ON c.id = e.cluster_id
    ORDER BY e.day NULLS LAST, e.article_id, e.id"""

#: The actor columns a GDELT row needs (after the role).
_PARTICIPANT_COLUMNS = "a.code, a.name, a.country, a.sector"


@lru_cache(maxsize=1)
def iso3_to_fips() -> dict[str, str]:
    """ISO 3166-1 alpha-3 -> FIPS 10-4, from data/export/iso3_fips.tsv."""
    text = (resources.files("dragoman") / "data" / "export" / "iso3_fips.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return {row["iso3"]: row["fips"] for row in csv.DictReader(lines, delimiter="\t")}


def write_gdelt(con: duckdb.DuckDBPyConnection, fh: TextIO, dyadic: bool = False,
                statuses: Iterable[str] = queries.DEFAULT_STATUSES, header: bool = False) -> int:
    """GDELT 2.0 event rows of the events of ``statuses``; returns the rows written."""
    if header:
        fh.write("\t".join(GDELT_COLUMNS) + "\n")
    cte, params = queries.matched(queries.EventFilter(status=tuple(statuses)))
    cur = con.cursor()
    cur.execute(f"WITH {cte} {_EVENTS}", params)
    places = PlaceCodes()
    n = 0
    while True:
        batch = cur.fetchmany(2000)
        if not batch:
            break
        participants = queries.participants_by_event(con, [r[4] for r in batch], _PARTICIPANT_COLUMNS)
        for (day, mentions, articles, sources, article_id, event_id, cameo, root, quad, goldstein,
             lname, lcountry, lat, lon, lsource, url, origin, added, is_root) in batch:
            parts = participants.get((article_id, event_id), [])
            actors = [p[1:] for p in parts if p[0] == "actor"]
            recipients = [p[1:] for p in parts if p[0] == "recipient"]
            if dyadic:
                pairs = [(a, r) for a in actors for r in recipients] or [(a, None) for a in actors]
                pairs = pairs or [(None, r) for r in recipients] or [(None, None)]
            else:
                pairs = [(actors[0] if actors else None, recipients[0] if recipients else None)]
            if lsource == "article":
                # placed only by what the article is about: the country is all GDELT may claim
                lname, lat, lon = None, None, None
            action_geo = places.action_geo(lname, lcountry, lat, lon)
            for actor1, actor2 in pairs:
                n += 1
                row = ([str(n)] + _dates(day) + actor_columns(actor1) + actor_columns(actor2)
                       + [str(is_root), cameo or "", (cameo or "")[:3], root or "", _num(quad), _num(goldstein),
                          _num(mentions), _num(sources), _num(articles), ""]
                       + NO_GEO + NO_GEO + action_geo
                       + [added.strftime("%Y%m%d%H%M%S") if added else "", url or origin or ""])
                fh.write("\t".join(_tsv(v) for v in row) + "\n")
    return n


def actor_columns(part: Optional[tuple]) -> list[str]:
    """The ten GDELT columns of one actor: code, name, country, known group, ethnic,
    two religions, three types (the sector goes in Type1)."""
    if part is None:
        return [""] * 10
    code, name, country, sector = part
    known_group = "IGO" if country == "IGO" else ""
    return [code or country or "", (name or "").upper(), country or "", known_group,
            "", "", "", sector or "", "", ""]


#: The eight Geo columns of a place GDELT has none for (type 0, everything else empty).
NO_GEO = ["0", "", "", "", "", "", "", ""]


class PlaceCodes:
    """GDELT's codes for a stored location: type, full name, FIPS country, ADM1, coordinates, feature id.

    The gazetteer says what kind of place a name is and gives a city's GeoNames
    id and admin-1 code (its city index, built once and cached).
    """

    def __init__(self) -> None:
        self.fips = iso3_to_fips()
        self._gazetteer = None

    @property
    def gazetteer(self):
        if self._gazetteer is None:
            from dragoman.places.gazetteer import Gazetteer

            self._gazetteer = Gazetteer()
        return self._gazetteer

    def action_geo(self, name: Optional[str], country: Optional[str], lat: Optional[float],
                   lon: Optional[float]) -> list[str]:
        if not name and not country and lat is None:
            return list(NO_GEO)
        fips = self.fips.get(country or "", "")
        known = self.gazetteer.country_by_iso3.get(country or "")
        country_name = known.name if known else (country or "")
        entries = self.gazetteer.places(name) if name else []
        if not name or any(e.kind == "country" and e.country == country for e in entries):
            if lat is None and known is not None:
                lat, lon = known.lat, known.lon
            return [str(COUNTRY), country_name or name or "", fips, fips, "", _num(lat), _num(lon), fips]
        division = next((e for e in entries if e.admin1 and e.country == country), None)
        if division is not None:
            adm1 = fips + division.admin1
            return [str(US_STATE if country == "USA" else WORLD_STATE), _full(name, country_name), fips, adm1, "",
                    _num(lat), _num(lon), adm1]
        if lat is None:  # a named place without coordinates: only its country is known
            return [str(COUNTRY), country_name, fips, fips, "", "", "", fips] if country else list(NO_GEO)
        city = self.city(name, country, lat, lon)
        adm1 = fips + city[1] if city and city[1] and fips else fips
        return [str(US_CITY if country == "USA" else WORLD_CITY), _full(name, country_name), fips, adm1, "",
                _num(lat), _num(lon), str(city[0]) if city else ""]

    def city(self, name: str, country: Optional[str], lat: float, lon: float) -> Optional[tuple[int, str]]:
        """(GeoNames id, admin-1 code) of the city of that name in that country nearest the
        point, from the gazetteer's (cached) city index."""
        found = [(e.geonameid, e.admin1, e.lat, e.lon) for e in self.gazetteer.cities(name) if e.country == country]
        if not found:
            return None
        best = min(found, key=lambda c: (c[2] - lat) ** 2 + (c[3] - lon) ** 2)
        if abs(best[2] - lat) > 1.0 or abs(best[3] - lon) > 1.0:  # another place of that name
            return None
        return best[0], best[1]


def _full(name: str, country_name: str) -> str:
    return f"{name}, {country_name}" if country_name and country_name != name else name


def _dates(day: Optional[_dt.date]) -> list[str]:
    if day is None:
        return ["", "", "", ""]
    fraction = day.year + (day.timetuple().tm_yday - 1) / 365.0
    return [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), f"{fraction:.4f}"]


def _num(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(round(value, 6))
    return str(value)


def _tsv(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ").replace("\r", " ")
