"""Agreement of two coders who coded the same sheet: Cohen's kappa, Krippendorff's alpha."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from framing.coding.sheet import CODES, _by_columns, _strata
from framing.provenance import stamp
from framing.stats import cohen_kappa, krippendorff_alpha

#: The columns of an agreement table after the ``by`` columns.
AGREEMENT_COLUMNS: tuple[str, ...] = (
    "items",
    "agreed",
    "observed",
    "kappa",
    "alpha",
    "first_only",
    "second_only",
)


def agreement(
    first: pd.DataFrame,
    second: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    on: str = "hit_id",
) -> pd.DataFrame:
    """How far two coders of the same sheet agree: Cohen's kappa and Krippendorff's alpha.

    Parameters
    ----------
    first, second : pandas.DataFrame
        The same coding sheet coded by two coders, each read back with
        :func:`read_coding_sheet` (any tables with ``on`` and ``code`` columns).
    by : str or list of str, optional
        Columns of ``first`` to report agreement for separately (e.g. ``"concept"``);
        by default one row for all items.
    on : str, default "hit_id"
        The column that identifies an item in both tables.

    Returns
    -------
    pandas.DataFrame
        One row per group: the ``by`` columns, ``items`` (coded by both coders),
        ``agreed`` (the same code), ``observed`` (agreed / items), ``kappa`` (Cohen's
        kappa), ``alpha`` (Krippendorff's alpha, nominal), ``first_only`` and
        ``second_only`` (items only one of them coded; left out of the statistics).

    Raises
    ------
    ValueError
        If a table lacks ``on`` or ``code``, holds an item twice, or holds a code that is
        not yes, no or unsure.

    Notes
    -----
    The three codes (yes, no, unsure) are nominal categories; an ``unsure`` against a
    ``yes`` is a disagreement. Kappa corrects the observed agreement for the agreement
    each coder's own distribution of codes would give by chance; alpha does so from the
    codes of both coders pooled, which makes it the usual choice for content analysis
    (Krippendorff 2004); both are 1 for perfect agreement and about 0 for chance.
    Both are NaN when there is nothing to correct for: every item got one and the same
    code from both coders. See :func:`framing.stats.cohen_kappa` and
    :func:`framing.stats.krippendorff_alpha` for the formulas.

    References
    ----------
    Krippendorff, K. (2004). *Content Analysis: An Introduction to Its Methodology*
    (2nd ed.). Sage.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"hit_id": list("abcdefghij"), "concept": "city",
    ...     "code": ["no", "yes", "no", "no", "no", "no", "no", "no", "yes", "no"]})
    >>> b = a.assign(code=["yes", "yes", "yes", "no", "no", "yes", "no", "no", "no", "no"])
    >>> agreement(a, b)[["items", "agreed", "observed", "kappa", "alpha"]].round(3)
       items  agreed  observed  kappa  alpha
    0     10       6       0.6  0.091  0.095
    """
    by_columns = _by_columns(by, "agreement")
    tables = []
    for name, table in (("first", first), ("second", second)):
        missing = [
            c
            for c in [on, "code", *(by_columns if name == "first" else [])]
            if c not in table.columns
        ]
        if missing:
            raise ValueError(
                f"The '{name}' parameter of agreement must be a coded sheet "
                f"(framing.read_coding_sheet); it lacks the column(s) {missing}."
            )
        if table[on].duplicated().any():
            raise ValueError(
                f"The '{name}' parameter of agreement holds the item "
                f"{table[on][table[on].duplicated()].iloc[0]!r} twice."
            )
        codes = table["code"].astype(object).where(table["code"].notna(), None)
        codes = codes.map(lambda code: code.strip().lower() if isinstance(code, str) else code)
        unknown = codes[codes.notna() & ~codes.isin(CODES)]
        if len(unknown):
            raise ValueError(
                f"The '{name}' parameter of agreement has the code {unknown.iloc[0]!r}; "
                "expected yes, no, unsure or missing."
            )
        tables.append(table.assign(code=codes))
    joined = tables[0][[on, *by_columns, "code"]].merge(
        tables[1][[on, "code"]], on=on, how="outer", suffixes=("_first", "_second")
    )
    records = []
    for key, rows in _strata(joined, by_columns):
        part = joined.iloc[rows]
        a, b = part["code_first"], part["code_second"]
        both = a.notna() & b.notna()
        first_codes, second_codes = a[both].tolist(), b[both].tolist()
        agreed = sum(x == y for x, y in zip(first_codes, second_codes, strict=True))
        records.append(
            [
                *key,
                len(first_codes),
                agreed,
                agreed / len(first_codes) if first_codes else np.nan,
                cohen_kappa(first_codes, second_codes),
                krippendorff_alpha(list(zip(first_codes, second_codes, strict=True))),
                int((a.notna() & b.isna()).sum()),
                int((a.isna() & b.notna()).sum()),
            ]
        )
    frame = pd.DataFrame(records, columns=[*by_columns, *AGREEMENT_COLUMNS])
    for column in by_columns:
        frame[column] = pd.array(frame[column].astype(object), dtype="string")
    for column in ("items", "agreed", "first_only", "second_only"):
        frame[column] = frame[column].astype("int64")
    for column in ("observed", "kappa", "alpha"):
        frame[column] = frame[column].astype("float64")
    stamp(frame, function="agreement", inherit=first, parameters={"by": by_columns, "on": on})
    return frame
