"""The real export samples in ../shared/data/exports read with defaults, with the right figures.

Each figure is checked against what the file says of itself: "Documents (10)" on a Nexis
Uni cover page, "N of 74 DOCUMENTS" in a Nexis UK page, the article divs of a Factiva
page, the contents list of an Integrum report, the records of a web archive (see each
folder's SOURCE.txt). Marked ``realdata``: skipped with a reason where the folder is absent.
"""

from __future__ import annotations

import pandas as pd
import pytest

import framing

pytestmark = pytest.mark.realdata

# file, format, read, documents, dated, with outlet, with title, with text, report lines
# fmt: off
FIGURES = [
    # RSS 1.0 (15 <item>s; the SOURCE's "16" counts the channel's <items> list too)
    ("feeds_fastfeedparser/davidbau.xml", "feed", 15, 15, 15, 15, 15, 15, 0),
    ("feeds_fastfeedparser/malformed_rss_namespaced.xml", "feed", 2, 2, 2, 2, 2, 2, 0),
    ("feeds_fastfeedparser/osm.xml", "feed", 20, 20, 20, 20, 20, 20, 0),
    ("feeds_fastfeedparser/postgis.xml", "feed", 10, 10, 10, 10, 10, 10, 0),
    ("feeds_fastfeedparser/stackoverflow.xml", "feed", 2, 2, 2, 2, 2, 2, 0),
    ("feeds_fastfeedparser/utf16_encoded.xml", "feed", 1, 1, 1, 1, 1, 1, 0),
    # "Documents (10)"; "N of 10 DOCUMENTS" (one mock separator says "8 of 383")
    ("lexisnexistools_samples/sample.DOCX", "nexis", 10, 10, 10, 10, 10, 10, 0),
    ("lexisnexistools_samples/sample.TXT", "nexis", 10, 10, 10, 10, 10, 10, 0),
    # a one-line Word file, no export: one untitled-text document (LexisNexisTools: none)
    ("lexisnexistools_samples/test.DOCX", "word", 1, 1, 0, 0, 1, 0, 0),
    ("newspapers_db_exports/factiva/german-ui.html", "factiva", 100, 100, 100, 100, 100, 100, 0),
    (
        "newspapers_db_exports/factiva/irish-independence_1_2017-11-14.html",
        "factiva",
        44,
        44,
        44,
        44,
        44,
        44,
        0,
    ),
    ("newspapers_db_exports/factiva/nyt_1_1993-01-03.html", "factiva", 27, 27, 27, 27, 27, 27, 0),
    (
        "newspapers_db_exports/integrum/channel1_20050201-20050228_0001-0059_0059.xlsx",
        "integrum",
        59,
        59,
        59,
        59,
        59,
        59,
        0,
    ),
    # 27 records, 9 distinct articles: 18 repeats reported as duplicates
    (
        "newspapers_db_exports/integrum/moscow_1993-06-06_1994-09-02.html",
        "integrum",
        27,
        9,
        9,
        9,
        9,
        9,
        18,
    ),
    (
        "newspapers_db_exports/integrum/ntv_20121201-20121231_0001-0100_0190.xlsx",
        "integrum",
        100,
        100,
        100,
        100,
        100,
        100,
        0,
    ),
    ("newspapers_db_exports/lexis/guardian1.docx", "nexis", 2, 2, 2, 2, 2, 2, 0),
    ("newspapers_db_exports/lexis/guardian2.docx", "nexis", 1, 1, 1, 1, 1, 1, 0),
    ("newspapers_db_exports/lexis/usa-today.docx", "nexis", 7, 7, 7, 7, 7, 7, 0),
    ("newspapers_db_exports/nexis/afp_2013-03-12_0501.html", "nexis", 74, 74, 74, 74, 74, 74, 0),
    # web archives: HTML pages of status 200; every other record is a report line. The
    # pages carry no publication date (the capture date is none), so none is dated.
    (
        "warc_ukwa_testsuite/small-arcs-and-warcs/"
        "IAH-20080430204825-00000-blackbook-truncated.arc.gz",
        "warc",
        1,
        1,
        0,
        1,
        1,
        1,  # the page's text (its menus): read since saved pages are decoded by their charset
        8,
    ),
    (
        "warc_ukwa_testsuite/small-arcs-and-warcs/"
        "IAH-20080430204825-00000-blackbook-truncated.warc.gz",
        "warc",
        1,
        1,
        0,
        1,
        1,
        1,  # the page's text (its menus): read since saved pages are decoded by their charset
        22,
    ),
    (
        "warc_ukwa_testsuite/small-arcs-and-warcs/IAH-urls-wget.warc.gz",
        "warc",
        2,
        2,
        0,
        2,
        2,
        2,
        34,
    ),
    (
        "warc_ukwa_testsuite/wikipedia-sopa-blackout-2012/wikipedia-post-blackout/"
        "post-blackout.warc.gz",
        "warc",
        1,
        1,
        0,
        1,
        1,
        1,
        116,
    ),
    ("warc_warcio_testdata/example-iana.org-chunked.warc", "warc", 1, 1, 0, 1, 1, 1, 2),
    ("warc_warcio_testdata/example-wget-bad-target-uri.warc.gz", "warc", 1, 1, 0, 1, 1, 1, 5),
    ("warc_warcio_testdata/example.arc.gz", "warc", 1, 1, 0, 1, 1, 1, 1),
    ("warc_warcio_testdata/example.warc.gz", "warc", 1, 1, 0, 1, 1, 1, 5),
]
# fmt: on


