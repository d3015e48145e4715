"""match with several lexicons: each matched on its own, one provenance naming all."""

import pandas as pd
import pytest

import framing
from framing.errors import LexiconError


@pytest.fixture(scope="module")
def corpus():
    return framing.as_corpus(
        pd.DataFrame(
            {
                "doc_id": ["a", "b"],
                "outlet": ["RT", "Reuters"],
                "text": ["The special military operation near Kiev.", "The war near Kyiv."],
            }
        )
    )


def test_the_hits_are_each_lexicons_hits_in_order(corpus):
    war, places = framing.load_lexicon("ukraine_war"), framing.load_lexicon("ukraine_toponyms")
    both = framing.match(corpus, [war, places], progress=False)
    one_by_one = pd.concat(
        [framing.match(corpus, lexicon, progress=False) for lexicon in (war, places)],
        ignore_index=True,
    )
    pd.testing.assert_frame_equal(both, one_by_one)
    record = both.attrs["framing"]["lexicon"]
    assert record["name"] == "ukraine_war + ukraine_toponyms"
    assert [part["name"] for part in record["parts"]] == ["ukraine_war", "ukraine_toponyms"]
    assert record["parts"][0]["hash"] == war.fingerprint()
    assert {concept for concept, _ in record["variants"]} == {
        concept.name for concept in (*war.concepts, *places.concepts)
    }


def test_scores_and_their_figures_name_every_lexicon(corpus):
    war, places = framing.load_lexicon("ukraine_war"), framing.load_lexicon("ukraine_toponyms")
    hits = framing.match(corpus, [war, places], progress=False)
    scores = framing.score(hits, corpus)
    assert scores.attrs["framing"]["lexicon"]["name"] == "ukraine_war + ukraine_toponyms"


def test_two_lexicons_with_one_concept_are_refused(corpus):
    war = framing.load_lexicon("ukraine_war")
    with pytest.raises(LexiconError, match="both have the concept 'war_name'"):
        framing.match(corpus, [war, war])


def test_a_list_of_something_else_is_refused(corpus):
    with pytest.raises(TypeError, match=r"a framing\.Lexicon or a list of them"):
        framing.match(corpus, [framing.load_lexicon("ukraine_war"), "ukraine_toponyms"])
