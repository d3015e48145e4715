"""What to read and how: the options, the files a source names, and each file's format.

- :func:`check_options` checks the options every reader shares, once per call, and
  :func:`renamed_columns` settles ``rename=`` and its deprecated spelling ``columns=``;
- :func:`source_paths` turns a path, glob, folder or list of these into files, leaving
  out (and listing in the load report) what a folder holds besides documents;
- :func:`frame_chunks` reads a pandas DataFrame given as the source, like a table file;
- :func:`detect_format` tells a file's format from its extension and first bytes;
- :func:`check_text_file` and :func:`utf8_lines` are the text formats' common start.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from framing.corpus._report import Collector, RecordError
from framing.corpus.dumps import HEADER
from framing.corpus.readers._registry import (
    FORMATS,
    expected_content,
    format_by_extension,
    sniff_content,
)
from framing.corpus.schema import CorpusError

_BINARY_PROBE = 8192


# -- the files a source names -----------------------------------------------------------
@dataclass(frozen=True)
class SourceFile:
    """A file to read: its path, its name for the ``file`` column, and how it was found.

    ``name`` is the path relative to the folder (or the glob's folder) it was found in,
    with ``/`` between folders, or the file's own name when it was named directly.
    ``in_folder`` says it was found by listing a folder or a glob, not named.
    """

    path: Path
    name: str
    in_folder: bool = False


def source_paths(source: Any, collector: Collector) -> list[Path]:
    """The files to read, in order, from a path, glob, folder or a list of these."""
    return [found.path for found in source_files(source, collector)]


def source_files(source: Any, collector: Collector) -> list[SourceFile]:
    """The files to read, in order, with their names, from paths, globs and folders."""
    items = list(source) if isinstance(source, list | tuple) else [source]
    if not items:
        raise ValueError("The 'source' parameter of read_corpus is an empty list; expected files.")
    files: list[SourceFile] = []
    for item in items:
        if isinstance(item, pd.DataFrame):
            raise ValueError(
                "The 'source' parameter of read_corpus takes one DataFrame, not a list of "
                "them (pd.concat them first). Got a list holding a DataFrame instead."
            )
        if not isinstance(item, str | os.PathLike):
            raise ValueError(
                "The 'source' parameter of read_corpus must be a path, a glob, a folder or a "
                f"list of these, or a pandas DataFrame. Got {type(item).__name__} instead."
            )
        text = os.fspath(item)
        path = Path(text)
        if path.is_dir():
            files.extend(_folder_files(path, collector))
        elif path.is_file():
            files.append(SourceFile(path, path.name))
        elif glob.has_magic(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise CorpusError(f"The pattern {text!r} matched no files.")
            base = _glob_base(text)
            for match in matches:
                match_path = Path(match)
                if match_path.is_dir():
                    files.extend(_folder_files(match_path, collector))
                elif match_path.is_file():
                    files.append(SourceFile(match_path, _relative_name(match_path, base), True))
        else:
            raise CorpusError(f"Could not read {text}: no such file or folder.")
    return files


def _glob_base(pattern: str) -> Path:
    """The folder a glob's matches are named from: its leading part without wildcards."""
    parts = Path(pattern).parts
    fixed = []
    for part in parts[:-1]:
        if glob.has_magic(part):
            break
        fixed.append(part)
    return Path(*fixed) if fixed else Path(".")


def _relative_name(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.name


# Files that document a folder of data rather than hold its documents: a folder read
# leaves them out (listed in the load report's ignored_files), so that a dataset's
# SOURCE.txt or README.txt is not read as an article. Named one by one, they are read.
_DOCUMENTATION_NAMES = frozenset(
    {
        "readme",
        "license",
        "licence",
        "copying",
        "notice",
        "authors",
        "changelog",
        "changes",
        "citation",
        "manifest",
        "source",
        "sources",
    }
)


def _is_documentation(path: Path) -> bool:
    return path.name.split(".")[0].lower() in _DOCUMENTATION_NAMES


def _folder_files(folder: Path, collector: Collector) -> list[SourceFile]:
    """A folder's files in a readable format, recursively; the others go to the report.

    Hidden files and folders are skipped. A symbolic link that leads out of the folder
    is not followed: it is listed in the report's ``skipped`` with the reason (a shared
    corpus archive must not read, and pass on, files from elsewhere on the machine).
    """
    extensions = format_by_extension()
    root = folder.resolve()
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_symlink():  # rglob does not descend into linked folders
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):  # dangling, or a loop
                target = None
            if target is None or not target.is_relative_to(root):
                where = "nowhere" if target is None else str(target)
                collector.skip(
                    str(path),
                    None,
                    f"a symbolic link that leads out of the folder (to {where}); not followed",
                    document=False,
                )
                continue
        if not path.is_file():
            continue
        if path.suffix.lower() in extensions and not _is_documentation(path):
            found.append(SourceFile(path, relative.as_posix(), True))
        elif not _is_documentation(path) and sniff_content(path, read_head(path)) is not None:
            # an export by its content: a .warc.gz, a feed's .xml, ...
            found.append(SourceFile(path, relative.as_posix(), True))
        else:
            collector.ignored_files.append(str(path))
    return found


# -- each file's format ------------------------------------------------------------------
def detect_format(path: Path, forced: str | None) -> str:
    """The format to read ``path`` in: ``forced`` (``format=``), else told from the file.

    The export formats' sniffers are asked first (a Factiva page is ``.html``, a Media
    Cloud list ``.csv``, a Telegram export ``.json``: see ``_registry.sniff_content``).
    A ``.txt`` (or extension-less) file whose first line is a dump header is a dump; a
    ``.json`` file of one object per line is JSON Lines; a file with an unknown extension
    is told by its first bytes (Parquet, a zip workbook, markup, JSON).
    """
    suffix = path.suffix.lower()
    head = read_head(path)
    if forced is None:
        # News-database exports, Telegram, Media Cloud, WARC and feeds, told by content.
        sniffed = sniff_content(path, head)
        if sniffed is not None:
            return sniffed
    if forced in ("text", "dump") or (forced is None and suffix in (".txt", ".dump", "")):
        if forced == "text":
            return "text"
        if _first_line_is_header(head) or forced == "dump" or suffix == ".dump":
            return "dump"
        if suffix == ".txt":
            return "text"
    if forced is not None:
        return forced
    extensions = format_by_extension()
    if suffix == ".json":
        return "jsonl" if _looks_like_json_lines(path) else "json"
    if suffix in extensions:
        return extensions[suffix]
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"PK\x03\x04"):
        return "excel"
    stripped = head.lstrip()
    if stripped.startswith(b"<"):
        return "html"
    if stripped.startswith(b"{"):
        return "jsonl"
    if stripped.startswith(b"["):
        return "json"
    raise RecordError(
        str(path),
        None,
        f"could not tell the file's format from its name or content; name one with "
        f"format= (one of {list(FORMATS)})",
    )


