"""Checks and small drawing helpers shared by the charts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

from framing.figures import _remember_provenance
from framing.provenance import ATTRS_KEY
from framing.scoring import SCORE_COLUMNS

RATE_LABEL = "matches per 10,000 tokens"

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
    if value not in choices:
        listed = ", ".join(repr(choice) for choice in choices)
        raise ValueError(
            f"The '{parameter}' parameter of plot.{function} must be one of {listed}. "
            f"Got {value!r} instead."
        )


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
