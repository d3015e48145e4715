"""What counts as "the same text": normalisation and case folding, in one place.

The matcher (``framing._engine``) normalises both the text and the terms with them, and
the lexicon rules (``framing.lexicon``) judge two terms the same by :func:`term_key`, so a
lexicon can never hold two terms that the matcher would treat as one.

The matcher never searches the corpus text itself. It searches a *normalised copy* in
which the differences a reader does not see are gone, and maps every match back to the
original string so that ``text[start:end]`` is exactly what was matched.

The normalised copy is made in three steps:

1. **NFC**, per character cluster (a base character and the combining marks after it),
   only when the text is not NFC already: a decomposed "e" + U+0301 becomes "é".
2. **Character folds** that keep the length: every apostrophe-like character
   (’ ‘ ‛ ʼ ′ ´ ` ＇) becomes ``'``; every double quotation mark (“ ” „ ‟ ″ « » ＂)
   becomes ``"``; every dash or hyphen (Unicode category Pd: ‐ ‑ ‒ – — ―, and the
   minus sign −) becomes ``-``; every whitespace character (``str.isspace``: tab, line
   breaks, NBSP U+00A0, narrow NBSP U+202F, thin spaces, ...) becomes a space.
   Cyrillic "ё" and "Ё" become "е" and "Е" (Russian writes the dots optionally:
   "ещё" and "еще" are one word).
3. **Deletions and runs**: soft hyphens and zero-width characters (U+00AD, U+200B,
   U+200C, U+200D, U+2060, U+FEFF) are removed, and so are the emoji variation selectors
   U+FE0E and U+FE0F (a combining mark, they would glue "▪️ВСУ" into one word); a run of
   spaces becomes one space.
4. **Latin look-alikes**: in a word (a run of ``\\w`` characters) where a Cyrillic letter
   stands next to a Latin look-alike ("ЛНP" with a Latin P, "Kиев" with a Latin K),
   every look-alike of the word becomes its Cyrillic twin (:data:`LATIN_LOOKALIKES`).
   Words in one script ("KION", "Киев") are untouched. One character for one.

The *folded* copy used for case-insensitive search is the normalised copy lower-cased
with ``str.lower`` (length-preserving, except "İ", which is folded to "i" first), with
the final sigma "ς" folded to "σ".

Word characters are those of Python's ``\\w`` (letters, digits, underscore) plus the
combining marks (Unicode category M), so that a mark never makes a word boundary.

How, not what: a text that fits windows-1251 (Cyrillic news text, almost always) takes
these steps on its bytes, one a character (:data:`ONE_BYTE`); the result is the same,
offsets included (``tests/cyrillic/test_one_byte.py``). Where setup.py could build it,
``framing._kernel`` (C) takes the steps of ASCII text and of those bytes in one pass
each, with the tables of this module (``tests/test_kernel.py`` checks it against the
Python steps, which run where it is not built); ``framing._unicode_kernel`` takes the
folds and runs of any other text (Telegram posts with emoji, English text with "é") in
one pass after NFC (``tests/test_unicode_kernel.py``).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from collections.abc import Callable, Iterable
from typing import AnyStr

from framing._offsets import Edit, OffsetMap

try:  # the compiled passes (ASCII, one-byte), built by setup.py where a C compiler is found
    import framing._kernel as _kernel
except ImportError:  # pragma: no cover - depends on the install
    _kernel = None
try:  # the compiled folds and runs of any other text (framing/_unicode_kernel.c)
    import framing._unicode_kernel as _unicode_kernel
except ImportError:  # pragma: no cover - depends on the install
    _unicode_kernel = None

APOSTROPHES = "\u2019\u2018\u201b\u02bc\u2032\u00b4\u0060\uff07"
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02"
DASHES = (
    "\u058a\u05be\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u2e17\u2e1a\u2e3a"
    "\u2e3b\u2e40\u2e5d\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\U00010ead\u2212"
)
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
DELETED = "\u00ad\u200b\u200c\u200d\u2060\ufeff\ufe0e\ufe0f"
#: Latin letters that look like Cyrillic ones, and their Cyrillic twins; folded only in
#: words that also hold Cyrillic letters.
LATIN_LOOKALIKES = {
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "I": "І", "K": "К", "M": "М",
    "O": "О", "P": "Р", "T": "Т", "X": "Х", "Y": "У",
    "a": "а", "c": "с", "e": "е", "i": "і", "o": "о", "p": "р", "x": "х", "y": "у",
}  # fmt: skip
_CYRILLIC = "\u0400-\u04ff"
_LOOKALIKE_CLASS = "".join(LATIN_LOOKALIKES)
# A Latin look-alike beside a Cyrillic letter: the cheap test that a text needs the fold.
# The pattern starts with the look-alikes (rare in Cyrillic text), which the regex engine
# scans for quickly; the look-arounds then check the neighbours (18x faster on Russian
# text than an alternation of two classes).
_MIXED_BOUNDARY = re.compile(
    f"[{_LOOKALIKE_CLASS}](?:(?<=[{_CYRILLIC}][{_LOOKALIKE_CLASS}])|(?=[{_CYRILLIC}]))"
)
_WORD = re.compile(r"\w+")
_LOOKALIKE_TABLE = str.maketrans(LATIN_LOOKALIKES)

_FOLD_TABLE = {
    **{ord(c): "'" for c in APOSTROPHES},
    **{ord(c): '"' for c in DOUBLE_QUOTES},
    **{ord(c): "-" for c in DASHES},
    **{ord(c): " " for c in WHITESPACE},
    ord("ё"): "е",
    ord("Ё"): "Е",
}
_FOLD_BY_CHARACTER = {chr(code): folded for code, folded in _FOLD_TABLE.items()}
# str.replace per character present beats str.translate (slow on non-ASCII strings) and
# a character-class regex (a few ns a character) when only a few characters occur.
_ASCII_FOLDS = "".join(character for character in _FOLD_BY_CHARACTER if character.isascii())
_COMMON_FOLDS = "\u2019\u201c\u201d\u2018\u2014\u2013\u00a0"
_CYRILLIC_TEXT_FOLDS = "\n\u00ab\u00bbёЁ\u201e\u201c\u201d"
_TO_FOLD = re.compile("[" + re.escape("".join(_FOLD_BY_CHARACTER)) + "]")
_RUN_CHARACTERS = frozenset(" " + DELETED)

# -- One byte a character ---------------------------------------------------------------
# Russian, Ukrainian and Belarusian news text almost always fits windows-1251, one byte a
# character. There the folds are one bytes.translate (a C table lookup) instead of a regex
# pass over two-byte characters, about 3x faster (benchmarks/RESULTS.md); the engine's
# automaton runs over the same bytes (``framing._engine_text``). Every windows-1251
# character is NFC and none is a combining mark, alone or next to another, so NFC has
# nothing to do there (tests/cyrillic/test_one_byte.py checks every pair).
ONE_BYTE = "cp1251"


def one_byte_table(change: Callable[[str], str]) -> bytes:
    """A ``bytes.translate`` table applying ``change`` (one character to one) to text
    encoded in :data:`ONE_BYTE`; bytes that decode to no character are kept."""
    table = bytearray(range(256))
    for byte in range(256):
        try:
            character = bytes([byte]).decode(ONE_BYTE)
        except UnicodeDecodeError:
            continue
        changed = change(character).encode(ONE_BYTE)
        if len(changed) != 1:  # pragma: no cover - a programming error
            raise ValueError(f"{character!r} changes to {changed!r}, not one byte")
        table[byte] = changed[0]
    return bytes(table)


_ONE_BYTE_FOLDS = one_byte_table(lambda character: _FOLD_BY_CHARACTER.get(character, character))
# The ASCII folds, for the compiled pass over ASCII text: windows-1251 is ASCII below 128.
_ASCII_FOLD_TABLE = _ONE_BYTE_FOLDS[:128]
_ONE_BYTE_SOFT_HYPHEN = b"\xad"  # the only character of DELETED in windows-1251


def _one_byte_class(characters: Iterable[str]) -> bytes:
    return b"[" + re.escape(b"".join(c.encode(ONE_BYTE) for c in characters)) + b"]"


# Each byte's character ("\ufffd" for the one unassigned), and those of the Cyrillic block.
_ONE_BYTE_CHARACTERS = [bytes([byte]).decode(ONE_BYTE, "replace") for byte in range(256)]
_ONE_BYTE_CYRILLIC_CHARACTERS = "".join(
    character for character in _ONE_BYTE_CHARACTERS if "\u0400" <= character <= "\u04ff"
)
_ONE_BYTE_CYRILLIC = _one_byte_class(_ONE_BYTE_CYRILLIC_CHARACTERS)
_ONE_BYTE_LOOKALIKE = _one_byte_class(LATIN_LOOKALIKES)
# _MIXED_BOUNDARY on the encoded bytes.
_ONE_BYTE_MIXED = re.compile(
    _ONE_BYTE_LOOKALIKE
    + b"(?:(?<="
    + _ONE_BYTE_CYRILLIC
    + _ONE_BYTE_LOOKALIKE
    + b")|(?="
    + _ONE_BYTE_CYRILLIC
    + b"))"
)


def _nfc(text: str) -> tuple[str, list[Edit]]:
    """NFC per cluster (a base character and its combining marks), with edits."""
    pieces: list[str] = []
    edits: list[Edit] = []
    normalised_length = 0
    position = 0
    length = len(text)
    while position < length:
        end = position + 1
        while end < length and unicodedata.combining(text[end]):
            end += 1
        cluster = text[position:end]
        composed = unicodedata.normalize("NFC", cluster)
        if composed != cluster:
            edits.append((normalised_length, normalised_length + len(composed), position, end))
        pieces.append(composed)
        normalised_length += len(composed)
        position = end
    return "".join(pieces), edits


def _collapse_runs(text: AnyStr, deletions: bool = True) -> tuple[AnyStr, list[Edit]]:
    """Remove deleted characters and turn each run of spaces into one space.

    ``deletions=False`` says the text holds no deleted character (it is ASCII, or
    windows-1251 bytes without a soft hyphen); only then may ``text`` be bytes.
    """
    changes: list[tuple[int, int, AnyStr]] = []
    if deletions and isinstance(text, str) and any(c in text for c in DELETED):
        for start, end in _runs_with_deletions(text):
            content = text[start:end]
            if " " not in content:
                changes.append((start, end, ""))
                continue
            # Deleted characters around the spaces vanish; the spaces become one.
            first, last = start + content.index(" "), start + content.rindex(" ") + 1
            if first > start:
                changes.append((start, first, ""))
            if last - first > 1:
                changes.append((first, last, " "))
            if end > last:
                changes.append((last, end, ""))
    else:
        double = "  " if isinstance(text, str) else b"  "
        space = double[:1]
        position = text.find(double)
        while position != -1:
            end = position + 2
            while text.startswith(space, end):
                end += 1
            changes.append((position, end, space))
            position = text.find(double, end)
    if not changes:
        return text, []
    pieces: list[AnyStr] = []
    edits: list[Edit] = []
    previous = 0
    normalised_length = 0
    for start, end, replacement in changes:
        pieces.append(text[previous:start])
        normalised_length += start - previous
        edits.append((normalised_length, normalised_length + len(replacement), start, end))
        pieces.append(replacement)
        normalised_length += len(replacement)
        previous = end
    pieces.append(text[previous:])
    return text[:0].join(pieces), edits


def _runs_with_deletions(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each longest run of spaces and deleted characters that holds
    a deleted character or two spaces: found from those by ``str.find`` (memchr speed),
    not by a walk over every space (Telegram posts have a deleted U+FE0F after most
    emoji)."""
    seeds = []
    for character in DELETED:
        position = text.find(character)
        while position != -1:
            seeds.append(position)
            position = text.find(character, position + 1)
    position = text.find("  ")
    while position != -1:
        seeds.append(position)
        position = text.find("  ", position + 2)
    seeds.sort()
    runs: list[tuple[int, int]] = []
    reached = 0
    length = len(text)
    for seed in seeds:
        if seed < reached:
            continue
        start, end = seed, seed + 1
        while start > reached and text[start - 1] in _RUN_CHARACTERS:
            start -= 1
        while end < length and text[end] in _RUN_CHARACTERS:
            end += 1
        runs.append((start, end))
        reached = end
    return runs


