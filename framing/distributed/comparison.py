"""``compare_groups``, ``collocations`` and ``suggest_terms`` on a dask corpus.

Each partition counts its own n-grams (or lexicon terms) per group with the pandas
path's counter (``framing._term_counts``: the shared tokenizer, the same n-gram orders,
fields counted apart) and gives back rows (kind, group, term, count): a term's count in a
group, the documents a term is in, a group's total. dask sums them across partitions
(documents never cross partitions, so every sum is exact, with no hashing of the
n-grams) and drops on the cluster the terms seen fewer than ``min_count`` times in the
whole corpus. The client gets only the surviving counts and runs the pandas path's
final step, ``framing.comparison._compare_counted``, so the log-odds, z, G² and adjusted
p are the same numbers. The statistics need every group's count of every reported term
at once (the pooled prior, the "rest" reference, the Benjamini-Hochberg adjustment
within a group), so that final step runs on the client: its memory grows with the
reported vocabulary, not with the corpus.

``collocations`` counts words and the pairs that hold the term per partition (windows
never cross a document, so the counts add up) and builds NLTK's finder from the sums;
``suggest_terms`` is ``compare_groups`` followed by the pandas picking step.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

from framing._checks import check_whole
from framing._engines import register_dask
from framing._tokens import tokenize
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
def compare_groups(
    corpus: Any,
    *,
    by: str = "outlet",
    target: str | list[str] | None = None,
    reference: str = "rest",
    terms: Any = "ngrams",
    fields: tuple[str, ...] | list[str] = ("title", "text"),
    ngram_range: tuple[int, int] = (1, 3),
    min_count: int = 5,
    min_df: int | float = 1,
    stop_words: str | list[str] | None = None,
    lowercase: bool = True,
    prior: Any = "pooled",
    prior_scale: float = 0.01,
    variance: str = "full",
    progress: bool | None = None,
) -> pd.DataFrame:
    """:func:`framing.compare_groups` for a dask corpus; returns the pandas table.

    Each partition counts its n-grams (or lexicon terms) per group with the pandas
    path's counter; the rows (group, term, count), each term's documents and each
    group's total are summed across partitions by dask, the terms seen fewer than
    ``min_count`` times in the whole corpus are dropped on the cluster, and the client
    runs the pandas path's final step (``framing.comparison._compare_counted``) on the
    sums. Its memory grows with the reported vocabulary, not with the corpus.
    """
    import dask

    from framing._term_counts import _check_ngram_range
    from framing.comparison import (
        _check_parameters,
        _compare_counted,
        _min_documents,
        _recorded_parameters,
        _targets,
        stop_word_set,
    )

    function = "compare_groups"
    meta = _meta(corpus, function)
    lexicon = _check_parameters(meta, by, fields, variance, min_count, terms, function)
    if lexicon is None:
        _check_ngram_range(ngram_range)
    fields = [fields] if isinstance(fields, str) else list(fields)
    _min_documents(min_df, 1, function=function)  # its checks, before any computing
    excluded = stop_word_set(stop_words, function=function)
    labels = _labels_of(corpus, by, function)
    documents = int(labels["documents"].sum())
    groups = sorted(labels["label"].dropna().tolist())
    targets, reference_group = _targets(groups, target, reference, function=function)
    least_documents = _min_documents(min_df, documents, function=function)

    rows_meta = pd.DataFrame({k: pd.Series(dtype=v) for k, v in _ROWS_META.items()})
    rows = corpus.map_partitions(
        _count_rows, by, fields, tuple(ngram_range), lowercase, lexicon, meta=rows_meta
    )
    summed = (
        rows.groupby(["kind", "group", "term"], sort=False)["count"]
        .sum(split_out=max(1, corpus.npartitions // 8))
        .reset_index()
    )
    counts = summed[summed["kind"] == "count"]
    term_totals = counts.groupby("term", sort=False)["count"].sum()
    # Only the terms seen min_count times in the whole corpus can be reported (as in the
    # pandas path); the others are dropped on the cluster, and only counted.
    threshold = max(int(min_count), 1) if lexicon is None else 0
    kept = term_totals[term_totals >= threshold].to_frame("total").reset_index()[["term"]]
    whole = term_totals.index.to_series() if isinstance(prior, pd.Series) else None
    kept_counts, documents_rows, totals_rows, vocabulary_size, whole = dask.compute(
        counts.merge(kept, on="term", how="inner"),
        summed[summed["kind"] == "df"].merge(kept, on="term", how="inner"),
        summed[summed["kind"] == "total"],
        term_totals.size,
        whole,
    )
    counted = _counted_from_rows(
        kept_counts, documents_rows, totals_rows, groups, lexicon, int(vocabulary_size), whole
    )
    if lexicon is None and not len(totals_rows):
        raise ValueError(
            f"compare_groups found no tokens in the fields {fields}; nothing to compare."
        )
    table = _compare_counted(
        counted,
        groups,
        targets,
        reference_group,
        least_documents=least_documents,
        excluded=excluded,
        min_count=min_count,
        prior=prior,
        prior_scale=prior_scale,
        variance=variance,
        fields=fields,
        lexicon=lexicon,
        function=function,
    )
    parameters = _recorded_parameters(
        by, targets, reference, lexicon, fields, ngram_range, min_count, min_df, stop_words,
        excluded, lowercase, prior, prior_scale, variance,
    )  # fmt: skip
    stamp(table, function=function, lexicon=lexicon, parameters=parameters)
    table.attrs[ATTRS_KEY]["corpus"] = {"documents": documents}
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
    check_whole(n, parameter="n", function=function, minimum=1)
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


def _labels_of(corpus: Any, by: str, function: str) -> pd.DataFrame:
    """Every group label of the corpus and its documents; refuses a missing label."""
    import dask

    if is_dask(corpus):
        meta = _labels(corpus._meta.iloc[:0], by)
        parts = corpus.map_partitions(_labels, by, meta=meta)
        (frame,) = dask.compute(parts)
    else:
        frame = _labels(corpus, by)
    missing = frame[frame["missing"] > 0]
    if len(missing):
        first = missing["first_missing"].iloc[0]
        raise ValueError(
            f"{function} groups documents by {by!r}, but {int(frame['missing'].sum())} "
            f"document(s) have none (the first: doc_id {first!r}). Fill or drop them first."
        )
    labels = frame.groupby("label", dropna=False, sort=True)["documents"].sum().reset_index()
    return labels


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


_ROWS_META = {"kind": "object", "group": "object", "term": "object", "count": "int64"}


def _count_rows(
    partition: pd.DataFrame,
    by: str,
    fields: list[str],
    ngram_range: tuple[int, int],
    lowercase: bool,
    lexicon: Any,
) -> pd.DataFrame:
    """The partition's counts as rows (kind, group, term, count), with the pandas counter.

    kind ``count``: a term's count in a group; ``df``: the documents a term is in (group
    empty); ``total``: a group's n-grams (tokens with a lexicon; term empty). Documents
    never cross partitions, so every kind sums exactly across them.
    """
    from framing._term_counts import _count_lexicon, _count_ngrams

    empty = pd.DataFrame({k: pd.Series(dtype=v) for k, v in _ROWS_META.items()})
    partition = partition.reset_index(drop=True)
    if not len(partition):
        return empty
    labels = partition[by].astype(str)
    groups = sorted(set(labels.tolist()))
    codes = pd.Index(groups).get_indexer(labels)
    if lexicon is None:
        counted = _count_ngrams(
            partition, fields, ngram_range, lowercase, codes, len(groups), 1, False,
            empty_ok=True,
        )  # fmt: skip
        if counted is None:
            return empty
    else:
        counted = _count_lexicon(_with_tags(partition), lexicon, fields, codes, len(groups))
    group_names = np.asarray(groups, dtype=object)
    row, column = np.nonzero(counted.group_counts)
    parts = [
        pd.DataFrame(
            {
                "kind": "count",
                "group": group_names[row],
                "term": counted.vocabulary[column],
                "count": counted.group_counts[row, column].astype(np.int64),
            }
        ),
        pd.DataFrame(
            {
                "kind": "df",
                "group": "",
                "term": counted.vocabulary,
                "count": counted.document_frequency.astype(np.int64),
            }
        ),
        pd.DataFrame(
            {
                "kind": "total",
                "group": group_names,
                "term": "",
                "count": counted.group_totals.astype(np.int64),
            }
        ),
    ]
    frame = pd.concat(parts, ignore_index=True)
    return frame.astype({"kind": object, "group": object, "term": object, "count": np.int64})


def _counted_from_rows(
    counts: pd.DataFrame,
    documents: pd.DataFrame,
    totals: pd.DataFrame,
    groups: list[str],
    lexicon: Any,
    vocabulary_size: int,
    whole: Any,
) -> Any:
    """The pandas path's ``_Counted`` from the summed rows."""
    from framing._term_counts import _Counted

    if lexicon is not None:  # every term of the lexicon, found or not, in lexicon order
        vocabulary = np.asarray(
            list(dict.fromkeys(term.pattern for _, _, term in lexicon.entries())), dtype=object
        )
        vocabulary_size = len(vocabulary)
    else:  # the order of the vocabulary changes no number of the table
        vocabulary = np.asarray(sorted(counts["term"].unique().tolist()), dtype=object)
    column = pd.Index(vocabulary).get_indexer(counts["term"])
    row = pd.Index(groups).get_indexer(counts["group"])
    matrix = np.zeros((len(groups), len(vocabulary)), dtype=np.float64)
    np.add.at(matrix, (row, column), counts["count"].to_numpy(dtype=np.float64))
    frequency = np.zeros(len(vocabulary), dtype=np.int64)
    np.add.at(
        frequency,
        pd.Index(vocabulary).get_indexer(documents["term"]),
        documents["count"].to_numpy(dtype=np.int64),
    )
    group_totals = np.zeros(len(groups), dtype=np.float64)
    np.add.at(
        group_totals,
        pd.Index(groups).get_indexer(totals["group"]),
        totals["count"].to_numpy(dtype=np.float64),
    )
    pooled = float(matrix.sum()) if lexicon is not None else float(group_totals.sum())
    whole_terms = np.asarray(whole.tolist(), dtype=object) if whole is not None else vocabulary
    return _Counted(
        vocabulary=vocabulary,
        group_counts=matrix,
        group_totals=group_totals,
        document_frequency=frequency,
        vocabulary_size=vocabulary_size,
        pooled_total=pooled,
        whole=lambda: whole_terms,
    )


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
