"""The export readers over the repo's synthetic fixtures (tests/fixtures/exports).

The fixtures are written by tests/fixtures/exports/make_exports.py with invented text, in
the layouts of Nexis Uni, LexisNexis Academic, Nexis UK, Factiva, Integrum, Media Cloud,
Telegram Desktop, WARC/ARC/WET and RSS/Atom; these tests run without ../shared.
"""

from __future__ import annotations

import gzip
import shutil

import pandas as pd
import pytest

import framing
from framing.corpus.readers._export_dates import export_date, two_digit_year
from framing.corpus.readers._sources import detect_format
from framing.corpus.schema import CorpusError, validate_corpus

TITLES = ["Ferry service resumes after storm", "Council votes on new library"]
TITLES3 = [*TITLES, "Grain prices fall at market"]
OUTLETS3 = ["The Harbour Gazette", "The Harbour Gazette", "Valley Courier"]


@pytest.fixture(scope="module")
def exports(fixtures):
    return fixtures / "exports"


def read(path, **options):
    corpus = framing.read_corpus(path, **options)
    validate_corpus(corpus)
    return corpus, framing.load_report(corpus)


def utc(text):
    return pd.Timestamp(text, tz="UTC")


def values(column):
    """A column's values with None for a missing one."""
    return [None if pd.isna(v) else v for v in column.astype(object)]


