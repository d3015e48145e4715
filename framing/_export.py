"""Writing result tables: CSV/TSV safe for spreadsheets, Parquet, LaTeX, with provenance.

``write_table`` is to tables what ``framing.save_figure`` is to figures: one call writes
one or several formats and a ``<stem>.json`` sidecar with the table's provenance and the
SHA-256 of every file written, so a table in a paper can be traced to its inputs.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing._files import check_targets
from framing.provenance import ATTRS_KEY, package_version, without_variants

#: What a leading character makes of a cell in Excel, LibreOffice or Google Sheets.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".parquet": "parquet", ".tex": "tex"}
#: Tables with more rows than this become a ``longtable`` (pages break inside it).
LONGTABLE_ROWS = 40
_FONT_SIZES = ("small", "footnotesize", "scriptsize")

# Every character that means something to TeX, and the text that prints it. Typographic
# Unicode gets its LaTeX spelling so that pdflatex prints it in any font encoding.
_LATEX = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    "–": "--",
    "—": "---",
    "‘": "`",
    "’": "'",
    "“": "``",
    "”": "''",
    "…": r"\ldots{}",
    "\u00a0": "~",
    "×": r"\texttimes{}",
    "−": "-",
    "²": r"\textsuperscript{2}",
}
_LATEX_PATTERN = re.compile("|".join(re.escape(key) for key in _LATEX))
_LABEL = re.compile(r"[A-Za-z0-9:._-]+")


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


def escape_latex(value: Any) -> str:
    r"""Return ``value`` as LaTeX text that prints it literally.

    Every character TeX treats specially (``\ & % $ # _ { } ~ ^``, and ``< > |``) is
    replaced by a command that prints it, so a caption or a cell can never run LaTeX code
    (``\input{...}`` prints as text); line breaks become spaces; dashes, curly quotes
    and the ellipsis get their LaTeX spelling.

    Examples
    --------
    >>> print(escape_latex(r"95% of war_name \input{x}"))
    95\% of war\_name \textbackslash{}input\{x\}
    >>> escape_latex("Kyiv – “Kiev”")
    "Kyiv -- ``Kiev''"
    """
    text = " ".join(str(value).split()) if isinstance(value, str) else str(value)
    return _LATEX_PATTERN.sub(lambda found: _LATEX[found.group(0)], text)


def _latex_cell(value: Any, float_format: str) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return "--"
    if isinstance(value, float | np.floating):
        if math.isnan(value):
            return "--"
        return escape_latex(float_format % value)
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, pd.Timestamp):
        return escape_latex(value.isoformat())
    if isinstance(value, list | tuple):
        return escape_latex(", ".join(str(item) for item in value))
    return escape_latex(value)


def _label(label: str | None, stem: str) -> str:
    if label is None:
        return "tab:" + ("-".join(_LABEL.findall(stem)) or "table")
    if not isinstance(label, str) or not _LABEL.fullmatch(label):
        raise ValueError(
            "The 'label' parameter of write_table must be letters, digits and ':._-' "
            f"only (a LaTeX label, e.g. 'tab:shares'). Got {label!r} instead."
        )
    return label


def to_latex(
    table: pd.DataFrame,
    *,
    caption: str | None = None,
    label: str | None = None,
    float_format: str = "%.3f",
    long: bool | None = None,
    wrap: int | None = 30,
    fontsize: str | None = None,
    stem: str = "table",
) -> str:
    r"""The LaTeX of ``table``: a booktabs ``table`` float, or a ``longtable``.

    Every header, cell and the caption are escaped (:func:`escape_latex`); missing values
    print as ``--``; numbers are right-aligned. ``long=None`` makes tables of more than
    ``LONGTABLE_ROWS`` rows a ``longtable``, which breaks across pages and repeats its
    header. A column whose header or (text) cell is longer than ``wrap`` characters
    becomes a paragraph column ``wrap / 2`` em wide, its text wrapped (needs the
    ``array`` package); ``fontsize`` ("small", "footnotesize", "scriptsize") sets the table's
    type size. The first line says which packages the preamble needs.

    Examples
    --------
    >>> import pandas as pd
    >>> print(to_latex(pd.DataFrame({"term": ["war_name"], "share": [0.5]}), caption="95%"))
    % Made by framing's write_table. Needs \usepackage{booktabs} in the preamble.
    \begin{table}[htbp]
    \centering
    \caption{95\%}
    \label{tab:table}
    \begin{tabular}{lr}
    \toprule
    term & share \\
    \midrule
    war\_name & 0.500 \\
    \bottomrule
    \end{tabular}
    \end{table}
    <BLANKLINE>
    """
    if long is None:
        long = len(table) > LONGTABLE_ROWS
    # A label names the caption's number: without a caption there is nothing to refer to.
    label_line = rf"\label{{{_label(label, stem)}}}" if caption or label else ""
    columns = [
        " / ".join(str(part) for part in column) if isinstance(column, tuple) else str(column)
        for column in table.columns
    ]
    if fontsize not in (None, *_FONT_SIZES):
        raise ValueError(
            f"The 'fontsize' parameter of write_table must be None or one of {_FONT_SIZES}. "
            f"Got {fontsize!r} instead."
        )
    if wrap is not None and (isinstance(wrap, bool) or not isinstance(wrap, int) or wrap < 4):
        raise ValueError(
            "The 'wrap' parameter of write_table must be None or a whole number of 4 or "
            f"more (characters). Got {wrap!r} instead."
        )
    cells = [
        [_latex_cell(value, float_format) for value in row]
        for row in table.itertuples(index=False, name=None)
    ]
    kinds = []
    for name, column in zip(columns, table.columns, strict=True):
        values = table[column]
        numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
        longest = max((len(str(value)) for value in values.dropna()), default=0)
        if numeric and (wrap is None or len(name) <= wrap):
            kinds.append("r")
            continue
        if wrap is not None and max(longest, len(name)) > wrap:
            # A paragraph column: the text wraps, ragged right (array's >{...}).
            kinds.append(rf">{{\raggedright\arraybackslash}}p{{{wrap / 2:g}em}}")
        else:
            kinds.append("l")
    align = "".join(kinds) or "l"
    header = " & ".join(escape_latex(name) for name in columns) + r" \\"
    rows = [" & ".join(row) + r" \\" for row in cells]
    caption_line = rf"\caption{{{escape_latex(caption)}}}" if caption else ""
    needed = ["booktabs", *(["longtable"] if long else []), *(["array"] if "p{" in align else [])]
    packages = " and ".join(rf"\usepackage{{{name}}}" for name in needed)
    lines = [f"% Made by framing's write_table. Needs {packages} in the preamble."]
    size = [f"\\{fontsize}"] if fontsize is not None else []
    if long:
        width = len(columns) or 1
        # A longtable is no float: a group keeps its type size from leaking out.
        lines += [r"\begingroup" + "".join(size)] if size else []
        lines += [
            rf"\begin{{longtable}}{{{align}}}",
            *([caption_line + label_line + r" \\"] if caption_line or label_line else []),
            r"\toprule",
            header,
            r"\midrule",
            r"\endfirsthead",
            rf"\multicolumn{{{width}}}{{l}}{{\emph{{(continued)}}}} \\",
            r"\toprule",
            header,
            r"\midrule",
            r"\endhead",
            r"\bottomrule",
            r"\endlastfoot",
            r"\midrule",
            rf"\multicolumn{{{width}}}{{r}}{{\emph{{(continued on the next page)}}}} \\",
            r"\endfoot",
            *rows,
            r"\end{longtable}",
        ]
        lines += [r"\endgroup"] if size else []
    else:
        lines += [r"\begin{table}[htbp]", r"\centering", *size]
        lines += [line for line in (caption_line, label_line) if line]
        lines += [
            rf"\begin{{tabular}}{{{align}}}",
            r"\toprule",
            header,
            r"\midrule",
            *rows,
            r"\bottomrule",
            r"\end{tabular}",
            r"\end{table}",
        ]
    return "\n".join(lines) + "\n"


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
    label: str | None = None,
    float_format: str = "%.3f",
    long: bool | None = None,
    wrap: int | None = 30,
    fontsize: str | None = None,
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
        The LaTeX caption (``.tex`` only), as plain text: every character prints as
        itself (``95%``, ``war_name``; ``\\input{...}`` cannot run).
    label : str, optional
        The LaTeX label (``.tex`` only): letters, digits and ``:._-``. Default
        ``tab:<file stem>``.
    float_format : str
        How the LaTeX table prints floats. CSV keeps full precision.
    long : bool, optional
        Write a ``longtable`` (pages break inside it, the header repeats). Default: for
        tables of more than ``LONGTABLE_ROWS`` (40) rows.
    wrap : int or None, default 30
        A column whose header or text cells are longer than this many characters wraps,
        in a column ``wrap / 2`` em wide (None: never).
    fontsize : {"small", "footnotesize", "scriptsize"}, optional
        The LaTeX type size of the table (default: the document's).
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
    provenance in the file's schema metadata. LaTeX tables escape every header, cell and
    the caption (see ``escape_latex``), use booktabs rules, and say in their first line
    which packages the preamble needs (``booktabs``; ``longtable`` for long tables).
    Nothing time-dependent is written, so the same table gives the same bytes.

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
            latex = to_latex(
                table,
                caption=caption,
                label=label,
                float_format=float_format,
                long=long,
                wrap=wrap,
                fontsize=fontsize,
                stem=target.stem,
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
        "provenance": without_variants(table.attrs.get(ATTRS_KEY, {})),
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
