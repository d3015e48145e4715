"""The first call of ``framing.match`` in a fresh process, as a notebook user meets it.

Run from the repository root (a few minutes)::

    .venv/bin/python -m benchmarks.bench_first_call            # 12,000 documents, ~43 MB
    .venv/bin/python -m benchmarks.bench_first_call --documents 3000 --rounds 3

The corpus (``benchmarks/synthetic.py``, seeded) and the 1,000-term lexicon are written
once to a temporary folder. Then, in alternating rounds, each contender runs in its own
fresh Python process, which imports framing, reads the corpus and the lexicon, and times
(voice on, ``fields="text"``):

- ``default``: ``match`` with the default ``workers`` (what a user gets: this process
  below ``COLD_PARALLEL_THRESHOLD`` characters when no workers are running);
- ``one process``: ``workers=1``;
- ``2 workers, first``: ``workers=2`` in a fresh process, so the pool starts in the call;
- ``2 workers, second``: the next call in that same process, with the pool warm.

The import of framing and of ``match`` is timed apart (it is paid once a session,
whatever the call; framing loads its stages on first use, so ``from framing import
match`` is where the matching code is imported).
Printed as Markdown with the load average at the start and the end, for RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
from pathlib import Path

from benchmarks._fresh import fresh_process

_CHILD = r"""
import json, sys, time
started = time.perf_counter()
import pandas as pd
import framing
from framing import match  # framing loads its stages on first use: part of the import
imported = time.perf_counter() - started
corpus = framing.read_corpus(sys.argv[1])
lexicon = framing.read_lexicon(sys.argv[2])
workers = None if sys.argv[3] == "default" else int(sys.argv[3])
times = []
for _ in range(int(sys.argv[4])):
    begun = time.perf_counter()
    match(corpus, lexicon, fields="text", workers=workers, progress=False)
    times.append(time.perf_counter() - begun)
print(json.dumps({"import": imported, "calls": times}))
"""

CONTENDERS = {
    "default": ("default", 1),
    "one process": ("1", 1),
    "2 workers (pool started in the call), then the same process again": ("2", 2),
}


def _run(corpus: Path, lexicon: Path, workers: str, calls: int) -> dict:
    return fresh_process(["-c", _CHILD, str(corpus), str(lexicon), workers, str(calls)])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=12_000)
    parser.add_argument("--terms", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    import framing
    from benchmarks.synthetic import make_corpus, make_lexicon

    folder = Path(tempfile.mkdtemp(prefix="framing-first-call-"))
    # The benchmark corpus of bench_match.py and bench_contenders.py: the 1,000-term
    # lexicon's terms planted in it (2.1 hits a document). Before 2026-11-28 (fifth
    # session) this script planted none (0.6 hits a document), a lighter load for voice.
    lexicon = make_lexicon(args.terms)
    planted = [term.pattern for _, _, term in make_lexicon(1000).entries()]
    corpus = make_corpus(args.documents, planted=planted)
    megabytes = float(corpus["text"].str.len().sum()) / 1e6
    framing.write_corpus(corpus, folder / "corpus.parquet")
    lexicon.to_yaml(folder / "lexicon.yaml")
    load_start = os.getloadavg()
    results: dict[str, list[dict]] = {name: [] for name in CONTENDERS}
    for _ in range(args.rounds):  # interleaved: each round runs every contender once
        for name, (workers, calls) in CONTENDERS.items():
            results[name].append(
                _run(folder / "corpus.parquet", folder / "lexicon.yaml", workers, calls)
            )
    load_end = os.getloadavg()

    def row(label: str, seconds: list[float]) -> str:
        median = statistics.median(seconds)
        return f"| {label} | {min(seconds):.2f} / {median:.2f} | {megabytes / median:.1f} |"

    print(
        f"{args.documents:,} documents, {megabytes:.1f} MB of text, {args.terms:,} terms, "
        f"voice on, {args.rounds} interleaved rounds, {os.cpu_count()} CPUs. "
        f"Load average {', '.join(f'{x:.2f}' for x in load_start)} at the start, "
        f"{', '.join(f'{x:.2f}' for x in load_end)} at the end.\n"
    )
    print("| call | best / median s | MB/s (median) |")
    print("|---|---:|---:|")
    print(
        row("default, first call in a fresh process", [r["calls"][0] for r in results["default"]])
    )
    print(
        row("one process (workers=1), first call", [r["calls"][0] for r in results["one process"]])
    )
    pooled = results["2 workers (pool started in the call), then the same process again"]
    print(row("2 workers, first call (starts the pool)", [r["calls"][0] for r in pooled]))
    print(row("2 workers, second call (pool warm)", [r["calls"][1] for r in pooled]))
    imports = [r["import"] for rs in results.values() for r in rs]
    print(f"\nImporting framing (once a session): median {statistics.median(imports):.2f} s.")


if __name__ == "__main__":
    main()
