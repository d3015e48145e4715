"""Rates or shares over time, one line per outlet, with interval bands and events."""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import PercentFormatter

from framing._checks import check_whole, keyword_only, renamed
from framing.plot._common import (
    RATE_LABEL,
    SHARE_LABEL,
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
    to_naive_utc,
)
from framing.plot._labels import Labeller
from framing.plot._style import MUTED, _colors_for
from framing.provenance import ATTRS_KEY
from framing.scoring import MIN_DOCS

_PERIOD_LENGTHS = {
    "W": pd.DateOffset(weeks=1),
    "M": pd.DateOffset(months=1),
    "Q": pd.DateOffset(months=3),
    "Y": pd.DateOffset(years=1),
}


def _series(
    scores: pd.DataFrame,
    concept: str,
    variant: str | None,
    value: str,
    by: str,
    time: str,
    min_docs: int,
) -> tuple[pd.DataFrame, bool]:
    """Rows of (by, time, value, _small[, low, high]) to draw, and whether they have bands."""
    function = "timeline"
    check_choice(value, "value", function, ("rate", "share"))
    required = [by, time, "concept", value] + ([] if variant is None else ["variant"])
    require_columns(scores, required, function=function, name="scores")
    rows = select(scores, "concept", concept, function=function)
    low, high = f"{value}_low", f"{value}_high"
    if variant is None:
        if value == "share":
            raise ValueError(
                "plot.timeline: a share is a variant's share of its concept, so "
                "value='share' needs a variant. Got variant=None."
            )
        if "variant" in rows.columns:
            refuse_duplicates(rows, [by, time, "variant"], function=function)
        concept_columns = ["concept_rate", "concept_rate_low", "concept_rate_high"]
        if set(concept_columns) <= set(rows.columns):
            # score gives the concept's own rate and its interval on every variant row.
            frame = rows.drop_duplicates([by, time])[[by, time, *concept_columns]]
            frame = frame.rename(
                columns=dict(zip(concept_columns, [value, low, high], strict=True))
            )
            frame["_small"] = small_groups(rows.drop_duplicates([by, time]), value, min_docs)
            has_band = True
        else:
            # The variants of one group and period share its token count, so their rates
            # add up to the concept's rate; their intervals do not, so no band is drawn.
            summed = rows.groupby([by, time], observed=True)[value].sum(min_count=1)
            frame = summed.reset_index()
            frame["_small"] = False
            has_band = False
    else:
        rows = select(rows, "variant", variant, function=function)
        refuse_duplicates(rows, [by, time], function=function)
        has_band = {low, high} <= set(rows.columns)
        frame = rows[[by, time, value] + ([low, high] if has_band else [])].copy()
        frame["_small"] = small_groups(rows, value, min_docs)
    frame[time] = to_naive_utc(frame[time])
    frame[by] = frame[by].astype(str)
    return frame.sort_values([by, time], kind="stable"), has_band


def _parse_events(events: Any) -> list[tuple[pd.Timestamp, str]]:
    if events is None:
        return []
    items = events.items() if isinstance(events, Mapping) else events
    if not isinstance(items, Iterable) or isinstance(items, str):
        raise ValueError(
            "The 'events' parameter of plot.timeline maps dates ('2022-02-24') to labels, "
            f"or is a list of (date, label) pairs. Got {events!r} instead."
        )
    parsed = []
    for item in items:
        try:
            when, label = item
            moment = pd.Timestamp(when)
        except (ValueError, TypeError):
            raise ValueError(
                f"The 'events' parameter of plot.timeline maps dates ('2022-02-24') to "
                f"labels. Got {item!r}, which is not a date and a label."
            ) from None
        if moment is pd.NaT:
            raise ValueError(
                f"The 'events' parameter of plot.timeline has a missing date: {item!r}."
            )
        if moment.tzinfo is not None:
            moment = moment.tz_convert("UTC").tz_localize(None)
        parsed.append((moment, str(label)))
    return sorted(parsed)


