"""Writing the native YAML format: canonical text (the same lexicon always gives the
same bytes) that :func:`framing.read_lexicon` reads back to an equal lexicon.
"""

from __future__ import annotations

from framing.lexicon.formats._native_keys import _CONDITION_KEYS, _COUNTS, _MEASUREMENT_LABELS
from framing.lexicon.formats._yaml import quoted, scalar
from framing.lexicon.model import (
    Condition,
    Context,
    Exclusion,
    Lexicon,
    Measurement,
    Term,
    register_yaml_writer,
)


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
    if lexicon.precision or lexicon.measured_on is not None:
        lines.append("precision:")
        if lexicon.measured_on is not None:
            lines.append(f"  measured_on: {scalar(lexicon.measured_on)}")
        lines.append("  rows:" + ("" if lexicon.precision else " []"))
        lines += [f"    - {_measurement_to_yaml(row)}" for row in lexicon.precision]
    if lexicon.exclusions:
        lines.append("exclusions:")
        lines += [f"  - {_exclusion_to_yaml(exclusion)}" for exclusion in lexicon.exclusions]
    conditions = {
        (condition.concept, condition.variant, condition.term): condition
        for condition in lexicon.conditions
    }
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
            condition = conditions.get((concept.name, variant.name, None))
            lines += [f"        {part}" for part in _condition_parts(condition)]
            lines.append("        terms:")
            lines += [
                f"          - "
                f"{_term_to_yaml(term, conditions.get((concept.name, variant.name, term.pattern)))}"
                for term in variant.terms
            ]
    return "\n".join(lines) + "\n"


def _term_to_yaml(term: Term, condition: Condition | None = None) -> str:
    inflection = term._inflection()
    if (
        not term.case_sensitive
        and term.note is None
        and not term.sources
        and not inflection
        and condition is None
    ):
        return scalar(term.pattern)
    parts = [f"term: {scalar(term.pattern)}"]
    if term.case_sensitive:
        parts.append("case_sensitive: true")
    if term.sources:
        parts.append("sources: [" + ", ".join(scalar(s) for s in term.sources) + "]")
    if term.note is not None:
        parts.append(f"note: {scalar(term.note)}")
    if "inflect" in inflection:
        value = inflection["inflect"]
        parts.append(f"inflect: {scalar(value) if isinstance(value, str) else str(value).lower()}")
    for key in ("add_forms", "remove_forms"):
        if key in inflection:
            parts.append(f"{key}: [" + ", ".join(scalar(f) for f in inflection[key]) + "]")
    parts += _condition_parts(condition)
    return "{" + ", ".join(parts) + "}"


def _condition_parts(condition: Condition | None) -> list[str]:
    if condition is None:
        return []
    return [
        f"{key}: {_context_to_yaml(getattr(condition, key))}"
        for key in _CONDITION_KEYS
        if getattr(condition, key) is not None
    ]


def _context_to_yaml(context: Context) -> str:
    parts = [f"within: {context.within}"]
    if context.side != "both":
        parts.append(f"side: {scalar(context.side)}")
    for key in ("words", "concepts", "lexicons"):
        values = getattr(context, key)
        if values:
            parts.append(f"{key}: [" + ", ".join(scalar(value) for value in values) + "]")
    if context.note is not None:
        parts.append(f"note: {scalar(context.note)}")
    return "{" + ", ".join(parts) + "}"


def _exclusion_to_yaml(exclusion: Exclusion) -> str:
    if not exclusion.case_sensitive and exclusion.note is None and not exclusion.sources:
        return scalar(exclusion.pattern)
    parts = [f"phrase: {scalar(exclusion.pattern)}"]
    if exclusion.case_sensitive:
        parts.append("case_sensitive: true")
    if exclusion.sources:
        parts.append("sources: [" + ", ".join(scalar(s) for s in exclusion.sources) + "]")
    if exclusion.note is not None:
        parts.append(f"note: {scalar(exclusion.note)}")
    return "{" + ", ".join(parts) + "}"


def _measurement_to_yaml(row: Measurement) -> str:
    parts = [f"concept: {scalar(row.concept)}"]
    if row.variant is not None:
        parts.append(f"variant: {scalar(row.variant)}")
    # "yes" and "no" quoted: unquoted, YAML 1.1 reads them as true and false.
    parts += [f"{_MEASUREMENT_LABELS.get(key, key)}: {getattr(row, key)}" for key in _COUNTS]
    parts += [f"{key}: {float(getattr(row, key))!r}" for key in ("precision", "low", "high")]
    if row.note is not None:
        parts.append(f"note: {scalar(row.note)}")
    return "{" + ", ".join(parts) + "}"


register_yaml_writer(lexicon_to_yaml)  # behind Lexicon.to_yaml
