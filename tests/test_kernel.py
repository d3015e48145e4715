"""``framing._kernel``: the compiled pass over ASCII text must give exactly what the
Python path of ``framing._text`` gives (text, folded copy, bytes and offsets)."""

from __future__ import annotations

import shutil
import sysconfig
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from framing import _text

kernel = _text._kernel
needs_kernel = pytest.mark.skipif(kernel is None, reason="framing._kernel is not built here")

# ASCII with what the folds and runs act on made common: runs of spaces, tabs, line
# breaks, the information separators, the backtick.
ascii_texts = st.lists(
    st.one_of(
        st.sampled_from([" ", "  ", "\t", "\n", "\r\n", "\x0b", "\x0c", "\x1c", "\x1f", "`"]),
        st.text(st.characters(max_codepoint=127), max_size=6),
    ),
    max_size=30,
).map("".join)


def _compiler_and_headers() -> bool:
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    return headers.exists() and any(shutil.which(name) for name in ("cc", "gcc", "clang"))


@pytest.mark.skipif(not _compiler_and_headers(), reason="no C compiler or Python headers here")
def test_the_kernel_is_built_where_it_can_be():
    # setup.py builds it as an optional extension: a failed build must not go unnoticed
    # where the machine could build it (CI has gcc and the headers).
    assert kernel is not None


def _python_path(text: str) -> tuple[str, str, bytes, list]:
    for character in _text._ASCII_FOLDS:
        text = text.replace(character, _text._FOLD_BY_CHARACTER[character])
    text, edits = _text._collapse_runs(text, deletions=False)
    return text, text.lower(), text.lower().encode("ascii"), edits


@needs_kernel
@settings(max_examples=500)
@given(ascii_texts)
@example("")
@example("  ")
@example(" \t\n x \x1c\x1d y  ")
@example("It`s  a\n\nTEST")
@example("abcdefg  hijklm`\t\topqrstu\x1f\x1c   vwxyz12345678  ")  # across 8-byte words
def test_the_kernel_gives_what_the_python_path_gives(text):
    assert kernel.normalise_ascii(text, _text._ASCII_FOLD_TABLE) == _python_path(text)


@needs_kernel
@settings(max_examples=200)
@given(ascii_texts)
def test_the_kernel_folds_by_a_table_of_any_shape(text):
    # A table that also changes printable characters takes the byte-by-byte path (the
    # fast one copies eight bytes at a time unless one is a control character or `).
    table = bytearray(_text._ASCII_FOLD_TABLE)
    table[ord("a")] = ord(" ")
    table[ord("E")] = ord("e")
    folded = text.translate(dict(enumerate(table.decode("ascii"))))
    cased, edits = _text._collapse_runs(folded, deletions=False)
    assert kernel.normalise_ascii(text, bytes(table)) == (
        cased,
        cased.lower(),
        cased.lower().encode("ascii"),
        edits,
    )


@needs_kernel
@settings(max_examples=500)
@given(st.one_of(ascii_texts, st.deferred(lambda: one_byte_texts)))
def test_normalise_folded_is_the_same_with_and_without_the_kernel(text):
    assert_same_without(text, "_kernel")


def assert_same_without(text: str, kernel_name: str) -> None:
    """normalise_folded gives the same texts, bytes and offsets with the compiled
    ``framing._text.<kernel_name>`` as on the Python path (it switched off)."""
    compiled = _text.normalise_folded(text)
    with mock.patch.object(_text, kernel_name, None):  # the Python path
        python = _text.normalise_folded(text)
    assert compiled[0] == python[0]
    assert compiled[1] == python[1]
    assert compiled[3] == python[3]
    for position in range(len(compiled[0]) + 1):
        assert compiled[2].start(position) == python[2].start(position)
        assert compiled[2].end(position) == python[2].end(position)


@needs_kernel
def test_the_kernel_leaves_other_text_to_python():
    assert kernel.normalise_ascii("Kyiv’s", _text._ASCII_FOLD_TABLE) is None
    assert kernel.normalise_ascii("Київ", _text._ASCII_FOLD_TABLE) is None


