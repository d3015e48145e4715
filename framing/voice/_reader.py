"""One text's hits, classified: the rules of ``framing.voice`` put together."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from framing.voice._cues import (
    AFTER_KEYS,
    BEFORE_KEYS,
    CYRILLIC_KEYS,
    REACH,
    cue_after,
    cue_before,
    may_hold_cue,
    modifies_next,
)
from framing.voice._keys import (
    AFTER,
    AUTOMATON,
    BEFORE,
    SPEECH_PIECE,
    KeyIndex,
    has,
    has_speech,
    starts_of,
    verbs,
)
from framing.voice._names import Principal, names_a_person
from framing.voice._quotes import Quotes, is_word, pair_quotes, paragraphs
from framing.voice._speakers import (
    QUOTE_INTRODUCERS,
    Verb,
    attribution_after,
    attribution_before,
    clause_start,
    sentence_speaker,
    speech_verbs,
)
from framing.voice._turns import Turns, dash_sources, embedded_posts, spaced_hyphen

#: A quotation of at most this many words, with no speech verb or speaker around it,
#: is a scare quote ("a sham 'referendum'"): ``distanced``.
SCARE_QUOTE_WORDS = 4

# A text with at least this many hits has its cue keys and speech verbs found once, in
# one pass of a small automaton over the lower-cased text (about 22 us for 600 words);
# each window is then a bisect. With fewer hits a pass over each hit's window (about 3 us)
# is cheaper.
_KEYS_ONCE_FROM = 8
_WORD = re.compile(r"\w+(?:['’\-\u2010\u2011]\w+)*")
# A sentence end inside a quotation, with more words after it: a quotation of speech.
_INNER_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»]*\s+(?=\S)")
# A word named as a word: the word "war", keywords are "people" and "Ukraine".
_MENTION = re.compile(
    r"(?<!\w)(?:words?|terms?|names?|phrases?|expressions?|keywords?|key\s+words?|labels?"
    r"|letters?|слов[оа]|термин\w*)\s*(?:(?:is|are|was|were)\s+)?"
    r"(?:[\"“”'‘’«»„][^\"“”«»„\n]{0,40}[\"“”'‘’«»]\s*(?:,|and|or)\s*)*$",
    re.IGNORECASE,
)
_MARKUP = re.compile(r"[\s*_#>]*")
# Characters either side of a hit read for the sentence of indirect speech (within the
# cue windows, REACH).
_SENTENCE_REACH = 150
_SENTENCE_ENDS = ".!?"
# An [insertion] in a quotation is looked for this many characters either side of a hit.
_INSERTION = 100


def _sentence_start(text: str, low: int, position: int) -> int:
    """After the last sentence end (. ! ? and a space) in ``text[low:position]``, or
    ``low`` (one-character rfind: memchr speed)."""
    best = low
    for mark in _SENTENCE_ENDS:
        found = text.rfind(mark, low, position)
        while found >= 0 and not (found + 1 < position and text[found + 1].isspace()):
            found = text.rfind(mark, low, found)
        if found >= 0:
            best = max(best, found + 2)
    return best


def _sentence_stop(text: str, position: int, high: int) -> int:
    """Just after the first sentence end (. ! ? and a space) in ``text[position:high]``,
    or ``high``."""
    best = high
    for mark in _SENTENCE_ENDS:
        found = text.find(mark, position, high)
        while found >= 0 and not (found + 1 < high and text[found + 1].isspace()):
            found = text.find(mark, found + 1, high)
        if found >= 0:
            best = min(best, found + 1)
    return best


_NO_PRINCIPAL = Principal(())
_NO_TURNS = Turns("", [0], _NO_PRINCIPAL)


def classify_all(
    text: str, spans: Sequence[Sequence[int]], principal: Principal | None = None
) -> list[tuple[str, str | None]]:
    """``(voice, speaker)`` of each hit of ``text``: ``spans`` holds its ``(start, end)``
    first (more items are left alone: the engine's ``(start, end, term)`` will do)."""
    classify = Reader(text, len(spans), principal).classify
    return [classify(span[0], span[1]) for span in spans]


class Reader:
    """Classifies many hits in one text. Paragraphs are found once per text, quotations
    once per paragraph that holds a hit (and each quotation's attribution once), turn
    labels once per text; cues and speech verbs only in the windows around a hit, after
    one automaton pass finds their keys there (most windows hold none)."""

    __slots__ = (
        "_ascii",
        "_dashes",
        "_has_posts",
        "_index",
        "_posts",
        "_quote_info",
        "_quotes",
        "_sources",
        "_traps",
        "_turns",
        "paragraph_starts",
        "paragraphs",
        "principal",
        "text",
    )

    def __init__(self, text: str, hits: int = 1, principal: Principal | None = None) -> None:
        self.text = text
        self.paragraphs = paragraphs(text)
        self.paragraph_starts = [start for start, _ in self.paragraphs]
        self.principal = principal if principal is not None else _NO_PRINCIPAL
        self._quotes: dict[int, Quotes] = {}
        self._quote_info: dict[tuple[int, int], tuple[bool, bool, str | None, bool]] = {}
        # Turn labels need a colon (one-character ``in``: memchr speed).
        self._turns: Turns | None = None if ":" in text or "\uff1a" in text else _NO_TURNS
        self._sources: dict[int, list[tuple[int, int, str]]] = {}
        self._posts: dict[int, list[tuple[int, int, str]]] = {}
        # Embedded posts need "(@" and headline sources a dash after a space: many texts
        # have neither. (One-character ``in`` runs at memchr speed; a two-character needle
        # that starts with a space is some hundred times slower.) The dashes are looked
        # for when a hit first needs them.
        self._has_posts = "@" in text and "(@" in text
        self._dashes: bool | None = None
        self._ascii = ascii = text.isascii()
        # The case traps of CASE_TRAPS (one-character ``in``: memchr speed, where a regex
        # class scans far slower).
        self._traps = not ascii and (
            "\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text
        )
        # The cue keys and speech verbs around each hit: one automaton pass per window,
        # or one over the whole text when it has many hits. Only without case traps: then
        # ``str.lower`` keeps every offset ("İ" is the one character whose lower case is
        # two) and equals what re.IGNORECASE sees; else the windows are tested key by key.
        self._index: KeyIndex | None = None
        if not self._traps and AUTOMATON is not None:
            self._index = KeyIndex(text, hits >= _KEYS_ONCE_FROM)

    # -- the rules, in order -------------------------------------------------------------

    def classify(self, start: int, end: int) -> tuple[str, str | None]:
        """``(voice, speaker)`` of the hit ``text[start:end]``."""
        number = bisect_right(self.paragraph_starts, start) - 1
        paragraph_start, paragraph_end = self.paragraphs[number]
        turn_speaker = None
        if self._turns is not _NO_TURNS:
            turn_speaker, other_turn = self._turn(start)
            if other_turn:  # another speaker's turn in a transcript with a principal
                return "quoted", turn_speaker
        quotes = self._quotes.get(number)
        if quotes is None:
            quotes = self._quotes_of(number)
        if quotes.starts:
            inner = quotes.around(start)
            if inner >= 0:
                if self._bracketed(quotes, inner, start, end):  # the writer's [insertion]
                    return "own", None
                return self._quoted(number, quotes, quotes.outermost(inner))
        if self._has_posts:
            post = self._post_at(number, start)
            if post is not None:
                return "quoted", post
        if self._index is None:  # a text with case traps: the keys are tested one by one
            if self._cue_reaches(paragraph_start, paragraph_end, start, end, None):
                return "distanced", turn_speaker
            return "own", turn_speaker or self._own_speaker(number, start, end, None)
        # The keys around the hit, in one pass: cue keys before and after it, pieces of
        # speech verbs that begin a word near it.
        low = max(paragraph_start, start - REACH)
        high = min(paragraph_end, end + REACH)
        found = self._index.window(low, high)
        before = after = speech = False
        if found:
            text = self.text
            near, far = start - _SENTENCE_REACH, end + _SENTENCE_REACH
            for begin, stop, kind in found:
                if kind & BEFORE and stop <= start:
                    before = True
                if kind & AFTER and begin >= end:
                    after = True
                if (
                    kind & SPEECH_PIECE
                    and near <= begin < far
                    and not (begin and is_word(text[begin - 1]))
                ):
                    speech = True
        if (before or after) and self._cue_reaches(
            paragraph_start, paragraph_end, start, end, found
        ):
            return "distanced", turn_speaker
        if turn_speaker is not None:
            return "own", turn_speaker
        if not speech:  # the common case: no speech verb near; a headline source at most
            return "own", self._source_at(number, start)
        return "own", self._own_speaker(number, start, end, found)

    def _quoted(self, number: int, quotes: Quotes, index: int) -> tuple[str, str | None]:
        phrase, short, speaker, mention = self._info(number, quotes, index)
        opening = quotes.starts[index]
        if phrase and self._cue_reaches_quote(number, opening, quotes.ends[index]):
            return "distanced", None
        if self.principal:
            if self.principal.matches(speaker):
                return "own", speaker
            if self._is_lead(number, opening) and not (
                names_a_person(speaker) and not self.principal.matches(speaker)
            ):
                return "own", speaker or self.principal.names[0]
        if short and speaker is None:
            if mention:
                return "own", None
            if not self._speech_around(number, quotes, index):
                return "distanced", None
        return "quoted", speaker

    # -- quotations ----------------------------------------------------------------------

    def _quotes_of(self, number: int) -> Quotes:
        quotes = self._quotes.get(number)
        if quotes is None:
            quotes = pair_quotes(self.text, *self.paragraphs[number])
            self._quotes[number] = quotes
        return quotes

    def _info(self, number: int, quotes: Quotes, index: int) -> tuple[bool, bool, str | None, bool]:
        """(a phrase: closed, no sentence end inside; short; speaker; a mention)."""
        key = (number, index)
        info = self._quote_info.get(key)
        if info is not None:
            return info
        text = self.text
        paragraph_start, paragraph_end = self.paragraphs[number]
        opening, closing = quotes.starts[index], quotes.ends[index]
        closed = quotes.closed[index]
        # A quotation that goes on from the one before (“A. “B.”) is a quotation of speech.
        goes_on = index > 0 and quotes.ends[index - 1] == opening
        phrase = (
            closed and not goes_on and not _INNER_SENTENCE_END.search(text, opening + 1, closing)
        )
        short = (
            phrase
            and closing - opening <= 80
            and len(_WORD.findall(text, opening + 1, closing)) <= SCARE_QUOTE_WORDS
        )
        clause = clause_start(text, paragraph_start, opening)
        speaker = None
        if closed:
            stop = min(paragraph_end, closing + 160)
            _, speaker = attribution_after(text, closing + 1, stop, opening, finder=self._verbs)
        if speaker is None:
            _, speaker = attribution_before(text, clause, opening, finder=self._verbs)
        if speaker is None and goes_on:
            speaker = self._info(number, quotes, index - 1)[2]
        if speaker is None:
            speaker = self._source_at(number, opening)  # Russia “already lost war” - White House
        if speaker is None:
            turns = self._get_turns()
            turn = turns.at(opening)
            if turn >= 0 and not text[turns.starts[turn] : opening].strip(" *_"):
                speaker = turns.speakers[turn]  # "Andriy Yermak: “…”"
        mention = short and _MENTION.search(text, clause, opening) is not None
        info = (phrase, short, speaker, mention)
        self._quote_info[key] = info
        return info

    def _speech_around(self, number: int, quotes: Quotes, index: int) -> bool:
        text = self.text
        paragraph_start, paragraph_end = self.paragraphs[number]
        opening, closing = quotes.starts[index], quotes.ends[index]
        clause = clause_start(text, paragraph_start, opening)
        if attribution_before(text, clause, opening, finder=self._verbs)[0]:
            return True
        if QUOTE_INTRODUCERS.search(text, clause, opening):
            return True
        stop = min(paragraph_end, closing + 60)
        return attribution_after(text, closing + 1, stop, opening, finder=self._verbs)[0]

    def _bracketed(self, quotes: Quotes, index: int, start: int, end: int) -> bool:
        """The hit is inside [square brackets] (of at most ``_INSERTION`` characters
        either side of it) within the quotation ``index``."""
        text = self.text
        opening, closing = quotes.starts[index], quotes.ends[index]
        bracket = text.rfind("[", max(opening, start - _INSERTION), start)
        return (
            bracket >= 0
            and text.find("]", bracket, start) < 0
            and 0 <= text.find("]", end, min(closing, end + _INSERTION))
        )

    def _is_lead(self, number: int, opening: int) -> bool:
        """The quotation opens the text (after markup): a press office's lead quote."""
        return number == 0 and _MARKUP.match(self.text).end() == opening

    # -- cues ----------------------------------------------------------------------------

    def _cue_reaches(
        self,
        paragraph_start: int,
        paragraph_end: int,
        start: int,
        end: int,
        found: list[tuple[int, int, int]] | None,
    ) -> bool:
        """A cue before or after the unquoted hit ``text[start:end]`` reaches it. ``found``:
        the keys of the window around the hit (``KeyIndex.window``), or None."""
        text = self.text
        window = max(paragraph_start, start - REACH)
        stop = min(paragraph_end, end + REACH)
        capital = text[start : start + 1].isupper()
        if self._cue_before(window, start, capital, found) and not modifies_next(
            text, start, end, paragraph_end
        ):
            return True
        return self._may_hold(end, stop, AFTER, found) and cue_after(text, end, stop, end)

    def _cue_reaches_quote(self, number: int, opening: int, closing: int) -> bool:
        text = self.text
        paragraph_start, paragraph_end = self.paragraphs[number]
        window = max(paragraph_start, opening - REACH)
        first = opening + 1
        capital = first < len(text) and text[first].isupper()
        if self._cue_before(window, opening, capital, None):
            return True
        after = closing + 1
        stop = min(paragraph_end, after + REACH)
        return self._may_hold(after, stop, AFTER) and cue_after(text, after, stop, after)

    def _cue_before(
        self, window: int, limit: int, capital: bool, found: list[tuple[int, int, int]] | None
    ) -> bool:
        """A cue in ``text[window:limit]`` reaches the term (or quotation) at ``limit``.
        With a key index the cue regex is tried only where the window's keys of cues before
        a term begin (``found``: keys around the window, else looked up)."""
        text = self.text
        if self._index is None:
            return may_hold_cue(
                text, window, limit, self._traps, self._keys(BEFORE)
            ) and cue_before(text, window, limit, limit, capital)
        if found is None:
            found = self._index.window(window, limit)
        key_starts = starts_of(found, BEFORE, window, limit)
        return bool(key_starts) and cue_before(text, window, limit, limit, capital, key_starts)

    def _verbs(self, text: str, start: int, stop: int) -> list[Verb]:
        """The speech verbs of ``text[start:stop]`` (a ``Finder``): from the window's keys
        when the text has a key index, else by the speech-verb automaton."""
        if self._index is None:
            return speech_verbs(text, start, stop)
        return verbs(text, self._index.window(start, stop), start, stop)

    def _keys(self, kind: int) -> tuple[str, ...]:
        """The cue keys tested one by one in a text with case traps (``may_hold_cue``)."""
        keys = BEFORE_KEYS if kind == BEFORE else AFTER_KEYS
        return keys if self._ascii else keys + CYRILLIC_KEYS

    def _may_hold(
        self, start: int, stop: int, kind: int, found: list[tuple[int, int, int]] | None = None
    ) -> bool:
        """False only when ``text[start:stop]`` holds no key of a cue of ``kind``
        (``found``: keys around it, when already found)."""
        if found is not None:
            return has(found, kind, start, stop)
        if self._index is not None:
            return has(self._index.window(start, stop), kind, start, stop)
        return may_hold_cue(self.text, start, stop, self._traps, self._keys(kind))

    # -- speakers ------------------------------------------------------------------------

    def _get_turns(self) -> Turns:
        if self._turns is None:
            if ":" not in self.text and "\uff1a" not in self.text:
                self._turns = _NO_TURNS
            else:
                ends = [end for _, end in self.paragraphs]
                self._turns = Turns(self.text, ends, self.principal)
        return self._turns

    def _turn(self, position: int) -> tuple[str | None, bool]:
        """(the speaker of the turn at ``position``, whether it is another speaker's turn
        in a transcript of a text with a principal)."""
        turns = self._get_turns()
        if not turns.starts:
            return None, False
        index = turns.at(position)
        if index < 0:
            return None, False
        speaker = turns.speakers[index]
        if not turns.transcript or not self.principal:
            return speaker, False
        principal = self.principal.matches(speaker) or turns.answers[index]
        return speaker, not principal

    def _post_at(self, number: int, position: int) -> str | None:
        if not self._has_posts:
            return None
        posts = self._posts.get(number)
        if posts is None:
            posts = embedded_posts(self.text, *self.paragraphs[number])
            self._posts[number] = posts
        for begin, stop, account in posts:
            if begin <= position < stop:
                return account
        return None

    def _source_at(self, number: int, position: int) -> str | None:
        """The headline source ("... - General Staff") of the sentence at ``position``."""
        if self._dashes is None:
            text = self.text
            self._dashes = "\u2013" in text or "\u2014" in text or spaced_hyphen(text, 0, len(text))
        if not self._dashes:
            return None
        sources = self._sources.get(number)
        if sources is None:  # (dash_sources first looks for a dash after a space)
            sources = dash_sources(self.text, *self.paragraphs[number])
            self._sources[number] = sources
        for begin, stop, source in sources:
            if begin <= position < stop:
                return source
        return None

    def _own_speaker(
        self, number: int, start: int, end: int, found: list[tuple[int, int, int]] | None
    ) -> str | None:
        """The speaker of an unquoted hit: a headline source, or the subject of a speech
        verb in its sentence (indirect speech). ``found``: the keys around the hit."""
        source = self._source_at(number, start)
        if source is not None:
            return source
        paragraph_start, paragraph_end = self.paragraphs[number]
        text = self.text
        low = max(paragraph_start, start - _SENTENCE_REACH)
        high = min(paragraph_end, end + _SENTENCE_REACH)
        if found is not None and not has_speech(text, found, low, high):
            return None  # the common case: no speech verb near the hit
        # The sentence: from the last ". " (or "! ", "? ") before the hit to the next one
        # after it, and its speech verbs.
        sentence = _sentence_start(text, low, start)
        stop = _sentence_stop(text, end, high)
        if found is None:
            spoken = speech_verbs(text, sentence, stop)
        else:
            spoken = verbs(text, found, sentence, stop)
        if not spoken:
            return None
        return sentence_speaker(text, sentence, stop, start, verbs=spoken)
