"""News feeds (format ``"feed"``): RSS 0.9x/1.0 (RDF)/2.0 and Atom, one document an item.

Each ``<item>`` or ``<entry>`` is a document: ``title``; ``link`` (Atom: the
``rel="alternate"`` link, else the first) as the URL, whose domain gives the outlet;
the text from ``content:encoded`` or Atom ``<content>``, else from ``<description>``/
``<summary>`` (markup read as text, paragraphs kept), the description from
``<description>``/``<summary>`` when there is content too; ``dc:creator``/``author``;
``category``/``dc:subject`` as tags; ``guid``/``id`` kept as ``guid``; the feed's own
title as ``feed_title``.

Dates: ``pubDate`` (RFC 2822, ``Mon, 01 Jan 2024 12:00:00 GMT``), ``dc:date`` and Atom
``<published>`` (ISO 8601); an Atom entry without ``<published>`` is dated by its
``<updated>``, the date Atom requires (also kept as ``modified``). The values go to the
kit's date reader: one in no readable shape is reported, never guessed.

Feeds in the wild are often malformed, and are read all the same: a byte-order mark or
blank lines before the XML declaration, a declaration doubled or garbled, an encoding
declared that the bytes are not in (``utf-16`` on UTF-8 bytes), prefixes such as
``rss:item`` never declared, undefined HTML entities. Parsing is safe: no DTD is loaded,
no entity is expanded, nothing is fetched (lxml with ``resolve_entities=False``,
``no_network=True``). Items are named ``item N`` (entries ``entry N``), from 1.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from framing.corpus._report import Collector, RecordError
from framing.corpus.readers._exports import (
    Rows,
    clean_line,
    decode_bytes,
    guarded,
    markup_text,
    read_bytes,
)
from framing.corpus.readers._registry import Chunk, Source, register, sniffer

_EXPECTED = "an RSS or Atom feed: <rss>, <rdf:RDF> or <feed> with items or entries"
# What may stand before the root element: declarations (doubled or garbled: "<?xml?xml
# ... ??>"), processing instructions, comments, a DOCTYPE (with its internal subset).
_PROLOG = re.compile(r"(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)\s*", re.S | re.I)
_ROOT = re.compile(rb"<(?:[\w-]+:)?(?:rss|RDF|feed)[\s>]")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']?([A-Za-z0-9._-]+)""", re.IGNORECASE)


@sniffer
def _sniff_feed(path: Path, head: bytes) -> str | None:
    suffix = path.suffix.lower()
    if suffix not in (".xml", ".rss", ".atom", ".rdf", ".feed", ""):
        return None
    text = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")
    if b"\x00" in text[:200]:  # UTF-16 bytes: look at them as text
        try:
            text = head.decode("utf-16").encode("utf-8", "replace")
        except UnicodeDecodeError:
            return None
    if not text.startswith(b"<"):
        return None
    return "feed" if _ROOT.search(text[:4096]) else None


@register(
    "feed",
    extensions=(".rss", ".atom"),
    aliases=("rss", "atom"),
    expected=_EXPECTED,
)
@guarded(_EXPECTED)
def _read_feed(path: Path, source: Source, collector: Collector, size: int) -> Iterator[Chunk]:
    """The feed's items (RSS) or entries (Atom), in order."""
    source.structured = True
    data = read_bytes(path, source, _EXPECTED)
    root = _parse(data, source)
    kind = _local(root.tag).lower()
    if kind not in ("rss", "rdf", "feed"):
        raise RecordError(
            source.path, None, f"expected {_EXPECTED}; the root element is <{_local(root.tag)}>"
        )
    channel = next((e for e in root.iter() if _local(e.tag) == "channel"), root)
    feed_title = _child_text(channel, "title")
    rows = Rows(source, collector, size, duplicates=False)
    items = [e for e in root.iter() if _local(e.tag) in ("item", "entry")]
    for number, item in enumerate(items, start=1):
        record = f"{_local(item.tag)} {number}"
        fields = _item_fields(item)
        if feed_title:
            fields["feed_title"] = feed_title
        yield from rows.add(fields, record)
    yield from rows.flush()


