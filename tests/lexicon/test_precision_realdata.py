"""The bundled lexicons' measured precision, recomputed from the hand codes in data/coding/.

The codes (``data/coding/*_sense.csv``) are keyed by position: source file, record id,
field, start, end, term; never by text. ``data/coding/measure.py`` matches the real
corpora of ``../shared/data`` with the current lexicon, finds each coded hit by its key
(treating the hits a sense rule removed as removed), and computes precision per variant and
per concept (the draws and variants weighted by their hits, Wilson intervals at Kish's
effective n). These tests check that the lexicon records exactly that, that the rules
removed false hits and kept true ones, and that each concept reaches the target or says why.
The English lexicons are measured on the six English corpora, ``ukraine_war_ru`` on
ru_telegram_news and ``ukraine_war_uk`` on resistinua_uk.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd
import pytest

import framing

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "data" / "coding"))
import measure  # noqa: E402

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

CODE_COLUMNS = [
    "draw",
    "selection",
    "source_file",
    "doc_id",
    "field",
    "start",
    "end",
    "term",
    "concept",
    "variant",
    "code",
    "reason",
]


@pytest.fixture(scope="module")
def corpora(shared_data: Path) -> dict[str, pd.DataFrame]:
    return measure.load_corpora(shared_data)


@pytest.fixture(scope="module", params=sorted(measure.LEXICONS))
def measured(request, corpora) -> measure.Measured:
    return measure.measure(request.param, corpora)


@pytest.mark.parametrize("name", sorted(measure.LEXICONS))
def test_codes_hold_keys_and_categories_never_text(name) -> None:
    codes = pd.read_csv(
        REPO / "data" / "coding" / measure.LEXICONS[name][0], dtype=str, keep_default_na=False
    )
    assert list(codes.columns) == CODE_COLUMNS
    assert set(codes["code"]) <= {"yes", "no", "unsure"}
    assert codes["reason"].map(lambda r: re.fullmatch(r"[a-z0-9_]*", r) is not None).all()
    assert set(codes["source_file"]) <= set(measure.FILES)
    assert not codes.duplicated(["source_file", "doc_id", "field", "start", "end"]).any()


def test_every_coded_hit_is_found(measured) -> None:
    located = measured.located
    terms = {term.pattern for _, _, term in measured.lexicon.entries()}
    lost = located[(located["status"] == "removed") & located["rule"].isna()]
    # A coded hit neither counted nor removed by a rule: only when its term left the
    # lexicon (ukraine_war 2.0 dropped 'rashism', which names an ideology, not forces).
    assert not lost["term"].isin(terms).any(), lost[["term", "doc_id"]]
    assert len(located) == len(measured.located.drop_duplicates(measure.KEY))


#: Lexicons whose codes were drawn from the hits left by all their rules (ukraine_war_uk
#: 1.1): no coded hit can have been removed. The others gained rules after their draw.
DRAWN_AFTER_THEIR_RULES = {"ukraine_war_uk"}


def test_rules_remove_false_hits_and_keep_true_ones(measured) -> None:
    checks = measured.checks
    if measured.name in DRAWN_AFTER_THEIR_RULES:
        assert checks["removed_coded"] == 0
    else:
        assert checks["removed_coded"] > 0
    assert checks["removed_coded_no_share"] >= 0.95
    assert checks["coded_yes_still_counted"] >= 0.95
    assert checks["uncovered_hits_share"] == 0


def test_the_lexicon_records_the_recomputed_precision(measured) -> None:
    lexicon = measured.lexicon
    assert lexicon.precision == measure.measurements(measured)
    assert lexicon.measured_on == measure.MEASURED_ON[measured.name]


def test_each_concept_reaches_the_target_or_says_why(measured) -> None:
    for row in measured.lexicon.precision:
        on_target = row.precision >= measure.TARGET and row.low >= measure.TARGET_LOW
        assert on_target or row.note, (row.concept, row.variant)
        assert row.low <= row.precision <= row.high


def test_precision_table_shows_in_lexicons_and_the_notebook_summary(measured) -> None:
    table = framing.lexicons().set_index("name")
    assert table.loc[measured.name, "precision"] == measured.lexicon.precision_range()
    html = measured.lexicon._repr_html_()
    assert "Measured precision" in html and "precision_low" not in html
