"""What the dictionary format modules share: the parse result, warnings, category names.

A reader turns a file's text into a :class:`Parsed` (concepts, metadata and every problem
with its line) without raising; the registry (``framing.lexicon.formats``) then raises on
the errors or builds the :class:`~framing.lexicon.model.Lexicon`. The flat formats (LIWC,
Lexicoder) name a concept and a variant by one category ``concept.variant``; the nested
ones (WordStat, quanteda) by two levels of keys.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from framing.errors import LexiconWarning
from framing.lexicon.model import Concept, Exclusion, Lexicon, Term, Variant
from framing.lexicon.problems import ERROR, WARNING, Problem, raise_for_errors
from framing.lexicon.rules import lexicon_problems


def warn(message: str) -> None:
    """Issue a :class:`LexiconWarning` at the caller's line: the first frame outside
    ``framing.lexicon``, however deep in the readers and writers the warning arose."""
    frame = sys._getframe(1)
    level = 2  # stacklevel 2 is the frame that called warn
    while frame.f_back is not None and frame.f_globals.get("__name__", "").startswith(
        "framing.lexicon"
    ):
        frame = frame.f_back
        level += 1
    warnings.warn(message, LexiconWarning, stacklevel=level)


@dataclass
class Parsed:
    """What a reader made of a file: concepts, metadata and problems, before any raise."""

    file: str
    concepts: list[Concept] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Finds the line of a problem from its place; readers set it.
    locate: Callable[[Problem], int | None] = lambda problem: None

    def add(self, severity: str, rule: str, message: str, line: int | None, **place: Any) -> None:
        self.problems.append(Problem(severity, rule, message, file=self.file, line=line, **place))

    def finish(self) -> None:
        """Run the lexicon rules and give every problem the file and its line."""
        rules = {
            key: self.metadata.get(key, ()) for key in ("exclusions", "conditions", "precision")
        }
        for problem in lexicon_problems(self.concepts, self.metadata.get("sources", {}), **rules):
            self.problems.append(replace(problem, file=self.file, line=self.locate(problem)))

    def lexicon(self, *, hint: str = "") -> Lexicon:
        """Raise on errors, warn on warnings, and return the lexicon."""
        raise_for_errors(self.problems, heading=f"Cannot read the lexicon {self.file}{hint}")
        for problem in self.problems:
            if problem.severity == WARNING:
                warn(str(problem))
        return Lexicon(concepts=tuple(self.concepts), **self.metadata)


#: The category that holds a lexicon's exclusions in the other dictionary formats. In
#: quanteda (``tokens_lookup(nested_scope="dictionary")``) and other longest-match tools it
#: works the same way: its phrases claim their words; drop its counts.
EXCLUSIONS = "framing_exclusions"


def selected(category: str, categories: set[str] | None) -> bool:
    """Whether ``categories=`` selects ``category`` (exclusions are always read)."""
    return categories is None or category in categories or category == EXCLUSIONS


# -- concept and variant as the categories of the flat formats ------------------------
def split_category(category: str) -> tuple[str, str]:
    """``'war_name.russian_state'`` -> that pair; ``'posemo'`` -> ``('posemo', 'posemo')``."""
    concept, dot, variant = category.partition(".")
    return (concept, variant) if dot and concept and variant else (category, category)


def join_category(concept: Concept, variant: Variant) -> str:
    if len(concept.variants) == 1 and variant.name == concept.name:
        return concept.name
    return f"{concept.name}.{variant.name}"


def from_rows(parsed: Parsed, rows: Iterable[tuple[str, str, str, int]], name: str) -> Parsed:
    """Build concepts from ``(concept, variant, pattern, line)`` rows, keeping file order;
    the rows of the :data:`EXCLUSIONS` category become the lexicon's exclusions."""
    grouped: dict[str, dict[str, list[tuple[str, int]]]] = {}
    exclusions: list[tuple[str, int]] = []
    for concept, variant, pattern, line in rows:
        if concept == EXCLUSIONS:
            exclusions.append((pattern, line))
            continue
        grouped.setdefault(concept, {}).setdefault(variant, []).append((pattern, line))
    parsed.concepts = [
        Concept(
            concept,
            tuple(Variant(v, tuple(Term(p) for p, _ in terms)) for v, terms in variants.items()),
        )
        for concept, variants in grouped.items()
    ]
    parsed.metadata = {"name": name}
    if exclusions:
        parsed.metadata["exclusions"] = tuple(Exclusion(pattern) for pattern, _ in exclusions)

    def locate(problem: Problem) -> int | None:
        if problem.key == "exclusions" and problem.item is not None:
            return exclusions[problem.item][1]
        terms = grouped.get(problem.concept or "", {}).get(problem.variant or "")
        if not terms:
            return None
        return terms[problem.term_index or 0][1]

    parsed.locate = locate
    parsed.finish()
    return parsed


