"""The bundled sample corpus: synthetic news articles for trying the kit out.

The sample is **synthetic**: about 1,500 short articles (80–200 words) from January 2021
to December 2022 by seven invented outlets with invented ``.example`` domains, written
by :func:`make_sample` from the templates in ``framing/_sample_text.py`` with a seeded
random generator. It mirrors what the kit is built to measure, so that every notebook
and figure can run without real data:

* framing differences between outlets: state outlets write "special military
  operation", "Kiev", "nationalist battalions", "liberated"; Western dailies write "war",
  "invasion", "Kyiv", "occupied", and quote Moscow's terms ("what Moscow calls a
  'special military operation'", "so-called"); the Ukrainian outlet also writes
  "occupiers" and sometimes "rashists" or "orcs"; the wire service stays plainer;
* change over time: little war vocabulary before 24 February 2022, and a gradual switch
  from "Kiev" to "Kyiv" by the Western dailies over 2021–2022;
* the mess of real files: paragraphs glued without a space in the scraped-page dumps,
  curly apostrophes in some outlets, no-break spaces and Unicode hyphens, mojibake and
  HTML entities in a few documents, wire copy reprinted by two other outlets (exact and
  near copies), unreadable dates, and dates found only in the URL.

The outlets and their files (under ``data/sample/`` in the source repository):

=======================  ===================  ==========================================
outlet                   kind                 written as
=======================  ===================  ==========================================
Polar News Agency        state news agency    scraped-page dumps, one file a month
Eastwave TV              state broadcaster    Parquet
The Harbour Herald       Western daily        CSV (with reprints of wire copy)
The Lakeside Tribune     Western daily        Excel, and a few saved HTML pages
Dnipro Ledger            Ukrainian outlet     JSON Lines
Meridian Wire            wire service         a JSON array
Borderland Independent   regional independent TSV (with reprints), and a folder of .txt
=======================  ===================  ==========================================

The whole corpus is also packaged with the kit (``framing/data/sample.parquet``), so
that :func:`load_sample` works from an installed package.
"""

from __future__ import annotations

import io
import itertools
import json
import random
import re
import shutil
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from framing import _sample_text as words
from framing.corpus.schema import conform

__all__ = ["SAMPLE_FORMATS", "load_sample", "make_sample", "sample_path", "write_sample"]

#: The seed of the sample corpus; the same seed gives the same files, byte for byte.
SAMPLE_SEED = 20220224

#: The input formats the sample is written in, as ``read_corpus`` names them: every one
#: the readers support.
SAMPLE_FORMATS: tuple[str, ...] = (
    "dump", "csv", "tsv", "jsonl", "json", "parquet", "excel", "text", "html",
)  # fmt: skip

_PACKAGE_FILE = Path(__file__).resolve().parent / "data" / "sample.parquet"
_REPOSITORY_SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"

_START = datetime(2021, 1, 1, tzinfo=UTC)
_INVASION = datetime(2022, 2, 24, tzinfo=UTC)
# Fixed stamps for the files that carry a time (Excel's document properties, zip
# entries): the same every run, so the files are byte-identical.
_FILE_TIME = (2023, 1, 1, 0, 0, 0)
_SYNTHETIC = "[Synthetic sample]"
_NOTE = (
    "Synthetic sample corpus: invented outlets, domains, people and text, made by "
    "data/make_sample.py (framing.datasets.write_sample). Not real news."
)

#: Articles per month relative to a 2021 month: coverage jumps with the invasion.
_MONTH_WEIGHTS = {(2022, 1): 1.5, (2022, 2): 2.5, (2022, 3): 5.0, (2022, 4): 4.0, (2022, 5): 3.0}
_REPRINTS = 30  # wire stories reprinted by The Harbour Herald (exact) and Borderland (near)
_HTML_PAGES = 15  # Lakeside Tribune articles saved as HTML pages
_TEXT_FILES = 40  # Borderland Independent articles written as .txt files


