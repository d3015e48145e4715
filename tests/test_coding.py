"""framing.coding: seeded stratified coding sheets, CSV/xlsx round trips that refuse
edits, formula escaping, precision with Wilson intervals (hand values and scipy)."""

from __future__ import annotations

import csv
import io
import math
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing import Lexicon, match
from framing.coding import (
    CODES,
    SHEET_COLUMNS,
    CodingError,
    adjusted_counts,
    coding_sheet,
    precision,
    read_coding_sheet,
    write_coding_sheet,
)
from framing.corpus.schema import conform
from framing.stats import wilson_interval

# Eight instruction lines and four metadata lines come before the header (row 13).
FIRST_ROW = 14


@pytest.fixture(scope="module")
def sample() -> tuple[pd.DataFrame, pd.DataFrame]:
    """A slice of the bundled sample corpus and its ukraine_war hits (about 800)."""
    corpus = framing.load_sample().iloc[:200].reset_index(drop=True)
    hits = match(corpus, framing.load_lexicon("ukraine_war"), workers=1)
    return corpus, hits


@pytest.fixture
def small() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Odessa in Ukraine and in Texas, and a concept with one hit."""
    corpus = conform(
        pd.DataFrame(
            {
                "doc_id": ["a", "b", "c"],
                "outlet": ["Outlet A", "Outlet B", "Outlet A"],
                "published": ["2022-03-01", "2022-03-02", None],
                "title": ["", "", ""],
                "text": [
                    "Shelling near Odessa went on. Odessa port was hit.",
                    "Odessa, Texas, votes today. The Cold War ended in 1991.",
                    "Troops left Odessa.",
                ],
            }
        )
    )
    lexicon = Lexicon.from_dataframe(
        pd.DataFrame(
            {
                "concept": ["city", "information_war"],
                "variant": ["russian", "war"],
                "term": ["Odessa", "cold war"],
            }
        ),
        name="demo",
    )
    return corpus, match(corpus, lexicon)


def _csv_records(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def _write_csv_records(path: Path, records: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(records)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


def _edit_csv(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell, ``row`` numbered as a spreadsheet shows it."""
    records = _csv_records(path)
    header = next(record for record in records if record[0] == "hit_id")
    records[row - 1][header.index(column)] = value
    _write_csv_records(path, records)


# --------------------------------------------------------------------------- sampling


def test_the_same_seed_gives_the_same_sheet(sample) -> None:
    corpus, hits = sample
    first = coding_sheet(hits, corpus, n=5, seed=3)
    again = coding_sheet(hits, corpus, n=5, seed=3)
    other = coding_sheet(hits, corpus, n=5, seed=4)
    pd.testing.assert_frame_equal(first, again)
    assert first["hit_id"].tolist() != other["hit_id"].tolist()


def test_each_stratum_gets_n_hits_or_all_of_a_smaller_one(sample) -> None:
    corpus, hits = sample
    sheet = coding_sheet(hits, corpus, n=20)
    available = hits.groupby(["concept", "variant"]).size()
    drawn = sheet.groupby(["concept", "variant"]).size()
    expected = available.clip(upper=20)
    pd.testing.assert_series_equal(drawn.sort_index(), expected.sort_index())
    # The realistic slice has strata both above and below 20 hits.
    assert (available > 20).any() and (available < 20).any()
    assert not sheet["hit_id"].duplicated().any()
    sizes = sheet.groupby(["concept", "variant"])["stratum_hits"].first()
    pd.testing.assert_series_equal(sizes.sort_index(), available.sort_index(), check_names=False)


def test_a_larger_n_keeps_the_hits_of_a_smaller_one(sample) -> None:
    corpus, hits = sample
    small_sheet = coding_sheet(hits, corpus, n=5)
    large_sheet = coding_sheet(hits, corpus, n=15)
    for (concept, variant), part in small_sheet.groupby(["concept", "variant"]):
        larger = large_sheet[
            (large_sheet["concept"] == concept) & (large_sheet["variant"] == variant)
        ]
        assert larger["hit_id"].tolist()[: len(part)] == part["hit_id"].tolist()


