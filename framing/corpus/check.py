"""Documents whose text looks damaged: check_corpus, and ``framing read --check``.

Reading can go wrong in ways no reader can see from one record: a wrong encoding guess
(mojibake), bytes that could not be decoded (U+FFFD), line breaks lost between words
("Kievyesterday"), markup or a JSON value stored as the text. :func:`check_corpus` looks
at every document's title, description and text for the marks these leave and lists
each document that has one, with the problem and an example, so that a user can say
"every document was read right" or find the ones that were not.

The problems, each a heuristic (a document listed is worth a look, not surely broken):

==================  =====================================================================
problem             what is looked for
==================  =====================================================================
``replacement``     U+FFFD, the character a decoder puts for bytes it could not read
``mojibake``        UTF-8 read in a one-byte encoding ("donâ€™t", "ÐšÐ¸ÐµÐ²"), by ftfy's
                    badness measure
``markup``          HTML tags (``<p>``, ``</div>``, ``<br/>``, ...) or entities (``&amp;``)
``json``            a JSON array or object stored as the text (``["para one", ...``,
                    ``{"text": ...``)
``glued_words``     words joined where a line break or space was lost: a lower-case word
                    run into a capitalised one ("operationThe"), or a word found nowhere
                    else in the corpus that splits into two common words of it
                    ("Kievyesterday" where "Kiev" and "yesterday" are common)
==================  =====================================================================
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from html import escape
from typing import Any

import pandas as pd

from framing.corpus.schema import validate_corpus

__all__ = ["CorpusCheck", "check_corpus"]

PROBLEMS = ("replacement", "mojibake", "markup", "json", "glued_words")
_FIELDS = ("title", "description", "text")
_TAG = re.compile(
    r"</?(?:p|div|span|a|br|hr|img|strong|em|b|i|u|ul|ol|li|h[1-6]|script|style|table|tr|td|"
    r"th|iframe|figure|figcaption|blockquote|section|article|header|footer|nav|meta|link|"
    r"noscript|svg|button|form|input)(?:\s[^<>]{0,300})?/?>",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|apos|nbsp|#\d{2,7}|#x[0-9a-fA-F]{2,6});")
_JSON_START = re.compile(r"""^\s*(?:\[\s*["{\[]|\{\s*")""")
_JSON_INSIDE = re.compile(
    r"""\{\s*"[^"\n]{1,40}"\s*:\s*["\[{]|\[\s*"[^"\n]*"\s*,\s*"[^"\n]*"\s*\]"""
)
_WORD = re.compile(r"[^\W\d_]+")
# Shortest word halves that count: "of"+"the" glued is too common in names to tell apart.
_PART = 3
_GLUED_MIN = 7
# A part must be at least this frequent in the corpus to be a "common word".
_COMMON = 3
# Words split into two common words count from this many, and one in this many words.
_DENSE_MIN = 3
_DENSE_SHARE = 50


class CorpusCheck:
    """What :func:`check_corpus` found: one row per document and problem.

    Attributes
    ----------
    problems : pandas.DataFrame
        ``doc_id, source, field, problem, count, example``: the document, where it was
        read from, the field (title, description, text), the problem (see
        :mod:`framing.corpus.check`), how many times it occurs and one example with
        some context.
    documents : int
        The number of documents checked.
    """

    def __init__(self, problems: pd.DataFrame, documents: int) -> None:
        self.problems = problems
        self.documents = documents

    @property
    def ok(self) -> bool:
        """True if no document looks damaged."""
        return self.problems.empty

    @property
    def damaged(self) -> list[str]:
        """The ids of the documents listed, in corpus order."""
        return list(dict.fromkeys(self.problems["doc_id"].tolist()))

    def __str__(self) -> str:
        damaged = self.damaged
        lines = [
            f"Corpus check: {len(damaged)} of {self.documents} documents look damaged"
            + (":" if damaged else ".")
        ]
        if damaged:
            counts = self.problems.groupby("problem", sort=False)["doc_id"].nunique()
            lines.append(
                "  " + ", ".join(f"{problem}: {count}" for problem, count in counts.items())
            )
            for row in self.problems.head(50).itertuples(index=False):
                lines.append(
                    f"  {row.doc_id} ({row.source}) {row.field}: {row.problem} x{row.count}: "
                    f"{row.example!r}"
                )
            if len(self.problems) > 50:
                lines.append(f"  ... and {len(self.problems) - 50} more (see .problems)")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        head = escape(str(self).splitlines()[0])
        if self.ok:
            return f"<p>{head}</p>"
        return f"<p>{head}</p>" + self.problems.head(50).to_html(index=False, escape=True)


def check_corpus(corpus: pd.DataFrame, *, fields: Sequence[str] = _FIELDS) -> CorpusCheck:
    """List every document whose text looks damaged by reading.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (see ``framing.corpus.schema``).
    fields : sequence of str
        The text columns to look at; by default title, description and text.

    Returns
    -------
    CorpusCheck
        ``.problems`` (one row per document, field and problem), ``.damaged`` (the
        documents' ids) and ``.ok``; printed, a summary and the first 50 problems.

    Raises
    ------
    CorpusError
        If ``corpus`` is not a corpus.
    ValueError
        If a field is not a column of the corpus.

    Notes
    -----
    Each test is a heuristic, tuned to list few sound documents (see
    :mod:`framing.corpus.check` for what each looks for). Glued words are judged against
    the corpus's own vocabulary: in a corpus of a few documents, only the
    "lowercaseCapital" shape is found.

    Examples
    --------
    >>> import pandas as pd
    >>> import framing
    >>> corpus = framing.as_corpus(pd.DataFrame({
    ...     "doc_id": ["a", "b", "c"], "title": ["Fine", "Broken", "Cut"],
    ...     "text": ["All is well.", "donâ€™t panic <p>now</p>", "He said \ufffd."]}),
    ...     outlet="X")
    >>> check = framing.check_corpus(corpus)
    >>> check.damaged
    ['b', 'c']
    >>> check.problems[["doc_id", "problem"]].values.tolist()
    [['b', 'markup'], ['c', 'replacement']]
    """
    validate_corpus(corpus)
    fields = [fields] if isinstance(fields, str) else list(fields)
    missing = [field for field in fields if field not in corpus.columns]
    if missing:
        raise ValueError(
            f"The 'fields' parameter of check_corpus must name text columns of the corpus. "
            f"Got {missing}, which it lacks, instead."
        )
    import ftfy.badness

    values = {
        field: corpus[field].astype(object).where(corpus[field].notna(), None).tolist()
        for field in fields
    }
    vocabulary = _vocabulary([text for field in fields for text in values[field]])
    rows: list[dict[str, Any]] = []
    ids = corpus["doc_id"].tolist()
    sources = corpus["source"].tolist() if "source" in corpus.columns else [None] * len(ids)
    for position, doc_id in enumerate(ids):
        for field in fields:
            text = values[field][position]
            if not isinstance(text, str) or not text:
                continue
            for problem, count, example in _problems(text, vocabulary, ftfy.badness.is_bad):
                rows.append(
                    {
                        "doc_id": doc_id,
                        "source": sources[position],
                        "field": field,
                        "problem": problem,
                        "count": count,
                        "example": example,
                    }
                )
    table = pd.DataFrame(rows, columns=["doc_id", "source", "field", "problem", "count", "example"])
    for column in ("doc_id", "source", "field", "problem", "example"):
        table[column] = table[column].astype("string")
    table["count"] = table["count"].astype("int64")
    return CorpusCheck(table, len(ids))


def _vocabulary(texts: list[Any]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        if isinstance(text, str):
            counts.update(word.lower() for word in _WORD.findall(text))
    return counts


def _excerpt(text: str, start: int, end: int) -> str:
    left, right = max(0, start - 30), min(len(text), end + 30)
    return (
        ("…" if left else "")
        + text[left:right].replace("\n", " ")
        + ("…" if right < len(text) else "")
    )


def _problems(text: str, vocabulary: Counter[str], is_bad: Any) -> list[tuple[str, int, str]]:
    found: list[tuple[str, int, str]] = []
    if "\ufffd" in text:
        at = text.index("\ufffd")
        found.append(("replacement", text.count("\ufffd"), _excerpt(text, at, at + 1)))
    if not text.isascii() and is_bad(text):
        found.append(("mojibake", 1, _excerpt(text, 0, 0)[:80]))
    tags = list(_TAG.finditer(text)) + list(_ENTITY.finditer(text))
    if tags:
        first = min(tags, key=lambda m: m.start())
        found.append(("markup", len(tags), _excerpt(text, first.start(), first.end())))
    json_found = _json_found(text)
    if json_found is not None:
        found.append(("json", 1, json_found))
    glued = _glued_words(text, vocabulary)
    if glued:
        found.append(("glued_words", len(glued), ", ".join(glued[:5])))
    return found


def _json_found(text: str) -> str | None:
    stripped = text.strip()
    if _JSON_START.match(stripped):
        try:
            value = json.loads(stripped)
        except (ValueError, RecursionError):
            value = None
        if isinstance(value, list | dict) or _JSON_INSIDE.search(stripped[:2000]):
            return stripped[:60]
    inside = _JSON_INSIDE.search(text)
    if inside is not None:
        return _excerpt(text, inside.start(), inside.end())
    return None


def _glued_words(text: str, vocabulary: Counter[str]) -> list[str]:
    """Words that look like two words glued: "operationThe", or two common words.

    A word that splits into two common words of the corpus is most often a compound
    ("backfire", "household"), a few to a document; text whose line breaks were lost
    has one at every line end. So those count only where they are dense: at least
    three, and one word in fifty.
    """
    camel: list[str] = []
    split: list[str] = []
    words = _WORD.findall(text)
    for word in words:
        if len(word) < _GLUED_MIN - 2:
            continue
        if _camel_join(word):
            camel.append(word)
            continue
        lower = word.lower()
        if len(word) >= _GLUED_MIN and word[1:].islower() and vocabulary.get(lower, 0) <= 1:
            if _splits_into_common_words(lower, vocabulary):
                split.append(word)
    if len(split) >= _DENSE_MIN and len(split) * _DENSE_SHARE >= len(words):
        return camel + split
    return camel


def _camel_join(word: str) -> bool:
    """A lower-case word of two letters or more run into a capitalised one: "operationThe"."""
    for at in range(2, len(word) - 2):
        if (
            word[at].isupper()
            and word[at + 1].islower()
            and word[at + 2].islower()
            and word[:at].islower()
        ):
            return True
    return False


def _splits_into_common_words(word: str, vocabulary: Counter[str]) -> bool:
    for at in range(_PART, len(word) - _PART + 1):
        head, tail = word[:at], word[at:]
        if vocabulary.get(head, 0) >= _COMMON and vocabulary.get(tail, 0) >= _COMMON:
            return True
    return False
