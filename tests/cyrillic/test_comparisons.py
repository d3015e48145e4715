"""The shared tokenizer, compare_groups, collocations and suggest_terms on Russian and
Ukrainian text; lemmatised counting and the Russian and Ukrainian stop words."""

from __future__ import annotations

import pandas as pd
import pytest

import framing
from framing._tokens import count_tokens, tokenize
from framing.corpus.schema import conform


def test_tokenize_russian_and_ukrainian():
    assert tokenize("Так называемая «ДНР» — ещё раз, Ростов-на-Дону!") == [
        "Так",
        "называемая",
        "ДНР",
        "еще",
        "раз",
        "Ростов-на-Дону",
    ]
    assert tokenize("Пам’ять про з'їзд у Києві") == ["Пам'ять", "про", "з'їзд", "у", "Києві"]
    assert tokenize("ЛНP") == ["ЛНР"]  # the Latin P folded, as the matcher folds it
    assert count_tokens(["Війна триває.", None, "т.е. так"]).tolist() == [2, 0, 2]


def _corpus() -> pd.DataFrame:
    state = [
        "Специальная военная операция продолжается, сообщил киевский режим не будет.",
        "В ходе специальной военной операции освобождены населенные пункты.",
        "Итоги специальной военной операции подвели в Москве.",
        "Киевский режим продолжает обстрелы, заявили в ходе специальной военной операции.",
    ] * 3
    independent = [
        "Война в Украине продолжается, сообщили из Киева.",
        "Война идет третий год, обстрелы Киева продолжаются.",
        "Вторжение в Украину осуждают, война не кончается.",
        "О войне в Украине говорили в Вильнюсе.",
    ] * 3
    texts = state + independent
    return conform(
        pd.DataFrame(
            {
                "doc_id": [str(i) for i in range(len(texts))],
                "outlet": ["Государственное"] * len(state) + ["Независимое"] * len(independent),
                "published": "2024-11-01",
                "title": "",
                "text": texts,
                "language": "ru",
            }
        )
    )


def test_compare_groups_counts_cyrillic_ngrams():
    table = framing.compare_groups(_corpus(), by="outlet", ngram_range=(1, 2), min_count=3)
    state = table[table["group"] == "Государственное"].sort_values("z", ascending=False)
    assert "военной операции" in state["term"].head(10).tolist()
    independent = table[table["group"] == "Независимое"]
    assert independent.set_index("term").loc["война", "count"] == 9


def test_lemmatised_counting_joins_the_forms():
    lemmas = framing.lemmatise(_corpus())
    assert lemmas["text"].iloc[1].startswith("в ход специальный военный операция")
    table = framing.compare_groups(lemmas, by="outlet", ngram_range=(1, 1), min_count=3)
    independent = table[table["group"] == "Независимое"].set_index("term")
    # "война", "войне" (and "войны") are one lemma now.
    assert independent.loc["война", "count"] == 12
    state = table[table["group"] == "Государственное"].set_index("term")
    assert state.loc["операция", "count"] == 12


def test_lemmatise_takes_each_documents_language_and_leaves_others_alone():
    corpus = _corpus().head(2).copy()
    corpus["language"] = pd.array(["uk", "en"], dtype="string")
    corpus["text"] = pd.array(["Війна в Україні триває", "Wars go on"], dtype="string")
    assert framing.lemmatise(corpus)["text"].tolist() == ["війна в україна тривати", "wars go on"]
    with pytest.raises(ValueError, match="'language' parameter of lemmatise"):
        framing.lemmatise(corpus, language="de")


def test_stop_words_come_from_the_installed_package():
    russian, ukrainian = framing.stop_words("russian"), framing.stop_words("uk")
    assert {"и", "в", "не", "который", "еще"} <= set(russian)
    assert {"і", "в", "не", "який", "а"} <= set(ukrainian)
    assert all(word == word.lower() and "ё" not in word for word in russian)
    with pytest.raises(ValueError, match="'language' parameter of stop_words"):
        framing.stop_words("klingon")


def test_collocations_of_a_cyrillic_phrase_with_russian_stop_words():
    corpus = _corpus()
    plain = framing.collocations(corpus, "военной операции", window=2, min_count=3)
    assert "в" in plain["collocate"].tolist() or "ходе" in plain["collocate"].tolist()
    filtered = framing.collocations(
        corpus, "военной операции", window=2, min_count=3, stop_words="russian"
    )
    assert "в" not in filtered["collocate"].tolist()
    assert "ходе" in filtered["collocate"].tolist()


def test_suggest_terms_knows_the_forms_of_an_inflected_lexicon():
    lexicon = framing.Lexicon.from_dataframe(
        pd.DataFrame(
            {
                "concept": ["war_name", "war_name"],
                "variant": ["russian_state", "war"],
                "term": ["специальная военная операция", "война"],
            }
        ),
        name="ru",
        language="ru",
    )
    suggestions = framing.suggest_terms(
        _corpus(), lexicon, n=30, ngram_range=(1, 3), min_count=3, stop_words="russian"
    )
    terms = suggestions["term"].tolist()
    # "специальной военной операции" is a form of a term: covered, not suggested.
    assert "специальной военной операции" not in terms
    assert "войне" not in terms and "война" not in terms
    assert "киевский режим" in terms
