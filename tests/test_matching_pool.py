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
