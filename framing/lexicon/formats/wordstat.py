"""WordStat category dictionaries (``.cat``): categories nested by indentation, entries
written ``ENTRY (weight)``.

The first level is the concept, the levels below it (joined with ``/``) the variant; an
entry right under a first-level category belongs to a variant of the concept's name.
Weights other than 1 are dropped with a warning: every framing term counts once.
"""

from __future__ import annotations

from framing.lexicon.formats._common import (
    Parsed,
    from_rows,
    lost_in,
    nested_rows,
    warn,
    write_nested,
)
from framing.lexicon.model import Lexicon


def _entry(line: str) -> tuple[str, str] | None:
    """A stripped entry line's pattern and weight: ``pattern (weight)``, else None.

    The weight is the last bracket (no ``)`` inside it); found by position, not by a
    backtracking pattern, so a long line of brackets costs its length, not its square.
    """
    if not line.endswith(")"):
        return None
    close = len(line) - 1
    opening = line.find("(", line.rfind(")", 0, close) + 1, close)
    if opening < 0:
        return None
    return line[:opening].rstrip(), line[opening + 1 : close]


def parse(text: str, file: str, name: str, categories: set[str] | None) -> Parsed:
    parsed = Parsed(file)
    stack: list[tuple[int, str]] = []  # (indent width, category name)
    entries = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        indent = len(raw) - len(raw.lstrip())
        line = raw.strip()
        entry = _entry(line)
        if entry:
            pattern, weight = entry[0], entry[1].strip()
            # An entry belongs to the nearest category above it that is less indented.
            while stack and stack[-1][0] >= indent:
                stack.pop()
            if weight != "1":
                warn(
                    f"{file}, line {number}: the weight ({weight}) of "
                    f"{pattern!r} is not kept; every framing term counts once."
                )
            entries.append((tuple(name for _, name in stack), pattern, number))
            continue
        while stack and stack[-1][0] >= indent:
            stack.pop()
        stack.append((indent, line))
    rows = nested_rows(parsed, entries, categories)
    if parsed.problems:
        return parsed
    return from_rows(parsed, rows, name)


def write(lexicon: Lexicon) -> str:
    lost_in(lexicon, "WordStat")
    return write_nested(
        lexicon,
        key=lambda name, depth: "\t" * depth + name,
        entry=lambda pattern, depth: "\t" * depth + f"{pattern} (1)",
    )
