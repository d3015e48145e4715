"""YAML for the native and the quanteda formats: safe reading with the line of every key,
and scalars that read back as exactly what was written.

YAML is only ever read with the safe loader: a lexicon file cannot run code.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from framing.lexicon.formats._common import Parsed
from framing.lexicon.rules import ERROR

#: The safe loader, in C when PyYAML has it.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# A scalar that may be written without quotes, if it reads back the same.
_PLAIN = re.compile(r"[\w][\w '’.\-/]*", re.UNICODE)


def scalar(value: Any) -> str:
    """Return ``value`` as a YAML scalar that reads back as exactly ``value``."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    text = str(value)
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and _reads_back(text):
        return text
    return quoted(text)


def quoted(text: str) -> str:
    """Return ``text`` as a double-quoted YAML scalar."""
    # JSON strings are YAML double-quoted scalars; escape what a YAML reader would not
    # take as is (non-printable characters, and the Unicode line separators it folds).
    as_json = json.dumps(text, ensure_ascii=False)
    return "".join(
        character
        if character.isprintable() and character not in "\x85\u2028\u2029\ufeff"
        else (
            f"\\u{ord(character):04x}" if ord(character) < 0x10000 else f"\\U{ord(character):08x}"
        )
        for character in as_json
    )


def _reads_back(text: str) -> bool:
    try:
        return yaml.load(f"k: {text}", Loader=LOADER) == {"k": text} and yaml.load(
            f"[{text}]", Loader=LOADER
        ) == [text]
    except yaml.YAMLError:
        return False


def compose(text: str, parsed: Parsed) -> tuple[Any, dict[tuple[Any, ...], int]]:
    """Parse YAML safely; return the data and the 1-based line of every key and item.

    Duplicate mapping keys, which YAML loaders silently collapse, become errors.
    """
    try:
        root = yaml.compose(text, Loader=LOADER)
        data = yaml.load(text, Loader=LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(error, "problem", None) or str(error)
        parsed.add(ERROR, "yaml", f"the file is not valid YAML: {reason}", line)
        return None, {}
    lines: dict[tuple[Any, ...], int] = {}

    def walk(node: yaml.Node, path: tuple[Any, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = key_node.value
                if key in seen:
                    where = "/".join(str(p) for p in path) or "the top level"
                    parsed.add(
                        ERROR,
                        "duplicate_key",
                        f"the key {key!r} appears twice under {where}; YAML would keep "
                        "only the last one silently",
                        key_node.start_mark.line + 1,
                    )
                seen.add(key)
                lines[(*path, key)] = key_node.start_mark.line + 1
                walk(value_node, (*path, key))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                lines[(*path, index)] = item.start_mark.line + 1
                walk(item, (*path, index))

    if root is not None:
        walk(root, ())
    return data, lines
