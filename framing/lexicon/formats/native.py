"""The native YAML format: everything a lexicon holds (sources, notes, case, reference,
descriptions), written canonically and read back with the line of every problem.

The format itself, with an example, is in ``docs/lexicons.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from framing.lexicon.formats._common import Parsed
from framing.lexicon.formats._yaml import compose, quoted, scalar
from framing.lexicon.model import Concept, Lexicon, Term, Variant
from framing.lexicon.rules import ERROR, Problem

# The keys allowed at each level of the native format, in the order to_yaml writes them.
_LEXICON_KEYS = ("name", "version", "language", "description", "licence", "sources", "concepts")
_CONCEPT_KEYS = ("description", "variants")
_VARIANT_KEYS = ("description", "reference", "terms")
_TERM_KEYS = ("term", "case_sensitive", "sources", "note")


def lexicon_to_yaml(lexicon: Lexicon) -> str:
    """Return the canonical native YAML text of ``lexicon`` (see :meth:`Lexicon.to_yaml`)."""
    lines = [f"name: {scalar(lexicon.name)}", f"version: {quoted(lexicon.version)}"]
    lines.append(f"language: {scalar(lexicon.language)}")
    if lexicon.description is not None:
        lines.append(f"description: {scalar(lexicon.description)}")
    if lexicon.licence is not None:
        lines.append(f"licence: {scalar(lexicon.licence)}")
    if lexicon.sources:
        lines.append("sources:")
        lines += [f"  {scalar(key)}: {scalar(value)}" for key, value in lexicon.sources.items()]
    lines.append("concepts:")
    for concept in lexicon.concepts:
        lines.append(f"  {scalar(concept.name)}:")
        if concept.description is not None:
            lines.append(f"    description: {scalar(concept.description)}")
        lines.append("    variants:")
        for variant in concept.variants:
            lines.append(f"      {scalar(variant.name)}:")
            if variant.description is not None:
                lines.append(f"        description: {scalar(variant.description)}")
            if variant.reference:
                lines.append("        reference: true")
            lines.append("        terms:")
            lines += [f"          - {_term_to_yaml(term)}" for term in variant.terms]
    return "\n".join(lines) + "\n"


def _term_to_yaml(term: Term) -> str:
    if not term.case_sensitive and term.note is None and not term.sources:
        return scalar(term.pattern)
    parts = [f"term: {scalar(term.pattern)}"]
    if term.case_sensitive:
        parts.append("case_sensitive: true")
    if term.sources:
        parts.append("sources: [" + ", ".join(scalar(s) for s in term.sources) + "]")
    if term.note is not None:
        parts.append(f"note: {scalar(term.note)}")
    return "{" + ", ".join(parts) + "}"


def _check_keys(
    parsed: Parsed,
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
    parsed: Parsed, value: Any, what: str, line: int | None, *, optional: bool = True, **place: Any
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


def parse(text: str, file: str, name: str, categories: set[str] | None = None) -> Parsed:
    """Read a native lexicon file's text; ``name`` is the default name (the file's stem).

    A native lexicon has no categories to select (the registry refuses ``categories``).
    """
    parsed = Parsed(file)
    data, lines = compose(text, parsed)
    if parsed.problems:
        return parsed
    if not _check_keys(parsed, data, _LEXICON_KEYS, "the lexicon", (), lines):
        return parsed
    metadata: dict[str, Any] = {"name": name}
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
    parsed: Parsed,
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
