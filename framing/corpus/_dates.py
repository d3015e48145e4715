"""Reading publication dates without guessing.

The readers meet dates written in many ways. Each value is matched against a short list
of explicit shapes; a value that fits none of them is *unreadable* (``NaT``, counted in
the load report), never guessed. The shapes:

=============================  ============================================================
shape                          examples
=============================  ============================================================
ISO 8601, with or without      ``2022-03-02``, ``2022-03-02T16:45``, ``2022-08-01T16:23:25Z``,
a zone                         ``2022-03-02T16:45+0000`` (the dump format), ``…+03:00``
``MM/DD/YYYY`` (US order)      ``02/28/2022``, optionally followed by ``HH:MM[:SS]``
``YYYY/MM/DD``                 ``2022/06/23``
``DD.MM.YYYY`` (day first)     ``24.02.2022``, ``24.02.2022 16:45`` (Russian, Ukrainian,
                               German exports: dotted dates are always day first)
RFC 2822 (e-mail, RSS)         ``Wed, 02 Mar 2022 16:45:00 +0000``
day, month name, year          ``2 March 2022``, ``27 November 2022, 06:35 GMT``,
                               ``March 2, 2022``
=============================  ============================================================

Slashed dates are always read month first (``03/02/2022`` is 2 March), the order of the
data this kit was built on (RUWA) and of US exports. A slashed date whose month would be
above 12 is unreadable, not silently swapped: day-first data must be given another way
(convert the column, or give ISO dates).

One repair is made, because its meaning is unique: an ISO time whose hour is 24
(``2022-03-11T24:04:30``, as some exporters write times past midnight) is read as hour 0
of the next day, the way ISO 8601 reads ``24:00``. Times without a zone are taken as UTC.
Everything is returned as ``datetime64[ns, UTC]``. Values are parsed once per distinct
value, so a column of 16,000 dates with a few hundred distinct values costs a few hundred
parses.
"""

from __future__ import annotations

import datetime as _dt
import re
from email.utils import parsedate_to_datetime

import pandas as pd

from framing.corpus.schema import DATETIME_DTYPE

_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?"
    r"\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$",
    re.IGNORECASE,
)
_HOUR_24 = re.compile(r"^(\d{4}-\d{2}-\d{2}[T ])24(:.*)$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_YEAR_FIRST = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_RFC2822 = re.compile(
    r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*"
    r"(?:[+-]\d{4}|[A-Za-z]{1,5})?$"
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_TIME = r"(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*(?:GMT|UTC|Z))?)?"
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})" + _TIME + "$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})" + _TIME + "$")

# Dates in URLs: /20220302/ (Sputnik), /2022/03/02/ (most newspapers), /2022/mar/02/.
_URL_COMPACT = re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?=[/_-])")
_URL_SLASHED = re.compile(r"/((?:19|20)\d{2})/(\d{1,2}|[a-z]{3})/(\d{1,2})(?=/)")

# Years outside this range are typos or placeholders (0001-01-01), not publication dates.
_FIRST_YEAR, _LAST_YEAR = 1800, 2200


def parse_date(value: object) -> pd.Timestamp | None:
    """Read one date value, or return None if it fits none of the documented shapes.

    Missing values (None, NaN, blank strings) also give None; tell them apart from
    unreadable values with :func:`is_blank`.

    Examples
    --------
    >>> parse_date("2022-03-02T16:45+0000")
    Timestamp('2022-03-02 16:45:00+0000', tz='UTC')
    >>> parse_date("02/28/2022")
    Timestamp('2022-02-28 00:00:00+0000', tz='UTC')
    >>> parse_date("28/02/2022") is None
    True
    >>> parse_date("24.02.2022 05:30")
    Timestamp('2022-02-24 05:30:00+0000', tz='UTC')
    """
    if isinstance(value, pd.Timestamp | _dt.datetime):
        return _checked(pd.Timestamp(value))
    if isinstance(value, _dt.date):
        return _checked(pd.Timestamp(value.year, value.month, value.day))
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    try:
        return _checked(_parse_text(text))
    except (ValueError, OverflowError, TypeError):
        return None


