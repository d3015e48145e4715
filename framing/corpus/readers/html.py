"""Saved web pages (format ``"html"``): one document a page.

The metadata comes from ``<title>``, ``og:``/``article:`` meta tags and a JSON-LD
``NewsArticle`` (or any ``...Article``); the body is extracted with trafilatura, from
the saved markup only (nothing is fetched). Where trafilatura finds no body (pages
nested hundreds of elements deep), the text of the page's ``<p>`` elements is the body.

The page's encoding is, in order: its byte-order mark; the ``<meta charset>`` (or
``http-equiv`` Content-Type) it declares, if the bytes decode in it; UTF-8, if they
decode; else the encoding ``charset_normalizer`` detects (old Russian sites in
windows-1251 with no declaration). A page larger than ``framing.get_limits().page_bytes`` is
refused. The document's id is the file's name without its extension.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from framing.corpus._report import Collector, RecordError
from framing.corpus.readers._registry import Chunk, Source, register
from framing.corpus.readers._sources import check_text_file
from framing.corpus.readers.jsonfiles import parse_json
from framing.limits import get_limits

_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
# What the HTML standard reads these labels as (browsers decode "latin-1" pages as
# windows-1252, whose 0x80-0x9F are quotes and dashes, not control characters).
_WHATWG = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso8859-1": "cp1252",
}


@register("html", extensions=(".html", ".htm"), aliases=("htm",), expected="a saved HTML page")
def _read_html(path: Path, source: Source, collector: Collector, size: int) -> Iterator[Chunk]:
    """The page's one document; a page with no title and no body is a bad record."""
    source.structured = True
    source.id_from_file = True
    limit = get_limits().page_bytes
    if path.stat().st_size > limit:
        raise RecordError(
            source.path,
            None,
            f"the page is larger than the limit of {limit:,} bytes (raise it with "
            "framing.set_limits(page_bytes=...); body extraction slows down on large pages)",
        )
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        markup = raw.decode("utf-16", "replace")
    else:
        check_text_file(path, "html")
        markup = decode_page(raw)
    fields = _html_fields(markup)
    if fields.get("title") is None and fields.get("text") is None:
        collector.fail(
            source.path,
            "line 1",
            "found no title and no article text in the page (expected <title>, og:title, "
            "JSON-LD headline or a readable body)",
        )
        return
    yield Chunk({k: [v] for k, v in fields.items()}, ["line 1"])


def decode_page(raw: bytes) -> str:
    """A page's text: BOM, declared charset, UTF-8, then detection (see the module)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "replace")
    declared = _META_CHARSET.search(raw[:4096])
    if declared is not None:
        label = declared.group(1).decode("ascii", "replace").lower()
        try:
            codec = codecs.lookup(_WHATWG.get(label, label)).name
            return raw.decode(codec)
        except (LookupError, UnicodeDecodeError):
            pass  # an unknown or wrong declaration: go on as if there were none
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    import charset_normalizer

    best = charset_normalizer.from_bytes(raw).best()
    if best is not None and best.encoding:
        try:
            return raw.decode(best.encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    return raw.decode("utf-8", "replace")


class _PageMeta(HTMLParser):
    """Collects a page's ``<title>``, meta tags, JSON-LD scripts and ``<html lang>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.title: list[str] = []
        self.scripts: list[str] = []
        self.language: str | None = None
        self._in_title = False
        self._in_json_ld = False
        self._script: list[str] = []
        # The text of <p> elements: the body when trafilatura finds none.
        self.paragraphs: list[str] = []
        self._paragraph: list[str] | None = None
        self._skip = 0  # inside <script>/<style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and values.get("lang"):
            self.language = values["lang"]
        elif tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            if key and "content" in values:
                self.meta.setdefault(key, []).append(values["content"].strip())
        elif tag == "title":
            self._in_title = True
        elif tag == "script" and values.get("type", "").lower() == "application/ld+json":
            self._in_json_ld = True
            self._script = []
        elif tag in ("script", "style"):
            self._skip += 1
        elif tag == "p":
            self._close_paragraph()
            self._paragraph = []
        elif tag == "br" and self._paragraph is not None:
            self._paragraph.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "script" and self._in_json_ld:
            self._in_json_ld = False
            self.scripts.append("".join(self._script))
        elif tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag == "p":
            self._close_paragraph()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif self._in_json_ld:
            self._script.append(data)
        elif self._paragraph is not None and not self._skip:
            self._paragraph.append(data)

    def _close_paragraph(self) -> None:
        if self._paragraph is not None:
            text = "".join(self._paragraph).strip()
            if text:
                self.paragraphs.append(text)
        self._paragraph = None

    def close(self) -> None:
        super().close()
        self._close_paragraph()


