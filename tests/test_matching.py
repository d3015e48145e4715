"""The matching rules of framing.matching, one test each, and the hits table contract."""

from __future__ import annotations

import subprocess
import sys
import warnings

import pandas as pd
import pytest

from framing import Lexicon, load_lexicon, match, match_text
from framing._engine import Engine
from framing.corpus.schema import conform
from framing.errors import TermError
from framing.matching import HITS_COLUMNS


def lexicon_of(*terms: str, case_sensitive: tuple[bool, ...] | None = None) -> Lexicon:
    table = pd.DataFrame(
        {
            "concept": [f"concept_{i}" for i in range(len(terms))],
            "variant": ["variant"] * len(terms),
            "term": list(terms),
        }
    )
    if case_sensitive is not None:
        table["case_sensitive"] = list(case_sensitive)
    return Lexicon.from_dataframe(table, name="test")


def found(text: str, *terms: str, case_sensitive: tuple[bool, ...] | None = None) -> list[str]:
    hits = match_text(text, lexicon_of(*terms, case_sensitive=case_sensitive), classify_voice=False)
    for start, end, matched in zip(hits["start"], hits["end"], hits["matched"], strict=True):
        assert text[start:end] == matched
    return hits["matched"].tolist()


def corpus_of(texts: list[str], titles: list[str | None] | None = None) -> pd.DataFrame:
    count = len(texts)
    return conform(
        pd.DataFrame(
            {
                "doc_id": [f"d{i}" for i in range(count)],
                "outlet": [f"outlet {i % 2}" for i in range(count)],
                "published": pd.date_range("2022-02-24", periods=count, freq="D", tz="UTC"),
                "title": titles if titles is not None else [""] * count,
                "text": texts,
            }
        )
    )


# -- the rules ---------------------------------------------------------------------------


def test_matching_ignores_case_by_default() -> None:
    assert found("KIEV, kiev and Kiev", "Kiev") == ["KIEV", "kiev", "Kiev"]


def test_case_sensitive_term_matches_only_as_written() -> None:
    assert found("The DPR, the dpr, the Dpr", "DPR", case_sensitive=(True,)) == ["DPR"]


def test_kiev_does_not_match_inside_kievan() -> None:
    assert found("Kievan Rus and Kiev", "Kiev") == ["Kiev"]


def test_war_does_not_match_inside_software_award_or_warfare() -> None:
    assert found("software, an award, warfare, wars, war.", "war") == ["war"]


def test_word_boundaries_know_non_ascii_letters() -> None:
    assert found("Zürich is rich; Ülker, naïve", "rich", "lker", "ve") == ["rich"]


def test_possessive_counts_as_the_term_without_the_apostrophe_s() -> None:
    assert found("Kiev's mayor, Kiev’s streets, KIEV'S", "Kiev") == ["Kiev", "Kiev", "KIEV"]


def test_plural_possessive_apostrophe_is_a_boundary() -> None:
    assert found("the Russians' claims", "Russians") == ["Russians"]


def test_contraction_is_one_word_so_don_is_not_in_dont() -> None:
    assert found("don't, Don’t, won't; the Don's banks", "Don") == ["Don"]
    assert found("O'Brien said", "Brien") == []


def test_multiword_term_matches_across_any_whitespace() -> None:
    text = (
        "special military\noperation; special  military\n\n operation; "
        "special\u00a0military\u202foperation; special\tmilitary\r\noperation"
    )
    assert len(found(text, "special military operation")) == 4


def test_curly_and_straight_apostrophes_are_alike() -> None:
    assert found("the people’s republic and the people's republic", "people's republic") == [
        "people’s republic",
        "people's republic",
    ]
    assert found("the people's republic", "people’s republic") == ["people's republic"]


def test_unicode_hyphens_and_dashes_are_alike() -> None:
    text = "full-scale, full\u2011scale, full\u2010scale, full\u2013scale, full\u2014scale"
    assert len(found(text, "full-scale")) == 5
    assert found("a full\u2011scale war", "full–scale") == ["full\u2011scale"]