def _parse_text(text: str) -> pd.Timestamp | None:
    if _ISO.match(text):
        normalised = re.sub(r"\s*(?:Z|UTC|GMT)$", "+00:00", text, flags=re.IGNORECASE)
        normalised = normalised.replace(",", ".")
        past_midnight = _HOUR_24.match(normalised)
        if past_midnight:
            normalised = past_midnight.group(1) + "00" + past_midnight.group(2)
        stamp = pd.Timestamp(_dt.datetime.fromisoformat(normalised))
        return stamp + pd.Timedelta(days=1) if past_midnight else stamp
    match = _US.match(text) or _YEAR_FIRST.match(text) or _DOTTED.match(text)
    if match:
        first, second, third, hour, minute, second_of_minute = match.groups()
        if match.re is _US:
            year, month, day = int(third), int(first), int(second)
        elif match.re is _DOTTED:
            year, month, day = int(third), int(second), int(first)
        else:
            year, month, day = int(first), int(second), int(third)
        return pd.Timestamp(
            _dt.datetime(
                year,
                month,
                day,
                int(hour or 0),
                int(minute or 0),
                int(second_of_minute or 0),
            )
        )
    if _RFC2822.match(text):
        return pd.Timestamp(parsedate_to_datetime(text))
    match = _DAY_MONTH_YEAR.match(text) or _MONTH_DAY_YEAR.match(text)
    if match:
        first, second, year, hour, minute, second_of_minute = match.groups()
        if match.re is _DAY_MONTH_YEAR:
            day, month_name = first, second
        else:
            month_name, day = first, second
        month = _MONTHS.get(month_name.lower())
        if month is None:
            return None
        return pd.Timestamp(
            _dt.datetime(
                int(year),
                month,
                int(day),
                int(hour or 0),
                int(minute or 0),
                int(second_of_minute or 0),
            )
        )
    return None


def _checked(stamp: pd.Timestamp | None) -> pd.Timestamp | None:
    if stamp is None or pd.isna(stamp):
        return None
    if not _FIRST_YEAR <= stamp.year <= _LAST_YEAR:
        return None
    if stamp.tzinfo is None:
        return stamp.tz_localize("UTC")
    return stamp.tz_convert("UTC")


def is_blank(value: object) -> bool:
    """Return True for a missing date value: None, NaN, NaT, pandas NA or a blank string."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and not value.strip()


def parse_dates(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Read a column of dates; return the dates and a mask of unreadable values.

    Each distinct value is parsed once. Blank values give ``NaT`` and are not counted as
    unreadable; values that fit no documented shape give ``NaT`` and ``True`` in the mask.

    Examples
    --------
    >>> import pandas as pd
    >>> dates, unreadable = parse_dates(pd.Series(["2022/06/23", "", "yesterday"]))
    >>> dates.dt.strftime("%Y-%m-%d").tolist()
    ['2022-06-23', nan, nan]
    >>> unreadable.tolist()
    [False, False, True]
    """
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return values.dt.tz_convert("UTC").astype(DATETIME_DTYPE), pd.Series(
            False, index=values.index
        )
    parsed: dict[object, pd.Timestamp | None] = {}
    blank: dict[object, bool] = {}
    out: list[pd.Timestamp | None] = []
    bad: list[bool] = []
    for value in values.tolist():
        key = _hashable(value)
        if key not in parsed:
            parsed[key] = parse_date(value)
            blank[key] = is_blank(value)
        stamp = parsed[key]
        out.append(stamp)
        bad.append(stamp is None and not blank[key])
    dates = pd.Series(
        pd.to_datetime([pd.NaT if s is None else s for s in out], utc=True),
        index=values.index,
    ).astype(DATETIME_DTYPE)
    return dates, pd.Series(bad, index=values.index, dtype=bool)


def _hashable(value: object) -> object:
    try:
        hash(value)
    except TypeError:
        return repr(value)
    if isinstance(value, float) and value != value:
        return "__nan__"
    return value


def date_from_url(url: object) -> pd.Timestamp | None:
    """Return the date in a URL's path (``/20220302/``, ``/2022/03/02/``, ``/2022/mar/02/``).

    None when the path holds no such date.

    Examples
    --------
    >>> date_from_url("https://sputniknews.com/20220302/some-title-1093528643.html")
    Timestamp('2022-03-02 00:00:00+0000', tz='UTC')
    >>> date_from_url("https://www.theguardian.com/world/2022/mar/02/title")
    Timestamp('2022-03-02 00:00:00+0000', tz='UTC')
    >>> date_from_url("https://kyivindependent.com/ukraine-war-latest-123/") is None
    True
    """
    if not isinstance(url, str):
        return None
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url.strip(), flags=re.IGNORECASE)
    for pattern in (_URL_COMPACT, _URL_SLASHED):
        match = pattern.search(path + "/")
        if match:
            year, month_text, day = match.groups()
            month = _MONTHS.get(month_text) if month_text.isalpha() else int(month_text)
            if month is None:
                continue
            try:
                return _checked(pd.Timestamp(_dt.datetime(int(year), month, int(day))))
            except ValueError:
                continue
    return None


def dates_from_urls(urls: pd.Series) -> pd.Series:
    """Vectorised :func:`date_from_url` over a column of URLs (``NaT`` where none)."""
    cache: dict[object, pd.Timestamp | None] = {}
    out = []
    for url in urls.tolist():
        key = _hashable(url)
        if key not in cache:
            cache[key] = date_from_url(url)
        out.append(cache[key])
    return pd.Series(
        pd.to_datetime([pd.NaT if s is None else s for s in out], utc=True),
        index=urls.index,
    ).astype(DATETIME_DTYPE)
