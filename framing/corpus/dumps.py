"""The scraped-page dump format: one or many web pages per text file.

A document starts with a header line ``" date YYYY-MM-DD URL"`` (a leading space, the
word ``date``, the day, the page's URL). Then come values separated by blank lines,
pulled from the page's metadata in page order::

     date 2022-03-02 https://example-news.org/20220302/some-story-1.html
    <blank>
    Headline of the story                                  (headline, often twice)
    <blank>
    A short summary of the story... 02.03.2022, Example News   (description)
    <blank>
    2022-03-02T16:45+0000                                  (published, created, modified)
    <blank>
    some tag                                               (tags: short lower-case lines)
    <blank>
    /html/head/meta[@name='og:title']/@content             (XPaths: ignored)
    <blank>
    https://img.example-news.org/pic.jpg                   (image URL: ignored)
    <blank>
    The long body of the story, paragraphs often glued.Like this.
    <blank>
    Example News feedback@example-news.org +1234 ...       (publisher: name, e-mail, ...)
    2022                                                   (copyright year: ignored)
    Jane Doe https://img.example-news.org/jane.jpg         (author: name, picture URL)
    News                                                   (section)
    en_EN                                                  (locale -> language "en")
    1920 1080 true                                         (image sizes: ignored)
    some tag, other tag                                    (keywords -> tags)

Real dumps miss, repeat and reorder these values, so each value is recognised by its
*shape*, not by its position (see :func:`classify_value`). Free text that fits no shape is
the headline (the first short one), the section (a later one of a few words) or the body
(the rest, in order, repeats dropped).

What the shapes cost, knowingly: a body paragraph repeated word for word is kept once;
a short all-lower-case paragraph without sentence punctuation ("the war goes on") is
read as a tag. A paragraph that mentions an e-mail address stays in the body: only a
publisher-shaped line (a short name, the address, contact details, no sentence) gives
the outlet, and a second, different one is body text too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = ["HEADER", "classify_value", "parse_dump"]

#: The line that starts a document: `` date 2022-03-02 https://…``.
HEADER = re.compile(r"^ ?date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]+(\S+)[ \t]*$")

_TIMESTAMP = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)
_XPATH = re.compile(r"^(?:/html\S*|/[\w:-]+(?:/[\w:@\[\]='\"().-]+)+)(?:\s+/\S+)*$")
_IMAGE_SIZE = re.compile(r"^\d{1,5}\s+\d{1,5}\s+(?:true|false)$", re.IGNORECASE)
_LOCALE = re.compile(r"^([a-z]{2,3})[_-][A-Za-z]{2}$")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_AUTHOR = re.compile(r"^(?P<name>[^\d@/:]{2,100}?)\s+https?://\S+$", re.IGNORECASE)
_DESCRIPTION_END = re.compile(r"\s*\b(\d{2}\.\d{2}\.\d{4}),\s*(?P<outlet>[^,\n]{2,80})$")
_SENTENCE_PUNCTUATION = re.compile(r"[.!?;:\"“”]")

_TITLE_MAX = 300  # a headline longer than this is body text
_SECTION_MAX_WORDS = 4


def classify_value(value: str) -> str:
    """Name the kind of one blank-line-separated value of a dump by its shape.

    One of ``"timestamp"``, ``"xpath"``, ``"image_size"``, ``"locale"``, ``"year"``,
    ``"url"``, ``"publisher"``, ``"author"``, ``"description"``, ``"keywords"``,
    ``"tag"`` or ``"text"`` (free text: headline, section or body).

    Examples
    --------
    >>> classify_value("2022-03-02T16:45+0000")
    'timestamp'
    >>> classify_value("en_EN")
    'locale'
    >>> classify_value("Jane Doe https://img.example.org/jane.jpg")
    'author'
    >>> classify_value("A plain headline")
    'text'
    """
    if _TIMESTAMP.match(value):
        return "timestamp"
    if _XPATH.match(value):
        return "xpath"
    if _IMAGE_SIZE.match(value):
        return "image_size"
    if _LOCALE.match(value):
        return "locale"
    if _YEAR.match(value):
        return "year"
    if _URL.match(value):
        return "url"
    if "\n" not in value and len(value) <= 300 and _is_publisher_block(value):
        return "publisher"
    if _AUTHOR.match(value):
        return "author"
    if _DESCRIPTION_END.search(value):
        return "description"
    if value == value.lower() and any(ch.isalpha() for ch in value) and "\n" not in value:
        parts = [part.strip() for part in value.split(",")]
        if all(_is_tag(part) for part in parts):
            return "keywords" if len(parts) > 1 else "tag"
    return "text"


def _is_publisher_block(value: str) -> bool:
    """True for a publisher line: a short name, an e-mail address, then contact details.

    "Example News newsroom@example-news.org +10000000000 Example Media Group" is one; a
    body paragraph that mentions an address ("Send tips to tips@example.org.") is not:
    its name part is a sentence, or it ends like one.
    """
    found = _EMAIL.search(value)
    if found is None:
        return False
    name = value[: found.start()].strip()
    rest = value[found.end() :].strip()
    if not name or len(name) > 80 or len(name.split()) > 8 or _SENTENCE_PUNCTUATION.search(name):
        return False
    if not (name[0].isupper() or name[0].isdigit()):
        return False
    if value.rstrip()[-1:] in (".", "!", "?", ":", ";", ","):
        return False
    return len(rest.split()) <= 12


def _is_tag(value: str) -> bool:
    return (
        0 < len(value) <= 60
        and len(value.split()) <= 6
        and not _SENTENCE_PUNCTUATION.search(value)
        and not value.startswith(("http", "/"))
    )


@dataclass
class _Document:
    line: int
    date: str
    url: str
    values: list[str] = field(default_factory=list)


@dataclass
class DumpItem:
    """One piece of a dump file: a document's fields, or text that is no document."""

    line: int
    fields: dict[str, Any] | None
    problem: str | None = None


