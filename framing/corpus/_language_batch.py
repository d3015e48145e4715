"""py3langid's ``classify`` for many texts at once, with the same answers.

py3langid classifies one text at a time: a walk of its byte automaton in Python (about
0.1 ms for 300 characters, most of ``read_corpus``'s time on a corpus of headlines),
then a naive Bayes score. Here the walk runs over all the texts together, in compiled
code (``framing/corpus/_language_kernel.c``) or, where that extension was not built, one
numpy step per byte position; the scores are one sparse product (compiled too, or
SciPy's).

The answer is py3langid's wherever rounding cannot change it. py3langid sums the scores
of a text in float32, and so does this module, in another order: each may be off the
exact sum by at most ``E`` (a bound on float32 rounding for that text, from the number
of its features and the size of their terms). Where the two best scores of a text are
more than ``4 E`` apart, both computations rank the same language first; texts closer
than that, and texts with no features, are classified by py3langid itself. The
internals read here are those of py3langid 0.4.0; with any other version every text is
classified by py3langid's own ``classify``.
"""

from __future__ import annotations

import functools
from importlib import metadata
from typing import Any, NamedTuple

import numpy as np

try:  # built by setup.py where a C compiler is found; else the numpy walk
    from framing.corpus import _language_kernel
except ImportError:  # pragma: no cover - the install without a compiler
    _language_kernel = None

#: The py3langid version whose model layout and scoring this module reproduces.
VERIFIED_VERSION = "0.4.0"
# Float32 unit roundoff, doubled: the bound is generous on purpose.
_UNIT = 2.0**-22


#: Texts walked together by numpy: about 16 MB of transient arrays for samples of 300
#: characters (a read chunk of 4,000 documents took 80 MB more at its peak when walked
#: at once).
_BATCH = 1024
#: Texts walked together by the compiled walk, which holds 8 bytes a byte of text: about
#: 10 MB for samples of 300 characters, and as much for the model's rows they use. Larger
#: batches gather each used row of the model fewer times.
_KERNEL_BATCH = 4096


@functools.cache
def _version() -> str | None:
    try:
        return metadata.version("py3langid")
    except metadata.PackageNotFoundError:
        return None


@functools.cache
def _tables(identifier: Any) -> dict[str, Any]:
    """The automaton and model as numpy arrays, made once per identifier."""
    table = identifier.nb_ptc
    nextmove = np.asarray(identifier.tk_nextmove)
    if nextmove.dtype.kind == "u" and nextmove.itemsize <= 4:
        # the compiled walk reads uint32 moves: py3langid 0.4.0's own (no copy), or a
        # smaller model's uint16 widened
        nextmove = np.ascontiguousarray(nextmove, dtype=np.uint32)
    return {
        "nextmove": nextmove,
        "rowbase": np.asarray(identifier.tk_row, dtype=np.int64) << 8,
        "output": np.asarray(identifier.tk_output, dtype=np.int64),
        "table": table,
        # per feature, its largest term in absolute value: for the rounding bound
        "largest": np.abs(table).max(axis=1).astype(np.float64),
        "prior": np.asarray(identifier.nb_pc, dtype=np.float32),
    }


def classify_many(identifier: Any, samples: list[str]) -> list[str]:
    """The language py3langid's ``identifier.classify`` gives each sample, in order.

    Parameters
    ----------
    identifier : py3langid.langid.LanguageIdentifier
        A model loaded with ``norm_probs=False`` (raw scores, as framing loads it).
    samples : list of str
        The texts.

    Returns
    -------
    list of str
        The ISO 639-1 codes, as ``identifier.classify(sample)[0]`` would give them.
    """
    if not samples:
        return []
    batch = _BATCH if _language_kernel is None else _KERNEL_BATCH
    if len(samples) > batch:
        # Each text gets its label alone, so batches give the same labels; they bound the
        # (text, feature) arrays of one walk (16 bytes a feature, about one a byte).
        return [
            label
            for first in range(0, len(samples), batch)
            for label in classify_many(identifier, samples[first : first + batch])
        ]
    if _version() != VERIFIED_VERSION or identifier._norm_probs:
        return [str(identifier.classify(sample)[0]) for sample in samples]
    tables = _tables(identifier)
    encoded = [identifier._encode(sample) for sample in samples]
    scores, bound, featureless = _scores(tables, _counts(tables, encoded))
    for first, dupe in identifier._alias_pairs:  # as py3langid's _decide folds them
        np.maximum(scores[:, first], scores[:, dupe], out=scores[:, first])
        scores[:, dupe] = np.finfo(np.float32).min
    best = scores.argmax(axis=1)
    top_two = -np.partition(-scores, 1, axis=1)[:, :2]
    gap = top_two[:, 0].astype(np.float64) - top_two[:, 1]
    unsure = featureless | ~(gap > 4 * bound)
    classes = identifier.nb_classes
    return [
        str(identifier.classify(sample)[0]) if doubt else str(classes[index])
        for sample, index, doubt in zip(samples, best.tolist(), unsure.tolist(), strict=True)
    ]


