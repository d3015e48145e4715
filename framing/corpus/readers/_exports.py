"""What the export readers share: text of Word, RTF and HTML markup, bytes, rows.

The news-database exports (Nexis, Factiva, Integrum), Telegram, web archives and feeds
each have their own module; this one holds what they have in common:

- :func:`decode_bytes` reads bytes in their declared or detected encoding, never
  silently replacing characters when another encoding reads them whole;
- :func:`docx_paragraphs`, :func:`rtf_text` and :func:`markup_text` turn a Word
  document, an RTF file and an HTML fragment into paragraphs of plain text;
- ``_export_dates.export_date`` reads the dates the exports print ("July 1, 2019 Monday 9:20 AM
  GMT", "13 November 2017", "9 Januar 1993", "09.02.1994", "31.12.12") into UTC
  timestamps, in English, German, French, Spanish, Italian, Portuguese, Dutch and Russian;
- :class:`Rows` gathers a file's documents into chunks, and reports a document that
  repeats an earlier one of the same file (same outlet, date, title and text) as a
  duplicate instead of keeping it twice.
"""

from __future__ import annotations

import functools
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing.corpus._report import Collector, RecordError
from framing.corpus.readers._registry import Chunk, Source

#: The most a zip member (a Word document's XML) may unpack to, in bytes.
MAX_UNPACKED = 256 * 1024 * 1024
#: How much of a file the sniffers read at most to recognise an export.
SNIFF_BYTES = 1024 * 1024


# -- bytes to text ---------------------------------------------------------------------------
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)


def declared_encoding(head: bytes) -> str | None:
    """The encoding a document declares in its first bytes (meta charset, XML declaration)."""
    found = _DECLARED.search(head[:4096])
    if found is None:
        return None
    name = found.group(1).decode("ascii", "replace").lower()
    try:
        import codecs

        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """The text of ``data`` and the encoding that read it.

    A byte-order mark wins; then UTF-8 when the bytes are valid UTF-8 (exports often
    declare one encoding and hold another: a "UTF-8" Factiva page in Latin-1, a
    "utf-16" feed in UTF-8); then the declared single-byte encoding; then windows-1252,
    which reads any byte. Nothing is replaced silently.
    """
    for bom, name in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name), name
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared and not declared.startswith(("utf-8", "utf_8", "utf-16", "utf_16", "utf-32")):
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("cp1252", "replace"), "cp1252"


def read_bytes(path: Path, source: Source, expected: str) -> bytes:
    """The file's bytes; an empty file is a RecordError naming what was expected."""
    data = path.read_bytes()
    if not data.strip():
        raise RecordError(source.path, None, f"the file is empty (expected {expected})")
    return data


# -- paragraphs of text -----------------------------------------------------------------------
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2007\u202f]+")


def clean_line(text: str) -> str:
    """A line with runs of spaces (no-break spaces included) made one space, trimmed.

    "Â" before a no-break space, the mark of a UTF-8 no-break space read as Latin-1
    (exports are full of it), goes with the space.
    """
    return _SPACES.sub(" ", text.replace("\u00c2\u00a0", " ")).strip()


def join_paragraphs(paragraphs: list[str]) -> str | None:
    """Paragraphs joined by a blank line; None when there are none."""
    kept = [p.strip() for p in paragraphs if p and p.strip()]
    return "\n\n".join(kept) or None


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_paragraphs(path: Path, label: str) -> list[str]:
    """The paragraphs of a Word document's body, in order, as plain text.

    Tables give one paragraph per cell paragraph. Line breaks inside a paragraph
    (``<w:br/>``) are kept as ``\\n``; tabs as a space. A file that is not a Word
    document raises RecordError.
    """
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_UNPACKED:
                raise RecordError(
                    label,
                    None,
                    f"the Word document unpacks to {info.file_size:,} bytes, over the limit "
                    f"of {MAX_UNPACKED:,}",
                )
            xml = archive.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, zlib.error, RuntimeError) as error:
        raise RecordError(
            label, None, f"expected a Word .docx document ({type(error).__name__}: {error})"
        ) from None
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True, recover=True
    )
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as error:
        raise RecordError(label, None, f"the Word document's XML is broken ({error})") from None
    if root is None:
        raise RecordError(label, None, "the Word document's XML is empty")
    body = root.find(f"{_W}body")
    if body is None:
        return []
    paragraphs: list[str] = []
    for element in body.iter(f"{_W}p"):
        parts: list[str] = []
        for node in element.iter(f"{_W}t", f"{_W}br", f"{_W}cr", f"{_W}tab"):
            if node.tag == f"{_W}t":
                parts.append(node.text or "")
            elif node.tag == f"{_W}tab":
                parts.append(" ")
            else:
                parts.append("\n")
        paragraphs.append("".join(parts))
    return paragraphs


