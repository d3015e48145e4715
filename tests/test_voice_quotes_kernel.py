"""``framing.voice._quotes_kernel``: paragraphs and the pairing of quotation marks in C
must give exactly what the Python steps of ``framing.voice._quotes`` give, and the voices
of every hit must be the same on both paths."""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from framing.voice import _quotes, voices_and_speakers
from framing.voice._quotes import _GLUED_REACH, UNCLOSED_QUOTE_CHARS
from tests.test_kernel import _compiler_and_headers

kernel = _quotes._quotes_kernel
needs_kernel = pytest.mark.skipif(
    kernel is None, reason="framing.voice._quotes_kernel is not built here"
)


@pytest.mark.skipif(not _compiler_and_headers(), reason="no C compiler or Python headers here")
def test_the_kernel_is_built_where_it_can_be():
    assert kernel is not None


@contextmanager
def _python_only():
    """``framing.voice._quotes`` on its Python path within the block."""
    saved = _quotes._quotes_kernel
    _quotes._quotes_kernel = None
    try:
        yield
    finally:
        _quotes._quotes_kernel = saved


# Every mark, the shapes around them that the rules read (words, spaces of every kind,
# sentence ends, closing punctuation, brackets, apostrophes between letters, a mark glued
# to a word), every separator of paragraphs, and characters of one, two and four bytes,
# so that the compiled code meets each width of Python's strings. Long runs of letters
# put the marks on both sides of the compiled scan's blocks of 32 characters.
_PIECES = (
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
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=80).map("".join)


@needs_kernel
@settings(max_examples=600)
@given(_TEXTS)
@example("")
@example("a\n\n\nb")
@example("a\n \n\n \nb\r\n")
@example("a\rb\u2028c")
def test_paragraphs_are_the_python_paragraphs(text):
    assert kernel.paragraphs(text) == _quotes._paragraphs(text)


@needs_kernel
@settings(max_examples=600)
@given(_TEXTS, st.data())
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
        got = kernel.quotes(text, start, end, UNCLOSED_QUOTE_CHARS, _GLUED_REACH)
        assert got == _quotes._marks(text, start, end), (start, end)


# Each character the pairing treats apart (closing punctuation, sentence ends, opening
# brackets, white space, word characters), on either side of each kind of mark, after a
# quotation left open: the shapes where "opens", "closes" and the previous character
# decide what a mark does.
_AROUND = ",.;:!?)]}\u2026([{ \u00a0_1a\u00e9\u0436-/"
_MARKS = "\"\u201c\u201d\u201e\u201f'\u2018\u2019\u201a\u201b\u00ab\u00bb\u2039\u203a"


@needs_kernel
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
                    got = kernel.quotes(text, 0, len(text), UNCLOSED_QUOTE_CHARS, _GLUED_REACH)
                    assert got == _quotes._marks(text, 0, len(text)), text


@needs_kernel
@settings(max_examples=300)
@given(_TEXTS, st.sampled_from([None, "Volodymyr Zelenskyy"]))
def test_voices_are_the_same_on_both_paths(text, principal):
    spans = [(m.start(), m.end()) for m in re.finditer(r"war|Kyiv", text)]
    compiled = voices_and_speakers(text, spans, principal=principal)
    with _python_only():
        assert voices_and_speakers(text, spans, principal=principal) == compiled


@needs_kernel
def test_the_kernel_checks_its_arguments():
    with pytest.raises(TypeError):
        kernel.paragraphs(b"text")
    with pytest.raises(TypeError):
        kernel.quotes("text", 0, 4, 1000)
    with pytest.raises(ValueError):
        kernel.quotes("text", 2, 1, 1000, 40)
    with pytest.raises(ValueError):
        kernel.quotes("text", 0, 5, 1000, 40)


@pytest.mark.realdata
@pytest.mark.slow
@needs_kernel
def test_real_text_is_read_the_same_on_both_paths(shared_data: Path):
    from _realdata_corpora import voice_samples

    checked = paragraphs = 0
    for name, text, spans in voice_samples(shared_data, seed=1):
        bounds = kernel.paragraphs(text)
        assert bounds == _quotes._paragraphs(text), name
        for start, end in bounds:
            got = kernel.quotes(text, start, end, UNCLOSED_QUOTE_CHARS, _GLUED_REACH)
            assert got == _quotes._marks(text, start, end), name
        paragraphs += len(bounds)
        compiled = voices_and_speakers(text, spans)
        with _python_only():
            assert voices_and_speakers(text, spans) == compiled, name
        checked += len(spans)
    assert checked > 20_000
    assert paragraphs > 10_000
