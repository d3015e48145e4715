"""Writing result tables: CSV/TSV safe for spreadsheets, Parquet, LaTeX, with provenance.

``write_table`` is to tables what ``framing.save_figure`` is to figures: one call writes
one or several formats and a ``<stem>.json`` sidecar with the table's provenance and the
SHA-256 of every file written, so a table in a paper can be traced to its inputs.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from framing._files import check_targets
from framing.provenance import ATTRS_KEY, package_version

#: What a leading character makes of a cell in Excel, LibreOffice or Google Sheets.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".parquet": "parquet", ".tex": "tex"}


def escape_formula(value: Any) -> Any:
    """Quote a text cell that a spreadsheet would run as a formula.

    A leading ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a ``'`` before it
    (the OWASP advice against CSV injection); other values pass unchanged.

    Examples
    --------
    >>> escape_formula('=HYPERLINK("http://example.org")')
    '\\'=HYPERLINK("http://example.org")'
    >>> escape_formula("Kyiv"), escape_formula(3)
    ('Kyiv', 3)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def unescape_formula(value: Any) -> Any:
    """Undo :func:`escape_formula`: drop the ``'`` it put before a formula character.

    Examples
    --------
    >>> unescape_formula("'=1+1"), unescape_formula("'tis"), unescape_formula(3)
    ('=1+1', "'tis", 3)
    """
    if isinstance(value, str) and value[:1] == "'" and value[1:2] and value[1] in "=+-@\t\r":
        return value[1:]
    return value


def _spreadsheet_safe(table: pd.DataFrame) -> pd.DataFrame:
    """The table as a spreadsheet may open it: no cell and no header runs as a formula.

    Every column that is not numeric, boolean or a date (object, string, Arrow string,
    categorical, ...) is escaped cell by cell; lists are written as JSON; the header
    names are escaped too.
    """
    out = table.copy()
    for column in out.columns:
        values = out[column]
        if _is_plain_data(values.dtype):
            continue
        out[column] = values.astype(object).map(_safe_cell, na_action="ignore")
    out.columns = [escape_formula(str(name)) for name in out.columns]
    return out


def _is_plain_data(dtype: Any) -> bool:
    """True for dtypes whose cells print as numbers, booleans or dates only."""
    if isinstance(dtype, pd.CategoricalDtype):
        return False
    if isinstance(dtype, pd.ArrowDtype):
        import pyarrow as pa

        kind = dtype.pyarrow_dtype
        return bool(
            pa.types.is_integer(kind)
            or pa.types.is_floating(kind)
            or pa.types.is_boolean(kind)
            or pa.types.is_temporal(kind)
        )
    return bool(
        pd.api.types.is_numeric_dtype(dtype)
        or pd.api.types.is_bool_dtype(dtype)
        or pd.api.types.is_datetime64_any_dtype(dtype)
        or pd.api.types.is_timedelta64_dtype(dtype)
    )


def _safe_cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return json.dumps(list(value), ensure_ascii=False, default=str)
    if isinstance(value, int | float | bool) or hasattr(value, "isoformat"):
        return value
    return escape_formula(value if isinstance(value, str) else str(value))


