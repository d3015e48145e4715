"""Small multiples of timelines: one panel per concept (or variant), shared axes."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from framing._checks import check_whole, keyword_only, renamed
from framing.plot._common import (
    finish,
)
from framing.plot._style import MUTED
from framing.plot._timeline_parts import _draw_events, _draw_line, _Drawing, _format_axis
from framing.scoring import MIN_DOCS


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