def normalise(text: str) -> tuple[str, OffsetMap]:
    """Return the normalised copy of ``text`` (case kept) and its offset map."""
    cased, offsets, _, _ = _normalise(text, fold=False)
    return cased, offsets


def normalise_folded(text: str) -> tuple[str, str, OffsetMap, bytes | None]:
    """:func:`normalise` and :func:`fold_case` of it in one go: ``(cased, folded,
    offsets, encoded)``, ``encoded`` the folded copy in :data:`ONE_BYTE` when the text
    has that form (ASCII and most Cyrillic text; None otherwise), for the engine's
    automaton."""
    cased, offsets, folded, encoded = _normalise(text, fold=True)
    assert folded is not None
    return cased, folded, offsets, encoded


def _normalise(text: str, fold: bool) -> tuple[str, OffsetMap, str | None, bytes | None]:
    if not text.isascii():
        # The folds news text needs most, by str.replace (memchr speed); after them most
        # English texts are ASCII and skip the slow character-class pass. These folds
        # keep the length and compose with no combining mark, so NFC may come after.
        for character in _COMMON_FOLDS:
            if character in text:
                text = text.replace(character, _FOLD_BY_CHARACTER[character])
        if not text.isascii():
            encoded = _encode_one_byte(text)
            if encoded is None:
                cased, offsets = _normalise_unicode(text)
                return cased, offsets, fold_case(cased) if fold else None, None
            return _normalise_one_byte(encoded, fold)
    if _kernel is not None:  # the same steps in one compiled pass (framing/_kernel.c)
        cased, folded, encoded, edits = _kernel.normalise_ascii(text, _ASCII_FOLD_TABLE)
        if not fold:
            return cased, OffsetMap([edits]), None, None
        return cased, OffsetMap([edits]), folded, encoded
    return _normalise_ascii(text, fold)


