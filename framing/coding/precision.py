"""Precision per stratum from coded hits (Wilson intervals), and adjusted counts."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from framing._checks import check_number
from framing.coding.sheet import CODES, PRECISION_COLUMNS, _by_columns, _strata
from framing.provenance import provenance, stamp
from framing.stats import stratified_proportion, wilson_interval

# --------------------------------------------------------------------------- statistics


def precision(
    coded: pd.DataFrame,
    *,
    by: str | Sequence[str] = ("concept", "variant"),
    ci: float = 0.95,
    strata: str | Sequence[str] | None = None,
    weights: str = "stratum_hits",
) -> pd.DataFrame:
    """Precision of the hits per stratum, with a Wilson score interval.

    Parameters
    ----------
    coded : pandas.DataFrame
        A coded sheet from :func:`read_coding_sheet` (any table with a ``code`` column of
        ``yes``/``no``/``unsure``/missing and the ``by`` columns).
    by : str or list of str, default ("concept", "variant")
        The strata. Use the strata the sheet was drawn by (or coarser ones: see Notes).
    ci : float, default 0.95
        Coverage of the interval.
    strata : str or list of str, optional
        The finer strata the sheet was drawn by, below ``by`` (e.g. ``by="concept"``,
        ``strata="variant"`` for a sheet drawn by concept × variant). Each ``by`` group's
        precision is then the mean of its strata's precisions weighted by their hits
        (the ``weights`` column), not the pooled share of its coded hits: see Notes.
    weights : str, default "stratum_hits"
        With ``strata``: the column holding each stratum's number of hits (constant
        within a stratum; :func:`coding_sheet` writes it).

    Returns
    -------
    pandas.DataFrame
        One row a stratum (sorted): the ``by`` columns, ``rows`` (hits in the sheet),
        ``coded`` (with any code), ``yes``, ``no``, ``unsure``, ``uncoded``,
        ``precision = yes / (yes + no)`` and ``precision_low``, ``precision_high``.
        Precision and interval are NaN where no hit is coded yes or no. With
        ``strata``, also ``hits`` (the weights summed over the group's strata) and
        ``effective_n`` (Kish's effective sample size of the weighted estimate).

    Raises
    ------
    ValueError
        If ``coded`` lacks a column, holds a code that is not yes, no, unsure or
        missing, or ``ci`` is not between 0 and 1.

    See Also
    --------
    adjusted_counts : counts of a scores table times precision.

    Notes
    -----
    With *x* hits coded yes among *m* coded yes or no, *p* = *x*/*m* and *z* the
    (1 + ci)/2 quantile of the standard normal (1.96 for 95%), the Wilson score
    interval is

    .. math::

        \\frac{x + z^2/2}{m + z^2} \\pm \\frac{z\\sqrt{m}}{m + z^2}
        \\sqrt{p(1 - p) + \\frac{z^2}{4m}}

    It stays inside [0, 1] and, unlike the normal ("Wald") interval, does not collapse to
    a point when every coded hit is yes, which is common for a good lexicon. "unsure"
    codes count in neither *x* nor *m*. The interval treats the coded hits as a simple
    random sample of the stratum's hits (true within a stratum of the sheet); pooling
    strata that were sampled at different rates (e.g. ``by="concept"`` over a sheet
    drawn by concept × variant) weighs small variants too heavily; pass
    ``strata="variant"`` to weight each variant by its hits instead: precision is then
    :math:`\\sum_s W_s x_s / m_s` with :math:`W_s` the stratum's share of the group's
    hits, and its interval the Wilson interval at Kish's effective sample size
    :math:`1 / \\sum_s W_s^2 / m_s` (see :func:`framing.stats.stratified_proportion`).

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
    inference. *Journal of the American Statistical Association*, 22(158), 209-212.

    Brown, L. D., Cai, T. T., & DasGupta, A. (2001). Interval estimation for a binomial
    proportion. *Statistical Science*, 16(2), 101-133.

    Examples
    --------
    >>> import pandas as pd
    >>> coded = pd.DataFrame({"concept": "city", "variant": "russian",
    ...     "code": ["yes"] * 8 + ["no", "unsure", None]})
    >>> precision(coded)[["variant", "coded", "yes", "no", "precision", "precision_low"]]
       variant  coded  yes  no  precision  precision_low
    0  russian     10    8   1   0.888889          0.565
    """
    by_columns = _by_columns(by, "precision")
    check_number(
        ci, parameter="ci", function="precision", low=0, high=1, low_open=True, high_open=True
    )
    missing = [column for column in ["code", *by_columns] if column not in coded.columns]
    if missing:
        raise ValueError(
            f"The 'coded' parameter of precision must be a coded sheet from "
            f"framing.read_coding_sheet; it lacks the column(s) {missing}."
        )
    codes = coded["code"].astype(object).where(coded["code"].notna(), None)
    codes = codes.map(lambda code: code.strip().lower() if isinstance(code, str) else code)
    unknown = codes[codes.notna() & ~codes.isin(CODES)]
    if len(unknown):
        label = unknown.index[0]
        label = label.item() if isinstance(label, np.generic) else label
        raise ValueError(
            f"The 'coded' parameter of precision has the code {unknown.iloc[0]!r} at index "
            f"{label!r}; expected one of 'yes', 'no', 'unsure' or missing."
        )
    table = coded.reset_index(drop=True)
    codes = codes.reset_index(drop=True)
    if strata is not None:
        return _stratified(table, codes, by_columns, _by_columns(strata, "precision"), weights, ci)
    records = []
    for key, rows in _strata(table, by_columns):
        stratum = codes.iloc[rows]
        yes = int((stratum == "yes").sum())
        no = int((stratum == "no").sum())
        unsure = int((stratum == "unsure").sum())
        records.append([*key, len(rows), yes + no + unsure, yes, no, unsure])
    frame = pd.DataFrame(records, columns=[*by_columns, "rows", "coded", "yes", "no", "unsure"])
    for column in by_columns:
        frame[column] = pd.array(frame[column].astype(object), dtype="string")
    for column in ("rows", "coded", "yes", "no", "unsure"):
        frame[column] = frame[column].astype("int64")
    frame["uncoded"] = frame["rows"] - frame["coded"]
    decided = (frame["yes"] + frame["no"]).to_numpy()
    yes = frame["yes"].to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        frame["precision"] = np.where(decided > 0, yes / np.maximum(decided, 1), np.nan)
    low, high = wilson_interval(yes, decided, ci=ci)
    frame["precision_low"] = low
    frame["precision_high"] = high
    stamp(frame, function="precision", inherit=coded, parameters={"by": by_columns, "ci": ci})
    return frame


def _stratified(
    table: pd.DataFrame,
    codes: pd.Series,
    by_columns: list[str],
    strata_columns: list[str],
    weights: str,
    ci: float,
) -> pd.DataFrame:
    """Precision per ``by`` group, its strata weighted by their hits."""
    overlap = [column for column in strata_columns if column in by_columns]
    missing = [column for column in [*strata_columns, weights] if column not in table.columns]
    if overlap or missing:
        raise ValueError(
            f"The 'strata' parameter of precision must name columns of the sheet other than "
            f"'by', and the sheet needs the '{weights}' column; "
            + (f"{overlap} are in 'by'" if overlap else f"it lacks {missing}")
            + "."
        )
    records = []
    for key, rows in _strata(table, by_columns):
        part = table.iloc[rows]
        part_codes = codes.iloc[rows]
        counts = []
        for _, inner in _strata(part.reset_index(drop=True), strata_columns):
            stratum = part_codes.iloc[inner]
            sizes = pd.to_numeric(part[weights].iloc[inner]).unique()
            if len(sizes) != 1:
                raise ValueError(
                    f"The '{weights}' column must hold one value per stratum; a stratum of "
                    f"{key} has {sorted(sizes.tolist())}."
                )
            counts.append(
                (
                    int((stratum == "yes").sum()),
                    int((stratum == "no").sum()),
                    int((stratum == "unsure").sum()),
                    len(inner),
                    float(sizes[0]),
                )
            )
        yes, no, unsure, sizes, hits = (np.asarray(column) for column in zip(*counts, strict=True))
        estimate, low, high, effective = stratified_proportion(yes, yes + no, hits, ci=ci)
        records.append(
            [
                *key,
                int(sizes.sum()),
                int((yes + no + unsure).sum()),
                int(yes.sum()),
                int(no.sum()),
                int(unsure.sum()),
                estimate,
                low,
                high,
                int(hits.sum()),
                effective,
            ]
        )
    columns = [*by_columns, "rows", "coded", "yes", "no", "unsure", "precision"]
    columns += ["precision_low", "precision_high", "hits", "effective_n"]
    frame = pd.DataFrame(records, columns=columns)
    for column in by_columns:
        frame[column] = pd.array(frame[column].astype(object), dtype="string")
    for column in ("rows", "coded", "yes", "no", "unsure", "hits"):
        frame[column] = frame[column].astype("int64")
    frame.insert(frame.columns.get_loc("unsure") + 1, "uncoded", frame["rows"] - frame["coded"])
    for column in ("precision", "precision_low", "precision_high", "effective_n"):
        frame[column] = frame[column].astype("float64")
    stamp(
        frame,
        function="precision",
        inherit=table,
        parameters={"by": by_columns, "ci": ci, "strata": strata_columns, "weights": weights},
    )
    return frame


def adjusted_counts(scores: pd.DataFrame, precision_table: pd.DataFrame) -> pd.DataFrame:
    """Multiply a scores table's counts by the measured precision of each stratum.

    Parameters
    ----------
    scores : pandas.DataFrame
        A table with a ``count`` column and the stratum columns of ``precision_table``
        (e.g. :func:`framing.score` output, with ``concept`` and ``variant``).
    precision_table : pandas.DataFrame
        The output of :func:`precision`.

    Returns
    -------
    pandas.DataFrame
        ``scores`` (same rows, same order) with ``precision``, ``precision_low``,
        ``precision_high`` and ``adjusted_count``, ``adjusted_count_low``,
        ``adjusted_count_high`` (count times each). NaN where the stratum has no
        precision (not in the table, or nothing coded).

    Raises
    ------
    ValueError
        If ``scores`` lacks a stratum column or ``count``, or ``precision_table`` has a
        stratum twice.

    Notes
    -----
    ``adjusted_count = count × precision``: the expected number of true hits, assuming
    the coded sample is representative of the stratum's hits *in every group* of the
    scores (precision measured over the whole corpus is applied to each outlet). Where
    precision differs by outlet, draw the sheet ``by=("concept", "variant", "outlet")``.
    The interval carries only the uncertainty of precision, not that of the count.
    Shares are not adjusted: recompute them from adjusted counts if needed.

    Examples
    --------
    >>> import pandas as pd
    >>> coded = pd.DataFrame({"concept": "city", "variant": "russian",
    ...     "code": ["yes"] * 8 + ["no"] * 2})
    >>> scores = pd.DataFrame({"outlet": ["X", "Y"], "concept": "city",
    ...     "variant": "russian", "count": [100, 10]})
    >>> adjusted_counts(scores, precision(coded))[["outlet", "count", "adjusted_count"]]
      outlet  count  adjusted_count
    0      X    100            80.0
    1      Y     10             8.0
    """
    extra = ("hits", "effective_n")  # columns of a stratified precision table
    keys = [
        column
        for column in precision_table.columns
        if column not in PRECISION_COLUMNS and column not in extra
    ]
    missing = [column for column in [*keys, "count"] if column not in scores.columns]
    if missing:
        raise ValueError(
            f"The 'scores' parameter of adjusted_counts must have a 'count' column and the "
            f"stratum columns of the precision table {keys}; it lacks {missing}."
        )
    if precision_table.duplicated(keys).any():
        raise ValueError(
            f"The 'precision_table' parameter of adjusted_counts has a stratum more than "
            f"once (columns {keys}); expected the output of framing.precision."
        )
    measures = ["precision", "precision_low", "precision_high"]
    lookup = precision_table[[*keys, *measures]].copy()
    for column in keys:
        lookup[column] = lookup[column].astype(object)
    left = scores.reset_index(drop=True)
    joined_keys = left[keys].astype(object) if keys else pd.DataFrame(index=left.index)
    if keys:
        merged = joined_keys.merge(lookup, on=keys, how="left", validate="many_to_one")
    else:
        merged = pd.concat([lookup[measures]] * len(left), ignore_index=True)
    result = scores.copy()
    counts = pd.to_numeric(left["count"]).to_numpy(dtype="float64")
    for measure in measures:
        values = merged[measure].to_numpy(dtype="float64") if len(merged) else np.zeros(0)
        result[measure] = values
    result["adjusted_count"] = counts * result["precision"].to_numpy()
    result["adjusted_count_low"] = counts * result["precision_low"].to_numpy()
    result["adjusted_count_high"] = counts * result["precision_high"].to_numpy()
    stamp(
        result,
        function="adjusted_counts",
        inherit=scores,
        parameters={"precision": provenance(precision_table), "strata": keys},
    )
    return result
