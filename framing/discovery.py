"""Growing a lexicon: the words around a term, and the n-grams a lexicon is missing.

- :func:`collocations`: the words that keep company with a term within a window, scored
  by NLTK's association measures (log-likelihood ratio or PMI).
- :func:`suggest_terms`: for each outlet, the n-grams most distinctive of it
  (:func:`framing.compare_groups`) that the lexicon does not cover yet.

Both read the corpus through the shared tokenizer (``framing._tokens``). The module is
private so that ``framing.collocations`` is the function, not a module of the same name.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from framing._checks import check_choice, check_whole
from framing._engines import dask_implementation
from framing._tokens import tokenize
from framing.comparison import _validate_inputs, compare_groups
from framing.provenance import stamp

_MEASURES = ("likelihood_ratio", "pmi")


def collocations(
    corpus: pd.DataFrame,
    term: str,
    *,
    window: int = 5,
    measure: str = "likelihood_ratio",
    min_count: int = 3,
    fields: tuple[str, ...] | list[str] = ("title", "text"),
    lowercase: bool = True,
    stop_words: str | list[str] | None = None,
) -> pd.DataFrame:
    """The words found near ``term``, scored by an association measure.

    Parameters
    ----------
    corpus : pandas.DataFrame or dask.dataframe.DataFrame
        The corpus (see :mod:`framing.corpus.schema`). A dask corpus has its counts
        summed over its partitions; the table is the same
        (``framing.distributed.comparison``).
    term : str
        A word or a phrase ("special military operation"); a phrase is treated as one
        token wherever its words stand in a row.
    window : int, default 5
        How many tokens on each side of the term count as "near". Windows never cross
        from one document, or one field, into the next.
    measure : {"likelihood_ratio", "pmi"}, default "likelihood_ratio"
        NLTK's ``BigramAssocMeasures.likelihood_ratio`` (Dunning's G², unsigned) or
        ``BigramAssocMeasures.pmi`` (pointwise mutual information, log base 2).
    min_count : int, default 3
        Report only collocates seen near the term at least this often (on that side).
    fields : list of str, default ("title", "text")
        The corpus text columns to read.
    lowercase : bool, default True
        Lowercase text and term before counting.
    stop_words : "english", "russian", "ukrainian", list of str or None, default None
        Collocates to leave out of the result ("english": scikit-learn's English list;
        "russian", "ukrainian": :func:`framing.stop_words`).
        They still count as tokens, so windows and totals do not change.

    Returns
    -------
    pandas.DataFrame
        One row per collocate and side: ``term, collocate, position`` ("before" or
        "after" the term), ``count`` (times seen within the window on that side),
        ``collocate_count`` and ``term_count`` (frequencies in the corpus), ``measure``
        and ``statistic``. Sorted by statistic (high to low), then collocate.

    Notes
    -----
    Counting is NLTK's ``BigramCollocationFinder.from_words(tokens, window_size=window +
    1)``: ordered pairs (w1, w2) with w2 at most ``window`` tokens after w1; ``(term, w)``
    rows are "after", ``(w, term)`` rows are "before". As in NLTK, and following Church &
    Hanks (1990), the pair count is divided by ``window`` before scoring.

    References
    ----------
    Church, K. W., & Hanks, P. (1990). Word association norms, mutual information, and
    lexicography. *Computational Linguistics*, 16(1), 22-29.

    Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
    *Computational Linguistics*, 19(1), 61-74.

    Examples
    --------
    >>> import pandas as pd
    >>> import framing
    >>> corpus = framing.as_corpus(pd.DataFrame({
    ...     "doc_id": ["a", "b", "c"], "outlet": "RT", "published": "2022-03-01",
    ...     "title": ["Kiev regime shells city", "the Kiev regime again", "city news"],
    ...     "text": ""}))
    >>> collocations(corpus, "Kiev", window=1, min_count=2)[["collocate", "position", "count"]]
      collocate position  count
    0    regime    after      2
    """
    distributed = dask_implementation("collocations", corpus)
    if distributed is not None:
        return distributed(
            corpus, term, window=window, measure=measure, min_count=min_count, fields=fields,
            lowercase=lowercase, stop_words=stop_words,
        )  # fmt: skip
    from nltk.collocations import BigramCollocationFinder

    function = "collocations"
    _validate_inputs(corpus, "doc_id", fields, function=function)
    check_choice(measure, _MEASURES, parameter="measure", function=function)
    window = check_whole(window, parameter="window", function=function, minimum=1)
    min_count = check_whole(min_count, parameter="min_count", function=function, minimum=1)
    words = [w.lower() if lowercase else w for w in tokenize(term)] if isinstance(term, str) else []
    if not words:
        raise ValueError(
            f"The 'term' parameter of {function} must be a word or phrase with at least one "
            f"token. Got {term!r} instead."
        )
    joined = " ".join(words)
    excluded = _stop_words(stop_words, function=function)

    stream: list[str | None] = []
    fields = [fields] if isinstance(fields, str) else list(fields)
    for field in fields:
        stream.extend(_token_stream(corpus[field].tolist(), words, lowercase, window))
    finder = BigramCollocationFinder.from_words(stream, window_size=window + 1)
    table = _collocation_table(finder, joined, measure, min_count, excluded)

    parameters = {
        "term": term,
        "window": int(window),
        "measure": measure,
        "min_count": int(min_count),
        "fields": fields,
        "lowercase": lowercase,
        "stop_words": stop_words
        if stop_words is None or isinstance(stop_words, str)
        else sorted(excluded),
    }
    return stamp(table, function=function, corpus=corpus, parameters=parameters)


def _token_stream(
    texts: list[Any], words: list[str], lowercase: bool, window: int
) -> list[str | None]:
    """The tokens of ``texts`` for the collocation finder, the phrase ``words`` joined
    into one token, each text followed by ``window`` gaps no window can cross."""
    stream: list[str | None] = []
    for text in texts:
        tokens = [t.lower() if lowercase else t for t in tokenize(text)]
        stream.extend(_join_phrase(tokens, words))
        stream.extend([None] * window)  # a gap no window can cross
    return stream


def _collocation_table(
    finder: Any, joined: str, measure: str, min_count: int, excluded: frozenset[str]
) -> pd.DataFrame:
    """The rows of :func:`collocations` from NLTK's finder (word and pair counts).

    Only the pairs that hold ``joined`` are read, and the counts add up over documents
    (windows never cross a document), so a finder built from counts merged across the
    partitions of a dask corpus gives the same table.
    """
    from nltk.collocations import BigramAssocMeasures

    score_function = getattr(BigramAssocMeasures, measure)
    rows = []
    for (first, second), count in finder.ngram_fd.items():
        if count < min_count or joined not in (first, second):
            continue
        sides = []
        if first == joined:
            sides.append((second, "after"))
        if second == joined:
            sides.append((first, "before"))
        for collocate, position in sides:
            if collocate in excluded:
                continue
            rows.append(
                {
                    "term": joined,
                    "collocate": collocate,
                    "position": position,
                    "count": int(count),
                    "collocate_count": int(finder.word_fd[collocate]),
                    "term_count": int(finder.word_fd[joined]),
                    "measure": measure,
                    "statistic": float(finder.score_ngram(score_function, first, second)),
                }
            )
    columns = [
        "term",
        "collocate",
        "position",
        "count",
        "collocate_count",
        "term_count",
        "measure",
        "statistic",
    ]
    table = pd.DataFrame(rows, columns=columns)
    for column in ("term", "collocate", "position", "measure"):
        table[column] = table[column].astype("string")
    for column in ("count", "collocate_count", "term_count"):
        table[column] = table[column].astype(np.int64)
    table["statistic"] = table["statistic"].astype(np.float64)
    table = table.sort_values(
        ["statistic", "collocate", "position"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)
    return table


def _join_phrase(tokens: list[str], words: list[str]) -> list[str]:
    """Replace each run of ``words`` in ``tokens`` by one token (the words joined by spaces)."""
    if len(words) == 1:
        return tokens
    joined, size, out, index = " ".join(words), len(words), [], 0
    while index < len(tokens):
        if tokens[index : index + size] == words:
            out.append(joined)
            index += size
        else:
            out.append(tokens[index])
            index += 1
    return out


def _stop_words(stop_words: Any, *, function: str) -> frozenset[str]:
    if stop_words is None:
        return frozenset()
    if stop_words == "english":
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        return frozenset(ENGLISH_STOP_WORDS)
    if stop_words in ("russian", "ukrainian"):
        from framing._tokens import stop_words as listed

        return frozenset(listed(stop_words))
    if isinstance(stop_words, str) or not all(isinstance(word, str) for word in stop_words):
        raise ValueError(
            f"The 'stop_words' parameter of {function} must be None, 'english', 'russian', "
            f"'ukrainian' or a list of words. Got {stop_words!r} instead."
        )
    return frozenset(stop_words)


def _stop_words_parameter(stop_words: Any) -> Any:
    """The stop words as recorded in provenance: None, "english" or the sorted list."""
    return stop_words if stop_words is None or isinstance(stop_words, str) else sorted(stop_words)


# -- suggestions -------------------------------------------------------------------------
def suggest_terms(
    corpus: pd.DataFrame,
    lexicon: Any,
    *,
    by: str = "outlet",
    n: int = 20,
    ngram_range: tuple[int, int] = (1, 3),
    min_count: int = 5,
    fields: tuple[str, ...] | list[str] = ("title", "text"),
    stop_words: str | list[str] | None = "english",
) -> pd.DataFrame:
    """For each group, the n-grams most distinctive of it that the lexicon does not cover.

    A lead for growing a lexicon: every suggestion still needs a human reading of its
    contexts (:func:`framing.kwic`) before it becomes a term.

    Parameters
    ----------
    corpus : pandas.DataFrame or dask.dataframe.DataFrame
        The corpus (see :mod:`framing.corpus.schema`); a dask corpus is compared on the
        cluster (``framing.distributed.comparison``), with the same suggestions.
    lexicon : framing.Lexicon
        The lexicon to grow.
    by : str, default "outlet"
        The corpus column whose values are the groups.
    n : int, default 20
        Suggestions per group.
    ngram_range, min_count, fields
        As in :func:`framing.compare_groups` (lowercased n-grams).
    stop_words : "english", "russian", "ukrainian", list of str or None, default "english"
        N-grams made only of these words are not suggested ("of the"; "и в").

    Returns
    -------
    pandas.DataFrame
        ``group, rank, term, count, other_count, log_odds, z, g2, p_adjusted``: for each
        group, the ``n`` n-grams with the highest z above zero that no lexicon term
        covers, ranked from 1. An n-gram that the group uses only inside one longer
        n-gram (the same count) is left to the longer one.

    Notes
    -----
    An n-gram is covered when one lexicon term, matched on the n-gram alone, spans all of
    it, by the matcher's own rules (:func:`framing.match_text`): "kiev" is covered by the
    term "Kiev", "kiev regime" is not (a new phrase around a known term), "liberation" is
    covered by the glob "liberat*". Candidates are checked in order of z until ``n`` are
    found, so the cost does not grow with the vocabulary.

    Examples
    --------
    >>> import pandas as pd
    >>> import framing
    >>> from framing.lexicon.model import Lexicon
    >>> lexicon = Lexicon.from_dataframe(pd.DataFrame({
    ...     "concept": ["capital"] * 2, "variant": ["kiev", "kyiv"], "term": ["Kiev", "Kyiv"]}))
    >>> corpus = framing.as_corpus(pd.DataFrame({
    ...     "doc_id": list("abcd"), "outlet": ["RT", "RT", "Reuters", "Reuters"],
    ...     "published": "2022-03-01", "title": ["Kiev regime", "Kiev regime shells",
    ...     "Kyiv says", "Kyiv says Russia"], "text": ""}))
    >>> suggest_terms(corpus, lexicon, n=2, ngram_range=(1, 2), min_count=2)[["group", "term"]]
         group         term
    0       RT  kiev regime
    1  Reuters    kyiv says

    "regime" and "says" are left out: each group uses them only inside the longer phrase.
    """
    distributed = dask_implementation("suggest_terms", corpus)
    if distributed is not None:
        return distributed(
            corpus, lexicon, by=by, n=n, ngram_range=ngram_range, min_count=min_count,
            fields=fields, stop_words=stop_words,
        )  # fmt: skip
    function = "suggest_terms"
    n = check_whole(n, parameter="n", function=function, minimum=1)
    if not (hasattr(lexicon, "concepts") and hasattr(lexicon, "entries")):
        raise ValueError(
            f"The 'lexicon' parameter of {function} must be a framing.Lexicon. "
            f"Got {type(lexicon).__name__} instead."
        )
    excluded = _stop_words(stop_words, function=function)
    comparison = compare_groups(
        corpus, by=by, ngram_range=ngram_range, min_count=min_count, fields=fields
    )
    table = _suggestions(comparison, lexicon, n, excluded)
    parameters = {
        "by": by,
        "n": int(n),
        "ngram_range": list(ngram_range),
        "min_count": int(min_count),
        "fields": list(fields),
        "stop_words": stop_words
        if stop_words is None or isinstance(stop_words, str)
        else sorted(excluded),
    }
    return stamp(table, function=function, corpus=corpus, lexicon=lexicon, parameters=parameters)


def _suggestions(
    comparison: pd.DataFrame, lexicon: Any, n: int, excluded: frozenset[str]
) -> pd.DataFrame:
    """The rows of :func:`suggest_terms` from a :func:`compare_groups` table."""
    candidates = comparison[comparison["z"] > 0]
    covered: dict[str, bool] = {}
    chosen = []
    for group, rows in candidates.groupby("group", sort=False, observed=True):
        inside = _inside_longer(comparison[comparison["group"] == group])
        picked = 0
        for position, term in zip(rows.index, rows["term"].tolist(), strict=True):
            if all(word in excluded for word in term.split(" ")) or term in inside:
                continue
            if term not in covered:
                covered[term] = _is_covered(term, lexicon)
            if covered[term]:
                continue
            chosen.append(position)
            picked += 1
            if picked == n:
                break
    table = candidates.loc[chosen].copy()
    table["rank"] = table.groupby("group", sort=False, observed=True).cumcount() + 1
    columns = ["group", "rank", "term", "count", "other_count", "log_odds", "z", "g2", "p_adjusted"]
    table = table[columns].reset_index(drop=True)
    table["rank"] = table["rank"].astype(np.int64)
    return table


def _inside_longer(rows: pd.DataFrame) -> set[str]:
    """The n-grams that occur in this group only inside one longer n-gram of it.

    "be reached" counted as often as "be reached for" adds nothing a reader of the
    suggestions needs: the longer phrase stands for both.
    """
    counts = dict(zip(rows["term"].tolist(), rows["count"].tolist(), strict=True))
    inside = set()
    for term, count in counts.items():
        words = term.split(" ")
        for length in range(1, len(words)):
            for start in range(len(words) - length + 1):
                part = " ".join(words[start : start + length])
                if counts.get(part) == count:
                    inside.add(part)
    return inside


def _is_covered(ngram: str, lexicon: Any) -> bool:
    """True when one lexicon term, matched on the n-gram alone, spans all of it."""
    from framing.matching import match_text  # lazily: the matcher is a later stage

    hits = match_text(ngram, lexicon, classify_voice=False)
    return bool(((hits["start"] == 0) & (hits["end"] == len(ngram))).any())
