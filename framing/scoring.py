"""From hits to scores: counts, rates, variant shares with intervals over documents, time bins.

The scores table has one row per group x concept x variant:

===========  ======================  ===================================================
column       dtype                   meaning
===========  ======================  ===================================================
*by*         as in the corpus        the group columns (``outlet`` by default)
period       datetime64[ns, UTC]     start of the week/month/quarter/year (``period=``)
concept      string                  the lexicon's concept
variant      string                  the concept's variant
count        int64                   hits of the variant in the group
docs         int64                   documents of the group with at least one such hit
n_docs       int64                   documents in the group
n_tokens     int64                   tokens in the group (the fields scored; shared tokenizer)
rate         float64                 hits per 10,000 tokens
rate_low     float64                 lower end of the interval of ``rate``
rate_high    float64                 upper end
share        float64                 the variant's share of the concept's hits in the group
share_low    float64                 lower end of the interval of ``share``
share_high   float64                 upper end
concept_count     int64              hits of any variant of the concept in the group
concept_docs      int64              documents of the group with such a hit (a share's
                                     sample size: see ``MIN_DOCS``)
concept_rate      float64            the concept's rate (its variants' hits summed)
concept_rate_low  float64            lower end of the interval of ``concept_rate``
concept_rate_high float64            upper end
===========  ======================  ===================================================

Every group of the corpus appears with every concept/variant of the lexicon, with zeros
where nothing was found; ``share`` is NaN where the concept has no hits in the group.
The concept columns repeat on each of the concept's variant rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from framing._engines import dask_implementation
from framing._scoring_groups import _bootstrap, _effective_intervals, _group_keys, _groups
from framing._scoring_inputs import (
    FIELDS,
    INTERVALS,
    MIN_DOCS,
    PERIODS,
    VOICES,
    _by_columns,
    _check_parameters,
    _fields,
    _usable_hits,
    _variant_pairs,
    _voices,
)
from framing._tokens import count_tokens
from framing.corpus.schema import STRING_DTYPE, validate_corpus
from framing.provenance import ATTRS_KEY, stamp, without_attrs
from framing.tables import SCORE_COLUMNS

__all__ = ["FIELDS", "INTERVALS", "MIN_DOCS", "PERIODS", "SCORE_COLUMNS", "VOICES", "score"]


def score(
    hits: pd.DataFrame,
    corpus: pd.DataFrame,
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
    """Count hits per group and give each variant's rate and share, with intervals.

    Parameters
    ----------
    hits : pandas.DataFrame or dask.dataframe.DataFrame
        The hits table of :func:`framing.match` (``doc_id, field, concept, variant,
        voice``, ...). Every ``doc_id`` must be in ``corpus``.
    corpus : pandas.DataFrame or dask.dataframe.DataFrame
        The corpus the hits were found in (see :mod:`framing.corpus.schema`). A dask
        corpus (or dask hits) is scored partition by partition on the cluster and gives
        this same table, intervals included (``framing.distributed.scoring``).
    by : str or list of str, default "outlet"
        Corpus columns that define the groups. Missing values form a group of their own.
    period : {"W", "M", "Q", "Y"}, optional
        Also group by the week, month, quarter or year of ``published`` (in UTC). The
        ``period`` column holds the period's first instant (weeks start on Monday);
        every period from the first to the last appears for every group, empty ones with
        zeros. Documents without a date are left out of period scores, with a warning,
        and counted in ``attrs["framing"]["excluded"]``.
    voice : str or list of str, optional
        Count only hits in this voice: ``"own"`` (the outlet's own words), ``"quoted"``
        or ``"distanced"``, or a list of them. Default: every hit.
    fields : list of str, optional
        The corpus text columns scored ("title", "text", "description", ...): hits in
        other fields are not counted and tokens are counted over these fields only.
        Default: the fields the hits were matched in (``attrs["framing"]["parameters"]
        ["fields"]`` of the hits), else title and text.
    lexicon : framing.Lexicon, optional
        The lexicon matched; its concepts and variants give the rows (in lexicon order).
        Default: the variants recorded in the hits' provenance, else those in the hits.
    ci : float, default 0.95
        Coverage of the rate and share intervals.
    interval : {"effective", "bootstrap"}, default "effective"
        ``"effective"``: a Wilson interval for each share and an exact Poisson interval
        for each rate, on the effective number of documents (hits) that their variance
        over documents implies; honest at 0 and 1 and for few documents, and without
        random numbers. ``"bootstrap"``: the percentile bootstrap over documents, which
        gives [1, 1] to a group that uses one variant only, however few its documents.
    n_boot : int, default 1000
        Bootstrap resamples (``interval="bootstrap"`` only).
    seed : int, default 0
        Seed of the bootstrap (``interval="bootstrap"`` only). The same seed gives the
        same intervals; a group's resamples depend only on the seed, the group's own key
        and its documents, so an interval does not change when other groups, or other
        concepts, are added or removed.

    Returns
    -------
    pandas.DataFrame
        The scores table (see the module docstring), sorted by group, then concept and
        variant; provenance in ``attrs["framing"]``.

    Raises
    ------
    ValueError
        If a parameter is out of range, a hit names a document not in the corpus, or a
        hit's concept/variant is not in the given lexicon.

    See Also
    --------
    framing.compare_groups : which words, beyond the lexicon, set groups apart.

    Notes
    -----
    ``rate = 10,000 * count / n_tokens``, tokens as defined in ``framing._tokens`` (and
    ``docs/statistics.md``). ``share = count / concept_count`` in the group. Words in one
    article are not independent (an article that says "Kiev" once says it again), so
    every interval treats documents, not hits, as the units sampled.

    ``interval="effective"`` (:func:`framing.stats.share_interval`,
    :func:`framing.stats.rate_interval`): the variance of the share (rate) over the
    group's documents gives an effective number of documents (hits), at most the
    documents (hits) there are and shrunk when the variance rests on few documents
    (Korn & Graubard 1998); the share's interval is Wilson's on it, the rate's the exact
    Poisson one. A share of 0 or 1 counts each document once (nothing shows how alike a
    document's hits are), so one variant in 6 documents gives about [0.6, 1], not [1, 1].
    A group without hits gets a rate interval [0, upper] with upper > 0. Each interval
    uses only the rows it summarises: the group's documents and the concept's (variant's)
    hits and the tokens.

    ``interval="bootstrap"``: each of ``n_boot`` resamples draws the group's ``n_docs``
    documents with replacement and recomputes the share and the rate (the resample's
    hits over the resample's tokens); each interval is the ``(1 - ci)/2`` and
    ``(1 + ci)/2`` percentiles of its resampled values (resamples in which the concept
    has no hits, or which have no tokens, are skipped).

    ``docs/statistics.md`` gives the formulas and the coverage of both methods on
    synthetic groups of 1 to 500 documents.

    References
    ----------
    Korn, E. L., & Graubard, B. I. (1998). Confidence intervals for proportions with
    small expected number of positive counts estimated from survey data. *Survey
    Methodology*, 24(2), 193-201.

    Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. Chapman &
    Hall. (percentile interval, chapter 13)

    Examples
    --------
    >>> import pandas as pd
    >>> import framing
    >>> corpus = framing.as_corpus(pd.DataFrame({
    ...     "doc_id": ["a", "b", "c"], "outlet": ["RT", "RT", "Reuters"],
    ...     "published": ["2022-03-01", "2022-03-02", "2022-03-02"],
    ...     "title": ["Kiev talks", "Kiev and Kyiv", "Kyiv mayor"], "text": ["", "", ""]}))
    >>> hits = pd.DataFrame({
    ...     "doc_id": ["a", "b", "b", "c"], "field": "title", "start": [0, 0, 9, 0],
    ...     "end": [4, 4, 13, 4], "matched": ["Kiev", "Kiev", "Kyiv", "Kyiv"],
    ...     "term": ["Kiev", "Kiev", "Kyiv", "Kyiv"], "concept": "capital",
    ...     "variant": ["kiev", "kiev", "kyiv", "kyiv"], "voice": "own"})
    >>> scores = score(hits, corpus, n_boot=200)
    >>> scores[["outlet", "variant", "count", "n_tokens", "share"]]
        outlet variant  count  n_tokens     share
    0       RT    kiev      2         5  0.666667
    1       RT    kyiv      1         5  0.333333
    2  Reuters    kiev      0         2  0.000000
    3  Reuters    kyiv      1         2  1.000000
    """
    distributed = dask_implementation("score", corpus, hits)
    if distributed is not None:
        return distributed(
            hits, corpus, by=by, period=period, voice=voice, fields=fields, lexicon=lexicon,
            ci=ci, interval=interval, n_boot=n_boot, seed=seed,
        )  # fmt: skip
    function = "score"
    validate_corpus(corpus)
    by_columns = _by_columns(by, corpus, period)
    _check_parameters(period, ci, n_boot, seed, interval)
    voices = _voices(voice)
    fields = _fields(fields, hits, corpus)
    # pandas deep-copies a frame's attrs into every column and subset it hands out, and
    # the hits' provenance (the lexicon's variants) costs ~2 ms a copy: compute on views
    # without attrs (a third of score's time on RUWA), stamp with the originals below.
    bare_corpus, bare_hits = without_attrs(corpus), without_attrs(hits)
    used = _usable_hits(bare_hits, bare_corpus, fields, voices)
    pairs = _variant_pairs(used, lexicon, attrs=hits.attrs)

    keys, excluded = _group_keys(bare_corpus, by_columns, period)
    positions = pd.Index(bare_corpus["doc_id"].astype(str)).get_indexer(used["doc_id"].astype(str))
    pair_index = pd.MultiIndex.from_tuples(pairs).get_indexer(
        pd.MultiIndex.from_arrays([used["concept"].astype(str), used["variant"].astype(str)])
    )
    counts = sparse.csr_matrix(
        (np.ones(len(used), dtype=np.int64), (positions, pair_index)),
        shape=(len(corpus), len(pairs)),
    )
    counts.sum_duplicates()
    tokens = np.zeros(len(corpus), dtype=np.int64)
    for field in fields:
        tokens += count_tokens(bare_corpus[field].tolist())
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
    stamp(
        table,
        function=function,
        corpus=corpus,
        lexicon=lexicon,
        parameters=parameters,
        inherit=hits,
    )
    table.attrs[ATTRS_KEY]["excluded"] = excluded
    return table


def _score_table(
    counts: sparse.csr_matrix,
    tokens: np.ndarray,
    keys: pd.DataFrame,
    by_columns: list[str],
    period: str | None,
    pairs: list[tuple[str, str]],
    ci: float,
    n_boot: int,
    seed: int,
    interval: str = "effective",
) -> pd.DataFrame:
    """The scores table from per-document statistics, in corpus order.

    ``counts`` holds each document's hits per (concept, variant) pair (documents x
    pairs), ``tokens`` each document's tokens and ``keys`` its group columns (from
    :func:`_group_keys`). Everything :func:`score` reports, intervals included, is
    computed from these alone: ``framing.distributed.scoring`` gathers them from the
    partitions of a dask corpus and calls this.
    """
    groups, doc_group = _groups(keys, by_columns, period)
    n_documents, n_pairs, n_groups = len(keys), len(pairs), len(groups)
    included = doc_group >= 0
    membership = sparse.csr_matrix(
        (
            np.ones(int(included.sum()), dtype=np.int64),
            (doc_group[included], np.flatnonzero(included)),
        ),
        shape=(n_groups, n_documents),
    )

    group_counts = np.asarray((membership @ counts).todense(), dtype=np.int64)
    group_docs = np.asarray((membership @ (counts > 0).astype(np.int64)).todense(), dtype=np.int64)
    group_n_docs = np.asarray(membership.sum(axis=1)).ravel().astype(np.int64)
    group_tokens = np.asarray(membership @ tokens).ravel().astype(np.int64)

    concepts = pd.Index([concept for concept, _ in pairs]).unique()
    concept_of_pair = concepts.get_indexer([concept for concept, _ in pairs])
    indicator = sparse.csr_matrix(
        (np.ones(n_pairs, dtype=np.int64), (np.arange(n_pairs), concept_of_pair)),
        shape=(n_pairs, len(concepts)),
    )
    doc_concept = (counts @ indicator).tocsr()  # documents x concepts
    concept_totals = np.asarray((membership @ doc_concept).todense(), dtype=np.int64)
    concept_docs = np.asarray(
        (membership @ (doc_concept > 0).astype(np.int64)).todense(), dtype=np.int64
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        share = group_counts / concept_totals[:, concept_of_pair]
        rate = 10_000 * group_counts / group_tokens[:, None]
        concept_rate = 10_000 * concept_totals / group_tokens[:, None]
    if interval == "effective":
        intervals = _effective_intervals(
            counts, doc_concept, concept_of_pair, tokens, membership, ci
        )
    else:
        intervals = _bootstrap(
            counts, tokens, doc_group, groups, concept_of_pair, len(concepts), ci, n_boot, seed
        )
    (share_low, share_high), (rate_low, rate_high), (concept_low, concept_high) = intervals

    table = groups.loc[groups.index.repeat(n_pairs)].reset_index(drop=True)
    table["concept"] = pd.array([c for c, _ in pairs] * n_groups, dtype=STRING_DTYPE)
    table["variant"] = pd.array([v for _, v in pairs] * n_groups, dtype=STRING_DTYPE)
    table["count"] = group_counts.ravel()
    table["docs"] = group_docs.ravel()
    table["n_docs"] = np.repeat(group_n_docs, n_pairs)
    table["n_tokens"] = np.repeat(group_tokens, n_pairs)
    table["rate"] = rate.ravel()
    table["rate_low"] = rate_low.ravel()
    table["rate_high"] = rate_high.ravel()
    table["share"] = share.ravel()
    table["share_low"] = share_low.ravel()
    table["share_high"] = share_high.ravel()
    table["concept_count"] = concept_totals[:, concept_of_pair].ravel()
    table["concept_docs"] = concept_docs[:, concept_of_pair].ravel()
    table["concept_rate"] = concept_rate[:, concept_of_pair].ravel()
    table["concept_rate_low"] = concept_low[:, concept_of_pair].ravel()
    table["concept_rate_high"] = concept_high[:, concept_of_pair].ravel()
    return table
