"""Code gold files with one Coder and add up SPEC §4's scores.

Gold files are read and coded a batch at a time, so memory stays flat on
large folders (only a batch of raw articles is held at once).

Counts are summed over documents: every P/R/F1 is micro-averaged (SPEC §4
says so for events; choice: the same for actors, quotes, timexes, places),
except the body, whose P and R are averaged per document as SPEC §4 says.
A component is reported when at least one gold file holds it; its
``documents`` is how many do.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional, Union

from dragoman.config import BATCH_SIZE
from dragoman.errors import Skip
from dragoman.evaluation import scoring
from dragoman.evaluation.gold import GoldError, GoldFile, find_gold_files, read_gold
from dragoman.model import Document

OnSkip = Callable[[str], None]


def score_file(system: dict, gold_file: GoldFile) -> dict[str, dict]:
    """Counts per component present in this file's gold (what :class:`Totals` adds up)."""
    gold = gold_file.gold
    actors = gold.get("actors") or []
    counts: dict[str, dict] = {}
    parts = gold_file.components()
    if "body" in parts:
        counts["body"] = scoring.score_body(system.get("text") or "", gold["body"])
    if "removed" in parts:
        counts["removed"] = scoring.score_removed(system.get("text") or "", gold["removed"])
    for name in ("title", "source"):
        if name in parts:
            counts[name] = scoring.score_exact(system.get(name), gold[name])
    if "media" in parts:
        counts["media"] = scoring.score_media(system.get("media") or [], gold["media"])
    if "actors" in parts:
        counts["actors"] = scoring.score_actors(system.get("actors") or [], actors)
    if "events" in parts:
        counts["events"] = scoring.score_events(system, gold["events"], actors)
        if gold_file.sentence_level:
            counts["event_types"] = scoring.score_event_type(system, gold["events"])
    if "quotes" in parts:
        counts["quotes"] = scoring.score_quotes(system, gold["quotes"], actors)
        counts["quotes_direct_mixed"] = scoring.score_quotes(system, gold["quotes"], actors,
                                                             kinds=scoring.DIRECT_AND_MIXED)
    if "timexes" in parts:
        counts["timexes"] = scoring.score_timexes(system.get("timexes") or [], gold["timexes"])
    if "places" in parts:
        counts["places"] = scoring.score_places(system, gold["places"])
    return counts


@dataclass
class Totals:
    """Sums of per-file counts, per component, and the number of documents behind each."""

    sums: dict[str, Counter] = field(default_factory=dict)
    documents: Counter = field(default_factory=Counter)

    def add(self, counts: dict[str, dict]) -> None:
        for component, values in counts.items():
            self.documents[component] += 1
            self.sums.setdefault(component, Counter()).update(values)

    def summary(self) -> dict[str, dict]:
        """Scores per component present, in report order."""
        out: dict[str, dict] = {}
        for component in ("body", "removed", "title", "source", "media", "actors", "events",
                          "event_types", "quotes", "timexes", "places"):
            if component in self.sums:
                out[component] = summarise(component, self.sums[component], self.documents[component])
        if "quotes" in out:
            out["quotes"] = {"all": out["quotes"],
                             "direct_mixed": summarise("quotes", self.sums["quotes_direct_mixed"],
                                                       self.documents["quotes_direct_mixed"])}
        return out


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def summarise(component: str, s: Counter, documents: int) -> dict:
    """Turn summed counts into the scores SPEC §4 defines (documents and counts kept)."""
    head = {"documents": documents}
    if component == "body":
        p, r = _share(s["precision"], documents), _share(s["recall"], documents)
        return {**head, "precision": p, "recall": r, "f1": scoring.f1(p, r)}
    if component == "removed":
        return {**head, "lines": s["lines"], "removed": s["removed"], "share": _share(s["removed"], s["lines"])}
    if component in ("title", "source"):
        return {**head, "exact": s["exact"], "accuracy": _share(s["exact"], documents)}
    if component == "media":
        return {**head, "gold": s["gold"], "system": s["system"], "tp": s["tp"],
                **scoring.prf(s["tp"], s["system"] - s["tp"], s["gold"] - s["tp"])}
    if component == "actors":
        p, r = _share(s["tp_system"], s["system"]), _share(s["tp_gold"], s["gold"])
        return {**head, "gold": s["gold"], "system": s["system"], "tp_gold": s["tp_gold"],
                "tp_system": s["tp_system"], "precision": p, "recall": r, "f1": scoring.f1(p, r)}
    if component == "events":
        types = sorted({k.split(":", 1)[1] for k in s if k[:3] in ("tp:", "fp:", "fn:")})
        per_type = {t: {"gold": s[f"tp:{t}"] + s[f"fn:{t}"], "system": s[f"tp:{t}"] + s[f"fp:{t}"],
                        **scoring.prf(s[f"tp:{t}"], s[f"fp:{t}"], s[f"fn:{t}"])} for t in types}
        return {**head, "gold_required": s["gold_required"], "gold_optional": s["gold_optional"],
                "system": s["system"], "tp": s["tp"], "fp": s["fp"], "fn": s["fn"],
                "matched_optional": s["matched_optional"], **scoring.prf(s["tp"], s["fp"], s["fn"]),
                "date_accuracy": {"matched_with_gold_date": s["date_gold"],
                                  "correct": s["date_correct"], "accuracy": _share(s["date_correct"], s["date_gold"])},
                "location_accuracy": {"matched_with_gold_location": s["location_gold"],
                                      "correct": s["location_correct"],
                                      "accuracy": _share(s["location_correct"], s["location_gold"])},
                "date_by_source": _by_source(s, "date", DATE_SOURCES),
                "location_by_source": _by_source(s, "location", LOCATION_SOURCES),
                "per_type": per_type}
    if component == "event_types":
        return {**head, "correct": s["correct"], "accuracy": _share(s["correct"], documents)}
    if component == "quotes":
        return {**head, "gold": s["gold"], "system": s["system"], "tp": s["tp"], "fp": s["fp"],
                "fn": s["fn"], "neutral": s["neutral"], **scoring.prf(s["tp"], s["fp"], s["fn"]),
                "speaker_total": s["speaker_total"], "speaker_correct": s["speaker_correct"],
                "speaker_accuracy": _share(s["speaker_correct"], s["speaker_total"])}
    if component in ("timexes", "places"):
        return {**head, "gold": s["gold"], "skipped": s["skipped"], "system": s["system"],
                "reproduced": s["reproduced"], "recall": _share(s["reproduced"], s["gold"])}
    raise ValueError(f"unknown component {component}")


