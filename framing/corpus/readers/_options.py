"""The options of a read: ``rename=`` (and its deprecated spelling ``columns=``), every
parameter checked before a file is opened, ``file_pattern=``, and a DataFrame source cut
into chunks.
"""

from __future__ import annotations

import codecs
import re
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import pandas as pd

from framing._checks import check_bool, check_whole
from framing.corpus.readers._columns import MAPPABLE
from framing.corpus.readers._registry import (
    FORMATS,
    Chunk,
    canonical_format,
    header_names,
)

#: Documents per chunk: what ``read_corpus`` builds at a time, ``iter_corpus``'s default.
DEFAULT_CHUNK = 10_000


@dataclass(frozen=True)
class Options:
    """The checked options of one read.

    ``rename_parameter`` is the name the caller gave the column mapping under
    (``"rename"``, or the deprecated ``"columns"``): messages about it use that name.
    """

    format: str | None
    rename: Mapping[str, str] | None
    outlet: str | None
    errors: str
    repair: bool
    rename_parameter: str = "rename"
    file_pattern: re.Pattern[str] | None = None
    encoding: str | None = None


def renamed_columns(
    rename: Mapping[str, str] | None, columns: Mapping[str, str] | None, function: str
) -> tuple[Mapping[str, str] | None, str]:
    """The column mapping given and the parameter it came in: ``rename=`` or ``columns=``.

    ``columns=`` is the deprecated spelling of ``rename=``: it warns (FutureWarning, once
    per call, pointing at the caller of ``function``) and still works.
    """
    if columns is None:
        return rename, "rename"
    if rename is not None:
        raise ValueError(
            f"The 'columns' parameter of {function} was renamed 'rename'; give only "
            "'rename'. Got both instead."
        )
    warnings.warn(
        f"The 'columns' parameter of {function} was renamed 'rename' and will be removed "
        f"in a future release; use {function}(..., rename={{...}}) instead.",
        FutureWarning,
        stacklevel=3,  # this function, then read_corpus/iter_corpus, then their caller
    )
    return columns, "columns"


def check_options(
    format: str | None,
    rename: Mapping[str, str] | None,
    outlet: str | None,
    errors: str,
    repair: bool,
    chunksize: int = DEFAULT_CHUNK,
    *,
    rename_parameter: str = "rename",
    function: str = "read_corpus",
    frame: bool = False,
    file_pattern: str | None = None,
    encoding: str | None = None,
) -> Options:
    """Check the options of a read; raise ValueError naming the first bad one.

    ``function`` is the public function named in messages; ``frame`` says the source is
    a DataFrame, which takes no ``format`` and no ``file_pattern``.
    """
    pattern = _file_pattern(file_pattern, function, frame)
    codec = _encoding(encoding, function, frame)
    if format is not None:
        if frame:
            raise ValueError(
                f"The 'format' parameter of {function} must be None when the source is a "
                f"DataFrame (it names a file format). Got {format!r} instead."
            )
        name = canonical_format(str(format).lower())
        if name not in FORMATS:
            raise ValueError(
                f"The 'format' parameter of {function} must be None (detect) or one of "
                f"{list(FORMATS)}. Got {format!r} instead."
            )
        format = name
    if rename is not None:
        if not isinstance(rename, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in rename.items()
        ):
            raise ValueError(
                f"The '{rename_parameter}' parameter of {function} must map corpus columns to "
                f"source columns, e.g. {{'title': 'headlines'}}. Got {rename!r} instead."
            )
        unknown = [k for k in rename if k not in MAPPABLE]
        if unknown:
            raise ValueError(
                f"The '{rename_parameter}' parameter of {function} maps corpus columns "
                f"{list(MAPPABLE)} to source columns. Got the unknown corpus column(s) "
                f"{unknown} instead."
            )
    if outlet is not None and (not isinstance(outlet, str) or not outlet.strip()):
        raise ValueError(
            f"The 'outlet' parameter of {function} must be None or a non-empty string. "
            f"Got {outlet!r} instead."
        )
    if errors not in ("raise", "report"):
        raise ValueError(
            f"The 'errors' parameter of {function} must be 'raise' or 'report'. "
            f"Got {errors!r} instead."
        )
    check_bool(repair, parameter="repair", function=function)
    check_whole(chunksize, parameter="chunksize", function="iter_corpus", minimum=1)
    return Options(
        format,
        dict(rename) if rename else None,
        outlet,
        errors,
        repair,
        rename_parameter,
        pattern,
        codec,
    )


