"""Lexicon files: the native YAML format and the dictionary formats users already have.

=============  ==========================  ===========================================
format         file                        concept / variant mapping
=============  ==========================  ===========================================
``yaml``       ``.yaml``, ``.yml``         native: everything (sources, notes, case,
                                           reference, descriptions)
``quanteda``   ``.yaml``, ``.yml``         first key -> concept, the keys below it
                                           (joined with ``/``) -> variant
``liwc``       ``.dic``                    category ``concept.variant`` -> that pair;
                                           any other category -> concept and variant
                                           both named after it
``wordstat``   ``.cat``                    like quanteda, by indentation
``lexicoder``  ``.lc3``                    ``+category`` lines, like LIWC categories
=============  ==========================  ===========================================

Every reader returns the same :class:`~framing.lexicon.model.Lexicon` and checks the same
rules (see :mod:`framing.lexicon.rules`); a problem names the file and the line.
Writers announce, with a :class:`LexiconWarning`, whatever the target format cannot hold.
YAML is only ever read with the safe loader: a lexicon file cannot run code.
"""

from __future__ import annotations

import json
import os
import re
import sys
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from framing.lexicon.model import Concept, Lexicon, LexiconError, Term, Variant
from framing.lexicon.rules import (
    ERROR,
    WARNING,
    Problem,
    lexicon_problems,
    raise_for_errors,
)

#: Format names accepted by :func:`read_dictionary` and :func:`write_dictionary`.
FORMATS: tuple[str, ...] = ("yaml", "quanteda", "liwc", "wordstat", "lexicoder")

_EXTENSIONS = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".dic": "liwc",
    ".cat": "wordstat",
    ".lc3": "lexicoder",
}

# The keys allowed at each level of the native format, in the order to_yaml writes them.
_LEXICON_KEYS = ("name", "version", "language", "description", "licence", "sources", "concepts")
_CONCEPT_KEYS = ("description", "variants")
_VARIANT_KEYS = ("description", "reference", "terms")
_TERM_KEYS = ("term", "case_sensitive", "sources", "note")

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LexiconWarning(UserWarning):
    """A harmless lexicon problem, or information lost when writing another format."""


def _warn(message: str) -> None:
    """Issue a :class:`LexiconWarning` at the caller's line: the first frame outside
    ``framing.lexicon``, however deep in the readers and writers the warning arose."""
    frame = sys._getframe(1)
    level = 2  # stacklevel 2 is the frame that called _warn
    while frame.f_back is not None and frame.f_globals.get("__name__", "").startswith(
        "framing.lexicon"
    ):
        frame = frame.f_back
        level += 1
    warnings.warn(message, LexiconWarning, stacklevel=level)


@dataclass
class _Parsed:
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
        for problem in lexicon_problems(self.concepts, self.metadata.get("sources", {})):
            self.problems.append(replace(problem, file=self.file, line=self.locate(problem)))

    def lexicon(self, *, hint: str = "") -> Lexicon:
        """Raise on errors, warn on warnings, and return the lexicon."""
        raise_for_errors(self.problems, heading=f"Cannot read the lexicon {self.file}{hint}")
        for problem in self.problems:
            if problem.severity == WARNING:
                _warn(str(problem))
        return Lexicon(concepts=tuple(self.concepts), **self.metadata)


# -- the native YAML format -----------------------------------------------------------
_PLAIN = re.compile(r"[\w][\w '’.\-/]*", re.UNICODE)


