"""Checks and small drawing helpers shared by the charts."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from framing import _checks as checks
from framing.figures import _remember_provenance
from framing.provenance import ATTRS_KEY
from framing.scoring import SCORE_COLUMNS

RATE_LABEL = "matches per 10,000 tokens"
SHARE_LABEL = "share of the concept's matches"
#: How a value resting on fewer than ``min_docs`` documents is drawn: its own colour, faded.
SMALL_ALPHA = 0.3

# Columns of the scores table that are measures, not groups: everything else in a scores
# table is a group column (outlet, period, ...). The contract is written once, in score.
MEASURE_COLUMNS = frozenset(SCORE_COLUMNS)


def require_columns(table: Any, columns: Iterable[str], *, function: str, name: str) -> None:
    """Raise a clear error when ``table`` is not a DataFrame with ``columns``."""
    if not isinstance(table, pd.DataFrame):
        raise TypeError(
            f"The '{name}' parameter of plot.{function} must be a pandas DataFrame. "
            f"Got {type(table).__name__} instead."
        )
    missing = [column for column in columns if column not in table.columns]
    if missing:
        raise ValueError(
            f"The '{name}' table given to plot.{function} needs the columns {missing}. "
            f"It has {list(table.columns)}."
        )


def check_choice(value: Any, parameter: str, function: str, choices: Sequence[str]) -> None:
    """framing._checks.check_choice, for the plot function ``plot.<function>``."""
    checks.check_choice(value, choices, parameter=parameter, function=f"plot.{function}")


def select(table: pd.DataFrame, column: str, value: Any, *, function: str) -> pd.DataFrame:
    """Rows whose ``column`` equals ``value``, or an error listing the values there are."""
    rows = table[table[column] == value]
    if rows.empty:
        present = sorted({str(item) for item in table[column].dropna()})
        raise ValueError(
            f"plot.{function}: the {column} {value!r} is not in the table. "
            f"Its {column} values are {present}."
        )
    return rows


def refuse_duplicates(rows: pd.DataFrame, keys: list[str], *, function: str) -> None:
    """One row per key is what a chart can draw; say which other columns split the rows."""
    duplicated = rows.duplicated(keys, keep=False)
    if duplicated.any():
        others = [
            column
            for column in rows.columns
            if column not in MEASURE_COLUMNS and column not in keys
        ]
        example = rows.loc[duplicated, keys].iloc[0].to_dict()
        raise ValueError(
            f"plot.{function} draws one row per {' × '.join(keys)}, but the table has "
            f"several for {example} (split by {others or 'unknown columns'}). Select one "
            "value of those columns first, or score without them."
        )


def axes_for(ax: Axes | None) -> Axes:
    if ax is None:
        _, ax = plt.subplots()
    elif not isinstance(ax, Axes):
        raise TypeError(f"The 'ax' parameter must be a matplotlib Axes. Got {type(ax).__name__}.")
    return ax


def ordered(values: pd.Series) -> list[str]:
    """Distinct values, in categorical order when the column has one, else sorted."""
    present = {str(value) for value in values.dropna()}
    if isinstance(values.dtype, pd.CategoricalDtype):
        return [str(value) for value in values.cat.categories if str(value) in present]
    return sorted(present)


def to_naive_utc(values: pd.Series) -> pd.Series:
    """Dates as timezone-naive UTC, which matplotlib's date axis handles everywhere."""
    dates = pd.to_datetime(values, utc=True)
    return dates.dt.tz_localize(None)


def source_text(table: pd.DataFrame, source: bool | str | None) -> str | None:
    """The caption-ready note: ``source`` itself, or a summary of the table's provenance."""
    if not source:
        return None
    if isinstance(source, str):
        return source
    record = table.attrs.get(ATTRS_KEY, {})
    parts = [f"framing {record.get('version', '?')}"]
    corpus = record.get("corpus") or {}
    if corpus:
        documents = corpus.get("documents")
        count = f" ({documents:,} documents)" if isinstance(documents, int) else ""
        parts.append(f"corpus {str(corpus.get('fingerprint', '?'))[:15]}{count}")
    lexicon = record.get("lexicon") or {}
    if lexicon:
        parts.append(f"lexicon {lexicon.get('name', '?')} {lexicon.get('version', '')}".strip())
    return "Source: " + "; ".join(parts)


