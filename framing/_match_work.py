"""The work of ``match``: the compiled terms, the chunks of documents in this process or
the workers (each chunk: :mod:`framing._match_worker`), and the hits table assembled from
their arrays.
"""

from __future__ import annotations

import contextlib
import math
import os
from array import array
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures.process import BrokenProcessPool
from itertools import chain
from typing import Any

import numpy as np
import pandas as pd

from framing._engine import NO_RULES, Rules, TermSpec, engine_for
from framing._match_pool import (
    _discard_pool,
    _main_module_hidden,
    _pool,
    _progress_bar,
    pool_running,
)
from framing._match_shared import shared_texts
from framing._match_worker import Compiled, _match_chunk, _match_chunk_task
from framing.errors import TermError
from framing.lexicon.model import Lexicon, LexiconError
from framing.tables import HITS_COLUMNS
from framing.voice import VOICES

# -- the work --------------------------------------------------------------------------


#: Below this many characters a run stays in this process while the session's worker
#: processes are running: sending the texts to them costs more than it saves.
PARALLEL_THRESHOLD = 4_000_000

#: Below this many characters a run stays in this process when the workers are not yet
#: running. A worker imports framing._match_worker only (the engine and voice), which
#: the forkserver preloads, so starting two costs about 0.2 s on a 2-core machine. On
#: the benchmark corpus with voice (benchmarks/bench_first_call.py, fifth session) a
#: pool started for one call lost to one process at 10 MB, drew at 15-20 MB and won at
#: 43 MB; below 20 MB the default is therefore one process. A later call, with the
#: workers up, uses PARALLEL_THRESHOLD. ``workers=`` overrides both.
COLD_PARALLEL_THRESHOLD = 30_000_000


def _names(value: Any, column: str) -> tuple[str, ...]:
    """A principal cell (or parameter) as a tuple of names: a name, a list, or missing."""
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ()
    if isinstance(value, list | tuple | np.ndarray):
        names = tuple(name for name in value if isinstance(name, str) and name.strip())
        if len(names) == len(value):
            return names
    raise ValueError(
        f"The principal column {column!r} must hold a name, a list of names or nothing in "
        f"each row. Got {value!r} instead."
    )


def _principals(corpus: pd.DataFrame, principal: Any) -> list[tuple[str, ...]] | None:
    """Each document's principal names, or None when there is no principal."""
    if principal is None:
        return None
    if isinstance(principal, str) and principal in corpus.columns:
        return [_names(value, principal) for value in corpus[principal].tolist()]
    names = _names(principal, "principal") if isinstance(principal, str) else tuple(principal)
    return [names] * len(corpus)


class _Terms:
    """A lexicon as parallel lists: what the engine needs, and what the table shows.

    Each row is ``(concept, variant, term, case_sensitive, form)``: the engine looks for
    the form, the hits table names the term (an inflected term has a row per form).
    ``rules``: the compiled sense rules (none unless the lexicon has some).
    """

    def __init__(
        self, entries: Iterable[tuple[str, str, str, bool, str]], rules: Rules = NO_RULES
    ) -> None:
        rows = list(entries)
        self.concepts = [row[0] for row in rows]
        self.variants = [row[1] for row in rows]
        self.patterns = [row[2] for row in rows]
        # A tuple: engine_for knows the same tuple again without hashing every term.
        self.specs: tuple[TermSpec, ...] = tuple((row[4], bool(row[3])) for row in rows)
        self.rules = rules
        self._compiled: tuple[Rules, Compiled] | None = None

    def compiled(self) -> Compiled:
        """The terms and rules as the workers' tasks carry them (made once; again if the
        rules were set since)."""
        made = self._compiled
        if made is None or made[0] is not self.rules:
            made = self._compiled = (self.rules, Compiled(self.specs, self.rules))
        return made[1]


