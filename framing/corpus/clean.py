"""Text repair, boilerplate removal and deduplication for corpus tables.

Scraped article text arrives with the marks of its journey: paragraphs glued together
when the page's ``<p>`` tags were dropped ("line of duty.A further"), mojibake from a
wrong encoding guess ("donâ€™t"), HTML entities (``&amp;``, ``&#8217;``), odd spaces and
line endings. :func:`repair_text` undoes these without touching what the matcher relies
on: curly quotes and dashes are kept as written (the matcher treats them alike).
"""

from __future__ import annotations

import copy
import html
import re
import unicodedata
import zlib
from collections import Counter
from typing import Any

import ftfy
import numpy as np
import pandas as pd

from framing.corpus.schema import STRING_DTYPE, CorpusError, validate_corpus

__all__ = ["deduplicate", "remove_boilerplate", "repair_text"]

#: Where deduplicate and remove_boilerplate write what they did, beside the readers' report.
LOAD_REPORT_KEY = "load_report"

# ftfy's mojibake repair, with every step that would rewrite correct text switched off:
# quotes stay curly, full-width characters stay full-width, HTML is unescaped by us
# (only well-formed entities with a semicolon, see _ENTITY).
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=True,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=True,
    fix_surrogates=True,
    remove_control_chars=True,
    normalization="NFC",
    explain=False,
)

# Only entities closed by ";": "&amp;" and "&#8217;" are markup, "?a=1&not=2" is a URL.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

# Horizontal white space: tabs, no-break spaces, thin spaces and the other Unicode
# space separators all become one ordinary space.
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n)+")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Characters left invisible but harmful: NUL, the byte-order mark, zero-width no-break.
_INVISIBLE = re.compile(r"[\x00\ufeff]")
# ASCII control characters other than tab, line feed and carriage return.
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# A URL, a bare www. domain or an e-mail address: never split inside one.
_PROTECTED = re.compile(
    r"(?:\b[A-Za-z][A-Za-z0-9+.-]*://|\bwww\.)\S+|[^\s@]+@[^\s@]+\.[^\s@]+",
)

# A sentence end glued to the next sentence: a word of two or more letters or digits, an
# optional closing bracket or quote, then ., ! or ?, then closing quotes or brackets, then
# an optional opening quote and the next sentence's first letter (checked to be a capital
# in _unglue_sentences). "U.S.", "e.g.", "J.R.R." have one-letter words before their
# dots; "1.5" has no letter after the dot; "sputniknews.com" has no capital.
_GLUED = re.compile(
    r"""
    [^\W_]{2,}                 # the last word of the sentence
    [)\]”’"']?                 # "(DPR).The", "fake”.The"
    (?P<end>[.!?]+)            # the sentence end
    (?P<close>[”’»)\]']*)      # closing quotes and brackets
    (?P<straight>"?)           # a straight double quote: closing or opening, see below
    (?P<open>[“‘«]?)           # an opening quote
    (?=[^\W\d_])               # the next sentence's first letter
    """,
    re.VERBOSE,
)


