"""A small hand-written database, for the explorer's tests and for trying it out.

Three short invented articles (written for this file, not taken from any
corpus), coded by hand and written straight into the store's tables, so the
web explorer can be tested without running the coder.  Offsets are computed
from the text, never typed in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Union

ARTICLES = [
    {
        "id": "sample-ankara-energy",
        "source": "Sample Wire", "title": "Turkish and Israeli ministers hold energy talks in Ankara",
        "published": "2023-03-07",
        "text": ("Turkish and Israeli ministers hold energy talks in Ankara\n\n"
                 "Turkish Foreign Minister Mevlut Cavusoglu met Israeli Foreign Minister Eli Cohen in Ankara "
                 "on Tuesday to discuss a gas pipeline across the eastern Mediterranean. "
                 "\"We have opened a new page with our neighbours,\" Cavusoglu told reporters after the meeting. "
                 "Cohen said Israel would send a trade delegation to Istanbul next month. "
                 "The two governments agreed to restore their ambassadors before the summer."),
        "media": [{"caption": "The two ministers shake hands in Ankara", "credit": "Sample Photo Desk",
                   "language": "en"}],
        "removed": [{"text": "The two ministers shake hands in Ankara", "reason": "caption"},
                    {"text": "Sign up for our daily briefing", "reason": "boilerplate"}],
        "actors": [
            {"id": "a1", "name": "Mevlut Cavusoglu", "kind": "person", "country": "TUR", "sector": "GOV",
             "role": "Foreign Minister", "code": "TURGOV", "mentions": ["Mevlut Cavusoglu", "Cavusoglu"]},
            {"id": "a2", "name": "Eli Cohen", "kind": "person", "country": "ISR", "sector": "GOV",
             "role": "Foreign Minister", "code": "ISRGOV", "mentions": ["Eli Cohen", "Cohen"]},
            {"id": "a3", "name": "Israel", "kind": "country", "country": "ISR", "code": "ISR",
             "mentions": ["Israel"]},
        ],
        "events": [
            {"id": "e1", "type": "CONSULT", "mode": "visit", "cameo": "040", "quad_class": 1, "goldstein": 1.0,
             "plover_score": 4.0, "actors": ["a1"], "recipients": ["a2"], "status": "asserted",
             "date": "2023-03-07", "date_text": "Tuesday", "date_precision": "day",
             "location": ("Ankara", "TUR", 39.92, 32.85),
             "evidence": "Turkish Foreign Minister Mevlut Cavusoglu met Israeli Foreign Minister Eli Cohen in Ankara "
                         "on Tuesday to discuss a gas pipeline across the eastern Mediterranean."},
            {"id": "e2", "type": "AGREE", "cameo": "036", "quad_class": 1, "goldstein": 4.0, "plover_score": 2.5,
             "actors": ["a2"], "recipients": ["a1"], "status": "future", "date": "2023-04",
             "date_text": "next month", "date_precision": "month", "location": ("Istanbul", "TUR", 41.01, 28.98),
             "evidence": "Cohen said Israel would send a trade delegation to Istanbul next month.",
             "reported_by": "a2"},
            {"id": "e3", "type": "AGREE", "cameo": "030", "quad_class": 1, "goldstein": 4.0, "plover_score": 2.5,
             "actors": ["a1", "a2"], "recipients": [], "status": "future", "date": None,
             "date_precision": "unknown", "location": None,
             "evidence": "The two governments agreed to restore their ambassadors before the summer."},
        ],
        "quotes": [
            {"id": "q1", "text": "We have opened a new page with our neighbours", "kind": "direct",
             "speaker": "a1", "speaker_text": "Cavusoglu", "cue": "told"},
        ],
    },
    {
        "id": "sample-drone-dispute",
        "source": "Sample Herald", "title": "Ankara accuses Israel over drone flights",
        "published": "2023-06-14",
        "text": ("Ankara accuses Israel over drone flights\n\n"
                 "Turkey accused Israel on Wednesday of flying surveillance drones near its southern border. "
                 "The Israeli military denied the claim and rejected a Turkish demand for an inquiry. "
                 "Turkish officials said they would recall their envoy if the flights continued."),
        "media": [], "removed": [{"text": "Share this story", "reason": "boilerplate"}],
        "actors": [
            {"id": "a1", "name": "Turkey", "kind": "country", "country": "TUR", "code": "TUR",
             "mentions": ["Turkey", "Turkish"]},
            {"id": "a2", "name": "Israel", "kind": "country", "country": "ISR", "code": "ISR",
             "mentions": ["Israel"]},
            {"id": "a3", "name": "Israeli military", "kind": "organization", "country": "ISR", "sector": "MIL",
             "code": "ISRMIL", "mentions": ["The Israeli military"]},
        ],
        "events": [
            {"id": "e1", "type": "ACCUSE", "cameo": "112", "quad_class": 3, "goldstein": -2.0, "plover_score": -3.0,
             "actors": ["a1"], "recipients": ["a2"], "status": "asserted", "date": "2023-06-14",
             "date_text": "Wednesday", "date_precision": "day", "location": None,
             "evidence": "Turkey accused Israel on Wednesday of flying surveillance drones near its southern border."},
            {"id": "e2", "type": "REJECT", "cameo": "128", "quad_class": 3, "goldstein": -4.0, "plover_score": -2.0,
             "actors": ["a3"], "recipients": ["a1"], "status": "asserted", "date": "2023-06-14",
             "date_precision": "day", "location": None,
             "evidence": "The Israeli military denied the claim and rejected a Turkish demand for an inquiry."},
            {"id": "e3", "type": "SANCTION", "cameo": "161", "quad_class": 4, "goldstein": -4.0,
             "plover_score": -6.0, "actors": ["a1"], "recipients": ["a2"], "status": "hypothetical",
             "date": None, "date_precision": "unknown", "location": None,
             "evidence": "Turkish officials said they would recall their envoy if the flights continued."},
        ],
        "quotes": [],
    },
    {
        "id": "sample-washington-beijing",
        "source": "Sample Wire", "title": "US and Chinese envoys meet in Beijing",
        "published": "2023-06-19",
        "text": ("US and Chinese envoys meet in Beijing\n\n"
                 "The US secretary of state Antony Blinken held talks with Chinese leader Xi Jinping in Beijing "
                 "on Monday. Blinken urged the Chinese government to reopen military hotlines, a State Department spokesman said. "
                 "Xi said the two sides had made progress and agreed on some specific issues."),
        "media": [], "removed": [],
        "actors": [
            {"id": "a1", "name": "Antony Blinken", "kind": "person", "country": "USA", "sector": "GOV",
             "role": "Secretary of State", "code": "USAGOV", "mentions": ["Antony Blinken", "Blinken"]},
            {"id": "a2", "name": "Xi Jinping", "kind": "person", "country": "CHN", "sector": "GOV",
             "role": "President", "code": "CHNGOV", "mentions": ["Xi Jinping", "Xi"]},
            {"id": "a3", "name": "China", "kind": "country", "country": "CHN", "code": "CHN",
             "mentions": ["the Chinese government"]},
            {"id": "a4", "name": "State Department spokesman", "kind": "anonymous", "country": "USA",
             "sector": "GOV", "code": "USAGOV", "mentions": ["a State Department spokesman"]},
        ],
        "events": [
            {"id": "e1", "type": "CONSULT", "mode": "visit", "cameo": "042", "quad_class": 1, "goldstein": 1.9,
             "plover_score": 4.0, "actors": ["a1"], "recipients": ["a2"], "status": "asserted",
             "date": "2023-06-19", "date_text": "Monday", "date_precision": "day",
             "location": ("Beijing", "CHN", 39.91, 116.40),
             "evidence": "The US secretary of state Antony Blinken held talks with Chinese leader Xi Jinping in "
                         "Beijing on Monday."},
            {"id": "e2", "type": "REQUEST", "cameo": "020", "quad_class": 1, "goldstein": 3.0, "plover_score": 0.0,
             "actors": ["a1"], "recipients": ["a3"], "status": "asserted", "date": "2023-06-19",
             "date_precision": "day", "location": None, "reported_by": "a4",
             "evidence": "Blinken urged the Chinese government to reopen military hotlines, a State Department spokesman said."},
        ],
        "quotes": [
            {"id": "q1", "text": "Blinken urged the Chinese government to reopen military hotlines", "kind": "indirect",
             "speaker": "a4", "speaker_text": "a State Department spokesman", "cue": "said"},
            {"id": "q2", "text": "the two sides had made progress and agreed on some specific issues",
             "kind": "indirect", "speaker": "a2", "speaker_text": "Xi", "cue": "said"},
        ],
    },
]


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.find(needle, after)
    if start < 0:
        raise ValueError(f"{needle!r} is not in the sample text")
    return start, start + len(needle)


def _day(event: dict, published: str):
    """The store's query day: the event's date when it is a full day, else the published day."""
    date = event.get("date")
    return date if date and len(date) == 10 else published


def write_sample(con) -> None:
    """Insert the sample articles into an open, writable store connection."""
    for art in ARTICLES:
        text = art["text"]
        con.execute("INSERT INTO articles (id, source, url, title, published, language, text, origin) "
                    "VALUES (?, ?, NULL, ?, ?, 'en', ?, 'sample')",
                    [art["id"], art["source"], art["title"], art["published"], text])
        for seq, m in enumerate(art["media"]):
            con.execute("INSERT INTO media (article_id, seq, caption, credit, language) VALUES (?, ?, ?, ?, ?)",
                        [art["id"], seq, m["caption"], m["credit"], m["language"]])
        for seq, r in enumerate(art["removed"]):
            con.execute("INSERT INTO removed (article_id, seq, text, reason) VALUES (?, ?, ?, ?)",
                        [art["id"], seq, r["text"], r["reason"]])
        for a in art["actors"]:
            con.execute("INSERT INTO actors (article_id, id, name, kind, country, sector, role, code) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [art["id"], a["id"], a["name"], a["kind"], a.get("country"), a.get("sector"),
                         a.get("role"), a.get("code")])
            pos = 0
            for seq, mention in enumerate(a["mentions"]):
                start, end = _span(text, mention, pos)
                pos = end
                con.execute("INSERT INTO mentions (article_id, actor_id, seq, start_char, end_char, text) "
                            "VALUES (?, ?, ?, ?, ?, ?)", [art["id"], a["id"], seq, start, end, mention])
        for e in art["events"]:
            start, end = _span(text, e["evidence"])
            loc = e.get("location") or (None, None, None, None)
            con.execute(
                "INSERT INTO events (article_id, id, type, mode, context, cameo, root_code, quad_class, goldstein, "
                "plover_score, location_name, location_country, location_lat, location_lon, date, date_text, "
                "date_precision, status, reported_by, evidence_start, evidence_end, evidence_text, confidence, day) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS DATE))",
                [art["id"], e["id"], e["type"], e.get("mode"), ["diplomatic"], e["cameo"], e["cameo"][:2],
                 e["quad_class"], e["goldstein"], e["plover_score"], *loc, e.get("date"), e.get("date_text"),
                 e.get("date_precision", "unknown"), e["status"], e.get("reported_by"), start, end, e["evidence"],
                 0.8, _day(e, art["published"])])
            for role, ids in (("actor", e["actors"]), ("recipient", e["recipients"])):
                for seq, actor_id in enumerate(ids):
                    con.execute("INSERT INTO event_actors (article_id, event_id, actor_id, role, seq) "
                                "VALUES (?, ?, ?, ?, ?)", [art["id"], e["id"], actor_id, role, seq])
        for q in art["quotes"]:
            start, end = _span(text, q["text"])
            con.execute("INSERT INTO quotes (article_id, id, text, kind, speaker, speaker_text, cue, start_char, "
                        "end_char) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [art["id"], q["id"], q["text"], q["kind"], q["speaker"], q["speaker_text"], q["cue"],
                         start, end])


def build_sample_db(path: Union[str, Path]) -> Path:
    """Create a fresh store at ``path`` holding the sample articles."""
    from dragoman.store.db import connect

    path = Path(path)
    if path.exists():
        path.unlink()
    con = connect(path)
    try:
        write_sample(con)
    finally:
        con.close()
    return path
