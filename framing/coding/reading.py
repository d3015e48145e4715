"""Read a coded sheet back, refusing edited, deleted or copied rows and unknown codes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import warnings
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing.coding.sheet import (
    _CHECK_LETTERS,
    _CHECKED_BASE,
    _META,
    CODES,
    OPTIONAL_SHEET_COLUMNS,
    SHEET_COLUMNS,
    _checked,
    _parse_hit_id,
)
from framing.coding.writing import _checked_extras, _hit_id_digest, _unescape
from framing.errors import CodingError
from framing.provenance import ATTRS_KEY, stamp

# --------------------------------------------------------------------------- reading


def read_coding_sheet(path: str | Path) -> pd.DataFrame:
    """Read a coded sheet back and check that only codes and comments were changed.

    Parameters
    ----------
    path : str or pathlib.Path
        A ``.csv`` or ``.xlsx`` file written by :func:`write_coding_sheet` and coded.

    Returns
    -------
    pandas.DataFrame
        The sheet's rows in the file's order: :data:`SHEET_COLUMNS` (plus any column the
        coder added), ``code`` lowercased to one of :data:`CODES` or ``<NA>`` where
        blank; ``start, end, stratum_hits`` as integers, ``published`` as UTC dates.
        ``attrs["framing"]`` holds this read (file, rows coded and not) and, under
        ``inputs``, the provenance of the sheet as written.

    Raises
    ------
    CodingError
        Naming the file, the row (as numbered in a spreadsheet) and what was expected:
        a column is missing; a row has no hit_id, or its hit_id, match, term, concept,
        variant, voice or outlet was changed (the row's ``check`` does not fit); a row is
        there twice; rows were deleted or added; a code is not one of yes, no, unsure.

    Warns
    -----
    UserWarning
        If the instruction lines that hold the row count were deleted, so that deleted
        rows cannot be detected.

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
    >>> sheet.loc[0, "code"] = " No "            # as a coder might type it
    >>> path = framing.write_coding_sheet(sheet, pathlib.Path(tempfile.mkdtemp()) / "coding.csv")
    >>> read_coding_sheet(path)[["hit_id", "match", "code"]]
           hit_id   match code
    0  a:text:0-6  Odessa   no
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        records = _read_csv_records(path)
    elif suffix == ".xlsx":
        records = _read_xlsx_records(path)
    else:
        raise CodingError(
            f"The coding sheet {path} must be a .csv or .xlsx file written by "
            "framing.write_coding_sheet."
        )
    meta, columns, spreadsheet_rows, rows = _split_records(records, path)
    repeated = sorted({column for column in columns if columns.count(column) > 1 and column})
    if repeated:
        raise CodingError(
            f"The coding sheet {path} has the column(s) {repeated} more than once; expected "
            "each column of the sheet as written once."
        )
    missing = [
        column
        for column in SHEET_COLUMNS
        if column not in columns and column not in OPTIONAL_SHEET_COLUMNS
    ]
    if not missing and "checked" not in meta:
        checked = _checked(_checked_extras(pd.DataFrame(columns=columns)))
    else:
        checked = meta.get("checked", ",".join(_CHECKED_BASE)).split(",")
    missing += [column for column in checked if column not in columns and column not in missing]
    if missing:
        raise CodingError(
            f"The coding sheet {path} lacks the column(s) {missing}; expected the columns "
            f"written by framing.write_coding_sheet: {[*SHEET_COLUMNS]}. Restore them from "
            "the sheet as written."
        )
    table = pd.DataFrame(rows, columns=columns, dtype=object)
    _check_rows(table, spreadsheet_rows, checked, path)
    _check_count(table, meta, path)
    codes = []
    for number, hit_id, raw in zip(spreadsheet_rows, table["hit_id"], table["code"], strict=True):
        code = raw.strip().lower()
        if code and code not in CODES:
            raise CodingError(
                f"Row {number} of the coding sheet {path} (hit_id {hit_id.strip()!r}) has the code "
                f"{raw!r}; expected one of 'yes', 'no', 'unsure' (any case) or blank for "
                "not yet coded."
            )
        codes.append(code or None)
    result = pd.DataFrame(index=range(len(table)))
    for column in columns:
        values = table[column]
        if column == "code":
            result[column] = pd.array(codes, dtype="string")
        elif column in ("start", "end"):
            parsed = [_parse_hit_id(hit_id) for hit_id in table["hit_id"]]
            index = 2 if column == "start" else 3
            result[column] = np.asarray([part[index] for part in parsed], dtype="int64")
        elif column in ("doc_id", "field"):
            parsed = [_parse_hit_id(hit_id) for hit_id in table["hit_id"]]
            index = 0 if column == "doc_id" else 1
            result[column] = pd.array([part[index] for part in parsed], dtype="string")
        elif column == "stratum_hits":
            result[column] = _whole_numbers(values, spreadsheet_rows, column, path)
        elif column == "published":
            result[column] = _dates(values, spreadsheet_rows, path)
        elif column in ("left", "right"):
            # Context is never missing: a blank cell is a hit at the start or end of a text.
            result[column] = pd.array(list(values), dtype="string")
        else:
            result[column] = pd.array([value or None for value in values], dtype="string")
    uncoded = int(result["code"].isna().sum())
    written = json.loads(meta["provenance"]) if meta.get("provenance") else {}
    source = pd.DataFrame()
    source.attrs[ATTRS_KEY] = written
    stamp(
        result,
        function="read_coding_sheet",
        inherit=source if written else None,
        parameters={"path": str(path), "coded": len(result) - uncoded, "uncoded": uncoded},
    )
    return result


def _read_csv_records(path: Path) -> list[tuple[int, list[str]]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CodingError(
            f"The coding sheet {path} is not UTF-8 text (byte {error.start}); expected the "
            "file as written. In Excel save it as 'CSV UTF-8', or code the .xlsx version."
        ) from None
    # Excel saves "CSV" with the list separator of the coder's locale (";" in much of
    # Europe): the character after the header's "hit_id" tells which one the file uses.
    header = re.search(r'^"?hit_id"?([,;\t])', text, flags=re.MULTILINE)
    delimiter = header[1] if header else ","
    # A record's number is its row number in a spreadsheet (a cell's line breaks included).
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [
        (number, [_unescape(value) for value in record])
        for number, record in enumerate(records, start=1)
    ]


def _read_xlsx_records(path: Path) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise CodingError(
            f"The coding sheet {path} cannot be opened as an .xlsx file ({error}); expected "
            "a workbook written by framing.write_coding_sheet."
        ) from None
    try:
        if "coding" not in workbook.sheetnames:
            raise CodingError(
                f"The coding sheet {path} has no sheet named 'coding'; expected the sheets "
                f"'coding' and 'instructions'. Got {workbook.sheetnames} instead."
            )
        records: list[tuple[int, list[str]]] = []
        if "instructions" in workbook.sheetnames:
            # Numbered 0: these rows are on another sheet, before the coding table.
            for values in workbook["instructions"].iter_rows(values_only=True):
                records.append((0, [_xlsx_text(value) for value in values]))
        for number, values in enumerate(workbook["coding"].iter_rows(values_only=True), 1):
            records.append((number, [_xlsx_text(value) for value in values]))
    finally:
        workbook.close()
    return records


def _xlsx_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):  # a cell a coder retyped as a date
        return pd.Timestamp(value).isoformat()
    return str(value)


def _split_records(
    records: list[tuple[int, list[str]]], path: Path
) -> tuple[dict[str, str], list[str], list[int], list[list[str]]]:
    """The metadata lines, the columns, the data rows' numbers and the data rows."""
    meta: dict[str, str] = {}
    for position, (_, record) in enumerate(records):  # noqa: B007 (used after the loop)
        if record and record[0].strip() == "hit_id":
            break
        if len(record) >= 3 and record[0] == _META:
            meta[record[1]] = record[2]
    else:
        raise CodingError(
            f"The coding sheet {path} has no header row starting with 'hit_id'; expected a "
            "sheet written by framing.write_coding_sheet."
        )
    columns = [column.strip() for column in _trim(records[position][1])]
    numbers, rows = [], []
    for number, record in records[position + 1 :]:
        if not any(value.strip() for value in record):
            continue  # an empty row is spacing, not a hit
        if len(_trim(record)) > len(columns):
            raise CodingError(
                f"Row {number} of the coding sheet {path} has cells beyond the last column "
                f"{columns[-1]!r}; expected values only under the columns of the header."
            )
        numbers.append(number)
        rows.append((list(record) + [""] * len(columns))[: len(columns)])
    return meta, columns, numbers, rows


def _trim(record: list[str]) -> list[str]:
    end = len(record)
    while end and not record[end - 1].strip():
        end -= 1
    return record[:end]


def _check_rows(table: pd.DataFrame, numbers: list[int], checked: list[str], path: Path) -> None:
    seen: dict[str, int] = {}
    for position, number in enumerate(numbers):
        hit_id = table["hit_id"].iat[position].strip()
        if not hit_id:
            raise CodingError(
                f"Row {number} of the coding sheet {path} has no hit_id; expected the hit_id "
                "written with the sheet (rows must not be added)."
            )
        expected = table["check"].iat[position].strip()
        values = [table[column].iat[position] for column in checked]
        digest = hashlib.sha256("\x1f".join(values).encode("utf-8", "surrogatepass")).digest()
        actual = "".join(_CHECK_LETTERS[byte % len(_CHECK_LETTERS)] for byte in digest[:8])
        if actual != expected or _parse_hit_id(hit_id) is None:
            raise CodingError(
                f"Row {number} of the coding sheet {path} (hit_id {hit_id!r}) was changed "
                f"since the sheet was written: its columns {', '.join(checked)} no longer fit "
                f"its check {expected!r}. Expected them as written; only 'code' and 'comment' "
                "are for editing (restore the row from the sheet as written)."
            )
        if hit_id in seen:
            raise CodingError(
                f"Rows {seen[hit_id]} and {number} of the coding sheet {path} have the same "
                f"hit_id {hit_id!r}; expected each hit once (a row was copied)."
            )
        seen[hit_id] = number


def _check_count(table: pd.DataFrame, meta: dict[str, str], path: Path) -> None:
    if "rows" not in meta:
        warnings.warn(
            f"The coding sheet {path} has lost the instruction lines that hold its row "
            "count: deleted rows cannot be detected.",
            UserWarning,
            stacklevel=3,
        )
        return
    written = int(meta["rows"])
    if written != len(table):
        raise CodingError(
            f"The coding sheet {path} had {written} rows when written; it has {len(table)} "
            "now. Expected every row as written: rows must not be deleted or added (leave a "
            "hit's code blank if it cannot be coded)."
        )
    digest = _hit_id_digest([hit_id.strip() for hit_id in table["hit_id"]])
    if meta.get("hit_ids") and digest != meta["hit_ids"]:
        raise CodingError(
            f"The hit_ids of the coding sheet {path} are not those it was written with; "
            "expected the rows as written (a row was replaced)."
        )


def _whole_numbers(values: pd.Series, numbers: list[int], column: str, path: Path) -> np.ndarray:
    out = []
    for number, value in zip(numbers, values, strict=True):
        if not re.fullmatch(r"\s*\d+\s*", value):
            raise CodingError(
                f"Row {number} of the coding sheet {path} has {column} {value!r}; expected "
                "a whole number as written."
            )
        out.append(int(value))
    return np.asarray(out, dtype="int64")


def _dates(values: pd.Series, numbers: list[int], path: Path) -> pd.Series:
    out = []
    for number, value in zip(numbers, values, strict=True):
        if not value.strip():
            out.append(pd.NaT)
            continue
        try:
            out.append(pd.Timestamp(value.strip()))
        except ValueError:
            raise CodingError(
                f"Row {number} of the coding sheet {path} has published {value!r}; expected "
                "an ISO date as written (e.g. '2022-03-01T00:00:00+00:00')."
            ) from None
    stamps = [
        value
        if value is pd.NaT
        else (value.tz_localize("UTC") if value.tzinfo is None else value.tz_convert("UTC"))
        for value in out
    ]
    return pd.Series(pd.DatetimeIndex(stamps, dtype="datetime64[ns, UTC]"))
