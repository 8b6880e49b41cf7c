"""Check raw training batches written by hand (see data/training/GUIDELINES.md).

Usage: python scripts/check_training_batch.py FILE...
Prints one line per problem and a summary; exit 1 when any line is wrong.
"""
import json
import sys

TYPES = {
    "AGREE": {None},
    "CONSULT": {None, "visit", "multilateral", "phone", "third-party"},
    "SUPPORT": {None},
    "CONCEDE": {None},
    "COOPERATE": {None},
    "AID": {None},
    "RETREAT": {None, "withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {None, "assist", "change", "yield", "meet"},
    "ACCUSE": {None, "disapprove", "investigate", "allege"},
    "REJECT": {None, "assist", "change", "yield", "meet"},
    "THREATEN": {None, "restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {None, "demo", "riot", "strike", "hunger", "boycott", "obstruct"},
    "SANCTION": {None, "convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {None, "troops", "weapons", "police", "militia"},
    "COERCE": {None, "seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold", "misinformation", "cyber"},
    "ASSAULT": {None, "abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                "crowd-control", "unconventional"},
}
STATUSES = {"asserted", "future", "hypothetical", "negated"}
GENRES = {"wire", "headline", "quote", "negative", "long", "background"}


def problems(row):
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        yield "no text"
        return
    if row.get("genre") not in GENRES:
        yield f"genre {row.get('genre')!r} not one of {sorted(GENRES)}"
    events = row.get("events")
    if not isinstance(events, list):
        yield "events is not a list"
        return
    for i, ev in enumerate(events, 1):
        t = ev.get("type")
        if t not in TYPES:
            yield f"event {i}: type {t!r}"
            continue
        if ev.get("mode") not in TYPES[t]:
            yield f"event {i}: mode {ev.get('mode')!r} not allowed for {t}"
        if ev.get("status") not in STATUSES:
            yield f"event {i}: status {ev.get('status')!r}"
        trig = ev.get("trigger")
        if not isinstance(trig, str) or not trig:
            yield f"event {i}: no trigger"
        else:
            n = ev.get("trigger_n", 1)
            if text.count(trig) < n:
                yield f"event {i}: trigger {trig!r} (occurrence {n}) not in text"
        for role in ("actors", "recipients"):
            spans = ev.get(role)
            if not isinstance(spans, list):
                yield f"event {i}: {role} is not a list"
                continue
            for s in spans:
                if not isinstance(s, str) or s not in text:
                    yield f"event {i}: {role[:-1]} {s!r} not in text"


def main(paths):
    bad = total = 0
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                total += 1
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    print(f"{path}:{n}: not JSON: {exc}")
                    bad += 1
                    continue
                found = list(problems(row))
                for p in found:
                    print(f"{path}:{n}: {p}")
                bad += bool(found)
    print(f"{total} lines, {bad} with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
