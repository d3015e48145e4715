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
from framing.lexicon.problems import ERROR

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

    Duplicate mapping keys, which YAML loaders silently collapse, become errors. So do
    aliases that refer to their own ancestors, and aliases that expand the document past
    ``framing.get_limits().yaml_nodes`` nodes (a "billion laughs" file of a few hundred
    bytes): the walk below, and every reader of the data, visits each alias's copy.
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
    problem = _expansion_problem(root)
    if problem is not None:
        parsed.add(ERROR, "yaml", problem, None)
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


def _expansion_problem(root: Any) -> str | None:
    """Why the document's aliases cannot be expanded, or None.

    Counts the nodes of the document with every alias expanded, visiting each distinct
    node once (so the count costs as much as the file, not as its expansion).
    """
    from framing.limits import get_limits

    if root is None:
        return None
    limit = get_limits().yaml_nodes
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in children)
            if sizes[key] > limit:
                return (
                    f"the file's aliases expand it to more than {limit:,} nodes (a lexicon "
                    "needs no aliases; raise the limit with framing.set_limits(yaml_nodes=...))"
                )
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            return "an alias refers to a node that holds it (a recursive structure)"
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)
    return None


def _children(node: Any) -> list[Any]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []
