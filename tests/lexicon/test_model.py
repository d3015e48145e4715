"""framing.lexicon.model: the Lexicon's identity (its fingerprint, computed once)."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

import framing


def test_the_fingerprint_is_computed_once_and_stays_the_content_hash():
    lexicon = framing.load_lexicon("ukraine_war")
    first = lexicon.fingerprint()
    assert first == lexicon._content_hash()
    assert lexicon.fingerprint() is first  # kept, not computed again
    # The kept value is not part of what makes two lexicons equal.
    fresh = dataclasses.replace(lexicon)  # a new instance of the same content
    assert fresh == lexicon and "_fingerprint" not in fresh.__dict__
    assert fresh.fingerprint() == first
    # A changed copy is another lexicon, with a fingerprint of its own.
    renamed = dataclasses.replace(lexicon, version="99")
    assert renamed.fingerprint() != first
    assert renamed.fingerprint() == renamed._content_hash()


def test_a_lexicon_pickles_to_an_equal_lexicon():
    # Lexicons travel to other processes (joblib, multiprocessing, dask): the read-only
    # view of the sources used to make pickle fail.
    for name in ("ukraine_war", "ukraine_war_ru"):
        lexicon = framing.load_lexicon(name)
        lexicon.fingerprint()
        copy = pickle.loads(pickle.dumps(lexicon))
        assert copy == lexicon
        assert copy.fingerprint() == lexicon._content_hash()
        assert dict(copy.sources) == dict(lexicon.sources)
        with pytest.raises(TypeError):
            copy.sources["x"] = "y"  # still read-only
