"""Properties of the voice rules: a paragraph's voices do not depend on the rest of the
text, and the work grows linearly with the quotation marks of a paragraph."""

from __future__ import annotations

import re
import time

import pandas as pd
from hypothesis import example, given, settings
from hypothesis import strategies as st

import framing
from framing.corpus.schema import conform
from framing.voice import voices, voices_and_speakers

# The pieces of a paragraph: the term, words, every kind of quotation mark, apostrophes,
# brackets, sentence ends, cues before and after, speech verbs, names, a mention, an
# embedded post's signature. No line breaks (they separate paragraphs) and no colons:
# turn labels are the one rule that crosses paragraphs on purpose (a transcript's turn
# runs to the next label), and they change the voice only with a principal.
_PIECES = (
    "term",
    "term",
    " ",
    " ",
    " ",
    "war ",
    "the ",
    "Zelensky ",
    ", ",
    ". ",
    "! ",
    '"',
    "“",
    "”",
    "„",
    "«",
    "»",
    "'",
    "‘",
    "’",
    "‹",
    "›",
    "don't ",
    "Russia's ",
    "this'",
    "[",
    "]",
    "so-called ",
    "self-proclaimed ",
    "allegedly ",
    "what Moscow calls ",
    "what it veils as ",
    " as the Kremlin puts it",
    "in ",
    "and ",
    "said ",
    "he said",
    "according to ",
    "the word ",
    "slogan ",
    " - General Staff",
    " — Name (@handle) May 9, 2022",
    "так называемая ",
    "заявил ",
)

_PARAGRAPH = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40).map("".join)


# What separates paragraphs (``framing.voice.paragraphs``): blank lines of any kind when
# a text has one, else every line break. A text of one-line paragraphs may be joined by
# single line breaks; the blank-line separators hold one.
_BLANK_LINES = ("\n\n", "\n\n\n", "\n \n", "\r\n\r\n", "\n\t\n")
_LINE_BREAKS = ("\n", "\r\n", "\r", "\u2028", "\u2029")


def _spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer("term", text)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_PARAGRAPH, min_size=1, max_size=5),
    st.sampled_from(_BLANK_LINES + _LINE_BREAKS),
)
def test_voices_are_the_same_whole_or_split_at_paragraph_boundaries(paragraphs, separator) -> None:
    # Voice and speaker both: quotations, cues, attributions, pronouns ("he said"),
    # headline sources and embedded posts are all read within a paragraph. (The lead
    # quotation of a text with a principal is the one rule that needs the text's start,
    # and turn labels the one that crosses paragraphs: neither is drawn here.)
    paragraphs = [paragraph for paragraph in paragraphs if paragraph.strip()]
    text = separator.join(paragraphs)
    whole = voices_and_speakers(text, _spans(text))
    split = []
    for paragraph in paragraphs:
        split += voices_and_speakers(paragraph, _spans(paragraph))
    assert whole == split
    assert [voice for voice, _ in whole] == voices(text, _spans(text))


@settings(max_examples=40, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=4))
def test_match_gives_the_same_voices_to_a_text_and_to_its_paragraphs(paragraphs) -> None:
    paragraphs = [paragraph for paragraph in paragraphs if paragraph.strip()]
    lexicon = framing.Lexicon.from_dataframe(
        pd.DataFrame({"concept": ["c"], "variant": ["v"], "term": ["term"]}), name="t"
    )

    def corpus(texts: list[str]) -> pd.DataFrame:
        return conform(
            pd.DataFrame(
                {
                    "doc_id": [f"d{i}" for i in range(len(texts))],
                    "outlet": "X",
                    "published": "2022-03-01",
                    "title": "",
                    "text": texts,
                }
            )
        )

    whole = framing.match(corpus(["\n\n".join(paragraphs)]), lexicon, fields="text")
    split = framing.match(corpus(paragraphs), lexicon, fields="text")
    assert whole["voice"].tolist() == split["voice"].tolist()
    assert whole["speaker"].tolist() == split["speaker"].tolist()


def _time_voices(quotes: int) -> float:
    """Seconds to classify a paragraph of ``quotes`` quotations, each holding a term."""
    text = " ".join(f"He said “the term {n} is here” and the term. " for n in range(quotes))
    spans = [(m.start(), m.end()) for m in re.finditer("term", text)]
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        voices(text, spans)
        best = min(best, time.process_time() - started)
    return best


def test_voice_time_is_linear_in_the_quotation_marks_of_a_paragraph() -> None:
    # 16 times the quotation marks (and hits): a linear pass takes about 16 times as
    # long, the former per-hit scan of every quotation about 256 times. The bound leaves
    # room for a busy machine.
    small, large = _time_voices(250), _time_voices(4000)
    assert large / small < 48


