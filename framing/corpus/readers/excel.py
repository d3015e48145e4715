"""Excel workbooks (format ``"excel"``): the first sheet of an ``.xlsx``/``.xlsm`` file.

Cells are read as their cached values: formulas are never evaluated. Records are named
by the sheet's row number.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from framing.corpus._dates import is_blank
from framing.corpus._report import Collector, RecordError
from framing.corpus.readers._registry import Chunk, Source, header_names, register


@register(
    "excel",
    extensions=(".xlsx", ".xlsm"),
    aliases=("xlsx",),
    expected="an .xlsx workbook with a header row",
)
def _read_excel(path: Path, source: Source, collector: Collector, size: int) -> Iterator[Chunk]:
    """Rows of the first sheet; a row with values beyond the header is a bad record."""
    # Imported here: openpyxl is needed only when a workbook is read.
    import zipfile

    import openpyxl

    try:
        # data_only: cached cell values; formulas are never evaluated.
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise RecordError(
            source.path, None, f"expected an .xlsx workbook ({type(error).__name__}: {error})"
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows_iter = sheet.iter_rows(values_only=True)
        header_row = next(rows_iter, None)
        if header_row is None or all(is_blank(cell) for cell in header_row):
            raise RecordError(source.path, "row 1", "expected a header row; found none")
        header = header_names(header_row)
        rows: list[list[Any]] = []
        records: list[str] = []
        for number, row in enumerate(rows_iter, start=2):
            record = f"row {number}"
            cells = list(row)[: len(header)]
            cells += [None] * (len(header) - len(cells))
            if all(is_blank(cell) for cell in row):
                collector.blank(source.path)
                continue
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
        if rows:
            yield Chunk.from_rows(header, rows, records)
    finally:
        workbook.close()