def test_a_stratum_sample_ignores_other_strata_and_hit_order(sample) -> None:
    corpus, hits = sample
    sheet = coding_sheet(hits, corpus, n=5)
    fewer = hits[hits["concept"] != "war_name"].iloc[::-1]
    other = coding_sheet(fewer, corpus, n=5)
    kept = sheet[sheet["concept"] != "war_name"]
    assert other["hit_id"].tolist() == kept["hit_id"].tolist()


def test_hit_id_traces_each_row_back_to_the_corpus_text(sample) -> None:
    corpus, hits = sample
    sheet = coding_sheet(hits, corpus, n=5)
    texts = corpus.set_index("doc_id")
    for row in sheet.itertuples():
        doc_id, field, span = row.hit_id.rsplit(":", 2)
        start, end = (int(part) for part in span.split("-"))
        assert (doc_id, field, start, end) == (row.doc_id, row.field, row.start, row.end)
        assert texts.at[doc_id, field][start:end] == row.match


def test_sheet_has_the_documented_columns_empty_codes_and_provenance(small) -> None:
    corpus, hits = small
    sheet = coding_sheet(hits, corpus, n=10, window=2)
    assert list(sheet.columns) == list(SHEET_COLUMNS)
    assert sheet["code"].isna().all() and sheet["comment"].isna().all()
    assert sheet["match"].tolist().count("Odessa") == 4
    assert sheet["check"].str.fullmatch(r"[bcdfghjkmnpqrstvwxz]{8}").all()
    record = sheet.attrs["framing"]
    assert record["function"] == "coding_sheet"
    assert record["parameters"] == {
        "n": 10,
        "by": ["concept", "variant"],
        "window": 2,
        "seed": 0,
    }
    assert record["lexicon"]["name"] == "demo"
    assert record["corpus"]["documents"] == 3


def test_strata_by_outlet_sample_each_outlet(small) -> None:
    corpus, hits = small
    sheet = coding_sheet(hits, corpus, n=1, by=("concept", "outlet"))
    assert sorted(zip(sheet["concept"], sheet["outlet"], strict=True)) == [
        ("city", "Outlet A"),
        ("city", "Outlet B"),
        ("information_war", "Outlet B"),
    ]
    everything = coding_sheet(hits, corpus, n=2, by=())
    assert len(everything) == 2


def test_coding_sheet_rejects_bad_parameters(small) -> None:
    corpus, hits = small
    with pytest.raises(ValueError, match=r"The 'n' parameter of coding_sheet must be a whole"):
        coding_sheet(hits, corpus, n=0)
    with pytest.raises(ValueError, match=r"it lacks the column\(s\) \['desk'\], which the corpus"):
        coding_sheet(hits, corpus, by=("concept", "desk"))
    with pytest.raises(ValueError, match=r"The 'by' parameter of coding_sheet must be"):
        coding_sheet(hits, corpus, by=("concept", "concept"))


# --------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_coded_sheet_comes_back_as_written(sample, tmp_path: Path, suffix: str) -> None:
    corpus, hits = sample
    sheet = coding_sheet(hits, corpus, n=4)
    sheet["code"] = pd.array(([" Yes", "NO ", "unsure", None] * len(sheet))[: len(sheet)])
    sheet["comment"] = pd.array((["Odessa, Texas", None] * len(sheet))[: len(sheet)])
    path = write_coding_sheet(sheet, tmp_path / f"coding{suffix}")
    back = read_coding_sheet(path)
    expected = sheet.copy()
    expected["code"] = expected["code"].str.strip().str.lower()
    pd.testing.assert_frame_equal(back, expected)
    record = back.attrs["framing"]
    assert record["function"] == "read_coding_sheet"
    assert record["parameters"]["coded"] == len(sheet) - len(sheet) // 4
    assert record["inputs"]["function"] == "coding_sheet"
    assert record["lexicon"]["name"] == "ukraine_war"


