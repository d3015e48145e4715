"""``framing.corpus._mojibake``: the text ftfy leaves alone, read from ftfy's own tables.

Text repair skips ftfy where :func:`ftfy_leaves_alone` says ftfy would give the text
back; these tests check that reading against ``ftfy.badness.is_bad`` and ``fix_text``
themselves, on generated Cyrillic, Greek, emoji and mojibake text. That repair gives the
same with and without the shortcut is tested in test_clean.py.
"""

from __future__ import annotations

import re
import unicodedata
from unittest import mock

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.corpus import _mojibake

# Cyrillic, Greek and emoji text, with the mojibake ftfy finds in them and what stands
# next to it.
CYRILLIC_PIECES = [
    "Привет", "мир", "ТАСС", "їжак", "Ґанок", "ґ", "Єва", "ўсё", " ", "\n", ".", "«", "»",
    "“", "”", "‘", "’", "–", "—", "…", "\u00a0", "\u00ad", "·", "❗️", "📩", "🇷🇺",
    "РџСЂРёРІРµС‚", "Р’Р»Рё", "Р»С", "С«В", "Г“Р", "вЂ", "вЂ™", "ГўВЂВ™s", "Ð¿Ñ€", "Β»Γ",
    "Ω", "Ω", "№", "°", "€", "é", "e\u0301", "\r", "\x85", "ﬁ", "\ufeff", "&amp;", "A",
    "аҐ", "»ґ", "ґ»«", "aҐ«", "ґ»a", "a", "ґрунт", "Ґ", "ʼ", "'",
]  # fmt: skip
CYRILLIC_TEXTS = st.lists(
    st.sampled_from(CYRILLIC_PIECES)
    | st.text(alphabet=st.characters(min_codepoint=0x370, max_codepoint=0x4FF), max_size=3),
    max_size=25,
).map("".join)


@settings(max_examples=600, deadline=None)
@given(CYRILLIC_TEXTS | st.text(max_size=20))
def test_where_ftfy_acts_is_read_from_ftfy_badness(text: str) -> None:
    # The reading ftfy_acts_on rests on: text without the characters it names has
    # mojibake by ftfy's own test exactly where it has one of the four clues.
    from ftfy import badness

    patterns = _mojibake.ftfy_patterns()
    if patterns is None:
        pytest.skip("not the ftfy version whose patterns were read")
    characters, clues = patterns
    if re.search(characters, text) is None:
        clue = re.search(clues, text) is not None
        assert badness.is_bad(text) == clue
        if not clue and unicodedata.is_normalized("NFC", text):
            # (not NFC: ftfy normalises, then looks again, and "»e\u0301" becomes "»é",
            # mojibake to it; ftfy_leaves_alone asks for NFC text)
            assert ftfy.fix_text(text, _mojibake.FTFY_CONFIG) == text


def test_another_ftfy_version_sends_every_text_that_is_not_ascii_through_ftfy() -> None:
    _mojibake.ftfy_acts_on.cache_clear()
    try:
        with mock.patch.object(ftfy, "__version__", "9.9"):
            assert _mojibake.ftfy_acts_on() is None
            assert not _mojibake.ftfy_leaves_alone("Привет, мир")
            assert _mojibake.ftfy_leaves_alone("Hello, world")
    finally:
        _mojibake.ftfy_acts_on.cache_clear()
    assert _mojibake.ftfy_leaves_alone("Привет, «мир» ❗️")
    assert not _mojibake.ftfy_leaves_alone("РџСЂРёРІРµС‚")


def test_plain_ascii_is_printable_ascii_tabs_and_line_breaks_only() -> None:
    assert _mojibake.is_plain_ascii("Talks resume.\tIn Kyiv\r\n")
    for text in ("don’t", "\x1b[31mred", "bell\x07", "caf\u00e9", "\x00"):
        assert not _mojibake.is_plain_ascii(text)
