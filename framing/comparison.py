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

from framing._checks import check_choice, check_whole
from framing._engines import dask_implementation
from framing._term_counts import (
    _count_lexicon,
    _count_ngrams,
    _Counted,
    _has_stop_word_edge,
    _min_documents,
)
from framing._tokens import stop_word_set
from framing.corpus.schema import validate_corpus
from framing.provenance import stamp
from framing.stats._inputs import _VARIANCES
from framing.stats.distinctive import (
    _keyness_arrays,
    _log_odds_arrays,
    _prior,
    benjamini_hochberg,
)
from framing.tables import COMPARISON_COLUMNS

# -- groups of a corpus ------------------------------------------------------------------
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
    min_df: int | float = 1,
    stop_words: str | list[str] | None = None,
    lowercase: bool = True,
    prior: float | pd.Series | str = "pooled",
    prior_scale: float = 0.01,
    variance: str = "full",
    progress: bool | None = None,
) -> pd.DataFrame:
    """Terms that set each group apart from the rest: log-odds, z, G² and adjusted p.

    Counts the n-grams (or a lexicon's terms) of each group of documents and compares
    every target group with its reference, in one call.

    Parameters
    ----------
    corpus : pandas.DataFrame
        The corpus (see :mod:`framing.corpus.schema`).
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
    min_df : int or float, default 1
        Report only terms found in at least this many documents (a float in (0, 1]: this
        share of the documents): a name repeated in one long article is not a group's
        vocabulary.
    stop_words : None, "english" or list of str, default None
        Leave out the terms that begin or end with one of these words (compared in
        lowercase): "the", "of the" and "the war" go, "war in kyiv" stays.
        ``"english"`` is scikit-learn's list of 318 English function words (shipped with
        it, nothing downloaded). Like ``min_count``, this only selects the reported rows:
        totals and the prior still count every n-gram, so a kept term's statistics are
        the same with or without stop words. Use it when the question is about content
        ("which words are most distinctive"); leave it out when style is the question
        (function words do differ between outlets).
    lowercase : bool, default True
        Lowercase before counting n-grams (so "Kyiv" and "KYIV" are one term).
    progress : bool, optional
        Show a progress bar while the documents are counted: True always, False never,
        None (default) when counting takes more than three seconds.
    prior, prior_scale, variance
        As in :func:`log_odds`. The default ``"pooled"`` prior is proportional to the
        counts of the whole corpus (all groups), whatever the reference: MCQ's informative
        prior. To pool over a target and a named reference only (as scattertext does),
        pass the corpus restricted to their documents; counting fewer documents is also
        faster (benchmarks/RESULTS.md). A tiny uniform prior (``prior=0.01``) buries the
        terms one side never uses (a term one outlet uses 107 times and the other never
        gets z = 0.97, because its variance holds 1/0.01); the pooled prior gives it
        z = 5.45. A lexicon term the corpus never uses has no pooled frequency: its
        log_odds, se and z are NaN.

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

    N-grams are counted as integer codes (each n-gram of order k is coded from its
    (k-1)-gram and its last token), and the statistics are computed only for the terms
    that pass ``min_count``, ``min_df`` and ``stop_words``; the p-value of G² is
    ``erfc(sqrt(G²/2))``, the chi-squared tail with one degree of freedom. The results
    are those of scikit-learn's ``CountVectorizer(tokenizer=tokenize, lowercase=True)``
    counts, in a fraction of the time (``benchmarks/RESULTS.md``).

    References
    ----------
    Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery rate: a practical
    and powerful approach to multiple testing. *Journal of the Royal Statistical Society B*,
    57(1), 289-300.

    Examples
    --------
    >>> import pandas as pd
    >>> import framing
    >>> corpus = framing.as_corpus(pd.DataFrame({
    ...     "doc_id": ["a", "b", "c", "d"], "outlet": ["RT", "RT", "Reuters", "Reuters"],
    ...     "published": "2022-03-01", "title": ["Kiev regime", "Kiev regime shells",
    ...     "Kyiv says", "Kyiv says Russia shells"], "text": ""}))
    >>> table = compare_groups(corpus, ngram_range=(1, 1), min_count=2)
    >>> table[table["group"] == "RT"][["term", "count", "other_count"]].to_dict("list")
    {'term': ['kiev', 'regime', 'shells', 'kyiv', 'says'], 'count': [2, 2, 1, 0, 0], \
'other_count': [0, 0, 1, 2, 2]}
    """
    distributed = dask_implementation("compare_groups", corpus)
    if distributed is not None:
        return distributed(
            corpus,
            by=by,
            target=target,
            reference=reference,
            terms=terms,
            fields=fields,
            ngram_range=ngram_range,
            min_count=min_count,
            min_df=min_df,
            stop_words=stop_words,
            lowercase=lowercase,
            prior=prior,
            prior_scale=prior_scale,
            variance=variance,
            progress=progress,
        )
    function = "compare_groups"
    lexicon = _check_parameters(corpus, by, fields, variance, min_count, terms, function)
    least_documents = _min_documents(min_df, len(corpus), function=function)
    excluded = stop_word_set(stop_words, function=function)
    labels = _group_labels(corpus, by, function=function)
    groups = sorted(labels.unique())
    targets, reference_group = _targets(groups, target, reference, function=function)
    group_codes = pd.Index(groups).get_indexer(labels)

    if lexicon is None:
        counted = _count_ngrams(
            corpus, fields, ngram_range, lowercase, group_codes, len(groups), min_count, progress
        )
    else:
        counted = _count_lexicon(corpus, lexicon, fields, group_codes, len(groups))
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
    return stamp(table, function=function, corpus=corpus, lexicon=lexicon, parameters=parameters)


