"""The engine's work on the text around an automaton match: a term's segments (words and
globs), word boundaries, the words window of a condition, anchored keys, glob walks and
case checks, and the leftmost-longest selection of candidates.
"""

from __future__ import annotations

import codecs
import re
import string
from dataclasses import dataclass

from framing._text import ONE_BYTE, fold_case, normalise_pattern, one_byte_table
from framing._words import is_word_character, word_end
from framing.errors import TermError

try:  # the automaton's copy made in C (framing/_kernel.c); tests/test_kernel.py compares
    from framing import _kernel
except ImportError:  # pragma: no cover - the extension is optional
    _kernel = None

#: A term as the engine sees it: its pattern and whether it is case-sensitive.
TermSpec = tuple[str, bool]

#: Marks a ``*`` glob in a term's segments.
GLOB = None


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


def _select(candidates: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Leftmost-longest, non-overlapping ``(start, end, index)`` from ``(start, -end,
    index)`` candidates; at the same start and end the smaller index wins."""
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


def window(folded: str, start: int, end: int, within: int) -> tuple[int, int]:
    """The ``within`` words before ``start`` and after ``end``: ``(left, right)``.

    ``folded[left:start]`` holds the last ``within`` words of ``folded[:start]`` (all of
    them when there are fewer), ``folded[end:right]`` the first ``within`` words of
    ``folded[end:]``; each is read as a text of its own. A word is a run of word
    characters (letters, digits, "_" and combining marks, as
    ``framing._words.is_word_character``), an apostrophe between two of them keeping it
    together ("don't", "Kiev's"). The scan walks only over the words it counts.
    """
    word = _is_word
    # Backwards from start: ``folded[:start]`` ends at start, so an apostrophe just
    # before it joins nothing.
    left = position = start
    for _ in range(within):
        index = position - 1
        while index >= 0 and not word(folded[index]):
            index -= 1
        if index < 0:
            break
        while index > 0 and (
            word(folded[index - 1])
            or (folded[index - 1] == "'" and index > 1 and word(folded[index - 2]))
        ):
            index -= 1
        left = position = index
    # Forwards from end: ``folded[end:]`` starts at end, so an apostrophe there joins
    # nothing either.
    right = position = end
    length = len(folded)
    for _ in range(within):
        index = position
        while index < length and not word(folded[index]):
            index += 1
        if index == length:
            break
        index += 1
        while index < length and (
            word(folded[index])
            or (folded[index] == "'" and index + 1 < length and word(folded[index + 1]))
        ):
            index += 1
        right = position = index
    return left, right


def _is_word(character: str) -> bool:
    """``framing._words.is_word_character``, with a fast path for ASCII."""
    if character < "\x80":
        return character.isalnum() or character == "_"
    return is_word_character(character)


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


# The same map on text encoded in windows-1251 (``framing._text.ONE_BYTE``), as a bytes
# table; a character the encoding lacks becomes a space when it is a non-word character
# (an emoji), and sends the text to the general path when it is a word character.
_ONE_BYTE_NON_WORD = one_byte_table(lambda character: _NON_WORD.sub(" ", character))
# The table keeps ASCII's word characters and makes the other ASCII bytes spaces (as \W
# says): the kernel then maps ASCII text without it (framing._kernel.anchor).
_ASCII_WORDS = all(
    _ONE_BYTE_NON_WORD[code]
    == (code if chr(code) in string.ascii_letters + string.digits + "_" else ord(" "))
    for code in range(128)
)
_ONE_BYTE_ERRORS = "framing-non-word-space"
_NON_WORD_RUN = re.compile(r"\W+")


def _space_for_non_word(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):  # pragma: no cover - encode only
        raise error
    missing = error.object[error.start : error.end]
    if _NON_WORD_RUN.fullmatch(missing) is None:
        raise error
    return " " * len(missing), error.end


codecs.register_error(_ONE_BYTE_ERRORS, _space_for_non_word)


def _anchored_one_byte(folded: str, encoded: bytes | None = None) -> bytes | None:
    """``_anchored_text(folded)`` encoded in windows-1251, one byte a character (what
    the automaton reads fastest: no conversion, half the memory of Cyrillic text as
    Python stores it); None when ``folded`` holds a word character that windows-1251
    lacks. ``encoded``: ``folded`` encoded already (``framing._text.normalise_folded``).

    The automaton's patterns are encoded the same way (``_one_byte_key``), so where the
    anchored text holds a pattern, these bytes hold its encoding, at the same offsets.
    """
    if encoded is None:
        try:
            encoded = folded.encode(ONE_BYTE, _ONE_BYTE_ERRORS)
        except UnicodeEncodeError:
            return None
    if _kernel is not None:  # one allocation; ASCII mapped without the table
        return _kernel.anchor(encoded, _ONE_BYTE_NON_WORD, _ASCII_WORDS)
    return b" " + encoded.translate(_ONE_BYTE_NON_WORD) + b" "


def _one_byte_key(anchored: str) -> bytes | None:
    """An automaton pattern as :func:`_anchored_one_byte` writes it; None when the
    encoding lacks one of its characters (such a pattern never occurs in text that has
    a one-byte form)."""
    try:
        return anchored.encode(ONE_BYTE)
    except UnicodeEncodeError:
        return None


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