@dataclass
class _Article:
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
        return f"{_SYNTHETIC} {first}."


# --- loading ---------------------------------------------------------------------------


def sample_path(format: str | None = None) -> Path:
    """Return where the sample corpus is stored.

    Parameters
    ----------
    format : str, optional
        ``None`` for the whole corpus packaged with the kit (one Parquet file); one of
        :data:`SAMPLE_FORMATS` for the files of that format under ``data/sample/`` of a
        source checkout (a file, or a folder for one-document-a-file formats); ``"all"``
        for the ``data/sample`` folder itself.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    ValueError
        If ``format`` is not one of the sample's formats.
    FileNotFoundError
        If the per-format files are asked for but absent (an installed package has
        only the packaged Parquet file; regenerate them with ``python data/make_sample.py``).

    Examples
    --------
    >>> from framing.datasets import sample_path
    >>> sample_path().name
    'sample.parquet'
    """
    if format is None:
        return _PACKAGE_FILE
    parts = _manifest_parts()
    if format == "all":
        return _REPOSITORY_SAMPLE
    if format not in SAMPLE_FORMATS:
        raise ValueError(
            "The 'format' parameter of sample_path must be None, 'all' or one of "
            f"{list(SAMPLE_FORMATS)}. Got {format!r} instead."
        )
    paths = [_REPOSITORY_SAMPLE / part["path"] for part in parts if part["format"] == format]
    return paths[0]


def load_sample(*, format: str | None = None) -> pd.DataFrame:
    """Load the synthetic sample corpus through :func:`framing.read_corpus`.

    Parameters
    ----------
    format : str, optional
        ``None`` (the default) reads the whole corpus, about 1,500 articles, from the
        Parquet file packaged with the kit. One of :data:`SAMPLE_FORMATS` reads only the
        part of the sample written in that format (one outlet, or part of one) from
        ``data/sample/`` of a source checkout; ``"all"`` reads every part there, which
        together make the whole corpus again.

    Returns
    -------
    pandas.DataFrame
        A corpus (see :mod:`framing.corpus.schema`) with its load report in
        ``attrs["load_report"]``. From the packaged file it has three more columns:
        ``sample_file`` (where under ``data/sample/`` the article is written),
        ``reprint_of`` (the wire story a reprint copies) and ``quirks`` (what mess was
        planted in the document: unreadable date, mojibake, ...).

    See Also
    --------
    framing.read_corpus : read your own files the same way.
    framing.deduplicate : the sample's 60 reprints are its duplicates.

    Notes
    -----
    Every text, outlet, domain and person in the sample is invented (see
    :mod:`framing.datasets`); it is for learning and testing the kit, not for findings.

    Examples
    --------
    >>> import framing
    >>> corpus = framing.load_sample()
    >>> len(corpus)
    1500
    >>> sorted(corpus["outlet"].unique())[:3]
    ['Borderland Independent', 'Dnipro Ledger', 'Eastwave TV']
    """
    from framing import read_corpus

    if format is None:
        return read_corpus(_PACKAGE_FILE)
    if format != "all" and format not in SAMPLE_FORMATS:
        raise ValueError(
            "The 'format' parameter of load_sample must be None, 'all' or one of "
            f"{list(SAMPLE_FORMATS)}. Got {format!r} instead."
        )
    parts = [p for p in _manifest_parts() if format == "all" or p["format"] == format]
    frames = [
        read_corpus(
            _REPOSITORY_SAMPLE / part["path"],
            format=part["format"],
            outlet=part["outlet"],
            errors="report",  # the planted unreadable dates become NaT, listed in the report
        )
        for part in parts
    ]
    if len(frames) == 1:
        return frames[0]
    reports = [frame.attrs.get("load_report", {}) for frame in frames]
    combined = pd.concat(frames, ignore_index=True)
    combined.attrs = {"load_report": _merge_reports(reports)}
    return combined


