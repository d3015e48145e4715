"""``framing.deduplicate`` on a dask corpus: the same ``duplicate_of`` choices as pandas.

Three passes over the partitions, none of which sends a text to the client:

1. **Keys.** Each partition gives, per document, its id, date, a 128-bit hash (BLAKE2b)
   of its normalised words (what exact copies share), the ``key=`` value and its
   ``source``. On the client the documents are put in the documented order (published
   first, undated last, ties in corpus order) and exact and key copies are grouped as
   in pandas (``framing.corpus.dedup._link_copies``), with the hash standing for the
   words: two different texts would have to share a 128-bit hash to be taken for
   copies.
2. **Near candidates.** Each partition computes the MinHash signature of each
   representative (the first of its exact group) with the seed and permutations of the
   pandas path, cuts it into the same LSH bands and emits one row per band: (band key,
   document). The rows are shuffled by band key; documents that share a band key are
   candidate pairs: exactly the pairs the pandas LSH index proposes (a band key is a
   64-bit hash of the band's values, so a collision can only add a candidate).
3. **Confirmation.** The shingle sets of the documents in candidate pairs are joined
   onto the pairs (two shuffle joins) and every pair's exact Jaccard similarity is
   computed on the cluster; pairs below ``threshold`` are dropped.

The confirmed pairs go through the same union-find as pandas, whose groups do not
depend on the order the pairs come in: each group is rooted at its earliest document.
The marks are then attached to each partition; ``drop=True`` removes the copies.
"""

from __future__ import annotations

import copy
import hashlib
from typing import Any

import numpy as np
import pandas as pd

from framing._engines import register_dask
from framing.corpus.dedup import (
    _UINT64,
    _as_int64,
    _band_parameters,
    _check_deduplicate_parameters,
    _count_per_source,
    _identity,
    _jaccard,
    _link_copies,
    _normalised_words,
    _shingle_sets,
)
from framing.corpus.schema import STRING_DTYPE, CorpusError
from framing.distributed._common import no_string_conversion
from framing.distributed.scoring import check_corpus

_PARTITION = "__framing_partition"


