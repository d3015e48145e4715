"""Many files into a dask corpus: :func:`read_corpus_dask`.

Each file is read on a worker by the same readers as :func:`framing.read_corpus` (one
task a file, one partition per chunk of at most ``chunksize`` documents), and what only
the whole read can decide is settled on the client from small summaries the same tasks
return, not by reading again:

- ``doc_id``: ``read_corpus`` makes repeated ids unique in reading order across files
  (``"a"``, ``"a#2"``); each task records the ids its file gave before that step, the
  client claims them in file order with the same rule, and the few that change are
  renamed in their partition;
- the columns: a column one file has and another lacks is filled in, in its own dtype,
  and the extra columns come in the order ``read_corpus`` gives them;
- the load report: each task's report of its file, merged in file order, with the
  files a folder holds besides documents (``ignored_files``).

The files are read once, now, and the partitions kept in the workers' memory (dask
spills them to disk past a worker's memory limit): the ids, the columns and the report
need every file, and reading each file once is cheaper than reading it twice.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing._checks import check_whole
from framing.corpus._report import REPORT_KEY, Collector, RecordError
from framing.corpus.readers._build import Ids
from framing.corpus.readers._options import DEFAULT_CHUNK, Options, check_options, renamed_columns
from framing.corpus.readers._pipeline import _corpus_chunks, _file_fields, call_parameters
from framing.corpus.readers._registry import READERS, Source
from framing.corpus.readers._sources import detect_format, source_files
from framing.corpus.schema import CORPUS_COLUMNS, conform, empty_corpus, validate_corpus
from framing.distributed._common import no_string_conversion, require_dask
from framing.provenance import ATTRS_KEY, stamp

__all__ = ["read_corpus_dask"]

_Source = str | os.PathLike[str] | Sequence[str | os.PathLike[str]]


def read_corpus_dask(
    source: _Source,
    *,
    format: str | None = None,
    rename: Mapping[str, str] | None = None,
    outlet: str | None = None,
    errors: str = "raise",
    repair: bool = True,
    chunksize: int = DEFAULT_CHUNK,
) -> Any:
    """Read many files into a dask corpus, equal to :func:`framing.read_corpus`'s.

    Parameters
    ----------
    source : path, glob, folder, or a list of these
        As for :func:`framing.read_corpus`: Parquet shards written by
        :func:`framing.write_corpus` (``"corpus/*.parquet"``), JSON Lines, CSV, or
        folders of any format the kit reads. A DataFrame is no source here:
        ``dask.dataframe.from_pandas(framing.as_corpus(frame), npartitions=...)``.
    format, rename, outlet, errors, repair
        As for :func:`framing.read_corpus`.
    chunksize : int, default 10,000
        Documents per partition at most: each file gives one partition, or one per
        ``chunksize`` documents of it. It does not change what is read: each file is
        read in ``read_corpus``'s own chunks, which are then cut into partitions.

    Returns
    -------
    dask.dataframe.DataFrame
        The corpus, partitioned by file and chunk in reading order, indexed by position
        (0 to n - 1, known divisions). ``.compute()`` gives the rows, columns, dtypes,
        ids, dates and ``attrs["load_report"]`` that ``read_corpus(source, ...)`` gives;
        :func:`framing.load_report` reads the report without computing anything.
        Provenance (``attrs["framing"]``) names ``read_corpus_dask`` and the number of
        documents, not the corpus fingerprint (computing it would send every text to
        one process).

    Raises
    ------
    CorpusError
        As for :func:`framing.read_corpus` (raised on the client when a worker meets
        the bad record).
    ValueError
        A parameter out of its range, or a DataFrame as the source.

    Notes
    -----
    The files are read once, when this is called, and the partitions stay in the
    workers' memory (spilled to disk past a worker's memory limit): ids made unique
    across files, the columns every file brings and the load report need the whole
    read. Use a ``distributed.Client`` to read on a cluster; without one, dask's local
    threads read the files.

    Examples
    --------
    >>> import framing, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for i in range(3):
    ...     row = f"T{i},Body {i},2022-03-0{i + 1}"
    ...     _ = (folder / f"{i}.csv").write_text(f"title,text,date\\n{row}\\n")
    >>> corpus = framing.read_corpus_dask(folder / "*.csv", outlet="X")
    >>> corpus.npartitions
    3
    >>> corpus.compute()[["title", "text"]].equals(
    ...     framing.read_corpus(folder / "*.csv", outlet="X")[["title", "text"]])
    True
    >>> framing.load_report(corpus).summary["kept"].tolist()
    [1, 1, 1]
    """
    require_dask("read_corpus_dask")
    import dask

    if isinstance(source, pd.DataFrame) or type(source).__name__ == "DataFrame":
        raise ValueError(
            "The 'source' parameter of read_corpus_dask must be files (a path, glob, folder "
            f"or a list of these). Got {type(source).__module__}.{type(source).__name__}: "
            "make a dask corpus of a pandas DataFrame with "
            "dask.dataframe.from_pandas(framing.as_corpus(frame), npartitions=...)."
        )
    chunksize = check_whole(
        chunksize, parameter="chunksize", function="read_corpus_dask", minimum=1
    )
    rename, parameter = renamed_columns(rename, None, "read_corpus_dask")
    options = check_options(
        format,
        rename,
        outlet,
        errors,
        repair,
        rename_parameter=parameter,
        function="read_corpus_dask",
    )
    listing = Collector(options.errors)
    found = source_files(source, listing)
    paths = [str(item.path) for item in found]
    names = [item.name for item in found]
    parameters = call_parameters(source, options)

    read_file = dask.delayed(_read_file, pure=True)
    reads = dask.persist(
        *[
            read_file(path, options, chunksize, name)
            for path, name in zip(paths, names, strict=True)
        ]
    )
    summaries = dask.compute(*[dask.delayed(_summary)(read) for read in reads])

    report = _merged_report(summaries, listing)
    extra_dtypes = _extra_columns(summaries)
    renames = _global_ids(summaries)
    lengths = [length for summary in summaries for length in summary["lengths"]]
    attrs = _attrs(summaries, report, parameters, sum(lengths), options)

    finals = []
    offset = 0
    for read, summary, file_renames in zip(reads, summaries, renames, strict=True):
        for chunk, length in enumerate(summary["lengths"]):
            finals.append(
                dask.delayed(_finish)(read, chunk, file_renames[chunk], extra_dtypes, offset, attrs)
            )
            offset += length
    del reads
    with no_string_conversion():
        import dask.dataframe as dd

        if not finals:
            empty = empty_corpus()
            empty.attrs = attrs
            return dd.from_pandas(empty, npartitions=1, sort=False)
        finals = list(dask.persist(*finals))
        meta = dask.compute(dask.delayed(_empty_like)(finals[0]))[0]
        starts = np.concatenate([[0], np.cumsum(lengths)])
        divisions = (*(int(start) for start in starts[:-1]), int(starts[-1]) - 1)
        if any(length == 0 for length in lengths):
            divisions = None
        return dd.from_delayed(finals, meta=meta, divisions=divisions, verify_meta=False)


# -- on the workers ------------------------------------------------------------------------
class _RecordedIds(Ids):
    """Ids that also remember each base id they were asked to claim, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.bases: list[str] = []

    def claim(self, base: str) -> str:
        self.bases.append(base)
        return super().claim(base)


