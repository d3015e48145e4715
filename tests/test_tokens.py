"""The shared tokenizer: one definition of a token for score and compare."""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import _tokens
from framing._text import fold_lookalikes
from framing._tokens import count_tokens, tokenize


def test_possessive_s_is_not_part_of_the_token_with_either_apostrophe():
    assert tokenize("Kiev's mayor") == ["Kiev", "mayor"]
    assert tokenize("Kiev’s mayor") == ["Kiev", "mayor"]
    assert tokenize("UKRAINE'S army") == ["UKRAINE", "army"]


def test_internal_hyphen_and_apostrophe_keep_one_token():
    assert tokenize("so-called pro‑Kiev Donetsk-based don't") == [
        "so-called",
        "pro-Kiev",
        "Donetsk-based",
        "don't",
    ]


def test_dashes_and_quotes_at_word_edges_are_punctuation():
    assert tokenize("war — 'operation' -- \"invasion\" - end") == [
        "war",
        "operation",
        "invasion",
        "end",
    ]


def test_letters_of_any_script_and_digits_are_tokens_but_underscore_splits():
    assert tokenize("Київ Zürich 2022 a_b") == ["Київ", "Zürich", "2022", "a", "b"]


def test_decomposed_accents_stay_inside_one_token():
    assert tokenize("Zu\u0308rich") == ["Zürich"]


def test_case_is_kept():
    assert tokenize("KYIV Kyiv kyiv") == ["KYIV", "Kyiv", "kyiv"]


def test_missing_text_has_no_tokens():
    assert tokenize(None) == []
    assert tokenize(pd.NA) == []
    assert count_tokens([None, pd.NA, float("nan"), ""]).tolist() == [0, 0, 0, 0]


def test_count_tokens_returns_int64_counts():
    counts = count_tokens(["one two three", "Kyiv’s"])
    assert counts.dtype == np.int64
    assert counts.tolist() == [3, 1]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_count_tokens_equals_the_length_of_tokenize(text):
    assert count_tokens([text])[0] == len(tokenize(text))


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_tokens_are_non_empty_and_tokenizing_is_idempotent(text):
    tokens = tokenize(text)
    assert all(tokens)
    assert tokenize(" ".join(tokens)) == tokens


def test_abbreviations_with_periods_are_one_token():
    assert tokenize("U.S. and U.K. officials, Kiev.Ukraine") == [
        "U.S.",
        "and",
        "U.K.",
        "officials",
        "Kiev",
        "Ukraine",
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["’", "‘", "ʼ", "‐", "‑", "ё", "Ё", "'", "-", "e\u0301", "Kyiv", " ", "ы"])
        | st.text(max_size=4),
        max_size=20,
    ).map("".join)
)
def test_prepare_folds_as_the_translation_table_does(text):
    # _prepare replaces characters one by one instead of str.translate: the same text.
    expected = fold_lookalikes(unicodedata.normalize("NFC", text).translate(_tokens._FOLD))
    assert _tokens._prepare(text) == expected
