"""Which terms distinguish two sets of counts: log-odds with a Dirichlet prior (Monroe,
Colaresi & Quinn 2008), keyness (signed G², chi-squared, PMI) and the
Benjamini-Hochberg adjustment of their p-values.
"""

from __future__ import annotations

from collections.abc import Mapping
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd

from framing._checks import check_choice, check_number, fail, renamed
from framing.provenance import stamp
from framing.stats._inputs import (
    _CORRECTIONS,
    _MEASURES,
    _VARIANCES,
    _aligned,
    _count_dtype,
    _total,
)

_PRIOR_KINDS = "a number, a Series indexed by term or 'pooled'"


# -- log-odds ----------------------------------------------------------------------------
@renamed(
    "log_odds",
    counts_a="counts_target",
    counts_b="counts_reference",
    total_a="total_target",
    total_b="total_reference",
)
def log_odds(
    counts_target: pd.Series | Mapping[str, float],
    counts_reference: pd.Series | Mapping[str, float],
    *,
    prior: float | pd.Series | str = 0.01,
    prior_scale: float = 0.01,
    variance: str = "full",
    total_target: float | None = None,
    total_reference: float | None = None,
) -> pd.DataFrame:
    """Log-odds ratio of each term between two groups, with a Dirichlet prior, and its z.

    The "Fightin' Words" statistic of Monroe, Colaresi & Quinn (2008): how much more
    likely a term is in the target group than in the reference group, on the log-odds
    scale, smoothed by pseudo-counts so that rare terms do not dominate, divided by its
    standard error.

    Parameters
    ----------
    counts_target, counts_reference : pandas.Series or dict
        Term counts of the group of interest and of the group it is compared with,
        indexed by term. A term missing from one side
        counts zero there. Counts must be finite and non-negative.
    prior : float, pandas.Series or "pooled", default 0.01
        The Dirichlet pseudo-counts ``a_w``. A number gives every term the same
        pseudo-count (the uninformative prior). A Series gives each term its own
        (indexed by term; it must cover every term). ``"pooled"`` makes them proportional
        to the pooled counts of both groups: ``a_w = prior_scale * (y_aw + y_bw)``
        (the informative prior, with the two groups as the background corpus).
    prior_scale : float, default 0.01
        With ``prior="pooled"``, the size of the prior relative to the pooled counts
        (0.01: the prior weighs as much as a corpus 1% the size of the data, with the
        same word frequencies). Ignored otherwise.
    variance : {"full", "mcq"}, default "full"
        Which variance of the log-odds to use; see Notes.
    total_target, total_reference : float, optional
        The groups' total numbers of tokens ``n``, when the counts cover only some terms
        (a lexicon's terms rather than the whole vocabulary). Default: the counts' sums.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``term`` (sorted), with columns ``count_target, count_reference, prior``
        (``a_w``), ``log_odds`` (delta, positive when the term leans to the target), ``variance``,
        ``se`` and ``z``. Provenance is in ``attrs["framing"]``.

    See Also
    --------
    keyness : signed G², chi-squared and PMI for the same counts.
    compare_groups : both, for every group of a corpus against the rest.

    Notes
    -----
    With ``y_iw`` the count of term w in group i (a: the target, b: the reference),
    ``n_i`` the group's total, ``a_w`` the
    pseudo-count of term w and ``a_0`` the sum of the pseudo-counts over the terms::

        delta_w = log((y_aw + a_w) / (n_a + a_0 - y_aw - a_w))
                - log((y_bw + a_w) / (n_b + a_0 - y_bw - a_w))

        variance="full":  1/(y_aw + a_w) + 1/(n_a + a_0 - y_aw - a_w)
                        + 1/(y_bw + a_w) + 1/(n_b + a_0 - y_bw - a_w)
        variance="mcq":   1/(y_aw + a_w) + 1/(y_bw + a_w)

        z_w = delta_w / sqrt(variance)

    ``"mcq"`` is the approximation of MCQ's equation 20, which drops the two complement
    terms because ``n`` is much larger than ``y`` for a typical word. It is never larger
    than the full variance, so it never gives a smaller |z|, and the gap grows with the
    term's frequency: for very frequent terms ("the", or "Ukraine" in a war corpus) the
    two-term form overstates z. ``"full"`` is the complete delta-method variance of the
    log-odds ratio (the form scattertext implements) and is the default.

    References
    ----------
    Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words: Lexical feature
    selection and evaluation for identifying the content of political conflict.
    *Political Analysis*, 16(4), 372-403. https://doi.org/10.1093/pan/mpn018

    Examples
    --------
    >>> import pandas as pd
    >>> rt = pd.Series({"kiev": 40, "kyiv": 2, "regime": 12})
    >>> reuters = pd.Series({"kiev": 1, "kyiv": 50, "regime": 3})
    >>> table = log_odds(rt, reuters, prior=0.5)
    >>> table["z"].round(2).to_dict()
    {'kiev': 5.19, 'kyiv': -6.72, 'regime': 2.29}
    """
    function = "log_odds"
    check_choice(variance, _VARIANCES, parameter="variance", function=function)
    terms, y_a, y_b = _aligned(
        counts_target,
        counts_reference,
        names=("counts_target", "counts_reference"),
        function=function,
    )
    n_a = _total(total_target, y_a, name="total_target", function=function)
    n_b = _total(total_reference, y_b, name="total_reference", function=function)
    alpha = _prior(prior, prior_scale, terms, y_a + y_b)
    delta, var = _log_odds_arrays(y_a, y_b, n_a, n_b, alpha, variance)
    se = np.sqrt(var)
    table = pd.DataFrame(
        {
            "count_target": _count_dtype(y_a),
            "count_reference": _count_dtype(y_b),
            "prior": alpha,
            "log_odds": delta,
            "variance": var,
            "se": se,
            "z": delta / se,
        },
        index=terms,
    )
    parameters = {
        "prior": prior if isinstance(prior, (str, Real)) else "per-term Series",
        "prior_scale": prior_scale,
        "variance": variance,
        "total_target": n_a,
        "total_reference": n_b,
    }
    return stamp(table, function=function, parameters=parameters)


