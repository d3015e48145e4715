"""Paragraphs and quotation marks: which stretches of a paragraph are inside quotations.

The marks of a paragraph are paired in one pass with a stack (each mark is pushed and
popped at most once, so the time is linear in the number of marks), and a hit finds the
quotation around it by a bisect and a walk up the nesting (at most its depth).
"""

from __future__ import annotations

import re
from bisect import bisect_left

try:  # the same two steps in C (framing/voice/_quotes_kernel.c); tests compare the two
    from framing.voice import _quotes_kernel
except ImportError:  # pragma: no cover - the extension is optional
    _quotes_kernel = None

#: A “ or " quotation still open at its paragraph's end (the newspaper convention for a
#: quotation that goes on in the next paragraph) ends there, or this many characters
#: after its opening mark if that comes first (extended to the last quotation closed
#: inside it). Any other mark left open (' ‘ « „ ‹) quotes nothing.
UNCLOSED_QUOTE_CHARS = 1000

_DOUBLE, _SINGLE, _ANGLE, _SINGLE_ANGLE = range(4)
_FAMILY = {
    '"': _DOUBLE,
    "\u201c": _DOUBLE,  # “
    "\u201d": _DOUBLE,  # ”
    "\u201e": _DOUBLE,  # „
    "\u201f": _DOUBLE,  # ‟
    "'": _SINGLE,
    "\u2018": _SINGLE,  # ‘
    "\u2019": _SINGLE,  # ’
    "\u201a": _SINGLE,  # ‚
    "\u201b": _SINGLE,  # ‛
    "\u00ab": _ANGLE,  # «
    "\u00bb": _ANGLE,  # »
    "\u2039": _SINGLE_ANGLE,  # ‹
    "\u203a": _SINGLE_ANGLE,  # ›
}
_SINGLES = "'\u2018\u2019\u201a\u201b"
# A single mark between two word characters is an apostrophe (don't, Kiev’s): the
# look-arounds leave those out, so the loop sees only marks that may open or close a
# quotation. (The character class comes first, so that the regex scans for it at C speed.)
_QUOTE_MARKS = re.compile(
    f'["\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a{_SINGLES}](?!(?<=\\w[{_SINGLES}])\\w)'
)
# The characters an unclosed quotation may be opened by and still run to the paragraph's end.
_RUNS_ON = '"\u201c'
_GLUED_REACH = 40
_CLOSING_PUNCTUATION = ",.;:!?)]}\u2026"
_SENTENCE_ENDS = ".!?\u2026"
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_LINE_BREAK = re.compile(r"[\n\r\u2028\u2029]+")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph: blank lines separate them when the text has
    any, else line breaks."""
    if _quotes_kernel is not None:
        return _quotes_kernel.paragraphs(text)
    return _paragraphs(text)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """:func:`paragraphs` in Python (the reference of the compiled one)."""
    if "\n" not in text and "\r" not in text and "\u2028" not in text and "\u2029" not in text:
        return [(0, len(text))]
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE_BREAK
    bounds = []
    previous = 0
    for found in separator.finditer(text):
        bounds.append((previous, found.start()))
        previous = found.end()
    bounds.append((previous, len(text)))
    return bounds


def is_word(character: str) -> bool:
    return character.isalnum() or character == "_"


class Quotes:
    """The quotations of one paragraph, in order of their opening marks.

    ``starts[i]`` is the opening mark, ``ends[i]`` the closing mark (or, for a quotation
    left open, the position where it stops), ``closed[i]`` whether a mark closed it and
    ``parents[i]`` the quotation it is nested in (-1 for none).
    """

    __slots__ = ("closed", "ends", "parents", "starts")

    def __init__(self, found: list[tuple[int, int, bool]]) -> None:
        found.sort(key=lambda quote: (quote[0], -quote[1]))
        self.starts = [quote[0] for quote in found]
        self.ends = [quote[1] for quote in found]
        self.closed = [quote[2] for quote in found]
        # The quotations are nested (pairs come off a stack), so a sweep finds parents.
        parents: list[int] = []
        open_ones: list[int] = []
        for index, end in enumerate(self.ends):
            while open_ones and end > self.ends[open_ones[-1]]:
                open_ones.pop()
            parents.append(open_ones[-1] if open_ones else -1)
            open_ones.append(index)
        self.parents = parents

    def around(self, position: int) -> int:
        """The innermost quotation with ``start < position < end``, or -1."""
        index = bisect_left(self.starts, position) - 1
        ends, parents = self.ends, self.parents
        while index >= 0 and position >= ends[index]:
            index = parents[index]
        return index

    def outermost(self, index: int) -> int:
        parents = self.parents
        while parents[index] >= 0:
            index = parents[index]
        return index


NO_QUOTES = Quotes([])


def pair_quotes(text: str, start: int, end: int) -> Quotes:
    """Pair the quotation marks of the paragraph ``text[start:end]`` (one pass, a stack).

    A mark opens or closes by its character and its place: “ „ « ‘ ‚ open, ” » ’ close,
    a straight " or ' opens before a word and closes after one; a closing mark closes
    the nearest open quotation of its kind (double: " “ ” „ ‟ in any mix; single;
    « »; ‹ ›), dropping the marks left open inside it. A single mark glued to the end
    of a word whose opening mark is glued to the word before (this'war') pairs with it.
    """
    if _quotes_kernel is not None:
        found = _quotes_kernel.quotes(text, start, end, UNCLOSED_QUOTE_CHARS, _GLUED_REACH)
    else:
        found = _marks(text, start, end)
    return Quotes(found) if found else NO_QUOTES


def _marks(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """The ``(opening, closing, closed)`` of each quotation of ``text[start:end]``, in
    the order :func:`pair_quotes` finds them, in Python (the reference of the compiled
    pairing)."""
    found: list[tuple[int, int, bool]] = []
    stack: list[tuple[int, str, int]] = []
    counts = [0, 0, 0, 0]
    tops: list[list[str]] = [[], [], [], []]  # the open marks of each kind, innermost last
    last_close = -1
    for mark in _QUOTE_MARKS.finditer(text, start, end):
        position = mark.start()
        character = mark.group()
        family = _FAMILY[character]
        before = text[position - 1] if position > start else " "
        after = text[position + 1] if position + 1 < end else " "
        word_before = before.isalnum() or before == "_"
        opens = not after.isspace() and after not in _CLOSING_PUNCTUATION and not word_before
        closes = (
            not before.isspace() and before not in "([{" and not (after.isalnum() or after == "_")
        )
        if character in "\u201e\u201a\u201f\u201b":
            action = 1
        elif character in "\u201c\u2018":  # English openers; German and Russian closers
            action = 2 if counts[family] and closes and not opens else 1
            if action == 1 and character == "\u201c" and _goes_on(text, start, position, stack):
                action = 4
        elif character in "\u201d\u2019\u00bb\u203a":
            action = 2 if counts[family] else (1 if opens else 3)
        elif character in "\u00ab\u2039":  # closes only in the reversed »…« style
            top = tops[family][-1] if tops[family] else ""
            action = 2 if top and top in "\u00bb\u203a" and closes and not opens else 1
        elif character == '"':
            if counts[family] and opens and not closes:
                # An opening shape: after a comma a closing mark spaced wrongly (long-term,
                # "said Yermak), after a full stop the next quoted paragraph, else a
                # nested quotation (He said "war" today).
                previous = _previous_character(text, start, position)
                if previous in ",;":
                    action = 2
                else:
                    action = 4 if _goes_on(text, start, position, stack) else 1
            elif counts[family]:
                action = 2
            else:  # a closing shape with nothing open is stray; any other shape opens
                action = 0 if closes and not opens else 1
        else:  # a straight single mark, not between two letters
            action = 2 if counts[family] and closes else (1 if opens else 3)
        if action == 4:  # the quotation goes on: “A. “B.” is “A. and “B.” (see _goes_on)
            opening = stack.pop()
            found.append((opening[0], position, True))
            last_close = position
            action = 1
            counts[family] -= 1
            tops[family].pop()
        if action == 1:
            stack.append((position, character, family))
            counts[family] += 1
            tops[family].append(character)
        elif action == 2:
            while stack[-1][2] != family:
                dropped = stack.pop()[2]
                counts[dropped] -= 1
                tops[dropped].pop()
            opening = stack.pop()
            counts[family] -= 1
            tops[family].pop()
            found.append((opening[0], position, True))
            last_close = position
        elif action == 3 and family == _SINGLE and closes:
            glued = _glued_opening(text, start, position)
            if glued is not None:
                found.append((glued, position, True))
                last_close = position
    for position, character, _ in stack:  # the outermost first
        if character in _RUNS_ON:
            stop = max(position + UNCLOSED_QUOTE_CHARS, last_close + 1)
            found.append((position, min(end, stop), False))
            break
    return found


def _goes_on(text: str, start: int, position: int, stack: list[tuple[int, str, int]]) -> bool:
    """True when the opening “ or " at ``position`` follows a sentence end while a “ or "
    quotation is open on top: paragraphs of one quotation run together (each opens with
    a mark and only the last closes), so the open quotation ends here and a new one
    opens."""
    return (
        bool(stack)
        and stack[-1][1] in _RUNS_ON
        and _previous_character(text, start, position) in _SENTENCE_ENDS
    )


def _previous_character(text: str, start: int, position: int) -> str:
    """The last character before ``position`` that is not a space ("" if none)."""
    index = position - 1
    while index >= start and text[index].isspace():
        index -= 1
    return text[index] if index >= start else "\x00"


def _glued_opening(text: str, start: int, position: int) -> int | None:
    """The opening mark of a quotation glued to the word before it (this'war'), or None.

    ``text[position]`` is a single mark after a word with no single quotation open.
    """
    index = position - 1
    limit = max(start, position - _GLUED_REACH)
    while index >= limit and is_word(text[index]):
        index -= 1
    if index < limit or position - index - 1 < 2:  # no word, or one letter (don't')
        return None
    if text[index] not in _SINGLES or index == start or not is_word(text[index - 1]):
        return None
    return index
