"""Convert Natural Earth's 1:110m countries into the explorer's map outlines.

Reads Natural Earth's admin-0 countries at 1:110m (public domain,
https://www.naturalearthdata.com/) as the geopandas 0.14.4 wheel on PyPI ships
them (``geopandas/datasets/naturalearth_lowres/naturalearth_lowres.{shp,shx,dbf,cpg}``,
177 countries; newer geopandas releases dropped the file).  The shapefile is
read with pyshp (``pip install pyshp``), which this script needs and the
package does not: it is no runtime dependency.

Writes ``src/dragoman/data/places/world_110m.json``: a GeoJSON FeatureCollection,
one feature per country on its own line, properties ``iso3`` (ISO 3166-1
alpha-3; ``XKX`` for Kosovo as in data/countries.tsv; null for the two areas
Natural Earth lists with no ISO code, N. Cyprus and Somaliland, whose Natural
Earth code is kept in ``a3``), ``name`` (data/countries.tsv's name where the
code is there, else Natural Earth's) and ``continent``; every geometry a
MultiPolygon with coordinates rounded to 2 decimals (about 1 km; the map is
1000 px wide, 0.36° a pixel), repeated points dropped, rings closed.

Codes: geopandas already replaced Natural Earth's ``-99`` ISO_A3 of sovereign
countries (France, Norway) by ADM0_A3; a ``-99`` still left (Kosovo) is found
by its name in data/countries.tsv (name or alias).

Usage: python scripts/convert_natural_earth.py [WHEEL_OR_FOLDER] [--out PATH]
  WHEEL_OR_FOLDER: the geopandas-0.14.4 wheel, or a folder holding naturalearth_lowres.*;
  default: ``pip download --no-deps geopandas==0.14.4`` into a temporary folder.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "dragoman" / "data" / "places" / "world_110m.json"
COUNTRIES = ROOT / "src" / "dragoman" / "data" / "countries.tsv"
WHEEL = "geopandas==0.14.4"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
DIGITS = 2
#: Natural Earth codes of areas with no ISO 3166 code: kept as ``a3``, ``iso3`` null.
NO_ISO = {"CYN", "SOL"}
SOURCE = ("Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries (public domain, "
          "https://www.naturalearthdata.com/), as shipped in the geopandas 0.14.4 wheel on PyPI "
          "(geopandas/datasets/naturalearth_lowres)")


def country_table(path: Path = COUNTRIES) -> dict[str, str]:
    """data/countries.tsv as {lower-case name or alias: iso3} plus {iso3: name} under the key ``"#" + iso3``."""
    table: dict[str, str] = {}
    header = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells))
        table["#" + row["iso3"]] = row["name"]
        for name in [row["name"]] + [a for a in row.get("aliases", "").split("|") if a]:
            table.setdefault(name.lower(), row["iso3"])
    return table


def shapefile_parts(source: Path) -> dict[str, bytes]:
    """The .shp, .shx, .dbf and .cpg bytes, from the wheel or a folder."""
    wanted = ("shp", "shx", "dbf", "cpg")
    if source.is_dir():
        found = {ext: next(iter(source.rglob(f"naturalearth_lowres.{ext}")), None) for ext in wanted}
        missing = [ext for ext, p in found.items() if p is None and ext != "cpg"]
        if missing:
            raise SystemExit(f"{source}: no naturalearth_lowres.{missing[0]}")
        return {ext: p.read_bytes() for ext, p in found.items() if p is not None}
    with zipfile.ZipFile(source) as wheel:
        names = set(wheel.namelist())
        return {ext: wheel.read(f"{MEMBER}.{ext}") for ext in wanted if f"{MEMBER}.{ext}" in names}


def download(folder: Path) -> Path:
    """``pip download --no-deps geopandas==0.14.4`` into ``folder``; the wheel's path."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
                    WHEEL, "-d", str(folder)], check=True)
    return next(folder.glob("geopandas-*.whl"))


def _ring(points) -> list[list[float]]:
    """Rounded, without repeated points, closed; empty when fewer than three corners remain."""
    out: list[list[float]] = []
    for x, y in ((round(p[0], DIGITS), round(p[1], DIGITS)) for p in points):
        x, y = x + 0.0, y + 0.0  # no -0.0
        if not out or out[-1] != [x, y]:
            out.append([x, y])
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    if len(out) < 3:
        return []
    return out + [out[0]]


def _polygons(geometry: dict) -> list[list[list[list[float]]]]:
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    out = []
    for poly in polys:
        rings = [_ring(r) for r in poly]
        if not rings or not rings[0]:
            continue  # the outer ring vanished at this precision: so does the polygon
        out.append([rings[0]] + [r for r in rings[1:] if r])
    return out


def convert(parts: dict[str, bytes]) -> dict:
    """The shapefile as the FeatureCollection written to world_110m.json."""
    import shapefile  # pyshp: needed here only, not by the package

    encoding = parts.get("cpg", b"ISO-8859-1").decode("ascii").strip() or "ISO-8859-1"
    reader = shapefile.Reader(shp=io.BytesIO(parts["shp"]), shx=io.BytesIO(parts["shx"]),
                              dbf=io.BytesIO(parts["dbf"]), encoding=encoding)
    table = country_table()
    features = []
    for item in reader.shapeRecords():
        rec = item.record.as_dict()
        name = rec.get("name") or rec.get("NAME")
        code = (rec.get("iso_a3") or rec.get("ISO_A3") or "").strip()
        if not code or code == "-99":
            code = (rec.get("adm0_a3") or rec.get("ADM0_A3") or "").strip()
        if not code or code == "-99":
            code = table.get(name.lower(), "")
        props: dict = {"iso3": code or None, "name": table.get("#" + code, name)}
        if code in NO_ISO:
            props = {"iso3": None, "a3": code, "name": name}
        props["continent"] = rec.get("continent") or rec.get("CONTINENT")
        polygons = _polygons(item.shape.__geo_interface__)
        if polygons:
            features.append({"type": "Feature", "properties": props,
                             "geometry": {"type": "MultiPolygon", "coordinates": polygons}})
    features.sort(key=lambda f: (f["properties"]["iso3"] or f["properties"].get("a3") or "", f["properties"]["name"]))
    return {"type": "FeatureCollection", "source": SOURCE, "license": "public domain",
            "converted_by": "scripts/convert_natural_earth.py",
            "note": f"coordinates: longitude, latitude (WGS84), rounded to {DIGITS} decimals", "features": features}


def dump(collection: dict) -> str:
    """Compact JSON, one feature a line, so that a change shows as a diff of the countries it touches."""
    head = {k: v for k, v in collection.items() if k != "features"}
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]]
    return (json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1] + ',"features":[\n'
            + ",\n".join(lines) + "\n]}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path, help="the geopandas 0.14.4 wheel or a folder with the shapefile")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        source = args.source or download(Path(tmp))
        collection = convert(shapefile_parts(source))
    args.out.write_text(dump(collection), encoding="utf-8")
    n = len(collection["features"])
    print(f"{args.out}: {n} countries, {args.out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