def _normalise_ascii(text: str, fold: bool) -> tuple[str, OffsetMap, str | None, bytes | None]:
    """:func:`_normalise` for ASCII text in Python (what ``framing._kernel`` does in C):
    the ASCII folds, the runs of spaces, and the folded copy also as bytes (ASCII is
    windows-1251 too, so the engine reads it as it reads Cyrillic text)."""
    for character in _ASCII_FOLDS:
        if character in text:
            text = text.replace(character, _FOLD_BY_CHARACTER[character])
    text, edits = _collapse_runs(text, deletions=False)
    if not fold:
        return text, OffsetMap([edits]), None, None
    folded = text.lower()
    return text, OffsetMap([edits]), folded, folded.encode("ascii")


def _normalise_unicode(text: str) -> tuple[str, OffsetMap]:
    """:func:`normalise` for any text: the general path, character classes and NFC."""
    layers: list[list[Edit]] = []
    if not unicodedata.is_normalized("NFC", text):
        text, edits = _nfc(text)
        layers.append(edits)
    if _unicode_kernel is not None:  # the folds and runs in one compiled pass
        for character in _ASTRAL_FOLDS:  # the table holds the Basic Multilingual Plane
            if character in text:
                text = text.replace(character, _FOLD_BY_CHARACTER[character])
        text, edits = _unicode_kernel.fold_and_collapse(text, _UNICODE_TABLE)
    else:
        # The folds Cyrillic news text needs most (line breaks, « », ё), by str.replace
        # after NFC: the pass below then calls back for the rare ones only.
        for character in _CYRILLIC_TEXT_FOLDS:
            if character in text:
                text = text.replace(character, _FOLD_BY_CHARACTER[character])
        text = _TO_FOLD.sub(lambda found: _FOLD_BY_CHARACTER[found.group()], text)
        text, edits = _collapse_runs(text)
    layers.append(edits)
    # Last, so that a word split by a soft hyphen is judged whole; length kept.
    return fold_lookalikes(text), OffsetMap(layers)


