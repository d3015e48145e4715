"""Find every lexicon term in a corpus: one row a hit, with offsets you can check.

The hits table
--------------
=========  ==============  ====================================================
column     dtype           meaning
=========  ==============  ====================================================
doc_id     string          the document (corpus order)
field      string          the corpus column the hit is in ("title", "text")
start      int64           offset of the hit's first character in that cell
end        int64           offset just after its last character
matched    string          the text as written: ``corpus[field][start:end]``
term       string          the lexicon pattern that matched ("liberat*")
concept    string          the term's concept
variant    string          the term's variant (framing)
voice      string          "own", "quoted" or "distanced" (``framing.voice``);
                           ``<NA>`` when ``voice=False``
speaker    string          who says the words, when the text says so: a turn
                           label, an attribution ("said Zelensky"), a
                           headline source (``framing.voice``); ``<NA>``
                           otherwise and when ``voice=False``
=========  ==============  ====================================================

plus the corpus columns asked for with ``columns=`` (e.g. outlet, published). Rows are
in corpus order, then field order, then by start.

Matching rules
--------------
- **Case**: case-insensitive, unless the term is marked case-sensitive ("DPR").
- **Word boundaries** at both ends, Unicode-aware: "Kiev" is not in "Kievan", "war" not
  in "software", "award" or "warfare", "rich" not in "Zürich". Word characters are
  letters, digits, "_" and combining marks.
- **Hyphens and other punctuation are boundaries**: "pro-Kiev" and "Kiev-based" contain
  "Kiev"; but a term with a hyphen needs the hyphen ("neo-Nazi" is not "neo Nazi").
- **Possessives**: "Kiev's" and "Kiev’s" contain "Kiev". The hit is "Kiev": the ``'s``
  is not part of ``matched``.
- **Contractions**: an apostrophe between two letters is inside the word, so "Don" is
  not in "don't" and "Brien" is not in "O'Brien" (but "Don" is in "Don's").
- **Whitespace**: a space in a term matches any run of whitespace in the text: spaces,
  tabs, line breaks, blank lines, no-break spaces (U+00A0, U+202F) and other Unicode
  spaces.
- **Look-alikes**: curly and straight apostrophes (’ ‘ ʼ ′ ´ `) are alike, and so are
  double quotation marks (“ ” „ « »), and all Unicode hyphens and dashes (‐ ‑ ‒ – — ―
  and the minus sign −): "full-scale" matches "full‑scale" and "full–scale".
- **Invisible characters**: soft hyphens and zero-width spaces are ignored, so
  "Ki\\u00adev" matches "Kiev" (and ``matched`` keeps the soft hyphen).
- **Unicode normalisation**: text and terms are compared in NFC, so a decomposed "é"
  (e + U+0301) matches "é".
- **Globs**: a ``*`` at the end of a word matches the rest of that word: "liberat*"
  matches "liberation", "liberated" and "liberat" itself; "so-called denazif*"
  matches "so-called denazification".
- **Leftmost-longest, once**: across the whole lexicon, at each place the longest term
  that fits wins and its words are not matched again: "special military operation"
  is never also "military operation". If the longest candidate does not end on a word
  boundary ("Kiev regimes" for "Kiev regime"), a shorter term at the same start is
  tried ("Kiev"). Two terms that match the same words: the first in the lexicon wins.
- **Sense rules** (the lexicon's; ``rules=False`` ignores them): an **exclusion** phrase
  takes part in leftmost-longest matching like a term and claims its words, but is not
  a hit ("Cold War" claims its words, so ``war`` is not counted there; at the very same
  words an exclusion beats a term). A **condition** then keeps a hit of its term or
  variant only if its ``if_near`` context occurs, and no ``unless_near`` context occurs,
  within N words before or after the hit (words: runs of letters and digits, "don't"
  one word; a context phrase must lie wholly in the N words before or in the N words
  after; the hit's own words and the words beyond N do not count). A hit a condition
  removes keeps its words: no other term gets them. ``framing.audit_rules`` lists what
  each rule removed.
Known limits: case folding is one character to one ("STRASSE" does not match
"Straße"); words split by a hyphen at a line break ("Kie-\\nvan") are not rejoined.
"""

