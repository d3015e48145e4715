"""Turn labels, headline sources and embedded posts: the shapes of a text that say who
speaks a stretch of it (``docs/voice.md``, "Speakers").

- **Turn labels**: a line that begins with a speaker and a colon ("Vladimir Putin:",
  "Question:", "Q:", "Answer:", "Вопрос:"). A text with two or more such lines is a
  transcript: each turn runs to the next label, across paragraphs. A single label
  ("Andriy Yermak: ...") covers its paragraph. A label counts as a speaker when it is a
  role ("Question", "Journalist", ...) or a name of two or more capitalised words; a
  one-word label ("Mariupol:", "Analysis:") only in a transcript or when it names the
  principal.
- **Headline sources**: "... - Zelensky", "..., - General Staff (date)" (a dash after a
  full stop is a credit line, not a source: ". — Ukrinform.").
- **Embedded posts**: "… — Name (@handle) May 9, 2022": the post's words (at most 280
  characters before the signature) are quoted, the speaker is Name.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from framing.voice._names import Principal


def _colons(text: str) -> list[int]:
    """The positions of the colons of ``text`` (str.find: a regex character class scans
    some thirty times slower)."""
    found = []
    for colon in (":", "\uff1a"):
        position = text.find(colon)
        while position >= 0:
            found.append(position)
            position = text.find(colon, position + 1)
    return sorted(found) if len(found) > 1 else found


_LABEL = re.compile(
    r"[^\S\n]*(?:[*_>#]+[^\S\n]*)?"
    r"(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}[^\S\n]+\d{1,2}:\d{2}[^\S\n]*[-\u2013\u2014][^\S\n]*)?"
    r"(?P<label>[^\W\d_][\w.'’\- ]{0,60}?)[^\S\n]*(?:[*_]+[^\S\n]*)?[:\uff1a]"
    r"(?=[^\S\n]|[*_\"“«„]|$)"
)
_LABEL_REACH = 90
_ROLES = frozenset(
    """question questions q answer a journalist reporter correspondent interviewer
    moderator host presenter anchor audience remark reply response interpreter
    вопрос ответ журналист ведущий питання відповідь журналіст ведучий""".split()
)
_ANSWERS = frozenset({"answer", "a", "ответ", "відповідь"})
_PARTICLES = frozenset("of the de da di du van von der den al bin ibn la le y".split())
_NOT_SPEAKERS = frozenset(
    """note notes update updated photo photos photograph picture pictures video videos watch
    read source sources breaking live exclusive opinion analysis explainer timeline summary
    warning correction context background details resources region fighting transcript
    factbox guests related tags topics share subscribe listen illustration composite map
    graphic caption credit credits contents figure chart disclaimer also today yesterday
    tomorrow monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december morning evening
    afternoon night update: key important please attention p.s ps""".split()
)
_NOT_SPEAKER_PHRASES = frozenset(
    {"read more", "see also", "top story", "key event", "key events", "editor's note",
     "sign up", "last thing", "first thing", "stat of the day", "climate check"}
)  # fmt: skip


_INSTITUTIONS = frozenset(
    """ministry office service council department head president prime minister chairman
    chairwoman chair secretary committee cabinet general governor mayor commander chief
    speaker embassy bank government administration parliament court prosecutor ambassador
    spokesperson spokesman spokeswoman director deputy leader king queen pope state united
    national security armed federal supreme people's commission organization organisation
    federation association foundation delegation mission coalition corporation""".split()
)
# Topic labels ("Shelling of Donetsk:", "Occupied Mariupol:", "Evacuation from Azovstal:")
# start with a verb form or an abstract noun.
_TOPIC_WORD = re.compile(r"\w+(?:ing|ed|tion|sion|ment|ness|ance|ence)", re.IGNORECASE)


def _label_kind(label: str) -> str | None:
    """ "role", "name" (two or more capitalised words), "word" (one) or None (not a speaker)."""
    words = label.split()
    if not words or len(words) > 6:
        return None
    lower = label.lower().strip()
    first = words[0].lower().rstrip(".")
    if first in _ROLES and (len(first) > 1 or len(words) == 1):
        return "role"
    # Every other speaker's words are capitalised (particles aside): the cheapest test
    # first, since most labels are topics ("Ukraine war:").
    for word in words:
        if not word[0].isupper() and word.lower() not in _PARTICLES:
            return None
    if lower in _NOT_SPEAKER_PHRASES or first in _NOT_SPEAKERS:
        return None
    if words[-1].lower() in _PARTICLES:
        return None
    if first not in _INSTITUTIONS and (
        _TOPIC_WORD.fullmatch(first) or any(word.lower() == "of" for word in words)
    ):
        return None  # a topic, not a speaker: "Occupation of Mariupol"
    capitals = sum(1 for word in words if word[0].isupper())
    return "name" if capitals >= 2 else "word"


class Turns:
    """The speaker turns of a text: ``starts`` (after the label), ``stops``, ``speakers``,
    whether the text is a transcript, and whether a turn is an "Answer" turn."""

    __slots__ = ("answers", "speakers", "starts", "stops", "transcript")

    def __init__(self, text: str, paragraph_ends: list[int], principal: Principal) -> None:
        found = []
        line = -1
        for position in _colons(text):  # a label is a colon near a line's start
            if position and text[position - 1].isdigit():
                continue  # a time (13:16), never a label
            # the line's start, looked for within reach (a text without line breaks and
            # with many colons would otherwise be read once per colon)
            reach = max(0, position - _LABEL_REACH - 1)
            start = text.rfind("\n", reach, position) + 1
            if start == 0 and reach > 0:
                continue  # the line starts farther back than a label can be long
            if start == line or position - start > _LABEL_REACH:
                continue
            line = start
            match = _LABEL.match(text, start, position + 2)
            if match is None or match.end() <= position:
                continue
            label = match.group("label").strip()
            kind = _label_kind(label)
            if kind is not None:
                found.append((match.start("label"), match.end(), label, kind))
        self.transcript = len(found) >= 2 and any(entry[3] != "word" for entry in found)
        if not self.transcript and found:
            found = [entry for entry in found if entry[3] != "word" or principal.matches(entry[2])]
        if not found:  # most texts with a colon: no speaker's label
            self.starts = self.speakers = self.answers = self.stops = []
            return
        self.starts = [entry[1] for entry in found]
        self.speakers = [entry[2] for entry in found]
        self.answers = [entry[2].lower().rstrip(".") in _ANSWERS for entry in found]
        if self.transcript:
            self.stops = [entry[0] for entry in found[1:]] + [len(text)]
        else:  # a single label covers its paragraph
            self.stops = [paragraph_ends[bisect_left(paragraph_ends, entry[1])] for entry in found]

    def at(self, position: int) -> int:
        """The turn holding ``position``, or -1."""
        index = bisect_right(self.starts, position) - 1
        if index >= 0 and position < self.stops[index]:
            return index
        return -1


# "... - Zelensky", "..., - General Staff (date)": a dash after a space, then a capitalised
# source up to a date, a guillemet, a full stop or the end. (The dash comes first, so that
# the regex scans for it at C speed.)
_DASH_SOURCE = re.compile(
    r"[-\u2013\u2014](?<=[^\S\n][-\u2013\u2014])[^\S\n]*"
    r"(?P<who>[A-Z@][\w’'\-]*(?:\.[A-Z][\w’'\-]*)*"
    r"(?:[^\S\n]+(?:[A-Z][\w’'\-]*|of|the|and|for)){0,5})"
    r"[^\S\n]*(?=\(\d|«|\.|$|\n)"
)
# A dash after a sentence end is a credit line (". — Ukrinform."), not a source.
_CLOSERS = "\"'”’»)] "
_POST = re.compile(
    r"[\u2014\u2013-][^\S\n]*(?P<who>[^\n()\u2014\u2013]{1,60}?)[^\S\n]*\(@\w{1,30}\)[^\S\n]*"
    r"(?:[A-Z][a-z]+\.?[^\S\n]+\d{1,2},[^\S\n]*\d{4}|\d{1,2}[^\S\n]+[A-Z][a-z]+[^\S\n]+\d{4})"
)
#: The words of an embedded post are at most this many characters before its signature.
POST_CHARS = 280
_SENTENCE_START = re.compile(r"[.!?]\s+")


def spaced_hyphen(text: str, start: int, stop: int) -> bool:
    """True when ``text[start:stop]`` has a hyphen after a space (one-character finds:
    memchr speed, where a search for " -" is some hundred times slower)."""
    found = text.find("-", start, stop)
    while found >= 0:
        if found > start and text[found - 1].isspace():
            return True
        found = text.find("-", found + 1, stop)
    return False


def dash_sources(text: str, start: int, stop: int) -> list[tuple[int, int, str]]:
    """``(from, to, source)`` of each "... - Source" in ``text[start:stop]``: the source
    of the sentence before the dash. A dash after a sentence end, or an em dash source
    with a full stop that ends the paragraph, is a credit line ("... — Ukrinform.")."""
    found: list[tuple[int, int, str]] = []
    if (
        text.find("\u2013", start, stop) < 0
        and text.find("\u2014", start, stop) < 0
        and not spaced_hyphen(text, start, stop)
    ):
        return found  # no dash after a space (the regex scan is slow; str.find is not)
    sentence = start  # the last sentence start, found by one pass over the paragraph
    scanned = start
    for match in _DASH_SOURCE.finditer(text, start, stop):
        dash = match.start()
        before = text[max(start, dash - 6) : dash].rstrip(_CLOSERS)
        if not before or before[-1] in ".!?…":
            continue
        after = match.end()
        if (
            text[dash] == "\u2014"
            and text[after : after + 1] == "."
            and not text[after + 1 : stop].strip()
        ):
            continue
        for end in _SENTENCE_START.finditer(text, scanned, dash):
            sentence = end.end()
        scanned = dash
        found.append((sentence, dash, match.group("who").strip()))
    return found


def embedded_posts(text: str, start: int, stop: int) -> list[tuple[int, int, str]]:
    """``(from, to, account)`` of each embedded post ("… — Name (@handle) May 9, 2022")."""
    if text.find("@", start, stop) < 0 or text.find("(@", start, stop) < 0:
        return []
    found = []
    for match in _POST.finditer(text, start, stop):
        begin = max(start, match.start() - POST_CHARS)
        if begin > start:
            sentence = _SENTENCE_START.search(text, begin, match.start())
            begin = sentence.end() if sentence else begin
        found.append((begin, match.start(), match.group("who").strip()))
    return found
