"""read_corpus, iter_corpus and write_corpus over every supported format."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing.corpus.schema import CORPUS_COLUMNS, CorpusError, validate_corpus


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


CSV = (
    ",Unnamed: 0,headlines,articles,published,link,site,KW,ref\n"
    "0,7,Talks resume,The talks went on.They ended late.,02/28/2022,"
    "https://www.rt.com/news/1/,rt.com,\"['talks', 'Kyiv']\",\"[{'a': 1}]\"\n"
    "1,9,Port reopens,The port opened.,2022-03-02T10:00:00Z,"
    'https://www.reuters.com/world/2/,,"[]",x\n'
)


def test_csv_columns_are_mapped_by_their_usual_names(tmp_path):
    corpus = framing.read_corpus(write(tmp_path / "a.csv", CSV))
    validate_corpus(corpus)
    assert list(corpus.columns[: len(CORPUS_COLUMNS)]) == list(CORPUS_COLUMNS)
    assert corpus["title"].tolist() == ["Talks resume", "Port reopens"]
    assert corpus["text"].tolist() == ["The talks went on. They ended late.", "The port opened."]
    assert corpus["outlet"].tolist() == ["RT", "Reuters"]  # site column, else URL domain
    assert corpus["domain"].tolist() == ["rt.com", "reuters.com"]
    assert corpus["published"].tolist() == [
        pd.Timestamp("2022-02-28", tz="UTC"),
        pd.Timestamp("2022-03-02 10:00", tz="UTC"),
    ]
    # leftover index columns are dropped; extra columns are kept, lists as lists
    assert "Unnamed: 0" not in corpus.columns and "Unnamed: 1" not in corpus.columns
    assert corpus["KW"].tolist() == [["talks", "Kyiv"], []]
    assert corpus["ref"].tolist() == ["[{'a': 1}]", "x"]  # not a list of strings: kept as text
    assert isinstance(corpus["ref"].dtype, pd.StringDtype)
    assert corpus["source"].str.endswith(", line 2").iloc[0]


def test_columns_parameter_wins_over_automatic_mapping(tmp_path):
    path = write(tmp_path / "a.csv", "name,title,body\nReal title,Other,Text\n")
    corpus = framing.read_corpus(path, rename={"title": "name"}, outlet="Example")
    assert corpus["title"].tolist() == ["Real title"]
    assert corpus["original_title"].tolist() == ["Other"]  # never dropped, renamed
    assert corpus["outlet"].tolist() == ["Example"]


def test_scraper_export_title_name_and_title_url_are_the_title_and_the_url(tmp_path):
    path = write(
        tmp_path / "scraped.csv",
        "title_name,title_url,title_date,image_url,author_name\n"
        "Ferry resumes,https://www.rt.com/news/20220302/ferry/,2 hours ago,"
        "https://cdn.example/a.jpg,A. Writer\n",
    )
    corpus = framing.read_corpus(path)
    assert corpus["title"].tolist() == ["Ferry resumes"]
    assert corpus["url"].tolist() == ["https://www.rt.com/news/20220302/ferry/"]
    assert corpus["outlet"].tolist() == ["RT"]
    # a relative date is never taken for the publication date; the URL's date is used
    assert corpus["date_source"].tolist() == ["url"]
    assert corpus["title_date"].tolist() == ["2 hours ago"]
    # an image's URL and an author's name are not the article's URL and title
    assert corpus["image_url"].tolist() == ["https://cdn.example/a.jpg"]
    assert corpus["author_name"].tolist() == ["A. Writer"]


def test_usual_column_names_win_over_scraper_export_names(tmp_path):
    path = write(tmp_path / "a.csv", "title_name,title,url,title_url\nA,B,https://x.example/1,u\n")
    corpus = framing.read_corpus(path, outlet="X")
    assert corpus["title"].tolist() == ["B"] and corpus["url"].tolist() == ["https://x.example/1"]
    assert corpus["title_name"].tolist() == ["A"] and corpus["title_url"].tolist() == ["u"]


def test_rename_naming_a_missing_source_column_is_an_error(tmp_path):
    path = write(tmp_path / "a.csv", "title,text\nA,B\n")
    with pytest.raises(
        CorpusError,
        match=r"a\.csv: the column 'headline' given in rename= for 'title' is not in the file",
    ):
        framing.read_corpus(path, rename={"title": "headline"})


def test_doc_ids_are_stable_and_repeated_ids_are_made_unique(tmp_path):
    path = write(
        tmp_path / "a.jsonl",
        "".join(json.dumps({"id": i, "text": f"Text {n}"}) + "\n" for n, i in enumerate("abab")),
    )
    corpus = framing.read_corpus(path)
    assert corpus["doc_id"].tolist() == ["a", "b", "a#2", "b#2"]
    assert corpus["source_id"].tolist() == ["a", "b", "a", "b"]
    again = framing.read_corpus(path)
    assert again["doc_id"].tolist() == corpus["doc_id"].tolist()
    hashed = framing.read_corpus(write(tmp_path / "b.csv", "title,url\nA,https://x.org/1\n"))
    assert hashed["doc_id"].iloc[0] == framing.read_corpus(tmp_path / "b.csv")["doc_id"].iloc[0]
    assert len(hashed["doc_id"].iloc[0]) == 16


def test_json_lines_lists_stay_lists_and_url_dates_fill_gaps(tmp_path):
    records = [
        {"title": "A", "url": "https://sputnikglobe.com/20221127/a-1.html", "topics": ["x", "y"]},
        {"title": "B", "url": "https://kyivindependent.com/b/", "topics": []},
    ]
    path = write(tmp_path / "a.jsonl", "\n".join(json.dumps(r) for r in records) + "\n")
    corpus = framing.read_corpus(path)
    assert corpus["published"].iloc[0] == pd.Timestamp("2022-11-27", tz="UTC")
    assert corpus["date_source"].tolist() == ["url", pd.NA]
    assert corpus["topics"].tolist() == [["x", "y"], []]
    assert corpus["outlet"].tolist() == ["Sputnik International", "The Kyiv Independent"]
    report = framing.load_report(corpus)
    assert report.summary[["dates_missing", "dates_from_url"]].iloc[0].tolist() == [1, 1]


def test_json_array_and_tsv_and_text_folder(tmp_path):
    array = write(tmp_path / "a.json", json.dumps([{"headline": "H", "content": "C"}]))
    assert framing.read_corpus(array)["title"].tolist() == ["H"]
    tsv = write(tmp_path / "b.tsv", "title\ttext\nT\tBody\n")
    assert framing.read_corpus(tsv)["text"].tolist() == ["Body"]
    folder = tmp_path / "texts"
    folder.mkdir()
    write(folder / "one.txt", "First title\n\nFirst body.\n")
    write(folder / "two.txt", "Second title\nSecond body.\n")
    write(folder / "notes.md", "not a corpus file")
    corpus = framing.read_corpus(folder, outlet="Blog")
    assert corpus["title"].tolist() == ["First title", "Second title"]
    assert corpus["text"].tolist() == ["First body.", "Second body."]
    assert framing.load_report(corpus).ignored_files == [str(folder / "notes.md")]


def test_a_folder_read_leaves_out_its_readme_licence_source_and_manifest(tmp_path):
    folder = tmp_path / "dataset"
    folder.mkdir()
    write(folder / "articles.csv", "title,text\nA,Body\n")
    for name in ("README.txt", "LICENSE", "SOURCE.txt", "MANIFEST.json", "license.md"):
        write(folder / name, '[{"title": "not an article"}]' if name.endswith("json") else "x\n")
    corpus = framing.read_corpus(folder, outlet="X")
    assert corpus["title"].tolist() == ["A"]
    report = framing.load_report(corpus)
    names = ("LICENSE", "MANIFEST.json", "README.txt", "SOURCE.txt", "license.md")
    assert sorted(report.ignored_files) == sorted(str(folder / name) for name in names)
    assert "MANIFEST): 5\n  " + str(folder) in str(report)
    assert "<code>" + str(folder / "LICENSE") + "</code>" in report._repr_html_()
    # named on its own, such a file is read like any other
    assert framing.read_corpus(folder / "README.txt", outlet="X")["title"].tolist() == ["x"]


def test_documents_without_an_outlet_are_counted_and_the_report_says_how_to_give_one(tmp_path):
    folder = tmp_path / "letters"
    folder.mkdir()
    write(folder / "one.txt", "A title\n\nA body.\n")
    write(folder / "two.csv", "title,url\nB,https://www.rt.com/news/1/\nC,\n")
    corpus = framing.read_corpus(folder)
    assert corpus["outlet"].tolist() == [pd.NA, "RT", pd.NA]
    report = framing.load_report(corpus)
    assert report.summary["outlets_missing"].tolist() == [1, 1]
    assert "2 without an outlet (no metadata or URL gave one: read those files with outlet=)" in (
        str(report)
    )
    assert "2 without an outlet" in report._repr_html_()
    given = framing.load_report(framing.read_corpus(folder, outlet="Letters"))
    assert given.summary["outlets_missing"].tolist() == [0, 0]
    assert "without an outlet" not in str(given)


def test_a_glob_and_a_list_read_several_files_in_order(tmp_path):
    write(tmp_path / "a.csv", "title,text\nA,x\n")
    write(tmp_path / "b.csv", "title,text\nB,y\n")
    assert framing.read_corpus(str(tmp_path / "*.csv"))["title"].tolist() == ["A", "B"]
    both = framing.read_corpus([tmp_path / "b.csv", tmp_path / "a.csv"])
    assert both["title"].tolist() == ["B", "A"]
    assert framing.load_report(both).summary["source"].tolist() == [
        str(tmp_path / "b.csv"),
        str(tmp_path / "a.csv"),
    ]


def test_excel_reads_the_first_sheet_and_never_evaluates_formulas(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["title_name", "title_url", None])
    sheet.append(["A story", "https://sputnikglobe.com/20230105/a-1.html", None])
    sheet.append([None, None, None])  # a blank separator row
    sheet.append(
        ["=1+1", "https://kyivindependent.com/b/", pd.Timestamp("2023-01-06").to_pydatetime()]
    )
    book.save(tmp_path / "a.xlsx")
    corpus = framing.read_corpus(
        tmp_path / "a.xlsx", rename={"title": "title_name", "url": "title_url"}
    )
    # a formula is never run: only a value Excel cached is read, and this one has none
    assert corpus["title"].iloc[0] == "A story" and corpus["title"].iloc[1] is pd.NA
    assert corpus["published"].iloc[0] == pd.Timestamp("2023-01-05", tz="UTC")
    assert corpus["source"].iloc[1].endswith("a.xlsx, row 4")
    assert framing.load_report(corpus).summary["blank_rows"].tolist() == [1]


HTML = """<!doctype html><html lang="en-GB"><head>
<title>Fallback title | Site</title>
<meta property="og:title" content="Harbour crane &amp; quay open">
<meta property="og:site_name" content="Example Herald">
<meta property="og:url" content="https://example-herald.org/2022/05/01/crane">
<meta property="article:published_time" content="2022-05-01T08:00:00+02:00">
<meta property="article:section" content="Business">
<meta property="article:tag" content="harbour">
<script type="application/ld+json">{"@type": "NewsArticle", "author": {"name": "Ann Example"},
 "keywords": "cranes, ports"}</script>
