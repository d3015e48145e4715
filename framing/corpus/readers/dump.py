"""The scraped-page dump (format ``"dump"``): the reader over ``framing.corpus.dumps``.

``framing.corpus.dumps`` parses the format (each value recognised by its shape); this
module reads a file's lines into it and hands its documents on in chunks.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from framing.corpus._report import Collector
from framing.corpus.dumps import iter_dump
from framing.corpus.readers._registry import Chunk, Source, register
from framing.corpus.readers._sources import check_text_file, utf8_lines


@register(
    "dump",
    extensions=(".dump",),
    expected="dump documents starting with a line ' date YYYY-MM-DD URL'",
)
def _read_dump(path: Path, source: Source, collector: Collector, size: int) -> Iterator[Chunk]:
    """Documents of a dump file; a document the parser cannot read is a bad record."""
    check_text_file(path, "dump")
    source.structured = True
    rows: list[dict[str, Any]] = []
    records: list[str] = []
    for item in iter_dump(utf8_lines(path)):
        if item.fields is None:
            collector.fail(source.path, f"line {item.line}", item.problem or "")
            continue
        rows.append(item.fields)
        records.append(f"line {item.line}")
        if len(rows) >= size:
            yield Chunk.from_records(rows, records)
            rows, records = [], []
    if rows:
        yield Chunk.from_records(rows, records)
