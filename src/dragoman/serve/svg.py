"""Charts, networks and maps drawn as inline SVG on the server.

Why SVG we render ourselves: the explorer must work offline, with no CDN and
no tile server, and a few hundred lines of SVG are easier to test than a
JavaScript charting bundle.  Every text that reaches the SVG is escaped.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Optional, Sequence

from markupsafe import Markup, escape

#: Colours by QuadClass (1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict).
QUAD_COLOURS = {1: "#4c9be8", 2: "#1f5fa8", 3: "#f0a04b", 4: "#c8402f"}
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass
class Series:
    """One line of a line chart: a name, a colour and one value per bucket (None = gap)."""

    name: str
    colour: str
    values: list[Optional[float]]


@dataclass
class Node:
    """A neighbour in an interaction network."""

    label: str
    weight: float  # number of events shared with the centre
    href: Optional[str] = None
    tone: float = 0.0  # mean Goldstein: below zero conflict, above cooperation
    extra: dict = field(default_factory=dict)


def _num(x: float) -> str:
    """Short coordinates keep the SVG small."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _nice_range(lo: float, hi: float) -> tuple[float, float, float]:
    """Axis bounds and tick step that are round numbers and contain [lo, hi]."""
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    span = hi - lo
    raw = span / 5
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    return math.floor(lo / step) * step, math.ceil(hi / step) * step, step


def _label_every(n: int, room: int) -> int:
    """Show every k-th x label so that labels do not overlap."""
    return max(1, math.ceil(n / max(1, room)))


def line_chart(labels: Sequence[str], series: Sequence[Series], *, title: str, width: int = 760,
               height: int = 260, hrefs: Optional[Sequence[str]] = None, zero_line: bool = True) -> Markup:
    """A line chart over categorical x buckets; each point links to ``hrefs[i]``."""
    left, right, top, bottom = 48, 12, 34, 44
    pw, ph = width - left - right, height - top - bottom
    values = [v for s in series for v in s.values if v is not None]
    lo, hi = (min(values + [0.0]), max(values + [0.0])) if values else (0.0, 1.0)
    lo, hi, step = _nice_range(lo, hi)
    n = len(labels)

    def x(i: int) -> float:
        return left + (pw * (i + 0.5) / n if n else pw / 2)

    def y(v: float) -> float:
        return top + ph * (1 - (v - lo) / (hi - lo))

    out = [_open(width, height, title)]
    out.append(_y_axis(lo, hi, step, left, width - right, y))
    if zero_line and lo < 0 < hi:
        out.append(f'<line class="zero" x1="{left}" x2="{width - right}" y1="{_num(y(0))}" y2="{_num(y(0))}"/>')
    out.append(_x_labels(labels, x, height - bottom + 16, pw))
    for s in series:
        pts = [(x(i), y(v), i, v) for i, v in enumerate(s.values) if v is not None]
        if len(pts) > 1:
            path = " ".join(f"{_num(px)},{_num(py)}" for px, py, _, _ in pts)
            out.append(f'<polyline class="line" fill="none" stroke="{s.colour}" stroke-width="2" points="{path}"/>')
        for px, py, i, v in pts:
            dot = (f'<circle class="point" cx="{_num(px)}" cy="{_num(py)}" r="4" fill="{s.colour}">'
                   f'<title>{escape(s.name)} {escape(labels[i])}: {v:g}</title></circle>')
            out.append(_link(dot, hrefs[i] if hrefs else None))
    out.append(_legend([(s.name, s.colour) for s in series], left, 16))
    out.append("</svg>")
    return Markup("".join(out))


def stacked_bars(labels: Sequence[str], stacks: Sequence[dict[int, int]], *, title: str, width: int = 760,
                 height: int = 260, hrefs: Optional[Sequence[str]] = None) -> Markup:
    """Counts per QuadClass per bucket, stacked; each bar links to ``hrefs[i]``."""
    left, right, top, bottom = 48, 12, 34, 44
    pw, ph = width - left - right, height - top - bottom
    totals = [sum(s.values()) for s in stacks]
    lo, hi, step = _nice_range(0, max(totals + [1]))
    lo = 0
    n = len(labels)
    band = pw / n if n else pw
    bar_w = max(2.0, min(40.0, band * 0.7))

    def y(v: float) -> float:
        return top + ph * (1 - (v - lo) / (hi - lo))

    def x(i: int) -> float:
        return left + band * (i + 0.5)

    out = [_open(width, height, title)]
    out.append(_y_axis(lo, hi, step, left, width - right, y))
    out.append(_x_labels(labels, x, height - bottom + 16, pw))
    for i, stack in enumerate(stacks):
        base = 0
        parts = []
        for quad in (1, 2, 3, 4):
            count = stack.get(quad, 0)
            if not count:
                continue
            y0, y1 = y(base + count), y(base)
            parts.append(f'<rect class="bar q{quad}" x="{_num(x(i) - bar_w / 2)}" y="{_num(y0)}" width="{_num(bar_w)}" '
                         f'height="{_num(y1 - y0)}" fill="{QUAD_COLOURS[quad]}"><title>{escape(labels[i])}: '
                         f'{count} {QUAD_NAMES[quad]}</title></rect>')
            base += count
        if parts:
            out.append(_link("".join(parts), hrefs[i] if hrefs else None))
    out.append(_legend([(f"Q{q} {QUAD_NAMES[q]}", QUAD_COLOURS[q]) for q in (1, 2, 3, 4)], left, 16))
    out.append("</svg>")
    return Markup("".join(out))


