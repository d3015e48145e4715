"""log_odds and keyness against values computed by hand (the arithmetic is in the test)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from framing.stats import keyness, log_odds

# -- log_odds ------------------------------------------------------------------------------
# Two terms, a = {x: 3, y: 1}, b = {x: 1, y: 3}, prior 1 per term:
# a_0 = 2, n_a = n_b = 4.
# delta_x = ln((3+1)/(4+2-3-1)) - ln((1+1)/(4+2-1-1)) = ln(4/2) - ln(2/4) = 2 ln 2
# full variance = 1/4 + 1/2 + 1/2 + 1/4 = 1.5 ; mcq variance = 1/4 + 1/2 = 0.75
COUNTS_A = pd.Series({"x": 3, "y": 1})
COUNTS_B = pd.Series({"x": 1, "y": 3})


def test_log_odds_full_variance_matches_hand_computation():
    table = log_odds(COUNTS_A, COUNTS_B, prior=1.0)
    assert table.loc["x", "log_odds"] == pytest.approx(2 * math.log(2), abs=1e-12)
    assert table.loc["x", "variance"] == pytest.approx(1.5, abs=1e-12)
    assert table.loc["x", "z"] == pytest.approx(2 * math.log(2) / math.sqrt(1.5), abs=1e-12)
    assert table.loc["x", "z"] == pytest.approx(1.131905, abs=1e-6)
    # y is x mirrored
    assert table.loc["y", "z"] == pytest.approx(-table.loc["x", "z"], abs=1e-12)


def test_log_odds_mcq_variance_drops_the_complement_terms():
    table = log_odds(COUNTS_A, COUNTS_B, prior=1.0, variance="mcq")
    assert table.loc["x", "variance"] == pytest.approx(0.75, abs=1e-12)
    assert table.loc["x", "z"] == pytest.approx(1.600755, abs=1e-6)


def test_mcq_variance_never_gives_a_smaller_z_and_inflates_frequent_terms_most():
    a = pd.Series({"the": 5000, "kiev": 40, "rare": 2, "other": 4958})
    b = pd.Series({"the": 4000, "kiev": 10, "rare": 1, "other": 5989})
    full = log_odds(a, b, variance="full")
    mcq = log_odds(a, b, variance="mcq")
    assert (mcq["z"].abs() >= full["z"].abs()).all()
    inflation = mcq["z"] / full["z"]
    assert inflation["the"] > inflation["kiev"] > 1


def test_log_odds_with_totals_uses_them_as_n():
    # one lexicon term out of 100 tokens in each group, prior 0.5:
    # delta = ln(10.5 / (100 + .5 - 10 - .5)) - ln(2.5 / (100 + .5 - 2 - .5))
    #       = ln(10.5 / 90) - ln(2.5 / 98)
    table = log_odds({"kiev": 10}, {"kiev": 2}, prior=0.5, total_target=100, total_reference=100)
    expected = math.log(10.5 / 90) - math.log(2.5 / 98)
    assert table.loc["kiev", "log_odds"] == pytest.approx(expected, abs=1e-12)
    variance = 1 / 10.5 + 1 / 90 + 1 / 2.5 + 1 / 98
    assert table.loc["kiev", "se"] == pytest.approx(math.sqrt(variance), abs=1e-12)


def test_log_odds_pooled_prior_is_prior_scale_times_pooled_counts():
    table = log_odds(COUNTS_A, COUNTS_B, prior="pooled", prior_scale=0.5)
    # pooled x = 4, y = 4 -> a_w = 2 each, a_0 = 4
    # delta_x = ln(5 / (4 + 4 - 3 - 2)) - ln(3 / (4 + 4 - 1 - 2)) = ln(5/3) - ln(3/5)
    assert table["prior"].tolist() == [2.0, 2.0]
    assert table.loc["x", "log_odds"] == pytest.approx(2 * math.log(5 / 3), abs=1e-12)


def test_log_odds_series_prior_gives_each_term_its_own_pseudo_count():
    prior = pd.Series({"x": 1.0, "y": 3.0})
    table = log_odds(COUNTS_A, COUNTS_B, prior=prior)
    # a_0 = 4: delta_x = ln(4 / (4+4-3-1)) - ln(2 / (4+4-1-1)) = ln(1) - ln(1/3)
    assert table.loc["x", "log_odds"] == pytest.approx(math.log(3), abs=1e-12)


def test_log_odds_missing_terms_count_zero_and_terms_are_sorted():
    table = log_odds({"b": 2, "a": 1}, {"c": 4})
    assert table.index.tolist() == ["a", "b", "c"]
    assert table.index.name == "term"
    assert table["count_reference"].tolist() == [0, 0, 4]
    assert table["count_target"].dtype == np.int64


def test_log_odds_carries_provenance():
    record = log_odds(COUNTS_A, COUNTS_B).attrs["framing"]
    assert record["function"] == "log_odds"
    assert record["parameters"]["variance"] == "full"
    assert record["parameters"]["prior"] == 0.01


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"prior": "pooledd"},
            r"The 'prior' parameter of log_odds must be a number, a Series "
            r"indexed by term or 'pooled'\. Got 'pooledd' instead\.",
        ),
        ({"prior": 0}, r"The 'prior' parameter of log_odds must be a number > 0\. Got 0"),
        ({"prior": [1, 2]}, r"must be a number, a Series indexed by term or 'pooled'"),
        ({"prior": pd.Series({"x": 1.0})}, r"no pseudo-count for the term 'y'"),
        (
            {"variance": "two"},
            r"The 'variance' parameter of log_odds must be one of 'full' or 'mcq'",
        ),
        (
            {"prior": "pooled", "prior_scale": -1},
            r"'prior_scale' parameter of log_odds must be a number > 0\.",
        ),
        ({"total_target": 1}, r"'total_target' parameter of log_odds must be a number no smaller"),
    ],
)
def test_log_odds_rejects_bad_parameters_with_a_clear_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        log_odds(COUNTS_A, COUNTS_B, **kwargs)


def test_log_odds_rejects_negative_counts_naming_the_term():
    with pytest.raises(ValueError, match=r"counts of zero or more\. Got -1\.0 for the term 'y'"):
        log_odds({"x": 1, "y": -1}, COUNTS_B)


def test_log_odds_rejects_a_list_of_counts():
    with pytest.raises(
        TypeError, match=r"'counts_target' parameter of log_odds must be a pandas Series"
    ):
        log_odds([1, 2], COUNTS_B)


def test_log_odds_pooled_prior_refuses_terms_that_never_occur():
    with pytest.raises(ValueError, match=r"gives the term 'z' a pseudo-count of zero"):
        log_odds({"x": 1, "y": 2, "z": 0}, {"x": 1, "y": 1}, prior="pooled")


def test_log_odds_of_a_single_term_without_totals_is_refused():
    with pytest.raises(ValueError, match=r"Give at least two terms, or the groups' totals"):
        log_odds({"x": 1}, {"x": 2})


# -- keyness -------------------------------------------------------------------------------
# One term with a = 10 in a target of 100 tokens, b = 5 in a reference of 200 tokens:
# cells a=10, c=90, b=5, d=195, N=300; expected 5, 95, 10, 190.
TARGET = pd.Series({"kiev": 10, "other": 90})
REFERENCE = pd.Series({"kiev": 5, "other": 195})


def test_g2_matches_hand_computation():
    g2 = 2 * (
        10 * math.log(10 / 5)
        + 90 * math.log(90 / 95)
        + 5 * math.log(5 / 10)
        + 195 * math.log(195 / 190)
    )
    table = keyness(TARGET, REFERENCE)
    assert table.loc["kiev", "statistic"] == pytest.approx(g2, abs=1e-9)
    assert table.loc["kiev", "statistic"] == pytest.approx(7.329812, abs=1e-6)
    assert table.loc["kiev", "expected"] == pytest.approx(5.0)
    assert table.loc["kiev", "p"] == pytest.approx(math.erfc(math.sqrt(g2 / 2)), abs=1e-12)
    # "other" is the same table seen from the other column: same size, opposite sign
    assert table.loc["other", "statistic"] == pytest.approx(-g2, abs=1e-9)


def test_chi2_matches_hand_computation_and_the_shortcut_formula():
    chi2 = 5**2 / 5 + 5**2 / 95 + 5**2 / 10 + 5**2 / 190
    shortcut = 300 * (10 * 195 - 5 * 90) ** 2 / (15 * 285 * 100 * 200)
    table = keyness(TARGET, REFERENCE, measure="chi2")
    assert chi2 == pytest.approx(shortcut, abs=1e-12)
    assert table.loc["kiev", "statistic"] == pytest.approx(7.894737, abs=1e-6)


def test_yates_moves_each_cell_half_a_count_towards_expected():
    # |O - E| = 5 in every cell, so 4.5 after the correction
    chi2 = 4.5**2 * (1 / 5 + 1 / 95 + 1 / 10 + 1 / 190)
    table = keyness(TARGET, REFERENCE, measure="chi2", correction="yates")
    assert table.loc["kiev", "statistic"] == pytest.approx(chi2, abs=1e-12)
    assert table.loc["kiev", "statistic"] == pytest.approx(6.394737, abs=1e-6)


def test_williams_divides_g2_by_q():
    q = 1 + (300 / 100 + 300 / 200 - 1) * (300 / 15 + 300 / 285 - 1) / (6 * 300)
    plain = keyness(TARGET, REFERENCE).loc["kiev", "statistic"]
    table = keyness(TARGET, REFERENCE, correction="williams")
    assert table.loc["kiev", "statistic"] == pytest.approx(plain / q, abs=1e-12)
    assert table.loc["kiev", "statistic"] == pytest.approx(7.054739, abs=1e-6)


def test_williams_chi2_matches_the_value_in_quantedas_own_test_suite():
    # quanteda.textstats tests: d1 = "b b b b b b b a a a", d2 = "a a a a a a a b b",
    # chi2 with Williams' correction = 4.017626 (to 6 decimals)
    table = keyness({"a": 3, "b": 7}, {"a": 7, "b": 2}, measure="chi2", correction="williams")
    assert table.loc["b", "statistic"] == pytest.approx(4.017626, abs=5e-7)
    assert table.loc["a", "statistic"] == pytest.approx(-4.017626, abs=5e-7)


def test_pmi_is_log_of_observed_over_expected_with_the_g2_p_value():
    table = keyness(TARGET, REFERENCE, measure="pmi")
    assert table.loc["kiev", "statistic"] == pytest.approx(math.log(10 / 5), abs=1e-12)
    assert table.loc["kiev", "p"] == pytest.approx(keyness(TARGET, REFERENCE).loc["kiev", "p"])


def test_pmi_of_a_term_absent_from_the_target_is_minus_infinity():
    table = keyness({"a": 0, "b": 5}, {"a": 3, "b": 5}, measure="pmi")
    assert table.loc["a", "statistic"] == -np.inf


def test_a_term_absent_from_both_groups_scores_zero_with_p_one():
    table = keyness({"a": 0, "b": 5}, {"a": 0, "b": 5}, total_target=10, total_reference=10)
    assert table.loc["a", "statistic"] == 0.0
    assert table.loc["a", "p"] == 1.0


def test_keyness_measure_and_correction_are_columns_not_renamed_columns():
    table = keyness(TARGET, REFERENCE, measure="chi2", correction="yates")
    assert list(table.columns) == [
        "count_target",
        "count_reference",
        "expected",
        "measure",
        "correction",
        "statistic",
        "p",
    ]
    assert set(table["measure"]) == {"chi2"}
    assert table["measure"].dtype == "string"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"measure": "lr"},
            r"The 'measure' parameter of keyness must be one of 'g2', 'chi2' or 'pmi'\. "
            r"Got 'lr' instead\.",
        ),
        (
            {"correction": "default"},
            r"The 'correction' parameter of keyness must be one of 'none', "
            r"'yates' or 'williams'\. Got 'default' instead\.",
        ),
        ({"measure": "pmi", "correction": "yates"}, r"PMI takes no correction"),
    ],
)
def test_keyness_rejects_bad_parameters_with_a_clear_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        keyness(TARGET, REFERENCE, **kwargs)


def test_keyness_needs_tokens_in_both_groups():
    with pytest.raises(ValueError, match=r"keyness needs tokens in both groups"):
        keyness({"a": 0}, {"a": 2})


# -- compare_groups --------------------------------------------------------------------------
def _corpus() -> pd.DataFrame:
    from framing.corpus.schema import conform

    return conform(
        pd.DataFrame(
            {
                "doc_id": ["r1", "r2", "r3", "u1", "u2", "b1"],
                "outlet": ["RT", "RT", "RT", "Reuters", "Reuters", "BBC"],
                "published": "2022-03-01",
                "title": [
                    "Kiev regime shells Donbass",
                    "Kiev regime's forces",
                    "Special military operation goes on",
                    "Kyiv says Russia shells city",
                    "Russia's invasion of Ukraine",
                    "Kyiv mayor speaks",
                ],
                "text": [
                    "The Kiev regime again.",
                    "",
                    "Operation in Donbass.",
                    "Russian invasion continues near Kyiv.",
                    "Kyiv said the invasion failed.",
                    "Invasion news.",
                ],
            }
        )
    )


def _ngram_counts(corpus: pd.DataFrame, rows: pd.Series, n_max: int) -> pd.Series:
    """Count n-grams the slow, obvious way: tokenize each field, lowercase, slide a window."""
    from collections import Counter

    from framing._tokens import tokenize

    counter: Counter[str] = Counter()
    for _, document in corpus[rows].iterrows():
        for field in ("title", "text"):
            words = [token.lower() for token in tokenize(document[field])]
            for n in range(1, n_max + 1):
                for start in range(len(words) - n + 1):
                    counter[" ".join(words[start : start + n])] += 1
    return pd.Series(counter, dtype="int64")


def test_compare_groups_agrees_with_log_odds_and_keyness_on_counts_made_by_hand():
    from framing.comparison import compare_groups

    corpus = _corpus()
    table = compare_groups(corpus, ngram_range=(1, 2), min_count=1, prior=0.01)
    rt = corpus["outlet"] == "RT"
    counts_rt = _ngram_counts(corpus, rt, 2)
    counts_rest = _ngram_counts(corpus, ~rt, 2)
    expected = log_odds(counts_rt, counts_rest, prior=0.01)
    expected_g2 = keyness(counts_rt, counts_rest)
    ours = table[table["group"] == "RT"].set_index("term")
    assert len(ours) == len(expected)
    for term in ("kiev", "kiev regime", "kyiv", "the", "donbass"):
        assert ours.loc[term, "count"] == expected.loc[term, "count_target"]
        assert ours.loc[term, "other_count"] == expected.loc[term, "count_reference"]
        assert ours.loc[term, "z"] == pytest.approx(expected.loc[term, "z"], abs=1e-12)
        assert ours.loc[term, "se"] == pytest.approx(expected.loc[term, "se"], abs=1e-12)
        assert ours.loc[term, "g2"] == pytest.approx(expected_g2.loc[term, "statistic"])
        assert ours.loc[term, "p"] == pytest.approx(expected_g2.loc[term, "p"])
    # the default pooled prior: against the rest, the whole corpus is target + reference
    pooled = compare_groups(corpus, ngram_range=(1, 2), min_count=1)
    pooled = pooled[pooled["group"] == "RT"].set_index("term")
    expected = log_odds(counts_rt, counts_rest, prior="pooled", prior_scale=0.01)
    for term in ("kiev", "kiev regime", "kyiv", "the"):
        assert pooled.loc[term, "z"] == pytest.approx(expected.loc[term, "z"], abs=1e-12)


def test_ngrams_never_span_two_fields():
    from framing.comparison import compare_groups

    table = compare_groups(_corpus(), ngram_range=(2, 2), min_count=1)
    # r1's title ends "donbass", its text starts "the": no bigram "donbass the"
    assert "donbass the" not in set(table["term"])


def test_compare_groups_columns_order_and_sorting():
    from framing.comparison import compare_groups

    table = compare_groups(_corpus(), ngram_range=(1, 1), min_count=2)
    assert tuple(table.columns) == (
        "term",
        "group",
        "count",
        "other_count",
        "log_odds",
        "se",
        "z",
        "g2",
        "p",
        "p_adjusted",
    )
    assert table["group"].unique().tolist() == ["BBC", "RT", "Reuters"]
    for _, rows in table.groupby("group"):
        assert rows["z"].is_monotonic_decreasing
    again = compare_groups(_corpus(), ngram_range=(1, 1), min_count=2)
    pd.testing.assert_frame_equal(table, again)


def test_min_count_keeps_terms_seen_often_enough_in_target_and_reference():
    from framing.comparison import compare_groups

    table = compare_groups(_corpus(), ngram_range=(1, 1), min_count=3)
    assert ((table["count"] + table["other_count"]) >= 3).all()
    assert "regime" in set(table["term"])  # 3 times, all RT
    assert "mayor" not in set(table["term"])


def test_p_adjusted_matches_scipy_false_discovery_control_within_each_group():
    from scipy.stats import false_discovery_control

    from framing.comparison import compare_groups

    table = compare_groups(_corpus(), ngram_range=(1, 2), min_count=1)
    for _, rows in table.groupby("group"):
        expected = false_discovery_control(rows["p"].to_numpy(), method="bh")
        np.testing.assert_allclose(rows["p_adjusted"].to_numpy(), expected, atol=1e-12)


def test_benjamini_hochberg_by_hand():
    from framing.stats import benjamini_hochberg

    # sorted p: .01 .03 .04 .5 ; m/i * p: .04 .06 .0533 .5 ; running min from the top:
    # .04 .0533 .0533 .5 (back in input order: .01->.04, .04->.0533, .03->.0533, .5->.5)
    adjusted = benjamini_hochberg(np.array([0.01, 0.04, 0.03, 0.5]))
    np.testing.assert_allclose(adjusted, [0.04, 0.16 / 3, 0.16 / 3, 0.5])
    assert np.isnan(benjamini_hochberg(np.array([np.nan, 0.2]))[0])


def test_reference_can_be_one_named_group():
    from framing.comparison import compare_groups

    corpus = _corpus()
    table = compare_groups(
        corpus, target="RT", reference="Reuters", ngram_range=(1, 1), min_count=1
    )
    assert table["group"].unique().tolist() == ["RT"]
    rows = table.set_index("term")
    expected = log_odds(
        _ngram_counts(corpus, corpus["outlet"] == "RT", 1),
        _ngram_counts(corpus, corpus["outlet"] == "Reuters", 1),
    )
    # same counts; the vocabulary (and so a_0) also holds BBC's words, hence only counts
    assert rows.loc["kiev", "other_count"] == 0
    assert rows.loc["kyiv", "other_count"] == expected.loc["kyiv", "count_reference"] == 3
    assert "mayor" not in set(table["term"])  # BBC only: in neither target nor reference


def test_target_none_with_a_named_reference_compares_every_other_group():
    from framing.comparison import compare_groups

    table = compare_groups(_corpus(), reference="BBC", ngram_range=(1, 1), min_count=1)
    assert table["group"].unique().tolist() == ["RT", "Reuters"]


def test_compare_groups_carries_provenance():
    from framing.comparison import compare_groups

    record = compare_groups(_corpus(), min_count=1).attrs["framing"]
    assert record["function"] == "compare_groups"
    assert record["corpus"]["documents"] == 6
    assert record["parameters"]["ngram_range"] == [1, 3]
    assert record["parameters"]["target"] == ["BBC", "RT", "Reuters"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"by": "site"}, r"The 'by' parameter of compare_groups must name a corpus column"),
        ({"target": "TASS"}, r"names \['TASS'\], which are not groups"),
        ({"reference": "TASS"}, r"'reference' parameter of compare_groups names 'TASS'"),
        ({"target": "RT", "reference": "RT"}, r"cannot compare the group 'RT' with itself"),
        ({"terms": "words"}, r"'terms' parameter of compare_groups must be 'ngrams' or a"),
        ({"ngram_range": (2, 1)}, r"'ngram_range' parameter of compare_groups must be two"),
        ({"min_count": -1}, r"'min_count' parameter of compare_groups must be a whole number"),
        ({"fields": ["body"]}, r"'fields' parameter of compare_groups must name text columns"),
        (
            {"variance": "half"},
            r"'variance' parameter of compare_groups must be one of 'full' or 'mcq'",
        ),
        ({"min_df": 0}, r"'min_df' parameter of compare_groups must be a whole number"),
        ({"min_df": 1.5}, r"'min_df' parameter of compare_groups must be a whole number"),
        ({"stop_words": "german"}, r"'stop_words' parameter of compare_groups must be None"),
        ({"stop_words": [1, 2]}, r"'stop_words' parameter of compare_groups must be None"),
    ],
)
def test_compare_groups_rejects_bad_parameters_with_a_clear_message(kwargs, message):
    from framing.comparison import compare_groups

    with pytest.raises(ValueError, match=message):
        compare_groups(_corpus(), **kwargs)


def test_compare_groups_refuses_documents_without_a_group():
    from framing.comparison import compare_groups

    corpus = _corpus()
    corpus.loc[2, "outlet"] = pd.NA
    with pytest.raises(ValueError, match=r"1 have none \(the first: doc_id 'r3'\)"):
        compare_groups(corpus)


def _lexicon(*rows: tuple[str, str, str]):
    """A lexicon from (concept, variant, term) rows."""
    from framing.lexicon.model import Lexicon

    return Lexicon.from_dataframe(pd.DataFrame(list(rows), columns=["concept", "variant", "term"]))


def test_compare_groups_with_a_lexicon_counts_hits_against_token_totals():
    from framing._tokens import count_tokens
    from framing.comparison import compare_groups

    lexicon = _lexicon(
        ("capital", "kiev", "Kiev"), ("capital", "kyiv", "Kyiv"), ("war", "invasion", "invasion")
    )
    corpus = _corpus()
    table = compare_groups(corpus, terms=lexicon, min_count=0, prior=0.01)
    rows = table[table["group"] == "RT"].set_index("term")
    rt = (corpus["outlet"] == "RT").to_numpy()
    tokens = count_tokens(corpus["title"]) + count_tokens(corpus["text"])
    # RT: Kiev 3 times (r1 title and text, r2 title); the rest: Kyiv 4, invasion 4
    expected = log_odds(
        {"Kiev": 3, "Kyiv": 0, "invasion": 0},
        {"Kiev": 0, "Kyiv": 4, "invasion": 4},
        total_target=tokens[rt].sum(),
        total_reference=tokens[~rt].sum(),
    )
    assert rows.loc["Kiev", "count"] == 3
    assert rows.loc["Kyiv", "other_count"] == 4
    for term in ("Kiev", "Kyiv", "invasion"):
        assert rows.loc[term, "z"] == pytest.approx(expected.loc[term, "z"], abs=1e-12)
    assert table.attrs["framing"]["lexicon"]["hash"] == lexicon.fingerprint()


def test_a_lexicon_term_never_used_has_undefined_log_odds_under_the_pooled_prior():
    from framing.comparison import compare_groups

    lexicon = _lexicon(
        ("capital", "kiev", "Kiev"), ("capital", "kyiv", "Kyiv"), ("capital", "kyyiv", "Kyyiv")
    )
    table = compare_groups(_corpus(), terms=lexicon, min_count=0)
    rows = table[table["group"] == "RT"].set_index("term")
    assert rows.loc["Kyyiv", "count"] == 0
    assert np.isnan(rows.loc["Kyyiv", "z"])
    assert rows.loc["Kiev", "z"] > 0


# -- stop words, min_df, the counting path -----------------------------------------------------
def test_stop_words_leave_out_terms_that_begin_or_end_with_one_and_change_nothing_else():
    from framing._tokens import english_stop_words
    from framing.comparison import compare_groups

    corpus = _corpus()
    every = compare_groups(corpus, ngram_range=(1, 3), min_count=1)
    table = compare_groups(corpus, ngram_range=(1, 3), min_count=1, stop_words="english")
    stop = english_stop_words()
    for term in table["term"]:
        words = term.split(" ")
        assert words[0] not in stop and words[-1] not in stop, term
    assert {"the", "of", "the invasion", "invasion of"}.isdisjoint(table["term"])
    assert "invasion of ukraine" in set(table["term"])  # a stop word inside is fine
    # the kept rows have the statistics they had without stop words (but p_adjusted,
    # which is adjusted over the reported rows)
    columns = ["term", "group", "count", "other_count", "log_odds", "se", "z", "g2", "p"]
    merged = table[columns].merge(every[columns], on=["term", "group"], suffixes=("", "_all"))
    assert len(merged) == len(table)
    for column in columns[2:]:
        np.testing.assert_allclose(merged[column], merged[f"{column}_all"], rtol=1e-12)


def test_a_list_of_stop_words_is_compared_in_lowercase():
    from framing.comparison import compare_groups

    table = compare_groups(
        _corpus(), ngram_range=(1, 1), min_count=1, stop_words=["Kiev"], lowercase=False
    )
    assert "Kiev" not in set(table["term"]) and "Kyiv" in set(table["term"])
    assert table.attrs["framing"]["parameters"]["stop_words"] == ["kiev"]


def test_min_df_counts_documents_not_occurrences():
    from framing.comparison import compare_groups

    corpus = _corpus()
    # "kiev": 3 times, in r1 (title and text) and r2; "kyiv" and "invasion": 4 times
    # each, in 3 documents (u1, u2, b1)
    table = compare_groups(corpus, ngram_range=(1, 1), min_count=1, min_df=3)
    terms = set(table["term"])
    assert terms == {"kyiv", "invasion"}
    share = compare_groups(corpus, ngram_range=(1, 1), min_count=1, min_df=0.5)
    assert set(share["term"]) == terms  # half of 6 documents: 3


def test_the_counting_path_gives_countvectorizers_counts():
    from sklearn.feature_extraction.text import CountVectorizer

    from framing._tokens import tokenize
    from framing.comparison import compare_groups
    from framing.datasets import load_sample

    corpus = load_sample().head(200)
    table = compare_groups(corpus, ngram_range=(1, 3), min_count=1)
    vectorizer = CountVectorizer(tokenizer=tokenize, token_pattern=None, ngram_range=(1, 3))
    titles, texts = corpus["title"].fillna("").tolist(), corpus["text"].fillna("").tolist()
    vectorizer.fit(titles + texts)
    counts = vectorizer.transform(titles) + vectorizer.transform(texts)
    totals = pd.Series(
        np.asarray(counts.sum(axis=0)).ravel(), index=vectorizer.get_feature_names_out()
    )
    ours = table.groupby("term")[["count", "other_count"]].first().sum(axis=1)
    assert len(ours) == len(totals) > 10_000
    np.testing.assert_array_equal(ours[totals.index].to_numpy(), totals.to_numpy())


def test_progress_shows_a_bar_on_request(capsys):
    from framing.comparison import compare_groups

    compare_groups(_corpus(), ngram_range=(1, 1), min_count=1, progress=True)
    assert "compare_groups: counting" in capsys.readouterr().err
    compare_groups(_corpus(), ngram_range=(1, 1), min_count=1, progress=False)
    assert capsys.readouterr().err == ""


def test_a_per_term_prior_series_covers_the_whole_vocabulary():
    from framing.comparison import compare_groups

    corpus = _corpus()
    vocabulary = compare_groups(corpus, ngram_range=(1, 1), min_count=1)["term"].unique()
    prior = pd.Series(0.5, index=vocabulary)
    table = compare_groups(corpus, ngram_range=(1, 1), min_count=2, prior=prior)
    uniform = compare_groups(corpus, ngram_range=(1, 1), min_count=2, prior=0.5)
    np.testing.assert_allclose(table["z"], uniform["z"])
    with pytest.raises(ValueError, match="has no pseudo-count for the term"):
        compare_groups(corpus, ngram_range=(1, 1), min_count=2, prior=prior.iloc[1:])


def test_on_the_sample_no_outlet_has_a_stop_word_in_its_top_twenty():
    from framing._tokens import english_stop_words
    from framing.comparison import compare_groups
    from framing.datasets import load_sample

    table = compare_groups(load_sample(), stop_words="english")
    stop = english_stop_words()
    for group, rows in table.groupby("group"):
        top = rows.sort_values("z", ascending=False).head(20)["term"]
        assert not [
            term
            for term in top
            if set(term.split(" ")) & stop
            and (term.split(" ")[0] in stop or term.split(" ")[-1] in stop)
        ], group
        assert not [term for term in top if term in stop], group


def test_log_odds_old_parameter_names_still_work_with_a_future_warning() -> None:
    with pytest.warns(FutureWarning, match="'counts_a' parameter of log_odds was renamed"):
        old = log_odds(counts_a=COUNTS_A, counts_b=COUNTS_B, prior=1.0)
    new = log_odds(counts_target=COUNTS_A, counts_reference=COUNTS_B, prior=1.0)
    pd.testing.assert_frame_equal(old, new)