# (lexicon fingerprint, rules) -> its compiled terms: a lexicon is immutable, and
# compiling 10,000 terms again on every call cost 0.05-0.2 s (and a new tuple of specs,
# which engine_for must hash again).
_COMPILED: dict[tuple[str, bool], _Terms] = {}


def _compile(lexicon: Lexicon, rules: bool = True) -> _Terms:
    key = (lexicon.fingerprint(), rules)
    terms = _COMPILED.get(key)
    if terms is None:
        terms = _compile_terms(lexicon, rules)
        if len(_COMPILED) >= 8:
            _COMPILED.pop(next(iter(_COMPILED)))
        _COMPILED[key] = terms
    return terms


def _compile_terms(lexicon: Lexicon, rules: bool) -> _Terms:
    from framing.lexicon.inflect import expanded_entries

    entries = list(expanded_entries(lexicon))
    terms = _Terms(entries)
    if rules and lexicon.has_rules:
        from framing.senses import compile_rules

        terms.rules = compile_rules(lexicon, entries).rules  # the forms expanded once
    try:
        engine_for(terms.specs, rules=terms.rules)
    except TermError as error:
        raise LexiconError(f"Lexicon {lexicon.name!r}: {error}") from None
    return terms


def _match_frame(
    corpus: pd.DataFrame,
    terms: _Terms,
    fields: Sequence[str],
    voice: bool,
    columns: Sequence[str],
    workers: int | None,
    progress: bool | None,
    chunksize: int | None,
    principal: str | Sequence[str] | None = None,
    audit: bool = False,
    meanwhile: Callable[[], None] | None = None,
) -> pd.DataFrame:
    """The hits table of ``corpus``; ``meanwhile`` is called once in this process while
    the workers match (or after the documents, in one process): serial work of the
    caller's that would otherwise wait for them (the corpus fingerprint)."""
    count = len(corpus)
    if workers is None:
        size = sum(corpus[field].str.len().sum(skipna=True) for field in fields)
        cores = os.cpu_count() or 1
        threshold = PARALLEL_THRESHOLD if pool_running(cores) else COLD_PARALLEL_THRESHOLD
        workers = cores if size > threshold else 1
    workers = max(1, min(workers, count))
    if chunksize is None:
        chunksize = max(16, math.ceil(count / (workers * 8))) if workers > 1 else 500
    bounds = [(first, min(first + chunksize, count)) for first in range(0, count, chunksize)]
    parallel = workers > 1 and len(bounds) > 1
    principals = _principals(corpus, principal) if voice else None
    # The workers read the texts from shared memory (framing._match_shared); this process
    # and the fall-back take them as Python strings (str, or pd.NA when missing).
    shared = shared_texts([corpus[field] for field in fields]) if parallel else None
    texts = [corpus[field].tolist() for field in fields] if shared is None else []

    def task(first: int, last: int) -> tuple[Any, ...]:
        """The documents ``first:last``: the arguments of _match_chunk in this process;
        a worker's task (_match_chunk_task) has the compiled terms and rules as one."""
        chunk = (
            shared.chunk(first, last)
            if shared is not None
            else [column[first:last] for column in texts]
        )
        some = principals[first:last] if principals is not None else None
        if parallel:
            return (terms.compiled(), chunk, voice, audit, some)
        return (terms.specs, chunk, voice, terms.rules, audit, some)

    tasks = (task(first, last) for first, last in bounds)
    results: list[tuple[Any, ...]] = []
    with _progress_bar(count, progress) as bar, shared or contextlib.nullcontext():
        if not parallel:
            outputs: Iterable[tuple[Any, ...]] = (_match_chunk(*task) for task in tasks)
        else:
            starting = not pool_running(workers)
            if starting:  # the first documents come back only once the workers are up
                bar.set_description_str("match: starting workers")
            with _main_module_hidden():
                outputs = _pool(workers).map(_match_chunk_task, tasks)
            if meanwhile is not None:  # the workers have their chunks; this process waits
                meanwhile()
                meanwhile = None
        try:
            for (first, last), output in zip(bounds, outputs, strict=True):
                output = _numpy_arrays(output)
                output[0][:] += first
                results.append(output)
                if first == 0 and parallel and starting:
                    bar.set_description_str("match")
                bar.update(last - first)
        except BrokenProcessPool:
            # A worker died (killed, out of memory): this call fails, the next gets a
            # fresh pool instead of the broken one.
            _discard_pool()
            raise
    if meanwhile is not None:
        meanwhile()
    table = _assemble(corpus, terms, fields, columns, results, voice)
    if audit:
        table["rule"] = (
            np.concatenate([result[8] for result in results])
            if results
            else np.zeros(0, dtype=np.int64)
        )
    return table


