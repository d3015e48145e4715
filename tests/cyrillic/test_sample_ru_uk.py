"""The synthetic Russian and Ukrainian sample: reproducible, committed as generated, and
loaded by framing.load_sample("ru_uk")."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pandas as pd
import pytest

import framing

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "data"))

from make_sample_ru_uk import write_sample_ru_uk  # noqa: E402


def _digests(paths):
    return {Path(p).name: hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in paths}


def test_the_generator_writes_the_committed_bytes(tmp_path):
    committed = REPO / "data" / "sample_ru_uk"
    if not committed.is_dir():
        pytest.skip("data/sample_ru_uk is not in this checkout")
    written = write_sample_ru_uk(tmp_path / "sample_ru_uk", tmp_path / "sample_ru_uk.parquet")
    expected = [*sorted(committed.iterdir()), REPO / "framing" / "data" / "sample_ru_uk.parquet"]
    assert _digests(written) == _digests(expected)


def test_load_sample_ru_uk():
    corpus = framing.load_sample("ru_uk")
    framing.validate_corpus(corpus)
    assert len(corpus) == 480
    assert corpus["outlet"].value_counts().to_dict() == {
        "Вестник Севера": 140,
        "Свободный эфир": 120,
        "Дніпровий вісник": 120,
        "Оперативно Z": 100,
    }
    languages = pd.crosstab(corpus["outlet"], corpus["language"])
    assert languages.loc["Вестник Севера", "ru"] == 140
    assert languages.loc["Дніпровий вісник", "uk"] > 100  # and a few Russian items
    assert languages.loc["Дніпровий вісник", "ru"] > 0
    assert corpus["domain"].dropna().str.endswith(".example").all()


def test_the_files_read_to_the_packaged_corpus():
    files = framing.load_sample("ru_uk", format="all")
    packaged = framing.load_sample("ru_uk")
    columns = ["outlet", "published", "text", "language"]
    pd.testing.assert_frame_equal(
        files[columns].reset_index(drop=True), packaged[columns].reset_index(drop=True)
    )
    assert len(framing.load_sample("ru_uk", format="jsonl")) == 120


def test_bad_names_and_formats_are_refused():
    with pytest.raises(ValueError, match="'name' parameter of load_sample"):
        framing.load_sample("de")
    with pytest.raises(ValueError, match=r"load_sample\('ru_uk'\)"):
        framing.load_sample("ru_uk", format="csv")


def test_it_shows_what_the_notebook_measures():
    corpus = framing.load_sample("ru_uk")
    lexicon = framing.load_lexicon("ukraine_war_ru")
    russian = corpus[corpus["language"] == "ru"]
    hits = framing.match(russian, lexicon, columns=("outlet",))
    own = hits[hits["voice"] == "own"]
    frame_hits = own[own["concept"] == "ukraine_preposition"]
    frame = pd.crosstab(frame_hits["outlet"], frame_hits["variant"])
    assert frame.loc["Вестник Севера", "na"] > 0 and frame.loc["Вестник Севера"].get("v", 0) == 0
    assert frame.loc["Свободный эфир", "v"] > frame.loc["Свободный эфир"].get("na", 0)
    # Inflected forms are found: not only the nominative.
    matched = set(hits.loc[hits["term"] == "специальная военная операция", "matched"])
    assert "специальной военной операции" in matched
