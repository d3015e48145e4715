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
:func:`check_exclusions`, :func:`check_conditions` and :func:`check_precision`.

The term syntax, in one sentence: words separated by spaces; each word may end in ``*``
(a prefix glob); the term starts with a letter or digit and ends with one or with a glob.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from framing._text import LATIN_LOOKALIKES, is_word_character, mixed_script_words, term_key

if TYPE_CHECKING:  # pragma: no cover - typing only
    from framing.lexicon.model import (
        Concept,
        Condition,
        Context,
        Exclusion,
        Measurement,
        Term,
        Variant,
    )

#: Severities, most serious first.
ERROR = "error"
WARNING = "warning"

# A term starts with a Unicode letter, digit or underscore (not a combining mark, which
# belongs to the character before it); it ends, and a glob's prefix ends, with a word
# character as the matcher defines it (framing._text: combining marks included, so a
# decomposed "Cafe\u0301" is a term like "Café").
_FIRST_CHARACTER = re.compile(r"\w")
# Wildcard and regular-expression characters of other tools, refused with a clear reason.
_NOT_TERM_SYNTAX = "?|[]{}()\\^$+"


@dataclass(frozen=True)
class Problem:
    """One broken rule, with the place it was found.

    Attributes
    ----------
    severity : {"error", "warning"}
        Errors stop a lexicon from loading; warnings are shown and loading goes on.
    rule : str
        A short name of the rule ("duplicate_term", "glob_covers_term", ...).
    message : str
        What is wrong and what was expected.
    concept, variant, term : str or None
        Where in the lexicon; ``None`` for problems of the lexicon as a whole.
    file : str or None
        The file the lexicon was read from, when there is one.
    line : int or None
        The 1-based line of the file, when known.
    """

    severity: str
    rule: str
    message: str
    concept: str | None = None
    variant: str | None = None
    term: str | None = None
    file: str | None = None
    line: int | None = None
    #: The source id the problem is about (for problems with the sources list).
    source_id: str | None = None
    #: Position of the term in its variant (0-based), so loaders can find its line.
    term_index: int | None = None
    #: The key of a sense rule or of the precision table the problem is about
    #: ("exclusions", "if_near", "unless_near", "precision"), so loaders can find its line.
    key: str | None = None
    #: Position of the exclusion or the precision row (0-based).
    item: int | None = None

    @property
    def place(self) -> str:
        """The place, as words: file, line, concept, variant, term."""
        parts = []
        if self.file is not None:
            parts.append(str(self.file) + (f", line {self.line}" if self.line else ""))
        for label, value in (
            ("source", self.source_id),
            ("exclusion", self.term if self.key == "exclusions" else None),
            ("concept", self.concept),
            ("variant", self.variant),
            ("term", None if self.key == "exclusions" else self.term),
            ("rule", self.key if self.key in ("if_near", "unless_near") else None),
        ):
            if value is not None:
                parts.append(f"{label} {value!r}")
        return ", ".join(parts)

    def __str__(self) -> str:
        place = self.place
        return (
            f"{self.severity}: {place}: {self.message}"
            if place
            else (f"{self.severity}: {self.message}")
        )


def term_syntax_problem(pattern: object) -> str | None:
    """Return why ``pattern`` is not a valid term, or None when it is.

    Examples
    --------
    >>> term_syntax_problem("so-called denazif*") is None
    True
    >>> term_syntax_problem("*ation")
    "a '*' may only end a word (a prefix glob such as 'liberat*'); it starts the word '*ation'"
    """
    if not isinstance(pattern, str):
        return f"a term must be text; got {type(pattern).__name__} {pattern!r}"
    if not pattern.strip():
        return "the term is empty"
    if pattern.strip() == "*":
        return "a bare '*' would match every word; write a prefix before it, as in 'liberat*'"
    if pattern != pattern.strip():
        return "the term starts or ends with white space"
    if any(character in pattern for character in "\t\n\r\v\f"):
        return "the term contains a tab or a line break; separate its words with spaces"
    foreign = [character for character in _NOT_TERM_SYNTAX if character in pattern]
    if foreign:
        return (
            f"{foreign[0]!r} is not part of the term syntax (words, and a '*' at the end "
            "of a word as a prefix glob; no '?' wildcards or regular expressions)"
        )
    for word in pattern.split(" "):
        if not word:
            continue
        if word.startswith("*"):
            return (
                "a '*' may only end a word (a prefix glob such as 'liberat*'); "
                f"it starts the word {word!r}"
            )
        if "*" in word[:-1]:
            return (
                "a '*' may only end a word (a prefix glob such as 'liberat*'); "
                f"it stands inside the word {word!r}"
            )
        if word.endswith("*") and not is_word_character(word[-2]):
            return f"a glob must follow a letter or digit; {word!r} has {word[-2]!r} before the '*'"
    if not _FIRST_CHARACTER.match(pattern[0]):
        return (
            f"a term must start with a letter or digit; it starts with {pattern[0]!r} "
            "(matching works on word boundaries)"
        )
    last = pattern[-1]
    if last != "*" and not is_word_character(last):
        return (
            f"a term must end with a letter, a digit or a trailing '*'; it ends with {last!r} "
            "(matching works on word boundaries)"
        )
    return None


