"""The rules a lexicon must follow, checked in one place.

:func:`lexicon_problems` looks at concepts, variants and terms (however they were made:
a YAML file, a table, another dictionary format) and returns a list of :class:`Problem`.
``Lexicon`` raises on the errors when it is built; the file loaders add the file name and
the line to each problem first, and ``check_lexicon`` shows them all without raising.

Each family of rules has its own function: :func:`check_sources`, :func:`check_names`,
:func:`check_empties`, :func:`check_references`, :func:`check_term_syntax`,
:func:`check_duplicate_terms` (the same term twice, as the matcher sees it: see
:func:`framing._text.term_key`), :func:`check_mixed_scripts` (Latin look-alikes in a
Cyrillic word), :func:`check_globs`, and for the sense rules and the measured precision
:func:`check_exclusions`, :func:`check_conditions` and :func:`check_precision`
(in :mod:`framing.lexicon.sense_checks`). :class:`Problem` and the term syntax are in
:mod:`framing.lexicon.problems`.

The term syntax, in one sentence: words separated by spaces; each word may end in ``*``
(a prefix glob); the term starts with a letter or digit and ends with one or with a glob.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING

from framing._text import LATIN_LOOKALIKES, mixed_script_words
from framing.lexicon.problems import (
    _AFTER_ALL,
    _LEXICON,
    _SOURCES,
    ERROR,
    WARNING,
    Found,
    Problem,
    _entries,
    _Entry,
    _first_of_each_term,
    _glob_covers,
    name_problem,
    term_syntax_problem,
)
from framing.lexicon.sense_checks import check_conditions, check_exclusions, check_precision
from framing.lexicon.terms import Concept

if TYPE_CHECKING:  # pragma: no cover - typing only
    from framing.lexicon.model import (
        Condition,
        Exclusion,
        Measurement,
    )


def check_empties(concepts: Sequence[Concept]) -> Found:
    """A lexicon with no concepts, a concept with no variants, a variant with no terms."""
    if not concepts:
        yield _LEXICON, Problem(ERROR, "empty_lexicon", "the lexicon has no concepts")
    for c, concept in enumerate(concepts):
        if not concept.variants:
            yield (
                (c, -1, -1),
                Problem(
                    ERROR, "empty_concept", "the concept has no variants", concept=concept.name
                ),
            )
        for v, variant in enumerate(concept.variants):
            if not variant.terms:
                yield (
                    (c, v, -1),
                    Problem(
                        ERROR,
                        "empty_variant",
                        "the variant has no terms; give at least one or remove the variant",
                        concept=concept.name,
                        variant=variant.name,
                    ),
                )


def check_sources(sources: Mapping[str, str], terms: Sequence[_Entry]) -> Found:
    """Every source has an id and a citation; every source id of a term is a source."""
    for source_id, citation in sources.items():
        if not isinstance(source_id, str) or not source_id.strip():
            yield (
                _SOURCES,
                Problem(
                    ERROR,
                    "source_id",
                    f"a source id must be non-empty text; got {source_id!r}",
                    source_id=str(source_id),
                ),
            )
        if not isinstance(citation, str) or not citation.strip():
            yield (
                _SOURCES,
                Problem(
                    ERROR,
                    "missing_citation",
                    f"the source {source_id!r} has no citation; give the full reference "
                    "(authors, year, title, where to find it)",
                    source_id=str(source_id),
                ),
            )
    known = ", ".join(sorted(sources)) or "none"
    for entry in terms:
        if entry.syntax is not None:
            continue
        for source_id in entry.term.sources:
            if source_id not in sources:
                yield (
                    entry.place,
                    Problem(
                        ERROR,
                        "unknown_source",
                        f"the source id {source_id!r} has no citation in the "
                        f"lexicon's sources (known ids: {known})",
                        **entry.where(),
                    ),
                )


def check_names(concepts: Sequence[Concept]) -> Found:
    """Concept and variant names are usable (see :func:`name_problem`) and unique."""
    concept_names: set[str] = set()
    for c, concept in enumerate(concepts):
        problem = name_problem("concept", concept.name)
        if problem:
            yield (c, -1, -1), Problem(ERROR, "name", problem, concept=str(concept.name))
        if concept.name in concept_names:
            yield (
                (c, -1, -1),
                Problem(
                    ERROR,
                    "duplicate_concept",
                    "the concept is defined twice; merge its variants into one",
                    concept=concept.name,
                ),
            )
        concept_names.add(concept.name)
        variant_names: set[str] = set()
        for v, variant in enumerate(concept.variants):
            where = {"concept": concept.name, "variant": variant.name}
            problem = name_problem("variant", variant.name)
            if problem:
                yield (c, v, -1), Problem(ERROR, "name", problem, **where)
            if variant.name in variant_names:
                yield (
                    (c, v, -1),
                    Problem(
                        ERROR,
                        "duplicate_variant",
                        "the variant is defined twice in this concept; merge its terms",
                        **where,
                    ),
                )
            variant_names.add(variant.name)


def check_references(concepts: Sequence[Concept]) -> Found:
    """At most one variant of a concept is the reference."""
    for c, concept in enumerate(concepts):
        references = [variant.name for variant in concept.variants if variant.reference]
        if len(references) > 1:
            yield (
                (c, -1, -1),
                Problem(
                    ERROR,
                    "reference_count",
                    f"at most one variant of a concept may be the reference; "
                    f"{len(references)} are: {', '.join(references)}",
                    concept=concept.name,
                ),
            )


def check_term_syntax(terms: Sequence[_Entry]) -> Found:
    """Every term follows the term syntax (see :func:`term_syntax_problem`)."""
    for entry in terms:
        if entry.syntax is not None:
            yield entry.place, Problem(ERROR, "term_syntax", entry.syntax, **entry.where())


def check_duplicate_terms(terms: Sequence[_Entry]) -> Found:
    """A term appears once in a lexicon, "the same" as the matcher sees it.

    Terms are compared by :func:`framing._text.term_key`: case-folded, except that two
    case-sensitive terms differing only in case match different texts and are two terms.
    """
    duplicates, _ = _first_of_each_term(terms)
    yield from duplicates


def check_globs(terms: Sequence[_Entry]) -> Found:
    """No glob matches everything another term matches (an error across variants, since
    a hit could not be told apart; a warning within one variant, where it is redundant)."""
    _, distinct = _first_of_each_term(terms)
    keyed = [(entry, tuple(entry.key.split(" "))) for entry in distinct]
    # Only a term with as many words, whose first word starts with the glob's first word
    # (without its "*"), can be covered: look those up in sorted first words, so that
    # checking n globs costs n log n, not n squared (4,000 globs took 25 s).
    by_length: dict[int, tuple[list[str], list[int]]] = {}
    for position, (_, words) in sorted(
        enumerate(keyed), key=lambda item: item[1][1][0].removesuffix("*")
    ):
        firsts, positions = by_length.setdefault(len(words), ([], []))
        firsts.append(words[0].removesuffix("*"))
        positions.append(position)
    for glob, glob_words in keyed:
        if not glob.term.has_glob:
            continue
        firsts, positions = by_length.get(len(glob_words), ([], []))
        prefix = glob_words[0].removesuffix("*")
        start = bisect.bisect_left(firsts, prefix)
        end = (
            bisect.bisect_left(firsts, prefix + "\U0010ffff")
            if glob_words[0].endswith("*")
            else bisect.bisect_right(firsts, prefix)
        )
        for entry, words in (keyed[i] for i in sorted(positions[start:end])):
            same_variant = (entry.concept.name, entry.variant.name) == (
                glob.concept.name,
                glob.variant.name,
            )
            if same_variant and entry.term.pattern == glob.term.pattern:
                continue  # the glob itself
            if not _glob_covers(glob_words, words):
                continue
            yield (
                _AFTER_ALL,
                Problem(
                    WARNING if same_variant else ERROR,
                    "glob_covers_term",
                    (
                        f"the glob {glob.term.pattern!r} in the same variant already matches "
                        "everything this term matches; the term is redundant"
                    )
                    if same_variant
                    else (
                        f"the glob {glob.term.pattern!r} in concept {glob.concept.name!r}, "
                        f"variant {glob.variant.name!r} already matches everything this term "
                        "matches, so a hit could not be told apart; narrow the glob or drop "
                        "the term"
                    ),
                    concept=entry.concept.name,
                    variant=entry.variant.name,
                    term=entry.term.pattern,
                    term_index=entry.index,
                ),
            )


def check_hand_forms(terms: Sequence[_Entry]) -> Found:
    """Forms added or removed by hand (``add_forms``, ``remove_forms``) are plain words:
    the term syntax without globs, since a form is matched exactly."""
    for entry in terms:
        for key in ("add_forms", "remove_forms"):
            for form in getattr(entry.term, key, ()):
                problem = term_syntax_problem(form)
                if problem is None and "*" in form:
                    problem = "a form is matched exactly and cannot hold a '*' glob"
                if problem is not None:
                    yield (
                        entry.place,
                        Problem(
                            ERROR, "term_syntax", f"{key} {form!r}: {problem}", **entry.where()
                        ),
                    )


def check_mixed_scripts(terms: Sequence[_Entry]) -> Found:
    """A word that mixes Cyrillic letters with Latin look-alikes ("ЛНP" with a Latin P).

    A warning: the matcher folds the look-alikes to Cyrillic in text and terms alike
    (:func:`framing._text.fold_lookalikes`), so the term still matches, but the file
    holds a typing slip that other tools will not forgive.
    """
    for entry in terms:
        if entry.syntax is not None:
            continue
        for word in mixed_script_words(entry.term.pattern):
            latin = sorted({c for c in word if c in LATIN_LOOKALIKES})
            yield (
                entry.place,
                Problem(
                    WARNING,
                    "mixed_script",
                    f"the word {word!r} mixes Cyrillic letters with Latin look-alikes "
                    f"({', '.join(f'{c!r} U+{ord(c):04X}' for c in latin)}); the matcher reads "
                    "them as Cyrillic, but write the word in one script",
                    **entry.where(),
                ),
            )


def lexicon_problems(
    concepts: Iterable[Concept],
    sources: Mapping[str, str] | None = None,
    *,
    exclusions: Sequence[Exclusion] = (),
    conditions: Sequence[Condition] = (),
    precision: Sequence[Measurement] = (),
) -> list[Problem]:
    """Check concepts, variants and terms against every rule; return the problems found.

    Parameters
    ----------
    concepts : iterable of Concept
        The lexicon's concepts, in order.
    sources : mapping of str to str, optional
        The lexicon's sources (id to full citation).
    exclusions, conditions : sequence, optional
        The lexicon's sense rules.
    precision : sequence of Measurement, optional
        The lexicon's measured precision.

    Returns
    -------
    list of Problem
        In lexicon order; errors and warnings mixed. Empty when all is well.
    """
    concepts = tuple(concepts)
    sources = dict(sources or {})
    terms = _entries(concepts)
    found = chain(
        check_sources(sources, terms),
        check_names(concepts),
        check_empties(concepts),
        check_references(concepts),
        check_term_syntax(terms),
        check_duplicate_terms(terms),
        check_hand_forms(terms),
        check_mixed_scripts(terms),
        check_globs(terms),
        check_exclusions(exclusions, sources, terms),
        check_conditions(conditions, concepts, _bundled() if conditions else ()),
        check_precision(precision, concepts),
    )
    # sorted is stable: at one place the families keep the order chained above.
    return [problem for _, problem in sorted(found, key=itemgetter(0))]


def _bundled() -> list[str]:
    """The names of the bundled lexicons (as ``framing.lexicon.library`` finds them)."""
    from importlib import resources

    folder = resources.files("framing.lexicon") / "bundled"
    return sorted(
        item.name[: -len(".yaml")] for item in folder.iterdir() if item.name.endswith(".yaml")
    )
