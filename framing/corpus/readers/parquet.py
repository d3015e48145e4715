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
    ``read_corpus`` to give back when it reads that file alone. A file whose stored
    ``framing`` metadata cannot be read (edited by hand) is read as any Parquet file.

    Binary columns (``BYTE_ARRAY`` without the UTF-8 annotation, as Hive, Impala and
    older Spark write strings) are decoded as UTF-8; a row whose bytes are not UTF-8 is
    a bad record. A row group that cannot be decoded (a corrupted page) is reported as
    its rows (``rows 1001 to 2000``) and the file's other row groups are read.
    """
    metadata = _written_corpus_metadata(path)
    if metadata is not None:
        attrs, dtypes = metadata
        chunks = _read_written_corpus(path, source, dtypes, size)
        try:
            first = next(chunks, None)
        except RecordError:
            raise
        except Exception:
            # dtypes that do not fit the data, a damaged page: read as any Parquet file
            first = None
        else:
            collector.restorable[source.path] = attrs
            if first is not None:
                yield first
                yield from chunks
            return
        source.entry.update(read=0, kept=0, dates_missing=0, dates_from_url=0, outlets_missing=0)
    parquet = _open_parquet(path, source)
    import pyarrow as pa

    binary = {
        field.name
        for field in parquet.schema_arrow
        if pa.types.is_binary(field.type) or pa.types.is_large_binary(field.type)
    }
    start = 0
    for group in range(parquet.metadata.num_row_groups):
        rows_in_group = parquet.metadata.row_group(group).num_rows
        done = 0
        try:
            for batch in parquet.iter_batches(batch_size=size, row_groups=[group]):
                chunk = _batch_chunk(batch, start + done, binary, source, collector)
                done += batch.num_rows
                if chunk is not None:
                    yield chunk
        except RecordError:
            raise
        except Exception as error:  # a corrupted page: its rows are lost, not the file's
            if done < rows_in_group:
                collector.fail(
                    source.path,
                    f"rows {start + done + 1} to {start + rows_in_group}",
                    f"the row group could not be decoded ({type(error).__name__}: "
                    f"{str(error)[:200]})",
                    count=rows_in_group - done,
                )
        start += rows_in_group


def _batch_chunk(
    batch: Any, offset: int, binary: set[str], source: Source, collector: Collector
) -> Chunk | None:
    """A batch's raw values, binary columns decoded; rows with bytes not UTF-8 failed."""
    columns = batch.to_pydict()
    records = [f"row {offset + i + 1}" for i in range(batch.num_rows)]
    bad: dict[int, str] = {}
    for name in binary & set(columns):
        decoded = []
        for row, value in enumerate(columns[name]):
            if isinstance(value, bytes):
                try:
                    value = value.decode("utf-8")
                except UnicodeDecodeError:
                    bad.setdefault(row, f"the column {name!r} holds bytes that are not UTF-8 text")
            decoded.append(value)
        columns[name] = decoded
    for row in sorted(bad):
        collector.fail(source.path, records[row], bad[row])
    if bad:
        keep = [row for row in range(len(records)) if row not in bad]
        if not keep:
            return None
        columns = {name: [values[row] for row in keep] for name, values in columns.items()}
        records = [records[row] for row in keep]
    return Chunk(columns, records)


def _open_parquet(path: Path, source: Source) -> Any:
    # Imported here, as everywhere in this module: pyarrow is needed only for Parquet.
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path)
    except Exception as error:  # ArrowInvalid, OSError, and whatever a damaged footer gives
        raise RecordError(source.path, None, f"expected a Parquet file ({error})") from None


# -- Parquet written by write_corpus ---------------------------------------------------------
def _written_corpus_metadata(path: Path) -> tuple[dict[str, Any], dict[str, str]] | None:
    """The ``attrs`` and dtypes a ``write_corpus`` file stores; None for other files.

    None too when they cannot be read back (edited metadata): the file is then read as
    any Parquet file.
    """
    import pyarrow.parquet as pq

    try:
        metadata = pq.read_schema(path).metadata or {}
    except Exception:  # not readable as Parquet: the row reader gives the error
        return None
    if _ATTRS_KEY not in metadata:
        return None
    try:
        attrs = json.loads(metadata[_ATTRS_KEY])
        dtypes = json.loads(metadata.get(_DTYPES_KEY, b"{}"))
    except (ValueError, RecursionError):
        return None
    if not isinstance(attrs, dict) or not isinstance(dtypes, dict):
        return None
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in dtypes.items()):
        return None
    return attrs, dtypes


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
    path: Path, source: Source, dtypes: Mapping[str, str], size: int
) -> Iterator[pd.DataFrame]:
    """The corpus of a ``write_corpus`` file, in chunks, counted in the load report."""
    import pyarrow as pa

    parquet = _open_parquet(path, source)
    for batch in parquet.iter_batches(batch_size=size):
        chunk = _arrow_to_corpus(pa.Table.from_batches([batch]), dtypes)
        validate_corpus(chunk, name=f"corpus in {source.path}")
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
