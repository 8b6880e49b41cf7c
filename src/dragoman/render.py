"""Human summaries of coded documents (`--format table`), with Rich."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from dragoman.model import Document


def _names(doc: Document, ids: list[str]) -> str:
    return ", ".join((a.name if (a := doc.actor(i)) else i) for i in ids)


def document_tables(doc: Document) -> Group:
    head = Text.assemble((doc.title or "(no title)", "bold"), "\n",
                         f"id {doc.id} · source {doc.source or '-'} · published {doc.published or '-'} · "
                         f"{len(doc.text.split())} words · {len(doc.removed)} lines removed")

    events = Table(title="Events", show_lines=False, expand=True)
    for col in ("type", "mode", "status", "actors", "recipients", "date", "place", "cameo", "evidence"):
        events.add_column(col, overflow="fold", ratio=3 if col == "evidence" else 1)
    for e in doc.events:
        events.add_row(e.type, e.mode or "", e.status, _names(doc, e.actors), _names(doc, e.recipients),
                       e.date or "", e.location.name if e.location else "", e.cameo or "",
                       e.evidence.text if e.evidence else "")

    quotes = Table(title="Quotes", expand=True)
    for col in ("speaker", "kind", "cue", "text"):
        quotes.add_column(col, overflow="fold", ratio=4 if col == "text" else 1)
    for q in doc.quotes:
        who = (doc.actor(q.speaker).name if doc.actor(q.speaker) else None) or q.speaker_text or ""
        quotes.add_row(who, q.kind, q.cue or "", q.text)

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
