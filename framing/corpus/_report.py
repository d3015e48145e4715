"""The load report: what each source gave, what was kept, and why anything was not.

``read_corpus`` stores the report in ``corpus.attrs["load_report"]`` as plain, JSON-able
dicts and lists, so that it survives ``copy()``, pickling and the Parquet round trip of
``write_corpus``/``read_corpus``::

    {"sources": [{"source": "a.csv", "format": "csv", "read": 10, "kept": 9,
                  "skipped": 1, "blank_rows": 0, "dates_missing": 2, "dates_unreadable": 1,
                  "dates_from_url": 0, "outlets_missing": 0, "duplicates": None,
                  "encoding": "utf-8", "encoding_detected": False}, ...],
     "skipped": [{"source": "a.csv", "record": "line 7", "reason": "..."}, ...],
     "unreadable_dates": [{"source": "a.csv", "record": "line 3", "value": "..."}, ...],
     "ignored_files": ["notes/README.md", ...]}

Blank rows of tables are counted apart (``blank_rows``): they hold no document.
For every source, ``read == kept + skipped``: every document read is either in the corpus
or in ``skipped`` with its reason. ``duplicates`` stays ``None`` until
``framing.deduplicate`` fills it in. ``encoding`` is the charset a text file (CSV, TSV,
``.txt``, an Integrum HTML report) was read in, ``encoding_detected`` True where the kit
guessed it (``framing.corpus.readers._charsets``); both are absent for the other formats.
"""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any

import pandas as pd

from framing._engines import is_dask
from framing.corpus.schema import CorpusError
from framing.errors import RecordError

REPORT_KEY = "load_report"

_COUNTS = (
    "read",
    "kept",
    "skipped",
    "blank_rows",
    "dates_missing",
    "dates_unreadable",
    "dates_from_url",
    "outlets_missing",
)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _safe(text: str) -> str:
    """``text`` with any lone surrogate (half of an emoji cut by a damaged file) as U+FFFD,
    so that the report can be a table of UTF-8 strings."""
    return _SURROGATE.sub("\ufffd", text) if isinstance(text, str) else text


