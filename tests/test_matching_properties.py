"""Property tests: the fast engine finds exactly what the slow reference matcher finds."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from _reference_matcher import reference_find, reference_units
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing import _text
from framing._engine import BACKENDS, Check, Engine, Rules, available_backends, window

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


# -- sense rules: exclusions and conditions --------------------------------------------

# A small vocabulary, so that terms, exclusions and contexts meet in most texts.
RULE_TERM_WORDS = [
    "war", "cold", "world", "crimes", "kiev", "city", "captured", "prisoner*", "of",
    "the", "cap*", "don't", "café", "neo-nazi*", "w*",
]  # fmt: skip
RULE_TEXT_WORDS = [
    "war", "War", "wars", "cold", "Cold", "world", "WORLD", "crimes", "kiev", "Kiev",
    "Kiev's", "city", "captured", "Captured", "prisoner", "prisoners", "of", "the", "The",
    "don't", "café", "cafe\u0301", "neo-Nazis", "neo", "nazi", "warfare", "capital", "x",
]  # fmt: skip
RULE_SEPARATORS = [" "] * 8 + ["  ", ", ", "\n", "-", "\u2019s ", "'", ". ", " \u201c", "\u00ad"]
rule_terms = st.tuples(
    st.lists(st.sampled_from(RULE_TERM_WORDS), min_size=1, max_size=2).map(" ".join),
    st.booleans(),
)
rule_texts = st.lists(
    st.tuples(st.sampled_from(RULE_TEXT_WORDS), st.sampled_from(RULE_SEPARATORS)).map("".join),
    min_size=3,
    max_size=30,
).map("".join)
# A condition: (unless, context patterns, within words, side).
conditions = st.tuples(
    st.booleans(),
    st.lists(rule_terms, min_size=1, max_size=3),
    st.integers(1, 4),
    st.sampled_from(["both", "before", "after"]),
)


def _rules(
    exclusions: list[tuple[str, bool]], per_term: list[list[tuple[bool, list, int, str]]]
) -> Rules:
    contexts = []
    checks = []
    for term_conditions in per_term:
        term_checks = []
        for unless, patterns, within, side in term_conditions:
            contexts.append((tuple(patterns), within, side))
            term_checks.append(Check(unless, len(contexts) - 1, 1000 + len(contexts)))
        checks.append(tuple(term_checks))
    return Rules(tuple(exclusions), tuple(contexts), tuple(checks))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=rule_texts,
    specs=st.lists(rule_terms, min_size=1, max_size=6),
    exclusions=st.lists(rule_terms, max_size=3),
    per_term=st.lists(st.lists(conditions, max_size=2), max_size=6),
)
@pytest.mark.parametrize("backend", BACKENDS)
def test_exclusions_and_conditions_equal_the_reference_matcher(
    backend: str,
    text: str,
    specs: list[tuple[str, bool]],
    exclusions: list[tuple[str, bool]],
    per_term: list[list[tuple[bool, list, int, str]]],
) -> None:
    if backend not in available_backends():
        pytest.skip(f"{backend} is not installed (pip install 'framing[fast]')")
    per_term = per_term[: len(specs)]
    rules = _rules(exclusions, per_term)
    engine = Engine(specs, backend, rules)
    found = engine.find(text)
    assert found == reference_find(text, specs, exclusions, per_term)
    # The audit counts the same hits, and accounts for every hit the rules took away.
    kept, removed, added = engine.find_audit(text)
    assert kept == found
    plain = Engine(specs, backend).find(text)
    excluded_only = Engine(specs, backend, Rules(tuple(exclusions))).find(text)
    by_exclusion = [hit[:3] for hit in removed if hit[3] < len(exclusions)]
    by_condition = [hit[:3] for hit in removed if hit[3] >= 1000]
    assert len(by_exclusion) + len(by_condition) == len(removed)
    assert sorted(kept + by_condition) == excluded_only
    # Without rules = counted - added + removed, hit for hit.
    assert sorted(set(excluded_only) - set(added) | set(by_exclusion)) == plain


WINDOW_TEXT = st.lists(
    st.one_of(st.sampled_from(TEXT_WORDS), st.sampled_from(SEPARATORS)), max_size=60
).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=WINDOW_TEXT, within=st.integers(1, 8), data=st.data())
def test_window_holds_the_words_next_to_a_span(text: str, within: int, data) -> None:
    from _reference_matcher import reference_window_words

    folded = _text.fold_case(_text.normalise(text)[0])
    start = data.draw(st.integers(0, len(folded)))
    end = data.draw(st.integers(start, len(folded)))
    left, right = window(folded, start, end, within)
    before = reference_window_words(folded[:start])[-within:]
    after = reference_window_words(folded[end:])[:within]
    assert left == (before[0][0] if before else start)
    assert right == (end + after[-1][1] if after else end)
