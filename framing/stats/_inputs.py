"""The statistics' input checks: counts as Series, totals, choices."""

from __future__ import annotations

from collections.abc import Mapping
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd

from framing._checks import fail

_VARIANCES = ("full", "mcq")
_MEASURES = ("g2", "chi2", "pmi")
_CORRECTIONS = ("none", "yates", "williams")


# -- input checks ------------------------------------------------------------------------
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
        raise fail(
            name, function, f"a number no smaller than the sum of the counts ({summed:g})", total
        )
    return float(total)


def _count_dtype(values: np.ndarray) -> np.ndarray:
    """Counts that are whole numbers come back as int64, others stay float."""
    if np.all(values == np.round(values)):
        return values.astype(np.int64)
    return values
