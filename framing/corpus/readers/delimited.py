"""Delimited text tables: ``"csv"`` (comma, or ``;``/tab when the header uses them), ``"tsv"``.

The first row is the header; each further row is a document, named by the line it
starts on (a quoted cell may hold line breaks).

Every record is either a document or a skipped record naming its line, whatever the file
holds:

- the file is read as UTF-8, or in the charset ``encoding=`` names, or in a Cyrillic
  charset (windows-1251, KOI8-R/U, DOS 866) when it is not UTF-8 and surely that
  (``_charsets``; the load report says which);
- each line is decoded on its own, so a byte that is not UTF-8 (or not the file's
  charset) spoils only the record holding it (named by the line the byte is on);
- quotes are read strictly: a quotation mark opened and never closed by the end of the
  file is reported on the line where it opens, and the lines after it are read again as
  records of their own (a runaway quote never swallows the rows after it);
- a record longer than ``framing.get_limits().record_bytes`` stops the file there, reported
  as "lines N to the end not read";
- a table ``framing.write_table`` wrote (its sidecar beside it lists the file) reads
  back as it was: the ``'`` put before cells a spreadsheet would run as formulas is
  dropped;
- a cell holding only ``NA``, ``N/A``, ``NaN``, ``NULL``, ``<NA>`` or ``#N/A`` (what R,
  pandas and spreadsheets write for a missing value) is blank, quoted or not.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from framing._export import unescape_formula
from framing._files import written_by_kit
from framing.corpus._report import Collector, RecordError
from framing.corpus.readers._charsets import SAMPLE_BYTES, text_encoding
from framing.corpus.readers._registry import Chunk, Source, header_names, register
from framing.corpus.readers._sources import check_text_file, read_head
from framing.corpus.readers._text_io import Line, file_lines
from framing.limits import get_limits

#: Cells that spreadsheets, R and pandas write for a missing value: read as blank.
MISSING_CELLS = frozenset({"NA", "N/A", "NaN", "NULL", "<NA>", "#N/A"})
# How many times one file may be read again after a runaway quote, before the rest of
# it is reported whole (each time costs a pass over up to one record's lines).
_MAX_REREADS = 100


class _RecordTooLong(Exception):
    """Raised inside the line feed when one record grows past the record limit."""


class _Feed:
    """Lines for ``csv.reader``: remembers the lines of the record being read.

    ``pending`` holds lines to read again (after a runaway quote) before the file's own.
    """

    def __init__(self, lines: Iterator[Line], limit: int) -> None:
        self.lines = lines
        self.limit = limit
        self.pending: list[Line] = []
        self.record: list[Line] = []
        self.size = 0

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        line = self.pending.pop(0) if self.pending else next(self.lines)
        self.record.append(line)
        if line.too_long:
            raise _RecordTooLong
        self.size += len(line.text)
        if self.size > self.limit:
            raise _RecordTooLong
        return line.text

    def start_record(self) -> None:
        self.record = []
        self.size = 0


@register("csv", extensions=(".csv",), expected="a header row and one row per document")
@register(
    "tsv",
    extensions=(".tsv", ".tab"),
    expected="a tab-separated header row and one row per document",
)
def _read_delimited(path: Path, source: Source, collector: Collector, size: int) -> Iterator[Chunk]:
    """Rows of a CSV/TSV file; a row with another number of fields is a bad record."""
    check_text_file(path, source.format)
    csv.field_size_limit(2**31 - 1)  # records are bounded by the feed, not by csv
    limit = get_limits().record_bytes
    with path.open("rb") as handle:
        sample = handle.read(SAMPLE_BYTES + 1)
    encoding = text_encoding(source, sample[:SAMPLE_BYTES], whole=len(sample) <= SAMPLE_BYTES)
    feed = _Feed(file_lines(path, limit, encoding=encoding), limit)
    delimiter = _delimiter(path, source.format)
    reader = csv.reader(feed, delimiter=delimiter, strict=True)
    # A table write_table wrote (its sidecar lists it): cells it escaped for spreadsheets
    # ("'=1+1") read back as they were.
    unescape = unescape_formula if written_by_kit(path) else None
    header: list[str] | None = None
    rows: list[list[str | None]] = []
    records: list[str] = []
    rereads = 0
    while True:
        feed.start_record()
        try:
            row = next(reader)
        except StopIteration:
            break
        except _RecordTooLong:
            first = feed.record[0].number
            collector.fail(
                source.path,
                f"lines {first} to the end",
                f"a record longer than the limit of {limit:,} bytes starts on line {first} "
                "(a quotation mark opened in it may never be closed; the rest of the file "
                "was not read; raise the limit with framing.set_limits(record_bytes=...))",
            )
            break
        except csv.Error as error:
            lines = feed.record
            if not lines:
                break
            first, last = lines[0].number, lines[-1].number
            runaway = "unexpected end of data" in str(error)
            if header is None:
                raise RecordError(
                    source.path,
                    f"line {first}",
                    f"expected a header row; malformed CSV ({error})",
                ) from None
            if runaway:
                collector.fail(
                    source.path,
                    f"line {first}",
                    "a quotation mark opened in this record is never closed (the lines after "
                    "it were read again as records of their own)",
                )
                rereads += 1
                if rereads > _MAX_REREADS:
                    collector.fail(
                        source.path,
                        f"lines {first + 1} to the end",
                        f"more than {_MAX_REREADS} quotation marks never closed; the rest "
                        "of the file was not read",
                    )
                    break
                feed.pending = lines[1:] + feed.pending
                reader = csv.reader(feed, delimiter=delimiter, strict=True)
            else:
                reason = f"malformed CSV ({error})"
                if last > first:
                    reason += (
                        f"; the record runs from line {first} to line {last}: a quotation mark "
                        "opened in it may never be closed"
                    )
                collector.fail(source.path, f"line {first}", reason)
            continue
        lines = feed.record
        if not lines:
            break
        first, last = lines[0].number, lines[-1].number
        record = f"line {first}"
        if len(lines) == 1:  # most records
            undecodable = lines[0] if lines[0].undecodable else None
        else:
            undecodable = next((line for line in lines if line.undecodable), None)
        if header is None:
            if undecodable is not None:
                raise RecordError(
                    source.path, f"line {undecodable.number}", undecodable.undecodable or ""
                )
            if not any(cell.strip() for cell in row):
                raise RecordError(source.path, "line 1", "expected a header row; found none")
            header = header_names([unescape(c) for c in row] if unescape else row)
            if len(header) > get_limits().columns:
                raise RecordError(
                    source.path,
                    "line 1",
                    f"the header has {len(header):,} columns, more than the limit of "
                    f"{get_limits().columns:,} (raise it with framing.set_limits(columns=...))",
                )
            continue
        if not "".join(row).strip():  # no cell holds anything but white space
            if row:
                collector.blank(source.path)
            continue
        if undecodable is not None:
            reason = undecodable.undecodable or ""
            if undecodable.number != first:
                reason += f", on line {undecodable.number} of this record"
            collector.fail(source.path, record, reason)
            continue
        if len(row) != len(header):
            reason = f"expected {len(header)} fields as in the header, found {len(row)}"
            if last > first:
                reason += (
                    f"; the record runs on to line {last}: a quotation mark opened "
                    "in it may never be closed"
                )
            collector.fail(source.path, record, reason)
            continue
        if unescape is not None:
            row = [unescape(cell) for cell in row]
        rows.append([None if cell.strip() in MISSING_CELLS else cell for cell in row])
        records.append(record)
        if len(rows) >= size:
            yield Chunk.from_rows(header, rows, records)
            rows, records = [], []
    if header is None and not rows:
        raise RecordError(source.path, "line 1", "expected a header row; found none")
    if rows:
        yield Chunk.from_rows(header or [], rows, records)


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
