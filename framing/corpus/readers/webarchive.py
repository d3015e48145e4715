"""Web archives (format ``"warc"``): WARC, ARC and WET files, compressed or not.

Read with Webrecorder's ``warcio`` (gzip per record or a whole-file stream; ARC records
are read as WARC). Each HTTP response of status 200 whose content is HTML is a
document, made by the kit's saved-page reader (``framing.corpus.readers.html``: title,
``og:``/``article:`` meta tags and JSON-LD, the body by trafilatura, offline): its URL
is the record's ``WARC-Target-URI`` (the angle brackets some wget versions put around
it removed), its date the page's own publication date where the page gives one (else
none: the capture time is no publication date; it is kept as ``captured``). A WET
file's ``conversion`` records (text already extracted) are documents too, untitled.

Every other record is listed in the load report with what it is: ``warcinfo``,
``request``, ``metadata`` and ``resource`` records (the crawl's own notes), responses
that are not HTML (images, scripts, style sheets, robots.txt) or not status 200
(redirects, errors), HTML pages that only redirect (a ``<meta http-equiv="refresh">``
and a line of text), DNS records, and ``revisit`` records (a capture whose content is
stored in an earlier record). These are not documents and are not counted as read; an
HTML page from which no title and no text can be read is. A file that ends inside a
record (a truncated download) raises, or with ``errors="report"`` is listed with the
records read before it. Records are named ``record N`` (from 1, in file order).
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from framing.corpus._report import Collector, RecordError
from framing.corpus.readers._exports import declared_encoding, decode_bytes, guarded
from framing.corpus.readers._registry import Chunk, Source, register, sniffer

_EXPECTED = "a web archive: WARC, ARC or WET records, gzip-compressed or not"
#: The most of one record's content read, in bytes (larger pages are cut and said so).
MAX_RECORD = 64 * 1024 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_REFRESH = re.compile(
    r"""<meta[^>]+http-equiv\s*=\s*["']?refresh["']?[^>]*?(?:url\s*=\s*([^"'>]+))?""", re.I
)


@sniffer
def _sniff_warc(path: Path, head: bytes) -> str | None:
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.open(path, "rb") as handle:
                head = handle.read(64)
        except (OSError, EOFError):
            return None
    if head.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    return None


@register(
    "warc",
    extensions=(".warc", ".arc", ".wet"),
    aliases=("arc", "wet", "webarchive"),
    expected=_EXPECTED,
)
@guarded(_EXPECTED)
def _read_warc(path: Path, source: Source, collector: Collector, size: int) -> Iterator[Chunk]:
    """The HTML pages (and WET texts) of a web archive; every other record reported."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    source.structured = True
    with path.open("rb") as probe:
        head = probe.read(64)
    if _sniff_warc(path, head) is None:
        raise RecordError(
            source.path,
            None,
            f"expected {_EXPECTED}: the file does not start with 'WARC/' or 'filedesc://' "
            "(compressed or not)",
        )
    rows: list[dict[str, Any]] = []
    records: list[str] = []
    number = 0
    end = 0
    with path.open("rb") as handle:
        try:
            iterator = ArchiveIterator(handle, arc2warc=True)
            for number, record in enumerate(iterator, start=1):
                name = f"record {number}"
                fields = _record_fields(record, name, source, collector)
                iterator.read_to_end(record)
                end = iterator.get_record_offset() + iterator.get_record_length()
                if fields is not None:
                    rows.append(fields)
                    records.append(name)
                if len(rows) >= size:
                    yield Chunk.from_records(rows, records)
                    rows, records = [], []
            left = path.stat().st_size - end
            if left > 4:  # a record ends with a separator of 2 to 4 bytes
                raise EOFError(f"{left} bytes after the last whole record hold no whole record")
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as error:
            if number == 0:
                raise RecordError(
                    source.path, None, f"expected {_EXPECTED} ({type(error).__name__}: {error})"
                ) from None
            if rows:
                yield Chunk.from_records(rows, records)
                rows, records = [], []
            raise RecordError(
                source.path,
                f"record {number + 1}",
                f"the archive is damaged or cut short after record {number} "
                f"({type(error).__name__}: {error}); the records before it were read",
            ) from None
    if rows:
        yield Chunk.from_records(rows, records)


def _target(record: Any) -> str | None:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    if uri is None:
        return None
    return uri.strip().strip("<>").strip() or None


def _record_fields(
    record: Any, name: str, source: Source, collector: Collector
) -> dict[str, Any] | None:
    """The document of one record, or None (the record reported as what it is)."""
    kind = record.rec_type
    uri = _target(record)
    where = f" for {uri}" if uri else ""
    captured = record.rec_headers.get_header("WARC-Date")

    def note(reason: str) -> None:
        collector.skip(source.path, name, reason, document=False)

    if kind == "conversion":
        content = record.content_stream().read(MAX_RECORD)
        text, _ = decode_bytes(content)
        text = text.strip()
        if not text:
            note(f"a WET conversion record with no text{where}")
            return None
        return {"text": text, "url": uri, "captured": captured}
    if kind == "revisit":
        note(f"a revisit record{where}: a capture whose content is stored in an earlier record")
        return None
    if kind != "response":
        note(f"a {kind} record{where}: the crawl's own record, not a page")
        return None
    headers = record.http_headers
    if headers is None:
        note(f"a response record that is not HTTP{where} (a DNS lookup or similar)")
        return None
    status = headers.get_statuscode()
    content_type = (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if status != "200":
        note(f"an HTTP {status} response{where}, not a page (a redirect or an error)")
        return None
    content = record.content_stream().read(MAX_RECORD)
    if content_type not in _HTML_TYPES and not (
        not content_type and re.match(rb"\s*<(?:!doctype html|html)", content[:512], re.I)
    ):
        note(f"a response of type {content_type or 'unknown'}{where}, not an HTML page")
        return None
    declared = _charset(headers.get_header("Content-Type")) or declared_encoding(content[:4096])
    markup, _ = decode_bytes(content, declared)
    fields = _page_fields(markup)
    refresh = _REFRESH.search(markup[:8192])
    if refresh and len(fields.get("text") or "") < 300:
        target = f" to {refresh.group(1).strip()}" if refresh.group(1) else ""
        note(f"an HTML page{where} that only redirects{target} (meta refresh), not a page")
        return None
    if fields.get("title") is None and fields.get("text") is None:
        collector.fail(
            source.path,
            name,
            f"found no title and no article text in the HTML page{where} (expected <title>, "
            "og:title, JSON-LD headline or a readable body)",
        )
        return None
    fields["url"] = uri or fields.get("url")
    fields["captured"] = captured
    return fields


def _charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return declared_encoding(content_type.encode("latin-1", "replace"))


def _page_fields(markup: str) -> dict[str, Any]:
    """A saved page's fields, as the ``html`` format reads them."""
    from framing.corpus.readers.html import _html_fields

    return _html_fields(markup)
