"""What each chart draws, checked on the artists: values, order, colours, labels, errors."""

from __future__ import annotations

import itertools

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_hex
from matplotlib.container import BarContainer
from matplotlib.figure import Figure

import framing
import framing.plot

# ---------------------------------------------------------------- shares


def _bars(ax):
    return [c for c in ax.containers if isinstance(c, BarContainer)]


def test_shares_draws_one_bar_per_outlet_and_variant_with_the_share_as_width(scores):
    ax = framing.plot.shares(scores, concept="name of the war")
    widths = {
        (container.get_label(), round(patch.get_y() + patch.get_height() / 2, 3)): patch.get_width()
        for container in _bars(ax)
        for patch in container.patches
    }
    assert len(_bars(ax)) == 3  # one per outlet
    kremlin = [width for (outlet, _), width in sorted(widths.items()) if outlet == "Kremlin Wire"]
    # Variants top to bottom by total count: special operation (56), war (44), invasion (15).
    assert kremlin == [0.9, 0.1, 0.0]


def test_shares_orders_variants_by_total_count(scores):
    ax = framing.plot.shares(scores, concept="name of the war")
    labels = [label.get_text() for label in ax.get_yticklabels()]
    assert labels == ["special operation", "war", "invasion"]


def test_shares_interval_lines_span_share_low_to_share_high(scores):
    ax = framing.plot.shares(scores, concept="capital")
    daily = next(c for c in _bars(ax) if c.get_label() == "Daily Planet")
    segments = daily.errorbar.lines[2][0].get_segments()
    spans = sorted((round(s[0][0], 3), round(s[1][0], 3)) for s in segments)
    assert spans == [(0.0, 0.25), (0.75, 1.0)]


def test_shares_leaves_no_bar_where_an_outlet_never_used_a_variant(scores):
    ax = framing.plot.shares(scores, concept="name of the war")
    pravda = next(c for c in _bars(ax) if c.get_label() == "Pravda Online")
    widths = [patch.get_width() for patch in pravda.patches]
    assert np.isnan(widths[2])  # "invasion": no row for Pravda Online, not a 0% bar


def test_shares_colours_outlets_with_the_fixed_outlet_colours(scores):
    ax = framing.plot.shares(scores, concept="name of the war")
    expected = framing.plot.outlet_colors(scores["outlet"])
    for container in _bars(ax):
        assert (
            to_hex(container.patches[0].get_facecolor()) == expected[container.get_label()].lower()
        )


def test_shares_titles_the_chart_with_the_concept(scores):
    assert framing.plot.shares(scores, concept="capital").get_title() == "capital"


def test_shares_draws_on_the_axes_given(scores):
    _figure, (left, right) = plt.subplots(1, 2)
    assert framing.plot.shares(scores, concept="capital", ax=right) is right
    assert not left.containers


def test_shares_names_the_concepts_there_are_when_one_is_missing(scores):
    with pytest.raises(ValueError, match=r"the concept 'nmae' is not in the table\. Its concept"):
        framing.plot.shares(scores, concept="nmae")


def test_shares_refuses_several_rows_per_outlet_and_variant(scores_by_period):
    with pytest.raises(ValueError, match=r"several for .*split by \['period'\]"):
        framing.plot.shares(scores_by_period, concept="name of the war")


def test_shares_names_missing_columns(scores):
    with pytest.raises(ValueError, match=r"needs the columns \['share'\]"):
        framing.plot.shares(scores.drop(columns="share"), concept="capital")


def test_shares_refuses_a_non_table():
    with pytest.raises(TypeError, match=r"must be a pandas DataFrame\. Got list instead"):
        framing.plot.shares([1, 2], concept="capital")


# ---------------------------------------------------------------- heatmap


