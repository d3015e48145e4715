"""``kwic`` and ``coding_sheet`` from dask hits and a dask corpus, reading only what they need.

Both show a few hits in their context, so the work is small once the right documents
are at hand: the hits (dask or pandas) are computed, the documents they name are picked
out of the corpus partition by partition (only their id, outlet, date, the fields the
hits are in and the strata columns travel to the client), and the pandas function runs
on those. The result equals the pandas result for the whole corpus, row for row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing._engines import register_dask
from framing.distributed._common import is_dask
from framing.provenance import ATTRS_KEY


@register_dask("kwic")
def kwic(hits: Any, corpus: Any, *, window: int = 10, n: int | None = None, seed: int = 0) -> Any:
    """:func:`framing.kwic` for dask hits or a dask corpus; returns the pandas KwicTable."""
    from framing.concordance import kwic as pandas_kwic

    table = _computed(hits)
    chosen = table
    if isinstance(n, int) and not isinstance(n, bool) and 1 <= n < len(table):
        # The rows pandas kwic will draw (the same generator, the same call).
        rows = np.sort(np.random.default_rng(seed).choice(len(table), size=n, replace=False))
        chosen = table.iloc[rows]
    documents = _documents(corpus, chosen, ())
    return pandas_kwic(table, documents, window=window, n=n, seed=seed)


@register_dask("coding_sheet")
def coding_sheet(
    hits: Any,
    corpus: Any,
    *,
    n: int = 50,
    by: str | Sequence[str] = ("concept", "variant"),
    window: int = 15,
    seed: int = 0,
) -> pd.DataFrame:
    """:func:`framing.coding_sheet` for dask hits or a dask corpus; the pandas sheet.

    Every document with a hit is read (its strata may be corpus columns), no other.
    Provenance records how many documents were read, not the corpus fingerprint.
    """
    from framing.coding.sheet import coding_sheet as pandas_sheet

    table = _computed(hits)
    columns = [by] if isinstance(by, str) else list(by) if by is not None else []
    documents = _documents(corpus, table, columns)
    sheet = pandas_sheet(table, documents, n=n, by=by, window=window, seed=seed)
    if is_dask(corpus):
        sheet.attrs[ATTRS_KEY]["corpus"] = {"documents_read": len(documents)}
    return sheet


def _computed(hits: Any) -> pd.DataFrame:
    if not is_dask(hits):
        return hits
    table = hits.compute().reset_index(drop=True)
    if not table.attrs:
        table.attrs = dict(hits._meta.attrs)
    return table


def _documents(corpus: Any, hits: pd.DataFrame, extra: Sequence[str]) -> pd.DataFrame:
    """The corpus rows of the documents ``hits`` name, in corpus order, fewest columns."""
    if not is_dask(corpus):
        return corpus
    names = corpus._meta.columns
    fields = hits["field"].dropna().astype(str).unique().tolist() if "field" in hits else []
    wanted = ["doc_id", "outlet", "published", *fields, *extra]
    columns = [c for c in dict.fromkeys(wanted) if c in names and c != "tags"]
    ids = set(hits["doc_id"].dropna().astype(str).tolist()) if "doc_id" in hits else set()
    meta = corpus._meta[columns].iloc[:0]
    picked = corpus.map_partitions(_pick, columns, ids, meta=meta).compute()
    return picked.reset_index(drop=True)


def _pick(partition: pd.DataFrame, columns: list[str], ids: set[str]) -> pd.DataFrame:
    return partition.loc[partition["doc_id"].astype(str).isin(ids).to_numpy(), columns]
