"""Tests for framing.corpus.clean: text repair, boilerplate removal, deduplication."""

from __future__ import annotations

import json
import re
from unittest import mock

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing.corpus import clean
from framing.corpus.clean import remove_boilerplate, repair_text
from framing.corpus.dedup import deduplicate
from framing.corpus.schema import CorpusError, conform
from tests.corpus.test_mojibake import CYRILLIC_TEXTS

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


# Mostly ASCII, with the ASCII that ftfy still rewrites (controls, a terminal escape).
_ASCII_TEXTS = st.lists(
    _PIECES
    | st.sampled_from(["\x1b[31m", "\x1b[0m", "\x07", "\x0b", "\x0c", "\x7f", "\x1f", "\r"])
    | st.text(alphabet=st.characters(codec="ascii"), max_size=4),
    max_size=30,
).map("".join)


@settings(max_examples=600, deadline=None)
@given(st.one_of(_ASCII_TEXTS, _TEXTS, CYRILLIC_TEXTS))
def test_repair_skipping_ftfy_where_it_finds_nothing_gives_what_ftfy_gives(text: str) -> None:
    with mock.patch.object(clean, "ftfy_leaves_alone", return_value=False):
        through_ftfy = repair_text(text)
    assert repair_text(text) == through_ftfy


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


# --- remove_boilerplate ----------------------------------------------------------------


def _corpus(texts, *, outlets=None, published=None, ids=None):
    n = len(texts)
    return conform(
        pd.DataFrame(
            {
                "doc_id": ids or [f"d{i}" for i in range(n)],
                "outlet": outlets or ["Daily Example"] * n,
                "published": published
                or [f"2022-03-{1 + i % 28:02d}T{i // 28 % 24:02d}:00Z" for i in range(n)],
                "title": [f"Title {i}" for i in range(n)],
                "text": texts,
            }
        )
    )


def test_remove_boilerplate_removes_lines_an_outlet_repeats_and_reports_them() -> None:
    texts = [
        f"Story number {i}.\nSubscribe to our channel.\n\nAll rights reserved." for i in range(6)
    ]
    texts += ["Other outlet story.\nSubscribe to our channel."] * 1
    corpus = _corpus(texts, outlets=["Daily Example"] * 6 + ["Weekly Example"])
    cleaned = remove_boilerplate(corpus)
    assert cleaned["text"].tolist()[:6] == [f"Story number {i}." for i in range(6)]
    # Another outlet with too few documents keeps its text.
    assert cleaned.loc[6, "text"] == "Other outlet story.\nSubscribe to our channel."
    report = cleaned.attrs["load_report"]["remove_boilerplate"]
    assert report["lines_removed"] == 12
    assert report["documents_changed"] == 6
    assert report["by_outlet"]["Daily Example"] == [
        {"line": "All rights reserved.", "documents": 6},
        {"line": "Subscribe to our channel.", "documents": 6},
    ]
    assert "load_report" not in corpus.attrs  # the input is not changed


def test_remove_boilerplate_keeps_lines_below_the_share() -> None:
    texts = [f"Story {i}.\nRare line." if i < 2 else f"Story {i}." for i in range(6)]
    cleaned = remove_boilerplate(_corpus(texts), min_share=0.5, min_documents=2)
    assert cleaned["text"].tolist() == texts
    assert cleaned.attrs["load_report"]["remove_boilerplate"]["lines_removed"] == 0


def test_remove_boilerplate_names_a_bad_share() -> None:
    with pytest.raises(ValueError, match=r"'min_share' parameter of remove_boilerplate .* Got 2"):
        remove_boilerplate(_corpus(["a"]), min_share=2)


# --- deduplicate ---------------------------------------------------------------------

_WIRE = (
    "Negotiators from both countries met in Istanbul on Tuesday for a third round of talks, "
    "officials said, as fighting continued near the eastern city of Kharkiv. The delegations "
    "discussed a possible ceasefire, humanitarian corridors and the exchange of prisoners, "
    "according to a statement issued after the meeting ended late in the evening."
)


def test_deduplicate_marks_exact_copies_ignoring_case_punctuation_and_spacing() -> None:
    reprint = _WIRE.upper().replace(",", "").replace(" ", "  ")
    corpus = _corpus(
        [reprint, _WIRE, "Something else entirely."],
        published=["2022-03-02T10:00Z", "2022-03-02T08:00Z", "2022-03-01T08:00Z"],
    )
    marked = deduplicate(corpus)
    assert marked["duplicate_of"].isna().tolist() == [False, True, True]
    assert marked.loc[0, "duplicate_of"] == "d1"  # the earlier one is the original
    assert marked.loc[0, "duplicate_kind"] == "exact"
    assert marked["duplicate_of"].dtype == "string"
    assert marked["duplicate_kind"].dtype == "string"
    report = marked.attrs["load_report"]["deduplicate"]
    assert (report["exact"], report["near"], report["duplicates"], report["dropped"]) == (
        1,
        0,
        1,
        0,
    )