def _encode_one_byte(text: str) -> bytes | None:
    """``text`` in :data:`ONE_BYTE`, or None when the encoding lacks a character of it."""
    if _kernel is not None:  # 5x faster than the codec (framing/_kernel.c)
        return _kernel.encode_one_byte(text, _ONE_BYTE_CODES)
    try:
        return text.encode(ONE_BYTE)
    except UnicodeEncodeError:
        return None


# For the compiled encoder: the byte of each code point of the Basic Multilingual Plane in
# ONE_BYTE, 16 bits little-endian, 0xFFFF where it has none (from the codec's own table).
_codes = array("H", [0xFFFF]) * 65536
for _byte, _character in enumerate(_ONE_BYTE_CHARACTERS):
    if _character != "\ufffd":
        _codes[ord(_character)] = _byte
if sys.byteorder != "little":  # pragma: no cover - the table is read little-endian
    _codes.byteswap()
_ONE_BYTE_CODES = _codes.tobytes()
del _codes


# For the compiled general path: each code point of the Basic Multilingual Plane's fold,
# 16 bits little-endian (0: it stays; 0xFFFF: it is deleted), and the folds above it.
_codes = array("H", [0]) * 65536
for _character, _folded in _FOLD_BY_CHARACTER.items():
    if ord(_character) <= 0xFFFF:
        _codes[ord(_character)] = ord(_folded)
for _character in DELETED:
    _codes[ord(_character)] = 0xFFFF
if sys.byteorder != "little":  # pragma: no cover - the table is read little-endian
    _codes.byteswap()
_UNICODE_TABLE = _codes.tobytes()
_ASTRAL_FOLDS = "".join(c for c in _FOLD_BY_CHARACTER if ord(c) > 0xFFFF)
del _codes


