"""Who says the words: turn labels, attributions, and the outlet's own speaker (principal).

The shapes read here are listed, with an example each, in ``docs/voice.md``:

- **Turn labels**: a line that begins with a speaker and a colon ("Vladimir Putin:",
  "Question:", "Q:", "Answer:", "Вопрос:"). A text with two or more such lines is a
  transcript: each turn runs to the next label, across paragraphs. A single label
  ("Andriy Yermak: ...") covers its paragraph. A label counts as a speaker when it is a
  role ("Question", "Journalist", ...) or a name of two or more capitalised words; a
  one-word label ("Mariupol:", "Analysis:") only in a transcript or when it names the
  principal.
- **Attributions** of a quotation: a speech verb before or after it with its subject or
  object ("Lavrov said: “…”", "“…,” said Zelensky", "“…” Volodymyr Zelensky addressed
  ...", "according to the ministry, “…”", "“…” Briefing by Andriy Sybiha").
- **Indirect speech**: a sentence with a speech verb and a subject ("Zelensky said
  the operation ...", "according to the General Staff").
- **Headline sources**: "... - Zelensky", "..., - General Staff (date)" (a dash after a
  full stop is a credit line, not a source: ". — Ukrinform.").
- **Embedded posts**: "… — Name (@handle) May 9, 2022": the post's words (at most 280
  characters before the signature) are quoted, the speaker is Name.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable

from framing.voice._quotes import is_word

try:  # finds speech verbs in a window in one pass
    import ahocorasick_rs
except ImportError:  # pragma: no cover - depends on the environment
    ahocorasick_rs = None

# Verbs of saying, as written (lower case: "the United States" is no verb). Forms that are
# mostly nouns ("claims", "the answer", "notes", "posts") are left out.
SPEECH_WORDS: tuple[str, ...] = (
    *"""say says said saying tell tells told telling add adds added write writes wrote
    written tweeted posted stated declare declares declared announce announces announced
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


# Every speech word holds one of these pieces (lower case), so a window without one holds
# no speech verb: a cheap test (str.lower and ``in``) before the automaton.
SPEECH_KEYS = tuple(
    """say said tell told add wrot writ tweet posted stated declar announc noted stress
    emphas explain claimed insist warn argu replied answered ask continued concluded urg
    vow promised pledged accus admit acknowledg confirm deni deny recalled remarked
    commented predicted repeated addressed quoted quoting cited citing reported reporting
    chanted shouted demanded threaten speak
    spok mention describ call accord""".split()
)
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
# Lower-case words that may be part of a speaker's description ("Russia's foreign
# minister", "the head of the Office of the President").
_ROLE_WORDS = frozenset(
    """minister ministers president prime deputy foreign defence defense interior
    spokesman spokeswoman spokesperson spokespeople official officials ministry governor
    mayor head chief secretary adviser advisor ambassador commander leader general staff
    office service agency council press country's state state's the of a an army military
    intelligence police prosecutor""".split()
)
# Words that end a speaker's phrase after a verb ("said Zelensky in his address").
_PHRASE_CUTS = frozenset(
    """in on at during when while who which that after before to from with as adding
    saying referring according but and told because if on since amid""".split()
)
_WORDS = re.compile(r"[\w][\w'’.\-]*")
_CLAUSE_BREAK = re.compile(r"[.!?;:]\s|[\n]")
_AFTER_QUOTE_STOP = re.compile(r"[.!?;:\"“”«»„]")


# -- names ---------------------------------------------------------------------------

_CYRILLIC = dict(
    zip(
        "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяёыэъ",
        """a b v h g d e ye zh z y i yi i k l m n o p r s t u f kh ts ch sh shch _ yu ya yo y
        e _""".split(),
        strict=True,
    )
)
# Sounds written in two or more letters become one (upper case, so that a replacement
# is not replaced again), then g/h, w/v, x and q are made alike.
_SOUNDS = (
    ("shch", "S"), ("tsch", "C"), ("sch", "S"), ("zh", "Z"), ("kh", "H"), ("ch", "C"),
    ("sh", "S"), ("ts", "C"), ("tz", "C"), ("ck", "K"), ("ph", "F"), ("th", "T"),
    ("w", "v"), ("g", "h"), ("x", "ks"), ("q", "k"),
)  # fmt: skip
_VOWELS = re.compile(r"[aeiouyj]")
_DOUBLED = re.compile(r"(.)\1+")


