"""The compiled steps of ``match`` against the Python steps they replace, in one process.

Run from the repository root (about a minute)::

    .venv/bin/python -m benchmarks.bench_kernels

Each optional C extension has a Python reference that stays in the code as its
fallback (``framing/_kernel.c`` and ``_unicode_kernel.c`` beside ``framing/_text.py``,
``_offsets_kernel.c`` and ``_offsets.py``, ``voice/_quotes_kernel.c`` and
``voice/_quotes.py``, ``voice/_keys_kernel.c`` and ``voice/_keys.py``). This script
switches them off and on in alternating rounds in one process, so both paths meet the
same machine, and times:

- the engine (``match``'s chunk without voice): normalisation (of ASCII and one-byte
  text, and of any other text), the automaton's one-byte copy, hits mapped back;
- voice (``voices_and_speakers`` on the engine's hits): paragraphs, quotation marks, the
  keys of a hit's window;
- the whole chunk with voice.

on the synthetic benchmark corpus (2,000 documents, 1,000 terms) and, when
``../shared/data`` is there, on the real texts of ``bench_read.py``'s corpora with the
bundled lexicon of their language. Both paths must give the same output (checked every
round); CPU time of this process, best and median of the rounds, microseconds a text.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import warnings
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any
from unittest import mock

import framing
import framing._engine_text as engine_text
import framing._offsets as offsets
import framing._text as text_module
import framing.voice._keys as keys
import framing.voice._quotes as quotes
from benchmarks.bench_read import CORPORA, _paths
from benchmarks.synthetic import make_corpus, make_lexicon
from framing._match_work import _compile
from framing._match_worker import _match_chunk
from framing.voice import voices_and_speakers

# name -> (module, attribute): setting it to None puts that step on its Python path.
SWITCHES = {
    "normalisation": (text_module, "_kernel"),
    "normalisation, other text": (text_module, "_unicode_kernel"),
    "one-byte copy": (engine_text, "_kernel"),
    "offsets": (offsets, "_map_spans"),
    "quotation marks": (quotes, "_quotes_kernel"),
    "window keys": (keys, "_TABLE"),
}
ENGINE = ("normalisation", "normalisation, other text", "one-byte copy", "offsets")
VOICE = ("quotation marks", "window keys")
#: The bundled lexicon for each real corpus (bench_read.py's names).
LEXICONS = {"ruwa": "ukraine_war", "nyt": "ukraine_war", "telegram": "ukraine_war_ru"}
LEXICONS["addresses"] = "ukraine_war_uk"


def python_path(steps: tuple[str, ...]) -> ExitStack:
    """The given steps on their Python path within the block."""
    stack = ExitStack()
    for name in steps:
        stack.enter_context(mock.patch.object(*SWITCHES[name], None))
    return stack


def compare(job: Callable[[], Any], steps: tuple[str, ...], rounds: int) -> tuple[list, list]:
    """CPU seconds of ``job`` on the Python path of ``steps`` and compiled, alternating
    (Python, compiled, compiled, Python, ...); the outputs must be equal."""
    python: list[float] = []
    compiled: list[float] = []
    for number in range(2 * rounds):
        slow = number % 4 in (0, 3)
        started = time.process_time()
        if slow:
            with python_path(steps):
                output = job()
        else:
            output = job()
        (python if slow else compiled).append(time.process_time() - started)
        if number == 0:
            reference = output
        elif output != reference:
            raise AssertionError(f"the two paths differ ({', '.join(steps)})")
    return python, compiled


def _engine_hits(terms, texts: list[str]) -> list[list[tuple[int, int, int]]]:
    from framing._engine import engine_for

    engine = engine_for(terms.specs, rules=terms.rules)
    return [engine.find(text) for text in texts]


def jobs(texts: list[str], lexicon) -> dict[str, tuple[Callable[[], Any], tuple[str, ...]]]:
    terms = _compile(lexicon)
    hits = [[(start, end) for start, end, _ in found] for found in _engine_hits(terms, texts)]
    pairs = [(text, spans) for text, spans in zip(texts, hits, strict=True) if spans]

    def engine():
        return _match_chunk(terms.specs, [texts], False, terms.rules)[:5]

    def voice():
        return [voices_and_speakers(text, spans) for text, spans in pairs]

    def chunk():
        return _match_chunk(terms.specs, [texts], True, terms.rules)[:8]

    return {
        "engine (no voice)": (engine, ENGINE),
        "voice": (voice, VOICE),
        "chunk with voice": (chunk, ENGINE + VOICE),
    }


def real_texts() -> dict[str, tuple[list[str], Any]]:
    """bench_read.py's corpora that are present: their texts and titles, and lexicon."""
    found = {}
    for name in CORPORA:
        paths = _paths(name)
        if not all(path.exists() for path in paths):
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sources = [str(path) for path in paths]
            corpus = framing.read_corpus(
                sources if len(sources) > 1 else sources[0], errors="report"
            )
        texts = [
            value
            for column in ("title", "description", "text")
            if column in corpus.columns
            for value in corpus[column].dropna().tolist()
        ]
        found[name] = (texts[:4000], framing.load_lexicon(LEXICONS[name]))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    missing = [
        name for name, (module, attribute) in SWITCHES.items() if getattr(module, attribute) is None
    ]
    if missing:
        raise SystemExit(f"not built here: {', '.join(missing)} (a C compiler is needed)")
    load = os.getloadavg()
    lexicon = make_lexicon(1000)
    planted = [term.pattern for _, _, term in lexicon.entries()]
    synthetic = make_corpus(arguments.documents, planted=planted)["text"].tolist()
    sets = {"synthetic (benchmark corpus)": (synthetic, lexicon)}
    sets.update(real_texts())
    print(
        f"Made by `benchmarks/bench_kernels.py` on {time.strftime('%Y-%m-%d')}; CPU time of "
        f"one process, {arguments.rounds} rounds of each path, alternating; load average "
        f"{', '.join(f'{x:.2f}' for x in load)} at the start.\n"
    )
    print(
        "| texts | count | job | Python: best / median us | compiled: best / median us "
        "| Python / compiled (medians) |"
    )
    print("|---|---:|---|---:|---:|---:|")
    for name, (texts, lex) in sets.items():
        for job_name, (job, steps) in jobs(texts, lex).items():
            python, compiled = compare(job, steps, arguments.rounds)
            scale = 1e6 / len(texts)
            print(
                f"| {name} | {len(texts):,} | {job_name} | {min(python) * scale:.1f} / "
                f"{statistics.median(python) * scale:.1f} | {min(compiled) * scale:.1f} / "
                f"{statistics.median(compiled) * scale:.1f} | "
                f"{statistics.median(python) / statistics.median(compiled):.2f} |",
                flush=True,
            )
    print(f"\nLoad average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}.")


if __name__ == "__main__":
    main()