def _scalar(value: Any) -> str:
    """Return ``value`` as a YAML scalar that reads back as exactly ``value``."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    text = str(value)
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and _reads_back(text):
        return text
    return _quoted(text)


def _quoted(text: str) -> str:
    """Return ``text`` as a double-quoted YAML scalar."""
    # JSON strings are YAML double-quoted scalars; escape what a YAML reader would not
    # take as is (non-printable characters, and the Unicode line separators it folds).
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(
        character
        if character.isprintable() and character not in "\x85\u2028\u2029\ufeff"
        else (
            f"\\u{ord(character):04x}" if ord(character) < 0x10000 else f"\\U{ord(character):08x}"
        )
        for character in quoted
    )


def _reads_back(text: str) -> bool:
    try:
        return yaml.load(f"k: {text}", Loader=_SafeLoader) == {"k": text} and yaml.load(
            f"[{text}]", Loader=_SafeLoader
        ) == [text]
    except yaml.YAMLError:
        return False


def lexicon_to_yaml(lexicon: Lexicon) -> str:
    """Return the canonical native YAML text of ``lexicon`` (see :meth:`Lexicon.to_yaml`)."""
    lines = [f"name: {_scalar(lexicon.name)}", f"version: {_quoted(lexicon.version)}"]
    lines.append(f"language: {_scalar(lexicon.language)}")
    if lexicon.description is not None:
        lines.append(f"description: {_scalar(lexicon.description)}")
    if lexicon.licence is not None:
        lines.append(f"licence: {_scalar(lexicon.licence)}")
    if lexicon.sources:
        lines.append("sources:")
        lines += [f"  {_scalar(key)}: {_scalar(value)}" for key, value in lexicon.sources.items()]
    lines.append("concepts:")
    for concept in lexicon.concepts:
        lines.append(f"  {_scalar(concept.name)}:")
        if concept.description is not None:
            lines.append(f"    description: {_scalar(concept.description)}")
        lines.append("    variants:")
        for variant in concept.variants:
            lines.append(f"      {_scalar(variant.name)}:")
            if variant.description is not None:
                lines.append(f"        description: {_scalar(variant.description)}")
            if variant.reference:
                lines.append("        reference: true")
            lines.append("        terms:")
            lines += [f"          - {_term_to_yaml(term)}" for term in variant.terms]
    return "\n".join(lines) + "\n"


def _term_to_yaml(term: Term) -> str:
    if not term.case_sensitive and term.note is None and not term.sources:
        return _scalar(term.pattern)
    parts = [f"term: {_scalar(term.pattern)}"]
    if term.case_sensitive:
        parts.append("case_sensitive: true")
    if term.sources:
        parts.append("sources: [" + ", ".join(_scalar(s) for s in term.sources) + "]")
    if term.note is not None:
        parts.append(f"note: {_scalar(term.note)}")
    return "{" + ", ".join(parts) + "}"


def _compose(text: str, parsed: _Parsed) -> tuple[Any, dict[tuple[Any, ...], int]]:
    """Parse YAML safely; return the data and the 1-based line of every key and item.

    Duplicate mapping keys, which YAML loaders silently collapse, become errors.
    """
    try:
        root = yaml.compose(text, Loader=_SafeLoader)
        data = yaml.load(text, Loader=_SafeLoader)
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


def _check_keys(
    parsed: _Parsed,
    mapping: Any,
    allowed: tuple[str, ...],
    what: str,
    path: tuple[Any, ...],
    lines: Mapping[tuple[Any, ...], int],
    **place: Any,
) -> bool:
    """Report a non-mapping or unknown keys; return True when ``mapping`` is usable."""
    if not isinstance(mapping, dict):
        parsed.add(
            ERROR,
            "structure",
            f"{what} must be a mapping of keys ({', '.join(allowed)}); "
            f"got {type(mapping).__name__} {mapping!r}",
            lines.get(path),
            **place,
        )
        return False
    for key in mapping:
        if key not in allowed:
            parsed.add(
                ERROR,
                "unknown_key",
                f"unknown key {key!r} in {what}; the allowed keys are {', '.join(allowed)}",
                lines.get((*path, key)),
                **place,
            )
    return True


def _text(
    parsed: _Parsed, value: Any, what: str, line: int | None, *, optional: bool = True, **place: Any
) -> str | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        hint = ' (write it in quotes: version: "1.0")' if isinstance(value, float) else ""
        parsed.add(
            ERROR,
            "type",
            f"{what} must be text; got {type(value).__name__} {value!r}{hint}",
            line,
            **place,
        )
        return None
    return str(value)


def _parse_native(text: str, file: str, default_name: str) -> _Parsed:
    parsed = _Parsed(file)
    data, lines = _compose(text, parsed)
    if parsed.problems:
        return parsed
    if not _check_keys(parsed, data, _LEXICON_KEYS, "the lexicon", (), lines):
        return parsed
    metadata: dict[str, Any] = {"name": default_name}
    for key in ("name", "version", "language", "description", "licence"):
        if key in data:
            value = _text(parsed, data[key], f"the lexicon's {key!r}", lines.get((key,)))
            if value is not None:
                metadata[key] = value
    sources = data.get("sources") or {}
    if not isinstance(sources, dict):
        parsed.add(
            ERROR,
            "structure",
            "'sources' must map each source id to its full citation",
            lines.get(("sources",)),
        )
        sources = {}
    metadata["sources"] = {
        str(key): "" if value is None else str(value) for key, value in sources.items()
    }
    concepts_data = data.get("concepts")
    if not isinstance(concepts_data, dict) or not concepts_data:
        parsed.add(
            ERROR,
            "structure",
            "'concepts' must map each concept name to its description and variants",
            lines.get(("concepts",), 1),
        )
        concepts_data = {}
    for concept_name, concept_data in concepts_data.items():
        path = ("concepts", concept_name)
        here = {"concept": str(concept_name)}
        if not _check_keys(
            parsed, concept_data, _CONCEPT_KEYS, f"concept {concept_name!r}", path, lines, **here
        ):
            continue
        variants_data = concept_data.get("variants") or {}
        if not isinstance(variants_data, dict):
            parsed.add(
                ERROR,
                "structure",
                "'variants' must map each variant name to its terms",
                lines.get((*path, "variants")),
                **here,
            )
            continue
        variants = []
        for variant_name, variant_data in variants_data.items():
            variant_path = (*path, "variants", variant_name)
            there = {**here, "variant": str(variant_name)}
            if not _check_keys(
                parsed,
                variant_data,
                _VARIANT_KEYS,
                f"variant {variant_name!r}",
                variant_path,
                lines,
                **there,
            ):
                continue
            reference = variant_data.get("reference", False)
            if not isinstance(reference, bool):
                parsed.add(
                    ERROR,
                    "type",
                    f"'reference' must be true or false; got {reference!r}",
                    lines.get((*variant_path, "reference")),
                    **there,
                )
            terms_data = variant_data.get("terms") or []
            if not isinstance(terms_data, list):
                parsed.add(
                    ERROR,
                    "structure",
                    "'terms' must be a list of terms",
                    lines.get((*variant_path, "terms")),
                    **there,
                )
                terms_data = []
            terms = [
                term
                for index, item in enumerate(terms_data)
                if (
                    term := _parse_term(parsed, item, (*variant_path, "terms", index), lines, there)
                )
            ]
            variants.append(
                Variant(
                    variant_name,
                    tuple(terms),
                    reference=reference is True,
                    description=_text(
                        parsed,
                        variant_data.get("description"),
                        "a variant's description",
                        lines.get((*variant_path, "description")),
                        **there,
                    ),
                )
            )
        parsed.concepts.append(
            Concept(
                concept_name,
                tuple(variants),
                description=_text(
                    parsed,
                    concept_data.get("description"),
                    "a concept's description",
                    lines.get((*path, "description")),
                    **here,
                ),
            )
        )
    parsed.metadata = metadata

    def locate(problem: Problem) -> int | None:
        if problem.source_id is not None:
            return lines.get(("sources", problem.source_id))
        if problem.concept is None:
            return None
        path: tuple[Any, ...] = ("concepts", problem.concept)
        if problem.variant is not None:
            path = (*path, "variants", problem.variant)
            if problem.term_index is not None:
                path = (*path, "terms", problem.term_index)
        return lines.get(path)

    parsed.locate = locate
    parsed.finish()
    return parsed


def _parse_term(
    parsed: _Parsed,
    item: Any,
    path: tuple[Any, ...],
    lines: Mapping[tuple[Any, ...], int],
    place: dict[str, str],
) -> Term | None:
    line = lines.get(path)
    if isinstance(item, str):
        return Term(item)
    if not _check_keys(parsed, item, _TERM_KEYS, "a term", path, lines, **place):
        return None
    if "term" not in item:
        parsed.add(ERROR, "structure", "a term mapping needs the key 'term'", line, **place)
        return None
    pattern = item["term"]
    where = {**place, "term": str(pattern)}
    if not isinstance(pattern, str):
        parsed.add(
            ERROR,
            "type",
            f"'term' must be text; got {type(pattern).__name__} {pattern!r} (quote it)",
            line,
            **where,
        )
        return None
    case_sensitive = item.get("case_sensitive", False)
    if not isinstance(case_sensitive, bool):
        parsed.add(
            ERROR,
            "type",
            f"'case_sensitive' must be true or false; got {case_sensitive!r}",
            line,
            **where,
        )
        case_sensitive = False
    sources = item.get("sources") or []
    if isinstance(sources, str):
        sources = [sources]
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        parsed.add(
            ERROR, "type", f"'sources' must be a list of source ids; got {sources!r}", line, **where
        )
        sources = []
    note = item.get("note")
    if note is not None and not isinstance(note, str):
        parsed.add(ERROR, "type", f"'note' must be text; got {note!r}", line, **where)
        note = None
    return Term(pattern, case_sensitive=case_sensitive, note=note, sources=tuple(sources))


# -- shared helpers for the flat formats ----------------------------------------------
def _split_category(category: str) -> tuple[str, str]:
    """``'war_name.russian_state'`` -> that pair; ``'posemo'`` -> ``('posemo', 'posemo')``."""
    concept, dot, variant = category.partition(".")
    return (concept, variant) if dot and concept and variant else (category, category)


def _join_category(concept: Concept, variant: Variant) -> str:
    if len(concept.variants) == 1 and variant.name == concept.name:
        return concept.name
    return f"{concept.name}.{variant.name}"


def _from_rows(parsed: _Parsed, rows: Iterable[tuple[str, str, str, int]], name: str) -> _Parsed:
    """Build concepts from ``(concept, variant, pattern, line)`` rows, keeping file order."""
    grouped: dict[str, dict[str, list[tuple[str, int]]]] = {}
    for concept, variant, pattern, line in rows:
        grouped.setdefault(concept, {}).setdefault(variant, []).append((pattern, line))
    parsed.concepts = [
        Concept(
            concept,
            tuple(Variant(v, tuple(Term(p) for p, _ in terms)) for v, terms in variants.items()),
        )
        for concept, variants in grouped.items()
    ]
    parsed.metadata = {"name": name}

    def locate(problem: Problem) -> int | None:
        terms = grouped.get(problem.concept or "", {}).get(problem.variant or "")
        if not terms:
            return None
        return terms[problem.term_index or 0][1]

    parsed.locate = locate
    parsed.finish()
    return parsed


def _lost_in(lexicon: Lexicon, format: str, *, keeps_case: bool = False) -> None:
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
    if lexicon.description or lexicon.licence or lexicon.version != "0":
        lost.append("version, description and licence")
    if lost:
        _warn(
            f"The {format} format cannot hold the {', '.join(lost)} of lexicon "
            f"{lexicon.name!r}; they are left out. Keep the native YAML file "
            "(Lexicon.to_yaml) as the master copy."
        )


# -- LIWC .dic ------------------------------------------------------------------------
_LIWC_CATEGORY = re.compile(r"^\s*(\d+)\s+(\S+)")
# Conditional category codes of LIWC2007: "(02 131)253", "<of>131/125".
_LIWC_CONDITIONAL = re.compile(r"\([^)]*\)\d+(?:/\d+)?|<[^>]*>\d*(?:/\d+)?")
# A trailing token of category codes on a space-separated line.
_LIWC_CODES = re.compile(r"\d+|[\d()<>/ ]*[()<>][\d()<>/]*")


def _parse_liwc(text: str, file: str, name: str, categories: set[str] | None) -> _Parsed:
    parsed = _Parsed(file)
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
        match = _LIWC_CATEGORY.match(line)
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
            while cut > 1 and _LIWC_CODES.fullmatch(words[cut - 1]):
                cut -= 1
            pattern, rest = " ".join(words[:cut]), " ".join(words[cut:])
        pattern = " ".join(pattern.split())
        plain_codes = _LIWC_CONDITIONAL.sub(" ", rest)
        if plain_codes != rest:
            # LIWC2007 conditional codes, e.g. "like  02 134(02 131)253 464" (category 253
            # only after a word of 02 or 131) or "<of>": keep the unconditional categories
            # and say what was left out.
            _warn(
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
            concept, variant = _split_category(category)
            rows.append((concept, variant, pattern, number + 1))
    if parsed.problems:
        return parsed
    return _from_rows(parsed, rows, name)


def _write_liwc(lexicon: Lexicon) -> str:
    _lost_in(lexicon, "LIWC")
    legend, entries = [], []
    for number, (concept, variant) in enumerate(
        ((c, v) for c in lexicon.concepts for v in c.variants), start=1
    ):
        legend.append(f"{number}\t{_join_category(concept, variant)}")
        entries += [f"{term.pattern}\t{number}" for term in variant.terms]
    return "%\n" + "\n".join(legend) + "\n%\n" + "\n".join(entries) + "\n"


# -- Lexicoder .lc3 -------------------------------------------------------------------
def _parse_lexicoder(text: str, file: str, name: str, categories: set[str] | None) -> _Parsed:
    parsed = _Parsed(file)
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
        if categories is not None and category not in categories:
            continue
        concept, variant = _split_category(category)
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
    return _from_rows(parsed, rows, name)


def _write_lexicoder(lexicon: Lexicon) -> str:
    _lost_in(lexicon, "Lexicoder")
    lines = []
    for concept in lexicon.concepts:
        for variant in concept.variants:
            lines.append(f"+{_join_category(concept, variant)}")
            lines += [term.pattern for term in variant.terms]
    return "\n".join(lines) + "\n"


# -- nested formats: WordStat .cat and quanteda YAML ----------------------------------
def _nested_rows(
    parsed: _Parsed,
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
        if categories is not None and path[0] not in categories:
            continue
        variant = "/".join(path[1:]) if len(path) > 1 else path[0]
        rows.append((path[0], variant, " ".join(pattern.split()), line))
    return rows


_WORDSTAT_ENTRY = re.compile(r"^(?P<pattern>.*?)\s*\((?P<weight>[^)]*)\)\s*$")


def _parse_wordstat(text: str, file: str, name: str, categories: set[str] | None) -> _Parsed:
    parsed = _Parsed(file)
    stack: list[tuple[int, str]] = []  # (indent width, category name)
    entries = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        indent = len(raw) - len(raw.lstrip())
        line = raw.strip()
        entry = _WORDSTAT_ENTRY.match(line)
        if entry:
            # An entry belongs to the nearest category above it that is less indented.
            while stack and stack[-1][0] >= indent:
                stack.pop()
            weight = entry.group("weight").strip()
            if weight != "1":
                _warn(
                    f"{file}, line {number}: the weight ({weight}) of "
                    f"{entry.group('pattern')!r} is not kept; every framing term counts once."
                )
            entries.append((tuple(name for _, name in stack), entry.group("pattern"), number))
            continue
        while stack and stack[-1][0] >= indent:
            stack.pop()
        stack.append((indent, line))
    rows = _nested_rows(parsed, entries, categories)
    if parsed.problems:
        return parsed
    return _from_rows(parsed, rows, name)


def _write_nested(
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
    return "\n".join(lines) + "\n"


def _write_wordstat(lexicon: Lexicon) -> str:
    _lost_in(lexicon, "WordStat")
    return _write_nested(
        lexicon,
        key=lambda name, depth: "\t" * depth + name,
        entry=lambda pattern, depth: "\t" * depth + f"{pattern} (1)",
    )


def _parse_quanteda(text: str, file: str, name: str, categories: set[str] | None) -> _Parsed:
    parsed = _Parsed(file)
    data, lines = _compose(text, parsed)
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
    rows = _nested_rows(parsed, entries, categories)
    if parsed.problems:
        return parsed
    return _from_rows(parsed, rows, name)


def _write_quanteda(lexicon: Lexicon) -> str:
    _lost_in(lexicon, "quanteda")
    return _write_nested(
        lexicon,
        key=lambda name, depth: "  " * depth + f"{_scalar(name)}:",
        entry=lambda pattern, depth: "  " * depth + f"- {_scalar(pattern)}",
    )


# -- public entry points --------------------------------------------------------------
_PARSERS = {
    "liwc": _parse_liwc,
    "wordstat": _parse_wordstat,
    "lexicoder": _parse_lexicoder,
    "quanteda": _parse_quanteda,
}
_WRITERS: dict[str, Callable[[Lexicon], str]] = {
    "yaml": lexicon_to_yaml,
    "liwc": _write_liwc,
    "wordstat": _write_wordstat,
    "lexicoder": _write_lexicoder,
    "quanteda": _write_quanteda,
}


def _format_of(path: Path, format: str | None, text: str | None = None) -> str:
    if format is not None:
        if format not in FORMATS:
            raise LexiconError(
                f"The 'format' parameter must be one of {', '.join(FORMATS)} or None; "
                f"got {format!r} instead."
            )
        return format
    detected = _EXTENSIONS.get(path.suffix.lower())
    if detected is None:
        raise LexiconError(
            f"Cannot tell the dictionary format of {path} from its extension "
            f"{path.suffix!r}; pass format= one of {', '.join(FORMATS)} "
            f"(known extensions: {', '.join(_EXTENSIONS)})."
        )
    if detected == "yaml" and text is not None:
        # A native lexicon has a top-level 'concepts' key; anything else is quanteda's.
        if not re.search(r"^concepts\s*:", text, flags=re.MULTILINE):
            return "quanteda"
    return detected


def _read_text(path: Path, encoding: str) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LexiconError(f"The lexicon file {path} does not exist.") from None
    try:
        return raw.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise LexiconError(
            f"{path} is not valid {encoding} (byte {error.start} is {raw[error.start]:#04x}); "
            "pass encoding='cp1252' (older LIWC and WordStat files) or the file's encoding."
        ) from None


def _parse_file(
    path: str | os.PathLike[str],
    format: str | None = None,
    *,
    categories: Iterable[str] | None = None,
    encoding: str = "utf-8",
) -> tuple[_Parsed, str]:
    path = Path(path)
    text = _read_text(path, encoding)
    chosen = _format_of(path, format, text)
    name = path.stem
    if chosen == "yaml":
        if categories is not None:
            raise LexiconError(
                "The 'categories' parameter selects categories of LIWC, WordStat, Lexicoder "
                "and quanteda dictionaries; a native lexicon has none. Filter the table of "
                "Lexicon.to_dataframe() instead."
            )
        return _parse_native(text, str(path), name), chosen
    selected = None if categories is None else {str(c) for c in categories}
    return _PARSERS[chosen](text, str(path), name, selected), chosen


def read_dictionary(
    path: str | os.PathLike[str],
    format: str | None = None,
    *,
    categories: Iterable[str] | None = None,
    encoding: str = "utf-8",
) -> Lexicon:
    """Read a lexicon file: native YAML, quanteda YAML, LIWC, WordStat or Lexicoder.

    Parameters
    ----------
    path : str or path-like
        The file.
    format : {"yaml", "quanteda", "liwc", "wordstat", "lexicoder"}, optional
        The file's format. By default it comes from the extension (``.dic`` LIWC, ``.cat``
        WordStat, ``.lc3`` Lexicoder, ``.yaml``/``.yml`` native when the file has a
        top-level ``concepts:`` key, else quanteda).
    categories : iterable of str, optional
        Read only these categories (first-level keys) of a LIWC, WordStat, Lexicoder or
        quanteda dictionary: LIWC lets a word count in several categories, a framing
        lexicon does not, so pick categories in which each word appears once.
    encoding : str
        The file's text encoding (default UTF-8; a byte-order mark is dropped).

    Returns
    -------
    Lexicon
        Named after the file's stem unless the file gives a name.

    Raises
    ------
    LexiconError
        If the file breaks a rule; the message names the file, the line and the place.

    See Also
    --------
    load_lexicon : also accepts the name of a bundled lexicon.
    write_dictionary : the other direction.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "spelling.lc3"
    >>> text = "+capital.russian_derived\\nKiev\\n+capital.ukrainian_derived\\nKyiv\\n"
    >>> _ = path.write_text(text)
    >>> read_dictionary(path).to_dataframe()[["concept", "variant", "term"]]
      concept            variant  term
    0  capital    russian_derived  Kiev
    1  capital  ukrainian_derived  Kyiv
    """
    parsed, chosen = _parse_file(path, format, categories=categories, encoding=encoding)
    hint = ""
    if chosen == "liwc" and any(p.rule == "duplicate_term" for p in parsed.problems):
        hint = (
            " (LIWC lets a word count in several categories; a framing lexicon does not. "
            "Pass categories=[...] to read categories in which each word appears once)"
        )
    return parsed.lexicon(hint=hint)


def write_dictionary(
    lexicon: Lexicon, path: str | os.PathLike[str], format: str | None = None
) -> Path:
    """Write ``lexicon`` to ``path`` in the native YAML format or another dictionary format.

    Formats other than ``"yaml"`` cannot hold sources, notes, case sensitivity, the
    reference variant or descriptions; a :class:`LexiconWarning` says what was left out.
    Concept and variant become one category named ``concept.variant`` (or just
    ``concept`` when its only variant has the same name) in LIWC and Lexicoder files,
    and two levels of keys in WordStat and quanteda files; :func:`read_dictionary` maps
    them back.

    Parameters
    ----------
    lexicon : Lexicon
        The lexicon to write.
    path : str or path-like
        The file to write (UTF-8, ``\\n`` line ends).
    format : {"yaml", "quanteda", "liwc", "wordstat", "lexicoder"}, optional
        By default from the extension; ``.yaml``/``.yml`` means the native format.

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import pathlib, tempfile, pandas as pd
    >>> lexicon = Lexicon.from_dataframe(pd.DataFrame({
    ...     "concept": ["capital"] * 2, "variant": ["russian_derived", "ukrainian_derived"],
    ...     "term": ["Kiev", "Kyiv"]}), name="spelling")
    >>> path = write_dictionary(lexicon, pathlib.Path(tempfile.mkdtemp()) / "spelling.dic")
    >>> print(path.read_text())
    %
    1	capital.russian_derived
    2	capital.ukrainian_derived
    %
    Kiev	1
    Kyiv	2
    <BLANKLINE>
    """
    if not isinstance(lexicon, Lexicon):
        raise LexiconError(
            f"The 'lexicon' parameter of write_dictionary must be a Lexicon; "
            f"got {type(lexicon).__name__} instead."
        )
    path = Path(path)
    chosen = _format_of(path, format)
    text = _WRITERS[chosen](lexicon)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return path
