"""Acceptance on RUWA (../shared/data/ruwa): Kiev/Kyiv shares per outlet, RT against Reuters.

RUWA holds headlines and sub-headings only, and not the same for every outlet: RT rows
have a sub-heading (``description``) and no title, Reuters rows a title and no
sub-heading. So both are scored and compared over ``title`` and ``description`` together;
the RT/Reuters log-odds table therefore also reflects sentence-like sub-headings against
telegraphic headlines (function words such as "the" lean to RT), not only word choice.

Run with ``pytest -s -m realdata tests/test_score_realdata.py`` to see the figures.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import framing

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

FIELDS = ["title", "description"]


@pytest.fixture(scope="module")
def ruwa(shared_data):
    corpus = framing.read_corpus(shared_data / "ruwa" / "RUWA_04.08.23.csv")
    lexicon = framing.load_lexicon("ukraine_toponyms")
    hits = framing.match(corpus, lexicon, fields=FIELDS, workers=1)
    capital = hits[hits["concept"] == "kyiv"]
    capital.attrs = hits.attrs
    return corpus, lexicon, capital


@pytest.fixture(scope="module")
def capital_scores(ruwa):
    corpus, _, capital = ruwa
    scores = framing.score(capital, corpus, by="outlet")
    return scores[scores["concept"] == "kyiv"].reset_index(drop=True)


def _share(scores: pd.DataFrame, outlet: str, variant: str) -> pd.Series:
    row = scores[(scores["outlet"] == outlet) & (scores["variant"] == variant)]
    assert len(row) == 1, (outlet, variant)
    return row.iloc[0]


def test_kiev_kyiv_share_per_outlet_with_intervals(capital_scores):
    columns = [
        "outlet",
        "variant",
        "count",
        "docs",
        "concept_docs",
        "share",
        "share_low",
        "share_high",
    ]
    with pd.option_context("display.width", 200, "display.max_rows", 100):
        print("\nKiev/Kyiv per outlet, title + description, 95% interval (effective documents)")
        print(capital_scores[columns].round(3).to_string(index=False))
    for outlet in ("RT", "TASS"):
        row = _share(capital_scores, outlet, "russian_derived")
        assert row["share"] >= 0.95, outlet
        assert row["count"] > 0
    for outlet in ("Reuters", "Ukrinform"):
        row = _share(capital_scores, outlet, "ukrainian_derived")
        assert row["share"] >= 0.95, outlet
        assert row["share_low"] >= 0.9, outlet
    # BBC: 16 Kyiv in about as many documents, so the interval says "at least 0.8",
    # TASS: 6 Kiev in 4 documents, "at least about 0.5", not [1, 1].
    assert 0.7 < _share(capital_scores, "BBC", "ukrainian_derived")["share_low"] < 0.9
    assert 0.3 < _share(capital_scores, "TASS", "russian_derived")["share_low"] < 0.7
    assert _share(capital_scores, "RT", "russian_derived")["share_low"] >= 0.9
    defined = capital_scores.dropna(subset=["share"])
    assert (defined["share_low"] <= defined["share"] + 1e-12).all()
    assert (defined["share"] <= defined["share_high"] + 1e-12).all()
    assert set(capital_scores["outlet"]) == {
        "Al Jazeera",
        "BBC",
        "Censor.net",
        "MSNBC",
        "News Front",
        "RT",
        "Reuters",
        "TASS",
        "Ukrinform",
    }


def test_the_same_call_gives_the_same_intervals_on_ruwa(ruwa, capital_scores):
    corpus, _, capital = ruwa
    again = framing.score(capital, corpus, by="outlet")
    again = again[again["concept"] == "kyiv"].reset_index(drop=True)
    pd.testing.assert_frame_equal(capital_scores, again)


def test_log_odds_of_rt_against_reuters(ruwa):
    corpus, _, _ = ruwa
    table = framing.compare_groups(
        corpus, target="RT", reference="Reuters", fields=FIELDS, min_count=5
    )
    columns = ["term", "count", "other_count", "log_odds", "se", "z", "g2", "p_adjusted"]
    with pd.option_context("display.width", 200):
        print("\nRT against Reuters (title + description), top and bottom 15 by z")
        print(table[columns].head(15).round(3).to_string(index=False))
        print(table[columns].tail(15).round(3).to_string(index=False))
    rows = table.set_index("term")
    # with the default pooled prior; a uniform 0.01 prior gives "kiev" a z of about 1
    assert rows.loc["kiev", "z"] > 4
    assert rows.loc["kiev", "other_count"] == 0
    assert rows.loc["kyiv", "z"] < -4
    assert rows.loc["kyiv", "count"] == 0
    assert np.all(np.diff(table["z"].to_numpy()) <= 0)
    record = table.attrs["framing"]
    assert record["parameters"]["reference"] == "Reuters"
    assert record["corpus"]["documents"] == len(corpus)