_SPOKEN = (
    "said ", "Said ", "says", "essays ", "told ", "Told ", "according to ", "According to ",
    "address ", "added ", "announcement ", "speaker ", "spoke ", "argument ", "denial ",
    "written ", "writer ",
    "called on ", "recalled ", "по словам ", "По словам ", "за даними ", "заявил ",
    "the United States ", "claims ", "word ", "x", " ", ", ", ". ", "addressed ", "address ",
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SPOKEN), max_size=30).map("".join), st.data())
def test_speech_verbs_found_by_pieces_equal_the_verbs_found_whole(text, data) -> None:
    # The automaton holds pieces of the speech verbs (said, accord, ...) and the regex
    # checks each piece's word; the result is the verbs a search for the whole verbs
    # finds, in any window.
    from framing.voice._keys import KeyIndex, verbs
    from framing.voice._speakers import speech_verbs

    start = data.draw(st.integers(0, len(text)))
    stop = data.draw(st.integers(start, len(text)))
    want = [(v.start(), v.end()) for v in speech_verbs(text, start, stop)]
    for whole in (False, True):
        index = KeyIndex(text, whole)
        got = [(v.start(), v.end()) for v in verbs(text, index.window(start, stop), start, stop)]
        assert got == want


def test_every_speech_verb_begins_with_a_piece_of_the_automaton() -> None:
    from framing.voice._speakers import CYRILLIC_SPEECH_KEYS, SPEECH_KEYS, SPEECH_WORDS

    pieces = SPEECH_KEYS + CYRILLIC_SPEECH_KEYS
    for word in SPEECH_WORDS:
        lower = word.lower()
        last = lower.split()[-1]  # "по словам": its second word
        assert any(lower.startswith(p) or last.startswith(p) for p in pieces), word


# Every cue before a term, in several cases and spacings, what comes near one ("so" and
# "called" apart, "supposed to", "recall", a glued "also-called"), names, clause marks,
# and a letter or digit glued to a cue.
_CUED = (
    "so-called ", "So-Called ", "SO-CALLED ", "so called ", "so  \u2010 - called ",
    "so\u2014called ", "so\ncalled ", "so-calling ", "so ", "So ", "also-called ",
    "called ", "calls ", "recall ", "call", "what Moscow calls ", "What the Kremlin has called ",
    "what it veils as ", "what they dubbed ", "what ", "self-styled ", "self proclaimed ",
    "Self\u2011declared ", "alleged ", "Allegedly ", "supposed to ", "supposedly ", "supposed ",
    "would-be ", "pseudo-", "pseudo ", "quote-unquote ", "quote, unquote ", "quote ",
    "dubbed ", "termed ", "terms ", "euphemistically ", "purported ", "purportedly ",
    "ostensibly ", "так называемой ", "Так званої ", "самопровозглашенной ",
    "самопроголошеної ", "мнимой ", "якобы ", "нібито ", "так ", "Russia ", "DPR ", "and ",
    "in ", ", ", ". ", "(", " ", " ", "x", "9", "war ", "Kyiv ",
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(_CUED), max_size=25).map("".join),
    st.integers(0, 500),
    st.integers(0, 500),
)
@example("so-called war", 0, 13)  # a cue that begins the window
@example("so \u2010 called war", 0, 15)
@example("x so-called war", 2, 15)
@example("pseudo-so-called war", 0, 20)  # cues that touch
@example("what Moscow calls so-called war", 5, 31)  # a window that cuts a cue
def test_a_cue_tried_at_its_keys_is_the_cue_read_from_the_whole_window(
    text: str, first: int, second: int
) -> None:
    # The reader tries the cue regex only where a key of a cue before the term begins
    # (and at the "so" of "so-called"); the last cue, and so the answer, must be the
    # ones that a scan of the whole window gives, for any window and target.
    from framing.voice._cues import _last_cue, cue_before
    from framing.voice._keys import BEFORE, keys_in, starts_of

    window_start, limit = sorted((min(first, len(text)), min(second, len(text))))
    key_starts = starts_of(keys_in(text, window_start, limit), BEFORE, window_start, limit)
    fast = _last_cue(text, window_start, limit, key_starts)
    whole = _last_cue(text, window_start, limit, None)
    assert (fast is None) == (whole is None)
    if whole is not None:
        assert fast.span() == whole.span()
        assert fast.group("adverb") == whole.group("adverb")
    for capital in (False, True):
        expected = cue_before(text, window_start, limit, limit, capital)
        assert cue_before(text, window_start, limit, limit, capital, key_starts) == expected
