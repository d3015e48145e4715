"""Fingerprints of corpus and lexicon, stamped on every result table and figure.

Every table the kit returns carries ``df.attrs["framing"]``, a plain dict::

    {"package": "framing", "version": "0.1.0",
     "corpus": {"fingerprint": "sha256:…", "documents": 1500},
     "lexicon": {"name": "ukraine_war", "version": "1.0", "hash": "sha256:…"},
     "function": "score", "parameters": {...}}

so that a figure or a CSV can be traced to the exact inputs and settings that made it.
"""

from __future__ import annotations

import hashlib
import json
import weakref
from collections.abc import Mapping
from itertools import pairwise
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

ATTRS_KEY = "framing"


def package_version() -> str:
    """Return the version of ``framing`` that is running.

    Read from the package itself, not from the installed distribution's metadata: the
    distribution is named ``framing-kit``, and a source tree on ``sys.path`` has none.
    """
    from framing._version import __version__

    return __version__


def _hash_strings(values: Any) -> str:
    """SHA-256 of the values as text, each followed by a 0x1F separator (missing: "").

    One update with the joined text: SHA-256 of a concatenation is that of its pieces fed
    in order, so this is the digest of one update per value and separator (the reference
    in tests/test_provenance.py), without a Python call per value into hashlib.
    """
    import pandas as pd  # here, not at the top: framing's __init__ imports this module

    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.StringDtype):
        if values.dtype.storage == "pyarrow":
            return _hash_arrow_column(values)
        texts = values.fillna("").tolist()
    else:
        texts = [
            "" if value is None or value is pd.NA or value != value else str(value)
            for value in values
        ]
    return _hash_joined(texts)


def _hash_joined(texts: list[str]) -> str:
    texts.append("")  # the separator after the last value
    joined = "\x1f".join(texts)
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()


# The digests of Arrow string columns already hashed: id of the column's Arrow data ->
# (a weak reference to that data, its digest). Arrow data never changes: pandas gives a
# column new Arrow data when a value is set (df.loc[0, "text"] = ...), so while the
# referenced data is alive and is what the column holds, the digest is the column's. A
# notebook matching one corpus against several lexicons hashes its texts once (0.1 s
# at 43 MB, on every call before); the entry goes when the data goes.
_ARROW_DIGESTS: dict[int, tuple[weakref.ref, str]] = {}


def _hash_arrow_column(values: pd.Series) -> str:
    """:func:`_hash_strings` of a column stored by pyarrow, once per Arrow data."""
    data = getattr(values.array, "_pa_array", None)  # pandas' own; absent: no cache
    if data is not None:
        cached = _ARROW_DIGESTS.get(id(data))
        if cached is not None and cached[0]() is data:
            return cached[1]
    hashed = _hash_arrow_strings(values)
    if hashed is None:
        hashed = _hash_joined(values.fillna("").tolist())
    if data is not None:
        key = id(data)
        try:
            reference = weakref.ref(data, lambda _, key=key: _ARROW_DIGESTS.pop(key, None))
        except TypeError:  # pragma: no cover - an Arrow build without weak references
            return hashed
        _ARROW_DIGESTS[key] = (reference, hashed)
    return hashed


def _hash_arrow_strings(values: pd.Series) -> str | None:
    """:func:`_hash_strings` of a column of long texts stored by pyarrow: each value's
    bytes read where Arrow keeps them, with no Python string per value (4x faster on 43
    MB of articles, which ``match`` fingerprints on every call). The same digest: the
    same bytes are hashed, a missing value as "". None for short values (titles, ids),
    where the call per value costs more than making the strings."""
    from framing._arrow import string_pieces

    pieces = string_pieces(values)
    if pieces is None:
        return None
    count = sum(len(piece.bounds) - 1 for piece in pieces)
    size = sum(piece.bounds[-1] - piece.bounds[0] for piece in pieces)
    if count == 0 or size < _LONG_VALUES * count:
        return None
    digest = hashlib.sha256()
    update = digest.update
    for bounds, data, nulls in pieces:
        for number, (start, end) in enumerate(pairwise(bounds)):
            if nulls is None or not nulls[number]:
                update(data[start:end])
            update(b"\x1f")
    return digest.hexdigest()


# The mean length in bytes from which a column is hashed value by value (see above).
_LONG_VALUES = 256


def _iso_dates(values: pd.Series) -> list[str]:
    """Each date as ``Timestamp.isoformat()`` ("" when missing), each distinct one once."""
    import pandas as pd

    codes, uniques = pd.factorize(values)
    iso = [pd.Timestamp(value).isoformat() for value in uniques]
    return [iso[code] if code >= 0 else "" for code in codes]


