"""A DataFrame as a corpus source: as_corpus, read_corpus(frame), and rename= / columns=."""

from __future__ import annotations

import re
import warnings

import pandas as pd
import pytest

import framing
from framing.corpus.readers import FORMATS
from framing.corpus.readers._registry import READERS, format_by_extension, register
from framing.corpus.schema import CorpusError, validate_corpus

CSV = (
    "id,headline,body,date,link,site,tags,views\n"
    "a1,Talks resume,The talks went on.They ended late.,02/28/2022,"
    'https://www.rt.com/news/1/,rt.com,"talks, Kyiv",12\n'
    "a2,Port reopens,The port opened.,2022-03-02T10:00:00Z,"
    "https://www.reuters.com/world/20220302/port/,,,\n"
    "a3,Ferry runs,The ferry runs again.,,https://www.bbc.co.uk/news/20220303/ferry,,ferry,7\n"
)


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def without_source(corpus):
    """A corpus without where its rows came from: ``source``, and a file's ``file``."""
    return corpus.drop(columns=["source", "file"], errors="ignore")


# -- as_corpus -----------------------------------------------------------------------------
def test_as_corpus_without_a_published_column_gives_nat_dates_and_a_load_report():
    frame = pd.DataFrame(
        {
            "title": ["Talks resume", "Ferry runs"],
            "text": ["The talks went on.", "The ferry runs again."],
        }
    )
    corpus = framing.as_corpus(frame, outlet="Example")
    validate_corpus(corpus)
    assert corpus["published"].isna().all()
    assert str(corpus["published"].dtype) == "datetime64[ns, UTC]"
    assert corpus["date_source"].isna().all()
    assert corpus["source"].tolist() == ["<DataFrame>, row 0", "<DataFrame>, row 1"]
    report = framing.load_report(corpus)
    assert report.summary[["source", "format", "read", "kept", "dates_missing"]].to_dict(
        "records"
    ) == [
        {"source": "<DataFrame>", "format": "dataframe", "read": 2, "kept": 2, "dates_missing": 2}
    ]
    record = corpus.attrs["framing"]
    assert record["function"] == "as_corpus"
    assert record["parameters"]["source"] == ["<DataFrame>"]


def test_as_corpus_dates_documents_from_their_urls_when_no_date_column_is_given():
    frame = pd.DataFrame(
        {"text": ["A", "B"], "url": ["https://www.rt.com/news/20220302/a/", "https://x.org/b"]}
    )
    corpus = framing.as_corpus(frame)
    assert corpus["published"].iloc[0] == pd.Timestamp("2022-03-02", tz="UTC")
    assert pd.isna(corpus["published"].iloc[1])
    assert corpus["date_source"].iloc[0] == "url" and pd.isna(corpus["date_source"].iloc[1])
    summary = framing.load_report(corpus).summary
    assert summary[["dates_from_url", "dates_missing"]].to_dict("records") == [
        {"dates_from_url": 1, "dates_missing": 1}
    ]
    assert corpus["outlet"].tolist() == ["RT", "x.org"]


def test_the_same_rows_through_a_csv_file_and_through_as_corpus_give_equal_corpora(tmp_path):
    path = write(tmp_path / "a.csv", CSV)
    from_file = framing.read_corpus(path)
    from_frame = framing.as_corpus(pd.read_csv(path))
    pd.testing.assert_frame_equal(without_source(from_frame), without_source(from_file))
    assert from_frame["source"].tolist() == [f"<DataFrame>, row {i}" for i in range(3)]
    counts = ["read", "kept", "skipped", "dates_missing", "dates_from_url", "outlets_missing"]
    assert framing.load_report(from_frame).summary[counts].to_dict(
        "records"
    ) == framing.load_report(from_file).summary[counts].to_dict("records")
    # pandas' own string and datetime dtypes give the same corpus too
    typed = pd.read_csv(path, dtype="string")
    typed["date"] = pd.to_datetime(typed["date"], format="mixed", utc=True)
    pd.testing.assert_frame_equal(
        without_source(framing.as_corpus(typed)), without_source(from_file)
    )


def test_read_corpus_of_a_frame_is_as_corpus_and_takes_repair(tmp_path):
    frame = pd.read_csv(write(tmp_path / "a.csv", CSV))
    by_read = framing.read_corpus(frame)
    by_as = framing.as_corpus(frame)
    pd.testing.assert_frame_equal(by_read, by_as)
    assert by_read.attrs["framing"]["function"] == "read_corpus"
    raw = framing.read_corpus(frame, repair=False)
    assert raw["text"].iloc[0] == "The talks went on.They ended late."
    assert by_read["text"].iloc[0] == "The talks went on. They ended late."


