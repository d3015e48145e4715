"""The one-byte path: Cyrillic text that fits windows-1251 is normalised and searched as
bytes (``framing._text._normalise_one_byte``, ``framing._engine_text._anchored_one_byte``).
It must give exactly what the general path gives, offsets included."""

from __future__ import annotations

import re
import unicodedata

import pytest
from _reference_matcher import reference_find
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from framing import _engine_text, _text
from framing._engine import BACKENDS, Engine, available_backends

ENCODING = _text.ONE_BYTE
# Every character windows-1251 has, in byte order.
CHARACTERS = [
    bytes([byte]).decode(ENCODING)
    for byte in range(256)
    if byte != 0x98  # 0x98: unassigned
]

# Cyrillic words with what news text puts around them; all but the last few fit the
# encoding (those send a text to the general path, or become spaces in the anchored copy).
WORDS = [
    "Киев", "КИЕВ", "киев", "Kиев", "ЛНP", "ЛНР", "лнр", "ещё", "ЕЩЁ", "еще", "Київ",
    "Києві", "Kиїв", "ґанок", "Ўзбек", "СВО", "сво", "спецоперации", "военная",
    "специальной", "KION", "Zа", "war", "so-called", "don't", "42", "№", "так", "называемой",
    "во\u00adйна", "во\u00ad\u00adйна", "\u00ad", "Б\u00adP",
    "café", "σοφία", "▪\ufe0f", "\u2757", "\U0001f1fa\U0001f1e6", "е\u0308ще",
]  # fmt: skip
SEPARATORS = [
    " ", "  ", "\n", "\n\n", "\r\n", "\t", "\u00a0", "-", "\u2013", "\u2014", "'", "\u2019",
    "\u2018", '"', "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb", ".", ",", "(", ")",
    "", "\u2026", " \u00ad ", "\u00b4", "`",
]  # fmt: skip
texts = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=40).map(
    "".join
)
# Texts that fit the encoding: the one-byte path of normalise.
fitting = texts.filter(lambda text: _fits(text))


def _fits(text: str) -> bool:
    try:
        text.encode(ENCODING)
    except UnicodeEncodeError:
        return False
    return True


def _same_map(text: str, one, other) -> None:
    (cased, offsets), (cased_other, offsets_other) = one, other
    assert cased == cased_other
    for position in range(len(cased) + 1):
        assert offsets.start(position) == offsets_other.start(position)
        assert offsets.end(position) == offsets_other.end(position)


def test_the_encoding_needs_no_nfc_step():
    """No character of windows-1251 changes under NFC, alone or before another."""
    assert all(unicodedata.combining(character) == 0 for character in CHARACTERS)
    for first in CHARACTERS:
        for second in CHARACTERS:
            pair = first + second
            assert unicodedata.is_normalized("NFC", pair), repr(pair)


def test_the_byte_tables_apply_the_character_maps():
    for byte, character in zip([b for b in range(256) if b != 0x98], CHARACTERS, strict=True):
        folded = _text._ONE_BYTE_FOLDS[byte : byte + 1].decode(ENCODING)
        assert folded == _text._FOLD_BY_CHARACTER.get(character, character)
        anchored = _engine_text._ONE_BYTE_NON_WORD[byte : byte + 1].decode(ENCODING)
        assert anchored == (" " if re.match(r"\W", character) else character)
    # Of the characters the normalisation deletes, the encoding has the soft hyphen only.
    assert [c for c in _text.DELETED if _fits(c)] == ["\u00ad"]


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(text=fitting)
@example("ЛН\u00adP и Б\u00adP")  # a soft hyphen joins a mixed word
@example("Kиев\u00a0— «ещё»  раз\r\n")
def test_one_byte_normalisation_equals_the_general_path(text: str):
    _same_map(text, _text.normalise(text), _text._normalise_unicode(text))


OTHERS = [
    "\u2757\ufe0f", "\U0001f3af", "\u200d", "\u2032", "\u2033", "\u2212", "\u2028",
    "\u200b", "\u20bd", "é", "e\u0301", "\u0301", "ë", "ə", "İ", "ς", "?", "??", "\ufe0f",
]  # fmt: skip
mixed = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(SEPARATORS), st.sampled_from(OTHERS)),
    max_size=40,
).map("".join)


