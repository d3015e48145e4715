"""The pipeline on a dask cluster: each stage's dask implementation, equal to pandas.

Every public stage of the kit (``read_corpus_dask``, ``deduplicate``, ``match``,
``score``, ``compare_groups``, ``collocations``, ``suggest_terms``, ``kwic``,
``coding_sheet``) accepts a ``dask.dataframe.DataFrame`` corpus (and dask hits) and
hands it to the module of this package for its stage, which does the heavy work
partition by partition on the cluster (tokenizing, hashing, counting) and the small
exact final step on the client with the same pandas code, so the results are equal
to the pandas path's row for row. One module per stage:

==============  ==========================================================================
``reading``     :func:`read_corpus_dask`: many files into a dask corpus, with the load report
``dedup``       exact copies by hashing, near copies by MinHash bands shuffled by band key
``scoring``     per-document statistics per partition, then ``framing.scoring``'s table
``comparison``  exact n-gram (or lexicon term) counts per group, merged across partitions
``concordance`` ``kwic`` and the coding sheet, reading only the documents of the hits
==============  ==========================================================================

dask is optional (``pip install "framing-kit[dask]"``): nothing here is imported until
a dask collection reaches a stage.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["is_dask", "read_corpus_dask"]


def is_dask(value: Any) -> bool:
    """True for a dask DataFrame or Series (what the stages dispatch on)."""
    return type(value).__module__.split(".")[0] in {"dask", "dask_expr"} and hasattr(
        value, "map_partitions"
    )


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


from framing.distributed.reading import read_corpus_dask  # noqa: E402
