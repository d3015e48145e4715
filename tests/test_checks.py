"""framing._checks: the one message template, the ranges, and renamed-parameter aliases."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from framing._checks import (
    check_bool,
    check_choice,
    check_columns,
    check_names,
    check_number,
    check_whole,
    keyword_only,
    renamed,
)
from framing.errors import ParameterError


def test_choice_names_the_parameter_the_function_and_the_options() -> None:
    with pytest.raises(
        ParameterError,
        match=r"^The 'variance' parameter of log_odds must be one of 'full' or 'mcq'\. "
        r"Got 'ful' instead\.$",
    ):
        check_choice("ful", ("full", "mcq"), parameter="variance", function="log_odds")


@pytest.mark.parametrize("value", [True, 0, -1, 1.5, "3", None, np.bool_(True)])
def test_whole_refuses_bools_floats_strings_and_out_of_range(value) -> None:
    with pytest.raises(ValueError, match=r"must be a whole number >= 1\. Got"):
        check_whole(value, parameter="n", function="kwic", minimum=1)


def test_whole_accepts_numpy_integers_and_none_when_allowed() -> None:
    assert check_whole(np.int64(4), parameter="n", function="f", minimum=1) == 4
    assert check_whole(None, parameter="n", function="f", allow_none=True) is None
    with pytest.raises(ParameterError, match=r"<= 3 or None\. Got 4"):
        check_whole(4, parameter="n", function="f", minimum=0, maximum=3, allow_none=True)


@pytest.mark.parametrize("value", [0, 1, float("nan"), float("inf"), True, "0.5"])
def test_number_in_an_open_interval(value) -> None:
    with pytest.raises(TypeError, match=r"must be a number in \(0, 1\)\. Got"):
        check_number(
            value, parameter="ci", function="score", low=0, high=1, low_open=True, high_open=True
        )


def test_number_half_open_and_one_sided_messages() -> None:
    with pytest.raises(ParameterError, match=r"a number in \(0, 1\]"):
        check_number(0, parameter="t", function="f", low=0, high=1, low_open=True)
    with pytest.raises(ParameterError, match=r"a number >= 2\."):
        check_number(1, parameter="t", function="f", low=2)
    assert check_number(1, parameter="t", function="f", low=0, high=1, low_open=True) == 1.0


def test_bool_and_names() -> None:
    assert check_bool(np.bool_(False), parameter="drop", function="f") is False
    with pytest.raises(ParameterError, match=r"must be True or False\. Got 1 instead"):
        check_bool(1, parameter="drop", function="f")
    assert check_names(("a", "b"), parameter="by", function="f") == ["a", "b"]
    with pytest.raises(ParameterError, match=r"distinct names\. Got \['a', 'a'\]"):
        check_names(["a", "a"], parameter="by", function="f")
    with pytest.raises(ParameterError, match="Got 3 instead"):
        check_names(3, parameter="by", function="f")


def test_columns_names_what_is_missing_and_the_wrong_type() -> None:
    import pandas as pd

    with pytest.raises(ParameterError, match=r"lacks the column\(s\) \['end'\]"):
        check_columns(
            pd.DataFrame({"start": []}),
            ["start", "end"],
            parameter="hits",
            function="kwic",
            what="a hits table from framing.match",
        )
    with pytest.raises(ParameterError, match=r"Got a builtins\.list instead"):
        check_columns([], ["start"], parameter="hits", function="kwic", what="a hits table")


def test_renamed_parameters_warn_once_per_call_and_still_work() -> None:
    @renamed("kwic", sample="n")
    def kwic(*, n: int = 1) -> int:
        return n

    with pytest.warns(FutureWarning, match="'sample' parameter of kwic was renamed 'n'"):
        assert kwic(sample=7) == 7
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert kwic(n=2) == 2
    with pytest.raises(ParameterError, match="both 'sample' and 'n'"):
        kwic(sample=1, n=2)


def test_keyword_only_maps_old_positionals_with_a_warning() -> None:
    @keyword_only("shares", 1, ("concept",))
    def shares(scores: str, *, concept: str | None = None) -> tuple[str, str | None]:
        return scores, concept

    with pytest.warns(FutureWarning, match=r"Pass 'concept' to shares by keyword"):
        assert shares("s", "war") == ("s", "war")
    assert shares("s", concept="war") == ("s", "war")
    with pytest.raises(TypeError, match="twice"):
        shares("s", "war", concept="war")


def test_choice_may_allow_none_and_says_so() -> None:
    assert (
        check_choice(None, ("W", "M"), parameter="period", function="score", allow_none=True)
        is None
    )
    with pytest.raises(
        ParameterError,
        match=r"^The 'period' parameter of score must be one of 'W', 'M' or None\. "
        r"Got 'month' instead\.$",
    ):
        check_choice("month", ("W", "M"), parameter="period", function="score", allow_none=True)
    with pytest.raises(ParameterError, match=r"one of 'W' or 'M'\. Got None"):
        check_choice(None, ("W", "M"), parameter="period", function="score")
