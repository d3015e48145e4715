"""Saved web pages (format ``"html"``): one document a page.

The metadata comes from ``<title>``, ``og:``/``article:`` meta tags and a JSON-LD
``NewsArticle`` (or any ``...Article``); the body is extracted with trafilatura, from
the saved markup only (nothing is fetched).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from framing.corpus._report import Collector
from framing.corpus.readers._registry import Chunk, Source, register
from framing.corpus.readers._sources import check_text_file


@register("html", extensions=(".html", ".htm"), aliases=("htm",), expected="a saved HTML page")
def _read_html(path: Path, source: Source, collector: Collector, size: int) -> Iterator[Chunk]:
    """The page's one document; a page with no title and no body is a bad record."""
    check_text_file(path, "html")
    source.structured = True
    markup = path.read_bytes().decode("utf-8", "replace")
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

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "script" and self._in_json_ld:
            self._in_json_ld = False
            self.scripts.append("".join(self._script))

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif self._in_json_ld:
            self._script.append(data)


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
        try:
            data = json.loads(script)
        except ValueError:
            continue
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
    body = _extract_body(markup) or first(article.get("articleBody"))
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
    return trafilatura.extract(
        markup, include_comments=False, include_tables=False, favor_precision=True
    )
