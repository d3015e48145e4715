"""Statistics on counts and proportions: arrays and Series in, no corpus.

- :func:`log_odds`: the log-odds ratio of every term between two sets of counts, with the
  (informative) Dirichlet prior of Monroe, Colaresi & Quinn (2008), its variance and z.
- :func:`keyness`: signed G² (Dunning 1993), Pearson's chi-squared (with optional Yates or
  Williams correction) and pointwise mutual information, with p-values.
- :func:`benjamini_hochberg`: false-discovery-rate adjusted p-values.
- :func:`wilson_interval`: the Wilson score interval of a proportion, and
  :func:`stratified_proportion` for a proportion over strata sampled at different rates.
- :func:`share_interval`, :func:`rate_interval`: intervals of a share and a rate whose
  counts come in documents (clusters), honest at 0 and 1 and for few documents.
- :func:`cohen_kappa` and :func:`krippendorff_alpha`: agreement of coders (nominal codes).

The table functions (:func:`framing.compare_groups`, :func:`framing.precision`) call these;
the formulas are in each function's Notes and, with worked examples, in
``docs/statistics.md``.
"""

from __future__ import annotations

from framing.stats.agreement import cohen_kappa, krippendorff_alpha
from framing.stats.distinctive import benjamini_hochberg, keyness, log_odds
from framing.stats.intervals import (
    rate_interval,
    share_interval,
    stratified_proportion,
    wilson_interval,
)

__all__ = [
    "benjamini_hochberg",
    "cohen_kappa",
    "keyness",
    "krippendorff_alpha",
    "log_odds",
    "rate_interval",
    "share_interval",
    "stratified_proportion",
    "wilson_interval",
]
