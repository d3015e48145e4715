"""Rates or shares over time, one line per outlet, with interval bands and events."""

from __future__ import annotations

import math
from collections.abc import Mapping

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from framing.plot._common import (
    RATE_LABEL,
    check_choice,
    finish,
    legend_outside,
    ordered,
    refuse_duplicates,
    require_columns,
    select,
    to_naive_utc,
)
from framing.plot._style import MUTED, _colors_for


def _series(
    scores: pd.DataFrame, concept: str, variant: str | None, value: str, by: str, time: str
) -> tuple[pd.DataFrame, bool]:
    """Rows of (by, time, value[, low, high]) to draw, and whether they have bands."""
    function = "timeline"
    check_choice(value, "value", function, ("rate", "share"))
    required = [by, time, "concept", value] + ([] if variant is None else ["variant"])
    require_columns(scores, required, function=function, name="scores")
    rows = select(scores, "concept", concept, function=function)
    if variant is None:
        if value == "share":
            raise ValueError(
                "plot.timeline: a share is a variant's share of its concept, so "
                "value='share' needs a variant. Got variant=None."
            )
        if "variant" in rows.columns:
            refuse_duplicates(rows, [by, time, "variant"], function=function)
        # The variants of one group and period share its token count, so their rates add
        # up to the concept's rate. Their intervals do not add up, so no band is drawn.
        summed = rows.groupby([by, time], observed=True)[value].sum(min_count=1)
        frame = summed.reset_index()
        has_band = False
    else:
        rows = select(rows, "variant", variant, function=function)
        refuse_duplicates(rows, [by, time], function=function)
        low, high = f"{value}_low", f"{value}_high"
        has_band = {low, high} <= set(rows.columns)
        frame = rows[[by, time, value] + ([low, high] if has_band else [])].copy()
    frame[time] = to_naive_utc(frame[time])
    frame[by] = frame[by].astype(str)
    return frame.sort_values([by, time], kind="stable"), has_band


def _parse_events(events: Mapping[str, str] | None) -> list[tuple[pd.Timestamp, str]]:
    parsed = []
    for when, label in (events or {}).items():
        try:
            moment = pd.Timestamp(when)
        except (ValueError, TypeError):
            raise ValueError(
                f"The 'events' parameter of plot.timeline maps dates ('2022-02-24') to "
                f"labels. Got the key {when!r}, which is not a date."
            ) from None
        if moment.tzinfo is not None:
            moment = moment.tz_convert("UTC").tz_localize(None)
        parsed.append((moment, str(label)))
    return sorted(parsed)


def _draw_events(ax: Axes, events: list[tuple[pd.Timestamp, str]], *, labels: bool) -> None:
    for moment, label in events:
        ax.axvline(moment, color="0.35", linestyle="--", linewidth=0.8, zorder=1)
        if labels:
            ax.annotate(
                label,
                xy=(moment, 1),
                xycoords=("data", "axes fraction"),
                xytext=(2, -2),
                textcoords="offset points",
                rotation=90,
                ha="left",
                va="top",
                fontsize="small",
                color="0.25",
            )


def _draw_line(ax: Axes, part: pd.DataFrame, value: str, time: str, colour: str, **line) -> None:
    ax.plot(part[time], part[value], color=colour, marker="o", **line)


def _format_axis(ax: Axes, value: str) -> None:
    locator = mdates.AutoDateLocator(minticks=3, maxticks=7)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if value == "share":
        ax.set_ylim(0, 1)
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    else:
        ax.set_ylim(bottom=0)


