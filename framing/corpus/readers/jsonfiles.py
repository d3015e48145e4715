"""JSON files: ``"jsonl"`` (JSON Lines, one object a line) and ``"json"`` (an array of objects).

A JSON Lines record is named by its line, an array's by its item (counting from 1). A
``.json`` file holding one object per line is read as JSON Lines (see ``_sources``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from framing.corpus._report import Collector, RecordError
from framing.corpus.readers._registry import Chunk, Source, register
from framing.corpus.readers._sources import check_text_file, utf8_lines


@register(
    "jsonl",
    extensions=(".jsonl", ".ndjson"),
    aliases=("ndjson",),
    expected="one JSON object per line",
)
def _read_json_lines(
    path: Path, source: Source, collector: Collector, size: int
) -> Iterator[Chunk]:
    """One object a line, streamed; a line that is not a JSON object is a bad record."""
    check_text_file(path, "jsonl")
    rows: list[dict[str, Any]] = []
    records: list[str] = []
    for number, line in enumerate(utf8_lines(path), start=1):
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
            yield Chunk.from_records(rows, records)
            rows, records = [], []
    if rows:
        yield Chunk.from_records(rows, records)


@register("json", extensions=(".json",), expected="a JSON array of objects")
def _read_json_array(
    path: Path, source: Source, collector: Collector, size: int
) -> Iterator[Chunk]:
    """The objects of a JSON array (read whole), or of an object's only list, or the object."""
    check_text_file(path, "json")
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
            yield Chunk.from_records(rows, records)
            rows, records = [], []
    if rows:
        yield Chunk.from_records(rows, records)