from __future__ import annotations

import atexit
import contextlib
import math
import multiprocessing
import os
import sys
import types
import warnings
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import numpy as np
import pandas as pd

from framing._checks import renamed
from framing._engine import NO_RULES, Rules, TermError, TermSpec, engine_for
from framing.corpus.language import language_mismatch
from framing.corpus.schema import validate_corpus
from framing.errors import FramingWarning
from framing.lexicon.model import Lexicon, LexiconError
from framing.provenance import ATTRS_KEY, stamp
from framing.voice import VOICES, Principal, voices_and_speakers

#: The hits table's own columns and their dtypes, in order.
HITS_COLUMNS: dict[str, str] = {
    "doc_id": "string",
    "field": "string",
    "start": "int64",
    "end": "int64",
    "matched": "string",
    "term": "string",
    "concept": "string",
    "variant": "string",
    "voice": "string",
    "speaker": "string",
}

#: Below this many characters a run stays in this process (starting workers costs more).
PARALLEL_THRESHOLD = 4_000_000


@renamed("match", voice="classify_voice")
def match(
    corpus: Any,
    lexicon: Lexicon,
    *,
    fields: Sequence[str] | str = ("title", "text"),
    classify_voice: bool = True,
    principal: str | Sequence[str] | None = None,
    rules: bool = True,
    columns: Sequence[str] | str = (),
    workers: int | None = None,
    progress: bool | None = None,
    chunksize: int | None = None,
) -> Any:
    """Find every term of ``lexicon`` in ``corpus``: one row a hit, with offsets.

    Parameters
    ----------
    corpus : pandas.DataFrame or dask.dataframe.DataFrame
        A corpus table (``framing.read_corpus``). A dask DataFrame is matched
        partition by partition and a dask DataFrame of hits is returned.
    lexicon : framing.Lexicon
        The concepts, variants and terms to find.
    fields : sequence of str or str
        The text columns to search, in this order, each named once. Default
        ``("title", "text")``.
    classify_voice : bool, default True
        Classify each hit as "own", "quoted" or "distanced" (``framing.voice``).
        With False the ``voice`` and ``speaker`` columns are ``<NA>`` (faster).
    principal : str or sequence of str, optional
        The outlet's own speaker(s), whose words count as ``own``: the name of a corpus
        column that holds each document's principal(s) (a name, a list of names, or
        missing), or else a name or a list of names for every document ("Vladimir
        Putin" for the Kremlin's site). Quotations attributed to the principal, the
        principal's turns in a transcript and a lead quotation that opens a text are
        ``own`` (with ``speaker`` set); other speakers' turns in a transcript are
        ``quoted``. Default: no principal (turns do not change the voice).
    rules : bool
        Apply the lexicon's sense rules (exclusions and conditions; default True). With
        False every term counts wherever its words are, as if the lexicon had none.
    columns : sequence of str or str
        Corpus columns to join onto the hits, e.g. ``("outlet", "published")``.
    workers : int, optional
        Worker processes. Default: one per CPU when the corpus holds more than
        ``PARALLEL_THRESHOLD`` characters, else none (this process).
    progress : bool, optional
        Show a progress bar: True always, False never, None (default) when the run
        takes more than a few seconds.
    chunksize : int, optional
        Documents per unit of work. Default: about eight chunks per worker.

    Returns
    -------
    pandas.DataFrame
        The hits: ``doc_id, field, start, end, matched, term, concept, variant,
        voice, speaker`` (see the module docstring), then ``columns``. ``df.attrs["framing"]``
        holds provenance; ``df.attrs["framing"]["lexicon"]["variants"]`` lists every
        ``[concept, variant]`` pair of the lexicon in lexicon order, hits or not, so
        that ``framing.score`` can report variants that were never found.

    Raises
    ------
    TypeError
        If ``corpus`` is not a DataFrame or ``lexicon`` not a Lexicon.
    ValueError
        If a field or column is not in the corpus, or a parameter is out of range.
    framing.LexiconError
        If a term cannot be matched as written (a lone ``*``).

    Warns
    -----
    framing.FramingWarning
        When the corpus's ``language`` column names languages and none of them is the
        lexicon's (a Russian lexicon on an English corpus).

    See Also
    --------
    match_text : the same on one string.
    framing.kwic : the hits in context.
    framing.audit_rules : what each sense rule removed, per group and variant.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing import Lexicon
    >>> from framing.corpus.schema import conform
    >>> corpus = conform(pd.DataFrame({
    ...     "doc_id": ["a", "b"], "outlet": ["X", "Y"],
    ...     "published": ["2022-03-01", "2022-03-02"], "title": ["", ""],
    ...     "text": ["Kiev’s mayor spoke.", "The so-called special military operation."]}))
    >>> lexicon = Lexicon.from_dataframe(pd.DataFrame({
    ...     "concept": ["capital", "war", "war"],
    ...     "variant": ["russian", "kremlin", "kremlin"],
    ...     "term": ["Kiev", "special military operation", "military operation"]}),
    ...     name="demo")
    >>> hits = match(corpus, lexicon)
    >>> hits[["doc_id", "start", "end", "matched", "voice"]]
      doc_id  start  end                     matched      voice
    0      a      0    4                        Kiev        own
    1      b     14   40  special military operation  distanced
    """
    fields = _as_names(fields, "fields")
    columns = _as_names(columns, "columns")
    if not isinstance(lexicon, Lexicon):
        raise TypeError(
            "The 'lexicon' parameter of match must be a framing.Lexicon "
            f"(framing.load_lexicon(...)). Got {type(lexicon).__name__} instead."
        )
    if workers is not None and (not isinstance(workers, int) or workers < 1):
        raise ValueError(
            f"The 'workers' parameter of match must be a whole number >= 1 or None. "
            f"Got {workers!r} instead."
        )
    if chunksize is not None and (not isinstance(chunksize, int) or chunksize < 1):
        raise ValueError(
            f"The 'chunksize' parameter of match must be a whole number >= 1 or None. "
            f"Got {chunksize!r} instead."
        )
    _check_principal(principal)
    if not isinstance(rules, bool):
        raise ValueError(f"The 'rules' parameter of match must be True or False. Got {rules!r}.")
    if _is_dask(corpus):
        return _match_dask(corpus, lexicon, fields, classify_voice, columns, principal, rules)
    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(
            "The 'corpus' parameter of match must be a pandas or dask DataFrame "
            f"(framing.read_corpus(...)). Got {type(corpus).__name__} instead."
        )
    validate_corpus(corpus)
    _check_fields(corpus, fields, columns)
    mismatch = language_mismatch(corpus, lexicon)
    if mismatch is not None:
        warnings.warn(mismatch, FramingWarning, stacklevel=2)
    terms = _compile(lexicon, rules)
    hits = _match_frame(
        corpus, terms, fields, classify_voice, columns, workers, progress, chunksize, principal
    )
    stamp(
        hits,
        function="match",
        corpus=corpus,
        lexicon=lexicon,
        parameters=_parameters(fields, classify_voice, columns, principal, rules, lexicon),
    )
    _record_variants(hits, lexicon)
    return hits


