"""Issue 13: bad input never crashes a run or is silently corrupted; the explorer is safe.

One section per row of the issue's table. Every text and page here is written for this file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dragoman.errors import Skip
from dragoman.ingest import ReadOptions, read_paths
from dragoman.ingest.decode import decode_bytes
from dragoman.model import RawArticle

fastapi_testclient = pytest.importorskip("fastapi.testclient")


# --- row 1: the explorer links only web addresses and sends a strict CSP ---

@pytest.fixture(scope="module")
def url_store(tmp_path_factory) -> Path:
    """A store with one article whose url is a script and one whose url is a web address."""
    from dragoman.model import Document
    from dragoman.store.db import connect
    from dragoman.store.writer import write_documents

    path = tmp_path_factory.mktemp("xss") / "urls.duckdb"
    docs = [Document(id="script-url", text="The harbour board met on Monday to discuss new fees.",
                     url="javascript:alert(document.domain)", title="Harbour fees"),
            Document(id="web-url", text="The river council met on Friday to discuss a new bridge.",
                     url="https://news.example.org/bridge", title="Bridge plan")]
    con = connect(path)
    try:
        write_documents(con, docs, origin="test")
    finally:
        con.close()
    return path


@pytest.fixture(scope="module")
def url_client(url_store):
    from dragoman.serve.app import create_app

    with fastapi_testclient.TestClient(create_app(url_store), raise_server_exceptions=False) as c:
        yield c


def test_script_url_is_not_a_link(url_client):
    page = url_client.get("/articles/script-url")
    assert page.status_code == 200
    assert 'href="javascript:' not in page.text
    assert "javascript:alert(document.domain)" in page.text  # still shown, as text


def test_web_url_is_a_link(url_client):
    page = url_client.get("/articles/web-url")
    assert 'href="https://news.example.org/bridge"' in page.text


@pytest.mark.parametrize("path", ["/articles/web-url", "/", "/api/events", "/static/app.js", "/no-such-page"])
def test_security_headers_on_every_response(url_client, path):
    headers = url_client.get(path).headers
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "object-src 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


def test_pages_hold_no_inline_script():
    """The CSP forbids inline script, so no template may carry one."""
    import re

    templates = Path(__file__).resolve().parents[1] / "src" / "dragoman" / "serve" / "templates"
    for template in templates.glob("*.html"):
        html = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), template.name
        assert not re.search(r"\son[a-z]+\s*=", html), template.name
        assert "javascript:" not in html, template.name


def test_script_url_in_a_browser(url_store):
    """In Chromium: the script url is no link, the CSP header is sent, the explorer's script still runs."""
    from test_browser import CHROMIUM, CHROMIUM_ARGS, LiveServer

    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with LiveServer(url_store) as server, sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            blocked = []
            page.on("console", lambda msg: blocked.append(msg.text) if "Content Security Policy" in msg.text
                    else None)
            response = page.goto(server.url + "/articles/script-url")
            assert "script-src 'self'" in response.headers["content-security-policy"]
            assert page.locator("a[href^='javascript']").count() == 0
            assert page.get_by_text("javascript:alert(document.domain)").count() == 1
            assert page.evaluate("getComputedStyle(document.body).fontFamily")  # the stylesheet loaded
            page.goto(server.url + "/articles/web-url")
            assert page.locator("a[href='https://news.example.org/bridge']").count() == 1
            assert not blocked, blocked
        finally:
            browser.close()


# --- rows 2 and 12: mostly-valid UTF-8 stays UTF-8; UTF-16 without a BOM is text ---

STORY = ("Port workers end strike after pay deal\n\n"
         "Dock workers in the northern port ended a nine-day strike on Wednesday after the harbour "
         "authority agreed to raise wages by six percent, the union said.\n\n"
         "\u201cWe got what we came for,\u201d the union\u2019s spokeswoman told reporters outside the "
         "gates, adding that the first ships would be unloaded by the evening.\n")


def read(paths, **options) -> list:
    return list(read_paths([str(p) for p in paths], ReadOptions(**options)))


def test_stray_byte_in_utf8_is_replaced_with_a_warning(tmp_path, capsys):
    data = STORY.encode("utf-8")
    cut = data.index(b"nine-day")
    path = tmp_path / "stray.txt"
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])
    [raw] = read([path])
    assert isinstance(raw, RawArticle)
    assert raw.text == STORY[:STORY.index("nine-day")] + "\ufffd" + STORY[STORY.index("nine-day"):]
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and "warning" in lines[0] and "stray.txt" in lines[0]


