"""One read from start to end: sources -> readers -> corpus chunks -> one corpus.

:func:`read_chunks` walks the files a source names, reads each with the reader its
format is registered with (a DataFrame source is read like a table file), and builds
corpus rows chunk by chunk; a file that cannot be
read stops the read (``errors="raise"``) or is listed in the load report.
:func:`assemble_corpus` joins the chunks into one corpus and attaches the load report
and provenance.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd

from framing.corpus._report import REPORT_KEY, Collector, RecordError
from framing.corpus.readers._build import Ids, chunk_to_corpus, file_stem
from framing.corpus.readers._options import FRAME_SOURCE, Options, frame_chunks
from framing.corpus.readers._registry import READERS, Chunk, Source
from framing.corpus.readers._sources import (
    detect_format,
    looks_like_table,
    source_files,
)
from framing.corpus.schema import (
    CORPUS_COLUMNS,
    STRING_DTYPE,
    conform,
    empty_corpus,
    validate_corpus,
)
from framing.provenance import stamp


def read_chunks(
    source: Any, options: Options, collector: Collector, size: int
) -> Iterator[pd.DataFrame]:
    """Corpus chunks of at most ``size`` rows from a DataFrame or every file ``source`` names."""
    ids = Ids()
    if isinstance(source, pd.DataFrame):
        entry = collector.entry(FRAME_SOURCE, "dataframe")
        state = Source(FRAME_SOURCE, "dataframe", entry)
        yield from _corpus_chunks(frame_chunks(source, size), state, options, collector, ids)
        return
    for found in source_files(source, collector):
        label = str(found.path)
        try:
            file_format = detect_format(found.path, options.format)
        except RecordError as error:
            collector.entry(label, options.format or "unknown")
            collector.fail(label, None, error.reason, document=False)
            continue
        except OSError as error:  # unreadable: permissions, a vanished file, an I/O error
            collector.entry(label, options.format or "unknown")
            collector.fail(label, None, _os_reason(error), document=False)
            continue
        if found.in_folder and file_format == "text" and options.format is None:
            table = looks_like_table(found.path)
            if table is not None:
                # Not an article by its shape: named in the report, never raised.
                collector.skip(label, None, table, document=False)
                continue
        state = Source(label, file_format, collector.entry(label, file_format))
        state.file = found.name
        state.file_fields = _file_fields(found.name, options)
        state.given_encoding = options.encoding
        pieces = READERS[file_format].read(found.path, state, collector, size)
        yield from _corpus_chunks(pieces, state, options, collector, ids)


def _os_reason(error: OSError) -> str:
    return f"could not open the file ({type(error).__name__}: {error.strerror or error})"


def _file_fields(name: str, options: Options) -> dict[str, str | None]:
    """What ``file_pattern`` takes from a file's name (without extension); Nones if no match."""
    pattern = options.file_pattern
    if pattern is None:
        return {}
    found = pattern.search(file_stem(name))
    return {group: (found.group(group) if found else None) for group in pattern.groupindex}


def _corpus_chunks(
    pieces: Iterator[Chunk | pd.DataFrame],
    state: Source,
    options: Options,
    collector: Collector,
    ids: Ids,
) -> Iterator[pd.DataFrame]:
    """The corpus chunks of one source; a source that cannot be read raises or is reported.

    Whatever a reader raises ends up as a :class:`RecordError` naming the file (raised
    with ``errors="raise"``, listed with ``"report"``): a reader's own RecordError as it
    is, anything else (an I/O error, a library's parse error, MemoryError) as "the file
    could not be read further", with the records read before it kept.
    """
    try:
        for piece in pieces:
            if isinstance(piece, pd.DataFrame):
                yield _adopt_corpus(piece, options, ids)
                continue
            built = chunk_to_corpus(piece, state, options, collector, ids)
            if built is not None:
                yield built
    except RecordError as error:
        if options.errors == "raise":
            raise
        collector.skip(state.path, error.record, error.reason, document=state.entry["read"] > 0)
    except Exception as error:  # the safety net: nothing escapes errors="report"
        reason = _unexpected_reason(error, state)
        if options.errors == "raise":
            raise RecordError(state.path, None, reason) from error
        collector.skip(state.path, None, reason, document=state.entry["read"] > 0)


