"""Exact and near-duplicate documents: deduplicate.

Exact copies are found by hashing the normalised words; near copies by MinHash with
locality-sensitive hashing over word shingles, every candidate pair confirmed by its
exact shingle Jaccard similarity, so no pair is reported on the sketch alone.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy as np
import pandas as pd

from framing._checks import check_number
from framing._engines import dask_implementation
from framing.corpus._shingles import (
    POSITION_MULTIPLIERS,
    band_candidates,
    minhash_signatures,
    shingle_sets,
)
from framing.corpus.clean import _report
from framing.corpus.schema import STRING_DTYPE, CorpusError, validate_corpus

__all__ = ["deduplicate"]

_NOT_WORD = re.compile(r"[\W_]+")
_UINT64 = np.uint64
_POSITION_MULTIPLIERS = POSITION_MULTIPLIERS


def deduplicate(
    corpus: pd.DataFrame,
    *,
    near: bool = True,
    threshold: float = 0.9,
    drop: bool = False,
    seed: int = 1,
    on: str = "text",
    key: str | None = None,
    shingle_size: int = 3,
    num_perm: int = 128,
) -> pd.DataFrame:
    """Mark documents that repeat an earlier document, exactly or nearly.

    Wire copy reprinted by several outlets, the same page scraped twice, a story
    republished with a new headline: each later copy is marked with the ``doc_id`` of
    the earliest one, and dropped only when asked.

    Parameters
    ----------
    corpus : pandas.DataFrame or dask.dataframe.DataFrame
        A corpus (see :mod:`framing.corpus.schema`). A dask corpus gives a dask corpus
        whose computed rows equal the pandas result (``framing.distributed.dedup``).
    near : bool, default True
        Also look for near duplicates, not only exact ones.
    threshold : float, default 0.9
        The Jaccard similarity of word shingles (0 < threshold <= 1) from which two
        documents count as near duplicates.
    drop : bool, default False
        Remove the marked copies, keeping the earliest document of each group.
    seed : int, default 1
        Seed of the MinHash permutations. Results do not depend on it except in rare
        pairs near the threshold that the locality-sensitive hashing misses.
    on : str, default "text"
        The column compared ("title" for a corpus of headlines). Documents whose value
        is missing or has no words are never marked.
    key : str, optional
        A column whose equal values also mark copies, whatever their text (a source's
        own record id or the URL, for records scraped twice).
    shingle_size : int, default 3
        Words per shingle for near duplicates.
    num_perm : int, default 128
        MinHash permutations; more finds pairs near the threshold more reliably.

    Returns
    -------
    pandas.DataFrame
        A copy of ``corpus`` with two more columns (string dtype):

        ``duplicate_of``
            the ``doc_id`` of the earliest document of the group of copies, ``<NA>``
            for originals;
        ``duplicate_kind``
            ``"exact"`` (same words as that document, ignoring case, punctuation and
            white space), ``"near"`` (shingle Jaccard similarity at least ``threshold``
            with an earlier copy), ``"key"`` (same ``key`` value), ``<NA>`` for
            originals.

        The counts are in ``attrs["load_report"]["deduplicate"]``, with how many rows
        were dropped; where the corpus came from ``read_corpus``, each source's entry
        in ``attrs["load_report"]["sources"]`` gets its number of ``duplicates``.

    See Also
    --------
    remove_boilerplate : remove lines an outlet repeats in every document.

    Notes
    -----
    The earliest document is the one published first; documents without a date come
    after dated ones, and ties go to the first in corpus order. Copies form groups:
    a document that nearly repeats a copy is marked as a copy of that copy's original,
    even if its own similarity with the original is below the threshold.

    Near duplicates are found with MinHash locality-sensitive hashing (datasketch) on
    word ``shingle_size``-grams of the case-folded words, and each candidate pair is
    then checked by computing the exact Jaccard similarity of the two shingle sets, so
    no pair below the threshold is ever marked (Broder 1997). The bands are chosen so
    that a pair exactly at the threshold is proposed with probability at least 0.999
    (more similar pairs more surely still). A candidate already in the document's group
    is not checked again, but the index still proposes every earlier member of a large
    cluster: k near copies of one story cost time in proportion to k² (about 30 s for
    4,000 copies of one text on a loaded laptop core); ``near=False`` is linear.

    References
    ----------
    A. Z. Broder, "On the resemblance and containment of documents", Compression and
    Complexity of Sequences, 1997.

    Examples
    --------
    >>> import pandas as pd
    >>> import framing
    >>> corpus = framing.as_corpus(pd.DataFrame({
    ...     "doc_id": ["wire", "reprint", "other"],
    ...     "outlet": ["Wire", "Daily", "Daily"],
    ...     "published": ["2022-03-01T08:00Z", "2022-03-01T10:00Z", "2022-03-02T09:00Z"],
    ...     "title": ["Talks", "Talks resume", "Weather"],
    ...     "text": ["Talks resumed in Istanbul.", "Talks resumed in  Istanbul!",
    ...              "Snow fell."]}))
    >>> marked = framing.deduplicate(corpus)
    >>> marked[["doc_id", "duplicate_of", "duplicate_kind"]]
        doc_id duplicate_of duplicate_kind
    0     wire         <NA>           <NA>
    1  reprint         wire          exact
    2    other         <NA>           <NA>
    >>> len(framing.deduplicate(corpus, drop=True))
    2
    """
    distributed = dask_implementation("deduplicate", corpus)
    if distributed is not None:
        return distributed(
            corpus, near=near, threshold=threshold, drop=drop, seed=seed, on=on, key=key,
            shingle_size=shingle_size, num_perm=num_perm,
        )  # fmt: skip
    validate_corpus(corpus)
    _check_deduplicate_parameters(corpus, threshold, on, key, shingle_size, num_perm, seed)
    n = len(corpus)
    # Chronological order: published first, missing dates last, ties in corpus order.
    published = corpus["published"]
    undated = published.isna().to_numpy()
    order = np.lexsort((np.arange(n), _as_int64(published), undated))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)

    words = _normalised_words(corpus[on])
    has_words = (words != "").to_numpy()

    key_values = corpus[key].astype(STRING_DTYPE) if key is not None else None

    def near_pairs(
        representatives: list[int], joined: Callable[[int, int], bool]
    ) -> Iterable[tuple[int, int]]:
        shingles = _shingle_sets(words.to_numpy(dtype=object), representatives, shingle_size)
        return _near_pairs(representatives, shingles, threshold, seed, num_perm, joined=joined)

    roots, kinds = _link_copies(
        order, rank, words, has_words, key_values, near_pairs if near else None
    )
    doc_ids = corpus["doc_id"].to_numpy(dtype=object)
    is_copy = roots != np.arange(n)
    duplicate_of = pd.array(np.where(is_copy, doc_ids[roots], None), dtype=STRING_DTYPE)
    result = corpus.copy()
    result.attrs = copy.deepcopy(corpus.attrs)
    result["duplicate_of"] = pd.Series(duplicate_of, index=corpus.index)
    result["duplicate_kind"] = pd.Series(kinds, index=corpus.index, dtype=STRING_DTYPE)
    counts = result["duplicate_kind"].value_counts()
    summary = {
        "documents": n,
        "exact": int(counts.get("exact", 0)),
        "near": int(counts.get("near", 0)),
        "key": int(counts.get("key", 0)),
        "duplicates": int(is_copy.sum()),
        "without_words": int((~has_words).sum()),
        "dropped": 0,
        "parameters": {
            "near": bool(near),
            "threshold": float(threshold),
            "seed": int(seed),
            "on": on,
            "key": key,
            "shingle_size": int(shingle_size),
            "num_perm": int(num_perm),
        },
    }
    if drop:
        result = result.loc[~is_copy].reset_index(drop=True)
        result.attrs = copy.deepcopy(corpus.attrs)
        summary["dropped"] = int(is_copy.sum())
    report = _report(result)
    report["deduplicate"] = summary
    _count_per_source(report, corpus["source"], is_copy)
    return result


def _link_copies(
    order: np.ndarray,
    rank: np.ndarray,
    words: pd.Series,
    has_words: np.ndarray,
    key_values: pd.Series | None,
    near_pairs: Callable[[list[int], Callable[[int, int], bool]], Iterable[tuple[int, int]]] | None,
) -> tuple[np.ndarray, list[Any]]:
    """Each document's group root (its earliest copy) and its ``duplicate_kind``.

    ``order`` is the chronological order of the positions and ``rank`` its inverse;
    ``words`` holds what exact copies share (the normalised words, or any value equal
    exactly when they are), ``key_values`` the ``key=`` column, and ``near_pairs``
    gives the confirmed (later, earlier) near pairs among the representatives it is
    handed (``None``: no near duplicates); its second argument says whether two
    positions are in one group already, so that it can skip comparing them (the pairs
    are joined as they come). A group's root is its earliest member
    whatever the order the pairs come in. ``framing.distributed.dedup`` calls this with
    hashes of the words and the pairs found on a dask cluster.
    """
    n = len(order)
    # Union-find over positions, each group rooted at its earliest member.
    parent = np.arange(n)
    kind: list[str | None] = [None] * n

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(later: int, earlier: int, how: str) -> None:
        a, b = root(later), root(earlier)
        if a == b:
            return
        if rank[a] < rank[b]:
            a, b = b, a
        parent[a] = b
        if kind[later] is None:
            kind[later] = how

    # Exact: the same case-folded words. Everything after the group's first is a copy.
    exact_first = _first_of_groups(words, order, has_words)
    for later, earlier in exact_first:
        join(later, earlier, "exact")

    if key_values is not None:
        for later, earlier in _first_of_groups(key_values, order, key_values.notna().to_numpy()):
            join(later, earlier, "key")

    if near_pairs is not None:
        # Only one representative per exact group needs shingling.
        representatives = [i for i in order.tolist() if has_words[i] and kind[i] != "exact"]
        for later, earlier in near_pairs(representatives, lambda a, b: root(a) == root(b)):
            join(later, earlier, "near")

    roots = np.array([root(i) for i in range(n)], dtype=np.int64)
    is_copy = roots != np.arange(n)
    # A copy's kind says how it relates to the group's original: exact when the words
    # are the same as the original's, else how it was linked.
    words_array = words.to_numpy(dtype=object)
    kinds: list[Any] = []
    for i in range(n):
        if not is_copy[i]:
            kinds.append(pd.NA)
        elif has_words[i] and words_array[i] == words_array[roots[i]]:
            kinds.append("exact")
        else:
            kinds.append(kind[i] if kind[i] == "key" else "near")
    return roots, kinds


def _count_per_source(report: dict[str, Any], sources: pd.Series, is_copy: np.ndarray) -> None:
    """Fill the readers' per-source ``duplicates`` field: copies among each file's rows.

    ``read_corpus`` writes each row's ``source`` as ``"<file>, <record>"`` and leaves
    ``duplicates`` as ``None`` in each entry of ``report["sources"]`` for this.
    """
    entries = report.get("sources")
    if not isinstance(entries, list):
        return
    values = sources.astype(STRING_DTYPE).fillna("")
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("source"), str):
            continue
        name = entry["source"]
        rows = ((values == name) | values.str.startswith(name + ", ")).to_numpy(dtype=bool)
        entry["duplicates"] = int((rows & is_copy).sum())


def _check_deduplicate_parameters(
    corpus: pd.DataFrame,
    threshold: object,
    on: object,
    key: object,
    shingle_size: object,
    num_perm: object,
    seed: object,
) -> None:
    check_number(
        threshold, parameter="threshold", function="deduplicate", low=0, high=1, low_open=True
    )
    for name, value in (("on", on), ("key", key)):
        if name == "key" and value is None:
            continue
        if not isinstance(value, str) or value not in corpus.columns:
            raise CorpusError(
                f"The '{name}' parameter of deduplicate must name a column of the corpus "
                f"({', '.join(map(str, corpus.columns))}). Got {value!r} instead."
            )
    for name, value, low, high in (
        ("shingle_size", shingle_size, 1, len(_POSITION_MULTIPLIERS)),
        ("num_perm", num_perm, 2, 1024),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(
                f"The '{name}' parameter of deduplicate must be an integer from {low} to "
                f"{high}. Got {value!r} instead."
            )
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(
            f"The 'seed' parameter of deduplicate must be a non-negative integer. Got {seed!r} "
            "instead."
        )


def _as_int64(published: pd.Series) -> np.ndarray:
    values = published.dt.tz_convert("UTC").dt.tz_localize(None).astype("datetime64[ns]")
    return values.to_numpy().view(np.int64)


def _normalised_words(values: pd.Series) -> pd.Series:
    """Case-folded words joined by single spaces: punctuation and spacing do not count."""
    text = values.astype(STRING_DTYPE).fillna("").str.casefold()
    return text.str.replace(_NOT_WORD.pattern, " ", regex=True).str.strip()


def _first_of_groups(
    values: pd.Series, order: np.ndarray, mask: np.ndarray
) -> list[tuple[int, int]]:
    """Pairs (later, first) of positions holding equal values, in chronological order."""
    ordered = order[mask[order]]
    if len(ordered) == 0:
        return []
    keys = values.to_numpy(dtype=object)[ordered]
    positions = pd.Series(ordered)
    firsts = positions.groupby(pd.Series(keys, dtype=object), sort=False).transform("first")
    copies = (firsts != positions).to_numpy()
    return list(zip(positions[copies].tolist(), firsts[copies].tolist(), strict=True))


def _shingle_sets(words: np.ndarray, positions: list[int], size: int) -> dict[int, np.ndarray]:
    """Each document's sorted, unique 64-bit hashes of its word ``size``-grams."""
    return shingle_sets(words, positions, size)


