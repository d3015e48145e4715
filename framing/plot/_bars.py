"""Shares of variants per outlet, and the outlet-by-concept heatmap."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.ticker import PercentFormatter

from framing.plot._common import (
    RATE_LABEL,
    axes_for,
    check_choice,
    finish,
    legend_outside,
    ordered,
    refuse_duplicates,
    require_columns,
    select,
)
from framing.plot._style import _colors_for


def shares(
    scores: pd.DataFrame,
    concept: str,
    *,
    by: str = "outlet",
    ax: Axes | None = None,
    colors: Mapping[str, str] | None = None,
    source: bool | str = False,
) -> Axes:
    """Bar chart of each variant's share of a concept's matches, one bar per outlet.

    Variants run down the chart, most frequent first; within each, one horizontal bar per
    outlet (in the outlet's fixed colour) shows the share, and a line across its end the
    confidence interval (``share_low`` to ``share_high``) when the table has one.

    Parameters
    ----------
    scores : pandas.DataFrame
        A scores table (``framing.score``) with one row per ``by`` × variant for the
        concept: columns ``by``, ``concept``, ``variant``, ``share`` and optionally
        ``share_low``, ``share_high`` and ``count`` (orders the variants).
    concept : str
        The concept whose variants are compared.
    by : str, default "outlet"
        The group column, one bar colour per value.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure by default.
    colors : dict, optional
        Colour per group value; by default the fixed outlet colours (see ``style``).
    source : bool or str, default False
        True adds a note of the table's provenance under the chart; a string adds itself.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> import framing.plot
    >>> scores = pd.DataFrame({
    ...     "outlet": ["RT", "RT", "BBC", "BBC"],
    ...     "concept": "name of the war",
    ...     "variant": ["special operation", "war", "special operation", "war"],
    ...     "count": [30, 10, 2, 38],
    ...     "share": [0.75, 0.25, 0.05, 0.95],
    ...     "share_low": [0.62, 0.14, 0.0, 0.88],
    ...     "share_high": [0.86, 0.38, 0.12, 1.0]})
    >>> ax = framing.plot.shares(scores, concept="name of the war")
    >>> ax.get_title()
    'name of the war'
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['war', 'special operation']
    """
    require_columns(scores, [by, "concept", "variant", "share"], function="shares", name="scores")
    rows = select(scores, "concept", concept, function="shares")
    refuse_duplicates(rows, [by, "variant"], function="shares")
    groups = ordered(rows[by])
    palette = _colors_for(rows[by], colors)
    if "count" in rows.columns:
        totals = rows.groupby("variant", observed=True)["count"].sum()
        variants = sorted(totals.index.astype(str), key=lambda name: (-totals[name], name))
    else:
        variants = ordered(rows["variant"])
    has_interval = {"share_low", "share_high"} <= set(rows.columns)

    ax = axes_for(ax)
    height = 0.8 / len(groups)
    for index, group in enumerate(groups):
        part = rows[rows[by].astype(str) == group]
        part = part.set_index(part["variant"].astype(str))
        part = part.reindex(variants)  # a variant this group never used: no bar, not zero
        positions = np.arange(len(variants)) + (index - (len(groups) - 1) / 2) * height
        values = part["share"].to_numpy(float)
        error = None
        if has_interval:
            low = part["share_low"].to_numpy(float)
            high = part["share_high"].to_numpy(float)
            error = np.vstack([np.clip(values - low, 0, None), np.clip(high - values, 0, None)])
        ax.barh(
            positions,
            values,
            height=height * 0.92,
            color=palette[group],
            label=group,
            xerr=error,
            error_kw={"elinewidth": 0.8, "capsize": 0, "ecolor": "0.2"},
        )
    ax.set_yticks(np.arange(len(variants)), variants)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("share of matches" + (" (line: interval)" if has_interval else ""))
    ax.set_title(str(concept))
    legend_outside(ax, title=by)
    finish(ax, scores, source)
    return ax


def heatmap(
    scores: pd.DataFrame,
    value: str = "rate",
    *,
    by: str = "outlet",
    across: str | None = None,
    concept: str | Sequence[str] | None = None,
    variant: str | Sequence[str] | None = None,
    ax: Axes | None = None,
    annotate: bool = True,
    cmap: str | None = None,
    source: bool | str = False,
) -> Axes:
    """Heatmap of outlets by concept (or variant), each cell annotated with its value.

    Parameters
    ----------
    scores : pandas.DataFrame
        A scores table with one row per ``by`` × concept × variant: columns ``by``,
        ``concept``, ``variant`` and ``value``.
    value : {"rate", "share"}, default "rate"
        ``"rate"``: matches per 10,000 tokens; ``"share"``: a variant's share of its
        concept's matches.
    by : str, default "outlet"
        The group column: one row of cells per value.
    across : {"concept", "variant"}, optional
        One column of cells per concept (rates summed over the concept's variants, which
        share the group's token count) or per variant. Default: "concept" for rates and
        for shares of one variant per concept, "variant" for other shares (the shares of
        all of a concept's variants always add up to 100%, so shares per concept need one
        variant per concept: ``variant=`` or a table filtered to one).
    concept : str or list of str, optional
        Only these concepts.
    variant : str or list of str, optional
        Only these variants (e.g. the Russian-state variant of each concept).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure by default.
    annotate : bool, default True
        Write each cell's value in it ("–" where the group has no value).
    cmap : str, optional
        A matplotlib colour map; default the style's (cividis).
    source : bool or str, default False
        True adds a note of the table's provenance; a string adds itself.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> import framing.plot
    >>> scores = pd.DataFrame({
    ...     "outlet": ["RT", "RT", "BBC", "BBC"],
    ...     "concept": ["name of the war", "Kyiv spelling"] * 2,
    ...     "variant": ["special operation", "Kiev", "war", "Kyiv"],
    ...     "rate": [4.2, 1.5, 3.9, 2.2]})
    >>> ax = framing.plot.heatmap(scores, value="rate")
    >>> [text.get_text() for text in ax.texts]
    ['2.2', '3.9', '1.5', '4.2']
    >>> scores["share"] = [0.9, 0.8, 0.1, 0.2]
    >>> ax = framing.plot.heatmap(scores, "share", variant=["special operation", "Kiev"])
    >>> [label.get_text() for label in ax.get_xticklabels()]
    ['Kyiv spelling: Kiev', 'name of the war: special operation']
    """
    function = "heatmap"
    check_choice(value, "value", function, ("rate", "share"))
    if across is not None:
        check_choice(across, "across", function, ("concept", "variant"))
    require_columns(scores, [by, "concept", "variant", value], function=function, name="scores")
    rows = scores
    for column, chosen in (("concept", concept), ("variant", variant)):
        if chosen is not None:
            wanted = [chosen] if isinstance(chosen, str) else list(chosen)
            for name in wanted:
                select(rows, column, name, function=function)
            rows = rows[rows[column].isin(wanted)]
    refuse_duplicates(rows, [by, "concept", "variant"], function=function)
    variants_per_concept = rows.groupby(rows["concept"].astype(str))["variant"].nunique()
    one_variant_each = bool((variants_per_concept <= 1).all())
    if across is None:
        across = "concept" if value == "rate" or one_variant_each else "variant"
    if value == "share" and across == "concept" and not one_variant_each:
        crowded = variants_per_concept[variants_per_concept > 1].index[0]
        several = sorted(rows.loc[rows["concept"] == crowded, "variant"].astype(str).unique())
        raise ValueError(
            "plot.heatmap: the shares of a concept's variants add up to 100%, so a share per "
            f"concept needs one variant per concept; the concept {crowded!r} has {several}. "
            "Pick one variant of each with variant=[...], use across='variant', or "
            "value='rate'."
        )
    rows = rows.assign(
        **{by: rows[by].astype(str), "concept": rows["concept"].astype(str)},
        variant=rows["variant"].astype(str),
    )
    if across == "concept":
        # min_count=1: a concept with no rate for a group stays empty, not zero.
        matrix = rows.groupby([by, "concept"])[value].sum(min_count=1).unstack("concept")
        columns = ordered(scores.loc[rows.index, "concept"])
        column_labels = columns
        if value == "share":  # name the one variant whose share each column shows
            chosen = dict(zip(rows["concept"], rows["variant"], strict=True))
            column_labels = [f"{name}: {chosen[name]}" for name in columns]
    else:
        keys = sorted(set(zip(rows["concept"], rows["variant"], strict=True)))
        several = len({concept_name for concept_name, _ in keys}) > 1
        rows = rows.assign(_column=list(zip(rows["concept"], rows["variant"], strict=True)))
        matrix = rows.pivot(index=by, columns="_column", values=value)
        columns = keys
        column_labels = [f"{c}: {v}" if several else v for c, v in keys]
    groups = ordered(scores.loc[rows.index, by])
    matrix = matrix.reindex(index=groups, columns=columns).astype(float)
    data = matrix.to_numpy()

    ax = axes_for(ax)
    colour_map = mpl.colormaps[cmap or mpl.rcParams["image.cmap"]]
    maximum = 1.0 if value == "share" else (np.nanmax(data) if np.isfinite(data).any() else 1.0)
    image = ax.imshow(
        np.ma.masked_invalid(data), aspect="auto", cmap=colour_map, vmin=0, vmax=maximum
    )
    ax.set_xticks(np.arange(len(column_labels)), column_labels, rotation=30, ha="right")
    ax.set_yticks(np.arange(len(groups)), groups)
    ax.grid(False)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if annotate:
        for row, column in np.ndindex(data.shape):
            cell = data[row, column]
            if np.isnan(cell):
                text, colour = "–", "0.3"
            else:
                text = f"{cell:.0%}" if value == "share" else f"{cell:.1f}"
                red, green, blue = to_rgb(colour_map(cell / maximum if maximum else 0.0))
                # Dark text on light cells, light text on dark ones (relative luminance).
                light = 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.5
                colour = "black" if light else "white"
            ax.text(column, row, text, ha="center", va="center", color=colour, fontsize="small")
    label = RATE_LABEL if value == "rate" else "share of the concept's matches"
    colorbar = ax.figure.colorbar(image, ax=ax, label=label)
    if value == "share":
        colorbar.ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    colorbar.outline.set_visible(False)
    ax.set_title(
        f"{RATE_LABEL.capitalize()}, by {across}" if value == "rate" else f"Shares by {across}"
    )
    finish(ax, scores, source)
    return ax
