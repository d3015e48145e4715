"""Delimited text tables: ``"csv"`` (comma, or ``;``/tab when the header uses them), ``"tsv"``.

The first row is the header; each further row is a document, named by the line it
starts on (a quoted cell may hold line breaks).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from framing.corpus._report import Collector, RecordError
from framing.corpus.readers._registry import Chunk, Source, header_names, register
from framing.corpus.readers._sources import check_text_file, read_head


@register("csv", extensions=(".csv",), expected="a header row and one row per document")
@register(
    "tsv",
    extensions=(".tsv", ".tab"),
    expected="a tab-separated header row and one row per document",
)
def _read_delimited(path: Path, source: Source, collector: Collector, size: int) -> Iterator[Chunk]:
    """Rows of a CSV/TSV file; a row with another number of fields is a bad record."""
    check_text_file(path, source.format)
    csv.field_size_limit(2**31 - 1)  # article bodies are longer than csv's 128 KiB default
    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=_delimiter(path, source.format))
        try:
            header = next(reader, None)
            if header is None or not any(cell.strip() for cell in header):
                raise RecordError(source.path, "line 1", "expected a header row; found none")
            header = header_names(header)
            rows: list[list[str]] = []
            records: list[str] = []
            # A quoted cell may hold line breaks (article bodies do): a record is named
            # by the line it starts on, where a reader looking for it will find it.
            start = reader.line_num + 1
            for row in reader:
                first, end, start = start, reader.line_num, reader.line_num + 1
                record = f"line {first}"
                if not any(cell.strip() for cell in row):
                    if row:
                        collector.blank(source.path)
                    continue
                if len(row) != len(header):
                    reason = f"expected {len(header)} fields as in the header, found {len(row)}"
                    if end > first:
                        reason += (
                            f"; the record runs on to line {end}: a quotation mark opened "
                            "in it may never be closed"
                        )
                    collector.fail(source.path, record, reason)
                    continue
                rows.append(row)
                records.append(record)
                if len(rows) >= size:
                    yield Chunk.from_rows(header, rows, records)
                    rows, records = [], []
        except UnicodeDecodeError as error:
            raise RecordError(
                source.path,
                f"line {reader.line_num + 1}",
                f"the text is not UTF-8 ({error.reason}); expected UTF-8 text",
            ) from None
        except csv.Error as error:
            raise RecordError(
                source.path, f"line {reader.line_num}", f"malformed CSV ({error})"
            ) from None
    if rows:
        yield Chunk.from_rows(header, rows, records)


def _delimiter(path: Path, file_format: str) -> str:
    """Tab for TSV; for CSV, ``;`` or tab when the header row has those and no comma."""
    if file_format == "tsv":
        return "\t"
    first = next(iter(read_head(path).decode("utf-8", "replace").splitlines()), "")
    if "," not in first:
        if "\t" in first:
            return "\t"
        if ";" in first:
            return ";"
    return ","
