"""Save figures as files that are byte-identical when re-made, with their provenance.

A reviewer who re-runs the analysis two years later from the same data and the same
package versions gets the same bytes, and can read from the file itself which corpus,
lexicon and settings made it.
"""

from __future__ import annotations

import datetime as _datetime
import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from framing._files import check_targets
from framing.provenance import ATTRS_KEY, package_version, without_variants

FORMATS = ("pdf", "svg", "png")

# A fixed salt makes the ids matplotlib writes into SVG files (clip paths, glyphs) the same
# in every process; by default they come from a random number.
_SVG_HASH_SALT = "framing"

# Charts made by framing.plot remember the provenance of the tables they drew, so that
# save_figure(fig, path) records it without being told again.
_REMEMBERED = "_framing_provenance"


def _remember_provenance(figure: Figure, table: pd.DataFrame) -> None:
    """Record ``table``'s provenance on ``figure`` (once per distinct record)."""
    record = without_variants(table.attrs.get(ATTRS_KEY, {}))
    if not record:
        return
    records = getattr(figure, _REMEMBERED, [])
    if record not in records:
        records.append(record)
    setattr(figure, _REMEMBERED, records)


def _provenance_record(
    figure: Figure,
    table: pd.DataFrame | Sequence[pd.DataFrame] | None,
    provenance: Mapping[str, Any] | None,
) -> Any:
    if provenance is not None:
        if not isinstance(provenance, Mapping):
            raise TypeError(
                "The 'provenance' parameter of save_figure must be a dict. "
                f"Got {type(provenance).__name__} instead."
            )
        return dict(provenance)
    if table is not None:
        tables = [table] if isinstance(table, pd.DataFrame) else list(table)
        for item in tables:
            if not isinstance(item, pd.DataFrame):
                raise TypeError(
                    "The 'table' parameter of save_figure must be a DataFrame or a list of "
                    f"DataFrames. Got {type(item).__name__} instead."
                )
        records = [without_variants(item.attrs.get(ATTRS_KEY, {})) for item in tables]
    else:
        records = list(getattr(figure, _REMEMBERED, []))
    if not records:
        return {}
    return records[0] if len(records) == 1 else records


