"""Front-door checks shared by every public function, and renamed-parameter aliases.

One message template for every bad parameter, like scikit-learn's::

    The 'n' parameter of kwic must be a whole number >= 1. Got 0 instead.

Each check raises :class:`framing.errors.ParameterError` (a ``ValueError`` and a
``TypeError``) and returns the value, normalised where that helps (a single column name
becomes a list). :func:`renamed` keeps an old parameter name working for one release, with
a ``FutureWarning`` that names the new one.
"""

from __future__ import annotations

import functools
import inspect
import math
import warnings
from collections.abc import Callable, Iterable, Sequence
from numbers import Integral, Real
from typing import Any, TypeVar

import numpy as np

from framing.errors import ParameterError

__all__ = [
    "check_bool",
    "check_choice",
    "check_columns",
    "check_names",
    "check_number",
    "check_whole",
    "fail",
    "keyword_only",
    "renamed",
]

F = TypeVar("F", bound=Callable[..., Any])


def fail(parameter: str, function: str, expected: str, value: Any) -> ParameterError:
    """Return (for ``raise``) the error of one bad parameter, in the one template."""
    return ParameterError(
        f"The {parameter!r} parameter of {function} must be {expected}. Got {value!r} instead."
    )


def check_choice(
    value: Any,
    choices: Iterable[str],
    *,
    parameter: str,
    function: str,
    allow_none: bool = False,
) -> str | None:
    """Return ``value`` if it is one of ``choices`` (strings, or None if allowed), else raise.

    >>> check_choice("mcq", ("full", "mcq"), parameter="variance", function="log_odds")
    'mcq'
    """
    if value is None and allow_none:
        return None
    options = tuple(choices)
    if not isinstance(value, str) or value not in options:
        listed = [repr(choice) for choice in options] + (["None"] if allow_none else [])
        expected = " or ".join(", ".join(listed).rsplit(", ", 1))
        raise fail(parameter, function, f"one of {expected}", value)
    return value


def check_bool(value: Any, *, parameter: str, function: str) -> bool:
    """Return ``value`` if it is True or False (numpy's too), else raise."""
    if not isinstance(value, bool | np.bool_):
        raise fail(parameter, function, "True or False", value)
    return bool(value)


def check_whole(
    value: Any,
    *,
    parameter: str,
    function: str,
    minimum: int | None = None,
    maximum: int | None = None,
    allow_none: bool = False,
) -> int | None:
    """Return ``value`` as an int if it is a whole number in range (not a bool), else raise.

    >>> check_whole(3, parameter="n", function="kwic", minimum=1)
    3
    """
    if value is None and allow_none:
        return None
    ok = isinstance(value, Integral) and not isinstance(value, bool | np.bool_)
    if ok and minimum is not None and value < minimum:
        ok = False
    if ok and maximum is not None and value > maximum:
        ok = False
    if not ok:
        bounds = []
        if minimum is not None:
            bounds.append(f">= {minimum}")
        if maximum is not None:
            bounds.append(f"<= {maximum}")
        expected = "a whole number" + (f" {' and '.join(bounds)}" if bounds else "")
        if allow_none:
            expected += " or None"
        raise fail(parameter, function, expected, value)
    return int(value)


def check_number(
    value: Any,
    *,
    parameter: str,
    function: str,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
    allow_none: bool = False,
) -> float | None:
    """Return ``value`` as a float if it is a finite real number in range, else raise.

    ``low_open``/``high_open`` exclude the bound itself.

    >>> check_number(0.95, parameter="ci", function="score", low=0, high=1,
    ...              low_open=True, high_open=True)
    0.95
    """
    if value is None and allow_none:
        return None
    ok = isinstance(value, Real) and not isinstance(value, bool | np.bool_)
    ok = ok and math.isfinite(float(value))
    if ok and low is not None:
        ok = value > low if low_open else value >= low
    if ok and high is not None:
        ok = value < high if high_open else value <= high
    if not ok:
        if low is not None and high is not None:
            ends = ("(", ")") if low_open and high_open else ("[", "]")
            if low_open != high_open:
                ends = ("(" if low_open else "[", ")" if high_open else "]")
            expected = f"a number in {ends[0]}{low:g}, {high:g}{ends[1]}"
        elif low is not None:
            expected = f"a number {'>' if low_open else '>='} {low:g}"
        elif high is not None:
            expected = f"a number {'<' if high_open else '<='} {high:g}"
        else:
            expected = "a finite number"
        if allow_none:
            expected += " or None"
        raise fail(parameter, function, expected, value)
    return float(value)


