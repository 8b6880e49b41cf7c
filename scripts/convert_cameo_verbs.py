"""Convert the field's CAMEO verb dictionary into the event coder's hint data.

Reads (from a checkout of the public knowledge files, not shipped):
  petrarch2/CAMEO.2.0.txt        PETRARCH2's verb pattern dictionary (MIT, Open Event Data Alliance)
  plover/CAMEO2PLOVER-2021.txt   PLOVER's CAMEO crosswalk (CC BY-SA 4.0, openeventdata/PLOVER)

Writes two data files into the package, kept apart because their licences differ:
  src/dragoman/data/events/cameo_verbs.json   verbs, their blocks and patterns, synonym sets (MIT)
  src/dragoman/data/events/cameo2plover.tsv   CAMEO code -> PLOVER type, mode, context (CC BY-SA 4.0)

Why: ~15,000 verb patterns and ~4,000 verbs written by the field over three
decades cover far more of the news' vocabulary than a training corpus can.
The learned coder reads them as *hints* (features), never as decisions, so
the model learns from the corpus how far to trust them.

The dictionary's patterns were written for PETRARCH's constituency parses:
we keep only what a dependency parse can check, the pattern's content words
(object nouns, prepositions, noun phrases, synonym sets), and drop word order
and the source/target markers.

Usage: python scripts/convert_cameo_verbs.py [KNOWLEDGE_DIR]   (default ../shared/knowledge)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "src" / "dragoman" / "data" / "events"

BLOCK = re.compile(r"^---\s+(.+?)\s+\[([^\]]*)\]\s+---")
CODE = re.compile(r"\[([^\]]*)\]")
MARKERS = {"*", "+", "$", "%", "^", "-", "=", "|"}


def clean_code(raw: str) -> str | None:
    """'070' -> '070'; '042:043' -> '042' (the source's code); '---' or junk -> None."""
    code = raw.strip().split(":")[0].strip()
    return code if code.isdigit() else None


def verb_line(line: str) -> tuple[str, list[str], str | None] | None:
    """A verb entry: (the verb word, the other words of a multi-word verb, its own code)."""
    text = line.split("#", 1)[0]
    code_match = CODE.search(text)
    code = clean_code(code_match.group(1)) if code_match else None
    text = re.sub(r"\{[^}]*\}", " ", CODE.sub(" ", text)).strip()
    if not text:
        return None
    head = text.split()[0]
    parts = [p for p in head.split("_") if p]
    verb = next((p[1:] for p in parts if p.startswith("+")), parts[0].lstrip("+"))
    others = [p.lstrip("+").lower() for p in parts if p.lstrip("+") != verb]
    if not verb.isalpha():
        return None
    return verb.lower(), others, code


def pattern_words(line: str) -> list[str]:
    """The content words of a pattern line; synonym sets stay as '&NAME'."""
    text = line.split("#", 1)[0].lstrip("-")
    text = CODE.sub(" ", text)
    text = re.sub(r"[{}()]", " ", text)
    words = []
    for tok in text.split():
        if tok in MARKERS:
            continue
        tok = tok.strip("+$%^")
        for part in tok.split("_"):
            if part.startswith("&"):
                words.append(part.rstrip("_"))
            elif part.isalpha() or "-" in part:
                words.append(part.lower())
    return words


def parse_dictionary(text: str) -> dict:
    lines = text.splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("####### VERB PATTERNS"))
    stop = next((i for i, l in enumerate(lines) if l.startswith("######## TRANSFORMATIONS")), len(lines))

    synsets: dict[str, list[str]] = {}
    current = None
    for line in lines[:start]:
        line = line.split("#", 1)[0].rstrip()
        if line.startswith("&"):
            current = line.strip().rstrip("_")
            synsets[current] = []
        elif line.startswith("+") and current:
            for word in line[1:].strip().rstrip("_").split("_"):
                if word:
                    synsets[current].append(word.lower())
        elif not line.strip():
            current = None

    verbs: dict[str, dict] = {}
    blocks: dict[str, dict] = {}
    block = None
    for line in lines[start + 1: stop]:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = BLOCK.match(line)
        if m:
            block = m.group(1).strip().lower()
            blocks.setdefault(block, {"code": clean_code(m.group(2)), "patterns": []})
            continue
        if block is None:
            continue
        if line.startswith("-"):
            code_match = CODE.search(line.split("#", 1)[0])
            if not code_match:
                continue
            words = pattern_words(line)
            if words:
                blocks[block]["patterns"].append([clean_code(code_match.group(1)), words])
            continue
        entry = verb_line(line)
        if entry is None:
            continue
        verb, others, code = entry
        own = code or blocks[block]["code"]
        if others:
            # "+CORDON_OFF": the verb with its particle is a pattern of the block
            blocks[block]["patterns"].append([own, others])
            own = blocks[block]["code"]
        v = verbs.setdefault(verb, {"code": None, "blocks": []})
        if block not in v["blocks"]:
            v["blocks"].append(block)
        if v["code"] is None and own:
            v["code"] = own
    used = {w for b in blocks.values() for _c, ws in b["patterns"] for w in ws if w.startswith("&")}
    return {
        "source": "openeventdata/petrarch2 CAMEO.2.0.txt (MIT licence, (c) 2015 Open Event Data Alliance); "
                  "converted by scripts/convert_cameo_verbs.py",
        "verbs": dict(sorted(verbs.items())),
        "blocks": dict(sorted(blocks.items())),
        "synsets": {k: sorted(set(v)) for k, v in sorted(synsets.items()) if k in used},
    }


def parse_crosswalk(text: str) -> list[tuple[str, str, str, str]]:
    rows = []
    for line in text.splitlines():
        body = line.split("#", 1)[0]
        if ":" not in body or line.startswith("#"):
            continue
        code, rest = body.split(":", 1)
        code = code.strip()
        cols = [c.strip() for c in rest.split(",")]
        if not code.isdigit() or not cols or not cols[0].isalpha():
            continue
        type_ = cols[0].upper()
        mode = cols[1].replace(" ", "_") if len(cols) > 1 and cols[1] else "-"
        context = cols[2].replace(" ", "_") if len(cols) > 2 and cols[2] else "-"
        rows.append((code, type_, mode, context))
    return rows


def main(argv: list[str]) -> int:
    knowledge = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "knowledge"
    dictionary = parse_dictionary((knowledge / "petrarch2" / "CAMEO.2.0.txt").read_text(encoding="utf-8"))
    out = OUT_DIR / "cameo_verbs.json"
    out.write_text(json.dumps(dictionary, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    rows = parse_crosswalk((knowledge / "plover" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8"))
    with (OUT_DIR / "cameo2plover.tsv").open("w", encoding="utf-8") as f:
        f.write("# CAMEO code -> PLOVER type, mode, context.\n"
                "# Derived from openeventdata/PLOVER CAMEO2PLOVER-2021.txt (PLOVER manual draft 0.8,\n"
                "# edited by Philip Schrodt), licensed CC BY-SA 4.0; this derived file keeps that licence.\n"
                "# Converted by scripts/convert_cameo_verbs.py. '-' = none.\n"
                "cameo\ttype\tmode\tcontext\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    n_patterns = sum(len(b["patterns"]) for b in dictionary["blocks"].values())
    print(f"{len(dictionary['verbs'])} verbs, {len(dictionary['blocks'])} blocks, {n_patterns} patterns, "
          f"{len(dictionary['synsets'])} synonym sets -> {out.name}; "
          f"{len(rows)} crosswalk rows -> cameo2plover.tsv")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
