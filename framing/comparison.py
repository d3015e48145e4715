"""Compare groups of a corpus: the terms most distinctive of each group.

:func:`compare_groups` counts n-grams (or lexicon terms) per group of a corpus and
compares each group with the rest (or a named reference group) in one tidy table, with
the statistics of :mod:`framing.stats` (log-odds with an informative Dirichlet prior,
signed G², Benjamini-Hochberg adjusted p-values). Formulas and worked examples are in
``docs/statistics.md``.
"""

from __future__ import annotations

from numbers import Real
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from framing._tokens import count_tokens, tokenize
from framing.corpus.schema import validate_corpus
from framing.provenance import stamp
from framing.stats import (
    _VARIANCES,
    _check_choice,
    _keyness_arrays,
    _log_odds_arrays,
    _prior,
    benjamini_hochberg,
)

# -- groups of a corpus ------------------------------------------------------------------
#: Columns of the table :func:`compare_groups` returns, in order.
COMPARISON_COLUMNS: tuple[str, ...] = (
    "term",
    "group",
    "count",
    "other_count",
    "log_odds",
    "se",
    "z",
    "g2",
    "p",
    "p_adjusted",
)
_FIELDS = ("title", "text")


def compare_groups(
    corpus: pd.DataFrame,
    *,
    by: str = "outlet",
    target: str | list[str] | None = None,
    reference: str = "rest",
    terms: Any = "ngrams",
    fields: tuple[str, ...] | list[str] = _FIELDS,
    ngram_range: tuple[int, int] = (1, 3),
    min_count: int = 5,
    lowercase: bool = True,
    prior: float | pd.Series | str = "pooled",
    prior_scale: float = 0.01,
    variance: str = "full",
) -> pd.DataFrame:
    """Terms that set each group apart from the rest: log-odds, z, G² and adjusted p.

    Counts the n-grams (or a lexicon's terms) of each group of documents and compares
    every target group with its reference, in one call.

    Parameters
    ----------
    corpus : pandas.DataFrame or dask.dataframe.DataFrame
        The corpus (see :mod:`framing.corpus.schema`). A dask corpus has its n-grams
        counted per partition and merged exactly; the table is the same
        (``framing.distributed.comparison``).
    by : str, default "outlet"
        The corpus column whose values are the groups. Every document needs a value.
    target : str or list of str, optional
        The group(s) to describe. Default: every group (but the reference, if named).
    reference : str, default "rest"
        ``"rest"`` compares each target with all other documents; a group name compares
        each target with that group only.
    terms : "ngrams" or framing.Lexicon, default "ngrams"
        ``"ngrams"`` counts the word n-grams of the shared tokenizer (scikit-learn's
        ``CountVectorizer``); a lexicon counts its terms' hits (:func:`framing.match`),
        one row per lexicon term, with the groups' token counts as totals.
    fields : list of str, default ("title", "text")
        The corpus text columns to count in ("description" too, where a source has
        sub-headings). N-grams never span two fields.
    ngram_range : (int, int), default (1, 3)
        Shortest and longest n-grams, in tokens.
    min_count : int, default 5
        Report only terms seen at least this often in target and reference together.
        The statistics themselves use every term (totals and the prior do not depend
        on ``min_count``); the Benjamini-Hochberg adjustment runs over the reported rows.
    lowercase : bool, default True
        Lowercase before counting n-grams (so "Kyiv" and "KYIV" are one term).
    prior, prior_scale, variance
        As in :func:`log_odds`. The default ``"pooled"`` prior is proportional to the
        counts of the whole corpus (all groups), whatever the reference: MCQ's informative
        prior. A tiny uniform prior (``prior=0.01``) buries the terms one side never uses
        (on RUWA, "Kiev": 107 times in RT, never in Reuters, z = 0.97, because its
        variance holds 1/0.01); the pooled prior gives it z = 5.45. A lexicon term the
        corpus never uses has no pooled frequency: its log_odds, se and z are NaN.

    Returns
    -------
    pandas.DataFrame
        One row per term x target group: ``term, group, count`` (in the group),
        ``other_count`` (in the reference), ``log_odds, se, z`` (:func:`log_odds`),
        ``g2`` (signed, :func:`keyness`), ``p`` (of G², chi-squared with one degree of
        freedom) and ``p_adjusted`` (Benjamini-Hochberg within the group). Sorted by
        group, then z from high to low, then term. Provenance in ``attrs["framing"]``.

    See Also
    --------
    log_odds, keyness : the statistics, on counts you already have.
    suggest_terms : distinctive n-grams a lexicon does not have yet.

    Notes
    -----
    For n-grams the vocabulary holds every n-gram of the corpus (all orders together), a
    group's total ``n`` is its number of n-grams, and a uniform prior gives each of them
    the same pseudo-count. For a lexicon the totals are the groups' numbers of tokens.

    References
    ----------
    Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery rate: a practical
    and powerful approach to multiple testing. *Journal of the Royal Statistical Society B*,
    57(1), 289-300.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.corpus.schema import conform
    >>> corpus = conform(pd.DataFrame({
    ...     "doc_id": ["a", "b", "c", "d"], "outlet": ["RT", "RT", "Reuters", "Reuters"],
    ...     "published": "2022-03-01", "title": ["Kiev regime", "Kiev regime shells",
    ...     "Kyiv says", "Kyiv says Russia shells"], "text": ""}))
    >>> table = compare_groups(corpus, ngram_range=(1, 1), min_count=2)
    >>> table[table["group"] == "RT"][["term", "count", "other_count"]].to_dict("list")
    {'term': ['kiev', 'regime', 'shells', 'kyiv', 'says'], 'count': [2, 2, 1, 0, 0], \
'other_count': [0, 0, 1, 2, 2]}
    """
    from framing.distributed import is_dask

    if is_dask(corpus):
        from framing.distributed import comparison as distributed

        return distributed.compare_groups(
            corpus, by=by, target=target, reference=reference, terms=terms, fields=fields,
            ngram_range=ngram_range, min_count=min_count, lowercase=lowercase, prior=prior,
            prior_scale=prior_scale, variance=variance,
        )  # fmt: skip
    function = "compare_groups"
    _validate_inputs(corpus, by, fields, function=function)
    _check_choice(variance, _VARIANCES, parameter="variance", function=function)
    if isinstance(min_count, bool) or not isinstance(min_count, (int, np.integer)) or min_count < 0:
        raise ValueError(
            f"The 'min_count' parameter of {function} must be a whole number of 0 or more. "
            f"Got {min_count!r} instead."
        )
    labels = _group_labels(corpus, by, function=function)
    groups = sorted(labels.unique())
    targets, reference_group = _targets(groups, target, reference, function=function)

    lexicon = None
    if isinstance(terms, str) and terms == "ngrams":
        vocabulary, matrix = _ngram_matrix(corpus, fields, ngram_range, lowercase)
        totals = None
    elif hasattr(terms, "concepts") and hasattr(terms, "entries"):
        lexicon = terms
        vocabulary, matrix = _lexicon_matrix(corpus, lexicon, fields)
        tokens = np.zeros(len(corpus), dtype=np.int64)
        for field in fields:
            tokens += count_tokens(corpus[field].tolist())
        totals = tokens
    else:
        raise ValueError(
            f"The 'terms' parameter of {function} must be 'ngrams' or a framing.Lexicon. "
            f"Got {terms!r} instead."
        )

    group_codes = pd.Index(groups).get_indexer(labels)
    membership = sparse.csr_matrix(
        (np.ones(len(corpus)), (group_codes, np.arange(len(corpus)))),
        shape=(len(groups), len(corpus)),
    )
    group_counts = np.asarray((membership @ matrix).todense(), dtype=np.float64)
    if totals is None:
        group_totals = group_counts.sum(axis=1)
    else:
        group_totals = np.asarray(membership @ totals, dtype=np.float64).ravel()
    table = _compare_counts(
        vocabulary,
        group_counts,
        group_totals,
        groups,
        targets,
        reference_group,
        tokens_are_totals=totals is not None,
        fields=fields,
        min_count=min_count,
        prior=(prior, prior_scale),
        variance=variance,
        function=function,
    )
    parameters = {
        "by": by,
        "target": targets,
        "reference": reference,
        "terms": "ngrams" if lexicon is None else "lexicon",
        "fields": list(fields),
        "ngram_range": list(ngram_range),
        "min_count": int(min_count),
        "lowercase": lowercase,
        "prior": prior if isinstance(prior, (str, Real)) else "per-term Series",
        "prior_scale": prior_scale,
        "variance": variance,
    }
    return stamp(table, function=function, corpus=corpus, lexicon=lexicon, parameters=parameters)