def test_hyphen_is_a_word_boundary() -> None:
    assert found("pro-Kiev, Kiev-based, anti‑Kiev", "Kiev") == ["Kiev", "Kiev", "Kiev"]


def test_hyphenated_term_needs_its_hyphen() -> None:
    assert found("neo Nazis and neo-Nazi groups", "neo-Nazi") == ["neo-Nazi"]
    assert found("neo-Nazis", "neo Nazis") == []


def test_glob_matches_the_rest_of_the_word() -> None:
    text = "liberation, liberated, Liberators, liberat, liberty, deliberate"
    assert found(text, "liberat*") == ["liberation", "liberated", "Liberators", "liberat"]


def test_glob_stops_at_hyphens_and_possessives_but_not_inside_contractions() -> None:
    assert found("liberation-era liberator's", "liberat*") == ["liberation", "liberator"]
    assert found("don't", "don*") == ["don't"]


def test_glob_inside_a_phrase() -> None:
    assert found("the so‑called denazification and so-called denazify", "so-called denazif*") == [
        "so‑called denazification",
        "so-called denazify",
    ]
    assert found("liberators of Kherson", "liberat* of Kherson") == ["liberators of Kherson"]


def test_leftmost_longest_counts_nested_terms_once() -> None:
    text = "the special military operation and a military operation"
    hits = match_text(text, lexicon_of("military operation", "special military operation"))
    assert hits["term"].tolist() == ["special military operation", "military operation"]


def test_shorter_term_is_tried_when_the_longest_fails_its_boundary() -> None:
    assert found("the Kiev regimes", "Kiev regime", "Kiev") == ["Kiev"]


def test_overlapping_terms_take_the_leftmost() -> None:
    assert found("Russian military operation", "Russian military", "military operation") == [
        "Russian military"
    ]


def test_decomposed_accent_matches_the_composed_term() -> None:
    text = "the cafe\u0301 and the café"
    assert found(text, "café") == ["cafe\u0301", "café"]
    assert found("cafe\u0301s", "cafe") == []  # the accent is part of the word


def test_soft_hyphens_and_zero_width_spaces_are_ignored() -> None:
    assert found("Ki\u00adev and Kiev\u200b", "Kiev") == ["Ki\u00adev", "Kiev"]