def name_key(word: str) -> str:
    """A spelling-proof key of a name: Zelensky, Zelenskyy, Zelenskiy and Зеленський
    give the same ("zlnsk"); so do Sybiha/Sibiga/Сибіга and Yermak/Ermak/Єрмак.

    The word is transliterated (Cyrillic to Latin), lower-cased, stripped of accents and
    of a possessive 's; sounds written in two letters become one, g and h are one (the
    Ukrainian г), and vowels (with y and j) and doubled letters are dropped.

    Examples
    --------
    >>> [name_key(n) for n in ("Zelenskyy", "Zelensky’s", "Зеленський", "Klitschko", "Klychko")]
    ['zlnsk', 'zlnsk', 'zlnsk', 'klck', 'klck']
    """
    word = re.sub(r"['’]s$", "", word.lower())
    decomposed = unicodedata.normalize("NFKD", word)
    latin = "".join(_CYRILLIC.get(character, character) for character in decomposed)
    latin = re.sub(r"[^a-z]", "", latin)
    for sound, letter in _SOUNDS:
        latin = latin.replace(sound, letter)
    return _DOUBLED.sub(r"\1", _VOWELS.sub("", latin.lower()))


class Principal:
    """The outlet's own speaker(s): names ("Volodymyr Zelenskyy") or roles ("the President").

    A speaker is the principal when a capitalised word of it has the name key of a
    principal's last word (his surname), or when it contains a principal written out
    (case aside).
    """

    __slots__ = ("keys", "names", "phrases")

    def __init__(self, names: Iterable[str]) -> None:
        self.names = tuple(name.strip() for name in names if name and name.strip())
        self.keys = set()
        self.phrases = set()
        for name in self.names:
            words = _WORDS.findall(name)
            key = name_key(words[-1]) if words else ""
            if len(key) >= 3:
                self.keys.add(key)
            self.phrases.add(re.sub(r"^the\s+", "", name.lower()))

    def __bool__(self) -> bool:
        return bool(self.names)

    def matches(self, speaker: str | None) -> bool:
        if not speaker or not self.names:
            return False
        lower = speaker.lower()
        if any(phrase in lower for phrase in self.phrases):
            return True
        return any(
            word[0].isupper() and name_key(word) in self.keys for word in _WORDS.findall(speaker)
        )


def names_a_person(speaker: str | None) -> bool:
    """True when the speaker holds a personal name (two capitalised words in a row that
    are not role words, or a single capitalised word), not only a role ("the head of the
    Office of the President")."""
    if not speaker:
        return False
    words = _WORDS.findall(speaker)
    if not words:
        return False
    capitals = [word[0].isupper() and word.lower() not in _ROLE_WORDS for word in words]
    if len(words) == 1:
        return capitals[0]
    if words[0].lower() == "the":
        return False
    return any(a and b for a, b in itertools.pairwise(capitals))


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
    for word in reversed(_WORDS.findall(chosen)[-10:]):
        lower = word.lower()
        if lower in _PRONOUNS:
            return (None, word) if not taken else (_phrase(taken[::-1]), None)
        if word[0].isupper() or lower in _ROLE_WORDS:
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
    for word in _WORDS.findall(text, start, stop)[:10]:
        if word[0].isupper() or word.lower() in _ROLE_WORDS:
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
    for found in _WORDS.finditer(text, start, stop):
        between = text[previous : found.start()]
        if any(mark in between for mark in ',;:()"“”«»\n'):
            break
        word = found.group()
        lower = word.lower()
        if lower in _PHRASE_CUTS or len(taken) >= 10:
            break
        if strict and not (word[0].isupper() or lower in _ROLE_WORDS):
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
        return _phrase(_WORDS.findall(last.group())) if last else None
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
    if verb is None or len(_WORDS.findall(text, closing, verb.start())) > 10:
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


# -- turns, headline sources, embedded posts --------------------------------------------


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
    if lower in _NOT_SPEAKER_PHRASES or first in _NOT_SPEAKERS:
        return None
    if words[-1].lower() in _PARTICLES:
        return None
    if first not in _INSTITUTIONS and (
        _TOPIC_WORD.fullmatch(first) or any(word.lower() == "of" for word in words)
    ):
        return None  # a topic, not a speaker: "Occupation of Mariupol"
    for word in words:
        if word.lower() not in _PARTICLES and not word[0].isupper():
            return None
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
            start = text.rfind("\n", 0, position) + 1
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
        strong = [entry for entry in found if entry[3] != "word"]
        self.transcript = len(found) >= 2 and bool(strong)
        if not self.transcript:
            found = [entry for entry in found if entry[3] != "word" or principal.matches(entry[2])]
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
        sentence = start
        for end in _SENTENCE_START.finditer(text, start, dash):
            sentence = end.end()
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