@pytest.mark.parametrize(
    ("name", "fmt", "read", "documents", "dated", "outlets", "titles", "texts", "lines"),
    FIGURES,
    ids=[row[0].rsplit("/", 1)[-1] for row in FIGURES],
)
def test_every_export_sample_reads_with_defaults_into_the_right_documents(
    shared_data, name, fmt, read, documents, dated, outlets, titles, texts, lines
):
    path = shared_data / "exports" / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    corpus = framing.read_corpus(path)  # defaults: errors="raise"
    report = framing.load_report(corpus)
    summary = report.summary.iloc[0]
    assert summary["format"] == fmt
    assert (summary["read"], summary["kept"], len(corpus)) == (read, documents, documents)
    assert summary["read"] == summary["kept"] + summary["skipped"]
    assert corpus["published"].notna().sum() == dated
    assert corpus["outlet"].notna().sum() == outlets
    assert corpus["title"].notna().sum() == titles
    assert corpus["text"].notna().sum() == texts
    assert len(report.skipped) == lines
    assert corpus["source"].is_unique


def count_records(path):
    """The records of an export file counted without the kit, by their delimiters: feed
    items, "N of M DOCUMENTS" lines, "End of Document" paragraphs, Factiva accession
    lines, Integrum ^ЗГ: headlines, sheet rows, web-archive HTML pages of status 200 that
    are not a meta-refresh redirect."""
    import re
    import zipfile

    data = path.read_bytes()
    name = path.name.lower()
    if name.endswith(".xml"):
        return len(re.findall(rb"<(?:\w+:)?(?:item|entry)[\s>]", data))
    if name.endswith(".docx"):
        body = re.sub(rb"<[^>]+>", b" ", zipfile.ZipFile(path).read("word/document.xml"))
        return len(re.findall(rb"End of Document", body))
    if name.endswith(".txt") or path.parent.name == "nexis":
        return len(re.findall(rb"\d+ of \d+ DOCUMENTS", data))
    if path.parent.name == "factiva":
        return len(set(re.findall(rb"(?:Document|Dokument) ([A-Za-z0-9]{20,})", data)))
    if name.endswith(".html"):  # Integrum, windows-1251
        return len(re.findall(r"\^ЗГ:", data.decode("cp1251")))
    if name.endswith(".xlsx"):
        import openpyxl

        sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))[1:]
        return sum(any(v not in (None, "") for v in row) for row in rows)
    from warcio.archiveiterator import ArchiveIterator

    pages = 0
    with path.open("rb") as handle:
        for record in ArchiveIterator(handle, arc2warc=True):
            headers = record.http_headers
            if record.rec_type != "response" or headers is None:
                continue
            kind = headers.get_header("Content-Type") or ""
            body = record.content_stream().read()
            refresh = re.search(rb"http-equiv=[\"']?refresh", body, re.IGNORECASE)
            if headers.get_statuscode() == "200" and "html" in kind and not refresh:
                pages += 1
    return pages


@pytest.mark.parametrize(
    ("name", "read", "documents"),
    [(row[0], row[2], row[3]) for row in FIGURES],
    ids=[row[0].rsplit("/", 1)[-1] for row in FIGURES],
)
def test_the_figures_match_a_count_made_without_the_kit(shared_data, name, read, documents):
    """The records read (for web archives: the pages kept) are the records the file
    holds, counted by their delimiters, so the figures above are not the kit's word."""
    path = shared_data / "exports" / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    counted = count_records(path)
    if name.endswith("test.DOCX"):
        assert counted == 0 and read == 1  # no export: one Word document
    elif ".warc" in name or ".arc" in name:
        assert counted == documents
    else:
        assert counted == read


def test_the_whole_exports_folder_reads_in_one_call(shared_data):
    folder = shared_data / "exports"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    corpus = framing.read_corpus(folder)
    report = framing.load_report(corpus)
    assert len(corpus) == sum(row[3] for row in FIGURES)
    assert set(report.summary["format"]) == {"feed", "nexis", "word", "factiva", "integrum", "warc"}
    assert not any(name.endswith((".xml", ".gz", ".warc")) for name in report.ignored_files)


def _read(shared_data, name):
    path = shared_data / "exports" / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return framing.read_corpus(path)


