"""Language per document: identified when the source gives none, counted in the load
report, and match warns when a lexicon's language is absent from the corpus."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

import framing
from framing.corpus.language import detect_language, language_mismatch

RU = "Переговоры в Стамбуле продолжились в пятницу, сообщили в министерстве иностранных дел."
UK = "Переговори у Стамбулі тривали в п'ятницю, повідомили в міністерстві закордонних справ."
EN = "The talks in Istanbul went on on Friday, the foreign ministry said in a statement."


@pytest.mark.parametrize(("text", "language"), [(RU, "ru"), (UK, "uk"), (EN, "en")])
def test_detect_language(text, language):
    assert detect_language(text) == language


def test_letters_settle_short_russian_and_ukrainian():
    assert detect_language("Київ") == "uk"
    assert detect_language("Мы вышли") == "ru"
    # Too short for the model, and no telling letter: no guess.
    assert detect_language("Киев") is None
    assert detect_language(None) is None
    assert detect_language("12:00 — 13:00") is None


def test_another_cyrillic_answer_without_its_letters_becomes_russian():
    # The statistical model alone calls this Uzbek; it has no Uzbek letter.
    assert detect_language("Игорь Мишин покинул онлайн-кинотеатр KION") == "ru"


def _write(folder, name, rows):
    path = folder / name
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return path


def test_read_corpus_fills_language_and_keeps_the_sources_own(tmp_path):
    path = _write(
        tmp_path,
        "posts.json",
        [
            {"id": 1, "text": RU, "date": "2024-11-01"},
            {"id": 2, "text": UK, "date": "2024-11-01"},
            {"id": 3, "text": EN, "date": "2024-11-01", "language": "en-GB"},
            {"id": 4, "text": "Ок", "date": "2024-11-01"},
        ],
    )
    corpus = framing.read_corpus(path, outlet="X")
    assert corpus["language"].tolist()[:3] == ["ru", "uk", "en-GB"]
    assert corpus["language"].isna().tolist() == [False, False, False, True]
    report = framing.load_report(corpus)
    languages = report.languages.set_index("language")
    assert languages["documents"].to_dict() == {"ru": 1, "uk": 1, "en-GB": 1, "unknown": 1}
    assert languages["identified"].to_dict() == {"ru": 1, "uk": 1, "en-GB": 0, "unknown": 0}
    assert "Languages: ru 1, uk 1, en-GB 1, unknown 1 (2 identified by the kit" in str(report)
    assert "Languages:" in report._repr_html_()


def test_the_report_survives_the_parquet_round_trip(tmp_path):
    corpus = framing.read_corpus(_write(tmp_path, "a.json", [{"text": RU}]), outlet="X")
    framing.write_corpus(corpus, tmp_path / "a.parquet")
    again = framing.load_report(framing.read_corpus(tmp_path / "a.parquet"))
    assert again.languages["language"].tolist() == ["ru"]


def test_old_reports_without_languages_still_load():
    report = framing.corpus._report.LoadReport({"sources": [{"source": "a", "format": "csv"}]})
    assert report.languages.empty
    assert "Languages" not in str(report)


def _corpus(languages):
    from framing.corpus.schema import conform

    return conform(
        pd.DataFrame(
            {
                "doc_id": [str(i) for i in range(len(languages))],
                "outlet": "X",
                "published": "2024-11-01",
                "title": "",
                "text": "Киев",
                "language": languages,
            }
        )
    )


def test_match_warns_when_the_lexicons_language_is_absent():
    english = framing.load_lexicon("ukraine_war")
    with pytest.warns(framing.FramingWarning, match=r"is in 'en', and no document .* ru 2"):
        framing.match(_corpus(["ru", "ru"]), english)


def test_match_is_quiet_when_the_language_is_there_or_unknown():
    english = framing.load_lexicon("ukraine_war")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        framing.match(_corpus(["ru", "en"]), english)
        framing.match(_corpus([None, None]), english)
    assert language_mismatch(_corpus(["en"]), english) is None
