"""Regression tests for the readers' findings of the adversarial review (issue 13).

Each test is built from the finding's reproducer and names its id (C1-C3 critical,
M1-M13 major, m1-m16 minor). Every input here is synthetic.
"""

from __future__ import annotations

import json
import os
import time
import zipfile

import pandas as pd
import pytest

import framing
from framing.corpus.readers._build import Ids
from framing.corpus.schema import CorpusError

WRAPPED = (
    "Shelling near the capital\n"
    "Forces shelled the outskirts of Kiev\n"
    "yesterday, officials in Kiev\n"
    "said.\n"
)


def skipped(corpus):
    return framing.load_report(corpus).skipped.to_dict("records")


def counts(corpus):
    summary = framing.load_report(corpus).summary
    return summary[["read", "kept", "skipped"]].sum().to_dict()


# -- C1: plain .txt keeps its line breaks ---------------------------------------------------
def test_C1_text_files_keep_line_breaks_so_no_words_are_glued(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(WRAPPED + "\nA second paragraph.\n", encoding="utf-8")
    corpus = framing.read_corpus(path)
    assert corpus["title"].iloc[0] == "Shelling near the capital"
    assert corpus["text"].iloc[0] == (
        "Forces shelled the outskirts of Kiev\nyesterday, officials in Kiev\nsaid.\n\n"
        "A second paragraph."
    )
    hits = framing.match(corpus, framing.load_lexicon("ukraine_toponyms"))
    assert (hits["matched"] == "Kiev").sum() == 2


def test_C1_crlf_and_cr_line_ends_are_line_breaks_too(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"Title\r\nKiev\r\nyesterday\rsaid")
    assert framing.read_corpus(path)["text"].iloc[0] == "Kiev\nyesterday\nsaid"


def test_C1_a_folder_of_txt_articles_keeps_line_breaks_and_file_names(tmp_path):
    (tmp_path / "2022").mkdir()
    (tmp_path / "2022" / "kiev-shelling.txt").write_text(WRAPPED, encoding="utf-8")
    (tmp_path / "talks.txt").write_text("Talks\nThe talks\nwent on.\n", encoding="utf-8")
    corpus = framing.read_corpus(tmp_path)
    assert corpus["file"].tolist() == ["2022/kiev-shelling.txt", "talks.txt"]
    assert corpus["doc_id"].tolist() == ["2022/kiev-shelling", "talks"]
    assert corpus["text"].tolist()[1] == "The talks\nwent on."


# -- C2: an unclosed quote in the last column ----------------------------------------------
def test_C2_an_unclosed_quote_in_the_last_column_does_not_swallow_later_rows(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('title,text\nA,"Kiev one\nB,Kiev two\nC,Kiev three\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"q\.csv, line 2: a quotation mark opened"):
        framing.read_corpus(path, errors="raise")
    corpus = framing.read_corpus(path, errors="report")
    assert corpus["title"].tolist() == ["B", "C"]
    assert corpus["text"].tolist() == ["Kiev two", "Kiev three"]
    assert [entry["record"] for entry in skipped(corpus)] == ["line 2"]
    assert counts(corpus) == {"read": 3, "kept": 2, "skipped": 1}


def test_C2_a_record_past_the_record_limit_stops_the_file_with_a_report(tmp_path):
    path = tmp_path / "q.csv"
    body = "x" * 3000
    path.write_text(f'title,text\nA,ok\nB,"{body}\n' + "C,more\n" * 50, encoding="utf-8")
    with framing.set_limits(record_bytes=1000):
        corpus = framing.read_corpus(path, errors="report")
    assert corpus["title"].tolist() == ["A"]
    assert skipped(corpus)[0]["record"] == "lines 3 to the end"
    assert "limit of 1,000 bytes" in skipped(corpus)[0]["reason"]


# -- M1: errors="report" catches everything -------------------------------------------------
@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "surrogate.jsonl",
            b'{"title":"A","text":"ok"}\n{"title":"B","text":"cut emoji \\ud83d"}\n',
        ),
        (
            "deep.jsonl",
            b'{"title":"A","text":"ok"}\n{"title":"B","text":"x","n":'
            + b"[" * 1100
            + b"]" * 1100
            + b"}\n",
        ),
        ("deep.json", b'[{"title":"A","text":"ok","n":' + b"[" * 5000 + b"]" * 5000 + b"}]"),
        ("deep.csv", b'title,text,n\nA,ok,"' + b"[" * 1100 + b"]" * 1100 + b'"\n'),
        ("bom.txt", b"\xef\xbb\xbf"),
        ("nbsp.txt", "\ufeff\u00a0\n\u2028\x1c".encode()),
        ("corrupt.parquet", b"PAR1" + b"\x00\xff" * 50 + b"PAR1"),
        ("broken.xlsx", b"PK\x03\x04 not really a zip"),
        (
            "deep.html",
            b"<html><head><title>T</title><script type='application/ld+json'>"
            + b"[" * 5000
            + b"]" * 5000
            + b"</script></head><body><p>Kiev text here.</p></body></html>",
        ),
    ],
)
def test_M1_report_mode_never_raises_and_raise_mode_raises_record_errors(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    corpus = framing.read_corpus(tmp_path, errors="report")
    report = framing.load_report(corpus)
    summary = report.summary
    assert (summary["read"] == summary["kept"] + summary["skipped"]).all()
    assert int(summary["kept"].sum()) == len(corpus)
    try:
        framing.read_corpus(path, errors="raise")
    except CorpusError as error:
        assert name in str(error)


def test_M1_a_lone_surrogate_is_kept_as_a_replacement_character(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"title":"B","text":"cut emoji \\ud83d","x":"\\udc00"}\n')
    corpus = framing.read_corpus(path, repair=False)
    assert corpus["text"].iloc[0] == "cut emoji \ufffd"
    assert corpus["x"].iloc[0] == "\ufffd"


def test_M1_nesting_deeper_than_the_limit_names_the_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(
        '{"title":"A","text":"ok"}\n{"title":"B","n":' + "[" * 150 + "]" * 150 + "}\n",
        encoding="utf-8",
    )
    with pytest.raises(CorpusError, match=r"a\.jsonl, line 2: .*nested more than 100 levels"):
        framing.read_corpus(path)
    with framing.set_limits(nesting_depth=200):
        assert len(framing.read_corpus(path)) == 2


def test_M1_an_unreadable_file_in_a_folder_is_reported_and_the_rest_read(tmp_path, monkeypatch):
    (tmp_path / "a.csv").write_text("title,text\nA,Kiev\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("title,text\nB,Kiev\n", encoding="utf-8")
    from framing.corpus.readers import _sources

    real = _sources.read_head

    def unreadable(path):
        if path.name == "b.csv":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(_sources, "read_head", unreadable)
    corpus = framing.read_corpus(tmp_path, errors="report")
    assert corpus["title"].tolist() == ["A"]
    assert "PermissionError" in skipped(corpus)[0]["reason"]
    with pytest.raises(framing.RecordError, match=r"b\.csv: could not open the file"):
        framing.read_corpus(tmp_path)


def test_M1_edited_write_corpus_metadata_is_read_as_plain_parquet(tmp_path):
    import pyarrow.parquet as pq

    corpus = framing.as_corpus(pd.DataFrame({"title": ["A"], "text": ["Kiev"]}), outlet="X")
    path = framing.write_corpus(corpus, tmp_path / "c.parquet")
    table = pq.read_table(path)
    metadata = dict(table.schema.metadata)
    metadata[b"framing.attrs"] = b"{not json"
    pq.write_table(table.replace_schema_metadata(metadata), tmp_path / "edited.parquet")
    back = framing.read_corpus(tmp_path / "edited.parquet")
    assert back["text"].tolist() == ["Kiev"]


# -- M2: one bad byte costs one record, named by its own line -------------------------------
def _csv_with_a_bad_byte(path, rows=1000, bad=901):
    lines = ["title,text\n"] + [f"T{n},Text {n}\n" for n in range(2, rows + 1)]
    data = "".join(lines).encode("utf-8")
    at = data.index(f"T{bad},".encode())
    path.write_bytes(data[:at] + "Мэр ".encode("cp1251") + data[at:])


def test_M2_one_bad_byte_drops_only_its_record_and_names_its_line(tmp_path):
    path = tmp_path / "b.csv"
    _csv_with_a_bad_byte(path)
    corpus = framing.read_corpus(path, errors="report")
    assert len(corpus) == 998
    assert skipped(corpus)[0]["record"] == "line 901"
    assert "not UTF-8" in skipped(corpus)[0]["reason"]
    assert counts(corpus) == {"read": 999, "kept": 998, "skipped": 1}
    with pytest.raises(CorpusError, match=r"b\.csv, line 901: the text is not UTF-8"):
        framing.read_corpus(path)


def test_M2_iter_corpus_keeps_the_same_rows_whatever_the_chunk_size(tmp_path):
    path = tmp_path / "b.csv"
    _csv_with_a_bad_byte(path, bad=601)
    whole = framing.read_corpus(path, errors="report")
    for size in (1, 7, 100, 250, 5000):
        chunks = list(framing.iter_corpus(path, chunksize=size, errors="report"))
        assert pd.concat(chunks)["doc_id"].tolist() == whole["doc_id"].tolist()
        assert framing.load_report(chunks[-1]).to_dict() == framing.load_report(whole).to_dict()


def test_M2_a_bad_byte_in_a_json_lines_file_or_a_dump_costs_one_record(tmp_path):
    lines = [json.dumps({"title": f"T{n}", "text": "Kiev"}).encode() for n in range(10)]
    lines[4] = lines[4].replace(b"Kiev", "Киев".encode("cp1251"))
    (tmp_path / "a.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    corpus = framing.read_corpus(tmp_path / "a.jsonl", errors="report")
    assert len(corpus) == 9 and skipped(corpus)[0]["record"] == "line 5"
    documents = [
        f" date 2022-03-0{n + 1} https://example.org/{n}\n\nTitle {n}\n\nBody {n} text.\n"
        for n in range(5)
    ]
    data = "\n".join(documents).encode()
    data = data.replace(b"Body 3", "Тело".encode("cp1251"))
    (tmp_path / "d.dump").write_bytes(data)
    dump = framing.read_corpus(tmp_path / "d.dump", errors="report")
    assert dump["title"].tolist() == ["Title 0", "Title 1", "Title 2", "Title 4"]
    assert skipped(dump)[0]["record"] == "line 19"
    assert skipped(dump)[0]["reason"].startswith("line 23: the text is not UTF-8")


# -- M3: JSON Lines end at \n only ----------------------------------------------------------
def test_M3_json_lines_are_not_split_on_unicode_line_separators(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(
        '{"title":"A","text":"one"}\n{"title":"B","text":"two\u2028lines"}\n'
        '{"title":"C","text":"x\x85y"}\n{"title":"D","text":"four\u2029"}\n',
        encoding="utf-8",
    )
    corpus = framing.read_corpus(path, errors="report", repair=False)
    assert corpus["title"].tolist() == ["A", "B", "C", "D"]
    assert corpus["text"].tolist()[1:3] == ["two\u2028lines", "x\x85y"]
    assert skipped(corpus) == []


# -- M4: JSON shapes -------------------------------------------------------------------------
def test_M4_a_single_article_whose_only_list_is_tags_is_one_article(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('{"title":"A","text":"Kiev","tags":["war","talks"]}', encoding="utf-8")
    corpus = framing.read_corpus(path)
    assert corpus["title"].tolist() == ["A"] and corpus["tags"].tolist() == [["war", "talks"]]


def test_M4_an_articles_wrapper_gives_its_articles(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(
        '{"articles":[{"title":"A","text":"Kiev"},{"title":"B","text":"Kyiv"}],"errors":[]}',
        encoding="utf-8",
    )
    assert framing.read_corpus(path)["title"].tolist() == ["A", "B"]
    path.write_text(
        '{"status":"ok","items":[{"title":"A","text":"x"}],"meta":[{"page":1}]}', encoding="utf-8"
    )
    assert framing.read_corpus(path)["title"].tolist() == ["A"]
    path.write_text('{"a":[{"title":"A"}],"b":[{"title":"B"}]}', encoding="utf-8")
    with pytest.raises(CorpusError, match="several lists of objects"):
        framing.read_corpus(path)


def test_M4_a_list_of_paragraphs_is_joined_as_paragraphs_not_stored_as_json(tmp_path):
    path = tmp_path / "a.jsonl"
    record = {
        "title": "A",
        "text": ["The outlet wrote about Kiev.", "“Kiev” said the other."],
        "author": ["Ann", "Bob"],
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    corpus = framing.read_corpus(path)
    assert corpus["text"].iloc[0] == "The outlet wrote about Kiev.\n\n“Kiev” said the other."
    assert corpus["author"].iloc[0] == "Ann, Bob"
    hits = framing.match(corpus, framing.load_lexicon("ukraine_toponyms"))
    assert hits["voice"].tolist() == ["own", "quoted"]


# -- M5: dumps -------------------------------------------------------------------------------
DUMP = (
    " date 2022-04-05 https://example-news.org/20220405/story-1.html\n\n"
    "Bridge reopens\n\n"
    "The old bridge reopened on Tuesday after repairs.\n\n"
    "Readers can send tips to tips@example.org.\n\n"
    "Example News newsroom@example-news.org +10000000000 Example Media Group\n\n"
    "en_EN\n"
)


def test_M5_an_email_in_a_body_paragraph_is_body_text_not_the_outlet(tmp_path):
    path = tmp_path / "a.dump"
    path.write_text(DUMP, encoding="utf-8")
    row = framing.read_corpus(path).iloc[0]
    assert row["outlet"] == "Example News"
    assert "Readers can send tips to tips@example.org." in row["text"]
    path.write_text(DUMP.replace("Example News newsroom", "Contact: newsroom"), encoding="utf-8")
    row = framing.read_corpus(path).iloc[0]
    assert "Readers can send tips" in row["text"]


# -- M6: legacy encodings and bodies trafilatura cannot find --------------------------------
PAGE = (
    "<html><head>{meta}<title>Мэр Киева</title></head><body><article>"
    "<p>Мэр Киева сказал, что город готов к зиме.</p>"
    "<p>Это важно для всех жителей города, сказал он.</p></article></body></html>"
)


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="windows-1251">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
        "",
    ],
)
def test_M6_windows_1251_pages_are_decoded(tmp_path, meta):
    path = tmp_path / "a.html"
    path.write_bytes(PAGE.format(meta=meta).encode("cp1251"))
    row = framing.read_corpus(path).iloc[0]
    assert row["title"] == "Мэр Киева"
    assert row["text"].startswith("Мэр Киева сказал")
    assert "\ufffd" not in row["text"]


def test_M6_a_deeply_nested_body_is_read_from_its_paragraphs(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text(
        "<html><head><title>Deep</title></head><body>"
        + "<div>" * 600
        + "<p>Kiev was shelled yesterday, officials said.</p>"
        + "</div>" * 600
        + "</body></html>",
        encoding="utf-8",
    )
    assert framing.read_corpus(path)["text"].iloc[0] == (
        "Kiev was shelled yesterday, officials said."
    )


# -- M7: binary Parquet strings --------------------------------------------------------------
def test_M7_binary_parquet_strings_are_decoded_and_bad_bytes_reported(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "title": pa.array([b"A", b"B"], pa.binary()),
            "text": pa.array(["Мэр Киева".encode(), b"\xff\xfe"], pa.binary()),
        }
    )
    pq.write_table(table, tmp_path / "b.parquet")
    corpus = framing.read_corpus(tmp_path / "b.parquet", errors="report")
    assert corpus["text"].tolist() == ["Мэр Киева"]
    assert skipped(corpus)[0]["record"] == "row 2"


def test_M1_a_corrupted_parquet_row_group_costs_its_rows_only(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = pa.table(
        {"title": [f"T{i}" for i in range(300)], "text": [f"text {i} " * 20 for i in range(300)]}
    )
    path = tmp_path / "c.parquet"
    pq.write_table(table, path, row_group_size=100, compression="none")
    data = bytearray(path.read_bytes())
    at = data.index(b"text 150 ")
    data[at - 40 : at + 400] = b"\xff" * 440
    path.write_bytes(bytes(data))
    corpus = framing.read_corpus(path, errors="report")
    assert len(corpus) == 200
    assert skipped(corpus)[0]["record"] == "rows 101 to 200"
    assert counts(corpus) == {"read": 300, "kept": 200, "skipped": 100}


# -- M8: one id shared by many rows ---------------------------------------------------------
def test_M8_unique_ids_for_rows_sharing_one_id_are_linear():
    ids = Ids()
    started = time.perf_counter()
    claimed = [ids.claim("same") for _ in range(50_000)]
    assert time.perf_counter() - started < 5  # quadratic: minutes
    assert claimed[:3] == ["same", "same#2", "same#3"] and len(set(claimed)) == 50_000
    assert Ids().claim("a") == "a"
    given = Ids()
    assert [given.claim(i) for i in ("a#2", "a", "a")] == ["a#2", "a", "a#3"]


# -- M12 (matching) is in tests/test_matching_pool.py; M9 in tests/lexicon/. --------------
# -- M13: small workbooks that claim much ----------------------------------------------------
def _workbook(path, rows):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)


def _rewrite(source, target, part, change):
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            new.writestr(info, change(data) if info.filename == part else data)


def test_M13_a_workbook_claiming_phantom_rows_reads_fast(tmp_path):
    _workbook(tmp_path / "ok.xlsx", [["title", "text"], ["A", "Kiev one"], ["B", "Kiev two"]])
    far = b'<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>Z</t></is></c></row></sheetData>'
    _rewrite(
        tmp_path / "ok.xlsx",
        tmp_path / "phantom.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda data: data.replace(
            b'<dimension ref="A1:B3"/>', b'<dimension ref="A1:XFD1000000"/>'
        ).replace(b"</sheetData>", far),
    )
    started = time.perf_counter()
    corpus = framing.read_corpus(tmp_path / "phantom.xlsx")
    assert time.perf_counter() - started < 60  # was about 25 minutes
    assert corpus["title"].tolist() == ["A", "B", "Z"]


def test_M13_a_zip_bomb_workbook_is_refused_before_it_is_unpacked(tmp_path):
    _workbook(tmp_path / "ok.xlsx", [["title", "text"], ["A", "Kiev"]])
    with (
        zipfile.ZipFile(tmp_path / "ok.xlsx") as book,
        zipfile.ZipFile(tmp_path / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for name in book.namelist():
            bomb.writestr(name, book.read(name))
        bomb.writestr("xl/padding.bin", b"\0" * (2 * 2**20))
    with framing.set_limits(xlsx_uncompressed_bytes=2**20):
        with pytest.raises(CorpusError, match=r"bomb\.xlsx: the workbook unpacks to"):
            framing.read_corpus(tmp_path / "bomb.xlsx")
    assert len(framing.read_corpus(tmp_path / "bomb.xlsx")) == 1


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.replace(
            b"</sheetData>", b'<row r="4"><c r="ZZZZZZ4"><v>1</v></c></row></sheetData>'
        ),
        lambda d: d[:-40],
        lambda d: d.replace(
            b"</sheetData>", b'<row r="4"><c r="A4" t="s"><v>99</v></c></row></sheetData>'
        ),
        lambda d: d.replace(
            b"</sheetData>", b'<row r="4"><c r="A4" t="d"><v>nodate</v></c></row></sheetData>'
        ),
    ],
)
def test_M1_a_malformed_sheet_keeps_the_rows_before_and_reports_the_rest(tmp_path, change):
    _workbook(tmp_path / "ok.xlsx", [["title", "text"], ["A", "Kiev one"], ["B", "Kiev two"]])
    _rewrite(tmp_path / "ok.xlsx", tmp_path / "bad.xlsx", "xl/worksheets/sheet1.xml", change)
    corpus = framing.read_corpus(tmp_path / "bad.xlsx", errors="report")
    assert corpus["title"].tolist()[:2] == ["A", "B"]
    report = framing.load_report(corpus)
    assert (report.summary["read"] == report.summary["kept"] + report.summary["skipped"]).all()


# -- the other items ----------------------------------------------------------------
def test_tab_separated_annotation_files_in_a_folder_of_articles_are_not_articles(tmp_path):
    (tmp_path / "a.txt").write_text(WRAPPED, encoding="utf-8")
    (tmp_path / "labels.txt").write_text(
        "a\tposition\tpro\nb\tposition\tcontra\n", encoding="utf-8"
    )
    corpus = framing.read_corpus(tmp_path)
    assert corpus["file"].tolist() == ["a.txt"]
    entry = skipped(corpus)[0]
    assert entry["source"].endswith("labels.txt") and "tab-separated" in entry["reason"]
    # named on its own, it is read as told
    assert len(framing.read_corpus(tmp_path / "labels.txt")) == 1


def test_r_exports_na_cells_are_missing_values(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text(
        'title,text,author,date\n"A","Kiev",NA,NA\n"B","Kyiv","Ann","2022-03-02"\n',
        encoding="utf-8",
    )
    corpus = framing.read_corpus(path, outlet="X")
    assert corpus["author"].isna().tolist() == [True, False]
    assert corpus["published"].isna().tolist() == [True, False]
    assert framing.load_report(corpus).unreadable_dates.empty


def test_outlets_from_urls_drop_www_and_language_editions_alike(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        "title,url\nA,https://en.kremlin.ru/events/1\nB,https://www.kremlin.ru/events/2\n"
        "C,https://kremlin.ru/3\nD,https://news.example.com/4\nE,https://www.en.example.org/5\n",
        encoding="utf-8",
    )
    corpus = framing.read_corpus(path)
    assert corpus["outlet"].tolist() == [
        "kremlin.ru",
        "kremlin.ru",
        "kremlin.ru",
        "news.example.com",
        "example.org",
    ]
    assert corpus["domain"].tolist()[:2] == ["en.kremlin.ru", "kremlin.ru"]


def test_m4_symlinks_out_of_a_folder_are_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret\nNot an article.\n", encoding="utf-8")
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(WRAPPED, encoding="utf-8")
    os.symlink(outside / "secret.txt", folder / "link.txt")
    os.symlink(outside, folder / "linked_folder")
    os.symlink(folder / "a.txt", folder / "inside.txt")  # inside: read
    corpus = framing.read_corpus(folder)
    assert sorted(corpus["file"]) == ["a.txt", "inside.txt"]
    reasons = {entry["source"].rsplit("/", 1)[1]: entry["reason"] for entry in skipped(corpus)}
    assert set(reasons) == {"link.txt", "linked_folder"}
    assert all("leads out of the folder" in reason for reason in reasons.values())


def test_file_pattern_turns_parts_of_file_names_into_columns(tmp_path):
    (tmp_path / "rt").mkdir()
    (tmp_path / "rt" / "rt_20220302_kiev.txt").write_text(WRAPPED, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Notes\nNo pattern here.\n", encoding="utf-8")
    corpus = framing.read_corpus(
        tmp_path, file_pattern=r"(?P<outlet>[^/_]+)_(?P<published>\d{8})_(?P<topic>\w+)$"
    )
    first = corpus.iloc[1]
    assert first["file"] == "rt/rt_20220302_kiev.txt"
    assert first["outlet"] == "rt" and first["topic"] == "kiev"
    assert first["published"] == pd.Timestamp("2022-03-02", tz="UTC")
    assert first["date_source"] == "file"
    assert corpus.iloc[0]["topic"] is pd.NA
    with pytest.raises(ValueError, match="named groups"):
        framing.read_corpus(tmp_path, file_pattern=r"\d+")
    with pytest.raises(ValueError, match="'text'"):
        framing.read_corpus(tmp_path, file_pattern=r"(?P<text>\w+)")


def test_m8_column_name_collisions_never_overwrite_a_column(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        "id,title,text,site,source,original_source,source_id,file,\nk1,A,Kiev,rt.com,feedX,orig,"
        "s1,f.txt,5\n",
        encoding="utf-8",
    )
    row = framing.read_corpus(path).iloc[0]
    assert row["doc_id"] == "k1" and row["source_id"] == "k1"
    assert row["original_source_2"] == "feedX" and row["original_source"] == "orig"
    assert row["original_source_id"] == "s1"
    assert row["original_file"] == "f.txt" and row["file"] == "a.csv"
    assert row["Unnamed: 8"] == "5"  # a numeric column with a blank header is kept


def test_m9_json_lines_in_a_json_file_with_a_long_first_record(tmp_path):
    path = tmp_path / "a.json"
    first = json.dumps({"title": "A", "text": "Kiev " * 4000})
    path.write_text(first + "\n" + json.dumps({"title": "B", "text": "x"}) + "\n", "utf-8")
    assert framing.read_corpus(path)["title"].tolist() == ["A", "B"]


def test_m7_utf16_files_are_named_as_utf16(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("title,text\nA,Kiev\n".encode("utf-16"))
    with pytest.raises(CorpusError, match="UTF-16 text; expected UTF-8"):
        framing.read_corpus(path)
    path.write_bytes("title,text\nA,Kiev\n".encode("utf-16-le"))
    with pytest.raises(CorpusError, match="UTF-16 text"):
        framing.read_corpus(path)


def test_m11_a_table_written_by_write_table_reads_back_unescaped(tmp_path):
    frame = pd.DataFrame({"title": ["+++ Liveticker +++", "-5C in Kyiv"], "text": ["a", "b"]})
    framing.write_table(frame, tmp_path / "t.csv")
    corpus = framing.read_corpus(tmp_path / "t.csv", outlet="X")
    assert corpus["title"].tolist() == ["+++ Liveticker +++", "-5C in Kyiv"]


def test_m3_dump_bodies_with_many_paragraphs_are_linear(tmp_path):
    paragraphs = "\n\n".join(f"Paragraph number {n} of the body, said Kiev." for n in range(20_000))
    path = tmp_path / "a.dump"
    path.write_text(
        f" date 2022-03-02 https://example.org/a\n\nTitle\n\n{paragraphs}\n", encoding="utf-8"
    )
    started = time.perf_counter()
    corpus = framing.read_corpus(path)
    assert time.perf_counter() - started < 60
    assert corpus["text"].iloc[0].count("\n\n") == 19_999


def test_a_lone_surrogate_in_a_report_line_does_not_break_the_report():
    # The long property run found it: a damaged Telegram export whose message id holds
    # half of an emoji. The report is a table of UTF-8 strings, so the half becomes U+FFFD.
    from framing.corpus._report import Collector, LoadReport

    collector = Collector("report")
    collector.entry("result.json", "telegram")
    collector.skip("result.json", "message \ud83d", "no text in \ud83d")
    collector.unreadable_dates.append({"source": "a", "record": "b", "value": "\udc00"})
    report = LoadReport(collector.to_dict())
    assert report.skipped["record"].tolist() == ["message \ufffd"]
    assert report.skipped["reason"].tolist() == ["no text in \ufffd"]
    assert report.unreadable_dates["value"].tolist() == ["\ufffd"]
