"""Write the sample: every format's files, the MANIFEST and the packaged corpus.

:func:`write_sample` makes the articles (:func:`articles.make_sample`), hands each file's
rows to its format's writer (:mod:`formats`), lists the parts in ``MANIFEST.json`` (which
:mod:`framing.datasets` reads) and writes the whole corpus, repaired as ``read_corpus``
repairs it, to the Parquet file packaged with the kit.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pandas as pd

from framing import write_corpus
from framing.corpus.clean import repair_text

from .articles import SAMPLE_SEED, make_sample
from .formats import WRITERS, to_json

HERE = Path(__file__).resolve().parent
#: Where the files go by default: data/sample/ and framing/data/sample.parquet of this
#: repository.
SAMPLE_FOLDER = HERE.parent / "sample"
PACKAGE_FILE = HERE.parents[1] / "framing" / "data" / "sample.parquet"

# Stored in MANIFEST.json and in the packaged file's attrs: changing it changes them.
_NOTE = (
    "Synthetic sample corpus: invented outlets, domains, people and text, made by "
    "data/make_sample.py (framing.datasets.write_sample). Not real news."
)


def write_sample(
    directory: str | Path | None = None,
    *,
    package_file: str | Path | None = None,
    seed: int = SAMPLE_SEED,
) -> list[Path]:
    """Write the synthetic sample corpus in every input format the kit reads.

    Each outlet's articles go to one format (see the table in :mod:`framing.datasets`);
    the whole corpus also goes to one compact Parquet file, the one
    :func:`framing.load_sample` reads. Same seed, same bytes: no file carries the time it
    was written.

    Parameters
    ----------
    directory : str or Path, optional
        Where the per-format files go (``data/sample`` of the source repository by
        default). A ``MANIFEST.json`` there lists each file, its format and outlet.
    package_file : str or Path, optional
        Where the whole corpus goes (``framing/data/sample.parquet`` by default).
    seed : int, default SAMPLE_SEED
        Seed of the random generator.

    Returns
    -------
    list of Path
        The files written, in the order written.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from make_sample import write_sample
    >>> with tempfile.TemporaryDirectory() as name:
    ...     folder = Path(name)
    ...     written = write_sample(folder / "sample", package_file=folder / "sample.parquet")
    >>> sorted({path.parent.name for path in written})[:4]
    ['borderland', 'csv', 'dumps', 'excel']
    """
    directory = Path(directory) if directory is not None else SAMPLE_FOLDER
    package_file = Path(package_file) if package_file is not None else PACKAGE_FILE
    corpus = make_sample(seed)
    # Start from empty format folders, so that no file of an earlier run stays behind.
    for folder in _FORMAT_OF:
        if (directory / folder).is_dir():
            shutil.rmtree(directory / folder)
    written: list[Path] = []
    files = corpus["sample_file"].tolist()
    for file in sorted(dict.fromkeys(files)):
        rows = corpus[corpus["sample_file"] == file].reset_index(drop=True)
        path = directory / file
        path.parent.mkdir(parents=True, exist_ok=True)
        WRITERS[file.split("/")[0]](rows, path)
        written.append(path)
    manifest = _manifest(corpus)
    manifest_path = directory / "MANIFEST.json"
    manifest_path.write_text(to_json(manifest) + "\n", encoding="utf-8", newline="\n")
    written.append(manifest_path)
    package_file.parent.mkdir(parents=True, exist_ok=True)
    _write_package_file(corpus, package_file)
    written.append(package_file)
    return written


def _manifest(corpus: pd.DataFrame) -> dict[str, Any]:
    parts = []
    for part, rows in corpus.groupby(corpus["sample_file"].map(_part_of), sort=True):
        outlets = sorted(rows["outlet"].unique().tolist())
        parts.append(
            {
                "path": part,
                "format": _FORMAT_OF[part.split("/")[0]],
                "outlet": outlets[0] if len(outlets) == 1 else None,
                "documents": len(rows),
            }
        )
    return {
        "synthetic": True,
        "note": _NOTE,
        "seed": SAMPLE_SEED,
        "documents": len(corpus),
        "parts": parts,
    }


def _part_of(file: str) -> str:
    # Formats with one file per document are read as a folder (or glob).
    if file.startswith(("dumps/", "html/")):
        return file.split("/")[0]
    if file.startswith("text/"):
        return "/".join(file.split("/")[:2])
    return file


_FORMAT_OF = {
    "dumps": "dump",
    "csv": "csv",
    "tsv": "tsv",
    "jsonl": "jsonl",
    "json": "json",
    "parquet": "parquet",
    "excel": "excel",
    "text": "text",
    "html": "html",
}


def _write_package_file(corpus: pd.DataFrame, path: Path) -> None:
    """The whole corpus, repaired as read_corpus repairs it, in write_corpus's Parquet."""
    clean = corpus.copy()
    for column in ("title", "description", "text"):
        clean[column] = clean[column].map(repair_text, na_action="ignore").astype("string")
    clean.attrs = {
        "sample": {
            "synthetic": True,
            "note": _NOTE,
            "seed": SAMPLE_SEED,
            "documents": len(clean),
        }
    }
    write_corpus(clean, path, overwrite=True)