def test_deduplicate_breaks_date_ties_by_corpus_order_and_puts_undated_last() -> None:
    corpus = _corpus(
        [_WIRE, _WIRE, _WIRE, _WIRE],
        published=[None, "2022-03-02T08:00Z", "2022-03-02T08:00Z", None],
    )
    marked = deduplicate(corpus)
    assert marked["duplicate_of"].tolist()[1] is pd.NA
    assert marked["duplicate_of"].fillna("-").tolist() == ["d1", "-", "d1", "d1"]


def _edit(text: str, words: dict[int, str]) -> str:
    tokens = text.split()
    for position, word in words.items():
        tokens[position] = word
    return " ".join(tokens)


def test_deduplicate_marks_near_copies_above_the_threshold_only() -> None:
    one_word = _edit(_WIRE, {1: "envoys"})
    assert _jaccard_of(_WIRE, one_word) > 0.9
    many_words = _edit(_WIRE, {i: f"changed{i}" for i in range(10)})
    corpus = _corpus([_WIRE, one_word, many_words])
    marked = deduplicate(corpus, threshold=0.9)
    assert marked["duplicate_of"].fillna("-").tolist() == ["-", "d0", "-"]
    assert marked["duplicate_kind"].fillna("-").tolist() == ["-", "near", "-"]
    # The check is the exact Jaccard similarity of the shingle sets, so a pair between
    # thresholds moves with the threshold.
    similarity = _jaccard_of(_WIRE, many_words)
    assert 0.2 < similarity < 0.9
    looser = deduplicate(corpus, threshold=similarity - 0.01)
    assert looser.loc[2, "duplicate_of"] == "d0"
    stricter = deduplicate(corpus, threshold=similarity + 0.01)
    assert stricter.loc[2, "duplicate_of"] is pd.NA


def _jaccard_of(first: str, second: str, size: int = 3) -> float:
    # An independent computation: plain Python sets of word triples.
    def shingles(text: str) -> set[tuple[str, ...]]:
        words = re.sub(r"[\W_]+", " ", text.casefold()).split()
        return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}

    a, b = shingles(first), shingles(second)
    return len(a & b) / len(a | b)


def test_deduplicate_without_near_marks_only_exact_copies() -> None:
    corpus = _corpus([_WIRE, _edit(_WIRE, {1: "envoys"}), _WIRE])
    marked = deduplicate(corpus, near=False)
    assert marked["duplicate_kind"].fillna("-").tolist() == ["-", "-", "exact"]


def test_deduplicate_points_every_copy_at_the_earliest_of_its_group() -> None:
    # The wire story, then a reprint of it, then an exact copy of the reprint.
    reprint = _edit(_WIRE, {1: "envoys"})
    corpus = _corpus(
        [reprint, _WIRE, reprint], published=["2022-03-02", "2022-03-01", "2022-03-03"]
    )
    marked = deduplicate(corpus)
    assert marked["duplicate_of"].fillna("-").tolist() == ["d1", "-", "d1"]
    assert marked["duplicate_kind"].fillna("-").tolist() == ["near", "-", "near"]


def test_deduplicate_never_marks_documents_without_words() -> None:
    corpus = _corpus(["", "", "...", None, _WIRE])
    marked = deduplicate(corpus)
    assert marked["duplicate_of"].isna().all()
    assert marked.attrs["load_report"]["deduplicate"]["without_words"] == 4


def test_deduplicate_by_key_marks_records_scraped_twice() -> None:
    corpus = _corpus(["A first version of the story.", "A rewritten story.", "Other."])
    corpus["record_id"] = pd.Series(["x", "x", "y"], dtype="string")
    marked = deduplicate(corpus, key="record_id")
    assert marked["duplicate_kind"].fillna("-").tolist() == ["-", "key", "-"]


def test_deduplicate_drop_removes_copies_and_says_how_many() -> None:
    corpus = _corpus([_WIRE, _WIRE, "Other."])
    corpus.attrs["load_report"] = {"sources": [{"file": "x.csv"}]}
    kept = deduplicate(corpus, drop=True)
    assert kept["doc_id"].tolist() == ["d0", "d2"]
    assert kept.attrs["load_report"]["sources"] == [{"file": "x.csv"}]  # theirs untouched
    assert kept.attrs["load_report"]["deduplicate"]["dropped"] == 1
    assert "deduplicate" not in corpus.attrs["load_report"]
    json.dumps(kept.attrs["load_report"])  # a plain JSON-able dict