def test_legacy_code_page_is_still_detected(capsys):
    text = STORY.replace("union", "syndicat caf\u00e9")
    assert decode_bytes(text.encode("cp1252"), "legacy.txt") == text
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text(tmp_path, encoding):
    path = tmp_path / "wide.txt"
    path.write_bytes(STORY.encode(encoding))
    [raw] = read([path])
    assert isinstance(raw, RawArticle) and raw.text == STORY


def test_binary_with_nuls_on_one_side_is_still_not_text(tmp_path):
    """Little-endian 16-bit numbers put their NULs on one side, as UTF-16 text does; they are not text."""
    import struct

    path = tmp_path / "numbers.txt"
    path.write_bytes(b"".join(struct.pack("<H", n) for n in range(0, 60000, 7)))
    [skip] = read([path])
    assert isinstance(skip, Skip) and skip.reason == "not text"


# --- rows 4, 5, 9, 10, 12: bad entries are skipped with a true reason, the rest is read ---

NOTE = ("Council approves budget\n\n"
        "The city council approved next year's budget on Thursday after a debate that lasted late "
        "into the evening, the mayor's office said.\n\n"
        "The budget raises spending on schools and on repairs to the old tram line.\n")

DEEP = 100_000  # levels of nesting; far past Python's recursion limit


def names_and_reasons(items) -> list[tuple[str, str]]:
    return [(Path(i.origin.split(":")[0]).name, i.reason if isinstance(i, Skip) else "article") for i in items]


def test_deeply_nested_json_is_skipped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(NOTE, encoding="utf-8")
    (folder / "b-deep.json").write_text("[" * DEEP + "]" * DEEP, encoding="utf-8")
    (folder / "c-deep.jsonl").write_text('{"text": ' + "[" * DEEP + "]" * DEEP + "}\n"
                                         + json_line(NOTE) + "\n", encoding="utf-8")
    (folder / "d.txt").write_text(NOTE, encoding="utf-8")
    assert names_and_reasons(read([folder])) == [
        ("a.txt", "article"), ("b-deep.json", "not JSON (nested too deeply)"),
        ("c-deep.jsonl", "line 1: not JSON (nested too deeply)"), ("c-deep.jsonl", "article"),
        ("d.txt", "article")]


def json_line(text: str) -> str:
    import json

    return json.dumps({"text": text})


def test_symlink_loop_in_a_folder_is_skipped_and_the_rest_read(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(NOTE, encoding="utf-8")
    (folder / "m.txt").symlink_to("m.txt")  # points at itself
    (folder / "z.txt").write_text(NOTE, encoding="utf-8")
    assert names_and_reasons(read([folder])) == [
        ("a.txt", "article"), ("m.txt", "cannot read (symbolic link loop)"), ("z.txt", "article")]


def test_symlink_loop_named_on_the_command_line_is_not_called_missing(tmp_path):
    (tmp_path / "m.txt").symlink_to("m.txt")
    [skip] = read([tmp_path / "m.txt"])
    assert skip.reason == "cannot read (symbolic link loop)"
    [skip] = read([tmp_path / "absent.txt"])
    assert skip.reason == "no such file"


def deny(monkeypatch, function_name: str, denied: Path) -> None:
    """Make os.FUNCTION raise 'permission denied' for one path (the tests may run as root,
    for whom chmod 000 denies nothing)."""
    import errno
    import os

    real = getattr(os, function_name)

    def guarded(path, *args, **kwargs):
        if os.fspath(path) == str(denied) or os.fspath(path).startswith(str(denied) + os.sep):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, function_name, guarded)


def test_unreadable_subfolder_is_a_skip(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "hidden-from-us.txt").write_text(NOTE, encoding="utf-8")
    (folder / "a.txt").write_text(NOTE, encoding="utf-8")
    (folder / "z.txt").write_text(NOTE, encoding="utf-8")
    deny(monkeypatch, "scandir", folder / "locked")
    assert names_and_reasons(read([folder])) == [
        ("a.txt", "article"), ("locked", "cannot read folder (permission denied)"), ("z.txt", "article")]


