"""Every result table carries its provenance in attrs["framing"] (issue 5, build item 4).

One small pipeline, each public function that returns a table, and the same checks:
the package version, the fingerprint of the corpus it came from, the lexicon's name,
version and hash where a lexicon was used, the function and its parameters.
"""

from __future__ import annotations

import pandas as pd
import pytest

import framing
from framing.corpus.schema import conform
from framing.lexicon.model import Lexicon
from framing.provenance import corpus_fingerprint

LEXICON = Lexicon.from_dataframe(
    pd.DataFrame(
        {
            "concept": ["capital", "capital"],
            "variant": ["kiev", "kyiv"],
            "term": ["Kiev", "Kyiv"],
        }
    ),
    name="capitals",
    version="3",
)


@pytest.fixture(scope="module")
def pipeline() -> dict[str, pd.DataFrame]:
    titles = [
        "Kiev talks resume",
        "Kiev regime shells city",
        "Kyiv mayor speaks",
        "Kyiv under fire again",
        "Kiev and Kyiv in one line",
        "City news in Kyiv",
    ]
    corpus = conform(
        pd.DataFrame(
            {
                "doc_id": [f"d{i}" for i in range(len(titles))],
                "outlet": ["RT", "RT", "BBC", "BBC", "RT", "BBC"],
                "published": ["2022-01-05", "2022-02-07", "2022-01-09"] * 2,
                "title": titles,
                "text": "",
            }
        )
    )
    hits = framing.match(corpus, LEXICON)
    scores = framing.score(hits, corpus, n_boot=20)
    sheet = framing.coding_sheet(hits, corpus, n=2)
    coded = sheet.assign(code="yes")
    coded.attrs = dict(sheet.attrs)
    counts_a = pd.Series({"kiev": 3, "kyiv": 1, "city": 2})
    counts_b = pd.Series({"kiev": 1, "kyiv": 4, "city": 2})
    precision = framing.precision(coded)
    return {
        "corpus": corpus,
        "match": hits,
        "score": scores,
        "score_by_period": framing.score(hits, corpus, period="M", n_boot=20),
        "compare_groups": framing.compare_groups(corpus, min_count=1),
        "compare_groups_lexicon": framing.compare_groups(corpus, terms=LEXICON, min_count=1),
        "log_odds": framing.log_odds(counts_a, counts_b),
        "keyness": framing.keyness(counts_a, counts_b),
        "collocations": framing.collocations(corpus, "Kiev", min_count=1),
        "suggest_terms": framing.suggest_terms(corpus, LEXICON, min_count=1),
        "kwic": framing.kwic(hits, corpus),
        "coding_sheet": sheet,
        "precision": precision,
        "adjusted_counts": framing.adjusted_counts(scores, precision),
    }


FROM_A_CORPUS = [
    "match",
    "score",
    "score_by_period",
    "compare_groups",
    "compare_groups_lexicon",
    "collocations",
    "suggest_terms",
    "kwic",
    "coding_sheet",
    "precision",
    "adjusted_counts",
]
WITH_A_LEXICON = [
    "match",
    "score",
    "score_by_period",
    "compare_groups_lexicon",
    "suggest_terms",
    "kwic",
    "coding_sheet",
    "precision",
    "adjusted_counts",
]


@pytest.mark.parametrize("name", [*FROM_A_CORPUS, "log_odds", "keyness"])
def test_every_result_table_records_the_package_function_and_parameters(pipeline, name):
    record = pipeline[name].attrs["framing"]
    assert record["package"] == "framing"
    assert record["version"] == framing.__version__
    assert isinstance(record["function"], str) and record["function"]
    assert isinstance(record["parameters"], dict) and record["parameters"]


@pytest.mark.parametrize("name", FROM_A_CORPUS)
def test_tables_made_from_a_corpus_record_its_fingerprint(pipeline, name):
    record = pipeline[name].attrs["framing"]
    assert record["corpus"]["fingerprint"] == corpus_fingerprint(pipeline["corpus"])


@pytest.mark.parametrize("name", WITH_A_LEXICON)
def test_tables_made_with_a_lexicon_record_its_name_version_and_hash(pipeline, name):
    lexicon = pipeline[name].attrs["framing"]["lexicon"]
    assert (lexicon["name"], lexicon["version"]) == ("capitals", "3")
    assert lexicon["hash"] == LEXICON.fingerprint()


def test_score_records_the_interval_it_used_and_the_seed_only_when_it_draws(pipeline):
    parameters = pipeline["score"].attrs["framing"]["parameters"]
    assert (parameters["interval"], parameters["ci"]) == ("effective", 0.95)
    assert "seed" not in parameters and "n_boot" not in parameters
    corpus, hits = pipeline["corpus"], pipeline["match"]
    drawn = framing.score(hits, corpus, interval="bootstrap", n_boot=20)
    parameters = drawn.attrs["framing"]["parameters"]
    assert (parameters["seed"], parameters["ci"], parameters["n_boot"]) == (0, 0.95, 20)
