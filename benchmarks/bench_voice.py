"""Benchmark the voice step (issue 12): time against the number of quotation marks, and
the matching benchmark with voice on against an older checkout of the kit.

Run from the repository root::

    .venv/bin/python -m benchmarks.bench_voice                      # quotation scaling
    .venv/bin/python -m benchmarks.bench_voice --against /tmp/old   # + match A/B
    .venv/bin/python -m benchmarks.bench_voice --no-scaling --against /tmp/old \
        --workers 1 --clock cpu                                     # A/B in CPU time

``--against DIR``: DIR holds another checkout of the repository (``git worktree add
--detach /tmp/old <commit>``). The matching benchmark of ``benchmarks/bench_match.py``
(1,000 terms of ``make_lexicon``, the same 12,000-document synthetic corpus, fields
``text``) runs in fresh processes of each checkout in alternation (before, after, after,
before, ...), so that both see the same machine load. Corpus and lexicon table are made
here once and handed to both (the lexicon is rebuilt from its table by each checkout's
``Lexicon``); only ``framing`` differs. Each process times match with voice on, then off,
``--repeats`` times and reports the medians; the figure that counts is the median of the
per-pair ratios (after / before). ``--clock cpu --workers 1`` times the CPU of the one
process, which other jobs on a shared machine disturb less than the wall clock.

The scaling part needs only ``framing.voice.voices(text, spans)``, which every version
of the kit has, so it can be run against an old checkout too (``PYTHONPATH=DIR python
benchmarks/bench_voice.py``, not ``-m``, which puts the current folder first).
Results are printed as Markdown; they are copied by hand into ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from framing.voice import voices

# One quotation of a press release, in turn with every kind of mark: a speech quote, a
# nested single quote, a straight one closed by a curly one, a scare quote, a cue.
_QUOTES = (
    "The minister said: “The invasion of {n} will fail, and we will win.” ",
    "“They call it a ‘special operation’ in {n},” she said of the invasion. ",
    'He added: "the invasion of {n} is a crime” and left. ',
    "Russia staged a sham “referendum” in {n} during the invasion. ",
    "The so-called invasion of {n} went on, as the Kremlin puts it. ",
    "It's the Russians' war in {n}: 'the invasion', one official said. ",
)
TERM = re.compile("invasion")


def press_release(quotes: int, seed: int = 0) -> str:
    """One paragraph (no line breaks, like a press release) with ``quotes`` quotations."""
    return "".join(_QUOTES[(n + seed) % len(_QUOTES)].format(n=n) for n in range(quotes))


def time_voices(documents: int, quotes: int, repeats: int = 3) -> dict:
    texts = [press_release(quotes, seed) for seed in range(documents)]
    spans = [[(m.start(), m.end()) for m in TERM.finditer(text)] for text in texts]
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        for text, found in zip(texts, spans, strict=True):
            voices(text, found)
        best = min(best, time.process_time() - started)
    marks = sum(len(re.findall("[\"“”‘’']", text)) for text in texts) / documents
    hits = sum(len(found) for found in spans)
    characters = sum(len(text) for text in texts) / documents
    return {"seconds": best, "hits": hits, "marks_per_paragraph": marks, "characters": characters}


def scaling(documents: int, base: int) -> list[str]:
    load = os.getloadavg()
    lines = [
        f"{documents} one-paragraph documents (no line breaks) of {base:,} x 1/4/16 "
        "quotations; voices() on every hit; best of 3 (CPU s of one process).",
        f"Load average at the start: {', '.join(f'{x:.2f}' for x in load)}.",
        "",
        "| quotes | paragraph length (characters) | quotation marks per paragraph | hits "
        "| seconds | per hit (us) | vs 1x |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    first = None
    for factor in (1, 4, 16):
        result = time_voices(documents, base * factor)
        first = first or result["seconds"]
        lines.append(
            f"| {factor}x | {result['characters']:,.0f} | {result['marks_per_paragraph']:,.0f} | "
            f"{result['hits']:,} | {result['seconds']:.3f} | "
            f"{result['seconds'] / result['hits'] * 1e6:.1f} | {result['seconds'] / first:.1f}x |"
        )
    lines.append(f"Load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}.")
    return lines


# Run in a fresh process of one checkout (cwd and PYTHONPATH: that checkout), so that
# `framing` is that checkout's code; everything else (corpus, lexicon, timing) is the same.
_AB_RUN = """
import inspect, json, statistics, sys, time
import pandas as pd
import framing
from framing import Lexicon
corpus = pd.read_pickle(sys.argv[1])
lexicon = Lexicon.from_dataframe(pd.read_pickle(sys.argv[2]), name="synthetic_1000", version="1")
repeats, workers = int(sys.argv[3]), int(sys.argv[4])
clock = time.process_time if sys.argv[5] == "cpu" else time.perf_counter
parameters = inspect.signature(framing.match).parameters
key = "classify_voice" if "classify_voice" in parameters else "voice"  # renamed in issue 12
options = {"fields": "text", "workers": workers, "progress": False}
framing.match(corpus.head(64), lexicon, chunksize=8, **options)  # start the pool
result = {}
for voice in (True, False):
    times = []
    for _ in range(repeats):
        started = clock()
        hits = framing.match(corpus, lexicon, **options, **{key: voice})
        times.append(clock() - started)
    result["on" if voice else "off"] = statistics.median(times)
    if voice:
        result["hits"] = len(hits)
        result["voices"] = {str(k): int(v) for k, v in hits["voice"].value_counts().items()}
