"""What the dask stages share: running a function per partition, dtype handling, the
error for a missing dask."""

from __future__ import annotations

from typing import Any

import pandas as pd

from framing._engines import is_dask

__all__ = ["collect", "is_dask", "no_string_conversion", "require_dask"]


def collect(corpus: Any, function: Any, meta: pd.DataFrame, *args: Any) -> pd.DataFrame:
    """``function(partition, *args)`` on every partition, concatenated in corpus order.

    The result has a fresh RangeIndex (position in the corpus).
    """
    frame = corpus.map_partitions(function, *args, meta=meta, align_dataframes=False).compute()
    return frame.reset_index(drop=True)


def no_string_conversion() -> Any:
    """A context in which new dask collections keep pandas dtypes as they are.

    dask turns object columns into pyarrow strings by default ("dataframe.convert-string");
    a corpus's ``tags`` column holds lists, which that would turn into text.
    """
    import dask

    return dask.config.set({"dataframe.convert-string": False})


def require_dask(function: str) -> None:
    """Raise ImportError with what to install when dask is missing."""
    try:
        import dask.dataframe  # noqa: F401
    except ImportError:  # pragma: no cover - the dask extra is installed in the tests
        raise ImportError(
            f"{function} on a dask corpus needs dask: pip install 'framing-kit[dask]' on the "
            "client and on every worker (the same version of framing-kit everywhere)."
        ) from None