def tone_colour(tone: float) -> str:
    """Red for conflict, grey for neutral, blue for cooperation (Goldstein −10…10)."""
    t = max(-1.0, min(1.0, tone / 5))
    if t < 0:
        r, g, b = 120 + int(80 * -t), 120 - int(60 * -t), 120 - int(70 * -t)
    else:
        r, g, b = 120 - int(90 * t), 120 - int(10 * t), 120 + int(80 * t)
    return f"#{r:02x}{g:02x}{b:02x}"


def network(centre: str, nodes: Sequence[Node], *, width: int = 520, height: int = 420,
            title: str = "interactions") -> Markup:
    """A star network: the actor in the middle, whom it interacts with around it.

    Edge width grows with the number of shared events; colour shows the mean
    Goldstein score (red conflict, blue cooperation).
    """
    cx, cy = width / 2, height / 2
    radius = min(width, height) / 2 - 60
    out = [_open(width, height, title)]
    heaviest = max([n.weight for n in nodes] + [1])
    shown = list(nodes)[:24]
    for k, node in enumerate(shown):
        angle = 2 * math.pi * k / max(1, len(shown)) - math.pi / 2
        nx, ny = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        stroke = 1 + 5 * node.weight / heaviest
        colour = tone_colour(node.tone)
        out.append(f'<line class="edge" x1="{_num(cx)}" y1="{_num(cy)}" x2="{_num(nx)}" y2="{_num(ny)}" '
                   f'stroke="{colour}" stroke-width="{_num(stroke)}"><title>{escape(node.label)}: '
                   f'{node.weight:g} events, mean Goldstein {node.tone:.1f}</title></line>')
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        dx = 10 if anchor == "start" else -10 if anchor == "end" else 0
        dy = 16 if math.sin(angle) > 0.5 else -10 if math.sin(angle) < -0.5 else 4
        body = (f'<circle class="node" cx="{_num(nx)}" cy="{_num(ny)}" r="7" fill="{colour}"/>'
                f'<text class="node-label" x="{_num(nx + dx)}" y="{_num(ny + dy)}" text-anchor="{anchor}">'
                f'{escape(_short(node.label, 22))} ({node.weight:g})</text>')
        out.append(_link(body, node.href))
    out.append(f'<circle class="centre" cx="{_num(cx)}" cy="{_num(cy)}" r="12"/>'
               f'<text class="centre-label" x="{_num(cx)}" y="{_num(cy + 30)}" text-anchor="middle">'
               f'{escape(_short(centre, 30))}</text>')
    if not shown:
        out.append(f'<text class="empty" x="{_num(cx)}" y="{_num(cy - 24)}" text-anchor="middle">'
                   f'no interactions recorded</text>')
    out.append("</svg>")
    return Markup("".join(out))


@dataclass
class MapPoint:
    """One place on the map: where, what to call it, how many events, where to click, and
    how many of its events fall in each QuadClass (``{1: 2, 3: 1}``; the colour)."""

    lat: float
    lon: float
    label: str
    count: int = 1
    href: Optional[str] = None
    quads: dict[int, int] = field(default_factory=dict)

    @property
    def quad(self) -> Optional[int]:
        """The QuadClass most of the place's events have (a tie goes to the more conflictual)."""
        counted = {q: n for q, n in self.quads.items() if n and q in QUAD_COLOURS}
        return max(counted, key=lambda q: (counted[q], q)) if counted else None


@dataclass(frozen=True)
class Country:
    """A country's outline: ISO3 (None for the two areas with no ISO code), name, and
    polygons as rings of (lon, lat), the first ring of each polygon its outside."""

    iso3: Optional[str]
    name: str
    polygons: tuple[tuple[tuple[tuple[float, float], ...], ...], ...]