@needs_kernel
def test_the_kernel_checks_its_arguments():
    with pytest.raises(TypeError):
        kernel.normalise_ascii(b"bytes", _text._ASCII_FOLD_TABLE)
    with pytest.raises(TypeError):
        kernel.normalise_ascii("text", b"short")
    with pytest.raises(TypeError):
        kernel.normalise_ascii("text")
    with pytest.raises(ValueError, match="ASCII to ASCII"):
        kernel.normalise_ascii("text", bytes([200]) * 128)
    table = bytes(256)
    with pytest.raises(TypeError):
        kernel.normalise_one_byte("text", table, table, table)
    with pytest.raises(TypeError):
        kernel.normalise_one_byte(b"text", table, table, b"short")
    with pytest.raises(TypeError):
        kernel.encode_one_byte("text", b"short")
    with pytest.raises(TypeError):
        kernel.encode_one_byte(b"text", _text._ONE_BYTE_CODES)


# -- the one-byte functions: Cyrillic text as windows-1251 bytes ---------------------------
CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯіїєґІЇЄҐўЎ"
one_byte_texts = st.lists(
    st.one_of(
        st.sampled_from([" ", "  ", "\t", "\n\n", "\u00a0", "\u2013", "\u00ab", "\u00bb", "`"]),
        st.text(st.sampled_from(CYRILLIC + "aceopxyKMHT1_-'\"."), max_size=6),
    ),
    max_size=30,
).map("".join)


def _python_one_byte(encoded: bytes) -> tuple[bytes, bytes, list, bool]:
    collapsed, edits = _text._collapse_runs(encoded.translate(_text._ONE_BYTE_FOLDS), False)
    mixed = _text._ONE_BYTE_MIXED.search(encoded) is not None
    return collapsed, collapsed.translate(_text._ONE_BYTE_LOWER), edits, mixed


@needs_kernel
@settings(max_examples=500)
@given(one_byte_texts)
@example("Kиев и ЛНP")  # Latin look-alikes beside Cyrillic letters
@example("KION и Киев")  # one script per word
def test_the_one_byte_pass_gives_what_the_python_steps_give(text):
    encoded = text.encode(_text.ONE_BYTE)
    got = kernel.normalise_one_byte(
        encoded, _text._ONE_BYTE_FOLDS, _text._ONE_BYTE_LOWER, _text._ONE_BYTE_CLASSES
    )
    assert got == _python_one_byte(encoded)


@needs_kernel
@settings(max_examples=500)
@given(st.text(max_size=20))
@example("Київ — «Ёлка»")
@example("café")
@example("\ud800")
def test_the_encoder_gives_what_the_codec_gives(text):
    try:
        expected = text.encode(_text.ONE_BYTE)
    except UnicodeEncodeError:
        expected = None
    assert kernel.encode_one_byte(text, _text._ONE_BYTE_CODES) == expected


# -- the automaton's copy: b" " + data.translate(table) + b" " ----------------------------
@needs_kernel
@settings(max_examples=500)
@given(st.one_of(st.binary(max_size=80), ascii_texts.map(str.encode)), st.booleans())
@example(b"", True)
@example(b"Kyiv's war_1 [x] `A-Z` @ \x7f", True)
def test_anchor_is_translate_between_two_spaces(data, use_table):
    from framing import _engine_text

    table = _engine_text._ONE_BYTE_NON_WORD
    expected = b" " + data.translate(table) + b" "
    # ascii_words: the fast path for ASCII data (the flag says the table allows it);
    # without it every byte goes through the table.
    assert kernel.anchor(data, table, _engine_text._ASCII_WORDS and use_table) == expected
    assert kernel.anchor(data, table, False) == expected


@needs_kernel
def test_the_engine_table_allows_the_fast_path_and_another_does_not_use_it():
    from framing import _engine_text

    assert _engine_text._ASCII_WORDS
    other = bytes(range(256))  # the identity: no byte becomes a space
    assert kernel.anchor(b"a-b", other, False) == b" a-b "
    with pytest.raises(TypeError):
        kernel.anchor("a-b", other, False)
    with pytest.raises(TypeError):
        kernel.anchor(b"a-b", b"short", False)
