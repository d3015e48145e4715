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
from framing.corpus.readers._columns import ALIASES, normalise_name
from framing.corpus.readers._registry import Chunk, Source, register
from framing.corpus.readers._sources import check_text_file
from framing.corpus.readers._text_io import file_lines
from framing.limits import get_limits


@register(
    "jsonl",
    extensions=(".jsonl", ".ndjson"),
    aliases=("ndjson",),
    expected="one JSON object per line",
)
def _read_json_lines(
    path: Path, source: Source, collector: Collector, size: int
) -> Iterator[Chunk]:
    """One object a line, streamed; a line that is not a JSON object is a bad record.

    Lines end at ``\n`` only: U+2028, U+2029 and U+0085 are legal inside JSON strings
    (``json.dumps(..., ensure_ascii=False)`` writes them raw) and never end a record.
    """
    check_text_file(path, "jsonl")
    limit = get_limits().record_bytes
    rows: list[dict[str, Any]] = []
    records: list[str] = []
    for line in file_lines(path, limit, lf_only=True):
        record = f"line {line.number}"
        if line.too_long:
            collector.fail(source.path, record, _too_long(limit))
            continue
        if not line.text.strip(" \t\r\n"):
            continue
        if line.undecodable is not None:
            collector.fail(source.path, record, line.undecodable)
            continue
        value, problem = parse_json(line.text)
        if problem is not None:
            collector.fail(source.path, record, f"expected a JSON object; {problem}")
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


def _too_long(limit: int) -> str:
    return (
        f"the record is longer than the limit of {limit:,} bytes (raise it with "
        "framing.set_limits(record_bytes=...))"
    )


def parse_json(text: str) -> tuple[Any, str | None]:
    """The JSON value of ``text``, or None and why it could not be read.

    A value nested deeper than ``framing.get_limits().nesting_depth`` is refused.
    """
    try:
        value = json.loads(text)
    except RecursionError:
        return None, _too_deep()
    except ValueError as error:
        return None, f"the text is not JSON ({error})"
    if _depth_exceeds(value, get_limits().nesting_depth):
        return None, _too_deep()
    return value, None


def _too_deep() -> str:
    depth = get_limits().nesting_depth
    return (
        f"a value is nested more than {depth} levels deep (raise the limit with "
        "framing.set_limits(nesting_depth=...))"
    )


def _depth_exceeds(value: Any, limit: int) -> bool:
    """True if ``value`` nests lists and objects more than ``limit`` levels deep."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


# Keys under which API responses and exports hold their list of articles.
_LIST_KEYS = (
    "articles",
    "items",
    "data",
    "results",
    "records",
    "documents",
    "docs",
    "stories",
    "posts",
    "news",
    "entries",
    "rows",
)
_RECORD_KEYS = frozenset(ALIASES["text"] + ALIASES["title"])


@register("json", extensions=(".json",), expected="a JSON array of objects")
def _read_json_array(
    path: Path, source: Source, collector: Collector, size: int
) -> Iterator[Chunk]:
    """The objects of a JSON array (read whole), of a wrapper object's list, or the object.

    A top-level object is one article when it has a text or title field (whatever lists
    it holds: ``tags``, paragraphs); otherwise its list of objects is read
    (``{"articles": [...], "errors": []}``). An object holding several lists of objects,
    none named like a list of articles, is an error naming them.
    """
    check_text_file(path, "json")
    limit = get_limits().json_bytes
    if path.stat().st_size > limit:
        raise RecordError(
            source.path,
            None,
            f"the file is larger than the limit of {limit:,} bytes for a JSON array, which "
            "is read whole (write it as JSON Lines, or raise the limit with "
            "framing.set_limits(json_bytes=...))",
        )
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RecordError(source.path, None, f"the text is not UTF-8 ({error.reason})") from None
    value, problem = parse_json(text)
    if problem is not None:
        raise RecordError(source.path, None, f"expected a JSON array of objects; {problem}")
    if isinstance(value, dict):
        value = _wrapped_records(value, source)
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


def _is_text(value: Any) -> bool:
    """A text field's value: a string, or a list of strings (paragraphs)."""
    if isinstance(value, str):
        return True
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _wrapped_records(value: dict[str, Any], source: Source) -> list[Any]:
    """The records of a top-level object: itself (an article) or its list of objects."""
    if any(
        normalise_name(str(key)) in _RECORD_KEYS and _is_text(item) for key, item in value.items()
    ):
        return [value]
    lists = {
        key: item
        for key, item in value.items()
        if isinstance(item, list) and any(isinstance(v, dict) for v in item)
    }
    if len(lists) == 1:
        return next(iter(lists.values()))
    if not lists:
        return [value]
    named = [key for key in lists if normalise_name(str(key)) in _LIST_KEYS]
    if len(named) == 1:
        return lists[named[0]]
    raise RecordError(
        source.path,
        None,
        f"expected a JSON array of objects; found an object holding several lists of "
        f"objects ({', '.join(repr(k) for k in lists)}) and could not tell which holds "
        "the articles (save that list alone as the file)",
    )