def test_csv_has_a_byte_order_mark_and_the_instructions_first(small, tmp_path: Path) -> None:
    corpus, hits = small
    path = write_coding_sheet(coding_sheet(hits, corpus), tmp_path / "coding.csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert _csv_records(path)[0][0].startswith("# framing coding sheet")
    assert _csv_records(path)[FIRST_ROW - 2][0] == "hit_id"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_writing_twice_gives_the_same_bytes(small, tmp_path: Path, suffix: str) -> None:
    corpus, hits = small
    sheet = coding_sheet(hits, corpus)
    first = write_coding_sheet(sheet, tmp_path / f"one{suffix}").read_bytes()
    second = write_coding_sheet(sheet, tmp_path / f"two{suffix}").read_bytes()
    assert first == second


@pytest.fixture
def formulas() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Hits whose text, context and comment start like spreadsheet formulas."""
    text = '=HYPERLINK("http://x") -1 and @SUM(A1) then +CMD|x then #N/A'
    corpus = conform(
        pd.DataFrame(
            {
                "doc_id": ["=d"],
                "outlet": ["@Outlet"],
                "published": [None],
                "title": [""],
                "text": [text],
            }
        )
    )
    words = ['=HYPERLINK("http://x")', "@SUM(A1)", "+CMD|x", "#N/A"]
    spans = [(text.index(word), text.index(word) + len(word)) for word in words]
    hits = pd.DataFrame(
        {
            "doc_id": "=d",
            "field": "text",
            "start": [start for start, _ in spans],
            "end": [end for _, end in spans],
            "matched": [text[start:end] for start, end in spans],
            "term": ["=term", "@SUM*", "+CMD", "#N/A"],
            "concept": "-concept",
            "variant": "=variant",
            "voice": "own",
        }
    )
    return corpus, hits


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_formula_like_text_comes_back_unchanged_as_data(
    formulas, tmp_path: Path, suffix: str
) -> None:
    corpus, hits = formulas
    sheet = coding_sheet(hits, corpus, window=2)
    sheet["comment"] = pd.array(["=1+1", "'quoted", None, "-"], dtype="string")
    assert sheet["match"].str.startswith(("=", "@", "+", "#")).all()
    path = write_coding_sheet(sheet, tmp_path / f"coding{suffix}")
    pd.testing.assert_frame_equal(read_coding_sheet(path), sheet)


def test_csv_cells_that_look_like_formulas_start_with_a_quote(formulas, tmp_path: Path) -> None:
    corpus, hits = formulas
    sheet = coding_sheet(hits, corpus, window=2)
    path = write_coding_sheet(sheet, tmp_path / "coding.csv")
    cells = [cell for record in _csv_records(path)[FIRST_ROW - 1 :] for cell in record]
    assert '\'=HYPERLINK("http://x")' in cells and "'@SUM(A1)" in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]


def test_xlsx_has_no_formula_cells(formulas, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    corpus, hits = formulas
    sheet = coding_sheet(hits, corpus, window=2)
    path = write_coding_sheet(sheet, tmp_path / "coding.xlsx")
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    workbook = load_workbook(path)
    types = {cell.data_type for row in workbook["coding"].iter_rows() for cell in row}
    assert types <= {"s", "inlineStr", "n"}
    matches = [cell.value for cell in workbook["coding"]["E"]]
    assert matches[0] == "match" and '=HYPERLINK("http://x")' in matches


# --------------------------------------------------------------------------- errors


@pytest.fixture
def written(small, tmp_path: Path) -> Path:
    corpus, hits = small
    return write_coding_sheet(coding_sheet(hits, corpus), tmp_path / "coding.csv")


def test_a_changed_hit_id_is_refused_naming_file_and_row(written: Path) -> None:
    hit_id = _csv_records(written)[FIRST_ROW][0]
    _edit_csv(written, FIRST_ROW + 1, "hit_id", hit_id.replace("-", "-1"))
    with pytest.raises(
        CodingError,
        match=(
            rf"Row {FIRST_ROW + 1} of the coding sheet .*coding\.csv \(hit_id '.*'\) was "
            r"changed since the sheet was written: its columns hit_id, match, term, concept, "
            r"variant, voice, outlet no longer fit its check '[a-z]{8}'\. Expected them as "
            r"written; only 'code' and 'comment' are for editing"
        ),
    ):
        read_coding_sheet(written)


def test_a_changed_variant_is_refused(written: Path) -> None:
    _edit_csv(written, FIRST_ROW, "variant", "ukrainian")
    with pytest.raises(CodingError, match=rf"Row {FIRST_ROW} of the coding sheet .* was changed"):
        read_coding_sheet(written)


def test_an_unknown_code_is_refused_naming_the_code(written: Path) -> None:
    _edit_csv(written, FIRST_ROW + 2, "code", "maybe")
    with pytest.raises(
        CodingError,
        match=(
            rf"Row {FIRST_ROW + 2} of the coding sheet .*coding\.csv \(hit_id '.*'\) has the "
            r"code 'maybe'; expected one of 'yes', 'no', 'unsure' \(any case\) or blank for "
            r"not yet coded\."
        ),
    ):
        read_coding_sheet(written)


def test_a_missing_column_is_refused(written: Path) -> None:
    records = _csv_records(written)
    position = records[FIRST_ROW - 2].index("code")
    for record in records[FIRST_ROW - 2 :]:
        del record[position]
    _write_csv_records(written, records)
    with pytest.raises(
        CodingError,
        match=(
            r"The coding sheet .*coding\.csv lacks the column\(s\) \['code'\]; expected the "
            r"columns written by framing\.write_coding_sheet"
        ),
    ):
        read_coding_sheet(written)


def test_a_deleted_row_is_refused(written: Path) -> None:
    records = _csv_records(written)
    del records[FIRST_ROW]
    _write_csv_records(written, records)
    with pytest.raises(
        CodingError,
        match=(
            r"The coding sheet .*coding\.csv had 5 rows when written; it has 4 now\. Expected "
            r"every row as written: rows must not be deleted or added"
        ),
    ):
        read_coding_sheet(written)


def test_a_copied_row_is_refused(written: Path) -> None:
    records = _csv_records(written)
    records.append(records[FIRST_ROW - 1])
    _write_csv_records(written, records)
    with pytest.raises(
        CodingError,
        match=(
            rf"Rows {FIRST_ROW} and {FIRST_ROW + 5} of the coding sheet .* have the same "
            r"hit_id '.*'; expected each hit once \(a row was copied\)\."
        ),
    ):
        read_coding_sheet(written)


def test_a_row_without_hit_id_is_refused(written: Path) -> None:
    _edit_csv(written, FIRST_ROW + 3, "hit_id", " ")
    with pytest.raises(
        CodingError,
        match=rf"Row {FIRST_ROW + 3} of the coding sheet .* has no hit_id; expected the hit_id",
    ):
        read_coding_sheet(written)


def test_sorted_rows_blank_rows_and_trailing_empty_cells_are_accepted(written: Path) -> None:
    records = _csv_records(written)
    head, rows = records[: FIRST_ROW - 1], records[FIRST_ROW - 1 :]
    rows = [[*row, "", ""] for row in reversed(rows)] + [[""] * 3]
    _write_csv_records(written, [*head, *rows])
    back = read_coding_sheet(written)
    assert len(back) == 5 and back["code"].isna().all()


def test_a_csv_resaved_with_semicolons_is_read(written: Path) -> None:
    records = _csv_records(written)
    records[FIRST_ROW - 1][records[FIRST_ROW - 2].index("code")] = "yes"
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(records)
    written.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    back = read_coding_sheet(written)
    assert back["code"].tolist()[:2] == ["yes", pd.NA]
    assert back["match"].tolist().count("Odessa") == 4


def test_lost_instruction_lines_warn_that_deleted_rows_go_unseen(written: Path) -> None:
    records = _csv_records(written)
    _write_csv_records(written, records[FIRST_ROW - 2 :])
    with pytest.warns(UserWarning, match=r"has lost the instruction lines that hold its row"):
        back = read_coding_sheet(written)
    assert len(back) == 5


def test_a_repeated_column_is_refused(written: Path) -> None:
    records = _csv_records(written)
    for record in records[FIRST_ROW - 2 :]:
        record.append(record[0])
    _write_csv_records(written, records)
    with pytest.raises(CodingError, match=r"has the column\(s\) \['hit_id'\] more than once"):
        read_coding_sheet(written)


def test_without_instruction_lines_extra_strata_are_still_checked(small, tmp_path) -> None:
    corpus, hits = small
    corpus = corpus.assign(desk=pd.array(["news", "sport", "news"], dtype="string"))
    path = write_coding_sheet(coding_sheet(hits, corpus, by="desk"), tmp_path / "coding.csv")
    _write_csv_records(path, _csv_records(path)[FIRST_ROW - 2 :])
    with pytest.warns(UserWarning, match=r"deleted rows cannot be detected"):
        assert len(read_coding_sheet(path)) == 5
    _edit_csv(path, 2, "desk", "opinion")
    with pytest.raises(CodingError, match=r"Row 2 of the coding sheet .* outlet, desk no"):
        read_coding_sheet(path)


def test_a_changed_match_in_an_xlsx_file_is_refused(small, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    corpus, hits = small
    path = write_coding_sheet(coding_sheet(hits, corpus), tmp_path / "coding.xlsx")
    workbook = load_workbook(path)
    workbook["coding"]["E3"] = "Odesa"
    workbook["coding"]["G2"] = "YES"
    workbook.save(path)
    with pytest.raises(
        CodingError, match=r"Row 3 of the coding sheet .*coding\.xlsx .* was changed"
    ):
        read_coding_sheet(path)


def test_a_csv_saved_in_another_encoding_is_refused(written: Path) -> None:
    text = written.read_bytes().decode("utf-8-sig").replace("Shelling", "Sh\u00e9lling")
    written.write_bytes(text.encode("cp1252"))
    with pytest.raises(CodingError, match=r"is not UTF-8 text .* save it as 'CSV UTF-8'"):
        read_coding_sheet(written)


def test_a_sheet_edited_before_writing_is_refused(small, tmp_path: Path) -> None:
    corpus, hits = small
    sheet = coding_sheet(hits, corpus)
    sheet.loc[1, "concept"] = "port"
    with pytest.raises(
        ValueError,
        match=r"Row 1 of the 'sheet' parameter of write_coding_sheet \(hit_id '.*'\) no longer "
        r"fits its check: one of the columns hit_id, match, term, concept",
    ):
        write_coding_sheet(sheet, tmp_path / "coding.csv")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_extra_stratum_column_is_checked_without_provenance(
    small, tmp_path: Path, suffix: str
) -> None:
    corpus, hits = small
    corpus = corpus.assign(desk=pd.array(["news", "sport", "news"], dtype="string"))
    sheet = coding_sheet(hits, corpus, by=("concept", "desk"))
    assert list(sheet.columns).index("desk") == list(sheet.columns).index("stratum_hits") - 1
    sheet.attrs.clear()
    path = write_coding_sheet(sheet, tmp_path / f"coding{suffix}")
    pd.testing.assert_frame_equal(read_coding_sheet(path), sheet)
    if suffix == ".csv":
        position = _csv_records(path)[FIRST_ROW - 2].index("desk")
        row = next(
            number
            for number, record in enumerate(_csv_records(path), start=1)
            if number >= FIRST_ROW and record[position] == "sport"
        )
        _edit_csv(path, row, "desk", "news")
        with pytest.raises(CodingError, match=rf"Row {row} .* outlet, desk no longer fit"):
            read_coding_sheet(path)


def test_other_file_types_are_refused(small, tmp_path: Path) -> None:
    corpus, hits = small
    with pytest.raises(ValueError, match=r"must end in \.csv or \.xlsx\. Got '.*coding\.ods'"):
        write_coding_sheet(coding_sheet(hits, corpus), tmp_path / "coding.ods")
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(CodingError, match=r"must be a \.csv or \.xlsx file"):
        read_coding_sheet(tmp_path / "notes.txt")
    (tmp_path / "plain.csv").write_text("a,b\n1,2\n")
    with pytest.raises(CodingError, match=r"has no header row starting with 'hit_id'"):
        read_coding_sheet(tmp_path / "plain.csv")


# --------------------------------------------------------------------------- statistics


def _z95() -> float:
    return 1.959963984540054


def test_wilson_interval_matches_hand_computed_values() -> None:
    z = _z95()
    z2 = z * z  # 3.841459
    # 8 of 9: centre (8 + z²/2)/(9 + z²) = 9.920729/12.841459 = 0.772554;
    # half z·3/(9 + z²)·sqrt(8/81 + z²/36) = 0.457883 × 0.453290 = 0.207554.
    low, high = wilson_interval([8], [9])
    assert low[0] == pytest.approx(0.565000, abs=1e-6)
    assert high[0] == pytest.approx(0.980109, abs=1e-6)
    # 0 of 5: [0, z²/(5 + z²)]; 10 of 10: [10/(10 + z²), 1].
    low, high = wilson_interval([0, 10], [5, 10])
    assert low.tolist()[0] == 0.0 and high[0] == pytest.approx(z2 / (5 + z2), abs=1e-12)
    assert low[1] == pytest.approx(10 / (10 + z2), abs=1e-12) and high.tolist()[1] == 1.0
    assert high[0] == pytest.approx(0.434482, abs=1e-6)
    assert low[1] == pytest.approx(0.722467, abs=1e-6)


@pytest.mark.parametrize("ci", [0.8, 0.9, 0.95, 0.99])
def test_wilson_interval_matches_scipy(ci: float) -> None:
    from scipy.stats import binomtest

    for trials in (1, 2, 7, 30, 200):
        for successes in sorted({0, 1, trials // 3, trials // 2, trials - 1, trials}):
            low, high = wilson_interval([successes], [trials], ci=ci)
            oracle = binomtest(successes, trials).proportion_ci(
                confidence_level=ci, method="wilson"
            )
            assert low[0] == pytest.approx(oracle.low, abs=1e-9)
            assert high[0] == pytest.approx(oracle.high, abs=1e-9)


def test_precision_counts_codes_and_leaves_unsure_out() -> None:
    coded = pd.DataFrame(
        {
            "concept": ["city"] * 12 + ["war"] * 3,
            "variant": ["russian"] * 12 + ["name"] * 3,
            "code": ["yes"] * 8 + ["no", "unsure", None, "unsure"] + [None, None, None],
        }
    )
    table = precision(coded)
    city = table.iloc[0]
    assert (city["rows"], city["coded"], city["yes"], city["no"]) == (12, 11, 8, 1)
    assert (city["unsure"], city["uncoded"]) == (2, 1)
    assert city["precision"] == pytest.approx(8 / 9)
    assert city["precision_low"] == pytest.approx(0.565000, abs=1e-6)
    # A stratum with nothing coded: NaN, not an error.
    war = table.iloc[1]
    assert (war["rows"], war["coded"], war["uncoded"]) == (3, 0, 3)
    assert math.isnan(war["precision"]) and math.isnan(war["precision_low"])
    assert math.isnan(war["precision_high"])


def test_precision_of_an_empty_sheet_is_an_empty_table() -> None:
    empty = pd.DataFrame({"concept": [], "variant": [], "code": []})
    table = precision(empty)
    assert len(table) == 0 and "precision_high" in table.columns


def test_precision_of_a_read_sheet_with_codes(sample, tmp_path: Path) -> None:
    corpus, hits = sample
    sheet = coding_sheet(hits, corpus, n=6)
    # A coder who calls every hit of "neutral" variants false and codes the rest yes.
    sheet["code"] = pd.array(
        np.where(sheet["variant"] == "neutral", "no", "yes").tolist(), dtype="string"
    )
    path = write_coding_sheet(sheet, tmp_path / "coding.xlsx")
    table = precision(read_coding_sheet(path))
    neutral = table[table["variant"] == "neutral"]
    assert (neutral["precision"] == 0).all() and (neutral["precision_low"] == 0).all()
    others = table[table["variant"] != "neutral"]
    assert (others["precision"] == 1).all() and (others["precision_high"] == 1).all()
    assert table["coded"].sum() == len(sheet)
    assert table.attrs["framing"]["function"] == "precision"


def test_precision_rejects_unknown_codes_and_bad_ci() -> None:
    coded = pd.DataFrame({"concept": "c", "variant": "v", "code": ["yes", "perhaps"]})
    with pytest.raises(ValueError, match=r"has the code 'perhaps' at index 1; expected one of"):
        precision(coded)
    with pytest.raises(ValueError, match=r"The 'ci' parameter of precision must be a number"):
        precision(coded.iloc[:1], ci=95)
    with pytest.raises(ValueError, match=r"it lacks the column\(s\) \['code'\]"):
        precision(coded.drop(columns="code"))


@settings(max_examples=300, deadline=None)
@given(
    trials=st.integers(min_value=1, max_value=10_000),
    fraction=st.floats(min_value=0, max_value=1),
    ci=st.floats(min_value=0.5, max_value=0.999),
)
def test_precision_lies_inside_its_interval(trials: int, fraction: float, ci: float) -> None:
    yes = round(fraction * trials)
    coded = pd.DataFrame({"concept": "c", "variant": "v", "code": ["yes", "no"]})
    coded = coded.loc[[0] * yes + [1] * (trials - yes)]
    row = precision(coded, ci=ci).iloc[0]
    assert 0 <= row["precision_low"] <= row["precision"] <= row["precision_high"] <= 1


def test_adjusted_counts_multiply_counts_by_precision() -> None:
    coded = pd.DataFrame(
        {"concept": "city", "variant": "russian", "code": ["yes"] * 8 + ["no"] * 2}
    )
    table = precision(coded)
    scores = pd.DataFrame(
        {
            "outlet": ["X", "Y", "X"],
            "concept": ["city", "city", "war"],
            "variant": ["russian", "russian", "name"],
            "count": [100, 10, 7],
        }
    )
    adjusted = adjusted_counts(scores, table)
    assert adjusted["adjusted_count"].tolist()[:2] == pytest.approx([80.0, 8.0])
    low, high = wilson_interval([8], [10])
    assert adjusted["adjusted_count_low"].iloc[0] == pytest.approx(100 * low[0])
    assert adjusted["adjusted_count_high"].iloc[1] == pytest.approx(10 * high[0])
    # A stratum nobody coded: kept, with NaN, never dropped.
    assert len(adjusted) == 3 and math.isnan(adjusted["adjusted_count"].iloc[2])
    assert adjusted["count"].tolist() == [100, 10, 7]


def test_adjusted_counts_on_score_output(sample) -> None:
    corpus, hits = sample
    sheet = coding_sheet(hits, corpus, n=3)
    sheet["code"] = pd.array((["yes", "yes", "no"] * len(sheet))[: len(sheet)], dtype="string")
    scores = framing.score(hits, corpus, n_boot=20)
    adjusted = adjusted_counts(scores, precision(sheet))
    assert len(adjusted) == len(scores)
    known = adjusted["precision"].notna()
    assert known.any()
    assert (adjusted.loc[known, "adjusted_count"] <= adjusted.loc[known, "count"]).all()


def test_adjusted_counts_needs_the_stratum_columns() -> None:
    table = precision(pd.DataFrame({"concept": "c", "variant": "v", "code": ["yes"]}))
    with pytest.raises(ValueError, match=r"it lacks \['variant'\]"):
        adjusted_counts(pd.DataFrame({"concept": ["c"], "count": [3]}), table)


def test_codes_are_the_documented_three() -> None:
    assert CODES == ("yes", "no", "unsure")


# --------------------------------------------------------------------------- documentation


def test_the_docstring_examples_run() -> None:
    import doctest
    import importlib

    attempted = 0
    for name in ("sheet", "writing", "reading", "precision"):
        module = importlib.import_module(f"framing.coding.{name}")
        result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
        assert result.failed == 0, name
        attempted += result.attempted
    assert attempted >= 20


@pytest.mark.slow
def test_the_workflow_in_docs_validation_md_runs(tmp_path: Path, monkeypatch) -> None:
    import re

    text = (Path(__file__).resolve().parents[1] / "docs" / "validation.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)
    assert len(blocks) == 1
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(blocks[0], namespace)  # the documented code, as a reader would run it
    assert (tmp_path / "coding.xlsx").is_file()
    assert len(namespace["adjusted"]) == len(namespace["scores"])
    # Nothing was coded: every stratum is there, with NaN precision.
    assert namespace["table"]["uncoded"].sum() == len(namespace["sheet"])
    assert namespace["table"]["precision"].isna().all()
    assert namespace["concepts"]["precision"].isna().all()
    assert (namespace["agreement"]["items"] == 0).all()
    assert (tmp_path / "recall.xlsx").is_file() and len(namespace["recall"]) == 1