def test_as_corpus_leaves_the_frame_unchanged_and_ignores_its_index():
    frame = pd.DataFrame({"headline": ["A", "B"], "body": ["x", "y"]}, index=["p", "q"])
    before = frame.copy()
    corpus = framing.as_corpus(frame, outlet="X")
    pd.testing.assert_frame_equal(frame, before)
    assert corpus["title"].tolist() == ["A", "B"]
    assert list(corpus.index) == [0, 1]
    assert "index" not in corpus.columns


def test_as_corpus_renames_columns_and_keeps_the_others():
    frame = pd.DataFrame({"name": ["Real title"], "title": ["Other"], "body": ["Text"]})
    corpus = framing.as_corpus(frame, rename={"title": "name"}, outlet="Example")
    assert corpus["title"].tolist() == ["Real title"]
    assert corpus["original_title"].tolist() == ["Other"]
    assert corpus.attrs["framing"]["parameters"]["rename"] == {"title": "name"}


def test_iter_corpus_of_a_frame_streams_chunks_that_add_up_to_read_corpus():
    frame = pd.DataFrame({"title": [f"T{i}" for i in range(5)], "text": ["x"] * 5})
    chunks = list(framing.iter_corpus(frame, chunksize=2, outlet="X"))
    assert [len(chunk) for chunk in chunks] == [2, 2, 1]
    pd.testing.assert_frame_equal(
        pd.concat(chunks, ignore_index=True), framing.read_corpus(frame, outlet="X")
    )


def test_as_corpus_reports_bad_rows_with_errors_report():
    frame = pd.DataFrame(
        {"title": ["A", None, "C"], "text": ["x", None, "z"], "date": ["2022-03-02", None, "soon"]}
    )
    corpus = framing.as_corpus(frame, outlet="X", errors="report")
    assert corpus["title"].tolist() == ["A", "C"]
    report = framing.load_report(corpus)
    assert report.skipped.to_dict("records") == [
        {
            "source": "<DataFrame>",
            "record": "row 1",
            "reason": "the record has no title, text, description or URL (expected at least one)",
        }
    ]
    assert report.unreadable_dates.to_dict("records") == [
        {"source": "<DataFrame>", "record": "row 2", "value": "soon"}
    ]


def test_as_corpus_error_messages_name_the_frame_and_the_row():
    with pytest.raises(
        CorpusError,
        match=r"Could not read <DataFrame>, row 1: the record has no title, text, description",
    ):
        framing.as_corpus(pd.DataFrame({"title": ["A", None]}))
    with pytest.raises(
        CorpusError,
        match=r"Could not read <DataFrame>, row 0: the date 'soon' is not in a form the kit reads",
    ):
        framing.as_corpus(pd.DataFrame({"title": ["A"], "date": ["soon"]}))
    with pytest.raises(
        CorpusError,
        match=re.escape(
            "Could not read <DataFrame>: found no text or title column (expected a column such "
            "as 'text', 'body', 'content', 'article(s)', 'title' or 'headline(s)', or name one "
            "with rename={'text': ...}); its columns are ['when', 'where']"
        ),
    ):
        framing.as_corpus(pd.DataFrame({"when": ["2022"], "where": ["Kyiv"]}))
    with pytest.raises(
        CorpusError,
        match=re.escape(
            "Could not read <DataFrame>: the column 'headline' given in rename= for 'title' "
            "is not in the DataFrame; its columns are ['title', 'text']"
        ),
    ):
        framing.as_corpus(
            pd.DataFrame({"title": ["A"], "text": ["B"]}), rename={"title": "headline"}
        )


def test_as_corpus_checks_its_parameters():
    frame = pd.DataFrame({"title": ["A"]})
    with pytest.raises(
        ValueError,
        match=re.escape(
            "The 'frame' parameter of as_corpus must be a pandas DataFrame. Got list instead."
        ),
    ):
        framing.as_corpus([{"title": "A"}])
    with pytest.raises(
        ValueError,
        match=re.escape(
            "The 'errors' parameter of as_corpus must be 'raise' or 'report'. Got 'ignore' instead."
        ),
    ):
        framing.as_corpus(frame, errors="ignore")
    with pytest.raises(
        ValueError,
        match=re.escape("The 'rename' parameter of as_corpus must map corpus columns to source"),
    ):
        framing.as_corpus(frame, rename=["title"])
    with pytest.raises(ValueError, match="The 'rename' parameter of as_corpus maps corpus columns"):
        framing.as_corpus(frame, rename={"headline": "title"})
    with pytest.raises(
        ValueError, match="The 'outlet' parameter of as_corpus must be None or a non-empty string"
    ):
        framing.as_corpus(frame, outlet=" ")
    with pytest.raises(
        ValueError,
        match=re.escape(
            "The 'format' parameter of read_corpus must be None when the source is a DataFrame "
            "(it names a file format). Got 'csv' instead."
        ),
    ):
        framing.read_corpus(frame, format="csv")
    with pytest.raises(
        ValueError,
        match=re.escape(
            "The 'source' parameter of read_corpus takes one DataFrame, not a list of them "
            "(pd.concat them first). Got a list holding a DataFrame instead."
        ),
    ):
        framing.read_corpus([frame, frame])


