"""Parquet (format ``"parquet"``), and the round trip of :func:`write_corpus`.

A Parquet file from elsewhere is read row group by row group, its records named
``row N`` (the data row, counting from 1). A file written by :func:`write_corpus` holds
a corpus already: it comes back as written, dtypes and ``attrs`` included, which are
stored as JSON in the file's schema metadata.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from framing._files import check_targets
from framing.corpus._report import Collector, RecordError
from framing.corpus.readers._registry import Chunk, Source, register
from framing.corpus.schema import STRING_DTYPE, conform, validate_corpus

_ATTRS_KEY = b"framing.attrs"
_DTYPES_KEY = b"framing.dtypes"


@register("parquet", extensions=(".parquet", ".pq"), expected="a Parquet file")
def _read_parquet(
    path: Path, source: Source, collector: Collector, size: int
) -> Iterator[Chunk | pd.DataFrame]:
    """Chunks of raw rows; or, for a file of ``write_corpus``, corpus tables as written.

    For such a file, the ``attrs`` it stores are left in ``collector.restorable`` for
    ``read_corpus`` to give back when it reads that file alone.
    """
    metadata = _written_corpus_metadata(path)
    if metadata is not None:
        collector.restorable[source.path] = json.loads(metadata[_ATTRS_KEY])
        yield from _read_written_corpus(path, source, metadata, size)
        return
    parquet = _open_parquet(path, source)
    number = 0
    for batch in parquet.iter_batches(batch_size=size):
        columns = batch.to_pydict()
        records = [f"row {number + i + 1}" for i in range(batch.num_rows)]
        number += batch.num_rows
        yield Chunk(columns, records)


def _open_parquet(path: Path, source: Source) -> Any:
    # Imported here, as everywhere in this module: pyarrow is needed only for Parquet.
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path)
    except (pa.ArrowInvalid, OSError) as error:
        raise RecordError(source.path, None, f"expected a Parquet file ({error})") from None


# -- Parquet written by write_corpus ---------------------------------------------------------
def _written_corpus_metadata(path: Path) -> dict[bytes, bytes] | None:
    """The schema metadata of a file written by ``write_corpus``; None for other files."""
    import pyarrow.parquet as pq

    try:
        metadata = pq.read_schema(path).metadata or {}
    except Exception:  # not readable as Parquet: the row reader gives the error
        return None
    return metadata if _ATTRS_KEY in metadata else None


def _arrow_to_corpus(table: Any, dtypes: Mapping[str, str]) -> pd.DataFrame:
    """A corpus from an Arrow table, each column in the dtype ``write_corpus`` stored."""
    import pyarrow as pa

    frame = table.to_pandas(
        types_mapper={pa.string(): STRING_DTYPE, pa.large_string(): STRING_DTYPE}.get,
        ignore_metadata=True,
    )
    for name, arrow_type in zip(table.column_names, table.schema.types, strict=True):
        if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
            frame[name] = pd.Series(
                [[] if v is None else [str(x) for x in v] for v in table.column(name).to_pylist()],
                dtype=object,
            )
        elif name in dtypes and str(frame[name].dtype) != dtypes[name]:
            frame[name] = frame[name].astype(dtypes[name])
    return conform(frame)


def _read_written_corpus(
    path: Path, source: Source, metadata: Mapping[bytes, bytes], size: int
) -> Iterator[pd.DataFrame]:
    """The corpus of a ``write_corpus`` file, in chunks, counted in the load report."""
    import pyarrow as pa

    dtypes = json.loads(metadata.get(_DTYPES_KEY, b"{}"))
    parquet = _open_parquet(path, source)
    for batch in parquet.iter_batches(batch_size=size):
        chunk = _arrow_to_corpus(pa.Table.from_batches([batch]), dtypes)
        source.entry["read"] += len(chunk)
        source.entry["kept"] += len(chunk)
        source.entry["dates_missing"] += int(chunk["published"].isna().sum())
        source.entry["dates_from_url"] += int((chunk["date_source"] == "url").sum())
        source.entry["outlets_missing"] += int(chunk["outlet"].isna().sum())
        yield chunk


def write_corpus(
    corpus: pd.DataFrame, path: str | os.PathLike[str], *, overwrite: bool = False
) -> Path:
    """Save a corpus to a Parquet file that ``read_corpus`` gives back identical.

    Dtypes, values, row order and ``attrs`` (load report, provenance) survive the round
    trip; ``attrs`` are stored as JSON in the file's schema metadata and list columns
    (``tags``) as ``list<string>``.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (checked with ``validate_corpus``).
    path : path
        Where to write; the folder must exist.
    overwrite : bool, default False
        Replace the file if it exists. Without it an existing file is an
        :class:`~framing.errors.OverwriteError` (a corpus file is often an input).

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import framing, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.csv").write_text("title,text,date\\nA,Body,2022-03-02\\n")
    >>> corpus = framing.read_corpus(folder / "a.csv", outlet="X")
    >>> back = framing.read_corpus(framing.write_corpus(corpus, folder / "a.parquet"))
    >>> back.equals(corpus) and back.attrs == corpus.attrs
    True
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    target = Path(path)
    check_targets([target], overwrite=overwrite, function="write_corpus")
    validate_corpus(corpus)
    arrays = []
    for name in corpus.columns:
        values = corpus[name]
        if values.dtype == object and all(isinstance(v, list) for v in values):
            arrays.append(pa.array(values.tolist(), type=pa.list_(pa.string())))
        elif isinstance(values.dtype, pd.StringDtype):
            arrays.append(
                pa.array(
                    values.astype(object).where(values.notna(), None).tolist(), type=pa.string()
                )
            )
        else:
            arrays.append(pa.Array.from_pandas(values))
    metadata = {
        _ATTRS_KEY: json.dumps(corpus.attrs, default=str, sort_keys=True).encode(),
        _DTYPES_KEY: json.dumps({n: str(corpus[n].dtype) for n in corpus.columns}).encode(),
    }
    table = pa.Table.from_arrays(arrays, names=[str(n) for n in corpus.columns])
    table = table.replace_schema_metadata(metadata)
    pq.write_table(table, target)
    return target
