"""LexisNexis exports (format ``"nexis"``): Nexis Uni, Lexis Advance, Nexis UK, Academic.

Two layouts, in four containers, are told apart by content:

- **Nexis Uni / Lexis Advance** (``.docx``, ``.rtf``): an optional cover page (``Documents
  (N)``, the list of titles, the search), then each document: title, outlet, date line
  (``July 1, 2019 Monday 9:20 AM GMT``; ``May 2, 2002, Thursday,, FINAL EDITION``),
  copyright, ``Section:``/``Length:``/``Byline:`` lines, ``Body``, the paragraphs,
  ``Classification``/``Graphic``/``Notes`` with ``Load-Date:``, ``Language:``,
  ``Subject:`` ... lines, and ``End of Document``.
- **LexisNexis Academic / Nexis UK** (``.TXT``, ``.html``, older ``.rtf``): each document
  starts with a line ``N of M DOCUMENTS``, then the outlet, the date line (``January 11,
  2010 Monday``, an edition may follow), the headline, ``BYLINE:``/``SECTION:``/
  ``LENGTH:`` lines, the body, ``LOAD-DATE:``/``LANGUAGE:``/``PUBLICATION-TYPE:`` lines
  and the copyright.

Dates are read by :func:`framing.corpus.readers._exports.export_date`: month-first in
English, day-first in the other UI languages; a time counts only with its zone (Nexis
prints ``GMT``), else the document is dated by its day and the time kept in ``time``.
Each document is named ``document N`` (its place in the file, from 1). The cover page
is no document; when it announces a number of documents that the file does not hold,
the load report says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.corpus._report import Collector, RecordError
from framing.corpus.readers._export_dates import date_fields, date_line
from framing.corpus.readers._exports import (
    Rows,
    clean_line,
    declared_encoding,
    decode_bytes,
    docx_paragraphs,
    element_paragraphs,
    guarded,
    join_paragraphs,
    language_code,
    read_bytes,
    rtf_text,
    sniff_bytes,
)
from framing.corpus.readers._registry import Chunk, Source, register, sniffer

_EXPECTED = (
    "a LexisNexis export: Nexis Uni .docx/.rtf documents ending 'End of Document', or "
    "LexisNexis Academic / Nexis UK .txt/.html documents starting 'N of M DOCUMENTS'"
)

#: The line that ends a Nexis Uni document, in the interface languages seen.
END_OF_DOCUMENT = re.compile(
    r"^(?:End of Document|Ende des Dokuments|Fin du document|Fin del documento|"
    r"Fine del documento|Einde van document|Fim do documento|Конец документа)$",
    re.IGNORECASE,
)
#: The line that starts a LexisNexis Academic / Nexis UK document.
DOCUMENT_LINE = re.compile(
    r"^\s*(\d+)\s+(?:of|von|de|di|van|из|sur)\s+(\d+)\s+"
    r"(?:DOCUMENTS?|DOKUMENTE?N?|DOCUMENTI|DOCUMENTOS|DOCUMENTEN|ДОКУМЕНТ\w*)\s*$",
    re.IGNORECASE,
)
_COVER_COUNT = re.compile(r"^(?:Documents|Dokumente|Documenti|Documentos|Документы)\s*\((\d+)\)$")
_BODY_MARKERS = frozenset({"body", "text", "corps", "cuerpo", "testo", "corpo", "tekst"})
_TRAILER_MARKERS = frozenset(
    {"classification", "graphic", "notes", "bibliography", "link to image", "klassifikation",
     "grafik", "anmerkungen", "classement", "graphique", "clasificación"}
)  # fmt: skip
# "Section:\xa0POLITICS" (Nexis Uni) and "BYLINE: Andrew Sparrow" (Academic, Nexis UK).
_KEY_LINE = re.compile(r"^([A-Za-zÄÖÜäöüÉéÈèÀàÇçÑñ][\w\- ]{1,30}?):(?:[\u00a0 \t]+(.*)|$)", re.S)
_UPPER_KEY = re.compile(r"^([A-Z][A-Z\-]{1,30}):(?:[ \t\u00a0]+(.*)|$)", re.S)
_TRAILER_KEYS = frozenset(
    {"load-date", "language", "publication-type", "subject", "organization", "geographic",
     "person", "industry", "company", "ticker", "journal-code", "document-type",
     "correction-date", "correction", "url", "notes", "graphic", "distribution", "type",
     "series", "city", "state", "country", "acc-no", "doc-id", "terms", "sprache",
     "dokumenttyp", "publikationstyp", "ladedatum", "langue"}
)  # fmt: skip
_FIELD_NAMES = {
    "byline": "author", "author": "author", "autor": "author", "auteur": "author",
    "section": "section", "rubrik": "section", "rubrique": "section", "sección": "section",
    "length": "length", "länge": "length", "longueur": "length", "dateline": "dateline",
    "highlight": "description", "language": "language", "sprache": "language",
    "langue": "language", "load-date": "load_date", "ladedatum": "load_date",
    "publication-type": "publication_type", "subject": "subject", "geographic": "geographic",
    "organization": "organization", "person": "person", "industry": "industry",
    "company": "company", "edition": "edition", "url": "url", "graphic": "graphic",
    "notes": "notes", "journal-code": "journal_code", "document-type": "document_type",
    "correction-date": "correction_date", "series": "series",
}  # fmt: skip
_COPYRIGHT = re.compile(r"^(?:Copyright|©|\(c\)|All Rights Reserved)", re.IGNORECASE)


@dataclass
class Block:
    """A paragraph of an export: its text and, where the container says, if centred."""

    text: str
    centered: bool | None = None

    @property
    def line(self) -> str:
        """The paragraph as one line (hard line breaks of text exports joined)."""
        return clean_line(" ".join(self.text.split("\n")))


# -- detection ---------------------------------------------------------------------------------
@sniffer
def _sniff_nexis(path: Path, head: bytes) -> str | None:
    suffix = path.suffix.lower()
    if suffix == ".docx" and head.startswith(b"PK\x03\x04"):
        return "nexis" if _docx_has_end_markers(path) else None
    if suffix not in (".txt", ".html", ".htm", ".rtf", "") or b"\x00" in head:
        return None
    if head.lstrip().startswith(b"{\\rtf"):
        lines = [clean_line(line) for line in rtf_text(sniff_bytes(path)).splitlines()]
        if any(END_OF_DOCUMENT.match(line) or DOCUMENT_LINE.match(line) for line in lines):
            return "nexis"
        return None
    if b"LXNComment" in head or re.search(rb"<DOCFULL>", head, re.IGNORECASE):
        return "nexis"
    if re.search(rb"^\s*\d+\s+of\s+\d+\s+DOCUMENTS\s*$", head, re.MULTILINE | re.IGNORECASE):
        return "nexis"
    if suffix == ".txt" and re.search(
        rb"^\s*(?:End of Document|Ende des Dokuments)\s*$", sniff_bytes(path, 65536), re.M
    ):
        return "nexis"
    return None


def _docx_has_end_markers(path: Path) -> bool:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        try:
            info = archive.getinfo("word/document.xml")
        except KeyError:
            return False
        if info.file_size > 256 * 1024 * 1024:
            return False
        xml = archive.read(info)
    text = re.sub(rb"<[^>]+>", b"", xml)
    return bool(
        re.search(rb"End of Document|Ende des Dokuments|Fin du document|Fin del documento", text)
    )


# -- reading -----------------------------------------------------------------------------------
@register(
    "nexis",
    extensions=(),
    aliases=("lexisnexis", "lexis", "nexisuni", "nexis_uni"),
    expected=_EXPECTED,
)
@guarded(_EXPECTED)
def _read_nexis(path: Path, source: Source, collector: Collector, size: int) -> Iterator[Chunk]:
    """Every document of a LexisNexis export, in file order."""
    source.structured = True
    data = read_bytes(path, source, _EXPECTED)
    blocks = _blocks(path, data, source)
    rows = Rows(source, collector, size)
    if any(END_OF_DOCUMENT.match(block.line) for block in blocks):
        yield from _uni_documents(blocks, rows)
    elif any(DOCUMENT_LINE.match(block.line) for block in blocks):
        yield from _classic_documents(blocks, rows)
    else:
        raise RecordError(
            source.path,
            None,
            "found no documents: no 'End of Document' line (Nexis Uni) and no "
            f"'N of M DOCUMENTS' line (LexisNexis Academic, Nexis UK); expected {_EXPECTED}",
        )
    yield from rows.flush()


def _blocks(path: Path, data: bytes, source: Source) -> list[Block]:
    """The export's paragraphs, from whichever container holds them."""
    if data.startswith(b"PK\x03\x04"):
        return [Block(p) for p in docx_paragraphs(path, source.path)]
    if data.lstrip().startswith(b"{\\rtf"):
        return [Block(line) for line in rtf_text(data).splitlines()]
    text, _ = decode_bytes(data, declared_encoding(data[:4096]))
    if re.match(r"\s*<", text) and re.search(r"<(?:html|body|p|div)\b", text[:65536], re.I):
        return _html_blocks(text)
    return _text_blocks(text)