def _unexpected_reason(error: Exception, state: Source) -> str:
    if isinstance(error, OSError):
        reason = _os_reason(error)
    elif isinstance(error, RecursionError):
        reason = "a value nested too deeply to read"
    elif isinstance(error, MemoryError):
        reason = "not enough memory to read it (see framing.limits)"
    else:
        message = str(error)[:300]
        reason = f"the file is malformed ({type(error).__name__}: {message})"
    kept = state.entry["kept"]
    if kept:
        return f"the rest of the file could not be read after {kept} documents: {reason}"
    return f"the file could not be read: {reason}"


def _adopt_corpus(chunk: pd.DataFrame, options: Options, ids: Ids) -> pd.DataFrame:
    """A chunk a file held as a corpus already: ``outlet=`` applied, ids made unique."""
    if options.outlet is not None:
        chunk["outlet"] = pd.array([options.outlet] * len(chunk), dtype=STRING_DTYPE)
    chunk["doc_id"] = pd.array([ids.claim(i) for i in chunk["doc_id"]], dtype=STRING_DTYPE)
    return chunk


def assemble_corpus(
    frames: list[pd.DataFrame],
    collector: Collector,
    parameters: dict[str, Any],
    restored: Mapping[str, Any] | None = None,
    function: str = "read_corpus",
) -> pd.DataFrame:
    """One corpus from its chunks, with the load report and provenance in ``attrs``.

    ``restored`` are the ``attrs`` a ``write_corpus`` file stored, given back instead
    (a report and provenance this read made are added only where they lack them).
    ``function`` is the public function the provenance names.
    """
    if frames:
        extra_dtypes: dict[str, Any] = {}
        for frame in frames:
            for name in frame.columns:
                if name not in CORPUS_COLUMNS:
                    extra_dtypes.setdefault(name, frame[name].dtype)
        corpus = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        for name, dtype in extra_dtypes.items():
            # A column one file has and another lacks: fill in the gaps in its own dtype.
            if dtype == np.dtype(object):
                corpus[name] = pd.Series(
                    [v if isinstance(v, list) else [] for v in corpus[name]], dtype=object
                )
            elif corpus[name].dtype == dtype:
                continue
            elif isinstance(dtype, pd.DatetimeTZDtype):
                corpus[name] = pd.to_datetime(corpus[name], utc=True).astype(dtype)
            else:
                corpus[name] = corpus[name].astype(dtype)
        corpus = conform(corpus)
    else:
        corpus = empty_corpus()
    validate_corpus(corpus)
    if restored is not None:
        corpus.attrs = json.loads(json.dumps(dict(restored)))
        if REPORT_KEY in corpus.attrs and "framing" in corpus.attrs:
            return corpus
        # A Parquet file written without a report (or provenance) gets this read's own.
        corpus.attrs.setdefault(REPORT_KEY, collector.to_dict())
        if "framing" not in corpus.attrs:
            stamp(corpus, function=function, corpus=corpus, parameters=parameters)
        return corpus
    corpus.attrs[REPORT_KEY] = collector.to_dict()
    stamp(corpus, function=function, corpus=corpus, parameters=parameters)
    return corpus


def call_parameters(source: Any, options: Options) -> dict[str, Any]:
    """The settings of a read as JSON-able values, for its provenance."""
    if isinstance(source, pd.DataFrame):
        sources = [FRAME_SOURCE]
    else:
        sources = source if isinstance(source, list | tuple) else [source]
    parameters: dict[str, Any] = {
        "source": [os.fspath(s) if isinstance(s, str | os.PathLike) else str(s) for s in sources],
        "format": options.format,
        "rename": dict(options.rename) if options.rename else None,
        "outlet": options.outlet,
        "errors": options.errors,
        "repair": options.repair,
    }
    if options.file_pattern is not None:
        parameters["file_pattern"] = options.file_pattern.pattern
    if options.encoding is not None:
        parameters["encoding"] = options.encoding
    return parameters