def lost_in(lexicon: Lexicon, format: str, *, keeps_case: bool = False) -> None:
    """Warn about everything in ``lexicon`` that ``format`` cannot hold."""
    lost = []
    terms = [term for _, _, term in lexicon.entries()]
    if lexicon.sources or any(term.sources for term in terms):
        lost.append("sources")
    if any(term.note is not None for term in terms):
        lost.append("notes")
    if not keeps_case and any(term.case_sensitive for term in terms):
        cased = [term.pattern for term in terms if term.case_sensitive]
        lost.append(
            f"case sensitivity (of {', '.join(cased[:5])}{', ...' if len(cased) > 5 else ''})"
        )
    if any(concept.reference is not None for concept in lexicon.concepts):
        lost.append("reference variants")
    if any(c.description for c in lexicon.concepts) or any(
        v.description for c in lexicon.concepts for v in c.variants
    ):
        lost.append("descriptions")
    if any(term._inflection() for term in terms) or lexicon.language in ("ru", "uk"):
        lost.append("word-form settings (inflection of ru/uk terms, forms added or removed)")
    if lexicon.description or lexicon.licence or lexicon.version != "0":
        lost.append("version, description and licence")
    if lexicon.conditions:
        lost.append("conditions (if_near, unless_near)")
    if any(e.note is not None or e.sources for e in lexicon.exclusions):
        lost.append("notes and sources of the exclusions")
    if any(e.case_sensitive for e in lexicon.exclusions):
        lost.append("case sensitivity of the exclusions")
    if lexicon.precision or lexicon.measured_on is not None:
        lost.append("measured precision")
    if lost:
        warn(
            f"The {format} format cannot hold the {', '.join(lost)} of lexicon "
            f"{lexicon.name!r}; they are left out. Keep the native YAML file "
            "(Lexicon.to_yaml) as the master copy."
            + (
                f" The exclusions are written as the category {EXCLUSIONS!r}."
                if lexicon.exclusions
                else ""
            )
        )


# -- concept and variant as the two levels of the nested formats ----------------------
def nested_rows(
    parsed: Parsed,
    entries: Iterable[tuple[tuple[str, ...], str, int]],
    categories: set[str] | None,
) -> list[tuple[str, str, str, int]]:
    """Turn ``(category path, pattern, line)`` into rows: first level concept, rest variant."""
    rows = []
    for path, pattern, line in entries:
        if not path:
            parsed.add(
                ERROR,
                "structure",
                f"the entry {pattern!r} stands outside any category",
                line,
                term=pattern,
            )
            continue
        if not selected(path[0], categories):
            continue
        variant = "/".join(path[1:]) if len(path) > 1 else path[0]
        rows.append((path[0], variant, " ".join(pattern.split()), line))
    return rows


def write_nested(
    lexicon: Lexicon, key: Callable[[str, int], str], entry: Callable[[str, int], str]
) -> str:
    """Write concepts as first-level keys and variants as second-level keys.

    A concept whose only variant has the concept's name is written one level deep.
    """
    lines = []
    for concept in lexicon.concepts:
        lines.append(key(concept.name, 0))
        if len(concept.variants) == 1 and concept.variants[0].name == concept.name:
            lines += [entry(term.pattern, 1) for term in concept.variants[0].terms]
            continue
        for variant in concept.variants:
            lines.append(key(variant.name, 1))
            lines += [entry(term.pattern, 2) for term in variant.terms]
    if lexicon.exclusions:
        lines.append(key(EXCLUSIONS, 0))
        lines += [entry(exclusion.pattern, 1) for exclusion in lexicon.exclusions]
    return "\n".join(lines) + "\n"