def _write_parquet(table: pd.DataFrame, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow = pa.Table.from_pandas(table, preserve_index=False)
    metadata = dict(arrow.schema.metadata or {})
    metadata[b"framing"] = json.dumps(table.attrs.get(ATTRS_KEY, {}), sort_keys=True).encode()
    pq.write_table(arrow.replace_schema_metadata(metadata), path)


def _read_parquet(path: Path) -> pd.DataFrame:
    """Read a table that ``_write_parquet`` wrote, its provenance back in ``attrs``."""
    import pyarrow.parquet as pq

    arrow = pq.read_table(path)
    table = arrow.to_pandas()
    stored = (arrow.schema.metadata or {}).get(b"framing")
    if stored:
        table.attrs[ATTRS_KEY] = json.loads(stored)
    for column in table.columns:
        values = table[column]
        if (
            values.dtype == object
            and values.map(lambda v: isinstance(v, str), na_action="ignore").all()
        ):
            table[column] = values.astype("string")
    return table


def _targets(path: Path, formats: Sequence[str] | None) -> list[tuple[str, Path]]:
    if formats is None:
        if path.suffix not in _SUFFIXES:
            raise ValueError(
                f"The 'path' parameter of write_table must end in .csv, .tsv, .parquet or "
                f".tex, or formats=[...] must be given. Got {path.name!r} instead."
            )
        return [(_SUFFIXES[path.suffix], path)]
    targets = []
    for name in formats:
        if name not in _SUFFIXES.values():
            raise ValueError(
                "The 'formats' parameter of write_table takes 'csv', 'tsv', 'parquet' and "
                f"'tex'. Got {name!r} instead."
            )
        stem = path.with_suffix("") if path.suffix in _SUFFIXES else path
        targets.append((name, stem.with_name(f"{stem.name}.{name}")))
    return targets


def write_table(
    table: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    formats: Sequence[str] | None = None,
    caption: str | None = None,
    float_format: str = "%.3f",
    overwrite: bool = False,
) -> list[Path]:
    """Write a result table, and a provenance sidecar beside it.

    Parameters
    ----------
    table : pandas.DataFrame
        A result table (scores, term statistics, hits, ...).
    path : str or path-like
        The file to write; its suffix picks the format (``.csv``, ``.tsv``, ``.parquet``,
        ``.tex``). With ``formats`` the suffix is dropped and one file per format written.
    formats : sequence of str, optional
        Several formats at once, e.g. ``["csv", "tex"]`` for a paper's table.
    caption : str, optional
        The LaTeX caption (``.tex`` only); the label is ``tab:<file stem>``.
    float_format : str
        How the LaTeX table prints floats. CSV keeps full precision.
    overwrite : bool, default False
        Replace files that exist. Without it an existing target is an
        :class:`~framing.errors.OverwriteError`; the sidecar never replaces a file that is
        not a sidecar framing wrote (a JSON input of the same name), whatever this says.

    Returns
    -------
    list of pathlib.Path
        The files written, then the sidecar ``<stem>.json`` (package version, the table's
        ``attrs["framing"]`` provenance, and the SHA-256 of each file).

    Notes
    -----
    CSV and TSV cells that a spreadsheet would run as formulas are quoted with a leading
    ``'`` (see ``escape_formula``), in every column that is not numeric, boolean or a
    date, and in the header; lists are written as JSON. Rows end in ``\\r\\n`` (RFC
    4180), so that a cell holding a carriage return or a line break is quoted and never
    starts a row of its own. ``read_corpus`` and the command line read the ``'`` back off
    a CSV that has this function's sidecar beside it. Parquet keeps dtypes and stores the
    provenance in the file's schema metadata. Nothing time-dependent is written, so the
    same table gives the same bytes.

    Examples
    --------
    >>> import pathlib, tempfile, pandas as pd
    >>> import framing
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> table = pd.DataFrame({"term": ["=1+1", "kyiv"], "z": [1.5, -2.25]})
    >>> [p.name for p in framing.write_table(table, folder / "t", formats=["csv", "tex"])]
    ['t.csv', 't.tex', 't.json']
    >>> (folder / "t.csv").read_text().splitlines()[1]
    "'=1+1,1.5"
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(
            f"The 'table' parameter of write_table must be a DataFrame. "
            f"Got {type(table).__name__} instead."
        )
    path = Path(path)
    targets = _targets(path, formats)
    first = targets[0][1]
    sidecar = first.with_name(f"{first.stem}.json")
    check_targets(
        [target for _, target in targets],
        overwrite=overwrite,
        function="write_table",
        sidecar=sidecar,
    )
    written: list[Path] = []
    for file_format, target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        if file_format == "parquet":
            _write_parquet(table, target)
        elif file_format == "tex":
            latex = table.to_latex(
                index=False,
                caption=caption,
                label=f"tab:{target.stem}" if caption else None,
                float_format=float_format,
                escape=True,
            )
            target.write_text(latex, encoding="utf-8")
        else:
            _spreadsheet_safe(table).to_csv(
                target,
                index=False,
                sep="\t" if file_format == "tsv" else ",",
                lineterminator="\r\n",
                encoding="utf-8",
            )
        written.append(target)
    record = {
        "framing": package_version(),
        "provenance": table.attrs.get(ATTRS_KEY, {}),
        "files": {
            target.name: "sha256:" + hashlib.sha256(target.read_bytes()).hexdigest()
            for target in written
        },
    }
    sidecar.write_text(
        json.dumps(record, sort_keys=True, indent=2, ensure_ascii=False, default=str) + "\n",
        encoding="utf-8",
    )
    written.append(sidecar)
    return written
