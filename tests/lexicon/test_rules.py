"""Each lexicon rule, checked on a small YAML file written for the test.

Every error names the file, the line and the place (concept, variant, term).
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from framing import LexiconError, LexiconWarning, check_lexicon, read_lexicon
from framing.lexicon import Concept, Lexicon, Term, Variant

HEADER = """
name: test
version: "1"
sources:
  observed: "Counts in a test corpus."
concepts:
"""


def lexicon_file(write, body: str, header: str = HEADER):
    import textwrap

    body = textwrap.indent(textwrap.dedent(body).lstrip("\n"), "  ")
    return write("test.yaml", textwrap.dedent(header).lstrip("\n") + body)


def test_a_valid_lexicon_loads(write):
    path = lexicon_file(
        write,
        """
        war_name:
          variants:
            russian_state:
              terms: [special military operation, {term: SMO, case_sensitive: true}]
            ukrainian_western:
              reference: true
              terms: [war, invasion, "so-called denazif*"]
        """,
    )
    lexicon = read_lexicon(path)
    assert lexicon.concept("war_name").reference.name == "ukrainian_western"
    assert [t.pattern for _, _, t in lexicon.entries()] == [
        "special military operation",
        "SMO",
        "war",
        "invasion",
        "so-called denazif*",
    ]
    assert lexicon.concept("war_name").variant("russian_state").terms[1].case_sensitive


def test_same_term_twice_in_one_variant_is_an_error_naming_file_line_and_place(write):
    path = lexicon_file(
        write,
        """
        war_name:
          variants:
            ukrainian_western:
              terms:
                - war
                - invasion
                - War
        """,
    )
    with pytest.raises(
        LexiconError,
        match=r"test\.yaml, line 12, concept 'war_name', variant 'ukrainian_western', "
        r"term 'War': the same term .* already in concept 'war_name', variant "
        r"'ukrainian_western' as 'war'",
    ):
        read_lexicon(path)


def test_same_term_in_two_concepts_is_an_error(write):
    path = lexicon_file(
        write,
        """
        war_name:
          variants:
            russian_state: {terms: [special operation]}
        other:
          variants:
            neutral: {terms: [Special Operation]}
        """,
    )
    with pytest.raises(LexiconError, match=r"concept 'other', variant 'neutral', term 'Special"):
        read_lexicon(path)


def test_curly_and_straight_apostrophes_count_as_the_same_term(write):
    path = lexicon_file(
        write,
        """
        entities:
          variants:
            a: {terms: ["People's Republic", "People’s Republic"]}
        """,
    )
    with pytest.raises(LexiconError, match="same term"):
        read_lexicon(path)


def test_glob_covering_a_term_of_another_variant_is_an_error(write):
    path = lexicon_file(
        write,
        """
        territory:
          variants:
            russian_state: {terms: ["liberat*"]}
            ukrainian_western: {terms: [occupied, liberation day]}
        other:
          variants:
            a: {terms: [liberated]}
        """,
    )
    with pytest.raises(
        LexiconError,
        match=r"line 12, concept 'other', variant 'a', term 'liberated': the glob 'liberat\*' "
        r"in concept 'territory', variant 'russian_state' already matches",
    ):
        read_lexicon(path)


def test_glob_covering_a_term_of_the_same_variant_is_a_warning(write):
    path = lexicon_file(
        write,
        """
        territory:
          variants:
            russian_state: {terms: ["liberat*", liberation]}
        """,
    )
    with pytest.warns(LexiconWarning, match=r"term 'liberation': the glob 'liberat\*' in the same"):
        lexicon = read_lexicon(path)
    assert len(lexicon) == 2


def test_glob_inside_a_phrase_covers_only_phrases_of_the_same_length(write):
    path = lexicon_file(
        write,
        """
        war_aims:
          variants:
            a: {terms: ["so-called denazif*", "denazification"]}
            b: {terms: ["so-called denazification"]}
        """,
    )
    with pytest.raises(LexiconError, match=r"term 'so-called denazification': the glob"):
        read_lexicon(path)


def test_empty_variant_is_an_error(write):
    path = lexicon_file(
        write,
        """
        war_name:
          variants:
            russian_state:
              terms: []
            neutral: {terms: [conflict]}
        """,
    )
    with pytest.raises(
        LexiconError,
        match=r"line 8, concept 'war_name', variant 'russian_state': the variant has no terms",
    ):
        read_lexicon(path)


@pytest.mark.parametrize(
    ("body", "key", "line"),
    [
        ("war_name:\n  colour: red\n  variants:\n    a: {terms: [war]}\n", "colour", 7),
        ("war_name:\n  variants:\n    a: {terms: [war], refrence: true}\n", "refrence", 8),
        (
            "war_name:\n  variants:\n    a:\n      terms:\n        - {term: war, source: [x]}\n",
            "source",
            10,
        ),
    ],
)
def test_unknown_key_is_an_error_naming_the_key_and_the_allowed_ones(write, body, key, line):
    path = lexicon_file(write, body)
    with pytest.raises(
        LexiconError, match=rf"line {line}, .*unknown key '{key}' in .*; the allowed keys are"
    ):
        read_lexicon(path)


def test_unknown_top_level_key_is_an_error(write):
    path = lexicon_file(
        write,
        "war_name:\n  variants:\n    a: {terms: [war]}\n",
        HEADER.replace("concepts:", "license: MIT\nconcepts:"),
    )
    with pytest.raises(
        LexiconError,
        match=r"unknown key 'license' in the lexicon; the allowed keys are name, version, "
        r"language, description, licence",
    ):
        read_lexicon(path)


def test_source_id_with_no_citation_is_an_error(write):
    path = lexicon_file(
        write,
        """
        war_name:
          variants:
            a:
              terms:
                - {term: war, sources: [observed, smith2020]}
        """,
    )
    with pytest.raises(
        LexiconError,
        match=r"line 10, concept 'war_name', variant 'a', term 'war': the source id "
        r"'smith2020' has no citation .*known ids: observed",
    ):
        read_lexicon(path)


def test_source_listed_without_its_citation_is_an_error(write):
    header = 'name: test\nversion: "1"\nsources:\n  observed:\nconcepts:\n'
    path = lexicon_file(write, "war_name:\n  variants:\n    a: {terms: [war]}\n", header)
    with pytest.raises(
        LexiconError, match=r"line 4, source 'observed': the source 'observed' has no citation"
    ):
        read_lexicon(path)


def test_two_reference_variants_in_one_concept_is_an_error(write):
    path = lexicon_file(
        write,
        """
        capital:
          variants:
            russian_derived: {reference: true, terms: [Kiev]}
            ukrainian_derived: {reference: true, terms: [Kyiv]}
        """,
    )
    with pytest.raises(
        LexiconError,
        match="concept 'capital': at most one variant of a concept may be the reference; "
        "2 are: russian_derived, ukrainian_derived",
    ):
        read_lexicon(path)


def test_duplicate_yaml_key_is_an_error_not_silently_collapsed(write):
    path = lexicon_file(
        write,
        """
        war_name:
          variants:
            a: {terms: [war]}
            a: {terms: [invasion]}
        """,
    )
    with pytest.raises(LexiconError, match=r"line 9: the key 'a' appears twice"):
        read_lexicon(path)


def test_float_version_is_an_error_with_a_hint(write):
    header = "name: test\nversion: 1.0\nconcepts:\n"
    path = lexicon_file(write, "war_name:\n  variants:\n    a: {terms: [war]}\n", header)
    with pytest.raises(
        LexiconError,
        match=r"line 2: the lexicon's 'version' must be text; got float 1.0 \(write it in quotes",
    ):
        read_lexicon(path)


def test_invalid_yaml_names_the_line(write):
    path = write("broken.yaml", "name: x\nconcepts:\n  a: [b\n")
    with pytest.raises(LexiconError, match=r"broken\.yaml, line \d+: the file is not valid YAML"):
        read_lexicon(path)


def test_yaml_tags_cannot_run_code(write):
    path = write(
        "evil.yaml",
        "name: !!python/object/apply:os.system ['echo owned']\nconcepts: {}\n",
    )
    with pytest.raises(LexiconError, match="not valid YAML"):
        read_lexicon(path)


@pytest.mark.parametrize(
    ("term", "reason"),
    [
        ("*", r"a bare '\*' would match every word"),
        ("", "the term is empty"),
        ("   ", "the term is empty"),
        ("*ation", r"it starts the word '\*ation'"),
        ("neo-*nazi", r"it stands inside the word 'neo-\*nazi'"),
        ("lib*rated", r"it stands inside the word 'lib\*rated'"),
        ("so-called *nazi", r"it starts the word '\*nazi'"),
        ("liberat**", r"stands inside the word 'liberat\*\*'"),
        ("'war'", 'must start with a letter or digit; it starts with "\'"'),
        ("U.S.", "must end with a letter, a digit or a trailing '\\*'; it ends with '.'"),
        ("neo-*", "a glob must follow a letter or digit; 'neo-\\*' has '-'"),
        ("militar?", "'\\?' is not part of the term syntax"),
        ("war|invasion", "'\\|' is not part of the term syntax"),
        (" war", "starts or ends with white space"),
        ("special\tmilitary", "tab or a line break"),
    ],
)
def test_bad_term_syntax_is_an_error_naming_concept_variant_and_term(term, reason):
    with pytest.raises(
        LexiconError,
        match=rf"concept 'war_name', variant 'russian_state', term {term!r}: ".replace("\\", "\\\\")
        .replace("*", "\\*")
        .replace("?", "\\?")
        .replace("|", "\\|")
        .replace(".", "\\.")
        + ".*"
        + reason,
    ):
        Lexicon("test", (Concept("war_name", (Variant("russian_state", (Term(term),)),)),))


@pytest.mark.parametrize(
    "term",
    [
        "liberat*",
        "so-called denazif*",
        "special military operation",
        "People's Republic",
        "Kiev's",
        "Donetsk People’s Republic",
        "neo-Nazi*",
        "Armed Forces of Ukraine",
        "SMO",
        "liberat* territor*",
        "Zaporizhzhia",
        "Київ",
    ],
)
def test_good_term_syntax_is_accepted(term):
    lexicon = Lexicon("test", (Concept("c", (Variant("v", (Term(term),)),)),))
    assert len(lexicon) == 1


def test_names_may_not_hold_the_flat_format_separator():
    with pytest.raises(LexiconError, match=r"a concept name must not contain '\.'"):
        Lexicon("test", (Concept("war.name", (Variant("v", (Term("war"),)),)),))


def test_building_a_lexicon_in_python_checks_the_same_rules():
    table = pd.DataFrame({"concept": ["a", "b"], "variant": ["x", "y"], "term": ["Kyiv", "kyiv"]})
    with pytest.raises(LexiconError, match="concept 'b', variant 'y', term 'kyiv': the same term"):
        Lexicon.from_dataframe(table, name="t")


def test_check_lexicon_lists_every_problem_without_raising(write):
    path = lexicon_file(
        write,
        """
        war_name:
          variants:
            a: {terms: [war, War, "*"]}
            b: {terms: []}
        """,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check = check_lexicon(path)
    assert not check.ok
    assert check.lexicon is None
    assert [p.rule for p in check.errors] == ["duplicate_term", "term_syntax", "empty_variant"]
    assert (check.concepts, check.variants, check.terms, check.sources) == (1, 2, 3, 1)
    text = str(check)
    assert "NOT LOADABLE" in text and "3 errors, 0 warnings" in text
    table = check.to_dataframe()
    assert list(table["line"]) == [8, 8, 9]
    assert "<table" in check._repr_html_()


def test_check_lexicon_of_a_good_file_holds_the_lexicon(write):
    path = lexicon_file(write, "war_name:\n  variants:\n    a: {terms: [war]}\n")
    check = check_lexicon(path)
    assert check.ok and check.lexicon is not None and check.problems == ()
    assert "OK" in str(check)


def test_the_example_in_docs_lexicons_md_loads(tmp_path):
    from pathlib import Path

    docs = Path(__file__).resolve().parents[2] / "docs" / "lexicons.md"
    text = docs.read_text(encoding="utf-8")
    example = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    lexicon = read_lexicon(path)
    assert lexicon.name == "my_war_lexicon"
    assert lexicon.concept("war_name").reference.name == "war_invasion"


# -- sense rules and measured precision ---------------------------------------------------

RULES_HEADER = HEADER.replace(
    "concepts:\n",
    """exclusions:
  - Cold War
  - {phrase: "World War*", note: other wars, sources: [observed]}
