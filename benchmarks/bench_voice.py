"""Benchmark the voice step (issue 12): time against the number of quotation marks, and
the matching benchmark with voice on against an older checkout of the kit.

Run from the repository root::

    .venv/bin/python -m benchmarks.bench_voice                      # quotation scaling
    .venv/bin/python -m benchmarks.bench_voice --against /tmp/old   # + match A/B

``--against DIR``: DIR holds another checkout of the repository (``git worktree add`` or
``git archive ... | tar -x``). The matching benchmark of ``benchmarks/bench_match.py``
(its ``throughput``: 1,000 terms, voice on, 2 workers, on the same synthetic corpus)
then runs in turns in a fresh process of each checkout, so that both see the same
machine load; best and median of every run of each are printed.

The scaling part needs only ``framing.voice.voices(text, spans)``, which every version
of the kit has, so it can be run against an old checkout too (``PYTHONPATH=DIR``).
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
    return {"seconds": best, "hits": hits, "marks_per_paragraph": marks}


def scaling(documents: int, base: int) -> list[str]:
    lines = [
        f"{documents} one-paragraph documents; voices() on every hit; best of 3 (CPU s).",
        "",
        "| quotes | quotation marks per paragraph | hits | seconds | per hit (us) | vs 1x |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    first = None
    for factor in (1, 4, 16):
        result = time_voices(documents, base * factor)
        first = first or result["seconds"]
        lines.append(
            f"| {factor}x | {result['marks_per_paragraph']:,.0f} | {result['hits']:,} | "
            f"{result['seconds']:.3f} | {result['seconds'] / result['hits'] * 1e6:.1f} | "
            f"{result['seconds'] / first:.1f}x |"
        )
    return lines


_AB_RUN = """
import json, os, sys, statistics
import pandas as pd
sys.path.insert(0, os.getcwd())
from benchmarks.bench_match import throughput
from benchmarks.synthetic import make_lexicon
corpus = pd.read_pickle(sys.argv[1])
result = throughput(corpus, make_lexicon(1000), 2, True, int(sys.argv[2]))
print(json.dumps(result["seconds"]))
"""


def against(directory: Path, documents: int, rounds: int, repeats: int) -> list[str]:
    import json

    from benchmarks.synthetic import make_corpus, make_lexicon

    here = Path(__file__).resolve().parents[1]
    lexicon = make_lexicon(1000)
    corpus = make_corpus(documents, planted=[t.pattern for _, _, t in lexicon.entries()])
    size = float(corpus["text"].str.len().sum()) / 1e6
    seconds: dict[str, list[float]] = {"before": [], "after": []}
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.pickle"  # (Parquet turns the list cells into arrays)
        corpus.to_pickle(path)
        for _ in range(rounds):
            for name, root in (("before", directory), ("after", here)):
                environment = {**os.environ, "PYTHONPATH": str(root)}
                output = subprocess.run(
                    [sys.executable, "-c", _AB_RUN, str(path), str(repeats)],
                    cwd=root,
                    env=environment,
                    capture_output=True,
                    text=True,
                    check=False,
                )
                if output.returncode:
                    raise RuntimeError(f"the {name} checkout failed:\n{output.stderr}")
                seconds[name] += json.loads(output.stdout.strip().splitlines()[-1])
    after_load = os.getloadavg()
    lines = [
        f"match(corpus, 1,000 terms, fields='text', workers=2), voice on; {documents:,} "
        f"synthetic documents ({size:.1f} MB), {rounds} rounds of {repeats} runs each, "
        "checkouts in turns.",
        f"Load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the start, "
        f"{after_load[0]:.2f} {after_load[1]:.2f} {after_load[2]:.2f} at the end.",
        "",
        "| checkout | best s | best MB/s | median s | median MB/s |",
        "|---|---:|---:|---:|---:|",
    ]
    for name in ("before", "after"):
        best, median = min(seconds[name]), statistics.median(seconds[name])
        lines.append(
            f"| {name} | {best:.3f} | {size / best:.1f} | {median:.3f} | {size / median:.1f} |"
        )
    loss = min(seconds["after"]) / min(seconds["before"]) - 1
    lines += ["", f"Time after / before (best): {loss:+.1%}."]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=5, help="documents (scaling)")
    parser.add_argument("--quotes", type=int, default=400, help="quotations per paragraph at 1x")
    parser.add_argument("--against", type=Path, help="another checkout: match A/B")
    parser.add_argument("--ab-documents", type=int, default=12000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=3)
    arguments = parser.parse_args()
    print("\n".join(scaling(arguments.documents, arguments.quotes)), flush=True)
    if arguments.against is not None:
        print()
        ab = against(arguments.against, arguments.ab_documents, arguments.rounds, arguments.repeats)
        print("\n".join(ab))


if __name__ == "__main__":
    main()
