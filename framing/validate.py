"""Precision checks: sample hits, code them by hand, read the codes back, report precision.

A lexicon hit is not always the concept it was counted as: "Odessa" may be Odessa, Texas;
"cold war" may be history, not the information war. Precision, the share of hits that are
what they were counted as, is measured by reading a random sample of hits::

    sheet = framing.coding_sheet(hits, corpus, n=50)       # 50 hits per concept × variant
    framing.write_coding_sheet(sheet, "coding.xlsx")       # code them in a spreadsheet
    coded = framing.read_coding_sheet("coding.xlsx")       # checked on the way back in
    framing.precision(coded)                               # per variant, Wilson intervals

See ``docs/validation.md`` for the workflow, the statistics and the limits.

The coding sheet (one row a sampled hit):

===============  ========================================================================
hit_id           ``doc_id:field:start-end``: the hit's place in the corpus
concept, variant what the hit was counted as
left, match,     the hit in context (``match`` is exactly ``corpus[field][start:end]``)
right
code             entered by the coder: ``yes`` (the hit is what it was counted as),
                 ``no`` (a false match), ``unsure``; blank while not yet coded
comment          free text for the coder
term, voice,     the lexicon term, the voice, the document's outlet and date, ...
outlet, ...
stratum_hits     how many hits the stratum (e.g. concept × variant) has in all
check            8 letters that change when hit_id, match, term, concept, variant, voice,
                 outlet (or another stratum column) is edited; a guard against slips
===============  ========================================================================
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import warnings
import zipfile
from collections.abc import Sequence
from pathlib import Path
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from framing.kwic import kwic
from framing.provenance import ATTRS_KEY, provenance, stamp

#: The codes a coder may enter (any case, surrounding spaces ignored); blank is "not coded".
CODES: tuple[str, ...] = ("yes", "no", "unsure")

#: The columns of a coding sheet, in order (columns of a non-default ``by`` that are not
#: among them go before ``stratum_hits``).
SHEET_COLUMNS: tuple[str, ...] = (
    "hit_id",
    "concept",
    "variant",
    "left",
    "match",
    "right",
    "code",
    "comment",
    "term",
    "voice",
    "outlet",
    "published",
    "doc_id",
    "field",
    "start",
    "end",
    "stratum_hits",
    "check",
)

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


class CodingError(ValueError):
    """A coding sheet that cannot be read back: names the file, the row and what was expected."""


# --------------------------------------------------------------------------- sampling


def coding_sheet(
    hits: pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    n: int = 50,
    by: str | Sequence[str] = ("concept", "variant"),
    window: int = 15,
    seed: int = 0,
) -> pd.DataFrame:
    """Draw a stratified random sample of hits to code by hand, with their context.

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table from :func:`framing.match` (or a filtered part of it).
    corpus : pandas.DataFrame
        The corpus the hits were found in.
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
    write_coding_sheet, read_coding_sheet, precision

    Notes
    -----
    Within a stratum the hits are put in a fixed order (doc_id, field, start, end) and
    shuffled by ``numpy.random.default_rng([seed, h])``, with *h* a SHA-256 hash of the
    stratum's key; the first ``n`` are drawn. So a stratum's sample depends only on its
    own hits and the seed (adding a concept to the lexicon does not change the others),
    and a larger ``n`` keeps the hits of a smaller one: coding 50 more hits extends the
    first 50, it does not replace them.

    Examples
    --------
    >>> import pandas as pd
    >>> import framing
    >>> from framing.corpus.schema import conform
    >>> corpus = conform(pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"],
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
    _check_whole(n, "n", "coding_sheet", minimum=1)
    _check_whole(window, "window", "coding_sheet", minimum=0)
    _check_whole(seed, "seed", "coding_sheet", minimum=0)
    by_columns = _by_columns(by, "coding_sheet")
    needed = ["doc_id", "field", "start", "end", "matched", "concept", "variant"]
    needed += [c for c in by_columns if c not in corpus.columns or c == "doc_id"]
    missing = [column for column in dict.fromkeys(needed) if column not in hits.columns]
    if missing:
        raise ValueError(
            f"The 'hits' parameter of coding_sheet must be a hits table from framing.match; "
            f"it lacks the column(s) {missing}, which the corpus does not have either."
        )
    ordered = hits.reset_index(drop=True)
    # Strata may be corpus columns (outlet, section, ...): looked up by the hit's document.
    from_corpus = [c for c in by_columns if c not in hits.columns]
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
        parameters={"n": n, "by": by_columns, "window": window, "seed": seed},
    )
    return sheet


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