def repair_text(text: str) -> str:
    """Repair the text of one scraped article.

    The steps, in order:

    1. HTML entities closed by a semicolon are decoded (``&amp;`` → ``&``,
       ``&nbsp;`` → a space, ``&#8217;`` → ``’``), repeatedly, so that doubly escaped
       text (``&amp;amp;``) is decoded too.
    2. Mojibake and broken Unicode are repaired with ftfy (``donâ€™t`` → ``don’t``),
       control characters are removed and the text is put in Unicode NFC form. Curly
       quotes, dashes and full-width characters are left as written.
    3. White space: line endings become ``\\n``; runs of spaces, tabs, no-break and other
       Unicode spaces become one space; lines are stripped; two or more line breaks
       become one paragraph break ``\\n\\n``; the text is stripped.
    4. Paragraphs glued without a space are separated: ``line of duty.A further`` →
       ``line of duty. A further``, also after ``?``, ``!`` and closing quotes or
       brackets (``fake.”The`` → ``fake.” The``). Abbreviations with one-letter parts
       (``U.S.``, ``e.g.``, ``J.R.R.``), decimals (``1.5``), ellipses (``...Then``),
       URLs, domains (``sputniknews.com``) and e-mail addresses are left alone.

    The function is idempotent: repairing repaired text changes nothing.

    Parameters
    ----------
    text : str
        The text to repair.

    Returns
    -------
    str
        The repaired text.

    Raises
    ------
    TypeError
        If ``text`` is not a string.

    Notes
    -----
    A heading glued to the following sentence without punctuation
    ("Progress of Special OperationThe spokesman") is not separated: telling it apart
    from names such as "YouTube" or "McDonald" needs more than the characters.

    Examples
    --------
    >>> from framing.corpus.clean import repair_text
    >>> repair_text("in the line of duty.A further 1,597 were hurt, the U.S. said.")
    'in the line of duty. A further 1,597 were hurt, the U.S. said.'
    >>> repair_text("Tom &amp; Jerry\\r\\n\\r\\n\\r\\ndonâ€™t   stop")
    'Tom & Jerry\\n\\ndon’t stop'
    """
    if not isinstance(text, str):
        raise TypeError(
            f"The 'text' parameter of repair_text must be a str. Got {type(text).__name__} instead."
        )
    # Each step can, rarely, expose work for an earlier one (an entity decoded into
    # mojibake, mojibake decoded into an entity); repeat until nothing changes. Every
    # pass that changes the text shortens it or adds a space at a glued sentence end,
    # of which there are finitely many, so the loop ends.
    for _ in range(10):
        repaired = _repair_once(text)
        if repaired == text:
            break
        text = repaired
    return text


def _repair_once(text: str) -> str:
    text = _decode_entities(text)
    if not _is_plain_ascii(text):
        text = ftfy.fix_text(text, _FTFY_CONFIG)
        text = _LONE_SURROGATE.sub("\ufffd", text)
        text = _INVISIBLE.sub("", text)
        text = unicodedata.normalize("NFC", text)
    text = _normalise_whitespace(text)
    return _unglue_sentences(text)


def _is_plain_ascii(text: str) -> bool:
    """Printable ASCII, tabs and line breaks: text that ftfy and NFC leave as it is.

    Mojibake, C1 controls, ligatures, surrogates and non-NFC forms all need characters
    beyond ASCII; ASCII controls (and terminal escapes, which start with one) are what
    ftfy would still remove. Skipping ftfy for such text (most titles) makes repair
    several times faster with the same result (a property test checks both paths).
    """
    return text.isascii() and _ASCII_CONTROL.search(text) is None


def _decode_entities(text: str) -> str:
    if "&" not in text:
        return text
    while True:
        decoded = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
        if decoded == text:
            return text
        text = decoded