def _compare_counts(
    vocabulary: np.ndarray,
    group_counts: np.ndarray,
    group_totals: np.ndarray,
    groups: list[str],
    targets: list[str],
    reference_group: str | None,
    *,
    tokens_are_totals: bool,
    fields: Any,
    min_count: int,
    prior: tuple[Any, Any],
    variance: str,
    function: str,
) -> pd.DataFrame:
    """The comparison table from each group's counts of every term (groups x terms).

    ``group_totals`` are the groups' n-grams, or their tokens (``tokens_are_totals``)
    when the terms are a lexicon's. :func:`compare_groups` sums a documents x terms
    matrix per group and calls this; ``framing.distributed.comparison`` merges the
    counts of a dask corpus's partitions and calls it too.
    """
    prior, prior_scale = prior
    all_counts = group_counts.sum(axis=0)
    all_total = float(group_totals.sum())

    pieces = []
    for name in targets:
        index = groups.index(name)
        y_a, n_a = group_counts[index], float(group_totals[index])
        if reference_group is None:
            y_b, n_b = all_counts - y_a, all_total - n_a
        else:
            other = groups.index(reference_group)
            y_b, n_b = group_counts[other], float(group_totals[other])
        if n_a <= 0 or n_b <= 0:
            raise ValueError(
                f"{function} cannot compare group {name!r}: it or its reference has no "
                f"{'tokens' if tokens_are_totals else 'n-grams'} in the fields {list(fields)}."
            )
        pieces.append(
            _compare_two(
                vocabulary,
                y_a,
                y_b,
                n_a,
                n_b,
                name,
                min_count,
                (prior, prior_scale, all_counts),
                variance,
            )
        )
    table = pd.concat(pieces, ignore_index=True) if pieces else _empty_comparison()
    table = table.sort_values(
        ["group", "z", "term"], ascending=[True, False, True], kind="stable"
    ).reset_index(drop=True)
    return table


