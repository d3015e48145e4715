"""Dictionary formats users already have: LIWC, WordStat, Lexicoder, quanteda YAML.

Each is read from a small file written here, written back, and read again.
"""

from __future__ import annotations

import re
import time

import pandas as pd
import pytest

from framing import LexiconError, LexiconWarning, load_lexicon, read_lexicon, write_lexicon
from framing.lexicon import Concept, Lexicon, Term, Variant


def rows(lexicon: Lexicon) -> list[tuple[str, str, str]]:
    return [(c.name, v.name, t.pattern) for c, v, t in lexicon.entries()]


PLAIN = Lexicon(
    "plain",
    (
        Concept(
            "war_name",
            (
                Variant("russian_state", (Term("special military operation"), Term("operat*"))),
                Variant("war_invasion", (Term("war"), Term("full-scale invasion"))),
            ),
        ),
        Concept("posemo", (Variant("posemo", (Term("happy"), Term("glad*"))),)),
    ),
)


# -- LIWC ------------------------------------------------------------------------------
def test_liwc_2007_style_categories_become_concepts(write):
    path = write(
        "liwc2007.dic",
        """
        %
        1\tposemo
        2\tnegemo
        %
        happy\t1
        sad*\t2
        kind of\t1
        hate\t2
        """,
    )
    lexicon = read_lexicon(path)
    assert lexicon.name == "liwc2007"
    assert rows(lexicon) == [
        ("posemo", "posemo", "happy"),
        ("posemo", "posemo", "kind of"),
        ("negemo", "negemo", "sad*"),
        ("negemo", "negemo", "hate"),
    ]
    assert not any(t.case_sensitive for _, _, t in lexicon.entries())


def test_liwc_2015_style_nested_header_and_space_separated_entries(write):
    path = write(
        "liwc2015.dic",
        """
        %
        1\taffect
        \t2\tposemo\t(Positive emotion)
        \t3\tnegemo
        %
        happi*   2
        kind of 2
        sad\t3
        """,
    )
    lexicon = read_lexicon(path)
    assert rows(lexicon) == [
        ("posemo", "posemo", "happi*"),
        ("posemo", "posemo", "kind of"),
        ("negemo", "negemo", "sad"),
    ]


def test_liwc_word_in_two_categories_is_an_error_with_a_way_out(write):
    path = write("multi.dic", "%\n1\taffect\n2\tposemo\n%\nhappy\t1\t2\ngood\t2\n")
    with pytest.raises(
        LexiconError,
        match=r"(?s)Pass categories=.*multi\.dic, line 5, concept 'posemo', variant 'posemo', "
        r"term 'happy': the same term",
    ):
        read_lexicon(path)
    lexicon = read_lexicon(path, categories=["posemo"])
    assert rows(lexicon) == [("posemo", "posemo", "happy"), ("posemo", "posemo", "good")]


def test_liwc_unknown_category_number_names_the_line(write):
    path = write("bad.dic", "%\n1\tposemo\n%\nhappy\t1\nsad\t7\n")
    with pytest.raises(LexiconError, match=r"bad\.dic, line 5, term 'sad': .*category 7"):
        read_lexicon(path)


def test_liwc_without_header_is_an_error(write):
    path = write("noheader.dic", "happy\t1\n")
    with pytest.raises(LexiconError, match="between two lines holding only '%'; found 0"):
        read_lexicon(path)


def test_liwc_2007_conditional_codes_are_announced_not_dropped_silently(write):
    path = write("cond.dic", "%\n2\tverb\n134\tposemo\n%\nlike\t134(02 131)253\nwant\t2\n")
    with pytest.warns(
        LexiconWarning,
        match=r"line 5: the LIWC2007 conditional code in '134\(02 131\)253' of 'like' is not "
        r"supported; only its plain categories \['134'\] are read",
    ):
        lexicon = read_lexicon(path)
    assert rows(lexicon) == [("posemo", "posemo", "like"), ("verb", "verb", "want")]


def test_liwc_write_maps_concept_and_variant_to_dotted_categories(tmp_path):
    path = write_lexicon(PLAIN, tmp_path / "plain.dic")
    assert path.read_text() == (
        "%\n1\twar_name.russian_state\n2\twar_name.war_invasion\n3\tposemo\n%\n"
        "special military operation\t1\noperat*\t1\nwar\t2\nfull-scale invasion\t2\n"
        "happy\t3\nglad*\t3\n"
    )
    assert rows(read_lexicon(path)) == rows(PLAIN)


