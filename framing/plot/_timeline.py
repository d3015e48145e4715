"""Rates or shares over time, one line per outlet, with interval bands and events."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from framing._checks import keyword_only, renamed
from framing.plot._common import (
    check_choice,
    finish,
    legend_outside,
    set_title,
)
from framing.plot._labels import Labeller
from framing.plot._timeline_grid import timeline_grid
from framing.plot._timeline_parts import _draw_events, _draw_line, _Drawing, _format_axis, _title
from framing.scoring import MIN_DOCS


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
