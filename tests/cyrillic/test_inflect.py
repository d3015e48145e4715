"""Inflection by generating forms: framing.lexicon.inflect and its hook in matching."""

from __future__ import annotations

import pandas as pd
import pytest

import framing
from framing import Lexicon, Term
from framing.lexicon import inflect
from framing.lexicon.inflect import expand


def _lexicon(terms, language="ru", **options) -> Lexicon:
    return Lexicon.from_dataframe(
        pd.DataFrame(
            {
                "concept": [f"c{i}" for i in range(len(terms))],
                "variant": "v",
                "term": list(terms),
                **options,
            }
        ),
        name="t",
        language=language,
    )


@pytest.mark.parametrize(
    ("term", "forms"),
    [
        ("война", {"война", "войны", "войне", "войну", "войной", "войною", "войн", "войнах"}),
        ("Киев", {"Киев", "Киева", "Киеву", "Киевом", "Киеве"}),
        ("хлопок", {"хлопок", "хлопка", "хлопки", "хлопков"}),
        ("подтопление", {"подтопление", "подтопления", "подтоплении", "подтоплением"}),
    ],
)
def test_a_russian_noun_takes_every_case_and_number(term, forms):
    assert forms <= set(expand(term, "ru").forms)


def test_an_adjective_noun_phrase_agrees_in_every_case_and_number():
    forms = set(expand("специальная военная операция", "ru").forms)
    assert {
        "специальная военная операция",
        "специальной военной операции",
        "специальную военную операцию",
        "специальной военной операцией",
        "специальные военные операции",
        "специальных военных операций",
        "специальными военными операциями",
    } <= forms
    # No form mixes cases or numbers.
    assert "специальная военной операции" not in forms
    assert "специальные военная операция" not in forms


def test_masculine_accusative_follows_the_animacy_of_the_noun():
    regime = set(expand("киевский режим", "ru").forms)  # inanimate: accusative = nominative
    assert "киевского режим" not in regime
    nationalists = set(expand("украинские националисты", "ru").forms)  # animate
    assert "украинских националистов" in nationalists
    assert "украинские националистов" not in nationalists


def test_noun_genitive_phrase_inflects_the_head_only():
    forms = set(expand("режим Киева", "ru").forms)
    assert {"режим Киева", "режима Киева", "режимом Киева", "режиме Киева"} <= forms
    assert all(form.endswith(" Киева") for form in forms)
    forces = set(expand("Вооружённые силы Украины", "ru").forms)
    assert {"Вооружённых сил Украины", "Вооружёнными силами Украины"} <= forces
    assert all(form.endswith(" Украины") for form in forces)


def test_ukrainian_forms_include_the_ones_lemmatisers_get_wrong():
    kyiv = set(expand("Київ", "uk").forms)
    assert {"Київ", "Києва", "Києву", "Києві", "Києвом"} <= kyiv
    invasion = set(expand("повномасштабне вторгнення", "uk").forms)
    assert {"повномасштабного вторгнення", "повномасштабним вторгненням"} <= invasion
    occupiers = set(expand("російські окупанти", "uk").forms)
    assert {"російських окупантів", "російським окупантам", "російський окупант"} <= occupiers


def test_words_that_are_never_inflected():
    assert expand("СВО", "ru").forms == ("СВО",)
    assert expand("ВСУ", "ru").method.startswith("as written")
    assert expand("денацифик*", "ru") == inflect.Expansion(("денацифик*",), "as written: a glob")
    # A preposition frame is written in its case: as written.
    assert expand("на Украине", "ru").forms == ("на Украине",)
    # An acronym after an agreeing adjective stays; the adjective keeps its gender.
    npp = set(expand("Запорожская АЭС", "ru").forms)
    assert "Запорожской АЭС" in npp
    assert "Запорожского АЭС" not in npp


def test_capitals_are_kept():
    assert "Донецкой Народной Республики" in expand("Донецкая Народная Республика", "ru").forms
    assert "ДОНЕЦКОЙ НАРОДНОЙ РЕСПУБЛИКИ" in expand("ДОНЕЦКАЯ НАРОДНАЯ РЕСПУБЛИКА", "ru").forms


