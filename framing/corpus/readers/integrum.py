"""Integrum exports (format ``"integrum"``): the HTML report and the Excel sheet.

- **HTML** (usually windows-1251; decoded by its declared charset, else as UTF-8, else
  as windows-1251, KOI8-R or DOS 866 by where its lower-case letters lie; the load
  report's ``encoding`` says which): a numbered
  contents list, then one record per article, its fields tagged ``^ИС:`` source (the
  outlet), ``^РБ:`` rubric (section), ``^НР:`` issue number, ``^ДТ:`` date
  (``09.02.1994``), ``^АВ:`` author, ``^ЗГ:`` headline, and the text in a ``<pre>``
  block (hard-wrapped lines; a new paragraph starts with an indent or after a blank
  line). Other tags are kept as ``integrum_<tag>`` columns. Records are named
  ``article N`` by their number in the contents list (``record N``, the N-th record of
  the file, where that number is missing or repeated).
- **Excel** (``.xlsx``): one row per article, columns ``Источник`` (outlet), ``Дата``
  (``31.12.12``: day, month, two-digit year), ``Время`` (time, no zone), ``Заголовок``
  (headline), ``Анонс`` (the text, starting with the headline again, which is dropped;
  the description when a ``Текст`` column holds the text), ``Оригинал`` (the site),
  ``Автор`` (author). Rows are named ``row N`` (the sheet's row number). The headings
  are the first row, among the first :data:`HEADING_ROWS`, that names ``Источник``,
  ``Дата`` and ``Заголовок`` (an export saved with a title block or blank rows above
  them); the rows above it are listed in the load report as no documents (blank ones
  only counted as blank rows). A sheet read with ``format="integrum"`` that has no such
  row takes its first row as the headings.

An export that repeats an article (the HTML sample holds each article three times)
gives it once; each repeat is listed in the load report as a duplicate of the first.
A two-digit year is 20yy unless that lies after next year, then 19yy. Times carry no
zone: documents are dated by their day and the time is kept in ``time``.
"""

from __future__ import annotations

import itertools
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from framing.corpus._dates import is_blank
from framing.corpus._report import Collector, RecordError
from framing.corpus.readers._charsets import cyrillic_encoding, record_encoding
from framing.corpus.readers._export_dates import date_fields
from framing.corpus.readers._exports import (
    Rows,
    clean_line,
    declared_encoding,
    decode_bytes,
    guarded,
    join_paragraphs,
    read_bytes,
    sniff_bytes,
)
from framing.corpus.readers._registry import Chunk, Source, header_names, register, sniffer

_EXPECTED = (
    "an Integrum export: an HTML report of records tagged ^ИС: ^ДТ: ^ЗГ:, or an .xlsx "
    "sheet with the columns Источник, Дата, Заголовок"
)
_TAG = re.compile(r"\^([А-ЯЁA-Z]{2}):")
_TAGS = {"ИС": "outlet", "РБ": "section", "НР": "issue", "ДТ": "date", "АВ": "author",
         "ЗГ": "title", "ПЗ": "description"}  # fmt: skip
_COLUMNS = {"источник": "outlet", "дата": "date", "время": "time", "заголовок": "title",
            "анонс": "text", "оригинал": "original", "автор": "author", "текст": "text",
            "рубрика": "section", "ссылка": "url", "url": "url"}  # fmt: skip
#: How many first rows of an Integrum sheet are searched for its headings.
HEADING_ROWS = 20
_HEADINGS = frozenset({"источник", "дата", "заголовок"})
_MARKERS = tuple("^ИС:".encode(name) for name in ("utf-8", "cp1251", "koi8_r", "cp866"))


# -- detection ---------------------------------------------------------------------------------
@sniffer
def _sniff_integrum(path: Path, head: bytes) -> str | None:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm") and head.startswith(b"PK\x03\x04"):
        return "integrum" if _heading_row(_xlsx_head(path)) is not None else None
    if suffix not in (".html", ".htm", "") or b"\x00" in head:
        return None
    sample = sniff_bytes(path)
    return "integrum" if any(marker in sample for marker in _MARKERS) else None


