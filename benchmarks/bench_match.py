"""Benchmark framing.match: throughput, speed-up over a per-term pandas loop, growth with
lexicon size, and peak memory streaming a 1 GB corpus file. Writes benchmarks/RESULTS.md.

Run from the repository root (takes a few minutes; ``--quick`` for a smaller run)::

    .venv/bin/python -m benchmarks.bench_match
    .venv/bin/python -m benchmarks.bench_match --quick

Every corpus and lexicon is synthetic and seeded (benchmarks/synthetic.py). Timings are
wall-clock; each is repeated and the best and the median are reported, because the
machine may be shared.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

import framing
from benchmarks.synthetic import make_corpus, make_lexicon

HERE = Path(__file__).resolve().parent


def _megabytes(corpus: pd.DataFrame) -> float:
    return float(corpus["text"].str.len().sum()) / 1e6


def _timed(function, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def throughput(corpus: pd.DataFrame, lexicon, workers: int, voice: bool, repeats: int) -> dict:
    size = _megabytes(corpus)
    framing.match(corpus.head(64), lexicon, fields="text", workers=workers, chunksize=8)
    times = _timed(
        lambda: framing.match(corpus, lexicon, fields="text", workers=workers, voice=voice),
        repeats,
    )
    return {
        "megabytes": size,
        "best_mb_s": size / min(times),
        "median_mb_s": size / statistics.median(times),
        "seconds": times,
    }


def pandas_loop(corpus: pd.DataFrame, lexicon) -> float:
    """MB/s of the loop a researcher would write: one str.count per term."""
    sample = corpus.head(40)
    started = time.perf_counter()
    for _, _, term in lexicon.entries():
        pattern = r"\b" + re.escape(term.pattern.rstrip("*")) + (r"\w*" if term.has_glob else r"\b")
        sample["text"].str.count(pattern, flags=re.IGNORECASE).sum()
    return _megabytes(sample) / (time.perf_counter() - started)


def streaming_memory(megabytes: int, workers: int) -> dict:
    """Write a JSON Lines corpus of ``megabytes`` MB, then iter_corpus + match it in a
    fresh process; return its peak memory (and that of its largest worker)."""
    folder = Path(tempfile.mkdtemp(prefix="framing-bench-"))
    path = folder / "corpus.jsonl"
    lexicon = make_lexicon(1000)
    base = make_corpus(2000, planted=[t.pattern for _, _, t in lexicon.entries()])
    records = base[["outlet", "title", "text"]].to_dict("records")
    written = 0
    number = 0
    with path.open("w", encoding="utf-8") as handle:
        while written < megabytes * 1_000_000:
            record = records[number % len(records)]
            line = json.dumps(
                {"id": f"doc{number:08d}", "published": "2022-03-01", **record},
                ensure_ascii=False,
            )
            handle.write(line + "\n")
            written += len(line) + 1
            number += 1
    code = f"""
import json, resource, time, pandas as pd, framing
from benchmarks.synthetic import make_lexicon
lexicon = make_lexicon(1000)
started = time.perf_counter()
parts, documents = [], 0
for chunk in framing.iter_corpus({str(path)!r}, chunksize=4000, repair=False):
    documents += len(chunk)
    hits = framing.match(chunk, lexicon, workers={workers}, progress=False,
                         columns=("outlet",))
    parts.append(hits)