def timeline(
    scores: pd.DataFrame,
    concept: str,
    variant: str | None = None,
    *,
    value: str = "rate",
    by: str = "outlet",
    time: str = "period",
    events: Mapping[str, str] | None = None,
    small_multiples: bool = False,
    columns: int = 3,
    ax: Axes | None = None,
    colors: Mapping[str, str] | None = None,
    source: bool | str = False,
) -> Axes | Figure:
    """Line chart of a concept's (or variant's) rate or share over time, per outlet.

    One line per outlet, in its fixed colour, over the period starts of a scores table
    made with time bins; a band shows each point's confidence interval
    (``share_low``/``share_high``, or ``rate_low``/``rate_high`` when the table has them).
    Dated events are drawn as dashed vertical lines with their labels.

    Parameters
    ----------
    scores : pandas.DataFrame
        A scores table with columns ``by``, ``time``, ``concept``, ``variant``, ``value``.
    concept : str
        The concept to draw.
    variant : str, optional
        One variant of it. Without one, the concept's rate (its variants' rates summed:
        no band, as intervals do not add up). Required for ``value="share"``.
    value : {"rate", "share"}, default "rate"
        Matches per 10,000 tokens, or the variant's share of the concept's matches.
    by : str, default "outlet"
        The group column: one line per value.
    time : str, default "period"
        The column of period starts (dates).
    events : dict, optional
        Date (anything ``pandas.Timestamp`` reads) to label, e.g.
        ``{"2022-02-24": "full-scale invasion"}``.
    small_multiples : bool, default False
        One panel per outlet, sharing both axes, with the other outlets faint behind it.
        Returns the Figure.
    columns : int, default 3
        Panels per row for ``small_multiples``.
    ax : matplotlib.axes.Axes, optional
        Where to draw (not with ``small_multiples``); a new figure by default.
    colors : dict, optional
        Colour per group value; by default the fixed outlet colours (see ``style``).
    source : bool or str, default False
        True adds a note of the table's provenance; a string adds itself.

    Returns
    -------
    matplotlib.axes.Axes, or matplotlib.figure.Figure with ``small_multiples=True``

    Examples
    --------
    >>> import pandas as pd
    >>> import framing.plot
    >>> periods = pd.to_datetime(["2022-01-01", "2022-02-01", "2022-03-01"], utc=True)
    >>> scores = pd.DataFrame({
    ...     "outlet": ["RT"] * 3 + ["BBC"] * 3,
    ...     "period": list(periods) * 2,
    ...     "concept": "name of the war", "variant": "war",
    ...     "share": [0.1, 0.2, 0.1, 0.6, 0.9, 0.95],
    ...     "share_low": [0.0, 0.1, 0.0, 0.5, 0.8, 0.9],
    ...     "share_high": [0.2, 0.3, 0.2, 0.7, 1.0, 1.0]})
    >>> ax = framing.plot.timeline(scores, concept="name of the war", variant="war",
    ...     value="share", events={"2022-02-24": "full-scale invasion"})
    >>> ax.get_title(), len(ax.get_lines())
    ("name of the war: 'war'", 3)
    >>> fig = framing.plot.timeline(scores, "name of the war", "war", value="share",
    ...     small_multiples=True)
    >>> [panel.get_title() for panel in fig.axes]
    ['BBC', 'RT']
    """
    frame, has_band = _series(scores, concept, variant, value, by, time)
    parsed_events = _parse_events(events)
    groups = (
        ordered(frame[by])
        if not isinstance(scores[by].dtype, pd.CategoricalDtype)
        else [group for group in ordered(scores[by]) if group in set(frame[by])]
    )
    palette = _colors_for(scores.loc[scores[by].astype(str).isin(groups), by], colors)
    title = str(concept) if variant is None else f"{concept}: {variant!r}"
    ylabel = RATE_LABEL if value == "rate" else "share of the concept's matches"
    low, high = f"{value}_low", f"{value}_high"

    if small_multiples:
        if ax is not None:
            raise ValueError(
                "plot.timeline draws small multiples on a figure of its own; "
                "pass ax=None with small_multiples=True."
            )
        if not isinstance(columns, int) or columns < 1:
            raise ValueError(
                f"The 'columns' parameter of plot.timeline must be a positive whole number. "
                f"Got {columns!r} instead."
            )
        ncols = min(columns, len(groups))
        nrows = math.ceil(len(groups) / ncols)
        width, height = plt.rcParams["figure.figsize"]
        fig = plt.figure(figsize=(width, max(height, height * 0.55 * nrows)))
        panels = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False).ravel()
        for index, group in enumerate(groups):
            panel = panels[index]
            for other in groups:
                if other != group:
                    part = frame[frame[by] == other]
                    panel.plot(part[time], part[value], color=MUTED, linewidth=0.8, zorder=1)
            part = frame[frame[by] == group]
            if has_band:
                panel.fill_between(
                    part[time],
                    part[low],
                    part[high],
                    color=palette[group],
                    alpha=0.2,
                    linewidth=0,
                )
            _draw_line(panel, part, value, time, palette[group], zorder=3)
            _draw_events(panel, parsed_events, labels=index == 0)
            panel.set_title(group)
            _format_axis(panel, value)
        for panel in panels[len(groups) :]:
            panel.remove()
        fig.suptitle(title)
        fig.supylabel(ylabel, fontsize=plt.rcParams["axes.labelsize"])
        finish(panels[0], scores, source)
        return fig

    ax = ax if ax is not None else plt.subplots()[1]
    for group in groups:
        part = frame[frame[by] == group]
        if has_band:
            ax.fill_between(
                part[time], part[low], part[high], color=palette[group], alpha=0.15, linewidth=0
            )
        _draw_line(ax, part, value, time, palette[group], label=group, zorder=3)
    _draw_events(ax, parsed_events, labels=True)
    _format_axis(ax, value)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    legend_outside(ax, title=by)
    finish(ax, scores, source)
    return ax