concepts:
""",
)


def test_exclusions_and_conditions_load_from_the_native_format(write):
    path = lexicon_file(
        write,
        """
        war_name:
          variants:
            invasion:
              unless_near: {within: 3, words: [nuclear], note: hypothetical wars}
              terms:
                - war
                - {term: captured, if_near: {within: 2, words: ["cit*"], concepts: [war_name]}}
        """,
        header=RULES_HEADER,
    )
    lexicon = read_lexicon(path)
    assert [e.pattern for e in lexicon.exclusions] == ["Cold War", "World War*"]
    assert lexicon.exclusions[1].sources == ("observed",)
    variant_rule, term_rule = lexicon.conditions
    assert (variant_rule.term, variant_rule.unless_near.words) == (None, ("nuclear",))
    assert term_rule.term == "captured" and term_rule.if_near.concepts == ("war_name",)
    assert read_lexicon(write("again.yaml", lexicon.to_yaml())) == lexicon


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (
            "exclusions:\n  - war\n",
            6,
            "exclusion 'war': the exclusion matches everything the term 'war'",
        ),
        ('exclusions:\n  - "wa*"\n', 6, "so that term could never be counted"),
        ("exclusions:\n  - Cold War\n  - cold  war\n", 7, "the same exclusion is already listed"),
        ('exclusions:\n  - "(Cold) War"\n', 6, "is not part of the term syntax"),
        ("exclusions:\n  - {phrase: X, sources: [nope]}\n", 6, "source id 'nope'"),
        ("exclusions:\n  - {text: X}\n", 6, "unknown key 'text' in an exclusion"),
    ],
)
def test_exclusion_problems_name_the_line(write, body, line, message):
    header = HEADER.replace("concepts:\n", body + "concepts:\n")
    path = lexicon_file(
        write,
        """
        war_name:
          variants:
            invasion:
              terms: [war]
        """,
        header=header,
    )
    with pytest.raises(LexiconError, match=rf"test\.yaml, line {line}\b.*{message}"):
        read_lexicon(path)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("{within: 0, words: [x]}", "'within' must be a whole number of words from 1 to 100"),
        ("{within: 2}", "the context is empty"),
        ("{words: [x]}", "needs 'within'"),
        ('{within: 2, words: ["*x"]}', "the context word '\\*x' breaks the term syntax"),
        ("{within: 2, concepts: [nope]}", "names the concept 'nope'"),
        ("{within: 2, lexicons: [nope]}", "names the lexicon 'nope', which is not a bundled"),
        ("{within: 2, words: [x], side: left}", "'side' must be both, before or after"),
        ("{within: 2, words: [x], where: left}", "unknown key 'where'"),
    ],
)
def test_condition_problems_name_the_line_and_the_rule(write, rule, message):
    path = lexicon_file(
        write,
        f"""
        war_name:
          variants:
            invasion:
              terms:
                - war
                - {{term: captured, unless_near: {rule}}}
        """,
    )
    with pytest.raises(LexiconError, match=rf"line 11, .*term 'captured'.*{message}"):
        read_lexicon(path)


def test_conditions_on_missing_places_and_twice_on_one_place_are_errors():
    from framing.lexicon.model import Condition, Context

    concepts = (Concept("c", (Variant("v", (Term("a"),)),)),)
    near = Context(2, words=("x",))
    with pytest.raises(LexiconError, match="the condition is on the term 'b' of variant 'v'"):
        Lexicon("t", concepts, conditions=(Condition("c", "v", "b", if_near=near),))
    with pytest.raises(LexiconError, match="merge them"):
        Lexicon(
            "t",
            concepts,
            conditions=(Condition("c", "v", "a", if_near=near), Condition("c", "v", "a")),
        )
    with pytest.raises(LexiconError, match="needs an if_near or an unless_near"):
        Lexicon("t", concepts, conditions=(Condition("c", "v"),))


def test_precision_rows_must_name_the_lexicon_and_fit_together(write):
    header = HEADER.replace(
        "concepts:\n",
        """precision:
  measured_on: a test corpus
  rows:
    - {concept: war_name, hits: 10, yes: 9, no: 1, unsure: 0, precision: 0.9, low: 0.6, high: 0.98}
    - {concept: war_name, variant: nope, hits: 1, yes: 1, no: 0, unsure: 0,
       precision: 1.0, low: 0.2, high: 1.0}
    - {concept: war_name, hits: 1, yes: 1, no: 0, unsure: 0, precision: 1.0, low: 0.2, high: 0.9}
concepts:
""",
    )
    path = lexicon_file(
        write,
        """
        war_name:
          variants:
            invasion:
              terms: [war]
        """,
        header=header,
    )
    check = check_lexicon(path)
    assert [(p.rule, p.line) for p in check.errors] == [
        ("precision_target", 9),
        ("precision_value", 11),
    ]
    good = write("good.yaml", path.read_text().replace("variant: nope", "variant: invasion"))
    good = write("good.yaml", good.read_text().replace("high: 0.9}", "high: 1.0}"))
    lexicon = read_lexicon(good)
    assert lexicon.measured_on == "a test corpus"
    assert lexicon.precision_table()["precision"].tolist() == [0.9, 1.0, 1.0]
