"""A slow, obviously correct matcher: the oracle the fast engine is tested against.

It shares no code with ``framing._engine`` or ``framing._text``. It builds the
normalised text one character at a time, each character remembering the span of the
original it came from; tokenises it into words with an explicit scan; tries every term
at every position; and picks leftmost-longest, non-overlapping hits by sorting.
Quadratic, and meant to be: it is only run on short texts.

Sense rules, as documented in ``framing.matching``: exclusions are tried like terms
(listed before them, so that at the very same words an exclusion wins) and their
selected hits are dropped; a condition looks for its context patterns in the text of the
N words before the hit and, separately, of the N words after it, each read as a text of
its own, words counted by an explicit scan of their own.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Sequence
from typing import Any

REFERENCE_APOSTROPHES = set("'\u2019\u2018\u201b\u02bc\u2032\u00b4\u0060\uff07")
REFERENCE_QUOTES = set('"\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02')
REFERENCE_INVISIBLE = set("\u00ad\u200b\u200c\u200d\u2060\ufeff\ufe0e\ufe0f")
REFERENCE_YO = {"ё": "е", "Ё": "Е"}
# Latin letters written for their Cyrillic twins inside Cyrillic words.
REFERENCE_LOOKALIKES = dict(zip("ABCEHIKMOPTXYaceiopxy", "АВСЕНІКМОРТХУасеіорху", strict=True))


def _is_word(character: str) -> bool:
    if character == "_":
        return True
    category = unicodedata.category(character)
    if category[0] in "LM":
        return True
    return character.isdigit() or character.isnumeric() or character.isdecimal()


def _fold_character(character: str) -> str | None:
    """One normalised character (None: drop it)."""
    if character in REFERENCE_INVISIBLE:
        return None
    if character in REFERENCE_APOSTROPHES:
        return "'"
    if character in REFERENCE_QUOTES:
        return '"'
    if unicodedata.category(character) == "Pd" or character == "\u2212":
        return "-"
    if character.isspace():
        return " "
    return REFERENCE_YO.get(character, character)


def _is_cyrillic(character: str) -> bool:
    return "\u0400" <= character <= "\u04ff"


def _fold_lookalike_words(units: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """In each run of alphanumeric characters or "_" where a Cyrillic letter stands next
    to a Latin look-alike, replace every look-alike by its Cyrillic twin."""
    out = list(units)
    position = 0
    while position < len(out):
        if not (out[position][0].isalnum() or out[position][0] == "_"):
            position += 1
            continue
        end = position
        while end < len(out) and (out[end][0].isalnum() or out[end][0] == "_"):
            end += 1
        word = [character for character, _, _ in out[position:end]]
        mixed = any(
            (_is_cyrillic(a) and b in REFERENCE_LOOKALIKES)
            or (a in REFERENCE_LOOKALIKES and _is_cyrillic(b))
            for a, b in itertools.pairwise(word)
        )
        if mixed:
            for index in range(position, end):
                character, start, stop = out[index]
                out[index] = (REFERENCE_LOOKALIKES.get(character, character), start, stop)
        position = end
    return out


def reference_units(text: str) -> list[tuple[str, int, int]]:
    """The normalised text as (character, original start, original end) units."""
    composed: list[tuple[str, int, int]] = []
    position = 0
    while position < len(text):
        end = position + 1
        while end < len(text) and unicodedata.combining(text[end]) != 0:
            end += 1
        cluster = text[position:end]
        if unicodedata.normalize("NFC", cluster) == cluster:
            # Unchanged by NFC: every character keeps its own place.
            composed.extend((c, position + i, position + i + 1) for i, c in enumerate(cluster))
        else:
            composed.extend((c, position, end) for c in unicodedata.normalize("NFC", cluster))
        position = end
    units: list[tuple[str, int, int]] = []
    for character, start, end in composed:
        folded = _fold_character(character)
        if folded is None:
            continue
        if folded == " " and units and units[-1][0] == " ":
            units[-1] = (" ", units[-1][1], end)
            continue
        units.append((folded, start, end))
    return _fold_lookalike_words(units)


def _lower(character: str) -> str:
    if character == "\u0130":
        return "i"
    lowered = character.lower()
    return "\u03c3" if lowered == "\u03c2" else lowered


def reference_words(folded: str) -> list[tuple[int, int]]:
    """Word spans: runs of word characters, joined by an apostrophe between two word
    characters unless it is the apostrophe of a possessive 's."""
    words = []
    position = 0
    length = len(folded)
    while position < length:
        if not _is_word(folded[position]):
            position += 1
            continue
        start = position
        position += 1
        while position < length:
            if _is_word(folded[position]):
                position += 1
                continue
            possessive = (
                position + 1 < length
                and folded[position + 1] == "s"
                and (position + 2 == length or not _is_word(folded[position + 2]))
            )
            if (
                folded[position] == "'"
                and position + 1 < length
                and _is_word(folded[position + 1])
                and not possessive
            ):
                position += 1
                continue
            break
        words.append((start, position))
    return words


