"""framing.tables: the table contracts, their one home, and validate_hits/validate_scores."""

from __future__ import annotations

import pandas as pd
import pytest

import framing
from framing import tables
from framing.errors import ParameterError


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return framing.as_corpus(
        pd.DataFrame(
            {
                "doc_id": ["a", "b"],
                "outlet": ["RT", "BBC"],
                "published": ["2022-03-02", "2022-03-03"],
                "title": ["", ""],
                "text": ["Kiev said.", "Kyiv and Kiev."],
            }
        )
    )


@pytest.fixture(scope="module")
def lexicon() -> framing.Lexicon:
    return framing.Lexicon.from_dataframe(
        pd.DataFrame(
            {"concept": "capital", "variant": ["russian", "ukrainian"], "term": ["Kiev", "Kyiv"]}
        ),
        name="demo",
    )


@pytest.fixture(scope="module")
def hits(corpus, lexicon) -> pd.DataFrame:
    return framing.match(corpus, lexicon)


def test_matching_takes_the_hits_contract_from_tables() -> None:
    from framing.matching import HITS_COLUMNS

    assert HITS_COLUMNS is tables.HITS_COLUMNS


def test_the_stages_take_their_columns_from_tables() -> None:
    from framing import coding, comparison, concordance, scoring

    assert scoring.SCORE_COLUMNS is tables.SCORE_COLUMNS
    assert comparison.COMPARISON_COLUMNS is tables.COMPARISON_COLUMNS
    assert concordance.KWIC_COLUMNS is tables.KWIC_COLUMNS
    assert coding.SHEET_COLUMNS is tables.SHEET_COLUMNS


def test_the_contracts_describe_what_the_stages_make(corpus, lexicon, hits) -> None:
    def kinds(table: pd.DataFrame, dtypes) -> None:
        for column, dtype in dtypes.items():
            assert str(table[column].dtype) == dtype, column

    assert list(hits.columns[: len(tables.HITS_COLUMNS)]) == list(tables.HITS_COLUMNS)
    kinds(hits, tables.HITS_COLUMNS)
    scores = framing.score(hits, corpus, lexicon=lexicon)
    kinds(scores, tables.SCORE_DTYPES)
    kinds(framing.kwic(hits, corpus), tables.KWIC_DTYPES)
    kinds(framing.coding_sheet(hits, corpus, n=2), tables.SHEET_DTYPES)
    kinds(framing.compare_groups(corpus, min_count=1), tables.COMPARISON_DTYPES)


def test_valid_tables_pass_unchanged(corpus, lexicon, hits) -> None:
    assert framing.validate_hits(hits) is hits
    scores = framing.score(hits, corpus, lexicon=lexicon)
    assert framing.validate_scores(scores) is scores
    # Hand-made hits: object columns, no term/voice/speaker, categorical concept.
    made = pd.DataFrame(
        {
            "doc_id": ["a"],
            "field": ["text"],
            "start": [0],
            "end": [4],
            "matched": ["Kiev"],
            "concept": pd.Categorical(["capital"]),
            "variant": ["russian"],
        }
    )
    assert framing.validate_hits(made) is made


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda h: h.drop(columns=["field", "variant"]),
            r"lacks the column\(s\) \['field', 'variant'\]",
        ),
        (
            lambda h: h.astype({"start": "float64"}),
            r"column 'start' has dtype float64; expected whole",
        ),
        (lambda h: h.assign(concept=1), r"column 'concept' has dtype int64; expected text"),
        (lambda h: h.to_dict(), r"must be a pandas DataFrame\. Got builtins\.dict"),
    ],
)  # fmt: skip
def test_bad_hits_name_the_column_and_how_to_make_hits(hits, change, message) -> None:
    with pytest.raises(ParameterError, match=message) as caught:
        framing.validate_hits(change(hits))
    assert "framing.match(corpus, lexicon)" in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_bad_scores_name_the_column_and_how_to_make_scores(corpus, lexicon, hits) -> None:
    scores = framing.score(hits, corpus, lexicon=lexicon)
    with pytest.raises(
        ParameterError, match=r"lacks the column\(s\) \['share_low'\].*framing\.score"
    ):
        framing.validate_scores(scores.drop(columns="share_low"))
    with pytest.raises(ParameterError, match=r"column 'rate' has dtype object; expected numbers"):
        framing.validate_scores(scores.astype({"rate": object}))


@pytest.mark.parametrize(
    ("stage", "column"),
    [
        (lambda h, c: framing.kwic(h, c), "end"),
        (lambda h, c: framing.coding_sheet(h, c, n=1), "matched"),
        (lambda h, c: framing.score(h, c), "variant"),
    ],
)
def test_the_front_doors_check_hits_with_validate_hits(corpus, hits, stage, column) -> None:
    with pytest.raises(
        ParameterError, match=rf"The hits table lacks the column\(s\) \['{column}'\]"
    ):
        stage(hits.drop(columns=column), corpus)


def test_score_needs_no_span_and_kwic_no_term_or_voice(corpus, lexicon, hits) -> None:
    located = hits.drop(columns=["start", "end", "matched"])
    assert framing.score(located, corpus, lexicon=lexicon)["count"].sum() == len(hits)
    table = framing.kwic(hits.drop(columns=["term", "voice", "speaker"]), corpus)
    assert table["term"].isna().all()


def test_a_text_column_with_no_value_passes_whatever_its_dtype() -> None:
    # hits written to CSV and read back: no speaker anywhere, so pandas reads float NaN.
    hits = pd.DataFrame(
        {
            "doc_id": ["a"],
            "field": ["text"],
            "concept": ["c"],
            "variant": ["v"],
            "speaker": [float("nan")],
        }
    )
    assert tables.validate_hits(hits) is hits
    with pytest.raises(ValueError, match="'speaker' has dtype float64"):
        tables.validate_hits(hits.assign(speaker=[1.5]))
