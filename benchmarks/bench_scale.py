"""The pipeline on dask at scale: read -> deduplicate -> match -> score -> compare_groups.

Not part of CI (it takes from minutes to an hour). Run from the repository root::

    python benchmarks/bench_scale.py --documents 100000      # the 10x smaller run
    python benchmarks/bench_scale.py --documents 1000000     # 1 million documents

What it does:

1. Writes a seeded synthetic corpus as Parquet shards with ``framing.write_corpus``
   (``--shard-size`` documents a shard), on the cluster. Documents are about
   ``--words`` words drawn with their real English frequencies (the vocabulary of
   ``benchmarks/synthetic.py``), in sentences, with 0-3 lexicon phrases planted in each;
   1 in 50 documents reprints one of 2,000 wire stories word for word and 1 in 50 is
   a near copy (two words changed) of an earlier document of its shard, so
   ``deduplicate`` has exact and near copies to find, across shards too.
2. On a LocalCluster of 2 worker processes (1 thread each, ``--memory-limit`` each),
   times each stage as a user runs it, each to its end (results persisted or computed):
   ``read_corpus_dask`` of the shards, ``deduplicate(drop=True)``, ``match`` (a lexicon
   of ``--terms`` terms, columns outlet), ``score(by="outlet")`` with 1,000 bootstrap
   resamples, and ``compare_groups(by="outlet", ngram_range=(1, 1))``.
3. Samples every worker's resident memory (and the client's) every half second, and
   reports per stage: seconds, documents per second, MB of text per second, and the
   peak resident memory of each worker and of the client.

Writes a JSON record to ``--out`` (default ``benchmarks/scale-<documents>.json``; the
figures so far to ``scale-<documents>.partial.json`` after each stage, for a run that
is stopped) and prints a Markdown table for ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import shutil
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

BENCHMARKS = str(Path(__file__).resolve().parent)
sys.path.insert(0, BENCHMARKS)

WIRE_STORIES = 2_000


# -- the corpus ------------------------------------------------------------------------------
def _vocabulary() -> tuple[np.ndarray, np.ndarray]:
    if BENCHMARKS not in sys.path:  # on a worker
        sys.path.insert(0, BENCHMARKS)
    import synthetic

    words, counts = synthetic.english_words()
    cumulative = np.cumsum(np.asarray(counts, dtype=np.float64))
    return np.asarray(words, dtype=object), cumulative / cumulative[-1]


def _text(rng: np.random.Generator, words: np.ndarray, cumulative: np.ndarray, size: int,
          planted: list[str]) -> str:  # fmt: skip
    tokens = words[np.searchsorted(cumulative, rng.random(size))].tolist()
    for _ in range(int(rng.choice([0, 1, 1, 2, 2, 3]))):
        tokens[int(rng.integers(size))] = planted[int(rng.integers(len(planted)))]
    sentences, start = [], 0
    while start < size:
        length = int(rng.integers(10, 29))
        sentence = " ".join(tokens[start : start + length])
        sentences.append(sentence[:1].upper() + sentence[1:] + ".")
        start += length
    return " ".join(sentences)


def write_shard(number: int, folder: str, shard_size: int, words_per_document: int,
                seed: int, planted: list[str]) -> int:  # fmt: skip
    """Write shard ``number`` (its documents depend only on the seed and the number)."""
    import framing
    from framing.corpus.schema import conform

    words, cumulative = _vocabulary()
    rng = np.random.default_rng([seed, number + 1])
    texts: list[str] = []
    for _ in range(shard_size):
        draw = rng.random()
        if draw < 0.02:  # a wire story, word for word (its words depend on the story only)
            story = int(rng.integers(WIRE_STORIES))
            story_rng = np.random.default_rng([seed, 0, story])
            texts.append(_text(story_rng, words, cumulative, words_per_document, planted))
        elif draw < 0.04 and texts:  # a near copy of an earlier document of the shard
            tokens = texts[int(rng.integers(len(texts)))].split(" ")
            for _ in range(2):
                tokens[int(rng.integers(len(tokens)))] = str(words[int(rng.integers(5000))])
            texts.append(" ".join(tokens))
        else:
            texts.append(_text(rng, words, cumulative, words_per_document, planted))
    first = number * shard_size
    outlets = [f"Outlet {(first + i) % 7}" for i in range(shard_size)]
    corpus = conform(
        pd.DataFrame(
            {
                "doc_id": [f"doc{first + i:08d}" for i in range(shard_size)],
                "outlet": outlets,
                "published": pd.Timestamp("2022-02-24", tz="UTC")
                + pd.to_timedelta(rng.integers(0, 365, shard_size), unit="D"),
                "title": [text[:60] for text in texts],
                "text": texts,
            }
        )
    )
    framing.write_corpus(corpus, Path(folder) / f"part-{number:05d}.parquet")
    return int(sum(len(text) for text in texts))


# -- measuring -------------------------------------------------------------------------------
class MemorySampler:
    """Peak resident memory of each worker and of this process, sampled in the background."""

    def __init__(self, client, interval: float = 0.5) -> None:
        import psutil

        self.client, self.interval = client, interval
        self.process = psutil.Process()
        self.peaks: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        try:
            sizes = self.client.run(_rss, nanny=False)
        except Exception:  # a worker restarting: skip this sample
            sizes = {}
        sizes["client"] = self.process.memory_info().rss
        for name, size in sizes.items():
            self.peaks[name] = max(self.peaks.get(name, 0), int(size))

    def __enter__(self) -> MemorySampler:
        self.peaks = {}
        self.sample()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._stop.clear()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


def _rss() -> int:
    import psutil

    return psutil.Process().memory_info().rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--shard-size", type=int, default=20_000)
    parser.add_argument("--words", type=int, default=150)
    parser.add_argument("--terms", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--memory-limit", default="2GiB")
    parser.add_argument("--folder", default=None, help="where the shards go (default: /tmp)")
    parser.add_argument("--keep", action="store_true", help="keep the shards afterwards")
    parser.add_argument("--out", default=None)
    arguments = parser.parse_args()

    import dask
    import distributed
    import synthetic

    import framing

    load = os.getloadavg()
    shards = -(-arguments.documents // arguments.shard_size)
    documents = shards * arguments.shard_size
    folder = Path(arguments.folder or f"/tmp/framing-scale-{documents}")
    lexicon = synthetic.make_lexicon(arguments.terms)
    planted = [t.replace("*", "ion") for t in synthetic.REAL_TERMS] + [
        term.pattern.replace("*", "ion") for _, _, term in lexicon.entries()
    ][:200]
    stages: dict[str, dict[str, object]] = {}
    out = Path(arguments.out or Path(__file__).parent / f"scale-{documents}.json")

    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        memory_limit=arguments.memory_limit,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    client = distributed.Client(cluster)
    sampler = MemorySampler(client)
    try:
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        started = time.perf_counter()
        futures = client.map(
            write_shard,
            range(shards),
            folder=str(folder),
            shard_size=arguments.shard_size,
            words_per_document=arguments.words,
            seed=arguments.seed,
            planted=planted,
            pure=False,
        )
        characters = sum(client.gather(futures))
        del futures
        written = time.perf_counter() - started
        megabytes = characters / 1e6
        print(f"wrote {documents:,} documents ({megabytes:,.0f} MB of text) in {written:.0f} s")

        def record(name: str, seconds: float, items: int) -> None:
            peaks = dict(sampler.peaks)
            client_peak = peaks.pop("client", 0)
            stages[name] = {
                "seconds": round(seconds, 2),
                "documents_per_second": round(items / seconds),
                "mb_per_second": round(megabytes / seconds, 2),
                "peak_worker_mb": [round(v / 2**20) for _, v in sorted(peaks.items())],
                "peak_client_mb": round(client_peak / 2**20),
            }
            print(name, stages[name], flush=True)
            partial = {"documents": documents, "text_mb": round(megabytes, 1),
                       "load_average_at_start": [round(v, 2) for v in load],
                       "load_average_now": [round(v, 2) for v in os.getloadavg()],
                       "write_seconds": round(written, 1), "stages": stages}  # fmt: skip
            out.with_suffix(".partial.json").write_text(json.dumps(partial, indent=2) + "\n")

        with sampler:
            started = time.perf_counter()
            corpus = framing.read_corpus_dask(str(folder / "*.parquet"))
            distributed.wait(corpus)
            record("read", time.perf_counter() - started, documents)
        report = framing.load_report(corpus)

        with sampler:
            started = time.perf_counter()
            deduplicated = framing.deduplicate(corpus, drop=True).persist()
            distributed.wait(deduplicated)
            record("deduplicate", time.perf_counter() - started, documents)
        summary = framing.load_report(deduplicated).to_dict()["deduplicate"]
        del corpus
        kept = documents - summary["dropped"]

        with sampler:
            started = time.perf_counter()
            hits = framing.match(deduplicated, lexicon, columns=("outlet",)).persist()
            distributed.wait(hits)
            n_hits = int(hits.map_partitions(len).compute().sum())
            record("match", time.perf_counter() - started, kept)

        with sampler:
            started = time.perf_counter()
            scores = framing.score(hits, deduplicated, by="outlet", lexicon=lexicon)
            record("score", time.perf_counter() - started, kept)

        with sampler:
            started = time.perf_counter()
            comparison = framing.compare_groups(deduplicated, ngram_range=(1, 1), min_count=5)
            record("compare_groups", time.perf_counter() - started, kept)
    finally:
        client.close()
        cluster.close()
        if not arguments.keep and folder.exists():
            shutil.rmtree(folder)

    result = {
        "documents": documents,
        "shards": shards,
        "text_mb": round(megabytes, 1),
        "words_per_document": arguments.words,
        "lexicon_terms": arguments.terms,
        "memory_limit_per_worker": arguments.memory_limit,
        "load_average_at_start": [round(v, 2) for v in load],
        "load_average_at_end": [round(v, 2) for v in os.getloadavg()],
        "write_seconds": round(written, 1),
        "read_sources": len(report.summary),
        "duplicates": {k: summary[k] for k in ("exact", "near", "duplicates", "dropped")},
        "hits": n_hits,
        "score_rows": len(scores),
        "comparison_rows": len(comparison),
        "stages": stages,
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, pandas {pd.__version__}, dask {dask.__version__}",
    }
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    print()
    print(
        "| stage | seconds | documents/s | MB/s | peak MB, worker 1 / worker 2 | peak MB, client |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for name, figures in stages.items():
        workers = " / ".join(str(v) for v in figures["peak_worker_mb"])
        print(
            f"| {name} | {figures['seconds']:,} | {figures['documents_per_second']:,} | "
            f"{figures['mb_per_second']} | {workers} | {figures['peak_client_mb']:,} |"
        )


if __name__ == "__main__":
    main()
