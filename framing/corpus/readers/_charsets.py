"""Which charset a text file is read in: UTF-8, the one given, or a confident Cyrillic guess.

The text formats (CSV/TSV, plain ``.txt``) cannot declare their charset. They are read

1. in the charset given with ``encoding=`` (a UTF-8 byte-order mark still means UTF-8);
2. else as UTF-8 when the file starts with a UTF-8 byte-order mark, or when its first
   :data:`SAMPLE_BYTES` are UTF-8 (a later line that is not is reported on its own);
3. else in a single-byte Cyrillic charset (windows-1251, KOI8-R, KOI8-U, DOS 866) when
   :func:`confident_cyrillic` is sure of it, judging :data:`DETECT_BYTES` of the sample
   from its first byte outside ASCII on;
4. else as UTF-8, so that each line that is not UTF-8 is reported (or raised) as before,
   naming its file and line.

The charset used is written in the file's load-report entry (``encoding``, and
``encoding_detected`` when step 3 chose it), so that a reader of the report can say how
each file was read.

Western single-byte charsets (windows-1252, Latin-1, windows-1250) are never guessed:
they decode almost any byte sequence, so a wrong guess fails nowhere and garbles quietly
(``Ã©`` for ``é``, ``³`` for ``ł``), and the few accented letters of a Western text are
too little evidence to tell them apart. Such files are refused line by line with a hint
to pass ``encoding=`` (see docs/reading.md).
"""

from __future__ import annotations

import codecs
import math
import re
from collections import Counter

from framing.corpus.readers._registry import Source

#: How many first bytes of a file decide its charset when none is given.
SAMPLE_BYTES = 256 * 1024
#: How many of them, from the first byte outside ASCII on, the Cyrillic tests look at
#: (plenty of evidence; the tests cost about a second per 256 KiB).
DETECT_BYTES = 64 * 1024
#: The fewest Cyrillic letters a sample must hold before a Cyrillic charset is guessed.
MIN_CYRILLIC_LETTERS = 40
#: The least share of the Cyrillic letters that must stand in words cased as words are
#: (all lower case, all upper case, or a capital then lower case).
MIN_CASED_SHARE = 0.9
#: The least share of the characters outside ASCII that must be Cyrillic letters or the
#: punctuation Russian and Ukrainian texts use (guillemets, dashes, No., no-break space).
MIN_CYRILLIC_SHARE = 0.95
#: The least likeness (cosine) of the letters' frequencies to Russian or Ukrainian text
#: (six words of news text have 0.7 or more, read in their charset; windows-1251 read as
#: KOI8-R about 0.6).
MIN_LIKENESS = 0.7
#: How much likelier the chosen reading must be than a reading in another charset family
#: that also passes every test, else neither is taken.
MIN_MARGIN = 0.1
#: The charsets tried, the families of those that read Russian alike in one group.
#: Mac Cyrillic is not among them: it reads windows-1251's small letters alike, so the two
#: could only be told apart by the capitals.
CANDIDATES = {"cp1251": "windows", "koi8_r": "koi8", "koi8_u": "koi8", "cp866": "dos"}

# How often each letter comes in Russian and in Ukrainian text, per 1,000 letters
# (rounded from the usual corpus counts). Windows-1251 read as KOI8-R (and the reverse)
# gives text whose every word is cased as words are, but whose letters are others: only
# their frequencies tell the readings apart (as they tell Greek windows-1253 from
# windows-1251).
_FREQUENCIES = {
    "ru": ("оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё",
           (110, 85, 80, 74, 67, 63, 55, 47, 45, 44, 35, 32, 30, 28, 26, 20, 19, 17, 17,
            16, 16, 14, 12, 10, 9, 7, 6, 5, 4, 3, 3, 1, 1)),
    "uk": ("оанивітерскулдмпязьгбчхйжшцюїєщфґ",
           (94, 72, 65, 61, 59, 54, 50, 48, 46, 41, 39, 35, 36, 33, 30, 28, 23, 22, 18,
            16, 16, 14, 12, 12, 9, 8, 8, 7, 6, 4, 3, 3, 1)),
}  # fmt: skip
_PROFILES = [dict(zip(letters, counts, strict=True)) for letters, counts in _FREQUENCIES.values()]

