"""Distancing cues ("so-called", "what Moscow calls", "as the Kremlin puts it") and their scope.

A cue before a term reaches the phrase it modifies: at most ``CUE_GAP_WORDS`` words
between them (``ADVERB_GAP_WORDS`` after an adverb such as "allegedly"), none of them a
clause mark (, ; : . ! ? ( ) [ ] – —), a preposition, a conjunction or a verb of being
("so-called mobilization in the occupied regions" does not reach "occupied"). Names
joined by "and" / "or" share the cue ("the so-called DPR and LPR"). A term that only
modifies the next word of the phrase (Luhansk in "the so-called Luhansk People's
Republic", separatist in "self-styled separatist administration") is not distanced: the
cue is about the whole name. A cue after a term starts at most ``CUE_GAP_WORDS`` words
after it, in the same sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

try:  # finds the cue keys of a whole text in one pass (see Reader)
    import ahocorasick_rs
except ImportError:  # pragma: no cover - depends on the environment
    ahocorasick_rs = None

#: At most this many words between a cue and the term.
CUE_GAP_WORDS = 3
#: At most this many words between an adverb cue (allegedly, purportedly, supposedly,
#: ostensibly, якобы, нібито) and the term: an adverb qualifies the next word or phrase.
ADVERB_GAP_WORDS = 1

_DASH = r"[\s\-\u2010-\u2015\u2212]*"
_NAMING = (
    r"calls?|called|calling|terms?|termed|dubs?|dubbed|describes?\s+as|described\s+as"
    r"|refers?\s+to\s+as|referred\s+to\s+as|labels?|label{1,2}ed|brands?|branded"
    r"|insists?\s+on\s+calling|prefers?\s+to\s+call|likes?\s+to\s+call"
    # "what it veils as its 'special military operation'": verbs of presenting + as
    r"|(?:veil|frame|portray|present|characteri[sz]e|bill|cast|style|spin|sell|package"
    r"|disguise|mask|market|tout|pass(?:e)?\s+off|justif(?:y|ie))(?:s|d|ed|es)?\s+as"
    r"|spun\s+as|sold\s+as|cast\s+as"
)
_CALLS = rf"(?:(?:has|have|had|is|are|was|were)\s+)?(?:{_NAMING})"
# The verbs of a cue after the term: "as Russia calls it", "as the Kremlin frames it".
_AFTER_VERBS = (
    r"calls?|called|has\s+called|have\s+called|terms?|termed|dubs?|dubbed|describes?|described"
    r"|refers?\s+to|referred\s+to|labels?|label{1,2}ed|brands?|branded|puts?"
    r"|frames?|framed|portrays?|portrayed|characteri[sz]es?|characteri[sz]ed"
)
_ADVERBS = r"allegedly|purportedly|supposedly|ostensibly|якобы|нібито"
_CUE_BEFORE = re.compile(
    rf"""(?<!\w)(?:
        so{_DASH}called | так\s+называем\w* | так\s+зван\w*
      | self{_DASH}(?:proclaimed|styled|declared|described|appointed)
      | самопровозгла[шс]\w* | самопроголош\w* | мним\w*
      | dubbed | termed | euphemistically
      | quote{_DASH}unquote | quote,?\s+unquote
      | alleged | purported | supposed(?!\s+to\b) | would[\-\u2010\u2011]be | pseudo{_DASH}
      | (?P<adverb>{_ADVERBS})
      | what\s+(?:[\w'’.\-]+\s+){{0,4}}?{_CALLS}
    )(?!\w)""",
    re.IGNORECASE | re.VERBOSE,
)
_OWNER = (
    r"(?:the\s+)?(?:kremlin|moscow|russia|putin|russian\s+(?:officials|authorities|government))"
)
_CUE_AFTER = re.compile(
    rf"""\b(?:
        as\s+(?:[\w'’.\-]+\s+){{1,5}}?(?:{_AFTER_VERBS})\s+(?:it|them)\b
      | in\s+{_OWNER}(?:['’]s)?\s+(?:words|parlance|terminology|phrase|phrasing|jargon|language)\b
      | to\s+use\s+{_OWNER}['’]s\s+(?:words|term|phrase|euphemism|language)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# Every cue holds one of these pieces in a literal part of its pattern, so a window
# of text without one cannot hold a cue: a cheap test before the cue regexes (same
# flags, same text, so it never rejects a window a cue regex would accept). The keys of
# cues before a term and after it are tested apart; the Cyrillic ones only in texts
# that are not ASCII.
BEFORE_KEYS = ("call", "self", "dub", "term", "euphemis", "quote", "alleged", "purport")
BEFORE_KEYS += ("suppos", "ostensib", "would", "pseudo", "what")
AFTER_KEYS = ("call", "term", "dub", "describ", "refer", "label", "brand", "put", "frame")
AFTER_KEYS += ("portray", "characteri", "parlance", "words", "phras", "jargon", "language")
AFTER_KEYS += ("euphemis",)
CYRILLIC_KEYS = ("так", "якобы", "нібито", "мним", "самопро")
CUE_KEYS = tuple(dict.fromkeys(BEFORE_KEYS + AFTER_KEYS + CYRILLIC_KEYS))
_CUE_KEY = re.compile("|".join(CUE_KEYS), re.IGNORECASE)
# The only non-ASCII characters that re.IGNORECASE equates with an ASCII letter (İ ı ſ
# and the Kelvin sign K; tested). A window without them can be lower-cased and searched
# with plain ``in``, which is several times faster than a case-insensitive regex.
CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")
CUE_KEY_AUTOMATON = (
    ahocorasick_rs.AhoCorasick(list(CUE_KEYS)) if ahocorasick_rs is not None else None
)
SHORTEST_KEY = min(len(key) for key in CUE_KEYS)


def may_hold_cue(
    text: str, start: int, stop: int, traps: bool = True, keys: tuple[str, ...] = CUE_KEYS
) -> bool:
    """False only when ``text[start:stop]`` holds none of ``keys`` (then it holds no cue
    whose keys they are).

    ``traps=False`` says the text holds none of ``CASE_TRAPS`` (checked once per text).
    """
    if traps and CASE_TRAPS.search(text, start, stop):
        return _CUE_KEY.search(text, start, stop) is not None
    window = text[start:stop].lower()
    for key in keys:  # a plain loop: faster than any() over a generator here
        if key in window:
            return True
    return False


# Characters of text read on each side of a hit when looking for a cue.
REACH = 160
_SENTENCE_END = re.compile(r"[.!?;]")
# A cue before the term qualifies the phrase it starts; these end that phrase.
_PHRASE_END = re.compile(r"[.!?;:,()\[\]\u2013\u2014]")
_WORD = re.compile(r"\w+(?:['’\-\u2010\u2011]\w+)*")
# Words that end the phrase a cue modifies: prepositions, conjunctions, relative words
# and verbs of being or saying ("so-called mobilization in the occupied regions").
_PHRASE_STOPS = frozenset(
    """in of on at for from by with to into onto near over under between against across
    within without after before during since until through throughout around about toward
    towards outside inside along among amid behind beyond via per
    and or but nor that which who whom whose where when while because as if than though
    although is are was were be been being has have had will would can could should may
    might must do does did said says
    в во на из с со по у за о об от до для при и или но что который которая которые
    з із та і й або але що який яка які""".split()
)
_AND = frozenset({"and", "or", "&", "и", "или", "і", "й", "та", "або"})
# Nouns that a term before them only modifies: the cue is about the noun's phrase.
_HEAD_NOUNS = frozenset(
    """administration administrations authorities authority government governments leader
    leaders leadership official officials forces troops army militia militias fighters
    republic republics region regions regime entity entities parliament court ministry head
    chief commander commanders militants separatists crime crimes criminal criminals""".split()
)
_NEXT_WORD = re.compile(r"[^\S\n]+([\w][\w'’\-]*)")


# The characters _DASH repeats, besides white space: what may stand between "so" and
# "called".
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")


def cue_before(
    text: str,
    window_start: int,
    limit: int,
    target: int,
    capital: bool,
    key_starts: Sequence[int] | None = None,
) -> bool:
    """True when a cue in ``text[window_start:limit]`` reaches the term at ``target``.

    ``limit`` is where the term (or the quotation around it) begins; ``capital`` says the
    term starts with a capital letter (names joined by "and" share a cue).
    ``key_starts``: where the keys of cues before a term (``BEFORE_KEYS`` and
    ``CYRILLIC_KEYS``, found in the lower case of a text without ``CASE_TRAPS``) begin
    in the window, in order, or None: the cue regex then reads the whole window.
    """
    last = _last_cue(text, window_start, limit, key_starts)
    if last is None:
        return False
    gap = text[last.end() : limit]
    if _PHRASE_END.search(gap):
        return False
    words = _WORD.findall(gap)
    if len(words) > (ADVERB_GAP_WORDS if last.group("adverb") else CUE_GAP_WORDS):
        return False
    for index, word in enumerate(words):
        lower = word.lower()
        if lower in _AND and capital and all(w[:1].isupper() for w in words[:index]):
            continue  # "the so-called DPR and LPR"
        if lower in _PHRASE_STOPS:
            return False
    return True


def _last_cue(
    text: str, window_start: int, limit: int, key_starts: Sequence[int] | None
) -> re.Match[str] | None:
    """The last cue that ``_CUE_BEFORE.finditer(text, window_start, limit)`` finds.

    With ``key_starts`` only the places where a cue can begin are tried, in order, as
    finditer would meet them: every cue begins with one of its keys, but "so-called",
    which begins with the "so" before its key "call" (and a run of _DASH). The regex is
    case-blind and begins with a look-behind, so it has no first characters to skip
    ahead to: read whole, a window of 160 characters took 12 us, a sixth of voice's
    time on the benchmark corpus; the places are one or two (2.6 us).
    """
    if key_starts is None:
        last = None
        for last in _CUE_BEFORE.finditer(text, window_start, limit):  # noqa: B007
            pass
        return last
    places = []
    for start in key_starts:
        if text[start : start + 4].lower() == "call":
            before = start
            while before > window_start and (
                text[before - 1] in _DASHES or text[before - 1].isspace()
            ):
                before -= 1
            if before - 2 >= window_start:
                places.append(before - 2)  # the "so" of "so-called", if it is there
        places.append(start)
    last = None
    position = window_start
    for place in sorted(places):
        if place >= position:
            cue = _CUE_BEFORE.match(text, place, limit)
            if cue is not None:
                last, position = cue, cue.end()
    return last


def cue_after(text: str, limit: int, stop: int, end: int) -> bool:
    """True when a cue in ``text[limit:stop]`` follows the term ending at ``end``."""
    cue = _CUE_AFTER.search(text, limit, stop)
    if cue is None:
        return False
    gap = text[end : cue.start()]
    return not _SENTENCE_END.search(gap) and len(_WORD.findall(gap)) <= CUE_GAP_WORDS


def modifies_next(text: str, start: int, end: int, stop: int) -> bool:
    """True when the term ``text[start:end]`` only modifies the word after it: a capital
    name goes on (Luhansk People's Republic) or a head noun follows (separatist
    administration)."""
    found = _NEXT_WORD.match(text, end, stop)
    if found is None:
        return False
    word = found.group(1)
    term = text[start:end]
    if term[:1].isupper() and not term.isupper() and word[0].isupper():
        return True  # a name goes on; an acronym (DPR) is a whole name: "DPR Denis Pushilin"
    return word.lower() in _HEAD_NOUNS