# --------------------------------------------------------------------------- writing


def write_coding_sheet(sheet: pd.DataFrame, path: str | Path) -> Path:
    """Write a coding sheet to ``.csv`` or ``.xlsx`` for coding in a spreadsheet.

    Parameters
    ----------
    sheet : pandas.DataFrame
        A sheet from :func:`coding_sheet` (codes may already be filled in).
    path : str or pathlib.Path
        The file to write; its suffix chooses the format:

        ``.xlsx``
            Sheet "coding" holds the table (a drop-down offers the codes); sheet
            "instructions" says what to do and holds the row count, a hash of the
            hit_ids and the provenance. Every text cell is written as text, never as a
            formula, so a match that starts with "=" stays text. The file is the same
            byte for byte when written again from the same sheet.
        ``.csv``
            UTF-8 with a byte-order mark (so that Excel reads the accents right), the
            instructions as ``#`` lines above the table. A text cell that starts with
            ``= + - @``, a tab, a carriage return or ``'`` gets a leading ``'`` so that no
            spreadsheet runs it as a formula; :func:`read_coding_sheet` removes it.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ValueError
        If the suffix is neither ``.csv`` nor ``.xlsx``, ``sheet`` lacks a column, or a
        row's hit_id, match, term, concept, variant, voice or outlet was changed after
        :func:`coding_sheet` made it (the file could not be read back).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> import framing
    >>> from framing.corpus.schema import conform
    >>> corpus = conform(pd.DataFrame({"doc_id": ["a"], "outlet": ["X"],
    ...     "published": [None], "title": [""], "text": ["Odessa, Texas, votes."]}))
    >>> lexicon = framing.Lexicon.from_dataframe(pd.DataFrame({
    ...     "concept": ["city"], "variant": ["russian"], "term": ["Odessa"]}), name="demo")
    >>> sheet = coding_sheet(framing.match(corpus, lexicon), corpus)
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_coding_sheet(sheet, folder / "coding.xlsx").name
    'coding.xlsx'
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError(
            f"The 'path' parameter of write_coding_sheet must end in .csv or .xlsx. "
            f"Got {str(path)!r} instead."
        )
    missing = [column for column in SHEET_COLUMNS if column not in sheet.columns]
    if missing:
        raise ValueError(
            f"The 'sheet' parameter of write_coding_sheet must be a sheet from "
            f"framing.coding_sheet; it lacks the column(s) {missing}."
        )
    checked = _checked(_checked_extras(sheet))
    for row in range(len(sheet)):
        if _row_check(sheet, row, checked) != sheet["check"].iat[row]:
            raise ValueError(
                f"Row {row} of the 'sheet' parameter of write_coding_sheet (hit_id "
                f"{sheet['hit_id'].iat[row]!r}) no longer fits its check: one of the columns "
                f"{', '.join(checked)} was changed after coding_sheet made it. Expected a "
                "sheet from framing.coding_sheet with only 'code' and 'comment' filled in."
            )
    columns = list(sheet.columns)
    header = _instructions() + _meta_rows(sheet)
    rows = [[_cell_text(sheet[column].iat[row]) for column in columns] for row in range(len(sheet))]
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        _write_csv(path, header, columns, rows, sheet)
    else:
        _write_xlsx(path, header, columns, rows, sheet)
    return path


def _instructions() -> list[list[str]]:
    return [[line] for line in _INSTRUCTIONS]


def _meta_rows(sheet: pd.DataFrame) -> list[list[str]]:
    extras = _checked_extras(sheet)
    return [
        [_META, "rows", str(len(sheet))],
        [_META, "hit_ids", _hit_id_digest(sheet["hit_id"].astype(str).tolist())],
        [_META, "checked", ",".join(_checked(extras))],
        [_META, "provenance", json.dumps(provenance(sheet), sort_keys=True, default=str)],
    ]


def _checked_extras(sheet: pd.DataFrame) -> list[str]:
    """Stratum columns beyond the default ones: coding_sheet puts them before stratum_hits.

    Read from the columns, not from the provenance, which pandas drops in some operations.
    """
    columns = list(sheet.columns)
    between = columns[columns.index("end") + 1 : columns.index("stratum_hits")]
    return [column for column in between if column not in SHEET_COLUMNS]


def _hit_id_digest(hit_ids: list[str]) -> str:
    text = "\x1f".join(sorted(hit_ids))
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _cell_text(value: Any) -> Any:
    """A cell's value as written: text, a whole number, or None for missing."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.isoformat()
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    return str(value)


