"""The matching worker pool recovers after a worker dies: finding M12 (issue 13)."""

from __future__ import annotations

import os
from concurrent.futures.process import BrokenProcessPool

import pandas as pd
import pytest

import framing
from framing import _match_pool as matching


@pytest.mark.slow
def test_M12_after_a_worker_dies_the_next_parallel_match_works():
    corpus = framing.as_corpus(
        pd.DataFrame({"title": [f"T{i}" for i in range(64)], "text": ["Kiev and Kyiv."] * 64}),
        outlet="X",
    )
    lexicon = framing.load_lexicon("ukraine_toponyms")
    expected = framing.match(corpus, lexicon, workers=1)
    pool = matching._pool(2)
    with pytest.raises(BrokenProcessPool):
        pool.submit(os._exit, 1).result()  # a worker killed, as by the OOM killer
    for _ in range(2):
        hits = framing.match(corpus, lexicon, workers=2, chunksize=8)
        pd.testing.assert_frame_equal(hits, expected)


def test_a_first_call_under_the_cold_threshold_starts_no_workers(monkeypatch):
    # Starting workers costs seconds; below COLD_PARALLEL_THRESHOLD characters the first
    # call of a session matches in this process, and says so by never creating the pool.
    from framing import _match_work

    created = []
    monkeypatch.setattr(_match_work, "pool_running", lambda workers: False)
    monkeypatch.setattr(_match_work, "_pool", lambda workers: created.append(workers))
    monkeypatch.setattr(_match_work, "COLD_PARALLEL_THRESHOLD", 10_000)
    monkeypatch.setattr(_match_work, "PARALLEL_THRESHOLD", 10)
    corpus = framing.as_corpus(
        pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["Kiev and Kyiv."] * 3})
    )
    hits = framing.match(corpus, framing.load_lexicon("ukraine_toponyms"), progress=False)
    assert len(hits) == 6 and created == []


def test_with_the_workers_running_the_warm_threshold_decides(monkeypatch):
    from framing import _match_work

    monkeypatch.setattr(_match_work, "pool_running", lambda workers: True)
    monkeypatch.setattr(_match_work, "PARALLEL_THRESHOLD", 10)
    chosen = []

    class Pool:
        def map(self, function, tasks):
            chosen.append("pool")
            return map(function, tasks)

    monkeypatch.setattr(_match_work, "_pool", lambda workers: Pool())
    corpus = framing.as_corpus(
        pd.DataFrame({"doc_id": [str(i) for i in range(40)], "text": ["Kiev."] * 40})
    )
    hits = framing.match(
        corpus, framing.load_lexicon("ukraine_toponyms"), progress=False, chunksize=10
    )
    assert len(hits) == 40
    assert chosen == (["pool"] if (os.cpu_count() or 1) > 1 else [])


@pytest.mark.parametrize("workers", [1, 2])
def test_the_fingerprint_made_while_the_workers_match_is_the_corpus_fingerprint(
    workers, monkeypatch
):
    # match computes the corpus fingerprint while its workers run (one process: after
    # the documents), once, and records exactly what corpus_fingerprint gives.
    from framing import matching as public
    from framing.provenance import corpus_fingerprint, provenance

    calls = []
    monkeypatch.setattr(
        public, "corpus_fingerprint", lambda corpus: calls.append(1) or corpus_fingerprint(corpus)
    )
    corpus = framing.as_corpus(
        pd.DataFrame({"title": [f"T{i}" for i in range(64)], "text": ["Kiev and Kyiv."] * 64}),
        outlet="X",
    )
    hits = framing.match(corpus, framing.load_lexicon("ukraine_toponyms"), workers=workers)
    assert calls == [1]
    assert provenance(hits)["corpus"]["fingerprint"] == corpus_fingerprint(corpus)