# Russian, Ukrainian and Belarusian letters: the other Cyrillic letters windows-1251
# holds (Serbian Ђ, Macedonian Ѓ, ...) are what UTF-8 read as windows-1251 gives.
_LOWER = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў"
_LETTERS = frozenset(_LOWER + _LOWER.upper())
_PUNCTUATION = frozenset("\u00a0«»„“”‘’‚—–…№•°·§")
_WORD = re.compile(r"[^\W\d_]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_CYRILLIC_BLOCK = re.compile(r"[\u0400-\u04ff]")


def cyrillic_encoding(data: bytes) -> str:
    """The single-byte Cyrillic encoding of undeclared bytes: windows-1251, KOI8-R or
    DOS 866, told apart by where their lower-case letters (most of a Russian text) lie.

    It always names one of the three: whether the bytes are Cyrillic at all is
    :func:`confident_cyrillic`'s question.

    >>> cyrillic_encoding("Паром снова ходит".encode("koi8_r"))
    'koi8_r'
    >>> cyrillic_encoding("Паром снова ходит".encode("cp1251"))
    'cp1251'
    """
    counts = [0] * 256
    for byte in data:
        counts[byte] += 1
    lower = {
        "cp1251": sum(counts[0xE0:0x100]),
        "koi8_r": sum(counts[0xC0:0xE0]),
        "cp866": sum(counts[0xA0:0xB0]) + sum(counts[0xE0:0xF0]),
    }
    return max(lower, key=lambda name: (lower[name], name == "cp1251"))


def _cased(word: str) -> bool:
    return word.islower() or word.isupper() or (word[:1].isupper() and word[1:].islower())


def _likeness(text: str) -> float:
    """The cosine of the text's letter frequencies and Russian's or Ukrainian's, the higher."""
    counts = Counter(ch for ch in text.lower() if ch in _LETTERS)
    norm = math.sqrt(sum(n * n for n in counts.values()))
    if not norm:
        return 0.0
    best = 0.0
    for profile in _PROFILES:
        dot = sum(n * profile.get(ch, 0) for ch, n in counts.items())
        size = math.sqrt(sum(f * f for f in profile.values()))
        best = max(best, dot / (norm * size))
    return best


def _evidence(text: str) -> tuple[int, int, int, int]:
    """Cyrillic letters, those of them in cased words, Cyrillic punctuation, and the
    characters outside ASCII that are neither (-1 if one is a Cyrillic letter that
    Russian, Ukrainian and Belarusian do not use: the mark of a wrong reading)."""
    letters = cased = 0
    for word in _WORD.findall(text):
        count = sum(ch in _LETTERS for ch in word)
        if count:
            letters += count
            if count == len(word) and _cased(word):
                cased += count
    punctuation = sum(ch in _PUNCTUATION for ch in text)
    if any(ch not in _LETTERS for ch in _CYRILLIC_BLOCK.findall(text)):
        return letters, cased, punctuation, -1
    return letters, cased, punctuation, len(_NON_ASCII.findall(text)) - letters - punctuation


def confident_cyrillic(data: bytes) -> str | None:
    """The single-byte Cyrillic charset ``data`` is surely in, or None when unsure.

    Each of windows-1251, KOI8-R, KOI8-U and DOS 866 (:func:`cyrillic_encoding`'s guess
    first) is a candidate when the bytes decode in it without error and the text read
    is Cyrillic by every test: at least :data:`MIN_CYRILLIC_LETTERS` Russian, Ukrainian
    or Belarusian letters; at least :data:`MIN_CASED_SHARE` of them in words cased as
    words are (UTF-8 read as windows-1251 gives ``РџСЂРёРІРµС‚``, random bytes ``дЖвЫ``); at
    least :data:`MIN_CYRILLIC_SHARE` of the characters outside ASCII being such letters
    or the punctuation these texts use (KOI8 read of other bytes gives box-drawing
    characters, UTF-8 read as windows-1251 ``µ``, ``‚``), and none of them a Cyrillic
    letter these languages do not write (Mac Cyrillic capitals read as windows-1251 give
    ``Џ``, ``Њ``, ``ђ``); and letter frequencies like
    Russian or Ukrainian text (cosine at least :data:`MIN_LIKENESS`). Of the candidates,
    the one whose letters are likest Russian or Ukrainian wins (windows-1251 and KOI8
    both give well-cased words for the same bytes; only one gives Russian letters), by
    at least :data:`MIN_MARGIN` over any other charset family, else None.

    Returns
    -------
    str or None
        A Python codec name (``"cp1251"``, ``"koi8_r"``, ``"koi8_u"``, ``"cp866"``).

    Examples
    --------
    >>> text = "Паром между островами снова ходит: ремонт дороги закончен."
    >>> confident_cyrillic(text.encode("cp1251")), confident_cyrillic(text.encode("koi8_r"))
    ('cp1251', 'koi8_r')
    >>> confident_cyrillic(text.encode("utf-8")) is None
    True
    >>> confident_cyrillic(b"Caf\\xe9 cr\\xe8me br\\xfbl\\xe9e, na\\xefve r\\xe9sum\\xe9") is None
    True
    """
    passed: list[tuple[float, int, str]] = []
    for order, name in enumerate(dict.fromkeys((cyrillic_encoding(data), *CANDIDATES))):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        letters, cased, punctuation, other = _evidence(text)
        if letters < MIN_CYRILLIC_LETTERS or cased < MIN_CASED_SHARE * letters:
            continue
        explained = letters + punctuation
        if other < 0 or explained < MIN_CYRILLIC_SHARE * (explained + other):
            continue
        likeness = _likeness(text)
        if likeness >= MIN_LIKENESS:
            passed.append((likeness, -order, name))
    if not passed:
        return None
    # The likest wins; ties (KOI8-R and KOI8-U read Russian alike) go to the earlier one.
    likeness, _, name = max(passed)
    rivals = [other for other in passed if CANDIDATES[other[2]] != CANDIDATES[name]]
    if any(likeness - other[0] < MIN_MARGIN for other in rivals):
        return None  # two charsets read it about as well: not sure
    return name


def _is_utf8(sample: bytes, whole: bool) -> bool:
    """True if ``sample`` is UTF-8 (allowing a character cut at its end unless ``whole``)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=whole)
    except UnicodeDecodeError:
        return False
    return True


def text_encoding(source: Source, sample: bytes, *, whole: bool = False) -> str:
    """The codec to read a text file in, written in its load-report entry (see the module).

    ``sample`` is the file's first bytes (:data:`SAMPLE_BYTES` of them, or the whole file
    when ``whole``); ``source.given_encoding`` is ``encoding=``. The entry gets
    ``encoding`` (the codec's name) and ``encoding_detected`` (True when guessed).
    """
    detected = False
    if sample.startswith(codecs.BOM_UTF8):
        name = "utf-8"
    elif source.given_encoding is not None:
        name = source.given_encoding
    elif _is_utf8(sample, whole):
        name = "utf-8"
    else:
        first = _HIGH_BYTE.search(sample)
        start = first.start() if first else 0
        found = confident_cyrillic(sample[start : start + DETECT_BYTES])
        detected = found is not None
        name = found or "utf-8"
    return record_encoding(source, name, detected=detected)


def record_encoding(source: Source, name: str, *, detected: bool) -> str:
    """Write the codec a file is read in into its load-report entry; its canonical name.

    ``detected``: the charset was guessed (no ``encoding=``, no declaration, not UTF-8).
    """
    name = codecs.lookup(name).name
    source.entry["encoding"] = name
    source.entry["encoding_detected"] = detected
    return name