@renamed("match_text", voice="classify_voice")
def match_text(
    text: str,
    lexicon: Lexicon,
    *,
    classify_voice: bool = True,
    principal: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Find the terms of ``lexicon`` in one string (same rules as :func:`match`).

    Parameters
    ----------
    text : str
        The text to search.
    lexicon : framing.Lexicon
        The concepts, variants and terms to find.
    classify_voice : bool, default True
        Classify each hit's voice (see :func:`match`).
    principal : str or sequence of str, optional
        A name or a list of names whose words count as ``own`` (see :func:`match`).

    Returns
    -------
    pandas.DataFrame
        ``start, end, matched, term, concept, variant, voice, speaker``;
        ``text[start:end]`` equals ``matched``.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing import Lexicon
    >>> lexicon = Lexicon.from_dataframe(pd.DataFrame({
    ...     "concept": ["war"] * 2, "variant": ["kremlin"] * 2,
    ...     "term": ["special military operation", "liberat*"]}), name="demo")
    >>> hits = match_text("A special military\\noperation, not a liberation.", lexicon)
    >>> hits[["start", "end", "term"]]
       start  end                        term
    0      2   28  special military operation
    1     36   46                    liberat*
    >>> hits["matched"].tolist()
    ['special military\\noperation', 'liberation']
    """
    if not isinstance(text, str):
        raise TypeError(f"match_text needs a string. Got {type(text).__name__} instead.")
    corpus = pd.DataFrame({"doc_id": pd.array(["text"], dtype="string")})
    corpus["text"] = pd.array([text], dtype="string")
    if not isinstance(lexicon, Lexicon):
        raise TypeError(
            "The 'lexicon' parameter of match_text must be a framing.Lexicon. "
            f"Got {type(lexicon).__name__} instead."
        )
    _check_principal(principal)
    names = None if principal is None else _names(principal, "principal")
    terms = _compile(lexicon)
    hits = _match_frame(corpus, terms, ("text",), classify_voice, (), 1, False, None, names)
    return hits.drop(columns=["doc_id", "field"])


# -- the work --------------------------------------------------------------------------


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
        self.specs: list[TermSpec] = [(row[4], row[3]) for row in rows]
        self.rules = rules


def _compile(lexicon: Lexicon, rules: bool = True) -> _Terms:
    from framing.lexicon.inflect import expanded_entries

    terms = _Terms(expanded_entries(lexicon))
    if rules and lexicon.has_rules:
        from framing.senses import compile_rules

        terms.rules = compile_rules(lexicon).rules
    try:
        engine_for(terms.specs, rules=terms.rules)
    except TermError as error:
        raise LexiconError(f"Lexicon {lexicon.name!r}: {error}") from None
    return terms


def _match_chunk(
    specs: Sequence[TermSpec],
    texts: Sequence[Sequence[Any]],
    voice: bool,
    rules: Rules = NO_RULES,
    audit: bool = False,
    principals: Sequence[tuple[str, ...]] | None = None,
) -> tuple[Any, ...]:
    """Match a chunk of documents: ``texts[field][document]`` (str, or missing).

    ``principals[document]``: the document's principal names (or None: no principal).
    Returns parallel arrays: document (within the chunk), field, start, end, term,
    voice code (-1 when voice is off), the list of matched strings (sliced here, in
    the worker, rather than in the parent process after the pool), the list of
    speakers (None when unknown) and the rule ids (empty unless ``audit``). With
    ``audit`` the hits are those the rules removed (rule id >= 0 or ``SHIFTED``) and
    those only counted because of an exclusion (rule id ``ADDED``): see
    ``framing._engine.Engine.find_audit``. Runs in worker processes: no pandas here.
    """
    engine = engine_for(specs, rules=rules)
    rule_ids: list[int] = []
    documents: list[int] = []
    fields: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    terms: list[int] = []
    voice_codes: list[int] = []
    matched: list[str] = []
    speakers: list[str | None] = []
    codes = {name: code for code, name in enumerate(VOICES)}
    known: dict[tuple[str, ...], Principal] = {}
    for document in range(len(texts[0]) if texts else 0):
        for field, column in enumerate(texts):
            text = column[document]
            if not isinstance(text, str):
                continue
            if audit:
                _, removed, added = engine.find_audit(text)
                found = [*removed, *((*hit, ADDED) for hit in added)]
                found.sort()
                rule_ids.extend(hit[3] for hit in found)
                found = [hit[:3] for hit in found]
            else:
                found = engine.find(text)
            if not found:
                continue
            count = len(found)
            documents.extend([document] * count)
            fields.extend([field] * count)
            found_starts, found_ends, found_terms = zip(*found, strict=True)
            starts.extend(found_starts)
            ends.extend(found_ends)
            terms.extend(found_terms)
            matched.extend([text[start:end] for start, end, _ in found])
            if voice:
                names = principals[document] if principals is not None else ()
                principal = known.get(names)
                if principal is None:
                    principal = known[names] = Principal(names)
                labels = voices_and_speakers(
                    text, list(zip(found_starts, found_ends, strict=True)), principal=principal
                )
                voice_codes.extend([codes[label] for label, _ in labels])
                speakers.extend([speaker for _, speaker in labels])
            else:
                voice_codes.extend([-1] * count)
                speakers.extend([None] * count)
    return (
        np.asarray(documents, dtype=np.int64),
        np.asarray(fields, dtype=np.int64),
        np.asarray(starts, dtype=np.int64),
        np.asarray(ends, dtype=np.int64),
        np.asarray(terms, dtype=np.int64),
        np.asarray(voice_codes, dtype=np.int8),
        matched,
        speakers,
        np.asarray(rule_ids, dtype=np.int64),
    )


#: The rule id of a hit counted only because an exclusion removed a hit over its words.
ADDED = -2


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
) -> pd.DataFrame:
    texts = [corpus[field].tolist() for field in fields]  # str, or pd.NA when missing
    principals = _principals(corpus, principal) if voice else None
    count = len(corpus)
    if workers is None:
        size = sum(corpus[field].str.len().sum(skipna=True) for field in fields)
        workers = (os.cpu_count() or 1) if size > PARALLEL_THRESHOLD else 1
    workers = max(1, min(workers, count))
    if chunksize is None:
        chunksize = max(16, math.ceil(count / (workers * 8))) if workers > 1 else 500
    bounds = [(first, min(first + chunksize, count)) for first in range(0, count, chunksize)]
    tasks = (
        (
            terms.specs,
            [column[first:last] for column in texts],
            voice,
            terms.rules,
            audit,
            principals[first:last] if principals is not None else None,
        )
        for first, last in bounds
    )
    results: list[tuple[Any, ...]] = []
    with _progress_bar(count, progress) as bar:
        if workers == 1 or len(bounds) == 1:
            outputs: Iterable[tuple[Any, ...]] = (_match_chunk(*task) for task in tasks)
        else:
            with _main_module_hidden():
                outputs = _pool(workers).map(_match_chunk_task, tasks)
        try:
            for (first, last), output in zip(bounds, outputs, strict=True):
                output[0][:] += first
                results.append(output)
                bar.update(last - first)
        except BrokenProcessPool:
            # A worker died (killed, out of memory): this call fails, the next gets a
            # fresh pool instead of the broken one.
            _discard_pool()
            raise
    table = _assemble(corpus, terms, fields, columns, results, voice)
    if audit:
        table["rule"] = (
            np.concatenate([result[8] for result in results])
            if results
            else np.zeros(0, dtype=np.int64)
        )
    return table


def _match_chunk_task(task: tuple[Any, ...]) -> tuple[Any, ...]:
    return _match_chunk(*task)


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
        matched = [text for result in results for text in result[6]]
        speakers = [speaker for result in results for speaker in result[7]]
    else:
        documents = field_index = starts = ends = term_index = np.zeros(0, dtype=np.int64)
        voice_codes = np.zeros(0, dtype=np.int8)
        matched = []
        speakers = []

    def pick(values: list[str]) -> pd.api.extensions.ExtensionArray:
        # One string array per lexicon column, then a take: the strings are converted
        # once per term, not once per hit.
        return pd.array(values, dtype="string").take(term_index)

    table = pd.DataFrame(
        {
            "doc_id": pd.array(corpus["doc_id"].to_numpy(dtype=object)[documents], dtype="string"),
            "field": pd.array(np.asarray(fields, dtype=object)[field_index], dtype="string"),
            "start": starts.astype(np.int64),
            "end": ends.astype(np.int64),
            "matched": pd.array(matched, dtype="string"),
            "term": pick(terms.patterns),
            "concept": pick(terms.concepts),
            "variant": pick(terms.variants),
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
    faster than pandas' own conversion of a list of mostly None)."""
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


# -- checks ----------------------------------------------------------------------------


def _as_names(value: Sequence[str] | str, parameter: str) -> tuple[str, ...]:
    names = (value,) if isinstance(value, str) else tuple(value)
    if not all(isinstance(name, str) for name in names):
        raise ValueError(
            f"The '{parameter}' parameter of match must be column names. Got {value!r} instead."
        )
    return names


def _check_fields(corpus: Any, fields: tuple[str, ...], columns: tuple[str, ...]) -> None:
    if not fields:
        raise ValueError("The 'fields' parameter of match must name at least one text column.")
    repeated = sorted({field for field in fields if fields.count(field) > 1})
    if repeated:
        raise ValueError(
            f"The 'fields' parameter of match names {repeated} more than once; each text "
            "column is searched once (its hits would be counted twice)."
        )
    for field in fields:
        if field not in corpus.columns:
            raise ValueError(
                f"The 'fields' parameter of match names {field!r}, which is not a corpus "
                f"column. The corpus has {list(corpus.columns)}."
            )
        if not isinstance(corpus[field].dtype, pd.StringDtype):
            raise ValueError(
                f"The corpus column {field!r} has dtype {corpus[field].dtype}; match searches "
                "string columns (framing.corpus.schema.conform converts a table)."
            )
    for column in columns:
        if column not in corpus.columns:
            raise ValueError(
                f"The 'columns' parameter of match names {column!r}, which is not a corpus "
                f"column. The corpus has {list(corpus.columns)}."
            )
        if column in HITS_COLUMNS:
            raise ValueError(
                f"The 'columns' parameter of match names {column!r}, which the hits table "
                "already has."
            )


def _check_principal(principal: Any) -> None:
    if principal is None or isinstance(principal, str):
        return
    if isinstance(principal, Sequence) and all(isinstance(name, str) for name in principal):
        return
    raise ValueError(
        "The 'principal' parameter of match must be a corpus column's name, a name or a "
        f"list of names. Got {principal!r} instead."
    )


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


def _parameters(
    fields: Sequence[str],
    voice: bool,
    columns: Sequence[str],
    principal: Any,
    rules: bool = True,
    lexicon: Lexicon | None = None,
) -> dict[str, Any]:
    parameters: dict[str, Any] = {"fields": list(fields), "voice": voice, "columns": list(columns)}
    if principal is not None:
        parameters["principal"] = principal if isinstance(principal, str) else list(principal)
    if lexicon is not None and lexicon.has_rules:  # recorded when it makes a difference
        parameters["rules"] = rules
    return parameters


def _record_variants(hits: pd.DataFrame, lexicon: Lexicon) -> None:
    hits.attrs[ATTRS_KEY]["lexicon"]["variants"] = [
        [concept.name, variant.name] for concept in lexicon.concepts for variant in concept.variants
    ]


# -- processes, progress, dask ---------------------------------------------------------

_POOL: ProcessPoolExecutor | None = None
_POOL_SIZE = 0


def _pool(workers: int) -> ProcessPoolExecutor:
    """One pool per session, reused: starting worker processes costs about a second."""
    global _POOL, _POOL_SIZE
    if _POOL is not None and getattr(_POOL, "_broken", False):
        _discard_pool()
    if _POOL is None or _POOL_SIZE != workers:
        if _POOL is not None:
            _POOL.shutdown(cancel_futures=True)
        methods = multiprocessing.get_all_start_methods()
        # Not fork: the parent may hold threads (pyarrow, dask, Jupyter) and locks.
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        _POOL = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        _POOL_SIZE = workers
    return _POOL


def _discard_pool() -> None:
    """Forget the session's pool (after one of its processes died)."""
    global _POOL, _POOL_SIZE
    if _POOL is not None:
        _POOL.shutdown(wait=False, cancel_futures=True)
    _POOL, _POOL_SIZE = None, 0


@contextlib.contextmanager
def _main_module_hidden() -> Iterator[None]:
    """Start worker processes without re-running the user's script in them.

    With the forkserver and spawn start methods a new process first re-imports the
    parent's ``__main__`` module from its file. In a script without an
    ``if __name__ == "__main__":`` guard that re-runs the whole script, and its
    ``match(...)`` call then fails ("An attempt has been made to start a new process
    before the current process has finished its bootstrapping phase"). The workers need
    nothing from ``__main__`` (their tasks are framing functions and lists of strings),
    so while the pool starts its processes ``__main__`` is a module with no file to
    re-import. (Jupyter's ``__main__`` has no file anyway.)
    """
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


@atexit.register
def _close_pool() -> None:
    if _POOL is not None:
        _POOL.shutdown(cancel_futures=True)


class _NoBar:
    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, count: int) -> None:
        return None


