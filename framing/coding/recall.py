"""Recall: sample the passages a lexicon did not count, code them, estimate what it missed.

A sample of hits measures precision; it cannot show what the lexicon missed. Recall is
estimated from a second sample: sentences that hold a word of a broad **search list** for
the concept (say ``war*``, ``operation*``, ``conflict*``, ``invasion*``, ``attack*`` for
``war_name``) but no counted hit of the concept. A coder reads each and codes ``yes`` when
it refers to the concept in a way the lexicon should have counted (a missed mention),
``no`` otherwise::

    sheet = framing.recall_sheet(corpus, hits, concept="war_name",
                                 search=["war*", "operation*", "conflict*"], n=100)
    framing.write_coding_sheet(sheet, "recall.xlsx")      # code it, read it back
    passages = framing.read_coding_sheet("recall.xlsx")
    framing.recall(passages, coded_hits)                  # with the precision sheet

See ``docs/validation.md`` for the estimator, its interval and its limits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing.coding.precision import precision
from framing.coding.sheet import _by_columns, coding_sheet
from framing.provenance import stamp

#: The ``variant`` of a recall sheet's rows: passages the lexicon did not count.
NOT_COUNTED = "not_counted"

# A sentence ends at . ! or ? (and any closing quotes or brackets) before white space, or
# at a line break.
_SENTENCE_END = re.compile(r"[.!?][\"'”’»)\]]*\s+|\n+")

#: The columns of a recall table after ``concept``.
RECALL_COLUMNS: tuple[str, ...] = (
    "counted_passages",
    "candidate_passages",
    "coded",
    "missed",
    "missed_share",
    "missed_low",
    "missed_high",
    "estimated_missed",
    "precision",
    "precision_low",
    "precision_high",
    "recall",
    "recall_low",
    "recall_high",
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each sentence of ``text``: runs of text ending at ``.``,
    ``!`` or ``?`` (with closing quotes or brackets) before white space, or at a line
    break. Abbreviations ("U.S. forces") cut a sentence too: a passage is a short span,
    not a grammatical unit.

    Examples
    --------
    >>> text = "The war goes on. “It will end,” he said!\\nNew line"
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['The war goes on.', '“It will end,” he said!', 'New line']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for found in _SENTENCE_END.finditer(text):
        _add_span(spans, text, start, found.end())
        start = found.end()
    _add_span(spans, text, start, len(text))
    return spans


def _add_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        first = start + len(piece) - len(piece.lstrip())
        spans.append((first, first + len(stripped)))


def _passages(table: pd.DataFrame, corpus: pd.DataFrame) -> pd.Series:
    """The sentence (``doc_id``, field, start, end) each hit of ``table`` lies in."""
    texts = corpus.drop_duplicates("doc_id").set_index("doc_id")
    cache: dict[tuple[str, str], list[tuple[int, int]]] = {}
    keys = []
    for doc_id, field, start in zip(table["doc_id"], table["field"], table["start"], strict=True):
        spans = cache.get((doc_id, field))
        if spans is None:
            spans = cache[(doc_id, field)] = sentence_spans(str(texts.at[doc_id, field]))
        span = next(((s, e) for s, e in spans if s <= start < e), (int(start), int(start)))
        keys.append((doc_id, field, *span))
    return pd.Series(keys, index=table.index, dtype=object)


def recall_sheet(
    corpus: pd.DataFrame,
    hits: pd.DataFrame,
    *,
    concept: str,
    search: Sequence[str],
    n: int = 100,
    fields: Sequence[str] | str = ("title", "text"),
    within: str | Sequence[str] | None = "outlet",
    window: int = 25,
    seed: int = 0,
) -> pd.DataFrame:
    """Draw passages that hold a search word for ``concept`` but no counted hit of it.

    Parameters
    ----------
    corpus : pandas.DataFrame
        The corpus.
    hits : pandas.DataFrame
        Its hits from :func:`framing.match` (the counted ones).
    concept : str
        The concept whose misses to look for.
    search : sequence of str
        The search list: words and phrases in the term syntax (globs allowed), broader
        than the concept's terms; matched case-insensitively, without sense rules.
    n : int, default 100
        Passages to draw.
    fields : sequence of str or str
        The text columns to search (those ``hits`` were matched in).
    within : str or list of str, optional, default "outlet"
        Spread the draw over these groups in proportion to their passages (see
        :func:`coding_sheet`); None for a simple random sample.
    window : int, default 25
        Words of context either side of the search word.
    seed : int, default 0
        Seed of the draw.

    Returns
    -------
    pandas.DataFrame
        A coding sheet (write it with :func:`write_coding_sheet`): one row per passage
        (a sentence, shown at its first search word), ``variant`` ``"not_counted"``,
        ``term`` the search word, ``stratum_hits`` the number of such passages and
        ``counted_passages`` the number of sentences holding a counted hit of the concept.
        Code ``yes`` when the passage refers to the concept in a way the lexicon should
        have counted, ``no`` when not.

    Examples
    --------
    >>> import pandas as pd
    >>> import framing
    >>> corpus = framing.as_corpus(pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"],
    ...     "published": [None, None], "title": ["", ""],
    ...     "text": ["The war goes on. The conflict deepens.", "A trade conflict."]}))
    >>> lexicon = framing.Lexicon.from_dataframe(pd.DataFrame({
    ...     "concept": ["war_name"], "variant": ["war"], "term": ["war"]}), name="demo")
    >>> hits = framing.match(corpus, lexicon)
    >>> sheet = recall_sheet(corpus, hits, concept="war_name", search=["war*", "conflict*"])
    >>> sheet[["hit_id", "match", "stratum_hits", "counted_passages"]]
             hit_id     match  stratum_hits counted_passages
    0  a:text:21-29  conflict             2                1
    1   b:text:8-16  conflict             2                1
    """
    from framing.lexicon.model import Lexicon
    from framing.matching import match

    if not isinstance(search, Sequence) or isinstance(search, str) or not search:
        raise ValueError(
            "The 'search' parameter of recall_sheet must be a list of words or phrases. "
            f"Got {search!r} instead."
        )
    words = Lexicon.from_dataframe(
        pd.DataFrame({"concept": concept, "variant": NOT_COUNTED, "term": list(search)}),
        name="search",
    )
    found = match(corpus, words, fields=fields, classify_voice=False, rules=False, progress=False)
    counted = hits[hits["concept"] == concept]
    counted_keys = set(_passages(counted, corpus)) if len(counted) else set()
    found = found.assign(passage=_passages(found, corpus)) if len(found) else found
    if len(found):
        found = found[~found["passage"].isin(counted_keys)]
        found = found.sort_values(["doc_id", "field", "start"]).drop_duplicates("passage")
    candidates = found.drop(columns="passage", errors="ignore").reset_index(drop=True)
    candidates["counted_passages"] = pd.array(
        [str(len(counted_keys))] * len(candidates), dtype="string"
    )
    sheet = coding_sheet(
        candidates,
        corpus,
        n=n,
        by=("concept", "counted_passages"),
        within=within,
        window=window,
        seed=seed,
    )
    stamp(
        sheet,
        function="recall_sheet",
        inherit=sheet,
        corpus=corpus,
        parameters={
            "concept": concept,
            "search": list(search),
            "n": n,
            "within": _by_columns(within, "recall_sheet"),
            "window": window,
            "seed": seed,
        },
    )
    return sheet


def recall(
    passages: pd.DataFrame,
    coded_hits: pd.DataFrame,
    *,
    strata: str | Sequence[str] | None = "variant",
    ci: float = 0.95,
) -> pd.DataFrame:
    """Estimate recall per concept from coded passages and coded hits, with an interval.

    Parameters
    ----------
    passages : pandas.DataFrame
        A coded :func:`recall_sheet` (read back with :func:`read_coding_sheet`).
    coded_hits : pandas.DataFrame
        A coded precision sheet of the same lexicon and corpus (:func:`coding_sheet`).
    strata : str or list of str, optional, default "variant"
        The strata of ``coded_hits`` below the concept, weighted by their hits (see
        :func:`precision`); None to pool the coded hits.
    ci : float, default 0.95
        Coverage of the interval of recall.

    Returns
    -------
    pandas.DataFrame
        One row per concept: ``concept``, ``counted_passages`` (*C*, sentences with a
        counted hit), ``candidate_passages`` (*U*, sentences with a search word and no
        counted hit), ``coded`` and ``missed`` (passages coded yes or no, and yes),
        ``missed_share`` (*q*) with its interval, ``estimated_missed`` (*U q*),
        ``precision`` (*p*) with its interval, and ``recall`` with its interval.

    Notes
    -----
    Recall is estimated over passages: :math:`R = C p / (C p + U q)`, with *p* the
    precision of the counted hits (standing in for the share of counted passages that
    refer to the concept) and *q* the share of the uncounted candidate passages coded
    yes. *R* rises with *p* and falls with *q*, so with the Wilson intervals of *p* and
    *q* each at level :math:`1 - (1 - ci)/2` (Bonferroni: both hold together with
    probability at least *ci*), :math:`[C p_l / (C p_l + U q_h), C p_h / (C p_h + U q_l)]`
    covers *R* with at least that probability: a conservative interval. Passages with no
    search word are assumed to hold no mention, so *R* is an upper bound of the recall
    over all text: choose the search list broad.

    Examples
    --------
    >>> import pandas as pd
    >>> passages = pd.DataFrame({"concept": "war_name", "counted_passages": "400",
    ...     "stratum_hits": 1000, "code": ["yes"] * 5 + ["no"] * 95})
    >>> hits = pd.DataFrame({"concept": "war_name", "variant": "war",
    ...     "stratum_hits": 500, "code": ["yes"] * 45 + ["no"] * 5})
    >>> table = recall(passages, hits)
    >>> table[["estimated_missed", "precision", "recall"]].round(3)
       estimated_missed  precision  recall
    0              50.0        0.9   0.878
    """
    level = 1 - (1 - ci) / 2
    needed = ["concept", "code", "stratum_hits", "counted_passages"]
    missing = [column for column in needed if column not in passages.columns]
    if missing:
        raise ValueError(
            "The 'passages' parameter of recall must be a coded recall sheet "
            f"(framing.recall_sheet); it lacks the column(s) {missing}."
        )
    missed_table = precision(passages, by="concept", ci=level)
    if strata is None:
        precision_table = precision(coded_hits, by="concept", ci=level)
    else:
        precision_table = precision(coded_hits, by="concept", strata=strata, ci=level)
    sizes = passages.groupby("concept")[["stratum_hits", "counted_passages"]].first()
    records: list[dict[str, Any]] = []
    for row in missed_table.itertuples(index=False):
        concept = row.concept
        candidates = float(sizes.at[concept, "stratum_hits"])
        counted = float(sizes.at[concept, "counted_passages"])
        matched = precision_table[precision_table["concept"] == concept]
        p, p_low, p_high = (
            (np.nan, np.nan, np.nan)
            if matched.empty
            else tuple(
                float(matched[c].iloc[0]) for c in ("precision", "precision_low", "precision_high")
            )
        )
        q, q_low, q_high = row.precision, row.precision_low, row.precision_high

        records.append(
            {
                "concept": concept,
                "counted_passages": int(counted),
                "candidate_passages": int(candidates),
                "coded": int(row.yes + row.no),
                "missed": int(row.yes),
                "missed_share": q,
                "missed_low": q_low,
                "missed_high": q_high,
                "estimated_missed": candidates * q,
                "precision": p,
                "precision_low": p_low,
                "precision_high": p_high,
                "recall": _recall(counted, candidates, p, q),
                "recall_low": _recall(counted, candidates, p_low, q_high),
                "recall_high": _recall(counted, candidates, p_high, q_low),
            }
        )
    frame = pd.DataFrame(records, columns=["concept", *RECALL_COLUMNS])
    frame["concept"] = frame["concept"].astype("string")
    stamp(frame, function="recall", inherit=passages, parameters={"ci": ci, "strata": strata})
    return frame


def _recall(counted: float, candidates: float, p: float, q: float) -> float:
    """``C p / (C p + U q)``; NaN when both are 0 or a share is unknown."""
    true = counted * p
    total = true + candidates * q
    return true / total if total > 0 else np.nan
