"""Start-up time of `dragoman code` on one short article, and where it goes.

    .venv/bin/python benchmarks/startup.py [--runs 5]

Prints (1) whole-process wall time: a first run with an empty cache folder
(the city index is built, as on a fresh install), then the median of
``--runs`` warm runs; (2) the split inside one process: imports, spaCy's
model, each stage's creation, and coding the article (which includes what
stages load lazily on first use).  The target (issue 14) is a median of
2.5 s or less, spaCy included.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ARTICLE = "Defence ministers of Chile and Peru met in Lima on Tuesday to discuss border patrols.\n"
ROOT = Path(__file__).resolve().parent.parent
DRAGOMAN = ROOT / ".venv" / "bin" / "dragoman"


def whole_process(path: str, env: dict) -> float:
    t0 = time.perf_counter()
    subprocess.run([str(DRAGOMAN), "code", path], check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - t0


def split(path: str) -> list[tuple[str, float]]:
    """Timings inside one process, in the order the CLI does the work."""
    code = f"""
import importlib, time
t = time.perf_counter()
from dragoman.pipeline import Coder, CoderOptions, STAGES
from dragoman import nlp
print("imports", time.perf_counter() - t); t = time.perf_counter()
model = nlp.load(CoderOptions().model)
print("spaCy model", time.perf_counter() - t)
for name in STAGES:
    t = time.perf_counter()
    importlib.import_module(f"dragoman.{{name}}").create(CoderOptions())
    print(f"stage {{name}} (create)", time.perf_counter() - t)
coder = Coder()
from dragoman.model import RawArticle
t = time.perf_counter()
coder.code(RawArticle(text=open({path!r}).read(), origin="x"))
print("code the article (lazy loads included)", time.perf_counter() - t)
"""
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return [(line.rsplit(" ", 1)[0], float(line.rsplit(" ", 1)[1])) for line in out.splitlines()]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "one.txt")
        Path(path).write_text(ARTICLE, encoding="utf-8")
        env = dict(os.environ, DRAGOMAN_CACHE_DIR=os.path.join(tmp, "cache"))
        cold = whole_process(path, env)
        warm = [whole_process(path, env) for _ in range(args.runs)]
        print(f"first run, empty cache: {cold:.2f} s")
        print(f"warm runs: median {statistics.median(warm):.2f} s (min {min(warm):.2f}, max {max(warm):.2f}, "
              f"n={len(warm)})")
        print("split inside one warm process:")
        for name, seconds in split(path):
            print(f"  {name:45s} {seconds:6.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
