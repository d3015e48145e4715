"""The charts draw the tables that framing.score and framing.compare_groups really make."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from matplotlib.figure import Figure

import framing
import framing.plot

# Synthetic articles; the hits are found with a plain regex, in the match table's shape.
ARTICLES = {
    "d1": ("Daily Planet", "2022-01-10", "The war near Kyiv goes on. The war is brutal."),
    "d2": (
        "Kremlin Wire",
        "2022-01-20",
        "The special operation near Kiev, said Kiev.",
    ),
    "d3": ("Daily Planet", "2022-02-15", "Invasion: Kyiv under fire as the invasion widens."),
    "d4": ("Kremlin Wire", "2022-03-02", "In Kiev the special operation goes on, not a war."),
}
TERMS = {
    "war": ("name of the war", "war"),
    "special operation": ("name of the war", "special operation"),
    "invasion": ("name of the war", "invasion"),
    "Kyiv": ("capital", "Kyiv"),
    "Kiev": ("capital", "Kiev"),
}


@pytest.fixture(scope="module")
def pipeline():
    corpus = pd.DataFrame(
        {
            "doc_id": list(ARTICLES),
            "outlet": [outlet for outlet, _, _ in ARTICLES.values()],
            "published": pd.to_datetime([date for _, date, _ in ARTICLES.values()], utc=True),
            "title": "",
            "text": [text for _, _, text in ARTICLES.values()],
        }
    )
    for column in ("doc_id", "outlet", "title", "text"):
        corpus[column] = corpus[column].astype("string")
    rows = []
    for doc_id, (_, _, text) in ARTICLES.items():
        for term, (concept, variant) in TERMS.items():
            for found in re.finditer(rf"\b{re.escape(term)}\b", text, flags=re.IGNORECASE):
                rows.append(
                    {
                        "doc_id": doc_id,
                        "field": "text",
                        "start": found.start(),
                        "end": found.end(),
                        "matched": found.group(),
                        "term": term,
                        "concept": concept,
                        "variant": variant,
                        "voice": "own",
                    }
                )
    hits = pd.DataFrame(rows).astype(
        {
            name: "string"
            for name in ("doc_id", "field", "matched", "term", "concept", "variant", "voice")
        }
    )
    return {
        "corpus": corpus,
        "hits": hits,
        "scores": framing.score(hits, corpus, by="outlet", n_boot=50),
        "by_month": framing.score(hits, corpus, by="outlet", period="M", n_boot=50),
        "comparison": framing.compare_groups(corpus, min_count=1),
    }


def test_every_chart_draws_the_pipelines_tables(pipeline, tmp_path):
    with framing.plot.style("paper"):
        charts = [
            framing.plot.shares(pipeline["scores"], concept="name of the war", caption=True),
            framing.plot.heatmap(pipeline["scores"], value="rate"),
            framing.plot.heatmap(pipeline["scores"], value="share", concept="capital"),
            framing.plot.timeline(
                pipeline["by_month"],
                concept="name of the war",
                variant="war",
                value="share",
                events={"2022-02-24": "full-scale invasion"},
            ),
            framing.plot.timeline_grid(
                pipeline["by_month"],
                concept="capital",
            ),
            framing.plot.timeline(
                pipeline["by_month"], concept="capital", variant="Kiev", value="rate"
            ),
            framing.plot.log_odds(pipeline["comparison"], group="Kremlin Wire", n=5),
            framing.plot.log_odds(pipeline["comparison"], group="Daily Planet", kind="bar", n=3),
            framing.plot.dispersion(pipeline["hits"], pipeline["corpus"]),
        ]
    for chart in charts:
        figure = chart if isinstance(chart, Figure) else chart.figure
        figure.canvas.draw()


def test_a_variant_rate_timeline_from_score_has_its_bootstrap_bands(pipeline):
    from matplotlib.collections import PolyCollection

    ax = framing.plot.timeline(
        pipeline["by_month"], concept="capital", variant="Kiev", value="rate"
    )
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(bands) == 2  # one per outlet, from score's rate_low and rate_high


def test_a_saved_chart_records_the_provenance_of_the_scores_it_shows(pipeline, tmp_path):
    import json

    ax = framing.plot.shares(pipeline["scores"], concept="capital")
    *_, sidecar = framing.save_figure(ax.figure, tmp_path / "shares.png")
    recorded = json.loads(sidecar.read_text())["provenance"]
    assert recorded["function"] == "score"
    assert recorded["corpus"] == pipeline["scores"].attrs["framing"]["corpus"]


def test_the_log_odds_title_names_the_reference_group(pipeline):
    corpus = pipeline["corpus"]
    comparison = framing.compare_groups(corpus, min_count=1, reference="Daily Planet")
    ax = framing.plot.log_odds(comparison, group="Kremlin Wire", n=3)
    assert ax.get_title() == "Kremlin Wire vs. Daily Planet"