hits = pd.concat(parts, ignore_index=True)
seconds = time.perf_counter() - started
print(json.dumps({{"documents": documents, "hits": len(hits), "seconds": seconds,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}}))
"""
    try:
        output = subprocess.run(
            [sys.executable, "-c", code],
            check=True,
            capture_output=True,
            text=True,
            cwd=HERE.parent,
        ).stdout
    finally:
        path.unlink()
        folder.rmdir()
    result = json.loads(output.strip().splitlines()[-1])
    result["file_mb"] = written / 1e6
    return result


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{model}, {os.cpu_count()} logical CPUs, Python {platform.python_version()}, "
        f"pandas {pd.__version__}, {platform.system()} {platform.release()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small corpora, one repeat")
    parser.add_argument("--documents", type=int, default=None, help="throughput corpus size")
    parser.add_argument("--stream-mb", type=int, default=None, help="streamed file size")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    arguments = parser.parse_args()
    documents = arguments.documents or (2000 if arguments.quick else 12000)
    stream_mb = arguments.stream_mb or (100 if arguments.quick else 1000)
    repeats = 1 if arguments.quick else 3
    workers = 2

    lexicons = {size: make_lexicon(size) for size in (50, 1000, 10000)}
    planted = [t.pattern for _, _, t in lexicons[1000].entries()]
    corpus = make_corpus(documents, planted=planted)
    print(f"corpus: {len(corpus)} documents, {_megabytes(corpus):.1f} MB", flush=True)

    results: dict = {}
    results["voice"] = throughput(corpus, lexicons[1000], workers, True, repeats)
    results["no_voice"] = throughput(corpus, lexicons[1000], workers, False, repeats)
    results["one_worker"] = throughput(corpus, lexicons[1000], 1, True, repeats)
    print(json.dumps({k: round(v["best_mb_s"], 1) for k, v in results.items()}), flush=True)
    loop = pandas_loop(corpus, lexicons[1000])
    results["loop_mb_s"] = loop
    growth = {}
    for size in (50, 10000):
        growth[size] = throughput(corpus, lexicons[size], workers, True, repeats)
    growth[1000] = results["voice"]
    results["growth"] = growth
    print(f"loop {loop:.4f} MB/s; growth done", flush=True)
    results["stream"] = streaming_memory(stream_mb, workers)
    print(json.dumps(results["stream"]), flush=True)
    write_results(arguments.output, results, len(corpus), workers)


def write_results(path: Path, results: dict, documents: int, workers: int) -> None:
    voice, no_voice, one = results["voice"], results["no_voice"], results["one_worker"]
    loop = results["loop_mb_s"]
    growth = results["growth"]
    stream = results["stream"]
    slow = min(growth[10000]["seconds"]) / min(growth[50]["seconds"])
    lines = [
        "# framing.match benchmark results",
        "",
        f"Made by `benchmarks/bench_match.py` on {datetime.date.today().isoformat()}.",
        f"Machine: {machine()}.",
        "The machine was shared with other jobs while this ran: figures are noisy; best and",
        "median of the repeats are given.",
        "",
        f"Corpus: {documents} synthetic news-like documents of about 600 words",
        f"({voice['megabytes']:.1f} MB of text), lexicon of 1,000 terms (1-3 words, globs),",
        f"{workers} worker processes unless said otherwise. MB = 10^6 characters of text.",
        "",
        "| run | best MB/s | median MB/s |",
        "|---|---:|---:|",
        f"| match, 1,000 terms, voice on, 2 workers | {voice['best_mb_s']:.1f} | "
        f"{voice['median_mb_s']:.1f} |",
        f"| match, 1,000 terms, voice off, 2 workers | {no_voice['best_mb_s']:.1f} | "
        f"{no_voice['median_mb_s']:.1f} |",
        f"| match, 1,000 terms, voice on, 1 process | {one['best_mb_s']:.1f} | "
        f"{one['median_mb_s']:.1f} |",
        f"| per-term `str.count` loop, 1,000 terms (40 documents, scaled) | {loop:.4f} | |",
        "",
        f"Speed-up over the per-term loop in the same run: "
        f"{voice['best_mb_s'] / loop:,.0f}x (voice on), "
        f"{no_voice['best_mb_s'] / loop:,.0f}x (voice off).",
        "",
        "Growth with lexicon size (same corpus, voice on, 2 workers):",
        "",
        "| terms | best seconds | best MB/s |",
        "|---:|---:|---:|",
    ]
    for size in (50, 1000, 10000):
        lines.append(
            f"| {size:,} | {min(growth[size]['seconds']):.2f} | {growth[size]['best_mb_s']:.1f} |"
        )
    lines += [
        "",
        f"Time at 10,000 terms / time at 50 terms: {slow:.2f}x.",
        "",
        f"Streaming: `iter_corpus(chunksize=4000, repair=False)` + `match(workers=2)` over a "
        f"{stream['file_mb']:.0f} MB JSON Lines file ({stream['documents']:,} documents, "
        f"{stream['hits']:,} hits kept in memory as the hits table): "
        f"{stream['seconds']:.0f} s; peak memory of the main process "
        f"{stream['peak_mb']:.0f} MB, of the largest worker process "
        f"{stream['worker_peak_mb']:.0f} MB.",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    print(path.read_text())


if __name__ == "__main__":
    main()
