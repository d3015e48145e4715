"""framing.concordance: context windows, sampling, offsets that round-trip, HTML display."""

from __future__ import annotations

import pandas as pd
import pytest

from framing import Lexicon, kwic, match
from framing.concordance import KWIC_COLUMNS, KwicTable
from framing.corpus.schema import conform


@pytest.fixture
def corpus() -> pd.DataFrame:
    texts = [
        "One two three four Kiev five six seven.\n\nThe so-called <Kiev> regime & co.",
        "Kiev",
        "Officials in pro-Kiev towns said Kiev’s mayor spoke.",
    ]
    return conform(
        pd.DataFrame(
            {
                "doc_id": ["a", "b", "c"],
                "outlet": ["Outlet A", "Outlet B", "Outlet A"],
                "published": ["2022-03-01", "2022-03-02", None],
                "title": ["", "", "Kiev <b>news</b>"],
                "text": texts,
            }
        )
    )


@pytest.fixture
def lexicon() -> Lexicon:
    table = pd.DataFrame({"concept": ["capital"], "variant": ["russian"], "term": ["Kiev"]})
    return Lexicon.from_dataframe(table, name="demo")


def test_kwic_has_the_documented_columns(corpus: pd.DataFrame, lexicon: Lexicon) -> None:
    table = kwic(match(corpus, lexicon), corpus)
    assert tuple(table.columns) == KWIC_COLUMNS
    assert isinstance(table, KwicTable)
    assert len(table) == 6


def test_window_counts_words_on_each_side(corpus: pd.DataFrame, lexicon: Lexicon) -> None:
    table = kwic(match(corpus, lexicon), corpus, window=2)
    first = table.iloc[0]
    assert (first["left"], first["match"], first["right"]) == ("three four ", "Kiev", " five six")
    second = table.iloc[1]  # the line break is shown as one space
    assert second["left"] == "The so-called <"  # "<" is glued to the match: not a word
    assert second["right"] == "> regime &"


def test_context_runs_to_the_edge_of_a_short_text(corpus: pd.DataFrame, lexicon: Lexicon) -> None:
    table = kwic(match(corpus, lexicon), corpus, window=10)
    only = table[table["doc_id"] == "b"].iloc[0]
    assert (only["left"], only["match"], only["right"]) == ("", "Kiev", "")


def test_offsets_round_trip_to_the_corpus(corpus: pd.DataFrame, lexicon: Lexicon) -> None:
    table = kwic(match(corpus, lexicon), corpus)
    cells = corpus.set_index("doc_id")
    for row in table.itertuples():
        assert cells.loc[row.doc_id, row.field][row.start : row.end] == row.match


def test_outlet_and_published_come_from_the_corpus(corpus: pd.DataFrame, lexicon: Lexicon) -> None:
    table = kwic(match(corpus, lexicon), corpus)
    assert table["outlet"].tolist()[:3] == ["Outlet A", "Outlet A", "Outlet B"]
    assert table["published"].iloc[0] == pd.Timestamp("2022-03-01", tz="UTC")
    assert pd.isna(table["published"].iloc[-1])


def test_sample_is_seeded_and_keeps_hits_order(corpus: pd.DataFrame, lexicon: Lexicon) -> None:
    hits = match(corpus, lexicon)
    first = kwic(hits, corpus, n=3, seed=1)
    again = kwic(hits, corpus, n=3, seed=1)
    pd.testing.assert_frame_equal(first, again)
    assert len(first) == 3
    order = list(zip(hits["doc_id"], hits["field"], hits["start"], strict=True))
    picked = [
        order.index(t) for t in zip(first["doc_id"], first["field"], first["start"], strict=True)
    ]
    assert picked == sorted(picked)
    assert len(kwic(hits, corpus, n=100)) == len(hits)


def test_html_highlights_the_match_and_escapes_the_text(
    corpus: pd.DataFrame, lexicon: Lexicon
) -> None:
    table = kwic(match(corpus, lexicon), corpus, window=3)
    page = table._repr_html_()
    assert page.count("<mark><b>Kiev</b></mark>") == 6
    assert "&lt;b&gt;news&lt;/b&gt;" in page and "<b>news</b>" not in page
    assert "&amp; co." in page
    assert "6 hits" in page


def test_a_filtered_table_still_displays_as_kwic(corpus: pd.DataFrame, lexicon: Lexicon) -> None:
    table = kwic(match(corpus, lexicon), corpus)
    subset = table[table["outlet"] == "Outlet B"]
    assert isinstance(subset, KwicTable)
    assert "<mark>" in subset._repr_html_()
    assert "<mark>" not in table[["doc_id", "outlet"]]._repr_html_()


def test_hits_from_another_corpus_are_refused(corpus: pd.DataFrame, lexicon: Lexicon) -> None:
    hits = match(corpus, lexicon)
    other = corpus.assign(text=corpus["text"].str.upper().str.replace("KIEV", "KYIV"))
    with pytest.raises(ValueError, match=r"does not fit the corpus text"):
        kwic(hits, other)
    with pytest.raises(ValueError, match=r"doc_id 'a', which is not in the corpus"):
        kwic(hits, corpus[corpus["doc_id"] != "a"])


def test_a_negative_window_is_refused(corpus: pd.DataFrame, lexicon: Lexicon) -> None:
    with pytest.raises(ValueError, match=r"'window' parameter of kwic must be a whole number"):
        kwic(match(corpus, lexicon), corpus, window=-1)


def test_the_console_shows_left_match_and_right_in_columns(
    corpus: pd.DataFrame, lexicon: Lexicon
) -> None:
    table = kwic(match(corpus, lexicon), corpus, window=3)
    with pd.option_context("display.width", 100):
        text = repr(table)
        assert str(table) == text
    lines = text.splitlines()
    header = ["doc_id", "outlet", "published", "left", "|", "match", "|", "right", "voice"]
    assert lines[0].split() == header
    # every match in one column, between the two bars
    bars = {line.index(" | ") for line in lines[1:-1]}
    assert len(bars) == 1
    assert "two three four | Kiev  | five six seven." in text
    assert lines[-1] == f"{len(table)} hits"
    # a plain DataFrame made from it prints as one
    assert not repr(pd.DataFrame(table)).endswith("hits")


def test_the_console_cuts_long_contexts_and_long_tables(
    corpus: pd.DataFrame, lexicon: Lexicon
) -> None:
    from framing.concordance import to_text

    table = kwic(match(corpus, lexicon), corpus, window=10)
    text = to_text(table, width=60, max_rows=2)
    assert text.splitlines()[-1] == f"2 of {len(table)} hits shown"
    assert "…" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_html_shows_voice_and_term_and_never_wraps_ids_or_dates(
    corpus: pd.DataFrame, lexicon: Lexicon
) -> None:
    page = kwic(match(corpus, lexicon), corpus)._repr_html_()
    assert "<th>voice</th><th>term</th>" in page
    assert '<td style="white-space:nowrap">2022-03-01</td>' in page
    assert '<td style="white-space:nowrap">a</td>' in page
