"""score: counts, rates, shares and their intervals, against hand-computed values."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from framing.corpus.schema import conform
from framing.lexicon.model import Lexicon
from framing.scoring import SCORE_COLUMNS, score
from framing.stats import rate_interval, share_interval

LEXICON = Lexicon.from_dataframe(
    pd.DataFrame(
        {
            "concept": ["capital", "capital", "war", "war"],
            "variant": ["kiev", "kyiv", "operation", "invasion"],
            "term": ["Kiev", "Kyiv", "special military operation", "invasion"],
        }
    ),
    name="test",
    version="1",
)


def _corpus() -> pd.DataFrame:
    return conform(
        pd.DataFrame(
            {
                "doc_id": ["r1", "r2", "r3", "u1", "u2", "x1"],
                "outlet": ["RT", "RT", "RT", "Reuters", "Reuters", None],
                "published": [
                    "2022-03-01",
                    "2022-03-20",
                    "2022-05-02",
                    "2022-03-05",
                    None,
                    "2022-03-07",
                ],
                # token counts: title + text
                "title": ["Kiev talks", "Kiev, Kyiv", "Nothing here", "Kyiv mayor", "Kyiv", "t"],
                "text": [
                    "The Kiev regime's plan.",  # 4 tokens
                    "",
                    "One two three four five",  # 5
                    "He said 'Kiev' then.",  # 4
                    "invasion of Ukraine",  # 3
                    "",
                ],
            }
        )
    )


def _hits() -> pd.DataFrame:
    rows = [
        ("r1", "title", 0, 4, "Kiev", "capital", "kiev", "own"),
        ("r1", "text", 4, 8, "Kiev", "capital", "kiev", "own"),
        ("r2", "title", 0, 4, "Kiev", "capital", "kiev", "own"),
        ("r2", "title", 6, 10, "Kyiv", "capital", "kyiv", "own"),
        ("u1", "title", 0, 4, "Kyiv", "capital", "kyiv", "own"),
        ("u1", "text", 9, 13, "Kiev", "capital", "kiev", "quoted"),
        ("u2", "title", 0, 4, "Kyiv", "capital", "kyiv", "own"),
        ("u2", "text", 0, 8, "invasion", "war", "invasion", "own"),
    ]
    hits = pd.DataFrame(
        rows, columns=["doc_id", "field", "start", "end", "matched", "concept", "variant", "voice"]
    )
    hits["term"] = hits["matched"]
    return hits


def _row(table: pd.DataFrame, **where: object) -> pd.Series:
    mask = np.ones(len(table), dtype=bool)
    for column, value in where.items():
        mask &= (table[column] == value).fillna(False).to_numpy()
    assert mask.sum() == 1, where
    return table.loc[mask].iloc[0]


def test_counts_rates_and_shares_match_hand_computation():
    table = score(_hits(), _corpus(), lexicon=LEXICON, n_boot=50)
    rt_kiev = _row(table, outlet="RT", variant="kiev")
    # RT: r1 has 2 Kiev, r2 has 1 Kiev + 1 Kyiv; tokens 2+4 + 2+0 + 2+5 = 15
    assert (rt_kiev["count"], rt_kiev["docs"], rt_kiev["n_docs"], rt_kiev["n_tokens"]) == (
        3,
        2,
        3,
        15,
    )
    assert rt_kiev["rate"] == pytest.approx(10_000 * 3 / 15)
    assert rt_kiev["share"] == pytest.approx(3 / 4)
    reuters_kyiv = _row(table, outlet="Reuters", variant="kyiv")
    # Reuters: u1 Kyiv + quoted Kiev, u2 Kyiv; tokens 2+4 + 1+3 = 10
    assert (reuters_kyiv["count"], reuters_kyiv["docs"], reuters_kyiv["n_tokens"]) == (2, 2, 10)
    assert reuters_kyiv["share"] == pytest.approx(2 / 3)


def test_every_group_gets_every_variant_with_zeros_and_nan_share_without_hits():
    table = score(_hits(), _corpus(), lexicon=LEXICON, n_boot=50)
    assert len(table) == 3 * 4  # RT, Reuters, <NA> outlet x four variants
    rt_war = table[(table["outlet"] == "RT").fillna(False) & (table["concept"] == "war")]
    assert rt_war["count"].tolist() == [0, 0]
    assert rt_war["share"].isna().all()
    assert rt_war["share_low"].isna().all()
    missing_outlet = table[table["outlet"].isna()]
    assert missing_outlet["n_docs"].unique().tolist() == [1]
    assert missing_outlet["count"].sum() == 0


def test_columns_dtypes_and_order_follow_the_scores_contract():
    table = score(_hits(), _corpus(), lexicon=LEXICON, n_boot=20)
    assert list(table.columns) == [
        "outlet",
        "concept",
        "variant",
        "count",
        "docs",
        "n_docs",
        "n_tokens",
        "rate",
        "rate_low",
        "rate_high",
        "share",
        "share_low",
        "share_high",
        "concept_count",
        "concept_docs",
        "concept_rate",
        "concept_rate_low",
        "concept_rate_high",
    ]
    assert tuple(table.columns[1:]) == SCORE_COLUMNS
    assert table["outlet"].dtype == "string"
    assert table["concept"].dtype == "string"
    for column in ("count", "docs", "n_docs", "n_tokens", "concept_count", "concept_docs"):
        assert table[column].dtype == np.int64
    # groups sorted (missing last), variants in lexicon order
    assert table["outlet"].iloc[::4].tolist()[:2] == ["RT", "Reuters"]
    assert table["variant"].iloc[:4].tolist() == ["kiev", "kyiv", "operation", "invasion"]


def test_variants_come_from_the_hits_provenance_when_no_lexicon_is_given():
    hits = _hits()
    hits.attrs["framing"] = {
        "lexicon": {"name": "test", "variants": [["capital", "kiev"], ["capital", "kyiv"]]}
    }
    table = score(hits[hits["concept"] == "capital"], _corpus(), n_boot=20)
    assert table["variant"].unique().tolist() == ["kiev", "kyiv"]


def test_variants_fall_back_to_those_in_the_hits_sorted():
    table = score(_hits(), _corpus(), n_boot=20)
    assert table["variant"].iloc[:3].tolist() == ["kiev", "kyiv", "invasion"]


def test_voice_own_counts_only_own_voice_hits():
    table = score(_hits(), _corpus(), lexicon=LEXICON, voice="own", n_boot=20)
    assert _row(table, outlet="Reuters", variant="kiev")["count"] == 0
    both = score(_hits(), _corpus(), lexicon=LEXICON, voice=["own", "quoted"], n_boot=20)
    assert _row(both, outlet="Reuters", variant="kiev")["count"] == 1


def test_fields_restrict_both_hits_and_tokens():
    table = score(_hits(), _corpus(), lexicon=LEXICON, fields=["title"], n_boot=20)
    rt_kiev = _row(table, outlet="RT", variant="kiev")
    assert (rt_kiev["count"], rt_kiev["n_tokens"]) == (2, 6)


def test_fields_default_to_those_recorded_by_match():
    hits = _hits()
    hits.attrs["framing"] = {"parameters": {"fields": ["title"]}}
    table = score(hits, _corpus(), lexicon=LEXICON, n_boot=20)
    assert _row(table, outlet="RT", variant="kiev")["n_tokens"] == 6


def test_group_by_several_columns():
    corpus = _corpus()
    corpus["section"] = pd.array(["a", "b", "a", "a", "a", "a"], dtype="string")
    table = score(_hits(), corpus, by=["outlet", "section"], lexicon=LEXICON, n_boot=20)
    assert list(table.columns[:2]) == ["outlet", "section"]
    assert _row(table, outlet="RT", section="a", variant="kiev")["count"] == 2


def test_monthly_periods_bin_by_month_start_and_fill_empty_months():
    with pytest.warns(UserWarning, match=r"leaves out 1 of 6 document\(s\) that have no published"):
        table = score(_hits(), _corpus(), by="outlet", period="M", lexicon=LEXICON, n_boot=20)
    assert table["period"].dtype == "datetime64[ns, UTC]"
    rt = table[(table["outlet"] == "RT").fillna(False) & (table["variant"] == "kiev")]
    starts = [p.strftime("%Y-%m-%d") for p in rt["period"]]
    assert starts == ["2022-03-01", "2022-04-01", "2022-05-01"]
    assert rt["count"].tolist() == [3, 0, 0]
    assert rt["n_docs"].tolist() == [2, 0, 1]
    assert np.isnan(rt["rate"].iloc[1])  # no tokens in April: rate undefined, not zero
    excluded = table.attrs["framing"]["excluded"]
    assert excluded["documents_without_date"] == 1
    assert excluded["doc_ids"] == ["u2"]
    reuters_kyiv = table[
        (table["outlet"] == "Reuters").fillna(False) & (table["variant"] == "kyiv")
    ]
    assert reuters_kyiv["count"].sum() == 1  # u2 (undated) is out


def test_weeks_start_on_monday():
    with pytest.warns(UserWarning, match=r"leaves out 1"):
        table = score(_hits(), _corpus(), by=[], period="W", lexicon=LEXICON, n_boot=10)
    assert {p.day_name() for p in table["period"]} == {"Monday"}


def test_quarters_and_years_start_on_their_first_day_in_utc():
    corpus = _corpus()
    # 23:30 on 31 March in New York is already April in UTC: the second quarter.
    corpus.loc[corpus["doc_id"] == "r2", "published"] = pd.Timestamp(
        "2022-03-31 23:30", tz="America/New_York"
    ).tz_convert("UTC")
    with pytest.warns(UserWarning, match="leaves out 1"):
        quarters = score(_hits(), corpus, by=[], period="Q", lexicon=LEXICON, n_boot=10)
    kiev = quarters[quarters["variant"] == "kiev"]
    assert [p.strftime("%Y-%m-%d") for p in kiev["period"]] == ["2022-01-01", "2022-04-01"]
    # Q1: r1 (2 Kiev), x1; Q2: r2 (1 Kiev), r3; u1's quoted Kiev is in Q1
    assert kiev["count"].tolist() == [3, 1]
    with pytest.warns(UserWarning, match="leaves out 1"):
        years = score(_hits(), corpus, by=[], period="Y", lexicon=LEXICON, n_boot=10)
    assert years["period"].dt.strftime("%Y-%m-%d").unique().tolist() == ["2022-01-01"]


def test_no_warning_when_every_document_is_dated():
    corpus = _corpus()
    corpus = corpus[corpus["published"].notna()].reset_index(drop=True)
    hits = _hits()
    hits = hits[hits["doc_id"] != "u2"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = score(hits, corpus, period="Y", lexicon=LEXICON, n_boot=10)
    assert table.attrs["framing"]["excluded"]["documents_without_date"] == 0


# -- bootstrap -----------------------------------------------------------------------------
def _two_document_corpus() -> tuple[pd.DataFrame, pd.DataFrame]:
    corpus = conform(
        pd.DataFrame(
            {
                "doc_id": ["a", "b", "c"],
                "outlet": ["X", "X", "Y"],
                "published": ["2022-01-01"] * 3,
                "title": ["Kiev", "Kyiv", "Kiev"],
                "text": ["", "", ""],
            }
        )
    )
    hits = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "field": "title",
            "start": 0,
            "end": 4,
            "matched": ["Kiev", "Kyiv", "Kiev"],
            "term": ["Kiev", "Kyiv", "Kiev"],
            "concept": "capital",
            "variant": ["kiev", "kyiv", "kiev"],
            "voice": "own",
        }
    )
    return corpus, hits


def test_bootstrap_interval_of_two_documents_matches_the_exact_resampling_distribution():
    # Group X: doc a says Kiev once, doc b says Kyiv once. Resampling two documents with
    # replacement gives share(kiev) = 1 (aa, p=1/4), 0.5 (ab or ba, p=1/2), 0 (bb, p=1/4).
    # The 5% and 95% quantiles of that distribution are 0 and 1; the 30% and 70% are 0.5.
    corpus, hits = _two_document_corpus()
    wide = score(hits, corpus, lexicon=LEXICON, ci=0.9, interval="bootstrap", n_boot=4000, seed=1)
    row = _row(wide, outlet="X", variant="kiev")
    assert (row["share"], row["share_low"], row["share_high"]) == (0.5, 0.0, 1.0)
    narrow = score(hits, corpus, lexicon=LEXICON, ci=0.4, interval="bootstrap", n_boot=4000, seed=1)
    row = _row(narrow, outlet="X", variant="kiev")
    assert (row["share_low"], row["share_high"]) == (0.5, 0.5)


def test_rate_interval_of_two_documents_matches_the_exact_resampling_distribution():
    # Group X: a ("Kiev") and b ("Kyiv") have one token each. Resampling two documents
    # gives rate(kiev) = 10,000 x 2/2 (aa, p=1/4), 10,000 x 1/2 (ab, ba, p=1/2), 0 (bb).
    corpus, hits = _two_document_corpus()
    wide = _row(
        score(hits, corpus, lexicon=LEXICON, ci=0.9, interval="bootstrap", n_boot=4000, seed=1),
        outlet="X",
        variant="kiev",
    )
    assert (wide["rate"], wide["rate_low"], wide["rate_high"]) == (5000.0, 0.0, 10_000.0)
    narrow = _row(
        score(hits, corpus, lexicon=LEXICON, ci=0.4, interval="bootstrap", n_boot=4000, seed=1),
        outlet="X",
        variant="kiev",
    )
    assert (narrow["rate_low"], narrow["rate_high"]) == (5000.0, 5000.0)


def test_the_bootstrap_gives_a_group_that_only_uses_one_variant_a_degenerate_interval():
    # Why it is not the default: no resample can show a variant the group never used.
    corpus, hits = _two_document_corpus()
    table = score(hits, corpus, lexicon=LEXICON, interval="bootstrap", n_boot=100)
    row = _row(table, outlet="Y", variant="kiev")
    assert (row["share"], row["share_low"], row["share_high"]) == (1.0, 1.0, 1.0)


def test_one_variant_only_gets_a_wilson_interval_on_the_documents_not_one_to_one():
    # Group Y: one document, one Kiev. The default interval counts it as one document:
    # Wilson's 95% interval for 1 of 1 is [1/(1 + z²), 1].
    corpus, hits = _two_document_corpus()
    row = _row(score(hits, corpus, lexicon=LEXICON), outlet="Y", variant="kiev")
    z = 1.959963984540054
    assert row["share"] == 1.0
    assert row["share_low"] == pytest.approx(1 / (1 + z * z))
    assert row["share_high"] == 1.0


def test_at_the_boundary_each_document_counts_once_weighted_by_its_hits():
    # Six Kiev hits in four documents (3, 1, 1, 1): Kish's effective number of documents
    # is 6² / (9 + 1 + 1 + 1) = 3, and the interval is Wilson's for 3 of 3.
    corpus = conform(
        pd.DataFrame(
            {
                "doc_id": ["a", "b", "c", "d"],
                "outlet": "TASS",
                "published": "2022-01-01",
                "title": ["Kiev Kiev Kiev", "Kiev", "Kiev", "Kiev"],
                "text": "",
            }
        )
    )
    hits = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "b", "c", "d"],
            "field": "title",
            "concept": "capital",
            "variant": "kiev",
            "voice": "own",
        }
    )
    row = _row(score(hits, corpus, lexicon=LEXICON), variant="kiev")
    z = 1.959963984540054
    assert row["share_low"] == pytest.approx(3 / (3 + z * z))
    assert row["share_high"] == 1.0
    assert row["concept_docs"] == 4


def test_interior_share_interval_is_wilson_on_the_effective_documents():
    # Documents with (kiev, kyiv) hits (2, 0), (1, 1), (0, 2), (1, 0), (0, 1): p = 4/8.
    # Residuals x_d - p n_d: 1, 0, -1, 0.5, -0.5; their squares sum to 2.5, so
    # V = 5/4 * 2.5 / 64 and n_eff = p(1-p)/V = 5.12, capped at the 5 documents, times
    # (z / t_4)², as worked out here by hand.
    from scipy import stats

    kiev = [2, 1, 0, 1, 0]
    kyiv = [0, 1, 2, 0, 1]
    corpus, hits = _counts_corpus(kiev, kyiv)
    row = _row(score(hits, corpus, lexicon=LEXICON), variant="kiev")
    z = stats.norm.ppf(0.975)
    effective = 5 * (z / stats.t.ppf(0.975, 4)) ** 2
    centre = (0.5 + z * z / (2 * effective)) / (1 + z * z / effective)
    half = z / (1 + z * z / effective) * np.sqrt(0.25 / effective + z * z / (4 * effective**2))
    assert row["share"] == 0.5
    assert row["share_low"] == pytest.approx(centre - half)
    assert row["share_high"] == pytest.approx(centre + half)


def _counts_corpus(kiev: list[int], kyiv: list[int], lengths: list[int] | None = None):
    """One outlet, document i with kiev[i] and kyiv[i] hits (and lengths[i] tokens)."""
    n = len(kiev)
    lengths = lengths or [max(1, a + b) for a, b in zip(kiev, kyiv, strict=True)]
    corpus = conform(
        pd.DataFrame(
            {
                "doc_id": [f"d{i}" for i in range(n)],
                "outlet": "X",
                "published": "2022-01-01",
                "title": [" ".join(["w"] * k) for k in lengths],
                "text": "",
            }
        )
    )
    rows = [(f"d{i}", "kiev") for i in range(n) for _ in range(kiev[i])]
    rows += [(f"d{i}", "kyiv") for i in range(n) for _ in range(kyiv[i])]
    hits = pd.DataFrame(rows, columns=["doc_id", "variant"]).assign(
        field="title", concept="capital", voice="own"
    )
    return corpus, hits


def test_score_intervals_are_those_of_the_array_functions():
    generator = np.random.default_rng(4)
    kiev = generator.poisson(0.8, 40).tolist()
    kyiv = generator.poisson(0.5, 40).tolist()
    lengths = generator.integers(5, 60, 40).tolist()
    corpus, hits = _counts_corpus(kiev, kyiv, lengths)
    table = score(hits, corpus, lexicon=LEXICON)
    row = _row(table, variant="kiev")
    totals = np.add(kiev, kyiv)
    shares = share_interval(kiev, totals)
    rates = rate_interval(kiev, lengths)
    concept = rate_interval(totals, lengths)
    assert row["share_low"] == pytest.approx(shares["low"].iloc[0])
    assert row["share_high"] == pytest.approx(shares["high"].iloc[0])
    assert row["rate_low"] == pytest.approx(rates["low"].iloc[0])
    assert row["rate_high"] == pytest.approx(rates["high"].iloc[0])
    assert row["concept_rate"] == pytest.approx(concept["rate"].iloc[0])
    assert row["concept_rate_low"] == pytest.approx(concept["low"].iloc[0])
    assert row["concept_rate_high"] == pytest.approx(concept["high"].iloc[0])


def test_concept_rates_sum_the_variants_and_have_intervals():
    table = score(_hits(), _corpus(), lexicon=LEXICON)
    rt = table[(table["outlet"] == "RT").fillna(False) & (table["concept"] == "capital")]
    assert rt["concept_rate"].tolist() == pytest.approx([rt["rate"].sum()] * 2)
    assert rt["concept_count"].tolist() == [4, 4]
    assert rt["concept_docs"].tolist() == [2, 2]
    assert (rt["concept_rate_low"] < rt["concept_rate"]).all()
    assert (rt["concept_rate"] < rt["concept_rate_high"]).all()


@pytest.mark.parametrize("interval", ["effective", "bootstrap"])
def test_an_interval_does_not_depend_on_other_concepts_in_the_hits(interval):
    corpus, hits = _corpus(), _hits()
    everything = score(hits, corpus, lexicon=LEXICON, interval=interval, seed=3)
    capital_only = score(
        hits[hits["concept"] == "capital"], corpus, lexicon=LEXICON, interval=interval, seed=3
    )
    columns = [c for c in SCORE_COLUMNS if c not in ("concept", "variant")]
    rows = everything["concept"] == "capital"
    pd.testing.assert_frame_equal(
        everything.loc[rows, columns].reset_index(drop=True),
        capital_only.loc[capital_only["concept"] == "capital", columns].reset_index(drop=True),
    )


def test_no_zero_width_share_or_rate_interval_for_groups_of_under_30_documents():
    generator = np.random.default_rng(0)
    for size in (1, 2, 3, 5, 10, 29):
        for _ in range(20):
            kiev = (generator.poisson(1.5, size) * (generator.random(size) < 0.5)).tolist()
            kyiv = generator.poisson(0.3, size).tolist()
            corpus, hits = _counts_corpus(kiev, kyiv)
            if hits.empty:
                continue
            table = score(hits, corpus, lexicon=LEXICON)
            shares = table.dropna(subset="share")
            assert (shares["share_high"] - shares["share_low"] > 0.01).all(), (kiev, kyiv)
            assert (table["rate_high"] - table["rate_low"] > 0).all(), (kiev, kyiv)


def _random_corpus(n: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray, np.ndarray]:
    """n documents of one outlet with Poisson numbers of Kiev and Kyiv hits."""
    generator = np.random.default_rng(seed)
    kiev = generator.poisson(1.0, n)
    kyiv = generator.poisson(0.6, n)
    corpus = conform(
        pd.DataFrame(
            {
                "doc_id": [f"d{i}" for i in range(n)],
                "outlet": "X",
                "published": "2022-01-01",
                "title": "t",
                "text": "",
            }
        )
    )
    rows = [(f"d{i}", "kiev") for i in range(n) for _ in range(kiev[i])]
    rows += [(f"d{i}", "kyiv") for i in range(n) for _ in range(kyiv[i])]
    hits = pd.DataFrame(rows, columns=["doc_id", "variant"]).assign(
        field="title", concept="capital", voice="own"
    )
    return corpus, hits, kiev, kyiv


def test_bootstrap_agrees_with_a_naive_index_resampling_loop():
    n = 60
    corpus, hits, kiev, kyiv = _random_corpus(n, seed=7)
    table = score(hits, corpus, lexicon=LEXICON, interval="bootstrap", n_boot=4000, seed=3)
    row = _row(table, variant="kiev")
    # the textbook loop: draw n document indices with replacement, recompute the share
    naive = []
    loop_generator = np.random.default_rng(11)
    for _ in range(4000):
        draw = loop_generator.integers(0, n, n)
        total = kiev[draw].sum() + kyiv[draw].sum()
        if total:
            naive.append(kiev[draw].sum() / total)
    low, high = np.quantile(naive, [0.025, 0.975])
    assert row["share"] == pytest.approx(kiev.sum() / (kiev.sum() + kyiv.sum()))
    assert row["share_low"] == pytest.approx(low, abs=0.02)
    assert row["share_high"] == pytest.approx(high, abs=0.02)


def test_rate_bootstrap_agrees_with_a_naive_index_resampling_loop():
    # Documents of different lengths: the rate of a resample is its hits over its tokens,
    # so the interval must resample the tokens with the documents.
    n = 60
    corpus, hits, kiev, _ = _random_corpus(n, seed=8)
    lengths = np.random.default_rng(9).integers(0, 40, n)
    corpus["text"] = pd.array([" ".join(["word"] * int(k)) for k in lengths], dtype="string")
    tokens = lengths + 1  # the title "t" is one token
    table = score(hits, corpus, lexicon=LEXICON, interval="bootstrap", n_boot=4000, seed=3)
    row = _row(table, variant="kiev")
    naive = []
    loop_generator = np.random.default_rng(12)
    for _ in range(4000):
        draw = loop_generator.integers(0, n, n)
        naive.append(10_000 * kiev[draw].sum() / tokens[draw].sum())
    low, high = np.quantile(naive, [0.025, 0.975])
    assert row["rate"] == pytest.approx(10_000 * kiev.sum() / tokens.sum())
    spread = high - low
    assert row["rate_low"] == pytest.approx(low, abs=0.05 * spread)
    assert row["rate_high"] == pytest.approx(high, abs=0.05 * spread)
    # a draw-by-draw token total, not the group's mean length times the draws
    assert row["rate_low"] < row["rate"] < row["rate_high"]


def test_rate_intervals_without_hits_start_at_zero_and_are_missing_without_tokens():
    with pytest.warns(UserWarning, match="leaves out 1"):
        table = score(_hits(), _corpus(), period="M", lexicon=LEXICON)
    rt = table[(table["outlet"] == "RT").fillna(False) & (table["variant"] == "kiev")]
    # March: hits; April: no documents (no tokens); May: a document without hits
    assert rt["rate_low"].notna().tolist() == [True, False, True]
    # May: one document of 7 tokens, no hit: [0, -ln(0.025) / 7] per token
    assert rt["rate_low"].iloc[2] == 0.0
    assert rt["rate_high"].iloc[2] == pytest.approx(10_000 * -np.log(0.025) / 7)
    war = table[(table["outlet"] == "RT").fillna(False) & (table["concept"] == "war")]
    defined = war.dropna(subset="rate")
    assert (defined["rate_low"] == 0).all() and (defined["rate_high"] > 0).all()


def test_the_bootstrap_rate_interval_is_zero_without_hits():
    with pytest.warns(UserWarning, match="leaves out 1"):
        table = score(
            _hits(), _corpus(), period="M", lexicon=LEXICON, interval="bootstrap", n_boot=50
        )
    rt = table[(table["outlet"] == "RT").fillna(False) & (table["variant"] == "kiev")]
    assert (rt["rate_low"].iloc[2], rt["rate_high"].iloc[2]) == (0.0, 0.0)


def test_same_seed_gives_the_same_intervals_and_another_seed_other_ones():
    corpus, hits, _, _ = _random_corpus(40, seed=1)
    first = score(hits, corpus, lexicon=LEXICON, interval="bootstrap", n_boot=200, seed=5)
    again = score(hits, corpus, lexicon=LEXICON, interval="bootstrap", n_boot=200, seed=5)
    other = score(hits, corpus, lexicon=LEXICON, interval="bootstrap", n_boot=200, seed=6)
    pd.testing.assert_frame_equal(first, again)
    for columns in (["share_low", "share_high"], ["rate_low", "rate_high"]):
        assert not first[columns].fillna(-1).equals(other[columns].fillna(-1))


@pytest.mark.parametrize("interval", ["effective", "bootstrap"])
def test_a_groups_interval_does_not_depend_on_the_other_groups(interval):
    corpus, hits = _corpus(), _hits()
    everything = score(hits, corpus, lexicon=LEXICON, interval=interval, n_boot=300, seed=2)
    rt_only = score(
        hits[hits["doc_id"].str.startswith("r")],
        corpus[corpus["outlet"] == "RT"].reset_index(drop=True),
        lexicon=LEXICON,
        interval=interval,
        n_boot=300,
        seed=2,
    )
    columns = [c for c in SCORE_COLUMNS if c not in ("concept", "variant")]
    expected = everything[(everything["outlet"] == "RT").fillna(False)][columns]
    np.testing.assert_array_equal(expected.to_numpy(), rt_only[columns].to_numpy())


# -- provenance and errors -------------------------------------------------------------------
def test_scores_carry_provenance():
    hits = _hits()
    hits.attrs["framing"] = {"function": "match", "lexicon": {"name": "test", "version": "1"}}
    table = score(hits, _corpus(), interval="bootstrap", n_boot=20, seed=4)
    record = table.attrs["framing"]
    assert record["function"] == "score"
    assert record["corpus"]["documents"] == 6
    assert record["corpus"]["fingerprint"].startswith("sha256:")
    assert record["lexicon"]["name"] == "test"
    assert record["parameters"]["seed"] == 4
    assert record["parameters"]["by"] == ["outlet"]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"period": "month"},
            ValueError,
            r"'period' parameter of score must be one of 'W', 'M', 'Q', 'Y' or None",
        ),
        ({"voice": "mine"}, ValueError, r"'voice' parameter of score must be 'own', 'quoted'"),
        ({"by": "site"}, ValueError, r"names \['site'\], which the corpus does not have"),
        ({"ci": 95}, ValueError, r"'ci' parameter of score must be a number in \(0, 1\)"),
        ({"n_boot": 0}, ValueError, r"'n_boot' parameter of score must be a whole number"),
        (
            {"interval": "wald"},
            ValueError,
            r"'interval' parameter of score must be one of 'effective'",
        ),
        ({"fields": ["body"]}, ValueError, r"'fields' parameter of score must name text columns"),
    ],
)
def test_score_rejects_bad_parameters_with_a_clear_message(kwargs, error, message):
    with pytest.raises(error, match=message):
        score(_hits(), _corpus(), lexicon=LEXICON, **kwargs)


def test_a_hit_outside_the_corpus_is_an_error_not_dropped():
    hits = pd.concat([_hits(), _hits().iloc[[0]].assign(doc_id="zz")], ignore_index=True)
    with pytest.raises(
        ValueError, match=r"Hit 8 names the document 'zz', which is not in the corpus"
    ):
        score(hits, _corpus(), lexicon=LEXICON)


def test_a_hit_whose_variant_the_lexicon_lacks_is_an_error():
    hits = _hits().assign(variant="kyyiv")
    with pytest.raises(ValueError, match=r"concept 'capital', variant 'kyyiv', which the lexicon"):
        score(hits, _corpus(), lexicon=LEXICON)


def test_empty_hits_without_a_lexicon_is_an_error_that_says_what_to_do():
    with pytest.raises(ValueError, match=r"Pass lexicon= so that groups without hits"):
        score(_hits().iloc[:0], _corpus())


def test_empty_hits_with_a_lexicon_give_zeros_everywhere():
    table = score(_hits().iloc[:0], _corpus(), lexicon=LEXICON)
    assert table["count"].sum() == 0
    assert table["share"].isna().all()
