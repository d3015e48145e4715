"""The real corpora of ../shared/data as corpus tables, for real-data tests and counts.

framing.read_corpus reads RUWA, the Guardian/NYT CSVs and resistinua; the Sputnik and
Kyiv Independent spreadsheets (titles only, columns title_name/title_url) are read with
pandas and conformed here.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

import framing
from framing.corpus.schema import conform


def load_corpora(shared_data: Path) -> dict[str, pd.DataFrame]:
    """Return {name: corpus} for every real corpus, with ``outlet`` filled in."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpora = {
            "ruwa": framing.read_corpus(shared_data / "ruwa" / "RUWA_04.08.23.csv"),
            "guardian": framing.read_corpus(
                shared_data / "nyt_guardian" / "Guardians_Russia_Ukraine.csv",
                outlet="The Guardian",
            ),
            "nyt": framing.read_corpus(
                shared_data / "nyt_guardian" / "NYT_Russia_Ukraine.csv",
                outlet="The New York Times",
            ),
            "resistinua": framing.read_corpus(
                shared_data / "resistinua" / "resistinua_messages_en.jsonl",
                outlet="Ukrainian officials (resistinua)",
                errors="report",
            ),
        }
    for name, outlet, file in (
        ("sputnik", "Sputnik", "Sputnik_FULL.xlsx"),
        ("kyiv_independent", "Kyiv Independent", "Kyiv_Ind_FULL.xlsx"),
    ):
        sheet = pd.read_excel(shared_data / "sputnik_kyivind_titles" / file)
        corpora[name] = conform(
            pd.DataFrame(
                {
                    "doc_id": [f"{name}-{i}" for i in range(len(sheet))],
                    "outlet": outlet,
                    "title": sheet["title_name"].astype("string"),
                    "text": pd.array([pd.NA] * len(sheet), dtype="string"),
                    "url": sheet["title_url"].astype("string"),
                }
            )
        )
    return corpora


#: The text columns each corpus has.
FIELDS = ("title", "description", "text")


def load_russian_telegram(shared_data: Path) -> pd.DataFrame:
    """ru_telegram_news: 4,538 posts of five Russian Telegram channels, the channel as outlet."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return framing.read_corpus(
            shared_data / "ru_telegram_news", rename={"outlet": "channel"}, errors="report"
        )


def load_ukrainian_addresses(shared_data: Path) -> pd.DataFrame:
    """resistinua_uk: the Ukrainian originals of the officials' addresses (name as title)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return framing.read_corpus(
            shared_data / "resistinua_uk",
            rename={"title": "name"},
            outlet="resistinua_uk",
            errors="report",
        )


#: Frequent words of the three languages: their hits meet every place the voice rules
#: look at (quotations, cues, speech verbs, turn labels, headline sources).
_FREQUENT = re.compile(r"(?i)\b(?:russia\w*|ukrain\w*|war|росси\w*|украин\w*|україн\w*|війн\w*)")


def voice_samples(shared_data: Path, seed: int) -> Iterator[tuple[str, str, list]]:
    """``(corpus, text, spans)`` for the texts and titles of a seeded sample of 600
    documents of every real corpus (English, Russian and Ukrainian; headlines and long
    articles), the spans those of frequent words (none for some texts)."""
    corpora = load_corpora(shared_data)
    corpora["ru_telegram"] = load_russian_telegram(shared_data)
    corpora["resistinua_uk"] = load_ukrainian_addresses(shared_data)
    for name, corpus in corpora.items():
        sample = corpus.sample(n=min(len(corpus), 600), random_state=seed)
        for text in [*sample["text"].dropna(), *sample["title"].dropna()]:
            yield name, text, [(m.start(), m.end()) for m in _FREQUENT.finditer(text)]
