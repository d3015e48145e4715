"""Intervals of proportions, shares and rates: Wilson, the share and rate intervals on
the effective number of documents (counts come in documents, i.e. clusters), and a
proportion over strata sampled at different rates.
"""

from __future__ import annotations

from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from framing._checks import check_number


def wilson_interval(
    successes: Any, trials: Any, *, ci: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """Return the Wilson score interval of ``successes`` out of ``trials`` (arrays).

    NaN where ``trials`` is 0. See :func:`precision` for the formula.

    Examples
    --------
    >>> low, high = wilson_interval([8], [9])
    >>> round(float(low[0]), 6), round(float(high[0]), 6)
    (0.565, 0.980109)
    """
    successes = np.asarray(successes, dtype="float64")
    trials = np.asarray(trials, dtype="float64")
    z = NormalDist().inv_cdf((1 + ci) / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = successes / trials
        center = (successes + z * z / 2) / (trials + z * z)
        half = (
            z
            * np.sqrt(trials)
            / (trials + z * z)
            * np.sqrt(share * (1 - share) + z * z / (4 * trials))
        )
        low = np.clip(center - half, 0.0, 1.0)
        high = np.clip(center + half, 0.0, 1.0)
    # At x = 0 and x = m the bounds are exactly 0 and 1; rounding must not move them.
    low = np.where(successes == 0, 0.0, low)
    high = np.where(successes == trials, 1.0, high)
    empty = trials <= 0
    return np.where(empty, np.nan, low), np.where(empty, np.nan, high)


# -- intervals over documents ------------------------------------------------------------
def _t_factor(documents: np.ndarray, ci: float) -> np.ndarray:
    """(z / t_{m-1})²: how much an effective sample size shrinks because its variance was
    estimated from ``m`` documents (Korn & Graubard 1998); 1 where m < 2."""
    z = NormalDist().inv_cdf((1 + ci) / 2)
    df = np.maximum(np.asarray(documents, dtype="float64") - 1.0, 1.0)
    factor = (z / stats.t.ppf((1 + ci) / 2, df)) ** 2
    return np.where(np.asarray(documents) >= 2, factor, 1.0)


def _share_bounds(
    x: np.ndarray,
    n: np.ndarray,
    sum_xx: np.ndarray,
    sum_xn: np.ndarray,
    sum_nn: np.ndarray,
    documents: np.ndarray,
    ci: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Low, high and effective number of documents of the shares ``x / n`` (arrays).

    Each argument is an array of one shape: ``x`` and ``n`` the summed counts of the
    variant and of its concept, ``sum_xx = Σ x_d²``, ``sum_xn = Σ x_d n_d``,
    ``sum_nn = Σ n_d²`` over the documents, ``documents`` the number of documents with
    ``n_d > 0``. See :func:`share_interval` for the method.
    """
    x, n = np.asarray(x, dtype="float64"), np.asarray(n, dtype="float64")
    documents = np.asarray(documents, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        share = x / n
        squares = np.maximum(sum_xx - 2 * share * sum_xn + share * share * sum_nn, 0.0)
        variance = documents / (documents - 1) * squares / (n * n)
        design = np.where(variance > 0, share * (1 - share) / variance, np.inf)
        kish = n * n / sum_nn
    interior = (share > 0) & (share < 1)
    # Between 0 and 1: the design-based effective size, never more than the hits or the
    # documents, shrunk for a variance estimated from few documents.
    effective = np.minimum(np.minimum(design, n), documents) * _t_factor(documents, ci)
    # At 0 or 1 nothing shows how alike a document's hits are: assume they are all alike,
    # so each document counts once, weighted by its hits (Kish's effective number).
    effective = np.where(interior, effective, kish)
    effective = np.where(documents == 1, 1.0, effective)
    effective = np.where(n > 0, effective, np.nan)
    low, high = wilson_interval(share * effective, effective, ci=ci)
    return low, high, effective


def _rate_bounds(
    x: np.ndarray,
    t: np.ndarray,
    sum_xx: np.ndarray,
    sum_xt: np.ndarray,
    sum_tt: np.ndarray,
    documents: np.ndarray,
    ci: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Low, high (per token) and effective number of hits of the rates ``x / t`` (arrays).

    ``x`` the hits, ``t`` the tokens, the sums over documents as in :func:`_share_bounds`
    (with tokens for trials), ``documents`` every document of the group (with tokens or
    not). See :func:`rate_interval` for the method.
    """
    x, t = np.asarray(x, dtype="float64"), np.asarray(t, dtype="float64")
    documents = np.asarray(documents, dtype="float64")
    tail = (1.0 - ci) / 2.0
    factor = _t_factor(documents, ci)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = x / t
        squares = np.maximum(sum_xx - 2 * rate * sum_xt + rate * rate * sum_tt, 0.0)
        variance = documents / (documents - 1) * squares / (t * t)
        # Poisson hits would have variance rate / t: the effective number of hits is the
        # Poisson count with the observed variance, never more than the hits nor than the
        # documents they effectively come from, (Σ x_d)² / Σ x_d² (Kish).
        design = np.where(variance > 0, rate * rate / variance, np.inf)
        kish = np.where(sum_xx > 0, x * x / sum_xx, 0.0)
        effective = np.minimum(np.minimum(design, x), kish) * factor
        effective = np.where(documents >= 2, effective, np.minimum(x, 1.0))
        effective_tokens = np.where(x > 0, effective / rate, t * factor)
        low = (
            np.where(x > 0, stats.gamma.ppf(tail, np.where(x > 0, effective, 1.0)), 0.0)
            / effective_tokens
        )
        high = stats.gamma.ppf(1.0 - tail, effective + 1.0) / effective_tokens
    empty = ~(t > 0)
    return (
        np.where(empty, np.nan, low),
        np.where(empty, np.nan, high),
        np.where(empty, np.nan, effective),
    )


def _group_sums(values: dict[str, Any], groups: Any) -> tuple[pd.Index, dict[str, np.ndarray]]:
    """Sum per-document arrays by group: the sorted groups and one array per name."""
    arrays = {name: np.asarray(value, dtype="float64") for name, value in values.items()}
    length = len(next(iter(arrays.values())))
    if any(array.shape != (length,) for array in arrays.values()):
        raise ValueError("The per-document arrays must be one-dimensional and of one length.")
    if groups is None:
        codes, index = np.zeros(length, dtype=np.int64), pd.Index([0])
    else:
        codes, index = pd.factorize(pd.Series(groups).to_numpy(), sort=True)
        index = pd.Index(index)
        if (codes < 0).any() or len(codes) != length:
            raise ValueError("Every document needs a group (no missing values), one per row.")
    sums = {
        name: np.bincount(codes, weights=array, minlength=len(index))
        for name, array in arrays.items()
    }
    return index, sums


def share_interval(
    successes: Any, trials: Any, groups: Any = None, *, ci: float = 0.95
) -> pd.DataFrame:
    """Interval of a share whose hits come in documents: honest at 0 and 1 and for few
    documents.

    ``successes[d]`` of the ``trials[d]`` hits of document *d* are of one variant; the
    share of a group is ``Σ successes / Σ trials`` over its documents.

    Parameters
    ----------
    successes, trials : array-like
        One entry per document: hits of the variant, hits of its concept.
    groups : array-like, optional
        The group of each document (default: one group of all).
    ci : float, default 0.95
        The coverage aimed at.

    Returns
    -------
    pandas.DataFrame
        Indexed by group (sorted): ``share``, ``low``, ``high``, ``documents`` (with at
        least one trial) and ``effective`` (the effective number of documents behind the
        interval).

    Notes
    -----
    A Wilson score interval on an effective sample size, in the manner of Korn &
    Graubard (1998) for clustered surveys, with documents as the clusters:

    - ``V = m/(m-1) Σ_d (x_d - p n_d)² / N²``: the variance of the ratio ``p = X/N``
      over the ``m`` documents with hits (linearization; Cochran 1977, ch. 6);
    - between 0 and 1, ``n_eff = min(p(1-p)/V, N, m) · (z/t_{m-1})²``: the binomial size
      with the same variance, never more than the hits or the documents, shrunk for a
      variance estimated from few documents;
    - at 0 or 1 the data cannot show how alike a document's hits are: every document is
      taken to use one variant throughout, ``n_eff = N² / Σ n_d²`` (Kish's effective
      number of documents, weighted by their hits);
    - one document: ``n_eff = 1``.

    The interval is Wilson's for ``p·n_eff`` successes in ``n_eff`` trials. Coverage on
    synthetic groups of 1 to 500 documents is in ``docs/statistics.md``
    (``benchmarks/interval_coverage.py``).

    References
    ----------
    Korn, E. L., & Graubard, B. I. (1998). Confidence intervals for proportions with
    small expected number of positive counts estimated from survey data. *Survey
    Methodology*, 24(2), 193-201.

    Examples
    --------
    One variant only, six hits in four documents (3, 1, 1, 1): the documents count, not
    the hits (a bootstrap would say [1, 1]):

    >>> share_interval([3, 1, 1, 1], [3, 1, 1, 1]).round(3)
       share    low  high  documents  effective
    0    1.0  0.439   1.0          4        3.0
    """
    _check_ci(ci, "share_interval")
    index, sums = _group_sums(
        {
            "x": successes,
            "n": trials,
            "xx": np.square(np.asarray(successes, dtype="float64")),
            "xn": np.asarray(successes, dtype="float64") * np.asarray(trials, dtype="float64"),
            "nn": np.square(np.asarray(trials, dtype="float64")),
            "m": np.asarray(trials, dtype="float64") > 0,
        },
        groups,
    )
    low, high, effective = _share_bounds(
        sums["x"], sums["n"], sums["xx"], sums["xn"], sums["nn"], sums["m"], ci
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        share = sums["x"] / sums["n"]
    return pd.DataFrame(
        {
            "share": share,
            "low": low,
            "high": high,
            "documents": sums["m"].astype(np.int64),
            "effective": effective,
        },
        index=index,
    )


def rate_interval(
    counts: Any, tokens: Any, groups: Any = None, *, ci: float = 0.95, per: float = 10_000
) -> pd.DataFrame:
    """Interval of a rate (hits per ``per`` tokens) whose hits come in documents.

    Parameters
    ----------
    counts, tokens : array-like
        One entry per document: its hits, its tokens.
    groups : array-like, optional
        The group of each document (default: one group of all).
    ci : float, default 0.95
        The coverage aimed at.
    per : float, default 10,000
        The rate's unit: hits per this many tokens.

    Returns
    -------
    pandas.DataFrame
        Indexed by group (sorted): ``rate``, ``low``, ``high``, ``documents`` and
        ``effective`` (the effective number of hits behind the interval).

    Notes
    -----
    The exact Poisson (Garwood) interval on an effective number of hits: with ``r = X/T``
    and ``V = m/(m-1) Σ_d (x_d - r t_d)² / T²`` over the ``m`` documents of the group,
    ``x_eff = min(r²/V, X, X²/Σ x_d²) · (z/t_{m-1})²`` (Poisson hits would have
    ``V = r/T``; ``X²/Σ x_d²`` is the number of documents the hits effectively come
    from), and the bounds ``Gamma⁻¹(α/2; x_eff)`` and
    ``Gamma⁻¹(1-α/2; x_eff + 1)`` over ``x_eff / r`` tokens. A group without hits gets
    ``[0, -ln(α/2) / (T · (z/t_{m-1})²)]``: zero hits in few tokens does not mean a rate
    of zero. One document: ``x_eff = 1``.

    Examples
    --------
    No hit in three documents of 1,500 tokens is not a rate of zero:

    >>> rate_interval([0, 0, 0], [500, 400, 600]).round(2)
       rate  low    high  documents  effective
    0   0.0  0.0  118.52          3        0.0
    """
    _check_ci(ci, "rate_interval")
    counts_array = np.asarray(counts, dtype="float64")
    tokens_array = np.asarray(tokens, dtype="float64")
    index, sums = _group_sums(
        {
            "x": counts_array,
            "t": tokens_array,
            "xx": counts_array**2,
            "xt": counts_array * tokens_array,
            "tt": tokens_array**2,
            "m": np.ones_like(counts_array),
        },
        groups,
    )
    low, high, effective = _rate_bounds(
        sums["x"], sums["t"], sums["xx"], sums["xt"], sums["tt"], sums["m"], ci
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = per * sums["x"] / sums["t"]
    return pd.DataFrame(
        {
            "rate": rate,
            "low": per * low,
            "high": per * high,
            "documents": sums["m"].astype(np.int64),
            "effective": effective,
        },
        index=index,
    )


def _check_ci(ci: Any, function: str) -> None:
    check_number(
        ci, parameter="ci", function=function, low=0, high=1, low_open=True, high_open=True
    )


def stratified_proportion(
    successes: Any, trials: Any, weights: Any, *, ci: float = 0.95
) -> tuple[float, float, float, float]:
    """A proportion estimated from strata sampled at different rates, with its interval.

    Parameters
    ----------
    successes, trials : array-like
        Per stratum: the successes (hits coded yes) among the trials (coded yes or no).
        Strata with no trials are left out (their weight goes to the others).
    weights : array-like
        Per stratum: its size in the population (e.g. its hits), or any weights.
    ci : float
        Coverage of the interval.

    Returns
    -------
    tuple of float
        ``(proportion, low, high, effective_n)``; NaN when no stratum has trials.

    Notes
    -----
    With stratum weights :math:`W_s = N_s / \\sum N` (over the strata with trials),
    proportions :math:`p_s = x_s / m_s`, the estimate is :math:`p = \\sum W_s p_s`. Its
    interval is the Wilson interval of *p* at Kish's effective sample size
    :math:`n_{eff} = 1 / \\sum_s (W_s^2 / m_s)` (the size of a simple random sample
    with the same variance when the strata share one variance; Kish 1965): the interval
    recommended for weighted survey proportions by Dean & Pagano (2015). With one
    stratum it is the plain Wilson interval.

    References
    ----------
    Kish, L. (1965). *Survey Sampling*. Wiley.

    Dean, N., & Pagano, M. (2015). Evaluating confidence interval methods for binomial
    proportions in clustered surveys. *Journal of Survey Statistics and Methodology*,
    3(4), 484-503.

    Examples
    --------
    >>> p, low, high, n = stratified_proportion([38, 9], [40, 10], [900, 100])
    >>> round(p, 3), round(low, 3), round(high, 3), round(n, 1)
    (0.945, 0.84, 0.982, 47.1)
    """
    x = np.asarray(successes, dtype="float64")
    m = np.asarray(trials, dtype="float64")
    w = np.asarray(weights, dtype="float64")
    used = m > 0
    if not used.any() or w[used].sum() <= 0:
        return (np.nan, np.nan, np.nan, np.nan)
    x, m, w = x[used], m[used], w[used] / w[used].sum()
    proportion = float((w * x / m).sum())
    effective = float(1.0 / (w**2 / m).sum())
    low, high = wilson_interval([proportion * effective], [effective], ci=ci)
    # All successes or none: the bounds sit exactly at 1 or 0, as for one stratum.
    high_value = 1.0 if (x == m).all() else float(high[0])
    low_value = 0.0 if (x == 0).all() else float(low[0])
    return proportion, low_value, high_value, effective
