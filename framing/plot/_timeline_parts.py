"""What the timeline charts share: the series of a scores table, events, the date axis,
lines with interval bands, titles and notes, and the drawing plan (:class:`_Drawing`).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from framing.plot._common import (
    RATE_LABEL,
    SHARE_LABEL,
    check_choice,
    check_min_docs,
    interval_words,
    ordered,
    refuse_duplicates,
    require_columns,
    select,
    small_groups,
    small_note,
    to_naive_utc,
)
from framing.plot._labels import Labeller
from framing.plot._style import _colors_for
from framing.provenance import ATTRS_KEY

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
    if has_band:
        # A point resting on a few documents is hollow and gets no band: its interval
        # is honest but so wide (a month with one article can span most of the scale)
        # that it would set the axis and flatten every well-founded line.
        frame.loc[frame["_small"].astype(bool), [low, high]] = np.nan
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
        note = small_note(min_docs, value).replace("pale", "hollow")
        notes.append(f"{note} (no band)" if has_band else note)
    return "; ".join(notes)


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