def maker(fixtures):
    """The fixtures' generator module (tests/fixtures/exports/make_exports.py)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_exports", fixtures / "exports" / "make_exports.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- detection by content ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("nexis_uni.docx", "nexis"),
        ("nexis_uni_de.docx", "nexis"),
        ("nexis_uni.rtf", "nexis"),
        ("lexis_academic.TXT", "nexis"),
        ("nexis_uk.html", "nexis"),
        ("plain_article.docx", "word"),
        ("factiva.html", "factiva"),
        ("factiva_de_latin1.html", "factiva"),
        ("factiva_article.rtf", "factiva"),
        ("factiva_coded.rtf", "factiva"),
        ("integrum.html", "integrum"),
        ("integrum.xlsx", "integrum"),
        ("mediacloud_legacy.csv", "mediacloud"),
        ("mediacloud_search.csv", "mediacloud"),
        ("telegram/result.json", "telegram"),
        ("telegram_account/result.json", "telegram"),
        ("site.warc.gz", "warc"),
        ("site.warc", "warc"),
        ("site.arc", "warc"),
        ("site.wet.gz", "warc"),
        ("feed_rss2.xml", "feed"),
        ("feed_atom.xml", "feed"),
        ("feed_rss1.rdf", "feed"),
        ("feed_bogus_utf16.xml", "feed"),
        ("feed_doubled_declaration.xml", "feed"),
    ],
)
def test_exports_are_told_apart_by_content(exports, name, expected):
    assert detect_format(exports / name, None) == expected


def test_content_wins_over_a_misleading_name_and_format_names_a_reader(exports, tmp_path):
    renamed = tmp_path / "download.html"
    shutil.copy(exports / "factiva.html", renamed)
    assert detect_format(renamed, None) == "factiva"
    assert detect_format(renamed, "html") == "html"  # format= always wins
    archive = tmp_path / "crawl.bin.gz"
    shutil.copy(exports / "site.warc.gz", archive)
    assert detect_format(archive, None) == "warc"


def test_plain_files_keep_their_formats(tmp_path):
    csv = tmp_path / "a.csv"
    csv.write_text("title,text,url\nA,B,https://x.example/\n")
    json = tmp_path / "a.json"
    json.write_text('[{"title": "A", "messages": 1}]')
    page = tmp_path / "a.html"
    page.write_text("<html><head><title>A</title></head><body><p>B</p></body></html>")
    text = tmp_path / "a.txt"
    text.write_text("A title\nThe text, 1 of 2 documents here.\n")
    assert [detect_format(p, None) for p in (csv, json, page, text)] == [
        "csv",
        "json",
        "html",
        "text",
    ]


def test_a_folder_read_takes_exports_of_any_extension_and_reads_every_one(exports):
    corpus, report = read(exports, errors="report")
    formats = set(report.summary["format"])
    assert formats == {
        "nexis",
        "word",
        "factiva",
        "integrum",
        "mediacloud",
        "telegram",
        "warc",
        "feed",
    }
    assert not [p for p in report.ignored_files if not p.endswith(".py")]
    assert (report.summary["read"] == report.summary["kept"] + report.summary["skipped"]).all()
    assert corpus["doc_id"].is_unique


# -- LexisNexis ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["nexis_uni.docx", "nexis_uni_de.docx", "nexis_uni.rtf"])
def test_nexis_uni_documents_and_their_fields(exports, name):
    corpus, report = read(exports / name)
    assert report.summary.iloc[0][["read", "kept", "skipped"]].tolist() == [3, 3, 0]
    assert corpus["title"].tolist() == TITLES3  # not the cover page's "1. ..." list
    assert corpus["outlet"].tolist() == OUTLETS3
    assert corpus["published"].tolist() == [
        utc("2022-03-01 09:20"),  # "9:20 AM GMT"
        utc("2022-03-02"),
        utc("2022-03-03"),
    ]
    assert corpus["edition"].tolist()[1] == "FINAL EDITION"
    assert corpus["author"].tolist() == ["Ann Writer"] * 3
    assert corpus["section"].tolist() == ["NEWS; Pg. 4"] * 3
    assert corpus["language"].tolist() == ["en"] * 3
    assert corpus["text"].iloc[0] == (
        "The ferry between the two islands ran again on Tuesday after a week of gales.\n\n"
        'Officials said the pier was "safe for now" and repairs would go on at night.'
    )
    assert not corpus["text"].str.contains("Classification|Load-Date|End of|Copyright").any()
    assert corpus["load_date"].tolist() == ["March 5, 2022"] * 3


def test_a_nexis_uni_cover_that_announces_more_documents_is_said(fixtures, tmp_path):
    make = maker(fixtures)
    paragraphs = make.nexis_uni_paragraphs()
    paragraphs[paragraphs.index("Documents (3)")] = "Documents (4)"
    path = tmp_path / "cut.docx"
    path.write_bytes(make.docx(paragraphs))
    corpus, report = read(path)
    assert len(corpus) == 3
    assert report.skipped["reason"].tolist() == [
        "the cover page lists 4 documents; the file holds 3"
    ]


@pytest.mark.parametrize("name", ["lexis_academic.TXT", "nexis_uk.html"])
def test_lexisnexis_academic_and_nexis_uk_documents(exports, name):
    corpus, report = read(exports / name)
    assert report.summary.iloc[0]["kept"] == 3
    assert corpus["title"].tolist() == TITLES3  # a trailing "Â&nbsp;" in the HTML is gone
    assert corpus["outlet"].tolist() == OUTLETS3
    assert corpus["text"].iloc[1] == (
        "The town council approved the plan for a library by seven votes to two.\n\n"
        "Building work is due to start in the spring."
    )  # hard-wrapped lines of the .TXT joined into paragraphs
    assert not corpus["text"].str.contains("LENGTH:|LOAD-DATE:|Copyright|DOCUMENTS").any()
    assert corpus["copyright"].str.startswith("Copyright 2022").all()
    if name.endswith(".html"):
        # "11:21 AM GMT" and "10:35 AM EST" (UTC-5)
        assert corpus["published"].tolist()[:2] == [
            utc("2022-03-01 11:21"),
            utc("2022-03-02 15:35"),
        ]
    else:
        assert corpus["edition"].iloc[1] == "Final Edition"
        assert corpus["author"].tolist() == ["Ann Writer"] * 3


def test_a_file_with_no_lexis_documents_is_an_error_naming_what_was_expected(tmp_path):
    path = tmp_path / "empty.TXT"
    path.write_text("1 of 1 DOCUMENTS\n\nnothing follows\n")
    with pytest.raises(CorpusError, match="no outlet and date lines"):
        framing.read_corpus(path)
    corpus, report = read(path, errors="report")
    assert len(corpus) == 0 and report.summary.iloc[0]["skipped"] == 1


def test_a_word_or_rtf_file_that_is_no_export_is_one_document(fixtures, exports, tmp_path):
    corpus, _ = read(exports / "plain_article.docx")
    assert corpus["title"].tolist() == ["A plain Word article"]
    assert corpus["text"].tolist() == ["Its first paragraph.\n\nIts second paragraph."]
    path = tmp_path / "note.rtf"
    path.write_text(
        maker(fixtures).rtf(["Kyiv talks", "First line of the note.", "Second, caf\u00e9."])
    )
    corpus, _ = read(path)
    assert corpus["title"].tolist() == ["Kyiv talks"]
    assert corpus["text"].tolist() == ["First line of the note.\n\nSecond, caf\u00e9."]


# -- Factiva ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name", ["factiva.html", "factiva_de_latin1.html", "factiva_article.rtf", "factiva_coded.rtf"]
)
def test_factiva_articles_and_their_fields(exports, name):
    corpus, report = read(exports / name)
    assert report.summary.iloc[0][["read", "kept"]].tolist() == [3, 3]
    assert corpus["title"].tolist() == TITLES3  # the German UI's "1) " numbering dropped
    assert corpus["outlet"].tolist() == OUTLETS3
    assert corpus["source_id"].tolist() == [
        "HARBGZ0020220301ei3100001",
        "HARBGZ0020220302ei3200002",
        "VALCOU0020220303ei3300003",
    ]
    assert corpus["published"].dt.date.tolist() == [
        pd.Timestamp(d).date() for d in ("2022-03-01", "2022-03-02", "2022-03-03")
    ]
    assert corpus["language"].tolist() == ["en"] * 3  # "English", "Englisch"
    assert corpus["text"].iloc[0].split("\n\n") == [
        "The ferry between the two islands ran again on Tuesday after a week of gales.",
        'Officials said the pier was "safe for now" and repairs would go on at night.',
    ]  # the search highlight <b>ferry</b> kept as text
    assert not corpus["text"].str.contains("Document |Dokument |\ufffd").any()
    if name == "factiva_coded.rtf":
        assert corpus["published"].iloc[0] == utc("2022-03-01 10:05")  # ET with GMT
        assert corpus["time"].iloc[1] == "10:05"  # ET without a zone: kept aside
        assert corpus["subjects"].iloc[0] == "gcat : Political/General News"
    if name.endswith(".html"):
        assert corpus["section"].tolist() == ["News"] * 3
        assert corpus["captions"].iloc[0] == "A ferry at the pier in the morning."
        assert corpus["time"].iloc[1] == "09:15"


# -- Integrum -----------------------------------------------------------------------------------
def test_integrum_html_reports_a_repeated_article_as_a_duplicate(exports):
    corpus, report = read(exports / "integrum.html")
    assert report.summary.iloc[0][["read", "kept", "skipped"]].tolist() == [3, 2, 1]
    assert report.skipped.iloc[0]["record"] == "article 3"
    assert report.skipped.iloc[0]["reason"].startswith("a duplicate of article 1")
    assert corpus["title"].tolist() == ["ПАРОМ СНОВА ХОДИТ", "СОВЕТ ОДОБРИЛ БИБЛИОТЕКУ"]
    assert corpus["outlet"].tolist() == ["Городской вестник"] * 2
    assert corpus["published"].tolist() == [utc("2022-03-01"), utc("2022-03-02")]
    assert values(corpus["author"]) == ["Иванова Анна", None]
    assert values(corpus["section"]) == ["ГОРОД", None]
    assert corpus["text"].tolist() == [
        "Паром между островами снова ходит после шторма.\n\nРемонт причала продолжится ночью.",
        "Совет одобрил план новой библиотеки.\n\nСтроительство начнётся весной.",
    ]


@pytest.mark.parametrize("encoding", ["koi8_r", "cp866", "cp1251", "utf-8"])
def test_an_integrum_report_without_a_declared_charset_is_decoded(exports, tmp_path, encoding):
    data = (exports / "integrum.html").read_bytes().decode("cp1251")
    assert "charset=windows-1251" in data
    undeclared = data.replace("; charset=windows-1251", "").encode(encoding)
    (tmp_path / "report.html").write_bytes(undeclared)
    corpus, _ = read(tmp_path / "report.html")
    assert corpus["title"].tolist() == ["ПАРОМ СНОВА ХОДИТ", "СОВЕТ ОДОБРИЛ БИБЛИОТЕКУ"]
    assert corpus["outlet"].tolist() == ["Городской вестник"] * 2
    assert corpus["language"].tolist() == ["ru", "ru"]


def test_integrum_records_with_a_repeated_number_keep_distinct_names(exports, tmp_path):
    """A damaged or spliced report whose records repeat a contents number: the later one
    is named by its place in the file, so no record is both kept and reported (found by
    the property test of damaged exports)."""
    data = (exports / "integrum.html").read_bytes()
    assert data.count(b'<a name="2">') == 1
    (tmp_path / "spliced.html").write_bytes(data.replace(b'<a name="2">', b'<a name="1">'))
    corpus, report = read(tmp_path / "spliced.html", errors="report")
    names = [source.rsplit(", ", 1)[1] for source in corpus["source"]]
    assert names == ["article 1", "record 2"]
    assert report.skipped["record"].tolist() == ["article 3"]  # the repeat of article 1
    assert report.summary.iloc[0][["read", "kept", "skipped"]].tolist() == [3, 2, 1]


def test_integrum_xlsx(exports):
    corpus, report = read(exports / "integrum.xlsx")
    assert report.summary.iloc[0][["read", "kept", "blank_rows"]].tolist() == [2, 2, 1]
    assert corpus["title"].tolist() == ["Паром снова ходит", "Совет одобрил библиотеку"]
    assert corpus["published"].tolist() == [utc("2022-03-01"), utc("2022-03-02")]  # dd.mm.yy
    assert corpus["time"].tolist() == ["12:59", "00:00"]
    assert corpus["text"].iloc[0] == "Паром между островами снова ходит.\n\nРемонт идёт ночью."
    assert values(corpus["original"]) == ["www.example.ru", None]


def test_integrum_xlsx_with_a_text_column_keeps_the_lead_as_description(tmp_path):
    sheet = pd.DataFrame(
        {
            "Источник": ["Городской вестник"],
            "Дата": ["01.03.22"],
            "Заголовок": ["Паром снова ходит"],
            "Анонс": ["Паром ходит."],
            "Текст": ["Паром между островами снова ходит.\n\nРемонт идёт ночью."],
        }
    )
    sheet.to_excel(tmp_path / "export.xlsx", index=False)
    corpus, report = read(tmp_path / "export.xlsx")
    assert report.summary.iloc[0]["format"] == "integrum"
    assert corpus["description"].tolist() == ["Паром ходит."]
    assert corpus["text"].tolist() == ["Паром между островами снова ходит.\n\nРемонт идёт ночью."]


# Tables from Russian and Ukrainian databases (Integrum, Medialogia, Public.ru, a
# researcher's own sheet) name their columns in Russian or Ukrainian, in any case.
RUSSIAN_TABLE = {
    "Заголовок": ["Паром снова ходит", "Совет одобрил библиотеку"],
    "Анонс": ["Паром ходит.", "Библиотека будет."],
    "Текст": ["Паром между островами снова ходит.", "Совет одобрил план библиотеки."],
    "Дата": ["01.03.2022", "02.03.2022 09:15"],
    "СМИ": ["Городской вестник", "Речной курьер"],
    "Ссылка": ["https://vestnik.example/1", "https://kurier.example/2"],
    "Автор": ["Иванова Анна", None],
    "Рубрика": ["Город", "Культура"],
}
UKRAINIAN_NAMES = {
    "Заголовок": "Назва",
    "Текст": "Повний текст",
    "Анонс": "Анотація",
    "Дата": "Дата публікації",
    "СМИ": "Джерело",
    "Ссылка": "Посилання",
    "Автор": "Автор",
    "Рубрика": "Розділ",
}


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "json"])
@pytest.mark.parametrize("names", ["russian", "ukrainian", "upper case"])
def test_russian_and_ukrainian_column_names_are_read_with_defaults(tmp_path, suffix, names):
    table = pd.DataFrame(RUSSIAN_TABLE)
    if names == "ukrainian":
        table = table.rename(columns=UKRAINIAN_NAMES)
    elif names == "upper case":
        table = table.rename(columns=str.upper)
    path = tmp_path / f"export.{suffix}"
    if suffix == "csv":
        table.to_csv(path, index=False)
    elif suffix == "xlsx":
        table.to_excel(path, index=False)
    else:
        table.to_json(path, orient="records", force_ascii=False)
    corpus, report = read(path)
    assert report.summary.iloc[0][["read", "kept", "skipped"]].tolist() == [2, 2, 0]
    assert corpus["title"].tolist() == RUSSIAN_TABLE["Заголовок"]
    assert corpus["text"].tolist() == RUSSIAN_TABLE["Текст"]
    assert corpus["description"].tolist() == RUSSIAN_TABLE["Анонс"]
    assert corpus["outlet"].tolist() == RUSSIAN_TABLE["СМИ"]
    assert corpus["url"].tolist() == RUSSIAN_TABLE["Ссылка"]
    assert values(corpus["author"]) == RUSSIAN_TABLE["Автор"]
    assert corpus["section"].tolist() == RUSSIAN_TABLE["Рубрика"]
    # dotted dates are day first, with or without a time
    assert corpus["published"].tolist() == [utc("2022-03-01"), utc("2022-03-02 09:15")]


def test_a_sheet_that_only_has_a_russian_lead_reads_it_as_the_description(tmp_path):
    """Анонс is a lead: with no text column a document has a title and a description."""
    table = pd.DataFrame({"Заголовок": ["Паром снова ходит"], "Анонс": ["Паром ходит."]})
    table.to_csv(tmp_path / "leads.csv", index=False)
    corpus, _ = read(tmp_path / "leads.csv")
    assert corpus[["title", "description"]].values.tolist() == [
        ["Паром снова ходит", "Паром ходит."]
    ]
    assert corpus["text"].isna().all()


# -- Media Cloud --------------------------------------------------------------------------------
def test_mediacloud_story_lists(exports):
    legacy, _ = read(exports / "mediacloud_legacy.csv")
    assert legacy["source_id"].tolist() == ["1001", "1002", "1003"]
    assert legacy["outlet"].tolist() == ["BBC", "The Harbour Gazette", "valley.example"]
    assert legacy["published"].tolist()[:2] == [
        utc("2022-03-01 09:20"),
        utc("2022-03-02 10:35:12.123456"),
    ]
    assert legacy["date_source"].tolist() == ["metadata", "metadata", "url"]
    assert legacy["text"].isna().all()
    search, _ = read(exports / "mediacloud_search.csv")
    assert search["outlet"].tolist() == ["The Guardian", "harbour.example"]
    assert search["published"].tolist() == [utc("2022-03-01"), utc("2022-03-02")]
    assert search["indexed_date"].notna().all()  # kept, never the publication date


# -- Telegram -----------------------------------------------------------------------------------
def test_telegram_channel_export(exports):
    corpus, report = read(exports / "telegram" / "result.json")
    summary = report.summary.iloc[0]
    assert summary[["read", "kept", "skipped"]].tolist() == [4, 3, 1]
    assert report.skipped[["record", "reason"]].values.tolist() == [
        ["message 1", "a service message (create_channel), not a post"],
        ["message 4", "a photo without a caption: no text to read"],
        ["message 5", "a service message (pin_message), not a post"],
    ]
    assert corpus["outlet"].tolist() == ["Harbour News"] * 3
    assert corpus["source_id"].tolist() == [f"telegram-1234567890-{i}" for i in (2, 3, 6)]
    assert corpus["text"].tolist() == [
        "The ferry runs again.\nRepairs go on at night.",
        "Council votes on the library. Read more #council",
        "Grain prices fall. https://valley.example/grain",
    ]
    assert corpus["published"].tolist() == [
        utc("2022-03-01 10:20"),  # date_unixtime, not the local "11:20"
        utc("2022-03-02 12:00"),
        utc("2022-03-03 09:00"),  # no date_unixtime: the local time, read as UTC
    ]
    assert corpus["tags"].tolist() == [[], ["council"], []]
    assert corpus["links"].tolist()[1:] == [
        ["https://harbour.example/library"],
        ["https://valley.example/grain"],
    ]
    assert corpus["forwarded_from"].tolist()[1] == "Valley Courier"
    assert corpus["modified"].iloc[1] == utc("2022-03-02 12:05")


def test_telegram_messages_with_a_repeated_id_keep_distinct_names(exports, tmp_path):
    """A damaged or merged export that repeats a message id: the later message is named
    by its place in the chat, so no record is both kept and reported, and ids stay unique
    (found by the property test of damaged exports)."""
    import json

    export = json.loads((exports / "telegram" / "result.json").read_text(encoding="utf-8"))
    export["messages"].append(dict(export["messages"][1], text="A later post, same id."))
    (tmp_path / "result.json").write_text(json.dumps(export), encoding="utf-8")
    corpus, report = read(tmp_path / "result.json")
    names = [source.rsplit(", ", 1)[1] for source in corpus["source"]]
    assert names == ["message 2", "message 3", "message 6", "item 7"]
    assert corpus["doc_id"].is_unique
    assert not set(report.skipped["record"]) & set(names)


def test_telegram_account_export_reads_every_chat(exports):
    corpus, _ = read(exports / "telegram_account" / "result.json")
    assert corpus["outlet"].tolist() == ["Harbour News"] * 3 + ["Valley Readers"]
    assert corpus["source"].str.endswith("chat 2, message 10").tolist()[-1]


# -- web archives -------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["site.warc.gz", "site.warc"])
def test_warc_pages_are_documents_and_every_other_record_a_report_line(exports, name):
    corpus, report = read(exports / name)
    assert report.summary.iloc[0][["read", "kept", "skipped"]].tolist() == [2, 2, 0]
    assert corpus["url"].tolist() == [
        "https://harbour.example/ferry",
        "https://harbour.example/library",  # wget's "<...>" removed
    ]
    first = corpus.iloc[0]
    assert first["title"] == "Ferry service resumes after storm"
    assert first["outlet"] == "The Harbour Gazette"
    assert first["published"] == utc("2022-03-01 06:20")  # the page's own date, +03:00
    assert "Паром снова ходит" in first["text"]  # windows-1251 from the HTTP header
    assert pd.isna(corpus.iloc[1]["published"])  # no page date; the capture date is none
    assert corpus["captured"].tolist() == ["2022-03-05T10:00:00Z"] * 2
    reasons = report.skipped["reason"].tolist()
    assert len(reasons) == 4
    assert reasons[0].startswith("a warcinfo record")
    assert reasons[1].startswith("a request record")
    assert reasons[2].startswith("an HTTP 302 response")
    assert reasons[3].startswith("a response of type image/png")


def test_arc_and_wet_files(exports):
    corpus, _ = read(exports / "site.arc")
    assert corpus["title"].tolist() == ["Ferry service resumes after storm"]
    wet, _ = read(exports / "site.wet.gz")
    assert wet["text"].tolist() == ["Grain prices fall at market\nWheat sold for less."]
    assert wet["url"].tolist() == ["https://valley.example/grain"]


def test_a_truncated_archive_raises_or_reports_after_the_records_before_it(exports, tmp_path):
    data = gzip.decompress((exports / "site.warc.gz").read_bytes())
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: data.index(b"library") + 200])  # inside the last record
    with pytest.raises(CorpusError, match=r"cut\.warc"):
        framing.read_corpus(cut)
    corpus, report = read(cut, errors="report")
    assert corpus["url"].tolist() == ["https://harbour.example/ferry"]
    assert "cut short" in report.skipped["reason"].iloc[-1]


def test_a_file_that_is_no_archive_is_an_error(tmp_path):
    path = tmp_path / "x.warc"
    path.write_bytes(b"not an archive at all\n")
    with pytest.raises(CorpusError, match="web archive"):
        framing.read_corpus(path)


# -- feeds --------------------------------------------------------------------------------------
def test_rss2_iso_8859_1_after_blank_lines(exports):
    corpus, report = read(exports / "feed_rss2.xml", errors="report")
    assert corpus["title"].tolist() == [*TITLES, "Undated note"]
    assert corpus["outlet"].tolist() == ["harbour.example"] * 3
    assert corpus["text"].iloc[0] == (
        "The ferry between the islands ran again, caf\u00e9s reopened.\n\nRepairs go on at night."
    )
    assert corpus["description"].iloc[0] == "The ferry runs again."
    assert corpus["text"].iloc[1] == "The council approved the plan."  # escaped markup read
    assert corpus["published"].tolist()[:2] == [utc("2022-03-01 06:20"), utc("2022-03-02 10:35")]
    assert report.unreadable_dates["value"].tolist() == ["sometime in spring"]
    assert corpus["author"].iloc[0] == "Ann Writer"
    assert corpus["tags"].iloc[0] == ["Transport"]
    with pytest.raises(CorpusError, match="sometime in spring"):
        framing.read_corpus(exports / "feed_rss2.xml")  # never guessed


def test_atom_and_rss1(exports):
    atom, _ = read(exports / "feed_atom.xml")
    assert atom["url"].tolist() == ["https://valley.example/grain", "https://valley.example/closed"]
    assert atom["text"].iloc[0] == "Wheat sold for less.\n\nTraders blamed the harvest."
    assert atom["published"].tolist() == [utc("2022-03-03 08:00"), utc("2022-03-04 08:00")]
    assert atom["author"].iloc[0] == "Bo Reporter" and atom["tags"].iloc[0] == ["Markets"]
    rdf, _ = read(exports / "feed_rss1.rdf")
    assert rdf["published"].tolist() == [utc("2022-03-01 14:20")]
    assert rdf["title"].tolist() == ["Ferry runs"]


def test_malformed_feeds_read_all_the_same(exports):
    bogus, _ = read(exports / "feed_bogus_utf16.xml")
    assert bogus["title"].tolist() == ["Caf\u00e9 reopens"]
    doubled, _ = read(exports / "feed_doubled_declaration.xml")
    assert doubled["title"].tolist() == ["Entry one"]
    assert doubled["url"].tolist() == ["https://harbour.example/one"]


def test_feeds_never_expand_entities_or_read_files(exports):
    corpus, _ = read(exports / "feed_hostile_entities.xml")
    assert "root:" not in corpus["text"].iloc[0]
    assert "aaaaaaaaaa" not in corpus["title"].iloc[0]


# -- dates, and combining sources ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "stamp", "time"),
    [
        ("July 1, 2019 Monday 9:20 AM GMT", "2019-07-01 09:20", None),
        ("May 2, 2002, Thursday,, FINAL EDITION", "2002-05-02", None),
        ("January 11, 2010 Monday", "2010-01-11", None),
        ("March 14, 2013 Thursday 11:21 PM EST", "2013-03-15 04:21", None),
        ("13 November 2017", "2017-11-13", None),
        ("9 Januar 1993", "1993-01-09", None),
        ("5. Juli 2019 Freitag", "2019-07-05", None),
        ("1 avril 2017", "2017-04-01", None),
        ("3 марта 2022 г.", "2022-03-03", None),
        ("09.02.1994", "1994-02-09", None),
        ("31.12.12 12:59", "2012-12-31", "12:59"),
        ("1 April 2017 11:01:24", "2017-04-01", "11:01:24"),
        ("2 March 2022 10:00 CST", "2022-03-02", "10:00 CST"),  # CST has several meanings
    ],
)
def test_export_dates(text, stamp, time):
    found = export_date(text)
    assert found is not None
    assert found.stamp == utc(stamp)
    assert found.time == time


def test_export_dates_that_are_none():
    assert export_date("Lorem ipsum") is None
    assert export_date("31.02.2022") is None
    assert two_digit_year(93) == 1993 and two_digit_year(12) == 2012


def test_concat_combines_sources_read_with_different_options_into_one_report(exports, tmp_path):
    site = tmp_path / "site.csv"
    site.write_text("title,text\nPort reopens,The port opened.\n")
    nexis = framing.read_corpus(exports / "nexis_uni.docx")
    scraped = framing.read_corpus(site, outlet="Harbour Radio")
    feed = framing.read_corpus(exports / "feed_rss2.xml", errors="report")
    again = framing.read_corpus(exports / "nexis_uni.docx")  # the same file twice
    corpus = framing.concat([nexis, scraped, feed, again])
    validate_corpus(corpus)
    assert len(corpus) == 3 + 1 + 3 + 3
    assert corpus["outlet"].tolist()[3] == "Harbour Radio"
    assert corpus["doc_id"].is_unique
    repeated = corpus.iloc[7:]
    assert repeated["doc_id"].str.endswith("#2").all()
    assert repeated["source_id"].tolist() == nexis["doc_id"].tolist()  # deduplicate finds them
    report = framing.load_report(corpus)
    assert report.summary["read"].tolist() == [3, 1, 3, 3]
    assert report.summary["source"].iloc[-1] == report.summary["source"].iloc[0]  # read twice
    assert report.unreadable_dates["value"].tolist() == ["sometime in spring"]
    assert corpus.attrs["framing"]["function"] == "concat"
    assert "edition" in corpus.columns and corpus["edition"].iloc[3] is pd.NA


def test_concat_needs_corpora_with_their_reports():
    with pytest.raises(ValueError, match="non-empty list"):
        framing.concat([])
    plain = framing.as_corpus(pd.DataFrame({"title": ["A"], "text": ["B"]}))
    plain.attrs = {}
    with pytest.raises(CorpusError, match="no load report"):
        framing.concat([plain])


def test_damaged_exports_never_raise_with_errors_report(exports, tmp_path):
    """Cut, flipped and spliced copies of every fixture: with errors="report" nothing
    raises, and every source's numbers add up. (integrum.xlsx is left out: a damaged
    workbook that no longer looks like Integrum's goes to the Excel reader.)"""
    import random

    rng = random.Random(13)
    files = [
        p
        for p in exports.rglob("*")
        if p.is_file() and p.suffix != ".py" and p.name != "integrum.xlsx"
    ]
    for number in range(150):
        original = rng.choice(files)
        data = bytearray(original.read_bytes())
        choice = number % 3
        if choice == 0:
            data = data[: rng.randrange(len(data) + 1)]
        elif choice == 1:
            for _ in range(rng.randrange(1, 12)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        else:
            start = rng.randrange(len(data))
            data[start:start] = data[start : rng.randrange(start, len(data) + 1)]
        path = tmp_path / f"{number}{''.join(original.suffixes)}"
        path.write_bytes(bytes(data))
        corpus = framing.read_corpus(path, errors="report")
        summary = framing.load_report(corpus).summary
        assert (summary["read"] == summary["kept"] + summary["skipped"]).all(), original.name
        assert len(corpus) == summary["kept"].sum()
