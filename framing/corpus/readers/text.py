"""Plain text files (format ``"text"``): one document a file, the title its first line.

The first non-blank line is the title; the rest is the text, with its line breaks kept:
a single line break stays a line break (``"\\n"``) and one or more blank lines are a
paragraph break (``"\\n\\n"`` after text repair), so that a hard-wrapped file keeps every
word boundary and its paragraphs (``framing.voice`` reads paragraphs the same way). Line
ends ``\\r\\n`` and ``\\r`` become ``\\n``. The document's id is the file's name without
its extension (``read_corpus`` of a folder: the name relative to the folder).

The file is read as UTF-8, or in the charset ``encoding=`` names, or, when it is not
UTF-8, in a Cyrillic charset (windows-1251, KOI8-R/U, DOS 866) that ``_charsets`` is
sure of; the load report's ``encoding`` says which. Otherwise the first line that is not
UTF-8 is reported and the file is not read.

A ``.txt`` file whose first line is a dump header is read as a dump instead (see
``_sources``). In a folder, a ``.txt`` file shaped like a table (every line the same
number of tab-separated fields: an annotation or label file) is not read as an article:
it is listed in the load report's ``skipped``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from framing.corpus._report import Collector, RecordError
from framing.corpus.readers._charsets import text_encoding
from framing.corpus.readers._registry import Chunk, Source, register
from framing.corpus.readers._sources import check_text_file
from framing.corpus.readers._text_io import decode
from framing.limits import get_limits


@register(
    "text",
    extensions=(".txt",),
    aliases=("txt",),
    expected="a title line followed by the text",
)
def _read_text(path: Path, source: Source, collector: Collector, size: int) -> Iterator[Chunk]:
    """One document: the first non-blank line is the title, the rest the text."""
    check_text_file(path, "text")
    source.structured = True
    source.id_from_file = True
    limit = get_limits().record_bytes
    with path.open("rb") as handle:
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise RecordError(
            source.path,
            "line 1",
            f"the file is larger than the record limit of {limit:,} bytes (raise it with "
            "framing.set_limits(record_bytes=...))",
        )
    encoding = text_encoding(source, raw, whole=True)
    try:
        content = raw.decode(encoding)
    except UnicodeDecodeError as error:
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        number = raw.count(b"\n", 0, error.start) + 1
        line_end = raw.find(b"\n", error.start)
        _, problem = decode(raw[line_start : len(raw) if line_end < 0 else line_end], encoding)
        collector.fail(source.path, f"line {number}", problem or f"the text is not {encoding}")
        return
    lines = content.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        collector.fail(
            source.path,
            "line 1",
            "the file holds no text, only white space (expected a title line and the text)",
        )
        return
    title = lines[first].strip()
    text = "\n".join(lines[first + 1 :]).strip() or None
    yield Chunk({"title": [title], "text": [text]}, [f"line {first + 1}"])
