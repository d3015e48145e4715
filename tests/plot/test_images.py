"""Each chart, drawn from small fixed tables, against a committed baseline image.

Regenerate the baselines after an intended change of a chart's look with::

    FRAMING_UPDATE_BASELINES=1 .venv/bin/pytest tests/plot/test_images.py

then look at every changed PNG under tests/plot/baseline/ before committing it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import matplotlib as mpl
import pytest
from matplotlib.testing.compare import compare_images

import framing.plot

BASELINE = Path(__file__).resolve().parent / "baseline"
UPDATE = os.environ.get("FRAMING_UPDATE_BASELINES") == "1"
TOLERANCE = 3  # RMS over 0-255 pixel values; text rendering differs a little by FreeType

# matplotlib's own image tests fix text rendering the same way.
_STABLE_TEXT = {"text.hinting": "default"}


@pytest.fixture
def drawn(tmp_path):
    """Draw with the paper style and stable text, then compare with the baseline."""

    def check(name: str, draw) -> None:
        with mpl.rc_context(_STABLE_TEXT), framing.plot.style("paper"):
            result = draw()
            figure = result if isinstance(result, mpl.figure.Figure) else result.figure
            actual = tmp_path / f"{name}.png"
            figure.savefig(actual, dpi=100, metadata={"Software": None})
        expected = BASELINE / f"{name}.png"
        if UPDATE:
            BASELINE.mkdir(exist_ok=True)
            shutil.copyfile(actual, expected)
            pytest.skip(f"baseline written: {expected}")
        assert expected.is_file(), (
            f"No baseline {expected}; make it with FRAMING_UPDATE_BASELINES=1 pytest {__file__}"
        )
        difference = compare_images(str(expected), str(actual), tol=TOLERANCE)
        assert difference is None, difference

    return check


def test_shares_image(drawn, scores):
    drawn("shares", lambda: framing.plot.shares(scores, concept="name of the war", caption=True))


def test_heatmap_of_rates_by_concept_image(drawn, scores):
    drawn("heatmap_rate", lambda: framing.plot.heatmap(scores, value="rate"))


def test_heatmap_of_shares_by_variant_image(drawn, scores):
    drawn("heatmap_share", lambda: framing.plot.heatmap(scores, value="share", concept="capital"))


def test_timeline_image(drawn, scores_by_period):
    drawn(
        "timeline",
        lambda: framing.plot.timeline(
            scores_by_period,
            concept="name of the war",
            variant="war",
            value="share",
            events={"2022-02-24": "full-scale invasion"},
        ),
    )


def test_timeline_small_multiples_image(drawn, scores_by_period):
    drawn(
        "timeline_small_multiples",
        lambda: framing.plot.timeline_grid(
            scores_by_period,
            concept="name of the war",
            value="rate",
            events={"2022-02-24": "invasion"},
            ncols=2,
        ),
    )


def test_log_odds_scatter_image(drawn, comparison):
    drawn("log_odds_scatter", lambda: framing.plot.log_odds(comparison, n=8))


def test_log_odds_bar_image(drawn, comparison):
    drawn("log_odds_bar", lambda: framing.plot.log_odds(comparison, n=4, kind="bar"))


def test_dispersion_image(drawn, hits, corpus):
    drawn("dispersion", lambda: framing.plot.dispersion(hits, corpus))


def test_shares_with_a_small_group_image(drawn, scores):
    # Pravda Online's shares rest on 3 documents: its bars are pale.
    table = scores.assign(concept_docs=[30] * 6 + [3] * 2 + [30] * 4 + [3] * 2)
    drawn("shares_small_group", lambda: framing.plot.shares(table, concept="name of the war"))


def test_dispersion_in_date_order_image(drawn, hits, corpus):
    drawn("dispersion_order", lambda: framing.plot.dispersion(hits, corpus, x="order"))


def test_voice_image(drawn, scores_by_period):
    own = scores_by_period.assign(share=scores_by_period["share"] * 0.6)
    drawn(
        "voice",
        lambda: framing.plot.voice(
            scores_by_period,
            own,
            concept="name of the war",
            variant="war",
            events={"2022-02-24": "full-scale invasion"},
            labels={("name of the war", "war"): "“war”"},
        ),
    )