def _xlsx_head(path: Path) -> list[tuple[Any, ...]]:
    """The first :data:`HEADING_ROWS` rows of the workbook's first sheet."""
    with zipfile.ZipFile(path) as archive:
        if "xl/workbook.xml" not in archive.namelist():
            return []
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return list(workbook.worksheets[0].iter_rows(values_only=True, max_row=HEADING_ROWS))
    finally:
        workbook.close()


def _heading_row(rows: list[tuple[Any, ...]]) -> int | None:
    """The index in ``rows`` of the first row naming Источник, Дата and Заголовок, or None.

    Only the first :data:`HEADING_ROWS` rows are looked at: an export's title block is a
    few rows, and a sheet whose headings lie deeper is not an Integrum export's layout.
    """
    for index, values in enumerate(rows[:HEADING_ROWS]):
        names = {str(cell).strip().lower() for cell in values if cell is not None}
        if _HEADINGS <= names:
            return index
    return None


# -- reading -----------------------------------------------------------------------------------
@register("integrum", extensions=(), expected=_EXPECTED)
@guarded(_EXPECTED)
def _read_integrum(path: Path, source: Source, collector: Collector, size: int) -> Iterator[Chunk]:
    """Every article of an Integrum export; repeats reported as duplicates."""
    source.structured = True
    data = read_bytes(path, source, _EXPECTED)
    rows = Rows(source, collector, size)
    if data.startswith(b"PK\x03\x04"):
        yield from _xlsx_rows(path, source, rows)
    else:
        yield from _html_records(data, source, rows)
    yield from rows.flush()


def _html_records(data: bytes, source: Source, rows: Rows) -> Iterator[Chunk]:
    import lxml.html

    declared = declared_encoding(data[:4096])
    text, encoding = decode_bytes(data, declared or cyrillic_encoding(data))
    # How the report was read, in the load report as for the text formats: guessed where
    # it declares no charset and is not UTF-8.
    record_encoding(source, encoding, detected=declared is None and encoding != "utf-8")
    root = lxml.html.document_fromstring(text)
    listed = len(root.xpath("//a[starts-with(@href, '#')]"))
    found = 0
    named: set[str] = set()
    for number, table in enumerate(
        (t for t in root.iter("table") if _TAG.search(t.text_content() or "")), start=1
    ):
        found += 1
        anchor = table.getprevious()
        name = anchor.get("name") if anchor is not None and anchor.tag == "a" else None
        # Named by its number in the contents list; a record with no number, or with one
        # an earlier record took (a damaged or spliced file), by its place in the file.
        record = f"article {name}" if name and name.isdigit() else f"record {number}"
        if record in named:
            record = f"record {number}"
        named.add(record)
        fields = _tagged_fields(table.text_content())
        pre = _next(table, "pre")
        fields["text"] = _pre_text(pre.text_content()) if pre is not None else None
        if fields.get("title") is None:
            heading = _next(table, "h3")
            fields["title"] = clean_line(heading.text_content()) if heading is not None else None
        fields.update(date_fields(fields.pop("date", None)))
        if not any(fields.get(k) for k in ("title", "text")):
            rows.collector.fail(
                source.path, record, "the record has no headline (^ЗГ:) and no text"
            )
            continue
        yield from rows.add(fields, record)
    if found == 0:
        raise RecordError(source.path, None, f"found no tagged records; expected {_EXPECTED}")
    if listed and listed != found:
        rows.skip(
            "contents list",
            f"the contents list names {listed} articles; the file holds {found} records",
        )


def _next(element: Any, tag: str) -> Any:
    """The first following sibling with ``tag`` before the next record's table."""
    node = element.getnext()
    while node is not None and node.tag != "table":
        if node.tag == tag:
            return node
        node = node.getnext()
    return None


