"""From a chunk of raw values to corpus rows.

:func:`chunk_to_corpus` takes the raw values a reader gives (strings from CSV, whatever
JSON, Excel or Parquet hold) and makes corpus rows of them: text cells, dates (with the
URL as fallback), outlets and domains, tags, stable unique ids, the ``source`` of each
row, and the source's extra columns after the corpus columns.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import numpy as np
import pandas as pd

from framing.corpus import _dates
from framing.corpus._dates import is_blank
from framing.corpus._report import Collector, RecordError
from framing.corpus.clean import repair_texts
from framing.corpus.language import fill_languages
from framing.corpus.outlets import hosts_of, outlet_for, outlet_from_host
from framing.corpus.readers._cells import (
    JOINERS,
    LONE_SURROGATE,
    as_list,
    cell_texts,
    list_cell,
    tag_list,
)
from framing.corpus.readers._columns import resolve_mapping
from framing.corpus.readers._options import Options
from framing.corpus.readers._registry import Chunk, Source
from framing.corpus.schema import CORPUS_COLUMNS, DATETIME_DTYPE, STRING_DTYPE, conform
from framing.limits import get_limits

_TEXT_FIELDS = ("title", "text", "description", "author", "section", "language", "url")


class Ids:
    """Makes doc_ids unique across one read, deterministically: "id", "id#2", ...

    Each base remembers the next number to try, so N documents sharing one id (a
    constant id column, a repeated home-page URL) cost O(N), not O(N²).
    """

    def __init__(self) -> None:
        self.used: set[str] = set()
        self._next: dict[str, int] = {}

    def claim(self, base: str) -> str:
        candidate = base
        if candidate in self.used:
            number = self._next.get(base, 2)
            candidate = f"{base}#{number}"
            while candidate in self.used:  # a given id may be "a#2" itself
                number += 1
                candidate = f"{base}#{number}"
            self._next[base] = number + 1
        self.used.add(candidate)
        return candidate


def _extra_kind(name: str, values: list[Any], source: Source) -> tuple[str, list[Any] | None]:
    """How an extra column is kept: "list", "string" or "datetime"; decided once a source.

    With "list", also each value's :func:`as_list` when this call read them (the first
    chunk of a source), else None.
    """
    if name in source.list_columns:
        return "list", None
    if name in source.string_columns:
        return "string", None
    parsed: list[Any] | None = None
    if name in ("modified",) and source.structured:
        kind = "datetime"
    else:
        parsed = []
        kind = "string"
        for value in values:
            if is_blank(value):
                parsed.append(None)
                continue
            items = as_list(value)
            if items is None:  # one value that is no list: a column of strings
                parsed = None
                break
            parsed.append(items)
            kind = "list"
    (source.list_columns if kind == "list" else source.string_columns).add(name)
    return kind, parsed if kind == "list" else None


# -- the corpus rows of a chunk ----------------------------------------------------------
def chunk_to_corpus(
    chunk: Chunk,
    source: Source,
    options: Options,
    collector: Collector,
    ids: Ids,
) -> pd.DataFrame | None:
    """The corpus rows of one chunk (None if it kept none); counts go to the load report.

    The steps, in order: map the source's columns (on its first chunk); keep the records
    that have a title, text, description or URL and a readable or blank date
    (:func:`_usable_rows`); then the text columns, repaired (:func:`_text_columns`), each
    document's language where the source gives none (``framing.corpus.language``), the
    dates with the URL as fallback (:func:`_add_dates`), outlets and domains
    (:func:`_add_outlets`), tags, ids (:func:`_add_ids`), each row's ``source``, and the
    source's other columns (:func:`_add_extra_columns`).
    """
    if source.mapping is None:
        resolve_mapping(chunk, source, options.rename, options.rename_parameter)
    mapping = source.mapping or {}
    if len(chunk.columns) > get_limits().columns:
        raise RecordError(
            source.path,
            None,
            f"the source has {len(chunk.columns):,} columns, more than the limit of "
            f"{get_limits().columns:,} (raise it with framing.set_limits(columns=...))",
        )
    texts = {
        name: cell_texts(_mapped_values(chunk, mapping, name), JOINERS.get(name))
        for name in _TEXT_FIELDS
    }
    outlet_values = cell_texts(_mapped_values(chunk, mapping, "outlet"))
    raw_dates = pd.Series(_mapped_values(chunk, mapping, "published"), dtype=object)
    published, unreadable = _dates.parse_dates(raw_dates)

    keep = _usable_rows(chunk.records, texts, raw_dates, unreadable, source, options, collector)
    source.entry["read"] += len(keep)
    source.entry["kept"] += len(keep)
    if not keep:
        return None

    frame = _text_columns(texts, keep, options.repair)
    fill_languages(frame, source.entry)  # where the source gives none, and counted
    _add_dates(frame, published.iloc[keep].reset_index(drop=True), source.entry)
    _add_outlets(frame, _take(outlet_values, keep), options.outlet, source.entry)
    tags = _take(_mapped_values(chunk, mapping, "tags"), keep)
    frame["tags"] = pd.Series([tag_list(v) for v in tags], dtype=object)
    given_ids = (
        cell_texts(_take(_mapped_values(chunk, mapping, "doc_id"), keep))
        if "doc_id" in mapping
        else None
    )
    _add_file_fields(frame, source)
    _add_ids(frame, given_ids, ids, source)
    frame["source"] = pd.array(
        [f"{source.path}, {record}" for record in _take(chunk.records, keep)], dtype=STRING_DTYPE
    )
    if source.file is not None:
        frame["file"] = pd.array([source.file] * len(frame), dtype=STRING_DTYPE)
    _add_extra_columns(frame, chunk, keep, source)
    return conform(frame)


def file_stem(name: str) -> str:
    """A file's name without its extension (``2022/story-1.txt`` -> ``2022/story-1``)."""
    folder, _, base = name.rpartition("/")
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    return f"{folder}/{stem}" if folder else stem