def _source_date() -> _datetime.datetime | None:
    """The build date from ``SOURCE_DATE_EPOCH``, or None: files then carry no date."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None or value == "":
        return None
    try:
        seconds = int(value)
    except ValueError:
        raise ValueError(
            f"The SOURCE_DATE_EPOCH environment variable must be whole seconds since "
            f"1970-01-01 UTC. Got {value!r} instead."
        ) from None
    return _datetime.datetime.fromtimestamp(seconds, tz=_datetime.UTC)


def _metadata(file_format: str, record: dict[str, Any], date: Any) -> dict[str, Any]:
    software = f"framing {record['framing']} (matplotlib {record['matplotlib']})"
    text = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    if file_format == "pdf":
        return {
            "Creator": software,
            "Producer": software,
            "Subject": "Made with framing; the Keywords entry holds its provenance (JSON).",
            "Keywords": text,
            "CreationDate": date,
            "ModDate": date,
        }
    if file_format == "svg":
        return {
            "Creator": software,
            "Description": text,
            "Date": None if date is None else date.isoformat(),
        }
    return {"Software": software, "Description": text}


def _formats_and_paths(path: Path, formats: Iterable[str] | str | None) -> list[tuple[str, Path]]:
    if formats is None:
        file_format = path.suffix.lower().lstrip(".")
        if file_format not in FORMATS:
            raise ValueError(
                f"save_figure writes {', '.join(FORMATS)} files, chosen by the path's suffix "
                f"or the 'formats' parameter. Got the path {str(path)!r} and no formats."
            )
        return [(file_format, path)]
    if isinstance(formats, str):
        formats = [formats]
    chosen: list[str] = []
    for file_format in formats:
        normalised = str(file_format).lower().lstrip(".")
        if normalised not in FORMATS:
            raise ValueError(
                f"The 'formats' parameter of save_figure must list formats among "
                f"{list(FORMATS)}. Got {file_format!r} instead."
            )
        if normalised not in chosen:
            chosen.append(normalised)
    if not chosen:
        raise ValueError("The 'formats' parameter of save_figure must name at least one format.")
    stem = path.with_suffix("") if path.suffix.lower().lstrip(".") in FORMATS else path
    return [(file_format, stem.with_name(f"{stem.name}.{file_format}")) for file_format in chosen]


def save_figure(
    fig: Figure,
    path: str | os.PathLike[str],
    *,
    table: pd.DataFrame | Sequence[pd.DataFrame] | None = None,
    provenance: Mapping[str, Any] | None = None,
    formats: Iterable[str] | str | None = None,
    dpi: float | None = None,
    overwrite: bool = False,
) -> list[Path]:
    """Save a figure as PDF, SVG and/or PNG, byte-identical when re-made, with provenance.

    The files carry no timestamp (or the date in ``SOURCE_DATE_EPOCH`` when it is set),
    fixed creator entries and a fixed SVG hash salt, so the same inputs and the same
    package versions make the same bytes, in any process. The provenance of the tables
    the figure shows (package version, corpus fingerprint, lexicon name, version and hash,
    parameters) goes into each file's metadata (PDF ``Keywords``, SVG ``Description``,
    PNG ``Description`` text chunk) and into a JSON file beside them, with the SHA-256 of
    every file written.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to save (for an Axes, pass ``ax.figure``).
    path : str or path-like
        Where to write. Its suffix (``.pdf``, ``.svg``, ``.png``) picks the format unless
        ``formats`` is given; then one file per format is written beside it, with the
        format as suffix.
    table : DataFrame or list of DataFrames, optional
        The result tables shown; their ``attrs["framing"]`` is the provenance recorded.
        By default, the tables the charts of ``framing.plot`` drew on this figure.
    provenance : dict, optional
        A provenance record to use instead (JSON-serialisable).
    formats : str or list of str, optional
        Any of ``"pdf"``, ``"svg"``, ``"png"``.
    dpi : float, optional
        Resolution of the PNG (default: the style's ``savefig.dpi``).
    overwrite : bool, default False
        Replace files that exist. Without it an existing target is an
        :class:`~framing.errors.OverwriteError`; the sidecar never replaces a file that is
        not a sidecar framing wrote (``results.json`` of the user's), whatever this says.

    Returns
    -------
    list of pathlib.Path
        The files written: the figures, then the JSON sidecar (``<stem>.json``), which
        lists the files of this call only.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import matplotlib.pyplot as plt
    >>> import framing
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([1, 2, 3], [2, 1, 3])
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> written = framing.save_figure(
    ...     fig, folder / "figure-2", formats=["pdf", "png"],
    ...     provenance={"lexicon": {"name": "ukraine_war"}})
    >>> [path.name for path in written]
    ['figure-2.pdf', 'figure-2.png', 'figure-2.json']
    >>> plt.close(fig)
    """
    if not isinstance(fig, Figure):
        hint = " (for an Axes, pass ax.figure)" if hasattr(fig, "figure") else ""
        raise TypeError(
            f"The 'fig' parameter of save_figure must be a matplotlib Figure{hint}. "
            f"Got {type(fig).__name__} instead."
        )
    targets = _formats_and_paths(Path(path), formats)
    first = targets[0][1]
    sidecar = first.with_name(f"{first.stem}.json")
    check_targets(
        [target for _, target in targets],
        overwrite=overwrite,
        function="save_figure",
        sidecar=sidecar,
    )
    record = {
        "framing": package_version(),
        "matplotlib": mpl.__version__,
        "provenance": _provenance_record(fig, table, provenance),
    }
    try:
        record = json.loads(json.dumps(record, sort_keys=True))
    except (TypeError, ValueError) as error:
        raise ValueError(
            f"The provenance of save_figure must be JSON-serialisable: {error}."
        ) from None
    date = _source_date()
    written: list[Path] = []
    hashes: dict[str, str] = {}
    with mpl.rc_context({"svg.hashsalt": _SVG_HASH_SALT}):
        for file_format, target in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            fig.savefig(
                target,
                format=file_format,
                dpi=dpi,
                metadata=_metadata(file_format, record, date),
            )
            written.append(target)
            hashes[target.name] = "sha256:" + hashlib.sha256(target.read_bytes()).hexdigest()
    sidecar_record = {**record, "files": hashes}
    if date is not None:
        sidecar_record["date"] = date.isoformat()
    sidecar.write_text(
        json.dumps(sidecar_record, sort_keys=True, indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    written.append(sidecar)
    return written