def _identity(value: Any) -> Any:
    return value


def _near_pairs(
    positions: list[int],
    shingles: dict[int, np.ndarray],
    threshold: float,
    seed: int,
    num_perm: int,
    joined: Callable[[int, int], bool] = lambda a, b: False,
) -> Iterator[tuple[int, int]]:
    """Pairs (later, earlier) whose shingle sets have Jaccard similarity >= threshold.

    ``positions`` is in chronological order; each document is compared with the earlier
    ones the LSH index proposes, and a pair is kept only if its exact Jaccard similarity
    reaches the threshold. A candidate ``joined`` says is in the document's group
    already (the caller joins each pair as it comes) is not compared again: a cluster
    of n near copies costs n comparisons, not n².
    """
    if len(positions) < 2:
        return
    # datasketch's default 32-bit scheme takes 32-bit values from the hash function.
    low_bits = [(shingles[p] & _UINT64(0xFFFFFFFF)).astype(np.uint32) for p in positions]
    matrix = minhash_signatures(low_bits, num_perm, seed)
    # The candidates MinHashLSH would propose (each signature queried, then inserted, in
    # chronological order), found by band_candidates in a few numpy passes.
    bands, rows = _band_parameters(threshold, num_perm)
    for later, earlier in enumerate(band_candidates(matrix, bands, rows)):
        position = positions[later]
        for candidate in sorted(positions[k] for k in earlier):
            if joined(position, candidate):
                continue
            if _jaccard(shingles[position], shingles[candidate]) >= threshold:
                yield position, candidate


def _band_parameters(threshold: float, num_perm: int, recall: float = 0.999) -> tuple[int, int]:
    """LSH bands and rows that propose a pair at the threshold with at least ``recall``.

    datasketch's default banding balances false positives against false negatives, and
    at a threshold of 0.9 with 128 permutations misses four pairs in ten at similarity
    0.9. Candidates are verified exactly, so a false positive costs only time: take the
    most rows per band (fewest false candidates) that still keep the recall.
    """
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if 1 - (1 - threshold**rows) ** bands >= recall:
            return bands, rows
    return num_perm, 1


def _jaccard(first: np.ndarray, second: np.ndarray) -> float:
    shared = np.intersect1d(first, second, assume_unique=True).size
    return shared / (first.size + second.size - shared)