def test_a_capitalised_word_takes_its_place_reading():
    # "Бахмут" is also a given name (animate, accusative "Бахмута"): the town is taken.
    assert expand("Бахмут", "ru").method == "dictionary"
    assert "Бахмуте" in expand("Бахмут", "ru").forms


def test_unknown_words_are_predicted_and_say_so():
    rashists = expand("рашисты", "ru")
    assert rashists.method == "predicted"
    assert {"рашистов", "рашистам", "рашист"} <= set(rashists.forms)


def test_the_term_as_written_comes_first():
    assert expand("нацбаты", "ru").forms[0] == "нацбаты"


def test_match_finds_inflected_forms_and_names_the_term():
    lexicon = _lexicon(["специальная военная операция", "Киев", "режим Киева"])
    text = "В ходе специальной военной операции по режиму Киева; в Киеве тихо. Киевом!"
    hits = framing.match_text(text, lexicon, classify_voice=False)
    assert hits["matched"].tolist() == [
        "специальной военной операции",
        "режиму Киева",
        "Киеве",
        "Киевом",
    ]
    assert hits["term"].tolist() == [
        "специальная военная операция",
        "режим Киева",
        "Киев",
        "Киев",
    ]
    assert (hits["end"] - hits["start"]).tolist() == hits["matched"].str.len().tolist()


def test_yo_forms_match_e_text():
    lexicon = _lexicon(["Вооружённые силы Украины"])
    hits = framing.match_text("Вооруженными силами Украины", lexicon, classify_voice=False)
    assert len(hits) == 1


def test_an_english_lexicon_is_not_inflected():
    lexicon = _lexicon(["war"], language="en")
    assert lexicon.forms()["form"].tolist() == ["war"]
    assert not inflect.is_inflected(lexicon)


def test_inflect_settings_per_term():
    lexicon = Lexicon(
        name="t",
        language="en",
        concepts=(
            framing.Concept(
                "c",
                (
                    framing.Variant("a", (Term("war"), Term("Київ", inflect="uk"))),
                    framing.Variant("b", (Term("Киев", inflect=False),)),
                ),
            ),
        ),
    )
    forms = lexicon.forms()
    assert set(forms.loc[forms["term"] == "Київ", "form"]) >= {"Києві", "Києва"}
    assert forms.loc[forms["term"] == "Киев", "form"].tolist() == ["Киев"]
    assert forms.loc[forms["term"] == "war", "form"].tolist() == ["war"]


def test_forms_added_and_removed_by_hand():
    term = Term("Киев", add_forms=("Кыйив",), remove_forms=("Киевы", "Киевов"))
    lexicon = Lexicon(
        name="t",
        language="ru",
        concepts=(framing.Concept("c", (framing.Variant("v", (term,)),)),),
    )
    forms = lexicon.forms()["form"].tolist()
    assert "Кыйив" in forms and "Киевы" not in forms and "Киевов" not in forms
    assert len(framing.match_text("Кыйив и Киевы", lexicon, classify_voice=False)) == 1


def test_yaml_keys_read_write_and_round_trip(tmp_path):
    path = tmp_path / "ru.yaml"
    path.write_text(
        "name: ru\nlanguage: ru\nconcepts:\n  kyiv:\n    variants:\n      ru:\n        terms:\n"
        "          - {term: Киев, add_forms: [Кыйив], remove_forms: [Киевы]}\n"
        "          - {term: на Украине, inflect: false}\n"
        "          - {term: Київ, inflect: uk}\n",
        encoding="utf-8",
    )
    lexicon = framing.read_lexicon(path)
    terms = [term for _, _, term in lexicon.entries()]
    assert terms[0].add_forms == ("Кыйив",) and terms[0].remove_forms == ("Киевы",)
    assert terms[1].inflect is False and terms[2].inflect == "uk"
    written = lexicon.to_yaml()
    assert "add_forms: [Кыйив]" in written and "inflect: false" in written
    assert "inflect: uk" in written
    again = tmp_path / "again.yaml"
    again.write_text(written, encoding="utf-8")
    assert framing.read_lexicon(again).fingerprint() == lexicon.fingerprint()
    table = lexicon.to_dataframe()
    assert Lexicon.from_dataframe(table).fingerprint() == lexicon.fingerprint()


