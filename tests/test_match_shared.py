"""``framing._match_shared``: the texts a parallel ``match`` sends through shared memory
come back in the workers exactly as the corpus holds them."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing import _match_shared
from framing._match_shared import shared_texts, texts_of

# Text with what UTF-8 makes long: Cyrillic, emoji, combining marks; missing values.
values = st.one_of(
    st.none(),
    st.text(st.sampled_from(list("ab Київ\n😀\u0301\u00ad’")), max_size=12),
)


def _expected(column: list) -> list:
    return [value if isinstance(value, str) else None for value in column]


@settings(max_examples=200, deadline=None)
@given(
    columns=st.lists(st.lists(values, min_size=1, max_size=12), min_size=1, max_size=3),
    cut=st.integers(0, 12),
    storage=st.sampled_from(["pyarrow", "python", "object"]),
)
def test_every_chunk_reads_back_what_the_corpus_holds(columns, cut, storage):
    length = min(len(column) for column in columns)
    series = []
    for column in columns:
        values = column[:length]
        dtype = object if storage == "object" else pd.StringDtype(storage)
        series.append(pd.Series(values, dtype=dtype).iloc[min(cut, length - 1) :])
    shared = shared_texts(series)
    assert shared is not None
    count = len(series[0])
    with shared:
        for first in range(count):  # chunks of 1 and 2 documents, in order
            last = min(first + 2, count)
            got = texts_of(shared.chunk(first, last))
            for field, values in enumerate(series):
                assert got[field] == _expected(values.tolist()[first:last])


@settings(max_examples=200, deadline=None)
@given(
    pieces=st.lists(st.lists(values, max_size=5), min_size=1, max_size=5),
    large=st.booleans(),
    size=st.integers(1, 4),
)
def test_a_column_in_several_arrow_chunks_is_read_where_it_is(pieces, large, size):
    # Arrow keeps a column read from several files or row groups in chunks (string or
    # large string); a task's documents may span two of them.
    kind = pa.large_string() if large else pa.string()
    chunked = pa.chunked_array([pa.array(piece, type=kind) for piece in pieces], type=kind)
    column = pd.Series(pd.arrays.ArrowStringArray(chunked.cast(pa.large_string())))
    if not large:  # pandas holds large strings; feed the Arrow chunks as they are
        column = chunked
    expected = [value for piece in pieces for value in piece]
    shared = shared_texts([_AsSeries(column)]) if not large else shared_texts([column])
    assert shared is not None
    with shared:
        got = []
        for first in range(0, len(expected), size):
            got += texts_of(shared.chunk(first, min(first + size, len(expected))))[0]
    assert got == expected


class _AsSeries:
    """An Arrow chunked array where shared_texts expects a pandas Series (``.array``)."""

    def __init__(self, chunked):
        self.array = chunked


def test_text_arrow_cannot_hold_goes_in_the_tasks():
    # A lone surrogate is no UTF-8: the caller then sends Python strings.
    assert shared_texts([pd.Series(["ok", "\ud800"], dtype=object)]) is None


def test_one_block_is_kept_for_the_next_call_and_replaced_by_the_last_used():
    small = pd.Series(["Kyiv"] * 10, dtype="string")
    with shared_texts([small]) as first:
        name = first.chunk(0, 1)[0]
    with shared_texts([small]) as again:
        assert again.chunk(0, 1)[0] == name  # the kept block, reused
    bigger = pd.Series(["Kyiv " * 100] * 100, dtype="string")
    with shared_texts([bigger]) as large:
        assert large.chunk(0, 1)[0] != name  # too small: a new block
        assert texts_of(large.chunk(99, 100)) == [["Kyiv " * 100]]
    assert [block.name for block in _match_shared._SPARE] != [name]
    _match_shared._remove_kept()
    assert not _match_shared._SPARE


@pytest.mark.slow
def test_a_parallel_match_with_missing_and_non_ascii_texts_equals_one_process():
    texts = ["Київ і Kyiv", None, "Kiev 😀 Kyiv’s", "", "Kiev\u00ad and Kyiv"] * 40
    corpus = framing.as_corpus(
        pd.DataFrame({"title": ["Kyiv"] * len(texts), "text": texts}), outlet="X"
    )
    lexicon = framing.load_lexicon("ukraine_toponyms")
    alone = framing.match(corpus, lexicon, workers=1)
    together = framing.match(corpus, lexicon, workers=2, chunksize=7, progress=False)
    pd.testing.assert_frame_equal(alone, together)
    assert len(alone) > 0
