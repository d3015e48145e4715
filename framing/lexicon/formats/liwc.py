"""LIWC dictionaries (``.dic``), in the LIWC2007 and LIWC2015 styles.

A category list between two lines holding only ``%`` (number, tab or spaces, name; the
2015 nesting by indentation is not kept), then one entry a line: the word or phrase and
its category numbers. A category ``concept.variant`` becomes that pair; any other
category a concept with one variant, both named after it.
"""

from __future__ import annotations

import re

from framing.lexicon.formats._common import (
    EXCLUSIONS,
    Parsed,
    from_rows,
    join_category,
    lost_in,
    selected,
    split_category,
    warn,
)
from framing.lexicon.model import Lexicon
from framing.lexicon.problems import ERROR

# A line of the category list: a number and a name (LIWC2015 indents and annotates them).
_CATEGORY = re.compile(r"^\s*(\d+)\s+(\S+)")
# Conditional category codes of LIWC2007: "(02 131)253", "<of>131/125".
_CONDITIONAL = re.compile(r"\([^()]*\)\d+(?:/\d+)?|<[^<>]*>\d*(?:/\d+)?")
# A trailing token of category codes on a space-separated line.
_CODES = re.compile(r"\d+|(?=[\d/]*[()<>])[\d()<>/]+")


def parse(text: str, file: str, name: str, categories: set[str] | None) -> Parsed:
    """Read a LIWC dictionary's text: the category list between the two ``%`` lines, then
    one entry a line; ``categories`` selects categories by name."""
    parsed = Parsed(file)
    lines = text.splitlines()
    markers = _markers(parsed, lines)
    if markers is None:
        return parsed
    legend = _legend(parsed, lines, *markers)
    if categories is not None and not _has_categories(parsed, legend, categories, markers[0]):
        return parsed
    rows = _rows(parsed, lines, markers[1] + 1, legend, categories)
    if parsed.problems:
        return parsed
    return from_rows(parsed, rows, name)


def _markers(parsed: Parsed, lines: list[str]) -> tuple[int, int] | None:
    """The indexes of the two ``%`` lines around the category list, or None (an error)."""
    markers = [number for number, line in enumerate(lines) if line.strip() == "%"]
    if len(markers) < 2:
        parsed.add(
            ERROR,
            "structure",
            "a LIWC dictionary starts with a category list between two lines holding only "
            f"'%'; found {len(markers)} such line{'s' if len(markers) != 1 else ''}",
            markers[0] + 1 if markers else 1,
        )
        return None
    return markers[0], markers[1]


def _legend(parsed: Parsed, lines: list[str], start: int, end: int) -> dict[str, str]:
    """The category list between the lines ``start`` and ``end``: number to name.

    Numbers lose their leading zeros ("02" is "2"), as entries may write them either way.
    """
    legend: dict[str, str] = {}
    for number in range(start + 1, end):
        line = lines[number]
        if not line.strip():
            continue
        # Categories may be indented (LIWC2015 nests them); the nesting is not kept.
        match = _CATEGORY.match(line)
        if not match:
            parsed.add(
                ERROR,
                "structure",
                f"a category line must be a number and a name; got {line.strip()!r}",
                number + 1,
            )
            continue
        legend[match.group(1).lstrip("0") or "0"] = match.group(2)
    return legend


def _has_categories(
    parsed: Parsed, legend: dict[str, str], categories: set[str], start: int
) -> bool:
    """True when the file defines every selected category; else an error at ``start``."""
    unknown = sorted(categories - set(legend.values()))
    if unknown:
        parsed.add(
            ERROR,
            "categories",
            f"the categories {unknown} are not in the file; it has {sorted(legend.values())}",
            start + 1,
        )
        return False
    return True


def _rows(
    parsed: Parsed,
    lines: list[str],
    first: int,
    legend: dict[str, str],
    categories: set[str] | None,
) -> list[tuple[str, str, str, int]]:
    """The entries from line index ``first`` on, as ``(concept, variant, pattern, line)``:
    one row for each of an entry's categories (selected by ``categories``)."""
    rows = []
    for number in range(first, len(lines)):
        line = lines[number].strip()
        if not line:
            continue
        pattern, codes = _split_entry(line)
        numbers = _category_numbers(parsed, pattern, codes, number + 1)
        for category in _category_names(parsed, pattern, numbers, legend, number + 1):
            if not selected(category, categories):
                continue
            concept, variant = split_category(category)
            rows.append((concept, variant, pattern, number + 1))
    return rows


def _split_entry(line: str) -> tuple[str, str]:
    """An entry line's pattern (spaces made single) and the text of its category codes.

    With a tab, the pattern is everything before the first tab; without one (a phrase
    written with spaces), the codes are the trailing tokens that look like codes.
    """
    if "\t" in line:
        pattern, _, codes = line.partition("\t")
    else:
        words = line.split()
        cut = len(words)
        while cut > 1 and _CODES.fullmatch(words[cut - 1]):
            cut -= 1
        pattern, codes = " ".join(words[:cut]), " ".join(words[cut:])
    return " ".join(pattern.split()), codes


def _category_numbers(parsed: Parsed, pattern: str, codes: str, line: int) -> list[str]:
    """The plain category numbers of an entry; none, with an error, when they are broken."""
    plain_codes = _CONDITIONAL.sub(" ", codes)
    if plain_codes != codes:
        # LIWC2007 conditional codes, e.g. "like  02 134(02 131)253 464" (category 253
        # only after a word of 02 or 131) or "<of>": keep the unconditional categories
        # and say what was left out.
        warn(
            f"{parsed.file}, line {line}: the LIWC2007 conditional code in {codes.strip()!r} "
            f"of {pattern!r} is not supported; only its plain categories "
            f"{plain_codes.split()} are read."
        )
    numbers = plain_codes.split()
    bad = [token for token in numbers if not token.isdigit()]
    if bad:
        parsed.add(
            ERROR,
            "structure",
            f"the entry {pattern!r} has category codes that are not numbers: {bad}",
            line,
            term=pattern,
        )
        return []
    if not numbers:
        parsed.add(
            ERROR,
            "structure",
            f"the entry {pattern!r} has no category numbers",
            line,
            term=pattern,
        )
    return numbers


def _category_names(
    parsed: Parsed, pattern: str, numbers: list[str], legend: dict[str, str], line: int
) -> list[str]:
    """The names of an entry's categories; an error for a number the list lacks."""
    names = []
    for category_number in numbers:
        category = legend.get(category_number.lstrip("0") or "0")
        if category is None:
            parsed.add(
                ERROR,
                "unknown_category",
                f"the entry {pattern!r} names category {category_number}, which the "
                f"category list does not define (it defines {', '.join(legend)})",
                line,
                term=pattern,
            )
            continue
        names.append(category)
    return names


def write(lexicon: Lexicon) -> str:
    """Write one category a concept and variant (``concept.variant``), numbered in order."""
    lost_in(lexicon, "LIWC")
    legend, entries = [], []
    for number, (concept, variant) in enumerate(
        ((c, v) for c in lexicon.concepts for v in c.variants), start=1
    ):
        legend.append(f"{number}\t{join_category(concept, variant)}")
        entries += [f"{term.pattern}\t{number}" for term in variant.terms]
    if lexicon.exclusions:
        number = len(legend) + 1
        legend.append(f"{number}\t{EXCLUSIONS}")
        entries += [f"{exclusion.pattern}\t{number}" for exclusion in lexicon.exclusions]
    return "%\n" + "\n".join(legend) + "\n%\n" + "\n".join(entries) + "\n"
