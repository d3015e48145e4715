"""The matching engine: one Aho-Corasick automaton per lexicon, run over normalised text.

Kept free of pandas so that worker processes can run it on plain lists of strings.
The rules it implements are written in ``framing.match`` (the public module).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

import ahocorasick

try:  # the optional fast backend: pip install "framing[fast]"
    import ahocorasick_rs
except ImportError:  # pragma: no cover - depends on the environment
    ahocorasick_rs = None

from framing._text import (
    ends_word,
    fold_case,
    is_word_character,
    normalise,
    normalise_pattern,
    starts_word,
    word_end,
)
from framing.errors import TermError

#: A term as the engine sees it: its pattern and whether it is case-sensitive.
TermSpec = tuple[str, bool]

#: Marks a ``*`` glob in a term's segments.
GLOB = None

# A compiled term: (term index, case-sensitive, checks its end, folded segments after
# the key or None, cased segments). Plain tuples: they are read once per candidate.
_Record = tuple[int, bool, bool, tuple | None, tuple]


#: The automaton libraries the engine can run on. Both find the same candidates (the
#: property tests run on each); ``ahocorasick_rs`` (Rust, a DFA) scans 2-3x faster.
BACKENDS: tuple[str, ...] = ("pyahocorasick", "ahocorasick_rs")


def available_backends() -> tuple[str, ...]:
    """The backends installed here, the default first."""
    found = ("ahocorasick_rs",) if ahocorasick_rs is not None else ()
    return (*found, "pyahocorasick")


def default_backend(specs: Sequence[TermSpec] = ()) -> str:
    """``FRAMING_ENGINE`` if set, else ahocorasick_rs when installed, else pyahocorasick.

    For terms in another script than Latin (``specs`` with a non-ASCII term, such as a
    Russian lexicon) pyahocorasick is the default: ahocorasick_rs converts each text to
    UTF-8 and back, and runs at less than half its speed on Cyrillic text
    (``benchmarks/RESULTS.md``).
    """
    fallback = available_backends()[0]
    if specs and any(not str(pattern).isascii() for pattern, _ in specs):
        fallback = "pyahocorasick"
    chosen = os.environ.get("FRAMING_ENGINE") or fallback
    if chosen not in available_backends():
        raise ValueError(
            f"The FRAMING_ENGINE environment variable must be one of "
            f"{list(available_backends())}. Got {chosen!r} instead."
        )
    return chosen


@dataclass(frozen=True)
class _Segments:
    cased: tuple[str | None, ...]
    folded: tuple[str | None, ...]


def _segments(pattern: str) -> _Segments:
    """Split a term into literal segments and ``*`` globs (``None``)."""
    words = pattern.split()
    if not words:
        raise TermError(f"The term {pattern!r} is empty; a term needs at least one word.")
    segments: list[str | None] = []
    literal = ""
    for word in words:
        if segments or literal:
            literal += " "
        if word.endswith("*") and len(word) > 1:
            prefix = normalise_pattern([word[:-1]])
            if not prefix or not is_word_character(prefix[-1]):
                raise TermError(
                    f"The term {pattern!r} has a '*' after {word[:-1]!r}; a glob needs a "
                    "letter or digit right before the '*' (write 'liberat*')."
                )
            literal += prefix
            segments.extend([literal, GLOB])
            literal = ""
        elif word == "*":
            raise TermError(
                f"The term {pattern!r} has a lone '*'; a glob needs a letter or digit "
                "right before the '*' (write 'liberat*')."
            )
        else:
            normalised = normalise_pattern([word])
            if not normalised:
                raise TermError(
                    f"The term {pattern!r} has the word {word!r}, which is only invisible "
                    "characters (soft hyphens, zero-width spaces)."
                )
            literal += normalised
    if literal:
        segments.append(literal)
    cased = tuple(segments)
    folded = tuple(fold_case(s) if s is not None else None for s in segments)
    return _Segments(cased, folded)


class Engine:
    """A lexicon compiled into an automaton; ``find`` returns the hits in one text."""

    def __init__(self, specs: Sequence[TermSpec], backend: str | None = None) -> None:
        self.specs = tuple(specs)
        self.backend = backend or default_backend()
        if self.backend not in available_backends():
            raise ValueError(
                f"The engine backend must be one of {list(available_backends())}. "
                f"Got {self.backend!r} instead."
            )
        # Terms grouped by what the automaton looks for: their first literal segment (the
        # key) written as an anchored pattern (see _anchored).
        keyed: dict[str, tuple[str, list[_Record]]] = {}
        for index, (pattern, case_sensitive) in enumerate(self.specs):
            segments = _segments(pattern)
            key = segments.folded[0]
            assert key is not None  # a term never starts with a glob
            rest_folded = segments.folded[1:]
            last = segments.folded[-1]
            checks_end = last is not None and is_word_character(last[-1])
            anchored = _anchored(key, closes=checks_end and not rest_folded)
            keyed.setdefault(anchored, (key, []))[1].append(
                (
                    index,
                    bool(case_sensitive),
                    checks_end,
                    rest_folded or None,
                    segments.cased,
                )
            )
        # What each automaton pattern reports: where its key ends in the anchored text
        # (before the closing space and the padding), the key's length, whether its
        # start needs a word boundary check, the key itself when the anchored pattern may
        # have matched other text (None when the key is word characters only), and the
        # terms it begins.
        values = [
            (
                1 + len(anchored) - len(key) - is_word_character(key[0]),
                len(key),
                is_word_character(key[0]),
                None if all(is_word_character(c) for c in key) else key,
                tuple(records),
            )
            for anchored, (key, records) in keyed.items()
        ]
        self._empty = not keyed
        if self.backend == "ahocorasick_rs":
            self._values = values
            if keyed:
                self._rust = ahocorasick_rs.AhoCorasick(
                    list(keyed), implementation=ahocorasick_rs.Implementation.DFA
                )
        else:
            self._automaton = ahocorasick.Automaton()
            for anchored, value in zip(keyed, values, strict=True):
                self._automaton.add_word(anchored, value)
            if keyed:
                self._automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """Return ``(start, end, term index)`` for every hit in ``text``, by start.

        Offsets index ``text`` itself (the original, not the normalised copy).
        """
        if self._empty or not text:
            return []
        cased, offsets = normalise(text)
        folded = fold_case(cased)
        selected = self.find_normalised(cased, folded)
        return offsets.spans(selected) if selected else selected

    def find_normalised(self, cased: str, folded: str) -> list[tuple[int, int, int]]:
        """Leftmost-longest, non-overlapping hits in an already normalised text."""
        candidates: list[tuple[int, int, int]] = []
        # The automaton runs over the anchored copy: padded with a space at each end, so
        # that its positions are the folded text's plus one.
        anchored = _anchored_text(folded)
        length = len(folded)
        if self.backend == "ahocorasick_rs":
            values = self._values
            found = [
                (end, values[key])
                for key, _, end in self._rust.find_matches_as_indexes(anchored, overlapping=True)
            ]
        else:
            found = [(last + 1, value) for last, value in self._automaton.iter(anchored)]
        for padded_end, (skip, key_length, checks_start, exact, records) in found:
            end_of_key = padded_end - skip
            start = end_of_key - key_length
            last = end_of_key - 1
            if exact is not None and not folded.startswith(exact, start):
                continue
            if (
                checks_start
                and start
                and folded[start - 1] != " "
                and not starts_word(folded, start)
            ):
                continue
            for index, case_sensitive, checks_end, rest, cased_segments in records:
                end = last + 1
                if rest is not None:
                    end = _walk(folded, end, rest)
                    if end < 0:
                        continue
                if (
                    checks_end
                    and end < length
                    and folded[end] != " "
                    and not ends_word(folded, end)
                ):
                    continue
                if case_sensitive and not _same_case(cased, start, folded, cased_segments):
                    continue
                candidates.append((start, -end, index))
        if not candidates:
            return []
        candidates.sort()
        selected: list[tuple[int, int, int]] = []
        reached = 0
        for start, negative_end, index in candidates:
            if start >= reached:
                selected.append((start, -negative_end, index))
                reached = -negative_end
        return selected


# Every character that is not a word character (Python's ``\\W``: not alphanumeric and
# not "_") becomes a space in the anchored copy. Combining marks are word characters to
# the matcher but spaces here: that only adds candidates, never loses one.
_NON_WORD = re.compile(r"\W")
_ASCII_NON_WORD = {code: " " for code in range(128) if _NON_WORD.match(chr(code))}
# The same map on normalised text, whose white space is already single spaces: leaving
# the spaces alone makes a quarter of the replacements (Cyrillic text: 2x faster).
_NON_WORD_NOR_SPACE = re.compile(r"[^\w ]")


def _anchored_text(folded: str) -> str:
    """The copy of the folded text the automaton runs over: one character for one, each
    non-word character a space, and a space added at each end.

    With the automaton's patterns anchored the same way (see ``_anchored``), a key is
    reported only where it starts after a non-word character, and, for a term that is
    one literal, only where it is followed by one: candidates inside words ("war" in
    "software", "ing" in "acting") never reach Python.
    """
    if folded.isascii():
        return " " + folded.translate(_ASCII_NON_WORD) + " "
    return " " + _NON_WORD_NOR_SPACE.sub(" ", folded) + " "


def _anchored(key: str, closes: bool) -> str:
    """The automaton's pattern for ``key``: its non-word characters spaces, with a space
    before it when it starts with a word character and after it when ``closes`` (the
    term ends with this key on a word character).

    A character-by-character map, the same as ``_anchored_text``: wherever the folded
    text holds ``key`` at a word boundary, the anchored text holds the pattern.
    """
    pattern = _NON_WORD.sub(" ", key)
    if is_word_character(key[0]):
        pattern = " " + pattern
        if closes:
            pattern += " "
    return pattern


def _walk(folded: str, position: int, rest: tuple[str | None, ...]) -> int:
    """Match the segments after the automaton's key; return the end or -1."""
    for segment in rest:
        if segment is GLOB:
            position = word_end(folded, position)
        elif folded.startswith(segment, position):
            position += len(segment)
        else:
            return -1
    return position


def _same_case(cased: str, start: int, folded: str, segments: tuple[str | None, ...]) -> bool:
    """Check a case-sensitive term's literal segments against the case-kept text."""
    position = start
    for segment in segments:
        if segment is GLOB:
            position = word_end(folded, position)
        elif cased.startswith(segment, position):
            position += len(segment)
        else:
            return False
    return True


_ENGINES: dict[tuple[str, tuple[TermSpec, ...]], Engine] = {}


def engine_for(specs: Sequence[TermSpec], backend: str | None = None) -> Engine:
    """Return the engine for these terms, compiling it on first use (a small cache)."""
    terms = tuple((str(pattern), bool(case_sensitive)) for pattern, case_sensitive in specs)
    backend = backend or default_backend(terms)
    engine = _ENGINES.get((backend, terms))
    if engine is None:
        if len(_ENGINES) >= 8:
            _ENGINES.pop(next(iter(_ENGINES)))
        engine = _ENGINES[backend, terms] = Engine(terms, backend)
    return engine
