"""LIWC dictionaries (``.dic``), in the LIWC2007 and LIWC2015 styles.

A category list between two lines holding only ``%`` (number, tab or spaces, name; the
2015 nesting by indentation is not kept), then one entry a line: the word or phrase and
its category numbers. A category ``concept.variant`` becomes that pair; any other
category a concept with one variant, both named after it.
"""

from __future__ import annotations

import re

from framing.lexicon.formats._common import (
    Parsed,
    from_rows,
    join_category,
    lost_in,
    split_category,
    warn,
)
from framing.lexicon.model import Lexicon
from framing.lexicon.rules import ERROR

_CATEGORY = re.compile(r"^\s*(\d+)\s+(\S+)")
# Conditional category codes of LIWC2007: "(02 131)253", "<of>131/125".
_CONDITIONAL = re.compile(r"\([^)]*\)\d+(?:/\d+)?|<[^>]*>\d*(?:/\d+)?")
# A trailing token of category codes on a space-separated line.
_CODES = re.compile(r"\d+|[\d()<>/ ]*[()<>][\d()<>/]*")


def parse(text: str, file: str, name: str, categories: set[str] | None) -> Parsed:
    parsed = Parsed(file)
    lines = text.splitlines()
    markers = [number for number, line in enumerate(lines) if line.strip() == "%"]
    if len(markers) < 2:
        parsed.add(
            ERROR,
            "structure",
            "a LIWC dictionary starts with a category list between two lines holding only "
            f"'%'; found {len(markers)} such line{'s' if len(markers) != 1 else ''}",
            markers[0] + 1 if markers else 1,
        )
        return parsed
    legend: dict[str, str] = {}
    for number in range(markers[0] + 1, markers[1]):
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
    if categories is not None:
        unknown = sorted(categories - set(legend.values()))
        if unknown:
            parsed.add(
                ERROR,
                "categories",
                f"the categories {unknown} are not in the file; it has {sorted(legend.values())}",
                markers[0] + 1,
            )
            return parsed
    rows = []
    for number in range(markers[1] + 1, len(lines)):
        line = lines[number].strip()
        if not line:
            continue
        if "\t" in line:
            pattern, _, rest = line.partition("\t")
        else:
            words = line.split()
            cut = len(words)
            while cut > 1 and _CODES.fullmatch(words[cut - 1]):
                cut -= 1
            pattern, rest = " ".join(words[:cut]), " ".join(words[cut:])
        pattern = " ".join(pattern.split())
        plain_codes = _CONDITIONAL.sub(" ", rest)
        if plain_codes != rest:
            # LIWC2007 conditional codes, e.g. "like  02 134(02 131)253 464" (category 253
            # only after a word of 02 or 131) or "<of>": keep the unconditional categories
            # and say what was left out.
            warn(
                f"{file}, line {number + 1}: the LIWC2007 conditional code in {rest.strip()!r} "
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
                number + 1,
                term=pattern,
            )
            continue
        if not numbers:
            parsed.add(
                ERROR,
                "structure",
                f"the entry {pattern!r} has no category numbers",
                number + 1,
                term=pattern,
            )
        for category_number in numbers:
            category = legend.get(category_number.lstrip("0") or "0")
            if category is None:
                parsed.add(
                    ERROR,
                    "unknown_category",
                    f"the entry {pattern!r} names category {category_number}, which the "
                    f"category list does not define (it defines {', '.join(legend)})",
                    number + 1,
                    term=pattern,
                )
                continue
            if categories is not None and category not in categories:
                continue
            concept, variant = split_category(category)
            rows.append((concept, variant, pattern, number + 1))
    if parsed.problems:
        return parsed
    return from_rows(parsed, rows, name)


def write(lexicon: Lexicon) -> str:
    lost_in(lexicon, "LIWC")
    legend, entries = [], []
    for number, (concept, variant) in enumerate(
        ((c, v) for c in lexicon.concepts for v in c.variants), start=1
    ):
        legend.append(f"{number}\t{join_category(concept, variant)}")
        entries += [f"{term.pattern}\t{number}" for term in variant.terms]
    return "%\n" + "\n".join(legend) + "\n%\n" + "\n".join(entries) + "\n"
