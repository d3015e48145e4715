"""Text files in legacy charsets, and Integrum sheets with a title block (issue 13).

A CSV, TSV or .txt file in windows-1251, KOI8-R/U or DOS 866 is read in its charset when
it is surely Cyrillic text, and the load report says which charset; anything else that is
not UTF-8 is reported line by line as before. ``encoding=`` names the charset outright.
Every file here is generated from strings written in this module.
"""

from __future__ import annotations

import csv
import io
import random

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing
from framing.corpus.readers._charsets import (
    MIN_CYRILLIC_LETTERS,
    confident_cyrillic,
    cyrillic_encoding,
)
from framing.corpus.readers.integrum import HEADING_ROWS
from framing.corpus.schema import CorpusError

ROWS = [
    ("Паром снова ходит", "Паром между островами снова ходит. Ремонт идёт ночью."),
    ("Совет одобрил библиотеку", "Городской совет одобрил план новой библиотеки."),
    ("МЭР ОТВЕТИЛ", "Мэр ответил на вопросы жителей о ценах на проезд."),
]
UKRAINIAN = ("Пором знову ходить", "Пором між островами знову ходить. Ремонт іде вночі, їжак.")


def table_bytes(rows, delimiter: str, encoding: str, header=("Заголовок", "Текст")) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def report_of(corpus):
    return framing.load_report(corpus)


def entry(corpus, number=0):
    return report_of(corpus).to_dict()["sources"][number]


def is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def assert_each_record_once(corpus, records):
    """Every record is a corpus row or a report line, never both, never neither."""
    report = report_of(corpus)
    kept = [source.rsplit(", ", 1)[1] for source in corpus["source"]]
    skipped = report.skipped["record"].tolist()
    assert not set(kept) & set(skipped)
    assert sorted(kept + skipped) == sorted(records)
    summary = report.summary
    assert (summary["read"] == summary["kept"] + summary["skipped"]).all()
    assert summary["kept"].sum() == len(corpus)


# -- legacy Cyrillic charsets, recognised ---------------------------------------------------
@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "cp866"])
@pytest.mark.parametrize(("suffix", "delimiter"), [(".csv", ","), (".tsv", "\t"), (".csv", ";")])
def test_a_legacy_cyrillic_table_is_read_in_its_charset(tmp_path, encoding, suffix, delimiter):
    path = tmp_path / f"export{suffix}"
    path.write_bytes(table_bytes(ROWS, delimiter, encoding))
    corpus = framing.read_corpus(path, repair=False)
    assert corpus["title"].tolist() == [title for title, _ in ROWS]
    assert corpus["text"].tolist() == [text for _, text in ROWS]
    codec = {"cp1251": "cp1251", "koi8_r": "koi8-r", "cp866": "cp866"}[encoding]
    assert entry(corpus)["encoding"] == codec
    assert entry(corpus)["encoding_detected"] is True
    summary = report_of(corpus).summary
    assert summary["encoding"].tolist() == [codec]
    assert f"{codec} (detected)" in str(report_of(corpus))
    assert_each_record_once(corpus, ["line 2", "line 3", "line 4"])


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "cp866"])
def test_a_legacy_cyrillic_text_file_is_read_in_its_charset(tmp_path, encoding):
    title, text = ROWS[0]
    path = tmp_path / "article.txt"
    path.write_bytes(f"{title}\r\n{text}\r\n\r\n{ROWS[1][1]}\r\n".encode(encoding))
    corpus = framing.read_corpus(path, repair=False)
    assert corpus["title"].tolist() == [title]
    assert corpus["text"].tolist() == [f"{text}\n\n{ROWS[1][1]}"]
    assert entry(corpus)["encoding_detected"] is True


