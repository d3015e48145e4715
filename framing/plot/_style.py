"""The publication style: palette, outlet colours and the ``style`` context manager.

Nothing here changes matplotlib's global settings. ``style`` wraps
``matplotlib.rc_context``, so every setting it makes is undone when the ``with`` block
ends, and the outlets it pins are held in a context variable that is reset the same way.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import matplotlib as mpl
import pandas as pd
from cycler import cycler

from framing._checks import check_choice, renamed
from framing.errors import ParameterError

# Okabe & Ito (2008), "Color Universal Design", reordered so that the first colours are
# the most distinct from one another on white paper (yellow is hard to see, so it comes
# late), followed by Paul Tol's "muted" scheme for corpora with more than eight outlets.
OKABE_ITO = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
)
TOL_MUTED = (
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
)
PALETTE: tuple[str, ...] = OKABE_ITO + TOL_MUTED

#: Colour of everything that is not the point of a chart (other outlets, non-significant
#: terms, reference lines).
MUTED = "#BBBBBB"

# The outlets pinned by ``style(..., outlets=...)``: while the context is open, every chart
# colours outlets from this full list, so that a chart of a subset keeps the colours of
# the chart of the whole corpus.
_PINNED_OUTLETS: ContextVar[tuple[str, ...] | None] = ContextVar("framing_outlets", default=None)

_COMMON: dict[str, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],  # ships with matplotlib: same glyphs everywhere
    "mathtext.fontset": "dejavusans",
    "axes.prop_cycle": cycler(color=list(PALETTE)),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": "#E5E5E5",
    "legend.frameon": False,
    "image.cmap": "cividis",  # perceptually uniform and readable with colour-vision deficiency
    "figure.constrained_layout.use": True,
    "pdf.fonttype": 42,  # embed TrueType, so text stays text (searchable, editable)
    "ps.fonttype": 42,
    "svg.fonttype": "path",
}

_SIZES: dict[str, dict[str, Any]] = {
    # 3.5 in is one column and 7.2 in two columns of most journals; 8 pt text at print size.
    "paper": {
        "font.size": 8,
        "axes.titlesize": 8,
        "axes.labelsize": 8,
        "xtick.labelsize": 7,
        "ytick.labelsize": 7,
        "legend.fontsize": 7,
        "legend.title_fontsize": 7,
        "figure.titlesize": 9,
        "lines.linewidth": 1.2,
        "lines.markersize": 3.5,
        "axes.linewidth": 0.6,
        "grid.linewidth": 0.5,
        "xtick.major.width": 0.6,
        "ytick.major.width": 0.6,
        "figure.dpi": 150,
        "savefig.dpi": 300,
    },
    "slides": {
        "font.size": 16,
        "axes.titlesize": 18,
        "axes.labelsize": 16,
        "xtick.labelsize": 14,
        "ytick.labelsize": 14,
        "legend.fontsize": 14,
        "legend.title_fontsize": 14,
        "figure.titlesize": 20,
        "lines.linewidth": 2.5,
        "lines.markersize": 7,
        "axes.linewidth": 1.2,
        "grid.linewidth": 1.0,
        "figure.figsize": (10.0, 5.625),  # 16:9
        "figure.dpi": 100,
        "savefig.dpi": 200,
    },
    "notebook": {
        "font.size": 10,
        "axes.titlesize": 11,
        "axes.labelsize": 10,
        "xtick.labelsize": 9,
        "ytick.labelsize": 9,
        "legend.fontsize": 9,
        "legend.title_fontsize": 9,
        "figure.titlesize": 12,
        "lines.linewidth": 1.6,
        "lines.markersize": 5,
        "figure.figsize": (7.0, 4.2),
        "figure.dpi": 100,
        "savefig.dpi": 200,
    },
}

_PAPER_WIDTHS = {1: 3.5, 2: 7.2}
_PAPER_HEIGHTS = {1: 2.6, 2: 3.4}


@renamed("plot.style_parameters", columns="width_columns")
def style_parameters(name: str = "paper", *, width_columns: int = 1) -> dict[str, Any]:
    """Return the matplotlib settings of a named style, without applying them.

    Parameters
    ----------
    name : {"paper", "slides", "notebook"}
        The medium the figure is for.
    width_columns : {1, 2}
        For ``"paper"``: the figure's width, one journal column (3.5 in) or two (7.2 in).

    Returns
    -------
    dict
        rcParams names to values, for ``matplotlib.rc_context`` or a ``.mplstyle`` file.

    Examples
    --------
    >>> from framing.plot import style_parameters
    >>> style_parameters("paper", width_columns=2)["figure.figsize"]
    (7.2, 3.4)
    """
    check_choice(name, _SIZES, parameter="name", function="style")
    if width_columns not in _PAPER_WIDTHS:
        raise ParameterError(
            f"The 'width_columns' parameter of style must be 1 or 2. Got {width_columns!r} instead."
        )
    parameters = {**_COMMON, **_SIZES[name]}
    if name == "paper":
        parameters["figure.figsize"] = (_PAPER_WIDTHS[width_columns], _PAPER_HEIGHTS[width_columns])
    return parameters


@renamed("plot.style", columns="width_columns")
@contextmanager
def style(
    name: str = "paper",
    *,
    width_columns: int = 1,
    outlets: Iterable[str] | None = None,
    labels: Any = None,
) -> Iterator[dict[str, str]]:
    """Draw charts in the publication style inside a ``with`` block.

    The style sets a colour-blind-safe palette (Okabe-Ito, then Paul Tol's muted scheme),
    DejaVu Sans (the font that ships with matplotlib, so text looks the same on every
    machine), font and line sizes for the medium, and TrueType fonts in PDF output.
    Everything is undone when the block ends: matplotlib's global settings are the same
    afterwards as before.

    Parameters
    ----------
    name : {"paper", "slides", "notebook"}
        ``"paper"``: 8 pt text, 3.5 in (one column) or 7.2 in (two columns) wide, 300 dpi.
        ``"slides"``: 16 pt text on a 16:9 figure. ``"notebook"``: 10 pt, 7 in wide.
    width_columns : {1, 2}
        For ``"paper"``: one or two journal columns wide.
    outlets : iterable of str, optional
        Every outlet of the corpus. While the block is open, each chart colours an outlet
        by its place in this full list, so a chart of two outlets uses the same colours as
        the chart of all of them. By default a chart uses the outlets of its own table.
    labels : mapping, framing.Lexicon or list of lexicons, optional
        Labels for every chart in the block: a mapping of concept names, ``(concept,
        variant)`` pairs, variant names and outlets to labels, or lexicons whose
        descriptions give them (see ``framing.plot.labels``). A chart's own ``labels=``
        comes first.

    Yields
    ------
    dict
        The outlet colours pinned by ``outlets`` (empty when none were given).

    See Also
    --------
    outlet_colors : the outlet-to-colour mapping on its own.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> import framing.plot
    >>> with framing.plot.style("paper", outlets=["RT", "BBC", "TASS"]) as colors:
    ...     mpl.rcParams["font.size"], colors["BBC"]
    (8.0, '#0072B2')
    >>> mpl.rcParams["font.size"] == 8.0  # back to what it was
    False
    """
    from framing.plot._labels import pinned_labels

    parameters = style_parameters(name, width_columns=width_columns)
    pinned = None if outlets is None else tuple(sorted({str(outlet) for outlet in outlets}))
    token = _PINNED_OUTLETS.set(pinned)
    try:
        with mpl.rc_context(parameters), pinned_labels(labels):
            try:
                yield outlet_colors(pinned) if pinned is not None else {}
            finally:
                interactive = mpl.rcParams["interactive"]
    finally:
        _PINNED_OUTLETS.reset(token)
    # Not a style setting: a notebook's inline backend may switch interactive mode on the
    # first time pyplot loads, inside the block. Undoing that would hide every later figure.
    mpl.rcParams["interactive"] = interactive


def outlet_colors(outlets: Iterable[str] | pd.Series | pd.DataFrame) -> dict[str, str]:
    """Return a fixed colour for each outlet: sorted names take the palette in order.

    The mapping depends only on the set of names, never on their order in a table, so
    every chart made from the same corpus gives an outlet the same colour. Pass the full
    list of the corpus's outlets (or a table whose ``outlet`` column is categorical: its
    categories are used) to keep colours stable when a chart shows only some of them.

    Parameters
    ----------
    outlets : iterable of str, pandas.Series or pandas.DataFrame
        Outlet names, or a table with an ``outlet`` column.

    Returns
    -------
    dict
        Outlet name to hex colour. Past 17 outlets colours repeat, with a warning.

    Examples
    --------
    >>> from framing.plot import outlet_colors
    >>> outlet_colors(["TASS", "BBC", "RT", "BBC"])
    {'BBC': '#0072B2', 'RT': '#D55E00', 'TASS': '#009E73'}
    """
    if isinstance(outlets, pd.DataFrame):
        if "outlet" not in outlets.columns:
            raise ValueError(
                "outlet_colors needs outlet names or a table with an 'outlet' column. "
                f"Got a table with the columns {list(outlets.columns)} instead."
            )
        outlets = outlets["outlet"]
    if isinstance(outlets, pd.Series) and isinstance(outlets.dtype, pd.CategoricalDtype):
        outlets = outlets.cat.categories
    names = sorted({str(name) for name in outlets if not pd.isna(name)})
    if len(names) > len(PALETTE):
        warnings.warn(
            f"{len(names)} outlets but only {len(PALETTE)} distinct colours: colours repeat. "
            "Plot fewer outlets per chart, or pass colors= explicitly.",
            UserWarning,
            stacklevel=2,
        )
    return {name: PALETTE[index % len(PALETTE)] for index, name in enumerate(names)}


def _colors_for(
    values: pd.Series, colors: Mapping[str, str] | None, *, pinned: bool = True
) -> dict[str, str]:
    """The colour of each value present: explicit ``colors``, pinned outlets or the table's."""
    present = sorted({str(value) for value in values.dropna()})
    if colors is not None:
        missing = [value for value in present if value not in colors]
        if missing:
            raise ValueError(
                f"The 'colors' mapping has no colour for {missing}; it must name every "
                f"value plotted: {present}."
            )
        return {value: colors[value] for value in present}
    full = _PINNED_OUTLETS.get() if pinned else None
    if full is not None and set(present) <= set(full):
        mapping = outlet_colors(full)
    else:
        if full is not None:
            warnings.warn(
                f"{sorted(set(present) - set(full))} are not among the outlets pinned by "
                "style(outlets=...); colouring by this table's outlets instead.",
                UserWarning,
                stacklevel=3,
            )
        mapping = outlet_colors(values)
    return {value: mapping[value] for value in present}
