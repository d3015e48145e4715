"""Sense rules: a lexicon's exclusions and conditions, compiled for the engine.

A lexicon counts strings; its sense rules (``docs/lexicons.md``) make the strings count
only in the sense the concept claims: **exclusions** ("Cold War", "prisoners of war")
claim their words so that a term inside them is not counted, and **conditions** count a
term's hits only when some words occur near them (``if_near``) or not when some do
(``unless_near``). :func:`framing.match` applies them (through :func:`compile_rules`);
:func:`framing.audit_rules` (``framing.audit``) says what each one removed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from framing._engine import Check, Rules, TermSpec
from framing.lexicon.inflect import expanded_entries
from framing.lexicon.model import Condition, Context, Lexicon


@dataclass(frozen=True)
class CompiledRules:
    """A lexicon's sense rules as the engine takes them, and a table naming each rule.

    ``table`` has one row per rule id: ``rule_id, kind, rule, concept, variant, term``
    (for an exclusion, ``rule`` is its phrase and the lexicon columns are missing).
    """

    rules: Rules
    table: pd.DataFrame


def compile_rules(
    lexicon: Lexicon, entries: Iterable[tuple[str, str, str, bool, str]] | None = None
) -> CompiledRules:
    """Compile the exclusions and conditions of ``lexicon`` for the matching engine.

    ``entries`` are the rows the engine compiles (``expanded_entries(lexicon)``, one per
    word form of an inflected term), when the caller has them already.

    The checks of a term are tried in this order: its own ``unless_near``, its own
    ``if_near``, its variant's ``unless_near``, its variant's ``if_near``; the first
    that fails names the rule that removed the hit.
    """
    rows: list[dict[str, Any]] = [
        {
            "rule_id": index,
            "kind": "exclusion",
            "rule": exclusion.pattern,
            "concept": None,
            "variant": None,
            "term": None,
        }
        for index, exclusion in enumerate(lexicon.exclusions)
    ]
    contexts: list[tuple[tuple[TermSpec, ...], int, str]] = []
    by_place: dict[tuple[str, str, str | None], list[Check]] = {}
    for condition in lexicon.conditions:
        place = (condition.concept, condition.variant, condition.term)
        for kind in ("unless_near", "if_near"):
            context = getattr(condition, kind)
            if context is None:
                continue
            contexts.append((_patterns(context, lexicon, condition), context.within, context.side))
            rule_id = len(rows)
            rows.append(
                {
                    "rule_id": rule_id,
                    "kind": kind,
                    "rule": condition.label(kind),
                    "concept": condition.concept,
                    "variant": condition.variant,
                    "term": condition.term,
                }
            )
            by_place.setdefault(place, []).append(
                Check(kind == "unless_near", len(contexts) - 1, rule_id)
            )
    # One entry per row the engine compiles: an inflected term has a row per word form,
    # and every form of a term takes the term's checks.
    if entries is None:
        entries = expanded_entries(lexicon)
    checks = tuple(
        tuple(
            by_place.get((concept, variant, term), []) + by_place.get((concept, variant, None), [])
        )
        for concept, variant, term, _, _ in entries
    )
    rules = Rules(
        exclusions=tuple((e.pattern, e.case_sensitive) for e in lexicon.exclusions),
        contexts=tuple(contexts),
        checks=checks if any(checks) else (),
    )
    table = pd.DataFrame(rows, columns=["rule_id", "kind", "rule", "concept", "variant", "term"])
    for column in ("kind", "rule", "concept", "variant", "term"):
        table[column] = table[column].astype("string")
    table["rule_id"] = table["rule_id"].astype("int64")
    return CompiledRules(rules, table)


def _patterns(context: Context, lexicon: Lexicon, condition: Condition) -> tuple[TermSpec, ...]:
    """The patterns a context looks for: its words (case-insensitive), the terms of the
    concepts it names, and the terms of the bundled lexicons it names."""
    patterns: dict[TermSpec, None] = {(word, False): None for word in context.words}
    for name in context.concepts:
        for variant in lexicon.concept(name).variants:
            for term in variant.terms:
                patterns[(term.pattern, term.case_sensitive)] = None
    for name in context.lexicons:
        from framing.lexicon.library import load_lexicon

        for _, _, term in load_lexicon(name).entries():
            patterns[(term.pattern, term.case_sensitive)] = None
    return tuple(patterns)
