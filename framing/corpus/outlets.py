"""Which outlet published a URL: a registry from web domain to canonical outlet name.

Corpora name outlets by domain (``rt.com``, ``www.msnbc.com``), by several domains for one
outlet (``sputniknews.com`` and ``sputnikglobe.com``) or not at all. The readers turn a
URL or a domain into one canonical name through this registry, so that counts per outlet
add up across sources.

A host resolves to the entry of its longest registered suffix: ``en.news-front.info``,
``www.bbc.co.uk``, ``mobile.reuters.com`` and ``edition.cnn.com`` all find their outlet.
A domain the registry does not know gives ``None`` here; the readers then name the
outlet by the domain itself (:func:`outlet_from_host`), so that no document is dropped
or mislabelled.

Subdomains, decided once and applied alike to every unknown domain:

- a label that names a *version* of a site is dropped, from the ``domain`` column and
  from the outlet: ``www``, ``www2``, ``m``, ``mobile``, ``amp`` (``www.example.org`` and
  ``m.example.org`` are ``example.org``);
- a label that names a *language or country edition* is kept in the ``domain`` column
  and dropped from the outlet's name: the two-letter codes in :data:`EDITION_LABELS`
  and ``edition``/``english``/``international``/``intl`` (``en.kremlin.ru`` and
  ``kremlin.ru`` are one outlet, ``kremlin.ru``, from two domains);
- any other subdomain is kept in both (``news.example.com``, ``blog.example.com`` may
  be other outlets than ``example.com``; :func:`register_outlet` joins them).

Each entry records the outlet's ``name``, its ``kind`` (news agency, broadcaster,
newspaper, online outlet) and ``country`` (ISO 3166 code of where it is based), plus
``state_funded`` (True for outlets funded or owned by a state, as a fact to check, not a
label of quality). Add or override entries with :func:`register_outlet`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

__all__ = ["outlet_for", "outlet_from_host", "outlets", "register_outlet"]

_BUILT_IN: list[tuple[tuple[str, ...], str, str, str, bool]] = [
    # (domains, name, kind, country, state_funded)
    # Russia and Russian state media
    (
        ("sputniknews.com", "sputnikglobe.com", "sputniknews.ru"),
        "Sputnik International",
        "news agency",
        "RU",
        True,
    ),
    (("rt.com", "russian.rt.com", "actualidad.rt.com"), "RT", "broadcaster", "RU", True),
    (("tass.com", "tass.ru"), "TASS", "news agency", "RU", True),
    (("ria.ru",), "RIA Novosti", "news agency", "RU", True),
    (("interfax.com", "interfax.ru"), "Interfax", "news agency", "RU", False),
    (("rg.ru",), "Rossiyskaya Gazeta", "newspaper", "RU", True),
    (("1tv.ru", "1tv.com"), "Channel One Russia", "broadcaster", "RU", True),
    (("vesti.ru", "smotrim.ru"), "Rossiya 24", "broadcaster", "RU", True),
    (("kommersant.ru",), "Kommersant", "newspaper", "RU", False),
    (("rbc.ru",), "RBC", "online outlet", "RU", False),
    (("news-front.info",), "News Front", "online outlet", "RU", False),
    (("globaltimes.cn",), "Global Times", "newspaper", "CN", True),
    # Russian independent and exile media
    (("meduza.io",), "Meduza", "online outlet", "LV", False),
    (("novayagazeta.eu",), "Novaya Gazeta Europe", "newspaper", "LV", False),
    (("novayagazeta.ru",), "Novaya Gazeta", "newspaper", "RU", False),
    (("themoscowtimes.com",), "The Moscow Times", "online outlet", "NL", False),
    (("tvrain.tv", "tvrain.ru"), "TV Rain", "broadcaster", "NL", False),
    # Ukraine
    (("ukrinform.net", "ukrinform.ua"), "Ukrinform", "news agency", "UA", True),
    (("censor.net", "censor.net.ua"), "Censor.net", "online outlet", "UA", False),
    (("kyivindependent.com",), "The Kyiv Independent", "online outlet", "UA", False),
    (("kyivpost.com",), "Kyiv Post", "newspaper", "UA", False),
    (("pravda.com.ua",), "Ukrainska Pravda", "online outlet", "UA", False),
    (("unian.info", "unian.net", "unian.ua"), "UNIAN", "news agency", "UA", False),
    (("interfax.com.ua",), "Interfax-Ukraine", "news agency", "UA", False),
    (("suspilne.media",), "Suspilne", "broadcaster", "UA", True),
    (("tsn.ua",), "TSN", "broadcaster", "UA", False),
    (("nv.ua",), "New Voice of Ukraine", "online outlet", "UA", False),
    (("euromaidanpress.com",), "Euromaidan Press", "online outlet", "UA", False),
    # Wire services
    (("reuters.com", "reuters.co.uk"), "Reuters", "news agency", "GB", False),
    (("apnews.com", "ap.org"), "Associated Press", "news agency", "US", False),
    (("afp.com",), "AFP", "news agency", "FR", False),
    (("bloomberg.com",), "Bloomberg", "news agency", "US", False),
    (("efe.com",), "EFE", "news agency", "ES", True),
    (("ansa.it",), "ANSA", "news agency", "IT", False),
    (("dpa.com",), "dpa", "news agency", "DE", False),
    (("xinhuanet.com", "news.cn"), "Xinhua", "news agency", "CN", True),
    # Broadcasters
    (("bbc.co.uk", "bbc.com"), "BBC", "broadcaster", "GB", True),
    (("aljazeera.com", "aljazeera.net"), "Al Jazeera", "broadcaster", "QA", True),
    (("msnbc.com",), "MSNBC", "broadcaster", "US", False),
    (("cnn.com",), "CNN", "broadcaster", "US", False),
    (("foxnews.com",), "Fox News", "broadcaster", "US", False),
    (("nbcnews.com",), "NBC News", "broadcaster", "US", False),
    (("cbsnews.com",), "CBS News", "broadcaster", "US", False),
    (("abcnews.go.com",), "ABC News", "broadcaster", "US", False),
    (("npr.org",), "NPR", "broadcaster", "US", False),
    (("dw.com",), "DW", "broadcaster", "DE", True),
    (("france24.com",), "France 24", "broadcaster", "FR", True),
    (("euronews.com",), "Euronews", "broadcaster", "FR", False),
    (("rferl.org",), "Radio Free Europe/Radio Liberty", "broadcaster", "CZ", True),
    (("voanews.com",), "Voice of America", "broadcaster", "US", True),
    (("skynews.com", "news.sky.com"), "Sky News", "broadcaster", "GB", False),
    (("cbc.ca",), "CBC", "broadcaster", "CA", True),
    (("abc.net.au",), "ABC Australia", "broadcaster", "AU", True),
    # Newspapers and magazines
    (("theguardian.com", "guardian.co.uk"), "The Guardian", "newspaper", "GB", False),
    (("nytimes.com",), "The New York Times", "newspaper", "US", False),
    (("washingtonpost.com",), "The Washington Post", "newspaper", "US", False),
    (("wsj.com",), "The Wall Street Journal", "newspaper", "US", False),
    (("ft.com",), "Financial Times", "newspaper", "GB", False),
    (("economist.com",), "The Economist", "magazine", "GB", False),
    (("independent.co.uk",), "The Independent", "newspaper", "GB", False),
    (("telegraph.co.uk",), "The Telegraph", "newspaper", "GB", False),
    (("thetimes.co.uk",), "The Times", "newspaper", "GB", False),
    (("politico.com", "politico.eu"), "Politico", "online outlet", "US", False),
    (("lemonde.fr",), "Le Monde", "newspaper", "FR", False),
    (("spiegel.de",), "Der Spiegel", "magazine", "DE", False),
    (("faz.net",), "Frankfurter Allgemeine Zeitung", "newspaper", "DE", False),
]


def _built_in_registry() -> dict[str, dict[str, Any]]:
    registry: dict[str, dict[str, Any]] = {}
    for domains, name, kind, country, state_funded in _BUILT_IN:
        for domain in domains:
            registry[domain] = {
                "name": name,
                "kind": kind,
                "country": country,
                "state_funded": state_funded,
            }
    return registry


_REGISTRY: dict[str, dict[str, Any]] = _built_in_registry()

_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//([^/?#\s]+)", re.IGNORECASE)
_DOMAIN = re.compile(r"^(?=.{3,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
# Prefixes that name a version of a site, not another site.
_NOISE_LABELS = ("www", "www2", "m", "mobile", "amp")
#: Leading labels that name a language or country edition of one outlet's site.
EDITION_LABELS = frozenset(
    """
    ar az be bg bs cn cs da de el en es et fa fi fr he hi hr hu hy id it ja jp ka kk ko
    kr ky lt lv mk nl no pl pt ro ru sk sl sq sr sv th tj tk tr ua uk uz vi zh
    edition english international intl
    """.split()
)


def host_of(url_or_domain: object) -> str | None:
    """Return the lower-case host of a URL or domain, without ``www.``, or None.

    Examples
    --------
    >>> host_of("https://www.BBC.co.uk/news/60554910")
    'bbc.co.uk'
    >>> host_of("en.news-front.info")
    'en.news-front.info'
    >>> host_of("not a domain") is None
    True
    """
    if not isinstance(url_or_domain, str):
        return None
    text = url_or_domain.strip()
    match = _HOST.match(text)
    host = match.group(1) if match else text.split("/", 1)[0]
    host = host.rsplit("@", 1)[-1].split(":", 1)[0].rstrip(".").lower()
    labels = host.split(".")
    while len(labels) > 2 and labels[0] in _NOISE_LABELS:
        labels = labels[1:]
    host = ".".join(labels)
    return host if _DOMAIN.match(host) else None


def hosts_of(values: Iterable[object]) -> list[str | None]:
    """:func:`host_of` of each value, computed once per site.

    The host depends only on a URL's start (``https://www.rt.com`` of
    ``https://www.rt.com/news/1``), or a bare domain's text up to its first ``/``: URLs of
    one site share the work.

    Examples
    --------
    >>> hosts_of(["https://www.rt.com/news/1", "https://www.rt.com/news/2", None])
    ['rt.com', 'rt.com', None]
    """
    cache: dict[str, str | None] = {}
    found: list[str | None] = []
    for value in values:
        if not isinstance(value, str):
            found.append(None)
            continue
        text = value.strip()
        match = _HOST.match(text)
        site = match.group(0) if match else text.split("/", 1)[0]
        if site not in cache:
            cache[site] = host_of(site)
        found.append(cache[site])
    return found


def outlet_from_host(url_or_domain: object) -> str | None:
    """The outlet name of a URL or domain the registry does not know: its domain.

    Without ``www.``-like labels (as :func:`host_of`) and without a leading language or
    country edition label (:data:`EDITION_LABELS`), so that the editions of one site are
    one outlet. None for a value that is not a URL or a domain.

    Examples
    --------
    >>> outlet_from_host("https://en.kremlin.ru/events/president/news/1")
    'kremlin.ru'
    >>> outlet_from_host("https://www.kremlin.ru/events/"), outlet_from_host("kremlin.ru")
    ('kremlin.ru', 'kremlin.ru')
    >>> outlet_from_host("https://news.example.com/a")
    'news.example.com'
    """
    host = host_of(url_or_domain)
    if host is None:
        return None
    labels = host.split(".")
    while len(labels) > 2 and labels[0] in EDITION_LABELS:
        labels = labels[1:]
    if len(labels) == 2 and len(labels[0]) <= 3 and labels[0] in ("co", "com", "org", "net"):
        return host  # "en.co.uk"-like: never cut down to a public suffix
    return ".".join(labels)


def looks_like_domain(value: object) -> bool:
    """Return True if ``value`` is a bare domain or URL (``rt.com``, ``https://…``)."""
    return host_of(value) is not None


def _entry_for(url_or_domain: object) -> dict[str, Any] | None:
    host = host_of(url_or_domain)
    if host is None:
        return None
    labels = host.split(".")
    for start in range(len(labels) - 1):
        entry = _REGISTRY.get(".".join(labels[start:]))
        if entry is not None:
            return entry
    return None


def outlet_for(url_or_domain: object) -> str | None:
    """Return the canonical outlet name for a URL or domain, or None if it is unknown.

    Parameters
    ----------
    url_or_domain : str
        A URL (``https://www.rt.com/news/…``) or a domain (``rt.com``, ``en.rt.com``).

    Returns
    -------
    str or None
        The registered name; None for an unregistered domain or a value that is not a
        URL or a domain. (The readers then use the domain itself as the outlet.)

    See Also
    --------
    register_outlet : add or override an entry.
    outlets : the registry as a table.

    Examples
    --------
    >>> outlet_for("https://sputnikglobe.com/20221127/live-updates-1104742044.html")
    'Sputnik International'
    >>> outlet_for("www.msnbc.com")
    'MSNBC'
    >>> outlet_for("example.org") is None
    True
    """
    entry = _entry_for(url_or_domain)
    return None if entry is None else str(entry["name"])


def register_outlet(domain: str, name: str, **metadata: Any) -> None:
    """Add an outlet to the registry, or override a built-in entry, for this session.

    Parameters
    ----------
    domain : str
        The outlet's domain (``"example-news.org"``); subdomains resolve to it.
    name : str
        The canonical outlet name used in the corpus's ``outlet`` column.
    **metadata
        Anything else to record (``kind="broadcaster"``, ``country="UA"``, ...); shown
        by :func:`outlets`.

    Examples
    --------
    >>> register_outlet("example-news.org", "Example News", kind="online outlet")
    >>> outlet_for("https://www.example-news.org/2022/03/02/story")
    'Example News'
    """
    host = host_of(domain)
    if host is None:
        raise ValueError(
            f"The 'domain' parameter of register_outlet must be a domain such as 'rt.com'. "
            f"Got {domain!r} instead."
        )
    if not isinstance(name, str) or not name.strip():
        raise ValueError(
            f"The 'name' parameter of register_outlet must be a non-empty string. "
            f"Got {name!r} instead."
        )
    _REGISTRY[host] = {"name": name.strip(), **metadata}


def outlets() -> pd.DataFrame:
    """Return the registry as a table, one row per domain, sorted by domain.

    Examples
    --------
    >>> table = outlets()
    >>> table.loc[table["domain"] == "tass.com", "name"].item()
    'TASS'
    """
    rows = [{"domain": domain, **entry} for domain, entry in sorted(_REGISTRY.items())]
    table = pd.DataFrame(rows)
    for column in table.columns:
        if column != "state_funded":
            table[column] = table[column].astype("string")
    if "state_funded" in table.columns:
        table["state_funded"] = table["state_funded"].astype("boolean")
    return table
