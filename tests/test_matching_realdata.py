"""The bundled lexicons over the real corpora: the fast matcher equals the reference."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from _realdata_corpora import FIELDS, load_corpora
from _reference_matcher import reference_find

import framing
from framing.senses import compile_rules

pytestmark = [pytest.mark.realdata, pytest.mark.slow]


@pytest.fixture(scope="module")
def corpora(shared_data: Path) -> dict[str, pd.DataFrame]:
    return load_corpora(shared_data)


@pytest.mark.parametrize("name", ["ukraine_war", "ukraine_toponyms"])
def test_fast_matcher_equals_reference_on_real_text(
    corpora: dict[str, pd.DataFrame], name: str
) -> None:
    lexicon = framing.load_lexicon(name)
    specs = [(term.pattern, term.case_sensitive) for _, _, term in lexicon.entries()]
    patterns = [pattern for pattern, _ in specs]
    # The sense rules as the reference takes them: exclusions, and per term its conditions
    # (unless, context patterns, within) in the order the lexicon gives them.
    rules = compile_rules(lexicon).rules
    conditions = [
        [(check.unless, *rules.contexts[check.context]) for check in checks]
        for checks in rules.checks
    ]
    checked = 0
    for corpus_name, corpus in corpora.items():
        # Long texts are slow for the reference: a seeded sample of each corpus.
        sample = corpus.sample(n=min(len(corpus), 60), random_state=0)
        hits = framing.match(sample, lexicon, fields=FIELDS, classify_voice=False)
        for row in sample.itertuples():
            for field in FIELDS:
                text = getattr(row, field)
                if not isinstance(text, str):
                    continue
                fast = hits[(hits["doc_id"] == row.doc_id) & (hits["field"] == field)]
                got = list(zip(fast["start"], fast["end"], fast["term"], strict=True))
                found = reference_find(text, specs, rules.exclusions, conditions)
                want = [(s, e, patterns[i]) for s, e, i in found]
                assert got == want, (corpus_name, row.doc_id, field)
                checked += 1
    assert checked > 300


def test_guardian_special_military_operation_is_mostly_not_own_voice(
    corpora: dict[str, pd.DataFrame],
) -> None:
    hits = framing.match(corpora["guardian"], framing.load_lexicon("ukraine_war"))
    smo = hits[hits["term"] == "special military operation"]
    assert len(smo) >= 10
    split = smo["voice"].value_counts()
    assert split.get("quoted", 0) + split.get("distanced", 0) > split.get("own", 0)


def test_offsets_hold_on_every_real_hit(corpora: dict[str, pd.DataFrame]) -> None:
    lexicon = framing.load_lexicon("ukraine_war")
    for corpus in corpora.values():
        hits = framing.match(corpus, lexicon, fields=FIELDS, classify_voice=False)
        cells = corpus.set_index("doc_id")
        for row in hits.itertuples():
            assert cells.at[row.doc_id, row.field][row.start : row.end] == row.matched
