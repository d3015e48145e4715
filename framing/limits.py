"""Resource limits of the readers: what a single input may hold before it is refused.

A small or plausible input must never hang the kit or exhaust memory: a CSV quote that
never closes, a JSON value nested ten thousand deep, a 2 KB workbook that claims a
million rows, a 500 KB zip that unpacks to 500 MB, a 400-byte YAML "billion laughs".
Each of these meets a limit and gives a clear error that names the file (and the
record), which ``errors="report"`` lists like any other bad record.

===========================  ==========  ======================================================
limit                        default     what it bounds
===========================  ==========  ======================================================
``record_bytes``             32 MiB      one record: a CSV/TSV row, a JSON line, a dump
                                         document, a plain-text file or one line of it
``json_bytes``               256 MiB     a ``.json`` array file (it is parsed whole)
``page_bytes``               10 MiB      a saved HTML page (body extraction takes about a
                                         minute at 10 MiB)
``nesting_depth``            100         nesting of JSON values: a record, a cell holding a
                                         JSON list, a page's JSON-LD
``columns``                  10,000      columns (fields, keys) of one source
``xlsx_uncompressed_bytes``  256 MiB     the unpacked size of an ``.xlsx`` workbook, read from
                                         its zip directory before anything is unpacked
``xlsx_rows``                1,048,576   rows of a sheet (Excel's own maximum)
``yaml_nodes``               1,000,000   nodes of a lexicon's YAML with its aliases expanded
                                         (stops "billion laughs" files)
===========================  ==========  ======================================================

Memory: ``read_corpus`` holds the whole corpus in memory; ``iter_corpus`` holds one
chunk (and, for a ``.json`` array or a workbook's shared strings, that file) at a time.

Raise a limit for one block of code, or for the session, with :func:`set_limits`::

    with framing.set_limits(record_bytes=256 * 2**20):
        corpus = framing.read_corpus("huge_records.jsonl")

Examples
--------
>>> import framing
>>> framing.get_limits().nesting_depth
100
>>> with framing.set_limits(nesting_depth=500):
...     framing.get_limits().nesting_depth
500
>>> framing.get_limits().nesting_depth
100
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

__all__ = ["Limits", "get_limits", "set_limits"]


@dataclass(frozen=True)
class Limits:
    """The limits in force (see the module's table); change them with :func:`set_limits`."""

    record_bytes: int = 32 * 2**20
    json_bytes: int = 256 * 2**20
    page_bytes: int = 10 * 2**20
    nesting_depth: int = 100
    columns: int = 10_000
    xlsx_uncompressed_bytes: int = 256 * 2**20
    xlsx_rows: int = 1_048_576
    yaml_nodes: int = 1_000_000


_CURRENT = [Limits()]


def get_limits() -> Limits:
    """Return the limits in force.

    Returns
    -------
    Limits
        A frozen record of every limit (see the table in :mod:`framing.limits`).

    Examples
    --------
    >>> import framing
    >>> framing.get_limits().record_bytes == 32 * 2**20
    True
    """
    return _CURRENT[-1]


class _Restore:
    """What :func:`set_limits` returns: usable as a context manager, or ignored."""

    def __init__(self, previous: Limits) -> None:
        self._previous = previous

    def __enter__(self) -> Limits:
        return get_limits()

    def __exit__(self, *exc: object) -> None:
        _CURRENT[-1] = self._previous


def set_limits(**changes: int) -> _Restore:
    """Change resource limits: for a ``with`` block, or for the rest of the session.

    Parameters
    ----------
    **changes : int
        New values by name (``record_bytes=...``, ``nesting_depth=...``; see the table
        in :mod:`framing.limits`), each a positive whole number.

    Returns
    -------
    context manager
        Leaving its ``with`` block puts the previous limits back; called without
        ``with``, the new limits stay.

    Raises
    ------
    ValueError
        An unknown limit, or a value that is not a positive whole number.

    Examples
    --------
    >>> import framing
    >>> with framing.set_limits(columns=50_000):
    ...     framing.get_limits().columns
    50000
    """
    known = {f.name for f in dataclasses.fields(Limits)}
    for name, value in changes.items():
        if name not in known:
            raise ValueError(
                f"set_limits takes the limits {sorted(known)}. Got the unknown limit {name!r}."
            )
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(
                f"The limit {name!r} of set_limits must be a positive whole number. "
                f"Got {value!r} instead."
            )
    previous = get_limits()
    _CURRENT[-1] = dataclasses.replace(previous, **changes)
    return _Restore(previous)
