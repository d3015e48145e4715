"""Excel workbooks (format ``"excel"``): the first sheet of an ``.xlsx``/``.xlsm`` file.

Cells are read as their cached values: formulas are never evaluated, and a formula cell
whose workbook stores no value (files written by openpyxl or pandas and never opened in
a spreadsheet program) reads as blank: open and save such a workbook in Excel or
LibreOffice first. Records are named by the sheet's row number.

Bounded whatever the file claims: the unpacked size of the workbook is checked in its
zip directory before anything is unpacked (``framing.get_limits().xlsx_uncompressed_bytes``);
the rows of the sheet's ``<dimension>`` are ignored, so a 2 KB file claiming a million
rows costs nothing (its columns widen the header only when they are at most
``framing.get_limits().columns``); rows beyond ``framing.get_limits().xlsx_rows`` are
not read; cells more than one column right of the header are not read (one is, to find
rows longer than the header).
A sheet that breaks down part way (malformed XML, a shared string that does not exist)
keeps the rows read before, and the rest is reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from framing.corpus._dates import is_blank
from framing.corpus._report import Collector, RecordError
from framing.corpus.readers._registry import Chunk, Source, header_names, register
from framing.limits import get_limits


@register(
    "excel",
    extensions=(".xlsx", ".xlsm"),
    aliases=("xlsx",),
    expected="an .xlsx workbook with a header row",
)
def _read_excel(path: Path, source: Source, collector: Collector, size: int) -> Iterator[Chunk]:
    """Rows of the first sheet; a row with values beyond the header is a bad record."""
    # Imported here: openpyxl is needed only when a workbook is read.
    import openpyxl

    _check_unpacked_size(path, source)
    try:
        # data_only: cached cell values; formulas are never evaluated.
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # BadZipFile, KeyError, ParseError, DefusedXmlException, ...
        raise RecordError(
            source.path, None, f"expected an .xlsx workbook ({type(error).__name__}: {error})"
        ) from None
    try:
        yield from _sheet_rows(workbook, source, collector, size)
    finally:
        workbook.close()


def _check_unpacked_size(path: Path, source: Source) -> None:
    """Refuse a workbook whose parts unpack to more than the limit (a zip bomb)."""
    import zipfile

    limit = get_limits().xlsx_uncompressed_bytes
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise RecordError(
            source.path, None, f"expected an .xlsx workbook ({type(error).__name__}: {error})"
        ) from None
    if unpacked > limit:
        raise RecordError(
            source.path,
            None,
            f"the workbook unpacks to {unpacked:,} bytes, more than the limit of {limit:,} "
            "(raise it with framing.set_limits(xlsx_uncompressed_bytes=...), or save the "
            "sheet as CSV)",
        )


def _sheet_rows(workbook: Any, source: Source, collector: Collector, size: int) -> Iterator[Chunk]:
    sheet = workbook.worksheets[0]
    # The file's <dimension> may claim rows and columns that are not there: its rows are
    # never trusted; its columns only where they are few (a column of data whose header
    # cell is blank is then still read, as "Unnamed: N").
    claimed_columns = getattr(sheet, "max_column", None) or 0
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()
    number = 1
    rows: list[list[Any]] = []
    records: list[str] = []
    try:
        header_row = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), None)
        if header_row is None or all(is_blank(cell) for cell in header_row):
            raise RecordError(source.path, "row 1", "expected a header row; found none")
        if len(header_row) > get_limits().columns:
            raise RecordError(
                source.path,
                "row 1",
                f"the header has {len(header_row):,} columns, more than the limit of "
                f"{get_limits().columns:,} (raise it with framing.set_limits(columns=...))",
            )
        header_row = tuple(header_row)
        if len(header_row) < claimed_columns <= get_limits().columns:
            header_row += (None,) * (claimed_columns - len(header_row))
        header = header_names(header_row)
        most = get_limits().xlsx_rows
        number = 2
        for row in sheet.iter_rows(min_row=2, max_col=len(header) + 1, values_only=True):
            record = f"row {number}"
            if number > most:
                collector.fail(
                    source.path,
                    f"rows {number} to the end",
                    f"the sheet has more than {most:,} rows (the limit; raise it with "
                    "framing.set_limits(xlsx_rows=...)); the rest was not read",
                )
                break
            number += 1
            if all(is_blank(cell) for cell in row):
                if row:
                    collector.blank(source.path)
                continue
            cells = list(row)[: len(header)]
            cells += [None] * (len(header) - len(cells))
            if any(not is_blank(cell) for cell in list(row)[len(header) :]):
                collector.fail(
                    source.path,
                    record,
                    f"expected at most {len(header)} cells as in the header, found values "
                    "beyond it",
                )
                continue
            rows.append(cells)
            records.append(record)
            if len(rows) >= size:
                yield Chunk.from_rows(header, rows, records)
                rows, records = [], []
    except RecordError:
        raise
    except Exception as error:  # malformed sheet XML, a missing shared string, a bad date
        if rows:
            yield Chunk.from_rows(header, rows, records)
            rows, records = [], []
        collector.fail(
            source.path,
            f"rows {number} to the end",
            f"the sheet could not be read further ({type(error).__name__}: {str(error)[:200]})",
        )
    if rows:
        yield Chunk.from_rows(header, rows, records)