# -- WordStat --------------------------------------------------------------------------
def test_wordstat_indented_categories_and_weighted_entries(write):
    path = write(
        "war.cat",
        """
        WAR_NAME
        \tRUSSIAN_STATE
        \t\tSPECIAL MILITARY OPERATION (1)
        \t\tOPERAT* (1)
        \tWAR_INVASION
        \t\tINVASION (1)
        POSEMO
        \tHAPPY (1)
        """,
    )
    lexicon = read_lexicon(path)
    assert rows(lexicon) == [
        ("WAR_NAME", "RUSSIAN_STATE", "SPECIAL MILITARY OPERATION"),
        ("WAR_NAME", "RUSSIAN_STATE", "OPERAT*"),
        ("WAR_NAME", "WAR_INVASION", "INVASION"),
        ("POSEMO", "POSEMO", "HAPPY"),
    ]


def test_wordstat_weights_other_than_one_are_announced(write):
    path = write("w.cat", "NEG\n  BAD (2)\n  AWFUL (1)\n")
    with pytest.warns(LexiconWarning, match=r"w\.cat, line 2: the weight \(2\) of 'BAD'"):
        lexicon = read_lexicon(path)
    assert rows(lexicon) == [("NEG", "NEG", "BAD"), ("NEG", "NEG", "AWFUL")]


def test_wordstat_deeper_levels_join_into_the_variant_name(write):
    path = write("deep.cat", "A\n\tB\n\t\tC\n\t\t\tx (1)\n\ty (1)\n")
    assert rows(read_lexicon(path)) == [("A", "B/C", "x"), ("A", "A", "y")]


def test_wordstat_entry_outside_categories_is_an_error(write):
    path = write("orphan.cat", "lonely (1)\nA\n\tx (1)\n")
    with pytest.raises(LexiconError, match=r"orphan\.cat, line 1, term 'lonely': .*outside any"):
        read_lexicon(path)


def test_wordstat_round_trip(tmp_path):
    path = write_lexicon(PLAIN, tmp_path / "plain.cat")
    assert path.read_text().splitlines()[:3] == [
        "war_name",
        "\trussian_state",
        "\t\tspecial military operation (1)",
    ]
    assert rows(read_lexicon(path)) == rows(PLAIN)


# -- Lexicoder -------------------------------------------------------------------------
def test_lexicoder_category_lines_and_entries(write):
    path = write("lsd.lc3", "+negative\nbad*\nnot good\n+positive\ngood\n")
    assert rows(read_lexicon(path)) == [
        ("negative", "negative", "bad*"),
        ("negative", "negative", "not good"),
        ("positive", "positive", "good"),
    ]


def test_lexicoder_entry_before_a_category_is_an_error(write):
    path = write("bad.lc3", "bad\n+negative\nworse\n")
    with pytest.raises(
        LexiconError, match=r"bad\.lc3, line 1, term 'bad': .*before any '\+category'"
    ):
        read_lexicon(path)


def test_lexicoder_round_trip(tmp_path):
    path = write_lexicon(PLAIN, tmp_path / "plain.lc3")
    assert path.read_text().startswith("+war_name.russian_state\nspecial military operation\n")
    assert rows(read_lexicon(path)) == rows(PLAIN)


# -- quanteda --------------------------------------------------------------------------
def test_quanteda_nested_keys_become_concept_and_variant(write):
    path = write(
        "dict.yml",
        """
        war_name:
          russian_state:
            - special military operation
            - special operation
          war_invasion: [war, invasion]
        posemo:
          - happy
          - glad*
        """,
    )
    lexicon = read_lexicon(path)
    assert rows(lexicon) == [
        ("war_name", "russian_state", "special military operation"),
        ("war_name", "russian_state", "special operation"),
        ("war_name", "war_invasion", "war"),
        ("war_name", "war_invasion", "invasion"),
        ("posemo", "posemo", "happy"),
        ("posemo", "posemo", "glad*"),
    ]


def test_quanteda_question_mark_wildcard_is_refused_with_the_line(write):
    path = write("q.yml", "neg:\n  - bad\n  - terribl?\n")
    with pytest.raises(
        LexiconError, match=r"q\.yml, line 3, concept 'neg', variant 'neg', term 'terribl\?': '\?'"
    ):
        read_lexicon(path)


def test_quanteda_round_trip_and_explicit_format(tmp_path):
    path = write_lexicon(PLAIN, tmp_path / "plain.yaml", format="quanteda")
    assert "concepts:" not in path.read_text()
    assert rows(read_lexicon(path)) == rows(PLAIN)
    assert rows(read_lexicon(path, format="quanteda")) == rows(PLAIN)


