"""The corpus table: its columns, their dtypes, and the one function that checks them.

A corpus is a :class:`pandas.DataFrame` with one row per document. Every reader returns
this shape and every later stage relies on it, so it is written down once, here.

=============  ==========================  ==============================================
column         dtype                       meaning
=============  ==========================  ==============================================
doc_id         string                      unique, stable across runs: the given id, else
                                           a hash of the URL, else of outlet+title+date
outlet         string                      canonical outlet name ("Sputnik International")
published      datetime64[ns, UTC]         NaT where unknown; never guessed
title          string                      once, even where the source repeats it
text           string                      body text, repaired (see ``framing.corpus.clean``)
url            string                      optional, ``<NA>`` when absent
domain         string                      the URL's host without ``www.``
description    string                      optional
author         string                      optional
section        string                      optional
language       string                      ISO 639-1 code ("en") where known
tags           object (list of str)        optional; an empty list when absent
date_source    string                      where ``published`` came from: "metadata",
                                           "url" (only the URL held a date) or <NA>
source         string                      file and record the row came from
=============  ==========================  ==============================================

Extra columns a source brings (``event``, ``keywords``, ...) are kept after these.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from framing.errors import CorpusError

#: The corpus columns, in order, with their dtypes.
CORPUS_COLUMNS: dict[str, str] = {
    "doc_id": "string",
    "outlet": "string",
    "published": "datetime64[ns, UTC]",
    "title": "string",
    "text": "string",
    "url": "string",
    "domain": "string",
    "description": "string",
    "author": "string",
    "section": "string",
    "language": "string",
    "tags": "object",
    "date_source": "string",
    "source": "string",
}

#: Columns a corpus must have (the rest are added as missing values when absent).
REQUIRED_COLUMNS: tuple[str, ...] = ("doc_id", "outlet", "published", "title", "text")

STRING_DTYPE = pd.StringDtype()
DATETIME_DTYPE = pd.DatetimeTZDtype(unit="ns", tz="UTC")


def empty_corpus() -> pd.DataFrame:
    """Return a corpus with no rows and every column in its dtype."""
    return conform(pd.DataFrame({name: [] for name in CORPUS_COLUMNS}))


def conform(frame: pd.DataFrame) -> pd.DataFrame:
    """Give ``frame`` the corpus columns, in order and in their dtypes.

    Missing optional columns are added as missing values (``tags`` as empty lists);
    extra columns are kept after the corpus columns. Values are not repaired here.
    """
    frame = frame.copy()
    n = len(frame)
    for name in CORPUS_COLUMNS:
        if name not in frame.columns:
            if name == "tags":
                frame[name] = pd.Series([[] for _ in range(n)], index=frame.index, dtype=object)
            elif name == "published":
                frame[name] = pd.Series(pd.NaT, index=frame.index, dtype=DATETIME_DTYPE)
            else:
                frame[name] = pd.Series(pd.NA, index=frame.index, dtype=STRING_DTYPE)
            continue
        if name == "published":
            if frame[name].dtype != DATETIME_DTYPE:
                frame[name] = _as_utc(frame[name])
        elif name == "tags":
            values = frame[name]
            if values.dtype != object or not all(
                type(tags) is list and all(type(t) is str for t in tags) for tags in values
            ):
                frame[name] = values.map(_as_tag_list).astype(object)
        elif frame[name].dtype != STRING_DTYPE:
            frame[name] = frame[name].astype(STRING_DTYPE)
    extra = [c for c in frame.columns if c not in CORPUS_COLUMNS]
    return frame[[*CORPUS_COLUMNS, *extra]].reset_index(drop=True)


def _as_utc(values: pd.Series) -> pd.Series:
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        out = values.dt.tz_convert("UTC")
    else:
        # Readers parse the many real-world formats (framing.corpus._dates); here only
        # ISO 8601 is accepted, so that nothing is guessed.
        out = pd.to_datetime(values, utc=True, format="ISO8601")
    return out.astype(DATETIME_DTYPE)


def _as_tag_list(value: object) -> list[str]:
    if value is None or value is pd.NA:
        return []
    if isinstance(value, float) and value != value:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]  # type: ignore[union-attr]


def _plain_tag_lists(tags: pd.Series) -> bool:
    """Every cell a list (not a subclass) of str (not a subclass): the common case, told
    by the sets of the cells' and the tags' types (C loops: a sixth of the row-by-row test,
    which is run only when this says no, to name the first bad row)."""
    values = tags.tolist()
    return set(map(type, values)) <= {list} and set(
        map(type, itertools.chain.from_iterable(values))
    ) <= {str}


def validate_corpus(frame: pd.DataFrame, *, name: str = "corpus") -> pd.DataFrame:
    """Check that ``frame`` is a corpus table and return it unchanged.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table to check.
    name : str
        What to call the table in error messages (a file name, "corpus", ...).

    Returns
    -------
    pandas.DataFrame
        ``frame`` itself, so the call can sit in a chain.

    Raises
    ------
    CorpusError
        If a required column is missing, a column has the wrong dtype, ``doc_id`` is
        missing or repeated, or ``tags`` holds something other than lists of strings.

    Examples
    --------
    >>> import pandas as pd
    >>> import framing
    >>> corpus = framing.as_corpus(pd.DataFrame({"doc_id": ["a"], "outlet": ["RT"],
    ...                                          "published": ["2022-03-02"], "title": ["t"],
    ...                                          "text": ["Kiev"]}))
    >>> framing.validate_corpus(corpus) is corpus
    True
    >>> try:
    ...     framing.validate_corpus(pd.DataFrame({"text": ["Kiev"]}))
    ... except framing.CorpusError as error:
    ...     print(error)
    The corpus lacks the column(s) ['doc_id', 'outlet', 'published', 'title']; a corpus
    needs ['doc_id', 'outlet', 'published', 'title', 'text']. Read files with
    framing.read_corpus, or make a corpus of a DataFrame with framing.as_corpus(frame,
    rename={...}).
    """
    if not isinstance(frame, pd.DataFrame):
        kind = type(frame)
        raise CorpusError(
            f"The {name} must be a pandas DataFrame (the pipeline's stages also take a dask "
            f"DataFrame). Got {kind.__module__}.{kind.__qualname__}: read files with "
            "framing.read_corpus (or framing.read_corpus_dask for a cluster), or make a "
            "corpus of a pandas DataFrame with framing.as_corpus(frame) (polars: "
            "frame.to_pandas() first)."
        )
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise CorpusError(
            f"The {name} lacks the column(s) {missing}; a corpus needs {list(REQUIRED_COLUMNS)}. "
            "Read files with framing.read_corpus, or make a corpus of a DataFrame with "
            "framing.as_corpus(frame, rename={...})."
        )
    for column in CORPUS_COLUMNS:
        if column not in frame.columns:
            continue
        actual = frame[column].dtype
        if column == "published":
            ok = isinstance(actual, pd.DatetimeTZDtype) and str(actual.tz) == "UTC"
            expected = "datetime64[ns, UTC]"
        elif column == "tags":
            ok = actual == np.dtype(object)
            expected = "object (lists of strings)"
        else:
            ok = isinstance(actual, pd.StringDtype)
            expected = "string"
        if not ok:
            raise CorpusError(
                f"The {name}'s column {column!r} has dtype {actual}; expected {expected}. "
                "framing.as_corpus(frame) converts a table to the corpus dtypes."
            )
    ids = frame["doc_id"]
    if ids.isna().any():
        row = int(ids.isna().to_numpy().nonzero()[0][0])
        raise CorpusError(
            f"The {name} has a missing doc_id in row {row}; every document needs one."
        )
    repeated = ids[ids.duplicated()]
    if len(repeated):
        raise CorpusError(
            f"The {name} repeats doc_id {repeated.iloc[0]!r}; doc_id must be unique. "
            "framing.deduplicate marks repeated documents."
        )
    if "tags" in frame.columns and not _plain_tag_lists(frame["tags"]):
        for row, tags in enumerate(frame["tags"]):
            if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
                raise CorpusError(
                    f"The {name}'s column 'tags' holds {tags!r} in row {row}; "
                    "expected a list of strings."
                )
    return frame
