"""Lexical dispersion: when (or where in the corpus's date order) terms occur."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from framing._checks import keyword_only, renamed
from framing.plot._common import (
    axes_for,
    check_choice,
    finish,
    legend_outside,
    ordered,
    require_columns,
    set_title,
    wrap,
)
from framing.plot._labels import Labeller
from framing.plot._style import PALETTE, _colors_for


def _document_order(corpus: pd.DataFrame) -> pd.DataFrame:
    """Documents by date (undated last), then by doc_id: one position per document."""
    documents = corpus.assign(
        doc_id=corpus["doc_id"].astype(str),
        _date=pd.to_datetime(corpus["published"], utc=True),
    )
    documents = documents.sort_values(["_date", "doc_id"], na_position="last", kind="stable")
    return documents.assign(_position=np.arange(len(documents))).set_index("doc_id")


@renamed("plot.dispersion", source="caption")
@keyword_only("plot.dispersion", 2, ("terms",))
def dispersion(
    hits: pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    terms: Sequence[str] | None = None,
    level: str = "term",
    by: str = "outlet",
    x: str = "date",
    ax: Axes | None = None,
    colors: Mapping[str, str] | None = None,
    labels: Any = None,
    title: str | None = None,
    caption: bool | str = False,
) -> Axes:
    """Lexical dispersion plot: a tick for every match, at its document's date.

    Each match is a vertical tick on its row (a term, variant or concept), coloured by
    the document's outlet. Clusters show when, and in which outlets, a term was used.

    Parameters
    ----------
    hits : pandas.DataFrame
        Matches from ``framing.match``: ``doc_id``, ``start`` and the ``level`` column
        (and ``concept`` for ``level="variant"``, ``field`` for ``x="order"``).
    corpus : pandas.DataFrame
        The corpus the hits came from: ``doc_id``, ``published``, optionally ``by`` and
        ``text``.
    terms : list of str, optional
        The values of ``level`` to show, top to bottom; a value never matched keeps its
        (empty) row. Default: every value in ``hits``, most frequent first.
    level : {"term", "variant", "concept"}, default "term"
        What a row is. Variants are told apart by concept (two concepts' "neutral").
    by : str, default "outlet"
        The corpus column that colours the ticks.
    x : {"date", "order"}, default "date"
        ``"date"``: a date axis, each match at its document's publication time (matches
        in undated documents are left out and counted in the axis label). ``"order"``:
        documents one after another in date order (undated last, then by ``doc_id``), a
        match at its document's place plus how far into the text it falls; the axis says
        "documents in date order".
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure by default.
    colors : dict, optional
        Colour per ``by`` value; by default the fixed outlet colours (see ``style``).
    labels : mapping or framing.Lexicon, optional
        Labels for variants, concepts and outlets (see ``framing.plot.labels``).
    title : str, optional
        The title; default "Where each term (variant, concept) occurs". ``""`` for none.
    caption : bool or str, default False
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
    >>> ax.get_xlabel()
    'date published, 2022'
    >>> framing.plot.dispersion(hits, corpus, x="order").get_xlabel()
    '3 documents in date order'
    """
    function = "dispersion"
    check_choice(level, "level", function, ("term", "variant", "concept"))
    check_choice(x, "x", function, ("date", "order"))
    require_columns(hits, ["doc_id", "start", level], function=function, name="hits")
    require_columns(corpus, ["doc_id", "published"], function=function, name="corpus")
    names = Labeller(labels, hits, function=function)
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
    by_concept = level == "variant" and "concept" in hits.columns
    keys = (
        pd.Series(list(zip(hits["concept"].astype(str), values, strict=True)), index=hits.index)
        if by_concept
        else values
    )
    if terms is None:
        counts = keys.value_counts()
        rows = sorted(counts.index, key=lambda name: (-counts[name], name))
    else:
        wanted = [str(term) for term in ([terms] if isinstance(terms, str) else terms)]
        if by_concept:
            present = list(dict.fromkeys(keys))
            rows = [key for name in wanted for key in present if key[1] == name] or wanted
        else:
            rows = wanted
    chosen = keys.isin(rows).to_numpy() if rows else np.zeros(len(hits), dtype=bool)
    selected = hits[chosen]
    selected_ids = doc_ids[chosen]
    row_of = {value: index for index, value in enumerate(rows)}
    y = keys[chosen].map(row_of).to_numpy(float)

    if x == "date":
        dates = documents.loc[selected_ids, "_date"]
        dated = dates.notna().to_numpy()
        position = dates.dt.tz_localize(None).to_numpy()
    else:
        dated = np.ones(len(selected), dtype=bool)
        position = documents.loc[selected_ids, "_position"].to_numpy(float) + _fraction(
            selected, documents.loc[selected_ids]
        )

    ax = axes_for(ax)
    if by in documents.columns:
        outlets = documents.loc[selected_ids, by].astype(str).to_numpy()
        palette = _colors_for(corpus[by], colors)
        tick_colours = np.array([palette[outlet] for outlet in outlets], dtype=object)
        shown = ordered(corpus[by][corpus["doc_id"].astype(str).isin(set(selected_ids))])
        handles = [
            Line2D([], [], color=palette[name], marker="|", linestyle="none", markersize=8)
            for name in shown
        ]
        if shown:
            legend_outside(
                ax, handles, [names.group(name) for name in shown], title=names.column(by)
            )
        tick_colours = list(tick_colours[dated])
    else:
        tick_colours = PALETTE[0]
    ax.scatter(position[dated], y[dated], marker="|", c=tick_colours, s=120, linewidths=1.0)
    several = by_concept and len({key[0] for key in rows if isinstance(key, tuple)}) > 1
    ax.set_yticks(
        np.arange(len(rows)), [wrap(_row_label(names, key, level, several)) for key in rows]
    )
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.grid(axis="x", visible=False)
    total = len(documents)
    if x == "date":
        locator = mdates.AutoDateLocator(minticks=3, maxticks=7)
        ax.xaxis.set_major_locator(locator)
        # The years go into the axis label: an offset text would sit on top of it.
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
        years = sorted({moment.year for moment in pd.to_datetime(position[dated])})
        span = f", {years[0]}" + (f"–{years[-1]}" if years[-1] != years[0] else "") if years else ""
        left_out = int((~dated).sum())
        ax.set_xlabel(
            f"date published{span}"
            + (
                f"\n({left_out:,} match{'' if left_out == 1 else 'es'} in undated documents "
                "not shown)"
                if left_out
                else ""
            )
        )
    else:
        ax.set_xlim(0, max(total, 1))
        undated = int(documents["_date"].isna().sum())
        note = f"\n({undated:,} undated, at the right)" if undated else ""
        ax.set_xlabel(f"{total:,} documents in date order{note}")
    set_title(ax, title, f"Where each {level} occurs")
    finish(ax, hits, caption)
    return ax


def _fraction(selected: pd.DataFrame, documents: pd.DataFrame) -> np.ndarray:
    """How far into its document's text each match falls (0 for titles, or no text)."""
    if "text" not in documents.columns:
        return np.zeros(len(selected))
    lengths = documents["text"].astype("string").str.len().fillna(0).to_numpy(float)
    in_text = (
        (selected["field"].astype(str) == "text").to_numpy()
        if "field" in selected.columns
        else np.ones(len(selected), bool)
    )
    starts = selected["start"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        fraction = np.where(in_text & (lengths > 0), starts / lengths, 0.0)
    return np.clip(fraction, 0.0, 0.999)


def _row_label(names: Labeller, key: Any, level: str, several: bool) -> str:
    if level == "concept":
        return names.concept(key)
    if isinstance(key, tuple):
        concept, variant = key
        label = names.variant(concept, variant)
        return f"{names.concept(concept)}: {label}" if several else label
    return names.variant("", key) if level == "variant" else str(key)
