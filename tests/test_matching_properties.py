"""Property tests: the fast engine finds exactly what the slow reference matcher finds."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from _reference_matcher import reference_find, reference_units
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing import _text
from framing._engine import BACKENDS, Engine, available_backends

# Words the lexicons are made of, and the same words in other cases and spellings.
TERM_WORDS = [
    "kiev", "war", "special", "military", "operation", "so-called", "don", "rich",
    "café", "liberat*", "kiev's", "don't", "σοφία", "dpr", "neo-nazi", "full-scale",
    "zürich", "reg*", "a", "s", "people’s", "u.s", "42", "киев", "ещё", "лнр", "київ*",
]  # fmt: skip
TEXT_WORDS = [
    "Kiev", "KIEV", "kiev", "Kievan", "war", "War", "software", "award", "warfare",
    "special", "Special", "military", "MILITARY", "operation", "operations", "so",
    "called", "so-called", "so\u2011called", "so\u2013called", "don", "Don", "rich",
    "Zürich", "ZÜRICH", "café", "cafe\u0301", "CAFÉ", "liberation", "Liberate",
    "liberat", "regime", "regimes", "σοφία", "ΣΟΦΊΑ", "ΟΔΟΣ", "İstanbul", "DPR", "dpr",
    "neo", "nazi", "Nazis", "full", "scale", "people", "a", "s", "t", "O", "Brien",
    "U.S", "42", "x42", "_war", "e\u0301", "\u0301", "Киев", "КИЕВ", "Kиев", "ЛНP",
    "ЛНР", "лнр", "еще", "ещё", "ЕЩЁ", "е\u0308ще", "Київ", "Kиїв", "Києві", "KION", "Zа",
    "▪\ufe0f", "\u2757\ufe0f",
]  # fmt: skip
SEPARATORS = [
    " ", "  ", "\n", "\n\n", " \n ", "\t", "\u00a0", "\u202f", "\u2009", "-", "\u2010",
    "\u2011", "\u2013", "\u2014", "'", "\u2019", "\u2018", "\u02bc", "'s", "\u2019s",
    "'S", '"', "\u201c", "\u201d", "\u00ab", "\u00bb", "\u00ad", "\u200b", ".", ",",
    "(", ")", "", "*", "’t",
]  # fmt: skip

terms = st.tuples(
    st.lists(st.sampled_from(TERM_WORDS), min_size=1, max_size=3).map(" ".join),
    st.booleans(),
)
lexicons = st.lists(terms, min_size=1, max_size=6)
texts = st.lists(
    st.one_of(st.sampled_from(TEXT_WORDS), st.sampled_from(SEPARATORS)), max_size=40
).map("".join)


@settings(
    max_examples=1500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(text=texts, specs=lexicons)
@pytest.mark.parametrize("backend", BACKENDS)
def test_engine_equals_reference_matcher(
    backend: str, text: str, specs: list[tuple[str, bool]]
) -> None:
    if backend not in available_backends():
        pytest.skip(f"{backend} is not installed (pip install 'framing[fast]')")
    found = Engine(specs, backend).find(text)
    assert found == reference_find(text, specs)
    # The offsets always index the original text, and hits never overlap.
    reached = 0
    for start, end, _ in found:
        assert 0 <= start < end <= len(text)
        assert start >= reached
        reached = end


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_normalised_text_maps_back_to_the_original(text: str) -> None:
    cased, offsets = _text.normalise(text)
    units = reference_units(text)
    assert cased == "".join(character for character, _, _ in units)
    for position, (_, start, end) in enumerate(units):
        assert offsets.start(position) == start
        assert offsets.end(position + 1) == end
    # The batch mapping the engine uses (one call per text) agrees with the above.
    spans = [(position, position + 1, position) for position in range(len(cased))]
    assert offsets.spans(spans) == [(start, end, i) for i, (_, start, end) in enumerate(units)]


def test_fold_case_keeps_the_length_of_every_character() -> None:
    every = "".join(chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code < 0xE000)
    assert len(_text.fold_case(every)) == len(every)


def test_character_tables_cover_every_unicode_dash_and_space() -> None:
    dashes = {
        chr(code) for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) == "Pd"
    }
    spaces = {chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()}
    assert dashes - {"-"} <= set(_text.DASHES)
    assert spaces - {" "} == set(_text.WHITESPACE)
