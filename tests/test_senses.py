"""Sense rules in matching (exclusions, conditions) and their audit (framing.audit_rules)."""

from __future__ import annotations

import pandas as pd
import pytest

import framing
from framing import Lexicon, audit_rules, match, match_text
from framing.corpus.schema import conform
from framing.lexicon.model import Condition, Context, Exclusion
from framing.senses import compile_rules


def lexicon_of(rows, exclusions=(), conditions=()) -> Lexicon:
    plain = Lexicon.from_dataframe(
        pd.DataFrame(rows, columns=["concept", "variant", "term"]), name="demo"
    )
    return Lexicon("demo", plain.concepts, exclusions=exclusions, conditions=conditions)


WAR = [("war_name", "war", "war"), ("war_name", "operation", "special operation")]


def found(text: str, lexicon: Lexicon) -> list[str]:
    return match_text(text, lexicon)["matched"].tolist()


# -- exclusions ------------------------------------------------------------------------


def test_an_exclusion_claims_its_words_so_no_term_inside_it_counts() -> None:
    lexicon = lexicon_of(WAR, exclusions=(Exclusion("Cold War"), Exclusion("World War*")))
    text = "After the Cold War and World War II came this war."
    assert found(text, lexicon) == ["war"]
    assert match_text(text, lexicon)["start"].tolist() == [text.rindex("war")]


def test_an_exclusion_takes_part_in_leftmost_longest_like_a_term() -> None:
    # "war crimes" starts with "war": the longer exclusion wins at that start; "war of
    # aggression", a longer term, wins over the exclusion.
    rows = [*WAR, ("war_name", "war", "war of aggression")]
    lexicon = lexicon_of(rows, exclusions=(Exclusion("war crimes"),))
    assert found("war crimes; war of aggression crimes; war", lexicon) == [
        "war of aggression",
        "war",
    ]


def test_an_exclusion_wins_a_tie_on_the_same_words() -> None:
    rows = [("c", "v", "annex*")]
    lexicon = lexicon_of(rows, exclusions=(Exclusion("annexe*"),))
    assert found("the annexe, annexed Crimea", lexicon) == []
    assert found("annexation", lexicon) == ["annexation"]


def test_exclusions_follow_the_matching_rules_of_terms() -> None:
    lexicon = lexicon_of(
        [("c", "v", "Odessa")], exclusions=(Exclusion("Odessa, Texas"), Exclusion("DPR", True))
    )
    assert found("Odessa,\u00a0Texas and Odessa\u2019s port; Odessa Texas", lexicon) == [
        "Odessa",
        "Odessa",
    ]


def test_rules_false_counts_every_string() -> None:
    lexicon = lexicon_of(WAR, exclusions=(Exclusion("Cold War"),))
    corpus = conform(
        pd.DataFrame(
            {"doc_id": ["a"], "outlet": ["X"], "published": [None], "title": [""],
             "text": ["the Cold War"]}
        )
    )  # fmt: skip
    assert len(match(corpus, lexicon)) == 0
    hits = match(corpus, lexicon, rules=False)
    assert hits["matched"].tolist() == ["War"]
    assert hits.attrs["framing"]["parameters"]["rules"] is False
    with pytest.raises(ValueError, match="'rules' parameter of match"):
        match(corpus, lexicon, rules="yes")


# -- conditions --------------------------------------------------------------------------


def captured_lexicon(**contexts) -> Lexicon:
    rows = [("territory", "capture", "captured"), ("territory", "capture", "seized")]
    return lexicon_of(rows, conditions=(Condition("territory", "capture", "captured", **contexts),))


def test_unless_near_drops_a_hit_with_the_word_within_n_words_either_side() -> None:
    lexicon = captured_lexicon(unless_near=Context(2, words=("prisoner*", "soldiers")))
    assert found("Russian soldiers were captured.", lexicon) == []  # 2 words before
    assert found("they captured two prisoners", lexicon) == []  # 2 words after
    assert found("they captured the two prisoners", lexicon) == ["captured"]  # 3 words after
    assert found("they seized soldiers", lexicon) == ["seized"]  # not on this term


def test_if_near_keeps_a_hit_only_with_the_word_nearby() -> None:
    lexicon = captured_lexicon(if_near=Context(3, words=("cit*", "village")))
    assert found("troops captured the city", lexicon) == ["captured"]
    assert found("troops captured the old village", lexicon) == ["captured"]
    assert found("troops captured the big old village", lexicon) == []
    assert found("captured", lexicon) == []


def test_words_are_runs_of_letters_an_apostrophe_inside_keeps_one_word() -> None:
    lexicon = captured_lexicon(if_near=Context(1, words=("city",)))
    assert found("the city's captured", lexicon) == ["captured"]  # one word, holding "city"
    assert found("city, captured", lexicon) == ["captured"]
    assert found("city-captured", lexicon) == ["captured"]  # a hyphen splits words
    assert found("city don't captured", lexicon) == []
    two = captured_lexicon(if_near=Context(2, words=("city",)))
    assert found("city don't captured", two) == ["captured"]  # "don't" is one word