def _text_blocks(text: str) -> list[Block]:
    """Paragraphs of a text export (blank-line separated); centred when all indented."""
    blocks: list[Block] = []
    lines: list[str] = []

    def close() -> None:
        if lines:
            centered = all(len(line) - len(line.lstrip(" ")) >= 6 for line in lines)
            blocks.append(Block("\n".join(line.strip() for line in lines), centered))
            lines.clear()

    for line in text.lstrip("\ufeff").splitlines():
        if line.strip():
            lines.append(line.rstrip())
        else:
            close()
    close()
    return blocks


def _html_blocks(markup: str) -> list[Block]:
    """Paragraphs of a Nexis UK HTML export, centred by their class's CSS or ``align``."""
    import lxml.html

    centered_classes = set(
        re.findall(r"\.([\w-]+)\s*\{[^}]*text-align\s*:\s*center", markup, re.IGNORECASE)
    )
    root = lxml.html.document_fromstring(markup)
    blocks: list[Block] = []
    for paragraph in root.iter("p"):
        centered = False
        node = paragraph
        while node is not None and not centered:
            classes = set((node.get("class") or "").split())
            centered = bool(classes & centered_classes) or (
                (node.get("align") or "").lower() == "center"
            )
            node = node.getparent() if node.tag in ("p", "span", "div") else None
        parts = element_paragraphs(paragraph)
        if parts:
            blocks.append(Block("\n".join(parts), centered))
    return blocks


