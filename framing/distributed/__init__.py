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

from framing._engines import is_dask

# The stage modules register their implementations with framing._engines on import.
from framing.distributed import comparison, concordance, dedup, matching, scoring  # noqa: F401
from framing.distributed.reading import read_corpus_dask

__all__ = ["is_dask", "read_corpus_dask"]
