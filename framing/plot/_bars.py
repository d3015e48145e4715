"""Shares of variants per outlet, and the outlet-by-concept heatmap."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.patches import Rectangle
from matplotlib.ticker import PercentFormatter

from framing._checks import keyword_only, renamed
from framing.plot._common import (
    RATE_LABEL,
    SHARE_LABEL,
    SMALL_ALPHA,
    axes_for,
    check_choice,
    check_min_docs,
    finish,
    interval_words,
    legend_outside,
    ordered,
    refuse_duplicates,
    require_columns,
    select,
    set_title,
    small_groups,
    small_note,
    wrap,
)
from framing.plot._labels import Labeller
from framing.plot._style import _colors_for
from framing.scoring import MIN_DOCS


@renamed("plot.shares", source="caption")
@keyword_only("plot.shares", 1, ("concept",))
def shares(
    scores: pd.DataFrame,
    *,
    concept: str,
    by: str = "outlet",
    ax: Axes | None = None,
    colors: Mapping[str, str] | None = None,
    labels: Any = None,
    title: str | None = None,
    min_docs: int = MIN_DOCS,
    caption: bool | str = False,
) -> Axes:
    """Bar chart of each variant's share of a concept's matches, one bar per outlet.

    Variants run down the chart, most frequent first; within each, one horizontal bar per
    outlet (in the outlet's fixed colour) shows the share, and a line across its end the
    confidence interval (``share_low`` to ``share_high``) when the table has one. A bar
    whose share rests on fewer than ``min_docs`` documents (``concept_docs``) is pale.

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
    labels : mapping or framing.Lexicon, optional
        Labels for the concept, its variants and the outlets (see ``framing.plot.labels``);
        by default those of the bundled lexicon the table was scored with, else the names
        with underscores as spaces.
    title : str, optional
        The title; default the concept's label. ``""`` for none.
    min_docs : int, default ``framing.scoring.MIN_DOCS`` (5)
        Bars resting on fewer documents with the concept are pale (0: none).
    caption : bool or str, default False
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
    ...     "concept": "war_name",
    ...     "variant": ["special_operation", "war", "special_operation", "war"],
    ...     "count": [30, 10, 2, 38],
    ...     "share": [0.75, 0.25, 0.05, 0.95],
    ...     "share_low": [0.62, 0.14, 0.0, 0.88],
    ...     "share_high": [0.86, 0.38, 0.12, 1.0]})
    >>> ax = framing.plot.shares(scores, concept="war_name")
    >>> ax.get_title()
    'war name'
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['war', 'special operation']
    >>> ax = framing.plot.shares(scores, concept="war_name", title="Naming the war",
    ...     labels={"special_operation": "“special operation”"})
    >>> ax.get_title(), ax.get_yticklabels()[1].get_text()
    ('Naming the war', '“special operation”')
    """
    function = "shares"
    require_columns(scores, [by, "concept", "variant", "share"], function=function, name="scores")
    min_docs = check_min_docs(min_docs, function)
    names = Labeller(labels, scores, function=function)
    rows = select(scores, "concept", concept, function=function)
    refuse_duplicates(rows, [by, "variant"], function=function)
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
    any_small = False
    for index, group in enumerate(groups):
        part = rows[rows[by].astype(str) == group]
        part = part.set_index(part["variant"].astype(str))
        part = part.reindex(variants)  # a variant this group never used: no bar, not zero
        positions = np.arange(len(variants)) + (index - (len(groups) - 1) / 2) * height
        values = part["share"].to_numpy(float)
        small = small_groups(part, "share", min_docs)
        any_small |= bool(small[~np.isnan(values)].any())
        error = None
        if has_interval:
            low = part["share_low"].to_numpy(float)
            high = part["share_high"].to_numpy(float)
            error = np.vstack([np.clip(values - low, 0, None), np.clip(high - values, 0, None)])
        bars = ax.barh(
            positions,
            values,
            height=height * 0.92,
            color=palette[group],
            label=names.group(group),
            xerr=error,
            error_kw={"elinewidth": 0.8, "capsize": 0, "ecolor": "0.2"},
        )
        for bar, faint in zip(bars.patches, small, strict=True):
            if faint:
                bar.set_alpha(SMALL_ALPHA)
    ax.set_yticks(
        np.arange(len(variants)), [wrap(names.variant(concept, name)) for name in variants]
    )
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.grid(axis="y", visible=False)
    notes = [f"line: {interval_words(scores)}"] if has_interval else []
    notes += [small_note(min_docs, "share")] if any_small else []
    ax.set_xlabel(SHARE_LABEL + ("\n" + wrap("; ".join(notes), 48) if notes else ""))
    set_title(ax, title, names.concept(concept))
    legend_outside(ax, title=names.column(by))
    finish(ax, scores, caption)
    return ax


@renamed("plot.heatmap", source="caption", concepts="concept")
@keyword_only("plot.heatmap", 1, ("value",))
def heatmap(
    scores: pd.DataFrame,
    *,
    value: str = "rate",
    by: str = "outlet",
    across: str | None = None,
    concept: str | Sequence[str] | None = None,
    variant: str | Sequence[str] | None = None,
    ax: Axes | None = None,
    annotate: bool = True,
    cmap: str | None = None,
    labels: Any = None,
    title: str | None = None,
    min_docs: int = MIN_DOCS,
    caption: bool | str = False,
) -> Axes:
    """Heatmap of outlets by concept (or variant), each cell annotated with its value.

    Only concepts with at least one hit are drawn (a lexicon of 130 concepts makes 130
    columns otherwise), unless ``concept=`` names them. A cell resting on fewer than
    ``min_docs`` documents is hatched and its number grey.

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
        Only these concepts, in this order (also those without hits). Default: every
        concept with a hit (``count`` > 0, or a value above zero), in the table's order
        (``score`` keeps the lexicon's) or the categories' of a categorical column.
    variant : str or list of str, optional
        Only these variants (e.g. the Russian-state variant of each concept).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure by default.
    annotate : bool, default True
        Write each cell's value in it ("–" where the group has no value).
    cmap : str, optional
        A matplotlib colour map; default the style's (cividis).
    labels : mapping or framing.Lexicon, optional
        Labels for concepts, variants and outlets (see ``framing.plot.labels``).
    title : str, optional
        The title; default says what the cells are. ``""`` for none.
    min_docs : int, default ``framing.scoring.MIN_DOCS`` (5)
        Cells resting on fewer documents are hatched (0: none).
    caption : bool or str, default False
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
    ...     "concept": ["war_name", "capital"] * 2,
    ...     "variant": ["special_operation", "Kiev", "war", "Kyiv"],
    ...     "rate": [4.2, 1.5, 3.9, 2.2]})
    >>> ax = framing.plot.heatmap(scores, value="rate")
    >>> [text.get_text() for text in ax.texts]
    ['3.9', '2.2', '4.2', '1.5']
    >>> [label.get_text() for label in ax.get_xticklabels()]
    ['war name', 'capital']
    >>> scores["share"] = [0.9, 0.8, 0.1, 0.2]
    >>> ax = framing.plot.heatmap(scores, value="share", variant=["special_operation", "Kiev"])
    >>> [label.get_text() for label in ax.get_xticklabels()]
    ['war name: special operation', 'capital: Kiev']
    """
    function = "heatmap"
    check_choice(value, "value", function, ("rate", "share"))
    if across is not None:
        check_choice(across, "across", function, ("concept", "variant"))
    concepts = concept
    require_columns(scores, [by, "concept", "variant", value], function=function, name="scores")
    min_docs = check_min_docs(min_docs, function)
    names = Labeller(labels, scores, function=function)
    rows = scores
    for column, chosen in (("concept", concepts), ("variant", variant)):
        if chosen is not None:
            wanted = [chosen] if isinstance(chosen, str) else list(chosen)
            for name in wanted:
                select(rows, column, name, function=function)
            rows = rows[rows[column].isin(wanted)]
    if concepts is None:
        rows = _with_hits(rows, value)
        if rows.empty:
            raise ValueError(
                "plot.heatmap: no concept in the table has a hit, so there is nothing to "
                "draw. Pass concept=[...] to draw chosen concepts anyway."
            )
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
    small = pd.Series(small_groups(rows, value, min_docs), index=rows.index)
    rows = rows.assign(
        **{by: rows[by].astype(str), "concept": rows["concept"].astype(str)},
        variant=rows["variant"].astype(str),
        _small=small,
    )
    if concepts is not None:
        order = [concepts] if isinstance(concepts, str) else [str(c) for c in concepts]
    elif isinstance(scores["concept"].dtype, pd.CategoricalDtype):
        order = [c for c in ordered(scores["concept"]) if c in set(rows["concept"])]
    else:
        order = list(dict.fromkeys(rows["concept"]))  # table order: score's is the lexicon's
    if across == "concept":
        # min_count=1: a concept with no rate for a group stays empty, not zero.
        matrix = rows.groupby([by, "concept"])[value].sum(min_count=1).unstack("concept")
        faint = rows.groupby([by, "concept"])["_small"].any().unstack("concept")
        columns = order
        column_labels = [names.concept(name) for name in columns]
        if value == "share":  # name the one variant whose share each column shows
            chosen = dict(zip(rows["concept"], rows["variant"], strict=True))
            column_labels = [
                f"{names.concept(name)}: {names.variant(name, chosen[name])}" for name in columns
            ]
    else:
        rank = {name: index for index, name in enumerate(order)}
        keys = sorted(
            dict.fromkeys(zip(rows["concept"], rows["variant"], strict=True)),
            key=lambda key: rank.get(key[0], len(rank)),
        )
        several = len({concept_name for concept_name, _ in keys}) > 1
        rows = rows.assign(_column=list(zip(rows["concept"], rows["variant"], strict=True)))
        matrix = rows.pivot(index=by, columns="_column", values=value)
        faint = rows.pivot(index=by, columns="_column", values="_small")
        columns = keys
        column_labels = [
            f"{names.concept(c)}: {names.variant(c, v)}" if several else names.variant(c, v)
            for c, v in keys
        ]
    groups = ordered(scores.loc[rows.index, by])
    matrix = matrix.reindex(index=groups, columns=columns).astype(float)
    data = matrix.to_numpy()
    # eq(True), not fillna(False): pandas 2.2 warns about downcasting object columns.
    faint_cells = faint.reindex(index=groups, columns=columns).eq(True).to_numpy(bool)

    ax = axes_for(ax)
    colour_map = mpl.colormaps[cmap or mpl.rcParams["image.cmap"]]
    maximum = 1.0 if value == "share" else (np.nanmax(data) if np.isfinite(data).any() else 1.0)
    image = ax.imshow(
        np.ma.masked_invalid(data), aspect="auto", cmap=colour_map, vmin=0, vmax=maximum
    )
    # One line each, slanted: parallel slanted lines never touch while the cells are
    # wider than a line of text (a wrapped label's lines would spread onto its neighbours).
    ax.set_xticks(
        np.arange(len(column_labels)),
        column_labels,
        rotation=30 if len(column_labels) <= 8 else 45,
        ha="right",
        rotation_mode="anchor",
    )
    ax.set_yticks(np.arange(len(groups)), [names.group(group) for group in groups])
    ax.grid(False)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    for row, column in zip(*np.nonzero(faint_cells), strict=True):
        ax.add_patch(
            Rectangle(
                (column - 0.5, row - 0.5),
                1,
                1,
                fill=False,
                hatch="////",
                edgecolor="0.85",
                linewidth=0,
            )
        )
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
                if faint_cells[row, column]:
                    colour = "0.45" if light else "0.75"
            ax.text(column, row, text, ha="center", va="center", color=colour, fontsize="small")
    label = RATE_LABEL if value == "rate" else SHARE_LABEL
    colorbar = ax.figure.colorbar(image, ax=ax, label=label)
    if value == "share":
        colorbar.ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    colorbar.outline.set_visible(False)
    if faint_cells.any():
        ax.set_xlabel("hatched: " + small_note(min_docs, value).removeprefix("pale: "))
    default = (
        f"{RATE_LABEL.capitalize()}, by {across}"
        if value == "rate"
        else f"{SHARE_LABEL.capitalize()}, by {across}"
    )
    set_title(ax, title, default)
    finish(ax, scores, caption)
    return ax


def _with_hits(rows: pd.DataFrame, value: str) -> pd.DataFrame:
    """The rows of concepts with at least one hit in the table."""
    concept = rows["concept"].astype(str)
    if "count" in rows.columns:
        used = pd.to_numeric(rows["count"], errors="coerce").fillna(0).groupby(concept).sum() > 0
    else:
        numbers = pd.to_numeric(rows[value], errors="coerce")
        used = numbers.fillna(0).groupby(concept).max() > 0
    return rows[concept.map(used).fillna(False).to_numpy(bool)]