def test_same_words_in_two_terms_go_to_the_first_in_the_lexicon() -> None:
    table = pd.DataFrame(
        {
            "concept": ["war", "war"],
            "variant": ["kremlin", "kremlin"],
            "term": ["liberat*", "liberation"],
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the lexicon warns that the glob covers the term
        lexicon = Lexicon.from_dataframe(table, name="test")
        reordered = Lexicon.from_dataframe(table.iloc[::-1], name="test")
    assert match_text("liberation", lexicon)["term"].tolist() == ["liberat*"]
    assert match_text("liberation", reordered)["term"].tolist() == ["liberation"]


def test_terms_the_engine_cannot_match_are_refused() -> None:
    with pytest.raises(TermError, match=r"lone '\*'"):
        Engine([("so *", False)])
    with pytest.raises(TermError, match=r"only invisible characters"):
        Engine([("so \u00ad", False)])


# -- the hits table ----------------------------------------------------------------------


def test_hits_table_has_the_documented_columns_and_dtypes() -> None:
    corpus = corpus_of(["Kiev and Kyiv"])
    hits = match(corpus, lexicon_of("Kiev", "Kyiv"), columns=("outlet", "published"))
    assert list(hits.columns) == [*HITS_COLUMNS, "outlet", "published"]
    assert str(hits["start"].dtype) == "int64" and str(hits["end"].dtype) == "int64"
    for column in ("doc_id", "field", "matched", "term", "concept", "variant", "voice"):
        assert isinstance(hits[column].dtype, pd.StringDtype), column
    assert hits["published"].dtype == corpus["published"].dtype


def test_offsets_index_the_corpus_cell_exactly() -> None:
    texts = [
        "Ki\u00adev’s  so‑called\n\nspecial   military operation in cafe\u0301 Kyiv",
        "Nothing here.",
        "“Kiev regime”\u00a0and the Kiev\u200b regime",
    ]
    corpus = corpus_of(texts, titles=["Kyiv", None, "KIEV"])
    hits = match(corpus, lexicon_of("Kiev", "Kyiv", "special military operation", "café"))
    assert len(hits) == 8
    cells = corpus.set_index("doc_id")
    for row in hits.itertuples():
        assert cells.loc[row.doc_id, row.field][row.start : row.end] == row.matched


def test_hits_are_in_corpus_order_then_field_order_then_start() -> None:
    corpus = corpus_of(["Kyiv Kiev", "Kiev", "Kyiv"], titles=["Kiev", "", "Kyiv"])
    hits = match(corpus, lexicon_of("Kiev", "Kyiv"))
    assert list(zip(hits["doc_id"], hits["field"], hits["start"], strict=True)) == [
        ("d0", "title", 0),
        ("d0", "text", 0),
        ("d0", "text", 5),
        ("d1", "text", 0),
        ("d2", "title", 0),
        ("d2", "text", 0),
    ]
    only_text = match(corpus, lexicon_of("Kiev", "Kyiv"), fields="text")
    assert set(only_text["field"]) == {"text"}


def test_columns_are_joined_from_the_corpus() -> None:
    corpus = corpus_of(["x", "Kiev"])
    hits = match(corpus, lexicon_of("Kiev"), columns=["outlet", "published"])
    assert hits["outlet"].tolist() == ["outlet 1"]
    assert hits["published"].tolist() == [pd.Timestamp("2022-02-25", tz="UTC")]


def test_voice_false_leaves_the_voice_column_missing() -> None:
    hits = match(
        corpus_of(["the so-called Kiev regime"]), lexicon_of("Kiev regime"), classify_voice=False
    )
    assert hits["voice"].isna().all()
    assert hits["speaker"].isna().all()
    hits = match(corpus_of(["the so-called Kiev regime"]), lexicon_of("Kiev regime"))
    assert hits["voice"].tolist() == ["distanced"]


def test_no_hits_gives_an_empty_table_with_the_columns() -> None:
    hits = match(corpus_of(["nothing", "here"]), lexicon_of("Kiev"), columns=("outlet",))
    assert len(hits) == 0
    assert list(hits.columns) == [*HITS_COLUMNS, "outlet"]


def test_provenance_lists_every_variant_of_the_lexicon() -> None:
    lexicon = Lexicon.from_dataframe(
        pd.DataFrame(
            {
                "concept": ["capital", "capital", "war"],
                "variant": ["russian", "ukrainian", "kremlin"],
                "term": ["Kiev", "Kyiv", "special military operation"],
            }
        ),
        name="demo",
        version="2",
    )
    hits = match(corpus_of(["Kyiv"]), lexicon)
    record = hits.attrs["framing"]
    assert record["function"] == "match"
    assert record["lexicon"]["name"] == "demo" and record["lexicon"]["version"] == "2"
    assert record["lexicon"]["variants"] == [
        ["capital", "russian"],
        ["capital", "ukrainian"],
        ["war", "kremlin"],
    ]
    assert record["corpus"]["documents"] == 1
    assert record["parameters"]["fields"] == ["title", "text"]


def test_same_inputs_give_the_same_table() -> None:
    corpus = corpus_of(["Kiev and the so-called Kiev regime", "Kyiv"])
    lexicon = lexicon_of("Kiev", "Kyiv", "Kiev regime")
    first, second = match(corpus, lexicon), match(corpus, lexicon)
    pd.testing.assert_frame_equal(first, second)
    assert first.attrs == second.attrs


@pytest.mark.slow
def test_worker_processes_give_the_same_table_as_one_process() -> None:
    texts = [f"Kiev {i} and the special military operation, Kyiv’s {i}" for i in range(300)]
    corpus = corpus_of(texts)
    lexicon = lexicon_of("Kiev", "Kyiv", "special military operation", "military operation")
    alone = match(corpus, lexicon, workers=1)
    together = match(corpus, lexicon, workers=2, chunksize=37)
    pd.testing.assert_frame_equal(alone, together)
    assert len(alone) == 900


UNGUARDED_SCRIPT = """
import pandas as pd
from framing import Lexicon, match
from framing.corpus.schema import conform

print("script body ran")
corpus = conform(pd.DataFrame({
    "doc_id": [f"d{i}" for i in range(200)], "outlet": ["X"] * 200,
    "published": ["2022-03-01"] * 200, "title": [""] * 200,
    "text": [f"Kiev {i}, the “special military operation”." for i in range(200)]}))
lexicon = Lexicon.from_dataframe(pd.DataFrame({
    "concept": ["c", "c"], "variant": ["v", "v"],
    "term": ["Kiev", "special military operation"]}), name="demo")
alone = match(corpus, lexicon, workers=1)
together = match(corpus, lexicon, workers=2, chunksize=20, progress=False)
pd.testing.assert_frame_equal(alone, together)
print("hits", len(together))
"""


@pytest.mark.slow
def test_workers_run_from_a_script_without_a_main_guard(tmp_path) -> None:
    # forkserver/spawn re-import a script's __main__ in each worker; without the
    # `if __name__ == "__main__":` guard that re-ran match() there and broke the pool.
    script = tmp_path / "unguarded.py"
    script.write_text(UNGUARDED_SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    # The script ran once (in this process only), and the workers found every hit.
    assert done.stdout.splitlines() == ["script body ran", "hits 400"]


# -- errors ------------------------------------------------------------------------------


def test_a_lexicon_that_is_not_a_lexicon_is_refused() -> None:
    with pytest.raises(TypeError, match=r"'lexicon' parameter of match must be a framing\.Lexicon"):
        match(corpus_of(["x"]), ["Kiev"])  # type: ignore[arg-type]


def test_a_corpus_that_is_not_a_dataframe_is_refused() -> None:
    with pytest.raises(TypeError, match=r"'corpus' parameter of match must be a pandas or dask"):
        match(["Kiev"], lexicon_of("Kiev"))


def test_an_unknown_field_is_refused_with_the_corpus_columns() -> None:
    with pytest.raises(ValueError, match=r"names 'body', which is not a corpus column"):
        match(corpus_of(["x"]), lexicon_of("Kiev"), fields=("body",))


def test_a_field_named_twice_is_refused_not_counted_twice() -> None:
    """Finding m14 of the adversarial review (issue 13): 6 hits instead of 3."""
    with pytest.raises(ValueError, match=r"names \['text'\] more than once"):
        match(corpus_of(["Kiev Kiev Kiev"]), lexicon_of("Kiev"), fields=("text", "text"))


def test_an_unknown_join_column_is_refused() -> None:
    with pytest.raises(ValueError, match=r"'columns' parameter of match names 'site'"):
        match(corpus_of(["x"]), lexicon_of("Kiev"), columns=("site",))


def test_zero_workers_is_refused() -> None:
    with pytest.raises(ValueError, match=r"'workers' parameter of match must be a whole number"):
        match(corpus_of(["x"]), lexicon_of("Kiev"), workers=0)


def test_a_lexicon_is_compiled_once_per_session():
    # match compiles a lexicon's terms (and their sense rules) once: the same object
    # again, so the engine is found without hashing every term anew.
    from framing._match_work import _compile

    lexicon = load_lexicon("ukraine_war")
    assert _compile(lexicon) is _compile(lexicon)
    assert _compile(lexicon, rules=False) is not _compile(lexicon)
    assert _compile(lexicon, rules=False).rules != _compile(lexicon).rules