def legend_outside(ax: Axes, *args: Any, title: str) -> None:
    """The legend to the right of the Axes, where it never hides data."""
    ax.legend(*args, title=title, loc="upper left", bbox_to_anchor=(1.01, 1.0))


def finish(ax: Axes, table: pd.DataFrame, source: bool | str | None) -> None:
    """Add the source note under the x-axis label and remember the table's provenance."""
    text = source_text(table, source)
    if text:
        ax.annotate(
            text,
            xy=(0, 0),
            # Left edge of the Axes, just below the x-axis label (wherever the layout puts it).
            xycoords=("axes fraction", ax.xaxis.label),
            xytext=(0, -4),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize="x-small",
            color="0.35",
            wrap=True,
        )
    _remember_provenance(ax.figure, table)


def check_min_docs(min_docs: Any, function: str) -> int:
    """The ``min_docs`` parameter of ``plot.<function>``, checked (a whole number >= 0)."""
    return checks.check_whole(
        min_docs, parameter="min_docs", function=f"plot.{function}", minimum=0
    )


def small_groups(rows: pd.DataFrame, value: str, min_docs: int) -> np.ndarray:
    """True for the rows whose value rests on fewer than ``min_docs`` documents: a share
    on the documents with the concept (``concept_docs``), a rate on the group's
    documents (``n_docs``). False everywhere when the table lacks those columns."""
    column = "concept_docs" if value == "share" else "n_docs"
    if column not in rows.columns or min_docs <= 0:
        return np.zeros(len(rows), dtype=bool)
    documents = pd.to_numeric(rows[column], errors="coerce").to_numpy(float)
    return np.nan_to_num(documents, nan=np.inf) < min_docs


def small_note(min_docs: int, value: str) -> str:
    what = "documents with the concept" if value == "share" else "documents"
    return f"pale: fewer than {min_docs} {what}"


def interval_words(table: pd.DataFrame) -> str:
    """ "95% interval" from the table's provenance (the ci it was scored with)."""
    parameters = table.attrs.get(ATTRS_KEY, {}).get("parameters", {})
    ci = parameters.get("ci") if isinstance(parameters, dict) else None
    return f"{ci:.0%} interval" if isinstance(ci, int | float) else "interval"


def set_title(ax: Axes, title: str | None, default: str) -> None:
    """``title`` (None: the default; "": no title), wrapped to the Axes' width."""
    text = default if title is None else str(title)
    if text:
        ax.set_title(text, wrap=True)


def wrap(text: str, width: int = 30) -> str:
    """A long tick label on several lines."""
    return "\n".join(textwrap.wrap(str(text), width=width)) or str(text)


def thin_overlapping_ticks(ax: Axes, axis: str = "x", padding: float = 4.0) -> None:
    """Keep only major ticks whose labels do not overlap the one kept before them.

    Run after the layout is settled: the kept positions become a fixed locator, so the
    labels stay apart in the saved file whatever the renderer does next.
    """
    from matplotlib.ticker import FixedLocator

    ax.figure.draw_without_rendering()
    renderer = ax.figure.canvas.get_renderer()
    target = ax.xaxis if axis == "x" else ax.yaxis
    low, high = sorted(ax.get_xlim() if axis == "x" else ax.get_ylim())
    kept, previous = [], None
    for location, label in zip(
        target.get_majorticklocs(), target.get_majorticklabels(), strict=False
    ):
        if not low <= location <= high or not label.get_text():
            continue
        box = label.get_window_extent(renderer)
        start, end = (box.x0, box.x1) if axis == "x" else (box.y0, box.y1)
        if previous is not None and start < previous + padding:
            continue
        kept.append(location)
        previous = end
    target.set_major_locator(FixedLocator(kept))
