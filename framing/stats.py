"""Statistics on counts and proportions: arrays and Series in, no corpus.

- :func:`log_odds`: the log-odds ratio of every term between two sets of counts, with the
  (informative) Dirichlet prior of Monroe, Colaresi & Quinn (2008), its variance and z.
- :func:`keyness`: signed G² (Dunning 1993), Pearson's chi-squared (with optional Yates or
  Williams correction) and pointwise mutual information, with p-values.
- :func:`benjamini_hochberg`: false-discovery-rate adjusted p-values.
- :func:`wilson_interval`: the Wilson score interval of a proportion, and
  :func:`stratified_proportion` for a proportion over strata sampled at different rates.
- :func:`share_interval`, :func:`rate_interval`: intervals of a share and a rate whose
  counts come in documents (clusters), honest at 0 and 1 and for few documents.
- :func:`cohen_kappa` and :func:`krippendorff_alpha`: agreement of coders (nominal codes).

The table functions (:func:`framing.compare_groups`, :func:`framing.precision`) call these;
the formulas are in each function's Notes and, with worked examples, in
``docs/statistics.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from numbers import Real
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from framing._checks import renamed
from framing.provenance import stamp

_VARIANCES = ("full", "mcq")
_MEASURES = ("g2", "chi2", "pmi")
_CORRECTIONS = ("none", "yates", "williams")


# -- input checks ------------------------------------------------------------------------
def _check_choice(value: Any, allowed: tuple[str, ...], *, parameter: str, function: str) -> None:
    """Raise the kit's standard error when ``value`` is not one of ``allowed``."""
    if value not in allowed:
        quoted = [repr(choice) for choice in allowed]
        listed = ", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else quoted[0]
        raise ValueError(
            f"The {parameter!r} parameter of {function} must be {listed}. Got {value!r} instead."
        )


def _as_counts(counts: Any, *, name: str, function: str) -> pd.Series:
    """Return ``counts`` as a float Series indexed by term, or raise a clear error."""
    if isinstance(counts, Mapping) and not isinstance(counts, pd.Series):
        counts = pd.Series(dict(counts), dtype="float64")
    if not isinstance(counts, pd.Series):
        raise TypeError(
            f"The {name!r} parameter of {function} must be a pandas Series (or a dict) of "
            f"counts indexed by term. Got {type(counts).__name__} instead."
        )
    if counts.index.has_duplicates:
        term = counts.index[counts.index.duplicated()][0]
        raise ValueError(
            f"The {name!r} parameter of {function} repeats the term {term!r}; "
            "each term must appear once."
        )
    try:
        values = pd.to_numeric(counts, errors="raise").astype("float64")
    except (TypeError, ValueError) as error:
        raise ValueError(
            f"The {name!r} parameter of {function} must hold numbers (counts). {error}"
        ) from None
    bad = values[~np.isfinite(values.to_numpy()) | (values.to_numpy() < 0)]
    if len(bad):
        raise ValueError(
            f"The {name!r} parameter of {function} must hold counts of zero or more. "
            f"Got {float(bad.iloc[0])!r} for the term {bad.index[0]!r}."
        )
    return values


def _aligned(
    counts_a: Any, counts_b: Any, *, names: tuple[str, str], function: str
) -> tuple[pd.Index, np.ndarray, np.ndarray]:
    """Align two count Series on the union of their terms, sorted, zeros where absent."""
    first = _as_counts(counts_a, name=names[0], function=function)
    second = _as_counts(counts_b, name=names[1], function=function)
    terms = first.index.union(second.index)
    if not terms.is_monotonic_increasing:  # union sorts when it can; make it certain
        terms = pd.Index(sorted(terms, key=str))
    if len(terms) == 0:
        raise ValueError(f"{function} needs at least one term; both count tables are empty.")
    terms.name = "term"
    return (
        terms,
        first.reindex(terms, fill_value=0.0).to_numpy(),
        second.reindex(terms, fill_value=0.0).to_numpy(),
    )


def _total(total: Real | None, counts: np.ndarray, *, name: str, function: str) -> float:
    summed = float(counts.sum())
    if total is None:
        return summed
    if isinstance(total, bool) or not isinstance(total, Real) or not total >= summed:
        raise ValueError(
            f"The {name!r} parameter of {function} must be a number no smaller than the sum "
            f"of the counts ({summed:g}). Got {total!r} instead."
        )
    return float(total)