# -- rename= and its deprecated spelling columns= ----------------------------------------------
def test_columns_is_a_deprecated_alias_of_rename_that_warns_once_per_call(tmp_path):
    path = write(tmp_path / "a.csv", "name,title,body\nReal title,Other,Text\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        old = framing.read_corpus(path, columns={"title": "name"}, outlet="Example")
    assert [w.category for w in caught] == [FutureWarning]
    assert str(caught[0].message) == (
        "The 'columns' parameter of read_corpus was renamed 'rename' and will be removed in "
        "a future release; use read_corpus(..., rename={...}) instead."
    )
    assert caught[0].filename == __file__  # points at the caller
    new = framing.read_corpus(path, rename={"title": "name"}, outlet="Example")
    pd.testing.assert_frame_equal(old, new)
    assert old.attrs == new.attrs
    assert new["title"].tolist() == ["Real title"]


def test_iter_corpus_takes_rename_and_warns_for_columns(tmp_path):
    path = write(tmp_path / "a.csv", "name,body\nA,x\nB,y\nC,z\n")
    new = list(framing.iter_corpus(path, chunksize=2, rename={"title": "name"}, outlet="X"))
    with pytest.warns(
        FutureWarning, match=r"The 'columns' parameter of iter_corpus was renamed 'rename'"
    ) as caught:
        old = list(framing.iter_corpus(path, chunksize=2, columns={"title": "name"}, outlet="X"))
    assert len(caught) == 1
    assert [chunk["title"].tolist() for chunk in old] == [["A", "B"], ["C"]]
    for a, b in zip(old, new, strict=True):
        pd.testing.assert_frame_equal(a, b)


def test_rename_and_columns_together_are_an_error(tmp_path):
    path = write(tmp_path / "a.csv", "name,body\nA,x\n")
    with pytest.raises(
        ValueError,
        match=re.escape(
            "The 'columns' parameter of read_corpus was renamed 'rename'; give only 'rename'. "
            "Got both instead."
        ),
    ):
        framing.read_corpus(path, rename={"title": "name"}, columns={"title": "name"})


def test_messages_about_the_mapping_name_the_parameter_the_caller_used(tmp_path):
    path = write(tmp_path / "a.csv", "title,text\nA,B\n")
    with pytest.raises(
        CorpusError,
        match=r"a\.csv: the column 'headline' given in rename= for 'title' is not in the file",
    ):
        framing.read_corpus(path, rename={"title": "headline"})
    with (
        pytest.warns(FutureWarning),
        pytest.raises(
            CorpusError,
            match=r"a\.csv: the column 'headline' given in columns= for 'title' is not in the file",
        ),
    ):
        framing.read_corpus(path, columns={"title": "headline"})
    with pytest.raises(
        ValueError,
        match=re.escape(
            "The 'rename' parameter of read_corpus maps corpus columns ['doc_id', 'title', "
            "'text', 'description', 'published', 'url', 'outlet', 'author', 'section', "
            "'language', 'tags'] to source columns. Got the unknown corpus column(s) "
            "['headline'] instead."
        ),
    ):
        framing.read_corpus(path, rename={"headline": "title"})


# -- the reader registry ---------------------------------------------------------------------
def test_every_format_has_one_registered_reader_and_its_extensions():
    assert set(READERS) == set(FORMATS)
    extensions = format_by_extension()
    assert extensions[".csv"] == "csv" and extensions[".xlsx"] == "excel"
    # The export formats without an extension of their own are told by content alone.
    content_only = {name for name, fmt in READERS.items() if not fmt.extensions}
    assert content_only == {"nexis", "factiva", "integrum", "mediacloud", "telegram"}
    assert set(extensions.values()) | content_only == set(FORMATS)
    with pytest.raises(ValueError, match=r"The format 'docx' is not in FORMATS"):
        register("docx", extensions=(".docx",), expected="a Word file")
    with pytest.raises(ValueError, match=r"The format 'csv' has a reader already"):
        register("csv", extensions=(".csv",), expected="x")(lambda *args: iter(()))
