"""Score the quotes stage against gold files (SPEC §4 quote rules), standalone.

    .venv/bin/python benchmarks/quotes_score.py ../shared/corpus/dev
    .venv/bin/python benchmarks/quotes_score.py ../shared/benchmarks/polnear/dev --kinds direct,mixed
    .venv/bin/python benchmarks/quotes_score.py GOLD... --show-errors

A stop-gap until ``dragoman eval`` exists; it follows SPEC §4: overlap of two
quotes = common words / words of the shorter, match at >= 0.5, one to one,
equal texts first, then highest overlap; when scoring a subset of kinds, a
system quote matched only to a gold quote of another kind counts neither way.
Speaker accuracy over matched quotes whose gold speaker is given and not a
pronoun: right when the system speaker's words (actor name, a mention, or
speaker_text), pronouns removed, contain or are contained in the gold
speaker's words or an alias's.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

PRONOUNS = set("he she they it we i you him her them us his its their who which that this these those".split())


def words(text: str) -> list[str]:
    return re.findall(r"\w+", (text or "").lower())


def norm_name(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'").lower()
    text = re.sub(r"^(a|an|the)\s+", "", text.strip())
    return re.sub(r"\s+", " ", text)


def overlap(a: str, b: str) -> float:
    wa, wb = Counter(words(a)), Counter(words(b))
    shorter = min(sum(wa.values()), sum(wb.values()))
    if not shorter:
        return 0.0
    return sum((wa & wb).values()) / shorter


def match(system: list[dict], gold: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs (system index, gold index): equal texts first, then highest overlap."""
    pairs = []
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            o = overlap(s["text"], g["text"])
            if o >= 0.5:
                equal = words(s["text"]) == words(g["text"])
                pairs.append((not equal, -o, i, j))
    pairs.sort()
    used_s, used_g, out = set(), set(), []
    for _eq, _o, i, j in pairs:
        if i in used_s or j in used_g:
            continue
        used_s.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def content_words(text: str) -> set[str]:
    return {w for w in words(norm_name(text)) if w not in PRONOUNS}


def speaker_right(quote: dict, doc: dict, gold_quote: dict, gold_actors: list[dict]) -> bool:
    gold_names = [gold_quote["speaker"]]
    for actor in gold_actors:
        names = [actor.get("name", "")] + list(actor.get("aliases") or [])
        if any(norm_name(n) == norm_name(gold_quote["speaker"]) for n in names):
            gold_names += names
    system_names = []
    if quote.get("speaker_text"):
        system_names.append(quote["speaker_text"])
    actor = next((a for a in doc.get("actors", []) if a["id"] == quote.get("speaker")), None)
    if actor:
        system_names.append(actor["name"])
        system_names += [m["text"] for m in actor.get("mentions", [])]
    for s in system_names:
        sw = content_words(s)
        if not sw:
            continue
        for g in gold_names:
            gw = content_words(g)
            if gw and (sw <= gw or gw <= sw):
                return True
    return False


def _cached_coder(coder, folder: Path):
    """code(raw, path) that parses and runs the stages before quotes once, then
    reruns only the quotes stage from the cache."""
    import hashlib

    from spacy.tokens import DocBin

    from dragoman.model import Document

    folder.mkdir(parents=True, exist_ok=True)
    quotes_stage = dict(coder.stages)["quotes"]
    before = [(n, s) for n, s in coder.stages if n in ("actors",)]

    def code(raw, path: Path):
        key = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:16]
        doc_file, bin_file = folder / f"{key}.json", folder / f"{key}.spacy"
        if doc_file.exists() and bin_file.exists():
            doc = Document.from_dict(json.loads(doc_file.read_text(encoding="utf-8")))
            parsed = list(DocBin().from_disk(bin_file).get_docs(coder.nlp.vocab))[0]
        else:
            doc = coder.prepare(raw)
            parsed = coder.nlp(doc.text)
            for _name, stage in before:
                stage(doc, parsed)
            doc_file.write_text(doc.to_json(), encoding="utf-8")
            DocBin(store_user_data=False, docs=[parsed]).to_disk(bin_file)
        quotes_stage(doc, parsed)
        return doc

    return code


