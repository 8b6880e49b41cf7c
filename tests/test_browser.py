"""The web explorer in headless Chromium (Debian's package, driven by Playwright).

Scenario: open the events page, filter to CONSULT, open an event's article and
see its evidence highlighted; open the ISR–TUR dyad page and see a chart.
Screenshots of each page go to artifacts/screenshots/ (not committed).
Skipped where /usr/bin/chromium or Playwright is missing; never downloads a browser.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SHOTS = REPO / "artifacts" / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed")
sync_api = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn on 127.0.0.1 and a free port, in a background thread."""

    def __init__(self, db_path: Path):
        import uvicorn

        from dragoman.serve.app import create_app

        self.port = free_port()
        config = uvicorn.Config(create_app(db_path), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.time() + 20
        while not self.server.started:
            if time.time() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory):
    from dragoman.serve.sample import build_sample_db

    db = build_sample_db(tmp_path_factory.mktemp("browser") / "sample.duckdb")
    with LiveServer(db) as server:
        yield server


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside = []

    def block_outside(route):
        """Everything must come from our server: any other request fails the test."""
        url = route.request.url
        if url.startswith("http://127.0.0.1:") or url.startswith("data:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", block_outside)
    p = context.new_page()
    errors = []
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    yield p
    context.close()
    assert not outside, f"pages asked for outside resources: {outside}"
    assert not errors, f"script errors: {errors}"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def run_scenario(page, base: str, prefix: str) -> None:
    """Events → CONSULT → an article with its evidence highlighted; then the ISR–TUR dyad chart."""
    page.goto(base + "/events")
    assert page.locator("#events-table tbody tr.event").count() > 0
    shot(page, f"{prefix}-events")

    page.select_option("#f-type", "CONSULT")
    page.click("#f-apply")
    page.wait_for_url("**/events?**type=CONSULT**")
    rows = page.locator("#events-table tbody tr.event")
    assert rows.count() > 0
    for text in rows.locator("span.type").all_inner_texts():
        assert text == "CONSULT"
    shot(page, f"{prefix}-events-consult")

    rows.first.locator("a.evidence-link").click()
    page.wait_for_url("**/articles/**")
    evidence = page.locator("#article-text .hl-evidence")
    assert evidence.count() > 0
    assert evidence.first.is_visible()
    colour = evidence.first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    # the event we came from is the target row, and its badge links back into the text
    target = page.url.split("#", 1)[1]
    assert page.locator(f"tr#{target}").count() == 1
    assert page.locator(f"#article-text a[href='#{target}']").count() == 1
    shot(page, f"{prefix}-article")

    page.goto(base + "/dyad?a=ISR&b=TUR")
    chart = page.locator("#chart-quad svg")
    assert chart.count() == 1 and chart.is_visible()
    assert page.locator("#chart-quad svg rect.bar").count() > 0
    assert page.locator("#chart-scores svg polyline, #chart-scores svg circle.point").count() > 0
    assert page.locator("section.bucket tr.event").count() > 0
    shot(page, f"{prefix}-dyad-isr-tur")


def test_scenario_on_sample_store(page, sample_server):
    run_scenario(page, sample_server.url, "sample")


def test_actor_and_map_pages(page, sample_server):
    page.goto(sample_server.url + "/actors/ISR")
    assert page.locator("#network svg line.edge").count() >= 1
    shot(page, "sample-actor-isr")
    page.goto(sample_server.url + "/map")
    assert page.locator("#map svg circle.place").count() == 2  # asserted events: Istanbul's is future
    page.select_option("#f-status", "all")
    page.click("#map-apply")
    page.wait_for_url("**/map?**status=all**")
    assert page.locator("#map svg circle.place").count() == 3
    assert page.locator("#map svg g.land path.country").count() >= 170
    shot(page, "sample-map")
    page.goto(sample_server.url + "/")
    shot(page, "sample-home")


@pytest.fixture(scope="module")
def map_server(tmp_path_factory):
    """A store of our own (tests/map_store.py): Ankara asserted, Taipei negated, Moscow hypothetical."""
    from map_store import MAP_ARTICLES

    from dragoman.serve.sample import build_sample_db

    db = build_sample_db(tmp_path_factory.mktemp("browser-map") / "map.duckdb", MAP_ARTICLES)
    with LiveServer(db) as server:
        yield server


