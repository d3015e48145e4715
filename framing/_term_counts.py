"""What ``compare_groups`` counts: every n-gram (or lexicon term) per group of a corpus,
as integer codes, with the groups' totals and each term's document frequency.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse

from framing._checks import fail
from framing._tokens import count_tokens, tokenize


class _Counted(NamedTuple):
    """Counts for compare_groups: the candidate terms, their counts per group, the
    groups' totals, the documents each term is in, and what the prior needs of the whole
    vocabulary."""

    vocabulary: np.ndarray  # terms (str), those that may be reported
    group_counts: np.ndarray  # groups x terms
    group_totals: np.ndarray  # n of each group
    document_frequency: np.ndarray  # documents with the term
    vocabulary_size: int  # every term counted, reported or not
    pooled_total: float  # every term's count summed: the pooled prior's a_0 / prior_scale
    whole: Any  # callable: the whole vocabulary, as strings (for a per-term prior Series)


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
    return int(ngram_range[0]), int(ngram_range[1])


def _min_documents(min_df: Any, documents: int, *, function: str) -> int:
    """The fewest documents a reported term must be in (``min_df`` as a count)."""
    if isinstance(min_df, bool) or not isinstance(min_df, (int, np.integer, float)):
        valid = False
    elif isinstance(min_df, float):
        valid = 0.0 < min_df <= 1.0
    else:
        valid = min_df >= 1
    if not valid:
        raise fail(
            "min_df",
            function,
            "a whole number >= 1 (documents) or a fraction in (0, 1] (of the documents)",
            min_df,
        )
    if isinstance(min_df, float):
        return max(1, int(np.ceil(min_df * documents - 1e-9)))
    return int(min_df)


def _tokens_of(texts: list[Any], lowercase: bool) -> list[str]:
    tokens: list[str] = []
    for text in texts:
        if text is None or text is pd.NA or (isinstance(text, float) and text != text):
            continue
        text = str(text)
        tokens.extend(tokenize(text.lower() if lowercase else text))
    return tokens


def _count_ngrams(
    corpus: pd.DataFrame,
    fields: Any,
    ngram_range: Any,
    lowercase: bool,
    group_codes: np.ndarray,
    n_groups: int,
    min_count: int,
    progress: bool | None,
    *,
    empty_ok: bool = False,
) -> _Counted | None:
    """Count every n-gram of the corpus per group, as integer codes.

    Each field of each document is a segment; an n-gram never crosses one. Tokens are
    coded by ``pandas.factorize``; an n-gram of order k gets the code of the pair (code
    of its first k - 1 tokens, code of its last token), so every order costs one
    factorize of integers. Strings are made only for the terms seen at least
    ``min_count`` times in the whole corpus (no other term can be reported).
    """
    low, high = _check_ngram_range(ngram_range)
    fields = [fields] if isinstance(fields, str) else list(fields)
    n = len(corpus)
    all_tokens: list[str] = []
    segment_lengths = np.zeros(n * len(fields), dtype=np.int64)
    bar = _progress_bar(n * len(fields), progress)
    try:
        for number, field in enumerate(fields):
            for row, text in enumerate(corpus[field].tolist()):
                tokens = _tokens_of([text], lowercase)
                all_tokens.extend(tokens)
                segment_lengths[number * n + row] = len(tokens)
                bar.update(1)
    finally:
        bar.close()
    if not all_tokens:
        if empty_ok:  # a partition of a dask corpus may hold no text
            return None
        raise ValueError(
            f"compare_groups found no tokens in the fields {fields}; nothing to compare."
        )
    codes, words = pd.factorize(np.asarray(all_tokens, dtype=object), sort=False)
    codes = codes.astype(np.int64)
    words = np.asarray(words, dtype=object)
    segments = np.repeat(np.arange(len(segment_lengths)), segment_lengths)
    documents = segments % n
    token_groups = group_codes[documents]

    vocabulary_parts, count_parts, df_parts, firsts = [], [], [], []
    totals = np.zeros(n_groups, dtype=np.float64)
    vocabulary_size = 0
    current = codes  # the code of the n-gram of the current order at each start
    for order in range(1, high + 1):
        if order == 1:
            starts = np.arange(len(codes))
            distinct = len(words)
        else:
            starts = np.flatnonzero(segments[: 1 - order] == segments[order - 1 :])
            pair = current[starts] * np.int64(len(words)) + codes[starts + order - 1]
            ids, _ = pd.factorize(pair, sort=False)
            current = np.full(len(codes), -1, dtype=np.int64)
            current[starts] = ids
            distinct = int(ids.max()) + 1 if len(ids) else 0
        if order < low:
            continue
        valid = current[starts]
        groups_here = token_groups[starts]
        totals += np.bincount(groups_here, minlength=n_groups)
        vocabulary_size += distinct
        _, first_index = np.unique(valid, return_index=True)
        first = starts[first_index]  # where each n-gram is first seen
        keep = np.flatnonzero(np.bincount(valid, minlength=distinct) >= max(min_count, 1))
        slot = np.full(distinct, -1, dtype=np.int64)
        slot[keep] = np.arange(len(keep))
        kept = slot[valid]
        mask = kept >= 0
        width = len(keep)
        counts = np.bincount(
            groups_here[mask] * width + kept[mask], minlength=n_groups * width
        ).reshape(n_groups, width)
        pairs = np.unique(documents[starts][mask] * np.int64(max(width, 1)) + kept[mask])
        df_parts.append(np.bincount(pairs % max(width, 1), minlength=width)[:width])
        vocabulary_parts.append(_ngram_strings(words, codes, first[keep], order))
        count_parts.append(counts.astype(np.float64))
        firsts.append((first, order))

    def whole() -> np.ndarray:
        return np.concatenate([_ngram_strings(words, codes, f, order) for f, order in firsts])

    return _Counted(
        vocabulary=np.concatenate(vocabulary_parts),
        group_counts=np.concatenate(count_parts, axis=1),
        group_totals=totals,
        document_frequency=np.concatenate(df_parts),
        vocabulary_size=vocabulary_size,
        pooled_total=float(totals.sum()),
        whole=whole,
    )


def _progress_bar(total: int, progress: bool | None) -> Any:
    from tqdm import tqdm

    # None: the bar appears only once counting has taken three seconds.
    return tqdm(
        total=total,
        unit="text",
        desc="compare_groups: counting",
        disable=progress is False,
        delay=0 if progress else 3.0,
    )


def _ngram_strings(words: np.ndarray, codes: np.ndarray, first: np.ndarray, order: int):
    """The n-grams of ``order`` tokens starting at the positions ``first``, as strings."""
    if order == 1:
        return words[codes[first]].astype(object) if len(first) else np.array([], object)
    parts = [words[codes[first + offset]] for offset in range(order)]
    return np.array([" ".join(tokens) for tokens in zip(*parts, strict=True)], dtype=object)


def _count_lexicon(
    corpus: pd.DataFrame, lexicon: Any, fields: Any, group_codes: np.ndarray, n_groups: int
) -> _Counted:
    """Hits of every lexicon term per group (zeros included), with token totals."""
    from framing.matching import match  # lazily: match depends on the lexicon machinery

    fields = [fields] if isinstance(fields, str) else list(fields)
    hits = match(corpus, lexicon, fields=fields, classify_voice=False)
    vocabulary = np.asarray(
        list(dict.fromkeys(term.pattern for _, _, term in lexicon.entries())), dtype=object
    )
    rows = pd.Index(corpus["doc_id"].astype(str)).get_indexer(hits["doc_id"].astype(str))
    columns = pd.Index(vocabulary).get_indexer(hits["term"].astype(str))
    matrix = sparse.csr_matrix(
        (np.ones(len(hits), dtype=np.int64), (rows, columns)),
        shape=(len(corpus), len(vocabulary)),
    )
    matrix.sum_duplicates()
    membership = sparse.csr_matrix(
        (np.ones(len(corpus)), (group_codes, np.arange(len(corpus)))),
        shape=(n_groups, len(corpus)),
    )
    tokens = np.zeros(len(corpus), dtype=np.int64)
    for field in fields:
        tokens += count_tokens(corpus[field].tolist())
    return _Counted(
        vocabulary=vocabulary,
        group_counts=np.asarray((membership @ matrix).todense(), dtype=np.float64),
        group_totals=np.asarray(membership @ tokens, dtype=np.float64).ravel(),
        document_frequency=np.asarray((matrix > 0).sum(axis=0)).ravel(),
        vocabulary_size=len(vocabulary),
        pooled_total=float(matrix.sum()),
        whole=lambda: vocabulary,
    )


def _has_stop_word_edge(vocabulary: np.ndarray, stop_words: frozenset[str]) -> np.ndarray:
    """True for the terms whose first or last word is a stop word (in lowercase)."""
    edges = [
        (words[0], words[-1]) if words else ("", "")
        for words in (str(term).lower().split(" ") for term in vocabulary)
    ]
    return np.array(
        [first in stop_words or last in stop_words for first, last in edges], dtype=bool
    )
