"""The voice rules of framing.voice, one test each (docs/voice.md lists the same rules)."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing.voice as voice_module
from framing.voice import VOICES, classify, quotations, voices


def voice_of(text: str, term: str = "special military operation", occurrence: int = 0) -> str:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(term, start + 1)
    return classify(text, start, start + len(term))


# -- own -------------------------------------------------------------------------------


def test_a_term_in_plain_prose_is_own_voice() -> None:
    assert voice_of("Russia's special military operation continued.") == "own"


def test_an_apostrophe_is_not_a_quotation_mark() -> None:
    text = "Russia’s special military operation and the Russians' special military operation"
    assert voice_of(text) == "own"
    assert voice_of(text, occurrence=1) == "own"


def test_a_single_quote_left_open_does_not_quote_the_rest() -> None:
    assert voice_of("Since the '90s the special military operation was planned.") == "own"


# -- quoted ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'He spoke of a "special military operation" today.',
        "He spoke of a “special military operation” today.",
        "He spoke of „special military operation“ today.",
        "He spoke of «special military operation» today.",
        "He spoke of « special military operation » today.",
        "He spoke of »special military operation« today.",
        "He spoke of a 'special military operation' today.",
        "He spoke of a ‘special military operation’ today.",
        "He spoke of a ‹special military operation› today.",
    ],
)
def test_every_kind_of_quotation_mark_quotes(text: str) -> None:
    # A speech verb ("spoke of") makes a short quotation a quotation of speech; without
    # one it is a scare quote (distanced, tested in test_voice_rules.py).
    assert voice_of(text) == "quoted"


def test_a_quotation_runs_across_sentences_within_a_paragraph() -> None:
    text = "“We will win. The special military operation goes to plan,” he said."
    assert voice_of(text) == "quoted"


def test_a_quotation_does_not_run_across_paragraphs() -> None:
    text = "He said “we will win.\n\nThen the special military operation began."
    assert voice_of(text) == "own"


def test_an_open_double_quotation_runs_to_the_end_of_its_paragraph() -> None:
    text = "“The special military operation goes to plan.\n\n“We will win,” he said."
    assert voice_of(text) == "quoted"


def test_single_line_breaks_separate_paragraphs_when_there_are_no_blank_lines() -> None:
    text = "He said “we will win.\nThe special military operation began."
    assert voice_of(text) == "own"


def test_text_after_a_closed_quotation_is_own_voice() -> None:
    text = "“We will win,” he said of the special military operation."
    assert voice_of(text) == "own"


def test_quotations_lists_opening_and_closing_marks() -> None:
    text = "A “b” and 'c' but don't."
    assert [text[a : b + 1] for a, b in quotations(text)] == ["“b”", "'c'"]


# -- distanced -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Russia's so-called special military operation",
        "Russia's so called special military operation",
        "Russia's so‑called special military operation",
        "the self-proclaimed special military operation",
        "the self-styled special military operation",
        "an invasion dubbed a special military operation",
        "an invasion termed a special military operation",
        "what it euphemistically calls a special military operation",
        "an invasion, euphemistically a special military operation",
        "what Moscow calls a special military operation",
        "what the Kremlin calls its special military operation",
        "what Russia calls a special military operation",
        "what Putin calls a special military operation",
        "what Russian President Vladimir Putin calls a special military operation",
        "what the Kremlin has dubbed a special military operation",
        "what Moscow describes as a special military operation",
        "what it calls a special military operation",
        "a quote-unquote special military operation",
    ],
)
def test_a_cue_before_the_term_distances_it(text: str) -> None:
    assert voice_of(text) == "distanced"


@pytest.mark.parametrize(
    "text",
    [
        "the special military operation, as Russia calls it, went on.",
        "the special military operation, as the Kremlin calls it.",
        "the special military operation, as Moscow has called it",
        "the special military operation in Ukraine, as Putin puts it",
        "the special military operation (as Russian officials call it)",
        "the special military operation, in the Kremlin's parlance",
        "the special military operation, to use the Kremlin’s term",
    ],
)
def test_a_cue_after_the_term_distances_it(text: str) -> None:
    assert voice_of(text) == "distanced"


def test_a_cue_more_than_three_words_away_does_not_count() -> None:
    text = "the so-called peace plan of the past year and the special military operation"
    assert voice_of(text) == "own"


def test_a_cue_in_another_sentence_does_not_count() -> None:
    assert voice_of("It was so-called. The special military operation began.") == "own"
    assert voice_of("The special military operation began. As Russia calls it, a war.") == "own"


def test_as_russia_calls_on_is_not_a_cue() -> None:
    text = "the special military operation, as Russia calls on its allies"
    assert voice_of(text) == "own"


def test_a_cue_outside_the_quotation_marks_distances_a_quoted_term() -> None:
    assert voice_of("Russia's so-called “special military operation”") == "distanced"
    assert voice_of('the "special military operation," as Moscow calls it') == "distanced"


def test_a_cue_inside_the_speakers_quotation_stays_quoted() -> None:
    text = "“The so-called special military operation is a war,” she said."
    assert voice_of(text) == "quoted"


# -- many hits -------------------------------------------------------------------------


def test_voices_classifies_every_hit_of_a_text() -> None:
    text = "Kiev, the so-called Kiev, and “Kiev,” he said"
    spans = [(0, 4), (20, 24), (31, 35)]
    assert [text[a:b] for a, b in spans] == ["Kiev"] * 3
    assert voices(text, spans) == ["own", "distanced", "quoted"]
    assert set(voices(text, spans)) <= set(VOICES)


def test_the_cue_prefilter_knows_every_character_that_matches_an_ascii_letter() -> None:
    # The fast cue test lower-cases a window; it is exact only if these are the only
    # non-ASCII characters that re.IGNORECASE equates with an ASCII letter.
    letter = re.compile("[a-z]", re.IGNORECASE)
    found = {
        chr(code)
        for code in range(128, sys.maxunicode + 1)
        if not 0xD800 <= code < 0xE000 and letter.fullmatch(chr(code))
    }
    assert found == set(voice_module._CASE_TRAPS.pattern[1:-1])
    # The Reader tests a text for each of them (one-character ``in``).
    from framing.voice._reader import Reader

    assert all(Reader(f"a {trap} b")._traps for trap in found)
    assert not Reader("a é b")._traps


def test_a_cue_written_with_a_long_s_still_distances() -> None:
    text = "The \u017felf-proclaimed republic"
    start = text.index("republic")
    assert classify(text, start, start + len("republic")) == "distanced"


# -- the fast paths give the same voices as the plain rules ------------------------------

_PIECES = (
    "term",
    " ",
    " ",
    "\n",
    "\n\n",
    ", ",
    ". ",
    "so-called ",
    "what Moscow calls ",
    "as the Kremlin puts it",
    "self-styled ",
    "dubbed ",
    '"',
    "\u201c",
    "\u201d",
    "'",
    "\u2019",
    "\u2018",
    "don't ",
    "Kiev's ",
    "words",
    "İ",
    "K",
    "ı",
    "termed ",
    "é",
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60), st.data())
def test_voices_of_many_hits_equal_the_voices_of_one_hit_at_a_time(pieces, data) -> None:
    # With many hits a text's cue keys are found once (an automaton), with one hit in
    # windows around it; quotation marks are pre-filtered by a regex. Same voices.
    text = "".join(pieces)
    spans = [(m.start(), m.end()) for m in re.finditer("term", text)]
    extra = data.draw(st.lists(st.integers(0, len(text)), max_size=6))
    spans += [(position, min(len(text), position + 4)) for position in extra]
    one_at_a_time = [classify(text, start, end) for start, end in spans]
    assert voices(text, spans) == one_at_a_time
    assert voices(text, spans * 4) == one_at_a_time * 4


# -- KWIC and the coding sheet show voice and speaker --------------------------------------


def test_kwic_and_the_coding_sheet_show_voice_and_speaker() -> None:
    import pandas as pd

    import framing
    from framing.corpus.schema import conform

    corpus = conform(
        pd.DataFrame(
            {
                "doc_id": ["a"],
                "outlet": ["X"],
                "published": ["2022-03-01"],
                "title": [""],
                "text": ["“The occupiers will leave Kherson,” said Volodymyr Zelensky."],
            }
        )
    )
    lexicon = framing.Lexicon.from_dataframe(
        pd.DataFrame({"concept": ["city"], "variant": ["ukrainian"], "term": ["Kherson"]}),
        name="demo",
    )
    hits = framing.match(corpus, lexicon)
    table = framing.kwic(hits, corpus, window=3)
    assert table[["voice", "speaker"]].iloc[0].tolist() == ["quoted", "Volodymyr Zelensky"]
    assert "Volodymyr Zelensky" in table._repr_html_()
    sheet = framing.coding_sheet(hits, corpus, n=5, window=3)
    assert sheet[["voice", "speaker"]].iloc[0].tolist() == ["quoted", "Volodymyr Zelensky"]


def test_a_coding_sheet_without_the_speaker_column_still_writes_and_reads(tmp_path) -> None:
    # Sheets written before the speaker column (issue 12) lack it.
    import pandas as pd

    import framing
    from framing.corpus.schema import conform

    corpus = conform(
        pd.DataFrame(
            {
                "doc_id": ["a"],
                "outlet": ["X"],
                "published": ["2022-03-01"],
                "title": [""],
                "text": ["Shelling near Kherson went on."],
            }
        )
    )
    lexicon = framing.Lexicon.from_dataframe(
        pd.DataFrame({"concept": ["city"], "variant": ["ukrainian"], "term": ["Kherson"]}),
        name="demo",
    )
    sheet = framing.coding_sheet(framing.match(corpus, lexicon), corpus, n=5)
    old = sheet.drop(columns=["speaker"])
    path = framing.write_coding_sheet(old, tmp_path / "old.csv")
    coded = framing.read_coding_sheet(path)
    assert "speaker" not in coded.columns
    assert coded["hit_id"].tolist() == sheet["hit_id"].tolist()


# -- match with a principal ----------------------------------------------------------------


def _principal_corpus():
    import pandas as pd

    from framing.corpus.schema import conform

    texts = [
        "Zelensky said: “The invasion will fail.”",
        "Zelensky said: “The invasion will fail.”",
        "Zelensky said: “The invasion will fail.”",
        "Lavrov said: “The invasion is a special operation.”",
    ]
    corpus = conform(
        pd.DataFrame(
            {
                "doc_id": ["a", "b", "c", "d"],
                "outlet": "X",
                "published": "2022-03-01",
                "title": "",
                "text": texts,
            }
        )
    )
    corpus["speaker"] = pd.Series(
        [["Володимир Зеленський"], "Volodymyr Zelenskyy", None, ["Volodymyr Zelenskyy"]],
        dtype=object,
    )
    return corpus


def _invasion_lexicon():
    import pandas as pd

    import framing

    return framing.Lexicon.from_dataframe(
        pd.DataFrame({"concept": ["war"], "variant": ["v"], "term": ["invasion"]}), name="t"
    )


def test_match_takes_the_principal_from_a_corpus_column() -> None:
    import framing

    hits = framing.match(_principal_corpus(), _invasion_lexicon(), principal="speaker")
    assert hits["voice"].tolist() == ["own", "own", "quoted", "quoted"]
    assert hits["speaker"].tolist() == ["Zelensky", "Zelensky", "Zelensky", "Lavrov"]
    assert hits.attrs["framing"]["parameters"]["principal"] == "speaker"


def test_match_takes_a_principal_name_or_list_and_match_text_too() -> None:
    import framing

    corpus, lexicon = _principal_corpus(), _invasion_lexicon()
    hits = framing.match(corpus, lexicon, principal="Sergei Lavrov")
    assert hits["voice"].tolist() == ["quoted", "quoted", "quoted", "own"]
    hits = framing.match(corpus, lexicon, principal=["Sergei Lavrov", "Zelensky"])
    assert hits["voice"].tolist() == ["own"] * 4
    hits = framing.match(corpus, lexicon)
    assert hits["voice"].tolist() == ["quoted"] * 4
    text = "Zelensky said: “The invasion will fail.”"
    assert framing.match_text(text, lexicon, principal="Zelenskyy")["voice"].tolist() == ["own"]


def test_a_dask_corpus_with_a_principal_column_gives_the_pandas_hits() -> None:
    import pytest

    dd = pytest.importorskip("dask.dataframe")
    import framing

    corpus, lexicon = _principal_corpus(), _invasion_lexicon()
    want = framing.match(corpus, lexicon, principal="speaker")
    got = framing.match(dd.from_pandas(corpus, npartitions=2), lexicon, principal="speaker")
    got = got.compute().reset_index(drop=True)
    assert got["voice"].tolist() == want["voice"].tolist()
    assert got["speaker"].tolist() == want["speaker"].tolist()


def test_a_bad_principal_is_refused_with_a_clear_message() -> None:
    import pandas as pd
    import pytest

    import framing

    corpus, lexicon = _principal_corpus(), _invasion_lexicon()
    with pytest.raises(ValueError, match="'principal' parameter of match"):
        framing.match(corpus, lexicon, principal=3)
    corpus["speaker"] = pd.Series([1, None, None, None], dtype=object)
    with pytest.raises(ValueError, match="principal column 'speaker'"):
        framing.match(corpus, lexicon, principal="speaker")