def _data_range(frame: pd.DataFrame, time: str, scores: pd.DataFrame) -> tuple[Any, Any]:
    """The first period start and the end of the last period (its start when the
    period length is not recorded in the table's provenance)."""
    times = frame[time].dropna()
    if times.empty:
        return None, None
    parameters = scores.attrs.get(ATTRS_KEY, {}).get("parameters", {})
    period = parameters.get("period") if isinstance(parameters, dict) else None
    last = times.max()
    end = last + _PERIOD_LENGTHS[period] if period in _PERIOD_LENGTHS else last
    return times.min(), end


def _events_in_range(
    events: list[tuple[pd.Timestamp, str]], first: Any, end: Any
) -> list[tuple[pd.Timestamp, str]]:
    """The events inside the data's time range; a warning names the others."""
    if first is None:
        return []
    inside = [(moment, label) for moment, label in events if first <= moment <= end]
    outside = [
        f"{moment:%Y-%m-%d} {label!r}" for moment, label in events if (moment, label) not in inside
    ]
    if outside:
        warnings.warn(
            f"plot.timeline: the events {outside} fall outside the data "
            f"({first:%Y-%m-%d} to {end:%Y-%m-%d}) and are not drawn.",
            UserWarning,
            stacklevel=3,
        )
    return inside


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
    """The line with filled markers, hollow where a point rests on few documents."""
    small = part["_small"].to_numpy(bool)
    ax.plot(
        part[time],
        part[value],
        color=colour,
        marker="o",
        markevery=list(np.flatnonzero(~small)),
        **line,
    )
    if small.any():
        ax.plot(
            part[time][small],
            part[value][small],
            linestyle="none",
            marker="o",
            markerfacecolor="white",
            markeredgecolor=colour,
            zorder=line.get("zorder", 2) + 0.1,
        )


def _format_axis(ax: Axes, value: str) -> None:
    locator = mdates.AutoDateLocator(minticks=3, maxticks=7)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if value == "share":
        ax.set_ylim(0, 1)
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    else:
        ax.set_ylim(bottom=0)


def _title(names: Labeller, concept: str, variant: str | None) -> str:
    if variant is None:
        return names.concept(concept)
    return f"{names.concept(concept)}: {names.variant(concept, variant)}"


def _note(frame: pd.DataFrame, has_band: bool, scores: pd.DataFrame, value: str, min_docs: int):
    notes = [f"band: {interval_words(scores)}"] if has_band else []
    if frame["_small"].any():
        notes.append(small_note(min_docs, value).replace("pale", "hollow"))
    return "; ".join(notes)


def _small_multiples_moved(wrapped: Callable[..., Any]) -> Callable[..., Any]:
    """timeline(small_multiples=True, columns=n) of 0.1 draws timeline_grid(ncols=n)."""

    @functools.wraps(wrapped)
    def wrapper(scores: pd.DataFrame, *args: Any, **kwargs: Any) -> Any:
        small_multiples = kwargs.pop("small_multiples", None)
        columns = kwargs.pop("columns", None)
        if small_multiples is None and columns is None:
            return wrapped(scores, *args, **kwargs)
        warnings.warn(
            "plot.timeline(small_multiples=True, columns=n) is now "
            "plot.timeline_grid(..., ncols=n), which returns the Figure; plot.timeline "
            "always returns Axes. The old spelling will stop working in a future release.",
            FutureWarning,
            stacklevel=2,
        )
        if not small_multiples:
            return wrapped(scores, *args, **kwargs)
        if kwargs.pop("ax", None) is not None:
            raise ValueError(
                "plot.timeline draws small multiples on a figure of its own; "
                "pass ax=None with small_multiples=True (or use plot.timeline_grid)."
            )
        if columns is not None:
            kwargs["ncols"] = columns
        return timeline_grid(scores, *args, **kwargs)

    return wrapper