</head><body><nav>Home | About</nav><article><h1>Harbour crane &amp; quay open</h1>
<p>The new crane at the harbour lifted its first container on Sunday morning, the port
authority said in a statement published on its website.</p>
<p>It can lift sixty tonnes and will serve the container quay that opened last spring,
the authority added, calling it the largest investment in a decade.</p></article>
<footer>Copyright</footer></body></html>"""


def test_saved_html_page_gives_meta_tags_json_ld_and_body(tmp_path):
    corpus = framing.read_corpus(write(tmp_path / "page.html", HTML))
    row = corpus.iloc[0]
    assert row["title"] == "Harbour crane & quay open"
    assert row["outlet"] == "Example Herald"
    assert row["published"] == pd.Timestamp("2022-05-01 06:00", tz="UTC")
    assert row["author"] == "Ann Example" and row["section"] == "Business"
    assert row["language"] == "en"
    assert row["tags"] == ["harbour", "cranes", "ports"]
    assert "lifted its first container" in row["text"]
    assert "Home | About" not in row["text"]


# -- errors: each names the file and the record ------------------------------------------------
def test_malformed_csv_row_names_file_and_line(tmp_path):
    path = write(tmp_path / "bad.csv", "title,text\nA,x\nB,y,extra\nC,z\n")
    with pytest.raises(
        CorpusError, match=r"bad\.csv, line 3: expected 2 fields as in the header, found 3"
    ):
        framing.read_corpus(path)
    corpus = framing.read_corpus(path, errors="report")
    assert corpus["title"].tolist() == ["A", "C"]
    skipped = framing.load_report(corpus).skipped
    assert skipped[["record", "reason"]].values.tolist() == [
        ["line 3", "expected 2 fields as in the header, found 3"]
    ]


def test_a_record_with_line_breaks_is_named_by_the_line_it_starts_on(tmp_path):
    path = write(
        tmp_path / "a.csv",
        'title,text,date\nA,"one\n\ntwo",2022-01-01\nB,"three\nfour",bad date\n',
    )
    with pytest.raises(CorpusError, match=r"a\.csv, line 5: the date 'bad date'"):
        framing.read_corpus(path)
    corpus = framing.read_corpus(path, errors="report")
    assert corpus["source"].str.rsplit(", ", n=1).str[1].tolist() == ["line 2", "line 5"]


def test_an_unclosed_quote_names_the_line_it_opens_on(tmp_path):
    path = write(tmp_path / "a.csv", 'title,text,date\nA,"body,2022-01-01\nB,text,2022-01-02\n')
    with pytest.raises(
        CorpusError,
        match=r"a\.csv, line 2: a quotation mark opened in this record is never closed",
    ):
        framing.read_corpus(path)
    # reported on its line; the row after it is read on its own
    corpus = framing.read_corpus(path, errors="report")
    assert corpus["title"].tolist() == ["B"]


def test_a_quote_closed_too_late_names_the_lines_it_ran_over(tmp_path):
    path = write(
        tmp_path / "a.csv", 'title,text,date\nA,"body,2022-01-01\nB,"text",2022-01-02\nC,x,y\n'
    )
    with pytest.raises(
        CorpusError,
        match=r"a\.csv, line 2: malformed CSV .*; the record runs from line 2 to line 3: a "
        "quotation mark opened in it may never be closed",
    ):
        framing.read_corpus(path)


def test_unreadable_date_names_file_and_line(tmp_path):
    path = write(tmp_path / "dates.csv", "title,text,date\nA,x,2022-03-02\nB,y,31/12/2022\n")
    with pytest.raises(
        CorpusError,
        match=r"dates\.csv, line 3: the date '31/12/2022' is not in a form the kit reads",
    ):
        framing.read_corpus(path)
    corpus = framing.read_corpus(path, errors="report")
    assert len(corpus) == 2 and corpus["published"].isna().tolist() == [False, True]
    report = framing.load_report(corpus)
    assert report.summary[["dates_missing", "dates_unreadable"]].iloc[0].tolist() == [1, 1]
    assert report.unreadable_dates["value"].tolist() == ["31/12/2022"]


def test_empty_file_is_an_error_naming_the_file(tmp_path):
    path = write(tmp_path / "empty.csv", "")
    with pytest.raises(
        CorpusError, match=r"Could not read .*empty\.csv: the file is empty \(expected a header row"
    ):
        framing.read_corpus(path)


def test_binary_file_is_an_error_naming_the_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(CorpusError, match=r"image\.txt: the file is binary"):
        framing.read_corpus(path)
    corpus = framing.read_corpus(path, errors="report")
    assert framing.load_report(corpus).skipped["record"].tolist() == ["whole file"]


def test_missing_text_and_title_columns_is_an_error_naming_the_file(tmp_path):
    path = write(tmp_path / "cols.csv", "when,where\n2022-03-02,Kyiv\n")
    with pytest.raises(
        CorpusError,
        match=r"cols\.csv: found no text or title column .* its columns are \['when', 'where'\]",
    ):
        framing.read_corpus(path)


def test_record_without_title_text_description_or_url_names_the_line(tmp_path):
    path = write(tmp_path / "a.jsonl", '{"title": "A"}\n{"title": ""}\n')
    with pytest.raises(
        CorpusError, match=r"a\.jsonl, line 2: the record has no title, text, description or URL"
    ):
        framing.read_corpus(path)


def test_bad_json_line_names_the_line(tmp_path):
    path = write(tmp_path / "a.jsonl", '{"title": "A"}\n{"title": \n')
    with pytest.raises(CorpusError, match=r"a\.jsonl, line 2: expected a JSON object"):
        framing.read_corpus(path)


def test_bad_parameters_say_what_was_expected(tmp_path):
    path = write(tmp_path / "a.csv", "title\nA\n")
    with pytest.raises(
        ValueError,
        match=re.escape(
            "The 'errors' parameter of read_corpus must be 'raise' or 'report'. "
            "Got 'ignore' instead."
        ),
    ):
        framing.read_corpus(path, errors="ignore")
    with pytest.raises(ValueError, match="The 'format' parameter of read_corpus"):
        framing.read_corpus(path, format="docx")
    with pytest.raises(ValueError, match="unknown corpus column"):
        framing.read_corpus(path, rename={"headline": "title"})
    with pytest.raises(CorpusError, match="no such file or folder"):
        framing.read_corpus(tmp_path / "missing.csv")


# -- Parquet round trip and streaming -------------------------------------------------------------
def test_write_corpus_and_read_corpus_round_trip_dtypes_values_and_attrs(tmp_path, fixtures):
    corpus = framing.read_corpus(
        [fixtures / "corpus" / "example_news_two_documents.txt", write(tmp_path / "a.csv", CSV)]
    )
    path = framing.write_corpus(corpus, tmp_path / "corpus.parquet")
    back = framing.read_corpus(path)
    pd.testing.assert_frame_equal(back, corpus)
    assert back.attrs == corpus.attrs
    assert back["tags"].tolist() == corpus["tags"].tolist()
    import pyarrow.parquet as pq

    assert str(pq.read_schema(path).field("tags").type) == "list<element: string>"


def test_iter_corpus_streams_chunks_that_add_up_to_read_corpus(tmp_path):
    rows = "".join(f"Title {i},Text {i}.,2022-03-{i % 28 + 1:02d}\n" for i in range(25))
    path = write(tmp_path / "a.csv", "title,text,date\n" + rows)
    chunks = list(framing.iter_corpus(path, chunksize=10))
    assert [len(chunk) for chunk in chunks] == [10, 10, 5]
    whole = framing.read_corpus(path)
    joined = pd.concat(chunks, ignore_index=True)
    pd.testing.assert_frame_equal(joined, whole, check_like=False)
    assert framing.load_report(chunks[-1]).summary["read"].tolist() == [25]


def test_iter_corpus_memory_stays_bounded_by_the_chunk_not_the_file(tmp_path):
    import tracemalloc

    body = "Shelling resumed near the river crossing and officials counted the damage. " * 3
    rows = "".join(f"Title {n},{body},2022-03-{n % 28 + 1:02d}\n" for n in range(4000))
    path = write(tmp_path / "big.csv", "title,text,date\n" + rows)
    tracemalloc.start()
    try:
        total = 0
        for chunk in framing.iter_corpus(path, chunksize=200, outlet="X"):
            total += len(chunk)
            del chunk
        streamed = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        whole = framing.read_corpus(path, outlet="X")
        read_whole = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert total == len(whole) == 4000
    assert streamed < read_whole / 3  # measured: about a sixth


def test_iter_corpus_streams_parquet_row_groups(tmp_path):
    rows = "".join(f"T{i},x\n" for i in range(7))
    corpus = framing.read_corpus(write(tmp_path / "a.csv", "title,text\n" + rows))
    path = framing.write_corpus(corpus, tmp_path / "c.parquet")
    chunks = list(framing.iter_corpus(path, chunksize=3))
    assert [len(chunk) for chunk in chunks] == [3, 3, 1]
    pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True), corpus)


def test_load_report_shows_as_text_and_html(tmp_path):
    path = write(tmp_path / "bad.csv", "title,text\nA,x\nB\n")
    report = framing.load_report(framing.read_corpus(path, errors="report"))
    assert "1 of 2 documents kept" in str(report)
    assert "bad.csv, line 3: expected 2 fields" in repr(report)
    assert "<table" in report._repr_html_()
    with pytest.raises(CorpusError, match="no load report"):
        framing.load_report(pd.DataFrame())


def test_attrs_survive_copy(tmp_path):
    corpus = framing.read_corpus(write(tmp_path / "a.csv", "title\nA\n"))
    assert framing.load_report(corpus.copy()).summary["kept"].tolist() == [1]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A title", "", "B, with comma", 'Quote "x"']),
            st.sampled_from(["Body.", "", "2 lines\nhere"]),
            st.sampled_from(["2022-03-02", "", "03/02/2022", "not a date", "2022/13/01"]),
            st.booleans(),
        ),
        max_size=12,
    )
)
def test_every_row_read_is_in_the_corpus_or_the_report(tmp_path_factory, rows):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["title", "text", "date"])
    expected_rows = 0
    for title, text, date, malformed in rows:
        writer.writerow([title, text, date, "extra"] if malformed else [title, text, date])
        expected_rows += 1  # a row of empty cells is counted in blank_rows
    path = tmp_path_factory.mktemp("csv") / "a.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    corpus = framing.read_corpus(path, errors="report")
    report = framing.load_report(corpus)
    summary = report.summary.iloc[0]
    assert (
        summary["read"] == summary["kept"] + summary["skipped"] == len(corpus) + len(report.skipped)
    )
    assert summary["read"] + summary["blank_rows"] == expected_rows
