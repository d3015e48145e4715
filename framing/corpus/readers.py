"""Read article corpora from files into the corpus table, one row per document.

One function, :func:`read_corpus`, reads every supported format; :func:`iter_corpus`
reads the same in chunks of bounded size; :func:`write_corpus` saves a corpus to Parquet
so that ``read_corpus`` gives it back identical (dtypes, values, ``attrs``).

Formats, told apart by extension and content or named with ``format=``:

==========  ===================================================================
``dump``    the scraped-page dump (``framing.corpus.dumps``); ``.txt`` files whose
            first line is `` date YYYY-MM-DD URL``
``csv``     comma-separated (``;`` or tab when the header uses them); ``tsv``: tab
``jsonl``   JSON Lines, one object a line (``.jsonl``, ``.ndjson``)
``json``    a JSON array of objects (``.json``)
``parquet`` Parquet (``.parquet``); files written by ``write_corpus`` come back as written
``excel``   the first sheet of an ``.xlsx`` workbook (cached values; formulas never run)
``text``    plain ``.txt``: one document a file, title = first line
``html``    a saved web page: ``<title>``, ``og:``/``article:`` meta tags, JSON-LD
            ``NewsArticle``; body extracted with trafilatura, offline
==========  ===================================================================

Records are named in messages and in the ``source`` column as ``line N`` (text formats;
the line where a CSV record ends), ``row N`` (Excel: the sheet's row number; Parquet:
the data row, counting from 1) or ``item N`` (JSON arrays, counting from 1).
"""

from __future__ import annotations

import ast
import csv
import glob
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing.corpus import _dates
from framing.corpus._report import REPORT_KEY, Collector, RecordError
from framing.corpus.dumps import HEADER, iter_dump
from framing.corpus.outlets import host_of, looks_like_domain, outlet_for
from framing.corpus.schema import (
    CORPUS_COLUMNS,
    DATETIME_DTYPE,
    STRING_DTYPE,
    CorpusError,
    conform,
    empty_corpus,
    validate_corpus,
)

__all__ = ["FORMATS", "iter_corpus", "read_corpus", "write_corpus"]

#: The formats ``read_corpus`` reads, by the name ``format=`` takes.
FORMATS: tuple[str, ...] = (
    "dump",
    "csv",
    "tsv",
    "jsonl",
    "json",
    "parquet",
    "excel",
    "text",
    "html",
)
_FORMAT_ALIASES = {"xlsx": "excel", "txt": "text", "ndjson": "jsonl", "htm": "html"}
_EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".xlsx": "excel",
    ".xlsm": "excel",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".dump": "dump",
}

# Source column names read automatically, by corpus column, best first. Names are
# compared lower-cased with everything but letters and digits removed.
_ALIASES: dict[str, tuple[str, ...]] = {
    "doc_id": ("docid", "id", "documentid", "articleid", "uid"),
    "title": ("title", "headline", "headlines", "titles", "heading"),
    "text": (
        "text",
        "body",
        "content",
        "article",
        "articles",
        "articletext",
        "fulltext",
        "bodytext",
        "maintext",
    ),
    "description": (
        "description",
        "desc",
        "summary",
        "subtitle",
        "subheading",
        "standfirst",
        "lead",
        "abstract",
    ),
    "published": (
        "published",
        "date",
        "pubdate",
        "publishdate",
        "publisheddate",
        "publicationdate",
        "datepublished",
        "publishedat",
        "datetime",
        "timestamp",
    ),
    "url": ("url", "link", "src", "href", "articleurl", "uri"),
    "outlet": (
        "outlet",
        "site",
        "source",
        "publisher",
        "sitename",
        "domain",
        "medium",
        "newspaper",
    ),
    "author": ("author", "authors", "byline", "writer"),
    "section": ("section", "category"),
    "language": ("language", "lang", "locale"),
    "tags": ("tags", "tag", "keywords", "keyword"),
}
_MAPPABLE = tuple(_ALIASES)
# Web-scraper exports (ParseHub and the like) name a link selection's text and target
# "<selection>_name" and "<selection>_url": "title_name"/"title_url" are the headline and
# the article's address. Only selections named like a headline or an article count, so
# that "image_url" or "author_name" are never taken for the article's URL or title.
_SCRAPED_SELECTION = re.compile(
    r"^(?P<selection>title|headline|heading|article|story|post|link)"
    r"[_\- ]?(?P<part>name|text|url|href|link)$"
)
_TEXT_FIELDS = ("title", "text", "description", "author", "section", "language", "url")
_INDEX_NAME = re.compile(r"^(?:Unnamed: \d+(?:[._]\d+)?)?$")
_INTEGER = re.compile(r"^-?\d+(?:\.0+)?$")
_BINARY_PROBE = 8192
_DEFAULT_CHUNK = 10_000


# -- options and sources -----------------------------------------------------------------
@dataclass(frozen=True)
class _Options:
    format: str | None
    columns: Mapping[str, str] | None
    outlet: str | None
    errors: str
    repair: bool


