"""What a word is: word characters, and where words start and end, in normalised text.

The matcher (``framing._engine``) checks every candidate's boundaries with these, and the
lexicon rules (``framing.lexicon``) the words of a term.

>>> starts_word("the Kiev's", 4), ends_word("the Kiev's", 8)
(True, True)
>>> word_end("don't go", 0)
5
"""

from __future__ import annotations

import unicodedata


def is_word_character(character: str) -> bool:
    """Return True for a letter, digit, underscore or combining mark."""
    return (
        character.isalnum()
        or character == "_"
        or (character >= "\u0300" and unicodedata.category(character)[0] == "M")
    )


def is_possessive(text: str, index: int) -> bool:
    """True when ``text[index]`` is the apostrophe of a possessive ``'s`` (folded text)."""
    after = index + 2
    return (
        index + 1 < len(text)
        and text[index + 1] == "s"
        and (after == len(text) or not is_word_character(text[after]))
    )


def is_inner_apostrophe(text: str, index: int) -> bool:
    """True when ``text[index]`` is an apostrophe inside a word ("don't", "O'Brien").

    An apostrophe between two word characters joins them into one word, except the
    apostrophe of a possessive ``'s``, which ends the word before it ("Kiev's").
    """
    return (
        0 < index < len(text) - 1
        and text[index] == "'"
        and is_word_character(text[index - 1])
        and is_word_character(text[index + 1])
        and not is_possessive(text, index)
    )


def starts_word(text: str, index: int) -> bool:
    """True when a word can start at ``index`` (nothing of a word just before it)."""
    if index == 0:
        return True
    before = text[index - 1]
    if is_word_character(before):
        return False
    return not (before == "'" and is_inner_apostrophe(text, index - 1))


def ends_word(text: str, index: int) -> bool:
    """True when a word can end at ``index`` (nothing of a word just after it)."""
    if index == len(text):
        return True
    after = text[index]
    if is_word_character(after):
        return False
    return not (after == "'" and is_inner_apostrophe(text, index))


def word_end(text: str, index: int) -> int:
    """Return the end of the word that continues at ``index`` (for ``*`` globs)."""
    length = len(text)
    while index < length:
        character = text[index]
        if is_word_character(character) or (character == "'" and is_inner_apostrophe(text, index)):
            index += 1
        else:
            break
    return index
