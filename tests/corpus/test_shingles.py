"""deduplicate's corpus-at-once shingles, MinHash signatures and LSH candidates are what
the per-document code (np.unique per document, datasketch's MinHash.generator and
MinHashLSH) gave. Speed is measured in benchmarks/bench_pipeline.py, not here."""

from __future__ import annotations

import numpy as np
from datasketch import MinHash, MinHashLSH
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing.corpus import _shingles
from framing.corpus._shingles import (
    POSITION_MULTIPLIERS,
    band_candidates,
    minhash_signatures,
    mix,
    shingle_sets,
    word_hash,
)


def _one_document(text: str, size: int) -> np.ndarray:
    """The per-document shingling deduplicate used before shingle_sets."""
    tokens = text.split(" ")
    hashes = np.array([word_hash(t) for t in tokens], dtype=np.uint64)
    width = min(size, len(tokens))
    count = len(tokens) - width + 1
    combined = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(width):
            combined ^= mix(hashes[offset : offset + count] * POSITION_MULTIPLIERS[offset])
        return np.unique(mix(combined))


_WORDS = st.sampled_from(["talks", "kyiv", "kiev", "resume", "in", "the", "ж", "é", "1"])
_DOCUMENTS = st.lists(st.lists(_WORDS, min_size=1, max_size=12).map(" ".join), max_size=12)


@settings(max_examples=200, deadline=None)
@given(_DOCUMENTS, st.integers(1, 5))
def test_shingle_sets_are_each_documents_own(documents: list[str], size: int) -> None:
    words = np.array([*documents, ""], dtype=object)  # a document without words, not asked
    positions = list(range(len(documents)))[::-1]  # any order of positions
    found = shingle_sets(words, positions, size)
    assert list(found) == positions
    for position in positions:
        np.testing.assert_array_equal(found[position], _one_document(words[position], size))


def _hash_sets(draw_lists: list[list[int]]) -> list[np.ndarray]:
    return [np.array(values, dtype=np.uint32) for values in draw_lists]


_SETS = st.lists(
    st.lists(st.integers(0, 2**32 - 1) | st.integers(0, 40), min_size=1, max_size=40),
    min_size=1,
    max_size=25,
)


@settings(max_examples=100, deadline=None)
@given(_SETS, st.sampled_from([16, 128]), st.integers(0, 3))
def test_minhash_signatures_are_datasketchs(sets: list[list[int]], num_perm, seed) -> None:
    values = _hash_sets(sets)
    expected = np.vstack(
        [
            m.hashvalues
            for m in MinHash.generator(values, num_perm=num_perm, seed=seed, hashfunc=lambda v: v)
        ]
    )
    np.testing.assert_array_equal(minhash_signatures(values, num_perm, seed), expected)


def test_minhash_signatures_leave_other_datasketch_versions_to_datasketch(monkeypatch) -> None:
    values = _hash_sets([[1, 2, 3], [3, 4], [5]])
    expected = minhash_signatures(values, 32, 1)
    monkeypatch.setattr(_shingles, "VERIFIED_DATASKETCH", "0.0.0")
    np.testing.assert_array_equal(minhash_signatures(values, 32, 1), expected)


@settings(max_examples=100, deadline=None)
@given(_SETS, st.sampled_from([(4, 4), (8, 2), (3, 5)]))
def test_band_candidates_are_what_minhashlsh_proposes(sets, banding) -> None:
    bands, rows = banding
    signatures = minhash_signatures(_hash_sets(sets), 16, 1)
    index = MinHashLSH(threshold=0.5, num_perm=16, params=banding)
    expected = []
    for key, row in enumerate(signatures):
        signature = MinHash(num_perm=16, seed=1, hashvalues=row, scheme="affine32")
        expected.append(sorted(index.query(signature)))
        index.insert(key, signature, check_duplication=False)
    assert band_candidates(signatures, bands, rows) == expected


def test_deduplicate_on_the_sample_finds_its_planted_copies() -> None:
    # the sample's 60 reprints: 30 word for word, 30 edited
    marked = framing.deduplicate(framing.load_sample())
    assert marked["duplicate_kind"].value_counts().to_dict() == {"exact": 30, "near": 30}