def test_file_in_unreadable_folder_is_not_called_missing(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    deny(monkeypatch, "stat", tmp_path / "locked")
    [skip] = read([tmp_path / "locked" / "a.txt"])
    assert skip.reason == "cannot read (permission denied)"


@pytest.mark.parametrize("command", ["code", "ingest"])
def test_negative_max_bytes_is_a_usage_error(tmp_path, monkeypatch, capsys, command):
    (tmp_path / "a.txt").write_text(NOTE, encoding="utf-8")
    extra = ["--db", str(tmp_path / "s.duckdb")] if command == "ingest" else []
    status, _out, err = run_cli(monkeypatch, capsys, command, str(tmp_path / "a.txt"), "--max-bytes", "-5", *extra)
    assert status == 2 and "--max-bytes" in err and "Traceback" not in err


@pytest.mark.parametrize("text", ["!!! ??? ... ;;; !!! ,,, *** ?!", "q" * 5000, "12 345 678 90 11"])
def test_text_without_words_is_not_called_a_language(coder, text):
    with pytest.raises(Skip) as caught:
        coder.prepare(RawArticle(text=text, origin="t.txt"))
    assert caught.value.reason == "no words"


def test_ingest_stores_the_good_articles_beside_deep_json(tmp_path, monkeypatch, capsys):
    import duckdb

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(NOTE, encoding="utf-8")
    (folder / "b-deep.json").write_text("{" + '"a":{' * DEEP + "}" * DEEP + "}", encoding="utf-8")
    (folder / "c.txt").write_text(NOTE.replace("Thursday", "Friday"), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    status, _out, err = run_cli(monkeypatch, capsys, "ingest", str(folder), "--db", str(db))
    assert status == 3, err
    assert "b-deep.json: not JSON (nested too deeply)" in err and "Traceback" not in err
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    finally:
        con.close()


# --- row 3: a cut-off WARC record is skipped, not coded as a whole article ---

def harbour_page(n: int) -> str:
    paragraphs = "".join(
        f"<p>Report {n}, part {i}: the harbour committee voted on the new quay after a long debate about "
        f"fees, dredging and the cost of the repairs to the old sea wall.</p>" for i in range(12))
    return f"<html><head><title>Harbour vote {n}</title></head><body><article>{paragraphs}</article></body></html>"


def warc_bytes(gz: bool, pages: int = 2) -> tuple[bytes, list[int]]:
    """A WARC of `pages` HTML responses, and the offset where each record starts."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    starts = []
    for n in range(pages):
        starts.append(buf.tell())
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://harbour.example.org/{n}", "response", payload=io.BytesIO(harbour_page(n).encode()),
            http_headers=headers))
    return buf.getvalue(), starts


def cut_in_body(data: bytes, start: int) -> bytes:
    return data[:start + (len(data) - start) * 2 // 3]


def cut_in_headers(data: bytes, start: int) -> bytes:
    return data[:start + 60]


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
@pytest.mark.parametrize("cut", [cut_in_body, cut_in_headers])
def test_cut_off_warc_record_is_skipped(tmp_path, gz, cut):
    data, starts = warc_bytes(gz)
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(cut(data, starts[-1]))
    first, last = read([path])
    assert isinstance(first, RawArticle) and "Report 0, part 11" in first.text
    assert isinstance(last, Skip) and "truncated" in last.reason, last


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_whole_warc_gives_every_record(tmp_path, gz):
    data, _starts = warc_bytes(gz)
    path = tmp_path / ("whole.warc.gz" if gz else "whole.warc")
    path.write_bytes(data)
    items = read([path])
    assert [isinstance(i, RawArticle) for i in items] == [True, True]
    assert "Report 1, part 11" in items[1].text


# --- row 6: a text longer than spaCy's limit is parsed in sections, offsets its own ---

def long_story(paragraphs: int) -> str:
    """Varied invented prose, one event-like sentence per paragraph."""
    cities = ["Lisbon", "Oslo", "Nairobi", "Lima", "Hanoi", "Quito", "Accra", "Riga"]
    verbs = ["met", "criticised", "thanked", "visited", "accused", "praised"]
    out = ["Ministers hold a long series of talks"]
    for n in range(paragraphs):
        city, other = cities[n % len(cities)], cities[(n * 3 + 1) % len(cities)]
        out.append(f"The foreign minister of Portugal {verbs[n % len(verbs)]} the president of Kenya in {city} "
                   f"on Tuesday, officials in {other} said in statement number {n}. The two sides agreed "
                   f"to meet again next month.")
    return "\n\n".join(out) + "\n"


@pytest.mark.parametrize("text", ["a" * 950, "word " * 400, "One line.\nTwo line.\n" * 90, long_story(30)])
def test_sections_join_back_into_the_text(text):
    from dragoman.pipeline import sections

    pieces = list(sections(text, 300))
    assert "".join(pieces) == text and all(0 < len(p) <= 300 for p in pieces)


def assert_offsets_are_the_texts(doc) -> None:
    for actor in doc.actors:
        for mention in actor.mentions:
            assert doc.text[mention.start:mention.end] == mention.text
    for event in doc.events:
        if event.evidence:
            assert doc.text[event.evidence.start:event.evidence.end] == event.evidence.text
    for quote in doc.quotes:
        assert 0 <= quote.start <= quote.end <= len(doc.text)


def test_text_over_the_parsers_limit_is_coded_in_sections(coder, monkeypatch):
    text = long_story(40)
    monkeypatch.setattr(coder.nlp, "max_length", 1500)  # so a short text stands in for a 1 MB one
    assert len(text) > 3 * coder.nlp.max_length
    doc = coder.code(RawArticle(text=text, origin="long.txt"))
    assert doc.text.startswith("The foreign minister") and doc.events and doc.actors
    assert_offsets_are_the_texts(doc)
    [batched] = [d for d in coder.code_many([RawArticle(text=text, origin="long.txt"),
                                             RawArticle(text=NOTE, origin="short.txt")])
                 if d.text.startswith("The foreign minister")]
    assert batched.to_dict() == doc.to_dict()


# --- rows 8, 11: a corrupt, locked or read-only store: one line naming it, exit 1, never a 500 ---

@pytest.fixture(scope="module")
def whole_store(tmp_path_factory) -> Path:
    from dragoman.serve.sample import build_sample_db

    return build_sample_db(tmp_path_factory.mktemp("store") / "whole.duckdb")


def cut_store(whole: Path, folder: Path, share: float) -> Path:
    """A copy of the store cut to `share` of its size, as a full disk or a killed copy leaves it."""
    path = folder / f"cut-{int(share * 100)}.duckdb"
    data = whole.read_bytes()
    path.write_bytes(data[:int(len(data) * share)])
    return path


STORE_COMMANDS = {
    "events": ["events"],
    "dyads": ["dyads", "--a", "ISR", "--b", "TUR"],
    "export": ["export", "--format", "jsonl", "--out", "-"],
}


def assert_one_store_line(status, err, db: Path, cause: str) -> None:
    lines = err.strip().splitlines()
    assert status == 1, err
    assert len(lines) == 1 and f"cannot use the store {db}: {cause}" in lines[0], err
    assert "internal error" not in err and "Traceback" not in err


@pytest.mark.parametrize("share, cause", [(0.02, "it is cut short"), (0.25, "it is cut short")])
@pytest.mark.parametrize("command", sorted(STORE_COMMANDS))
def test_cut_store_is_one_clear_line_from_reading_commands(whole_store, tmp_path, monkeypatch, capsys,
                                                            share, cause, command):
    db = cut_store(whole_store, tmp_path, share)
    status, _out, err = run_cli(monkeypatch, capsys, *STORE_COMMANDS[command], "--db", str(db))
    assert_one_store_line(status, err, db, cause)


def test_store_damaged_past_its_header_is_one_clear_line_from_export(whole_store, tmp_path, monkeypatch, capsys):
    db = cut_store(whole_store, tmp_path, 0.9)  # opens; the export meets the missing part
    status, _out, err = run_cli(monkeypatch, capsys, *STORE_COMMANDS["export"], "--db", str(db))
    assert_one_store_line(status, err, db, "it is cut short")


def test_cut_store_is_one_clear_line_from_ingest(whole_store, tmp_path, monkeypatch, capsys):
    db = cut_store(whole_store, tmp_path, 0.5)
    (tmp_path / "a.txt").write_text(NOTE, encoding="utf-8")
    status, _out, err = run_cli(monkeypatch, capsys, "ingest", str(tmp_path / "a.txt"), "--db", str(db))
    assert_one_store_line(status, err, db, "it is cut short")


@pytest.mark.parametrize("content, cause", [(b"not a database at all\n" * 50, "it is not a DuckDB database"),
                                            (None, "it is not a Dragoman store")])
def test_serve_on_a_bad_store_exits_1(tmp_path, monkeypatch, capsys, content, cause):
    import duckdb

    db = tmp_path / "bad.duckdb"
    if content is None:
        duckdb.connect(str(db)).close()  # a DuckDB file without Dragoman's tables
    else:
        db.write_bytes(content)
    status, _out, err = run_cli(monkeypatch, capsys, "serve", "--db", str(db), "--port", "1")
    assert_one_store_line(status, err, db, cause)


@pytest.fixture()
def locked_store(whole_store, tmp_path):
    """A copy of the store held open for writing by another process (as a running ingest holds it)."""
    import shutil
    import subprocess
    import sys

    db = tmp_path / "locked.duckdb"
    shutil.copy(whole_store, db)
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('held', flush=True); time.sleep(120)", str(db)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        yield db
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize("command", sorted(STORE_COMMANDS) + ["serve", "ingest"])
def test_locked_store_is_exit_1_from_every_command(locked_store, tmp_path, monkeypatch, capsys, command):
    (tmp_path / "a.txt").write_text(NOTE, encoding="utf-8")
    args = {"serve": ["serve", "--port", "1"], "ingest": ["ingest", str(tmp_path / "a.txt")]}.get(
        command, STORE_COMMANDS.get(command))
    status, _out, err = run_cli(monkeypatch, capsys, *args, "--db", str(locked_store))
    assert_one_store_line(status, err, locked_store, "it is locked by another process (PID ")


def test_store_that_cannot_be_written_is_one_clear_line(whole_store, tmp_path, monkeypatch, capsys):
    """Root may write any file, so the refusal of a read-only disk is played by DuckDB's own error."""
    import duckdb

    def refuse(path, *args, **kwargs):
        raise duckdb.IOException(f'IO Error: Cannot open file "{path}": Read-only file system')

    monkeypatch.setattr(duckdb, "connect", refuse)
    (tmp_path / "a.txt").write_text(NOTE, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    status, _out, err = run_cli(monkeypatch, capsys, "ingest", str(tmp_path / "a.txt"), "--db", str(db))
    assert_one_store_line(status, err, db, "it is on a read-only file system")


def test_explorer_answers_503_not_500_for_a_store_damaged_after_opening(whole_store, tmp_path):
    from dragoman.serve.app import create_app

    db = cut_store(whole_store, tmp_path, 0.9)  # opens; its quotes and removed lines are gone
    with fastapi_testclient.TestClient(create_app(db), raise_server_exceptions=False) as client:
        answers = {path: client.get(path) for path in
                   ["/", "/events", "/api/events", "/articles/sample-ankara-energy",
                    "/api/articles/sample-ankara-energy", "/actors/ISR", "/dyad?a=ISR&b=TUR", "/map"]}
    statuses = {path: r.status_code for path, r in answers.items()}
    assert set(statuses.values()) <= {200, 503}, statuses
    assert 503 in statuses.values(), statuses
    for path, r in answers.items():
        if r.status_code == 503:
            assert "cut short" in r.text and db.name in r.text


# --- row 13: a killed run's ingest_runs row agrees with what its log credits it with ---

def test_killed_run_row_agrees_with_its_log(tmp_path):
    from dragoman.serve.sample import sample_documents
    from dragoman.store.db import connect
    from dragoman.store.writer import start_run, write_batch

    con = connect(tmp_path / "s.duckdb")
    try:
        run_id = start_run(con, ["in/"], 1, None)
        docs = sample_documents()
        write_batch(con, [("a.jsonl:1", docs[0]), ("a.jsonl:2", docs[1]), ("b.txt", Skip("empty", "b.txt"))], run_id)
        write_batch(con, [("a.jsonl:3", docs[2]), ("a.jsonl:1", docs[0])], run_id)
        # killed here (kill -9): finish_run never runs; the next run marks this one interrupted
        start_run(con, ["in/"], 1, None)
        row = con.execute("SELECT status, stored, skipped, duplicates, events, quotes FROM ingest_runs WHERE id = ?",
                          [run_id]).fetchone()
        logged = con.execute("SELECT count(*) FILTER (outcome = 'stored'), count(*) FILTER (outcome = 'skipped') "
                             "FROM ingest_log WHERE run_id = ?", [run_id]).fetchone()
        assert row[0] == "interrupted"
        assert (row[1], row[2]) == logged == (3, 1)
        assert row[3] == 1 and row[4] == sum(len(d.events) for d in docs[:3])
        assert row[5] == sum(len(d.quotes) for d in docs[:3])
    finally:
        con.close()


# --- row 7: a JSONL line is size-checked before it is held whole ---

@pytest.mark.parametrize("name", ["huge.jsonl.gz", "huge.jsonl"])
def test_huge_jsonl_line_is_skipped_without_being_held(tmp_path, name):
    import gzip
    import tracemalloc

    path = tmp_path / name
    huge = b'{"text": "' + b"padding " * 5_000_000 + b'"}\n'  # 40 MB on one line
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "wb") as fh:
        fh.write(huge)
        fh.write(json_line(NOTE).encode() + b"\n")
    del huge
    tracemalloc.start()
    try:
        items = read([path], max_bytes=1_000_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert names_and_reasons(items) == [(name, "line 1: too large"), (name, "article")]
    assert peak < 8_000_000, f"peak {peak / 1e6:.1f} MB for a 1 MB limit"


# --- the bad-input folder: every good article coded, every bad one skipped with a true reason ---

def test_bad_input_folder(tmp_path):
    """`dragoman code` over tests/bad_inputs.py's folder (and a missing path): exit 3, no
    traceback, peak memory under 1 GB."""
    import json
    import resource
    import subprocess
    import sys

    from bad_inputs import write_bad_inputs

    folder = tmp_path / "bad"
    expected = write_bad_inputs(folder)
    dragoman = Path(sys.executable).with_name("dragoman")
    run = subprocess.run([str(dragoman), "code", str(folder), str(tmp_path / "missing.txt")],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 3, run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 1024 * 1024  # KB: under 1 GB

    reasons: dict[str, list[str]] = {}  # file name: its skip reasons, in order
    for line in run.stderr.splitlines():
        if line.startswith("dragoman: skipped "):
            where, reason = line.removeprefix("dragoman: skipped ").split(": ", 1)
            reasons.setdefault(Path(where.split(":")[0]).name, []).append(reason)
        else:
            assert line.startswith("dragoman: warning: ") and "05-stray-byte.txt" in line, line
    assert "dragoman: warning: " in run.stderr  # the stray byte, replaced
    assert reasons.pop("missing.txt") == ["no such file"]
    for name, outcomes in expected.items():
        wanted = [o for o in outcomes if o != "article"]
        got = reasons.pop(name, [])
        assert len(got) == len(wanted) and all(r.startswith(w) for r, w in zip(got, wanted)), (name, got)
    assert not reasons
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(records) == sum(outcomes.count("article") for outcomes in expected.values())
    assert records[0]["text"].startswith("Farmers who had blocked") and "five days" in records[-1]["text"]


# --- fuzz: cut archives and random texts never crash; every span lies inside the text ---

#: Examples per property; DRAGOMAN_PROPERTY_EXAMPLES=10000 for a benchmark run.
FUZZ_EXAMPLES = int(os.environ.get("DRAGOMAN_PROPERTY_EXAMPLES", "300"))
FUZZ = settings(max_examples=FUZZ_EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@FUZZ
@given(gz=st.booleans(), share=st.floats(0.0, 1.0))
def test_warc_cut_anywhere_is_never_coded_whole(tmp_path_factory, gz, share):
    """Cut anywhere, a WARC gives only articles whose every byte is in the file, each the same
    as from the whole archive."""
    data, starts = warc_bytes(gz, pages=3)
    folder = tmp_path_factory.mktemp("cut")
    whole_path = folder / ("w.warc.gz" if gz else "w.warc")
    whole_path.write_bytes(data)
    whole = {a.url: a.text for a in read([whole_path])}
    cut = int(len(data) * share)
    path = folder / ("c.warc.gz" if gz else "c.warc")
    path.write_bytes(data[:cut])
    for item in read([path]):
        if isinstance(item, RawArticle):
            assert item.text == whole[item.url]
            if not gz:  # the page's last byte is in the file
                n = int(item.url.rsplit("/", 1)[1])
                assert data.index(b"</html>", starts[n]) + len(b"</html>") <= cut


SPEECH = ["The prime minister met the president of Chile in Santiago on Monday.",
          "\u201cWe will not give up,\u201d the spokesman said.", "Police arrested 12 protesters.",
          "Read more: talks resume", "", "Photo: Lee Min/Wire", "(END)"]


@settings(max_examples=max(20, FUZZ_EXAMPLES // 5), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(SPEECH), st.text(max_size=60)), min_size=1, max_size=12))
def test_code_random_text_spans_inside(coder, lines):
    text = "\n".join(lines)
    try:
        doc = coder.code(RawArticle(text=text, origin="fuzz"))
    except Skip:
        return
    assert_offsets_are_the_texts(doc)
    n = len(doc.text)
    for event in doc.events:
        if event.evidence:
            assert 0 <= event.evidence.start <= event.evidence.end <= n
