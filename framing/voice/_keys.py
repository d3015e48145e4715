"""Cue keys and speech verbs found by one automaton pass over a hit's window (or, for a
text with many hits, over the whole text once).

A window without a cue key holds no cue (``framing.voice._cues``) and one without a
speech verb no attribution, so most hits need no regex at all. One pass of a small
automaton over the window around a hit (both sides at once) is faster than testing the
keys one by one with ``in``, and than a pass for cues and another for verbs. The text is
not lower-cased (``str.lower`` of a text that is not ASCII costs some 8 ns a
character): the automaton holds each cue key in lower case, capitalised and in capitals
("so-called", "So-called", "SO-CALLED"; a cue written in another mix of cases is not
seen), and each speech verb as written and capitalised. Used only for texts without the
case traps of ``_cues.CASE_TRAPS``, which the Reader tests key by key.
"""

from __future__ import annotations

from bisect import bisect_left

from framing.voice._cues import AFTER_KEYS, BEFORE_KEYS, CYRILLIC_KEYS
from framing.voice._quotes import is_word
from framing.voice._speakers import SPEECH_WORDS, Verb

try:
    import ahocorasick_rs
except ImportError:  # pragma: no cover - depends on the environment
    ahocorasick_rs = None

#: Kinds of key, as bits: a key of a cue before the term, of a cue after it, a speech
#: verb (lower-cased; ``verbs`` checks the case as written).
BEFORE, AFTER, SPEECH = 1, 2, 4
_KINDS: dict[str, int] = {}


def _add(key: str, kind: int) -> None:
    _KINDS[key] = _KINDS.get(key, 0) | kind


for _key in BEFORE_KEYS + CYRILLIC_KEYS:
    for _form in (_key, _key.capitalize(), _key.upper()):
        _add(_form, BEFORE)
for _key in AFTER_KEYS:
    for _form in (_key, _key.capitalize(), _key.upper()):
        _add(_form, AFTER)
for _word in SPEECH_WORDS:
    _add(_word, SPEECH)
    _add(_word[:1].upper() + _word[1:], SPEECH)
KEYS = tuple(_KINDS)
KINDS = tuple(_KINDS.values())
AUTOMATON = ahocorasick_rs.AhoCorasick(list(KEYS)) if ahocorasick_rs is not None else None

Found = list[tuple[int, int, int]]


class KeyIndex:
    """The cue keys of a text (``(start, end, kind)``), found per window or once for all."""

    __slots__ = ("ends", "kinds", "starts", "text")

    def __init__(self, text: str, whole: bool) -> None:
        self.text = text
        self.starts: list[int] | None = None
        if whole:
            found = sorted(
                (start, end, KINDS[key])
                for key, start, end in AUTOMATON.find_matches_as_indexes(text, overlapping=True)
            )
            self.starts = [start for start, _, _ in found]
            self.ends = [end for _, end, _ in found]
            self.kinds = [kind for _, _, kind in found]

    def window(self, start: int, stop: int) -> Found:
        """``(start, end, kind)`` of each key inside ``text[start:stop]``."""
        if self.starts is None:
            return [
                (start + begin, start + end, KINDS[key])
                for key, begin, end in AUTOMATON.find_matches_as_indexes(
                    self.text[start:stop], overlapping=True
                )
            ]
        starts = self.starts
        index = bisect_left(starts, start)
        found = []
        while index < len(starts) and starts[index] < stop:
            if self.ends[index] <= stop:
                found.append((starts[index], self.ends[index], self.kinds[index]))
            index += 1
        return found


def verbs(text: str, found: Found, start: int, stop: int) -> list[Verb]:
    """The speech verbs among ``found`` inside ``text[start:stop]``: whole words, as
    written in lower case or capitalised ("the United States" holds no verb "states")."""
    result = []
    for begin, end, kind in found:
        if not kind & SPEECH or begin < start or end > stop:
            continue
        if (begin and is_word(text[begin - 1])) or (end < len(text) and is_word(text[end])):
            continue
        result.append(Verb(begin, end, text[begin:end]))
    return result


def has(found: Found, kind: int, start: int, stop: int) -> bool:
    """True when a key of ``kind`` lies inside ``[start, stop)``."""
    for begin, end, found_kind in found:
        if found_kind & kind and begin >= start and end <= stop:
            return True
    return False
