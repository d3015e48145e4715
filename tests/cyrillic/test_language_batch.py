"""Languages identified all at once (detect_languages, classify_many) are py3langid's
answers one text at a time, on generated text, on both samples and on RUWA. Speed is
measured in benchmarks/bench_read.py and bench_pipeline.py, not here."""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing.corpus import _language_batch, language
from framing.corpus.language import detect_language, detect_languages, document_sample

_WORDS = st.sampled_from(
    [
        "the", "talks", "went", "on", "Kyiv", "ministry", "said", "der", "und", "Gespräche",
        "les", "négociations", "переговоры", "продолжились", "в", "пятницу", "переговори",
        "тривали", "п'ятницю", "Київ", "ўзбек", "қазақ", "ђак", "na", "wa", "dey", "go",
        "12:00", "—", "«", "»", "!", "?", ".", ",", "’", "ЗАЯВЛЕНИЕ", "STATEMENT", "e\u0301",
    ]
)  # fmt: skip
_SAMPLES = st.one_of(
    st.lists(_WORDS, min_size=1, max_size=60).map(" ".join),
    st.text(min_size=1, max_size=80),
)


def _classify_one_by_one(samples: list[str]) -> list[str]:
    identifier = language._identifier()
    return [str(identifier.classify(sample)[0]) for sample in samples]


@settings(max_examples=150, deadline=None)
@given(st.lists(_SAMPLES, min_size=1, max_size=20))
def test_classify_many_gives_classify_of_each_sample(samples: list[str]) -> None:
    identifier = language._identifier()
    assert _language_batch.classify_many(identifier, samples) == _classify_one_by_one(samples)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.none() | _SAMPLES, st.none() | _SAMPLES), max_size=15))
def test_detect_languages_gives_detect_language_of_each_document(documents) -> None:
    expected = [detect_language(document_sample(*fields)) for fields in documents]
    assert detect_languages(documents) == expected


def _documents(corpus) -> list[tuple[str | None, ...]]:
    columns = [
        corpus[name].astype(object).where(corpus[name].notna(), None).tolist()
        for name in ("title", "description", "text")
    ]
    return list(zip(*columns, strict=True))


@pytest.mark.parametrize("name", [None, "ru_uk"])
def test_detect_languages_on_the_samples(name) -> None:
    documents = _documents(framing.load_sample(name))
    expected = [detect_language(document_sample(*fields)) for fields in documents]
    assert detect_languages(documents) == expected


def test_texts_near_a_tie_and_other_py3langid_versions_are_left_to_py3langid() -> None:
    samples = [document_sample(*fields) for fields in _documents(framing.load_sample())][:200]
    expected = _classify_one_by_one(samples)
    identifier = language._identifier()
    with mock.patch.object(_language_batch, "_UNIT", 1.0):  # every text "near a tie"
        with mock.patch.object(
            type(identifier), "classify", autospec=True, side_effect=type(identifier).classify
        ) as classify:
            assert _language_batch.classify_many(identifier, samples) == expected
        assert classify.call_count == len(samples)
    with mock.patch.object(_language_batch, "_version", return_value="9.9"):
        assert _language_batch.classify_many(identifier, samples) == expected


@pytest.mark.realdata
@pytest.mark.slow
def test_detect_languages_on_ruwa(shared_data) -> None:
    corpus = framing.read_corpus(shared_data / "ruwa" / "RUWA_04.08.23.csv", repair=False)
    documents = _documents(corpus)
    expected = [detect_language(document_sample(*fields)) for fields in documents]
    assert detect_languages(documents) == expected