def name_problem(kind: str, name: object) -> str | None:
    """Return why ``name`` cannot name a concept or variant, or None when it can."""
    if not isinstance(name, str) or not name.strip():
        return f"a {kind} name must be non-empty text; got {name!r}"
    if name != name.strip() or any(c in name for c in "\t\n\r"):
        return f"a {kind} name must not start or end with white space or hold line breaks"
    if "." in name:
        return (
            f"a {kind} name must not contain '.'; the dot joins concept and variant "
            "('war_name.russian_state') in the flat dictionary formats"
        )
    return None


# -- the rule families ----------------------------------------------------------------
# Each check_* function checks one family of rules over the whole lexicon and yields
# (place, problem). The place puts the families' problems back in lexicon order: the
# lexicon itself, its sources, then (concept, variant, term) by position, with -1 for a
# problem about the level above; a glob's problems, which concern two places, come last.
# At one place the families are in the order lexicon_problems chains them.
Place = tuple[int, ...]
Found = Iterator[tuple[Place, Problem]]
_LEXICON: Place = (-2,)
_SOURCES: Place = (-1,)
_AFTER_ALL: Place = (sys.maxsize,)


class _Entry(NamedTuple):
    """A term with its place in the lexicon, its syntax problem and its key, found once."""

    place: Place
    concept: Concept
    variant: Variant
    index: int
    term: Term
    #: Why the term breaks the term syntax, or None; the other term rules skip such terms.
    syntax: str | None
    #: The case-folded framing._text.term_key ("" for a term that breaks the syntax).
    key: str

    def where(self) -> dict[str, Any]:
        """The Problem fields that name this term's place."""
        return {
            "concept": self.concept.name,
            "variant": self.variant.name,
            "term": str(self.term.pattern),
            "term_index": self.index,
        }


def _entries(concepts: Sequence[Concept]) -> list[_Entry]:
    """Every term, in lexicon order."""
    entries = []
    for c, concept in enumerate(concepts):
        for v, variant in enumerate(concept.variants):
            for index, term in enumerate(variant.terms):
                syntax = term_syntax_problem(term.pattern)
                key = term_key(term.pattern) if syntax is None else ""
                entries.append(_Entry((c, v, index), concept, variant, index, term, syntax, key))
    return entries


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


def _first_of_each_term(
    terms: Sequence[_Entry],
) -> tuple[list[tuple[Place, Problem]], list[_Entry]]:
    """The duplicate-term problems, and the well-formed terms that are not duplicates."""
    problems: list[tuple[Place, Problem]] = []
    kept: list[_Entry] = []
    # Terms seen so far by their case-folded key, to find duplicates.
    seen: dict[str, list[_Entry]] = {}
    for entry in terms:
        if entry.syntax is not None:
            continue
        first = _same_text(seen.get(entry.key, ()), entry.term)
        if first is not None:
            problems.append(
                (
                    entry.place,
                    Problem(
                        ERROR,
                        "duplicate_term",
                        "the same term (ignoring case, apostrophe and dash style) is "
                        f"already in concept {first.concept.name!r}, variant "
                        f"{first.variant.name!r} as {first.term.pattern!r}; a term may appear "
                        "once in a lexicon",
                        **entry.where(),
                    ),
                )
            )
            continue
        seen.setdefault(entry.key, []).append(entry)
        kept.append(entry)
    return problems, kept


def _same_text(earlier: Iterable[_Entry], term: Term) -> _Entry | None:
    """The first earlier term (same case-folded key) that matches what ``term`` matches.

    Two case-sensitive terms differing in case match different texts; any other pair with
    the same case-folded key matches the same text, and only one of them could get the hit.
    """
    for entry in earlier:
        other = entry.term
        if not (term.case_sensitive and other.case_sensitive) or term_key(
            term.pattern, case_sensitive=True
        ) == term_key(other.pattern, case_sensitive=True):
            return entry
    return None


def _glob_covers(glob_words: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """True when every text the ``words`` pattern matches is also matched by the glob."""
    if len(glob_words) != len(words):
        return False
    for glob_word, word in zip(glob_words, words, strict=True):
        if glob_word.endswith("*"):
            # A glob covers a longer glob or a plain word with its prefix.
            if not word.removesuffix("*").startswith(glob_word[:-1]):
                return False
        elif glob_word != word:
            return False
    return True


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
    from framing.lexicon.model import Term

    return Term(exclusion.pattern, case_sensitive=exclusion.case_sensitive)


def _as_entry(exclusion: Exclusion) -> _Entry:
    from framing.lexicon.model import Concept, Variant

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


def raise_for_errors(problems: Iterable[Problem], *, heading: str) -> None:
    """Raise :class:`LexiconError` listing every error among ``problems``."""
    from framing.lexicon.model import LexiconError

    errors = [problem for problem in problems if problem.severity == ERROR]
    if not errors:
        return
    shown = errors[:20]
    lines = [f"{heading}: {len(errors)} error{'s' if len(errors) > 1 else ''}."]
    lines += [f"  {problem}" for problem in shown]
    if len(errors) > len(shown):
        lines.append(f"  ... and {len(errors) - len(shown)} more (see framing.check_lexicon)")
    raise LexiconError("\n".join(lines))