def _add_file_fields(frame: pd.DataFrame, source: Source) -> None:
    """Add what ``file_pattern`` took from the file's name.

    ``outlet`` and ``published`` fill the documents that have none (``date_source`` then
    says ``"file"``); any other group becomes a column of its own.
    """
    for name, value in source.file_fields.items():
        if name == "outlet":
            missing = frame["outlet"].isna()
            if value is not None and missing.any():
                frame.loc[missing, "outlet"] = value
                source.entry["outlets_missing"] -= int(missing.sum())
        elif name == "published":
            if value is not None and re.fullmatch(r"\d{8}", value):
                value = f"{value[:4]}-{value[4:6]}-{value[6:]}"  # 20220302 in a file name
            date = _dates.parse_dates(pd.Series([value], dtype=object))[0].iloc[0]
            missing = frame["published"].isna()
            if not pd.isna(date) and missing.any():
                frame.loc[missing, "published"] = date
                frame.loc[missing, "date_source"] = "file"
                source.entry["dates_missing"] -= int(missing.sum())
        else:
            frame[name] = pd.array([value] * len(frame), dtype=STRING_DTYPE)


def _mapped_values(chunk: Chunk, mapping: dict[str, str], name: str) -> list[Any]:
    """The raw values of the source column mapped to corpus column ``name``, or Nones."""
    source_column = mapping.get(name)
    if source_column is None or source_column not in chunk.columns:
        return [None] * len(chunk.records)
    return chunk.columns[source_column]


def _take(items: list[Any], keep: list[int]) -> list[Any]:
    """The items at the kept rows' positions."""
    return [items[row] for row in keep]