def _check_options(
    format: str | None,
    columns: Mapping[str, str] | None,
    outlet: str | None,
    errors: str,
    repair: bool,
    chunksize: int = _DEFAULT_CHUNK,
) -> _Options:
    if format is not None:
        name = _FORMAT_ALIASES.get(str(format).lower(), str(format).lower())
        if name not in FORMATS:
            raise ValueError(
                f"The 'format' parameter of read_corpus must be None (detect) or one of "
                f"{list(FORMATS)}. Got {format!r} instead."
            )
        format = name
    if columns is not None:
        if not isinstance(columns, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in columns.items()
        ):
            raise ValueError(
                "The 'columns' parameter of read_corpus must map corpus columns to source "
                f"columns, e.g. {{'title': 'headlines'}}. Got {columns!r} instead."
            )
        unknown = [k for k in columns if k not in _MAPPABLE]
        if unknown:
            raise ValueError(
                f"The 'columns' parameter of read_corpus maps corpus columns {list(_MAPPABLE)} "
                f"to source columns. Got the unknown corpus column(s) {unknown} instead."
            )
    if outlet is not None and (not isinstance(outlet, str) or not outlet.strip()):
        raise ValueError(
            f"The 'outlet' parameter of read_corpus must be None or a non-empty string. "
            f"Got {outlet!r} instead."
        )
    if errors not in ("raise", "report"):
        raise ValueError(
            f"The 'errors' parameter of read_corpus must be 'raise' or 'report'. "
            f"Got {errors!r} instead."
        )
    if not isinstance(repair, bool):
        raise ValueError(
            f"The 'repair' parameter of read_corpus must be True or False. Got {repair!r} instead."
        )
    if isinstance(chunksize, bool) or not isinstance(chunksize, int) or chunksize < 1:
        raise ValueError(
            f"The 'chunksize' parameter of iter_corpus must be a positive integer. "
            f"Got {chunksize!r} instead."
        )
    return _Options(format, dict(columns) if columns else None, outlet, errors, repair)


def _expand(source: Any, collector: Collector) -> list[Path]:
    items = list(source) if isinstance(source, list | tuple) else [source]
    if not items:
        raise ValueError("The 'source' parameter of read_corpus is an empty list; expected files.")
    paths: list[Path] = []
    for item in items:
        if not isinstance(item, str | os.PathLike):
            raise ValueError(
                "The 'source' parameter of read_corpus must be a path, a glob, a folder or a "
                f"list of these. Got {type(item).__name__} instead."
            )
        text = os.fspath(item)
        path = Path(text)
        if path.is_dir():
            paths.extend(_folder_files(path, collector))
        elif path.is_file():
            paths.append(path)
        elif glob.has_magic(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise CorpusError(f"The pattern {text!r} matched no files.")
            for match in matches:
                match_path = Path(match)
                if match_path.is_dir():
                    paths.extend(_folder_files(match_path, collector))
                else:
                    paths.append(match_path)
        else:
            raise CorpusError(f"Could not read {text}: no such file or folder.")
    return paths


# Files that document a folder of data rather than hold its documents: a folder read
# leaves them out (listed in the load report's ignored_files), so that a dataset's
# SOURCE.txt or README.txt is not read as an article. Named one by one, they are read.
_DOCUMENTATION_NAMES = frozenset(
    {
        "readme",
        "license",
        "licence",
        "copying",
        "notice",
        "authors",
        "changelog",
        "changes",
        "citation",
        "manifest",
        "source",
        "sources",
    }
)


def _is_documentation(path: Path) -> bool:
    return path.name.split(".")[0].lower() in _DOCUMENTATION_NAMES


def _folder_files(folder: Path, collector: Collector) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if path.suffix.lower() in _EXTENSIONS and not _is_documentation(path):
            found.append(path)
        else:
            collector.ignored_files.append(str(path))
    return found


def _detect(path: Path, forced: str | None) -> str:
    suffix = path.suffix.lower()
    head = _head(path)
    if forced in ("text", "dump") or (forced is None and suffix in (".txt", ".dump", "")):
        if forced == "text":
            return "text"
        if _first_line_is_header(head) or forced == "dump" or suffix == ".dump":
            return "dump"
        if suffix == ".txt":
            return "text"
    if forced is not None:
        return forced
    if suffix == ".json":
        return "jsonl" if _looks_like_json_lines(head) else "json"
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"PK\x03\x04"):
        return "excel"
    stripped = head.lstrip()
    if stripped.startswith(b"<"):
        return "html"
    if stripped.startswith(b"{"):
        return "jsonl"
    if stripped.startswith(b"["):
        return "json"
    raise RecordError(
        str(path),
        None,
        f"could not tell the file's format from its name or content; name one with "
        f"format= (one of {list(FORMATS)})",
    )


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(_BINARY_PROBE)


def _first_line_is_header(head: bytes) -> bool:
    for line in head.decode("utf-8", "replace").lstrip("\ufeff").splitlines():
        if line.strip():
            return bool(HEADER.match(line.rstrip()))
    return False


def _looks_like_json_lines(head: bytes) -> bool:
    text = head.decode("utf-8", "replace").lstrip("\ufeff").lstrip()
    if not text.startswith("{"):
        return False
    first, _, rest = text.partition("\n")
    try:
        json.loads(first)
    except ValueError:
        return False
    return bool(rest.strip())


# -- per-file state ------------------------------------------------------------------------
@dataclass
class _Source:
    path: str
    format: str
    entry: dict[str, Any]
    structured: bool = False
    mapping: dict[str, str] | None = None
    list_columns: set[str] = field(default_factory=set)
    string_columns: set[str] = field(default_factory=set)
    dropped: set[str] = field(default_factory=set)


class _Ids:
    """Makes doc_ids unique across one read, deterministically: "id", "id#2", ..."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def claim(self, base: str) -> str:
        candidate, number = base, 1
        while candidate in self.used:
            number += 1
            candidate = f"{base}#{number}"
        self.used.add(candidate)
        return candidate


@dataclass
class _Chunk:
    columns: dict[str, list[Any]]
    records: list[str]


def _check_text_file(path: Path, file_format: str) -> None:
    head = _head(path)
    if not head.strip():
        raise RecordError(str(path), None, f"the file is empty (expected {_EXPECTED[file_format]})")
    if b"\x00" in head:
        raise RecordError(
            str(path),
            None,
            f"the file is binary (it holds NUL bytes); expected UTF-8 text: "
            f"{_EXPECTED[file_format]}",
        )


_EXPECTED = {
    "dump": "dump documents starting with a line ' date YYYY-MM-DD URL'",
    "csv": "a header row and one row per document",
    "tsv": "a tab-separated header row and one row per document",
    "jsonl": "one JSON object per line",
    "json": "a JSON array of objects",
    "parquet": "a Parquet file",
    "excel": "an .xlsx workbook with a header row",
    "text": "a title line followed by the text",
    "html": "a saved HTML page",
}


def _lines(path: Path) -> Iterator[str]:
    """The file's lines as text, naming the line that is not UTF-8."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                raise RecordError(
                    str(path),
                    f"line {number}",
                    f"the text is not UTF-8 (byte {raw[error.start : error.start + 1]!r} at "
                    f"column {error.start + 1}); expected UTF-8 text",
                ) from None
            if number == 1:
                line = line.lstrip("\ufeff")
            # A lone \r (old Mac exports) or U+2028 ends a line too, as in str.splitlines,
            # so that the dump's blank-line structure reads the same whatever the endings.
            yield from line.splitlines() or [""]


