"""Every corpus in ../shared/data loads with read_corpus and at most rename= and outlet=.

Figures asserted here were counted from the files (see ../shared/data/README.md).
"""

from __future__ import annotations

import pandas as pd
import pytest

import framing

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def ruwa(shared_data):
    return framing.read_corpus(shared_data / "ruwa" / "RUWA_04.08.23.csv")


@pytest.mark.slow
def test_ruwa_keeps_every_row_with_outlets_from_site(ruwa):
    assert len(ruwa) == 16_545
    framing.validate_corpus(ruwa)
    counts = ruwa["outlet"].value_counts().to_dict()
    assert counts == {
        "Ukrinform": 6749,
        "Censor.net": 5094,
        "Reuters": 1992,
        "RT": 932,
        "Al Jazeera": 600,
        "BBC": 550,
        "MSNBC": 500,
        "News Front": 94,
        "TASS": 34,
    }
    assert ruwa["published"].notna().all()  # MM/DD/YYYY, every one read
    assert ruwa["published"].dt.year.value_counts().to_dict() == {2022: 16_224, 2021: 321}
    assert {"Unnamed: 0", "Unnamed: 0.1"}.isdisjoint(ruwa.columns)
    assert all(isinstance(words, list) for words in ruwa["KW"])
    assert ruwa["title"].isna().sum() == 1152  # titles-only rows are kept, not dropped
    report = framing.load_report(ruwa)
    assert report.summary[["read", "kept", "skipped"]].iloc[0].tolist() == [16_545] * 2 + [0]


@pytest.mark.parametrize(
    ("name", "outlet", "rows"),
    [
        ("Guardians_Russia_Ukraine.csv", "The Guardian", 188),
        ("NYT_Russia_Ukraine.csv", "The New York Times", 219),
    ],
)
def test_guardian_and_nyt_have_every_date_parsed(shared_data, name, outlet, rows):
    corpus = framing.read_corpus(shared_data / "nyt_guardian" / name, outlet=outlet)
    assert len(corpus) == rows
    assert corpus["published"].notna().all()
    assert (corpus["outlet"] == outlet).all()
    assert corpus["text"].notna().all() and corpus["title"].notna().all()
    assert (
        corpus["published"]
        .between(pd.Timestamp("2022-01-01", tz="UTC"), pd.Timestamp("2022-12-31", tz="UTC"))
        .all()
    )


def test_resistinua_keeps_all_364_rows_and_marks_repeated_ids(shared_data):
    corpus = framing.read_corpus(
        shared_data / "resistinua" / "resistinua_messages_en.jsonl",
        rename={"title": "name"},
        outlet="Office of the President of Ukraine",
    )
    assert len(corpus) == 364
    assert corpus["doc_id"].is_unique
    assert corpus["source_id"].nunique() == 354
    assert corpus["source_id"].duplicated().sum() == 10
    assert corpus["doc_id"].str.contains("#2").sum() == 10
    assert corpus["published"].notna().all()
    assert all(isinstance(speakers, list) for speakers in corpus["speaker"])


# The sheets' title_name/title_url (a scraper export's names) are found with no rename=.
SCRAPED_COLUMNS = [None, {"title": "title_name", "url": "title_url"}]


@pytest.mark.parametrize("columns", SCRAPED_COLUMNS, ids=["defaults", "columns"])
def test_sputnik_titles_are_dated_from_their_urls(shared_data, columns):
    corpus = framing.read_corpus(
        shared_data / "sputnik_kyivind_titles" / "Sputnik_FULL.xlsx", rename=columns
    )
    assert corpus["title"].notna().all() and corpus["url"].notna().all()
    assert len(corpus) == 2040
    assert (corpus["outlet"] == "Sputnik International").all()
    assert (corpus["date_source"] == "url").all() and corpus["published"].notna().all()
    report = framing.load_report(corpus)
    assert report.summary["dates_from_url"].tolist() == [2040]
    assert "title_date" in corpus.columns  # "12 hours ago": kept as text, never guessed


@pytest.mark.parametrize("columns", SCRAPED_COLUMNS, ids=["defaults", "columns"])
def test_kyiv_independent_titles_are_undated_and_counted(shared_data, columns):
    corpus = framing.read_corpus(
        shared_data / "sputnik_kyivind_titles" / "Kyiv_Ind_FULL.xlsx", rename=columns
    )
    assert corpus["title"].notna().all() and corpus["url"].notna().all()
    assert len(corpus) == 1820  # 1,821 sheet rows, one of them blank
    assert (corpus["outlet"] == "The Kyiv Independent").all()
    report = framing.load_report(corpus)
    assert report.summary[["dates_missing", "blank_rows"]].iloc[0].tolist() == [1820, 1]
    assert corpus["published"].isna().all()
    # 352 rows carry a day in a header-less column: kept (never dropped as an index
    # column), for the user to map with rename={"published": "Unnamed: 2"}
    assert corpus["Unnamed: 2"].notna().sum() == 352


@pytest.mark.slow
def test_ruwa_round_trips_through_parquet(ruwa, tmp_path):
    back = framing.read_corpus(framing.write_corpus(ruwa, tmp_path / "ruwa.parquet"))
    pd.testing.assert_frame_equal(back, ruwa)
    assert back.attrs == ruwa.attrs