def test_heatmap_of_rates_sums_variants_per_concept(scores):
    ax = framing.plot.heatmap(scores, value="rate")
    image = ax.get_images()[0].get_array()
    # Kremlin Wire, name of the war: (4 + 0 + 36) / 10,000 tokens × 10,000 = 40.
    assert image[1, 0] == pytest.approx(40.0)
    # concepts in the table's order (score keeps the lexicon's)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["name of the war", "capital"]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Daily Planet",
        "Kremlin Wire",
        "Pravda Online",
    ]


def test_heatmap_annotates_each_cell_and_marks_missing_ones(scores):
    ax = framing.plot.heatmap(scores, value="share", concept="name of the war")
    texts = [t.get_text() for t in ax.texts]
    # Columns war, invasion, special operation (table order); Pravda Online never used
    # "invasion".
    assert texts == ["60%", "30%", "10%", "10%", "0%", "90%", "40%", "–", "60%"]


def test_heatmap_labels_its_colour_bar_with_the_unit(scores):
    ax = framing.plot.heatmap(scores, value="rate")
    colour_bar = ax.figure.axes[-1]
    assert colour_bar.get_ylabel() == "matches per 10,000 tokens"


def test_heatmap_refuses_shares_per_concept_of_several_variants(scores):
    with pytest.raises(
        ValueError, match=r"add up to 100%.*the concept 'capital' has \['Kiev', 'Kyiv'\]"
    ):
        framing.plot.heatmap(scores, value="share", across="concept")


def test_heatmap_draws_shares_per_concept_of_one_chosen_variant_each(scores):
    ax = framing.plot.heatmap(scores, value="share", variant=["Kiev", "special operation"])
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "name of the war: special operation",
        "capital: Kiev",
    ]
    # rows Daily Planet, Kremlin Wire, Pravda Online; the cells are the variants' shares
    assert [t.get_text() for t in ax.texts] == ["10%", "10%", "90%", "95%", "60%", "50%"]
    assert ax.get_title() == "Share of the concept's matches, by concept"


def test_heatmap_draws_shares_per_concept_of_a_table_filtered_to_one_variant_each(scores):
    chosen = scores[scores["variant"].isin(["Kyiv", "war"])]
    ax = framing.plot.heatmap(chosen, value="share", across="concept")
    assert [t.get_text() for t in ax.texts] == ["60%", "90%", "10%", "5%", "40%", "50%"]


def test_heatmap_names_a_variant_the_table_lacks(scores):
    with pytest.raises(ValueError, match=r"the variant 'Kyiw' is not in the table"):
        framing.plot.heatmap(scores, value="share", variant="Kyiw")


def test_heatmap_names_the_values_it_accepts(scores):
    with pytest.raises(ValueError, match=r"'value' parameter of plot\.heatmap must be one of"):
        framing.plot.heatmap(scores, value="count")


# ---------------------------------------------------------------- timeline


def test_timeline_draws_one_line_per_outlet_with_a_band(scores_by_period):
    ax = framing.plot.timeline(
        scores_by_period, concept="name of the war", variant="war", value="share"
    )
    lines = [
        line
        for line in ax.get_lines()
        if line.get_label() in set(framing.plot.outlet_colors(scores_by_period))
    ]
    assert [line.get_label() for line in lines] == ["Daily Planet", "Kremlin Wire", "Pravda Online"]
    assert list(lines[0].get_ydata()) == [0.30, 0.55, 0.80, 0.75]
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(bands) == 3


def test_timeline_of_a_variant_rate_draws_the_rate_interval_as_a_band(scores_by_period):
    table = scores_by_period.assign(
        rate_low=scores_by_period["rate"] - 0.5, rate_high=scores_by_period["rate"] + 1.0
    )
    ax = framing.plot.timeline(table, concept="name of the war", variant="war", value="rate")
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(bands) == 3
    daily = table[(table["outlet"] == "Daily Planet") & (table["variant"] == "war")]
    heights = bands[0].get_paths()[0].vertices[:, 1]
    assert heights.min() == pytest.approx(daily["rate_low"].min())
    assert heights.max() == pytest.approx(daily["rate_high"].max())


