"""``framing.score`` on a dask corpus (and dask hits): the pandas scores, intervals included.

The heavy part of scoring is reading the texts to count their tokens; it runs partition
by partition on the cluster. Each partition gives back, per document, only its id, its
group columns (and date) and its number of tokens; the hits are counted per document and
(concept, variant) within each partition. On the client these per-document statistics,
in corpus order, go through ``framing.scoring._score_table``, the code that makes the
pandas table: counts, rates and shares are the same sums, and the intervals come from
the same per-document statistics with the same seeded draws, so every number is
identical to the pandas path's, not merely close.

What stays on the client: one row per document (id, group, tokens: about 100 bytes a
document) and one per document and variant with hits. The intervals need each group's
documents together, so they are computed there, as in pandas.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from framing._engines import register_dask
from framing._scoring_groups import _group_keys
from framing._scoring_inputs import (
    _by_columns,
    _check_parameters,
    _fields,
    _variant_pairs,
    _voices,
)
from framing._tokens import count_tokens
from framing.corpus.schema import CorpusError, validate_corpus
from framing.distributed._common import collect, is_dask
from framing.provenance import ATTRS_KEY, stamp
from framing.scoring import _score_table

_TOKENS = "__framing_tokens"
_COUNT = "__framing_hits"


@register_dask("score")
def score(
    hits: Any,
    corpus: Any,
    *,
    by: str | Sequence[str] = "outlet",
    period: str | None = None,
    voice: str | Sequence[str] | None = None,
    fields: Sequence[str] | None = None,
    lexicon: Any = None,
    ci: float = 0.95,
    interval: str = "effective",
    n_boot: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """:func:`framing.score` for a dask corpus or dask hits; returns the pandas table.

    Takes the parameters of :func:`framing.score` and gives the table it gives for the
    computed corpus and hits, row for row. Provenance records the number of documents,
    not the corpus fingerprint (that would send every text to the client).
    """
    meta = corpus._meta if is_dask(corpus) else corpus
    hits_meta = hits._meta if is_dask(hits) else hits
    check_corpus(meta, "score")
    by_columns = _by_columns(by, meta, period)
    _check_parameters(period, ci, n_boot, seed, interval)
    voices = _voices(voice)
    fields = _fields(fields, hits_meta, meta)
    if not isinstance(hits_meta, pd.DataFrame):
        raise TypeError(
            "score needs a hits table (a pandas or dask DataFrame from framing.match). "
            f"Got {type(hits).__module__}.{type(hits).__name__}."
        )

    columns = list(dict.fromkeys(["doc_id", *by_columns, "published"]))
    documents = _documents(corpus, columns, fields)
    ids = documents["doc_id"]
    if ids.duplicated().any():
        raise CorpusError(
            f"The corpus repeats doc_id {ids[ids.duplicated()].iloc[0]!r} (in two partitions); "
            "doc_id must be unique. framing.deduplicate marks repeated documents."
        )
    counted = _hit_counts(hits, voices)
    counted.attrs = dict(hits_meta.attrs)
    counted = _usable(counted, documents, set(meta.columns), fields, voices)
    pairs = _variant_pairs(counted, lexicon)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        keys, excluded = _group_keys(documents, by_columns, period)
    for warning in caught:  # point at the caller of framing.score, as the pandas path does
        warnings.warn(warning.message, warning.category, stacklevel=3)
    positions = pd.Index(ids.astype(str)).get_indexer(counted["doc_id"].astype(str))
    pair_index = pd.MultiIndex.from_tuples(pairs).get_indexer(
        pd.MultiIndex.from_arrays([counted["concept"].astype(str), counted["variant"].astype(str)])
    )
    counts = sparse.csr_matrix(
        (counted[_COUNT].to_numpy(dtype=np.int64), (positions, pair_index)),
        shape=(len(documents), len(pairs)),
    )
    counts.sum_duplicates()
    tokens = documents[_TOKENS].to_numpy(dtype=np.int64)
    table = _score_table(
        counts, tokens, keys, by_columns, period, pairs, ci, n_boot, seed, interval
    )

    parameters = {
        "by": by_columns,
        "period": period,
        "voice": voices,
        "fields": list(fields),
        "ci": ci,
        "interval": interval,
    }
    if interval == "bootstrap":
        parameters.update(n_boot=n_boot, seed=seed)
    stamp(table, function="score", lexicon=lexicon, parameters=parameters, inherit=hits_meta)
    table.attrs[ATTRS_KEY]["corpus"] = {"documents": len(documents)}
    table.attrs[ATTRS_KEY]["excluded"] = excluded
    return table


def check_corpus(meta: pd.DataFrame, function: str) -> None:
    """Check a dask corpus's columns and dtypes on its meta (``tags`` aside: dask may
    hold lists as text), as ``validate_corpus`` checks a pandas corpus."""
    if not isinstance(meta, pd.DataFrame):
        raise CorpusError(
            f"The corpus given to {function} must be a pandas or dask DataFrame. Got "
            f"{type(meta).__module__}.{type(meta).__name__}: read files with "
            "framing.read_corpus (or read_corpus_dask), or convert it with framing.as_corpus."
        )
    validate_corpus(meta.iloc[:0].drop(columns=["tags"], errors="ignore"), name="dask corpus")


def _documents(corpus: Any, columns: list[str], fields: Sequence[str]) -> pd.DataFrame:
    """Per document, in corpus order: ``columns`` and the tokens of ``fields``."""
    if not is_dask(corpus):
        return _document_statistics(corpus, columns, tuple(fields)).reset_index(drop=True)
    meta = corpus._meta[columns].copy()
    meta[_TOKENS] = pd.Series(dtype=np.int64)
    return collect(corpus, _document_statistics, meta, columns, tuple(fields))


def _document_statistics(
    partition: pd.DataFrame, columns: list[str], fields: tuple[str, ...]
) -> pd.DataFrame:
    table = partition[columns].copy()
    tokens = np.zeros(len(partition), dtype=np.int64)
    for field in fields:
        tokens += count_tokens(partition[field].tolist())
    table[_TOKENS] = tokens
    return table


def _hit_counts(hits: Any, voices: list[str] | None) -> pd.DataFrame:
    """Hits per document, field, concept and variant (and voice): summed over partitions."""
    keys = ["doc_id", "field", "concept", "variant", *(["voice"] if voices is not None else [])]
    columns = hits._meta.columns if is_dask(hits) else hits.columns
    missing = [column for column in keys if column not in columns]
    if missing:
        raise ValueError(
            f"The hits table lacks the column(s) {missing}; score needs {keys}. "
            "Make hits with framing.match."
        )
    if not is_dask(hits):
        return _count_partition(hits, keys)
    meta = pd.DataFrame({key: pd.Series(dtype=object) for key in keys})
    meta[_COUNT] = pd.Series(dtype=np.int64)
    partial = hits.map_partitions(_count_partition, keys, meta=meta).compute()
    return _count_partition(partial, keys, weights=True)


def _count_partition(hits: pd.DataFrame, keys: list[str], weights: bool = False) -> pd.DataFrame:
    table = hits[keys].astype(object).where(hits[keys].notna(), None)
    table[_COUNT] = hits[_COUNT].to_numpy(dtype=np.int64) if weights else 1
    counted = table.groupby(keys, sort=False, dropna=False)[_COUNT].sum().reset_index()
    counted[_COUNT] = counted[_COUNT].astype(np.int64)
    return counted


def _usable(
    counted: pd.DataFrame,
    documents: pd.DataFrame,
    corpus_columns: set[str],
    fields: Sequence[str],
    voices: list[str] | None,
) -> pd.DataFrame:
    """The hits counted (fields and voices asked for), after the checks of pandas score."""
    unknown = ~counted["doc_id"].astype(str).isin(set(documents["doc_id"].astype(str)))
    if unknown.any():
        row = int(np.flatnonzero(unknown.to_numpy())[0])
        raise ValueError(
            f"A hit names the document {counted['doc_id'].iloc[row]!r}, which is not in the "
            f"corpus ({int(counted[_COUNT][unknown].sum())} hit(s) like it). Score hits with "
            "the corpus they were matched in."
        )
    bad_field = ~counted["field"].astype(str).isin(corpus_columns)
    if bad_field.any():
        row = int(np.flatnonzero(bad_field.to_numpy())[0])
        raise ValueError(
            f"A hit has field {counted['field'].iloc[row]!r}, which is not a corpus column."
        )
    keep = counted["field"].astype(str).isin(list(fields)).to_numpy()
    if voices is not None:
        keep = keep & counted["voice"].astype(str).isin(voices).to_numpy()
    kept = counted.loc[keep].reset_index(drop=True)
    kept.attrs = dict(counted.attrs)
    return kept