class Counts(NamedTuple):
    """The (text, feature) counts of a walk in CSR form: each text's features
    ``indices[indptr[t]:indptr[t + 1]]`` (each once) and their ``counts`` (float32)."""

    indptr: np.ndarray
    indices: np.ndarray
    counts: np.ndarray


def _counts(tables: dict[str, Any], encoded: list[bytes], *, compiled: bool = True) -> Counts:
    """The (text, feature) counts of the automaton's walk.

    ``compiled=False`` walks with numpy even where the compiled walk is built (the tests
    check one against the other).
    """
    if compiled and _language_kernel is not None and tables["nextmove"].dtype == np.uint32:
        indptr, indices, counts = _language_kernel.walk(
            encoded, tables["nextmove"], tables["rowbase"], tables["output"], _width(tables)
        )
        return Counts(
            np.frombuffer(indptr, dtype=np.int64),
            np.frombuffer(indices, dtype=np.int32),
            np.frombuffer(counts, dtype=np.float32),
        )
    from scipy import sparse

    documents, features = _walk(tables, encoded)
    # the CSR conversion sums repeated pairs, without a sort
    ones = np.ones(len(features), dtype=np.float32)
    matrix = sparse.csr_matrix((ones, (documents, features)), shape=(len(encoded), _width(tables)))
    return Counts(matrix.indptr.astype(np.int64), matrix.indices.astype(np.int32), matrix.data)


def _width(tables: dict[str, Any]) -> int:
    """The model's number of features."""
    return int(tables["table"].shape[0])


def _walk(tables: dict[str, Any], encoded: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """Every (text, feature) the automaton emits, walking all texts a byte at a time."""
    nextmove, rowbase, output = tables["nextmove"], tables["rowbase"], tables["output"]
    lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
    order = np.argsort(-lengths, kind="stable")  # longest first: the active texts are a prefix
    lengths = lengths[order]
    flat = np.frombuffer(b"".join([encoded[i] for i in order]), dtype=np.uint8).astype(np.int64)
    starts = np.zeros(len(encoded), dtype=np.int64)
    np.cumsum(lengths[:-1], out=starts[1:])
    longest = int(lengths[0]) if len(lengths) else 0
    active = np.searchsorted(-lengths, -np.arange(longest), side="left")  # lengths > p
    state = np.zeros(len(encoded), dtype=np.int64)
    found_documents, found_features = [], []
    for position in range(longest):
        count = int(active[position])
        current = nextmove[rowbase[state[:count]] + flat[starts[:count] + position]]
        state[:count] = current
        feature = output[current]
        hits = np.flatnonzero(feature >= 0)
        found_documents.append(order[hits])
        found_features.append(feature[hits])
    if not found_documents:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(found_documents), np.concatenate(found_features)


def _scores(tables: dict[str, Any], found: Counts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Float32 naive Bayes scores per text and class, each text's rounding bound, and
    which texts had no feature, from the walk's counts.

    The product of the counts and the model's rows runs in the compiled kernel where it
    is built (no SciPy import on a read's first call), else as a SciPy sparse product.
    """
    table, prior = tables["table"], tables["prior"]
    size = len(found.indptr) - 1
    weights = np.log1p(found.counts)  # float32, as py3langid weighs a feature's count
    used = np.zeros(_width(tables), dtype=bool)
    used[found.indices] = True
    position = (np.cumsum(used) - 1).astype(np.int32)  # a used feature's row among the used
    rows = table[used].astype(np.float32)
    columns = position[found.indices]
    if _language_kernel is not None:
        product = _language_kernel.product(found.indptr, columns, weights, rows, rows.shape[1])
        scores = np.frombuffer(product, dtype=np.float32).reshape(size, rows.shape[1]) + prior
    else:
        from scipy import sparse

        compact = sparse.csr_matrix((weights, columns, found.indptr), shape=(size, len(rows)))
        scores = np.asarray(compact @ rows) + prior
    # |float32 sum - exact sum| <= (terms + small) * u * (sum of |terms| + |prior|)
    terms = np.diff(found.indptr).astype(np.float64)
    documents = np.repeat(np.arange(size), np.diff(found.indptr))
    magnitude = np.bincount(
        documents,
        weights=weights.astype(np.float64) * tables["largest"][found.indices],
        minlength=size,
    )
    bound = (terms + 8) * _UNIT * (magnitude + float(np.abs(prior).max()))
    return scores.astype(np.float32), bound, terms == 0
