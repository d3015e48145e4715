"""WordStat category dictionaries (``.cat``): categories nested by indentation, entries
written ``ENTRY (weight)``.

The first level is the concept, the levels below it (joined with ``/``) the variant; an
entry right under a first-level category belongs to a variant of the concept's name.
Weights other than 1 are dropped with a warning: every framing term counts once.
"""

from __future__ import annotations

import re

from framing.lexicon.formats._common import (
    Parsed,
    from_rows,
    lost_in,
    nested_rows,
    warn,
    write_nested,
)
from framing.lexicon.model import Lexicon

_ENTRY = re.compile(r"^(?P<pattern>.*?)\s*\((?P<weight>[^)]*)\)\s*$")


def parse(text: str, file: str, name: str, categories: set[str] | None) -> Parsed:
    parsed = Parsed(file)
    stack: list[tuple[int, str]] = []  # (indent width, category name)
    entries = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        indent = len(raw) - len(raw.lstrip())
        line = raw.strip()
        entry = _ENTRY.match(line)
        if entry:
            # An entry belongs to the nearest category above it that is less indented.
            while stack and stack[-1][0] >= indent:
                stack.pop()
            weight = entry.group("weight").strip()
            if weight != "1":
                warn(
                    f"{file}, line {number}: the weight ({weight}) of "
                    f"{entry.group('pattern')!r} is not kept; every framing term counts once."
                )
            entries.append((tuple(name for _, name in stack), entry.group("pattern"), number))
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