def _not_for_frames(parameter: str, value: object, function: str, why: str) -> ValueError:
    """The error for an option about files given with a DataFrame as the source."""
    return ValueError(
        f"The '{parameter}' parameter of {function} must be None when the source is a "
        f"DataFrame ({why}). Got {value!r} instead."
    )


# What a table or text file's structure is written in: an encoding must keep these bytes
# as they are, or lines, delimiters and quotes could not be found before decoding.
_ASCII_PROBE = "\t\n\r ,;\"'#<>{}[]=Aa0"


def _encoding(value: str | None, function: str, frame: bool) -> str | None:
    """The codec name ``encoding=`` gives (Python's canonical name), checked."""
    if value is None:
        return None
    if frame:
        raise _not_for_frames("encoding", value, function, "it names a file's charset")
    try:
        info = codecs.lookup(value) if isinstance(value, str) else None
        keeps_ascii = (
            info is not None
            and getattr(info, "_is_text_encoding", True)
            and _ASCII_PROBE.encode(info.name) == _ASCII_PROBE.encode("ascii")
        )
    except (LookupError, UnicodeError):
        keeps_ascii = False
    if not keeps_ascii:
        raise ValueError(
            f"The 'encoding' parameter of {function} must be None (UTF-8, else a confident "
            "guess of a Cyrillic charset) or the name of a charset that writes ASCII as "
            "ASCII, e.g. 'cp1251', 'koi8_r', 'cp866', 'cp1252', 'latin-1' (UTF-16 and "
            f"UTF-32 files: convert them to UTF-8). Got {value!r} instead."
        )
    assert info is not None  # keeps_ascii says so
    return info.name


#: Corpus columns a ``file_pattern`` group may fill (where the file gives no value).
FILE_PATTERN_COLUMNS = ("outlet", "published")


def _file_pattern(value: str | None, function: str, frame: bool) -> re.Pattern[str] | None:
    """The compiled ``file_pattern``: a regex with named groups, none naming a fixed column."""
    if value is None:
        return None
    if frame:
        raise _not_for_frames("file_pattern", value, function, "it reads file names")
    try:
        pattern = re.compile(value) if isinstance(value, str) else None
    except re.error as error:
        raise ValueError(
            f"The 'file_pattern' parameter of {function} must be a regular expression. "
            f"Got {value!r} instead ({error})."
        ) from None
    if pattern is None or not pattern.groupindex:
        raise ValueError(
            f"The 'file_pattern' parameter of {function} must be a regular expression with "
            f"named groups, e.g. r'(?P<outlet>[^_]+)_(?P<published>\\d{{8}})'. "
            f"Got {value!r} instead."
        )
    from framing.corpus.schema import CORPUS_COLUMNS

    fixed = [
        name
        for name in pattern.groupindex
        if (name in CORPUS_COLUMNS and name not in FILE_PATTERN_COLUMNS) or name == "file"
    ]
    if fixed:
        raise ValueError(
            f"The 'file_pattern' parameter of {function} may fill the corpus columns "
            f"{list(FILE_PATTERN_COLUMNS)} and new columns; got the group(s) {fixed}, which "
            "name columns the reader makes itself (call them otherwise)."
        )
    return pattern


# -- a DataFrame as the source -------------------------------------------------------------
#: How a DataFrame source is named in the load report and the ``source`` column.
FRAME_SOURCE = "<DataFrame>"


def frame_chunks(frame: pd.DataFrame, size: int) -> Iterator[Chunk]:
    """A DataFrame's rows as chunks of raw values, like a table file's.

    Column names become strings (repeats made unique as in a file's header); the index
    is not read. Rows are named ``row N``, N the row's position (``frame.iloc[N]``).
    """
    header = header_names(list(frame.columns))
    for start in range(0, len(frame), size):
        part = frame.iloc[start : start + size]
        columns = {name: part.iloc[:, i].tolist() for i, name in enumerate(header)}
        records = [f"row {start + i}" for i in range(len(part))]
        yield Chunk(columns, records)
