"""Lexicoder dictionaries (``.lc3``): a ``+category`` line, then its entries, one a line.

Categories name concept and variant as in LIWC files (``concept.variant``, or one name).
"""

from __future__ import annotations

from framing.lexicon.formats._common import (
    EXCLUSIONS,
    Parsed,
    from_rows,
    join_category,
    lost_in,
    selected,
    split_category,
)
from framing.lexicon.model import Lexicon
from framing.lexicon.problems import ERROR


def parse(text: str, file: str, name: str, categories: set[str] | None) -> Parsed:
    parsed = Parsed(file)
    rows, category, found = [], None, set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("+"):
            category = line[1:].strip()
            found.add(category)
            continue
        if category is None:
            parsed.add(
                ERROR,
                "structure",
                f"the entry {line!r} comes before any '+category' line",
                number,
                term=line,
            )
            continue
        if not selected(category, categories):
            continue
        concept, variant = split_category(category)
        rows.append((concept, variant, " ".join(line.split()), number))
    if categories is not None and categories - found:
        parsed.add(
            ERROR,
            "categories",
            f"the categories {sorted(categories - found)} are not in the file; "
            f"it has {sorted(found)}",
            None,
        )
    if parsed.problems:
        return parsed
    return from_rows(parsed, rows, name)


def write(lexicon: Lexicon) -> str:
    lost_in(lexicon, "Lexicoder")
    lines = []
    for concept in lexicon.concepts:
        for variant in concept.variants:
            lines.append(f"+{join_category(concept, variant)}")
            lines += [term.pattern for term in variant.terms]
    if lexicon.exclusions:
        lines.append(f"+{EXCLUSIONS}")
        lines += [exclusion.pattern for exclusion in lexicon.exclusions]
    return "\n".join(lines) + "\n"
