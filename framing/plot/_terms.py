"""Term statistics: the "Fightin' words" scatter and the ranked-bar form."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from framing._checks import check_whole, keyword_only, renamed
from framing.plot._common import (
    axes_for,
    check_choice,
    finish,
    require_columns,
    set_title,
    thin_overlapping_ticks,
)
from framing.plot._labels import Labeller
from framing.plot._style import MUTED, PALETTE, _colors_for

_OTHER_COLOUR = "#555555"


def _rows_for_group(comparison: pd.DataFrame, group: str | None) -> tuple[pd.DataFrame, str, str]:
    """The rows of one group, their total frequency column, and the group's name."""
    function = "log_odds"
    if isinstance(comparison, pd.DataFrame) and "term" not in comparison.columns:
        if comparison.index.name == "term":  # framing.log_odds indexes its result by term
            comparison = comparison.reset_index()
    require_columns(comparison, ["term", "z"], function=function, name="comparison")
    if "group" in comparison.columns:
        require_columns(comparison, ["count", "other_count"], function=function, name="comparison")
        groups = sorted({str(name) for name in comparison["group"].dropna()})
        if group is None:
            if len(groups) != 1:
                raise ValueError(
                    f"plot.log_odds draws one group against the rest; the comparison has the "
                    f"groups {groups}. Pass group=... to choose one."
                )
            group = groups[0]
        check_choice(group, "group", "log_odds", groups)
        rows = comparison[comparison["group"].astype(str) == group]
        frequency = rows["count"].to_numpy(float) + rows["other_count"].to_numpy(float)
    else:
        # framing.log_odds: a target and a reference, no group column (count_a/count_b in
        # tables made by framing 0.1).
        old = {"count_a", "count_b"} <= set(comparison.columns)
        counts = ["count_a", "count_b"] if old else ["count_target", "count_reference"]
        require_columns(comparison, counts, function=function, name="comparison")
        rows = comparison
        frequency = rows[counts[0]].to_numpy(float) + rows[counts[1]].to_numpy(float)
        group = group or "target"
    rows = rows.assign(_frequency=frequency, term=rows["term"].astype(str))
    repeated = rows["term"][rows["term"].duplicated()]
    if not repeated.empty:
        raise ValueError(
            f"plot.log_odds needs one row per term for the group; {sorted(set(repeated))[:5]} "
            "appear more than once."
        )
    return rows, "_frequency", group


def _top(rows: pd.DataFrame, n: int, *, sign: int | None = None) -> pd.DataFrame:
    """The ``n`` terms with the largest z (by size, or on one side), ties broken by term."""
    if sign is None:
        key = -rows["z"].abs()
    else:
        rows = rows[np.sign(rows["z"]) == sign]
        key = -sign * rows["z"]
    return rows.assign(_key=key).sort_values(["_key", "term"], kind="stable").head(n)


def _repel(
    anchors: np.ndarray,
    sizes: np.ndarray,
    bounds: tuple[float, float, float, float],
    *,
    padding: float = 2.0,
    iterations: int = 300,
) -> np.ndarray:
    """Place label boxes near their anchor points so that no two overlap.

    Deterministic: boxes start beside their points (right, or left in the right third of
    the axes); then each pass pushes every overlapping pair apart along the axis of the
    smaller overlap, half each way, and pushes boxes off the labelled points, until no
    box overlaps another or ``iterations`` passes are done. Coordinates are display
    pixels; returns the box centres.
    """
    left, bottom, right, top = bounds
    half = sizes / 2 + padding / 2
    centres = anchors.astype(float).copy()
    on_left = anchors[:, 0] > left + (right - left) * 2 / 3
    offset = half[:, 0] + 3
    centres[:, 0] += np.where(on_left, -offset, offset)
    count = len(anchors)

    def clamp() -> None:
        centres[:, 0] = np.clip(centres[:, 0], left + half[:, 0], right - half[:, 0])
        centres[:, 1] = np.clip(centres[:, 1], bottom + half[:, 1], top - half[:, 1])

    clamp()
    for _ in range(iterations):
        moved = False
        for i in range(count):
            for j in range(i + 1, count):
                gap = centres[j] - centres[i]
                overlap = half[i] + half[j] - np.abs(gap)
                if overlap[0] <= 0 or overlap[1] <= 0:
                    continue
                moved = True
                axis = 1 if overlap[1] <= overlap[0] else 0
                # Equal centres: the later label goes up (or right), by a fixed rule.
                direction = np.sign(gap[axis]) or 1.0
                step = overlap[axis] / 2 + 0.5
                centres[i, axis] -= direction * step
                centres[j, axis] += direction * step
            for k in range(count):
                gap = anchors[k] - centres[i]
                overlap = half[i] + 2 - np.abs(gap)
                if overlap[0] > 0 and overlap[1] > 0:
                    moved = True
                    direction = -(np.sign(gap[1]) or 1.0)
                    centres[i, 1] += direction * (overlap[1] + 0.5)
        clamp()
        if not moved:
            break
    return centres


