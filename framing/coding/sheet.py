"""Draw the coding sheet: a stratified, seeded sample of hits with their context.

The sheet's columns and codes are described in :mod:`framing.coding`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing._checks import check_whole
from framing._engines import dask_implementation
from framing.concordance import kwic
from framing.provenance import stamp
from framing.tables import HITS_SPAN, SHEET_COLUMNS, validate_hits

#: The codes a coder may enter (any case, surrounding spaces ignored); blank is "not coded".
CODES: tuple[str, ...] = ("yes", "no", "unsure")


#: Columns a sheet written by an earlier version of the kit may lack (read and written
#: without them): ``speaker`` came with the voice rules of issue 12.
OPTIONAL_SHEET_COLUMNS: tuple[str, ...] = ("speaker",)

#: The columns of a precision table after the stratum columns.
PRECISION_COLUMNS: tuple[str, ...] = (
    "rows",
    "coded",
    "yes",
    "no",
    "unsure",
    "uncoded",
    "precision",
    "precision_low",
    "precision_high",
)

# Columns whose edits the row's check detects: what the hit is and where it was counted.
_CHECKED_BASE: tuple[str, ...] = (
    "hit_id",
    "match",
    "term",
    "concept",
    "variant",
    "voice",
    "outlet",
)
# Consonants only: a check can never look like a number, a date or TRUE/FALSE to Excel.
_CHECK_LETTERS = "bcdfghjkmnpqrstvwxz"
# A spreadsheet runs a cell starting with one of these as a formula (OWASP CSV injection);
# a leading quote is escaped too, so that unescaping (dropping one leading quote) is exact.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "'")
# Characters an .xlsx file cannot hold (XML 1.0 forbids them).
_ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# A fixed date for the parts of an .xlsx file that would otherwise hold the time of saving.
_FIXED_XLSX_TIME = "2000-01-01T00:00:00Z"
_META = "#meta"

_INSTRUCTIONS: tuple[str, ...] = (
    "# framing coding sheet: one row a hit of the lexicon, sampled at random.",
    "# Read left + match + right and enter in the 'code' column:",
    "#   yes    = the match is the concept/variant it was counted as",
    "#   no     = a false match (e.g. 'Odessa, Texas'; 'Cold War' counted as information war)",
    "#   unsure = cannot tell from the context (open the document: doc_id, field, start, end)",
    "# Leave 'code' blank for hits not yet coded. Write anything in 'comment'.",
    "# Edit only 'code' and 'comment'. Do not delete, add or copy rows; sorting is fine.",
    "# Read it back with framing.read_coding_sheet(path).",
)


def _strata(table: pd.DataFrame, by_columns: list[str]) -> list[tuple[tuple[Any, ...], np.ndarray]]:
    if not by_columns:
        return [((), np.arange(len(table)))]
    keys = table[by_columns].astype(object).where(table[by_columns].notna(), None)
    groups: dict[tuple[Any, ...], list[int]] = {}
    for position, key in enumerate(keys.itertuples(index=False, name=None)):
        groups.setdefault(tuple(key), []).append(position)
    # Sorted by key, missing values last, so that the sheet's strata come in a fixed order.
    ordered = sorted(groups, key=lambda key: [(value is None, str(value)) for value in key])
    return [(key, np.asarray(groups[key])) for key in ordered]


def _key_hash(key: tuple[Any, ...]) -> int:
    text = json.dumps([None if value is None else str(value) for value in key])
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def _hit_id(doc_id: Any, field: Any, start: Any, end: Any) -> str:
    return f"{doc_id}:{field}:{int(start)}-{int(end)}"


def _parse_hit_id(hit_id: str) -> tuple[str, str, int, int] | None:
    parts = hit_id.rsplit(":", 2)
    if len(parts) != 3:
        return None
    doc_id, field, span = parts
    found = re.fullmatch(r"(\d+)-(\d+)", span)
    if not doc_id or not field or found is None:
        return None
    return doc_id, field, int(found[1]), int(found[2])


def _checked(extras: Sequence[str]) -> list[str]:
    return [*_CHECKED_BASE, *extras]


def _row_check(table: pd.DataFrame, row: int, columns: Sequence[str]) -> str:
    values = []
    for column in columns:
        value = table[column].iat[row]
        values.append("" if value is None or pd.isna(value) else str(value))
    digest = hashlib.sha256("\x1f".join(values).encode("utf-8", "surrogatepass")).digest()
    return "".join(_CHECK_LETTERS[byte % len(_CHECK_LETTERS)] for byte in digest[:8])


# --------------------------------------------------------------------------- helpers


def _by_columns(by: Any, function: str) -> list[str]:
    columns = [by] if isinstance(by, str) else list(by) if by is not None else []
    if not all(isinstance(column, str) for column in columns) or len(set(columns)) != len(columns):
        raise ValueError(
            f"The 'by' parameter of {function} must be a column name or a list of distinct "
            f"column names. Got {by!r} instead."
        )
    return columns


# --------------------------------------------------------------------------- sampling


def _proportional(
    stratum: pd.DataFrame,
    rows: np.ndarray,
    key: tuple[Any, ...],
    within_columns: list[str],
    n: int,
    seed: int,
) -> np.ndarray:
    """Draw ``n`` of a stratum's ``rows`` spread over its ``within`` groups in proportion
    to their hits (Sainte-Laguë, one hit at a time; see coding_sheet's Notes)."""
    groups = []
    for group_key, inner in _strata(stratum.reset_index(drop=True), within_columns):
        generator = np.random.default_rng([seed, _key_hash((*key, *group_key))])
        groups.append(rows[inner][generator.permutation(len(inner))])
    taken = [0] * len(groups)
    drawn = []
    for _ in range(min(n, len(rows))):
        best = max(
            (g for g in range(len(groups)) if taken[g] < len(groups[g])),
            key=lambda g: (len(groups[g]) / (2 * taken[g] + 1), -g),
        )
        drawn.append(groups[best][taken[best]])
        taken[best] += 1
    return np.asarray(drawn, dtype=np.int64)


def coding_sheet(
    hits: pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    n: int = 50,
    by: str | Sequence[str] = ("concept", "variant"),
    window: int = 15,
    seed: int = 0,
    within: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Draw a stratified random sample of hits to code by hand, with their context.

    Parameters
    ----------
    hits : pandas.DataFrame or dask.dataframe.DataFrame
        A hits table from :func:`framing.match` (or a filtered part of it).
    corpus : pandas.DataFrame or dask.dataframe.DataFrame
        The corpus the hits were found in. From a dask corpus only the documents with a
        hit are read (``framing.distributed.concordance``).
    n : int, default 50
        Hits drawn per stratum; every hit of a stratum that has fewer.
    by : str or list of str, default ("concept", "variant")
        Columns of the hits, or of the corpus (looked up by ``doc_id``), that define the
        strata: add ``"outlet"`` to measure precision per outlet. An empty list draws
        ``n`` hits from all of them.
    window : int, default 15
        Words of context on each side of the match.
    seed : int, default 0
        Seed of the draw. The same hits and seed give the same sheet.
    within : str or list of str, optional
        Spread each stratum's ``n`` over the groups of these columns (hits or corpus
        columns, e.g. ``"outlet"``) in proportion to their hits, so that every outlet is
        represented as it is among the stratum's hits (proportional allocation; the
        sample stays self-weighting within the stratum). See Notes.

    Returns
    -------
    pandas.DataFrame
        The coding sheet: :data:`SHEET_COLUMNS` (see the module docstring), strata in
        sorted order, hits within a stratum in the random order of the draw; ``code``
        and ``comment`` empty. Provenance in ``attrs["framing"]``.

    Raises
    ------
    ValueError
        If a parameter is out of range, ``hits`` lacks a column, or a hit does not fit
        the corpus.

    See Also
    --------
    write_coding_sheet : the sheet to .csv or .xlsx, for coding in a spreadsheet.
    read_coding_sheet : the coded sheet back, every row checked.
    precision : precision per stratum from the codes, with Wilson intervals.

    Notes
    -----
    Within a stratum the hits are put in a fixed order (doc_id, field, start, end) and
    shuffled by ``numpy.random.default_rng([seed, h])``, with *h* a SHA-256 hash of the
    stratum's key; the first ``n`` are drawn. So a stratum's sample depends only on its
    own hits and the seed (adding a concept to the lexicon does not change the others),
    and a larger ``n`` keeps the hits of a smaller one: coding 50 more hits extends the
    first 50, it does not replace them.

    With ``within``, each group of a stratum (say, an outlet) is shuffled the same way
    (its hash taken over the stratum's and the group's keys), and the stratum's ``n``
    hits are given out one at a time by the Sainte-Laguë rule: the next hit goes to the
    group with the largest ``hits / (2 × drawn + 1)`` (ties to the first group in sorted
    order) that has hits left. The groups' shares of the sample then follow their shares
    of the stratum's hits as closely as whole numbers allow, every prefix of the draw
    does too (a coder who stops early has coded a proportional part), and a larger ``n``
    still keeps the hits of a smaller one (the rule never takes a hit back).

    Examples
    --------
    >>> import pandas as pd
    >>> import framing
    >>> corpus = framing.as_corpus(pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"],
    ...     "published": ["2022-03-01", None], "title": ["", ""],
    ...     "text": ["Shelling near Odessa went on.", "Odessa, Texas, votes today."]}))
    >>> lexicon = framing.Lexicon.from_dataframe(pd.DataFrame({
    ...     "concept": ["city"], "variant": ["russian"], "term": ["Odessa"]}), name="demo")
    >>> sheet = coding_sheet(framing.match(corpus, lexicon), corpus, n=5, window=2)
    >>> sheet[["hit_id", "left", "match", "right", "code"]].sort_values("hit_id")
             hit_id            left   match           right  code
    1  a:text:14-20  Shelling near   Odessa        went on.  <NA>
    0    b:text:0-6                  Odessa  , Texas, votes  <NA>
    """
    distributed = dask_implementation("coding_sheet", hits, corpus)
    if distributed is not None:
        return distributed(hits, corpus, n=n, by=by, window=window, seed=seed)
    check_whole(n, parameter="n", function="coding_sheet", minimum=1)
    check_whole(window, parameter="window", function="coding_sheet", minimum=0)
    check_whole(seed, parameter="seed", function="coding_sheet", minimum=0)
    by_columns = _by_columns(by, "coding_sheet")
    within_columns = _by_columns(within, "coding_sheet")
    if set(within_columns) & set(by_columns):
        raise ValueError(
            "The 'within' parameter of coding_sheet must name columns that are not in 'by'. "
            f"Got within={within!r}, by={by!r}."
        )
    validate_hits(hits, require=HITS_SPAN)
    needed = [c for c in [*by_columns, *within_columns] if c not in corpus.columns]
    missing = [column for column in dict.fromkeys(needed) if column not in hits.columns]
    if missing:
        raise ValueError(
            f"The 'hits' parameter of coding_sheet must be a hits table from framing.match; "
            f"it lacks the column(s) {missing}, which the corpus does not have either."
        )
    ordered = hits.reset_index(drop=True)
    # Strata may be corpus columns (outlet, section, ...): looked up by the hit's document.
    from_corpus = [c for c in [*by_columns, *within_columns] if c not in hits.columns]
    if from_corpus:
        documents = corpus.drop_duplicates("doc_id").set_index("doc_id")
        for column in from_corpus:
            ordered[column] = ordered["doc_id"].map(documents[column])
    order = np.lexsort(
        [
            ordered["end"].to_numpy(),
            ordered["start"].to_numpy(),
            ordered["field"].astype(str).to_numpy(),
            ordered["doc_id"].astype(str).to_numpy(),
        ]
    )
    ordered = ordered.iloc[order].reset_index(drop=True)
    chosen: list[int] = []
    sizes: list[int] = []
    for key, rows in _strata(ordered, by_columns):
        if within_columns:
            drawn = _proportional(ordered.iloc[rows], rows, key, within_columns, n, seed)
        else:
            generator = np.random.default_rng([seed, _key_hash(key)])
            drawn = rows[generator.permutation(len(rows))[:n]]
        chosen.extend(drawn.tolist())
        sizes.extend([len(rows)] * len(drawn))
    sample = ordered.iloc[chosen].reset_index(drop=True)
    context = kwic(sample, corpus, window=window)
    sheet = pd.DataFrame(
        {
            "hit_id": pd.array(
                [
                    _hit_id(doc, field, start, end)
                    for doc, field, start, end in zip(
                        context["doc_id"],
                        context["field"],
                        context["start"],
                        context["end"],
                        strict=True,
                    )
                ],
                dtype="string",
            )
        }
    )
    extras = [column for column in by_columns if column not in SHEET_COLUMNS]
    for column in SHEET_COLUMNS[1:]:
        if column == "stratum_hits":
            for extra in extras:
                sheet[extra] = pd.array(sample[extra].astype(object), dtype="string")
            sheet[column] = np.asarray(sizes, dtype="int64")
        elif column in ("code", "comment"):
            sheet[column] = pd.array([pd.NA] * len(sample), dtype="string")
        elif column == "check":
            sheet[column] = pd.array(
                [_row_check(sheet, row, _checked(extras)) for row in range(len(sheet))],
                dtype="string",
            )
        else:
            sheet[column] = context[column].reset_index(drop=True)
    stamp(
        sheet,
        function="coding_sheet",
        inherit=hits,
        corpus=corpus,
        parameters={"n": n, "by": by_columns, "window": window, "seed": seed}
        | ({"within": within_columns} if within_columns else {}),
    )
    return sheet
