"""The bundled sample corpus: synthetic news articles for trying the kit out.

The sample is **synthetic**: about 1,500 short articles (80–200 words) from January 2021
to December 2022 by seven invented outlets with invented ``.example`` domains, written
from sentence templates with a seeded random generator. It mirrors what the kit is built
to measure, so that every notebook and figure can run without real data:

* framing differences between outlets: state outlets write "special military
  operation", "Kiev", "nationalist battalions", "liberated"; Western dailies write "war",
  "invasion", "Kyiv", "occupied", and quote Moscow's terms ("what Moscow calls a
  'special military operation'", "so-called"); the Ukrainian outlet also writes
  "occupiers" and sometimes "rashists" or "orcs"; the wire service stays plainer;
* change over time: little war vocabulary before 24 February 2022, and a gradual switch
  from "Kiev" to "Kyiv" by the Western dailies over 2021–2022;
* the mess of real files: paragraphs glued without a space in the scraped-page dumps,
  curly apostrophes in some outlets, no-break spaces and Unicode hyphens, mojibake and
  HTML entities in a few documents, wire copy reprinted by two other outlets (exact and
  near copies), unreadable dates, and dates found only in the URL.

The outlets and their files (under ``data/sample/`` in the source repository):

=======================  ===================  ==========================================
outlet                   kind                 written as
=======================  ===================  ==========================================
Polar News Agency        state news agency    scraped-page dumps, one file a month
Eastwave TV              state broadcaster    Parquet
The Harbour Herald       Western daily        CSV (with reprints of wire copy)
The Lakeside Tribune     Western daily        Excel, and a few saved HTML pages
Dnipro Ledger            Ukrainian outlet     JSON Lines
Meridian Wire            wire service         a JSON array
Borderland Independent   regional independent TSV (with reprints), and a folder of .txt
=======================  ===================  ==========================================

A second, small sample of Russian and Ukrainian posts and articles
(``load_sample("ru_uk")``, made by ``data/make_sample_ru_uk.py``) serves the notebook on
Russian- and Ukrainian-language media; it leaves the English sample as it is.

This module only loads the sample. The whole corpus is packaged with the kit
(``framing/data/sample.parquet``), so :func:`load_sample` works from an installed package.
The per-format files live in the source repository only, in ``data/sample/`` beside the
``framing/`` folder; ``load_sample(format=...)`` and :func:`sample_path` find them when
framing is imported from a source checkout (or an editable install of one), and say so
when it is not. Both are made by the repository's generator ``data/make_sample/`` (not
part of the package: ``cd data && python -m make_sample``, see ``data/README.md``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from framing._fetch import (
    DATA_DIR_ENV,
    DATA_URL_ENV,
    DATASETS,
    Dataset,
    DatasetFile,
    available,
    data_dir,
    fetch,
    fetch_files,
)
from framing.corpus import read_corpus

__all__ = [
    "DATASETS",
    "DATA_DIR_ENV",
    "DATA_URL_ENV",
    "SAMPLES",
    "SAMPLE_FORMATS",
    "Dataset",
    "DatasetFile",
    "available",
    "data_dir",
    "fetch",
    "fetch_files",
    "load_sample",
    "sample_path",
]

#: The samples by name: "en" (the default, about 1,500 English articles) and "ru_uk" (480
#: Russian and Ukrainian posts and articles, ``data/make_sample_ru_uk.py``).
SAMPLES: tuple[str, ...] = ("en", "ru_uk")
#: The formats the Russian and Ukrainian sample is written in.
RU_UK_FORMATS: tuple[str, ...] = ("json", "jsonl")

#: The input formats the sample is written in, as ``read_corpus`` names them: every one
#: the readers support.
SAMPLE_FORMATS: tuple[str, ...] = (
    "dump", "csv", "tsv", "jsonl", "json", "parquet", "excel", "text", "html",
)  # fmt: skip

#: The whole corpus, packaged with the kit (package data).
_PACKAGE_FILE = Path(__file__).resolve().parent / "data" / "sample.parquet"
_RU_UK_FILE = Path(__file__).resolve().parent / "data" / "sample_ru_uk.parquet"
# The source checkout framing is imported from, if it is one: the folder that holds
# framing/, pyproject.toml and data/sample/. In an installed package it is site-packages,
# which has neither.
_CHECKOUT = Path(__file__).resolve().parents[1]

# The generator and its SAMPLE_SEED left the package for data/make_sample/.
_MOVED = ("make_sample", "write_sample", "SAMPLE_SEED")


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        raise AttributeError(
            f"framing.datasets.{name} is no longer part of framing: the sample generator is "
            "data/make_sample/ in the source repository (cd data && python -m make_sample)."
        )
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --- loading ---------------------------------------------------------------------------


def sample_path(format: str | None = None) -> Path:
    """Return where the sample corpus is stored.

    Parameters
    ----------
    format : str, optional
        ``None`` for the whole corpus packaged with the kit (one Parquet file); one of
        :data:`SAMPLE_FORMATS` for the files of that format under ``data/sample/`` of the
        source checkout framing is imported from (a file, or a folder for
        one-document-a-file formats); ``"all"`` for the ``data/sample`` folder itself.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    ValueError
        If ``format`` is not one of the sample's formats.
    FileNotFoundError
        If the per-format files are asked for but framing is not imported from a source
        checkout (an installed package has only the packaged Parquet file), or the
        checkout lacks them (make them with ``cd data && python -m make_sample``).

    Examples
    --------
    >>> from framing.datasets import sample_path
    >>> sample_path().name
    'sample.parquet'
    """
    if format is None:
        return _PACKAGE_FILE
    folder, parts = _checkout_sample()
    if format == "all":
        return folder
    if format not in SAMPLE_FORMATS:
        raise ValueError(
            "The 'format' parameter of sample_path must be None, 'all' or one of "
            f"{list(SAMPLE_FORMATS)}. Got {format!r} instead."
        )
    paths = [folder / part["path"] for part in parts if part["format"] == format]
    return paths[0]


def load_sample(name: str | None = None, *, format: str | None = None) -> pd.DataFrame:
    """Load the synthetic sample corpus through :func:`framing.read_corpus`.

    Parameters
    ----------
    name : {"en", "ru_uk"}, optional
        Which sample: ``None`` or "en" (the default) is the English one described here;
        "ru_uk" is the small Russian and Ukrainian sample (480 posts and articles of four
        invented outlets, 2022-2024, made by ``data/make_sample_ru_uk.py``): a Russian
        state news agency, a pro-Kremlin Telegram channel, a Russian outlet in exile and a
        Ukrainian outlet, with the ``language`` of each document identified on reading.
        With "ru_uk", ``format`` may be None (the packaged copy), "json", "jsonl" or
        "all" (the files in ``data/sample_ru_uk/`` of a source checkout).
    format : str, optional
        ``None`` (the default) reads the whole corpus, about 1,500 articles, from the
        Parquet file packaged with the kit. One of :data:`SAMPLE_FORMATS` reads only the
        part of the sample written in that format (one outlet, or part of one) from
        ``data/sample/`` of the source checkout framing is imported from (see
        :func:`sample_path`); ``"all"`` reads every part there, which together make the
        whole corpus again.

    Returns
    -------
    pandas.DataFrame
        A corpus (see :mod:`framing.corpus.schema`) with its load report in
        ``attrs["load_report"]``. From the packaged file it has three more columns:
        ``sample_file`` (where under ``data/sample/`` the article is written),
        ``reprint_of`` (the wire story a reprint copies) and ``quirks`` (what mess was
        planted in the document: unreadable date, mojibake, ...).

    See Also
    --------
    framing.read_corpus : read your own files the same way.
    framing.deduplicate : the sample's 60 reprints are its duplicates.

    Notes
    -----
    Every text, outlet, domain and person in the sample is invented (see
    :mod:`framing.datasets`); it is for learning and testing the kit, not for findings.

    Examples
    --------
    >>> import framing
    >>> corpus = framing.load_sample()
    >>> len(corpus)
    1500
    >>> sorted(corpus["outlet"].unique())[:3]
    ['Borderland Independent', 'Dnipro Ledger', 'Eastwave TV']
    >>> ru_uk = framing.load_sample("ru_uk")
    >>> len(ru_uk), sorted(ru_uk["language"].unique())
    (480, ['ru', 'uk'])
    """
    if name not in (None, *SAMPLES):
        raise ValueError(
            f"The 'name' parameter of load_sample must be None or one of {list(SAMPLES)}. "
            f"Got {name!r} instead."
        )
    if name == "ru_uk":
        return _load_ru_uk(format)
    if format is None:
        return read_corpus(_PACKAGE_FILE)
    if format != "all" and format not in SAMPLE_FORMATS:
        raise ValueError(
            "The 'format' parameter of load_sample must be None, 'all' or one of "
            f"{list(SAMPLE_FORMATS)}. Got {format!r} instead."
        )
    folder, parts = _checkout_sample()
    parts = [p for p in parts if format == "all" or p["format"] == format]
    frames = [
        read_corpus(
            folder / part["path"],
            format=part["format"],
            outlet=part["outlet"],
            errors="report",  # the planted unreadable dates become NaT, listed in the report
        )
        for part in parts
    ]
    if len(frames) == 1:
        return frames[0]
    reports = [frame.attrs.get("load_report", {}) for frame in frames]
    combined = pd.concat(frames, ignore_index=True)
    combined.attrs = {"load_report": _merge_reports(reports)}
    return combined


def _load_ru_uk(format: str | None) -> pd.DataFrame:
    """The Russian and Ukrainian sample: packaged, or its files in a source checkout."""
    if format is None:
        return read_corpus(_RU_UK_FILE)
    if format != "all" and format not in RU_UK_FORMATS:
        raise ValueError(
            "The 'format' parameter of load_sample('ru_uk') must be None, 'all' or one of "
            f"{list(RU_UK_FORMATS)}. Got {format!r} instead."
        )
    folder = _CHECKOUT / "data" / "sample_ru_uk"
    manifest = folder / "MANIFEST.json"
    if not manifest.is_file():
        raise FileNotFoundError(
            f"The Russian and Ukrainian sample's files are not in {folder} (they are in a "
            "source checkout only): use load_sample('ru_uk') without format=, or make "
            "them with 'cd data && python make_sample_ru_uk.py'."
        )
    parts = json.loads(manifest.read_text(encoding="utf-8"))["parts"]
    frames = [
        read_corpus(folder / part["path"], format=part["format"], outlet=part["outlet"])
        for part in parts
        if format == "all" or part["format"] == format
    ]
    if len(frames) == 1:
        return frames[0]
    combined = pd.concat(frames, ignore_index=True)
    combined.attrs = {"load_report": _merge_reports([f.attrs["load_report"] for f in frames])}
    return combined


def _merge_reports(reports: Sequence[dict[str, Any]]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for report in reports:
        for key, value in report.items():
            if isinstance(value, list):
                merged.setdefault(key, []).extend(value)
            else:
                merged.setdefault(key, value)
    return merged


def _checkout_sample() -> tuple[Path, list[dict[str, Any]]]:
    """The source checkout's ``data/sample/`` and the parts its ``MANIFEST.json`` lists."""
    if not (_CHECKOUT / "pyproject.toml").is_file():
        raise FileNotFoundError(
            "The sample's per-format files are in data/sample/ of the source repository, "
            f"and framing here is an installed package ({_CHECKOUT / 'framing'}), which "
            "carries only the whole corpus: use load_sample() without format=, or work "
            "in a source checkout (pip install -e .)."
        )
    folder = _CHECKOUT / "data" / "sample"
    manifest = folder / "MANIFEST.json"
    if not manifest.is_file():
        raise FileNotFoundError(
            f"The sample's per-format files are not in {folder}: make them with "
            "'cd data && python -m make_sample'."
        )
    return folder, list(json.loads(manifest.read_text(encoding="utf-8"))["parts"])
