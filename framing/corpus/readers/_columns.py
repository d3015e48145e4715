"""Which source column is which corpus column: the aliases, and the mapping of a source.

A table's columns are matched to corpus columns by name: the names given in
``rename=`` first, then the usual names in :data:`ALIASES` (compared case-folded with
everything but letters and digits removed, ``ё`` as ``е``; English names, and the Russian
and Ukrainian ones that Integrum, Medialogia, Public.ru and the like write, e.g.
``Заголовок``, ``Текст``, ``Анонс``, ``СМИ``), then a web-scraper export's link
selections (``title_name``/``title_url``). Leftover index columns (leading ``Unnamed: 0``
columns holding whole numbers) are dropped. Sources that name their fields as corpus columns
already (dumps, text files, saved pages) are taken as they are.
"""

from __future__ import annotations

import re
from typing import Any

from framing.corpus._dates import is_blank
from framing.corpus._report import RecordError
from framing.corpus.readers._registry import Chunk, Source

# Source column names read automatically, by corpus column, best first. Names are
# compared lower-cased with everything but letters and digits removed.
ALIASES: dict[str, tuple[str, ...]] = {
    "doc_id": ("docid", "id", "documentid", "articleid", "uid", "ид", "идентификатор"),
    "title": (
        "title",
        "headline",
        "headlines",
        "titles",
        "heading",
        "заголовок",
        "заглавие",
        "название",
        "заголовокстатьи",
        "назва",
    ),
    "text": (
        "text",
        "body",
        "content",
        "article",
        "articles",
        "articletext",
        "fulltext",
        "bodytext",
        "maintext",
        "текст",
        "полныйтекст",
        "текстстатьи",
        "текстсообщения",
        "содержание",
        "статья",
        "повнийтекст",
        "зміст",
    ),
    "description": (
        "description",
        "desc",
        "summary",
        "subtitle",
        "subheading",
        "standfirst",
        "lead",
        "abstract",
        "анонс",
        "лид",
        "аннотация",
        "описание",
        "подзаголовок",
        "краткоесодержание",
        "резюме",
        "анотація",
        "опис",
        "підзаголовок",
    ),
    "published": (
        "published",
        "date",
        "pubdate",
        "publishdate",
        "publisheddate",
        "publicationdate",
        "datepublished",
        "publishedat",
        "datetime",
        "timestamp",
        "дата",
        "датапубликации",
        "датавыхода",
        "датаивремя",
        "датаопублікування",
        "датапублікації",
    ),
    "url": ("url", "link", "src", "href", "articleurl", "uri", "ссылка", "адрес", "посилання"),
    "outlet": (
        "outlet",
        "site",
        "source",
        "publisher",
        "sitename",
        "domain",
        "medium",
        "newspaper",
        "источник",
        "сми",
        "издание",
        "названиесми",
        "ресурс",
        "площадка",
        "джерело",
        "змі",
        "видання",
    ),
    "author": ("author", "authors", "byline", "writer", "автор", "авторы", "автори"),
    "section": ("section", "category", "рубрика", "раздел", "розділ"),
    "language": ("language", "lang", "locale", "язык", "мова"),
    "tags": ("tags", "tag", "keywords", "keyword", "теги", "тэги", "ключевыеслова", "ключовіслова"),
}
#: The corpus columns a source column can be mapped to.
MAPPABLE = tuple(ALIASES)
# Web-scraper exports (ParseHub and the like) name a link selection's text and target
# "<selection>_name" and "<selection>_url": "title_name"/"title_url" are the headline and
# the article's address. Only selections named like a headline or an article count, so
# that "image_url" or "author_name" are never taken for the article's URL or title.
_SCRAPED_SELECTION = re.compile(
    r"^(?P<selection>title|headline|heading|article|story|post|link)"
    r"[_\- ]?(?P<part>name|text|url|href|link)$"
)
_INDEX_NAME = re.compile(r"^(?:Unnamed: \d+(?:[._]\d+)?)?$")
_INTEGER = re.compile(r"^-?\d+(?:\.0+)?$")


def normalise_name(name: str) -> str:
    """A column name as aliases are compared: case-folded, letters and digits only.

    Letters of any script count (``Заголовок`` is ``заголовок``); ``ё`` is read as ``е``.
    """
    return "".join(c for c in name.casefold() if c.isalnum()).replace("ё", "е")


def is_index_column(name: str, values: list[Any]) -> bool:
    """True for a leftover index column: unnamed (``Unnamed: 0``), whole numbers only."""
    if not _INDEX_NAME.match(name):
        return False
    return all(
        is_blank(v)
        or (isinstance(v, int | float) and not isinstance(v, bool) and float(v).is_integer())
        or (isinstance(v, str) and bool(_INTEGER.match(v.strip())))
        for v in values
    )


def resolve_mapping(
    chunk: Chunk,
    source: Source,
    rename: dict[str, str] | None,
    parameter: str = "rename",
) -> None:
    """Decide, from the first chunk, which source column gives which corpus column.

    Sets ``source.mapping`` (corpus column -> source column) and ``source.dropped`` (the
    leftover index columns). Raises RecordError if a column named in ``rename`` is not
    in the source, or if no column gives a title or a text. ``parameter`` is the name
    the caller gave ``rename`` under (``"rename"`` or ``"columns"``), for the messages.
    """
    names = list(chunk.columns)
    # A leftover index is a leading column (pandas writes it first); an unnamed column of
    # numbers elsewhere is data whose header cell is blank, and is kept.
    source.dropped = set()
    for name in names:
        if not is_index_column(name, chunk.columns[name]):
            break
        source.dropped.add(name)
    mapping: dict[str, str] = {}
    if source.structured:
        mapping = {name: name for name in names if name in MAPPABLE}
    else:
        holder = "the DataFrame" if source.format == "dataframe" else "the file"
        for corpus_column, source_column in (rename or {}).items():
            if source_column not in chunk.columns:
                raise RecordError(
                    source.path,
                    None,
                    f"the column {source_column!r} given in {parameter}= for {corpus_column!r} "
                    f"is not in {holder}; its columns are {names}",
                )
            mapping[corpus_column] = source_column
        by_normal: dict[str, str] = {}
        for name in names:
            if name not in source.dropped:
                by_normal.setdefault(normalise_name(name), name)
        taken = set(mapping.values())
        for corpus_column, aliases in ALIASES.items():
            if corpus_column in mapping:
                continue
            for alias in aliases:
                candidate = by_normal.get(alias)
                if candidate is not None and candidate not in taken:
                    mapping[corpus_column] = candidate
                    taken.add(candidate)
                    break
    _map_scraped_selection(names, source.dropped, mapping)
    if "title" not in mapping and "text" not in mapping:
        raise RecordError(
            source.path,
            None,
            "found no text or title column (expected a column such as 'text', 'body', "
            "'content', 'article(s)', 'title' or 'headline(s)', or name one with "
            f"{parameter}={{'text': ...}}); its columns are {names}",
        )
    source.mapping = mapping


def _map_scraped_selection(names: list[str], dropped: set[str], mapping: dict[str, str]) -> None:
    """Map "title_name"/"title_url" of a scraper export where no usual name was found."""
    taken = set(mapping.values())
    for name in names:
        found = _SCRAPED_SELECTION.match(name.strip().lower())
        if found is None or name in taken or name in dropped:
            continue
        target = "url" if found["part"] in ("url", "href", "link") else "title"
        if found["selection"] == "link" and target == "url":
            continue  # "link_url" names nothing more than "link" (an alias already)
        if target not in mapping:
            mapping[target] = name
            taken.add(name)