def _normalised_word(word: str) -> str:
    return "".join(character for character, _, _ in reference_units(word))


def _candidates(
    cased: str, folded: str, terms: Sequence[tuple[str, bool]]
) -> list[tuple[int, int, int]]:
    """Every (start, end, term index) where a term fits, in normalised offsets."""
    words = reference_words(folded)
    word_starts = {start for start, _ in words}
    word_ends = {end for _, end in words}
    word_end_at = {}
    for start, end in words:
        for inside in range(start, end):
            word_end_at[inside] = end
    candidates = []
    for index, (pattern, case_sensitive) in enumerate(terms):
        parts = []
        for word in pattern.split():
            if word.endswith("*") and len(word) > 1:
                parts.append((_normalised_word(word[:-1]), True))
            else:
                parts.append((_normalised_word(word), False))
        haystack = cased if case_sensitive else folded
        first_needle = parts[0][0] if case_sensitive else "".join(_lower(c) for c in parts[0][0])
        # Every start where the first word's text occurs (all of them, found by str.find).
        starts = []
        found = haystack.find(first_needle)
        while found != -1:
            starts.append(found)
            found = haystack.find(first_needle, found + 1)
        for start in starts:
            position = start
            matched = True
            for number, (literal, is_glob) in enumerate(parts):
                if number > 0:
                    if folded[position : position + 1] != " ":
                        matched = False
                        break
                    position += 1
                needle = literal if case_sensitive else "".join(_lower(c) for c in literal)
                if haystack[position : position + len(needle)] != needle:
                    matched = False
                    break
                position += len(needle)
                if is_glob:
                    position = word_end_at[position - 1]
            if not matched:
                continue
            first, last = parts[0][0][0], parts[-1]
            if _is_word(first) and start not in word_starts:
                continue
            if (last[1] or _is_word(last[0][-1])) and position not in word_ends:
                continue
            candidates.append((start, position, index))
    return candidates


def _leftmost_longest(candidates: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    candidates = sorted(candidates, key=lambda c: (c[0], -c[1], c[2]))
    chosen = []
    reached = 0
    for start, end, index in candidates:
        if start >= reached:
            chosen.append((start, end, index))
            reached = end
    return chosen


def reference_window_words(text: str) -> list[tuple[int, int]]:
    """Words for counting a window: runs of word characters, an apostrophe between two
    word characters joining them (possessives too: "Kiev's" is one word)."""
    words = []
    position = 0
    while position < len(text):
        if not _is_word(text[position]):
            position += 1
            continue
        start = position
        while position < len(text) and (
            _is_word(text[position])
            or (text[position] == "'" and position + 1 < len(text) and _is_word(text[position + 1]))
        ):
            position += 1
        words.append((start, position))
    return words


def _near(
    cased: str,
    folded: str,
    start: int,
    end: int,
    patterns: Sequence[tuple[str, bool]],
    within: int,
    side: str = "both",
) -> bool:
    before = reference_window_words(folded[:start])[-within:]
    left = before[0][0] if before else start
    after = reference_window_words(folded[end:])[:within]
    right = end + after[-1][1] if after else end
    pieces = []
    if side in ("both", "before"):
        pieces.append((left, start))
    if side in ("both", "after"):
        pieces.append((end, right))
    return any(
        _candidates(cased[first:last], folded[first:last], patterns) for first, last in pieces
    )


#: A condition for the reference: (unless, context patterns, within words[, side]).
ReferenceCondition = tuple[Any, ...]


def reference_find(
    text: str,
    terms: Sequence[tuple[str, bool]],
    exclusions: Sequence[tuple[str, bool]] = (),
    conditions: Sequence[Sequence[ReferenceCondition]] = (),
) -> list[tuple[int, int, int]]:
    """Return (start, end, term index) of every counted hit, in original offsets, by start.

    ``conditions[i]`` holds the conditions of term ``i`` (missing: none).
    """
    units = reference_units(text)
    cased = "".join(character for character, _, _ in units)
    folded = "".join(_lower(character) for character in cased)
    everything = [*exclusions, *terms]
    chosen = _leftmost_longest(_candidates(cased, folded, everything))
    counted = []
    for start, end, index in chosen:
        if index < len(exclusions):
            continue
        term = index - len(exclusions)
        keep = True
        for unless, patterns, *window in conditions[term] if term < len(conditions) else ():
            if _near(cased, folded, start, end, patterns, *window) == unless:
                keep = False
        if keep:
            counted.append((units[start][1], units[end - 1][2], term))
    return counted
