"""Cell values as the corpus keeps them: text, lists of strings, tags.

The readers give raw values (strings from CSV, whatever JSON, Excel or Parquet hold);
:func:`cell_text` makes one text of a value, :func:`cell_texts` of a column, and
:func:`as_list`, :func:`list_cell` and :func:`tag_list` read a list of strings from a
list, a JSON or Python-literal list, or comma-separated text.
"""

from __future__ import annotations

import ast
import json
import re
import warnings
from typing import Any

from framing.corpus._dates import is_blank

LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: How a list of strings in a text field is joined: paragraphs, names, or lines.
JOINERS = {"text": "\n\n", "description": "\n\n", "author": ", ", "title": " "}


def cell_text(value: Any, joiner: str | None = None) -> str | None:
    """A cell as text: None for a blank, whole floats without ``.0``, lists as JSON.

    With ``joiner``, a list of strings (a scraper's list of paragraphs) is joined with
    it instead. Lone surrogates (half an emoji, cut by a truncating exporter) become
    U+FFFD, so that every value can be stored.
    """
    if type(value) is str:  # most cells: the str branch below, without the type tests
        text = value.strip()
        if not text:
            return None
        return LONE_SURROGATE.sub("\ufffd", text) if LONE_SURROGATE.search(text) else text
    if is_blank(value):
        return None
    if isinstance(value, str):
        text = value.strip()
    elif isinstance(value, bool):
        return "true" if value else "false"
    elif isinstance(value, float) and value.is_integer():
        return str(int(value))
    elif isinstance(value, bytes | bytearray | memoryview):
        text = bytes(value).decode("utf-8", "replace").strip()
    elif hasattr(value, "isoformat"):
        return value.isoformat()
    elif isinstance(value, list | tuple) or (
        hasattr(value, "tolist") and not isinstance(value, str | int | float)
    ):
        items = value.tolist() if hasattr(value, "tolist") else list(value)
        if not isinstance(items, list):
            return cell_text(items, joiner)
        if joiner is not None and all(isinstance(v, str) or is_blank(v) for v in items):
            text = joiner.join(v.strip() for v in items if isinstance(v, str) and v.strip())
        else:
            text = json.dumps(items, ensure_ascii=False, default=str)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False, default=str)
    else:
        text = str(value).strip()
    if not text:
        return None
    if LONE_SURROGATE.search(text):
        text = LONE_SURROGATE.sub("\ufffd", text)
    return text


def cell_texts(values: list[Any], joiner: str | None = None) -> list[str | None]:
    """:func:`cell_text` of each value: the same texts, made faster for strings.

    A column of strings (most columns) is stripped in one pass and checked for lone
    surrogates once, as one text, instead of value by value.
    """
    out = [
        (value.strip() or None)
        if type(value) is str
        else (None if value is None else cell_text(value, joiner))
        for value in values
    ]
    try:
        "".join([text for text in out if text is not None]).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate somewhere (rare): mend each value
        return [None if text is None else LONE_SURROGATE.sub("\ufffd", text) for text in out]
    return out


# A list of quoted strings without escapes, controls or surrogates ("['Bucha', "Kyiv's"]"):
# what json.loads or ast.literal_eval gives for it is each item's text between its quotes.
_QUOTED_ITEM = re.compile(
    "'[^'\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]*'"
    '|"[^"\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]*"'
)
_QUOTED_LIST = re.compile(
    rf"\[ *(?:(?:{_QUOTED_ITEM.pattern}) *(?:, *(?:{_QUOTED_ITEM.pattern}) *)*)?\]"
)


def as_list(value: Any) -> list[str] | None:
    """A list of strings from a list, a JSON or Python-literal list; None if not a list."""
    if hasattr(value, "tolist") and not isinstance(value, str):
        value = value.tolist()
    if isinstance(value, list | tuple):
        if all(isinstance(v, str | int | float | bool | bytes) or v is None for v in value):
            items = (cell_text(v) for v in value)
            return [item for item in items if item is not None]
        return None
    if isinstance(value, str):
        text = value.strip()
        if len(text) >= 2 and text[0] == "[" and text[-1] == "]" and len(text) < 1_000_000:
            if _QUOTED_LIST.fullmatch(text):  # most list cells: read without a parser
                # each item as cell_text gives it (no surrogate can be in one)
                items = (item[1:-1].strip() for item in _QUOTED_ITEM.findall(text))
                return [item for item in items if item]
            try:
                parsed = json.loads(text)
            except (ValueError, RecursionError):
                try:
                    # literal_eval reads Python literals only: it never runs code. A cell
                    # like ['C:\kyiv'] would make the compiler warn about an escape
                    # sequence, naming no file: a cell is data, so its warnings are not
                    # shown (the reader keeps what it parses, or the text as it is).
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        parsed = ast.literal_eval(text)
                except (ValueError, SyntaxError, MemoryError, RecursionError, TypeError):
                    return None
            if isinstance(parsed, list | tuple):
                return as_list(list(parsed))
    return None


def list_cell(value: Any) -> list[str]:
    """A list-column cell: its list, a one-item list of the text, or [] for a blank."""
    if is_blank(value):
        return []
    parsed = as_list(value)
    if parsed is None:
        text = cell_text(value)
        return [] if text is None else [text]
    return parsed


def tag_list(value: Any) -> list[str]:
    """Tags from a list, a list literal, or comma-separated text; [] for a blank."""
    if is_blank(value):
        return []
    parsed = as_list(value)
    if parsed is not None:
        return parsed
    text = cell_text(value) or ""
    return [part.strip() for part in text.split(",") if part.strip()]