# -- format readers: each yields chunks of raw values -----------------------------------------
def _read_dump(path: Path, source: _Source, collector: Collector, size: int) -> Iterator[_Chunk]:
    _check_text_file(path, "dump")
    source.structured = True
    rows: list[dict[str, Any]] = []
    records: list[str] = []
    for item in iter_dump(_lines(path)):
        if item.fields is None:
            collector.fail(source.path, f"line {item.line}", item.problem or "")
            continue
        rows.append(item.fields)
        records.append(f"line {item.line}")
        if len(rows) >= size:
            yield _records_to_chunk(rows, records)
            rows, records = [], []
    if rows:
        yield _records_to_chunk(rows, records)


def _records_to_chunk(rows: list[dict[str, Any]], records: list[str]) -> _Chunk:
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    return _Chunk({name: [row.get(name) for row in rows] for name in names}, records)


def _read_delimited(
    path: Path, source: _Source, collector: Collector, size: int
) -> Iterator[_Chunk]:
    _check_text_file(path, source.format)
    csv.field_size_limit(2**31 - 1)  # article bodies are longer than csv's 128 KiB default
    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=_delimiter(path, source.format))
        try:
            header = next(reader, None)
            if header is None or not any(cell.strip() for cell in header):
                raise RecordError(source.path, "line 1", "expected a header row; found none")
            header = _header_names(header)
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
                    yield _rows_to_chunk(header, rows, records)
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
        yield _rows_to_chunk(header, rows, records)


def _rows_to_chunk(header: list[str], rows: list[list[Any]], records: list[str]) -> _Chunk:
    # Every row has len(header) cells (checked by the readers), so the transpose is exact.
    return _Chunk({name: [row[i] for row in rows] for i, name in enumerate(header)}, records)


def _delimiter(path: Path, file_format: str) -> str:
    if file_format == "tsv":
        return "\t"
    first = next(iter(_head(path).decode("utf-8", "replace").splitlines()), "")
    if "," not in first:
        if "\t" in first:
            return "\t"
        if ";" in first:
            return ";"
    return ","


def _header_names(header: Sequence[Any]) -> list[str]:
    names: list[str] = []
    for position, cell in enumerate(header):
        name = "" if cell is None else str(cell).strip()
        name = name or f"Unnamed: {position}"
        base, number = name, 0
        while name in names:
            number += 1
            name = f"{base}.{number}"
        names.append(name)
    return names


def _read_json_lines(
    path: Path, source: _Source, collector: Collector, size: int
) -> Iterator[_Chunk]:
    _check_text_file(path, "jsonl")
    rows: list[dict[str, Any]] = []
    records: list[str] = []
    for number, line in enumerate(_lines(path), start=1):
        if not line.strip():
            continue
        record = f"line {number}"
        try:
            value = json.loads(line)
        except ValueError as error:
            collector.fail(
                source.path, record, f"expected a JSON object; the line is not JSON ({error})"
            )
            continue
        if not isinstance(value, dict):
            collector.fail(
                source.path, record, f"expected a JSON object; found a {type(value).__name__}"
            )
            continue
        rows.append(value)
        records.append(record)
        if len(rows) >= size:
            yield _records_to_chunk(rows, records)
            rows, records = [], []
    if rows:
        yield _records_to_chunk(rows, records)


def _read_json_array(
    path: Path, source: _Source, collector: Collector, size: int
) -> Iterator[_Chunk]:
    _check_text_file(path, "json")
    try:
        value = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise RecordError(source.path, None, f"the text is not UTF-8 ({error.reason})") from None
    except ValueError as error:
        raise RecordError(
            source.path, None, f"expected a JSON array of objects; the file is not JSON ({error})"
        ) from None
    if isinstance(value, dict):
        lists = [v for v in value.values() if isinstance(v, list)]
        value = lists[0] if len(lists) == 1 else [value]
    if not isinstance(value, list):
        raise RecordError(
            source.path, None, f"expected a JSON array of objects; found a {type(value).__name__}"
        )
    rows: list[dict[str, Any]] = []
    records: list[str] = []
    for number, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            collector.fail(
                source.path,
                f"item {number}",
                f"expected a JSON object; found {type(item).__name__}",
            )
            continue
        rows.append(item)
        records.append(f"item {number}")
        if len(rows) >= size:
            yield _records_to_chunk(rows, records)
            rows, records = [], []
    if rows:
        yield _records_to_chunk(rows, records)


def _read_parquet_rows(
    path: Path, source: _Source, collector: Collector, size: int
) -> Iterator[_Chunk]:
    parquet = _open_parquet(path, source)
    number = 0
    for batch in parquet.iter_batches(batch_size=size):
        columns = batch.to_pydict()
        records = [f"row {number + i + 1}" for i in range(batch.num_rows)]
        number += batch.num_rows
        yield _Chunk(columns, records)


def _open_parquet(path: Path, source: _Source) -> Any:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path)
    except (pa.ArrowInvalid, OSError) as error:
        raise RecordError(source.path, None, f"expected a Parquet file ({error})") from None


