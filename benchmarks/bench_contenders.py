"""``match`` against what else a user could run, in one interleaved run (issue 16's table).

Run from the repository root (a few minutes; ``--documents 3000 --rounds 2`` for a quick
look)::

    .venv/bin/python -m benchmarks.bench_contenders

The benchmark corpus (``benchmarks/synthetic.py``: 12,000 documents, 43 MB, seeded) and
its 1,000-term lexicon; every contender on 2 worker processes that are already running
(the steady state: pools started and automata compiled before the first round), the
contenders alternating within each round, in an order that rotates from round to round
(10 rounds: each contender twice in each place), and the per-term loop after them:

- ``framing.match``, voice on and off (``fields="text"``): normalisation, exact word
  boundaries, leftmost-longest, sense rules and offsets in the original text;
- ``pyahocorasick + Python boundary checks``: the ~40 lines a user could write
  (``bench_pipeline._automaton_match``): lower-cased text, word boundaries checked in
  Python, overlapping hits all counted;
- ``hyperscan, start of match tracked``: each term a regular expression
  (``\\bterm\\b``, its spaces ``\\s+``, a glob ``\\w*``), case-insensitive, on the raw
  UTF-8 bytes, reporting start and end (``HS_FLAG_SOM_LEFTMOST``);
- ``hyperscan, end only``: the same expressions without start tracking; the start of
  each hit recovered by a Python regular expression over the bytes before its end;
- the per-term ``str.count`` loop a researcher would write, on the first 40 documents
  and scaled by size (it is linear in the text), for the "times the loop" figure: timed
  in every round, the figure the median of the rounds' ratios.

The contenders do less than ``match``: no normalisation (a curly apostrophe or a line
break inside a term is missed), ASCII word boundaries, no leftmost-longest, no voice, no
offsets into the original text; hyperscan finds every overlapping hit. They are the
one-pass limits the issue measured ``match`` against. MB = 10^6 characters of text.
Printed as Markdown with the load average at the start and the end, for RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import framing
from benchmarks.bench_match import pandas_loop
from benchmarks.synthetic import make_corpus, make_lexicon

WORKERS = 2

# -- what each worker process holds: the contender's compiled automaton ---------------
_STATE: dict[str, Any] = {}


def _terms_of(lexicon) -> list[tuple[str, bool]]:
    return [(term.pattern, term.has_glob) for _, _, term in lexicon.entries()]


def _expression(pattern: str, has_glob: bool) -> str:
    words = [re.escape(word) for word in pattern.rstrip("*").split()]
    return r"\b" + r"\s+".join(words) + (r"\w*" if has_glob else r"\b")


def _start(kind: str, terms: list[tuple[str, bool]]) -> None:
    """Compile the contender's automaton in this worker (once, before the timing)."""
    if kind == "pyahocorasick":
        return
    import hyperscan

    expressions = [_expression(pattern, glob).encode() for pattern, glob in terms]
    flags = hyperscan.HS_FLAG_CASELESS
    if kind == "hyperscan_som":
        flags |= hyperscan.HS_FLAG_SOM_LEFTMOST
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    database.compile(
        expressions=expressions,
        ids=list(range(len(expressions))),
        elements=len(expressions),
        flags=flags,
    )
    _STATE["database"] = database
    _STATE["scratch"] = hyperscan.Scratch(database)
    # For the start of a hit found by its end: the expression anchored at the end.
    _STATE["tails"] = [re.compile(expression + rb"\Z", re.IGNORECASE) for expression in expressions]


def _collect(number: int, start: int, end: int, flags: int, found: list) -> None:
    found.append((number, start, end))


def _chunk(kind: str, texts: list[str], terms: list[tuple[str, bool]]) -> int:
    """The number of hits in ``texts`` (each contender's whole work on them)."""
    if kind == "pyahocorasick":
        import pandas as pd

        from benchmarks.bench_pipeline import _automaton_match

        rows = [("", "", pattern, glob) for pattern, glob in terms]
        counts = _automaton_match(pd.DataFrame({"text": texts}), ("text",), rows)
        return int(counts["count"].sum())
    database, scratch, tails = _STATE["database"], _STATE["scratch"], _STATE["tails"]
    hits = 0
    for text in texts:
        data = text.encode("utf-8")
        found: list[tuple[int, int, int]] = []
        database.scan(data, match_event_handler=_collect, context=found, scratch=scratch)
        if kind == "hyperscan_end":
            # The start of each hit: its expression anchored at the end, searched in the
            # 200 bytes before it (longer than any term).
            recovered = []
            for number, _, end in found:
                match = tails[number].search(data, max(0, end - 200), end)
                if match is not None:
                    recovered.append((number, match.start(), end))
            found = recovered
        hits += len(found)
    return hits


