"""Agreement of coders on nominal codes: Cohen's kappa and Krippendorff's alpha."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd


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
