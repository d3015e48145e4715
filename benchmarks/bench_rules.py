"""Benchmark the sense rules: framing.match at 1,000 terms with and without 100 exclusions
and 50 context conditions. Writes its section of benchmarks/RESULTS.md.

Run from the repository root (a few minutes; ``--quick`` for a smaller run)::

    .venv/bin/python -m benchmarks.bench_rules
    .venv/bin/python -m benchmarks.bench_rules --quick

The two lexicons are timed in alternation (plain, rules, rules, plain, ...) on the same
corpus, so that both see the same load on a shared machine; the figure that counts is the
median of the per-pair ratios (time with rules / time without).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import re
import statistics
import time
from pathlib import Path

import pandas as pd

import framing
from benchmarks.bench_match import _megabytes, machine
from benchmarks.synthetic import english_words, make_corpus, make_lexicon
from framing.audit import audit_rules
from framing.lexicon.model import Condition, Context, Exclusion, Lexicon

HERE = Path(__file__).resolve().parent
START, END = "<!-- bench_rules: start -->", "<!-- bench_rules: end -->"


def rules_lexicon(
    base: Lexicon, exclusions: int = 100, conditions: int = 50, seed: int = 11
) -> Lexicon:
    """``base`` with ``exclusions`` exclusions and ``conditions`` context conditions.

    Exclusions extend a plain term by a frequent word after it ("gun violence" ->
    "gun violence rates"), so that they compete with the term in leftmost-longest matching;
    conditions sit on other terms, alternately ``if_near`` and ``unless_near``, each with
    eight words of frequency ranks 50-2,000 within six words.
    """
    rng = random.Random(seed)
    words, _ = english_words()
    common = [w for w in words[50:2000] if w.isalpha() and len(w) > 2]
    entries = [(c, v, t) for c, v, t in base.entries() if not t.has_glob]
    rng.shuffle(entries)
    keys = {t.pattern.lower() for _, _, t in base.entries()}
    made: list[Exclusion] = []
    used = set()
    for _, _, term in entries:
        if len(made) == exclusions:
            break
        phrase = f"{term.pattern} {rng.choice(common)}"
        if phrase.lower() in keys:
            continue
        made.append(Exclusion(phrase))
        used.add(term.pattern)
    rules = []
    for concept, variant, term in entries:
        if len(rules) == conditions:
            break
        if term.pattern in used:
            continue
        context = Context(6, words=tuple(rng.sample(common, 8)))
        kind = "if_near" if len(rules) % 2 else "unless_near"
        rules.append(Condition(concept.name, variant.name, term.pattern, **{kind: context}))
    return Lexicon(
        base.name + "_rules",
        base.concepts,
        version=base.version,
        exclusions=tuple(made),
        conditions=tuple(rules),
    )


def timed(function, clock=time.perf_counter) -> float:
    started = clock()
    function()
    return clock() - started


def interleaved(corpus: pd.DataFrame, plain: Lexicon, ruled: Lexicon, workers: int,
                voice: bool, repeats: int, clock=time.perf_counter) -> dict:  # fmt: skip
    """Time both lexicons in alternation; return their times and the per-pair ratios.

    ``clock=time.process_time`` (one process only) measures the CPU time of this process,
    which other jobs on the machine disturb far less than the wall clock.
    """

    def run(lexicon: Lexicon) -> float:
        return timed(
            lambda: framing.match(
                corpus,
                lexicon,
                fields="text",
                workers=workers,
                classify_voice=voice,
                progress=False,
            ),
            clock,
        )

    for lexicon in (plain, ruled):  # start the pool, compile both engines in every worker
        framing.match(
            corpus.head(400), lexicon, fields="text", workers=workers, chunksize=25, progress=False
        )
    plain_times, ruled_times = [], []
    for repeat in range(repeats):
        order = (plain, ruled) if repeat % 2 == 0 else (ruled, plain)
        for lexicon in order:
            (plain_times if lexicon is plain else ruled_times).append(run(lexicon))
    ratios = [r / p for p, r in zip(plain_times, ruled_times, strict=True)]
    return {"plain": plain_times, "rules": ruled_times, "ratios": ratios}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small corpus, few repeats")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    arguments = parser.parse_args()
    documents, repeats = (2000, 3) if arguments.quick else (12000, 9)
    plain = make_lexicon(1000)
    ruled = rules_lexicon(plain)
    planted = [t.pattern for _, _, t in plain.entries()] + [e.pattern for e in ruled.exclusions]
    corpus = make_corpus(documents, planted=planted)
    load_before = os.getloadavg()
    audit = audit_rules(corpus, ruled, by=(), fields="text", voice=False, workers=2, progress=False)
    cpu = max(4, repeats - 2)
    results = {
        "voice on, 2 workers": interleaved(corpus, plain, ruled, 2, True, repeats),
        "voice off, 2 workers": interleaved(corpus, plain, ruled, 2, False, repeats),
        "voice on, 1 process, CPU time": interleaved(
            corpus, plain, ruled, 1, True, cpu, clock=time.process_time
        ),
        "voice off, 1 process, CPU time": interleaved(
            corpus, plain, ruled, 1, False, cpu, clock=time.process_time
        ),
    }
    load_after = os.getloadavg()
    write(arguments.output, corpus, plain, ruled, audit, results, load_before, load_after)


def write(path, corpus, plain, ruled, audit, results, load_before, load_after) -> None:
    size = _megabytes(corpus)
    kinds = audit.removed["rule_kind"].value_counts()
    without = len(audit.hits) + len(audit.removed) - len(audit.added)
    lines = [
        START,
        "## Sense rules: 1,000 terms with 100 exclusions and 50 conditions",
        "",
        f"Made by `benchmarks/bench_rules.py` on {datetime.date.today().isoformat()}, engine "
        f"`{framing._engine.default_backend()}`. Machine: {machine()}. Load average "
        f"{', '.join(f'{x:.2f}' for x in load_before)} at the start, "
        f"{', '.join(f'{x:.2f}' for x in load_after)} at the end: the machine was shared, so "
        "the two lexicons were timed in alternation (plain, rules, rules, plain, ...) and the "
        "figure that counts is the median of the per-pair ratios. The wall clock of a loaded "
        "machine wobbles (other jobs take the cores); the CPU time of one process, measured "
        "the same way, is the steadier figure.",
        "",
        f"- Corpus: {len(corpus):,} synthetic documents ({size:.1f} MB; "
        "`benchmarks/synthetic.py`), the 1,000 terms and the 100 exclusion phrases planted "
        "0-3 times a document.",
        f"- Lexicons: `make_lexicon(1000)`, and the same with {len(ruled.exclusions)} "
        f"exclusions (a plain term and a frequent word after it, competing with the term in "
        f"leftmost-longest matching) and {len(ruled.conditions)} conditions (on other terms, "
        "alternately `if_near` and `unless_near`, eight words of frequency ranks 50-2,000 "
        "within six words).",
        f"- The rules at work: {without:,} hits without rules; exclusions removed "
        f"{int(kinds.get('exclusion', 0) + kinds.get('shifted', 0)):,}, conditions "
        f"{int(kinds.get('if_near', 0) + kinds.get('unless_near', 0)):,}; "
        f"{len(audit.hits):,} counted.",
        "- `match(corpus, lexicon, fields='text', workers=...)`, pool started and both "
        "engines compiled before timing.",
        "",
        "| run | pairs | without rules: best / median s | with rules: best / median s "
        "| ratio: median (range) | MB/s with rules (median) | within 15%? |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for name, run in results.items():
        ratio = statistics.median(run["ratios"])
        lines.append(
            f"| {name} | {len(run['ratios'])} | {min(run['plain']):.2f} / "
            f"{statistics.median(run['plain']):.2f} | {min(run['rules']):.2f} / "
            f"{statistics.median(run['rules']):.2f} | {ratio:.3f} ({min(run['ratios']):.3f}-"
            f"{max(run['ratios']):.3f}) | {size / statistics.median(run['rules']):.1f} | "
            f"{'yes' if ratio <= 1.15 else '**no**'} |"
        )
    lines += ["", END]
    section = "\n".join(lines)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), section, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
    print(section)


if __name__ == "__main__":
    main()
