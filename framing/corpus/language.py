"""The language of each document, when the source does not say.

``read_corpus`` fills the corpus column ``language`` (ISO 639-1: "en", "ru", "uk") for
the documents whose source gave none, from the start of the title, description and text
(:data:`SAMPLE_CHARACTERS` characters), and counts the languages in the load report.

The identifier is **py3langid** (BSD licence, on PyPI): Lui and Baldwin's langid.py
(2012) naive Bayes model over byte n-grams, 97 languages, in a maintained fork that runs
on numpy. It was chosen because it is small (a 4 MB wheel, the model inside), offline,
deterministic (the same text always gives the same answer, unlike langdetect) and fast
enough to run on every document (about 0.1 ms for 300 characters). Models that download
weights at run time (fastText's lid.176, lingua's larger models) were left out.

Russian and Ukrainian are told apart by letters where the letters are unambiguous: a
Cyrillic text with ї, є or ґ and no ы or э is Ukrainian; one with ы, э or ё and no і,
ї, є, ґ or ў is Russian (short headlines are where the statistical model errs). An answer
of another Cyrillic language (Uzbek, Kazakh, Serbian, ...) for a text that has none of
that language's own letters becomes Russian or Ukrainian, whichever the model ranks
higher. Bulgarian has no letters of its own: a very short Russian text with none of ы,
э, ё can still come out as "bg"; read ``language`` with care below about 40 characters.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from framing.corpus._language_batch import _language_kernel, classify_many

#: How many characters from the start of a document are used to identify its language.
SAMPLE_CHARACTERS = 300
#: Fewer letters than this are too few for the statistical model: no language (None),
#: unless the Russian or Ukrainian letters settle it.
MIN_LETTERS = 20

# Letters of other Cyrillic alphabets that Russian and Ukrainian lack: an answer of one
# of these languages for a text with none of its letters is taken to be Russian or
# Ukrainian, whichever the model ranks higher.
_DISTINCT_LETTERS = {
    "be": "ўі", "kk": "әғқңөұүһі", "ky": "ңөү", "mk": "ѓѕјљњќџ", "mn": "өү",
    "sr": "ђјљњћџ", "tg": "ғӣқӯҳҷ", "tt": "әөүҗңһ", "uz": "ўқғҳ",
}  # fmt: skip
_UKRAINIAN_ONLY = frozenset("їєґЇЄҐ")
_RUSSIAN_ONLY = frozenset("ыэёЫЭЁ")
_NOT_RUSSIAN = frozenset("іїєґўІЇЄҐЎ")
_CYRILLIC = re.compile("[\u0400-\u04ff]")


@functools.cache
def _identifier() -> Any:
    # Its own instance: py3langid.set_languages elsewhere does not change ours. The model
    # is read decompressed from the cache when it is kept there (_language_model).
    from framing.corpus._language_model import identifier

    return identifier()


def _letters_python(sample: str) -> tuple[int, int, int]:
    """The sample's letters, its Cyrillic letters, and which letters settle the language.

    The third value holds bits: 1 when the sample has a letter of Ukrainian only (ї, є,
    ґ), 2 one of Russian only (ы, э, ё), 4 one that Russian lacks (і, ї, є, ґ, ў).
    Compiled in ``framing/corpus/_language_kernel.c`` where that was built (the same
    answers; tests/corpus/test_language_kernel.py checks them against these).
    """
    letters = sum(map(str.isalpha, sample))
    if _CYRILLIC.search(sample) is None:  # most texts: no Cyrillic letter, nothing to count
        return letters, 0, 0
    present = {c for c in sample if c.isalpha()}
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in sample if c.isalpha())
    marks = (
        (1 if present & _UKRAINIAN_ONLY else 0)
        | (2 if present & _RUSSIAN_ONLY else 0)
        | (4 if present & _NOT_RUSSIAN else 0)
    )
    return letters, cyrillic, marks


#: The compiled count where it was built: the same answers as ``_letters_python``.
_letters = _letters_python if _language_kernel is None else _language_kernel.letters


def _cyrillic_by_letters(letters: int, cyrillic: int, marks: int) -> str | None:
    """ "uk" or "ru" when the letters of a mostly Cyrillic text settle it, else None."""
    if not letters or cyrillic * 2 < letters:
        return None
    if marks & 1 and not marks & 2:
        return "uk"
    if marks & 2 and not marks & 4:
        return "ru"
    return None


def detect_language(text: str | None) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in, or None.

    None for a missing text, and for one with fewer than :data:`MIN_LETTERS` letters
    unless its Russian or Ukrainian letters settle it ("Київ" is "uk").

    Examples
    --------
    >>> detect_language("Переговоры продолжились в пятницу, сообщили в министерстве.")
    'ru'
    >>> detect_language("Переговори тривали в п'ятницю, повідомили в міністерстві.")
    'uk'
    >>> detect_language("The talks went on on Friday, the ministry said.")
    'en'
    >>> detect_language("Body") is None
    True
    """
    sample, answer = _screen(text)
    if sample is None:
        return answer
    return _settled(sample, str(_identifier().classify(sample)[0]))


