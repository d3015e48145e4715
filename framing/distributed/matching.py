"""``match`` on a dask corpus: each partition is matched by the pandas path's own
function; the hits are a dask DataFrame with the pandas hits' columns and provenance.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from framing._engine import NO_RULES, Rules, TermSpec
from framing._engines import register_dask
from framing._match_work import _compile, _empty_hits, _match_frame, _Terms
from framing.lexicon.model import Lexicon
from framing.matching import _check_fields, _parameters, _record_variants
from framing.provenance import ATTRS_KEY, stamp


@register_dask("match")
def _match_dask(
    corpus: Any,
    lexicon: Lexicon,
    fields: tuple[str, ...],
    voice: bool,
    columns: tuple[str, ...],
    principal: str | Sequence[str] | None = None,
    rules: bool = True,
) -> Any:
    meta = corpus._meta
    # Not validate_corpus: dask turns object columns (tags) into strings. The columns
    # match reads are checked here, the ids in each partition.
    if "doc_id" not in meta.columns:
        raise ValueError("The dask corpus has no 'doc_id' column; a corpus needs one.")
    _check_fields(meta, fields, columns)
    terms = _compile(lexicon, rules)
    empty = _empty_hits(meta, columns)
    stamp(
        empty,
        function="match",
        lexicon=lexicon,
        parameters=_parameters(fields, voice, columns, principal, rules, lexicon),
    )
    _record_variants(empty, lexicon)
    record = empty.attrs[ATTRS_KEY]
    return corpus.map_partitions(
        _match_partition,
        terms.concepts,
        terms.variants,
        terms.patterns,
        terms.specs,
        fields,
        voice,
        columns,
        record,
        principal,
        terms.rules,
        meta=empty,
    )


def _match_partition(
    partition: pd.DataFrame,
    concepts: list[str],
    variants: list[str],
    patterns: list[str],
    specs: list[TermSpec],
    fields: tuple[str, ...],
    voice: bool,
    columns: tuple[str, ...],
    record: dict[str, Any],
    principal: str | Sequence[str] | None = None,
    rules: Rules = NO_RULES,
) -> pd.DataFrame:
    ids = partition["doc_id"]
    if ids.isna().any() or ids.duplicated().any():
        raise ValueError(
            "A partition of the dask corpus has a missing or repeated doc_id; every "
            "document needs a unique one."
        )
    terms = _Terms(
        (concept, variant, pattern, case_sensitive, form)
        for concept, variant, pattern, (form, case_sensitive) in zip(
            concepts, variants, patterns, specs, strict=True
        )
    )
    terms.rules = rules
    hits = _match_frame(partition, terms, fields, voice, columns, 1, False, None, principal)
    hits.attrs[ATTRS_KEY] = record
    return hits
