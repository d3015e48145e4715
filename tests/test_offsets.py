"""``framing._offsets``: the compiled mapping of hits back to the original text
(``framing._kernel.map_spans``) must give what the Python layers give, for any edits."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from framing import _offsets
from framing._offsets import OffsetMap
from framing._text import normalise
from tests.test_kernel import _compiler_and_headers

needs_kernel = pytest.mark.skipif(
    _offsets._map_spans is None, reason="framing._kernel is not built here"
)


@pytest.mark.skipif(not _compiler_and_headers(), reason="no C compiler or Python headers here")
def test_the_kernel_is_built_where_it_can_be():
    assert _offsets._map_spans is not None


@st.composite
def layers_and_spans(draw: st.DrawFn) -> tuple[list[list[tuple[int, int, int, int]]], list]:
    """Layers of consistent edits (each layer's normalised text is the next one's
    original) and spans of positions in the last normalised text."""
    layers = []
    length = draw(st.integers(0, 60))
    for _ in range(draw(st.integers(1, 3))):
        edits = []
        original = normalised = 0
        # An edit replaces a stretch of the layer's original (``length`` long) by one of
        # any length: deletions, insertions, shorter and longer.
        while original < length:
            gap = draw(st.integers(0, 6))
            original += gap
            normalised += gap
            if original >= length or draw(st.booleans()):
                continue
            taken = draw(st.integers(0, min(4, length - original)))
            written = draw(st.integers(0 if taken else 1, 4))
            edits.append((normalised, normalised + written, original, original + taken))
            original += taken
            normalised += written
        normalised += max(0, length - original)
        layers.append(edits)
        length = normalised
    positions = st.integers(0, length)
    spans = draw(
        st.lists(st.tuples(positions, positions, st.integers(0, 9)), max_size=8).map(
            lambda found: [(min(a, b), max(a, b), tag) for a, b, tag in found]
        )
    )
    return layers, spans


def _python_spans(layers: list, spans: list) -> list:
    offsets = OffsetMap(layers)
    return [(offsets.start(start), offsets.end(end), tag) for start, end, tag in spans]


@needs_kernel
@given(layers_and_spans())
@example(([[(3, 4, 3, 6)]], [(0, 0, 1), (3, 4, 2), (4, 5, 3), (0, 5, 4)]))
@example(([[(2, 2, 2, 5)], [(0, 1, 0, 0)]], [(0, 1, 0), (1, 3, 1)]))
def test_map_spans_is_the_python_mapping(case):
    layers, spans = case
    assert OffsetMap(layers).spans(spans) == _python_spans(layers, spans)


@needs_kernel
@given(st.text(st.sampled_from("ab  \t\n\u00a0\u2019\u201ce\u0301\u0451\u0401"), max_size=40))
def test_map_spans_on_normalised_text(text):
    cased, offsets = normalise(text)
    spans = [(start, end, 0) for start in range(len(cased) + 1) for end in (start, len(cased))]
    assert offsets.spans(spans) == [(offsets.start(s), offsets.end(e), t) for s, e, t in spans]


@needs_kernel
@pytest.mark.parametrize(
    "layers, spans",
    [
        ([[(0, 1, 0)]], [(0, 1, 0)]),  # an edit of three positions
        ([[(0, 1, 0, "2")]], [(0, 1, 0)]),  # a position that is no integer
        ([[(0, 1, 0, 2)]], [(0, 1)]),  # a span without its tag
        ([((0, 1, 0, 2),)], [(0, 1, 0)]),  # a layer that is no list
    ],
)
def test_map_spans_refuses_what_is_no_map(layers, spans):
    with pytest.raises(TypeError):
        _offsets._map_spans(layers, spans)
