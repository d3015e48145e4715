"""The native YAML format: YAML -> Lexicon -> DataFrame -> Lexicon -> YAML loses nothing."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from framing import read_lexicon
from framing.lexicon import Concept, Lexicon, Term, Variant
from framing.lexicon.model import Condition, Context, Exclusion, Measurement
from framing.lexicon.problems import ERROR
from framing.lexicon.rules import lexicon_problems

NAMES = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
# Words with the punctuation real terms carry inside them (hyphen, apostrophes).
WORD = st.from_regex(
    r"[A-Za-zÀ-ÿЀ-ӿ0-9]([A-Za-zÀ-ÿЀ-ӿ0-9'’\-]{0,6}[A-Za-zÀ-ÿЀ-ӿ0-9])?", fullmatch=True
)
PATTERN = st.builds(
    lambda words, glob: " ".join(words) + ("*" if glob else ""),
    st.lists(WORD, min_size=1, max_size=3),
    st.booleans(),
)
ANY_TEXT = st.text(max_size=30)
OPTIONAL_TEXT = st.none() | ANY_TEXT


@st.composite
def lexicons(draw) -> Lexicon:
    source_ids = draw(
        st.lists(st.text(min_size=1, max_size=12).filter(str.strip), max_size=3, unique=True)
    )
    sources = {key: draw(st.text(min_size=1, max_size=40).filter(str.strip)) for key in source_ids}
    concepts = []
    for concept_name in draw(st.lists(NAMES, min_size=1, max_size=3, unique=True)):
        variant_names = draw(st.lists(NAMES, min_size=1, max_size=3, unique=True))
        reference = draw(st.none() | st.sampled_from(variant_names))
        variants = []
        for variant_name in variant_names:
            terms = tuple(
                Term(
                    pattern,
                    case_sensitive=draw(st.booleans()),
                    note=draw(OPTIONAL_TEXT),
                    sources=tuple(
                        draw(st.lists(st.sampled_from(source_ids), max_size=2, unique=True))
                    )
                    if source_ids
                    else (),
                )
                for pattern in draw(st.lists(PATTERN, min_size=1, max_size=3))
            )
            variants.append(
                Variant(
                    variant_name,
                    terms,
                    reference=variant_name == reference,
                    description=draw(OPTIONAL_TEXT),
                )
            )
        concepts.append(Concept(concept_name, tuple(variants), description=draw(OPTIONAL_TEXT)))
    source_lists = st.lists(st.sampled_from(source_ids), max_size=2, unique=True).map(tuple)
    exclusions = tuple(
        Exclusion(
            pattern,
            case_sensitive=draw(st.booleans()),
            note=draw(OPTIONAL_TEXT),
            sources=draw(source_lists) if source_ids else (),
        )
        for pattern in draw(st.lists(PATTERN, max_size=3))
    )
    contexts = st.none() | st.builds(
        Context,
        within=st.integers(1, 100),
        words=st.lists(PATTERN, min_size=1, max_size=3).map(tuple),
        concepts=st.lists(st.sampled_from([c.name for c in concepts]), max_size=1).map(tuple),
        lexicons=st.lists(st.just("ukraine_toponyms"), max_size=1).map(tuple),
        note=OPTIONAL_TEXT,
        side=st.sampled_from(["both", "before", "after"]),
    )
    places = [
        (concept.name, variant.name, term)
        for concept in concepts
        for variant in concept.variants
        for term in (None, *(t.pattern for t in variant.terms))
    ]
    conditions = tuple(
        Condition(*place, if_near=draw(contexts), unless_near=draw(contexts))
        for place in draw(st.lists(st.sampled_from(places), max_size=3, unique=True))
    )
    precision = tuple(
        Measurement(
            concept.name,
            draw(st.none() | st.sampled_from([v.name for v in concept.variants])),
            *draw(st.tuples(*[st.integers(0, 10_000)] * 4)),
            *sorted(draw(st.tuples(*[st.floats(0, 1)] * 3))),
            note=draw(OPTIONAL_TEXT),
        )
        for concept in draw(st.lists(st.sampled_from(concepts), max_size=2))
    )
    # Drop the draws that break a rule (duplicates, globs covering terms) before building.
    problems = lexicon_problems(
        concepts, sources, exclusions=exclusions, conditions=conditions, precision=precision
    )
    assume(not [p for p in problems if p.severity == ERROR])
    return Lexicon(
        name=draw(NAMES),
        concepts=tuple(concepts),
        version=draw(st.text(min_size=1, max_size=8)),
        language=draw(st.sampled_from(["en", "uk", "ru"])),
        description=draw(OPTIONAL_TEXT),
        sources=sources,
        licence=draw(OPTIONAL_TEXT),
        exclusions=exclusions,
        conditions=conditions,
        precision=precision,
        measured_on=draw(OPTIONAL_TEXT),
    )


# Generated lexicons may hold a glob and a term it covers in one variant: a warning only.
@pytest.mark.filterwarnings("ignore::framing.LexiconWarning")
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)
@given(lexicons())
def test_yaml_to_dataframe_to_yaml_is_lossless(tmp_path_factory, lexicon):
    path = tmp_path_factory.mktemp("roundtrip") / "lexicon.yaml"
    text = lexicon.to_yaml(path)
    loaded = read_lexicon(path)
    assert loaded == lexicon
    assert loaded.fingerprint() == lexicon.fingerprint()
    table = loaded.to_dataframe()
    rebuilt = Lexicon.from_dataframe(table)
    assert rebuilt == lexicon
    assert rebuilt.to_yaml() == text


def test_to_yaml_is_canonical_and_readable():
    lexicon = Lexicon(
        "capital",
        (
            Concept(
                "kyiv",
                (
                    Variant("russian_derived", (Term("Kiev", note="also Dynamo Kiev: a club"),)),
                    Variant("ukrainian_derived", (Term("Kyiv", sources=("su",)),), reference=True),
                ),
                description="the capital",
            ),
        ),
        version="1.0",
        sources={"su": "SpellingUkraine, https://github.com/Tyrrrz/SpellingUkraine (MIT)"},
    )
    assert lexicon.to_yaml() == (
        "name: capital\n"
        'version: "1.0"\n'
        "language: en\n"
        "sources:\n"
        '  su: "SpellingUkraine, https://github.com/Tyrrrz/SpellingUkraine (MIT)"\n'
        "concepts:\n"
        "  kyiv:\n"
        "    description: the capital\n"
        "    variants:\n"
        "      russian_derived:\n"
        "        terms:\n"
        '          - {term: Kiev, note: "also Dynamo Kiev: a club"}\n'
        "      ukrainian_derived:\n"
        "        reference: true\n"
        "        terms:\n"
        "          - {term: Kyiv, sources: [su]}\n"
    )


def test_dataframe_has_one_row_per_term_with_string_dtypes():
    lexicon = Lexicon.from_dataframe(
        pd.DataFrame(
            {
                "concept": ["war_name", "war_name", "war_name"],
                "variant": ["russian_state", "russian_state", "ukrainian_western"],
                "term": ["special military operation", "SMO", "invasion"],
                "case_sensitive": [False, True, False],
                "reference": [False, False, True],
            }
        ),
        name="war",
    )
    table = lexicon.to_dataframe()
    assert list(table.columns) == [
        "concept",
        "variant",
        "term",
        "case_sensitive",
        "sources",
        "note",
        "reference",
    ]
    assert table["term"].dtype == "string" and table["concept"].dtype == "string"
    assert table["case_sensitive"].tolist() == [False, True, False]
    assert lexicon.concept("war_name").reference.name == "ukrainian_western"


def test_notebook_summary_shows_counts_reference_and_escapes_html():
    lexicon = Lexicon(
        "t<script>",
        (Concept("c", (Variant("v", (Term("a"), Term("b")), reference=True),)),),
        sources={"x": "<b>cite</b>"},
    )
    html = lexicon._repr_html_()
    assert "t&lt;script&gt;" in html and "<script>" not in html
    assert "&lt;b&gt;cite&lt;/b&gt;" in html
    assert "1 concepts, 1 variants, 2 terms, 1 sources" in html
    assert lexicon.summary().to_dict("records") == [
        {"concept": "c", "variant": "v", "reference": True, "terms": 2, "examples": "a, b"}
    ]