def _count_dtype(values: np.ndarray) -> np.ndarray:
    """Counts that are whole numbers come back as int64, others stay float."""
    if np.all(values == np.round(values)):
        return values.astype(np.int64)
    return values


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
    _check_choice(variance, _VARIANCES, parameter="variance", function=function)
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
            raise ValueError(
                "The 'prior' parameter of log_odds must be a number, a Series indexed by term "
                f"or 'pooled'. Got {prior!r} instead."
            )
        if (
            isinstance(prior_scale, bool)
            or not isinstance(prior_scale, Real)
            or not prior_scale > 0
        ):
            raise ValueError(
                "The 'prior_scale' parameter of log_odds must be a number above zero. "
                f"Got {prior_scale!r} instead."
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
        raise ValueError(
            "The 'prior' parameter of log_odds must be a number, a Series indexed by term "
            f"or 'pooled'. Got {prior!r} instead."
        )
    if not (np.isfinite(prior) and prior > 0):
        raise ValueError(
            f"The 'prior' parameter of log_odds must be above zero. Got {prior!r} instead."
        )
    return np.full(len(terms), float(prior))


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
    _check_choice(measure, _MEASURES, parameter="measure", function=function)
    _check_choice(correction, _CORRECTIONS, parameter="correction", function=function)
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
    if isinstance(ci, bool) or not isinstance(ci, Real) or not 0 < ci < 1:
        raise ValueError(
            f"The 'ci' parameter of {function} must be a number between 0 and 1 (0.95 for a "
            f"95% interval). Got {ci!r} instead."
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


def cohen_kappa(first: Any, second: Any) -> float:
    """Cohen's kappa of two coders' codes of the same items (nominal codes).

    Parameters
    ----------
    first, second : array-like
        The codes of each coder, item by item (same length, no missing values).

    Returns
    -------
    float
        :math:`\\kappa = (p_o - p_e) / (1 - p_e)`, with :math:`p_o` the share of items
        with the same code and :math:`p_e = \\sum_k p_{1k} p_{2k}` the agreement
        expected from each coder's own distribution of codes. NaN when ``p_e`` is 1
        (both coders used one and the same code throughout) or there are no items.

    References
    ----------
    Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and
    Psychological Measurement*, 20(1), 37-46.

    Examples
    --------
    >>> a = ["yes"] * 25 + ["no"] * 25
    >>> b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    >>> round(cohen_kappa(a, b), 6)
    0.4
    """
    a = np.asarray(first, dtype=object)
    b = np.asarray(second, dtype=object)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError("cohen_kappa needs two sequences of codes of the same length.")
    if len(a) == 0:
        return np.nan
    observed = float(np.mean(a == b))
    categories = sorted(set(a.tolist()) | set(b.tolist()), key=str)
    expected = sum(float(np.mean(a == k)) * float(np.mean(b == k)) for k in categories)
    if expected >= 1.0:
        return np.nan
    return (observed - expected) / (1.0 - expected)


def krippendorff_alpha(codes: Any) -> float:
    """Krippendorff's alpha for nominal codes: any number of coders, missing codes allowed.

    Parameters
    ----------
    codes : array-like of shape (units, coders)
        One row per coded unit, one column per coder; ``None`` or NaN where a coder did
        not code the unit.

    Returns
    -------
    float
        :math:`\\alpha = 1 - D_o / D_e`. Units with fewer than two codes do not count.
        NaN when fewer than two codes can be paired or all paired codes are the same
        (no disagreement is possible).

    Notes
    -----
    From the coincidence matrix: every ordered pair of codes :math:`(c, k)` given to one
    unit by two different coders adds :math:`1 / (m_u - 1)` to :math:`o_{ck}`
    (:math:`m_u` the codes of unit *u*); :math:`n_c = \\sum_k o_{ck}`,
    :math:`n = \\sum_c n_c`. For nominal codes,
    :math:`\\alpha = 1 - (n - 1) \\sum_{c \\ne k} o_{ck} / \\sum_{c \\ne k} n_c n_k`.

    References
    ----------
    Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School
    for Communication, University of Pennsylvania. https://repository.upenn.edu/asc_papers/43

    Examples
    --------
    >>> a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    >>> b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    >>> round(krippendorff_alpha(list(zip(a, b))), 3)
    0.095
    """
    rows = [list(row) for row in codes]
    index: dict[Any, int] = {}
    pairable = []
    for row in rows:
        present = [value for value in row if not _missing(value)]
        if len(present) >= 2:
            pairable.append(present)
            for value in present:
                index.setdefault(value, len(index))
    if not pairable:
        return np.nan
    coincidences = np.zeros((len(index), len(index)))
    for present in pairable:
        counts = np.zeros(len(index))
        for value in present:
            counts[index[value]] += 1
        # Pairs of different coders: every ordered pair of the unit's codes but a code
        # with itself.
        coincidences += (np.outer(counts, counts) - np.diag(counts)) / (len(present) - 1)
    totals = coincidences.sum(axis=1)
    n = totals.sum()
    observed = coincidences.sum() - np.trace(coincidences)
    expected = (totals.sum() ** 2 - (totals**2).sum()) / (n - 1)
    if expected <= 0:
        return np.nan
    return float(1.0 - observed / expected)


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))