def test_bad_settings_are_reported_with_the_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "name: bad\nlanguage: ru\nconcepts:\n  c:\n    variants:\n      v:\n        terms:\n"
        "          - {term: Киев, inflect: de}\n"
        "          - {term: война, add_forms: [войн*]}\n",
        encoding="utf-8",
    )
    check = framing.check_lexicon(path)
    assert not check.ok
    messages = " ".join(problem.message for problem in check.errors)
    assert "'inflect' must be true, false, ru or uk" in messages
    assert "add_forms 'войн*'" in messages


def test_plain_lexicons_keep_their_table_and_fingerprint_shape():
    lexicon = _lexicon(["Киев"], language="ru")
    assert list(lexicon.to_dataframe().columns) == list(framing.lexicon.model.LEXICON_COLUMNS)
    assert Term("Киев")._inflection() == {}


def test_forms_are_cached_by_fingerprint(monkeypatch, tmp_path):
    lexicon = _lexicon(["Херсон"], language="ru")
    first = lexicon.forms()
    assert lexicon.fingerprint() in inflect._TABLES
    pd.testing.assert_frame_equal(first, lexicon.forms())
    # On disk when FRAMING_CACHE_DIR is set, and read back from there.
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path))
    other = _lexicon(["Мелитополь"], language="ru")
    written = other.forms()
    (cached,) = (tmp_path / "forms").glob("*.json")
    inflect._TABLES.clear()
    pd.testing.assert_frame_equal(written, other.forms())
    assert cached.is_file()


def test_dask_hits_name_the_term_not_the_form():
    dd = pytest.importorskip("dask.dataframe")
    from framing.corpus.schema import conform

    corpus = conform(
        pd.DataFrame(
            {
                "doc_id": ["a", "b"],
                "outlet": "X",
                "published": "2024-11-01",
                "title": ["", ""],
                "text": ["Удар по Киеву.", "Из Киева."],
            }
        )
    )
    lexicon = _lexicon(["Киев"])
    hits = framing.match(dd.from_pandas(corpus, npartitions=2), lexicon).compute()
    assert hits["term"].tolist() == ["Киев", "Киев"]
    assert hits["matched"].tolist() == ["Киеву", "Киева"]


def test_other_formats_warn_that_word_forms_are_lost(tmp_path):
    lexicon = _lexicon(["Киев"], language="ru")
    with pytest.warns(framing.LexiconWarning, match="word-form settings"):
        framing.write_lexicon(lexicon, tmp_path / "ru.dic")


def test_hyphenated_compounds_inflect_both_parts():
    assert "страны-агрессора" in expand("страна-агрессор", "ru").forms
    assert "держави-терориста" in expand("держава-терорист", "uk").forms
    assert expand("Ростов-на-Дону", "ru").method == "dictionary"  # the dictionary's own


def test_every_agreeing_reading_of_a_modifier_gives_forms():
    forms = set(expand("західні партнери", "uk").forms)
    assert {"західний партнер", "західних партнерів"} <= forms


def test_check_lexicon_warns_about_a_form_two_variants_share(tmp_path):
    path = tmp_path / "lviv.yaml"
    path.write_text(
        "name: lviv\nlanguage: uk\nconcepts:\n  lviv:\n    variants:\n"
        "      russian_spelling:\n        terms:\n          - {term: Львов, inflect: ru}\n"
        "      ukrainian_spelling:\n        terms:\n          - Львів\n",
        encoding="utf-8",
    )
    check = framing.check_lexicon(path)
    assert check.ok
    shared = [p for p in check.warnings if p.rule == "shared_form"]
    assert shared and all(p.term == "Львів" for p in shared)
    assert "'Львова' is also a form of 'Львов'" in shared[0].message
    assert set(inflect.shared_forms(check.lexicon)["form"]) >= {"Львова", "Львову"}


def test_the_bundled_lexicons_share_no_form_between_variants():
    for name in ("ukraine_war_ru", "ukraine_war_uk"):
        assert inflect.shared_forms(framing.load_lexicon(name)).empty, name