def _tagged_fields(text: str) -> dict[str, Any]:
    parts = _TAG.split(text)
    fields: dict[str, Any] = {}
    for tag, value in zip(parts[1::2], parts[2::2], strict=True):
        name = _TAGS.get(tag, f"integrum_{tag}")
        value = clean_line(" ".join(value.split("\n")))
        if value:
            fields[name] = value
    return fields


def _pre_text(text: str) -> str | None:
    """Paragraphs of a hard-wrapped ``<pre>`` text: indents and blank lines start them."""
    paragraphs: list[list[str]] = []
    for line in text.splitlines():
        if not line.strip():
            paragraphs.append([])
        elif line[:1].isspace() or not paragraphs:
            paragraphs.append([line.strip()])
        else:
            paragraphs[-1].append(line.strip())
    return join_paragraphs([clean_line(" ".join(p)) for p in paragraphs])


def _xlsx_rows(path: Path, source: Source, rows: Rows) -> Iterator[Chunk]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise RecordError(
            source.path, None, f"expected an .xlsx workbook ({type(error).__name__}: {error})"
        ) from None
    try:
        lines = workbook.worksheets[0].iter_rows(values_only=True)
        head = list(itertools.islice(lines, HEADING_ROWS))
        found = _heading_row(head)
        at = found or 0  # format="integrum" forced on a sheet without the headings: row 1
        above = head[:at]
        if any(not all(is_blank(v) for v in values) for values in above):
            span = f"rows 1 to {at}" if at > 1 else "row 1"
            rows.skip(
                span,
                f"above the headings in row {at + 1} (the export's title block): no documents",
            )
        else:
            for _ in above:
                rows.collector.blank(source.path)
        header = header_names(head[at] if at < len(head) else [])
        names = _xlsx_names(header)
        body = itertools.chain(head[at + 1 :], lines)
        for number, values in enumerate(body, start=at + 2):
            if all(is_blank(v) for v in values):
                rows.collector.blank(source.path)
                continue
            cells = {n: v for n, v in zip(names, values, strict=False) if not is_blank(v)}
            fields = _xlsx_fields(cells)
            record = f"row {number}"
            if not any(fields.get(k) for k in ("title", "text")):
                rows.collector.fail(
                    source.path, record, "the row has no headline (Заголовок) and no text"
                )
                continue
            yield from rows.add(fields, record)
    finally:
        workbook.close()


def _xlsx_names(header: list[str]) -> list[str]:
    """The field each column gives; ``Анонс`` is the text unless a ``Текст`` column is."""
    plain = [h.strip().lower().replace("ё", "е") for h in header]
    columns = dict(_COLUMNS)
    if "текст" in plain:
        columns["анонс"] = "description"
    names = [columns.get(name, name) for name in plain]
    seen: set[str] = set()
    for number, name in enumerate(names):
        if name in seen:  # a repeated heading: keep both, the second under its number
            names[number] = f"{name}_{number + 1}"
        seen.add(names[number])
    return names


def _xlsx_fields(cells: dict[str, Any]) -> dict[str, Any]:
    fields = {k: (v.strip() if isinstance(v, str) else v) for k, v in cells.items()}
    date = fields.pop("date", None)
    time = fields.pop("time", None)
    if hasattr(date, "strftime"):
        date = date.strftime("%d.%m.%Y")
    fields.update(date_fields(str(date) if date is not None else None))
    if time is not None:
        fields["time"] = time.strftime("%H:%M") if hasattr(time, "strftime") else str(time)
    title = fields.get("title")
    text = fields.get("text")
    if isinstance(text, str):
        paragraphs = [clean_line(p) for p in re.split(r"\n\s*\n|\r\n\s*\r\n", text)]
        if title and paragraphs and paragraphs[0] == clean_line(str(title)):
            paragraphs = paragraphs[1:]  # the headline again
        fields["text"] = join_paragraphs(paragraphs)
    return fields
