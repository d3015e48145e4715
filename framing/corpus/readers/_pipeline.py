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
from framing.corpus.readers._build import Ids, chunk_to_corpus
from framing.corpus.readers._registry import READERS, Chunk, Source
from framing.corpus.readers._sources import (
    FRAME_SOURCE,
    Options,
    detect_format,
    frame_chunks,
    source_paths,
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
    for path in source_paths(source, collector):
        label = str(path)
        try:
            file_format = detect_format(path, options.format)
        except RecordError as error:
            collector.entry(label, options.format or "unknown")
            collector.fail(label, None, error.reason, document=False)
            continue
        state = Source(label, file_format, collector.entry(label, file_format))
        pieces = READERS[file_format].read(path, state, collector, size)
        yield from _corpus_chunks(pieces, state, options, collector, ids)


def _corpus_chunks(
    pieces: Iterator[Chunk | pd.DataFrame],
    state: Source,
    options: Options,
    collector: Collector,
    ids: Ids,
) -> Iterator[pd.DataFrame]:
    """The corpus chunks of one source; a source that cannot be read raises or is reported."""
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
        collector.skip(state.path, error.record, error.reason, document=False)


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
    return {
        "source": [os.fspath(s) if isinstance(s, str | os.PathLike) else str(s) for s in sources],
        "format": options.format,
        "rename": dict(options.rename) if options.rename else None,
        "outlet": options.outlet,
        "errors": options.errors,
        "repair": options.repair,
    }