def _read_file(path: str, options: Options, size: int, name: str | None = None) -> dict[str, Any]:
    """One file as ``read_corpus`` reads it within a read: corpus pieces and its report.

    The ids are claimed within the file; ``bases`` keeps what they were claimed from, so
    that the client can claim them again across files.
    """
    collector = Collector(options.errors)
    ids = _RecordedIds()
    frames: list[pd.DataFrame] = []
    bases: list[list[str]] = []
    try:
        file_format = detect_format(Path(path), options.format)
    except RecordError as error:
        collector.entry(path, options.format or "unknown")
        collector.fail(path, None, error.reason, document=False)
        file_format = None
    if file_format is not None:
        state = Source(path, file_format, collector.entry(path, file_format))
        state.file = name  # the file column, as read_corpus gives it
        state.file_fields = _file_fields(name, options) if name is not None else {}
        # Read in read_corpus's own chunks (a source's columns are decided on its first
        # chunk), then cut into partitions of at most ``size`` documents.
        pieces = READERS[file_format].read(Path(path), state, collector, DEFAULT_CHUNK)
        before = 0
        for frame in _corpus_chunks(pieces, state, options, collector, ids):
            # One claim per row of the chunk, made while the chunk was built.
            claimed = ids.bases[before:]
            before = len(ids.bases)
            for start in range(0, len(frame), size):
                frames.append(frame.iloc[start : start + size].reset_index(drop=True))
                bases.append(claimed[start : start + size])
    return {
        "frames": frames,
        "bases": bases,
        "report": collector.to_dict(),
        "restorable": collector.restorable.get(path),
    }


