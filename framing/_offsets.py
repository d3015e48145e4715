"""Positions in a normalised text mapped back to the original string.

Each step of ``framing._text.normalise`` that changes the length records its edits; an
:class:`OffsetMap` holds them in layers, one per step, and maps a position in the
normalised copy back through every layer, so that ``text[start:end]`` of a hit is
exactly what was matched.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

try:  # the same mapping in C (framing/_offsets_kernel.c): tests/test_offsets.py compares
    from framing._offsets_kernel import map_spans as _map_spans
except ImportError:  # pragma: no cover - the extension is optional
    _map_spans = None

# An edit replaced original[orig_start:orig_end] by normalised[norm_start:norm_end].
Edit = tuple[int, int, int, int]


class OffsetMap:
    """Maps positions in a normalised string back to the original string.

    Built from layers of edits (one layer per step that changed the length); a string
    that needed no such edit has no layers and maps every position to itself.
    """

    __slots__ = ("_edits", "_layers")

    def __init__(self, layers: list[list[Edit]]) -> None:
        self._edits = [edits for edits in layers if edits]
        # Built on the first mapping: most texts of a corpus with a small lexicon have no
        # hit, and so never need their map (a third of a document's matching time then).
        self._layers: list[_Layer] | None = None

    def _built(self) -> list[_Layer]:
        layers = self._layers
        if layers is None:
            layers = self._layers = [_Layer(edits) for edits in self._edits]
        return layers

    def start(self, position: int) -> int:
        """Return the original index of the normalised character at ``position``."""
        for layer in reversed(self._built()):
            position = layer.start(position)
        return position

    def end(self, position: int) -> int:
        """Return the original index just after the normalised character ``position - 1``."""
        for layer in reversed(self._built()):
            position = layer.end(position)
        return position

    def spans(self, found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        """Map the ``(start, end, tag)`` spans of one text at once (``start``/``end``)."""
        if not self._edits:
            return found
        if _map_spans is not None:  # a tenth of the time, and no layers to build
            return _map_spans(self._edits, found)
        starts = [start for start, _, _ in found]
        ends = [end for _, end, _ in found]
        for layer in reversed(self._built()):
            starts = layer.starts(starts)
            ends = layer.ends(ends)
        return [
            (start, end, tag) for start, end, (_, _, tag) in zip(starts, ends, found, strict=True)
        ]


class _Layer:
    __slots__ = ("_edits", "_norm_ends", "_shifts")

    def __init__(self, edits: list[Edit]) -> None:
        self._edits = edits
        self._norm_ends = [edit[1] for edit in edits]
        # The shift after each edit: how much longer the original is up to there.
        self._shifts = [
            0,
            *accumulate(
                (orig_end - orig_start) - (norm_end - norm_start)
                for norm_start, norm_end, orig_start, orig_end in edits
            ),
        ]

    def _locate(self, character: int) -> tuple[int, Edit | None]:
        # Edits wholly before the character shift it; the next edit may contain it.
        index = bisect_right(self._norm_ends, character)
        if index < len(self._edits):
            edit = self._edits[index]
            if edit[0] <= character < edit[1]:
                return index, edit
        return index, None

    def start(self, position: int) -> int:
        index, edit = self._locate(position)
        if edit is not None:
            return edit[2]
        return position + self._shifts[index]

    def end(self, position: int) -> int:
        if position == 0:
            return 0
        index, edit = self._locate(position - 1)
        if edit is not None:
            return edit[3]
        return position + self._shifts[index]

    # The same as start() and end() for many positions: one call per text, not per hit.
    def starts(self, positions: list[int]) -> list[int]:
        edits, norm_ends, shifts = self._edits, self._norm_ends, self._shifts
        count = len(edits)
        mapped = []
        for position in positions:
            index = bisect_right(norm_ends, position)
            if index < count and edits[index][0] <= position:
                mapped.append(edits[index][2])
            else:
                mapped.append(position + shifts[index])
        return mapped

    def ends(self, positions: list[int]) -> list[int]:
        edits, norm_ends, shifts = self._edits, self._norm_ends, self._shifts
        count = len(edits)
        mapped = []
        for position in positions:
            if position == 0:
                mapped.append(0)
                continue
            index = bisect_right(norm_ends, position - 1)
            if index < count and edits[index][0] <= position - 1:
                mapped.append(edits[index][3])
            else:
                mapped.append(position + shifts[index])
        return mapped
