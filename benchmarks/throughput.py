"""Throughput on one fixed set of articles: spaCy alone, the coding pipeline, ingest.

    .venv/bin/python benchmarks/throughput.py [--n 500] [--workers 1 2] [--runs 3] [--quiet-load 0.5]
                                             [--machines 1 4 10] [--skip-pipeline]

Articles: the dev corpus and the public benchmark dev halves in ../shared
(texts and HTML, repeated with distinct ids up to --n); without ../shared,
the examples/ folder repeated.  Prints articles/s for
  * spaCy alone: nlp.pipe over the cleaned texts, same pipeline components;
  * the pipeline: Coder.code_many over the raw articles, as `dragoman code` runs
    it (cleaning, language check, nlp.pipe, every stage), with a per-stage split;
  * `dragoman ingest` into a fresh DuckDB file with 1 and 2 worker processes
    (wall clock of the command, model loads included), and peak RSS per process:
    each configuration --runs times, alternating, each run started only once the
    one-minute load average is under --quiet-load (or after waiting 3 minutes; the
    load at the start is printed), the median reported;
  * articles per hour per core, and the hours 100,000 articles take with 1 and 2
    workers on this machine and on a Dask cluster of N such machines (a linear
    projection from the 2-worker rate: the workers share nothing but the store
    writer, which takes about 1 ms an article).
Goals (issues 6 and 14): pipeline >= 0.70 of spaCy alone; 2 workers >= 1.7x one;
peak RSS < 1 GB per worker.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_articles() -> list[dict]:
    """Every dev article and benchmark dev document, as JSONL-ready records."""
    folders = [SHARED / "corpus" / "dev"] + sorted((SHARED / "benchmarks").glob("*/dev"))
    records = []
    for folder in folders:
        for path in sorted(folder.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            meta = data.get("meta") or {}
            record = {"id": str(data.get("id") or path.stem), "published": meta.get("published"),
                      "source": meta.get("source"), "title": meta.get("title"), "url": meta.get("url")}
            if data.get("text"):
                record["text"] = data["text"]
            elif data.get("html"):
                record["html"] = data["html"]
            else:
                continue
            records.append(record)
    return records


def example_articles() -> list[dict]:
    from dragoman.ingest import ReadOptions, read_paths
    from dragoman.model import RawArticle

    out = []
    for item in read_paths([str(REPO / "examples")], ReadOptions()):
        if isinstance(item, RawArticle):
            out.append({"id": item.id or item.origin, "text": item.text, "html": item.html,
                        "published": item.published, "source": item.source})
    return out


def build_corpus(n: int, seed: int = 7) -> tuple[list[dict], str]:
    base = shared_articles() if SHARED.exists() else []
    origin = "../shared dev corpus + benchmark dev halves"
    if not base:
        base, origin = example_articles(), "examples/ (../shared absent)"
    random.Random(seed).shuffle(base)
    records = []
    for i in range(n):
        record = dict(base[i % len(base)])
        if i >= len(base):
            record["id"] = f"{record['id']}#{i // len(base)}"
        records.append({k: v for k, v in record.items() if v is not None})
    return records, origin


def raw_articles(records: list[dict]):
    from dragoman.model import RawArticle

    return [RawArticle(text=r.get("text"), html=r.get("html"), id=r["id"], title=r.get("title"),
                       published=r.get("published"), source=r.get("source"), url=r.get("url"),
                       origin=r["id"]) for r in records]


def measure_pipeline(records: list[dict]) -> dict:
    """spaCy alone and the whole pipeline, in this process, after loading."""
    from dragoman.errors import Skip
    from dragoman.pipeline import Coder

    coder = Coder()
    # cleaned texts, as the pipeline parses them
    texts, skipped = [], 0
    for raw in raw_articles(records):
        try:
            texts.append(coder.prepare(raw).text)
        except Skip:
            skipped += 1
    words = sum(len(t.split()) for t in texts)
    list(coder.nlp.pipe(texts[:20]))  # warm up

    start = time.perf_counter()
    for _ in coder.nlp.pipe(texts):
        pass
    spacy_s = time.perf_counter() - start

    stage_s = {name: 0.0 for name, _ in coder.stages}
    timed = []
    for name, stage in coder.stages:
        def wrapped(doc, parsed, _stage=stage, _name=name):
            t0 = time.perf_counter()
            _stage(doc, parsed)
            stage_s[_name] += time.perf_counter() - t0
        timed.append((name, wrapped))
    coder.stages = timed
    start = time.perf_counter()
    coded = sum(1 for item in coder.code_many(raw_articles(records)) if not isinstance(item, Skip))
    pipeline_s = time.perf_counter() - start
    return {"articles": len(texts), "skipped": skipped, "words": words,
            "spacy_rate": len(texts) / spacy_s, "pipeline_rate": coded / pipeline_s,
            "spacy_s": spacy_s, "pipeline_s": pipeline_s,
            "stage_ms": {k: 1000 * v / max(coded, 1) for k, v in stage_s.items()}}


def measure_ingest(corpus: Path, workers: int) -> dict:
    """Wall clock of `dragoman ingest --workers N` into a fresh store, and peak RSS per process."""
    import psutil

    script = Path(sys.executable).with_name("dragoman")
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "dragoman.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        start = time.perf_counter()
        proc = subprocess.Popen([*cmd, "ingest", str(corpus), "--db", str(db), "--workers", str(workers)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        peaks: dict[int, int] = {}
        stop = threading.Event()

        def watch() -> None:
            parent = psutil.Process(proc.pid)
            while not stop.is_set():
                try:
                    for p in [parent, *parent.children(recursive=True)]:
                        try:
                            peaks[p.pid] = max(peaks.get(p.pid, 0), p.memory_info().rss)
                        except psutil.Error:
                            pass
                except psutil.Error:
                    return
                time.sleep(0.2)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        _out, err = proc.communicate()
        wall = time.perf_counter() - start
        stop.set()
        watcher.join()
    summary = next((line for line in err.splitlines() if "ingested" in line), err.strip()[-300:])
    stored = int(summary.split("ingested ")[1].split()[0]) if "ingested " in summary else 0
    worker_peaks = sorted(peaks.values(), reverse=True)
    return {"workers": workers, "wall_s": wall, "rate": stored / wall if wall else 0.0,
            "summary": summary, "peak_rss_mb": [round(p / 2**20) for p in worker_peaks]}


def wait_for_quiet(limit: float, patience_s: float = 180.0) -> float:
    """Sleep until the one-minute load average is under ``limit`` (at most ``patience_s``); return it."""
    waited = 0.0
    while os.getloadavg()[0] >= limit and waited < patience_s:
        time.sleep(5)
        waited += 5
    return os.getloadavg()[0]


def projection(rates: dict[int, float], cores: int, machines: list[int], articles: int = 100_000) -> list[str]:
    """Lines: articles per hour per core, and hours for ``articles`` with 1 and 2 workers and on N machines."""
    lines = []
    for workers, rate in sorted(rates.items()):
        lines.append(f"{workers} worker(s): {rate * 3600 / workers:,.0f} articles/hour/core; "
                     f"{articles:,} articles in {articles / rate / 3600:.1f} h on this machine")
    if rates:
        most = max(rates)  # the most workers measured: the closest to one worker a core
        per_core = rates[most] / most
        for n in machines:
            lines.append(f"Dask cluster of {n} such machine(s) ({n * cores} cores, one worker a core, at the "
                         f"{most}-worker rate per core; optimistic where {most} < cores): {articles:,} articles "
                         f"in {articles / (per_core * cores * n) / 3600:.2f} h")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=500, help="articles (default 500)")
    ap.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    ap.add_argument("--skip-pipeline", action="store_true", help="only the ingest runs")
    ap.add_argument("--runs", type=int, default=3, help="ingest runs per configuration; the median is reported")
    ap.add_argument("--quiet-load", type=float, default=0.5, help="wait for a load average under this")
    ap.add_argument("--machines", type=int, nargs="*", default=[4, 10], help="Dask cluster sizes to project")
    args = ap.parse_args()

    records, origin = build_corpus(args.n)
    print(f"articles: {len(records)} from {origin}; machine: {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")
    if not args.skip_pipeline:
        p = measure_pipeline(records)
        print(f"spaCy alone (nlp.pipe):  {p['spacy_rate']:7.2f} articles/s  "
              f"({p['articles']} articles, {p['words']} words, {p['spacy_s']:.1f} s)")
        print(f"pipeline (code_many):    {p['pipeline_rate']:7.2f} articles/s  "
              f"({p['pipeline_s']:.1f} s)  ratio {p['pipeline_rate'] / p['spacy_rate']:.2f} (goal >= 0.70)")
        print("  stage ms/article: " + ", ".join(f"{k} {v:.1f}" for k, v in p["stage_ms"].items()))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        runs: dict[int, list[dict]] = {n: [] for n in args.workers}
        for run in range(args.runs):
            for n in args.workers:
                load = wait_for_quiet(args.quiet_load)
                r = measure_ingest(corpus, n)
                r["load"] = load
                runs[n].append(r)
                print(f"run {run + 1}, ingest --workers {n}: {r['rate']:7.2f} articles/s ({r['wall_s']:.1f} s wall, "
                      f"load average at start {load:.2f}, peak RSS per process MB {r['peak_rss_mb']})")
        rates = {n: statistics.median([r["rate"] for r in rs]) for n, rs in runs.items() if rs}
        for n, rate in rates.items():
            peak = max((mb for r in runs[n] for mb in r["peak_rss_mb"]), default=0)
            print(f"ingest --workers {n}, median of {len(runs[n])}: {rate:7.2f} articles/s; "
                  f"largest process {peak} MB")
            print(f"  {runs[n][-1]['summary']}")
        if 1 in rates and 2 in rates and rates[1]:
            print(f"2 workers / 1 worker:    {rates[2] / rates[1]:.2f}x (goal >= 1.7)")
        for line in projection(rates, os.cpu_count() or 1, args.machines):
            print(line)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    main()
