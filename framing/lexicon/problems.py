"""A lexicon's problems: what a rule found (:class:`Problem`, an error or a warning, with
its place), the term syntax, and the entries the rule families walk over.

The term syntax, in one sentence: words separated by spaces; each word may end in ``*``
(a prefix glob); the term starts with a letter or digit and ends with one or with a glob.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from framing._text import term_key
from framing._words import is_word_character
from framing.errors import LexiconError
from framing.lexicon.terms import Concept, Term, Variant

if TYPE_CHECKING:  # pragma: no cover - typing only
    pass


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


def raise_for_errors(problems: Iterable[Problem], *, heading: str) -> None:
    """Raise :class:`LexiconError` listing every error among ``problems``."""
    errors = [problem for problem in problems if problem.severity == ERROR]
    if not errors:
        return
    shown = errors[:20]
    lines = [f"{heading}: {len(errors)} error{'s' if len(errors) > 1 else ''}."]
    lines += [f"  {problem}" for problem in shown]
    if len(errors) > len(shown):
        lines.append(f"  ... and {len(errors) - len(shown)} more (see framing.check_lexicon)")
    raise LexiconError("\n".join(lines))
