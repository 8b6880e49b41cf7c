"""A folder of bad inputs (issue 13), with good articles first and last.

    python tests/bad_inputs.py DIR     # writes the folder and prints what each entry should give

Every text here is invented for this file. ``write_bad_inputs(folder)`` returns,
per file name, the outcomes of its articles in order: ``"article"`` (coded: it
is readable after all) or the start of the skip reason ``dragoman code`` must
give for it.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

GOOD = ("Farmers end road blockade after talks with ministry\n\n"
        "Farmers who had blocked the main road into the capital for four days lifted their blockade "
        "on Sunday after talks with the agriculture ministry, a farmers' union said.\n\n"
        "The ministry agreed to delay a new tax on diesel until the end of the harvest, the union added.\n")

GERMAN = ("Der Stadtrat hat am Montag den neuen Haushalt beschlossen, nachdem die Debatte bis in die "
          "Nacht gedauert hatte. Die Opposition kritisierte die hohen Ausgaben für den Straßenbau und "
          "forderte mehr Geld für die Schulen der Stadt.\n")

PAGE = ("<html><head><title>Bridge reopens</title></head><body><article>"
        "<p>The old river bridge reopened to traffic on Friday after two years of repairs, the city said, "
        "and the first buses crossed it in the early morning.</p>"
        "<p>Engineers replaced the steel supports and the road surface, and added a lane for bicycles "
        "on the northern side of the bridge.</p></article></body></html>")

DEEP = 100_000


def _warc(pages: list[str]) -> tuple[bytes, int]:
    """An uncompressed WARC of HTML responses, and where its last record starts."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    last = 0
    for n, page in enumerate(pages):
        last = buf.tell()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://bridge.example.org/{n}", "response",
                                                      payload=io.BytesIO(page.encode()), http_headers=headers))
    return buf.getvalue(), last


def write_bad_inputs(folder: Path) -> dict[str, list[str]]:
    """Write the folder; what each entry must give (see the module docstring)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, list[str]] = {}

    def put(name: str, data: bytes, *outcomes: str) -> None:
        (folder / name).write_bytes(data)
        expected[name] = list(outcomes)

    put("00-good.txt", GOOD.encode(), "article")
    put("01-empty.txt", b"", "empty")
    put("02-blank.txt", b"  \n\t \r\n", "empty")
    put("03-binary.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not text")
    put("04-legacy.txt", GOOD.replace("farmers' union", "farmers\u2019 union").encode("cp1252"), "article")
    stray = GOOD.replace("farmers' union", "farmers\u2019 union").encode()
    put("05-stray-byte.txt", stray[:40] + b"\xff" + stray[40:], "article")
    put("06-utf16-no-bom.txt", GOOD.encode("utf-16-le"), "article")
    put("07-german.txt", GERMAN.encode(), "language de is not supported")
    put("08-punctuation.txt", b"!!! ??? ... ;;; !!! ,,, *** ?!\n", "no words")
    put("09-one-long-line.txt", b"z" * 20_000 + b"\n", "no words")
    put("10-deep.json", b"[" * DEEP + b"]" * DEEP, "not JSON (nested too deeply)")
    put("11-not-article.json", b"[1, 2]", "item 1: not an article object", "item 2: not an article object")
    put("12-lines.jsonl", b"{oops\n" + json.dumps({"text": GOOD.replace("Sunday", "Monday")}).encode() + b"\n",
        "line 1: not JSON", "article")
    put("13-no-text.json", json.dumps({"title": "Only a title"}).encode(), "no text or html")
    put("14-page.html", PAGE.encode(), "article")
    put("15-no-article.html", b"<html><body><div></div><img src='a.png'></body></html>", "no article text")
    put("16-bad.txt.gz", b"\x1f\x8b\x08\x00 this is not really gzip", "not a readable gzip file")
    put("17-not-a.warc", b"hello, this is not an archive\n", "not a readable WARC archive")
    warc, last = _warc([PAGE, PAGE.replace("Friday", "Saturday")])
    put("18-cut.warc", warc[:last + (len(warc) - last) * 2 // 3], "article", "truncated record")
    put("19-big.txt", b"word " * (1_100_000), "too large")  # 5.5 MB: over the default --max-bytes
    (folder / "20-loop.txt").symlink_to("20-loop.txt")
    expected["20-loop.txt"] = ["cannot read (symbolic link loop)"]
    put("21-deep-line.jsonl", b'{"text": ' + b"[" * DEEP + b"]" * DEEP + b"}\n", "line 1: not JSON (nested too deeply)")
    with gzip.open(folder / "22-huge-line.jsonl.gz", "wb") as fh:
        fh.write(b'{"text": "' + b"padding " * 1_000_000 + b'"}\n')  # 8 MB on one line
    expected["22-huge-line.jsonl.gz"] = ["line 1: too large"]
    put("zz-good.txt", GOOD.replace("Sunday", "Saturday").replace("four days", "five days").encode(), "article")
    return expected


if __name__ == "__main__":
    for name, outcomes in write_bad_inputs(Path(sys.argv[1])).items():
        print(name, *outcomes, sep="\t")