@settings(max_examples=1500, deadline=None)
@given(text=mixed)
@example("Привет\u2757\ufe0f мир  \U0001f3af ЛН\u00adP  \u2032x\u2032 ?")
@example("\u2757\ufe0f \u00ad \ufe0f  ")
def test_every_path_of_normalise_equals_the_general_path(text: str):
    """Whatever the characters (emoji, folds the encoding lacks, text that is not NFC),
    normalise gives the general path's text and offsets."""
    _same_map(text, _text.normalise(text), _text._normalise_unicode(text))


@settings(max_examples=1000, deadline=None)
@given(text=texts)
def test_one_byte_anchored_text_equals_the_general_one(text: str):
    folded = _text.fold_case(_text.normalise(text)[0])
    one_byte = _engine_text._anchored_one_byte(folded)
    general = _engine_text._anchored_text(folded)
    if one_byte is None:  # a word character the encoding lacks
        assert not _fits(re.sub(r"\W", " ", folded))
    else:
        assert len(one_byte) == len(general)
        assert one_byte == _engine_text._one_byte_key(general)


TERMS = [
    "киев", "лнр", "ещё", "київ*", "спецоперац*", "специальной военной", "сво", "так",
    "так называемой", "war", "don't", "№", "café", "σοφία", "бр",
]  # fmt: skip


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=texts,
    specs=st.lists(st.tuples(st.sampled_from(TERMS), st.booleans()), min_size=1, max_size=5),
)
@example("\u2757Киев\U0001f1fa\U0001f1e6", [("киев", False)])
@example("café Киев", [("café", False), ("киев", False)])
@pytest.mark.parametrize("backend", BACKENDS)
def test_engine_on_one_byte_text_equals_the_reference(backend, text, specs):
    if backend not in available_backends():
        pytest.skip(f"{backend} is not installed (pip install 'framing[fast]')")
    assert Engine(specs, backend).find(text) == reference_find(text, specs)


@pytest.mark.parametrize("backend", BACKENDS)
def test_patterns_the_encoding_lacks_find_nothing_and_do_not_break_the_rest(backend):
    if backend not in available_backends():
        pytest.skip(f"{backend} is not installed (pip install 'framing[fast]')")
    engine = Engine([("café", False), ("σοφία", False)], backend)
    assert engine.find("Киев, кафе") == []
    engine = Engine([("σοφία", False), ("киев", False)], backend)
    assert engine.find("В Киеве и Киев") == [(10, 14, 1)]


@pytest.mark.parametrize(
    ("text", "one_byte"),
    [
        ("киев \u2757 война", True),  # an emoji: a non-word character, a space
        ("киев café", False),  # é: a word character windows-1251 lacks
        ("киев -\u0301", True),  # a lone combining mark is \W to the anchored copy
    ],
)
def test_which_texts_take_the_one_byte_automaton(text, one_byte):
    folded = _text.fold_case(_text.normalise(text)[0])
    assert (_engine_text._anchored_one_byte(folded) is not None) is one_byte


@settings(max_examples=1000, deadline=None)
@given(text=texts | st.text(max_size=30))
@example("Киев  и\u00a0КИЕВ")
def test_normalise_folded_is_normalise_then_fold_case(text: str):
    cased, folded, offsets, encoded = _text.normalise_folded(text)
    _same_map(text, (cased, offsets), _text.normalise(text))
    assert folded == _text.fold_case(cased)
    assert encoded is None or encoded == folded.encode(ENCODING)


@settings(max_examples=1000, deadline=None)
@given(text=mixed | st.text(alphabet=" ab\u00ad\u200b\ufe0f\u200d", max_size=30))
def test_runs_with_deletions_are_the_runs_with_something_to_change(text: str):
    runs = re.finditer(f"[ {_text.DELETED}]+", text)
    expected = [
        run.span()
        for run in runs
        if "  " in run.group() or any(c in _text.DELETED for c in run.group())
    ]
    assert _text._runs_with_deletions(text) == expected
