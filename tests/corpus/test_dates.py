"""Dates are read from explicit shapes only; nothing is guessed."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.corpus._dates import date_from_url, parse_date, parse_dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-03-02T16:45+0000", "2022-03-02 16:45"),  # the dump's form
        ("2022-08-01T16:23:25Z", "2022-08-01 16:23:25"),
        ("2022-03-02T19:45:00+03:00", "2022-03-02 16:45"),
        ("2022-05-17T23:48:46", "2022-05-17 23:48:46"),  # naive: UTC
        ("2022-03-02", "2022-03-02"),
        ("02/28/2022", "2022-02-28"),  # MM/DD/YYYY
        ("03/02/2022", "2022-03-02"),  # month first, always
        ("2022/06/23", "2022-06-23"),
        ("Wed, 02 Mar 2022 16:45:00 +0000", "2022-03-02 16:45"),  # RFC 2822
        ("27 November 2022, 06:35 GMT", "2022-11-27 06:35"),
        ("March 2, 2022", "2022-03-02"),
        ("2022-03-11T24:04:30", "2022-03-12 00:04:30"),  # hour 24: past midnight
    ],
)
def test_documented_shapes_are_read_in_utc(text, expected):
    assert parse_date(text) == pd.Timestamp(expected, tz="UTC")


@pytest.mark.parametrize(
    "text", ["28/02/2022", "12 hours ago", "Yesterday", "2022-13-01", "0001-01-01", "19 October"]
)
def test_ambiguous_relative_or_impossible_dates_are_unreadable(text):
    assert parse_date(text) is None


def test_parse_dates_separates_blank_from_unreadable():
    dates, unreadable = parse_dates(pd.Series(["02/28/2022", None, "", "soon", "02/28/2022"]))
    assert str(dates.dtype) == "datetime64[ns, UTC]"
    assert dates.notna().tolist() == [True, False, False, False, True]
    assert unreadable.tolist() == [False, False, False, True, False]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://sputniknews.com/20220302/mod-498-1093528643.html", "2022-03-02"),
        ("https://www.example.org/news/2022/03/02/story", "2022-03-02"),
        ("https://www.theguardian.com/world/2022/mar/02/story", "2022-03-02"),
        ("https://kyivindependent.com/ukraine-war-latest-123/", None),
        ("https://example.org/20221399/not-a-date", None),
        ("https://example.org/item/1093528643.html", None),
    ],
)
def test_dates_in_urls(url, expected):
    result = date_from_url(url)
    assert result == (None if expected is None else pd.Timestamp(expected, tz="UTC"))


@settings(max_examples=300, deadline=None)
@given(
    st.datetimes(
        min_value=pd.Timestamp("1900-01-01").to_pydatetime(),
        max_value=pd.Timestamp("2100-01-01").to_pydatetime(),
    )
)
def test_iso_and_us_forms_agree_with_the_datetime_they_print(moment):
    moment = moment.replace(microsecond=0)
    stamp = pd.Timestamp(moment, tz="UTC")
    assert parse_date(moment.isoformat()) == stamp
    assert parse_date(moment.strftime("%m/%d/%Y %H:%M:%S")) == stamp
    assert parse_date(moment.strftime("%Y/%m/%d")) == stamp.normalize()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_parse_date_never_raises(text):
    result = parse_date(text)
    assert result is None or str(result.tz) == "UTC"
