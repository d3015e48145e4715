"""match on a dask.dataframe corpus, on a local dask.distributed cluster, equals pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from framing import Lexicon, match
from framing.corpus.schema import conform

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")


def _corpus() -> pd.DataFrame:
    texts = [
        f"Kiev {i}: the so-called special military operation; Kyiv’s “war” {i}." for i in range(60)
    ]
    return conform(
        pd.DataFrame(
            {
                "doc_id": [f"d{i:03d}" for i in range(60)],
                "outlet": [f"Outlet {i % 3}" for i in range(60)],
                "published": pd.date_range("2022-02-24", periods=60, freq="D", tz="UTC"),
                "title": [f"War day {i}" for i in range(60)],
                "text": texts,
            }
        )
    )


def _lexicon() -> Lexicon:
    return Lexicon.from_dataframe(
        pd.DataFrame(
            {
                "concept": ["capital", "capital", "war", "war", "war"],
                "variant": ["russian", "ukrainian", "kremlin", "kremlin", "neutral"],
                "term": ["Kiev", "Kyiv", "special military operation", "military operation", "war"],
            }
        ),
        name="demo",
    )


@pytest.mark.slow
def test_dask_corpus_on_a_local_cluster_gives_the_pandas_hits() -> None:
    corpus, lexicon = _corpus(), _lexicon()
    expected = match(corpus, lexicon, columns=("outlet", "published"))
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False) as cluster,
        distributed.Client(cluster),
    ):
        lazy = match(
            dd.from_pandas(corpus, npartitions=4), lexicon, columns=("outlet", "published")
        )
        assert list(lazy.columns) == list(expected.columns)
        computed = lazy.compute()
    pd.testing.assert_frame_equal(computed.reset_index(drop=True), expected)
    assert (
        computed.attrs["framing"]["lexicon"]["variants"]
        == expected.attrs["framing"]["lexicon"]["variants"]
    )


def test_dask_corpus_is_checked_before_any_work() -> None:
    lazy_corpus = dd.from_pandas(_corpus(), npartitions=2)
    with pytest.raises(ValueError, match=r"names 'body', which is not a corpus column"):
        match(lazy_corpus, _lexicon(), fields=("body",))