@_small_multiples_moved
@renamed("plot.timeline", source="caption")
@keyword_only("plot.timeline", 1, ("concept", "variant"))
def timeline(
    scores: pd.DataFrame,
    *,
    concept: str,
    variant: str | None = None,
    value: str = "rate",
    by: str = "outlet",
    time: str = "period",
    events: Mapping[str, str] | Iterable[tuple[Any, str]] | None = None,
    ax: Axes | None = None,
    colors: Mapping[str, str] | None = None,
    labels: Any = None,
    title: str | None = None,
    min_docs: int = MIN_DOCS,
    caption: bool | str = False,
) -> Axes:
    """Line chart of a concept's (or variant's) rate or share over time, per outlet.

    One line per outlet, in its fixed colour, over the period starts of a scores table
    made with time bins; a band shows each point's confidence interval
    (``share_low``/``share_high``, ``rate_low``/``rate_high``, or for a concept's rate
    ``concept_rate_low``/``concept_rate_high``). A point resting on fewer than
    ``min_docs`` documents is hollow. Dated events inside the data's time range are
    drawn as dashed vertical lines with their labels; events outside it are left out,
    with a warning.

    Parameters
    ----------
    scores : pandas.DataFrame
        A scores table with columns ``by``, ``time``, ``concept``, ``variant``, ``value``.
    concept : str
        The concept to draw.
    variant : str, optional
        One variant of it. Without one, the concept's rate (its variants' hits summed).
        Required for ``value="share"``.
    value : {"rate", "share"}, default "rate"
        Matches per 10,000 tokens, or the variant's share of the concept's matches.
    by : str, default "outlet"
        The group column: one line per value.
    time : str, default "period"
        The column of period starts (dates).
    events : dict or list of (date, label), optional
        Dates (anything ``pandas.Timestamp`` reads) and their labels, e.g.
        ``{"2022-02-24": "full-scale invasion"}``. Only those from the first period's
        start to the last period's end are drawn.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure by default.
    colors : dict, optional
        Colour per group value; by default the fixed outlet colours (see ``style``).
    labels : mapping or framing.Lexicon, optional
        Labels for the concept, the variant and the outlets (see ``framing.plot.labels``).
    title : str, optional
        The title; default "concept: variant" in their labels. ``""`` for none.
    min_docs : int, default ``framing.scoring.MIN_DOCS`` (5)
        Points resting on fewer documents are hollow (0: none).
    caption : bool or str, default False
        True adds a note of the table's provenance; a string adds itself.

    Returns
    -------
    matplotlib.axes.Axes
        The chart. One panel per outlet (small multiples) is :func:`timeline_grid`.

    See Also
    --------
    timeline_grid : the same lines, one panel per outlet, as a Figure.

    Examples
    --------
    >>> import pandas as pd
    >>> import framing.plot
    >>> periods = pd.to_datetime(["2022-01-01", "2022-02-01", "2022-03-01"], utc=True)
    >>> scores = pd.DataFrame({
    ...     "outlet": ["RT"] * 3 + ["BBC"] * 3,
    ...     "period": list(periods) * 2,
    ...     "concept": "war_name", "variant": "war",
    ...     "share": [0.1, 0.2, 0.1, 0.6, 0.9, 0.95],
    ...     "share_low": [0.0, 0.1, 0.0, 0.5, 0.8, 0.9],
    ...     "share_high": [0.2, 0.3, 0.2, 0.7, 1.0, 1.0]})
    >>> ax = framing.plot.timeline(scores, concept="war_name", variant="war",
    ...     value="share", events={"2022-02-24": "full-scale invasion"})
    >>> ax.get_title(), len(ax.get_lines())
    ('war name: war', 3)
    """
    drawing = _Drawing.of(
        scores, concept, variant, value, by, time, events, colors, labels, min_docs, "timeline"
    )
    ax = ax if ax is not None else plt.subplots()[1]
    frame, palette, names = drawing.frame, drawing.palette, drawing.names
    for group in drawing.groups:
        part = frame[frame[by] == group]
        if drawing.has_band:
            ax.fill_between(
                part[time],
                part[drawing.low],
                part[drawing.high],
                color=palette[group],
                alpha=0.15,
                linewidth=0,
            )
        _draw_line(ax, part, value, time, palette[group], label=names.group(group), zorder=3)
    _draw_events(ax, drawing.events, labels=True)
    _format_axis(ax, value)
    set_title(ax, title, drawing.default_title)
    ax.set_ylabel(drawing.ylabel)
    if drawing.note:
        ax.set_xlabel(drawing.note, fontsize="small", color="0.35")
    legend_outside(ax, title=names.column(by))
    finish(ax, scores, caption)
    return ax