def _normalise_one_byte(
    encoded: bytes, fold: bool
) -> tuple[str, OffsetMap, str | None, bytes | None]:
    """:func:`_normalise` for a text encoded in :data:`ONE_BYTE`: the same steps, on the
    bytes as long as no look-alike or soft hyphen needs the general code."""
    if _ONE_BYTE_SOFT_HYPHEN in encoded:  # may join two words into one: judged whole
        text, edits = _collapse_runs(encoded.translate(_ONE_BYTE_FOLDS).decode(ONE_BYTE))
        mixed = True
    elif _kernel is not None:  # the steps below in one compiled pass (framing/_kernel.c)
        collapsed, lowered, edits, mixed = _kernel.normalise_one_byte(
            encoded, _ONE_BYTE_FOLDS, _ONE_BYTE_LOWER, _ONE_BYTE_CLASSES
        )
        text = collapsed.decode(ONE_BYTE)
    else:
        collapsed, edits = _collapse_runs(encoded.translate(_ONE_BYTE_FOLDS), deletions=False)
        lowered = collapsed.translate(_ONE_BYTE_LOWER)
        text = collapsed.decode(ONE_BYTE)
        # The folds and the runs change no letter and no letter's neighbour, so the bytes
        # tell whether a word mixes scripts.
        mixed = _ONE_BYTE_MIXED.search(encoded) is not None
    offsets = OffsetMap([edits])
    if mixed:
        text = fold_lookalikes(text)
        return text, offsets, fold_case(text) if fold else None, None
    if not fold:
        return text, offsets, None, None
    return text, offsets, lowered.decode(ONE_BYTE), lowered


def _is_mixed(word: str) -> bool:
    return _MIXED_BOUNDARY.search(word) is not None


def fold_lookalikes(text: str) -> str:
    """Turn Latin look-alike letters into Cyrillic ones in words that mix both scripts.

    One character for one, so offsets do not move. Words in one script ("KION",
    "Киев") and Latin letters with no Cyrillic twin ("Zа") are left as they are.

    Examples
    --------
    >>> fold_lookalikes("ЛНP и Kиев, но не KION")
    'ЛНР и Киев, но не KION'
    """
    if text.isascii() or _MIXED_BOUNDARY.search(text) is None:
        return text
    return _WORD.sub(
        lambda word: (
            word.group().translate(_LOOKALIKE_TABLE) if _is_mixed(word.group()) else word.group()
        ),
        text,
    )


def mixed_script_words(text: str) -> list[str]:
    """The words of ``text`` that mix Cyrillic letters with Latin look-alikes."""
    return [word for word in _WORD.findall(text) if _is_mixed(word)]


def fold_case(text: str) -> str:
    """Lower-case ``text`` without changing its length ("İ" → "i", "ς" → "σ")."""
    if text.isascii():
        return text.lower()
    if "\u0130" in text:
        text = text.replace("\u0130", "I")
    return text.lower().replace("\u03c2", "\u03c3")


# fold_case on windows-1251 bytes (every lower-case form is in the encoding too).
_ONE_BYTE_LOWER = one_byte_table(fold_case)
# For the compiled pass: bit 1 marks a Latin look-alike, bit 2 a Cyrillic letter (the two
# classes of _ONE_BYTE_MIXED).
_ONE_BYTE_CLASSES = bytes(
    (character in LATIN_LOOKALIKES) | 2 * (character in _ONE_BYTE_CYRILLIC_CHARACTERS)
    for character in _ONE_BYTE_CHARACTERS
)


def normalise_pattern(words: Iterable[str]) -> str:
    """Normalise a term's words the way text is normalised, joined by single spaces."""
    text, _ = normalise(" ".join(words))
    return text.strip(" ")


def term_key(pattern: str, *, case_sensitive: bool = False) -> str:
    """Return the text a term stands for, as the matcher compares it.

    Each word is normalised as the matcher normalises it (a glob's ``*`` kept), the
    words joined by single spaces, and the result case-folded unless ``case_sensitive``.
    Two case-insensitive terms match the same texts exactly when their keys are equal.

    Examples
    --------
    >>> term_key("People\u2032s  Republic") == term_key("people's republic")
    True
    >>> term_key("DPR", case_sensitive=True)
    'DPR'
    """
    words = []
    for word in pattern.split():
        glob = word.endswith("*") and len(word) > 1
        words.append(normalise_pattern([word[:-1] if glob else word]) + ("*" if glob else ""))
    key = " ".join(words)
    return key if case_sensitive else fold_case(key)