@register_dask("deduplicate")
def deduplicate(
    corpus: Any,
    *,
    near: bool = True,
    threshold: float = 0.9,
    drop: bool = False,
    seed: int = 1,
    on: str = "text",
    key: str | None = None,
    shingle_size: int = 3,
    num_perm: int = 128,
) -> Any:
    """:func:`framing.deduplicate` for a dask corpus; returns a dask corpus.

    Takes the parameters of :func:`framing.deduplicate`; ``.compute()`` of the result
    equals the pandas result for the computed corpus, row for row, ``duplicate_of`` and
    ``duplicate_kind`` included, and its ``attrs["load_report"]`` holds the same
    counts. Exact copies are found by a 128-bit hash of the normalised words.
    """
    import dask
    import dask.dataframe as dd

    meta = corpus._meta
    check_corpus(meta, "deduplicate")
    _check_deduplicate_parameters(meta, threshold, on, key, shingle_size, num_perm, seed)

    documents = corpus.map_partitions(
        _document_keys, on, key, meta=_keys_meta(meta, key), partition_info=True
    ).compute()
    documents = documents.reset_index(drop=True)
    lengths = np.bincount(
        documents[_PARTITION].to_numpy(dtype=np.int64), minlength=corpus.npartitions
    )
    ids = documents["doc_id"]
    if ids.duplicated().any():
        raise CorpusError(
            f"The corpus repeats doc_id {ids[ids.duplicated()].iloc[0]!r} (in two partitions); "
            "doc_id must be unique."
        )
    n = len(documents)
    undated = documents["published"].isna().to_numpy()
    order = np.lexsort((np.arange(n), _as_int64(documents["published"]), undated))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    words = pd.Series(documents["words"].to_numpy(dtype=object))
    has_words = documents["has_words"].to_numpy(dtype=bool)
    key_values = documents["key"].astype(STRING_DTYPE) if key is not None else None
    offsets = np.concatenate([[0], np.cumsum(lengths)])

    def near_pairs(representatives: list[int], joined: Any = None) -> list[tuple[int, int]]:
        # The pairs come from the cluster all at once; every one is joined.
        return _near_pairs(
            corpus, representatives, offsets, rank, on, threshold, seed, shingle_size, num_perm
        )

    roots, kinds = _link_copies(
        order, rank, words, has_words, key_values, near_pairs if near else None
    )
    is_copy = roots != np.arange(n)
    doc_ids = ids.to_numpy(dtype=object)
    marks = pd.DataFrame(
        {
            "duplicate_of": pd.array(np.where(is_copy, doc_ids[roots], None), dtype=STRING_DTYPE),
            "duplicate_kind": pd.array(kinds, dtype=STRING_DTYPE),
        }
    )
    counts = marks["duplicate_kind"].value_counts()
    summary = {
        "documents": n,
        "exact": int(counts.get("exact", 0)),
        "near": int(counts.get("near", 0)),
        "key": int(counts.get("key", 0)),
        "duplicates": int(is_copy.sum()),
        "without_words": int((~has_words).sum()),
        "dropped": int(is_copy.sum()) if drop else 0,
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
    attrs = copy.deepcopy(meta.attrs)
    report = attrs.setdefault("load_report", {})
    if not isinstance(report, dict):
        report = attrs["load_report"] = {}
    report["deduplicate"] = summary
    _count_per_source(report, documents["source"], is_copy)

    kept_before = np.concatenate([[0], np.cumsum(~is_copy)])
    result_meta = _attach(meta.iloc[:0], marks.iloc[:0], 0, drop, attrs)
    pieces = []
    for number, part in enumerate(corpus.to_delayed()):
        first, last = int(offsets[number]), int(offsets[number + 1])
        start = int(kept_before[first]) if drop else first
        piece = marks.iloc[first:last].reset_index(drop=True)
        pieces.append(dask.delayed(_attach)(part, piece, start, drop, attrs))
    with no_string_conversion():
        return dd.from_delayed(pieces, meta=result_meta, verify_meta=False)


def _keys_meta(meta: pd.DataFrame, key: str | None) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "doc_id": pd.Series(dtype=meta["doc_id"].dtype),
            "published": pd.Series(dtype=meta["published"].dtype),
            "words": pd.Series(dtype=object),
            "has_words": pd.Series(dtype=bool),
            "key": pd.Series(dtype=object),
            "source": pd.Series(dtype=object),
            _PARTITION: pd.Series(dtype=np.int64),
        }
    )
    return frame


def _document_keys(
    partition: pd.DataFrame, on: str, key: str | None, partition_info: Any = None
) -> pd.DataFrame:
    """Per document: id, date, hash of the normalised words, key value, source."""
    words = _normalised_words(partition[on]).tolist()
    digests = [
        hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        if text
        else b""
        for text in words
    ]
    number = partition_info["number"] if partition_info else 0
    key_values = (
        partition[key].astype(STRING_DTYPE).astype(object).where(partition[key].notna(), None)
        if key is not None
        else pd.Series([None] * len(partition), dtype=object)
    )
    source = (
        partition["source"].astype(object).where(partition["source"].notna(), None)
        if "source" in partition.columns
        else pd.Series([None] * len(partition), dtype=object)
    )
    return pd.DataFrame(
        {
            "doc_id": partition["doc_id"].to_numpy(),
            "published": partition["published"].to_numpy(),
            "words": pd.Series(digests, dtype=object).to_numpy(),
            "has_words": np.asarray([bool(text) for text in words], dtype=bool),
            "key": key_values.to_numpy(dtype=object),
            "source": source.to_numpy(dtype=object),
            _PARTITION: np.full(len(partition), number, dtype=np.int64),
        },
        index=partition.index,
    ).astype({"doc_id": partition["doc_id"].dtype, "published": partition["published"].dtype})