def _validate_inputs(corpus: pd.DataFrame, by: str, fields: Any, *, function: str) -> None:
    """Check the corpus, the grouping column and the fields at the front door."""
    validate_corpus(corpus)
    if not isinstance(by, str) or by not in corpus.columns:
        raise ValueError(
            f"The 'by' parameter of {function} must name a corpus column. Got {by!r} instead; "
            f"the corpus has {list(corpus.columns)}."
        )
    from framing.scoring import _check_text_fields

    _check_text_fields(
        (fields,) if isinstance(fields, str) else tuple(fields), corpus, function=function
    )


def _group_labels(corpus: pd.DataFrame, by: str, *, function: str) -> pd.Series:
    labels = corpus[by]
    missing = labels.isna()
    if missing.any():
        first = corpus.loc[missing, "doc_id"].iloc[0]
        raise ValueError(
            f"{function} needs a value of {by!r} for every document; {int(missing.sum())} "
            f"have none (the first: doc_id {first!r}). Filter them out or fill them in."
        )
    return labels.astype(str)


def _targets(
    groups: list[str], target: Any, reference: Any, *, function: str
) -> tuple[list[str], str | None]:
    if not isinstance(reference, str):
        raise ValueError(
            f"The 'reference' parameter of {function} must be 'rest' or a group name. "
            f"Got {reference!r} instead."
        )
    reference_group = None if reference == "rest" else reference
    if reference_group is not None and reference_group not in groups:
        raise ValueError(
            f"The 'reference' parameter of {function} names {reference!r}, which is not a "
            f"group. Groups: {groups}."
        )
    if target is None:
        targets = [group for group in groups if group != reference_group]
    else:
        targets = [target] if isinstance(target, str) else list(target)
        unknown = [name for name in targets if name not in groups]
        if unknown:
            raise ValueError(
                f"The 'target' parameter of {function} names {unknown}, which are not groups. "
                f"Groups: {groups}."
            )
        if reference_group in targets:
            raise ValueError(
                f"{function} cannot compare the group {reference_group!r} with itself."
            )
    if len(groups) < 2:
        raise ValueError(
            f"{function} needs at least two groups to compare; the corpus has {groups}."
        )
    return targets, reference_group


