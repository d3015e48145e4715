"""read_corpus on the real corpora of ../shared/data, beside what pandas alone would run.

Run from the repository root (about two minutes)::

    .venv/bin/python -m benchmarks.bench_read
    .venv/bin/python -m benchmarks.bench_read --rounds 1 --no-write

Each corpus present in ``../shared/data`` (or ``$FRAMING_SHARED/data``), in English,
Russian and Ukrainian, headlines and whole articles:

===============================  ============================================================
corpus                           the plain equivalent
===============================  ============================================================
RUWA headlines (CSV, en)         ``pandas.read_csv``
NYT articles (CSV, en)           ``pandas.read_csv``
Russian Telegram posts (JSON)    ``json.load`` of each export, ``pandas.DataFrame`` of its
                                 list, concatenated
Ukrainian addresses (JSONL, uk)  ``pandas.read_json(lines=True)``
===============================  ============================================================

The plain readers do none of read_corpus's work (text repair, each document's language,
dates, outlets, ids, the load report); the ratio says what that work costs. Its language
step alone (``detect_languages`` on the documents just read, warm) is timed too: its ratio
to the plain reader is a floor under read_corpus's that no other part can lower. Each reader
runs in its own fresh process, which times the first call (imports inside the libraries,
the language model loaded) and ``--warm`` more; rounds alternate which process goes
first. The section between the markers in RESULTS.md is replaced.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import sys
import time
from pathlib import Path

from benchmarks._fresh import fresh_process
from benchmarks._results import write_section

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("FRAMING_SHARED", HERE.parent.parent / "shared"))
START, END = "<!-- bench_read: start -->", "<!-- bench_read: end -->"
#: name: (files under ../shared/data, how the plain process reads them, the description)
CORPORA = {
    "ruwa": (["ruwa/RUWA_04.08.23.csv"], "csv", "RUWA headlines and leads (CSV, en)"),
    "nyt": (["nyt_guardian/NYT_Russia_Ukraine.csv"], "csv", "NYT articles (CSV, en)"),
    "telegram": (
        [
            "ru_telegram_news/1001003921752_messages.json",
            "ru_telegram_news/1001100158992_messages.json",
            "ru_telegram_news/1001101170442_messages.json",
            "ru_telegram_news/1001117628569_messages.json",
            "ru_telegram_news/1001394050290_messages.json",
        ],
        "json",
        "Russian Telegram posts (5 JSON exports, ru)",
    ),
    "addresses": (
        ["resistinua_uk/resistinua_messages_uk.jsonl"],
        "jsonl",
        "Ukrainian officials' addresses (JSON Lines, uk)",
    ),
}


def _paths(name: str) -> list[Path]:
    return [SHARED / "data" / file for file in CORPORA[name][0]]


def framing_reads(name: str, warm: int) -> dict:
    """The first and ``warm`` more read_corpus calls, after importing framing."""
    import framing

    framing.read_corpus  # noqa: B018 - framing loads its stages on first use: not timed
    paths = [str(path) for path in _paths(name)]
    source = paths if len(paths) > 1 else paths[0]
    times = []
    for _ in range(1 + warm):
        started = time.perf_counter()
        corpus = framing.read_corpus(source, errors="report")
        times.append(time.perf_counter() - started)
    fields = ("title", "description", "text")
    characters = sum(int(corpus[field].str.len().sum()) for field in fields)
    # read_corpus's language step alone, warm, on the same documents: a floor under the
    # ratio to the plain reader that no other part of read_corpus can lower.
    from framing.corpus.language import detect_languages

    columns = [
        corpus[field].astype(object).where(corpus[field].notna(), None).tolist() for field in fields
    ]
    documents = list(zip(*columns, strict=True))
    languages = []
    for _ in range(warm):
        started = time.perf_counter()
        detect_languages(documents)
        languages.append(time.perf_counter() - started)
    return {
        "times": times,
        "languages": languages,
        "documents": len(corpus),
        "characters": characters,
    }


def plain_reads(name: str, warm: int) -> dict:
    """The first and ``warm`` more calls of the plain equivalent, after importing pandas."""
    import pandas as pd

    paths, kind = _paths(name), CORPORA[name][1]

    def read() -> pd.DataFrame:
        if kind == "csv":
            return pd.read_csv(paths[0])
        if kind == "jsonl":
            return pd.read_json(paths[0], lines=True)
        frames = []
        for path in paths:
            with path.open(encoding="utf-8") as handle:
                frames.append(pd.DataFrame(json.load(handle)))
        return pd.concat(frames, ignore_index=True)

    times = []
    for _ in range(1 + warm):
        started = time.perf_counter()
        frame = read()
        times.append(time.perf_counter() - started)
    return {"times": times, "documents": len(frame)}


def _child(kind: str, name: str, warm: int) -> dict:
    return fresh_process(
        ["-m", "benchmarks.bench_read", "--child", kind, "--corpus", name, "--warm", str(warm)],
        f"timed {kind}",
    )


def _section(runs: dict, rounds: int, warm: int, loads: list[str]) -> str:
    from benchmarks.bench_match import machine

    lines = [
        START,
        "## read_corpus on the real corpora (bench_read.py)",
        "",
        f"Made by `benchmarks/bench_read.py` on {datetime.date.today().isoformat()}. Machine: "
        f"{machine()}. Load average {loads[0]} at the start, {loads[1]} at the end. Each "
        f"reader in its own fresh process, {rounds} rounds alternating, first call then "
        f"{warm} warm calls; medians (best in brackets). The plain readers do none of "
        "read_corpus's work (repair, languages, dates, outlets, ids, the load report).",
        "",
        "| corpus | documents | M characters | read_corpus first s | plain first s | ratio "
        "| read_corpus warm s | plain warm s | ratio | read_corpus warm MB/s "
        "| languages alone warm s | ratio |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, (files, _, description) in CORPORA.items():
        if name not in runs:
            continue
        ours, plain = runs[name]["framing"], runs[name]["plain"]
        first = [run["times"][0] for run in ours]
        plain_first = [run["times"][0] for run in plain]
        warm_times = [t for run in ours for t in run["times"][1:]]
        plain_warm = [t for run in plain for t in run["times"][1:]]
        languages = [t for run in ours for t in run.get("languages", [])]
        size = sum((SHARED / "data" / file).stat().st_size for file in files) / 1e6

        def cell(values: list[float], digits: int = 2) -> str:
            if not values:  # --warm 0
                return "-"
            return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f})"

        def ratio(ours: list[float], theirs: list[float], digits: int = 0) -> str:
            if not ours or not theirs:
                return "-"
            return f"{statistics.median(ours) / statistics.median(theirs):.{digits}f}"

        speed = f"{size / statistics.median(warm_times):.1f}" if warm_times else "-"
        lines.append(
            f"| {description} | {ours[0]['documents']:,} | {ours[0]['characters'] / 1e6:.1f} "
            f"| {cell(first)} | {cell(plain_first, 3)} | {ratio(first, plain_first)} "
            f"| {cell(warm_times)} | {cell(plain_warm, 3)} | {ratio(warm_times, plain_warm)} "
            f"| {speed} | {cell(languages, 3)} | {ratio(languages, plain_warm, 1)} |"
        )
    lines += [
        "",
        "MB/s: the file's size over the median warm read_corpus. Languages alone: "
        "read_corpus's language step (`framing.corpus.language.detect_languages`, the "
        "compiled batch classifier) on the same documents, warm, in the same process after "
        "the reads; its ratio to the plain warm read is a floor under read_corpus's.",
        "",
        END,
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warm", type=int, default=2, help="warm calls after the first")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--no-write", action="store_true", help="print, leave RESULTS.md")
    parser.add_argument("--child", choices=("framing", "plain"), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", choices=sorted(CORPORA), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        reads = framing_reads if args.child == "framing" else plain_reads
        print(json.dumps(reads(args.corpus, args.warm)))
        return
    present = [name for name in CORPORA if all(path.is_file() for path in _paths(name))]
    if not present:
        sys.exit(f"none of the corpora is in {SHARED / 'data'}")
    load_start = os.getloadavg()
    runs: dict[str, dict[str, list[dict]]] = {n: {"framing": [], "plain": []} for n in present}
    for round_ in range(args.rounds):
        for name in present:
            for kind in ("framing", "plain") if round_ % 2 == 0 else ("plain", "framing"):
                runs[name][kind].append(_child(kind, name, args.warm))
                print(name, kind, json.dumps(runs[name][kind][-1]["times"]), flush=True)
    loads = [", ".join(f"{x:.2f}" for x in load) for load in (load_start, os.getloadavg())]
    section = _section(runs, args.rounds, args.warm, loads)
    print(section)
    if args.no_write:
        return
    write_section(args.output, section, START, END)


if __name__ == "__main__":
    main()