def gold_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        files += sorted(p.rglob("*.json")) if p.is_dir() else [p]
    return [f for f in files if f.name not in ("manifest.json",)]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--kinds", default="", help="comma-separated gold kinds to score (default all)")
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--cache", help="folder keeping parsed articles and earlier stages' output, so that "
                    "reruns only run the quotes stage (delete it when other stages change)")
    args = ap.parse_args()
    kinds = set(args.kinds.split(",")) if args.kinds else None

    from dragoman.model import RawArticle
    from dragoman.pipeline import Coder

    coder = Coder()
    try:  # the project's own scorer (dragoman eval), when it is there
        from dragoman.evaluation.scoring import score_quotes as official
    except ImportError:
        official = None
    official_sums = {k: Counter() for k in ("all", "direct_mixed")}
    code = _cached_coder(coder, Path(args.cache)) if args.cache else (lambda raw, _path: coder.code(raw))
    tp = fp = fn = right = judged = 0
    fp_part = 0  # system quotes that are a part of a gold quote already matched (split quotes)
    started = time.time()
    n = 0
    for path in gold_files(args.paths):
        data = json.loads(path.read_text(encoding="utf-8"))
        gold = data.get("gold", {}).get("quotes")
        if gold is None:
            continue
        meta = data.get("meta") or {}
        raw = RawArticle(text=data.get("text"), html=data.get("html"), published=meta.get("published"),
                         source=meta.get("source"), id=data.get("id"), origin=str(path))
        doc = code(raw, path).to_dict()
        n += 1
        system = doc["quotes"]
        pairs = match(system, gold)
        matched_s = {i for i, _ in pairs}
        matched_g = {j for _, j in pairs}
        in_kind = lambda g: kinds is None or g["kind"] in kinds  # noqa: E731
        for i, j in pairs:
            if in_kind(gold[j]):
                tp += 1
                g = gold[j]
                if g.get("speaker") and not g.get("speaker_pronoun") and norm_name(g["speaker"]) not in PRONOUNS:
                    judged += 1
                    ok = speaker_right(system[i], doc, g, data["gold"].get("actors", []))
                    right += ok
                    if not ok and args.show_errors:
                        print(f"SPEAKER {path.name}: {system[i].get('speaker_text')!r} vs {g['speaker']!r}: {g['text'][:70]!r}")
        for j, g in enumerate(gold):
            if j not in matched_g and in_kind(g):
                fn += 1
                if args.show_errors:
                    print(f"FN {path.name} [{g['kind']}] {g.get('speaker')!r} ({g.get('cue')}): {g['text'][:120]!r}")
        for i, s in enumerate(system):
            if i not in matched_s and (kinds is None or s["kind"] in kinds):
                fp += 1
                fp_part += any(overlap(s["text"], gold[j]["text"]) >= 0.5 for _i, j in pairs)
                if args.show_errors:
                    print(f"FP {path.name} [{s['kind']}] {s.get('speaker_text')!r} ({s.get('cue')}): {s['text'][:120]!r}")
        if official is not None:
            for key, k in (("all", None), ("direct_mixed", ("direct", "mixed"))):
                counts = official(doc, gold, data["gold"].get("actors", []), kinds=k)
                for field in ("tp", "fp", "fn", "speaker_total", "speaker_correct"):
                    official_sums[key][field] += counts[field]
    if official is not None:
        for key, c in official_sums.items():
            op = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
            orr = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
            of = 2 * op * orr / (op + orr) if op + orr else 0.0
            oa = c["speaker_correct"] / c["speaker_total"] if c["speaker_total"] else 0.0
            print(f"official scorer quotes[{key}] tp={c['tp']} fp={c['fp']} fn={c['fn']} P={op:.3f} "
                  f"R={orr:.3f} F1={of:.3f} speaker_acc={oa:.3f} ({c['speaker_correct']}/{c['speaker_total']})")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    acc = right / judged if judged else 0.0
    label = ",".join(sorted(kinds)) if kinds else "all"
    print(f"quotes[{label}] files={n} tp={tp} fp={fp} fn={fn} P={p:.3f} R={r:.3f} F1={f:.3f} "
          f"speaker_acc={acc:.3f} ({right}/{judged}) fp_part_of_matched_gold={fp_part} "
          f"time={time.time() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