def _check_parameters(
    corpus: pd.DataFrame,
    by: str,
    fields: Any,
    variance: Any,
    min_count: Any,
    terms: Any,
    function: str,
) -> Any:
    """compare_groups' checks that need no counting; returns the lexicon (or None)."""
    _validate_inputs(corpus, by, fields, function=function)
    check_choice(variance, _VARIANCES, parameter="variance", function=function)
    check_whole(min_count, parameter="min_count", function=function, minimum=0)
    if isinstance(terms, str) and terms == "ngrams":
        return None
    if hasattr(terms, "concepts") and hasattr(terms, "entries"):
        return terms
    raise ValueError(
        f"The 'terms' parameter of {function} must be 'ngrams' or a framing.Lexicon. "
        f"Got {terms!r} instead."
    )


def _recorded_parameters(
    by: str,
    targets: list[str],
    reference: str,
    lexicon: Any,
    fields: Any,
    ngram_range: Any,
    min_count: int,
    min_df: Any,
    stop_words: Any,
    excluded: frozenset[str],
    lowercase: bool,
    prior: Any,
    prior_scale: Any,
    variance: str,
) -> dict[str, Any]:
    """The parameters compare_groups records in its table's provenance."""
    return {
        "by": by,
        "target": targets,
        "reference": reference,
        "terms": "ngrams" if lexicon is None else "lexicon",
        "fields": list(fields),
        "ngram_range": list(ngram_range),
        "min_count": int(min_count),
        "min_df": min_df,
        "stop_words": stop_words
        if stop_words is None or isinstance(stop_words, str)
        else sorted(excluded),
        "lowercase": lowercase,
        "prior": prior if isinstance(prior, (str, Real)) else "per-term Series",
        "prior_scale": prior_scale,
        "variance": variance,
    }


def _validate_inputs(corpus: pd.DataFrame, by: str, fields: Any, *, function: str) -> None:
    """Check the corpus, the grouping column and the fields at the front door."""
    validate_corpus(corpus)
    if not isinstance(by, str) or by not in corpus.columns:
        raise ValueError(
            f"The 'by' parameter of {function} must name a corpus column. Got {by!r} instead; "
            f"the corpus has {list(corpus.columns)}."
        )
    from framing._scoring_inputs import _check_text_fields

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