def _parse(data: bytes, source: Source) -> Any:
    """The feed's XML tree, read safely from whatever bytes a feed arrives in."""
    from lxml import etree

    declared = _ENCODING.search(data[:1024])
    name = declared.group(1).decode("ascii").lower() if declared else None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or (name or "").startswith("utf-16"):
        if b"\x00" not in data[:200]:
            name = None  # "utf-16" declared on bytes that are not: ignore the declaration
    text, _ = decode_bytes(data, name)
    text = _without_prolog(text)
    text = _quote_attributes(_named_entities(text))
    parser = etree.XMLParser(
        recover=True,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as error:
        raise RecordError(source.path, None, f"expected {_EXPECTED}; not XML ({error})") from None
    if root is None:
        raise RecordError(source.path, None, f"expected {_EXPECTED}; found no XML element")
    return root


_START_TAG = re.compile(r"<([A-Za-z_][\w:.-]*)([^<>]*)>")
_ATTRIBUTE = re.compile(r"""\s+([\w:.-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>/]+)|\s*/?\s*$""")


def _quote_attributes(text: str) -> str:
    """Quote attribute values written bare (``<rss version=2.0>``), as HTML allows."""

    def fix(tag: re.Match[str]) -> str:
        rest, position, parts = tag.group(2), 0, []
        while position < len(rest):
            found = _ATTRIBUTE.match(rest, position)
            if found is None or found.end() == position:
                return tag.group(0)  # not attributes as expected: leave the tag alone
            value = found.group(2)
            if value is not None and value[0] not in "\"'":
                parts.append(f' {found.group(1)}="{value}"')
            else:
                parts.append(found.group(0))
            position = found.end()
        return f"<{tag.group(1)}{''.join(parts)}>"

    return _START_TAG.sub(fix, text)


def _without_prolog(text: str) -> str:
    """The text from its root element on: the prolog is dropped, whatever its state."""
    rest = text.lstrip("\ufeff \t\r\n")
    while True:
        found = _PROLOG.match(rest)
        if found is None:
            return rest
        rest = rest[found.end() :]


_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})


def _named_entities(text: str) -> str:
    """HTML entities XML does not define (``&nbsp;``, ``&eacute;``) as characters."""

    def replace(found: re.Match[str]) -> str:
        name = found.group(1)
        if name in _XML_ENTITIES:
            return found.group(0)
        value = html.unescape(found.group(0))
        if value == found.group(0):
            return f"&amp;{name};"  # unknown: keep it as text
        return value.replace("&", "&amp;").replace("<", "&lt;")

    return re.sub(r"&([A-Za-z][A-Za-z0-9]{1,31});", replace, text)


def _local(tag: Any) -> str:
    """An element's name without namespace or prefix (``rss:item`` is ``item``)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _children(element: Any, *names: str) -> list[Any]:
    return [child for child in element if _local(child.tag) in names]


def _child_text(element: Any, *names: str) -> str | None:
    for child in _children(element, *names):
        value = "".join(child.itertext()).strip()
        if value:
            return value
    return None


def _markup(element: Any, *names: str) -> str | None:
    """Text of an element that holds HTML (escaped, in CDATA or as XHTML children)."""
    from lxml import etree

    for child in _children(element, *names):
        if len(child):
            inner = (child.text or "") + "".join(
                etree.tostring(grandchild, encoding="unicode") for grandchild in child
            )
        else:
            inner = child.text or ""
        text = markup_text(inner) if inner.strip() else None
        if text:
            return text
    return None


def _item_fields(item: Any) -> dict[str, Any]:
    content = _markup(item, "encoded", "content")
    summary = _markup(item, "description", "summary")
    fields: dict[str, Any] = {
        "title": clean_line(markup_text(_child_text(item, "title") or "") or "") or None,
        "url": _link(item),
        "text": content or summary,
        "description": summary if content else None,
    }
    published = _child_text(item, "pubDate", "published", "date", "issued", "created")
    updated = _child_text(item, "updated", "modified")
    fields["published"] = published or updated
    if updated:
        fields["modified"] = updated
    authors = []
    for author in _children(item, "creator", "author"):
        name = _child_text(author, "name") or "".join(author.itertext()).strip()
        if name:
            authors.append(clean_line(name))
    fields["author"] = ", ".join(dict.fromkeys(authors)) or None
    tags = []
    for category in _children(item, "category", "subject"):
        value = category.get("term") or category.get("label") or "".join(category.itertext())
        if value and value.strip():
            tags.append(value.strip())
    fields["tags"] = list(dict.fromkeys(tags))
    guid = _child_text(item, "guid", "id")
    if guid:
        fields["guid"] = guid
    return {k: v for k, v in fields.items() if v is not None}


def _link(item: Any) -> str | None:
    links = _children(item, "link")
    for link in links:
        if link.get("href") and link.get("rel", "alternate") == "alternate":
            return link.get("href").strip()
    for link in links:
        value = link.get("href") or "".join(link.itertext())
        if value and value.strip():
            return value.strip()
    about = item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
    return about.strip() if about else None
