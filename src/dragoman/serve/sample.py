"""A small hand-written database, for the explorer's tests and for trying it out.

Four short invented articles (two report the same meeting) (written for this file, not taken from any
corpus), coded by hand as record Documents and stored with the store's
writer, so the web explorer can be tested without running the coder.
Offsets are computed from the text, never typed in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Union

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
        "id": "sample-ankara-second-report",
        "source": "Sample Courier", "title": "Cohen in Ankara for talks",
        "published": "2023-03-07",
        "text": ("Cohen in Ankara for talks\n\n"
                 "Mevlut Cavusoglu hosted Eli Cohen in Ankara on Tuesday for talks on energy. "
                 "It was the first visit by an Israeli foreign minister in years."),
        "media": [], "removed": [],
        "actors": [
            {"id": "a1", "name": "Mevlut Cavusoglu", "kind": "person", "country": "TUR", "sector": "GOV",
             "role": "Foreign Minister", "code": "TURGOV", "mentions": ["Mevlut Cavusoglu"]},
            {"id": "a2", "name": "Eli Cohen", "kind": "person", "country": "ISR", "sector": "GOV",
             "role": "Foreign Minister", "code": "ISRGOV", "mentions": ["Eli Cohen", "Israeli foreign minister"]},
        ],
        "events": [
            {"id": "e1", "type": "CONSULT", "mode": "visit", "cameo": "040", "quad_class": 1, "goldstein": 1.0,
             "plover_score": 4.0, "actors": ["a1"], "recipients": ["a2"], "status": "asserted",
             "date": "2023-03-07", "date_text": "Tuesday", "date_precision": "day",
             "location": ("Ankara", "TUR", 39.92, 32.85),
             "evidence": "Mevlut Cavusoglu hosted Eli Cohen in Ankara on Tuesday for talks on energy."},
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


def sample_documents(articles: Optional[list[dict]] = None) -> list:
    """The sample articles (or ``articles`` written the same way) as record Documents, every
    offset found in the text."""
    from dragoman.model import Actor, Document, Event, Location, Media, Mention, Quote, Removed, Span

    docs = []
    for art in ARTICLES if articles is None else articles:
        text = art["text"]
        actors = []
        for a in art["actors"]:
            mentions, pos = [], 0
            for mention in a["mentions"]:
                start, end = _span(text, mention, pos)
                pos = end
                mentions.append(Mention(start, end, mention))
            actors.append(Actor(id=a["id"], name=a["name"], kind=a["kind"], country=a.get("country"),
                                sector=a.get("sector"), role=a.get("role"), code=a.get("code"), mentions=mentions))
        events = []
        for e in art["events"]:
            start, end = _span(text, e["evidence"])
            loc = e.get("location")
            events.append(Event(
                id=e["id"], type=e["type"], mode=e.get("mode"), context=["diplomatic"], cameo=e["cameo"],
                quad_class=e["quad_class"], goldstein=e["goldstein"], plover_score=e["plover_score"],
                actors=list(e["actors"]), recipients=list(e["recipients"]),
                location=Location(*loc) if loc else None, date=e.get("date"), date_text=e.get("date_text"),
                date_precision=e.get("date_precision", "unknown"), status=e["status"],
                reported_by=e.get("reported_by"), evidence=Span(start, end, e["evidence"]), confidence=0.8))
        quotes = []
        for q in art["quotes"]:
            start, end = _span(text, q["text"])
            quotes.append(Quote(id=q["id"], text=q["text"], kind=q["kind"], speaker=q["speaker"],
                                speaker_text=q["speaker_text"], cue=q["cue"], start=start, end=end))
        docs.append(Document(id=art["id"], text=text, source=art["source"], title=art["title"],
                             published=art["published"], language="en",
                             media=[Media(**m) for m in art["media"]],
                             removed=[Removed(**r) for r in art["removed"]],
                             actors=actors, events=events, quotes=quotes))
    return docs


def build_sample_db(path: Union[str, Path], articles: Optional[list[dict]] = None) -> Path:
    """Create a fresh store at ``path`` holding the sample articles (or ``articles``, written
    as `ARTICLES` is: a test's own small store)."""
    from dragoman.store.db import connect

    path = Path(path)
    if path.exists():
        path.unlink()
    from dragoman.store.writer import write_documents

    con = connect(path)
    try:
        write_documents(con, sample_documents(articles), origin="sample")
    finally:
        con.close()
    return path
