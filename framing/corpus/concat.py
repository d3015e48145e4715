"""``framing.concat``: one corpus from corpora read with different options, one load report.

Sources that need different options are read one by one and combined::

    nexis = framing.read_corpus("exports/nexis/")                  # outlets in the files
    site = framing.read_corpus("scrape/site.csv", outlet="Meduza")  # no outlet in the file
    tg = framing.read_corpus("telegram/result.json", errors="report")
    corpus = framing.concat([nexis, site, tg])
    framing.load_report(corpus)   # every source of the three reads, skipped records too

The rows keep their order (the first corpus's, then the second's, ...); extra columns
one corpus has and another lacks are filled with ``<NA>`` (lists with ``[]``). A
``doc_id`` that an earlier corpus already holds is made unique as a read makes repeats
unique (``"a"``, ``"a#2"``) and the original kept in ``source_id``, so that
``framing.deduplicate`` can still find the repeat. The load reports are joined, source
by source, and the provenance records each part's own reading parameters.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pandas as pd

from framing.corpus._report import REPORT_KEY, Collector
from framing.corpus.readers._build import Ids
from framing.corpus.readers._pipeline import assemble_corpus
from framing.corpus.schema import STRING_DTYPE, CorpusError, validate_corpus


def concat(corpora: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Combine corpora read separately into one corpus with one load report.

    Parameters
    ----------
    corpora : sequence of pandas.DataFrame
        Corpora made by :func:`framing.read_corpus` or :func:`framing.as_corpus` (each
        carries its load report), e.g. files that need different ``outlet=``,
        ``rename=`` or ``errors=`` options.

    Returns
    -------
    pandas.DataFrame
        One corpus: the rows of all, in order; ``doc_id`` unique across them; the load
        reports joined in ``attrs["load_report"]`` (see :func:`framing.load_report`);
        provenance naming ``concat`` and each part's reading parameters.

    Raises
    ------
    ValueError
        ``corpora`` is empty or not a sequence of DataFrames.
    CorpusError
        A part is not a corpus, or carries no load report (it was not read by the kit).

    Examples
    --------
    >>> import framing, pandas as pd
    >>> a = framing.as_corpus(pd.DataFrame({"title": ["A"], "text": ["One."]}), outlet="RT")
    >>> b = framing.as_corpus(pd.DataFrame({"title": ["B"], "text": ["Two."]}), outlet="BBC")
    >>> both = framing.concat([a, b])
    >>> both["outlet"].tolist()
    ['RT', 'BBC']
    >>> framing.load_report(both).summary["read"].tolist()
    [1, 1]
    """
    if isinstance(corpora, pd.DataFrame) or not isinstance(corpora, Sequence) or not corpora:
        raise ValueError(
            "The 'corpora' parameter of concat must be a non-empty list of corpora (each read "
            f"with framing.read_corpus). Got {type(corpora).__name__} instead."
        )
    collector = Collector("report")
    ids = Ids()
    frames: list[pd.DataFrame] = []
    parts: list[Any] = []
    for position, corpus in enumerate(corpora):
        if not isinstance(corpus, pd.DataFrame):
            raise ValueError(
                f"The 'corpora' parameter of concat must hold DataFrames; item {position} is "
                f"a {type(corpus).__name__}."
            )
        validate_corpus(corpus, name=f"corpus {position} given to concat")
        report = corpus.attrs.get(REPORT_KEY)
        if not isinstance(report, dict):
            raise CorpusError(
                f"Corpus {position} given to concat has no load report in "
                "attrs['load_report']; read it with framing.read_corpus (pandas operations "
                "such as merge drop attrs)."
            )
        _join_report(collector, report)
        parts.append(json.loads(json.dumps(corpus.attrs.get("framing", {}), default=str)))
        frames.append(_unique_ids(corpus.copy(), ids))
    parameters = {"corpora": [part.get("parameters", part) for part in parts]}
    return assemble_corpus(frames, collector, parameters, function="concat")


def _join_report(collector: Collector, report: dict[str, Any]) -> None:
    """Add one corpus's load report to the joined one (a source read twice stays twice)."""
    for entry in report.get("sources", []):
        key, number = entry.get("source"), 1
        while key in collector.sources:
            number += 1
            key = f"{entry.get('source')} ({number})"
        collector.sources[key] = dict(entry)
    collector.skipped.extend(report.get("skipped", []))
    collector.unreadable_dates.extend(report.get("unreadable_dates", []))
    collector.ignored_files.extend(report.get("ignored_files", []))


def _unique_ids(frame: pd.DataFrame, ids: Ids) -> pd.DataFrame:
    """``doc_id`` unique across the parts; a renamed id kept in ``source_id``."""
    original = frame["doc_id"].astype(object).tolist()
    claimed = [ids.claim(value) for value in original]
    renamed = [new != old for new, old in zip(claimed, original, strict=True)]
    if any(renamed):
        if "source_id" in frame.columns:
            kept = frame["source_id"].astype(object)
            source_ids = [
                old if changed and pd.isna(given) else given
                for old, changed, given in zip(original, renamed, kept, strict=True)
            ]
        else:
            source_ids = [
                old if changed else None for old, changed in zip(original, renamed, strict=True)
            ]
        frame["source_id"] = pd.array(source_ids, dtype=STRING_DTYPE)
    frame["doc_id"] = pd.array(claimed, dtype=STRING_DTYPE)
    return frame
