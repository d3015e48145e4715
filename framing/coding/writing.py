"""Write a coding sheet to .csv or .xlsx, with formulas escaped and the row checks kept."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing.coding.sheet import (
    _FIXED_XLSX_TIME,
    _FORMULA_PREFIXES,
    _ILLEGAL_XLSX,
    _INSTRUCTIONS,
    _META,
    CODES,
    OPTIONAL_SHEET_COLUMNS,
    SHEET_COLUMNS,
    _checked,
    _row_check,
)
from framing.provenance import provenance

# --------------------------------------------------------------------------- writing


def write_coding_sheet(sheet: pd.DataFrame, path: str | Path) -> Path:
    """Write a coding sheet to ``.csv`` or ``.xlsx`` for coding in a spreadsheet.

    Parameters
    ----------
    sheet : pandas.DataFrame
        A sheet from :func:`coding_sheet` (codes may already be filled in).
    path : str or pathlib.Path
        The file to write; its suffix chooses the format:

        ``.xlsx``
            Sheet "coding" holds the table (a drop-down offers the codes); sheet
            "instructions" says what to do and holds the row count, a hash of the
            hit_ids and the provenance. Every text cell is written as text, never as a
            formula, so a match that starts with "=" stays text. The file is the same
            byte for byte when written again from the same sheet.
        ``.csv``
            UTF-8 with a byte-order mark (so that Excel reads the accents right), the
            instructions as ``#`` lines above the table. A text cell that starts with
            ``= + - @``, a tab, a carriage return or ``'`` gets a leading ``'`` so that no
            spreadsheet runs it as a formula; :func:`read_coding_sheet` removes it.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ValueError
        If the suffix is neither ``.csv`` nor ``.xlsx``, ``sheet`` lacks a column, or a
        row's hit_id, match, term, concept, variant, voice or outlet was changed after
        :func:`coding_sheet` made it (the file could not be read back).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> import framing
    >>> corpus = framing.as_corpus(pd.DataFrame({"doc_id": ["a"], "outlet": ["X"],
    ...     "published": [None], "title": [""], "text": ["Odessa, Texas, votes."]}))
    >>> lexicon = framing.Lexicon.from_dataframe(pd.DataFrame({
    ...     "concept": ["city"], "variant": ["russian"], "term": ["Odessa"]}), name="demo")
    >>> sheet = framing.coding_sheet(framing.match(corpus, lexicon), corpus)
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_coding_sheet(sheet, folder / "coding.xlsx").name
    'coding.xlsx'
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError(
            f"The 'path' parameter of write_coding_sheet must end in .csv or .xlsx. "
            f"Got {str(path)!r} instead."
        )
    missing = [
        column
        for column in SHEET_COLUMNS
        if column not in sheet.columns and column not in OPTIONAL_SHEET_COLUMNS
    ]
    if missing:
        raise ValueError(
            f"The 'sheet' parameter of write_coding_sheet must be a sheet from "
            f"framing.coding_sheet; it lacks the column(s) {missing}."
        )
    checked = _checked(_checked_extras(sheet))
    for row in range(len(sheet)):
        if _row_check(sheet, row, checked) != sheet["check"].iat[row]:
            raise ValueError(
                f"Row {row} of the 'sheet' parameter of write_coding_sheet (hit_id "
                f"{sheet['hit_id'].iat[row]!r}) no longer fits its check: one of the columns "
                f"{', '.join(checked)} was changed after coding_sheet made it. Expected a "
                "sheet from framing.coding_sheet with only 'code' and 'comment' filled in."
            )
    columns = list(sheet.columns)
    header = _instructions() + _meta_rows(sheet)
    rows = [[_cell_text(sheet[column].iat[row]) for column in columns] for row in range(len(sheet))]
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        _write_csv(path, header, columns, rows, sheet)
    else:
        _write_xlsx(path, header, columns, rows, sheet)
    return path


def _instructions() -> list[list[str]]:
    return [[line] for line in _INSTRUCTIONS]


def _meta_rows(sheet: pd.DataFrame) -> list[list[str]]:
    extras = _checked_extras(sheet)
    return [
        [_META, "rows", str(len(sheet))],
        [_META, "hit_ids", _hit_id_digest(sheet["hit_id"].astype(str).tolist())],
        [_META, "checked", ",".join(_checked(extras))],
        [_META, "provenance", json.dumps(provenance(sheet), sort_keys=True, default=str)],
    ]


def _checked_extras(sheet: pd.DataFrame) -> list[str]:
    """Stratum columns beyond the default ones: coding_sheet puts them before stratum_hits.

    Read from the columns, not from the provenance, which pandas drops in some operations.
    """
    columns = list(sheet.columns)
    between = columns[columns.index("end") + 1 : columns.index("stratum_hits")]
    return [column for column in between if column not in SHEET_COLUMNS]


def _hit_id_digest(hit_ids: list[str]) -> str:
    text = "\x1f".join(sorted(hit_ids))
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _cell_text(value: Any) -> Any:
    """A cell's value as written: text, a whole number, or None for missing."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.isoformat()
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    return str(value)


def _escape(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def _unescape(value: str) -> str:
    return value[1:] if value.startswith("'") else value


def _write_csv(
    path: Path, header: list[list[str]], columns: list[str], rows: list[list[Any]], sheet: Any
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(header)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if value is None else _escape(value) for value in row])
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


def _write_xlsx(
    path: Path, header: list[list[str]], columns: list[str], rows: list[list[Any]], sheet: Any
) -> None:
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    coding = workbook.active
    coding.title = "coding"
    for number, values in enumerate([columns, *rows], start=1):
        for column, value in enumerate(values, start=1):
            if value is None:
                continue
            if isinstance(value, str) and _ILLEGAL_XLSX.search(value):
                name = columns[column - 1]
                if name not in ("left", "right", "comment"):
                    raise ValueError(
                        f"Cannot write the {name} {value!r} of the hit "
                        f"{rows[number - 2][0]!r} to an .xlsx file: it holds a control "
                        "character that .xlsx cannot store. Write a .csv file instead."
                    )
                # Context only: shown, never checked, so a stand-in character is harmless.
                value = _ILLEGAL_XLSX.sub("\ufffd", value)
            cell = coding.cell(row=number, column=column, value=value)
            if isinstance(value, str):
                # openpyxl would store "=..." as a formula and "#N/A" as an error: text it is.
                cell.data_type = "s"
    coding.freeze_panes = "B2"
    code_column = _column_letter(columns.index("code") + 1)
    choices = DataValidation(type="list", formula1='"' + ",".join(CODES) + '"', allow_blank=True)
    choices.error = "Enter yes, no or unsure, or leave blank."
    coding.add_data_validation(choices)
    if rows:
        choices.add(f"{code_column}2:{code_column}{len(rows) + 1}")
    widths = {"left": 60, "match": 20, "right": 60, "comment": 30, "hit_id": 24}
    for position, name in enumerate(columns, start=1):
        coding.column_dimensions[_column_letter(position)].width = widths.get(name, 12)
    about = workbook.create_sheet("instructions")
    for number, values in enumerate(header, start=1):
        for column, value in enumerate(values, start=1):
            cell = about.cell(row=number, column=column, value=value)
            cell.data_type = "s"
    about.column_dimensions["A"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(_fixed_zip(buffer.getvalue()))


def _column_letter(number: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(number)


def _fixed_zip(data: bytes) -> bytes:
    """The .xlsx with the times of saving replaced by a fixed date (same sheet, same bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)",
                    rb"\g<1>" + _FIXED_XLSX_TIME.encode() + rb"\g<2>",
                    content,
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, content)
    return out.getvalue()
