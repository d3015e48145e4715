"""The texts of a parallel ``match``, sent to the worker processes through shared memory.

Pickling the texts of each chunk into a pipe moved about 330 MB/s here: on the 43 MB
benchmark corpus the second worker began 0.13 s after the first, and both waited between
chunks (``benchmarks/RESULTS.md``). Instead, the parent process copies each text column's
UTF-8 bytes once into one shared memory block (Arrow keeps a column's text that way
already: one copy, no Python string per text), and a chunk's task carries only the
block's name and the offsets of its documents; each worker decodes its own texts.

Standard library only on the worker's side (:func:`texts_of`): workers import no
pandas, no pyarrow.
"""

from __future__ import annotations

import atexit
import sys
import threading
from itertools import pairwise
from multiprocessing.shared_memory import SharedMemory
from typing import Any

from framing._arrow import StringPiece, string_pieces

#: A chunk's texts as a task carries them: the block's name, and per field the field's
#: place in the block, its documents' offsets (one more than documents) and which are
#: missing (None when none is).
Descriptor = tuple[str, list[tuple[int, list[int], list[bool] | None]]]


class SharedTexts:
    """Text columns in one shared memory block (the parent's side).

    Use as a context manager: the block is removed on exit. :meth:`chunk` copies the
    documents ``first:last`` into the block and describes them for a task: the chunks are
    copied as their tasks are made, so the first worker starts after one chunk's copy,
    not the whole corpus's (a tenth of a second at 43 MB, mostly the block's first
    touch of each page).
    """

    def __init__(self, columns: list[list[StringPiece]]) -> None:
        # columns: per field, its Arrow chunks (framing._arrow), read where they are.
        # Per field: its place in the block, its documents' offsets (from 0), which are
        # missing, and its pieces: (first document, last document, Arrow data, the
        # offset of the piece's first byte there, that byte's offset in the field).
        self._fields: list[tuple[int, list[int], list[bool] | None, list[tuple]]] = []
        total = 0
        for chunks in columns:
            bounds = [0]
            nulls: list[bool] | None = None
            pieces = []
            for own, source, own_nulls in chunks:
                count = len(own) - 1
                first, shift = len(bounds) - 1, bounds[-1] - own[0]
                bounds.extend(bound + shift for bound in own[1:])
                pieces.append((first, first + count, source, own[0], bounds[first]))
                if own_nulls is not None and nulls is None:
                    nulls = [False] * first
                if nulls is not None:
                    nulls.extend(own_nulls or [False] * count)
            self._fields.append((total, bounds, nulls, pieces))
            total += bounds[-1]
        self._memory = _block(total)

    def chunk(self, first: int, last: int) -> Descriptor:
        block = self._memory.buf
        described = []
        for base, bounds, nulls, pieces in self._fields:
            for piece_first, piece_last, source, source_start, field_start in pieces:
                low, high = max(first, piece_first), min(last, piece_last)
                if high <= low or bounds[high] == bounds[low]:
                    continue
                start = source_start + bounds[low] - field_start
                block[base + bounds[low] : base + bounds[high]] = source[
                    start : start + bounds[high] - bounds[low]
                ]
            described.append(
                (base + bounds[first], bounds[first : last + 1], nulls and nulls[first:last])
            )
        return self._memory.name, described

    def __enter__(self) -> SharedTexts:
        return self

    def __exit__(self, *exc: object) -> None:
        _keep(self._memory)


# One block is kept between calls, the last one used: a new block costs its first touch
# of every page (30 ms at 43 MB) and its removal (8 ms), about a sixth of a warm call
# without voice. Kept for the next call in the session, and removed at exit.
_SPARE: list[SharedMemory] = []
_SPARE_LOCK = threading.Lock()


def _block(size: int) -> SharedMemory:
    """A shared block of at least ``size`` bytes: the kept one if it is large enough and
    free (another thread's match may hold it), else a new one."""
    with _SPARE_LOCK:
        if _SPARE and _SPARE[0].size >= size:
            return _SPARE.pop()
    return SharedMemory(create=True, size=max(size, 1))


def _keep(memory: SharedMemory) -> None:
    """Keep ``memory`` for the next call; the block kept before it is removed."""
    with _SPARE_LOCK:
        _SPARE.append(memory)
        older = _SPARE[:-1]
        del _SPARE[:-1]
    for block in older:
        _remove(block)


def _remove(block: SharedMemory) -> None:
    block.close()
    block.unlink()


@atexit.register
def _remove_kept() -> None:
    with _SPARE_LOCK:
        kept = list(_SPARE)
        _SPARE.clear()
    for block in kept:
        _remove(block)


def shared_texts(columns: list[Any]) -> SharedTexts | None:
    """The text columns (pandas Series) in shared memory, or None when one of them cannot
    be held as Arrow strings (a value that is not text, a lone surrogate): the caller then
    sends the texts in its tasks."""
    fields = [string_pieces(values) for values in columns]
    if any(pieces is None for pieces in fields):
        return None
    return SharedTexts(fields)  # type: ignore[arg-type]


def texts_of(descriptor: Descriptor) -> list[list[str | None]]:
    """A chunk's texts, per field (the worker's side): decoded from the shared block."""
    name, fields = descriptor
    memory = _attach(name)
    try:
        block = memory.buf
        texts = []
        for base, bounds, nulls in fields:
            first = bounds[0]
            column = [
                str(block[base + start - first : base + end - first], "utf-8")
                for start, end in pairwise(bounds)
            ]
            if nulls is not None:
                column = [None if null else text for text, null in zip(column, nulls, strict=True)]
            texts.append(column)
        del block
    finally:
        memory.close()
    return texts


def _attach(name: str) -> SharedMemory:
    if sys.version_info >= (3, 13):  # the parent owns the block: no tracking here
        return SharedMemory(name=name, track=False)
    # Before 3.13 attaching registers the block with the resource tracker; a worker
    # shares its parent's tracker (forkserver and spawn pass it on), which has the block
    # registered already, so this changes nothing there, and the parent's unlink removes
    # the entry. (Unregistering here would remove the parent's entry instead.)
    return SharedMemory(name=name)
