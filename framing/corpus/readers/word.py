"""Word and RTF documents that are no database export: ``"word"`` (.docx) and ``"rtf"``.

One document a file, like a plain ``.txt`` file: the first non-blank paragraph is the
title, the others the text (paragraphs separated by a blank line). A ``.docx`` or
``.rtf`` file that holds a Nexis or Factiva export is read by that format instead
(told by content, see ``lexisnexis`` and ``factiva``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from framing.corpus._report import Collector
from framing.corpus.readers._exports import (
    clean_line,
    docx_paragraphs,
    guarded,
    join_paragraphs,
    read_bytes,
    rtf_text,
)
from framing.corpus.readers._registry import Chunk, Source, register


@register("word", extensions=(".docx",), expected="a Word .docx document: a title, then the text")
@guarded("a Word .docx document")
def _read_docx(path: Path, source: Source, collector: Collector, size: int) -> Iterator[Chunk]:
    """One document: the first paragraph is the title, the rest the text."""
    read_bytes(path, source, "a Word .docx document")
    yield from _one_document(docx_paragraphs(path, source.path), source, collector)


@register("rtf", extensions=(".rtf",), expected="an RTF document: a title, then the text")
@guarded("an RTF document")
def _read_rtf(path: Path, source: Source, collector: Collector, size: int) -> Iterator[Chunk]:
    """One document: the first paragraph is the title, the rest the text."""
    data = read_bytes(path, source, "an RTF document")
    if not data.lstrip().startswith(b"{\\rtf"):
        collector.fail(source.path, None, "expected an RTF document (starting '{\\rtf')")
        return
    yield from _one_document(rtf_text(data).splitlines(), source, collector)


def _one_document(paragraphs: list[str], source: Source, collector: Collector) -> Iterator[Chunk]:
    source.structured = True
    lines = [clean_line(" ".join(p.split("\n"))) for p in paragraphs]
    first = next((i for i, line in enumerate(lines) if line), None)
    if first is None:
        collector.fail(source.path, "paragraph 1", "the document holds no text")
        return
    text = join_paragraphs(lines[first + 1 :])
    yield Chunk({"title": [lines[first]], "text": [text]}, [f"paragraph {first + 1}"])
