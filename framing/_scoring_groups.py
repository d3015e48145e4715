"""The arithmetic of ``score``: groups of documents, per-pair sums, and the intervals
(effective-n and the seeded document bootstrap) of each group's shares and rates.
"""

from __future__ import annotations

import hashlib
import warnings
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from framing.corpus.schema import DATETIME_DTYPE


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