def _ngram_matrix(
    corpus: pd.DataFrame, fields: Any, ngram_range: Any, lowercase: bool
) -> tuple[np.ndarray, sparse.csr_matrix]:
    """Documents x n-grams counts, each field counted on its own and then summed."""
    from sklearn.feature_extraction.text import CountVectorizer

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
    fields = [fields] if isinstance(fields, str) else list(fields)
    texts = [
        "" if pd.isna(text) else str(text) for field in fields for text in corpus[field].tolist()
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
    except ValueError:  # empty vocabulary: no tokens anywhere
        raise ValueError(
            f"compare_groups found no tokens in the fields {fields}; nothing to compare."
        ) from None
    n = len(corpus)
    matrix = stacked[:n]
    for part in range(1, len(fields)):
        matrix = matrix + stacked[part * n : (part + 1) * n]
    return vectorizer.get_feature_names_out(), matrix.tocsr()


def _lexicon_matrix(
    corpus: pd.DataFrame, lexicon: Any, fields: Any
) -> tuple[np.ndarray, sparse.csr_matrix]:
    """Documents x lexicon terms hit counts (every term of the lexicon, zeros included)."""
    from framing.matching import match  # lazily: match depends on the lexicon machinery

    fields = [fields] if isinstance(fields, str) else list(fields)
    hits = match(corpus, lexicon, fields=fields, voice=False)
    vocabulary = np.asarray(list(dict.fromkeys(term.pattern for _, _, term in lexicon.entries())))
    rows = pd.Index(corpus["doc_id"].astype(str)).get_indexer(hits["doc_id"].astype(str))
    columns = pd.Index(vocabulary).get_indexer(hits["term"].astype(str))
    matrix = sparse.csr_matrix(
        (np.ones(len(hits), dtype=np.int64), (rows, columns)),
        shape=(len(corpus), len(vocabulary)),
    )
    matrix.sum_duplicates()
    return vocabulary, matrix


def _compare_two(
    vocabulary: np.ndarray,
    y_a: np.ndarray,
    y_b: np.ndarray,
    n_a: float,
    n_b: float,
    group: str,
    min_count: int,
    prior: tuple[Any, Any, np.ndarray],
    variance: str,
) -> pd.DataFrame:
    """The comparison rows of one target group against its reference.

    ``prior`` is (prior, prior_scale, pooled counts of the whole corpus): a pooled prior
    takes the whole corpus as its background, whatever the reference.
    """
    prior_value, prior_scale, pooled = prior
    # A pooled prior has nothing to say about a term the corpus never uses (a lexicon
    # term with no hits): its log-odds is undefined (NaN), the other terms are unaffected.
    seen = pooled > 0 if isinstance(prior_value, str) else np.ones(len(vocabulary), dtype=bool)
    delta = np.full(len(vocabulary), np.nan)
    var = np.full(len(vocabulary), np.nan)
    if seen.any():
        alpha = _prior(prior_value, prior_scale, pd.Index(vocabulary[seen]), pooled[seen])
        delta[seen], var[seen] = _log_odds_arrays(y_a[seen], y_b[seen], n_a, n_b, alpha, variance)
    g2, p = _keyness_arrays(y_a, y_b, n_a, n_b, "g2", "none")
    keep = (y_a + y_b) >= min_count
    se = np.sqrt(var[keep])
    table = pd.DataFrame(
        {
            "term": pd.array(vocabulary[keep], dtype="string"),
            "group": pd.array([group] * int(keep.sum()), dtype="string"),
            "count": y_a[keep].astype(np.int64),
            "other_count": y_b[keep].astype(np.int64),
            "log_odds": delta[keep],
            "se": se,
            "z": delta[keep] / se,
            "g2": g2[keep],
            "p": p[keep],
        }
    )
    table["p_adjusted"] = benjamini_hochberg(table["p"].to_numpy())
    return table


def _empty_comparison() -> pd.DataFrame:
    table = pd.DataFrame({column: [] for column in COMPARISON_COLUMNS})
    for column in ("term", "group"):
        table[column] = table[column].astype("string")
    for column in ("count", "other_count"):
        table[column] = table[column].astype(np.int64)
    return table
