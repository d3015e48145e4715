"""The registry of public real corpora :func:`framing.datasets.fetch` downloads.

Each entry names the corpus's files, where each comes from (a pinned commit of its
public source), the SHA-256 of the file framing reads (taken from a checked copy), the
licence and attribution, and the ``read_corpus`` options that read it. Data only: the
downloading is in :mod:`framing._fetch`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["DATASETS", "DATA_DIR_ENV", "DATA_URL_ENV", "Dataset", "DatasetFile"]

#: The environment variable naming the folder downloads are kept in (default: the
#: user's cache folder, ``pooch.os_cache("framing")``).
DATA_DIR_ENV = "FRAMING_DATA_DIR"
#: The environment variable naming a mirror to download from instead of the public
#: sources: a URL (``http://``, ``https://`` or ``file://``) of a folder laid out as
#: ``<dataset>/<file>`` (e.g. a folder of unpacked copies, served locally).
DATA_URL_ENV = "FRAMING_DATA_URL"


@dataclass(frozen=True)
class DatasetFile:
    """One file of a public dataset: where it comes from and what it must hash to."""

    #: Where the file sits in a mirror and in the cache: ``<dataset>/<file name>``.
    path: str
    #: The SHA-256 of the file framing reads (for an archive: of the member).
    sha256: str
    #: The public source at a pinned commit; None when there is none in a form framing
    #: reads (then only a mirror, ``base_url=`` or FRAMING_DATA_URL, can provide it).
    url: str | None
    #: When ``url`` is a zip archive: the member to extract (the archive's own bytes are
    #: not pinned; the member's SHA-256 is checked after extraction).
    member: str | None = None
    #: The read_corpus options that read this file.
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Dataset:
    """A public corpus framing can fetch: its files, licence and attribution."""

    name: str
    title: str
    documents: int
    language: str
    licence: str
    licence_url: str
    attribution: str
    source: str
    files: tuple[DatasetFile, ...]
    note: str = ""
    #: The columns that hold its text, to match and compare (RUWA has no bodies: its
    #: sub-headings are descriptions, and some outlets' rows have no title).
    fields: tuple[str, ...] = ("title", "text")


_GH = "https://github.com/{repo}/raw/{commit}/{path}"
_RUWA_COMMIT = "5eab653"  # the commit the pinned hash was taken from (short form)
_NYT_GUARDIAN_COMMIT = "fcdec379b8674a2df410affa943fa9167ea13d8f"
_TELEGRAM_COMMIT = "b8b03f1982910fbf4151c184f1ade8b67aa1f585"
_RESISTINUA_COMMIT = "2391318cf8c1d24d492995fbf99934ba696ef334"
_TELEGRAM_FILES = (
    ("1001101170442_messages.json",
     "bd3e0501a91cc300cd3971b4887b0d9175e3e5b6a7e406a7d553dba9766c77df"),
    ("1001003921752_messages.json",
     "0b0cdedcb3dfabb22db0e226033a95e1daf35ae815f640b58ec8e67c26ad3f10"),
    ("1001117628569_messages.json",
     "02cbba0a02c111cb2b709cc4ba3bd0b7ff61c63e57b317db05df308f7ffac4ac"),
    ("1001394050290_messages.json",
     "0c2880f59d692aad77f8d574f8355479d75c936387bc3193fedeb4a3f5c80181"),
    ("1001100158992_messages.json",
     "207ee411fbd0e7521f2ba05c85fd60df7eb30974eb6b853a3a691afe6e328d1b"),
)  # fmt: skip

_REGISTRY: tuple[Dataset, ...] = (
    Dataset(
        name="ruwa",
        title="RUWA: titles and sub-headings of nine outlets on the Russia-Ukraine war",
        documents=16_545,
        language="en",
        licence="CC BY-NC-SA 4.0",
        licence_url="https://creativecommons.org/licenses/by-nc-sa/4.0/",
        attribution=(
            "Khairova, N. et al. (2023), RUWA dataset, LDK 2023; "
            "github.com/ninakhairova/dataset_RUWA"
        ),
        source=f"github.com/ninakhairova/dataset_RUWA @{_RUWA_COMMIT}",
        files=(
            DatasetFile(
                path="ruwa/RUWA_04.08.23.csv",
                sha256="7f4187fe65fb26c177139e1dbb7839e4319d25e910f5fdc7bf7b64bb059a0931",
                url=_GH.format(
                    repo="ninakhairova/dataset_RUWA",
                    commit=_RUWA_COMMIT,
                    path="RUWA_01.08.23.csv.zip",
                ),
                member="RUWA_04.08.23.csv",
            ),
        ),
        fields=("title", "description"),
        note="rt.com, tass.com, en.news-front.info, reuters.com, bbc.co.uk, aljazeera.com, "
        "msnbc.com, ukrinform.net, censor.net; the site's domain is the outlet",
    ),
    Dataset(
        name="nyt_guardian",
        title="The Guardian and The New York Times on the Russia-Ukraine war, Feb-Aug 2022",
        documents=407,
        language="en",
        licence="CC BY-NC-SA 4.0",
        licence_url="https://creativecommons.org/licenses/by-nc-sa/4.0/",
        attribution=(
            "H. S. Khawaja, Russia-Ukraine conflict articles (Kaggle "
            "hskhawaja/russia-ukraine-conflict); copy in "
            "github.com/subina-maharjan/News_Analytics_Project"
        ),
        source=f"github.com/subina-maharjan/News_Analytics_Project @{_NYT_GUARDIAN_COMMIT[:7]}",
        files=tuple(
            DatasetFile(
                path=f"nyt_guardian/{file}",
                sha256=digest,
                url=_GH.format(
                    repo="subina-maharjan/News_Analytics_Project",
                    commit=_NYT_GUARDIAN_COMMIT,
                    path=file,
                ),
                options={"outlet": outlet},
            )
            for file, digest, outlet in (
                (
                    "Guardians_Russia_Ukraine.csv",
                    "a1c9904aa6ae01aa915e511582165f4e690c57ccb99e55e8a9841771a2b1a482",
                    "The Guardian",
                ),
                (
                    "NYT_Russia_Ukraine.csv",
                    "839b48723151bef672a9c0a737b59037cc49445f79c47aec9ffef8ca693125c9",
                    "The New York Times",
                ),
            )
        ),
        note="Guardian full text; NYT opening paragraphs only",
    ),
    Dataset(
        name="resistinua",
        title="English texts of Ukrainian officials' video addresses, Feb-May 2022",
        documents=364,
        language="en",
        licence="CC0 1.0",
        licence_url="https://creativecommons.org/publicdomain/zero/1.0/",
        attribution="Amice13, resistinua, github.com/Amice13/resistinua",
        source=f"github.com/Amice13/resistinua @{_RESISTINUA_COMMIT[:7]}",
        files=(
            DatasetFile(
                path="resistinua/resistinua_messages_en.jsonl",
                sha256="8345f63be05404d96399944d7ac9c98781480fa8cd0f1cec455851b0bf6b1a20",
                # Upstream keeps the texts as JavaScript arrays (static/content/
                # messages*-en.js); this JSON Lines conversion is served by mirrors only.
                url=None,
                options={
                    "rename": {"title": "name"},
                    "outlet": "Ukrainian officials",
                    "errors": "report",
                },
            ),
        ),
        note="official statements, not journalism; upstream is JavaScript, so a mirror "
        "(base_url= or FRAMING_DATA_URL) of its JSON Lines conversion is needed",
    ),
    Dataset(
        name="ru_telegram_news",
        title="Posts of five Russian Telegram news channels, Nov-Dec 2024",
        documents=4_538,
        language="ru",
        licence="CC BY 4.0",
        licence_url="https://creativecommons.org/licenses/by/4.0/",
        attribution=(
            'NKTKLN, "Dataset of Telegram News Posts", github.com/NKTKLN/telegram-news-classifier'
        ),
        source=f"github.com/NKTKLN/telegram-news-classifier @{_TELEGRAM_COMMIT[:7]}",
        files=tuple(
            DatasetFile(
                path=f"ru_telegram_news/{file}",
                sha256=digest,
                url=_GH.format(
                    repo="NKTKLN/telegram-news-classifier",
                    commit=_TELEGRAM_COMMIT,
                    path=f"data/raw/{file}",
                ),
                options={"rename": {"outlet": "channel"}, "errors": "report"},
            )
            for file, digest in _TELEGRAM_FILES
        ),
        note="RIA Novosti, BBC Russian, Mash, bbbreaking, SHOT; the channel is the outlet",
    ),
)
#: The public corpora :func:`fetch` knows, by name.
DATASETS: dict[str, Dataset] = {dataset.name: dataset for dataset in _REGISTRY}
