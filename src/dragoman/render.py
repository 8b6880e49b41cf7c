"""Human summaries of coded documents (`--format table`), with Rich."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from dragoman.model import Document


def _names(doc: Document, ids: list[str]) -> str:
    return ", ".join((a.name if (a := doc.actor(i)) else i) for i in ids)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def document_tables(doc: Document) -> Group:
    head = Text.assemble((doc.title or "(no title)", "bold"), "\n",
                         f"id {doc.id} · source {doc.source or '-'} · published {doc.published or '-'} · "
                         f"{len(doc.text.split())} words · {len(doc.removed)} lines removed")

    events = Table(title="Events", expand=True)
    events.add_column("type", no_wrap=True)
    events.add_column("status", no_wrap=True)
    events.add_column("who → whom", ratio=2, overflow="fold")
    events.add_column("when / where", ratio=1, overflow="fold")
    events.add_column("evidence", ratio=3, overflow="fold")
    for e in doc.events:
        kind = e.type + (f"/{e.mode}" if e.mode else "") + (f"\nCAMEO {e.cameo}" if e.cameo else "")
        who = _names(doc, e.actors) + (f" → {_names(doc, e.recipients)}" if e.recipients else "")
        when = " ".join(x for x in (e.date, e.location.name if e.location else None) if x)
        events.add_row(kind, e.status, who, when, _shorten(e.evidence.text if e.evidence else "", 110))

    quotes = Table(title="Quotes", expand=True)
    for col in ("speaker", "kind", "cue", "text"):
        quotes.add_column(col, overflow="fold", ratio=4 if col == "text" else 1)
    for q in doc.quotes:
        who = (doc.actor(q.speaker).name if doc.actor(q.speaker) else None) or q.speaker_text or ""
        quotes.add_row(who, q.kind, q.cue or "", _shorten(q.text, 160))

    actors = Table(title="Actors", expand=True)
    for col in ("name", "kind", "code", "role", "mentions"):
        actors.add_column(col, overflow="fold", ratio=3 if col == "mentions" else 1)
    for a in doc.actors:
        actors.add_row(a.name, a.kind, a.code or (a.country or ""), a.role or "",
                       "; ".join(dict.fromkeys(m.text for m in a.mentions)))

    media = Table(title="Media and removed lines", expand=True)
    media.add_column("what"); media.add_column("text", overflow="fold", ratio=4)
    for m in doc.media:
        media.add_row("caption", f"{m.caption} — {m.credit or ''}")
    for r in doc.removed:
        media.add_row(r.reason, r.text)
    return Group(head, events, quotes, actors, media)


def print_document(doc: Document, console: Console) -> None:
    console.print(document_tables(doc))
