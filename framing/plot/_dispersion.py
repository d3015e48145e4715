"""Lexical dispersion: where terms occur across the documents, in order of publication."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from framing.plot._common import (
    axes_for,
    check_choice,
    finish,
    legend_outside,
    ordered,
    require_columns,
)
from framing.plot._style import PALETTE, _colors_for


def _document_order(corpus: pd.DataFrame) -> pd.DataFrame:
    """Documents by date (undated last), then by doc_id: one position per document."""
    documents = corpus.assign(
        doc_id=corpus["doc_id"].astype(str),
        _date=pd.to_datetime(corpus["published"], utc=True),
    )
    documents = documents.sort_values(["_date", "doc_id"], na_position="last", kind="stable")
    return documents.assign(_position=np.arange(len(documents))).set_index("doc_id")


def dispersion(
    hits: pd.DataFrame,
    corpus: pd.DataFrame,
    terms: Sequence[str] | None = None,
    *,
    level: str = "term",
    by: str = "outlet",
    ax: Axes | None = None,
    colors: Mapping[str, str] | None = None,
    source: bool | str = False,
) -> Axes:
    """Lexical dispersion plot: a tick for every match, documents ordered by date.

    Documents run left to right in order of publication (undated ones last, then by
    ``doc_id``); each match is a vertical tick on its term's row, at its document's
    position plus how far into the document it falls, coloured by the document's outlet.
    Clusters show when, and in which outlets, a term was used.

    Parameters
    ----------
    hits : pandas.DataFrame
        Matches from ``framing.match``: ``doc_id``, ``start`` and the ``level`` column
        (and ``field``, to place a title match at the document's start).
    corpus : pandas.DataFrame
        The corpus the hits came from: ``doc_id``, ``published``, optionally ``by`` and
        ``text``.
    terms : list of str, optional
        The values of ``level`` to show, top to bottom; a value never matched keeps its
        (empty) row. Default: every value in ``hits``, most frequent first.
    level : {"term", "variant", "concept"}, default "term"
        What a row is.
    by : str, default "outlet"
        The corpus column that colours the ticks.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure by default.
    colors : dict, optional
        Colour per ``by`` value; by default the fixed outlet colours (see ``style``).
    source : bool or str, default False
        True adds a note of the table's provenance; a string adds itself.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> import framing.plot
    >>> corpus = pd.DataFrame({
    ...     "doc_id": ["a", "b", "c"], "outlet": ["RT", "BBC", "RT"],
    ...     "published": pd.to_datetime(["2022-03-01", "2022-01-01", "2022-02-01"], utc=True),
    ...     "text": ["Kiev said ...", "Kyiv and Kyiv", "in Kiev"]})
    >>> hits = pd.DataFrame({
    ...     "doc_id": ["a", "b", "b", "c"], "field": "text", "start": [0, 0, 9, 3],
    ...     "term": ["Kiev", "Kyiv", "Kyiv", "Kiev"]})
    >>> ax = framing.plot.dispersion(hits, corpus, terms=["Kyiv", "Kiev"])
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['Kyiv', 'Kiev']
    """
    function = "dispersion"
    check_choice(level, "level", function, ("term", "variant", "concept"))
    require_columns(hits, ["doc_id", "start", level], function=function, name="hits")
    require_columns(corpus, ["doc_id", "published"], function=function, name="corpus")
    repeated = corpus["doc_id"][corpus["doc_id"].duplicated()]
    if not repeated.empty:
        raise ValueError(
            f"plot.dispersion: the corpus has repeated doc_id values {list(repeated[:5])}; "
            "each document must appear once."
        )
    documents = _document_order(corpus)
    doc_ids = hits["doc_id"].astype(str)
    unknown = sorted(set(doc_ids) - set(documents.index))
    if unknown:
        raise ValueError(
            f"plot.dispersion: {len(unknown)} hit(s) name documents that are not in the "
            f"corpus, e.g. {unknown[:5]}. Pass the corpus the hits were matched in."
        )
    values = hits[level].astype(str)
    if terms is None:
        counts = values.value_counts()
        rows = sorted(counts.index, key=lambda name: (-counts[name], name))
    else:
        rows = [str(term) for term in ([terms] if isinstance(terms, str) else terms)]
    chosen = values.isin(rows).to_numpy()
    selected = hits[chosen]
    selected_ids = doc_ids[chosen]

    # Where in the document: start / length of the field the match is in (0 without text).
    position = documents.loc[selected_ids, "_position"].to_numpy(float)
    fraction = np.zeros(len(selected))
    if "text" in documents.columns:
        lengths = documents.loc[selected_ids, "text"].astype("string").str.len()
        lengths = lengths.fillna(0).to_numpy(float)
        in_text = (
            (selected["field"].astype(str) == "text").to_numpy()
            if "field" in selected.columns
            else np.ones(len(selected), bool)
        )
        starts = selected["start"].to_numpy(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            fraction = np.where(in_text & (lengths > 0), starts / lengths, 0.0)
        fraction = np.clip(fraction, 0.0, 0.999)
    x = position + fraction
    row_of = {value: index for index, value in enumerate(rows)}
    y = values[chosen].map(row_of).to_numpy(float)

    ax = axes_for(ax)
    if by in documents.columns:
        outlets = documents.loc[selected_ids, by].astype(str).to_numpy()
        palette = _colors_for(corpus[by], colors)
        tick_colours = [palette[outlet] for outlet in outlets]
        shown = ordered(corpus[by][corpus["doc_id"].astype(str).isin(set(selected_ids))])
        handles = [
            Line2D([], [], color=palette[name], marker="|", linestyle="none", markersize=8)
            for name in shown
        ]
        if shown:
            legend_outside(ax, handles, shown, title=by)
    else:
        tick_colours = PALETTE[0]
    ax.scatter(x, y, marker="|", c=tick_colours, s=120, linewidths=1.0)
    ax.set_yticks(np.arange(len(rows)), rows)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    total = len(documents)
    ax.set_xlim(0, max(total, 1))
    ax.grid(axis="x", visible=False)

    # Date labels under a few evenly spaced documents.
    dated = documents["_date"].notna().to_numpy()
    candidates = np.unique(np.linspace(0, max(dated.sum() - 1, 0), num=3).round().astype(int))
    ticks = [int(index) for index in candidates if dated.sum() > 0]
    ax.set_xticks(
        [tick + 0.5 for tick in ticks],
        [documents["_date"].iloc[tick].strftime("%Y-%m-%d") for tick in ticks],
        rotation=30,
        ha="right",
    )
    undated = int((~dated).sum())
    note = f" ({undated:,} undated, at the right)" if undated else ""
    ax.set_xlabel(f"{total:,} documents by date{note}")
    ax.set_title(f"Where each {level} occurs")
    finish(ax, hits, source)
    return ax
