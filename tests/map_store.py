"""A small store of our own for the map tests (API and browser), and a reader for the map's SVG.

The article is invented for these tests. Its events: two asserted at Ankara (verbal
cooperation and verbal conflict), a negated one at Taipei, a hypothetical one at Moscow.
"""

from __future__ import annotations

import re

MAP_TEXT = ("Greek and Turkish diplomats meet in Ankara\n\n"
            "Turkish and Greek diplomats met in Ankara on Monday to discuss maritime borders. "
            "Turkey accused Greece of arming its islands, the ministry said in Ankara. "
            "The United States did not support Taiwan independence, a spokesman said in Taipei. "
            "Russia could impose sanctions on Turkey if the talks fail, officials warned in Moscow.")
MAP_ARTICLES = [{
    "id": "map-ankara", "source": "Map Test Wire", "title": "Greek and Turkish diplomats meet in Ankara",
    "published": "2024-05-06", "text": MAP_TEXT, "media": [], "removed": [], "quotes": [],
    "actors": [
        {"id": "a1", "name": "Turkey", "kind": "country", "country": "TUR", "code": "TUR",
         "mentions": ["Turkish", "Turkey"]},
        {"id": "a2", "name": "Greece", "kind": "country", "country": "GRC", "code": "GRC", "mentions": ["Greek", "Greece"]},
        {"id": "a3", "name": "United States", "kind": "country", "country": "USA", "code": "USA",
         "mentions": ["The United States"]},
        {"id": "a4", "name": "Taiwan", "kind": "country", "country": "TWN", "code": "TWN", "mentions": ["Taiwan"]},
        {"id": "a5", "name": "Russia", "kind": "country", "country": "RUS", "code": "RUS", "mentions": ["Russia"]},
    ],
    "events": [
        {"id": "e1", "type": "CONSULT", "cameo": "040", "quad_class": 1, "goldstein": 1.0, "plover_score": 4.0,
         "actors": ["a1", "a2"], "recipients": [], "status": "asserted", "date": "2024-05-06",
         "date_precision": "day", "location": ("Ankara", "TUR", 39.93, 32.86),
         "evidence": "Turkish and Greek diplomats met in Ankara on Monday to discuss maritime borders."},
        {"id": "e2", "type": "ACCUSE", "cameo": "112", "quad_class": 3, "goldstein": -2.0, "plover_score": -3.0,
         "actors": ["a1"], "recipients": ["a2"], "status": "asserted", "date": "2024-05-06",
         "date_precision": "day", "location": ("Ankara", "TUR", 39.93, 32.86),
         "evidence": "Turkey accused Greece of arming its islands, the ministry said in Ankara."},
        {"id": "e3", "type": "SUPPORT", "cameo": "051", "quad_class": 1, "goldstein": 3.4, "plover_score": 3.0,
         "actors": ["a3"], "recipients": ["a4"], "status": "negated", "date": "2024-05-06",
         "date_precision": "day", "location": ("Taipei", "TWN", 25.05, 121.53),
         "evidence": "The United States did not support Taiwan independence, a spokesman said in Taipei."},
        {"id": "e4", "type": "SANCTION", "cameo": "163", "quad_class": 4, "goldstein": -8.0, "plover_score": -6.0,
         "actors": ["a5"], "recipients": ["a1"], "status": "hypothetical", "date": None,
         "date_precision": "unknown", "location": ("Moscow", "RUS", 55.75, 37.62),
         "evidence": "Russia could impose sanctions on Turkey if the talks fail, officials warned in Moscow."},
    ],
}]

PATH = re.compile(r'<path class="country"(?: data-iso3="([A-Z]{3})")? d="([^"]+)"><title>([^<]*)</title>')
CIRCLE = re.compile(r'<circle class="place" cx="([-\d.]+)" cy="([-\d.]+)" r="[\d.]+"([^>]*)><title>([^<:]*):')


def outlines(html: str) -> dict[str, list[list[tuple[float, float]]]]:
    """Each drawn country's rings (by ISO3, else name), in the SVG's own coordinates, read back
    from its path (M/L absolute, m/l relative, z closes)."""
    out = {}
    for iso3, d, name in PATH.findall(html):
        rings: list[list[tuple[float, float]]] = []
        ring: list[tuple[float, float]] = []
        cur, cmd, nums = (0.0, 0.0), "", []
        for token in re.findall(r"[MmLlZz]|[-+]?(?:\d+\.?\d*|\.\d+)", d):
            if token in "MmLlZz":
                cmd = token
                if cmd in "Zz":
                    rings.append(ring)
                    ring = []
                continue
            nums.append(float(token))
            if len(nums) == 2:
                cur = (cur[0] + nums[0], cur[1] + nums[1]) if cmd in "ml" else (nums[0], nums[1])
                ring.append(cur)
                nums = []
        out[iso3 or name] = rings
    return out


def inside(point: tuple[float, float], rings: list[list[tuple[float, float]]]) -> bool:
    """Even-odd ray casting over every ring: holes (Lesotho in South Africa) count out."""
    x, y = point
    hit = False
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                hit = not hit
    return hit
