"""Where ``match``'s time goes as the lexicon grows: the automaton's scan, the rest of the
engine, voice; one process, CPU time a document.

Run from the repository root (about a minute)::

    .venv/bin/python -m benchmarks.bench_growth
    .venv/bin/python -m benchmarks.bench_growth --documents 1000 --rounds 1 --no-write

``bench_match.py`` times the whole of ``match`` on 2 workers at 50, 1,000 and 10,000
terms (issue 16 wants the 10,000-term run within 2x the 50-term run, voice on). This
script splits that time, on the first ``--documents`` documents of the same corpus and
the same lexicons (``benchmarks/synthetic.py``), in this process:

- the automaton's scan alone: the engine's own automaton over the one-byte copies the
  engine gives it (``framing._automata``; the default backend, and every other backend
  installed, at each size), its matches reported to Python as the engine takes them;
- ``match``'s chunk without voice (``_match_chunk``: normalisation, the scan, word
  boundaries, leftmost-longest, sense rules, offsets mapped back);
- the same chunk with voice.

Rounds alternate the sizes; each figure is the best round's CPU time (this process's)
over the documents, in microseconds a document. The scan alone at 10,000 terms against
the whole chunk at 50 terms says how far any change outside the scan can bring the
growth. The section between the markers in RESULTS.md is replaced.
"""

from __future__ import annotations

import argparse
import datetime
import os
import time
from pathlib import Path
from typing import Any
from unittest import mock

from benchmarks._results import write_section
from benchmarks.bench_match import machine
from benchmarks.synthetic import make_corpus, make_lexicon
from framing._automata import available_backends
from framing._engine import default_backend, engine_for
from framing._match_work import _compile
from framing._match_worker import _match_chunk

HERE = Path(__file__).resolve().parent
START, END = "<!-- bench_growth: start -->", "<!-- bench_growth: end -->"
SIZES = (50, 1000, 10000)


def _anchored_copies(terms: Any, texts: list[str]) -> list[bytes]:
    """The one-byte copies the engine hands its automaton for ``texts``."""
    engine = engine_for(terms.specs, rules=terms.rules)
    with mock.patch.object(engine, "_find_one_byte", wraps=engine._find_one_byte) as spy:
        for text in texts:
            engine.find(text)
    return [call.args[0] for call in spy.call_args_list]


def _scanner(terms: Any, backend: str) -> Any:
    """The engine's one-byte automaton for ``backend`` (compiled here, not timed)."""
    engine = engine_for(terms.specs, backend=backend, rules=terms.rules)
    automaton = engine._one_byte_automaton()
    return automaton[0] if automaton else None


def _cpu(job) -> float:
    started = time.process_time()
    job()
    return time.process_time() - started


def measure(documents: int, rounds: int) -> dict[str, Any]:
    lexicons = {size: make_lexicon(size) for size in SIZES}
    planted = [term.pattern for _, _, term in lexicons[1000].entries()]
    texts = make_corpus(documents, planted=planted)["text"].tolist()
    backends = [default_backend()] + [b for b in available_backends() if b != default_backend()]
    jobs: dict[tuple[int, str], Any] = {}
    hits: dict[int, float] = {}
    copies: dict[int, int] = {}
    for size in SIZES:
        terms = _compile(lexicons[size])
        anchored = _anchored_copies(terms, texts)
        copies[size] = len(anchored)
        for backend in backends:
            scanner = _scanner(terms, backend)
            jobs[size, f"scan, {backend}"] = lambda s=scanner, a=anchored: [s.ends(x) for x in a]
        for voice in (False, True):
            jobs[size, f"chunk, voice {'on' if voice else 'off'}"] = lambda t=terms, v=voice: (
                _match_chunk(t.specs, [texts], v, t.rules)
            )
        hits[size] = len(_match_chunk(terms.specs, [texts], False, terms.rules)[2]) / len(texts)
    for job in jobs.values():  # warm: automata built, caches filled
        job()
    best: dict[tuple[int, str], float] = {}
    for number in range(rounds):
        order = list(jobs) if number % 2 == 0 else list(reversed(jobs))
        for key in order:
            seconds = _cpu(jobs[key])
            best[key] = min(best.get(key, seconds), seconds)
    return {
        "per_document_us": {key: value / len(texts) * 1e6 for key, value in best.items()},
        "hits": hits,
        "copies": copies,
        "backends": backends,
        "documents": len(texts),
        "rounds": rounds,
    }