def _json_ld_article(scripts: Iterable[str]) -> dict[str, Any]:
    """The first JSON-LD item whose ``@type`` ends in "Article" (also in ``@graph``)."""

    def walk(value: Any) -> Iterator[dict[str, Any]]:
        if isinstance(value, dict):
            yield value
            for key in ("@graph", "mainEntity"):
                yield from walk(value.get(key))
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    for script in scripts:
        data, problem = parse_json(script)
        if problem is not None:
            continue  # unreadable or nested too deeply: the page's other metadata serves
        for item in walk(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and k.endswith("Article") for k in kinds):
                return item
    return {}


def _json_ld_names(value: Any) -> str | None:
    """Names from a JSON-LD person, organisation, text or a list of these, comma-joined."""
    if isinstance(value, list):
        names = [n for n in (_json_ld_names(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    if isinstance(value, dict):
        value = value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _html_fields(markup: str) -> dict[str, Any]:
    """The document's fields from a page: meta tags first, then JSON-LD, then the markup."""
    parser = _PageMeta()
    try:
        parser.feed(markup)
        parser.close()
    except AssertionError:  # html.parser gives up on some broken markup; use what it read
        pass
    meta = {k: v[0] for k, v in parser.meta.items() if v and v[0]}
    article = _json_ld_article(parser.scripts)

    def first(*values: Any) -> str | None:
        for value in values:
            if isinstance(value, str) and value.strip():
                return value.strip()
        return None

    keywords = article.get("keywords")
    tags = list(parser.meta.get("article:tag", []))
    if isinstance(keywords, str):
        tags += [k.strip() for k in keywords.split(",")]
    elif isinstance(keywords, list):
        tags += [str(k).strip() for k in keywords]
    tags += [k.strip() for k in meta.get("keywords", "").split(",")]
    page_url = article.get("mainEntityOfPage")
    if isinstance(page_url, dict):
        page_url = page_url.get("@id")
    url = first(meta.get("og:url"), article.get("url"), page_url)
    body = (
        _extract_body(markup)
        or first(article.get("articleBody"))
        or first("\n\n".join(parser.paragraphs))
    )
    language = first(article.get("inLanguage"), meta.get("og:locale"), parser.language)
    return {
        "title": first(meta.get("og:title"), article.get("headline"), "".join(parser.title)),
        "description": first(
            meta.get("og:description"), article.get("description"), meta.get("description")
        ),
        "published": first(meta.get("article:published_time"), article.get("datePublished")),
        "modified": first(meta.get("article:modified_time"), article.get("dateModified")),
        "author": first(
            _json_ld_names(article.get("author")), meta.get("article:author"), meta.get("author")
        ),
        "section": first(
            meta.get("article:section"), _json_ld_names(article.get("articleSection"))
        ),
        "language": re.split(r"[_-]", language)[0].lower() if language else None,
        "tags": list(dict.fromkeys(t for t in tags if t)),
        "url": url,
        "outlet": first(meta.get("og:site_name"), _json_ld_names(article.get("publisher"))),
        "text": body,
    }


def _extract_body(markup: str) -> str | None:
    """The article's text, by trafilatura (imported here: it is slow to import)."""
    import trafilatura

    # A string in, so trafilatura never fetches anything; no comments, no tables of links.
    try:
        return trafilatura.extract(
            markup, include_comments=False, include_tables=False, favor_precision=True
        )
    except (ValueError, RecursionError, TypeError):  # markup lxml cannot build a tree of
        return None
