"""log_odds and keyness against independent implementations, on the same counts, to 1e-6.

- scattertext's LogOddsRatioUninformativeDirichletPrior and
  LogOddsRatioInformativeDirichletPrior implement Monroe, Colaresi & Quinn (2008) with the
  four-term variance, ``1/(y_i+a_w) + 1/(n_i+a_0-y_i-a_w) + 1/(y_j+a_w) + 1/(n_j+a_0-y_j-a_w)``
  (read in scattertext/termsignificance/), which is our ``variance="full"``.
- scipy.stats.chi2_contingency gives Pearson's chi-squared and, with
  ``lambda_="log-likelihood"``, the G-test, with or without Yates' correction.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from framing.stats import keyness, log_odds

# The oracle is in the `oracles` extra (part of `dev`, which CI installs). Outside CI a
# missing oracle skips with the way to get it; in CI it fails, so it cannot vanish unseen.
try:
    import scattertext
except ImportError:
    if os.environ.get("CI"):
        raise
    pytest.skip(
        "scattertext (the log-odds oracle) is not installed: pip install -e '.[oracles]'",
        allow_module_level=True,
    )


def _random_counts(seed: int, size: int = 60) -> tuple[pd.Series, pd.Series]:
    generator = np.random.default_rng(seed)
    terms = [f"term{i:03d}" for i in range(size)]
    # Zipf-like frequencies, some zeros on each side
    weights = 1.0 / np.arange(1, size + 1)
    a = generator.poisson(4000 * weights / weights.sum() * 5)
    b = generator.poisson(3000 * weights[::-1] / weights.sum() * 5)
    return pd.Series(a, index=terms), pd.Series(b, index=terms)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("alpha", [0.01, 0.5, 3.0])
def test_uniform_prior_matches_scattertext_uninformative_dirichlet(seed, alpha):
    a, b = _random_counts(seed)
    ours = log_odds(a, b, prior=alpha, variance="full")
    oracle = scattertext.LogOddsRatioUninformativeDirichletPrior(alpha_w=alpha)
    expected = oracle.get_zeta_i_j_given_separate_counts(a.to_numpy(float), b.to_numpy(float))
    np.testing.assert_allclose(ours.loc[a.index, "z"].to_numpy(), expected, rtol=0, atol=1e-6)


@pytest.mark.parametrize("seed", [0, 1])
def test_series_prior_matches_scattertext_informative_dirichlet(seed):
    a, b = _random_counts(seed)
    background = pd.Series(np.random.default_rng(seed + 10).integers(1, 50, len(a)), index=a.index)
    ours = log_odds(a, b, prior=background.astype(float), variance="full")
    oracle = scattertext.LogOddsRatioInformativeDirichletPrior(
        background.astype(float), scale_type="none"
    )
    expected = oracle.get_zeta_i_j_given_separate_counts(a.to_numpy(float), b.to_numpy(float))
    np.testing.assert_allclose(ours.loc[a.index, "z"].to_numpy(), expected, rtol=0, atol=1e-6)


@pytest.mark.parametrize("scale", [0.01, 0.1, 1.0])
def test_pooled_prior_matches_scattertext_informative_dirichlet_scaled(scale):
    a, b = _random_counts(3)
    keep = (a + b) > 0  # the pooled prior needs every term to occur
    a, b = a[keep], b[keep]
    ours = log_odds(a, b, prior="pooled", prior_scale=scale)
    # 'background-corpus-size' multiplies the given priors by sigma: a_w = sigma * pooled_w
    oracle = scattertext.LogOddsRatioInformativeDirichletPrior(
        (a + b).astype(float), sigma=scale, scale_type="background-corpus-size"
    )
    expected = oracle.get_zeta_i_j_given_separate_counts(a.to_numpy(float), b.to_numpy(float))
    np.testing.assert_allclose(ours.loc[a.index, "z"].to_numpy(), expected, rtol=0, atol=1e-6)


def _tables(a: pd.Series, b: pd.Series):
    n_a, n_b = a.sum(), b.sum()
    for term in a.index:
        if a[term] + b[term] == 0:
            continue
        yield term, np.array([[a[term], n_a - a[term]], [b[term], n_b - b[term]]], dtype=float)


@pytest.mark.parametrize(
    ("measure", "correction", "lambda_", "scipy_correction"),
    [
        ("chi2", "none", None, False),
        ("chi2", "yates", None, True),
        ("g2", "none", "log-likelihood", False),
        ("g2", "yates", "log-likelihood", True),
    ],
)
@pytest.mark.parametrize("seed", [0, 4])
def test_keyness_matches_scipy_chi2_contingency(
    measure, correction, lambda_, scipy_correction, seed
):
    a, b = _random_counts(seed, size=40)
    ours = keyness(a, b, measure=measure, correction=correction)
    for term, table in _tables(a, b):
        statistic, p, _, expected = chi2_contingency(
            table, correction=scipy_correction, lambda_=lambda_
        )
        sign = np.sign(table[0, 0] - expected[0, 0])
        assert ours.loc[term, "statistic"] == pytest.approx(sign * statistic, abs=1e-6), term
        assert ours.loc[term, "p"] == pytest.approx(p, abs=1e-6), term
        assert ours.loc[term, "expected"] == pytest.approx(expected[0, 0], abs=1e-9), term


@pytest.mark.parametrize("measure", ["chi2", "g2"])
def test_yates_never_moves_a_cell_past_its_expected_value_as_scipy(measure):
    # |observed - expected| = 0.025 < 0.5: Yates moves the cell only onto its expected
    # value (statistic 0), as scipy does, not half a count past it.
    a = pd.Series({"x": 5, "y": 30, "other": 65})
    b = pd.Series({"x": 5, "y": 10, "other": 86})
    ours = keyness(a, b, measure=measure, correction="yates")
    lambda_ = "log-likelihood" if measure == "g2" else None
    for term, table in _tables(a, b):
        statistic, p, _, expected = chi2_contingency(table, correction=True, lambda_=lambda_)
        sign = np.sign(table[0, 0] - expected[0, 0])
        assert ours.loc[term, "statistic"] == pytest.approx(sign * statistic, abs=1e-6), term
        assert ours.loc[term, "p"] == pytest.approx(p, abs=1e-6), term
    assert ours.loc["x", "statistic"] == pytest.approx(0.0, abs=1e-12)