def _compare_counted(
    counted: _Counted,
    groups: list[str],
    targets: list[str],
    reference_group: str | None,
    *,
    least_documents: int,
    excluded: frozenset[str],
    min_count: int,
    prior: Any,
    prior_scale: Any,
    variance: str,
    fields: Any,
    lexicon: Any,
    function: str,
) -> pd.DataFrame:
    """The comparison table from the counts: one block of rows per target group, sorted.

    The counting is the only part that depends on where the corpus is (pandas here, the
    partitions of a dask corpus in ``framing.distributed.comparison``); from the counts
    on, both paths run this, so their tables are the same numbers.
    """
    vocabulary, group_counts = counted.vocabulary, counted.group_counts
    group_totals = counted.group_totals
    all_counts = group_counts.sum(axis=0)
    all_total = float(group_totals.sum())
    reportable = np.ones(len(vocabulary), dtype=bool)
    if least_documents > 1:  # 1 (the default) keeps even lexicon terms never found
        reportable &= counted.document_frequency >= least_documents
    if excluded:
        reportable &= ~_has_stop_word_edge(vocabulary, excluded)
    alpha_0 = _prior_total(prior, prior_scale, counted, function=function)

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
                f"{'tokens' if lexicon is not None else 'n-grams'} in the fields "
                f"{list(fields)}."
            )
        pieces.append(
            _compare_two(
                vocabulary,
                y_a,
                y_b,
                n_a,
                n_b,
                name,
                reportable & ((y_a + y_b) >= min_count),
                (prior, prior_scale, all_counts, alpha_0),
                variance,
            )
        )
    table = pd.concat(pieces, ignore_index=True) if pieces else _empty_comparison()
    table = table.sort_values(
        ["group", "z", "term"], ascending=[True, False, True], kind="stable"
    ).reset_index(drop=True)
    return table


def _prior_total(prior: Any, prior_scale: Any, counted: _Counted, *, function: str) -> float:
    """a_0, the pseudo-counts summed over the whole vocabulary (reported or not), as
    :func:`framing.log_odds` sums them over every term it is given. Bad values give NaN
    here; ``_prior`` refuses them with a clear message when the terms are known."""
    if isinstance(prior, str):
        if prior != "pooled" or isinstance(prior_scale, bool) or not isinstance(prior_scale, Real):
            return float("nan")
        return float(prior_scale) * counted.pooled_total
    if isinstance(prior, pd.Series):
        terms = pd.Index(counted.whole())
        return float(_prior(prior, prior_scale, terms, np.ones(len(terms))).sum())
    if isinstance(prior, bool) or not isinstance(prior, Real):
        return float("nan")
    return float(prior) * counted.vocabulary_size


def _compare_two(
    vocabulary: np.ndarray,
    y_a: np.ndarray,
    y_b: np.ndarray,
    n_a: float,
    n_b: float,
    group: str,
    keep: np.ndarray,
    prior: tuple[Any, Any, np.ndarray, float],
    variance: str,
) -> pd.DataFrame:
    """The comparison rows of one target group against its reference, for the terms
    ``keep`` selects (the statistics of the others are never computed).

    ``prior`` is (prior, prior_scale, pooled counts of the whole corpus, a_0 over the
    whole vocabulary): a pooled prior takes the whole corpus as its background, whatever
    the reference.
    """
    prior_value, prior_scale, pooled, alpha_0 = prior
    rows = np.flatnonzero(keep)
    y_a, y_b, terms, pooled = y_a[rows], y_b[rows], vocabulary[rows], pooled[rows]
    # A pooled prior has nothing to say about a term the corpus never uses (a lexicon
    # term with no hits): its log-odds is undefined (NaN), the other terms are unaffected.
    seen = pooled > 0 if isinstance(prior_value, str) else np.ones(len(rows), dtype=bool)
    delta = np.full(len(rows), np.nan)
    var = np.full(len(rows), np.nan)
    if seen.any():
        alpha = _prior(prior_value, prior_scale, pd.Index(terms[seen]), pooled[seen])
        delta[seen], var[seen] = _log_odds_arrays(
            y_a[seen], y_b[seen], n_a, n_b, alpha, variance, alpha_0=alpha_0
        )
    g2, p = _keyness_arrays(y_a, y_b, n_a, n_b, "g2", "none")
    se = np.sqrt(var)
    table = pd.DataFrame(
        {
            "term": pd.array(terms, dtype="string"),
            "group": pd.array([group] * len(rows), dtype="string"),
            "count": y_a.astype(np.int64),
            "other_count": y_b.astype(np.int64),
            "log_odds": delta,
            "se": se,
            "z": delta / se,
            "g2": g2,
            "p": p,
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