def _numpy_arrays(output: tuple[Any, ...]) -> tuple[Any, ...]:
    """A chunk's result with its typed arrays (``array.array``) as numpy arrays."""
    return tuple(
        np.frombuffer(part, dtype=np.int8 if part.typecode == "b" else np.int64)
        if isinstance(part, array)
        else part
        for part in output
    )


def _assemble(
    corpus: pd.DataFrame,
    terms: _Terms,
    fields: Sequence[str],
    columns: Sequence[str],
    results: list[tuple[Any, ...]],
    voice: bool,
) -> pd.DataFrame:
    if results:
        documents, field_index, starts, ends, term_index, voice_codes = (
            np.concatenate(parts) for parts in zip(*(result[:6] for result in results), strict=True)
        )
        matched = list(chain.from_iterable(result[6] for result in results))
        speakers = list(chain.from_iterable(result[7] for result in results))
    else:
        documents = field_index = starts = ends = term_index = np.zeros(0, dtype=np.int64)
        voice_codes = np.zeros(0, dtype=np.int8)
        matched = []
        speakers = []

    def pick(values: Sequence[str], index: np.ndarray) -> pd.api.extensions.ExtensionArray:
        # One string array of the values, then a take: each string is converted once,
        # not once per hit (a term's, a field's name).
        return pd.array(list(values), dtype="string").take(index)

    table = pd.DataFrame(
        {
            # A take of the corpus's own array (Arrow's, where it is), then the hits'
            # dtype: no Python string per hit.
            "doc_id": corpus["doc_id"].array.take(documents).astype("string"),
            "field": pick(fields, field_index),
            "start": starts.astype(np.int64),
            "end": ends.astype(np.int64),
            "matched": _strings(matched),
            "term": pick(terms.patterns, term_index),
            "concept": pick(terms.concepts, term_index),
            "variant": pick(terms.variants, term_index),
            "voice": (
                pd.array(VOICES, dtype="string").take(voice_codes)
                if voice
                else pd.array([pd.NA] * len(starts), dtype="string")
            ),
            "speaker": _strings(speakers),
        }
    )
    for column in columns:
        table[column] = _joined(corpus[column].take(documents))
    return table


def _strings(values: list[str | None]) -> pd.api.extensions.ExtensionArray:
    """``values`` as a "string" array; through pyarrow when that is the storage (ten times
    faster than pandas' own conversion of a list of mostly None, and twice as fast for a
    list of strings)."""
    dtype = pd.StringDtype()
    if dtype.storage == "pyarrow":
        import pyarrow as pa

        return pd.array(pa.array(values, type=pa.large_string()), dtype=dtype)
    return pd.array(values, dtype=dtype)


def _joined(values: pd.Series) -> pd.Series:
    # Text columns join as the hits' own "string" dtype, whatever storage the corpus used
    # (dask turns text into pyarrow strings), so the pandas and dask paths agree.
    values = values.reset_index(drop=True)
    if isinstance(values.dtype, pd.StringDtype):
        return values.astype("string")
    return values


def _empty_hits(corpus: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    table = pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in HITS_COLUMNS.items()})
    for column in columns:
        table[column] = _joined(corpus[column].iloc[:0])
    return table
