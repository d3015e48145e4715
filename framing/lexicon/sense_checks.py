"""The rules of the sense rules and of the measured precision: exclusions that can match,
conditions whose contexts exist, precision rows that name real concepts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from framing._text import term_key
from framing.lexicon.problems import (
    _AFTER_ALL,
    ERROR,
    Found,
    Problem,
    _Entry,
    _first_of_each_term,
    _glob_covers,
    _same_text,
    term_syntax_problem,
)
from framing.lexicon.terms import Concept, Term, Variant

if TYPE_CHECKING:  # pragma: no cover - typing only
    from framing.lexicon.model import (
        Condition,
        Context,
        Exclusion,
        Measurement,
    )

# -- sense rules and measured precision ---------------------------------------------------
_MAX_WITHIN = 100


def check_exclusions(
    exclusions: Sequence[Exclusion], sources: Mapping[str, str], terms: Sequence[_Entry]
) -> Found:
    """Exclusions follow the term syntax, cite known sources, appear once, and never
    stand for a term (a term an exclusion matches entirely could never be counted)."""
    _, distinct = _first_of_each_term(terms)
    keyed_terms = [(entry, tuple(entry.key.split(" "))) for entry in distinct]
    seen: dict[str, list[tuple[int, Any]]] = {}
    for index, exclusion in enumerate(exclusions):
        place = (-1, index)
        where = {"term": str(exclusion.pattern), "key": "exclusions", "item": index}
        syntax = term_syntax_problem(exclusion.pattern)
        if syntax is not None:
            yield place, Problem(ERROR, "exclusion_syntax", syntax, **where)
            continue
        for source_id in exclusion.sources:
            if source_id not in sources:
                yield (
                    place,
                    Problem(
                        ERROR,
                        "unknown_source",
                        f"the source id {source_id!r} has no citation in the lexicon's sources",
                        **where,
                    ),
                )
        key = term_key(exclusion.pattern)
        earlier = _same_text(
            [_as_entry(other) for _, other in seen.get(key, ())], _as_term(exclusion)
        )
        if earlier is not None:
            yield (
                place,
                Problem(
                    ERROR,
                    "duplicate_exclusion",
                    f"the same exclusion is already listed as {earlier.term.pattern!r}",
                    **where,
                ),
            )
            continue
        seen.setdefault(key, []).append((index, exclusion))
        words = tuple(key.split(" "))
        for entry, term_words in keyed_terms:
            same = entry.key == key and _same_text([entry], _as_term(exclusion)) is not None
            if same or (
                (exclusion.pattern.endswith("*") or "* " in exclusion.pattern)
                and (_glob_covers(words, term_words))
            ):
                yield (
                    place,
                    Problem(
                        ERROR,
                        "exclusion_covers_term",
                        f"the exclusion matches everything the term {entry.term.pattern!r} of "
                        f"concept {entry.concept.name!r}, variant {entry.variant.name!r} "
                        "matches, so that term could never be counted; drop one of them",
                        **where,
                    ),
                )


def _as_term(exclusion: Exclusion) -> Term:
    return Term(exclusion.pattern, case_sensitive=exclusion.case_sensitive)


def _as_entry(exclusion: Exclusion) -> _Entry:
    term = _as_term(exclusion)
    variant = Variant("exclusions", (term,))
    return _Entry((-1,), Concept("exclusions", (variant,)), variant, 0, term, None, "")


def check_conditions(
    conditions: Sequence[Condition], concepts: Sequence[Concept], bundled: Iterable[str]
) -> Found:
    """Each condition is on a term or variant of the lexicon (one condition per place),
    has an ``if_near`` or ``unless_near`` context, and each context looks at 1 to 100
    words for words in the term syntax, concepts of the lexicon or bundled lexicons."""
    places: dict[tuple[str, str | None], tuple[int, int, int]] = {}
    names = {concept.name for concept in concepts}
    for c, concept in enumerate(concepts):
        for v, variant in enumerate(concept.variants):
            places[(concept.name, variant.name, None)] = (c, v, -1)  # type: ignore[index]
            for index, term in enumerate(variant.terms):
                places.setdefault((concept.name, variant.name, term.pattern), (c, v, index))  # type: ignore[index]
    bundled = set(bundled)
    seen: set[tuple[str, str, str | None]] = set()
    for number, condition in enumerate(conditions):
        target = (condition.concept, condition.variant, condition.term)
        where: dict[str, Any] = {
            "concept": str(condition.concept),
            "variant": str(condition.variant),
            "term": condition.term,
        }
        position = places.get(target)  # type: ignore[arg-type]
        if position is None:
            what = (
                f"term {condition.term!r} of variant {condition.variant!r}"
                if condition.term is not None
                else f"variant {condition.variant!r}"
            )
            yield (
                (*_AFTER_ALL, number),
                Problem(
                    ERROR,
                    "condition_target",
                    f"the condition is on the {what} of concept {condition.concept!r}, which "
                    "the lexicon does not have",
                    **where,
                ),
            )
            continue
        if position[2] >= 0:
            where["term_index"] = position[2]
        place = (*position, 1, number)
        if target in seen:
            yield (
                place,
                Problem(
                    ERROR,
                    "duplicate_condition",
                    "a term or variant has one condition (with an if_near and an unless_near "
                    "context at most); merge them",
                    **where,
                ),
            )
            continue
        seen.add(target)
        if condition.if_near is None and condition.unless_near is None:
            yield (
                place,
                Problem(
                    ERROR,
                    "empty_condition",
                    "a condition needs an if_near or an unless_near context",
                    **where,
                ),
            )
        for key in ("if_near", "unless_near"):
            context = getattr(condition, key)
            if context is None:
                continue
            for message in _context_problems(context, names, bundled):
                yield place, Problem(ERROR, "condition", message, key=key, **where)


def _context_problems(context: Context, concepts: set[str], bundled: set[str]) -> Iterator[str]:
    within = context.within
    if not isinstance(within, int) or isinstance(within, bool) or not 1 <= within <= _MAX_WITHIN:
        yield f"'within' must be a whole number of words from 1 to {_MAX_WITHIN}; got {within!r}"
    if context.side not in ("both", "before", "after"):
        yield f"'side' must be both, before or after; got {context.side!r}"
    if not (context.words or context.concepts or context.lexicons):
        yield "the context is empty: give words, concepts or lexicons to look for"
    for word in context.words:
        problem = term_syntax_problem(word)
        if problem is not None:
            yield f"the context word {word!r} breaks the term syntax: {problem}"
    for name in context.concepts:
        if name not in concepts:
            yield (
                f"the context names the concept {name!r}, which the lexicon does not have "
                f"(it has {', '.join(sorted(concepts))})"
            )
    for name in context.lexicons:
        if name not in bundled:
            yield (
                f"the context names the lexicon {name!r}, which is not a bundled lexicon "
                f"(the bundled ones are {', '.join(sorted(bundled))})"
            )


def check_precision(precision: Sequence[Measurement], concepts: Sequence[Concept]) -> Found:
    """Each row of the measured precision names a concept (and variant) of the lexicon, or
    ``*`` and a variant name for a variant measured over all concepts, and holds counts and
    proportions that fit together."""
    known = {concept.name: {v.name for v in concept.variants} for concept in concepts}
    # Concept "*": a variant measured over all concepts (a sample drawn per variant).
    known["*"] = {v.name for concept in concepts for v in concept.variants}
    for index, row in enumerate(precision):
        where = {"concept": str(row.concept), "key": "precision", "item": index}
        place = (*_AFTER_ALL, 1, index)
        if row.concept not in known or (
            row.variant is not None and row.variant not in known[row.concept]
        ):
            yield (
                place,
                Problem(
                    ERROR,
                    "precision_target",
                    f"the precision row is for {row.concept}"
                    + (f".{row.variant}" if row.variant is not None else "")
                    + ", which the lexicon does not have",
                    variant=row.variant,
                    **where,
                ),
            )
            continue
        counts = (row.hits, row.yes, row.no, row.unsure)
        if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in counts):
            yield (
                place,
                Problem(
                    ERROR,
                    "precision_value",
                    "hits, yes, no and unsure must be whole numbers >= 0",
                    variant=row.variant,
                    **where,
                ),
            )
            continue
        values = (row.low, row.precision, row.high)
        if not all(isinstance(x, int | float) and not isinstance(x, bool) for x in values) or not (
            0 <= row.low <= row.precision <= row.high <= 1
        ):
            yield (
                place,
                Problem(
                    ERROR,
                    "precision_value",
                    "precision and its interval must satisfy 0 <= low <= precision <= high "
                    f"<= 1; got {row.low!r}, {row.precision!r}, {row.high!r}",
                    variant=row.variant,
                    **where,
                ),
            )
