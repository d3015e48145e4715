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


def _spreadsheet_safe(table: pd.DataFrame) -> pd.DataFrame:
    out = table.copy()
    for column in out.columns:
        values = out[column]
        if values.dtype == object or isinstance(values.dtype, pd.StringDtype):
            out[column] = values.map(
                lambda v: (
                    json.dumps(list(v), ensure_ascii=False)
                    if isinstance(v, list | tuple)
                    else escape_formula(v)
                ),
                na_action="ignore",
            )
    return out


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

    Returns
    -------
    list of pathlib.Path
        The files written, then the sidecar ``<stem>.json`` (package version, the table's
        ``attrs["framing"]`` provenance, and the SHA-256 of each file).

    Notes
    -----
    CSV and TSV cells that a spreadsheet would run as formulas are quoted with a leading
    ``'`` (see ``escape_formula``); lists are written as JSON. Parquet keeps dtypes and
    stores the provenance in the file's schema metadata. Line endings are ``\\n`` and
    nothing time-dependent is written, so the same table gives the same bytes.

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
    written: list[Path] = []
    for file_format, target in _targets(path, formats):
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
                target, index=False, sep="\t" if file_format == "tsv" else ",", lineterminator="\n"
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
    sidecar = written[0].with_name(f"{written[0].stem}.json")
    sidecar.write_text(
        json.dumps(record, sort_keys=True, indent=2, ensure_ascii=False, default=str) + "\n",
        encoding="utf-8",
    )
    written.append(sidecar)
    return written