def _progress_bar(total: int, progress: bool | None) -> Any:
    if progress is False:
        return _NoBar()
    from tqdm import tqdm

    # None: the bar appears only once the run has taken three seconds.
    return tqdm(total=total, unit="doc", desc="match", delay=0 if progress else 3.0)


def _is_dask(corpus: Any) -> bool:
    return type(corpus).__module__.split(".")[0] in {"dask", "dask_expr"} and hasattr(
        corpus, "map_partitions"
    )


def _match_dask(
    corpus: Any,
    lexicon: Lexicon,
    fields: tuple[str, ...],
    voice: bool,
    columns: tuple[str, ...],
    principal: str | Sequence[str] | None = None,
    rules: bool = True,
) -> Any:
    meta = corpus._meta
    # Not validate_corpus: dask turns object columns (tags) into strings. The columns
    # match reads are checked here, the ids in each partition.
    if "doc_id" not in meta.columns:
        raise ValueError("The dask corpus has no 'doc_id' column; a corpus needs one.")
    _check_fields(meta, fields, columns)
    terms = _compile(lexicon, rules)
    empty = _empty_hits(meta, columns)
    stamp(
        empty,
        function="match",
        lexicon=lexicon,
        parameters=_parameters(fields, voice, columns, principal, rules, lexicon),
    )
    _record_variants(empty, lexicon)
    record = empty.attrs[ATTRS_KEY]
    return corpus.map_partitions(
        _match_partition,
        terms.concepts,
        terms.variants,
        terms.patterns,
        terms.specs,
        fields,
        voice,
        columns,
        record,
        principal,
        terms.rules,
        meta=empty,
    )


def _match_partition(
    partition: pd.DataFrame,
    concepts: list[str],
    variants: list[str],
    patterns: list[str],
    specs: list[TermSpec],
    fields: tuple[str, ...],
    voice: bool,
    columns: tuple[str, ...],
    record: dict[str, Any],
    principal: str | Sequence[str] | None = None,
    rules: Rules = NO_RULES,
) -> pd.DataFrame:
    ids = partition["doc_id"]
    if ids.isna().any() or ids.duplicated().any():
        raise ValueError(
            "A partition of the dask corpus has a missing or repeated doc_id; every "
            "document needs a unique one."
        )
    terms = _Terms(
        (concept, variant, pattern, case_sensitive, form)
        for concept, variant, pattern, (form, case_sensitive) in zip(
            concepts, variants, patterns, specs, strict=True
        )
    )
    terms.rules = rules
    hits = _match_frame(partition, terms, fields, voice, columns, 1, False, None, principal)
    hits.attrs[ATTRS_KEY] = record
    return hits