#: The order sources are reported in (SPEC §2 date_source and location.source; "none":
#: the event had no date, or no location).
DATE_SOURCES = ("text", "dateline", "published", "none")
LOCATION_SOURCES = ("clause", "sentence", "paragraph", "dateline", "article", "none")


def _by_source(s: Counter, what: str, sources: tuple[str, ...]) -> dict:
    """Date or location accuracy on matched events, split by the system's basis for it."""
    found = {k.split("@", 1)[1] for k in s if k.startswith(f"{what}_gold@")}
    order = [x for x in sources if x in found] + sorted(found - set(sources))
    return {src: {f"matched_with_gold_{what}": s[f"{what}_gold@{src}"], "correct": s[f"{what}_correct@{src}"],
                  "accuracy": _share(s[f"{what}_correct@{src}"], s[f"{what}_gold@{src}"])} for src in order}


def code_batch(coder, raws: list) -> list[Union[Document, Skip]]:
    """Code a batch with ``coder.code_many``; if a stage fails, code it article by article.

    An article whose coding raises (not a Skip) becomes a Skip, so one
    faulty article never stops the evaluation.
    """
    try:
        return list(coder.code_many(raws))
    except Exception:
        from dragoman.cli import DEBUG

        if DEBUG["on"]:
            raise
    out: list[Union[Document, Skip]] = []
    for raw in raws:
        try:
            out.append(coder.code(raw))
        except Skip as skip:
            out.append(skip)
        except Exception as exc:
            out.append(Skip(f"internal error: {exc.__class__.__name__}: {exc}", raw.origin))
    return out


def skipped_system(raw, skip: Skip) -> dict:
    """What a skipped article scores as: empty, except the cleaned body of a non-English one.

    SPEC §1: for an article in another language "the cleaner still runs;
    nothing is coded", so its body, title, media and removed lines are
    scored (the body benchmark holds pages in other languages) and every
    coded part stays empty.
    """
    system = scoring.empty_system()
    if skip.document is None:
        return system
    cleaned = skip.document.to_dict()
    for key in ("text", "title", "source", "media", "removed"):
        system[key] = cleaned.get(key)
    return system


@dataclass
class Report:
    files: int = 0
    coded: int = 0
    skipped: int = 0
    unreadable: int = 0
    seconds: float = 0.0
    totals: Totals = field(default_factory=Totals)
    per_file: list[dict] = field(default_factory=list)

    def to_dict(self, per_file: bool = False) -> dict:
        out = {"files": self.files, "coded": self.coded, "skipped": self.skipped,
               "unreadable": self.unreadable, "seconds": round(self.seconds, 3),
               **self.totals.summary()}
        if per_file:
            out["per_file"] = self.per_file
        return out


def _per_file_row(path: str, counts: dict[str, dict], skipped: Optional[str]) -> dict:
    row: dict = {"path": path, "skipped": skipped}
    for component in ("events", "quotes", "quotes_direct_mixed"):
        if component in counts:
            row[component] = dict(counts[component])
    return row


def evaluate(paths: Iterable[str], coder, on_skip: Optional[OnSkip] = None,
             batch_size: int = BATCH_SIZE) -> Report:
    """Code every gold file under ``paths`` and add up its scores.

    Unreadable gold files are reported and left out; articles the coder
    skips are reported and scored as empty output.
    """
    on_skip = on_skip or (lambda line: None)
    report = Report()
    started = time.perf_counter()
    batch: list[GoldFile] = []

    def flush() -> None:
        outputs = code_batch(coder, [g.raw for g in batch])
        for gold_file, out in zip(batch, outputs):
            skipped = None
            if isinstance(out, Document):
                report.coded += 1
                system = out.to_dict()
            else:
                report.skipped += 1
                skipped = out.reason
                on_skip(out.line())
                system = skipped_system(gold_file.raw, out)
            try:
                counts = score_file(system, gold_file)
            except (AttributeError, KeyError, TypeError, ValueError) as exc:  # malformed gold answers
                report.unreadable += 1
                on_skip(GoldError(f"bad gold ({exc.__class__.__name__}: {exc})", gold_file.path).line())
                continue
            report.totals.add(counts)
            report.per_file.append(_per_file_row(gold_file.path, counts, skipped))
        batch.clear()

    for path in find_gold_files(paths):
        report.files += 1
        try:
            batch.append(read_gold(path))
        except GoldError as exc:
            report.unreadable += 1
            on_skip(exc.line())
            continue
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    report.seconds = time.perf_counter() - started
    return report