def read_head(path: Path) -> bytes:
    """The file's first bytes, enough to sniff its format and delimiter."""
    with path.open("rb") as handle:
        return handle.read(_BINARY_PROBE)


def _first_line_is_header(head: bytes) -> bool:
    for line in head.decode("utf-8", "replace").lstrip("\ufeff").splitlines():
        if line.strip():
            return bool(HEADER.match(line.rstrip()))
    return False


def _looks_like_json_lines(path: Path) -> bool:
    """True if the file's first line is a whole JSON object and more lines follow.

    The first line is read whole (up to the record limit), however long it is.
    """
    from framing.limits import get_limits

    limit = get_limits().record_bytes
    with path.open("rb") as handle:
        first = handle.readline(limit + 1)
        if len(first) > limit:
            return False
        rest = handle.read(_BINARY_PROBE)
    text = first.decode("utf-8", "replace").lstrip("\ufeff").strip()
    if not text.startswith("{"):
        return False
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return False
    return isinstance(value, dict) and bool(rest.strip())


def looks_like_table(path: Path) -> str | None:
    """Why a ``.txt`` file found in a folder is a table rather than an article, or None.

    A file whose non-blank lines (two or more) all hold the same number of tab-separated
    fields, most of them filled, is a table: an annotation or label file, a TSV saved as
    ``.txt``. An article indented with tabs (every line starting with one) is not.
    """
    head = read_head(path)
    if b"\t" not in head:
        return None
    lines = [line for line in head.decode("utf-8", "replace").splitlines() if line.strip()]
    if len(head) == _BINARY_PROBE and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut off
    if len(lines) < 2:
        return None
    widths = {line.count("\t") + 1 for line in lines}
    if len(widths) != 1 or widths == {1}:
        return None
    if sum(not line.startswith("\t") for line in lines) < 0.8 * len(lines):
        return None
    (width,) = widths
    return (
        f"a table, not an article: its {len(lines)} lines each hold {width} tab-separated "
        "fields (read it with format='tsv' if it holds documents)"
    )