def test_ukrainian_koi8_u_is_told_from_koi8_r(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes("\n".join(UKRAINIAN).encode("koi8_u"))
    corpus = framing.read_corpus(path, repair=False)
    assert corpus[["title", "text"]].values.tolist() == [list(UKRAINIAN)]
    assert entry(corpus)["encoding"] == "koi8-u"
    russian = tmp_path / "russian.txt"
    russian.write_bytes("\n".join(ROWS[0]).encode("koi8_r"))
    assert entry(framing.read_corpus(russian))["encoding"] == "koi8-r"


def test_utf8_files_say_utf8_and_other_formats_say_nothing(tmp_path):
    (tmp_path / "a.csv").write_bytes(table_bytes(ROWS, ",", "utf-8"))
    (tmp_path / "b.txt").write_bytes("\ufeffTitle\nText".encode())
    (tmp_path / "c.jsonl").write_text('{"title": "T", "text": "X"}\n{"title": "U"}\n')
    summary = report_of(framing.read_corpus(tmp_path)).summary
    assert summary["encoding"].fillna("-").tolist() == ["utf-8", "utf-8", "-"]
    assert summary["encoding_detected"].fillna(True).tolist() == [False, False, True]


def test_the_integrum_report_records_the_charset_it_was_read_in(fixtures, tmp_path):
    data = (fixtures / "exports" / "integrum.html").read_bytes().decode("cp1251")
    declared = framing.read_corpus(fixtures / "exports" / "integrum.html", errors="report")
    assert (entry(declared)["encoding"], entry(declared)["encoding_detected"]) == ("cp1251", False)
    path = tmp_path / "report.html"
    path.write_bytes(data.replace("; charset=windows-1251", "").encode("koi8_r"))
    guessed = framing.read_corpus(path, errors="report")
    assert (entry(guessed)["encoding"], entry(guessed)["encoding_detected"]) == ("koi8-r", True)


# -- not recognised: refused or reported as before -----------------------------------------
WESTERN = [("Café crème", "Le café était fermé à Noël."), ("Ökonomie", "Die Straße ist grün.")]


def test_a_western_file_is_not_guessed_and_each_line_is_reported(tmp_path):
    path = tmp_path / "western.csv"
    path.write_bytes(table_bytes(WESTERN, ",", "cp1252", header=("title", "text")))
    corpus = framing.read_corpus(path, errors="report")
    assert len(corpus) == 0
    reasons = report_of(corpus).skipped["reason"].tolist()
    assert len(reasons) == 2
    assert all(r.startswith("the text is not UTF-8") and "encoding=" in r for r in reasons)
    assert_each_record_once(corpus, ["line 2", "line 3"])
    with pytest.raises(CorpusError, match=r"western\.csv, line 2: the text is not UTF-8"):
        framing.read_corpus(path)
    named = framing.read_corpus(path, encoding="cp1252", repair=False)
    assert named[["title", "text"]].values.tolist() == [list(row) for row in WESTERN]
    assert (entry(named)["encoding"], entry(named)["encoding_detected"]) == ("cp1252", False)


def test_utf8_with_one_bad_byte_is_not_taken_for_a_legacy_charset(tmp_path):
    # Mojibake is the danger: UTF-8 Russian read as windows-1251 would be "РџР°СЂРѕРј".
    rows = ROWS * 5
    data = bytearray(table_bytes(rows, ",", "utf-8"))
    at = data.index("Совет".encode())
    data[at : at + 1] = b"\xff"
    path = tmp_path / "damaged.csv"
    path.write_bytes(bytes(data))
    corpus = framing.read_corpus(path, errors="report", repair=False)
    assert entry(corpus)["encoding"] == "utf-8" and entry(corpus)["encoding_detected"] is False
    assert len(corpus) == len(rows) - 1
    assert report_of(corpus).skipped["record"].tolist() == ["line 3"]
    assert corpus["text"].tolist()[0] == ROWS[0][1]


def test_too_little_cyrillic_text_is_not_guessed(tmp_path):
    path = tmp_path / "short.txt"
    path.write_bytes("Title\nМэр".encode("cp1251"))
    corpus = framing.read_corpus(path, errors="report")
    assert report_of(corpus).skipped["record"].tolist() == ["line 2"]
    assert confident_cyrillic(("Мэр " * (MIN_CYRILLIC_LETTERS // 3)).encode("cp1251")) is None


def test_a_byte_windows_1251_lacks_stops_the_guess(tmp_path):
    # 0x98 is no character in windows-1251: the file is not surely windows-1251.
    data = table_bytes(ROWS, ",", "cp1251", header=("title", "text"))
    data = data.replace("ночью".encode("cp1251"), "ночью".encode("cp1251") + b"\x98")
    path = tmp_path / "odd.csv"
    path.write_bytes(data)
    corpus = framing.read_corpus(path, errors="report")
    assert entry(corpus)["encoding_detected"] is False
    assert_each_record_once(corpus, ["line 2", "line 3", "line 4"])
    assert len(corpus) == 0  # read as UTF-8: every row reported, none garbled


@pytest.mark.parametrize("seed", range(40))
def test_random_bytes_are_never_taken_for_cyrillic(tmp_path, seed):
    rng = random.Random(seed)
    noise = bytes(rng.randrange(1, 256) for _ in range(rng.randrange(20, 2000)))
    assert confident_cyrillic(noise) is None
    high = bytes(rng.randrange(0xC0, 0x100) for _ in range(400))  # letters in cp1251, KOI8
    spaced = b" ".join(high[i : i + 6] for i in range(0, len(high), 6))
    assert confident_cyrillic(spaced) is None  # random letters: words cased at random
    path = tmp_path / "noise.csv"
    cells = [noise[n::5].translate(None, b'\r\n",') for n in range(5)]
    lines = [b"title,text"] + [b"T%d,%s" % (n, cell) for n, cell in enumerate(cells)]
    path.write_bytes(b"\n".join(lines) + b"\n")
    corpus = framing.read_corpus(path, errors="report")
    assert entry(corpus)["encoding_detected"] is False
    utf8 = [cell for cell in cells if is_utf8(cell)]
    assert len(corpus) == len(utf8)  # the rest reported, each on its own line
    assert_each_record_once(corpus, [f"line {n}" for n in range(2, 7)])


def test_the_shared_detector_agrees_with_the_integrum_guess():
    text = "Паром между островами снова ходит, сказал мэр города журналистам."
    for encoding in ("cp1251", "koi8_r", "cp866"):
        assert cyrillic_encoding(text.encode(encoding)) == encoding
        assert confident_cyrillic(text.encode(encoding)) == encoding


def test_capitals_are_not_taken_for_koi8_small_letters():
    # windows-1251 capitals are KOI8's small letters: a file of headlines in capitals is
    # cased as words either way; only its letters' frequencies tell the two apart.
    text = "МЭР ОТВЕТИЛ НА ВОПРОСЫ ЖИТЕЛЕЙ О ЦЕНАХ НА ПРОЕЗД В АВТОБУСАХ"
    assert cyrillic_encoding(text.encode("cp1251")) == "koi8_r"  # the Integrum guess errs
    assert confident_cyrillic(text.encode("cp1251")) == "cp1251"
    assert confident_cyrillic(text.encode("koi8_r")) == "koi8_r"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία της χώρας.", "cp1253"),
        ("Паром между островами снова ходит, сказал мэр города журналистам.", "mac_cyrillic"),
        ("Паром между островами снова ходит, сказал мэр города журналистам.", "iso8859_5"),
        ("Rząd ogłosił dziś nowe środki dla gospodarki, źródła mówią o łączności.", "cp1250"),
    ],
)
def test_other_single_byte_charsets_are_not_guessed(text, encoding):
    assert confident_cyrillic(text.encode(encoding)) is None


# -- the encoding option --------------------------------------------------------------------
@pytest.mark.parametrize("bad", ["utf-16", "utf_32", "no-such-charset", "rot13", 1251])
def test_encoding_must_name_an_ascii_compatible_charset(tmp_path, bad):
    with pytest.raises(ValueError, match="The 'encoding' parameter of read_corpus"):
        framing.read_corpus(tmp_path, encoding=bad)


def test_encoding_is_not_for_a_dataframe():
    import pandas as pd

    with pytest.raises(ValueError, match="must be None when the source is a DataFrame"):
        framing.read_corpus(pd.DataFrame({"title": ["A"]}), encoding="cp1251")


def test_encoding_given_overrules_detection_and_names_bad_bytes(tmp_path):
    path = tmp_path / "koi.csv"
    path.write_bytes(table_bytes(ROWS, ",", "koi8_r", header=("title", "text")))
    as_cp866 = framing.read_corpus(path, encoding="cp866", repair=False)
    assert entry(as_cp866)["encoding"] == "cp866" and not entry(as_cp866)["encoding_detected"]
    assert as_cp866["title"].tolist() != [title for title, _ in ROWS]  # what was asked for
    bad = tmp_path / "bad.csv"
    bad.write_bytes(table_bytes(ROWS, ",", "cp1251").replace("Совет".encode("cp1251"), b"\x98"))
    corpus = framing.read_corpus(bad, encoding="cp1251", errors="report")
    assert report_of(corpus).skipped["reason"].tolist() == [
        "the text is not cp1251 (byte b'\\x98' at byte 1 of the line); expected cp1251 text"
    ]
    assert_each_record_once(corpus, ["line 2", "line 3", "line 4"])


def test_iter_corpus_and_the_cli_take_encoding(tmp_path):
    from framing.cli import main

    path = tmp_path / "western.csv"
    path.write_bytes(b"title,text\r\n" + "Café,Crème brûlée\r\n".encode("cp1252") * 3)
    chunks = list(framing.iter_corpus(path, chunksize=2, encoding="cp1252"))
    assert [len(chunk) for chunk in chunks] == [2, 1]
    output = tmp_path / "c.parquet"
    assert main(["read", str(path), "--encoding", "cp1252", "-o", str(output)]) == 0
    assert framing.read_corpus(output)["title"].tolist() == ["Café"] * 3


# -- properties -----------------------------------------------------------------------------
# Sentences of invented news text; the property draws any choice and order of them, any
# casing of each word (lower, Title, UPPER) and any punctuation between them.
SENTENCES = [
    "В понедельник городской совет утвердил бюджет на следующий год",
    "Депутаты долго спорили о расходах на транспорт и школы",
    "Большинство поддержало проект мэра, оппозиция против",
    "Жители района жалуются на шум от стройки у реки",
    "Представитель компании обещал закончить работы к осени",
    "Эксперты считают, что цены на жильё продолжат расти",
    "Паром между островами снова ходит по расписанию",
    "Міська рада затвердила бюджет на наступний рік",
    "Мешканці району скаржаться на шум від будівництва",
    "Новая библиотека откроется в центре города весной",
]
CASES = st.sampled_from([str.lower, str.lower, str.lower, str.title, str.upper, str])


@st.composite
def cyrillic_texts(draw):
    """News-like Russian or Ukrainian text, at least two sentences, cased word by word."""
    chosen = draw(st.lists(st.sampled_from(SENTENCES), min_size=2, max_size=6))
    words = [draw(CASES)(word) for sentence in chosen for word in sentence.split()]
    text = words[0]
    for word in words[1:]:
        text += draw(SEPARATORS) + word
    return text + draw(st.sampled_from(["", ".", "!", "?", "…", "»"]))


SEPARATORS = st.sampled_from([" ", " ", " ", ", ", ". ", " — ", " «", "» ", ": ", "; ", "? "])
TITLES = st.sampled_from(SENTENCES).flatmap(lambda title: CASES.map(lambda case: case(title)))


PROPERTY = settings(
    max_examples=75, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY
@given(title=TITLES, text=cyrillic_texts(), kind=st.sampled_from(["csv", "tsv", "txt"]))
def test_any_cyrillic_text_in_windows_1251_reads_back_as_written(tmp_path, title, text, kind):
    path = tmp_path / f"article.{kind}"
    if kind == "txt":
        path.write_bytes(f"{title}\n{text}\n".encode("cp1251"))
        records = ["line 1"]
    else:
        path.write_bytes(table_bytes([(title, text)], "," if kind == "csv" else "\t", "cp1251"))
        records = ["line 2"]
    corpus = framing.read_corpus(path, repair=False)
    assert corpus[["title", "text"]].values.tolist() == [[title, text]]
    assert entry(corpus)["encoding"] == "cp1251"
    assert_each_record_once(corpus, records)


_CP1251 = "".join(
    ch for ch in bytes(range(0x20, 0x100)).decode("cp1251", "ignore") if ch.isprintable()
)


@PROPERTY
@given(
    cells=st.lists(
        st.text(alphabet=_CP1251 + "\n", min_size=1, max_size=60).filter(
            lambda cell: cell.strip() and cell.strip() not in {"NA", "N/A", "NaN", "NULL"}
        ),
        min_size=1,
        max_size=5,
    )
)
def test_any_windows_1251_table_read_with_encoding_given_is_what_was_written(tmp_path, cells):
    path = tmp_path / "table.csv"
    path.write_bytes(table_bytes([(cell, cell) for cell in cells], ",", "cp1251"))
    corpus = framing.read_corpus(path, encoding="cp1251", repair=False, errors="report")
    assert corpus["text"].tolist() == [cell.strip() for cell in cells]
    assert report_of(corpus).skipped.empty


# -- Integrum sheets with a title block above the headings ---------------------------------
HEADINGS = ["Источник", "Дата", "Время", "Заголовок", "Анонс"]
SHEET_ROWS = [
    ["Городской вестник", "01.03.22", "12:59", "Паром снова ходит", "Паром снова ходит\n\nРемонт."],
    ["Речной курьер", "02.03.22", "09:15", "Совет одобрил библиотеку", "Совет одобрил план."],
]


def integrum_sheet(path, above):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in [*above, HEADINGS, *SHEET_ROWS]:
        sheet.append(row)
    workbook.save(path)


def test_an_integrum_sheet_with_a_title_block_is_read_from_its_headings(tmp_path):
    path = tmp_path / "export.xlsx"
    integrum_sheet(path, [["Интегрум: результаты поиска"], [], ["Запрос: паром"]])
    corpus = framing.read_corpus(path, errors="report")
    report = report_of(corpus)
    assert report.summary["format"].tolist() == ["integrum"]
    assert corpus["title"].tolist() == ["Паром снова ходит", "Совет одобрил библиотеку"]
    assert corpus["outlet"].tolist() == ["Городской вестник", "Речной курьер"]
    assert corpus["text"].tolist() == ["Ремонт.", "Совет одобрил план."]
    assert [s.rsplit(", ", 1)[1] for s in corpus["source"]] == ["row 5", "row 6"]
    assert report.skipped[["record"]].values.tolist() == [["rows 1 to 3"]]
    assert "above the headings in row 4" in report.skipped["reason"].iloc[0]
    assert report.summary[["read", "kept", "skipped"]].values.tolist() == [[2, 2, 0]]


def test_blank_rows_above_integrum_headings_are_counted_as_blank(tmp_path):
    path = tmp_path / "export.xlsx"
    integrum_sheet(path, [[], []])
    corpus = framing.read_corpus(path)
    report = report_of(corpus)
    assert report.summary[["format", "read", "kept", "blank_rows"]].values.tolist() == [
        ["integrum", 2, 2, 2]
    ]
    assert report.skipped.empty
    assert [s.rsplit(", ", 1)[1] for s in corpus["source"]] == ["row 4", "row 5"]


def test_integrum_headings_are_looked_for_in_the_first_rows_only(tmp_path):
    path = tmp_path / "export.xlsx"
    integrum_sheet(path, [["Интегрум"]] + [[] for _ in range(HEADING_ROWS)])
    corpus = framing.read_corpus(path, errors="report")
    assert report_of(corpus).summary["format"].tolist() == ["excel"]  # the generic reader
