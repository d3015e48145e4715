"""Text columns read where Arrow keeps them: each chunk's offsets and UTF-8 bytes, with no
Python string per value.

Two stages read text this way: the corpus fingerprint (``framing.provenance``, which
hashes the bytes) and a parallel ``match`` (``framing._match_shared``, which copies them
to the workers). A column read from several files or row groups is in several chunks,
with 32- or 64-bit offsets; they are read as they are, not combined and cast first,
which would copy the whole column once more.

>>> import pandas as pd
>>> [piece.bounds for piece in string_pieces(pd.Series(["Kyiv", None, "Київ"]))]
[[0, 4, 4, 12]]
"""

from __future__ import annotations

from typing import Any, NamedTuple


class StringPiece(NamedTuple):
    """One Arrow chunk of a text column: value ``i`` is ``data[bounds[i]:bounds[i + 1]]``
    in UTF-8; ``nulls[i]`` says it is missing (None when none is)."""

    bounds: list[int]
    data: memoryview
    nulls: list[bool] | None


def string_pieces(values: Any) -> list[StringPiece] | None:
    """The chunks of a text column (a pandas Series), or None when Arrow cannot hold it
    as text (a value that is not a string, a lone surrogate)."""
    import pyarrow as pa

    try:
        array = pa.array(values.array, from_pandas=True)
        if array.type not in (pa.string(), pa.large_string()):
            if array.null_count != len(array):  # not text
                return None
            array = array.cast(pa.large_string())  # all missing
    except (pa.ArrowException, TypeError, ValueError):
        return None
    pieces = []
    for chunk in array.chunks if isinstance(array, pa.ChunkedArray) else [array]:
        count = len(chunk)
        if count == 0:
            continue
        _, offsets, data = chunk.buffers()
        width = "q" if chunk.type == pa.large_string() else "i"
        bounds = memoryview(offsets).cast(width)[chunk.offset : chunk.offset + count + 1]
        pieces.append(
            StringPiece(
                bounds.tolist(),
                memoryview(data).cast("B") if data is not None else memoryview(b""),  # "b"
                chunk.is_null().to_pylist() if chunk.null_count else None,
            )
        )
    return pieces
