"""Voice's compiled steps (``framing/voice/_quotes_kernel.c``: paragraphs and the pairing
of quotation marks; ``framing/voice/_keys_kernel.c``: the keys of a hit's window) must
give exactly what the Python steps they replace give, and the voices of every hit must be
the same with and without them."""

from __future__ import annotations

import re
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from framing.voice import _keys, _quotes, voices_and_speakers
from framing.voice._keys import KEYS
from framing.voice._quotes import _GLUED_REACH, UNCLOSED_QUOTE_CHARS
from tests.test_kernel import _compiler_and_headers

quotes_kernel = _quotes._quotes_kernel
keys_kernel = _keys._keys_kernel
needs_quotes = pytest.mark.skipif(
    quotes_kernel is None, reason="framing.voice._quotes_kernel is not built here"
)
needs_keys = pytest.mark.skipif(
    keys_kernel is None or _keys.AUTOMATON is None,
    reason="framing.voice._keys_kernel (or ahocorasick_rs, its reference) is missing here",
)
#: Each compiled step as the module that uses it holds it: None puts it on its Python path.
SWITCHES = {"quotes": (_quotes, "_quotes_kernel"), "keys": (_keys, "_TABLE")}


@pytest.mark.skipif(not _compiler_and_headers(), reason="no C compiler or Python headers here")
def test_the_kernels_are_built_where_they_can_be():
    assert quotes_kernel is not None
    assert keys_kernel is not None


def _python_path(*steps: str) -> ExitStack:
    """The given compiled steps switched off within the block."""
    stack = ExitStack()
    for step in steps:
        stack.enter_context(mock.patch.object(*SWITCHES[step], None))
    return stack


# -- paragraphs and quotation marks --------------------------------------------------------

# Every mark, the shapes around them that the rules read (words, spaces of every kind,
# sentence ends, closing punctuation, brackets, apostrophes between letters, a mark glued
# to a word), every separator of paragraphs, and characters of one, two and four bytes,
# so that the compiled code meets each width of Python's strings. Long runs of letters
# put the marks on both sides of the compiled scan's blocks of 32 characters.
_MARK_PIECES = (
    *"\"\u201c\u201d\u201e\u201f'\u2018\u2019\u201a\u201b\u00ab\u00bb\u2039\u203a",
    "a",
    "war",
    "Kyiv",
    "x" * 31,
    "y" * 40,
    " ",
    "  ",
    "\u00a0",
    "\t",
    "\u3000",
    ". ",
    "! ",
    "? ",
    "\u2026",
    ".",
    ",",
    ", ",
    "; ",
    ":",
    "(",
    ")",
    "[",
    "]",
    "{",
    "_",
    "1",
    "don't",
    "this'war'",
    "\u0432\u0456\u0439\u043d\u0430",
    "\u00e9",
    "\U0001f600",
    "\n",
    "\n\n",
    "\n \n",
    "\n\t\n",
    "\r\n",
    "\r\n\r\n",
    "\r",
    "\u2028",
    "\u2029",
    "\x0b",
    "\x1c",
)
_MARK_TEXTS = st.lists(st.sampled_from(_MARK_PIECES), max_size=80).map("".join)


@needs_quotes
@settings(max_examples=600)
@given(_MARK_TEXTS)
@example("")
@example("a\n\n\nb")
@example("a\n \n\n \nb\r\n")
@example("a\rb\u2028c")
def test_paragraphs_are_the_python_paragraphs(text):
    assert quotes_kernel.paragraphs(text) == _quotes._paragraphs(text)


@needs_quotes
@settings(max_examples=600)
@given(_MARK_TEXTS, st.data())
@example('He said "war" today.', None)
@example("\u201cA. \u201cB.\u201d", None)
@example("\u00bbx\u00ab y", None)
@example("this'war' and 'that", None)
@example('"open ' + "z" * 1200, None)
@example("\u201ca " + "z" * 1100 + " \u2018b\u2019 tail", None)  # closed past the reach
def test_the_pairing_is_the_python_pairing(text, data):
    bounds = list(_quotes._paragraphs(text))
    if data is not None and text:  # any stretch: the apostrophe test looks before it
        start = data.draw(st.integers(0, len(text)))
        bounds.append((start, data.draw(st.integers(start, len(text)))))
    for start, end in bounds:
        got = quotes_kernel.quotes(text, start, end, UNCLOSED_QUOTE_CHARS, _GLUED_REACH)
        assert got == _quotes._marks(text, start, end), (start, end)


# Each character the pairing treats apart (closing punctuation, sentence ends, opening
# brackets, white space, word characters), on either side of each kind of mark, after a
# quotation left open: the shapes where "opens", "closes" and the previous character
# decide what a mark does.
_AROUND = ",.;:!?)]}\u2026([{ \u00a0_1a\u00e9\u0436-/"
_MARKS = "\"\u201c\u201d\u201e\u201f'\u2018\u2019\u201a\u201b\u00ab\u00bb\u2039\u203a"


@needs_quotes
@pytest.mark.parametrize("mark", list(_MARKS))
def test_each_mark_beside_each_character_the_rules_tell_apart(mark):
    for opening in _MARKS:
        for before in _AROUND:
            for after in _AROUND:
                for text in (
                    f"{opening}war{before}{mark}{after}x",
                    f"x {opening}war {before}{mark}{after}",
                    f"{before}{mark}{after}",
                ):
                    got = quotes_kernel.quotes(
                        text, 0, len(text), UNCLOSED_QUOTE_CHARS, _GLUED_REACH
                    )
                    assert got == _quotes._marks(text, 0, len(text)), text


