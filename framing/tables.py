"""The tables that pass between the stages: their columns, dtypes and checks, in one place.

Each stage takes and returns a :class:`pandas.DataFrame` of a fixed shape; this module
writes those shapes down once, as ``{column: dtype}`` in column order, and the modules that
make the tables take their column lists from here. The corpus table's contract lives with
the readers, in :mod:`framing.corpus.schema` (``CORPUS_COLUMNS``, checked by
:func:`framing.validate_corpus`); it is not repeated here.

==============  =====================  ===================================================
table           made by                contract
==============  =====================  ===================================================
corpus          ``read_corpus``,       ``framing.corpus.schema.CORPUS_COLUMNS``, checked by
                ``as_corpus``          ``validate_corpus``
hits            ``match``              :data:`HITS_COLUMNS`, checked by
                                       :func:`validate_hits`
scores          ``score``              grouping columns, then :data:`SCORE_COLUMNS`,
                                       checked by :func:`validate_scores`
comparison      ``compare_groups``     :data:`COMPARISON_COLUMNS`
KWIC            ``kwic``               :data:`KWIC_COLUMNS`
coding sheet    ``coding_sheet``       :data:`SHEET_COLUMNS` (``read_coding_sheet``
                                       checks a sheet read back)
==============  =====================  ===================================================

A ``"string"`` column holds text (pandas' ``string`` dtype when the kit makes it; an
``object`` or categorical column of text is accepted on input). An ``"int64"`` column
holds whole numbers, a ``"float64"`` column numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

import numpy as np
import pandas as pd

from framing._checks import check_names
from framing.errors import ParameterError

__all__ = [
    "COMPARISON_COLUMNS",
    "COMPARISON_DTYPES",
    "HITS_COLUMNS",
    "HITS_REQUIRED",
    "HITS_SPAN",
    "KWIC_COLUMNS",
    "KWIC_DTYPES",
    "SCORE_COLUMNS",
    "SCORE_DTYPES",
    "SHEET_COLUMNS",
    "SHEET_DTYPES",
    "validate_hits",
    "validate_scores",
]

#: The hits table's own columns and their dtypes, in order (``match`` may add corpus
#: columns such as ``outlet`` after them). One row per match: where it is (``doc_id``,
#: ``field``, ``start``, ``end``: character offsets), what it is (``matched`` as in the
#: text, the lexicon's ``term``), what it counts for (``concept``, ``variant``) and who
#: says it (``voice``, ``speaker``).
HITS_COLUMNS: dict[str, str] = {
    "doc_id": "string",
    "field": "string",
    "start": "int64",
    "end": "int64",
    "matched": "string",
    "term": "string",
    "concept": "string",
    "variant": "string",
    "voice": "string",
    "speaker": "string",
}

#: The hits columns every stage relies on: what each hit counts for, in which document
#: and field. The rest may be missing from a table made by hand or by an earlier version;
#: the stages that need more say so (``kwic`` and ``coding_sheet`` cut the context at
#: :data:`HITS_SPAN`; ``score(voice=...)`` needs ``voice``).
HITS_REQUIRED: tuple[str, ...] = ("doc_id", "field", "concept", "variant")

#: Where a hit is in its field (character offsets) and the text matched there.
HITS_SPAN: tuple[str, ...] = ("start", "end", "matched")

#: The columns of a scores table after its grouping columns (``outlet``, ``period``, ...),
#: with their dtypes: counts, rates per 10,000 tokens and shares, each with its interval.
SCORE_DTYPES: Mapping[str, str] = MappingProxyType(
    {
        "concept": "string",
        "variant": "string",
        "count": "int64",
        "docs": "int64",
        "n_docs": "int64",
        "n_tokens": "int64",
        "rate": "float64",
        "rate_low": "float64",
        "rate_high": "float64",
        "share": "float64",
        "share_low": "float64",
        "share_high": "float64",
        "concept_count": "int64",
        "concept_docs": "int64",
        "concept_rate": "float64",
        "concept_rate_low": "float64",
        "concept_rate_high": "float64",
    }
)
SCORE_COLUMNS: tuple[str, ...] = tuple(SCORE_DTYPES)

#: The columns of the table ``compare_groups`` returns, with their dtypes.
COMPARISON_DTYPES: Mapping[str, str] = MappingProxyType(
    {
        "term": "string",
        "group": "string",
        "count": "int64",
        "other_count": "int64",
        "log_odds": "float64",
        "se": "float64",
        "z": "float64",
        "g2": "float64",
        "p": "float64",
        "p_adjusted": "float64",
    }
)
COMPARISON_COLUMNS: tuple[str, ...] = tuple(COMPARISON_DTYPES)

#: The columns of a KWIC table (``kwic``), with their dtypes.
KWIC_DTYPES: Mapping[str, str] = MappingProxyType(
    {
        "doc_id": "string",
        "outlet": "string",
        "published": "datetime64[ns, UTC]",
        "field": "string",
        "start": "int64",
        "end": "int64",
        "left": "string",
        "match": "string",
        "right": "string",
        "term": "string",
        "concept": "string",
        "variant": "string",
        "voice": "string",
        "speaker": "string",
    }
)
KWIC_COLUMNS: tuple[str, ...] = tuple(KWIC_DTYPES)

#: The columns of a coding sheet (``coding_sheet``), with their dtypes, in order (columns
#: of a non-default ``by`` that are not among them go before ``stratum_hits``).
SHEET_DTYPES: Mapping[str, str] = MappingProxyType(
    {
        "hit_id": "string",
        "concept": "string",
        "variant": "string",
        "left": "string",
        "match": "string",
        "right": "string",
        "code": "string",
        "comment": "string",
        "term": "string",
        "voice": "string",
        "speaker": "string",
        "outlet": "string",
        "published": "datetime64[ns, UTC]",
        "doc_id": "string",
        "field": "string",
        "start": "int64",
        "end": "int64",
        "stratum_hits": "int64",
        "check": "string",
    }
)
SHEET_COLUMNS: tuple[str, ...] = tuple(SHEET_DTYPES)


def validate_hits(
    hits: pd.DataFrame, *, require: Sequence[str] = (), name: str = "hits table"
) -> pd.DataFrame:
    """Check that ``hits`` is a hits table and return it unchanged.

    Parameters
    ----------
    hits : pandas.DataFrame
        The table to check: what :func:`framing.match` returns, or a table of that shape.
    require : sequence of str
        Columns needed beyond :data:`HITS_REQUIRED` (``kwic`` needs :data:`HITS_SPAN`).
    name : str
        What to call the table in error messages.

    Returns
    -------
    pandas.DataFrame
        ``hits`` itself, so the call can sit in a chain.

    Raises
    ------
    ParameterError
        If ``hits`` is not a DataFrame, lacks a column of :data:`HITS_REQUIRED` or of
        ``require``, or a column of :data:`HITS_COLUMNS` has the wrong kind of dtype
        (offsets that are not whole numbers, text columns that hold numbers).

    See Also
    --------
    validate_scores : The same for a scores table.
    framing.validate_corpus : The same for a corpus.

    Examples
    --------
    >>> import pandas as pd
    >>> import framing
    >>> corpus = framing.as_corpus(pd.DataFrame({"doc_id": ["a"], "outlet": ["RT"],
    ...     "published": ["2022-03-02"], "title": [""], "text": ["Kiev said."]}))
    >>> lexicon = framing.Lexicon.from_dataframe(pd.DataFrame({
    ...     "concept": ["capital"], "variant": ["russian"], "term": ["Kiev"]}), name="demo")
    >>> hits = framing.match(corpus, lexicon)
    >>> framing.validate_hits(hits) is hits
    True
    >>> try:
    ...     framing.validate_hits(hits.drop(columns="end"), require=["start", "end"])
    ... except framing.ParameterError as error:
    ...     print(error)
    The hits table lacks the column(s) ['end']; a hits table needs ['doc_id', 'field',
    'concept', 'variant', 'start', 'end']. Make one with framing.match(corpus, lexicon).
    """
    required = tuple(
        dict.fromkeys(
            [*HITS_REQUIRED, *check_names(require, parameter="require", function="validate_hits")]
        )
    )
    return _validate(hits, HITS_COLUMNS, required, name=name, maker=_HITS_MAKER)


def validate_scores(scores: pd.DataFrame, *, name: str = "scores table") -> pd.DataFrame:
    """Check that ``scores`` is a scores table and return it unchanged.

    Parameters
    ----------
    scores : pandas.DataFrame
        The table to check: what :func:`framing.score` returns (grouping columns, then
        :data:`SCORE_COLUMNS`).
    name : str
        What to call the table in error messages.

    Returns
    -------
    pandas.DataFrame
        ``scores`` itself, so the call can sit in a chain.

    Raises
    ------
    ParameterError
        If ``scores`` is not a DataFrame, lacks a column of :data:`SCORE_COLUMNS`, or one
        of them has the wrong kind of dtype (counts that are not whole numbers, rates
        that are not numbers, text columns that hold numbers).

    See Also
    --------
    validate_hits : The same for a hits table.
    framing.validate_corpus : The same for a corpus.

    Examples
    --------
    >>> import pandas as pd
    >>> import framing
    >>> corpus = framing.as_corpus(pd.DataFrame({"doc_id": ["a"], "outlet": ["RT"],
    ...     "published": ["2022-03-02"], "title": [""], "text": ["Kiev said."]}))
    >>> lexicon = framing.Lexicon.from_dataframe(pd.DataFrame({
    ...     "concept": ["capital"], "variant": ["russian"], "term": ["Kiev"]}), name="demo")
    >>> scores = framing.score(framing.match(corpus, lexicon), corpus, lexicon=lexicon)
    >>> framing.validate_scores(scores) is scores
    True
    >>> try:
    ...     framing.validate_scores(scores.astype({"count": "float64"}))
    ... except framing.ParameterError as error:
    ...     print(error)
    The scores table's column 'count' has dtype float64; expected whole numbers (int64).
    Make the table with framing.score(hits, corpus).
    """
    return _validate(scores, SCORE_DTYPES, SCORE_COLUMNS, name=name, maker=_SCORES_MAKER)


_HITS_MAKER = "Make one with framing.match(corpus, lexicon)."
_SCORES_MAKER = "Make the table with framing.score(hits, corpus)."


def _validate(
    table: pd.DataFrame,
    dtypes: Mapping[str, str],
    required: tuple[str, ...],
    *,
    name: str,
    maker: str,
) -> pd.DataFrame:
    """Check ``table`` against one contract: a DataFrame, ``required`` there, dtypes."""
    if not isinstance(table, pd.DataFrame):
        kind = type(table)
        raise ParameterError(
            f"The {name} must be a pandas DataFrame. Got {kind.__module__}."
            f"{kind.__qualname__}. {maker}"
        )
    missing = [column for column in required if column not in table.columns]
    if missing:
        raise ParameterError(
            f"The {name} lacks the column(s) {missing}; a {name} needs {list(required)}. {maker}"
        )
    for column, dtype in dtypes.items():
        if column not in table.columns or isinstance(table[column], pd.DataFrame):
            continue
        actual = table[column].dtype
        expected = _EXPECTED[dtype]
        # A column with no value at all has no kind to check: a CSV reader gives an empty
        # text column (no speaker named anywhere) as float NaN.
        if not _KINDS[dtype](actual) and not table[column].isna().all():
            raise ParameterError(
                f"The {name}'s column {column!r} has dtype {actual}; expected {expected}. {maker}"
            )
    return table


def _is_text(dtype: object) -> bool:
    return isinstance(dtype, pd.StringDtype | pd.CategoricalDtype) or dtype == np.dtype(object)


_KINDS = {
    "string": _is_text,
    "int64": lambda dtype: (
        pd.api.types.is_integer_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)
    ),
    "float64": lambda dtype: (
        pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)
    ),
    "datetime64[ns, UTC]": lambda dtype: isinstance(dtype, pd.DatetimeTZDtype),
}
_EXPECTED = {
    "string": "text (string, object or category)",
    "int64": "whole numbers (int64)",
    "float64": "numbers (float64)",
    "datetime64[ns, UTC]": "datetime64[ns, UTC]",
}