def test_deduplicate_is_deterministic_for_a_seed() -> None:
    texts = [_edit(_WIRE, {i % 40: f"w{i}", (i * 7) % 40: f"v{i}"}) for i in range(30)]
    corpus = _corpus(texts)
    first = deduplicate(corpus, threshold=0.8, seed=3)
    second = deduplicate(corpus, threshold=0.8, seed=3)
    pd.testing.assert_frame_equal(first, second)
    assert first["duplicate_kind"].notna().any()
    # The verdicts do not depend on the seed (each pair is verified exactly).
    other = deduplicate(corpus, threshold=0.8, seed=4)
    pd.testing.assert_series_equal(first["duplicate_of"], other["duplicate_of"])


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"threshold": 0}, r"'threshold' parameter of deduplicate must be a number in \(0, 1\]"),
        ({"on": "body"}, r"'on' parameter of deduplicate must name a column .* Got 'body'"),
        ({"key": "id"}, r"'key' parameter of deduplicate must name a column .* Got 'id'"),
        ({"shingle_size": 0}, r"'shingle_size' parameter of deduplicate must be an integer"),
        ({"seed": -1}, r"'seed' parameter of deduplicate must be a non-negative integer"),
    ],
)
def test_deduplicate_names_bad_parameters(parameters: dict, message: str) -> None:
    with pytest.raises((ValueError, CorpusError), match=message):
        deduplicate(_corpus([_WIRE]), **parameters)


def test_deduplicate_is_reexported_at_the_top_level() -> None:
    assert framing.deduplicate is deduplicate


def test_deduplicate_fills_each_sources_duplicate_count_in_the_load_report() -> None:
    corpus = _corpus([_WIRE, _WIRE, "Other.", _WIRE])
    corpus["source"] = pd.Series(
        ["a.csv, line 2", "a.csv, line 3", "b.csv, line 2", "b.csv, line 3"], dtype="string"
    )
    corpus.attrs["load_report"] = {
        "sources": [
            {"source": "a.csv", "duplicates": None},
            {"source": "b.csv", "duplicates": None},
        ]
    }
    marked = deduplicate(corpus)
    assert [s["duplicates"] for s in marked.attrs["load_report"]["sources"]] == [1, 1]


@pytest.mark.realdata
def test_deduplicate_finds_the_repeated_records_of_resistinua(shared_data) -> None:
    path = shared_data / "resistinua" / "resistinua_messages_en.jsonl"
    corpus = framing.read_corpus(path)
    assert len(corpus) == 364
    marked = deduplicate(corpus, key="source_id")
    repeated = marked[marked["source_id"].duplicated(keep=False)]
    assert repeated["source_id"].nunique() == 10
    # Each repeated id: its records in one group, every record but the original marked.
    roots = repeated["duplicate_of"].fillna(repeated["doc_id"])
    assert (roots.groupby(repeated["source_id"]).nunique() == 1).all()
    marked_per_id = repeated["duplicate_of"].notna().groupby(repeated["source_id"]).sum()
    assert (marked_per_id >= 1).all()
    report = marked.attrs["load_report"]
    assert report["deduplicate"]["exact"] == 38  # short captions repeated word for word
    assert report["sources"][0]["duplicates"] == report["deduplicate"]["duplicates"]


def test_repair_does_not_split_names_of_capitals_joined_by_a_dot() -> None:
    """Issue 13: text repair turned "VEB.RF" into "VEB. RF"."""
    assert repair_text("VEB.RF said it would pay.") == "VEB.RF said it would pay."
    assert repair_text("RIA.RU and TASS.RU reported") == "RIA.RU and TASS.RU reported"
    assert repair_text("in the line of duty.A further") == "in the line of duty. A further"
    assert repair_text("the USA.The talks") == "the USA. The talks"


@pytest.mark.parametrize(
    "text",
    [
        "Sanctions (14.03.22 16:23) « Economics | Censor.NET",  # 5,094 RUWA headlines
        "Shares of Amazon.COM fell",
        "booked on Booking.Com, as ever",
        "a report (Pravda.Ru) said",
        "as Ukrinform.UA, the agency, wrote",
    ],
)
def test_repair_does_not_split_sites_named_with_their_domain(text: str) -> None:
    assert repair_text(text) == text


@pytest.mark.parametrize(
    ("glued", "repaired"),
    [
        ("It was over.UK officials said", "It was over. UK officials said"),
        ("profits rose.Net income fell", "profits rose. Net income fell"),
        # documented limit: a country code and a space may start a sentence
        ("as Ukrinform.UA wrote", "as Ukrinform. UA wrote"),
    ],
)
def test_a_domain_like_word_after_a_glued_sentence_end_is_still_split(glued, repaired) -> None:
    assert repair_text(glued) == repaired


def test_m5_deduplicate_an_empty_corpus() -> None:
    """m5 of the adversarial review: an empty corpus raised IndexError."""
    empty = framing.as_corpus(pd.DataFrame({"title": [], "text": []}))
    marked = framing.deduplicate(empty)
    assert len(marked) == 0 and {"duplicate_of", "duplicate_kind"} <= set(marked.columns)