def _usable_rows(
    records: list[str],
    texts: dict[str, list[str | None]],
    raw_dates: pd.Series,
    unreadable: pd.Series,
    source: Source,
    options: Options,
    collector: Collector,
) -> list[int]:
    """Positions of the records to keep; the others are failed (raised or reported).

    A record with no title, text, description or URL is a bad record. An unreadable date
    raises with ``errors="raise"``; otherwise the record is kept, dated ``NaT``, and the
    value listed in the report's ``unreadable_dates``.
    """
    columns = [texts[name] for name in ("title", "text", "description", "url")]
    empty = [row for row, cells in enumerate(zip(*columns, strict=True)) if cells.count(None) == 4]
    undated = np.flatnonzero(unreadable.to_numpy(dtype=bool)).tolist()
    if not empty and not undated:  # most chunks: every record kept, nothing to report
        return list(range(len(records)))
    dropped = set(empty)
    for row in sorted(dropped.union(undated)):  # in the file's order, as the report lists
        record = records[row]
        if row in dropped:
            collector.fail(
                source.path,
                record,
                "the record has no title, text, description or URL (expected at least one)",
            )
            continue
        reason = (
            f"the date {str(raw_dates.iloc[row])[:80]!r} is not in a form the kit reads "
            "(ISO 8601, MM/DD/YYYY, YYYY/MM/DD, DD.MM.YYYY, RFC 2822, '2 March 2022')"
        )
        if options.errors == "raise":
            raise RecordError(source.path, record, reason)
        collector.unreadable_dates.append(
            {"source": source.path, "record": record, "value": str(raw_dates.iloc[row])}
        )
        source.entry["dates_unreadable"] += 1
    return [row for row in range(len(records)) if row not in dropped]


def _text_columns(
    texts: dict[str, list[str | None]], keep: list[int], repair: bool
) -> pd.DataFrame:
    """A frame of the kept rows' text columns; title, description and text repaired."""
    frame = pd.DataFrame(index=range(len(keep)))
    for name in _TEXT_FIELDS:
        frame[name] = pd.array(_take(texts[name], keep), dtype=STRING_DTYPE)
    if repair:
        for name in ("title", "description", "text"):
            frame[name] = pd.array(repair_texts(_take(texts[name], keep)), dtype=STRING_DTYPE)
    return frame


def _add_dates(frame: pd.DataFrame, dates: pd.Series, entry: dict[str, Any]) -> None:
    """Add ``published`` (the source's date, else the URL's) and ``date_source``; count."""
    from_metadata = dates.notna()
    url_dates = _dates.dates_from_urls(frame["url"].astype(object).where(~from_metadata, None))
    from_url = dates.isna() & url_dates.notna()
    frame["published"] = dates.where(~from_url, url_dates).astype(DATETIME_DTYPE)
    frame["date_source"] = pd.array(
        [
            "metadata" if m else ("url" if u else None)
            for m, u in zip(from_metadata, from_url, strict=True)
        ],
        dtype=STRING_DTYPE,
    )
    entry["dates_from_url"] += int(from_url.sum())
    entry["dates_missing"] += int(frame["published"].isna().sum())


def _add_outlets(
    frame: pd.DataFrame,
    outlet_values: list[str | None],
    outlet: str | None,
    entry: dict[str, Any],
) -> None:
    """Add ``outlet`` and ``domain``; count the rows left without an outlet."""
    outlets, domains = _outlets_and_domains(outlet_values, frame["url"], outlet)
    frame["outlet"] = pd.array(outlets, dtype=STRING_DTYPE)
    entry["outlets_missing"] += sum(name is None for name in outlets)
    frame["domain"] = pd.array(domains, dtype=STRING_DTYPE)


def _add_ids(
    frame: pd.DataFrame, given_ids: list[str | None] | None, ids: Ids, source: Source
) -> None:
    """Add ``doc_id`` (unique across the read) and, where ids were given, ``source_id``.

    A document that is a whole file (a plain text file, a saved page) with no id of its
    own is named by the file: its name without the extension (``2022/story-1``).
    """
    if given_ids is None and source.id_from_file and source.file is not None:
        stem = file_stem(source.file)
        frame["doc_id"] = pd.array([ids.claim(stem) for _ in range(len(frame))], dtype=STRING_DTYPE)
        return
    frame["doc_id"] = pd.array(_doc_ids(frame, given_ids, ids), dtype=STRING_DTYPE)
    if given_ids is not None:
        frame["source_id"] = pd.array(given_ids, dtype=STRING_DTYPE)