@dataclass
class _Drawing:
    """What timeline and timeline_grid draw: the series, groups, colours and texts."""

    frame: pd.DataFrame
    has_band: bool
    events: list[tuple[pd.Timestamp, str]]
    groups: list[Any]
    palette: dict[Any, str]
    names: Labeller
    default_title: str
    ylabel: str
    low: str
    high: str
    note: str | None

    @classmethod
    def of(
        cls,
        scores: pd.DataFrame,
        concept: str,
        variant: str | None,
        value: str,
        by: str,
        time: str,
        events: Any,
        colors: Mapping[str, str] | None,
        labels: Any,
        min_docs: int,
        function: str,
    ) -> _Drawing:
        min_docs = check_min_docs(min_docs, function)
        names = Labeller(labels, scores, function=function)
        frame, has_band = _series(scores, concept, variant, value, by, time, min_docs)
        parsed = _events_in_range(_parse_events(events), *_data_range(frame, time, scores))
        groups = (
            ordered(frame[by])
            if not isinstance(scores[by].dtype, pd.CategoricalDtype)
            else [group for group in ordered(scores[by]) if group in set(frame[by])]
        )
        palette = _colors_for(scores.loc[scores[by].astype(str).isin(groups), by], colors)
        return cls(
            frame=frame,
            has_band=has_band,
            events=parsed,
            groups=groups,
            palette=palette,
            names=names,
            default_title=_title(names, concept, variant),
            ylabel=RATE_LABEL if value == "rate" else SHARE_LABEL,
            low=f"{value}_low",
            high=f"{value}_high",
            note=_note(frame, has_band, scores, value, min_docs),
        )


@renamed("plot.timeline_grid", source="caption", columns="ncols")
@keyword_only("plot.timeline_grid", 1, ("concept", "variant"))
def timeline_grid(
    scores: pd.DataFrame,
    *,
    concept: str,
    variant: str | None = None,
    value: str = "rate",
    by: str = "outlet",
    time: str = "period",
    events: Mapping[str, str] | Iterable[tuple[Any, str]] | None = None,
    ncols: int = 3,
    colors: Mapping[str, str] | None = None,
    labels: Any = None,
    title: str | None = None,
    min_docs: int = MIN_DOCS,
    caption: bool | str = False,
) -> Figure:
    """Small multiples of :func:`timeline`: one panel per outlet, on a Figure of its own.

    Each panel draws one outlet in its colour, with its interval band, and the other
    outlets faint behind it; the panels share both axes. Events are drawn in every panel
    and labelled in the first.

    Parameters
    ----------
    scores : pandas.DataFrame
        As in :func:`timeline`.
    concept, variant, value, by, time, events, colors, labels, min_docs, caption
        As in :func:`timeline`.
    ncols : int, default 3
        Panels per row.
    title : str, optional
        The figure's title; default "concept: variant" in their labels. ``""`` for none.

    Returns
    -------
    matplotlib.figure.Figure
        The figure; its panels are ``fig.axes``, in the outlets' order.

    See Also
    --------
    timeline : all outlets on one Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> import framing.plot
    >>> periods = pd.to_datetime(["2022-01-01", "2022-02-01", "2022-03-01"], utc=True)
    >>> scores = pd.DataFrame({
    ...     "outlet": ["RT"] * 3 + ["BBC"] * 3,
    ...     "period": list(periods) * 2,
    ...     "concept": "war_name", "variant": "war",
    ...     "share": [0.1, 0.2, 0.1, 0.6, 0.9, 0.95]})
    >>> fig = framing.plot.timeline_grid(scores, concept="war_name", variant="war",
    ...     value="share")
    >>> [panel.get_title() for panel in fig.axes]
    ['BBC', 'RT']
    """
    ncols = check_whole(ncols, parameter="ncols", function="plot.timeline_grid", minimum=1)
    drawing = _Drawing.of(
        scores,
        concept,
        variant,
        value,
        by,
        time,
        events,
        colors,
        labels,
        min_docs,
        "timeline_grid",
    )
    frame, palette, names, groups = drawing.frame, drawing.palette, drawing.names, drawing.groups
    ncols = min(ncols, len(groups))
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
        if drawing.has_band:
            panel.fill_between(
                part[time],
                part[drawing.low],
                part[drawing.high],
                color=palette[group],
                alpha=0.2,
                linewidth=0,
            )
        _draw_line(panel, part, value, time, palette[group], zorder=3)
        _draw_events(panel, drawing.events, labels=index == 0)
        panel.set_title(names.group(group))
        _format_axis(panel, value)
    for panel in panels[len(groups) :]:
        panel.remove()
    text = drawing.default_title if title is None else str(title)
    if text:
        fig.suptitle(text, wrap=True)
    fig.supylabel(drawing.ylabel, fontsize=plt.rcParams["axes.labelsize"])
    if drawing.note:
        fig.supxlabel(drawing.note, fontsize="small", color="0.35")
    finish(panels[0], scores, caption)
    return fig


