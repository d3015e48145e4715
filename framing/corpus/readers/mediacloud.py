"""Media Cloud story lists (format ``"mediacloud"``): the CSV of a search's stories.

Both exports are recognised by their header: the legacy platform's (``stories_id,
publish_date, title, url, language, ap_syndicated, themes, media_id, media_name,
media_url``) and the current search tool's (``id, indexed_date, language, media_name,
media_url, publish_date, title, url``). Each row is a story: ``media_name`` is the
outlet (a domain such as ``nytimes.com`` becomes the outlet's name through
``framing.corpus.outlets``), ``stories_id`` (or ``id``) the ``doc_id``, ``publish_date``
the date. The rest is read as any CSV (``framing.corpus.readers.delimited``), the other
columns kept as extra columns; rows are named by their line.

Dates: ``publish_date`` is ``2022-03-02 16:45:00`` (legacy, with fractions of a second
at times) or ``2022-03-02`` (current); neither carries a zone, and both are read as UTC,
the kit's rule for times without one. ``indexed_date`` (when Media Cloud found the
story) is kept as an extra column, never used as the publication date. Media Cloud
gives titles and URLs, no text: the corpus's ``text`` is empty.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from framing.corpus._report import Collector
from framing.corpus.readers._exports import guarded
from framing.corpus.readers._registry import Chunk, Source, register, sniffer
from framing.corpus.readers.delimited import _read_delimited

# Media Cloud's column -> the name the corpus's column aliases know.
_RENAMED = {"media_name": "outlet", "stories_id": "id"}


@sniffer
def _sniff_mediacloud(path: Path, head: bytes) -> str | None:
    if path.suffix.lower() not in (".csv", ".txt", ""):
        return None
    first = head.decode("utf-8", "replace").lstrip("\ufeff").split("\n", 1)[0]
    names = {name.strip().strip('"').lower() for name in first.split(",")}
    if "stories_id" in names and ("title" in names or "url" in names):
        return "mediacloud"
    if {"media_name", "publish_date", "title", "url"} <= names:
        return "mediacloud"
    return None


@register(
    "mediacloud",
    extensions=(),
    expected="a Media Cloud story list: a CSV with stories_id/id, publish_date, title, url, "
    "media_name",
)
@guarded("a Media Cloud story list (CSV)")
def _read_mediacloud(
    path: Path, source: Source, collector: Collector, size: int
) -> Iterator[Chunk]:
    """The CSV's rows, with Media Cloud's outlet and id columns named for the corpus."""
    for chunk in _read_delimited(path, source, collector, size):
        columns = {}
        for name, values in chunk.columns.items():
            target = _RENAMED.get(name.strip().lower(), name)
            columns[name if target in chunk.columns else target] = values
        yield Chunk(columns, chunk.records)