def _log_odds_arrays(
    y_a: np.ndarray,
    y_b: np.ndarray,
    n_a: float,
    n_b: float,
    alpha: np.ndarray,
    variance: str,
    alpha_0: float | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Delta and its variance for every term (the arithmetic of :func:`log_odds`).

    ``alpha_0`` is the sum of the pseudo-counts over the whole vocabulary; by default
    that of ``alpha`` (the terms given are the whole vocabulary).
    """
    alpha_0 = float(alpha.sum()) if alpha_0 is None else float(alpha_0)
    rest_a = n_a + alpha_0 - y_a - alpha
    rest_b = n_b + alpha_0 - y_b - alpha
    if np.any(rest_a <= 0) or np.any(rest_b <= 0):
        raise ValueError(
            "log_odds needs, in each group, some tokens or pseudo-counts outside every term "
            "(n + a_0 - y_w - a_w > 0). Give at least two terms, or the groups' totals "
            "with total_target= and total_reference=."
        )
    delta = np.log((y_a + alpha) / rest_a) - np.log((y_b + alpha) / rest_b)
    var = 1.0 / (y_a + alpha) + 1.0 / (y_b + alpha)
    if variance == "full":
        var = var + 1.0 / rest_a + 1.0 / rest_b
    return delta, var


def _prior(prior: Any, prior_scale: Any, terms: pd.Index, pooled: np.ndarray) -> np.ndarray:
    """Return the per-term pseudo-counts ``a_w`` for ``terms``."""
    if isinstance(prior, str):
        if prior != "pooled":
            raise fail("prior", "log_odds", _PRIOR_KINDS, prior)
        check_number(
            prior_scale, parameter="prior_scale", function="log_odds", low=0, low_open=True
        )
        if np.any(pooled <= 0):
            term = terms[np.flatnonzero(pooled <= 0)[0]]
            raise ValueError(
                f"prior='pooled' gives the term {term!r} a pseudo-count of zero because it "
                "occurs in neither group. Remove terms that never occur, or use a number as "
                "the prior."
            )
        return float(prior_scale) * pooled
    if isinstance(prior, pd.Series):
        missing = terms.difference(prior.index)
        if len(missing):
            raise ValueError(
                f"The 'prior' Series of log_odds has no pseudo-count for the term "
                f"{missing[0]!r} ({len(missing)} term(s) missing); it must cover every term."
            )
        values = pd.to_numeric(prior.reindex(terms), errors="coerce").to_numpy(dtype="float64")
        if not np.all(np.isfinite(values) & (values > 0)):
            term = terms[np.flatnonzero(~(np.isfinite(values) & (values > 0)))[0]]
            raise ValueError(
                f"The 'prior' Series of log_odds must hold numbers above zero. Got "
                f"{prior[term]!r} for the term {term!r}."
            )
        return values
    if isinstance(prior, bool) or not isinstance(prior, Real):
        raise fail("prior", "log_odds", _PRIOR_KINDS, prior)
    prior = check_number(prior, parameter="prior", function="log_odds", low=0, low_open=True)
    return np.full(len(terms), prior)


# -- keyness -----------------------------------------------------------------------------
def _contingency(a: np.ndarray, b: np.ndarray, n_target: float, n_reference: float):
    """The 2x2 table of each term: rows target/reference, columns term/other tokens."""
    observed = np.stack([a, n_target - a, b, n_reference - b], axis=1)  # cells a, c, b, d
    total = n_target + n_reference
    term_total = a + b
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = np.stack(
            [
                n_target * term_total / total,
                n_target * (total - term_total) / total,
                n_reference * term_total / total,
                n_reference * (total - term_total) / total,
            ],
            axis=1,
        )
    return observed, expected


def _williams(term_total: np.ndarray, n_target: float, n_reference: float) -> np.ndarray:
    """Williams' (1976) q for a 2x2 table: 1 + (N/R1 + N/R2 - 1)(N/C1 + N/C2 - 1) / 6N."""
    total = n_target + n_reference
    with np.errstate(divide="ignore", invalid="ignore"):
        rows = total / n_target + total / n_reference - 1.0
        columns = total / term_total + total / (total - term_total) - 1.0
    return 1.0 + rows * columns / (6.0 * total)


def keyness(
    counts_target: pd.Series | Mapping[str, float],
    counts_reference: pd.Series | Mapping[str, float],
    *,
    measure: str = "g2",
    correction: str = "none",
    total_target: float | None = None,
    total_reference: float | None = None,
) -> pd.DataFrame:
    """Keyness of each term in a target group against a reference: signed G², chi² or PMI.

    Each term gets the 2x2 table (term, other tokens) x (target, reference) and a test
    of whether the term is used at the same rate in both.

    Parameters
    ----------
    counts_target, counts_reference : pandas.Series or dict
        Term counts indexed by term; a term missing from one side counts zero there.
    measure : {"g2", "chi2", "pmi"}, default "g2"
        ``"g2"``: the log-likelihood ratio G² (Dunning 1993); ``"chi2"``: Pearson's
        chi-squared; ``"pmi"``: pointwise mutual information of term and target,
        ``log(a / E)`` in natural log.
    correction : {"none", "yates", "williams"}, default "none"
        ``"yates"`` moves every observed cell half a count towards its expected value
        (never past it) before computing the statistic, as
        ``scipy.stats.chi2_contingency(correction=True)`` does. ``"williams"`` divides the
        statistic by Williams' q. PMI takes no correction.
    total_target, total_reference : float, optional
        The groups' total numbers of tokens, when the counts cover only some terms.
        Default: the counts' sums.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``term`` (sorted), with columns ``count_target, count_reference,
        expected`` (the term's expected count in the target under equal rates),
        ``measure``, ``correction``, ``statistic`` (positive when the term is used more in
        the target than expected, negative when less) and ``p``.

    See Also
    --------
    log_odds : the log-odds ratio with a Dirichlet prior, which ranks rare terms better.

    Notes
    -----
    For one term, with ``a`` and ``b`` its counts in target and reference, ``c`` and ``d``
    the other tokens of each, ``N = a + b + c + d`` and ``E`` the expected counts from the
    margins (``E_a = (a + c)(a + b) / N``)::

        G2   = 2 * sum(O * ln(O / E))          over the four cells, 0 * ln 0 = 0
        chi2 = sum((O - E)^2 / E)              = N (ad - bc)^2 / ((a+b)(c+d)(a+c)(b+d))
        PMI  = ln(a / E_a)
        Yates:    each O is moved min(0.5, |O - E|) towards E first
        Williams: statistic / q, q = 1 + (N/(a+c) + N/(b+d) - 1)(N/(a+b) + N/(c+d) - 1) / (6N)

    The sign is that of ``a - E_a``. ``p`` is the upper tail of the chi-squared
    distribution with one degree of freedom at ``|statistic|``. PMI is an effect size with
    no sampling distribution of its own: its ``p`` is that of the uncorrected G² test of
    the same table. A term absent from both groups has statistic 0 and p 1; PMI of a term
    absent from the target is ``-inf``.

    How quanteda's ``textstat_keyness`` differs: its default measure is chi-squared, and
    its default correction applies Yates only when ``|ad - bc| >= N/2`` and some expected
    count is below 5, by subtracting ``N/2`` from ``|ad - bc|`` (here: ``measure="g2"``
    and no correction by default; ``"yates"`` always applies). Its documentation says the
    default for ``"lr"`` is Williams' correction, but its code (quanteda.textstats
    ``keyness.cpp``) applies the same conditional Yates adjustment to G². It sets q = 1
    when any cell is zero, adds 1e-9 inside every logarithm, and gives PMI a p-value from
    ``|PMI|`` as if it were chi-squared; none of that is done here.

    References
    ----------
    Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
    *Computational Linguistics*, 19(1), 61-74.

    Williams, D. A. (1976). Improved likelihood ratio tests for complete contingency
    tables. *Biometrika*, 63(1), 33-37.

    Rayson, P., & Garside, R. (2000). Comparing corpora using frequency profiling.
    *Proceedings of the Workshop on Comparing Corpora*, 1-6.

    Examples
    --------
    >>> import pandas as pd
    >>> rt = pd.Series({"kiev": 40, "kyiv": 2, "the": 500})
    >>> reuters = pd.Series({"kiev": 1, "kyiv": 50, "the": 520})
    >>> keyness(rt, reuters)["statistic"].round(2).to_dict()
    {'kiev': 51.0, 'kyiv': -54.72, 'the': 0.51}
    """
    function = "keyness"
    check_choice(measure, _MEASURES, parameter="measure", function=function)
    check_choice(correction, _CORRECTIONS, parameter="correction", function=function)
    if measure == "pmi" and correction != "none":
        raise ValueError(
            f"PMI takes no correction; keyness(measure='pmi') needs correction='none'. "
            f"Got {correction!r} instead."
        )
    terms, a, b = _aligned(
        counts_target,
        counts_reference,
        names=("counts_target", "counts_reference"),
        function=function,
    )
    n_target = _total(total_target, a, name="total_target", function=function)
    n_reference = _total(total_reference, b, name="total_reference", function=function)
    if n_target <= 0 or n_reference <= 0:
        raise ValueError(
            "keyness needs tokens in both groups; the target has "
            f"{n_target:g} and the reference {n_reference:g}."
        )
    statistic, p = _keyness_arrays(a, b, n_target, n_reference, measure, correction)
    _, expected = _contingency(a, b, n_target, n_reference)
    table = pd.DataFrame(
        {
            "count_target": _count_dtype(a),
            "count_reference": _count_dtype(b),
            "expected": expected[:, 0],
            "measure": pd.array([measure] * len(terms), dtype="string"),
            "correction": pd.array([correction] * len(terms), dtype="string"),
            "statistic": statistic,
            "p": p,
        },
        index=terms,
    )
    parameters = {
        "measure": measure,
        "correction": correction,
        "total_target": n_target,
        "total_reference": n_reference,
    }
    return stamp(table, function=function, parameters=parameters)


def _keyness_arrays(
    a: np.ndarray,
    b: np.ndarray,
    n_target: float,
    n_reference: float,
    measure: str,
    correction: str,
) -> tuple[np.ndarray, np.ndarray]:
    """Signed statistic and p-value of every term (the arithmetic of :func:`keyness`)."""
    observed, expected = _contingency(a, b, n_target, n_reference)
    term_total = a + b
    absent = term_total == 0  # no evidence either way: statistic 0, p 1
    sign = np.sign(observed[:, 0] - expected[:, 0])
    if measure == "pmi":
        with np.errstate(divide="ignore", invalid="ignore"):
            pmi = np.log(a / expected[:, 0])
        statistic = np.where(absent, 0.0, pmi)
        g2, _ = _keyness_arrays(a, b, n_target, n_reference, "g2", "none")
        return statistic, _chi2_tail(np.abs(g2))
    if correction == "yates":
        gap = expected - observed
        observed = observed + np.sign(gap) * np.minimum(0.5, np.abs(gap))
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure == "g2":
            value = 2.0 * np.sum(_xlogy(observed, observed / expected), axis=1)
        else:
            value = np.sum((observed - expected) ** 2 / expected, axis=1)
    if correction == "williams":
        value = value / _williams(term_total, n_target, n_reference)
    value = np.where(absent | (term_total == n_target + n_reference), 0.0, value)
    # tiny negative G2 from rounding when O == E would flip the sign of nothing
    value = np.maximum(value, 0.0)
    statistic = sign * value
    return statistic, _chi2_tail(value)


def _chi2_tail(value: np.ndarray) -> np.ndarray:
    """P(chi-squared with one degree of freedom > value) = erfc(sqrt(value / 2)): the
    same numbers as ``scipy.stats.chi2.sf(value, 1)``, several times faster."""
    from scipy.special import erfc

    return erfc(np.sqrt(np.asarray(value, dtype="float64") / 2.0))


def _xlogy(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """x * log(y), with 0 * log(anything) = 0 (the convention of G²)."""
    out = np.zeros_like(x, dtype="float64")
    positive = x > 0
    out[positive] = x[positive] * np.log(y[positive])
    return out


def benjamini_hochberg(p_values: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (the false discovery rate step-up).

    ``p_adjusted_(i) = min over j >= i of (m / j) * p_(j)``, capped at 1, for the p-values
    sorted from small to large. NaN p-values stay NaN and do not count in ``m``.

    Examples
    --------
    >>> benjamini_hochberg(np.array([0.01, 0.04, 0.03, 0.5])).round(3).tolist()
    [0.04, 0.053, 0.053, 0.5]
    """
    p_values = np.asarray(p_values, dtype=np.float64)
    adjusted = np.full_like(p_values, np.nan)
    valid = np.flatnonzero(~np.isnan(p_values))
    if len(valid) == 0:
        return adjusted
    order = valid[np.argsort(p_values[valid], kind="stable")]
    m = len(order)
    scaled = p_values[order] * m / np.arange(1, m + 1)
    adjusted[order] = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
    return adjusted