def _normalise_whitespace(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _HORIZONTAL_SPACE.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def _unglue_sentences(text: str) -> str:
    if not any(mark in text for mark in ".!?"):
        return text
    protected: list[tuple[int, int]] | None = None
    pieces: list[str] = []
    last = 0
    for match in _GLUED.finditer(text):
        end = match.end()
        first = text[end]
        if not first.isupper() or match.group("end").startswith(".."):
            continue  # "sputniknews.com", "wait...Then"
        if text[end + 1 : end + 2] == ".":
            continue  # "Ph.D.", "Washington.D.C.": the capital is an initial
        if protected is None:
            protected = [(m.start(), m.end()) for m in _PROTECTED.finditer(text)]
        if any(start <= match.start("end") < stop for start, stop in protected):
            continue
        # Insert the space after the closing marks and before the opening ones. A
        # straight double quote closes if an odd number of them came before it.
        split = match.start("straight")
        if match.group("straight") and text.count('"', 0, split) % 2 == 1:
            split = match.end("straight")
        pieces.append(text[last:split])
        pieces.append(" ")
        last = split
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


# --- boilerplate -----------------------------------------------------------------------


def remove_boilerplate(
    corpus: pd.DataFrame, *, min_share: float = 0.5, min_documents: int = 5
) -> pd.DataFrame:
    """Remove lines that an outlet repeats across many of its documents.

    Scraped pages carry the site's furniture into the body: "Subscribe to our Telegram
    channel", "All rights reserved", a standing disclaimer. A line (a stretch of text
    between line breaks, compared after stripping white space) counts as boilerplate
    for an outlet when it appears in at least ``min_share`` of that outlet's documents
    and in at least ``min_documents`` of them. Those lines are removed from the texts of
    that outlet only, and nothing else is changed.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (see :mod:`framing.corpus.schema`).
    min_share : float, default 0.5
        The share of an outlet's documents (0 < share <= 1) a line must appear in.
    min_documents : int, default 5
        The fewest documents a line must appear in; outlets with fewer documents keep
        their texts as they are.

    Returns
    -------
    pandas.DataFrame
        A copy of ``corpus`` with boilerplate lines removed from ``text``. What was
        removed is in ``attrs["load_report"]["remove_boilerplate"]``: the number of
        lines removed, the number of documents changed, and each outlet's boilerplate
        lines with the number of documents they were removed from.

    See Also
    --------
    deduplicate : mark documents that repeat others.

    Notes
    -----
    Paragraphs glued together in the source stay one line, so a sign-off glued to the
    last paragraph is not found; read with ``repair=True`` first, which puts the usual
    paragraph breaks back only where sentences were glued.

    Examples
    --------
    >>> import pandas as pd
    >>> import framing
    >>> from framing.corpus.clean import remove_boilerplate
    >>> texts = [f"Story {i}.\\nFollow us on Telegram." for i in range(6)]
    >>> corpus = framing.as_corpus(pd.DataFrame({"doc_id": [str(i) for i in range(6)],
    ...     "outlet": "Daily Example", "published": "2022-03-01", "title": "t",
    ...     "text": texts}))
    >>> cleaned = remove_boilerplate(corpus)
    >>> cleaned.loc[0, "text"]
    'Story 0.'
    >>> cleaned.attrs["load_report"]["remove_boilerplate"]["lines_removed"]
    6
    """
    validate_corpus(corpus)
    if (
        isinstance(min_share, bool)
        or not isinstance(min_share, (int, float))
        or not (0 < min_share <= 1)
    ):
        raise ValueError(
            "The 'min_share' parameter of remove_boilerplate must be a number in (0, 1]. "
            f"Got {min_share!r} instead."
        )
    if isinstance(min_documents, bool) or not isinstance(min_documents, int) or min_documents < 1:
        raise ValueError(
            "The 'min_documents' parameter of remove_boilerplate must be a positive integer. "
            f"Got {min_documents!r} instead."
        )
    result = corpus.copy()
    result.attrs = copy.deepcopy(corpus.attrs)
    texts = result["text"].fillna("")
    outlets = result["outlet"].fillna("")
    new_texts = texts.tolist()
    by_outlet: dict[str, list[dict[str, Any]]] = {}
    lines_removed = 0
    documents_changed = 0
    for outlet, positions in _groups(outlets):
        if len(positions) < min_documents:
            continue
        line_sets = [_line_set(new_texts[i]) for i in positions]
        counts = Counter(line for lines in line_sets for line in lines)
        needed = max(min_documents, min_share * len(positions))
        boilerplate = {line for line, count in counts.items() if count >= needed}
        if not boilerplate:
            continue
        removed_here: Counter[str] = Counter()
        for i, lines in zip(positions, line_sets, strict=True):
            if lines.isdisjoint(boilerplate):
                continue
            kept = []
            for line in new_texts[i].split("\n"):
                if line.strip() in boilerplate:
                    removed_here[line.strip()] += 1
                    lines_removed += 1
                else:
                    kept.append(line)
            new_texts[i] = _BLANK_LINES.sub("\n\n", "\n".join(kept)).strip()
            documents_changed += 1
        by_outlet[outlet] = [
            {"line": line, "documents": removed_here[line]} for line in sorted(removed_here)
        ]
    changed = pd.Series(new_texts, index=result.index, dtype=STRING_DTYPE)
    result["text"] = changed.where(result["text"].notna(), pd.NA).astype(STRING_DTYPE)
    _report(result)["remove_boilerplate"] = {
        "lines_removed": lines_removed,
        "documents_changed": documents_changed,
        "min_share": float(min_share),
        "min_documents": min_documents,
        "by_outlet": by_outlet,
    }
    return result


def _line_set(text: str) -> set[str]:
    return {line.strip() for line in text.split("\n") if line.strip()}


def _groups(values: pd.Series) -> list[tuple[str, list[int]]]:
    positions: dict[str, list[int]] = {}
    for position, value in enumerate(values.tolist()):
        positions.setdefault(value, []).append(position)
    return sorted(positions.items())


def _report(frame: pd.DataFrame) -> dict[str, Any]:
    report = frame.attrs.get(LOAD_REPORT_KEY)
    if not isinstance(report, dict):
        report = {}
        frame.attrs[LOAD_REPORT_KEY] = report
    return report


# --- duplicates ------------------------------------------------------------------------

_NOT_WORD = re.compile(r"[\W_]+")
_UINT64 = np.uint64
# Odd 64-bit multipliers, one per position in a shingle (up to 16 words), from which a
# shingle's hash is mixed. Fixed constants: the same words give the same hash anywhere.
_POSITION_MULTIPLIERS = np.array(
    [(0x9E3779B97F4A7C15 * (2 * k + 1)) % 2**64 | 1 for k in range(16)], dtype=_UINT64
)


def deduplicate(
    corpus: pd.DataFrame,
    *,
    near: bool = True,
    threshold: float = 0.9,
    drop: bool = False,
    seed: int = 1,
    on: str = "text",
    key: str | None = None,
    shingle_size: int = 3,
    num_perm: int = 128,
) -> pd.DataFrame:
    """Mark documents that repeat an earlier document, exactly or nearly.

    Wire copy reprinted by several outlets, the same page scraped twice, a story
    republished with a new headline: each later copy is marked with the ``doc_id`` of
    the earliest one, and dropped only when asked.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (see :mod:`framing.corpus.schema`).
    near : bool, default True
        Also look for near duplicates, not only exact ones.
    threshold : float, default 0.9
        The Jaccard similarity of word shingles (0 < threshold <= 1) from which two
        documents count as near duplicates.
    drop : bool, default False
        Remove the marked copies, keeping the earliest document of each group.
    seed : int, default 1
        Seed of the MinHash permutations. Results do not depend on it except in rare
        pairs near the threshold that the locality-sensitive hashing misses.
    on : str, default "text"
        The column compared ("title" for a corpus of headlines). Documents whose value
        is missing or has no words are never marked.
    key : str, optional
        A column whose equal values also mark copies, whatever their text (a source's
        own record id or the URL, for records scraped twice).
    shingle_size : int, default 3
        Words per shingle for near duplicates.
    num_perm : int, default 128
        MinHash permutations; more finds pairs near the threshold more reliably.

    Returns
    -------
    pandas.DataFrame
        A copy of ``corpus`` with two more columns (string dtype):

        ``duplicate_of``
            the ``doc_id`` of the earliest document of the group of copies, ``<NA>``
            for originals;
        ``duplicate_kind``
            ``"exact"`` (same words as that document, ignoring case, punctuation and
            white space), ``"near"`` (shingle Jaccard similarity at least ``threshold``
            with an earlier copy), ``"key"`` (same ``key`` value), ``<NA>`` for
            originals.

        The counts are in ``attrs["load_report"]["deduplicate"]``, with how many rows
        were dropped; where the corpus came from ``read_corpus``, each source's entry
        in ``attrs["load_report"]["sources"]`` gets its number of ``duplicates``.

    See Also
    --------
    remove_boilerplate : remove lines an outlet repeats in every document.

    Notes
    -----
    The earliest document is the one published first; documents without a date come
    after dated ones, and ties go to the first in corpus order. Copies form groups:
    a document that nearly repeats a copy is marked as a copy of that copy's original,
    even if its own similarity with the original is below the threshold.

    Near duplicates are found with MinHash locality-sensitive hashing (datasketch) on
    word ``shingle_size``-grams of the case-folded words, and each candidate pair is
    then checked by computing the exact Jaccard similarity of the two shingle sets, so
    no pair below the threshold is ever marked (Broder 1997). The bands are chosen so
    that a pair exactly at the threshold is proposed with probability at least 0.999
    (more similar pairs more surely still).

    References
    ----------
    A. Z. Broder, "On the resemblance and containment of documents", Compression and
    Complexity of Sequences, 1997.

    Examples
    --------
    >>> import pandas as pd
    >>> import framing
    >>> from framing.corpus.schema import conform
    >>> corpus = conform(pd.DataFrame({
    ...     "doc_id": ["wire", "reprint", "other"],
    ...     "outlet": ["Wire", "Daily", "Daily"],
    ...     "published": ["2022-03-01T08:00Z", "2022-03-01T10:00Z", "2022-03-02T09:00Z"],
    ...     "title": ["Talks", "Talks resume", "Weather"],
    ...     "text": ["Talks resumed in Istanbul.", "Talks resumed in  Istanbul!",
    ...              "Snow fell."]}))
    >>> marked = framing.deduplicate(corpus)
    >>> marked[["doc_id", "duplicate_of", "duplicate_kind"]]
        doc_id duplicate_of duplicate_kind
    0     wire         <NA>           <NA>
    1  reprint         wire          exact
    2    other         <NA>           <NA>
    >>> len(framing.deduplicate(corpus, drop=True))
    2
    """
    validate_corpus(corpus)
    _check_deduplicate_parameters(corpus, threshold, on, key, shingle_size, num_perm, seed)
    n = len(corpus)
    # Chronological order: published first, missing dates last, ties in corpus order.
    published = corpus["published"]
    undated = published.isna().to_numpy()
    order = np.lexsort((np.arange(n), _as_int64(published), undated))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)

    words = _normalised_words(corpus[on])
    has_words = (words != "").to_numpy()

    # Union-find over positions, each group rooted at its earliest member.
    parent = np.arange(n)
    kind: list[str | None] = [None] * n

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(later: int, earlier: int, how: str) -> None:
        a, b = root(later), root(earlier)
        if a == b:
            return
        if rank[a] < rank[b]:
            a, b = b, a
        parent[a] = b
        if kind[later] is None:
            kind[later] = how

    # Exact: the same case-folded words. Everything after the group's first is a copy.
    exact_first = _first_of_groups(words, order, has_words)
    for later, earlier in exact_first:
        join(later, earlier, "exact")

    if key is not None:
        key_values = corpus[key].astype(STRING_DTYPE)
        for later, earlier in _first_of_groups(key_values, order, key_values.notna().to_numpy()):
            join(later, earlier, "key")

    if near:
        # Only one representative per exact group needs shingling.
        representatives = [i for i in order.tolist() if has_words[i] and kind[i] != "exact"]
        shingles = _shingle_sets(words.to_numpy(dtype=object), representatives, shingle_size)
        for later, earlier in _near_pairs(representatives, shingles, threshold, seed, num_perm):
            join(later, earlier, "near")

    roots = np.array([root(i) for i in range(n)])
    doc_ids = corpus["doc_id"].to_numpy(dtype=object)
    is_copy = roots != np.arange(n)
    duplicate_of = pd.array(np.where(is_copy, doc_ids[roots], None), dtype=STRING_DTYPE)
    # A copy's kind says how it relates to the group's original: exact when the words
    # are the same as the original's, else how it was linked.
    words_array = words.to_numpy(dtype=object)
    kinds = []
    for i in range(n):
        if not is_copy[i]:
            kinds.append(pd.NA)
        elif has_words[i] and words_array[i] == words_array[roots[i]]:
            kinds.append("exact")
        else:
            kinds.append(kind[i] if kind[i] == "key" else "near")
    result = corpus.copy()
    result.attrs = copy.deepcopy(corpus.attrs)
    result["duplicate_of"] = pd.Series(duplicate_of, index=corpus.index)
    result["duplicate_kind"] = pd.Series(kinds, index=corpus.index, dtype=STRING_DTYPE)
    counts = result["duplicate_kind"].value_counts()
    summary = {
        "documents": n,
        "exact": int(counts.get("exact", 0)),
        "near": int(counts.get("near", 0)),
        "key": int(counts.get("key", 0)),
        "duplicates": int(is_copy.sum()),
        "without_words": int((~has_words).sum()),
        "dropped": 0,
        "parameters": {
            "near": bool(near),
            "threshold": float(threshold),
            "seed": int(seed),
            "on": on,
            "key": key,
            "shingle_size": int(shingle_size),
            "num_perm": int(num_perm),
        },
    }
    if drop:
        result = result.loc[~is_copy].reset_index(drop=True)
        result.attrs = copy.deepcopy(corpus.attrs)
        summary["dropped"] = int(is_copy.sum())
    report = _report(result)
    report["deduplicate"] = summary
    _count_per_source(report, corpus["source"], is_copy)
    return result


