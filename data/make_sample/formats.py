"""One writer per input format: each writes one file's rows as that format's files do.

``WRITERS`` maps a folder under ``data/sample/`` to its writer. The writers keep the
formats' habits (a leftover index column in the CSV, MM/DD/YYYY dates in the TSV, dates
with a Kyiv offset in the JSON Lines, RFC 2822 dates in the JSON array, glued paragraphs
in the scraped-page dumps, og: meta and JSON-LD in the HTML pages) and write nothing that
changes from run to run: no pandas version, no time of writing.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

# Fixed stamps for the files that carry a time (Excel's document properties, zip
# entries): the same every run, so the files are byte-identical.
_FILE_TIME = (2023, 1, 1, 0, 0, 0)


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)


def _iso(value: pd.Timestamp) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


_UNREADABLE = ["date unknown", "2022-13-45", "32.13.2022", "sometime in spring"]


def _date_cell(row: pd.Series, number: int, render: Callable[[pd.Timestamp], str]) -> str | None:
    """The date as the file writes it: rendered, missing (URL has it) or garbage."""
    if not pd.isna(row["date_source"]) and row["date_source"] == "url":
        return None
    if pd.isna(row["published"]):
        return _UNREADABLE[number % len(_UNREADABLE)]
    return render(row["published"])


def _write_text_file(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def _write_dump(rows: pd.DataFrame, path: Path) -> None:
    blocks = []
    for number, row in rows.iterrows():
        published: pd.Timestamp = row["published"]
        stamp = published.strftime("%Y-%m-%dT%H:%M+0000")
        modified = (published + pd.Timedelta(minutes=7 + (int(number) * 37) % 180)).strftime(
            "%Y-%m-%dT%H:%M+0000"
        )
        domain = row["domain"]
        slug = row["url"].rsplit("/", 1)[-1].removesuffix(".html")
        author = row["author"]
        author_line = f"{author} https://cdn.{domain}/img/authors/{_slug(author)}.jpg"
        publisher = (
            f"{row['outlet']} newsdesk@{domain} +00 000 000 0000 Polar Media Group (synthetic)"
        )
        values = [
            row["title"],
            row["title"],
            f"{row['description']} {published:%d.%m.%Y}, {row['outlet']}",
            stamp,
            stamp,
            modified,
            *row["tags"],
            _XPATHS,
            f"https://cdn.{domain}/img/{published:%Y/%m/%d}/{slug}_1920x1080.jpg",
            row["text"],
            row["tags"][0],
            publisher,
            f"{published:%Y}",
            author_line,
            author_line,
            row["section"],
            "en_EN",
            publisher,
            "1920 1080 true",
            "1920 1440 true",
            publisher,
            author_line,
            ", ".join(row["tags"]),
        ]
        header = f" date {published:%Y-%m-%d} {row['url']}"
        blocks.append(header + "\n\n" + "\n\n".join(values) + "\n")
    _write_text_file(path, "\n".join(blocks))


_XPATHS = (
    "/html/head/meta[@name='og:title']/@content /html/head/meta[@name='og:description']/@content"
)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _write_csv(rows: pd.DataFrame, path: Path) -> None:
    table = pd.DataFrame(
        {
            "id": rows["doc_id"],
            "headline": rows["title"],
            "body": rows["text"].map(str),
            "published": [
                _date_cell(row, n, _iso) or "" for n, (_, row) in enumerate(rows.iterrows())
            ],
            "link": rows["url"],
            "outlet": rows["outlet"],
            "author": rows["author"],
            "section": rows["section"],
            "tags": rows["tags"].map(lambda tags: repr(list(tags))),
            "description": rows["description"],
        }
    )
    # A leftover index column, as pandas exports often carry ("Unnamed: 0" on reading).
    table.to_csv(path, index=True, lineterminator="\n", encoding="utf-8")


def _write_tsv(rows: pd.DataFrame, path: Path) -> None:
    table = pd.DataFrame(
        {
            "id": rows["doc_id"],
            "title": rows["title"],
            "text": rows["text"].map(str),
            "date": [
                _date_cell(row, n, lambda t: t.strftime("%m/%d/%Y")) or ""
                for n, (_, row) in enumerate(rows.iterrows())
            ],
            "url": rows["url"],
            "source": rows["outlet"],
            "author": rows["author"],
            "category": rows["section"],
            "keywords": rows["tags"].map(lambda tags: ", ".join(tags)),
            "summary": rows["description"],
        }
    )
    table.to_csv(path, sep="\t", index=False, lineterminator="\n", encoding="utf-8")


def _records(
    rows: pd.DataFrame, names: dict[str, str], render: Callable[[pd.Timestamp], str]
) -> list[dict[str, Any]]:
    records = []
    for number, (_, row) in enumerate(rows.iterrows()):
        record: dict[str, Any] = {}
        for column, name in names.items():
            if column == "published":
                record[name] = _date_cell(row, number, render)
            elif column == "tags":
                record[name] = list(row["tags"])
            else:
                record[name] = None if pd.isna(row[column]) else str(row[column])
        records.append(record)
    return records


def _write_jsonl(rows: pd.DataFrame, path: Path) -> None:
    names = {
        "doc_id": "id",
        "title": "title",
        "text": "content",
        "published": "pubdate",
        "url": "url",
        "outlet": "site",
        "author": "author",
        "tags": "tags",
        "description": "description",
        "section": "category",
    }
    records = _records(rows, names, lambda t: t.tz_convert("Europe/Kyiv").isoformat())
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records]
    _write_text_file(path, "\n".join(lines) + "\n")


def _write_json(rows: pd.DataFrame, path: Path) -> None:
    names = {
        "doc_id": "id",
        "title": "headline",
        "text": "article",
        "published": "date",
        "url": "link",
        "outlet": "source",
        "author": "byline",
        "tags": "keywords",
        "description": "summary",
        "section": "section",
    }
    records = _records(rows, names, lambda t: t.strftime("%a, %d %b %Y %H:%M:%S +0000"))
    _write_text_file(path, to_json(records) + "\n")


def _write_parquet(rows: pd.DataFrame, path: Path) -> None:
    table = rows[
        ["doc_id", "outlet", "published", "title", "text", "url", "description", "author",
         "section", "tags"]
    ]  # fmt: skip
    _write_parquet_table(table, path)


def _write_parquet_table(frame: pd.DataFrame, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = {}
    for name in frame.columns:
        values = frame[name]
        if name == "tags":
            columns[name] = pa.array([list(v) for v in values], type=pa.list_(pa.string()))
        elif name == "published":
            columns[name] = pa.array(values.dt.tz_convert("UTC"), type=pa.timestamp("ns", "UTC"))
        else:
            columns[name] = pa.array(
                [None if pd.isna(v) else str(v) for v in values], type=pa.string()
            )
    # No pandas metadata (it names the pandas version): the same bytes everywhere.
    table = pa.table(columns)
    pq.write_table(table, path, compression="zstd", compression_level=9)


def _write_excel(rows: pd.DataFrame, path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "articles"
    columns = ["doc_id", "title", "text", "published", "url", "author", "outlet", "section",
               "description", "tags"]  # fmt: skip
    sheet.append(["id", "headline", "text", "date", "url", "author", "outlet", "section",
                  "standfirst", "tags"])  # fmt: skip
    for number, (_, row) in enumerate(rows.iterrows()):
        cells = [str(row[c]) for c in columns]
        cells[3] = _date_cell(row, number, lambda t: t.strftime("%Y/%m/%d"))
        # Python-literal lists in cells, as exports from pandas carry them.
        cells[-1] = repr(list(row["tags"]))
        sheet.append(cells)
    fixed = datetime(*_FILE_TIME)
    workbook.properties.creator = "framing synthetic sample"
    workbook.properties.created = fixed
    buffer = io.BytesIO()
    workbook.save(buffer)
    _write_pinned_zip(buffer.getvalue(), path, fixed)


def _write_pinned_zip(data: bytes, path: Path, fixed: datetime) -> None:
    """Rewrite a zip (an .xlsx) with fixed entry times and a fixed modified date."""
    stamp = fixed.strftime("%Y-%m-%dT%H:%M:%SZ")
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp.encode() + rb"\g<2>",
                    content,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=_FILE_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    path.write_bytes(output.getvalue())


def _write_text(rows: pd.DataFrame, path: Path) -> None:
    row = rows.iloc[0]
    _write_text_file(path, f"{row['title']}\n\n{row['text']}\n")


def _write_html(rows: pd.DataFrame, path: Path) -> None:
    import html as html_module

    row = rows.iloc[0]
    escape = html_module.escape
    article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": row["title"],
        "datePublished": _iso(row["published"]),
        "author": {"@type": "Person", "name": row["author"]},
        "publisher": {"@type": "Organization", "name": row["outlet"]},
        "description": row["description"],
        "keywords": list(row["tags"]),
        "url": row["url"],
        "inLanguage": "en",
    }
    paragraphs = "\n".join(f"      <p>{escape(p)}</p>" for p in str(row["text"]).split("\n\n"))
    json_ld = json.dumps(article, ensure_ascii=False, sort_keys=True)
    navigation = '<a href="/">Home</a> <a href="/europe">Europe</a> <a href="/join">Join</a>'
    footer = (
        f"A synthetic page of the framing sample corpus. {escape(row['outlet'])} is not a "
        "real outlet."
    )
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{escape(row["title"])} | {escape(row["outlet"])}</title>
  <meta property="og:title" content="{escape(row["title"])}">
  <meta property="og:description" content="{escape(row["description"])}">
  <meta property="og:url" content="{escape(row["url"])}">
  <meta property="og:site_name" content="{escape(row["outlet"])}">
  <meta property="og:type" content="article">
  <meta property="article:published_time" content="{_iso(row["published"])}">
  <meta property="article:author" content="{escape(row["author"])}">
  <meta property="article:section" content="{escape(row["section"])}">
  <meta name="description" content="{escape(row["description"])}">
  <script type="application/ld+json">{json_ld}</script>
</head>
<body>
  <header><nav>{navigation}</nav></header>
  <main>
    <h1>{escape(row["title"])}</h1>
    <p class="byline">By {escape(row["author"])}</p>
    <article>
{paragraphs}
    </article>
  </main>
  <footer><p>{footer}</p></footer>
</body>
</html>
"""
    _write_text_file(path, page)


WRITERS = {
    "dumps": _write_dump,
    "csv": _write_csv,
    "tsv": _write_tsv,
    "jsonl": _write_jsonl,
    "json": _write_json,
    "parquet": _write_parquet,
    "excel": _write_excel,
    "text": _write_text,
    "html": _write_html,
}