def test_nexis_uni_docx_fields(shared_data):
    corpus = _read(shared_data, "newspapers_db_exports/lexis/usa-today.docx")
    first = corpus.iloc[0]
    assert first["title"] == "Bush plays free-trade game"
    assert first["outlet"] == "USA TODAY"
    assert first["published"] == pd.Timestamp("2002-05-02", tz="UTC")
    assert first["edition"] == "FINAL EDITION"
    assert first["author"] == "George Hager"
    assert first["text"].startswith("WASHINGTON -- When is a catfish not a catfish?")
    assert "End of Document" not in " ".join(corpus["text"])
    assert not corpus["title"].str.match(r"^\d+\. ").any()  # the cover list is no title
    guardian = _read(shared_data, "newspapers_db_exports/lexis/guardian2.docx").iloc[0]
    assert guardian["published"] == pd.Timestamp("2015-09-30 09:03", tz="UTC")  # "9:03 AM GMT"
    assert guardian["language"] == "en"


def test_nexis_uk_html_and_academic_txt_fields(shared_data):
    afp = _read(shared_data, "newspapers_db_exports/nexis/afp_2013-03-12_0501.html")
    assert afp["outlet"].unique().tolist() == ["Agence France Presse -- English"]
    assert afp["published"].iloc[0] == pd.Timestamp("2013-03-14 11:21", tz="UTC")
    assert afp["title"].iloc[0] == "Syria opposition hails French, UK move to arm rebels"
    assert not afp["title"].str.contains("Â").any()  # UTF-8 no-break spaces read as Latin-1
    assert not afp["text"].str.contains("LOAD-DATE|LENGTH:|Copyright").any()
    academic = _read(shared_data, "lexisnexistools_samples/sample.TXT")
    assert academic["published"].iloc[0] == pd.Timestamp("2010-01-11", tz="UTC")
    assert academic["author"].iloc[0] == "Andrew Sparrow"
    assert "\n" not in academic["title"].iloc[4]  # a headline wrapped over three lines
    assert not academic["text"].str.contains("BYLINE:|LOAD-DATE:").any()


def test_factiva_html_fields_in_two_interface_languages(shared_data):
    german = _read(shared_data, "newspapers_db_exports/factiva/german-ui.html")
    assert not german["title"].str.match(r"^\d+\) ").any()  # the UI's numbering is dropped
    assert german["title"].iloc[0] == "Zu Fuß von Kreuzberg nach Kopenhagen"
    assert german["published"].iloc[0] == pd.Timestamp("2017-04-01", tz="UTC")
    assert german["outlet"].iloc[0] == "Der Tagesspiegel Online"
    assert german["source_id"].iloc[0] == "TAGON00020170401ed4100001"
    assert german["source_id"].is_unique
    nyt = _read(shared_data, "newspapers_db_exports/factiva/nyt_1_1993-01-03.html")
    assert nyt["published"].iloc[0] == pd.Timestamp("1993-01-09", tz="UTC")  # "9 Januar 1993"
    assert not nyt["text"].str.contains("\ufffd").any()  # declared UTF-8, written in Latin-1
    assert nyt["language"].unique().tolist() == ["en"]  # "Englisch"
    irish = _read(shared_data, "newspapers_db_exports/factiva/irish-independence_1_2017-11-14.html")
    assert irish["text"].str.contains("debate").any()  # search highlights (<b>) kept as text


def test_integrum_fields(shared_data):
    moscow = _read(shared_data, "newspapers_db_exports/integrum/moscow_1993-06-06_1994-09-02.html")
    assert moscow["outlet"].unique().tolist() == ["Московские новости"]
    assert moscow["title"].iloc[0] == "КОРИЧНЕВАЯ ВОЛНА ИЗ КРАСНОЙ СТРАНЫ"
    assert moscow["published"].iloc[0] == pd.Timestamp("1994-02-09", tz="UTC")
    assert not moscow["text"].str.contains("\ufffd").any()  # windows-1251 read right
    skipped = framing.load_report(moscow).skipped
    assert skipped["reason"].str.startswith("a duplicate of article").all()
    ntv = _read(
        shared_data, "newspapers_db_exports/integrum/ntv_20121201-20121231_0001-0100_0190.xlsx"
    )
    assert ntv["published"].iloc[0] == pd.Timestamp("2012-12-31", tz="UTC")  # "31.12.12"
    assert ntv["time"].iloc[0] == "12:59"
    assert not (ntv["text"].str.split("\n").str[0] == ntv["title"]).any()  # headline once


def test_web_archive_documents_are_the_html_pages(shared_data):
    sopa = _read(
        shared_data,
        "warc_ukwa_testsuite/wikipedia-sopa-blackout-2012/wikipedia-post-blackout/"
        "post-blackout.warc.gz",
    )
    assert sopa["url"].tolist() == ["http://wikimediafoundation.org/wiki/SOPA/Blackoutpage"]
    wget = _read(shared_data, "warc_warcio_testdata/example-wget-bad-target-uri.warc.gz")
    assert wget["url"].tolist() == ["http://example.com/"]  # wget's <...> removed
    assert wget["published"].isna().all() and wget["captured"].notna().all()