def _without_overlaps(centres: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Which labels to keep: in order of priority, each that overlaps no kept label."""
    kept = np.zeros(len(centres), dtype=bool)
    for index in range(len(centres)):
        gaps = np.abs(centres[kept] - centres[index])
        reach = (sizes[kept] + sizes[index]) / 2
        if not ((gaps < reach).all(axis=1)).any():
            kept[index] = True
    return kept


def _label_points(ax: Axes, rows: pd.DataFrame, x: str) -> None:
    """Label the points of ``rows`` with their terms, without labels overlapping."""
    figure = ax.figure
    # Settle the layout first: label positions are computed in display pixels.
    figure.draw_without_rendering()
    anchors = ax.transData.transform(np.column_stack([rows[x], rows["z"]]))
    texts = [ax.text(0, 0, term, fontsize="small", transform=None) for term in rows["term"]]
    sizes = np.array([[box.width, box.height] for box in (t.get_window_extent() for t in texts)])
    for text in texts:
        text.remove()
    box = ax.get_window_extent()
    centres = _repel(anchors, sizes, (box.x0, box.y0, box.x1, box.y1))
    kept = _without_overlaps(centres, sizes)
    if not kept.all():
        dropped = list(rows["term"][~kept])
        warnings.warn(
            f"plot.log_odds: no room to label {dropped} without overlapping other labels; "
            "they are left unlabelled. Use a larger figure or a smaller n.",
            UserWarning,
            stacklevel=3,
        )
    points_per_pixel = 72.0 / figure.dpi
    points = zip(rows["term"], rows[x], rows["z"], anchors, centres, sizes, strict=True)
    for keep, (term, x_value, z_value, anchor, centre, size) in zip(kept, points, strict=True):
        if not keep:
            continue
        offset = (centre - anchor) * points_per_pixel
        far = np.hypot(*offset) > (size[0] / 2 + 6) * points_per_pixel
        label = ax.annotate(
            term,
            xy=(x_value, z_value),
            xycoords="data",
            xytext=tuple(offset),
            textcoords="offset points",
            ha="center",
            va="center",
            fontsize="small",
            arrowprops={"arrowstyle": "-", "color": "0.5", "linewidth": 0.5} if far else None,
        )
        # Labels stay where they were placed; they must not move the axes in the layout.
        label.set_in_layout(False)


@renamed("plot.log_odds", source="caption")
@keyword_only("plot.log_odds", 1, ("n",))
def log_odds(
    comparison: pd.DataFrame,
    *,
    n: int = 20,
    kind: str = "scatter",
    group: str | None = None,
    threshold: float = 1.96,
    ax: Axes | None = None,
    colors: Mapping[str, str] | None = None,
    labels: Any = None,
    title: str | None = None,
    caption: bool | str = False,
) -> Axes:
    """The "Fightin' words" chart: which terms set a group apart from the rest.

    ``kind="scatter"`` plots every term's total frequency (log scale) against the z-score
    of its log-odds ratio (Monroe, Colaresi & Quinn 2008), colours the terms beyond
    ``threshold`` and labels the ``n`` largest by absolute z, moving labels apart so none
    overlaps another. ``kind="bar"`` ranks the ``n`` terms most typical of the group and
    the ``n`` most typical of the rest as diverging bars of z.

    Parameters
    ----------
    comparison : pandas.DataFrame
        Term statistics from ``framing.compare_groups`` (columns ``term``, ``group``,
        ``count``, ``other_count``, ``z``) or from ``framing.log_odds`` (indexed by
        ``term``, with ``count_target``, ``count_reference``, ``z``: the target against the
        reference).
    n : int, default 20
        Terms labelled (scatter) or shown on each side (bar).
    kind : {"scatter", "bar"}, default "scatter"
    group : str, optional
        The group to draw against the rest; required when the table has several.
    threshold : float, default 1.96
        The |z| beyond which a term is coloured (1.96: two-sided 5% without correction).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure by default.
    colors : dict, optional
        Colour per group; by default the group's outlet colour, or the first palette colour.
    labels : mapping, optional
        Labels for the group and its reference (outlet names by default).
    title : str, optional
        The title; default "group vs. the rest" (or the named reference). ``""`` for none.
    caption : bool or str, default False
        True adds a note of the table's provenance; a string adds itself.

    Returns
    -------
    matplotlib.axes.Axes

    Notes
    -----
    The frequency axis is logarithmic, with ticks at 1, 2 and 5 times each power of ten
    when the terms span two decades or less, else at the powers of ten, written 1k, 10k,
    1M; ticks whose labels would touch are left out.

    Examples
    --------
    >>> import pandas as pd
    >>> import framing.plot
    >>> comparison = pd.DataFrame({
    ...     "term": ["special operation", "Kiev", "war", "invasion", "Kyiv", "said"],
    ...     "group": "RT",
    ...     "count": [40, 25, 5, 2, 3, 60],
    ...     "other_count": [2, 4, 50, 30, 35, 70],
    ...     "z": [6.1, 4.0, -5.2, -4.4, -4.9, 0.3]})
    >>> ax = framing.plot.log_odds(comparison, n=5)
    >>> sorted(text.get_text() for text in ax.texts)
    ['Kiev', 'Kyiv', 'invasion', 'special operation', 'war']
    >>> ax = framing.plot.log_odds(comparison, n=2, kind="bar")
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['special operation', 'Kiev', 'Kyiv', 'war']
    """
    check_choice(kind, "kind", "log_odds", ("scatter", "bar"))
    n = check_whole(n, parameter="n", function="plot.log_odds", minimum=0)
    names = Labeller(labels, None, function="log_odds")
    rows, frequency, group = _rows_for_group(comparison, group)
    if colors is not None:
        colour = _colors_for(pd.Series([group]), colors)[group]
    elif "group" in comparison.columns:
        colour = _colors_for(comparison["group"], None)[group]
    else:
        colour = PALETTE[0]
    parameters = comparison.attrs.get("framing", {}).get("parameters", {})
    reference = parameters.get("reference", "rest") if isinstance(parameters, dict) else "rest"
    other = "the rest" if reference in (None, "rest") else names.group(reference)
    ax = axes_for(ax)
    z_label = "z-score of the log-odds ratio"

    if kind == "bar":
        above = _top(rows, n, sign=1)
        below = _top(rows, n, sign=-1).iloc[::-1]
        shown = pd.concat([above, below])
        positions = np.arange(len(shown))
        bar_colours = np.where(shown["z"] > 0, colour, _OTHER_COLOUR)
        ax.barh(positions, shown["z"], color=bar_colours, height=0.75)
        ax.set_yticks(positions, shown["term"])
        ax.invert_yaxis()
        ax.axvline(0, color="0.2", linewidth=0.8)
        for limit in (threshold, -threshold):
            ax.axvline(limit, color="0.5", linestyle=":", linewidth=0.8)
        ax.grid(axis="y", visible=False)
        ax.set_xlabel(z_label)
        set_title(ax, title, f"{names.group(group)} (top) vs. {other} (bottom)")
        finish(ax, comparison, caption)
        return ax

    nonpositive = rows.loc[rows[frequency] <= 0, "term"]
    if not nonpositive.empty:
        raise ValueError(
            f"plot.log_odds plots frequency on a log scale; the terms {list(nonpositive)[:5]} "
            "have a total count of 0. Drop terms that never occur first."
        )
    z = rows["z"].to_numpy(float)
    point_colours = np.where(
        z >= threshold, colour, np.where(z <= -threshold, _OTHER_COLOUR, MUTED)
    )
    ax.scatter(rows[frequency], z, c=list(point_colours), s=10, linewidths=0, zorder=2)
    ax.set_xscale("log")
    positive = rows[frequency].to_numpy(float)
    decades = np.log10(positive.max() / positive.min()) if len(positive) else 0.0
    # 1, 2, 5 × 10^k within two decades (so a narrow range still has ticks), else 10^k.
    subs = (1.0, 2.0, 5.0) if decades <= 2 else (1.0,)
    ax.xaxis.set_major_locator(LogLocator(base=10, subs=subs, numticks=12))
    ax.xaxis.set_major_formatter(FuncFormatter(_compact_number))
    ax.xaxis.set_minor_formatter(NullFormatter())
    for limit in (threshold, -threshold):
        ax.axhline(limit, color="0.5", linestyle=":", linewidth=0.8, zorder=1)
    ax.axhline(0, color="0.2", linewidth=0.6, zorder=1)
    ax.set_xlabel("frequency (matches in both groups, log scale)")
    ax.set_ylabel(z_label)
    set_title(ax, title, f"{names.group(group)} vs. {other}")
    finish(ax, comparison, caption)  # before labelling: the note takes part in the layout
    thin_overlapping_ticks(ax, "x")
    if n:
        _label_points(ax, _top(rows, n), frequency)
    return ax


def _compact_number(value: float, _: Any = None) -> str:
    """1, 20, 500, 1,000, 10k, 200k, 1M: short tick labels for a count."""
    if value >= 1e6:
        return f"{value / 1e6:g}M"
    if value >= 1e4:
        return f"{value / 1e3:g}k"
    if value >= 1:
        return f"{value:,.0f}"
    return f"{value:g}"
