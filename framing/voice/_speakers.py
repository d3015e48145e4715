"""Who says the words: speech verbs, the attribution of a quotation, indirect speech.

The shapes read here are listed, with an example each, in ``docs/voice.md``
("Speakers"); turn labels, headline sources and embedded posts are in ``_turns``, names
and the principal in ``_names``:

- **Attributions** of a quotation: a speech verb before or after it with its subject or
  object ("Lavrov said: “…”", "“…,” said Zelensky", "“…” Volodymyr Zelensky addressed
  ...", "according to the ministry, “…”", "“…” Briefing by Andriy Sybiha").
- **Indirect speech**: a sentence with a speech verb and a subject ("Zelensky said
  the operation ...", "according to the General Staff").
- **Pronouns**: "he said" is the last name of two or more capitalised words before it,
  "it said" the subject that starts the sentence before.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from framing.voice._names import ROLE_WORDS, WORDS, names_a_person
from framing.voice._quotes import is_word

try:  # finds speech verbs in a window in one pass
    import ahocorasick_rs
except ImportError:  # pragma: no cover - depends on the environment
    ahocorasick_rs = None

# Verbs of saying, as written (lower case: "the United States" is no verb). Forms that are
# mostly nouns ("claims", "the answer", "notes", "posts") are left out, and so are "add"
# and "announce", rare in attributions and the start of many nouns (address,
# announcement), which would make the pieces below match far more often.
SPEECH_WORDS: tuple[str, ...] = (
    *"""say says said saying tell tells told telling adds added write writes wrote
    written tweeted posted stated declare declares declared announces announced
    noted stressed emphasise emphasises emphasised emphasize emphasizes emphasized explain
    explains explained claimed insist insists insisted warn warns warned argue argues argued
    replied answered ask asks asked continued concluded urge urges urged vow vows vowed
    promised pledged accuse accuses accused accusing admit admits admitted acknowledge
    acknowledges acknowledged confirm confirms confirmed deny denies denied recalled remarked
    commented predicted repeated addressed quoted quoting cited citing reported reporting
    chanted shouted demanded threaten threatens
    threatened speak speaks spoke spoken speaking mention mentions mentioned describe
    describes described заявил заявила заявили сообщил сообщила сообщили сказал сказала
    сказали отметил отметила отметили подчеркнул подчеркнула подчеркнули добавил добавила
    добавили написал написала написали заявив повідомив повідомила сказав зазначив
    зазначила наголосив наголосила додав додала написав""".split(),
    "call on", "calls on", "called on", "call for", "calls for", "called for",
    "according to", "According to", "по словам", "По словам", "по данным", "По данным",
    "за словами", "За словами", "за даними", "За даними",
)  # fmt: skip
SPEECH = re.compile(
    "(?<!\\w)(?:"
    + "|".join(sorted(map(re.escape, SPEECH_WORDS), key=len, reverse=True))
    + ")(?!\\w)"
)
_SPEECH_AUTOMATON = (
    ahocorasick_rs.AhoCorasick(
        list(SPEECH_WORDS), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
    )
    if ahocorasick_rs is not None
    else None
)


# Every speech verb begins with one of these pieces (lower case; for "по словам" its
# second word does), so a window without one holds no speech verb. The pieces are as long
# as they can be while still beginning every form ("argue" for argue, argues, argued),
# so that few nouns begin with them ("argument" does not; "speaker" does).
SPEECH_KEYS = (
    *"""say said tell told adds added write wrote written tweeted posted stated declare announces
    announced noted stressed emphasise emphasize explain claimed insist warn argue replied
    answered ask continued concluded urge vow promised pledged accuse accusing admit
    acknowledge confirm denie deny recalled remarked commented predicted repeated addressed
    quoted quoting cited citing reported reporting chanted shouted demanded threaten speak
    spoke mention describ""".split(),
    "call on", "calls on", "called on", "call for", "calls for", "called for", "according to",
)  # fmt: skip
CYRILLIC_SPEECH_KEYS = tuple(
    """заяв сообщ сказа отмет подчеркн добав написа слов данн дани повідом зазнач наголос
    дода""".split()
)


def may_hold_speech(text: str, start: int, stop: int) -> bool:
    """False only when ``text[start:stop]`` holds no speech verb."""
    window = text[start:stop].lower()
    for key in SPEECH_KEYS:
        if key in window:
            return True
    if not window.isascii():
        for key in CYRILLIC_SPEECH_KEYS:
            if key in window:
                return True
    return False


class Verb:
    """A speech verb found in a text (the interface of a regex match)."""

    __slots__ = ("_end", "_start", "_word")

    def __init__(self, start: int, end: int, word: str) -> None:
        self._start, self._end, self._word = start, end, word

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._word


Finder = Callable[[str, int, int], "list[Verb]"]


def speech_verbs(text: str, start: int, stop: int) -> list[Verb]:
    """The speech verbs in ``text[start:stop]``, whole words, in order (an automaton over
    the window: a regex of a hundred verbs is several times slower)."""
    if _SPEECH_AUTOMATON is None:  # pragma: no cover - depends on the environment
        return [Verb(m.start(), m.end(), m.group()) for m in SPEECH.finditer(text, start, stop)]
    found = []
    for _, begin, end in _SPEECH_AUTOMATON.find_matches_as_indexes(text[start:stop]):
        begin += start
        end += start
        if (begin == 0 or not is_word(text[begin - 1])) and (
            end == len(text) or not is_word(text[end])
        ):
            found.append(Verb(begin, end, text[begin:end]))
    return found


# Nouns that introduce a quotation of someone's words: the slogan "Ukraine is Europe".
QUOTE_INTRODUCERS = re.compile(
    r"(?<!\w)(?:slogans?|motto|signs?|banners?|placards?|posters?|chants?|headlines?"
    r"|titled|entitled|hashtags?|inscriptions?|captions?|lyrics|songs?|lozung\w*|лозунг\w*"
    r"|гасл\w*)(?!\w)",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"according\s+to|по\s+словам|по\s+данным|за\s+словами|за\s+даними", re.I)
# A caption after a quotation: "Briefing by Deputy Head ... Andriy Sybiha."
_CAPTION = re.compile(
    r"[\W_]{0,4}(?:briefing|address|speech|statement|remarks|interview|message|appeal)"
    r"\s+(?:of|by)\s+",
    re.IGNORECASE,
)
_PRONOUNS = frozenset(
    "he she they it i we you his her its their".split() + "он она они я мы він вона вони ми".split()
)
# Words that end a speaker's phrase after a verb ("said Zelensky in his address").
_PHRASE_CUTS = frozenset(
    """in on at during when while who which that after before to from with as adding
    saying referring according but and told because if on since amid""".split()
)
_CLAUSE_BREAK = re.compile(r"[.!?;:]\s|[\n]")
_AFTER_QUOTE_STOP = re.compile(r"[.!?;:\"“”«»„]")


# -- attributions ---------------------------------------------------------------------


# Words between a subject and its verb ("Kuleba has also said"), dropped from the subject.
_AUXILIARIES = frozenset(
    """has have had also could would will was were is are then later again once previously
    repeatedly not never reportedly earlier already been just""".split()
)
#: A pronoun subject ("he said") is the last named speaker at most this many characters
#: before it.
PRONOUN_REACH = 1000


def _phrase(words: list[str]) -> str | None:
    phrase = " ".join(words).strip(" ,.-\u2014\u2013")
    return phrase or None


def _subject(text: str, start: int, stop: int) -> tuple[str | None, str | None]:
    """(the speaker phrase just before a speech verb at ``stop``, or the pronoun there).

    The phrase is the run of capitalised and role words before the verb ("Russia's
    foreign minister Sergei Lavrov", "the head of the Office of the President"); after
    an appositive ("Dmytro Kuleba, the foreign minister, said") the piece with a name.
    """
    segment = text[start:stop]
    while True:  # drop the auxiliaries before the verb ("Dmytro Kuleba, has accused")
        stripped = segment.rstrip()
        cut = max(stripped.rfind(" "), stripped.rfind("\n"), stripped.rfind("\t"))
        if stripped[cut + 1 :].lower() not in _AUXILIARIES or not stripped:
            break
        segment = stripped[: cut + 1]
    pieces = [piece for piece in segment.split(",") if piece.strip()]
    if not pieces:
        return None, None
    chosen = pieces[-1]
    if segment.rstrip().endswith(","):
        for piece in reversed(pieces[-3:]):
            if names_a_person(piece):
                chosen = piece
                break
    taken: list[str] = []
    for word in reversed(WORDS.findall(chosen)[-10:]):
        lower = word.lower()
        if lower in _PRONOUNS:
            return (None, word) if not taken else (_phrase(taken[::-1]), None)
        if word[0].isupper() or lower in ROLE_WORDS:
            taken.append(word)
        else:
            break
    taken.reverse()
    while len(taken) > 1 and taken[0].lower() in ("of", "a", "an", "s"):
        taken.pop(0)
    if taken and taken[-1].lower() in ("the", "of", "a", "an"):
        return None, None
    return _phrase(taken), None


def _leading(text: str, start: int, stop: int) -> str | None:
    """The run of capitalised and role words that starts ``text[start:stop]`` (the subject
    of a clause: "The UK's Ministry of Defence has raised ..., saying")."""
    taken: list[str] = []
    for word in WORDS.findall(text, start, stop)[:10]:
        if word[0].isupper() or word.lower() in ROLE_WORDS:
            taken.append(word)
        else:
            break
    while taken and taken[-1].lower() in ("the", "of", "a", "an"):
        taken.pop()
    return _phrase(taken)


def _object(text: str, start: int, stop: int, strict: bool = True) -> str | None:
    """The speaker phrase just after a speech verb ("said the head of the Office ...").

    ``strict``: only capitalised and role words, ended by punctuation, the end or a
    word such as "in" ("said Zelensky in his address"); else any words up to those.
    """
    taken: list[str] = []
    previous = start
    for found in WORDS.finditer(text, start, stop):
        between = text[previous : found.start()]
        if any(mark in between for mark in ',;:()"“”«»\n'):
            break
        word = found.group()
        lower = word.lower()
        if lower in _PHRASE_CUTS or len(taken) >= 10:
            break
        if strict and not (word[0].isupper() or lower in ROLE_WORDS):
            return None
        taken.append(word)
        previous = found.end()
    if not taken or taken[0].lower() in _PRONOUNS:
        return None
    return _phrase(taken)


def _speaker_of_verb(
    text: str, clause: int, verb: Verb, stop: int
) -> tuple[str | None, str | None]:
    """(the speaker of a speech verb, or the pronoun to resolve)."""
    if _ACCORDING.fullmatch(verb.group()):
        return _object(text, verb.end(), stop, strict=False), None
    before = text[clause : verb.start()]
    if verb.group().endswith("ing") and before.rstrip().endswith(","):
        return _leading(text, clause, verb.start()), None  # "The ministry ..., saying"
    subject, pronoun = _subject(text, clause, verb.start())
    if subject is None and pronoun is None:
        subject = _object(text, verb.end(), stop)  # "said Zelensky"
    return subject, pronoun


_PERSON = re.compile(r"(?<![\w'’])[A-Z][\w'’\-]+(?:[^\S\n]+[A-Z][\w'’\-]+){1,3}")
_PERSONAL = frozenset({"he", "she", "он", "она", "він", "вона"})


def resolve(text: str, floor: int, position: int, pronoun: str) -> str | None:
    """Who "he" or "she" is (the last name of two or more capitalised words at most
    ``PRONOUN_REACH`` characters back), or "it" / "they" (the capitalised subject that
    starts the sentence before); None when neither is found."""
    begin = max(floor, position - PRONOUN_REACH)
    if pronoun.lower() in _PERSONAL:
        last = None
        for found in _PERSON.finditer(text, begin, position):
            if names_a_person(found.group()):
                last = found
        return _phrase(WORDS.findall(last.group())) if last else None
    starts = [begin] + [found.end() for found in _SENTENCE_START.finditer(text, begin, position)]
    if len(starts) < 2:
        return None
    subject = _leading(text, starts[-2], starts[-1])
    return subject if subject and subject.lower() not in _PRONOUNS else None


def attribution_before(
    text: str, clause: int, opening: int, floor: int = 0, finder: Finder | None = None
) -> tuple[bool, str | None]:
    """(a speech verb is in ``text[clause:opening]``, its speaker) for a quotation opening at
    ``opening``: "Zelensky said: “", "according to the ministry, “", "vowed to “". The
    verbs are tried from the last; ``floor`` bounds the search for a pronoun's name.
    ``finder(text, start, stop)`` finds the speech verbs (default ``speech_verbs``)."""
    verbs = (finder or speech_verbs)(text, clause, opening)
    if not verbs:
        return False, None
    for verb in reversed(verbs):
        speaker, pronoun = _speaker_of_verb(text, clause, verb, opening)
        if pronoun:
            return True, resolve(text, floor, clause, pronoun)
        if speaker is not None:
            return True, speaker
    return True, None


def attribution_after(
    text: str,
    closing: int,
    stop: int,
    opening: int,
    floor: int = 0,
    finder: Finder | None = None,
) -> tuple[bool, str | None]:
    """(a speech verb or caption follows, its speaker) after a quotation closing at
    ``closing``: "“…,” said Zelensky", "“…,” he said", "“…” Briefing by Andriy Sybiha".
    A pronoun is resolved from the quotation's ``opening`` back."""
    caption = _CAPTION.match(text, closing, stop)
    if caption is not None:
        return True, _object(text, caption.end(), stop, strict=False)
    end_of_clause = _AFTER_QUOTE_STOP.search(text, closing, stop)
    limit = end_of_clause.start() if end_of_clause else stop
    verbs = (finder or speech_verbs)(text, closing, limit)
    verb = verbs[0] if verbs else None
    if verb is None or len(WORDS.findall(text, closing, verb.start())) > 10:
        return False, None
    speaker, pronoun = _speaker_of_verb(text, closing, verb, limit)
    if pronoun:
        return True, resolve(text, floor, opening, pronoun)
    return True, speaker


def sentence_speaker(
    text: str,
    start: int,
    stop: int,
    position: int,
    floor: int = 0,
    verbs: list[Verb] | None = None,
) -> str | None:
    """The speaker of indirect speech in the sentence ``text[start:stop]`` around
    ``position``: the subject of its speech verb ("Zelensky said the ..."), or the
    object of "according to". ``verbs``: the speech verbs of a window around the
    sentence, when already found."""
    if verbs is None:
        verbs = speech_verbs(text, start, stop)
    chosen = None
    for found in verbs:
        if found.start() < start or found.end() > stop:
            continue
        chosen = found
        if found.start() > position:
            break
    if chosen is None:
        return None
    speaker, pronoun = _speaker_of_verb(text, start, chosen, stop)
    if pronoun:
        return resolve(text, floor, start, pronoun)
    return speaker


_SENTENCE_START = re.compile(r"[.!?]\s+")


def clause_start(text: str, start: int, position: int) -> int:
    """Where the clause before ``position`` starts: after the last . ! ? ; (or a colon
    not directly before ``position``), at most 200 characters back."""
    begin = max(start, position - 200)
    clause = begin
    for found in _CLAUSE_BREAK.finditer(text, begin, position):
        if text[found.start()] == ":" and not text[found.end() : position].strip():
            continue  # "Zelensky said: “..." - the colon introduces the quotation
        clause = found.end()
    return clause