# -- Nexis Uni / Lexis Advance -------------------------------------------------------------------
def _uni_documents(blocks: list[Block], rows: Rows) -> Iterator[Chunk]:
    segments: list[list[Block]] = [[]]
    for block in blocks:
        if END_OF_DOCUMENT.match(block.line):
            segments.append([])
        else:
            segments[-1].append(block)
    announced = _cover_count(segments[0])
    last = segments.pop()
    if any(block.line for block in last):
        segments.append(last)  # the file ends without 'End of Document': read what is there
    for number, segment in enumerate(segments, start=1):
        record = f"document {number}"
        fields = _uni_document([b.line for b in segment if b.line])
        if fields is None:
            rows.collector.fail(
                rows.source.path,
                record,
                "found no title, outlet and date lines before the document's text (expected "
                "a Nexis Uni document: title, outlet, date, then Section:/Length:/Byline:)",
            )
            continue
        yield from rows.add(fields, record)
    if announced is not None and announced != len(segments):
        rows.skip(
            "cover page",
            f"the cover page lists {announced} documents; the file holds {len(segments)}",
        )


def _cover_count(segment: list[Block]) -> int | None:
    for block in segment[:40]:
        found = _COVER_COUNT.match(block.line)
        if found:
            return int(found.group(1))
    return None


