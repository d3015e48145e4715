"""The scraped-page dump (format ``"dump"``): the reader over ``framing.corpus.dumps``.

``framing.corpus.dumps`` parses the format (each value recognised by its shape); this
module reads a file's lines into it and hands its documents on in chunks. A line that is
not UTF-8 (or longer than the record limit) spoils only the document that holds it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from framing.corpus._report import Collector
from framing.corpus.dumps import DumpItem, iter_dump
from framing.corpus.readers._registry import Chunk, Source, register
from framing.corpus.readers._sources import check_text_file
from framing.corpus.readers._text_io import file_lines, line_text
from framing.limits import get_limits


@register(
    "dump",
    extensions=(".dump",),
    expected="dump documents starting with a line ' date YYYY-MM-DD URL'",
)
def _read_dump(path: Path, source: Source, collector: Collector, size: int) -> Iterator[Chunk]:
    """Documents of a dump file; a document the parser cannot read is a bad record."""
    check_text_file(path, "dump")
    source.structured = True
    limit = get_limits().record_bytes
    bad: dict[int, str] = {}  # line number (as the parser counts) -> what is wrong with it

    def pieces() -> Iterator[str]:
        number = 0
        for line in file_lines(path, limit):
            if line.too_long:
                number += 1
                bad[number] = (
                    f"a line longer than the limit of {limit:,} bytes (raise it with "
                    "framing.set_limits(record_bytes=...))"
                )
                yield ""
                continue
            # A lone \r (old Mac exports) or U+2028 ends a line too, as in str.splitlines,
            # so that the dump's blank-line structure reads the same whatever the endings.
            for piece in line_text(line.text).splitlines() or [""]:
                number += 1
                if line.undecodable is not None:
                    bad.setdefault(number, line.undecodable)
                yield piece

    rows: list[dict[str, Any]] = []
    records: list[str] = []

    def take(item: DumpItem, end: int | None) -> None:
        spoiled = sorted(n for n in bad if n >= item.line and (end is None or n < end))
        if spoiled:
            problem = bad[spoiled[0]]
            for number in spoiled:
                del bad[number]
            collector.fail(source.path, f"line {item.line}", f"line {spoiled[0]}: {problem}")
            return
        if item.fields is None:
            collector.fail(source.path, f"line {item.line}", item.problem or "")
            return
        rows.append(item.fields)
        records.append(f"line {item.line}")

    pending: DumpItem | None = None
    for item in iter_dump(pieces()):
        if pending is not None:
            take(pending, item.line)
        pending = item
        if len(rows) >= size:
            yield Chunk.from_records(rows, records)
            rows, records = [], []
    if pending is not None:
        take(pending, None)
    if rows:
        yield Chunk.from_records(rows, records)
