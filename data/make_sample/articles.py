"""The sample's articles as a corpus table, in memory: :func:`make_sample`.

Dates, topics, prose (:mod:`prose`), the wire stories two outlets reprint, the file each
article goes to, its ``doc_id``, and the planted mess (:mod:`quirks`), all drawn from one
seeded generator. :mod:`files` writes the table out.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pandas as pd

from framing.corpus.schema import conform

from . import words
from .prose import INVASION, Prose
from .quirks import add_quirks

#: The seed of the sample corpus; the same seed gives the same files, byte for byte.
SAMPLE_SEED = 20220224

SYNTHETIC = "[Synthetic sample]"

#: Articles per month relative to a 2021 month: coverage jumps with the invasion.
_MONTH_WEIGHTS = {(2022, 1): 1.5, (2022, 2): 2.5, (2022, 3): 5.0, (2022, 4): 4.0, (2022, 5): 3.0}
REPRINTS = 30  # wire stories reprinted by The Harbour Herald (exact) and Borderland (near)
_HTML_PAGES = 15  # Lakeside Tribune articles saved as HTML pages
_TEXT_FILES = 40  # Borderland Independent articles written as .txt files


@dataclass
class Article:
    """One article as it is made: its outlet, date, prose, and where it is written."""

    outlet: str
    published: datetime
    title: str
    paragraphs: list[str]
    author: str
    tags: list[str]
    topic: str
    slug: str
    reprint_of: int | None = None
    quirks: list[str] = field(default_factory=list)
    # What a reader can know about the date: "metadata", "url" (the date in the file is
    # missing, the URL has it) or "unreadable" (the file's date is garbage).
    date_kind: str = "metadata"
    doc_id: str = ""
    file: str = ""

    @property
    def domain(self) -> str:
        return str(words.OUTLETS[self.outlet]["domain"])

    @property
    def url(self) -> str:
        section = "news" if self.reprint_of is None else "wire"
        if self.date_kind == "unreadable":
            # No date in the URL either: the reader has nothing to go on, so NaT.
            return f"https://{self.domain}/{section}/{self.slug}.html"
        day = self.published.strftime("%Y%m%d")
        return f"https://{self.domain}/{section}/{day}/{self.slug}.html"

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def description(self) -> str:
        first = self.paragraphs[0].split(". ")[0].rstrip(".")
        return f"{SYNTHETIC} {first}."


def _months() -> list[tuple[int, int]]:
    return [(year, month) for year in (2021, 2022) for month in range(1, 13)]


def _dates(rng: random.Random, count: int) -> list[datetime]:
    months = _months()
    weights = [_MONTH_WEIGHTS.get(m, 2.5 if m >= (2022, 6) else 1.0) for m in months]
    chosen = rng.choices(months, weights=weights, k=count)
    dates = []
    for year, month in chosen:
        first = datetime(year, month, 1, tzinfo=UTC)
        following = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)
        seconds = int((following - first).total_seconds())
        # Whole minutes, as news sites publish them.
        dates.append(first + timedelta(minutes=rng.randrange(seconds // 60)))
    return sorted(dates)


# When each story is in the news: (first month, last month), inclusive.
_TOPIC_MONTHS: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "energy": ((2021, 6), (2022, 2)),
    "diplomacy": ((2021, 11), (2022, 2)),
    "offensive": ((2022, 2), (2022, 7)),
    "corridors": ((2022, 3), (2022, 6)),
    "talks": ((2022, 3), (2022, 5)),
    "grain": ((2022, 7), (2022, 12)),
    "nuclear": ((2022, 8), (2022, 12)),
    "counteroffensive": ((2022, 9), (2022, 12)),
    "infrastructure": ((2022, 10), (2022, 12)),
    "exchange": ((2022, 4), (2022, 12)),
}


def _topics(when: datetime) -> list[str]:
    month = (when.year, when.month)
    pool = words.TOPICS_AFTER if when >= INVASION else words.TOPICS_BEFORE
    window = _TOPIC_MONTHS
    return [t for t in pool if t not in window or window[t][0] <= month <= window[t][1]]


def _slugify(title: str, number: int) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return f"{slug[:60].rstrip('-')}-{number:04d}"


def _curly(text: str) -> str:
    text = re.sub(r'"([^"]*)"', "\u201c\\1\u201d", text)
    return text.replace("'", "\u2019")


def make_sample(seed: int = SAMPLE_SEED) -> pd.DataFrame:
    """Make the synthetic sample corpus as a corpus table (in memory, no files).

    Parameters
    ----------
    seed : int, default SAMPLE_SEED
        Seed of the random generator; the same seed gives the same corpus.

    Returns
    -------
    pandas.DataFrame
        The corpus (see :mod:`framing.corpus.schema`), about 1,500 rows, in the form the
        files hold it: paragraphs glued without spaces where the dumps glue them, dates
        as a reader can know them (``NaT`` where the file's date is unreadable, the
        URL's day where only the URL has one). Two extra columns: ``sample_file``, the
        file under ``data/sample/`` the article is written to, and ``reprint_of``, the
        ``doc_id`` of the wire story a reprint copies.

    Examples
    --------
    >>> from make_sample import make_sample
    >>> corpus = make_sample()
    >>> len(corpus), corpus["outlet"].nunique()
    (1500, 7)
    """
    rng = random.Random(seed)
    articles: list[Article] = []
    wire_pool: list[Article] = []
    for outlet, info in words.OUTLETS.items():
        count = int(info["articles"])  # type: ignore[call-overload]
        if outlet in ("The Harbour Herald", "Borderland Independent"):
            count -= REPRINTS
        authors: list[str] = list(info["authors"])  # type: ignore[call-overload]
        for number, when in enumerate(_dates(rng, count), start=1):
            prose = Prose(rng, outlet, when)
            topic = rng.choice(_topics(when))
            title = prose.headline(topic)
            paragraphs = prose.paragraphs(topic)
            if info["curly"]:
                title, paragraphs = _curly(title), [_curly(p) for p in paragraphs]
            tags = ["ukraine", "russia", topic]
            if topic == "offensive":
                tags.append("donbass" if prose.kind == "state" else "donbas")
            article = Article(
                outlet=outlet,
                published=when,
                title=title,
                paragraphs=paragraphs,
                author=rng.choice(authors),
                tags=tags,
                topic=topic,
                slug=_slugify(title, number),
            )
            articles.append(article)
            if outlet == "Meridian Wire" and when >= INVASION:
                words_in = len(article.text.split())
                if words_in >= 100:
                    wire_pool.append(article)
    _add_reprints(rng, articles, wire_pool)
    _assign_files_and_ids(articles)
    add_quirks(rng, articles)
    return _to_frame(articles)


def _add_reprints(rng: random.Random, articles: list[Article], wire_pool: list[Article]) -> None:
    originals = sorted(rng.sample(wire_pool, REPRINTS), key=lambda a: a.published)
    for number, original in enumerate(originals, start=1):
        index = articles.index(original)
        # An exact copy two hours later, and a near copy (a credit line added) a day
        # later.
        exact = Article(
            outlet="The Harbour Herald",
            published=original.published + timedelta(hours=2),
            title=original.title,
            paragraphs=list(original.paragraphs),
            author="Meridian Wire",
            tags=list(original.tags),
            topic=original.topic,
            slug=_slugify(original.title, 900 + number),
            reprint_of=index,
        )
        near_paragraphs = list(original.paragraphs)
        near_paragraphs[-1] = near_paragraphs[-1] + " " + words.REPRINT_NOTE
        near = Article(
            outlet="Borderland Independent",
            # The next day: Borderland's files give the day only, and a copy dated
            # midnight of the same day would look older than the wire story.
            published=original.published + timedelta(days=1),
            title=original.title,
            paragraphs=near_paragraphs,
            author="Meridian Wire",
            tags=list(original.tags),
            topic=original.topic,
            slug=_slugify(original.title, 900 + number),
            reprint_of=index,
        )
        articles.extend([exact, near])


def _assign_files_and_ids(articles: list[Article]) -> None:
    by_outlet: dict[str, list[Article]] = {}
    for article in sorted(articles, key=lambda a: (a.outlet, a.published, a.slug)):
        by_outlet.setdefault(article.outlet, []).append(article)
    for outlet, items in by_outlet.items():
        prefix = str(words.OUTLETS[outlet]["domain"]).split(".")[0]
        for number, article in enumerate(items, start=1):
            article.doc_id = f"{prefix}-{number:04d}"
    html_every = len(by_outlet["The Lakeside Tribune"]) // _HTML_PAGES
    text_every = (len(by_outlet["Borderland Independent"]) - REPRINTS) // _TEXT_FILES
    for outlet, items in by_outlet.items():
        originals = [a for a in items if a.reprint_of is None]
        for number, article in enumerate(items):
            if outlet == "Polar News Agency":
                article.file = f"dumps/polarnews-{article.published:%Y-%m}.txt"
            elif outlet == "Eastwave TV":
                article.file = "parquet/eastwave.parquet"
            elif outlet == "The Harbour Herald":
                article.file = "csv/harbourherald.csv"
            elif outlet == "The Lakeside Tribune":
                if number % html_every == 0 and number // html_every < _HTML_PAGES:
                    article.file = f"html/{article.slug}.html"
                else:
                    article.file = "excel/lakesidetribune.xlsx"
            elif outlet == "Dnipro Ledger":
                article.file = "jsonl/dniproledger.jsonl"
            elif outlet == "Meridian Wire":
                article.file = "json/meridianwire.json"
            else:
                article.file = "tsv/borderland.tsv"
        if outlet == "Borderland Independent":
            for number, article in enumerate(originals):
                if number % text_every == 0 and number // text_every < _TEXT_FILES:
                    article.file = f"text/borderland/{article.published:%Y%m%d}-{article.slug}.txt"


def _to_frame(articles: list[Article]) -> pd.DataFrame:
    rows = []
    ordered = sorted(articles, key=lambda a: a.doc_id)
    for article in ordered:
        text = article.text
        if article.file.startswith("dumps/"):
            # The scraper dropped the paragraph tags: paragraphs glued without a space.
            text = "".join(article.paragraphs)
        if article.date_kind == "metadata" and article.file.startswith(("tsv/", "excel/")):
            # These files give the day only (MM/DD/YYYY, YYYY/MM/DD): midnight UTC.
            published: Any = pd.Timestamp(article.published.date(), tz="UTC")
            date_source: Any = "metadata"
        elif article.date_kind == "metadata":
            published = pd.Timestamp(article.published)
            date_source = "metadata"
        elif article.date_kind == "url":
            published = pd.Timestamp(article.published.date(), tz="UTC")
            date_source = "url"
        else:
            published, date_source = pd.NaT, pd.NA
        rows.append(
            {
                "doc_id": article.doc_id,
                "outlet": article.outlet,
                "published": published,
                "title": article.title,
                "text": text,
                "url": article.url,
                "domain": article.domain,
                "description": article.description,
                "author": article.author,
                "section": str(words.OUTLETS[article.outlet]["section"]),
                "language": "en",
                "tags": list(article.tags),
                "date_source": date_source,
                "source": f"data/sample/{article.file}",
                "sample_file": article.file,
                "reprint_of": (
                    articles[article.reprint_of].doc_id if article.reprint_of is not None else None
                ),
                "quirks": ", ".join(article.quirks) or None,
            }
        )
    frame = pd.DataFrame(rows)
    frame["published"] = pd.to_datetime(frame["published"], utc=True)
    frame = conform(frame)
    for column in ("sample_file", "reprint_of", "quirks"):
        frame[column] = frame[column].astype("string")
    return frame
