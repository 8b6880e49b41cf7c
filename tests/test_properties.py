"""Property tests: random texts, bytes and HTML never crash the readers or the
cleaner, and no word of a plain-text input is lost."""

from __future__ import annotations

import gzip
import os
import re
import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dragoman.clean import clean
from dragoman.errors import Skip
from dragoman.ingest import ReadOptions, read_paths
from dragoman.ingest.html import extract
from dragoman.model import Document, RawArticle

#: Examples per property; DRAGOMAN_PROPERTY_EXAMPLES=5000 for a thorough run.
EXAMPLES = int(os.environ.get("DRAGOMAN_PROPERTY_EXAMPLES", "300"))
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=max(20, EXAMPLES // 5), deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Lines like the debris the cleaner handles, to reach its rules often.
DEBRIS = [
    "Read more: Ministers meet again", "Advertisement", "(END)", "© News Desk. All rights reserved.",
    "Share this:", "Sign up for our newsletter", "Follow us on Telegram", "Partager sur Facebook",
    "As reported by News Desk", "This article originally appeared in the Daily Post",
    "שר החוץ בירושלים", "외교부 장관 회담", "وزير الخارجية", "外交部长会谈", "Le ministre devant la presse",
    "The minister at the summit (Photo: Ana Ruiz, AP)", "Photo: AFP", "Troops at the border. (Reuters)",
    "Crowds in the square REUTERS/Omar Haddad", "Credit: Lee Min/Getty Images",
    "The minister said the talks would continue", "on Friday in the capital.",
    "Ministers meet to discuss trade", "“We will not give up,” she said.", "",
]

line = st.one_of(st.sampled_from(DEBRIS), st.text(max_size=80))
article_text = st.lists(line, max_size=25).map("\n".join)


def words(text) -> Counter:
    return Counter(re.findall(r"\w+", (text or "").lower()))


def accounted_words(doc: Document) -> Counter:
    """Words of the body, the title and the removed lines (media repeat removed lines)."""
    found = words(doc.text) + words(doc.title)
    for item in doc.removed:
        found += words(item.text)
    return found


@FAST
@given(article_text)
def test_clean_keeps_every_word(text):
    try:
        doc = clean(RawArticle(text=text))
    except Skip:
        return
    assert doc.text.strip() and doc.id
    missing = words(text) - accounted_words(doc)
    assert not missing, missing
    for media in doc.media:
        assert media.caption is not None or media.credit is not None


@FAST
@given(st.text(max_size=400))
def test_clean_random_unicode(text):
    try:
        doc = clean(RawArticle(text=text))
    except Skip:
        return
    assert not (words(text) - accounted_words(doc))


TAGS = ["p", "div", "article", "span", "h1", "h2", "script", "style", "nav", "footer", "a", "br", "figure",
        "figcaption", "table", "td", "li", "ul", "main", "header", "title", "meta"]
fragment = st.lists(
    st.one_of(st.sampled_from(TAGS).map(lambda t: f"<{t}>"), st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
              st.sampled_from(DEBRIS), st.text(max_size=60), st.just("<!-- c -->"), st.just("<p class='x'")),
    max_size=40).map("".join)


@SLOW
@given(fragment)
def test_html_fragments_never_crash(html):
    text, title, published, site = extract(html)
    assert isinstance(text, str)
    try:
        doc = clean(RawArticle(html=html))
    except Skip:
        return
    assert doc.text.strip()


SUFFIXES = [".txt", ".html", ".json", ".jsonl", ".jsonl.gz", ".warc", ".warc.gz", ".story", ".txt.gz"]


@SLOW
@given(st.binary(max_size=600), st.sampled_from(SUFFIXES), st.booleans())
def test_random_bytes_in_any_file_kind(data, suffix, compress):
    if compress and suffix.endswith(".gz"):
        data = gzip.compress(data)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        for item in read_paths([str(path), folder], ReadOptions(max_bytes=4000)):
            assert isinstance(item, (RawArticle, Skip))
            if isinstance(item, RawArticle):
                try:
                    clean(item)
                except Skip:
                    pass


@SLOW
@given(st.lists(st.one_of(st.text(max_size=80), st.sampled_from(['{"text": "A line."}', '{"html": "<p>x</p>"}',
                                                                   '{"text": 3}', "[]", "{", '{"text": ""}'])),
                max_size=10))
def test_random_jsonl_lines(lines):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lines.jsonl"
        path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
        for item in read_paths([str(path)]):
            assert isinstance(item, (RawArticle, Skip))
            if isinstance(item, Skip):
                assert item.reason == "empty" or item.reason.startswith("line ") or item.reason in ("not text", "undecodable")