def _count_per_source(report: dict[str, Any], sources: pd.Series, is_copy: np.ndarray) -> None:
    """Fill the readers' per-source ``duplicates`` field: copies among each file's rows.

    ``read_corpus`` writes each row's ``source`` as ``"<file>, <record>"`` and leaves
    ``duplicates`` as ``None`` in each entry of ``report["sources"]`` for this.
    """
    entries = report.get("sources")
    if not isinstance(entries, list):
        return
    values = sources.astype(STRING_DTYPE).fillna("")
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("source"), str):
            continue
        name = entry["source"]
        rows = ((values == name) | values.str.startswith(name + ", ")).to_numpy(dtype=bool)
        entry["duplicates"] = int((rows & is_copy).sum())


def _check_deduplicate_parameters(
    corpus: pd.DataFrame,
    threshold: object,
    on: object,
    key: object,
    shingle_size: object,
    num_perm: object,
    seed: object,
) -> None:
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, (int, float))
        or not (0 < threshold <= 1)
    ):
        raise ValueError(
            "The 'threshold' parameter of deduplicate must be a number in (0, 1]. "
            f"Got {threshold!r} instead."
        )
    for name, value in (("on", on), ("key", key)):
        if name == "key" and value is None:
            continue
        if not isinstance(value, str) or value not in corpus.columns:
            raise CorpusError(
                f"The '{name}' parameter of deduplicate must name a column of the corpus "
                f"({', '.join(map(str, corpus.columns))}). Got {value!r} instead."
            )
    for name, value, low, high in (
        ("shingle_size", shingle_size, 1, len(_POSITION_MULTIPLIERS)),
        ("num_perm", num_perm, 2, 1024),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(
                f"The '{name}' parameter of deduplicate must be an integer from {low} to "
                f"{high}. Got {value!r} instead."
            )
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(
            f"The 'seed' parameter of deduplicate must be a non-negative integer. Got {seed!r} "
            "instead."
        )


def _as_int64(published: pd.Series) -> np.ndarray:
    values = published.dt.tz_convert("UTC").dt.tz_localize(None).astype("datetime64[ns]")
    return values.to_numpy().view(np.int64)


def _normalised_words(values: pd.Series) -> pd.Series:
    """Case-folded words joined by single spaces: punctuation and spacing do not count."""
    text = values.astype(STRING_DTYPE).fillna("").str.casefold()
    return text.str.replace(_NOT_WORD.pattern, " ", regex=True).str.strip()


def _first_of_groups(
    values: pd.Series, order: np.ndarray, mask: np.ndarray
) -> list[tuple[int, int]]:
    """Pairs (later, first) of positions holding equal values, in chronological order."""
    ordered = order[mask[order]]
    if len(ordered) == 0:
        return []
    keys = values.to_numpy(dtype=object)[ordered]
    positions = pd.Series(ordered)
    firsts = positions.groupby(pd.Series(keys, dtype=object), sort=False).transform("first")
    copies = (firsts != positions).to_numpy()
    return list(zip(positions[copies].tolist(), firsts[copies].tolist(), strict=True))


def _word_hash(word: str) -> int:
    # crc32 of two seeds gives a stable 64-bit hash (Python's hash() changes per process).
    data = word.encode("utf-8", "surrogatepass")
    return (zlib.crc32(data) << 32) | zlib.crc32(data, 0x5BD1E995)


def _mix(values: np.ndarray) -> np.ndarray:
    # The splitmix64 finaliser: spreads every input bit over the 64 output bits.
    values = values ^ (values >> _UINT64(30))
    values = values * _UINT64(0xBF58476D1CE4E5B9)
    values = values ^ (values >> _UINT64(27))
    values = values * _UINT64(0x94D049BB133111EB)
    return values ^ (values >> _UINT64(31))


def _shingle_sets(words: np.ndarray, positions: list[int], size: int) -> dict[int, np.ndarray]:
    """Each document's sorted, unique 64-bit hashes of its word ``size``-grams."""
    vocabulary: dict[str, int] = {}
    shingles: dict[int, np.ndarray] = {}
    with np.errstate(over="ignore"):
        for position in positions:
            tokens = words[position].split(" ")
            hashes = np.fromiter(
                (
                    vocabulary[t] if t in vocabulary else vocabulary.setdefault(t, _word_hash(t))
                    for t in tokens
                ),
                dtype=_UINT64,
                count=len(tokens),
            )
            width = min(size, len(tokens))
            count = len(tokens) - width + 1
            combined = np.zeros(count, dtype=_UINT64)
            for offset in range(width):
                combined ^= _mix(hashes[offset : offset + count] * _POSITION_MULTIPLIERS[offset])
            shingles[position] = np.unique(_mix(combined))
    return shingles


def _identity(value: Any) -> Any:
    return value


def _near_pairs(
    positions: list[int],
    shingles: dict[int, np.ndarray],
    threshold: float,
    seed: int,
    num_perm: int,
) -> list[tuple[int, int]]:
    """Pairs (later, earlier) whose shingle sets have Jaccard similarity >= threshold.

    ``positions`` is in chronological order; each document is compared with the earlier
    ones the LSH index proposes, and a pair is kept only if its exact Jaccard similarity
    reaches the threshold.
    """
    from datasketch import MinHash, MinHashLSH

    if len(positions) < 2:
        return []
    # datasketch's default 32-bit scheme takes 32-bit values from the hash function.
    low_bits = ((shingles[p] & _UINT64(0xFFFFFFFF)).astype(np.uint32) for p in positions)
    signatures = MinHash.generator(low_bits, num_perm=num_perm, seed=seed, hashfunc=_identity)
    index = MinHashLSH(
        threshold=threshold, num_perm=num_perm, params=_band_parameters(threshold, num_perm)
    )
    pairs: list[tuple[int, int]] = []
    for position, signature in zip(positions, signatures, strict=True):
        for candidate in sorted(index.query(signature)):
            if _jaccard(shingles[position], shingles[candidate]) >= threshold:
                pairs.append((position, candidate))
        index.insert(position, signature, check_duplication=False)
    return pairs


def _band_parameters(threshold: float, num_perm: int, recall: float = 0.999) -> tuple[int, int]:
    """LSH bands and rows that propose a pair at the threshold with at least ``recall``.

    datasketch's default banding balances false positives against false negatives, and
    at a threshold of 0.9 with 128 permutations misses four pairs in ten at similarity
    0.9. Candidates are verified exactly, so a false positive costs only time: take the
    most rows per band (fewest false candidates) that still keep the recall.
    """
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if 1 - (1 - threshold**rows) ** bands >= recall:
            return bands, rows
    return num_perm, 1


def _jaccard(first: np.ndarray, second: np.ndarray) -> float:
    shared = np.intersect1d(first, second, assume_unique=True).size
    return shared / (first.size + second.size - shared)
