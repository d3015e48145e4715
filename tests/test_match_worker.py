"""``framing._match_worker``: what a worker process runs, and what its tasks carry."""

from __future__ import annotations

import pickle

import framing
from framing._match_work import _compile, _compile_terms
from framing._match_worker import _UNPICKLED, _match_chunk, _match_chunk_task


def test_compiled_terms_travel_once_and_come_back_equal():
    terms = _compile(framing.load_lexicon("ukraine_war"))
    compiled = terms.compiled()
    assert terms.compiled() is compiled  # made once per compiled lexicon
    arrived = pickle.loads(pickle.dumps(compiled))
    _UNPICKLED.pop(arrived.key, None)
    specs, rules = arrived.terms()
    assert specs == terms.specs
    assert rules == terms.rules
    again = pickle.loads(pickle.dumps(compiled)).terms()
    assert again[0] is specs  # a worker unpickles the terms once, then knows them


def test_new_rules_make_a_new_compiled_form():
    # A compiled lexicon of its own: the session's cached one must keep its rules.
    terms = _compile_terms(framing.load_lexicon("ukraine_war"), True)
    before = terms.compiled()
    terms.rules = type(terms.rules)()  # no rules
    after = terms.compiled()
    assert after is not before
    assert after.key != before.key


def test_a_task_gives_what_the_chunk_gives():
    terms = _compile(framing.load_lexicon("ukraine_toponyms"))
    texts = [["Kyiv and Kiev.", None, "Kharkov’s mayor"]]
    expected = _match_chunk(terms.specs, texts, True, terms.rules)
    got = _match_chunk_task((terms.compiled(), texts, True, False, None))
    assert [list(part) for part in got] == [list(part) for part in expected]
