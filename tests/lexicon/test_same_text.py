"""The lexicon refuses two terms as duplicates exactly when the matcher treats them alike.

"Alike" is the engine's own view of a term: its normalised segments (``_engine._segments``),
case-folded, or case-kept when both terms are case-sensitive. A duplicate the rules let
through would silently lose its hits to the first term (leftmost-longest, first term wins).
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing import _text
from framing._engine import Engine, _segments
from framing.errors import TermError
from framing.lexicon import Concept, Lexicon, LexiconError, Term, Variant
from framing.lexicon.problems import term_syntax_problem
from framing.lexicon.rules import lexicon_problems


def two_concepts(first: Term, second: Term) -> list[Concept]:
    return [
        Concept("a", (Variant("v", (first,)),)),
        Concept("b", (Variant("v", (second,)),)),
    ]


def refused_as_duplicates(first: Term, second: Term) -> bool:
    problems = lexicon_problems(two_concepts(first, second))
    return any(problem.rule == "duplicate_term" for problem in problems)


def engine_treats_alike(first: Term, second: Term) -> bool:
    one, two = _segments(first.pattern), _segments(second.pattern)
    if one.folded != two.folded:
        return False
    return not (first.case_sensitive and second.case_sensitive) or one.cased == two.cased


# -- the cases the architecture review found ------------------------------------------
@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("People\u2032s Republic", "People's Republic"),  # prime
        ("Kiev\u00b4s", "Kiev's"),  # acute accent
        ("pro\u058aKiev", "pro-Kiev"),  # Armenian hyphen
        ("Cafe\u0301", "Caf\u00e9"),  # decomposed and composed
        ("special\u00a0operation", "special operation"),  # no-break space
        ("so\u00adcalled", "socalled"),  # soft hyphen
    ],
)
def test_terms_the_matcher_treats_alike_are_refused_as_duplicates(first, second):
    with pytest.raises(
        LexiconError,
        match=r"concept 'b', variant 'v', term .*: the same term .* already in concept 'a'",
    ):
        Lexicon("t", two_concepts(Term(first), Term(second)))
    # Without the rule the second concept would never get a hit.
    engine = Engine([(first, False), (second, False)])
    assert [index for _, _, index in engine.find(f"the {second} and the {first}")] == [0, 0]


def test_case_sensitive_terms_that_differ_in_case_may_stand_in_two_concepts():
    lexicon = Lexicon(
        "t", two_concepts(Term("DPR", case_sensitive=True), Term("Dpr", case_sensitive=True))
    )
    assert len(lexicon) == 2
    engine = Engine([("DPR", True), ("Dpr", True)])
    assert [index for _, _, index in engine.find("DPR and Dpr")] == [0, 1]


def test_a_case_sensitive_term_and_a_case_insensitive_one_are_duplicates():
    with pytest.raises(LexiconError, match="the same term"):
        Lexicon("t", two_concepts(Term("DPR", case_sensitive=True), Term("dpr")))
    with pytest.raises(LexiconError, match="the same term"):
        Lexicon("t", two_concepts(Term("dpr"), Term("DPR", case_sensitive=True)))


def test_case_is_folded_as_the_matcher_folds_it_not_by_casefold():
    # str.casefold makes "ß" "ss"; the matcher keeps the length, so these are two terms.
    lexicon = Lexicon("t", two_concepts(Term("Straße"), Term("STRASSE")))
    assert len(lexicon) == 2


# -- the property ---------------------------------------------------------------------
# Characters the normalisation treats specially, and letters in several cases and forms.
APOSTROPHES = ["'", *_text.APOSTROPHES]
DASHES = ["-", *_text.DASHES[:6], "\u2212"]
LETTERS = ["a", "A", "s", "S", "é", "É", "e\u0301", "E\u0301", "σ", "ς", "Σ", "i", "I", "İ", "ß"]
INSIDE = [*LETTERS, *APOSTROPHES, *DASHES, "1", "\u00ad", "\u200b"]

WORD = st.builds(
    lambda first, middle, last: first + "".join(middle) + last,
    st.sampled_from(LETTERS),
    st.lists(st.sampled_from(INSIDE), max_size=3),
    st.sampled_from(LETTERS),
) | st.sampled_from(LETTERS)
PATTERN = st.builds(
    lambda words, glob: " ".join(words) + ("*" if glob else ""),
    st.lists(WORD, min_size=1, max_size=2),
    st.booleans(),
)
# Spellings the matcher treats alike, to turn one pattern into a look-alike of it.
SWAPS = [
    *[(a, b) for a in APOSTROPHES for b in APOSTROPHES if a != b],
    *[(a, b) for a in DASHES for b in DASHES if a != b],
    ("é", "e\u0301"),
    ("e\u0301", "é"),
    ("σ", "ς"),
    (" ", "\u00a0"),
]


@st.composite
def look_alike(draw, pattern: str) -> str:
    for old, new in draw(st.lists(st.sampled_from(SWAPS), max_size=3)):
        pattern = pattern.replace(old, new)
    if draw(st.booleans()):
        pattern = draw(st.sampled_from([str.upper, str.lower, str.title]))(pattern)
    if draw(st.booleans()):
        pattern = unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), pattern)
    return pattern


@st.composite
def term_pairs(draw) -> tuple[Term, Term]:
    first = draw(PATTERN)
    second = draw(st.one_of(PATTERN, look_alike(first)))
    return (
        Term(first, case_sensitive=draw(st.booleans())),
        Term(second, case_sensitive=draw(st.booleans())),
    )


def matchable(term: Term) -> bool:
    if term_syntax_problem(term.pattern) is not None:
        return False
    try:
        _segments(term.pattern)
    except TermError:
        return False
    return True


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(term_pairs())
def test_refused_as_duplicates_exactly_when_the_engine_treats_them_alike(pair):
    first, second = pair
    if not (matchable(first) and matchable(second)):
        return
    assert refused_as_duplicates(first, second) == engine_treats_alike(first, second)
    assert refused_as_duplicates(second, first) == engine_treats_alike(first, second)
