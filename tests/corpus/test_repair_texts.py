"""repair_texts (the column-at-a-time repair read_corpus uses) gives repair_text's results.

repair_texts runs two regular expressions over a whole column and repairs only the values
they flag; these tests compare it with the row-by-row repair it replaced, on generated
text built from the characters and sequences each step acts on, on the sample's files
and on RUWA. Speed is measured in benchmarks/bench_read.py and bench_pipeline.py, not here.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import framing
from framing.corpus import _mojibake, clean
from framing.corpus.clean import repair_text, repair_texts
from framing.datasets import _checkout_sample

# What each step of repair acts on, what it must leave alone, and their neighbours.
_PIECES = st.sampled_from(
    [
        *_mojibake.SAFE_EXTRA,
        " ", "  ", "\n", "\n\n", "\n\n\n", " \n", "\n ", "\t", "\r\n", "\u00a0", "\u200b",
        ".", ". ", "!", "?", "...", ".The", ".A", "?«Why", ".”The", '."The', '"The', ".(", ")",
        ".’A", "».Він", ".Ⅻ", ".ǅ", ".Ⓐ", ".é", ".É", "U.S.", "e.g.", "VEB.RF", "rt.com", "a_bc.De",
        "https://x.example/A.B", "a@b.example", "1.5", "The", "Kiev", "said", "é", "e\u0301",
        "&amp;", "&amp;amp;", "&#8217;", "&nbsp;", "&not=2", "â€™", "Ã©", "Â ", "вЂ", "В«Р",
        "\x85", "\x1b[31m", "\x00", "\ufeff", "ﬁ", "\u2028", "Ы", "ї",
        ".NET", "Censor.NET", ".COM ", ".Net", ".Ru", ".UA", "a.NET.The", "²", "?.NET",
        "Привет", "ТАСС", "Р»С", "С«В", "РџСЂРёРІРµС‚", "Ґ", "їжак", "Єва", "№", "❗️", "вЂ™",
        "Р’Р»Рё",
    ]
)  # fmt: skip
_TEXTS = st.one_of(
    st.text(max_size=20),
    st.lists(_PIECES | st.text(max_size=3), max_size=25).map("".join),
)
_CLEAN_ALPHABET = "\n" + "".join(chr(c) for c in range(0x20, 0x7F)) + _mojibake.SAFE_EXTRA


@settings(max_examples=400, deadline=None)
@given(st.lists(st.none() | _TEXTS, max_size=12))
@example(["a.NET.The", "Censor.NET", "x Censor.NET.The end", "said.NET", "is.NET²"])
def test_repair_texts_gives_repair_text_of_each_value(values: list[str | None]) -> None:
    expected = [None if v is None else repair_text(v) for v in values]
    assert repair_texts(values) == expected


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_CLEAN_ALPHABET, max_size=60) | st.lists(_PIECES, max_size=20).map("".join))
def test_ftfy_and_nfc_leave_printable_ascii_and_the_safe_characters_alone(text: str) -> None:
    # The assumption that lets repair_texts skip ftfy: text of these characters only is
    # never taken for mojibake, and no other ftfy step or NFC changes it.
    if any(c not in _CLEAN_ALPHABET for c in text):
        text = "".join(c for c in text if c in _CLEAN_ALPHABET)
    assert ftfy.fix_text(text, _mojibake.FTFY_CONFIG) == text
    assert unicodedata.normalize("NFC", text) == text


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_glued_sentence_ends_are_found_as_without_the_word_start_lookbehind(text: str) -> None:
    # _GLUED starts with a lookbehind that only saves time: the same matches without it.
    lookbehind = r"(?<![^\W_])"
    assert clean._GLUED.pattern.lstrip().startswith(lookbehind)
    plain = re.compile(clean._GLUED.pattern.replace(lookbehind, "", 1), re.VERBOSE)
    found = [(m.span(), m.groupdict()) for m in clean._GLUED.finditer(text)]
    assert found == [(m.span(), m.groupdict()) for m in plain.finditer(text)]


def test_repair_texts_falls_back_to_repair_text_on_lone_surrogates() -> None:
    values = ["half \ud83d an emoji", "Talks.The end", None, "plain"]
    assert repair_texts(values) == [repair_text(values[0]), "Talks. The end", None, "plain"]


def _unrepaired_sample() -> list[tuple[str, list[str | None]]]:
    folder, parts = _checkout_sample()
    columns = []
    for part in parts:
        corpus = framing.read_corpus(
            folder / part["path"], format=part["format"], errors="report", repair=False
        )
        for name in ("title", "description", "text"):
            values = corpus[name].astype(object).where(corpus[name].notna(), None).tolist()
            columns.append((f"{part['path']}:{name}", values))
    return columns


def test_repair_texts_gives_repair_text_on_the_sample_files() -> None:
    columns = _unrepaired_sample()
    assert sum(len(values) for _, values in columns) > 1000
    for where, values in columns:
        expected = [None if v is None else repair_text(v) for v in values]
        assert repair_texts(values) == expected, where


@pytest.mark.realdata
@pytest.mark.slow
def test_repair_texts_gives_repair_text_on_ruwa(shared_data) -> None:
    corpus = framing.read_corpus(shared_data / "ruwa" / "RUWA_04.08.23.csv", repair=False)
    for name in ("title", "description"):
        values = corpus[name].astype(object).where(corpus[name].notna(), None).tolist()
        assert repair_texts(values) == [None if v is None else repair_text(v) for v in values]
