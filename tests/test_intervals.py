"""share_interval and rate_interval: intervals over documents, against hand arithmetic."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from framing.stats import rate_interval, share_interval, wilson_interval

Z = stats.norm.ppf(0.975)


def test_one_variant_only_counts_each_document_once_weighted_by_its_hits():
    # 6 hits in 4 documents (3, 1, 1, 1): Kish's n = 36 / 12 = 3; Wilson for 3 of 3.
    table = share_interval([3, 1, 1, 1], [3, 1, 1, 1])
    assert table["effective"].iloc[0] == pytest.approx(3.0)
    assert table["low"].iloc[0] == pytest.approx(3 / (3 + Z * Z))
    assert table["high"].iloc[0] == 1.0
    none = share_interval([0, 0], [2, 5])
    assert (none["low"].iloc[0], none["share"].iloc[0]) == (0.0, 0.0)
    assert none["high"].iloc[0] == pytest.approx(
        wilson_interval([0], [49 / 29])[1][0]  # Kish: 7² / (4 + 25)
    )


def test_a_single_document_is_one_observation():
    table = share_interval([3], [4])
    low, high = wilson_interval([0.75], [1.0])
    assert (table["low"].iloc[0], table["high"].iloc[0]) == pytest.approx((low[0], high[0]))


def test_the_effective_size_never_exceeds_the_documents():
    # Every document 1 of 2 hits: no variance between documents, but 10 documents are
    # still 10 observations (times the small-sample factor), never 20 hits.
    table = share_interval([1] * 10, [2] * 10)
    factor = (Z / stats.t.ppf(0.975, 9)) ** 2
    assert table["effective"].iloc[0] == pytest.approx(10 * factor)


def test_groups_are_computed_independently_and_sorted():
    successes = [1, 0, 2, 3, 0, 1]
    trials = [2, 1, 2, 3, 2, 1]
    groups = ["b", "b", "a", "a", "b", "a"]
    table = share_interval(successes, trials, groups)
    assert table.index.tolist() == ["a", "b"]
    alone = share_interval([2, 3, 1], [2, 3, 1])
    np.testing.assert_allclose(table.loc["a"].to_numpy(float), alone.iloc[0].to_numpy(float))


def test_no_documents_with_hits_give_no_share():
    table = share_interval([0, 0], [0, 0])
    assert table[["share", "low", "high"]].isna().all(axis=None)


def test_rate_without_hits_is_zero_to_the_poisson_bound_over_the_shrunk_tokens():
    table = rate_interval([0, 0, 0], [500, 400, 600])
    factor = (Z / stats.t.ppf(0.975, 2)) ** 2
    assert table["low"].iloc[0] == 0.0
    assert table["high"].iloc[0] == pytest.approx(10_000 * -np.log(0.025) / (1500 * factor))


def test_rate_with_poisson_like_hits_is_garwood_on_the_effective_hits():
    counts = np.array([2, 0, 1, 3, 1, 0, 2, 1])
    tokens = np.array([300, 200, 250, 400, 300, 100, 350, 300])
    table = rate_interval(counts, tokens, per=1)
    rate = counts.sum() / tokens.sum()
    variance = 8 / 7 * np.sum((counts - rate * tokens) ** 2) / tokens.sum() ** 2
    kish = counts.sum() ** 2 / np.sum(counts**2)
    effective = min(rate**2 / variance, counts.sum(), kish) * (Z / stats.t.ppf(0.975, 7)) ** 2
    assert table["effective"].iloc[0] == pytest.approx(effective)
    assert table["low"].iloc[0] == pytest.approx(
        stats.gamma.ppf(0.025, effective) * rate / effective
    )
    assert table["high"].iloc[0] == pytest.approx(
        stats.gamma.ppf(0.975, effective + 1) * rate / effective
    )


def test_rate_of_one_document_counts_one_effective_hit():
    table = rate_interval([5], [1000], per=1)
    assert table["effective"].iloc[0] == 1.0
    assert table["low"].iloc[0] == pytest.approx(stats.gamma.ppf(0.025, 1) * 0.005)
    assert table["high"].iloc[0] == pytest.approx(stats.gamma.ppf(0.975, 2) * 0.005)


def test_intervals_contain_their_estimate():
    generator = np.random.default_rng(1)
    for _ in range(50):
        size = int(generator.integers(1, 40))
        trials = generator.integers(0, 6, size)
        successes = generator.binomial(trials, generator.random())
        table = share_interval(successes, trials).dropna()
        assert (table["low"] <= table["share"] + 1e-12).all()
        assert (table["share"] <= table["high"] + 1e-12).all()
        tokens = generator.integers(1, 500, size)
        rates = rate_interval(successes, tokens)
        assert (rates["low"] <= rates["rate"] + 1e-9).all()
        assert (rates["rate"] <= rates["high"] + 1e-9).all()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: share_interval([1], [1], ci=95), "'ci' parameter of share_interval"),
        (lambda: rate_interval([1, 2], [3]), "one-dimensional and of one length"),
        (lambda: share_interval([1, 2], [2, 2], ["a", None]), "Every document needs a group"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_results_are_a_dataframe_indexed_by_group():
    table = rate_interval([1, 2], [10, 10], pd.Series(["x", "y"]))
    assert list(table.columns) == ["rate", "low", "high", "documents", "effective"]
    assert table.index.tolist() == ["x", "y"]
