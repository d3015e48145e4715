"""Cyrillic in the matcher's normalisation: ё/е folded, Latin look-alikes in Cyrillic
words folded, case-insensitive matching, and check_lexicon's warning for look-alikes."""

from __future__ import annotations

import pandas as pd
import pytest

import framing
from framing import Lexicon
from framing._text import fold_lookalikes, normalise, term_key


def _lexicon(*terms: str, case_sensitive: bool = False) -> Lexicon:
    return Lexicon.from_dataframe(
        pd.DataFrame(
            {
                "concept": ["c"] * len(terms),
                "variant": [f"v{i}" for i in range(len(terms))],
                "term": list(terms),
                "case_sensitive": case_sensitive,
            }
        ),
        name="t",
        language="ru",
    )


def test_yo_and_ye_match_each_other_both_ways():
    text = "Ещё раз: еще раз. ЕЩЁ РАЗ"
    for term in ("ещё раз", "еще раз"):
        hits = framing.match_text(text, _lexicon(term), classify_voice=False)
        assert hits["matched"].tolist() == ["Ещё раз", "еще раз", "ЕЩЁ РАЗ"]


def test_decomposed_yo_is_yo():
    hits = framing.match_text("е\u0308ще", _lexicon("еще"), classify_voice=False)
    assert hits["matched"].tolist() == ["е\u0308ще"]


def test_cyrillic_case_insensitive_and_case_sensitive():
    text = "КИЕВ, Киев и киев; ДНР и днр"
    assert len(framing.match_text(text, _lexicon("киев"), classify_voice=False)) == 3
    sensitive = framing.match_text(text, _lexicon("ДНР", case_sensitive=True), classify_voice=False)
    assert sensitive["matched"].tolist() == ["ДНР"]


@pytest.mark.parametrize(
    ("written", "term"),
    [("ЛНP", "ЛНР"), ("Kиев", "Киев"), ("пoлитика", "политика"), ("Kиїв", "Київ")],
)
def test_latin_lookalikes_inside_cyrillic_words_are_folded(written, term):
    text = f"Сказано: {written}."
    hits = framing.match_text(text, _lexicon(term), classify_voice=False)
    assert hits["matched"].tolist() == [written]  # offsets point at the text as written


def test_words_in_one_script_are_untouched():
    assert fold_lookalikes("KION и Киев; Zа наших") == "KION и Киев; Zа наших"
    assert normalise("A cafe in Kyiv")[0] == "A cafe in Kyiv"
    # A Latin "KION" is not the Cyrillic "КІОН".
    assert framing.match_text("KION", _lexicon("КІОН"), classify_voice=False).empty


def test_term_keys_fold_like_text():
    assert term_key("ЛНP") == term_key("лнр")
    assert term_key("ёлка") == term_key("Елка")


def test_check_lexicon_warns_about_a_lookalike_and_names_the_term(tmp_path):
    path = tmp_path / "mixed.yaml"
    path.write_text(
        "name: mixed\nlanguage: ru\nconcepts:\n  entities:\n    variants:\n"
        "      self:\n        terms:\n          - ЛНP\n          - ДНР\n",
        encoding="utf-8",
    )
    check = framing.check_lexicon(path)
    assert check.ok
    (warning,) = check.warnings
    assert warning.rule == "mixed_script"
    assert warning.term == "ЛНP"
    assert "'P' U+0050" in warning.message
    assert warning.line == 8


def test_a_term_and_its_lookalike_spelling_are_duplicates():
    with pytest.raises(framing.LexiconError, match=r"same term"):
        _lexicon("ЛНР", "ЛНP")


def test_an_emoji_variation_selector_does_not_glue_the_next_word():
    # U+FE0F is a combining mark; before the fold "▪️ВСУ" was one word and not matched.
    for text in ("▪\ufe0fВСУ потеряли", "\u2757\ufe0fKyiv said"):
        term = "ВСУ" if "ВСУ" in text else "Kyiv"
        hits = framing.match_text(text, _lexicon(term), classify_voice=False)
        assert hits["matched"].tolist() == [term]