def _read_excel(path: Path, source: _Source, collector: Collector, size: int) -> Iterator[_Chunk]:
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
        if header_row is None or all(_is_blank(cell) for cell in header_row):
            raise RecordError(source.path, "row 1", "expected a header row; found none")
        header = _header_names(header_row)
        rows: list[list[Any]] = []
        records: list[str] = []
        for number, row in enumerate(rows_iter, start=2):
            record = f"row {number}"
            cells = list(row)[: len(header)]
            cells += [None] * (len(header) - len(cells))
            if all(_is_blank(cell) for cell in row):
                collector.blank(source.path)
                continue
            if any(not _is_blank(cell) for cell in list(row)[len(header) :]):
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
                yield _rows_to_chunk(header, rows, records)
                rows, records = [], []
        if rows:
            yield _rows_to_chunk(header, rows, records)
    finally:
        workbook.close()


def _read_text(path: Path, source: _Source, collector: Collector, size: int) -> Iterator[_Chunk]:
    _check_text_file(path, "text")
    source.structured = True
    lines = list(_lines(path))
    first = next(i for i, line in enumerate(lines) if line.strip())
    title = lines[first].strip()
    text = "".join(lines[first + 1 :]).strip() or None
    yield _Chunk({"title": [title], "text": [text]}, [f"line {first + 1}"])


def _read_html(path: Path, source: _Source, collector: Collector, size: int) -> Iterator[_Chunk]:
    _check_text_file(path, "html")
    source.structured = True
    markup = path.read_bytes().decode("utf-8", "replace")
    fields = _html_fields(markup)
    if fields.get("title") is None and fields.get("text") is None:
        collector.fail(
            source.path,
            "line 1",
            "found no title and no article text in the page (expected <title>, og:title, "
            "JSON-LD headline or a readable body)",
        )
        return
    yield _Chunk({k: [v] for k, v in fields.items()}, ["line 1"])


_READERS = {
    "dump": _read_dump,
    "csv": _read_delimited,
    "tsv": _read_delimited,
    "jsonl": _read_json_lines,
    "json": _read_json_array,
    "parquet": _read_parquet_rows,
    "excel": _read_excel,
    "text": _read_text,
    "html": _read_html,
}