def test_a_context_may_look_at_one_side_only() -> None:
    after = captured_lexicon(unless_near=Context(3, words=("soldiers",), side="after"))
    assert found("Russian soldiers captured the town", after) == ["captured"]
    assert found("they captured two soldiers", after) == []
    before = captured_lexicon(if_near=Context(2, words=("town",), side="before"))
    assert found("the town was captured", before) == ["captured"]
    assert found("captured the town", before) == []
    assert "within 3 words after" in compile_rules(after).table["rule"].iloc[0]


def test_a_context_phrase_must_lie_wholly_inside_the_window() -> None:
    lexicon = captured_lexicon(if_near=Context(2, words=("occupied city",)))
    assert found("captured the occupied city", lexicon) == []
    assert found("captured occupied city", lexicon) == ["captured"]
    # A phrase across the hit does not count.
    across = captured_lexicon(if_near=Context(2, words=("old captured",)))
    assert found("old captured", across) == []


def test_both_contexts_and_the_variant_condition_apply_together() -> None:
    rows = [("territory", "capture", "captured"), ("territory", "capture", "seized")]
    lexicon = lexicon_of(
        rows,
        conditions=(
            Condition(
                "territory",
                "capture",
                "captured",
                if_near=Context(3, words=("city",)),
                unless_near=Context(3, words=("soldiers",)),
            ),
            Condition("territory", "capture", None, unless_near=Context(3, words=("assets",))),
        ),
    )
    assert found("captured the city", lexicon) == ["captured"]
    assert found("soldiers captured the city", lexicon) == []
    assert found("captured the city assets", lexicon) == []
    assert found("seized assets", lexicon) == []
    assert found("seized the city", lexicon) == ["seized"]


def test_a_hit_a_condition_removes_keeps_its_words() -> None:
    rows = [("w", "op", "special operation"), ("w", "other", "operation")]
    condition = Condition("w", "op", "special operation", unless_near=Context(2, words=("FSB",)))
    lexicon = lexicon_of(rows, conditions=(condition,))
    assert found("an FSB special operation", lexicon) == []
    assert found("the special operation", lexicon) == ["special operation"]


def test_a_context_may_name_concepts_of_the_lexicon_and_bundled_lexicons() -> None:
    rows = [
        ("territory", "capture", "captured"),
        ("places", "generic", "village"),
        ("places", "generic", "DPR"),
    ]
    plain = lexicon_of(rows)
    cased = Lexicon(
        "demo",
        (
            plain.concepts[0],
            framing.Concept(
                "places",
                (framing.Variant("generic", (framing.Term("village"), framing.Term("DPR", True))),),
            ),
        ),
        conditions=(
            Condition(
                "territory",
                "capture",
                "captured",
                if_near=Context(2, concepts=("places",), lexicons=("ukraine_toponyms",)),
            ),
        ),
    )
    assert found("captured a village", cased) == ["captured", "village"]
    assert found("captured the DPR", cased) == ["captured", "DPR"]
    assert found("captured the dpr", cased) == []  # the concept's term is case-sensitive
    assert found("captured Kherson", cased) == ["captured"]  # a place of ukraine_toponyms
    assert found("captured Ivan", cased) == []


def test_compiled_rules_name_each_rule_and_order_the_checks() -> None:
    lexicon = captured_lexicon(
        if_near=Context(3, words=("city",)), unless_near=Context(2, words=("soldiers",))
    )
    table = compile_rules(lexicon).table
    assert table["kind"].tolist() == ["unless_near", "if_near"]
    assert table["rule"].tolist() == [
        "'captured' unless near soldiers within 2 words",
        "'captured' only if near city within 3 words",
    ]


# -- the audit ---------------------------------------------------------------------------


@pytest.fixture
def audited():
    corpus = conform(
        pd.DataFrame(
            {
                "doc_id": ["a", "b", "c", "d"],
                "outlet": ["Kremlin", "Kremlin", "Kremlin", "Guardian"],
                "published": ["2022-03-01", "2022-03-02", "2022-04-01", "2022-03-01"],
                "title": ["", "", "", ""],
                "text": [
                    "The Great Patriotic War and the special military operation.",
                    "The Cold War. The war crimes. This war. The FSB special operation.",
                    "The special military operation goes on.",
                    "The war. The Cold War. The war.",
                ],
            }
        )
    )
    rows = [
        ("war_name", "russian_state", "special military operation"),
        ("war_name", "russian_state", "special operation"),
        ("war_name", "war_invasion", "war"),
    ]
    lexicon = lexicon_of(
        rows,
        exclusions=(
            Exclusion("Great Patriotic War"),
            Exclusion("Cold War"),
            Exclusion("war crimes"),
        ),
        conditions=(
            Condition(
                "war_name",
                "russian_state",
                "special operation",
                unless_near=Context(3, words=("FSB",)),
            ),
        ),
    )
    return corpus, lexicon, audit_rules(corpus, lexicon, by="outlet")


