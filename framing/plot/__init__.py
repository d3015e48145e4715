"""Charts of framing's result tables, and a publication style for them.

Every chart takes a result table, draws on ``ax=`` (or a new figure) and returns the
Axes (the Figure for small multiples and the voice chart). Nothing here changes
matplotlib's global settings; wrap charts in ``with framing.plot.style("paper"):`` for
the publication look, and save them with ``framing.save_figure``. Every chart takes
``labels=`` (concepts, variants and outlets as words; by default the lexicon's
descriptions, see ``labels``) and ``title=``.

Only notebooks and the command line import this module; the rest of the package never
does, so the analysis runs without a display.
"""

from framing.plot._bars import heatmap, shares
from framing.plot._dispersion import dispersion
from framing.plot._labels import labels
from framing.plot._style import PALETTE, outlet_colors, style, style_parameters
from framing.plot._terms import log_odds
from framing.plot._timeline import timeline, timeline_grid, voice

__all__ = [
    "PALETTE",
    "dispersion",
    "heatmap",
    "labels",
    "log_odds",
    "outlet_colors",
    "shares",
    "style",
    "style_parameters",
    "timeline",
    "timeline_grid",
    "voice",
]