@needs_quotes
def test_the_quotes_kernel_checks_its_arguments():
    with pytest.raises(TypeError):
        quotes_kernel.paragraphs(b"text")
    with pytest.raises(TypeError):
        quotes_kernel.quotes("text", 0, 4, 1000)
    with pytest.raises(ValueError):
        quotes_kernel.quotes("text", 2, 1, 1000, 40)
    with pytest.raises(ValueError):
        quotes_kernel.quotes("text", 0, 5, 1000, 40)


# -- the keys of a window ------------------------------------------------------------------

# The keys in every case and glued to words, characters whose lower case is a key's
# (Latin and Cyrillic capitals), characters of two and four bytes, white space of all
# kinds; no case trap (İ ı ſ K: texts with them never reach the key search).
_KEY_PIECES = st.sampled_from(KEYS).flatmap(
    lambda key: st.sampled_from([key, key.upper(), key.title(), "x" + key, key[:-1], key + "s"])
)
_OTHER_PIECES = st.sampled_from(
    [" ", "  ", "\n", "\u00a0", ".", ",", "-", "a", "Z", "\u00c9", "\u0416", "\u2019",
     "\u201c", "\U0001f600", "\u03a3", "\u1e9e", "war"]
)  # fmt: skip
_KEY_TEXTS = st.lists(st.one_of(_KEY_PIECES, _OTHER_PIECES), max_size=40).map("".join)


@needs_keys
@settings(max_examples=500)
@given(_KEY_TEXTS, st.data())
@example("He SAID: so-called", None)
@example("according to\ncalls on", None)
def test_a_window_holds_the_keys_the_automaton_finds(text, data):
    windows = [(0, len(text))]
    if data is not None:
        start = data.draw(st.integers(0, len(text)))
        windows.append((start, data.draw(st.integers(start, len(text) + 3))))
    for start, stop in windows:
        assert keys_kernel.window(text, start, stop, _keys._TABLE) == _keys._keys_in(
            text, start, stop
        )


def _occurrences(keys: tuple[str, ...], text: str, start: int, stop: int) -> list:
    """Every key in ``text[start:stop].lower()``, by a plain search for each."""
    window = text[start:stop].lower()
    found = []
    for number, key in enumerate(keys):
        at = window.find(key)
        while at >= 0:
            found.append((start + at, start + at + len(key), number))
            at = window.find(key, at + 1)
    return sorted(found)


@needs_keys
@settings(max_examples=300)
@given(st.text(st.sampled_from("abcωΩ日本語 \u0436\u0416աբԱԲßẞ"), max_size=30))
@example("ab abc b Ωω 日本語日 ԱԲ ẞa")
def test_any_keys_are_found_by_a_table_of_their_own(text):
    # Keys of one character, keys that share their first two, keys of characters beyond
    # the table's direct range (Armenian, with capitals there too; Japanese), a capital
    # beyond it whose lower case is within (ẞ, ß): the kernel's machinery in general.
    keys = ("a", "ab", "abc", "abcc", "b", "ω", "日本", "日本語", "\u0436a", "c a", "աբ", "ßa")
    table = keys_kernel.table(keys, tuple(range(len(keys))))
    assert keys_kernel.window(text, 0, len(text), table) == _occurrences(keys, text, 0, len(text))


@needs_keys
def test_the_keys_kernel_checks_its_arguments():
    with pytest.raises(TypeError):
        keys_kernel.window(b"text", 0, 4, _keys._TABLE)
    with pytest.raises(ValueError):  # not the kernel's table
        keys_kernel.window("text", 0, 4, object())
    with pytest.raises(TypeError):
        keys_kernel.table(("a", ""), (1, 2))
    with pytest.raises(TypeError):
        keys_kernel.table(("a",), (1, 2))


# -- the voices: the same on every path ----------------------------------------------------


@needs_quotes
@needs_keys
@settings(max_examples=300)
@given(
    st.one_of(_MARK_TEXTS, _KEY_TEXTS),
    st.sampled_from([None, "Volodymyr Zelenskyy"]),
    st.sampled_from([("quotes",), ("keys",), ("quotes", "keys")]),
)
def test_voices_are_the_same_on_every_path(text, principal, steps):
    spans = [(m.start(), m.end()) for m in re.finditer(r"war|Kyiv|a", text)]
    compiled = voices_and_speakers(text, spans, principal=principal)
    with _python_path(*steps):
        assert voices_and_speakers(text, spans, principal=principal) == compiled


@pytest.mark.realdata
@pytest.mark.slow
@needs_quotes
@needs_keys
def test_real_text_is_read_the_same_on_both_paths(shared_data: Path):
    from _realdata_corpora import voice_samples

    checked = paragraphs = 0
    for name, text, spans in voice_samples(shared_data, seed=1):
        bounds = quotes_kernel.paragraphs(text)
        assert bounds == _quotes._paragraphs(text), name
        for start, end in bounds:
            got = quotes_kernel.quotes(text, start, end, UNCLOSED_QUOTE_CHARS, _GLUED_REACH)
            assert got == _quotes._marks(text, start, end), name
        paragraphs += len(bounds)
        if not re.search("[\u0130\u0131\u017f\u212a]", text):  # else the keys one by one
            got = keys_kernel.window(text, 0, len(text), _keys._TABLE)
            assert got == _keys._keys_in(text, 0, len(text)), name
        compiled = voices_and_speakers(text, spans)
        for steps in (("quotes",), ("keys",), ("quotes", "keys")):
            with _python_path(*steps):
                assert voices_and_speakers(text, spans) == compiled, (name, steps)
        checked += len(spans)
    assert checked > 20_000
    assert paragraphs > 10_000
