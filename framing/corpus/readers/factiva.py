"""Dow Jones Factiva exports (format ``"factiva"``): the HTML page and RTF/text files.

- **HTML** (Factiva's "save as HTML", any interface language): one ``<div>`` per article
  (class ``enArticle``, ``deArticle``, ...) holding the section, the headline (``<span
  class="enHeadline">``; the German interface numbers it ``1) ...``, which is dropped),
  the author, then one ``<div>`` per field: word count (``808 words``, ``1285 Wörter``),
  date (``13 November 2017``, ``9 Januar 1993``), an optional time, the source name
  (the outlet), the source code, edition, page, language and copyright; the paragraphs
  (``<p class="articleParagraph">``); captions; the distributor; and ``Document <id>``,
  Factiva's accession number, kept as ``doc_id``.
- **RTF and text** in either of Factiva's layouts: the *article* layout (the same fields,
  one a line, ending ``Document <id>``) or the *field-coded* layout ("Full Article/Report
  plus Indexing": ``HD`` headline, ``BY`` author, ``WC`` words, ``PD`` date, ``ET``
  time, ``SN`` source, ``SC`` code, ``ED``, ``PG``, ``LA``, ``CY``, ``LP`` lead, ``TD``
  text, ``CO``/``IN``/``NS``/``RE`` codes, ``AN Document <id>``).

Dates are day-first with the month named in the interface language; Factiva prints the
time (``ET``) without a zone, so a document is dated by its day and the time kept in
``time``. Each article is named ``article N`` (its place in the file, from 1).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from framing.corpus._report import Collector, RecordError
from framing.corpus.readers._export_dates import date_fields, date_line
from framing.corpus.readers._exports import (
    Rows,
    clean_line,
    declared_encoding,
    decode_bytes,
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
    "a Factiva export: an HTML page of articles (<div class='enArticle'>, ...), or an RTF or "
    "text file of articles ending 'Document <accession number>'"
)
_ACCESSION = re.compile(
    r"^(?:AN\s+)?(?:Document|Dokument|Documento|Документ|Doc)\s+([A-Za-z0-9]{20,32})$"
)
_WORD_COUNT = re.compile(r"^\d[\d.,\s]*\s*[^\W\d_]{1,12}$|^\d[\d.,]*\s*[字語단]")
_TIME = re.compile(r"^(\d{1,2}:\d{2}(?::\d{2})?)(?:\s+([A-Z]{2,5}))?$")
_CODE = re.compile(r"^[A-Z0-9]{2,10}$")
_PAGE = re.compile(r"^[A-Z]?\d{1,4}[A-Z]?(?:\s*[,-]\s*[A-Z]?\d{1,4}[A-Z]?)*$")
_COPYRIGHT = re.compile(r"^(?:\(c\)|©|Copyright|版权|Авторское право)", re.IGNORECASE)
_NUMBERED = re.compile(r"^\d+\)\s+")
_FIELD_CODES = (
    "HD", "CR", "BY", "SE", "CLM", "WC", "PD", "ET", "SN", "SC", "ED", "PG", "VOL", "LA",
    "CY", "LP", "TD", "CT", "RF", "ART", "CO", "IN", "NS", "RE", "IPC", "IPD", "PUB", "AN",
)  # fmt: skip
_FIELD_LINE = re.compile(r"^(" + "|".join(_FIELD_CODES) + r")(?:[ \t\u00a0]+(.*))?$")


# -- detection ---------------------------------------------------------------------------------
@sniffer
def _sniff_factiva(path: Path, head: bytes) -> str | None:
    suffix = path.suffix.lower()
    if suffix not in (".html", ".htm", ".rtf", ".txt", "") or b"\x00" in head:
        return None
    if head.lstrip().startswith(b"{\\rtf"):
        return "factiva" if _factiva_lines(rtf_text(sniff_bytes(path)).splitlines()) else None
    if re.match(rb"\s*<", head):
        # The articles may follow a page's worth of scripts: look further, in bytes.
        sample = sniff_bytes(path)
        found = b"articleParagraph" in sample or re.search(rb'class="[a-z]{2,3}Headline', sample)
        return "factiva" if found else None
    text = decode_bytes(sniff_bytes(path, 262144), None)[0]
    return "factiva" if _factiva_lines(text.splitlines()) else None


def _factiva_lines(lines: list[str]) -> bool:
    cleaned = [clean_line(line) for line in lines]
    accession = sum(bool(_ACCESSION.match(line)) for line in cleaned)
    coded = any(line.startswith("HD") for line in cleaned) and any(
        line.startswith("AN") for line in cleaned
    )
    return accession > 0 and (coded or any(_WORD_COUNT.match(line) for line in cleaned))


# -- reading -----------------------------------------------------------------------------------
@register("factiva", extensions=(), aliases=("dowjones",), expected=_EXPECTED)
@guarded(_EXPECTED)
def _read_factiva(path: Path, source: Source, collector: Collector, size: int) -> Iterator[Chunk]:
    """Every article of a Factiva export, in file order."""
    source.structured = True
    data = read_bytes(path, source, _EXPECTED)
    rows = Rows(source, collector, size)
    if data.lstrip().startswith(b"{\\rtf"):
        articles = _text_articles(rtf_text(data).splitlines())
    else:
        text, _ = decode_bytes(data, declared_encoding(data[:4096]))
        if re.match(r"\s*<", text):
            articles = _html_articles(text)
        else:
            articles = _text_articles(text.splitlines())
    if not articles:
        raise RecordError(source.path, None, f"found no articles; expected {_EXPECTED}")
    for number, fields in enumerate(articles, start=1):
        record = f"article {number}"
        if fields is None:
            collector.fail(
                source.path,
                record,
                "found no word count and date lines in the article's head (expected "
                "'808 words', then the date, the source, ...)",
            )
            continue
        yield from rows.add(fields, record)
    yield from rows.flush()


def _html_articles(markup: str) -> list[dict[str, Any] | None]:
    import lxml.html

    root = lxml.html.document_fromstring(markup)
    nodes = [
        div
        for div in root.iter("div")
        if any(re.fullmatch(r"[a-z]{2,3}Article", c) for c in (div.get("class") or "").split())
    ]
    if not nodes:
        nodes = [div for div in root.iter("div") if (div.get("id") or "").startswith("article-")]
    return [_html_article(node) for node in nodes]


def _text_of(element: Any) -> str:
    return clean_line(" ".join(element_paragraphs(element)))


def _html_article(node: Any) -> dict[str, Any] | None:
    before: list[str] = []  # fields before the headline: the section
    after: list[str] = []  # fields after it: word count, date, source, ...
    credits: list[str] = []
    fields: dict[str, Any] = {}
    paragraphs: list[str] = []
    tail: list[str] = []
    for child in node:
        tag = child.tag if isinstance(child.tag, str) else ""
        classes = (child.get("class") or "").split()
        if tag == "div" and child.get("id") == "hd":
            headline = child.find(".//span")
            title = _text_of(headline if headline is not None else child)
            if headline is not None and "counted" in (headline.get("class") or ""):
                title = _NUMBERED.sub("", title)
            fields["title"] = title or None
        elif tag == "div" and "author" in classes:
            fields["author"] = _text_of(child) or None
        elif tag == "div":
            value = _text_of(child)
            if not value:
                continue
            if "title" not in fields:
                before.append(value)
            elif not after and not _WORD_COUNT.match(value):
                credits.append(value)
            else:
                after.append(value)
        elif tag == "p" and any("articleParagraph" in c for c in classes):
            paragraph = _text_of(child)
            if paragraph:
                paragraphs.append(paragraph)
        elif tag == "p":
            value = _text_of(child)
            if value:
                tail.append(value)
    if before:
        fields["section"] = before[-1]
    if credits:
        fields["credit"] = "; ".join(credits)
    if not _meta_fields(fields, after):
        return None
    fields["text"] = join_paragraphs(paragraphs)
    _tail_fields(fields, tail)
    if "doc_id" not in fields:
        identifier = (node.getparent().get("id") or node.get("id") or "").removeprefix("article-")
        if re.fullmatch(r"[A-Za-z0-9]{20,32}", identifier):
            fields["doc_id"] = identifier
    return fields


def _meta_fields(fields: dict[str, Any], values: list[str]) -> bool:
    """Word count, date, time, source, code, edition, page, language, copyright."""
    if len(values) < 2 or not _WORD_COUNT.match(values[0]) or date_line(values[1]) is None:
        return False
    fields["length"] = values[0]
    fields.update(date_fields(values[1]))
    rest = values[2:]
    if rest and _TIME.match(rest[0]):
        fields.update(_time_fields(fields, rest.pop(0)))
    if rest and not _COPYRIGHT.match(rest[0]):
        fields["outlet"] = rest.pop(0)
    for value in rest:
        code = language_code(value)
        if _COPYRIGHT.match(value):
            fields["copyright"] = value
        elif _TIME.match(value) and "time" not in fields:
            fields.update(_time_fields(fields, value))
        elif _CODE.match(value) and "source_code" not in fields:
            fields["source_code"] = value
        elif code is not None and len(code) == 2 and code != value.lower():
            fields["language"] = code
        elif _PAGE.match(value) and "page" not in fields:
            fields["page"] = value
        else:
            fields["edition"] = f"{fields['edition']}; {value}" if "edition" in fields else value
    return True


def _time_fields(fields: dict[str, Any], value: str) -> dict[str, Any]:
    """A time with a zone sets the hour of ``published``; without one it is kept aside."""
    found = _TIME.match(value)
    published = fields.get("published")
    if found and found.group(2) and hasattr(published, "strftime"):
        exact = date_fields(f"{published.strftime('%Y-%m-%d')} {found.group(1)} {found.group(2)}")
        if "time" not in exact:
            return {"published": exact["published"]}
    return {"time": value}


def _tail_fields(fields: dict[str, Any], tail: list[str]) -> None:
    """After the text: captions, the distributor, and ``Document <accession number>``."""
    if tail and _ACCESSION.match(tail[-1]):
        fields["doc_id"] = _ACCESSION.match(tail.pop()).group(1)  # type: ignore[union-attr]
        if tail:
            fields["distributor"] = tail.pop()
    if tail:
        fields["captions"] = join_paragraphs(tail)


# -- RTF and text ------------------------------------------------------------------------------
def _text_articles(lines: list[str]) -> list[dict[str, Any] | None]:
    cleaned = [clean_line(line) for line in lines]
    if any(line.startswith("HD") and _FIELD_LINE.match(line) for line in cleaned):
        return _coded_articles(cleaned)
    articles: list[dict[str, Any] | None] = []
    current: list[str] = []
    for line in cleaned:
        found = _ACCESSION.match(line)
        if found is None:
            current.append(line)
            continue
        fields = _article_lines([c for c in current if c])
        if fields is not None:
            fields["doc_id"] = found.group(1)
        articles.append(fields)
        current = []
    return articles


def _article_lines(lines: list[str]) -> dict[str, Any] | None:
    """An article in Factiva's article layout, one field a line, without markup."""
    count_at = next(
        (
            i
            for i, line in enumerate(lines[:8])
            if _WORD_COUNT.match(line) and i + 1 < len(lines) and date_line(lines[i + 1])
        ),
        None,
    )
    if count_at is None or count_at == 0:
        return None
    fields: dict[str, Any] = {}
    head = lines[:count_at]
    # Before the word count: [section,] headline[, author]: the line after the headline
    # is an author when there are three, or when it starts like a byline.
    if len(head) >= 3:
        fields["section"], fields["title"], fields["author"] = head[-3], head[-2], head[-1]
    elif len(head) == 2 and re.match(r"^(?:By|Von|Par|Por|Di|Door|От)\s", head[1], re.I):
        fields["title"], fields["author"] = head
    elif len(head) == 2:
        fields["section"], fields["title"] = head
    else:
        fields["title"] = head[0]
    end = count_at + 2
    # The fields after the date run to the copyright line (else the language line).
    stop = next(
        (i for i in range(end, min(end + 9, len(lines))) if _COPYRIGHT.match(lines[i])), None
    )
    if stop is None:
        stop = next(
            (
                i
                for i in range(end, min(end + 9, len(lines)))
                if (code := language_code(lines[i])) and len(code) == 2
            ),
            end + 1,
        )
    _meta_fields(fields, lines[count_at : stop + 1])
    body = lines[stop + 1 :]
    tail: list[str] = []
    if len(body) >= 2 and len(body[-1]) < 80 and not body[-1].endswith((".", "!", "?", '"')):
        tail.append(body.pop())  # the distributor
    fields["text"] = join_paragraphs(body)
    if tail:
        fields["distributor"] = tail[0]
    return fields


