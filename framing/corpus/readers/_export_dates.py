"""Dates as the exports print them: "July 1, 2019 Monday 9:20 AM GMT", "5. Juli 2019",
"09.02.1994", in English, German, French, Spanish, Italian, Portuguese, Dutch and
Russian month names; a local time with no zone is kept aside, never guessed.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from framing.corpus.readers._exports import clean_line

# -- dates as the exports print them --------------------------------------------------------
_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio",
        "gen", "janeiro", "januari", "января", "январь", "янв"),
    2: ("february", "feb", "februar", "février", "fevrier", "févr", "fev", "febrero",
        "febbraio", "fevereiro", "februari", "февраля", "февраль", "фев"),
    3: ("march", "mar", "märz", "maerz", "mars", "marzo", "março", "marco", "maart",
        "марта", "март", "мар"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile", "апреля", "апрель", "апр"),
    5: ("may", "mai", "mayo", "maggio", "mag", "maio", "mei", "мая", "май"),
    6: ("june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "июня", "июнь",
        "июн"),
    7: ("july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "июля",
        "июль", "июл"),
    8: ("august", "aug", "août", "aout", "agosto", "ago", "augustus", "августа", "август",
        "авг"),
    9: ("september", "sep", "sept", "septembre", "septiembre", "settembre", "set",
        "setembro", "сентября", "сентябрь", "сен"),
    10: ("october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott",
         "outubro", "out", "октября", "октябрь", "окт"),
    11: ("november", "nov", "novembre", "noviembre", "novembro", "ноября", "ноябрь", "ноя"),
    12: ("december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre",
         "dic", "dicembre", "dezembro", "декабря", "декабрь", "дек"),
}  # fmt: skip
MONTHS: dict[str, int] = {name: number for number, names in _MONTH_NAMES.items() for name in names}
_MONTH = r"([^\W\d_]{3,10})\.?"
_WEEKDAY = r"(?:,?\s*[^\W\d_]{2,12}\.?,?)?"
_CLOCK = (
    r"(?:[,;]?\s*(?:at\s+|um\s+|à\s+)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?"
    r"\s*([AaPp]\.?[Mm]\.?)?(?:\s*(?:Uhr|h))?"
    r"(?:\s*\(?\s*([A-Z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})\)?)?)?"
)
# "July 1, 2019 Monday 9:20 AM GMT", "May 2, 2002, Thursday,, FINAL EDITION"
_MONTH_FIRST = re.compile(
    r"^(?:[^\W\d_]{2,12},?\s+)?" + _MONTH + r"\s+(\d{1,2}),?\s+(\d{4})" + _WEEKDAY + _CLOCK,
    re.IGNORECASE,
)
# "13 November 2017", "5. Juli 2019 Freitag", "Friday 13 November 2017 10:05"
_DAY_FIRST = re.compile(
    r"^(?:[^\W\d_]{2,12},?\s+)?(\d{1,2})\.?\s+(?:de\s+)?" + _MONTH + r"\s+(?:de\s+)?(\d{4})"
    r"(?:\s*г(?:ода|\.)?)?" + _WEEKDAY + _CLOCK,
    re.IGNORECASE,
)
# "09.02.1994", "31.12.12", "2022-03-02"
_NUMERIC = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?!\d)" + _CLOCK)
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?!\d)" + _CLOCK)

# Zone abbreviations with one meaning (CST and IST have several: not read).
_ZONES = {
    "GMT": 0, "UTC": 0, "UT": 0, "Z": 0, "WET": 0, "BST": 60, "IST": None, "CET": 60,
    "MEZ": 60, "CEST": 120, "MESZ": 120, "EET": 120, "EEST": 180, "MSK": 180, "MSD": 240,
    "EST": -300, "EDT": -240, "CST": None, "CDT": -300, "MST": -420, "MDT": -360,
    "PST": -480, "PDT": -420, "JST": 540, "KST": 540, "HKT": 480, "SGT": 480,
    "AEST": 600, "AEDT": 660,
}  # fmt: skip


@dataclass(frozen=True)
class ExportDate:
    """A date read from an export: the UTC timestamp, and the time left out of it.

    ``time`` holds a time of day the export printed without a zone (or with a zone of
    several meanings): the timestamp is then the day alone (midnight UTC), never a
    guessed hour; the time is kept for the reader to see.
    """

    stamp: pd.Timestamp
    time: str | None = None


def two_digit_year(year: int, today: _dt.date | None = None) -> int:
    """A two-digit year's century: 20yy unless that is after next year, then 19yy."""
    today = today or _dt.date.today()
    full = 2000 + year
    return full if full <= today.year + 1 else 1900 + year


