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

import hashlib
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from framing._engines import dask_implementation
from framing._tokens import count_tokens
from framing.corpus.schema import DATETIME_DTYPE, STRING_DTYPE, validate_corpus
from framing.provenance import ATTRS_KEY, stamp

#: Period codes accepted by ``score(period=...)`` and what they bin by.
PERIODS: dict[str, str] = {
    "W": "week (Monday to Sunday)",
    "M": "month",
    "Q": "quarter",
    "Y": "year",
}
VOICES: tuple[str, ...] = ("own", "quoted", "distanced")
#: How ``score`` computes intervals: "effective" (the default; see ``docs/statistics.md``)
#: or "bootstrap" (the percentile bootstrap over documents of earlier versions).
INTERVALS: tuple[str, ...] = ("effective", "bootstrap")
#: The fewest documents a value should rest on: charts grey a share whose concept has
#: hits in fewer documents of the group (``concept_docs``), and a rate whose group has
#: fewer documents (``n_docs``). The share intervals' coverage is checked from 5
#: documents up (``docs/statistics.md``); below that a group shows little.
MIN_DOCS: int = 5
FIELDS: tuple[str, ...] = ("title", "text")
SCORE_COLUMNS: tuple[str, ...] = (
    "concept",
    "variant",
    "count",
    "docs",
    "n_docs",
    "n_tokens",
    "rate",
    "rate_low",
    "rate_high",
    "share",
    "share_low",
    "share_high",
    "concept_count",
    "concept_docs",
    "concept_rate",
    "concept_rate_low",
    "concept_rate_high",
)
_HIT_COLUMNS = ("doc_id", "field", "concept", "variant")


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
    >>> from framing.corpus.schema import conform
    >>> corpus = conform(pd.DataFrame({
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
    hits = _usable_hits(hits, corpus, fields, voices)
    pairs = _variant_pairs(hits, lexicon)

    keys, excluded = _group_keys(corpus, by_columns, period)
    positions = pd.Index(corpus["doc_id"].astype(str)).get_indexer(hits["doc_id"].astype(str))
    pair_index = pd.MultiIndex.from_tuples(pairs).get_indexer(
        pd.MultiIndex.from_arrays([hits["concept"].astype(str), hits["variant"].astype(str)])
    )
    counts = sparse.csr_matrix(
        (np.ones(len(hits), dtype=np.int64), (positions, pair_index)),
        shape=(len(corpus), len(pairs)),
    )
    counts.sum_duplicates()
    tokens = np.zeros(len(corpus), dtype=np.int64)
    for field in fields:
        tokens += count_tokens(corpus[field].tolist())
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


# -- parameters --------------------------------------------------------------------------
def _by_columns(by: Any, corpus: pd.DataFrame, period: str | None) -> list[str]:
    columns = [by] if isinstance(by, str) else list(by) if by is not None else []
    if not all(isinstance(column, str) for column in columns):
        raise ValueError(
            f"The 'by' parameter of score must be a corpus column name or a list of them. "
            f"Got {by!r} instead."
        )
    missing = [column for column in columns if column not in corpus.columns]
    if missing:
        raise ValueError(
            f"The 'by' parameter of score names {missing}, which the corpus does not have. "
            f"Corpus columns: {list(corpus.columns)}."
        )
    if period is not None and "period" in columns:
        raise ValueError(
            "score cannot group by a corpus column called 'period' and by period= at once; "
            "rename the column."
        )
    if len(set(columns)) != len(columns):
        raise ValueError(f"The 'by' parameter of score repeats a column: {columns}.")
    return columns


def _check_parameters(period: Any, ci: Any, n_boot: Any, seed: Any, interval: Any) -> None:
    if interval not in INTERVALS:
        raise ValueError(
            "The 'interval' parameter of score must be 'effective' or 'bootstrap'. "
            f"Got {interval!r} instead."
        )
    if period is not None and period not in PERIODS:
        raise ValueError(
            "The 'period' parameter of score must be None, 'W', 'M', 'Q' or 'Y'. "
            f"Got {period!r} instead."
        )
    if isinstance(ci, bool) or not isinstance(ci, (int, float)) or not 0 < ci < 1:
        raise ValueError(
            f"The 'ci' parameter of score must be a number between 0 and 1 (0.95 for a 95% "
            f"interval). Got {ci!r} instead."
        )
    if isinstance(n_boot, bool) or not isinstance(n_boot, (int, np.integer)) or n_boot < 1:
        raise ValueError(
            f"The 'n_boot' parameter of score must be a whole number of 1 or more. "
            f"Got {n_boot!r} instead."
        )
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(
            f"The 'seed' parameter of score must be a whole number of 0 or more. "
            f"Got {seed!r} instead."
        )


def _voices(voice: Any) -> list[str] | None:
    if voice is None:
        return None
    voices = [voice] if isinstance(voice, str) else list(voice)
    unknown = [v for v in voices if v not in VOICES]
    if unknown or not voices:
        raise ValueError(
            "The 'voice' parameter of score must be 'own', 'quoted', 'distanced' or a list "
            f"of them. Got {voice!r} instead."
        )
    return voices


def _fields(fields: Any, hits: pd.DataFrame, corpus: pd.DataFrame) -> tuple[str, ...]:
    if fields is None:
        recorded = hits.attrs.get(ATTRS_KEY, {}).get("parameters", {}).get("fields")
        fields = recorded if recorded else FIELDS
    fields = (fields,) if isinstance(fields, str) else tuple(fields)
    return _check_text_fields(fields, corpus, function="score")


def _check_text_fields(fields: tuple[str, ...], corpus: pd.DataFrame, *, function: str):
    """Check that ``fields`` name string columns of the corpus (title, text, description...)."""
    text_columns = [c for c in corpus.columns if isinstance(corpus[c].dtype, pd.StringDtype)]
    unknown = [field for field in fields if field not in text_columns]
    if unknown or not fields or len(set(fields)) != len(fields):
        raise ValueError(
            f"The 'fields' parameter of {function} must name text columns of the corpus "
            f"(such as 'title', 'text', 'description'), each once. Got {list(fields)!r} "
            "instead."
        )
    return fields


def _usable_hits(
    hits: pd.DataFrame, corpus: pd.DataFrame, fields: tuple[str, ...], voices: list[str] | None
) -> pd.DataFrame:
    if not isinstance(hits, pd.DataFrame):
        raise TypeError(f"score needs a hits table (DataFrame). Got {type(hits).__name__}.")
    needed = [*_HIT_COLUMNS, *(["voice"] if voices is not None else [])]
    missing = [column for column in needed if column not in hits.columns]
    if missing:
        raise ValueError(
            f"The hits table lacks the column(s) {missing}; score needs {needed}. "
            "Make hits with framing.match."
        )
    unknown = ~hits["doc_id"].astype(str).isin(set(corpus["doc_id"].astype(str)))
    if unknown.any():
        row = int(np.flatnonzero(unknown.to_numpy())[0])
        raise ValueError(
            f"Hit {row} names the document {hits['doc_id'].iloc[row]!r}, which is not in the "
            f"corpus ({int(unknown.sum())} hit(s) like it). Score hits with the corpus they "
            "were matched in."
        )
    bad_field = ~hits["field"].astype(str).isin(set(corpus.columns))
    if bad_field.any():
        row = int(np.flatnonzero(bad_field.to_numpy())[0])
        raise ValueError(
            f"Hit {row} has field {hits['field'].iloc[row]!r}, which is not a corpus column."
        )
    keep = hits["field"].astype(str).isin(fields).to_numpy()
    if voices is not None:
        keep = keep & hits["voice"].astype(str).isin(voices).to_numpy()
    kept = hits.loc[keep]
    kept.attrs = dict(hits.attrs)
    return kept


def _variant_pairs(hits: pd.DataFrame, lexicon: Any) -> list[tuple[str, str]]:
    """Every (concept, variant) to report, in lexicon order where the lexicon is known."""
    if lexicon is not None:
        pairs = list(
            dict.fromkeys(
                (concept.name, variant.name)
                for concept in lexicon.concepts
                for variant in concept.variants
            )
        )
    else:
        recorded = hits.attrs.get(ATTRS_KEY, {}).get("lexicon", {}).get("variants")
        if recorded:
            pairs = [(str(concept), str(variant)) for concept, variant in recorded]
        else:
            present = hits[["concept", "variant"]].astype(str).drop_duplicates()
            pairs = sorted(present.itertuples(index=False, name=None))
    seen = set(pairs)
    found = (
        hits[["concept", "variant"]]
        .astype(str)
        .drop_duplicates()
        .itertuples(index=False, name=None)
    )
    stray = [pair for pair in found if pair not in seen]
    if stray:
        raise ValueError(
            f"The hits hold concept {stray[0][0]!r}, variant {stray[0][1]!r}, which the "
            "lexicon does not have. Score hits with the lexicon they were matched with."
        )
    if not pairs:
        raise ValueError(
            "score found no concept/variant to report: the hits are empty and no lexicon "
            "was given. Pass lexicon= so that groups without hits get rows of zeros."
        )
    return pairs


# -- groups ------------------------------------------------------------------------------
def _group_keys(
    corpus: pd.DataFrame, by_columns: list[str], period: str | None
) -> tuple[pd.DataFrame, dict[str, Any]]:
    keys = corpus[by_columns].copy()
    excluded: dict[str, Any] = {"documents_without_date": 0}
    if period is not None:
        published = corpus["published"]
        keys["period"] = (
            published.dt.tz_convert("UTC")
            .dt.tz_localize(None)
            .dt.to_period(period)
            .dt.start_time.dt.tz_localize("UTC")
            .astype(DATETIME_DTYPE)
        )
        undated = published.isna()
        if undated.any():
            count = int(undated.sum())
            excluded = {
                "documents_without_date": count,
                "doc_ids": corpus.loc[undated, "doc_id"].astype(str).head(20).tolist(),
            }
            warnings.warn(
                f"score(period={period!r}) leaves out {count} of {len(corpus)} document(s) "
                "that have no published date; see attrs['framing']['excluded'].",
                UserWarning,
                stacklevel=3,
            )
    return keys, excluded


def _groups(
    keys: pd.DataFrame, by_columns: list[str], period: str | None
) -> tuple[pd.DataFrame, np.ndarray]:
    """The table of groups (sorted) and each document's group number (-1: left out)."""
    base = keys[by_columns].drop_duplicates() if by_columns else pd.DataFrame(index=[0])
    if period is not None:
        dated = keys["period"].dropna()
        if len(dated):
            starts = pd.period_range(
                dated.min().tz_localize(None).to_period(period),
                dated.max().tz_localize(None).to_period(period),
                freq=dated.min().tz_localize(None).to_period(period).freq,
            ).start_time
            periods = pd.DataFrame(
                {"period": pd.Series(starts.tz_localize("UTC")).astype(DATETIME_DTYPE)}
            )
        else:
            periods = pd.DataFrame({"period": pd.Series([], dtype=DATETIME_DTYPE)})
        if by_columns:
            base = keys.loc[keys["period"].notna(), by_columns].drop_duplicates()
            base = base.merge(periods, how="cross")
        else:
            base = periods
    columns = list(base.columns)
    groups = base.sort_values(columns, na_position="last", kind="stable").reset_index(drop=True)
    if not columns:  # no grouping at all: one group of every document
        return groups, np.zeros(len(keys), dtype=np.int64)
    numbered = groups.assign(_group=np.arange(len(groups)))
    located = keys.reset_index(drop=True).merge(numbered, on=columns, how="left")["_group"]
    return groups, located.fillna(-1).to_numpy(dtype=np.int64)


# -- arithmetic --------------------------------------------------------------------------
def _sum_by_concept(values: np.ndarray, concept_of_pair: np.ndarray, n_concepts: int) -> np.ndarray:
    """Sum the columns (pairs) of ``values`` per concept, over the last axis."""
    indicator = np.zeros((len(concept_of_pair), n_concepts), dtype=values.dtype)
    indicator[np.arange(len(concept_of_pair)), concept_of_pair] = 1
    return values @ indicator


def _group_seed(seed: int, key: tuple[Any, ...]) -> list[int]:
    """A seed for one group's resamples from the user's seed and the group's own key."""
    text = repr(tuple("<NA>" if pd.isna(value) else str(value) for value in key))
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return [seed, int.from_bytes(digest[:8], "little")]


def _effective_intervals(
    counts: sparse.csr_matrix,
    doc_concept: sparse.csr_matrix,
    concept_of_pair: np.ndarray,
    tokens: np.ndarray,
    membership: sparse.csr_matrix,
    ci: float,
) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """Share, rate and concept-rate intervals on effective sample sizes (group x pair)."""
    from framing.stats.intervals import _rate_bounds, _share_bounds

    def by_group(matrix: Any) -> np.ndarray:
        return np.asarray((membership @ matrix).todense(), dtype=np.float64)

    counts = counts.astype(np.float64)
    doc_concept = doc_concept.astype(np.float64)
    concept_of_doc_pair = doc_concept[:, concept_of_pair]  # each pair's concept total
    token_column = sparse.diags(tokens.astype(np.float64))
    x = by_group(counts)
    n = by_group(concept_of_doc_pair)
    # Documents of the group with a hit of the pair's concept (a share's sample).
    m = by_group((concept_of_doc_pair > 0).astype(np.float64))
    share_low, share_high, _ = _share_bounds(
        x,
        n,
        by_group(counts.multiply(counts)),
        by_group(counts.multiply(concept_of_doc_pair)),
        by_group(concept_of_doc_pair.multiply(concept_of_doc_pair)),
        m,
        ci,
    )
    documents = np.asarray(membership.sum(axis=1), dtype=np.float64)  # column: broadcasts
    group_tokens = np.asarray(membership @ tokens, dtype=np.float64)[:, None]
    token_squares = np.asarray(membership @ (tokens.astype(np.float64) ** 2))[:, None]
    rates = []
    for matrix in (counts, doc_concept):
        low, high, _ = _rate_bounds(
            by_group(matrix),
            group_tokens,
            by_group(matrix.multiply(matrix)),
            by_group(token_column @ matrix),
            token_squares,
            documents,
            ci,
        )
        rates.append((10_000 * low, 10_000 * high))
    return (share_low, share_high), rates[0], rates[1]


def _bootstrap(
    counts: sparse.csr_matrix,
    tokens: np.ndarray,
    doc_group: np.ndarray,
    groups: pd.DataFrame,
    concept_of_pair: np.ndarray,
    n_concepts: int,
    ci: float,
    n_boot: int,
    seed: int,
) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """Percentile intervals of every share, rate and concept rate (group x pair, or
    group x concept for the concept rates)."""
    n_groups, n_pairs = len(groups), counts.shape[1]
    share_low = np.full((n_groups, n_pairs), np.nan)
    share_high = np.full((n_groups, n_pairs), np.nan)
    rate_low = np.full((n_groups, n_pairs), np.nan)
    rate_high = np.full((n_groups, n_pairs), np.nan)
    concept_low = np.full((n_groups, n_concepts), np.nan)
    concept_high = np.full((n_groups, n_concepts), np.nan)
    tail = (1.0 - ci) / 2.0
    keys = list(groups.itertuples(index=False, name=None))
    with_hits = np.asarray(counts.sum(axis=1)).ravel() > 0
    for group in range(n_groups):
        members = np.flatnonzero(doc_group == group)  # in corpus order
        if len(members) == 0:
            continue
        hit_rows = np.flatnonzero(with_hits[members])  # positions among the members
        if len(hit_rows) == 0:
            # Every resample has no hits: each rate is 0 where the group has tokens, and
            # the shares stay undefined. No draws needed to know that.
            if tokens[members].sum() > 0:
                rate_low[group] = rate_high[group] = 0.0
                concept_low[group] = concept_high[group] = 0.0
            continue
        matrix = counts[members[hit_rows]].toarray().astype(np.float64)  # documents x pairs
        generator = np.random.default_rng(_group_seed(seed, keys[group]))
        weights, token_totals = _resample_weights(
            generator, hit_rows, n_boot, tokens[members].astype(np.float64)
        )
        resampled = weights @ matrix  # n_boot x pairs
        by_concept = _sum_by_concept(resampled, concept_of_pair, n_concepts)
        totals = by_concept[:, concept_of_pair]
        with np.errstate(divide="ignore", invalid="ignore"):
            shares = np.where(totals > 0, resampled / totals, np.nan)
            per_token = 10_000 / np.where(token_totals > 0, token_totals, np.nan)[:, None]
            rates = resampled * per_token
            concept_rates = by_concept * per_token
        for values, low, high in (
            (shares, share_low, share_high),
            (rates, rate_low, rate_high),
            (concept_rates, concept_low, concept_high),
        ):
            defined = ~np.all(np.isnan(values), axis=0)
            if defined.any():
                low[group, defined] = np.nanquantile(values[:, defined], tail, axis=0)
                high[group, defined] = np.nanquantile(values[:, defined], 1.0 - tail, axis=0)
    # no interval where the value itself is undefined (no hits of the concept, no tokens)
    return (share_low, share_high), (rate_low, rate_high), (concept_low, concept_high)


def _resample_weights(
    generator: np.random.Generator,
    tracked: np.ndarray,
    n_boot: int,
    tokens: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """How often each ``tracked`` document is drawn, per resample, and the tokens of
    each resample.

    Each resample draws ``len(tokens)`` document numbers with replacement (the textbook
    bootstrap) over the group's documents in corpus order, so the draws depend only on
    the generator and the group's size, never on which documents have hits. Only the
    ``tracked`` positions (documents with a hit) change hit counts, so only they are
    counted; ``tokens`` is summed over every draw. Resamples are drawn in blocks to bound
    memory on large groups.
    """
    size = len(tokens)
    slot = np.full(size, -1, dtype=np.int64)
    slot[tracked] = np.arange(len(tracked))
    weights = np.empty((n_boot, len(tracked)), dtype=np.float64)
    token_totals = np.empty(n_boot, dtype=np.float64)
    block = max(1, min(n_boot, 4_000_000 // max(size, 1)))
    for first in range(0, n_boot, block):
        rows = min(block, n_boot - first)
        draws = generator.integers(0, size, size=(rows, size))
        slots = slot[draws]
        hit = slots >= 0
        flat = (np.arange(rows)[:, None] * len(tracked) + slots)[hit]
        counted = np.bincount(flat, minlength=rows * len(tracked))
        weights[first : first + rows] = counted.reshape(rows, len(tracked))
        token_totals[first : first + rows] = tokens[draws].sum(axis=1)
    return weights, token_totals
