"""collocations (NLTK association measures in a window) and suggest_terms."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from framing.corpus.schema import conform
from framing.discovery import _is_covered, collocations, suggest_terms
from framing.lexicon.model import Lexicon


def _corpus(titles: list[str], outlets: list[str] | None = None) -> pd.DataFrame:
    return conform(
        pd.DataFrame(
            {
                "doc_id": [f"d{i}" for i in range(len(titles))],
                "outlet": outlets or ["RT"] * len(titles),
                "published": "2022-03-01",
                "title": titles,
                "text": "",
            }
        )
    )


CORPUS = _corpus(["Kiev regime shells city", "the Kiev regime again", "city news"])


def test_pmi_in_a_one_word_window_matches_hand_computation():
    # 10 tokens; (kiev, regime) twice; kiev 2x, regime 2x: PMI = log2(2 * 10 / (2 * 2))
    table = collocations(CORPUS, "Kiev", window=1, measure="pmi", min_count=2)
    assert table["collocate"].tolist() == ["regime"]
    row = table.iloc[0]
    assert (row["position"], row["count"], row["collocate_count"], row["term_count"]) == (
        "after",
        2,
        2,
        2,
    )
    assert row["statistic"] == pytest.approx(math.log2(5), abs=1e-9)


def test_likelihood_ratio_matches_hand_computation():
    # cells: both 2, kiev without regime 0, regime without kiev 0, neither 8 (N = 10);
    # expected .4, 1.6, 1.6, 6.4 -> G2 = 2 (2 ln(2/.4) + 8 ln(8/6.4))
    table = collocations(CORPUS, "kiev", window=1, min_count=2)
    expected = 2 * (2 * math.log(2 / 0.4) + 8 * math.log(8 / 6.4))
    assert table.iloc[0]["statistic"] == pytest.approx(expected, abs=1e-6)
    assert table.iloc[0]["measure"] == "likelihood_ratio"


def test_windows_see_both_sides_and_never_cross_documents():
    table = collocations(CORPUS, "city", window=5, min_count=1)
    pairs = set(zip(table["collocate"], table["position"], strict=True))
    assert ("kiev", "before") in pairs
    assert ("news", "after") in pairs
    # "again" ends document 2 and "city" starts document 3: not neighbours
    assert "again" not in set(table["collocate"])


def test_a_phrase_is_one_token():
    corpus = _corpus(["the special military operation goes on", "special military operation goes"])
    table = collocations(corpus, "Special Military Operation", window=1, min_count=2)
    assert table["term"].unique().tolist() == ["special military operation"]
    assert table["collocate"].tolist() == ["goes"]


def test_stop_words_are_left_out_of_the_result_only():
    with_stop = collocations(CORPUS, "kiev", window=2, min_count=1)
    without = collocations(CORPUS, "kiev", window=2, min_count=1, stop_words=["the"])
    assert "the" in set(with_stop["collocate"])
    assert "the" not in set(without["collocate"])
    kept = with_stop[with_stop["collocate"] != "the"].reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, without, check_like=False)


def test_collocations_carry_provenance_and_reject_bad_parameters():
    record = collocations(CORPUS, "kiev", min_count=1).attrs["framing"]
    assert record["function"] == "collocations"
    assert record["parameters"]["window"] == 5
    with pytest.raises(ValueError, match=r"'measure' parameter of collocations must be"):
        collocations(CORPUS, "kiev", measure="dice")
    with pytest.raises(ValueError, match=r"'window' parameter of collocations must be a whole"):
        collocations(CORPUS, "kiev", window=0)
    with pytest.raises(ValueError, match=r"'term' parameter of collocations must be a word"):
        collocations(CORPUS, " -- ")


LEXICON = Lexicon.from_dataframe(
    pd.DataFrame(
        {
            "concept": ["capital", "capital", "war"],
            "variant": ["kiev", "kyiv", "liberation"],
            "term": ["Kiev", "Kyiv", "liberat*"],
        }
    )
)


def test_coverage_needs_one_term_to_span_the_whole_ngram_with_globs_to_word_end():
    assert _is_covered("kiev", LEXICON)
    assert _is_covered("KYIV", LEXICON)
    assert _is_covered("liberation", LEXICON)
    assert not _is_covered("kiev regime", LEXICON)
    assert not _is_covered("liberation of", LEXICON)
    assert not _is_covered("kievan", LEXICON)


def test_suggest_terms_ranks_distinctive_uncovered_ngrams_per_outlet():
    corpus = _corpus(
        [
            "Kiev regime shells Donbass",
            "Kiev regime forces",
            "Liberation of Donbass",
            "Kyiv says Russia shells city",
            "Kyiv mayor says",
            "Russian invasion",
        ],
        ["RT", "RT", "RT", "Reuters", "Reuters", "Reuters"],
    )
    table = suggest_terms(corpus, LEXICON, n=3, ngram_range=(1, 2), min_count=2)
    assert list(table.columns) == [
        "group",
        "rank",
        "term",
        "count",
        "other_count",
        "log_odds",
        "z",
        "g2",
        "p_adjusted",
    ]
    rt = table[table["group"] == "RT"]
    # "regime" occurs only inside "kiev regime" in RT: the phrase stands for both.
    assert rt["rank"].tolist() == [1, 2]
    assert "regime" not in set(rt["term"])
    assert {"kiev", "kyiv", "liberation"}.isdisjoint(set(table["term"]))
    assert "kiev regime" in set(rt["term"])
    assert (table["z"] > 0).all()
    assert table.attrs["framing"]["function"] == "suggest_terms"
    assert table.attrs["framing"]["lexicon"]["hash"] == LEXICON.fingerprint()


def test_suggest_terms_rejects_a_non_lexicon():
    with pytest.raises(ValueError, match=r"'lexicon' parameter of suggest_terms must be a"):
        suggest_terms(CORPUS, ["Kiev"])


def test_collocations_need_no_nltk_data_and_never_download(monkeypatch, tmp_path):
    import nltk

    def refuse(*args, **kwargs):
        raise AssertionError("collocations must not download NLTK data")

    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])  # an empty data folder
    monkeypatch.setenv("NLTK_DATA", str(tmp_path))
    table = collocations(CORPUS, "Kiev", window=2, min_count=1, stop_words="english")
    assert "regime" in set(table["collocate"])


def test_suggest_terms_leaves_an_ngram_used_only_inside_a_longer_one_to_the_longer():
    corpus = conform(
        pd.DataFrame(
            {
                "doc_id": [f"d{i}" for i in range(8)],
                "outlet": ["A"] * 4 + ["B"] * 4,
                "published": "2022-03-01",
                "title": ["could not be reached for comment"] * 3
                + ["comment pieces"]
                + ["rain in the hills"] * 4,
                "text": "",
            }
        )
    )
    lexicon = Lexicon.from_dataframe(
        pd.DataFrame({"concept": ["c"], "variant": ["v"], "term": ["Kyiv"]})
    )
    terms = suggest_terms(corpus, lexicon, n=50, ngram_range=(1, 3), min_count=1, stop_words=None)
    suggested = set(terms.loc[terms["group"] == "A", "term"])
    # "be reached" (3 times) occurs only inside "be reached for" (3 times): left out.
    assert "be reached for" in suggested and "be reached" not in suggested
    # "comment" (4 times) also stands alone once, so it is kept beside the longest phrase
    # that holds it; "for comment" (3) occurs only inside "reached for comment" (3).
    assert "comment" in suggested and "reached for comment" in suggested
    assert "for comment" not in suggested