#: Natural Earth's 1:110m countries (public domain), converted by scripts/convert_natural_earth.py.
OUTLINES = "data/places/world_110m.json"


@lru_cache(maxsize=1)
def country_outlines() -> tuple[Country, ...]:
    """The countries the map draws, read once per process and only when a map is drawn (the
    file is about 180 kB of JSON; the rest of the explorer and the CLI never read it)."""
    try:
        text = resources.files("dragoman").joinpath(OUTLINES).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return ()
    out = []
    for feature in json.loads(text)["features"]:
        props, geometry = feature["properties"], feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        out.append(Country(props.get("iso3"), props.get("name") or "",
                           tuple(tuple(tuple((float(x), float(y)) for x, y in ring) for ring in poly)
                                 for poly in polygons)))
    return tuple(out)


def project(lat: float, lon: float, width: int = 1000) -> tuple[float, float]:
    """Equirectangular: longitude -180…180 to x 0…width, latitude 90…-90 to y 0…width/2.
    The one projection of the map: outlines and points both go through it."""
    return (lon + 180) / 360 * width, (90 - lat) / 180 * (width // 2)


def world_map(points: Sequence[MapPoint], *, width: int = 1000, title: str = "event locations") -> Markup:
    """An equirectangular world: country outlines (Natural Earth 1:110m), a graticule, and the
    points, sized by their events and coloured by their main QuadClass."""
    height = width // 2

    def x(lon: float) -> float:
        return project(0.0, lon, width)[0]

    def y(lat: float) -> float:
        return project(lat, 0.0, width)[1]

    out = [_open(width, height, title, cls="map")]
    out.append(f'<rect class="sea" x="0" y="0" width="{width}" height="{height}"/>')
    grid = ['<g class="graticule">']
    for lon in range(-180, 181, 30):
        grid.append(f'<line x1="{_num(x(lon))}" x2="{_num(x(lon))}" y1="0" y2="{height}"/>')
    for lat in range(-90, 91, 30):
        grid.append(f'<line x1="0" x2="{width}" y1="{_num(y(lat))}" y2="{_num(y(lat))}"/>')
    grid.append("</g>")
    out.append("".join(grid))
    out.append(_country_layer(width))
    labels = ['<g class="graticule">']
    for lat in range(-60, 61, 30):
        labels.append(f'<text class="grid-label" x="3" y="{_num(y(lat) - 2)}">{abs(lat)}°{"N" if lat > 0 else "S" if lat < 0 else ""}</text>')
    for lon in range(-150, 151, 30):
        labels.append(f'<text class="grid-label" x="{_num(x(lon) + 2)}" y="{height - 3}">{abs(lon)}°{"E" if lon > 0 else "W" if lon < 0 else ""}</text>')
    labels.append("</g>")
    out.append("".join(labels))
    biggest = max([p.count for p in points] + [1])
    taken: list[tuple[float, float, float, float]] = []
    for p in sorted(points, key=lambda p: -p.count):
        r = 3 + 9 * math.sqrt(p.count / biggest)
        px, py = x(p.lon), y(p.lat)
        quad = p.quad
        mix = ", ".join(f"{p.quads[q]} {QUAD_NAMES[q]}" for q in (1, 2, 3, 4) if p.quads.get(q))
        colour = f' data-quad="{quad}" fill="{QUAD_COLOURS[quad]}"' if quad else ""
        body = (f'<circle class="place" cx="{_num(px)}" cy="{_num(py)}" r="{_num(r)}"{colour}>'
                f'<title>{escape(p.label)}: {p.count} events{f" ({mix})" if mix else ""}</title></circle>')
        label = _short(p.label, 24)
        box = (px + r + 2, py - 8, px + r + 4 + 6.5 * len(label), py + 5)
        if not any(_overlaps(box, other) for other in taken):
            taken.append(box)
            body += f'<text class="place-label" x="{_num(box[0])}" y="{_num(py + 4)}">{escape(label)}</text>'
        out.append(_link(body, p.href))
    out.append(_map_legend(x(-165), y(-36)))
    out.append("</svg>")
    return Markup("".join(out))


@lru_cache(maxsize=4)
def _country_layer(width: int) -> str:
    """Every country as one ``path.country`` (its polygons and holes, even-odd filled), drawn
    once per map width.  Coordinates are in tenths of a pixel, relative after the first, so
    the 177 outlines weigh about 90 kB."""
    parts = ['<g class="land" fill-rule="evenodd">']
    for country in country_outlines():
        d = []
        for poly in country.polygons:
            for ring in poly:
                d.append(_ring_path([project(lat, lon, width) for lon, lat in ring]))
        d = [ring for ring in d if ring]
        if not d:
            continue
        iso = f' data-iso3="{escape(country.iso3)}"' if country.iso3 else ""
        parts.append(f'<path class="country"{iso} d="{"".join(d)}"><title>{escape(country.name)}</title></path>')
    parts.append("</g>")
    return "".join(parts)


def _tenths(n: int) -> str:
    """A whole number of tenths as the shortest SVG number: 12 -> "1.2", -3 -> "-.3", 20 -> "2"."""
    whole, tenth = divmod(abs(n), 10)
    return ("-" if n < 0 else "") + (str(whole) if whole or not tenth else "") + (f".{tenth}" if tenth else "")


def _ring_path(points: Sequence[tuple[float, float]]) -> str:
    """One closed ring: ``M`` to its first corner, relative ``l`` steps between corners rounded
    to a tenth of a pixel (rounded first, so the steps add up exactly), ``z``; empty when
    fewer than three corners stay apart."""
    corners: list[tuple[int, int]] = []
    for px, py in points:
        c = (round(px * 10), round(py * 10))
        if not corners or corners[-1] != c:
            corners.append(c)
    if len(corners) > 1 and corners[0] == corners[-1]:
        corners.pop()
    if len(corners) < 3:
        return ""
    nums = []
    for (x0, y0), (x1, y1) in zip(corners, corners[1:]):
        nums += [_tenths(x1 - x0), _tenths(y1 - y0)]
    steps = nums[0] + "".join(n if n.startswith("-") else " " + n for n in nums[1:])
    return f"M{_tenths(corners[0][0])} {_tenths(corners[0][1])}l{steps}z"


def _map_legend(x0: float, y0: float) -> str:
    """The QuadClass colours, one a line, on a pale box over the sea."""
    rows = [(f"Q{q} {QUAD_NAMES[q]}", QUAD_COLOURS[q]) for q in (1, 2, 3, 4)]
    w = 24 + 6.2 * max(len(name) for name, _ in rows)
    parts = [f'<g class="legend map-legend"><rect class="legend-box" x="{_num(x0 - 6)}" y="{_num(y0 - 14)}" '
             f'width="{_num(w)}" height="{14 * len(rows) + 22}"/>'
             f'<text x="{_num(x0)}" y="{_num(y0)}">circle size: events</text>']
    for i, (name, colour) in enumerate(rows):
        yy = y0 + 14 * (i + 1)
        parts.append(f'<circle cx="{_num(x0 + 5)}" cy="{_num(yy - 4)}" r="5" fill="{colour}"/>'
                     f'<text x="{_num(x0 + 14)}" y="{_num(yy)}">{escape(name)}</text>')
    parts.append("</g>")
    return "".join(parts)


# --- small pieces shared by the charts ---

def _open(width: int, height: int, title: str, cls: str = "chart") -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="{cls}" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>')


def _y_axis(lo: float, hi: float, step: float, x0: float, x1: float, y) -> str:
    parts = ['<g class="axis">']
    v = lo
    while v <= hi + step / 1000:
        yy = _num(y(v))
        parts.append(f'<line class="grid" x1="{x0}" x2="{x1}" y1="{yy}" y2="{yy}"/>'
                     f'<text x="{x0 - 6}" y="{yy}" dy="4" text-anchor="end">{v:g}</text>')
        v += step
    parts.append("</g>")
    return "".join(parts)


def _x_labels(labels: Sequence[str], x, baseline: float, room_px: float) -> str:
    every = _label_every(len(labels), int(room_px // 70))
    parts = ['<g class="axis">']
    for i, label in enumerate(labels):
        if i % every == 0:
            parts.append(f'<text x="{_num(x(i))}" y="{_num(baseline)}" text-anchor="middle">{escape(label)}</text>')
    parts.append("</g>")
    return "".join(parts)


def _legend(items: Sequence[tuple[str, str]], x0: float, y0: float) -> str:
    parts = ['<g class="legend">']
    x = x0
    for name, colour in items:
        parts.append(f'<rect x="{_num(x)}" y="{_num(y0 - 9)}" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{_num(x + 14)}" y="{_num(y0)}">{escape(name)}</text>')
        x += 22 + 6.5 * len(name)
    parts.append("</g>")
    return "".join(parts)


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Whether two label boxes (x0, y0, x1, y1) overlap: the smaller place then goes unlabelled."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _link(body: str, href: Optional[str]) -> str:
    """Wrap in a link when there is somewhere to go."""
    return f'<a href="{escape(href)}">{body}</a>' if href else body


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