def test_timeline_of_a_concept_rate_sums_its_variants_without_bands(scores_by_period):
    ax = framing.plot.timeline(scores_by_period, concept="name of the war")
    daily = next(line for line in ax.get_lines() if line.get_label() == "Daily Planet")
    # war 0.30 × 8 + invasion 0.70 × 3 = 4.5
    assert daily.get_ydata()[0] == pytest.approx(4.5)
    assert not [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert ax.get_ylabel() == "matches per 10,000 tokens"


def test_timeline_marks_events_with_a_line_and_a_label(scores_by_period):
    ax = framing.plot.timeline(
        scores_by_period,
        concept="name of the war",
        variant="war",
        events={"2022-02-24": "full-scale invasion"},
    )
    assert [text.get_text() for text in ax.texts] == ["full-scale invasion"]
    event_x = [line.get_xdata()[0] for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert pd.Timestamp(event_x[0]) == pd.Timestamp("2022-02-24")


def test_timeline_small_multiples_make_one_panel_per_outlet(scores_by_period):
    figure = framing.plot.timeline_grid(
        scores_by_period, concept="name of the war", variant="war", value="share", ncols=2
    )
    assert isinstance(figure, Figure)
    assert [ax.get_title() for ax in figure.axes] == [
        "Daily Planet",
        "Kremlin Wire",
        "Pravda Online",
    ]
    assert figure.get_suptitle() == "name of the war: war"


def test_timeline_share_needs_a_variant(scores_by_period):
    with pytest.raises(ValueError, match="value='share' needs a variant"):
        framing.plot.timeline(scores_by_period, concept="name of the war", value="share")


def test_timeline_refuses_an_event_that_is_not_a_date(scores_by_period):
    with pytest.raises(ValueError, match=r"Got \('the invasion', 'x'\), which is not a date"):
        framing.plot.timeline(
            scores_by_period, concept="name of the war", events={"the invasion": "x"}
        )


def test_timeline_small_multiples_refuse_an_axes(scores_by_period):
    _, ax = plt.subplots()
    with (
        pytest.warns(FutureWarning, match="timeline_grid"),
        pytest.raises(ValueError, match="pass ax=None with small_multiples=True"),
    ):
        framing.plot.timeline(
            scores_by_period, concept="name of the war", small_multiples=True, ax=ax
        )


def test_the_old_small_multiples_spelling_draws_the_grid_with_a_future_warning(
    scores_by_period,
):
    with pytest.warns(FutureWarning, match=r"plot\.timeline_grid\(\.\.\., ncols=n\)"):
        figure = framing.plot.timeline(
            scores_by_period, concept="name of the war", small_multiples=True, columns=2
        )
    grid = framing.plot.timeline_grid(scores_by_period, concept="name of the war", ncols=2)
    assert [a.get_title() for a in figure.axes] == [a.get_title() for a in grid.axes]
    assert figure.axes[0].get_subplotspec().get_gridspec().ncols == 2


def test_plot_functions_take_their_table_first_and_the_rest_by_keyword(scores_by_period):
    with pytest.warns(FutureWarning, match="Pass 'concept' to plot.timeline by keyword"):
        ax = framing.plot.timeline(scores_by_period, "name of the war")
    assert ax.get_title()
    with pytest.warns(FutureWarning, match="'source' parameter of plot.timeline was renamed"):
        framing.plot.timeline(scores_by_period, concept="name of the war", source="Note")


# ---------------------------------------------------------------- log_odds


def _label_boxes(ax):
    ax.figure.canvas.draw()
    # The text alone: an annotation's own extent also covers its leader line.
    return [mpl.text.Text.get_window_extent(text) for text in ax.texts]


def test_log_odds_labels_the_terms_with_the_largest_absolute_z(comparison):
    ax = framing.plot.log_odds(comparison, n=4)
    assert sorted(t.get_text() for t in ax.texts) == ["Kiev", "Kyiv", "special operation", "war"]


def _crowded():
    # Forty terms on nearly the same spot: naive placement would stack every label.
    terms = [f"term number {index}" for index in range(40)]
    return pd.DataFrame(
        {
            "term": terms,
            "group": "A",
            "count": np.arange(40) % 3 + 10,
            "other_count": 10,
            "z": np.linspace(3.0, 3.4, 40),
        }
    )


def test_log_odds_labels_never_overlap():
    _figure, ax = plt.subplots(figsize=(3.5, 2.6))
    framing.plot.log_odds(_crowded(), n=15, ax=ax)
    boxes = _label_boxes(ax)
    assert len(boxes) == 15
    for first, second in itertools.combinations(boxes, 2):
        assert not first.overlaps(second)


def test_log_odds_leaves_unlabelled_and_names_the_terms_it_has_no_room_for():
    _figure, ax = plt.subplots(figsize=(2.0, 1.5))
    with pytest.warns(UserWarning, match=r"no room to label \['term number"):
        framing.plot.log_odds(_crowded(), n=15, ax=ax)
    boxes = _label_boxes(ax)
    assert 0 < len(boxes) < 15
    for first, second in itertools.combinations(boxes, 2):
        assert not first.overlaps(second)


def test_log_odds_labels_stay_inside_the_axes(comparison):
    ax = framing.plot.log_odds(comparison, n=13)
    area = ax.get_window_extent()
    for box in _label_boxes(ax):
        assert area.x0 - 1 <= box.x0 and box.x1 <= area.x1 + 1
        assert area.y0 - 1 <= box.y0 and box.y1 <= area.y1 + 1


def test_log_odds_placement_is_the_same_every_time(comparison):
    first = [t.get_position() for t in framing.plot.log_odds(comparison, n=8).texts]
    second = [t.get_position() for t in framing.plot.log_odds(comparison, n=8).texts]
    assert first == second


def test_log_odds_bar_ranks_n_terms_on_each_side(comparison):
    ax = framing.plot.log_odds(comparison, n=2, kind="bar")
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "special operation",
        "Kiev",
        "war",
        "Kyiv",
    ]
    assert [patch.get_width() for patch in ax.patches] == [6.2, 5.1, -4.8, -5.3]


def test_log_odds_needs_a_group_when_the_table_has_several(comparison):
    both = pd.concat([comparison, comparison.assign(group="Daily Planet")])
    with pytest.raises(ValueError, match=r"the groups \['Daily Planet', 'Kremlin Wire'\]"):
        framing.plot.log_odds(both)
    ax = framing.plot.log_odds(both, group="Daily Planet", kind="bar", n=1)
    assert ax.get_title() == "Daily Planet (top) vs. the rest (bottom)"


def test_log_odds_accepts_the_table_of_framing_log_odds():
    counts_a = pd.Series({"war": 2, "operation": 30, "city": 10})
    counts_b = pd.Series({"war": 40, "operation": 1, "city": 12})
    table = framing.log_odds(counts_a, counts_b)
    ax = framing.plot.log_odds(table, n=2)
    assert sorted(t.get_text() for t in ax.texts) == ["operation", "war"]


def test_log_odds_refuses_an_unknown_kind(comparison):
    with pytest.raises(ValueError, match=r"'kind' parameter of plot\.log_odds must be one of"):
        framing.plot.log_odds(comparison, kind="cloud")


# ---------------------------------------------------------------- dispersion


def test_dispersion_places_matches_by_document_date_and_offset(hits, corpus):
    ax = framing.plot.dispersion(hits, corpus, terms=["Kyiv"], x="order")
    # Order by date: d2 (Jan 15), d3, d6, d1 (Mar 1), d5 (Apr 10), then undated d4.
    # d1 is the 4th (position 3); its matches at 0 and 20 of 40 characters.
    offsets = sorted(ax.collections[0].get_offsets()[:, 0])
    assert offsets == [3.0, 3.5, 4.2]


def test_dispersion_puts_undated_documents_last_and_says_so(hits, corpus):
    ax = framing.plot.dispersion(hits, corpus, terms=["Kiev"], x="order")
    offsets = sorted(ax.collections[0].get_offsets()[:, 0])
    # d2 at 10/40; d3's match is in the title (start of the document); d4 undated, 4/40.
    assert offsets == [0.25, 1.0, 5.1]
    assert ax.get_xlabel() == "6 documents in date order\n(1 undated, at the right)"


def test_dispersion_puts_matches_on_a_date_axis_and_counts_undated_ones(hits, corpus):
    import matplotlib.dates as mdates

    ax = framing.plot.dispersion(hits, corpus, terms=["Kiev"])
    dates = sorted(mdates.num2date(x).date() for x in ax.collections[0].get_offsets()[:, 0])
    # d2 (Jan 15) and d3 (Feb 1); d4 has no date
    assert [str(d) for d in dates] == ["2022-01-15", "2022-02-01"]
    assert ax.get_xlabel() == "date published, 2022\n(1 match in undated documents not shown)"
    assert isinstance(ax.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)


def test_dispersion_keeps_a_row_for_a_term_never_matched(hits, corpus):
    ax = framing.plot.dispersion(hits, corpus, terms=["Kyiv", "Kiyv"])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Kyiv", "Kiyv"]


def test_dispersion_colours_ticks_by_outlet(hits, corpus):
    ax = framing.plot.dispersion(hits, corpus, terms=["Kyiv"])
    colours = [to_hex(colour) for colour in ax.collections[0].get_edgecolor()]
    palette = framing.plot.outlet_colors(corpus["outlet"])
    # d1 (Daily Planet) twice, d5 (Kremlin Wire) once, in hit order.
    assert colours == [palette["Daily Planet"].lower()] * 2 + [palette["Kremlin Wire"].lower()]


def test_dispersion_refuses_hits_from_another_corpus(hits, corpus):
    with pytest.raises(ValueError, match=r"1 hit\(s\) name documents that are not in the corpus"):
        framing.plot.dispersion(hits, corpus[corpus["doc_id"] != "d6"])


# ---------------------------------------------------------------- shared behaviour


def test_source_note_summarises_the_tables_provenance(scores):
    ax = framing.plot.shares(scores, concept="capital", caption=True)
    notes = [t.get_text() for t in ax.texts if t.get_text().startswith("Source:")]
    assert notes == [
        "Source: framing 0.1.0; corpus sha256:01234567 (6 documents); lexicon ukraine_war 1.0"
    ]


def test_source_note_can_be_given_as_text(scores):
    ax = framing.plot.heatmap(scores, caption="Data: synthetic")
    assert "Data: synthetic" in [t.get_text() for t in ax.texts]


@pytest.mark.parametrize(
    "draw",
    [
        lambda t: framing.plot.shares(t["scores"], concept="capital"),
        lambda t: framing.plot.heatmap(t["scores"]),
        lambda t: framing.plot.timeline_grid(
            t["by_period"],
            concept="name of the war",
        ),
        lambda t: framing.plot.log_odds(t["comparison"]),
        lambda t: framing.plot.dispersion(t["hits"], t["corpus"]),
    ],
    ids=["shares", "heatmap", "timeline", "log_odds", "dispersion"],
)
def test_charts_leave_global_settings_and_inputs_unchanged(
    draw, scores, scores_by_period, comparison, hits, corpus
):
    tables = {
        "scores": scores,
        "by_period": scores_by_period,
        "comparison": comparison,
        "hits": hits,
        "corpus": corpus,
    }
    copies = {name: table.copy() for name, table in tables.items()}
    before = dict(mpl.rcParams)
    with framing.plot.style("paper"):
        draw(tables)
    assert dict(mpl.rcParams) == before
    for name, table in tables.items():
        pd.testing.assert_frame_equal(table, copies[name])


def test_style_keeps_interactive_mode_a_backend_switched_on_inside_the_block():
    # The inline backend of a notebook turns interactive mode on when pyplot first loads;
    # if the style undid that on exit, no later figure of the notebook would show.
    import matplotlib as mpl

    from framing.plot import style

    before = mpl.rcParams["interactive"]
    try:
        mpl.rcParams["interactive"] = False
        with style("notebook"):
            mpl.rcParams["interactive"] = True
        assert mpl.rcParams["interactive"] is True
    finally:
        mpl.rcParams["interactive"] = before


# ---------------------------------------------------------------- labels, titles, small groups

DRAW_WITH_LABELS = {
    "shares": lambda t, **k: framing.plot.shares(t["scores"], concept="name of the war", **k),
    "heatmap": lambda t, **k: framing.plot.heatmap(t["scores"], **k),
    "timeline": lambda t, **k: framing.plot.timeline(
        t["scores_by_period"], concept="name of the war", variant="war", **k
    ),
    "log_odds": lambda t, **k: framing.plot.log_odds(t["comparison"], n=3, **k),
    "dispersion": lambda t, **k: framing.plot.dispersion(t["hits"], t["corpus"], **k),
    "voice": lambda t, **k: framing.plot.voice(
        t["scores_by_period"], t["scores_by_period"], concept="name of the war", variant="war", **k
    ),
}


def _all_text(artist) -> list[str]:
    figure = artist if isinstance(artist, Figure) else artist.figure
    figure.draw_without_rendering()
    return [text.get_text() for text in figure.findobj(mpl.text.Text) if text.get_visible()]


@pytest.mark.parametrize("name", sorted(DRAW_WITH_LABELS))
def test_every_chart_takes_a_title_and_labels(
    name, scores, scores_by_period, comparison, hits, corpus
):
    tables = {
        "scores": scores,
        "scores_by_period": scores_by_period,
        "comparison": comparison,
        "hits": hits,
        "corpus": corpus,
    }
    labels = {
        "name of the war": "Naming the war",
        ("name of the war", "war"): "“war”",
        "Kremlin Wire": "KW",
        "Daily Planet": "DP",
    }
    texts = _all_text(DRAW_WITH_LABELS[name](tables, labels=labels))
    assert any("KW" in text for text in texts)
    assert not any("Kremlin Wire" in text for text in texts)
    assert "My title" in _all_text(DRAW_WITH_LABELS[name](tables, title="My title"))
    untitled = DRAW_WITH_LABELS[name](tables, title="")
    assert "My title" not in _all_text(untitled)


def test_default_labels_never_show_an_identifier_with_underscores(scores):
    table = scores.assign(
        concept=scores["concept"].str.replace(" ", "_"),
        variant=scores["variant"].str.replace(" ", "_"),
    )
    for drawn in (
        framing.plot.shares(table, concept="name_of_the_war"),
        framing.plot.heatmap(table, value="share", across="variant"),
    ):
        assert not [text for text in _all_text(drawn) if "_" in text]


def test_default_labels_come_from_the_bundled_lexicon_the_table_was_scored_with(scores):
    lexicon = framing.load_lexicon("ukraine_war")
    table = scores.iloc[:2].assign(concept="war_name", variant=["russian_state", "war_invasion"])
    table.attrs["framing"] = {
        "lexicon": {"name": "ukraine_war", "version": "1.0", "hash": lexicon.fingerprint()}
    }
    ax = framing.plot.shares(table, concept="war_name")
    assert ax.get_title() == "What the war is called"
    assert [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()] == [
        "The Russian state's name for the war",
        "Naming it a war, an invasion or aggression",
    ]
    table.attrs["framing"]["lexicon"]["hash"] = "sha256:another"
    assert framing.plot.shares(table, concept="war_name").get_title() == "war name"


def test_style_pins_labels_for_every_chart_in_the_block(scores):
    with framing.plot.style("paper", labels={"capital": "The capital's spelling"}):
        assert (
            framing.plot.shares(scores, concept="capital").get_title() == "The capital's spelling"
        )
    assert framing.plot.shares(scores, concept="capital").get_title() == "capital"


def test_labels_of_a_lexicon_are_short_and_human():
    names = framing.plot.labels(
        framing.load_lexicon("ukraine_war"), framing.load_lexicon("ukraine_toponyms")
    )
    assert names["war_name"] == "What the war is called"
    assert names[("war_name", "russian_state")] == "The Russian state's name for the war"
    assert names["kyiv"] == "Kyiv"
    assert names[("kyiv", "russian_derived")] == "Kiev"
    assert all("_" not in label for label in names.values())


def test_bad_labels_are_refused_with_a_clear_message(scores):
    with pytest.raises(ValueError, match=r"'labels' parameter of plot\.shares must be a mapping"):
        framing.plot.shares(scores, concept="capital", labels=42)


def test_shares_resting_on_few_documents_are_pale_and_say_so(scores):
    table = scores.assign(concept_docs=[20] * 8 + [3] * 6)  # capital: 3 documents
    ax = framing.plot.shares(table, concept="capital")
    alphas = {patch.get_alpha() for container in _bars(ax) for patch in container.patches}
    assert alphas == {0.3}
    assert "pale: fewer than 5 documents with the concept" in ax.get_xlabel().replace("\n", " ")
    ax = framing.plot.shares(table, concept="name of the war")
    assert {p.get_alpha() for c in _bars(ax) for p in c.patches} == {None}
    assert "pale" not in ax.get_xlabel()
    ax = framing.plot.shares(table, concept="capital", min_docs=0)
    assert {p.get_alpha() for c in _bars(ax) for p in c.patches} == {None}


def test_heatmap_hatches_cells_resting_on_few_documents(scores):
    table = scores.assign(n_docs=[10] * 3 + [2] * 3 + [10] * 8)  # Kremlin Wire, the war
    ax = framing.plot.heatmap(table, value="rate")
    hatched = [patch for patch in ax.patches if patch.get_hatch()]
    assert len(hatched) == 1
    assert hatched[0].get_xy() == (-0.5, 0.5)  # column 0 (the war), row 1 (Kremlin Wire)
    assert ax.get_xlabel() == "hatched: fewer than 5 documents"


def test_heatmap_leaves_out_concepts_without_hits_unless_chosen(scores):
    table = pd.concat(
        [
            scores,
            scores[scores["concept"] == "capital"].assign(
                concept="annexed_regions", count=0, rate=0.0
            ),
        ],
        ignore_index=True,
    )
    drawn = [t.get_text() for t in framing.plot.heatmap(table).get_xticklabels()]
    assert drawn == ["name of the war", "capital"]
    chosen = framing.plot.heatmap(table, concept=["annexed_regions", "capital"])
    assert [t.get_text() for t in chosen.get_xticklabels()] == ["annexed regions", "capital"]


def test_timeline_draws_only_events_inside_the_data(scores_by_period):
    table = scores_by_period.copy()
    table.attrs["framing"] = {**table.attrs["framing"], "parameters": {"period": "M"}}
    with pytest.warns(UserWarning, match=r"2022-09-30 'annexation claims'.*not drawn"):
        ax = framing.plot.timeline(
            table,
            concept="name of the war",
            variant="war",
            events={"2022-02-24": "full-scale invasion", "2022-09-30": "annexation claims"},
        )
    assert [text.get_text() for text in ax.texts] == ["full-scale invasion"]
    # the last period (April) ends on 1 May: an event on 30 April is inside
    ax = framing.plot.timeline(
        table, concept="name of the war", variant="war", events=[("2022-04-30", "late")]
    )
    assert [text.get_text() for text in ax.texts] == ["late"]
    assert ax.get_xlim()[1] < mpl.dates.date2num(pd.Timestamp("2022-05-15"))


def test_timeline_of_a_concept_rate_draws_the_concept_interval_when_scored(scores_by_period):
    table = scores_by_period.assign(
        concept_rate=5.0, concept_rate_low=4.0, concept_rate_high=6.5, n_docs=10
    )
    ax = framing.plot.timeline(table, concept="name of the war")
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(bands) == 3
    heights = bands[0].get_paths()[0].vertices[:, 1]
    assert (heights.min(), heights.max()) == (4.0, 6.5)


def test_timeline_draws_points_on_few_documents_hollow(scores_by_period):
    # rows: outlet × period × (war, invasion); "war" rests on 2 documents in February
    # and April
    table = scores_by_period.assign(concept_docs=[10, 10, 2, 2] * 6)
    ax = framing.plot.timeline(table, concept="name of the war", variant="war", value="share")
    hollow = [line for line in ax.get_lines() if line.get_markerfacecolor() == "white"]
    assert len(hollow) == 3
    months = {str(pd.Timestamp(x).month) for line in hollow for x in line.get_xdata()}
    assert months == {"2", "4"}
    assert "hollow: fewer than 5 documents with the concept" in ax.get_xlabel()


def test_timeline_draws_no_band_for_points_on_few_documents(scores_by_period):
    # A month resting on 2 documents gets a wide interval; it must not set the axis.
    table = scores_by_period.assign(concept_docs=[10, 10, 2, 2] * 6)
    table.loc[table["concept_docs"] == 2, "share_high"] = 1.0
    table.loc[table["concept_docs"] == 2, "share_low"] = 0.0
    ax = framing.plot.timeline(table, concept="name of the war", variant="war", value="share")
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert bands
    drawn = {
        round(mpl.dates.num2date(x).month)
        for band in bands
        for path in band.get_paths()
        for x in path.vertices[:, 0]
    }
    assert drawn == {1, 3}  # January and March only: February and April are hollow
    assert "hollow: fewer than 5 documents with the concept (no band)" in ax.get_xlabel()


def test_voice_puts_every_voice_beside_own_voice_with_one_legend_below(scores_by_period):
    own = scores_by_period.assign(share=scores_by_period["share"] / 2)
    figure = framing.plot.voice(scores_by_period, own, concept="name of the war", variant="war")
    left, right = figure.axes
    assert (left.get_title(), right.get_title()) == (
        "Every voice",
        "Own voice (quotations left out)",
    )
    assert figure.get_suptitle() == "name of the war: war"
    assert left.get_legend() is None and right.get_legend() is None
    legend = figure.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == [
        "Daily Planet",
        "Kremlin Wire",
        "Pravda Online",
    ]
    figure.draw_without_rendering()
    assert legend.get_window_extent().y1 < left.get_window_extent().y0


def test_log_odds_frequency_ticks_never_overlap():
    terms = [f"t{index}" for index in range(60)]
    counts = np.geomspace(1, 200_000, 60).round()
    comparison = pd.DataFrame(
        {
            "term": terms,
            "group": "A",
            "count": counts,
            "other_count": counts,
            "z": np.linspace(-5, 5, 60),
        }
    )
    for width in (3.5, 7.2):
        figure, ax = plt.subplots(figsize=(width, 2.6))
        framing.plot.log_odds(comparison, n=0, ax=ax)
        figure.canvas.draw()
        boxes = [
            label.get_window_extent()
            for label in ax.get_xticklabels()
            if label.get_visible() and label.get_text()
        ]
        assert len(boxes) >= 2
        for first, second in itertools.pairwise(sorted(boxes, key=lambda box: box.x0)):
            assert first.x1 <= second.x0, [label.get_text() for label in ax.get_xticklabels()]
        texts = [label.get_text() for label in ax.get_xticklabels() if label.get_text()]
        assert not [text for text in texts if "e+" in text]