def check_names(
    value: Any, *, parameter: str, function: str, allow_empty: bool = True
) -> list[str]:
    """Return a list of distinct names from a name or a list of names, else raise.

    >>> check_names("outlet", parameter="by", function="score")
    ['outlet']
    """
    names = [value] if isinstance(value, str) else value
    if names is None:
        names = []
    ok = isinstance(names, Sequence) and not isinstance(names, bytes)
    ok = ok and all(isinstance(name, str) for name in names)
    ok = ok and len(set(names)) == len(names) and (allow_empty or len(names) > 0)
    if not ok:
        raise fail(parameter, function, "a column name or a list of distinct names", value)
    return list(names)


def check_columns(
    table: Any, columns: Iterable[str], *, parameter: str, function: str, what: str
) -> None:
    """Raise unless ``table`` is a DataFrame with every one of ``columns``.

    ``what`` names the table the caller expects ("a hits table from framing.match").
    """
    import pandas as pd

    if not isinstance(table, pd.DataFrame):
        kind = f"{type(table).__module__}.{type(table).__qualname__}"
        raise ParameterError(
            f"The {parameter!r} parameter of {function} must be {what} (a pandas "
            f"DataFrame). Got a {kind} instead."
        )
    missing = [column for column in columns if column not in table.columns]
    if missing:
        raise ParameterError(
            f"The {parameter!r} parameter of {function} must be {what}; "
            f"it lacks the column(s) {missing}."
        )


def renamed(function: str, **old_to_new: str) -> Callable[[F], F]:
    """Accept old keyword names for one release, with a FutureWarning naming the new one.

    >>> @renamed("kwic", sample="n")
    ... def kwic(*, n=None):
    ...     return n
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     kwic(sample=5), caught[0].category.__name__
    (5, 'FutureWarning')
    """

    def decorate(wrapped: F) -> F:
        @functools.wraps(wrapped)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for old, new in old_to_new.items():
                if old not in kwargs:
                    continue
                if new in kwargs:
                    raise ParameterError(
                        f"{function} got both {old!r} and {new!r}; {old!r} is the old name "
                        f"of {new!r}: give only {new!r}."
                    )
                warnings.warn(
                    f"The {old!r} parameter of {function} was renamed {new!r}; "
                    f"{old!r} will stop working in a future release.",
                    FutureWarning,
                    stacklevel=2,
                )
                kwargs[new] = kwargs.pop(old)
            return wrapped(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def keyword_only(function: str, positional: int, names: Sequence[str]) -> Callable[[F], F]:
    """Map extra positional arguments to keywords for one release, with a FutureWarning.

    For functions whose parameters after the first ``positional`` became keyword-only:
    ``shares(scores, "war_name")`` still works, as ``shares(scores, concept="war_name")``.
    """

    def decorate(wrapped: F) -> F:
        signature = inspect.signature(wrapped)

        @functools.wraps(wrapped)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if len(args) > positional:
                extra = args[positional:]
                if len(extra) > len(names):
                    raise TypeError(
                        f"{function} takes {positional} positional argument(s) and the "
                        f"keywords {', '.join(names)}; got {len(args)} positional arguments."
                    )
                given = dict(zip(names, extra, strict=False))
                clash = [name for name in given if name in kwargs]
                if clash:
                    raise TypeError(f"{function} got {clash[0]!r} twice.")
                warnings.warn(
                    f"Pass {', '.join(repr(n) for n in given)} to {function} by keyword "
                    f"({', '.join(f'{n}=...' for n in given)}); positional use will stop "
                    "working in a future release.",
                    FutureWarning,
                    stacklevel=2,
                )
                kwargs.update(given)
                args = args[:positional]
            return wrapped(*args, **kwargs)

        wrapper.__signature__ = signature  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate
