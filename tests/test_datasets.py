"""Tests for framing.datasets: the synthetic sample corpus, its loader and its generator.

The generator is not part of framing: it is the repository's tool ``data/make_sample/``,
imported here from ``data/``.
"""

from __future__ import annotations

import doctest
import hashlib
import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.corpus.clean import repair_text
from framing.corpus.schema import validate_corpus
from framing.datasets import SAMPLE_FORMATS, load_sample, sample_path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "data"))
from make_sample import make_sample, write_sample  # noqa: E402

STATE = ["Polar News Agency", "Eastwave TV"]
WESTERN = ["The Harbour Herald", "The Lakeside Tribune"]


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return make_sample()


@pytest.fixture(scope="module")
def loaded() -> pd.DataFrame:
    return load_sample()


def _rate(corpus: pd.DataFrame, pattern: str) -> float:
    """Share of documents whose text matches ``pattern`` (a plain-regex oracle)."""
    return float(corpus["text"].str.contains(pattern, regex=True).mean())


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
def test_write_sample_gives_the_same_bytes_on_every_run(tmp_path: Path) -> None:
    first = write_sample(tmp_path / "one" / "sample", package_file=tmp_path / "one" / "s.parquet")
    write_sample(tmp_path / "two" / "sample", package_file=tmp_path / "two" / "s.parquet")
    assert len(first) > 80
    assert _digests(tmp_path / "one") == _digests(tmp_path / "two")


def test_committed_sample_files_are_what_the_generator_writes(tmp_path: Path) -> None:
    committed = REPO / "data" / "sample"
    if not committed.is_dir():
        pytest.skip("data/sample is not in this checkout")
    write_sample(tmp_path / "sample", package_file=tmp_path / "sample.parquet")
    assert _digests(tmp_path / "sample") == _digests(committed)
    packaged = sample_path()
    assert (tmp_path / "sample.parquet").read_bytes() == packaged.read_bytes()


@pytest.mark.slow
@pytest.mark.parametrize("name", ["articles", "files"])
def test_generator_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(f"make_sample.{name}")
    failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert attempted > 0
    assert failed == 0, f"{failed} of {attempted} docstring examples of make_sample.{name} failed"


def test_committed_sample_stays_small() -> None:
    files = [p for p in (REPO / "data" / "sample").rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files) + sample_path().stat().st_size
    assert total < 6_000_000


def test_sample_has_about_1500_articles_from_seven_outlets_over_two_years(
    sample: pd.DataFrame,
) -> None:
    validate_corpus(sample)
    assert len(sample) == 1500
    assert sample["outlet"].value_counts().to_dict() == {
        "Polar News Agency": 300,
        "The Harbour Herald": 240,
        "Eastwave TV": 220,
        "Dnipro Ledger": 220,
        "The Lakeside Tribune": 200,
        "Meridian Wire": 200,
        "Borderland Independent": 120,
    }
    dated = sample["published"].dropna()
    assert dated.min() >= pd.Timestamp("2021-01-01", tz="UTC")
    assert dated.max() < pd.Timestamp("2023-01-01", tz="UTC")
    words = sample["text"].map(repair_text).str.split().str.len()
    assert words.between(80, 210).all()  # 80–200 words, plus a reprint's credit line
    assert sample["domain"].str.endswith(".example").all()
    assert sample["url"].str.startswith("https://").all()


def test_sample_says_it_is_synthetic_wherever_it_appears(loaded: pd.DataFrame) -> None:
    assert loaded["description"].str.startswith("[Synthetic sample]").all()
    assert loaded.attrs["sample"]["synthetic"] is True
    readme = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    assert "synthetic" in readme.lower()
    assert "synthetic" in (framing.datasets.__doc__ or "").lower()
    dump = next((REPO / "data" / "sample" / "dumps").glob("*.txt")).read_text(encoding="utf-8")
    assert "[Synthetic sample]" in dump


def test_state_outlets_say_special_military_operation_and_kiev(sample: pd.DataFrame) -> None:
    after = sample[sample["published"] >= pd.Timestamp("2022-02-24", tz="UTC")]
    state = after[after["outlet"].isin(STATE)]
    western = after[after["outlet"].isin(WESTERN)]
    assert _rate(state, r"special[\s\u00a0]+(?:military[\s\u00a0]+)?operation") > 0.5
    assert _rate(state, r"\bKiev\b") > 0.5 and _rate(state, r"\bKyiv\b") == 0
    assert _rate(state, r"\bliberated\b") > 0.1
    assert _rate(state, r"nationalist battalions|Kiev regime") > 0.3
    # "invasion" only in quotes: what Western media call an "invasion"
    assert _rate(state, r'(?<!")\binvasion\b') == 0
    assert 0 < _rate(state, r'"invasion"') < 0.4
    assert _rate(western, r"\b(?:war|invasion)\b") > 0.7
    assert _rate(western, r"\boccupied\b") > 0.05


def test_western_outlets_mostly_quote_moscow_s_terms(sample: pd.DataFrame) -> None:
    western = sample[sample["outlet"].isin(WESTERN)]
    quoted = r"(?:calls?|so-called) (?:a |the |its |)[\"“]"
    assert western["text"].str.contains(quoted, regex=True).sum() > 20
    # Unquoted, in some stories only (the crossover sentences of templates.yaml).
    own_voice = western["text"].str.contains(r"(?<![\"“])special military operation(?![\"”])")
    assert 0 < own_voice.sum() < 0.1 * len(western)


_UNQUOTED_OPERATION = r"(?<![\"“])(?:special )?military operation(?![\"”])"
_WAR = r"(?<![\"“])\b(?:war|invasion)\b(?![\"”])"


@pytest.mark.parametrize("outlet", [*STATE, *WESTERN, "Dnipro Ledger", "Meridian Wire"])
def test_no_outlet_names_the_war_one_way_only(sample: pd.DataFrame, outlet: str) -> None:
    # After the invasion every outlet writes both names somewhere, its own one far more
    # often: the charts of the gallery show mixed outlets, not 0 % or 100 %.
    invasion = pd.Timestamp("2022-02-24", tz="UTC")
    after = sample[(sample["outlet"] == outlet) & (sample["published"] >= invasion)]
    operation = _rate(after, _UNQUOTED_OPERATION)
    war = _rate(after, _WAR)
    assert operation > 0 and war > 0
    if outlet in STATE:
        assert operation > 1.5 * war
    else:
        assert war > 2 * operation


def test_state_outlets_call_it_a_war_more_often_late_in_2022(sample: pd.DataFrame) -> None:
    state = sample[sample["outlet"].isin(STATE)]
    early = state[state["published"].between("2022-02-24", "2022-06-30")]
    late = state[state["published"] >= pd.Timestamp("2022-09-01", tz="UTC")]
    assert _rate(late, r"\bwar\b") > _rate(early, r"\bwar\b")


def test_war_vocabulary_rises_after_24_february_2022(sample: pd.DataFrame) -> None:
    invasion = pd.Timestamp("2022-02-24", tz="UTC")
    before = sample[sample["published"] < invasion]
    after = sample[sample["published"] >= invasion]
    pattern = r"special military operation|\binvasion\b|\bthe war\b|occupiers"
    assert _rate(before, pattern) < 0.15
    assert _rate(after, pattern) > 0.6


def test_western_dailies_switch_from_kiev_to_kyiv_gradually(sample: pd.DataFrame) -> None:
    herald = sample[sample["outlet"] == "The Harbour Herald"].dropna(subset=["published"])
    by_half = herald.groupby(herald["published"].dt.year * 10 + (herald["published"].dt.month > 6))
    kiev_share = by_half["text"].apply(lambda t: t.str.contains(r"\bKiev\b").mean())
    assert kiev_share.iloc[0] > 0.4
    assert kiev_share.iloc[-1] == 0
    assert kiev_share.is_monotonic_decreasing


def test_ukrainian_outlet_sometimes_says_occupiers_rashists_or_orcs(sample: pd.DataFrame) -> None:
    ledger = sample[sample["outlet"] == "Dnipro Ledger"]
    assert _rate(ledger, r"\boccupiers\b") > 0.2
    assert 0 < _rate(ledger, r"\b(?:rashists?|orcs)\b") < 0.3
    assert _rate(ledger, r"\bKiev\b") == 0


def test_sample_carries_the_mess_of_real_files(sample: pd.DataFrame) -> None:
    dumps = sample[sample["sample_file"].str.startswith("dumps/")]
    assert dumps["text"].str.contains(r"[a-z]\.[A-Z]", regex=True).mean() > 0.5  # glued
    assert sample["text"].str.contains("’").any()  # curly apostrophes
    assert sample["text"].str.contains(r"Kyiv’s|Kiev’s|Kiev's|Kyiv's", regex=True).any()
    assert sample["text"].str.contains("\u00a0").sum() >= 4
    assert sample["text"].str.contains("[\u2010\u2011]", regex=True).sum() >= 4
    assert sample["text"].str.contains("â€™").sum() == 3  # mojibake
    assert sample["text"].str.contains("&#8217;|&amp;", regex=True).sum() == 3
    assert sample["text"].str.contains("Kievan Rus").any()
    assert sample["published"].isna().sum() == 6
    assert (sample["date_source"] == "url").sum() == 8


def test_deduplicate_finds_exactly_the_planted_reprints(loaded: pd.DataFrame) -> None:
    marked = framing.deduplicate(loaded)
    report = marked.attrs["load_report"]["deduplicate"]
    assert (report["exact"], report["near"]) == (30, 30)
    copies = marked[marked["duplicate_of"].notna()]
    assert (copies["duplicate_of"] == copies["reprint_of"]).all()
    assert set(copies["outlet"]) == {"The Harbour Herald", "Borderland Independent"}
    assert set(marked.loc[marked["reprint_of"].notna(), "doc_id"]) == set(copies["doc_id"])


def test_load_sample_reads_the_packaged_corpus_through_read_corpus(
    sample: pd.DataFrame, loaded: pd.DataFrame
) -> None:
    validate_corpus(loaded)
    assert loaded["doc_id"].tolist() == sample["doc_id"].tolist()
    assert loaded["text"].tolist() == sample["text"].map(repair_text).tolist()
    assert loaded["published"].equals(sample["published"])
    assert framing.load_sample is load_sample


@pytest.mark.slow
def test_every_format_together_gives_the_whole_corpus_again(sample: pd.DataFrame) -> None:
    parts = load_sample(format="all")
    assert len(parts) == len(sample)
    report = parts.attrs["load_report"]
    assert len(report["unreadable_dates"]) == 6
    assert {s["format"] for s in report["sources"]} == set(SAMPLE_FORMATS)
    merged = sample.merge(parts, on="url", suffixes=("", "_read"))
    # The .txt files carry no URL: title and text are all they hold.
    assert len(merged) == len(sample) - int(sample["sample_file"].str.startswith("text/").sum())
    for column in ("outlet", "title", "published", "author", "section", "date_source"):
        pd.testing.assert_series_equal(merged[column], merged[f"{column}_read"], check_names=False)
    # Saved HTML pages come back through trafilatura: compare words, not line breaks.
    words = merged["text"].map(repair_text).map(lambda t: re.sub(r"\s+", " ", t))
    words_read = merged["text_read"].map(lambda t: re.sub(r"\s+", " ", t))
    assert (words == words_read).all()


def test_load_sample_reads_one_format(sample: pd.DataFrame) -> None:
    dumps = load_sample(format="dump")
    assert len(dumps) == 300
    assert set(dumps["outlet"]) == {"Polar News Agency"}
    assert dumps["text"].str.contains("line of duty.A|[a-z]\\.[A-Z]", regex=True).sum() == 0


def test_load_sample_names_a_bad_format() -> None:
    with pytest.raises(ValueError, match=r"'format' parameter of load_sample .* Got 'xml'"):
        load_sample(format="xml")


def test_sample_path_points_at_the_packaged_file_and_the_format_files() -> None:
    assert sample_path().is_file()
    assert sample_path("csv").suffix == ".csv"
    assert sample_path("dump").is_dir()
    with pytest.raises(ValueError, match=r"'format' parameter of sample_path"):
        sample_path("xml")


def test_the_sample_comes_with_a_load_report():
    report = framing.load_report(framing.load_sample())
    assert int(report.summary["kept"].sum()) == 1500
    assert int(report.summary["dates_from_url"].sum()) == 8


def test_per_format_files_outside_a_source_checkout_say_where_they_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As in site-packages: no pyproject.toml and no data/sample beside framing/.
    monkeypatch.setattr(framing.datasets, "_CHECKOUT", tmp_path)
    assert len(load_sample()) == 1500  # the packaged file needs no checkout
    with pytest.raises(FileNotFoundError, match="installed package"):
        load_sample(format="csv")
    with pytest.raises(FileNotFoundError, match="installed package"):
        sample_path("all")
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    with pytest.raises(FileNotFoundError, match=r"python -m make_sample"):
        sample_path("csv")


@pytest.mark.slow
def test_load_sample_works_from_a_copy_of_the_package_alone(tmp_path: Path) -> None:
    """framing copied on its own, as an installed package is, still loads the sample."""
    shutil.copytree(
        REPO / "framing", tmp_path / "framing", ignore=shutil.ignore_patterns("__pycache__")
    )
    code = (
        "import framing, framing.datasets as d; "
        "assert d.sample_path().is_relative_to(framing.__path__[0]); "
        "print(framing.__path__[0]); print(len(framing.load_sample()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(tmp_path / "framing"), "1500"]


def test_the_generator_is_not_part_of_the_package() -> None:
    assert not (REPO / "framing" / "_sample_text.py").exists()
    with pytest.raises(AttributeError, match=r"data/make_sample"):
        framing.datasets.make_sample  # noqa: B018
    assert "make_sample" not in framing.datasets.__all__