def _add_extra_columns(frame: pd.DataFrame, chunk: Chunk, keep: list[int], source: Source) -> None:
    """Add the source's columns that no corpus column took, as lists, dates or strings."""
    used = set((source.mapping or {}).values()) | source.dropped
    for name, raw in chunk.columns.items():
        if name in used:
            continue
        items = _take(raw, keep)
        kind, parsed = _extra_kind(name, raw, source)
        target = _extra_name(name, chunk, source, frame)
        if kind == "list" and parsed is not None:  # read once, by _extra_kind
            frame[target] = pd.Series([parsed[row] or [] for row in keep], dtype=object)
        elif kind == "list":
            frame[target] = pd.Series([list_cell(v) for v in items], dtype=object)
        elif kind == "datetime":
            frame[target] = _dates.parse_dates(pd.Series(items, dtype=object))[0]
        else:
            frame[target] = pd.array(cell_texts(items), dtype=STRING_DTYPE)


def _extra_name(name: str, chunk: Chunk, source: Source, frame: pd.DataFrame) -> str:
    """The corpus column a source's extra column goes to; decided once per source.

    A source column that shares a name the corpus uses (a "source" column beside
    "site", a "file" column, ``source_id``) is kept as ``original_<name>``, and a name
    already taken by another column gets ``_2``, ``_3``: a column is never overwritten.
    """
    if name in source.extra_names:
        return source.extra_names[name]
    reserved = {*CORPUS_COLUMNS, "file", "source_id", *source.file_fields}
    taken = set(reserved) | set(frame.columns) | set(source.extra_names.values())
    mapped = set((source.mapping or {}).values()) | source.dropped
    # the source's other extra columns keep their own names: never take one of those
    taken |= {other for other in chunk.columns if other not in mapped and other != name}
    base = LONE_SURROGATE.sub("\ufffd", str(name))
    target = f"original_{base}" if base in reserved else base
    number = 1
    candidate = target
    while candidate in taken:
        number += 1
        candidate = f"{target}_{number}"
    source.extra_names[name] = candidate
    return candidate


def _outlets_and_domains(
    outlet_values: list[str | None], urls: pd.Series, outlet: str | None
) -> tuple[list[str | None], list[str | None]]:
    """Each row's outlet (``outlet=``, the outlet cell, else the URL's) and domain."""
    cache: dict[str | None, str | None] = {}

    def name_of(value: str | None) -> str | None:
        if value not in cache:
            cache[value] = None if value is None else (outlet_for(value) or outlet_from_host(value))
        return cache[value]

    outlets: list[str | None] = []
    domains: list[str | None] = []
    url_list = [None if url is pd.NA else url for url in urls.astype(object)]
    # a column of outlet cells holds a few names over and over
    distinct = list(dict.fromkeys(outlet_values))
    value_hosts = dict(zip(distinct, hosts_of(distinct), strict=True))
    for value, url, url_host in zip(outlet_values, url_list, hosts_of(url_list), strict=True):
        value_host = value_hosts[value]
        value_is_domain = value_host is not None and " " not in value
        domain = url_host
        if domain is None and value_is_domain:
            domain = value_host
        if outlet is not None:
            name = outlet
        elif value is not None:
            name = name_of(value) if value_is_domain else value
        else:
            name = name_of(url)
        outlets.append(name)
        domains.append(domain)
    return outlets, domains


def _short_hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _doc_ids(frame: pd.DataFrame, given: list[str | None] | None, ids: Ids) -> list[str]:
    """The given id, else a hash of the URL, else of outlet, title and date; made unique."""

    def plain(name: str) -> list[Any]:
        return [None if v is pd.NA else v for v in frame[name].astype(object)]

    urls, titles, outlets, texts = plain("url"), plain("title"), plain("outlet"), plain("text")
    published = frame["published"]
    out = []
    for row in range(len(frame)):
        base = given[row] if given is not None else None
        if base is None and urls[row] is not None:
            base = _short_hash("url", urls[row])
        elif base is None:  # no id, no URL (rare): the date read only here, a row at a time
            date = published.iloc[row]
            parts = [
                outlets[row] or "",
                titles[row] or "",
                "" if pd.isna(date) else date.isoformat(),
            ]
            if titles[row] is None:  # no title: the text tells documents apart
                parts.append(texts[row] or "")
            base = _short_hash("doc", *parts)
        out.append(ids.claim(base))
    return out
