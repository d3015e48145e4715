"""log_odds and keyness against values computed by hand (the arithmetic is in the test)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from framing.compare import keyness, log_odds

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
    table = log_odds({"kiev": 10}, {"kiev": 2}, prior=0.5, total_a=100, total_b=100)
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
    assert table["count_b"].tolist() == [0, 0, 4]
    assert table["count_a"].dtype == np.int64


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
        ({"prior": 0}, r"The 'prior' parameter of log_odds must be above zero\. Got 0"),
        ({"prior": [1, 2]}, r"must be a number, a Series indexed by term or 'pooled'"),
        ({"prior": pd.Series({"x": 1.0})}, r"no pseudo-count for the term 'y'"),
        ({"variance": "two"}, r"The 'variance' parameter of log_odds must be 'full' or 'mcq'"),
        ({"prior": "pooled", "prior_scale": -1}, r"'prior_scale' parameter .* above zero"),
        ({"total_a": 1}, r"'total_a' parameter of log_odds must be a number no smaller than"),
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
        TypeError, match=r"'counts_a' parameter of log_odds must be a pandas Series"
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
            r"The 'measure' parameter of keyness must be 'g2', 'chi2' or 'pmi'\. "
            r"Got 'lr' instead\.",
        ),
        (
            {"correction": "default"},
            r"The 'correction' parameter of keyness must be 'none', "
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
