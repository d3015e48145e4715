"""``framing._unicode_kernel``: the compiled folds and runs of text that is neither ASCII
nor windows-1251 must give exactly what the Python steps of ``framing._text`` give (the
normalised text, its offsets, the folded copy), on generated text and on real text."""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from framing import _text
from tests._realdata_corpora import load_corpora, load_russian_telegram, load_ukrainian_addresses
from tests.test_kernel import _compiler_and_headers, assert_same_without

kernel = _text._unicode_kernel
needs_kernel = pytest.mark.skipif(
    kernel is None, reason="framing._unicode_kernel is not built here"
)

# Everything the folds and runs act on, beside what they leave: every folded and deleted
# character, spaces and runs of them, letters of one, two and four bytes, a combining
# mark, emoji with their variation selector, the fold above the Basic Multilingual Plane,
# a lone surrogate.
_PIECES = (
    *_text.DELETED,
    *_text.WHITESPACE,
    *_text.APOSTROPHES,
    *_text.DOUBLE_QUOTES,
    *_text.DASHES,
    " ", " ", "  ", "a", "Kyiv", "Київ", "ёЁ", "é", "e\u0301", "\U0001f4e9", "\u2757\ufe0f",
    "\ud800", "Kиев", "中",
)  # fmt: skip
texts = st.lists(st.sampled_from(_PIECES), max_size=25).map("".join)


@pytest.mark.skipif(not _compiler_and_headers(), reason="no C compiler or Python headers here")
def test_the_kernel_is_built_where_it_can_be():
    assert kernel is not None


def _both(function, text):
    ours = function(text)
    with mock.patch.object(_text, "_unicode_kernel", None):
        theirs = function(text)
    return ours, theirs


def _same_normalisation(text: str) -> None:
    (cased, offsets), (python_cased, python_offsets) = _both(_text._normalise_unicode, text)
    assert cased == python_cased
    assert offsets._edits == python_offsets._edits
    # The compiled pass makes its string in the smallest width, as Python's own are
    # (equal strings of two widths would compare unequal).
    assert cased.isascii() == python_cased.isascii()
    assert cased.encode("utf-8", "surrogatepass") == python_cased.encode("utf-8", "surrogatepass")


@needs_kernel
@settings(max_examples=1000)
@given(texts)
@example("")
@example(" \ufe0f ")  # a deleted character between two spaces: one space
@example("\u2757\ufe0f \ufe0fКиїв")  # deleted characters either side of one space
@example("\u00ad\u00ad")  # deleted characters only
@example("a\u00a0\u202f\tb")  # white space folded, then one run
@example("\U00010ead")  # the fold above the Basic Multilingual Plane
def test_the_kernel_gives_what_the_python_steps_give(text):
    _same_normalisation(text)


@needs_kernel
@settings(max_examples=500)
@given(st.text(max_size=40))
def test_normalise_folded_is_the_same_with_and_without_the_kernel(text):
    assert_same_without(text, "_unicode_kernel")


@needs_kernel
def test_the_kernel_checks_its_arguments():
    with pytest.raises(TypeError):
        kernel.fold_and_collapse("text", b"short")
    with pytest.raises(TypeError):
        kernel.fold_and_collapse(b"text", _text._UNICODE_TABLE)


@needs_kernel
def test_the_kernel_on_the_real_texts_that_take_the_general_path(shared_data):
    corpora = load_corpora(shared_data)
    corpora["ru_telegram"] = load_russian_telegram(shared_data)
    corpora["resistinua_uk"] = load_ukrainian_addresses(shared_data)
    general = 0
    for corpus in corpora.values():
        for column in ("title", "description", "text"):
            if column not in corpus.columns:
                continue
            for text in corpus[column].dropna().tolist():
                if text.isascii() or _text._encode_one_byte(text) is not None:
                    continue
                general += 1
                if not _text.unicodedata.is_normalized("NFC", text):
                    text = _text._nfc(text)[0]
                _same_normalisation(text)
    assert general > 1000  # Telegram posts with emoji, English text with "é", ...