@renamed("plot.voice", source="caption")
@keyword_only("plot.voice", 2, ("concept", "variant"))
def voice(
    every: pd.DataFrame,
    own: pd.DataFrame,
    *,
    concept: str,
    variant: str,
    value: str = "share",
    by: str = "outlet",
    time: str = "period",
    events: Mapping[str, str] | Iterable[tuple[Any, str]] | None = None,
    colors: Mapping[str, str] | None = None,
    labels: Any = None,
    title: str | None = None,
    min_docs: int = MIN_DOCS,
    caption: bool | str = False,
) -> Figure:
    """A variant over time in every voice and in the outlets' own voice, side by side.

    Quotations carry other people's words: an outlet that quotes a Russian official
    says "special military operation" without using it itself. The left panel scores
    every hit (``score(...)``), the right one only the outlet's own voice
    (``score(..., voice="own")``); both share the y axis, and one legend below them
    names the outlets.

    Parameters
    ----------
    every, own : pandas.DataFrame
        Scores by ``by`` and period: of every hit, and of own-voice hits.
    concept, variant : str
        The variant to draw.
    value : {"share", "rate"}, default "share"
        As in :func:`timeline`.
    by, time, events, colors, labels, min_docs, caption
        As in :func:`timeline`.
    title : str, optional
        The figure's title; default "concept: variant" in their labels. ``""`` for none.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> import framing.plot
    >>> periods = pd.to_datetime(["2022-01-01", "2022-02-01"], utc=True)
    >>> every = pd.DataFrame({"outlet": ["RT", "RT", "BBC", "BBC"], "period": list(periods) * 2,
    ...     "concept": "war_name", "variant": "special_operation",
    ...     "share": [0.9, 0.8, 0.3, 0.2]})
    >>> own = every.assign(share=[0.9, 0.85, 0.05, 0.0])
    >>> fig = framing.plot.voice(every, own, concept="war_name", variant="special_operation")
    >>> fig.get_suptitle(), [panel.get_title() for panel in fig.axes]
    ('war name: special operation', ['Every voice', 'Own voice (quotations left out)'])
    """
    check_choice(value, "value", "voice", ("share", "rate"))
    names = Labeller(labels, every, function="voice")
    width, height = plt.rcParams["figure.figsize"]
    fig, (left, right) = plt.subplots(
        1, 2, sharey=True, figsize=(width, height), layout="constrained"
    )
    panels = (
        (left, every, "Every voice"),
        (right, own, "Own voice (quotations left out)"),
    )
    for panel, table, heading in panels:
        timeline(
            table,
            concept=concept,
            variant=variant,
            value=value,
            by=by,
            time=time,
            events=events if panel is left else None,
            ax=panel,
            colors=colors,
            labels=labels,
            title=heading,
            min_docs=min_docs,
        )
        panel.get_legend().remove()
    right.set_ylabel("")
    right.set_xlabel("")  # the note under the left panel is for both
    handles, texts = left.get_legend_handles_labels()
    handles = [Line2D([], [], color=h.get_color(), marker="o") for h in handles]
    fig.legend(
        handles,
        texts,
        title=names.column(by),
        loc="outside lower center",
        ncols=min(len(texts), 4),
    )
    text = _title(names, concept, variant) if title is None else str(title)
    if text:
        fig.suptitle(text, wrap=True)
    finish(left, every, caption)
    finish(right, own, None)  # both tables' provenance goes into the saved files
    return fig
