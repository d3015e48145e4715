"""Tests for framing.corpus.clean: text repair, boilerplate removal, deduplication."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.corpus.clean import repair_text

# --- repair_text: glued paragraphs -------------------------------------------------


@pytest.mark.parametrize(
    ("glued", "repaired"),
    [
        ("in the line of duty.A further 1,597", "in the line of duty. A further 1,597"),
        ("Is it over?Nobody knows", "Is it over? Nobody knows"),
        ("Enough!The talks ended", "Enough! The talks ended"),
        ("the reports are fake.”The spokesman", "the reports are fake.” The spokesman"),
        ("the reports are “fake.”The spokesman", "the reports are “fake.” The spokesman"),
        ('he called it "fake."The spokesman', 'he called it "fake." The spokesman'),
        ("the minister said.“We will", "the minister said. “We will"),
        ('the minister said."We will"', 'the minister said. "We will"'),
        ("the People's Republic (DPR).The city", "the People's Republic (DPR). The city"),
        ("by the end of 2022.The army", "by the end of 2022. The army"),
        ("Kiev’s forces.Mariupol is", "Kiev’s forces. Mariupol is"),
        ("NATO.Moscow said", "NATO. Moscow said"),
        ("с войной.Путин сказал", "с войной. Путин сказал"),
    ],
)
def test_repair_separates_glued_paragraphs(glued: str, repaired: str) -> None:
    assert repair_text(glued) == repaired


@pytest.mark.parametrize(
    "text",
    [
        "the U.S. Army said",
        "the U.S.Army said",
        "sanctions, e.g. on oil, i.e. Urals crude",
        "e.g.The list",
        "J.R.R. Tolkien and J.R.R.Tolkien",
        "the Ph.D.Thesis",
        "a 1.5% rise and 3.14 km",
        "see sputniknews.com and rt.com today",
        "read https://example.org/News/Report.Html today",
        "read www.Statenews.Example/Page.Html today",
        "write to press.office@Statenews.Example soon",
        "wait...Then it came",
        "wait…Then it came",
        "No.1 priority",
        "version 2.0.Beta",
    ],
)
def test_repair_leaves_abbreviations_numbers_urls_and_ellipses_alone(text: str) -> None:
    assert repair_text(text) == text


def test_repair_does_not_split_a_heading_glued_without_punctuation() -> None:
    # Documented limit: "OperationThe" cannot be told from "YouTube" by characters alone.
    assert repair_text("Progress of OperationThe spokesman") == "Progress of OperationThe spokesman"


# --- repair_text: encoding, entities, white space ------------------------------------


@pytest.mark.parametrize(
    ("broken", "repaired"),
    [
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("Tom &amp;amp; Jerry", "Tom & Jerry"),
        ("Kiev&#8217;s forces", "Kiev’s forces"),
        ("Kiev&#x2019;s forces", "Kiev’s forces"),
        ("ten&nbsp;km", "ten km"),
        ("?a=1&not=2&copy", "?a=1&not=2&copy"),
        ("AT&T", "AT&T"),
    ],
)
def test_repair_decodes_html_entities_closed_by_a_semicolon(broken: str, repaired: str) -> None:
    assert repair_text(broken) == repaired


@pytest.mark.parametrize(
    ("broken", "repaired"),
    [
        ("donâ€™t", "don’t"),
        ("the â€œspecial operationâ€\x9d", "the “special operation”"),
        ("Zelenskyâ€™s", "Zelensky’s"),
        ("cafe\u0301", "café"),  # decomposed é composed by NFC
    ],
)
def test_repair_fixes_mojibake_and_normalises_unicode(broken: str, repaired: str) -> None:
    assert repair_text(broken) == repaired


def test_repair_keeps_curly_quotes_dashes_and_hyphen_variants() -> None:
    text = "what Moscow calls a “special military operation” — Kiev’s ‘so-called’ pro‑Russian"
    assert repair_text(text) == text


@pytest.mark.parametrize(
    ("messy", "tidy"),
    [
        ("  two   spaces\tand\ttabs  ", "two spaces and tabs"),
        ("no\u00a0break\u2009thin\u3000wide", "no break thin wide"),
        ("one\r\ntwo\rthree", "one\ntwo\nthree"),
        ("para one\n\n\n\npara two", "para one\n\npara two"),
        ("para one\n  \n\t\npara two", "para one\n\npara two"),
        ("line one  \n  line two", "line one\nline two"),
        ("\ufeffbyte order mark", "byte order mark"),
        ("nul\x00byte", "nulbyte"),
        ("", ""),
        (" \n\t ", ""),
    ],
)
def test_repair_normalises_white_space_and_keeps_paragraph_breaks(messy: str, tidy: str) -> None:
    assert repair_text(messy) == tidy


def test_repair_refuses_what_is_not_a_string() -> None:
    with pytest.raises(TypeError, match="The 'text' parameter of repair_text must be a str"):
        repair_text(None)  # type: ignore[arg-type]


# --- repair_text: properties ---------------------------------------------------------

# Text built from the pieces the rules care about, so that the examples hit them often.
_PIECES = st.sampled_from(
    [
        "duty",
        ".",
        "A",
        "U.S.",
        "e.g.",
        " ",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "\u00a0",
        "”",
        "“",
        '"',
        "'",
        "’",
        ")",
        "?",
        "!",
        "...",
        "…",
        "1.5",
        "2022",
        "&amp;",
        "&amp;amp;",
        "&#8217;",
        "&nbsp;",
        "â€™",
        "Ã©",
        "https://x.example/A.B",
        "www.x.example",
        "a@b.example",
        "The",
        "Kiev",
        "é",
        "e\u0301",
        "\ufeff",
        "\x00",
        "\x85",
        "\u2028",
    ]
)
_TEXTS = st.one_of(
    st.text(),
    st.lists(_PIECES | st.text(max_size=3), max_size=30).map("".join),
)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_repair_is_idempotent(text: str) -> None:
    once = repair_text(text)
    assert repair_text(once) == once


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_repair_returns_stripped_text_without_tabs_or_carriage_returns(text: str) -> None:
    repaired = repair_text(text)
    assert isinstance(repaired, str)
    assert repaired == repaired.strip()
    assert "\r" not in repaired and "\t" not in repaired and "\n\n\n" not in repaired
    assert "  " not in repaired


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=()), max_size=100))
def test_repair_raises_nothing_even_on_lone_surrogates(text: str) -> None:
    repaired = repair_text(text)
    repaired.encode("utf-8")  # writable to any file: lone surrogates were replaced
