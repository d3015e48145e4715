"""What ``score`` accepts: its constants (periods, voices, intervals, the columns of its
table) and the checks of its parameters, hits and fields.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from framing._checks import check_choice, check_number, check_whole
from framing.provenance import ATTRS_KEY
from framing.tables import validate_hits

PERIODS: dict[str, str] = {
    "W": "week (Monday to Sunday)",
    "M": "month",
    "Q": "quarter",
    "Y": "year",
}
VOICES: tuple[str, ...] = ("own", "quoted", "distanced")
#: How ``score`` computes intervals: "effective" (the default; see ``docs/statistics.md``)
#: or "bootstrap" (the percentile bootstrap over documents of earlier versions).
INTERVALS: tuple[str, ...] = ("effective", "bootstrap")
#: The fewest documents a value should rest on: charts grey a share whose concept has
#: hits in fewer documents of the group (``concept_docs``), and a rate whose group has
#: fewer documents (``n_docs``). The share intervals' coverage is checked from 5
#: documents up (``docs/statistics.md``); below that a group shows little.
MIN_DOCS: int = 5
FIELDS: tuple[str, ...] = ("title", "text")


# -- parameters --------------------------------------------------------------------------
def _by_columns(by: Any, corpus: pd.DataFrame, period: str | None) -> list[str]:
    columns = [by] if isinstance(by, str) else list(by) if by is not None else []
    if not all(isinstance(column, str) for column in columns):
        raise ValueError(
            f"The 'by' parameter of score must be a corpus column name or a list of them. "
            f"Got {by!r} instead."
        )
    missing = [column for column in columns if column not in corpus.columns]
    if missing:
        raise ValueError(
            f"The 'by' parameter of score names {missing}, which the corpus does not have. "
            f"Corpus columns: {list(corpus.columns)}."
        )
    if period is not None and "period" in columns:
        raise ValueError(
            "score cannot group by a corpus column called 'period' and by period= at once; "
            "rename the column."
        )
    if len(set(columns)) != len(columns):
        raise ValueError(f"The 'by' parameter of score repeats a column: {columns}.")
    return columns


def _check_parameters(period: Any, ci: Any, n_boot: Any, seed: Any, interval: Any) -> None:
    check_choice(interval, INTERVALS, parameter="interval", function="score")
    check_choice(period, PERIODS, parameter="period", function="score", allow_none=True)
    check_number(ci, parameter="ci", function="score", low=0, high=1, low_open=True, high_open=True)
    check_whole(n_boot, parameter="n_boot", function="score", minimum=1)
    check_whole(seed, parameter="seed", function="score", minimum=0)


def _voices(voice: Any) -> list[str] | None:
    if voice is None:
        return None
    voices = [voice] if isinstance(voice, str) else list(voice)
    unknown = [v for v in voices if v not in VOICES]
    if unknown or not voices:
        raise ValueError(
            "The 'voice' parameter of score must be 'own', 'quoted', 'distanced' or a list "
            f"of them. Got {voice!r} instead."
        )
    return voices


def _fields(fields: Any, hits: pd.DataFrame, corpus: pd.DataFrame) -> tuple[str, ...]:
    if fields is None:
        recorded = hits.attrs.get(ATTRS_KEY, {}).get("parameters", {}).get("fields")
        fields = recorded if recorded else FIELDS
    fields = (fields,) if isinstance(fields, str) else tuple(fields)
    return _check_text_fields(fields, corpus, function="score")


def _check_text_fields(fields: tuple[str, ...], corpus: pd.DataFrame, *, function: str):
    """Check that ``fields`` name string columns of the corpus (title, text, description...)."""
    text_columns = [c for c in corpus.columns if isinstance(corpus[c].dtype, pd.StringDtype)]
    unknown = [field for field in fields if field not in text_columns]
    if unknown or not fields or len(set(fields)) != len(fields):
        raise ValueError(
            f"The 'fields' parameter of {function} must name text columns of the corpus "
            f"(such as 'title', 'text', 'description'), each once. Got {list(fields)!r} "
            "instead."
        )
    return fields


def _usable_hits(
    hits: pd.DataFrame, corpus: pd.DataFrame, fields: tuple[str, ...], voices: list[str] | None
) -> pd.DataFrame:
    validate_hits(hits)
    if voices is not None and "voice" not in hits.columns:
        raise ValueError(
            "The hits table lacks the column 'voice', which score(voice=...) needs. "
            "Make hits with framing.match(..., classify_voice=True)."
        )
    unknown = ~hits["doc_id"].astype(str).isin(set(corpus["doc_id"].astype(str)))
    if unknown.any():
        row = int(np.flatnonzero(unknown.to_numpy())[0])
        raise ValueError(
            f"Hit {row} names the document {hits['doc_id'].iloc[row]!r}, which is not in the "
            f"corpus ({int(unknown.sum())} hit(s) like it). Score hits with the corpus they "
            "were matched in."
        )
    bad_field = ~hits["field"].astype(str).isin(set(corpus.columns))
    if bad_field.any():
        row = int(np.flatnonzero(bad_field.to_numpy())[0])
        raise ValueError(
            f"Hit {row} has field {hits['field'].iloc[row]!r}, which is not a corpus column."
        )
    keep = hits["field"].astype(str).isin(fields).to_numpy()
    if voices is not None:
        keep = keep & hits["voice"].astype(str).isin(voices).to_numpy()
    kept = hits.loc[keep]
    kept.attrs = dict(hits.attrs)
    return kept


def _variant_pairs(
    hits: pd.DataFrame, lexicon: Any, attrs: dict[str, Any] | None = None
) -> list[tuple[str, str]]:
    """Every (concept, variant) to report, in lexicon order where the lexicon is known.

    Without a lexicon, the order recorded in the hits' provenance: in ``attrs`` when
    given (the attrs of the hits that ``hits`` was taken from), else in ``hits.attrs``.
    """
    if lexicon is not None:
        pairs = list(
            dict.fromkeys(
                (concept.name, variant.name)
                for concept in lexicon.concepts
                for variant in concept.variants
            )
        )
    else:
        recorded = (hits.attrs if attrs is None else attrs).get(ATTRS_KEY, {})
        recorded = recorded.get("lexicon", {}).get("variants")
        if recorded:
            pairs = [(str(concept), str(variant)) for concept, variant in recorded]
        else:
            present = hits[["concept", "variant"]].astype(str).drop_duplicates()
            pairs = sorted(present.itertuples(index=False, name=None))
    seen = set(pairs)
    found = (
        hits[["concept", "variant"]]
        .astype(str)
        .drop_duplicates()
        .itertuples(index=False, name=None)
    )
    stray = [pair for pair in found if pair not in seen]
    if stray:
        raise ValueError(
            f"The hits hold concept {stray[0][0]!r}, variant {stray[0][1]!r}, which the "
            "lexicon does not have. Score hits with the lexicon they were matched with."
        )
    if not pairs:
        raise ValueError(
            "score found no concept/variant to report: the hits are empty and no lexicon "
            "was given. Pass lexicon= so that groups without hits get rows of zeros."
        )
    return pairs
