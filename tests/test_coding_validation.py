"""framing.coding for a reviewer: sampling spread over outlets (and voices), precision
weighted by stratum hits, agreement of two coders (Cohen's kappa, Krippendorff's alpha,
hand values and NLTK), and recall from coded passages (hand values)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing import Lexicon, match
from framing.coding import agreement, coding_sheet, precision, recall, recall_sheet
from framing.coding.recall import sentence_spans
from framing.corpus.schema import conform
from framing.stats import cohen_kappa, krippendorff_alpha, stratified_proportion

Z = 1.959963984540054
CODES = ["yes", "no", "unsure"]


@pytest.fixture(scope="module")
def outlets() -> tuple[pd.DataFrame, pd.DataFrame]:
    """120 hits of one term, 80 in outlet A, 30 in B, 10 in C."""
    texts = {"A": 80, "B": 30, "C": 10}
    rows = [
        (f"{outlet}{i}", outlet, "Kiev said so." if i % 2 else "“Kiev” said so.")
        for outlet, count in texts.items()
        for i in range(count)
    ]
    corpus = conform(
        pd.DataFrame(
            {
                "doc_id": [r[0] for r in rows],
                "outlet": [r[1] for r in rows],
                "published": None,
                "title": "",
                "text": [r[2] for r in rows],
            }
        )
    )
    lexicon = Lexicon.from_dataframe(
        pd.DataFrame({"concept": ["city"], "variant": ["russian"], "term": ["Kiev"]}), name="d"
    )
    return corpus, match(corpus, lexicon)


# -- sampling within strata ---------------------------------------------------------------


def test_within_spreads_a_stratum_over_outlets_in_proportion(outlets) -> None:
    corpus, hits = outlets
    sheet = coding_sheet(hits, corpus, n=12, within="outlet")
    assert sheet["outlet"].value_counts().to_dict() == {"A": 8, "B": 3, "C": 1}
    assert (sheet["stratum_hits"] == 120).all()
    assert sheet.attrs["framing"]["parameters"]["within"] == ["outlet"]
    # Every prefix of the draw is spread as evenly as whole numbers allow.
    first_four = sheet["outlet"].iloc[:4].value_counts().to_dict()
    assert first_four == {"A": 3, "B": 1}


def test_within_keeps_a_smaller_sample_inside_a_larger_one(outlets) -> None:
    corpus, hits = outlets
    previous: set[str] = set()
    for n in range(1, 40, 3):
        drawn = set(coding_sheet(hits, corpus, n=n, within="outlet")["hit_id"])
        assert previous <= drawn and len(drawn) == n
        previous = drawn
    # All of a small group before any is drawn twice over: n larger than the stratum.
    assert len(coding_sheet(hits, corpus, n=500, within="outlet")) == 120


def test_within_refuses_a_column_of_by(outlets) -> None:
    corpus, hits = outlets
    with pytest.raises(ValueError, match="'within' parameter of coding_sheet"):
        coding_sheet(hits, corpus, by=("concept", "outlet"), within="outlet")


def test_strata_by_outlet_and_voice(outlets) -> None:
    corpus, hits = outlets
    sheet = coding_sheet(hits, corpus, n=2, by=("concept", "outlet", "voice"))
    cells = sheet.groupby(["outlet", "voice"]).size().to_dict()
    assert cells == {(o, v): 2 for o in "ABC" for v in ("own", "quoted")}
    sizes = sheet.groupby(["outlet", "voice"])["stratum_hits"].first().to_dict()
    assert sizes[("A", "own")] == 40 and sizes[("C", "quoted")] == 5


# -- precision weighted by the hits of each stratum -----------------------------------------


def test_precision_over_strata_weights_them_by_their_hits() -> None:
    coded = pd.DataFrame(
        {
            "concept": "war",
            "variant": ["big"] * 40 + ["small"] * 10,
            "stratum_hits": [900] * 40 + [100] * 10,
            "code": ["yes"] * 38
            + ["no"] * 2
            + ["yes"] * 9
            + [
                "no",
            ],
        }
    )
    table = precision(coded, by="concept", strata="variant")
    row = table.iloc[0]
    # By hand: 0.9 × 38/40 + 0.1 × 9/10 = 0.945; n_eff = 1/(0.81/40 + 0.01/10) = 47.0588.
    assert row["precision"] == pytest.approx(0.945)
    assert row["effective_n"] == pytest.approx(1 / (0.81 / 40 + 0.01 / 10))
    n = row["effective_n"]
    centre = (0.945 * n + Z * Z / 2) / (n + Z * Z)
    half = Z * math.sqrt(n) / (n + Z * Z) * math.sqrt(0.945 * 0.055 + Z * Z / (4 * n))
    assert row["precision_low"] == pytest.approx(centre - half)
    assert row["precision_high"] == pytest.approx(centre + half)
    assert (row["hits"], row["yes"], row["no"], row["rows"]) == (1000, 47, 3, 50)
    # Pooled, the small variant would count as much per hit as the big one: 47/50.
    assert precision(coded, by="concept")["precision"].iloc[0] == pytest.approx(0.94)


def test_precision_over_one_stratum_is_the_plain_wilson_interval() -> None:
    coded = pd.DataFrame({"concept": "c", "variant": "v", "stratum_hits": 70,
                          "code": ["yes"] * 8 + ["no"]})  # fmt: skip
    weighted = precision(coded, by="concept", strata="variant")
    plain = precision(coded, by="concept")
    for column in ("precision", "precision_low", "precision_high"):
        assert weighted[column].iloc[0] == pytest.approx(plain[column].iloc[0])
    assert stratified_proportion([5], [5], [10])[1:3] == (pytest.approx(5 / (5 + Z * Z)), 1.0)


def test_precision_over_strata_checks_its_columns() -> None:
    coded = pd.DataFrame({"concept": "c", "variant": ["v", "v"], "stratum_hits": [1, 2],
                          "code": "yes"})  # fmt: skip
    with pytest.raises(ValueError, match="one value per stratum"):
        precision(coded, by="concept", strata="variant")
    with pytest.raises(ValueError, match="other than 'by'"):
        precision(coded, by="concept", strata="concept")
    adjusted = framing.adjusted_counts(
        pd.DataFrame({"concept": ["c"], "count": [10]}),
        precision(coded.assign(stratum_hits=3), by="concept", strata="variant"),
    )
    assert adjusted["adjusted_count"].tolist() == [10.0]


# -- agreement -----------------------------------------------------------------------------


def test_kappa_and_alpha_match_hand_computed_values() -> None:
    # Cohen (2 × 2 table 20, 5 / 10, 15): p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5.
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    # Krippendorff (2011), two observers, binary: o01 = o10 = 4, n0 = 14, n1 = 6,
    # alpha = 1 - 19 × 4 / (14 × 6) = 0.095238.
    first = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    second = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha(list(zip(first, second, strict=True))) == pytest.approx(1 - 76 / 84)
    # Krippendorff (2011), four observers, nominal, missing data: alpha = 0.743.
    nan = None
    observers = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
        [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
    ]
    assert krippendorff_alpha(list(zip(*observers, strict=True))) == pytest.approx(
        0.743421, abs=1e-6
    )
    assert math.isnan(cohen_kappa(["yes"] * 3, ["yes"] * 3))
    assert math.isnan(krippendorff_alpha([["yes", "yes"], ["yes", None]]))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["yes", "no", "unsure"]), st.sampled_from(["yes", "no", "unsure"])
        ),
        min_size=2,
        max_size=40,
    )
)
def test_kappa_and_alpha_match_nltk(pairs) -> None:
    from nltk.metrics.agreement import AnnotationTask

    data = [
        (coder, str(item), pair[c])
        for item, pair in enumerate(pairs)
        for c, coder in enumerate("ab")
    ]
    task = AnnotationTask(data)
    a, b = zip(*pairs, strict=True)
    if len(set(a) | set(b)) == 1:
        return  # no disagreement possible: both statistics are undefined
    kappa = cohen_kappa(a, b)
    if not math.isnan(kappa):
        assert kappa == pytest.approx(task.kappa(), abs=1e-9)
    assert krippendorff_alpha(pairs) == pytest.approx(task.alpha(), abs=1e-9)


def test_agreement_of_two_coded_sheets(outlets) -> None:
    corpus, hits = outlets
    sheet = coding_sheet(hits, corpus, n=10)
    first = sheet.assign(code=["yes"] * 8 + ["no", None])
    second = sheet.assign(code=["yes"] * 7 + ["no", "no", "yes"])
    table = agreement(first, second)
    row = table.iloc[0]
    assert (row["items"], row["agreed"], row["first_only"], row["second_only"]) == (9, 8, 0, 1)
    assert row["observed"] == pytest.approx(8 / 9)
    assert row["kappa"] == pytest.approx(cohen_kappa(first["code"][:9], second["code"][:9]))
    by = agreement(first, second, by="outlet")
    assert by["items"].sum() == 9 and list(by.columns[:1]) == ["outlet"]
    with pytest.raises(ValueError, match="code 'maybe'"):
        agreement(first.assign(code="maybe"), second)
    with pytest.raises(ValueError, match="twice"):
        agreement(pd.concat([first, first]), second)


# -- recall --------------------------------------------------------------------------------


def test_sentences_end_at_stops_before_white_space_and_at_line_breaks() -> None:
    text = "Mr. Smith said: war. “Peace?” No!\n\nA title without a stop\nEnd."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Mr.",
        "Smith said: war.",
        "“Peace?”",
        "No!",
        "A title without a stop",
        "End.",
    ]


def test_recall_sheet_draws_uncounted_passages_with_a_search_word() -> None:
    corpus = conform(
        pd.DataFrame(
            {
                "doc_id": ["a", "b", "c"],
                "outlet": ["X", "Y", "Y"],
                "published": None,
                "title": ["The war", "", ""],
                "text": [
                    "The war goes on. Conflict and conflict again. The attack came.",
                    "A trade conflict. The war.",
                    "Nothing here.",
                ],
            }
        )
    )
    lexicon = Lexicon.from_dataframe(
        pd.DataFrame({"concept": ["war_name"], "variant": ["war"], "term": ["war"]}), name="d"
    )
    hits = match(corpus, lexicon)
    sheet = recall_sheet(
        corpus, hits, concept="war_name", search=["war*", "conflict*", "attack*"], n=10
    )
    # Sentences with a counted hit: a/title, a/"The war goes on.", b/"The war." = 3.
    assert set(sheet["counted_passages"]) == {"3"}
    # Uncounted: a "Conflict and conflict again." (once), a "The attack came.", b "A trade..."
    assert sorted(sheet["hit_id"]) == ["a:text:17-25", "a:text:50-56", "b:text:8-16"]
    assert (sheet["stratum_hits"] == 3).all() and (sheet["variant"] == "not_counted").all()
    with pytest.raises(ValueError, match="'search' parameter"):
        recall_sheet(corpus, hits, concept="war_name", search="war*")


def test_recall_matches_hand_computed_values_and_a_conservative_interval() -> None:
    passages = pd.DataFrame(
        {"concept": "war_name", "counted_passages": "400", "stratum_hits": 1000,
         "code": ["yes"] * 5 + ["no"] * 95}
    )  # fmt: skip
    hits = pd.DataFrame(
        {"concept": "war_name", "variant": "war", "stratum_hits": 500,
         "code": ["yes"] * 45 + ["no"] * 5}
    )  # fmt: skip
    row = recall(passages, hits).iloc[0]
    assert row["recall"] == pytest.approx(400 * 0.9 / (400 * 0.9 + 1000 * 0.05))
    # Both intervals at 97.5% (Bonferroni for a 95% joint statement).
    z = 2.241402727604947

    def wilson(x: int, m: int) -> tuple[float, float]:
        p = x / m
        centre = (x + z * z / 2) / (m + z * z)
        half = z * math.sqrt(m) / (m + z * z) * math.sqrt(p * (1 - p) + z * z / (4 * m))
        return centre - half, centre + half

    q_low, q_high = wilson(5, 100)
    p_low, p_high = wilson(45, 50)
    assert row["missed_low"] == pytest.approx(q_low) and row["precision_high"] == pytest.approx(
        p_high
    )
    assert row["recall_low"] == pytest.approx(400 * p_low / (400 * p_low + 1000 * q_high))
    assert row["recall_high"] == pytest.approx(400 * p_high / (400 * p_high + 1000 * q_low))
    assert row["recall_low"] < row["recall"] < row["recall_high"]
    assert (row["coded"], row["missed"], row["estimated_missed"]) == (100, 5, 50.0)