def _split(lines: Iterable[str]) -> Iterator[_Document | tuple[int, str]]:
    """Cut the lines into documents; text before the first header comes as (line, text)."""
    document: _Document | None = None
    block: list[str] = []
    stray: list[str] = []
    stray_line = 0

    def close_block() -> None:
        if block and document is not None:
            document.values.append("\n".join(block))
        block.clear()

    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        header = HEADER.match(line)
        if header:
            close_block()
            if document is not None:
                yield document
            elif stray:
                yield (stray_line, "\n".join(stray))
                stray = []
            document = _Document(line=number, date=header.group(1), url=header.group(2))
            continue
        if document is None:
            if line.strip():
                if not stray:
                    stray_line = number
                stray.append(line)
            continue
        if line.strip():
            block.append(line.strip())
        else:
            close_block()
    close_block()
    if document is not None:
        yield document
    elif stray:
        yield (stray_line, "\n".join(stray))


def iter_dump(lines: Iterable[str]) -> Iterator[DumpItem]:
    """Yield each document of a dump (as corpus fields) or each stretch that is none.

    Reads the lines one by one, so a dump file of any size is read in bounded memory.
    """
    for item in _split(lines):
        if isinstance(item, tuple):
            line, text = item
            yield DumpItem(
                line=line,
                fields=None,
                problem=(
                    "expected a header line ' date YYYY-MM-DD URL' before any other text; "
                    f"found {_preview(text)}"
                ),
            )
            continue
        fields = _fields(item)
        if fields.get("title") is None and fields.get("text") is None:
            yield DumpItem(
                line=item.line,
                fields=None,
                problem="the document has no headline and no body text (expected at least one)",
            )
        else:
            yield DumpItem(line=item.line, fields=fields)


def parse_dump(text: str) -> list[dict[str, Any]]:
    """Parse the text of a dump file into one dict of corpus fields per document.

    Dates stay as written (``published``, ``modified``); ``read_corpus`` reads them.
    Text that is not a document (before the first header, or a document without
    headline and body) raises :class:`~framing.corpus.schema.CorpusError`.

    Examples
    --------
    >>> dump = (" date 2022-03-02 https://example-news.org/20220302/story-1.html\\n\\n"
    ...         "A Headline\\n\\nA Headline\\n\\n2022-03-02T16:45+0000\\n\\n"
    ...         "The body.It goes on.\\n\\nen_EN\\n")
    >>> fields = parse_dump(dump)[0]
    >>> fields["title"], fields["published"], fields["language"]
    ('A Headline', '2022-03-02T16:45+0000', 'en')
    """
    from framing.corpus._report import RecordError

    records = []
    for item in iter_dump(text.splitlines()):
        if item.fields is None:
            raise RecordError("<text>", f"line {item.line}", item.problem or "")
        records.append(item.fields)
    return records


def _preview(text: str, limit: int = 60) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return repr(first[:limit] + ("…" if len(first) > limit else ""))


def _fields(document: _Document) -> dict[str, Any]:
    timestamps: list[str] = []
    tags: list[str] = []
    authors: list[str] = []
    free: list[str] = []
    description = publisher = description_outlet = language = None
    publisher_block: str | None = None
    for value in document.values:
        kind = classify_value(value)
        if kind == "timestamp":
            timestamps.append(value)
        elif kind == "tag":
            tags.append(value)
        elif kind == "keywords":
            tags.extend(part.strip() for part in value.split(",") if part.strip())
        elif kind == "locale":
            language = language or _LOCALE.match(value).group(1)  # type: ignore[union-attr]
        elif kind == "publisher":
            name = value[: _EMAIL.search(value).start()].strip()  # type: ignore[union-attr]
            if publisher is None:
                publisher, publisher_block = name, value
            elif value != publisher_block:
                free.append(value)  # another address: text, never dropped
        elif kind == "author":
            authors.append(_AUTHOR.match(value).group("name").strip())  # type: ignore[union-attr]
        elif kind == "description":
            if description is None:
                match = _DESCRIPTION_END.search(value)
                description = value[: match.start()].strip() or None  # type: ignore[union-attr]
                description_outlet = match.group("outlet").strip()  # type: ignore[union-attr]
        elif kind == "text":
            free.append(value)
        # xpath, image_size, year, url: page furniture, not part of the document.

    title = section = None
    body: list[str] = []
    seen: set[str] = set()
    for value in free:
        if title is None and not body and len(value) <= _TITLE_MAX and "\n" not in value:
            title = value
        elif value == title or value in seen:
            continue  # the headline and body are often repeated
        elif section is None and _looks_like_section(value):
            section = value
        else:
            body.append(value)
            seen.add(value)
    return {
        "title": title,
        "description": description,
        "published": timestamps[0] if timestamps else document.date,
        "modified": timestamps[-1] if len(timestamps) > 1 else None,
        "tags": list(dict.fromkeys(tags)),
        "author": ", ".join(dict.fromkeys(authors)) or None,
        "section": section,
        "language": language,
        "url": document.url,
        "outlet": publisher or description_outlet,
        "text": "\n\n".join(body) or None,
    }


def _looks_like_section(value: str) -> bool:
    words = value.split()
    return (
        0 < len(words) <= _SECTION_MAX_WORDS
        and len(value) <= 40
        and value[0].isupper()
        and not _SENTENCE_PUNCTUATION.search(value)
    )