def export_date(text: str | None) -> ExportDate | None:
    """Read a date as a news-database export prints it; None if it is not one.

    Month names in English, German, French, Spanish, Italian, Portuguese, Dutch and
    Russian; a weekday and an edition may follow. A time with a zone of one meaning
    (GMT, UTC, CET, EST, MSK, ``+03:00``, ...) makes the timestamp exact; a time without
    one is kept aside (:class:`ExportDate`), the timestamp being the day.

    Examples
    --------
    >>> export_date("July 1, 2019 Monday 9:20 AM GMT").stamp
    Timestamp('2019-07-01 09:20:00+0000', tz='UTC')
    >>> export_date("9 Januar 1993").stamp
    Timestamp('1993-01-09 00:00:00+0000', tz='UTC')
    >>> found = export_date("31.12.12 12:59")
    >>> str(found.stamp.date()), found.time
    ('2012-12-31', '12:59')
    """
    if not text:
        return None
    value = clean_line(text)
    for pattern in (_MONTH_FIRST, _DAY_FIRST, _NUMERIC, _ISO_DAY):
        found = pattern.match(value)
        if found is None:
            continue
        groups = found.groups()
        if pattern is _MONTH_FIRST:
            month = MONTHS.get(groups[0].lower())
            day, year = int(groups[1]), int(groups[2])
        elif pattern is _DAY_FIRST:
            month = MONTHS.get(groups[1].lower())
            day, year = int(groups[0]), int(groups[2])
        elif pattern is _NUMERIC:
            day, month = int(groups[0]), int(groups[1])
            year = int(groups[2])
            year = two_digit_year(year) if len(groups[2]) == 2 else year
        else:
            year, month, day = int(groups[0]), int(groups[1]), int(groups[2])
        if month is None:
            continue
        try:
            day_stamp = pd.Timestamp(_dt.datetime(year, month, day), tz="UTC")
        except ValueError:
            return None
        return _with_time(day_stamp, groups[3:])
    return None


def _with_time(day: pd.Timestamp, clock: tuple[Any, ...]) -> ExportDate:
    hour, minute, second, meridiem, zone = clock
    if hour is None:
        return ExportDate(day)
    hour, minute, second = int(hour), int(minute), int(second or 0)
    if meridiem:
        letter = meridiem[0].lower()
        if hour == 12:
            hour = 0 if letter == "a" else 12
        elif letter == "p":
            hour += 12
    if hour > 23 or minute > 59 or second > 59:
        return ExportDate(day)
    shown = f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if second else "")
    offset = _zone_offset(zone)
    if offset is None:
        return ExportDate(day, shown + (f" {zone}" if zone else ""))
    local = day + pd.Timedelta(hours=hour, minutes=minute, seconds=second)
    return ExportDate(local - pd.Timedelta(minutes=offset))


def _zone_offset(zone: str | None) -> int | None:
    """Minutes east of UTC for a zone abbreviation or offset; None if unknown."""
    if not zone:
        return None
    found = re.fullmatch(r"(?:([A-Z]{1,5}))?([+-])(\d{1,2}):?(\d{2})?", zone)
    if found:
        base = _ZONES.get(found.group(1), 0) if found.group(1) else 0
        if base is None or (found.group(1) and found.group(1) not in ("GMT", "UTC", "UT")):
            return None
        sign = 1 if found.group(2) == "+" else -1
        return sign * (int(found.group(3)) * 60 + int(found.group(4) or 0))
    return _ZONES.get(zone.upper())


def date_fields(text: str | None) -> dict[str, Any]:
    """``published`` (a UTC timestamp, or the text when it is no date) and ``time``."""
    if not text:
        return {}
    found = export_date(text)
    if found is None:
        return {"published": text}  # unreadable: the pipeline reports (or raises) it
    fields: dict[str, Any] = {"published": found.stamp}
    if found.time:
        fields["time"] = found.time
    return fields


def date_line(text: str, rest: int = 40) -> ExportDate | None:
    """The date of a line that is a date (with a weekday, time or edition after it).

    A line that starts with a date but goes on into a sentence (more than ``rest``
    characters after the date's first 30) is not a date line.
    """
    value = clean_line(text)
    if not value or len(value) > 30 + rest or not value[:1].isalnum():
        return None
    return export_date(value)