def _key_value(line: str) -> tuple[str, str] | None:
    found = _KEY_LINE.match(line)
    if found is None:
        return None
    return found.group(1).strip().lower(), clean_line(found.group(2) or "")


def _uni_document(lines: list[str]) -> dict[str, Any] | None:
    """One Nexis Uni document's fields from its non-blank paragraphs."""
    body_at = next((i for i, line in enumerate(lines) if line.lower() in _BODY_MARKERS), None)
    header_end = body_at if body_at is not None else len(lines)
    first_key = next(
        (i for i in range(header_end) if _is_header_key(lines[i]) and i >= 2), header_end
    )
    date_at = None
    for i in range(min(first_key, header_end) - 1, 1, -1):
        if date_line(lines[i]) is not None:
            date_at = i
            break
    if date_at is None:
        return None
    fields: dict[str, Any] = {
        "title": lines[date_at - 2],
        "outlet": lines[date_at - 1],
        **_dated(lines[date_at]),
    }
    copyright_lines: list[str] = []
    position = date_at + 1
    while position < len(lines) and position != body_at:
        line = lines[position]
        pair = _key_value(line)
        if _COPYRIGHT.match(line):
            copyright_lines.append(line)
        elif pair is not None:
            _put(fields, *pair)
        elif body_at is None:
            break  # no Body marker: the text starts at the first line that is no field
        else:
            fields.setdefault("header", line)
        position += 1
    if copyright_lines:
        fields["copyright"] = " ".join(copyright_lines)
    start = body_at + 1 if body_at is not None else position
    end = next((i for i in range(start, len(lines)) if _is_trailer(lines[i])), len(lines))
    _body(fields, lines[start:end])
    _uni_trailer(fields, lines[end:])
    return fields


def _is_header_key(line: str) -> bool:
    pair = _key_value(line)
    return pair is not None and pair[0] in ("section", "length", "byline", "dateline",
                                             "highlight", "rubrik", "länge", "autor")  # fmt: skip


def _is_trailer(line: str) -> bool:
    if line.lower() in _TRAILER_MARKERS:
        return True
    pair = _key_value(line)
    return pair is not None and pair[0] in _TRAILER_KEYS and "\u00a0" in line[: len(pair[0]) + 3]


def _uni_trailer(fields: dict[str, Any], lines: list[str]) -> None:
    """Classification lines (``Load-Date:``, ``Language:``, ...); Graphic and Notes text."""
    section: str | None = None
    free: dict[str, list[str]] = {}
    for line in lines:
        if line.lower() in _TRAILER_MARKERS:
            section = line.lower()
            continue
        pair = _key_value(line)
        if pair is not None and pair[0] in _TRAILER_KEYS:
            _put(fields, *pair)
            section = None
        elif section in ("graphic", "grafik", "graphique", "notes", "anmerkungen"):
            free.setdefault("graphic" if section.startswith("gra") else "notes", []).append(line)
    for name, values in free.items():
        fields.setdefault(name, " ".join(values))


def _body(fields: dict[str, Any], paragraphs: list[str]) -> None:
    """The text; a Guardian-style ``ABSTRACT`` ... ``FULL TEXT`` head gives the description."""
    upper = [p.upper() for p in paragraphs]
    if upper[:1] == ["ABSTRACT"] and "FULL TEXT" in upper:
        split = upper.index("FULL TEXT")
        fields.setdefault("description", join_paragraphs(paragraphs[1:split]))
        paragraphs = paragraphs[split + 1 :]
    fields["text"] = join_paragraphs(paragraphs)


