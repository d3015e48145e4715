"""Cue keys and speech verbs found by one automaton pass over a hit's window (or, for a
text with many hits, over the whole text once).

A window without a cue key holds no cue (``framing.voice._cues``) and one without a
speech verb no attribution, so most hits need no regex at all. One pass of a small
automaton over the lower-cased window around a hit (both sides at once) is faster than
testing the keys one by one with ``in``, and than a pass for cues and another for
verbs. The automaton holds the cue keys and, for speech verbs, short pieces of them
(``_speakers.SPEECH_KEYS``: "said", "told", "accus", ...; the whole verbs make an
automaton three times slower); a piece is then checked by the speech-verb regex at the
start of its word. Used only for texts without the case traps of ``_cues.CASE_TRAPS``:
then ``str.lower`` keeps every offset and equals what ``re.IGNORECASE`` sees.

Where the optional extension ``framing/voice/_keys_kernel.c`` is built, the same search
runs in C over the window where it lies (no lower-case copy): about a third of the
automaton's time a window. The automaton stays the reference of the tests.
"""

from __future__ import annotations

from bisect import bisect_left

from framing.voice._cues import AFTER_KEYS, BEFORE_KEYS, CYRILLIC_KEYS
from framing.voice._quotes import is_word
from framing.voice._speakers import CYRILLIC_SPEECH_KEYS, SPEECH, SPEECH_KEYS, Verb

try:
    import ahocorasick_rs
except ImportError:  # pragma: no cover - depends on the environment
    ahocorasick_rs = None
try:  # the same search in C (framing/voice/_keys_kernel.c); tests compare the two
    from framing.voice import _keys_kernel
except ImportError:  # pragma: no cover - the extension is optional
    _keys_kernel = None

#: Kinds of key, as bits: a key of a cue before the term, of a cue after it, a piece of
#: a speech verb.
BEFORE, AFTER, SPEECH_PIECE = 1, 2, 4
_KINDS: dict[str, int] = {}


def _add(key: str, kind: int) -> None:
    _KINDS[key] = _KINDS.get(key, 0) | kind


for _key in BEFORE_KEYS + CYRILLIC_KEYS:
    _add(_key, BEFORE)
for _key in AFTER_KEYS:
    _add(_key, AFTER)
for _key in SPEECH_KEYS + CYRILLIC_SPEECH_KEYS:
    _add(_key, SPEECH_PIECE)
KEYS = tuple(_KINDS)
KINDS = tuple(_KINDS.values())
# A DFA: same matches as the default (a contiguous NFA for this many keys) in half the
# time on a hit's window (about 2 against 4 us for 330 characters, measured on the
# synthetic benchmark corpus), which is most of a common hit's voice time.
AUTOMATON = (
    ahocorasick_rs.AhoCorasick(list(KEYS), implementation=ahocorasick_rs.Implementation.DFA)
    if ahocorasick_rs is not None
    else None
)

# The kernel's copy of the keys (None without the kernel: the automaton then).
_TABLE = _keys_kernel.table(KEYS, KINDS) if _keys_kernel is not None else None

Found = list[tuple[int, int, int]]


def keys_in(text: str, start: int, stop: int) -> Found:
    """``(start, end, kind)`` of each key wholly inside ``text[start:stop]`` (``start``
    not negative), found in its lower case, overlapping ones included, in the order of
    their starts, then ends. Only for a text without the case traps (see the module's
    docstring)."""
    if _TABLE is not None:
        return _keys_kernel.window(text, start, stop, _TABLE)
    return _keys_in(text, start, stop)


def _keys_in(text: str, start: int, stop: int) -> Found:
    """:func:`keys_in` by the key automaton (the reference of the compiled search)."""
    return sorted(
        (start + begin, start + end, KINDS[key])
        for key, begin, end in AUTOMATON.find_matches_as_indexes(
            text[start:stop].lower(), overlapping=True
        )
    )


class KeyIndex:
    """The keys of a text (``(start, end, kind)``), found per window or once for all."""

    __slots__ = ("ends", "kinds", "starts", "text")

    def __init__(self, text: str, whole: bool) -> None:
        self.text = text
        self.starts: list[int] | None = None
        if whole:
            found = keys_in(text, 0, len(text))
            self.starts = [start for start, _, _ in found]
            self.ends = [end for _, end, _ in found]
            self.kinds = [kind for _, _, kind in found]

    def window(self, start: int, stop: int) -> Found:
        """``(start, end, kind)`` of each key inside ``text[start:stop]``, in the order
        of their starts, then ends (the same either way the keys were found)."""
        if self.starts is None:
            return keys_in(self.text, start, stop)
        starts = self.starts
        index = bisect_left(starts, start)
        found = []
        while index < len(starts) and starts[index] < stop:
            if self.ends[index] <= stop:
                found.append((starts[index], self.ends[index], self.kinds[index]))
            index += 1
        return found


def verbs(text: str, found: Found, start: int, stop: int) -> list[Verb]:
    """The speech verbs of ``text[start:stop]``, from the pieces among ``found``: the
    speech-verb regex at the start of each piece's word (whole words, as written)."""
    result: list[Verb] = []
    seen = -1
    for begin, _, kind in found:
        # Every piece begins its verb (or the second word of "по словам"), so a piece
        # inside a word ("address", "basket") is no verb.
        if not kind & SPEECH_PIECE or begin < start or begin >= stop:
            continue
        if begin and is_word(text[begin - 1]):
            continue
        word = begin
        if word <= seen:
            continue
        seen = word
        match = SPEECH.match(text, word)
        if match is None:  # the second word of "по словам", "за даними"
            previous = word - 1
            while previous > start and text[previous - 1].isspace():
                previous -= 1
            while previous > 0 and is_word(text[previous - 1]):
                previous -= 1
            if start <= previous < word - 1:
                match = SPEECH.match(text, previous)
        if match is not None and begin < match.end() <= stop:
            result.append(Verb(match.start(), match.end(), match.group()))
    result.sort(key=Verb.start)
    return result


def has_speech(text: str, found: Found, start: int, stop: int) -> bool:
    """False only when ``text[start:stop]`` holds no speech verb: no piece of one that
    begins a word."""
    for begin, _, kind in found:
        if (
            kind & SPEECH_PIECE
            and start <= begin < stop
            and not (begin and is_word(text[begin - 1]))
        ):
            return True
    return False


def starts_of(found: Found, kind: int, start: int, stop: int) -> list[int]:
    """The starts of the keys of ``kind`` that lie inside ``[start, stop)``, in order."""
    return [
        begin
        for begin, end, found_kind in found
        if found_kind & kind and begin >= start and end <= stop
    ]


def has(found: Found, kind: int, start: int, stop: int) -> bool:
    """True when a key of ``kind`` lies inside ``[start, stop)``."""
    for begin, end, found_kind in found:
        if found_kind & kind and begin >= start and end <= stop:
            return True
    return False
