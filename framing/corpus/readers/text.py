"""Plain text files (format ``"text"``): one document a file, the title its first line.

A ``.txt`` file whose first line is a dump header is read as a dump instead (see
``_sources``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from framing.corpus._report import Collector
from framing.corpus.readers._registry import Chunk, Source, register
from framing.corpus.readers._sources import check_text_file, utf8_lines


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
    lines = list(utf8_lines(path))
    first = next(i for i, line in enumerate(lines) if line.strip())
    title = lines[first].strip()
    text = "".join(lines[first + 1 :]).strip() or None
    yield Chunk({"title": [title], "text": [text]}, [f"line {first + 1}"])
