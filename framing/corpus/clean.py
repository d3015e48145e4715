"""Text repair and boilerplate removal for corpus tables (duplicates: :mod:`framing.corpus.dedup`).

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
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import ftfy
import pandas as pd

from framing._checks import check_number, check_whole
from framing.corpus._mojibake import (
    CYRILLIC_MOJIBAKE,
    FTFY_CONFIG,
    SAFE_CYRILLIC,
    SAFE_EXTRA,
    ftfy_leaves_alone,
)
from framing.corpus.schema import STRING_DTYPE, validate_corpus

__all__ = ["remove_boilerplate", "repair_text"]

#: Where deduplicate and remove_boilerplate write what they did, beside the readers' report.
LOAD_REPORT_KEY = "load_report"

# Only entities closed by ";": "&amp;" and "&#8217;" are markup, "?a=1&not=2" is a URL.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

# Horizontal white space: tabs, no-break spaces, thin spaces and the other Unicode
# space separators all become one ordinary space.
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n)+")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Characters left invisible but harmful: NUL, the byte-order mark, zero-width no-break.
_INVISIBLE = re.compile(r"[\x00\ufeff]")

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
    (?<![^\W_])                # at a word's start, where every match starts: without
                               # it the search retries from each letter of each word
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
       URLs, domains (``sputniknews.com``), e-mail addresses, names of capitals
       joined by a dot (``VEB.RF``) and sites named with a capitalised top-level
       domain (``Censor.NET``, ``Booking.Com``, ``Pravda.Ru``) are left alone.

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
    from names such as "YouTube" or "McDonald" needs more than the characters. A site
    named with a country code and followed by a space ("as Ukrinform.UA wrote") is
    split, as "said.UK officials" must be.

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
    return _until_unchanged(_repair_once, text)


def _until_unchanged(step: Callable[[str], str], text: str, first: str | None = None) -> str:
    """``step`` applied until the text stops changing (at most 10 times).

    ``first``, when given, is ``step(text)``, computed already.
    """
    for attempt in range(10):
        repaired = first if attempt == 0 and first is not None else step(text)
        if repaired == text:
            break
        text = repaired
    return text


# The values that need the entity, ftfy/NFC or white-space steps: any other character
# (a line break is "\n" only), Cyrillic that may be mojibake, an entity, or white space
# that _normalise_whitespace would change. RE2 syntax, run by pyarrow over a whole column
# at once: "$" is the end of the text, as "\Z" in Python.
_NEEDS_ALL_STEPS = (
    f"[^\n -~{SAFE_EXTRA}{SAFE_CYRILLIC}]|{CYRILLIC_MOJIBAKE}|{_ENTITY.pattern}"
    r"|  | \n|\n |\n\n\n|^[ \n]|[ \n]$"
)
# A superset of what _GLUED finds and _unglue_sentences acts on: two letters or digits
# (Python's [^\W_] is a subset of \pL\pN), the marks, then a character that is no
# lower-case letter, digit or space (the next sentence's capital).
_MAYBE_GLUED = r"""[\pL\pN]{2}[)\]”’"']?[.!?]+[”’»)\]']*"?[“‘«]?[^\p{Ll}\p{Nd}\s]"""

#: Top-level domains that are no English word a sentence starts with. Generic ones
#: written in capitals ("Censor.NET", "Amazon.COM") end a site's name wherever they stand;
#: these and the country codes of the region's sites ("Pravda.Ru", "Ukrinform.UA") do
#: where no space follows them (the end of a headline, "Booking.Com," or "(Pravda.Ru)").
#: "said.UK officials" and "said.Net income" are still two sentences.
_GENERIC_DOMAINS = frozenset("com net org info biz gov edu io tv fm".split())
_COUNTRY_DOMAINS = frozenset("ua ru uk us de fr eu by kz pl".split())
# A site named with a generic top-level domain in capitals, before a space or the end
# ("| Censor.NET" ends a third of RUWA's headlines): _unglue_sentences never splits it,
# and no glued sentence end can use its letters (a space follows them), so its dot and
# domain are taken out before _MAYBE_GLUED looks.
_SITE_NAME = r"([\pL\pN])\.(?:" + "|".join(sorted(d.upper() for d in _GENERIC_DOMAINS)) + r")(\s|$)"


def repair_texts(values: Sequence[str | None]) -> list[str | None]:
    """:func:`repair_text` of each value (None stays None), computed only where needed.

    The same result as ``[repair_text(v) for v in values]``, several times faster on news
    text, most of which repair leaves as it is. Two regular expressions run over all the
    values at once (pyarrow's RE2, in C++): values with a character, entity or white
    space that the first steps would change get the whole :func:`repair_text`; of the
    others, those that may hold a glued sentence end get the ungluing step alone (the
    other steps leave them as they are, and ungluing only adds a space between two
    marks or letters, which keeps it so); every other value is returned as it is. Equal
    values are repaired once.

    Parameters
    ----------
    values : sequence of str or None
        The texts, e.g. a column's cells.

    Returns
    -------
    list of str or None
        The repaired texts, in order.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    out = list(values)
    present = [i for i, value in enumerate(out) if value is not None]
    if not present:
        return out
    try:
        array = pa.array([out[i] for i in present], type=pa.large_string())
    except (pa.ArrowException, UnicodeEncodeError):  # a lone surrogate: no UTF-8
        everything = [True] * len(present)
        whole, glued = everything, everything
    else:
        whole = pc.match_substring_regex(array, _NEEDS_ALL_STEPS).to_numpy(zero_copy_only=False)
        sites_out = pc.replace_substring_regex(array, _SITE_NAME, r"\1\2")
        glued = pc.match_substring_regex(sites_out, _MAYBE_GLUED).to_numpy(zero_copy_only=False)
    repaired: dict[str, str] = {}
    for position, needs_all, maybe_glued in zip(present, whole, glued, strict=True):
        value = out[position]
        if value in repaired:
            out[position] = repaired[value]
        elif needs_all:
            # repair_text's loop, its first pass split in two: where the steps before
            # ungluing change nothing and the pre-filter finds no glued sentence end (an
            # emoji or a no-break space in otherwise plain text), ungluing is skipped
            cleaned = _clean_once(value)
            first = value if cleaned == value and not maybe_glued else _unglue_sentences(cleaned)
            out[position] = repaired[value] = _until_unchanged(_repair_once, value, first)
        elif maybe_glued:
            out[position] = repaired[value] = _unglue_repeatedly(value)
    return out


def _unglue_repeatedly(text: str) -> str:
    """repair_text of a text that only _unglue_sentences changes: the same loop, one step."""
    return _until_unchanged(_unglue_sentences, text)


def _repair_once(text: str) -> str:
    return _unglue_sentences(_clean_once(text))


def _clean_once(text: str) -> str:
    """One pass of repair's steps before ungluing: entities, ftfy and NFC, white space."""
    text = _decode_entities(text)
    if not ftfy_leaves_alone(text):
        text = ftfy.fix_text(text, FTFY_CONFIG)
        text = _LONE_SURROGATE.sub("\ufffd", text)
        text = _INVISIBLE.sub("", text)
        text = unicodedata.normalize("NFC", text)
    return _normalise_whitespace(text)


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
        if _is_acronym_pair(text, match, end):
            continue  # "VEB.RF", "RIA.RU": one name written with a dot
        if _is_site_name(text, match, end):
            continue  # "Censor.NET", "Booking.Com": a site's name, not two sentences
        if protected is None:
            # a URL needs "://" or "www.", an e-mail address "@": most texts have neither
            # (the search itself costs more than the rest of this function)
            protected = (
                [(m.start(), m.end()) for m in _PROTECTED.finditer(text)]
                if "@" in text or "://" in text or "www." in text
                else []
            )
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


def _is_acronym_pair(text: str, match: re.Match[str], end: int) -> bool:
    """True where capitals are joined by one dot to capitals: "VEB.RF", not "USA.The"."""
    if match.group("end") != "." or match.group("close") or match.group("straight"):
        return False
    before = text[match.start() : match.start("end")]
    after = _LEADING_WORD.match(text, end)
    return (
        before.isupper()
        and before.isalpha()
        and after is not None
        and after.group().isupper()
        and after.group().isalpha()
    )


_LEADING_WORD = re.compile(r"[^\W\d_]+")


def _is_site_name(text: str, match: re.Match[str], end: int) -> bool:
    """True where the word after one dot is a site's top-level domain: "Censor.NET"."""
    if match.group("end") != "." or match.group("close") or match.group("straight"):
        return False
    if match.group("open"):
        return False
    after = _LEADING_WORD.match(text, end)
    if after is None:
        return False
    label = after.group()
    lower = label.lower()
    if lower not in _GENERIC_DOMAINS and lower not in _COUNTRY_DOMAINS:
        return False
    if lower in _GENERIC_DOMAINS and label.isupper():
        return True
    following = text[after.end() : after.end() + 1]
    return not following.isspace()


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
    function = "remove_boilerplate"
    check_number(min_share, parameter="min_share", function=function, low=0, high=1, low_open=True)
    min_documents = check_whole(
        min_documents, parameter="min_documents", function=function, minimum=1
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
