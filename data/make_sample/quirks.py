"""The mess of real files, planted in a few documents each (and noted in ``quirks``).

Unreadable dates, dates only in the URL, no-break spaces and Unicode hyphens inside
terms, mojibake and HTML entities: what a reader of real scraped news meets, so that the
kit's cleaning and its load report have something to find in the sample.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .articles import Article


def add_quirks(rng: random.Random, articles: list[Article]) -> None:
    """Plant the mess of real files in a few documents each, and note it in quirks."""
    # Neither a reprint nor a wire story that is reprinted gets a quirk: a quirk planted in
    # one of them would make an exact copy near and change what deduplicate must find.
    reprinted = {a.reprint_of for a in articles if a.reprint_of is not None}
    plain = [
        a for index, a in enumerate(articles) if a.reprint_of is None and index not in reprinted
    ]

    def pick(outlet: str, count: int, *, file_part: str = "", holding: str = "") -> list[Article]:
        pool = [
            a
            for a in plain
            if a.outlet == outlet and not a.quirks and file_part in a.file and holding in a.text
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
            for a in plain
            if a.outlet == outlet and not a.quirks and any(old in a.text for old, _ in replacements)
        ]
        for article in sorted(
            rng.sample(candidates, min(4, len(candidates))), key=lambda a: a.doc_id
        ):
            for old, new in replacements:
                article.paragraphs = [p.replace(old, new) for p in article.paragraphs]
            article.quirks.append("no-break spaces and Unicode hyphens")
    # Mojibake (UTF-8 read as Windows-1252) in a few regional articles, each with an
    # apostrophe to garble.
    for article in pick("Borderland Independent", 3, file_part="tsv", holding="'"):
        article.paragraphs = [
            p.replace("'", "\u2019").encode("utf-8").decode("cp1252", errors="replace")
            for p in article.paragraphs
        ]
        article.quirks.append("mojibake")
    # HTML entities in a few wire stories.
    for article in pick("Meridian Wire", 3, holding="'"):
        article.paragraphs = [
            p.replace("'", "&#8217;").replace(" and ", " &amp; ", 1) for p in article.paragraphs
        ]
        article.quirks.append("HTML entities")
