"""Small fixed result tables for the chart tests, written by hand.

They follow the contracts of framing.score (scores), framing.compare_groups (term
statistics) and framing.match (hits), so the charts are tested without running the
pipeline.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

PROVENANCE = {
    "package": "framing",
    "version": "0.1.0",
    "corpus": {"fingerprint": "sha256:0123456789abcdef", "documents": 6},
    "lexicon": {"name": "ukraine_war", "version": "1.0", "hash": "sha256:feedbeef"},
    "function": "score",
    "parameters": {"by": ["outlet"], "interval": 0.95, "seed": 0},
}

OUTLETS = ["Daily Planet", "Kremlin Wire", "Pravda Online"]


def _string(values: list[str]) -> pd.Series:
    return pd.Series(values, dtype="string")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def scores() -> pd.DataFrame:
    """Three outlets × two concepts; shares add to 1 within outlet × concept."""
    rows = [
        # outlet, concept, variant, count, n_tokens, share, low, high
        ("Daily Planet", "name of the war", "war", 30, 20000, 0.60, 0.48, 0.72),
        ("Daily Planet", "name of the war", "invasion", 15, 20000, 0.30, 0.19, 0.41),
        ("Daily Planet", "name of the war", "special operation", 5, 20000, 0.10, 0.03, 0.18),
        ("Kremlin Wire", "name of the war", "war", 4, 10000, 0.10, 0.02, 0.20),
        ("Kremlin Wire", "name of the war", "invasion", 0, 10000, 0.00, 0.00, 0.00),
        ("Kremlin Wire", "name of the war", "special operation", 36, 10000, 0.90, 0.80, 0.98),
        ("Pravda Online", "name of the war", "war", 10, 25000, 0.40, 0.22, 0.58),
        ("Pravda Online", "name of the war", "special operation", 15, 25000, 0.60, 0.42, 0.78),
        ("Daily Planet", "capital", "Kyiv", 18, 20000, 0.90, 0.75, 1.00),
        ("Daily Planet", "capital", "Kiev", 2, 20000, 0.10, 0.00, 0.25),
        ("Kremlin Wire", "capital", "Kyiv", 1, 10000, 0.05, 0.00, 0.15),
        ("Kremlin Wire", "capital", "Kiev", 19, 10000, 0.95, 0.85, 1.00),
        ("Pravda Online", "capital", "Kyiv", 6, 25000, 0.50, 0.25, 0.75),
        ("Pravda Online", "capital", "Kiev", 6, 25000, 0.50, 0.25, 0.75),
    ]
    table = pd.DataFrame(
        rows,
        columns=[
            "outlet",
            "concept",
            "variant",
            "count",
            "n_tokens",
            "share",
            "share_low",
            "share_high",
        ],
    )
    for column in ("outlet", "concept", "variant"):
        table[column] = table[column].astype("string")
    table["rate"] = table["count"] / table["n_tokens"] * 10_000
    table.attrs["framing"] = dict(PROVENANCE)
    return table


@pytest.fixture
def scores_by_period() -> pd.DataFrame:
    """Share and rate of the variant 'war' per outlet and month, with intervals."""
    periods = pd.to_datetime(
        ["2022-01-01", "2022-02-01", "2022-03-01", "2022-04-01"], utc=True
    ).as_unit("ns")
    shares = {
        "Daily Planet": [0.30, 0.55, 0.80, 0.75],
        "Kremlin Wire": [0.20, 0.10, 0.05, 0.08],
        "Pravda Online": [0.40, 0.35, 0.50, 0.45],
    }
    rows = []
    for outlet, values in shares.items():
        for period, share in zip(periods, values, strict=True):
            for variant, variant_share in (("war", share), ("invasion", 1 - share)):
                rows.append(
                    {
                        "outlet": outlet,
                        "period": period,
                        "concept": "name of the war",
                        "variant": variant,
                        "share": variant_share,
                        "share_low": max(variant_share - 0.1, 0.0),
                        "share_high": min(variant_share + 0.1, 1.0),
                        "rate": round(variant_share * (8 if variant == "war" else 3), 3),
                    }
                )
    table = pd.DataFrame(rows)
    for column in ("outlet", "concept", "variant"):
        table[column] = table[column].astype("string")
    table.attrs["framing"] = dict(PROVENANCE)
    return table


@pytest.fixture
def comparison() -> pd.DataFrame:
    """Term statistics of 'Kremlin Wire' against the rest (compare_groups's columns)."""
    rows = [
        ("special operation", 36, 20, 6.2),
        ("Kiev", 19, 8, 5.1),
        ("denazification", 9, 0, 4.0),
        ("Donbas", 22, 14, 3.1),
        ("provocation", 7, 2, 2.3),
        ("said", 80, 160, 0.2),
        ("ministry", 20, 35, -0.4),
        ("city", 12, 30, -1.1),
        ("Zelensky", 10, 25, -1.5),
        ("shelling", 6, 24, -2.2),
        ("invasion", 0, 15, -3.4),
        ("war", 4, 40, -4.8),
        ("Kyiv", 1, 24, -5.3),
    ]
    table = pd.DataFrame(rows, columns=["term", "count", "other_count", "z"])
    table.insert(1, "group", "Kremlin Wire")
    table["term"] = table["term"].astype("string")
    table["group"] = table["group"].astype("string")
    table.attrs["framing"] = {**PROVENANCE, "function": "compare_groups"}
    return table


@pytest.fixture
def corpus() -> pd.DataFrame:
    """Six documents, one undated; texts are 40 characters long."""
    return pd.DataFrame(
        {
            "doc_id": _string(["d1", "d2", "d3", "d4", "d5", "d6"]),
            "outlet": _string(OUTLETS + OUTLETS),
            "published": pd.to_datetime(
                ["2022-03-01", "2022-01-15", "2022-02-01", None, "2022-04-10", "2022-02-20"],
                utc=True,
            ).as_unit("ns"),
            "title": _string(["t"] * 6),
            "text": _string(["x" * 40] * 6),
        }
    )


@pytest.fixture
def hits() -> pd.DataFrame:
    rows = [
        ("d1", "text", 0, "Kyiv"),
        ("d1", "text", 20, "Kyiv"),
        ("d2", "text", 10, "Kiev"),
        ("d3", "text", 30, "special operation"),
        ("d3", "title", 0, "Kiev"),
        ("d4", "text", 4, "Kiev"),
        ("d5", "text", 8, "Kyiv"),
        ("d6", "text", 36, "special operation"),
    ]
    table = pd.DataFrame(rows, columns=["doc_id", "field", "start", "term"])
    for column in ("doc_id", "field", "term"):
        table[column] = table[column].astype("string")
    table["end"] = table["start"] + table["term"].str.len()
    table.attrs["framing"] = {**PROVENANCE, "function": "match"}
    return table
