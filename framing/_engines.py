"""Where a stage finds its implementation for a collection pandas cannot hold.

Every stage takes pandas tables. When a dask DataFrame reaches one, the stage asks this
registry for the implementation that :mod:`framing.distributed` registered for it. The
stage never imports ``framing.distributed`` (which imports the stages to reuse their
exact final steps), so the arrows between the layers point one way; the registry imports
it by name when the first dask collection arrives, and it registers every stage. dask
itself is imported only then.

>>> from framing._engines import is_dask
>>> import pandas as pd
>>> is_dask(pd.DataFrame())
False
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TypeVar

Function = TypeVar("Function", bound=Callable[..., Any])

# stage name (the public function's name) -> its dask implementation
_DASK: dict[str, Callable[..., Any]] = {}


def is_dask(value: Any) -> bool:
    """True for a dask DataFrame or Series (what the stages dispatch on)."""
    return type(value).__module__.split(".")[0] in {"dask", "dask_expr"} and hasattr(
        value, "map_partitions"
    )


def register_dask(stage: str) -> Callable[[Function], Function]:
    """Register ``function`` as the dask implementation of ``stage`` (a decorator)."""

    def decorate(function: Function) -> Function:
        _DASK[stage] = function
        return function

    return decorate


def dask_implementation(stage: str, *values: Any) -> Callable[..., Any] | None:
    """The dask implementation of ``stage`` if any of ``values`` is a dask collection.

    None when they are all pandas (or anything else: the stage checks its inputs).
    """
    if not any(is_dask(value) for value in values):
        return None
    if stage not in _DASK:
        # framing's __init__ loads lazily, so the dask layer registers its stages on the
        # first dask collection: imported by name, the arrows between layers still
        # point one way.
        importlib.import_module("framing.distributed")
    try:
        return _DASK[stage]
    except KeyError:  # pragma: no cover - framing.distributed registers every stage
        raise TypeError(
            f"{stage} has no dask implementation; compute the collection first "
            "(collection.compute()) to pass a pandas DataFrame."
        ) from None
