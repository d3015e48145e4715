"""The reader registry (format name -> reader) and what a reader gets and gives back.

Every format module of this package registers its reader here, naming the format, the
file extensions that mean it and what a file of it holds (said in error messages)::

    @register("csv", extensions=(".csv",), expected="a header row and one row per document")
    def _read_delimited(path, source, collector, size): ...

A reader takes the file's path, the file's :class:`Source` (its state while it is read),
the load-report :class:`~framing.corpus._report.Collector` and the chunk size. It yields
:class:`Chunk` objects (raw values, one list per source column, and the record each row
came from), which ``_build`` turns into corpus rows; or, for a file that already holds
a corpus (Parquet written by ``write_corpus``), finished corpus tables. A bad record is
passed to ``collector.fail``; a file that cannot be read at all raises ``RecordError``.

To add a format: write a module in this package with one registered reader, add the
format's name to :data:`FORMATS` (the order messages list formats in) and import the
module in ``__init__.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from framing.corpus._report import Collector

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
    # News-database exports, archives and feeds (detected by content; see ``sniff_content``).
    "nexis",
    "factiva",
    "integrum",
    "mediacloud",
    "telegram",
    "warc",
    "feed",
    "word",
    "rtf",
)


@dataclass
class Chunk:
    """Raw values of up to ``size`` records: one list per source column, and record names."""

    columns: dict[str, list[Any]]
    records: list[str]

    @classmethod
    def from_records(cls, rows: list[dict[str, Any]], records: list[str]) -> Chunk:
        """A chunk from one dict per record; a key some records lack is None there."""
        names: dict[str, None] = {}
        for row in rows:
            names.update(dict.fromkeys(row))
        return cls({name: [row.get(name) for row in rows] for name in names}, records)

    @classmethod
    def from_rows(cls, header: list[str], rows: list[list[Any]], records: list[str]) -> Chunk:
        """A chunk from table rows that each have one cell per header name."""
        # Every row has len(header) cells (checked by the readers), so the transpose is exact.
        if not rows:
            return cls({name: [] for name in header}, records)
        columns = zip(*rows, strict=True)
        return cls(
            {name: list(cells) for name, cells in zip(header, columns, strict=True)}, records
        )


def header_names(header: Sequence[Any]) -> list[str]:
    """Unique column names from a header row: blanks become ``Unnamed: N``, repeats ``x.1``."""
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


@dataclass
class Source:
    """One source being read: its name, format, load-report entry and column decisions.

    ``structured`` sources (dumps, text files, saved pages) name their fields as corpus
    columns already; the others are mapped by column aliases (``_columns``). The mapping
    and the kind of each extra column are decided on the first chunk and kept for the rest.

    ``file`` is the file's name as the ``file`` column gives it (relative to the folder
    read), ``file_fields`` what ``file_pattern=`` took from that name. A reader of one
    document a file sets ``id_from_file``: the document's id is then the file's name
    without its extension (as quanteda's readtext does).

    ``given_encoding`` is the charset ``encoding=`` names (None: UTF-8, else detected;
    see ``_charsets``); only the text formats read it.
    """

    path: str
    format: str
    entry: dict[str, Any]
    structured: bool = False
    mapping: dict[str, str] | None = None
    list_columns: set[str] = field(default_factory=set)
    string_columns: set[str] = field(default_factory=set)
    dropped: set[str] = field(default_factory=set)
    file: str | None = None
    file_fields: dict[str, str | None] = field(default_factory=dict)
    id_from_file: bool = False
    extra_names: dict[str, str] = field(default_factory=dict)
    given_encoding: str | None = None


Reader = Callable[[Path, Source, Collector, int], Iterator[Chunk | pd.DataFrame]]


@dataclass(frozen=True)
class Format:
    """A registered format: its reader, extensions, other names and expected content."""

    name: str
    read: Reader
    extensions: tuple[str, ...]
    aliases: tuple[str, ...]
    expected: str


#: The one registry: format name -> :class:`Format` (its reader and what it reads).
READERS: dict[str, Format] = {}


def register(
    name: str, *, extensions: Sequence[str], expected: str, aliases: Sequence[str] = ()
) -> Callable[[Reader], Reader]:
    """Register the decorated function as the reader of the format ``name``.

    ``extensions`` are the lower-case file suffixes (``".csv"``) that mean the format,
    ``aliases`` other names ``format=`` accepts for it (``"xlsx"``), and ``expected``
    what a file of the format holds, as error messages say it.
    """
    if name not in FORMATS:
        raise ValueError(f"The format {name!r} is not in FORMATS {list(FORMATS)}; add it there.")

    def add(read: Reader) -> Reader:
        if name in READERS:
            raise ValueError(f"The format {name!r} has a reader already.")
        READERS[name] = Format(name, read, tuple(extensions), tuple(aliases), expected)
        return read

    return add


def format_by_extension() -> dict[str, str]:
    """File suffix -> the format it means, for every registered format."""
    return {suffix: fmt.name for fmt in READERS.values() for suffix in fmt.extensions}


def canonical_format(name: str) -> str:
    """The registered name for ``name`` or one of its aliases (unknown names unchanged)."""
    for fmt in READERS.values():
        if name in fmt.aliases:
            return fmt.name
    return name


def expected_content(name: str) -> str:
    """What a file of the format ``name`` holds, as error messages say it."""
    return READERS[name].expected


# -- detection by content ---------------------------------------------------------------
#: A sniffer looks at a file (its path and first bytes) and names the format it holds,
#: or None. Sniffers never raise; the first that names a format wins.
Sniffer = Callable[[Path, bytes], "str | None"]

#: The content sniffers of the export formats, in the order they are asked.
SNIFFERS: list[Sniffer] = []


def sniffer(function: Sniffer) -> Sniffer:
    """Register the decorated function as a content sniffer (see :func:`sniff_content`)."""
    SNIFFERS.append(function)
    return function


def sniff_content(path: Path, head: bytes) -> str | None:
    """The export format a file holds by its content (a Factiva page, a Telegram export,
    a WARC, ...), or None when no sniffer recognises it."""
    for function in SNIFFERS:
        try:
            name = function(path, head)
        except Exception:  # a sniffer only looks: a damaged file is for its reader to report
            name = None
        if name is not None:
            return name
    return None
