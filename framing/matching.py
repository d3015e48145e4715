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

import warnings
from collections.abc import Sequence
from typing import Any

import pandas as pd

from framing._checks import check_bool, check_whole, renamed
from framing._engines import dask_implementation
from framing._match_work import (
    COLD_PARALLEL_THRESHOLD,
    HITS_COLUMNS,
    PARALLEL_THRESHOLD,
    _compile,
    _match_frame,
    _names,
)
from framing.corpus.language import language_mismatch
from framing.corpus.schema import validate_corpus
from framing.errors import FramingWarning
from framing.lexicon.combined import combine
from framing.lexicon.model import Lexicon
from framing.provenance import ATTRS_KEY, corpus_fingerprint, stamp

__all__ = [
    "COLD_PARALLEL_THRESHOLD",
    "HITS_COLUMNS",
    "PARALLEL_THRESHOLD",
    "match",
    "match_text",
]


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
    lexicon : framing.Lexicon or list of framing.Lexicon
        The concepts, variants and terms to find. Several lexicons (no concept name in
        two of them) are matched one by one, each with its own rules, and their hits put
        together, the first lexicon's first; the provenance names every lexicon.
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
        Worker processes. Default: this process, unless the fields hold more than
        ``COLD_PARALLEL_THRESHOLD`` characters (30 million: below it, starting the
        workers costs more than they save, see docs/scale.md), or more than
        ``PARALLEL_THRESHOLD`` (4 million) once a parallel call of this session has
        started them; then one per CPU. A worker that dies fails its call; the next
        call starts fresh workers.
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
    >>> import framing
    >>> from framing import Lexicon
    >>> corpus = framing.as_corpus(pd.DataFrame({
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
    if isinstance(lexicon, (list, tuple)):
        return _match_lexicons(
            corpus, lexicon, fields=fields, classify_voice=classify_voice, principal=principal,
            rules=rules, columns=columns, workers=workers, progress=progress,
            chunksize=chunksize,
        )  # fmt: skip
    if not isinstance(lexicon, Lexicon):
        raise TypeError(
            "The 'lexicon' parameter of match must be a framing.Lexicon "
            f"(framing.load_lexicon(...)). Got {type(lexicon).__name__} instead."
        )
    workers = check_whole(
        workers, parameter="workers", function="match", minimum=1, allow_none=True
    )
    chunksize = check_whole(
        chunksize, parameter="chunksize", function="match", minimum=1, allow_none=True
    )
    _check_principal(principal)
    rules = check_bool(rules, parameter="rules", function="match")
    distributed = dask_implementation("match", corpus)
    if distributed is not None:
        return distributed(corpus, lexicon, fields, classify_voice, columns, principal, rules)
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
    # The corpus fingerprint for the provenance is computed while the workers match (0.1-
    # 0.2 s on 43 MB that the call would otherwise spend after them).
    fingerprint: dict[str, str] = {}

    def meanwhile() -> None:
        fingerprint["corpus"] = corpus_fingerprint(corpus)

    hits = _match_frame(
        corpus,
        terms,
        fields,
        classify_voice,
        columns,
        workers,
        progress,
        chunksize,
        principal,
        meanwhile=meanwhile,
    )
    stamp(
        hits,
        function="match",
        corpus=corpus,
        lexicon=lexicon,
        parameters=_parameters(fields, classify_voice, columns, principal, rules, lexicon),
        fingerprint=fingerprint["corpus"],
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
                "string columns (framing.as_corpus(frame) converts a table)."
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


def _match_lexicons(corpus: Any, lexicons: Sequence[Lexicon], **options: Any) -> pd.DataFrame:
    """The hits of several lexicons, each matched on its own; one provenance naming all."""
    combined = combine(lexicons)
    if dask_implementation("match", corpus) is not None:
        raise TypeError(
            "match takes one lexicon at a time for a dask corpus: match each and "
            "concatenate the hits (dask.dataframe.concat)."
        )
    parts = [match(corpus, part, **options) for part in combined.parts]
    hits = pd.concat(parts, ignore_index=True)
    parameters = dict(parts[0].attrs.get(ATTRS_KEY, {}).get("parameters", {}))
    parameters["lexicons"] = combined.record()
    stamp(hits, function="match", corpus=corpus, lexicon=combined, parameters=parameters)
    _record_variants(hits, combined)
    hits.attrs[ATTRS_KEY]["lexicon"]["parts"] = combined.record()
    return hits


def _record_variants(hits: pd.DataFrame, lexicon: Any) -> None:
    hits.attrs[ATTRS_KEY]["lexicon"]["variants"] = [
        [concept.name, variant.name] for concept in lexicon.concepts for variant in concept.variants
    ]
