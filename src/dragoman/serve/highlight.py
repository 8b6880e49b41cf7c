"""The article text with its evidence, quotes and mentions marked, from stored offsets.

Spans may overlap (a quote inside an event's evidence, a mention inside
both), so the text is cut at every span boundary and each piece is wrapped
once, with a class for every kind of span that covers it.  A small badge at
the start of each event and quote links the text to its record below.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from markupsafe import Markup, escape


@dataclass
class Mark:
    """One span to mark: its kind (evidence, quote, mention), where, and where it links."""

    kind: str
    start: int
    end: int
    ref: str  # record id, e.g. "e1", "q1", "a2"
    label: str = ""
    href: Optional[str] = None


def marks_for(doc: dict) -> list[Mark]:
    """Every event's evidence, every quote and every actor mention of a stored article."""
    marks = []
    for e in doc.get("events", []):
        ev = e.get("evidence")
        if ev and ev.get("start") is not None and ev.get("end") is not None:
            marks.append(Mark("evidence", ev["start"], ev["end"], e["id"], f'{e["id"]} {e.get("type") or ""}'.strip(),
                              f'#ev-{e["id"]}'))
    for q in doc.get("quotes", []):
        if q.get("start") is not None and q.get("end") is not None:
            marks.append(Mark("quote", q["start"], q["end"], q["id"], q["id"], f'#qt-{q["id"]}'))
    for a in doc.get("actors", []):
        for m in a.get("mentions", []):
            if m.get("start") is not None and m.get("end") is not None:
                marks.append(Mark("mention", m["start"], m["end"], a["id"], a.get("name") or a["id"],
                                  f'#ac-{a["id"]}'))
    return marks


def render(text: str, marks: Sequence[Mark]) -> Markup:
    """HTML of ``text`` with every mark applied; offsets outside the text are clipped, empty spans dropped."""
    n = len(text)
    spans = []
    for m in marks:
        start, end = max(0, min(n, m.start)), max(0, min(n, m.end))
        if start < end:
            spans.append(Mark(m.kind, start, end, m.ref, m.label, m.href))
    cuts = sorted({0, n} | {s.start for s in spans} | {s.end for s in spans})
    starts: dict[int, list[Mark]] = {}
    for s in spans:
        if s.kind != "mention":
            starts.setdefault(s.start, []).append(s)
    out = []
    for left, right in zip(cuts, cuts[1:]):
        for s in sorted(starts.get(left, []), key=lambda s: (s.kind, s.ref)):
            out.append(f'<a class="badge badge-{s.kind}" id="txt-{escape(s.ref)}" href="{escape(s.href or "")}">'
                       f'{escape(s.label)}</a>')
        piece = escape(text[left:right])
        covering = [s for s in spans if s.start <= left and right <= s.end]
        if not covering:
            out.append(str(piece))
            continue
        kinds = sorted({s.kind for s in covering})
        classes = " ".join(f"hl-{k}" for k in kinds)
        refs = " ".join(sorted({s.ref for s in covering}))
        title = "; ".join(sorted({s.label for s in covering}))
        out.append(f'<span class="hl {classes}" data-refs="{escape(refs)}" title="{escape(title)}">{piece}</span>')
    return Markup("".join(out))