_ANSI_CODEPAGE = re.compile(rb"\\ansicpg(\d+)")


def rtf_text(data: bytes) -> str:
    """The plain text of an RTF document, one paragraph a line (by ``striprtf``).

    The document's code page (``\\ansicpg1251``, ...) reads its ``\\'hh`` escapes;
    ``\\uN`` escapes are Unicode whatever the code page.
    """
    from striprtf.striprtf import rtf_to_text

    found = _ANSI_CODEPAGE.search(data[:4096])
    encoding = f"cp{int(found.group(1))}" if found else "cp1252"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "cp1252"
    raw = data.decode("latin-1")  # RTF is 7-bit; 8-bit bytes survive as themselves
    return rtf_to_text(raw, encoding=encoding, errors="replace")


_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "blockquote",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "section",
        "article",
        "header",
        "footer",
        "figure",
        "figcaption",
        "dd",
        "dt",
        "hr",
    }
)
_DROPPED_TAGS = ("script", "style", "noscript", "iframe", "object", "embed", "template")


def element_paragraphs(element: Any) -> list[str]:
    """The paragraphs of an lxml HTML element: block elements and ``<br>`` break them."""
    pieces: list[str] = []

    def walk(node: Any) -> None:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag in _DROPPED_TAGS:
            if node.tail:
                pieces.append(node.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            pieces.append("\n")
        if node.text and isinstance(node.tag, str):
            pieces.append(node.text)
        for child in node:
            walk(child)
        if block:
            pieces.append("\n")
        if node.tail:
            pieces.append(node.tail)

    walk(element)
    text = "".join(pieces)
    return [line for line in (clean_line(part) for part in text.split("\n")) if line]


def markup_text(markup: str) -> str | None:
    """Plain text of an HTML fragment (a feed item's content): paragraphs by blank lines.

    Text without markup is returned as it is (white space tidied); scripts and styles
    are dropped; entities are read.
    """
    if markup is None:
        return None
    if "<" not in markup and "&" not in markup:
        return join_paragraphs([clean_line(p) for p in re.split(r"\n\s*\n", markup)])
    import lxml.html
    from lxml import etree

    try:
        fragment = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return join_paragraphs([clean_line(markup)])
    return join_paragraphs(element_paragraphs(fragment))


# -- damaged containers ------------------------------------------------------------------------
#: What the container libraries (zipfile, zlib, openpyxl, warcio, lxml, striprtf) raise on
#: a damaged file, besides RecordError: each becomes a RecordError naming the file.
CONTAINER_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    RuntimeError,
    RecursionError,
    MemoryError,
)


def guarded(expected: str) -> Callable[[Any], Any]:
    """Make a reader's unexpected errors on a damaged file a RecordError naming the file.

    With ``errors="report"`` the file is then listed in the load report (the documents
    read before the damage are kept); with ``errors="raise"`` the error names the file
    and what a file of the format holds.
    """

    def wrap(read: Any) -> Any:
        @functools.wraps(read)
        def reader(path: Path, source: Source, collector: Collector, size: int) -> Iterator[Any]:
            try:
                yield from read(path, source, collector, size)
            except RecordError:
                raise
            except CONTAINER_ERRORS as error:
                raise RecordError(
                    source.path,
                    None,
                    f"the file is damaged or not what its content first said "
                    f"({type(error).__name__}: {str(error)[:200]}); expected {expected}",
                ) from None

        return reader

    return wrap


