"""Whose voice a hit is in: the outlet's ``own``, someone ``quoted``, or ``distanced``.

A loaded term in an outlet's own voice is framing; the same term inside quotation marks,
or after "so-called" / "what the Kremlin calls", reports someone else's framing. Every
hit of :func:`framing.match` gets one of three voices, decided by the rules below (the
full list with an example each is in ``docs/voice.md``):

``distanced``
    The writer marks the term as someone else's, in their own words: a cue before it
    ("so-called", "self-proclaimed", "self-styled", "dubbed", "termed",
    "euphemistically", "quote-unquote", "what Moscow calls", "what the Kremlin has
    dubbed", "what Russian President Vladimir Putin calls" ...) ending at most three
    words before the term with no comma, colon, parenthesis or sentence end between,
    or a cue after it ("as Russia calls it", "as the Kremlin
    puts it", "in Moscow's parlance", "to use the Kremlin's term" ...) starting at most
    three words after it with no sentence end (. ! ? ;) between; always in the same
    paragraph. When the term is inside quotation marks, the cue counts only if it is
    outside them (so-called "special military operation").
``quoted``
    Otherwise, the term is inside quotation marks: "…", “…”, „…“, «…», ‹…›, or single
    quotes used as quotes ('…', ‘…’). A quotation may run across sentences, never across
    paragraphs. A double quotation left open runs to the paragraph's end (the
    newspaper convention for a quote spanning paragraphs); a single one left open does
    not count (it is more likely an apostrophe).
``own``
    Everything else.

Paragraphs are separated by blank lines when the text has any, else by line breaks.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

try:  # finds the cue keys of a whole text in one pass (see _Reader)
    import ahocorasick_rs
except ImportError:  # pragma: no cover - depends on the environment
    ahocorasick_rs = None

VOICES: tuple[str, ...] = ("own", "quoted", "distanced")

_DASH = r"[\s\-\u2010-\u2015\u2212]*"
_CALLS = (
    r"(?:calls?|called|has\s+called|have\s+called|is\s+calling|are\s+calling"
    r"|terms?|termed|has\s+termed|dubs?|dubbed|has\s+dubbed|describes?\s+as|described\s+as"
    r"|refers?\s+to\s+as|referred\s+to\s+as|labels?|label{1,2}ed|brands?|branded"
    r"|insists?\s+on\s+calling|prefers?\s+to\s+call|likes?\s+to\s+call)"
)
_CUE_BEFORE = re.compile(
    rf"""\b(?:
        so{_DASH}called
      | self{_DASH}(?:proclaimed|styled|declared|described|appointed)
      | dubbed | termed | euphemistically
      | quote{_DASH}unquote
      | what\s+(?:[\w'’.\-]+\s+){{0,4}}?{_CALLS}
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
_OWNER = (
    r"(?:the\s+)?(?:kremlin|moscow|russia|putin|russian\s+(?:officials|authorities|government))"
)
_CUE_AFTER = re.compile(
    rf"""\b(?:
        as\s+(?:[\w'’.\-]+\s+){{1,5}}?(?:{_CALLS}|puts?|put)\s+(?:it|them)\b
      | in\s+{_OWNER}(?:['’]s)?\s+(?:words|parlance|terminology|phrase|phrasing|jargon|language)\b
      | to\s+use\s+{_OWNER}['’]s\s+(?:words|term|phrase|euphemism|language)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# Every cue holds one of these pieces in a literal part of its pattern, so a window
# of text without one cannot hold a cue: a cheap test before the cue regexes (same
# flags, same text, so it never rejects a window a cue regex would accept).
_CUE_KEYS = ("call", "self", "dub", "term", "euphemis", "quote", "describ", "refer", "label")
_CUE_KEYS += ("brand", "put", "parlance", "words", "phras", "jargon", "language")
_CUE_KEY = re.compile("|".join(_CUE_KEYS), re.IGNORECASE)
# The only non-ASCII characters that re.IGNORECASE equates with an ASCII letter (İ ı ſ
# and the Kelvin sign K; tested). A window without them can be lower-cased and searched
# with plain ``in``, which is several times faster than a case-insensitive regex.
_CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")
# A text with at least this many hits has its cue keys found once, in one pass of a
# small automaton over the lower-cased text (about 12 us for 600 words); each window
# test is then a bisect. With fewer hits the per-window test (about 2.5 us) is cheaper.
_KEYS_ONCE_FROM = 4
_CUE_KEY_AUTOMATON = (
    ahocorasick_rs.AhoCorasick(list(_CUE_KEYS)) if ahocorasick_rs is not None else None
)
_CUE_KEY_LENGTHS = tuple(len(key) for key in _CUE_KEYS)
_SHORTEST_KEY = min(_CUE_KEY_LENGTHS)


def _may_hold_cue(text: str, start: int, stop: int, traps: bool = True) -> bool:
    """False only when ``text[start:stop]`` holds no cue key (then it holds no cue).

    ``traps=False`` says the text holds none of ``_CASE_TRAPS`` (checked once per text).
    """
    if traps and _CASE_TRAPS.search(text, start, stop):
        return _CUE_KEY.search(text, start, stop) is not None
    window = text[start:stop].lower()
    for key in _CUE_KEYS:  # a plain loop: faster than any() over a generator here
        if key in window:
            return True
    return False


# Characters of text read on each side of a hit when looking for a cue.
_REACH = 160
#: At most this many words between a cue and the term.
CUE_GAP_WORDS = 3
_SENTENCE_END = re.compile(r"[.!?;]")
# A cue before the term qualifies the phrase it starts; a comma or colon ends that phrase.
_PHRASE_END = re.compile(r"[.!?;:,()\[\]]")
_WORD = re.compile(r"\w+(?:['’\-\u2010\u2011]\w+)*")
_SINGLE_OPENERS = "\u2018\u201a\u2039"
_SINGLE = "'\u2018\u2019\u201a\u201b\u2039\u203a"
# A single mark between two word characters is an apostrophe (don't, Kiev’s) and is
# skipped by _quotations_in; the look-arounds leave those out here already (``\w`` is
# ``_is_word``), so the Python loop sees only marks that may open or close a quotation.
# (The mark's character class comes first, so that the regex scans for it at C speed.)
_QUOTE_MARKS = re.compile(
    f'["\u201c\u201d\u201e\u201f\u00ab\u00bb{_SINGLE}](?!(?<=\\w[{_SINGLE}])\\w)'
)
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_LINE_BREAK = re.compile(r"[\n\r\u2028\u2029]+")


def quotations(text: str) -> list[tuple[int, int]]:
    """Return the quotations of ``text`` as ``(opening mark, closing mark)`` positions.

    A hit between the two positions is quoted. A double quotation left open at the end
    of its paragraph closes there.

    Examples
    --------
    >>> text = 'He said “the Kiev regime”. Then nothing.'
    >>> [text[a : b + 1] for a, b in quotations(text)]
    ['“the Kiev regime”']
    """
    found: list[tuple[int, int]] = []
    for start, end in _paragraphs(text):
        found.extend(_quotations_in(text, start, end))
    return sorted(found)


def classify(text: str, start: int, end: int) -> str:
    """Return the voice of the hit ``text[start:end]``: "own", "quoted" or "distanced".

    Examples
    --------
    >>> text = "Russia's so-called special military operation"
    >>> start = text.index("special")
    >>> classify(text, start, start + len("special military operation"))
    'distanced'
    >>> text = "He called it a 'special military operation'."
    >>> start = text.index("special")
    >>> classify(text, start, start + len("special military operation"))
    'quoted'
    >>> classify("The special military operation goes on.", 4, 30)
    'own'
    """
    return _Reader(text).classify(start, end)


class _Reader:
    """Classifies many hits in one text. Paragraphs are found once per text, quotations
    once per paragraph that holds a hit, cues only in the windows around a hit (most
    windows fail the cheap ``_may_hold_cue`` test)."""

    def __init__(self, text: str, hits: int = 1) -> None:
        self.text = text
        self.paragraphs = _paragraphs(text)
        self.paragraph_starts = [start for start, _ in self.paragraphs]
        self._quotations: dict[int, list[tuple[int, int]]] = {}
        self._traps = not text.isascii() and _CASE_TRAPS.search(text) is not None
        # Where each cue key starts and ends in the text, when found once for all hits.
        # Only without case traps: then ``text.lower()`` keeps every offset ("İ" is the
        # one character whose lower case is two) and equals what re.IGNORECASE sees.
        self._key_starts: list[int] | None = None
        if hits >= _KEYS_ONCE_FROM and not self._traps and _CUE_KEY_AUTOMATON is not None:
            found = sorted(
                (start, end)
                for _, start, end in _CUE_KEY_AUTOMATON.find_matches_as_indexes(
                    text.lower(), overlapping=True
                )
            )
            self._key_starts = [start for start, _ in found]
            self._key_ends = [end for _, end in found]

    def _may_hold_cue(self, start: int, stop: int) -> bool:
        """False only when ``text[start:stop]`` holds no cue key (see ``_may_hold_cue``)."""
        starts = self._key_starts
        if starts is None:
            return _may_hold_cue(self.text, start, stop, self._traps)
        index = bisect_left(starts, start)
        last = stop - _SHORTEST_KEY
        ends = self._key_ends
        while index < len(starts) and starts[index] <= last:
            if ends[index] <= stop:
                return True
            index += 1
        return False

    def classify(self, start: int, end: int) -> str:
        number = bisect_right(self.paragraph_starts, start) - 1
        paragraph_start, paragraph_end = self.paragraphs[number]
        quotes = self._quotations.get(number)
        if quotes is None:
            quotes = _quotations_in(self.text, paragraph_start, paragraph_end)
            self._quotations[number] = quotes
        quote = None
        for found in quotes:
            if found[0] < start < found[1]:
                quote = found
                break
        # A cue counts only outside the quotation that holds the term.
        before_limit = quote[0] if quote else start
        after_limit = quote[1] + 1 if quote else end
        if self._cue_before(paragraph_start, before_limit, start) or self._cue_after(
            after_limit, end, paragraph_end
        ):
            return "distanced"
        return "quoted" if quote else "own"

    def _cue_before(self, paragraph_start: int, limit: int, start: int) -> bool:
        window_start = max(paragraph_start, limit - _REACH)
        if not self._may_hold_cue(window_start, limit):
            return False
        last = None
        for last in _CUE_BEFORE.finditer(self.text, window_start, limit):  # noqa: B007
            pass
        return last is not None and _close_enough(self.text[last.end() : start], _PHRASE_END)

    def _cue_after(self, limit: int, end: int, paragraph_end: int) -> bool:
        stop = min(paragraph_end, limit + _REACH)
        if not self._may_hold_cue(limit, stop):
            return False
        cue = _CUE_AFTER.search(self.text, limit, stop)
        return cue is not None and _close_enough(self.text[end : cue.start()], _SENTENCE_END)


def _close_enough(gap: str, stop: re.Pattern[str]) -> bool:
    return not stop.search(gap) and len(_WORD.findall(gap)) <= CUE_GAP_WORDS


def voices(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """Return the voice of each ``(start, end)`` hit in ``text``.

    Examples
    --------
    >>> voices('“Kiev regime,” he said; the so-called Kiev regime.', [(1, 12), (38, 49)])
    ['quoted', 'distanced']
    """
    if not spans:
        return []
    reader = _Reader(text, len(spans))
    return [reader.classify(start, end) for start, end in spans]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE_BREAK
    bounds = []
    previous = 0
    for found in separator.finditer(text):
        bounds.append((previous, found.start()))
        previous = found.end()
    bounds.append((previous, len(text)))
    return bounds


def _is_word(character: str) -> bool:
    return character.isalnum() or character == "_"


# The marks that close a double quotation, by its opening mark.
_CLOSING = {
    '"': '"',
    "\u201c": '\u201d\u201c"',
    "\u201e": '\u201c\u201d"',
    "\u201f": '\u201d"',
    "\u00ab": "\u00bb",
    "\u201d": '\u201d"',
}


def _quotations_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    double_open: tuple[int, str] | None = None
    single_open: int | None = None
    for mark in _QUOTE_MARKS.finditer(text, start, end):
        position = mark.start()
        character = mark.group()
        before = text[position - 1] if position > start else " "
        after = text[position + 1] if position + 1 < end else " "
        word_before, word_after = _is_word(before), _is_word(after)
        if character in _SINGLE:
            if word_before and word_after:
                continue  # an apostrophe: don't, Kiev’s
            opens = not word_before and not after.isspace() and character not in "\u203a"
            closes = (
                not before.isspace() and not word_after and character not in "\u2018\u201a\u2039"
            )
            if single_open is not None and closes:
                found.append((single_open, position))
                single_open = None
            elif single_open is None and opens:
                single_open = position
            continue
        if double_open is not None:
            opener = double_open[1]
            closing = _CLOSING.get(opener, "")
            if character in closing:
                found.append((double_open[0], position))
                double_open = None
            continue
        if character in "\u201d\u00bb" and (word_before or not word_after):
            continue  # a stray closing mark
        double_open = (position, character)
    if double_open is not None:
        found.append((double_open[0], end))
    return found
