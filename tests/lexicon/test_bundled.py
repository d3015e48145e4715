"""The bundled lexicons load, pass every rule, and give every term a cited source."""

from __future__ import annotations

import warnings

import pytest

from framing import check_lexicon, lexicons, load_lexicon

BUNDLED = ["ukraine_war", "ukraine_toponyms", "ukraine_war_ru", "ukraine_war_uk"]


def test_lexicons_lists_the_bundled_ones():
    table = lexicons()
    assert list(table.columns) == [
        "name",
        "version",
        "description",
        "concepts",
        "terms",
        "exclusions",
        "conditions",
        "precision",
        "precision_min",
        "measured_on",
    ]
    assert sorted(table["name"]) == sorted(BUNDLED)
    assert (table["terms"] > 0).all()
    # Both bundled lexicons are measured: the range and where it was measured.
    assert table["precision"].str.contains(r"^0\.\d\d-1\.00 over \d+ ").all()
    assert table["measured_on"].str.startswith("All of ../shared/data").all()


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_lexicon_loads_without_errors_or_warnings(name):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check = check_lexicon(name)
    assert check.ok, str(check)
    assert check.problems == ()


@pytest.mark.parametrize("name", BUNDLED)
def test_every_bundled_term_has_a_cited_source(name):
    lexicon = load_lexicon(name)
    missing = [
        (concept.name, variant.name, term.pattern)
        for concept, variant, term in lexicon.entries()
        if not term.sources
    ]
    assert missing == []
    for source_id, citation in lexicon.sources.items():
        assert len(citation) > 40, f"{source_id}: a full citation, not a label"


@pytest.mark.parametrize("name", BUNDLED)
def test_every_concept_has_at_most_one_reference_and_bundled_yaml_is_canonical(name):
    lexicon = load_lexicon(name)
    assert all(sum(v.reference for v in c.variants) <= 1 for c in lexicon.concepts)
    path = check_lexicon(name).file
    with open(path, encoding="utf-8") as handle:
        assert handle.read() == lexicon.to_yaml()


def test_ukraine_war_measures_both_sides():
    lexicon = load_lexicon("ukraine_war")
    war = lexicon.concept("war_name")
    assert {t.pattern for t in war.variant("russian_state").terms} >= {
        "special military operation",
        "special operation",
    }
    assert {t.pattern for t in war.variant("war_invasion").terms} >= {"war", "invasion"}
    loaded = lexicon.concept("russian_forces_label").variant("ukrainian_side_loaded")
    assert {"rashist*", "occupier*", "orcs"} <= {t.pattern for t in loaded.terms}
    afu = [
        t
        for t in lexicon.concept("ukrainian_forces_label").variant("neutral").terms
        if t.pattern == "AFU"
    ]
    assert afu and afu[0].case_sensitive


@pytest.mark.parametrize(
    ("concept", "russian", "ukrainian"),
    [
        ("kyiv", "Kiev", "Kyiv"),
        ("kharkiv", "Kharkov", "Kharkiv"),
        ("odesa", "Odessa", "Odesa"),
        ("mykolaiv", "Nikolaev", "Mykolaiv"),
        ("luhansk", "Lugansk", "Luhansk"),
        ("zaporizhzhia", "Zaporozhye", "Zaporizhzhia"),
        ("donbas", "Donbass", "Donbas"),
        ("bakhmut", "Artemovsk", "Bakhmut"),
        ("lyman", "Krasny Liman", "Lyman"),
        ("chernihiv", "Chernigov", "Chernihiv"),
        ("lviv", "Lvov", "Lviv"),
        ("rivne", "Rovno", "Rivne"),
        ("dnipro", "Dnepropetrovsk", "Dnipro"),
    ],
)
def test_toponyms_pair_russian_and_ukrainian_derived_spellings(concept, russian, ukrainian):
    place = load_lexicon("ukraine_toponyms").concept(concept)
    assert russian in {t.pattern for t in place.variant("russian_derived").terms}
    assert ukrainian in {t.pattern for t in place.variant("ukrainian_derived").terms}
    assert place.reference.name == "ukrainian_derived"


def test_toponyms_note_known_false_matches():
    lexicon = load_lexicon("ukraine_toponyms")
    odessa = lexicon.concept("odesa").variant("russian_derived").terms[0]
    assert "Texas" in odessa.note
    assert (
        lexicon.concept("dynamo_kyiv").variant("russian_derived").terms[0].pattern == "Dynamo Kiev"
    )
    assert "spellingukraine" in lexicon.sources and "MIT" in lexicon.sources["spellingukraine"]


def test_unknown_bundled_name_lists_the_available_ones():
    from framing import LexiconError

    with pytest.raises(
        LexiconError, match=r"'ukraine' is not a bundled lexicon .*ukraine_toponyms, ukraine_war"
    ):
        load_lexicon("ukraine")