def _summary(read: dict[str, Any]) -> dict[str, Any]:
    """What the client needs of one file's read: no texts."""
    return {
        "bases": read["bases"],
        "lengths": [len(frame) for frame in read["frames"]],
        "extras": [
            [(name, frame[name].dtype) for name in frame.columns if name not in CORPUS_COLUMNS]
            for frame in read["frames"]
        ],
        "report": read["report"],
        "restorable": read["restorable"],
    }


def _finish(
    read: dict[str, Any],
    chunk: int,
    renames: dict[int, str],
    extra_dtypes: dict[str, Any],
    offset: int,
    attrs: dict[str, Any],
) -> pd.DataFrame:
    """One partition as it stands in ``read_corpus``'s corpus: ids, columns, index."""
    frame = read["frames"][chunk].copy()
    if renames:
        ids = np.array(frame["doc_id"].astype(object), dtype=object)
        for row, new in renames.items():
            ids[row] = new
        frame["doc_id"] = pd.array(ids, dtype=frame["doc_id"].dtype)
    for name, dtype in extra_dtypes.items():
        # As read_corpus's assembly does after concatenating the files' chunks.
        if name not in frame.columns:
            if dtype == np.dtype(object):
                frame[name] = pd.Series([[] for _ in range(len(frame))], dtype=object)
            else:
                frame[name] = pd.Series([np.nan] * len(frame), dtype=object)
        if dtype == np.dtype(object):
            frame[name] = pd.Series(
                [v if isinstance(v, list) else [] for v in frame[name]], dtype=object
            )
        elif frame[name].dtype == dtype:
            continue
        elif isinstance(dtype, pd.DatetimeTZDtype):
            frame[name] = pd.to_datetime(frame[name], utc=True).astype(dtype)
        else:
            frame[name] = frame[name].astype(dtype)
    frame = conform(frame[[*CORPUS_COLUMNS, *extra_dtypes]])
    validate_corpus(frame)
    frame.index = pd.RangeIndex(offset, offset + len(frame))
    frame.attrs = json.loads(json.dumps(attrs))
    return frame


def _empty_like(frame: pd.DataFrame) -> pd.DataFrame:
    empty = frame.iloc[:0].copy()
    empty.attrs = frame.attrs
    return empty


# -- on the client -------------------------------------------------------------------------
def _merged_report(summaries: Sequence[dict[str, Any]], listing: Collector) -> dict[str, Any]:
    """The files' reports in file order, as one read's collector would have made it."""
    merged = Collector(listing.errors)
    merged.ignored_files = list(listing.ignored_files)
    for summary in summaries:
        report = summary["report"]
        for entry in report["sources"]:
            merged.sources[entry["source"]] = entry
        merged.skipped.extend(report["skipped"])
        merged.unreadable_dates.extend(report["unreadable_dates"])
    return merged.to_dict()


def _extra_columns(summaries: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Every extra column, in the order and dtype in which the first chunk brings it."""
    dtypes: dict[str, Any] = {}
    for summary in summaries:
        for extras in summary["extras"]:
            for name, dtype in extras:
                dtypes.setdefault(name, dtype)
    return dtypes


def _global_ids(summaries: Sequence[dict[str, Any]]) -> list[list[dict[int, str]]]:
    """Per file and chunk, the rows whose id changes when claimed across all files."""
    everywhere = Ids()
    renames = []
    for summary in summaries:
        within = Ids()
        file_renames = []
        for bases in summary["bases"]:
            changed = {}
            for row, base in enumerate(bases):
                local, final = within.claim(base), everywhere.claim(base)
                if local != final:
                    changed[row] = final
            file_renames.append(changed)
        renames.append(file_renames)
    return renames


def _attrs(
    summaries: Sequence[dict[str, Any]],
    report: dict[str, Any],
    parameters: dict[str, Any],
    documents: int,
    options: Options,
) -> dict[str, Any]:
    """The corpus's attrs: the merged load report and provenance (as read_corpus's)."""
    restored = None
    if len(report["sources"]) == 1 and len(summaries) == 1 and options.outlet is None:
        restored = summaries[0]["restorable"]
    if restored is not None:
        attrs = json.loads(json.dumps(dict(restored)))
        attrs.setdefault(REPORT_KEY, report)
        if ATTRS_KEY in attrs:
            return attrs
    else:
        attrs = {REPORT_KEY: report}
    holder = pd.DataFrame()
    stamp(holder, function="read_corpus_dask", parameters=parameters)
    record = holder.attrs[ATTRS_KEY]
    record["corpus"] = {"documents": int(documents)}
    attrs[ATTRS_KEY] = record
    return attrs