def _merge_reports(reports: Sequence[dict[str, Any]]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for report in reports:
        for key, value in report.items():
            if isinstance(value, list):
                merged.setdefault(key, []).extend(value)
            else:
                merged.setdefault(key, value)
    return merged


def _manifest_parts() -> list[dict[str, Any]]:
    manifest = _REPOSITORY_SAMPLE / "MANIFEST.json"
    if not manifest.is_file():
        raise FileNotFoundError(
            f"The sample's per-format files are not in {_REPOSITORY_SAMPLE} (an installed "
            "package carries only the whole corpus: use load_sample() without format=). "
            "In a source checkout, make them with 'python data/make_sample.py'."
        )
    return list(json.loads(manifest.read_text(encoding="utf-8"))["parts"])


# --- generating the articles ---------------------------------------------------------


def _months() -> list[tuple[int, int]]:
    return [(year, month) for year in (2021, 2022) for month in range(1, 13)]


def _kyiv_share(outlet: str, when: datetime) -> float:
    kind = str(words.OUTLETS[outlet]["kind"])
    knots = words.KYIV_SHARE.get(outlet) or words.KYIV_SHARE[kind]
    t = when.year * 12 + when.month - 1 + (when.day - 1) / 31
    points = [(year * 12 + month - 1, share) for (year, month), share in knots]
    if t <= points[0][0]:
        return points[0][1]
    for (t0, s0), (t1, s1) in itertools.pairwise(points):
        if t <= t1:
            return s0 + (s1 - s0) * (t - t0) / (t1 - t0)
    return points[-1][1]


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


class _Writer:
    """Fills sentence templates with one outlet's words for one article."""

    def __init__(self, rng: random.Random, outlet: str, when: datetime) -> None:
        self.rng = rng
        self.kind = str(words.OUTLETS[outlet]["kind"])
        self.after = when >= _INVASION
        kyiv = rng.random() < _kyiv_share(outlet, when)
        self.capital = "Kyiv" if kyiv else "Kiev"
        # An outlet that writes "Kyiv" also writes the Ukrainian place names.
        self.places = [pair[1] if kyiv else pair[0] for pair in words.PLACES]
        self.place = rng.choice(self.places)
        self.slots = words.WORDS[self.kind]
        # The Ukrainian outlet uses slurs in some stories only.
        self.harsh = self.kind == "ukrainian" and self.after and rng.random() < 0.3

    def fill(self, template: str) -> str:
        rng = self.rng

        def slot(match: re.Match[str]) -> str:
            name = match.group(1)
            capitalise = name.endswith("_cap")
            base = name.removesuffix("_cap")
            if base == "capital":
                value = self.capital
            elif base == "capital_pos":
                value = f"{self.capital}'s"
            elif base == "place":
                value = self.place
            elif base == "number":
                value = str(rng.choice([3, 5, 7, 12, 18, 24, 40, 65, 120, 300, 1200]))
            elif base == "thousands":
                value = str(rng.choice([60, 90, 100, 110, 127, 150]))
            elif base == "weekday":
                value = rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])
            elif base == "ordinal":
                value = rng.choice(["Second", "Third", "Fourth", "Fifth"])
            elif base == "harsh":
                value = rng.choice(words.HARSH_WORDS) if self.harsh else "the occupiers"
            else:
                value = rng.choice(self.slots[base])
            value = value.replace("{capital}", self.capital)
            return value[0].upper() + value[1:] if capitalise else value

        return re.sub(r"\{(\w+)\}", slot, template)

    def headline(self, topic: str) -> str:
        table = words.HEADLINES[self.kind]
        line = self.rng.choice(table[topic])
        line = line.replace("Kiev", self.capital).replace("Odessa", self.places[2])
        return self.fill(line)

    def paragraphs(self, topic: str) -> list[str]:
        rng = self.rng
        pool = words.SENTENCES[f"{self.kind}:{'after' if self.after else 'before'}"]
        topical = rng.sample(pool[topic], len(pool[topic]))
        # Quoted terms ("what Moscow calls ...") come up in some stories, not in most.
        general = [t for t in pool["any"] if '"' not in t]
        general = rng.sample(general, len(general))
        quotes = [t for t in pool["any"] if '"' in t]
        if quotes and rng.random() < 0.3:
            general.insert(rng.randrange(3), rng.choice(quotes))
        details = self._details(4)
        if rng.random() < 0.04:
            details.insert(1, rng.choice(words.HISTORY))
        target = rng.randint(80, 200)
        order = [
            *topical[1:3],
            *general[:2],
            *details[:2],
            *topical[3:],
            *general[2:],
            *details[2:],
        ]
        sentences: list[str] = [self.fill(topical[0])]
        for template in order:
            sentence = self.fill(template)
            count = sum(len(s.split()) for s in sentences)
            if count >= target or count + len(sentence.split()) > 200:
                break
            sentences.append(sentence)
        extra = iter(self._details(10))
        while sum(len(s.split()) for s in sentences) < 80:
            sentences.append(self.fill(next(extra)))
        cuts = sorted(
            rng.sample(range(1, len(sentences)), min(len(sentences) - 1, rng.randint(1, 3)))
        )
        bounds = [0, *cuts, len(sentences)]
        return [" ".join(sentences[a:b]) for a, b in itertools.pairwise(bounds)]

    def _details(self, count: int) -> list[str]:
        """Sentences built from many small parts, so that no two stories read alike."""
        rng = self.rng

        def person() -> str:
            return f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"

        def street() -> str:
            return f"{rng.choice(_STREETS)} Street"

        def when() -> str:
            return (
                f"{rng.choice(['early on', 'late on', 'on', 'around noon on'])} {rng.choice(_DAYS)}"
            )

        number = rng.randint(2, 90)
        shapes = [
            f"{person()}, a {rng.randint(19, 83)}-year-old {rng.choice(_JOBS)}, said the queues for bread had grown longer.",  # noqa: E501
            f"{person()}, {rng.randint(19, 83)}, a {rng.choice(_JOBS)}, said the family had not slept properly for {number} nights.",  # noqa: E501
            f"On {street()}, {rng.randint(2, 90)} windows were broken and a {rng.choice(_OBJECTS)} was damaged.",  # noqa: E501
            f"The {rng.choice(_OBJECTS)} near {street()} was closed {when()}.",
            f"A {rng.choice(_JOBS)} named {person()} said prices in the local market had risen by {rng.randint(2, 90)} per cent.",  # noqa: E501
            f"Officials said {rng.randint(2, 90)} families had asked for help {when()}.",
            f"{person()}, who works as a {rng.choice(_JOBS)}, said the power had been cut for {rng.randint(2, 90)} hours.",  # noqa: E501
            f"The {rng.choice(_OBJECTS)} on {street()} reopened after {rng.randint(2, 90)} days.",
            f"Queues formed outside the {rng.choice(_OBJECTS)} {when()}, {person()} said.",
            f"Local radio reported that {rng.randint(2, 90)} buses left {self.place} {when()}.",
            f"{person()} said the {rng.choice(_OBJECTS)} had run out of {rng.choice(_GOODS)} {when()}.",  # noqa: E501
            f"Volunteers handed out {rng.choice(_GOODS)} outside the {rng.choice(_OBJECTS)} on {street()}.",  # noqa: E501
        ]
        return rng.sample(shapes, count)