def test_audit_table_says_how_each_group_and_variant_moved(audited) -> None:
    corpus, lexicon, audit = audited
    table = audit.table().set_index(["outlet", "variant"])
    kremlin_war = table.loc[("Kremlin", "war_invasion")]
    assert kremlin_war["hits_without_rules"] == 4
    assert kremlin_war["removed_by_exclusions"] == 3
    assert kremlin_war["hits"] == 1
    kremlin_state = table.loc[("Kremlin", "russian_state")]
    assert (kremlin_state["hits_without_rules"], kremlin_state["removed_by_conditions"]) == (3, 1)
    assert kremlin_war["share_without_rules"] == pytest.approx(4 / 7)
    assert kremlin_war["share"] == pytest.approx(1 / 3)
    assert kremlin_state["share"] == pytest.approx(2 / 3)
    # The counts without rules are what match(rules=False) finds, group by group.
    plain = match(corpus, lexicon, rules=False, columns="outlet")
    expected = plain.groupby(["outlet", "variant"]).size()
    assert table["hits_without_rules"].to_dict() == expected.to_dict()
    counted = match(corpus, lexicon, columns="outlet").groupby(["outlet", "variant"]).size()
    assert table["hits"][table["hits"] > 0].to_dict() == counted.to_dict()


def test_audit_by_term_and_by_rule(audited) -> None:
    _, _, audit = audited
    terms = audit.table(level="term").set_index(["outlet", "term"])
    assert terms.loc[("Kremlin", "war"), "removed_by_exclusions"] == 3
    rules = audit.by_rule()
    kremlin = rules[(rules["outlet"] == "Kremlin") & (rules["variant"] == "war_invasion")]
    assert dict(zip(kremlin["rule"], kremlin["removed"], strict=True)) == {
        "Great Patriotic War": 1,
        "Cold War": 1,
        "war crimes": 1,
    }
    cold = kremlin[kremlin["rule"] == "Cold War"].iloc[0]
    assert cold["share"] == pytest.approx(1 / 3)
    assert cold["share_without_rule"] == pytest.approx(2 / 4)
    fsb = rules[rules["rule_kind"] == "unless_near"].iloc[0]
    assert fsb["rule"] == "'special operation' unless near FSB within 3 words"
    assert fsb["removed_share"] == pytest.approx(1 / 3)


def test_audit_lists_the_removed_hits_with_their_rule(audited) -> None:
    corpus, _, audit = audited
    removed = audit.removed
    assert removed["rule_kind"].tolist().count("exclusion") == 4
    assert set(removed["outlet"]) == {"Kremlin", "Guardian"}
    for row in removed.itertuples():
        text = corpus.set_index("doc_id").loc[row.doc_id, row.field]
        assert text[row.start : row.end] == row.matched
    assert audit.added.empty
    assert "exclusions removed 4, conditions removed 1" in audit.summary()
    assert "<table" in audit._repr_html_()


def test_audit_by_voice_and_period(audited) -> None:
    corpus, lexicon, _ = audited
    corpus["month"] = corpus["published"].dt.strftime("%Y-%m")
    audit = audit_rules(corpus, lexicon, by=("outlet", "month", "voice"))
    table = audit.table()
    assert list(table.columns[:5]) == ["outlet", "month", "voice", "concept", "variant"]
    assert table["hits_without_rules"].sum() == 10
    with pytest.raises(ValueError, match="'level' parameter"):
        audit.table(level="concept")
    with pytest.raises(ValueError, match="pass them to audit_rules"):
        audit.table(by="section")


def test_a_condition_on_an_inflected_term_applies_to_every_form_of_that_term() -> None:
    # An inflected lexicon compiles a row per word form: each form takes its own term's
    # checks (before the fix the checks were indexed by term and fell on other forms).
    plain = Lexicon.from_dataframe(
        pd.DataFrame(
            [("war_name", "war", "война"), ("forces", "label", "боевики")],
            columns=["concept", "variant", "term"],
        ),
        name="demo",
    )
    lexicon = Lexicon(
        "demo",
        plain.concepts,
        language="ru",
        conditions=(Condition("forces", "label", "боевики", unless_near=Context(3, ("Сири*",))),),
    )
    assert found("атаку боевиков в Сирии", lexicon) == []
    assert found("боевики сдались", lexicon) == ["боевики"]
    assert found("война в Сирии закончилась, и вчера была сдача боевиков", lexicon) == [
        "война",
        "боевиков",
    ]
    for form in ("война", "войны", "войне", "войну", "войной", "войн", "войнам", "войнах"):
        assert found(f"{form} в Сирии", lexicon) == [form]  # the other term keeps its forms
