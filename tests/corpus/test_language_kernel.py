"""``framing.corpus._language_kernel``: the compiled walk and letter counts of language
identification must give exactly what the numpy walk and the Python count give; the
labels it leads to are py3langid's own (tests/cyrillic/test_language_batch.py)."""

from __future__ import annotations

from unittest import mock

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import framing
from framing.corpus import _language_batch, language
from tests.test_kernel import _compiler_and_headers

kernel = _language_batch._language_kernel
needs_kernel = pytest.mark.skipif(kernel is None, reason="the language kernel is not built here")

# Text where the letters that settle Russian and Ukrainian, other alphabets' letters,
# marks and digits are common.
texts = st.lists(
    st.one_of(
        st.sampled_from([*"їєґЇЄҐыэёЫЭЁіІўЎабвАБВәқђ", "e\u0301", "²", "½", "٣", " ", "ß"]),
        st.text(max_size=8),
    ),
    max_size=40,
).map("".join)


@pytest.mark.skipif(not _compiler_and_headers(), reason="no C compiler or Python headers here")
def test_the_language_kernel_is_built_where_it_can_be():
    assert kernel is not None


@needs_kernel
@settings(max_examples=300, deadline=None)
@given(texts)
@example("Київ")
@example("Съезд ёлка")
@example("")
def test_letters_are_the_python_count(text: str) -> None:
    assert kernel.letters(text) == language._letters_python(text)


def _dense(found: _language_batch.Counts, width: int) -> np.ndarray:
    """The counts as a (texts, width) array."""
    out = np.zeros((len(found.indptr) - 1, width), dtype=np.float32)
    rows = np.repeat(np.arange(len(found.indptr) - 1), np.diff(found.indptr))
    np.add.at(out, (rows, found.indices), found.counts)
    return out


@needs_kernel
@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.binary(max_size=300), texts.map(str.encode)), max_size=12))
def test_the_compiled_walk_counts_what_the_numpy_walk_counts(encoded: list[bytes]) -> None:
    tables = _language_batch._tables(language._identifier())
    compiled = _language_batch._counts(tables, encoded)
    walked = _language_batch._counts(tables, encoded, compiled=False)
    width = _language_batch._width(tables)
    assert (_dense(compiled, width) == _dense(walked, width)).all()
    assert compiled.indptr.tolist() == walked.indptr.tolist()
    # each text's features are listed once each
    for row in range(len(encoded)):
        found = compiled.indices[compiled.indptr[row] : compiled.indptr[row + 1]]
        assert len(set(found.tolist())) == len(found)


@needs_kernel
@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(st.integers(0, 6), st.floats(0, 8, width=32)), max_size=6), max_size=8
    ),
    st.integers(1, 5),
)
def test_the_compiled_product_is_the_sparse_product(texts_features, classes) -> None:
    from scipy import sparse

    rng = np.random.default_rng(len(texts_features))
    rows = rng.normal(size=(7, classes)).astype(np.float32)
    indptr = np.cumsum([0] + [len(features) for features in texts_features]).astype(np.int64)
    columns = np.array([c for features in texts_features for c, _ in features], dtype=np.int32)
    weights = np.array([w for features in texts_features for _, w in features], dtype=np.float32)
    found = kernel.product(indptr, columns, weights, rows, classes)
    matrix = sparse.csr_matrix((weights, columns, indptr), shape=(len(texts_features), 7))
    expected = np.asarray(matrix @ rows, dtype=np.float32)
    assert np.allclose(
        np.frombuffer(found, np.float32).reshape(expected.shape), expected, atol=1e-4
    )


def test_labels_are_the_same_without_the_kernel() -> None:
    corpus = framing.load_sample("ru_uk")
    samples = [
        language.document_sample(title, text)
        for title, text in zip(corpus["title"], corpus["text"], strict=True)
    ]
    identifier = language._identifier()
    with_kernel = _language_batch.classify_many(identifier, samples)
    with mock.patch.object(_language_batch, "_language_kernel", None):
        assert _language_batch.classify_many(identifier, samples) == with_kernel
    assert len(set(with_kernel)) > 1


@needs_kernel
def test_a_damaged_model_raises_instead_of_reading_outside_it() -> None:
    rowbase = np.zeros(2, dtype=np.int64)
    output = np.full(2, -1, dtype=np.int64)
    moves = np.full(256, 1, dtype=np.uint32)
    assert kernel.walk([b"ab"], moves, rowbase, output, 5)[1] == b""
    with pytest.raises(ValueError, match="outside its tables"):
        kernel.walk([b"ab"], np.full(256, 7, dtype=np.uint32), rowbase, output, 5)
    with pytest.raises(ValueError, match="move is outside"):
        kernel.walk([b"a"], moves, np.array([1 << 20, 0], dtype=np.int64), output, 5)
    with pytest.raises(ValueError, match="feature outside"):
        kernel.walk([b"a"], moves, rowbase, np.array([-1, 9], dtype=np.int64), 5)
    with pytest.raises(TypeError, match="4-byte items"):
        kernel.walk([b"a"], moves.astype(np.int64), rowbase, output, 5)
    with pytest.raises(TypeError, match="list of bytes"):
        kernel.walk(["a"], moves, rowbase, output, 5)
    with pytest.raises(TypeError):
        kernel.letters(b"a")
    rows = np.ones((2, 3), dtype=np.float32)
    pointers, weights = np.array([0, 1], dtype=np.int64), np.ones(1, dtype=np.float32)
    with pytest.raises(ValueError, match="outside the rows"):
        kernel.product(pointers, np.array([2], dtype=np.int32), weights, rows, 3)
    with pytest.raises(ValueError, match="does not span"):
        kernel.product(np.array([0, 2], dtype=np.int64), np.array([1], np.int32), weights, rows, 3)
    with pytest.raises(ValueError, match="do not fit"):
        kernel.product(pointers, np.array([1], dtype=np.int32), weights, rows, 4)