_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_GOODS = ["bread", "insulin", "candles", "drinking water", "batteries", "baby food", "fuel"]
_FIRST_NAMES = [
    "Olena", "Mykola", "Svitlana", "Andriy", "Natalia", "Sergei", "Tamara", "Viktor",
    "Larysa", "Pavlo", "Galina", "Roman", "Iryna", "Dmytro", "Vera", "Yuri", "Halyna",
    "Artem", "Zoya", "Bohdan",
]  # fmt: skip
_LAST_NAMES = [
    "Kravets", "Lysenko", "Moroz", "Tkachuk", "Savchenko", "Rudenko", "Polishchuk",
    "Ivanova", "Petrov", "Sokolova", "Hnatiuk", "Zakharchenko", "Demchenko", "Orlova",
    "Kovalenko", "Bilyk", "Fedorova", "Sydorenko", "Voloshyn", "Marchenko",
]  # fmt: skip
_JOBS = [
    "teacher", "nurse", "driver", "pensioner", "baker", "engineer", "student",
    "shop owner", "volunteer", "miner", "farmer", "electrician", "doctor", "librarian",
    "railway worker",
]  # fmt: skip
_STREETS = [
    "Sadova", "Shkilna", "Lisova", "Tsentralna", "Myru", "Zarichna", "Stepova",
    "Vyshneva", "Pivdenna", "Ozerna", "Zelena", "Kolhospna",
]  # fmt: skip
_OBJECTS = [
    "pharmacy", "school", "bakery", "bus station", "post office", "clinic", "market",
    "kindergarten", "library", "petrol station", "railway station", "supermarket",
]  # fmt: skip


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
    pool = words.TOPICS_AFTER if when >= _INVASION else words.TOPICS_BEFORE
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
    >>> from framing.datasets import make_sample
    >>> corpus = make_sample()
    >>> len(corpus), corpus["outlet"].nunique()
    (1500, 7)
    """
    rng = random.Random(seed)
    articles: list[_Article] = []
    wire_pool: list[_Article] = []
    for outlet, info in words.OUTLETS.items():
        count = int(info["articles"])  # type: ignore[call-overload]
        if outlet in ("The Harbour Herald", "Borderland Independent"):
            count -= _REPRINTS
        authors: list[str] = list(info["authors"])  # type: ignore[call-overload]
        for number, when in enumerate(_dates(rng, count), start=1):
            writer = _Writer(rng, outlet, when)
            topic = rng.choice(_topics(when))
            title = writer.headline(topic)
            paragraphs = writer.paragraphs(topic)
            if info["curly"]:
                title, paragraphs = _curly(title), [_curly(p) for p in paragraphs]
            tags = ["ukraine", "russia", topic]
            if topic == "offensive":
                tags.append("donbass" if writer.kind == "state" else "donbas")
            article = _Article(
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
            if outlet == "Meridian Wire" and when >= _INVASION:
                words_in = len(article.text.split())
                if words_in >= 100:
                    wire_pool.append(article)
    _add_reprints(rng, articles, wire_pool)
    _assign_files_and_ids(articles)
    _add_quirks(rng, articles)
    return _to_frame(articles)


def _add_reprints(rng: random.Random, articles: list[_Article], wire_pool: list[_Article]) -> None:
    originals = sorted(rng.sample(wire_pool, _REPRINTS), key=lambda a: a.published)
    for number, original in enumerate(originals, start=1):
        index = articles.index(original)
        # An exact copy two hours later, and a near copy (a credit line added) a day
        # later.
        exact = _Article(
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
        near = _Article(
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


def _assign_files_and_ids(articles: list[_Article]) -> None:
    by_outlet: dict[str, list[_Article]] = {}
    for article in sorted(articles, key=lambda a: (a.outlet, a.published, a.slug)):
        by_outlet.setdefault(article.outlet, []).append(article)
    for outlet, items in by_outlet.items():
        prefix = str(words.OUTLETS[outlet]["domain"]).split(".")[0]
        for number, article in enumerate(items, start=1):
            article.doc_id = f"{prefix}-{number:04d}"
    html_every = len(by_outlet["The Lakeside Tribune"]) // _HTML_PAGES
    text_every = (len(by_outlet["Borderland Independent"]) - _REPRINTS) // _TEXT_FILES
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


def _add_quirks(rng: random.Random, articles: list[_Article]) -> None:
    """Plant the mess of real files in a few documents each, and note it in quirks."""

    def pick(outlet: str, count: int, *, file_part: str = "") -> list[_Article]:
        pool = [
            a
            for a in articles
            if a.outlet == outlet and a.reprint_of is None and not a.quirks and file_part in a.file
        ]
        return sorted(rng.sample(pool, count), key=lambda a: a.doc_id)

    # Unreadable dates (NaT, counted in the load report) and dates only in the URL.
    for article in pick("The Harbour Herald", 4):
        article.date_kind = "unreadable"
        article.quirks.append("unreadable date")
    for article in pick("Dnipro Ledger", 3) + pick("The Harbour Herald", 2):
        article.date_kind = "url"
        article.quirks.append("date only in the URL")
    for article in pick("The Lakeside Tribune", 3, file_part="excel"):
        article.date_kind = "url"
        article.quirks.append("date only in the URL")
    for article in pick("Borderland Independent", 2, file_part="tsv"):
        article.date_kind = "unreadable"
        article.quirks.append("unreadable date")
    # No-break spaces and Unicode hyphens inside multi-word terms.
    replacements = [
        ("special military operation", "special\u00a0military\u00a0operation"),
        ("special operation", "special\u00a0operation"),
        ("full-scale", "full\u2011scale"),
        ("Russian-backed", "Russian\u2010backed"),
        ("pro-Russian", "pro\u2011Russian"),
        ("Kyiv region", "Kyiv\u00a0region"),
    ]
    for outlet in ("Polar News Agency", "Eastwave TV", "The Harbour Herald", "Dnipro Ledger"):
        candidates = [
            a
            for a in articles
            if a.outlet == outlet
            and a.reprint_of is None
            and not a.quirks
            and any(old in a.text for old, _ in replacements)
        ]
        for article in sorted(
            rng.sample(candidates, min(4, len(candidates))), key=lambda a: a.doc_id
        ):
            for old, new in replacements:
                article.paragraphs = [p.replace(old, new) for p in article.paragraphs]
            article.quirks.append("no-break spaces and Unicode hyphens")
    # Mojibake (UTF-8 read as Windows-1252) in a few regional articles.
    for article in pick("Borderland Independent", 3, file_part="tsv"):
        article.paragraphs = [
            p.replace("'", "\u2019").encode("utf-8").decode("cp1252", errors="replace")
            for p in article.paragraphs
        ]
        article.quirks.append("mojibake")
    # HTML entities in a few wire stories.
    with_apostrophes = [
        a for a in articles if a.outlet == "Meridian Wire" and a.reprint_of is None
        and not a.quirks and "'" in a.text
    ]  # fmt: skip
    for article in sorted(rng.sample(with_apostrophes, 3), key=lambda a: a.doc_id):
        article.paragraphs = [
            p.replace("'", "&#8217;").replace(" and ", " &amp; ", 1) for p in article.paragraphs
        ]
        article.quirks.append("HTML entities")


def _to_frame(articles: list[_Article]) -> pd.DataFrame:
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


# --- writing the files -----------------------------------------------------------------


def write_sample(
    directory: str | Path | None = None,
    *,
    package_file: str | Path | None = None,
    seed: int = SAMPLE_SEED,
) -> list[Path]:
    """Write the synthetic sample corpus in every input format the kit reads.

    Each outlet's articles go to one format (see the table in :mod:`framing.datasets`);
    the whole corpus also goes to one compact Parquet file, the one :func:`load_sample`
    reads. Same seed, same bytes: no file carries the time it was written.

    Parameters
    ----------
    directory : str or Path, optional
        Where the per-format files go (``data/sample`` of the source repository by
        default). A ``MANIFEST.json`` there lists each file, its format and outlet.
    package_file : str or Path, optional
        Where the whole corpus goes (``framing/data/sample.parquet`` by default).
    seed : int, default SAMPLE_SEED
        Seed of the random generator.

    Returns
    -------
    list of Path
        The files written, in the order written.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from framing.datasets import write_sample
    >>> folder = Path(tempfile.mkdtemp())
    >>> written = write_sample(folder / "sample", package_file=folder / "sample.parquet")
    >>> sorted({path.parent.name for path in written})[:4]
    ['borderland', 'csv', 'dumps', 'excel']
    """
    directory = Path(directory) if directory is not None else _REPOSITORY_SAMPLE
    package_file = Path(package_file) if package_file is not None else _PACKAGE_FILE
    corpus = make_sample(seed)
    # Start from empty format folders, so that no file of an earlier run stays behind.
    for folder in _FORMAT_OF:
        if (directory / folder).is_dir():
            shutil.rmtree(directory / folder)
    written: list[Path] = []
    files = corpus["sample_file"].tolist()
    for file in sorted(dict.fromkeys(files)):
        rows = corpus[corpus["sample_file"] == file].reset_index(drop=True)
        path = directory / file
        path.parent.mkdir(parents=True, exist_ok=True)
        _WRITERS[file.split("/")[0]](rows, path)
        written.append(path)
    manifest = _manifest(corpus)
    manifest_path = directory / "MANIFEST.json"
    manifest_path.write_text(_json(manifest) + "\n", encoding="utf-8", newline="\n")
    written.append(manifest_path)
    package_file.parent.mkdir(parents=True, exist_ok=True)
    _write_package_file(corpus, package_file)
    written.append(package_file)
    return written


def _manifest(corpus: pd.DataFrame) -> dict[str, Any]:
    parts = []
    for part, rows in corpus.groupby(corpus["sample_file"].map(_part_of), sort=True):
        outlets = sorted(rows["outlet"].unique().tolist())
        parts.append(
            {
                "path": part,
                "format": _FORMAT_OF[part.split("/")[0]],
                "outlet": outlets[0] if len(outlets) == 1 else None,
                "documents": len(rows),
            }
        )
    return {
        "synthetic": True,
        "note": _NOTE,
        "seed": SAMPLE_SEED,
        "documents": len(corpus),
        "parts": parts,
    }


def _part_of(file: str) -> str:
    # Formats with one file per document are read as a folder (or glob).
    if file.startswith(("dumps/", "html/")):
        return file.split("/")[0]
    if file.startswith("text/"):
        return "/".join(file.split("/")[:2])
    return file


_FORMAT_OF = {
    "dumps": "dump",
    "csv": "csv",
    "tsv": "tsv",
    "jsonl": "jsonl",
    "json": "json",
    "parquet": "parquet",
    "excel": "excel",
    "text": "text",
    "html": "html",
}


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)


def _iso(value: pd.Timestamp) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _day_of(url: str) -> pd.Timestamp:
    match = re.search(r"/(\d{8})/", url)
    assert match is not None
    return pd.Timestamp(match.group(1), tz="UTC")


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
    _write_text_file(path, _json(records) + "\n")


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


def _write_package_file(corpus: pd.DataFrame, path: Path) -> None:
    """The whole corpus, repaired as read_corpus repairs it, in write_corpus's Parquet."""
    from framing.corpus.clean import repair_text
    from framing.corpus.readers import write_corpus

    clean = corpus.copy()
    for column in ("title", "description", "text"):
        clean[column] = clean[column].map(repair_text, na_action="ignore").astype("string")
    clean.attrs = {
        "sample": {
            "synthetic": True,
            "note": _NOTE,
            "seed": SAMPLE_SEED,
            "documents": len(clean),
        }
    }
    write_corpus(clean, path)


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


_WRITERS = {
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