def _run_chunk(task: tuple[str, list[str], list[tuple[str, bool]]]) -> int:
    kind, texts, terms = task
    if kind != "pyahocorasick" and "database" not in _STATE:
        _start(kind, terms)
    return _chunk(kind, texts, terms)


def _plain(pool: ProcessPoolExecutor, kind: str, texts: list[str], terms) -> int:
    size = -(-len(texts) // (WORKERS * 4))
    chunks = [(kind, texts[i : i + size], terms) for i in range(0, len(texts), size)]
    return sum(pool.map(_run_chunk, chunks))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=12_000)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args(argv)
    load_start = os.getloadavg()

    lexicon = make_lexicon(1000)
    planted = [term.pattern for _, _, term in lexicon.entries()]
    corpus = make_corpus(args.documents, planted=planted)
    texts = corpus["text"].tolist()
    megabytes = sum(map(len, texts)) / 1e6
    terms = _terms_of(lexicon)

    def framing_match(voice: bool):
        return lambda: len(
            framing.match(
                corpus,
                lexicon,
                fields="text",
                workers=WORKERS,
                classify_voice=voice,
                progress=False,
            )
        )

    # One pool per contender, each worker compiling its automaton once before the timing.
    pools = {
        kind: ProcessPoolExecutor(WORKERS)
        for kind in ("pyahocorasick", "hyperscan_som", "hyperscan_end")
    }
    contenders = {
        "framing.match, voice on": framing_match(True),
        "framing.match, voice off": framing_match(False),
        "pyahocorasick + Python boundary checks": (
            lambda: _plain(pools["pyahocorasick"], "pyahocorasick", texts, terms)
        ),
        "hyperscan on raw UTF-8 bytes, start of match tracked": (
            lambda: _plain(pools["hyperscan_som"], "hyperscan_som", texts, terms)
        ),
        "hyperscan on raw UTF-8 bytes, end only, start recovered per hit": (
            lambda: _plain(pools["hyperscan_end"], "hyperscan_end", texts, terms)
        ),
    }
    hits: dict[str, int] = {}
    for name, run in contenders.items():  # warm up: pools started, automata compiled
        hits[name] = run()
    times: dict[str, list[float]] = {name: [] for name in contenders}
    # The per-term loop runs in every round too: the machine's speed drifts (other jobs
    # on the host), and a ratio of two timings is only fair when both are taken under
    # the same conditions. The ratio reported is the median of the rounds' ratios.
    loops: list[float] = []
    # The order rotates from round to round, so that each contender meets each place in
    # it: in a fixed order framing with voice always ran right after the per-term loop
    # (a few seconds of one-thread work in this process), and its median fell 15-25%
    # below its best where the others' stayed within 10%.
    names = list(contenders)
    for number in range(args.rounds):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            run = contenders[name]
            started = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - started)
        loops.append(pandas_loop(corpus, lexicon))
    for pool in pools.values():
        pool.shutdown()
    load_end = os.getloadavg()

    voice_on = statistics.median(times["framing.match, voice on"])
    print(
        f"Made by `benchmarks/bench_contenders.py` on {time.strftime('%Y-%m-%d')} "
        f"({platform.machine()}, {os.cpu_count()} logical CPUs, Python "
        f"{platform.python_version()}, engine backend "
        f"`{framing._engine.default_backend()}`): {len(texts):,} documents, "
        f"{megabytes:.1f} MB, 1,000 terms, {WORKERS} workers, warm, {args.rounds} "
        f"interleaved rounds, the order rotated each round. Load average "
        f"{', '.join(f'{x:.2f}' for x in load_start)} at the start, "
        f"{', '.join(f'{x:.2f}' for x in load_end)} at the end.\n"
    )
    print("| contender | hits | best MB/s | median MB/s | time / framing voice on |")
    print("|---|---:|---:|---:|---:|")
    for name, seconds in times.items():
        print(
            f"| {name} | {hits[name]:,} | {megabytes / min(seconds):.1f} | "
            f"{megabytes / statistics.median(seconds):.1f} | "
            f"{statistics.median(seconds) / voice_on:.2f} |"
        )

    def times_the_loop(name: str) -> float:
        """The median over the rounds of (MB/s of ``name``) / (MB/s of the loop)."""
        return statistics.median(
            megabytes / seconds / loop for seconds, loop in zip(times[name], loops, strict=True)
        )

    print(
        f"\nPer-term `str.count` loop (40 documents, scaled; run in every round): "
        f"{statistics.median(loops):.4f} MB/s median ({min(loops):.4f}-{max(loops):.4f}); "
        f"framing.match is {times_the_loop('framing.match, voice on'):,.0f}x that with voice "
        f"on, {times_the_loop('framing.match, voice off'):,.0f}x with voice off (medians of "
        "the rounds' ratios)."
    )


if __name__ == "__main__":
    main()
