"""``compare_groups``, ``collocations`` and ``suggest_terms`` on a dask corpus.

Each partition counts its own n-grams per group with the pandas path's vectorizer (the
shared tokenizer, the same n-gram orders, fields counted apart), and gives back one
row per (group, n-gram) it holds; the rows are summed per (group, n-gram) across
partitions by dask, so the counts are exact (no hashing of the n-grams) and equal to
the pandas matrix's sums. The client puts them in the pandas vocabulary order and hands
them to ``framing.comparison._compare_counts``, the code of the pandas table, so the
log-odds, z, G² and adjusted p are the same numbers. The statistics need every group's
count of every term at once (the pooled prior, the "rest" reference, the
Benjamini-Hochberg adjustment within a group), so that final step runs on the client:
its memory grows with the vocabulary, as the pandas path's does, not with the corpus.

``collocations`` counts words and the pairs that hold the term per partition (windows
never cross a document, so the counts add up) and builds NLTK's finder from the sums;
``suggest_terms`` is ``compare_groups`` followed by the pandas picking step.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

from framing._engines import register_dask
from framing._tokens import count_tokens, tokenize
from framing.discovery import (
    _collocation_table,
    _stop_words,
    _suggestions,
    _token_stream,
)
from framing.distributed._common import is_dask
from framing.distributed.scoring import check_corpus
from framing.provenance import ATTRS_KEY, stamp


@register_dask("compare_groups")
def compare_groups(corpus: Any, **options: Any) -> pd.DataFrame:
    """:func:`framing.compare_groups` for a dask corpus; returns the pandas table.

    For now the client computes the corpus and runs the pandas
    :func:`framing.compare_groups` on it, so the table is the pandas table exactly, but
    the client must hold the corpus. The
    per-partition n-gram counting (exact counts summed across partitions) is to come
    back once it covers the pandas path's stop words and document frequencies.
    """
    from framing.comparison import compare_groups as pandas_compare_groups

    _meta(corpus, "compare_groups")
    frame = (corpus.compute() if is_dask(corpus) else corpus).reset_index(drop=True)
    table = pandas_compare_groups(frame, **options)
    table.attrs[ATTRS_KEY]["corpus"] = {"documents": len(frame)}
    return table


@register_dask("suggest_terms")
def suggest_terms(
    corpus: Any,
    lexicon: Any,
    *,
    by: str = "outlet",
    n: int = 20,
    ngram_range: tuple[int, int] = (1, 3),
    min_count: int = 5,
    fields: tuple[str, ...] | list[str] = ("title", "text"),
    stop_words: str | list[str] | None = "english",
) -> pd.DataFrame:
    """:func:`framing.suggest_terms` for a dask corpus: :func:`compare_groups` on the
    cluster, then the pandas picking step on the client."""
    function = "suggest_terms"
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(
            f"The 'n' parameter of {function} must be a whole number of 1 or more. "
            f"Got {n!r} instead."
        )
    if not (hasattr(lexicon, "concepts") and hasattr(lexicon, "entries")):
        raise ValueError(
            f"The 'lexicon' parameter of {function} must be a framing.Lexicon. "
            f"Got {type(lexicon).__name__} instead."
        )
    excluded = _stop_words(stop_words, function=function)
    comparison = compare_groups(
        corpus, by=by, ngram_range=ngram_range, min_count=min_count, fields=fields
    )
    table = _suggestions(comparison, lexicon, n, excluded)
    parameters = {
        "by": by,
        "n": int(n),
        "ngram_range": list(ngram_range),
        "min_count": int(min_count),
        "fields": list(fields),
        "stop_words": stop_words
        if stop_words is None or isinstance(stop_words, str)
        else sorted(excluded),
    }
    stamp(table, function=function, lexicon=lexicon, parameters=parameters)
    table.attrs[ATTRS_KEY]["corpus"] = comparison.attrs[ATTRS_KEY]["corpus"]
    return table


@register_dask("collocations")
def collocations(
    corpus: Any,
    term: str,
    *,
    window: int = 5,
    measure: str = "likelihood_ratio",
    min_count: int = 3,
    fields: tuple[str, ...] | list[str] = ("title", "text"),
    lowercase: bool = True,
    stop_words: str | list[str] | None = None,
) -> pd.DataFrame:
    """:func:`framing.collocations` for a dask corpus; returns the pandas table.

    Word counts and the counts of the pairs that hold the term are summed over the
    partitions; the finder built from the sums scores them as the pandas path does.
    """
    import dask
    from nltk.collocations import BigramCollocationFinder
    from nltk.probability import FreqDist

    from framing.discovery import collocations as pandas_collocations

    meta = _meta(corpus, "collocations")
    # The pandas function on no documents: the same checks, in the same order.
    empty = pandas_collocations(
        meta,
        term,
        window=window,
        measure=measure,
        min_count=min_count,
        fields=fields,
        lowercase=lowercase,
        stop_words=stop_words,
    )
    words = [w.lower() if lowercase else w for w in tokenize(term)]
    joined = " ".join(words)
    fields = [fields] if isinstance(fields, str) else list(fields)
    parts = [
        dask.delayed(_collocation_counts)(part, fields, words, lowercase, window)
        for part in corpus.to_delayed()
    ]
    word_counts: Counter[str] = Counter()
    pair_counts: Counter[tuple[str, str]] = Counter()
    documents = 0
    for length, part_words, part_pairs in dask.compute(*parts):
        documents += length
        word_counts.update(part_words)
        pair_counts.update(part_pairs)
    finder = BigramCollocationFinder(
        FreqDist(word_counts), FreqDist(pair_counts), window_size=window + 1
    )
    excluded = _stop_words(stop_words, function="collocations")
    table = _collocation_table(finder, joined, measure, min_count, excluded)
    table.attrs = empty.attrs
    table.attrs[ATTRS_KEY]["corpus"] = {"documents": documents}
    return table


# -- on the workers ------------------------------------------------------------------------
def _meta(corpus: Any, function: str) -> pd.DataFrame:
    meta = corpus._meta if is_dask(corpus) else corpus
    check_corpus(meta, function)
    return meta.iloc[:0].drop(columns=["tags"], errors="ignore")


def _check_ngram_range(ngram_range: Any) -> tuple[int, int]:
    ngram_range = tuple(ngram_range)
    if (
        len(ngram_range) != 2
        or not all(isinstance(n, (int, np.integer)) for n in ngram_range)
        or not 1 <= ngram_range[0] <= ngram_range[1]
    ):
        raise ValueError(
            "The 'ngram_range' parameter of compare_groups must be two whole numbers "
            f"(shortest, longest) with 1 <= shortest <= longest. Got {ngram_range!r} instead."
        )
    return (int(ngram_range[0]), int(ngram_range[1]))


_ROWS_META = {"kind": "object", "group": "object", "term": "object", "count": "int64"}


def _counts_per_group(
    corpus: Any, counter: Any, arguments: tuple[Any, ...]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows (kind, group, term, count) summed across partitions, and the groups' labels."""
    import dask

    by = arguments[0]
    if not is_dask(corpus):
        return _sum_rows(counter(corpus, *arguments)), _labels(corpus, by)
    rows_meta = pd.DataFrame({k: pd.Series(dtype=v) for k, v in _ROWS_META.items()})
    labels_meta = _labels(corpus._meta.iloc[:0], by)
    rows = corpus.map_partitions(counter, *arguments, meta=rows_meta)
    summed = rows.groupby(["kind", "group", "term"], sort=False)["count"].sum(
        split_out=max(1, corpus.npartitions // 8)
    )
    labels = corpus.map_partitions(_labels, by, meta=labels_meta)
    summed, labels = dask.compute(summed, labels)
    return summed.reset_index(), labels.reset_index(drop=True)


def _sum_rows(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.groupby(["kind", "group", "term"], sort=False)["count"].sum().reset_index()


def _labels(partition: pd.DataFrame, by: str) -> pd.DataFrame:
    """The partition's group labels, its documents, and those without a label."""
    values = partition[by]
    missing = values.isna()
    labels = sorted(set(values[~missing].astype(str).tolist()))
    first = partition.loc[missing, "doc_id"].iloc[0] if missing.any() else None
    return pd.DataFrame(
        {
            "label": pd.Series([*labels, None], dtype=object),
            "documents": np.asarray([0] * len(labels) + [len(partition)], dtype=np.int64),
            "missing": np.asarray([0] * len(labels) + [int(missing.sum())], dtype=np.int64),
            "first_missing": pd.Series([None] * len(labels) + [first], dtype=object),
        }
    )


def _long_rows(
    kind: str, group_codes: np.ndarray, groups: list[str], matrix: Any, vocabulary: Any
) -> pd.DataFrame:
    """Rows (kind, group, term, count) of a documents x terms matrix summed per group."""
    from scipy import sparse

    n = matrix.shape[0]
    membership = sparse.csr_matrix(
        (np.ones(n, dtype=np.int64), (group_codes, np.arange(n))), shape=(len(groups), n)
    )
    summed = (membership @ matrix).tocoo()
    keep = summed.data != 0
    return pd.DataFrame(
        {
            "kind": kind,
            "group": np.asarray(groups, dtype=object)[summed.row[keep]],
            "term": np.asarray(vocabulary, dtype=object)[summed.col[keep]],
            "count": summed.data[keep].astype(np.int64),
        }
    )


def _group_codes(partition: pd.DataFrame, by: str) -> tuple[np.ndarray, list[str], np.ndarray]:
    labels = partition[by]
    present = labels.notna().to_numpy()
    names = labels.astype(str).to_numpy(dtype=object)
    groups = sorted(set(names[present].tolist()))
    codes = pd.Index(groups).get_indexer(names[present])
    return codes, groups, present


def _ngram_rows(
    partition: pd.DataFrame,
    by: str,
    fields: tuple[str, ...],
    ngram_range: tuple[int, int],
    lowercase: bool,
) -> pd.DataFrame:
    """The partition's n-gram counts per group, as framing.comparison._ngram_matrix counts."""
    from sklearn.feature_extraction.text import CountVectorizer

    codes, groups, present = _group_codes(partition, by)
    documents = partition.loc[present]
    texts = [
        "" if pd.isna(text) else str(text) for field in fields for text in documents[field].tolist()
    ]
    vectorizer = CountVectorizer(
        tokenizer=tokenize,
        token_pattern=None,
        lowercase=lowercase,
        ngram_range=ngram_range,
        dtype=np.int64,
    )
    try:
        stacked = vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # no tokens in this partition
        return pd.DataFrame({k: pd.Series(dtype=v) for k, v in _ROWS_META.items()})
    n = len(documents)
    matrix = stacked[:n]
    for part in range(1, len(fields)):
        matrix = matrix + stacked[part * n : (part + 1) * n]
    return _long_rows("term", codes, groups, matrix.tocsr(), vectorizer.get_feature_names_out())


def _lexicon_rows(
    partition: pd.DataFrame, by: str, fields: tuple[str, ...], lexicon: Any
) -> pd.DataFrame:
    """The partition's lexicon-term hits and tokens per group."""
    from scipy import sparse

    from framing.comparison import _lexicon_matrix

    codes, groups, present = _group_codes(partition, by)
    documents = partition.loc[present].reset_index(drop=True)
    if "tags" in documents.columns:  # dask may hold the lists as text; match does not read them
        documents = documents.drop(columns=["tags"])
    vocabulary = list(dict.fromkeys(term.pattern for _, _, term in lexicon.entries()))
    if len(documents):
        _, matrix = _lexicon_matrix(_with_tags(documents), lexicon, list(fields))
    else:
        matrix = sparse.csr_matrix((0, len(vocabulary)), dtype=np.int64)
    tokens = np.zeros(len(documents), dtype=np.int64)
    for field in fields:
        tokens += count_tokens(documents[field].tolist())
    hits = _long_rows("term", codes, groups, matrix, vocabulary)
    totals = _long_rows("tokens", codes, groups, sparse.csr_matrix(tokens.reshape(-1, 1)), [""])
    return pd.concat([hits, totals], ignore_index=True)


def _with_tags(documents: pd.DataFrame) -> pd.DataFrame:
    documents = documents.copy()
    documents["tags"] = pd.Series([[] for _ in range(len(documents))], dtype=object)
    return documents


def _collocation_counts(
    partition: pd.DataFrame, fields: list[str], words: list[str], lowercase: bool, window: int
) -> tuple[int, Counter[str], Counter[tuple[str, str]]]:
    """The partition's word counts, and the counts of the pairs that hold the term."""
    from nltk.collocations import BigramCollocationFinder

    joined = " ".join(words)
    word_counts: Counter[str] = Counter()
    pair_counts: Counter[tuple[str, str]] = Counter()
    for field in fields:
        stream = _token_stream(partition[field].tolist(), words, lowercase, window)
        finder = BigramCollocationFinder.from_words(stream, window_size=window + 1)
        word_counts.update(dict(finder.word_fd))
        pair_counts.update(
            {pair: count for pair, count in finder.ngram_fd.items() if joined in pair}
        )
    return len(partition), word_counts, pair_counts