def _screen(text: str | None) -> tuple[str | None, str | None]:
    """``(None, answer)`` when the letters decide, else ``(sample, None)`` for the model."""
    if not isinstance(text, str):
        return None, None
    sample = text[:SAMPLE_CHARACTERS]
    letters, cyrillic, marks = _letters(sample)
    if letters < 3:
        return None, None
    by_letters = _cyrillic_by_letters(letters, cyrillic, marks)
    if by_letters is not None:
        return None, by_letters
    if letters < MIN_LETTERS:
        return None, None
    return sample, None


def _settled(sample: str, language: str) -> str:
    """The model's answer, with another Cyrillic language made Russian or Ukrainian
    where the sample has none of that language's own letters."""
    distinct = _DISTINCT_LETTERS.get(language)
    if distinct is not None and not set(sample.lower()) & set(distinct):
        ranked = [str(code) for code, _ in _identifier().rank(sample)]
        return next(code for code in ranked if code in ("ru", "uk"))
    return language


def document_sample(*fields: str | None) -> str:
    """The start of a document: its non-missing fields joined, cut to the sample size."""
    parts = [field for field in fields if isinstance(field, str) and field]
    return " ".join(parts)[: SAMPLE_CHARACTERS + 1]


def detect_languages(documents: Iterable[tuple[str | None, ...]]) -> list[str | None]:
    """The language of each document given as a tuple of its fields (title, text, ...).

    The same answers as :func:`detect_language` of each document's sample; the model
    classifies all the samples it is needed for at once
    (``framing.corpus._language_batch``), many times faster than one by one.
    """
    screened = [_screen(document_sample(*fields)) for fields in documents]
    samples = [sample for sample, _ in screened if sample is not None]
    labels = iter(classify_many(_identifier(), samples))
    return [
        answer if sample is None else _settled(sample, next(labels)) for sample, answer in screened
    ]


def fill_languages(frame: Any, entry: dict[str, Any] | None = None) -> None:
    """Fill the missing values of ``frame["language"]`` (a corpus chunk) in place.

    Uses ``title``, ``description`` and ``text``. When ``entry`` (a load-report source)
    is given, counts the documents of each language in ``entry["languages"]`` and, of
    those, the ones whose language the kit identified in ``entry["languages_identified"]``
    (both ``{language: count}``; "unknown" for documents with too few letters).
    """
    import pandas as pd

    given = frame["language"].astype(object).where(frame["language"].notna(), None).tolist()

    def column(name: str) -> list[Any]:
        if name not in frame.columns:
            return [None] * len(frame)
        return frame[name].astype(object).where(frame[name].notna(), None).tolist()

    titles, descriptions, texts = column("title"), column("description"), column("text")
    missing = [row for row, value in enumerate(given) if value is None]
    detected = dict(
        zip(
            missing,
            detect_languages((titles[row], descriptions[row], texts[row]) for row in missing),
            strict=True,
        )
    )
    languages: list[str | None] = []
    identified: list[bool] = []
    for row, value in enumerate(given):
        found = value is None and bool(titles[row] or descriptions[row] or texts[row])
        if value is None:  # the source's own value, when it has one, is kept as given
            value = detected[row]
        languages.append(value)
        identified.append(found and value is not None)
    frame["language"] = pd.array(languages, dtype="string")
    if entry is not None:
        counts = entry.setdefault("languages", {})
        by_kit = entry.setdefault("languages_identified", {})
        for value, kit in zip(languages, identified, strict=True):
            key = value if value is not None else "unknown"
            counts[key] = counts.get(key, 0) + 1
            if kit:
                by_kit[key] = by_kit.get(key, 0) + 1


def language_mismatch(corpus: Any, lexicon: Any) -> str | None:
    """Why ``lexicon`` hardly fits ``corpus`` by language, or None when it may.

    A message when the corpus's ``language`` column names at least one language and
    none of its documents is in the lexicon's language; ``match`` warns with it.
    """
    wanted = str(getattr(lexicon, "language", "") or "").lower()
    if not wanted or "language" not in getattr(corpus, "columns", ()):
        return None
    counts = corpus["language"].dropna().astype(str).str.lower().value_counts()
    if counts.empty or wanted in counts.index:
        return None
    found = ", ".join(f"{language} {count:,}" for language, count in counts.head(5).items())
    return (
        f"The lexicon {lexicon.name!r} is in {wanted!r}, and no document of the corpus is "
        f"(its languages: {found}{', ...' if len(counts) > 5 else ''}); its terms will "
        "hardly be found. Load the lexicon for the corpus's language (framing.lexicons())."
    )