#: The circle of the place titled ``label`` is inside the outline of ``iso3``, as the browser
#: fills it (SVGGeometryElement.isPointInFill, even-odd: a hole is outside).
POINT_IN_COUNTRY = """([label, iso3]) => {
  const circle = [...document.querySelectorAll('#map svg circle.place')]
    .find((c) => c.querySelector('title').textContent.startsWith(label + ':'));
  const country = document.querySelector(`#map svg path.country[data-iso3="${iso3}"]`);
  if (!circle || !country) return null;
  const point = new DOMPoint(circle.cx.baseVal.value, circle.cy.baseVal.value);
  const others = [...document.querySelectorAll('#map svg path.country')]
    .filter((p) => p !== country && p.isPointInFill(point)).map((p) => p.dataset.iso3 || p.textContent);
  return {inside: country.isPointInFill(point), others};
}"""


def test_map_outlines_points_and_status(page, map_server):
    """Issue 12: at least 170 country outlines, a point at Ankara inside Turkey's outline, no
    negated event shown by default."""
    page.goto(map_server.url + "/map")
    outlines = page.locator("#map svg g.land path.country")
    assert outlines.count() >= 170
    assert page.locator('#map svg path.country[data-iso3="TUR"]').is_visible()
    places = page.locator("#map svg circle.place")
    assert places.count() == 1  # Ankara; Taipei's event is negated, Moscow's hypothetical
    titles = places.locator("title").all_text_contents()
    assert titles[0].startswith("Ankara:") and not any("Taipei" in t or "Moscow" in t for t in titles)
    assert page.locator("#places tbody").inner_text().count("Taipei") == 0
    assert page.evaluate(POINT_IN_COUNTRY, ["Ankara", "TUR"]) == {"inside": True, "others": []}
    assert places.first.get_attribute("data-quad") == "3"
    colour = places.first.evaluate("el => getComputedStyle(el).fill")
    assert colour == "rgb(240, 160, 75)"  # QuadClass 3's orange, not the default red
    shot(page, "map-outlines")

    page.select_option("#f-status", "all")
    page.click("#map-apply")
    page.wait_for_url("**/map?**status=all**")
    assert page.locator("#map svg circle.place").count() == 3
    for label, iso3 in (("Ankara", "TUR"), ("Taipei", "TWN"), ("Moscow", "RUS")):
        assert page.evaluate(POINT_IN_COUNTRY, [label, iso3]) == {"inside": True, "others": []}, label
    shot(page, "map-outlines-all")


@pytest.fixture(scope="module")
def dev_store(tmp_path_factory):
    """The dev corpus ingested with `dragoman ingest` (skipped when shared/ or ingest is missing)."""
    corpus = SHARED / "corpus" / "dev"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus/dev is absent")
    dragoman = shutil.which("dragoman", path=str(Path(sys.executable).parent)) or "dragoman"
    db = tmp_path_factory.mktemp("dev") / "dev.duckdb"
    run = subprocess.run([dragoman, "ingest", str(corpus), "--db", str(db)], capture_output=True, text=True,
                         timeout=600, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    if run.returncode not in (0, 3) or not db.exists():
        pytest.skip(f"dragoman ingest does not work yet: {run.returncode} {run.stderr[-300:]}")
    return db


def test_scenario_on_dev_corpus(page, dev_store):
    """The same walk over what the coder made of the dev corpus."""
    from dragoman.store.db import connect

    con = connect(dev_store, read_only=True)
    try:
        consult = con.execute("SELECT count(*) FROM events WHERE type = 'CONSULT' AND evidence_start IS NOT NULL"
                              ).fetchone()[0]
    finally:
        con.close()
    if not consult:
        pytest.skip("the coder stored no CONSULT event with evidence for the dev corpus")
    with LiveServer(dev_store) as server:
        page.goto(server.url + "/events")
        shot(page, "dev-events")
        page.select_option("#f-type", "CONSULT")
        page.click("#f-apply")
        page.wait_for_url("**/events?**type=CONSULT**")
        rows = page.locator("#events-table tbody tr.event")
        assert rows.count() > 0
        shot(page, "dev-events-consult")
        rows.first.locator("a.evidence-link").click()
        page.wait_for_url("**/articles/**")
        assert page.locator("#article-text .hl-evidence").first.is_visible()
        shot(page, "dev-article")
        page.goto(server.url + "/dyad?a=ISR&b=TUR")
        assert page.locator("h1").first.is_visible()
        if page.locator("#chart-quad svg").count():
            assert page.locator("#chart-quad svg rect.bar").count() > 0
        shot(page, "dev-dyad-isr-tur")
        page.goto(server.url + "/map")
        shot(page, "dev-map")