print(json.dumps(result))
"""


def _run_checkout(root: Path, arguments: list[str]) -> dict:
    import json

    output = subprocess.run(
        [sys.executable, "-c", _AB_RUN, *arguments],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        check=False,
    )
    if output.returncode:
        raise RuntimeError(f"the checkout {root} failed:\n{output.stderr}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def against(directory: Path, documents: int, rounds: int, repeats: int, workers: int,
            clock: str) -> list[str]:  # fmt: skip
    """match(voice on and off) of ``directory`` ("before") and this checkout ("after") in
    alternating fresh processes (before, after, after, before, ...); per-pair ratios."""
    import pandas as pd

    from benchmarks.synthetic import make_corpus, make_lexicon

    here = Path(__file__).resolve().parents[1]
    lexicon = make_lexicon(1000)
    table = pd.DataFrame(
        [(c.name, v.name, t.pattern) for c, v, t in lexicon.entries()],
        columns=["concept", "variant", "term"],
    )
    corpus = make_corpus(documents, planted=list(table["term"]))
    size = float(corpus["text"].str.len().sum()) / 1e6
    runs: dict[str, list[dict]] = {"before": [], "after": []}
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder:
        corpus_path, lexicon_path = Path(folder) / "corpus.pickle", Path(folder) / "lexicon.pickle"
        corpus.to_pickle(corpus_path)  # (Parquet turns the list cells into arrays)
        table.to_pickle(lexicon_path)
        arguments = [str(corpus_path), str(lexicon_path), str(repeats), str(workers), clock]
        for round_ in range(rounds):
            order = ("before", "after") if round_ % 2 == 0 else ("after", "before")
            for name in order:
                root = directory if name == "before" else here
                runs[name].append(_run_checkout(root, arguments))
                print(f"round {round_ + 1} {name}: {runs[name][-1]}", file=sys.stderr, flush=True)
    after_load = os.getloadavg()
    timing = "CPU s of the one process" if clock == "cpu" else "wall-clock s"
    lines = [
        f"match(corpus, 1,000 terms, fields='text', workers={workers}); {documents:,} synthetic "
        f"documents ({size:.1f} MB); {rounds} pairs of fresh processes, one per checkout, in "
        f"alternation (before, after, after, before, ...); each process times voice on, then "
        f"voice off, {repeats} times each and gives the median ({timing}).",
        f"Load average: {', '.join(f'{x:.2f}' for x in load)} at the start, "
        f"{', '.join(f'{x:.2f}' for x in after_load)} at the end. "
        f"Hits: before {runs['before'][0]['hits']:,}, after {runs['after'][0]['hits']:,}; "
        f"voices before {runs['before'][0]['voices']}, after {runs['after'][0]['voices']}.",
        "",
        "| voice | before: best / median s | after: best / median s | after/before per pair: "
        "median (range) | after MB/s (median) |",
        "|---|---:|---:|---:|---:|",
    ]
    for key in ("on", "off"):
        before = [run[key] for run in runs["before"]]
        after = [run[key] for run in runs["after"]]
        ratios = [a / b for a, b in zip(after, before, strict=True)]
        lines.append(
            f"| {key} | {min(before):.3f} / {statistics.median(before):.3f} | "
            f"{min(after):.3f} / {statistics.median(after):.3f} | "
            f"{statistics.median(ratios):.3f} ({min(ratios):.3f}-{max(ratios):.3f}) | "
            f"{size / statistics.median(after):.1f} |"
        )
    cost = {name: statistics.median(run["on"] - run["off"] for run in runs[name]) for name in runs}
    lines += [
        "",
        f"Voice's own time (on - off, median over the processes): before {cost['before']:.3f} s, "
        f"after {cost['after']:.3f} s.",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=5, help="documents (scaling)")
    parser.add_argument("--quotes", type=int, default=400, help="quotations per paragraph at 1x")
    parser.add_argument("--against", type=Path, help="another checkout: match A/B")
    parser.add_argument("--ab-documents", type=int, default=12000)
    parser.add_argument("--rounds", type=int, default=6, help="pairs of processes")
    parser.add_argument("--repeats", type=int, default=3, help="runs per process (median)")
    parser.add_argument("--workers", type=int, default=2, help="match workers (A/B)")
    parser.add_argument(
        "--clock", choices=("wall", "cpu"), default="wall", help="cpu: CPU time, --workers 1"
    )
    parser.add_argument("--no-scaling", action="store_true", help="only the A/B")
    arguments = parser.parse_args()
    if arguments.clock == "cpu" and arguments.workers != 1:
        parser.error("--clock cpu measures one process: use --workers 1")
    if not arguments.no_scaling:
        print("\n".join(scaling(arguments.documents, arguments.quotes)), flush=True)
    if arguments.against is not None:
        print()
        ab = against(
            arguments.against.resolve(),
            arguments.ab_documents,
            arguments.rounds,
            arguments.repeats,
            arguments.workers,
            arguments.clock,
        )
        print("\n".join(ab))


if __name__ == "__main__":
    main()
