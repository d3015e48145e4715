"""``framing.voice._keys_kernel``: the keys of a window found in C must be exactly those
the key automaton finds in the window's lower case, in the same order, and the voices of
every hit must be the same on both paths."""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from framing.voice import _keys, voices_and_speakers
from framing.voice._keys import KEYS
from tests.test_kernel import _compiler_and_headers

kernel = _keys._keys_kernel
needs_kernel = pytest.mark.skipif(
    kernel is None or _keys.AUTOMATON is None,
    reason="framing.voice._keys_kernel (or ahocorasick_rs, its reference) is missing here",
)


@pytest.mark.skipif(not _compiler_and_headers(), reason="no C compiler or Python headers here")
def test_the_kernel_is_built_where_it_can_be():
    assert kernel is not None


@contextmanager
def _automaton_only():
    saved = _keys._TABLE
    _keys._TABLE = None
    try:
        yield
    finally:
        _keys._TABLE = saved


# The keys in every case and glued to words, characters whose lower case is a key's
# (Latin and Cyrillic capitals), characters of two and four bytes, white space of all
# kinds; no case trap (İ ı ſ K: texts with them never reach the key search).
_KEY_PIECES = st.sampled_from(KEYS).flatmap(
    lambda key: st.sampled_from([key, key.upper(), key.title(), "x" + key, key[:-1], key + "s"])
)
_PIECES = st.sampled_from(
    [" ", "  ", "\n", "\u00a0", ".", ",", "-", "a", "Z", "\u00c9", "\u0416", "\u2019",
     "\u201c", "\U0001f600", "\u03a3", "\u1e9e", "war"]
)  # fmt: skip
_TEXTS = st.lists(st.one_of(_KEY_PIECES, _PIECES), max_size=40).map("".join)


@needs_kernel
@settings(max_examples=500)
@given(_TEXTS, st.data())
@example("He SAID: so-called", None)
@example("according to\ncalls on", None)
def test_a_window_holds_the_keys_the_automaton_finds(text, data):
    windows = [(0, len(text))]
    if data is not None:
        start = data.draw(st.integers(0, len(text)))
        windows.append((start, data.draw(st.integers(start, len(text) + 3))))
    for start, stop in windows:
        assert kernel.window(text, start, stop, _keys._TABLE) == _keys._keys_in(text, start, stop)


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


@needs_kernel
@settings(max_examples=300)
@given(st.text(st.sampled_from("abcωΩ日本語 \u0436\u0416աբԱԲßẞ"), max_size=30))
@example("ab abc b Ωω 日本語日 ԱԲ ẞa")
def test_any_keys_are_found_by_a_table_of_their_own(text):
    # Keys of one character, keys that share their first two, keys of characters beyond
    # the table's direct range (Armenian, with capitals there too; Japanese), a capital
    # beyond it whose lower case is within (ẞ, ß): the kernel's machinery in general.
    keys = ("a", "ab", "abc", "abcc", "b", "ω", "日本", "日本語", "\u0436a", "c a", "աբ", "ßa")
    table = kernel.table(keys, tuple(range(len(keys))))
    assert kernel.window(text, 0, len(text), table) == _occurrences(keys, text, 0, len(text))


@needs_kernel
@settings(max_examples=300)
@given(_TEXTS, st.sampled_from([None, "Volodymyr Zelenskyy"]))
def test_voices_are_the_same_on_both_paths(text, principal):
    spans = [(m.start(), m.end()) for m in re.finditer(r"war|a", text)]
    compiled = voices_and_speakers(text, spans, principal=principal)
    with _automaton_only():
        assert voices_and_speakers(text, spans, principal=principal) == compiled


@needs_kernel
def test_the_kernel_checks_its_arguments():
    with pytest.raises(TypeError):
        kernel.window(b"text", 0, 4, _keys._TABLE)
    with pytest.raises(ValueError):  # not the kernel's table
        kernel.window("text", 0, 4, object())
    with pytest.raises(TypeError):
        kernel.table(("a", ""), (1, 2))
    with pytest.raises(TypeError):
        kernel.table(("a",), (1, 2))


@pytest.mark.realdata
@pytest.mark.slow
@needs_kernel
def test_real_text_is_read_the_same_on_both_paths(shared_data: Path):
    from _realdata_corpora import voice_samples

    checked = 0
    for name, text, spans in voice_samples(shared_data, seed=2):
        if re.search("[\u0130\u0131\u017f\u212a]", text):
            continue  # a case trap: the rules test the keys one by one
        got = kernel.window(text, 0, len(text), _keys._TABLE)
        assert got == _keys._keys_in(text, 0, len(text)), name
        compiled = voices_and_speakers(text, spans)
        with _automaton_only():
            assert voices_and_speakers(text, spans) == compiled, name
        checked += len(spans)
    assert checked > 20_000