def corpus_fingerprint(corpus: pd.DataFrame) -> str:
    """Return a SHA-256 fingerprint of a corpus's ids, dates, outlets, titles and texts.

    Row order counts: the same documents in another order are another input to a
    bootstrap. Column dtypes do not: a corpus read from CSV and from Parquet has the
    same fingerprint.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (its ``doc_id``, ``outlet``, ``published``, ``title`` and ``text``,
        whichever it has).

    Returns
    -------
    str
        ``"sha256:"`` and 64 hexadecimal digits.

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["Kyiv"]})
    >>> corpus_fingerprint(corpus)[:14]
    'sha256:d02a65d'
    """
    digest = hashlib.sha256()
    for column in ("doc_id", "outlet", "published", "title", "text"):
        if column not in corpus.columns:
            continue
        values = corpus[column]
        if column == "published":
            values = _iso_dates(values)
        digest.update(column.encode())
        digest.update(_hash_strings(values).encode())
    return "sha256:" + digest.hexdigest()


def without_variants(record: Mapping[str, Any]) -> dict[str, Any]:
    """``record`` without the lexicon's list of every concept and variant (also in its
    inputs): the list is for ``score`` to read from the hits; a sidecar identifies the
    lexicon by name, version and hash."""
    slim = dict(record)
    if isinstance(slim.get("lexicon"), Mapping):
        slim["lexicon"] = {k: v for k, v in slim["lexicon"].items() if k != "variants"}
    if isinstance(slim.get("inputs"), Mapping):
        slim["inputs"] = without_variants(slim["inputs"])
    return slim


def stamp(
    table: pd.DataFrame,
    *,
    function: str,
    corpus: pd.DataFrame | None = None,
    lexicon: Any = None,
    parameters: Mapping[str, Any] | None = None,
    inherit: pd.DataFrame | None = None,
    fingerprint: str | None = None,
) -> pd.DataFrame:
    """Attach provenance to ``table.attrs["framing"]`` and return ``table``.

    Parameters
    ----------
    table : pandas.DataFrame
        The result table to stamp (changed in place and returned).
    function : str
        The public function that made the table ("match", "score", ...).
    corpus : pandas.DataFrame, optional
        The corpus the result was computed from; its fingerprint is recorded.
    lexicon : framing.Lexicon, optional
        The lexicon used; its name, version and hash are recorded.
    parameters : mapping, optional
        The settings of the call, as JSON-serialisable values.
    inherit : pandas.DataFrame, optional
        An input table whose provenance (corpus, lexicon) carries over when ``corpus``
        or ``lexicon`` is not given, e.g. the hits table passed to ``score``.
    fingerprint : str, optional
        ``corpus_fingerprint(corpus)``, when the caller computed it already (``match``
        does, while its workers run).
    """
    # The hits' list of every concept and variant is for score to read from the hits; the
    # lexicon's name, version and hash identify it in what is made from them.
    previous = without_variants(inherit.attrs.get(ATTRS_KEY, {})) if inherit is not None else {}
    record: dict[str, Any] = {"package": "framing", "version": package_version()}
    if corpus is not None:
        record["corpus"] = {
            "fingerprint": fingerprint or corpus_fingerprint(corpus),
            "documents": len(corpus),
        }
    elif "corpus" in previous:
        record["corpus"] = previous["corpus"]
    if lexicon is not None:
        record["lexicon"] = {
            "name": lexicon.name,
            "version": lexicon.version,
            "hash": lexicon.fingerprint(),
        }
    elif "lexicon" in previous:
        record["lexicon"] = previous["lexicon"]
    record["function"] = function
    record["parameters"] = json.loads(json.dumps(dict(parameters or {}), default=str))
    if previous:
        record["inputs"] = previous
    table.attrs[ATTRS_KEY] = record
    return table


def provenance(table: pd.DataFrame) -> dict[str, Any]:
    """Return the provenance record of a result table (an empty dict if it has none).

    Examples
    --------
    >>> import pandas as pd
    >>> table = stamp(pd.DataFrame(), function="score", parameters={"by": "outlet"})
    >>> record = provenance(table)
    >>> record["function"], record["parameters"]
    ('score', {'by': 'outlet'})
    >>> provenance(pd.DataFrame())
    {}
    """
    return dict(table.attrs.get(ATTRS_KEY, {}))


def without_attrs(frame: pd.DataFrame) -> pd.DataFrame:
    """A shallow view of ``frame`` (no data copied) with empty ``attrs``.

    pandas deep-copies ``attrs`` into every column, subset and result it derives from a
    frame. A function that reads many columns of a hits table (whose provenance lists
    the lexicon's variants) pays that on each access: it computes on this view and
    stamps its result from the original.
    """
    view = frame.copy(deep=False)
    view.attrs = {}
    return view