def _string_table(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    """The rows as a table of strings, every text made safe for UTF-8 (see _safe)."""
    safe = [{key: _safe(value) for key, value in row.items()} for row in rows]
    return pd.DataFrame(safe, columns=columns).astype("string")


class Collector:
    """Gathers the load report while files are read; raises or records bad records."""

    def __init__(self, errors: str) -> None:
        self.errors = errors
        self.sources: dict[str, dict[str, Any]] = {}
        self.skipped: list[dict[str, str]] = []
        self.unreadable_dates: list[dict[str, str]] = []
        self.ignored_files: list[str] = []
        # attrs of Parquet files written by write_corpus, by path, to give them back.
        self.restorable: dict[str, dict[str, Any]] = {}

    def entry(self, path: str, file_format: str) -> dict[str, Any]:
        if path not in self.sources:
            self.sources[path] = {
                "source": path,
                "format": file_format,
                **{name: 0 for name in _COUNTS},
                "duplicates": None,
            }
        return self.sources[path]

    def fail(
        self,
        path: str,
        record: str | None,
        reason: str,
        *,
        document: bool = True,
        count: int = 1,
    ) -> None:
        """A bad record: raise with errors="raise", else list it as skipped."""
        if self.errors == "raise":
            raise RecordError(path, record, reason)
        self.skip(path, record, reason, document=document, count=count)

    def blank(self, path: str) -> None:
        """A blank row (every cell empty): no document, only counted."""
        self.sources[path]["blank_rows"] += 1

    def skip(
        self,
        path: str,
        record: str | None,
        reason: str,
        *,
        document: bool = True,
        count: int = 1,
    ) -> None:
        """List a record as skipped (blank rows are skipped even with errors="raise").

        ``document=False`` for a whole file that held no readable document (an empty or
        binary file): listed, not counted. ``count`` is the number of documents one entry
        stands for (``rows 1-500``: a Parquet row group that could not be decoded).
        """
        self.skipped.append(
            {
                "source": _safe(path),
                "record": _safe(record or "whole file"),
                "reason": _safe(reason),
            }
        )
        if document:
            entry = self.sources[path]
            entry["read"] += count
            entry["skipped"] += count

    def to_dict(self) -> dict[str, Any]:
        record = {
            "sources": list(self.sources.values()),
            "skipped": self.skipped,
            "unreadable_dates": self.unreadable_dates,
            "ignored_files": self.ignored_files,
        }
        # Through JSON once, so that what is stored is exactly what a Parquet round trip
        # gives back (tuples become lists, numpy integers become ints).
        return json.loads(json.dumps(record, default=_plain))


def _plain(value: object) -> object:
    if hasattr(value, "item"):
        return value.item()  # type: ignore[union-attr]
    return str(value)


class LoadReport:
    """What ``read_corpus`` read from each source: counts, skipped records, reasons.

    Get it with :func:`framing.load_report`. In a notebook it shows as a small table.

    Attributes
    ----------
    summary : pandas.DataFrame
        One row per source file: ``source, format, read, kept, skipped, blank_rows,
        dates_missing, dates_unreadable, dates_from_url, outlets_missing, duplicates,
        encoding, encoding_detected``. ``encoding`` is the charset a text file (CSV, TSV,
        ``.txt``, an Integrum HTML report) was read in (a Python codec name: ``utf-8``,
        ``cp1251``, ``koi8-r``, ...; ``<NA>`` for the formats that carry their own);
        ``encoding_detected`` is True where the file was not UTF-8 and the kit
        recognised a Cyrillic charset, False where it was UTF-8 or ``encoding=`` named
        it. ``outlets_missing`` counts documents kept with no outlet (no ``outlet=``, no
        outlet metadata, no URL: plain .txt files, for one). Blank rows (every
        cell empty, as spreadsheets often hold below the data) are no documents: they are
        counted in ``blank_rows``, not in ``read``.
    skipped : pandas.DataFrame
        One row per skipped record: ``source, record, reason``.
    unreadable_dates : pandas.DataFrame
        One row per date that could not be read (the document is kept, dated ``NaT``):
        ``source, record, value``.
    ignored_files : list of str
        Files in a folder that are not in a format the kit reads.
    languages : pandas.DataFrame
        One row per source and language: ``source, language, documents, identified``
        (``identified``: how many of them had no language in the source and were
        identified by the kit, ``framing.corpus.language``; "unknown" for documents with
        neither).
    """

    def __init__(self, record: dict[str, Any]) -> None:
        self._record = record
        summary = pd.DataFrame(
            record.get("sources", []),
            columns=["source", "format", *_COUNTS, "duplicates", "encoding", "encoding_detected"],
        )
        for column in ("source", "format", "encoding"):
            summary[column] = summary[column].astype("string")
        summary["encoding_detected"] = summary["encoding_detected"].astype("boolean")
        for column in _COUNTS:
            # A report stored before a count existed (outlets_missing) lacks it: 0 there.
            summary[column] = summary[column].fillna(0).astype("int64")
        summary["duplicates"] = summary["duplicates"].astype("Int64")
        self.summary = summary
        self.skipped = _string_table(record.get("skipped", []), ["source", "record", "reason"])
        self.unreadable_dates = _string_table(
            record.get("unreadable_dates", []), ["source", "record", "value"]
        )
        self.ignored_files = list(record.get("ignored_files", []))
        self.languages = _languages(record.get("sources", []))

    def to_dict(self) -> dict[str, Any]:
        """Return the report as plain dicts and lists (what ``attrs`` holds)."""
        return json.loads(json.dumps(self._record))

    def _totals(self) -> dict[str, int]:
        return {name: int(self.summary[name].sum()) for name in _COUNTS}

    def __str__(self) -> str:
        totals = self._totals()
        lines = [
            f"Load report: {totals['kept']} of {totals['read']} documents kept from "
            f"{len(self.summary)} source(s); {totals['skipped']} skipped; "
            f"{totals['dates_missing']} without a date "
            f"({totals['dates_unreadable']} unreadable); "
            f"{totals['dates_from_url']} dated from the URL."
        ]
        if totals["outlets_missing"]:
            lines[0] += (
                f" {totals['outlets_missing']} without an outlet (no metadata or URL gave "
                "one: read those files with outlet=)."
            )
        languages = self._language_line()
        if languages:
            lines.append(languages)
        detected = self._detected_line()
        if detected:
            lines.append(detected)
        if len(self.summary):
            lines.append(_printable(self.summary.head(20)).to_string(index=False))
            if len(self.summary) > 20:
                lines.append(f"... and {len(self.summary) - 20} more sources (see .summary)")
        if len(self.skipped):
            lines.append("Skipped records:")
            for row in self.skipped.head(20).itertuples(index=False):
                lines.append(f"  {row.source}, {row.record}: {row.reason}")
            if len(self.skipped) > 20:
                lines.append(f"  ... and {len(self.skipped) - 20} more (see .skipped)")
        if self.ignored_files:
            lines.append(
                f"Ignored files (not a corpus format, or a folder's README/LICENSE/SOURCE/"
                f"MANIFEST): {len(self.ignored_files)}"
            )
            lines.extend(f"  {path}" for path in self.ignored_files[:20])
            if len(self.ignored_files) > 20:
                lines.append(f"  ... and {len(self.ignored_files) - 20} more (see .ignored_files)")
        return "\n".join(lines)

    def _detected_line(self) -> str:
        """ "Not UTF-8, charset recognised ...: 2 file(s) (cp1251 1, koi8-r 1; ...)", or ""."""
        found = self.summary[self.summary["encoding_detected"].fillna(False)]
        if not len(found):
            return ""
        counts = found["encoding"].value_counts(sort=False)
        listed = ", ".join(f"{name} {count}" for name, count in counts.items())
        return (
            f"Not UTF-8, charset recognised by the kit: {len(found)} file(s) ({listed}; see "
            "the encoding column; name the charset with encoding= to overrule)."
        )

    def _language_line(self) -> str:
        """ "Languages: ru 4,537, en 1 (4,538 identified by the kit)", or "" if none."""
        if not len(self.languages):
            return ""
        totals = self.languages.groupby("language", sort=False)["documents"].sum()
        totals = totals.sort_values(ascending=False, kind="stable")
        identified = int(self.languages["identified"].sum())
        listed = ", ".join(f"{language} {count:,}" for language, count in totals.items())
        return f"Languages: {listed} ({identified:,} identified by the kit, the rest as given)."

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        totals = self._totals()
        table = _printable(self.summary)
        outlets = (
            f"; {totals['outlets_missing']} without an outlet (read those files with "
            "<code>outlet=</code>)"
            if totals["outlets_missing"]
            else ""
        )
        html = (
            f"<p><b>Load report</b>: {totals['kept']} of {totals['read']} documents kept; "
            f"{totals['skipped']} skipped; {totals['dates_missing']} without a date"
            f"{outlets}.</p>"
        )
        languages = self._language_line()
        if languages:
            html += f"<p>{escape(languages)}</p>"
        detected = self._detected_line()
        if detected:
            html += f"<p>{escape(detected)}</p>"
        html += table.to_html(index=False, escape=True)
        if len(self.skipped):
            html += "<p>Skipped records (first 10; see <code>.skipped</code>):</p>"
            html += self.skipped.head(10).to_html(index=False, escape=True)
        if self.ignored_files:
            names = ", ".join(f"<code>{escape(path)}</code>" for path in self.ignored_files[:10])
            more = len(self.ignored_files) - 10
            html += (
                f"<p>Ignored files (not a corpus format, or a folder's README/LICENSE/"
                f"SOURCE/MANIFEST): {names}{f' and {more} more' if more > 0 else ''}.</p>"
            )
        return html


def _printable(summary: pd.DataFrame) -> pd.DataFrame:
    """The summary as printed: ``-`` for no count of duplicates and no encoding; a
    detected charset marked ``(detected)``, in the one ``encoding`` column."""
    table = summary.copy()
    table["duplicates"] = table["duplicates"].astype("string").fillna("-")
    detected = table["encoding_detected"].fillna(False).astype(bool)
    table["encoding"] = table["encoding"].where(~detected, table["encoding"] + " (detected)")
    table["encoding"] = table["encoding"].fillna("-")
    return table.drop(columns="encoding_detected")


def _languages(sources: list[dict[str, Any]]) -> pd.DataFrame:
    """The languages table of a report: per source, the documents in each language."""
    rows = []
    for entry in sources:
        identified = entry.get("languages_identified") or {}
        for language, count in (entry.get("languages") or {}).items():
            rows.append(
                {
                    "source": entry["source"],
                    "language": language,
                    "documents": int(count),
                    "identified": int(identified.get(language, 0)),
                }
            )
    table = pd.DataFrame(rows, columns=["source", "language", "documents", "identified"])
    for column in ("documents", "identified"):
        table[column] = table[column].astype("int64")
    for column in ("source", "language"):
        table[column] = table[column].astype("string")
    return table


def load_report(corpus: pd.DataFrame) -> LoadReport:
    """Return the load report of a corpus read with :func:`framing.read_corpus`.

    Parameters
    ----------
    corpus : pandas.DataFrame or dask.dataframe.DataFrame
        A corpus returned by ``read_corpus`` (or read back from its Parquet file), or by
        ``read_corpus_dask`` (whose report is read without computing anything).

    Returns
    -------
    LoadReport
        Counts per source (``.summary``), skipped records with reasons (``.skipped``),
        unreadable dates (``.unreadable_dates``).

    Raises
    ------
    CorpusError
        If the table carries no load report (it was not made by ``read_corpus``).

    Examples
    --------
    >>> import framing, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.csv").write_text("title,text,date\\nA,Body,2022-03-02\\n")
    >>> report = framing.load_report(framing.read_corpus(folder / "a.csv", outlet="X"))
    >>> report.summary[["read", "kept", "skipped"]].to_dict("records")
    [{'read': 1, 'kept': 1, 'skipped': 0}]
    """
    if is_dask(corpus):  # framing.read_corpus_dask: the report is on the corpus's meta
        corpus = corpus._meta
    record = getattr(corpus, "attrs", {}).get(REPORT_KEY)
    if not isinstance(record, dict):
        raise CorpusError(
            "This table has no load report in attrs['load_report']; expected a corpus "
            "returned by framing.read_corpus (pandas operations such as merge may drop attrs)."
        )
    return LoadReport(record)
