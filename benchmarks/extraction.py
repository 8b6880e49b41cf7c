"""Body F1 of HTML extraction + cleaning on the scrapinghub dev pages (SPEC §4).

    .venv/bin/python benchmarks/extraction.py [GOLD_DIR] [--compare]

Words are `re.findall(r"\\w+", text.lower())`; per page the multiset
intersection of system and gold words gives P and R; both are averaged over
pages and F1 is taken from the averages.  The gold `body` is compared with
the cleaned `text` (the title is not part of it).  `--compare` also prints
trafilatura's figures under other settings, without the cleaner.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from dragoman.clean import clean
from dragoman.errors import Skip
from dragoman.ingest import ReadOptions, read_paths

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "scrapinghub" / "dev"


def words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", (text or "").lower()))


def body_scores(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    """(P, R, F1) over (system text, gold body) pairs, macro-averaged as SPEC §4."""
    precision = recall = 0.0
    for system, gold in pairs:
        s, g = words(system), words(gold)
        common = sum((s & g).values())
        precision += common / sum(s.values()) if s else 0.0
        recall += common / sum(g.values()) if g else 1.0
    precision, recall = precision / len(pairs), recall / len(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def dragoman_pairs(files: list[Path]) -> list[tuple[str, str]]:
    pairs = []
    for path in files:
        gold = json.loads(path.read_text(encoding="utf-8"))["gold"]["body"]
        text = ""
        for item in read_paths([str(path)], ReadOptions()):
            if not isinstance(item, Skip):
                try:
                    text = clean(item).text
                except Skip:
                    pass
        pairs.append((text, gold))
    return pairs


def trafilatura_pairs(files: list[Path], **settings) -> list[tuple[str, str]]:
    import trafilatura

    pairs = []
    for path in files:
        page = json.loads(path.read_text(encoding="utf-8"))
        pairs.append((trafilatura.extract(page["html"], **settings) or "", page["gold"]["body"]))
    return pairs


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    folder = Path(args[0]) if args else DEFAULT_DIR
    files = sorted(folder.glob("*.json"))
    if not files:
        print(f"no gold files in {folder}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    p, r, f = body_scores(dragoman_pairs(files))
    seconds = time.perf_counter() - started
    print(f"dragoman (trafilatura + cleaner): P {p:.4f}  R {r:.4f}  F1 {f:.4f}  "
          f"({len(files)} pages, {seconds:.1f}s)")
    if "--compare" in argv:
        for name, settings in [("trafilatura defaults", {}),
                               ("favor_precision", {"favor_precision": True}),
                               ("favor_precision, no comments", {"favor_precision": True, "include_comments": False})]:
            p, r, f = body_scores(trafilatura_pairs(files, **settings))
            print(f"{name}: P {p:.4f}  R {r:.4f}  F1 {f:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
