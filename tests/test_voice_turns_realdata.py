"""Turn labels in real text: the RUWA headlines and leads of ../shared/data.

The shared corpora hold no multi-speaker transcript (no Kremlin or briefing transcript:
the resistinua addresses are one speaker's words, the Guardian and NYT texts are
articles), but RUWA's titles and descriptions open some 1,300 times with a speaker's
label ("President Zelensky: ...", "General Staff of the Armed Forces: ..."), the shape
a transcript's turn has. Such a single label covers its paragraph (docs/voice.md,
"Speakers"): the hits after it get the label as their speaker, unless they are inside a
quotation attributed to someone else in the same headline. The figures are the ones
measured on 2026-11-28 with the bundled lexicons (no sense rules); a change of the turn
rules or of the lexicons that moves them must re-measure them here.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.voice._names import Principal
from framing.voice._quotes import paragraphs
from framing.voice._turns import Turns

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

RUWA = "ruwa/RUWA_04.08.23.csv"
#: field: (texts with a turn label, lexicon hits inside a turn, texts holding them,
#: hits whose speaker is the label, Zelensky-labelled hits)
MEASURED = {
    "title": (749, 1496, 599, 1489, 189),
    "description": (534, 1454, 479, 1452, 142),
}


@pytest.fixture(scope="module")
def ruwa(shared_data: Path) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return framing.read_corpus(shared_data / RUWA)


def _turns(texts: pd.Series) -> dict[str, Turns]:
    found = {}
    for doc_id, text in texts.items():
        turns = Turns(text, [end for _, end in paragraphs(text)], Principal(()))
        if turns.speakers:
            found[doc_id] = turns
    return found


def _hits_in_turns(ruwa: pd.DataFrame, field: str, turns: dict, principal) -> pd.DataFrame:
    lexicons = [framing.load_lexicon(name) for name in ("ukraine_war", "ukraine_toponyms")]
    hits = pd.concat(
        [
            framing.match(
                ruwa, lexicon, fields=[field], rules=False, workers=1, principal=principal
            )
            for lexicon in lexicons
        ],
        ignore_index=True,
    ).drop_duplicates(["doc_id", "start", "end"])
    rows = []
    for doc_id, start, voice, speaker in zip(
        hits["doc_id"], hits["start"], hits["voice"], hits["speaker"], strict=True
    ):
        text_turns = turns.get(doc_id)
        index = -1 if text_turns is None else text_turns.at(start)
        if index >= 0:
            rows.append((doc_id, text_turns.speakers[index], voice, speaker))
    return pd.DataFrame(rows, columns=["doc_id", "label", "voice", "speaker"])


@pytest.mark.parametrize("field", list(MEASURED))
def test_turn_labels_of_real_headlines_name_the_speaker_of_their_hits(ruwa, field) -> None:
    labelled, inside, texts, named, zelensky = MEASURED[field]
    turns = _turns(ruwa.set_index("doc_id")[field].dropna())
    assert len(turns) == labelled
    # One label a headline or lead, never a transcript: each covers its paragraph.
    assert all(len(found.speakers) == 1 and not found.transcript for found in turns.values())

    hits = _hits_in_turns(ruwa, field, turns, None)
    assert (len(hits), hits["doc_id"].nunique()) == (inside, texts)
    same = (hits["speaker"] == hits["label"]).fillna(False).astype(bool)
    assert int(same.sum()) == named
    # Every hit with the label as speaker outside quotation marks is the outlet's own
    # voice (without a principal a turn does not change the voice); the others are in a
    # quotation attributed to someone named in the headline, or scare-quoted.
    assert set(hits.loc[~same, "voice"]) <= {"quoted", "distanced"}
    assert (hits.loc[same, "voice"] == "own").mean() > 0.99

    # With Zelensky as the principal, the words after his label are his own voice.
    principal = _hits_in_turns(ruwa, field, turns, "Volodymyr Zelensky")
    his = principal[principal["label"].str.contains("Zelensk")]
    assert len(his) == zelensky
    assert (his["voice"] == "own").all()
    assert (his["speaker"] == his["label"]).all()