# -- the text formats' common start ------------------------------------------------------
def check_text_file(path: Path, file_format: str) -> None:
    """Raise RecordError for an empty file, a UTF-16/UTF-32 one or a binary one.

    A file is binary when its first 8 KiB are not UTF-8 and hold NUL bytes, or are more
    than a tenth NUL bytes; a few NULs in UTF-8 text are left to the record that holds
    them (text repair removes them).
    """
    head = read_head(path)
    expected = expected_content(file_format)
    if not head.strip():
        raise RecordError(str(path), None, f"the file is empty (expected {expected})")
    if head.strip() == b"\xef\xbb\xbf":
        raise RecordError(
            str(path), None, f"the file holds only a byte-order mark (expected {expected})"
        )
    wide = _wide_encoding(head)
    if wide is not None:
        raise RecordError(
            str(path),
            None,
            f"the file is {wide} text; expected UTF-8 (save it as UTF-8, or convert it, e.g. "
            f"iconv -f {wide} -t UTF-8): {expected}",
        )
    if b"\x00" in head and (head.count(b"\x00") * 10 > len(head) or not _utf8_prefix(head)):
        raise RecordError(
            str(path),
            None,
            f"the file is binary (it holds NUL bytes); expected UTF-8 text: {expected}",
        )


def _wide_encoding(head: bytes) -> str | None:
    """ "UTF-16"/"UTF-32" for a file in one of those (by its BOM or its NUL pattern)."""
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    sample = head[:512]
    if len(sample) >= 8:
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) > 0.6 * len(odd) and even.count(0) < 0.1 * len(even):
            return "UTF-16"  # little-endian ASCII: "t\0i\0t\0"
        if even.count(0) > 0.6 * len(even) and odd.count(0) < 0.1 * len(odd):
            return "UTF-16"
    return None


def _utf8_prefix(head: bytes) -> bool:
    """True if ``head`` is UTF-8, allowing a character cut at its end."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start >= len(head) - 3 and error.reason == "unexpected end of data"
    return True


def utf8_lines(path: Path) -> Iterator[str]:
    """The file's lines as text, naming the line that is not UTF-8."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                raise RecordError(
                    str(path),
                    f"line {number}",
                    f"the text is not UTF-8 (byte {raw[error.start : error.start + 1]!r} at "
                    f"column {error.start + 1}); expected UTF-8 text",
                ) from None
            if number == 1:
                line = line.lstrip("\ufeff")
            # A lone \r (old Mac exports) or U+2028 ends a line too, as in str.splitlines,
            # so that the dump's blank-line structure reads the same whatever the endings.
            yield from line.splitlines() or [""]