# -- rows of a file ----------------------------------------------------------------------------
@dataclass
class Rows:
    """A file's documents, given to the pipeline in chunks; repeats reported, not kept.

    ``add`` takes one document's fields (corpus column names for the corpus columns,
    any other name for extra columns) and the record's name. A document whose outlet,
    date, title and text equal an earlier one's in the same file is skipped and listed
    in the load report as a duplicate of that record (never raised: the export repeats
    it, nothing is lost). ``skip`` lists a record that holds no document.
    """

    source: Source
    collector: Collector
    size: int
    rows: list[dict[str, Any]] = field(default_factory=list)
    records: list[str] = field(default_factory=list)
    seen: dict[tuple[Any, ...], str] = field(default_factory=dict)
    duplicates: bool = True

    def add(self, fields: dict[str, Any], record: str) -> Iterator[Chunk]:
        if self.duplicates:
            key = tuple(str(fields.get(name)) for name in ("outlet", "published", "title", "text"))
            first = self.seen.get(key)
            if first is not None:
                self.collector.skip(
                    self.source.path,
                    record,
                    f"a duplicate of {first} of this file (the same outlet, date, title and "
                    "text): the export repeats it, and it is kept once",
                )
                return
            self.seen[key] = record
        self.rows.append(fields)
        self.records.append(record)
        if len(self.rows) >= self.size:
            yield from self.flush()

    def skip(self, record: str, reason: str, *, document: bool = False) -> None:
        """A record that holds no document (a service message, a request record)."""
        self.collector.skip(self.source.path, record, reason, document=document)

    def flush(self) -> Iterator[Chunk]:
        if self.rows:
            yield Chunk.from_records(self.rows, self.records)
            self.rows, self.records = [], []


def sniff_bytes(path: Path, limit: int = SNIFF_BYTES) -> bytes:
    """Up to ``limit`` first bytes of a file, for a sniffer that needs more than the head."""
    with path.open("rb") as handle:
        return handle.read(limit)


_LANGUAGES = {
    "english": "en", "englisch": "en", "anglais": "en", "inglés": "en", "ingles": "en",
    "inglese": "en", "engels": "en", "английский": "en",
    "german": "de", "deutsch": "de", "allemand": "de", "alemán": "de", "aleman": "de",
    "tedesco": "de", "duits": "de", "немецкий": "de",
    "french": "fr", "französisch": "fr", "français": "fr", "francais": "fr", "francés": "fr",
    "frances": "fr", "francese": "fr", "frans": "fr", "французский": "fr",
    "spanish": "es", "spanisch": "es", "espagnol": "es", "español": "es", "espanol": "es",
    "spagnolo": "es", "spaans": "es", "испанский": "es",
    "italian": "it", "italienisch": "it", "italien": "it", "italiano": "it", "italiaans": "it",
    "portuguese": "pt", "portugiesisch": "pt", "portugais": "pt", "portugués": "pt",
    "português": "pt", "dutch": "nl", "niederländisch": "nl", "néerlandais": "nl",
    "nederlands": "nl", "russian": "ru", "russisch": "ru", "russe": "ru", "ruso": "ru",
    "russo": "ru", "русский": "ru", "ukrainian": "uk", "ukrainisch": "uk", "украинский": "uk",
    "українська": "uk", "polish": "pl", "polnisch": "pl", "chinese": "zh", "chinesisch": "zh",
    "japanese": "ja", "japanisch": "ja", "arabic": "ar", "arabisch": "ar", "turkish": "tr",
    "türkisch": "tr",
}  # fmt: skip


def language_code(name: str | None) -> str | None:
    """The ISO 639-1 code of a language named in an export ("ENGLISH", "Deutsch"), else
    the name as given (lower case); None for a blank."""
    if not name or not name.strip():
        return None
    value = clean_line(name).lower()
    if re.fullmatch(r"[a-z]{2}(?:[-_][a-z]{2})?", value):
        return value[:2]
    return _LANGUAGES.get(value, value)
