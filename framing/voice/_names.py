"""Names: a spelling-proof key of a surname, the principal (the outlet's own speaker),
and whether a speaker phrase names a person."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable

WORDS = re.compile(r"[\w][\w'’.\-]*")
# Lower-case words that may be part of a speaker's description ("Russia's foreign
# minister", "the head of the Office of the President").
ROLE_WORDS = frozenset(
    """minister ministers president prime deputy foreign defence defense interior
    spokesman spokeswoman spokesperson spokespeople official officials ministry governor
    mayor head chief secretary adviser advisor ambassador commander leader general staff
    office service agency council press country's state state's the of a an army military
    intelligence police prosecutor""".split()
)


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
            words = WORDS.findall(name)
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
            word[0].isupper() and name_key(word) in self.keys for word in WORDS.findall(speaker)
        )


def names_a_person(speaker: str | None) -> bool:
    """True when the speaker holds a personal name (two capitalised words in a row that
    are not role words, or a single capitalised word), not only a role ("the head of the
    Office of the President")."""
    if not speaker:
        return False
    words = WORDS.findall(speaker)
    if not words:
        return False
    capitals = [word[0].isupper() and word.lower() not in ROLE_WORDS for word in words]
    if len(words) == 1:
        return capitals[0]
    if words[0].lower() == "the":
        return False
    return any(a and b for a, b in itertools.pairwise(capitals))