def _attach(
    partition: pd.DataFrame, marks: pd.DataFrame, start: int, drop: bool, attrs: dict[str, Any]
) -> pd.DataFrame:
    """A partition with its ``duplicate_of`` and ``duplicate_kind`` (copies dropped)."""
    result = partition.copy()
    result["duplicate_of"] = pd.Series(marks["duplicate_of"].to_numpy(), index=partition.index)
    result["duplicate_of"] = result["duplicate_of"].astype(STRING_DTYPE)
    result["duplicate_kind"] = pd.Series(marks["duplicate_kind"].to_numpy(), index=partition.index)
    result["duplicate_kind"] = result["duplicate_kind"].astype(STRING_DTYPE)
    if drop:
        result = result.loc[marks["duplicate_of"].isna().to_numpy()]
        result.index = pd.RangeIndex(start, start + len(result))
    result.attrs = copy.deepcopy(attrs)
    return result


# -- near duplicates on the cluster --------------------------------------------------------
def _near_pairs(
    corpus: Any,
    representatives: list[int],
    offsets: np.ndarray,
    rank: np.ndarray,
    on: str,
    threshold: float,
    seed: int,
    shingle_size: int,
    num_perm: int,
) -> list[tuple[int, int]]:
    """Confirmed (later, earlier) pairs of representatives, found on the cluster."""
    import dask
    import dask.dataframe as dd

    if len(representatives) < 2:
        return []
    bands, rows = _band_parameters(threshold, num_perm)
    chosen = np.zeros(int(offsets[-1]), dtype=bool)
    chosen[representatives] = True
    per_partition = [
        np.flatnonzero(chosen[offsets[i] : offsets[i + 1]]) for i in range(len(offsets) - 1)
    ]
    band_meta = pd.DataFrame(
        {"band": pd.Series(dtype=np.int64), "document": pd.Series(dtype=np.int64)}
    )
    with no_string_conversion():
        band_rows = dd.from_delayed(
            [
                dask.delayed(_band_rows)(
                    part, rows_, int(offsets[i]), on, seed, shingle_size, num_perm, bands, rows
                )
                for i, (part, rows_) in enumerate(
                    zip(corpus.to_delayed(), per_partition, strict=True)
                )
            ],
            meta=band_meta,
            verify_meta=False,
        )
        pair_meta = pd.DataFrame(
            {"first": pd.Series(dtype=np.int64), "second": pd.Series(dtype=np.int64)}
        )
        candidates = (
            band_rows.shuffle(on="band")
            .map_partitions(_bucket_pairs, meta=pair_meta)
            .drop_duplicates()
            .compute()
        )
        if candidates.empty:
            return []
        involved = np.zeros(int(offsets[-1]), dtype=bool)
        involved[candidates["first"].to_numpy()] = True
        involved[candidates["second"].to_numpy()] = True
        shingle_meta = pd.DataFrame(
            {"document": pd.Series(dtype=np.int64), "shingles": pd.Series(dtype=object)}
        )
        shingles = dd.from_delayed(
            [
                dask.delayed(_shingle_rows)(
                    part,
                    np.flatnonzero(involved[offsets[i] : offsets[i + 1]]),
                    int(offsets[i]),
                    on,
                    shingle_size,
                )
                for i, part in enumerate(corpus.to_delayed())
            ],
            meta=shingle_meta,
            verify_meta=False,
        )
        npartitions = max(1, min(corpus.npartitions, len(candidates) // 50_000 + 1))
        pairs = dd.from_pandas(candidates, npartitions=npartitions, sort=False)
        joined = pairs.merge(
            shingles.rename(columns={"document": "first", "shingles": "first_shingles"}),
            on="first",
        ).merge(
            shingles.rename(columns={"document": "second", "shingles": "second_shingles"}),
            on="second",
        )
        confirmed = joined.map_partitions(_confirm, threshold, meta=pair_meta).compute()
    pairs_out = []
    for first, second in zip(
        confirmed["first"].tolist(), confirmed["second"].tolist(), strict=True
    ):
        later, earlier = (first, second) if rank[first] > rank[second] else (second, first)
        pairs_out.append((later, earlier))
    return pairs_out


def _words_of(partition: pd.DataFrame, on: str, rows: np.ndarray) -> np.ndarray:
    return _normalised_words(partition[on].iloc[rows]).to_numpy(dtype=object)


def _band_rows(
    partition: pd.DataFrame,
    rows: np.ndarray,
    offset: int,
    on: str,
    seed: int,
    shingle_size: int,
    num_perm: int,
    bands: int,
    width: int,
) -> pd.DataFrame:
    """One row per representative and LSH band: (64-bit band key, document position)."""
    from datasketch import MinHash

    if len(rows) == 0:
        return pd.DataFrame({"band": np.zeros(0, np.int64), "document": np.zeros(0, np.int64)})
    words = _words_of(partition, on, rows)
    local = list(range(len(rows)))
    shingles = _shingle_sets(words, local, shingle_size)
    # As framing.corpus.dedup._near_pairs: datasketch's 32-bit scheme on the low bits.
    low_bits = ((shingles[p] & _UINT64(0xFFFFFFFF)).astype(np.uint32) for p in local)
    signatures = MinHash.generator(low_bits, num_perm=num_perm, seed=seed, hashfunc=_identity)
    keys = []
    for signature in signatures:
        values = np.asarray(signature.hashvalues, dtype=np.uint64)
        for band in range(bands):
            digest = hashlib.blake2b(
                band.to_bytes(2, "little") + values[band * width : (band + 1) * width].tobytes(),
                digest_size=8,
            ).digest()
            keys.append(int.from_bytes(digest, "little", signed=True))
    documents = np.repeat(np.asarray(rows, dtype=np.int64) + offset, bands)
    return pd.DataFrame({"band": np.asarray(keys, dtype=np.int64), "document": documents})


def _bucket_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """Every pair of documents that share a band key (first < second)."""
    firsts: list[int] = []
    seconds: list[int] = []
    if len(frame):
        table = frame.drop_duplicates().sort_values(["band", "document"], kind="stable")
        bands = table["band"].to_numpy()
        documents = table["document"].to_numpy()
        # Runs of equal band keys; only runs of two or more hold pairs (few do).
        starts = np.flatnonzero(np.r_[True, bands[1:] != bands[:-1]])
        ends = np.r_[starts[1:], len(bands)]
        for first, last in zip(starts[ends - starts > 1], ends[ends - starts > 1], strict=True):
            members = documents[first:last].tolist()
            for i in range(len(members)):
                for j in range(i + 1, len(members)):
                    firsts.append(members[i])
                    seconds.append(members[j])
    return pd.DataFrame(
        {"first": np.asarray(firsts, dtype=np.int64), "second": np.asarray(seconds, dtype=np.int64)}
    )


def _shingle_rows(
    partition: pd.DataFrame, rows: np.ndarray, offset: int, on: str, shingle_size: int
) -> pd.DataFrame:
    words = _words_of(partition, on, rows)
    shingles = _shingle_sets(words, list(range(len(rows))), shingle_size)
    return pd.DataFrame(
        {
            "document": np.asarray(rows, dtype=np.int64) + offset,
            "shingles": pd.Series([shingles[i].tobytes() for i in range(len(rows))], dtype=object),
        }
    )


def _confirm(frame: pd.DataFrame, threshold: float) -> pd.DataFrame:
    keep = [
        _jaccard(np.frombuffer(first, dtype=np.uint64), np.frombuffer(second, dtype=np.uint64))
        >= threshold
        for first, second in zip(frame["first_shingles"], frame["second_shingles"], strict=True)
    ]
    kept = frame.loc[np.asarray(keep, dtype=bool), ["first", "second"]]
    return kept.astype(np.int64).reset_index(drop=True)