# -- saved HTML pages ---------------------------------------------------------------------------
class _PageMeta(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.title: list[str] = []
        self.scripts: list[str] = []
        self.language: str | None = None
        self._in_title = False
        self._in_json_ld = False
        self._script: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and values.get("lang"):
            self.language = values["lang"]
        elif tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            if key and "content" in values:
                self.meta.setdefault(key, []).append(values["content"].strip())
        elif tag == "title":
            self._in_title = True
        elif tag == "script" and values.get("type", "").lower() == "application/ld+json":
            self._in_json_ld = True
            self._script = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "script" and self._in_json_ld:
            self._in_json_ld = False
            self.scripts.append("".join(self._script))

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif self._in_json_ld:
            self._script.append(data)


def _json_ld_article(scripts: Iterable[str]) -> dict[str, Any]:
    def walk(value: Any) -> Iterator[dict[str, Any]]:
        if isinstance(value, dict):
            yield value
            for key in ("@graph", "mainEntity"):
                yield from walk(value.get(key))
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    for script in scripts:
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in walk(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and k.endswith("Article") for k in kinds):
                return item
    return {}


def _names(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_names(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    if isinstance(value, dict):
        value = value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _html_fields(markup: str) -> dict[str, Any]:
    parser = _PageMeta()
    try:
        parser.feed(markup)
        parser.close()
    except AssertionError:  # html.parser gives up on some broken markup; use what it read
        pass
    meta = {k: v[0] for k, v in parser.meta.items() if v and v[0]}
    article = _json_ld_article(parser.scripts)

    def first(*values: Any) -> str | None:
        for value in values:
            if isinstance(value, str) and value.strip():
                return value.strip()
        return None

    keywords = article.get("keywords")
    tags = list(parser.meta.get("article:tag", []))
    if isinstance(keywords, str):
        tags += [k.strip() for k in keywords.split(",")]
    elif isinstance(keywords, list):
        tags += [str(k).strip() for k in keywords]
    tags += [k.strip() for k in meta.get("keywords", "").split(",")]
    page_url = article.get("mainEntityOfPage")
    if isinstance(page_url, dict):
        page_url = page_url.get("@id")
    url = first(meta.get("og:url"), article.get("url"), page_url)
    body = _extract_body(markup) or first(article.get("articleBody"))
    language = first(article.get("inLanguage"), meta.get("og:locale"), parser.language)
    return {
        "title": first(meta.get("og:title"), article.get("headline"), "".join(parser.title)),
        "description": first(
            meta.get("og:description"), article.get("description"), meta.get("description")
        ),
        "published": first(meta.get("article:published_time"), article.get("datePublished")),
        "modified": first(meta.get("article:modified_time"), article.get("dateModified")),
        "author": first(
            _names(article.get("author")), meta.get("article:author"), meta.get("author")
        ),
        "section": first(meta.get("article:section"), _names(article.get("articleSection"))),
        "language": re.split(r"[_-]", language)[0].lower() if language else None,
        "tags": list(dict.fromkeys(t for t in tags if t)),
        "url": url,
        "outlet": first(meta.get("og:site_name"), _names(article.get("publisher"))),
        "text": body,
    }


def _extract_body(markup: str) -> str | None:
    import trafilatura

    # A string in, so trafilatura never fetches anything; no comments, no tables of links.
    return trafilatura.extract(
        markup, include_comments=False, include_tables=False, favor_precision=True
    )


# -- from raw values to the corpus table ---------------------------------------------------------
def _normalise_name(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def _is_blank(value: Any) -> bool:
    return _dates.is_blank(value)


def _cell_text(value: Any) -> str | None:
    if _is_blank(value):
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _as_list(value: Any) -> list[str] | None:
    """A list of strings from a list, a JSON or Python-literal list; None if not a list."""
    if hasattr(value, "tolist") and not isinstance(value, str):
        value = value.tolist()
    if isinstance(value, list | tuple):
        if all(isinstance(v, str | int | float | bool) or v is None for v in value):
            return [str(v).strip() for v in value if v is not None and str(v).strip()]
        return None
    if isinstance(value, str):
        text = value.strip()
        if len(text) >= 2 and text[0] == "[" and text[-1] == "]" and len(text) < 1_000_000:
            try:
                parsed = json.loads(text)
            except ValueError:
                try:
                    # literal_eval reads Python literals only: it never runs code.
                    parsed = ast.literal_eval(text)
                except (ValueError, SyntaxError, MemoryError, RecursionError, TypeError):
                    return None
            if isinstance(parsed, list | tuple):
                return _as_list(list(parsed))
    return None


def _list_cell(value: Any) -> list[str]:
    if _is_blank(value):
        return []
    parsed = _as_list(value)
    return [str(value).strip()] if parsed is None else parsed


def _tag_list(value: Any) -> list[str]:
    if _is_blank(value):
        return []
    parsed = _as_list(value)
    if parsed is not None:
        return parsed
    return [part.strip() for part in str(value).split(",") if part.strip()]


def _is_index_column(name: str, values: list[Any]) -> bool:
    if not _INDEX_NAME.match(name):
        return False
    return all(
        _is_blank(v)
        or (isinstance(v, int | float) and not isinstance(v, bool) and float(v).is_integer())
        or (isinstance(v, str) and bool(_INTEGER.match(v.strip())))
        for v in values
    )


def _resolve_mapping(chunk: _Chunk, source: _Source, options: _Options) -> None:
    names = list(chunk.columns)
    source.dropped = {name for name in names if _is_index_column(name, chunk.columns[name])}
    mapping: dict[str, str] = {}
    if source.structured:
        mapping = {name: name for name in names if name in _MAPPABLE}
    else:
        for corpus_column, source_column in (options.columns or {}).items():
            if source_column not in chunk.columns:
                raise RecordError(
                    source.path,
                    None,
                    f"the column {source_column!r} given in columns= for {corpus_column!r} is "
                    f"not in the file; its columns are {names}",
                )
            mapping[corpus_column] = source_column
        by_normal: dict[str, str] = {}
        for name in names:
            if name not in source.dropped:
                by_normal.setdefault(_normalise_name(name), name)
        taken = set(mapping.values())
        for corpus_column, aliases in _ALIASES.items():
            if corpus_column in mapping:
                continue
            for alias in aliases:
                candidate = by_normal.get(alias)
                if candidate is not None and candidate not in taken:
                    mapping[corpus_column] = candidate
                    taken.add(candidate)
                    break
    _map_scraped_selection(names, source.dropped, mapping)
    if "title" not in mapping and "text" not in mapping:
        raise RecordError(
            source.path,
            None,
            "found no text or title column (expected a column such as 'text', 'body', "
            "'content', 'article(s)', 'title' or 'headline(s)', or name one with "
            f"columns={{'text': ...}}); its columns are {names}",
        )
    source.mapping = mapping


def _map_scraped_selection(names: list[str], dropped: set[str], mapping: dict[str, str]) -> None:
    """Map "title_name"/"title_url" of a scraper export where no usual name was found."""
    taken = set(mapping.values())
    for name in names:
        found = _SCRAPED_SELECTION.match(name.strip().lower())
        if found is None or name in taken or name in dropped:
            continue
        target = "url" if found["part"] in ("url", "href", "link") else "title"
        if found["selection"] == "link" and target == "url":
            continue  # "link_url" names nothing more than "link" (an alias already)
        if target not in mapping:
            mapping[target] = name
            taken.add(name)


def _extra_kind(name: str, values: list[Any], source: _Source) -> str:
    if name in source.list_columns:
        return "list"
    if name in source.string_columns:
        return "string"
    present = [v for v in values if not _is_blank(v)]
    if name in ("modified",) and source.structured:
        kind = "datetime"
    elif present and all(_as_list(v) is not None for v in present):
        kind = "list"
    else:
        kind = "string"
    (source.list_columns if kind == "list" else source.string_columns).add(name)
    return kind


def _build(
    chunk: _Chunk,
    source: _Source,
    options: _Options,
    collector: Collector,
    ids: _Ids,
) -> pd.DataFrame | None:
    if source.mapping is None:
        _resolve_mapping(chunk, source, options)
    mapping = source.mapping or {}
    size = len(chunk.records)

    def column(name: str) -> list[Any]:
        source_column = mapping.get(name)
        if source_column is None or source_column not in chunk.columns:
            return [None] * size
        return chunk.columns[source_column]

    values = {name: [_cell_text(v) for v in column(name)] for name in _TEXT_FIELDS}
    outlet_values = [_cell_text(v) for v in column("outlet")]
    raw_dates = pd.Series(column("published"), dtype=object)
    published, unreadable = _dates.parse_dates(raw_dates)

    keep: list[int] = []
    entry = source.entry
    for row in range(size):
        record = chunk.records[row]
        if all(values[name][row] is None for name in ("title", "text", "description", "url")):
            collector.fail(
                source.path,
                record,
                "the record has no title, text, description or URL (expected at least one)",
            )
            continue
        if unreadable.iloc[row]:
            reason = (
                f"the date {str(raw_dates.iloc[row])[:80]!r} is not in a form the kit reads "
                "(ISO 8601, MM/DD/YYYY, YYYY/MM/DD, RFC 2822, '2 March 2022')"
            )
            if options.errors == "raise":
                raise RecordError(source.path, record, reason)
            collector.unreadable_dates.append(
                {"source": source.path, "record": record, "value": str(raw_dates.iloc[row])}
            )
            entry["dates_unreadable"] += 1
        keep.append(row)
    entry["read"] += len(keep)
    entry["kept"] += len(keep)
    if not keep:
        return None

    def kept(items: list[Any]) -> list[Any]:
        return [items[row] for row in keep]

    frame = pd.DataFrame(index=range(len(keep)))
    for name in _TEXT_FIELDS:
        frame[name] = pd.array(kept(values[name]), dtype=STRING_DTYPE)
    if options.repair:
        from framing.corpus.clean import repair_text

        for name in ("title", "description", "text"):
            repaired: dict[str, str] = {}  # titles repeat: repair each distinct one once
            frame[name] = pd.array(
                [
                    None
                    if v is pd.NA
                    else (repaired[v] if v in repaired else repaired.setdefault(v, repair_text(v)))
                    for v in frame[name]
                ],
                dtype=STRING_DTYPE,
            )

    dates = published.iloc[keep].reset_index(drop=True)
    from_metadata = dates.notna()
    url_dates = _dates.dates_from_urls(frame["url"].astype(object).where(~from_metadata, None))
    from_url = dates.isna() & url_dates.notna()
    frame["published"] = dates.where(~from_url, url_dates).astype(DATETIME_DTYPE)
    frame["date_source"] = pd.array(
        [
            "metadata" if m else ("url" if u else None)
            for m, u in zip(from_metadata, from_url, strict=True)
        ],
        dtype=STRING_DTYPE,
    )
    entry["dates_from_url"] += int(from_url.sum())
    entry["dates_missing"] += int(frame["published"].isna().sum())

    outlets, domains = _outlets_and_domains(kept(outlet_values), frame["url"], options.outlet)
    frame["outlet"] = pd.array(outlets, dtype=STRING_DTYPE)
    entry["outlets_missing"] += sum(name is None for name in outlets)
    frame["domain"] = pd.array(domains, dtype=STRING_DTYPE)
    frame["tags"] = pd.Series([_tag_list(v) for v in kept(column("tags"))], dtype=object)

    given_ids = [_cell_text(v) for v in kept(column("doc_id"))] if "doc_id" in mapping else None
    frame["doc_id"] = pd.array(_doc_ids(frame, given_ids, ids), dtype=STRING_DTYPE)
    if given_ids is not None:
        frame["source_id"] = pd.array(given_ids, dtype=STRING_DTYPE)
    frame["source"] = pd.array(
        [f"{source.path}, {record}" for record in kept(chunk.records)], dtype=STRING_DTYPE
    )

    used = set(mapping.values()) | source.dropped
    for name, raw in chunk.columns.items():
        if name in used:
            continue
        items = kept(raw)
        kind = _extra_kind(name, raw, source)
        # A source column that shares a corpus column's name but was not mapped to it
        # (a "source" column beside "site") is kept under another name, never dropped.
        target = f"original_{name}" if name in CORPUS_COLUMNS else name
        if kind == "list":
            frame[target] = pd.Series([_list_cell(v) for v in items], dtype=object)
        elif kind == "datetime":
            frame[target] = _dates.parse_dates(pd.Series(items, dtype=object))[0]
        else:
            frame[target] = pd.array([_cell_text(v) for v in items], dtype=STRING_DTYPE)
    return conform(frame)


def _outlets_and_domains(
    outlet_values: list[str | None], urls: pd.Series, outlet: str | None
) -> tuple[list[str | None], list[str | None]]:
    cache: dict[str | None, str | None] = {}

    def name_of(value: str | None) -> str | None:
        if value not in cache:
            cache[value] = None if value is None else (outlet_for(value) or host_of(value))
        return cache[value]

    outlets: list[str | None] = []
    domains: list[str | None] = []
    for value, url in zip(outlet_values, urls.astype(object), strict=True):
        url = None if url is pd.NA else url
        value_is_domain = value is not None and looks_like_domain(value) and " " not in value
        domain = host_of(url) if url is not None else None
        if domain is None and value_is_domain:
            domain = host_of(value)
        if outlet is not None:
            name = outlet
        elif value is not None:
            name = name_of(value) if value_is_domain else value
        else:
            name = name_of(url)
        outlets.append(name)
        domains.append(domain)
    return outlets, domains


def _short_hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _doc_ids(frame: pd.DataFrame, given: list[str | None] | None, ids: _Ids) -> list[str]:
    def plain(name: str) -> list[Any]:
        return [None if v is pd.NA else v for v in frame[name].astype(object)]

    urls, titles, outlets, texts = plain("url"), plain("title"), plain("outlet"), plain("text")
    dates = [None if pd.isna(d) else d.isoformat() for d in frame["published"]]
    out = []
    for row in range(len(frame)):
        base = given[row] if given is not None else None
        if base is None and urls[row] is not None:
            base = _short_hash("url", urls[row])
        elif base is None:
            parts = [outlets[row] or "", titles[row] or "", dates[row] or ""]
            if titles[row] is None:  # no title: the text tells documents apart
                parts.append(texts[row] or "")
            base = _short_hash("doc", *parts)
        out.append(ids.claim(base))
    return out


# -- Parquet written by write_corpus ---------------------------------------------------------
_ATTRS_KEY = b"framing.attrs"
_DTYPES_KEY = b"framing.dtypes"


def _framing_parquet(path: Path) -> dict[bytes, bytes] | None:
    import pyarrow.parquet as pq

    try:
        metadata = pq.read_schema(path).metadata or {}
    except Exception:  # not readable as Parquet: the row reader gives the error
        return None
    return metadata if _ATTRS_KEY in metadata else None


def _arrow_to_corpus(table: Any, dtypes: Mapping[str, str]) -> pd.DataFrame:
    import pyarrow as pa

    frame = table.to_pandas(
        types_mapper={pa.string(): STRING_DTYPE, pa.large_string(): STRING_DTYPE}.get,
        ignore_metadata=True,
    )
    for name, arrow_type in zip(table.column_names, table.schema.types, strict=True):
        if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
            frame[name] = pd.Series(
                [[] if v is None else [str(x) for x in v] for v in table.column(name).to_pylist()],
                dtype=object,
            )
        elif name in dtypes and str(frame[name].dtype) != dtypes[name]:
            frame[name] = frame[name].astype(dtypes[name])
    return conform(frame)


def _read_framing_parquet(
    path: Path, source: _Source, metadata: Mapping[bytes, bytes], size: int
) -> Iterator[pd.DataFrame]:
    dtypes = json.loads(metadata.get(_DTYPES_KEY, b"{}"))
    parquet = _open_parquet(path, source)
    for batch in parquet.iter_batches(batch_size=size):
        import pyarrow as pa

        chunk = _arrow_to_corpus(pa.Table.from_batches([batch]), dtypes)
        source.entry["read"] += len(chunk)
        source.entry["kept"] += len(chunk)
        source.entry["dates_missing"] += int(chunk["published"].isna().sum())
        source.entry["dates_from_url"] += int((chunk["date_source"] == "url").sum())
        source.entry["outlets_missing"] += int(chunk["outlet"].isna().sum())
        yield chunk


# -- the public functions -----------------------------------------------------------------------
def _iter_chunks(
    source: Any, options: _Options, collector: Collector, size: int
) -> Iterator[pd.DataFrame]:
    ids = _Ids()
    for path in _expand(source, collector):
        label = str(path)
        try:
            file_format = _detect(path, options.format)
        except RecordError as error:
            collector.entry(label, options.format or "unknown")
            collector.fail(label, None, error.reason, document=False)
            continue
        state = _Source(label, file_format, collector.entry(label, file_format))
        try:
            metadata = _framing_parquet(path) if file_format == "parquet" else None
            if metadata is not None:
                collector.restorable[label] = json.loads(metadata[_ATTRS_KEY])
                for chunk in _read_framing_parquet(path, state, metadata, size):
                    if options.outlet is not None:
                        chunk["outlet"] = pd.array(
                            [options.outlet] * len(chunk), dtype=STRING_DTYPE
                        )
                    chunk["doc_id"] = pd.array(
                        [ids.claim(i) for i in chunk["doc_id"]], dtype=STRING_DTYPE
                    )
                    yield chunk
                continue
            for raw in _READERS[file_format](path, state, collector, size):
                built = _build(raw, state, options, collector, ids)
                if built is not None:
                    yield built
        except RecordError as error:
            if options.errors == "raise":
                raise
            collector.skip(label, error.record, error.reason, document=False)


def _finish(
    frames: list[pd.DataFrame],
    collector: Collector,
    parameters: dict[str, Any],
    restored: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    from framing.provenance import stamp

    if frames:
        extra_dtypes: dict[str, Any] = {}
        for frame in frames:
            for name in frame.columns:
                if name not in CORPUS_COLUMNS:
                    extra_dtypes.setdefault(name, frame[name].dtype)
        corpus = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        for name, dtype in extra_dtypes.items():
            # A column one file has and another lacks: fill in the gaps in its own dtype.
            if dtype == np.dtype(object):
                corpus[name] = pd.Series(
                    [v if isinstance(v, list) else [] for v in corpus[name]], dtype=object
                )
            elif corpus[name].dtype == dtype:
                continue
            elif isinstance(dtype, pd.DatetimeTZDtype):
                corpus[name] = pd.to_datetime(corpus[name], utc=True).astype(dtype)
            else:
                corpus[name] = corpus[name].astype(dtype)
        corpus = conform(corpus)
    else:
        corpus = empty_corpus()
    validate_corpus(corpus)
    if restored is not None:
        corpus.attrs = json.loads(json.dumps(dict(restored)))
        if REPORT_KEY in corpus.attrs and "framing" in corpus.attrs:
            return corpus
        # A Parquet file written without a report (or provenance) gets this read's own.
        corpus.attrs.setdefault(REPORT_KEY, collector.to_dict())
        if "framing" not in corpus.attrs:
            stamp(corpus, function="read_corpus", corpus=corpus, parameters=parameters)
        return corpus
    corpus.attrs[REPORT_KEY] = collector.to_dict()
    stamp(corpus, function="read_corpus", corpus=corpus, parameters=parameters)
    return corpus


def read_corpus(
    source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    format: str | None = None,
    columns: Mapping[str, str] | None = None,
    outlet: str | None = None,
    errors: str = "raise",
    repair: bool = True,
) -> pd.DataFrame:
    """Read article files into one corpus table, one row per document.

    Parameters
    ----------
    source : path, glob, folder, or a list of these
        What to read. A folder is read recursively: hidden files are skipped, and files
        in no supported format or named like a folder's documentation (README, LICENSE,
        SOURCE, MANIFEST, CITATION, ... whatever the extension) are listed in the load
        report's ``ignored_files`` instead of being read.
    format : str, optional
        One of ``"dump"``, ``"csv"``, ``"tsv"``, ``"jsonl"``, ``"json"``, ``"parquet"``,
        ``"excel"``, ``"text"``, ``"html"``. By default told from each file's extension
        and content.
    columns : dict, optional
        Corpus column -> source column, e.g. ``{"title": "headlines", "text": "articles"}``.
        Columns not named are found by their usual names (headline(s)/title;
        body/text/content/article(s); date/published/pubdate/datetime; url/link/src;
        outlet/site/source/domain; id; author; section; language; tags/keywords). A
        web-scraper export's ``title_name`` and ``title_url`` (a link selection's text
        and target; also ``headline_``/``article_``/``story_``/``post_`` with
        ``_name``/``_text``/``_url``/``_href``) give the title and the URL when no
        column has a usual name for them.
    outlet : str, optional
        The outlet of every document read. By default it comes from metadata (a dump's
        publisher line, an outlet or site column holding a name) or from the URL's
        domain through ``framing.corpus.outlets``; an unknown domain is the outlet itself.
        A document with neither (a plain .txt file, a table with no URL or outlet
        column) has no outlet (``<NA>``), counted in the load report's
        ``outlets_missing``: give ``outlet=`` for such files.
    errors : {"raise", "report"}
        ``"raise"`` stops at the first bad record with a :class:`CorpusError` naming the
        file, the record and what was expected. ``"report"`` skips bad records and lists
        each, with its reason, in the load report.
    repair : bool
        Repair titles, descriptions and texts with ``framing.corpus.clean.repair_text``
        (glued sentences, mojibake, HTML entities, white space). Default True.

    Returns
    -------
    pandas.DataFrame
        A corpus (see ``framing.corpus.schema``), with extra source columns after the
        corpus columns (strings, or lists where the cells hold lists), ``source_id``
        holding the given ids where the source had an id column, the load report in
        ``attrs["load_report"]`` (see :func:`framing.load_report`) and provenance in
        ``attrs["framing"]``.

    Raises
    ------
    CorpusError
        With ``errors="raise"``: an empty or binary file, a malformed row, a missing text
        and title column, a date in no readable form, ...; the message names the file and
        the record.

    Notes
    -----
    ``doc_id`` is the source's id where it has one, else a hash of the URL, else of
    outlet, title and date: the same files give the same ids on every run. A repeated
    id is made unique in reading order (``"a"``, ``"a#2"``); the original stays in
    ``source_id`` so that ``framing.deduplicate`` can find the repeats.

    Dates are read per ``framing.corpus._dates``: slashed dates are month first
    (``03/02/2022`` is 2 March); times without a zone are UTC. Where no date is given,
    a date in the URL (``/20220302/``) is used and ``date_source`` says ``"url"``.

    Examples
    --------
    >>> import framing, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.csv").write_text(
    ...     "headline,body,link\\n"
    ...     "Talks resume,The talks went on.It rained.,"
    ...     "https://www.rt.com/news/20220302/talks/\\n")
    >>> corpus = framing.read_corpus(folder / "a.csv")
    >>> corpus[["outlet", "title", "text"]].iloc[0].tolist()
    ['RT', 'Talks resume', 'The talks went on. It rained.']
    >>> str(corpus["published"].iloc[0]), corpus["date_source"].iloc[0]
    ('2022-03-02 00:00:00+00:00', 'url')
    """
    options = _check_options(format, columns, outlet, errors, repair)
    collector = Collector(options.errors)
    frames = list(_iter_chunks(source, options, collector, _DEFAULT_CHUNK))
    restored = None
    if len(collector.sources) == 1 and options.outlet is None:
        # One file written by write_corpus: give it back as it was, attrs included.
        restored = collector.restorable.get(next(iter(collector.sources)))
    return _finish(frames, collector, _parameters(source, options), restored)


def _parameters(source: Any, options: _Options) -> dict[str, Any]:
    sources = source if isinstance(source, list | tuple) else [source]
    return {
        "source": [os.fspath(s) if isinstance(s, str | os.PathLike) else str(s) for s in sources],
        "format": options.format,
        "columns": dict(options.columns) if options.columns else None,
        "outlet": options.outlet,
        "errors": options.errors,
        "repair": options.repair,
    }


def iter_corpus(
    source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    chunksize: int = _DEFAULT_CHUNK,
    *,
    format: str | None = None,
    columns: Mapping[str, str] | None = None,
    outlet: str | None = None,
    errors: str = "raise",
    repair: bool = True,
) -> Iterator[pd.DataFrame]:
    """Read a corpus in chunks of at most ``chunksize`` documents, in bounded memory.

    Takes the same options as :func:`read_corpus`. CSV, TSV, JSON Lines, dump files,
    Excel sheets and Parquet row groups are streamed; a JSON array is read whole (its
    syntax allows nothing else). A chunk never spans two files. Each chunk is a corpus
    whose ``attrs["load_report"]`` is the report so far; ``doc_id`` is unique across
    all chunks of one call. ``pd.concat`` of the chunks holds the same rows and values
    as ``read_corpus`` (with the default ``chunksize``, also the same columns).

    Examples
    --------
    >>> import framing, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> rows = "".join(f"Title {i},Text {i}\\n" for i in range(5))
    >>> _ = (folder / "a.csv").write_text("title,text\\n" + rows)
    >>> [len(chunk) for chunk in framing.iter_corpus(folder / "a.csv", chunksize=2)]
    [2, 2, 1]
    """
    options = _check_options(format, columns, outlet, errors, repair, chunksize)
    collector = Collector(options.errors)
    parameters = _parameters(source, options)
    for chunk in _iter_chunks(source, options, collector, chunksize):
        yield _finish([chunk], collector, parameters)


def write_corpus(corpus: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Save a corpus to a Parquet file that ``read_corpus`` gives back identical.

    Dtypes, values, row order and ``attrs`` (load report, provenance) survive the round
    trip; ``attrs`` are stored as JSON in the file's schema metadata and list columns
    (``tags``) as ``list<string>``.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (checked with ``validate_corpus``).
    path : path
        Where to write; the folder must exist.

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import framing, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.csv").write_text("title,text,date\\nA,Body,2022-03-02\\n")
    >>> corpus = framing.read_corpus(folder / "a.csv", outlet="X")
    >>> back = framing.read_corpus(framing.write_corpus(corpus, folder / "a.parquet"))
    >>> back.equals(corpus) and back.attrs == corpus.attrs
    True
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    validate_corpus(corpus)
    arrays = []
    for name in corpus.columns:
        values = corpus[name]
        if values.dtype == object and all(isinstance(v, list) for v in values):
            arrays.append(pa.array(values.tolist(), type=pa.list_(pa.string())))
        elif isinstance(values.dtype, pd.StringDtype):
            arrays.append(
                pa.array(
                    values.astype(object).where(values.notna(), None).tolist(), type=pa.string()
                )
            )
        else:
            arrays.append(pa.Array.from_pandas(values))
    metadata = {
        _ATTRS_KEY: json.dumps(corpus.attrs, default=str, sort_keys=True).encode(),
        _DTYPES_KEY: json.dumps({n: str(corpus[n].dtype) for n in corpus.columns}).encode(),
    }
    table = pa.Table.from_arrays(arrays, names=[str(n) for n in corpus.columns])
    table = table.replace_schema_metadata(metadata)
    target = Path(path)
    pq.write_table(table, target)
    return target