def _escape(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def _unescape(value: str) -> str:
    return value[1:] if value.startswith("'") else value


def _write_csv(
    path: Path, header: list[list[str]], columns: list[str], rows: list[list[Any]], sheet: Any
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(header)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if value is None else _escape(value) for value in row])
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


def _write_xlsx(
    path: Path, header: list[list[str]], columns: list[str], rows: list[list[Any]], sheet: Any
) -> None:
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    coding = workbook.active
    coding.title = "coding"
    for number, values in enumerate([columns, *rows], start=1):
        for column, value in enumerate(values, start=1):
            if value is None:
                continue
            if isinstance(value, str) and _ILLEGAL_XLSX.search(value):
                name = columns[column - 1]
                if name not in ("left", "right", "comment"):
                    raise ValueError(
                        f"Cannot write the {name} {value!r} of the hit "
                        f"{rows[number - 2][0]!r} to an .xlsx file: it holds a control "
                        "character that .xlsx cannot store. Write a .csv file instead."
                    )
                # Context only: shown, never checked, so a stand-in character is harmless.
                value = _ILLEGAL_XLSX.sub("\ufffd", value)
            cell = coding.cell(row=number, column=column, value=value)
            if isinstance(value, str):
                # openpyxl would store "=..." as a formula and "#N/A" as an error: text it is.
                cell.data_type = "s"
    coding.freeze_panes = "B2"
    code_column = _column_letter(columns.index("code") + 1)
    choices = DataValidation(type="list", formula1='"' + ",".join(CODES) + '"', allow_blank=True)
    choices.error = "Enter yes, no or unsure, or leave blank."
    coding.add_data_validation(choices)
    if rows:
        choices.add(f"{code_column}2:{code_column}{len(rows) + 1}")
    widths = {"left": 60, "match": 20, "right": 60, "comment": 30, "hit_id": 24}
    for position, name in enumerate(columns, start=1):
        coding.column_dimensions[_column_letter(position)].width = widths.get(name, 12)
    about = workbook.create_sheet("instructions")
    for number, values in enumerate(header, start=1):
        for column, value in enumerate(values, start=1):
            cell = about.cell(row=number, column=column, value=value)
            cell.data_type = "s"
    about.column_dimensions["A"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(_fixed_zip(buffer.getvalue()))


def _column_letter(number: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(number)


def _fixed_zip(data: bytes) -> bytes:
    """The .xlsx with the times of saving replaced by a fixed date (same sheet, same bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)",
                    rb"\g<1>" + _FIXED_XLSX_TIME.encode() + rb"\g<2>",
                    content,
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, content)
    return out.getvalue()


# --------------------------------------------------------------------------- reading


def read_coding_sheet(path: str | Path) -> pd.DataFrame:
    """Read a coded sheet back and check that only codes and comments were changed.

    Parameters
    ----------
    path : str or pathlib.Path
        A ``.csv`` or ``.xlsx`` file written by :func:`write_coding_sheet` and coded.

    Returns
    -------
    pandas.DataFrame
        The sheet's rows in the file's order: :data:`SHEET_COLUMNS` (plus any column the
        coder added), ``code`` lowercased to one of :data:`CODES` or ``<NA>`` where
        blank; ``start, end, stratum_hits`` as integers, ``published`` as UTC dates.
        ``attrs["framing"]`` holds this read (file, rows coded and not) and, under
        ``inputs``, the provenance of the sheet as written.

    Raises
    ------
    CodingError
        Naming the file, the row (as numbered in a spreadsheet) and what was expected:
        a column is missing; a row has no hit_id, or its hit_id, match, term, concept,
        variant, voice or outlet was changed (the row's ``check`` does not fit); a row is
        there twice; rows were deleted or added; a code is not one of yes, no, unsure.

    Warns
    -----
    UserWarning
        If the instruction lines that hold the row count were deleted, so that deleted
        rows cannot be detected.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> import framing
    >>> from framing.corpus.schema import conform
    >>> corpus = conform(pd.DataFrame({"doc_id": ["a"], "outlet": ["X"],
    ...     "published": [None], "title": [""], "text": ["Odessa, Texas, votes."]}))
    >>> lexicon = framing.Lexicon.from_dataframe(pd.DataFrame({
    ...     "concept": ["city"], "variant": ["russian"], "term": ["Odessa"]}), name="demo")
    >>> sheet = coding_sheet(framing.match(corpus, lexicon), corpus)
    >>> sheet.loc[0, "code"] = " No "            # as a coder might type it
    >>> path = write_coding_sheet(sheet, pathlib.Path(tempfile.mkdtemp()) / "coding.csv")
    >>> read_coding_sheet(path)[["hit_id", "match", "code"]]
           hit_id   match code
    0  a:text:0-6  Odessa   no
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        records = _read_csv_records(path)
    elif suffix == ".xlsx":
        records = _read_xlsx_records(path)
    else:
        raise CodingError(
            f"The coding sheet {path} must be a .csv or .xlsx file written by "
            "framing.write_coding_sheet."
        )
    meta, columns, spreadsheet_rows, rows = _split_records(records, path)
    repeated = sorted({column for column in columns if columns.count(column) > 1 and column})
    if repeated:
        raise CodingError(
            f"The coding sheet {path} has the column(s) {repeated} more than once; expected "
            "each column of the sheet as written once."
        )
    missing = [column for column in SHEET_COLUMNS if column not in columns]
    if not missing and "checked" not in meta:
        checked = _checked(_checked_extras(pd.DataFrame(columns=columns)))
    else:
        checked = meta.get("checked", ",".join(_CHECKED_BASE)).split(",")
    missing += [column for column in checked if column not in columns and column not in missing]
    if missing:
        raise CodingError(
            f"The coding sheet {path} lacks the column(s) {missing}; expected the columns "
            f"written by framing.write_coding_sheet: {[*SHEET_COLUMNS]}. Restore them from "
            "the sheet as written."
        )
    table = pd.DataFrame(rows, columns=columns, dtype=object)
    _check_rows(table, spreadsheet_rows, checked, path)
    _check_count(table, meta, path)
    codes = []
    for number, hit_id, raw in zip(spreadsheet_rows, table["hit_id"], table["code"], strict=True):
        code = raw.strip().lower()
        if code and code not in CODES:
            raise CodingError(
                f"Row {number} of the coding sheet {path} (hit_id {hit_id.strip()!r}) has the code "
                f"{raw!r}; expected one of 'yes', 'no', 'unsure' (any case) or blank for "
                "not yet coded."
            )
        codes.append(code or None)
    result = pd.DataFrame(index=range(len(table)))
    for column in columns:
        values = table[column]
        if column == "code":
            result[column] = pd.array(codes, dtype="string")
        elif column in ("start", "end"):
            parsed = [_parse_hit_id(hit_id) for hit_id in table["hit_id"]]
            index = 2 if column == "start" else 3
            result[column] = np.asarray([part[index] for part in parsed], dtype="int64")
        elif column in ("doc_id", "field"):
            parsed = [_parse_hit_id(hit_id) for hit_id in table["hit_id"]]
            index = 0 if column == "doc_id" else 1
            result[column] = pd.array([part[index] for part in parsed], dtype="string")
        elif column == "stratum_hits":
            result[column] = _whole_numbers(values, spreadsheet_rows, column, path)
        elif column == "published":
            result[column] = _dates(values, spreadsheet_rows, path)
        elif column in ("left", "right"):
            # Context is never missing: a blank cell is a hit at the start or end of a text.
            result[column] = pd.array(list(values), dtype="string")
        else:
            result[column] = pd.array([value or None for value in values], dtype="string")
    uncoded = int(result["code"].isna().sum())
    written = json.loads(meta["provenance"]) if meta.get("provenance") else {}
    source = pd.DataFrame()
    source.attrs[ATTRS_KEY] = written
    stamp(
        result,
        function="read_coding_sheet",
        inherit=source if written else None,
        parameters={"path": str(path), "coded": len(result) - uncoded, "uncoded": uncoded},
    )
    return result


def _read_csv_records(path: Path) -> list[tuple[int, list[str]]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CodingError(
            f"The coding sheet {path} is not UTF-8 text (byte {error.start}); expected the "
            "file as written. In Excel save it as 'CSV UTF-8', or code the .xlsx version."
        ) from None
    # Excel saves "CSV" with the list separator of the coder's locale (";" in much of
    # Europe): the character after the header's "hit_id" tells which one the file uses.
    header = re.search(r'^"?hit_id"?([,;\t])', text, flags=re.MULTILINE)
    delimiter = header[1] if header else ","
    # A record's number is its row number in a spreadsheet (a cell's line breaks included).
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [
        (number, [_unescape(value) for value in record])
        for number, record in enumerate(records, start=1)
    ]


def _read_xlsx_records(path: Path) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise CodingError(
            f"The coding sheet {path} cannot be opened as an .xlsx file ({error}); expected "
            "a workbook written by framing.write_coding_sheet."
        ) from None
    try:
        if "coding" not in workbook.sheetnames:
            raise CodingError(
                f"The coding sheet {path} has no sheet named 'coding'; expected the sheets "
                f"'coding' and 'instructions'. Got {workbook.sheetnames} instead."
            )
        records: list[tuple[int, list[str]]] = []
        if "instructions" in workbook.sheetnames:
            # Numbered 0: these rows are on another sheet, before the coding table.
            for values in workbook["instructions"].iter_rows(values_only=True):
                records.append((0, [_xlsx_text(value) for value in values]))
        for number, values in enumerate(workbook["coding"].iter_rows(values_only=True), 1):
            records.append((number, [_xlsx_text(value) for value in values]))
    finally:
        workbook.close()
    return records


def _xlsx_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):  # a cell a coder retyped as a date
        return pd.Timestamp(value).isoformat()
    return str(value)


def _split_records(
    records: list[tuple[int, list[str]]], path: Path
) -> tuple[dict[str, str], list[str], list[int], list[list[str]]]:
    """The metadata lines, the columns, the data rows' numbers and the data rows."""
    meta: dict[str, str] = {}
    for position, (_, record) in enumerate(records):  # noqa: B007 (used after the loop)
        if record and record[0].strip() == "hit_id":
            break
        if len(record) >= 3 and record[0] == _META:
            meta[record[1]] = record[2]
    else:
        raise CodingError(
            f"The coding sheet {path} has no header row starting with 'hit_id'; expected a "
            "sheet written by framing.write_coding_sheet."
        )
    columns = [column.strip() for column in _trim(records[position][1])]
    numbers, rows = [], []
    for number, record in records[position + 1 :]:
        if not any(value.strip() for value in record):
            continue  # an empty row is spacing, not a hit
        if len(_trim(record)) > len(columns):
            raise CodingError(
                f"Row {number} of the coding sheet {path} has cells beyond the last column "
                f"{columns[-1]!r}; expected values only under the columns of the header."
            )
        numbers.append(number)
        rows.append((list(record) + [""] * len(columns))[: len(columns)])
    return meta, columns, numbers, rows


def _trim(record: list[str]) -> list[str]:
    end = len(record)
    while end and not record[end - 1].strip():
        end -= 1
    return record[:end]


def _check_rows(table: pd.DataFrame, numbers: list[int], checked: list[str], path: Path) -> None:
    seen: dict[str, int] = {}
    for position, number in enumerate(numbers):
        hit_id = table["hit_id"].iat[position].strip()
        if not hit_id:
            raise CodingError(
                f"Row {number} of the coding sheet {path} has no hit_id; expected the hit_id "
                "written with the sheet (rows must not be added)."
            )
        expected = table["check"].iat[position].strip()
        values = [table[column].iat[position] for column in checked]
        digest = hashlib.sha256("\x1f".join(values).encode("utf-8", "surrogatepass")).digest()
        actual = "".join(_CHECK_LETTERS[byte % len(_CHECK_LETTERS)] for byte in digest[:8])
        if actual != expected or _parse_hit_id(hit_id) is None:
            raise CodingError(
                f"Row {number} of the coding sheet {path} (hit_id {hit_id!r}) was changed "
                f"since the sheet was written: its columns {', '.join(checked)} no longer fit "
                f"its check {expected!r}. Expected them as written; only 'code' and 'comment' "
                "are for editing (restore the row from the sheet as written)."
            )
        if hit_id in seen:
            raise CodingError(
                f"Rows {seen[hit_id]} and {number} of the coding sheet {path} have the same "
                f"hit_id {hit_id!r}; expected each hit once (a row was copied)."
            )
        seen[hit_id] = number


def _check_count(table: pd.DataFrame, meta: dict[str, str], path: Path) -> None:
    if "rows" not in meta:
        warnings.warn(
            f"The coding sheet {path} has lost the instruction lines that hold its row "
            "count: deleted rows cannot be detected.",
            UserWarning,
            stacklevel=3,
        )
        return
    written = int(meta["rows"])
    if written != len(table):
        raise CodingError(
            f"The coding sheet {path} had {written} rows when written; it has {len(table)} "
            "now. Expected every row as written: rows must not be deleted or added (leave a "
            "hit's code blank if it cannot be coded)."
        )
    digest = _hit_id_digest([hit_id.strip() for hit_id in table["hit_id"]])
    if meta.get("hit_ids") and digest != meta["hit_ids"]:
        raise CodingError(
            f"The hit_ids of the coding sheet {path} are not those it was written with; "
            "expected the rows as written (a row was replaced)."
        )


def _whole_numbers(values: pd.Series, numbers: list[int], column: str, path: Path) -> np.ndarray:
    out = []
    for number, value in zip(numbers, values, strict=True):
        if not re.fullmatch(r"\s*\d+\s*", value):
            raise CodingError(
                f"Row {number} of the coding sheet {path} has {column} {value!r}; expected "
                "a whole number as written."
            )
        out.append(int(value))
    return np.asarray(out, dtype="int64")


def _dates(values: pd.Series, numbers: list[int], path: Path) -> pd.Series:
    out = []
    for number, value in zip(numbers, values, strict=True):
        if not value.strip():
            out.append(pd.NaT)
            continue
        try:
            out.append(pd.Timestamp(value.strip()))
        except ValueError:
            raise CodingError(
                f"Row {number} of the coding sheet {path} has published {value!r}; expected "
                "an ISO date as written (e.g. '2022-03-01T00:00:00+00:00')."
            ) from None
    stamps = [
        value
        if value is pd.NaT
        else (value.tz_localize("UTC") if value.tzinfo is None else value.tz_convert("UTC"))
        for value in out
    ]
    return pd.Series(pd.DatetimeIndex(stamps, dtype="datetime64[ns, UTC]"))


# --------------------------------------------------------------------------- statistics


def precision(
    coded: pd.DataFrame,
    *,
    by: str | Sequence[str] = ("concept", "variant"),
    ci: float = 0.95,
) -> pd.DataFrame:
    """Precision of the hits per stratum, with a Wilson score interval.

    Parameters
    ----------
    coded : pandas.DataFrame
        A coded sheet from :func:`read_coding_sheet` (any table with a ``code`` column of
        ``yes``/``no``/``unsure``/missing and the ``by`` columns).
    by : str or list of str, default ("concept", "variant")
        The strata. Use the strata the sheet was drawn by (or coarser ones: see Notes).
    ci : float, default 0.95
        Coverage of the interval.

    Returns
    -------
    pandas.DataFrame
        One row a stratum (sorted): the ``by`` columns, ``rows`` (hits in the sheet),
        ``coded`` (with any code), ``yes``, ``no``, ``unsure``, ``uncoded``,
        ``precision = yes / (yes + no)`` and ``precision_low``, ``precision_high``.
        Precision and interval are NaN where no hit is coded yes or no.

    Raises
    ------
    ValueError
        If ``coded`` lacks a column, holds a code that is not yes, no, unsure or
        missing, or ``ci`` is not between 0 and 1.

    See Also
    --------
    adjusted_counts : counts of a scores table times precision.

    Notes
    -----
    With *x* hits coded yes among *m* coded yes or no, *p* = *x*/*m* and *z* the
    (1 + ci)/2 quantile of the standard normal (1.96 for 95%), the Wilson score
    interval is

    .. math::

        \\frac{x + z^2/2}{m + z^2} \\pm \\frac{z\\sqrt{m}}{m + z^2}
        \\sqrt{p(1 - p) + \\frac{z^2}{4m}}

    It stays inside [0, 1] and, unlike the normal ("Wald") interval, does not collapse to
    a point when every coded hit is yes, which is common for a good lexicon. "unsure"
    codes count in neither *x* nor *m*. The interval treats the coded hits as a simple
    random sample of the stratum's hits (true within a stratum of the sheet); pooling
    strata that were sampled at different rates (e.g. ``by="concept"`` over a sheet
    drawn by concept × variant) weighs small variants too heavily.

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
    inference. *Journal of the American Statistical Association*, 22(158), 209-212.

    Brown, L. D., Cai, T. T., & DasGupta, A. (2001). Interval estimation for a binomial
    proportion. *Statistical Science*, 16(2), 101-133.

    Examples
    --------
    >>> import pandas as pd
    >>> coded = pd.DataFrame({"concept": "city", "variant": "russian",
    ...     "code": ["yes"] * 8 + ["no", "unsure", None]})
    >>> precision(coded)[["variant", "coded", "yes", "no", "precision", "precision_low"]]
       variant  coded  yes  no  precision  precision_low
    0  russian     10    8   1   0.888889          0.565
    """
    by_columns = _by_columns(by, "precision")
    if (
        not isinstance(ci, float | int) or isinstance(ci, bool) or not 0 < ci < 1 or ci != ci  # NaN
    ):
        raise ValueError(
            f"The 'ci' parameter of precision must be a number between 0 and 1 "
            f"(exclusive). Got {ci!r} instead."
        )
    missing = [column for column in ["code", *by_columns] if column not in coded.columns]
    if missing:
        raise ValueError(
            f"The 'coded' parameter of precision must be a coded sheet from "
            f"framing.read_coding_sheet; it lacks the column(s) {missing}."
        )
    codes = coded["code"].astype(object).where(coded["code"].notna(), None)
    codes = codes.map(lambda code: code.strip().lower() if isinstance(code, str) else code)
    unknown = codes[codes.notna() & ~codes.isin(CODES)]
    if len(unknown):
        label = unknown.index[0]
        label = label.item() if isinstance(label, np.generic) else label
        raise ValueError(
            f"The 'coded' parameter of precision has the code {unknown.iloc[0]!r} at index "
            f"{label!r}; expected one of 'yes', 'no', 'unsure' or missing."
        )
    table = coded.reset_index(drop=True)
    codes = codes.reset_index(drop=True)
    records = []
    for key, rows in _strata(table, by_columns):
        stratum = codes.iloc[rows]
        yes = int((stratum == "yes").sum())
        no = int((stratum == "no").sum())
        unsure = int((stratum == "unsure").sum())
        records.append([*key, len(rows), yes + no + unsure, yes, no, unsure])
    frame = pd.DataFrame(records, columns=[*by_columns, "rows", "coded", "yes", "no", "unsure"])
    for column in by_columns:
        frame[column] = pd.array(frame[column].astype(object), dtype="string")
    for column in ("rows", "coded", "yes", "no", "unsure"):
        frame[column] = frame[column].astype("int64")
    frame["uncoded"] = frame["rows"] - frame["coded"]
    decided = (frame["yes"] + frame["no"]).to_numpy()
    yes = frame["yes"].to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        frame["precision"] = np.where(decided > 0, yes / np.maximum(decided, 1), np.nan)
    low, high = wilson_interval(yes, decided, ci=ci)
    frame["precision_low"] = low
    frame["precision_high"] = high
    stamp(frame, function="precision", inherit=coded, parameters={"by": by_columns, "ci": ci})
    return frame


def wilson_interval(
    successes: Any, trials: Any, *, ci: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """Return the Wilson score interval of ``successes`` out of ``trials`` (arrays).

    NaN where ``trials`` is 0. See :func:`precision` for the formula.

    Examples
    --------
    >>> low, high = wilson_interval([8], [9])
    >>> round(float(low[0]), 6), round(float(high[0]), 6)
    (0.565, 0.980109)
    """
    successes = np.asarray(successes, dtype="float64")
    trials = np.asarray(trials, dtype="float64")
    z = NormalDist().inv_cdf((1 + ci) / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = successes / trials
        center = (successes + z * z / 2) / (trials + z * z)
        half = (
            z
            * np.sqrt(trials)
            / (trials + z * z)
            * np.sqrt(share * (1 - share) + z * z / (4 * trials))
        )
        low = np.clip(center - half, 0.0, 1.0)
        high = np.clip(center + half, 0.0, 1.0)
    # At x = 0 and x = m the bounds are exactly 0 and 1; rounding must not move them.
    low = np.where(successes == 0, 0.0, low)
    high = np.where(successes == trials, 1.0, high)
    empty = trials <= 0
    return np.where(empty, np.nan, low), np.where(empty, np.nan, high)


def adjusted_counts(scores: pd.DataFrame, precision_table: pd.DataFrame) -> pd.DataFrame:
    """Multiply a scores table's counts by the measured precision of each stratum.

    Parameters
    ----------
    scores : pandas.DataFrame
        A table with a ``count`` column and the stratum columns of ``precision_table``
        (e.g. :func:`framing.score` output, with ``concept`` and ``variant``).
    precision_table : pandas.DataFrame
        The output of :func:`precision`.

    Returns
    -------
    pandas.DataFrame
        ``scores`` (same rows, same order) with ``precision``, ``precision_low``,
        ``precision_high`` and ``adjusted_count``, ``adjusted_count_low``,
        ``adjusted_count_high`` (count times each). NaN where the stratum has no
        precision (not in the table, or nothing coded).

    Raises
    ------
    ValueError
        If ``scores`` lacks a stratum column or ``count``, or ``precision_table`` has a
        stratum twice.

    Notes
    -----
    ``adjusted_count = count × precision``: the expected number of true hits, assuming
    the coded sample is representative of the stratum's hits *in every group* of the
    scores (precision measured over the whole corpus is applied to each outlet). Where
    precision differs by outlet, draw the sheet ``by=("concept", "variant", "outlet")``.
    The interval carries only the uncertainty of precision, not that of the count.
    Shares are not adjusted: recompute them from adjusted counts if needed.

    Examples
    --------
    >>> import pandas as pd
    >>> coded = pd.DataFrame({"concept": "city", "variant": "russian",
    ...     "code": ["yes"] * 8 + ["no"] * 2})
    >>> scores = pd.DataFrame({"outlet": ["X", "Y"], "concept": "city",
    ...     "variant": "russian", "count": [100, 10]})
    >>> adjusted_counts(scores, precision(coded))[["outlet", "count", "adjusted_count"]]
      outlet  count  adjusted_count
    0      X    100            80.0
    1      Y     10             8.0
    """
    keys = [column for column in precision_table.columns if column not in PRECISION_COLUMNS]
    missing = [column for column in [*keys, "count"] if column not in scores.columns]
    if missing:
        raise ValueError(
            f"The 'scores' parameter of adjusted_counts must have a 'count' column and the "
            f"stratum columns of the precision table {keys}; it lacks {missing}."
        )
    if precision_table.duplicated(keys).any():
        raise ValueError(
            f"The 'precision_table' parameter of adjusted_counts has a stratum more than "
            f"once (columns {keys}); expected the output of framing.precision."
        )
    measures = ["precision", "precision_low", "precision_high"]
    lookup = precision_table[[*keys, *measures]].copy()
    for column in keys:
        lookup[column] = lookup[column].astype(object)
    left = scores.reset_index(drop=True)
    joined_keys = left[keys].astype(object) if keys else pd.DataFrame(index=left.index)
    if keys:
        merged = joined_keys.merge(lookup, on=keys, how="left", validate="many_to_one")
    else:
        merged = pd.concat([lookup[measures]] * len(left), ignore_index=True)
    result = scores.copy()
    counts = pd.to_numeric(left["count"]).to_numpy(dtype="float64")
    for measure in measures:
        values = merged[measure].to_numpy(dtype="float64") if len(merged) else np.zeros(0)
        result[measure] = values
    result["adjusted_count"] = counts * result["precision"].to_numpy()
    result["adjusted_count_low"] = counts * result["precision_low"].to_numpy()
    result["adjusted_count_high"] = counts * result["precision_high"].to_numpy()
    stamp(
        result,
        function="adjusted_counts",
        inherit=scores,
        parameters={"precision": provenance(precision_table), "strata": keys},
    )
    return result


# --------------------------------------------------------------------------- helpers


def _check_whole(value: Any, name: str, function: str, *, minimum: int) -> None:
    if not isinstance(value, int | np.integer) or isinstance(value, bool) or value < minimum:
        raise ValueError(
            f"The '{name}' parameter of {function} must be a whole number >= {minimum}. "
            f"Got {value!r} instead."
        )


def _by_columns(by: Any, function: str) -> list[str]:
    columns = [by] if isinstance(by, str) else list(by) if by is not None else []
    if not all(isinstance(column, str) for column in columns) or len(set(columns)) != len(columns):
        raise ValueError(
            f"The 'by' parameter of {function} must be a column name or a list of distinct "
            f"column names. Got {by!r} instead."
        )
    return columns