def section(found: dict[str, Any], loads: list[str]) -> str:
    cost = found["per_document_us"]
    backend = found["backends"][0]
    lines = [
        START,
        "## Where match's time goes as the lexicon grows (bench_growth.py)",
        "",
        f"Made by `benchmarks/bench_growth.py` on {datetime.date.today().isoformat()}. "
        f"Machine: {machine()}. Load average {loads[0]} at the start, {loads[1]} at the end. "
        f"One process, the first {found['documents']:,} documents of bench_match's corpus and "
        f"its lexicons; CPU microseconds a document, best of {found['rounds']} rounds, the "
        "sizes alternating.",
        "",
        "| terms | hits a document | "
        + "".join(f"scan alone, {b} | " for b in found["backends"])
        + "chunk, voice off | chunk, voice on |",
        "|---:|---:|" + "---:|" * len(found["backends"]) + "---:|---:|",
    ]
    for size in SIZES:
        scans = "".join(f" {cost[size, f'scan, {b}']:.1f} |" for b in found["backends"])
        lines.append(
            f"| {size:,} | {found['hits'][size]:.1f} |{scans} "
            f"{cost[size, 'chunk, voice off']:.1f} | {cost[size, 'chunk, voice on']:.1f} |"
        )
    small, large = SIZES[0], SIZES[-1]
    base = cost[small, "chunk, voice on"]
    scan = {size: cost[size, f"scan, {backend}"] for size in SIZES}
    fastest = min(cost[large, f"scan, {b}"] for b in found["backends"])
    more_hits = found["hits"][large] - found["hits"][small]
    # Per extra hit: the engine's work beside the scan, and voice's.
    engine_hit = (
        (cost[large, "chunk, voice off"] - scan[large])
        - (cost[small, "chunk, voice off"] - scan[small])
    ) / more_hits
    voice = {size: cost[size, "chunk, voice on"] - cost[size, "chunk, voice off"] for size in SIZES}
    voice_hit = (voice[large] - voice[small]) / more_hits
    room = 2 * base - fastest - (cost[small, "chunk, voice off"] - scan[small])
    lines += [
        "",
        f"Scan alone: `{backend}` (the default) first, then the other backends installed, "
        f"each over the same one-byte copies ({found['copies'][large]:,} of "
        f"{found['documents']:,} documents). Growth from {small:,} to {large:,} terms in one "
        f"process: {cost[large, 'chunk, voice on'] / base:.2f}x with voice, "
        f"{cost[large, 'chunk, voice off'] / cost[small, 'chunk, voice off']:.2f}x without.",
        "",
        f"Under 2x the {small:,}-term chunk with voice ({base:.1f} us) means at most "
        f"{2 * base:.1f} us at {large:,} terms. The fastest scan alone takes {fastest:.1f} of "
        f"them, and the engine's work a document beside its scan "
        f"{cost[small, 'chunk, voice off'] - scan[small]:.1f} more; that leaves {room:.1f} us "
        f"for the {more_hits:.1f} more hits a document: {room / more_hits:.1f} us a hit, "
        f"where each costs {engine_hit:.1f} us in the engine (word boundaries, rules, "
        f"leftmost-longest, offsets, the matched text) and {voice_hit:.1f} us in voice now.",
        "",
        END,
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--no-write", action="store_true", help="print, leave RESULTS.md")
    args = parser.parse_args(argv)
    load_start = os.getloadavg()
    found = measure(args.documents, args.rounds)
    loads = [", ".join(f"{x:.2f}" for x in load) for load in (load_start, os.getloadavg())]
    text = section(found, loads)
    print(text)
    if args.no_write:
        return
    write_section(args.output, text, START, END)


if __name__ == "__main__":
    main()