def _dated(line: str) -> dict[str, Any]:
    fields = date_fields(line)
    found = date_line(line)
    if found is not None:
        rest = re.sub(r"^.*?\d{4}", "", clean_line(line), count=1)
        edition = re.search(r"[,;]+\s*([^,;]*EDITION[^,;]*)$", rest, re.IGNORECASE)
        if edition:
            fields["edition"] = edition.group(1).strip()
    return fields


def _put(fields: dict[str, Any], key: str, value: str) -> None:
    """Store a ``Key: value`` line under its corpus or extra column name."""
    name = _FIELD_NAMES.get(key, re.sub(r"[^\w]+", "_", key).strip("_"))
    if not value:
        return
    if name == "language":
        fields["language"] = language_code(value)
    elif name == "length":
        fields["length"] = value
    elif name in fields and name not in ("description",):
        fields[name] = f"{fields[name]}; {value}"
    else:
        fields[name] = value


# -- LexisNexis Academic / Nexis UK --------------------------------------------------------------
def _classic_documents(blocks: list[Block], rows: Rows) -> Iterator[Chunk]:
    documents: list[list[Block]] = []
    current: list[Block] | None = None
    for block in blocks:
        if DOCUMENT_LINE.match(block.line):
            current = []
            documents.append(current)
        elif current is not None:
            current.append(block)
    for number, document in enumerate(documents, start=1):
        record = f"document {number}"
        fields = _classic_document(document)
        if fields is None:
            rows.collector.fail(
                rows.source.path,
                record,
                "found no outlet and date lines after 'N of M DOCUMENTS' (expected the "
                "outlet, the date, the headline, then BYLINE:/LENGTH: lines and the text)",
            )
            continue
        yield from rows.add(fields, record)


def _classic_document(blocks: list[Block]) -> dict[str, Any] | None:
    """One Academic / Nexis UK document's fields from its paragraphs."""
    blocks = [b for b in blocks if b.line]
    date_at = next(
        (i for i, b in enumerate(blocks[:5]) if i >= 1 and date_line(b.text.split("\n")[0])),
        None,
    )
    if date_at is None:
        return None
    fields: dict[str, Any] = {"outlet": blocks[0].line}
    date_lines = blocks[date_at].text.split("\n")
    fields.update(_dated(date_lines[0]))
    editions = [clean_line(line) for line in date_lines[1:] if line.strip()]
    position = date_at + 1
    # The headline: centred blocks after the date are the edition; where the container
    # does not say what is centred, all blocks before the first KEY: line but the last.
    header: list[Block] = []
    while position < len(blocks) and not _UPPER_KEY.match(blocks[position].line):
        header.append(blocks[position])
        position += 1
        if header[-1].centered is False:
            break
    if header and header[-1].centered is not True:
        fields["title"] = header[-1].line
        editions += [b.line for b in header[:-1]]
    else:
        editions += [b.line for b in header]
    if editions:
        fields["edition"] = " ".join(editions)
    # Trailing copyright (centred, or worded so) and KEY: lines.
    end = len(blocks)
    copyright_lines: list[str] = []
    while end > position and (blocks[end - 1].centered or _COPYRIGHT.match(blocks[end - 1].line)):
        end -= 1
        copyright_lines.insert(0, blocks[end].line)
    if copyright_lines:
        fields["copyright"] = " ".join(copyright_lines)
    # KEY: lines before the text (BYLINE, SECTION, LENGTH, ...; BODY: starts the text).
    while position < end:
        found = _UPPER_KEY.match(blocks[position].line)
        if found is None:
            break
        position += 1
        if found.group(1) == "BODY":
            break
        _put(fields, found.group(1).lower(), clean_line(found.group(2) or ""))
    trailer = end
    while trailer > position and _UPPER_KEY.match(blocks[trailer - 1].line):
        trailer -= 1
    for block in blocks[trailer:end]:
        found = _UPPER_KEY.match(block.line)
        if found is not None:
            _put(fields, found.group(1).lower(), clean_line(found.group(2) or ""))
    _body(fields, [b.line for b in blocks[position:trailer]])
    return fields
