"""The one tokenizer of the kit, shared by :func:`framing.score` and :mod:`framing.comparison`.

A rate per 10,000 tokens and a log-odds table are only comparable if both count words the
same way, so there is exactly one definition of a token, written here and in
``docs/statistics.md``:

1. The text is put in Unicode NFC form (a decomposed "é" is one letter, not two), curly
   apostrophes (’ ‘ ʼ) become ``'`` and the Unicode hyphens U+2010 and U+2011 become ``-``.
2. A token is a run of letters and digits (any script; the underscore is not a letter),
   which may continue across a single hyphen or apostrophe *between* two letters or
   digits: "so-called", "pro-Kiev", "Donetsk-based", "don't" and "o'clock" are one token
   each. A dash with spaces around it, or a quote at a word's edge, is punctuation.
3. Single letters each followed by a period form one token with the periods: "U.S.",
   "U.K." (otherwise "U.S." would count as the words "U" and "S").
4. A final possessive ``'s`` is not part of the token, so "Kiev's" and "Kiev’s" are the
   token "Kiev", as the matcher counts them ("it's" becomes "it" by the same rule).

5. As in the matcher (``framing._text``): Cyrillic "ё" is "е", and Latin look-alike
   letters inside a Cyrillic word ("ЛНP" with a Latin P) are their Cyrillic twins, so
   "ещё" and "еще" are one token. Russian and Ukrainian need nothing else: "пам’ять"
   and "Ростов-на-Дону" are one token each, as "don't" and "so-called" are.

Case is kept: lowercasing is the caller's choice (``CountVectorizer(lowercase=True)``
lowercases before it calls the tokenizer).

Counting by lemma (inflection-aware counting) and stop words:

- :func:`lemmatise` gives a copy of a corpus whose Russian and Ukrainian texts are
  replaced by the lemmas of their tokens (pymorphy3: "специальной военной операции" →
  "специальный военный операция"), so that ``compare_groups``, ``collocations`` and
  ``suggest_terms`` count a word in all its forms as one.
- :func:`stop_words` gives the Russian and Ukrainian stop-word lists of the
  ``stop-words`` package (installed from PyPI with the kit; nothing is downloaded), for
  the ``stop_words=`` parameters of ``collocations`` and ``suggest_terms`` (which also
  take ``"russian"`` and ``"ukrainian"``).

How this relates to the matcher: the matcher treats a hyphen as a word boundary, so it
finds "Kiev" inside "pro-Kiev", where the tokenizer sees one token "pro-Kiev". A rate is
hits per token, so the two differ only in what counts as one word, never in what is found.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing._checks import fail
from framing._text import LATIN_LOOKALIKES, fold_lookalikes

_FOLD_PAIRS = (("’", "'"), ("‘", "'"), ("ʼ", "'"), ("‐", "-"), ("‑", "-"), ("ё", "е"), ("Ё", "Е"))
_FOLD = str.maketrans(dict(_FOLD_PAIRS))

#: A run of letters/digits, optionally continued across one internal hyphen or apostrophe.
#: Or an abbreviation of single letters with periods ("U.S.", "U.K."), kept whole.
TOKEN_PATTERN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:[-'][^\W_]+)*")

_POSSESSIVE = re.compile(r"(?:'[sS])+$")


def _prepare(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    # The same as text.translate(_FOLD), faster: every folded character is beyond ASCII,
    # and str.replace scans in C where translate looks each character of a non-ASCII
    # text up in a dict (a third of count_tokens' time on news text).
    if not text.isascii():
        for old, new in _FOLD_PAIRS:
            if old in text:
                text = text.replace(old, new)
    return fold_lookalikes(text)


def tokenize(text: str) -> list[str]:
    """Split a text into the kit's tokens (case kept).

    Parameters
    ----------
    text : str
        Any text; a missing value (``None``, ``pd.NA``) gives no tokens.

    Returns
    -------
    list of str
        The tokens in text order, with apostrophes and hyphens folded to ASCII and a
        final possessive ``'s`` removed.

    See Also
    --------
    count_tokens : the number of tokens of many texts at once.

    Examples
    --------
    >>> tokenize("Kiev’s so-called ‘operation’ — don't panic, 2022!")
    ['Kiev', 'so-called', 'operation', "don't", 'panic', '2022']
    """
    if text is None or text is pd.NA or (isinstance(text, float) and text != text):
        return []
    tokens = TOKEN_PATTERN.findall(_prepare(str(text)))
    # Only a token with an apostrophe can end in a possessive: skip the regex for the rest.
    return [_POSSESSIVE.sub("", token) if "'" in token else token for token in tokens]


def count_tokens(texts: Iterable[str | None]) -> np.ndarray:
    """Return the number of tokens of each text, as an int64 array.

    Removing a possessive ``'s`` never changes the number of tokens, so this counts
    pattern matches without the possessive step.

    Examples
    --------
    >>> count_tokens(["Kyiv's mayor spoke.", None, "so-called 'referendum'"]).tolist()
    [3, 0, 2]
    """
    counts = [
        0
        if text is None or text is pd.NA or (isinstance(text, float) and text != text)
        else len(TOKEN_PATTERN.findall(_prepare(str(text))))
        for text in texts
    ]
    return np.asarray(counts, dtype=np.int64)


# -- stop words and lemmas for Russian and Ukrainian ----------------------------------------
#: The languages :func:`stop_words` and :func:`lemmatise` know, by name and code.
LANGUAGE_NAMES = {"russian": "ru", "ukrainian": "uk", "ru": "ru", "uk": "uk"}


@functools.cache
def _stop_word_list(code: str) -> frozenset[str]:
    from stop_words import get_stop_words

    name = {"ru": "russian", "uk": "ukrainian"}[code]
    # The lists hold a few Latin look-alikes ("a" for "а": a word of look-alikes only is
    # Cyrillic in a Cyrillic list) and both е and ё: folded as the tokenizer folds text,
    # lower-cased, multi-word entries left out.
    words = set()
    for word in get_stop_words(name):
        word = word.strip()
        if not word or " " in word:
            continue
        if all(c in LATIN_LOOKALIKES for c in word):
            word = "".join(LATIN_LOOKALIKES[c] for c in word)
        words.add(_prepare(word).lower())
    return frozenset(words)


def stop_words(language: str) -> list[str]:
    """The stop words of Russian or Ukrainian, as the tokenizer writes them.

    Parameters
    ----------
    language : {"russian", "ukrainian", "ru", "uk"}
        The language.

    Returns
    -------
    list of str
        Lower-cased, sorted, with "ё" as "е" and Latin look-alikes as Cyrillic: from the
        ``stop-words`` package (BSD licence), which ships the lists inside the wheel.

    Examples
    --------
    >>> "который" in stop_words("ru"), "який" in stop_words("ukrainian")
    (True, True)
    """
    code = LANGUAGE_NAMES.get(str(language).lower())
    if code is None:
        raise fail("language", "stop_words", f"one of {sorted(LANGUAGE_NAMES)}", language)
    return sorted(_stop_word_list(code))


@functools.cache
def analyzer(language: str) -> Any:
    """The pymorphy3 analyser of ``language`` ("ru" or "uk"), loaded once (its
    dictionaries are the PyPI packages pymorphy3-dicts-ru and -uk)."""
    if language not in ("ru", "uk"):
        raise ValueError(f"Word forms exist for ['ru', 'uk']; got {language!r}.")
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=language)


@functools.lru_cache(maxsize=200_000)
def _lemma(token: str, code: str) -> str:
    lowered = token.lower()
    if not any("\u0400" <= c <= "\u04ff" for c in lowered):
        return lowered
    parses = analyzer(code).parse(lowered)
    if not parses:  # pragma: no cover - pymorphy3 always answers
        return lowered
    return parses[0].normal_form.replace("ё", "е")


def lemmatise(
    corpus: pd.DataFrame,
    *,
    fields: Sequence[str] | str = ("title", "text"),
    language: str | None = None,
) -> pd.DataFrame:
    """A copy of ``corpus`` whose Russian and Ukrainian texts are their tokens' lemmas.

    Each text is tokenized with the kit's tokenizer and each token replaced by its
    lemma (pymorphy3's most likely reading, lower case, "ё" as "е"), the lemmas joined
    by spaces. Counting on the copy counts a word in all its forms as one:
    ``compare_groups(lemmatise(corpus), by="outlet")``.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (``framing.read_corpus``).
    fields : sequence of str or str
        The text columns to lemmatise. Default ``("title", "text")``.
    language : {"ru", "uk", "russian", "ukrainian"}, optional
        The language of every document. By default each document's ``language`` column
        ("ru" or "uk"); documents in other languages are lower-cased tokens.

    Returns
    -------
    pandas.DataFrame
        The corpus with ``fields`` replaced; every other column as it was.

    Notes
    -----
    A lemmatiser picks one reading per word out of context, and errs on rare words and
    on some proper nouns (pymorphy3's Ukrainian dictionary reads "Києві" as a form of
    "кий"). Use lemmas to explore; count terms with an inflected lexicon, whose forms
    are generated from the term and matched exactly (``framing.lexicon.inflect``).

    Examples
    --------
    >>> import pandas as pd
    >>> import framing
    >>> corpus = framing.as_corpus(pd.DataFrame({"doc_id": ["a"], "outlet": ["X"],
    ...     "published": ["2024-11-01"], "title": ["Итоги специальной военной операции"],
    ...     "text": [""], "language": ["ru"]}))
    >>> lemmatise(corpus)["title"].tolist()
    ['итог специальный военный операция']
    """
    fields = [fields] if isinstance(fields, str) else list(fields)
    if language is not None:
        code = LANGUAGE_NAMES.get(str(language).lower())
        if code is None:
            raise ValueError(
                "The 'language' parameter of lemmatise must be None or one of "
                f"{sorted(LANGUAGE_NAMES)}. Got {language!r} instead."
            )
        codes: list[Any] = [code] * len(corpus)
    elif "language" in corpus.columns:
        codes = [
            LANGUAGE_NAMES.get(str(value).lower()) if isinstance(value, str) else None
            for value in corpus["language"].astype(object).where(corpus["language"].notna(), None)
        ]
    else:
        codes = [None] * len(corpus)
    copy = corpus.copy()
    for field in fields:
        values = corpus[field].astype(object).where(corpus[field].notna(), None).tolist()
        copy[field] = pd.array(
            [
                None
                if text is None
                else " ".join(
                    _lemma(token, code) if code else token.lower() for token in tokenize(text)
                )
                for text, code in zip(values, codes, strict=True)
            ],
            dtype="string",
        )
    return copy


def english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words (the list ``stop_words="english"`` uses).

    Examples
    --------
    >>> sorted(english_stop_words() & {"the", "of", "kyiv", "from"})
    ['from', 'of', 'the']
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def stop_word_set(stop_words: Any, *, function: str) -> frozenset[str]:
    """The stop words of a ``stop_words`` parameter: None, "english" or a list of words
    (lowercased), or a clear error."""
    if stop_words is None:
        return frozenset()
    if isinstance(stop_words, str):
        if stop_words == "english":
            return english_stop_words()
        raise ValueError(
            f"The 'stop_words' parameter of {function} must be None, 'english' or a list of "
            f"words. Got {stop_words!r} instead."
        )
    words = list(stop_words)
    if not all(isinstance(word, str) for word in words):
        raise ValueError(
            f"The 'stop_words' parameter of {function} must be None, 'english' or a list of "
            f"words. Got {stop_words!r} instead."
        )
    return frozenset(word.lower() for word in words)
