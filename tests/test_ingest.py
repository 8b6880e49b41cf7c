"""Readers (SPEC §1): every input kind and every bad-input row."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from dragoman.errors import Skip
from dragoman.ingest import ReadOptions, read_paths
from dragoman.ingest.dates import normalise_date
from dragoman.ingest.decode import decode_bytes, looks_binary
from dragoman.ingest.html import extract
from dragoman.model import RawArticle

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

ARTICLE = (
    "Ministers agree to reopen border crossing\n\n"
    "The foreign ministers of two neighbouring states agreed on Tuesday to reopen a border crossing "
    "that had been closed for three years, officials said.\n\n"
    "The crossing will open to trucks first and to private cars from next month, the ministers said "
    "after talks in the capital.\n"
)

PAGE = """<html><head><title>Talks resume in Geneva | Lakeside Post</title>
<meta property="og:site_name" content="Lakeside Post">
<meta property="article:published_time" content="2024-02-05T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Talks resume in Geneva</h1>
<p>Negotiators from the two delegations returned to the table in Geneva on Monday after a pause of six weeks,
the mediators said in a short statement released in the morning.</p>
<p>The talks are expected to focus on the exchange of prisoners and on a timetable for the withdrawal of
heavy weapons from the front line, according to two diplomats briefed on the agenda.</p>
<p>Neither side commented on the resumption, but a spokesman for the mediators said both delegations had
arrived with full authority to sign an agreement if one could be reached this week.</p></article>
<footer>Contact us</footer></body></html>"""


def read(paths, **options) -> list:
    return list(read_paths([str(p) for p in paths], ReadOptions(**options)))


def only_article(items) -> RawArticle:
    assert len(items) == 1 and isinstance(items[0], RawArticle), items
    return items[0]


def only_skip(items) -> Skip:
    assert len(items) == 1 and isinstance(items[0], Skip), items
    return items[0]


# --- plain text -------------------------------------------------------------

def test_txt_with_options(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    raw = only_article(read([path], published="2024-03-14", source="Desk"))
    assert raw.text == ARTICLE
    assert (raw.published, raw.source, raw.origin) == ("2024-03-14", "Desk", str(path))


def test_unknown_extension_named_is_read_as_text(tmp_path):
    path = tmp_path / "article.story"
    path.write_text(ARTICLE, encoding="utf-8")
    assert only_article(read([path])).text == ARTICLE


def test_gzipped_text(tmp_path):
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress(ARTICLE.encode()))
    assert only_article(read([path])).text == ARTICLE


def test_stdin_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    raw = only_article(read(["-"], published="2024-01-02"))
    assert raw.text == ARTICLE and raw.origin == "-" and raw.published == "2024-01-02"


def test_stdin_jsonl(monkeypatch):
    lines = json.dumps({"id": "s1", "text": "One."}) + "\nnot json\n" + json.dumps({"id": "s2", "text": "Two."}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode())))
    items = read(["-"], stdin_jsonl=True)
    assert [type(i).__name__ for i in items] == ["RawArticle", "Skip", "RawArticle"]
    assert items[1].origin == "-:2" and items[1].reason == "line 2: not JSON"


# --- HTML ---------------------------------------------------------------------

def test_html_extract_function():
    text, title, published, site = extract(PAGE)
    assert "Negotiators from the two delegations" in text and "\n\n" in text
    assert "Contact us" not in text and "Home" not in text
    assert title == "Talks resume in Geneva"
    assert published == "2024-02-05"
    assert site == "Lakeside Post"


def test_html_file_metadata_wins_over_options(tmp_path):
    path = tmp_path / "page.htm"
    path.write_text(PAGE, encoding="utf-8")
    raw = only_article(read([path], published="2020-01-01", source="Fallback"))
    assert raw.published == "2024-02-05" and raw.source == "Lakeside Post"
    assert raw.title == "Talks resume in Geneva" and "Geneva on Monday" in raw.text


def test_malformed_html_is_parsed_leniently(tmp_path):
    broken = PAGE.replace("</p>", "").replace("</article>", "").replace("</body></html>", "<div><span>")
    path = tmp_path / "broken.html"
    path.write_text(broken, encoding="utf-8")
    assert "Negotiators" in only_article(read([path])).text


def test_html_without_main_text(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title><script>var a = 1;</script></head>"
                    "<body><img src='a.png'><div></div></body></html>", encoding="utf-8")
    assert only_skip(read([path])).reason == "no article text"


def test_example_html_page():
    raw = only_article(read([EXAMPLES / "border-clash.html"]))
    assert raw.source == "Highland Courier" and raw.published == "2024-05-02"


# --- JSON and JSONL -------------------------------------------------------------

def jsonl_lines():
    return [
        json.dumps({"id": "j1", "text": "First article text.", "published": "2024-04-22T10:00:00Z", "source": "Wire"}),
        "{not json",
        json.dumps({"id": "j3", "title": "No body"}),
        "",
        json.dumps({"id": "j5", "html": PAGE}),
        json.dumps(["a", "list"]),
    ]


def check_jsonl(items, path):
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["RawArticle", "Skip", "Skip", "RawArticle", "Skip"]
    first, bad_json, no_text, html_item, not_object = items
    assert (first.id, first.published, first.source, first.origin) == ("j1", "2024-04-22", "Wire", f"{path}:1")
    assert (bad_json.origin, bad_json.reason) == (f"{path}:2", "line 2: not JSON")
    assert no_text.reason == "line 3: no text or html"
    assert html_item.title == "Talks resume in Geneva" and "Negotiators" in html_item.text
    assert html_item.published == "2024-02-05" and html_item.origin == f"{path}:5"
    assert not_object.reason.startswith("line 6: ")


def test_jsonl(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(jsonl_lines()) + "\n", encoding="utf-8")
    check_jsonl(read([path], published="2000-01-01"), path)


def test_jsonl_gz(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(jsonl_lines()) + "\n").encode()))
    check_jsonl(read([path]), path)


def test_jsonl_options_fill_missing_fields(tmp_path):
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps({"text": "Body."}) + "\n", encoding="utf-8")
    raw = only_article(read([path], published="2024-03-14", source="Desk"))
    assert (raw.published, raw.source, raw.id) == ("2024-03-14", "Desk", None)


def test_json_article_and_gold_file(tmp_path):
    article = tmp_path / "one.json"
    article.write_text(json.dumps({"id": "x1", "text": ARTICLE, "url": "https://example.org/x1"}), encoding="utf-8")
    raw = only_article(read([article]))
    assert (raw.id, raw.url, raw.text) == ("x1", "https://example.org/x1", ARTICLE)
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"id": "g1", "text": ARTICLE, "meta": {"published": "2022-10-27", "source": "Gazette"},
                                "gold": {"body": "ignored"}}), encoding="utf-8")
    raw = only_article(read([gold], published="2001-01-01"))
    assert (raw.published, raw.source) == ("2022-10-27", "Gazette")


def test_example_wire_jsonl():
    items = read([EXAMPLES / "wire.jsonl"])
    assert len(items) >= 2 and all(isinstance(i, RawArticle) for i in items)


# --- WARC -----------------------------------------------------------------------

def write_warc(path: Path, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        html_headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://example.org/geneva", "response", payload=io.BytesIO(PAGE.encode()), http_headers=html_headers))
        image_headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://example.org/logo.png", "response", payload=io.BytesIO(b"\x89PNG\r\n"), http_headers=image_headers))
        writer.write_record(writer.create_warc_record(
            "https://example.org/geneva", "request", payload=io.BytesIO(b"GET /geneva HTTP/1.1\r\n\r\n")))


@pytest.mark.parametrize("name,gz", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc(tmp_path, name, gz):
    path = tmp_path / name
    write_warc(path, gz)
    raw = only_article(read([path]))
    assert raw.url == "https://example.org/geneva"
    assert raw.id and raw.id.startswith("<urn:uuid:")
    assert raw.title == "Talks resume in Geneva" and "Negotiators" in raw.text


def test_not_a_warc(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_text("hello, this is not an archive", encoding="utf-8")
    assert only_skip(read([path])).reason.startswith("not a readable WARC")


# --- bad inputs (SPEC §1 table) -------------------------------------------------------

def test_missing_path(tmp_path):
    skip = only_skip(read([tmp_path / "nope.txt"]))
    assert skip.reason == "no such file" and skip.line().endswith("nope.txt: no such file")


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_and_whitespace_only(tmp_path, content):
    path = tmp_path / "e.txt"
    path.write_bytes(content)
    assert only_skip(read([path])).reason == "empty"


@pytest.mark.parametrize("content", [bytes(range(256)) * 8, b"\x89PNG\r\n\x1a\n" + bytes(200), b"PK\x03\x04" + bytes(range(1, 40)) * 3])
def test_binary_is_not_text(tmp_path, content):
    path = tmp_path / "b.txt"
    path.write_bytes(content)
    assert only_skip(read([path])).reason == "not text"


LEGACY = ("The minister’s visit to Zürich was described as “constructive” by officials, who said the café "
          "meeting with the délégation had lasted three hours. Both sides agreed to meet again in the spring "
          "and to exchange proposals before the summer.\n")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encodings_are_decoded(tmp_path, encoding):
    text = LEGACY if encoding == "cp1252" else LEGACY.replace("’", "'").replace("“", '"').replace("”", '"')
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    raw = only_article(read([path]))
    assert "Zürich" in raw.text and "café" in raw.text and "délégation" in raw.text


def test_too_large(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE * 20, encoding="utf-8")
    assert only_skip(read([path], max_bytes=100)).reason == "too large"
    assert only_article(read([path], max_bytes=10_000))


def test_jsonl_line_too_large(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "x " * 200}) + "\n", encoding="utf-8")
    # the file itself is checked per line: one line over the limit is one skip
    skip = only_skip(read([path], max_bytes=100))
    assert skip.reason == "line 1: too large"


def test_folder_of_bad_inputs_still_yields_the_good_article(tmp_path):
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "a-empty.txt").write_bytes(b"")
    (folder / "b-blank.txt").write_bytes(b"  \n ")
    (folder / "c-binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "d-legacy.txt").write_bytes(LEGACY.encode("cp1252"))
    (folder / "e-broken.html").write_text(PAGE.replace("</p>", "").replace("</body>", ""), encoding="utf-8")
    (folder / "f-lines.jsonl").write_text("{oops\n", encoding="utf-8")
    (folder / "g-big.txt").write_text("word " * 500, encoding="utf-8")
    (folder / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")   # other kind: ignored
    (folder / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")     # hidden: ignored
    (folder / "sub" / "good.txt").write_text(ARTICLE, encoding="utf-8")
    items = read([folder], max_bytes=2000)
    origins = [Path(i.origin.split(":")[0]).name for i in items]
    assert origins == ["a-empty.txt", "b-blank.txt", "c-binary.txt", "d-legacy.txt", "e-broken.html",
                       "f-lines.jsonl", "g-big.txt", "good.txt"]
    reasons = {Path(i.origin.split(":")[0]).name: i.reason for i in items if isinstance(i, Skip)}
    assert reasons == {"a-empty.txt": "empty", "b-blank.txt": "empty", "c-binary.txt": "not text",
                       "f-lines.jsonl": "line 1: not JSON", "g-big.txt": "too large"}
    assert items[-1].text == ARTICLE


# --- helpers -----------------------------------------------------------------------

@pytest.mark.parametrize("value,expected", [
    ("2024-03-14", "2024-03-14"), ("2024-3-4", "2024-03-04"), ("2024-03-14T23:10:00+02:00", "2024-03-14"),
    ("Thu, 14 Mar 2024 10:00:00 GMT", "2024-03-14"), ("20240314", "2024-03-14"), ("14 March 2024", "2024-03-14"),
    ("", None), (None, None), ("not a date", None), ("2024-02-30", None),
])
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected


def test_decode_bytes():
    assert decode_bytes("ünïcode".encode("utf-8")) == "ünïcode"
    assert decode_bytes("\ufeffwith bom".encode("utf-8")) == "with bom"
    assert decode_bytes("wide".encode("utf-16")) == "wide"
    assert looks_binary(b"abc\x00def") and not looks_binary(b"plain\ttext\r\n")
    with pytest.raises(Skip) as caught:
        decode_bytes(b"\x00\x01\x02\x03", "x")
    assert caught.value.reason == "not text"


def test_given_text_wins_over_html(tmp_path):
    path = tmp_path / "both.jsonl"
    path.write_text(json.dumps({"text": ARTICLE, "html": PAGE}) + "\n", encoding="utf-8")
    raw = only_article(read([path]))
    assert raw.text == ARTICLE and raw.html is None


def test_folder_with_a_link_loop(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    items = read([folder])
    assert [Path(i.origin).name for i in items] == ["a.txt"]
