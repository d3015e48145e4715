"""quanteda dictionaries in YAML: nested keys holding lists of entries.

The first-level key is the concept, the keys below it (joined with ``/``) the variant; a
key holding a list directly is a concept with one variant of the same name. A YAML file
is read as quanteda's when it has no top-level ``concepts:`` key (else it is native).
"""

from __future__ import annotations

from typing import Any

from framing.lexicon.formats._common import Parsed, from_rows, lost_in, nested_rows, write_nested
from framing.lexicon.formats._yaml import compose, scalar
from framing.lexicon.model import Lexicon
from framing.lexicon.problems import ERROR


def parse(text: str, file: str, name: str, categories: set[str] | None) -> Parsed:
    parsed = Parsed(file)
    data, lines = compose(text, parsed)
    if parsed.problems:
        return parsed
    if not isinstance(data, dict):
        parsed.add(ERROR, "structure", "a quanteda dictionary is a mapping of keys to terms", 1)
        return parsed
    entries: list[tuple[tuple[str, ...], str, int]] = []

    def walk(node: Any, path: tuple[Any, ...]) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*path, str(key)))
        elif isinstance(node, list):
            for index, item in enumerate(node):
                line = lines.get((*path, index), 0)
                if isinstance(item, str):
                    entries.append((path, item, line))
                else:
                    parsed.add(
                        ERROR,
                        "type",
                        f"a dictionary entry must be text; got {item!r}",
                        line,
                    )
        elif isinstance(node, str):
            entries.append((path, node, lines.get(path, 0)))
        else:
            parsed.add(
                ERROR,
                "type",
                f"the key {'/'.join(path)!r} must hold a list of terms or more keys; got {node!r}",
                lines.get(path),
            )

    walk(data, ())
    rows = nested_rows(parsed, entries, categories)
    if parsed.problems:
        return parsed
    return from_rows(parsed, rows, name)


def write(lexicon: Lexicon) -> str:
    lost_in(lexicon, "quanteda")
    return write_nested(
        lexicon,
        key=lambda name, depth: "  " * depth + f"{scalar(name)}:",
        entry=lambda pattern, depth: "  " * depth + f"- {scalar(pattern)}",
    )
