"""The publication style and the fixed outlet colours."""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd
import pytest

import framing.plot
from framing.plot import PALETTE, outlet_colors, style


@pytest.mark.parametrize("name", ["paper", "slides", "notebook"])
def test_style_changes_nothing_outside_its_block(name):
    before = dict(mpl.rcParams)
    with style(name):
        assert mpl.rcParams["font.sans-serif"] == ["DejaVu Sans"]
    assert dict(mpl.rcParams) == before


def test_style_restores_settings_when_the_block_raises():
    before = dict(mpl.rcParams)
    with pytest.raises(RuntimeError), style("slides"):
        raise RuntimeError("boom")
    assert dict(mpl.rcParams) == before


def test_paper_style_is_one_or_two_journal_columns_wide():
    with style("paper"):
        assert mpl.rcParams["figure.figsize"][0] == 3.5
        assert mpl.rcParams["font.size"] == 8
    with style("paper", width_columns=2):
        assert mpl.rcParams["figure.figsize"][0] == 7.2


def test_style_uses_the_colour_blind_safe_palette_and_truetype_in_pdf():
    with style("notebook"):
        assert mpl.rcParams["axes.prop_cycle"].by_key()["color"][:3] == [
            "#0072B2",
            "#D55E00",
            "#009E73",
        ]
        assert mpl.rcParams["pdf.fonttype"] == 42


def test_style_names_the_styles_there_are():
    with pytest.raises(
        ValueError, match=r"must be one of 'paper', 'slides' or 'notebook'\. Got 'poster'"
    ):
        with style("poster"):
            pass


def test_outlet_colours_depend_on_the_set_of_names_not_their_order():
    assert outlet_colors(["RT", "BBC", "TASS"]) == outlet_colors(["TASS", "RT", "BBC", "RT"])
    assert outlet_colors(["RT", "BBC"]) == {"BBC": PALETTE[0], "RT": PALETTE[1]}


def test_outlet_colours_of_a_categorical_column_use_every_category(scores):
    outlets = scores["outlet"].astype("category")
    subset = outlets[outlets == "Pravda Online"]
    assert outlet_colors(subset) == {
        "Daily Planet": PALETTE[0],
        "Kremlin Wire": PALETTE[1],
        "Pravda Online": PALETTE[2],
    }


def test_a_chart_of_some_outlets_keeps_the_colours_pinned_by_the_style(scores):
    only_pravda = scores[scores["outlet"] == "Pravda Online"]
    with style("paper", outlets=scores["outlet"]):
        ax = framing.plot.shares(only_pravda, concept="capital")
    colour = mpl.colors.to_hex(ax.patches[0].get_facecolor())
    assert colour == PALETTE[2].lower()  # third of three outlets, not first of one


def test_a_chart_of_a_categorical_subset_keeps_the_colours_of_the_whole(scores):
    table = scores.assign(outlet=scores["outlet"].astype("category"))
    ax = framing.plot.shares(table[table["outlet"] == "Kremlin Wire"], concept="capital")
    assert mpl.colors.to_hex(ax.patches[0].get_facecolor()) == PALETTE[1].lower()


def test_more_outlets_than_colours_warns_that_colours_repeat():
    names = [f"outlet {index:02d}" for index in range(len(PALETTE) + 1)]
    with pytest.warns(UserWarning, match="colours repeat"):
        colours = outlet_colors(names)
    assert colours[names[-1]] == colours[names[0]]


def test_outlet_colours_refuse_a_table_without_an_outlet_column():
    with pytest.raises(ValueError, match="with an 'outlet' column"):
        outlet_colors(pd.DataFrame({"source": ["RT"]}))


def test_explicit_colours_must_cover_every_outlet_plotted(scores):
    with pytest.raises(ValueError, match=r"no colour for \['Kremlin Wire', 'Pravda Online'\]"):
        framing.plot.shares(scores, concept="capital", colors={"Daily Planet": "black"})


def test_the_old_columns_name_of_style_still_works_with_a_future_warning():
    with pytest.warns(FutureWarning, match="'columns' parameter of plot.style was renamed"):
        with style("paper", columns=2):
            assert mpl.rcParams["figure.figsize"][0] == 7.2
