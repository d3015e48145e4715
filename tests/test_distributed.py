"""Every stage on a dask corpus, on a LocalCluster of 2 worker processes, equals pandas.

For the sample corpus (and RUWA when ../shared/data is present) each stage's dask result
is compared with the pandas result row for row, sorted by its key, with exact numbers
(``check_exact=True``: the intervals included, not merely close).
"""

from __future__ import annotations

import contextlib
import json
import logging
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import framing

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

SAMPLE_SHARDS = 4


def _same(got: pd.DataFrame, expected: pd.DataFrame, keys: list[str]) -> None:
    """Equal row for row once both are sorted by ``keys``: columns, dtypes, values."""
    assert list(got.columns) == list(expected.columns)
    got = got.sort_values(keys, kind="stable").reset_index(drop=True)
    expected = expected.sort_values(keys, kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(
        pd.DataFrame(got), pd.DataFrame(expected), check_exact=True, check_index_type="equiv"
    )


@pytest.fixture(scope="module")
def cluster():
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as local,
        distributed.Client(local) as client,
    ):
        yield client


# -- the sample corpus ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample(tmp_path_factory, cluster):
    """The sample corpus as Parquet shards, read by both paths; and a lexicon."""
    folder = tmp_path_factory.mktemp("shards")
    corpus = framing.load_sample()
    size = -(-len(corpus) // SAMPLE_SHARDS)
    for number in range(SAMPLE_SHARDS):
        part = corpus.iloc[number * size : (number + 1) * size].reset_index(drop=True)
        framing.write_corpus(part, folder / f"part-{number:02d}.parquet")
    pattern = str(folder / "*.parquet")
    expected = framing.read_corpus(pattern)
    lazy = framing.read_corpus_dask(pattern, chunksize=200)
    lexicon = framing.load_lexicon("ukraine_war")
    return {"pandas": expected, "dask": lazy, "lexicon": lexicon}


@pytest.fixture(scope="module")
def sample_hits(sample):
    lexicon = sample["lexicon"]
    columns = ("outlet", "published")
    expected = framing.match(sample["pandas"], lexicon, columns=columns, workers=1)
    lazy = framing.match(sample["dask"], lexicon, columns=columns)
    return expected, lazy


@pytest.mark.slow
def test_reading_parquet_shards_gives_the_pandas_corpus_and_report(sample):
    lazy = sample["dask"]
    assert lazy.npartitions == 8  # four files of 375 documents, chunks of at most 200
    assert lazy.known_divisions
    got = lazy.compute()
    _same(got, sample["pandas"], ["doc_id"])
    pd.testing.assert_frame_equal(got, sample["pandas"], check_index_type="equiv")
    assert got.attrs["load_report"] == sample["pandas"].attrs["load_report"]
    # The report is there without computing anything.
    report = framing.load_report(lazy)
    assert report.summary["kept"].tolist() == [375] * 4
    assert report.to_dict() == sample["pandas"].attrs["load_report"]


@pytest.mark.slow
def test_deduplicate_gives_the_pandas_marks(sample):
    for options in ({}, {"threshold": 0.6, "shingle_size": 2}, {"key": "url", "drop": True}):
        expected = framing.deduplicate(sample["pandas"], **options)
        got = framing.deduplicate(sample["dask"], **options).compute()
        _same(got, expected, ["doc_id"])
        assert got.attrs["load_report"] == expected.attrs["load_report"]
    assert expected_kinds(sample) == {"exact", "near"}


def expected_kinds(sample) -> set[str]:
    marked = framing.deduplicate(sample["pandas"])
    return set(marked["duplicate_kind"].dropna())


@pytest.mark.slow
def test_match_gives_the_pandas_hits(sample_hits):
    expected, lazy = sample_hits
    _same(lazy.compute(), expected, ["doc_id", "field", "start"])


@pytest.mark.slow
def test_score_gives_the_pandas_scores_intervals_included(sample, sample_hits):
    expected_hits, lazy_hits = sample_hits
    lexicon = sample["lexicon"]
    for options in (
        {},
        {"by": ["outlet"], "period": "Q", "n_boot": 200, "seed": 7},
        {"by": [], "voice": ["own", "quoted"], "fields": ["text"]},
    ):
        with _undated_warning(options):
            expected = framing.score(expected_hits, sample["pandas"], lexicon=lexicon, **options)
        with _undated_warning(options):
            got = framing.score(lazy_hits, sample["dask"], lexicon=lexicon, **options)
        keys = [*expected.columns[: list(expected.columns).index("concept")], "concept", "variant"]
        _same(got, expected, keys)
        assert got["share_low"].notna().any() and got["rate_high"].notna().any()
        assert got.attrs["framing"]["excluded"] == expected.attrs["framing"]["excluded"]
    # pandas hits with a dask corpus, and dask hits with a pandas corpus, too
    expected = framing.score(expected_hits, sample["pandas"], lexicon=lexicon)
    _same(framing.score(expected_hits, sample["dask"], lexicon=lexicon), expected, ["outlet"])
    _same(framing.score(lazy_hits, sample["pandas"], lexicon=lexicon), expected, ["outlet"])


def _undated_warning(options):
    """Scores by period warn about the sample's undated documents, on both paths."""
    if options.get("period"):
        return pytest.warns(UserWarning, match="have no published date")
    return contextlib.nullcontext()


def test_compare_groups_counts_on_the_partitions_and_never_computes_the_corpus(sample, monkeypatch):
    # The client gets the summed counts, not the corpus: computing the corpus itself fails.
    lazy = sample["dask"]

    def refuse(*args, **kwargs):
        raise AssertionError("compare_groups computed the whole corpus on the client")

    monkeypatch.setattr(type(lazy), "compute", refuse)
    table = framing.compare_groups(lazy, ngram_range=(1, 1), min_count=3)
    monkeypatch.undo()
    expected = framing.compare_groups(lazy.compute(), ngram_range=(1, 1), min_count=3)
    _same(table, expected, ["group", "term"])
    assert table.attrs["framing"]["corpus"] == {"documents": len(sample["pandas"])}


@pytest.mark.slow
def test_compare_groups_collocations_and_suggest_terms_give_the_pandas_tables(sample):
    corpus, lazy, lexicon = sample["pandas"], sample["dask"], sample["lexicon"]
    outlets = sorted(corpus["outlet"].unique())
    for options in (
        {},
        {"terms": lexicon, "min_count": 1},
        {"ngram_range": (2, 2), "prior": 0.1},
        {"ngram_range": (1, 2), "stop_words": "english", "min_df": 3, "variance": "mcq"},
        {"target": outlets[:2], "reference": outlets[-1], "min_count": 2, "min_df": 0.01},
    ):
        _same(
            framing.compare_groups(lazy, **options),
            framing.compare_groups(corpus, **options),
            ["group", "term"],
        )
    _same(
        framing.collocations(lazy, "Kiev", window=3, min_count=1),
        framing.collocations(corpus, "Kiev", window=3, min_count=1),
        ["collocate", "position"],
    )
    _same(
        framing.suggest_terms(lazy, lexicon, n=10),
        framing.suggest_terms(corpus, lexicon, n=10),
        ["group", "rank"],
    )


@pytest.mark.slow
def test_kwic_and_coding_sheet_give_the_pandas_tables(sample, sample_hits):
    expected_hits, lazy_hits = sample_hits
    corpus, lazy = sample["pandas"], sample["dask"]
    got = framing.kwic(lazy_hits, lazy, n=25, seed=4, window=5)
    assert type(got).__name__ == "KwicTable"
    _same(got, framing.kwic(expected_hits, corpus, n=25, seed=4, window=5), ["doc_id"])
    for options in ({}, {"by": ["outlet", "concept"], "n": 3}):
        _same(
            framing.coding_sheet(lazy_hits, lazy, **options),
            framing.coding_sheet(expected_hits, corpus, **options),
            ["hit_id"],
        )


# -- reading other formats -------------------------------------------------------------------
@pytest.mark.slow
def test_reading_text_formats_gives_the_pandas_ids_columns_and_report(tmp_path, cluster):
    """Ids repeated across files, a column only one file has, a bad record reported."""
    (tmp_path / "a.csv").write_text(
        "id,title,text,date,desk\n"
        "x,T1,Body one,2022-03-01,Kyiv\n"
        "x,T2,Body two,03/02/2022,Kyiv\n"
        ",,,,\n"
        "y,,,2022-03-03,Lviv\n"
    )
    records = [
        {"id": "x", "title": "T3", "text": "Body three", "date": "2022-03-04", "tags": ["a"]},
        {"id": "x#2", "title": "T4", "text": "Body four", "date": "not a date"},
        {"url": "https://www.rt.com/news/20220305/t5/", "title": "T5", "text": "Five"},
    ]
    (tmp_path / "b.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    (tmp_path / "README.md").write_text("not a corpus\n")
    expected = framing.read_corpus(tmp_path, errors="report")
    lazy = framing.read_corpus_dask(tmp_path, errors="report", chunksize=2)
    got = lazy.compute()
    assert got["doc_id"].tolist() == ["x", "x#2", "x#3", "x#2#2", expected["doc_id"].iloc[-1]]
    pd.testing.assert_frame_equal(got, expected, check_index_type="equiv")
    assert got.attrs["load_report"] == expected.attrs["load_report"]
    assert framing.load_report(lazy).skipped["record"].tolist() == ["line 5"]


def test_read_corpus_dask_refuses_a_dataframe_and_says_what_to_do():
    with pytest.raises(ValueError, match=r"Got pandas.*DataFrame: make a dask corpus"):
        framing.read_corpus_dask(pd.DataFrame({"text": ["a"]}))


def test_an_unsupported_corpus_is_named_with_what_to_do():
    class DataFrame:  # a stand-in for another library's table
        pass

    hits = pd.DataFrame(columns=["doc_id", "field", "concept", "variant"])
    with pytest.raises(framing.CorpusError, match=r"Got test_distributed.*DataFrame: read files"):
        framing.score(hits, DataFrame())
    with pytest.raises(framing.CorpusError, match=r"framing.read_corpus_dask"):
        framing.compare_groups(DataFrame())


# -- RUWA ------------------------------------------------------------------------------------
RUWA_FIELDS = ["title", "description"]


@pytest.mark.realdata
@pytest.mark.slow
def test_ruwa_every_stage_equals_pandas(shared_data: Path, cluster):
    path = shared_data / "ruwa" / "RUWA_04.08.23.csv"
    corpus = framing.read_corpus(path)
    lazy = framing.read_corpus_dask(path, chunksize=5_000)
    assert lazy.npartitions > 1
    got = lazy.compute()
    pd.testing.assert_frame_equal(got, corpus, check_index_type="equiv")
    assert got.attrs["load_report"] == corpus.attrs["load_report"]

    marked = framing.deduplicate(corpus, on="title")
    _same(framing.deduplicate(lazy, on="title").compute(), marked, ["doc_id"])

    lexicon = framing.load_lexicon("ukraine_toponyms")
    hits = framing.match(corpus, lexicon, fields=RUWA_FIELDS, workers=1)
    lazy_hits = framing.match(lazy, lexicon, fields=RUWA_FIELDS)
    _same(lazy_hits.compute(), hits, ["doc_id", "field", "start"])

    scores = framing.score(hits, corpus, by="outlet", n_boot=1000, seed=0)
    got_scores = framing.score(lazy_hits, lazy, by="outlet", n_boot=1000, seed=0)
    _same(got_scores, scores, ["outlet", "concept", "variant"])
    assert np.isfinite(got_scores["share_low"]).sum() > 10

    comparison = framing.compare_groups(
        corpus, target="RT", reference="Reuters", fields=RUWA_FIELDS, min_count=10
    )
    _same(
        framing.compare_groups(
            lazy, target="RT", reference="Reuters", fields=RUWA_FIELDS, min_count=10
        ),
        comparison,
        ["group", "term"],
    )
    _same(
        framing.collocations(lazy, "Kiev", fields=RUWA_FIELDS),
        framing.collocations(corpus, "Kiev", fields=RUWA_FIELDS),
        ["collocate", "position"],
    )
    _same(
        framing.suggest_terms(lazy, lexicon, fields=RUWA_FIELDS, n=5),
        framing.suggest_terms(corpus, lexicon, fields=RUWA_FIELDS, n=5),
        ["group", "rank"],
    )
    _same(
        framing.kwic(lazy_hits, lazy, n=50, seed=1),
        framing.kwic(hits, corpus, n=50, seed=1),
        ["doc_id", "field", "start"],
    )
    _same(
        framing.coding_sheet(lazy_hits, lazy, by=["concept", "variant", "outlet"], n=5),
        framing.coding_sheet(hits, corpus, by=["concept", "variant", "outlet"], n=5),
        ["hit_id"],
    )
    print(
        f"\nRUWA on 2 workers: {len(corpus)} documents in {lazy.npartitions} partitions, "
        f"{int(marked['duplicate_of'].notna().sum())} duplicates, {len(hits)} hits, "
        f"{len(scores)} score rows, {len(comparison)} comparison rows: all equal."
    )