def _coded_articles(lines: list[str]) -> list[dict[str, Any] | None]:
    """Articles in the field-coded layout: a code, then its value, to the next code."""
    articles: list[dict[str, Any] | None] = []
    values: dict[str, list[str]] | None = None
    code: str | None = None
    for line in lines:
        found = _FIELD_LINE.match(line)
        if found is not None:
            code = found.group(1)
            if code == "HD":
                if values is not None:
                    articles.append(_coded_fields(values))
                values = {}
            if values is not None:
                values.setdefault(code, [])
                if found.group(2):
                    values[code].append(found.group(2))
        elif values is not None and code is not None and line:
            values[code].append(line)
    if values is not None:
        articles.append(_coded_fields(values))
    return articles


def _coded_fields(values: dict[str, list[str]]) -> dict[str, Any] | None:
    def one(code: str) -> str | None:
        return clean_line(" ".join(values.get(code, []))) or None

    if one("PD") is None and one("HD") is None:
        return None
    fields: dict[str, Any] = {"title": one("HD"), "author": one("BY"), "outlet": one("SN")}
    fields.update(date_fields(one("PD")))
    if one("ET"):
        fields.update(_time_fields(fields, one("ET") or ""))
    fields["text"] = join_paragraphs(values.get("LP", []) + values.get("TD", []))
    fields["language"] = language_code(one("LA"))
    for code, name in (
        ("SE", "section"), ("CR", "credit"), ("WC", "length"), ("SC", "source_code"),
        ("ED", "edition"), ("PG", "page"), ("CY", "copyright"), ("CO", "companies"),
        ("IN", "industries"), ("NS", "subjects"), ("RE", "regions"), ("IPD", "descriptors"),
        ("PUB", "publisher"), ("ART", "captions"), ("CLM", "column"), ("VOL", "volume"),
    ):  # fmt: skip
        if one(code):
            fields[name] = one(code)
    accession = one("AN")
    if accession:
        found = _ACCESSION.match(accession) or re.fullmatch(r"([A-Za-z0-9]{20,32})", accession)
        fields["doc_id"] = found.group(1) if found else accession
    return {k: v for k, v in fields.items() if v is not None}