# -- choosing and writing formats ------------------------------------------------------
def test_unknown_extension_asks_for_a_format(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("x")
    with pytest.raises(LexiconError, match=r"Cannot tell the dictionary format of .*words\.txt"):
        read_lexicon(path)
    with pytest.raises(LexiconError, match="The 'format' parameter must be one of yaml, quanteda"):
        read_lexicon(path, format="excel")


def test_writing_a_flat_format_announces_what_it_loses(tmp_path):
    lexicon = Lexicon(
        "sourced",
        (
            Concept(
                "war_name",
                (
                    Variant("a", (Term("SMO", case_sensitive=True, sources=("x",), note="n"),)),
                    Variant("b", (Term("war"),), reference=True),
                ),
            ),
        ),
        sources={"x": "A citation."},
    )
    with pytest.warns(
        LexiconWarning,
        match=r"The LIWC format cannot hold the sources, notes, case sensitivity \(of SMO\), "
        r"reference variants",
    ):
        write_lexicon(lexicon, tmp_path / "s.dic")
    yaml_path = write_lexicon(lexicon, tmp_path / "s.yaml")
    assert read_lexicon(yaml_path) == lexicon


def test_non_utf8_file_names_the_byte_and_suggests_an_encoding(tmp_path):
    path = tmp_path / "old.dic"
    path.write_bytes("%\n1\tposemo\n%\ncaf\xe9\t1\n".encode("cp1252"))
    with pytest.raises(LexiconError, match=r"old\.dic is not valid utf-8 .*encoding='cp1252'"):
        read_lexicon(path)
    assert rows(read_lexicon(path, encoding="cp1252")) == [("posemo", "posemo", "café")]


def test_bundled_lexicon_survives_every_format_up_to_what_each_can_hold(tmp_path):
    lexicon = load_lexicon("ukraine_war")
    expected = lexicon.to_dataframe()[["concept", "variant", "term"]].astype(str)
    for suffix in ("dic", "cat", "lc3"):
        with pytest.warns(LexiconWarning):
            path = write_lexicon(lexicon, tmp_path / f"war.{suffix}")
        table = read_lexicon(path).to_dataframe()[["concept", "variant", "term"]].astype(str)
        pd.testing.assert_frame_equal(table, expected)


def test_warnings_point_at_the_line_that_read_or_wrote_the_file(write, tmp_path):
    path = write("w.cat", "NEG\n  BAD (2)\n")
    sourced = Lexicon(
        "s", (Concept("c", (Variant("v", (Term("x", sources=("a",)),)),)),), sources={"a": "A."}
    )
    with pytest.warns(LexiconWarning) as caught:
        read_lexicon(path)
        write_lexicon(sourced, tmp_path / "s.lc3")
    assert [warning.filename for warning in caught] == [__file__] * 2


def test_exclusions_travel_as_a_category_and_conditions_are_announced(tmp_path):
    from framing.lexicon.model import Condition, Context, Exclusion

    lexicon = Lexicon(
        "ruled",
        (Concept("war_name", (Variant("invasion", (Term("war"), Term("captured"))),)),),
        exclusions=(Exclusion("Cold War"), Exclusion("World War*")),
        conditions=(
            Condition("war_name", "invasion", "captured", if_near=Context(2, words=("city",))),
        ),
    )
    for suffix in ("dic", "cat", "lc3", "yml"):
        with pytest.warns(
            LexiconWarning,
            match=r"conditions \(if_near, unless_near\).*written as the category "
            r"'framing_exclusions'",
        ):
            path = write_lexicon(
                lexicon, tmp_path / f"r.{suffix}", format="quanteda" if suffix == "yml" else None
            )
        back = read_lexicon(path, format="quanteda" if suffix == "yml" else None)
        assert back.exclusions == lexicon.exclusions, suffix
        assert back.conditions == ()
        # Selecting categories keeps the exclusions.
        category = "war_name" if suffix in ("cat", "yml") else "war_name.invasion"
        selected = read_lexicon(
            path, format="quanteda" if suffix == "yml" else None, categories=[category]
        )
        assert selected.exclusions == lexicon.exclusions


# -- finding m2 of the adversarial review (issue 13): parsers linear in the line's length ------
@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("codes.dic", "%\n1\tc\n%\nkiev 1 " + "(" * 32_000 + "x\n"),  # codes after spaces
        ("tab.dic", "%\n1\tc\n%\nkiev\t1 " + "(" * 32_000 + "\n"),  # conditional codes
        ("open.cat", "C\n\tkiev" + "(" * 32_000 + "\n"),
        ("closed.cat", "C\n\tkiev" + "(" * 32_000 + ")x)\n"),
    ],
)
def test_m2_a_long_line_of_brackets_costs_its_length(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    try:
        read_lexicon(path)
    except LexiconError:
        pass
    assert time.perf_counter() - started < 1  # was 7.5 s (.dic) and 8.3 s (.cat)


@pytest.mark.parametrize(
    "line",
    ["BAD (2)", "kiev (city) (1)", "kyiv  (1)", "a(b(c)", "(1)", "x ((1)", "x (1) y", "x (1", "x)"],
)
def test_m2_wordstat_entries_read_as_the_former_pattern_read_them(line):
    from framing.lexicon.formats.wordstat import _entry

    former = re.match(r"^(?P<pattern>.*?)\s*\((?P<weight>[^)]*)\)\s*$", line)
    assert _entry(line) == (former and (former["pattern"], former["weight"]))
