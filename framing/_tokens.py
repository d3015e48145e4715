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

Case is kept: lowercasing is the caller's choice (``CountVectorizer(lowercase=True)``
lowercases before it calls the tokenizer).

How this relates to the matcher: the matcher treats a hyphen as a word boundary, so it
finds "Kiev" inside "pro-Kiev", where the tokenizer sees one token "pro-Kiev". A rate is
hits per token, so the two differ only in what counts as one word, never in what is found.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import numpy as np
import pandas as pd

_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-"})

#: A run of letters/digits, optionally continued across one internal hyphen or apostrophe.
#: Or an abbreviation of single letters with periods ("U.S.", "U.K."), kept whole.
TOKEN_PATTERN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:[-'][^\W_]+)*")

_POSSESSIVE = re.compile(r"(?:'[sS])+$")


def _prepare(text: str) -> str:
    return unicodedata.normalize("NFC", text).translate(_FOLD)


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
